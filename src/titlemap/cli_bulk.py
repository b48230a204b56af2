"""A whole file through the command line: ``titlemap normalize/map --input FILE``.

:func:`run_bulk` reads the input table row by row, reads each row's title with its own context
(:class:`~titlemap.rows.RowReader`), writes every row out with the added columns, lists
malformed rows on standard error, and prints a summary.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import stat
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Literal, TextIO

from .cli_parser import UsageError, delimiter_of, wants_json
from .columns import CONTEXT_FIELDS
from .console import PROG, say, stderr_is_a_terminal, warn
from .errors import InputError
from .excel import MAX_ROWS as XLSX_MAX_ROWS
from .excel import XlsxSink, XlsxTable, xlsx_output
from .output_files import open_output
from .rows import MEMO_TITLE_CHARS, RowReader
from .table import Format, Record, Sink, Table, context_cells, detect_format
from .text_lines import LineSource
from .text_reader import read_table
from .text_writer import make_sink

__all__ = ["MAX_LISTED_PROBLEMS", "Terminated", "run_bulk"]

_FIELD_ORDER = {f: i for i, f in enumerate(CONTEXT_FIELDS)}

#: Malformed rows listed one by one on standard error before the rest are only counted.
MAX_LISTED_PROBLEMS = 100


class Terminated(SystemExit):
    """SIGTERM during a bulk run: unwinds like Ctrl-C, so the temporary output is removed."""


@dataclass
class _Stats:
    rows: int = 0
    matched: int = 0
    malformed: int = 0
    #: cells that could not be read (noted in ``note``), per context field
    unreadable: Counter[str] = field(default_factory=Counter)

    def summary(self, seconds: float, columns: dict[str, str]) -> dict[str, object]:
        return {
            "rows": self.rows,
            "matched": self.matched,
            "unmatched": self.rows - self.matched,
            "malformed": self.malformed,
            "seconds": round(seconds, 3),
            "unreadable": {  # most first; ties in the order of the --*-column flags
                columns.get(f, f): n
                for f, n in sorted(
                    self.unreadable.items(), key=lambda fn: (-fn[1], _FIELD_ORDER.get(fn[0], 99))
                )
            },
        }


class _Progress:
    """A one-line progress display on standard error, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO, total: int | None) -> None:
        self._stream = stream
        self._total = total
        self._next = 0.0
        self._drawn = False

    def update(self, rows: int, done: int) -> None:
        now = time.monotonic()
        if now < self._next:
            return
        self._next = now + 0.1
        text = f"{rows:,} rows"
        if self._total:
            frac = min(done / self._total, 1.0)
            bar = "#" * int(frac * 30)
            text = f"[{bar:<30}] {frac:4.0%}  {text}"
        self._draw(f"\r{text}")
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self._draw("\r\x1b[K")

    def _draw(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # standard error went away: stop drawing
            self._next = float("inf")


@contextmanager
def _open_input(path: str) -> Iterator[tuple[IO[bytes], str, int | None]]:
    """The input as bytes, its display name and its size when it is a regular file."""
    if path == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise InputError("standard input is closed; give --input FILE")
        yield stdin, "<stdin>", None
        return
    with open(path, "rb") as fh:
        info = os.fstat(fh.fileno())
        yield fh, path, info.st_size if stat.S_ISREG(info.st_mode) else None


def run_bulk(args: argparse.Namespace, reader: RowReader, columns: Sequence[tuple[str, str, str]]) -> int:
    """Read the input table row by row, add the columns and write every row out, then summarize."""
    fmt = detect_format(args.input, args.format)
    out_fmt = _output_format(args, fmt)
    if args.sheet is not None and fmt != "xlsx":
        raise UsageError("--sheet needs an .xlsx input")
    delimiter = delimiter_of(args)
    if delimiter is not None and "csv" not in (fmt, out_fmt):
        raise UsageError("--delimiter applies to CSV (TSV is always tab-separated)")
    started = time.monotonic()
    stats = _Stats()
    with _open_input(args.input) as (stream, name, size), _terminate_cleanly():
        if fmt == "xlsx":
            if args.encoding is not None:
                raise UsageError("--encoding does not apply to an .xlsx input")
            cells_as: Literal["native", "text", "json"] = (
                "native" if out_fmt == "xlsx" else "json" if out_fmt == "jsonl" else "text"
            )
            table: Table = XlsxTable(_seekable(stream), name, args.column, args.sheet, cells=cells_as)
            bom, newline, position = False, "\n", None
        else:
            lines = LineSource(stream, name, args.encoding)
            table = read_table(lines, fmt, args.column, delimiter if fmt == "csv" else None)
            delimiter = getattr(table, "delimiter", delimiter)  # a CSV is written as it was read
            bom, newline, position = lines.bom and fmt != "jsonl", lines.newline, lines
        cells = context_cells(table, [(flag, column) for _, flag, column in columns], name)
        if table.header is None and fmt != "jsonl" and not args.quiet:
            warn(f"{name}: the input is empty")
        progress = _Progress(sys.stderr, size) if stderr_is_a_terminal() and not args.quiet else None

        def copy(sink: Sink) -> None:
            warned = _warn_renamed(args, name, sink.renamed)
            write, by_title = sink.write, reader.by_title
            for record in table:
                title = record.title
                if columns:
                    row = cells(record)
                    values = reader(title, row)
                    if values[-1] is not None or str(values[-2]).startswith("unreadable"):
                        # a cell that could not be read: count it per column
                        stats.unreadable.update(reader.note_fields(row))
                elif title is None or len(title) <= MEMO_TITLE_CHARS:
                    values = by_title(title)
                else:
                    values = reader(title)
                clash = write(record, values)
                if not warned:  # JSON Lines: the names are decided by the first object
                    warned = _warn_renamed(args, name, sink.renamed)
                stats.rows += 1
                if values[0] is not None:
                    stats.matched += 1
                if record.problem is not None or clash is not None:
                    _report(stats, record, name, clash)
                if progress is not None:
                    progress.update(stats.rows, position.bytes_read if position is not None else 0)

        try:
            if out_fmt == "xlsx":
                _refuse_oversized(table)
                with xlsx_output(args.output) as path:
                    workbook = XlsxSink(table.header, reader.columns, getattr(table, "sheet", "titlemap"))
                    try:
                        copy(workbook)
                    except BaseException:
                        workbook.discard()
                        raise
                    workbook.save(path)
            else:
                with open_output(args.output, bom=bom) as out:
                    copy(make_sink(out, out_fmt, table.header, reader.columns, newline, delimiter))
        finally:
            if progress is not None:
                progress.close()
    names = {f: column for f, _, column in columns}
    _summarize(args, stats, time.monotonic() - started, _read_in(reader, columns), names)
    return 0


def _read_in(reader: RowReader, columns: Sequence[tuple[str, str, str]]) -> str:
    """Where the rows were read, for the summary: "market us", "markets from column 'Market'
    (blank cells: us)", and "-> in" when mapping."""
    column = next((name for field, _, name in columns if field == "market"), None)
    if column is None:
        where = f"market {reader.market}"
    else:
        where = f"markets from column {column!r}"
        if reader.market is not None:
            where += f" (blank cells: {reader.market})"
    return where if reader.target is None else f"{where} -> {reader.target}"


def _output_format(args: argparse.Namespace, fmt: Format) -> Format:
    """The output's format: the input's, except that a workbook is never written to a stream
    (an .xlsx input gives CSV on standard output) and, without ``--format``, an .xlsx on either
    side lets the output file's extension decide (``-o out.xlsx``, ``-o out.csv``)."""
    if args.output in (None, "-"):
        return "csv" if fmt == "xlsx" else fmt
    if args.format is not None:
        return fmt
    wanted = detect_format(args.output)
    return wanted if "xlsx" in (wanted, fmt) else fmt


def _refuse_oversized(table: Table) -> None:
    declared = getattr(table, "rows_declared", None)
    if declared is not None and declared > XLSX_MAX_ROWS:
        raise InputError(
            f"the sheet has {declared:,} rows, more than an Excel sheet holds ({XLSX_MAX_ROWS:,}); "
            "write CSV instead (--output FILE.csv)"
        )


def _seekable(stream: IO[bytes]) -> IO[bytes]:
    """A workbook is a zip file, read from its end: standard input is read into memory first."""
    if stream.seekable():
        return stream
    return io.BytesIO(stream.read())


def _warn_renamed(args: argparse.Namespace, name: str, renamed: list[str]) -> bool:
    """Warn about added columns given a ``titlemap_`` prefix, if any; returns whether there were.

    The added ``title`` column clashes with the input's title column whenever that is named
    "title" (most files): that rename is expected and documented, not warned about."""
    if not renamed:
        return False
    own_titles = {"title"} if str(args.column).casefold() == "title" else set()
    shown = [n for n in renamed if n.removeprefix("titlemap_").casefold() not in own_titles]
    if shown and not args.quiet:
        warn(f"{name}: the input already has columns named like the added ones; added as {', '.join(shown)}")
    return True


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """While the block runs, SIGTERM unwinds like Ctrl-C (the temporary output file is removed)
    and the command exits with status 143."""

    def on_term(signum: int, frame: object) -> None:
        raise Terminated(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, on_term)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _report(stats: _Stats, record: Record, name: str, clash: str | None) -> None:
    """Count a malformed row and list it on standard error (the first ones only)."""
    problem = "; ".join(p for p in (record.problem, clash) if p)
    stats.malformed += 1
    if stats.malformed <= MAX_LISTED_PROBLEMS:
        warn(f"{name}:{record.line}: malformed row kept: {problem}")
    elif stats.malformed == MAX_LISTED_PROBLEMS + 1:
        warn(f"more than {MAX_LISTED_PROBLEMS} malformed rows; the others are only counted")


def _summarize(
    args: argparse.Namespace, stats: _Stats, seconds: float, read_in: str, columns: dict[str, str]
) -> None:
    """The summary line: rows, matched, unmatched, malformed, time, where the rows were read, and
    the cells that could not be read per column (``unreadable cells: 'Years' 12, 'Market' 3``)."""
    if args.quiet:
        return
    data: dict[str, object] = {**stats.summary(seconds, columns), "read_in": read_in}
    if wants_json(args):
        say(json.dumps(data, ensure_ascii=False))
        return
    line = (
        f"{PROG}: rows {stats.rows:,}, matched {stats.matched:,}, unmatched {stats.rows - stats.matched:,}, "
        f"malformed {stats.malformed:,}, {seconds:.2f} s; {read_in}"
    )
    unreadable = data["unreadable"]
    if isinstance(unreadable, dict) and unreadable:
        line += "; unreadable cells: " + ", ".join(f"{c!r} {n:,}" for c, n in unreadable.items())
    say(line)
