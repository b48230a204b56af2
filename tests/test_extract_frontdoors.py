"""``titlemap extract`` (texts and files), the pandas helpers (``extract_frame``,
``extract_column``, ``df.titlemap.extract``) and the reader behind them: every front door gives
the cells :func:`titlemap.extract.extraction_values` gives for :func:`titlemap.extract`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import titlemap
from titlemap.columns import EXTRACT_COLUMNS
from titlemap.extract import extraction_values
from titlemap.extract_rows import EXTRACT_FIELDS, ExtractReader

# The headlines: roles with employers, past roles, places, and texts with no current role.
TEXTS = (
    "Senior PM @ Swiggy | ex-Flipkart | IIM A",
    "Group Product Manager at Meesho. Previously Amazon.",
    "Building payments at Razorpay (PM)",
    "Angel investor | ex-Google PM",
    "ex-product manager, Flipkart",
    "Product Manager - Bengaluru, Karnataka, India",
)


def _expected(text: str, market: str = "in") -> dict[str, Any]:
    values = extraction_values(titlemap.extract(text, market))
    return dict(zip(EXTRACT_COLUMNS, values, strict=True))


def _cell(value: object) -> str:
    """A value as the CSV writer writes it."""
    return "" if value is None else str(value)


def test_the_texts_hold_roles_past_roles_places_and_refusals() -> None:
    rows = [_expected(t) for t in TEXTS]
    assert sum(r["current_title"] is not None for r in rows) == 4
    assert all(r["reason"] for r in rows if r["current_title"] is None)
    assert sum(r["past"] is not None for r in rows) >= 3 and any(r["location"] for r in rows)


# -- the command line: texts as arguments ------------------------------------------------------


def test_texts_print_one_line_each(run: Any) -> None:
    code, out, _ = run("extract", *TEXTS, "--market", "in")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(TEXTS)
    first = lines[0]
    assert first.startswith(f"{TEXTS[0]} => Senior Product Manager | level 3 | confidence ")
    assert first.endswith("| employer: swiggy | past: flipkart")
    refused = _expected(TEXTS[3])
    assert lines[3] == f"{TEXTS[3]} => no current role ({refused['reason']}) | past: {refused['past']}"


def test_texts_as_csv_tsv_and_json(run: Any) -> None:
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        code, out, _ = run("extract", *TEXTS, "--market", "in", "--format", fmt)
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
        assert list(rows[0]) == ["text", *EXTRACT_COLUMNS]
        for row in rows:
            assert {c: row[c] for c in EXTRACT_COLUMNS} == {
                c: _cell(v) for c, v in _expected(row["text"]).items()
            }
    for flags in (("--format", "json"), ("--json",)):
        code, out, _ = run("extract", *TEXTS, "--market", "in", *flags)
        objects = [json.loads(line) for line in out.splitlines()]
        assert code == 0 and [o["raw"] for o in objects] == list(TEXTS)
        assert objects == [titlemap.extract(t, "in").to_dict() for t in TEXTS]


def test_the_employer_option_is_the_context(run: Any) -> None:
    """``--employer`` (``--company``) is the employer of a text that names none."""
    company = next(iter(titlemap.TitleMap.default().companies()))
    code, out, _ = run("extract", "Senior Product Manager", "--employer", company)
    assert code == 0 and out.rstrip().endswith(f"employer: {company}")
    code, out, _ = run("extract", "Senior PM @ Swiggy", "--company", company, "--market", "in")
    assert code == 0 and "employer: swiggy" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "give one or more texts"),
        (("PM", "--output", "x.csv"), "--output needs --input FILE"),
        (("PM", "--format", "xlsx"), "--format xlsx needs --input FILE"),
        (("PM", "--market-column", "m"), "--market-column needs --input FILE"),
        (("--input", "x.csv", "--format", "text"), "--format text is for texts"),
        (("PM", "--market", "Atlantis"), "Atlantis"),
    ],
)
def test_usage_errors(run: Any, argv: tuple[str, ...], message: str) -> None:
    code, out, err = run("extract", *argv)
    assert code == 2 and not out and message in err and len(err.splitlines()) <= 2


def test_texts_and_a_file_together_are_refused(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("text\nPM\n", encoding="utf-8")
    code, _, err = run("extract", "PM", "--input", str(src))
    assert code == 2 and "not both" in err


# -- the command line: a file ---------------------------------------------------------------------


def _people(tmp_path: Path) -> Path:
    src = tmp_path / "people.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "headline", "Market"])
        for i, text in enumerate(TEXTS):
            writer.writerow([i, text, "India"])
        writer.writerow([len(TEXTS), "", "India"])
        writer.writerow([len(TEXTS) + 1, TEXTS[0], "Atlantis"])
    return src


def test_a_csv_file_gets_the_columns(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    code, _, err = run(
        "extract", "-i", str(_people(tmp_path)), "-c", "headline", "--market-column", "Market", "-o", str(out)
    )
    assert code == 0 and "rows 8, matched 5, unmatched 3" in err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["id", "headline", "Market", *EXTRACT_COLUMNS]
    for row in rows[: len(TEXTS)]:
        got = {c: row[c] for c in EXTRACT_COLUMNS}
        assert got == {c: _cell(v) for c, v in _expected(row["headline"]).items()}
    blank, unknown = rows[len(TEXTS) :]
    assert blank["reason"] == "blank: no text in the row" and blank["current_title"] == ""
    # an unknown market cell falls back to --market (us), with a note
    assert unknown["current_title"] == "Senior Product Manager" and "Atlantis" in unknown["note"]


def test_standard_input_as_json_lines(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "".join(json.dumps({"text": t}) + "\n" for t in TEXTS[:2])
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    code, out, _ = run("extract", "--input", "-", "--format", "json", "--market", "in", "--quiet")
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    assert [{c: o[c] for c in EXTRACT_COLUMNS} for o in objects] == [_expected(t) for t in TEXTS[:2]]


def test_a_workbook_gets_the_columns(run: Any, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Headline"])
    for text in TEXTS[:3]:
        sheet.append([text])
    src = tmp_path / "people.xlsx"
    book.save(src)
    out = tmp_path / "out.xlsx"
    code, _, _ = run("extract", "-i", str(src), "-c", "Headline", "--market", "in", "-o", str(out), "-q")
    assert code == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert list(rows[0]) == ["Headline", *EXTRACT_COLUMNS]
    for row in rows[1:]:
        got = dict(zip(EXTRACT_COLUMNS, row[1:], strict=True))
        assert got["current_title"] == _expected(str(row[0]))["current_title"]
        assert got["employer"] == _expected(str(row[0]))["employer"]


# -- the reader -------------------------------------------------------------------------------------


def test_the_reader_checks_its_fields() -> None:
    tm = titlemap.TitleMap.default()
    with pytest.raises(ValueError, match="years"):
        ExtractReader(tm, market="in", fields=["years"])
    assert ExtractReader(tm, market=None, fields=EXTRACT_FIELDS).columns == EXTRACT_COLUMNS


# -- pandas -------------------------------------------------------------------------------------------


def test_pandas_frame_column_and_accessor() -> None:
    pd = pytest.importorskip("pandas")
    from titlemap.pandas import extract_column, extract_frame

    df = pd.DataFrame({"headline": [*TEXTS, None], "id": range(len(TEXTS) + 1)}, index=range(10, 17))
    out = extract_frame(df, "headline", "in")
    assert list(out.columns) == ["headline", "id", *EXTRACT_COLUMNS] and list(out.index) == list(df.index)
    assert str(out["current_level"].dtype) == "Int64" and out["current_confidence"].dtype == float
    for text, (_, row) in zip(TEXTS, out.iterrows(), strict=False):
        got = {c: None if pd.isna(row[c]) else row[c] for c in EXTRACT_COLUMNS}
        assert got == _expected(text)
    assert out.iloc[-1]["reason"] == "blank: no text in the row"
    only = extract_column(df["headline"], market="in")
    assert list(only.columns) == list(EXTRACT_COLUMNS) and only.equals(out.loc[:, list(EXTRACT_COLUMNS)])
    assert df.titlemap.extract("headline", "in").equals(out)
    markets = df.assign(Market=["Atlantis"] + ["India"] * (len(df) - 1))
    per_row = extract_frame(markets, "headline", columns={"market": "Market"})
    assert "Atlantis" in per_row.iloc[0]["note"] and pd.isna(per_row.iloc[1]["note"])
    with pytest.raises(TypeError, match="Series"):
        extract_column(df)  # type: ignore[arg-type]
    with pytest.raises(titlemap.InputError, match="headline"):
        extract_frame(df, "Headline")
