"""The tokenizer's shortcuts read a segment exactly as reading it word by word does."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from titlemap import TitleMap
from titlemap.text import key_of_clean
from titlemap.tokens import Segment, Tokenizer, script_runs

DATA = Path(__file__).parent / "data"
TITLES = [
    row["title"]
    for path in sorted(DATA.glob("*.tsv"))
    for row in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t")
][:400]
WORDS = ["Senior", "Vice", "President", "Product", "Manager", "Chef", "de", "produit", "Member", "of"]
WORDS += ["Technical", "Staff", "Sr.", "PM", "PM2", "L6", "v2.", "Bangalore", "Produktmanager", "/", "&"]


def _tokenizer() -> Tokenizer:
    return Tokenizer(TitleMap.default().tokenizer.lexicon)


def _read_directly(tokenizer: Tokenizer, text: str, languages: tuple[str, ...]) -> tuple[object, ...]:
    tokens, words = tokenizer.tokens(text, languages)
    return tuple(tokens), tuple(words), key_of_clean(text)


def _as_read(segment: Segment) -> tuple[object, ...]:
    return segment.tokens, segment.words, segment.key


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
    number=st.integers(min_value=0, max_value=10**9),
    before=st.booleans(),
    languages=st.sampled_from([(), ("fr",), ("de",), ("ja",)]),
)
def test_a_number_at_either_end_reads_as_the_words_read_whole(
    words: list[str], number: int, before: bool, languages: tuple[str, ...]
) -> None:
    tokenizer = _tokenizer()
    text = f"{number} {' '.join(words)}" if before else f"{' '.join(words)} {number}"
    assert _as_read(tokenizer.segment(text, languages)) == _read_directly(tokenizer, text, languages)


def test_real_titles_with_numbers_read_as_read_whole() -> None:
    tokenizer = _tokenizer()
    for i, title in enumerate(TITLES):
        for text in (f"{title} {i}", f"{i} {title}", f"{title} - 2025", f"{title}_ {i}"):
            segments, _ = tokenizer.split(text, ("de",))
            for segment in segments:
                assert _as_read(segment) == _read_directly(tokenizer, segment.text, ("de",)), segment.text


def test_segments_with_numbers_are_not_kept_in_the_memo() -> None:
    tokenizer = _tokenizer()
    tokenizer.segment("Bangalore 560001")
    tokenizer.segment("Bangalore")
    memo = tokenizer._segments[()]
    assert "Bangalore" in memo and "Bangalore 560001" not in memo


def test_script_runs_cut_a_word_where_its_script_changes() -> None:
    assert script_runs("Managerב") == ["Manager", "ב"]
    assert script_runs("PM2전략") == ["PM2", "전략"]
    assert script_runs("2전략") is None and script_runs("전략2") is None  # digits join their run
    assert script_runs("资深Product") == ["资深", "Product"]
    # one script, accents and Vietnamese letters included: not cut
    assert [script_runs(w) for w in ("Gestión", "Việt", "Продукт", "产品经理", "PM2")] == [None] * 5


@pytest.mark.parametrize(
    ("glued", "spaced", "market"),
    [
        ("Senior Payments Product Managerב", "Senior Payments Product Manager ב", "il"),
        ("Senior Product Managerالرياض", "Senior Product Manager الرياض", "ae"),
        ("Product Manager的", "Product Manager 的", "cn"),
        ("Менеджер продуктаSenior", "Менеджер продукта Senior", "us"),
    ],
)
def test_a_word_glued_across_scripts_reads_as_the_words_spaced(glued: str, spaced: str, market: str) -> None:
    tm = TitleMap.default()
    got, want = tm.normalize(glued, market), tm.normalize(spaced, market)
    assert got is not None and want is not None
    assert (got.rung.id, got.level) == (want.rung.id, want.level)
