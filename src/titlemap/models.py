"""The schema of ladder and crosswalk files, as immutable pydantic models.

These models validate one file at a time; cross-references between parts of a file (rung ids
in edges, cycles, aliases) are checked by :mod:`titlemap.loading`, which also turns the models
into the runtime :class:`~titlemap.ladder.Ladder`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .spine import Track

__all__ = [
    "BACKGROUNDS",
    "Background",
    "Condition",
    "CrosswalkFile",
    "LadderFile",
    "Lateral",
    "Promotion",
    "Rule",
    "Rung",
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
    note: Text | None = Field(default=None, description="What the source supports, and how strongly")

    @field_validator("url")
    @classmethod
    def _url_shape(cls, value: str) -> str:
        if not _URL.match(value):
            raise ValueError("expected an http(s):// address or seed:<name>")
        return value


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

    def __repr__(self) -> str:
        return f"Rung({self.title!r}, id={self.id!r}, level={self.level}, track={self.track!r})"

    def _repr_html_(self) -> str:
        import html

        people = {True: "yes", False: "no", None: "varies"}[self.manages_people]
        return (
            f"<div><b>{html.escape(self.title)}</b> <code>{html.escape(self.id)}</code> - level "
            f"{self.level}, {html.escape(self.track)} track, manages people: {people}<br>"
            f"<i>{html.escape(self.scope)}</i><br>Aliases: {html.escape(', '.join(self.aliases)) or 'none'}"
            "</div>"
        )


class Promotion(_Frozen):
    """A promotion edge: from a rung to its next rung(s); IC and manager tracks may fork."""

    from_: Slug = Field(alias="from")
    to: tuple[Slug, ...] = Field(min_length=1)
    source: Slug
    rationale: Text | None = None


class Lateral(_Frozen):
    """A lateral move between two rungs of one ladder, in both directions."""

    between: tuple[Slug, Slug]
    rationale: Text
    source: Slug


class LadderFile(_Frozen):
    """A ladder file: one market's product title convention, or a company ladder extending one."""

    schema_version: Literal[1] = 1
    id: MarketId
    name: ShortText
    family: Literal["product", "engineering"] = "product"
    extends: MarketId | None = Field(default=None, description="A loaded ladder this file builds on")
    countries: tuple[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")], ...] = Field(
        default=(), description="ISO 3166-1 alpha-2 codes of the countries the convention describes"
    )
    country_names: tuple[ShortText, ...] = Field(
        default=(), description="Country names accepted when looking the ladder up (e.g. India)"
    )
    description: Text
    sources: tuple[Source, ...] = Field(min_length=1)
    rungs: tuple[dict[str, object], ...] = Field(
        default=(), description="Rungs (see the Rung definition); in an extending file, overrides by id"
    )
    promotions: tuple[Promotion, ...] = ()
    laterals: tuple[Lateral, ...] = ()
    remove_rungs: tuple[Slug, ...] = Field(default=(), description="Parent rungs an extending file drops")

    @model_validator(mode="after")
    def _needs_rungs(self) -> LadderFile:
        if self.extends is None and not self.rungs:
            raise ValueError("a ladder needs at least one rung (or `extends:` another ladder)")
        return self


class Condition(_Frozen):
    """Conditions on a person's profile; a rule applies only when all given ones hold."""

    background: tuple[Background, ...] | None = None
    min_years: float | None = Field(default=None, ge=0)
    max_years: float | None = Field(default=None, ge=0)
    manages_people: bool | None = None
    company_stage: tuple[CompanyStage, ...] | None = None

    @model_validator(mode="after")
    def _years_order(self) -> Condition:
        if self.min_years is not None and self.max_years is not None and self.min_years > self.max_years:
            raise ValueError("min_years must not exceed max_years")
        return self

    @property
    def specificity(self) -> int:
        """How many conditions are set: a more specific rule wins over a more general one."""
        return sum(v is not None for v in (self.background, self.manages_people, self.company_stage)) + (
            self.min_years is not None or self.max_years is not None
        )

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
