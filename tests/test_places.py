"""Places as people write them: read from the market files' headers, with no place list in Python."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import titlemap
from titlemap import TitleMap
from titlemap.places import WORK_MODES

TM = TitleMap.default()
HEADERS = [ladder for ladder in TM.ladders() if ladder.id in TM.markets()]


@pytest.mark.parametrize(
    ("place", "market"),
    [
        ("São Paulo", "br"),
        ("Sao Paulo", "br"),
        ("Seoul", "kr"),
        ("Bengaluru, Karnataka, India", "in"),
        ("Remote - Germany", "de"),
        ("London, UK", "gb"),
        ("New York, NY", "us"),
        ("Mumbai (Hybrid)", "in"),
        ("India (Remote)", "in"),
        ("Cambridge, MA", "us"),
        ("Berlin, DE", "de"),
        ("Wilmington, DE", "us"),
        ("Boise, ID", "us"),
        ("Toronto, ON, Canada", "ca"),
        ("Perth, Scotland", "gb"),
        ("Pune, Maharashtra", "in"),
        ("Edinburgh, Scotland", "gb"),
        ("München, Bayern", "de"),
    ],
)
def test_places_as_recruiters_write_them(place: str, market: str) -> None:
    assert titlemap.ladder(place).id == market
    assert TM.locate(place).market == market


def test_perth_wa_is_australia_when_australia_lists_perth() -> None:
    au_lists_perth = "Perth" in TM.ladder("au").cities
    expected = "au" if au_lists_perth else "us"
    assert TM.locate("Perth, WA").market == expected
    if au_lists_perth:
        assert TM.locate("Perth, WA").note is None  # the city decided: no other reading to mention


def test_a_shared_state_code_names_the_other_reading() -> None:
    found = TM.locate("Bellevue, WA")
    assert found.market == "us"
    assert found.note == "'WA' read as Washington (us); also Western Australia (au)"


@pytest.mark.parametrize(
    ("place", "market"),
    [
        ("Paris 75008", "fr"),
        ("Seattle, WA 98101", "us"),
        ("São Paulo, SP 01310-100", "br"),
        ("London EC1A 1BB", "gb"),
        ("Toronto, ON M5V 3L9", "ca"),
        ("Bengaluru, Karnataka 560001, India", "in"),
    ],
)
def test_postal_codes_are_set_aside(place: str, market: str) -> None:
    assert TM.locate(place).market == market


def test_a_city_state_code_without_its_comma() -> None:
    assert TM.locate("Sydney NSW 2000").market == "au"
    assert TM.find_place("Nowhere NSW") is None  # the code follows a place, or it is not read


@pytest.mark.parametrize("region", ["EMEA", "APAC", "NA", "LATAM"])
def test_regions_are_read_with_their_default_ladder_and_say_so(region: str) -> None:
    owners = [ladder.id for ladder in HEADERS if region.casefold() in map(str.casefold, ladder.regions)]
    assert owners, f"no market file lists the region {region}"
    found = TM.locate(region)
    assert found.market == owners[0]
    assert found.note == f"{region!r} names a region, read with the {owners[0]!r} ladder (its default)"
    assert TM.locate(f"Remote - {region}").market == owners[0]


def test_every_subdivision_of_a_city_state_market_reads_as_the_market() -> None:
    marked = [ladder for ladder in HEADERS if ladder.city_code_priority is not None]
    assert marked, "no market writes addresses 'City, ST'"
    for ladder in marked:
        assert ladder.subdivisions and ladder.subdivisions_source in {s.id for s in ladder.sources}
        country = ladder.country_names[0]
        for code, name in ladder.subdivisions:
            # alone a name may be another market's city (Victoria, BC); with the country it is not
            assert TM.locate(f"{name}, {country}").market == ladder.id, name
            # a capital the market lists, then the code: the market (the city agrees with the code)
            city = ladder.cities[0]
            assert TM.locate(f"{city}, {code}").market == ladder.id, (city, code)


def test_every_market_city_and_country_name_reads_as_its_market() -> None:
    for ladder in HEADERS:
        for name in (*ladder.country_names, *ladder.cities):
            found = TM.find_place(name)
            assert found is not None, name
            # a name two markets list goes to the first; it still names the market
            listed = [o.id for o in HEADERS if name in o.country_names or name in o.cities]
            assert found.market in listed, (name, found)


def test_subdivisions_are_cited_and_distinct() -> None:
    for ladder in HEADERS:
        if not ladder.subdivisions:
            continue
        codes = [code for code, _ in ladder.subdivisions]
        assert len(set(codes)) == len(codes), ladder.id
        source = next(s for s in ladder.sources if s.id == ladder.subdivisions_source)
        assert source.note and source.grade in {"A", "B"}, (ladder.id, source.id)


# -- any place cell wrapped in work-mode words or brackets reads the same ------------------------

_PLACES = sorted({name for ladder in HEADERS for name in (*ladder.country_names, *ladder.cities)})
_WRAPS = [
    "{} (Remote)",
    "{} (Hybrid)",
    "Remote - {}",
    "Hybrid - {}",
    "[{}]",
    "({})",
    "{} | Remote",
    "{} / On-site",
    "Remote, {}",
    "{} - WFH",
    "Fully Remote ({})",
    "{} (Remote first)",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_PLACES), st.lists(st.sampled_from(_WRAPS), min_size=1, max_size=2))
def test_work_modes_and_brackets_do_not_change_a_place(place: str, wraps: list[str]) -> None:
    bare = TM.find_place(place)
    assert bare is not None
    cell = place
    for wrap in wraps:
        cell = wrap.format(cell)
    assert TM.find_place(cell) == bare, cell


def test_work_mode_words_are_no_place() -> None:
    for word in WORK_MODES:
        if TM.find_place(word) is not None:  # "IN" and "ON" are codes, read as themselves
            assert word in {key for ladder in HEADERS for key in (ladder.id, *ladder.countries)}
    assert TM.find_place("Remote") is None and TM.find_place("Hybrid (Remote)") is None


# -- a new market's places are data alone ---------------------------------------------------------

RURITANIA = """\
schema_version: 1
id: rt
name: Ruritania
extends: us
countries: [RT]
country_names: [Ruritania]
cities: [Strelsau, Zenda]
subdivisions: {ST: Strelsau Land, ZE: Zendamark, WA: Waldmark}
subdivisions_source: rt-atlas
city_code_priority: 9
description: A test market that writes its addresses "City, ST".
sources:
  - id: rt-atlas
    title: A test atlas
    url: https://example.com/ruritania-atlas
    grade: A
    note: Lists Ruritania's three provinces and their codes.
rungs:
  - id: product-manager
    sources: [rt-atlas]
"""


def test_a_new_market_places_are_data_alone(tmp_path: Path) -> None:
    (tmp_path / "rt.yaml").write_text(RURITANIA, encoding="utf-8")
    tm = TitleMap.from_paths([tmp_path / "rt.yaml"])
    assert tm.ladder("Zenda").id == "rt"
    assert tm.locate("Hofdorf, Zendamark, Ruritania").market == "rt"  # a subdivision name
    assert tm.locate("Hofdorf, ZE").market == "rt"  # its code after a comma
    assert tm.locate("Hofdorf, ZE 1234").market == "rt"  # with a postal code
    assert tm.locate("Zenda ZE").market == "rt"  # without the comma, after a place
    assert tm.places.subdivisions("rt")["ZE"] == "Zendamark"
    # a code the new market shares goes to the lower priority, naming the other reading
    found = tm.locate("Hofdorf, WA")
    assert found.market == "us" and found.note is not None and "Waldmark (rt)" in found.note
    assert tm.locate("Strelsau, WA").market == "rt"  # the city decides
    # the bundled map does not know it
    assert TM.find_place("Hofdorf, ZE") is None


def test_subdivisions_need_their_source(tmp_path: Path) -> None:
    uncited = RURITANIA.replace("subdivisions_source: rt-atlas\n", "")
    (tmp_path / "rt.yaml").write_text(uncited, encoding="utf-8")
    with pytest.raises(titlemap.LadderError, match="subdivisions_source"):
        TitleMap.from_paths([tmp_path / "rt.yaml"])
    (tmp_path / "rt.yaml").write_text(
        RURITANIA.replace("subdivisions_source: rt-atlas", "subdivisions_source: atlas"), encoding="utf-8"
    )
    with pytest.raises(titlemap.LadderError, match="unknown source 'atlas'"):
        TitleMap.from_paths([tmp_path / "rt.yaml"])
