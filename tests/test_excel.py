"""Excel workbooks in and out of ``titlemap normalize`` and ``titlemap map`` (extra ``[xlsx]``)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from titlemap import workbook_writer
from titlemap.columns import MAP_COLUMNS, NORMALIZE_COLUMNS

openpyxl = pytest.importorskip("openpyxl")

FIXTURES = Path(__file__).parent / "fixtures"
CANDIDATES = FIXTURES / "candidates.csv"
CONTEXT = [
    "--market-column", "Market", "--years-column", "Experience", "--background-column", "Background",
    "--manages-people-column", "Reports", "--history-column", "Past titles", "--company-column", "Company",
    "--sector-column", "Sector", "--stage-column", "Stage",
]  # fmt: skip


def _workbook(
    path: Path, rows: list[list[Any]], sheet: str = "Candidates", extra_sheet: bool = False
) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    if extra_sheet:
        book.create_sheet("Notes").append(["nothing here"])
    book.save(path)
    return path


def _candidates(path: Path) -> Path:
    """The candidates file as a recruiter's workbook: numbers as numbers, blanks as empty cells."""
    with CANDIDATES.open(encoding="utf-8", newline="") as fh:
        rows: list[list[Any]] = [list(r) for r in csv.reader(fh)]
    for row in rows[1:]:
        row[0] = int(row[0])
        if row[3].isdigit():
            row[3] = int(row[3])
        row[:] = [None if cell == "" else cell for cell in row]
    return _workbook(path, rows, extra_sheet=True)


def _read(path: Path) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book.active.iter_rows(values_only=True)]


def test_candidates_workbook_maps_in_one_command(run: Any, tmp_path: Path) -> None:
    src, out = _candidates(tmp_path / "candidates.xlsx"), tmp_path / "mapped.xlsx"
    code, _, err = run("map", "-i", str(src), "-c", "Title", "--to", "in", *CONTEXT, "-o", str(out))
    assert code == 0, err
    rows = _read(out)
    header = rows[0]
    assert header[:10] == [
        "id",
        "Title",
        "Market",
        "Experience",
        "Background",
        "Reports",
        "Past titles",
        *CONTEXT[11::2],
    ]
    assert header[10:] == list(MAP_COLUMNS)
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert list(by_id) == list(range(1, 13))  # every row kept, in order, ids still numbers
    assert by_id[1]["mapped_title"] == "Senior Product Manager" and by_id[1]["mapped_level"] == 3
    assert by_id[4]["mapped_title"] == "Director of Product"
    assert by_id[8]["reason"].startswith("not-product") and by_id[9]["reason"].startswith("blank")
    assert by_id[11]["reason"].startswith("unreadable-value")
    assert isinstance(by_id[1]["mapped_confidence"], float)
    assert openpyxl.load_workbook(out).sheetnames == ["Candidates", "Notes"]  # a copy: every sheet kept
    assert "rows 12, matched 8, unmatched 4" in err


def test_workbook_to_csv_and_jsonl_by_extension(run: Any, tmp_path: Path) -> None:
    src = _candidates(tmp_path / "candidates.xlsx")
    code, out, _ = run("normalize", "-i", str(src), "-c", "Title", "-q")
    rows = list(csv.reader(io.StringIO(out)))
    # the file has Title and Company columns: the added ones with those names get the prefix
    added = [f"titlemap_{n}" if n in ("title", "company") else n for n in NORMALIZE_COLUMNS]
    assert code == 0 and rows[0][-len(NORMALIZE_COLUMNS) :] == added
    assert rows[1][:4] == ["1", "Product Owner", "US", "8 yrs"] and rows[3][3] == "10"  # numbers as text
    target = tmp_path / "out.jsonl"
    code, _, _ = run("normalize", "-i", str(src), "-c", "Title", "-q", "-o", str(target))
    objects = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert code == 0 and len(objects) == 12
    assert objects[0]["id"] == 1 and objects[0]["canonical_title"] == "Product Owner"
    assert objects[8]["Title"] is None and objects[8]["reason"].startswith("blank")


def test_csv_to_workbook_and_rerun_replaces_columns(run: Any, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("normalize", "-i", str(CANDIDATES), "-c", "Title", "-q", "-o", str(first))[0] == 0
    assert run("normalize", "-i", str(first), "-c", "Title", "-q", "-o", str(second))[0] == 0
    assert _read(first) == _read(second)  # an earlier run's columns are replaced, not added again


def test_formula_looking_cells_stay_text(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text('title,note\n"=HYPERLINK(""http://x"",""Senior PM"")",=1+1\nSenior PM - Payments,x\n')
    out = tmp_path / "out.xlsx"
    code, _, _ = run("normalize", "-i", str(src), "-q", "-o", str(out))
    assert code == 0
    book = openpyxl.load_workbook(out)
    cells = next(iter(book.active.iter_rows(min_row=2, max_row=2)))
    assert cells[0].value.startswith("=HYPERLINK") and cells[0].data_type == "s"
    assert cells[1].value == "=1+1" and cells[1].data_type == "s"
    assert all(c.data_type != "f" for row in book.active.iter_rows() for c in row)


def test_sheet_choice(run: Any, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Summary"
    book.active.append(["nothing"])
    people = book.create_sheet("People")
    people.append([None])  # blank rows before the header are skipped
    people.append(["name", "title"])
    people.append(["A", "Group PM"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    code, out, _ = run("normalize", "-i", str(path), "--sheet", "People", "-q")
    assert code == 0 and list(csv.reader(io.StringIO(out)))[1][:3] == [
        "A",
        "Group PM",
        "Group Product Manager",
    ]
    code, _, err = run("normalize", "-i", str(path), "--sheet", "Staff")
    assert code == 1 and "no sheet 'Staff'" in err and "'People'" in err
    code, _, err = run("normalize", "-i", str(path))  # the first sheet has no title column
    assert code == 1 and "no column 'title'" in err
    code, _, err = run("normalize", "-i", str(CANDIDATES), "--sheet", "People")
    assert code != 0 and "--sheet needs an .xlsx input" in err


def test_refusals_are_one_line(run: Any, tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("title\nPM\n")
    code, _, err = run("normalize", "-i", str(fake))
    assert code == 1 and "not an .xlsx workbook" in err and len(err.strip().splitlines()) == 1
    code, _, err = run("normalize", "-i", str(CANDIDATES), "-c", "Title", "-f", "xlsx")
    assert code == 1 and "not an .xlsx workbook" in err
    src = _candidates(tmp_path / "c.xlsx")
    code, _, err = run("normalize", "-i", str(src), "-c", "Title", "-o", "/dev/stdout", "-f", "xlsx")
    assert code == 1 and "needs --output FILE.xlsx" in err
    code, out, _ = run("normalize", "-i", str(src), "-c", "Title", "-o", "-", "-f", "xlsx", "-q")
    assert code == 0 and out.startswith("id,Title,")  # to a stream: CSV
    code, _, err = run("normalize", "-i", str(src), "-c", "Title", "--encoding", "latin-1")
    assert code != 0 and "--encoding does not apply" in err


def test_more_rows_than_a_sheet_holds_is_refused_before_writing(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook_writer, "MAX_ROWS", 5)
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"keep me")
    code, _, err = run("normalize", "-i", str(CANDIDATES), "-c", "Title", "-o", str(out))
    assert code == 1 and "more rows than an Excel sheet holds (5" in err and "write CSV instead" in err
    assert out.read_bytes() == b"keep me" and sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_control_characters_are_replaced_and_reported(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "in.tsv"
    src.write_text("title\tnote\nSenior PM\tbell\x07here\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    code, _, err = run("normalize", "-i", str(src), "-o", str(out))
    assert code == 0 and ":2: malformed row kept: control characters" in err
    assert _read(out)[1][1] == "bell\ufffdhere"


def test_workbook_from_standard_input(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _candidates(tmp_path / "c.xlsx")

    class Stdin:
        buffer = io.BytesIO(src.read_bytes())

    class Unseekable(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, b: Any) -> int:
            chunk = self._data.read(len(b))
            b[: len(chunk)] = chunk
            return len(chunk)

    Stdin.buffer = io.BufferedReader(Unseekable(src.read_bytes()))  # type: ignore[assignment]
    monkeypatch.setattr(sys, "stdin", Stdin)
    code, out, _ = run("normalize", "-i", "-", "-f", "xlsx", "-c", "Title", "-q")
    assert code == 0 and len(list(csv.reader(io.StringIO(out)))) == 13  # CSV: a stream holds no workbook


def test_a_workbook_read_as_text_is_named(run: Any, tmp_path: Path) -> None:
    src = _candidates(tmp_path / "c.xlsx")
    renamed = tmp_path / "c.csv"
    renamed.write_bytes(src.read_bytes())
    code, _, err = run("normalize", "-i", str(renamed), "-c", "Title")
    assert code == 1 and "a zip file" in err and "--format xlsx" in err


def test_workbooks_need_no_extra(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _candidates(tmp_path / "c.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # titlemap reads and writes workbooks itself
    out = tmp_path / "x.xlsx"
    code, _, err = run("normalize", "-i", str(CANDIDATES), "-c", "Title", "-o", str(out), "-q")
    assert code == 0, err
    code, out, err = run("normalize", "-i", str(src), "-c", "Title", "-q")
    assert code == 0 and out.startswith("id,Title,"), err


def test_the_old_excel_module_still_answers_with_a_warning(tmp_path: Path) -> None:
    from titlemap import excel
    from titlemap.workbook_reader import MAX_ROWS

    with pytest.warns(DeprecationWarning, match="workbook_reader.MAX_ROWS"):
        assert excel.MAX_ROWS == MAX_ROWS
    src = _candidates(tmp_path / "c.xlsx")
    with pytest.warns(DeprecationWarning), src.open("rb") as fh:
        table = excel.XlsxTable(fh, "c.xlsx", "Title")
        assert next(r.title for r in table) == "Product Owner"
    with pytest.warns(DeprecationWarning):
        sink = excel.XlsxSink(["id", "title"], ["reason"])
    sink.save(str(tmp_path / "x.xlsx"))
    assert _read(tmp_path / "x.xlsx") == [["id", "title", "reason"]]
    with pytest.raises(AttributeError):
        excel.nothing_here  # noqa: B018
