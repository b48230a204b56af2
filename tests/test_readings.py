"""Readings that the data-truth work changed: grades, finer ranks, varying titles, engineering."""

from __future__ import annotations

import pytest

import titlemap


def read(title: str, market: str = "us") -> titlemap.Match:
    m = titlemap.normalize(title, market)
    assert m is not None, title
    return m


@pytest.mark.parametrize(
    ("title", "rung", "level_range"),
    [
        ("Product Manager I", "product-manager", (1, 2)),
        ("Product Manager 1", "product-manager", (1, 2)),
        ("PM-1", "product-manager", (1, 2)),
        ("PM I", "product-manager", (1, 2)),
        ("PM1", "product-manager", (1, 2)),  # the grade glued to the abbreviation
        ("PM2", "product-manager", (2, 2)),
        ("PM3 - Payments", "product-manager", (2, 3)),
        ("PO1", "product-owner", (1, 2)),
        ("Product Manager II", "product-manager", (2, 2)),
        ("PM 2", "product-manager", (2, 2)),
        ("Product Manager III", "product-manager", (2, 3)),
        ("Product Manager 3", "product-manager", (2, 3)),
        ("Product Manager 4", "senior-product-manager", (3, 3)),
        ("Product Manager IV", "senior-product-manager", (3, 3)),
        ("Product Owner I", "product-owner", (1, 2)),
        ("Product Owner 4", "senior-product-owner", (3, 3)),
    ],
)
def test_one_convention_for_numbered_grades(title: str, rung: str, level_range: tuple[int, int]) -> None:
    for market in ("us", "in", "gb"):
        m = read(title, market)
        assert (m.rung.id, m.level_range) == (rung, level_range), (market, title)


def test_senior_apm_is_an_apm() -> None:
    for title in ("Senior APM", "Sr. APM", "Senior Associate Product Manager"):
        assert read(title, "in").canonical_title == "Associate Product Manager"


@pytest.mark.parametrize(
    ("title", "own", "canonical", "level"),
    [
        ("Senior Staff Product Manager", "Senior Staff Product Manager", "Staff Product Manager", 6),
        ("Senior Principal PM", "Senior Principal Product Manager", "Principal Product Manager", 7),
        ("Distinguished Product Manager", "Distinguished Product Manager", "Principal Product Manager", 8),
        ("EVP Product", "Executive Vice President of Product", "Senior Vice President of Product", 12),
        (
            "Executive Vice President, Product",
            "Executive Vice President of Product",
            "Senior Vice President of Product",
            12,
        ),
        ("SVP Product", "Senior Vice President of Product", "Senior Vice President of Product", 11),
    ],
)
def test_finer_ranks_read_as_their_own_rungs_under_a_canonical_title(
    title: str, own: str, canonical: str, level: int
) -> None:
    m = read(title)
    assert (m.title, m.canonical_title, m.level) == (own, canonical, level)


def test_chief_product_owner_is_a_scaled_scrum_coordinator_not_a_cpo() -> None:
    m = read("Chief Product Owner", "de")
    assert (m.title, m.canonical_title) == ("Chief Product Owner", "Senior Product Owner")
    assert "Group Product Manager" in [a.canonical_title for a in m.alternatives]


def test_avp_is_reachable_by_promotion_in_india() -> None:
    india = titlemap.ladder("in")
    assert any(r.id == "associate-vice-president-of-product" for r in india.promotions("Director of Product"))
    path = india.path("Associate Product Manager", "Vice President of Product")
    assert path and path[-1].id == "vice-president-of-product"


@pytest.mark.parametrize(
    ("market", "title", "first", "other"),
    [
        ("us", "Manager, Product Management", "Group Product Manager", "Product Manager"),
        ("in", "Manager, Product Management", "Product Manager", "Group Product Manager"),
        ("us", "Senior Manager, Product Management", "Group Product Manager", "Senior Product Manager"),
        ("us", "Manager, Product Management - Payments", "Group Product Manager", "Product Manager"),
    ],
)
def test_varying_titles_come_with_their_alternative_and_a_note(
    market: str, title: str, first: str, other: str
) -> None:
    m = read(title, market)
    assert m.canonical_title == first and other in [a.canonical_title for a in m.alternatives]
    assert "varies" in m.explain() and m.confidence < 1


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("MTS", "Software Engineer II"),
        ("Member of Technical Staff", "Software Engineer II"),
        ("SMTS", "Senior Software Engineer"),
        ("Senior Member of Technical Staff", "Senior Software Engineer"),
        ("LMTS", "Tech Lead"),
        ("PMTS", "Principal Engineer"),
        ("SDE-1", "Software Engineer"),
        ("SDE-2", "Software Engineer II"),
        ("SDE-3", "Senior Software Engineer"),
        ("SDE-4", "Tech Lead"),
        ("Software Engineer 4", "Tech Lead"),
        ("Distinguished Engineer", "Principal Engineer"),
    ],
)
def test_engineering_ladder_reads_mts_and_sde_grades(title: str, expected: str) -> None:
    m = titlemap.normalize(title, family="engineering")
    assert m is not None and m.canonical_title == expected, m


def test_mts_history_infers_an_engineering_background() -> None:
    p = titlemap.Profile(history=["MTS", "SMTS", "LMTS"], years=9)
    m = titlemap.map_title("Product Owner", "us", "in", p)
    assert m is not None and m.title == "Senior Product Manager"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # a look-alike job written before the product it works on (noun-first languages, plurals)
        ("Specialista di prodotto", None),
        ("Specialista karetních produktů", None),
        ("Specialist(k)a karetních produktů", None),
        ("Specialist Products", None),
        ("Analyst Products - Cards", None),
        ("Product Lead Engineer", None),  # a lead engineer on the product
        ("Product Lead Designer (Mobile)", None),
        ("プロダクトリードエンジニア", None),
        ("Product Lead (Payments)", "Lead Product Manager"),
        # after "SAP" the letters name SAP's modules: Plant Maintenance, Process Orchestration
        ("SAP PM", None),
        ("Consultor/a SAP PO", None),
        ("Product Manager Renal", None),  # a therapy area
        ("Head of Product Security", None),  # a security function, as product safety is
        ("Product Security Manager", None),
        ("Senior Product Manager - Security", "Senior Product Manager"),  # of security products
        # a sales or marketing manager of the products, not a manager of products
        ("Sales Manager - IT Products", None),
        ("Manager, Sales of Products", None),
        ("Marketing Manager Products", None),
        ("Менеджер по продажам IT-продуктов", None),
        ("Senior Manager Products", "Senior Product Manager"),
        ("Head of Data Products", "Head of Product"),
        ("Product Management Assistant - Tea & Coffee", None),  # packaged food and drink: FMCG
        ("Product Management Planner", None),  # a planner, with product management as the area
        # letters that are the initials of the title before them stand for it
        ("Chief People Officer (CPO)", None),
        ("Chief Product Officer (CPO)", "Chief Product Officer"),
        ("CPO (Chief People Officer)", None),  # spelled out after it, too
        ("CPO (Chief Product Officer)", "Chief Product Officer"),
        # an assistant to a product leader is an assistant's job; an assistant product manager
        # (or the assistant of one) is the entry rung
        ("Assistant to the Director of Product", None),
        ("Assistente de Diretor de Produto", None),
        ("Executive Assistant to the VP of Product", None),
        ("Asistente de Product Manager", "Associate Product Manager"),
        ("Assistant Director of Product", "Associate Director of Product"),
        # an officer of product is a chief one only when the title says "Chief"
        ("Chief Technology & Product Officer (w/m/d)", "Chief Product Officer"),
        ("Product Officer", None),  # a bank's grade with product as its area
        # "CPO" after a title that is not its initials names the role
        ("Product Director (CPO)", "Chief Product Officer"),
        ("Leiter Produktmanagement (CPO)", "Chief Product Officer"),
        ("Product Director (CPTO)", "Chief Product Officer"),  # the chief and technology officer
        ("Directeur produit & technique (CPTO)", "Chief Product Officer"),
        # after a role below a leader's, the letters name whose office it is, not the role
        ("Senior Product Manager, CPTO", "Senior Product Manager"),
        ("Associate Product Manager (CPO)", "Associate Product Manager"),
        ("Produktmanager*in Digital", "Product Manager"),  # German gender signs: star, colon
        ("Produktmanager:in", "Product Manager"),
        ('סמנכ"ל/ית מוצר', "Vice President of Product"),  # an ending after a Hebrew abbreviation
        ("Project Manager (PM)", None),
        ("Product Manager (PM)", "Product Manager"),
        ("Sales Representative (SR), Product Line- C", None),  # "SR" is not senior here
        ("Head of Product Enablement", None),  # sales enablement
        ("Product Demo Manager", None),  # pre-sales demonstrations
        # a project or program role with product (management) as its area
        ("Project Manager Product Management", None),
        ("Program Manager, Product Management", None),
        ("Projektleiter Produktmanagement", None),
        ("Chef de projet produit", None),
        ("Jefe de Proyecto de Producto", None),
        ("Discovery Program, Product Management Specialist", "Associate Product Manager"),  # a name
        ("Project & Product Manager", "Product Manager"),
        # a function with the product as its object, written head first: product design, quality
        ("Stage design produit", None),
        ("Estágio em Design de Produto", None),
        ("Gerente de Calidad de Producto", None),
        ("Director, Analytics Product", "Director of Product"),  # a product for analytics
        ("Head of Design & Product", "Head of Product"),
        # a level written after the gender tag, or after the director word (head first)
        ("Produktmanager (m/w/d) Senior", "Senior Product Manager"),
        ("Product Manager (H/F) Senior", "Senior Product Manager"),
        ("Produktmanager (m/w/d) Berlin", "Product Manager"),
        ("Director Senior de Producto", "Senior Director of Product"),
        ("Directeur Produit Senior", "Senior Director of Product"),
        # a student position is an internship
        ("Student Associate Product Manager - CX Loyalty", "Product Management Intern"),
        ("Working Student Product Management (m/w/d)", "Product Management Intern"),
        ("Student Experience Product Manager", "Product Manager"),  # a product for students
        # a therapy area or cosmetics in another language: a brand role
        ("Produktmanager Onkologie", None),
        ("Менеджер по продукту (фармацевтика)", None),
        ("Produktmanager Kosmetik (m/w/d)", None),
        ("Product Manager Dermocosmesi", None),
        ("Produktmanager Einkauf Textil (m/w/d)", None),
        ("Produktmanager Textil Software", "Product Manager"),
        ("Produktmanager Textilmaschinen (m/w/d)", "Product Manager"),  # machinery: hardware
        ("Pesticides Regulatory Affairs & Product Manager", None),  # farm inputs, as medicines
        ("Product Manager - Digital Oncology Platform", "Product Manager"),  # software says so
        ("Product Manager, Pharmacy", "Product Manager"),
        # a sales manager of products, the sales word in another segment
        ("Director, Sales - Digital Products", None),
        ("Key Account Manager - Software Products", None),
        ("Product Management Staff", "Product Manager"),  # the function's employees, no Staff rank
        ("Product Manager Staff", "Product Manager"),
        ("Staff Product Manager", "Staff Product Manager"),
        ("Director (a) de Productos Digitales", "Director of Product"),  # a spaced gender ending
        # ... but a manager of products, a rank beside product management and a head of product stay
        ("Manažer bankovních produktů", "Product Manager"),
        ("Specialist, Product Management", "Associate Product Manager"),
        ("Head of Engineering & Product", "Head of Product"),
        # a word's other-gender ending glued to it in brackets is the word
        ("Manažer(ka) produktu", "Product Manager"),
        ("Produktmanager(in)", "Product Manager"),
        ("PRODUKTMANAGER(IN)", "Product Manager"),  # in capitals too
        ("Senior Produktmanager(in) (m/w/d)", "Senior Product Manager"),
        ("Jefe/a de Producto Digital", "Product Manager"),  # after a slash or a (middle) dot
        ("Chef·fe de produit digital", "Product Manager"),
        ("Chef.fe de produit technique", "Product Manager"),
        ("Produktmanager/-in (m/w/d)", "Product Manager"),  # a hyphen before the ending
        ("Directeur(-trice) de produit", "Director of Product"),
        ("Manager/ka pro platební produkty", "Product Manager"),
        ("Coordenador(a) de Produto", "Lead Product Manager"),
        # a bracketed word that is no gender ending stays a word of the title
        ("Product Manager(jr)", "Associate Product Manager"),
        ("Product Manager(sr)", "Senior Product Manager"),
        ("Senior Manager(pm)", "Senior Product Manager"),
        # a look-alike job is the head only with nothing but the product's words between them
        ("Strategist and Head of Product", "Head of Product"),
        ("Expert Head of Product", "Head of Product"),
        ("Product Lead Developer Experience", "Lead Product Manager"),  # a product for developers
    ],
)
def test_jobs_before_the_product_and_glued_gender_endings(title: str, expected: str | None) -> None:
    m = titlemap.normalize(title)
    assert (m.canonical_title if m else None) == expected


@pytest.mark.parametrize(
    ("title", "market", "why"),
    [
        ("Head of Product Development", "us", "product development"),
        ("Gerente de Desarrollo de Producto", "mx", "product development"),
        ("SAP PM", "us", "SAP module"),
        ("Consultor/a SAP PO", "es", "SAP module"),
        ("Product Manager Recruiter", "us", "recruiter of product people"),
        ("Product Owner Coach", "us", "coach of product people"),
    ],
)
def test_look_alikes_named_by_two_words_say_so(title: str, market: str, why: str) -> None:
    assert titlemap.normalize(title, market) is None
    reason = titlemap.reason(title, market)
    assert reason is not None and reason.code == "not-product" and why in str(reason)


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("Brand and Product Manager", True),
        ("Product Manager / Brand Manager", True),
        ("Senior Product Manager, Brand Safety", False),  # an ad-tech product area
        ("Product Manager - Brand Platform", False),
    ],
)
def test_a_brand_role_beside_the_product_role_is_flagged(title: str, flagged: bool) -> None:
    m = titlemap.normalize(title)
    assert m is not None and m.canonical_title.endswith("Product Manager")
    assert (m.lookalike is not None and m.lookalike.startswith("brand management")) == flagged
    assert (m.confidence < 0.9) == flagged


def test_the_reason_names_what_the_initials_stand_for() -> None:
    assert str(titlemap.reason("Chief People Officer (CPO)")) == (
        "not-product: 'CPO' stands for 'Chief People Officer' here, not a product role"
    )


@pytest.mark.parametrize(
    ("title", "market", "phrase"),
    [
        ("TOOTEJUHT", "us", "Read 'TOOTEJUHT' as product management."),  # one compound word, once
        ("Produktmanager (m/w/d)", "us", "Read 'Produktmanager' as product management."),
    ],
)
def test_an_explanation_names_a_compound_word_once(title: str, market: str, phrase: str) -> None:
    m = titlemap.normalize(title, market)
    assert m is not None and m.explanation[0] == phrase


def test_an_internship_sets_no_intern_aside() -> None:
    m = titlemap.normalize("Product Management Intern - Payments")
    assert m is not None and m.employment == "intern"
    assert "Set aside: 'Payments'." in m.explanation and not any("'intern'" in n for n in m.explanation)


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        (
            "Product Security Manager",
            "not-product: product security is another function's work, not product management",
        ),
        ("Key Account Manager - Software Products", "not-product: sales and business development"),
        ("Product Consultant", "not-product: a product consultant is another job, not product management"),
    ],
)
def test_refusals_name_the_function(title: str, reason: str) -> None:
    assert str(titlemap.reason(title)) == reason


def test_a_segment_that_is_the_ladders_own_title_reads_with_its_team_and_place() -> None:
    """A company's own code or a market's local title, with a team or a place beside it, reads
    as the code alone does; the other segments are its parts, and a product phrase that was
    found and refused stays refused."""
    from pathlib import Path

    acme = titlemap.TitleMap.from_paths([Path(__file__).parent / "fixtures" / "acme.yaml"])
    alone = acme.normalize("PL3", "acme")
    parts = [("PL3 - Payments", "Payments", None), ("PL3 (Bangalore)", None, "Bangalore")]
    for title, team, location in parts:
        m = acme.normalize(title, "acme")
        assert m is not None and alone is not None
        assert (m.rung.id, m.team, m.location) == (alone.rung.id, team, location)
        assert m.confidence < alone.confidence
    assert acme.normalize("PL3 - Intern", "acme") is None  # an intern's word is not a team
    assert read("PM Especialista - Pagamentos", "br").rung.id == read("PM Especialista", "br").rung.id
    assert read("PO Especialista - Crédito", "br").canonical_title == "Senior Product Owner"
    assert titlemap.normalize("PM - Construction", "br") is None  # found, refused: stays refused


@pytest.mark.parametrize(
    ("title", "market", "expected"),
    [
        ("Директор по продукту (VP Product)", "us", "Vice President of Product"),
        ("Руководитель продукта (Product Lead)", "us", "Lead Product Manager"),
        ("Менеджер продукта (Senior PM)", "us", "Senior Product Manager"),
        ("Chef de produit (Senior Product Manager)", "fr", "Senior Product Manager"),
        ("Gerente de Producto (Product Owner)", "mx", "Product Owner"),
        # no English product title beside it: the other language's title is read
        ("Менеджер продукта (Product Analytics)", "us", "Product Manager"),
        # the English title refused with the rest of the title: the other language's title reads
        ("Менеджер продукта (Senior PM) - Project Delivery", "us", "Product Manager"),
    ],
)
def test_an_english_title_beside_another_languages_names_the_role(
    title: str, market: str, expected: str
) -> None:
    m = read(title, market)
    assert m.canonical_title == expected
    assert ("Read the English title beside" in m.explain()) == (m.canonical_title != "Product Manager")


@pytest.mark.parametrize(
    ("title", "market", "expected"),
    [
        ("Project Manager (m/f/d) with focus on Product Management", "de", None),
        ("Projektmanager (m/w/d) mit Schwerpunkt Produktmanagement", "de", None),
        ("Program Manager, Product Management", "us", None),
        # a product manager beside the project manager: a joined title, read as the product role
        ("Project Manager (m/f/d) and Product Manager", "de", "Product Manager"),
    ],
)
def test_product_management_as_a_project_roles_area(title: str, market: str, expected: str | None) -> None:
    m = titlemap.normalize(title, market)
    assert (m.canonical_title if m else None) == expected
    if expected is None:
        assert str(titlemap.reason(title, market)).startswith("not-product: project or program management")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Product Owner (Senior/ Team Leader)", "Senior Product Owner"),  # the first of alternatives
        ("Edtech Product Owner ( Senior/ Team Leader- Strong in Tech)", "Senior Product Owner"),
        ("Product Owner (Team Leader/Senior)", "Product Owner"),  # a level not first: not taken
        ("Head of Product UX", None),  # UX after "product" names design, as "design" does
        ("Head of Product UX/Product Experience", None),
        ("Head of Product & UX", "Head of Product"),  # a joined title: the product role is read
        ("Senior Product Manager - UX", "Senior Product Manager"),  # UX as the team
    ],
)
def test_levels_among_alternatives_and_ux_after_product(title: str, expected: str | None) -> None:
    m = titlemap.normalize(title, "us")
    assert (m.canonical_title if m else None) == expected


def test_chief_initials_after_a_title_read_the_same_with_a_company_ladder() -> None:
    m = titlemap.normalize("Product Director (CPTO)", "us", employer="google")
    assert m is not None and m.canonical_title == "Chief Product Officer"
