"""``titlemap normalize`` and ``titlemap map``: titles given on the command line, or a file.

With titles as arguments each is printed as one line (normalize) or a short report (map); with
``--input`` the work goes to :func:`titlemap.cli_bulk.run_bulk`.
"""

from __future__ import annotations

import argparse

from .backgrounds import read_background
from .cli_bulk import run_bulk
from .cli_parser import UsageError, context_columns, need_input_for, titlemap_of, wants_json
from .console import out, print_json_line
from .employer import Employer
from .errors import InputError
from .mapping import Mapping
from .match import PART_NAMES, Match
from .profile import Profile
from .reasons import Reason
from .rows import RowReader

__all__ = ["cmd_map", "cmd_normalize", "employer_of"]


def employer_of(args: argparse.Namespace, prefix: str = "") -> Employer | None:
    """The employer given by ``--company/--sector/--stage`` (or their ``--to-`` forms), or None."""
    values = {name: getattr(args, f"{prefix}{name}", None) for name in ("company", "sector", "stage")}
    if not any(values.values()):
        return None
    try:
        return Employer(**values)
    except InputError as exc:
        flag = f"--{prefix.replace('_', '-')}{exc.field or 'company'}"
        raise UsageError(f"{flag} {exc.value!r}: {exc.detail}") from None


def cmd_normalize(args: argparse.Namespace) -> int:
    tm = titlemap_of(args)
    market = tm.market_id(args.market)
    employer = employer_of(args)
    if args.input is not None:
        if args.titles:
            raise UsageError("give titles or --input FILE, not both")
        columns = context_columns(args)
        reader = RowReader(tm, market=market, employer=employer, fields=[f for f, _, _ in columns])
        return run_bulk(args, reader, columns)
    _need_titles(args)
    for title in args.titles:
        match = tm.normalize(title, market, employer=employer)
        why = None if match is not None else tm.reason(title, market, employer=employer)
        if wants_json(args):
            print_json_line(match.to_dict() if match else _unread(title, market, why))
        else:
            out(_match_line(title, match, why))
    return 0


def _unread(title: str, market: str, why: Reason | None) -> dict[str, object]:
    """The JSON object of a title not read: its reason, and a refused look-alike's occupation
    codes (as :meth:`Match.to_dict` gives a match's)."""
    codes = None if why is None or why.occupation is None else why.occupation.to_dict()
    return {"raw": title, "title": None, "market": market, "reason": str(why), "occupation": codes}


def _need_titles(args: argparse.Namespace) -> None:
    if not args.titles:
        raise UsageError(f"give one or more titles, or --input FILE; try 'titlemap {args.command} --help'")
    need_input_for(args, ("output", "format", "encoding", "sheet", "delimiter", "added_columns"))


def _match_line(title: str, match: Match | None, why: Reason | None = None) -> str:
    """One line for a normalized title: raw => canonical | level | confidence | parts; for a
    title not read, why (see :mod:`titlemap.reasons`)."""
    if match is None:
        return f"{title} => not read ({why})" if why is not None else f"{title} => not read"
    parts = ", ".join(f"{name}: {getattr(match, name)}" for name in PART_NAMES if getattr(match, name))
    low, high = match.level_range
    level = f"level {match.level}" + (f" ({low}-{high})" if low != high else "")
    line = f"{title} => {match.title} | {level} {match.track} | confidence {match.confidence:.2f}"
    return f"{line} | {parts}" if parts else line


def _profile(args: argparse.Namespace) -> Profile:
    """The profile the flags give; ``--background`` is read as a file's cell is ("CS", "MBA")."""
    try:
        background = read_background(args.background)
    except ValueError as exc:
        raise UsageError(f"--background {args.background!r}: {exc}") from None
    try:
        return Profile(
            background=background,  # type: ignore[arg-type]  # one of BACKGROUNDS
            years=args.years,
            manages_people=args.manages_people,
            history=tuple(args.history),
        )
    except InputError as exc:
        name = (exc.field or "profile").replace("_", "-")
        raise UsageError(f"--{name} {exc.value!r}: {exc.detail}") from None


def cmd_map(args: argparse.Namespace) -> int:
    tm = titlemap_of(args)
    columns = context_columns(args)
    if args.source is None and not (args.input is not None and any(f == "market" for f, _, _ in columns)):
        raise UsageError("--from MARKET is required (or, with --input, a --market-column)")
    source = tm.market_id(args.source) if args.source is not None else None
    target = tm.market_id(args.target)
    profile = _profile(args)
    employer, target_employer = employer_of(args), employer_of(args, "to_")
    if args.input is not None:
        if args.titles:
            raise UsageError("give titles or --input FILE, not both")
        reader = RowReader(
            tm,
            market=source,
            target=target,
            profile=profile,
            employer=employer,
            target_employer=target_employer,
            fields=[f for f, _, _ in columns],
        )
        return run_bulk(args, reader, columns)
    _need_titles(args)
    assert source is not None
    for i, title in enumerate(args.titles):
        mapping = tm.map_title(
            title, source, target, profile, source_employer=employer, target_employer=target_employer
        )
        why = None if mapping is not None else tm.reason(title, source, employer=employer)
        if wants_json(args):
            unread = {"raw": title, "title": None, "market": target, "reason": str(why)}
            print_json_line(mapping.to_dict() if mapping else unread)
            continue
        if i:
            out()
        out("\n".join(_mapping_lines(title, source, mapping, why)))
    return 0


def _mapping_lines(title: str, source: str, mapping: Mapping | None, why: Reason | None = None) -> list[str]:
    """The text report of one mapping: answer, confidence, rule, alternatives, explanation."""
    if mapping is None:
        because = f" ({why})" if why is not None else ""
        return [f"{title}: not read as a product-management title in {source!r}{because}; nothing to map"]
    low, high = mapping.level_range
    where = mapping.market if mapping.company is None else f"{mapping.market}, {mapping.company}"
    lines = [
        f"{title} ({source}) -> {mapping.title} ({where})",
        f"  confidence: {mapping.confidence:.2f}",
        f"  level: {mapping.level}" + (f" (range {low}-{high})" if low != high else ""),
        f"  rule: {mapping.rule or '(none; the level spine decided)'}",
    ]
    if mapping.company_title is not None:
        code = f" ({mapping.company_level})" if mapping.company_level else ""
        lines.insert(1, f"  at {mapping.company}: {mapping.company_title}{code}")
    if mapping.alternatives:
        lines.append("  alternatives:")
        lines += [
            f"    - {a.title} (level {a.level}, confidence {a.confidence:.2f}"
            + (f", rule {a.rule})" if a.rule else ")")
            for a in mapping.alternatives
        ]
    else:
        lines.append("  alternatives: none")
    lines.append("  explanation:")
    lines += [f"    - {sentence}" for sentence in mapping.explanation]
    return lines
