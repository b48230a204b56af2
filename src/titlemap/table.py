"""The shape of a table as titlemap reads and writes it, whatever the file format.

A table is read as :class:`Record` objects (one per row: the line it starts on, its cells, its
title and what is wrong with it) and written through a :class:`Sink`, which adds the columns of
:mod:`titlemap.columns` beside the input's own. The readers are in :mod:`titlemap.text_reader`
(CSV, TSV, JSON Lines) and :mod:`titlemap.workbook_reader` (Excel); the writers in
:mod:`titlemap.text_writer` and :mod:`titlemap.workbook_writer`.

>>> detect_format("people.xlsx"), detect_format("-"), detect_format("x.tsv", "csv")
('xlsx', 'csv', 'csv')
>>> added_names(["id", "title", "Location"], ["title", "location", "reason"])
(['titlemap_title', 'titlemap_location', 'reason'], None)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol

from .columns import Value, is_whole_set
from .errors import InputError

__all__ = [
    "FORMATS",
    "Format",
    "Record",
    "Sink",
    "Table",
    "Value",
    "added_names",
    "context_cells",
    "detect_format",
    "find_column",
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


class Record(NamedTuple):  # a tuple: immutable, and cheap to make once per row
    """One input row: the line it starts on, its data, its title and what is wrong with it.

    ``data`` is the list of fields of a CSV or TSV row, or the object of a JSON line (for a line
    that is not a JSON object: ``{"_raw": text, "_error": message}``). ``title`` is None when the
    row has no title to read; ``problem`` is None for a well-formed row. ``text`` is the row as
    read, without its line break (a CSV row's lines, a TSV line, a JSON line that is an object),
    so that it can be written back untouched; None otherwise. ``place`` is where the row sits
    in its file, for a writer that copies the file around the added cells (a workbook row's
    :class:`~titlemap.workbook_reader.RowPlace`); None otherwise.
    """

    line: int
    data: list[Any] | dict[str, Any]
    title: str | None
    problem: str | None = None
    text: str | None = None
    place: Any = None


_new_record = partial(tuple.__new__, Record)


class Table(Protocol):
    """A table being read: its header (None for JSON Lines or an empty file) and its records."""

    header: list[str] | None

    def __iter__(self) -> Iterator[Record]: ...


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

        keys: list[str] = list(getattr(table, "keys", None) or header)

        def from_row(record: Record) -> tuple[object, ...]:
            row = record.data
            if isinstance(row, dict):  # a workbook row converted to JSON: keyed by its header
                return tuple(row.get(keys[i]) if i < len(keys) else None for i in indexes)
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


def find_column(header: Sequence[str], column: str, name: str, hint: str = "", flag: str = "--column") -> int:
    """The header's index of ``column``: the one header cell equal to it, else the one equal to it
    ignoring case and surrounding spaces.

    Raises:
        InputError: when no header cell matches (naming the columns the header has), when several
            are named exactly ``column`` (a second "title" column would be read silently
            otherwise), or when several match it loosely (``Title`` and ``TITLE ``).
    """
    exact = [i for i, h in enumerate(header) if h == column]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        places = ", ".join(str(i + 1) for i in exact)
        raise InputError(
            f"{name}: {len(exact)} columns are named {column!r} (columns {places}); rename them so "
            f"that one column has that name, or choose another with {flag}"
        )
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


def added_names(existing: Sequence[str], added: Sequence[str]) -> tuple[list[str], int | None]:
    """The names of the added columns next to ``existing`` ones, and where they go.

    When ``existing`` already holds all the added columns side by side (the output of an earlier
    run), they are replaced in place and their start index is returned, so a rerun gives the same
    output. Otherwise they are appended (None), and an added name that the input already uses,
    in any letter case (``Location`` and ``location`` clash in Excel and Spark), gets a
    ``titlemap_`` prefix so that no input column is ever overwritten. Only a whole set of added
    columns (:func:`titlemap.columns.is_whole_set`) is taken for an earlier run's: a few of them,
    a caller's choice, are too weak a sign of one to overwrite input columns of the same names.
    """
    rerun = is_whole_set(added)
    width = len(added)
    bare = [_unprefixed(name) for name in existing]
    for i in range(len(existing) - width + 1 if rerun else 0):
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
