"""An Excel workbook's package (.xlsx, .xlsm) opened within bounds: its sheets, shared strings and
date formats.

An .xlsx file is a zip of XML parts. :class:`Package` reads them with every size checked, so a
small hostile file cannot take unbounded time or memory:

- a part may inflate to at most :data:`MAX_PART_BYTES` (sheets are streamed, never held whole),
  the shared strings and the other parts read whole to at most :data:`MAX_HELD_BYTES`;
- a part that inflates more than :data:`MAX_RATIO` times its compressed size, past
  :data:`RATIO_FLOOR` bytes, is a zip bomb (real sheets compress 5 to 30 times);
- a workbook on standard input is spooled to a temporary file of at most
  :data:`MAX_WORKBOOK_BYTES`; a package may list at most :data:`MAX_PARTS` parts;
- XML with a document type declaration is refused (Office never writes one; entity expansion
  starts there).

Each limit is checked against the declared sizes first and against the bytes actually inflated
while reading (declared sizes can lie). A refusal is an :class:`~titlemap.InputError` naming the
file and the limit.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import tempfile
import xml.parsers.expat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from .errors import InputError
from .text_lines import binary_kind

__all__ = [
    "MAX_HELD_BYTES",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "MAX_RATIO",
    "MAX_WORKBOOK_BYTES",
    "RATIO_FLOOR",
    "Package",
    "Sheet",
    "excel_datetime",
    "is_date_format",
    "local_name",
    "unescape_text",
]

#: The most bytes one part of a workbook may inflate to (a sheet is streamed, never held whole).
MAX_PART_BYTES = 1 << 30
#: The most bytes a part read whole may inflate to: the shared strings, styles, the workbook.
MAX_HELD_BYTES = 256 << 20
#: A part inflating more than this many times its compressed size is refused as a zip bomb...
MAX_RATIO = 200
#: ... once it passes this many bytes (small parts of repeated markup compress very well).
RATIO_FLOOR = 16 << 20
#: The largest workbook read from standard input (it is spooled to a temporary file first).
MAX_WORKBOOK_BYTES = 1 << 30
#: The most parts a package may list.
MAX_PARTS = 10_000

_CHUNK = 1 << 16
_REL_TYPES = ("worksheet", "chartsheet", "dialogsheet", "macrosheet")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True, slots=True)
class Sheet:
    """A sheet of the workbook: its name, its part in the package, and its kind (``worksheet``,
    ``chartsheet``, ``dialogsheet`` or ``macrosheet``)."""

    name: str
    path: str
    kind: str


def local_name(name: str) -> str:
    """An XML name without its namespace (``"uri local"``) or prefix (``"x:row"``)."""
    return name.rpartition(" ")[2].rpartition(":")[2]


def _parser(namespaces: bool) -> Any:
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" " if namespaces else None)
    parser.buffer_text = True

    def no_doctype(*_: object) -> None:
        raise InputError("a document type declaration, which a workbook never holds")

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    return parser


class Package:
    """The parts of an .xlsx or .xlsm package, read within the limits of this module.

    Args:
        source: the workbook, as a path or a binary stream (standard input is spooled to a
            temporary file first, up to :data:`MAX_WORKBOOK_BYTES`).
        name: the name to give in messages.

    Raises:
        InputError: for a file that is not a workbook (with a hint for a legacy .xls or a
            compressed file), a package with more than :data:`MAX_PARTS` parts, or a part
            refused by the limits.
    """

    def __init__(self, source: str | IO[bytes], name: str) -> None:
        self.name = name
        self._spool: IO[bytes] | None = None
        head = _head(source)
        if not head.startswith(_ZIP_MAGIC):
            kind = binary_kind(head)
            hint = f"it is {kind}" if kind and not kind.startswith("a zip") else "not a zip package"
            raise InputError(f"{name}: not an .xlsx workbook ({hint})")
        if not isinstance(source, str) and not _seekable(source):
            source = self._spool = _spooled(source, name)
        try:
            self.zip = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError(f"{name}: not an .xlsx workbook ({exc})") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_PARTS:
            raise InputError(
                f"{name}: {len(infos):,} parts in the package; a workbook may have {MAX_PARTS:,}"
            )
        self.infos = {info.filename: info for info in infos}
        self.workbook = self._workbook_path()
        self.date1904 = False
        self.sheets = self._sheets()
        #: whether the workbook holds macros (an .xlsm: its main part is macro-enabled)
        self.macros = self._macro_enabled()

    def close(self) -> None:
        """Close the package (and remove its spooled copy)."""
        self.zip.close()
        if self._spool is not None:
            self._spool.close()

    # -- reading parts ----------------------------------------------------------------------------

    def chunks(self, path: str, limit: int = MAX_PART_BYTES) -> Iterator[bytes]:
        """The inflated bytes of a part, in chunks, stopping at the first byte past the limits."""
        info = self._info(path)
        ratio_limit = max(RATIO_FLOOR, MAX_RATIO * info.compress_size)
        self._check(path, info.file_size, limit, ratio_limit)
        total = 0
        try:
            with self.zip.open(info) as part:
                while chunk := part.read(_CHUNK):
                    total += len(chunk)
                    self._check(path, total, limit, ratio_limit)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError) as exc:
            raise InputError(f"{self.name}: the part {path} cannot be read ({exc})") from None

    def read(self, path: str, limit: int = MAX_HELD_BYTES) -> bytes:
        """A whole part, within ``limit`` bytes."""
        return b"".join(self.chunks(path, limit))

    def has(self, path: str) -> bool:
        """Whether the package holds the part."""
        return path in self.infos

    def _info(self, path: str) -> zipfile.ZipInfo:
        info = self.infos.get(path)
        if info is None:
            raise InputError(f"{self.name}: the workbook lists the part {path}, which it does not hold")
        return info

    def _check(self, path: str, size: int, limit: int, ratio_limit: int) -> None:
        if size > limit:
            raise InputError(
                f"{self.name}: the part {path} inflates past {limit:,} bytes, the most titlemap reads "
                "(save the sheet as CSV instead)"
            )
        if size > ratio_limit:
            raise InputError(
                f"{self.name}: the part {path} inflates more than {MAX_RATIO} times its compressed size "
                "(a zip bomb?); refused"
            )

    def xml(self, path: str, on_start: Callable[[str, dict[str, str]], None]) -> None:
        """Parse a whole part (namespaces resolved), calling ``on_start(local name, attributes)``
        for each element; attribute names are local names too, except a relationship id,
        ``"r:id"``."""
        parser = _parser(namespaces=True)

        def start(name: str, attrs: dict[str, str]) -> None:
            on_start(local_name(name), {_attribute(k): v for k, v in attrs.items()})

        parser.StartElementHandler = start
        try:
            for chunk in self.chunks(path, MAX_HELD_BYTES):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as exc:
            raise InputError(f"{self.name}: the part {path} is not valid XML ({exc})") from None
        except InputError as exc:
            if str(exc).startswith(self.name):
                raise
            raise InputError(f"{self.name}: the part {path} holds {exc}") from None

    # -- the workbook's structure -----------------------------------------------------------------

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """The relationships of a part: id -> (its type's last word, the target's path)."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        found: dict[str, tuple[str, str]] = {}
        if not self.has(rels):
            return found

        def on_start(name: str, attrs: dict[str, str]) -> None:
            if name == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                kind = attrs.get("Type", "").rpartition("/")[2]
                found[attrs.get("Id", "")] = (kind, posixpath.normpath(path))

        self.xml(rels, on_start)
        return found

    def _workbook_path(self) -> str:
        for kind, path in self.relationships("").values():
            if kind == "officeDocument" and self.has(path):
                return path
        if self.has("xl/workbook.xml"):
            return "xl/workbook.xml"
        raise InputError(f"{self.name}: not an .xlsx workbook (no workbook part in the package)")

    def _sheets(self) -> list[Sheet]:
        rels = self.relationships(self.workbook)
        sheets: list[Sheet] = []

        def on_start(name: str, attrs: dict[str, str]) -> None:
            if name == "sheet":
                kind, path = rels.get(attrs.get("r:id", ""), ("", ""))
                if kind in _REL_TYPES:
                    sheets.append(Sheet(attrs.get("name", ""), path, kind))
            elif name == "workbookPr":
                self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")

        self.xml(self.workbook, on_start)
        return sheets

    def _macro_enabled(self) -> bool:
        found = {"macros": False}
        workbook = "/" + self.workbook

        def on_start(name: str, attrs: dict[str, str]) -> None:
            if name == "Override" and attrs.get("PartName") == workbook:
                found["macros"] = "macroenabled" in attrs.get("ContentType", "").lower()

        if self.has("[Content_Types].xml"):
            self.xml("[Content_Types].xml", on_start)
        return found["macros"]

    def part_of(self, kind: str) -> str | None:
        """The workbook's part of a relationship type (``sharedStrings``, ``styles``), if any."""
        for found, path in self.relationships(self.workbook).values():
            if found == kind and self.has(path):
                return path
        return None

    def shared_strings(self) -> list[str]:
        """The shared strings table, each string's text runs joined (phonetic runs left out)."""
        path = self.part_of("sharedStrings")
        if path is None:
            return []
        strings: list[str] = []
        parser = _parser(namespaces=False)
        texts: list[str] = []
        state = {"text": False, "phonetic": 0}

        def start(name: str, _attrs: dict[str, str]) -> None:
            local = local_name(name)
            if local == "t" and not state["phonetic"]:
                state["text"] = True
            elif local == "rPh":
                state["phonetic"] += 1

        def end(name: str) -> None:
            local = local_name(name)
            if local == "t":
                state["text"] = False
            elif local == "rPh":
                state["phonetic"] -= 1
            elif local == "si":
                strings.append(unescape_text("".join(texts)))
                texts.clear()

        def data(text: str) -> None:
            if state["text"]:
                texts.append(text)

        parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data
        try:
            for chunk in self.chunks(path, MAX_HELD_BYTES):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as exc:
            raise InputError(f"{self.name}: the part {path} is not valid XML ({exc})") from None
        return strings

    def date_styles(self) -> frozenset[int]:
        """The indexes of the cell formats (``s="N"``) whose number format shows a date or time."""
        path = self.part_of("styles")
        if path is None:
            return frozenset()
        formats: dict[int, str] = {}
        cells: list[int] = []
        inside = {"cellXfs": False}

        def on_start(name: str, attrs: dict[str, str]) -> None:
            if name == "numFmt":
                formats[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
            elif name == "cellXfs":
                inside["cellXfs"] = True
            elif name == "cellStyleXfs":
                inside["cellXfs"] = False
            elif name == "xf" and inside["cellXfs"]:
                cells.append(_int(attrs.get("numFmtId")))

        self.xml(path, on_start)
        return frozenset(i for i, fmt in enumerate(cells) if _is_date_id(fmt, formats))


def _attribute(name: str) -> str:
    uri, _, local = name.rpartition(" ")
    return "r:id" if local == "id" and "relationships" in uri else local


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


def _head(source: str | IO[bytes]) -> bytes:
    if isinstance(source, str):
        try:
            with open(source, "rb") as fh:
                return fh.read(16)
        except OSError as exc:
            raise InputError(f"{source}: {exc.strerror or exc}") from None
    peek = getattr(source, "peek", None)
    if peek is not None:
        return bytes(peek(16)[:16])
    if _seekable(source):
        where = source.tell()
        head = source.read(16)
        source.seek(where)
        return head
    raise InputError("a workbook stream that can be neither peeked nor sought")  # pragma: no cover


def _seekable(stream: IO[bytes]) -> bool:
    try:
        return bool(stream.seekable())
    except (OSError, ValueError):
        return False


def _spooled(stream: IO[bytes], name: str) -> IO[bytes]:
    """The stream copied to a temporary file, at most :data:`MAX_WORKBOOK_BYTES` bytes."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Package.close
    copied = 0
    while chunk := stream.read(1 << 20):
        copied += len(chunk)
        if copied > MAX_WORKBOOK_BYTES:
            spool.close()
            raise InputError(
                f"{name}: a workbook over {MAX_WORKBOOK_BYTES:,} bytes on standard input; "
                "give it as --input FILE"
            )
        spool.write(chunk)
    spool.seek(0)
    return spool


# -- dates ---------------------------------------------------------------------------------------

# The built-in number formats that show a date or a time (ECMA-376 18.8.30, and the CJK ones).
_DATE_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
# Parts of a format code that are not date or time letters: quoted text, escaped characters,
# padding and fill characters, and bracketed colors, conditions and locales (elapsed [h] [m] [s]
# are kept).
_NOT_LETTERS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]')
_DATE_LETTERS = re.compile(r"[dmyhs]")


def is_date_format(code: str) -> bool:
    """Whether a number format code shows a date or a time (``yyyy-mm-dd``, ``h:mm``, ``[h]:mm``).

    >>> is_date_format("yyyy-mm-dd"), is_date_format('0.00 "days"'), is_date_format("#,##0")
    (True, False, False)
    """
    return bool(_DATE_LETTERS.search(_NOT_LETTERS.sub("", code.lower()).split(";")[0]))


def _is_date_id(number_format: int, custom: dict[int, str]) -> bool:
    if number_format in custom:
        return is_date_format(custom[number_format])
    return number_format in _DATE_IDS


_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


def excel_datetime(serial: float, date1904: bool = False) -> dt.datetime | dt.time | float:
    """An Excel date serial as openpyxl reads it: a datetime, to the millisecond, or a time of
    day for a serial below 1; a serial out of range stays a number.

    >>> excel_datetime(45292.5), excel_datetime(0.75)
    (datetime.datetime(2024, 1, 1, 12, 0), datetime.time(18, 0))
    """
    day, fraction = divmod(serial, 1)
    try:
        diff = dt.timedelta(milliseconds=round(fraction * 86_400_000))
        if 0 <= serial < 1 and diff.days == 0:
            return (dt.datetime.min + diff).time()
        if 0 < serial < 60 and not date1904:  # Excel's 1900 has a 29 February that never was
            day += 1
        return (_EPOCH_1904 if date1904 else _EPOCH_1900) + dt.timedelta(days=day) + diff
    except (OverflowError, ValueError):
        return serial


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_text(text: str) -> str:
    """Text as Excel shows it: ``_xHHHH_`` escapes (``_x000D_`` for a carriage return) decoded."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
