"""The documentation is executable: every example in it runs, and generated parts are current.

* Every ```` ```python ```` block of ``README.md`` and ``docs/**/*.md`` is executed. The blocks of
  one file run in order in one shared namespace, with the working directory set to a fresh
  temporary directory so examples may write files. Results are checked with ``assert`` in the
  examples themselves.
* A fenced block whose info string carries ``file=NAME`` (e.g. ```` ```yaml file=acme.yaml ````)
  is written to ``NAME`` in that directory when reached, so a worked example file shown in the
  docs is the very file the following Python blocks load.
* A block preceded by the comment ``<!-- no-test -->`` is skipped (use sparingly).
* The doctests of every ``titlemap`` module run too; modules needing an optional extra
  (pandas, plot, dask, spark, cli) are skipped when they cannot be imported.
* The generated blocks (YAML reference, spine table) must equal what
  ``tools/gen_yaml_reference.py`` renders now; run that script to refresh them.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
import re
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

import titlemap

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

NO_TEST = "<!-- no-test -->"
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class Block:
    """A fenced code block of a Markdown file."""

    lang: str
    info: str
    code: str
    line: int  # 1-based line of the first code line
    skip: bool

    @property
    def file_name(self) -> str | None:
        m = re.search(r"\bfile=(\S+)", self.info)
        return m.group(1) if m else None


def extract_blocks(text: str) -> list[Block]:
    """Every fenced code block of a Markdown text, in order (fences inside fences are content)."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    last_nonblank = ""
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None or ("`" in m.group("info") and m.group("fence")[0] == "`"):
            if lines[i].strip():
                last_nonblank = lines[i].strip()
            i += 1
            continue
        fence, info = m.group("fence"), m.group("info").strip()
        start = i + 1
        j = start
        while j < len(lines):
            close = _FENCE.match(lines[j])
            if (
                close
                and close.group("fence")[0] == fence[0]
                and len(close.group("fence")) >= len(fence)
                and not close.group("info").strip()
            ):
                break
            j += 1
        indent = len(m.group("indent"))
        body = "\n".join(line[indent:] if line[:indent].isspace() else line for line in lines[start:j])
        lang = info.split()[0].lower() if info else ""
        blocks.append(Block(lang, info, body + "\n", start + 1, last_nonblank == NO_TEST))
        last_nonblank = ""
        i = j + 1
    return blocks


def doc_files() -> list[Path]:
    files = [ROOT / "README.md"] if (ROOT / "README.md").exists() else []
    files += sorted(DOCS.rglob("*.md")) if DOCS.exists() else []
    return files


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# -- 1. the examples in the Markdown files run ----------------------------------------------------


@pytest.mark.parametrize("path", doc_files(), ids=_rel)
def test_markdown_examples_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = extract_blocks(path.read_text(encoding="utf-8"))
    runnable = [b for b in blocks if (b.lang == "python" or b.file_name) and not b.skip]
    if not any(b.lang == "python" for b in runnable):
        pytest.skip(f"{_rel(path)} has no python examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    namespace: dict[str, object] = {"__name__": f"docs:{_rel(path)}"}
    for block in runnable:
        if block.file_name:
            target = tmp_path / block.file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.code, encoding="utf-8")
        if block.lang != "python":
            continue
        # Pad so that tracebacks point at the line of the Markdown file.
        source = "\n" * (block.line - 1) + block.code
        code = compile(source, str(path), "exec")
        try:
            exec(code, namespace)
        except Exception as exc:  # re-raise naming the file and line, keep the traceback
            lines = [n for f, n in traceback.walk_tb(exc.__traceback__) if f.f_code.co_filename == str(path)]
            where = f"line {lines[-1]}" if lines else f"the block at line {block.line}"
            raise AssertionError(f"{_rel(path)}, {where}: {type(exc).__name__}: {exc}") from exc


def test_block_extraction() -> None:
    text = (
        "Intro\n\n```python\nx = 1\n```\n\n<!-- no-test -->\n```python\nraise SystemExit\n```\n\n"
        "````markdown\n```python\nnot code\n```\n````\n\n```yaml file=a.yaml\nid: a\n```\n"
    )
    blocks = extract_blocks(text)
    assert [(b.lang, b.skip, b.file_name) for b in blocks] == [
        ("python", False, None),
        ("python", True, None),
        ("markdown", False, None),
        ("yaml", False, "a.yaml"),
    ]
    assert blocks[0].code == "x = 1\n" and blocks[0].line == 4
    assert blocks[2].code == "```python\nnot code\n```\n"


# -- 2. the doctests of the package run ---------------------------------------------------------

_OPTIONAL_MODULES = ("pandas", "plot", "dask", "spark", "cli", "notebook")
_OPTIONAL_DEPS = ("pandas", "matplotlib", "dask", "distributed", "rapidfuzz", "IPython", "pyspark", "pyarrow")


def _module_names() -> list[str]:
    names = ["titlemap"]
    names += sorted(
        m.name
        for m in pkgutil.walk_packages(titlemap.__path__, "titlemap.")
        if not m.name.endswith(".__main__")  # importing it would run the command line
    )
    return names


def _import(name: str) -> ModuleType:
    short = name.rsplit(".", 1)[-1]
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        missing = (getattr(exc, "name", None) or "").split(".")[0]
        if any(part in name.split(".") for part in _OPTIONAL_MODULES) or missing in _OPTIONAL_DEPS:
            pytest.skip(f"{name} needs an optional extra: {exc}")
        raise
    except Exception as exc:
        if short in _OPTIONAL_MODULES:
            pytest.skip(f"{name} cannot be imported: {type(exc).__name__}: {exc}")
        raise


@pytest.mark.parametrize("name", _module_names())
def test_module_doctests(name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    module = _import(name)
    monkeypatch.chdir(tmp_path)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(module, name) if t.examples]
    if not tests:
        return  # nothing to run: a module without doctests passes
    out: list[str] = []
    for test in tests:
        runner.run(test, out=out.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}:\n" + "".join(out)


# -- 3. generated parts of the docs are current ---------------------------------------------------


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_yaml_reference", ROOT / "tools" / "gen_yaml_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_yaml_reference", module)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


@pytest.mark.parametrize(("doc", "block"), list(GEN.BLOCKS), ids=lambda v: str(v))
def test_generated_block_is_current(doc: str, block: str) -> None:
    text = (DOCS / doc).read_text(encoding="utf-8")
    committed = GEN.current_block(text, block)
    assert committed is not None, f"docs/{doc} lost the markers of the generated block {block!r}"
    fresh = GEN.render(GEN.BLOCKS[(doc, block)])
    assert committed == fresh, (
        f"docs/{doc} [{block}] is stale; run `python tools/gen_yaml_reference.py` and review the diff"
    )


def test_spine_table_matches_spine() -> None:
    """Independent of the generator: the table rows in concepts.md are SPINE, field for field."""
    from titlemap.spine import SPINE

    text = (DOCS / "concepts.md").read_text(encoding="utf-8")
    table = GEN.current_block(text, "spine-table")
    assert table is not None
    rows = [r for r in table.splitlines() if r.startswith("| ")][2:]  # after the header and the rule
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", r)[1:-1]] for r in rows]
    expected = [[str(s.number), s.track, s.code, s.name, s.scope, s.people] for s in SPINE]
    assert cells == expected


def test_reference_mentions_every_schema_key() -> None:
    from titlemap.schema import json_schema

    text = (DOCS / "ladder-files.md").read_text(encoding="utf-8")
    for name, definition in json_schema()["$defs"].items():
        for key in definition.get("properties", {}):
            assert f"| `{key}` |" in text, f"ladder-files.md does not document {name}.{key}"


# -- 4. the API reference and the index are complete ----------------------------------------------


def test_api_doc_covers_public_api() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^#{2,4} `?([A-Za-z_][A-Za-z0-9_]*)", text, re.M))
    missing = sorted(set(titlemap.__all__) - headings)
    assert not missing, f"docs/api.md has no section for: {', '.join(missing)}"


INDEX_TARGETS = (
    "quickstart.md",
    "concepts.md",
    "ladder-files.md",
    "api.md",
    "cli.md",
    "recruiters.md",
    "reliability.md",
    "performance.md",
    "benchmark.md",
    "markets.md",
    "notebooks/explore_ladders.ipynb",
)
OWN_DOCS = ("index.md", "quickstart.md", "concepts.md", "ladder-files.md", "api.md")


def _links(text: str) -> list[str]:
    return [
        t.split("#")[0]
        for t in re.findall(r"\]\(([^)\s]+)\)", text)
        if not re.match(r"^[a-z]+:", t) and not t.startswith("#")
    ]


def test_index_lists_every_document() -> None:
    links = _links((DOCS / "index.md").read_text(encoding="utf-8"))
    missing = [t for t in INDEX_TARGETS if t not in links]
    assert not missing, f"docs/index.md does not link to: {', '.join(missing)}"


@pytest.mark.parametrize("doc", OWN_DOCS)
def test_relative_links_resolve(doc: str) -> None:
    path = DOCS / doc
    broken = [t for t in _links(path.read_text(encoding="utf-8")) if t and not (path.parent / t).exists()]
    not_yet = sorted({t for t in broken if t in INDEX_TARGETS and t not in OWN_DOCS})
    broken = [t for t in broken if t not in not_yet]
    assert not broken, f"docs/{doc} links to missing files: {', '.join(broken)}"
    if not_yet:
        pytest.skip(f"docs/{doc}: documents written by others not there yet: {', '.join(not_yet)}")


def _anchors(text: str) -> set[str]:
    """GitHub's anchors for the headings of a Markdown text (code blocks excluded)."""
    text = re.sub(r"^(```|~~~).*?^\1", "", text, flags=re.M | re.S)
    out: set[str] = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower().replace("`", "")).replace(" ", "-")
        n, unique = 0, slug
        while unique in out:  # a repeated heading gets -1, -2... as on GitHub
            n += 1
            unique = f"{slug}-{n}"
        out.add(unique)
    return out


@pytest.mark.parametrize("doc", OWN_DOCS)
def test_anchors_resolve(doc: str) -> None:
    path = DOCS / doc
    text = path.read_text(encoding="utf-8")
    bad = []
    for target in re.findall(r"\]\(([^)\s]*#[^)\s]+)\)", text):
        file, _, anchor = target.partition("#")
        page = (path.parent / file) if file else path
        if (
            page.suffix == ".md"
            and page.exists()
            and anchor not in _anchors(page.read_text(encoding="utf-8"))
        ):
            bad.append(target)
    assert not bad, f"docs/{doc} links to missing headings: {', '.join(bad)}"


def test_readme_counts_match_the_bundle() -> None:
    """The README's counts of markets, company ladders and languages ("What is inside") are the
    bundle's."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    text = readme.split("## What is inside", 1)[1].split("\n## ", 1)[0]
    tm = titlemap.TitleMap.default()
    counts = {
        "markets": len(tm.markets()),
        "company ladders": len(tm.companies()),
        "languages": len(tm.languages()),
    }
    for noun, count in counts.items():
        said = {int(n) for n in re.findall(rf"\b(\d+) {noun}\b", text)}
        assert said == {count}, f"README.md says {sorted(said)} {noun}; the bundle has {count}"
