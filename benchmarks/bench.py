"""titlemap benchmark: every figure beside its baseline, measured in one run on one machine.

Sections:

a. uncached normalize throughput (every title made unique) vs rapidfuzz ``extractOne`` over the
   ladder's titles and aliases (what a user would write instead);
b. a stream of repeated titles through ``normalize_many`` (memoized) vs the same baseline, plain
   and wrapped in ``functools.lru_cache``, and vs a list comprehension calling
   ``functools.lru_cache(titlemap.normalize)``;
c. accuracy and false matches of both on every labeled set (tests/data), each row in its market;
d. cold start in a fresh interpreter: ``import titlemap; titlemap.normalize("Sr PM")`` vs
   ``import pydantic, yaml, networkx`` (median of 5), and whether networkx got imported;
e. peak memory while normalizing a stream of N unique titles (tracemalloc, and the child
   process's maximum RSS beside an interpreter that only imported titlemap);
f. a CSV through ``python -m titlemap normalize/map --input ... --output ...`` (rows/s and peak
   RSS of that process) vs a plain ``csv`` read-and-write copy of the same file: normalizing
   at most 1,000 distinct titles, then one row in ten never seen before, and mapping with
   per-row market, years and background columns (benchmarks/bench_files.py);
g. an Excel workbook through ``python -m titlemap map -i book.xlsx -o out.xlsx`` vs an openpyxl
   read-and-write copy of it, and the peak RSS at a tenth of the rows (memory stays flat);
h. Spark ``normalize_column`` (row by row, and with ``distinct=True``) vs an identity pandas UDF
   over the same rows on ``local[2]``, best of three, beside the floor of writing the added
   columns at all (benchmarks/bench_spark.py, run in its own process; skipped without pyspark).

Usage::

    python benchmarks/bench.py            # full run (a few minutes)
    python benchmarks/bench.py --quick    # seconds; checks that everything runs
    python benchmarks/bench.py --json results.json

No timing is asserted: the numbers are reported, not judged.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV_TITLES = ROOT / "tests" / "data" / "dev_titles.tsv"
# Labeled sets whose accuracy is reported side by side (c); a missing file is skipped.
ACCURACY_SETS = {
    "dev_titles (shared)": ROOT / "tests" / "data" / "dev_titles.tsv",
    "dev_markets (shared)": ROOT / "tests" / "data" / "dev_markets.tsv",
    "extra_titles (project's own)": ROOT / "tests" / "data" / "extra_titles.tsv",
    "world_titles (project's own)": ROOT / "tests" / "data" / "world_titles.tsv",
    "heldout_titles (never tuned on)": ROOT / "tests" / "data" / "heldout_titles.tsv",
    "heldout2_titles (never tuned on)": ROOT / "tests" / "data" / "heldout2_titles.tsv",
}

FALLBACK_ROWS: list[tuple[str, str, str]] = [
    ("Sr. PM - Payments (Bangalore)", "in", "Senior Product Manager"),
    ("Product Owner", "us", "Product Owner"),
    ("Senior Product Manager, Growth", "us", "Senior Product Manager"),
    ("Associate Product Manager", "us", "Associate Product Manager"),
    ("Group Product Manager - Platform", "us", "Group Product Manager"),
    ("Head of Product", "in", "Head of Product"),
    ("VP Product", "us", "Vice President of Product"),
    ("Chief Product Officer", "us", "Chief Product Officer"),
    ("Product Management Intern - Summer 2027", "us", "Product Management Intern"),
    ("Principal Product Manager, AI", "us", "Principal Product Manager"),
    ("Product Marketing Manager", "us", "NONE"),
    ("Project Manager", "in", "NONE"),
    ("Software Engineer", "us", "NONE"),
    ("Program Manager, Operations", "us", "NONE"),
]

# Same threshold as the project's eval script: below it the baseline answers "no match".
RAPIDFUZZ_CUTOFF = 80
# Uncached titlemap and rapidfuzz alternate in slices of this many titles.
UNCACHED_SLICE = 500
# Plain rapidfuzz on a repeated stream is measured on at most this many titles of it.
BASELINE_CAP = 50_000


# -- data ----------------------------------------------------------------------------------------


def load_rows(path: Path) -> tuple[list[tuple[str, str, str]], str]:
    """(title, market, expected) rows, each in its own market; a market without a ladder (cn,
    il...) is read against 'us', as the shared eval script does."""
    if not path.exists():
        return list(FALLBACK_ROWS), f"a built-in list ({path} is missing)"
    import titlemap

    known = set(titlemap.markets())
    with path.open(newline="", encoding="utf-8") as f:
        rows = [
            (
                r["title"],
                r["market"] if r.get("market") in known else "us",
                (r.get("expected") or "NONE").strip(),
            )
            for r in csv.DictReader(f, delimiter="\t")
            if r.get("title")
        ]
    return rows, str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def machine() -> dict[str, Any]:
    import titlemap

    info: dict[str, Any] = {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": _cpu_model() or platform.processor() or "unknown",
        "cpu_count": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "titlemap": titlemap.__version__,
    }
    try:
        import yaml

        info["pyyaml"] = f"{yaml.__version__} (libyaml: {bool(getattr(yaml, '__with_libyaml__', False))})"
    except ImportError:  # pragma: no cover
        pass
    try:
        import rapidfuzz

        info["rapidfuzz"] = rapidfuzz.__version__
    except ImportError:
        info["rapidfuzz"] = None
    return info


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


# -- the baseline --------------------------------------------------------------------------------


def rapidfuzz_matcher(market: str) -> Callable[[str], str | None] | None:
    """What a user would write instead: fuzzy-match against the ladder's titles and aliases."""
    try:
        from rapidfuzz import fuzz, process, utils
    except ImportError:
        return None
    import titlemap

    choices: dict[str, str] = {}
    ladder = titlemap.ladder(market)
    for rung in ladder.rungs:
        for name in (rung.title, *rung.aliases):
            choices.setdefault(name, ladder.canonical_title(rung))
    keys = list(choices)

    def match(title: str) -> str | None:
        best = process.extractOne(
            title, keys, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=RAPIDFUZZ_CUTOFF
        )
        return None if best is None else choices[best[0]]

    return match


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


# -- a, b, c: throughput and accuracy ------------------------------------------------------------


def bench_uncached(rows: Sequence[tuple[str, str, str]], n: int) -> dict[str, Any]:
    """Every title unique (f"{t} {i}"), so no memo helps titlemap."""
    import titlemap

    out: dict[str, Any] = {"titles": 0, "titlemap_s": 0.0, "rapidfuzz_s": 0.0}
    # every bundled ladder (markets, companies, families) built before timing: the speed holds
    # with all of them in memory, not only with the markets the titles come from
    out["ladders_loaded"] = len(titlemap.TitleMap.default().ladders())
    for market in sorted({m for _, m, _ in rows}):
        base = [t for t, m, _ in rows if m == market]
        if not base:
            continue
        k = max(1, n * len(base) // len(rows) // len(base))
        titles = [f"{t} {i}" for i, t in enumerate(base * k)]
        titlemap.normalize("warm up", market)  # load the ladders outside the timing
        norm = titlemap.normalize
        rf = rapidfuzz_matcher(market)
        # The two are timed in alternating slices of the same titles, so that a slower spell of
        # a shared machine falls on both rather than on whichever ran second.
        for k, start in enumerate(range(0, len(titles), UNCACHED_SLICE)):
            part = titles[start : start + UNCACHED_SLICE]
            for who in ("titlemap", "rapidfuzz") if k % 2 == 0 else ("rapidfuzz", "titlemap"):
                if who == "rapidfuzz" and rf is None:
                    continue
                call = norm if who == "titlemap" else None
                t0 = time.perf_counter()
                if call is not None:
                    for t in part:
                        call(t, market)
                else:
                    for t in part:
                        rf(t)  # type: ignore[misc]
                out[f"{who}_s"] += time.perf_counter() - t0
        out["titles"] += len(titles)
    out["titlemap_per_s"] = _rate(out["titles"], out["titlemap_s"])
    out["rapidfuzz_per_s"] = _rate(out["titles"], out["rapidfuzz_s"]) if out["rapidfuzz_s"] else None
    titlemap.TitleMap.default().clear_cache()
    return out


def bench_repeated(rows: Sequence[tuple[str, str, str]], n: int) -> dict[str, Any]:
    """A stream of n titles drawn from the dev set (so each distinct title repeats many times)."""
    import titlemap

    titles = [t for t, m, _ in rows if m == "us"] or [t for t, _, _ in rows]
    stream = (titles * (n // len(titles) + 1))[:n]
    titlemap.TitleMap.default().clear_cache()  # start cold: the first sight of each title is a miss
    titlemap.normalize("warm up")
    t0 = time.perf_counter()
    for _ in titlemap.normalize_many(stream, "us"):
        pass
    tm_s = time.perf_counter() - t0
    # the same stream through titlemap.normalize wrapped in functools.lru_cache, called from a
    # list comprehension: what a user would write instead of normalize_many
    titlemap.TitleMap.default().clear_cache()
    cached_normalize = functools.lru_cache(maxsize=65_536)(functools.partial(titlemap.normalize, market="us"))
    t0 = time.perf_counter()
    _ = [cached_normalize(t) for t in stream]
    lru_s = time.perf_counter() - t0
    out: dict[str, Any] = {
        "titles": n,
        "distinct": len(set(stream)),
        "titlemap_s": tm_s,
        "titlemap_per_s": _rate(n, tm_s),
        "lru_cache_normalize_per_s": _rate(n, lru_s),
        "rapidfuzz_per_s": None,
        "rapidfuzz_cached_per_s": None,
    }
    rf = rapidfuzz_matcher("us")
    if rf is not None:
        # plain rapidfuzz has no memo: its rate is flat, so a prefix of the stream measures it
        prefix = stream[:BASELINE_CAP]
        t0 = time.perf_counter()
        for t in prefix:
            rf(t)
        out["rapidfuzz_per_s"] = _rate(len(prefix), time.perf_counter() - t0)
        out["rapidfuzz_titles"] = len(prefix)
        cached = functools.lru_cache(maxsize=65_536)(rf)
        t0 = time.perf_counter()
        for t in stream:
            cached(t)
        out["rapidfuzz_cached_per_s"] = _rate(n, time.perf_counter() - t0)
    titlemap.TitleMap.default().clear_cache()
    return out


def bench_accuracy(rows: Sequence[tuple[str, str, str]]) -> dict[str, Any]:
    """Accuracy (positives read as their label) and false matches (NONE rows read as anything) of
    titlemap and of rapidfuzz over each row's market ladder, on one labeled set."""
    import titlemap

    pos = [r for r in rows if r[2] != "NONE"]
    neg = [r for r in rows if r[2] == "NONE"]
    matchers = {m: rapidfuzz_matcher(m) for m in {m for _, m, _ in rows}}
    have_rf = all(v is not None for v in matchers.values())
    scores: dict[str, dict[str, int]] = {"titlemap": {"hit": 0, "fp": 0}, "rapidfuzz": {"hit": 0, "fp": 0}}
    for title, market, expected in rows:
        m = titlemap.normalize(title, market)
        answers = {"titlemap": None if m is None else m.canonical_title}
        rf = matchers[market]
        answers["rapidfuzz"] = rf(title) if rf is not None else None
        for name, got in answers.items():
            if expected == "NONE":
                scores[name]["fp"] += got is not None
            elif got in expected.split("|"):
                scores[name]["hit"] += 1
    out: dict[str, Any] = {"positives": len(pos), "negatives": len(neg)}
    for name, s in scores.items():
        if name == "rapidfuzz" and not have_rf:
            out[name] = None
            continue
        out[name] = {
            "accuracy": s["hit"] / max(1, len(pos)),
            "hits": s["hit"],
            "false_positive_rate": s["fp"] / max(1, len(neg)),
            "false_positives": s["fp"],
        }
    return out


def bench_accuracy_sets() -> dict[str, Any]:
    """:func:`bench_accuracy` on every labeled set of :data:`ACCURACY_SETS` that exists."""
    out: dict[str, Any] = {}
    for name, path in ACCURACY_SETS.items():
        if path.exists():
            rows, _ = load_rows(path)
            markets = len({m for _, m, _ in rows})
            out[f"{name}, {markets} markets"] = bench_accuracy(rows)
    return out


# -- d: cold start -------------------------------------------------------------------------------

COLD_TITLEMAP = """
import sys, time
t0 = time.perf_counter()
import titlemap
titlemap.normalize("Sr PM")
dt = time.perf_counter() - t0
print(dt, "networkx" in sys.modules)
"""
COLD_BASELINE = """
import time
t0 = time.perf_counter()
import pydantic, yaml, networkx
print(time.perf_counter() - t0, True)
"""


# Prepended to every child's code: at exit, the child writes its own peak RSS (KiB) to a file.
# On Linux that is VmHWM, the high-water mark of the child's own address space. The rusage that
# os.wait4 / RUSAGE_CHILDREN report is also kept, but on Linux it starts from the parent's RSS at
# spawn time (exec inherits the maxrss high-water mark), so it over-reports small children.
HWM_SNIPPET = """
import atexit as _atexit, os as _os
def _bench_hwm():
    kib = -1
    try:
        with open("/proc/self/status") as _f:
            for _line in _f:
                if _line.startswith("VmHWM:"):
                    kib = int(_line.split()[1])
    except OSError:
        import resource as _r
        kib = _r.getrusage(_r.RUSAGE_SELF).ru_maxrss
    with open(_os.environ["TITLEMAP_BENCH_HWM"], "w") as _f:
        _f.write(str(kib))
_atexit.register(_bench_hwm)
"""


def _child(code: str, *args: str) -> tuple[str, float, int, int]:
    """Run python code in a fresh interpreter.

    Returns (stdout, wall seconds, the child's own peak RSS in KiB, its wait4 ru_maxrss in KiB).
    """
    with tempfile.NamedTemporaryFile(prefix="titlemap-bench-hwm-", delete=False) as tmp:
        hwm_path = tmp.name
    env = {**os.environ, "TITLEMAP_BENCH_HWM": hwm_path}
    try:
        t0 = time.perf_counter()
        proc = _Popen(
            [sys.executable, "-c", HWM_SNIPPET + code, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        out, err = proc.communicate()
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            raise RuntimeError(f"child failed ({proc.returncode}): {err[-2000:]}")
        text = Path(hwm_path).read_text().strip()
        own = int(text) if text else -1
    finally:
        os.unlink(hwm_path)
    usage = getattr(proc, "bench_rusage", None)
    return out, wall, own, int(usage.ru_maxrss) if usage is not None else -1


class _Popen(subprocess.Popen):  # type: ignore[type-arg]
    """Popen that reaps its child with os.wait4, keeping that child's own rusage."""

    def _try_wait(self, wait_flags: int) -> tuple[int, int]:
        if not hasattr(os, "wait4"):  # pragma: no cover - Windows
            return super()._try_wait(wait_flags)  # type: ignore[misc]
        try:
            pid, status, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return self.pid, 0
        if pid:
            self.bench_rusage = usage
        return pid, status


def bench_cold_start(runs: int) -> dict[str, Any]:
    # Equal footing: the dependencies were byte-compiled when pip installed them; an editable
    # titlemap (or PYTHONDONTWRITEBYTECODE=1) would otherwise pay for compiling its source.
    import compileall

    import titlemap

    compileall.compile_dir(str(Path(titlemap.__file__).parent), quiet=1)
    tm_times, base_times, tm_wall, base_wall = [], [], [], []
    networkx_loaded = []
    for _ in range(runs):
        out, wall, _, _ = _child(COLD_TITLEMAP)
        dt, nx_flag = out.split()
        tm_times.append(float(dt))
        tm_wall.append(wall)
        networkx_loaded.append(nx_flag == "True")
        out, wall, _, _ = _child(COLD_BASELINE)
        base_times.append(float(out.split()[0]))
        base_wall.append(wall)
    empty = [_child("pass")[1] for _ in range(runs)]
    return {
        "runs": runs,
        "titlemap_s": statistics.median(tm_times),
        "baseline_imports_s": statistics.median(base_times),
        "titlemap_process_wall_s": statistics.median(tm_wall),
        "baseline_process_wall_s": statistics.median(base_wall),
        "empty_interpreter_wall_s": statistics.median(empty),
        "networkx_imported_by_normalize": any(networkx_loaded),
    }


# -- e: memory -----------------------------------------------------------------------------------

MEMORY_CHILD = """
import resource, sys, time
import titlemap


def peak_kib():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


titlemap.normalize("Sr PM")
n = int(sys.argv[1])
base = sys.argv[2:]
before = peak_kib()
t0 = time.perf_counter()
for _ in titlemap.normalize_many(f"{base[i % len(base)]} {i}" for i in range(n)):
    pass
dt = time.perf_counter() - t0
print(before, peak_kib(), dt, titlemap.TitleMap.default()._memo.cache_info().currsize)
"""


def bench_memory(rows: Sequence[tuple[str, str, str]], n: int, traced_n: int) -> dict[str, Any]:
    import titlemap
    from titlemap import TitleMap

    titles = [t for t, _, _ in rows][:200]
    out, _, child_rss, _ = _child(MEMORY_CHILD, str(n), *titles)
    _, _, idle_rss, _ = _child("import titlemap; titlemap.normalize('Sr PM')")
    before, after, dt, memo = out.split()
    # tracemalloc in this process, on a fresh TitleMap (its own empty memo)
    tm = TitleMap.from_paths([], include_bundled=True)
    tm.normalize("Sr PM")
    tracemalloc.start()
    base_current = tracemalloc.get_traced_memory()[0]
    for _ in tm.normalize_many(f"{titles[i % len(titles)]} {i}" for i in range(traced_n)):
        pass
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "titles": n,
        "memo_size": titlemap.core.MEMO_SIZE,
        "memo_entries_at_end": int(memo),
        "rss_after_import_kib": int(before),
        "rss_peak_kib": int(after),
        "rss_growth_kib": int(after) - int(before),
        "child_peak_rss_kib": child_rss,
        "idle_peak_rss_kib": idle_rss,
        "stream_s": float(dt),
        "traced_titles": traced_n,
        "traced_peak_bytes": peak - base_current,
        "traced_retained_bytes": current - base_current,
    }


# -- f, g: the command line on files (benchmarks/bench_files.py) ---------------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_files  # noqa: E402


def _cli_available() -> str | None:
    try:
        import titlemap.cli  # noqa: F401
    except ImportError as exc:
        return f"titlemap.cli not importable ({exc})"
    return None


# -- report --------------------------------------------------------------------------------------


def _fmt_rate(x: float | None) -> str:
    return "n/a" if x is None else f"{x:,.0f}/s"


def _ratio(a: float | None, b: float | None) -> str:
    return "n/a" if not a or not b else f"{a / b:.2f}x"


def bench_spark_child(rows: int, repeats: int) -> dict[str, Any]:
    """Section (h) in a child process (Spark's JVM and workers stay out of this one)."""
    if rows <= 0:
        return {"skipped": "--spark-rows 0"}
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return {"skipped": "pyspark is not installed (pip install '.[spark]')"}
    script = Path(__file__).with_name("bench_spark.py")
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        done = subprocess.run(
            [sys.executable, str(script), "--rows", str(rows), "--repeats", str(repeats), "--json", out.name],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            return {"skipped": f"bench_spark.py failed: {done.stderr.strip().splitlines()[-1:]}"}
        result: dict[str, Any] = json.loads(Path(out.name).read_text(encoding="utf-8"))
    return result


def report(res: dict[str, Any]) -> str:
    m = res["machine"]
    lines = [
        f"Machine: {m['processor']}, {m['cpu_count']} CPUs, {m['platform']}, {m['python']}",
        f"Versions: titlemap {m['titlemap']}, rapidfuzz {m.get('rapidfuzz')}, PyYAML {m.get('pyyaml')}",
        f"Titles: {res['rows']} rows from {res['source']} (mode: {res['mode']})",
        "",
        f"{'measure':<62} {'titlemap':>14} {'baseline':>14} {'ratio':>8}",
        "-" * 101,
    ]

    def row(name: str, tm: str, base: str, ratio: str = "") -> None:
        lines.append(f"{name:<62} {tm:>14} {base:>14} {ratio:>8}".rstrip())

    a = res["uncached"]
    row(
        f"(a) uncached, {a['titles']:,} unique titles, {a['ladders_loaded']} ladders loaded [rapidfuzz]",
        _fmt_rate(a["titlemap_per_s"]),
        _fmt_rate(a["rapidfuzz_per_s"]),
        _ratio(a["titlemap_per_s"], a["rapidfuzz_per_s"]),
    )
    b = res["repeated"]
    row(
        f"(b) normalize_many, {b['titles']:,} titles ({b['distinct']} distinct) [rapidfuzz]",
        _fmt_rate(b["titlemap_per_s"]),
        _fmt_rate(b["rapidfuzz_per_s"]),
        _ratio(b["titlemap_per_s"], b["rapidfuzz_per_s"]),
    )
    if b.get("rapidfuzz_titles", b["titles"]) < b["titles"]:
        lines.append(
            f"    (plain rapidfuzz timed on the first {b['rapidfuzz_titles']:,} titles of the stream)"
        )
    row(
        "    same stream [rapidfuzz + lru_cache]",
        _fmt_rate(b["titlemap_per_s"]),
        _fmt_rate(b["rapidfuzz_cached_per_s"]),
        _ratio(b["titlemap_per_s"], b["rapidfuzz_cached_per_s"]),
    )
    row(
        "    same stream [lru_cache(titlemap.normalize), list comp]",
        _fmt_rate(b["titlemap_per_s"]),
        _fmt_rate(b["lru_cache_normalize_per_s"]),
        _ratio(b["titlemap_per_s"], b["lru_cache_normalize_per_s"]),
    )
    lines.append("(c) accuracy and false matches, each row in its own market [rapidfuzz]")
    for name, c in res["accuracy"].items():
        rf = c.get("rapidfuzz")
        row(
            f"    {name}: {c['positives']} titles",
            f"{c['titlemap']['accuracy']:.1%}",
            "n/a" if rf is None else f"{rf['accuracy']:.1%}",
        )
        row(
            f"      false matches on {c['negatives']} look-alikes",
            f"{c['titlemap']['false_positive_rate']:.1%}",
            "n/a" if rf is None else f"{rf['false_positive_rate']:.1%}",
        )
    d = res["cold_start"]
    row(
        f"(d) cold start, median of {d['runs']} [import pydantic, yaml, networkx]",
        f"{d['titlemap_s'] * 1e3:.0f} ms",
        f"{d['baseline_imports_s'] * 1e3:.0f} ms",
        _ratio(d["titlemap_s"], d["baseline_imports_s"]),
    )
    row(
        "    whole process wall time [python -c pass]",
        f"{d['titlemap_process_wall_s'] * 1e3:.0f} ms",
        f"{d['empty_interpreter_wall_s'] * 1e3:.0f} ms",
    )
    row("    networkx imported by normalize", str(d["networkx_imported_by_normalize"]), "")
    e = res["memory"]
    row(
        f"(e) peak RSS, {e['titles']:,} unique titles [after import]",
        f"{e['rss_peak_kib'] / 1024:.0f} MiB",
        f"{e['rss_after_import_kib'] / 1024:.0f} MiB",
    )
    row(
        f"    tracemalloc peak, {e['traced_titles']:,} unique titles",
        f"{e['traced_peak_bytes'] / 2**20:.1f} MiB",
        "",
    )
    row(f"    memo entries at end (MEMO_SIZE {e['memo_size']:,})", f"{e['memo_entries_at_end']:,}", "")
    for f in res["cli"]:
        if "skipped" in f:
            row(f"(f) CLI CSV run: {f.get('kind', '')}", "skipped", "")
            lines.append(f"    {f['skipped']}")
            continue
        row(
            f"(f) CLI {f['kind']}, {f['rows']:,}-row CSV [csv copy]",
            _fmt_rate(f["cli_rows_per_s"]),
            _fmt_rate(f["csv_copy_rows_per_s"]),
            _ratio(f["cli_rows_per_s"], f["csv_copy_rows_per_s"]),
        )
        row(
            "    peak RSS of the process (VmHWM) [csv copy]",
            f"{f['cli_peak_rss_kib'] / 1024:.0f} MiB",
            f"{f['csv_copy_peak_rss_kib'] / 1024:.0f} MiB",
        )
    g = res["workbook"]
    if "skipped" in g:
        row("(g) CLI workbook run", "skipped", "")
        lines.append(f"    {g['skipped']}")
    else:
        base = g.get("openpyxl_copy_rows_per_s")
        row(
            f"(g) CLI map, {g['rows']:,}-row .xlsx to .xlsx [openpyxl copy]",
            _fmt_rate(g["cli_rows_per_s"]),
            _fmt_rate(base) if base else "skipped",
            _ratio(g["cli_rows_per_s"], base) if base else "",
        )
        row(
            f"    peak RSS [{g['cli_small_rows']:,} rows; openpyxl copy]",
            f"{g['cli_peak_rss_kib'] / 1024:.0f} MiB",
            f"{g['cli_small_peak_rss_kib'] / 1024:.0f} MiB; "
            + (f"{g['openpyxl_copy_peak_rss_kib'] / 1024:.0f} MiB" if base else "n/a"),
        )
        if not base:
            lines.append(f"    {g.get('openpyxl_skipped', '')}")
    h = res.get("spark", {"skipped": "not run"})
    if "skipped" in h:
        row("(h) Spark normalize_column", "skipped", "")
        lines.append(f"    {h['skipped']}")
    else:
        row(
            f"(h) Spark normalize_column, {h['rows']:,} rows, best of {h['repeats']} [identity UDF]",
            _fmt_rate(h["titlemap_rows_per_s"]),
            _fmt_rate(h["identity_rows_per_s"]),
            _ratio(h["titlemap_rows_per_s"], h["identity_rows_per_s"]),
        )
        for key, label in (
            ("distinct", "    normalize_column(distinct=True)"),
            ("narrow", "    normalize_column, canonical_title and level only"),
            ("columns_only", "    the added columns as literals, no title read"),
            ("answers_joined", "    the answers, cached beforehand, joined to the rows"),
            ("answers_sent", "    the answers, cached beforehand, sent from Python per row"),
            ("answers_distinct", "    the distinct plan with the answers cached beforehand"),
        ):
            rate = h.get(f"{key}_rows_per_s")
            row(label, _fmt_rate(rate), "", _ratio(rate, h["identity_rows_per_s"]))
    lines.append("(*) on Linux this starts from the benchmark process's own RSS at spawn time")
    lines.append(f"\nTotal benchmark time: {res['total_s']:.1f} s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes: checks that every section runs")
    ap.add_argument("--titles", type=Path, default=DEV_TITLES, help="labeled TSV (title, market, expected)")
    ap.add_argument("--uncached", type=int, help="unique titles for (a) (default 40,000; quick 2,000)")
    ap.add_argument("--repeated", type=int, help="stream length for (b) (default 500,000; quick 10,000)")
    ap.add_argument("--memory", type=int, help="unique titles for (e) (default 200,000; quick 5,000)")
    ap.add_argument("--csv-rows", type=int, help="CSV rows for (f) (default 1,000,000; quick 20,000)")
    ap.add_argument("--xlsx-rows", type=int, help="workbook rows for (g) (default 100,000; quick 2,000)")
    ap.add_argument("--cold-runs", type=int, help="cold-start runs (default 5; quick 2)")
    ap.add_argument("--spark-rows", type=int, help="rows for (h) (default 2,000,000; quick 50,000; 0 skips)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON ('-' for stdout)")
    a = ap.parse_args(argv)
    q = a.quick
    sizes = {
        "uncached": a.uncached or (2_000 if q else 40_000),
        "repeated": a.repeated or (10_000 if q else 500_000),
        "memory": a.memory or (5_000 if q else 200_000),
        "traced": 2_000 if q else 50_000,
        "csv_rows": a.csv_rows or (20_000 if q else 1_000_000),
        "xlsx_rows": a.xlsx_rows or (2_000 if q else 100_000),
        "cold_runs": a.cold_runs or (2 if q else 5),
        "spark_rows": a.spark_rows if a.spark_rows is not None else (50_000 if q else 2_000_000),
    }
    t0 = time.perf_counter()
    rows, source = load_rows(a.titles)
    res: dict[str, Any] = {
        "mode": "quick" if q else "full",
        "sizes": sizes,
        "machine": machine(),
        "rows": len(rows),
        "source": source,
    }
    res["cold_start"] = bench_cold_start(sizes["cold_runs"])  # first, before this process warms caches
    res["accuracy"] = bench_accuracy_sets()
    res["uncached"] = bench_uncached(rows, sizes["uncached"])
    res["repeated"] = bench_repeated(rows, sizes["repeated"])
    res["memory"] = bench_memory(rows, sizes["memory"], sizes["traced"])
    missing = _cli_available()
    with tempfile.TemporaryDirectory(prefix="titlemap-bench-") as tmp:
        if missing:
            res["cli"], res["workbook"] = [{"skipped": missing}], {"skipped": missing}
        else:
            res["cli"] = bench_files.bench_csv(rows, sizes["csv_rows"], Path(tmp), _child)
            res["workbook"] = bench_files.bench_workbook(rows, sizes["xlsx_rows"], Path(tmp), _child)
    res["spark"] = bench_spark_child(sizes["spark_rows"], 1 if q else 3)
    res["total_s"] = time.perf_counter() - t0
    print(report(res))
    if a.json:
        text = json.dumps(res, indent=2, default=str)
        if a.json == "-":
            print(text)
        else:
            Path(a.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
