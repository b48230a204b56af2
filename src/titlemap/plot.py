"""Draw ladders with matplotlib (extra ``[plot]``).

:func:`draw_ladder` draws one ladder: a box per rung, placed by spine level (up) and track
(across), with promotion arrows and lateral moves. :func:`compare` draws several markets side by
side on the shared level spine, with their cross-market equivalences: the crosswalk rules, and
the implicit equivalence of a rung with the same id (same canonical title, same level).

Both return the matplotlib ``Axes``; pass ``ax=`` to draw into an existing one. Each rung is
one text label (``len(ax.texts)`` counts the rungs, plus one heading per market in
:func:`compare`); arrows are patches and edge kinds are explained in the legend.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
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
from .models import Rung
from .spine import TRACKS, track_label

__all__ = ["compare", "draw_ladder"]

_TRACK_COLORS = {"ic": "#dbe9f6", "manager": "#fde3c8", "executive": "#e4dcf1"}
_EDGE = "#4a4a4a"
_PROMOTION = "#555555"
_LATERAL = "#8a8a8a"
_RULE = "#c0392b"
_RULE_CONDITIONAL = "#e67e22"
_SAME = "#9aa5b1"


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
) -> None:
    """An arrow from box ``a`` to box ``b``, clipped to both boxes."""
    ca, cb = _center(a), _center(b)
    ax.add_patch(
        FancyArrowPatch(
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
    )


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
    for src, targets in ladder.promotion_map.items():
        for dst in targets:
            (xa, ya), (xb, yb) = pos[src], pos[dst]
            skips = any(
                abs(x - xa) < 0.01 and ya < y < yb for rid, (x, y) in pos.items() if rid not in (src, dst)
            )
            rad = 0.35 if skips and abs(xb - xa) < 0.01 else 0.15 if abs(yb - ya) > 1.5 else 0.0
            _arrow(ax, boxes[src], boxes[dst], color=_PROMOTION, rad=rad, width=0.9)
    for lat in ladder.laterals:
        a, b = lat.between
        _arrow(ax, boxes[a], boxes[b], color=_LATERAL, style="<|-|>", linestyle="--", width=0.9)
    ax.set_xlim(-0.6, slots - 0.4)
    ax.set_ylim(low - 0.6, high + 0.6)
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


def compare(
    markets: Sequence[str] | Iterable[str] = ("in", "us"), ax: Any = None, titlemap: TitleMap | None = None
) -> Any:
    """Draw markets' ladders side by side by spine level, joined by cross-market equivalences.

    Solid red arrows are unconditional crosswalk rules, orange dashed arrows rules with
    conditions (background, years, people, company stage); grey dotted lines join rungs with the
    same id in two markets, the implicit equivalence used when no rule applies. Returns the
    matplotlib ``Axes``; ``ax.texts`` holds one label per rung plus one heading per market.

    Raises:
        UnknownMarketError: when a market is not loaded.
    """
    tm = titlemap if titlemap is not None else TitleMap.default()
    ladders = [tm.ladder(m) for m in markets]
    if not ladders:
        raise ValueError("compare needs at least one market, e.g. compare(['in', 'us'])")
    levels = [r.level for lad in ladders for r in lad.rungs]
    low, high = min(levels), max(levels)
    gap = 2.6
    if ax is None:
        ax = _new_axes(max(6.0, 3.4 * len(ladders) + 0.8), max(5.0, 0.85 * (high - low + 1) + 1.4))
    boxes: dict[str, Any] = {}
    column: dict[str, int] = {}
    for i, lad in enumerate(ladders):
        x = i * gap
        column[lad.id] = i
        heights = _stacked(lad)
        for r in lad.rungs:
            crowded = sum(1 for o in lad.rungs if o.level == r.level)
            boxes[f"{lad.id}:{r.id}"] = _box(ax, x, heights[r.id], 1.5, 0.84 / crowded - 0.06, r, 26, 6.5)
        ax.text(
            x,
            high + 0.85,
            _wrap(f"{lad.name} ({lad.id})", 34),
            ha="center",
            va="bottom",
            fontsize=9,
            fontweight="bold",
        )
    drawn: set[tuple[str, str]] = set()
    for rule in tm.rules:
        a, b = rule.from_, rule.to
        if a not in boxes or b not in boxes:
            continue
        conditional = rule.when.specificity > 0
        forward = column[a.split(":")[0]] < column[b.split(":")[0]]
        rad = (0.08 if forward else -0.08) * max(1, abs(column[a.split(":")[0]] - column[b.split(":")[0]]))
        _arrow(
            ax,
            boxes[a],
            boxes[b],
            color=_RULE_CONDITIONAL if conditional else _RULE,
            linestyle="--" if conditional else "-",
            rad=rad,
            width=0.6 + rule.confidence,
            alpha=0.9,
        )
        drawn.add((a, b))
    for i, lad in enumerate(ladders):
        for other in ladders[i + 1 :]:
            for r in lad.rungs:
                a, b = f"{lad.id}:{r.id}", f"{other.id}:{r.id}"
                if b in boxes and (a, b) not in drawn and (b, a) not in drawn:
                    _arrow(ax, boxes[a], boxes[b], color=_SAME, style="-", linestyle=":", width=1.0, zorder=1)
    ax.set_xlim(-1.0, (len(ladders) - 1) * gap + 1.0)
    ax.set_ylim(low - 0.6, high + 1.6)
    ax.set_yticks(range(low, high + 1), [f"L{n}" for n in range(low, high + 1)])
    ax.set_xticks([])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.grid(axis="y", color="#f0f0f0", zorder=0)
    ax.set_title("Cross-market equivalences on the level spine")
    ax.legend(
        handles=[
            Line2D([], [], color=_RULE, label="crosswalk rule"),
            Line2D([], [], color=_RULE_CONDITIONAL, linestyle="--", label="rule with conditions"),
            Line2D([], [], color=_SAME, linestyle=":", label="same rung (implicit)"),
        ],
        loc="lower center",
        bbox_to_anchor=(0.5, -0.08),
        ncol=3,
        fontsize=7,
        frameon=False,
    )
    return ax
