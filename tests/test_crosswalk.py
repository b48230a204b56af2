"""Crosswalk: rules indexed by source rung, looked up through extends chains; registry lookups."""

from __future__ import annotations

import pickle

import pytest

import titlemap
from titlemap import TitleMap, UnknownMarketError
from titlemap.crosswalk import Crosswalk, split_ref


def test_split_ref() -> None:
    assert split_ref("in:product-manager") == ("in", "product-manager")


def test_rules_between_look_through_extends(fixtures) -> None:  # type: ignore[no-untyped-def]
    tm = TitleMap.from_paths([fixtures / "acme.yaml"])
    cw = tm.crosswalk
    assert isinstance(cw, Crosswalk) and tm.crosswalk is cw  # built once
    assert cw.chain("acme") == ("acme", "us")
    acme, india = tm.ladder("acme"), tm.ladder("in")
    # acme has no rules of its own: the us rules for Product Owner apply to it
    ids = {r.id for r in cw.rules_between("product-owner", acme, india)}
    assert "us-po-is-in-pm" in ids
    assert cw.rules_between("product-owner", india, acme) == []
    assert cw.source("seed") is not None and cw.source("no-such-source") is None


def test_crosswalk_sources_resolve_in_explanations() -> None:
    m = titlemap.map_title("Product Owner", "us", "in", titlemap.Profile(years=1))
    assert m is not None and m.rule == "us-junior-po-is-in-apm"  # cites a source the crosswalk declares
    cited = [s for s in m.explanation if s.startswith(f"Rule {m.rule}")]
    assert cited and "<http" in cited[0]  # the crosswalk file's own source, with its address


def test_own_id_wins_over_another_ladders_alias(tmp_path, fixtures) -> None:  # type: ignore[no-untyped-def]
    text = (fixtures / "tiny.yaml").read_text(encoding="utf-8").replace("id: xx", "id: usa", 1)
    path = tmp_path / "usa.yaml"
    path.write_text(text, encoding="utf-8")
    tm = TitleMap.from_paths([path])
    assert tm.ladder("usa").id == "usa"  # not the bundled us ladder, whose country names include USA
    assert tm.ladder("United States").id == "us"


def test_job_family_is_not_a_market_to_map() -> None:
    with pytest.raises(UnknownMarketError, match="job family"):
        titlemap.map_title("Senior Software Engineer", "engineering", "us")
    with pytest.raises(UnknownMarketError, match="job family"):
        titlemap.map_title("Staff PM", "us", "engineering")


def test_profile_must_be_a_profile() -> None:
    with pytest.raises(TypeError, match=r"titlemap\.Profile"):
        titlemap.map_title("PM", "us", "in", {"years": 5})  # type: ignore[arg-type]


def test_user_map_pickles_with_its_data(fixtures, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A worker in another folder, where the files do not exist, gets the same ladders."""
    path = tmp_path / "acme.yaml"
    path.write_bytes((fixtures / "acme.yaml").read_bytes())
    tm = TitleMap.from_paths(iter([path]))  # a generator of paths works too
    blob = pickle.dumps(tm)
    path.unlink()
    monkeypatch.chdir("/")
    again = pickle.loads(blob)
    assert again.markets() == sorted(["acme", *titlemap.markets()])
    assert again.ladder("acme").rung("PL3").title == "Product Lead III"
    assert again.map_title("Product Owner", "acme", "in").title == "Product Manager"  # type: ignore[union-attr]
