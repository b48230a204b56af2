"""Draw ladders with matplotlib (extra ``[plot]``).

:func:`draw_ladder` draws one ladder: a box per rung, placed by spine level (up) and track
(across), with promotion arrows and lateral moves. :func:`draw_comparison` draws several markets and
companies side by side on the shared level spine, marks the rungs that read differently from the
first ladder's (and says how), and draws the crosswalk rules between them as numbered arrows,
with their key under the drawing. A company is drawn as it is, by the rungs it has (those with
its level codes, or its file defines) and their codes in the boxes (:mod:`titlemap.views`).

Every part of a drawing is an artist of the figure (the rules' key is a legend below the axes),
so a plain ``savefig``, ``savefig(bbox_inches="tight")`` and a notebook's inline display all
show it whole. Many ladders are drawn in panels stacked top to bottom, each the first ladder and
a few others, showing only what differs from the first, so that the figure stays readable in a
notebook cell.

Both functions return the matplotlib ``Axes`` (the first panel's); pass ``ax=`` to draw into an
existing one. Rung labels, headings and rule numbers are text artists of the axes.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

try:
    from matplotlib.lines import Line2D
except ImportError as exc:  # pragma: no cover - exercised by a test that hides matplotlib
    raise ImportError(
        "titlemap.plot needs matplotlib; install the extra with: pip install titlemap[plot]"
    ) from exc

from .core import TitleMap
from .ladder import Ladder
from .plot_shapes import arc_points, arrow, box, edge_ends, layout_by_track, route, stacked, wrap
from .records import Rule, Rung
from .spine import track_label
from .views import codes_text, company_rungs

__all__ = ["PER_PANEL", "compare", "draw_comparison", "draw_ladder"]

#: The most ladders :func:`draw_comparison` draws in one panel (the first ladder and the others).
PER_PANEL = 4
_PROMOTION = "#555555"
_LATERAL = "#8a8a8a"
_RULE = "#c0392b"
_RULE_CONDITIONAL = "#e67e22"
_GAP, _WIDTH = 2.5, 1.75  # between columns, and a box's width, in data units
_CJK_FONTS = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "Hiragino Sans",
    "Yu Gothic",
    "MS Gothic",
)


def _new_figure(width: float, height: float, panels: int = 1) -> list[Any]:
    import matplotlib.pyplot as plt

    _fig, axes = plt.subplots(
        panels, 1, figsize=(width, height * panels), layout="constrained", squeeze=False
    )
    return [row[0] for row in axes]


@cache
def _cjk_font() -> str | None:
    """An installed font that draws Japanese, if there is one (matplotlib's default does not)."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in _CJK_FONTS if name in names), None)


def _drawable(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text) or _cjk_font() is not None


def _label(ladder: Ladder, rung: Rung, width: int) -> str:
    """The text in a rung's box: its own title (a finer rank's, a company's), the local title
    and the canonical title in brackets when they differ, and the company's level code."""
    canonical = ladder.canonical_title(rung)
    title = rung.title
    local = rung.local_title
    if local and local != title and _drawable(local):
        title = f"{local} ({canonical})"
    code = codes_text(rung)
    return wrap(title, width) + (f"\n{code}" if code else "")


def _promotions(ladder: Ladder, ids: set[str]) -> dict[str, tuple[str, ...]]:
    return {s: tuple(d for d in ds if d in ids) for s, ds in ladder.promotion_map.items() if s in ids}


def draw_ladder(ladder: Ladder, ax: Any = None, *, titlemap: TitleMap | None = None) -> Any:
    """Draw one ladder: rung boxes by spine level (y) and track (x), with promotion arrows.

    Lateral moves are dashed double-headed arrows; boxes are coloured by track. A company ladder
    is drawn by the rungs it has, each with its level code (the rungs it inherits unchanged from
    its market, found in ``titlemap``, are left out). Returns the matplotlib ``Axes`` (a new
    figure when ``ax`` is None); ``ax.texts`` holds one label per rung drawn.
    """
    rungs = company_rungs(ladder, titlemap)
    by_id = {r.id: r for r in rungs}
    promotions = _promotions(ladder, set(by_id))
    pos, columns, slots = layout_by_track(rungs, promotions)
    low, high = min(r.level for r in rungs), max(r.level for r in rungs)
    if ax is None:
        ax = _new_figure(max(6.0, 2.1 * slots + 1.0), max(4.0, 0.72 * (high - low + 1) + 1.2))[0]
    boxes = {
        rid: box(ax, xy, (0.9, 0.62), by_id[rid], _label(ladder, by_id[rid], 18), 7)
        for rid, xy in pos.items()
    }
    ax.set_xlim(-0.6, slots - 0.4)
    ax.set_ylim(low - 0.6, high + 0.6)
    for src, targets in promotions.items():
        for dst in targets:
            others = [b for rid, b in boxes.items() if rid not in (src, dst)]
            arrow(
                ax,
                boxes[src],
                boxes[dst],
                color=_PROMOTION,
                rad=route(ax, boxes[src], boxes[dst], others),
                width=0.9,
            )
    laterals = [lat.between for lat in ladder.laterals if all(rid in boxes for rid in lat.between)]
    for a, b in laterals:
        others = [x for rid, x in boxes.items() if rid not in (a, b)]
        rad = route(ax, boxes[a], boxes[b], others)
        arrow(ax, boxes[a], boxes[b], color=_LATERAL, style="<|-|>", linestyle="--", rad=rad, width=0.9)
    _spine_axis(ax, low, high)
    ax.set_xticks([c for _, c in columns], [track_label(t) for t, _ in columns])
    ax.set_title(f"{ladder.name} ({ladder.id})")
    handles = []  # the key names only the lines drawn
    if any(promotions.values()):
        handles.append(Line2D([], [], color=_PROMOTION, marker=">", label="promotion"))
    if laterals:
        handles.append(Line2D([], [], color=_LATERAL, linestyle="--", label="lateral move"))
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=False)
    return ax


def _spine_axis(ax: Any, low: int, high: int) -> None:
    """Levels of the spine on the y axis (numbers, so they never read as a company's code)."""
    ax.set_yticks(range(low, high + 1), [str(n) for n in range(low, high + 1)])
    ax.set_ylabel("level", fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.grid(axis="y", color="#eeeeee", zorder=0)


# -- several ladders side by side -------------------------------------------------------------------------


_COMPARED = (
    ("level", "level"),
    ("track", "track"),
    ("manages_people", "people"),
    ("local_title", "local title"),
    ("stage_levels", "by stage"),
    ("sector_levels", "by sector"),
)


def _differences(reference: Ladder, ladder: Ladder, rung: Rung) -> list[str]:
    """How a rung reads differently from the reference ladder's rung of the same concept: its
    level, track, people management, local title, levels by stage or sector (scope texts are
    prose and not compared; a company's rung, whose title is its own, by its level and track);
    ``["not in <reference>"]`` when the reference has no such rung."""
    other = reference.counterpart(ladder.canonical_id(rung)) or reference.counterpart(rung.id)
    if other is None:
        return [f"not in {reference.id}"]
    compared = _COMPARED if ladder.kind != "company" else _COMPARED[:2]  # a company's titles are its own
    found = [name for field, name in compared if getattr(rung, field) != getattr(other, field)]
    if "level" in found:
        found[found.index("level")] = f"{reference.id} level {other.level}"
    return found


def _side_by_side(ladders: list[Ladder], rules: Sequence[Rule]) -> list[Ladder]:
    """The ladders in the order given, except that one joined to the first by a crosswalk rule
    comes right after it, so that rule arrows cross no other column."""
    order = list(ladders)
    ids = [lad.id for lad in order]
    for rule in rules:
        a, b = rule.from_.split(":")[0], rule.to.split(":")[0]
        if a in ids and b in ids and abs(ids.index(a) - ids.index(b)) > 1:
            moved = order.pop(ids.index(b))
            ids.remove(b)
            at = ids.index(a) + 1
            order.insert(at, moved)
            ids.insert(at, b)
    return order


def draw_comparison(
    markets: Sequence[str] | Iterable[str] = ("in", "us"),
    ax: Any = None,
    titlemap: TitleMap | None = None,
    *,
    per_panel: int = PER_PANEL,
    differences_only: bool | None = None,
) -> Any:
    """Draw markets' and companies' ladders side by side on the level spine, with the crosswalk
    rules between them.

    Each column is a ladder (a company by the rungs it has, with its codes); a rung sits at its
    spine level. A rung that reads differently from the first column's (another level, track,
    people management, local title, levels by stage or sector, or one the first lacks) has a red
    border and says how under its title. Crosswalk rules between two drawn ladders are arrows
    labelled with a number (solid red, dashed orange when they have conditions), listed with
    their ids and conditions in a key under the drawing.

    More than ``per_panel`` ladders (and no ``ax``) are drawn in panels, top to bottom, each the
    first ladder beside up to ``per_panel - 1`` others; ``differences_only`` (the default with
    panels) draws only the rungs of the other markets that differ from the first's (a company's
    rungs are all drawn: they are its own).

    Returns the matplotlib ``Axes`` of the first panel; ``ax.texts`` holds the rung labels,
    one heading per ladder and one number per rule arrow.

    Raises:
        UnknownMarketError: when a ladder is not loaded.
        ValueError: when no ladder is given, or ``per_panel`` is below 2.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    ladders = [tm.ladder(m) for m in markets]
    if not ladders:
        raise ValueError("draw_comparison needs at least one market, e.g. draw_comparison(['in', 'us'])")
    if per_panel < 2:
        raise ValueError("per_panel must be at least 2: the first ladder and one other")
    ladders = _side_by_side(ladders, tm.rules)
    if ax is not None or len(ladders) <= per_panel:
        groups = [ladders]
    else:  # the others shared evenly between as few panels as hold them
        rest = ladders[1:]
        panels = -(-len(rest) // (per_panel - 1))
        size = -(-len(rest) // panels)
        groups = [[ladders[0], *rest[i : i + size]] for i in range(0, len(rest), size)]
    only = differences_only if differences_only is not None else len(groups) > 1
    if ax is not None:
        axes = [ax]
    else:
        columns = max(len(g) for g in groups)
        per_level = 0.62 if only else 1.0
        axes = _new_figure(max(7.0, 2.6 * columns + 1.0), 13 * per_level + 3.4, len(groups))
    for panel, group in zip(axes, groups, strict=True):
        _draw_panel(panel, group, tm, only)
    return axes[0]


def _draw_panel(ax: Any, ladders: list[Ladder], tm: TitleMap, only: bool) -> None:
    """One panel of :func:`draw_comparison`: the columns, the rule arrows, the key and the axes."""
    reference = ladders[0]
    ruled = _ruled_rungs(ladders, tm.rules)
    drawn = [_column_rungs(lad, reference, tm, only and i > 0, ruled) for i, lad in enumerate(ladders)]
    levels = [r.level for rungs in drawn for r in rungs] or [0]
    low, high = min(levels), max(levels)
    ax.set_xlim(-1.1, (len(ladders) - 1) * _GAP + 1.1)
    ax.set_ylim(low - 0.7, high + 1.6)
    boxes: dict[str, Any] = {}
    differs = False  # whether a rung has the red border of one that reads differently
    for i, (lad, rungs) in enumerate(zip(ladders, drawn, strict=True)):
        column, marked = _column(ax, i, lad, rungs, reference if i else None)
        boxes.update(column)
        differs = differs or marked
        differences = only and i and lad.kind != "company"
        heading = f"{lad.name} ({lad.id})" + (f"\ndifferences from {reference.id}" if differences else "")
        ax.text(
            i * _GAP, high + 0.75, wrap(heading, 30), ha="center", va="bottom", fontsize=8, fontweight="bold"
        )
    listed = _rule_arrows(ax, boxes, tm.rules)
    _spine_axis(ax, low, high)
    ax.set_xticks([])
    names = ", ".join(lad.id for lad in ladders)
    ax.set_title(f"Ladders on the level spine: {names}", fontsize=10)
    _key(ax, reference.id if differs else None, listed, max(1, min(3, len(ladders) // 2)))


def _ruled_rungs(ladders: list[Ladder], rules: Sequence[Rule]) -> set[str]:
    """``ladder:rung`` of every rung a crosswalk rule between two of the ladders starts or ends at."""
    ids = {lad.id for lad in ladders}
    found: set[str] = set()
    for rule in rules:
        if rule.from_.split(":")[0] in ids and rule.to.split(":")[0] in ids:
            found.update((rule.from_, rule.to))
    return found


def _column_rungs(lad: Ladder, reference: Ladder, tm: TitleMap, only: bool, ruled: set[str]) -> list[Rung]:
    rungs = list(company_rungs(lad, tm))
    if only and lad.kind != "company":  # a market's rungs that differ from the first's, or that a rule joins
        rungs = [r for r in rungs if _differences(reference, lad, r) or f"{lad.id}:{r.id}" in ruled]
    return rungs


def _column(
    ax: Any, i: int, lad: Ladder, rungs: list[Rung], reference: Ladder | None
) -> tuple[dict[str, Any], bool]:
    """One ladder's column of boxes; a rung that differs from the reference's gets a red border
    and a line saying how. Returns the boxes and whether any rung differs."""
    x = i * _GAP
    heights = stacked(rungs)
    boxes: dict[str, Any] = {}
    marked = False
    for r in rungs:
        crowded = sum(1 for o in rungs if o.level == r.level)
        height = 0.86 / crowded - 0.05
        label = _label(lad, r, 34 if crowded > 1 else 28)
        why = _differences(reference, lad, r) if reference is not None else []
        if why:
            label += f"\n≠ {', '.join(why)}"
        patch = box(ax, (x, heights[r.id]), (_WIDTH, height), r, label, 6)
        if why:
            patch.set_edgecolor(_RULE)
            patch.set_linewidth(1.8)
            marked = True
        patch.set_gid(f"box:{lad.id}:{r.id}")
        boxes[f"{lad.id}:{r.id}"] = patch
    return boxes, marked


def _rule_arrows(ax: Any, boxes: dict[str, Any], rules: Sequence[Rule]) -> list[tuple[Rule, str]]:
    """An arrow, numbered, for each rule between two drawn rungs; returns the rules drawn and
    their colours, in number order.

    Each arrow leaves its from-rung's box and ends at its to-rung's box on the sides that face
    each other (the arrows at one side spread along it), so that no arrow seems to come from
    another box; between neighbouring columns it is straight, through the gap that holds no box.
    """
    drawn = [rule for rule in rules if rule.from_ in boxes and rule.to in boxes]
    ends = edge_ends(boxes, [(rule.from_, rule.to) for rule in drawn])
    listed: list[tuple[Rule, str]] = []
    labels: list[tuple[float, float]] = []  # where rule numbers went (display coordinates)
    for rule, (start, end) in zip(drawn, ends, strict=True):
        a, b = boxes[rule.from_], boxes[rule.to]
        color = _RULE_CONDITIONAL if rule.when.specificity > 0 else _RULE
        listed.append((rule, color))
        rad = 0.0  # neighbouring columns: straight through the gap between them
        if abs(start[0] - end[0]) > _GAP:  # farther apart: bent around the columns between
            others = [bx for key, bx in boxes.items() if key not in (rule.from_, rule.to)]
            rad = route(ax, a, b, others)
        patch = arrow(ax, a, b, color=color, linestyle="--" if color == _RULE_CONDITIONAL else "-",
            rad=rad, width=0.5 + rule.confidence, alpha=0.85, ends=(start, end))  # fmt: skip
        patch.set_gid(f"rule:{rule.id}")
        spot = _number_spot(arc_points(ax, start, end, rad), labels)
        labels.append(spot)
        x, y = ax.transData.inverted().transform(spot)
        bbox = {"boxstyle": "circle,pad=0.15", "fc": "white", "ec": color, "lw": 0.6}
        ax.text(
            x, y, str(len(listed)), fontsize=6, ha="center", va="center", color=color, bbox=bbox, zorder=4
        )
    return listed


def _number_spot(path: list[tuple[float, float]], taken: list[tuple[float, float]]) -> tuple[float, float]:
    """Where on an arrow's path (display points) its number goes: near the middle, clear of the
    numbers already placed (else as far from them as the path allows)."""
    spots = [path[i] for i in (9, 7, 11, 5, 13, 8, 10, 6, 12, 4, 14)]

    def room(p: tuple[float, float]) -> float:
        return min((max(abs(p[0] - q[0]), abs(p[1] - q[1])) for q in taken), default=1e9)

    clear = next((p for p in spots if room(p) > _NUMBER_ROOM), None)
    return clear if clear is not None else max(spots, key=room)


_NUMBER_ROOM = 14  # display points between two rule numbers' centres (a number's circle is ~11)


def _key(ax: Any, reference: str | None, listed: list[tuple[Rule, str]], columns: int) -> None:
    """The key under the drawing: what the lines and borders drawn mean (``reference`` is None
    when no rung has the red border), then each rule by the number on its arrow. It is the axes'
    legend, so that layouts, ``bbox_inches="tight"`` and notebooks keep it as part of the figure;
    a drawing with nothing to explain has none."""
    colors = {color for _, color in listed}
    handles = []
    if _RULE in colors:
        handles.append(Line2D([], [], color=_RULE, label="crosswalk rule"))
    if _RULE_CONDITIONAL in colors:
        handles.append(Line2D([], [], color=_RULE_CONDITIONAL, linestyle="--", label="rule with conditions"))
    if reference is not None:
        handles.append(
            Line2D([], [], color=_RULE, linewidth=2.5, label=f"reads differently from {reference}")
        )
    if not handles:
        return
    handles += [
        Line2D([], [], linestyle="none", marker=f"${n}$", markersize=4 + 2 * len(str(n)), color=color,
            label=f"{rule.id} ({rule.when.describe()})")
        for n, (rule, color) in enumerate(listed, start=1)
    ]  # fmt: skip
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.01),
        ncol=columns if listed else 3,
        fontsize=6,
        frameon=False,
        handlelength=1.6,
        handletextpad=0.5,
        columnspacing=1.2,
        alignment="left",
    )


def compare(
    markets: Sequence[str] | Iterable[str] = ("in", "us"),
    ax: Any = None,
    titlemap: TitleMap | None = None,
    *,
    per_panel: int = PER_PANEL,
    differences_only: bool | None = None,
) -> Any:
    """Deprecated name of :func:`draw_comparison` (``compare`` is the table of
    :func:`titlemap.compare`; the drawing is ``draw_comparison``, as ``draw_ladder``)."""
    warnings.warn(
        "titlemap.plot.compare() is deprecated; use titlemap.plot.draw_comparison()",
        DeprecationWarning,
        stacklevel=2,
    )
    return draw_comparison(markets, ax, titlemap, per_panel=per_panel, differences_only=differences_only)
