"""Ladder: resolving canonical rung ids, finer ranks, lookups (on small fake ladders)."""

from __future__ import annotations

import pytest

import titlemap
from titlemap import TitleMap
from titlemap.canonical import CANONICAL_RUNGS

FINER = """
schema_version: 1
id: fine
name: A ladder with finer ranks
description: Finer ranks read as canonical rungs with levels of their own.
sources:
  - {id: s, title: Test source, url: "https://example.com/s"}
rungs:
  - {id: product-manager, title: Product Manager, level: 2, track: ic, manages_people: false,
     scope: PM., sources: [s]}
  - {id: staff-product-manager, title: Staff Product Manager, level: 5, track: ic, manages_people: false,
     scope: Staff., sources: [s]}
  - {id: senior-staff-product-manager, canonical: staff-product-manager, title: Senior Staff Product Manager,
     aliases: [Senior Staff PM], level: 6, track: ic, manages_people: false, scope: Senior staff.,
     sources: [s]}
  - {id: head-of-product, title: Head of Product, level: 8, track: manager, manages_people: true,
     scope: Head., sources: [s]}
"""


@pytest.fixture
def fine(tmp_path) -> TitleMap:  # type: ignore[no-untyped-def]
    path = tmp_path / "fine.yaml"
    path.write_text(FINER, encoding="utf-8")
    return TitleMap.from_paths([path], include_bundled=False)


def test_resolve_exact_id_then_canonical_then_nearest(fine: TitleMap) -> None:
    lad = fine.ladder("fine")
    assert lad.resolve("product-manager").id == "product-manager"  # type: ignore[union-attr]
    # no rung with that id: the nearest on the same track to its default place (level 3, ic)
    assert lad.resolve("senior-product-manager").id == "product-manager"  # type: ignore[union-attr]
    # manager track: only Head of Product is there
    assert lad.resolve("group-product-manager").id == "head-of-product"  # type: ignore[union-attr]
    # an explicit level and track override the default place
    assert lad.resolve("senior-product-manager", 5, "ic").id == "staff-product-manager"  # type: ignore[union-attr]
    assert lad.resolve("no-such-rung") is None


def test_finer_rank_reads_as_its_canonical_rung_with_its_own_level(fine: TitleMap) -> None:
    m = fine.normalize("Senior Staff PM", "fine")
    assert m is not None
    assert (m.title, m.canonical_title, m.rung.id, m.level) == (
        "Senior Staff Product Manager",
        "Staff Product Manager",
        "senior-staff-product-manager",
        6,
    )
    lad = fine.ladder("fine")
    assert lad.canonical_id(m.rung) == "staff-product-manager"
    assert lad.canonical_title(m.rung) == "Staff Product Manager"


def test_counterpart_prefers_the_exact_id_and_finds_finer_rungs(fine: TitleMap, tmp_path) -> None:  # type: ignore[no-untyped-def]
    lad = fine.ladder("fine")
    assert lad.counterpart("staff-product-manager").id == "staff-product-manager"  # type: ignore[union-attr]
    text = FINER.replace(
        "  - {id: staff-product-manager, title: Staff Product Manager, level: 5, track: ic, "
        "manages_people: false,\n     scope: Staff., sources: [s]}\n",
        "",
    )
    path = tmp_path / "only-finer.yaml"
    path.write_text(text.replace("id: fine", "id: finer"), encoding="utf-8")
    only = TitleMap.from_paths([path], include_bundled=False).ladder("finer")
    assert only.counterpart("staff-product-manager").id == "senior-staff-product-manager"  # type: ignore[union-attr]
    assert only.counterpart("principal-product-manager") is None


def test_bundled_market_rungs_use_canonical_ids_and_titles(market: str) -> None:
    lad = titlemap.ladder(market)
    for rung in lad.rungs:
        if rung.canonical is None:
            assert rung.id in CANONICAL_RUNGS, f"{market}: {rung.id} is not a canonical id"
            assert rung.title == CANONICAL_RUNGS[rung.id].title
        else:
            assert lad.canonical_title(rung) == CANONICAL_RUNGS[rung.canonical].title
