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
import sys
from collections.abc import Callable, Sequence

from .cli_bulk import Terminated
from .cli_encoding import not_utf8_warning, recover_arguments
from .cli_extract import cmd_extract
from .cli_ladders import (
    cmd_compare,
    cmd_graph,
    cmd_ladders,
    cmd_levels,
    cmd_path,
    cmd_schema,
    cmd_show,
    cmd_validate,
)
from .cli_parser import COMMANDS, UsageError, build_parser
from .cli_titles import cmd_map, cmd_normalize
from .console import display_width, error, os_message, silence_stdout, tolerant_stdout, warn
from .errors import TitlemapError, UnknownMarketError, UnknownRungError

__all__ = ["COMMANDS", "UsageError", "build_parser", "main"]

_width = display_width  # the old private name, used by tests/test_compare.py

_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "normalize": cmd_normalize,
    "map": cmd_map,
    "extract": cmd_extract,
    "ladders": cmd_ladders,
    "show": cmd_show,
    "compare": cmd_compare,
    "levels": cmd_levels,
    "graph": cmd_graph,
    "path": cmd_path,
    "validate": cmd_validate,
    "schema": cmd_schema,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_usage(sys.stderr)
            error("choose a command; try 'titlemap --help'")
            return 2
        args.ladders = [*args.ladders, *args.sub_ladders]
        if recover_arguments(args):
            warn(not_utf8_warning())
        with tolerant_stdout():
            return int(_HANDLERS[args.command](args))
    except Terminated:
        error("terminated")
        return 143
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BrokenPipeError:
        silence_stdout()
        return 141
    except KeyboardInterrupt:
        error("interrupted")
        return 130
    except (UsageError, UnknownMarketError, UnknownRungError) as exc:
        error(str(exc))
        return 2
    except TitlemapError as exc:
        error(str(exc))
        return 1
    except OSError as exc:
        error(os_message(exc))
        return 1
