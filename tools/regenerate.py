"""Regenerate everything in the repository that is generated from the code and the ladder data.

Run after editing anything under ``ladders/``, the specs in ``src/titlemap/models.py``, the
spine, or the notebook::

    python tools/regenerate.py            # rewrite every generated file in place
    python tools/regenerate.py --check    # exit 1 when a committed generated file is stale

It writes, in order:

1. ``src/titlemap/bundle/``: the ladders compiled to JSON (not committed; what the package reads
   first; ``setup.py`` builds the same into wheels);
2. ``src/titlemap/ladder.schema.json``: the JSON Schema of ladder files, for editors;
3. the generated blocks of the docs (``tools/gen_yaml_reference.py``): the file reference in
   ``docs/ladder-files.md``, the spine in ``docs/concepts.md``, ``docs/sources.md``,
   ``docs/markets.md`` and ``docs/companies.md``;
4. the notebook's outputs (``tools/refresh_notebook.py``; skipped with ``--no-notebook``, as it
   needs a Jupyter kernel and takes a minute).

The tests fail while any committed generated file is stale, naming this command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import gen_yaml_reference  # noqa: E402

from titlemap.compiled import BUNDLE_DIR, compile_bundled, write_bundle  # noqa: E402
from titlemap.schema import json_schema_text  # noqa: E402

PACKAGE = ROOT / "src" / "titlemap"
SCHEMA = PACKAGE / "ladder.schema.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when a committed generated file is stale")
    ap.add_argument("--no-notebook", action="store_true", help="leave the notebook's outputs alone")
    args = ap.parse_args(argv)
    stale: list[str] = []
    if not args.check:
        write_bundle(str(PACKAGE / BUNDLE_DIR), compile_bundled())
        print(f"wrote {PACKAGE / BUNDLE_DIR}", file=sys.stderr)
    schema = json_schema_text()
    if args.check:
        if SCHEMA.read_text(encoding="utf-8") != schema:
            stale.append(str(SCHEMA.relative_to(ROOT)))
    else:
        SCHEMA.write_text(schema, encoding="utf-8")
        print(f"wrote {SCHEMA}", file=sys.stderr)
    if gen_yaml_reference.main(["--check"] if args.check else []) != 0:
        stale.append("docs (generated blocks)")
    if not args.no_notebook:
        import refresh_notebook

        if refresh_notebook.main(["--check"] if args.check else []) != 0:
            stale.append("docs/notebooks/explore_ladders.ipynb")
    if stale:
        print("stale: " + ", ".join(stale) + "; run: python tools/regenerate.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
