"""The public API: names, markets, ladder lookup, TitleMap construction, graphs."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

import titlemap
from titlemap import TitleMap, UnknownMarketError, UnknownRungError

REQUIRED_BOTH = [
    "Associate Product Manager",
    "Product Manager",
    "Senior Product Manager",
    "Lead Product Manager",
    "Principal Product Manager",
    "Group Product Manager",
    "Director of Product",
    "Head of Product",
    "Vice President of Product",
    "Chief Product Officer",
    "Associate Product Owner",
    "Product Owner",
    "Senior Product Owner",
]
REQUIRED_ANY = [
    "Product Management Intern",
    "Staff Product Manager",
    "Associate Director of Product",
    "Senior Director of Product",
    "Associate Vice President of Product",
    "Senior Vice President of Product",
]


def test_all_names_exported() -> None:
    for name in titlemap.__all__:
        assert hasattr(titlemap, name), name


def test_markets() -> None:
    markets = titlemap.markets()
    assert {"in", "us", "de", "jp"} <= set(markets) and markets == sorted(markets)
    assert not set(markets) & set(titlemap.companies())


@pytest.mark.parametrize("name", ["in", "IN", "India", "india", " India "])
def test_ladder_lookup_by_id_code_or_country(name: str) -> None:
    assert titlemap.ladder(name).id == "in"


def test_unknown_market_lists_known() -> None:
    with pytest.raises(UnknownMarketError) as err:
        titlemap.ladder("atlantis")
    assert "in" in str(err.value) and "us" in str(err.value)
    assert isinstance(err.value, LookupError)


def test_required_canonical_titles(market: str) -> None:
    titles = {r.title for r in titlemap.ladder(market).rungs}
    for t in REQUIRED_BOTH:
        assert t in titles, (market, t)


def test_required_titles_somewhere() -> None:
    titles = {r.title for m in titlemap.markets() for r in titlemap.ladder(m).rungs}
    for t in REQUIRED_ANY:
        assert t in titles


def test_rungs_ordered_bottom_to_top(market: str) -> None:
    levels = [r.level for r in titlemap.ladder(market).rungs]
    assert levels == sorted(levels)
    assert titlemap.ladder(market).rungs[0].title == "Product Management Intern"
    assert titlemap.ladder(market).rungs[-1].title == "Chief Product Officer"


def test_rung_lookup_by_alias_and_error() -> None:
    lad = titlemap.ladder("us")
    assert lad.rung("gpm").title == "Group Product Manager"
    assert lad.rung("senior-product-manager").title == "Senior Product Manager"
    assert "Sr PM" in lad
    with pytest.raises(UnknownRungError, match="not a rung"):
        lad.rung("Astronaut")


def test_models_are_immutable() -> None:
    rung = titlemap.ladder("us").rungs[0]
    with pytest.raises(AttributeError):
        rung.level = 5  # type: ignore[misc]
    m = titlemap.normalize("Product Manager")
    assert m is not None
    with pytest.raises(AttributeError):
        m.level = 3  # type: ignore[misc]


def test_ladder_graph(market: str) -> None:
    lad = titlemap.ladder(market)
    g = lad.graph
    assert set(g.nodes) == {r.id for r in lad.rungs}
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert kinds == {"promotion", "lateral"}
    assert g.nodes["product-manager"]["title"] == "Product Manager"
    assert g.has_edge("product-owner", "product-manager") and g.has_edge("product-manager", "product-owner")
    with pytest.raises(Exception):  # noqa: B017 - networkx.freeze raises NetworkXError
        g.add_node("x")


def test_titlemap_graph_has_equivalences() -> None:
    g = TitleMap.default().graph
    assert g.has_node("in:product-manager") and g.has_node("us:product-owner")
    edge = g.edges["us:product-owner", "in:product-manager"]
    assert edge["kind"] == "equivalent" and edge["rationale"] and edge["source"] == "seed"


def test_networkx_not_imported_until_graph_is_asked() -> None:
    code = (
        "import sys, titlemap; titlemap.normalize('Sr PM'); titlemap.map_title('PO','us','in');"
        "assert 'networkx' not in sys.modules; titlemap.ladder('us').graph;"
        "assert 'networkx' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_default_is_shared_and_pickles() -> None:
    tm = TitleMap.default()
    assert TitleMap.default() is tm
    assert pickle.loads(pickle.dumps(tm)) is tm
    m = tm.normalize("Senior PM", "in")
    m2 = pickle.loads(pickle.dumps(m))
    assert m2 == m


def test_from_paths_extends_and_pickles(fixtures) -> None:  # type: ignore[no-untyped-def]
    tm = TitleMap.from_paths([fixtures / "acme.yaml"])
    acme = tm.ladder("acme")
    assert acme.extends == "us"
    assert acme.rung("PM3").id == "product-manager"
    assert acme.rung("Product Lead III").level == 4
    assert "Associate Vice President of Product" not in acme
    assert [r.id for r in acme.promotions("Senior Product Manager")][-1] == "product-lead"
    assert tm.normalize("PM3", "acme").title == "Product Manager"  # type: ignore[union-attr]
    assert tm.markets() == sorted(["acme", *titlemap.markets()])
    again = pickle.loads(pickle.dumps(tm))
    assert again.ladder("acme").rung("PL3").title == "Product Lead III"


def test_from_paths_rejects_single_string(fixtures) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match="list of file paths"):
        TitleMap.from_paths(str(fixtures / "acme.yaml"))


def test_new_market_with_crosswalk(fixtures) -> None:  # type: ignore[no-untyped-def]
    tm = TitleMap.from_paths([fixtures / "tiny.yaml", fixtures / "tiny-crosswalk.yaml"])
    assert tm.ladder("Testland").id == "xx"
    m = tm.map_title("PM", "xx", "us")
    assert m is not None and m.title == "Senior Product Manager" and m.rule == "xx-pm-is-us-senior-pm"
    # a ladder without the concept's rung answers with its nearest rung, less sure
    near = tm.normalize("Senior Product Manager", "xx")
    assert near is not None and near.title == "Product Manager" and near.confidence < 0.95
