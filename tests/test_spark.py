"""titlemap.spark: normalize_column and map_column on a real local Spark session.

One ``local[2]`` session serves the whole module. Each result is compared with the pandas
helpers on the same data (every added cell, the column names and the row order). Arrow batches
are kept small so that each partition runs several batches through the same Python worker.
"""

from __future__ import annotations

import hashlib
import importlib
import pickle
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pyspark = pytest.importorskip("pyspark")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

import titlemap  # noqa: E402
from titlemap import Profile, TitleMap  # noqa: E402
from titlemap import spark as tm_spark  # noqa: E402
from titlemap.columns import (  # noqa: E402
    EXTRACT_COLUMNS,
    FLOAT_COLUMNS,
    INTEGER_COLUMNS,
    MAP_COLUMNS,
    NORMALIZE_COLUMNS,
)
from titlemap.pandas import extract_frame, map_frame, normalize_frame  # noqa: E402
from titlemap.spark import added_schema, extract_column, map_column, normalize_column  # noqa: E402

pytestmark = pytest.mark.slow  # a Spark session starts for this module

FIXTURES = Path(__file__).parent / "fixtures"
COLUMNS = {
    "market": "Market",
    "years": "Experience",
    "background": "Background",
    "manages_people": "Reports",
    "history": "Past titles",
    "company": "Company",
    "sector": "Sector",
    "stage": "Stage",
}
CONTEXT = {"columns": COLUMNS}
EMPLOYER_CONTEXT = {"columns": {k: COLUMNS[k] for k in ("market", "company", "sector", "stage")}}
# Look-alikes, blanks and repeats beside the candidates file's rows.
EXTRA_TITLES = [
    ("Sr PM", "US"),
    ("Sr. PM", "US"),
    ("Product Designer", "US"),
    ("Project Manager", "IN"),
    ("   ", "US"),
    (None, "US"),
    ("Sr PM", None),
    ("Sr PM", "Narnia"),
    ("Product Owner", "US"),
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as mp:
        # The workers run this interpreter (the venv's), not whichever python3 is on PATH.
        mp.setenv("PYSPARK_PYTHON", sys.executable)
        session = (
            SparkSession.builder.master("local[2]")
            .appName("titlemap-tests")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        try:
            yield session
        finally:
            session.stop()


@pytest.fixture(scope="module")
def candidates() -> Any:
    """The candidates file three times over (repeated rows), plus look-alikes and blanks."""
    df = pd.read_csv(FIXTURES / "candidates.csv", dtype=str)
    extra = pd.DataFrame(
        {"id": [f"x{i}" for i in range(len(EXTRA_TITLES))], "Title": [t for t, _ in EXTRA_TITLES]}
    )
    extra["Market"] = [m for _, m in EXTRA_TITLES]
    out = pd.concat([df, extra, df, df], ignore_index=True)
    return out.astype(object).where(out.notna(), None)  # plain Python cells, None for missing


def _records(df: Any) -> list[dict[str, Any]]:
    """A pandas result as plain rows: None for missing cells, Python ints and floats."""
    rows = df.astype(object).where(df.notna(), None).to_dict("records")
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()} for row in rows]


def _collect(sdf: Any) -> list[dict[str, Any]]:
    return [row.asDict() for row in sdf.collect()]


def _same(sdf: Any, expected: Any) -> None:
    assert sdf.columns == [str(c) for c in expected.columns]
    got = _collect(sdf)
    want = _records(expected)
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        assert g == w, f"row {i} differs"


def _no_new_jobs(spark: Any, before: list[int]) -> None:
    assert sorted(spark.sparkContext.statusTracker().getJobIdsForGroup()) == sorted(before)


# -- the same results as pandas ------------------------------------------------------------------


def test_normalize_agrees_with_pandas(spark: Any, candidates: Any) -> None:
    sdf = spark.createDataFrame(candidates)
    assert sdf.rdd.getNumPartitions() == 2  # several batches in each of two partitions
    out = normalize_column(sdf, "Title", "us", **EMPLOYER_CONTEXT)
    expected = normalize_frame(candidates, "Title", "us", **EMPLOYER_CONTEXT)
    _same(out, expected)
    rows = _collect(out)
    assert rows[3]["company_level"] == "68" and rows[3]["titlemap_company"] == "microsoft"
    codes = {r["Title"]: (r["reason"] or "").split(":")[0] for r in rows if r["id"].startswith("x")}
    assert codes["Product Designer"] == "not-product" and codes[None] == "blank" and codes["   "] == "blank"
    # the plain options too: one market, an employer for every row, another family
    plain = normalize_column(sdf, "Title", "in", employer="Microsoft")
    _same(plain, normalize_frame(candidates, "Title", "in", employer="Microsoft"))
    engineers = normalize_column(sdf, "Title", family="engineering")
    _same(engineers, normalize_frame(candidates, "Title", family="engineering"))


def test_map_agrees_with_pandas(spark: Any, candidates: Any) -> None:
    sdf = spark.createDataFrame(candidates)
    out = map_column(sdf, "Title", None, "in", **CONTEXT)
    _same(out, map_frame(candidates, "Title", None, "in", **CONTEXT))
    first = _collect(out.where("id = '1'"))
    assert [r["mapped_title"] for r in first] == ["Senior Product Manager"] * 3  # the engineer rule
    # one profile and employers for every row, the row's cells overriding them
    profile = Profile(background="engineering", years=8)
    options: dict[str, Any] = {"source_employer": "Acme Bank", "target_employer": "Flipkart"}
    out = map_column(sdf, "Title", "us", "in", profile, columns={"years": "Experience"}, **options)
    _same(
        out, map_frame(candidates, "Title", "us", "in", profile, columns={"years": "Experience"}, **options)
    )


def test_a_refused_look_alike_carries_its_codes(spark: Any, candidates: Any) -> None:
    rows = _collect(normalize_column(spark.createDataFrame(candidates), "Title", "us", **EMPLOYER_CONTEXT))
    refused = next(r for r in rows if r["Title"] == "Project Manager")
    why = titlemap.reason("Project Manager", "in")
    assert why is not None and why.occupation is not None
    assert refused["canonical_title"] is None and refused["reason"] == str(why)
    assert (refused["isco08"], refused["onet_soc"]) == (why.occupation.isco08, why.occupation.onet_soc)


def test_extract_agrees_with_pandas(spark: Any) -> None:
    texts = ["Senior PM @ Swiggy | ex-Flipkart | IIM A", "Angel investor | ex-Google PM", None, "PM"]
    local = pd.DataFrame({"headline": texts, "Market": ["IN", "US", "IN", "Atlantis"]})
    out = extract_column(spark.createDataFrame(local), "Headline", "in", columns={"market": "Market"})
    _same(out, extract_frame(local, "headline", "in", columns={"market": "Market"}))
    assert out.columns == ["headline", "Market", *EXTRACT_COLUMNS]
    assert out.schema["current_level"].dataType == T.IntegerType()
    assert out.schema["current_confidence"].dataType == T.DoubleType()
    first = out.collect()[0]
    assert (first["current_title"], first["employer"], first["past"]) == (
        "Senior Product Manager",
        "swiggy",
        "flipkart",
    )


def test_arrays_numbers_and_nulls_in_context_columns(spark: Any) -> None:
    schema = "title string, years int, history array<string>, reports boolean"
    data = [
        ("Product Owner", 8, ["Software Engineer", "Senior Software Engineer"], False),
        ("Product Owner", None, None, None),
        ("Product Owner", 8, ["Senior Software Engineer"], True),
    ]
    sdf = spark.createDataFrame(data, schema)
    options = {"columns": {"years": "years", "history": "history", "manages_people": "reports"}}
    out = map_column(sdf, "title", "us", "in", **options)
    assert [r["mapped_title"] for r in out.collect()] == [
        "Senior Product Manager",
        "Product Manager",
        "Senior Product Manager",
    ]
    local = pd.DataFrame(data, columns=["title", "years", "history", "reports"])
    _same(out, map_frame(local, "title", "us", "in", **options))


# -- distinct=True: each distinct title read once, joined back -------------------------------------


def _plan(sdf: Any) -> str:
    return str(sdf._jdf.queryExecution().executedPlan().toString())


def test_distinct_reads_the_same_rows_in_the_same_order(spark: Any, candidates: Any) -> None:
    sdf = spark.createDataFrame(candidates)
    before = spark.sparkContext.statusTracker().getJobIdsForGroup()
    calls = [
        (normalize_column, ("Title", "us"), EMPLOYER_CONTEXT, normalize_frame),
        (normalize_column, ("Title", "in"), {"employer": "Microsoft"}, normalize_frame),
        (map_column, ("Title", None, "in"), CONTEXT, map_frame),
    ]
    outs = [
        (spark_fn(sdf, *args, **kw, distinct=True), pandas_fn(candidates, *args, **kw))
        for spark_fn, args, kw, pandas_fn in calls
    ]
    _no_new_jobs(spark, before)  # lazy, as the row-by-row plan is
    for out, expected in outs:
        _same(out, expected)  # the same cells, row for row, in the input's order
        plan = _plan(out)
        assert "BroadcastHashJoin" in plan and "LeftOuter" in plan
    local = pd.DataFrame(
        {"headline": ["Senior PM @ Swiggy | ex-Flipkart", None, "PM", "PM"], "m": ["IN", "IN", None, "US"]}
    )
    out = extract_column(
        spark.createDataFrame(local), "headline", "in", columns={"market": "m"}, distinct=True
    )
    _same(out, extract_frame(local, "headline", "in", columns={"market": "m"}))


def test_added_columns_agree_with_pandas_in_both_plans(spark: Any, candidates: Any) -> None:
    sdf = spark.createDataFrame(candidates)
    some = ["rung", "level", "canonical_title"]
    for distinct in (False, True):
        out = normalize_column(sdf, "Title", "us", **EMPLOYER_CONTEXT, added_columns=some, distinct=distinct)
        expected = normalize_frame(candidates, "Title", "us", **EMPLOYER_CONTEXT, added_columns=some)
        assert out.columns[-3:] == ["canonical_title", "rung", "level"]  # the contract's order
        _same(out, expected)
        mapped = map_column(
            sdf, "Title", None, "in", **CONTEXT, added_columns=["mapped_level"], distinct=distinct
        )
        _same(mapped, map_frame(candidates, "Title", None, "in", **CONTEXT, added_columns=["mapped_level"]))
    local = pd.DataFrame({"headline": ["Senior PM @ Swiggy | ex-Flipkart", None]})
    found = extract_column(spark.createDataFrame(local), "headline", "in", added_columns=["employer", "past"])
    _same(found, extract_frame(local, "headline", "in", added_columns=["employer", "past"]))
    assert added_schema(["level"]).simpleString() == "struct<level:int>"
    plan = _plan(normalize_column(sdf, "Title", "us", added_columns=["level"]))
    assert "canonical_title" not in plan  # the other columns are not computed and dropped: never asked


def test_distinct_keys_hold_nulls_arrays_and_clashing_names(spark: Any) -> None:
    schema = "title string, years int, history array<string>, reports boolean"
    data = [
        ("Product Owner", 8, ["Software Engineer", "Senior Software Engineer"], False),
        ("Product Owner", None, None, None),
        (None, None, None, None),
        ("Product Owner", 8, ["Software Engineer", "Senior Software Engineer"], False),
        ("Product Owner", 8, ["Senior Software Engineer"], True),
    ]
    sdf = spark.createDataFrame(data, schema)
    options = {"columns": {"years": "years", "history": "history", "manages_people": "reports"}}
    local = pd.DataFrame(data, columns=["title", "years", "history", "reports"])
    once = map_column(sdf, "title", "us", "in", **options, distinct=True)
    _same(once, map_frame(local, "title", "us", "in", **options))
    # the frame may already hold the plan's own working names, and an earlier run's columns
    named = spark.createDataFrame(
        pd.DataFrame({"title": ["Sr PM", "Sr PM", None], "__titlemap_key0": [1, 2, 3]})
    )
    first = normalize_column(named, "title", "us", distinct=True)
    again = normalize_column(first, "title", "in", distinct=True)
    assert again.columns == first.columns  # the rerun replaced its columns in place
    assert first.columns[:3] == ["title", "__titlemap_key0", "titlemap_title"]
    assert len(first.columns) == 2 + len(NORMALIZE_COLUMNS)
    rows = again.collect()
    assert [r["__titlemap_key0"] for r in rows] == [1, 2, 3]
    assert [r["canonical_title"] for r in rows] == ["Senior Product Manager", "Senior Product Manager", None]


# -- user ladders travel as data -------------------------------------------------------------------


def test_user_ladders_reach_the_executors_as_data(spark: Any, tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    shutil.copy(FIXTURES / "acme.yaml", path)
    tm = TitleMap.from_paths([path])
    path.unlink()  # the executors cannot read the file: the ladders must travel with the TitleMap
    titles = pd.DataFrame({"title": ["PM3", "Product Lead III", "PL3", None, "Sr PM", "Wizard"] * 3})
    sdf = spark.createDataFrame(titles).repartition(2)
    with pytest.raises(titlemap.UnknownMarketError):
        normalize_column(sdf, "title", "acme")  # the bundled ladders have no acme
    out = normalize_column(sdf, "title", "acme", titlemap=tm).orderBy("title")  # repartition shuffled
    expected = normalize_frame(titles, "title", "acme", titlemap=tm)
    got = {r["title"]: r.asDict() for r in out.collect()}
    assert got == {r["title"]: r for r in _records(expected)}
    assert (got["PL3"]["canonical_title"], got["PL3"]["level"]) == (
        "Lead Product Manager",
        4,
    )  # ACME's own rung
    assert got["PM3"]["canonical_title"] == "Product Manager"
    mapped = map_column(spark.createDataFrame(titles), "title", "acme", "in", titlemap=tm)
    _same(mapped, map_frame(titles, "title", "acme", "in", titlemap=tm))

    # Each Python worker keeps the unpickled TitleMap by the digest of its pickle.
    digest = hashlib.sha256(pickle.dumps(tm, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()

    def held(batches: Iterator[Any]) -> Iterator[Any]:
        from titlemap import spark as worker_side

        for _ in batches:
            pass
        yield pd.DataFrame({"digest": list(worker_side._LOADED)})

    probe = spark.range(0, 8, numPartitions=2).mapInPandas(held, "digest string")
    assert digest in {r["digest"] for r in probe.collect()}


def test_one_titlemap_per_worker_process(candidates: Any) -> None:
    """In the worker: batches after the first reuse the TitleMap unpickled for the first."""
    tm = TitleMap.from_paths([FIXTURES / "acme.yaml"])
    payload = pickle.dumps(tm)
    digest = hashlib.sha256(payload).hexdigest()
    tm_spark._LOADED.pop(digest, None)
    first = tm_spark._loaded(digest, payload)
    assert first is not tm and first.normalize("PL3", "acme") is not None
    assert tm_spark._loaded(digest, b"not read again") is first
    for i in range(tm_spark._LOADED_MAX):  # a bounded number of TitleMaps is kept
        tm_spark._loaded(f"other-{i}", pickle.dumps(TitleMap.default()))
    assert digest not in tm_spark._LOADED and len(tm_spark._LOADED) == tm_spark._LOADED_MAX

    job = tm_spark._Job(
        digest=digest,
        payload=payload,
        helper=normalize_frame,
        args=("acme",),
        options={},
        context=(),
        columns=NORMALIZE_COLUMNS,
    )
    out = job.run([pa.array(["PL3", None, "PL3"])])
    assert out.type.names == list(NORMALIZE_COLUMNS)
    assert out.field("level").to_pylist() == [4, None, 4]
    assert len(job.answers) == 2  # each distinct title read once, and kept for the next batch
    job.run([pa.array(["PL3"])])
    assert len(job.answers) == 2


# -- column names ------------------------------------------------------------------------------------


def test_clash_policy_matches_pandas(spark: Any) -> None:
    local = pd.DataFrame({"title": ["Sr PM", "APM", None], "Level": ["a", "b", "c"], "REASON": [1, 2, 3]})
    sdf = spark.createDataFrame(local)
    once = normalize_column(sdf, "title", "us")
    expected = normalize_frame(local, "title", "us")
    _same(once, expected)
    assert "titlemap_level" in once.columns and "titlemap_reason" in once.columns
    assert once.columns[:3] == ["title", "Level", "REASON"]
    # a rerun replaces the earlier run's columns in place
    twice = normalize_column(once, "title", "in")
    _same(twice, normalize_frame(expected, "title", "in"))
    assert twice.columns == once.columns
    # mapping after normalizing appends its columns, prefixing the reason and note again
    mapped = map_column(once, "title", "us", "in")
    _same(mapped, map_frame(expected, "title", "us", "in"))
    assert mapped.columns[-2:] == ["titlemap_titlemap_reason", "titlemap_note"]
    # names are Spark's: a column named in another letter case is found; odd names work
    odd = spark.createDataFrame(pd.DataFrame({"job.title`s": ["GPM"], "Mkt": ["IN"]}))
    out = normalize_column(odd, "JOB.TITLE`S", "us", columns={"market": "mkt"})
    assert out.collect()[0]["canonical_title"] == "Group Product Manager"


def test_schema_types(spark: Any) -> None:
    sdf = spark.createDataFrame(pd.DataFrame({"id": [1], "job_title": ["Sr PM"]}))
    for out, added in (
        (normalize_column(sdf, "job_title"), NORMALIZE_COLUMNS),
        (map_column(sdf, "job_title", "us", "in"), MAP_COLUMNS),
    ):
        fields = {f.name: f.dataType for f in out.schema.fields}
        assert out.columns == ["id", "job_title", *added]
        for name in added:
            kind = (
                T.IntegerType()
                if name in INTEGER_COLUMNS
                else T.DoubleType()
                if name in FLOAT_COLUMNS
                else T.StringType()
            )
            assert fields[name] == kind, name
        assert out.schema.fields[2:] == added_schema(added).fields
    row = normalize_column(sdf, "job_title").collect()[0]
    assert (row["level"], row["confidence"], row["canonical_title"]) == (3, 1.0, "Senior Product Manager")
    assert (row["title"], row["rung"], row["level_min"], row["level_max"]) == (
        "Senior Product Manager",
        "senior-product-manager",
        3,
        3,
    )


# -- mistakes are reported on the driver -----------------------------------------------------------


def test_errors_are_raised_on_the_driver_before_any_job(spark: Any) -> None:
    sdf = spark.createDataFrame(pd.DataFrame({"id": ["1"], "title": ["Sr PM"], "market": ["us"]}))
    nested = spark.createDataFrame(
        [("Sr PM", {"a": "b"}, ("x", 1))], "title string, m map<string,string>, s struct<a:string,b:int>"
    )
    before = spark.sparkContext.statusTracker().getJobIdsForGroup()
    with pytest.raises(
        titlemap.InputError, match=r"no column 'job_title' .*available columns: 'id', 'title', 'market'"
    ):
        normalize_column(sdf, "job_title")
    with pytest.raises(titlemap.InputError, match=r"given as columns\['years'\]"):
        map_column(sdf, "title", "us", "in", columns={"years": "yrs"})
    with pytest.raises(titlemap.UnknownMarketError):
        normalize_column(sdf, "title", "Mars")
    with pytest.raises(titlemap.UnknownMarketError):
        map_column(sdf, "title", "us", "Atlantis")
    with pytest.raises(ValueError, match="market column"):
        map_column(sdf, "title", None, "in")
    with pytest.raises(TypeError, match="Profile"):
        map_column(sdf, "title", "us", "in", {"years": 3})
    with pytest.raises(TypeError, match="Spark DataFrame"):
        normalize_column(pd.DataFrame({"title": ["PM"]}))
    with pytest.raises(TypeError, match="column name"):
        normalize_column(sdf, sdf["title"])
    with pytest.raises(titlemap.InputError, match=r"'s' holds struct<a:string,b:int> values"):
        normalize_column(nested, "s")
    with pytest.raises(titlemap.InputError, match=r"'m' \(given as columns\['company'\]\) holds map"):
        normalize_column(nested, "title", columns={"company": "m"})
    with pytest.raises(titlemap.InputError, match=r"normalize_column: no added column 'mapped_level'"):
        normalize_column(sdf, "title", added_columns=["mapped_level"])
    with pytest.raises(titlemap.InputError, match=r"map_column: added_columns takes a list"):
        map_column(sdf, "title", "us", "in", added_columns="mapped_level")
    _no_new_jobs(spark, before)
    assert normalize_column(sdf, "title").count() == 1
    assert len(spark.sparkContext.statusTracker().getJobIdsForGroup()) > len(before)  # the probe sees jobs


def test_case_sensitive_sessions_need_the_exact_name(spark: Any) -> None:
    sdf = spark.createDataFrame(pd.DataFrame({"Title": ["Sr PM"]}))
    spark.conf.set("spark.sql.caseSensitive", "true")
    try:
        with pytest.raises(titlemap.InputError, match="available columns: 'Title'"):
            normalize_column(sdf, "title")
    finally:
        spark.conf.unset("spark.sql.caseSensitive")
    assert normalize_column(sdf, "title").columns[0] == "Title"


# -- without the extra -------------------------------------------------------------------------------


@pytest.mark.parametrize("hidden", [("pyspark", "pyspark.sql"), ("pyarrow",)])
def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch, hidden: tuple[str, ...]) -> None:
    for name in hidden:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "titlemap.spark")
    with pytest.raises(ImportError, match=r"pip install 'titlemap\[spark\]'"):
        importlib.import_module("titlemap.spark")


def test_09_decimal_years_read_as_numbers(spark: Any) -> None:
    """Review 3, finding 09: a DecimalType column (SQL sources) is read as numbers of years."""
    from decimal import Decimal

    people = spark.createDataFrame(
        [("Product Owner", Decimal("8.0"), "engineering"), ("Product Owner", Decimal("1.0"), "engineering")],
        "title string, years decimal(4,1), background string",
    )
    rows = map_column(
        people, "title", "us", "in", columns={"years": "years", "background": "background"}
    ).collect()
    assert [r["mapped_title"] for r in rows] == ["Senior Product Manager", "Associate Product Manager"]
    assert [r["note"] for r in rows] == [None, None]


def test_the_old_column_arguments_still_work_with_a_warning(spark: Any) -> None:
    sdf = spark.createDataFrame(pd.DataFrame({"title": ["Product Owner"], "yrs": ["8"], "m": ["US"]}))
    with pytest.warns(DeprecationWarning) as seen:
        old = map_column(sdf, "title", None, "in", years_column="yrs", market_column="m")
    ours = [str(w.message) for w in seen if w.category is DeprecationWarning]
    assert [m.split("(")[1].split("=")[0] for m in ours] == ["years_column", "market_column"]
    new = map_column(sdf, "title", None, "in", columns={"years": "yrs", "market": "m"})
    assert old.collect() == new.collect()
    with pytest.raises(TypeError, match="unexpected keyword argument 'salary_column'"):
        normalize_column(sdf, "title", salary_column="yrs")
