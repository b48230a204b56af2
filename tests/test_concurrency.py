"""Thread safety and the bounded memo.

``TitleMap`` instances are documented as immutable and safe to share between threads; the memo
(``functools.lru_cache``) is bounded by ``titlemap.core.MEMO_SIZE`` entries.
"""

from __future__ import annotations

import csv
import gc
import threading
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import titlemap
import titlemap.core
from titlemap import Profile, TitleMap

DATA = Path(__file__).parent / "data" / "dev_titles.tsv"
THREADS = 16

FALLBACK = [
    "Sr. PM - Payments (Bangalore)",
    "Product Owner",
    "Senior Product Manager",
    "VP Product",
    "Head of Product",
    "Associate Product Manager",
    "Group Product Manager",
    "Product Marketing Manager",
    "Project Manager",
    "Chief Product Officer",
    "Software Engineer",
    "Principal PM, Platform",
]


def corpus() -> list[str]:
    titles = list(FALLBACK)
    if DATA.exists():
        with DATA.open(newline="", encoding="utf-8") as f:
            titles += [r["title"] for r in csv.DictReader(f, delimiter="\t") if r.get("title")]
    titles += ["", "|" * 1000, "(" * 1000, "\ud800PM", "उत्पाद प्रबंधक", "高级产品经理", "🚀 PM"]
    # variants so that threads also race on memo misses, not just hits
    return titles + [f"{t} {i}" for i, t in enumerate(titles)] + [t.upper() for t in titles]


def _norm_answer(tm: TitleMap, title: str, market: str) -> object:
    m = tm.normalize(title, market)
    return None if m is None else m.to_dict()


def _map_answer(tm: TitleMap, title: str, source: str, target: str, profile: Profile | None) -> object:
    m = tm.map_title(title, source, target, profile)
    return None if m is None else m.to_dict()


PROFILES = [
    None,
    Profile(background="engineering", years=6),
    Profile(history=["Software Engineer", "SDE II"]),
]


def _jobs(titles: list[str]) -> list[tuple]:
    jobs: list[tuple] = []
    for i, t in enumerate(titles):
        market = ("us", "in")[i % 2]
        jobs.append(("normalize", t, market))
        jobs.append(("map", t, market, ("in", "us")[i % 2], PROFILES[i % len(PROFILES)]))
    return jobs


def _run(tm: TitleMap, job: tuple) -> object:
    if job[0] == "normalize":
        return _norm_answer(tm, job[1], job[2])
    return _map_answer(tm, *job[1:])


def test_sixteen_threads_agree_with_one_thread() -> None:
    titles = corpus()
    jobs = _jobs(titles)
    serial = [_run(TitleMap.from_paths([], include_bundled=True), j) for j in jobs]
    assert any(a is not None for a in serial)

    # A fresh, cold TitleMap: threads race on building normalizers and filling the memo.
    shared = TitleMap.from_paths([], include_bundled=True)
    barrier = threading.Barrier(THREADS)

    def worker(offset: int) -> list[tuple[int, object]]:
        barrier.wait()
        out = []
        # every thread walks all jobs, from a different starting point
        for k in range(len(jobs)):
            idx = (k + offset * 37) % len(jobs)
            out.append((idx, _run(shared, jobs[idx])))
        return out

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))
    for per_thread in results:
        assert len(per_thread) == len(jobs)
        for idx, answer in per_thread:
            assert answer == serial[idx], jobs[idx]


def test_module_functions_from_threads_agree() -> None:
    titles = corpus()[:300]
    serial = [(_norm_answer(TitleMap.default(), t, "in"), titlemap.map_title(t, "in", "us")) for t in titles]
    serial = [(n, None if m is None else m.to_dict()) for n, m in serial]

    def work(t: str) -> tuple[object, object]:
        m = titlemap.normalize(t, "in")
        mp = titlemap.map_title(t, "in", "us")
        return (None if m is None else m.to_dict(), None if mp is None else mp.to_dict())

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        threaded = list(pool.map(work, titles * 4))
    assert threaded == serial * 4


def test_normalize_many_from_threads_keeps_order() -> None:
    titles = corpus()
    expected = [None if m is None else m.title for m in titlemap.normalize_many(titles, "us")]

    def work(_: int) -> list[str | None]:
        return [None if m is None else m.title for m in titlemap.normalize_many(titles, "us")]

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        for got in pool.map(work, range(THREADS)):
            assert got == expected


def test_memo_stays_bounded_at_memo_size() -> None:
    tm = TitleMap.from_paths([], include_bundled=True)
    size = titlemap.core.MEMO_SIZE
    # cheap unique titles (not product roles) keep this fast even for the real MEMO_SIZE
    for i in range(size + 2_000):
        tm.normalize(f"x{i}")
    info = tm._memo.cache_info()
    assert info.maxsize == size
    assert info.currsize <= size
    assert info.misses == size + 2_000


def test_memo_bounded_with_small_size_and_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(titlemap.core, "MEMO_SIZE", 64)
    tm = TitleMap.from_paths([], include_bundled=True)
    titles = [f"Senior Product Manager {i}" for i in range(2_000)]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda t: tm.normalize(t).title, titles))
    assert set(results) == {"Senior Product Manager"}
    assert tm._memo.cache_info().currsize <= 64
    # still correct after eviction
    assert tm.normalize("Sr PM").title == "Senior Product Manager"


def test_default_memo_bounded_after_many_unique_titles() -> None:
    tm = TitleMap.default()
    for m in tm.normalize_many(f"y{i}" for i in range(titlemap.core.MEMO_SIZE + 10)):
        assert m is None
    assert tm._memo.cache_info().currsize <= titlemap.core.MEMO_SIZE
    tm.clear_cache()
    assert tm._memo.cache_info().currsize == 0


def test_default_is_built_once_under_contention(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(titlemap.core, "_default", None)
    barrier = threading.Barrier(THREADS)

    def get(_: int) -> int:
        barrier.wait()
        return id(TitleMap.default())

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        ids = set(pool.map(get, range(THREADS)))
    assert len(ids) == 1


def test_memo_does_not_pin_huge_titles() -> None:
    tm = TitleMap.from_paths([], include_bundled=True)
    tm.normalize("warm up")
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for i in range(200):
            tm.normalize(f"Senior Product Manager {i} " + "x" * 1_000_000)
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert retained < 20_000_000, f"{retained / 1e6:.0f} MB retained by the memo"
