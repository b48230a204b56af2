"""Excel workbooks (.xlsx) as tables: one sheet read row by row, one sheet written (extra ``[xlsx]``).

Reading takes the first sheet, or the one named; its first non-empty row is the header. Cells
are read as Excel shows them: a formula cell as its last computed value, a date as a date.
Writing streams rows into a new workbook (openpyxl's write-only mode) saved atomically at the
end: text that would start a formula (``=``) is written as text, never as a formula, and a
table with more rows than a sheet holds (:data:`MAX_ROWS`) is refused before the file is made.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, Literal

from .errors import InputError
from .output_files import replaced_atomically
from .table import Record, Value, added_names, find_column
from .text_lines import binary_kind

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "XlsxSink", "XlsxTable", "cell_text", "xlsx_output"]

#: The most rows an Excel sheet holds, the header included.
MAX_ROWS = 1_048_576
#: The most columns an Excel sheet holds.
MAX_COLUMNS = 16_384
# Characters an .xlsx file cannot hold (XML 1.0 forbids them); openpyxl refuses them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")  # untyped: reached through Any on purpose
    except ImportError:
        raise InputError(".xlsx files need openpyxl: pip install 'titlemap[xlsx]'") from None


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


class XlsxTable:
    """The rows of one sheet as :class:`~titlemap.tabular.Record` objects (the Table protocol).

    ``line`` is the sheet's row number. ``cells`` says how a row is given: ``"native"`` keeps
    Excel's values (numbers, dates) for writing a workbook back; ``"text"`` gives every cell as
    text (:func:`cell_text`) for CSV and TSV; ``"json"`` gives an object keyed by the header
    (with its JSON text) for JSON Lines.

    Raises:
        InputError: for a file that is not a workbook, an unknown sheet (naming the sheets), a
            missing column (naming the columns), or openpyxl missing.
    """

    def __init__(
        self,
        stream: IO[bytes],
        name: str,
        column: str,
        sheet: str | None = None,
        *,
        cells: Literal["native", "text", "json"] = "native",
    ) -> None:
        openpyxl = _openpyxl()
        try:
            self._book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except Exception as exc:  # zipfile, XML and openpyxl errors alike: not a workbook
            stream.seek(0)
            kind = binary_kind(stream.read(16))
            if kind is not None and not kind.startswith("a zip"):
                raise InputError(f"{name}: {kind}") from None
            raise InputError(f"{name}: not an .xlsx workbook ({type(exc).__name__}: {exc})") from None
        names = self._book.sheetnames
        if sheet is None:
            self.sheet = names[0]
        elif sheet in names:
            self.sheet = sheet
        else:
            listed = ", ".join(repr(n) for n in names)
            raise InputError(
                f"{name}: no sheet {sheet!r}; the workbook has {listed} (choose one with --sheet)"
            )
        sheet_ = self._book[self.sheet]
        self.rows_declared: int | None = sheet_.max_row
        self._rows = sheet_.iter_rows(values_only=True)
        self._cells = cells
        self._line = 0
        self.header: list[str] | None = None
        for row in self._rows:
            self._line += 1
            if any(v is not None and cell_text(v).strip() for v in row):
                self.header = _trimmed([cell_text(v) for v in row])
                break
        self.width = len(self.header) if self.header is not None else 0
        self.index = find_column(self.header, column, name) if self.header is not None else 0

    def __iter__(self) -> Iterator[Record]:
        if self.header is None:
            return
        width, index = self.width, self.index
        try:
            for row in self._rows:
                self._line += 1
                values = list(row)
                while values and (values[-1] is None or values[-1] == ""):
                    values.pop()
                if not values:
                    continue  # an empty row of the sheet, as a blank line of a CSV
                cell = values[index] if index < len(values) else None
                title = None if cell is None else cell_text(cell)
                problem = None
                if len(values) > width:
                    problem = f"{len(values)} cells, the header has {width}; the extra cells are kept"
                if self._cells == "native":
                    yield Record(self._line, values, title, problem)
                elif self._cells == "text":
                    yield Record(self._line, [cell_text(v) for v in values], title, problem)
                else:
                    obj = _object(self.header, values)
                    yield Record(self._line, obj, title, problem, json.dumps(obj, ensure_ascii=False))
        finally:
            self._book.close()


def _object(header: list[str], values: list[Any]) -> dict[str, Any]:
    """A row as a JSON object: numbers and booleans kept, other cells as text, extra cells under
    ``_extra``."""
    obj: dict[str, Any] = {}
    padded = values + [None] * (len(header) - len(values))
    for name, value in zip(header, padded, strict=False):
        keep = value is None or isinstance(value, bool | int) or (isinstance(value, float) and value == value)
        obj[name] = value if keep else cell_text(value)
    if len(values) > len(header):
        obj["_extra"] = [cell_text(v) for v in values[len(header) :]]
    return obj


def _trimmed(header: list[str]) -> list[str]:
    while header and not header[-1].strip():
        header.pop()
    return header


class XlsxSink:
    """Rows written into a one-sheet workbook (the Sink protocol); :meth:`save` writes the file.

    Added cells follow :func:`~titlemap.tabular.added_names` (an earlier run's columns replaced,
    clashing names prefixed). Text starting with ``=`` is stored as text; characters an .xlsx
    cannot hold are replaced with U+FFFD and the row is reported.

    Raises:
        InputError: on the row past :data:`MAX_ROWS` (before anything is saved), or with more
            columns than :data:`MAX_COLUMNS`.
    """

    def __init__(self, header: list[str] | None, added: Sequence[str], sheet: str = "titlemap") -> None:
        openpyxl = _openpyxl()
        self._cell = openpyxl.cell.WriteOnlyCell
        self._book = openpyxl.Workbook(write_only=True)
        self._sheet = self._book.create_sheet(_sheet_title(sheet))
        self.renamed: list[str] = []
        self._start: int | None = None
        self._width = 0
        self.rows = 0
        if header is None:
            return
        self._width = len(header)
        names, self._start = added_names(header, added)
        self.renamed = [n for n, a in zip(names, added, strict=True) if n != a]
        self._append(0, header if self._start is not None else [*header, *names])

    def write(self, record: Record, values: Sequence[Value]) -> str | None:
        """Write one row: its cells padded to the header, the added cells, then any extra cells."""
        fields: list[Any] = record.data if isinstance(record.data, list) else [str(record.data)]
        row = fields[: self._width] + [None] * (self._width - len(fields))
        if self._start is None:
            row.extend(values)
        else:
            row[self._start : self._start + len(values)] = values
        row.extend(fields[self._width :])
        return self._append(record.line, row)

    def _append(self, line: int, row: Sequence[Any]) -> str | None:
        if self.rows >= MAX_ROWS:
            raise InputError(
                f"line {line}: more rows than an Excel sheet holds ({MAX_ROWS:,}, the header included); "
                "write CSV instead (--output FILE.csv)"
            )
        if len(row) > MAX_COLUMNS:
            raise InputError(f"line {line}: {len(row):,} columns; an Excel sheet holds {MAX_COLUMNS:,}")
        problem = None
        cells: list[Any] = []
        for value in row:
            if isinstance(value, str):
                if _ILLEGAL.search(value):
                    value = _ILLEGAL.sub("\ufffd", value)
                    problem = "control characters an .xlsx cannot hold were replaced with U+FFFD"
                if value.startswith("="):
                    cell = self._cell(self._sheet, value=value)
                    cell.data_type = "s"  # text, never a formula
                    value = cell
            cells.append(value)
        self._sheet.append(cells)
        self.rows += 1
        return problem

    def save(self, path: str) -> None:
        """Write the workbook to ``path``."""
        self._book.save(path)

    def discard(self) -> None:
        """Give up on the workbook (after an error): its temporary sheet file is closed."""
        with suppress(Exception):
            self._sheet.close()


def _sheet_title(name: str) -> str:
    """A valid sheet title: at most 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "titlemap"


@contextmanager
def xlsx_output(path: str | None) -> Iterator[str]:
    """A temporary file path next to ``path``, moved over it when the block succeeds and removed
    when it fails (an existing file is left as it was).

    Raises:
        InputError: without a file to write (standard output cannot hold a workbook), or when
            the folder cannot be written.
    """
    if path is None or path == "-" or path.startswith(("/dev/", "/proc/")):
        raise InputError("an .xlsx output needs --output FILE.xlsx (a workbook cannot go to a stream)")
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise InputError(f"cannot write {path}: it is a directory")
    with replaced_atomically(path, target) as tmp:
        yield tmp
