"""Ladder and crosswalk files: bytes -> safe YAML -> models -> cross-checked runtime objects.

The pipeline, in order:

1. read the bytes (size limit) and decode them as UTF-8;
2. compose YAML with the safe loader, rejecting duplicate keys, unknown tags and runaway alias
   expansion, and remember the line of every place for error messages;
3. validate each file against :mod:`titlemap.models`;
4. resolve ``extends:``, then check cross-references (rung ids, aliases, cycles, the spine);
5. build frozen :class:`~titlemap.ladder.Ladder` objects.

Loading a batch of files is all or nothing: the first error raises :class:`LadderError` and no
ladder of the batch is returned.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .canonical import canonical_rung
from .errors import LadderError
from .ladder import Ladder
from .models import CrosswalkFile, LadderFile, Rule, Rung, Source
from .spine import spine_level
from .text import key

__all__ = ["MAX_FILE_BYTES", "MAX_RUNGS", "LoadedData", "load_texts", "read_path"]

MAX_FILE_BYTES = 1024 * 1024
MAX_RUNGS = 1000
MAX_NODES = 200_000
MAX_DEPTH = 50
# Rung fields that an extending file adds to instead of replacing.
_MERGED_LISTS = ("aliases", "examples", "sources")
# The longest number written in a ladder file (levels, confidences, years, headcounts).
MAX_NUMBER_CHARS = 40
# Control characters (C0 but tab and line feed, DEL, C1) and the bidirectional embedding,
# override and isolate marks: none may reach a terminal from a ladder file.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?")
# A key shown in messages as written; other keys (a line of /etc/shadow read as YAML) are not.
_KEYLIKE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
_PLACE_PART = re.compile(r"<?[A-Za-z0-9_-]{1,64}>?(?:\[\d+\])*")
_IMPLICIT = "implicit:"  # marks the tags YAML resolved itself, as opposed to tags in the file
_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class _Document:
    name: str
    data: dict[str, Any]
    lines: dict[str, int]

    def line(self, place: str) -> int | None:
        """The line of ``place`` or of its nearest enclosing place that has one."""
        while True:
            if place in self.lines:
                return self.lines[place]
            if not place:
                return None
            cut = max(place.rfind("."), place.rfind("["))
            place = place[:cut] if cut > 0 else ""

    def error(self, message: str, place: str = "") -> LadderError:
        return LadderError(message, file=self.name, place=_display(place), line=self.line(place))


def _display(place: str) -> str | None:
    """A place for messages: a part that is not a plain key (file content) is shown as ``?``."""
    if not place:
        return None
    return ".".join(part if _PLACE_PART.fullmatch(part) else "?" for part in place.split("."))


def _shown_key(key: str) -> str:
    """A key for messages: quoted when it looks like a key, else not echoed."""
    return repr(key) if _KEYLIKE.fullmatch(key) else "(not shown: not a ladder key)"


@dataclass(frozen=True)
class LoadedData:
    """The result of loading a batch: ladders by id, crosswalk rules in file order, and the
    sources the crosswalk files declare (by id)."""

    ladders: dict[str, Ladder]
    rules: tuple[Rule, ...]
    sources: dict[str, Source]


# -- 1 and 2: bytes to a plain tree, safely ------------------------------------------------------


def read_path(path: str | Path) -> tuple[str, bytes]:
    """Read a user's file, never more than the size limit (devices and pipes included)."""
    p = Path(path)
    name = str(p)
    try:
        size = p.stat().st_size  # a regular file's size, refused before reading it
        if size > MAX_FILE_BYTES:
            raise LadderError(
                f"file is {size:,} bytes; ladder files are limited to {MAX_FILE_BYTES:,} bytes", file=name
            )
        with p.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LadderError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LadderError(
            f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes for ladder files", file=name
        )
    return name, raw


# libyaml's composer when PyYAML was built with it (several times faster), else the pure-Python one.
# Either way only composition runs: the tree is built by _build, which knows safe tags only.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_MARKING: dict[type[yaml.SafeLoader], type[yaml.SafeLoader]] = {}


def _marking(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """``base`` whose scalar tags resolved by YAML itself carry a mark, so that a tag written in
    the file (``!!int``, ``!!binary``, ``!!python/...``) can be told apart and refused."""
    marking = _MARKING.get(base)
    if marking is None:

        class Marking(base):  # type: ignore[valid-type,misc]
            def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
                tag: str = super().resolve(kind, value, implicit)
                return _IMPLICIT + tag if kind is yaml.ScalarNode else tag

        marking = _MARKING.setdefault(base, Marking)
    return marking


def _decode(name: str, raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise LadderError(f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}", file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LadderError(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
            file=name,
            line=line,
        ) from None


def _compose(name: str, raw: bytes) -> _Document:
    text = _decode(name, raw)
    loader: yaml.SafeLoader | None = None
    try:
        loader = _marking(_Loader)(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise LadderError(f"invalid YAML: {exc.problem or exc}", file=name, line=line) from None
    except yaml.YAMLError as exc:
        raise LadderError(f"invalid YAML: {exc}", file=name) from None
    except RecursionError:
        raise LadderError(f"values nested too deeply (limit {MAX_DEPTH})", file=name) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise LadderError("file is empty; expected a mapping with `id`, `name`, `rungs`, ...", file=name)
    lines: dict[str, int] = {}
    budget = [MAX_NODES]
    data = _build(root, "", name, lines, budget, frozenset())
    if not isinstance(data, dict):
        raise LadderError(
            "top level must be a mapping (key: value), not a list or a scalar", file=name, line=1
        )
    return _Document(name, data, lines)


def _plain_tag(node: yaml.Node, expected: str, name: str, place: str) -> None:
    """Refuse a list or mapping with a tag (``!!python/object`` and friends)."""
    if node.tag != expected:
        raise LadderError(
            f"YAML tag {_short_tag(node.tag)!r} is not allowed",
            file=name,
            place=_display(place),
            line=node.start_mark.line + 1,
        )


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _no_control(text: str, what: str, name: str, place: str, line: int) -> str:
    found = _CONTROL.search(text)
    if found is not None:
        raise LadderError(
            f"control character U+{ord(found.group()):04X} in {what}; ladder text may hold no control "
            "or escape characters (tabs and line breaks are fine)",
            file=name,
            place=_display(place),
            line=line,
        )
    return text


def _scalar(node: yaml.ScalarNode, name: str, place: str) -> Any:
    """A plain value: text, a decimal number, a boolean or null; nothing is converted silently.

    Tags written in the file are refused; numbers YAML 1.1 would read in octal, hexadecimal,
    binary, base 60 or with underscores are refused; dates and times stay text as written.
    """
    line = node.start_mark.line + 1
    tag: str = node.tag
    if not tag.startswith(_IMPLICIT):
        raise LadderError(
            f"YAML tag {_short_tag(tag)!r} is not allowed; write plain values (quote text)",
            file=name,
            place=_display(place),
            line=line,
        )
    kind = tag[len(_IMPLICIT) :].removeprefix(_TAG)
    text: str = node.value
    if kind == "null":
        return None
    if kind == "bool":
        return text.lower() in ("yes", "true", "on", "y")
    if kind in ("int", "float"):
        decimal = _DECIMAL_INT if kind == "int" else _DECIMAL_FLOAT
        if len(text) > MAX_NUMBER_CHARS or not decimal.fullmatch(text):
            shown = repr(text) if len(text) <= MAX_NUMBER_CHARS else f"a {len(text):,}-character number"
            raise LadderError(
                f"{shown} is not a plain decimal number (YAML 1.1 would read it as octal, hex, base 60 "
                "or infinity, or it is too long); write the number in decimal, or quote it if it is text",
                file=name,
                place=_display(place),
                line=line,
            )
        return int(text) if kind == "int" else float(text)
    # text, and anything YAML 1.1 would turn into another type (timestamps): the text as written
    return _no_control(text, "the text", name, place, line)


def _build(
    node: yaml.Node,
    place: str,
    name: str,
    lines: dict[str, int],
    budget: list[int],
    active: frozenset[int],
) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise LadderError(
            f"more than {MAX_NODES:,} values (aliases expanded); a ladder file is far smaller",
            file=name,
            line=node.start_mark.line + 1,
        )
    lines.setdefault(place, node.start_mark.line + 1)
    if len(active) > MAX_DEPTH:
        raise LadderError(
            f"values nested more than {MAX_DEPTH} levels deep; a ladder file is far flatter",
            file=name,
            place=_display(place),
            line=node.start_mark.line + 1,
        )
    if id(node) in active:
        raise LadderError(
            "recursive YAML alias", file=name, place=_display(place), line=node.start_mark.line + 1
        )
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, name, place)
    inner = active | {id(node)}
    if isinstance(node, yaml.SequenceNode):
        _plain_tag(node, f"{_TAG}seq", name, place)
        return [
            _build(item, f"{place}[{i}]", name, lines, budget, inner) for i, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        _plain_tag(node, f"{_TAG}map", name, place)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == f"{_IMPLICIT}{_TAG}merge":
                raise LadderError(
                    "mapping keys must be plain strings (no merge keys)",
                    file=name,
                    place=_display(place),
                    line=line,
                )
            if not key_node.tag.startswith(_IMPLICIT):
                raise LadderError(
                    f"YAML tag {_short_tag(key_node.tag)!r} is not allowed on a key; keys are plain text",
                    file=name,
                    place=_display(place),
                    line=line,
                )
            k = str(key_node.value)
            _no_control(k, f"the key {k!r:.40}", name, place, line)
            sub = f"{place}.{k}" if place else k
            if k in out:
                raise LadderError(
                    f"duplicate key {_shown_key(k)} (first on line {lines.get(sub, '?')}); keep only one",
                    file=name,
                    place=_display(place),
                    line=line,
                )
            lines[sub] = line
            out[k] = _build(value_node, sub, name, lines, budget, inner)
        return out
    raise LadderError("unsupported YAML node", file=name, line=node.start_mark.line + 1)


# -- 3: schema validation ------------------------------------------------------------------------


def _place(loc: Sequence[int | str], prefix: str = "") -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _validate(
    doc: _Document,
    model: type[BaseModel],
    data: Any,
    prefix: str = "",
    origins: Mapping[str, Sequence[int | None]] | None = None,
) -> Any:
    """Validate ``data`` as ``model``; the first error becomes a :class:`LadderError`.

    ``origins`` maps a merged list field of an overriding rung to the index each item has in
    the file (None for items inherited from the parent), so errors name the file's own index.
    """
    try:
        # JSON mode keeps strict types (no "NO" -> False, no 1.10 -> "1.1") but accepts lists for tuples
        return model.model_validate_json(json.dumps(data, default=str))
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # a misspelt key also reports the real key as missing: name the misspelling first
        err = min(errors, key=lambda e: e["type"] != "extra_forbidden")
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p in ("function-after",))]
        # unions and tagged fields add type names to the location; keep real places only
        loc = [p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("literal")))]
        msg = err["msg"]
        field_origins = origins.get(str(loc[0]), ()) if origins and loc else ()
        if len(loc) >= 2 and isinstance(loc[1], int) and loc[1] < len(field_origins):
            index = field_origins[loc[1]]
            if index is None:
                msg += " (an item inherited from the extended ladder)"
                loc = loc[:1]
            else:
                loc[1] = index
        place = _place(loc, prefix)
        line = doc.line(place)
        if err["type"] == "extra_forbidden":
            key = str(loc[-1]) if loc else ""
            msg = f"unknown key {key!r} (misspelt?)" if loc else "unknown key (misspelt?)"
            if loc and not _KEYLIKE.fullmatch(key):  # file content (a password file?): not echoed
                msg = "unknown key, not shown: it does not look like a ladder key (is this a ladder file?)"
                place = _place(loc[:-1], prefix)
            if len(loc) == 1:
                allowed = sorted(f.alias or n for n, f in model.model_fields.items())
                msg += "; allowed keys are: " + ", ".join(allowed)
        elif err["type"] == "missing":
            msg = "required key is missing"
        elif "input" in err and err["type"].endswith("_type"):
            shown = f"{err['input']!r:.40}"
            msg = f"{msg} (got {type(err['input']).__name__} {shown}); quote it if it is text"
        more = len(exc.errors()) - 1
        if more:
            msg += f" (and {more} more error{'s' if more > 1 else ''})"
        raise LadderError(msg, file=doc.name, place=_display(place), line=line) from None


# -- 4 and 5: cross-references, extends, runtime objects -----------------------------------------


def _check_sources(
    doc: _Document, file: LadderFile, rungs: Sequence[tuple[str, Rung]], known: set[str]
) -> None:
    for place, rung in rungs:
        for j, sid in enumerate(rung.sources):
            if sid not in known:
                raise doc.error(
                    f"unknown source {sid!r}; declare it under `sources:` "
                    f"(known: {', '.join(sorted(known))})",
                    f"{place}.sources[{j}]",
                )
    for i, p in enumerate(file.promotions):
        if p.source not in known:
            raise doc.error(f"unknown source {p.source!r}", f"promotions[{i}].source")
    for i, lat in enumerate(file.laterals):
        if lat.source not in known:
            raise doc.error(f"unknown source {lat.source!r}", f"laterals[{i}].source")


def _find_cycle(edges: Mapping[str, Iterable[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    for start in edges:
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(edges.get(start, ())))]
        path = [start]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, iter(edges.get(nxt, ()))))
                path.append(nxt)
    return None


def _build_ladder(doc: _Document, file: LadderFile, parent: Ladder | None) -> Ladder:
    if len(file.rungs) > MAX_RUNGS:
        raise doc.error(f"{len(file.rungs):,} rungs; a ladder may have at most {MAX_RUNGS:,}", "rungs")
    sources = {s.id: s for s in (parent.sources if parent else ())}
    for i, s in enumerate(file.sources):
        if s.id in sources and not parent:
            raise doc.error(f"duplicate source id {s.id!r}", f"sources[{i}].id")
        sources[s.id] = s
    rungs: dict[str, tuple[str, Rung]] = {}
    if parent:
        rungs = {r.id: (f"<{parent.id}>.{r.id}", r) for r in parent.rungs}
        for i, removed in enumerate(file.remove_rungs):
            if removed not in rungs:
                raise doc.error(f"{parent.id!r} has no rung {removed!r} to remove", f"remove_rungs[{i}]")
            del rungs[removed]
    seen_here: set[str] = set()
    # for an overriding rung: each merged alias's index in this file (None: inherited)
    alias_origins: dict[str, list[int | None]] = {}
    for i, raw in enumerate(file.rungs):
        place = f"rungs[{i}]"
        rid: object = raw.get("id")
        if isinstance(rid, str) and rid in seen_here:
            raise doc.error(f"duplicate rung id {rid!r}; rung ids must be unique", f"{place}.id")
        if isinstance(rid, str) and parent and rid in rungs:
            merged = {**rungs[rid][1].model_dump(by_alias=True), **raw}
            origins: dict[str, list[int | None]] = {}
            for field in _MERGED_LISTS:  # an override adds aliases, examples and sources
                added = raw.get(field)
                if isinstance(added, list):
                    inherited = list(getattr(rungs[rid][1], field))
                    known = set(inherited)
                    new = [(j, v) for j, v in enumerate(added) if not (isinstance(v, str) and v in known)]
                    merged[field] = inherited + [v for _, v in new]
                    origins[field] = [None] * len(inherited) + [j for j, _ in new]
            rung = _validate(doc, Rung, merged, place, origins)
            if "aliases" in origins:
                alias_origins[rung.id] = origins["aliases"]
        else:
            rung = _validate(doc, Rung, raw, place)
        seen_here.add(rung.id)
        if spine_level(rung.level, rung.track) is None:
            raise doc.error(
                f"level {rung.level} has no {rung.track!r} position on the spine "
                "(ic: 0-8, manager: 4-8, executive: 9-12)",
                f"{place}.level",
            )
        rungs[rung.id] = (place, rung)
    # A company's own rung read as an inherited canonical rung takes that rung's place
    # (Meta's IC4-IC7 "Product Manager" rungs replace the market's product-manager rung).
    parent_ids: set[str] = {r.id for r in parent.rungs} if parent else set()
    added = {r.canonical for _, r in rungs.values() if r.id not in parent_ids and r.canonical}
    for rid in added:
        if rid in rungs and rid not in seen_here:
            del rungs[rid]
    if not rungs:
        raise doc.error(
            f"no rungs left: `remove_rungs` removes every rung of {parent.id!r} and the file adds none"
            if parent
            else "a ladder needs at least one rung",
            "remove_rungs" if file.remove_rungs else "rungs",
        )
    if len(rungs) > MAX_RUNGS:
        inherited_count = sum(1 for rid in rungs if rid not in seen_here)
        raise doc.error(
            f"{len(rungs):,} rungs with the {inherited_count:,} inherited through `extends: {file.extends}`; "
            f"a ladder may have at most {MAX_RUNGS:,}",
            "rungs" if file.rungs else "extends",
        )
    _check_sources(doc, file, list(rungs.values()), set(sources))
    for place, rung in rungs.values():
        if rung.canonical is None:
            continue
        if rung.canonical == rung.id:
            raise doc.error("a rung cannot name itself as its canonical rung", f"{place}.canonical")
        named = rungs.get(rung.canonical)
        if named is None and canonical_rung(rung.canonical) is None:
            raise doc.error(
                f"unknown canonical rung {rung.canonical!r}; name a rung of this ladder or a canonical "
                "rung id such as 'product-manager' (see docs/ladder-files.md)",
                f"{place}.canonical",
            )
        if named is not None and named[1].canonical is not None:
            raise doc.error(
                f"canonical rung {rung.canonical!r} is itself read as {named[1].canonical!r}; "
                "point at that rung directly",
                f"{place}.canonical",
            )

    _claim_aliases(doc, rungs, seen_here, alias_origins)

    promotions: dict[str, list[str]] = {}
    if parent:
        for src, targets in parent.promotion_map.items():
            if src in rungs:
                promotions[src] = [t for t in targets if t in rungs]
    for i, p in enumerate(file.promotions):
        if p.from_ not in rungs:
            raise doc.error(f"unknown rung id {p.from_!r}", f"promotions[{i}].from")
        for j, t in enumerate(p.to):
            if t not in rungs:
                raise doc.error(f"unknown rung id {t!r}", f"promotions[{i}].to[{j}]")
            if t == p.from_:
                raise doc.error(f"rung {t!r} cannot be promoted to itself", f"promotions[{i}].to[{j}]")
        bucket = promotions.setdefault(p.from_, [])
        present = set(bucket)
        for t in p.to:
            if t not in present:
                present.add(t)
                bucket.append(t)
    cycle = _find_cycle(promotions)
    if cycle:
        raise doc.error("promotions form a cycle: " + " -> ".join(cycle), "promotions")
    laterals = list(parent.laterals) if parent else []
    laterals = [lat for lat in laterals if all(r in rungs for r in lat.between)]
    for i, lat in enumerate(file.laterals):
        for j, r in enumerate(lat.between):
            if r not in rungs:
                raise doc.error(f"unknown rung id {r!r}", f"laterals[{i}].between[{j}]")
        laterals.append(lat)

    ambiguous = {key(a.title): a for a in (parent.ambiguous if parent else ())}
    for i, amb in enumerate(file.ambiguous):
        place = f"ambiguous[{i}]"
        for j, rid in enumerate(amb.readings):
            if rid not in rungs:
                raise doc.error(f"unknown rung id {rid!r}", f"{place}.readings[{j}]")
        first = rungs[amb.readings[0]][1]
        if key(amb.title) not in {key(n) for n in (first.title, *first.aliases)}:
            raise doc.error(
                f"{amb.title!r} is not a title or alias of {first.id!r}, its first reading; add it there",
                f"{place}.title",
            )
        for j, sid in enumerate(amb.sources):
            if sid not in sources:
                raise doc.error(f"unknown source {sid!r}", f"{place}.sources[{j}]")
        ambiguous[key(amb.title)] = amb
    kept_ambiguous = tuple(a for a in ambiguous.values() if all(r in rungs for r in a.readings))

    order = {"ic": 0, "manager": 1, "executive": 2}
    ordered = sorted((r for _, r in rungs.values()), key=lambda r: (r.level, order[r.track]))
    return Ladder(
        id=file.id,
        name=file.name,
        kind=file.kind,
        family=file.family if not parent or "family" in doc.data else parent.family,
        extends=file.extends,
        company=file.company,
        countries=file.countries,
        country_names=file.country_names,
        cities=file.cities,
        language=file.language if file.language or not parent else parent.language,
        not_product_abbreviations=file.not_product_abbreviations
        or (parent.not_product_abbreviations if parent else ()),
        description=file.description,
        sources=tuple(sources.values()),
        rungs=tuple(ordered),
        promotion_edges=tuple((k, tuple(v)) for k, v in promotions.items() if v),
        laterals=tuple(laterals),
        ambiguous=kept_ambiguous,
        file=doc.name,
    )


def _claim_aliases(
    doc: _Document,
    rungs: dict[str, tuple[str, Rung]],
    own: set[str],
    origins: Mapping[str, Sequence[int | None]] | None = None,
) -> None:
    """Each title and alias names one rung (rungs read as one canonical rung may share one).

    In an extending file, a rung of the file that claims an inherited rung's alias takes it over
    (a company's "Lead PM" is its own manager rung, not the market's lead PM); two rungs of the
    same file claiming one alias is an error, at the alias's index in the file (``origins``
    gives it for an overriding rung, whose aliases follow the inherited ones).
    """
    owner: dict[str, tuple[str, str]] = {}
    taken: dict[str, set[str]] = {}  # inherited rung id -> alias keys taken over by this file
    inherited_first = sorted(rungs, key=lambda rid: rid in own)
    for rid in inherited_first:
        place, rung = rungs[rid]
        reads_as = rung.canonical or rung.id
        for j, name in enumerate((rung.title, *rung.aliases)):
            k = key(name)
            if not k:
                raise doc.error("alias has no letters or digits", _alias_place(place, rid, j, origins))
            prev = owner.get(k)
            if prev and prev[0] != rung.id and prev[1] != reads_as:
                if prev[0] not in own and rid in own and j > 0:  # taken over from the parent
                    taken.setdefault(prev[0], set()).add(k)
                else:
                    raise doc.error(
                        f"{name!r} is claimed by rungs {prev[0]!r} and {rung.id!r}; "
                        "an alias may belong to one rung only",
                        _alias_place(place, rid, j, origins),
                    )
            owner[k] = (rung.id, reads_as)
    for rid, keys in taken.items():  # once per inherited rung: linear in the aliases
        old_place, old = rungs[rid]
        kept = tuple(a for a in old.aliases if key(a) not in keys)
        rungs[rid] = (old_place, old.model_copy(update={"aliases": kept}))


def _alias_place(place: str, rid: str, j: int, origins: Mapping[str, Sequence[int | None]] | None) -> str:
    """The place of a rung's title (``j == 0``) or of its alias ``j - 1``, as the file numbers it."""
    if j == 0:
        return f"{place}.title"
    index: int | None = j - 1
    if origins and rid in origins and j - 1 < len(origins[rid]):
        index = origins[rid][j - 1]
    return f"{place}.aliases" if index is None else f"{place}.aliases[{index}]"


def _check_rules(doc: _Document, file: CrosswalkFile, ladders: Mapping[str, Ladder]) -> None:
    known_sources = {s.id for s in file.sources}
    first: dict[str, int] = {}
    for i, rule in enumerate(file.rules):
        if rule.id in first:
            raise doc.error(
                f"duplicate rule id {rule.id!r} (also rules[{first[rule.id]}]); rule ids must be unique",
                f"rules[{i}].id",
            )
        first[rule.id] = i
        for field, ref in (("from", rule.from_), ("to", rule.to)):
            market, rid = ref.split(":", 1)
            lad = ladders.get(market)
            if lad is None:
                raise doc.error(
                    f"unknown market {market!r} (loaded: {', '.join(sorted(ladders))})", f"rules[{i}].{field}"
                )
            if not lad.has_rung(rid):
                raise doc.error(f"ladder {market!r} has no rung {rid!r}", f"rules[{i}].{field}")
        if rule.from_.split(":")[0] == rule.to.split(":")[0]:
            raise doc.error("a crosswalk rule must connect two different markets", f"rules[{i}]")
        if rule.source not in known_sources:
            raise doc.error(
                f"unknown source {rule.source!r}; declare it under `sources:`", f"rules[{i}].source"
            )


def load_texts(
    texts: Iterable[tuple[str, bytes]],
    base: Mapping[str, Ladder] | None = None,
    base_rules: Sequence[Rule] = (),
    base_sources: Mapping[str, Source] | None = None,
) -> LoadedData:
    """Load ladder and crosswalk files given as ``(name, bytes)``; all or nothing.

    ``base`` holds already loaded ladders that files may ``extends:`` and crosswalks may refer to,
    with their rules and the sources those rules cite. A file whose id equals a base ladder's
    replaces it.
    """
    docs = [_compose(name, raw) for name, raw in texts]
    ladder_docs: list[tuple[_Document, LadderFile]] = []
    cross_docs: list[tuple[_Document, CrosswalkFile]] = []
    for doc in docs:
        if doc.data.get("kind") == "crosswalk":
            cross_docs.append((doc, _validate(doc, CrosswalkFile, doc.data)))
        else:
            ladder_docs.append((doc, _validate(doc, LadderFile, doc.data)))
    ladders: dict[str, Ladder] = dict(base or {})
    pending = {f.id: (d, f) for d, f in ladder_docs}
    seen_ids: dict[str, str] = {}
    for d, f in ladder_docs:
        if f.id in seen_ids:
            raise d.error(f"ladder id {f.id!r} is already defined in {seen_ids[f.id]}", "id")
        seen_ids[f.id] = d.name
    done: set[str] = set()

    def build(market: str, chain: tuple[str, ...]) -> None:
        d, f = pending[market]
        parent = None
        if f.extends is not None:
            if f.extends in chain or (f.extends == f.id and f.extends not in (base or {})):
                raise d.error(
                    "`extends:` forms a cycle: " + " -> ".join((*chain, f.id, f.extends)), "extends"
                )
            if f.extends in pending and f.extends not in done and f.extends != f.id:
                build(f.extends, (*chain, market))
            parent = ladders.get(f.extends)
            if parent is None:
                raise d.error(
                    f"cannot extend unknown ladder {f.extends!r} "
                    f"(loaded: {', '.join(sorted(ladders)) or 'none'})",
                    "extends",
                )
        ladders[market] = _build_ladder(d, f, parent)
        done.add(market)

    for market in pending:
        if market not in done:
            build(market, ())
    rules: list[Rule] = list(base_rules)
    sources: dict[str, Source] = dict(base_sources or {})
    for d, cw in cross_docs:
        _check_rules(d, cw, ladders)
        replaced = {r.id for r in cw.rules}
        rules = [r for r in rules if r.id not in replaced]
        rules.extend(cw.rules)
        sources.update((s.id, s) for s in cw.sources)
    # rules whose ladders were replaced by a user file must still point at existing rungs
    kept = []
    for r in rules:
        ok = True
        for ref in (r.from_, r.to):
            m, rid = ref.split(":", 1)
            if m not in ladders or not ladders[m].has_rung(rid):
                ok = False
        if ok:
            kept.append(r)
    return LoadedData(ladders=ladders, rules=tuple(kept), sources=sources)
