"""Rows of a table, each read with the context its own cells give: market, profile, employer.

A recruiter's file holds one candidate per row: the title beside the market, years, background,
whether they manage people, past titles, company, sector and stage. :class:`RowReader` reads a
row's title with that row's context, and returns the cells the command line and the pandas and
Spark helpers add (:data:`~titlemap.columns.NORMALIZE_COLUMNS` or
:data:`~titlemap.columns.MAP_COLUMNS`, ending with ``reason`` and ``note``).

Cells are read as a spreadsheet holds them (:mod:`titlemap.cells`; markets as ATS exports write
them, :mod:`titlemap.market_cells`; backgrounds as degrees and functions,
:mod:`titlemap.backgrounds`). A blank cell falls back to the value given for every row
(the ``--years`` flag, the ``profile=`` argument), else unknown. A cell that cannot be read
leaves the row in place, unknown for that field, and says so in ``note``; ``reason`` only says
why a title was not read (or mapped), so filtering on it finds exactly the rows without an
answer.

>>> from titlemap import TitleMap
>>> reader = RowReader(TitleMap.default(), market="us", target="in", fields=("years", "background"))
>>> cells = reader.record("Product Owner", ("8 yrs", "B.Tech CSE"))
>>> cells["mapped_title"], cells["reason"], cells["note"]
('Senior Product Manager', None, None)
>>> reader.record("Product Owner", ("lots", None))["note"]
"years 'lots' is not a number of years (write e.g. 5, 5+, 10 yrs or 5-7)"
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import lru_cache, partial
from typing import Any, NamedTuple, TypeVar

from .backgrounds import read_background
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
from .core import MEMO_SIZE, TitleMap
from .employer import Employer, EmployerLike, as_employer
from .employer_names import UNKNOWN_COMPANY
from .errors import InputError, TitlemapError, UnknownMarketError
from .mapping import Mapping
from .market_cells import find_market
from .match import Match
from .profile import Profile
from .reasons import Reason

__all__ = [
    "CONTEXT_FIELDS",
    "EMPLOYER_FIELDS",
    "MAX_COMPANY_CHARS",
    "MEMO_TITLE_CHARS",
    "PROFILE_FIELDS",
    "CellNote",
    "RowContext",
    "RowReader",
    "Typed",
    "cell_key",
    "shared_reader",
    "unread_row",
]

#: Titles and context cells longer than this are read but not memoized, so the memos stay small
#: (as TitleMap's).
MEMO_TITLE_CHARS = 1_000
#: The longest company cell read as an employer's name; a longer one is noted and left out (the
#: ladders' memo keeps employers, so a 1 MB "name" would stay in memory).
MAX_COMPANY_CHARS = 200
_CONTEXT_MEMO = 4_096
_NESTING = 4  # list levels kept in a memo key; deeper values are unreadable anyway


class CellNote(NamedTuple):
    """A context cell of a row that could not be read: its field and what was wrong."""

    field: str
    text: str


class Typed(NamedTuple):
    """A cell that is not text, in a memo key with its type: ``0``, ``False`` and ``0.0`` read
    differently, so they are different keys."""

    kind: str
    value: Hashable


def cell_key(value: object, market: bool = False) -> Hashable:
    """A cell as a memo key: None when it says nothing, text as it is, anything else
    :class:`Typed` (lists as tuples). In a market cell ``"NA"`` (North America) is not a blank."""
    if type(value) is str:
        if market and value.strip() == "NA":
            return value
        return None if is_blank(value) else value
    if is_blank(value):
        return None
    return Typed(type(value).__name__, _frozen(value, 0))


def _frozen(value: Any, depth: int) -> Hashable:
    if isinstance(value, list | tuple) or type(value).__name__ == "ndarray":
        if depth >= _NESTING:
            return ("...",)
        return tuple(_frozen_item(item, depth) for item in value)
    if isinstance(value, dict):
        return repr(value) if depth < _NESTING else "{...}"
    if isinstance(value, set | frozenset):
        return frozenset(repr(item) for item in value)
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value  # type: ignore[no-any-return]


def _frozen_item(item: object, depth: int) -> Hashable:
    """An item of a list cell: text as it is (a history of titles), else frozen with its type."""
    if type(item) is str:
        return item
    return Typed(type(item).__name__, _frozen(item, depth + 1))


def _plain(key: Hashable) -> Any:
    """The value a memo key stands for (lists as tuples)."""
    if isinstance(key, Typed):
        inner = key.value
        if isinstance(inner, tuple) and key.kind in ("list", "tuple", "ndarray"):
            return tuple(_plain(item) for item in inner)
        return inner
    return key


def _long(key: Sequence[Hashable]) -> bool:
    return any(type(k) is str and len(k) > MEMO_TITLE_CHARS for k in key)


@dataclass(frozen=True, slots=True)
class RowContext:
    """What one row's cells say about its title.

    Attributes:
        market: the ladder id the title is read in (None when the row has none and no default
            was given).
        profile: the person's profile (mapping), or None.
        employer: the title's employer, or None.
        notes: a :class:`CellNote` for each cell that could not be read.
    """

    market: str | None
    profile: Profile | None
    employer: Employer | None
    notes: tuple[CellNote, ...] = ()

    @property
    def problems(self) -> tuple[Reason, ...]:
        """The notes as ``unreadable-value`` reasons (the form of earlier versions)."""
        return tuple(Reason("unreadable-value", note.text) for note in self.notes)

    @property
    def note(self) -> str | None:
        """The ``note`` cell: the notes joined by ``"; "``, None when there are none."""
        return "; ".join(note.text for note in self.notes) or None


def unread_row(title: str | None, ctx: RowContext, what: str) -> tuple[Reason | None, tuple[CellNote, ...]]:
    """Why a row cannot be read before its ``what`` (a title, a text) is: blank, or no market
    (the market cell's note is the reason then); with the notes left for the ``note`` cell.
    ``(None, ctx.notes)`` when the row is to be read."""
    if title is None or is_blank(title):
        return Reason("blank", f"no {what} in the row"), ctx.notes
    if ctx.market is None:  # no market: the market's note says why the row is not read
        notes = ctx.notes
        return (Reason("unreadable-value", notes[0].text) if notes else None), notes[1:]
    return None, ctx.notes


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
        _check_setup(fields, market, target, profile)
        self.titlemap = titlemap
        self.fields: tuple[str, ...] = tuple(fields)
        self.target = titlemap.market_id(target) if target is not None else None
        self.columns: tuple[str, ...] = NORMALIZE_COLUMNS if self.target is None else MAP_COLUMNS
        #: the market of rows without one of their own (None: every row names its market)
        self.market = titlemap.market_id(market) if market is not None else None
        self._market_at = self.fields.index("market") if "market" in self.fields else -1
        self._profile = profile
        self._employer = as_employer(employer)
        self._target_employer = as_employer(target_employer)
        self._family = family
        # Two memos: cells -> context (a few hundred distinct contexts in a real file), then
        # (title, context) -> cells, so that "5", "5+" and "5 yrs" share their answers.
        self._context = lru_cache(maxsize=_CONTEXT_MEMO)(self._read_context)
        self._memo = lru_cache(maxsize=MEMO_SIZE)(self._compute)
        #: The cells for a title alone (no context cells), memoized: for titles of at most
        #: :data:`MEMO_TITLE_CHARS` characters (longer ones go through :meth:`__call__`, which
        #: does not keep them). The bulk loop calls it without a Python frame in between.
        self.by_title: Callable[[str | None], tuple[Value, ...]] = lru_cache(maxsize=MEMO_SIZE)(
            partial(self._compute, ctx=self._read_context(()))
        )

    def __call__(self, title: str | None, cells: Sequence[object] = ()) -> tuple[Value, ...]:
        """The added cells for one row: its title and its context cells (in :attr:`fields` order)."""
        return self.read_keyed(title, self.key(cells) if cells else ())

    def key(self, cells: Sequence[object]) -> tuple[Hashable, ...]:
        """The memo key of a row's context cells (see :func:`cell_key`)."""
        at = self._market_at
        return tuple(cell_key(c, i == at) for i, c in enumerate(cells))

    def read_keyed(self, title: str | None, key: tuple[Hashable, ...]) -> tuple[Value, ...]:
        """:meth:`__call__` for cells already turned into their :meth:`key` (the pandas helpers
        group equal rows by it)."""
        if _long(key):
            return self._compute(title, self._read_context(key))  # read, not kept
        ctx = self._context(key)
        if title is not None and len(title) > MEMO_TITLE_CHARS:
            return self._compute(title, ctx)  # read, not kept
        return self._memo(title, ctx)

    def record(self, title: str | None, cells: Sequence[object] = ()) -> dict[str, Value]:
        """:meth:`__call__` as a dict keyed by the added column names."""
        return dict(zip(self.columns, self(title, cells), strict=True))

    def context(self, cells: Sequence[object] = ()) -> RowContext:
        """The context one row's cells give (in :attr:`fields` order)."""
        key = self.key(cells)
        return self._read_context(key) if _long(key) else self._context(key)

    def _compute(self, title: str | None, ctx: RowContext) -> tuple[Value, ...]:
        match: Match | None = None
        mapping: Mapping | None = None
        why, notes = unread_row(title, ctx, "title")
        if title is not None and why is None and ctx.market is not None:
            try:
                if self.target is None:
                    match = self.titlemap.normalize(
                        title, ctx.market, employer=ctx.employer, family=self._family
                    )
                else:
                    mapping = self.titlemap.map_title(
                        title,
                        ctx.market,
                        self.target,
                        ctx.profile,
                        source_employer=ctx.employer,
                        target_employer=self._target_employer,
                    )
            except TitlemapError as exc:  # one row's trouble stays in its row
                why = Reason("unreadable-value", str(exc))
            else:
                if match is None and mapping is None:
                    why = self._why(title, ctx.market, ctx.employer)
        note = "; ".join(n.text for n in notes) or None
        if mapping is not None or self.target is not None:
            return map_values(mapping, None if why is None else str(why), note)
        codes = None if why is None else why.occupation  # a refused look-alike's codes
        return match_values(match, None if why is None else str(why), note, codes)

    def _why(self, title: str, market: str, employer: Employer | None) -> Reason:
        family = self._family if self.target is None else "product"
        found = self.titlemap.reason(title, market, employer=employer, family=family)
        return found if found is not None else Reason("not-product", f"not read in {market!r}")

    def note_fields(self, cells: Sequence[object]) -> tuple[str, ...]:
        """The fields of a row's context cells that could not be read (for a summary)."""
        notes = self.context(cells).notes  # an unknown company is read, not unreadable
        return tuple(n.field for n in notes if not n.text.startswith(UNKNOWN_COMPANY))

    def _read_context(self, key: tuple[Hashable, ...]) -> RowContext:
        cells = {f: _plain(v) for f, v in zip(self.fields, key, strict=False) if v is not None}
        notes: list[CellNote] = []
        market = self.market
        if "market" in cells:
            market = self._find_market(cells["market"], notes)
        elif market is None:
            notes.append(CellNote("market", "no market for this row (fill its market cell)"))
        if "background" in cells:
            cells["background"] = self._read_background(cells["background"], notes)
        company = cells.get("company")
        if isinstance(company, str) and len(company) > MAX_COMPANY_CHARS:
            notes.append(CellNote("company", f"company: {len(company):,} characters, too long for a name"))
            del cells["company"]
        elif isinstance(company, str) and company.strip() and self.titlemap.company_id(company) is None:
            notes.append(CellNote("company", f"{UNKNOWN_COMPANY}: {company.strip()}"))
        profile = _overridden(Profile, self._profile, PROFILE_FIELDS, cells, notes)
        employer = _overridden(Employer, self._employer, EMPLOYER_FIELDS, cells, notes)
        return RowContext(market, profile, employer, tuple(notes))

    def _find_market(self, cell: object, notes: list[CellNote]) -> str | None:
        """The market a market cell names; else the fallback, with a note."""
        text = cell if isinstance(cell, str) else str(cell)
        try:
            located = find_market(self.titlemap, text)
        except UnknownMarketError as exc:
            then = f"; read in {self.market!r}" if self.market else "; the row is not read"
            shown = text if len(text) <= 60 else text[:57] + "..."
            closest = f" ({exc.hint})" if exc.hint else ""
            notes.append(CellNote("market", f"market {shown!r} is not a loaded market{closest}{then}"))
            return self.market
        if located.note is not None:  # a region read with its default ladder: say so
            notes.append(CellNote("market", f"market {located.note}"))
        return located.market

    @staticmethod
    def _read_background(cell: object, notes: list[CellNote]) -> str | None:
        """A background as people write it; one titlemap cannot place is unknown, with a note."""
        try:
            return read_background(cell)
        except ValueError as exc:
            notes.append(CellNote("background", f"background {exc}"))
            return None


def _check_setup(
    fields: Sequence[str], market: str | None, target: str | None, profile: Profile | None
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


_Model = TypeVar("_Model", Profile, Employer)


def _overridden(
    model: type[_Model],
    base: _Model | None,
    names: tuple[str, ...],
    cells: dict[str, Any],
    notes: list[CellNote],
) -> _Model | None:
    """``base`` (given for every row) with the fields this row's cells give, read one by one."""
    given = {f: cells[f] for f in names if f in cells and cells[f] is not None}
    if not given:
        return base
    fields = {f.name: getattr(base, f.name) for f in dataclass_fields(base)} if base is not None else {}
    fields.update(_read_fields(model, given, notes))
    return model(**fields)


def _read_fields(
    model: type[Profile] | type[Employer], cells: dict[str, Any], notes: list[CellNote]
) -> dict[str, Any]:
    """Each cell read on its own through the model's validators, so that one bad value costs only
    its own field; a value that cannot be read becomes a note."""
    read: dict[str, Any] = {}
    for name, value in cells.items():
        try:
            read[name] = getattr(model(**{name: value}), name)
        except InputError as exc:
            message = exc.detail
            shown = repr(value) if isinstance(value, str) else str(value)
            label = name.replace("_", " ")
            text = f"{label} {message}" if message.startswith(shown) else f"{label}: {message}"
            notes.append(CellNote(name, text))
    return read


#: Readers kept per TitleMap by :func:`shared_reader`, at most this many setups each.
_SHARED_READERS = 16
_Readers = dict[tuple[Hashable, ...], "RowReader"]
_shared: weakref.WeakKeyDictionary[TitleMap, _Readers] = weakref.WeakKeyDictionary()
_shared_lock = threading.Lock()


def shared_reader(titlemap: TitleMap, **setup: Any) -> RowReader:
    """A :class:`RowReader` for ``titlemap`` and ``setup`` (its keyword arguments), the same one
    for the same setup while ``titlemap`` lives, so that its memo of rows outlives one call.

    The pandas helpers read a frame through it, and Spark calls them once per batch of rows: a
    title seen in one batch is not read again in the next. A setup that cannot be hashed (an
    unhashable cell in it) gets a new reader each time. At most :data:`_SHARED_READERS` setups
    are kept per TitleMap; the oldest goes first.
    """
    try:
        setup_key: tuple[Hashable, ...] = tuple(sorted((k, _hashable(v)) for k, v in setup.items()))
        hash(setup_key)
    except TypeError:
        return RowReader(titlemap, **setup)
    with _shared_lock:
        readers = _shared.setdefault(titlemap, {})
        found = readers.get(setup_key)
    if found is not None:
        return found
    reader = RowReader(titlemap, **setup)  # raises for a bad setup before anything is kept
    with _shared_lock:
        if len(readers) >= _SHARED_READERS:
            del readers[next(iter(readers))]
        return readers.setdefault(setup_key, reader)


def _hashable(value: Any) -> Hashable:
    """``value`` as a key: lists and tuples as tuples (a fields list), the rest as is."""
    return tuple(value) if isinstance(value, list | tuple) else value
