"""The markets: resolution by code, name, city and places as files write them; local-language
titles; look-alikes."""

from __future__ import annotations

import pytest

import titlemap
from titlemap import TitleMap, UnknownMarketError


def test_markets_are_the_market_files() -> None:
    from titlemap.compiled import bundled_yaml

    files = {n.rsplit("/", 1)[1].removesuffix(".yaml") for n, _ in bundled_yaml() if "/markets/" in n}
    assert set(titlemap.markets()) == files and len(files) >= 12


@pytest.mark.parametrize(
    ("place", "market"),
    [
        ("Bengaluru, Karnataka, India", "in"),
        ("Mumbai (Hybrid)", "in"),
        ("India (Remote)", "in"),
        ("Remote - India", "in"),
        ("London, UK", "gb"),
        ("London, England, United Kingdom", "gb"),
        ("New York, NY", "us"),
        ("Seattle, WA", "us"),
        ("Remote - US", "us"),
        ("Remote - Germany", "de"),
        ("Munich, Germany", "de"),
        ("Dubai, UAE", "ae"),
        ("Tokyo / Remote", "jp"),
        ("São Paulo, SP, Brasil", "br"),
        ("Florianópolis, Santa Catarina, Brasil", "br"),
        ("Bogotá, Colombia", "mx"),
    ],
)
def test_places_as_files_write_them(place: str, market: str) -> None:
    assert titlemap.ladder(place).id == market
    assert TitleMap.default().locate(place).note is None


@pytest.mark.parametrize(
    ("region", "market"), [("EMEA", "us"), ("NA", "us"), ("APAC", "sg"), ("GCC", "ae"), ("LATAM", "mx")]
)
def test_a_region_reads_with_its_documented_default_and_says_so(region: str, market: str) -> None:
    located = TitleMap.default().locate(region)
    assert located.market == market and f"'{region}' names a region" in str(located.note)
    assert titlemap.ladder(region).id == market


@pytest.mark.parametrize(
    ("place", "market"),
    [
        ("CA", "ca"),
        ("IN", "in"),
        ("de", "de"),
        ("Berlin", "de"),
        ("München", "de"),
        ("Munich", "de"),
        ("Zürich", "de"),
        ("Switzerland", "de"),
        ("Österreich", "de"),
        ("Deutschland", "de"),
        ("DACH", "de"),
        ("Tokyo", "jp"),
        ("日本", "jp"),
        ("Bengaluru", "in"),
        ("Bangalore", "in"),
        ("Gurugram", "in"),
        ("Mumbai", "in"),
        ("Pune", "in"),
        ("Hyderabad", "in"),
        ("London", "gb"),
        ("UK", "gb"),
        ("Amsterdam", "nl"),
        ("Nederland", "nl"),
        ("Paris", "fr"),
        ("Madrid", "es"),
        ("Mexico City", "mx"),
        ("LatAm", "mx"),
        ("Latin America", "mx"),
        ("São Paulo", "br"),
        ("Seoul", "kr"),
        ("Warszawa", "pl"),
        ("Milano", "it"),
        ("Gulf", "ae"),
        ("Saudi Arabia", "ae"),
        ("Qatar", "ae"),
        ("Riyadh", "ae"),
        ("Dubai", "ae"),
        ("Singapore", "sg"),
        ("Sydney", "au"),
        ("Melbourne", "au"),
        ("Toronto", "ca"),
        ("Vancouver", "ca"),
        ("San Francisco", "us"),
        ("New York", "us"),
    ],
)
def test_market_by_code_name_or_city(place: str, market: str) -> None:
    assert titlemap.ladder(place).id == market


def test_unknown_place_names_the_closest_markets() -> None:
    with pytest.raises(UnknownMarketError, match=r"closest: de") as err:
        titlemap.ladder("Germny")
    assert err.value.market == "Germny"


def test_a_loaded_ladders_own_id_wins_over_another_ladders_alias(tmp_path, fixtures) -> None:  # type: ignore[no-untyped-def]
    text = (fixtures / "tiny.yaml").read_text(encoding="utf-8").replace("id: xx", "id: uk", 1)
    path = tmp_path / "uk.yaml"
    path.write_text(text, encoding="utf-8")
    tm = TitleMap.from_paths([path])
    assert tm.ladder("uk").id == "uk" and tm.ladder("United Kingdom").id == "gb"


LOCAL_FORMS = [
    ("de", "Produktmanager (m/w/d)", "Product Manager"),
    ("de", "Senior Produktmanagerin (w/m/d)", "Senior Product Manager"),
    ("de", "Junior Produktmanager", "Associate Product Manager"),
    ("de", "Leiter Produktmanagement", "Head of Product"),
    ("de", "Werkstudent Produktmanagement (m/w/d)", "Product Management Intern"),
    ("de", "Produktverantwortlicher", "Product Owner"),
    ("fr", "Chef de Produit Digital H/F", "Product Manager"),
    ("fr", "Stage - Product Owner (H/F)", "Product Management Intern"),
    ("fr", "Alternance Product Manager", "Product Management Intern"),
    ("fr", "Sénior Product Manager", "Senior Product Manager"),
    ("es", "Gerente de Producto", "Product Manager"),
    ("es", "Jefa de Producto Digital", "Product Manager"),
    ("es", "Dueño de Producto", "Product Owner"),
    ("es", "Becario Product Manager", "Product Management Intern"),
    ("nl", "Productmanager", "Product Manager"),
    ("nl", "Medior Product Owner", "Product Owner"),
    ("nl", "Stagiair Productmanagement", "Product Management Intern"),
    ("jp", "プロダクトマネージャー", "Product Manager"),
    ("jp", "シニアプロダクトマネージャー（決済）", "Senior Product Manager"),
    ("jp", "PdM", "Product Manager"),
    ("jp", "ＰｄＭ（ＳａａＳ）", "Product Manager"),
    ("jp", "プロダクトオーナー", "Product Owner"),
    ("ae", "مدير المنتج", "Product Manager"),
]


@pytest.mark.parametrize(("market", "title", "expected"), LOCAL_FORMS)
def test_local_language_titles(market: str, title: str, expected: str) -> None:
    m = titlemap.normalize(title, market)
    assert m is not None and m.title == expected, m


@pytest.mark.parametrize(
    ("market", "title"),
    [
        ("de", "Produktionsleiter (m/w/d)"),
        ("de", "Projektmanager (m/w/d)"),
        ("de", "Projektleiter IT"),
        ("fr", "Chef de projet (H/F)"),
        ("fr", "Chef de Produit Marketing H/F"),
        ("es", "Jefe de Proyecto"),
        ("jp", "プロジェクトマネージャー"),
        ("jp", "PM"),
        ("jp", "PM（新規事業）"),
    ],
)
def test_local_look_alikes_are_refused(market: str, title: str) -> None:
    assert titlemap.normalize(title, market) is None


def _local_aliases() -> list[tuple[str, str, str]]:
    out = []
    for market in titlemap.markets():
        lad = titlemap.ladder(market)
        for rung in lad.rungs:
            for name in (rung.local_title, *rung.aliases):
                if name and not name.isascii():
                    out.append((market, rung.id, name))
    return out


@pytest.mark.parametrize(("market", "rung_id", "alias"), _local_aliases())
def test_local_aliases_read_as_the_same_rung_as_their_english_form(
    market: str, rung_id: str, alias: str
) -> None:
    lad = titlemap.ladder(market)
    local = titlemap.normalize(alias, market)
    english = titlemap.normalize(lad.rung(rung_id).title, market)
    assert local is not None and english is not None
    assert lad.canonical_id(local.rung) == lad.canonical_id(english.rung)


def test_every_market_title_and_alias_reads_as_its_rung() -> None:
    for market in titlemap.markets():
        lad = titlemap.ladder(market)
        for rung in lad.rungs:
            for name in (rung.title, *rung.aliases, *([rung.local_title] if rung.local_title else [])):
                if name in lad.not_product_abbreviations:  # "PM" in Japan is a project manager
                    continue
                m = titlemap.normalize(name, market)
                assert m is not None, (market, name)
                assert lad.canonical_id(m.rung) == lad.canonical_id(rung), (market, name, m.rung.id)
