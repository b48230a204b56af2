"""Companies on one level scale: the cross-company level table, its equivalences, and mapping
into a company (issue 16, items 1 and 2).

Companies and markets are iterated from the registry; only the equivalences that public
level-comparison sources agree on name companies.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import titlemap
from titlemap.cli import main
from titlemap.level_table import LevelEntry, groups
from titlemap.mapping import coded_span
from titlemap.views import company_rungs

ROOT = Path(__file__).resolve().parent.parent
TM = titlemap.TitleMap.default()
COMPANIES = TM.companies()

# -- equivalences that public level-comparison sources agree on -----------------------------------

#: (company, code) groups that sit on one level: Amazon L6 ~ Google L5; Google L6 ~ Meta IC6 ~
#: Atlassian P60; Google L7 ~ Amazon L7 ~ Meta IC7; Microsoft 63-64 ~ Google L5.
EQUIVALENT: tuple[tuple[tuple[str, str], ...], ...] = (
    (("amazon", "L6"), ("google", "L5")),
    (("google", "L6"), ("meta", "IC6"), ("atlassian", "P60")),
    (("google", "L7"), ("amazon", "L7"), ("meta", "IC7")),
    (("microsoft", "63"), ("microsoft", "64"), ("google", "L5")),
)
PAIRS = [(a, b) for group in EQUIVALENT for a in group for b in group if a != b]


def _entries(company: str, code: str) -> list[LevelEntry]:
    found = [e for e in titlemap.levels(company).entries() if code in e.codes]
    assert found, f"{company} has no rung with code {code}"
    return found


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x[0] <= y[1] and y[0] <= x[1]


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=lambda p: f"{p[0]}:{p[1]}")
def test_equivalent_codes_share_a_level_or_a_range(a: tuple[str, str], b: tuple[str, str]) -> None:
    """Every rung carrying one code sits on the level of, or overlaps the range of, a rung
    carrying the other."""
    theirs = _entries(*b)
    for mine in _entries(*a):
        assert any(
            mine.level == other.level or _overlap(mine.level_range, other.level_range) for other in theirs
        ), (a, mine.level, mine.level_range, b, [(o.level, o.level_range) for o in theirs])


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=lambda p: f"{p[0]}:{p[1]}")
def test_a_code_maps_to_its_equivalent(a: tuple[str, str], b: tuple[str, str]) -> None:
    """A title with one company's code, mapped into the other company, lands on its equivalent
    code, whichever track the rung is on (a company's codes are one scale across tracks)."""
    if a[0] == b[0]:
        return  # the same company: nothing to map
    for rung in TM.ladder(a[0]).by_code(a[1]):
        title = f"{rung.title} ({a[1]})"
        m = TM.map_title(title, "us", "us", source_employer=a[0], target_employer=b[0])
        assert m is not None and m.source.rung.id == rung.id, title
        assert b[1] in m.rung.codes, (title, b, m.title, m.company_level)


# -- monotone codes ---------------------------------------------------------------------------------

#: Corporate ranks in order (banks): a rank of a later tier never sits lower. SVP, Director and
#: Executive Director share a tier: banks order them differently.
RANKS = {"analyst": 0, "associate": 1, "avp": 2, "vp": 3, "svp": 4, "director": 4, "ed": 4, "md": 5}
#: Code families numbered from the top down: HSBC's global career bands (GCB2 above GCB6).
COUNTED_DOWN = {"GCB"}
_NUMBERED = re.compile(r"([A-Za-z]*?)(\d+)([A-Za-z]?)")


def _family(code: str) -> tuple[str, tuple[int, str]] | None:
    """(family, order within it) of a code; None when the code fits no known pattern."""
    if code.casefold() in RANKS:
        return "rank", (RANKS[code.casefold()], "")
    m = _NUMBERED.fullmatch(code)
    if m is None:
        return None
    prefix, number, suffix = m.group(1).upper(), int(m.group(2)), m.group(3).lower()
    return prefix, ((-number if prefix in COUNTED_DOWN else number), suffix)


@pytest.mark.parametrize("company", COMPANIES)
def test_codes_are_monotone_on_the_spine(company: str) -> None:
    """Within each family of a company's codes, a higher code never sits lower on the spine."""
    placed: dict[str, list[tuple[tuple[int, str], int, str]]] = {}
    for rung in TM.ladder(company).rungs:
        for code in rung.codes:
            found = _family(code)
            assert found is not None, f"{company}: code {code!r} fits no known pattern; teach _family"
            placed.setdefault(found[0], []).append((found[1], rung.level, code))
    for items in placed.values():
        for order, level, code in items:
            for other_order, other_level, other in items:
                if order < other_order:
                    assert level <= other_level, (company, code, level, other, other_level)


def test_counted_down_families_exist_in_the_data() -> None:
    """The top-down exception is still needed: some company numbers a family that way."""
    codes = {c for lad in map(TM.ladder, COMPANIES) for r in lad.rungs for c in r.codes}
    assert all(any(c.upper().startswith(p) for c in codes) for p in COUNTED_DOWN)


# -- the level table --------------------------------------------------------------------------------


def test_the_table_holds_every_company_rung_once_at_its_level() -> None:
    table = titlemap.levels()
    assert table.companies == tuple(COMPANIES)
    for company in COMPANIES:
        lad = TM.ladder(company)
        entries = table.entries(company)
        assert sorted(e.rung for e in entries) == sorted(r.id for r in company_rungs(lad, TM))
        for e in entries:
            rung = lad.rung(e.rung)
            assert e in table[rung.level][company]
            assert (e.title, e.level, e.track) == (rung.title, rung.level, rung.track)
            assert e.grade == lad.evidence(rung)
            assert set(e.codes) == set(rung.codes) and e.label().endswith(f"({e.evidence})")
    assert [r.level for r in table] == sorted({e.level for e in table.entries()})


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(COMPANIES), min_size=1, max_size=5, unique=True))
def test_a_filtered_table_is_the_full_table_restricted(picked: list[str]) -> None:
    table = titlemap.levels(*picked)
    assert table.companies == tuple(picked)
    full = titlemap.levels()
    assert set(table.entries()) == {e for e in full.entries() if e.company in picked}
    assert table == full.select(*picked)
    assert all(row.cells and any(row.cells) for row in table)  # no empty level rows


def test_companies_are_found_by_name_and_unknown_ones_refused() -> None:
    assert titlemap.levels("Google", "Amazon.com").companies == ("google", "amazon")
    with pytest.raises(titlemap.UnknownMarketError, match="unknown company 'Nowhere Inc'; known companies"):
        titlemap.levels("Nowhere Inc")


def test_the_table_is_immutable_and_exports_plain_data() -> None:
    table = titlemap.levels("meta", "citi")
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.companies = ()  # type: ignore[misc]
    rows = table.to_rows()
    assert rows == [e.to_dict() for e in table.entries()]
    assert json.loads(json.dumps(table.to_dict()))["companies"] == ["meta", "citi"]
    assert {r["evidence"] for r in rows} <= {"A", "B", "C", "convention", "ungraded"}
    assert "LevelTable(2 companies" in repr(table) and "IC6 Product Manager (C)" in repr(table)
    assert "print(table.text())" in repr(titlemap.levels())  # too wide to draw: summarized
    html = table._repr_html_()
    assert html.startswith("<table>") and "IC6 Product Manager (C)" in html
    with pytest.raises(KeyError, match="no company 'google'"):
        table[5]["google"]


def test_frame_needs_pandas_only_when_called(monkeypatch: pytest.MonkeyPatch) -> None:
    table = titlemap.levels("google")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="to_rows"):
        table.frame()


def test_frame_with_pandas() -> None:
    pytest.importorskip("pandas")
    frame = titlemap.levels("google", "meta").frame()
    assert list(frame.columns) == ["name", "google", "meta"] and frame.index.name == "level"
    assert frame.loc[5, "meta"] == "IC6 Product Manager (C)"


def test_groups_hold_every_company_once_in_readable_tables() -> None:
    found = groups(TM)
    ids = [c for _, cs in found for c in cs]
    assert sorted(ids) == sorted(COMPANIES) and len(ids) == len(set(ids))
    assert all(0 < len(cs) <= 6 for _, cs in found)
    assert len({h for h, _ in found}) == len(found)  # headings tell tables apart


def test_docs_companies_md_is_the_generated_table() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import gen_yaml_reference as gen
    finally:
        sys.path.remove(str(ROOT / "tools"))
    text = (ROOT / "docs" / "companies.md").read_text(encoding="utf-8")
    assert gen.current_block(text, "level-tables") == gen.render_level_tables(), (
        "docs/companies.md is stale; run: python tools/regenerate.py"
    )
    for company in COMPANIES:
        assert f"| `{company}` |" in text or f" `{company}` |" in text


# -- mapping into a company -------------------------------------------------------------------------


def _every_mapping_into_companies() -> list[tuple[str, str, Any]]:
    out = []
    for company in COMPANIES:
        lad = TM.ladder(company)
        for market in TM.markets():
            for rung in TM.ladder(market).rungs:
                m = TM.map_title(rung.title, market, lad.extends or market, target_employer=company)
                if m is not None:
                    out.append((company, f"{market}:{rung.id}", m))
    return out


MAPPINGS = _every_mapping_into_companies()


def test_every_source_rung_of_every_market_maps_into_every_company() -> None:
    assert {c for c, _, _ in MAPPINGS} == set(COMPANIES)
    assert len(MAPPINGS) >= len(COMPANIES) * sum(len(TM.ladder(m).rungs) for m in TM.markets()) * 0.95


@pytest.mark.parametrize("company", COMPANIES)
def test_answers_into_a_company_are_its_rungs_with_its_codes(company: str) -> None:
    """Every answer names a rung the company has; where the company publishes codes around the
    person's level, the answer carries one."""
    lad = TM.ladder(company)
    own = {r.id for r in company_rungs(lad, TM)}
    span = coded_span(lad)
    for _, source, m in (x for x in MAPPINGS if x[0] == company):
        assert m.company == company and m.rung.id in own, (source, m.title)
        assert m.company_title == m.title == lad.rung(m.rung.id).title
        assert all(a.rung.id in own for a in m.alternatives), source
        if span is not None and span[0] <= m.source.level <= span[1]:
            assert m.company_level, (source, m.title, "no code within", span)
        if m.rung.codes:
            assert m.company_level is not None and m.company_level.split("-")[0] == m.rung.codes[0]


@pytest.mark.parametrize("company", COMPANIES)
def test_between_two_rungs_the_nearer_answers_and_the_other_comes_first(company: str) -> None:
    lad = TM.ladder(company)
    for _, source, m in (x for x in MAPPINGS if x[0] == company):
        level = m.source.level
        if m.rule is not None or m.level == level:
            continue
        pool = [r for r in lad.rungs if r.codes] if m.rung.codes else list(lad.rungs)
        below = [r.level for r in pool if r.level < level]
        above = [r.level for r in pool if r.level > level]
        if not below or not above:
            continue
        first = m.alternatives[0]
        assert (first.level - level) * (m.level - level) < 0, (source, m.title, first.title)
        if abs(m.level - level) > abs(first.level - level):  # further, but on the reading's side
            mine, theirs = _side(m.level, m.track), _side(first.level, first.rung.track)
            assert mine == _side(level, m.source.track) != theirs
            assert coded_span(lad) is None  # a company's codes are one scale across its tracks
        assert "the first alternative" in m.explain() and f"no rung at level {level}" in m.explain()


def _side(level: int, track: str) -> str:
    return "ic" if track == "ic" or level <= 3 else "lead"


def test_a_google_l6_lands_between_amazon_codes() -> None:
    m = titlemap.map_title(
        "Senior Product Manager (L6)", "us", "us", source_employer="google", target_employer="amazon"
    )
    assert m is not None and (m.company_level, m.level) == ("L7", 6)
    assert m.alternatives[0].rung.codes == ("L6",) and m.alternatives[0].level < 5
    assert "amazon has no rung at level 5" in m.explain()


# -- the command line --------------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    got = capsys.readouterr()
    return code, got.out, got.err


def test_cli_levels_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "levels", "google", "Amazon")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["LEVEL", "GOOGLE", "AMAZON"]
    senior = next(line for line in lines if line.startswith("3 "))
    assert "L5 Senior Product Manager (C)" in senior and "L6 Senior Product Manager (A)" in senior
    code, out, _ = _run(capsys, "levels")
    assert code == 0 and all(c.upper() in out for c in COMPANIES)
    assert max(len(line) for line in out.splitlines()) < 400  # in tables of a few companies


def test_cli_levels_csv_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "levels", "meta", "microsoft", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["level", "name", "meta", "microsoft"]
    assert any(r[0] == "5" and "IC6" in r[2] and "65/66/67" in r[3] for r in rows)
    code, out, _ = _run(capsys, "levels", "meta", "--format", "csv", "--long")
    records = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["codes"] for r in records} >= {"IC4", "IC5", "IC6", "IC7"}
    code, out, _ = _run(capsys, "levels", "citi", "--json")
    assert code == 0 and json.loads(out) == titlemap.levels("citi").to_dict()
    code, out, _ = _run(capsys, "levels", "citi", "--format", "json", "--long")
    assert json.loads(out) == titlemap.levels("citi").to_rows()


def test_cli_levels_refuses_an_unknown_company(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "levels", "google", "Nowhere Inc")
    assert code == 2 and not out
    assert err.count("\n") <= 2 and "unknown company 'Nowhere Inc'" in err and "Traceback" not in err


def test_cli_compare_two_companies_adds_the_level_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "compare", "google", "amazon")
    assert code == 0 and "By level" in out
    table = out.split("By level")[1]
    assert "L6 Senior Product Manager (C)" in table and "L7 Principal Product Manager (C)" in table
