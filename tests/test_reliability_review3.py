"""Regression tests for the third reliability review's findings (docs/reliability.md, "Files of
titles: the third review").

Each test is named ``test_<finding>_...`` after the review's numbering and was written before its
fix, failing on the code it guards against.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from titlemap import InputError, Profile
from titlemap.cells import read_flag, read_history, read_years


def _quick(call: Callable[[], Any], seconds: float = 0.5) -> None:
    """``call()`` returns or raises ValueError within ``seconds`` (a hang guard, not a benchmark)."""
    started = time.perf_counter()
    with contextlib.suppress(ValueError):
        call()
    spent = time.perf_counter() - started
    assert spent < seconds, f"took {spent:.2f} s"


# -- 01: the years cell is read in linear time ------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "1" * 12_000 + "x",
        "5" * 40_000,
        "5 " * 20_000 + "x",
        "1.1" * 13_000 + "x",
        "5-" * 20_000,
        "5 years " * 5_000,
        " " * 40_000 + "5x",
        "~" * 40_000,
    ],
    ids=[
        "digits-then-x",
        "digits",
        "spaced-digits",
        "decimals",
        "dashes",
        "repeated-phrase",
        "spaces",
        "tildes",
    ],
)
def test_01_years_cell_is_read_in_linear_time(cell: str) -> None:
    _quick(lambda: read_years(cell))
    _quick(lambda: Profile(years=cell), seconds=1.0)  # InputError is a ValueError


# -- 18: the history cell is split in linear time ----------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [" " * 80_000, "SWE" + " " * 80_000 + "PM", ";" + " " * 80_000, ("a " + " " * 1_000) * 80],
    ids=["spaces", "spaces-between-titles", "separator-then-spaces", "many-runs"],
)
def test_18_history_cell_is_split_in_linear_time(cell: str) -> None:
    _quick(lambda: read_history(cell))


def test_18_history_still_splits_as_documented() -> None:
    assert read_history("SWE ; Senior SWE -> Tech Lead → PM » GPM\nDirector > VP") == (
        "SWE",
        "Senior SWE",
        "Tech Lead",
        "PM",
        "GPM",
        "Director",
        "VP",
    )
    assert read_history("  ;  ; ") == ()


# -- 09: Decimal numbers are numbers ------------------------------------------------------------------


def test_09_decimal_years_and_reports_are_numbers() -> None:
    assert read_years(Decimal("8")) == 8.0 and read_years(Decimal("2.5")) == 2.5
    assert read_flag(Decimal(3)) is True and read_flag(Decimal(0)) is False
    assert Profile(years=Decimal(8)).years == 8.0
    with pytest.raises(ValueError, match="between 0 and 70"):
        read_years(Decimal("-1"))
    assert read_years(Decimal("NaN")) is None  # a missing value, as NaN


# -- 23: numbers of any width ------------------------------------------------------------------------


def test_23_huge_integers_are_out_of_range_not_a_crash() -> None:
    with pytest.raises(ValueError, match="between 0 and 70"):
        read_years(10**400)
    with pytest.raises(ValueError, match=r"number of direct reports|yes or no"):
        read_flag(-(10**400))
    assert read_flag(10**400) is True  # a (silly) count of reports is still a count
    with pytest.raises(InputError, match="years"):
        Profile(years=10**400)


# -- 26: a date in a years cell is refused ------------------------------------------------------------


@pytest.mark.parametrize(
    "cell", ["06/2018", "12/2015", "10-2019", "2018-06", "2015/12", "6.2018", "since 2016"]
)
def test_26_a_date_in_a_years_cell_is_refused(cell: str) -> None:
    with pytest.raises(ValueError, match=r"date|year"):
        read_years(cell)


@pytest.mark.parametrize(("cell", "years"), [("5/7", 5.0), ("3-5", 3.0), ("2 - 4 yrs", 2.0)])
def test_26_ranges_still_read_as_their_lower_bound(cell: str, years: float) -> None:
    assert read_years(cell) == years


@pytest.mark.parametrize("cell", ["7-5", "5-90", "5 to 75 years"])
def test_26_a_range_must_go_up_and_stay_in_bounds(cell: str) -> None:
    with pytest.raises(ValueError):
        read_years(cell)
