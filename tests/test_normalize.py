"""Normalization: the development set, ambiguity on purpose, parts of a title, properties."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import titlemap
from titlemap import TitleMap
from titlemap.text import key

DEV = Path(__file__).parent / "data" / "dev_titles.tsv"
EXTRA = Path(__file__).parent / "data" / "extra_titles.tsv"
MARKETS = Path(__file__).parent / "data" / "dev_markets.tsv"


def title(raw: str, market: str = "us", **kw: str) -> str | None:
    m = titlemap.normalize(raw, market, **kw)
    return None if m is None else m.canonical_title


def load_dev(path: Path = DEV) -> list[tuple[str, str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    known = set(titlemap.markets())  # a market with no ladder (cn, il...) is read with us
    return [(r["title"], r["market"] if r["market"] in known else "us", r["expected"]) for r in rows]


@pytest.mark.parametrize("path", [DEV, EXTRA, MARKETS], ids=["dev", "extra", "markets"])
def test_title_sets_quality_bars(path: Path) -> None:
    rows = load_dev(path)
    pos = [r for r in rows if r[2] != "NONE"]
    neg = [r for r in rows if r[2] == "NONE"]
    hits = sum(title(t, m) in exp.split("|") for t, m, exp in pos)
    false = [t for t, m, _ in neg if title(t, m) is not None]
    assert hits / len(pos) >= 0.97
    assert len(false) / len(neg) <= 0.01, false


# The one row of the shared sets read otherwise than labelled: a typo ("Tean") inside the
# employer's name leaves "Product" with no role word after it. Any other miss is a regression.
SHARED_MISSES = {"State Street Product Tean, Intern"}


@pytest.mark.parametrize("path", [DEV, EXTRA, MARKETS], ids=["dev", "extra", "markets"])
def test_title_sets_read_as_labelled_but_the_listed_miss(path: Path) -> None:
    wrong = {t for t, m, exp in load_dev(path) if (title(t, m) or "NONE") not in exp.split("|")}
    assert wrong <= SHARED_MISSES, wrong - SHARED_MISSES


WORLD = Path(__file__).parent / "data" / "world_titles.tsv"
# The rows of world_titles.tsv read otherwise than labelled, each with why (tests/data/README.md):
# the set must read every other row as labelled, and these, once mended, leave this list.
WORLD_DISAGREEMENTS = {
    # a product "area" or "web" owner names no role the rubric places; refused as ambiguous
    "IT Product Area Owner in Wealth Management",
    "Product Web Owner",
    # "PM" is a project manager in Korea; "IT기획" (IT planning) does not make it a product role
    "PM (IT기획)",
    "[신입] PM (IT기획)",
    # consumer brands and retail known only to the labeller (no sector word in the title)
    "Product Group Manager Feeding (temporary), Helsinki",
    "Product Managera pro Victoria’s Secret",
    "Product Manager at E’sorae Luxury Brand",
    "식품 개발 프로덕트(MD) 매니저",
    "Product Manager - Quilicura",  # a Chilean food importer's, by the advert
    "Product manager Comuna Santiago",
    "Product Manager Comercial y Sell Out - Lo Barnechea",
    "Product Manager Marketing",
    "Product Manager Food Technology",
    "Product Manager (Own Brand Strategy)",  # a retailer's own brand: only the labeller knew
    "Brand and Product Manager (Hair Care or Personal Care)",  # read, flagged as a brand role
    "Product Manager / Brand Manager/ผู้จัดการผลิตภัณฑ์",  # read, flagged as a brand role
    "דרוש/ה מנהל/ת מוצר לחברת AHAVA (החלפה לחופשת לידה)",  # a cosmetics brand, by its name only
    "Kierownik Produktu",  # at a drug maker, by the advert's employer only
    "Kierownik/ Kierowniczka Produktu",  # at a confectioner, by the advert's employer only
    "Menedżer Produktu Marki Własnej",  # a retailer's own brand, as "(Own Brand Strategy)"
    "Executive / Manager (Product Management)",  # filed under pharma sales by its dataset only
    "Assistant Product Manager (ACI Premio Plastics)",  # household plastics, by the name only
    # an internship in the "Product & Design" area: read as product; the labeller read the design
    "Stage curriculare Area Product & Design - Interaction Design",
    # a four-letter typo ("Ower") is too short to correct without misreading other words
    "Product Ower - HCM",
    # a joined role: read as the product role it names ("Head of Engineering & Product" too)
    "Marketing and Product Manager",
    "Head of Product and Test Engineering",
    # "APM" after the title is the Associate PM level tag; the labeller read application
    # performance monitoring
    "Product manager - APM",
    # "product management" after "for" is the domain another manager serves, or another role's
    "Motion global IS Service Manager for R&D, engineering and product management",
    "Medical Doctor (For Product Manager/Marketing)",
    # the Vietnamese "Giám đốc sản phẩm" is left unread: sources give it for both the product
    # manager and the chief product officer (see vi.yaml)
    "Giám đốc các sản phẩm về AI",
    "Giám Đốc Sản Phẩm Vnpt-Qualcomm Excellence Center",
    # a paediatric/OTC product group at a medicines distributor: only "OTC" and "Pediatrik" say
    # pharma, and no language file reads them as a therapy area
    "Pediatrik/OTC Qrup məhsul üzrə menecer (PM)",
}


def test_world_titles_read_as_labelled_but_the_listed_disagreements() -> None:
    rows = load_dev(WORLD)
    wrong = {t for t, m, exp in rows if (title(t, m) or "NONE") not in exp.split("|")}
    assert wrong == WORLD_DISAGREEMENTS


@pytest.mark.parametrize(
    ("raw", "market", "expected"),
    [
        ("Sr. PM - Payments (Bangalore)", "in", "Senior Product Manager"),
        ("AVP Product", "in", "Associate Vice President of Product"),
        ("Assistant Vice President - Product", "in", "Associate Vice President of Product"),
        ("Product Manager II", "us", "Product Manager"),
        ("Manager - Product Management", "in", "Product Manager"),
        ("Prodcut Owner | Remote", "us", "Product Owner"),
        ("Head of Product, Growth", "us", "Head of Product"),
        ("Group PM @ Swiggy", "in", "Group Product Manager"),
        ("Director - Product Management", "us", "Director of Product"),
        ("Product Lead", "us", "Lead Product Manager"),
        ("Product Head", "in", "Head of Product"),
        ("Head - Product", "in", "Head of Product"),
        ("Manager, Product", "us", "Product Manager"),
        ("PM-2", "in", "Product Manager"),
        ("PM 3", "in", "Product Manager"),
        ("Senior Product Manger", "us", "Senior Product Manager"),
        ("Snr Product Manager", "us", "Senior Product Manager"),
        ("Jr. Product Manager", "us", "Associate Product Manager"),
        ("Assoc. Product Manager", "us", "Associate Product Manager"),
        ("Sr Mgr, Prod Mgmt", "us", "Senior Product Manager"),
        ("Dir. Product", "us", "Director of Product"),
        ("SVP Product", "us", "Senior Vice President of Product"),
        ("EVP, Product", "us", "Senior Vice President of Product"),
        ("CPO", "in", "Chief Product Officer"),
        ("GPM", "us", "Group Product Manager"),
        ("SPM", "in", "Senior Product Manager"),
        ("APM", "in", "Associate Product Manager"),
        ("Deputy Manager - Product", "in", "Product Manager"),
        ("Assistant Manager - Product", "in", "Associate Product Manager"),
        ("Senior Manager - Product", "in", "Senior Product Manager"),
        ("AGM - Product", "in", "Associate Director of Product"),
        ("DGM Product Management", "in", "Director of Product"),
        ("Product Manager (L6)", "us", "Product Manager"),
        ("Summer Intern, Director of Product's office", "us", "Product Management Intern"),
        ("Member of Technical Staff - Product Manager", "us", "Product Manager"),
        ("Associate, Product Management", "us", "Associate Product Manager"),
        ("Internal Tools Product Manager", "us", "Product Manager"),
        ("Product Manager, Vice President", "us", "Product Manager"),
        ("Senior/Principal Product Manager", "us", "Senior Product Manager"),
        ("Product Owner I", "us", "Product Owner"),  # grades 1-3 stay on the rung (1 may sit lower)
        ("Lead Product Owner", "us", "Senior Product Owner"),
        ("Junior Product Owner", "us", "Associate Product Owner"),
        ("Product Management Specialist", "ca", "Associate Product Manager"),  # a grade below manager
        ("Senior Specialist, Product Management", "in", "Product Manager"),
        ("Principle Product Owner", "in", "Senior Product Owner"),  # the common misspelling
        ("Principal Product Manager/JV General Manager", "us", "Principal Product Manager"),
        ("Product & GTM Manager", "in", "Product Manager"),  # the two share the role word
        ("VP, Product & India Site Head", "in", "Vice President of Product"),
        ("Product Manager - SPM", "in", "Senior Product Manager"),  # the level as an abbreviation
        ("Associate, Firmwide Control - Controls Room Product Owner", "us", "Product Owner"),
        ("Junior Analyst Product Management Intern", "ca", "Product Management Intern"),
    ],
)
def test_titles(raw: str, market: str, expected: str) -> None:
    assert title(raw, market) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Project Manager",
        "Program Manager",
        "Technical Program Manager",
        "Production Manager",
        "Product Designer",
        "Product Marketing Manager",
        "Product Analyst",
        "Product Engineer",
        "Product Specialist",
        "Product Support Engineer",
        "Scrum Master",
        "Business Analyst",
        "Software Engineer",
        "Sales Manager",
        "Head of Product Marketing",
        "Product Operations Manager",
        "PM - Construction Site",
        "IT PM (Projects)",
        "APM - Project Delivery",
        "TPM",
        "Senior TPM",
        "Intern, Drug Product Development",
        "Product Development Engineer",
        "Deputy Manager - Production",
        "",
        "   ",
        "---",
        "Manager",
        "Senior",
        "Director",
        "Vice President",
        "Intern",
        "Chief of Staff - Product",  # a job whose words are rank words
        "Product Growth Associate",
        "Business Analyst (Retail) with PM Experience",
        "Technical Trainer (for AI and Product Management Programmes)",
        "Associate Analyst, Account & Product Management",
        "Manager Product Analytics",  # English, though Arabic titles put the words this way
        "Group Product Manager - General Medicine",
    ],
)
def test_look_alikes_and_noise_are_none(raw: str) -> None:
    assert titlemap.normalize(raw, "us") is None
    assert titlemap.normalize(raw, "in") is None


def test_parts_of_a_title() -> None:
    m = titlemap.normalize("Sr. PM - Payments (Bangalore)", "in")
    assert m is not None
    assert (m.seniority, m.team, m.location, m.raw) == (
        "Sr.",
        "Payments",
        "Bangalore",
        "Sr. PM - Payments (Bangalore)",
    )
    assert m.market == "in" and m.level == 3 and m.track == "ic" and 0 < m.confidence <= 1
    assert "Sr." in m.explain() and "Payments" in m.explain()
    m = titlemap.normalize("Senior Technical Product Manager II, Growth (Remote)", "us")
    assert m is not None
    assert (m.title, m.grade, m.specialization, m.employment) == (
        "Senior Product Manager",
        "II",
        "technical",
        "remote",
    )
    m = titlemap.normalize("Product Manager (Contract)")
    assert m is not None and m.employment == "contract"
    m = titlemap.normalize("Product Manager - L6")
    assert m is not None and m.grade == "L6"


def test_alias_match_is_exact_and_confident() -> None:
    m = titlemap.normalize("GPM", "us")
    assert m is not None and m.confidence == 1.0 and "Alias" in m.explain()


def test_head_of_product_level_depends_on_stage() -> None:
    m = titlemap.normalize("Head of Product, Growth")
    assert m is not None and m.rung.note is not None and "company stage" in m.rung.note
    assert m.level_range[0] < m.level < m.level_range[1] and "no company stage given" in m.explain()
    early = titlemap.normalize("Head of Product, Growth", employer=titlemap.Employer(size=20))
    big = titlemap.normalize("Head of Product, Growth", employer=titlemap.Employer(stage="enterprise"))
    assert early is not None and big is not None and early.title == big.title == "Head of Product"
    assert early.level < big.level


def test_engineering_family_only_on_request() -> None:
    assert titlemap.normalize("Senior Software Engineer") is None
    assert title("Senior Software Engineer", family="engineering") == "Senior Software Engineer"
    assert title("SDE-2", family="engineering") == "Software Engineer II"
    assert title("Software Development Manager", family="engineering") == "Engineering Manager"
    assert title("Staff Software Engineer, Infra", family="engineering") == "Staff Engineer"
    assert title("Product Manager", family="engineering") is None


def test_type_errors() -> None:
    with pytest.raises(TypeError, match="str"):
        titlemap.normalize(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="iterable"):
        list(titlemap.normalize_many("Product Manager"))


def test_normalize_many_order_and_memo() -> None:
    tm = TitleMap.default()
    tm.clear_cache()
    titles = ["Sr PM", "Software Engineer", "Sr PM", "Product Owner"] * 50
    out = list(tm.normalize_many(titles, "in"))
    assert len(out) == len(titles)
    assert [None if m is None else m.title for m in out[:4]] == [
        "Senior Product Manager",
        None,
        "Senior Product Manager",
        "Product Owner",
    ]
    # each distinct title is read once; repeats within a call never reach the shared memo
    info = tm._memo.cache_info()
    assert info.misses == 3 and info.hits == 0
    again = list(tm.normalize_many(titles, "in"))  # a second call finds them in the shared memo
    assert again == out and tm._memo.cache_info().hits == 3


ALL_NAMES = [
    (m, r.id, n)
    for m in titlemap.markets()
    for r in titlemap.ladder(m).rungs
    for n in dict.fromkeys((r.title, *r.aliases, *([r.local_title] if r.local_title else [])))
]


@pytest.mark.parametrize(("market", "rung_id", "name"), ALL_NAMES)
def test_every_title_and_alias_normalizes_to_its_rung(market: str, rung_id: str, name: str) -> None:
    """A fixed point: every rung's title, aliases and local title, in every market, read as it."""
    m = titlemap.normalize(name, market)
    assert m is not None and m.rung.id == rung_id
    assert m.title == m.rung.title
    assert m.canonical_title == titlemap.ladder(market).canonical_title(m.rung)


NOISE = st.sampled_from(
    [
        "",
        " - Payments",
        " (Remote)",
        " | Bangalore",
        ", Growth Team",
        " (Hybrid)",
        " - London",
        " @ Acme",
        " [Contract]",
        " – Platform",
    ]
)
CORE = st.sampled_from(
    [
        "Senior Product Manager",
        "Product Owner",
        "Group Product Manager",
        "Director of Product",
        "Associate Product Manager",
        "VP Product",
        "Principal PM",
    ]
)


@settings(max_examples=200, deadline=None)
@given(core=CORE, noise=NOISE, upper=st.booleans(), spaces=st.integers(1, 3))
def test_noise_case_and_spacing_do_not_change_the_rung(
    core: str, noise: str, upper: bool, spaces: int
) -> None:
    base = title(core, "us")
    assert base is not None
    raw = (core + noise).replace(" ", " " * spaces)
    raw = raw.upper() if upper else raw.lower()
    assert title(raw, "us") == base


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    for market in ("in", "us"):
        m = titlemap.normalize(text, market)
        assert m is None or (0 < m.confidence <= 1 and m.rung in titlemap.ladder(market).rungs)


def test_long_input_is_handled_quickly() -> None:
    import time

    t0 = time.perf_counter()
    assert titlemap.normalize("Senior Product Manager " + "x" * 1_000_000) is not None
    assert titlemap.normalize("(" * 1_000_000) is None
    assert time.perf_counter() - t0 < 5  # a hang guard, not a performance claim


@pytest.mark.parametrize(
    ("raw", "market", "family"),
    [
        ("Product Manager - Home Loans", "in", "financial product management"),
        ("Product Manager, Credit Cards", "us", "financial product management"),
        ("Chef de produit", "fr", "marketing"),
        ("Chef de Produit Senior - Épicerie", "fr", "marketing"),
    ],
)
def test_titles_a_lookalike_shares_are_read_flagged_and_less_sure(raw: str, market: str, family: str) -> None:
    m = titlemap.normalize(raw, market)
    assert m is not None and m.lookalike is not None and m.lookalike.startswith(family)
    assert m.confidence <= 0.8 and "nothing in the title says software" in m.explain()


@pytest.mark.parametrize(
    ("raw", "market"),
    [
        ("Digital Lending Product Manager", "in"),
        ("Chef de produit digital", "fr"),
        ("Chef de produit numérique", "fr"),
    ],
)
def test_a_software_word_settles_a_shared_title(raw: str, market: str) -> None:
    m = titlemap.normalize(raw, market)
    assert m is not None and m.lookalike is None and m.confidence >= 0.9


@pytest.mark.parametrize(
    ("raw", "market"),
    [
        ("Product Manager - Ethical", "sg"),
        ("Gerente de Producto - Línea Ética", "mx"),
        ("Product Manager Skincare", "sg"),
        ("Product Manager OTC", "id"),
    ],
)
def test_pharma_and_consumer_goods_product_roles_are_refused_everywhere(raw: str, market: str) -> None:
    assert titlemap.normalize(raw, market) is None
    why = titlemap.reason(raw, market)
    assert why is not None and why.code == "not-product" and "brand management" in str(why)


COMPANY_NAMES = [
    (c, r.id, n)
    for c in titlemap.companies()
    for r in titlemap.ladder(c).rungs
    for n in dict.fromkeys((r.title, *r.aliases))
]


@pytest.mark.parametrize(("company", "rung_id", "name"), COMPANY_NAMES)
def test_every_company_title_reads_as_a_company_rung_of_it(company: str, rung_id: str, name: str) -> None:
    """A company's own titles are fixed points at that company: read there, the answer is a rung
    of the company with that title (the first of several when it titles levels alike, the range
    spanning them)."""
    tm = TitleMap.default()
    m = tm.normalize(name, tm.market_of(company), employer=company)
    rung = titlemap.ladder(company).rung(rung_id)
    assert m is not None and m.company == company, m
    assert key(m.rung.title) == key(rung.title) and m.company_title == m.rung.title
    assert m.level_range[0] <= rung.level <= m.level_range[1]


@pytest.mark.parametrize(
    ("title", "language"),
    [("Gerente de Produto", "Portuguese"), ("Gerente de Producto", "Spanish"), ("Chef de produit", "French")],
)
def test_a_foreign_phrase_is_named_by_its_own_language(title: str, language: str) -> None:
    """Words two languages share ("gerente") do not decide: the phrase's last word does."""
    m = titlemap.normalize(title, "in")
    assert m is not None and f"Read as {language} (not a language of market 'in')" in m.explanation[-1]


@pytest.mark.parametrize(
    ("cell", "title", "earlier"),
    [
        ("SDE-3 -> PM", "Product Manager", "SDE-3"),
        ("Analyst → APM", "Associate Product Manager", "Analyst"),
        ("Consultant => Senior PM, Payments", "Senior Product Manager", "Consultant"),
        ("SDE1 -> SDE2 -> Product Owner", "Product Owner", "SDE1 -> SDE2"),
    ],
)
def test_a_move_written_with_an_arrow_reads_its_last_role(cell: str, title: str, earlier: str) -> None:
    """The roles before an arrow are earlier ones, not the team; the explanation says so."""
    m = titlemap.normalize(cell, "in")
    assert m is not None and m.title == title and m.team != earlier.split(" -> ")[-1]
    assert f"Set aside {earlier!r}: an earlier role" in " ".join(m.explanation)


@pytest.mark.parametrize(
    ("title", "market", "company"),
    [
        ("Product @ Stripe", "us", "stripe"),
        ("Product at Stripe", "us", "stripe"),
        ("Produkt @ SAP", "de", "sap"),
        ("Products @ Acme", "us", None),
    ],
)
def test_bare_product_at_an_employer_is_a_product_manager(
    title: str, market: str, company: str | None
) -> None:
    # the rubric's headline form: product work at a named employer
    m = titlemap.normalize(title, market)
    assert m is not None and m.canonical_title == "Product Manager" and m.company == company
    assert m.confidence < 0.9 and any("as headlines write it" in line for line in m.explanation)


@pytest.mark.parametrize(
    "title", ["Product", "Product | Stripe", "Product, Stripe", "Product Design @ Stripe"]
)
def test_bare_product_without_an_employer_stays_unread(title: str) -> None:
    assert titlemap.normalize(title) is None


@pytest.mark.parametrize(
    ("title", "market", "expected"),
    [
        ("Product Manager (Senior)", "us", "Senior Product Manager"),
        ("Product Manager - Sr.", "us", "Senior Product Manager"),
        ("Product Owner (Junior)", "de", "Associate Product Owner"),
        ("Product Manager | Lead | Remote", "us", "Lead Product Manager"),
        ("プロダクトマネージャー（シニア）", "jp", "Senior Product Manager"),
        # not a level tag: a team that starts with a rank word, a bank's corporate rank
        ("Product Manager, Senior Living", "us", "Product Manager"),
        ("Product Manager, Vice President", "us", "Product Manager"),
        ("Product Manager, Associate", "us", "Product Manager"),
    ],
)
def test_a_seniority_word_alone_after_the_role_is_its_level(title: str, market: str, expected: str) -> None:
    m = titlemap.normalize(title, market)
    assert m is not None and m.canonical_title == expected


@pytest.mark.parametrize(
    "title",
    [
        "Aspiring Product Manager",
        "Aspiring PM | MBA",
        "Open to work - Product Manager",
        "Looking for PM roles",
    ],
)
def test_a_role_sought_is_not_a_role_held(title: str) -> None:
    assert titlemap.normalize(title) is None
    why = titlemap.reason(title)
    assert why is not None and why.code == "not-product" and "sought" in why.hint


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Product Manager | Open to work", "Product Manager"),  # a role held, and open to another
        ("Senior PM, Open Banking", "Senior Product Manager"),
        ("Product Manager, Incoming Payments", "Product Manager"),
        ("Engineer turned PM", "Product Manager"),
    ],
)
def test_sought_words_elsewhere_leave_the_role(title: str, expected: str) -> None:
    m = titlemap.normalize(title)
    assert m is not None and m.canonical_title == expected


@pytest.mark.parametrize(
    ("title", "market", "grade", "expected"),
    [
        ("Product Manager V", "us", "V", "Senior Product Manager"),
        ("Product Manager I - Payments", "us", "I", "Product Manager"),
        # a lowercase one-letter word before more words is the sentence's: Czech "v" (in),
        # Polish "i" (and)
        ("Produktový manažer v Alze", "us", None, "Product Manager"),
        ("Menedżer produktu i marketingu", "pl", None, "Product Manager"),
    ],
)
def test_one_letter_numerals_and_prepositions(
    title: str, market: str, grade: str | None, expected: str
) -> None:
    m = titlemap.normalize(title, market)
    assert m is not None and (m.grade, m.canonical_title) == (grade, expected)
