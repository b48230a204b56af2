"""``titlemap extract``: free texts (headlines, résumé lines, job-posting headlines) given on the
command line, or a file of them.

Texts given as arguments are printed one line each (``--format text``), as a CSV or TSV table
with a header (``csv``, ``tsv``), or as JSON Lines of :meth:`Extraction.to_dict
<titlemap.extract.Extraction.to_dict>` (``json``, or ``--json``). With ``--input`` the file goes
through :func:`titlemap.cli_bulk.run_bulk` with an :class:`~titlemap.extract_rows.ExtractReader`,
which adds the :data:`~titlemap.extract.EXTRACT_COLUMNS`.
"""

from __future__ import annotations

import argparse
import csv
import io

from .cli_bulk import run_bulk
from .cli_parser import UsageError, context_columns, need_input_for, titlemap_of, wants_json
from .cli_titles import employer_of
from .console import out, print_json_line
from .extract import EXTRACT_COLUMNS, Extraction, extraction_values

__all__ = ["cmd_extract", "extraction_line"]

_TEXT_FORMATS = ("text", "json", "csv", "tsv")


def cmd_extract(args: argparse.Namespace) -> int:
    """Run ``titlemap extract``; returns the exit status."""
    tm = titlemap_of(args)
    market = tm.market_id(args.market)
    employer = employer_of(args)
    if args.input is not None:
        if args.texts:
            raise UsageError("give texts or --input FILE, not both")
        if args.format == "text":
            raise UsageError("--format text is for texts as arguments; a file is csv, tsv, json or xlsx")
        if args.format == "json":
            args.format = "jsonl"
        columns = context_columns(args)
        from .extract_rows import ExtractReader

        reader = ExtractReader(tm, market=market, employer=employer, fields=[f for f, _, _ in columns])
        return run_bulk(args, reader, columns)
    fmt = _text_format(args)
    found = [(text, tm.extract(text, market, employer=employer)) for text in args.texts]
    if fmt == "json":
        for _, extraction in found:
            print_json_line(extraction.to_dict())
    elif fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(("text", *EXTRACT_COLUMNS))
        writer.writerows((text, *extraction_values(e)) for text, e in found)
        out(buffer.getvalue(), end="")
    else:
        for text, extraction in found:
            out(extraction_line(text, extraction))
    return 0


def _text_format(args: argparse.Namespace) -> str:
    """The format texts given as arguments are printed in; checks the file-only options."""
    if not args.texts:
        raise UsageError("give one or more texts, or --input FILE; try 'titlemap extract --help'")
    need_input_for(args, ("output", "encoding", "sheet", "delimiter", "added_columns"))
    fmt: str = "json" if wants_json(args) else args.format or "text"
    if fmt == "jsonl":
        return "json"
    if fmt not in _TEXT_FORMATS:
        raise UsageError(f"--format {fmt} needs --input FILE; texts print as {', '.join(_TEXT_FORMATS)}")
    return fmt


def extraction_line(text: str, extraction: Extraction) -> str:
    """One line for an extraction: text => the current role (level, confidence), employer, past
    roles, place; or why there is no current role.

    >>> from titlemap import extract
    >>> extraction_line("PM @ Stripe | ex-Google", extract("PM @ Stripe | ex-Google"))
    'PM @ Stripe | ex-Google => Product Manager | level 2 | confidence 1.00 | employer: stripe | past: google'
    """
    current = extraction.current
    if current is None:
        head = f"{text} => no current role ({extraction.reason})"
    else:
        head = f"{text} => {current.title} | level {current.level} | confidence {current.confidence:.2f}"
    parts = [
        ("employer", extraction.employer),
        ("past", "; ".join(p.describe() for p in extraction.past) or None),
        ("location", extraction.location),
    ]
    return " | ".join([head, *(f"{name}: {value}" for name, value in parts if value)])
