"""Deprecated: workbooks are read by :mod:`titlemap.workbook_reader` and written by
:mod:`titlemap.workbook_writer` (the package itself by :mod:`titlemap.workbook_package`).

==================  ================================================================
``MAX_ROWS``        ``titlemap.workbook_reader.MAX_ROWS``
``MAX_COLUMNS``     ``titlemap.workbook_reader.MAX_COLUMNS``
``cell_text``       ``titlemap.workbook_reader.cell_text``
``XlsxTable``       ``titlemap.workbook_reader.WorkbookTable`` (of a ``Package``)
``XlsxSink``        ``titlemap.workbook_writer.NewWorkbook`` (given its path first)
``xlsx_output``     ``titlemap.workbook_writer.workbook_output``
==================  ================================================================

Every name is still reachable here, with a :class:`DeprecationWarning`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from typing import IO, Any

__all__: list[str] = []  # every name is deprecated: see the table above


def _xlsx_table(
    stream: IO[bytes], name: str, column: str, sheet: str | None = None, *, cells: Any = "native"
) -> Any:
    from .workbook_package import Package
    from .workbook_reader import WorkbookTable

    return WorkbookTable(Package(stream, name), column, sheet, cells=cells)


class _XlsxSink:
    """The old one-sheet workbook writer: rows first, the path at :meth:`save`."""

    def __init__(self, header: list[str] | None, added: Sequence[str], sheet: str = "titlemap") -> None:
        from .workbook_writer import NewWorkbook

        fd, self._tmp = tempfile.mkstemp(suffix=".xlsx")
        os.close(fd)
        self._book = NewWorkbook(self._tmp, header, added, sheet)
        self.renamed = self._book.renamed
        self.write = self._book.write

    def save(self, path: str) -> None:
        self._book.save()
        shutil.move(self._tmp, path)

    def discard(self) -> None:
        self._book.discard()
        os.unlink(self._tmp)


def _moved() -> dict[str, tuple[str, str]]:
    return {
        "MAX_ROWS": ("titlemap.workbook_reader", "MAX_ROWS"),
        "MAX_COLUMNS": ("titlemap.workbook_reader", "MAX_COLUMNS"),
        "cell_text": ("titlemap.workbook_reader", "cell_text"),
        "xlsx_output": ("titlemap.workbook_writer", "workbook_output"),
    }


def __getattr__(name: str) -> Any:
    import importlib

    if name in ("XlsxTable", "XlsxSink"):
        found: Any = _xlsx_table if name == "XlsxTable" else _XlsxSink
        where = (
            "titlemap.workbook_reader.WorkbookTable" if name == "XlsxTable" else "titlemap.workbook_writer"
        )
    elif name in _moved():
        module, attribute = _moved()[name]
        found, where = getattr(importlib.import_module(module), attribute), f"{module}.{attribute}"
    else:
        raise AttributeError(f"module 'titlemap.excel' has no attribute {name!r}")
    warnings.warn(
        f"titlemap.excel.{name} is deprecated: use {where}; titlemap.excel will be removed",
        DeprecationWarning,
        stacklevel=2,
    )
    return found
