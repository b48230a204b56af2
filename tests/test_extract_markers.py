"""Markers as data: a language file's ``past_markers``, ``current_markers``, ``employer_words``
and ``marker_exceptions`` reach :func:`titlemap.extract` and the past-role check of
``normalize`` with no Python; the bundled markers read as the built-in ones did."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import titlemap
from titlemap import LadderError, TitleMap
from titlemap.extract import has_past_marker
from titlemap.markers import ENGLISH_PAST, Markers

# A throwaway language (Esperanto) whose only words are its markers.
ESPERANTO = """\
schema_version: 1
kind: language
id: eo
name: Esperanto
words:
  product: [produkto]
  manager: [administranto]
past_markers: [iama, antaŭe]
current_markers: [nune]
employer_words: [ĉe]
marker_exceptions: [iamaniere]
examples:
  - [Produkto-administranto, Product Manager]
"""


@pytest.fixture(scope="module")
def esperanto(tmp_path_factory: pytest.TempPathFactory) -> TitleMap:
    path = tmp_path_factory.mktemp("eo") / "eo.yaml"
    path.write_text(ESPERANTO, encoding="utf-8")
    return TitleMap.from_paths([path])


def test_a_new_languages_past_marker_is_read_by_extract(esperanto: TitleMap) -> None:
    text = "Senior PM @ Swiggy | iama Flipkart"
    found = esperanto.extract(text, "in")
    assert found.current is not None and found.current.canonical_title == "Senior Product Manager"
    assert [p.employer for p in found.past] == ["flipkart"] and found.employer == "swiggy"
    # the bundled ladders do not know the marker: the same text has no past role there
    assert titlemap.extract(text, "in").past == ()
    # its spelling without accents, another marker of the language, and a current marker
    assert [p.employer for p in esperanto.extract("PM | antaue Amazon", "in").past] == ["amazon"]
    both = esperanto.extract("iama Product Manager, nune Senior PM", "in")
    assert both.current is not None and both.current.canonical_title == "Senior Product Manager"
    assert both.past and both.past[0].title is not None


def test_a_new_languages_employer_word_and_past_only_cells(esperanto: TitleMap) -> None:
    found = esperanto.extract("Senior PM ĉe Swiggy", "in")
    assert found.employer == "swiggy" and found.current is not None
    assert titlemap.extract("Senior PM ĉe Swiggy", "in").employer != "swiggy"
    # a title cell naming only a past role is refused, in the new language's words too
    assert esperanto.normalize("iama Product Manager, Flipkart", "in") is None
    why = esperanto.reason("iama Product Manager, Flipkart", "in")
    assert why is not None and why.code == "past-role"
    assert titlemap.normalize("iama Product Manager, Flipkart", "in") is not None
    # an exception word is not the marker; a part after a marker is not the team
    assert not esperanto.tokenizer.lexicon.markers.has_past("Product Manager iamaniere")
    m = esperanto.normalize("Senior Product Manager - antaŭe Acme", "in")
    assert m is not None and m.team is None
    bundled = titlemap.normalize("Senior Product Manager - antaŭe Acme", "in")
    assert bundled is not None and bundled.team == "antaŭe Acme"


def test_the_bundled_markers_come_from_the_language_files() -> None:
    tm = TitleMap.default()
    languages = [tm.language(i) for i in tm.languages()]
    past = [m for lang in languages for m in lang.past_markers]
    employer = [w for lang in languages for w in lang.employer_words]
    assert past and employer and not set(past) & set(ENGLISH_PAST)
    markers = tm.tokenizer.lexicon.markers
    for marker in past:
        text = f"{marker.rstrip('-')}Acme" if len(marker) == 1 else f"Product Manager | {marker} Acme"
        assert markers.has_past(text), marker
        assert not Markers().has_past(text) or marker.lower() in ENGLISH_PAST, marker
    for word in employer:
        assert markers.at.search(f"Product Manager {word} Acme") is not None, word
        assert markers.at.search(f"Product Manager {word} acme") is None, word  # before a name only


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ex-Flipkart", True),
        ("Ex. PM at Acme", True),
        ("EX Team Lead", False),  # "EX" is a team (employee experience)
        ("Former CPO", True),
        ("Past: Amazon", True),
        ("Past Projects Lead", False),
        ("Senior PM (ehem. SAP)", True),
        ("früher Siemens", True),
        ("fruher Siemens", True),
        ("元Google プロダクトマネージャー", True),
        ("地元企業のPM", False),
        ("元気なPM", False),
        ("元々エンジニア", False),
        ("前職: 楽天", True),
        ("Product Manager", False),
        ("Expert Product Manager", False),
        ("Performance Marketing", False),
    ],
)
def test_bundled_markers(text: str, expected: bool) -> None:
    assert has_past_marker(text, TitleMap.default()) is expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_the_literal_prefilter_never_hides_a_marker(text: str) -> None:
    """The prefilter only rules out texts the full pattern would not match."""
    markers = TitleMap.default().tokenizer.lexicon.markers
    assert markers.has_past(text) == (
        markers.past.search(text[:4000]) is not None
        or (not text.isascii() and markers.past.search(titlemap.text.clean(text[:4000])) is not None)
    )


_PAST = [
    m for lang in map(TitleMap.default().language, TitleMap.default().languages()) for m in lang.past_markers
]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.sampled_from(_PAST), st.text(max_size=20))
def test_the_prefilter_keeps_every_marker_in_any_text(before: str, marker: str, after: str) -> None:
    """Around a marker of any language, in text of any script: the prefilters (ASCII and beyond)
    answer as the full pattern does."""
    markers = TitleMap.default().tokenizer.lexicon.markers
    text = f"{before} {marker} {after}"
    full = markers.past.search(text) is not None or markers.past.search(titlemap.text.clean(text)) is not None
    assert markers.has_past(text) == full


@pytest.mark.parametrize(
    ("change", "hint"),
    [
        ("past_markers: [iama, antaŭe]", "past_markers: [iama, nune]"),
        ("employer_words: [ĉe]", "employer_words: [ĉe ĉi]"),
        ("past_markers: [iama, antaŭe]", "past_markers: [.iama]"),
    ],
)
def test_bad_markers_are_refused_with_the_place(tmp_path: Path, change: str, hint: str) -> None:
    path = tmp_path / "eo.yaml"
    path.write_text(ESPERANTO.replace(change, hint), encoding="utf-8")
    with pytest.raises(LadderError) as caught:
        TitleMap.from_paths([path])
    assert str(caught.value).startswith(str(path))
    assert "markers" in str(caught.value) or "employer_words" in str(caught.value)
