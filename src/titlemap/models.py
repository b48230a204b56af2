"""The schema of ladder and crosswalk files, as immutable pydantic models.

These models validate one file at a time; cross-references between parts of a file (rung ids
in edges, cycles, aliases) are checked by :mod:`titlemap.loading`, which also turns the models
into the runtime :class:`~titlemap.ladder.Ladder`.
"""

# No `from __future__ import annotations` here: pydantic would then evaluate every field's
# annotation from a string when the classes are defined, which doubles the import time.
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .spine import Track

__all__ = [
    "ALIAS_SEPARATOR",
    "BACKGROUNDS",
    "SECTORS",
    "STAGES",
    "Ambiguity",
    "Background",
    "CompanyInfo",
    "CompanyStage",
    "Condition",
    "CrosswalkFile",
    "Grade",
    "LadderFile",
    "Lateral",
    "LevelRange",
    "Promotion",
    "Rule",
    "Rung",
    "Sector",
    "Source",
]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
MarketId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,31}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
RungRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,31}:[a-z0-9]+(?:-[a-z0-9]+)*$")]

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
Grade = Literal["A", "B", "C"]
LevelCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]{0,11}$")]

#: What separates aliases where they are listed for people (tables, notebooks): not a comma,
#: which some aliases hold ("AVP, Product").
ALIAS_SEPARATOR = " · "

_URL = re.compile(r"^(https?://\S+|seed:\S+|file:\S+|urn:\S+)$")


class _Frozen(BaseModel):
    # defer_build: schemas are built on first validation, so loading the compiled bundled
    # ladders (model_construct, no validation) never pays for them.
    model_config = ConfigDict(
        frozen=True, extra="forbid", strict=True, populate_by_name=True, defer_build=True
    )


class Source(_Frozen):
    """Where a fact comes from: a page, a document or the seed text."""

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

    @field_validator("url")
    @classmethod
    def _url_shape(cls, value: str) -> str:
        if not _URL.match(value):
            raise ValueError("expected an http(s):// address or seed:<name>")
        return value


class LevelRange(_Frozen):
    """A level with the range practice allows around it (``{level: 5, range: [4, 7]}``)."""

    level: int = Field(ge=0, le=12)
    range: tuple[int, int] = Field(description="lowest and highest spine level, around `level`")

    @model_validator(mode="after")
    def _ordered(self) -> "LevelRange":
        low, high = self.range
        if not 0 <= low <= self.level <= high <= 12:
            raise ValueError("need 0 <= range[0] <= level <= range[1] <= 12")
        return self


LevelSpec = Annotated[int, Field(ge=0, le=12)] | LevelRange


class Rung(_Frozen):
    """One title of a ladder: its canonical title, aliases, level, track and scope."""

    id: Slug
    title: ShortText = Field(
        description="The rung's title; for a rung without `canonical`, the canonical title that "
        "normalization returns"
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

    @model_validator(mode="after")
    def _range_holds_level(self) -> "Rung":
        if self.level_range is not None:
            low, high = self.level_range
            if not 0 <= low <= self.level <= high <= 12:
                raise ValueError("level_range must hold level: [low, high] with low <= level <= high")
        return self

    def __repr__(self) -> str:
        return f"Rung({self.title!r}, id={self.id!r}, level={self.level}, track={self.track!r})"

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


class Promotion(_Frozen):
    """A promotion edge: from a rung to its next rung(s); IC and manager tracks may fork."""

    from_: Slug = Field(alias="from")
    to: tuple[Slug, ...] = Field(min_length=1)
    source: Slug
    rationale: Text | None = None
    convention: bool = Field(
        default=False, description="True when the step is this project's convention rather than sourced"
    )


class Lateral(_Frozen):
    """A lateral move between two rungs of one ladder, in both directions."""

    between: tuple[Slug, Slug]
    rationale: Text
    source: Slug


class CompanyInfo(_Frozen):
    """Who a company ladder describes: its names in titles, its sector, stage and size."""

    names: tuple[ShortText, ...] = Field(
        min_length=1, description="How the company is written in job titles (Amazon, AWS, ...)"
    )
    sector: Sector | None = None
    stage: CompanyStage | None = None
    size: int | None = Field(default=None, ge=1, description="Headcount, when a source gives it")


class Ambiguity(_Frozen):
    """A title whose reading varies with the employer: read as the first rung, the others kept as
    alternatives with the note (e.g. "Manager, Product Management": a first people manager at some
    companies, an individual PM at others)."""

    title: ShortText = Field(description="The title, as an alias of the first reading's rung")
    readings: tuple[Slug, ...] = Field(min_length=2, description="Rung ids: the default reading first")
    note: Text = Field(description="Where each reading holds, from the sources")
    sources: tuple[Slug, ...] = Field(min_length=1, description="Ids of the ladder's sources")


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
    company: CompanyInfo | None = Field(default=None, description="For kind: company, who it describes")
    countries: tuple[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")], ...] = Field(
        default=(), description="ISO 3166-1 alpha-2 codes of the countries the convention describes"
    )
    country_names: tuple[ShortText, ...] = Field(
        default=(), description="Country and region names accepted when looking the ladder up (e.g. India)"
    )
    cities: tuple[ShortText, ...] = Field(
        default=(), description="Cities accepted when looking the ladder up (Bengaluru, Berlin)"
    )
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] | None = Field(
        default=None, description="The market's main local language (ISO 639-1), e.g. de"
    )
    not_product_abbreviations: tuple[ShortText, ...] = Field(
        default=(),
        description="Abbreviations that do not mean product management in this market "
        "(in Japan PM is a project manager; product managers write PdM)",
    )
    description: Text
    sources: tuple[Source, ...] = Field(min_length=1)
    rungs: tuple[dict[str, object], ...] = Field(
        default=(), description="Rungs (see the Rung definition); in an extending file, overrides by id"
    )
    promotions: tuple[Promotion, ...] = ()
    laterals: tuple[Lateral, ...] = ()
    ambiguous: tuple[Ambiguity, ...] = Field(
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


class Condition(_Frozen):
    """Conditions on a person's profile; a rule applies only when all given ones hold."""

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
    def _years_order(self) -> "Condition":
        if self.min_years is not None and self.max_years is not None and self.min_years > self.max_years:
            raise ValueError("min_years must not exceed max_years")
        return self

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


class Rule(_Frozen):
    """A cross-market equivalence: a source rung maps to a target rung when conditions hold."""

    id: Slug
    from_: RungRef = Field(alias="from", description="market:rung-id of the source rung")
    to: RungRef = Field(description="market:rung-id of the target rung")
    when: Condition = Field(default_factory=Condition)
    confidence: float = Field(gt=0, le=1)
    rationale: Text
    source: Slug
    convention: bool = Field(
        default=False, description="True when this is a reported convention rather than a sourced rule"
    )


class CrosswalkFile(_Frozen):
    """A crosswalk file: cross-market equivalence rules between loaded ladders."""

    schema_version: Literal[1] = 1
    kind: Literal["crosswalk"]
    id: Slug
    description: Text
    sources: tuple[Source, ...] = Field(min_length=1)
    rules: tuple[Rule, ...] = Field(min_length=1)
