"""The ``titlemap`` command line: normalize and map titles, browse and check ladders.

Run ``titlemap --help`` (or ``python -m titlemap --help``) for the commands; the reference with
examples is ``docs/cli.md``. :func:`main` takes the arguments as a list and returns the exit
status, so the command line can also be driven from Python::

    >>> from titlemap.cli import main
    >>> main(["normalize", "Sr PM"])  # doctest: +SKIP
    Sr PM => Senior Product Manager | level 3 ic | confidence 0.90 | seniority: Sr
    0

Exit status: 0 on success, 1 for a data error (a bad input or ladder file), 2 for a usage error
(bad arguments, unknown market or title), 130 when interrupted, 141 when the reader of the output
went away (``titlemap ... | head``).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import stat
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, NoReturn, TextIO

from . import __version__
from .columns import CONTEXT_FIELDS, EMPLOYER_FIELDS
from .core import DEFAULT_MARKET, TitleMap
from .employer import Employer
from .errors import InputError, LadderError, TitlemapError, UnknownMarketError, UnknownRungError
from .excel import MAX_ROWS as XLSX_MAX_ROWS
from .excel import XlsxSink, XlsxTable, xlsx_output
from .ladder import Ladder
from .mapping import Mapping
from .match import PART_NAMES, Match
from .profile import Profile
from .reasons import Reason
from .records import ALIAS_SEPARATOR, BACKGROUNDS, SECTORS
from .rows import MEMO_TITLE_CHARS, RowReader
from .schema import json_schema_text
from .tabular import (
    FORMATS,
    Format,
    LineSource,
    Record,
    Sink,
    Table,
    context_cells,
    detect_format,
    make_sink,
    open_output,
    read_table,
)

__all__ = ["COMMANDS", "UsageError", "build_parser", "main"]

PROG = "titlemap"
#: Malformed rows listed one by one on standard error before the rest are only counted.
MAX_LISTED_PROBLEMS = 100
#: The subcommands, in the order of ``titlemap --help``.
COMMANDS: tuple[str, ...] = (
    "normalize",
    "map",
    "ladders",
    "show",
    "compare",
    "graph",
    "path",
    "validate",
    "schema",
)


class UsageError(Exception):
    """Bad arguments found after parsing (exit status 2)."""


class _Terminated(SystemExit):
    """SIGTERM during a bulk run: unwinds like Ctrl-C, so the temporary output is removed."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are two short lines and exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``titlemap: error: message`` and a pointer to ``--help``, then exit 2."""
        self.exit(2, f"{PROG}: error: {message}\ntry '{self.prog} --help'\n")


# -- parser ---------------------------------------------------------------------------------------

_EPILOGS: dict[str, str] = {
    "main": """examples:
  titlemap normalize "Sr. PM - Payments (Bangalore)" --market in
  titlemap normalize --input titles.csv --column title --output out.csv
  titlemap map "Senior Product Manager" --from us --to in --background engineering --years 8
  titlemap ladders
  titlemap show in
  titlemap path in APM "Director of Product"
  titlemap validate acme.yaml
  titlemap --ladders acme.yaml show acme""",
    "normalize": """examples:
  titlemap normalize "Sr. PM - Payments (Bangalore)" "Product Owner" --market in
  titlemap normalize "Group PM" --json
  titlemap normalize --input titles.csv --output titles.normalized.csv
  titlemap normalize --input jobs.jsonl --column job_title --market in
  cat titles.tsv | titlemap normalize --input - --format tsv > out.tsv
  titlemap normalize --input legacy.csv --encoding latin-1 --output out.csv""",
    "map": """examples:
  titlemap map "Senior Product Manager" --from us --to in
  titlemap map "Senior PM" --from us --to in --background engineering --years 8 --manages-people
  titlemap map "Product Manager" --from in --to us --history "Senior Software Engineer" --json
  titlemap map --input people.csv --column title --from us --to in --output mapped.csv""",
    "ladders": """examples:
  titlemap ladders
  titlemap ladders --json
  titlemap --ladders acme.yaml ladders""",
    "show": """examples:
  titlemap show in
  titlemap show India --json
  titlemap show engineering""",
    "compare": """examples:
  titlemap compare in us
  titlemap compare Germany UK
  titlemap compare us meta --json""",
    "graph": """examples:
  titlemap graph in > in.mmd
  titlemap graph us --format dot | dot -Tsvg > us.svg
  titlemap graph in --format json""",
    "path": """examples:
  titlemap path in APM "Director of Product"
  titlemap path us "Product Manager" "VP of Product" --json""",
    "validate": """examples:
  titlemap validate acme.yaml
  titlemap validate acme.yaml acme-crosswalk.yaml --json""",
    "schema": """examples:
  titlemap schema > ladder.schema.json""",
}


def _common(json_flag: bool = True) -> _Parser:
    """Options every subcommand accepts (also accepted before the command)."""
    common = _Parser(add_help=False)
    if json_flag:
        common.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="print JSON instead of text"
        )
    common.add_argument(
        "--ladders",
        dest="sub_ladders",
        action="append",
        metavar="FILE",
        default=[],
        help="load a ladder or crosswalk file too (repeatable)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``titlemap`` command, with one subparser per command."""
    parser = _Parser(
        prog=PROG,
        description="Career-ladder mapping for product-management titles.",
        epilog=_EPILOGS["main"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--json", action="store_true", default=False, help="print JSON instead of text")
    parser.add_argument(
        "--ladders",
        action="append",
        metavar="FILE",
        default=[],
        help="load a ladder or crosswalk file on top of the bundled ones (repeatable)",
    )
    subs = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    common = _common()
    _add_normalize(subs, common)
    _add_map(subs, common)
    _add_simple(subs, common)
    return parser


def _sub(
    subs: Any,
    name: str,
    common: argparse.ArgumentParser,
    help_text: str,
    handler: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    sub: argparse.ArgumentParser = subs.add_parser(
        name,
        help=help_text,
        description=help_text,
        parents=[common],
        epilog=_EPILOGS[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub.set_defaults(handler=handler)
    return sub


def _add_bulk_options(sub: argparse.ArgumentParser) -> None:
    bulk = sub.add_argument_group("bulk mode (a file of titles)")
    bulk.add_argument(
        "--input", "-i", metavar="FILE", help="CSV, TSV, JSON Lines or .xlsx file; '-' reads standard input"
    )
    bulk.add_argument(
        "--column", "-c", default="title", help="the column (or JSON key) of titles (default: title)"
    )
    bulk.add_argument(
        "--output", "-o", metavar="FILE", help="write here (atomically) instead of standard output"
    )
    bulk.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="table format (default: from the extension; csv for standard input); xlsx needs "
        "the [xlsx] extra",
    )
    bulk.add_argument(
        "--encoding", "-e", metavar="ENC", help="input encoding (default: UTF-8, with or without BOM)"
    )
    bulk.add_argument("--sheet", metavar="NAME", help="the sheet of an .xlsx input (default: the first)")
    bulk.add_argument("--quiet", "-q", action="store_true", help="no summary on standard error")


def _add_employer(sub: argparse.ArgumentParser, title: str, prefix: str = "") -> None:
    """``--company``, ``--sector``, ``--stage`` (or ``--to-...`` with a prefix)."""
    group = sub.add_argument_group(title)
    dest = prefix.replace("-", "_")
    group.add_argument(
        f"--{prefix}company", dest=f"{dest}company", help="the employer: a company name or company ladder id"
    )
    group.add_argument(
        f"--{prefix}sector",
        dest=f"{dest}sector",
        help=f"the employer's sector: {', '.join(SECTORS)} (or bank, FMCG...)",
    )
    names = [f"--{prefix}stage"] + (["--company-stage"] if not prefix else [])
    group.add_argument(*names, dest=f"{dest}stage", help="the employer's stage: early, growth or enterprise")


_COLUMN_HELP: dict[str, str] = {
    "market": "each row's market (codes, names or cities); blank cells use --market/--from",
    "years": "years of experience ('5+', '10 yrs', '5-7' reads as 5)",
    "background": "background (engineering, design, data... or synonyms)",
    "manages_people": "whether the person has reports (yes/no, Y/N, 1/0, a count)",
    "history": "past titles, oldest first, separated by ; or >",
    "company": "the employer (a company name or company ladder id)",
    "sector": "the employer's sector (tech, banking, pharma... or synonyms)",
    "stage": "the employer's stage (early, growth, enterprise, or 'startup', 'series b'...)",
}


def _column_flag(field: str) -> str:
    return f"--{field.replace('_', '-')}-column"


def _add_context_columns(sub: argparse.ArgumentParser, fields: Sequence[str]) -> None:
    """``--market-column`` and friends: a file's own column for each row's context."""
    group = sub.add_argument_group(
        "per-row context (bulk mode: a column of the file; a cell wins over the flag for its row)"
    )
    for field in fields:
        group.add_argument(
            _column_flag(field), dest=f"{field}_column", metavar="COLUMN", help=_COLUMN_HELP[field]
        )


def _context_columns(args: argparse.Namespace) -> list[tuple[str, str, str]]:
    """The per-row context columns given: (field, flag, column name)."""
    return [
        (field, _column_flag(field), column)
        for field in CONTEXT_FIELDS
        if (column := getattr(args, f"{field}_column", None)) is not None
    ]


def _add_normalize(subs: Any, common: argparse.ArgumentParser) -> None:
    sub = _sub(subs, "normalize", common, "read job titles as rungs of a market's ladder", _cmd_normalize)
    sub.add_argument("titles", nargs="*", metavar="TITLE", help="titles to read")
    sub.add_argument(
        "--market", "-m", default=DEFAULT_MARKET, help=f"market id or country (default: {DEFAULT_MARKET})"
    )
    _add_employer(sub, "employer (context that moves the level)")
    _add_bulk_options(sub)
    _add_context_columns(sub, ("market", *EMPLOYER_FIELDS))


def _add_map(subs: Any, common: argparse.ArgumentParser) -> None:
    sub = _sub(subs, "map", common, "translate titles from one market's convention to another's", _cmd_map)
    sub.add_argument("titles", nargs="*", metavar="TITLE", help="titles to map")
    sub.add_argument(
        "--from",
        dest="source",
        metavar="MARKET",
        help="the title's market (required, unless --input with --market-column)",
    )
    sub.add_argument("--to", dest="target", required=True, metavar="MARKET", help="the market to map into")
    person = sub.add_argument_group("profile (what crosswalk rules may depend on)")
    person.add_argument(
        "--background", help=f"one of {', '.join(BACKGROUNDS)} (synonyms such as 'software' work)"
    )
    person.add_argument("--years", help="years of professional experience ('5+', '10 yrs' work)")
    person.add_argument(
        "--manages-people",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="whether the person has direct reports",
    )
    person.add_argument(
        "--history",
        action="append",
        metavar="TITLE",
        default=[],
        help="a past title, most recent last (repeatable)",
    )
    _add_employer(sub, "source employer (the title's company)")
    _add_employer(sub, "target employer (answer in its terms)", prefix="to-")
    _add_bulk_options(sub)
    _add_context_columns(sub, CONTEXT_FIELDS)


def _add_simple(subs: Any, common: argparse.ArgumentParser) -> None:
    _sub(subs, "ladders", common, "list the loaded markets and job families", _cmd_ladders)
    show = _sub(subs, "show", common, "print a ladder as a table (level, track, title, aliases)", _cmd_show)
    show.add_argument("market", help="market id, ISO code or country name, or a job family")
    compare = _sub(
        subs,
        "compare",
        common,
        "print two ladders side by side: differences and rules between them",
        _cmd_compare,
    )
    compare.add_argument("a", metavar="A", help="a market (id, code, country, city) or a company")
    compare.add_argument("b", metavar="B", help="the other market or company")
    compare.add_argument("--all", action="store_true", help="every rung, not only those that differ")
    graph = _sub(subs, "graph", common, "print a ladder's graph as Mermaid, DOT or JSON", _cmd_graph)
    graph.add_argument("market", help="market id, ISO code or country name")
    graph.add_argument(
        "--format",
        "-f",
        choices=("mermaid", "dot", "json"),
        default="mermaid",
        help="mermaid (default), dot, or json (networkx node-link data)",
    )
    path = _sub(subs, "path", common, "print the promotion path between two titles", _cmd_path)
    path.add_argument("market", help="market id, ISO code or country name")
    path.add_argument("start", metavar="FROM", help="the starting title (id, title or alias)")
    path.add_argument("goal", metavar="TO", help="the title to reach")
    validate = _sub(subs, "validate", common, "check ladder and crosswalk files", _cmd_validate)
    validate.add_argument("files", nargs="+", metavar="FILE", help="YAML ladder or crosswalk files")
    _sub(subs, "schema", common, "print the JSON Schema of ladder and crosswalk files", _cmd_schema)


# -- entry point ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_usage(sys.stderr)
            _error("choose a command; try 'titlemap --help'")
            return 2
        args.ladders = [*args.ladders, *args.sub_ladders]
        return int(args.handler(args))
    except _Terminated:
        _error("terminated")
        return 143
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BrokenPipeError:
        _silence_stdout()
        return 141
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except (UsageError, UnknownMarketError, UnknownRungError) as exc:
        _error(str(exc))
        return 2
    except TitlemapError as exc:
        _error(str(exc))
        return 1
    except OSError as exc:
        _error(_os_message(exc))
        return 1


def _say(text: str) -> None:
    """Write one line to standard error; nothing when it is closed or gone (``2>&-``, cron)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"{text}\n")
        stream.flush()
    except (OSError, ValueError):  # closed, or its reader went away
        pass


def _stderr_is_a_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (OSError, ValueError):
        return False


def _error(message: str) -> None:
    _say(f"{PROG}: error: {message}")


def _warn(message: str) -> None:
    _say(f"{PROG}: warning: {message}")


def _os_message(exc: OSError) -> str:
    what = exc.strerror or str(exc)
    return f"{exc.filename}: {what}" if exc.filename else what


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _titlemap(args: argparse.Namespace) -> TitleMap:
    files: list[str] = args.ladders
    return TitleMap.from_paths(files) if files else TitleMap.default()


def _wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _print_json_line(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False))


# -- normalize ------------------------------------------------------------------------------------


def _employer(args: argparse.Namespace, prefix: str = "") -> Employer | None:
    """The employer given by ``--company/--sector/--stage`` (or their ``--to-`` forms), or None."""
    values = {name: getattr(args, f"{prefix}{name}", None) for name in ("company", "sector", "stage")}
    if not any(values.values()):
        return None
    try:
        return Employer(**values)
    except InputError as exc:
        flag = f"--{prefix.replace('_', '-')}{exc.field or 'company'}"
        raise UsageError(f"{flag} {exc.value!r}: {exc.detail}") from None


def _cmd_normalize(args: argparse.Namespace) -> int:
    tm = _titlemap(args)
    market = tm.market_id(args.market)
    employer = _employer(args)
    if args.input is not None:
        if args.titles:
            raise UsageError("give titles or --input FILE, not both")
        columns = _context_columns(args)
        reader = RowReader(tm, market=market, employer=employer, fields=[f for f, _, _ in columns])
        return _run_bulk(args, reader, columns)
    _need_titles(args)
    for title in args.titles:
        match = tm.normalize(title, market, employer=employer)
        why = None if match is not None else tm.reason(title, market, employer=employer)
        if _wants_json(args):
            unread = {"raw": title, "title": None, "market": market, "reason": str(why)}
            _print_json_line(match.to_dict() if match else unread)
        else:
            print(_match_line(title, match, why))
    return 0


def _need_titles(args: argparse.Namespace) -> None:
    if not args.titles:
        raise UsageError(f"give one or more titles, or --input FILE; try 'titlemap {args.command} --help'")
    for opt in ("output", "format", "encoding", "sheet"):
        if getattr(args, opt) is not None:
            raise UsageError(f"--{opt} needs --input FILE")
    for _, flag, _ in _context_columns(args):
        raise UsageError(f"{flag} needs --input FILE (a column of the file)")


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


# -- map ------------------------------------------------------------------------------------------


def _profile(args: argparse.Namespace) -> Profile:
    try:
        return Profile(
            background=args.background,
            years=args.years,
            manages_people=args.manages_people,
            history=tuple(args.history),
        )
    except InputError as exc:
        name = (exc.field or "profile").replace("_", "-")
        raise UsageError(f"--{name} {exc.value!r}: {exc.detail}") from None


def _cmd_map(args: argparse.Namespace) -> int:
    tm = _titlemap(args)
    columns = _context_columns(args)
    if args.source is None and not (args.input is not None and any(f == "market" for f, _, _ in columns)):
        raise UsageError("--from MARKET is required (or, with --input, a --market-column)")
    source = tm.market_id(args.source) if args.source is not None else None
    target = tm.market_id(args.target)
    profile = _profile(args)
    employer, target_employer = _employer(args), _employer(args, "to_")
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
        return _run_bulk(args, reader, columns)
    _need_titles(args)
    assert source is not None
    for i, title in enumerate(args.titles):
        mapping = tm.map_title(
            title, source, target, profile, source_employer=employer, target_employer=target_employer
        )
        why = None if mapping is not None else tm.reason(title, source, employer=employer)
        if _wants_json(args):
            unread = {"raw": title, "title": None, "market": target, "reason": str(why)}
            _print_json_line(mapping.to_dict() if mapping else unread)
            continue
        if i:
            print()
        print("\n".join(_mapping_lines(title, source, mapping, why)))
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


# -- bulk mode ------------------------------------------------------------------------------------


@dataclass
class _Stats:
    rows: int = 0
    matched: int = 0
    malformed: int = 0

    def summary(self, seconds: float) -> dict[str, float | int]:
        return {
            "rows": self.rows,
            "matched": self.matched,
            "unmatched": self.rows - self.matched,
            "malformed": self.malformed,
            "seconds": round(seconds, 3),
        }


class _Progress:
    """A one-line progress display on standard error, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO, total: int | None) -> None:
        self._stream = stream
        self._total = total
        self._next = 0.0
        self._drawn = False

    def update(self, rows: int, done: int) -> None:
        now = time.monotonic()
        if now < self._next:
            return
        self._next = now + 0.1
        text = f"{rows:,} rows"
        if self._total:
            frac = min(done / self._total, 1.0)
            bar = "#" * int(frac * 30)
            text = f"[{bar:<30}] {frac:4.0%}  {text}"
        self._draw(f"\r{text}")
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self._draw("\r\x1b[K")

    def _draw(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # standard error went away: stop drawing
            self._next = float("inf")


@contextmanager
def _open_input(path: str) -> Iterator[tuple[IO[bytes], str, int | None]]:
    """The input as bytes, its display name and its size when it is a regular file."""
    if path == "-":
        yield sys.stdin.buffer, "<stdin>", None
        return
    with open(path, "rb") as fh:
        info = os.fstat(fh.fileno())
        yield fh, path, info.st_size if stat.S_ISREG(info.st_mode) else None


def _run_bulk(args: argparse.Namespace, reader: RowReader, columns: Sequence[tuple[str, str, str]]) -> int:
    """Read the input table row by row, add the columns and write every row out, then summarize."""
    fmt = detect_format(args.input, args.format)
    out_fmt = _output_format(args, fmt)
    if args.sheet is not None and fmt != "xlsx":
        raise UsageError("--sheet needs an .xlsx input")
    started = time.monotonic()
    stats = _Stats()
    with _open_input(args.input) as (stream, name, size), _terminate_cleanly():
        if fmt == "xlsx":
            if args.encoding is not None:
                raise UsageError("--encoding does not apply to an .xlsx input")
            cells_as: Literal["native", "text", "json"] = (
                "native" if out_fmt == "xlsx" else "json" if out_fmt == "jsonl" else "text"
            )
            table: Table = XlsxTable(_seekable(stream), name, args.column, args.sheet, cells=cells_as)
            bom, newline, position = False, "\n", None
        else:
            peek = getattr(stream, "peek", None)
            if peek is not None and peek(4)[:4] == b"PK\x03\x04":
                raise InputError(
                    f"{name}: a zip file, not {fmt.upper()} text; for an .xlsx workbook pass --format xlsx"
                )
            lines = LineSource(stream, name, args.encoding)
            table = read_table(lines, fmt, args.column)
            bom, newline, position = lines.bom and fmt != "jsonl", lines.newline, lines
        cells = context_cells(table, [(flag, column) for _, flag, column in columns], name)
        if table.header is None and fmt != "jsonl" and not args.quiet:
            _warn(f"{name}: the input is empty")
        progress = _Progress(sys.stderr, size) if _stderr_is_a_terminal() and not args.quiet else None

        def copy(sink: Sink) -> None:
            warned = _warn_renamed(args, name, sink.renamed)
            write, by_title = sink.write, reader.by_title
            for record in table:
                title = record.title
                if columns:
                    values = reader(title, cells(record))
                elif title is None or len(title) <= MEMO_TITLE_CHARS:
                    values = by_title(title)
                else:
                    values = reader(title)
                clash = write(record, values)
                if not warned:  # JSON Lines: the names are decided by the first object
                    warned = _warn_renamed(args, name, sink.renamed)
                stats.rows += 1
                if values[0] is not None:
                    stats.matched += 1
                if record.problem is not None or clash is not None:
                    _report(stats, record, name, clash)
                if progress is not None:
                    progress.update(stats.rows, position.bytes_read if position is not None else 0)

        try:
            if out_fmt == "xlsx":
                _refuse_oversized(table)
                with xlsx_output(args.output) as path:
                    workbook = XlsxSink(table.header, reader.columns, getattr(table, "sheet", "titlemap"))
                    try:
                        copy(workbook)
                    except BaseException:
                        workbook.discard()
                        raise
                    workbook.save(path)
            else:
                with open_output(args.output, bom=bom) as out:
                    copy(make_sink(out, out_fmt, table.header, reader.columns, newline))
        finally:
            if progress is not None:
                progress.close()
    _summarize(args, stats, time.monotonic() - started, _read_in(reader, columns))
    return 0


def _read_in(reader: RowReader, columns: Sequence[tuple[str, str, str]]) -> str:
    """Where the rows were read, for the summary: "market us", "markets from column 'Market'
    (blank cells: us)", and "-> in" when mapping."""
    column = next((name for field, _, name in columns if field == "market"), None)
    if column is None:
        where = f"market {reader.market}"
    else:
        where = f"markets from column {column!r}"
        if reader.market is not None:
            where += f" (blank cells: {reader.market})"
    return where if reader.target is None else f"{where} -> {reader.target}"


def _output_format(args: argparse.Namespace, fmt: Format) -> Format:
    """The output's format: the input's, except that a workbook is never written to a stream
    (an .xlsx input gives CSV on standard output) and, without ``--format``, an .xlsx on either
    side lets the output file's extension decide (``-o out.xlsx``, ``-o out.csv``)."""
    if args.output in (None, "-"):
        return "csv" if fmt == "xlsx" else fmt
    if args.format is not None:
        return fmt
    wanted = detect_format(args.output)
    return wanted if "xlsx" in (wanted, fmt) else fmt


def _refuse_oversized(table: Table) -> None:
    declared = getattr(table, "rows_declared", None)
    if declared is not None and declared > XLSX_MAX_ROWS:
        raise InputError(
            f"the sheet has {declared:,} rows, more than an Excel sheet holds ({XLSX_MAX_ROWS:,}); "
            "write CSV instead (--output FILE.csv)"
        )


def _seekable(stream: IO[bytes]) -> IO[bytes]:
    """A workbook is a zip file, read from its end: standard input is read into memory first."""
    if stream.seekable():
        return stream
    return io.BytesIO(stream.read())


def _warn_renamed(args: argparse.Namespace, name: str, renamed: list[str]) -> bool:
    """Warn about added columns given a ``titlemap_`` prefix, if any; returns whether there were.

    The added ``title`` column clashes with the input's title column whenever that is named
    "title" (most files): that rename is expected and documented, not warned about."""
    if not renamed:
        return False
    own_titles = {"title"} if str(args.column).casefold() == "title" else set()
    shown = [n for n in renamed if n.removeprefix("titlemap_").casefold() not in own_titles]
    if shown and not args.quiet:
        _warn(f"{name}: the input already has columns named like the added ones; added as {', '.join(shown)}")
    return True


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """While the block runs, SIGTERM unwinds like Ctrl-C (the temporary output file is removed)
    and the command exits with status 143."""

    def on_term(signum: int, frame: object) -> None:
        raise _Terminated(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, on_term)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _report(stats: _Stats, record: Record, name: str, clash: str | None) -> None:
    """Count a malformed row and list it on standard error (the first ones only)."""
    problem = "; ".join(p for p in (record.problem, clash) if p)
    stats.malformed += 1
    if stats.malformed <= MAX_LISTED_PROBLEMS:
        _warn(f"{name}:{record.line}: malformed row kept: {problem}")
    elif stats.malformed == MAX_LISTED_PROBLEMS + 1:
        _warn(f"more than {MAX_LISTED_PROBLEMS} malformed rows; the others are only counted")


def _summarize(args: argparse.Namespace, stats: _Stats, seconds: float, read_in: str) -> None:
    if args.quiet:
        return
    data: dict[str, object] = {**stats.summary(seconds), "read_in": read_in}
    if _wants_json(args):
        _say(json.dumps(data))
        return
    _say(
        f"{PROG}: rows {stats.rows:,}, matched {stats.matched:,}, unmatched {stats.rows - stats.matched:,}, "
        f"malformed {stats.malformed:,}, {seconds:.2f} s; {read_in}"
    )


# -- ladders, show, graph, path -------------------------------------------------------------------


def _cmd_ladders(args: argparse.Namespace) -> int:
    ladders = _titlemap(args).ladders()
    if _wants_json(args):
        _print_json(
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
    _print_table(rows)
    return 0


def _print_table(rows: Sequence[Sequence[str]]) -> None:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: East Asian wide characters (katakana, kanji) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cmd_show(args: argparse.Namespace) -> int:
    lad = _titlemap(args).ladder(args.market)
    if _wants_json(args):
        _print_json(lad.to_dict())
        return 0
    print(f"{lad.name} ({lad.id}, {len(lad)} rungs)")
    rows = [("LEVEL", "TRACK", "TITLE", "ALIASES")]
    rows += [(str(r.level), r.track, r.title, ALIAS_SEPARATOR.join(r.aliases)) for r in reversed(lad.rungs)]
    _print_table(rows)
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    tm = _titlemap(args)
    found = tm.comparison(args.a, args.b)
    if _wants_json(args):
        _print_json(
            {
                "a": found.a,
                "b": found.b,
                "rungs": [dict(r) for r in found.rows],
                "rules": [r.to_dict() for r in found.rules],
            }
        )
        return 0
    a, b = tm.ladder(found.a), tm.ladder(found.b)
    print(f"{a.name} ({a.id})  vs  {b.name} ({b.id})")
    shown = found.rows if args.all else found.differences()
    if not shown:
        print("no differences: every rung has the same title, level, track and scope")
    rows = [("RUNG", f"{a.id.upper()}", f"{b.id.upper()}", "DIFFERS IN")]
    for r in shown:
        left = "-" if r["a_title"] is None else f"L{r['a_level']} {r['a_local_title'] or r['a_title']}"
        right = "-" if r["b_title"] is None else f"L{r['b_level']} {r['b_local_title'] or r['b_title']}"
        rows.append((r["rung"], left, right, r["what"] or "same"))
    if shown:
        _print_table(rows)
    if found.rules:
        print(f"\nRules between them ({len(found.rules)}):")
        for rule in found.rules:
            when = rule.when.describe()
            print(f"  {rule.id}: {rule.from_} -> {rule.to} ({when}), confidence {rule.confidence:.2f}")
    return 0


def _cmd_graph(args: argparse.Namespace) -> int:
    lad = _titlemap(args).ladder(args.market)
    fmt = "json" if _wants_json(args) else args.format
    if fmt == "json":
        _print_json(_node_link(lad))
    elif fmt == "dot":
        sys.stdout.write(lad.to_dot())
    else:
        sys.stdout.write(lad.to_mermaid())
    return 0


def _node_link(lad: Ladder) -> Any:
    import networkx as nx

    data = nx.node_link_data(lad.graph, edges="links")
    return json.loads(json.dumps(data, default=list))


def _cmd_path(args: argparse.Namespace) -> int:
    lad = _titlemap(args).ladder(args.market)
    steps = lad.path(args.start, args.goal)
    if not steps:
        start, goal = lad.rung(args.start), lad.rung(args.goal)
        _error(f"no promotion path from {start.title!r} to {goal.title!r} in {lad.id!r}")
        return 1
    if _wants_json(args):
        _print_json([{"id": r.id, "title": r.title, "level": r.level, "track": r.track} for r in steps])
        return 0
    for i, r in enumerate(steps):
        print(f"{'  ' if i else ''}{'-> ' if i else ''}{r.title} (level {r.level}, {r.track})")
    return 0


# -- validate, schema -----------------------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace) -> int:
    errors = _validate(list(args.files))
    if _wants_json(args):
        _print_json(
            {
                "ok": not errors,
                "errors": [
                    {"file": e.file, "line": e.line, "place": e.place, "message": e.detail} for e in errors
                ],
            }
        )
    elif errors:
        for e in errors:
            print(_ladder_error_line(e))
    else:
        print("ok")
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


def _cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json_schema_text())
    return 0
