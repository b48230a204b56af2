"""The ``titlemap`` command line's arguments: one subparser per command, with examples.

:func:`build_parser` gives the parser; each subcommand's namespace has ``command`` set to its
name. :func:`context_columns` lists the ``--*-column`` flags given.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

from . import __version__
from .columns import CONTEXT_FIELDS, EMPLOYER_FIELDS
from .columns import context_columns as read_columns
from .console import PROG
from .core import DEFAULT_MARKET, TitleMap
from .records import BACKGROUNDS, SECTORS
from .table import FORMATS

__all__ = [
    "COMMANDS",
    "EXTRACT_FORMATS",
    "UsageError",
    "build_parser",
    "column_flag",
    "context_columns",
    "delimiter_of",
    "titlemap_of",
    "wants_json",
]

#: The subcommands, in the order of ``titlemap --help``.
COMMANDS: tuple[str, ...] = (
    "normalize",
    "map",
    "extract",
    "ladders",
    "show",
    "compare",
    "levels",
    "graph",
    "path",
    "validate",
    "schema",
)


class UsageError(Exception):
    """Bad arguments found after parsing (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are two short lines and exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``titlemap: error: message`` and a pointer to ``--help``, then exit 2."""
        self.exit(2, f"{PROG}: error: {message}\ntry '{self.prog} --help'\n")


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
    "extract": """examples:
  titlemap extract "Senior PM @ Swiggy | ex-Flipkart | IIM A" --market in
  titlemap extract "Group Product Manager at Meesho. Previously Amazon." --format json
  titlemap extract "Angel investor | ex-Google PM" "PM @ Stripe" --format csv
  titlemap extract --input profiles.csv --column headline --market in --output out.csv
  titlemap extract -i people.xlsx -c Headline --market-column Location -o people.out.xlsx""",
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
  titlemap compare us meta --json
  titlemap compare google amazon""",
    "levels": """examples:
  titlemap levels
  titlemap levels google amazon meta
  titlemap levels Google Microsoft --format csv > levels.csv
  titlemap levels --format json --long""",
    "graph": """examples:
  titlemap graph in > in.mmd
  titlemap graph us --format dot | dot -Tsvg > us.svg
  titlemap graph in --format json""",
    "path": """examples:
  titlemap path in APM "Director of Product"
  titlemap path us "Product Manager" "VP of Product" --json""",
    "validate": """examples:
  titlemap validate acme.yaml
  titlemap validate acme.yaml acme-crosswalk.yaml --json
  titlemap validate my-draft.yaml --schema-only""",
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
    _add_extract(subs, common)
    _add_simple(subs, common)
    return parser


def _sub(
    subs: Any,
    name: str,
    common: argparse.ArgumentParser,
    help_text: str,
) -> argparse.ArgumentParser:
    sub: argparse.ArgumentParser = subs.add_parser(
        name,
        help=help_text,
        description=help_text,
        parents=[common],
        epilog=_EPILOGS[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return sub


def _add_bulk_options(sub: argparse.ArgumentParser, what: str = "title", formats: bool = True) -> None:
    bulk = sub.add_argument_group(f"bulk mode (a file of {what}s)")
    bulk.add_argument(
        "--input", "-i", metavar="FILE", help="CSV, TSV, JSON Lines or .xlsx file; '-' reads standard input"
    )
    bulk.add_argument(
        "--column", "-c", default=what, help=f"the column (or JSON key) of {what}s (default: {what})"
    )
    bulk.add_argument(
        "--output", "-o", metavar="FILE", help="write here (atomically) instead of standard output"
    )
    if formats:
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
    bulk.add_argument(
        "--delimiter",
        "-d",
        metavar="SEP",
        help="the CSV field separator, for input and output: ',', ';', tab, '|' or any one character "
        "(default: sniffed from the header line)",
    )
    bulk.add_argument("--sheet", metavar="NAME", help="the sheet of an .xlsx input (default: the first)")
    bulk.add_argument(
        "--added-columns",
        metavar="NAMES",
        help="write only these of the added columns, comma-separated (e.g. canonical_title,level; "
        "default: all)",
    )
    bulk.add_argument("--quiet", "-q", action="store_true", help="no summary on standard error")


def _add_employer(
    sub: argparse.ArgumentParser, title: str, prefix: str = "", aliases: Sequence[str] = ()
) -> None:
    """``--company``, ``--sector``, ``--stage`` (or ``--to-...`` with a prefix); ``aliases`` are
    other names of ``--company``."""
    group = sub.add_argument_group(title)
    dest = prefix.replace("-", "_")
    group.add_argument(
        f"--{prefix}company",
        *aliases,
        dest=f"{dest}company",
        help="the employer: a company name or company ladder id",
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


def column_flag(field: str) -> str:
    return f"--{field.replace('_', '-')}-column"


def _add_context_columns(sub: argparse.ArgumentParser, fields: Sequence[str]) -> None:
    """``--market-column`` and friends: a file's own column for each row's context."""
    group = sub.add_argument_group(
        "per-row context (bulk mode: a column of the file; a cell wins over the flag for its row)"
    )
    for field in fields:
        group.add_argument(
            column_flag(field), dest=f"{field}_column", metavar="COLUMN", help=_COLUMN_HELP[field]
        )


def context_columns(args: argparse.Namespace) -> list[tuple[str, str, str]]:
    """The per-row context columns given, (field, flag, column name), from the one ``columns``
    mapping of :func:`titlemap.columns.context_columns` that pandas and Spark take too."""
    given: dict[str, str | None] = {f: getattr(args, f"{f}_column", None) for f in CONTEXT_FIELDS}
    columns: dict[str, str] = read_columns(given, {}, CONTEXT_FIELDS, PROG)
    return [(field, column_flag(field), column) for field, column in columns.items()]


def _add_normalize(subs: Any, common: argparse.ArgumentParser) -> None:
    sub = _sub(subs, "normalize", common, "read job titles as rungs of a market's ladder")
    sub.add_argument("titles", nargs="*", metavar="TITLE", help="titles to read")
    sub.add_argument(
        "--market", "-m", default=DEFAULT_MARKET, help=f"market id or country (default: {DEFAULT_MARKET})"
    )
    _add_employer(sub, "employer (context that moves the level)")
    _add_bulk_options(sub)
    _add_context_columns(sub, ("market", *EMPLOYER_FIELDS))


#: ``titlemap extract --format``: how texts given as arguments are printed (text, csv, tsv,
#: json), or the table format of a file (csv, tsv, jsonl, xlsx; json is jsonl there).
EXTRACT_FORMATS: tuple[str, ...] = ("text", "json", *FORMATS)


def _add_extract(subs: Any, common: argparse.ArgumentParser) -> None:
    sub = _sub(
        subs,
        "extract",
        common,
        "read free texts (headlines, resume lines): the current role, employer, past roles, place",
    )
    sub.add_argument("texts", nargs="*", metavar="TEXT", help="texts to read")
    sub.add_argument(
        "--market", "-m", default=DEFAULT_MARKET, help=f"market id or country (default: {DEFAULT_MARKET})"
    )
    sub.add_argument(
        "--format",
        "-f",
        choices=EXTRACT_FORMATS,
        help="texts: text (default), csv, tsv or json lines; a file: its table format (default: from "
        "the extension; json reads and writes JSON Lines; xlsx needs the [xlsx] extra)",
    )
    _add_employer(sub, "employer (when the text names none)", aliases=("--employer",))
    _add_bulk_options(sub, "text", formats=False)
    _add_context_columns(sub, ("market", *EMPLOYER_FIELDS))


def _add_map(subs: Any, common: argparse.ArgumentParser) -> None:
    sub = _sub(subs, "map", common, "translate titles from one market's convention to another's")
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
    _sub(subs, "ladders", common, "list the loaded markets and job families")
    show = _sub(subs, "show", common, "print a ladder as a table (level, track, title, aliases)")
    show.add_argument("market", help="market id, ISO code or country name, a company, or a job family")
    show.add_argument("--all", action="store_true", help="a company's inherited rungs too, not only its own")
    compare = _sub(
        subs,
        "compare",
        common,
        "print two ladders side by side: differences and rules between them",
    )
    compare.add_argument("a", metavar="A", help="a market (id, code, country, city) or a company")
    compare.add_argument("b", metavar="B", help="the other market or company")
    compare.add_argument(
        "--all",
        action="store_true",
        help="every rung (a company's inherited ones too), not only those that differ",
    )
    levels = _sub(
        subs,
        "levels",
        common,
        "print the companies' level codes and titles side by side, by spine level",
    )
    levels.add_argument(
        "companies", nargs="*", metavar="COMPANY", help="company ids or names (default: every company)"
    )
    levels.add_argument(
        "--format",
        "-f",
        choices=("text", "csv", "json"),
        default="text",
        help="text (default: tables of a few companies each), csv or json",
    )
    levels.add_argument(
        "--long",
        action="store_true",
        help="csv/json: one record per company rung (level, company, codes, title, track, evidence...)",
    )
    graph = _sub(subs, "graph", common, "print a ladder's graph as Mermaid, DOT or JSON")
    graph.add_argument("market", help="market id, ISO code or country name")
    graph.add_argument(
        "--format",
        "-f",
        choices=("mermaid", "dot", "json"),
        default="mermaid",
        help="mermaid (default), dot, or json (networkx node-link data)",
    )
    path = _sub(subs, "path", common, "print the promotion path between two titles")
    path.add_argument("market", help="market id, ISO code or country name")
    path.add_argument("start", metavar="FROM", help="the starting title (id, title or alias)")
    path.add_argument("goal", metavar="TO", help="the title to reach")
    validate = _sub(subs, "validate", common, "check ladder and crosswalk files")
    validate.add_argument("files", nargs="+", metavar="FILE", help="YAML ladder or crosswalk files")
    validate.add_argument(
        "--schema-only",
        action="store_true",
        help="check the schema and references only, not the data policy (graded, cited sources; "
        "examples that read as their rung)",
    )
    _sub(subs, "schema", common, "print the JSON Schema of ladder and crosswalk files")


_DELIMITER_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|", "space": " "}


def delimiter_of(args: argparse.Namespace) -> str | None:
    """The ``--delimiter`` given, as one character (``tab`` and ``\\t`` are a tab), or None.

    Raises:
        UsageError: for anything but one character that is not a quote or a line break.
    """
    given: str | None = getattr(args, "delimiter", None)
    if given is None:
        return None
    found = _DELIMITER_NAMES.get(given.lower(), given)
    if len(found) != 1 or found in '"\r\n':
        raise UsageError(f"--delimiter {given!r}: give one character such as ';' or tab (not a quote)")
    return found


def need_input_for(args: argparse.Namespace, options: Sequence[str]) -> None:
    """A usage error for the first of ``options`` (attribute names) or ``--*-column`` flags given
    without ``--input``: they apply to a file only."""
    for opt in options:
        if getattr(args, opt) is not None:
            raise UsageError(f"--{opt.replace('_', '-')} needs --input FILE")
    for _, flag, _ in context_columns(args):
        raise UsageError(f"{flag} needs --input FILE (a column of the file)")


def titlemap_of(args: argparse.Namespace) -> TitleMap:
    files: list[str] = args.ladders
    return TitleMap.from_paths(files) if files else TitleMap.default()


def wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))
