"""The immutable records ladders are made of, as the library holds them at run time.

Files are validated by the pydantic specs of :mod:`titlemap.models` when they are loaded from
YAML; what they become, and what the compiled bundle is read back into, are these plain frozen
records: cheap to build, to read and to pickle, and free of any dependency, so that reading a
title never needs pydantic.

Each record has ``to_dict()`` (plain data, as in a ladder file, for JSON) and ``from_dict()``
(the inverse, trusting its input: it reads the library's own compiled data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .spine import Track

__all__ = [
    "ALIAS_SEPARATOR",
    "BACKGROUNDS",
    "GRADES",
    "SECTORS",
    "STAGES",
    "Ambiguity",
    "Background",
    "CompanyInfo",
    "CompanyStage",
    "Condition",
    "Grade",
    "Landing",
    "Language",
    "Lateral",
    "LevelRange",
    "LevelSpec",
    "Occupation",
    "Occupations",
    "Rule",
    "Rung",
    "Sector",
    "Source",
]

Background = Literal[
    "engineering",
    "design",
    "data",
    "business",
    "consulting",
    "sales",
    "marketing",
    "operations",
    "product",
    "other",
]
BACKGROUNDS: tuple[str, ...] = Background.__args__  # type: ignore[attr-defined]
CompanyStage = Literal["early", "growth", "enterprise"]
STAGES: tuple[str, ...] = CompanyStage.__args__  # type: ignore[attr-defined]
Sector = Literal["tech", "banking", "it-services", "consulting", "pharma", "consumer-goods", "public-sector"]
SECTORS: tuple[str, ...] = Sector.__args__  # type: ignore[attr-defined]
#: A source's grade: A primary, B reputable press or a known practitioner, C aggregator or weak.
Grade = Literal["A", "B", "C"]
GRADES: tuple[str, ...] = Grade.__args__  # type: ignore[attr-defined]

#: What separates aliases where they are listed for people (tables, notebooks): not a comma,
#: which some aliases hold ("AVP, Product").
ALIAS_SEPARATOR = " · "


def _tuple(value: Any) -> tuple[Any, ...] | None:
    return None if value is None else tuple(value)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from: a page, a document or the seed text, with its grade (``A``
    primary, ``B`` reputable press or a known practitioner, ``C`` aggregator or weak) and what
    it supports (``note``)."""

    id: str
    title: str
    url: str
    publisher: str | None = None
    grade: Grade | None = None
    note: str | None = None
    as_of: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The source as it is written in a ladder file."""
        out: dict[str, Any] = {"id": self.id, "title": self.title, "url": self.url}
        for name in ("publisher", "grade", "note", "as_of"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        """A source from :meth:`to_dict`'s output."""
        return cls(**d)


@dataclass(frozen=True, slots=True)
class LevelRange:
    """A level with the range practice allows around it (``{level: 5, range: [4, 7]}``)."""

    level: int
    range: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        """The level and its range as written in a ladder file."""
        return {"level": self.level, "range": list(self.range)}


#: A level in a ladder file's ``stage_levels`` / ``sector_levels``: a number or a level with a range.
LevelSpec = int | LevelRange


def _levels_to_dict(table: dict[str, LevelSpec]) -> dict[str, Any]:
    return {k: v if isinstance(v, int) else v.to_dict() for k, v in table.items()}


def _levels_from_dict(table: dict[str, Any] | None) -> dict[str, LevelSpec]:
    return {
        k: v if isinstance(v, int) else LevelRange(v["level"], (v["range"][0], v["range"][1]))
        for k, v in (table or {}).items()
    }


@dataclass(frozen=True, slots=True)
class Rung:
    """One title of a ladder: its title, aliases, level on the spine, track and scope.

    Attributes:
        id: the rung id, unique in its ladder (``senior-product-manager``, ``l6``).
        title: the rung's own title in its ladder (a company's own title in a company ladder).
        level: the rung's number on the universal level spine (0-12).
        track: ``"ic"``, ``"manager"`` or ``"executive"``.
        manages_people: whether the rung normally manages people; None where practice varies.
        scope: what the role owns.
        sources: ids of the ladder's sources the rung rests on.
        canonical: the canonical rung id the rung is read as, when it is a finer rank or a
            company's own level of it; None when its own id is canonical.
        aliases: abbreviations and common variants of the title.
        examples: real titles that normalize to the rung (checked by the tests).
        note: where practice varies, and why.
        local_title: the usual title in the market's own language, when it differs.
        codes: a company's own level codes for the rung (``L6``, ``IC5``, ``64``).
        level_range: the lowest and highest spine level when practice varies.
        stage_levels: the level by company stage, when it depends on it.
        sector_levels: the level by employer sector, when it depends on it.
        stages: the company stages that normally have the rung (None: every stage).
        years: the typical years of experience, ``(low, high)``; ``high`` None when open.
        reports: the typical number of people managed, ``(low, high)``; ``high`` None when open.
        as_of: the year the rung's facts describe, when the sources date them.
        level_sources: the ids of the sources that place the rung's level and codes, when
            they are fewer than ``sources`` (a company's title may rest on its own advert and
            its code on an aggregator); None: all of ``sources``.
    """

    id: str
    title: str
    level: int
    track: Track
    manages_people: bool | None
    scope: str
    sources: tuple[str, ...]
    canonical: str | None = None
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    note: str | None = None
    local_title: str | None = None
    codes: tuple[str, ...] = ()
    level_range: tuple[int, int] | None = None
    stage_levels: dict[str, LevelSpec] = field(default_factory=dict)
    sector_levels: dict[str, LevelSpec] = field(default_factory=dict)
    stages: tuple[str, ...] | None = None
    years: tuple[float, float | None] | None = None
    reports: tuple[int, int | None] | None = None
    as_of: int | None = None
    level_sources: tuple[str, ...] | None = None

    def __hash__(self) -> int:
        return hash((self.id, self.title, self.level, self.track))

    def __repr__(self) -> str:
        return f"Rung({self.title!r}, id={self.id!r}, level={self.level}, track={self.track!r})"

    def to_dict(self) -> dict[str, Any]:
        """The rung as it is written in a ladder file (keys left out where they hold their default)."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "track": self.track,
            "manages_people": self.manages_people,
            "scope": self.scope,
            "sources": list(self.sources),
        }
        for name in ("canonical", "note", "local_title", "as_of"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        for name in ("aliases", "examples", "codes"):
            value = getattr(self, name)
            if value:
                out[name] = list(value)
        for name in ("level_range", "stages", "years", "reports", "level_sources"):
            value = getattr(self, name)
            if value is not None:
                out[name] = list(value)
        if self.stage_levels:
            out["stage_levels"] = _levels_to_dict(self.stage_levels)
        if self.sector_levels:
            out["sector_levels"] = _levels_to_dict(self.sector_levels)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Rung:
        """A rung from :meth:`to_dict`'s output."""
        return cls(
            id=d["id"],
            title=d["title"],
            level=d["level"],
            track=d["track"],
            manages_people=d["manages_people"],
            scope=d["scope"],
            sources=tuple(d["sources"]),
            canonical=d.get("canonical"),
            aliases=tuple(d.get("aliases", ())),
            examples=tuple(d.get("examples", ())),
            note=d.get("note"),
            local_title=d.get("local_title"),
            codes=tuple(d.get("codes", ())),
            level_range=_tuple(d.get("level_range")),
            stage_levels=_levels_from_dict(d.get("stage_levels")),
            sector_levels=_levels_from_dict(d.get("sector_levels")),
            stages=_tuple(d.get("stages")),
            years=_tuple(d.get("years")),
            reports=_tuple(d.get("reports")),
            as_of=d.get("as_of"),
            level_sources=_tuple(d.get("level_sources")),
        )

    def _repr_html_(self) -> str:
        import html

        people = {True: "yes", False: "no", None: "varies"}[self.manages_people]
        aliases = ALIAS_SEPARATOR.join(self.aliases)
        return (
            f"<div><b>{html.escape(self.title)}</b> <code>{html.escape(self.id)}</code> - level "
            f"{self.level}, {html.escape(self.track)} track, manages people: {people}<br>"
            f"<i>{html.escape(self.scope)}</i><br>Aliases: {html.escape(aliases) or 'none'}"
            "</div>"
        )


@dataclass(frozen=True, slots=True)
class Lateral:
    """A lateral move between two rungs of one ladder, in both directions."""

    between: tuple[str, str]
    rationale: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        """The move as it is written in a ladder file."""
        return {"between": list(self.between), "rationale": self.rationale, "source": self.source}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Lateral:
        """A move from :meth:`to_dict`'s output."""
        return cls((d["between"][0], d["between"][1]), d["rationale"], d["source"])


@dataclass(frozen=True, slots=True)
class Landing:
    """The title (a rung id) a market commonly gives at a spine level on a track, with its source,
    and the rungs at that level it rarely gives (``instead_of``)."""

    level: int
    track: Track
    rung: str
    source: str
    note: str | None = None
    instead_of: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The landing as it is written in a ladder file."""
        out: dict[str, Any] = {"level": self.level, "track": self.track, "rung": self.rung}
        if self.instead_of:
            out["instead_of"] = list(self.instead_of)
        out["source"] = self.source
        if self.note is not None:
            out["note"] = self.note
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Landing:
        """A landing from :meth:`to_dict`'s output."""
        instead = tuple(d.get("instead_of", ()))
        return cls(d["level"], d["track"], d["rung"], d["source"], d.get("note"), instead)


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A title whose reading varies with the employer: read as the first rung, the others kept as
    alternatives with the note (e.g. "Manager, Product Management": a first people manager at some
    companies, an individual PM at others)."""

    title: str
    readings: tuple[str, ...]
    note: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ambiguity as it is written in a ladder file."""
        return {
            "title": self.title,
            "readings": list(self.readings),
            "note": self.note,
            "sources": list(self.sources),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Ambiguity:
        """An ambiguity from :meth:`to_dict`'s output."""
        return cls(d["title"], tuple(d["readings"]), d["note"], tuple(d["sources"]))


@dataclass(frozen=True, slots=True)
class CompanyInfo:
    """Who a company ladder describes: its names in titles and files, its sector, stage and size."""

    names: tuple[str, ...]
    sector: Sector | None = None
    stage: CompanyStage | None = None
    size: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The company block as it is written in a ladder file."""
        out: dict[str, Any] = {"names": list(self.names)}
        for name in ("sector", "stage", "size"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CompanyInfo:
        """A company block from :meth:`to_dict`'s output."""
        return cls(tuple(d["names"]), d.get("sector"), d.get("stage"), d.get("size"))


_CONDITION_LISTS = ("background", "company_stage", "sector", "target_stage", "target_sector")


@dataclass(frozen=True, slots=True)
class Condition:
    """Conditions on a person's profile and the employers; a rule applies only when all the
    given ones hold."""

    background: tuple[str, ...] | None = None
    min_years: float | None = None
    max_years: float | None = None
    manages_people: bool | None = None
    company_stage: tuple[str, ...] | None = None
    sector: tuple[str, ...] | None = None
    target_stage: tuple[str, ...] | None = None
    target_sector: tuple[str, ...] | None = None

    @property
    def specificity(self) -> int:
        """How many conditions are set: a more specific rule wins over a more general one."""
        keyed = (
            self.background,
            self.manages_people,
            self.company_stage,
            self.sector,
            self.target_stage,
            self.target_sector,
        )
        return sum(v is not None for v in keyed) + (self.min_years is not None or self.max_years is not None)

    def describe(self) -> str:
        """The conditions in words, e.g. ``background engineering, 5+ years``."""
        parts: list[str] = []
        if self.background:
            parts.append("background " + " or ".join(self.background))
        if self.min_years is not None and self.max_years is not None:
            parts.append(f"{self.min_years:g}-{self.max_years:g} years")
        elif self.min_years is not None:
            parts.append(f"{self.min_years:g}+ years")
        elif self.max_years is not None:
            parts.append(f"at most {self.max_years:g} years")
        if self.manages_people is not None:
            parts.append("manages people" if self.manages_people else "does not manage people")
        if self.company_stage:
            parts.append("company stage " + " or ".join(self.company_stage))
        if self.sector:
            parts.append("sector " + " or ".join(self.sector))
        if self.target_stage:
            parts.append("target company stage " + " or ".join(self.target_stage))
        if self.target_sector:
            parts.append("target sector " + " or ".join(self.target_sector))
        return ", ".join(parts) or "always"

    def to_dict(self) -> dict[str, Any]:
        """The conditions that are set, as written in a crosswalk file."""
        out: dict[str, Any] = {}
        for name in (*_CONDITION_LISTS, "min_years", "max_years", "manages_people"):
            value = getattr(self, name)
            if value is not None:
                out[name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Condition:
        """Conditions from :meth:`to_dict`'s output."""
        values: dict[str, Any] = {k: tuple(v) if k in _CONDITION_LISTS else v for k, v in d.items()}
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Rule:
    """A cross-market equivalence: a source rung maps to a target rung when the conditions hold.

    ``from_`` and ``to`` are ``"market:rung-id"`` references; ``convention`` marks a reported
    convention rather than a sourced rule.
    """

    id: str
    from_: str
    to: str
    confidence: float
    rationale: str
    source: str
    when: Condition = field(default_factory=Condition)
    convention: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The rule as it is written in a crosswalk file."""
        out: dict[str, Any] = {
            "id": self.id,
            "from": self.from_,
            "to": self.to,
            "when": self.when.to_dict(),
            "confidence": self.confidence,
            "rationale": self.rationale,
            "source": self.source,
        }
        if self.convention:
            out["convention"] = True
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Rule:
        """A rule from :meth:`to_dict`'s output."""
        return cls(
            id=d["id"],
            from_=d["from"],
            to=d["to"],
            confidence=d["confidence"],
            rationale=d["rationale"],
            source=d["source"],
            when=Condition.from_dict(d.get("when") or {}),
            convention=d.get("convention", False),
        )


def _words_to_dict(table: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    return {k: list(v) for k, v in table.items()}


@dataclass(frozen=True, slots=True)
class Language:
    """A language's title words, as the English words titlemap reads them as.

    Attributes:
        id: the ISO 639-1 code (``de``).
        name: the language's name in English.
        words: a folded word (lowercase, Latin accents removed) -> the English title words it
            stands for, read in every market (recruiters' files mix languages): "produktmanager"
            -> ("product", "manager").
        market_words: the same for words that are also English or another language's words, read
            only in markets that speak the language ("stage" is a French internship).
        phrases: local phrases, as the words they read as after ``words``, -> English words
            (("chef", "de", "product") -> ("product", "manager")).
        parts: pieces of words written without spaces (Japanese, Chinese), longest first when a
            word is split: "シニア" -> ("senior",).
        head_first: whether such words put the title's head word first (Thai), so that unread
            characters before the pieces leave the word unread instead of modifying it.
        gender_endings: other-gender endings written glued to a word in brackets or after a
            slash ("in": "Produktmanager(in)"), removed before reading.
        dotted_gender_endings: those written after a dot or a middle dot ("fe": "Chef·fe").
        stems: a look-alike job family -> the beginnings of compound words that name it
            ("project or program management" -> ("projekt",)), for saying why a title was refused.
        shared_titles: a folded local title that a look-alike family shares with product
            management -> that family ("chef de produit" -> "marketing").
        examples: titles in the language with the canonical title they read as, or "NONE" for a
            look-alike (checked by the tests).
        sources: where the non-obvious readings come from.
        file: the file the language was loaded from.
        past_markers: words that mark a past role in a headline or title ("ehemals", "元"),
            read as :mod:`titlemap.markers` says.
        current_markers: words that mark the current role ("aktuell", "現在").
        employer_words: words written before an employer ("bei", "chez").
        marker_exceptions: words that start with a marker but are not one ("元気").
    """

    id: str
    name: str
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    market_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    head_first: bool = False
    gender_endings: tuple[str, ...] = ()
    dotted_gender_endings: tuple[str, ...] = ()
    stems: dict[str, tuple[str, ...]] = field(default_factory=dict)
    shared_titles: dict[str, str] = field(default_factory=dict)
    examples: tuple[tuple[str, str], ...] = ()
    sources: tuple[Source, ...] = ()
    file: str | None = None
    past_markers: tuple[str, ...] = ()
    current_markers: tuple[str, ...] = ()
    employer_words: tuple[str, ...] = ()
    marker_exceptions: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash((self.id, self.name))

    def to_dict(self) -> dict[str, Any]:
        """The language as plain data (its tables compiled: one entry per local word), for JSON."""
        return {
            "id": self.id,
            "name": self.name,
            "words": _words_to_dict(self.words),
            "market_words": _words_to_dict(self.market_words),
            "phrases": [[list(k), list(v)] for k, v in self.phrases.items()],
            "parts": _words_to_dict(self.parts),
            "head_first": self.head_first,
            "gender_endings": list(self.gender_endings),
            "dotted_gender_endings": list(self.dotted_gender_endings),
            "stems": _words_to_dict(self.stems),
            "shared_titles": dict(self.shared_titles),
            "examples": [list(e) for e in self.examples],
            "sources": [s.to_dict() for s in self.sources],
            "file": self.file,
            "past_markers": list(self.past_markers),
            "current_markers": list(self.current_markers),
            "employer_words": list(self.employer_words),
            "marker_exceptions": list(self.marker_exceptions),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Language:
        """A language from :meth:`to_dict`'s output."""
        return cls(
            id=d["id"],
            name=d["name"],
            words={k: tuple(v) for k, v in d.get("words", {}).items()},
            market_words={k: tuple(v) for k, v in d.get("market_words", {}).items()},
            phrases={tuple(k): tuple(v) for k, v in d.get("phrases", ())},
            parts={k: tuple(v) for k, v in d.get("parts", {}).items()},
            head_first=bool(d.get("head_first", False)),
            gender_endings=tuple(d.get("gender_endings", ())),
            dotted_gender_endings=tuple(d.get("dotted_gender_endings", ())),
            stems={k: tuple(v) for k, v in d.get("stems", {}).items()},
            shared_titles=dict(d.get("shared_titles", {})),
            examples=tuple((a, b) for a, b in d.get("examples", ())),
            sources=tuple(Source.from_dict(s) for s in d.get("sources", ())),
            file=d.get("file"),
            past_markers=tuple(d.get("past_markers", ())),
            current_markers=tuple(d.get("current_markers", ())),
            employer_words=tuple(d.get("employer_words", ())),
            marker_exceptions=tuple(d.get("marker_exceptions", ())),
        )


@dataclass(frozen=True, slots=True)
class Occupation:
    """A role's codes in the standard occupation classifications, for joining with HR systems.

    Attributes:
        isco08: the ISCO-08 unit group (``"1330"``).
        esco_uri: the ESCO occupation's URI, and ``esco_label`` its preferred label.
        onet_soc: the O*NET-SOC 2019 code (``"11-2021.00"``), and ``onet_title`` its title.
        uk_soc2020: the UK SOC 2020 unit group, where sourced.
        nco2015: India's NCO-2015 code (its family, which equals the ISCO-08 unit group, or a
            full code), where sourced.
        note: where the classifications disagree, or the code is a nearest reading.
        sources: ids of the classification pages the codes come from.
    """

    isco08: str | None = None
    esco_uri: str | None = None
    esco_label: str | None = None
    onet_soc: str | None = None
    onet_title: str | None = None
    uk_soc2020: str | None = None
    nco2015: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The codes given, as plain data."""
        out: dict[str, Any] = {
            name: getattr(self, name)
            for name in (
                "isco08",
                "esco_uri",
                "esco_label",
                "onet_soc",
                "onet_title",
                "uk_soc2020",
                "nco2015",
                "note",
            )
            if getattr(self, name) is not None
        }
        out["sources"] = list(self.sources)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Occupation:
        """Codes from :meth:`to_dict`'s output."""
        return cls(**{**d, "sources": tuple(d.get("sources", ()))})


@dataclass(frozen=True, slots=True)
class Occupations:
    """The occupation codes of canonical rungs (by id) and of look-alike families (by name),
    with the classification pages they come from."""

    rungs: dict[str, Occupation] = field(default_factory=dict)
    families: dict[str, Occupation] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The codes as plain data, for JSON."""
        return {
            "rungs": {k: v.to_dict() for k, v in self.rungs.items()},
            "families": {k: v.to_dict() for k, v in self.families.items()},
            "sources": [s.to_dict() for s in self.sources],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Occupations:
        """Codes from :meth:`to_dict`'s output."""
        return cls(
            {k: Occupation.from_dict(v) for k, v in d.get("rungs", {}).items()},
            {k: Occupation.from_dict(v) for k, v in d.get("families", {}).items()},
            tuple(Source.from_dict(s) for s in d.get("sources", ())),
        )
