"""Ladder and crosswalk files: bytes -> safe YAML -> specs -> cross-checked runtime ladders.

The pipeline, in order:

1. read the bytes (size limit) and decode them as UTF-8 (:mod:`titlemap.yamltree`);
2. compose YAML with the safe loader, rejecting duplicate keys, unknown tags and runaway alias
   expansion, and remember the line of every place for error messages (:mod:`titlemap.yamltree`);
3. validate each file against its spec in :mod:`titlemap.models` (:mod:`titlemap.validation`);
4. build each ladder on the one it ``extends:`` and check its cross-references: rung ids,
   aliases, cycles, the spine (:mod:`titlemap.extending`); check the crosswalk rules;
5. return frozen :class:`~titlemap.ladder.Ladder` objects and rule records.

Loading a batch of files is all or nothing: the first error raises :class:`LadderError` and no
ladder of the batch is returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .canonical import FINER_RUNGS, canonical_rung
from .employer_names import EmployerWords
from .extending import MAX_RUNGS, build_ladder
from .ladder import Ladder
from .language_files import build_language
from .models import CrosswalkFile, EmployerWordsFile, LadderFile, LanguageFile, OccupationsFile
from .records import Language, Occupations, Rule, Source
from .validation import validate
from .vocabulary import BRAND_FAMILY, LOOKALIKE_FAMILIES
from .yamltree import MAX_FILE_BYTES, Document, compose, read_path

__all__ = ["MAX_FILE_BYTES", "MAX_RUNGS", "LoadedData", "load_texts", "read_path"]


@dataclass(frozen=True)
class LoadedData:
    """The result of loading a batch: ladders by id, crosswalk rules in file order, the sources
    the crosswalk files declare (by id), and languages by id."""

    ladders: dict[str, Ladder]
    rules: tuple[Rule, ...]
    sources: dict[str, Source]
    languages: dict[str, Language] = field(default_factory=dict)
    occupations: Occupations = field(default_factory=Occupations)
    employer_words: EmployerWords = field(default_factory=EmployerWords)


def _check_rules(doc: Document, file: CrosswalkFile, ladders: Mapping[str, Ladder]) -> None:
    known_sources = {s.id for s in file.sources}
    first: dict[str, int] = {}
    for i, rule in enumerate(file.rules):
        if rule.id in first:
            raise doc.error(
                f"duplicate rule id {rule.id!r} (also rules[{first[rule.id]}]); rule ids must be unique",
                f"rules[{i}].id",
            )
        first[rule.id] = i
        for end, ref in (("from", rule.from_), ("to", rule.to)):
            market, rid = ref.split(":", 1)
            lad = ladders.get(market)
            if lad is None:
                raise doc.error(
                    f"unknown market {market!r} (loaded: {', '.join(sorted(ladders))})", f"rules[{i}].{end}"
                )
            if not lad.has_rung(rid):
                raise doc.error(f"ladder {market!r} has no rung {rid!r}", f"rules[{i}].{end}")
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
    base_languages: Mapping[str, Language] | None = None,
    base_occupations: Occupations | None = None,
) -> LoadedData:
    """Load ladder, crosswalk and language files given as ``(name, bytes)``; all or nothing.

    ``base`` holds already loaded ladders that files may ``extends:`` and crosswalks may refer to,
    with their rules, the sources those rules cite and the languages. A file whose id equals a
    base ladder's (or language's) replaces it.
    """
    ladder_docs: list[tuple[Document, LadderFile]] = []
    cross_docs: list[tuple[Document, CrosswalkFile]] = []
    languages: dict[str, Language] = dict(base_languages or {})
    occupations = base_occupations or Occupations()
    employer_words = EmployerWords()
    for name, raw in texts:
        doc = compose(name, raw)
        kind = doc.data.get("kind")
        if kind == "crosswalk":
            cross_docs.append((doc, validate(doc, CrosswalkFile, doc.data)))
        elif kind == "language":
            language = build_language(doc, validate(doc, LanguageFile, doc.data))
            languages[language.id] = language
        elif kind == "occupations":
            occupations = _occupations(doc, validate(doc, OccupationsFile, doc.data), occupations)
        elif kind == "employer-words":
            employer_words = _employer_words(doc, validate(doc, EmployerWordsFile, doc.data))
        else:
            ladder_docs.append((doc, validate(doc, LadderFile, doc.data)))
    ladders = _build_ladders(ladder_docs, base or {})
    rules, sources = _crosswalk(cross_docs, ladders, base_rules, base_sources or {})
    return LoadedData(ladders, rules, sources, languages, occupations, employer_words)


def _occupations(doc: Document, file: OccupationsFile, base: Occupations) -> Occupations:
    """The file's codes on top of ``base``, each citing a source the file declares, each rung a
    canonical rung id and each family one titlemap refuses."""
    known = {s.id for s in file.sources}
    for table, place in ((file.rungs, "rungs"), (file.families, "families")):
        for name, spec in table.items():
            for sid in spec.sources:
                if sid not in known:
                    raise doc.error(f"unknown source {sid!r}; declare it under `sources:`", f"{place}.{name}")
    for rung_id in file.rungs:
        if canonical_rung(rung_id) is None and rung_id not in FINER_RUNGS:
            raise doc.error(f"{rung_id!r} is not a canonical rung id (e.g. 'product-manager')", "rungs")
    families = {family for family, _, _ in LOOKALIKE_FAMILIES} | {BRAND_FAMILY}
    for family in file.families:
        if family not in families:
            raise doc.error(
                f"unknown look-alike family {family!r}; use one of: {', '.join(sorted(families))}", "families"
            )
    return Occupations(
        {**base.rungs, **{k: v.record() for k, v in file.rungs.items()}},
        {**base.families, **{k: v.record() for k, v in file.families.items()}},
        (*base.sources, *(s.record() for s in file.sources)),
    )


def _employer_words(doc: Document, file: EmployerWordsFile) -> EmployerWords:
    """The file's legal forms and sector words, each citing a source the file declares."""
    known = {s.id for s in file.sources}
    cited = [(f"legal_forms[{i}]", e.sources) for i, e in enumerate(file.legal_forms)]
    cited += [(f"sector_words[{i}]", e.sources) for i, e in enumerate(file.sector_words)]
    for place, sources in cited:
        for sid in sources:
            if sid not in known:
                raise doc.error(f"unknown source {sid!r}; declare it under `sources:`", place)
    return file.record()


def _build_ladders(docs: list[tuple[Document, LadderFile]], base: Mapping[str, Ladder]) -> dict[str, Ladder]:
    """Each ladder built after the ladder it extends (a cycle is an error)."""
    ladders: dict[str, Ladder] = dict(base)
    pending = {f.id: (d, f) for d, f in docs}
    seen_ids: dict[str, str] = {}
    for d, f in docs:
        if f.id in seen_ids:
            raise d.error(f"ladder id {f.id!r} is already defined in {seen_ids[f.id]}", "id")
        seen_ids[f.id] = d.name
    done: set[str] = set()

    def build(market: str, chain: tuple[str, ...]) -> None:
        d, f = pending[market]
        parent = None
        if f.extends is not None:
            if f.extends in chain or (f.extends == f.id and f.extends not in base):
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
        ladders[market] = build_ladder(d, f, parent)
        done.add(market)

    for market in pending:
        if market not in done:
            build(market, ())
    return ladders


def _crosswalk(
    docs: list[tuple[Document, CrosswalkFile]],
    ladders: Mapping[str, Ladder],
    base_rules: Sequence[Rule],
    base_sources: Mapping[str, Source],
) -> tuple[tuple[Rule, ...], dict[str, Source]]:
    """The rules (a file's rule replaces a base rule with its id) and the sources they cite; rules
    whose rungs a replaced ladder no longer has are dropped."""
    rules: list[Rule] = list(base_rules)
    sources: dict[str, Source] = dict(base_sources)
    for d, cw in docs:
        _check_rules(d, cw, ladders)
        replaced = {r.id for r in cw.rules}
        rules = [r for r in rules if r.id not in replaced]
        rules.extend(r.record() for r in cw.rules)
        sources.update((s.id, s.record()) for s in cw.sources)
    kept = [
        r
        for r in rules
        if all(
            (m := ref.split(":", 1)[0]) in ladders and ladders[m].has_rung(ref.split(":", 1)[1])
            for ref in (r.from_, r.to)
        )
    ]
    return tuple(kept), sources
