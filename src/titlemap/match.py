"""The result of normalizing one title, and the shape of another plausible reading."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from .records import Grade, Occupation, Rung

__all__ = ["PART_NAMES", "Alternative", "Match", "new_match", "replace_match"]

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

    ``title`` is the rung's own title in its ladder and ``canonical_title`` the shared concept
    title, as on :class:`Match`. ``rule`` is the id of the crosswalk rule behind it, or a short
    reason such as ``"sector:banking"`` for a reading that holds in another employer context.
    Its confidence is on the scale of the answer it sits under, and never above it.
    """

    title: str
    rung: Rung
    level: int
    confidence: float
    rule: str | None = None
    canonical_title: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The alternative as plain data (the rung as its id)."""
        return {
            "title": self.title,
            "canonical_title": self.canonical_title or self.title,
            "rung": self.rung.id,
            "level": self.level,
            "confidence": self.confidence,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Match:
    """A title read as a rung of a ladder, with every other part of the title kept.

    Attributes:
        title: the title of the rung read, in the ladder it was read in: a company's own title
            ("L5" is Google's "Senior Product Manager"; Meta's IC6 is titled "Product Manager"),
            else the market's title for the rung ("Senior Staff Product Manager").
        canonical_title: the shared concept title the rung reads as, one of the canonical titles
            (:data:`titlemap.canonical.CANONICAL_RUNGS`), the same in every ladder:
            ("Senior Staff Product Manager" reads as "Staff Product Manager"). Group and join on it.
        rung: the :class:`~titlemap.Rung` read (a company's own rung when read at a company).
        market: the market ladder id the title was read in (never a company).
        level: the level of this reading on the universal spine; employer context (company,
            sector, stage, a level code) may move it away from the rung's default level.
        track: ``"ic"``, ``"manager"`` or ``"executive"``.
        confidence: how sure the reading is, 0 < confidence <= 1.
        raw: the input exactly as given.
        level_range: the lowest and highest spine level the reading allows (equal when certain);
            also as :attr:`level_min` and :attr:`level_max`, the names of its table columns.
        local_title: the rung's usual title in the market's own language, when it differs
            ("Senior Produktmanager" in ``de``), else None.
        seniority: the word that set the level (``"Sr."``), or None.
        grade: a grade or level code (``"II"``, ``"2"``, ``"L6"``), or None.
        specialization: technical, growth, platform, data, AI/ML, B2B, ... or None.
        team: the domain or team (``"Payments"``), or None.
        location: a place named in the title, or None.
        employment: intern, contract, remote, hybrid, ... or None.
        company: the company ladder id the title was read with (given or detected), or None.
        company_title: the company's own name for the rung (the same as ``title``), when read
            with a company ladder.
        company_level: the company's level code for the reading (``"L6"``, ``"IC4-IC7"``), or None.
        rank: a corporate rank word beside or instead of the role (``"AVP"``, ``"VP"``, ``"ED"``).
        evidence: the grade of the best source placing the rung read (``"A"`` primary, ``"B"``
            press or a known practitioner, ``"C"`` weak: an aggregator or forum only), or None
            for a user's ladder without grades.
        occupation: the rung's codes in the standard occupation classifications (ISCO-08, ESCO,
            O*NET-SOC 2019, UK SOC 2020, NCO-2015), from its canonical rung, or None.
        years: the typical years of experience of the rung read, ``(low, high)`` (``high`` None
            when open), where its sources give them; else None.
        lookalike: a job family the title may also name, when its words say so and nothing
            says software (a bank's "Product Manager - Home Loans" owns a financial product; a
            bare French "Chef de produit" is often a marketer): the reading stands, at a lower
            confidence, and the explanation says why. None otherwise.
        alternatives: other plausible readings, best first.
        explanation: how the match was made, one sentence per step.
    """

    title: str
    rung: Rung
    market: str
    level: int
    track: str
    confidence: float
    raw: str
    level_range: tuple[int, int]
    canonical_title: str = ""
    local_title: str | None = None
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
    evidence: Grade | None = None
    occupation: Occupation | None = None
    years: tuple[float, float | None] | None = None
    lookalike: str | None = None
    alternatives: tuple[Alternative, ...] = field(default=())
    explanation: tuple[str, ...] = ()

    @property
    def level_min(self) -> int:
        """The lowest level the reading allows (``level_range[0]``)."""
        return self.level_range[0]

    @property
    def level_max(self) -> int:
        """The highest level the reading allows (``level_range[1]``)."""
        return self.level_range[1]

    def explain(self) -> str:
        """The explanation as one paragraph (its sentences joined)."""
        return " ".join(self.explanation)

    def to_dict(self) -> dict[str, Any]:
        """The match as plain data (the rung as its id), for JSON and data frames."""
        out: dict[str, Any] = {name: getattr(self, name) for name in _MATCH_FIELDS}
        out["rung"] = self.rung.id
        out["level_range"] = list(self.level_range)
        out["alternatives"] = [a.to_dict() for a in self.alternatives]
        out["explanation"] = list(self.explanation)
        out["occupation"] = None if self.occupation is None else self.occupation.to_dict()
        out["years"] = None if self.years is None else list(self.years)
        return out

    def __repr__(self) -> str:
        parts = [f"{self.title!r}"]
        if self.canonical_title and self.canonical_title != self.title:
            parts.append(f"canonical_title={self.canonical_title!r}")
        parts += [
            f"market={self.market!r}",
            f"level={self.level}",
            f"confidence={self.confidence:.2f}",
        ]
        if self.level_range != (self.level, self.level):
            parts.append(f"level_range={self.level_range}")
        for name in (*PART_NAMES, "lookalike"):
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


_MATCH_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Match))


class _Unfrozen:
    """A class with Match's slots and no frozen ``__setattr__``, for the builders below only."""

    __slots__ = Match.__slots__


_KEEP: Any = object()  # a field not given to replace_match keeps its value


def _generated(name: str, parameters: str, value: str, doc: str) -> Callable[..., Match]:
    """A function ``name(parameters)`` that sets each field of a new Match to ``value``. In
    ``parameters``, ``{fields}`` stands for every field's name and ``{kept}`` for every field
    defaulting to "keep"; in ``value``, ``{n}`` stands for the field's name.

    A frozen dataclass sets each of its fields through object.__setattr__ (~3 us a Match, and
    dataclasses.replace builds a dict of them too, ~7 us); the generated function sets them as
    plain slot stores on a twin with the same slots, then makes the object a Match (allowed: the
    layouts are the same), several times faster. Generated from the fields, so it never falls
    out of step with them."""
    names = [f.name for f in fields(Match)]
    signature = parameters.format(fields=", ".join(names), kept=", ".join(f"{n}=_KEEP" for n in names))
    source = (
        f"def {name}({signature}):\n"
        "    self = _new(_Unfrozen)\n"
        + "".join(f"    self.{n} = {value.format(n=n)}\n" for n in names)
        + "    self.__class__ = Match\n"
        "    return self\n"
    )
    namespace: dict[str, Any] = {
        "_new": object.__new__,
        "_Unfrozen": _Unfrozen,
        "Match": Match,
        "_KEEP": _KEEP,
    }
    exec(source, namespace)
    built: Callable[..., Match] = namespace[name]
    built.__doc__ = doc
    return built


#: Build a Match from all its fields by keyword: the same object as ``Match(...)``, cheaper.
new_match = _generated(
    "new_match",
    "*, {fields}",
    "{n}",
    "Build a :class:`Match` from every one of its fields, given by name (the hot path).",
)

#: ``replace_match(match, level=3)``: :func:`dataclasses.replace` for a Match, cheaper.
replace_match = _generated(
    "replace_match",
    "match, /, *, {kept}",
    "match.{n} if {n} is _KEEP else {n}",
    "A copy of a :class:`Match` with the given fields changed, as :func:`dataclasses.replace` "
    "makes it, cheaper (the hot path).",
)
