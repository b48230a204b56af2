"""Deprecated: the table readers and writers moved to modules named for their jobs.

=============================  ==========================================================
``titlemap.table``             ``Record``, ``Table``, ``Sink``, ``detect_format``,
                               ``find_column``, ``added_names``, ``context_cells``
``titlemap.text_lines``        ``LineSource``, ``MAX_LINE_BYTES``, ``RowTooLong``
``titlemap.text_reader``       ``read_table``, ``MAX_ROW_CHARS``
``titlemap.text_writer``       ``make_sink``, ``FORMULA_STARTS``
``titlemap.output_files``      ``open_output``, ``replaced_atomically``, ``file_mode``
=============================  ==========================================================

Every name is still reachable here, with a :class:`DeprecationWarning`.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

_MOVED: dict[str, str] = {
    "FORMATS": "table",
    "Format": "table",
    "Record": "table",
    "Sink": "table",
    "Table": "table",
    "Value": "table",
    "added_names": "table",
    "context_cells": "table",
    "detect_format": "table",
    "find_column": "table",
    "LineSource": "text_lines",
    "MAX_LINE_BYTES": "text_lines",
    "RowTooLong": "text_lines",
    "MAX_ROW_CHARS": "text_reader",
    "read_table": "text_reader",
    "FORMULA_STARTS": "text_writer",
    "make_sink": "text_writer",
    "file_mode": "output_files",
    "open_output": "output_files",
    "replaced_atomically": "output_files",
}

__all__ = sorted(_MOVED)


def __getattr__(name: str) -> Any:
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module 'titlemap.tabular' has no attribute {name!r}")
    warnings.warn(
        f"titlemap.tabular.{name} moved to titlemap.{module}.{name}; titlemap.tabular will be removed",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(f"titlemap.{module}"), name)
