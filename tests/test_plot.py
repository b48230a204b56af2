"""titlemap.plot: draw_ladder, Ladder.plot and compare, rendered with the Agg backend."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

import titlemap  # noqa: E402
from titlemap.plot import compare, draw_ladder  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _labels(ax: Any) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in ax.texts]


def _save(ax: Any, path: Path) -> None:
    ax.figure.savefig(path, dpi=60)
    assert path.stat().st_size > 5_000
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _overlaps(ax: Any) -> list[tuple[str, str]]:
    """Pairs of rung labels whose rendered extents overlap."""
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
    return [(a, b) for i, (a, ea) in enumerate(boxes) for b, eb in boxes[i + 1 :] if ea.overlaps(eb)]


def test_draw_ladder_one_label_per_rung(market: str, tmp_path: Path) -> None:
    ladder = titlemap.ladder(market)
    ax = draw_ladder(ladder)
    assert len(ax.texts) == len(ladder.rungs)
    assert {label.replace(" ", "") for label in _labels(ax)} == {
        r.title.replace(" ", "") for r in ladder.rungs
    }
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(boxes) == len(ladder.rungs)
    promotions = sum(len(v) for v in ladder.promotion_map.values())
    assert len(arrows) == promotions + len(ladder.laterals)
    assert ladder.name in ax.get_title()
    assert not _overlaps(ax)
    _save(ax, tmp_path / f"{market}.png")


def test_rungs_sit_at_their_level() -> None:
    ladder = titlemap.ladder("in")
    ax = draw_ladder(ladder)
    by_title = {r.title: r for r in ladder.rungs}
    for text in ax.texts:
        rung = by_title[text.get_text().replace("\n", " ")]
        assert text.get_position()[1] == pytest.approx(rung.level)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["individual contributor", "manager", "executive"]


def test_ladder_plot_uses_given_axes(tmp_path: Path) -> None:
    fig, ax = plt.subplots()
    ladder = titlemap.ladder("us")
    assert draw_ladder(ladder, ax=ax) is ax
    assert len(ax.texts) == len(ladder.rungs)
    _save(ax, tmp_path / "given.png")
    del fig


def test_engineering_family_ladder_draws(tmp_path: Path) -> None:
    ladder = titlemap.ladder("engineering")
    ax = draw_ladder(ladder)
    assert len(ax.texts) == len(ladder.rungs)
    _save(ax, tmp_path / "engineering.png")


def test_ladder_plot_is_deprecated_and_still_draws() -> None:
    ladder = titlemap.ladder("in")
    with pytest.warns(DeprecationWarning, match="draw_ladder"):
        ax = ladder.plot()
    assert len(ax.texts) == len(ladder.rungs)


def _crossings(ax: Any) -> list[tuple[str, str]]:
    """(arrow end, box) pairs where an arrow's drawn path passes through a box it does not join."""
    ax.figure.canvas.draw()
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    out = []
    for arrow in (p for p in ax.patches if isinstance(p, FancyArrowPatch)):
        points = [pt for poly in arrow.get_path().to_polygons() for pt in poly]
        for box in boxes:
            if box is arrow.patchA or box is arrow.patchB:
                continue
            x0, y0, w, h = box.get_x(), box.get_y(), box.get_width(), box.get_height()
            inside = [
                p for p in points if x0 + 0.02 < p[0] < x0 + w - 0.02 and y0 + 0.02 < p[1] < y0 + h - 0.02
            ]
            if inside:
                out.append((str(arrow.patchA), str(box)))
    return out


def test_ladder_arrows_stay_clear_of_other_boxes(market: str) -> None:
    ax = draw_ladder(titlemap.ladder(market))
    assert not _crossings(ax)


def test_compare_labels_and_edges(tmp_path: Path) -> None:
    tm = titlemap.TitleMap.default()
    ladders = [tm.ladder("in"), tm.ladder("us")]
    ax = compare(["in", "us"])
    rungs = sum(len(lad.rungs) for lad in ladders)
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(boxes) == rungs
    assert len(arrows) == len(tm.rules)  # every in-us rule, numbered
    numbers = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert numbers == [str(i) for i in range(1, len(tm.rules) + 1)]
    listing = "\n".join(t.get_text() for t in ax.figure.texts)
    assert all(rule.id in listing for rule in tm.rules)
    assert any("(in)" in t.get_text() for t in ax.texts)
    assert any("(us)" in t.get_text().replace("\n", " ") for t in ax.texts)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["crosswalk rule", "rule with conditions", "reads differently from in"]
    red = [b for b in boxes if b.get_linewidth() > 1.5]
    assert red and len(red) < rungs / 2  # differences highlighted, not everything
    assert not _overlaps(ax)
    assert not _crossings(ax)
    _save(ax, tmp_path / "compare.png")


def test_compare_twelve_markets_is_readable(tmp_path: Path) -> None:
    markets = ["us", *[m for m in titlemap.markets() if m != "us"]]
    ax = compare(markets)
    headings = [
        t.get_text().replace("\n", " ") for t in ax.texts if t.get_text().replace("\n", " ").endswith(")")
    ]
    order = [h.rsplit("(", 1)[1].rstrip(")") for h in headings if "(" in h and len(h.rsplit("(", 1)[1]) <= 4]
    assert order[:2] == ["us", "in"]  # ladders joined by rules sit side by side
    assert not _overlaps(ax)
    assert not _crossings(ax)
    _save(ax, tmp_path / "twelve.png")


def test_compare_accepts_country_names_and_axes(tmp_path: Path) -> None:
    fig, ax = plt.subplots(figsize=(8, 10))
    assert compare(["India", "US"], ax=ax) is ax
    one = compare(["us"])
    assert len(one.texts) == len(titlemap.ladder("us").rungs) + 1  # rungs and one heading
    _save(ax, tmp_path / "names.png")
    del fig


def test_compare_errors() -> None:
    with pytest.raises(titlemap.UnknownMarketError):
        compare(["in", "mars"])
    with pytest.raises(ValueError, match="at least one market"):
        compare([])


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "titlemap.plot")
    with pytest.raises(ImportError, match=r"pip install titlemap\[plot\]"):
        importlib.import_module("titlemap.plot")
