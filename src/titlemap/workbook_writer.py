"""Workbooks written with the added columns: into a copy of the input workbook, or a new one.

:class:`WorkbookCopy` writes the added columns into a copy of the workbook that was read: every
part of the package is copied as it is (the other sheets, formats, hyperlinks, comments, freeze
panes, filters, tables, charts, macros of an .xlsm) except the sheet read, whose XML is copied
with the added cells inserted in each row, after the last column the sheet uses (or in place of
an earlier run's added columns, so a rerun gives the same workbook). The input's own cells are
never touched.

:class:`NewWorkbook` writes a table read from CSV, TSV or JSON Lines as a one-sheet workbook:
every column and the header kept (for JSON Lines: the keys, in the order they first appear, the
added columns after the first object's), text as text (never a formula), JSON numbers and
booleans as numbers and booleans; a frozen header row with a filter.

Both stream: the sheet is never held in memory. Text that an .xlsx cannot hold is handled so that
nothing changes silently: a JSON number past a float's range (``1e400``, ``NaN``) is written as
the text the input wrote, control characters are replaced with U+FFFD, and the row is reported;
a cell over :data:`MAX_CELL_CHARS` characters, more rows than :data:`MAX_ROWS` or more columns
than :data:`MAX_COLUMNS` stop the run with the row named (the output file is not made).
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from .columns import Value
from .errors import InputError
from .output_files import replaced_atomically, write_errors_named
from .table import Record, added_names
from .text_reader import NumberText
from .workbook_package import Package
from .workbook_reader import MAX_COLUMNS, MAX_ROWS, WorkbookTable, column_letter

__all__ = ["MAX_CELL_CHARS", "MAX_COLUMNS", "MAX_ROWS", "NewWorkbook", "WorkbookCopy", "workbook_output"]

#: The most characters an Excel cell holds.
MAX_CELL_CHARS = 32_767
# Characters XML 1.0 (so an .xlsx) cannot hold.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Text Excel would read as an escape (_x000D_): its underscore is written escaped.
_LOOKS_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_CHUNK = 1 << 16
_EXACT_INTEGER = 10**15  # Excel keeps 15 significant digits: larger integers are written as text
_ZIP64_FROM = 256 << 20


@contextmanager
def workbook_output(path: str | None) -> Iterator[str]:
    """A temporary file path next to ``path``, moved over it when the block succeeds and removed
    when it fails (an existing file is left as it was); a full disk names the file.

    Raises:
        InputError: without a file to write (standard output cannot hold a workbook), or when
            the folder cannot be written.
    """
    if path is None or path == "-" or path.startswith(("/dev/", "/proc/")):
        raise InputError("an .xlsx output needs --output FILE.xlsx (a workbook cannot go to a stream)")
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise InputError(f"cannot write {path}: it is a directory")
    with write_errors_named(path), replaced_atomically(path, target) as tmp:
        yield tmp


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "_x" in text:
        text = _LOOKS_ESCAPED.sub(r"_x005F_\1", text)
    return text


class _Cells:
    """Cell XML for values, checked against what a workbook holds."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.problem: str | None = None

    def cell(self, column: int, row: int, value: Any, name: str, style: str = "") -> str:
        """One cell; ``name`` is the column's name, for messages. None gives no cell."""
        if value is None:
            return ""
        ref = f"{column_letter(column)}{row}"
        p = self.prefix
        if isinstance(value, bool):
            return f'<{p}c r="{ref}"{style} t="b"><{p}v>{int(value)}</{p}v></{p}c>'
        if isinstance(value, int) and abs(value) < _EXACT_INTEGER:
            return f'<{p}c r="{ref}"{style}><{p}v>{value}</{p}v></{p}c>'
        if isinstance(value, float) and math.isfinite(value):
            return f'<{p}c r="{ref}"{style}><{p}v>{value!r}</{p}v></{p}c>'
        text = value if isinstance(value, str) else _as_text(value)
        if isinstance(value, NumberText):
            said = f"column {name!r}: the number {value} is beyond what an .xlsx holds; written as text"
            self.problem = said if self.problem is None else f"{self.problem}; {said}"
        if len(text) > MAX_CELL_CHARS:
            raise InputError(
                f"line {row}: column {name!r} holds {len(text):,} characters; an Excel cell holds at most "
                f"{MAX_CELL_CHARS:,} (write CSV instead: --output FILE.csv)"
            )
        if _ILLEGAL.search(text):
            text = _ILLEGAL.sub("\ufffd", text)
            said = "control characters an .xlsx cannot hold were replaced with U+FFFD"
            self.problem = said if self.problem is None else f"{self.problem}; {said}"
        space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
        return (
            f'<{p}c r="{ref}"{style} t="inlineStr"><{p}is><{p}t{space}>{_escape(text)}</{p}t></{p}is></{p}c>'
        )


def _as_text(value: Any) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _copy_part(
    source: zipfile.ZipFile, info: zipfile.ZipInfo, out: zipfile.ZipFile, package: Package
) -> None:
    """A part of the package copied as it is (inflated within the package's limits)."""
    with out.open(_same_info(info), "w") as target:
        for chunk in package.chunks(info.filename):
            target.write(chunk)


def _same_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = zipfile.ZIP_DEFLATED
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    return copy


class WorkbookCopy:
    """The input workbook copied to ``path`` with the added columns in the sheet read (a Sink).

    Build it after the table's header is read; :meth:`write` each record in order; :meth:`save`
    writes the rest of the package, :meth:`discard` gives up (after an error).

    Raises:
        InputError: when the added columns would pass :data:`MAX_COLUMNS`, or (from
            :meth:`write`) a cell cannot be written.
    """

    def __init__(self, table: WorkbookTable, path: str, added: Sequence[str]) -> None:
        self._table = table
        self._package = table.package
        self._sheet = table.sheet.path
        header = table.header or []
        names, start = added_names(header, added)
        self.renamed = [n for n, a in zip(names, added, strict=True) if n != a]
        self._start = start if start is not None else table.layout.last_column + 1
        self._replace = start is not None
        self._width = len(added)
        if self._start + self._width > MAX_COLUMNS:
            raise InputError(
                f"{self._package.name}: the sheet uses {self._start:,} columns; with the added ones it would "
                f"pass the {MAX_COLUMNS:,} an Excel sheet holds"
            )
        self._cells = _Cells(table.prefix)
        self._names = names
        self._last = self._start + self._width - 1
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._order = self._package.zip.infolist()
        self._after: list[zipfile.ZipInfo] = []
        self._out: IO[bytes] | None = None
        self._sheet_info: zipfile.ZipInfo | None = None
        self._head = b""  # the sheet's bytes before its header row, with its <dimension>
        self._rows = 0  # the last row number written
        self._open_sheet()

    def _open_sheet(self) -> None:
        before = True
        for info in self._order:
            if info.filename == self._sheet:
                before = False
                # the sheet is spooled and written at save(), when its <dimension> can say how
                # many rows it really has (an input's tag may be out of date)
                self._sheet_info = info
                self._out = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115 - closed by save() or discard()
            elif before:
                _copy_part(self._package.zip, info, self._zip, self._package)
            else:
                self._after.append(info)
        header = self._table.header_row
        if header is None or self._out is None:
            return
        self._head = self._table.take(header.place.start)
        if self._replace:
            return  # an earlier run's header cells stay: their names are the added names
        style = _style_of(self._table, header.place.start)
        cells = "".join(
            self._cells.cell(self._start + i, header.number, name, name, style)
            for i, name in enumerate(self._names)
        )
        self._write_row(header.place, cells)

    def write(self, record: Record, values: Sequence[Value]) -> str | None:
        """Copy the sheet up to this record's row, and the row with the added cells."""
        self._cells.problem = None
        cells = "".join(
            self._cells.cell(self._start + i, record.line, value, self._names[i])
            for i, value in enumerate(values)
        )
        self._write_row(record.place, cells)
        self._rows = max(self._rows, record.line)
        return self._cells.problem

    def _write_row(self, place: Any, cells: str) -> None:
        out = self._out
        assert out is not None
        table = self._table
        out.write(table.take(place.start))
        tag = table.take(place.start + _tag_length(table, place.start))
        out.write(_widened_spans(tag, self._last))
        data = cells.encode("utf-8")
        if not self._replace:
            out.write(table.take(place.end))
            out.write(data)
            return
        for column, start, end in place.cells:  # an earlier run's cells in the added columns go
            if self._start <= column <= self._last:
                out.write(table.take(start))
                table.take(_cell_end(table, start, end))
            elif column > self._last and data:
                out.write(table.take(start))
                out.write(data)
                data = b""
        out.write(table.take(place.end))
        out.write(data)

    def save(self) -> None:
        """Write the rest of the sheet and of the package, and close the file."""
        assert self._out is not None and self._sheet_info is not None
        spool = self._out
        spool.write(self._table.rest())
        self._out = None
        info = self._sheet_info
        big = info.file_size > _ZIP64_FROM  # the added cells may take it past 2 GiB
        with spool, self._zip.open(_same_info(info), "w", force_zip64=big) as out:
            out.write(_dimension(self._head, self._table, self._last, self._rows))
            spool.seek(0)
            while chunk := spool.read(_COPY_CHUNK):
                out.write(chunk)
        for info in self._after:
            _copy_part(self._package.zip, info, self._zip, self._package)
        self._zip.close()

    def discard(self) -> None:
        """Give up on the copy (after an error): its file is closed, to be removed."""
        with suppress(Exception):
            if self._out is not None:
                self._out.close()
        with suppress(Exception):
            self._zip.close()


#: A sheet being written is kept in memory up to this size, then in a temporary file.
_SPOOL_BYTES = 32 * 2**20
_COPY_CHUNK = 2**20


def _tag_length(table: WorkbookTable, start: int) -> int:
    """The length of the start tag at ``start`` (through its ``>``)."""
    head = table.peek(start, 4096)
    end = head.find(b">")
    return end + 1 if end >= 0 else len(head)


def _cell_end(table: WorkbookTable, start: int, event: int) -> int:
    """Where the cell starting at ``start`` ends, given the offset of its end event: after its
    ``</c>`` end tag, or at the event for a self-closing ``<c .../>``."""
    tail = table.peek(event, 64)
    if tail.startswith(b"</"):
        name = tail[2:].split(b">", 1)[0].strip()
        if name.rpartition(b":")[2] == b"c":
            return event + tail.find(b">") + 1
    return event


_SPANS = re.compile(rb'\bspans="(\d+):(\d+)"')
_DIMENSION = re.compile(
    rb'(<(?:[A-Za-z_][\w.\-]*:)?dimension\b[^>]*?\bref=")([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"'
)


def _widened_spans(tag: bytes, last: int) -> bytes:
    """A row's start tag with its ``spans`` hint (if any) covering the added columns."""
    found = _SPANS.search(tag)
    if found is None or int(found.group(2)) > last:
        return tag
    return tag[: found.start()] + b'spans="%s:%d"' % (found.group(1), last + 1) + tag[found.end() :]


def _dimension(head: bytes, table: WorkbookTable, last: int, rows: int) -> bytes:
    """The sheet's first bytes with its ``<dimension>`` the sheet's real extent, read to its end:
    the rows and columns its cells use, merged ranges and tables, the added columns (through
    ``last``) and every row written (through ``rows``). The input's tag is not trusted: it may
    say fewer rows than the sheet holds, or every cell of the sheet."""
    found = _DIMENSION.search(head)
    if found is None or table.extent is None:
        return head
    top, left, bottom, right = table.extent
    for first_col, first_row, last_col, last_row in table.layout.merges:
        top, left = min(top, first_row), min(left, first_col)
        bottom, right = max(bottom, last_row), max(right, last_col)
    right = max(right, last, table.layout.last_column)
    bottom = max(bottom, rows)
    ref = b'%s%s%d:%s%d"' % (
        found.group(1),
        column_letter(left).encode(),
        top,
        column_letter(right).encode(),
        bottom,
    )
    return head[: found.start()] + ref + head[found.end() :]


def _style_of(table: WorkbookTable, start: int) -> str:
    """The style attribute of the header row's title cell, for the added header cells."""
    header = table.header_row
    if header is None:
        return ""
    for column, cell_start, _ in header.place.cells:
        if column == table.index:
            found = re.search(rb'\bs="(\d+)"', table.peek(cell_start, 256).split(b">", 1)[0])
            return f' s="{found.group(1).decode()}"' if found else ""
    return ""


# -- a new workbook ----------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sheet_title(name: str) -> str:
    """A valid sheet title: at most 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31].strip("'") or "titlemap"


class NewWorkbook:
    """A table read from CSV, TSV or JSON Lines written as a one-sheet workbook (a Sink).

    The rows are written to a temporary file as they come (the header of a JSON Lines table is
    only known at the end); :meth:`save` writes the package. Columns: the header's (for JSON
    Lines, the first object's keys), the added ones (an earlier run's replaced in place), then
    any extra fields, and keys first seen on later lines.

    Raises:
        InputError: (from :meth:`write`) on a cell over :data:`MAX_CELL_CHARS` characters, the
            row past :data:`MAX_ROWS`, or a column past :data:`MAX_COLUMNS`.
    """

    def __init__(
        self, path: str, header: list[str] | None, added: Sequence[str], sheet: str = "titlemap"
    ) -> None:
        self._path = path
        self._added = list(added)
        self._sheet = _sheet_title(sheet)
        self._cells = _Cells()
        self._spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by save or discard
        self._rows = 1  # the header is row 1
        self.renamed: list[str] = []
        self._columns: list[str] = []  # every column's name, in order
        self._keys: dict[str, int] = {}  # JSON Lines: key -> column
        self._start = 0
        self._header_width = 0
        self._replacing = False
        if header is not None:
            self._place(list(header))

    def _place(self, names: list[str]) -> None:
        """The input's columns and, after them (or over an earlier run's), the added ones."""
        found, start = added_names(names, self._added)
        self.renamed = [n for n, a in zip(found, self._added, strict=True) if n != a]
        self._header_width = len(names)
        self._replacing = start is not None
        self._start = start if start is not None else len(names)
        self._columns = list(names) if start is not None else [*names, *found]
        for i, name in enumerate(names):
            self._keys.setdefault(name, i)

    def _is_added(self, column: int) -> bool:
        return self._replacing and self._start <= column < self._start + len(self._added)

    def write(self, record: Record, values: Sequence[Value]) -> str | None:
        """Write one row: its cells, the added cells, then extra fields or keys."""
        if self._rows >= MAX_ROWS:
            raise InputError(
                f"line {record.line}: more rows than an Excel sheet holds ({MAX_ROWS:,}, the header "
                "included); write CSV instead (--output FILE.csv)"
            )
        self._rows += 1
        self._cells.problem = None
        data = record.data
        if isinstance(data, dict):
            if not self._columns:
                self._place(list(data))
            placed = [(self._column_of(key, record.line), value) for key, value in data.items()]
        else:
            placed = [(self._field_column(i), value) for i, value in enumerate(data) if value != ""]
        placed = [(c, v) for c, v in placed if not self._is_added(c)]  # an earlier run's: replaced
        placed += [(self._start + i, value) for i, value in enumerate(values)]
        placed.sort(key=lambda cv: cv[0])
        row = self._rows
        cells = "".join(self._cells.cell(c, row, v, self._columns[c]) for c, v in placed)
        self._spool.write(f'<row r="{row}">{cells}</row>'.encode())
        return self._cells.problem

    def _field_column(self, i: int) -> int:
        """The column of a CSV or TSV row's field ``i``: extra fields go after the added columns."""
        if i < self._header_width:
            return i
        column = i if self._replacing else i + len(self._added)
        self._extend(column, "", 0)
        return column

    def _column_of(self, key: str, line: int) -> int:
        column = self._keys.get(key)
        if column is None:
            column = self._keys[key] = len(self._columns)
            self._extend(column, key, line)
        return column

    def _extend(self, column: int, name: str, line: int) -> None:
        while len(self._columns) <= column:
            if len(self._columns) >= MAX_COLUMNS:
                raise InputError(f"line {line}: more columns than an Excel sheet holds ({MAX_COLUMNS:,})")
            self._columns.append(name)

    def save(self) -> None:
        """Write the workbook: the header row, then the rows written."""
        last = column_letter(max(len(self._columns), 1) - 1)
        with zipfile.ZipFile(self._path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as book:
            book.writestr("[Content_Types].xml", _CONTENT_TYPES)
            book.writestr("_rels/.rels", _ROOT_RELS)
            book.writestr(
                "xl/workbook.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
                f'xmlns:r="{_RELS}"><sheets><sheet name="{_escape(self._sheet)}" sheetId="1" r:id="rId1"/>'
                "</sheets></workbook>",
            )
            book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
            book.writestr("xl/styles.xml", _STYLES)
            info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with book.open(info, "w", force_zip64=self._spool.tell() > _ZIP64_FROM) as sheet:
                self._write_sheet(sheet, last)
        self._spool.close()

    def _write_sheet(self, sheet: IO[bytes], last: str) -> None:
        header = "".join(self._cells.cell(i, 1, name, name, ' s="1"') for i, name in enumerate(self._columns))
        sheet.write(
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
            f'<dimension ref="A1:{last}{self._rows}"/><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView>'
            f'</sheetViews><sheetData><row r="1">{header}</row>'.encode()
        )
        self._spool.seek(0)
        while chunk := self._spool.read(_CHUNK):
            sheet.write(chunk)
        sheet.write(f'</sheetData><autoFilter ref="A1:{last}{self._rows}"/></worksheet>'.encode())

    def discard(self) -> None:
        """Give up on the workbook (after an error)."""
        with suppress(Exception):
            self._spool.close()
