"""Free texts read row by row, each with its row's context: the reader behind ``titlemap extract
--input``, :func:`titlemap.pandas.extract_frame` and :func:`titlemap.spark.extract_column`.

:class:`ExtractReader` is a :class:`~titlemap.rows.RowReader` whose rows are headlines or
résumé lines read with :func:`titlemap.extract.extract_in`, and whose added columns are
:data:`~titlemap.extract.EXTRACT_COLUMNS`; a row's market, company, sector and stage cells are
read as when normalizing.

>>> from titlemap import TitleMap
>>> reader = ExtractReader(TitleMap.default(), market="in")
>>> reader.record("Senior PM @ Swiggy | ex-Flipkart")["employer"]
'swiggy'
"""

from __future__ import annotations

from collections.abc import Sequence

from .columns import EMPLOYER_FIELDS, Value
from .core import TitleMap
from .employer import EmployerLike
from .errors import TitlemapError
from .extract import EXTRACT_COLUMNS, Extraction, extract_in, extraction_values
from .reasons import Reason
from .rows import RowContext, RowReader, unread_row

__all__ = ["EXTRACT_FIELDS", "ExtractReader"]

#: The context fields an extraction reads from a row's cells.
EXTRACT_FIELDS: tuple[str, ...] = ("market", *EMPLOYER_FIELDS)


class ExtractReader(RowReader):
    """Reads free texts row by row, each with its row's context, into the
    :data:`~titlemap.extract.EXTRACT_COLUMNS` cells (memoized as :class:`RowReader`'s are).

    Args:
        titlemap: the ladders.
        market: the market of every row: the fallback for rows whose market cell is blank or
            unknown; None when every row names its own.
        employer: the employer of every row; a row's cells override its fields. A company the
            text names wins over it.
        fields: the context fields the rows carry, a subset of :data:`EXTRACT_FIELDS`.

    Raises:
        ValueError: for a field an extraction does not read, or no market at all.
        UnknownMarketError: when ``market`` is not loaded.
    """

    def __init__(
        self,
        titlemap: TitleMap,
        *,
        market: str | None,
        employer: EmployerLike = None,
        fields: Sequence[str] = (),
    ) -> None:
        unknown = [f for f in fields if f not in EXTRACT_FIELDS]
        if unknown:
            raise ValueError(f"unknown context field(s) {unknown}; choose from {', '.join(EXTRACT_FIELDS)}")
        super().__init__(titlemap, market=market, employer=employer, fields=fields)
        self.columns = EXTRACT_COLUMNS

    def _compute(self, title: str | None, ctx: RowContext) -> tuple[Value, ...]:
        found: Extraction | None = None
        why, notes = unread_row(title, ctx, "text")
        if title is not None and why is None and ctx.market is not None:
            try:
                found = extract_in(self.titlemap, title, ctx.market, employer=ctx.employer)
            except TitlemapError as exc:  # one row's trouble stays in its row
                why = Reason("unreadable-value", str(exc))
        note = "; ".join(n.text for n in notes) or None
        return extraction_values(found, None if why is None else str(why), note)
