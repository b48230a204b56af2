"""Draw ladders with matplotlib (extra ``[plot]``).

:func:`draw_ladder` draws one ladder: a box per rung, placed by spine level (up) and track
(across), with promotion arrows and lateral moves. :func:`compare` draws several markets (and
companies) side by side on the shared level spine, marks the rungs that read differently, and
draws the crosswalk rules between them, numbered and listed. Arrows are routed clear of boxes.

Both return the matplotlib ``Axes``; pass ``ax=`` to draw into an existing one. Rung labels,
headings and rule numbers are text artists; arrows are patches and edge kinds are explained in
the legend.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

try:
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
except ImportError as exc:  # pragma: no cover - exercised by a test that hides matplotlib
    raise ImportError(
        "titlemap.plot needs matplotlib; install the extra with: pip install titlemap[plot]"
    ) from exc

from .core import TitleMap
from .ladder import Ladder
from .records import Rule, Rung
from .spine import TRACKS, track_label

__all__ = ["compare", "draw_ladder"]

_TRACK_COLORS = {"ic": "#dbe9f6", "manager": "#fde3c8", "executive": "#e4dcf1"}
_EDGE = "#4a4a4a"
_PROMOTION = "#555555"
_LATERAL = "#8a8a8a"
_RULE = "#c0392b"
_RULE_CONDITIONAL = "#e67e22"


def _new_axes(width: float, height: float) -> Any:
    import matplotlib.pyplot as plt

    _fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def _wrap(title: str, width: int) -> str:
    return "\n".join(textwrap.wrap(title, width=width, break_long_words=False)) or title


def _box(ax: Any, x: float, y: float, w: float, h: float, rung: Rung, wrap: int, fontsize: float) -> Any:
    """Draw one rung as a rounded box with its title; returns the box patch (arrows clip to it)."""
    patch = FancyBboxPatch(
        (x - w / 2, y - h / 2),
        w,
        h,
        boxstyle="round,pad=0,rounding_size=0.06",
        facecolor=_TRACK_COLORS.get(rung.track, "#eeeeee"),
        edgecolor=_EDGE,
        linewidth=0.8,
        zorder=3,
    )
    ax.add_patch(patch)
    ax.text(
        x,
        y,
        _wrap(rung.title, wrap),
        ha="center",
        va="center",
        fontsize=fontsize,
        zorder=4,
        linespacing=1.05,
        gid=f"rung:{rung.id}",
    )
    return patch


def _arrow(
    ax: Any,
    a: Any,
    b: Any,
    *,
    color: str,
    style: str = "-|>",
    rad: float = 0.0,
    linestyle: str = "-",
    width: float = 1.0,
    alpha: float = 1.0,
    zorder: int = 2,
) -> Any:
    """An arrow from box ``a`` to box ``b``, clipped to both boxes; returns the arrow patch."""
    ca, cb = _center(a), _center(b)
    arrow = FancyArrowPatch(
        ca,
        cb,
        patchA=a,
        patchB=b,
        arrowstyle=style,
        mutation_scale=9,
        connectionstyle=f"arc3,rad={rad}",
        color=color,
        linestyle=linestyle,
        linewidth=width,
        alpha=alpha,
        shrinkA=1,
        shrinkB=1,
        zorder=zorder,
    )
    ax.add_patch(arrow)
    return arrow


# Bends tried for an arrow, straightest first: the first whose path stays clear of every other
# box is used ("arc3" bends the straight line by rad times its length, sideways).
_BENDS = (0.0, 0.15, -0.15, 0.3, -0.3, 0.45, -0.45, 0.6, -0.6, 0.8, -0.8)


def _arc_points(
    ax: Any, a: tuple[float, float], b: tuple[float, float], rad: float
) -> list[tuple[float, float]]:
    """Points along matplotlib's arc3 path from ``a`` to ``b`` (display coordinates)."""
    (x1, y1), (x2, y2) = ax.transData.transform([a, b])
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    out = []
    for i in range(1, 20):
        t = i / 20
        out.append(
            (
                (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t**2 * x2,
                (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t**2 * y2,
            )
        )
    return out


def _blocked(points: list[tuple[float, float]], boxes: list[Any], ax: Any) -> int:
    """How many of ``points`` fall inside one of ``boxes`` (a little inset)."""
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    left, right, low, high = min(xs), max(xs), min(ys), max(ys)
    hits = 0
    for box in boxes:
        (x0, y0), (x1, y1) = ax.transData.transform(
            [(box.get_x(), box.get_y()), (box.get_x() + box.get_width(), box.get_y() + box.get_height())]
        )
        if x1 < left or x0 > right or y1 < low or y0 > high:
            continue  # the path's bounding box misses this box
        hits += sum(1 for x, y in points if x0 + 1 < x < x1 - 1 and y0 + 1 < y < y1 - 1)
    return hits


def _route(ax: Any, a: Any, b: Any, others: list[Any], prefer: float = 0.0) -> float:
    """The bend of the arrow from box ``a`` to box ``b`` that crosses none of ``others`` (the
    least crossing one when every bend crosses some)."""
    ca, cb = _center(a), _center(b)
    bends = sorted(_BENDS, key=lambda r: (abs(r - prefer), r < 0))
    best, fewest = prefer, None
    for rad in bends:
        hits = _blocked(_arc_points(ax, ca, cb, rad), others, ax)
        if hits == 0:
            return rad
        if fewest is None or hits < fewest:
            best, fewest = rad, hits
    return best


def _center(patch: Any) -> tuple[float, float]:
    return (patch.get_x() + patch.get_width() / 2, patch.get_y() + patch.get_height() / 2)


def _layout_by_track(ladder: Ladder) -> tuple[dict[str, tuple[float, float]], list[tuple[str, float]], int]:
    """Rung centres: y is the spine level; x is a slot in the rung's track column.

    Rungs sharing a level and a track sit next to each other, so each track's column is as
    wide as its busiest level. Returns the centres, the track column centres and the slot count.
    """
    cells: dict[tuple[str, int], list[Rung]] = {}
    for r in ladder.rungs:
        cells.setdefault((r.track, r.level), []).append(r)
    tracks: list[str] = [t for t in TRACKS if any(r.track == t for r in ladder.rungs)]
    tracks += sorted({r.track for r in ladder.rungs} - set(tracks))
    starts: dict[str, int] = {}
    widths: dict[str, int] = {}
    columns: list[tuple[str, float]] = []
    start = 0
    for track in tracks:
        widths[track] = max(len(rs) for (t, _), rs in cells.items() if t == track)
        starts[track] = start
        columns.append((track, start + (widths[track] - 1) / 2))
        start += widths[track]
    below: dict[str, list[str]] = {}
    for src, targets in ladder.promotion_map.items():
        for dst in targets:
            below.setdefault(dst, []).append(src)
    pos: dict[str, tuple[float, float]] = {}
    order = {r.id: i for i, r in enumerate(ladder.rungs)}
    for (track_id, level), rs in sorted(cells.items(), key=lambda kv: kv[0][1]):
        # Order a crowded cell by where its rungs' predecessors sit, so promotion arrows do not cross.
        def pull(r: Rung) -> tuple[float, int]:
            xs = [pos[p][0] for p in below.get(r.id, ()) if p in pos]
            return (sum(xs) / len(xs) if xs else 0.0, order[r.id])

        rs.sort(key=pull)
        offset = starts[track_id] + (widths[track_id] - len(rs)) / 2
        for i, r in enumerate(rs):
            pos[r.id] = (offset + i, float(level))
    return pos, columns, start


def draw_ladder(ladder: Ladder, ax: Any = None) -> Any:
    """Draw one ladder: rung boxes by spine level (y) and track (x), with promotion arrows.

    Lateral moves are dashed double-headed arrows. Rung boxes are coloured by track. Returns
    the matplotlib ``Axes`` (a new figure when ``ax`` is None); ``ax.texts`` holds one label per
    rung.
    """
    pos, columns, slots = _layout_by_track(ladder)
    levels = [r.level for r in ladder.rungs]
    low, high = min(levels), max(levels)
    if ax is None:
        ax = _new_axes(max(6.0, 2.1 * slots + 1.0), max(4.0, 0.72 * (high - low + 1) + 1.2))
    boxes = {rid: _box(ax, x, y, 0.9, 0.62, ladder.rung(rid), 18, 7) for rid, (x, y) in pos.items()}
    ax.set_xlim(-0.6, slots - 0.4)
    ax.set_ylim(low - 0.6, high + 0.6)
    for src, targets in ladder.promotion_map.items():
        for dst in targets:
            others = [box for rid, box in boxes.items() if rid not in (src, dst)]
            rad = _route(ax, boxes[src], boxes[dst], others)
            _arrow(ax, boxes[src], boxes[dst], color=_PROMOTION, rad=rad, width=0.9)
    for lat in ladder.laterals:
        a, b = lat.between
        others = [box for rid, box in boxes.items() if rid not in (a, b)]
        rad = _route(ax, boxes[a], boxes[b], others)
        _arrow(ax, boxes[a], boxes[b], color=_LATERAL, style="<|-|>", linestyle="--", rad=rad, width=0.9)
    ax.set_yticks(range(low, high + 1), [f"L{n}" for n in range(low, high + 1)])
    ax.set_xticks([c for _, c in columns], [track_label(t) for t, _ in columns])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.grid(axis="y", color="#eeeeee", zorder=0)
    ax.set_title(f"{ladder.name} ({ladder.id})")
    ax.legend(
        handles=[
            Line2D([], [], color=_PROMOTION, marker=">", label="promotion"),
            Line2D([], [], color=_LATERAL, linestyle="--", label="lateral move"),
        ],
        loc="upper left",
        fontsize=7,
        frameon=False,
    )
    return ax


def _stacked(ladder: Ladder) -> dict[str, float]:
    """Rung heights in one column: the spine level, rungs sharing a level spread a little."""
    by_level: dict[int, list[Rung]] = {}
    for r in ladder.rungs:
        by_level.setdefault(r.level, []).append(r)
    out: dict[str, float] = {}
    for level, rs in by_level.items():
        rs.sort(key=lambda r: (TRACKS.index(r.track) if r.track in TRACKS else 9, r.id))
        step = 0.9 / len(rs)
        for i, r in enumerate(rs):
            out[r.id] = level - 0.45 + step * (i + 0.5)
    return out


def _differs(reference: Ladder, ladder: Ladder, rung: Rung) -> bool:
    """Whether a rung reads differently from the reference ladder's rung of the same id."""
    other = reference.counterpart(rung.id)
    if other is None:
        return True
    fields = ("level", "track", "manages_people", "scope", "local_title", "stage_levels", "sector_levels")
    return any(getattr(rung, f) != getattr(other, f) for f in fields)


def _label(ladder: Ladder, rung: Rung) -> Rung:
    """The rung as drawn: its own title (a finer rank's, a company's), with the local title and
    the canonical title in brackets when they differ."""
    canonical = ladder.canonical_title(rung)
    title = rung.title
    local = rung.local_title
    # default matplotlib fonts draw Latin scripts only; other scripts would show as empty boxes
    if local and local != title and all(ord(c) < 0x250 for c in local):
        title = f"{local} ({canonical})"
    return replace(rung, title=title) if title != rung.title else rung


def _side_by_side(ladders: list[Ladder], rules: Sequence[Rule]) -> list[Ladder]:
    """The ladders in the order given, except that two joined by a crosswalk rule sit next to
    each other, so that rule arrows cross no other column."""
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


def compare(
    markets: Sequence[str] | Iterable[str] = ("in", "us"), ax: Any = None, titlemap: TitleMap | None = None
) -> Any:
    """Draw markets' (and companies') ladders side by side on the level spine, with the crosswalk
    rules between them.

    Each column is a ladder; a rung sits at its spine level. Rungs that read differently from the
    first column's (another level, track, scope, people management, local title, or a rung the
    first column lacks) get a red border; ladders joined by crosswalk rules are placed side by
    side. Crosswalk rules between two drawn ladders are arrows
    labelled with a number, solid red when unconditional, dashed orange when they have conditions;
    the numbers are listed under the plot with each rule's id and conditions. Arrows are routed
    clear of the boxes. Returns the matplotlib ``Axes``; ``ax.texts`` holds one label per rung,
    one heading per ladder, one number per rule arrow and the rule list.

    Raises:
        UnknownMarketError: when a ladder is not loaded.
        ValueError: when no ladder is given.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    ladders = [tm.ladder(m) for m in markets]
    if not ladders:
        raise ValueError("compare needs at least one market, e.g. compare(['in', 'us'])")
    ladders = _side_by_side(ladders, tm.rules)
    levels = [r.level for lad in ladders for r in lad.rungs]
    low, high = min(levels), max(levels)
    gap, width = 2.5, 1.75
    if ax is None:
        ax = _new_axes(max(7.0, 2.6 * len(ladders) + 1.0), max(7.0, 1.0 * (high - low + 1) + 3.4))
    ax.set_xlim(-1.1, (len(ladders) - 1) * gap + 1.1)
    ax.set_ylim(low - 0.7, high + 1.6)
    boxes: dict[str, Any] = {}
    column: dict[str, int] = {}
    for i, lad in enumerate(ladders):
        x = i * gap
        column[lad.id] = i
        heights = _stacked(lad)
        for r in lad.rungs:
            crowded = sum(1 for o in lad.rungs if o.level == r.level)
            box = _box(ax, x, heights[r.id], width, 0.86 / crowded - 0.05, _label(lad, r), 28, 6)
            if i and _differs(ladders[0], lad, r):
                box.set_edgecolor(_RULE)
                box.set_linewidth(1.8)
            boxes[f"{lad.id}:{r.id}"] = box
        ax.text(
            x,
            high + 0.75,
            _wrap(f"{lad.name} ({lad.id})", 30),
            ha="center",
            va="bottom",
            fontsize=8,
            fontweight="bold",
        )
    listed: list[str] = []
    seen: dict[frozenset[str], int] = {}
    labels: list[tuple[float, float]] = []  # where rule numbers went (display coordinates)
    for rule in tm.rules:
        a, b = rule.from_, rule.to
        if a not in boxes or b not in boxes:
            continue
        listed.append(f"{len(listed) + 1}: {rule.id} ({rule.when.describe()})")
        conditional = rule.when.specificity > 0
        others = [box for key, box in boxes.items() if key not in (a, b)]
        pair = frozenset((a, b))
        seen[pair] = seen.get(pair, 0) + 1
        # arrows between the same two rungs fan out, so that each stays visible with its number
        rad = _route(ax, boxes[a], boxes[b], others, prefer=0.12 + 0.15 * (seen[pair] - 1))
        arrow = _arrow(
            ax,
            boxes[a],
            boxes[b],
            color=_RULE_CONDITIONAL if conditional else _RULE,
            linestyle="--" if conditional else "-",
            rad=rad,
            width=0.5 + rule.confidence,
            alpha=0.85,
        )
        path = _arc_points(ax, _center(boxes[a]), _center(boxes[b]), rad)
        spots = [path[i] for i in (9, 6, 12, 4, 14, 8, 10, 5, 13, 3, 15)]
        mid = next(
            (p for p in spots if all(abs(p[0] - q[0]) + abs(p[1] - q[1]) > 16 for q in labels)), spots[0]
        )
        labels.append(mid)
        x, y = ax.transData.inverted().transform(mid)
        ax.text(
            x,
            y,
            str(len(listed)),
            fontsize=6,
            ha="center",
            va="center",
            color=arrow.get_edgecolor(),
            bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "ec": arrow.get_edgecolor(), "lw": 0.6},
            zorder=4,
        )
    if listed:
        per_column = max(1, min(3, len(ladders) // 2))
        rows = -(-len(listed) // per_column)
        cells = [listed[i * rows : (i + 1) * rows] for i in range(per_column)]
        table = ["".join(f"{c[r] if r < len(c) else '':<66}" for c in cells).rstrip() for r in range(rows)]
        text = ax.figure.text(
            0.01, 0.01, "\n".join(table), fontsize=6, va="bottom", ha="left", family="monospace"
        )
        text.set_in_layout(False)
        engine = ax.figure.get_layout_engine()
        if engine is not None and hasattr(engine, "set"):
            share = min(0.4, (rows * 0.11 + 0.25) / ax.figure.get_figheight())
            engine.set(rect=(0, share, 1, 1 - share))
    ax.set_yticks(range(low, high + 1), [f"L{n}" for n in range(low, high + 1)])
    ax.set_xticks([])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.grid(axis="y", color="#f0f0f0", zorder=0)
    ax.set_title("Ladders on the level spine", fontsize=10)
    ax.legend(
        handles=[
            Line2D([], [], color=_RULE, label="crosswalk rule"),
            Line2D([], [], color=_RULE_CONDITIONAL, linestyle="--", label="rule with conditions"),
            Line2D([], [], color=_RULE, linewidth=2.5, label=f"reads differently from {ladders[0].id}"),
        ],
        loc="lower center",
        bbox_to_anchor=(0.5, 1.03),
        ncol=3,
        fontsize=7,
        frameon=False,
    )
    return ax
