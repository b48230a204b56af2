"""A ladder file built on the ladder it ``extends:``, in the steps docs/ladder-files.md describes.

1. **inherit**: a market file starts from every rung of the ladder it extends; a company file
   starts from none: it holds only the rungs it lists (the company's own titles and codes);
2. **drop**: ``remove_rungs`` drops inherited rungs of a market file, with the edges that
   touched them;
3. **override**: a listed rung with the id of a rung it could inherit takes that rung, with
   the keys it gives replacing the parent's (``aliases``, ``examples`` and ``sources`` add to
   them); in a company file this is how a market rung the company uses is listed;
4. **add**: a listed rung with a new id is a new rung, with every required key; a new rung
   that names an inherited rung as its ``canonical:`` rung takes that rung's place (Meta's
   IC4-IC7 "Product Manager" rungs replace the market's product-manager rung);
5. **edges**: promotions, lateral moves and ambiguous titles are the parent's that still
   connect kept rungs, plus the file's own.

Then the cross-references are checked (sources, canonical rungs, aliases claimed by one rung
only, promotion cycles, the spine) and the frozen :class:`~titlemap.ladder.Ladder` is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from .canonical import canonical_rung
from .ladder import Ladder
from .models import LadderFile, RungSpec
from .records import Ambiguity, Landing, Lateral, Rung, Source
from .spine import spine_level
from .text import key
from .validation import validate
from .yamltree import Document

__all__ = ["MAX_RUNGS", "build_ladder"]

MAX_RUNGS = 1000
# Rung fields that an extending file adds to instead of replacing.
_MERGED_LISTS = ("aliases", "examples", "sources")
_TRACK_ORDER = {"ic": 0, "manager": 1, "executive": 2}


@dataclass
class _Rungs:
    """The rungs being built: by id, each with its place in the file (``<parent>.id`` when
    inherited); the ids the file lists; and, for an overriding rung, each alias's index in
    the file (None for an inherited one), so that messages name the file's own index."""

    by_id: dict[str, tuple[str, Rung]]
    own: set[str]
    alias_origins: dict[str, list[int | None]]


def build_ladder(doc: Document, file: LadderFile, parent: Ladder | None) -> Ladder:
    """The ladder ``file`` describes, built on ``parent`` (the ladder it extends, or None).

    Raises:
        LadderError: naming the file, the place and the line of the first problem.
    """
    if len(file.rungs) > MAX_RUNGS:
        raise doc.error(f"{len(file.rungs):,} rungs; a ladder may have at most {MAX_RUNGS:,}", "rungs")
    sources = _sources(doc, file, parent)
    rungs = _inherit(file, parent)
    _drop(doc, file, parent, rungs)
    _override_and_add(doc, file, parent, rungs)
    _check_count(doc, file, parent, rungs)
    _check_rungs(doc, file, rungs, set(sources))
    abbreviations = file.not_product_abbreviations or (parent.not_product_abbreviations if parent else ())
    _drop_not_product_aliases(doc, file, abbreviations, rungs)
    _claim_aliases(doc, rungs)
    promotions = _promotions(doc, file, parent, rungs.by_id)
    laterals = _laterals(doc, file, parent, rungs.by_id)
    ambiguous = _ambiguities(doc, file, parent, rungs.by_id, set(sources))
    landings = _landings(doc, file, parent, rungs.by_id, set(sources))
    if file.subdivisions_source is not None and file.subdivisions_source not in sources:
        raise doc.error(
            f"unknown source {file.subdivisions_source!r}; declare it under `sources:`",
            "subdivisions_source",
        )
    ordered = sorted((r for _, r in rungs.by_id.values()), key=lambda r: (r.level, _TRACK_ORDER[r.track]))
    return Ladder(
        id=file.id,
        name=file.name,
        description=file.description,
        sources=tuple(sources.values()),
        rungs=tuple(ordered),
        kind=file.kind,
        family=file.family if not parent or "family" in doc.data else parent.family,
        extends=file.extends,
        company=file.company.record() if file.company else None,
        countries=file.countries,
        country_names=file.country_names,
        cities=file.cities,
        regions=file.regions,
        subdivisions=tuple(file.subdivisions.items()),
        subdivisions_source=file.subdivisions_source,
        city_code_priority=file.city_code_priority,
        language=file.language if file.language or not parent else parent.language,
        other_languages=file.languages
        if file.languages or not parent or file.language
        else parent.other_languages,
        not_product_abbreviations=abbreviations,
        promotion_edges=tuple((k, tuple(v)) for k, v in promotions.items() if v),
        laterals=laterals,
        ambiguous=ambiguous,
        landings=landings,
        file=doc.name,
    )


def _sources(doc: Document, file: LadderFile, parent: Ladder | None) -> dict[str, Source]:
    """The parent's sources, then the file's (a file may restate a parent's source)."""
    sources = {s.id: s for s in (parent.sources if parent else ())}
    for i, s in enumerate(file.sources):
        if s.id in sources and not parent:
            raise doc.error(f"duplicate source id {s.id!r}", f"sources[{i}].id")
        sources[s.id] = s.record()
    return sources


# -- 1: inherit -----------------------------------------------------------------------------------


def _inherit(file: LadderFile, parent: Ladder | None) -> _Rungs:
    if parent is None or file.kind == "company":
        return _Rungs({}, set(), {})
    return _Rungs({r.id: (f"<{parent.id}>.{r.id}", r) for r in parent.rungs}, set(), {})


# -- 2 and 3: override and add ------------------------------------------------------------------


def _override_and_add(doc: Document, file: LadderFile, parent: Ladder | None, rungs: _Rungs) -> None:
    parent_rungs = {r.id: r for r in parent.rungs} if parent else {}
    # what a listed id may override: a company lists the market rungs it uses
    listable = parent_rungs if file.kind == "company" else {rid: r for rid, (_, r) in rungs.by_id.items()}
    for i, raw in enumerate(file.rungs):
        place = f"rungs[{i}]"
        rid: object = raw.get("id")
        if isinstance(rid, str) and rid in rungs.own:
            raise doc.error(f"duplicate rung id {rid!r}; rung ids must be unique", f"{place}.id")
        if isinstance(rid, str) and rid in listable:
            rung = _overridden(doc, listable[rid], raw, place, rungs)
        else:
            rung = validate(doc, RungSpec, raw, place).record()
        rungs.own.add(rung.id)
        if spine_level(rung.level, rung.track) is None:
            raise doc.error(
                f"level {rung.level} has no {rung.track!r} position on the spine "
                "(ic: 0-8, manager: 4-8, executive: 9-12)",
                f"{place}.level",
            )
        rungs.by_id[rung.id] = (place, rung)
    # A new rung read as an inherited canonical rung takes that rung's place.
    added = {r.canonical for rid, (_, r) in rungs.by_id.items() if rid not in parent_rungs and r.canonical}
    for rid in added:
        if rid in rungs.by_id and rid not in rungs.own:
            del rungs.by_id[rid]


def _overridden(doc: Document, inherited: Rung, raw: dict[str, object], place: str, rungs: _Rungs) -> Rung:
    """The inherited rung with the file's keys: lists of aliases, examples and sources added to."""
    merged = {**inherited.to_dict(), **raw}
    origins: dict[str, list[int | None]] = {}
    for name in _MERGED_LISTS:
        added = raw.get(name)
        if isinstance(added, list):
            mine = list(getattr(inherited, name))
            known = set(mine)
            new = [(j, v) for j, v in enumerate(added) if not (isinstance(v, str) and v in known)]
            merged[name] = mine + [v for _, v in new]
            origins[name] = [None] * len(mine) + [j for j, _ in new]
    rung = validate(doc, RungSpec, merged, place, origins).record()
    if "aliases" in origins:
        rungs.alias_origins[rung.id] = origins["aliases"]
    return rung


# -- 4: drop --------------------------------------------------------------------------------------


def _drop(doc: Document, file: LadderFile, parent: Ladder | None, rungs: _Rungs) -> None:
    if parent is None:
        return
    for i, removed in enumerate(file.remove_rungs):
        if not parent.has_rung(removed):
            raise doc.error(f"{parent.id!r} has no rung {removed!r} to remove", f"remove_rungs[{i}]")
        if file.kind == "company":
            raise doc.error(
                "a company ladder holds only the rungs it lists; leave the rung out instead of removing it",
                f"remove_rungs[{i}]",
            )
        del rungs.by_id[removed]


def _check_count(doc: Document, file: LadderFile, parent: Ladder | None, rungs: _Rungs) -> None:
    if not rungs.by_id:
        raise doc.error(
            f"no rungs left: `remove_rungs` removes every rung of {parent.id!r} and the file adds none"
            if parent and file.kind != "company"
            else "a ladder needs at least one rung",
            "remove_rungs" if file.remove_rungs else "rungs",
        )
    if len(rungs.by_id) > MAX_RUNGS:
        inherited = len(rungs.by_id) - len(rungs.own)
        raise doc.error(
            f"{len(rungs.by_id):,} rungs with the {inherited:,} inherited through `extends: {file.extends}`; "
            f"a ladder may have at most {MAX_RUNGS:,}",
            "rungs" if file.rungs else "extends",
        )


# -- checks -------------------------------------------------------------------------------------


def _check_rungs(doc: Document, file: LadderFile, rungs: _Rungs, known: set[str]) -> None:
    """Every source a rung or edge cites is declared; every ``canonical:`` names a rung."""
    for place, rung in rungs.by_id.values():
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
    for place, rung in rungs.by_id.values():
        if rung.canonical is None:
            continue
        if rung.canonical == rung.id:
            raise doc.error("a rung cannot name itself as its canonical rung", f"{place}.canonical")
        named = rungs.by_id.get(rung.canonical)
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


def _drop_not_product_aliases(
    doc: Document, file: LadderFile, abbreviations: Sequence[str], rungs: _Rungs
) -> None:
    """An abbreviation the ladder says is not product management ("PM" in Japan) is no alias of
    it: inherited aliases that are one are dropped; the file listing one as an alias is an error."""
    banned = {key(a) for a in abbreviations}
    if not banned:
        return
    for i, raw in enumerate(file.rungs):
        listed = raw.get("aliases")
        for j, name in enumerate(listed if isinstance(listed, list) else ()):
            if isinstance(name, str) and key(name) in banned:
                raise doc.error(
                    f"{name!r} is listed under not_product_abbreviations, so it cannot be an alias; "
                    "remove one of the two",
                    f"rungs[{i}].aliases[{j}]",
                )
    for rid, (place, rung) in list(rungs.by_id.items()):
        if not banned.isdisjoint(key(a) for a in rung.aliases):
            kept = tuple(a for a in rung.aliases if key(a) not in banned)
            rungs.by_id[rid] = (place, replace(rung, aliases=kept))


def _claim_aliases(doc: Document, rungs: _Rungs) -> None:
    """Each title and alias names one rung (rungs read as one canonical rung may share one).

    In an extending file, a rung of the file that claims an inherited rung's alias takes it over
    (a company's "Lead PM" is its own manager rung, not the market's lead PM); two rungs of the
    same file claiming one alias is an error, at the alias's index in the file.
    """
    owner: dict[str, tuple[str, str]] = {}
    taken: dict[str, set[str]] = {}  # inherited rung id -> alias keys taken over by this file
    for rid in sorted(rungs.by_id, key=lambda rid: rid in rungs.own):  # inherited rungs first
        place, rung = rungs.by_id[rid]
        reads_as = rung.canonical or rung.id
        for j, name in enumerate((rung.title, *rung.aliases)):
            k = key(name)
            if not k:
                raise doc.error(
                    "alias has no letters or digits", _alias_place(place, rid, j, rungs.alias_origins)
                )
            prev = owner.get(k)
            if prev and prev[0] != rung.id and prev[1] != reads_as:
                if prev[0] not in rungs.own and rid in rungs.own and j > 0:  # taken over from the parent
                    taken.setdefault(prev[0], set()).add(k)
                else:
                    raise doc.error(
                        f"{name!r} is claimed by rungs {prev[0]!r} and {rung.id!r}; "
                        "an alias may belong to one rung only",
                        _alias_place(place, rid, j, rungs.alias_origins),
                    )
            owner[k] = (rung.id, reads_as)
    for rid, keys in taken.items():  # once per inherited rung: linear in the aliases
        old_place, old = rungs.by_id[rid]
        kept = tuple(a for a in old.aliases if key(a) not in keys)
        rungs.by_id[rid] = (old_place, replace(old, aliases=kept))


def _alias_place(place: str, rid: str, j: int, origins: Mapping[str, Sequence[int | None]]) -> str:
    """The place of a rung's title (``j == 0``) or of its alias ``j - 1``, as the file numbers it."""
    if j == 0:
        return f"{place}.title"
    index: int | None = j - 1
    if rid in origins and j - 1 < len(origins[rid]):
        index = origins[rid][j - 1]
    return f"{place}.aliases" if index is None else f"{place}.aliases[{index}]"


# -- 5: edges -----------------------------------------------------------------------------------


def _promotions(
    doc: Document, file: LadderFile, parent: Ladder | None, rungs: Mapping[str, tuple[str, Rung]]
) -> dict[str, list[str]]:
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
        bucket.extend(t for t in p.to if t not in bucket)
    cycle = _find_cycle(promotions)
    if cycle:
        raise doc.error("promotions form a cycle: " + " -> ".join(cycle), "promotions")
    return promotions


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


def _laterals(
    doc: Document, file: LadderFile, parent: Ladder | None, rungs: Mapping[str, tuple[str, Rung]]
) -> tuple[Lateral, ...]:
    laterals = [lat for lat in (parent.laterals if parent else ()) if all(r in rungs for r in lat.between)]
    for i, lat in enumerate(file.laterals):
        for j, r in enumerate(lat.between):
            if r not in rungs:
                raise doc.error(f"unknown rung id {r!r}", f"laterals[{i}].between[{j}]")
        laterals.append(lat.record())
    return tuple(laterals)


def _ambiguities(
    doc: Document,
    file: LadderFile,
    parent: Ladder | None,
    rungs: Mapping[str, tuple[str, Rung]],
    sources: set[str],
) -> tuple[Ambiguity, ...]:
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
        ambiguous[key(amb.title)] = amb.record()
    return tuple(a for a in ambiguous.values() if all(r in rungs for r in a.readings))


def _landings(
    doc: Document,
    file: LadderFile,
    parent: Ladder | None,
    rungs: Mapping[str, tuple[str, Rung]],
    sources: set[str],
) -> tuple[Landing, ...]:
    """The parent's landing titles that still name a rung, overridden by level and track."""
    if file.landing and file.kind == "company":
        raise doc.error("a company ladder has no landing titles: it holds only its own rungs", "landing")
    landed = {(x.level, x.track): x for x in (parent.landings if parent and file.kind != "company" else ())}
    for i, spec in enumerate(file.landing):
        place = f"landing[{i}]"
        found = rungs.get(spec.rung)
        if found is None:
            raise doc.error(f"unknown rung id {spec.rung!r}", f"{place}.rung")
        if abs(found[1].level - spec.level) > 1:
            raise doc.error(
                f"rung {spec.rung!r} is at level {found[1].level}, more than one level from {spec.level}; "
                "name a rung at or next to the level",
                f"{place}.rung",
            )
        for j, rid in enumerate(spec.instead_of):
            if rid not in rungs:
                raise doc.error(f"unknown rung id {rid!r}", f"{place}.instead_of[{j}]")
        if spec.source not in sources:
            raise doc.error(f"unknown source {spec.source!r}", f"{place}.source")
        if (spec.level, spec.track) in {(x.level, x.track) for x in file.landing[:i]}:
            raise doc.error(f"level {spec.level} on track {spec.track!r} is given twice", place)
        landed[(spec.level, spec.track)] = spec.record()
    return tuple(x for _, x in sorted(landed.items()) if x.rung in rungs)
