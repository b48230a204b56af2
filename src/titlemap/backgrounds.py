"""A person's background as recruiters' files write it: a degree, a major, an institute, a function.

:func:`read_background` reads a cell as one of the backgrounds crosswalk rules condition on
(:data:`BACKGROUND_NAMES`, those of :class:`~titlemap.Profile`): ``"CS"``, ``"B.Tech CSE"`` and
``"IIT + IIM"`` are engineering, ``"MBA"`` business, ``"Pharma marketing"`` marketing,
``"Non-tech"`` other. The words are data of this module; a cell it cannot place is refused with
``ValueError`` (the per-row readers turn that into a note, never an error).
"""

from __future__ import annotations

import re

from .cells import is_blank, kind_of
from .records import BACKGROUNDS

__all__ = ["BACKGROUND_NAMES", "MAX_BACKGROUND_CHARS", "read_background"]


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


#: The backgrounds :func:`read_background` answers with (those of :class:`~titlemap.Profile`).
BACKGROUND_NAMES: tuple[str, ...] = BACKGROUNDS
# Words and phrases (lowercase, dots dropped, hyphens as spaces) and the background they name:
# degrees, majors, institutes, functions. A phrase is looked up whole first, then its two-word
# and one-word pieces from the right, because English puts the head last ("pharma marketing",
# "tech sales", "b tech cse").
_BACKGROUND_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "engineering",
            "engineer",
            "engineers",
            "software",
            "swe",
            "sde",
            "sdet",
            "developer",
            "developers",
            "dev",
            "development",
            "programmer",
            "programming",
            "coder",
            "coding",
            "tech",
            "technical",
            "technology",
            "technologist",
            "it",
            "cs",
            "cse",
            "ece",
            "eee",
            "ee",
            "mech",
            "mechanical",
            "electrical",
            "electronics",
            "civil",
            "btech",
            "be",
            "mtech",
            "me",
            "bsc",
            "msc",
            "mca",
            "bca",
            "iit",
            "iits",
            "nit",
            "nits",
            "bits",
            "iiit",
            "qa",
            "testing",
            "devops",
            "sre",
            "backend",
            "frontend",
            "fullstack",
            "architect",
            "firmware",
            "embedded",
            "hardware",
        ],
        "engineering",
    ),
    **dict.fromkeys(
        ["design", "designer", "designers", "ux", "ui", "uiux", "hci", "nid", "interaction", "visual"],
        "design",
    ),
    **dict.fromkeys(
        [
            "data",
            "analytics",
            "analyst",
            "analysts",
            "statistics",
            "stats",
            "statistician",
            "ml",
            "ai",
            "bi",
            "quant",
            "quantitative",
            "mathematics",
            "maths",
            "math",
            "scientist",
        ],
        "data",
    ),
    **dict.fromkeys(
        [
            "business",
            "mba",
            "iim",
            "iims",
            "isb",
            "xlri",
            "pgdm",
            "pgp",
            "bba",
            "bcom",
            "mcom",
            "commerce",
            "finance",
            "accounting",
            "accountant",
            "ca",
            "cfa",
            "economics",
            "economist",
            "strategy",
            "management",
            "insead",
            "wharton",
        ],
        "business",
    ),
    **dict.fromkeys(
        ["consulting", "consultant", "consultants", "consultancy", "mckinsey", "bcg", "bain"], "consulting"
    ),
    **dict.fromkeys(["sales", "bd", "presales", "partnerships"], "sales"),
    **dict.fromkeys(
        [
            "marketing",
            "marketer",
            "growth",
            "brand",
            "branding",
            "advertising",
            "communications",
            "pr",
            "content",
            "seo",
        ],
        "marketing",
    ),
    **dict.fromkeys(["operations", "ops", "support", "logistics", "procurement"], "operations"),
    **dict.fromkeys(["product", "pm", "apm", "po"], "product"),
    **dict.fromkeys(
        [
            "other",
            "arts",
            "humanities",
            "law",
            "llb",
            "lawyer",
            "legal",
            "medicine",
            "mbbs",
            "doctor",
            "pharmacy",
            "pharma",
            "hr",
            "teaching",
            "teacher",
            "journalism",
        ],
        "other",
    ),
}
_BACKGROUND_PHRASES: dict[str, str] = {
    "computer science": "engineering",
    "computer engineering": "engineering",
    "information technology": "engineering",
    "full stack": "engineering",
    "tech lead": "engineering",
    "engineering management": "engineering",
    "data engineering": "engineering",
    "data science": "data",
    "data scientist": "data",
    "machine learning": "data",
    "business intelligence": "data",
    "business analyst": "data",
    "ux design": "design",
    "product design": "design",
    "graphic design": "design",
    "general management": "business",
    "chartered accountant": "business",
    "management consulting": "consulting",
    "business development": "sales",
    "account management": "sales",
    "account executive": "sales",
    "key accounts": "sales",
    "customer success": "operations",
    "customer support": "operations",
    "supply chain": "operations",
    "program management": "operations",
    "project management": "operations",
    "product management": "product",
    "product owner": "product",
    "product manager": "product",
    "product marketing": "marketing",
    "human resources": "other",
}
# Several backgrounds in one cell: "IIT + IIM", "B.Tech, MBA", "UI/UX", "Sales & Marketing".
_BACKGROUND_PARTS = re.compile(r"[+/&,;|]|\band\b|\bwith\b|\bthen\b")
_BACKGROUND_FILLER = frozenset(
    {"in", "of", "the", "a", "degree", "background", "graduate", "grad", "from", "at"}
)
MAX_BACKGROUND_CHARS = 200
"""The longest background cell read, in characters; a longer one is not a background."""


def read_background(value: object) -> str | None:
    """A background as people write it, one of :data:`BACKGROUND_NAMES`; None for a blank cell.

    Degrees, majors, institutes and functions are read (``"CS"``, ``"Computer Science"``,
    ``"B.Tech CSE"``, ``"MBA"``, ``"Pharma marketing"``); a cell that says it is not technical
    (``"Non-tech"``) is ``"other"``. A cell naming several (``"IIT + IIM"``, ``"B.Tech, MBA"``)
    reads as engineering when one of them is, else as the first one read.

    >>> read_background("B.Tech CSE"), read_background("IIT + IIM"), read_background("Non-tech")
    ('engineering', 'engineering', 'other')

    Raises:
        ValueError: for a background it cannot place, naming the accepted ones.
    """
    if is_blank(value):
        return None
    if not isinstance(value, str):
        raise ValueError(f"{kind_of(value)} is not a background (write e.g. engineering or MBA)")
    text = " ".join(value.lower().replace(".", "").replace("_", " ").split())
    if len(text) > MAX_BACKGROUND_CHARS:
        raise ValueError(f"{_show(value)} is too long for a background")
    found = [b for b in (_one_background(part) for part in _BACKGROUND_PARTS.split(text)) if b is not None]
    if not found:
        raise ValueError(
            f"{_show(value)} is not a background titlemap reads; use one of {', '.join(BACKGROUND_NAMES)}"
        )
    return "engineering" if "engineering" in found else found[0]


def _one_background(part: str) -> str | None:
    words = [w for w in re.split(r"[\s()\[\]\-:]+", part) if w and w not in _BACKGROUND_FILLER]
    if not words:
        return None
    if words[0] in ("non", "no", "not"):  # "non-tech", "non technical", "no engineering"
        return "other"
    whole = " ".join(words)
    if whole in _BACKGROUND_PHRASES or whole in BACKGROUND_NAMES:
        return _BACKGROUND_PHRASES.get(whole, whole)
    for i in range(len(words) - 1, 0, -1):
        found = _BACKGROUND_PHRASES.get(f"{words[i - 1]} {words[i]}")
        if found is not None:
            return found
    for word in reversed(words):
        found = _BACKGROUND_WORDS.get(word)
        if found is not None:
            return found
    return None
