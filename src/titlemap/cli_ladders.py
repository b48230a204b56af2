"""The commands that browse and check ladders: ``ladders``, ``show``, ``compare``, ``graph``,
``path``, ``validate`` and ``schema``."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from .cli_parser import titlemap_of, wants_json
from .console import error, out, print_json, print_table
from .core import TitleMap
from .errors import LadderError
from .ladder import Ladder
from .level_table import groups, level_table
from .policy import data_problems, example_problems
from .records import ALIAS_SEPARATOR
from .schema import json_schema_text
from .views import codes_text, company_rungs
from .yamltree import compose, read_path

__all__ = [
    "cmd_compare",
    "cmd_graph",
    "cmd_ladders",
    "cmd_levels",
    "cmd_path",
    "cmd_schema",
    "cmd_show",
    "cmd_validate",
]


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
    """``titlemap show LADDER``: a ladder as a table, highest level first; a company by its own
    rungs, with a column of its level codes (``--all``: its inherited rungs too)."""
    tm = titlemap_of(args)
    lad = tm.ladder(args.market)
    if wants_json(args):
        print_json(lad.to_dict())
        return 0
    rungs = lad.rungs if args.all else company_rungs(lad, tm)
    hidden = len(lad.rungs) - len(rungs)
    more = f"; {hidden} more inherited from {lad.extends} (--all shows them)" if hidden else ""
    out(f"{lad.name} ({lad.id}, {len(rungs)} rungs{more})")
    coded = any(r.codes for r in rungs)
    head = ("LEVEL", "CODE", "TRACK", "TITLE", "ALIASES") if coded else ("LEVEL", "TRACK", "TITLE", "ALIASES")
    rows = [head]
    for r in reversed(rungs):
        cells = (str(r.level), codes_text(r) or "-") if coded else (str(r.level),)
        rows.append((*cells, r.track, r.title, ALIAS_SEPARATOR.join(r.aliases)))
    print_table(rows)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """``titlemap compare A B``: two ladders rung by rung, what differs, and the rules between
    them; a company by its own rungs and their codes (``--all``: every rung)."""
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
    own = {lad.id: {r.id for r in company_rungs(lad, tm)} for lad in (a, b)}
    rows = [("RUNG", f"{a.id.upper()}", f"{b.id.upper()}", "DIFFERS IN")]
    for r in found.rows if args.all else found.differences():
        left, right = _side(r, "a", a, own[a.id]), _side(r, "b", b, own[b.id])
        if args.all or left != "-" or right != "-":
            rows.append((r["rung"], left, right, r["what"] or "same"))
    if len(rows) > 1:
        print_table(rows)
    else:
        out("no differences: every rung has the same title, level, track and scope")
    if a.kind == b.kind == "company" and a.id != b.id:
        out("\nBy level (codes, titles, source grades):")
        out(level_table(tm, (a.id, b.id)).text())
    if found.rules:
        out(f"\nRules between them ({len(found.rules)}):")
        for rule in found.rules:
            when = rule.when.describe()
            out(f"  {rule.id}: {rule.from_} -> {rule.to} ({when}), confidence {rule.confidence:.2f}")
    return 0


def _side(row: dict[str, Any], side: str, ladder: Ladder, own: set[str]) -> str:
    """One ladder's cell of a comparison row: the level, the title and the company's code
    (``5 PM3 (L6)``); ``-`` when the ladder has no such rung (a company: of its own)."""
    if row[f"{side}_title"] is None:
        return "-"
    rung = ladder.counterpart(row["rung"])
    if ladder.kind == "company" and (rung is None or rung.id not in own):
        return "-"
    title = row[f"{side}_local_title"] or row[f"{side}_title"]
    code = f" ({row[f'{side}_codes']})" if row.get(f"{side}_codes") else ""
    return f"{row[f'{side}_level']} {title}{code}"


def cmd_levels(args: argparse.Namespace) -> int:
    """``titlemap levels [COMPANY ...]``: the cross-company level table (every company: in tables
    of a few companies each); ``--format csv|json``, ``--long`` for one record per company rung."""
    tm = titlemap_of(args)
    table = level_table(tm, tuple(args.companies))
    fmt = "json" if wants_json(args) else args.format
    if fmt == "json":
        print_json(table.to_rows() if args.long else table.to_dict())
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        if args.long:
            records = table.to_rows()
            head = list(records[0]) if records else ["level", "company"]
            writer.writerows([head, *([r[k] for k in head] for r in records)])
        else:
            writer.writerow(["level", "name", *table.companies])
            for row in reversed(table.rows):
                writer.writerow([row.level, row.name, *(row.text(c) for c in table.companies)])
    elif args.companies:
        out(table.text())
    else:
        for i, (heading, ids) in enumerate(groups(tm)):
            if i:
                out("")
            out(heading.replace("`", ""))
            out(table.select(*ids).text())
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
    if not errors and not args.schema_only:
        errors = _policy_errors(list(args.files))
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


def _policy_errors(files: list[str]) -> list[LadderError]:
    """What the files break of the data policy (:mod:`titlemap.policy`): ungraded, unnoted or
    uncited sources, facts without a source, codes without level sources, examples that do not
    read as their rung. The files loaded, so each composes."""
    errors: list[LadderError] = []
    names = {str(Path(f)) for f in files}
    for path in files:
        name, raw = read_path(path)
        document = compose(name, raw)
        for problem in data_problems(name, document.data):
            errors.append(document.error(problem.message, problem.place))
    tm = TitleMap.from_paths(files)
    own = [lad for lad in tm.ladders() if lad.file is not None and str(Path(lad.file)) in names]
    for problem in example_problems(tm, own):
        errors.append(LadderError(problem.message, file=problem.file, place=problem.place))
    return errors


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
