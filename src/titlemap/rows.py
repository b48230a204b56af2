"""Rows of a table, each read with the context its own cells give: market, profile, employer.

A recruiter's file holds one candidate per row: the title beside the market, years, background,
whether they manage people, past titles, company, sector and stage. :class:`RowReader` reads a
row's title with that row's context, and returns the cells the command line and the pandas and
Spark helpers add (:data:`~titlemap.columns.NORMALIZE_COLUMNS` or
:data:`~titlemap.columns.MAP_COLUMNS`, ending with ``reason``).

Cells are read as a spreadsheet holds them (:mod:`titlemap.cells`). A blank cell falls back to
the value given for every row (the ``--years`` flag, the ``profile=`` argument), else unknown.
A cell that cannot be read leaves the row in place, unknown for that field, with an
``unreadable-value`` note in its ``reason``.

>>> from titlemap import TitleMap
>>> reader = RowReader(TitleMap.default(), market="us", target="in", fields=("years", "background"))
>>> cells = reader.record("Product Owner", ("8 yrs", "software"))
>>> cells["mapped_title"], cells["reason"]
('Senior Product Manager', None)
>>> reader.record("Product Owner", ("lots", None))["reason"]
"unreadable-value: years 'lots' is not a number of years (write e.g. 5, 5+, 10 yrs or 5-7)"
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import lru_cache, partial
from typing import Any, TypeVar

from .cells import is_blank
from .columns import (
    CONTEXT_FIELDS,
    EMPLOYER_FIELDS,
    MAP_COLUMNS,
    NORMALIZE_COLUMNS,
    PROFILE_FIELDS,
    Value,
    map_values,
    match_values,
)
from .core import MEMO_SIZE, EmployerLike, TitleMap
from .employer import Employer, as_employer
from .errors import InputError, UnknownMarketError
from .mapping import Mapping
from .match import Match
from .profile import Profile
from .reasons import Reason, join_reasons

__all__ = [
    "CONTEXT_FIELDS",
    "EMPLOYER_FIELDS",
    "MEMO_TITLE_CHARS",
    "PROFILE_FIELDS",
    "RowContext",
    "RowReader",
]

#: Titles longer than this are read but not memoized, so the memo stays small (as TitleMap's).
MEMO_TITLE_CHARS = 1_000
_CONTEXT_MEMO = 4_096


@dataclass(frozen=True, slots=True)
class RowContext:
    """What one row's cells say about its title.

    Attributes:
        market: the ladder id the title is read in (None when the row has none and no default
            was given).
        profile: the person's profile (mapping), or None.
        employer: the title's employer, or None.
        problems: an ``unreadable-value`` reason for each cell that could not be read.
    """

    market: str | None
    profile: Profile | None
    employer: Employer | None
    problems: tuple[Reason, ...] = ()


class RowReader:
    """Reads titles row by row, each with its row's context; normalizes, or maps into ``target``.

    Args:
        titlemap: the ladders.
        market: the market of every row (the source market when mapping): an id, ISO code,
            country or city. It is the fallback for rows whose market cell is blank or unknown;
            None when every row must name its own (then ``"market"`` must be in ``fields``).
        target: the market to map into; None to normalize.
        profile: the profile of every row (mapping); a row's cells override its fields.
        employer: the employer of every row; a row's cells override its fields.
        target_employer: the employer to answer for (mapping).
        fields: the context fields the rows carry, a subset of :data:`CONTEXT_FIELDS`, in the
            order their cells are passed to :meth:`__call__`.
        family: the job family read when normalizing (``"product"`` or ``"engineering"``).

    Raises:
        ValueError: for an unknown field, a profile field when normalizing, or no market at all.
        UnknownMarketError: when ``market`` or ``target`` is not loaded.
    """

    def __init__(
        self,
        titlemap: TitleMap,
        *,
        market: str | None,
        target: str | None = None,
        profile: Profile | None = None,
        employer: EmployerLike = None,
        target_employer: EmployerLike = None,
        fields: Sequence[str] = (),
        family: str = "product",
    ) -> None:
        unknown = [f for f in fields if f not in CONTEXT_FIELDS]
        if unknown:
            raise ValueError(f"unknown context field(s) {unknown}; choose from {', '.join(CONTEXT_FIELDS)}")
        if target is None and not set(fields).isdisjoint(PROFILE_FIELDS):
            raise ValueError("years, background, manages_people and history are read only when mapping")
        if market is None and "market" not in fields:
            raise ValueError("give a market for every row, or a market column")
        if profile is not None and not isinstance(profile, Profile):
            raise TypeError(f"profile must be a titlemap.Profile, not {type(profile).__name__}")
        self.titlemap = titlemap
        self.fields: tuple[str, ...] = tuple(fields)
        self.target = titlemap.market_id(target) if target is not None else None
        self.columns: tuple[str, ...] = NORMALIZE_COLUMNS if self.target is None else MAP_COLUMNS
        #: the market of rows without one of their own (None: every row names its market)
        self.market = titlemap.market_id(market) if market is not None else None
        self._profile = profile
        self._employer = as_employer(employer)
        self._target_employer = as_employer(target_employer)
        self._family = family
        self._context = lru_cache(maxsize=_CONTEXT_MEMO)(self._read_context)
        self._memo = lru_cache(maxsize=MEMO_SIZE)(self._compute)
        #: The cells for a title alone (no context cells), memoized: for titles of at most
        #: :data:`MEMO_TITLE_CHARS` characters (longer ones go through :meth:`__call__`, which
        #: does not keep them). The bulk loop calls it without a Python frame in between.
        self.by_title: Callable[[str | None], tuple[Value, ...]] = lru_cache(maxsize=MEMO_SIZE)(
            partial(self._compute, key=())
        )

    def __call__(self, title: str | None, cells: Sequence[object] = ()) -> tuple[Value, ...]:
        """The added cells for one row: its title and its context cells (in :attr:`fields` order)."""
        key = tuple(_hashable(c) for c in cells) if cells else ()
        if title is not None and len(title) > MEMO_TITLE_CHARS:
            return self._compute(title, key)
        return self._memo(title, key)

    def record(self, title: str | None, cells: Sequence[object] = ()) -> dict[str, Value]:
        """:meth:`__call__` as a dict keyed by the added column names."""
        return dict(zip(self.columns, self(title, cells), strict=True))

    def context(self, cells: Sequence[object] = ()) -> RowContext:
        """The context one row's cells give (in :attr:`fields` order)."""
        return self._context(tuple(_hashable(c) for c in cells))

    def _compute(self, title: str | None, key: tuple[Hashable, ...]) -> tuple[Value, ...]:
        ctx = self._context(key)
        match: Match | None = None
        mapping: Mapping | None = None
        why: Reason | None = None
        if title is None or is_blank(title):
            why = Reason("blank", "no title in the row")
        elif ctx.market is None:
            pass  # the context's problems say why
        elif self.target is None:
            match = self.titlemap.normalize(title, ctx.market, employer=ctx.employer, family=self._family)
            why = None if match is not None else self._why(title, ctx.market, ctx.employer)
        else:
            mapping = self.titlemap.map_title(
                title,
                ctx.market,
                self.target,
                ctx.profile,
                source_employer=ctx.employer,
                target_employer=self._target_employer,
            )
            why = None if mapping is not None else self._why(title, ctx.market, ctx.employer)
        reason = join_reasons([why, *ctx.problems] if why is not None else ctx.problems) or None
        return match_values(match, reason) if self.target is None else map_values(mapping, reason)

    def _why(self, title: str, market: str, employer: Employer | None) -> Reason:
        family = self._family if self.target is None else "product"
        found = self.titlemap.reason(title, market, employer=employer, family=family)
        return found if found is not None else Reason("not-product", f"not read in {market!r}")

    def _read_context(self, key: tuple[Hashable, ...]) -> RowContext:
        cells = {f: v for f, v in zip(self.fields, key, strict=False) if v is not None}
        problems: list[Reason] = []
        market = self.market
        if "market" in cells:
            try:
                market = self.titlemap.market_id(str(cells["market"]))
            except UnknownMarketError as exc:
                closest = f" ({exc.hint})" if exc.hint else ""
                then = f"; read in {market!r}" if market else "; the row is not read"
                hint = f"market {str(cells['market'])!r} is not a loaded market{closest}{then}"
                problems.append(Reason("unreadable-value", hint))
        elif market is None:
            problems.append(Reason("unreadable-value", "no market for this row (fill its market cell)"))
        profile = _overridden(Profile, self._profile, PROFILE_FIELDS, cells, problems)
        employer = _overridden(Employer, self._employer, EMPLOYER_FIELDS, cells, problems)
        return RowContext(market, profile, employer, tuple(problems))


_Model = TypeVar("_Model", Profile, Employer)


def _overridden(
    model: type[_Model],
    base: _Model | None,
    names: tuple[str, ...],
    cells: dict[str, Any],
    problems: list[Reason],
) -> _Model | None:
    """``base`` (given for every row) with the fields this row's cells give, read one by one."""
    given = {f: cells[f] for f in names if f in cells}
    if not given:
        return base
    fields = {f.name: getattr(base, f.name) for f in dataclass_fields(base)} if base is not None else {}
    fields.update(_read_fields(model, given, problems))
    return model(**fields)


def _read_fields(
    model: type[Profile] | type[Employer], cells: dict[str, Any], problems: list[Reason]
) -> dict[str, Any]:
    """Each cell read on its own through the model's validators, so that one bad value costs only
    its own field; a value that cannot be read becomes a problem."""
    read: dict[str, Any] = {}
    for name, value in cells.items():
        try:
            read[name] = getattr(model(**{name: value}), name)
        except InputError as exc:
            message = exc.detail
            shown = repr(value) if isinstance(value, str) else str(value)
            label = name.replace("_", " ")
            text = f"{label} {message}" if message.startswith(shown) else f"{label}: {message}"
            problems.append(Reason("unreadable-value", text))
    return read


def _hashable(value: object) -> Hashable:
    """A cell as a memo key: None when it says nothing, a tuple for a list, else itself."""
    if is_blank(value):
        return None
    if isinstance(value, list | tuple):
        return tuple(value)
    if isinstance(value, Hashable):
        return value
    return repr(value)
