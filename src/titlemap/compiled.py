"""The bundled ladders, read from the YAML in ``ladders/`` or from their compiled JSON form.

The YAML files under the top-level ``ladders/`` folder (shipped as the ``titlemap.ladders``
package: ``markets/``, ``companies/``, ``families/``, ``crosswalks/``) are the source of truth.
``tools/build_generated.py`` loads and validates them exactly as users' files are loaded and
writes the result to ``titlemap/bundle/``: one JSON file per ladder and ``index.json`` (every
ladder's header, the crosswalk rules and sources, and a SHA-256 digest of the YAML it came
from), phonenumbers-style generated metadata, never edited by hand. A ladder's file is read the
first time the ladder is used, so ``import titlemap`` + the first ``normalize`` read one ladder,
not all of them. The compiled files are used only while the digest matches the shipped YAML;
after an edit to the YAML, the YAML is loaded instead until it is compiled again (a test fails
until then).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator, Mapping
from typing import Any

from .ladder import Ladder, LadderHeader
from .models import Ambiguity, CompanyInfo, Condition, Lateral, LevelRange, Rule, Rung, Source

__all__ = [
    "BUNDLE_DIR",
    "BUNDLE_FOLDERS",
    "INDEX_NAME",
    "LazyLadders",
    "bundled_yaml",
    "compile_bundled",
    "load_bundled",
]

#: The folder of the package that holds the compiled ladders.
BUNDLE_DIR = "bundle"
#: The compiled bundle's index: headers, rules, sources and the digest of the YAML.
INDEX_NAME = "index.json"
#: The folders of the bundled data, one per kind of file.
BUNDLE_FOLDERS: tuple[str, ...] = ("markets", "companies", "families", "crosswalks")
_FORMAT = 3
_GENERATED_BY = "tools/build_generated.py from the YAML in ladders/; do not edit by hand"
_HERE = os.path.dirname(os.path.abspath(__file__))


def _package_file(package: str, base: str, *parts: str) -> bytes:
    """A file shipped in a package: read from disk, or through importlib.resources when the
    package is not a folder (a zip import). ``base`` is the package's folder when it has one."""
    try:
        with open(os.path.join(base, *parts), "rb") as f:
            return f.read()
    except (FileNotFoundError, NotADirectoryError):
        from importlib import resources

        return resources.files(package).joinpath(*parts).read_bytes()


def _ladders_folder() -> str:
    from importlib import import_module

    ladders = import_module("titlemap.ladders")  # the top-level ladders/ folder, packaged
    return os.path.dirname(os.path.abspath(ladders.__file__ or ""))


def bundled_yaml() -> list[tuple[str, bytes]]:
    """The bundled YAML files as ``(name, bytes)``, named ``<bundled>/<folder>/<file>``."""
    base = _ladders_folder()
    listing = _yaml_on_disk if os.path.isdir(base) else _yaml_in_resources
    return [
        (f"<bundled>/{folder}/{name}", raw)
        for folder in BUNDLE_FOLDERS
        for name, raw in listing(base, folder)
    ]


def _yaml_on_disk(base: str, folder: str) -> list[tuple[str, bytes]]:
    where = os.path.join(base, folder)
    if not os.path.isdir(where):
        return []
    out = []
    for name in sorted(n for n in os.listdir(where) if n.endswith(".yaml")):
        with open(os.path.join(where, name), "rb") as f:
            out.append((name, f.read()))
    return out


def _yaml_in_resources(base: str, folder: str) -> list[tuple[str, bytes]]:
    """The same from a package that is not a folder on disk (a zip import)."""
    from importlib import resources

    where = resources.files("titlemap.ladders") / folder
    if not where.is_dir():
        return []
    return sorted((e.name, e.read_bytes()) for e in where.iterdir() if e.name.endswith(".yaml"))


def _digest(files: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, raw in files:
        h.update(name.encode())
        h.update(len(raw).to_bytes(8, "big"))
        h.update(raw)
    return h.hexdigest()


def _json(doc: Any) -> str:
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def compile_bundled() -> dict[str, str]:
    """Load and validate the bundled YAML; return the compiled files (name in ``bundle/`` ->
    JSON text): ``index.json`` and one ``<ladder id>.json`` per ladder."""
    from .loading import load_texts

    files = bundled_yaml()
    data = load_texts(files)
    headers = {i: _header_fields(LadderHeader.of(lad)) for i, lad in sorted(data.ladders.items())}
    out = {
        INDEX_NAME: _json(
            {
                "generated_by": _GENERATED_BY,
                "format": _FORMAT,
                "digest": _digest(files),
                "headers": headers,
                "rules": [r.model_dump(mode="json") for r in data.rules],
                "sources": [data.sources[i].model_dump(mode="json") for i in sorted(data.sources)],
            }
        )
    }
    for i in sorted(data.ladders):
        out[f"{i}.json"] = _json(data.ladders[i].model_dump(mode="json"))
    return out


def _header_fields(h: LadderHeader) -> dict[str, Any]:
    return {
        "kind": h.kind,
        "family": h.family,
        "extends": h.extends,
        "places": list(h.places),
        "company_names": list(h.company_names),
    }


def _tuples(d: dict[str, Any], *names: str) -> dict[str, Any]:
    return {**d, **{n: tuple(d[n]) for n in names if d.get(n) is not None}}


def _levels(table: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v if isinstance(v, int) else LevelRange.model_construct(level=v["level"], range=tuple(v["range"]))
        for k, v in table.items()
    }


def _rung(r: dict[str, Any]) -> Rung:
    fields = _tuples(r, "aliases", "examples", "sources", "codes", "level_range", "stages")
    fields["stage_levels"] = _levels(r.get("stage_levels") or {})
    fields["sector_levels"] = _levels(r.get("sector_levels") or {})
    return Rung.model_construct(**fields)


def _ladder(d: dict[str, Any]) -> Ladder:
    company = d.get("company")
    return Ladder.model_construct(
        **{
            **_tuples(d, "countries", "country_names", "cities", "not_product_abbreviations"),
            "company": None if company is None else CompanyInfo.model_construct(**_tuples(company, "names")),
            "sources": tuple(Source.model_construct(**s) for s in d["sources"]),
            "rungs": tuple(_rung(r) for r in d["rungs"]),
            "promotion_edges": tuple((a, tuple(b)) for a, b in d["promotion_edges"]),
            "laterals": tuple(Lateral.model_construct(**_tuples(x, "between")) for x in d["laterals"]),
            "ambiguous": tuple(
                Ambiguity.model_construct(**_tuples(a, "readings", "sources")) for a in d.get("ambiguous", ())
            ),
        }
    )


def _rule(d: dict[str, Any]) -> Rule:
    return Rule.model_construct(
        **{
            **d,
            "when": Condition.model_construct(
                **_tuples(d["when"], "background", "company_stage", "sector", "target_stage", "target_sector")
            ),
        }
    )


class LazyLadders(Mapping[str, Ladder]):
    """Compiled ladders, each read and built the first time it is used (thread-safe).

    ``import titlemap`` + the first ``normalize`` in one market reads and builds one ladder, not
    every market and company; :meth:`headers` says how each is looked up without building it.
    ``raw`` holds ladders' JSON already read; the others are read from ``bundle/`` on first use.
    """

    def __init__(self, headers: Mapping[str, LadderHeader], raw: Mapping[str, dict[str, Any]] | None = None):
        self._headers = dict(headers)
        self._raw: dict[str, dict[str, Any]] = dict(raw or {})
        self._built: dict[str, Ladder] = {}
        self._lock = threading.Lock()

    def __getitem__(self, ladder_id: str) -> Ladder:
        found = self._built.get(ladder_id)
        if found is None:
            if ladder_id not in self._headers:
                raise KeyError(ladder_id)
            built = _ladder(self._raw_of(ladder_id))
            with self._lock:
                found = self._built.setdefault(ladder_id, built)
        return found

    def _raw_of(self, ladder_id: str) -> dict[str, Any]:
        found = self._raw.get(ladder_id)
        if found is None:
            found = json.loads(_package_file("titlemap", _HERE, BUNDLE_DIR, f"{ladder_id}.json"))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers)

    def __len__(self) -> int:
        return len(self._headers)

    def __contains__(self, ladder_id: object) -> bool:
        return ladder_id in self._headers

    def headers(self) -> dict[str, LadderHeader]:
        """Every ladder's header (how it is looked up), without reading the ladder."""
        return dict(self._headers)

    def __reduce__(self) -> tuple[Any, ...]:
        # self-contained: a worker unpickling it may have another version installed, or none
        return (LazyLadders, (self._headers, {i: self._raw_of(i) for i in self._headers}))


def load_bundled() -> tuple[Mapping[str, Ladder], tuple[Rule, ...], dict[str, Source]]:
    """The bundled ladders, rules and crosswalk sources: from the compiled bundle when it is
    current, else from the YAML."""
    files = bundled_yaml()
    try:
        index = json.loads(_package_file("titlemap", _HERE, BUNDLE_DIR, INDEX_NAME))
    except (OSError, ValueError):
        index = None
    if isinstance(index, dict) and index.get("format") == _FORMAT and index.get("digest") == _digest(files):
        headers = {
            i: LadderHeader(
                i, h["kind"], h["family"], h["extends"], tuple(h["places"]), tuple(h["company_names"])
            )
            for i, h in index["headers"].items()
        }
        sources = {d["id"]: Source.model_construct(**d) for d in index["sources"]}
        return LazyLadders(headers), tuple(_rule(r) for r in index["rules"]), sources
    from .loading import load_texts  # the YAML changed since it was compiled: read it directly

    data = load_texts(files)
    return data.ladders, data.rules, data.sources
