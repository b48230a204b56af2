"""A market cell as recruiters' files write it: ``Bengaluru, Karnataka, India``, ``Remote - US``.

ATS exports and LinkedIn scrapes name a place, not a market: a city with its region and country,
a US city with its state code, a work mode in brackets. :func:`read_market` reads a cell as
:meth:`TitleMap.locate` reads a place (the rules and the places are data: see
:mod:`titlemap.places`), keeping to product markets: a cell naming a job family
(``Engineering``) or a company is not a market, and a part naming one is passed over.

>>> from titlemap import TitleMap
>>> tm = TitleMap.default()
>>> [read_market(tm, cell) for cell in ("Bengaluru, Karnataka, India", "Austin, TX", "Remote - US")]
['in', 'us', 'us']
"""

from __future__ import annotations

import warnings

from .core import Located, TitleMap
from .errors import UnknownMarketError
from .places import MAX_PLACE_CHARS

__all__ = ["MAX_MARKET_CHARS", "find_market", "read_market"]

MAX_MARKET_CHARS = MAX_PLACE_CHARS
"""The longest market cell read in parts, in characters; a longer one is only looked up whole."""


def read_market(titlemap: TitleMap, cell: str) -> str:
    """The product market a cell names, whole or by one of its parts.

    Raises:
        UnknownMarketError: when neither the cell nor any part names a product market; its hint
            says when the cell names a job family or a company, else the closest markets.
    """
    return find_market(titlemap, cell).market


def find_market(titlemap: TitleMap, cell: str) -> Located:
    """What :func:`read_market` reads, with the note :meth:`TitleMap.locate` gives (a region
    read with its default ladder: "NA" is North America, read with ``us``; a state code two
    markets share).

    Raises:
        UnknownMarketError: as :func:`read_market`.
    """
    markets = frozenset(titlemap.markets())
    found = titlemap.places.find(cell, markets)
    if found is not None:
        return found
    other = titlemap.locate(cell)  # raises, naming a company or the closest markets
    if other.market in markets:
        return other
    raise UnknownMarketError(cell, sorted(markets), hint=f"{other.market!r} is a job family, not a market")


def __getattr__(name: str) -> frozenset[str]:
    """``US_STATES``, deprecated: the US subdivision codes, read from the ``us`` market file."""
    if name == "US_STATES":
        warnings.warn(
            "titlemap.market_cells.US_STATES is deprecated: subdivisions are data, see "
            "TitleMap.default().places.subdivisions('us')",
            DeprecationWarning,
            stacklevel=2,
        )
        return frozenset(TitleMap.default().places.subdivisions("us"))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
