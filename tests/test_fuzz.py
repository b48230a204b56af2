"""Property-based fuzzing of normalize, map_title and the ladder loader.

The example counts are small so the file runs in a few seconds; set ``TITLEMAP_FUZZ_EXAMPLES``
(e.g. ``TITLEMAP_FUZZ_EXAMPLES=20000``) to scale every test up.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import titlemap
from titlemap import LadderError, Mapping, Match, Profile, TitleMap
from titlemap.spine import spine_level

BASE_EXAMPLES = int(os.environ.get("TITLEMAP_FUZZ_EXAMPLES", "0") or 0)


def fuzz(default: int) -> settings:
    """Settings for one test: ``default`` examples, or TITLEMAP_FUZZ_EXAMPLES when set.

    Small runs are derandomized (the same examples every run, no example database); scaled-up
    runs explore freshly each time.
    """
    return settings(
        max_examples=BASE_EXAMPLES or default,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        derandomize=not BASE_EXAMPLES,
    )


MARKETS = sorted(titlemap.markets())

# Title-shaped text: real vocabulary, separators and traps glued together in random order.
VOCAB = [
    "Senior",
    "Sr.",
    "Sr",
    "Jr",
    "PM",
    "APM",
    "GPM",
    "PO",
    "Product",
    "Manager",
    "Management",
    "Owner",
    "Head",
    "of",
    "VP",
    "AVP",
    "SVP",
    "Vice",
    "President",
    "Chief",
    "Officer",
    "CPO",
    "Lead",
    "Staff",
    "Principal",
    "Group",
    "Director",
    "Associate",
    "Assistant",
    "Intern",
    "Trainee",
    "Engineer",
    "Software",
    "Marketing",
    "Project",
    "Program",
    "Designer",
    "Analyst",
    "Technical",
    "Growth",
    "Payments",
    "Remote",
    "Bangalore",
    "II",
    "III",
    "L6",
    "2",
    "MTS",
    "Member",
    "GM",
    "DGM",
    "Productt",
    "Mangaer",
    "Prodcut",
    "Owenr",
    "Engineering",
    "Data",
    "&",
    "and",
    "/",
    "-",
    "–",
    "—",
    "|",
    ",",
    ":",
    "(",
    ")",
    "[",
    "]",
    "@",
    "at",
    "for",
    "in",
    "'s",
    "~",
    "*",
    "•",
    "#",
    "+",
    "?",
    "!",
    "\u200b",
    "\u00ad",
    "\ud800",
    "\ue000",
    "\x00",
    "\u202e",
    "🚀",
    "उत्पाद",
    "经理",
    "Ｐｒｏｄｕｃｔ",
]
SEPARATORS = st.sampled_from([" ", "", " - ", ", ", " | ", "/", "  ", "\t", "\n"])
TITLE_SHAPED = st.lists(st.tuples(st.sampled_from(VOCAB), SEPARATORS), max_size=14).map(
    lambda parts: "".join(w + s for w, s in parts)
)
ANY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec=None), max_size=400),
    TITLE_SHAPED,
    st.binary(max_size=200).map(lambda b: b.decode("utf-8", "surrogateescape")),
)
PROFILES = st.one_of(
    st.none(),
    st.builds(
        Profile,
        background=st.sampled_from([None, "engineering", "design", "data", "business", "product"]),
        years=st.one_of(st.none(), st.floats(min_value=0, max_value=70, allow_nan=False)),
        history=st.lists(TITLE_SHAPED, max_size=3),
    ),
)


def _check(m: Match | None, market: str) -> None:
    if m is None:
        return
    assert isinstance(m, Match)
    assert 0 < m.confidence <= 1
    lad = titlemap.ladder(market)
    assert m.market == titlemap.TitleMap.default().market_of(lad.id)
    home = titlemap.ladder(m.company) if m.company else lad  # a company named in the title
    assert m.rung in home.rungs and m.title == home.canonical_title(m.rung)
    low, high = m.level_range
    assert low <= m.level <= high and spine_level(m.level, m.track) is not None


@fuzz(600)
@given(title=ANY_TEXT, market=st.sampled_from(MARKETS))
def test_normalize_any_text(title: str, market: str) -> None:
    m = titlemap.normalize(title, market)
    _check(m, market)
    if m is not None:
        assert m.raw == title
        # the memo returns the same reading the second time
        assert titlemap.normalize(title, market) == m


@fuzz(200)
@given(title=ANY_TEXT)
def test_normalize_engineering_family(title: str) -> None:
    m = titlemap.normalize(title, family="engineering")
    if m is not None:
        assert 0 < m.confidence <= 1
        eng = next(lad for lad in TitleMap.default().ladders() if lad.family == "engineering")
        assert m.rung in eng.rungs


@fuzz(200)
@given(titles=st.lists(ANY_TEXT, max_size=20), market=st.sampled_from(MARKETS))
def test_normalize_many_matches_normalize(titles: list[str], market: str) -> None:
    many = list(titlemap.normalize_many(titles, market))
    assert many == [titlemap.normalize(t, market) for t in titles]


@fuzz(400)
@given(title=ANY_TEXT, source=st.sampled_from(MARKETS), target=st.sampled_from(MARKETS), profile=PROFILES)
def test_map_title_any_text_any_markets(
    title: str, source: str, target: str, profile: Profile | None
) -> None:
    mapped = titlemap.map_title(title, source, target, profile)
    if mapped is None:
        assert titlemap.normalize(title, source) is None
        return
    assert isinstance(mapped, Mapping)
    assert 0 < mapped.confidence <= 1
    lad = titlemap.ladder(target)
    assert mapped.market == lad.id
    assert mapped.rung in lad.rungs and mapped.title == mapped.rung.title
    _check(mapped.source, source)
    for alt in mapped.alternatives:
        assert alt.rung in lad.rungs


@fuzz(150)
@given(title=TITLE_SHAPED, market=st.sampled_from(MARKETS))
def test_equivalents_never_raise(title: str, market: str) -> None:
    out = titlemap.equivalents(title, market)
    assert market not in out
    for other, mapped in out.items():
        assert mapped.market == other


# -- the loader ----------------------------------------------------------------------------------

GOOD_LADDER = {
    "id": "acme",
    "name": "Acme",
    "description": "Fuzzed.",
    "sources": [{"id": "hr", "title": "HR", "url": "https://example.com"}],
    "rungs": [
        {
            "id": "pm",
            "title": "Widget Manager",
            "level": 2,
            "track": "ic",
            "manages_people": False,
            "scope": "Widgets.",
            "sources": ["hr"],
        },
        {
            "id": "spm",
            "title": "Senior Widget Manager",
            "level": 3,
            "track": "ic",
            "manages_people": False,
            "scope": "Widgets.",
            "sources": ["hr"],
        },
    ],
    "promotions": [{"from": "pm", "to": ["spm"], "source": "hr"}],
}
GOOD_TEXT = yaml.safe_dump(GOOD_LADDER, sort_keys=False)

YAMLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "id",
                "name",
                "rungs",
                "level",
                "track",
                "title",
                "aliases",
                "promotions",
                "extends",
                "kind",
                "crosswalk",
                "rules",
                "from",
                "to",
                ":",
                ": ",
                "- ",
                "-",
                "[",
                "]",
                "{",
                "}",
                ",",
                "&a ",
                "*a",
                "!!python/object/apply:os.system",
                "!!str",
                "!!binary",
                "<<",
                "? ",
                "|",
                ">",
                "'",
                '"',
                "#",
                "\n",
                "\n  ",
                "\n    ",
                "\t",
                "NO",
                "yes",
                "~",
                "null",
                "1e3",
                "0x1F",
                "010",
                "---",
                "...",
                "%YAML 1.1\n",
                "\ufeff",
                "\x00",
                "\ud800",
                "\x85",
                "\u2028",
            ]
        ),
        st.text(max_size=8),
    ),
    max_size=60,
).map("".join)


def _load(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    try:
        tm = TitleMap.from_paths([path], include_bundled=False)
    except LadderError as err:
        assert str(path) in str(err)
        return
    assert all(lad.rungs for lad in tm.ladders())


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@fuzz(300)
@given(raw=st.binary(max_size=2000))
def test_loader_random_bytes(tmp_path_factory, raw: bytes) -> None:
    _load(tmp_path_factory.mktemp("b"), raw)


@fuzz(400)
@given(text=YAMLISH)
def test_loader_yamlish_text(tmp_path_factory, text: str) -> None:
    _load(tmp_path_factory.mktemp("y"), _encode(text))


@fuzz(300)
@given(data=st.data())
def test_loader_mutated_good_file(tmp_path_factory, data: st.DataObject) -> None:
    """Small edits to a valid file: delete, insert or replace a span."""
    text = GOOD_TEXT
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 20)))
        text = text[:i] + data.draw(st.one_of(st.just(""), YAMLISH, st.text(max_size=5))) + text[j:]
    _load(tmp_path_factory.mktemp("m"), _encode(text))


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 20),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["pm", "spm", "hr", "ic", "manager", "us", "acme"]),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@fuzz(300)
@given(data=st.data())
def test_loader_structurally_mutated_ladder(tmp_path_factory, data: st.DataObject) -> None:
    """Valid YAML, wrong shapes: replace one value anywhere in a valid ladder with a random tree."""
    doc = yaml.safe_load(GOOD_TEXT)
    paths: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                paths.append((node, k))
                walk(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                paths.append((node, i))
                walk(v)

    walk(doc)
    parent, k = data.draw(st.sampled_from(paths))
    parent[k] = data.draw(TREES)  # type: ignore[index]
    if data.draw(st.booleans()):
        doc[data.draw(st.text(max_size=10))] = data.draw(TREES)
    _load(tmp_path_factory.mktemp("s"), _encode(yaml.safe_dump(doc, allow_unicode=True)))
