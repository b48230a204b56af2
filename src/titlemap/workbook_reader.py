"""One worksheet of an Excel workbook read row by row, as Excel shows it.

:class:`WorkbookTable` streams a sheet's XML (never holding it whole) and gives its rows as
:class:`~titlemap.table.Record` objects, like the text readers:

- the sheet's real extent is read from its cells, never from its ``<dimension>`` tag (which
  workbooks written by scripts often leave stale or set to the whole sheet);
- the first sheet that is a worksheet is read, or the one named (a chart sheet is refused);
  its first non-empty row is the header, and empty rows are skipped as blank lines are;
- cells read as Excel shows them: numbers as numbers, dates (a number with a date format) as
  dates, booleans, errors as their text (``#N/A``), a formula as its last computed value; a
  formula the workbook holds no computed value for reads as blank and its row is reported;
- a merged range reads as Excel shows it: its value in the first cell, which also gives it to
  every row the range covers (in its first column; the range's other columns are blank).

Excel's ``_xHHHH_`` escapes in text are decoded. See :mod:`titlemap.workbook_package` for the
limits that keep a hostile workbook from taking unbounded time or memory.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.parsers.expat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import InputError
from .table import Record, find_column
from .text_writer import FORMULA_STARTS
from .workbook_package import Package, Sheet, excel_datetime, local_name, unescape_text

__all__ = [
    "MAX_COLUMNS",
    "MAX_ROWS",
    "CellsAs",
    "RowPlace",
    "SheetLayout",
    "WorkbookTable",
    "cell_text",
    "column_index",
    "column_letter",
    "scan_layout",
]

#: The most rows an Excel sheet holds, the header included.
MAX_ROWS = 1_048_576
#: The most columns an Excel sheet holds.
MAX_COLUMNS = 16_384

#: How a row's cells are given: ``"native"`` keeps Excel's values (numbers, dates), ``"text"``
#: gives every cell as text (:func:`cell_text`) for CSV and TSV, ``"json"`` an object keyed by
#: the header (with its JSON text) for JSON Lines.
CellsAs = Literal["native", "text", "json"]

_LETTERS = re.compile(r"[A-Z]{1,3}")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)


def column_index(letters: str) -> int:
    """The 0-based index of a column's letters: ``A`` is 0, ``AB`` 27."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def column_letter(index: int) -> str:
    """The letters of a 0-based column index: 0 is ``A``, 27 ``AB``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV would hold: "" for empty, ``5`` for 5.0, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# -- the layout: a first pass over the sheet -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """What a first pass over a sheet finds: the last column anything uses (cells, merged ranges,
    tables; -1 for none) and the merged ranges (first column, first row, last column, last row;
    columns 0-based, rows as numbered)."""

    last_column: int
    merges: tuple[tuple[int, int, int, int], ...]


# A cell's reference: r="AB12" (a row's r holds digits only; \b keeps ref="..." out).
_CELL_REF = re.compile(rb"\br=\"([A-Z]{1,3})[0-9]+\"")
_MERGE = re.compile(
    rb"<(?:[A-Za-z_][\w.\-]*:)?mergeCell\s[^>]*?\bref=\"([A-Z]{1,3})([0-9]+)(?::([A-Z]{1,3})([0-9]+))?\""
)
_SHEET_DATA = re.compile(rb"<([A-Za-z_][\w.\-]*:)?sheetData[\s>/]")
_OVERLAP = 4096


def scan_layout(package: Package, sheet: Sheet) -> SheetLayout:
    """A first pass over a sheet's XML: its last used column and its merged ranges."""
    last, tags, referenced = -1, 0, 0
    merges: set[tuple[int, int, int, int]] = set()
    tail, prefix = b"", None
    for chunk in package.chunks(sheet.path):
        data, old = tail + chunk, len(tail)  # a tag cut by the chunk's end is found whole next time
        if prefix is None and (found := _SHEET_DATA.search(data)) is not None:
            prefix = found.group(1) or b""
        letters = set()
        for m in _CELL_REF.finditer(data, max(0, old - 16)):
            letters.add(m.group(1))
            referenced += m.end() > old  # counted once: a match ending in the overlap was counted
        if letters:
            last = max(last, *(column_index(found.decode()) for found in letters))
        opening = b"<" + (prefix or b"") + b"c"
        tags += sum(chunk.count(opening + end) for end in (b" ", b">", b"/"))
        if b"mergeCell" in data:
            for m in _MERGE.finditer(data):
                a, r1, b, r2 = m.group(1).decode(), int(m.group(2)), m.group(3), m.group(4)
                merges.add((column_index(a), r1, column_index(b.decode() if b else a), int(r2 or r1)))
        tail = data[-_OVERLAP:]
    if tags > referenced + 64:  # cells without an r="A1" reference: count them on a real parse
        last = max(last, _last_column_by_parsing(package, sheet))
    for first_col, _, last_col, _ in merges:
        last = max(last, last_col, first_col)
    for ref in _table_refs(package, sheet):
        last = max(last, ref)
    return SheetLayout(last, tuple(sorted(merges)))


def _last_column_by_parsing(package: Package, sheet: Sheet) -> int:
    parser = _SheetParser([], frozenset(), False, keep_cells=False)
    last = -1
    for chunk in package.chunks(sheet.path):
        parser.feed(chunk)
        for row in parser.take():
            last = max(last, max(row.values, default=-1), row.last_column)
    parser.feed(b"", final=True)
    return last


def _table_refs(package: Package, sheet: Sheet) -> list[int]:
    """The last column of each table (Format as Table) on the sheet."""
    found: list[int] = []
    for kind, path in package.relationships(sheet.path).values():
        if kind != "table" or not package.has(path):
            continue

        def on_start(name: str, attrs: dict[str, str]) -> None:
            if name == "table":
                letters = _LETTERS.findall(attrs.get("ref", ""))
                if letters:
                    found.append(column_index(letters[-1]))

        package.xml(path, on_start)
    return found


# -- the rows: a streaming parse -----------------------------------------------------------------------


@dataclass(slots=True)
class RowPlace:
    """Where a row sits in the sheet's XML: the byte offsets of ``<row`` and of its end tag, and
    each cell's column and start offset (with the offset of the event that ended it)."""

    start: int
    end: int
    cells: list[tuple[int, int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Row:
    number: int
    values: dict[int, Any]
    place: RowPlace
    last_column: int = -1
    problems: list[str] = field(default_factory=list)
    uncomputed: list[int] = field(default_factory=list)  # formula cells with no computed value


class _LocalNames(dict[str, str]):
    """Element names as written -> their local names, filled on first sight."""

    def __missing__(self, name: str) -> str:
        self[name] = local = local_name(name)
        return local


class _ColumnIndexes(dict[str, int]):
    """Column letters -> 0-based indexes, filled on first sight (a cell with a malformed
    reference is refused as invalid XML would be)."""

    def __missing__(self, letters: str) -> int:
        if not letters or len(letters) > 3 or not letters.isascii() or not letters.isupper():
            raise InputError(f"a cell reference {letters!r} that is not a column")
        self[letters] = index = column_index(letters)
        return index


_COLUMNS = _ColumnIndexes()
_DIGITS = "0123456789"


class _SheetParser:
    """Expat over a sheet's XML (no namespace processing: the prefix as written is kept, for the
    cells a writer adds), collecting finished rows."""

    def __init__(
        self, strings: list[str], date_styles: frozenset[int], date1904: bool, keep_cells: bool
    ) -> None:
        self._strings = strings
        self._dates = date_styles
        self._date1904 = date1904
        self._keep_cells = keep_cells
        self.prefix = ""  # the main namespace's prefix as written ("x:"), for added cells
        self._done: list[_Row] = []
        self._row: _Row | None = None
        self._number = 0
        self._column = -1
        self._cell: tuple[int, str, str | None, int] | None = None  # column, type, style, start
        self._value: str | None = None
        self._formula = False
        self._texts: list[str] = []
        self._capture = False
        self._inline = False
        self._phonetic = 0
        self._locals = _LocalNames()
        parser = xml.parsers.expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._data
        parser.StartDoctypeDeclHandler = self._refuse
        parser.EntityDeclHandler = self._refuse
        self._parser = parser

    def feed(self, chunk: bytes, final: bool = False) -> None:
        """Parse the next bytes of the sheet.

        Raises:
            InputError: for XML that is not well formed, or a document type declaration.
        """
        try:
            self._parser.Parse(chunk, final)
        except xml.parsers.expat.ExpatError as exc:
            raise InputError(f"the sheet is not valid XML ({exc})") from None

    def take(self) -> list[_Row]:
        """The rows finished since the last call."""
        done, self._done = self._done, []
        return done

    @staticmethod
    def _refuse(*_: object) -> None:
        raise InputError("the sheet holds a document type declaration, which a workbook never holds")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = self._locals[name]
        if local == "c":
            ref = attrs.get("r")
            self._column = _COLUMNS[ref.rstrip(_DIGITS)] if ref else self._column + 1
            self._cell = (self._column, attrs.get("t", "n"), attrs.get("s"), self._parser.CurrentByteIndex)
            self._value, self._formula, self._inline = None, False, False
            self._texts = []
        elif local == "v":
            self._capture, self._texts = True, []
        elif local == "t":
            self._capture = self._inline and not self._phonetic
        elif local == "f":
            self._formula = True
        elif local == "is":
            self._inline = True
        elif local == "rPh":
            self._phonetic += 1
        elif local == "row":
            ref = attrs.get("r")
            self._number = int(ref) if ref and ref.isdigit() else self._number + 1
            self._row = _Row(self._number, {}, RowPlace(self._parser.CurrentByteIndex, -1))
            self._column = -1
        elif local == "sheetData":
            self.prefix = name[: len(name) - len(local)]

    def _data(self, text: str) -> None:
        if self._capture:
            self._texts.append(text)

    def _end(self, name: str) -> None:
        local = self._locals[name]
        if local == "v":
            self._value, self._capture = "".join(self._texts), False
        elif local == "t":
            self._capture = False
        elif local == "rPh":
            self._phonetic -= 1
        elif local == "c":
            self._end_cell()
        elif local == "row" and self._row is not None:
            self._row.place.end = self._parser.CurrentByteIndex
            self._done.append(self._row)
            self._row = None

    def _end_cell(self) -> None:
        row, cell = self._row, self._cell
        if row is None or cell is None:
            return
        column, kind, style, start = cell
        value = self._cell_value(kind, style, row)
        if value is not None:
            row.values[column] = value
        elif self._formula:
            row.uncomputed.append(column)
        row.last_column = max(row.last_column, column)
        if self._keep_cells:
            row.place.cells.append((column, start, self._parser.CurrentByteIndex))
        self._cell = None

    def _cell_value(self, kind: str, style: str | None, row: _Row) -> Any:
        if kind == "inlineStr":
            return unescape_text("".join(self._texts)) if self._inline else None
        text = self._value
        if text is None:
            return None
        if kind == "s":
            index = int(text) if text.isdigit() else -1
            if 0 <= index < len(self._strings):
                return self._strings[index]
            row.problems.append(f"a cell refers to shared string {text!r}, which the workbook does not hold")
            return None
        if kind in ("str", "e"):
            return unescape_text(text)
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(text.rstrip("Z"))
            except ValueError:
                return text
        return self._number_value(text, style)

    def _number_value(self, text: str, style: str | None) -> Any:
        if not text:
            return None  # <v/>: no computed value
        try:
            number: float | int = float(text) if "." in text or "e" in text or "E" in text else int(text)
        except ValueError:
            return text  # not a number after all: kept as the workbook holds it
        if style is not None and style.isdigit() and int(style) in self._dates:
            return excel_datetime(number, self._date1904)
        return number


# -- the table -------------------------------------------------------------------------------------------


class WorkbookTable:
    """The rows of one worksheet as :class:`~titlemap.table.Record` objects (the Table protocol).

    ``line`` is the sheet's row number; ``place`` is where the row sits in the sheet's XML (for
    :class:`~titlemap.workbook_writer.WorkbookCopy`). With ``keep_bytes``, the sheet's XML read
    so far is kept until :meth:`take` hands it on.

    Raises:
        InputError: for an unknown sheet (naming the sheets), a chart sheet, a missing or
            duplicated column (naming the columns), or a workbook refused by the package limits.
    """

    def __init__(
        self,
        package: Package,
        column: str,
        sheet: str | None = None,
        *,
        cells: CellsAs = "native",
        keep_bytes: bool = False,
    ) -> None:
        self.package = package
        self.sheet = _choose(package, sheet)
        self.layout = scan_layout(package, self.sheet)
        self._cells = cells
        self._keep = keep_bytes
        strings, dates = package.shared_strings(), package.date_styles()
        self._parser = _SheetParser(strings, dates, package.date1904, keep_bytes)
        self._chunks = package.chunks(self.sheet.path)
        self._buffer = bytearray()
        self._base = 0  # the offset in the sheet's XML of the buffer's first byte
        self._cut = 0  # where the next take() starts, in the buffer
        self._pending: list[_Row] = []
        self._merged: dict[int, list[tuple[int, int, Any]]] = {}  # column -> (first row, last row, value)
        self.exhausted = False
        #: the rows and columns the sheet's cells use so far (row numbers, 0-based columns), its
        #: real extent once it is read to its end; None while no cell has been seen
        self.extent: tuple[int, int, int, int] | None = None
        #: the header row (its values and where it sits), or None for an empty sheet
        self.header_row: _Row | None = self._first_row()
        self.header: list[str] | None = None
        self.keys: list[str] = []
        self.index = 0
        if self.header_row is not None:
            raw = _trimmed([cell_text(self.header_row.values.get(i)) for i in range(_width(self.header_row))])
            self.index = find_column(raw, column, package.name)
            self.keys = _unique_keys(raw)
            self.header = [_inert(h) for h in raw] if cells == "text" else raw
        self.width = len(self.header) if self.header is not None else 0
        #: the columns whose formulas without a computed value are reported (every column when
        #: converting; for a workbook copy, where formulas are kept, the title and context ones)
        self.watch: set[int] | None = {self.index} if cells == "native" else None

    @property
    def prefix(self) -> str:
        """The prefix the sheet's XML gives its elements (``""`` or ``"x:"``)."""
        return self._parser.prefix

    def __iter__(self) -> Iterator[Record]:
        if self.header_row is None:
            return
        while True:
            for row in self._pending:
                record = self._record(row)
                if record is not None:
                    yield record
            self._pending = []
            if not self._read_more():
                return

    def take(self, upto: int) -> bytes:
        """The sheet's XML from where the previous call stopped up to ``upto`` (an offset)."""
        start = self._cut
        self._cut = max(start, upto - self._base)
        return bytes(self._buffer[start : self._cut])

    def peek(self, offset: int, size: int) -> bytes:
        """Up to ``size`` bytes of the sheet's XML kept from ``offset`` on (not handed on)."""
        start = offset - self._base
        return bytes(self._buffer[start : start + size])

    def rest(self) -> bytes:
        """The sheet's XML after the last :meth:`take`, to its end (the table read to its end)."""
        while self._read_more():
            self._pending = []
        return self.take(self._base + len(self._buffer))

    def _read_more(self) -> bool:
        """Parse the next chunk; False at the end of the sheet."""
        if self.exhausted:
            return False
        chunk = next(self._chunks, None)
        if self._keep:
            if self._cut > 1 << 20 or self._cut == len(self._buffer):  # hand-over done: compact
                del self._buffer[: self._cut]
                self._base += self._cut
                self._cut = 0
            if chunk is not None:
                self._buffer += chunk
        try:
            self._parser.feed(chunk or b"", final=chunk is None)
        except InputError as exc:
            raise InputError(f"{self.package.name}: {exc}") from None
        taken = self._parser.take()
        self._widen_extent(taken)
        self._pending.extend(taken)
        if chunk is None:
            self.exhausted = True
        return True

    def _widen_extent(self, rows: list[_Row]) -> None:
        for row in rows:
            if row.last_column < 0:
                continue  # a row without cells (a height, a style) is not part of the extent
            first = min(row.values, default=row.last_column)
            if row.uncomputed:
                first = min(first, *row.uncomputed)
            if self.extent is None:
                self.extent = (row.number, first, row.number, row.last_column)
            else:
                top, left, bottom, right = self.extent
                self.extent = (min(top, row.number), min(left, first), max(bottom, row.number),
                    max(right, row.last_column))  # fmt: skip

    def _first_row(self) -> _Row | None:
        """The header: the first row with a value (rows before it are left as they are)."""
        while True:
            for i, row in enumerate(self._pending):
                self._remember_merges(row)
                if any(cell_text(v).strip() for v in row.values.values()):
                    self._pending = self._pending[i + 1 :]
                    return row
            self._pending = []
            if not self._read_more():
                return None

    def _remember_merges(self, row: _Row) -> None:
        for first_col, first_row, _, last_row in self.layout.merges:
            if first_row == row.number and last_row > first_row and first_col in row.values:
                self._merged.setdefault(first_col, []).append((first_row, last_row, row.values[first_col]))

    def _record(self, row: _Row) -> Record | None:
        self._remember_merges(row)
        for column, spans in self._merged.items():
            if column not in row.values:
                for first, last, value in spans:
                    if first < row.number <= last:
                        row.values[column] = value
        if not any(v is not None and v != "" for v in row.values.values()):
            return None  # an empty row of the sheet, as a blank line of a CSV
        width = _width(row)
        values = [row.values.get(i) for i in range(width)]
        cell = values[self.index] if self.index < width else None
        title = None if cell is None else cell_text(cell)
        problems = list(row.problems)
        unread = [c for c in row.uncomputed if self.watch is None or c in self.watch]
        if unread:
            cells = ", ".join(f"{column_letter(c)}{row.number}" for c in unread)
            problems.append(
                f"{cells}: a formula with no computed value (the workbook was saved without calculating "
                "it), read as blank; open and save it in Excel to compute it"
            )
        if width > self.width:
            problems.append(f"{width} cells, the header has {self.width}; the extra cells are kept")
        problem = "; ".join(problems) or None
        if self._cells == "native":
            return Record(row.number, values, title, problem, None, row.place)
        if self._cells == "text":
            return Record(row.number, [_inert(cell_text(v)) for v in values], title, problem, None, row.place)
        obj = _object(self.keys, values)
        return Record(row.number, obj, title, problem, json.dumps(obj, ensure_ascii=False), row.place)


def _choose(package: Package, name: str | None) -> Sheet:
    worksheets = [s for s in package.sheets if s.kind == "worksheet"]
    if name is None:
        if not worksheets:
            raise InputError(f"{package.name}: the workbook has no worksheet (only charts or dialogs)")
        return worksheets[0]
    for sheet in package.sheets:
        if sheet.name == name:
            if sheet.kind != "worksheet":
                listed = ", ".join(repr(s.name) for s in worksheets) or "none"
                raise InputError(
                    f"{package.name}: {name!r} is a {sheet.kind.replace('sheet', ' sheet')}, not a table; "
                    f"its worksheets: {listed} (choose one with --sheet)"
                )
            return sheet
    listed = ", ".join(repr(s.name) for s in package.sheets)
    raise InputError(
        f"{package.name}: no sheet {name!r}; the workbook has {listed} (choose one with --sheet)"
    )


def _width(row: _Row) -> int:
    """The row's cells up to its last one with a value."""
    filled = [i for i, v in row.values.items() if v is not None and v != ""]
    return max(filled) + 1 if filled else 0


def _trimmed(header: list[str]) -> list[str]:
    while header and not header[-1].strip():
        header.pop()
    return header


def _inert(text: str) -> str:
    """Text from a workbook, where it could not run, made inert for a CSV: a cell that a
    spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``...) gets a ``'`` in front."""
    return f"'{text}" if len(text) > 1 and text[0] in _FORMULA_FIRST else text


def _unique_keys(header: Sequence[str]) -> list[str]:
    """JSON keys for header cells: each name once (``Notes``, ``Notes (2)``), a blank cell named
    after its column letter (``column F``)."""
    keys: list[str] = []
    taken: set[str] = set()
    for i, name in enumerate(header):
        key = name if name.strip() else f"column {column_letter(i)}"
        base, n = key, 1
        while key in taken:
            n += 1
            key = f"{base} ({n})"
        taken.add(key)
        keys.append(key)
    return keys


def _object(keys: list[str], values: list[Any]) -> dict[str, Any]:
    """A row as a JSON object: numbers and booleans kept, other cells as text, extra cells under
    ``_extra``."""
    obj: dict[str, Any] = {}
    padded = values + [None] * (len(keys) - len(values))
    for key, value in zip(keys, padded, strict=False):
        keep = value is None or isinstance(value, bool | int) or (isinstance(value, float) and value == value)
        obj[key] = value if keep else cell_text(value)
    if len(values) > len(keys):
        obj["_extra"] = [cell_text(v) for v in values[len(keys) :]]
    return obj
