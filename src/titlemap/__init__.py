"""titlemap: product-management career ladders per market, title normalization and mapping.

>>> import titlemap
>>> titlemap.normalize("Sr. PM - Payments (Bangalore)", market="in").title
'Senior Product Manager'
>>> titlemap.map_title("Product Owner", "us", "in").title
'Product Manager'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .core import DEFAULT_MARKET, TitleMap
from .employer import Employer, EmployerLike
from .errors import (
    InputError,
    LadderError,
    TitlemapError,
    UnknownFamilyError,
    UnknownMarketError,
    UnknownRungError,
)
from .extract import Extraction, PastRole
from .ladder import Ladder
from .match import Alternative, Match
from .reasons import Reason
from .records import Condition, Rule, Rung, Source

if TYPE_CHECKING:
    import pandas as pd

    from .level_table import LevelTable
    from .mapping import Mapping
    from .profile import Profile

# Imported on first use, so that `import titlemap` + `normalize` stays quick (PEP 562).
_LAZY = {"LevelTable": "level_table", "Mapping": "mapping", "Profile": "profile"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'titlemap' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "Alternative",
    "Condition",
    "Employer",
    "Extraction",
    "InputError",
    "Ladder",
    "LadderError",
    "LevelTable",
    "Mapping",
    "Match",
    "PastRole",
    "Profile",
    "Reason",
    "Rule",
    "Rung",
    "Source",
    "TitleMap",
    "TitlemapError",
    "UnknownFamilyError",
    "UnknownMarketError",
    "UnknownRungError",
    "companies",
    "compare",
    "equivalents",
    "extract",
    "ladder",
    "levels",
    "map_title",
    "markets",
    "normalize",
    "normalize_many",
    "reason",
]

__version__ = "0.1.0"


def markets() -> list[str]:
    """Ids of the bundled markets, e.g. ``['in', 'us']`` (company ladders are not markets)."""
    return TitleMap.default().markets()


def companies() -> list[str]:
    """Ids of the bundled company ladders, e.g. ``['google', 'meta', ...]``."""
    return TitleMap.default().companies()


def compare(a: str, b: str) -> pd.DataFrame:
    """Two bundled ladders side by side as a pandas DataFrame, one row per rung: each side's
    title, level, track, people management and context levels, what differs, and the crosswalk
    rules between them (see :meth:`TitleMap.compare`; extra ``[pandas]``)."""
    return TitleMap.default().compare(a, b)


def levels(*companies: str) -> LevelTable:
    """The cross-company level table of the bundled company ladders (or of ``companies``, ids or
    names, in the order given): one row per spine level, one column per company, each cell the
    company's codes and titles at that level with their source grade; pandas-free.

    >>> levels("google", "meta")[5]["meta"][0].label()
    'IC6 Product Manager (C)'

    Raises:
        UnknownMarketError: for a name that is no bundled company.
    """
    from .level_table import level_table

    return level_table(TitleMap.default(), companies)


def ladder(market: str) -> Ladder:
    """A bundled ladder by market id, ISO code or country name, or by company (case-insensitive)."""
    return TitleMap.default().ladder(market)


def normalize(
    title: str,
    market: str = DEFAULT_MARKET,
    *,
    employer: EmployerLike = None,
    family: str = "product",
) -> Match | None:
    """Read a job title as a rung of a bundled market's ladder (see :meth:`TitleMap.normalize`)."""
    return TitleMap.default().normalize(title, market, employer=employer, family=family)


def normalize_many(
    titles: Iterable[str],
    market: str = DEFAULT_MARKET,
    *,
    employer: EmployerLike = None,
    family: str = "product",
) -> Iterator[Match | None]:
    """Normalize many titles lazily, in order, memoized (see :meth:`TitleMap.normalize_many`)."""
    return TitleMap.default().normalize_many(titles, market, employer=employer, family=family)


def map_title(
    title: str,
    source: str,
    target: str,
    profile: Profile | None = None,
    *,
    source_employer: EmployerLike = None,
    target_employer: EmployerLike = None,
) -> Mapping | None:
    """Translate a title between markets for a profile (see :meth:`TitleMap.map_title`)."""
    return TitleMap.default().map_title(
        title, source, target, profile, source_employer=source_employer, target_employer=target_employer
    )


def equivalents(title: str, market: str, profile: Profile | None = None) -> dict[str, Mapping]:
    """A title's equivalents in every other bundled market (see :meth:`TitleMap.equivalents`)."""
    return TitleMap.default().equivalents(title, market, profile)


def extract(text: str, market: str = DEFAULT_MARKET, *, employer: EmployerLike = None) -> Extraction:
    """Read a free text (a headline, a résumé line, a job posting's headline) with the bundled
    ladders: the current role, its employer, past roles and a place (see :meth:`TitleMap.extract`).

    >>> extract("Group Product Manager at Meesho. Previously Amazon.").employer
    'meesho'
    """
    return TitleMap.default().extract(text, market, employer=employer)


def reason(
    title: object,
    market: str = DEFAULT_MARKET,
    *,
    employer: EmployerLike = None,
    family: str = "product",
) -> Reason | None:
    """Why :func:`normalize` does not read a title (None when it does): ``blank``, ``too-long``,
    ``ambiguous`` or ``not-product``, with a hint (see :meth:`TitleMap.reason`).

    >>> str(reason("Product Designer"))
    'not-product: design'
    """
    return TitleMap.default().reason(title, market, employer=employer, family=family)
