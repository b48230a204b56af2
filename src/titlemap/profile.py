"""A person's profile: what cross-market rules may condition on."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .cells import is_blank, read_flag, read_history, read_years
from .context import read_stage
from .models import BACKGROUNDS, Background, CompanyStage

__all__ = ["Profile"]

_BACKGROUND_SYNONYMS: dict[str, str] = {
    "engineer": "engineering",
    "software": "engineering",
    "software engineering": "engineering",
    "swe": "engineering",
    "sde": "engineering",
    "developer": "engineering",
    "dev": "engineering",
    "development": "engineering",
    "tech": "engineering",
    "technical": "engineering",
    "qa": "engineering",
    "ux": "design",
    "ui": "design",
    "designer": "design",
    "ux design": "design",
    "analytics": "data",
    "data science": "data",
    "analyst": "data",
    "data scientist": "data",
    "mba": "business",
    "finance": "business",
    "strategy": "business",
    "general management": "business",
    "consultant": "consulting",
    "management consulting": "consulting",
    "pm": "product",
    "product management": "product",
    "ops": "operations",
    "support": "operations",
    "growth": "marketing",
    "bd": "sales",
    "business development": "sales",
}


class Profile(BaseModel):
    """What is known about the person whose title is mapped; every field is optional.

    ``background`` and ``company_stage`` are case-insensitive and accept common synonyms
    (``"software"`` -> ``"engineering"``, ``"startup"`` -> ``"early"``). ``history`` lists past
    titles, most recent last; they are normalized to infer a background when none is given.

    >>> Profile(background="Software", years=6).background
    'engineering'
    >>> Profile(years="10 yrs", manages_people="no", history="SDE > Senior SDE").history
    ('SDE', 'Senior SDE')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    background: Background | None = Field(default=None, description="Where the person comes from")
    years: float | None = Field(default=None, ge=0, le=70, description="Years of professional experience")
    manages_people: bool | None = Field(default=None, description="Whether the person has direct reports")
    history: tuple[str, ...] = Field(default=(), description="Past titles, most recent last")
    company_stage: CompanyStage | None = Field(default=None, description="early, growth or enterprise")

    @field_validator("background", mode="before")
    @classmethod
    def _background(cls, value: Any) -> Any:
        if is_blank(value):
            return None
        if isinstance(value, str):
            low = " ".join(value.lower().replace("_", " ").split())
            value = _BACKGROUND_SYNONYMS.get(low, low)
            if value not in BACKGROUNDS:
                raise ValueError(f"unknown background {low!r}; use one of {', '.join(BACKGROUNDS)}")
        return value

    @field_validator("years", mode="before")
    @classmethod
    def _years(cls, value: Any) -> Any:
        # spreadsheet values: "5+", "10 yrs", "5-7" (its lower bound); NaN and "n/a" are unknown;
        # a bool is an int to Python and would read as 0 or 1 year, so read_years refuses it
        return read_years(value)

    @field_validator("manages_people", mode="before")
    @classmethod
    def _manages_people(cls, value: Any) -> Any:
        return read_flag(value)

    _stage = field_validator("company_stage", mode="before")(read_stage)

    @field_validator("history", mode="before")
    @classmethod
    def _history(cls, value: Any) -> Any:
        return read_history(value)
