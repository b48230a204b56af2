"""``python -m titlemap``: the same command line as ``titlemap`` (see :mod:`titlemap.cli`)."""

from __future__ import annotations

import sys

from titlemap.cli import main

if __name__ == "__main__":
    sys.exit(main())
