"""titlemap.pandas: normalize_frame, map_frame, the df.titlemap accessor and the Dask meta helpers."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

import titlemap  # noqa: E402
from titlemap.compiled import bundled_yaml  # noqa: E402
from titlemap.core import TitleMap  # noqa: E402
from titlemap.loading import load_texts  # noqa: E402
from titlemap.match import Match  # noqa: E402
from titlemap.pandas import (  # noqa: E402
    MAP_COLUMNS,
    NORMALIZE_COLUMNS,
    map_frame,
    map_meta,
    normalize_frame,
    normalize_meta,
)

CLI_COLUMNS = [
    "title",
    "canonical_title",
    "rung",
    "local_title",
    "level",
    "level_min",
    "level_max",
    "track",
    "confidence",
    "evidence",
    "seniority",
    "grade",
    "specialization",
    "team",
    "location",
    "employment",
    "company",
    "company_level",
    "rank",
    "lookalike",
    "years_min",
    "years_max",
    "isco08",
    "esco_uri",
    "onet_soc",
    "uk_soc2020",
    "nco2015",
    "reason",
    "note",
]
# the frames below hold their titles in a column named "title": the added one is renamed
ADDED = ["titlemap_title", *CLI_COLUMNS[1:]]

TITLES = [
    "Sr. PM - Payments (Bangalore)",
    "APM",
    None,
    "Software Engineer",
    "Sr. PM - Payments (Bangalore)",
    float("nan"),
    "Head of Product, Growth (Remote)",
    "APM",
]


class CountingTitleMap(TitleMap):
    """The bundled ladders, counting how often each title is normalized or mapped."""

    def __init__(self) -> None:
        data = load_texts(bundled_yaml())
        super().__init__(
            data.ladders,
            data.rules,
            sources=data.sources,
            languages=data.languages,
            occupations=data.occupations,
        )
        self.normalized: list[str] = []
        self.mapped: list[str] = []

    def normalize(self, title: str, market: str = "us", **kwargs: Any) -> Match | None:
        self.normalized.append(title)
        return super().normalize(title, market, **kwargs)

    def map_title(self, title: str, source: str, target: str, profile: Any = None, **kwargs: Any) -> Any:
        self.mapped.append(title)
        return super().map_title(title, source, target, profile, **kwargs)


@pytest.fixture
def frame() -> Any:
    # A shuffled, non-default index: both it and the row order must survive.
    return pd.DataFrame(
        {"title": TITLES, "id": range(len(TITLES))},
        index=pd.Index([70, 10, 60, 20, 50, 30, 40, 0], name="row"),
    )


def test_columns_match_the_cli(frame: Any) -> None:
    out = normalize_frame(frame, "title", "in")
    assert list(NORMALIZE_COLUMNS) == CLI_COLUMNS
    assert list(out.columns) == ["title", "id", *ADDED]
    assert list(MAP_COLUMNS) == [
        "mapped_title",
        "mapped_canonical_title",
        "mapped_rung",
        "mapped_local_title",
        "mapped_level",
        "mapped_level_min",
        "mapped_level_max",
        "mapped_track",
        "mapped_confidence",
        "mapped_evidence",
        "mapped_rule",
        "mapped_company",
        "mapped_company_level",
        "mapped_years_min",
        "mapped_years_max",
        "reason",
        "note",
    ]
    mapped = map_frame(frame, "title", "us", "in")
    assert list(mapped.columns) == ["title", "id", *MAP_COLUMNS]


def test_clash_policy_is_the_clis(frame: Any) -> None:
    """A column named like an added one, in any case, is kept; the added one gets a prefix."""
    clashing = frame.assign(Location=["x"] * len(frame), level=[0] * len(frame))
    out = normalize_frame(clashing, "title", "in")
    assert list(out["Location"]) == ["x"] * len(frame) and list(out["level"]) == [0] * len(frame)
    assert "titlemap_location" in out.columns and "titlemap_level" in out.columns
    again = normalize_frame(normalize_frame(frame, "title", "in"), "title", "in")
    assert list(again.columns) == ["title", "id", *ADDED]  # a rerun replaces its own columns


def test_added_columns_writes_only_those_in_the_contract_order(frame: Any) -> None:
    full = normalize_frame(frame, "title", "in")
    some = normalize_frame(frame, "title", "in", added_columns=["reason", "level", "canonical_title"])
    assert list(some.columns) == ["title", "id", "canonical_title", "level", "reason"]
    pd.testing.assert_frame_equal(some, full[["title", "id", "canonical_title", "level", "reason"]])
    # the added "title" clashes with the input's, as with every column
    titled = normalize_frame(frame, "title", "in", added_columns=["title"])
    assert list(titled.columns) == ["title", "id", "titlemap_title"]
    # a few columns are too weak a sign of an earlier run: an input column is never overwritten
    own = frame.assign(level=["mine"] * len(frame))
    kept = normalize_frame(own, "title", "in", added_columns=["level"])
    assert list(kept.columns) == ["title", "id", "level", "titlemap_level"]
    assert list(kept["level"]) == ["mine"] * len(frame)
    again = normalize_frame(some, "title", "in", added_columns=["canonical_title", "level", "reason"])
    assert list(again.columns)[5:] == ["titlemap_canonical_title", "titlemap_level", "titlemap_reason"]
    mapped = map_frame(frame, "title", "us", "in", added_columns=["mapped_level", "mapped_title"])
    assert list(mapped.columns) == ["title", "id", "mapped_title", "mapped_level"]
    pd.testing.assert_frame_equal(mapped, map_frame(frame, "title", "us", "in")[list(mapped.columns)])
    assert list(frame.titlemap.normalize("title", "in", added_columns=["rung"]).columns) == [
        "title",
        "id",
        "rung",
    ]
    meta = normalize_meta(frame, "title", "in", added_columns=["level", "canonical_title"])
    pd.testing.assert_series_equal(meta.dtypes, some.dtypes.drop("reason"))
    mmeta = map_meta(frame, "title", "us", "in", added_columns=["mapped_title", "mapped_level"])
    pd.testing.assert_series_equal(mmeta.dtypes, mapped.dtypes)


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ("level", r"a list of column names, not one string; write added_columns=\['level'\]"),
        (["levels"], r"no added column 'levels'; choose from title, canonical_title, rung"),
        (["mapped_level"], r"normalize_frame: no added column 'mapped_level'"),
        (["level", "level"], r"names 'level' twice"),
        ([], r"added_columns is empty; name at least one of title, canonical_title"),
    ],
)
def test_added_columns_mistakes_are_input_errors(frame: Any, chosen: Any, message: str) -> None:
    with pytest.raises(titlemap.InputError, match=message):
        normalize_frame(frame, "title", "in", added_columns=chosen)


def test_employer_context_per_frame() -> None:
    df = pd.DataFrame({"title": ["Product Manager", "Product Manager (IC6)"]})
    out = normalize_frame(df, "title", "us", employer="Meta")
    assert list(out["company"]) == ["meta", "meta"] and list(out["company_level"]) == ["IC4-IC7", "IC6"]
    assert list(out["level_min"]) == [2, 5] and list(out["level_max"]) == [6, 5]


def test_values_agree_with_normalize(frame: Any) -> None:
    out = normalize_frame(frame, "title", "in")
    for raw, (_, row) in zip(TITLES, out.iterrows(), strict=True):
        match = titlemap.normalize(raw, "in") if isinstance(raw, str) else None
        if match is None:
            codes = ("isco08", "esco_uri", "onet_soc", "uk_soc2020", "nco2015")
            assert all(pd.isna(row[c]) for c in ADDED if c != "reason" and c not in codes), row
            expected = titlemap.reason(raw, "in") if isinstance(raw, str) else None
            family = expected.occupation if expected is not None else None  # a look-alike's codes
            assert [None if pd.isna(row[c]) else row[c] for c in codes] == [
                getattr(family, c) if family is not None else None for c in codes
            ]
            assert row["reason"] == (str(expected) if expected else "blank: no title in the row")
            continue
        assert pd.isna(row["reason"])
        assert row["titlemap_title"] == match.title and row["canonical_title"] == match.canonical_title
        assert row["rung"] == match.rung.id and row["evidence"] == match.evidence
        assert (row["level_min"], row["level_max"]) == (match.level_min, match.level_max) == match.level_range
        assert row["level"] == match.level
        assert row["track"] == match.track
        assert row["confidence"] == pytest.approx(match.confidence)
        for name in ("seniority", "grade", "specialization", "team", "location", "employment"):
            expected = getattr(match, name)
            assert pd.isna(row[name]) if expected is None else row[name] == expected, name
    first = out.iloc[0]
    assert (first["canonical_title"], first["team"], first["location"]) == (
        "Senior Product Manager",
        "Payments",
        "Bangalore",
    )


def test_dtypes(frame: Any) -> None:
    out = normalize_frame(frame, "title", "in")
    assert str(out["level"].dtype) == "Int64"
    assert out["confidence"].dtype == np.float64
    assert out["level"].isna().tolist() == [False, False, True, True, False, True, False, False]


def test_index_order_and_input_untouched(frame: Any) -> None:
    before = frame.copy()
    out = normalize_frame(frame, "title", "in")
    assert out.index.equals(frame.index)
    assert out["id"].tolist() == list(range(len(TITLES)))
    pd.testing.assert_frame_equal(frame, before)
    assert out is not frame


def test_each_unique_title_is_normalized_once(frame: Any) -> None:
    tm = CountingTitleMap()
    big = pd.concat([frame] * 50, ignore_index=True)
    out = normalize_frame(big, "title", "in", titlemap=tm)
    assert len(out) == 400
    assert sorted(tm.normalized) == sorted({t for t in TITLES if isinstance(t, str)})
    pd.testing.assert_frame_equal(
        out.iloc[:8].reset_index(drop=True),
        normalize_frame(frame, "title", "in").reset_index(drop=True),
    )


def test_each_unique_title_is_mapped_once(frame: Any) -> None:
    tm = CountingTitleMap()
    map_frame(pd.concat([frame] * 10), "title", "us", "in", titlemap=tm)
    assert sorted(tm.mapped) == sorted({t for t in TITLES if isinstance(t, str)})


def test_missing_titles_give_empty_results() -> None:
    df = pd.DataFrame({"title": [None, np.nan, pd.NA, "", "  "]})
    out = normalize_frame(df, "title", "us")
    assert out[[c for c in ADDED if c != "reason"]].isna().all().all()
    assert set(out["reason"]) == {"blank: no title in the row"}
    assert len(out) == 5


def test_string_dtype_column_and_non_string_cells() -> None:
    df = pd.DataFrame({"t": pd.array(["Group PM", None, "Group PM"], dtype="string")})
    assert normalize_frame(df, "t", "us")["level"].tolist() == [5, pd.NA, 5]
    mixed = pd.DataFrame({"t": [12345, "CPO"]})
    assert normalize_frame(mixed, "t", "in")["canonical_title"].iloc[1] == "Chief Product Officer"


def test_empty_frame() -> None:
    out = normalize_frame(pd.DataFrame({"title": pd.Series([], dtype=object)}), "title", "in")
    assert len(out) == 0
    assert list(out.columns) == ["title", *ADDED]


def test_unknown_column_names_available_columns(frame: Any) -> None:
    with pytest.raises(titlemap.InputError, match=r"'titel'.*available columns: 'title', 'id'"):
        normalize_frame(frame, "titel", "in")
    with pytest.raises(titlemap.InputError, match="available columns"):
        map_frame(frame, "job", "us", "in")


def test_duplicate_column_is_an_input_error() -> None:
    df = pd.DataFrame([["PM", "APM"]], columns=["title", "title"])
    with pytest.raises(titlemap.InputError, match="2 times"):
        normalize_frame(df, "title", "in")


def test_unknown_market(frame: Any) -> None:
    with pytest.raises(titlemap.UnknownMarketError):
        normalize_frame(frame, "title", "mars")
    with pytest.raises(titlemap.UnknownMarketError):
        normalize_frame(frame.iloc[:0], "title", "mars")
    with pytest.raises(titlemap.UnknownMarketError):
        map_frame(frame, "title", "us", "mars")


def test_not_a_frame() -> None:
    with pytest.raises(TypeError, match="DataFrame"):
        normalize_frame(["PM"], "title", "in")  # type: ignore[arg-type]


def test_market_by_country_name(frame: Any) -> None:
    pd.testing.assert_frame_equal(
        normalize_frame(frame, "title", "India"), normalize_frame(frame, "title", "in")
    )


def test_engineering_family() -> None:
    df = pd.DataFrame({"title": ["Software Engineer", "Senior PM"]})
    out = normalize_frame(df, family="engineering")
    assert out["canonical_title"].iloc[0] == "Software Engineer"


def test_map_frame_with_and_without_profile() -> None:
    df = pd.DataFrame({"title": ["Product Owner", None, "Software Engineer"]}, index=[3, 2, 1])
    plain = map_frame(df, "title", "us", "in")
    assert list(plain.columns) == ["title", *MAP_COLUMNS]
    assert plain.index.tolist() == [3, 2, 1]
    expected = titlemap.map_title("Product Owner", "us", "in")
    assert expected is not None
    assert plain.loc[3, "mapped_title"] == expected.title == "Product Manager"
    assert plain.loc[3, "mapped_level"] == expected.level
    assert plain.loc[3, "mapped_confidence"] == pytest.approx(expected.confidence)
    assert plain.loc[[2, 1], list(MAP_COLUMNS[:-2])].isna().all().all()
    assert plain["note"].isna().all()
    assert plain.loc[[2, 1], "reason"].tolist() == ["blank: no title in the row", "not-product: engineering"]
    assert pd.isna(plain.loc[3, "reason"])
    engineer = titlemap.Profile(background="engineering", years=8)
    senior = map_frame(df, "title", "us", "in", engineer)
    assert senior.loc[3, "mapped_title"] == "Senior Product Manager"
    assert str(senior["mapped_level"].dtype) == "Int64"


def test_accessor(frame: Any) -> None:
    pd.testing.assert_frame_equal(
        frame.titlemap.normalize("title", "in"), normalize_frame(frame, "title", "in")
    )
    profile = titlemap.Profile(background="engineering", years=8)
    pd.testing.assert_frame_equal(
        frame.titlemap.map("title", "us", "in", profile), map_frame(frame, "title", "us", "in", profile)
    )
    with pytest.raises(titlemap.InputError):
        frame.titlemap.normalize("nope")


def test_meta_matches_a_real_result(frame: Any) -> None:
    meta = normalize_meta(frame, "title", "in")
    out = normalize_frame(frame, "title", "in")
    assert len(meta) == 0
    pd.testing.assert_series_equal(meta.dtypes, out.dtypes)
    mmeta = map_meta(frame, "title", "us", "in")
    pd.testing.assert_series_equal(mmeta.dtypes, map_frame(frame, "title", "us", "in").dtypes)
    with pytest.raises(TypeError):
        normalize_meta([1, 2])


def test_titlemap_pickles_for_workers() -> None:
    import pickle

    tm = TitleMap.default()
    assert pickle.loads(pickle.dumps(tm)) is tm


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.delitem(sys.modules, "titlemap.pandas")
    with pytest.raises(ImportError, match=r"pip install titlemap\[pandas\]"):
        importlib.import_module("titlemap.pandas")


# -- one columns mapping; the *_column arguments of earlier versions ---------------------------------


def test_context_columns_by_field() -> None:
    df = pd.DataFrame({"title": ["Product Owner"], "Where": ["US"], "Yrs": ["8"], "Bg": ["CS"]})
    out = map_frame(df, "title", None, "in", columns={"market": "Where", "years": "Yrs", "background": "Bg"})
    assert out["mapped_title"].tolist() == ["Senior Product Manager"]
    with pytest.raises(titlemap.InputError, match=r"given as columns\['years'\]"):
        map_frame(df, "title", "us", "in", columns={"years": "Years"})
    with pytest.raises(ValueError, match="unknown context field"):
        map_frame(df, "title", "us", "in", columns={"salary": "Yrs"})
    with pytest.raises(ValueError, match="unknown context field"):
        normalize_frame(df, "title", "us", columns={"years": "Yrs"})  # normalizing reads no profile


def test_the_old_column_arguments_still_work_with_a_warning() -> None:
    df = pd.DataFrame({"title": ["Product Owner"], "Where": ["US"], "Yrs": ["8"], "Bg": ["CS"]})
    with pytest.warns(DeprecationWarning) as seen:
        old = map_frame(
            df, "title", None, "in", market_column="Where", years_column="Yrs", background_column="Bg"
        )
    assert len(seen) == 3 and "pass columns={'years': 'Yrs'}" in str(seen[1].message)
    new = map_frame(df, "title", None, "in", columns={"market": "Where", "years": "Yrs", "background": "Bg"})
    pd.testing.assert_frame_equal(old, new)
    with pytest.warns(DeprecationWarning, match="market_column"):
        normalize_frame(df, "title", market_column="Where")
    with pytest.raises(TypeError, match="unexpected keyword argument 'salary_column'"):
        map_frame(df, "title", "us", "in", salary_column="Yrs")
    with pytest.raises(TypeError, match="given twice"), pytest.warns(DeprecationWarning):
        map_frame(df, "title", "us", "in", years_column="Yrs", columns={"years": "Bg"})
