"""Token sets the normalizer reads titles with, one named set per job (nameparser style).

Every key is a lowercase ASCII token as :func:`titlemap.text.key` produces it. The sets are
frozen; a company that needs other words writes aliases into its own ladder file instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "ABBREVIATIONS",
    "ABBREV_ANCHORS",
    "ABBREV_BAD_BEFORE",
    "ABBREV_BAD_NEXT",
    "AFTER_PRODUCT_KIND",
    "AMBIGUOUS_ABBREVIATIONS",
    "BIGRAMS",
    "BRAND_CONTEXT",
    "BRAND_FAMILY",
    "BRAND_STEMS",
    "CHIEF_INITIALS",
    "CONTEXT_NOT_PRODUCT",
    "CORPORATE_RANKS",
    "EMPLOYMENT",
    "ENGINEERING_NOUNS",
    "ENGINEERING_RANKS",
    "FILLER",
    "FINANCIAL_FAMILY",
    "FINANCIAL_PRODUCTS",
    "FIXED_PHRASES",
    "GRADES",
    "GRADE_NEXT",
    "GRADE_NUMBERS",
    "IMPLIED_WINS_OVER",
    "JOINING_WORDS",
    "LEADER_WORDS",
    "LEVEL_CODE",
    "LEVEL_TAGS",
    "LOOKALIKE_FAMILIES",
    "LOOKALIKE_PEOPLE",
    "NOT_PRODUCT_AFTER",
    "NOT_PRODUCT_BEFORE",
    "ORGANIZATION_NOUNS",
    "OTHER_ROLES",
    "OWNER_RANKS",
    "PRODUCT_RANKS",
    "PROJECT_WORDS",
    "RANK_WORDS",
    "REGION_WORDS",
    "ROLE_NOUNS",
    "SEGMENT_RANKS",
    "SEGMENT_RANKS_EITHER_ORDER",
    "SERVES_THE_ROLE",
    "SOFTWARE_CONTEXT",
    "SPECIALIZATIONS",
    "TAG_WORDS",
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
    "principle": "principal",  # a common misspelling; "principle" names no job
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
    ("senior", "specialist"): "senior-specialist",
    ("senior", "associate"): "senior-associate",
    ("senior", "principal"): "senior-principal",
    ("working", "student"): "intern",  # German English for a Werkstudent
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

# Phrases of several words read as one token, or dropped (None): boilerplate that would
# otherwise read as a rank ("Member of Technical Staff" is no Staff rank) and jobs whose words
# are rank words ("Chief of Staff" is no chief).
FIXED_PHRASES: dict[tuple[str, ...], str | None] = {
    ("member", "of", "technical", "staff"): None,
    ("mts",): None,
    ("chief", "of", "staff"): "chief-of-staff",
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
        "senior-specialist",
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
        "ux",
        "ui",
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
        "senior-specialist",
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
        "demo",
        "demos",
        "enablement",
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
        "security",
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

# The people among them: a look-alike job written before the product it works on, as languages
# that put the noun first write it ("Specialista di prodotto", "Specialista karetních produktů")
# and as English does for a plural ("Specialist Products"), is that job, not a product role.
# (OTHER_ROLES, below, refuses a bare "product" beside another job anywhere in the title; this
# list works where a rank such as "specialist" would otherwise make the product its role.)
LOOKALIKE_PEOPLE: frozenset[str] = NOT_PRODUCT_AFTER & frozenset(
    {
        "advocate",
        "analyst",
        "analysts",
        "architect",
        "assembler",
        "auditor",
        "buyer",
        "consultant",
        "controller",
        "coordinator",
        "copywriter",
        "demonstrator",
        "designer",
        "designers",
        "developer",
        "educator",
        "engineer",
        "engineers",
        "evangelist",
        "expert",
        "marketer",
        "marketers",
        "merchandiser",
        "packer",
        "photographer",
        "planner",
        "researcher",
        "scientist",
        "senior-specialist",
        "specialist",
        "specialists",
        "steward",
        "strategist",
        "technician",
        "tester",
        "trainer",
        "writer",
    }
)

# "X product" where X says the product is a thing, not the function (drug product, food product).
# A bank's or insurer's product ("Credit Product Manager") is not one: the rubric keeps it as
# product management, read with the financial flag (FINANCIAL_PRODUCTS).
NOT_PRODUCT_BEFORE: frozenset[str] = frozenset(
    {
        "drug",
        "food",
        "finished",
        "medicinal",
        "pharmaceutical",
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
        "cns",  # central nervous system, a therapy area
        "respiratory",
        "gynaecology",
        "gynecology",
        "gynae",
        "urology",
        "nephrology",
        "renal",
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
        # the word in other languages, whole: a stem would also catch compounds that only start
        # with it ("Textilmaschinen", textile machinery, is industrial hardware)
        "textil",  # German, Spanish, Portuguese (têxtil), Czech, Hungarian
        "textilien",
        "tekstil",  # Turkish, Indonesian, the Nordic languages
        "tekstylia",
        "текстиль",
        "footwear",
        "sourcing",
        "medicine",
        "medicines",
        "ethical",  # Indian and South-East Asian pharma: the prescription-drug division
        "otc",
        "skincare",
        "haircare",
        "cosmetic",
        # packaged food and drink (FMCG categories)
        "beverage",
        "beverages",
        "tea",
        "coffee",
        "confectionery",
        "snacks",
        "dairy",
        # crop protection and farm inputs, sold through brand managers as medicines are
        "pesticide",
        "pesticides",
        "agrochemical",
        "agrochemicals",
        "fertilizer",
        "fertilizers",
        "fertiliser",
        "fertilisers",
    }
)
# Beginnings of words that name the same areas in other languages, where no language file
# lists the word ("Onkologie", "oncologie", "farmaceutyka", "farmacija", "фармацевтика",
# "Kosmetik"): the Latin and Greek roots the languages share, matched on folded words when a
# word is first read, and read as the area's English word of BRAND_CONTEXT.
BRAND_STEMS: dict[str, str] = {
    "oncolog": "oncology",
    "onkolog": "oncology",
    "pharmaceut": "pharmaceutical",
    "farmaceut": "pharmaceutical",
    "farmacij": "pharmaceutical",
    "фармацевт": "pharmaceutical",
    "cardiolog": "cardiology",
    "kardiolog": "cardiology",
    "dermatolog": "dermatology",
    "dermocosmet": "cosmetics",
    "dermokosmet": "cosmetics",
    "cosmet": "cosmetics",
    "kosmet": "cosmetics",
    "kozmet": "cosmetics",
    "косметик": "cosmetics",
    "cosmesi": "cosmetics",  # Italian cosmesi, dermocosmesi
    "dermocosmesi": "cosmetics",
}
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
        "scrum",  # "Scrum Master (Agile PM)": an agile project manager
        "scrum-master",
        "agile",
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

#: Place words that belong to no single market: read as a title's location (each market's own
#: countries, regions and cities come from its ladder file).
REGION_WORDS: frozenset[str] = frozenset(
    {
        "remote",
        "global",
        "worldwide",
        "anywhere",
        "emea",
        "apac",
        "apj",
        "latam",
        "americas",
        "north america",
        "europe",
        "asia",
        "asia pacific",
        "middle east",
        "mena",
        "dach",
        "benelux",
        "nordics",
        "gcc",
        "anz",
        "sea",
        "remote us",
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


# -- the grammar of titles: what sets a level, what a role word is -------------------------------

# Rank word -> canonical rung id, highest priority first (the first present in scope wins).
PRODUCT_RANKS: tuple[tuple[str, str], ...] = (
    ("cpo", "chief-product-officer"),
    ("chief", "chief-product-officer"),
    ("evp", "executive-vice-president-of-product"),
    ("svp", "senior-vice-president-of-product"),
    ("avp", "associate-vice-president-of-product"),
    ("vp", "vice-president-of-product"),
    ("senior-director", "senior-director-of-product"),
    ("associate-director", "associate-director-of-product"),
    ("director", "director-of-product"),
    ("executive-director", "director-of-product"),
    ("managing-director", "senior-director-of-product"),
    ("head", "head-of-product"),
    ("gm", "head-of-product"),
    ("dgm", "director-of-product"),
    ("agm", "associate-director-of-product"),
    ("distinguished", "distinguished-product-manager"),
    ("partner", "senior-principal-product-manager"),
    ("senior-principal", "senior-principal-product-manager"),
    ("group", "group-product-manager"),
    ("principal", "principal-product-manager"),
    ("senior-staff", "senior-staff-product-manager"),
    ("staff", "staff-product-manager"),
    ("lead", "lead-product-manager"),
    ("senior-associate", "associate-product-manager"),
    ("associate", "associate-product-manager"),
    ("assistant", "associate-product-manager"),
    ("assistant-manager", "associate-product-manager"),
    ("junior", "associate-product-manager"),
    ("senior-manager", "senior-product-manager"),
    ("senior", "senior-product-manager"),
    ("deputy-manager", "product-manager"),
    ("senior-specialist", "product-manager"),
    ("specialist", "associate-product-manager"),
    ("manager", "product-manager"),
)
OWNER_RANKS: dict[str, str] = {
    **dict.fromkeys(
        (
            "senior",
            "lead",
            "principal",
            "senior-principal",
            "staff",
            "senior-staff",
            "head",
            "group",
            "senior-manager",
        ),
        "senior-product-owner",
    ),
    "chief": "chief-product-owner",
    **dict.fromkeys(("associate", "assistant", "junior", "assistant-manager"), "associate-product-owner"),
}
ENGINEERING_RANKS: tuple[tuple[str, str], ...] = (
    ("cto", "chief-technology-officer"),
    ("vp", "vice-president-of-engineering"),
    ("svp", "vice-president-of-engineering"),
    ("evp", "vice-president-of-engineering"),
    ("senior-director", "director-of-engineering"),
    ("director", "director-of-engineering"),
    ("head", "director-of-engineering"),
    ("senior-manager", "senior-engineering-manager"),
    ("manager", "engineering-manager"),
    ("distinguished", "distinguished-engineer"),
    ("senior-principal", "principal-engineer"),
    ("principal", "principal-engineer"),
    ("architect", "principal-engineer"),
    ("senior-staff", "staff-engineer"),
    ("staff", "staff-engineer"),
    ("lead", "tech-lead"),
    ("senior", "senior-software-engineer"),
    ("junior", "software-engineer"),
    ("associate", "software-engineer"),
)
# Abbreviations that are anchors by themselves: (kind, implied rank).
ABBREV_ANCHORS: dict[str, tuple[str, str | None]] = {
    "pm": ("manager", None),
    "pmt": ("manager", None),
    "pdm": ("manager", None),  # Japan's "PdM" (PM there is a project manager)
    "apm": ("manager", "associate"),
    "gpm": ("manager", "group"),
    "spm": ("manager", "senior"),
    "po": ("owner", None),
    "apo": ("owner", "associate"),
    "cpo": ("cpo", "cpo"),
}
# "PM" before these words is not a role: "PM Experience", "with PM skills", "PM Box".
ABBREV_BAD_NEXT = NOT_PRODUCT_AFTER | {
    "clerk",
    "executive",
    "processing",
    "box",
    "buyer",
    "desk",
    "experience",
    "exp",
    "skills",
    "background",
    "knowledge",
    "certification",
    "certified",
}
# Words for an organization that end an employer described rather than named ("at a Series B
# startup", "at a Fortune 500 company", "at an AI fintech").
ORGANIZATION_NOUNS = frozenset(
    {
        "agency",
        "bank",
        "business",
        "company",
        "conglomerate",
        "consultancy",
        "corporation",
        "enterprise",
        "firm",
        "fintech",
        "insurer",
        "mnc",
        "organisation",
        "organization",
        "retailer",
        "scale-up",
        "scaleup",
        "start-up",
        "startup",
        "unicorn",
    }
)
# Jobs that serve a role, written after it: "Product Manager Recruiter", "Product Owner Coach"
# hire or coach product people; they are not product roles.
SERVES_THE_ROLE = frozenset(
    {"coach", "headhunter", "instructor", "recruiter", "recruiters", "sourcer", "teacher", "trainer", "tutor"}
)
# ... nor after these: after "SAP" the letters name SAP's modules ("SAP PM" is Plant Maintenance,
# "SAP PO" Process Orchestration, "SAP PP" Production Planning), not a product role.
ABBREV_BAD_BEFORE = frozenset({"sap"})
AFTER_PRODUCT_KIND: dict[str, str] = {
    "manager": "manager",
    "owner": "owner",
    "management": "function",
    "leadership": "function",
    "associate": "function",
    "lead": "lead",
    "head": "head",
    "director": "director",
    "intern": "function",
    "trainee": "function",
}
ENGINEERING_NOUNS = frozenset(
    {
        "engineer",
        "developer",
        "sde",
        "swe",
        "sdet",
        "programmer",
        "architect",
        "cto",
        "sdm",
        "engineering",
        "development",
    }
)
PROJECT_WORDS = frozenset({"project", "projects", "program", "programs", "programme", "pmo"})
# The nouns that name a role's holder ("manager", "lead"): a project word before one makes the
# role a project's ("Project Manager Product Management"), and words around one are read as
# qualifying a role (the head of an unspaced title; a word no language file reads beside it).
ROLE_NOUNS = frozenset({"manager", "owner", "lead", "leader", "head", "director", "coordinator", "officer"})
# The small words that join a noun to its complement in the languages read, as the tokenizer
# leaves them ("Diseño de Producto", "Assistant to the Director", "Estágio em Design").
JOINING_WORDS = frozenset({"of", "to", "the", "de", "del", "do", "da", "di", "du", "des", "al", "en", "em"})
# Other jobs: a title naming one is about that job, with "product" as its area.
OTHER_ROLES = frozenset(
    {
        "analyst",
        "analysts",
        "business-analyst",
        "engineer",
        "developer",
        "designer",
        "scientist",
        "consultant",
        "architect",
        "marketer",
        "accountant",
        "recruiter",
        "researcher",
        "tester",
        "writer",
        "trainer",
        "trainers",
        "planner",
        "planners",
        "chief-of-staff",
    }
)
# A chief product officer's initials: alone after a leader's title they name the role
# ("Product Director (CPO)"); CPTO is the chief product and technology officer, whom the
# ladders read as the chief product officer.
CHIEF_INITIALS = frozenset({"cpo", "cpto"})
# Leaders of a function: "Head of Product <area>" names the head of product, whatever the area.
LEADER_WORDS = frozenset(
    {"head", "director", "senior-director", "associate-director", "vp", "svp", "evp", "avp", "gm"}
)
# A rank in a segment of its own, before or after the role ("Senior Associate, Card Product
# Manager" at a bank): a corporate rank, where "Senior Associate Product Manager" is an APM.
SEGMENT_RANKS_EITHER_ORDER = frozenset({"senior-associate"})
# Numbered grades on a rung (one convention for "PM 2", "PM-II", "Product Manager III"): grades 1
# to 3 stay on the rung (1 may sit one level lower, 3 one level higher); 4 and up read as the next
# rung. A company ladder may give its own grades as aliases or level codes.
GRADE_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
GRADE_NEXT = {
    "associate-product-manager": "product-manager",
    "product-manager": "senior-product-manager",
    "associate-product-owner": "product-owner",
    "product-owner": "senior-product-owner",
}
# A company or ladder level code written in a title ("L6", "IC4", "SDE2", "PM3"): a grade part.
LEVEL_CODE = re.compile(r"^(?:l|ic|e|p|m|t|sde|pm)[0-9]{1,2}$")
IMPLIED_WINS_OVER = frozenset({"senior", "junior", "lead", "associate", "assistant"})
# Seniority words a role's next segment may hold alone as its level tag ("Product Manager
# (Senior)", "Product Owner - Junior", "プロダクトマネージャー（シニア）"); corporate ranks after a
# role are a bank's rank, not its level, and stay out.
LEVEL_TAGS = frozenset({"senior", "junior", "lead"})
FILLER = frozenset({"of", "the", "and", "&", "/", "a", "an", "to"})
# Gender tags ("(m/w/d)", "(H/F)", "(f/m/x)"), years and level words: never a team.
TAG_WORDS = frozenset(
    {"m", "f", "w", "d", "x", "h", "all", "genders", "years", "yrs", "band", "grade", "level", "job"}
)


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
        ("programm",),
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
        | frozenset({"programmer", "architect", "devops"}),
        (),
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
        (),
    ),
    ("quality assurance", frozenset({"quality", "qa", "qc", "test", "tester", "testing", "auditor"}), ()),
    (
        "sales and business development",
        frozenset({"sales", "account", "accounts", "presales", "bd", "dealer", "distributor", "channel"}),
        (),
    ),
    ("customer support", frozenset({"support", "success", "service", "services", "helpdesk"}), ()),
    (
        "buying, category and operations",
        frozenset({"operations", "ops", "operation", "supply", "logistics", "procurement", "purchasing"})
        | frozenset({"buyer", "category", "merchandising", "merchandiser", "sourcing", "einkauf"}),
        (),
    ),
    (
        "content and training",
        frozenset({"content", "training", "trainer", "writer", "editor", "catalog"}),
        (),
    ),
    (
        "a specialist role (sales, support or training)",
        frozenset({"specialist", "specialists", "senior-specialist", "demonstrator"}),
        (),
    ),
    ("finance and control", frozenset({"finance", "controller", "control", "accountant", "audit"}), ()),
)

# Words naming a bank's or insurer's product: a "Product Manager - Home Loans" owns a financial
# product (its pricing, terms and sales), which the labeling keeps as a product role but which
# is often not software product management. Read, flagged, at a lower confidence.
FINANCIAL_PRODUCTS: frozenset[str] = frozenset(
    {"loan", "loans", "mortgage", "mortgages", "lending", "deposits", "deposit", "casa", "insurance"}
    | {"cards", "card", "forex", "remittance", "remittances", "liabilities", "wealth", "annuities"}
    | {"credit", "overdraft", "microfinance", "leasing", "banking"}
)
#: The look-alike family of a product manager of a financial product.
FINANCIAL_FAMILY = "financial product management (a bank's or insurer's product, not software)"

#: The family of a "product manager" of medicines or consumer goods: brand management.
BRAND_FAMILY = "brand management (a brand or therapy area, not a software product)"

# Abbreviations that stand for more than one role: what each may mean, to say instead.
AMBIGUOUS_ABBREVIATIONS: dict[str, str] = {
    "tpm": "Technical Product Manager or Technical Program Manager",
}
