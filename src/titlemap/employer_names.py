"""Employer names as people write them: legal forms, spellings, brands and sector words.

A recruiter's file names an employer "Flipkart Internet Pvt Ltd", "J.P. Morgan", "Google India"
or "HDFC Bank". :class:`EmployerNames` finds the company ladder such a name belongs to:

1. the name's key: case, accents and punctuation ignored ("J.P. Morgan" is "jp morgan", "&" is
   "and"), a leading "The" dropped, and the legal forms of the ISO 20275 list stripped from its
   end (and those written first, as Indonesia's PT and Japan's 株式会社, from its start), as
   ``ladders/classifications/employer_words.yaml`` lists them;
2. a company whose names (``company.names`` of its ladder, keyed the same way) hold that key;
3. else the longest run of the name's first words that is such a key ("Google India" is
   google, "Microsoft IDC" is microsoft), whole words only: "Metabase" is not Meta and "Applied
   Materials" is not Apple. The words after it must not name another sector than the company's
   ("Apple Bank" is not Apple, "Paytm Payments Bank" is not Paytm).

An employer with no company ladder keeps its name as written; :meth:`EmployerNames.sector`
reads the sector its words settle ("Axis Bank" is banking), from the same file's sector words.

>>> words = EmployerWords.from_dict({"legal_forms": [{"forms": ["Pvt Ltd", "Ltd"]}],
...     "sector_words": [{"sector": "banking", "words": ["Bank"]}]})
>>> names = EmployerNames({"flipkart": ("Flipkart",)}, words)
>>> names.company("Flipkart Internet Pvt. Ltd."), names.company("Flipkartz")
('flipkart', None)
>>> names.sector("HDFC Bank Ltd")
SectorWord(sector='banking', word='Bank')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .employer import described_stage, normalize_stage
from .match import Match, replace_match
from .records import STAGES, CompanyStage, Sector
from .text import WordTest, clean, fold, marks, sentence

if TYPE_CHECKING:
    from .employer import Employer
    from .ladder import Ladder
    from .mapping import Mapping as Mapped

__all__ = [
    "SECTOR_WORD_FACTOR",
    "UNKNOWN_COMPANY",
    "EmployerContext",
    "EmployerNames",
    "EmployerWords",
    "LegalForm",
    "SectorWord",
    "SectorWords",
    "employer_context",
    "name_words",
    "settled",
    "told_mapping",
    "told_match",
]

#: The confidence factor of a reading whose sector was read from a word of the employer's name or
#: the title ("HDFC Bank") rather than given: such a word settles the sector most of the time, not
#: always (a "Capital" may be a venture fund, "Healthcare" a health-tech company).
SECTOR_WORD_FACTOR = 0.9

#: How an explanation and a row's note start when an employer has no company ladder.
UNKNOWN_COMPANY = "unknown company"
# An employer written as a kind of company ("a Series B startup", "an AI company"), not a name;
# lowercase, as "at a ..." is written, so that a name such as "A Cloud Guru" stays a name.
_DESCRIBED = re.compile(r"an?\s")

_DROPPED = re.compile(r"[.'’`´]")  # "J.P." is "jp", "McDonald's" is "mcdonalds"
_DROPPED_CHARS = str.maketrans("", "", ".'’`´")
_WORD = re.compile(r"[^\W_]+")  # a word of a name, as _SPACED splits them
_SPACED = re.compile(r"[^\w]+|_+")
_CONNECTORS = frozenset({"and", "the"})  # left dangling by "& Co." or "The ... Company"
_MAX_NAME_CHARS = 200


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name as they are compared: folded (lowercase, Latin accents removed),
    dots and apostrophes dropped, "&" read as "and", other punctuation a space.

    >>> name_words("J.P. Morgan Chase & Co."), name_words("Société Générale")
    (('jp', 'morgan', 'chase', 'and', 'co'), ('societe', 'generale'))
    """
    text = fold(clean(text)).replace("&", " and ")
    spaced = _SPACED if text.isascii() else _spaced_any_script()
    return tuple(spaced.sub(" ", _DROPPED.sub("", text)).split())


@functools.cache
def _spaced_any_script() -> re.Pattern[str]:
    """:data:`_SPACED` for names beyond ASCII: combining marks belong to their words."""
    return re.compile(rf"[^\w{marks()}]+|_+")


@dataclass(frozen=True, slots=True)
class LegalForm:
    """An entity legal form as names write it (``forms``: "Pvt Ltd", "Private Limited"), its
    ISO 20275 ELF codes, and whether it is written before the name (``start``: PT, 株式会社)."""

    forms: tuple[str, ...]
    elf: tuple[str, ...] = ()
    start: bool = False
    sources: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SectorWords:
    """Words that settle an employer's sector ("Bank" is banking). With ``compounds`` a word also
    counts at the end of a longer word ("Commerzbank", "Stadtsparkasse")."""

    sector: Sector
    words: tuple[str, ...]
    compounds: bool = False
    sources: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SectorWord:
    """The sector an employer's name settles, and the word (as written) that settled it."""

    sector: Sector
    word: str


@dataclass(frozen=True, slots=True)
class EmployerWords:
    """The legal forms and sector words of ``ladders/classifications/employer_words.yaml``."""

    legal_forms: tuple[LegalForm, ...] = ()
    sector_words: tuple[SectorWords, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """As plain data (the compiled bundle's form)."""
        return {
            "legal_forms": [
                {"forms": list(f.forms), "elf": list(f.elf), "start": f.start, "sources": list(f.sources)}
                for f in self.legal_forms
            ],
            "sector_words": [
                {
                    "sector": s.sector,
                    "words": list(s.words),
                    "compounds": s.compounds,
                    "sources": list(s.sources),
                }
                for s in self.sector_words
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EmployerWords:
        """From :meth:`to_dict`'s form (missing keys take their defaults)."""
        return cls(
            tuple(
                LegalForm(
                    tuple(f["forms"]),
                    tuple(f.get("elf", ())),
                    bool(f.get("start", False)),
                    tuple(f.get("sources", ())),
                )
                for f in data.get("legal_forms", ())
            ),
            tuple(
                SectorWords(
                    cast(Sector, s["sector"]),
                    tuple(s["words"]),
                    bool(s.get("compounds", False)),
                    tuple(s.get("sources", ())),
                )
                for s in data.get("sector_words", ())
            ),
        )


class _Forms:
    """The legal forms as word runs, stripped from a name's ends (longest first)."""

    def __init__(self, forms: Iterable[LegalForm]) -> None:
        end: set[tuple[str, ...]] = set()
        start: set[tuple[str, ...]] = set()
        for form in forms:
            for written in form.forms:
                words = name_words(written)
                if words:
                    (start if form.start else end).add(words)
                    end.add(words)  # a form written first is also written last ("メルカリ株式会社")
        # looked up by length, longest first: one set lookup per length instead of a scan
        self._end_set, self._start_set = frozenset(end), frozenset(start)
        self._end_sizes = sorted({len(w) for w in end}, reverse=True)
        self._start_sizes = sorted({len(w) for w in start}, reverse=True)
        # forms in scripts without spaces, also stripped from inside a word's ends ("株式会社メルカリ")
        self._joined_end = _joined(end)
        self._joined_start = _joined(start)

    def strip(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The words without their legal forms (never all of them), nor a leading "the"."""
        changed = True
        while changed and words:
            changed = False
            unjoined = self._unjoin(words)
            words, changed = unjoined, unjoined != words
            if len(words) < 2:
                break
            if words[0] == "the":
                words, changed = words[1:], True
            for size in self._end_sizes:  # longest first
                if size < len(words) and words[-size:] in self._end_set:
                    words, changed = words[:-size], True
                    break
            for size in self._start_sizes:
                if size < len(words) and words[:size] in self._start_set:
                    words, changed = words[size:], True
                    break
            while len(words) > 1 and words[-1] in _CONNECTORS:
                words, changed = words[:-1], True
        return words

    def _unjoin(self, words: tuple[str, ...]) -> tuple[str, ...]:
        if not words or (words[0].isascii() and words[-1].isascii()):
            return words
        out = list(words)
        for form in self._joined_start:
            if out[0].startswith(form) and len(out[0]) > len(form):
                out[0] = out[0][len(form) :]
                break
        for form in self._joined_end:
            if out[-1].endswith(form) and len(out[-1]) > len(form):
                out[-1] = out[-1][: -len(form)]
                break
        return tuple(out)


def _joined(forms: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The one-word forms in scripts written without spaces, longest first."""
    return tuple(sorted((w[0] for w in forms if len(w) == 1 and not w[0].isascii()), key=len, reverse=True))


class EmployerNames:
    """Company ladders by the names people write, and the sectors employers' names settle.

    ``companies`` maps each company ladder id to its names (``company.names``); ``words`` holds
    the legal forms and sector words; ``sector_of`` gives a company's sector (for refusing a
    prefix whose other words name another sector), None when it is not known.
    """

    def __init__(
        self,
        companies: Mapping[str, Iterable[str]],
        words: EmployerWords,
        sector_of: Callable[[str], str | None] | None = None,
    ) -> None:
        """Index the companies' names (see the class docstring)."""
        self._forms = _Forms(words.legal_forms)
        self._sector_of = sector_of or (lambda _company: None)
        self._index: dict[str, str] = {}
        for company, names in companies.items():
            for name in (company.replace("-", " "), *names):
                found = self.key(name)
                if found:
                    self._index.setdefault(found, company)
        self._sectors: dict[tuple[str, ...], SectorWord] = {}
        # compound endings ("bank" ending "Commerzbank") by their length: one lookup per length
        # and word instead of a scan of every ending
        self._endings: dict[int, dict[str, SectorWord]] = {}
        for group in words.sector_words:
            for written in group.words:
                run = name_words(written)
                self._sectors.setdefault(run, SectorWord(group.sector, written))
                if group.compounds and len(run) == 1:
                    self._endings.setdefault(len(run[0]), {}).setdefault(
                        run[0], SectorWord(group.sector, written)
                    )
        self._longest = max((len(r) for r in self._sectors), default=0)
        self._ending_lengths = tuple(sorted(self._endings))
        # a quick test that a text may hold a sector word at all: one of its words is the first
        # word of a sector word, or ends as a compound does; most titles' teams hold none
        self._first_words = frozenset(run[0] for run in self._sectors if run)
        ends = "|".join(
            re.escape(e)
            for e in sorted((e for d in self._endings.values() for e in d), key=len, reverse=True)
        )
        self._compound_end = re.compile(rf"\w(?:{ends})(?!\w)" if ends else "(?!)")
        # the quick test word by word (none of its tests spans a space, so the answer is the
        # text's), each word's answer kept: teams share their words
        self._sector_words = WordTest(self._word_may_name_sector)

    def key(self, name: str) -> str:
        """The comparison key of an employer's name: its words without legal forms.

        >>> EmployerNames({}, EmployerWords((LegalForm(("Inc.",)),))).key("The Walt Disney Co., Inc.")
        'walt disney co'
        """
        return " ".join(self._forms.strip(name_words(name[:_MAX_NAME_CHARS])))

    def company(self, name: str) -> str | None:
        """The company ladder id a name belongs to, or None (see the module docstring)."""
        found = self.key(name)
        if not found:
            return None
        company = self._index.get(found)
        if company is not None:
            return company
        words = found.split()
        for n in range(len(words) - 1, 0, -1):
            company = self._index.get(" ".join(words[:n]))
            if company is not None:
                other = self._sector_in(tuple(words[n:]))
                if other is not None and other.sector != self._sector_of(company):
                    return None  # "Apple Bank": the words after the brand name another business
                return company
        return None

    def sector(self, name: str) -> SectorWord | None:
        """The sector the words of a name settle ("Axis Bank" is banking), with the word, or None."""
        text = name[:_MAX_NAME_CHARS]
        if not self._sector_words.any(text):
            return None
        return self._sector_in(name_words(text))

    def _word_may_name_sector(self, text: str) -> bool:
        low = (text.lower() if text.isascii() else fold(text)).translate(_DROPPED_CHARS)
        words = _WORD.findall(low) if low.isascii() else _spaced_any_script().split(low)
        if not self._first_words.isdisjoint(words):
            return True
        return self._compound_end.search(low) is not None

    def _sector_in(self, words: tuple[str, ...]) -> SectorWord | None:
        sectors, endings, count = self._sectors, self._endings, len(words)
        for i, word in enumerate(words):
            for n in range(min(self._longest, count - i), 0, -1):
                found = sectors.get(words[i : i + n])
                if found is not None:
                    return found
            size = len(word)
            for length in self._ending_lengths:
                if size <= length + 2:
                    break
                found = endings[length].get(word[-length:])
                if found is not None:
                    return found
        return None


@dataclass(frozen=True, slots=True)
class EmployerContext:
    """What the employer's name and the title say beyond a company ladder: a company named in
    the title in another spelling (``company``), an employer with no company ladder (``unknown``,
    as written), a sector one of their words settles (``sector``, found in ``where``) and a stage
    the title writes in the employer's place (``stage``, from ``stage_where``: "Head of Product @
    seed-stage startup"), or an employer the title describes without naming it (``described``:
    "at a Fortune 500 company")."""

    company: str | None = None
    unknown: str | None = None
    sector: SectorWord | None = None
    where: str | None = None
    stage: CompanyStage | None = None
    stage_where: str | None = None
    described: str | None = None

    def notes(self, read_in: str) -> tuple[str, ...]:
        """The sentences this adds to an explanation; ``read_in`` is the ladder read with."""
        out = []
        if self.stage is not None:
            out.append(f"{self.stage_where!r} names the employer's stage, not its name: {self.stage}")
        if self.described is not None:
            out.append(
                f"{self.described!r} describes the employer without naming it; "
                f"read with the {read_in!r} ladder"
            )
        if self.unknown is not None:
            out.append(
                f"{UNKNOWN_COMPANY}: {self.unknown} (no company ladder); read with the {read_in!r} ladder"
            )
        if self.sector is not None:
            out.append(
                f"the word {self.sector.word!r} in {self.where!r} settles the sector: {self.sector.sector} "
                f"(confidence x{SECTOR_WORD_FACTOR})"
            )
        return tuple(out)


def employer_context(
    names: EmployerNames,
    *,
    employer: str | None,
    employer_known: bool,
    sector_given: bool,
    title_employer: str | None,
    team: str | None,
) -> EmployerContext | None:
    """What an employer cell (``employer``, with a company ladder when ``employer_known``), the
    company a title names after "@"/"at" (``title_employer``) and its team say, or None when
    nothing: a known name in another spelling, an unknown employer, the sector a word settles.
    A team settles the sector only when it is more than the sector word ("HDFC Bank", not
    "Insurance", which may be the product's domain at any employer)."""
    team_sector = names.sector(team) if team else None
    if employer is None and title_employer is None and team_sector is None:
        return None  # the common case: a team (if any) that settles no sector, and nothing else
    company = names.company(title_employer) if title_employer and not employer_known else None
    unknown = employer if employer and not employer_known else None
    stage = None
    described = None
    if title_employer and company is None and not employer_known:
        stage = normalize_stage(title_employer)
        stage = stage if stage in STAGES else described_stage(title_employer)
        if _DESCRIBED.match(title_employer):  # "at a Fortune 500 company": a kind, not a name
            described = title_employer
    if unknown is None and company is None and stage is None and title_employer and not employer_known:
        unknown = None if described else title_employer
    sector: SectorWord | None = None
    where = None
    if not sector_given and not employer_known and company is None:
        for text in (employer, title_employer):
            found = names.sector(text) if text else None
            if found is not None:
                sector, where = found, text
                break
        else:
            if team_sector is not None and len(name_words(team or "")) > _word_count(team_sector.word):
                sector, where = team_sector, team
    if company is None and unknown is None and sector is None and stage is None and described is None:
        return None
    where_stage = title_employer if stage else None
    return EmployerContext(company, unknown, sector, where, stage, where_stage, None if stage else described)


def told_match(
    placed: Match | None,
    match: Match,
    told: EmployerContext,
    ladder: Ladder,
    employer: Employer | None,
    market: str,
    note: str | None,
    read_in: str,
) -> Match | None:
    """A reading with what the employer's words told: an unknown company, a sector settled by a
    word (confidence lowered by :data:`SECTOR_WORD_FACTOR`). A word that makes a "Product
    Manager" a brand manager's employer ("Sun Pharma") keeps the reading, flagged as a look-alike."""
    from .context import in_context
    from .normalizer import LOOKALIKE_FACTOR
    from .vocabulary import BRAND_FAMILY

    factor = SECTOR_WORD_FACTOR if told.sector is not None else 1.0
    notes = told.notes(read_in)
    lookalike = None
    if placed is None and told.sector is not None and employer is not None:
        placed = in_context(match, ladder, replace(employer, sector=None), market=market, note=note)
        if placed is None:
            return None
        factor *= LOOKALIKE_FACTOR
        lookalike = BRAND_FAMILY
        notes += (f"at a {told.sector.sector} employer this title is often a brand manager's",)
    if placed is None or not notes:
        return placed
    return replace_match(_told(placed, factor, notes), lookalike=lookalike or placed.lookalike)


@functools.cache
def _word_count(word: str) -> int:
    """How many words a sector word is ("bank", "capital markets"): a few dozen, from the data."""
    return len(name_words(word))


def settled(employer: Employer | None, told: EmployerContext | None) -> Employer | None:
    """The employer with the sector a word of its name (or the title) settled, and the stage the
    title wrote in its place (a stage the employer already has is kept)."""
    if told is None or (told.sector is None and told.stage is None):
        return employer
    from .employer import Employer

    if employer is None:  # built once, not built empty and then replaced (each validates)
        return Employer(sector=told.sector.sector if told.sector is not None else None, stage=told.stage)
    sector = told.sector.sector if told.sector is not None else employer.sector
    return replace(employer, sector=sector, stage=employer.stage or told.stage)


def told_mapping(
    mapped: Mapped | None,
    told: tuple[EmployerContext | None, EmployerContext | None],
    read_in: tuple[str, str],
) -> Mapped | None:
    """A mapping with what the source and target employers' words told (see :func:`told_match`); a
    target sector settled by a word lowers the confidence (the source's lowered the reading's)."""
    if mapped is None or told == (None, None):
        return mapped
    notes: list[str] = []
    factor = 1.0
    for side, found, ladder in zip(("source", "target"), told, read_in, strict=True):
        if found is not None:
            notes.extend(f"{side} employer: {n}" for n in found.notes(ladder))
            factor *= SECTOR_WORD_FACTOR if found.sector is not None and side == "target" else 1.0
    return _told(mapped, factor, notes)


_Told = TypeVar("_Told", "Match", "Mapped")


def _told(answer: _Told, factor: float, notes: Sequence[str]) -> _Told:
    """``answer`` (a reading or a mapping) with its confidence and its alternatives' scaled by
    ``factor`` and ``notes`` added to its explanation."""
    copy = replace_match if isinstance(answer, Match) else replace
    return copy(
        answer,
        confidence=round(answer.confidence * factor, 3),
        alternatives=tuple(
            replace(a, confidence=round(a.confidence * factor, 3)) for a in answer.alternatives
        ),
        explanation=(*answer.explanation, *(sentence(n) for n in notes)),
    )
