"""Execute docs/notebooks/explore_ladders.ipynb and save it with its outputs.

The notebook is committed with its outputs, so that it reads well on GitHub without running it.
Run this after changing the notebook or anything it shows::

    python tools/refresh_notebook.py          # execute and write the notebook in place
    python tools/refresh_notebook.py --check  # exit 1 when the committed outputs are stale

Outputs are made reproducible before saving: execution timings and kernel metadata are dropped,
and images are kept as produced (matplotlib's Agg backend draws the same pixels for the same
data and versions). ``tests/test_notebook.py`` executes the notebook and compares its text
outputs with the committed ones, so stale outputs fail the tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import nbclient
import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "notebooks" / "explore_ladders.ipynb"
CELL_TIMEOUT = 180


class ThisPythonKernelSpecs(KernelSpecManager):
    """Kernel specs where every kernel name runs ipykernel in this interpreter."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return KernelSpec(
            name=kernel_name,
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name=f"Python {sys.version_info.major}.{sys.version_info.minor}",
            language="python",
            env={"MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONHASHSEED": "0"},
            metadata={"debugger": False},
        )


class ThisPythonKernelManager(AsyncKernelManager):
    """An async kernel manager using :class:`ThisPythonKernelSpecs`."""

    @default("kernel_spec_manager")
    def _this_python_specs(self) -> KernelSpecManager:
        return ThisPythonKernelSpecs(data_dir=self.data_dir)


def execute(path: Path = NOTEBOOK) -> Any:
    """The notebook at ``path``, executed in this interpreter, with reproducible metadata."""
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        kernel_manager_class=ThisPythonKernelManager,
        resources={"metadata": {"path": str(path.parent)}},
        allow_errors=False,
    )
    client.execute()
    return tidy(nb)


def tidy(nb: Any) -> Any:
    """Drop what changes from run to run without changing what the notebook shows."""
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", ()):
            output.get("metadata", {}).pop("execution", None)
    return nb


def text_outputs(nb: Any) -> list[list[str]]:
    """Per code cell, its printed text and plain-text results (what a reader compares)."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        parts = []
        for output in cell.outputs:
            if output.output_type == "stream":
                parts.append(output.text)
            elif output.output_type in ("execute_result", "display_data"):
                data = output.get("data", {})
                parts.append(data.get("text/plain", "") if "image/png" not in data else "<image>")
        found.append(parts)
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only report whether the outputs are current")
    args = ap.parse_args(argv)
    fresh = execute()
    if args.check:
        committed = nbformat.read(NOTEBOOK, as_version=4)
        if text_outputs(committed) != text_outputs(fresh):
            print(f"{NOTEBOOK.relative_to(ROOT)}: outputs are stale; run python tools/refresh_notebook.py")
            return 1
        print(f"{NOTEBOOK.relative_to(ROOT)}: outputs are current")
        return 0
    nbformat.write(fresh, NOTEBOOK)
    print(f"wrote {NOTEBOOK.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
