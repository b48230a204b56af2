"""Employer context (company ladders, sector, stage): the cases that started it, and properties."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

import titlemap
from titlemap import Employer, TitleMap
from titlemap.cli import main
from titlemap.mapping import coded_span
from titlemap.vocabulary import BRAND_FAMILY

BANK = Employer(sector="banking")
STARTUP = Employer(sector="tech", stage="early")


# -- the cases that were read in a vacuum ------------------------------------------------------


def test_microsoft_partner_pm_is_director_level_or_above() -> None:
    m = titlemap.normalize("Partner Product Manager", employer="Microsoft")
    assert m is not None and m.level >= 7 and m.company == "microsoft" and m.company_level == "68"
    alone = titlemap.normalize("Partner Product Manager")  # the rank word alone is read too
    assert alone is not None and alone.level >= 7


def test_microsoft_group_titles_and_amazon_senior_manager_manage_people() -> None:
    pgpm = titlemap.normalize("Principal Group Product Manager", employer="Microsoft")
    assert pgpm is not None and pgpm.track == "manager" and pgpm.level >= 6
    amazon = titlemap.normalize("Senior Manager, Product Management", employer="Amazon")
    assert amazon is not None and amazon.rung.manages_people is True and amazon.level >= 6


@pytest.mark.parametrize(
    ("title", "company_title", "level"),
    [
        ("Principal Group PM", "Principal Group Product Manager", 6),
        ("Principal Group Product Manager", "Principal Group Product Manager", 6),
        ("Principal PM Manager", "Principal PM Manager", 5),
    ],
)
def test_a_company_rung_is_picked_by_the_titles_own_rank_words(
    title: str, company_title: str, level: int
) -> None:
    # Microsoft titles its first-line managers of PMs two ways; the title's rank words choose
    m = titlemap.normalize(title, employer="Microsoft")
    assert m is not None and m.canonical_title == "Group Product Manager"
    assert (m.title, m.company_title, m.level, m.track) == (company_title, company_title, level, "manager")


def test_bank_avp_near_senior_pm_and_startup_avp_an_executive() -> None:
    bank = titlemap.normalize("AVP - Product", "in", employer=BANK)
    tech = titlemap.normalize("AVP - Product", "in", employer=STARTUP)
    assert bank is not None and tech is not None
    assert bank.title == tech.title == "Associate Vice President of Product" and bank.rank == "AVP"
    vp = titlemap.normalize("VP - Product", "in", employer=STARTUP)
    assert vp is not None and bank.level == 3 and tech.level < vp.level  # deflated below the VP
    growth = titlemap.normalize("AVP - Product", "in", employer=Employer(sector="tech", stage="growth"))
    assert growth is not None and growth.level == 9
    unsure = titlemap.normalize("AVP - Product", "in")
    assert unsure is not None and unsure.level_range[0] <= 3 and unsure.level_range[1] >= 9
    assert unsure.confidence < growth.confidence and unsure.alternatives
    mapped = titlemap.map_title("AVP - Product", "in", "us", source_employer=BANK)
    assert mapped is not None and mapped.level <= 4  # never a US Senior Director


@pytest.mark.parametrize(
    "title",
    ["Vice President, Product Manager", "Product Manager - Vice President", "Product Manager, VP"],
)
def test_bank_rank_in_either_word_order(title: str) -> None:
    m = titlemap.normalize(title, "in", employer=BANK)
    assert m is not None and (m.title, m.rank) == ("Product Manager", "VP") and 3 <= m.level <= 5


def test_rank_with_a_function_name_is_the_role() -> None:
    for title in ("VP Product", "VP, Product Management", "AVP - Product"):
        m = titlemap.normalize(title, "in", employer=Employer(sector="tech", stage="growth"))
        assert m is not None and m.title.endswith("Vice President of Product") and m.level >= 9
    ed = titlemap.normalize("Executive Director - Product Owner", "us", employer=BANK)
    assert ed is not None and (ed.title, ed.rank) == ("Product Owner", "ED")


def test_head_of_product_level_moves_with_stage_not_title() -> None:
    early = titlemap.normalize("Head of Product", "us", employer=Employer(size=20))
    big = titlemap.normalize("Head of Product", "us", employer=Employer(size=5000))
    assert early is not None and big is not None and early.title == big.title == "Head of Product"
    assert early.level < big.level
    assert titlemap.normalize("Head of Product").level_range == (5, 10)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "title",
    [
        "Product Manager - Oncology",
        "Group Product Manager - Cardiology",
        "Product Manager (Derma)",
        "Product Executive - Pharma",
    ],
)
def test_pharma_brand_roles_are_look_alikes(title: str) -> None:
    assert titlemap.normalize(title, "in") is None


def test_pharma_or_consumer_goods_employer_makes_plain_pm_a_look_alike() -> None:
    for sector in ("pharma", "FMCG"):
        assert titlemap.normalize("Product Manager", "in", employer=Employer(sector=sector)) is None
        digital = titlemap.normalize(
            "Product Manager - Digital Platform", "in", employer=Employer(sector=sector)
        )
        assert digital is not None and digital.title == "Product Manager"


def test_inflation_runs_both_ways_and_lands_on_rungs_a_company_has() -> None:
    for source, target in (("in", "us"), ("us", "in")):
        m = titlemap.map_title("VP Product", source, target, source_employer=Employer(stage="early"))
        assert m is not None and m.title != "Senior Director of Product" and m.level <= 8
        into_startup = titlemap.map_title(
            "Director of Product", source, target, target_employer=Employer(stage="early")
        )
        assert (into_startup is not None and into_startup.rung.stages in (None, ())) or "early" in (
            into_startup.rung.stages or ()
        )


def test_meta_and_stripe_product_manager_are_ranges_narrowed_by_codes() -> None:
    meta = titlemap.normalize("Product Manager", employer="Meta")
    assert meta is not None and meta.level_range == (2, 6) and meta.company_level == "IC4-IC7"
    ic6 = titlemap.normalize("Product Manager (IC6)", employer="Meta")
    assert ic6 is not None and ic6.level == 5 and ic6.company_level == "IC6"
    stripe = titlemap.normalize("Product Manager L3", employer="Stripe")
    assert stripe is not None and stripe.level == 3 and stripe.title == "Product Manager"


def test_company_detected_in_title_and_given_company_wins() -> None:
    m = titlemap.normalize("Sr. Product Manager - Technical, Amazon")
    assert m is not None and m.company == "amazon" and "amazon" in m.explain()
    given = titlemap.normalize("Group PM @ Amazon", employer="Google")
    assert given is not None and given.company == "google"
    assert titlemap.normalize("Group PM", employer="Unknown Co") is not None


def test_company_ladder_wins_over_the_market_argument() -> None:
    m = titlemap.normalize("Product Manager", "in", employer="Meta")
    assert m is not None and m.market == "us" and m.company == "meta"
    assert "instead of 'in'" in m.explain()


def test_cross_company_mapping_answers_in_the_target_companys_ladder() -> None:
    m = titlemap.map_title(
        "Product Manager (IC6)", "us", "in", source_employer="Meta", target_employer="Razorpay"
    )
    assert m is not None and m.company == "razorpay" and m.market == "in"
    assert m.level in (4, 5, 6)


def test_unknown_sector_or_stage_is_a_value_error_naming_the_accepted_values() -> None:
    with pytest.raises(ValueError, match="banking"):
        Employer(sector="astrology")
    with pytest.raises(ValueError, match="enterprise"):
        Employer(stage="teenage")
    with pytest.raises(TypeError, match="Employer"):
        titlemap.normalize("PM", employer=42)  # type: ignore[arg-type]


def test_employer_synonyms_and_size() -> None:
    assert Employer(sector="BFSI").sector == "banking"
    assert Employer(sector="Financial Services").sector == "banking"
    assert Employer(sector="government").sector == "public-sector"
    assert Employer(stage="Series A").stage == "early"
    assert Employer(size=300).effective_stage == "growth"
    assert Employer(size=300, stage="enterprise").effective_stage == "enterprise"


def test_profile_company_stage_is_the_source_employers_unless_given() -> None:
    p = titlemap.Profile(company_stage="early")
    a = titlemap.map_title("Head of Product", "us", "in", p)
    b = titlemap.map_title("Head of Product", "us", "in", p, source_employer=Employer(stage="enterprise"))
    assert a is not None and b is not None and a.source.level < b.source.level


# -- the command line --------------------------------------------------------------------------


def _json_lines(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    assert main([*argv, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_cli_reads_the_cases(capsys: pytest.CaptureFixture[str]) -> None:
    [partner] = _json_lines(capsys, "normalize", "Partner Product Manager", "--company", "Microsoft")
    assert partner["level"] >= 7 and partner["company"] == "microsoft"
    bank, tech = (
        _json_lines(
            capsys, "normalize", "AVP - Product", "AVP - Product", "--market", "in", "--sector", "bank"
        )[0],
        _json_lines(capsys, "normalize", "AVP - Product", "--market", "in", "--sector", "tech")[0],
    )
    assert bank["level"] == 3 and tech["level"] == 9 and bank["rank"] == "AVP"
    [early] = _json_lines(capsys, "normalize", "Head of Product", "--company-stage", "early")
    [big] = _json_lines(capsys, "normalize", "Head of Product", "--stage", "enterprise")
    assert early["level"] < big["level"]
    assert main(["normalize", "Product Manager - Oncology", "--market", "in", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] is None
    [mapped] = _json_lines(capsys, "map", "PM", "--from", "us", "--to", "in", "--to-company", "razorpay")
    assert mapped["company"] == "razorpay"


def test_cli_bad_sector_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["normalize", "PM", "--sector", "astrology"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "banking" in err


# -- properties of every company ladder ---------------------------------------------------------

COMPANIES = titlemap.companies()


@pytest.mark.parametrize("company", COMPANIES)
def test_every_company_rung_round_trips_to_its_market_within_one_level(company: str) -> None:
    tm = TitleMap.default()
    lad, market = tm.ladder(company), tm.market_of(company)
    for rung in lad.rungs:
        there = tm.map_title(rung.title, market, market, source_employer=company)
        assert there is not None, rung.id
        back = tm.map_title(there.rung.title, market, market, target_employer=company)
        assert back is not None and back.company == company
        span = coded_span(lad)
        if not rung.codes and span is not None and span[0] <= there.level <= span[1]:
            # where a company publishes codes, a rung without one is no answer (test_companies.py):
            # the way back lands on a coded rung next to the market's answer
            assert back.rung.codes and abs(back.level - there.level) <= 1, (rung.id, back.company_title)
            continue
        assert abs(back.level - there.source.level) <= 1, (rung.id, there.title, back.company_title)


@pytest.mark.parametrize("company", COMPANIES)
def test_company_mapping_is_monotone(company: str) -> None:
    tm = TitleMap.default()
    market = tm.market_of(company)
    for other in ("us", "in"):
        mapped = [
            tm.map_title(r.title, market, other, source_employer=company) for r in tm.ladder(company).rungs
        ]
        for a, b in itertools.product(mapped, repeat=2):
            assert a is not None and b is not None
            if a.source.level > b.source.level:
                assert a.level >= b.level, (a.source.rung.id, a.title, b.source.rung.id, b.title)


def test_a_brand_sector_refusal_says_why() -> None:
    # read alone, refused at a pharma or consumer-goods employer: the reason names the brand
    # family and the employer, not "ambiguous"
    for sector in ("pharma", "consumer-goods"):
        why = titlemap.reason("Product Manager", "us", employer=titlemap.Employer(sector=sector))
        assert why is not None and why.code == "not-product" and why.family == BRAND_FAMILY
        assert f"a {sector} employer" in why.hint
    pharma, bank = Employer(sector="pharma"), Employer(sector="banking")
    assert titlemap.reason("Product Manager, Mobile App", "us", employer=pharma) is None
    assert titlemap.reason("Product Manager", "us", employer=bank) is None


@pytest.mark.parametrize(
    ("title", "stage", "level"),
    [
        ("Head of Product @ seed-stage startup", "early", 6),
        ("Head of Product @ Series A startup", "early", 6),
        ("Head of Product @ growth-stage company", "growth", 8),
    ],
)
def test_a_stage_written_in_the_employers_place_is_the_stage(title: str, stage: str, level: int) -> None:
    m = titlemap.normalize(title, "in")
    assert m is not None and m.level == level
    assert any(f"names the employer's stage, not its name: {stage}" in line for line in m.explanation)
    assert not any("Unknown company" in line for line in m.explanation)
    # a stage the employer already has wins over the one the title writes
    given = titlemap.normalize(title, "in", employer=Employer(stage="enterprise"))
    assert given is not None and given.level == 8


def test_stage_phrases_read_as_stages() -> None:
    from titlemap.employer import normalize_stage

    assert normalize_stage("Seed-stage startup") == "early"
    assert normalize_stage("a Series B company") == "growth"
    assert normalize_stage("Late stage") == "growth"
    assert normalize_stage("Acme Startup Studio") == "acme startup studio"  # not a stage


@pytest.mark.parametrize(
    ("title", "employer", "level", "code"),
    [
        ("Senior Product Manager", "Stripe", 3, "L3"),
        ("Sr. PM - Payments", "Stripe", 3, "L3"),
        ("Senior Product Manager", "Meta", 3, "IC5"),
        ("Staff Product Manager", "Meta", 5, "IC6"),
    ],
)
def test_a_seniority_word_narrows_a_title_the_company_gives_several_levels(
    title: str, employer: str, level: int, code: str
) -> None:
    m = titlemap.normalize(title, employer=employer)
    assert m is not None and m.title == "Product Manager"
    assert (m.level, m.level_range, m.company_level) == (level, (level, level), code)
    assert any(m.seniority in line and f"level {level}" in line for line in m.explanation)
    plain = titlemap.normalize("Product Manager", employer=employer)  # no word: the whole range
    assert plain is not None and plain.level_range[0] < level <= plain.level_range[1]


@pytest.mark.parametrize(
    ("title", "stage"),
    [
        ("Head of Product at a Series B startup", "growth"),
        ("Head of Product at an AI startup", "early"),
        ("Head of Product at a seed-stage startup", "early"),
        ("Head of Product at A Series A Fintech", "early"),
        ("Head of Product at a big tech company", "enterprise"),
    ],
)
def test_an_employer_described_after_at_a_gives_its_stage(title: str, stage: str) -> None:
    m = titlemap.normalize(title)
    staged = titlemap.normalize("Head of Product", employer=titlemap.Employer(stage=stage))
    assert m is not None and staged is not None and m.level == staged.level
    assert m.company is None and any("stage" in line and stage in line for line in m.explanation)


def test_a_described_employer_without_a_stage_is_not_an_unknown_company() -> None:
    m = titlemap.normalize("Senior PM at a Fortune 500 company")
    assert m is not None and m.title == "Senior Product Manager"
    assert any("describes the employer" in line for line in m.explanation)
    assert not any("nknown company" in line for line in m.explanation)
    named = titlemap.normalize("VP Product at A Cloud Guru")  # a name that starts with "A"
    assert named is not None and any("nknown company: A Cloud Guru" in line for line in named.explanation)
    assert titlemap.normalize("Head of Product at a public sector agency") is not None


@pytest.mark.parametrize(
    ("title", "expected", "level"),
    [
        # "at a ..." is an employer only to the title's end and ending with an organization's word
        ("Building payments at a Series B startup | Senior Product Manager", "Senior Product Manager", 3),
        ("Working at a startup as Product Manager", "Product Manager", 2),
        ("Currently at a Series B startup as Head of Product", "Head of Product", 8),
        ("Product at a Series B startup - Senior Product Manager", "Senior Product Manager", 3),
        ("Head of Product at an early stage", "Head of Product", 8),  # no employer: no stage
        ("Head of Product at a startup acquired by Google", "Head of Product", 8),
    ],
)
def test_at_a_that_is_not_an_employer_leaves_the_title(title: str, expected: str, level: int) -> None:
    m = titlemap.normalize(title)
    assert m is not None and (m.canonical_title, m.level) == (expected, level)


def test_a_finer_rank_a_company_lacks_reads_as_its_rung_or_in_the_market() -> None:
    stripe = titlemap.normalize("Senior Staff Product Manager", employer="Stripe")  # ends at Staff
    assert stripe is not None and (stripe.title, stripe.company_level) == ("Staff Product Manager", "L4")
    assert any("no 'Senior Staff Product Manager' rung" in line for line in stripe.explanation)
    meta = titlemap.normalize("Senior Staff Product Manager", employer="Meta")  # no Staff rung at all
    assert meta is not None and meta.level == 6 and meta.company_level is None
