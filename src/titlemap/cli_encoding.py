"""Arguments typed on a terminal whose encoding is not UTF-8, read as the UTF-8 they are.

Under a C or POSIX locale without UTF-8 mode (``LC_ALL=C PYTHONUTF8=0``), Python decodes the
command line as ASCII and keeps each byte it cannot read as a lone surrogate (``\\udce3``), so
``シニア`` arrives as ``'\\udce3\\udc82\\udcb7...'``. :func:`recover_arguments` turns such text back
into the UTF-8 it was typed as; text that is not UTF-8 either is refused, saying how to fix the
terminal. File paths are left as the system gave them (they open as they are).
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from .cli_parser import UsageError

__all__ = ["PATH_OPTIONS", "not_utf8_warning", "recover_arguments"]

#: The options whose values are file paths, never recovered.
PATH_OPTIONS = frozenset({"input", "output", "ladders", "sub_ladders", "files"})
_ESCAPED = re.compile("[\udc80-\udcff]")
_FIX = "set PYTHONUTF8=1 (or a UTF-8 locale such as LC_ALL=C.UTF-8)"


def recover_arguments(args: argparse.Namespace) -> bool:
    """Read the surrogate-escaped text arguments of ``args`` as UTF-8, in place.

    Returns:
        Whether any argument was recovered (the caller says the terminal is not UTF-8).

    Raises:
        UsageError: for an argument whose bytes are not UTF-8 either, naming the fix.
    """
    recovered = False
    for name, value in vars(args).items():
        if name in PATH_OPTIONS:
            continue
        if isinstance(value, str) and _ESCAPED.search(value):
            setattr(args, name, _utf8(value))
            recovered = True
        elif isinstance(value, list) and any(isinstance(v, str) and _ESCAPED.search(v) for v in value):
            setattr(args, name, [_utf8(v) if isinstance(v, str) else v for v in value])
            recovered = True
    return recovered


def _utf8(text: str) -> str:
    if not _ESCAPED.search(text):
        return text
    try:
        return os.fsencode(text).decode("utf-8")
    except (UnicodeError, ValueError):
        shown = os.fsencode(text).decode("ascii", "backslashreplace")
        raise UsageError(
            f"the argument '{shown}' is not UTF-8 text, and this terminal's encoding "
            f"({sys.getfilesystemencoding()}) is not UTF-8 either; {_FIX}, or type the text in UTF-8"
        ) from None


def not_utf8_warning() -> str:
    """What to say when arguments were recovered: the terminal's encoding and the fix."""
    return (
        f"this terminal's encoding ({sys.getfilesystemencoding()}) is not UTF-8: the arguments were read "
        f"as UTF-8, and characters it cannot show are printed as ?; {_FIX}"
    )
