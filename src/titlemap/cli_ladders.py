"""The commands that browse and check ladders: ``ladders``, ``show``, ``compare``, ``graph``,
``path``, ``validate`` and ``schema``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .cli_parser import titlemap_of, wants_json
from .console import error, out, print_json, print_table
from .core import TitleMap
from .errors import LadderError
from .ladder import Ladder
from .records import ALIAS_SEPARATOR
from .schema import json_schema_text

__all__ = ["cmd_compare", "cmd_graph", "cmd_ladders", "cmd_path", "cmd_schema", "cmd_show", "cmd_validate"]


def cmd_ladders(args: argparse.Namespace) -> int:
    ladders = titlemap_of(args).ladders()
    if wants_json(args):
        print_json(
            [
                {
                    "id": lad.id,
                    "name": lad.name,
                    "kind": lad.kind,
                    "extends": lad.extends,
                    "family": lad.family,
                    "rungs": len(lad),
                    "countries": list(lad.countries),
                }
                for lad in ladders
            ]
        )
        return 0
    rows = [("ID", "KIND", "FAMILY", "RUNGS", "NAME")]
    rows += [(lad.id, lad.kind, lad.family, str(len(lad)), lad.name) for lad in ladders]
    print_table(rows)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    lad = titlemap_of(args).ladder(args.market)
    if wants_json(args):
        print_json(lad.to_dict())
        return 0
    out(f"{lad.name} ({lad.id}, {len(lad)} rungs)")
    rows = [("LEVEL", "TRACK", "TITLE", "ALIASES")]
    rows += [(str(r.level), r.track, r.title, ALIAS_SEPARATOR.join(r.aliases)) for r in reversed(lad.rungs)]
    print_table(rows)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    tm = titlemap_of(args)
    found = tm.comparison(args.a, args.b)
    if wants_json(args):
        print_json(
            {
                "a": found.a,
                "b": found.b,
                "rungs": [dict(r) for r in found.rows],
                "rules": [r.to_dict() for r in found.rules],
            }
        )
        return 0
    a, b = tm.ladder(found.a), tm.ladder(found.b)
    out(f"{a.name} ({a.id})  vs  {b.name} ({b.id})")
    shown = found.rows if args.all else found.differences()
    if not shown:
        out("no differences: every rung has the same title, level, track and scope")
    rows = [("RUNG", f"{a.id.upper()}", f"{b.id.upper()}", "DIFFERS IN")]
    for r in shown:
        left = "-" if r["a_title"] is None else f"L{r['a_level']} {r['a_local_title'] or r['a_title']}"
        right = "-" if r["b_title"] is None else f"L{r['b_level']} {r['b_local_title'] or r['b_title']}"
        rows.append((r["rung"], left, right, r["what"] or "same"))
    if shown:
        print_table(rows)
    if found.rules:
        out(f"\nRules between them ({len(found.rules)}):")
        for rule in found.rules:
            when = rule.when.describe()
            out(f"  {rule.id}: {rule.from_} -> {rule.to} ({when}), confidence {rule.confidence:.2f}")
    return 0


def cmd_graph(args: argparse.Namespace) -> int:
    lad = titlemap_of(args).ladder(args.market)
    fmt = "json" if wants_json(args) else args.format
    if fmt == "json":
        print_json(_node_link(lad))
    elif fmt == "dot":
        out(lad.to_dot(), end="")
    else:
        out(lad.to_mermaid(), end="")
    return 0


def _node_link(lad: Ladder) -> Any:
    import networkx as nx

    data = nx.node_link_data(lad.graph, edges="links")
    return json.loads(json.dumps(data, default=list))


def cmd_path(args: argparse.Namespace) -> int:
    lad = titlemap_of(args).ladder(args.market)
    steps = lad.path(args.start, args.goal)
    if not steps:
        start, goal = lad.rung(args.start), lad.rung(args.goal)
        error(f"no promotion path from {start.title!r} to {goal.title!r} in {lad.id!r}")
        return 1
    if wants_json(args):
        print_json([{"id": r.id, "title": r.title, "level": r.level, "track": r.track} for r in steps])
        return 0
    for i, r in enumerate(steps):
        out(f"{'  ' if i else ''}{'-> ' if i else ''}{r.title} (level {r.level}, {r.track})")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    errors = _validate(list(args.files))
    if wants_json(args):
        print_json(
            {
                "ok": not errors,
                "errors": [
                    {"file": e.file, "line": e.line, "place": e.place, "message": e.detail} for e in errors
                ],
            }
        )
    elif errors:
        for e in errors:
            out(_ladder_error_line(e))
    else:
        out("ok")
    return 1 if errors else 0


def _validate(files: list[str]) -> list[LadderError]:
    """Every file's first error: load the batch, set aside the file that failed, and try again."""
    errors: list[LadderError] = []
    remaining = files
    while remaining:
        try:
            TitleMap.from_paths(remaining)
            break
        except LadderError as exc:
            errors.append(exc)
            left = [f for f in remaining if exc.file not in (f, str(Path(f)))]
            if len(left) == len(remaining):
                break
            remaining = left
    order = {str(Path(f)): i for i, f in enumerate(files)}
    return sorted(errors, key=lambda e: order.get(e.file or "", len(files)))


def _ladder_error_line(exc: LadderError) -> str:
    """``file:line: place: message`` (the line and place when known)."""
    where = exc.file or "<ladder data>"
    if exc.line is not None:
        where = f"{where}:{exc.line}"
    message = f"{exc.place}: {exc.detail}" if exc.place else exc.detail
    return f"{where}: {message}"


def cmd_schema(args: argparse.Namespace) -> int:
    out(json_schema_text(), end="")
    return 0
