"""The bundled ladders, read from the YAML in ``ladders/`` or from their compiled JSON form.

The YAML files under the top-level ``ladders/`` folder (shipped as the ``titlemap.ladders``
package: ``markets/``, ``companies/``, ``families/``, ``crosswalks/``) are the source of truth,
and the only data in the repository. Their compiled form, ``titlemap/bundle/`` (one JSON file
per ladder, built with its ``extends:`` applied, and ``index.json``: every ladder's header, the
crosswalk rules and sources, and a SHA-256 digest of the YAML it came from), is generated, never
committed and never edited by hand:

- when a wheel is built (``setup.py`` runs :func:`write_bundle` into the build), so an installed
  titlemap reads one small JSON file per ladder it uses and never parses YAML;
- in a checkout, the first time the YAML is loaded after it changed (:func:`load_bundled` loads
  the YAML, then writes the bundle beside the package when it can, as Python writes ``.pyc``
  files), so the next process starts from the JSON.

The compiled files are used only while their digest matches the shipped YAML; after an edit to
the YAML the YAML is loaded (and compiled again).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import suppress
from typing import Any

from .ladder import Ladder, LadderHeader
from .records import Language, Occupations, Rule, Source

__all__ = [
    "BUNDLE_DIR",
    "BUNDLE_FOLDERS",
    "INDEX_NAME",
    "LazyLadders",
    "bundled_yaml",
    "compile_bundled",
    "load_bundled",
    "write_bundle",
]

#: The folder of the package that holds the compiled ladders.
BUNDLE_DIR = "bundle"
#: The compiled bundle's index: headers, rules, sources and the digest of the YAML.
INDEX_NAME = "index.json"
#: The folders of the bundled data, one per kind of file.
BUNDLE_FOLDERS: tuple[str, ...] = (
    "languages",
    "markets",
    "companies",
    "families",
    "crosswalks",
    "classifications",
)
_FORMAT = 5
_GENERATED_BY = "titlemap.compiled from the YAML in ladders/; generated, do not edit or commit"
_HERE = os.path.dirname(os.path.abspath(__file__))
_CODE = _HERE  # where the package's modules are (the tests move _HERE, the bundle's home, alone)


def _package_file(package: str, base: str, *parts: str) -> bytes:
    """A file shipped in a package: read from disk, or through importlib.resources when the
    package is not a folder (a zip import). ``base`` is the package's folder when it has one."""
    if os.path.isdir(base):
        with open(os.path.join(base, *parts), "rb") as f:
            return f.read()
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


#: The modules that turn the YAML into ladders: an edit to one of them makes the bundle stale too.
_COMPILER: tuple[str, ...] = ("canonical.py", "compiled.py", "extending.py", "ladder.py", "language_files.py")
_COMPILER += ("loading.py", "vocabulary.py")
_COMPILER += ("models.py", "records.py", "spine.py", "text.py", "validation.py", "yamltree.py")


def _digest(files: list[tuple[str, bytes]]) -> str:
    """The digest of the YAML files and of the code that compiles them."""
    h = hashlib.sha256()
    code = [(f"<code>/{name}", _package_file("titlemap", _CODE, name)) for name in _COMPILER]
    for name, raw in (*code, *files):
        h.update(name.encode())
        h.update(len(raw).to_bytes(8, "big"))
        h.update(raw)
    return h.hexdigest()


def _json(doc: Any) -> str:
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


Loaded = tuple[
    Mapping[str, Ladder], tuple[Rule, ...], Mapping[str, Source], Mapping[str, Language], Occupations
]


def compile_bundled(
    files: list[tuple[str, bytes]] | None = None, loaded: Loaded | None = None
) -> dict[str, str]:
    """The compiled bundle (name in ``bundle/`` -> JSON text): ``index.json`` and one
    ``<ladder id>.json`` per ladder. ``files`` are the bundled YAML (read when not given);
    ``loaded`` is what they load to (loaded and validated when not given)."""
    files = bundled_yaml() if files is None else files
    if loaded is None:
        from .loading import load_texts

        data = load_texts(files)
        loaded = (data.ladders, data.rules, data.sources, data.languages, data.occupations)
    ladders, rules, sources, languages, occupations = loaded
    headers = {i: _header_fields(LadderHeader.of(ladders[i])) for i in sorted(ladders)}
    out = {
        INDEX_NAME: _json(
            {
                "generated_by": _GENERATED_BY,
                "format": _FORMAT,
                "digest": _digest(files),
                "headers": headers,
                "rules": [r.to_dict() for r in rules],
                "sources": [sources[i].to_dict() for i in sorted(sources)],
                "languages": [languages[i].to_dict() for i in sorted(languages)],
                "occupations": occupations.to_dict(),
            }
        )
    }
    for i in sorted(ladders):
        out[f"{i}.json"] = _json(ladders[i].to_dict())
    return out


def write_bundle(folder: str, compiled: Mapping[str, str]) -> None:
    """Write a compiled bundle into ``folder``, each file atomically, the index last (so that a
    reader never sees an index whose ladder files are not all there), and remove ladder files
    that are no longer part of it.

    Raises:
        OSError: when the folder cannot be written.
    """
    os.makedirs(folder, exist_ok=True)
    for name in sorted(compiled, key=lambda n: n == INDEX_NAME):
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(compiled[name])
            os.replace(tmp, os.path.join(folder, name))
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    for stale in os.listdir(folder):
        if stale.endswith(".json") and stale not in compiled:
            os.unlink(os.path.join(folder, stale))


def _header_fields(h: LadderHeader) -> dict[str, Any]:
    return {
        "kind": h.kind,
        "family": h.family,
        "extends": h.extends,
        "countries": list(h.countries),
        "company_names": list(h.company_names),
        "regions": list(h.regions),
        "cities": list(h.cities),
        "subdivisions": [[code, name] for code, name in h.subdivisions],
        "city_code_priority": h.city_code_priority,
    }


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
            built = Ladder.from_dict(self._raw_of(ladder_id))
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


def _read_index(digest: str) -> dict[str, Any] | None:
    """The compiled index when it is current for the YAML's digest, else None."""
    try:
        index = json.loads(_package_file("titlemap", _HERE, BUNDLE_DIR, INDEX_NAME))
    except (OSError, ValueError):
        return None
    if isinstance(index, dict) and index.get("format") == _FORMAT and index.get("digest") == digest:
        return index
    return None


def load_bundled() -> tuple[
    Mapping[str, Ladder], tuple[Rule, ...], dict[str, Source], dict[str, Language], Occupations
]:
    """The bundled ladders, rules, crosswalk sources and languages: from the compiled bundle when
    it is current, else from the YAML (compiled into the bundle for the next process when the
    package folder is writable)."""
    files = bundled_yaml()
    index = _read_index(_digest(files))
    if index is not None:
        headers = {
            i: LadderHeader(
                i,
                h["kind"],
                h["family"],
                h["extends"],
                countries=tuple(h["countries"]),
                company_names=tuple(h["company_names"]),
                regions=tuple(h["regions"]),
                cities=tuple(h["cities"]),
                subdivisions=tuple((code, name) for code, name in h["subdivisions"]),
                city_code_priority=h["city_code_priority"],
            )
            for i, h in index["headers"].items()
        }
        sources = {d["id"]: Source.from_dict(d) for d in index["sources"]}
        languages = {d["id"]: Language.from_dict(d) for d in index["languages"]}
        occupations = Occupations.from_dict(index["occupations"])
        rules = tuple(Rule.from_dict(r) for r in index["rules"])
        return LazyLadders(headers), rules, sources, languages, occupations
    from .loading import load_texts  # the YAML changed since it was compiled: read it directly

    data = load_texts(files)
    if os.path.isdir(_HERE):
        with suppress(OSError):  # a read-only install: the YAML is read again next time, as now
            write_bundle(
                os.path.join(_HERE, BUNDLE_DIR),
                compile_bundled(
                    files, (data.ladders, data.rules, data.sources, data.languages, data.occupations)
                ),
            )
    return data.ladders, data.rules, data.sources, data.languages, data.occupations
