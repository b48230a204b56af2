"""A whole file through the command line: ``titlemap normalize/map --input FILE``.

:func:`run_bulk` opens the input table (CSV, TSV, JSON Lines or a workbook), reads each row's
title with its own context (:class:`~titlemap.rows.RowReader`), writes every row out with the
added columns (a workbook into a copy of itself), lists the rows kept with a problem on
standard error, and prints a summary (:mod:`titlemap.cli_summary`).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .cli_parser import UsageError, delimiter_of
from .cli_summary import Progress, Stats, read_in, report, summarize, warn_renamed
from .columns import Value, chosen_columns
from .console import stderr_is_a_terminal, warn
from .errors import InputError
from .output_files import open_output
from .rows import MEMO_TITLE_CHARS, RowReader
from .table import Format, Sink, Table, context_cells, detect_format, find_column
from .text_lines import LineSource
from .text_reader import read_table
from .text_writer import make_sink
from .workbook_package import Package
from .workbook_reader import CellsAs, WorkbookTable
from .workbook_writer import NewWorkbook, WorkbookCopy, workbook_output

__all__ = ["Terminated", "run_bulk"]

Columns = Sequence[tuple[str, str, str]]  # (field, flag, column name) of the --*-column flags given


class Terminated(SystemExit):
    """SIGTERM during a bulk run: unwinds like Ctrl-C, so the temporary output is removed."""


@dataclass
class _Source:
    """The input table and what writing it back needs to know."""

    table: Table
    name: str
    size: int | None
    bom: bool = False
    newline: str = "\n"
    delimiter: str | None = None
    lines: LineSource | None = None

    def bytes_read(self) -> int:
        return self.lines.bytes_read if self.lines is not None else 0


def run_bulk(args: argparse.Namespace, reader: RowReader, columns: Columns) -> int:
    """Read the input table row by row, add the columns and write every row out, then summarize."""
    fmt = detect_format(args.input, args.format)
    out_fmt = _output_format(args, fmt)
    delimiter = _check_options(args, fmt, out_fmt)
    started = time.monotonic()
    stats = Stats()
    with ExitStack() as stack:
        stream, name, size = stack.enter_context(_open_input(args.input))
        stack.enter_context(_terminate_cleanly())
        source = _open_table(args, stream, name, size, fmt, out_fmt, delimiter, stack)
        if source.table.header is None and fmt != "jsonl" and not args.quiet:
            warn(f"{name}: the input is empty")
        added = _added(args, reader.columns)
        copy = _copier(args, reader, columns, source, stats, _picker(reader.columns, added))
        _write(args, source, out_fmt, added, copy)
    names = {f: column for f, _, column in columns}
    summarize(args, stats, time.monotonic() - started, read_in(reader, columns), names)
    return 0


def _added(args: argparse.Namespace, every: tuple[str, ...]) -> tuple[str, ...]:
    """The added columns to write: ``--added-columns`` (comma-separated), or all of them."""
    given = getattr(args, "added_columns", None)
    chosen = None if given is None else [name.strip() for name in given.split(",")]
    return chosen_columns(every, chosen, "--added-columns")


_PICKED_MAX = 65_536  # rows' picked cells kept, by the identity of their readers' memoized tuples


def _picker(
    every: tuple[str, ...], added: tuple[str, ...]
) -> Callable[[tuple[Value, ...]], tuple[Value, ...]] | None:
    """From a row's added cells (all of them, in ``every``'s order), those written. A repeated
    title's cells are one memoized tuple, and so are the cells picked from it: the writers format
    a tuple they have seen once. None when every column is written."""
    if added == every:
        return None
    at = [every.index(name) for name in added]
    kept: dict[int, tuple[tuple[Value, ...], tuple[Value, ...]]] = {}

    def pick(values: tuple[Value, ...]) -> tuple[Value, ...]:
        found = kept.get(id(values))
        if found is not None and found[0] is values:
            return found[1]
        picked = tuple(values[i] for i in at)
        if len(kept) >= _PICKED_MAX:
            kept.clear()
        kept[id(values)] = (values, picked)  # the tuple kept beside its id, so the id is not reused
        return picked

    return pick


def _check_options(args: argparse.Namespace, fmt: Format, out_fmt: Format) -> str | None:
    """The options that depend on the formats; returns the ``--delimiter`` given."""
    if args.sheet is not None and fmt != "xlsx":
        raise UsageError("--sheet needs an .xlsx input")
    if fmt == "xlsx" and args.encoding is not None:
        raise UsageError("--encoding does not apply to an .xlsx input")
    delimiter = delimiter_of(args)
    if delimiter is not None and "csv" not in (fmt, out_fmt):
        raise UsageError("--delimiter applies to CSV (TSV is always tab-separated)")
    return delimiter


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


def _open_table(
    args: argparse.Namespace,
    stream: IO[bytes],
    name: str,
    size: int | None,
    fmt: Format,
    out_fmt: Format,
    delimiter: str | None,
    stack: ExitStack,
) -> _Source:
    """The input table: a workbook's sheet (kept as bytes when a copy of it is written), or a
    text table whose header is read at once."""
    if fmt == "xlsx":
        package = Package(stream, name)
        stack.callback(package.close)
        cells: CellsAs = "native" if out_fmt == "xlsx" else "json" if out_fmt == "jsonl" else "text"
        table = WorkbookTable(package, args.column, args.sheet, cells=cells, keep_bytes=out_fmt == "xlsx")
        return _Source(table, name, size, delimiter=delimiter)
    lines = LineSource(stream, name, args.encoding)
    text_table = read_table(lines, fmt, args.column, delimiter if fmt == "csv" else None)
    return _Source(
        text_table,
        name,
        size,
        bom=lines.bom and fmt != "jsonl",
        newline=lines.newline,
        delimiter=getattr(text_table, "delimiter", delimiter),  # a CSV is written as it was read
        lines=lines,
    )


def _copier(
    args: argparse.Namespace,
    reader: RowReader,
    columns: Columns,
    source: _Source,
    stats: Stats,
    pick: Callable[[tuple[Value, ...]], tuple[Value, ...]] | None,
) -> Callable[[Sink], None]:
    """The loop that reads every record and writes it with its added cells (those ``pick``
    keeps) into a sink."""
    table, name = source.table, source.name
    cells = context_cells(table, [(flag, column) for _, flag, column in columns], name)
    if isinstance(table, WorkbookTable) and table.watch is not None and table.header is not None:
        table.watch.update(find_column(table.header, column, name, flag=flag) for _, flag, column in columns)
    show = stderr_is_a_terminal() and not args.quiet

    def copy(sink: Sink) -> None:
        warned = warn_renamed(args, name, sink.renamed)
        write, by_title = sink.write, reader.by_title
        progress = Progress(sys.stderr, source.size) if show else None
        try:
            for record in table:
                title = record.title
                if columns:
                    row = cells(record)
                    values = reader(title, row)
                    if values[-1] is not None or str(values[-2]).startswith("unreadable"):
                        stats.unreadable.update(reader.note_fields(row))  # counted per column
                elif title is None or len(title) <= MEMO_TITLE_CHARS:
                    values = by_title(title)
                else:
                    values = reader(title)
                try:
                    clash = write(record, values if pick is None else pick(values))
                except InputError as exc:  # "line 3: ..." from a writer: name the input file
                    raise _named(exc, name) from None
                if not warned:  # JSON Lines: the names are decided by the first object
                    warned = warn_renamed(args, name, sink.renamed)
                stats.rows += 1
                if values[0] is not None:
                    stats.matched += 1
                if record.problem is not None or clash is not None:
                    report(stats, record, name, clash)
                if progress is not None:
                    progress.update(stats.rows, source.bytes_read())
        finally:
            if progress is not None:
                progress.close()

    return copy


def _write(
    args: argparse.Namespace,
    source: _Source,
    out_fmt: Format,
    added: Sequence[str],
    copy: Callable[[Sink], None],
) -> None:
    """Run ``copy`` into the output: a workbook (a copy of the input workbook, or a new one)
    saved atomically, or a text table."""
    table = source.table
    if out_fmt != "xlsx":
        with open_output(args.output, bom=source.bom) as out:
            copy(make_sink(out, out_fmt, table.header, added, source.newline, source.delimiter))
        return
    if isinstance(table, WorkbookTable):
        _check_macros(args.output, table.package)
    with workbook_output(args.output) as path:
        sink: WorkbookCopy | NewWorkbook
        if isinstance(table, WorkbookTable):
            sink = WorkbookCopy(table, path, added)
        else:
            sink = NewWorkbook(path, table.header, added, Path(source.name).stem)
        try:
            copy(sink)
            sink.save()
        except BaseException:
            sink.discard()
            raise


def _named(exc: InputError, name: str) -> InputError:
    """A writer's refusal of a row ("line 3: ...") as ``file:3: ...``."""
    found = re.match(r"line (\d+): ", str(exc))
    return InputError(f"{name}:{found.group(1)}: {str(exc)[found.end() :]}") if found else exc


def _check_macros(output: str | None, package: Package) -> None:
    """An .xlsm (macros) is written only to an .xlsm name, and an .xlsx only to an .xlsx name:
    Excel refuses to open a workbook whose name does not say what it holds."""
    if output is None:
        return
    suffix = Path(output).suffix.lower()
    if package.macros and suffix != ".xlsm":
        raise InputError(f"{package.name} holds macros: name the output .xlsm to keep them (not {output})")
    if not package.macros and suffix == ".xlsm":
        raise InputError(f"{output}: an .xlsm output needs a workbook with macros; name it .xlsx")


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
