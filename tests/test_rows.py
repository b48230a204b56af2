"""Per-row context and reasons: ``titlemap.reason``, ``titlemap.rows.RowReader``, the CLI's
``--*-column`` flags and the pandas helpers' ``*_column`` arguments, on one candidates file."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import titlemap
from titlemap import Profile, TitleMap
from titlemap.columns import MAP_COLUMNS
from titlemap.reasons import REASON_CODES, Reason, join_reasons
from titlemap.rows import CONTEXT_FIELDS, RowReader, shared_reader

FIXTURES = Path(__file__).parent / "fixtures"
CANDIDATES = FIXTURES / "candidates.csv"
COLUMN_FLAGS = [
    "--market-column",
    "Market",
    "--years-column",
    "Experience",
    "--background-column",
    "Background",
    "--manages-people-column",
    "Reports",
    "--history-column",
    "Past titles",
    "--company-column",
    "Company",
    "--sector-column",
    "Sector",
    "--stage-column",
    "Stage",
]
# id -> (mapped title into India, reason code or "")
EXPECTED = {
    "1": ("Senior Product Manager", ""),  # an engineer of 8 years: the seed's case
    "2": ("Senior Product Manager", ""),
    "3": ("Lead Product Manager", ""),  # manages people at a growth-stage US company
    "4": ("Director of Product", ""),  # Partner is a director-level rank at Microsoft
    "5": ("Senior Product Manager", ""),  # a bank's AVP is a mid-level rank
    "6": ("Product Manager", ""),
    "7": ("Product Manager", ""),
    "8": ("", "not-product"),
    "9": ("", "blank"),
    "10": ("", "ambiguous"),
    "11": ("", "unreadable-value"),
    "12": ("Associate Director of Product", ""),  # Head of Product at a startup sits lower
}


# -- reasons ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "market", "code", "words"),
    [
        ("", "us", "blank", "no title"),
        ("  ", "us", "blank", "no title"),
        ("n/a", "us", "blank", "no title"),
        ("---", "us", "blank", "no title"),
        ("x" * 400, "us", "too-long", "400 characters"),
        ("Sr. TPM", "us", "ambiguous", "Technical Program Manager"),
        ("Vice President", "in", "ambiguous", "rank without a function"),
        ("Senior Manager", "us", "ambiguous", "rank without a function"),
        ("Product", "us", "ambiguous", "Product Manager"),
        ("Project Manager", "us", "not-product", "project or program management"),
        ("Scrum Master", "us", "not-product", "project or program management"),
        ("Projektleiter (m/w/d)", "de", "not-product", "project or program management"),
        ("Chef de projet", "fr", "not-product", "project or program management"),
        ("Jefe de Proyecto", "es", "not-product", "project or program management"),
        ("プロジェクトマネージャー", "jp", "not-product", "project or program management"),
        ("PM", "jp", "not-product", "project manager in Japan"),
        ("Produktionsleiter", "de", "not-product", "manufacturing"),
        ("Product Designer", "us", "not-product", "design"),
        ("Product Marketing Manager", "us", "not-product", "marketing"),
        ("Brand Manager - Oncology", "in", "not-product", "brand management"),
        ("Product Analyst", "in", "not-product", "data and analytics"),
        ("Business Analyst", "in", "not-product", "data and analytics"),
        ("Software Engineer", "us", "not-product", "engineering"),
        ("Category Manager", "de", "not-product", "category"),
        ("Chef", "us", "not-product", "no product-management role"),
    ],
)
def test_reason_for_titles_not_read(title: str, market: str, code: str, words: str) -> None:
    assert titlemap.normalize(title, market) is None
    found = titlemap.reason(title, market)
    assert found is not None and found.code == code and words in found.hint, found
    assert str(found) == f"{code}: {found.hint}"


def test_no_reason_for_titles_read() -> None:
    for title in ("Sr. PM", "Product Owner", "Head of Product", "AVP - Product"):
        assert titlemap.reason(title, "in") is None


def test_reason_takes_any_cell() -> None:
    for cell in (None, math.nan, 42, b"PM"):
        found = titlemap.reason(cell)
        assert found is not None and found.code == "blank"


def test_reason_unknown_market() -> None:
    with pytest.raises(titlemap.UnknownMarketError):
        titlemap.reason("PM", "atlantis")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_every_title_is_read_or_has_a_reason(title: str) -> None:
    match, why = titlemap.normalize(title), titlemap.reason(title)
    assert (match is None) != (why is None)
    if why is not None:
        assert why.code in REASON_CODES and why.hint


def test_join_reasons_groups_one_code() -> None:
    reasons = [Reason("unreadable-value", "years 'x'"), Reason("unreadable-value", "stage 'y'")]
    assert join_reasons(reasons) == "unreadable-value: years 'x'; stage 'y'"
    assert join_reasons([]) == ""


# -- RowReader ---------------------------------------------------------------------------------


def test_row_reader_reads_each_rows_context() -> None:
    reader = RowReader(TitleMap.default(), market=None, target="in", fields=CONTEXT_FIELDS)
    assert reader.columns == MAP_COLUMNS
    row = reader.record("Product Owner", ("US", "8 yrs", "software", "no", "", None, None, None))
    assert row["mapped_title"] == "Senior Product Manager" and row["reason"] is None
    ctx = reader.context(("Bengaluru", "5+", None, "Y", "SDE > SDE 2", "Flipkart", "", "growth"))
    assert ctx.market == "in" and ctx.profile is not None and ctx.employer is not None
    assert (ctx.profile.years, ctx.profile.manages_people, ctx.profile.history) == (
        5.0,
        True,
        ("SDE", "SDE 2"),
    )
    assert (ctx.employer.company, ctx.employer.stage, ctx.problems) == ("Flipkart", "growth", ())


def test_one_unreadable_cell_costs_only_its_field() -> None:
    reader = RowReader(TitleMap.default(), market="us", target="in", fields=("years", "background", "stage"))
    ctx = reader.context(("lots", "engineering", "huge"))
    assert ctx.profile is not None and ctx.profile.background == "engineering" and ctx.profile.years is None
    assert [n.field for n in ctx.notes] == ["years", "stage"]
    assert [p.code for p in ctx.problems] == ["unreadable-value", "unreadable-value"]
    cells = reader.record("Product Owner", ("lots", "engineering", "huge"))
    assert cells["mapped_title"] == "Product Manager" and cells["reason"] is None  # still mapped
    assert cells["note"].startswith("years 'lots'") and "stage" in cells["note"]


def test_blank_cells_fall_back_to_what_was_given_for_every_row() -> None:
    engineer = Profile(background="engineering", years=8)
    reader = RowReader(TitleMap.default(), market="us", target="in", profile=engineer, fields=("years",))
    assert reader("Product Owner", (None,))[0] == "Senior Product Manager"  # 8 years from the profile
    assert reader("Product Owner", ("1",))[0] == "Associate Product Manager"  # the cell wins


def test_unknown_market_cell_falls_back_or_stops() -> None:
    with_default = RowReader(TitleMap.default(), market="us", fields=("market",))
    cells = with_default.record("Product Manager", ("Atlantis",))
    assert cells["canonical_title"] == "Product Manager" and cells["reason"] is None
    assert "market 'Atlantis' is not a loaded market" in cells["note"] and "read in 'us'" in cells["note"]
    without = RowReader(TitleMap.default(), market=None, target="in", fields=("market",))
    cells = without.record("Product Manager", (None,))
    assert cells["mapped_title"] is None and cells["reason"].startswith("unreadable-value: no market")


def test_row_reader_refuses_bad_setups() -> None:
    tm = TitleMap.default()
    with pytest.raises(ValueError, match="only when mapping"):
        RowReader(tm, market="us", fields=("years",))
    with pytest.raises(ValueError, match="unknown context field"):
        RowReader(tm, market="us", fields=("salary",))
    with pytest.raises(ValueError, match="market column"):
        RowReader(tm, market=None)
    with pytest.raises(TypeError, match="Profile"):
        RowReader(tm, market="us", target="in", profile={"years": 5})  # type: ignore[arg-type]


# -- the command line on the candidates file ------------------------------------------------------


def _check(rows: list[dict[str, Any]]) -> None:
    assert [r["id"] for r in rows] == list(EXPECTED)  # every row kept, in order
    for r in rows:
        title, code = EXPECTED[str(r["id"])]
        assert (r["mapped_title"] or "") == title, r
        assert (r["reason"] or "").split(":")[0] == code, r


def _tsv(path: Path, to: Path) -> Path:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    to.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return to


def _jsonl(path: Path, to: Path) -> Path:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    to.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return to


def test_cli_maps_candidates_csv_tsv_jsonl(run: Any, tmp_path: Path) -> None:
    files = {
        "csv": CANDIDATES,
        "tsv": _tsv(CANDIDATES, tmp_path / "c.tsv"),
        "jsonl": _jsonl(CANDIDATES, tmp_path / "c.jsonl"),
    }
    for fmt, path in files.items():
        code, out, err = run("map", "-i", str(path), "-c", "Title", "--to", "in", *COLUMN_FLAGS)
        assert code == 0, err
        if fmt == "jsonl":
            rows = [json.loads(line) for line in out.splitlines()]
        else:
            rows = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        _check(rows)
        assert "rows 12, matched 8, unmatched 4" in err


def test_cli_normalize_with_market_and_company_columns(run: Any) -> None:
    code, out, _ = run("normalize", "-i", str(CANDIDATES), "-c", "Title", "--market-column", "Market",
        "--company-column", "Company", "--sector-column", "Sector", "-q",
    )  # fmt: skip
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0
    # the file's own "Company" column stays; the added one is renamed (case-insensitive clash)
    assert (rows["4"]["titlemap_company"], rows["4"]["company_level"]) == ("microsoft", "68")
    assert rows["5"]["level"] == "3"  # AVP at a bank
    assert rows["6"]["canonical_title"] == "Product Manager"  # read with the German ladder
    assert rows["8"]["reason"].startswith("not-product")


def test_cli_column_flags_are_checked(run: Any) -> None:
    code, _, err = run("map", "-i", str(CANDIDATES), "-c", "Title", "--to", "in")
    assert code != 0 and "--from MARKET is required" in err
    code, _, err = run(
        "map",
        "-i",
        str(CANDIDATES),
        "-c",
        "Title",
        "--from",
        "us",
        "--to",
        "in",
        "--years-column",
        "Yrs",
    )
    assert code != 0 and "no column 'Yrs'" in err and "--years-column" in err
    code, _, err = run("map", "Product Owner", "--from", "us", "--to", "in", "--years-column", "x")
    assert code != 0 and "--years-column needs --input" in err
    code, _, err = run("normalize", "-i", str(CANDIDATES), "-c", "Title", "--years-column", "Experience")
    assert code != 0 and "unrecognized arguments" in err


def test_cli_jsonl_missing_context_key_is_named(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"title": "PM", "yrs": 3}\n', encoding="utf-8")
    code, _, err = run("map", "-i", str(path), "--from", "us", "--to", "in", "--years-column", "years")
    assert code != 0 and "no key 'years'" in err and "--years-column" in err


def test_cli_years_flag_reads_spreadsheet_values(run: Any) -> None:
    code, out, _ = run(
        "map",
        "Product Owner",
        "--from",
        "us",
        "--to",
        "in",
        "--background",
        "software",
        "--years",
        "8+",
    )
    assert code == 0 and "-> Senior Product Manager (in)" in out
    code, _, err = run("map", "Product Owner", "--from", "us", "--to", "in", "--years", "lots")
    assert code != 0 and "--years 'lots'" in err


# -- pandas -------------------------------------------------------------------------------------


def test_pandas_per_row_context_matches_the_cli() -> None:
    pd = pytest.importorskip("pandas")
    from titlemap.pandas import map_frame, normalize_frame

    df = pd.read_csv(CANDIDATES, dtype={"id": str})
    out = map_frame(
        df,
        "Title",
        None,
        "in",
        columns={
            "market": "Market",
            "years": "Experience",
            "background": "Background",
            "manages_people": "Reports",
            "history": "Past titles",
            "company": "Company",
            "sector": "Sector",
            "stage": "Stage",
        },
    )
    rows = [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in out.to_dict("records")]
    _check(rows)
    # the accessor passes the same options through
    same = df.titlemap.map("Title", None, "in", columns={"market": "Market", "years": "Experience"})
    assert same["mapped_title"].iloc[0] == "Product Manager"  # no background column: not the engineer rule
    norm = normalize_frame(df, "Title", "us", columns={"market": "Market", "company": "Company"})
    assert norm.loc[3, "company_level"] == "68" and norm.loc[5, "canonical_title"] == "Product Manager"
    with pytest.raises(titlemap.InputError, match="given as columns\\['years'\\]"):
        map_frame(df, "Title", "us", "in", columns={"years": "Yrs"})


def test_pandas_history_lists_and_numbers() -> None:
    pd = pytest.importorskip("pandas")
    from titlemap.pandas import map_frame

    df = pd.DataFrame(
        {
            "title": ["Product Owner", "Product Owner", "Product Owner"],
            "years": [8, math.nan, 8.0],
            "history": [["Software Engineer", "Senior Software Engineer"], None, "Senior Software Engineer"],
        }
    )
    out = map_frame(df, "title", "us", "in", columns={"years": "years", "history": "history"})
    assert out["mapped_title"].tolist() == [
        "Senior Product Manager",
        "Product Manager",
        "Senior Product Manager",
    ]
    assert out["reason"].isna().all()


# -- notes: cells that could not be read, apart from why a title was not mapped ------------------------


def test_note_is_apart_from_reason(run: Any) -> None:
    code, out, err = run(
        "map", "-i", str(CANDIDATES), "-c", "Title", "--to", "in", "--from", "us", *COLUMN_FLAGS
    )
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0
    for r in rows.values():  # filtering on reason finds exactly the rows without an answer
        assert bool(r["reason"]) is not bool(r["mapped_title"]), r
    eleven = rows["11"]  # Atlantis falls back to --from, with its unreadable cells noted
    assert eleven["mapped_title"] == "Product Manager" and not eleven["reason"]
    for part in ("market 'Atlantis'", "years 'lots'", "background 'astrology'", "manages people 'maybe'"):
        assert part in eleven["note"], part
    assert "unreadable cells: 'Market' 1, 'Experience' 1, 'Background' 1, 'Reports' 1" in err


def test_summary_counts_unreadable_cells_in_json(run: Any) -> None:
    code, _, err = run("map", "-i", str(CANDIDATES), "-c", "Title", "--to", "in", "--json", *COLUMN_FLAGS)
    summary = json.loads(err.splitlines()[-1])
    assert code == 0 and summary["unreadable"] == {
        "Market": 1,
        "Background": 1,
        "Experience": 1,
        "Reports": 1,
    }


def test_a_realistic_sheet_has_reasons_only_on_rows_without_an_answer(run: Any, tmp_path: Path) -> None:
    """3,000 candidates as a recruiter's sheet holds them (seeded): every mapped row has an empty
    reason, and the common backgrounds and "N reports" cells are read, not noted."""
    import random

    rng = random.Random(19)
    titles = ["Product Owner", "Sr. PM - Payments", "Senior Product Manager", "Product Manager",
        "APM", "Group PM", "Head of Product", "Lead PM", "Director of Product", "Project Manager",
        "Product Marketing Manager", "Software Engineer", "", "Sr. TPM", "VP Product"]  # fmt: skip
    backgrounds = ["CS", "Computer Science", "B.Tech CSE", "IIT + IIM", "Non-tech", "Pharma marketing",
        "MBA", "Engineering", "Design", "Data Science", "B.E.", "IIM", "Consulting", "", "n/a"]  # fmt: skip
    markets = ["Bengaluru", "Bengaluru, Karnataka, India", "Mumbai (Hybrid)", "Remote - India", "London, UK",
        "New York, NY", "Seattle, WA", "Berlin, Germany", "Dubai, UAE", "India", "US"]  # fmt: skip
    years = ["5", "5+", "10 yrs", "3-5", "18 months", "fresher", "5+ yrs (2 in PM)", "12", "", "7 years"]
    reports = ["5 reports", "0", "yes", "no", "2 direct reports", "", "team of 4", "N", "Y", "no reports"]
    src = tmp_path / "candidates.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "Title", "Location", "Years", "Background", "Manages"])
        for i in range(3_000):
            writer.writerow([i, rng.choice(titles), rng.choice(markets), rng.choice(years),
                rng.choice(backgrounds), rng.choice(reports)])  # fmt: skip
    code, out, err = run("map", "-i", str(src), "-c", "Title", "--from", "in", "--to", "us",
        "--market-column", "Location", "--years-column", "Years", "--background-column", "Background",
        "--manages-people-column", "Manages")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 3_000
    mapped = [r for r in rows if r["mapped_title"]]
    assert len(mapped) > 1_500
    assert [r for r in mapped if r["reason"]] == []
    assert [r["note"] for r in rows if r["note"]] == []  # every cell of this sheet is readable
    assert "unreadable cells" not in err


# -- readers shared across calls (the pandas helpers, Spark's batches) ------------------------------


def test_shared_reader_is_one_reader_per_setup() -> None:
    tm = TitleMap.default()
    a = shared_reader(tm, market="in", fields=["company"])
    assert shared_reader(tm, market="in", fields=("company",)) is a
    assert shared_reader(tm, market="us", fields=["company"]) is not a
    assert (
        shared_reader(TitleMap.from_paths([], include_bundled=True), market="in", fields=["company"]) is not a
    )


def test_a_frame_read_twice_reads_each_title_once(monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    from titlemap.pandas import normalize_frame

    tm = TitleMap.from_paths([], include_bundled=True)  # its own memo: nothing read before
    calls: list[str] = []
    real = tm.reason

    def counted(title: object, *args: object, **kwargs: object) -> object:
        calls.append(str(title))
        return real(title, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tm, "reason", counted)
    df = pd.DataFrame({"title": ["Product Designer", "Senior PM", "Product Designer"]})
    first = normalize_frame(df, "title", "in", titlemap=tm)
    second = normalize_frame(df.iloc[::-1], "title", "in", titlemap=tm)
    assert calls == ["Product Designer"]  # once, for both frames
    assert list(second["reason"]) == list(first["reason"])[::-1]
    assert list(second.index) == [2, 1, 0]


def test_a_bad_setup_is_refused_and_not_kept() -> None:
    with pytest.raises(titlemap.UnknownMarketError):
        shared_reader(TitleMap.default(), market="atlantis")
