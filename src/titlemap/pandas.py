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

from .core import DEFAULT_MARKET, TitleMap
from .errors import InputError
from .mapping import Mapping
from .match import Match
from .profile import Profile
from .tabular import NORMALIZE_COLUMNS

__all__ = [
    "MAP_COLUMNS",
    "NORMALIZE_COLUMNS",
    "TitlemapAccessor",
    "map_frame",
    "map_meta",
    "normalize_frame",
    "normalize_meta",
]

#: Columns added by :func:`map_frame`, in order.
MAP_COLUMNS: tuple[str, ...] = ("mapped_title", "mapped_level", "mapped_confidence")

_INT = "Int64"  # nullable integers: a missing level stays missing instead of turning the column float
_FLOAT = "float64"
_STR: Any = pd.Series([""]).dtype  # the installed pandas' default string dtype (str in 3.x, object in 2.x)

_NORMALIZE_DTYPES: dict[str, Any] = {
    name: _INT if name == "level" else _FLOAT if name == "confidence" else _STR for name in NORMALIZE_COLUMNS
}
_MAP_DTYPES: dict[str, Any] = {"mapped_title": _STR, "mapped_level": _INT, "mapped_confidence": _FLOAT}


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
    titles: pd.Series[Any],
    compute: Callable[[str], Any],
    fields: dict[str, Callable[[Any], object]],
    dtypes: dict[str, Any],
) -> dict[str, pd.Series[Any]]:
    """Run ``compute`` once per distinct title and spread ``fields`` of the results over the rows.

    ``pd.factorize`` gives each row the code of its distinct value (-1 for a missing cell); each
    field's values are laid out per distinct title with one extra empty slot at the end, so that
    indexing with the codes (where -1 selects that last slot) maps results back in one step.
    """
    codes, uniques = pd.factorize(titles, use_na_sentinel=True)
    results: list[Any] = []
    for value in uniques:
        title = _as_title(value)
        results.append(None if title is None else compute(title))
    results.append(None)  # the slot that code -1 (a missing title) selects
    rows = np.asarray(codes, dtype=np.intp)  # code -1 selects the last slot, as in Python indexing
    out: dict[str, pd.Series[Any]] = {}
    for name, get in fields.items():
        per_unique = pd.array([None if r is None else get(r) for r in results], dtype=dtypes[name])
        out[name] = pd.Series(per_unique.take(rows), index=titles.index, name=name)
    return out


def _match_fields() -> dict[str, Callable[[Any], object]]:
    def attr(name: str) -> Callable[[Any], object]:
        return lambda m: getattr(m, name)

    fields: dict[str, Callable[[Any], object]] = {"canonical_title": attr("title")}
    fields.update({name: attr(name) for name in NORMALIZE_COLUMNS[1:]})
    return fields


def _with_columns(df: pd.DataFrame, columns: dict[str, pd.Series[Any]]) -> pd.DataFrame:
    out: pd.DataFrame = df.copy()
    for name, values in columns.items():
        out[name] = values
    return out


def normalize_frame(
    df: pd.DataFrame,
    column: Hashable = "title",
    market: str = DEFAULT_MARKET,
    *,
    titlemap: TitleMap | None = None,
    family: str = "product",
) -> pd.DataFrame:
    """A copy of ``df`` with each title of ``column`` read as a rung of ``market``'s ladder.

    The added columns are :data:`NORMALIZE_COLUMNS`: ``canonical_title, level, track,
    confidence, seniority, grade, specialization, team, location, employment`` (existing columns
    of those names are replaced). A missing title, or one that is not a product role, gives
    missing values (``level`` is a nullable ``Int64`` column, ``confidence`` a float column).
    Each distinct title is normalized once; the index and the row order are kept.

    Args:
        df: the frame; it is not modified.
        column: the column holding the titles.
        market: market id, ISO code or country name (``"in"``, ``"US"``, ``"India"``).
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

    def compute(title: str) -> Match | None:
        return tm.normalize(title, market, family=family)

    return _with_columns(df, _per_unique(titles, compute, _match_fields(), _NORMALIZE_DTYPES))


def map_frame(
    df: pd.DataFrame,
    column: Hashable,
    source: str,
    target: str,
    profile: Profile | None = None,
    *,
    titlemap: TitleMap | None = None,
) -> pd.DataFrame:
    """A copy of ``df`` with each title of ``column`` translated from ``source`` to ``target``.

    The added columns are :data:`MAP_COLUMNS`: ``mapped_title, mapped_level,
    mapped_confidence``, for one profile applied to every row (see
    :meth:`titlemap.TitleMap.map_title`). Missing titles and titles that are not product roles
    give missing values. Each distinct title is mapped once; the index and row order are kept.

    Raises:
        InputError: when ``column`` is not a column of ``df``, naming the available columns.
        UnknownMarketError: when either market is not loaded.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    titles = _titles(df, column)
    tm.market_id(source)
    tm.market_id(target)

    def compute(title: str) -> Mapping | None:
        return tm.map_title(title, source, target, profile)

    fields: dict[str, Callable[[Any], object]] = {
        "mapped_title": lambda m: m.title,
        "mapped_level": lambda m: m.level,
        "mapped_confidence": lambda m: m.confidence,
    }
    return _with_columns(df, _per_unique(titles, compute, fields, _MAP_DTYPES))


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
