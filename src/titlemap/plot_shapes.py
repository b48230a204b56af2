"""The shapes of titlemap's drawings: rung boxes, arrows routed clear of other boxes, and where
rungs sit (by level and track for one ladder, stacked in a column for side-by-side ladders)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .records import Rung
from .spine import TRACKS

__all__ = [
    "TRACK_COLORS",
    "arc_points",
    "arrow",
    "box",
    "center",
    "edge_ends",
    "layout_by_track",
    "route",
    "stacked",
    "wrap",
]

#: The fill of a rung's box, by track.
TRACK_COLORS = {"ic": "#dbe9f6", "manager": "#fde3c8", "executive": "#e4dcf1"}
_EDGE = "#4a4a4a"


def wrap(title: str, width: int) -> str:
    """A title broken into lines of at most ``width`` characters (words kept whole)."""
    return "\n".join(textwrap.wrap(title, width=width, break_long_words=False)) or title


def box(
    ax: Any, center_at: tuple[float, float], size: tuple[float, float], rung: Rung, label: str, font: float
) -> Any:
    """Draw one rung as a rounded box (coloured by track) holding ``label``; returns the box
    patch (arrows clip to it). The label's ``gid`` is ``rung:<id>``."""
    (x, y), (w, h) = center_at, size
    patch = FancyBboxPatch(
        (x - w / 2, y - h / 2),
        w,
        h,
        boxstyle="round,pad=0,rounding_size=0.06",
        facecolor=TRACK_COLORS.get(rung.track, "#eeeeee"),
        edgecolor=_EDGE,
        linewidth=0.8,
        zorder=3,
    )
    ax.add_patch(patch)
    ax.text(
        x,
        y,
        label,
        ha="center",
        va="center",
        fontsize=font,
        zorder=4,
        linespacing=1.05,
        gid=f"rung:{rung.id}",
    )
    return patch


def arrow(
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
    ends: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> Any:
    """An arrow from box ``a`` to box ``b``: from centre to centre clipped to both boxes, or
    between the points ``ends`` (on the boxes' edges, see :func:`edge_ends`); returns the arrow
    patch."""
    ca, cb = ends if ends is not None else (center(a), center(b))
    shrink = 0 if ends is not None else 1
    arrow = FancyArrowPatch(
        ca,
        cb,
        patchA=a if ends is None else None,
        patchB=b if ends is None else None,
        arrowstyle=style,
        mutation_scale=9,
        connectionstyle=f"arc3,rad={rad}",
        color=color,
        linestyle=linestyle,
        linewidth=width,
        alpha=alpha,
        shrinkA=shrink,
        shrinkB=shrink,
        zorder=zorder,
    )
    ax.add_patch(arrow)
    return arrow


_BENDS = (0.0, 0.15, -0.15, 0.3, -0.3, 0.45, -0.45, 0.6, -0.6, 0.8, -0.8)


def arc_points(
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


def route(ax: Any, a: Any, b: Any, others: list[Any], prefer: float = 0.0) -> float:
    """The bend of the arrow from box ``a`` to box ``b`` that crosses none of ``others`` (the
    least crossing one when every bend crosses some)."""
    ca, cb = center(a), center(b)
    bends = sorted(_BENDS, key=lambda r: (abs(r - prefer), r < 0))
    best, fewest = prefer, None
    for rad in bends:
        hits = _blocked(arc_points(ax, ca, cb, rad), others, ax)
        if hits == 0:
            return rad
        if fewest is None or hits < fewest:
            best, fewest = rad, hits
    return best


def edge_ends(
    boxes: dict[str, Any], pairs: Sequence[tuple[str, str]]
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Where each arrow between two boxes (keys of ``boxes``) leaves and arrives: on the sides
    of the boxes that face each other, the arrows at one side spread evenly along it, ordered by
    the height of their other end so that arrows from one box do not cross each other."""
    sides: dict[tuple[str, float], list[tuple[float, int, int]]] = {}
    for i, (a, b) in enumerate(pairs):
        (xa, ya), (xb, yb) = center(boxes[a]), center(boxes[b])
        toward = 1.0 if xb >= xa else -1.0  # the side of a facing b; b's side faces back
        sides.setdefault((a, toward), []).append((yb, i, 0))
        sides.setdefault((b, -toward if xb != xa else toward), []).append((ya, i, 1))
    ends: list[list[tuple[float, float]]] = [[(0.0, 0.0), (0.0, 0.0)] for _ in pairs]
    for (key, side), found in sides.items():
        patch = boxes[key]
        x = patch.get_x() + (patch.get_width() if side > 0 else 0.0)
        found.sort()
        for k, (_, i, end) in enumerate(found):
            ends[i][end] = (x, patch.get_y() + patch.get_height() * (k + 1) / (len(found) + 1))
    return [(a, b) for a, b in ends]


def center(patch: Any) -> tuple[float, float]:
    """The centre of a box patch."""
    return (patch.get_x() + patch.get_width() / 2, patch.get_y() + patch.get_height() / 2)


def layout_by_track(
    rungs: Sequence[Rung], promotions: dict[str, tuple[str, ...]]
) -> tuple[dict[str, tuple[float, float]], list[tuple[str, float]], int]:
    """Rung centres: y is the spine level; x is a slot in the rung's track column.

    Rungs sharing a level and a track sit next to each other, so each track's column is as
    wide as its busiest level. Returns the centres, the track column centres and the slot count.
    """
    cells: dict[tuple[str, int], list[Rung]] = {}
    for r in rungs:
        cells.setdefault((r.track, r.level), []).append(r)
    tracks: list[str] = [t for t in TRACKS if any(r.track == t for r in rungs)]
    tracks += sorted({r.track for r in rungs} - set(tracks))
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
    for src, targets in promotions.items():
        for dst in targets:
            below.setdefault(dst, []).append(src)
    pos: dict[str, tuple[float, float]] = {}
    order = {r.id: i for i, r in enumerate(rungs)}
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


def stacked(rungs: Sequence[Rung]) -> dict[str, float]:
    """Rung heights in one column: the spine level, rungs sharing a level spread a little."""
    by_level: dict[int, list[Rung]] = {}
    for r in rungs:
        by_level.setdefault(r.level, []).append(r)
    out: dict[str, float] = {}
    for level, rs in by_level.items():
        rs.sort(key=lambda r: (TRACKS.index(r.track) if r.track in TRACKS else 9, r.id))
        step = 0.9 / len(rs)
        for i, r in enumerate(rs):
            out[r.id] = level - 0.45 + step * (i + 0.5)
    return out
