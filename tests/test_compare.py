"""Ladders side by side: ``TitleMap.comparison``, ``titlemap.compare`` and ``titlemap compare``."""

from __future__ import annotations

import json

import pytest

import titlemap
from titlemap import TitleMap, cli
from titlemap.comparison import COMPARED_FIELDS


def _rows(a: str, b: str) -> dict[str, dict[str, object]]:
    return {r["rung"]: r for r in TitleMap.default().comparison(a, b).rows}


def test_a_ladder_does_not_differ_from_itself() -> None:
    found = TitleMap.default().comparison("in", "in")
    assert found.rows and not found.differences()


def test_india_and_us_differ_where_the_sources_say() -> None:
    rows = _rows("in", "us")
    pm = rows["product-manager"]
    assert pm["a_manages_people"] is False and pm["b_manages_people"] is None
    assert "manages_people" in str(pm["what"])
    assert "us-po-is-in-pm" in str(rows["product-owner"]["rules"])
    assert rows["product-owner"]["differs"]


def test_rows_follow_the_spine_and_carry_every_field() -> None:
    found = TitleMap.default().comparison("us", "gb")
    levels = [min(x for x in (r["a_level"], r["b_level"]) if x is not None) for r in found.rows]
    assert levels == sorted(levels)
    for row in found.rows:
        for field in COMPARED_FIELDS:
            assert f"a_{field}" in row and f"b_{field}" in row


def test_a_company_name_for_a_canonical_rung_shares_its_row() -> None:
    rows = _rows("in", "razorpay")
    assert "associate-director-product" not in rows  # Razorpay's own id for the canonical rung
    ad = rows["associate-director-of-product"]
    assert ad["b_local_title"] == "Associate Director, Product Management"
    assert ad["a_local_title"] is None and "local_title" in str(ad["what"])


def test_company_levels_with_one_title_get_rows_of_their_own() -> None:
    rows = _rows("us", "meta")
    ic = [r for r in rows.values() if r["b_title"] == "Product Manager"]
    assert len(ic) >= 3 and {r["b_codes"] for r in ic} >= {"IC5", "IC6"}
    assert all(r["what"] == "only in meta" for r in ic if r["a_title"] is None)


def test_local_language_titles_are_compared() -> None:
    rows = _rows("us", "jp")
    assert rows["product-manager"]["b_local_title"] == "プロダクトマネージャー"
    assert rows["product-manager"]["a_local_title"] is None


def test_compare_as_dataframe() -> None:
    pytest.importorskip("pandas")
    df = titlemap.compare("India", "US")
    assert df.attrs["a"] == "in" and df.attrs["b"] == "us"
    assert "us-po-is-in-pm" in df.attrs["rules"]
    assert list(df.columns[:2]) == ["rung", "a_title"] and df["differs"].dtype == bool


def test_unknown_ladder_names_the_closest() -> None:
    with pytest.raises(titlemap.UnknownMarketError, match="closest"):
        TitleMap.default().comparison("in", "Indai")


def test_cli_compare_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["compare", "in", "us"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Indian product startups (in)  vs  US")
    assert "Rules between them" in out and "us-po-is-in-pm" in out
    assert cli.main(["compare", "us", "us"]) == 0
    assert "no differences" in capsys.readouterr().out
    assert cli.main(["compare", "in", "us", "--all", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["a"] == "in" and len(data["rungs"]) == len(TitleMap.default().comparison("in", "us").rows)
    assert any(rule["id"] == "us-po-is-in-pm" for rule in data["rules"])


def test_cli_compare_unknown_market_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["compare", "in", "atlantis"]) != 0
    err = capsys.readouterr().err
    assert "atlantis" in err and "Traceback" not in err and len(err.strip().splitlines()) <= 2


def test_cli_tables_align_wide_characters(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["compare", "us", "jp"]) == 0
    lines = capsys.readouterr().out.splitlines()
    table = [line for line in lines[1:] if line and not line.startswith(" ")]
    # the DIFFERS IN column starts at the same terminal column on every row
    starts = {cli._width(line[: line.index("local_title")]) for line in table if "local_title" in line}
    assert len(starts) == 1 and cli._width("プロ") == 4
