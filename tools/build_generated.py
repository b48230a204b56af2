"""Regenerate the files the package ships that are generated from the code and data.

Run after editing anything under ``ladders/`` or the models in ``titlemap/models.py``::

    python tools/build_generated.py

It writes ``src/titlemap/bundle/`` (the bundled YAML ladders, validated and compiled, one JSON
file per ladder plus ``index.json``, so that ``import titlemap`` + the first ``normalize`` skip
YAML parsing and read one ladder) and
``src/titlemap/ladder.schema.json`` (the JSON Schema of ladder files, for editors).
``tests/test_data.py`` fails until both are current; the generated blocks of the docs are
rebuilt by ``tools/gen_yaml_reference.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from titlemap.compiled import BUNDLE_DIR, compile_bundled
from titlemap.schema import json_schema_text

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "titlemap"


def main() -> int:
    bundle = PACKAGE / BUNDLE_DIR
    bundle.mkdir(exist_ok=True)
    files = compile_bundled()
    for stale in bundle.glob("*.json"):
        if stale.name not in files:  # a ladder that no longer exists
            stale.unlink()
            print(f"removed {stale}", file=sys.stderr)
    for name, text in files.items():
        (bundle / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files to {bundle}", file=sys.stderr)
    schema = PACKAGE / "ladder.schema.json"
    schema.write_text(json_schema_text(), encoding="utf-8")
    print(f"wrote {schema}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
