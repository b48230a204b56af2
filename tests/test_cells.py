"""Spreadsheet cells read as years, yes/no and title history (``titlemap.cells``), and Profile on them."""

from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from titlemap import Employer, Profile
from titlemap.cells import MAX_YEARS, is_blank, read_flag, read_history, read_years


@pytest.mark.parametrize(
    ("cell", "years"),
    [
        (5, 5.0),
        (7.5, 7.5),
        ("5", 5.0),
        ("5+", 5.0),
        ("5+ yrs", 5.0),
        ("12+ years exp", 12.0),
        ("10 yrs", 10.0),
        ("7 years", 7.0),
        ("3.5", 3.5),
        ("3,5", 3.5),  # a decimal comma
        ("5-7", 5.0),  # a range reads as its lower bound
        ("5 – 7 years", 5.0),
        ("5 to 7", 5.0),
        ("3-5+ yrs", 3.0),
        ("18 months", 1.5),
        ("6-12 months", 0.5),
        ("2 years 6 months", 2.5),
        ("2y 6m", 2.5),
        ("less than 2 years", 0.0),
        ("<1", 0.0),
        (">10", 10.0),
        ("over 10", 10.0),
        ("10 plus", 10.0),
        ("~6", 6.0),
        ("about 4 years", 4.0),
        ("5 years of experience", 5.0),
        ("fresher", 0.0),
        ("4 ans", 4.0),
        ("5 Jahre", 5.0),
        ("3 años", 3.0),
    ],
)
def test_years_as_spreadsheets_hold_them(cell: object, years: float) -> None:
    assert read_years(cell) == years


@pytest.mark.parametrize("cell", [None, "", "  ", "n/a", "N/A", "-", "—", "nan", "NaN", "unknown", math.nan])
def test_blank_cells_are_unknown(cell: object) -> None:
    assert is_blank(cell)
    assert read_years(cell) is None and read_flag(cell) is None and read_history(cell) == ()


def test_pandas_missing_values_are_blank() -> None:
    pd = pytest.importorskip("pandas")
    assert is_blank(pd.NA) and is_blank(pd.NaT) and read_years(pd.NA) is None
    assert not is_blank(0) and not is_blank("0")


@pytest.mark.parametrize("cell", ["abc", "ten", "a few", "1990", "-3", "71", True, [5], "5 weeks"])
def test_unreadable_years_name_the_value(cell: object) -> None:
    with pytest.raises(ValueError, match="years") as info:
        read_years(cell)
    if isinstance(cell, str):
        assert repr(cell) in str(info.value)


@pytest.mark.parametrize(
    ("cell", "flag"),
    [
        ("Y", True),
        ("yes", True),
        ("TRUE", True),
        ("1", True),
        ("x", True),
        ("manager", True),
        (3, True),
        ("2", True),
        ("N", False),
        ("no", False),
        ("false", False),
        ("0", False),
        (0, False),
        ("IC", False),
        ("individual contributor", False),
        (True, True),
    ],
)
def test_flags(cell: object, flag: bool) -> None:
    assert read_flag(cell) is flag


@pytest.mark.parametrize("cell", ["maybe", 1.5, -2, "sometimes"])
def test_unreadable_flags(cell: object) -> None:
    with pytest.raises(ValueError, match=r"yes or no|direct reports"):
        read_flag(cell)


def test_history_splits_on_semicolons_and_arrows_only() -> None:
    assert read_history("SDE 1 > SDE 2 > Product Owner") == ("SDE 1", "SDE 2", "Product Owner")
    assert read_history("Analyst; Senior Analyst;") == ("Analyst", "Senior Analyst")
    assert read_history("Engineer | Payments → PM, Lending") == ("Engineer | Payments", "PM, Lending")
    assert read_history(["Engineer ", " PM"]) == ("Engineer", "PM")
    with pytest.raises(ValueError, match="title history"):
        read_history(42)
    with pytest.raises(ValueError, match="title history"):
        read_history([1, 2])


@given(st.one_of(st.text(max_size=40), st.floats(allow_nan=True), st.integers(), st.none(), st.booleans()))
def test_readers_raise_only_value_errors(cell: object) -> None:
    for reader in (read_years, read_flag, read_history):
        with contextlib.suppress(ValueError):
            reader(cell)


@given(st.floats(min_value=0, max_value=MAX_YEARS, allow_nan=False).map(lambda x: round(x, 1)))
def test_numbers_written_as_text_read_as_themselves(years: float) -> None:
    assert read_years(f"{years}") == years
    assert read_years(f"{years} yrs") == years
    assert read_years(f"{years}+") == years


def test_profile_and_employer_read_cells() -> None:
    p = Profile(years="5+", manages_people="Y", history="SDE > PM", background="NaN", company_stage="")
    assert (p.years, p.manages_people, p.history, p.background, p.company_stage) == (
        5.0,
        True,
        ("SDE", "PM"),
        None,
        None,
    )
    assert Profile(years=math.nan).years is None
    e = Employer(company="n/a", sector="-", stage=math.nan)
    assert (e.company, e.sector, e.stage) == (None, None, None)
    with pytest.raises(ValueError, match="is not yes or no"):
        Profile(manages_people="perhaps")


@pytest.mark.parametrize(
    ("cell", "flag"),
    [
        ("5 reports", True),
        ("1 report", True),
        ("3 direct reports", True),
        ("team of 4", True),
        ("manages 2 people", True),
        ("12 PMs", True),
        ("0 reports", False),
        ("no reports", False),
        ("No direct reports", False),
    ],
)
def test_a_count_of_reports_is_read_as_people_write_it(cell: str, flag: bool) -> None:
    assert read_flag(cell) is flag


@pytest.mark.parametrize("cell", ["²", "5 apples", "reports", "-3 reports"])
def test_other_counts_are_refused_with_a_value_error(cell: str) -> None:
    with pytest.raises(ValueError, match="yes or no"):
        read_flag(cell)


@pytest.mark.parametrize(
    ("cell", "years"),
    [("5+ yrs (2 in PM)", 5.0), ("8 years [4 as PM]", 8.0), ("(approx.) 6", 6.0), ("60-90 months", 5.0)],
)
def test_a_remark_in_brackets_is_set_aside(cell: str, years: float) -> None:
    assert read_years(cell) == years


def test_a_years_cell_longer_than_the_limit_is_refused() -> None:
    from titlemap.cells import MAX_YEARS_CHARS

    assert read_years("5" + " " * 10 * MAX_YEARS_CHARS + "yrs") == 5.0  # spaces collapse first
    with pytest.raises(ValueError, match="too long"):
        read_years("about " * MAX_YEARS_CHARS + "5")


@pytest.mark.parametrize(
    ("cell", "background"),
    [
        ("CS", "engineering"),
        ("Computer Science", "engineering"),
        ("B.Tech CSE", "engineering"),
        ("B.E. Mechanical", "engineering"),
        ("MS in CS", "engineering"),
        ("IIT + IIM", "engineering"),  # several: engineering when one of them is
        ("MBA, B.Tech", "engineering"),
        ("IIM", "business"),
        ("MBA Finance", "business"),
        ("Non-tech", "other"),
        ("non technical", "other"),
        ("Pharma marketing", "marketing"),
        ("Tech sales", "sales"),
        ("UI/UX", "design"),
        ("Data Science", "data"),
        ("Consulting (McKinsey)", "consulting"),
        ("Product Management", "product"),
        ("Sales & Marketing", "sales"),
        ("Arts", "other"),
    ],
)
def test_backgrounds_as_people_write_them(cell: str, background: str) -> None:
    from titlemap.backgrounds import read_background

    assert read_background(cell) == background


def test_background_reader_covers_the_profile() -> None:
    from titlemap import profile
    from titlemap.backgrounds import BACKGROUND_NAMES, read_background
    from titlemap.records import BACKGROUNDS

    assert BACKGROUND_NAMES == BACKGROUNDS
    with pytest.warns(DeprecationWarning, match="BACKGROUND_SYNONYMS is deprecated"):
        synonyms = profile.BACKGROUND_SYNONYMS
    assert synonyms and "BACKGROUND_SYNONYMS" not in profile.__all__
    with pytest.raises(AttributeError, match="no attribute 'BACKGROUND_SYNONYM'"):
        _ = profile.BACKGROUND_SYNONYM  # type: ignore[attr-defined]
    for written, meant in synonyms.items():
        assert read_background(written) == meant, written
    for name in BACKGROUNDS:
        assert read_background(name.upper()) == name
    assert read_background("n/a") is None
    for cell in ("astrology", 42, "x" * 500):
        with pytest.raises(ValueError, match="background"):
            read_background(cell)


@given(st.text(max_size=300))
def test_background_reader_raises_only_value_errors(cell: str) -> None:
    from titlemap.backgrounds import read_background

    with contextlib.suppress(ValueError):
        read_background(cell)


@pytest.mark.parametrize("cell", ["B.Tech CSE", "CS", "IIT + IIM", "Computer Science", "Software"])
def test_a_profile_reads_backgrounds_as_a_file_column_does(cell: str) -> None:
    from titlemap import Profile
    from titlemap.backgrounds import read_background

    assert Profile(background=cell).background == read_background(cell) == "engineering"


@given(st.text(max_size=40))
def test_stage_reading_never_crashes_and_is_stable(text: str) -> None:
    from titlemap.employer import normalize_stage

    once = normalize_stage(text)
    assert isinstance(once, str) and normalize_stage(once) == once


def test_every_stage_word_reads_the_same_written_as_a_company() -> None:
    from titlemap.employer import STAGE_SYNONYMS, normalize_stage
    from titlemap.records import STAGES

    for word in (*STAGES, *STAGE_SYNONYMS):
        assert normalize_stage(f"a {word} company") == normalize_stage(word), word
