"""Two ladders side by side: rung by rung, what differs, and the rules between them.

:func:`compare_rows` returns plain rows (lists of dicts, no extra dependency); the top-level
``titlemap.compare`` turns them into a pandas DataFrame and ``titlemap compare A B`` prints them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .crosswalk import split_ref
from .ladder import Ladder
from .records import LevelRange, Rule, Rung

__all__ = ["COMPARED_FIELDS", "Comparison", "compare_rows"]

#: The fields of a rung compared side by side, in column order.
COMPARED_FIELDS: tuple[str, ...] = (
    "title",
    "local_title",
    "level",
    "level_range",
    "track",
    "manages_people",
    "scope",
    "stage_levels",
    "sector_levels",
    "codes",
)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two ladders compared: one row per rung id of either, and the rules between them."""

    a: str
    b: str
    rows: tuple[dict[str, Any], ...]
    rules: tuple[Rule, ...]

    def differences(self) -> tuple[dict[str, Any], ...]:
        """The rows where the two ladders differ."""
        return tuple(r for r in self.rows if r["differs"])


def _side(ladder: Ladder, rung: Rung | None) -> dict[str, Any]:
    if rung is None:
        return dict.fromkeys(COMPARED_FIELDS)
    low, high = rung.level_range or (rung.level, rung.level)
    title = ladder.canonical_title(rung)
    local = rung.local_title or rung.title
    return {
        "title": title,
        "local_title": local if local != title else None,
        "level": rung.level,
        "level_range": f"{low}-{high}" if (low, high) != (rung.level, rung.level) else None,
        "track": rung.track,
        "manages_people": rung.manages_people,
        "scope": rung.scope,
        "stage_levels": _levels(rung.stage_levels.items()),
        "sector_levels": _levels(rung.sector_levels.items()),
        "codes": "/".join(rung.codes) or None,
    }


def _levels(table: Iterable[tuple[str, int | LevelRange]]) -> str | None:
    parts = [f"{name} {spec if isinstance(spec, int) else spec.level}" for name, spec in table]
    return ", ".join(parts) or None


def compare_rows(a: Ladder, b: Ladder, rules: Iterable[Rule] = ()) -> Comparison:
    """Compare two ladders rung by rung (rows ordered by spine level), with the rules between them.

    Each row has ``rung`` (the id), ``a_<field>`` and ``b_<field>`` for every field of
    :data:`COMPARED_FIELDS`, ``differs`` and ``what`` (the fields that differ, or "only in a/b"),
    and ``rules`` (ids of the rules from either side's rung to the other ladder; a rung with
    rules counts as differing).
    """
    ids: dict[str, tuple[int, int]] = {}
    for order, lad in enumerate((a, b)):
        for r in lad.rungs:
            if r.canonical is not None and lad.counterpart(r.canonical) is r:
                ids.setdefault(r.canonical, (r.level, order))  # a company's own name: on the concept's row
                continue
            ids.setdefault(r.id, (r.level, order))
    between = [
        r
        for r in rules
        if {split_ref(r.from_)[0], split_ref(r.to)[0]}
        <= {a.id, b.id, *(x for x in (a.extends, b.extends) if x)}
    ]
    rows: list[dict[str, Any]] = []
    for rung_id in sorted(ids, key=lambda i: (ids[i][0], i)):
        ra, rb = a.counterpart(rung_id), b.counterpart(rung_id)
        sa, sb = _side(a, ra), _side(b, rb)
        if ra is None or rb is None:
            what = [f"only in {a.id if rb is None else b.id}"]
        else:
            what = [f for f in COMPARED_FIELDS if sa[f] != sb[f]]
        row: dict[str, Any] = {"rung": rung_id}
        row.update({f"a_{f}": v for f, v in sa.items()})
        row.update({f"b_{f}": v for f, v in sb.items()})
        ruled = [r.id for r in between if split_ref(r.from_)[1] == rung_id]
        if ruled:
            what.append("crosswalk rules")
        row["differs"] = bool(what)
        row["what"] = ", ".join(what)
        row["rules"] = ", ".join(ruled)
        rows.append(row)
    return Comparison(a.id, b.id, tuple(rows), tuple(between))
