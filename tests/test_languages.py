"""Languages are data: a new language and a new market are YAML files, with no Python."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import titlemap
from titlemap import LadderError, TitleMap

ESPERANTO = """\
schema_version: 1
kind: language
id: eo
name: Esperanto
description: A test language, written with spaces and compounds joined by hyphens.
words:
  product: [produkto, produkt]
  manager: [administranto, manaĝero]
  senior: [ĉefa]
  owner: [posedanto]
  intern: [staĝanto]
  project: [projekto]
market_words:
  intern: [stage]
phrases:
  product manager: [estro de produkto]
lookalike_stems:
  project or program management: [projekt]
gender_endings: [ino]
examples:
  - [Ĉefa Produkt-administranto, Senior Product Manager]
  - [Projekto-administranto, NONE]
"""

RURITANIA = """\
schema_version: 1
id: rt
name: Ruritania
extends: us
countries: [RT]
country_names: [Ruritania, Ruritanio]
cities: [Strelsau, Verda Urbo, Zenda]
language: eo
description: A test market whose titles are written in Esperanto.
sources:
  - id: rt-test
    title: A test source
    url: https://example.com/ruritania
    grade: A
    note: The test market's conventions.
rungs:
  - id: product-manager
    local_title: Produkt-administranto
    sources: [rt-test]
"""


@pytest.fixture
def ruritania(tmp_path: Path) -> TitleMap:
    (tmp_path / "eo.yaml").write_text(ESPERANTO, encoding="utf-8")
    (tmp_path / "rt.yaml").write_text(RURITANIA, encoding="utf-8")
    return TitleMap.from_paths([tmp_path / "eo.yaml", tmp_path / "rt.yaml"])


def test_a_new_language_and_market_are_data_alone(ruritania: TitleMap) -> None:
    tm = ruritania
    assert "rt" in tm.markets() and "eo" in tm.languages()
    assert tm.ladder("Ruritanio").id == tm.ladder("Strelsau").id == "rt"

    m = tm.normalize("Ĉefa Produkt-administranto - Verda Urbo", "rt")
    assert m is not None and (m.canonical_title, m.location, m.team) == (
        "Senior Product Manager",
        "Verda Urbo",
        None,
    )
    assert tm.normalize("Produkt-administranto", "rt").local_title == "Produkt-administranto"  # type: ignore[union-attr]
    assert tm.normalize("Estro de Produkto", "rt").canonical_title == "Product Manager"  # type: ignore[union-attr]
    # look-alikes: a project manager, and a compound the language's stems name
    assert tm.normalize("Projekto-administranto", "rt") is None
    assert str(tm.reason("Projektestro", "rt")) == "not-product: project or program management"
    # market words are read only where the language is spoken
    assert tm.normalize("Stage Product Owner", "rt").canonical_title == "Product Management Intern"  # type: ignore[union-attr]
    assert tm.normalize("Stage Product Owner", "us").canonical_title == "Product Owner"  # type: ignore[union-attr]
    # the language's other-gender ending, glued in brackets or after a slash, is removed
    for title in ("Produkto-posedanto(ino)", "PRODUKTO-POSEDANTO/INO"):
        assert tm.normalize(title, "rt").canonical_title == "Product Owner"  # type: ignore[union-attr]
    assert "ino" in tm.tokenizer.lexicon.gender_endings.bracketed


def test_a_language_is_read_in_any_market_and_the_answer_says_so(ruritania: TitleMap) -> None:
    m = ruritania.normalize("Produkto-posedanto", "in")
    assert m is not None and (m.canonical_title, m.market) == ("Product Owner", "in")
    assert "Read as Esperanto (not a language of market 'in')" in m.explain()


@pytest.mark.parametrize(
    ("title", "script"),
    [("පුහුණු නිෂ්පාදන කළමනාකරු", "Sinhala"), ("நிர்வாகி", "Tamil"), ("Senior ምርት አስተዳዳሪ", "Ethiopic")],
)
def test_a_title_in_a_script_no_language_file_writes_is_not_called_another_job(
    title: str, script: str
) -> None:
    why = titlemap.reason(title, "in")
    assert why is not None and why.code == "unknown-script" and f"{script} script" in why.hint


def test_scripts_of_the_loaded_languages_are_read_or_refused_as_before() -> None:
    # Japanese mixes kana and Chinese characters: one script, which its language file writes
    assert titlemap.reason("プロダクトマネージャーのお仕事", "jp").code == "not-product"  # type: ignore[union-attr]
    assert str(titlemap.reason("Barista", "us")) == "not-product: no product-management role in the title"
    assert "CYRILLIC" in titlemap.TitleMap.default().tokenizer.lexicon.scripts


def test_places_of_every_market_are_locations_not_teams() -> None:
    for title, market, place in [
        ("Product Manager - Riyadh", "ae", "Riyadh"),
        ("Senior PdM | Osaka", "jp", "Osaka"),
        ("Product Owner (Ciudad de México)", "es", "Ciudad de México"),
        ("Product Manager - Riyadh", "us", "Riyadh"),  # a place of any market, in any market
    ]:
        m = titlemap.normalize(title, market)
        assert m is not None and (m.location, m.team) == (place, None), (title, m)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("  owner: [posedanto]\n", "  owner: [posedanto, administranto]\n"),
        ("  product manager: [estro de produkto]\n", "  product manager: [estro]\n"),
        ("  project or program management: [projekt]\n", "  astrology: [astro]\n"),
        ("  - [Projekto-administranto, NONE]\n", "  - [Projekto-administranto, Wizard]\n"),
        ("gender_endings: [ino]\n", "gender_endings: [(ino)]\n"),
    ],
)
def test_a_bad_language_file_names_the_place_and_the_fix(tmp_path: Path, change: str, message: str) -> None:
    path = tmp_path / "eo.yaml"
    path.write_text(ESPERANTO.replace(change, message), encoding="utf-8")
    with pytest.raises(LadderError) as caught:
        TitleMap.from_paths([path])
    text = str(caught.value)
    assert text.startswith(str(path)) and any(
        hint in text
        for hint in (
            "reads as both",
            "is one word",
            "unknown look-alike family",
            "canonical title",
            "gender_endings",
        )
    ), text


def test_bundled_languages_have_names_and_markets_name_theirs() -> None:
    tm = TitleMap.default()
    assert {"de", "fr", "ja", "ar"} <= set(tm.languages())
    assert tm.language("de").name == "German"
    assert tm.ladder("de").languages[0] == "de"


THAI_LIKE = """\
schema_version: 1
kind: language
id: th
name: Thai (test)
description: A test file in a script written without spaces whose vowels and tones are combining marks.
parts:
  product: [ผลิตภัณฑ์]
  manager: [ผู้จัดการ]
  project: [โครงการ]
lookalike_stems:
  project or program management: [โครงการ]
examples:
  - [ผู้จัดการผลิตภัณฑ์, Product Manager]
  - [ผู้จัดการโครงการ, NONE]
"""


def test_words_keep_their_combining_marks(tmp_path: Path) -> None:
    # Thai vowels and tone marks are combining marks, which \\w leaves out: a word must not be
    # cut at them, in the file's words or in the titles read
    from titlemap.text import key

    assert key("ผู้จัดการผลิตภัณฑ์ อาวุโส") == "ผู้จัดการผลิตภัณฑ์ อาวุโส"
    assert key("उत्पाद प्रबंधक").split() == ["उत्पाद", "प्रबंधक"]
    (tmp_path / "th.yaml").write_text(THAI_LIKE, encoding="utf-8")
    tm = TitleMap.from_paths([tmp_path / "th.yaml"])
    m = tm.normalize("ผู้จัดการผลิตภัณฑ์ - Bangkok", "sg")
    assert m is not None and m.canonical_title == "Product Manager" and m.location == "Bangkok"
    assert tm.normalize("ผู้จัดการโครงการ", "sg") is None


def test_keyboard_quotes_inside_hebrew_words_are_its_marks() -> None:
    from titlemap.text import clean

    assert clean('סמנכ"ל מוצר') == "סמנכ״ל מוצר" and clean("ג'וניור") == "ג׳וניור"
    assert clean('Product Manager "Payments" é') == 'Product Manager "Payments" é'  # not Hebrew


# Characters no language file lists as a piece: a company, a domain, a recruiting word.
_UNLISTED = "区块链招聘诚聘杭州欧美"


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(alphabet=_UNLISTED, min_size=1, max_size=6),
    after=st.sampled_from(["", "20K", "（远程）", " 北京"]),
)
def test_unlisted_characters_beside_an_unspaced_role_leave_its_reading(before: str, after: str) -> None:
    """In a script written without spaces, characters no piece reads stand as a word of their
    own (as an unknown word does in a spaced title): the role beside them reads the same."""
    for role, title in (("产品经理", "Product Manager"), ("高级产品经理", "Senior Product Manager")):
        m = titlemap.normalize(before + role + after, "cn")
        assert m is not None and m.canonical_title == title
    assert titlemap.normalize(before + "项目经理" + after, "cn") is None  # a project manager still is not


@pytest.mark.parametrize(
    ("title", "market", "expected"),
    [
        ("web产品经理", "cn", "Product Manager"),  # a Latin word glued on
        ("シニアPdM", "jp", "Senior Product Manager"),  # an abbreviation glued on
        ("임상팀 임상PM", "kr", None),  # glued on, "PM" is still a project manager in Korea
        ("PM（プロダクトマネージャー）", "jp", "Product Manager"),  # "PM" spelled out after it
        ("PM (프로덕트 매니저)", "kr", "Product Manager"),
        ("PM - Payments", "kr", None),
        ("産業用IoT端末のプロダクトマネージャー", "jp", "Product Manager"),
        ("产品经理助理", "cn", "Associate Product Manager"),
        ("产品经理猎头", "cn", None),  # unread characters at the end may be the job: a headhunter
        ("ผู้จัดการฝ่ายขายผลิตภัณฑ์", "sg", None),  # ... or between pieces: a product sales manager
        ("รองผู้จัดการผลิตภัณฑ์", "sg", None),  # Thai is head_first: before the pieces too (รอง, deputy)
        ("ผู้ช่วยผู้จัดการผลิตภัณฑ์", "sg", "Associate Product Manager"),  # ผู้ช่วย (assistant) is listed
        ("PMO经理", "cn", None),  # "pm" is read only as a whole Latin run
        ("TPM经理", "cn", None),
        ("高级产品运营", "cn", None),
        ("プロダクトマーケティングマネージャー", "jp", None),
    ],
)
def test_unspaced_words_with_unlisted_pieces(title: str, market: str, expected: str | None) -> None:
    m = titlemap.normalize(title, market)
    assert (m.canonical_title if m else None) == expected


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Руководитель продукта", "Russian"),  # "продукта" is Bulgarian too; the phrase is Russian
        ("Gerente de Produto", "Portuguese"),  # "gerente" is Spanish too; "produto" is not
        ("Gerente de Producto", "Spanish"),
        ("Власник продукту", "Ukrainian"),  # "продукту" is Russian too; "власник" only Ukrainian
        ("Продуктовий менеджер", "Ukrainian"),
        ("Мениджър продукт", "Bulgarian"),
        ("Старший менеджер продукта", "Russian"),  # words shared by languages name no extra one
        ("Senior menadžer proizvoda", "Serbian"),  # Polish writes "menadżer"; the phrase is Serbian
    ],
)
def test_a_phrase_is_read_in_the_language_that_writes_it(title: str, language: str) -> None:
    m = titlemap.normalize(title, "in")
    assert m is not None and f"Read as {language} (not a language of market 'in')" in m.explain()


def test_a_rank_word_does_not_swallow_the_first_word_of_a_phrase() -> None:
    # "Senior menadžer" is no "senior manager" rank: "menadžer proizvoda" is a product manager
    for title in ("Senior menadžer proizvoda", "SENIOR MENADZER PROIZVODA"):
        m = titlemap.normalize(title)
        assert m is not None and m.canonical_title == "Senior Product Manager", title


@pytest.mark.parametrize(
    ("title", "english"), [("Руководитель продукта", "Product Lead"), ("Líder de Producto", "Product Lead")]
)
def test_a_role_in_another_language_reads_as_its_english_alias_does(title: str, english: str) -> None:
    """A segment whose English words are exactly an alias of the ladder reads as that alias (its
    rung, and the levels the alias varies over), and the explanation names the English."""
    read, alias = titlemap.normalize(title, "us"), titlemap.normalize(english, "us")
    assert read is not None and alias is not None
    assert (read.rung, read.level_range) == (alias.rung, alias.level_range)
    assert f"is {english.lower()!r} in English, an alias of {alias.rung.title!r}" in read.explain()


@pytest.mark.parametrize(("title", "unread"), [("प्रॉडक्ट मैनेजर", "प्रॉडक्ट"), ("Менеджер Хуйз", "Хуйз")])
def test_an_unlisted_word_beside_a_read_role_is_not_called_another_job(title: str, unread: str) -> None:
    """The role noun is read but the word beside it is a spelling no language file lists: the
    reason says titlemap cannot tell, and names the word, instead of calling it another job."""
    why = titlemap.reason(title, "in")
    assert why is not None and why.code == "unknown-script" and repr(unread) in why.hint


def test_words_read_one_by_one_are_not_taken_for_an_english_alias() -> None:
    """Only one phrase (or word) of another language reads as the English alias it glosses: a
    German title whose words happen to spell "manager product management" is a product manager,
    not the Group PM that English alias names."""
    m = titlemap.normalize("Manager Produktmanagement (m/w/d)", "de")
    assert m is not None and m.canonical_title == "Product Manager"
