"""Where output goes: standard output, a file descriptor, or a file replaced atomically.

:func:`open_output` gives a text stream for ``--output`` (UTF-8), and :func:`replaced_atomically`
a temporary file that is moved over the target only when everything was written, so an existing
file is never left half-written.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from .errors import InputError

__all__ = ["file_mode", "open_output", "replaced_atomically", "write_errors_named"]

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
        raise InputError(f"cannot write {path}: standard output is closed")
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
        with write_errors_named("standard output"), _utf8(sys.stdout, "standard output") as out:
            if bom:
                out.write("\ufeff")  # as a file output gets it
            yield out
        return
    fd = _descriptor(path)
    if fd in (1, 2):
        with write_errors_named(path), _utf8(sys.stdout if fd == 1 else sys.stderr, path) as out:
            yield out
        return
    if fd is not None:
        try:
            fh = open(os.dup(fd), "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
        with write_errors_named(path), fh:
            yield fh
        return
    target = Path(os.path.realpath(path))  # through symlinks: replace the file, not the link
    if target.is_dir():
        raise InputError(f"cannot write {path}: it is a directory")
    encoding = "utf-8-sig" if bom else "utf-8"
    if target.exists() and not target.is_file():  # /dev/null, a named pipe: never replace those
        with write_errors_named(path), open(target, "w", encoding=encoding, newline="") as fh:
            yield fh
        return
    # the file closes before the temporary file is moved into place (contexts exit in reverse)
    with (
        write_errors_named(path),
        replaced_atomically(path, target) as tmp,
        open(tmp, "w", encoding=encoding, newline="") as fh,
    ):
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


# Errors that only writing gives: a full disk, a file size limit, a quota, a read-only file system.
_WRITE_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EFBIG", "EDQUOT", "EROFS") if hasattr(errno, name)
)


@contextmanager
def write_errors_named(path: str) -> Iterator[None]:
    """Inside the block, an error that only writing gives (a full disk, a file too large, a quota,
    a read-only file system) becomes one :class:`~titlemap.InputError` naming ``path``."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in _WRITE_ERRNOS:
            raise
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


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
