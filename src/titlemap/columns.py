"""The columns titlemap adds to a table: one list, the same in every front door.

``titlemap normalize --input``, ``titlemap map --input``, :mod:`titlemap.pandas` and
:mod:`titlemap.spark` add these columns, in this order. Each normalize column is the
:class:`~titlemap.Match` attribute of the same name (``rung`` is the rung's id; ``level_min``
and ``level_max`` are ``level_range``); each map column is ``mapped_`` + the
:class:`~titlemap.Mapping` attribute; the extract columns (:data:`EXTRACT_COLUMNS`, defined and
filled by :mod:`titlemap.extract`) describe the current role in a free text. ``reason`` says
why a row was not read (or mapped) and is empty on every row that was; a row refused as a
look-alike (a project manager, a designer) still carries that family's occupation codes
(``isco08`` ... ``nco2015``); ``note`` lists the
context cells of the row that could not be read (a market, years, a background...), whether
or not the title was read.

The context columns a table may carry, one per :data:`CONTEXT_FIELDS` field, are named in one
``columns`` mapping (field -> the table's column name) by every front door: the command line's
``--market-column`` and friends, ``columns=`` of :func:`titlemap.pandas.map_frame` and
:func:`titlemap.spark.map_column`, and :class:`titlemap.rows.RowReader`'s ``fields``.
:func:`context_columns` reads that mapping (and the ``*_column`` keyword arguments of earlier
versions, with a :class:`DeprecationWarning`).

>>> NORMALIZE_COLUMNS[:3], MAP_COLUMNS[:3]
(('title', 'canonical_title', 'rung'), ('mapped_title', 'mapped_canonical_title', 'mapped_rung'))
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable, Sequence
from collections.abc import Mapping as MappingOf
from typing import TypeVar

from .errors import InputError
from .extract import EXTRACT_COLUMNS
from .mapping import Mapping
from .match import Match
from .records import Occupation

__all__ = [
    "CONTEXT_FIELDS",
    "EMPLOYER_FIELDS",
    "EXTRACT_COLUMNS",
    "FLOAT_COLUMNS",
    "INTEGER_COLUMNS",
    "MAP_COLUMNS",
    "NORMALIZE_COLUMNS",
    "PROFILE_FIELDS",
    "Value",
    "chosen_columns",
    "context_columns",
    "is_whole_set",
    "map_values",
    "match_values",
]

#: A cell added to a row: text, a level, a confidence, or None for "empty".
Value = str | int | float | None

#: Columns added when normalizing, in order: the :class:`~titlemap.Match` attributes of the same name.
NORMALIZE_COLUMNS: tuple[str, ...] = (
    "title",
    "canonical_title",
    "rung",
    "local_title",
    "level",
    "level_min",
    "level_max",
    "track",
    "confidence",
    "evidence",
    "seniority",
    "grade",
    "specialization",
    "team",
    "location",
    "employment",
    "company",
    "company_level",
    "rank",
    "lookalike",
    "years_min",
    "years_max",
    "isco08",
    "esco_uri",
    "onet_soc",
    "uk_soc2020",
    "nco2015",
    "reason",
    "note",
)
#: Columns added when mapping, in order: ``mapped_`` + the :class:`~titlemap.Mapping` attributes.
MAP_COLUMNS: tuple[str, ...] = (
    "mapped_title",
    "mapped_canonical_title",
    "mapped_rung",
    "mapped_local_title",
    "mapped_level",
    "mapped_level_min",
    "mapped_level_max",
    "mapped_track",
    "mapped_confidence",
    "mapped_evidence",
    "mapped_rule",
    "mapped_company",
    "mapped_company_level",
    "mapped_years_min",
    "mapped_years_max",
    "reason",
    "note",
)
#: The added columns that hold whole numbers (spine levels); the others hold text, except the
#: confidences (floats).
INTEGER_COLUMNS: frozenset[str] = frozenset(
    {"level", "level_min", "level_max", "mapped_level", "mapped_level_min", "mapped_level_max"}
    | {"current_level"}
)
FLOAT_COLUMNS: frozenset[str] = frozenset(
    {"confidence", "mapped_confidence", "current_confidence", "years_min", "years_max"}
    | {"mapped_years_min", "mapped_years_max"}
)

#: The per-row context a table may hold, in the order of the command line's ``--*-column`` flags.
CONTEXT_FIELDS: tuple[str, ...] = (
    "market",
    "years",
    "background",
    "manages_people",
    "history",
    "company",
    "sector",
    "stage",
)
#: The fields that make a row's :class:`~titlemap.Profile` (mapping only).
PROFILE_FIELDS: tuple[str, ...] = ("years", "background", "manages_people", "history")
#: The fields that make a row's :class:`~titlemap.Employer`.
EMPLOYER_FIELDS: tuple[str, ...] = ("company", "sector", "stage")

_Name = TypeVar("_Name", bound=Hashable)


def chosen_columns(added: tuple[str, ...], chosen: Iterable[str] | None, where: str) -> tuple[str, ...]:
    """The added columns a call writes: every one of ``added`` when ``chosen`` is None, else
    those ``chosen`` names, in ``added``'s order (so a rerun finds them side by side). ``where``
    is the function's name, for messages.

    >>> chosen_columns(NORMALIZE_COLUMNS, ["level", "canonical_title"], "normalize_frame")
    ('canonical_title', 'level')

    Raises:
        InputError: for a name that is not an added column, a name given twice, no name at
            all, or a single string instead of a list of names.
    """
    if chosen is None:
        return added
    if isinstance(chosen, str):
        raise InputError(
            f"{where}: added_columns takes a list of column names, not one string; "
            f"write added_columns=[{chosen!r}]"
        )
    names = list(chosen)
    unknown = [n for n in names if n not in added]
    if unknown:
        raise InputError(f"{where}: no added column {unknown[0]!r}; choose from {', '.join(added)}")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"{where}: added_columns names {twice[0]!r} twice")
    if not names:
        raise InputError(f"{where}: added_columns is empty; name at least one of {', '.join(added)}")
    return tuple(n for n in added if n in names)


def is_whole_set(added: Sequence[str]) -> bool:
    """Whether ``added`` is a whole set of added columns (:data:`NORMALIZE_COLUMNS`,
    :data:`MAP_COLUMNS` or :data:`EXTRACT_COLUMNS`), not a choice among them: only a whole set
    side by side in a frame is taken for an earlier run's output and replaced."""
    return tuple(added) in (NORMALIZE_COLUMNS, MAP_COLUMNS, EXTRACT_COLUMNS)


def context_columns(
    columns: MappingOf[str, _Name | None] | None,
    deprecated: MappingOf[str, _Name | None],
    fields: Sequence[str],
    where: str,
) -> dict[str, _Name]:
    """The context columns of a call, ``{field: column name}`` in :data:`CONTEXT_FIELDS` order.

    ``columns`` is the mapping given; ``deprecated`` the ``*_column`` keyword arguments of
    earlier versions (``market_column="Market"``), still read, each with a
    :class:`DeprecationWarning`. ``fields`` are the fields ``where`` (the function's name, for
    messages) takes. None values are left out.

    >>> context_columns({"market": "Market", "years": None}, {}, CONTEXT_FIELDS, "map_frame")
    {'market': 'Market'}

    Raises:
        ValueError: for a field ``where`` does not take.
        TypeError: for another keyword argument, or a field given both ways.
    """
    found = {f: c for f, c in (columns or {}).items() if c is not None}
    unknown = [f for f in found if f not in fields]
    if unknown:
        raise ValueError(f"{where}: unknown context field(s) {unknown}; choose from {', '.join(fields)}")
    for name, column in deprecated.items():
        field = name.removesuffix("_column")
        if not name.endswith("_column") or field not in fields:
            raise TypeError(f"{where}() got an unexpected keyword argument {name!r}")
        if column is None:
            continue
        warnings.warn(
            f"{where}({name}=...) is deprecated; pass columns={{{field!r}: {column!r}}}",
            DeprecationWarning,
            stacklevel=3,
        )
        if found.get(field, column) != column:
            raise TypeError(f"{where}: the {field} column is given twice ({name}= and columns=)")
        found[field] = column
    return {f: found[f] for f in CONTEXT_FIELDS if f in found}


def match_values(
    match: Match | None,
    reason: str | None = None,
    note: str | None = None,
    occupation: Occupation | None = None,
) -> tuple[Value, ...]:
    """The :data:`NORMALIZE_COLUMNS` cells for one normalization. Without a match they are None
    but the reason, the note and the occupation codes of a refused look-alike (``occupation``:
    the :attr:`Reason.occupation <titlemap.reasons.Reason.occupation>` of a project manager or a
    designer), so that refused rows join HR systems too (see :mod:`titlemap.reasons`).

    >>> match_values(None, "not-product: design", occupation=Occupation(isco08="2513"))[-7:-2]
    ('2513', None, None, None, None)
    """
    if match is None:
        if occupation is None:
            return (*_NO_MATCH, reason, note)
        return (*_NO_MATCH_CODES, *_codes(occupation), reason, note)
    return (
        match.title,
        match.canonical_title,
        match.rung.id,
        match.local_title,
        match.level,
        match.level_range[0],
        match.level_range[1],
        match.track,
        match.confidence,
        match.evidence,
        match.seniority,
        match.grade,
        match.specialization,
        match.team,
        match.location,
        match.employment,
        match.company,
        match.company_level,
        match.rank,
        match.lookalike,
        *_years(match.years),
        *_codes(match.occupation),
        reason,
        note,
    )


def _years(band: tuple[float, float | None] | None) -> tuple[float | None, float | None]:
    return (None, None) if band is None else band


def _codes(codes: Occupation | None) -> tuple[str | None, ...]:
    if codes is None:
        return (None,) * 5
    return codes.isco08, codes.esco_uri, codes.onet_soc, codes.uk_soc2020, codes.nco2015


def map_values(
    mapping: Mapping | None, reason: str | None = None, note: str | None = None
) -> tuple[Value, ...]:
    """The :data:`MAP_COLUMNS` cells for one mapping (None but the reason and the note when the
    title was not read)."""
    if mapping is None:
        return (*_NO_MAPPING, reason, note)
    return (
        mapping.title,
        mapping.canonical_title,
        mapping.rung.id,
        mapping.local_title,
        mapping.level,
        mapping.level_range[0],
        mapping.level_range[1],
        mapping.track,
        mapping.confidence,
        mapping.evidence,
        mapping.rule,
        mapping.company,
        mapping.company_level,
        *_years(mapping.years),
        reason,
        note,
    )


_NO_MATCH: tuple[None, ...] = (None,) * (len(NORMALIZE_COLUMNS) - 2)
_NO_MATCH_CODES: tuple[None, ...] = (None,) * (len(NORMALIZE_COLUMNS) - 7)  # before the codes
_NO_MAPPING: tuple[None, ...] = (None,) * (len(MAP_COLUMNS) - 2)
