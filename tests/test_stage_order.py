"""Senior titles keep their order at every company stage and employer sector (issue 17, item 3).

A startup deflates its senior titles and a bank reads its VP ranks as corporate grades, but no
context may make a title outrank one above it: an early-stage SVP never reads below the
early-stage VP. Every market ladder is checked at every stage and sector (and with either
unknown), through :func:`titlemap.context.read_level`.
"""

from __future__ import annotations

import itertools

import pytest

import titlemap
from titlemap.context import read_level
from titlemap.records import SECTORS, STAGES

DIRECTOR = "director-of-product"
SENIOR_DIRECTOR = "senior-director-of-product"
HEAD = "head-of-product"
AVP = "associate-vice-president-of-product"
VP = "vice-president-of-product"
SVP = "senior-vice-president-of-product"
EVP = "executive-vice-president-of-product"
CPO = "chief-product-officer"

#: (lower, higher): the lower title never reads above the higher one. Head of Product sits in the
#: Director-VP band; AVP below VP.
ABOVE = (
    (DIRECTOR, SENIOR_DIRECTOR),
    (SENIOR_DIRECTOR, VP),
    (VP, SVP),
    (SVP, EVP),
    (EVP, CPO),
    (AVP, VP),
    (DIRECTOR, HEAD),
    (HEAD, VP),
)

#: In a bank AVP, VP, SVP and EVP are corporate ranks below Director (analyst, associate, VP,
#: director or executive director, MD: us.yaml's efc-jpm-ed-2007), so there only each group's own
#: order and the CPO above all hold.
BANK_RANKS = frozenset({AVP, VP, SVP, EVP})
PEOPLE_LEADERS = frozenset({DIRECTOR, SENIOR_DIRECTOR, HEAD})
RANK_SECTORS = frozenset({"banking"})


def _closure(pairs: tuple[tuple[str, str], ...]) -> set[tuple[str, str]]:
    order = set(pairs)
    while True:
        more = {(a, d) for (a, b), (c, d) in itertools.product(order, repeat=2) if b == c} - order
        if not more:
            return order
        order |= more


ORDER = _closure(ABOVE)


def _holds_in(sector: str | None, low: str, high: str) -> bool:
    crosses = {low, high} & BANK_RANKS and {low, high} & PEOPLE_LEADERS
    return not (sector in RANK_SECTORS and crosses)


@pytest.mark.parametrize("market", titlemap.markets())
def test_no_senior_title_outranks_a_title_above_it(market: str) -> None:
    ladder = titlemap.ladder(market)
    senior = {r.id: r for r in ladder.rungs if r.id in {x for pair in ABOVE for x in pair}}
    inversions = []
    for sector, stage in itertools.product([None, *SECTORS], [None, *STAGES]):
        level = {rid: read_level(r, sector, stage).level for rid, r in senior.items()}
        inversions.extend(
            f"{low} {level[low]} > {high} {level[high]} (sector {sector}, stage {stage})"
            for low, high in sorted(ORDER)
            if low in level and high in level and level[low] > level[high] and _holds_in(sector, low, high)
        )
    assert not inversions, f"{market}: " + "; ".join(inversions)


def test_a_sector_and_a_stage_together_keep_the_lower_reading() -> None:
    # an IT-services AVP (a corporate grade) at an early-stage company is deflated like any
    # startup's: both readings are named and the lower holds
    for market in titlemap.markets():
        for rung in titlemap.ladder(market).rungs:
            for sector, stage in itertools.product(rung.sector_levels, rung.stage_levels):
                both = read_level(rung, sector, stage)
                alone = (read_level(rung, sector, None).level, read_level(rung, None, stage).level)
                assert both.level == min(alone), (market, rung.id, sector, stage)
                assert len(both.notes) >= 2
