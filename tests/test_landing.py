"""Landing titles (issue 17, item 4): a title mapped into a market with no direct counterpart
lands on the title that market commonly gives at the reading's level and track, from its
``landing:`` data, and the explanation names the market's landing titles and their source."""

from __future__ import annotations

import pytest

import titlemap
from titlemap import Employer

EARLY = Employer(sector="tech", stage="early")
MARKETS = titlemap.markets()


@pytest.mark.parametrize("market", MARKETS)
def test_every_landing_names_a_rung_near_its_level_with_a_graded_source(market: str) -> None:
    ladder = titlemap.ladder(market)
    for landing in ladder.landings:
        rung = ladder.rung(landing.rung)
        assert abs(rung.level - landing.level) <= 1, (market, landing)
        source = ladder.source(landing.source)
        assert source is not None and source.grade in ("A", "B", "C"), (market, landing.source)


@pytest.mark.parametrize("market", [m for m in MARKETS if m != "in"])
def test_an_early_stage_head_of_product_lands_on_the_title_the_market_gives(market: str) -> None:
    head = titlemap.normalize("Head of Product", "in", employer=EARLY)
    assert head is not None and head.level < head.rung.level  # deflated at a startup
    landing = titlemap.ladder(market).landing(head.level, head.track)
    mapped = titlemap.map_title("Head of Product", "in", market, source_employer=EARLY)
    assert mapped is not None
    if landing is None or mapped.rule is not None:
        return  # no landing data there, or a sourced crosswalk rule decides
    assert mapped.rung.id == landing.rung
    assert f"landing titles of {market!r}" in mapped.explain()


def test_a_fresher_startup_head_of_product_is_offered_group_pm_in_the_us() -> None:
    mapped = titlemap.map_title(
        "Head of Product", "in", "us", titlemap.Profile(years=1), source_employer=EARLY
    )
    assert mapped is not None and mapped.canonical_title == "Group Product Manager"
    assert "Associate Director" not in mapped.title
    assert "Product Management - Leadership" in mapped.explain()  # the landing's source, by title


def test_a_tech_avp_lands_on_a_us_title_not_on_avp() -> None:
    growth = Employer(sector="tech", stage="growth")
    avp = titlemap.normalize("AVP Product", "in", employer=growth)
    assert avp is not None and avp.level == avp.rung.level
    landing = titlemap.ladder("us").landing(avp.level, avp.track)
    assert landing is not None and avp.rung.id in landing.instead_of
    mapped = titlemap.map_title("AVP Product", "in", "us", source_employer=growth)
    assert mapped is not None and mapped.rung.id == landing.rung
    assert abs(mapped.level - avp.level) <= 1


def test_a_direct_counterpart_is_kept() -> None:
    # a title whose own rung is in the target at its level keeps it: landing fills gaps only
    for rung in titlemap.ladder("us").rungs:
        landing = titlemap.ladder("gb").landing(rung.level, rung.track)
        if landing is None or rung.id in landing.instead_of or rung.canonical:
            continue
        mapped = titlemap.map_title(rung.title, "us", "gb")
        if mapped is not None and mapped.rule is None and mapped.source.rung.id == rung.id:
            assert mapped.rung.id == rung.id, rung.id
