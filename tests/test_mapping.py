"""Cross-market mapping: the seed's cases, rules with conditions, properties."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import titlemap
from titlemap import InputError, Profile, TitleMap, UnknownMarketError

ENGINEER = Profile(background="engineering", years=8)


def title_of(title: str, source: str, target: str, profile: Profile | None = None) -> str:
    m = titlemap.map_title(title, source, target, profile)
    assert m is not None
    return m.title


# -- the seed's own cases --------------------------------------------------------------------


def test_us_po_is_indian_pm_by_default() -> None:
    m = titlemap.map_title("Product Owner", "us", "in")
    assert m is not None and m.title == "Product Manager" and m.rule == "us-po-is-in-pm"
    assert any("productgurukul" in s.lower() for s in m.explanation)  # the seed article


def test_us_po_experienced_engineer_is_indian_senior_pm() -> None:
    assert title_of("Product Owner", "us", "in", Profile(background="engineering", years=5)) == (
        "Senior Product Manager"
    )
    # an engineer with 3 years is not: the years condition does not hold
    assert (
        title_of("Product Owner", "us", "in", Profile(background="engineering", years=3)) == "Product Manager"
    )
    # a designer with many years is not either
    assert title_of("Product Owner", "us", "in", Profile(background="design", years=9)) == "Product Manager"


def test_background_inferred_from_history() -> None:
    p = Profile(history=["Senior Software Engineer", "Tech Lead"], years=9)
    m = titlemap.map_title("Product Owner", "us", "in", p)
    assert m is not None and m.title == "Senior Product Manager"
    assert any("inferred from title history" in s for s in m.explanation)


def test_western_junior_po_is_indian_apm() -> None:
    m = titlemap.map_title("Product Owner", "us", "in", Profile(years=1.5))
    assert m is not None and m.title == "Associate Product Manager" and m.rule == "us-junior-po-is-in-apm"


def test_ordinary_indian_pm_is_us_pm_and_po_only_an_alternative() -> None:
    solo = titlemap.map_title("Product Manager", "in", "us", Profile(manages_people=False, years=4))
    assert solo is not None and solo.title == "Product Manager"
    assert "Product Owner" in [a.title for a in solo.alternatives]  # the seed's reading, for startups
    # into a Western early-stage startup, where PMs lead people, a solo PM is its Product Owner
    startup = titlemap.map_title(
        "Product Manager",
        "in",
        "us",
        Profile(manages_people=False),
        target_employer=titlemap.Employer(stage="early"),
    )
    assert startup is not None and startup.title == "Product Owner"
    m = titlemap.map_title("Product Manager", "in", "us", Profile(manages_people=True))
    assert m is not None and m.title == "Product Manager" and m.rule == "in-pm-with-reports-is-us-pm"


def test_default_has_alternatives_and_mentions_skipped_rules() -> None:
    m = titlemap.map_title("Product Manager", "in", "us")
    assert m is not None and m.title == "Product Manager"
    assert "Product Owner" in [a.title for a in m.alternatives]
    assert any("did not apply" in s for s in m.explanation)
    confs = [a.confidence for a in m.alternatives]
    assert confs == sorted(confs, reverse=True)


def test_title_inflation_runs_both_ways_through_stage_levels() -> None:
    assert title_of("VP Product", "in", "us") == "Vice President of Product"
    for source, target in (("in", "us"), ("us", "in")):
        early = titlemap.map_title("VP Product", source, target, Profile(company_stage="startup"))
        assert early is not None and early.source.level == 7 and early.level == 7
        assert early.title == "Director of Product"  # a rung a company of any stage has
        assert any("company stage" in s for s in early.source.explanation)
        # into another early-stage startup the VP stays a VP
        peer = titlemap.map_title(
            "VP Product",
            source,
            target,
            Profile(company_stage="early"),
            target_employer=titlemap.Employer(stage="early"),
        )
        assert peer is not None and peer.title == "Vice President of Product" and peer.level == 7


def test_raw_titles_work_and_non_product_is_none() -> None:
    assert title_of("Sr. Product Owner - Payments (Remote)", "us", "in") == "Senior Product Manager"
    assert titlemap.map_title("Software Engineer", "us", "in") is None


def test_unknown_market() -> None:
    with pytest.raises(UnknownMarketError, match="known markets"):
        titlemap.map_title("PM", "us", "mars")


def test_equivalents() -> None:
    eq = titlemap.equivalents("Product Owner", "us")
    assert set(eq) == set(titlemap.markets()) - {"us"} and eq["in"].title == "Product Manager"


# -- profiles --------------------------------------------------------------------------------


def test_profile_synonyms_and_validation() -> None:
    assert Profile(background="Software").background == "engineering"
    assert Profile(background="ENGINEERING").background == "engineering"
    assert Profile(company_stage="Series A").company_stage == "early"
    with pytest.raises(InputError, match="background"):
        Profile(background="astrology")
    with pytest.raises(InputError, match="between 0 and 70"):
        Profile(years=-1)
    with pytest.raises(InputError, match="not a number of years"):
        Profile(years="a few")  # type: ignore[arg-type]
    # a string is one title, or several separated by ; or > (never its characters)
    assert Profile(history="Senior Software Engineer").history == ("Senior Software Engineer",)  # type: ignore[arg-type]
    assert Profile(history="SDE > Senior SDE; PM").history == ("SDE", "Senior SDE", "PM")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="title history"):
        Profile(history=42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="favourite_colour"):
        Profile(favourite_colour="blue")  # type: ignore[call-arg]
    with pytest.raises(InputError, match="years") as caught:
        Profile(years=-3)
    assert isinstance(caught.value, ValueError) and caught.value.field == "years"


# -- properties ------------------------------------------------------------------------------

PROFILES = [
    None,
    ENGINEER,
    Profile(manages_people=True),
    Profile(manages_people=False),
    Profile(company_stage="early"),
    Profile(background="engineering", years=6, manages_people=True, company_stage="growth"),
]
PAIRS = [(a, b) for a, b in itertools.permutations(["in", "us"], 2)]
#: Every market to every other: mapping composes through the level spine.
ALL_PAIRS = list(itertools.permutations(titlemap.markets(), 2))
SEED_CASES = [(pair, profile) for pair in PAIRS for profile in PROFILES]
ANY_TO_ANY = [(pair, profile) for pair in ALL_PAIRS for profile in (None, ENGINEER) if pair not in PAIRS]
CASES = SEED_CASES + ANY_TO_ANY


@pytest.mark.parametrize(("pair", "profile"), CASES)
def test_every_rung_maps_somewhere(pair: tuple[str, str], profile: Profile | None) -> None:
    source, target = pair
    for rung in titlemap.ladder(source).rungs:
        m = titlemap.map_title(rung.title, source, target, profile)
        assert m is not None, rung.title
        assert m.rung in titlemap.ladder(target).rungs
        assert 0 < m.confidence <= 1 and m.explanation


@pytest.mark.parametrize(("pair", "profile"), CASES)
def test_monotone(pair: tuple[str, str], profile: Profile | None) -> None:
    source, target = pair
    rungs = titlemap.ladder(source).rungs
    mapped = [titlemap.map_title(r.title, source, target, profile) for r in rungs]
    for ma, mb in itertools.product(mapped, repeat=2):
        assert ma is not None and mb is not None
        if ma.source.level > mb.source.level:  # the level of the reading, in the source's context
            assert ma.level >= mb.level, (ma.source.title, ma.title, mb.source.title, mb.title)


ROUND_TRIPS = [
    (pair, profile)
    for pair, profile in CASES
    if profile is None or profile.company_stage is None  # a stage is the source employer's only
]


@pytest.mark.parametrize(("pair", "profile"), ROUND_TRIPS)
def test_round_trip_within_one_level(pair: tuple[str, str], profile: Profile | None) -> None:
    source, target = pair
    for rung in titlemap.ladder(source).rungs:
        there = titlemap.map_title(rung.title, source, target, profile)
        assert there is not None
        back = titlemap.map_title(there.rung.title, target, source, profile)  # the rung's own title
        assert back is not None
        assert abs(back.level - rung.level) <= 1, (rung.title, there.title, back.title)


@settings(max_examples=60, deadline=None)
@given(
    background=st.sampled_from([None, "engineering", "design", "business", "product"]),
    years=st.one_of(st.none(), st.floats(min_value=0, max_value=40)),
    manages=st.sampled_from([None, True, False]),
    stage=st.sampled_from([None, "early", "growth", "enterprise"]),
)
def test_deterministic_and_profile_moves_only_via_rules(
    background: str | None, years: float | None, manages: bool | None, stage: str | None
) -> None:
    profile = Profile(background=background, years=years, manages_people=manages, company_stage=stage)  # type: ignore[arg-type]
    tm = TitleMap.default()
    for source, target in PAIRS:
        for rung in tm.ladder(source).rungs:
            a = tm.map_title(rung.title, source, target, profile)
            b = tm.map_title(rung.title, source, target, profile)
            assert a == b
            default = tm.map_title(rung.title, source, target)
            assert a is not None and default is not None
            if a.title != default.title:
                # only a rule, or the stage moving the source reading's level, changes the answer
                moved = a.source.level != default.source.level
                assert moved or (a.rule is not None and a.rule != default.rule)


def test_mapping_within_one_market_says_so_unless_employers_move_it() -> None:
    same = titlemap.map_title("Product Owner", "in", "in")
    assert same is not None and same.title == "Product Owner"
    assert "same market ('in')" in same.explanation[-1]
    across = titlemap.map_title("Product Owner", "in", "us")
    assert across is not None and not any("same market" in s for s in across.explanation)
    moved = titlemap.map_title("AVP Product", "in", "in", source_employer=titlemap.Employer(sector="banking"))
    assert moved is not None and not any("same market" in s for s in moved.explanation)


LANDING_MARKET = """\
schema_version: 1
id: zz
name: A market whose landing titles are tested
extends: us
description: The US ladder, with the titles it commonly gives at levels 5 and 6 on the manager track.
sources:
  - id: zz-survey
    title: A fictional survey of titles (a test fixture)
    url: "https://example.com/zz"
    grade: C
    note: "Says which titles employers in zz give at each level."
landing:
  - level: 6
    track: manager
    rung: group-product-manager
    instead_of: [associate-director-of-product]
    source: zz-survey
"""


def test_a_mapped_title_lands_on_the_title_the_market_gives(tmp_path: Path) -> None:
    path = tmp_path / "zz.yaml"
    path.write_text(LANDING_MARKET, encoding="utf-8")
    tm = TitleMap.from_paths([path])
    zz = tm.ladder("zz")
    assert zz.landing(6, "manager") is not None
    assert zz.landing(6, "ic") == tm.ladder("us").landing(6, "ic")  # the rest inherited from us
    m = tm.map_title("Associate Director - Product", "in", "zz")
    assert m is not None and m.rung.id == "group-product-manager"
    assert "titles level 6 (manager) as 'Group Product Manager'" in m.explain()
    assert "fictional survey" in m.explain()  # the source by its title
    us_landing = tm.ladder("us").landing(6, "manager")  # the us file's own landing title there
    assert us_landing is not None and "associate-director-of-product" in us_landing.instead_of
    plain = tm.map_title("Associate Director - Product", "in", "us")
    assert plain is not None and plain.rung.id == us_landing.rung != m.rung.id
    po = tm.map_title("Product Owner", "us", "zz")  # its own rung at its level: no landing needed
    assert po is not None and po.rung.id == "product-owner"


def test_landing_titles_are_checked(tmp_path: Path) -> None:
    bad = LANDING_MARKET.replace("rung: group-product-manager", "rung: chief-product-officer")
    path = tmp_path / "zz.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(titlemap.LadderError, match="more than one level from 6") as caught:
        TitleMap.from_paths([path])
    assert caught.value.place == "landing[0].rung" and caught.value.line is not None


def test_mapping_keeps_what_the_reading_knew() -> None:
    bank = titlemap.Employer(sector="banking")
    m = titlemap.map_title("Vice President, Product Manager", "us", "in", source_employer=bank)
    assert m is not None and m.source.level == 3  # the bank's VP rank raised the reading
    assert m.level == 3 and m.canonical_title == "Senior Product Manager"  # the rule did not undo it
    assert "moves with it" in m.explain() and "VP rank" in m.explain()
    assert [a.canonical_title for a in m.alternatives][:1] == ["Product Manager"]  # the rule's own target


def test_the_readings_alternatives_are_mapped_too() -> None:
    read = titlemap.normalize("AVP Product", "in")
    assert read is not None and read.alternatives  # a bank's AVP is another reading
    m = titlemap.map_title("AVP Product", "in", "us")
    landing = titlemap.ladder("us").landing(read.level, read.track)  # US tech has no AVP rank
    assert m is not None and landing is not None and m.rung.id == landing.rung
    levels = {a.level for a in m.alternatives}
    assert any(level <= 4 for level in levels)  # the banking reading, mapped
    assert all(a.confidence <= m.confidence for a in m.alternatives)


@settings(max_examples=150, deadline=None)
@given(
    title=st.sampled_from(
        [
            "AVP Product",
            "Product Owner",
            "Senior PM",
            "VP, Product Manager",
            "Head of Product",
            "Principal PM",
        ]
    ),
    pair=st.sampled_from(list(itertools.permutations(["us", "in", "gb", "de", "sg"], 2))),
    sector=st.sampled_from([None, "banking", "it-services"]),
)
def test_alternatives_never_outscore_the_answer(
    title: str, pair: tuple[str, str], sector: str | None
) -> None:
    employer = titlemap.Employer(sector=sector) if sector else None
    m = titlemap.map_title(title, *pair, source_employer=employer)
    assert m is not None
    assert all(0 < a.confidence <= m.confidence for a in m.alternatives)
    assert list(m.alternatives) == sorted(m.alternatives, key=lambda a: (-a.confidence, a.level))
