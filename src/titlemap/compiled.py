"""The bundled ladders, read from the YAML in ``ladders/`` or from its compiled JSON form.

The YAML files under the top-level ``ladders/`` folder (shipped as the ``titlemap.ladders``
package: ``markets/``, ``companies/``, ``families/``, ``crosswalks/``) are the source of truth.
``tools/build_generated.py`` loads and validates them exactly as users' files are loaded and
writes the result to ``titlemap/compiled.json`` with a SHA-256 digest of the YAML it came from
(phonenumbers-style generated metadata, never edited by hand). At run time the compiled file is
used only while its digest matches the shipped YAML; after an edit to the YAML, the YAML is
loaded instead until the file is compiled again (a test fails until then).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator, Mapping
from importlib import resources
from importlib.abc import Traversable
from typing import Any

from .ladder import Ladder, LadderHeader
from .models import Ambiguity, CompanyInfo, Condition, Lateral, LevelRange, Rule, Rung, Source

__all__ = [
    "BUNDLE_FOLDERS",
    "COMPILED_NAME",
    "LazyLadders",
    "bundled_yaml",
    "compile_bundled",
    "load_bundled",
]

COMPILED_NAME = "compiled.json"
#: The folders of the bundled data, one per kind of file.
BUNDLE_FOLDERS: tuple[str, ...] = ("markets", "companies", "families", "crosswalks")
_FORMAT = 2
_GENERATED_BY = "tools/build_generated.py from the YAML in ladders/; do not edit by hand"


def _folder(name: str) -> Traversable:
    return resources.files("titlemap.ladders") / name


def bundled_yaml() -> list[tuple[str, bytes]]:
    """The bundled YAML files as ``(name, bytes)``, named ``<bundled>/<folder>/<file>``."""
    out: list[tuple[str, bytes]] = []
    for folder in BUNDLE_FOLDERS:
        base = _folder(folder)
        if not base.is_dir():
            continue
        entries = sorted((e for e in base.iterdir() if e.name.endswith(".yaml")), key=lambda e: e.name)
        out.extend((f"<bundled>/{folder}/{e.name}", e.read_bytes()) for e in entries)
    return out


def _digest(files: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, raw in files:
        h.update(name.encode())
        h.update(len(raw).to_bytes(8, "big"))
        h.update(raw)
    return h.hexdigest()


def compile_bundled() -> str:
    """Load and validate the bundled YAML; return the compiled JSON text."""
    from .loading import load_texts

    files = bundled_yaml()
    data = load_texts(files)
    doc = {
        "generated_by": _GENERATED_BY,
        "format": _FORMAT,
        "digest": _digest(files),
        "ladders": [data.ladders[i].model_dump(mode="json") for i in sorted(data.ladders)],
        "rules": [r.model_dump(mode="json") for r in data.rules],
        "sources": [data.sources[i].model_dump(mode="json") for i in sorted(data.sources)],
    }
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


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
    """Compiled ladders, each built from its JSON the first time it is used (thread-safe).

    ``import titlemap`` + the first ``normalize`` in one market builds one ladder, not every
    market and company; :meth:`headers` says how each is looked up without building it.
    """

    def __init__(self, raw: Mapping[str, dict[str, Any]]) -> None:
        self._raw = dict(raw)
        self._built: dict[str, Ladder] = {}
        self._lock = threading.Lock()

    def __getitem__(self, ladder_id: str) -> Ladder:
        found = self._built.get(ladder_id)
        if found is None:
            built = _ladder(self._raw[ladder_id])
            with self._lock:
                found = self._built.setdefault(ladder_id, built)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def headers(self) -> dict[str, LadderHeader]:
        """Every ladder's header, read from the JSON."""
        out: dict[str, LadderHeader] = {}
        for i, d in self._raw.items():
            company = d.get("company") or {}
            places = (*d.get("countries", ()), *d.get("country_names", ()), *d.get("cities", ()))
            out[i] = LadderHeader(
                i, d["kind"], d["family"], d.get("extends"), tuple(places), tuple(company.get("names", ()))
            )
        return out

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyLadders, (self._raw,))


def load_bundled() -> tuple[Mapping[str, Ladder], tuple[Rule, ...], dict[str, Source]]:
    """The bundled ladders, rules and crosswalk sources: from the compiled file when it is
    current, else from the YAML."""
    files = bundled_yaml()
    compiled = resources.files("titlemap") / COMPILED_NAME
    try:
        doc = json.loads(compiled.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        doc = None
    if doc is not None and doc.get("format") == _FORMAT and doc.get("digest") == _digest(files):
        ladders = LazyLadders({d["id"]: d for d in doc["ladders"]})
        sources = {d["id"]: Source.model_construct(**d) for d in doc["sources"]}
        return ladders, tuple(_rule(r) for r in doc["rules"]), sources
    from .loading import load_texts  # the YAML changed since it was compiled: read it directly

    data = load_texts(files)
    return data.ladders, data.rules, data.sources
