"""pandas helpers: normalize or map a column of job titles in a DataFrame, or read a column of
free texts (headlines) with :func:`extract_frame` and :func:`extract_column` (extra ``[pandas]``).

Each distinct title is read once, then the results are spread back over the rows, so a column
of a million rows with a few thousand distinct titles costs a few thousand normalizations. The
index and the row order are kept; missing titles (None, NaN, NA) give empty results.

>>> import pandas as pd
>>> from titlemap.pandas import normalize_frame
>>> df = pd.DataFrame({"title": ["Sr. PM - Payments", None, "APM"]})
>>> out = normalize_frame(df, "title", "in")
>>> out["level"].tolist()
[3, <NA>, 1]
>>> out.loc[0, "canonical_title"], out.loc[0, "team"]
('Senior Product Manager', 'Payments')

Importing this module also registers a DataFrame accessor, ``df.titlemap``::

    df.titlemap.normalize("title", "in")
    df.titlemap.map("title", "us", "in", titlemap.Profile(background="engineering"))
    df.titlemap.extract("headline", "in")

The functions are plain functions of a frame, so they run per partition under Dask
(``ddf.map_partitions(normalize_frame, "title", "in", meta=normalize_meta(ddf, "title", "in"))``)
and per batch under Spark's ``mapInPandas``. :class:`~titlemap.TitleMap` objects pickle: the
bundled ladders are reloaded on the worker.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any, cast

try:
    import numpy as np
    import pandas as pd
except ImportError as exc:  # pragma: no cover - exercised by a test that hides pandas
    raise ImportError(
        "titlemap.pandas needs pandas; install the extra with: pip install titlemap[pandas]"
    ) from exc

from .columns import (
    CONTEXT_FIELDS,
    EMPLOYER_FIELDS,
    EXTRACT_COLUMNS,
    FLOAT_COLUMNS,
    INTEGER_COLUMNS,
    MAP_COLUMNS,
    NORMALIZE_COLUMNS,
    chosen_columns,
    context_columns,
)
from .core import DEFAULT_MARKET, TitleMap
from .employer import EmployerLike
from .errors import InputError
from .extract_rows import EXTRACT_FIELDS, ExtractReader
from .profile import Profile
from .rows import RowReader, cell_key, shared_reader
from .table import added_names

__all__ = [
    "EXTRACT_COLUMNS",
    "MAP_COLUMNS",
    "NORMALIZE_COLUMNS",
    "TitlemapAccessor",
    "extract_column",
    "extract_frame",
    "map_frame",
    "map_meta",
    "normalize_frame",
    "normalize_meta",
]

_NORMALIZE_FIELDS = ("market", *EMPLOYER_FIELDS)
_INT = "Int64"  # nullable integers: a missing level stays missing instead of turning the column float
_FLOAT = "float64"
_STR: Any = pd.Series([""]).dtype  # the installed pandas' default string dtype (str in 3.x, object in 2.x)


def _dtype(name: str) -> Any:
    return _INT if name in INTEGER_COLUMNS else _FLOAT if name in FLOAT_COLUMNS else _STR


def _titles(df: pd.DataFrame, column: Hashable) -> pd.Series[Any]:
    """The column of titles, or an InputError naming the columns the frame does have."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, not {type(df).__name__}")
    return _column(df, column, "column")


def _column(df: pd.DataFrame, column: Hashable, argument: str) -> pd.Series[Any]:
    if column not in df.columns:
        available = ", ".join(repr(c) for c in df.columns) or "(none)"
        given = "" if argument == "column" else f" (given as {argument})"
        raise InputError(f"no column {column!r} in the frame{given}; available columns: {available}")
    found = df[column]
    if isinstance(found, pd.DataFrame):
        raise InputError(
            f"column {column!r} appears {found.shape[1]} times in the frame; rename the duplicates"
        )
    return found


def _as_title(value: object) -> str | None:
    """A cell as a title string, or None for a missing cell."""
    if isinstance(value, str):
        return value
    if value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(cast(Any, value)))):
        return None
    return str(value)


def _per_unique(
    df: pd.DataFrame,
    titles: pd.Series[Any],
    reader: RowReader,
    context: list[tuple[str, Hashable]],
    keep: tuple[str, ...],
) -> list[pd.Series[Any]]:
    """Run ``reader`` once per distinct row (its title and context cells) and spread its cells
    over the rows, one series per added column of ``keep`` (some of ``reader.columns``).

    ``pd.factorize`` gives each row the code of its distinct value (-1 for a missing title with
    no context); each column's values are laid out per distinct value with one extra slot at the
    end, so that indexing with the codes (where -1 selects that last slot) maps results back in
    one step.
    """
    if context:
        # rows as tuples of (title, cell keys...), numbered by first appearance; the keys keep
        # the cells' types (Decimal 8, 8.0 and True read apart) and never fail to hash
        at = [field == "market" for field, _ in context]
        columns = [
            _cells(titles),
            *(_keys(df[c], market) for (_, c), market in zip(context, at, strict=True)),
        ]
        numbers: dict[tuple[Any, ...], int] = {}
        keys = zip(*(col.tolist() for col in columns), strict=True)
        codes = np.fromiter((numbers.setdefault(k, len(numbers)) for k in keys), dtype=np.intp, count=len(df))
        results = [reader.read_keyed(_as_title(key[0]), key[1:]) for key in numbers]
    else:
        codes, uniques = pd.factorize(titles, use_na_sentinel=True)
        results = [reader(_as_title(value)) for value in uniques]
    results.append(reader(None))  # the slot that code -1 (a missing title) selects
    rows = np.asarray(codes, dtype=np.intp)  # code -1 selects the last slot, as in Python indexing
    out: list[pd.Series[Any]] = []
    for name in keep:
        i = reader.columns.index(name)
        per_unique = pd.array([r[i] for r in results], dtype=_dtype(name))
        out.append(pd.Series(per_unique.take(rows), index=titles.index, name=name))
    return out


def _cells(column: pd.Series[Any]) -> pd.Series[Any]:
    """A column of titles as hashable Python values: missing cells None, a list a tuple."""
    out: pd.Series[Any] = column.astype(object).where(column.notna(), None)
    if column.dtype == object:
        out = out.map(lambda v: tuple(v) if isinstance(v, list | np.ndarray) else v)
    return out


def _keys(column: pd.Series[Any], market: bool) -> pd.Series[Any]:
    """A context column as :func:`titlemap.rows.cell_key` memo keys."""
    values: pd.Series[Any] = column.astype(object)
    return values.map(lambda v: cell_key(v, market))


def _context(df: pd.DataFrame, given: dict[str, Hashable]) -> list[tuple[str, Hashable]]:
    """The per-row context columns given (field, column), each checked to be in the frame."""
    for field, column in given.items():
        _column(df, column, f"columns[{field!r}]")
    return list(given.items())


def _read_into(
    df: pd.DataFrame,
    cells: pd.Series[Any],
    reader: RowReader,
    context: list[tuple[str, Hashable]],
    added_columns: Iterable[str] | None,
    where: str,
) -> pd.DataFrame:
    """A copy of ``df`` with ``reader``'s added columns (those ``added_columns`` names, if given;
    ``where`` is the caller's name, for messages) read from ``cells`` and the context columns."""
    keep = chosen_columns(reader.columns, added_columns, where)
    return _with_columns(df, keep, _per_unique(df, cells, reader, context, keep))


def _with_columns(df: pd.DataFrame, added: tuple[str, ...], columns: list[pd.Series[Any]]) -> pd.DataFrame:
    """A copy of ``df`` with the added columns, named as the CLI names them: an earlier run's
    columns (all of a whole set, side by side) are replaced in place; a name the frame already
    uses (in any letter case) gets a ``titlemap_`` prefix (see :func:`titlemap.table.added_names`)."""
    names, _ = added_names([str(c) for c in df.columns], added)
    existing = {str(c) for c in df.columns}
    out: pd.DataFrame = df.copy()
    new: dict[str, pd.Series[Any]] = {}
    for name, values in zip(names, columns, strict=True):
        if name in existing:
            out[name] = values.rename(name)  # an earlier run's column, replaced in its place
        else:
            new[name] = values.rename(name)
    if not new:
        return out
    # the new columns joined in one step: inserting them one by one copies the frame each time
    added_frame = pd.DataFrame(new, index=df.index)
    joined: pd.DataFrame = pd.concat([out, added_frame], axis=1)
    return joined


def normalize_frame(
    df: pd.DataFrame,
    column: Hashable = "title",
    market: str = DEFAULT_MARKET,
    *,
    employer: EmployerLike = None,
    titlemap: TitleMap | None = None,
    family: str = "product",
    columns: Mapping[str, Hashable | None] | None = None,
    added_columns: Iterable[str] | None = None,
    **deprecated: Hashable | None,
) -> pd.DataFrame:
    """A copy of ``df`` with each title of ``column`` read as a rung of its market's ladder.

    The added columns are :data:`~titlemap.columns.NORMALIZE_COLUMNS`, the same as the command
    line's: ``title, canonical_title, rung, local_title, level, level_min, level_max, track,
    confidence, evidence, ..., reason, note``. Their names follow the command line's clash policy:
    the columns of an earlier run are replaced; a name the frame already uses, in any letter
    case, gets a ``titlemap_`` prefix. A missing title, or one that is not a product role, gives
    missing values and a ``reason`` (:mod:`titlemap.reasons`); a context cell that cannot be
    read is noted in ``note``. Levels are nullable ``Int64`` columns, ``confidence`` a float
    column. Each distinct row (title and context cells) is read once; the index and the row
    order are kept.

    Args:
        df: the frame; it is not modified.
        column: the column holding the titles.
        market: market id, ISO code or country name (``"in"``, ``"US"``, ``"India"``); with a
            market column, the market of rows whose cell is blank or unknown.
        employer: the employer of every row (an :class:`~titlemap.Employer` or a company name);
            a row's company, sector and stage cells override its fields.
        titlemap: the ladders to use; the bundled ones by default.
        family: ``"product"`` (the market's ladder) or another job family such as ``"engineering"``.
        columns: the columns holding each row's context, by field: ``market`` (codes, names,
            cities, or places as ATS exports write them), ``company``, ``sector``, ``stage``;
            read as :class:`~titlemap.rows.RowReader` reads them.
        added_columns: the added columns to write, some of
            :data:`~titlemap.columns.NORMALIZE_COLUMNS` (``["canonical_title", "level"]``),
            kept in that order; all of them by default. With a choice, a name the frame
            already uses always gets the prefix: only the whole set is taken for an earlier
            run's columns and replaced.
        deprecated: the ``market_column=``, ``company_column=``, ``sector_column=`` and
            ``stage_column=`` arguments of earlier versions (a :class:`DeprecationWarning`).

    Raises:
        InputError: when a column is not a column of ``df``, naming the available columns, or
            ``added_columns`` names a column that is not added.
        UnknownMarketError: when ``market`` is not loaded.
        ValueError: for a context field normalizing does not read.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    titles = _titles(df, column)
    context = _context(df, context_columns(columns, deprecated, _NORMALIZE_FIELDS, "normalize_frame"))
    reader = shared_reader(
        tm, market=market, employer=employer, fields=[f for f, _ in context], family=family
    )  # checks the market, even on an empty frame (e.g. while computing Dask meta)
    return _read_into(df, titles, reader, context, added_columns, "normalize_frame")


def map_frame(
    df: pd.DataFrame,
    column: Hashable,
    source: str | None,
    target: str,
    profile: Profile | None = None,
    *,
    source_employer: EmployerLike = None,
    target_employer: EmployerLike = None,
    titlemap: TitleMap | None = None,
    columns: Mapping[str, Hashable | None] | None = None,
    added_columns: Iterable[str] | None = None,
    **deprecated: Hashable | None,
) -> pd.DataFrame:
    """A copy of ``df`` with each title of ``column`` translated from its market to ``target``.

    The added columns are :data:`~titlemap.columns.MAP_COLUMNS`, the same as the command line's
    (``mapped_title, mapped_canonical_title, ..., mapped_rule, mapped_company,
    mapped_company_level, reason, note``), named by the same clash policy (see
    :meth:`titlemap.TitleMap.map_title`). ``profile`` and the employers apply to every row;
    ``columns`` names, by field, the columns holding each row's own ``market`` (then ``source``
    may be None, or is the fallback for blank cells), ``years``, ``background``,
    ``manages_people``, ``history`` (``;`` or ``>`` separated, or a list), ``company``,
    ``sector`` and ``stage``: ``columns={"market": "Location", "years": "Experience"}``. Cells
    are read as spreadsheets hold them ("5+", "10 yrs", "B.Tech CSE", "5 reports", NaN); a cell
    that cannot be read leaves that field unknown, with a note in ``note``. Missing titles and
    titles that are not product roles give missing values and a ``reason``. Each distinct row is
    mapped once; the index and row order are kept. ``added_columns`` writes only some of the
    added columns (``["mapped_canonical_title", "mapped_level"]``), as in :func:`normalize_frame`.
    The ``*_column=`` arguments of earlier versions still work, with a :class:`DeprecationWarning`.

    Raises:
        InputError: when a column is not a column of ``df``, naming the available columns, or
            ``added_columns`` names a column that is not added.
        UnknownMarketError: when either market is not loaded.
        ValueError: when neither ``source`` nor a market column is given, or for an unknown field.
        TypeError: when ``profile`` is not a :class:`~titlemap.Profile`.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    titles = _titles(df, column)
    context = _context(df, context_columns(columns, deprecated, CONTEXT_FIELDS, "map_frame"))
    reader = shared_reader(
        tm,
        market=source,
        target=target,
        profile=profile,
        employer=source_employer,
        target_employer=target_employer,
        fields=[f for f, _ in context],
    )
    return _read_into(df, titles, reader, context, added_columns, "map_frame")


def extract_frame(
    df: pd.DataFrame,
    column: Hashable = "text",
    market: str = DEFAULT_MARKET,
    *,
    employer: EmployerLike = None,
    titlemap: TitleMap | None = None,
    columns: Mapping[str, Hashable | None] | None = None,
    added_columns: Iterable[str] | None = None,
) -> pd.DataFrame:
    """A copy of ``df`` with each free text of ``column`` (a headline, a résumé line) read as a
    current role, its employer, past roles and a place (:func:`titlemap.extract`).

    The added columns are :data:`~titlemap.columns.EXTRACT_COLUMNS`, the same as ``titlemap
    extract --input``'s: ``current_title, current_canonical_title, current_rung, current_level,
    current_confidence, employer, past, location, reason, note``, named by the command line's
    clash policy (see :func:`normalize_frame`). ``current_level`` is a nullable ``Int64``
    column, ``current_confidence`` a float column. A text with no current role gives missing
    role cells and a ``reason``; ``past`` lists the earlier roles joined by ``"; "``
    ("Product Manager at google; amazon"). Each distinct row (text and context cells) is read
    once; the index and the row order are kept.

    Args:
        df: the frame; it is not modified.
        column: the column holding the texts.
        market: market id, ISO code or country name; with a market column, the market of rows
            whose cell is blank or unknown.
        employer: the employer of every row, when its text names none.
        titlemap: the ladders to use; the bundled ones by default.
        columns: the columns holding each row's ``market``, ``company``, ``sector`` and
            ``stage``, read as when normalizing.
        added_columns: the added columns to write, some of
            :data:`~titlemap.columns.EXTRACT_COLUMNS`, kept in that order; all by default.

    >>> out = extract_frame(pd.DataFrame({"text": ["Senior PM @ Swiggy | ex-Flipkart"]}), market="in")
    >>> out.loc[0, ["current_title", "employer", "past"]].tolist()
    ['Senior Product Manager', 'swiggy', 'flipkart']

    Raises:
        InputError: when a column is not a column of ``df``, naming the available columns, or
            ``added_columns`` names a column that is not added.
        UnknownMarketError: when ``market`` is not loaded.
        ValueError: for a context field an extraction does not read.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    texts = _titles(df, column)
    context = _context(df, context_columns(columns, {}, EXTRACT_FIELDS, "extract_frame"))
    reader = ExtractReader(tm, market=market, employer=employer, fields=[f for f, _ in context])
    return _read_into(df, texts, reader, context, added_columns, "extract_frame")


def extract_column(
    series: pd.Series[Any],
    market: str = DEFAULT_MARKET,
    *,
    employer: EmployerLike = None,
    titlemap: TitleMap | None = None,
) -> pd.DataFrame:
    """The :data:`~titlemap.columns.EXTRACT_COLUMNS` of each free text of ``series``, as a frame
    with the series' index (see :func:`extract_frame`).

    >>> texts = pd.Series(["Group Product Manager at Meesho. Previously Amazon.", "ex-PM"])
    >>> found = extract_column(texts, market="in")
    >>> found.loc[0, "employer"], found.loc[1, "reason"].split(":")[0], found["current_level"].isna().tolist()
    ('meesho', 'past-role', [False, True])
    """
    if not isinstance(series, pd.Series):
        raise TypeError(f"expected a pandas Series, not {type(series).__name__}")
    frame = pd.DataFrame({"text": series}, index=series.index)
    out = extract_frame(frame, "text", market, employer=employer, titlemap=titlemap)
    found: pd.DataFrame = out.loc[:, list(EXTRACT_COLUMNS)]
    return found


def _empty_like(df: Any) -> pd.DataFrame:
    """An empty pandas frame with the columns and dtypes of a pandas or Dask frame."""
    meta = getattr(df, "_meta", None)
    frame = meta if isinstance(meta, pd.DataFrame) else df
    if isinstance(frame, pd.DataFrame):
        empty: pd.DataFrame = frame.iloc[:0]
        return empty
    raise TypeError(f"expected a pandas or Dask DataFrame, not {type(df).__name__}")


def normalize_meta(
    df: Any,
    column: Hashable = "title",
    market: str = DEFAULT_MARKET,
    *,
    titlemap: TitleMap | None = None,
    family: str = "product",
    added_columns: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The empty frame :func:`normalize_frame` returns for ``df``: the ``meta=`` for Dask.

    ``df`` may be a pandas or a Dask DataFrame::

        ddf.map_partitions(normalize_frame, "title", "in", meta=normalize_meta(ddf, "title", "in"))

    Give it the ``added_columns`` given to :func:`normalize_frame`, if any.
    """
    return normalize_frame(
        _empty_like(df), column, market, titlemap=titlemap, family=family, added_columns=added_columns
    )


def map_meta(
    df: Any,
    column: Hashable,
    source: str | None,
    target: str,
    *,
    titlemap: TitleMap | None = None,
    added_columns: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The empty frame :func:`map_frame` returns for ``df`` (pandas or Dask): the ``meta=`` for
    Dask. ``source`` may be None (rows that carry their own market column); ``added_columns``
    as given to :func:`map_frame`."""
    return map_frame(
        _empty_like(df),
        column,
        source or DEFAULT_MARKET,
        target,
        titlemap=titlemap,
        added_columns=added_columns,
    )


@pd.api.extensions.register_dataframe_accessor("titlemap")
class TitlemapAccessor:
    """``df.titlemap``: :func:`normalize_frame`, :func:`map_frame` and :func:`extract_frame` as
    DataFrame methods.

    >>> import pandas as pd
    >>> import titlemap.pandas
    >>> pd.DataFrame({"title": ["Group PM"]}).titlemap.normalize("title", "us")["level"].tolist()
    [5]
    """

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df

    def normalize(
        self, column: Hashable = "title", market: str = DEFAULT_MARKET, **options: Any
    ) -> pd.DataFrame:
        """A copy of the frame with the normalization columns added; ``options`` are the keyword
        arguments of :func:`normalize_frame` (``employer``, ``columns``...)."""
        return normalize_frame(self._df, column, market, **options)

    def extract(
        self, column: Hashable = "text", market: str = DEFAULT_MARKET, **options: Any
    ) -> pd.DataFrame:
        """A copy of the frame with the extraction columns added (free texts: headlines, résumé
        lines); ``options`` are the keyword arguments of :func:`extract_frame`."""
        return extract_frame(self._df, column, market, **options)

    def map(
        self,
        column: Hashable,
        source: str | None,
        target: str,
        profile: Profile | None = None,
        **options: Any,
    ) -> pd.DataFrame:
        """A copy of the frame with the mapping columns added; ``options`` are the keyword
        arguments of :func:`map_frame` (``columns``, ``target_employer``...)."""
        return map_frame(self._df, column, source, target, profile, **options)
