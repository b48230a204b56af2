"""The file sections of benchmarks/bench.py: the command line on a big CSV (f) and a workbook (g).

Each run is a fresh ``python -m titlemap`` process, timed beside its baseline in the same run:

f. a CSV of N rows (1,000,000 by default) through ``titlemap normalize`` (at most 1,000
   distinct titles; then one row in ten never seen before) and ``titlemap map`` with per-row
   market, years and background columns written as recruiters write them, each vs a plain
   ``csv`` reader-to-writer copy of the same file;
g. an Excel workbook of N rows (100,000 by default; written as Excel writes them, text in a
   shared strings table, dates as numbers with a date format) through ``titlemap map -i
   book.xlsx -o out.xlsx`` with the same context columns, vs an openpyxl copy (read-only reader
   to write-only writer, the cheapest openpyxl copy); the peak RSS at N and at N/10 rows shows
   whether memory stays flat.
"""

from __future__ import annotations

import csv
import random
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

Child = Callable[..., tuple[str, float, int, int]]

RUN_CLI = (
    "import sys, runpy; sys.argv = ['titlemap', *sys.argv[1:]]; "
    "runpy.run_module('titlemap', run_name='__main__')"
)
COPY_CSV = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as src, open(sys.argv[2], "w", newline="",
                                                                  encoding="utf-8") as dst:
    w = csv.writer(dst)
    for row in csv.reader(src):
        w.writerow(row)
"""
COPY_XLSX = """
import sys, openpyxl
src = openpyxl.load_workbook(sys.argv[1], read_only=True)
dst = openpyxl.Workbook(write_only=True)
sheet = dst.create_sheet(src.sheetnames[0])
for row in src[src.sheetnames[0]].iter_rows(values_only=True):
    sheet.append(row)
dst.save(sys.argv[2])
"""
# Context cells as recruiters' files hold them (the 3,000-row sheet of the newcomer review).
MARKETS = ["Bengaluru", "Bengaluru, Karnataka, India", "Mumbai (Hybrid)", "Remote - India", "London, UK",
    "New York, NY", "Seattle, WA", "Berlin, Germany", "Dubai, UAE", "India", "US"]  # fmt: skip
YEARS = ["5", "5+", "10 yrs", "3-5", "18 months", "fresher", "5+ yrs (2 in PM)", "12", "", "7 years"]
BACKGROUNDS = ["CS", "Computer Science", "B.Tech CSE", "IIT + IIM", "Non-tech", "Pharma marketing", "MBA", ""]
MAP_CONTEXT = ("--from", "in", "--to", "us", "--market-column", "Location", "--years-column", "Years",
    "--background-column", "Background")  # fmt: skip


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def _titles(rows: Sequence[tuple[str, str, str]]) -> list[str]:
    return list(dict.fromkeys(t for t, _, _ in rows))[:1_000]


def write_csv(path: Path, titles: list[str], n: int, varied: bool) -> None:
    """A CSV of ``n`` candidates: id, title, location, years, background."""
    pick = random.Random(16)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "Location", "Years", "Background"])
        for i in range(n):
            t = titles[(i * 7919) % len(titles)]  # spread, not in blocks
            title = f"{t} {i}" if varied and i % 10 == 0 else t
            w.writerow([i, title, pick.choice(MARKETS), pick.choice(YEARS), pick.choice(BACKGROUNDS)])


def bench_csv(
    rows: Sequence[tuple[str, str, str]], n: int, workdir: Path, child: Child
) -> list[dict[str, Any]]:
    """Section f: three CLI runs on an n-row CSV, each beside a csv copy of its file."""
    titles = _titles(rows)
    plain, varied = workdir / "titles.csv", workdir / "varied.csv"
    write_csv(plain, titles, n, varied=False)
    write_csv(varied, titles, n, varied=True)
    runs = [
        (f"normalize, {len(titles)} titles", plain, ("normalize", "--market", "us")),
        ("normalize, 1 in 10 unseen", varied, ("normalize", "--market", "us")),
        ("map + market/years/background", plain, ("map", *MAP_CONTEXT)),
    ]
    results = []
    for kind, src, command in runs:
        out = workdir / "out.csv"
        try:
            _, cli_s, cli_rss, _ = child(
                RUN_CLI, *command, "--input", str(src), "--output", str(out), "--quiet"
            )
        except RuntimeError as exc:
            results.append({"kind": kind, "skipped": f"the CLI failed: {exc}"})
            continue
        with out.open(newline="", encoding="utf-8") as f:
            rows_out = sum(1 for _ in csv.reader(f)) - 1
        _, copy_s, copy_rss, _ = child(COPY_CSV, str(src), str(workdir / "copy.csv"))
        results.append({
            "kind": kind, "rows": n, "rows_out": rows_out, "input_mb": src.stat().st_size / 1e6,
            "cli_s": cli_s, "cli_rows_per_s": _rate(n, cli_s), "cli_peak_rss_kib": cli_rss,
            "csv_copy_s": copy_s, "csv_copy_rows_per_s": _rate(n, copy_s), "csv_copy_peak_rss_kib": copy_rss,
        })  # fmt: skip
    return results


# -- g: a workbook ----------------------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"


def write_workbook(path: Path, titles: list[str], n: int) -> None:
    """An .xlsx of ``n`` candidates as Excel writes one: text in a shared strings table, ids and
    salaries as numbers, the application date as a number with a date format."""
    pick = random.Random(17)
    strings: dict[str, int] = {}

    def s(text: str) -> str:
        return f'<c r="{{}}" t="s"><v>{strings.setdefault(text, len(strings))}</v></c>'

    header = ["ID", "Name", "Title", "Company", "Location", "Years", "Background", "Applied on", "Salary"]
    companies = ["Google", "Flipkart", "Razorpay", "Acme Bank", "Swiggy", "Zalando", "Globex"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            sheet.write(_row(1, [s(h) for h in header]).encode())
            for i in range(n):
                cells = [
                    f'<c r="{{}}"><v>{i + 1}</v></c>',
                    s(f"Candidate {i % 5000}"),
                    s(titles[(i * 7919) % len(titles)]),
                    s(pick.choice(companies)),
                    s(pick.choice(MARKETS)),
                    s(pick.choice(YEARS)) if i % 3 else f'<c r="{{}}"><v>{pick.randint(0, 20)}</v></c>',
                    s(pick.choice(BACKGROUNDS)),
                    f'<c r="{{}}" s="1"><v>{45292 + i % 365}</v></c>',
                    f'<c r="{{}}"><v>{pick.randint(30, 200) * 1000}</v></c>',
                ]
                sheet.write(_row(i + 2, cells).encode())
            sheet.write(b"</sheetData></worksheet>")
        items = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        book.writestr(
            "xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}" uniqueCount="{len(strings)}">{items}</sst>'
        )
        book.writestr("xl/styles.xml", f'<styleSheet xmlns="{_MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
            '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')  # fmt: skip
        book.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>'
            '<sheet name="Candidates" sheetId="1" r:id="rId1"/></sheets></workbook>')  # fmt: skip
        book.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{_PACKAGE}">'
            f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{_RELS}/styles" Target="styles.xml"/>'
            "</Relationships>")  # fmt: skip
        book.writestr("_rels/.rels", f'<Relationships xmlns="{_PACKAGE}"><Relationship Id="rId1" '
            f'Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')  # fmt: skip
        book.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
            'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')  # fmt: skip


def _row(number: int, cells: list[str]) -> str:
    letters = "ABCDEFGHIJ"
    return (
        f'<row r="{number}">'
        + "".join(c.format(f"{letters[i]}{number}") for i, c in enumerate(cells))
        + "</row>"
    )


def bench_workbook(
    rows: Sequence[tuple[str, str, str]], n: int, workdir: Path, child: Child
) -> dict[str, Any]:
    """Section g: ``titlemap map`` on an n-row workbook (and one of n/10 rows, for memory) vs an
    openpyxl read-and-write copy of it."""
    titles = _titles(rows)
    book, small = workdir / "book.xlsx", workdir / "small.xlsx"
    write_workbook(book, titles, n)
    write_workbook(small, titles, max(1, n // 10))
    out = workdir / "out.xlsx"
    command = ("map", "-c", "Title", *MAP_CONTEXT, "--quiet", "--output", str(out), "--input")
    try:
        _, cli_s, cli_rss, _ = child(RUN_CLI, *command, str(book))
        _, _, small_rss, _ = child(RUN_CLI, *command, str(small))
    except RuntimeError as exc:
        return {"skipped": f"the CLI failed: {exc}"}
    result: dict[str, Any] = {
        "rows": n, "input_mb": book.stat().st_size / 1e6, "cli_s": cli_s, "cli_rows_per_s": _rate(n, cli_s),
        "cli_peak_rss_kib": cli_rss, "cli_small_rows": max(1, n // 10), "cli_small_peak_rss_kib": small_rss,
    }  # fmt: skip
    try:
        _, copy_s, copy_rss, _ = child(COPY_XLSX, str(book), str(workdir / "copy.xlsx"))
    except RuntimeError as exc:
        result["openpyxl_skipped"] = f"openpyxl copy failed (is openpyxl installed?): {str(exc)[-200:]}"
        return result
    result.update(
        {
            "openpyxl_copy_s": copy_s,
            "openpyxl_copy_rows_per_s": _rate(n, copy_s),
            "openpyxl_copy_peak_rss_kib": copy_rss,
        }
    )
    return result
