"""What the command line prints: results on standard output, messages on standard error.

Standard error gets one-line messages (``titlemap: error: ...``, ``titlemap: warning: ...``) and
the bulk summary; nothing there ever raises, even when the stream is closed or gone. Standard
output gets the results; tables are laid out by display width (East Asian wide characters take
two columns).
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Sequence

__all__ = [
    "PROG",
    "display_width",
    "error",
    "os_message",
    "print_json",
    "print_json_line",
    "print_table",
    "say",
    "silence_stdout",
    "stderr_is_a_terminal",
    "warn",
]

PROG = "titlemap"


def say(text: str) -> None:
    """Write one line to standard error; nothing when it is closed or gone (``2>&-``, cron)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"{text}\n")
        stream.flush()
    except (OSError, ValueError):  # closed, or its reader went away
        pass


def stderr_is_a_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (OSError, ValueError):
        return False


def error(message: str) -> None:
    say(f"{PROG}: error: {message}")


def warn(message: str) -> None:
    say(f"{PROG}: warning: {message}")


def os_message(exc: OSError) -> str:
    what = exc.strerror or str(exc)
    return f"{exc.filename}: {what}" if exc.filename else what


def silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def print_json_line(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False))


def print_table(rows: Sequence[Sequence[str]]) -> None:
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell + " " * (width - display_width(cell)) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: East Asian wide characters (katakana, kanji) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
