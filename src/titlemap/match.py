"""The result of normalizing one title, and the shape of another plausible reading."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .models import Rung

__all__ = ["PART_NAMES", "Alternative", "Match"]

#: The parts of a title a :class:`Match` carries beside its rung, in the order they are shown.
PART_NAMES: tuple[str, ...] = (
    "company",
    "company_level",
    "rank",
    "seniority",
    "grade",
    "specialization",
    "team",
    "location",
    "employment",
)


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another plausible reading or target rung, with its confidence and what it rests on.

    ``rule`` is the id of the crosswalk rule behind it, or a short reason such as
    ``"sector:banking"`` for a reading that holds in another employer context.
    """

    title: str
    rung: Rung
    level: int
    confidence: float
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The alternative as plain data (the rung as its id)."""
        return {
            "title": self.title,
            "rung": self.rung.id,
            "level": self.level,
            "confidence": self.confidence,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Match:
    """A title read as a rung of a ladder, with every other part of the title kept.

    Attributes:
        title: the canonical title the title reads as (the rubric's closed list in the bundled
            ladders), whatever the employer's own name for the rung.
        rung: the :class:`~titlemap.models.Rung` itself (a company's own rung when read at a
            company with a ladder).
        market: the market ladder id the title was read in (never a company).
        level: the level of this reading on the universal spine; employer context (company,
            sector, stage, a level code) may move it away from the rung's default level.
        track: ``"ic"``, ``"manager"`` or ``"executive"``.
        confidence: how sure the reading is, 0 < confidence <= 1.
        raw: the input exactly as given.
        level_range: the lowest and highest spine level the reading allows (equal when certain).
        seniority: the word that set the level (``"Sr."``), or None.
        grade: a grade or level code (``"II"``, ``"2"``, ``"L6"``), or None.
        specialization: technical, growth, platform, data, AI/ML, B2B, ... or None.
        team: the domain or team (``"Payments"``), or None.
        location: a place named in the title, or None.
        employment: intern, contract, remote, hybrid, ... or None.
        company: the company ladder id the title was read with (given or detected), or None.
        company_title: the company's own name for the rung, when read with a company ladder.
        company_level: the company's level code for the reading (``"L6"``, ``"IC4-IC7"``), or None.
        rank: a corporate rank word beside or instead of the role (``"AVP"``, ``"VP"``, ``"ED"``).
        alternatives: other plausible readings, best first.
        explanation: how the match was made, in one sentence or a few.
    """

    title: str
    rung: Rung
    market: str
    level: int
    track: str
    confidence: float
    raw: str
    level_range: tuple[int, int]
    seniority: str | None = None
    grade: str | None = None
    specialization: str | None = None
    team: str | None = None
    location: str | None = None
    employment: str | None = None
    company: str | None = None
    company_title: str | None = None
    company_level: str | None = None
    rank: str | None = None
    alternatives: tuple[Alternative, ...] = field(default=())
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The match as plain data (the rung as its id), for JSON and data frames."""
        out = asdict(self)
        out["rung"] = self.rung.id
        out["level_range"] = list(self.level_range)
        out["alternatives"] = [a.to_dict() for a in self.alternatives]
        return out

    def __repr__(self) -> str:
        parts = [
            f"{self.title!r}",
            f"market={self.market!r}",
            f"level={self.level}",
            f"confidence={self.confidence:.2f}",
        ]
        if self.level_range != (self.level, self.level):
            parts.append(f"level_range={self.level_range}")
        for name in PART_NAMES:
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value!r}")
        return f"Match({', '.join(parts)})"

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><th style='text-align:left'>{k}</th><td>{html.escape(str(v))}</td></tr>"
            for k, v in self.to_dict().items()
            if v not in (None, []) and k != "rung"
        )
        return f"<table>{rows}</table>"
