"""Token sets the normalizer reads titles with, one named set per job (nameparser style).

Every key is a lowercase ASCII token as :func:`titlemap.text.key` produces it. The sets are
frozen; a company that needs other words writes aliases into its own ladder file instead.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = [
    "ABBREVIATIONS",
    "AMBIGUOUS_ABBREVIATIONS",
    "BIGRAMS",
    "BRAND_CONTEXT",
    "CONTEXT_NOT_PRODUCT",
    "CORPORATE_RANKS",
    "EMPLOYMENT",
    "GRADES",
    "JAPANESE_WORDS",
    "LANGUAGE_WORDS",
    "LOCATIONS",
    "LOOKALIKE_FAMILIES",
    "NOT_PRODUCT_AFTER",
    "NOT_PRODUCT_BEFORE",
    "PHRASES",
    "RANK_WORDS",
    "SEGMENT_RANKS",
    "SOFTWARE_CONTEXT",
    "SPECIALIZATIONS",
    "TRANSLATIONS",
    "TYPO_TARGETS",
    "typo_variants",
]

# Single-token spellings folded to one canonical token before anything else reads the title.
ABBREVIATIONS: dict[str, str] = {
    "sr": "senior",
    "snr": "senior",
    "senior": "senior",
    "sen": "senior",
    "jr": "junior",
    "jnr": "junior",
    "mgr": "manager",
    "mngr": "manager",
    "manger": "manager",
    "managers": "manager",
    "mgmt": "management",
    "mgt": "management",
    "mngmt": "management",
    "managment": "management",
    "prod": "product",
    "products": "product",
    "productos": "product",
    "produkt": "product",
    "dir": "director",
    "directors": "director",
    "assoc": "associate",
    "asso": "associate",
    "asst": "assistant",
    "dy": "deputy",
    "dep": "deputy",
    "leader": "lead",
    "leads": "lead",
    "lead": "lead",
    "owners": "owner",
    "internship": "intern",
    "interns": "intern",
    "internships": "intern",
    "coop": "intern",
    "trainees": "trainee",
    "princ": "principal",
    "prin": "principal",
    "dvp": "dvp",
    "grp": "group",
    "exec": "executive",
    "tech": "technical",
    "evp": "evp",
}

# Two-token phrases folded to one token (read left to right, after ABBREVIATIONS).
BIGRAMS: dict[tuple[str, str], str] = {
    ("vice", "president"): "vp",
    ("assistant", "vp"): "avp",
    ("associate", "vp"): "avp",
    ("senior", "vp"): "svp",
    ("executive", "vp"): "evp",
    ("deputy", "vp"): "dvp",
    ("executive", "director"): "executive-director",
    ("managing", "director"): "managing-director",
    ("senior", "staff"): "senior-staff",
    ("senior", "specialist"): "specialist",
    ("senior", "associate"): "senior-associate",
    ("senior", "principal"): "senior-principal",
    ("co", "op"): "intern",
    ("associate", "director"): "associate-director",
    ("assistant", "director"): "associate-director",
    ("senior", "director"): "senior-director",
    ("general", "manager"): "gm",
    ("assistant", "gm"): "agm",
    ("deputy", "gm"): "dgm",
    ("assistant", "manager"): "assistant-manager",
    ("deputy", "manager"): "deputy-manager",
    ("senior", "manager"): "senior-manager",
    ("chief", "manager"): "senior-manager",
    ("entry", "level"): "junior",
    ("senior", "executive"): "executive",
    ("new", "grad"): "junior",
    ("scrum", "master"): "scrum-master",
    ("business", "analyst"): "business-analyst",
    ("line", "manager"): "manager",
    ("summer", "associate"): "intern",
}

# Words that set a level, with the canonical rank they stand for.
RANK_WORDS: frozenset[str] = frozenset(
    {
        "intern",
        "trainee",
        "junior",
        "associate",
        "assistant",
        "specialist",
        "senior",
        "lead",
        "staff",
        "principal",
        "group",
        "head",
        "director",
        "associate-director",
        "senior-director",
        "vp",
        "avp",
        "svp",
        "evp",
        "dvp",
        "executive-director",
        "managing-director",
        "senior-staff",
        "senior-principal",
        "senior-associate",
        "distinguished",
        "partner",
        "chief",
        "cpo",
        "gm",
        "agm",
        "dgm",
        "assistant-manager",
        "deputy-manager",
        "senior-manager",
        "manager",
    }
)

# "product X" where X makes the title another job family (the look-alikes).
NOT_PRODUCT_AFTER: frozenset[str] = frozenset(
    {
        "marketing",
        "marketer",
        "marketers",
        "market",
        "design",
        "designer",
        "designers",
        "development",
        "developer",
        "analyst",
        "analysts",
        "analytics",
        "analysis",
        "engineer",
        "engineers",
        "engineering",
        "specialist",
        "specialists",
        "support",
        "operations",
        "ops",
        "operation",
        "control",
        "controller",
        "configuration",
        "quality",
        "content",
        "demonstrator",
        "auditor",
        "cataloging",
        "catalog",
        "origination",
        "separator",
        "graphics",
        "program",
        "programme",
        "project",
        "sales",
        "training",
        "trainer",
        "safety",
        "compliance",
        "consultant",
        "expert",
        "architect",
        "scientist",
        "tester",
        "testing",
        "lifecycle",
        "costing",
        "technician",
        "assembler",
        "packer",
        "buyer",
        "merchandiser",
        "photographer",
        "writer",
        "copywriter",
        "evangelist",
        "advocate",
        "educator",
        "coordinator",
        "planner",
        "planning",
        "strategist",
        "researcher",
        "research",
        "innovation",
        "steward",
        "data",
    }
)

# "X product" where X says the product is a thing, not the function (drug product, food product).
NOT_PRODUCT_BEFORE: frozenset[str] = frozenset(
    {
        "drug",
        "food",
        "finished",
        "medicinal",
        "pharmaceutical",
        "insurance",
        "mortgage",
        "loan",
        "credit",
        "banking",
        "beverage",
        "chemical",
    }
)

# Corporate rank words: the label a match exposes as its `rank`, and the rung whose level data
# (`sector_levels`) places the rank; None where no source places it. AVP, VP and the others are
# ranks beside a complete functional title ("Product Manager - VP") and roles on their own
# ("VP Product"); Director-type words are ranks only in a separate segment ("Director - Product
# Owner"), since "Director Product Manager" is a director's title.
CORPORATE_RANKS: dict[str, tuple[str, str | None]] = {
    "avp": ("AVP", "associate-vice-president-of-product"),
    "vp": ("VP", "vice-president-of-product"),
    "svp": ("SVP", "senior-vice-president-of-product"),
    "evp": ("EVP", "executive-vice-president-of-product"),
    "dvp": ("DVP", None),
    "executive-director": ("ED", "director-of-product"),
    "managing-director": ("MD", "senior-director-of-product"),
}
SEGMENT_RANKS: dict[str, tuple[str, str | None]] = {
    "senior-associate": ("Senior Associate", None),
    "director": ("Director", "director-of-product"),
    "associate-director": ("Associate Director", "associate-director-of-product"),
    "senior-director": ("Senior Director", "senior-director-of-product"),
}

# Words that make a "product manager" a brand or therapy-area manager of medicines or consumer
# goods (Indian pharma's product management teams, FMCG brand management): look-alikes.
BRAND_CONTEXT: frozenset[str] = frozenset(
    {
        "pharma",
        "pharmaceutical",
        "pharmaceuticals",
        "oncology",
        "cardiology",
        "cardiac",
        "cardio",
        "cardiovascular",
        "diabetes",
        "diabetology",
        "diabetic",
        "dermatology",
        "derma",
        "dermatologist",
        "gastro",
        "gastroenterology",
        "neurology",
        "neuro",
        "neuroscience",
        "respiratory",
        "gynaecology",
        "gynecology",
        "gynae",
        "urology",
        "nephrology",
        "orthopaedic",
        "orthopedic",
        "ophthalmology",
        "ophthalmic",
        "vaccines",
        "vaccine",
        "antibiotics",
        "nutraceuticals",
        "nutraceutical",
        "therapy",
        "therapeutic",
        "therapeutics",
        "formulations",
        "fmcg",
        "cosmetics",
        "apparel",
        "garment",
        "garments",
        "textile",
        "textiles",
        "footwear",
        "sourcing",
    }
)
# Words that keep a title software product management despite a brand or pharma context.
SOFTWARE_CONTEXT: frozenset[str] = frozenset(
    {
        "software",
        "digital",
        "platform",
        "platforms",
        "saas",
        "app",
        "apps",
        "technical",
        "api",
        "data",
        "ai",
        "ml",
        "tech",
        "technology",
        "online",
    }
)

# Words anywhere in a title that make a bare "PM"/"APM" a project or program manager.
CONTEXT_NOT_PRODUCT: frozenset[str] = frozenset(
    {
        "project",
        "projects",
        "program",
        "programs",
        "programme",
        "pmo",
        "pmp",
        "construction",
        "site",
        "civil",
        "installation",
        "epc",
        "delivery",
        "portfolio",
        "mep",
        "interiors",
    }
)

SPECIALIZATIONS: dict[str, str] = {
    "technical": "technical",
    "growth": "growth",
    "platform": "platform",
    "platforms": "platform",
    "data": "data",
    "ai": "AI/ML",
    "ml": "AI/ML",
    "genai": "AI/ML",
    "llm": "AI/ML",
    "b2b": "B2B",
    "b2c": "B2C",
    "saas": "SaaS",
    "digital": "digital",
    "global": "global",
    "commercial": "commercial",
    "field": "field",
    "line": "product line",
    "api": "API",
    "mobile": "mobile",
    "web": "web",
    "infrastructure": "infrastructure",
    "security": "security",
    "enterprise": "enterprise",
    "consumer": "consumer",
    "engineering": "engineering",
    "agile": "agile",
    "business": "business",
    "innovation": "innovation",
    "cloud": "cloud",
    "hardware": "hardware",
    "software": "software",
    "fintech": "fintech",
    "martech": "martech",
    "clinical": "clinical",
    "core": "core",
}

EMPLOYMENT: dict[str, str] = {
    "intern": "intern",
    "trainee": "trainee",
    "contract": "contract",
    "contractor": "contract",
    "temporary": "temporary",
    "temp": "temporary",
    "freelance": "freelance",
    "parttime": "part-time",
    "fulltime": "full-time",
    "remote": "remote",
    "hybrid": "hybrid",
    "onsite": "on-site",
    "seasonal": "seasonal",
    "ftc": "fixed-term",
    "interim": "interim",
    "consultant": "contract",
}

LOCATIONS: frozenset[str] = frozenset(
    {
        "bangalore",
        "bengaluru",
        "mumbai",
        "delhi",
        "new delhi",
        "ncr",
        "gurgaon",
        "gurugram",
        "noida",
        "pune",
        "hyderabad",
        "chennai",
        "kolkata",
        "ahmedabad",
        "jaipur",
        "kochi",
        "india",
        "london",
        "new york",
        "nyc",
        "san francisco",
        "sf",
        "seattle",
        "austin",
        "boston",
        "chicago",
        "berlin",
        "munich",
        "amsterdam",
        "dublin",
        "paris",
        "prague",
        "singapore",
        "toronto",
        "sydney",
        "dubai",
        "united states",
        "usa",
        "us",
        "uk",
        "united kingdom",
        "emea",
        "apac",
        "latam",
        "europe",
        "remote us",
        "bay area",
        "los angeles",
        "denver",
        "atlanta",
        "madrid",
        "barcelona",
        "lisbon",
        "stockholm",
        "zurich",
        "warsaw",
        "tel aviv",
        "tokyo",
        "hong kong",
        "czechia",
        "germany",
        "canada",
        "australia",
    }
)

GRADES: frozenset[str] = frozenset({"i", "ii", "iii", "iv", "v", "1", "2", "3", "4", "5"})

# Key words whose one-edit misspellings are read as the word (only words of 5+ letters).
TYPO_TARGETS: tuple[str, ...] = (
    "product",
    "manager",
    "management",
    "owner",
    "director",
    "principal",
    "associate",
    "intern",
    "internship",
    "president",
    "officer",
    "senior",
    "junior",
    "assistant",
)
# Real words one edit away from a key word: never "corrected".
_REAL_WORDS = frozenset(
    {
        "produce",
        "producer",
        "manage",
        "managed",
        "manages",
        "owned",
        "lower",
        "power",
        "inter",
        "senor",
        "junor",
        "interns",
        "internal",
        "presidents",
        "officers",
        "directory",
        "directors",
        "associated",
        "associates",
        "assistants",
        "owners",
        "products",
        "managers",
        "principle",
        "principals",
        "seniors",
        "juniors",
        "dowser",
        "mower",
        "bower",
        "tower",
        "sower",
    }
)


def _edits(word: str) -> Iterator[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for a, b in splits:
        if b:
            yield a + b[1:]
        if len(b) > 1:
            yield a + b[1] + b[0] + b[2:]
        for c in letters:
            if b:
                yield a + c + b[1:]
            yield a + c + b


def typo_variants() -> dict[str, str]:
    """Every one-edit misspelling of the key words, mapped to the word it misspells.

    Words shorter than six letters only tolerate swapped neighbours ("onwer"); misspellings
    that are real words ("produce", "lower") are left alone.
    """
    table: dict[str, str] = {}
    for word in TYPO_TARGETS:
        for v in _edits(word):
            if len(v) < 5 or v == word or v in _REAL_WORDS:
                continue
            if len(word) < 6 and sorted(v) != sorted(word):
                continue
            table.setdefault(v, word)
    return table


# -- other languages ----------------------------------------------------------------------------
# Title words of other languages, read as the English words the pipeline knows (keys are folded:
# lowercase, Latin accents removed). A word may stand for several English words: German and
# Dutch write compounds ("Produktmanagerin" is "product manager"). These hold in every market:
# recruiters' files mix languages, and none of these words is an English title word.
def _reads_as(english: str, *words: str) -> dict[str, tuple[str, ...]]:
    return dict.fromkeys(words, tuple(english.split()))


TRANSLATIONS: dict[str, tuple[str, ...]] = {
    # German
    **_reads_as(
        "product manager", "produktmanager", "produktmanagerin", "produktmanagers", "produktmanagerinnen"
    ),
    **_reads_as("product management", "produktmanagement", "produktmanagements"),
    **_reads_as(
        "product owner", "produktverantwortlicher", "produktverantwortliche", "produktowner", "produktownerin"
    ),
    **_reads_as("product owner", "productownerin"),
    **_reads_as("head", "leiter", "leiterin", "leitung", "bereichsleiter", "bereichsleiterin"),
    **_reads_as("intern", "praktikant", "praktikantin", "praktikum", "pflichtpraktikum"),
    **_reads_as("intern", "werkstudent", "werkstudentin"),
    **_reads_as("project manager", "projektmanager", "projektmanagerin", "projektleiter", "projektleiterin"),
    **_reads_as("product development", "produktentwicklung"),
    **_reads_as("product developer", "produktentwickler"),
    **_reads_as("product marketing", "produktmarketing"),
    **_reads_as("technical", "technischer", "technische"),
    # Dutch
    **_reads_as("product manager", "productmanager", "productmanagers"),
    **_reads_as("product management", "productmanagement"),
    **_reads_as("product owner", "producteigenaar"),
    **_reads_as("intern", "stagiair", "stagiaire", "afstudeerstage", "afstudeerder"),
    **_reads_as("project manager", "projectmanager"),
    # French
    **_reads_as("product", "produit", "produits"),
    **_reads_as("director", "directeur", "directrice"),
    **_reads_as("intern", "alternance", "alternant", "alternante", "apprenti", "apprentie"),
    **_reads_as("project", "projet"),
    # Spanish
    **_reads_as("product", "producto", "productos"),
    **_reads_as("manager", "gerente"),
    **_reads_as("director", "directora"),
    **_reads_as("intern", "becario", "becaria", "practicas", "practicante", "pasante"),
    **_reads_as("project", "proyecto", "proyectos"),
    **_reads_as("owner", "dueno", "duena", "propietario", "propietaria"),
}
# Words that read as an English word only in the market languages named: "stage" is a French and
# Dutch internship but an English word ("early-stage"); "chef" and "jefe" lead a French or Spanish
# phrase ("chef de produit") and are a cook or a boss alone.
LANGUAGE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {"stage": ("intern",), "stagiaires": ("intern",)},
    "nl": {"stage": ("intern",)},
}
# Phrases (of words already read as above) that name an English role: "chef de produit" is a
# product manager, "chef de projet" a project manager (a look-alike).
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("chef", "de", "product", "marketing"): ("product", "marketing"),
    ("jefe", "de", "product", "marketing"): ("product", "marketing"),
    ("jefa", "de", "product", "marketing"): ("product", "marketing"),
    ("chef", "de", "product"): ("product", "manager"),
    ("chef", "product"): ("product", "manager"),
    ("chef", "de", "project"): ("project", "manager"),
    ("cheffe", "de", "product"): ("product", "manager"),
    ("cheffe", "de", "project"): ("project", "manager"),
    ("responsable", "product"): ("product", "manager"),
    ("responsable", "de", "product"): ("product", "manager"),
    ("responsable", "du", "product"): ("product", "manager"),
    ("jefe", "de", "product"): ("product", "manager"),
    ("jefa", "de", "product"): ("product", "manager"),
    ("jefe", "de", "project"): ("project", "manager"),
    ("jefa", "de", "project"): ("project", "manager"),
    ("manager", "de", "product"): ("product", "manager"),
    ("manager", "de", "project"): ("project", "manager"),
    ("owner", "de", "product"): ("product", "owner"),
    ("owner", "del", "product"): ("product", "owner"),
    ("director", "de", "product"): ("director", "product"),
    ("director", "del", "product"): ("director", "product"),
}
# Japanese titles are written without spaces: a katakana or kanji word is split into these
# words, longest first ("シニアプロダクトマネージャー" -> senior product manager). A word that does
# not split completely is left as it is.
JAPANESE_WORDS: dict[str, tuple[str, ...]] = {
    "シニア": ("senior",),
    "ジュニア": ("junior",),
    "アソシエイト": ("associate",),
    "リード": ("lead",),
    "リーダー": ("lead",),
    "プリンシパル": ("principal",),
    "スタッフ": ("staff",),
    "グループ": ("group",),
    "ヘッド": ("head",),
    "責任者": ("head",),
    "インターン": ("intern",),
    "インターンシップ": ("intern",),
    "プロダクト": ("product",),
    "マネージャー": ("manager",),
    "マネジャー": ("manager",),
    "マネージメント": ("management",),
    "マネジメント": ("management",),
    "オーナー": ("owner",),
    "プロジェクト": ("project",),
    "プログラム": ("program",),
    "マーケティング": ("marketing",),
    "マーケター": ("marketer",),
    "デザイナー": ("designer",),
    "エンジニア": ("engineer",),
    "アナリスト": ("analyst",),
    "テクニカル": ("technical",),
}


# Why a title was not read: the job family a look-alike belongs to, by its words (first match
# wins, so a more telling family comes first: "Product Marketing Manager" is marketing, not
# management). Each entry: (family, words, stems of compound words such as "Produktionsleiter").
LOOKALIKE_FAMILIES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    (
        "project or program management",
        frozenset(
            {"project", "projects", "program", "programs", "programme", "programmes", "pmo", "pmp", "scrum"}
            | {"scrum-master"}
            | {"delivery", "agile", "construction", "site", "epc", "installation"}
        ),
        ("projekt", "projet", "proyect", "programm"),
    ),
    ("design", frozenset({"design", "designer", "designers", "ux", "ui", "visual", "graphics"}), ("design",)),
    (
        "marketing",
        frozenset({"marketing", "marketer", "marketers", "pmm", "gtm", "advertising", "communications"})
        | frozenset({"growth", "campaign", "campaigns", "seo", "sem", "crm", "market"}),
        ("marketing",),
    ),
    (
        "engineering",
        frozenset({"engineer", "engineers", "engineering", "developer", "developers", "sde", "swe"})
        | frozenset({"programmer", "architect", "devops", "software", "firmware"}),
        ("entwickl", "ingenieur", "ingénieur", "ingeniero"),
    ),
    (
        "data and analytics",
        frozenset({"analyst", "analysts", "analytics", "analysis", "data", "scientist", "science", "bi"})
        | frozenset({"business-analyst", "analista"}),
        ("analy",),
    ),
    (
        "manufacturing and production",
        frozenset(
            {"production", "manufacturing", "plant", "factory", "assembly", "fabrication", "mechanical"}
        ),
        ("produktion", "fertigung", "fabrica", "fabrika", "producción"),
    ),
    ("quality assurance", frozenset({"quality", "qa", "qc", "test", "tester", "testing", "auditor"}), ()),
    (
        "sales and business development",
        frozenset({"sales", "account", "accounts", "presales", "bd", "dealer", "distributor", "channel"}),
        ("vertrieb", "verkauf", "vente", "ventas"),
    ),
    ("customer support", frozenset({"support", "success", "service", "services", "helpdesk"}), ()),
    (
        "buying, category and operations",
        frozenset({"operations", "ops", "operation", "supply", "logistics", "procurement", "purchasing"})
        | frozenset({"buyer", "category", "merchandising", "merchandiser", "sourcing", "einkauf"}),
        ("einkauf", "achat", "compras"),
    ),
    (
        "content and training",
        frozenset({"content", "training", "trainer", "writer", "editor", "catalog"}),
        (),
    ),
    (
        "a specialist role (sales, support or training)",
        frozenset({"specialist", "specialists", "demonstrator"}),
        (),
    ),
    ("finance and control", frozenset({"finance", "controller", "control", "accountant", "audit"}), ()),
)

# Abbreviations that stand for more than one role: what each may mean, to say instead.
AMBIGUOUS_ABBREVIATIONS: dict[str, str] = {
    "tpm": "Technical Product Manager or Technical Program Manager",
}
