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
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal, Protocol, TextIO

from .errors import InputError
from .mapping import Mapping
from .match import Match

__all__ = [
    "FLOAT_COLUMNS",
    "FORMATS",
    "INTEGER_COLUMNS",
    "MAP_COLUMNS",
    "NORMALIZE_COLUMNS",
    "Format",
    "LineSource",
    "Record",
    "Sink",
    "Table",
    "Value",
    "added_names",
    "detect_format",
    "make_sink",
    "map_values",
    "match_values",
    "open_output",
    "read_table",
]

Format = Literal["csv", "tsv", "jsonl"]
#: The table formats the command line reads and writes.
FORMATS: tuple[Format, ...] = ("csv", "tsv", "jsonl")
#: A cell added to a row: text, a level, a confidence, or None for "empty".
Value = str | int | float | None

#: Columns added by ``titlemap normalize --input``, in order (the pandas helper uses the same names).
NORMALIZE_COLUMNS: tuple[str, ...] = (
    "canonical_title",
    "level",
    "track",
    "confidence",
    "seniority",
    "grade",
    "specialization",
    "team",
    "location",
    "employment",
    "company",
    "company_level",
    "rank",
    "level_min",
    "level_max",
)
#: Columns added by ``titlemap map --input``, in order (the pandas helper uses the same names).
MAP_COLUMNS: tuple[str, ...] = (
    "mapped_title",
    "mapped_level",
    "mapped_confidence",
    "mapped_rule",
    "mapped_company",
    "mapped_company_level",
    "mapped_level_min",
    "mapped_level_max",
)
#: The added columns that hold whole numbers (spine levels); the others hold text, except the
#: confidences (floats).
INTEGER_COLUMNS: frozenset[str] = frozenset(
    {"level", "level_min", "level_max", "mapped_level", "mapped_level_min", "mapped_level_max"}
)
FLOAT_COLUMNS: frozenset[str] = frozenset({"confidence", "mapped_confidence"})

_EXTENSIONS: dict[str, Format] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_DELIMITERS: dict[str, str] = {"csv": ",", "tsv": "\t"}
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
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


def match_values(match: Match | None) -> tuple[Value, ...]:
    """The :data:`NORMALIZE_COLUMNS` cells for one normalization (all None when there is no match)."""
    if match is None:
        return (None,) * len(NORMALIZE_COLUMNS)
    return (
        match.title,
        match.level,
        match.track,
        match.confidence,
        match.seniority,
        match.grade,
        match.specialization,
        match.team,
        match.location,
        match.employment,
        match.company,
        match.company_level,
        match.rank,
        match.level_range[0],
        match.level_range[1],
    )


def map_values(mapping: Mapping | None) -> tuple[Value, ...]:
    """The :data:`MAP_COLUMNS` cells for one mapping (all None when the title was not read)."""
    if mapping is None:
        return (None,) * len(MAP_COLUMNS)
    return (
        mapping.title,
        mapping.level,
        mapping.confidence,
        mapping.rule,
        mapping.company,
        mapping.company_level,
        mapping.level_range[0],
        mapping.level_range[1],
    )


# -- reading ------------------------------------------------------------------------------------


def _ascii_compatible(encoding: str) -> bool:
    """Whether ASCII text, newlines included, is the same bytes in ``encoding`` (so lines split on b"\\n")."""
    try:
        return _ASCII_PROBE.encode("ascii").decode(encoding) == _ASCII_PROBE
    except (UnicodeError, LookupError):
        return False


class LineSource:
    """The decoded physical lines of a binary stream, counted as they are read.

    UTF-8 is the default and a byte order mark is skipped (and remembered in :attr:`bom`). Lines
    keep their terminators (``\\n``, ``\\r\\n`` or a lone ``\\r``), as the csv module expects.

    Raises (while iterating):
        InputError: on bytes that are not valid in the encoding, naming the line and suggesting
            ``--encoding``.
    """

    def __init__(self, stream: IO[bytes], name: str, encoding: str | None = None) -> None:
        self.name = name
        try:
            codec = codecs.lookup(encoding or "utf-8")
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; try utf-8, latin-1 or cp1252") from None
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
        self._pending: list[str] = []

    def __iter__(self) -> Iterator[str]:
        lines = self._lines() if _ascii_compatible(self.encoding) else self._wrapped()
        for text in lines:
            if self.line == 0 and text.endswith("\r\n"):
                self.newline = "\r\n"
            self.line += 1
            self._pending.append(text)
            yield text

    def take(self) -> str:
        """The text of the lines read since the previous call (terminators removed at the end)."""
        text = "".join(self._pending).rstrip("\r\n")
        self._pending.clear()
        return text

    def _lines(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="strict")
        for raw in self._stream:
            if self.bytes_read == 0 and raw.startswith(codecs.BOM_UTF8):
                self.bom = True
            self.bytes_read += len(raw)
            text = self._decode(decoder, raw)
            if "\r" in text.rstrip("\r\n"):
                yield from _LINES.findall(text)
            else:
                yield text
        tail = self._decode(decoder, b"", final=True)
        if tail:
            yield tail

    def _decode(self, decoder: codecs.IncrementalDecoder, raw: bytes, final: bool = False) -> str:
        try:
            return decoder.decode(raw, final)
        except UnicodeDecodeError as exc:
            byte = f" (byte 0x{raw[exc.start]:02x})" if exc.start < len(raw) else ""
            raise InputError(self._bad_bytes(self.line + 1, byte)) from None

    def _wrapped(self) -> Iterator[str]:
        wrapper = io.TextIOWrapper(self._stream, encoding=self.encoding, errors="strict", newline="")
        try:
            for text in wrapper:
                self.bytes_read += len(text.encode(self.encoding, errors="replace"))
                yield text
        except UnicodeDecodeError:
            raise InputError(self._bad_bytes(self.line + 1, "", near=True)) from None
        finally:
            with suppress(ValueError):  # the stream may be closed already
                wrapper.detach()

    def _bad_bytes(self, line: int, byte: str, near: bool = False) -> str:
        label = "UTF-8" if self.encoding == "utf-8-sig" else self.encoding
        where = f"{self.name}: near line {line}" if near else f"{self.name}:{line}"
        hint = (
            "check --encoding"
            if self.explicit
            else "pass --encoding with the file's encoding, e.g. --encoding latin-1"
        )
        return f"{where}: not valid {label}{byte}; {hint}"


@dataclass(frozen=True, slots=True)
class Record:
    """One input row: the line it starts on, its data, its title and what is wrong with it.

    ``data`` is the list of fields of a CSV or TSV row, or the object of a JSON line (for a line
    that is not a JSON object: ``{"_raw": text, "_error": message}``). ``title`` is None when the
    row has no title to read; ``problem`` is None for a well-formed row.
    """

    line: int
    data: list[str] | dict[str, Any]
    title: str | None
    problem: str | None = None


class Table(Protocol):
    """A table being read: its header (None for JSON Lines or an empty file) and its records."""

    header: list[str] | None

    def __iter__(self) -> Iterator[Record]: ...


def read_table(lines: LineSource, fmt: Format, column: str) -> Table:
    """Start reading a table; for CSV and TSV the header is read (and ``column`` checked) at once.

    Raises:
        InputError: when the header has no column ``column`` (naming the columns it has), or
            (for JSON Lines, while iterating) when the first object has no key ``column``.
    """
    if fmt == "jsonl":
        return _JsonLines(lines, column)
    return _Delimited(lines, _DELIMITERS[fmt], column)


def _find_column(header: Sequence[str], column: str, name: str) -> int:
    if column in header:
        return header.index(column)
    loose = [i for i, h in enumerate(header) if h.strip().casefold() == column.strip().casefold()]
    if len(loose) == 1:
        return loose[0]
    available = ", ".join(repr(h) for h in header) or "(none)"
    raise InputError(
        f"{name}: no column {column!r}; available columns: {available} (choose one with --column)"
    )


class _Delimited:
    """A CSV or TSV table read with the csv module, row by row."""

    def __init__(self, lines: LineSource, delimiter: str, column: str) -> None:
        self._lines = lines
        self._reader = csv.reader(lines, delimiter=delimiter)
        self._end = 0
        self.header: list[str] | None = self._read_header()
        self.width = len(self.header) if self.header is not None else 0
        self.index = _find_column(self.header, column, lines.name) if self.header is not None else 0

    def _read_header(self) -> list[str] | None:
        try:
            for row in self._reader:
                self._end = self._lines.line
                self._lines.take()
                if row:
                    if row[0].startswith("\ufeff"):  # a BOM the decoder could not strip (--encoding)
                        row[0] = row[0][1:]
                    return row
        except csv.Error as exc:
            raise InputError(
                f"{self._lines.name}:{self._lines.line}: cannot read the header: {exc}"
            ) from None
        return None

    def __iter__(self) -> Iterator[Record]:
        if self.header is None:
            return
        while True:
            start = self._end + 1
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self._end = self._lines.line
                yield Record(start, [self._lines.take()], None, f"cannot parse the row: {exc}")
                continue
            self._end = self._lines.line
            self._lines.take()
            if row:
                yield self._record(start, row)

    def _record(self, start: int, row: list[str]) -> Record:
        title = row[self.index] if self.index < len(row) else None
        problem = None
        if len(row) != self.width:
            extra = "; the extra fields are kept after the added columns" if len(row) > self.width else ""
            problem = f"{len(row)} fields, the header has {self.width}{extra}"
        return Record(start, row, title, problem)


class _JsonLines:
    """A JSON Lines table: one JSON object per line; blank lines are skipped."""

    header: list[str] | None = None

    def __init__(self, lines: LineSource, column: str) -> None:
        self._lines = lines
        self._column = column

    def __iter__(self) -> Iterator[Record]:
        seen_object = False
        for text in self._lines:
            self._lines.take()
            if not text.strip():
                continue
            line = self._lines.line
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield _bad_json(line, text, f"invalid JSON: {exc.msg} (column {exc.colno})")
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
            yield _json_record(line, obj, self._column)


def _bad_json(line: int, text: str, problem: str) -> Record:
    return Record(line, {"_raw": text.rstrip("\r\n"), "_error": problem}, None, problem)


def _json_record(line: int, obj: dict[str, Any], column: str) -> Record:
    if column not in obj:
        return Record(line, obj, None, f"no key {column!r}")
    value = obj[column]
    if value is None or isinstance(value, str):
        return Record(line, obj, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Record(line, obj, str(value))
    return Record(line, obj, None, f"{column!r} is a JSON {type(value).__name__}, not text")


# -- writing ------------------------------------------------------------------------------------


class Sink(Protocol):
    """Where annotated records go: one output row per :meth:`write`.

    ``renamed`` lists the added columns given a ``titlemap_`` prefix because the input header
    already used their names.
    """

    renamed: list[str]

    def write(self, record: Record, values: Sequence[Value]) -> None:
        """Write the record's data with ``values`` in the added columns."""


def make_sink(
    out: TextIO, fmt: Format, header: list[str] | None, added: Sequence[str], newline: str = "\n"
) -> Sink:
    """A writer of ``fmt`` rows to ``out``; for CSV and TSV the header is written at once.

    Input columns are never changed: see :func:`added_names` for the names of the added ones.
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
    out: TextIO
    delimiter: str
    header: list[str] | None
    added: Sequence[str]
    newline: str = "\n"
    renamed: list[str] = field(default_factory=list)
    _start: int | None = None
    _width: int = 0

    def __post_init__(self) -> None:
        self._writer = csv.writer(self.out, delimiter=self.delimiter, lineterminator=self.newline)
        if self.header is None:
            return
        self._width = len(self.header)
        names, self._start = added_names(self.header, self.added)
        self.renamed = [n for n, a in zip(names, self.added, strict=True) if n != a]
        self._writer.writerow(self.header if self._start is not None else [*self.header, *names])

    def write(self, record: Record, values: Sequence[Value]) -> None:
        """Write one row: the fields padded to the header, the added cells, then any extra fields."""
        fields = record.data if isinstance(record.data, list) else [json.dumps(record.data)]
        row = fields[: self._width] + [""] * (self._width - len(fields))
        cells = ["" if value is None else str(value) for value in values]
        if self._start is None:
            row.extend(cells)
        else:
            row[self._start : self._start + len(cells)] = cells
        row.extend(fields[self._width :])
        self._writer.writerow(row)


@dataclass
class _JsonSink:
    out: TextIO
    added: Sequence[str]
    renamed: list[str] = field(default_factory=list)

    def write(self, record: Record, values: Sequence[Value]) -> None:
        """Write one JSON object: the input object with the added keys (see :func:`added_names`)."""
        data = record.data if isinstance(record.data, dict) else {"_raw": record.data}
        names, _ = added_names(list(data), self.added)
        obj = {**data, **dict(zip(names, values, strict=True))}
        self.out.write(json.dumps(obj, ensure_ascii=False) + "\n")


@contextmanager
def open_output(path: str | None, bom: bool = False) -> Iterator[TextIO]:
    """Standard output for None or ``-``; else a temporary file next to ``path``, moved into place
    (``os.replace``) only when the block succeeds, and removed when it fails. Devices and named
    pipes (``/dev/null``) are written directly.

    The file is UTF-8, with a byte order mark when ``bom`` is true.

    Raises:
        InputError: when the output's folder does not exist or cannot be written.
    """
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(os.path.realpath(path))  # through symlinks: replace the file, not the link
    if target.is_dir():
        raise InputError(f"cannot write {path}: it is a directory")
    if target.exists() and not target.is_file():  # /dev/null, a named pipe: never replace those
        with open(target, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            yield fh
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc} ({target.parent or '.'})") from None
    try:
        with open(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(target: Path) -> int:
    """The existing file's permissions, or the usual ones for a new file under the umask."""
    with suppress(OSError):
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
