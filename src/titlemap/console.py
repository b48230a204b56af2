"""What the command line prints: results on standard output, messages on standard error.

Standard error gets one-line messages (``titlemap: error: ...``, ``titlemap: warning: ...``) and
the bulk summary; nothing there ever raises, even when the stream is closed or gone. Standard
output gets the results through :func:`out`: a closed standard output is an error (a command
that printed nothing must not exit 0), and a terminal whose encoding cannot show a character
(cp1252, ASCII) gets ``?`` in its place in text, and ``\\uXXXX`` escapes in JSON, which stays
valid. Tables are laid out by display width (East Asian wide characters take two columns).
"""

from __future__ import annotations

import codecs
import json
import os
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress

from .errors import InputError

__all__ = [
    "PROG",
    "display_width",
    "error",
    "os_message",
    "out",
    "print_json",
    "print_json_line",
    "print_table",
    "say",
    "silence_stdout",
    "stderr_is_a_terminal",
    "tolerant_stdout",
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


def out(text: str = "", end: str = "\n") -> None:
    """Write ``text`` and ``end`` to standard output.

    Raises:
        InputError: when standard output is closed (``>&-``): nothing could be printed.
    """
    stream = sys.stdout
    if stream is None:
        raise InputError("standard output is closed; nothing could be printed")
    stream.write(text + end)


def _unicode_out() -> bool:
    """Whether standard output's encoding holds every character (UTF-8, UTF-16, UTF-32)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


@contextmanager
def tolerant_stdout() -> Iterator[None]:
    """While the block runs, characters standard output's encoding cannot hold are written as
    ``?`` instead of raising ``UnicodeEncodeError`` (cp1252, ASCII terminals and redirects)."""
    stream = sys.stdout
    reconfigure = getattr(stream, "reconfigure", None)
    errors = getattr(stream, "errors", None)
    # surrogateescape: the C locale's default, which fails on any character past ASCII
    if reconfigure is None or _unicode_out() or errors not in ("strict", "surrogateescape", None):
        yield
        return
    try:
        reconfigure(errors="replace")
    except (ValueError, OSError):  # a stream that cannot be reconfigured now
        yield
        return
    try:
        yield
    finally:
        with suppress(ValueError, OSError):
            reconfigure(errors=errors)


def print_json(data: object) -> None:
    """``data`` as indented JSON (non-ASCII escaped when the terminal cannot show it)."""
    out(json.dumps(data, ensure_ascii=not _unicode_out(), indent=2))


def print_json_line(data: object) -> None:
    """``data`` as one line of JSON (non-ASCII escaped when the terminal cannot show it)."""
    out(json.dumps(data, ensure_ascii=not _unicode_out()))


def print_table(rows: Sequence[Sequence[str]]) -> None:
    """Rows as columns aligned by display width; the last column is not padded."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell + " " * (width - display_width(cell)) for cell, width in zip(row, widths, strict=False)]
        out("  ".join([*cells, row[-1]]).rstrip())


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: East Asian wide characters (katakana, kanji) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
