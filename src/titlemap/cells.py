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
from decimal import Decimal
from functools import cache
from numbers import Integral, Real

__all__ = [
    "MAX_YEARS",
    "MAX_YEARS_CHARS",
    "is_blank",
    "kind_of",
    "read_flag",
    "read_history",
    "read_years",
    "shown",
]

MAX_YEARS = 70
"""The most years of experience a cell may say (more is a typo, such as a birth year)."""
MAX_YEARS_CHARS = 100
"""The longest years cell read, in characters (spaces collapsed): a longer one is not a number of
years, and refusing it keeps reading it fast whatever the cell holds."""

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
    (?:(?:and|&|,)?\s*(?<![\d.,])(?P<c>{_NUMBER})\s*(?P<u3>{_MONTH_UNIT})\s*)?
    (?:of\ )?(?:(?:work\ |total\ |relevant\ )?(?:experience|exp\.?))?
    $"""
# A month and year, a year and month, or "since 2016": a date, not an amount of experience.
_DATE = re.compile(
    r"\d{1,2}\s*[/.-]\s*\d{4}|\d{4}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{1,2})?|(?:since|from)\s+\d{4}"
)
# A remark in brackets: "5+ yrs (2 in PM)".
_REMARK = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
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
) | {"no reports", "no direct reports", "no team", "not a manager", "no people"}
# A count of reports as people write it: "5", "5 reports", "team of 4", "manages 2 people".
# ASCII digits only ("²".isdigit() is true, but int("²") fails).
_REPORTS = re.compile(
    r"(?:(?:manages|managing|leads|leading|team of|team size)\s+)?([0-9]{1,9})"
    r"(?:\s*(?:direct\s+)?(?:reports?|directs?|reportees|people|persons?|members?|pms?|engineers?|ftes?))?"
)
# Each part is stripped after the split: a pattern with \s* around the separators would try every
# start in a run of spaces (quadratic time).
_HISTORY_SPLIT = re.compile(r"->|[;>→»\n]")


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
    if isinstance(value, str):
        years = _years_text(value)
    elif isinstance(value, Integral):  # exact: an integer of any width is compared, not converted
        years = float(value) if 0 <= int(value) <= MAX_YEARS else -1.0
    elif isinstance(value, Real | Decimal):  # Decimal: SQL and Spark decimal columns
        years = float(value)
    else:
        raise ValueError(f"{kind_of(value)} is not a number of years")
    if not 0 <= years <= MAX_YEARS:
        raise ValueError(f"{shown(value)} is not between 0 and {MAX_YEARS} years")
    return years


def _years_text(value: str) -> float:
    text = " ".join(value.lower().replace("–", "-").replace("—", "-").split())
    if len(text) > MAX_YEARS_CHARS:
        raise ValueError(f"{shown(value)} is too long for a number of years{_WRITE}")
    text = " ".join(_REMARK.sub(" ", text).split())  # "5+ yrs (2 in PM)": the remark aside
    if text in _ZERO_WORDS:
        return 0.0
    if _DATE.search(text):
        raise ValueError(f"{shown(value)} looks like a date, not a number of years{_WRITE}")
    years_pattern, months_pattern = _patterns()
    m = years_pattern.match(text)
    if m is None:
        raise ValueError(f"{shown(value)} is not a number of years{_WRITE}")
    first = float(m.group("a").replace(",", "."))
    unit = m.group("u1") or m.group("u2")  # "6-12 months": the range's unit is the first number's
    in_months = bool(unit and months_pattern.match(unit))
    if m.group("b") is not None:  # a range: it must go up, and its top must be a number of years
        top = float(m.group("b").replace(",", "."))
        if not first <= top <= (12 * MAX_YEARS if in_months else MAX_YEARS):
            raise ValueError(f"{shown(value)} is not a range of years{_WRITE}")
    months = float(m.group("c").replace(",", ".")) if m.group("c") else None
    years = first / 12 if in_months else first
    if months is not None:
        years += months / 12
    if m.group("below"):  # "less than 2 years": anything from zero
        years = 0.0
    return round(years, 2)


_WRITE = " (write e.g. 5, 5+, 10 yrs or 5-7)"


def read_flag(value: object) -> bool | None:
    """Yes or no from a cell: ``yes``/``no``, ``Y``/``N``, ``true``/``false``, ``1``/``0``, ``x``,
    ``IC`` (no), ``manager`` (yes), or a count of direct reports (``3``, ``"5 reports"``,
    ``"team of 4"``, ``"manages 2 people"`` are yes; ``0``, ``"no reports"`` no).

    Raises:
        ValueError: for anything else, saying what to write.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Integral):  # exact: an integer of any width
        if int(value) >= 0:
            return int(value) > 0
        raise ValueError(f"{shown(value)} is neither yes/no nor a number of direct reports")
    if isinstance(value, Real | Decimal):
        number = float(value)
        if number >= 0 and number.is_integer():
            return number > 0
        raise ValueError(f"{shown(value)} is neither yes/no nor a number of direct reports")
    if isinstance(value, str):
        text = " ".join(value.lower().split())
        if text in _TRUE_WORDS:
            return True
        if text in _FALSE_WORDS:
            return False
        count = _REPORTS.fullmatch(text) if len(text) <= 60 else None
        if count is not None:
            return int(count.group(1)) > 0
    raise ValueError(
        f"{shown(value)} is not yes or no (write yes/no, Y/N, true/false or a number of reports)"
    )


def read_history(value: object) -> tuple[str, ...]:
    """Past titles from a cell, oldest first: separated by ``;`` or ``>`` (``→``, ``->`` and new
    lines work too; ``|`` and ``,`` do not, because titles contain them). A list of titles is
    taken as it is. A blank cell is no history.

    Raises:
        ValueError: for a value that is neither text nor a list of texts.
    """
    if isinstance(value, str):
        parts = (part.strip() for part in _HISTORY_SPLIT.split(value))
        return tuple(part for part in parts if part and not is_blank(part))
    if is_blank(value):
        return ()
    if isinstance(value, Iterable) and not isinstance(value, (bytes, dict)):
        items = list(value)
        if all(isinstance(item, str) for item in items):
            return tuple(item.strip() for item in items if not is_blank(item))
    raise ValueError(f"{kind_of(value)} is not a title history (write titles separated by ; or >)")


def kind_of(value: object) -> str:
    """What a cell holds, as its writer would name it: a list read from JSON arrives as a tuple
    (memo keys are hashable), but the user wrote a list.

    >>> kind_of((5,)), kind_of({"a": 1}), kind_of(b"x"), kind_of(object())
    ('a list', 'an object', 'bytes', 'an object')
    """
    if isinstance(value, list | tuple | set | frozenset) or type(value).__name__ == "ndarray":
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, bytes | bytearray):
        return "bytes"
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def shown(value: object) -> str:
    """A cell's value for a message, cut to 40 characters; a list (a tuple) shown as a list."""
    text = repr(list(value)) if isinstance(value, tuple) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
