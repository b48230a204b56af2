"""titlemap.pandas under Dask: map_partitions on a real multi-process distributed cluster.

The functions and the TitleMap are pickled to worker processes, which reload the bundled ladders
(``TitleMap.__reduce__``), so this checks what a recruiter's cluster job relies on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import titlemap  # noqa: E402
from titlemap.pandas import map_frame, map_meta, normalize_frame, normalize_meta  # noqa: E402

TITLES = [
    "Sr. PM - Payments (Bangalore)",
    "APM",
    None,
    "Product Owner",
    "Group Product Manager, Platform",
    "Software Engineer",
    "VP Product",
    "Head of Product (Remote)",
    "Associate Product Manager - Growth",
    "Principal PM, AI/ML",
    "Director of Product Management",
    "Product Management Intern - Summer 2027",
]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            worker_dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture
def frame() -> Any:
    rows = TITLES * 5
    return pd.DataFrame({"title": rows, "n": range(len(rows))}, index=pd.RangeIndex(100, 100 + len(rows)))


def _same(got: Any, expected: Any) -> None:
    # Dask may store text as pyarrow strings; compare values, index and order, not dtypes.
    assert list(got.columns) == list(expected.columns)
    assert got.index.tolist() == expected.index.tolist()
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.slow
def test_normalize_map_partitions_on_a_cluster(client: Any, frame: Any) -> None:
    ddf = dd.from_pandas(frame, npartitions=4)
    meta = normalize_meta(ddf, "title", "in")
    out = ddf.map_partitions(normalize_frame, "title", "in", meta=meta)
    assert list(out.columns) == list(meta.columns)
    got = client.compute(out).result()
    _same(got, normalize_frame(frame, "title", "in"))
    # Both workers took part: the TitleMap reloaded in each worker process.
    assert len(client.scheduler_info()["workers"]) == 2


@pytest.mark.slow
def test_map_partitions_with_an_explicit_titlemap_and_profile(client: Any, frame: Any) -> None:
    ddf = dd.from_pandas(frame, npartitions=3)
    tm = titlemap.TitleMap.default()
    profile = titlemap.Profile(background="engineering", years=8)
    out = ddf.map_partitions(
        map_frame, "title", "us", "in", profile, titlemap=tm, meta=map_meta(ddf, "title", "us", "in")
    )
    got = client.compute(out).result()
    _same(got, map_frame(frame, "title", "us", "in", profile))
    assert set(got.loc[got["title"] == "Product Owner", "mapped_title"]) == {"Senior Product Manager"}
