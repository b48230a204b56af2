"""Workbooks kept whole: ``titlemap map -i book.xlsx -o out.xlsx`` writes the added columns into a
copy of the workbook, every sheet, cell, format, link, comment, pane, filter, table, chart and
macro intact (compared cell by cell with openpyxl, and part by part)."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _workbooks import HEADER, VBA, assert_cells_kept, candidates_book, openpyxl, parts
from titlemap.columns import MAP_COLUMNS, NORMALIZE_COLUMNS

MAP = ["--from", "in", "--to", "us", "-c", "Title", "--sheet", "Candidates", "--market-column", "Market",
    "--years-column", "Years", "--background-column", "Background", "--manages-people-column", "Manages",
    "--history-column", "Previous titles"]  # fmt: skip


@pytest.mark.parametrize("shared", [True, False], ids=["shared-strings", "inline-strings"])
def test_a_candidate_workbook_comes_back_whole(run: Any, tmp_path: Path, shared: bool) -> None:
    src = candidates_book(tmp_path / "book.xlsx", shared=shared)
    out = tmp_path / "out.xlsx"
    code, _, err = run("map", "-i", str(src), "-o", str(out), *MAP)
    assert code == 0, err
    assert_cells_kept(src, out, "Candidates")
    before, after = parts(src), parts(out)
    assert list(before) == list(after)  # the same parts, in the same order
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["xl/worksheets/sheet2.xml"]  # only the sheet read
    book = openpyxl.load_workbook(out)
    sheet = book["Candidates"]
    header = [c.value for c in sheet[1]]
    assert header == [*HEADER, *MAP_COLUMNS]
    assert sheet.cell(1, len(HEADER) + 1).font.bold  # the added header looks like the header
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)]
    assert [r["ID"] for r in rows] == ["0001", "0002", "0003", "0004", "0005", "0006"]  # text stays text
    assert rows[0]["mapped_title"] and isinstance(rows[0]["mapped_level"], int)
    assert rows[4]["reason"].startswith("not-product")
    assert [r["reason"] for r in rows if r["mapped_title"]] == [None] * 5
    assert rows[2]["note"] is None  # the merged market reads as Germany, as Excel shows it
    assert "no computed value" not in err  # the scores never computed are kept as formulas


def test_added_columns_go_into_the_workbook_copy(run: Any, tmp_path: Path) -> None:
    src = candidates_book(tmp_path / "book.xlsx")
    out = tmp_path / "out.xlsx"
    code, _, err = run("map", "-i", str(src), "-o", str(out), *MAP, "--added-columns", "mapped_level,reason")
    assert code == 0, err
    assert_cells_kept(src, out, "Candidates")
    sheet = openpyxl.load_workbook(out)["Candidates"]
    assert [c.value for c in sheet[1]] == [*HEADER, "mapped_level", "reason"]
    assert isinstance(sheet.cell(2, len(HEADER) + 1).value, int)


def test_an_xlsm_keeps_its_macros_in_place(run: Any, tmp_path: Path) -> None:
    src = candidates_book(tmp_path / "book.xlsm", macros=True)
    before = parts(src)
    code, _, err = run("map", "-i", str(src), "-o", str(src), *MAP)  # in place
    assert code == 0, err
    after = parts(src)
    assert after["xl/vbaProject.bin"] == VBA
    assert b"macroEnabled" in after["[Content_Types].xml"]
    assert [n for n in before if before[n] != after[n]] == ["xl/worksheets/sheet2.xml"]
    assert openpyxl.load_workbook(src, keep_vba=True).sheetnames == [
        "Summary",
        "Candidates",
        "Lists",
        "Chart",
    ]


def test_macros_and_names_must_agree(run: Any, tmp_path: Path) -> None:
    xlsm = candidates_book(tmp_path / "book.xlsm", macros=True)
    code, _, err = run("map", "-i", str(xlsm), "-o", str(tmp_path / "out.xlsx"), *MAP)
    assert code == 1 and "holds macros" in err and ".xlsm" in err
    xlsx = candidates_book(tmp_path / "book.xlsx")
    code, _, err = run("map", "-i", str(xlsx), "-o", str(tmp_path / "out.xlsm"), *MAP)
    assert code == 1 and "name it .xlsx" in err
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "out.xlsm").exists()


def test_a_rerun_replaces_its_own_columns(run: Any, tmp_path: Path) -> None:
    src = candidates_book(tmp_path / "book.xlsx")
    once, twice = tmp_path / "once.xlsx", tmp_path / "twice.xlsx"
    assert run("map", "-i", str(src), "-o", str(once), *MAP)[0] == 0
    assert run("map", "-i", str(once), "-o", str(twice), *MAP)[0] == 0
    assert parts(once) == parts(twice)


def test_the_workbook_converts_to_every_text_format(run: Any, tmp_path: Path) -> None:
    src = candidates_book(tmp_path / "book.xlsx")
    code, out, err = run("map", "-i", str(src), *MAP)
    rows = list(csv.reader(io.StringIO(out)))
    assert ":6: malformed row kept: L6: a formula with no computed value" in err  # lost in a CSV: said
    assert "L7" in err and "L5" not in err
    assert code == 0 and rows[0][: len(HEADER)] == HEADER and len(rows) == 7
    assert (
        rows[1][:2] == ["0001", "Asha Rao"]
        and rows[1][10] == "2024-03-01"
        and rows[4][10] == "2024-03-04 09:30:00"
    )
    assert rows[2][13] == '\'=HYPERLINK("http://evil.example")'  # inert text stays inert in a CSV
    assert rows[3][4] == "Germany"  # the merged cell, as Excel shows it
    target = tmp_path / "out.jsonl"
    code, _, _ = run("map", "-i", str(src), *MAP, "-q", "-o", str(target))
    objects = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert code == 0 and list(objects[0])[: len(HEADER)] == HEADER
    assert objects[0]["Expected salary"] == 3_500_000 and objects[0]["Applied on"] == "2024-03-01"


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=12,
)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=6))
def test_text_through_a_workbook_and_back_is_unchanged(rows: list[tuple[str, str]]) -> None:
    """CSV -> .xlsx -> CSV keeps every cell, spaces and look-alike escapes (_x0041_) included;
    only text a spreadsheet would run gets its documented ' in front."""
    from titlemap.cli import main
    from titlemap.text_writer import FORMULA_STARTS

    with tempfile.TemporaryDirectory() as folder:
        src, book, back = Path(folder, "in.csv"), Path(folder, "book.xlsx"), Path(folder, "back.csv")
        with src.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(
                [["id", "title", "note"], *([str(i), a, b] for i, (a, b) in enumerate(rows))]
            )
        assert main(["normalize", "-i", str(src), "-o", str(book), "-q"]) == 0
        assert main(["normalize", "-i", str(book), "-o", str(back), "-q"]) == 0
        with back.open(encoding="utf-8", newline="") as fh:
            got = [r[:3] for r in csv.reader(fh)][1:]

    def inert(text: str) -> str:
        return f"'{text}" if len(text) > 1 and text[0] in FORMULA_STARTS else text

    assert got == [[str(i), inert(a), inert(b)] for i, (a, b) in enumerate(rows)]


def test_a_sheet_written_with_a_namespace_prefix_gets_prefixed_cells(run: Any, tmp_path: Path) -> None:
    """The .NET Open XML SDK writes <x:row>; added cells are written in the same way."""
    from _workbooks import raw_book

    sheet = (b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension '
        b'ref="A1:B2"/><x:sheetData><x:row r="1" spans="1:2"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t>'
        b'</x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>title</x:t></x:is></x:c></x:row><x:row r="2" '
        b'spans="1:2"><x:c r="A2"><x:v>7</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>Group PM</x:t>'
        b"</x:is></x:c></x:row></x:sheetData></x:worksheet>")  # fmt: skip
    src, out = raw_book(tmp_path / "x.xlsx", sheet), tmp_path / "out.xlsx"
    code, _, err = run("normalize", "-i", str(src), "-o", str(out), "-q")
    assert code == 0, err
    xml = parts(out)["xl/worksheets/sheet1.xml"]
    last = 2 + len(NORMALIZE_COLUMNS)  # the two columns read, then the added ones
    letter = "A" * (last > 26) + chr(ord("A") + (last - 1) % 26)
    assert b"<x:c " in xml and b"<c " not in xml
    assert f'spans="1:{last}"'.encode() in xml and f'ref="A1:{letter}2"'.encode() in xml
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out).active.iter_rows()]
    assert rows[1][:4] == [7, "Group PM", "Group Product Manager", "Group Product Manager"]
