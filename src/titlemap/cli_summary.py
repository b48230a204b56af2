"""What a bulk run tells on standard error: progress, rows kept with a problem, the summary.

:class:`Stats` counts the rows; :func:`report` lists a row kept with a problem (the first
:data:`MAX_LISTED_PROBLEMS`); :func:`summarize` prints the summary line (or a JSON object with
``--json``): rows, matched, unmatched, malformed, seconds, where the rows were read, and the
cells that could not be read, per column.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from .cli_parser import wants_json
from .columns import CONTEXT_FIELDS
from .console import PROG, say, warn
from .rows import RowReader
from .table import Record

__all__ = ["MAX_LISTED_PROBLEMS", "Progress", "Stats", "read_in", "report", "summarize", "warn_renamed"]

#: Malformed rows listed one by one on standard error before the rest are only counted.
MAX_LISTED_PROBLEMS = 100
_FIELD_ORDER = {f: i for i, f in enumerate(CONTEXT_FIELDS)}


@dataclass
class Stats:
    """The counts of a bulk run."""

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


class Progress:
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


def report(stats: Stats, record: Record, name: str, clash: str | None) -> None:
    """Count a row kept with a problem and list it on standard error (the first ones only)."""
    problem = "; ".join(p for p in (record.problem, clash) if p)
    stats.malformed += 1
    if stats.malformed <= MAX_LISTED_PROBLEMS:
        warn(f"{name}:{record.line}: malformed row kept: {problem}")
    elif stats.malformed == MAX_LISTED_PROBLEMS + 1:
        warn(f"more than {MAX_LISTED_PROBLEMS} malformed rows; the others are only counted")


def summarize(
    args: argparse.Namespace, stats: Stats, seconds: float, read_in: str, columns: dict[str, str]
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


def read_in(reader: RowReader, columns: Sequence[tuple[str, str, str]]) -> str:
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


def warn_renamed(args: argparse.Namespace, name: str, renamed: list[str]) -> bool:
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
