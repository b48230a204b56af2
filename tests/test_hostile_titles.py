"""Hostile titles: huge strings, separator floods, deep brackets, every Unicode category, bad types.

Nothing may raise except the documented errors (TypeError for a non-str title), and no input may
make normalization slow: a 1 MB title is read in well under the hang guard below, and the time
grows (at most) linearly with the length of the input (a 100 KB vs 1 MB comparison catches
catastrophic regex backtracking).
"""

from __future__ import annotations

import time

import pytest

import titlemap
from titlemap import Mapping, Match

# A hang guard, not a performance claim: every call below takes milliseconds on a laptop; the
# guard is loose so that a loaded CI machine does not fail it (linearity is checked relatively).
HANG_GUARD_S = 10.0
MB = 1_000_000

# name -> 1 MB-ish hostile title
HUGE = {
    "1mb-repeated-title": "Senior Product Manager " * (MB // 23),
    "1mb-letters": "a" * MB,
    "1mb-spaces": " " * MB,
    "million-pipes": "|" * MB,
    "million-spaced-dashes": "- " * (MB // 2),
    "million-dashes": "-" * MB,
    "million-slashes": " / " * (MB // 3),
    "deep-brackets": "(" * 100_000,
    "deep-brackets-1mb": "(" * MB,
    "balanced-brackets": "(" * (MB // 2) + ")" * (MB // 2),
    "million-for": " for " * (MB // 5),
    "million-at": " at X" * (MB // 5),
    "million-possessive": "'s" * (MB // 2),
    "million-dots": "." * MB,
    "million-zero-width": "\u200b" * MB,
    "million-emoji": "🚀" * MB,
    "million-nul": "\x00" * MB,
    "title-then-1mb-junk": "Sr. PM - Payments " + "x" * MB,
    "1mb-junk-then-title": "x " * (MB // 2) + "Senior Product Manager",
    "million-rank-words": "Senior " * (MB // 7) + "PM",
}

# name -> short hostile title from a Unicode category or a trap
UNICODE = {
    "c0-controls": "".join(chr(i) for i in range(32)) + "Product Manager",
    "c1-controls": "".join(chr(i) for i in range(0x7F, 0xA0)) + "Product Manager",
    "nul-inside": "Senior\x00Product\x00Manager",
    "format-chars": "\ufeffSenior\u200b Product\u200c Manager\u200d\u2060\u2061",
    "private-use": "\ue000Senior PM\uf8ff",
    "lone-surrogate-high": "\ud800",
    "lone-surrogates-around": "\ud800Senior Product Manager\udfff",
    "rtl-marks": "\u202eSenior Product Manager\u202c\u200f",
    "rtl-override-only": "\u202e\u202d\u202c\u200e\u200f",
    "arabic": "مدير المنتج",
    "hebrew": "מנהל מוצר",
    "emoji": "🚀 Senior Product Manager 🚀",
    "emoji-zwj": "👩‍💻 Product Owner 👨‍👩‍👧",
    "devanagari": "उत्पाद प्रबंधक",
    "devanagari-mixed": "वरिष्ठ Product Manager (उत्पाद प्रबंधक)",
    "sinhala": "නිෂ්පාදන කළමනාකරු",
    "chinese": "高级产品经理",
    "chinese-mixed": "高级 Product Manager - 北京",
    "fullwidth": "Ｓｅｎｉｏｒ Ｐｒｏｄｕｃｔ Ｍａｎａｇｅｒ",
    "combining-marks": "Pr\u0301o\u0308duct Ma\u0303nager",
    "zalgo": "P" + "\u0300" * 5000 + "M",
    "line-separators": "Senior\u2028Product\u2029Manager\x85",
    "tabs-newlines": "\tSenior\n\rProduct\x0bManager\x0c",
    "noncharacters": "\ufffe\uffffProduct Manager\U0010ffff",
    "replacement-char": "\ufffdSenior PM\ufffd",
    "astral": "𝐒𝐞𝐧𝐢𝐨𝐫 𝐏𝐫𝐨𝐝𝐮𝐜𝐭 𝐌𝐚𝐧𝐚𝐠𝐞𝐫",
    "empty": "",
    "only-space": "   \t\n",
    "only-separators": '|,;:()[]{}•·*!?"+#-–—/',
}

MARKETS = ("us", "in")


@pytest.fixture(autouse=True, scope="module")
def _forget_huge_titles():
    """The shared memo keeps raw titles: drop this module's megabyte strings afterwards."""
    yield
    titlemap.TitleMap.default().clear_cache()


def _check_match(result: Match | None, market: str) -> None:
    if result is None:
        return
    assert isinstance(result, Match)
    assert 0 < result.confidence <= 1
    lad = titlemap.ladder(market)
    assert result.market == lad.id
    assert result.rung in lad.rungs
    assert result.title == result.rung.title


def _timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


@pytest.mark.parametrize("name", sorted(HUGE))
def test_huge_titles_normalize_fast_and_safely(name: str) -> None:
    title = HUGE[name]
    assert len(title) >= 100_000
    for market in MARKETS:
        result, took = _timed(titlemap.normalize, title, market)
        assert took < HANG_GUARD_S, f"{name}: normalize took {took:.2f}s"
        _check_match(result, market)
    results, took = _timed(lambda: list(titlemap.normalize_many([title, title + "x"], "in")))
    assert took < HANG_GUARD_S
    assert len(results) == 2
    mapped, took = _timed(titlemap.map_title, title, "us", "in")
    assert took < HANG_GUARD_S, f"{name}: map_title took {took:.2f}s"
    assert mapped is None or isinstance(mapped, Mapping)


def test_huge_title_keeps_the_title_it_starts_with() -> None:
    # Past the title length limit the rest is description: the leading title still reads.
    result = titlemap.normalize(HUGE["title-then-1mb-junk"])
    assert result is not None
    assert result.title == "Senior Product Manager"


@pytest.mark.parametrize("name", sorted(UNICODE))
def test_unicode_categories_never_raise(name: str) -> None:
    title = UNICODE[name]
    for market in MARKETS:
        _check_match(titlemap.normalize(title, market), market)
        for target in MARKETS:
            mapped = titlemap.map_title(title, market, target)
            assert mapped is None or isinstance(mapped, Mapping)
    assert len(list(titlemap.normalize_many([title, title], "us"))) == 2


@pytest.mark.parametrize(
    "name",
    [
        "nul-inside",
        "format-chars",
        "private-use",
        "lone-surrogates-around",
        "rtl-marks",
        "emoji",
        "fullwidth",
        "line-separators",
        "tabs-newlines",
        "astral",
        "c0-controls",
        "c1-controls",
    ],
)
def test_invisible_and_exotic_characters_do_not_hide_the_title(name: str) -> None:
    result = titlemap.normalize(UNICODE[name])
    assert result is not None, name
    expected = "Product Manager" if name.startswith(("c0", "c1")) else "Senior Product Manager"
    assert result.title == expected


@pytest.mark.parametrize(
    "title",
    [
        "Se\u00adnior Product Manager",
        "Senior Pro\u2060duct Manager",
        "Senior Pro\u200dduct Manager",
        "Senior Prod\u200cuct Manager",
    ],
)
def test_intra_word_format_characters_do_not_split_words(title: str) -> None:
    result = titlemap.normalize(title)
    assert result is not None
    assert result.title == "Senior Product Manager"


@pytest.mark.parametrize(
    "name",
    [
        "sinhala",
        "lone-surrogate-high",
        "rtl-override-only",
        "empty",
        "only-space",
        "only-separators",
    ],
)
def test_titles_without_latin_product_words_are_not_guessed(name: str) -> None:
    assert titlemap.normalize(UNICODE[name]) is None


@pytest.mark.parametrize("name", ["arabic", "hebrew", "devanagari"])
def test_titles_in_a_loaded_language_are_read_in_any_market(name: str) -> None:
    """A title in another script is read with its language's words (its file in
    ladders/languages/), in the row's market, which the explanation names."""
    m = titlemap.normalize(UNICODE[name], "us")
    assert m is not None and m.canonical_title == "Product Manager" and m.market == "us"
    assert "not a language of market 'us'" in m.explain()


def test_raw_is_kept_exactly_even_with_surrogates() -> None:
    title = UNICODE["lone-surrogates-around"]
    result = titlemap.normalize(title)
    assert result is not None
    assert result.raw == title
    assert result.to_dict()["raw"] == title


@pytest.mark.parametrize("bad", [None, b"Senior PM", 42, 4.2, ["Senior PM"], ("PM",), object()])
def test_non_str_title_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        titlemap.normalize(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        titlemap.map_title(bad, "us", "in")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        list(titlemap.normalize_many(["Senior PM", bad]))  # type: ignore[list-item]


@pytest.mark.parametrize("bad", ["Senior PM", ""])
def test_str_passed_to_normalize_many_is_a_type_error(bad: str) -> None:
    with pytest.raises(TypeError):
        list(titlemap.normalize_many(bad))


def test_normalize_many_type_error_names_the_bad_item() -> None:
    it = titlemap.normalize_many(["Senior PM", b"PM"])  # type: ignore[list-item]
    assert next(it) is not None
    with pytest.raises(TypeError, match="bytes"):
        next(it)


@pytest.mark.parametrize("market", ["\ud800", "\x00", "", "x" * 100_000, "u x s"])
def test_hostile_market_is_unknown_market_error(market: str) -> None:
    with pytest.raises(titlemap.UnknownMarketError):
        titlemap.normalize("Senior PM", market)
    with pytest.raises(titlemap.UnknownMarketError):
        titlemap.map_title("Senior PM", "us", market)


@pytest.mark.parametrize("bad", [None, b"us", 1])
def test_non_str_market_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        titlemap.normalize("Senior PM", bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        titlemap.map_title("Senior PM", "us", bad)  # type: ignore[arg-type]


def _best_of(n: int, title_for_run) -> float:
    best = float("inf")
    for i in range(n):
        title = title_for_run(i)  # a new string each run: no memo hit, hash computed afresh
        t0 = time.perf_counter()
        titlemap.normalize(title)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize(
    "name",
    [
        "1mb-repeated-title",
        "million-pipes",
        "million-spaced-dashes",
        "deep-brackets-1mb",
        "million-zero-width",
        "1mb-letters",
        "million-rank-words",
    ],
)
def test_time_grows_at_most_linearly(name: str) -> None:
    big = HUGE[name][:MB]
    small = big[: MB // 10]
    titlemap.normalize("warm up " + name)
    t_small = _best_of(5, lambda i: f"{small}{i}")
    t_big = _best_of(5, lambda i: f"{big}{i}")
    # 10x the input may cost at most ~30x the time (loose: timer noise on sub-millisecond runs);
    # catastrophic backtracking would be 100x or more. The floor absorbs sub-millisecond noise.
    assert t_big < max(30 * t_small, 0.05), (
        f"{name}: 100 KB {t_small * 1e3:.2f} ms, 1 MB {t_big * 1e3:.2f} ms"
    )


def test_text_key_is_linear_on_untruncated_input() -> None:
    # The loader keys every alias with titlemap.text.key, which sees the whole string.
    from titlemap.text import key

    def least_of_seven(text: str) -> float:  # the least disturbed of seven runs on a busy machine
        best = float("inf")
        for _ in range(7):
            t0 = time.perf_counter()
            key(text)
            best = min(best, time.perf_counter() - t0)
        return best

    for base in ("|" * MB, "- " * (MB // 2), "Sr. PM – Payments " * (MB // 18), "a" * MB, "🚀\u200b" * MB):
        small = base[: len(base) // 10]
        t_small, t_big = least_of_seven(small), least_of_seven(base)
        # linear is 10x, quadratic 100x: 50x tells them apart with room for a busy machine
        assert t_big < max(50 * t_small, 0.05), f"{base[:20]!r}: {t_small:.3f}s then {t_big:.3f}s"
