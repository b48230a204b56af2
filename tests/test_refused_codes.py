"""A refused look-alike carries its family's occupation codes in every front door: the
``isco08`` ... ``nco2015`` columns of a normalize row refused as a project manager or a designer
are those of :attr:`Reason.occupation`, so refused rows join HR systems too."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import titlemap
from titlemap.columns import NORMALIZE_COLUMNS, match_values
from titlemap.records import Occupation

CODES = ("isco08", "esco_uri", "onet_soc", "uk_soc2020", "nco2015")
# A look-alike family with codes, another one, a title with no job at all (no codes) and a match.
TITLES = ("Project Manager", "Product Designer", "Chef", "Senior Product Manager")


def _expected(title: str) -> tuple[str | None, ...]:
    """The codes a row of ``title`` should carry: its match's, else its refusal's, else none."""
    tm = titlemap.TitleMap.default()
    match = tm.normalize(title, "us")
    codes = match.occupation if match is not None else tm.reason(title, "us").occupation  # type: ignore[union-attr]
    if codes is None:
        return (None,) * len(CODES)
    return tuple(getattr(codes, c) for c in CODES)


def test_the_titles_cover_refusals_with_and_without_codes() -> None:
    tm = titlemap.TitleMap.default()
    refused = [tm.reason(t, "us") for t in TITLES[:3]]
    assert all(r is not None and r.code == "not-product" for r in refused)
    assert [r.occupation is not None for r in refused if r is not None] == [True, True, False]
    assert _expected("Project Manager") != _expected("Product Designer")


def test_match_values_fill_the_codes_of_a_refusal() -> None:
    codes = Occupation(isco08="1219", onet_soc="13-1082.00")
    row = dict(zip(NORMALIZE_COLUMNS, match_values(None, "not-product: x", "a note", codes), strict=True))
    assert (row["isco08"], row["onet_soc"], row["esco_uri"]) == ("1219", "13-1082.00", None)
    assert (row["reason"], row["note"]) == ("not-product: x", "a note")
    assert row["title"] is None and row["level"] is None
    assert match_values(None, "blank") == (None,) * (len(NORMALIZE_COLUMNS) - 2) + ("blank", None)


def test_cli_file_rows_carry_the_codes(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "titles.csv"
    src.write_text("title\n" + "\n".join(TITLES) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run("normalize", "--input", str(src), "--output", str(out), "--quiet")[0] == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    for row in rows:
        got = tuple(row[c] or None for c in CODES)
        assert got == _expected(row["title"]), row["title"]


def test_cli_json_of_a_refused_title_carries_the_codes(run: Any) -> None:
    code, out, _ = run("normalize", "Project Manager", "Chef", "--json")
    assert code == 0
    project, chef = (json.loads(line) for line in out.splitlines())
    assert project["title"] is None and project["reason"].startswith("not-product")
    assert tuple(project["occupation"].get(c) for c in CODES) == _expected("Project Manager")
    assert chef["occupation"] is None


def test_pandas_rows_carry_the_codes() -> None:
    pd = pytest.importorskip("pandas")
    from titlemap.pandas import normalize_frame

    out = normalize_frame(pd.DataFrame({"job": list(TITLES)}), "job", "us")
    for _, row in out.iterrows():
        got = tuple(None if pd.isna(row[c]) else row[c] for c in CODES)
        assert got == _expected(row["job"]), row["job"]
