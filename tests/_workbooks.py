"""Workbooks as recruiters' files are, built for the tests with openpyxl and then patched where
openpyxl writes differently from Excel: text as shared strings, formulas with their computed
values, a VBA project (.xlsm)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

from openpyxl.chart import BarChart, Reference  # noqa: E402
from openpyxl.comments import Comment  # noqa: E402
from openpyxl.formatting.rule import CellIsRule  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: E402
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: E402
from openpyxl.worksheet.table import Table, TableStyleInfo  # noqa: E402

VBA = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 a VBA project, kept byte for byte" * 40

HEADER = [
    "ID",
    "Name",
    "Title",
    "Company",
    "Market",
    "Years",
    "Background",
    "Manages",
    "Previous titles",
    "LinkedIn",
    "Applied on",
    "Score",
    "Expected salary",
    "Notes",
]
ROWS: list[list[Any]] = [
    [
        "0001",
        "Asha Rao",
        "Sr. PM - Payments",
        "Razorpay",
        "Bengaluru, Karnataka, India",
        "6 yrs",
        "B.Tech CSE",
        "5 reports",
        "SDE > SDE 2 > PM",
        "https://www.linkedin.com/in/asha",
        dt.datetime(2024, 3, 1),
        None,
        3_500_000,
        "strong",
    ],
    [
        "0002",
        "Ben Müller",
        "Produktmanager (m/w/d)",
        "Zalando",
        "Germany",
        4,
        "Computer Science",
        "no",
        None,
        "https://www.linkedin.com/in/ben",
        dt.datetime(2024, 3, 2),
        None,
        85_000,
        '=HYPERLINK("http://evil.example")',
    ],
    [
        "0003",
        "Chen Li",
        "Senior Produktmanager",
        "SAP",
        None,
        "8",
        "IIT + IIM",
        "Y",
        "Consultant → PM",
        None,
        dt.datetime(2024, 3, 3),
        None,
        95_000,
        "merged market above",
    ],
    [
        "0004",
        "Dana Cruz",
        "Product Owner",
        "Acme Bank",
        "Remote - US",
        "10+",
        "Non-tech",
        "N",
        None,
        "https://www.linkedin.com/in/dana",
        dt.datetime(2024, 3, 4, 9, 30),
        None,
        120_000,
        None,
    ],
    [
        "0005",
        "Eve Adams",
        "Project Manager",
        "Globex",
        "London, UK",
        "12",
        "Pharma marketing",
        "team of 4",
        None,
        None,
        dt.datetime(2024, 3, 5),
        None,
        70_000,
        "not a PM",
    ],
    [
        "0006",
        "Farah Khan",
        "Group PM @ Swiggy",
        "Swiggy",
        "Mumbai (Hybrid)",
        "5+ yrs (2 in PM)",
        "MBA",
        "yes",
        None,
        None,
        dt.datetime(2024, 3, 6),
        None,
        6_000_000,
        "-",
    ],
]


def candidates_book(path: Path, *, macros: bool = False, shared: bool = True) -> Path:
    """A candidate workbook: a summary sheet with a chart, the candidates (formats, hyperlinks,
    comments, a merged market, dates, formulas with and without computed values, a filter, frozen
    panes, validation, conditional formatting), a sheet of lists holding a table, and a chart
    sheet."""
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "Summary"
    summary["A1"] = "Candidates"
    summary["A1"].font = Font(bold=True, size=14)
    summary["A2"] = "=COUNTA(Candidates!C2:C7)"
    summary["B2"] = dt.date(2024, 3, 31)
    summary["B2"].number_format = "dd/mm/yyyy"
    sheet = book.create_sheet("Candidates")
    _fill_candidates(sheet)
    lists = book.create_sheet("Lists")
    lists.append(["Market", "Code"])
    for market, code in [("India", "in"), ("United States", "us"), ("Germany", "de")]:
        lists.append([market, code])
    table = Table(displayName="Markets", ref="A1:B4")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
    lists.add_table(table)
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=13, min_row=1, max_row=7), titles_from_data=True)
    summary.add_chart(chart, "D2")
    graph = book.create_chartsheet("Chart")
    pie = BarChart()
    pie.add_data(Reference(sheet, min_col=13, min_row=1, max_row=7), titles_from_data=True)
    graph.add_chart(pie)
    book.save(path)
    patches: dict[str, Callable[[bytes], bytes]] = {"xl/worksheets/sheet2.xml": _computed_scores}
    patch(path, patches)
    if shared:
        to_shared_strings(path)
    if macros:
        add_macros(path)
    return path


def _fill_candidates(sheet: Any) -> None:
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="305496")
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    thin = Side(style="thin", color="999999")
    for i, row in enumerate(ROWS, start=2):
        sheet.append(row)
        sheet.cell(i, 12, f"=LEN(C{i})")  # a score formula
        if str(row[13]).startswith("="):
            sheet.cell(i, 14).data_type = "s"  # text that looks like a formula: inert in Excel
        sheet.cell(i, 11).number_format = "yyyy-mm-dd"
        sheet.cell(i, 13).number_format = "#,##0"
        sheet.cell(i, 1).number_format = "@"
        sheet.cell(i, 14).border = Border(bottom=thin)
        if row[9]:
            sheet.cell(i, 10).hyperlink = row[9]
            sheet.cell(i, 10).style = "Hyperlink"
    sheet.merge_cells("E3:E4")  # Germany over Ben and Chen, as a recruiter groups them
    sheet["N2"].comment = Comment("Called on Monday", "Recruiter")
    sheet["C5"].fill = PatternFill("solid", fgColor="FFFF00")
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = "A1:N7"
    sheet.column_dimensions["C"].width = 32
    sheet.row_dimensions[3].height = 30
    check = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
    sheet.add_data_validation(check)
    check.add("H2:H7")
    sheet.conditional_formatting.add(
        "L2:L7",
        CellIsRule(operator="greaterThan", formula=["15"], fill=PatternFill("solid", fgColor="C6EFCE")),
    )


def _computed_scores(xml: bytes) -> bytes:
    """The score formulas of rows 2 to 5 with the value Excel computed; rows 6 and 7 without
    (as a script that wrote them and never recalculated leaves them)."""

    def computed(m: re.Match[bytes]) -> bytes:
        row = int(m.group(1))
        if row > 5:
            return m.group(0)
        value = len(str(ROWS[row - 2][2]))
        return m.group(0).replace(b"<v />", b"<v>%d</v>" % value).replace(b"<v/>", b"<v>%d</v>" % value)

    return re.sub(rb'<c r="L(\d+)"[^>]*><f>[^<]*</f><v ?/></c>', computed, xml)


def patch(
    path: Path, changes: dict[str, Callable[[bytes], bytes]], add: dict[str, bytes] | None = None
) -> None:
    """Rewrite parts of a package in place: each named part through its function; ``add`` more."""
    with zipfile.ZipFile(path) as book:
        parts = [(info, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in parts:
            book.writestr(info, changes[info.filename](data) if info.filename in changes else data)
        for name, data in (add or {}).items():
            book.writestr(name, data)


def to_shared_strings(path: Path) -> None:
    """Every inline string of every sheet moved to a shared strings table, as Excel writes text."""
    strings: dict[bytes, int] = {}

    def shared(xml: bytes) -> bytes:
        def one(m: re.Match[bytes]) -> bytes:
            index = strings.setdefault(m.group(3), len(strings))
            return b'%s t="s"%s><v>%d</v></c>' % (m.group(1), m.group(2), index)

        return re.sub(
            rb'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"([^>]*)><is><t[^>]*>(.*?)</t></is></c>', one, xml
        )

    with zipfile.ZipFile(path) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
    patch(path, dict.fromkeys(sheets, shared))
    items = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % s for s in strings)
    sst = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>' % (len(strings), len(strings), items)
    )
    rel = (
        b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    )
    kind = (
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    patch(
        path,
        {
            "xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", rel),
            "[Content_Types].xml": lambda x: x.replace(b"</Types>", kind),
        },
        {"xl/sharedStrings.xml": sst},
    )


def add_macros(path: Path) -> None:
    """The workbook made an .xlsm: a VBA project part, its relationship, macro-enabled content type."""
    rel = (
        b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        b'Target="vbaProject.bin"/></Relationships>'
    )
    kind = b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    patch(
        path,
        {
            "xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", rel),
            "[Content_Types].xml": lambda x: x.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            ).replace(b"</Types>", kind),
        },
        {"xl/vbaProject.bin": VBA},
    )


def parts(path: Path) -> dict[str, bytes]:
    """Every part of a package, inflated."""
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist()}


def assert_cells_kept(src: Path, out: Path, read: str) -> None:
    """Every sheet, and every cell of every sheet with its value, type and format, is in ``out``
    as in ``src``; the sheet ``read`` has the same cells and more columns."""
    for data_only in (False, True):
        a = openpyxl.load_workbook(src, data_only=data_only, keep_vba=True, keep_links=True)
        b = openpyxl.load_workbook(out, data_only=data_only, keep_vba=True, keep_links=True)
        assert a.sheetnames == b.sheetnames
        for name in a.sheetnames:
            one, two = a[name], b[name]
            assert type(one) is type(two), name
            if not hasattr(one, "iter_rows"):
                continue
            for row in one.iter_rows():
                for cell in row:
                    _same_cell(cell, two[cell.coordinate])
            if name != read:
                assert (one.max_row, one.max_column) == (two.max_row, two.max_column), name
            assert sorted(map(str, one.merged_cells.ranges)) == sorted(map(str, two.merged_cells.ranges))
            assert (one.freeze_panes, one.auto_filter.ref) == (two.freeze_panes, two.auto_filter.ref), name
            assert [str(v.sqref) for v in one.data_validations.dataValidation] == [
                str(v.sqref) for v in two.data_validations.dataValidation
            ]
            assert [str(r.sqref) for r in one.conditional_formatting] == [
                str(r.sqref) for r in two.conditional_formatting
            ]
            assert sorted(one.tables) == sorted(two.tables), name
            assert {k: d.width for k, d in one.column_dimensions.items()} == {
                k: d.width for k, d in two.column_dimensions.items()
            }
            assert {k: d.height for k, d in one.row_dimensions.items()} == {
                k: d.height for k, d in two.row_dimensions.items()
            }


def _same_cell(one: Any, two: Any) -> None:
    where = f"{one.parent.title}!{one.coordinate}"
    assert (one.value, one.data_type, one.number_format) == (two.value, two.data_type, two.number_format), (
        where
    )
    styles = ("font", "fill", "border", "alignment", "protection")  # style proxies compare by identity
    assert [repr(getattr(one, s)) for s in styles] == [repr(getattr(two, s)) for s in styles], where
    assert (one.hyperlink.target if one.hyperlink else None) == (
        two.hyperlink.target if two.hyperlink else None
    )
    assert (one.comment.text if one.comment else None) == (two.comment.text if two.comment else None), where


def raw_book(path: Any, sheet_xml: bytes, strings: bytes | None = None, level: int = 6) -> Any:
    """A minimal workbook around a sheet's XML (and a shared strings table)."""
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rels = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
        kind = b"application/vnd.openxmlformats-officedocument.spreadsheetml."
        book.writestr("[Content_Types].xml", b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'content-types"><Default Extension="xml" ContentType="application/xml"/><Default '
            b'Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Override PartName="/xl/workbook.xml" ContentType="' + kind + b'sheet.main+xml"/><Override '
            b'PartName="/xl/worksheets/sheet1.xml" ContentType="' + kind + b'worksheet+xml"/>'
            b"</Types>")  # fmt: skip
        book.writestr("_rels/.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="r1" Type="' + rels + b'/officeDocument" '
            b'Target="xl/workbook.xml"/></Relationships>')  # fmt: skip
        book.writestr("xl/workbook.xml", b"<workbook " + main + b' xmlns:r="' + rels + b'"><sheets>'
            b'<sheet name="People" sheetId="1" r:id="r1"/></sheets></workbook>')  # fmt: skip
        book.writestr("xl/_rels/workbook.xml.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"><Relationship Id="r1" Type="' + rels + b'/worksheet" '
            b'Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="' + rels + b'/sharedStrings" '
            b'Target="sharedStrings.xml"/></Relationships>')  # fmt: skip
        book.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if strings is not None:
            book.writestr("xl/sharedStrings.xml", strings)
    return path
