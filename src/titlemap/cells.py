"""Spreadsheet cells read as a person's facts: years, yes/no, title history.

Recruiters' files hold values as people type them: "5+", "10 yrs", "5-7", "Y", blanks, NaN.
These readers turn such a cell into a value, ``None`` when the cell says nothing (blank, NaN,
"n/a", "-"), or raise ``ValueError`` with a message that names the value and what to write
instead. They take no ladder and import no model, so the models validate with them too.

>>> read_years("5+ yrs"), read_years("5-7"), read_years("18 months"), read_years("n/a")
(5.0, 5.0, 1.5, None)
>>> read_flag("Y"), read_flag("no"), read_flag(3)
(True, False, True)
>>> read_history("Software Engineer > Senior Software Engineer; Product Owner")
('Software Engineer', 'Senior Software Engineer', 'Product Owner')
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache
from numbers import Real

__all__ = ["MAX_YEARS", "is_blank", "read_flag", "read_history", "read_years"]

MAX_YEARS = 70
"""The most years of experience a cell may say (more is a typo, such as a birth year)."""

# What a cell says when it says nothing. "none" and "nil" mean unknown too: a recruiter who
# means zero years writes 0 or "fresher".
_BLANK_WORDS = frozenset(
    {"", "-", "--", "---", "—", "–", "n/a", "na", "n.a.", "nan", "none", "null", "nil", "unknown", "?", "tbd"}
)
_NUMBER = r"\d+(?:[.,]\d+)?"
_YEAR_UNIT = r"(?:years?|yrs?\.?|yr\.?|y|ans?|jahre?|años?|jaar|jaren|年)"
_MONTH_UNIT = r"(?:months?|mos?\.?|mths?\.?|m|mois|monate?|meses|maanden|か月|ヶ月)"
_UNIT = rf"(?:{_YEAR_UNIT}|{_MONTH_UNIT})"
_YEARS_PATTERN = rf"""^
    (?P<below>less\ than|under|below|upto|up\ to|<=?|≤)?\s*
    (?P<above>more\ than|over|above|at\ least|min\.?|minimum|>=?|≥)?\s*
    (?:about|approx\.?|approximately|around|~|ca\.?)?\s*
    (?P<a>{_NUMBER})\s*(?:\+\s*)?(?P<u1>{_UNIT})?\s*
    (?:\+|plus)?\s*
    (?:(?:-|to|till|until|/|à|bis|a)\s*(?P<b>{_NUMBER})\s*(?:\+\s*)?(?P<u2>{_UNIT})?\s*(?:\+|plus)?\s*)?
    (?:(?:and|&|,)?\s*(?P<c>{_NUMBER})\s*(?P<u3>{_MONTH_UNIT})\s*)?
    (?:of\ )?(?:(?:work\ |total\ |relevant\ )?(?:experience|exp\.?))?
    $"""
_ZERO_WORDS = frozenset(
    {"fresher", "fresh graduate", "graduate", "new grad", "entry level", "entry-level", "0"}
)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The years and months patterns, compiled on first use (``import titlemap`` stays quick)."""
    return re.compile(_YEARS_PATTERN, re.VERBOSE), re.compile(rf"^{_MONTH_UNIT}$")


_TRUE_WORDS = frozenset(
    {"yes", "y", "true", "t", "1", "x", "✓", "✔", "people manager", "manager", "manages people", "ja", "oui"}
)
_TRUE_WORDS |= {"sí", "si", "はい"}
_FALSE_WORDS = frozenset(
    {"no", "n", "false", "f", "0", "ic", "individual contributor", "nein", "non", "いいえ", "none"}
)
_HISTORY_SPLIT = re.compile(r"\s*(?:;|>|→|->|»|\n)\s*")


def is_blank(value: object) -> bool:
    """Whether a cell says nothing: None, NaN, an empty string, or a placeholder such as "n/a" or "-"."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return " ".join(value.lower().split()) in _BLANK_WORDS
    try:  # numpy.nan and friends are not equal to themselves; pandas.NA compares as NA
        unequal = value != value
        return type(unequal).__name__ == "NAType" or bool(unequal)
    except (TypeError, ValueError):  # an array's comparison has no single truth value
        return False


def read_years(value: object) -> float | None:
    """Years of experience from a cell: ``5``, ``"5+"``, ``"10 yrs"``, ``"3,5"``, ``"2 years 6 months"``,
    ``"18 months"``, ``"fresher"`` (0). A range (``"5-7"``, ``"< 2"``) reads as its lower bound.

    Returns:
        The years (0 to :data:`MAX_YEARS`), or None for a blank cell.

    Raises:
        ValueError: for a value that is not a number of years, saying what to write.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number of years")
    if isinstance(value, Real):
        years = float(value)
    elif isinstance(value, str):
        years = _years_text(value)
    else:
        raise ValueError(f"{type(value).__name__} is not a number of years")
    if not 0 <= years <= MAX_YEARS:
        raise ValueError(f"{_show(value)} is not between 0 and {MAX_YEARS} years")
    return years


def _years_text(value: str) -> float:
    text = " ".join(value.lower().replace("–", "-").replace("—", "-").split())
    if text in _ZERO_WORDS:
        return 0.0
    years_pattern, months_pattern = _patterns()
    m = years_pattern.match(text)
    if m is None:
        raise ValueError(f"{_show(value)} is not a number of years (write e.g. 5, 5+, 10 yrs or 5-7)")
    first = float(m.group("a").replace(",", "."))
    months = float(m.group("c").replace(",", ".")) if m.group("c") else None
    unit = m.group("u1") or m.group("u2")  # "6-12 months": the range's unit is the first number's
    years = first / 12 if unit and months_pattern.match(unit) else first
    if months is not None:
        years += months / 12
    if m.group("below"):  # "less than 2 years": anything from zero
        years = 0.0
    return round(years, 2)


def read_flag(value: object) -> bool | None:
    """Yes or no from a cell: ``yes``/``no``, ``Y``/``N``, ``true``/``false``, ``1``/``0``, ``x``,
    ``IC`` (no), ``manager`` (yes), or a count of direct reports (``3`` is yes, ``0`` no).

    Raises:
        ValueError: for anything else, saying what to write.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Real):
        number = float(value)
        if number >= 0 and number.is_integer():
            return number > 0
        raise ValueError(f"{_show(value)} is neither yes/no nor a number of direct reports")
    if isinstance(value, str):
        text = " ".join(value.lower().split())
        if text in _TRUE_WORDS:
            return True
        if text in _FALSE_WORDS:
            return False
        if text.isdigit():
            return int(text) > 0
    raise ValueError(
        f"{_show(value)} is not yes or no (write yes/no, Y/N, true/false or a number of reports)"
    )


def read_history(value: object) -> tuple[str, ...]:
    """Past titles from a cell, oldest first: separated by ``;`` or ``>`` (``→``, ``->`` and new
    lines work too; ``|`` and ``,`` do not, because titles contain them). A list of titles is
    taken as it is. A blank cell is no history.

    Raises:
        ValueError: for a value that is neither text nor a list of texts.
    """
    if isinstance(value, str):
        return tuple(part for part in _HISTORY_SPLIT.split(value.strip()) if part and not is_blank(part))
    if is_blank(value):
        return ()
    if isinstance(value, Iterable) and not isinstance(value, (bytes, dict)):
        items = list(value)
        if all(isinstance(item, str) for item in items):
            return tuple(item.strip() for item in items if not is_blank(item))
    raise ValueError(f"{type(value).__name__} is not a title history (write titles separated by ; or >)")


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
