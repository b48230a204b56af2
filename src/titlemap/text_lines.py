"""The decoded lines of a text table file, read in chunks so that memory stays bounded.

:class:`LineSource` turns a binary stream into text lines (UTF-8 by default, a byte order mark
skipped, ``--encoding`` otherwise), counting them for error messages, and refuses what cannot be
a text table: bytes invalid in the encoding, UTF-16 read as UTF-8, a line longer than
:data:`MAX_LINE_BYTES`.

>>> import io
>>> [line for line in LineSource(io.BytesIO(b"a,b\\r\\n1,2"), "demo.csv")]
['a,b\\r\\n', '1,2']
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Iterator
from contextlib import suppress
from operator import methodcaller
from typing import IO

from .errors import InputError

__all__ = ["MAX_LINE_BYTES", "SURROGATE", "LineSource", "RowTooLong", "binary_kind"]

_ASCII_PROBE = "\n,\tA"

#: The longest physical line read, in bytes: a longer one stops the run with ``file:line``.
MAX_LINE_BYTES = 1 << 20
_CHUNK = 1 << 16
_SNIFF_BYTES = 64
#: A lone surrogate, which UTF-8 cannot hold.
SURROGATE = re.compile("[\ud800-\udfff]")
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


# The first bytes of files that are not text tables, and what to do with them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a legacy Excel .xls workbook (or another OLE2 file), which titlemap does not read; "
        "save it as .xlsx (File > Save As) or as CSV",
    ),
    (
        b"\x1f\x8b",
        "gzip-compressed, not text; decompress it first "
        "(gunzip -k FILE, or gunzip -c FILE | titlemap ... -i -)",
    ),
    (b"BZh", "bzip2-compressed, not text; decompress it first (bunzip2 -k FILE)"),
    (b"\xfd7zXZ\x00", "xz-compressed, not text; decompress it first (unxz -k FILE)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed, not text; decompress it first (unzstd FILE)"),
    (b"PK\x03\x04", "a zip file (an .xlsx workbook?), not text; for a workbook pass --format xlsx"),
)


def binary_kind(head: bytes) -> str | None:
    """What a file starting with ``head`` is when it is not a text table (a legacy .xls, a gzip,
    bzip2, xz, zstd or zip file), with the hint to give; None for anything else."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            if signature == b"BZh" and not head[3:4].isdigit():
                continue  # "BZh" alone may start a text header
            return kind
    return None


class RowTooLong(InputError):
    """A row (CSV lines joined by a quoted field) grew past :data:`~titlemap.text_reader.MAX_ROW_CHARS`."""


class LineSource:
    """The decoded physical lines of a binary stream, counted as they are read.

    UTF-8 is the default and a byte order mark is skipped (and remembered in :attr:`bom`). Lines
    keep their terminators (``\\n``, ``\\r\\n`` or a lone ``\\r``), as the csv module expects. The
    stream is read in chunks and split as it comes, so memory stays bounded whatever the input:
    a physical line longer than :data:`MAX_LINE_BYTES` bytes stops the reading, and so do lines
    read for one row (see :meth:`take`) adding up to more than :attr:`max_row_chars` characters
    (the CSV reader sets it to :data:`~titlemap.text_reader.MAX_ROW_CHARS`).

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
            found = SURROGATE.search(text) if check and not self.surrogates else None
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
        kind = binary_kind(head)
        if kind is not None:
            raise InputError(f"{self.name}: {kind}")
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
