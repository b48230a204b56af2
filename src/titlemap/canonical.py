"""The canonical rungs: the closed list of rung ids that titles are read into.

The normalizer reads a title as one of these ids ("Sr. PM" -> ``senior-product-manager``), then
the ladder it reads in resolves the id to one of its own rungs (:meth:`titlemap.Ladder.resolve`):
the rung with that id, else a rung that names it as its ``canonical:`` rung, else the rung
nearest to the id's default position on the spine. Bundled market ladders use these ids and
titles for their rungs; the default positions below only matter for a ladder that lacks a rung.

The product list is the closed list of concept titles every reading is grouped by (its
``canonical_title``: "Senior Product Manager", "Head of Product", "Product Owner"...); the
engineering list is the market-neutral engineering ladder used to read people's title history.
"""

from __future__ import annotations

from dataclasses import dataclass

from .spine import Track

__all__ = ["CANONICAL_RUNGS", "FINER_RUNGS", "FINER_TITLES", "OWNER_LINE", "CanonicalRung", "canonical_rung"]


@dataclass(frozen=True, slots=True)
class CanonicalRung:
    """A canonical rung: its id, its English title and its default place on the level spine."""

    id: str
    title: str
    level: int
    track: Track
    family: str = "product"


_PRODUCT: tuple[tuple[str, str, int, Track], ...] = (
    ("product-management-intern", "Product Management Intern", 0, "ic"),
    ("associate-product-manager", "Associate Product Manager", 1, "ic"),
    ("associate-product-owner", "Associate Product Owner", 1, "ic"),
    ("product-manager", "Product Manager", 2, "ic"),
    ("product-owner", "Product Owner", 2, "ic"),
    ("senior-product-owner", "Senior Product Owner", 3, "ic"),
    ("senior-product-manager", "Senior Product Manager", 3, "ic"),
    ("lead-product-manager", "Lead Product Manager", 4, "ic"),
    ("staff-product-manager", "Staff Product Manager", 5, "ic"),
    ("group-product-manager", "Group Product Manager", 5, "manager"),
    ("principal-product-manager", "Principal Product Manager", 6, "ic"),
    ("associate-director-of-product", "Associate Director of Product", 6, "manager"),
    ("director-of-product", "Director of Product", 7, "manager"),
    ("senior-director-of-product", "Senior Director of Product", 8, "manager"),
    ("head-of-product", "Head of Product", 8, "manager"),
    ("associate-vice-president-of-product", "Associate Vice President of Product", 9, "executive"),
    ("vice-president-of-product", "Vice President of Product", 10, "executive"),
    ("senior-vice-president-of-product", "Senior Vice President of Product", 11, "executive"),
    ("chief-product-officer", "Chief Product Officer", 12, "executive"),
)
_ENGINEERING: tuple[tuple[str, str, int, Track], ...] = (
    ("software-engineering-intern", "Software Engineering Intern", 0, "ic"),
    ("software-engineer", "Software Engineer", 1, "ic"),
    ("software-engineer-ii", "Software Engineer II", 2, "ic"),
    ("senior-software-engineer", "Senior Software Engineer", 3, "ic"),
    ("tech-lead", "Tech Lead", 4, "ic"),
    ("staff-engineer", "Staff Engineer", 5, "ic"),
    ("engineering-manager", "Engineering Manager", 5, "manager"),
    ("principal-engineer", "Principal Engineer", 6, "ic"),
    ("senior-engineering-manager", "Senior Engineering Manager", 6, "manager"),
    ("director-of-engineering", "Director of Engineering", 7, "manager"),
    ("vice-president-of-engineering", "Vice President of Engineering", 10, "executive"),
    ("chief-technology-officer", "Chief Technology Officer", 12, "executive"),
)

#: Every canonical rung by id.
CANONICAL_RUNGS: dict[str, CanonicalRung] = {
    **{i: CanonicalRung(i, t, lv, tr, "product") for i, t, lv, tr in _PRODUCT},
    **{i: CanonicalRung(i, t, lv, tr, "engineering") for i, t, lv, tr in _ENGINEERING},
}


_FINER: tuple[tuple[str, str, str], ...] = (
    ("senior-staff-product-manager", "Senior Staff Product Manager", "staff-product-manager"),
    ("senior-principal-product-manager", "Senior Principal Product Manager", "principal-product-manager"),
    ("distinguished-product-manager", "Distinguished Product Manager", "principal-product-manager"),
    (
        "executive-vice-president-of-product",
        "Executive Vice President of Product",
        "senior-vice-president-of-product",
    ),
    ("chief-product-owner", "Chief Product Owner", "senior-product-owner"),
    ("product-lead", "Product Lead", "lead-product-manager"),
    ("distinguished-engineer", "Distinguished Engineer", "principal-engineer"),
)

#: Finer ranks the normalizer reads (ids a ladder may define as rungs of their own, with a
#: ``canonical:`` pointer), and the canonical rung each reads as where a ladder has no such rung.
FINER_RUNGS: dict[str, str] = {i: coarse for i, _, coarse in _FINER}

#: The English title of each finer rank, for explanations that name a rank a ladder lacks.
FINER_TITLES: dict[str, str] = {i: title for i, title, _ in _FINER}


def canonical_rung(rung_id: str) -> CanonicalRung | None:
    """The canonical rung with this id, or None.

    >>> canonical_rung("senior-product-manager").title
    'Senior Product Manager'
    """
    return CANONICAL_RUNGS.get(rung_id)


#: The Product Owner line of canonical rungs; mapping prefers to stay on a title's own line
#: (an AVP at a bank's level 3 is a Senior Product Manager, not a Senior Product Owner).
OWNER_LINE: frozenset[str] = frozenset({"associate-product-owner", "product-owner", "senior-product-owner"})
