"""titlemap.plot: draw_ladder, Ladder.plot and draw_comparison, rendered with the Agg backend."""

from __future__ import annotations

import importlib
import re
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
from titlemap.plot import PER_PANEL, _cjk_font, compare, draw_comparison, draw_ladder  # noqa: E402


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
    labels = {t.get_gid(): t.get_text().replace("\n", " ").replace(" ", "") for t in ax.texts}
    for r in ladder.rungs:  # its title, or its local title with the canonical one in brackets
        latin = r.local_title is not None and all(ord(c) < 0x250 for c in r.local_title)
        shown = r.local_title if r.local_title and (latin or _cjk_font()) else r.title
        assert labels[f"rung:{r.id}"].startswith(shown.replace(" ", "")), (r.id, labels[f"rung:{r.id}"])
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
    ax = draw_comparison(["in", "us"])
    rungs = sum(len(lad.rungs) for lad in ladders)
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(boxes) == rungs
    assert len(arrows) == len(tm.rules)  # every in-us rule, numbered
    numbers = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert numbers == [str(i) for i in range(1, len(tm.rules) + 1)]
    key = [t.get_text() for t in ax.get_legend().get_texts()]
    assert key[:3] == ["crosswalk rule", "rule with conditions", "reads differently from in"]
    assert [k.split(" ")[0] for k in key[3:]] == [rule.id for rule in tm.rules]  # in number order
    assert any("(in)" in t.get_text() for t in ax.texts)
    assert any("(us)" in t.get_text().replace("\n", " ") for t in ax.texts)
    red = [b for b in boxes if b.get_linewidth() > 1.5]
    assert red and len(red) < rungs / 3  # differences highlighted, not everything
    assert all("≠" in t.get_text() for t in ax.texts if t.get_gid() and "≠" in t.get_text())
    assert not _overlaps(ax)
    assert not _crossings(ax)
    _save(ax, tmp_path / "compare.png")


def _inside(inner: Any, outer: Any) -> bool:
    return bool(inner.x0 >= outer.x0 - 1e-6 and inner.y0 >= outer.y0 - 1e-6 and inner.x1 <= outer.x1 + 1e-6
        and inner.y1 <= outer.y1 + 1e-6)  # fmt: skip


@pytest.mark.parametrize("tight", [False, True], ids=["plain", "bbox-tight"])
def test_the_rules_key_is_part_of_the_figure(tmp_path: Path, tight: bool) -> None:
    """The key is inside what savefig writes, plain or with bbox_inches="tight" (as the notebook's
    inline backend saves), and inside the figure when drawn into given axes."""
    ax = draw_comparison(["in", "us"])
    fig = ax.figure
    fig.savefig(tmp_path / "key.png", bbox_inches="tight" if tight else None)
    fig.canvas.draw()  # measured at the figure's own dpi
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted())
    written = fig.get_tightbbox(renderer) if tight else fig.bbox_inches
    assert _inside(legend, written)
    assert len(ax.get_legend().get_texts()) == 3 + len(titlemap.TitleMap.default().rules)
    given, gax = plt.subplots(figsize=(8, 12), layout="constrained")
    draw_comparison(["in", "us"], ax=gax)
    given.canvas.draw()
    box = gax.get_legend().get_window_extent(given.canvas.get_renderer())
    assert _inside(box.transformed(given.dpi_scale_trans.inverted()), given.bbox_inches)


def test_many_markets_are_drawn_in_panels_that_fit_a_notebook(tmp_path: Path) -> None:
    markets = ["us", *[m for m in titlemap.markets() if m != "us"]]
    ax = draw_comparison(markets)
    fig = ax.figure
    assert fig.get_figwidth() <= 12  # a notebook cell shows it at about full size
    panels = fig.axes
    assert len(panels) == -(-(len(markets) - 1) // (PER_PANEL - 1))  # us beside up to PER_PANEL - 1
    heading = re.compile(r"\((\w+)\)(?: differences from us)?$")
    drawn = [
        found.group(1)
        for panel in panels
        for t in panel.texts
        if (found := heading.search(t.get_text().replace("\n", " "))) is not None
    ]
    assert drawn[:2] == ["us", "in"]  # ladders joined by rules sit side by side
    assert sorted(set(drawn)) == sorted(markets) and drawn.count("us") == len(panels)  # us heads each
    first = panels[0]
    in_boxes = [t for t in first.texts if (t.get_gid() or "").startswith("rung:") and t.get_position()[0] > 1]
    assert 0 < len(in_boxes) < len(titlemap.ladder("in").rungs) + 5  # differences only, and rule ends
    for panel in panels:
        assert not _overlaps(panel)
        assert not _crossings(panel)
    _save(ax, tmp_path / "twelve.png")
    every = draw_comparison(markets[:3], differences_only=False, per_panel=2)
    assert len(every.figure.axes) == 2


def test_companies_are_drawn_by_their_own_rungs_and_codes(tmp_path: Path) -> None:
    ax = draw_comparison(["us", "google", "amazon"])
    columns: dict[float, list[str]] = {}
    for t in ax.texts:
        if (t.get_gid() or "").startswith("rung:"):
            columns.setdefault(t.get_position()[0], []).append(t.get_text().replace("\n", " "))
    us, google, amazon = (columns[x] for x in sorted(columns))
    assert any("Product Owner" in label for label in us)
    assert not any("Product Owner" in label for label in google + amazon)  # not rungs they have
    for company, labels in (("google", google), ("amazon", amazon)):  # title, then the company's code
        for r in titlemap.ladder(company).rungs:
            assert any(label.startswith(f"{r.title} {r.codes[0]}") for label in labels), (company, r.id)
    _save(ax, tmp_path / "companies.png")
    one = draw_ladder(titlemap.ladder("google"))
    labels = _labels(one)
    assert "Product Manager L4" in labels and not any("Owner" in label for label in labels)


def test_compare_errors() -> None:
    with pytest.raises(titlemap.UnknownMarketError):
        draw_comparison(["in", "mars"])
    with pytest.raises(ValueError, match="at least one market"):
        draw_comparison([])
    with pytest.raises(ValueError, match="per_panel"):
        draw_comparison(["in", "us"], per_panel=1)


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "titlemap.plot")
    with pytest.raises(ImportError, match=r"pip install titlemap\[plot\]"):
        importlib.import_module("titlemap.plot")


def test_compare_is_the_deprecated_name_of_draw_comparison() -> None:
    with pytest.warns(DeprecationWarning, match="draw_comparison"):
        old = [t.get_text() for t in compare(["in", "us"]).texts]
    new = [t.get_text() for t in draw_comparison(["in", "us"]).texts]
    assert old == new and "Product Manager" in new
    plt.close("all")
