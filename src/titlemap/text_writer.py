"""CSV, TSV and JSON Lines tables written back with the added columns, one row at a time.

:func:`make_sink` gives a :class:`~titlemap.table.Sink` for a text format: the input's own
cells are written as they were read, the added cells beside them, and an added cell that would
start a spreadsheet formula is written as text.
"""

from __future__ import annotations

import csv
import io
import json
import json.decoder
import json.scanner
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from .columns import Value
from .errors import InputError
from .table import Format, Record, Sink, added_names
from .text_lines import SURROGATE
from .text_reader import DELIMITERS

__all__ = ["FORMULA_STARTS", "make_sink"]

#: The first characters that make a spreadsheet read a CSV cell as a formula. A cell titlemap
#: adds that starts with one of them gets a ``'`` in front (the input's own cells never change).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
_FORMATTED_MAX = 4_096  # distinct value tuples whose CSV cells are kept
_TSV_BREAKS = re.compile(r"[\t\r\n]")


def make_sink(
    out: TextIO,
    fmt: Format,
    header: list[str] | None,
    added: Sequence[str],
    newline: str = "\n",
    delimiter: str | None = None,
) -> Sink:
    """A writer of ``fmt`` rows to ``out``; for CSV and TSV the header is written at once. A CSV's
    fields are separated by ``delimiter`` (default ``,``).

    Input columns are never changed: see :func:`added_names` for the names of the added ones.
    In CSV and TSV, an added cell that would start a spreadsheet formula (see
    :data:`FORMULA_STARTS`) is written with a ``'`` in front. JSON lines are written as they
    were read, with the added keys spliced in before the closing brace.
    """
    if fmt == "jsonl":
        return _JsonSink(out, added)
    return _DelimitedSink(
        out,
        delimiter if fmt == "csv" and delimiter else DELIMITERS[fmt],
        header,
        added,
        newline,
        fmt == "tsv",
    )


@dataclass
class _DelimitedSink:
    """CSV (quoted where needed, a lone CR included) or TSV (never quoted) rows."""

    out: TextIO
    delimiter: str
    header: list[str] | None
    added: Sequence[str]
    newline: str = "\n"
    tsv: bool = False  # TSV: no quoting at all (a CSV may be tab-separated and quoted)
    renamed: list[str] = field(default_factory=list)
    _start: int | None = None
    _width: int = 0
    _formatted: dict[int, tuple[Sequence[Value], list[str]]] = field(default_factory=dict)
    _fragments: dict[int, tuple[Sequence[Value], str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._tsv = self.tsv
        self._writer = csv.writer(self.out, delimiter=self.delimiter, lineterminator=self.newline)
        # With "\r\n" as its line terminator the csv module quotes a field holding a lone CR too
        # (with "\n" it would not, and every reader would split the row there): rows with a CR
        # go through this writer, and the terminator actually written is ``newline``.
        self._buffer = io.StringIO()
        self._cr_writer = csv.writer(self._buffer, delimiter=self.delimiter, lineterminator="\r\n")
        if self.header is None:
            return
        self._width = len(self.header)
        names, self._start = added_names(self.header, self.added)
        self.renamed = [n for n, a in zip(names, self.added, strict=True) if n != a]
        self._write_row(0, self.header if self._start is not None else [*self.header, *names])

    def write(self, record: Record, values: Sequence[Value]) -> str | None:
        """Write one row: the fields padded to the header, the added cells, then any extra fields.

        A row read from a table of this format (its ``text`` kept) is written as it was read,
        byte for byte, with the added cells after it."""
        fields = record.data if type(record.data) is list else [_dumps(record.data)]
        width = self._width
        text, n = record.text, len(fields)
        if text is not None and n <= width and self._start is None and type(record.data) is list:
            fragment = self._fragments.get(id(values))
            if fragment is None or fragment[0] is not values:
                if len(self._fragments) >= _FORMATTED_MAX:
                    self._fragments.clear()
                fragment = self._fragments[id(values)] = (values, self._fragment(values))
            self.out.write(text + self.delimiter * (width - n) + fragment[1])
            return None
        # A repeated title's values are the same tuple (the readers memoize them): its cells are
        # formatted once. The tuple is kept beside its cells, so its id is not reused meanwhile.
        known = self._formatted.get(id(values))
        if known is not None and known[0] is values:
            cells = known[1]
        else:
            cells = self._cells(values)
            if len(self._formatted) >= _FORMATTED_MAX:
                self._formatted.clear()
            self._formatted[id(values)] = (values, cells)
        n = len(fields)
        if self._start is None:
            if n == width:
                row = fields + cells
            elif n < width:
                row = fields + [""] * (width - n) + cells
            else:
                row = fields[:width] + cells + fields[width:]
        else:
            row = fields[:width] + [""] * (width - n) if n < width else fields[:width]
            row[self._start : self._start + len(cells)] = cells
            row.extend(fields[width:])
        self._write_row(record.line, row)
        return None

    def _fragment(self, values: Sequence[Value]) -> str:
        """The added cells as written after a row's own text: a separator, the cells quoted as
        the format needs (a lone CR too), the line break."""
        cells = self._cells(values)
        if self._tsv:
            return "\t" + "\t".join(cells) + self.newline
        # after an empty first field, which writes the separator: a row of one empty cell alone
        # would be quoted ("") by the csv module
        self._cr_writer.writerow(["", *cells])
        written = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return written[:-2] + self.newline

    def _cells(self, values: Sequence[Value]) -> list[str]:
        cells = [
            ""
            if value is None
            else (value if value[:1] not in _FORMULA_FIRST else f"'{value}")
            if type(value) is str
            else str(value)
            for value in values
        ]
        if self._tsv:
            cells = [_TSV_BREAKS.sub(" ", cell) for cell in cells]
        return cells

    def _write_row(self, line: int, row: Sequence[str]) -> None:
        if self._tsv:
            text = "\t".join(row)
            if text.count("\t") != len(row) - 1 or "\n" in text or "\r" in text:
                raise InputError(f"line {line}: a field holds a tab or a line break, which TSV cannot hold")
            self.out.write(text + self.newline)
            return
        if self.newline == "\r\n" or "\r" not in "".join(row):
            self._writer.writerow(row)
            return
        self._cr_writer.writerow(row)
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        self.out.write(text[:-2] + self.newline)


def _dumps(value: Any) -> str:
    """JSON text, UTF-8 as is; lone surrogates (which UTF-8 cannot hold) escaped as ``\\udc80``."""
    text = json.dumps(value, ensure_ascii=False)
    return json.dumps(value) if SURROGATE.search(text) else text


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_SCAN_VALUE: Any = json.scanner.make_scanner(
    json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str)  # type: ignore[arg-type]
)


def _value_spans(text: str) -> list[tuple[str, int, int]]:
    """Each top-level key of a JSON object's text with the start and end of its value's text."""
    spans: list[tuple[str, int, int]] = []
    i = _JSON_SPACE.match(text, _JSON_SPACE.match(text).end() + 1).end()  # type: ignore[union-attr]
    while text[i] != "}":
        key, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
        i = _JSON_SPACE.match(text, _JSON_SPACE.match(text, i).end() + 1).end()  # type: ignore[union-attr]
        end = _SCAN_VALUE(text, i)[1]
        spans.append((key, i, end))
        i = _JSON_SPACE.match(text, end).end()  # type: ignore[union-attr]
        if text[i] == ",":
            i = _JSON_SPACE.match(text, i + 1).end()  # type: ignore[union-attr]
    return spans


def _splice(text: str, pairs: Sequence[tuple[str, Value]]) -> str:
    """A JSON object's text with ``pairs`` added before its closing brace, the rest untouched."""
    body = text.rstrip(" \t\r\n")
    if not pairs:
        return body
    inner = body[:-1].rstrip(" \t\r\n")
    items = _dumps(dict(pairs))[1:-1]  # the names are distinct; one call is much faster
    return f"{inner}{'' if inner.endswith('{') else ', '}{items}}}"


@dataclass
class _JsonSink:
    """JSON lines written back as read, with the added keys spliced in.

    The names of the added keys are decided once, from the first object (as a CSV header
    decides them): an added key whose name the first object uses, in any letter case, gets the
    ``titlemap_`` prefix; when the first object holds all the added keys side by side (an
    earlier run's output), their values are replaced in place on every line. A later line with
    a key of its own named like an added key keeps its key, and that added value is left out,
    reported as a problem. A line that is not an object is written as ``{"_raw", "_error"}``.
    """

    out: TextIO
    added: Sequence[str]
    renamed: list[str] = field(default_factory=list)
    _names: list[str] | None = None
    _replace: bool = False
    _first: int = 0

    def write(self, record: Record, values: Sequence[Value]) -> str | None:
        """Write one JSON line; returns the clash of its own keys with the added ones, if any."""
        if record.text is None or not isinstance(record.data, dict):
            self.out.write(_dumps(record.data) + "\n")
            return None
        data = record.data
        if self._names is None:
            self._names, start = added_names(list(data), self.added)
            self._replace, self._first = start is not None, record.line
            self.renamed = [n for n, a in zip(self._names, self.added, strict=True) if n != a]
        own = {key.casefold(): key for key in data}
        text, pairs, clashes = record.text, [], []
        replaced: dict[str, Value] = {}
        for name, value in zip(self._names, values, strict=True):
            key = own.get(name.casefold())
            if key is None:
                pairs.append((name, value))
            elif self._replace and key == name:
                replaced[name] = value
            else:
                clashes.append(f"{key!r}")
        if replaced:
            pieces, last = [], 0
            for key, begin, end in _value_spans(text):
                if key in replaced:
                    pieces += [text[last:begin], _dumps(replaced[key])]
                    last = end
            text = "".join([*pieces, text[last:]])
        self.out.write(_splice(text, pairs) + "\n")
        if not clashes:
            return None
        return (
            f"its own key {', '.join(clashes)} clashes with the added keys named from the first object "
            f"(line {self._first}); titlemap's value is left out"
        )
