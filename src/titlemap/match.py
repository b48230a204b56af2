"""The result of normalizing one title."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .models import Rung

__all__ = ["Match"]


@dataclass(frozen=True, slots=True)
class Match:
    """A title read as a rung of a ladder, with every other part of the title kept.

    Attributes:
        title: the rung's canonical title, exactly as in the ladder.
        rung: the :class:`~titlemap.models.Rung` itself.
        market: the ladder id the title was read in.
        level: the rung's level on the universal spine.
        track: ``"ic"``, ``"manager"`` or ``"executive"``.
        confidence: how sure the reading is, 0 < confidence <= 1.
        raw: the input exactly as given.
        seniority: the word that set the level (``"Sr."``), or None.
        grade: a grade or level code (``"II"``, ``"2"``, ``"L6"``), or None.
        specialization: technical, growth, platform, data, AI/ML, B2B, ... or None.
        team: the domain or team (``"Payments"``), or None.
        location: a place named in the title, or None.
        employment: intern, contract, remote, hybrid, ... or None.
        explanation: how the match was made, in one sentence or two.
    """

    title: str
    rung: Rung
    market: str
    level: int
    track: str
    confidence: float
    raw: str
    seniority: str | None = None
    grade: str | None = None
    specialization: str | None = None
    team: str | None = None
    location: str | None = None
    employment: str | None = None
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The match as plain data (the rung as its id), for JSON and data frames."""
        out = asdict(self)
        out["rung"] = self.rung.id
        return out

    def __repr__(self) -> str:
        parts = [
            f"{self.title!r}",
            f"market={self.market!r}",
            f"level={self.level}",
            f"confidence={self.confidence:.2f}",
        ]
        for name in ("seniority", "grade", "specialization", "team", "location", "employment"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value!r}")
        return f"Match({', '.join(parts)})"

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><th style='text-align:left'>{k}</th><td>{html.escape(str(v))}</td></tr>"
            for k, v in self.to_dict().items()
            if v is not None and k != "rung"
        )
        return f"<table>{rows}</table>"
