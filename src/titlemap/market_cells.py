"""A market cell as recruiters' files write it: ``Bengaluru, Karnataka, India``, ``Remote - US``.

ATS exports and LinkedIn scrapes name a place, not a market: a city with its region and country,
a US city with its state code, a work mode in brackets. :func:`read_market` reads the whole cell
first (an id, ISO code, country, region or city that a ladder lists), then its parts: brackets
set aside (``Mumbai (Hybrid)``), then each part between commas, dashes, bars or slashes, left to
right, the first a market lists winning. A two-letter part after a comma that is a US state code
(``Seattle, WA``, ``Wilmington, DE``) is the US, as in US addresses. Only product markets count:
a cell naming a job family (``Engineering``) or a company is not a market.

>>> from titlemap import TitleMap
>>> tm = TitleMap.default()
>>> [read_market(tm, cell) for cell in ("Bengaluru, Karnataka, India", "Austin, TX", "Remote - US")]
['in', 'us', 'us']
"""

from __future__ import annotations

import re

from .core import Located, TitleMap
from .errors import UnknownMarketError

__all__ = ["MAX_MARKET_CHARS", "US_STATES", "find_market", "read_market"]

MAX_MARKET_CHARS = 200
"""The longest market cell read in parts, in characters; a longer one is only looked up whole."""

#: The two-letter codes of US states and territories, as in "Seattle, WA".
US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "PR",
    ]
)
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_PARTS = re.compile(r"\s*(?:,|\||/|;|\s[-–—]\s)\s*")
_WORK_MODES = frozenset({"remote", "hybrid", "onsite", "on-site", "on site", "wfh", "office"})


def read_market(titlemap: TitleMap, cell: str) -> str:
    """The product market a cell names, whole or by one of its parts.

    Raises:
        UnknownMarketError: when neither the cell nor any part names a product market; its hint
            says when the cell names a job family or a company, else the closest markets.
    """
    return find_market(titlemap, cell).market


def find_market(titlemap: TitleMap, cell: str) -> Located:
    """What :func:`read_market` reads, with the note :meth:`TitleMap.locate` gives (a region
    read with its default ladder: "NA" is North America, read with ``us``).

    Raises:
        UnknownMarketError: as :func:`read_market`.
    """
    markets = frozenset(titlemap.markets())
    state = _state_code(titlemap, cell, markets)
    if state is not None:
        return Located(state)
    try:
        located = titlemap.locate(cell)
        whole = located.market
    except UnknownMarketError as exc:
        refusal = exc
    else:
        if whole in markets:
            return located
        refusal = UnknownMarketError(cell, sorted(markets), hint=f"{whole!r} is a job family, not a market")
    if len(cell) <= MAX_MARKET_CHARS:
        found = _from_parts(titlemap, cell, markets)
        if found is not None:
            return Located(found)
    raise refusal


def _state_code(titlemap: TitleMap, cell: str, markets: frozenset[str]) -> str | None:
    """``us`` for "City, ST" with a US state code after the comma and a city no market lists
    ("Wilmington, DE"); a listed city keeps its market ("Berlin, DE" is Germany)."""
    head, comma, code = cell.rpartition(",")
    code = code.strip()
    if not comma or code not in US_STATES or "us" not in markets:
        return None
    for piece in _PARTS.split(head):
        found = titlemap.find_place(piece) if piece.strip() else None
        if found is not None and found.market in markets:
            return found.market
    return "us"


def _from_parts(titlemap: TitleMap, cell: str, markets: frozenset[str]) -> str | None:
    text = " ".join(_BRACKETS.sub(" ", cell).split())
    pieces = [p for p in _PARTS.split(text) if p]
    if text != cell.strip() and len(pieces) == 1:  # "Mumbai (Hybrid)": the cell without its brackets
        return _lookup(titlemap, pieces[0], markets)
    if len(pieces) < 2:
        return None
    after_comma = {p.strip() for p in re.split(r",", text)[1:]}
    for piece in pieces:
        if piece.casefold() in _WORK_MODES:
            continue
        if piece in US_STATES and piece in after_comma:  # "Seattle, WA": a US state code
            return "us" if "us" in markets else None
        found = _lookup(titlemap, piece, markets)
        if found is not None:
            return found
    return None


def _lookup(titlemap: TitleMap, piece: str, markets: frozenset[str]) -> str | None:
    try:
        found = titlemap.market_id(piece)
    except UnknownMarketError:
        return None
    return found if found in markets else None
