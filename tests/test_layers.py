"""The house rules: modules form layers (no module imports one above it, no import circle) and
no function is longer than MAX_FUNCTION_LINES.

As nameparser's layering test does, this reads every module's imports (at module level and
inside functions, ``importlib.import_module("titlemap.x")`` by name too; imports under
``if TYPE_CHECKING:`` are for the type checker only and not followed) and holds them to the
order below. A new module joins the lowest layer that holds everything it imports; a change that
makes a module import upward fails here with the edge that does it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

import titlemap

PACKAGE = Path(titlemap.__file__).parent

#: From the top down: the front doors (command line, data frames, plots, file formats), the
#: registry that loads and serves ladders (:class:`titlemap.TitleMap`), and everything below it
#: (models, reading, mapping). A module in a layer may import its own layer and those below.
FRONT_DOORS = frozenset(
    {
        "__init__",
        "__main__",
        "cli",
        "cli_bulk",
        "cli_encoding",
        "cli_extract",
        "cli_ladders",
        "cli_parser",
        "cli_summary",
        "cli_titles",
        "excel",
        "market_cells",
        "pandas",
        "plot",
        "policy",
        "rows",
        "extract_rows",
        "spark",
        "views",
        "workbook_package",
        "workbook_reader",
        "workbook_writer",
        "text_reader",
        "text_writer",
        "text_lines",
        "output_files",
        "tabular",
        "console",
        "columns",
        "level_table",
        "table",
    }
)
REGISTRY = frozenset({"core"})

#: Imports allowed to run upward, each with why. Ladder.plot() is a deprecated shim kept for
#: users' code; it reaches the plotting door by name at call time only.
ALLOWED_UPWARD = {("ladder", "plot"): "deprecated Ladder.plot(), to be removed in 0.2"}


def _layer(module: str) -> int:
    if module in FRONT_DOORS:
        return 2
    return 1 if module in REGISTRY else 0


def _imports(tree: ast.AST, typing: bool = False) -> Iterator[str]:
    """The package modules a module's code imports, outside ``if TYPE_CHECKING:`` blocks (also
    inside them, with ``typing``)."""
    for node in ast.iter_child_nodes(tree):
        if not typing and isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for other in node.orelse:
                yield from _imports(other)
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                yield node.module.split(".")[0]
            else:
                yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("titlemap."):
            yield str(node.module).split(".")[1]
        elif isinstance(node, ast.Call) and ast.unparse(node.func).endswith("import_module") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and str(first.value).startswith("titlemap."):
                yield str(first.value).split(".")[1]
        yield from _imports(node, typing)


def _graph(typing: bool = False) -> nx.DiGraph:
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for path in PACKAGE.glob("*.py"):
        for target in _imports(ast.parse(path.read_text(encoding="utf-8")), typing):
            if target in modules and target != path.stem:
                graph.add_edge(path.stem, target)
    return graph


GRAPH = _graph()


def test_the_graph_sees_the_imports() -> None:
    # the reader is not blind: known edges are there
    assert GRAPH.has_edge("core", "normalizer") and GRAPH.has_edge("cli", "cli_parser")
    assert GRAPH.has_edge("ladder", "plot")  # through import_module, by name
    assert not GRAPH.has_edge("extract", "core")  # it takes a TitleReader, imports no TitleMap


def test_every_module_has_a_layer_and_the_doors_exist() -> None:
    modules = set(GRAPH)
    assert not FRONT_DOORS - modules, sorted(FRONT_DOORS - modules)
    assert not REGISTRY - modules


@pytest.mark.parametrize("edge", sorted(GRAPH.edges), ids="->".join)
def test_no_module_imports_upward(edge: tuple[str, str]) -> None:
    low, high = edge
    if edge in ALLOWED_UPWARD:
        return
    assert _layer(low) >= _layer(high), f"{low} (layer {_layer(low)}) imports {high} (layer {_layer(high)})"


def test_no_import_circle() -> None:
    graph = GRAPH.copy()
    graph.remove_edges_from(ALLOWED_UPWARD)
    circles = list(nx.simple_cycles(graph))
    assert not circles, "import circles: " + "; ".join(" -> ".join([*c, c[0]]) for c in circles[:5])


def test_type_only_imports_keep_the_layers_too() -> None:
    # a type the checker needs from a higher layer is a protocol in the lower one (as
    # extract.TitleReader is for the TitleMap), so that a reader of the code sees no circle either
    typed = _graph(typing=True)
    assert typed.has_edge("policy", "core")  # a front door may name the registry's types
    upward = [e for e in typed.edges if e not in ALLOWED_UPWARD and _layer(e[0]) < _layer(e[1])]
    assert not upward, upward
    typed.remove_edges_from(ALLOWED_UPWARD)
    assert not list(nx.simple_cycles(typed))


def test_the_allowed_upward_imports_are_still_needed() -> None:
    assert all(GRAPH.has_edge(*edge) for edge in ALLOWED_UPWARD), "drop the stale entries"


#: The longest function body the house keeps: longer ones read as their steps, each named.
MAX_FUNCTION_LINES = 80


def test_no_function_is_longer_than_the_house_allows() -> None:
    long = [
        f"{path.name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in sorted(PACKAGE.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, "split these into named steps: " + "; ".join(long)
