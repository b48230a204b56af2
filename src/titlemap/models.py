"""The schema of ladder and crosswalk files, as immutable pydantic specs.

These specs validate one file at a time, as it is written; cross-references between parts of
a file (rung ids in edges, cycles, aliases) are checked by :mod:`titlemap.loading`, which also
turns the specs into the run-time records of :mod:`titlemap.records` and the
:class:`~titlemap.ladder.Ladder`. Nothing on the path of reading a title imports this module.
"""

# No `from __future__ import annotations` here: pydantic would then evaluate every field's
# annotation from a string when the classes are defined, which doubles the import time.
import re
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from . import records
from .records import Background, CompanyStage, Grade, Sector
from .spine import Track

if TYPE_CHECKING:
    from .employer_names import EmployerWords

__all__ = [
    "AmbiguitySpec",
    "CompanyInfoSpec",
    "ConditionSpec",
    "CrosswalkFile",
    "EmployerWordsFile",
    "LadderFile",
    "LandingSpec",
    "LanguageFile",
    "LateralSpec",
    "LevelRangeSpec",
    "OccupationSpec",
    "OccupationsFile",
    "PromotionSpec",
    "RuleSpec",
    "RungSpec",
    "SourceSpec",
]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
MarketId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,31}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
#: An ISO 3166-2 subdivision code without its country prefix: CA (US-CA), 13 (JP-13), NSW.
SubdivisionCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{1,3}$")]
RungRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,31}:[a-z0-9]+(?:-[a-z0-9]+)*$")]

LevelCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]{0,11}$")]

_URL = re.compile(r"^(https?://\S+|seed:\S+|file:\S+|urn:\S+)$")


class _Frozen(BaseModel):
    # defer_build: a spec's schema is built on its first validation, not at import.
    model_config = ConfigDict(
        frozen=True, extra="forbid", strict=True, populate_by_name=True, defer_build=True
    )


Year = Annotated[int, Field(ge=1990, le=2100)]


class SourceSpec(_Frozen):
    """Where a fact comes from: a page, a document or the seed text."""

    model_config = ConfigDict(title="Source")

    id: Slug
    title: Text
    url: str = Field(description="http(s) address, or seed:<file> for the project's seed document")
    publisher: ShortText | None = None
    grade: Grade | None = Field(
        default=None,
        description="A: primary (the company's own pages, the Scrum Guide, a government framework); "
        "B: reputable press or a well-known practitioner; C: aggregator or weak evidence",
    )
    note: Text | None = Field(default=None, description="What the source supports, and how strongly")
    as_of: Year | None = Field(
        default=None, description="The year the page was written or its facts date from"
    )

    @field_validator("url")
    @classmethod
    def _url_shape(cls, value: str) -> str:
        if not _URL.match(value):
            raise ValueError("expected an http(s):// address or seed:<name>")
        return value

    def record(self) -> records.Source:
        """The run-time record."""
        return records.Source(
            self.id, self.title, self.url, self.publisher, self.grade, self.note, self.as_of
        )


class LevelRangeSpec(_Frozen):
    """A level with the range practice allows around it (``{level: 5, range: [4, 7]}``)."""

    model_config = ConfigDict(title="LevelRange")

    level: int = Field(ge=0, le=12)
    range: tuple[int, int] = Field(description="lowest and highest spine level, around `level`")

    @model_validator(mode="after")
    def _ordered(self) -> "LevelRangeSpec":
        low, high = self.range
        if not 0 <= low <= self.level <= high <= 12:
            raise ValueError("need 0 <= range[0] <= level <= range[1] <= 12")
        return self


LevelSpec = Annotated[int, Field(ge=0, le=12)] | LevelRangeSpec


def _level_record(spec: "int | LevelRangeSpec") -> records.LevelSpec:
    return spec if isinstance(spec, int) else records.LevelRange(spec.level, spec.range)


class RungSpec(_Frozen):
    """One title of a ladder: its title, aliases, level, track and scope."""

    model_config = ConfigDict(title="Rung")

    id: Slug
    title: ShortText = Field(
        description="The rung's own title in its ladder (a company's own title in a company ladder)"
    )
    canonical: Slug | None = Field(
        default=None,
        description="The canonical rung id this rung is read as, when it is a finer rank or a company's "
        "own level of it (e.g. senior-staff-product-manager -> staff-product-manager); null: its own id",
    )
    aliases: tuple[ShortText, ...] = Field(default=(), description="Abbreviations and common variants")
    level: int = Field(ge=0, le=12, description="Number on the universal level spine")
    track: Track
    manages_people: bool | None = Field(
        description="Whether the rung normally manages people; null when practice varies"
    )
    scope: Text = Field(description="What the role owns: tactical/strategic, backlog/roadmap")
    examples: tuple[ShortText, ...] = Field(
        default=(), description="Real titles that must normalize to this rung (checked by the tests)"
    )
    note: Text | None = Field(default=None, description="Where practice varies, and why")
    sources: tuple[Slug, ...] = Field(min_length=1, description="Ids of the ladder's sources")
    local_title: ShortText | None = Field(
        default=None, description="The usual title in the market's own language, when it differs"
    )
    codes: tuple[LevelCode, ...] = Field(
        default=(), description="A company's own level codes for this rung (L6, IC5, 64, P40)"
    )
    level_range: tuple[int, int] | None = Field(
        default=None, description="Lowest and highest spine level when practice varies (around `level`)"
    )
    stage_levels: dict[CompanyStage, LevelSpec] = Field(
        default_factory=dict,
        description="The level by company stage (early, growth, enterprise), when it depends on it",
    )
    sector_levels: dict[Sector, LevelSpec] = Field(
        default_factory=dict,
        description="The level by employer sector (e.g. a bank's AVP rank), when it depends on it",
    )
    stages: tuple[CompanyStage, ...] | None = Field(
        default=None,
        description="The company stages that normally have this rung (null: every stage); mapping "
        "into a company of another stage avoids it",
    )
    years: tuple[Annotated[float, Field(ge=0, le=60)], Annotated[float, Field(ge=0, le=60)] | None] | None = (
        Field(
            default=None,
            description="Typical years of experience [low, high] (high null: open-ended), where sources "
            "give it",
        )
    )
    reports: (
        tuple[Annotated[int, Field(ge=0, le=10000)], Annotated[int, Field(ge=0, le=10000)] | None] | None
    ) = Field(
        default=None,
        description="Typical number of people managed [low, high] (high null: open-ended), where "
        "sources give it",
    )
    as_of: Year | None = Field(default=None, description="The year the rung's facts describe")
    level_sources: tuple[Slug, ...] | None = Field(
        default=None,
        description="Ids of the sources (among `sources`) that place the rung's level and codes, when "
        "fewer than all of them: the answer's evidence grade is the best of these",
    )

    @model_validator(mode="after")
    def _ranges_hold(self) -> "RungSpec":
        if self.level_range is not None:
            low, high = self.level_range
            if not 0 <= low <= self.level <= high <= 12:
                raise ValueError("level_range must hold level: [low, high] with low <= level <= high")
        for name in ("years", "reports"):
            pair = getattr(self, name)
            if pair is not None and pair[1] is not None and pair[0] > pair[1]:
                raise ValueError(f"{name} must be [low, high] with low <= high")
        if self.level_sources is not None and not set(self.level_sources) <= set(self.sources):
            raise ValueError("level_sources must be ids listed in the rung's sources")
        return self

    def record(self) -> records.Rung:
        """The run-time record."""
        return records.Rung(
            id=self.id,
            title=self.title,
            level=self.level,
            track=self.track,
            manages_people=self.manages_people,
            scope=self.scope,
            sources=self.sources,
            canonical=self.canonical,
            aliases=self.aliases,
            examples=self.examples,
            note=self.note,
            local_title=self.local_title,
            codes=self.codes,
            level_range=self.level_range,
            stage_levels={k: _level_record(v) for k, v in self.stage_levels.items()},
            sector_levels={k: _level_record(v) for k, v in self.sector_levels.items()},
            stages=self.stages,
            years=self.years,
            reports=self.reports,
            as_of=self.as_of,
            level_sources=self.level_sources,
        )


class PromotionSpec(_Frozen):
    """A promotion edge: from a rung to its next rung(s); IC and manager tracks may fork."""

    model_config = ConfigDict(title="Promotion")

    from_: Slug = Field(alias="from")
    to: tuple[Slug, ...] = Field(min_length=1)
    source: Slug
    rationale: Text | None = None
    convention: bool = Field(
        default=False, description="True when the step is this project's convention rather than sourced"
    )


class LateralSpec(_Frozen):
    """A lateral move between two rungs of one ladder, in both directions."""

    model_config = ConfigDict(title="Lateral")

    between: tuple[Slug, Slug]
    rationale: Text
    source: Slug

    def record(self) -> records.Lateral:
        """The run-time record."""
        return records.Lateral(self.between, self.rationale, self.source)


class CompanyInfoSpec(_Frozen):
    """Who a company ladder describes: its names in titles, its sector, stage and size."""

    model_config = ConfigDict(title="CompanyInfo")

    names: tuple[ShortText, ...] = Field(
        min_length=1, description="How the company is written in job titles and files (Amazon, AWS, ...)"
    )
    sector: Sector | None = None
    stage: CompanyStage | None = None
    size: int | None = Field(default=None, ge=1, description="Headcount, when a source gives it")

    def record(self) -> records.CompanyInfo:
        """The run-time record."""
        return records.CompanyInfo(self.names, self.sector, self.stage, self.size)


class LandingSpec(_Frozen):
    """The title a market commonly gives at a spine level on a track: where a title mapped into
    the market lands when it has no direct counterpart there (an Indian scale-up's Associate
    Director lands in the US as the title US employers give at that level)."""

    model_config = ConfigDict(title="Landing")

    level: int = Field(ge=0, le=12, description="The spine level of the person being placed")
    track: Literal["ic", "manager", "executive"] = Field(description="Their track: ic, manager or executive")
    rung: Slug = Field(
        description="The rung id of the title the market gives them (its level may differ by one)"
    )
    instead_of: tuple[Slug, ...] = Field(
        default=(),
        description="Rungs of the ladder at this level that the market rarely gives (kept to read "
        "titles written so): a title read as one of them lands on `rung` instead",
    )
    note: Text | None = Field(default=None, description="What the sources say, where it needs saying")
    source: Slug = Field(description="The id of the ladder's source that says so")

    def record(self) -> records.Landing:
        """The run-time record."""
        return records.Landing(self.level, self.track, self.rung, self.source, self.note, self.instead_of)


class AmbiguitySpec(_Frozen):
    """A title whose reading varies with the employer: read as the first rung, the others kept as
    alternatives with the note (e.g. "Manager, Product Management": a first people manager at some
    companies, an individual PM at others)."""

    model_config = ConfigDict(title="Ambiguity")

    title: ShortText = Field(description="The title, as an alias of the first reading's rung")
    readings: tuple[Slug, ...] = Field(min_length=2, description="Rung ids: the default reading first")
    note: Text = Field(description="Where each reading holds, from the sources")
    sources: tuple[Slug, ...] = Field(min_length=1, description="Ids of the ladder's sources")

    def record(self) -> records.Ambiguity:
        """The run-time record."""
        return records.Ambiguity(self.title, self.readings, self.note, self.sources)


class LadderFile(_Frozen):
    """A ladder file: one market's product title convention, or a company ladder extending one."""

    schema_version: Literal[1] = 1
    id: MarketId
    kind: Literal["market", "company"] = Field(
        default="market", description="market (a country's convention) or company (extends a market)"
    )
    name: ShortText
    family: Literal["product", "engineering"] = "product"
    extends: MarketId | None = Field(default=None, description="A loaded ladder this file builds on")
    company: CompanyInfoSpec | None = Field(default=None, description="For kind: company, who it describes")
    countries: tuple[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")], ...] = Field(
        default=(), description="ISO 3166-1 alpha-2 codes of the countries the convention describes"
    )
    country_names: tuple[ShortText, ...] = Field(
        default=(), description="Country and region names accepted when looking the ladder up (e.g. India)"
    )
    cities: tuple[ShortText, ...] = Field(
        default=(), description="Cities accepted when looking the ladder up (Bengaluru, Berlin)"
    )
    regions: tuple[ShortText, ...] = Field(
        default=(),
        description="Regions without one convention of their own that are read with this ladder, "
        "its documented default (EMEA, APAC, LATAM); a lookup by a region says so",
    )
    subdivisions: dict[SubdivisionCode, ShortText] = Field(
        default_factory=dict,
        description="The first-level subdivisions of the market's country (states, provinces, "
        "regions), code to name, the ISO 3166-2 code without its country prefix (CA: California); "
        "a place naming one is read as this market, and so is its code after a comma when "
        "`city_code_priority` is set. Not inherited through `extends:`",
    )
    subdivisions_source: Slug | None = Field(
        default=None,
        description="The id of the ladder's source the subdivisions are transcribed from; "
        "required with `subdivisions`",
    )
    city_code_priority: int | None = Field(
        default=None,
        ge=1,
        description='Set when the market\'s addresses are written "City, ST", a subdivision code '
        'after the city ("Austin, TX", "Toronto, ON"): such a code after a comma reads as this '
        'market before a country code written the same ("Boise, ID" is Idaho, not Indonesia). '
        "Where markets so marked share a code (WA: Washington, Western Australia), the one the "
        "place's other parts name wins, else the lowest number, and the answer's note names the "
        "other reading",
    )
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] | None = Field(
        default=None, description="The market's main local language (ISO 639-1), e.g. de"
    )
    languages: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")], ...] = Field(
        default=(),
        description="Other languages the market's titles are written in (ISO 639-1), e.g. [fr] for "
        "Canada; words only these languages read so (their market_words) are read in the market",
    )
    not_product_abbreviations: tuple[ShortText, ...] = Field(
        default=(),
        description="Abbreviations that do not mean product management in this market "
        "(in Japan PM is a project manager; product managers write PdM)",
    )
    description: Text
    sources: tuple[SourceSpec, ...] = Field(min_length=1)
    rungs: tuple[dict[str, object], ...] = Field(
        default=(), description="Rungs (see the Rung definition); in an extending file, overrides by id"
    )
    promotions: tuple[PromotionSpec, ...] = ()
    laterals: tuple[LateralSpec, ...] = ()
    landing: tuple[LandingSpec, ...] = Field(
        default=(),
        description="The titles the market commonly gives by spine level and track, where a "
        "mapped title lands when it has no counterpart; an extending file overrides by level and track",
    )
    ambiguous: tuple[AmbiguitySpec, ...] = Field(
        default=(),
        description="Titles whose reading varies: the default rung first, the others as alternatives",
    )
    remove_rungs: tuple[Slug, ...] = Field(default=(), description="Parent rungs an extending file drops")

    @model_validator(mode="after")
    def _needs_rungs(self) -> "LadderFile":
        if self.extends is None and not self.rungs:
            raise ValueError("a ladder needs at least one rung (or `extends:` another ladder)")
        if self.kind == "company" and (self.extends is None or self.company is None):
            raise ValueError("a company ladder needs `extends:` (its market) and a `company:` block")
        if self.kind == "market" and self.company is not None:
            raise ValueError("`company:` belongs to company ladders; add `kind: company`")
        return self

    @model_validator(mode="after")
    def _subdivisions_cited(self) -> "LadderFile":
        if self.subdivisions and self.subdivisions_source is None:
            raise ValueError(
                "`subdivisions` need `subdivisions_source:`, the id of the source they come from"
            )
        if not self.subdivisions and self.subdivisions_source is not None:
            raise ValueError("`subdivisions_source` cites a source for no `subdivisions`")
        if not self.subdivisions and self.city_code_priority is not None:
            raise ValueError("`city_code_priority` needs `subdivisions` (the codes it reads)")
        return self


class ConditionSpec(_Frozen):
    """Conditions on a person's profile; a rule applies only when all given ones hold."""

    model_config = ConfigDict(title="Condition")

    background: tuple[Background, ...] | None = None
    min_years: float | None = Field(default=None, ge=0)
    max_years: float | None = Field(default=None, ge=0)
    manages_people: bool | None = None
    company_stage: tuple[CompanyStage, ...] | None = Field(
        default=None, description="The stage of the person's (source) employer"
    )
    sector: tuple[Sector, ...] | None = Field(default=None, description="The source employer's sector")
    target_stage: tuple[CompanyStage, ...] | None = Field(
        default=None, description="The stage of the employer the title is mapped to"
    )
    target_sector: tuple[Sector, ...] | None = Field(
        default=None, description="The sector of the employer the title is mapped to"
    )

    @model_validator(mode="after")
    def _years_order(self) -> "ConditionSpec":
        if self.min_years is not None and self.max_years is not None and self.min_years > self.max_years:
            raise ValueError("min_years must not exceed max_years")
        return self

    def record(self) -> records.Condition:
        """The run-time record."""
        return records.Condition(
            background=self.background,
            min_years=self.min_years,
            max_years=self.max_years,
            manages_people=self.manages_people,
            company_stage=self.company_stage,
            sector=self.sector,
            target_stage=self.target_stage,
            target_sector=self.target_sector,
        )


class RuleSpec(_Frozen):
    """A cross-market equivalence: a source rung maps to a target rung when conditions hold."""

    model_config = ConfigDict(title="Rule")

    id: Slug
    from_: RungRef = Field(alias="from", description="market:rung-id of the source rung")
    to: RungRef = Field(description="market:rung-id of the target rung")
    when: ConditionSpec = Field(default_factory=ConditionSpec)
    confidence: float = Field(gt=0, le=1)
    rationale: Text
    source: Slug
    convention: bool = Field(
        default=False, description="True when this is a reported convention rather than a sourced rule"
    )

    def record(self) -> records.Rule:
        """The run-time record."""
        return records.Rule(
            id=self.id,
            from_=self.from_,
            to=self.to,
            confidence=self.confidence,
            rationale=self.rationale,
            source=self.source,
            when=self.when.record(),
            convention=self.convention,
        )


class CrosswalkFile(_Frozen):
    """A crosswalk file: cross-market equivalence rules between loaded ladders."""

    schema_version: Literal[1] = 1
    kind: Literal["crosswalk"]
    id: Slug
    description: Text
    sources: tuple[SourceSpec, ...] = Field(min_length=1)
    rules: tuple[RuleSpec, ...] = Field(min_length=1)


LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Words = dict[ShortText, tuple[ShortText, ...]]
# A marker: a word or a short phrase, with an optional final "-", "." or ":" (ex-, ehem., past:).
MarkerText = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[^\s.:\-][^.:]{0,38}[-.:]?$", max_length=40)
]
# A word's other-gender ending: one to five lowercase Latin or Cyrillic letters or Hebrew
# letters ("in", "ová", "ка", "ת").
_GENDER_ENDING_PATTERN = "^[a-z\u00df-\u024f\u0430-\u045f\u05d0-\u05ea]{1,5}$"
_GENDER_ENDING = re.compile(_GENDER_ENDING_PATTERN)
GenderEnding = Annotated[str, StringConstraints(pattern=_GENDER_ENDING_PATTERN)]
# A single word written before a name, or an exception word.
MarkerWord = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[^\s@]{1,40}$")]


class LanguageFile(_Frozen):
    """A language file: a language's title words and phrases, as the English words they read as.

    Each table maps English words to the local words (or phrases, or word pieces) that read as
    them, so that one English reading lists all its spellings; each local word may read as one
    English reading only.
    """

    schema_version: Literal[1] = 1
    kind: Literal["language"]
    id: LanguageCode = Field(description="ISO 639-1 code, e.g. pt")
    name: ShortText = Field(description="The language's name in English")
    description: Text | None = None
    words: Words = Field(
        default_factory=dict,
        description="English words -> local words that read as them in every market "
        "(product manager: [gerente de produto] is a phrase: put it under phrases)",
    )
    market_words: Words = Field(
        default_factory=dict,
        description="English words -> local words read so only in markets that speak the language "
        "(words that are also English or another language's words, such as French 'stage')",
    )
    phrases: Words = Field(
        default_factory=dict,
        description="English words -> local phrases of two or more words that read as them "
        "(product manager: [chef de produit])",
    )
    parts: Words = Field(
        default_factory=dict,
        description="English words -> pieces of words written without spaces (Japanese, Chinese), "
        "split longest first",
    )
    head_first: bool = Field(
        default=False,
        description="Whether the language writes a title's head word first in words written without "
        "spaces (Thai: the manager before the product), so that characters no piece reads before the "
        "pieces may be the job itself and leave the word unread (Chinese and Japanese put the head "
        "last: there they are a modifier, such as a team)",
    )
    gender_endings: tuple[GenderEnding, ...] = Field(
        default=(),
        description="Other-gender endings the language writes glued to a title word in brackets or "
        "after a slash, a colon or a star, removed before reading (German in: 'Produktmanager(in)', "
        "'Mitarbeiter/-innen', 'Produktmanager:in'); a one-letter ending may stand a space apart "
        "('Director (a)')",
    )
    dotted_gender_endings: tuple[GenderEnding, ...] = Field(
        default=(),
        description="Other-gender endings the language writes after a dot or a middle dot, removed "
        "before reading (French fe: 'Chef·fe', 'Chef.fe'); keep this list short, since a web "
        "address also has dots",
    )
    lookalike_stems: Words = Field(
        default_factory=dict,
        description="A look-alike job family (as titlemap.reasons names it) -> beginnings of "
        "compound words that name it (project or program management: [projekt])",
    )
    shared_titles: Words = Field(
        default_factory=dict,
        description="A look-alike job family -> local titles it shares with product management "
        "(marketing: [chef de produit]): read as product management, at a lower confidence and "
        "with the family named, unless the title says software (digital, tech, app...)",
    )
    examples: tuple[tuple[ShortText, ShortText], ...] = Field(
        default=(),
        description="[title, canonical title] pairs in the language, NONE for a look-alike "
        "(checked by the tests)",
    )
    past_markers: tuple[MarkerText, ...] = Field(
        default=(),
        description="Words that mark a past role in a headline or title (ehemals, früher; ex- "
        "before a name; ehem. with its dot; 元 in a script without spaces); English's are built in",
    )
    current_markers: tuple[MarkerText, ...] = Field(
        default=(), description="Words that mark the current role (aktuell, 現在)"
    )
    employer_words: tuple[MarkerWord, ...] = Field(
        default=(),
        description="Words written before an employer's name, as written (bei: 'PM bei SAP'); "
        "English 'at' and '@' are built in",
    )
    marker_exceptions: tuple[MarkerWord, ...] = Field(
        default=(), description="Words that start with a marker but are not one (元気 after 元)"
    )
    sources: tuple[SourceSpec, ...] = ()

    @field_validator("gender_endings", "dotted_gender_endings", mode="before")
    @classmethod
    def _bare_endings(cls, value: object) -> object:
        if not isinstance(value, list):
            return value  # not a list: the field's own check says so
        for ending in value:
            if isinstance(ending, str) and not _GENDER_ENDING.match(ending):
                raise ValueError(
                    f"{ending!r} is not an ending: write its letters alone, in lowercase "
                    "(in, not (in) or /In)"
                )
        return tuple(value)  # a list read from JSON is the field's tuple


class OccupationSpec(_Frozen):
    """A role's codes in the standard occupation classifications."""

    model_config = ConfigDict(title="Occupation")

    isco08: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")] = Field(description="ISCO-08 unit group")
    esco_uri: (
        Annotated[str, StringConstraints(pattern=r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")]
        | None
    ) = Field(default=None, description="ESCO occupation URI")
    esco_label: ShortText | None = Field(default=None, description="The ESCO occupation's preferred label")
    onet_soc: Annotated[str, StringConstraints(pattern=r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$")] | None = Field(
        default=None, description="O*NET-SOC 2019 code"
    )
    onet_title: ShortText | None = Field(default=None, description="The O*NET-SOC occupation's title")
    uk_soc2020: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")] | None = Field(
        default=None, description="UK SOC 2020 unit group"
    )
    nco2015: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(\.[0-9]{4})?$")] | None = Field(
        default=None, description="India NCO-2015 code (family or full code)"
    )
    note: Text | None = Field(default=None, description="Where the classifications disagree")
    sources: tuple[Slug, ...] = Field(min_length=1, description="Ids of the file's sources")

    def record(self) -> records.Occupation:
        """The run-time record."""
        return records.Occupation(
            isco08=self.isco08,
            esco_uri=self.esco_uri,
            esco_label=self.esco_label,
            onet_soc=self.onet_soc,
            onet_title=self.onet_title,
            uk_soc2020=self.uk_soc2020,
            nco2015=self.nco2015,
            note=self.note,
            sources=self.sources,
        )


class OccupationsFile(_Frozen):
    """The occupation codes of the canonical rungs and of the look-alike families titlemap refuses."""

    schema_version: Literal[1] = 1
    kind: Literal["occupations"]
    id: Slug
    description: Text
    sources: tuple[SourceSpec, ...] = Field(min_length=1)
    rungs: dict[Slug, OccupationSpec] = Field(
        description="A canonical rung id -> its codes (finer ranks and company rungs read as their "
        "canonical rung)"
    )
    families: dict[ShortText, OccupationSpec] = Field(
        default_factory=dict, description="A look-alike family (as titlemap.reasons names it) -> its codes"
    )


class LegalFormSpec(_Frozen):
    """An entity legal form as employers' names write it, with its ISO 20275 ELF codes."""

    model_config = ConfigDict(title="LegalForm")

    forms: tuple[ShortText, ...] = Field(min_length=1, description='As names write it: "Pvt Ltd", "GmbH"')
    elf: tuple[Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{4}$")], ...] = Field(
        default=(), description="Its ISO 20275 ELF codes"
    )
    start: bool = Field(default=False, description="Written before the name (PT, 株式会社)")
    sources: tuple[Slug, ...] = Field(default=(), description="Ids of the file's sources")
    note: Text | None = None


class SectorWordsSpec(_Frozen):
    """Words of an employer's name that settle its sector."""

    model_config = ConfigDict(title="SectorWords")

    sector: Sector
    words: tuple[ShortText, ...] = Field(min_length=1, description='As names write them: "Bank", "Banco"')
    compounds: bool = Field(default=False, description='Also at the end of a longer word ("Commerzbank")')
    sources: tuple[Slug, ...] = Field(default=(), description="Ids of the file's sources")
    note: Text | None = Field(
        default=None, description='"Convention of this project: ..." when no source says it'
    )

    @model_validator(mode="after")
    def _sourced(self) -> "SectorWordsSpec":
        if not self.sources and not (self.note or "").startswith("Convention of this project"):
            raise ValueError('cite a source, or start the note with "Convention of this project:"')
        return self


class EmployerWordsFile(_Frozen):
    """The legal forms stripped from employers' names and the words that settle their sector."""

    schema_version: Literal[1] = 1
    kind: Literal["employer-words"]
    id: Slug
    description: Text
    sources: tuple[SourceSpec, ...] = Field(min_length=1)
    legal_forms: tuple[LegalFormSpec, ...] = Field(min_length=1)
    sector_words: tuple[SectorWordsSpec, ...] = ()

    def record(self) -> "EmployerWords":
        """The run-time record."""
        from .employer_names import EmployerWords, LegalForm, SectorWords

        return EmployerWords(
            tuple(LegalForm(f.forms, f.elf, f.start, f.sources, f.note) for f in self.legal_forms),
            tuple(SectorWords(s.sector, s.words, s.compounds, s.sources, s.note) for s in self.sector_words),
        )
