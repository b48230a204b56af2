"""Regenerate the files the package ships that are generated from the code and data.

Run after editing anything under ``ladders/`` or the models in ``titlemap/models.py``::

    python tools/build_generated.py

It writes ``src/titlemap/compiled.json`` (the bundled YAML ladders, validated and compiled, so
that ``import titlemap`` + the first ``normalize`` skip YAML parsing) and
``src/titlemap/ladder.schema.json`` (the JSON Schema of ladder files, for editors).
``tests/test_data.py`` fails until both are current; the generated blocks of the docs are
rebuilt by ``tools/gen_yaml_reference.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from titlemap.compiled import COMPILED_NAME, compile_bundled
from titlemap.schema import json_schema_text

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "titlemap"


def main() -> int:
    for name, text in ((COMPILED_NAME, compile_bundled()), ("ladder.schema.json", json_schema_text())):
        target = PACKAGE / name
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
