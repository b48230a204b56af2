"""Years of experience (issue 16, item 5): a person's years outside a rung's typical band move
the reading within the rung's level range, the explanation says so, and more years never lower
the mapped level."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import titlemap
from titlemap import Employer, Profile

MARKETS = titlemap.markets()
#: (market, rung title) for every market rung with a years band, from the registry
BANDED = [(m, r.title) for m in MARKETS for r in titlemap.ladder(m).rungs if r.years is not None]


def _head() -> titlemap.Rung:
    return titlemap.ladder("in").rung("head-of-product")


def test_years_inside_the_band_keep_the_reading() -> None:
    low, _ = _head().years or (0, None)
    inside = titlemap.map_title("Head of Product", "in", "us", Profile(years=low))
    plain = titlemap.map_title("Head of Product", "in", "us")
    assert inside is not None and plain is not None
    assert inside.source.level == plain.source.level
    assert not any("years of experience" in s for s in inside.explanation)


def test_a_fresher_head_of_product_reads_below_the_band_and_says_so() -> None:
    rung = _head()
    assert rung.years is not None
    fresher = titlemap.map_title("Head of Product", "in", "us", Profile(years=0))
    assert fresher is not None and fresher.source.level < rung.level
    assert any("below the typical" in s for s in fresher.explanation)
    seed = titlemap.map_title(
        "Head of Product", "in", "us", Profile(years=0), source_employer=Employer(stage="early")
    )
    startup = titlemap.normalize("Head of Product", "in", employer=Employer(stage="early"))
    assert seed is not None and startup is not None
    assert seed.source.level < startup.level and seed.source.level >= startup.level_range[0]


def test_years_above_the_band_read_at_the_top_of_the_range() -> None:
    rung = titlemap.ladder("in").rung("product-manager")
    assert rung.years is not None and rung.level_range is not None and rung.years[1] is not None
    veteran = titlemap.map_title("Product Manager", "in", "us", Profile(years=15))
    assert veteran is not None and veteran.source.level == rung.level_range[1]
    assert any("above the typical" in s for s in veteran.explanation)


def test_every_band_is_ordered_and_dated_or_sourced() -> None:
    assert BANDED  # markets carry years bands
    for market, title in BANDED:
        rung = titlemap.ladder(market).rung(title)
        low, high = rung.years or (0, None)
        assert high is None or low <= high
        assert rung.sources


@settings(max_examples=60, deadline=None)
@given(
    case=st.sampled_from(BANDED),
    target=st.sampled_from(MARKETS),
    years=st.tuples(st.floats(0, 40), st.floats(0, 40)),
)
def test_more_years_never_lower_the_mapped_level(
    case: tuple[str, str], target: str, years: tuple[float, float]
) -> None:
    market, title = case
    fewer, more = sorted(years)
    a = titlemap.map_title(title, market, target, Profile(years=fewer))
    b = titlemap.map_title(title, market, target, Profile(years=more))
    assert a is not None and b is not None
    assert a.source.level <= b.source.level
    assert a.level <= b.level, (a.explain(), b.explain())
