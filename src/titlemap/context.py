"""Employer context: what a title's employer does to the level it is read at.

A title means what its employer makes it mean. :func:`read_level` reads a rung's level in an
:class:`~titlemap.Employer`'s context from the ladder data (``sector_levels``,
``stage_levels``, ``level_range``): a bank's AVP sits near a Senior PM, a startup's AVP of
Product is an executive, and without a sector the reading says so with a range and the other
reading as an alternative. :func:`in_context` places a raw reading at its employer, and
:func:`at_years` moves it within its range by the person's years of experience.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .employer import Employer
from .match import Alternative, Match, replace_match
from .records import LevelRange, Rung
from .spine import reading_track
from .text import key, sentence
from .vocabulary import CORPORATE_RANKS, SEGMENT_RANKS, SOFTWARE_CONTEXT

if TYPE_CHECKING:
    from .ladder import Ladder

__all__ = ["RANK_RUNGS", "LevelReading", "at_years", "in_context", "read_level"]

# In these sectors a "Product Manager" is a brand manager unless the title says software.
_BRAND_SECTORS = frozenset({"pharma", "consumer-goods"})
_PRODUCT_MANAGER_RUNGS = frozenset(
    {"associate-product-manager", "product-manager", "senior-product-manager", "group-product-manager"}
)
RANK_RUNGS: dict[str, str] = {
    label: rung for label, rung in (*CORPORATE_RANKS.values(), *SEGMENT_RANKS.values()) if rung is not None
}


@dataclass(frozen=True, slots=True)
class LevelReading:
    """A rung's level in an employer's context.

    Attributes:
        level: the level of this reading.
        level_range: the lowest and highest level the reading allows (equal when certain).
        confidence: a factor (<= 1) for what is unknown about the context.
        notes: sentences saying what moved the level, or what is unknown.
        others: other readings as ``(level, why)``, for alternatives.
    """

    level: int
    level_range: tuple[int, int]
    confidence: float = 1.0
    notes: tuple[str, ...] = ()
    others: tuple[tuple[int, str], ...] = ()


def _spec(spec: int | LevelRange) -> tuple[int, int, int]:
    if isinstance(spec, LevelRange):
        return spec.level, spec.range[0], spec.range[1]
    return spec, spec, spec


def _by(kind: str, table: dict[str, int | LevelRange]) -> str:
    return ", ".join(f"{k} {_spec(v)[0]}" for k, v in table.items())


def read_level(rung: Rung, sector: str | None, stage: str | None) -> LevelReading:
    """The rung's level at an employer of ``sector`` and ``stage`` (either may be None).

    Sector comes first (a bank's rank), then stage (a startup's Head of Product). A known context
    that the rung's data names gives its level; when both do, the lower reading holds (a
    startup's IT-services AVP is deflated like any startup's), so deflation keeps the order of
    the titles. An unknown context widens the range to every reading the data allows, lowers the
    confidence and lists the other readings (an unknown stage is not weighed once a sector has
    placed the rung).
    """
    level = rung.level
    low, high = rung.level_range or (level, level)
    confidence = 1.0
    notes: list[str] = []
    others: list[tuple[int, str]] = []
    placed = False
    tables: tuple[tuple[str, dict[str, int | LevelRange], str | None], ...] = (
        ("sector", dict(rung.sector_levels.items()), sector),
        ("company stage", dict(rung.stage_levels.items()), stage),
    )
    for kind, specs, value in tables:
        if not specs or (placed and value is None):
            continue
        if value is not None and value in specs:
            at, lo, hi = _spec(specs[value])
            notes.append(f"at {_employer(kind, value)} its level is {at} ({kind} levels: {_by(kind, specs)})")
            if placed and at < level:
                notes.append(f"the lower of the sector and {kind} readings holds")
            if not placed or at < level:
                level, low, high = at, lo, hi
            placed = True
            continue
        if value is not None:
            continue  # a context the data does not name keeps the default level
        for name, spec in specs.items():
            at, lo, hi = _spec(spec)
            low, high = min(low, lo), max(high, hi)
            if at != level:
                others.append((at, f"at {_employer(kind, name)}"))
        confidence *= 0.9
        notes.append(f"its level depends on the {kind} ({_by(kind, specs)}); no {kind} given")
    return LevelReading(level, (low, high), confidence, tuple(notes), tuple(others))


# Readings already made, by rung and context: a rung's reading depends on its data alone, and
# the same few rungs (AVP, VP, Head of Product) come up again and again. Keyed by the rung's id()
# and holding the rung, so a key is never reused while its entry lives; cleared when full.
_READINGS: dict[tuple[int, str | None, str | None], tuple[Rung, LevelReading]] = {}
_READINGS_MAX = 4096


def _level_reading(rung: Rung, sector: str | None, stage: str | None) -> LevelReading:
    """:func:`read_level`, kept for the next title of the same rung and context."""
    found = _READINGS.get((id(rung), sector, stage))
    if found is not None and found[0] is rung:
        return found[1]
    reading = read_level(rung, sector, stage)
    if len(_READINGS) >= _READINGS_MAX:
        _READINGS.clear()
    _READINGS[(id(rung), sector, stage)] = (rung, reading)
    return reading


def _employer(kind: str, value: str) -> str:
    """ "an early-stage employer", "a banking employer": a context named in prose."""
    words = (
        f"{value}-stage employer"
        if kind == "company stage" and value != "enterprise"
        else f"{value} employer"
    )
    return ("an " if words[0] in "aeiou" else "a ") + words


def _code_span(rungs: tuple[Rung, ...]) -> str | None:
    codes = [c for r in rungs for c in r.codes]
    if not codes:
        return None
    return codes[0] if len(codes) == 1 else f"{codes[0]}-{codes[-1]}"


def in_context(
    match: Match,
    ladder: Ladder,
    employer: Employer | None,
    *,
    market: str,
    note: str | None = None,
) -> Match | None:
    """The raw reading of a title (by :class:`~titlemap.normalizer.Normalizer` in ``ladder``)
    placed in its employer's context: a company ladder's own levels and codes, the sector and
    the stage. Returns None when the context makes the title a look-alike (a pharma or
    consumer-goods "Product Manager" that says nothing of software).
    """
    company = ladder.company if ladder.kind == "company" else None
    sector = (employer.sector if employer else None) or (company.sector if company else None)
    stage = (employer.effective_stage if employer else None) or (company.stage if company else None)
    if sector in _BRAND_SECTORS and ladder.canonical_id(match.rung) in _PRODUCT_MANAGER_RUNGS:
        words = set(key(match.raw).split())
        if not words & SOFTWARE_CONTEXT:
            return None
    rung = match.rung
    notes = [note] if note else []
    company_rungs: tuple[Rung, ...] = ()
    code: str | None = None
    if company is not None:
        rung, company_rungs, code = _company_rungs(match, ladder, notes)
    own = company is not None and ladder.has_rung(rung.id)  # a rung of the company's ladder
    reading = _level_reading(rung, sector, stage)
    level = reading.level
    low, high = reading.level_range
    if rung is match.rung and level == rung.level:  # a grade's range ("PM 3": 2-3) still holds
        low, high = min(low, match.level_range[0]), max(high, match.level_range[1])
    if len(company_rungs) > 1:
        low, high = min(low, company_rungs[0].level), max(high, company_rungs[-1].level)
    notes.extend(reading.notes)
    confidence = match.confidence * reading.confidence
    others = list(reading.others)
    if match.rank is not None and code != match.rank:  # a rank read as a company code is placed
        level, low, high, confidence = _rank_level(
            match, ladder, sector, level, low, high, confidence, notes, others
        )
    canonical_title = ladder.canonical_title(rung)
    alternatives = match.alternatives + tuple(
        Alternative(rung.title, rung, at, round(confidence * 0.8, 3), why, canonical_title)
        for at, why in others
        if at != level
    )
    if (
        rung is match.rung
        and level == match.level
        and (low, high) == match.level_range
        and not notes
        and company is None
    ):
        return match if match.market == market else replace_match(match, market=market)
    explanation = match.explanation + tuple(sentence(n) for n in notes)
    return replace_match(
        match,
        title=rung.title,
        canonical_title=canonical_title,
        local_title=rung.local_title,
        evidence=ladder.evidence(rung),
        years=rung.years,
        rung=rung,
        market=market,
        level=level,
        track=reading_track(level, rung.track),
        level_range=(min(low, level), max(high, level)),
        confidence=round(confidence, 3),
        company=ladder.id if company is not None else None,
        company_title=rung.title if own else None,
        company_level=_code_span(company_rungs) if own else None,
        alternatives=alternatives,
        explanation=explanation,
    )


def _company_rungs(
    match: Match, ladder: Ladder, notes: list[str]
) -> tuple[Rung, tuple[Rung, ...], str | None]:
    """At a company: the rung a reading names there, the company rungs it may be (several when
    the company titles levels alike) and the level code that decided it, noting why."""
    rung = match.rung
    # a level code in the title ("L6"), else a corporate rank the company uses as one ("VP")
    code = next((c for c in (match.grade, match.rank) if c and ladder.by_code(c)), None)
    coded = ladder.by_code(code) if code else ()
    title_key = key(rung.title)
    same = tuple(r for r in ladder.rungs_of(ladder.canonical_id(rung)) if key(r.title) == title_key)
    if coded:
        rung = next((r for r in coded if r in same), coded[0])
        notes.append(f"level code {code!r} is {ladder.name}'s {rung.title!r} (level {rung.level})")
        return rung, (rung,), code
    if len(same) > 1 and match.seniority is not None and rung in same and rung is not same[0]:
        # "Senior Product Manager" at a company that titles L2 and L3 alike: the seniority word
        # already chose the nearest of them (the first is what a bare title would get)
        notes.append(
            f"{match.seniority!r} places it at level {rung.level} of the {ladder.name}"
            f"{f' ({_code_span((rung,))})' if rung.codes else ''}, which titles it {rung.title!r} too"
        )
        return rung, (rung,), code
    if len(same) > 1:
        notes.append(
            f"{ladder.name} titles levels {same[0].level}-{same[-1].level} alike "
            f"({_code_span(same) or 'no codes'}); give the level code to narrow it"
        )
        return same[0], same, code
    return rung, (rung,), code


def _rank_level(
    match: Match,
    ladder: Ladder,
    sector: str | None,
    level: int,
    low: int,
    high: int,
    confidence: float,
    notes: list[str],
    others: list[tuple[int, str]],
) -> tuple[int, int, int, float]:
    """A corporate rank beside the role ("Product Manager - VP") places the reading by sector."""
    rank_rung_id = RANK_RUNGS.get(match.rank or "")
    rank_rung = ladder.counterpart(rank_rung_id) if rank_rung_id else None
    if rank_rung is None or ladder.canonical_id(match.rung) == rank_rung_id or not rank_rung.sector_levels:
        return level, low, high, confidence
    table = dict(rank_rung.sector_levels)
    if sector is not None:
        if sector in table:
            at, lo, hi = _spec(table[sector])
            notes.append(f"a {match.rank} rank at {_employer('sector', sector)} sits at level {at}")
            return max(level, at), min(low, lo), max(high, hi), confidence
        return level, low, high, confidence
    if "banking" in table:  # a rank beside a role is a bank's corporate title
        at, lo, hi = _spec(table["banking"])
        notes.append(f"{match.rank} beside the role is a corporate rank; in a bank it sits at level {at}")
        others.append((max(level, at), "sector:banking"))
        return level, min(low, lo), max(high, hi), confidence * 0.9
    return level, low, high, confidence


def at_years(match: Match, ladder: Ladder, years: float | None) -> tuple[Match, tuple[str, ...]]:
    """The reading moved within its ``level_range`` by the person's years of experience.

    A rung's ``years`` band is what its holders typically have (its canonical rung's band for a
    finer rank or a company's rung without one). Below the band the reading moves one level down,
    above it one level up (years are a hint beside the title), never past the reading's
    range (the rung's ``level_range`` when no context has moved the reading): a "fresher" Head of
    Product is not a level-8 leader, and fifteen years as an Indian "Product Manager" sit at the
    top of that title's range. Returns the reading and the sentences saying so (also added to its
    explanation); inside the band, or without years or a band, the reading is unchanged and there
    are none. More years never lower it.
    """
    band = _years_band(match.rung, ladder)
    if years is None or band is None:
        return match, ()
    first, last = band
    width = max(1.0, (last - first) if last is not None else first / 2)  # years per level
    if years < first:
        steps = -math.ceil((first - years) / width)
    elif last is not None and years > last:
        steps = math.ceil((years - last) / width)
    else:
        return match, ()
    # years are a hint beside the title: at most one level, so a round trip stays within one
    steps = max(-1, min(1, steps))
    low, high = match.level_range
    if match.level == match.rung.level and match.rung.level_range is not None:
        low, high = min(low, match.rung.level_range[0]), max(high, match.rung.level_range[1])
    level = min(high, max(low, match.level + steps))
    typical = f"{_years(first)}-{_years(last)}" if last is not None else f"{_years(first)}+"
    plural = "" if years == 1 else "s"
    said = (
        f"{_years(years)} year{plural} of experience is {'below' if steps < 0 else 'above'} "
        f"the typical {typical} for {match.title!r}"
    )
    if level == match.level:
        note = f"{said}; its level range ({low}-{high}) keeps the reading at level {level}"
    else:
        note = (
            f"{said}, so the reading moves {'down' if steps < 0 else 'up'} within its level range "
            f"({low}-{high}) from level {match.level} to {level}"
        )
    said_so = (sentence(note),)
    moved = replace_match(
        match,
        level=level,
        track=reading_track(level, match.rung.track),
        level_range=(low, high),
        explanation=(*match.explanation, *said_so),
    )
    return moved, said_so


def _years_band(rung: Rung, ladder: Ladder) -> tuple[float, float | None] | None:
    if rung.years is not None or rung.canonical is None:
        return rung.years
    canonical = ladder.counterpart(rung.canonical)
    return canonical.years if canonical is not None else None


def _years(value: float) -> str:
    return f"{value:g}"
