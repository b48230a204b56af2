"""Streaming CSV, TSV and JSON Lines reading and writing, one row at a time.

These helpers back ``titlemap normalize --input`` and ``titlemap map --input``: they read a
table row by row in constant memory, keep every row (also the malformed ones, with the line
they start on and what is wrong with them) and write the same format back with extra columns.

>>> import io
>>> from titlemap.tabular import LineSource, read_table
>>> table = read_table(LineSource(io.BytesIO(b"id,title\\n1,Sr PM\\n"), "demo.csv"), "csv", "title")
>>> table.header, [(r.line, r.title) for r in table]
(['id', 'title'], [(2, 'Sr PM')])
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import json.decoder
import json.scanner
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from operator import methodcaller
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple, Protocol, TextIO

from .columns import Value
from .errors import InputError

__all__ = [
    "FORMATS",
    "FORMULA_STARTS",
    "MAX_LINE_BYTES",
    "MAX_ROW_CHARS",
    "Format",
    "LineSource",
    "Record",
    "RowTooLong",
    "Sink",
    "Table",
    "Value",
    "added_names",
    "context_cells",
    "detect_format",
    "file_mode",
    "find_column",
    "make_sink",
    "open_output",
    "read_table",
    "replaced_atomically",
]

Format = Literal["csv", "tsv", "jsonl", "xlsx"]
#: The table formats the command line reads and writes (xlsx with the ``[xlsx]`` extra).
FORMATS: tuple[Format, ...] = ("csv", "tsv", "jsonl", "xlsx")
_EXTENSIONS: dict[str, Format] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
_DELIMITERS: dict[str, str] = {"csv": ",", "tsv": "\t"}
_ASCII_PROBE = "\n,\tA"
_PREFIX = "titlemap_"


def detect_format(path: str, explicit: str | None = None) -> Format:
    """The table format: ``explicit`` when given, else from the file extension (csv by default).

    Raises:
        InputError: for an unknown explicit format, or a ``.json`` file (JSON Lines needs ``--format``).
    """
    if explicit is not None:
        if explicit not in FORMATS:
            raise InputError(f"unknown format {explicit!r}; choose one of {', '.join(FORMATS)}")
        return explicit
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix == ".json":
        raise InputError(f"{path}: a .json file is not a table; for JSON Lines pass --format jsonl")
    return _EXTENSIONS.get(suffix, "csv")


# -- reading ------------------------------------------------------------------------------------

#: The longest physical line read, in bytes: a longer one stops the run with ``file:line``.
MAX_LINE_BYTES = 1 << 20
#: The most characters one row may hold (a CSV row spans lines inside quoted fields); a row
#: still open after this many characters is an unclosed quote, which stops the run.
MAX_ROW_CHARS = 1 << 20
_CHUNK = 1 << 16
_SNIFF_BYTES = 64
_SURROGATE = re.compile("[\ud800-\udfff]")
# Codecs that are registered as text encodings but cannot decode a table.
_NOT_TABLE_CODECS = frozenset({"undefined", "punycode", "idna", "unicode-escape", "raw-unicode-escape"})
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _ascii_compatible(encoding: str) -> bool:
    """Whether ASCII text, newlines included, is the same bytes in ``encoding`` (so lines split on b"\\n")."""
    try:
        return _ASCII_PROBE.encode("ascii").decode(encoding) == _ASCII_PROBE
    except (UnicodeError, LookupError):
        return False


def _wide_encoding(head: bytes) -> str | None:
    """``"utf-16"`` or ``"utf-32"`` when the first bytes look like it (a byte order mark, or
    ASCII text with NUL bytes between its letters), else None."""
    if head.startswith(codecs.BOM_UTF8):
        return None
    for bom, name in _WIDE_BOMS:
        if head.startswith(bom):
            return name
    sample = head[: 4096 - 4096 % 4]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 8:
        return None

    def nul_share(offset: int, step: int) -> float:
        part = sample[offset::step]
        return part.count(0) / len(part)

    for name, step in (("utf-32", 4), ("utf-16", 2)):
        for text_at in (0, step - 1):  # little endian: letters first; big endian: last
            others = [nul_share(i, step) for i in range(step) if i != text_at]
            if min(others) >= 0.9 and nul_share(text_at, step) < 0.5:
                return name
    return None


class RowTooLong(InputError):
    """A row (CSV lines joined by a quoted field) grew past :data:`MAX_ROW_CHARS`."""


class LineSource:
    """The decoded physical lines of a binary stream, counted as they are read.

    UTF-8 is the default and a byte order mark is skipped (and remembered in :attr:`bom`). Lines
    keep their terminators (``\\n``, ``\\r\\n`` or a lone ``\\r``), as the csv module expects. The
    stream is read in chunks and split as it comes, so memory stays bounded whatever the input:
    a physical line longer than :data:`MAX_LINE_BYTES` bytes stops the reading, and so do lines
    read for one row (see :meth:`take`) adding up to more than :attr:`max_row_chars` characters
    (the CSV reader sets it to :data:`MAX_ROW_CHARS`).

    Raises:
        InputError: for an unknown encoding or one that is not a text encoding (``hex``,
            ``base64``, ``rot13``...); while iterating, on bytes that are not valid in the
            encoding (naming the line and suggesting ``--encoding``), on a line that is too long,
            on a file that looks like UTF-16 or UTF-32 read without ``--encoding``, and (unless
            :attr:`surrogates` is true) on text that decodes to a lone surrogate, which UTF-8
            output cannot hold. :class:`RowTooLong` when a row grows past :attr:`max_row_chars`.
    """

    def __init__(self, stream: IO[bytes], name: str, encoding: str | None = None) -> None:
        self.name = name
        try:
            codec = codecs.lookup(encoding or "utf-8")
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; try utf-8, latin-1 or cp1252") from None
        if not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_TABLE_CODECS:
            raise InputError(
                f"{encoding!r} is not a text encoding for a table; try utf-8, latin-1, cp1252 or utf-16"
            )
        self.encoding = "utf-8-sig" if codec.name == "utf-8" else codec.name
        self.explicit = encoding is not None
        self._stream = stream
        #: physical lines read so far (the line number of the last line read)
        self.line = 0
        #: bytes read so far, for progress
        self.bytes_read = 0
        #: whether the input started with a UTF-8 byte order mark
        self.bom = False
        #: the first line's terminator, reused when writing CSV
        self.newline = "\n"
        #: whether the whole input has been read
        self.exhausted = False
        #: whether lone surrogates (from ``--encoding utf-7``, say) are passed on, not refused
        self.surrogates = False
        #: the most characters the lines of one row (see :meth:`take`) may add up to; None: no limit
        self.max_row_chars: int | None = None
        self._pending: list[str] = []
        self._pending_chars = 0
        self._wide: str | None = None

    def __iter__(self) -> Iterator[str]:
        lines = self._lines() if _ascii_compatible(self.encoding) else self._wrapped()
        check = self.encoding != "utf-8-sig"  # strict UTF-8 never decodes to a surrogate
        limit = self.max_row_chars
        for text in lines:
            if self.line == 0 and text.endswith("\r\n"):
                self.newline = "\r\n"
            if limit is not None and self._pending and self._pending_chars + len(text) > limit:
                first = self.line - len(self._pending) + 1
                raise RowTooLong(f"{self.name}:{first}: a row longer than {limit:,} characters")
            self.line += 1
            found = _SURROGATE.search(text) if check and not self.surrogates else None
            if found is not None:
                raise InputError(
                    f"{self.name}:{self.line}: decodes to a lone surrogate (U+{ord(found.group()):04X}), "
                    "which UTF-8 output cannot hold; check --encoding"
                )
            self._pending.append(text)
            self._pending_chars += len(text)
            yield text
        self.exhausted = True

    def take(self) -> str:
        """The text of the lines read since the previous call (terminators removed at the end)."""
        text = "".join(self._pending).rstrip("\r\n")
        self._pending.clear()
        self._pending_chars = 0
        return text

    def drop(self) -> None:
        """Forget the lines read since the previous call (:meth:`take` without the text)."""
        self._pending.clear()
        self._pending_chars = 0

    def pending(self) -> list[str]:
        """The lines read since the previous :meth:`take` (not cleared)."""
        return list(self._pending)

    def _chunks(self) -> Iterator[bytes]:
        read = getattr(self._stream, "read1", None) or self._stream.read
        head = b""
        while len(head) < _SNIFF_BYTES:  # enough to see a byte order mark or UTF-16 text
            chunk = read(_CHUNK)
            if not chunk:
                break
            head += chunk
        self.bom = head.startswith(codecs.BOM_UTF8)
        if not self.explicit:
            self._wide = _wide_encoding(head)
            if self._wide is not None:
                raise InputError(self._bad_bytes(1, ""))
        chunk = head
        while chunk:
            self.bytes_read += len(chunk)
            yield chunk
            chunk = read(_CHUNK)

    def _lines(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="strict")
        # UTF-8 is stateless: past the first line (which may carry a BOM), a whole line decodes on
        # its own, several times faster with bytes.decode than through the incremental decoder
        fast = methodcaller("decode", "utf-8") if self.encoding == "utf-8-sig" else None
        decode: Callable[[bytes], str] = decoder.decode
        carry = b""
        for chunk in self._chunks():
            data = carry + chunk if carry else chunk
            parts = data.splitlines(keepends=True)
            # the last part may go on in the next chunk (a lone CR may be the start of CRLF)
            carry = parts.pop() if not parts[-1].endswith(b"\n") else b""
            for raw in parts:
                if len(raw) > MAX_LINE_BYTES and len(raw.rstrip(b"\r\n")) > MAX_LINE_BYTES:
                    raise self._too_long()
                try:
                    text = decode(raw)
                except (UnicodeError, ValueError) as exc:
                    raise self._undecodable(raw, exc) from None
                if fast is not None and text:
                    decode, fast = fast, None
                yield text
            if len(carry) > MAX_LINE_BYTES and len(carry.rstrip(b"\r")) > MAX_LINE_BYTES:
                raise self._too_long()
        try:
            tail = decoder.decode(carry, True) if decode == decoder.decode else carry.decode("utf-8")
        except (UnicodeError, ValueError) as exc:
            raise self._undecodable(carry, exc) from None
        if tail:
            yield tail

    def _too_long(self) -> InputError:
        return InputError(
            f"{self.name}:{self.line + 1}: line longer than {MAX_LINE_BYTES:,} bytes "
            "(the limit for one line); is this a text table?"
        )

    def _undecodable(self, raw: bytes, exc: Exception) -> InputError:
        at = exc.start if isinstance(exc, UnicodeDecodeError) else len(raw)
        byte = f" (byte 0x{raw[at]:02x})" if at < len(raw) else ""
        return InputError(self._bad_bytes(self.line + 1, byte))

    def _wrapped(self) -> Iterator[str]:
        wrapper = io.TextIOWrapper(self._stream, encoding=self.encoding, errors="strict", newline="")
        try:
            while True:
                text = wrapper.readline(MAX_LINE_BYTES + 1)
                if not text:
                    return
                if len(text) > MAX_LINE_BYTES and not text.endswith(("\n", "\r")):
                    raise self._too_long()
                self.bytes_read += len(text.encode(self.encoding, errors="replace"))
                yield text
        except (UnicodeError, ValueError) as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError(self._bad_bytes(self.line + 1, "", near=True)) from None
        finally:
            with suppress(ValueError):  # the stream may be closed already
                wrapper.detach()

    def _bad_bytes(self, line: int, byte: str, near: bool = False) -> str:
        label = "UTF-8" if self.encoding == "utf-8-sig" else self.encoding
        where = f"{self.name}: near line {line}" if near else f"{self.name}:{line}"
        if self._wide is not None:
            return f"{where}: looks like {self._wide.upper()}, not {label}; pass --encoding {self._wide}"
        hint = (
            "check --encoding"
            if self.explicit
            else "pass --encoding with the file's encoding, e.g. --encoding latin-1"
        )
        return f"{where}: not valid {label}{byte}; {hint}"


class Record(NamedTuple):  # a tuple: immutable, and cheap to make once per row
    """One input row: the line it starts on, its data, its title and what is wrong with it.

    ``data`` is the list of fields of a CSV or TSV row, or the object of a JSON line (for a line
    that is not a JSON object: ``{"_raw": text, "_error": message}``). ``title`` is None when the
    row has no title to read; ``problem`` is None for a well-formed row. ``text`` is the JSON
    line as read (without its line break) for a line that is an object, so that it can be
    written back untouched; None otherwise.
    """

    line: int
    data: list[Any] | dict[str, Any]
    title: str | None
    problem: str | None = None
    text: str | None = None


_new_record = partial(tuple.__new__, Record)


class Table(Protocol):
    """A table being read: its header (None for JSON Lines or an empty file) and its records."""

    header: list[str] | None

    def __iter__(self) -> Iterator[Record]: ...


def read_table(lines: LineSource, fmt: Format, column: str) -> Table:
    """Start reading a table; for CSV and TSV the header is read (and ``column`` checked) at once.

    CSV is read with the csv module (quoted fields may span lines); TSV has no quoting at all:
    a line is a row and a tab separates fields, so quotes are data.

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
    return _Delimited(lines, _DELIMITERS[fmt], column)


def context_cells(
    table: Table, columns: Sequence[tuple[str, str]], name: str
) -> Callable[[Record], tuple[object, ...]]:
    """A function giving a record's cells of ``columns`` (pairs of a command-line flag and a
    column name), in order; a missing cell is None.

    Raises:
        InputError: for a CSV or TSV column the header does not have (naming the flag and the
            columns it has); for JSON Lines, when the first object lacks a key (while reading).
    """
    if not columns:
        return lambda record: ()
    header = table.header
    if header is not None:
        indexes = [find_column(header, column, name, flag=flag) for flag, column in columns]

        def from_row(record: Record) -> tuple[object, ...]:
            row = record.data
            if isinstance(row, dict):  # pragma: no cover - CSV and TSV records are lists
                return (None,) * len(indexes)
            return tuple(row[i] if i < len(row) else None for i in indexes)

        return from_row
    keys = [column for _, column in columns]
    checked = False

    def from_object(record: Record) -> tuple[object, ...]:
        nonlocal checked
        obj = record.data
        if not isinstance(obj, dict) or record.text is None:
            return (None,) * len(keys)
        if not checked:
            for flag, key in columns:
                if key not in obj:
                    available = ", ".join(repr(k) for k in obj) or "(none)"
                    raise InputError(
                        f"{name}:{record.line}: no key {key!r}; available keys: {available} "
                        f"(choose one with {flag})"
                    )
            checked = True
        return tuple(obj.get(k) for k in keys)

    return from_object


def find_column(  # the header's index of ``column``, exact, else ignoring case and spaces
    header: Sequence[str], column: str, name: str, hint: str = "", flag: str = "--column"
) -> int:
    if column in header:
        return header.index(column)
    loose = [i for i, h in enumerate(header) if h.strip().casefold() == column.strip().casefold()]
    if len(loose) == 1:
        return loose[0]
    if len(loose) > 1:
        candidates = ", ".join(repr(header[i]) for i in loose)
        raise InputError(
            f"{name}: column {column!r} is ambiguous: {candidates} all match it; "
            f"choose one exactly with {flag}"
        )
    available = ", ".join(repr(h) for h in header) or "(none)"
    raise InputError(
        f"{name}: no column {column!r}; available columns: {available} (choose one with {flag}){hint}"
    )


def _record(start: int, row: list[str], index: int, width: int) -> Record:
    title = row[index] if index < len(row) else None
    problem = None
    if len(row) != width:
        extra = "; the extra fields are kept after the added columns" if len(row) > width else ""
        problem = f"{len(row)} fields, the header has {width}{extra}"
    return Record(start, row, title, problem)


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

    def __init__(self, lines: LineSource, delimiter: str, column: str) -> None:
        if csv.field_size_limit() < MAX_ROW_CHARS + 1:  # fields as long as a row may be
            csv.field_size_limit(MAX_ROW_CHARS + 1)
        lines.max_row_chars = MAX_ROW_CHARS
        self._lines = lines
        self._delimiter = delimiter
        self._reader = csv.reader(lines, delimiter=delimiter)
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
            lines.drop()
            if row:
                # the common row, built without a call per row (Record's own __new__ is Python)
                yield (
                    _new_record((start, row, row[index], None, None))
                    if len(row) == width
                    else _record(start, row, index, width)
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
                yield _record(self._lines.line, row, self.index, self.width)


def _safe_int(text: str) -> int | str:
    """A JSON integer; one too long for ``int()`` stays text (its digits)."""
    try:
        return int(text)
    except ValueError:
        return text


_JSON = json.JSONDecoder(parse_int=_safe_int)


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
            found = _SURROGATE.search(text)
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


# -- writing ------------------------------------------------------------------------------------

#: The first characters that make a spreadsheet read a CSV cell as a formula. A cell titlemap
#: adds that starts with one of them gets a ``'`` in front (the input's own cells never change).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
_FORMATTED_MAX = 4_096  # distinct value tuples whose CSV cells are kept
_TSV_BREAKS = re.compile(r"[\t\r\n]")


class Sink(Protocol):
    """Where annotated records go: one output row per :meth:`write`.

    ``renamed`` lists the added columns given a ``titlemap_`` prefix because the input header
    (for JSON Lines: the first object) already used their names.
    """

    renamed: list[str]

    def write(self, record: Record, values: Sequence[Value]) -> str | None:
        """Write the record's data with ``values`` in the added columns.

        Returns a problem found while writing (a JSON line with a key of its own that clashes
        with an added key, whose added value is then left out), else None.
        """


def make_sink(
    out: TextIO, fmt: Format, header: list[str] | None, added: Sequence[str], newline: str = "\n"
) -> Sink:
    """A writer of ``fmt`` rows to ``out``; for CSV and TSV the header is written at once.

    Input columns are never changed: see :func:`added_names` for the names of the added ones.
    In CSV and TSV, an added cell that would start a spreadsheet formula (see
    :data:`FORMULA_STARTS`) is written with a ``'`` in front. JSON lines are written as they
    were read, with the added keys spliced in before the closing brace.
    """
    if fmt == "jsonl":
        return _JsonSink(out, added)
    return _DelimitedSink(out, _DELIMITERS[fmt], header, added, newline)


def added_names(existing: Sequence[str], added: Sequence[str]) -> tuple[list[str], int | None]:
    """The names of the added columns next to ``existing`` ones, and where they go.

    When ``existing`` already holds all the added columns side by side (the output of an earlier
    run), they are replaced in place and their start index is returned, so a rerun gives the same
    output. Otherwise they are appended (None), and an added name that the input already uses,
    in any letter case (``Location`` and ``location`` clash in Excel and Spark), gets a
    ``titlemap_`` prefix so that no input column is ever overwritten.
    """
    width = len(added)
    bare = [_unprefixed(name) for name in existing]
    for i in range(len(existing) - width + 1):
        if bare[i : i + width] == list(added):
            return list(existing[i : i + width]), i
    taken = {name.casefold() for name in existing}
    names: list[str] = []
    for name in added:
        while name.casefold() in taken:
            name = f"{_PREFIX}{name}"
        taken.add(name.casefold())
        names.append(name)
    return names, None


def _unprefixed(name: str) -> str:
    while name.startswith(_PREFIX):
        name = name[len(_PREFIX) :]
    return name


@dataclass
class _DelimitedSink:
    """CSV (quoted where needed, a lone CR included) or TSV (never quoted) rows."""

    out: TextIO
    delimiter: str
    header: list[str] | None
    added: Sequence[str]
    newline: str = "\n"
    renamed: list[str] = field(default_factory=list)
    _start: int | None = None
    _width: int = 0
    _formatted: dict[int, tuple[Sequence[Value], list[str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._tsv = self.delimiter == "\t"
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
        """Write one row: the fields padded to the header, the added cells, then any extra fields."""
        fields = record.data if type(record.data) is list else [_dumps(record.data)]
        width = self._width
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
    return json.dumps(value) if _SURROGATE.search(text) else text


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


_FD_PATH = re.compile(r"/dev/(?:(stdin)|(stdout)|(stderr)|fd/(\d+))|/proc/(self|thread-self|\d+)/fd/(\d+)")


def _descriptor(path: str) -> int | None:
    """The open file descriptor that ``path`` names (``/dev/stdout``, ``/dev/fd/3``,
    ``/proc/self/fd/1``, or a symbolic link to one of them), else None."""
    current = os.path.abspath(path)
    for _ in range(40):
        found = _FD_PATH.fullmatch(current)
        if found is not None:
            stdin, stdout, stderr, dev_fd, pid, proc_fd = found.groups()
            if pid is not None and pid not in ("self", "thread-self") and int(pid) != os.getpid():
                return None
            return 0 if stdin else 1 if stdout else 2 if stderr else int(dev_fd or proc_fd)
        if not os.path.islink(current):
            break
        current = os.path.normpath(os.path.join(os.path.dirname(current), os.readlink(current)))
    folder = os.path.realpath(os.path.dirname(current))
    if folder in (f"/proc/{os.getpid()}/fd", "/dev/fd") and os.path.basename(current).isdigit():
        return int(os.path.basename(current))
    return None


@contextmanager
def _utf8(stream: TextIO | None, path: str) -> Iterator[TextIO]:
    """``stream`` (standard output or error) as UTF-8 text, whatever its own encoding."""
    if stream is None:
        raise InputError(f"cannot write {path}: it is closed")
    encoding = getattr(stream, "encoding", None) or "utf-8"
    buffer = getattr(stream, "buffer", None)
    if codecs.lookup(encoding).name == "utf-8" or buffer is None:
        yield stream
        stream.flush()
        return
    stream.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield wrapper
        wrapper.flush()
    finally:
        with suppress(ValueError):
            wrapper.detach()


@contextmanager
def open_output(path: str | None, bom: bool = False) -> Iterator[TextIO]:
    """Standard output for None or ``-``; else a temporary file next to ``path``, moved into place
    (``os.replace``) only when the block succeeds, and removed when it fails.

    ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N`` (and links to them) are written through the
    open descriptor, never reopened or replaced: ``-o /dev/stdout >> all.csv`` appends to
    ``all.csv``. Other devices and named pipes (``/dev/null``) are opened and written directly.

    The output is UTF-8; a file gets a byte order mark when ``bom`` is true.

    Raises:
        InputError: when the output's folder does not exist or cannot be written.
    """
    if path is None or path == "-":
        with _utf8(sys.stdout, "standard output") as out:
            yield out
        return
    fd = _descriptor(path)
    if fd in (1, 2):
        with _utf8(sys.stdout if fd == 1 else sys.stderr, path) as out:
            yield out
        return
    if fd is not None:
        try:
            fh = open(os.dup(fd), "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
        with fh:
            yield fh
        return
    target = Path(os.path.realpath(path))  # through symlinks: replace the file, not the link
    if target.is_dir():
        raise InputError(f"cannot write {path}: it is a directory")
    if target.exists() and not target.is_file():  # /dev/null, a named pipe: never replace those
        with open(target, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            yield fh
        return
    encoding = "utf-8-sig" if bom else "utf-8"
    # the file closes before the temporary file is moved into place (contexts exit in reverse)
    with replaced_atomically(path, target) as tmp, open(tmp, "w", encoding=encoding, newline="") as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


@contextmanager
def replaced_atomically(path: str, target: Path) -> Iterator[str]:
    """A temporary file next to ``target`` for the block to write; moved over ``target`` (with the
    target's permissions) when the block succeeds, removed when it fails, so an existing file is
    never left half-written. ``path`` is the name the user gave, for messages.

    Raises:
        InputError: when the folder cannot be written.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc} ({target.parent or '.'})") from None
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def file_mode(target: Path) -> int:
    """The existing file's permissions, or the usual ones for a new file under the umask."""
    with suppress(OSError):
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
