"""Employers as written (issue 16, item 6 and the names of item 3): legal forms and spellings,
brands at word boundaries, unknown employers noted, sector words settling the sector."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from titlemap import Employer, TitleMap
from titlemap.compiled import bundled_employer_words
from titlemap.employer_names import SECTOR_WORD_FACTOR, UNKNOWN_COMPANY, EmployerNames, name_words
from titlemap.rows import RowReader

TM = TitleMap.default()
WORDS = bundled_employer_words()


def _names() -> list[tuple[str, str]]:
    """Every company ladder's every name, as the registry holds them."""
    return [(cid, name) for cid in TM.companies() for name in TM.ladder(cid).company.names]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("written", "company"),
    [
        ("Google India", "google"),
        ("Google India Pvt. Ltd.", "google"),
        ("Microsoft IDC", "microsoft"),
        ("Amazon Development Centre", "amazon"),
        ("Flipkart Internet", "flipkart"),
        ("Flipkart Internet Private Limited", "flipkart"),
        ("Citibank N.A.", "citi"),
        ("Citibank, N.A.", "citi"),
        ("J.P. Morgan", "jpmorgan"),
        ("JP Morgan", "jpmorgan"),
        ("JPMorgan Chase & Co.", "jpmorgan"),
        ("jp morgan chase and co", "jpmorgan"),
        ("Goldman Sachs Asset Management", "goldman-sachs"),
        ("株式会社メルカリ", "mercari"),
        ("LINEヤフー株式会社", "line-yahoo"),
        ("Swiggy Ltd.", "swiggy"),
        ("SAP SE", "sap"),
        ("Zalando SE", "zalando"),
    ],
)
def test_names_as_written(written: str, company: str) -> None:
    assert TM.company_id(written) == company


@pytest.mark.parametrize(
    "written",
    ["Metabase", "Applied Materials", "Appleton Partners", "Googleplex Cafe", "HDFC Bank Ltd", "Apple Bank"],
)
def test_look_alikes_refused(written: str) -> None:
    assert TM.company_id(written) is None


def test_a_prefix_naming_another_sector_is_refused() -> None:
    # Paytm is a tech company; "Paytm Payments Bank" is a bank, not read with Paytm's ladder
    assert TM.company_id("Paytm") == "paytm"
    assert TM.company_id("Paytm Payments Bank") is None


def test_legal_forms_are_data_with_elf_codes() -> None:
    forms = {form for lf in WORDS.legal_forms for form in lf.forms}
    assert {"Pvt Ltd", "GmbH", "N.A.", "plc", "Tbk", "株式会社", "B.V.", "S.A."} <= forms
    assert all(lf.elf and lf.sources for lf in WORDS.legal_forms)
    assert "Technologies" not in forms and "India" not in forms  # parts of names, not forms


def test_name_words() -> None:
    assert name_words("J.P. Morgan") == name_words("JP Morgan") == ("jp", "morgan")
    assert name_words("Société Générale") == ("societe", "generale")


@pytest.mark.parametrize(
    ("employer", "sector", "word"),
    [
        ("HDFC Bank", "banking", "Bank"),
        ("Commerzbank", "banking", "Bank"),
        ("Banco Santander", "banking", "Banco"),
        ("Allianz Versicherung", "banking", "Versicherung"),
        ("ICICI Lombard General Insurance", "banking", "Insurance"),
        ("Bajaj Finance", "banking", "Finance"),
        ("Sun Pharmaceuticals", "pharma", "Pharmaceuticals"),
        ("Tata Consultancy Services", "it-services", "Consultancy Services"),
        ("Britannia Foods", "consumer-goods", "Foods"),
    ],
)
def test_sector_words(employer: str, sector: str, word: str) -> None:
    found = TM.employer_names.sector(employer)
    assert found is not None and (found.sector, found.word) == (sector, word)


def test_no_sector_word() -> None:
    assert TM.employer_names.sector("Acme Widgets") is None
    assert TM.employer_names.sector("SAP Labs") is None  # Labs is a tech centre, not a pharma word


def test_unknown_employer_is_noted_in_normalize() -> None:
    m = TM.normalize("Senior Product Manager", "in", employer="Acme Widgets Pvt Ltd")
    assert m is not None and m.company is None and m.level == 3
    assert any(f"{UNKNOWN_COMPANY}: acme widgets pvt ltd" in s.lower() for s in m.explanation)
    known = TM.normalize("Senior Product Manager", "in", employer="Google India Pvt Ltd")
    assert known is not None and known.company == "google"
    assert not any(UNKNOWN_COMPANY in s.lower() for s in known.explanation)


def test_unknown_employer_is_noted_in_map_title() -> None:
    m = TM.map_title("Senior Product Manager", "in", "us", source_employer="Acme Widgets")
    assert m is not None and any(f"{UNKNOWN_COMPANY}: acme widgets" in s.lower() for s in m.explanation)


def test_a_bank_in_the_employer_sets_the_banks_rank() -> None:
    plain = TM.normalize("VP Product", "in")
    given = TM.normalize("VP Product", "in", employer=Employer(sector="banking"))
    written = TM.normalize("VP Product", "in", employer="Axis Bank")
    assert plain is not None and given is not None and written is not None
    assert written.level == given.level < plain.level
    assert written.confidence == pytest.approx(round(given.confidence * SECTOR_WORD_FACTOR, 3))
    assert any("'Bank'" in s and "banking" in s for s in written.explanation)


@pytest.mark.parametrize(
    "title", ["VP Product, HDFC Bank", "VP Product at HDFC Bank", "VP Product @ HDFC Bank"]
)
def test_a_bank_in_the_title_sets_the_banks_rank(title: str) -> None:
    plain = TM.normalize("VP Product", "in")
    m = TM.normalize(title, "in")
    assert plain is not None and m is not None and m.level < plain.level
    assert any("'Bank'" in s for s in m.explanation)


def test_vp_at_citi_reads_as_the_banks_rank() -> None:
    for m in (
        TM.normalize("VP, Product at Citi", "in"),
        TM.normalize("VP, Product", "in", employer="Citibank N.A."),
    ):
        assert m is not None and m.company == "citi" and m.level <= 5


def test_a_team_that_is_only_a_sector_word_is_a_domain() -> None:
    m = TM.normalize("VP Product, Insurance", "in")
    plain = TM.normalize("VP Product", "in")
    assert m is not None and plain is not None and m.level == plain.level


def test_a_pharma_employer_keeps_the_reading_flagged() -> None:
    m = TM.normalize("Product Manager", "in", employer="Sun Pharma")
    assert m is not None and m.lookalike is not None and m.confidence < 0.9
    assert TM.normalize("Product Manager", "in", employer=Employer(sector="pharma")) is None  # given: refused


def test_a_target_bank_sets_the_target_sector() -> None:
    plain = TM.map_title("VP Product", "in", "us")
    bank = TM.map_title("VP Product", "in", "us", target_employer="Axis Bank")
    assert plain is not None and bank is not None and bank.level != plain.level
    assert any("Target employer" in s and "'Bank'" in s for s in bank.explanation)


def test_note_column_for_rows() -> None:
    reader = RowReader(TM, market="in", fields=("company",))
    assert reader.record("Senior PM", ("Acme Widgets",))["note"] == f"{UNKNOWN_COMPANY}: Acme Widgets"
    assert reader.record("Senior PM", ("Flipkart Internet Pvt Ltd",))["note"] is None
    assert reader.note_fields(("Acme Widgets",)) == ()  # read, not unreadable


def test_pandas_note_column() -> None:
    pd = pytest.importorskip("pandas")
    from titlemap.pandas import normalize_frame

    frame = pd.DataFrame({"title": ["VP Product", "VP Product"], "company": ["HDFC Bank", "Google India"]})
    out = normalize_frame(frame, "title", market="in", columns={"company": "company"})
    assert out["note"].tolist()[0] == f"{UNKNOWN_COMPANY}: HDFC Bank"
    assert pd.isna(out["note"].tolist()[1])
    assert out["level"].tolist()[0] < 10


def test_cli_note_column(tmp_path: object) -> None:
    import csv
    import pathlib

    from titlemap.cli import main

    folder = pathlib.Path(str(tmp_path))
    src, dst = folder / "in.csv", folder / "out.csv"
    src.write_text("title,Company\nVP Product,Axis Bank\nSenior PM,Google India Pvt Ltd\n", encoding="utf-8")
    args = ["normalize", "-i", str(src), "--market", "in", "--company-column", "Company", "-o", str(dst)]
    assert main(args) == 0
    rows = list(csv.DictReader(dst.open(encoding="utf-8")))
    assert rows[0]["note"] == f"{UNKNOWN_COMPANY}: Axis Bank" and rows[1]["note"] == ""


_SUFFIXES = sorted({form for lf in WORDS.legal_forms if not lf.start for form in lf.forms if form.isascii()})


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(_names()),
    st.sampled_from(_SUFFIXES),
    st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
    st.sampled_from(["", ",", ".", " &"]),
)
def test_suffix_case_and_punctuation_never_change_the_company(
    named: tuple[str, str], suffix: str, case: object, punct: str
) -> None:
    _, name = named
    found = TM.company_id(name)
    written = case(f"{name}{punct} {suffix}")  # type: ignore[operator]
    assert TM.company_id(written) == found


def test_every_company_name_finds_its_company() -> None:
    names = EmployerNames({c: TM.ladder(c).company.names for c in TM.companies()}, WORDS)  # type: ignore[union-attr]
    wrong = [(c, n, names.company(n)) for c, n in _names() if names.company(n) != c]
    assert not wrong


_NAMES = TitleMap.default().employer_names
_SECTOR_WORDS = sorted({w for group in bundled_employer_words().sector_words for w in group.words})


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.one_of(st.sampled_from(_SECTOR_WORDS), st.text(min_size=1, max_size=12)), min_size=1, max_size=5
    ),
    upper=st.booleans(),
)
def test_the_quick_sector_probe_never_hides_a_sector_word(words: list[str], upper: bool) -> None:
    text = " ".join(words)
    text = text.upper() if upper else text
    assert _NAMES.sector(text) == _NAMES._sector_in(name_words(text))
