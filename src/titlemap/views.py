"""What the front doors show of a ladder: a company's own rungs, and their level codes.

A company ladder extends its market's: it holds the market's rungs beside the company's own. The
command line (``titlemap show``, ``titlemap compare``) and the drawings (:mod:`titlemap.plot`)
show a company as Levels.fyi does, by the rungs it has and their codes: :func:`company_rungs`
gives them, :func:`codes_text` the codes as one label.

>>> import titlemap
>>> [codes_text(r) for r in company_rungs(titlemap.ladder("google"), titlemap.TitleMap.default())][:3]
['L3', 'L4', 'L5']
"""

from __future__ import annotations

from .core import TitleMap
from .errors import UnknownMarketError
from .ladder import Ladder
from .records import Rung

__all__ = ["codes_text", "company_rungs"]


def company_rungs(ladder: Ladder, titlemap: TitleMap | None = None) -> tuple[Rung, ...]:
    """The rungs a ladder has as its own, lowest level first.

    For a market, every rung. For a company, the rungs with the company's level codes and the
    rungs its own file defines or changes; the rungs it inherits unchanged from its market are
    left out (a Google ladder has no Product Owner). A company ladder whose parent is not loaded
    in ``titlemap`` (the bundled ladders by default) keeps its coded rungs, or every rung.
    """
    if ladder.kind != "company":
        return ladder.rungs
    parent = _parent(ladder, titlemap)
    inherited = {r.id: r for r in parent.rungs} if parent is not None else {}
    own = tuple(r for r in ladder.rungs if r.codes or (parent is not None and inherited.get(r.id) != r))
    return own or ladder.rungs


def codes_text(rung: Rung) -> str:
    """A rung's level codes as one label (``"L6"``, ``"65/66/67"``); ``""`` without codes."""
    codes: dict[str, str] = {}
    for code in rung.codes:
        codes.setdefault(code.casefold(), code)  # L5a and L5A are one code, shown as written first
    return "/".join(codes.values())


def _parent(ladder: Ladder, titlemap: TitleMap | None) -> Ladder | None:
    if ladder.extends is None:
        return None
    tm = titlemap if titlemap is not None else TitleMap.default()
    try:
        return tm.ladder(ladder.extends)
    except UnknownMarketError:
        return None
