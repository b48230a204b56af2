"""CSV, TSV and JSON Lines tables read row by row, every row kept.

:func:`read_table` reads a table from a :class:`~titlemap.text_lines.LineSource` as
:class:`~titlemap.table.Record` objects: the malformed rows too, with the line they start on and
what is wrong with them.

>>> import io
>>> from titlemap.text_lines import LineSource
>>> table = read_table(LineSource(io.BytesIO(b"id,title\\n1,Sr PM\\n"), "demo.csv"), "csv", "title")
>>> table.header, [(r.line, r.title) for r in table]
(['id', 'title'], [(2, 'Sr PM')])
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
from collections.abc import Iterator, Sequence
from typing import Any

from .errors import InputError
from .table import Format, Record, Table, _new_record, find_column
from .text_lines import SURROGATE, LineSource, RowTooLong

__all__ = ["DELIMITERS", "MAX_ROW_CHARS", "SNIFFED_DELIMITERS", "NumberText", "read_table", "sniff_delimiter"]

#: The most characters one row may hold (a CSV row spans lines inside quoted fields); a row
#: still open after this many characters is an unclosed quote, which stops the run.
MAX_ROW_CHARS = 1 << 20
#: The field separator of each delimited format.
DELIMITERS: dict[str, str] = {"csv": ",", "tsv": "\t"}


def read_table(lines: LineSource, fmt: Format, column: str, delimiter: str | None = None) -> Table:
    """Start reading a table; for CSV and TSV the header is read (and ``column`` checked) at once.

    CSV is read with the csv module (quoted fields may span lines), its field separator
    ``delimiter`` or, when None, the one of ``,`` ``;`` tab ``|`` that the header line holds most
    often outside quotes (see :func:`sniff_delimiter`; the table's ``delimiter`` says which); TSV
    has no quoting at all: a line is a row and a tab separates fields, so quotes are data.

    Raises:
        InputError: when the header has no column ``column`` (naming the columns it has) or
            several that differ only in case and spaces, or (for JSON Lines, while iterating)
            when the first object has no key ``column``; while iterating, on a quoted CSV field
            that is never closed (naming the line where its quote opened), and see
            :class:`LineSource`.
    """
    if fmt == "jsonl":
        lines.surrogates = True  # such a line is kept, escaped, as a malformed row
        return _JsonLines(lines, column)
    if fmt == "tsv":
        return _Tsv(lines, column)
    return _Delimited(lines, delimiter, column)


#: The field separators a CSV header line is sniffed for, the first winning a tie.
SNIFFED_DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")


def sniff_delimiter(line: str) -> str:
    """The field separator of a CSV header line: the one of :data:`SNIFFED_DELIMITERS` it holds
    most often outside quoted fields (``,`` when it holds none).

    >>> sniff_delimiter("Candidate ID;Name;Title"), sniff_delimiter('id,"a;b;c"'), sniff_delimiter("title")
    (';', ',', ',')
    """
    counts = dict.fromkeys(SNIFFED_DELIMITERS, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(SNIFFED_DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equals
    return best if counts[best] else ","


def _record(start: int, row: list[str], index: int, width: int, text: str | None = None) -> Record:
    title = row[index] if index < len(row) else None
    problem = None
    if len(row) != width:
        extra = "; the extra fields are kept after the added columns" if len(row) > width else ""
        problem = f"{len(row)} fields, the header has {width}{extra}"
    return Record(start, row, title, problem, text)


def _open_quote_line(lines: Sequence[str], first: int, delimiter: str) -> int:
    """The line on which the quoted field still open at the end of ``lines`` opened (the csv
    module's lenient rules: a quote opens a field only at its start)."""
    text = "".join(lines)
    quoted = re.compile(r'"(?:[^"]|"")*"')
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    pos, opened = 0, 0
    while pos < len(text):
        if text[pos] == '"':
            found = quoted.match(text, pos)
            if found is None:
                opened = pos
                break
            pos = found.end()
        pos = unquoted.match(text, pos).end()  # type: ignore[union-attr]  # always matches
        pos += 1  # the delimiter or line break
    ends = 0
    for i, line in enumerate(lines):
        ends += len(line)
        if opened < ends:
            return first + i
    return first + len(lines) - 1


class _Delimited:
    """A CSV table read with the csv module, row by row.

    A quoted field may span lines, but it must close: one that is still open at the end of the
    file, or after :data:`MAX_ROW_CHARS` characters, is an unbalanced quote that would swallow
    the rows after it, so it stops the run with the line where the quote opened.
    """

    def __init__(self, lines: LineSource, delimiter: str | None, column: str) -> None:
        if csv.field_size_limit() < MAX_ROW_CHARS + 1:  # fields as long as a row may be
            csv.field_size_limit(MAX_ROW_CHARS + 1)
        lines.max_row_chars = MAX_ROW_CHARS
        self._lines = lines
        source: Iterator[str] = iter(lines)
        if delimiter is None:  # the header line decides; the lines read to see it are read again
            seen: list[str] = []
            for text in source:
                seen.append(text)
                if text.strip():
                    break
            delimiter = sniff_delimiter(seen[-1] if seen else "")
            source = itertools.chain(seen, source)
        #: the field separator, given or sniffed
        self.delimiter = delimiter
        self._delimiter = delimiter
        self._reader = csv.reader(source, delimiter=delimiter)
        self._end = 0
        self.header: list[str] | None = self._read_header()
        self.width = len(self.header) if self.header is not None else 0
        self.index = find_column(self.header, column, lines.name) if self.header is not None else 0

    def _next(self) -> list[str]:
        """The next row (StopIteration at the end); refuses an unclosed quote."""
        start = self._end + 1
        try:
            row = next(self._reader)
        except RowTooLong:
            raise self._too_long(start) from None
        if self._lines.exhausted:  # the csv module hit the end of the file inside quotes
            raise self._unclosed(start, "runs to the end of the file")
        return row

    def _too_long(self, start: int) -> InputError:
        how = f"is still open after {MAX_ROW_CHARS:,} characters, the limit for one row"
        return self._unclosed(start, how)

    def _unclosed(self, start: int, how: str) -> InputError:
        pending = self._lines.pending()
        line = _open_quote_line(pending, start, self._delimiter) if pending else start
        return InputError(
            f"{self._lines.name}:{line}: unclosed quote: the quoted field opened on this line {how}; "
            'a stray " swallows the rows after it (quote the whole field and double the quotes '
            'inside it: "6"" monitor")'
        )

    def _read_header(self) -> list[str] | None:
        try:
            while True:
                row = self._next()
                self._end = self._lines.line
                self._lines.drop()
                if row:
                    if row[0].startswith("\ufeff"):  # a BOM the decoder could not strip (--encoding)
                        row[0] = row[0][1:]
                    return row
        except StopIteration:
            return None
        except csv.Error as exc:
            raise InputError(
                f"{self._lines.name}:{self._lines.line}: cannot read the header: {exc}"
            ) from None

    def __iter__(self) -> Iterator[Record]:
        if self.header is None:
            return
        reader, lines, index, width = self._reader, self._lines, self.index, self.width
        while True:
            start = self._end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except RowTooLong:
                raise self._too_long(start) from None
            except csv.Error as exc:
                self._end = lines.line
                yield Record(start, [lines.take()], None, f"cannot parse the row: {exc}")
                continue
            if lines.exhausted:  # the csv module hit the end of the file inside quotes
                raise self._unclosed(start, "runs to the end of the file")
            self._end = lines.line
            text = lines.take()  # the row as read: written back as it is
            if row:
                # the common row, built without a call per row (Record's own __new__ is Python)
                yield (
                    _new_record((start, row, row[index], None, text, None))
                    if len(row) == width
                    else _record(start, row, index, width, text)
                )


def _fields(text: str) -> list[str]:
    """The tab-separated fields of one TSV line, its line break removed ([] for a blank line)."""
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith(("\n", "\r")):
        text = text[:-1]
    return text.split("\t") if text else []


class _Tsv:
    """A TSV table: each line is a row and tabs separate its fields; quotes are plain data."""

    def __init__(self, lines: LineSource, column: str) -> None:
        self._lines = lines
        self._rows = iter(lines)
        self.header: list[str] | None = None
        for text in self._rows:
            lines.drop()
            row = _fields(text)
            if row:
                if row[0].startswith("\ufeff"):
                    row[0] = row[0][1:]
                self.header = row
                break
        self.width = len(self.header) if self.header is not None else 0
        self.index = find_column(self.header, column, lines.name) if self.header is not None else 0

    def __iter__(self) -> Iterator[Record]:
        if self.header is None:
            return
        for text in self._rows:
            self._lines.drop()
            row = _fields(text)
            if row:
                yield _record(self._lines.line, row, self.index, self.width, text.rstrip("\r\n"))


def _safe_int(text: str) -> int | str:
    """A JSON integer; one too long for ``int()`` stays text (its digits)."""
    try:
        return int(text)
    except ValueError:
        return text


class NumberText(str):
    """A JSON number no float can hold (``1e400``, ``NaN``, ``Infinity``), kept as the input wrote it.

    It is text so that nothing downstream changes it silently (``1e400`` is not ``inf``); a
    workbook writes it as text and reports the row.
    """

    __slots__ = ()


def _safe_float(text: str) -> float | str:
    """A JSON fraction or exponent; one past a float's range stays its text."""
    value = float(text)
    return value if math.isfinite(value) else NumberText(text)


_JSON = json.JSONDecoder(parse_int=_safe_int, parse_float=_safe_float, parse_constant=NumberText)


class _JsonLines:
    """A JSON Lines table: one JSON object per line; blank lines are skipped.

    A line that is not a JSON object (invalid JSON, nested too deeply to read, another JSON
    value, or text that holds a lone surrogate) becomes a malformed record.
    """

    header: list[str] | None = None

    def __init__(self, lines: LineSource, column: str) -> None:
        self._lines = lines
        self._column = column

    def __iter__(self) -> Iterator[Record]:
        seen_object = False
        for text in self._lines:
            self._lines.drop()
            if not text.strip():
                continue
            line = self._lines.line
            text = text.rstrip("\r\n")
            found = SURROGATE.search(text)
            if found is not None:
                problem = (
                    f"holds a lone surrogate (U+{ord(found.group()):04X}), which UTF-8 cannot hold; "
                    "kept escaped in _raw (check --encoding)"
                )
                yield _bad_json(line, text, problem)
                continue
            try:
                obj = _JSON.decode(text)
            except json.JSONDecodeError as exc:
                yield _bad_json(line, text, f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            except RecursionError:
                yield _bad_json(line, text, "JSON nested too deeply to read")
                continue
            except ValueError as exc:
                yield _bad_json(line, text, f"invalid JSON: {exc}")
                continue
            if not isinstance(obj, dict):
                yield _bad_json(line, text, f"a JSON {type(obj).__name__}, not an object")
                continue
            if not seen_object and self._column not in obj:
                keys = ", ".join(repr(k) for k in obj) or "(none)"
                raise InputError(
                    f"{self._lines.name}:{line}: no key {self._column!r}; available keys: {keys} "
                    "(choose one with --column)"
                )
            seen_object = True
            yield _json_record(line, obj, self._column, text)


def _bad_json(line: int, text: str, problem: str) -> Record:
    return Record(line, {"_raw": text, "_error": problem}, None, problem)


def _json_record(line: int, obj: dict[str, Any], column: str, text: str) -> Record:
    if column not in obj:
        return Record(line, obj, None, f"no key {column!r}", text)
    value = obj[column]
    if value is None or isinstance(value, str):
        return Record(line, obj, value, None, text)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Record(line, obj, str(value), None, text)
    return Record(line, obj, None, f"{column!r} is a JSON {type(value).__name__}, not text", text)
