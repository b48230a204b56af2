"""pandas helpers: normalize or map a column of job titles in a DataFrame (extra ``[pandas]``).

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

The functions are plain functions of a frame, so they run per partition under Dask
(``ddf.map_partitions(normalize_frame, "title", "in", meta=normalize_meta(ddf, "title", "in"))``)
and per batch under Spark's ``mapInPandas``. :class:`~titlemap.TitleMap` objects pickle: the
bundled ladders are reloaded on the worker.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, cast

try:
    import numpy as np
    import pandas as pd
except ImportError as exc:  # pragma: no cover - exercised by a test that hides pandas
    raise ImportError(
        "titlemap.pandas needs pandas; install the extra with: pip install titlemap[pandas]"
    ) from exc

from .core import DEFAULT_MARKET, EmployerLike, TitleMap
from .errors import InputError
from .mapping import Mapping
from .profile import Profile
from .tabular import (
    FLOAT_COLUMNS,
    INTEGER_COLUMNS,
    MAP_COLUMNS,
    NORMALIZE_COLUMNS,
    Value,
    added_names,
    map_values,
    match_values,
)

__all__ = [
    "MAP_COLUMNS",
    "NORMALIZE_COLUMNS",
    "TitlemapAccessor",
    "map_frame",
    "map_meta",
    "normalize_frame",
    "normalize_meta",
]

_INT = "Int64"  # nullable integers: a missing level stays missing instead of turning the column float
_FLOAT = "float64"
_STR: Any = pd.Series([""]).dtype  # the installed pandas' default string dtype (str in 3.x, object in 2.x)


def _dtype(name: str) -> Any:
    return _INT if name in INTEGER_COLUMNS else _FLOAT if name in FLOAT_COLUMNS else _STR


def _titles(df: pd.DataFrame, column: Hashable) -> pd.Series[Any]:
    """The column of titles, or an InputError naming the columns the frame does have."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, not {type(df).__name__}")
    if column not in df.columns:
        available = ", ".join(repr(c) for c in df.columns) or "(none)"
        raise InputError(f"no column {column!r} in the frame; available columns: {available}")
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
    titles: pd.Series[Any], compute: Callable[[str], tuple[Value, ...]], names: tuple[str, ...]
) -> list[pd.Series[Any]]:
    """Run ``compute`` once per distinct title and spread its cells over the rows, one series
    per added column.

    ``pd.factorize`` gives each row the code of its distinct value (-1 for a missing cell); each
    column's values are laid out per distinct title with one extra empty slot at the end, so that
    indexing with the codes (where -1 selects that last slot) maps results back in one step.
    """
    codes, uniques = pd.factorize(titles, use_na_sentinel=True)
    empty = (None,) * len(names)
    results: list[tuple[Value, ...]] = []
    for value in uniques:
        title = _as_title(value)
        results.append(empty if title is None else compute(title))
    results.append(empty)  # the slot that code -1 (a missing title) selects
    rows = np.asarray(codes, dtype=np.intp)  # code -1 selects the last slot, as in Python indexing
    out: list[pd.Series[Any]] = []
    for i, name in enumerate(names):
        per_unique = pd.array([r[i] for r in results], dtype=_dtype(name))
        out.append(pd.Series(per_unique.take(rows), index=titles.index, name=name))
    return out


def _with_columns(df: pd.DataFrame, added: tuple[str, ...], columns: list[pd.Series[Any]]) -> pd.DataFrame:
    """A copy of ``df`` with the added columns, named as the CLI names them: an earlier run's
    columns are replaced in place; a name the frame already uses (in any letter case) gets a
    ``titlemap_`` prefix (see :func:`titlemap.tabular.added_names`)."""
    out: pd.DataFrame = df.copy()
    names, _ = added_names([str(c) for c in df.columns], added)
    for name, values in zip(names, columns, strict=True):
        out[name] = values.rename(name)
    return out


def normalize_frame(
    df: pd.DataFrame,
    column: Hashable = "title",
    market: str = DEFAULT_MARKET,
    *,
    employer: EmployerLike = None,
    titlemap: TitleMap | None = None,
    family: str = "product",
) -> pd.DataFrame:
    """A copy of ``df`` with each title of ``column`` read as a rung of ``market``'s ladder.

    The added columns are :data:`~titlemap.tabular.NORMALIZE_COLUMNS`, the same as the command
    line's: ``canonical_title, level, track, confidence, seniority, grade, specialization, team,
    location, employment, company, company_level, rank, level_min, level_max``. Their names
    follow the command line's clash policy: the columns of an earlier run are replaced; a name
    the frame already uses, in any letter case, gets a ``titlemap_`` prefix. A missing title, or
    one that is not a product role, gives missing values (levels are nullable ``Int64`` columns,
    ``confidence`` a float column). Each distinct title is normalized once; the index and the row
    order are kept.

    Args:
        df: the frame; it is not modified.
        column: the column holding the titles.
        market: market id, ISO code or country name (``"in"``, ``"US"``, ``"India"``).
        employer: the employer of every row (an :class:`~titlemap.Employer` or a company name).
        titlemap: the ladders to use; the bundled ones by default.
        family: ``"product"`` (the market's ladder) or another job family such as ``"engineering"``.

    Raises:
        InputError: when ``column`` is not a column of ``df``, naming the available columns.
        UnknownMarketError: when ``market`` is not loaded.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    titles = _titles(df, column)
    if family == "product":
        tm.market_id(market)  # fail early, even on an empty frame (e.g. while computing Dask meta)

    def compute(title: str) -> tuple[Value, ...]:
        return match_values(tm.normalize(title, market, employer=employer, family=family))

    return _with_columns(df, NORMALIZE_COLUMNS, _per_unique(titles, compute, NORMALIZE_COLUMNS))


def map_frame(
    df: pd.DataFrame,
    column: Hashable,
    source: str,
    target: str,
    profile: Profile | None = None,
    *,
    source_employer: EmployerLike = None,
    target_employer: EmployerLike = None,
    titlemap: TitleMap | None = None,
) -> pd.DataFrame:
    """A copy of ``df`` with each title of ``column`` translated from ``source`` to ``target``.

    The added columns are :data:`~titlemap.tabular.MAP_COLUMNS`, the same as the command line's
    (``mapped_title, mapped_level, mapped_confidence, mapped_rule, mapped_company,
    mapped_company_level, mapped_level_min, mapped_level_max``), named by the same clash policy,
    for one profile and employers applied to every row (see :meth:`titlemap.TitleMap.map_title`).
    Missing titles and titles that are not product roles give missing values. Each distinct
    title is mapped once; the index and row order are kept.

    Raises:
        InputError: when ``column`` is not a column of ``df``, naming the available columns.
        UnknownMarketError: when either market is not loaded.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    titles = _titles(df, column)
    tm.market_id(source)
    tm.market_id(target)

    if profile is not None and not isinstance(profile, Profile):
        raise TypeError(f"profile must be a titlemap.Profile, not {type(profile).__name__}")

    def compute(title: str) -> tuple[Value, ...]:
        found: Mapping | None = tm.map_title(
            title, source, target, profile, source_employer=source_employer, target_employer=target_employer
        )
        return map_values(found)

    return _with_columns(df, MAP_COLUMNS, _per_unique(titles, compute, MAP_COLUMNS))


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
) -> pd.DataFrame:
    """The empty frame :func:`normalize_frame` returns for ``df``: the ``meta=`` for Dask.

    ``df`` may be a pandas or a Dask DataFrame::

        ddf.map_partitions(normalize_frame, "title", "in", meta=normalize_meta(ddf, "title", "in"))
    """
    return normalize_frame(_empty_like(df), column, market, titlemap=titlemap, family=family)


def map_meta(
    df: Any, column: Hashable, source: str, target: str, *, titlemap: TitleMap | None = None
) -> pd.DataFrame:
    """The empty frame :func:`map_frame` returns for ``df`` (pandas or Dask): the ``meta=`` for Dask."""
    return map_frame(_empty_like(df), column, source, target, titlemap=titlemap)


@pd.api.extensions.register_dataframe_accessor("titlemap")
class TitlemapAccessor:
    """``df.titlemap``: :func:`normalize_frame` and :func:`map_frame` as DataFrame methods.

    >>> import pandas as pd
    >>> import titlemap.pandas
    >>> pd.DataFrame({"title": ["Group PM"]}).titlemap.normalize("title", "us")["level"].tolist()
    [5]
    """

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df

    def normalize(
        self,
        column: Hashable = "title",
        market: str = DEFAULT_MARKET,
        *,
        titlemap: TitleMap | None = None,
        family: str = "product",
    ) -> pd.DataFrame:
        """A copy of the frame with the normalization columns added (see :func:`normalize_frame`)."""
        return normalize_frame(self._df, column, market, titlemap=titlemap, family=family)

    def map(
        self,
        column: Hashable,
        source: str,
        target: str,
        profile: Profile | None = None,
        *,
        titlemap: TitleMap | None = None,
    ) -> pd.DataFrame:
        """A copy of the frame with the mapping columns added (see :func:`map_frame`)."""
        return map_frame(self._df, column, source, target, profile, titlemap=titlemap)
