"""Spark helpers: normalize or map a column of job titles in a Spark DataFrame, or read a column of
free texts (extra ``[spark]``).

:func:`normalize_column`, :func:`map_column` and :func:`extract_column` are the Spark
counterparts of :func:`titlemap.pandas.normalize_frame`, :func:`titlemap.pandas.map_frame` and
:func:`titlemap.pandas.extract_frame`, with the same
options: they return the DataFrame with the same added columns
(:data:`~titlemap.columns.NORMALIZE_COLUMNS`, :data:`~titlemap.columns.MAP_COLUMNS` or
:data:`~titlemap.columns.EXTRACT_COLUMNS`), levels as integers, confidences as doubles, the rest
as strings::

    from titlemap.spark import map_column, normalize_column

    out = normalize_column(sdf, "title", "in")
    out = map_column(sdf, "title", None, "in", columns={"market": "market", "years": "years"})
    out = extract_column(sdf, "headline", "in")  # free texts: the current role, employer, past roles

The work runs in an Arrow UDF: in each batch of rows, each distinct title (with its context
cells) goes once through the pandas helpers, so every cell reads exactly as with pandas or the
command line, and its answers reach the rows that repeat it by Arrow's ``take``; a worker keeps
the answers for the batches that follow. Only the title and context columns travel to Python;
the other columns stay in Spark untouched, every row is kept and nothing is shuffled. With
``distinct=True`` each distinct title (with its context) is read once in the whole frame, and
the results return to the rows by a broadcast join: the rows stay where they are, the distinct
titles alone are shuffled. The :class:`~titlemap.TitleMap` travels to the executors as data (the
ladders loaded with :meth:`~titlemap.TitleMap.from_paths` included, so the workers need not see
the files), and each Python worker unpickles it once and keeps it for the batches that follow.
Every added column costs time on every row, as Arrow carries it back to Spark:
``added_columns=["canonical_title", "level"]`` writes only those, several times faster.

Mistakes (a missing column, an unknown market) raise :class:`~titlemap.InputError` or
:class:`~titlemap.UnknownMarketError` at once, on the driver, before any Spark job starts.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

try:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyspark.sql import Column, DataFrame
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.functions import arrow_udf
    from pyspark.sql.types import (
        ArrayType,
        DataType,
        DoubleType,
        IntegerType,
        MapType,
        StringType,
        StructField,
        StructType,
        VariantType,
    )
except ImportError as exc:  # pragma: no cover - exercised by a test that hides pyspark
    raise ImportError(
        f"titlemap.spark needs pyspark, pyarrow and pandas ({exc}); "
        "install the extra with: pip install 'titlemap[spark]'",
        name=exc.name,
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
from .extract_rows import EXTRACT_FIELDS
from .pandas import extract_frame, map_frame, normalize_frame
from .profile import Profile
from .table import added_names

__all__ = [
    "EXTRACT_COLUMNS",
    "MAP_COLUMNS",
    "NORMALIZE_COLUMNS",
    "added_schema",
    "extract_column",
    "map_column",
    "normalize_column",
]


def added_schema(columns: Sequence[str]) -> StructType:
    """The Spark types of the added columns: levels integers, confidences doubles, the rest strings.

    >>> added_schema(["canonical_title", "level", "confidence"]).simpleString()
    'struct<canonical_title:string,level:int,confidence:double>'
    """
    return StructType([StructField(name, _spark_type(name), nullable=True) for name in columns])


def _spark_type(name: str) -> DataType:
    return _column_types(name)[0]


def _arrow_type(name: str) -> pa.DataType:
    return _column_types(name)[1]


def _column_types(name: str) -> tuple[DataType, pa.DataType]:
    """An added column's type in Spark and in Arrow (the UDF's answer), decided in one place."""
    if name in INTEGER_COLUMNS:
        return IntegerType(), pa.int32()
    if name in FLOAT_COLUMNS:
        return DoubleType(), pa.float64()
    return StringType(), pa.string()


# -- the TitleMap on the executors -------------------------------------------------------------

_LOADED: OrderedDict[str, TitleMap] = OrderedDict()  # per Python worker process, by digest
_LOADED_MAX = 4
_LOADED_LOCK = threading.Lock()


def _loaded(digest: str, payload: bytes) -> TitleMap:
    """The TitleMap pickled in ``payload``, unpickled once per process and kept by its digest."""
    with _LOADED_LOCK:
        tm = _LOADED.get(digest)
        if tm is not None:
            _LOADED.move_to_end(digest)
            return tm
    tm = pickle.loads(payload)  # pickled by the driver (as is the UDF that carries it)
    if not isinstance(tm, TitleMap):  # pragma: no cover - the driver always ships a TitleMap
        raise TypeError(f"expected a pickled TitleMap, not {type(tm).__name__}")
    with _LOADED_LOCK:
        tm = _LOADED.setdefault(digest, tm)
        while len(_LOADED) > _LOADED_MAX:
            _LOADED.popitem(last=False)
    return tm


_ANSWERS_MAX = 100_000  # distinct rows whose answers a job keeps per worker before starting over


@dataclass(frozen=True)
class _Job:
    """What the executors need to run one call: the pickled TitleMap, the pandas helper, its
    options, and the names (in the batch) of the title and context columns."""

    digest: str
    payload: bytes
    helper: Callable[..., pd.DataFrame]
    args: tuple[Any, ...]
    options: dict[str, Any]
    context: tuple[str, ...]  # the context fields, in the order of the UDF's inputs
    columns: tuple[str, ...]  # the added columns, in order
    # distinct row (its cells as Python values) -> its added cells; filled on the executors
    answers: dict[Any, tuple[Any, ...]] = field(default_factory=dict, compare=False, repr=False)

    def run(self, arrays: Sequence[pa.Array]) -> pa.StructArray:
        """The added columns for one batch: ``arrays`` are the title then the context columns.

        Each distinct row is read once (and kept for later batches); a batch's rows then take
        their distinct row's answers, column by column, without a Python step per row."""
        codes, distinct, keys = _distinct_rows(arrays)
        missing = [i for i, key in enumerate(keys) if key not in self.answers]
        if missing:
            if len(self.answers) + len(missing) > _ANSWERS_MAX:
                self.answers.clear()
            at = pa.array(missing, type=pa.int64())
            self._read([a.take(at) for a in distinct], [keys[i] for i in missing])
        rows = [self.answers[key] for key in keys]
        added = [
            pa.array([row[k] for row in rows], type=_arrow_type(name)).take(codes)
            for k, name in enumerate(self.columns)
        ]
        return pa.StructArray.from_arrays(added, names=list(self.columns))

    def _read(self, arrays: Sequence[pa.Array], keys: Sequence[Any]) -> None:
        """Read distinct rows through the pandas helper and keep each one's added cells."""
        names = [f"_c{i}" for i in range(len(arrays))]
        batch = pa.Table.from_arrays(list(arrays), names=names).to_pandas()
        options = dict(self.options)
        options["columns"] = dict(zip(self.context, names[1:], strict=True))
        tm = _loaded(self.digest, self.payload)
        out: pd.DataFrame = self.helper(batch, names[0], *self.args, titlemap=tm, **options)
        cells = [_python_cells(out[name]) for name in self.columns]
        for key, row in zip(keys, zip(*cells, strict=True), strict=True):
            self.answers[key] = row


def _distinct_rows(arrays: Sequence[pa.Array]) -> tuple[pa.Array, list[pa.Array], list[Any]]:
    """A batch's distinct rows: for each row the index of its distinct row, the distinct rows'
    cells (one array per input), and a hashable key of each distinct row."""
    if len(arrays) == 1 and _encodable(arrays[0].type):
        encoded = pc.dictionary_encode(arrays[0], null_encoding="encode")
        return encoded.indices, [encoded.dictionary], encoded.dictionary.to_pylist()
    seen: dict[Any, int] = {}
    codes = [
        seen.setdefault(_hashable(row), len(seen))
        for row in zip(*(a.to_pylist() for a in arrays), strict=True)
    ]
    firsts: dict[int, int] = {}
    for i, code in enumerate(codes):
        firsts.setdefault(code, i)
    at = pa.array(list(firsts.values()), type=pa.int64())
    return pa.array(codes, type=pa.int32()), [a.take(at) for a in arrays], list(seen)


def _encodable(kind: pa.DataType) -> bool:
    """Whether Arrow's dictionary encoding finds the distinct values of an array of this type."""
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def _hashable(value: Any) -> Any:
    """A cell as a dictionary key: lists (past titles) as tuples."""
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    return value


def _python_cells(column: pd.Series[Any]) -> list[Any]:
    """A result column as Python values, None where a cell is missing."""
    return cast(list[Any], column.astype(object).where(column.notna(), None).tolist())


def _run(job: _Job, *arrays: pa.Array) -> pa.StructArray:
    return job.run(arrays)


# -- the driver ------------------------------------------------------------------------------------


def _resolve(names: list[str], column: str, argument: str, case_sensitive: bool) -> str:
    """The frame's own name for ``column``: that name, else (when the session's names are
    case-insensitive, Spark's default) the one name equal to it in another letter case; else an
    InputError naming the available columns."""
    if not isinstance(column, str):
        raise TypeError(f"{argument} must be a column name (str), not {type(column).__name__}")
    if column in names:
        return column
    if not case_sensitive:
        same = [n for n in names if n.casefold() == column.casefold()]
        if len(same) == 1:
            return same[0]
    available = ", ".join(repr(c) for c in names) or "(none)"
    given = "" if argument == "column" else f" (given as {argument})"
    raise InputError(f"no column {column!r} in the frame{given}; available columns: {available}")


def _readable(kind: DataType, nested: bool = False) -> bool:
    """Whether a column of this type reads as cells: text, numbers, flags, dates; for a context
    column also an array of them (past titles)."""
    if isinstance(kind, ArrayType):
        return nested and _readable(kind.elementType)
    return not isinstance(kind, StructType | MapType | VariantType)


def _check_type(schema: StructType, name: str, argument: str) -> None:
    found = [f.dataType for f in schema.fields if f.name == name]
    if found and not _readable(found[0], nested=argument != "column"):
        raise InputError(
            f"column {name!r}{'' if argument == 'column' else f' (given as {argument})'} holds "
            f"{found[0].simpleString()} values; titlemap reads text, numbers or flags"
            f"{'' if argument == 'column' else ', or an array of them'}"
        )


def _apply(
    df: DataFrame,
    helper: Callable[..., pd.DataFrame],
    column: str,
    args: tuple[Any, ...],
    options: dict[str, Any],
    given: dict[str, str],
    tm: TitleMap,
    columns: tuple[str, ...],
    distinct: bool,
) -> DataFrame:
    """``df`` with the added ``columns``, computed per batch by ``helper`` (a pandas helper): on
    every row, or (``distinct``) once per distinct title and context, joined back."""
    if not isinstance(df, DataFrame):
        raise TypeError(f"expected a Spark DataFrame, not {type(df).__name__}")
    schema = df.schema  # analyzes the plan; runs no job
    existing = [f.name for f in schema.fields]
    exact = str(df.sparkSession.conf.get("spark.sql.caseSensitive", "false")).lower() == "true"
    title = _resolve(existing, column, "column", exact)
    context = {f: _resolve(existing, name, f"columns[{f!r}]", exact) for f, name in given.items()}
    # The pandas helper on an empty frame with the same column names checks everything else
    # (markets, employers, profile, a column named twice) here, before any Spark job.
    helper(
        pd.DataFrame(columns=pd.Index(existing, dtype=object)),
        title,
        *args,
        titlemap=tm,
        **options,
        columns=context,
    )
    for argument, name in [("column", title), *((f"columns[{f!r}]", n) for f, n in context.items())]:
        _check_type(schema, name, argument)
    names, _ = added_names(existing, columns)

    payload = pickle.dumps(tm, protocol=pickle.HIGHEST_PROTOCOL)
    job = _Job(
        digest=hashlib.sha256(payload).hexdigest(),
        payload=payload,
        helper=helper,
        args=args,
        options=options,
        context=tuple(context),
        columns=columns,
    )

    def titlemap_batch(*arrays: pa.Array) -> pa.Array:
        return _run(job, *arrays)

    # the type hints say "scalar" (arrays to an array) to pyspark, which reads them by name
    udf: Callable[..., Column] = cast(Any, arrow_udf)(titlemap_batch, added_schema(columns))
    inputs = [title, *context.values()]
    if distinct:
        return _joined(df, udf, inputs, dict(zip(names, columns, strict=True)))
    struct = _free_name(existing, "__titlemap_added")
    out = df.withColumn(struct, udf(*map(_col, inputs)))
    out = out.withColumns({name: F.col(struct)[added] for name, added in zip(names, columns, strict=True)})
    return out.drop(struct)


def _joined(df: DataFrame, udf: Callable[..., Column], inputs: list[str], added: dict[str, str]) -> DataFrame:
    """``df`` with the ``added`` columns (frame name -> result column) read once per distinct
    combination of the ``inputs`` columns and joined back by a broadcast hash join: the rows stay
    in their partitions and in their order, and only the distinct inputs pass through Python."""
    taken = list(df.columns)

    def fresh(name: str) -> str:
        taken.append(_free_name(taken, name))
        return taken[-1]

    keys = [fresh(f"__titlemap_key{i}") for i in range(len(inputs))]
    temps = {fresh(f"__titlemap_{column}"): column for column in added.values()}
    struct = fresh("__titlemap_added")
    once = df.select(*(_col(c).alias(k) for c, k in zip(inputs, keys, strict=True))).distinct()
    read = once.withColumn(struct, udf(*map(F.col, keys)))
    read = read.select(*keys, *(F.col(struct)[column].alias(temp) for temp, column in temps.items()))
    # Null-safe: a missing title or context cell is a key like any other (it has its reason).
    on = [_col(c).eqNullSafe(F.col(k)) for c, k in zip(inputs, keys, strict=True)]
    out = df.join(F.broadcast(read), on=functools.reduce(operator.and_, on), how="left")
    by_column = {column: temp for temp, column in temps.items()}
    out = out.withColumns({name: F.col(by_column[column]) for name, column in added.items()})
    return out.drop(*keys, *temps)


def _col(name: str) -> Column:
    """A top-level column by its exact name (dots and backticks in it taken literally)."""
    return F.col("`" + name.replace("`", "``") + "`")


def _free_name(existing: Sequence[str], name: str) -> str:
    taken = {n.casefold() for n in existing}
    while name.casefold() in taken:
        name = f"_{name}"
    return name


def normalize_column(
    df: DataFrame,
    column: str = "title",
    market: str = DEFAULT_MARKET,
    *,
    employer: EmployerLike = None,
    titlemap: TitleMap | None = None,
    family: str = "product",
    columns: Mapping[str, str | None] | None = None,
    distinct: bool = False,
    added_columns: Iterable[str] | None = None,
    **deprecated: str | None,
) -> DataFrame:
    """``df`` with each title of ``column`` read as a rung of its market's ladder.

    The Spark counterpart of :func:`titlemap.pandas.normalize_frame`, with the same options and
    results. The added columns are :data:`~titlemap.columns.NORMALIZE_COLUMNS` (``title,
    canonical_title, rung, ..., reason, note``): ``level``, ``level_min``, ``level_max``
    integers, ``confidence`` a double, the rest strings. They are named by the command line's
    clash policy: an earlier run's columns are replaced in place; a name the frame already uses,
    in any letter case, gets a ``titlemap_`` prefix. Every row is kept, in Spark's order; missing
    titles give nulls and a ``reason``. Column names are matched as Spark matches them: in any
    letter case, unless ``spark.sql.caseSensitive`` is on.

    The result is lazy, as Spark frames are: the titles are read when an action runs.

    Args:
        df: a Spark DataFrame; it is not modified.
        column: the column holding the titles.
        market: market id, ISO code or country name; with a market column, the market of rows
            whose cell is blank or unknown.
        employer: the employer of every row (an :class:`~titlemap.Employer` or a company name).
        titlemap: the ladders to use (e.g. :meth:`~titlemap.TitleMap.from_paths`); the bundled
            ones by default. It is sent to the executors as data.
        family: ``"product"`` (the market's ladder) or another job family such as ``"engineering"``.
        columns: the columns holding each row's ``market``, ``company``, ``sector`` and
            ``stage``, read as :class:`~titlemap.rows.RowReader` reads them.
        distinct: read each distinct title (with its row's context) once and join the results
            back to the rows by a broadcast join, instead of reading every row in a UDF. Much
            faster when titles repeat (see docs/performance.md); the distinct results are
            collected on the driver and sent to every executor, so keep the default for columns
            with millions of distinct titles. The rows and their order are the same either way.
        added_columns: the added columns to write, some of
            :data:`~titlemap.columns.NORMALIZE_COLUMNS` (``["canonical_title", "level"]``),
            kept in that order; all of them by default. With a choice, a name the frame
            already uses always gets the prefix: only the whole set is taken for an earlier
            run's columns and replaced. Every column added costs time for every
            row, so a job that needs a few of them runs several times faster with only those
            (see docs/performance.md).
        deprecated: the ``*_column=`` arguments of earlier versions (a :class:`DeprecationWarning`).

    Raises:
        InputError: when a column is not a column of ``df``, naming the available columns, or
            ``added_columns`` names a column that is not added.
        UnknownMarketError: when ``market`` is not loaded.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    given = context_columns(columns, deprecated, ("market", *EMPLOYER_FIELDS), "normalize_column")
    added = chosen_columns(NORMALIZE_COLUMNS, added_columns, "normalize_column")
    options = {"employer": employer, "family": family, "added_columns": added}
    return _apply(df, normalize_frame, column, (market,), options, given, tm, added, distinct)


def map_column(
    df: DataFrame,
    column: str,
    source: str | None,
    target: str,
    profile: Profile | None = None,
    *,
    source_employer: EmployerLike = None,
    target_employer: EmployerLike = None,
    titlemap: TitleMap | None = None,
    columns: Mapping[str, str | None] | None = None,
    distinct: bool = False,
    added_columns: Iterable[str] | None = None,
    **deprecated: str | None,
) -> DataFrame:
    """``df`` with each title of ``column`` translated from its market to ``target``.

    The Spark counterpart of :func:`titlemap.pandas.map_frame`, with the same options and
    results. The added columns are :data:`~titlemap.columns.MAP_COLUMNS` (``mapped_title,
    mapped_level, mapped_confidence, ..., reason, note``), typed and named as in
    :func:`normalize_column`. ``profile`` and the employers apply to every row; ``columns``
    names, by field, the columns holding each row's own ``market`` (then ``source`` may be None,
    or is the fallback for blank cells), ``years``, ``background``, ``manages_people``,
    ``history`` (``;`` or ``>`` separated text, or an array of strings), ``company``, ``sector``
    and ``stage``. ``distinct=True`` reads each distinct title and context once and joins the
    results back, as in :func:`normalize_column`; ``added_columns`` writes only some of the added
    columns, as there. The ``*_column=`` arguments of earlier versions still work, with a
    :class:`DeprecationWarning`.

    Raises:
        InputError: when a column is not a column of ``df``, naming the available columns, or
            ``added_columns`` names a column that is not added.
        UnknownMarketError: when either market is not loaded.
        ValueError: when neither ``source`` nor a market column is given.
        TypeError: when ``profile`` is not a :class:`~titlemap.Profile`.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    given = context_columns(columns, deprecated, CONTEXT_FIELDS, "map_column")
    added = chosen_columns(MAP_COLUMNS, added_columns, "map_column")
    options = {"source_employer": source_employer, "target_employer": target_employer, "added_columns": added}
    return _apply(df, map_frame, column, (source, target, profile), options, given, tm, added, distinct)


def extract_column(
    df: DataFrame,
    column: str = "text",
    market: str = DEFAULT_MARKET,
    *,
    employer: EmployerLike = None,
    titlemap: TitleMap | None = None,
    columns: Mapping[str, str | None] | None = None,
    distinct: bool = False,
    added_columns: Iterable[str] | None = None,
) -> DataFrame:
    """``df`` with each free text of ``column`` (a headline, a résumé line) read as a current
    role, its employer, past roles and a place.

    The Spark counterpart of :func:`titlemap.pandas.extract_frame`, with the same options and
    results. The added columns are :data:`~titlemap.columns.EXTRACT_COLUMNS`
    (``current_title, current_canonical_title, current_rung, current_level,
    current_confidence, employer, past, location, reason, note``): ``current_level`` an
    integer, ``current_confidence`` a double, the rest strings, named as in
    :func:`normalize_column`. ``columns`` names the columns holding each row's ``market``,
    ``company``, ``sector`` and ``stage``; ``distinct=True`` reads each distinct text and context
    once, and ``added_columns`` writes only some of the added columns, as in
    :func:`normalize_column`.

    Raises:
        InputError: when a column is not a column of ``df``, naming the available columns, or
            ``added_columns`` names a column that is not added.
        UnknownMarketError: when ``market`` is not loaded.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    given = context_columns(columns, {}, EXTRACT_FIELDS, "extract_column")
    added = chosen_columns(EXTRACT_COLUMNS, added_columns, "extract_column")
    options = {"employer": employer, "added_columns": added}
    return _apply(df, extract_frame, column, (market,), options, given, tm, added, distinct)
