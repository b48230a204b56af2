"""docs/notebooks/explore_ladders.ipynb runs top to bottom, and is committed with current outputs.

The outputs are written by ``tools/refresh_notebook.py``; the test executes the notebook and
compares its text outputs (printed text and plain-text results; images only by position) with
the committed ones, so a change that alters what the notebook shows fails until it is refreshed.

The notebook asks for the ``python3`` kernel. Which interpreter that name starts depends on the
kernel specs on the machine (a user-wide ``python3`` spec may point at another Python), so the
test pins it: a kernel spec manager that resolves ``python3`` to *this* interpreter,
``sys.executable -m ipykernel_launcher``. Nothing is installed and the test process's
environment is not changed; it works in a fresh venv where only ``pip install -e .[dev]`` ran
(ipykernel is a dev dependency).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")


NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "notebooks" / "explore_ladders.ipynb"
CELL_TIMEOUT = 120


def _refresh_tool() -> Any:
    """tools/refresh_notebook.py, which executes the notebook the same way."""
    import importlib.util

    path = NOTEBOOK.parent.parent.parent / "tools" / "refresh_notebook.py"
    spec = importlib.util.spec_from_file_location("refresh_notebook", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REFRESH = _refresh_tool()
ThisPythonKernelManager = REFRESH.ThisPythonKernelManager


def _read() -> Any:
    return nbformat.read(NOTEBOOK, as_version=4)


def test_notebook_is_committed_with_outputs() -> None:
    nb = _read()
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "the notebook has no code cells"
    for i, cell in enumerate(code):
        assert cell.outputs, f"code cell {i} has no outputs; run python tools/refresh_notebook.py"
        assert cell.execution_count == i + 1, f"code cell {i} was not executed in order"
        assert all(o.output_type != "error" for o in cell.outputs), f"code cell {i} holds an error"
        assert "execution" not in cell.metadata, "timings left in; run python tools/refresh_notebook.py"


def test_kernel_resolves_to_this_interpreter() -> None:
    spec = ThisPythonKernelManager(kernel_name="python3").kernel_spec
    assert spec is not None
    assert spec.argv[0] == sys.executable


@pytest.mark.slow
def test_notebook_executes(tmp_path: Path) -> None:
    nb = _read()
    # A last cell, added to the copy in memory only, reports which interpreter ran the kernel.
    nb.cells.append(nbformat.v4.new_code_cell("import sys\nprint(sys.executable)"))
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        kernel_manager_class=ThisPythonKernelManager,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        allow_errors=False,
    )
    client.execute()

    *code, probe = [c for c in nb.cells if c.cell_type == "code"]
    assert probe.outputs[0]["text"].strip() == sys.executable
    assert all(c.execution_count for c in code)
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors

    def text(cell: Any) -> str:
        parts = []
        for o in cell.outputs:
            parts.append(o.get("text", ""))
            parts.append(o.get("data", {}).get("text/plain", ""))
        return "\n".join(parts)

    everything = "\n".join(text(c) for c in code)
    assert "'jp'" in everything and "'in'" in everything and "'microsoft'" in everything
    assert "Senior Product Manager" in everything
    assert "canonical_title" in everything
    assert "Mapping('Product Owner' [us] -> 'Product Manager' [in]" in everything
    assert "Rule us-po-experienced-engineer-is-in-senior-pm" in everything  # the engineer's mapping
    images = [o for c in code for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 4  # the India ladder and three side-by-side comparisons
    assert "not-product: project or program management" in everything  # reasons
    assert "market 'Atlantis' is not a loaded market" in everything  # per-row context
    # The executed copy is handy when the test fails in CI; the committed file is left untouched.
    nbformat.write(nb, tmp_path / NOTEBOOK.name)
    nb.cells.pop()  # the probe cell
    refresh = _refresh_tool()
    stale = [
        i
        for i, (old, new) in enumerate(
            zip(refresh.text_outputs(_read()), refresh.text_outputs(nb), strict=True)
        )
        if old != new
    ]
    assert not stale, (
        f"code cells {stale} show other outputs than committed; run python tools/refresh_notebook.py"
    )
