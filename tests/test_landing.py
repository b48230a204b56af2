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


def test_an_amazon_senior_manager_lands_on_a_us_title_and_comes_back() -> None:
    amazon = titlemap.normalize("Senior Manager, Product Management", "us", employer="amazon")
    assert amazon is not None and (amazon.level, amazon.track) == (6, "manager")
    landing = titlemap.ladder("us").landing(amazon.level, amazon.track)
    assert landing is not None and amazon.rung.canonical in landing.instead_of
    mapped = titlemap.map_title("Senior Manager, Product Management", "us", "us", source_employer="amazon")
    assert mapped is not None and mapped.rung.id == landing.rung
    assert "Associate Director" not in mapped.title and mapped.level == amazon.level
    back = titlemap.normalize(mapped.title, "us", employer="amazon")
    assert back is not None and back.rung.id == amazon.rung.id


@pytest.mark.parametrize("market", MARKETS)
def test_a_level_six_manager_lands_on_the_market_title_or_its_counterpart(market: str) -> None:
    landing = titlemap.ladder(market).landing(6, "manager")
    mapped = titlemap.map_title("Senior Manager, Product Management", "us", market, source_employer="amazon")
    assert mapped is not None and abs(mapped.level - 6) <= 1
    if landing is None or mapped.rule is not None:
        return
    counterpart = titlemap.ladder(market).counterpart("associate-director-of-product", 6)
    direct = counterpart is not None and counterpart.id not in landing.instead_of
    assert mapped.rung.id == (counterpart.id if direct else landing.rung), market


@pytest.mark.parametrize("market", MARKETS)
def test_a_title_landed_on_carries_the_markets_local_title(market: str) -> None:
    ladder = titlemap.ladder(market)
    for landing in ladder.landings:
        rung = ladder.rung(landing.rung)
        mapped = titlemap.map_title(rung.title, market, market)
        assert mapped is not None and mapped.rung.id == rung.id, (market, rung.id)
        assert mapped.local_title == rung.local_title, (market, rung.id)


def _cites(market: str, source: str) -> bool:
    return any(s.id == source for s in titlemap.ladder(market).sources)


@pytest.mark.parametrize("market", [m for m in MARKETS if _cites(m, "zawya-title-inflation")])
def test_gulf_title_inflation_is_data_at_small_firms(market: str) -> None:
    # Robert Walters via Zawya: people in their twenties are directors and VPs of smaller firms;
    # a headcount of 30 implies the early stage, whose levels the data gives.
    small = Employer(size=30)
    for title in ("Director of Product", "VP Product", "Head of Product"):
        usual = titlemap.normalize(title, market)
        at_small = titlemap.normalize(title, market, employer=small)
        assert usual is not None and at_small is not None
        assert at_small.level < usual.level, (market, title)
    lead = titlemap.normalize("Lead Product Manager", market)
    assert lead is not None and lead.confidence < 1
    assert any(a.level < lead.level for a in lead.alternatives), market  # the PM-level reading
    assert "zawya" in lead.explain()
