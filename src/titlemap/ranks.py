"""The rank words that set a read title's level, and the other words around its anchor.

Given the anchor (:mod:`titlemap.anchors`), these read which rank words apply to it (those of its
own segment first, then of the segments before it), a level tag or ranked abbreviation in the
next segment, a corporate rank beside the role, an internship, and a function whose manager a
bare "product" only names as its goods ("Sales Manager - IT Products").
"""

from __future__ import annotations

from collections.abc import Mapping as MappingType
from collections.abc import Sequence

from .anchors import CONJUNCTS, Anchor, initials_stand_for
from .tokens import Segment, Token
from .vocabulary import (
    ABBREV_ANCHORS,
    CORPORATE_RANKS,
    ENGINEERING_RANKS,
    LEVEL_TAGS,
    LOOKALIKE_PEOPLE,
    NOT_PRODUCT_AFTER,
    PRODUCT_RANKS,
    RANK_WORDS,
    SEGMENT_RANKS,
    SEGMENT_RANKS_EITHER_ORDER,
)

__all__ = [
    "ANY_RANK",
    "ENGINEERING_PRIORITY",
    "INTERN_WORDS",
    "PRODUCT_PRIORITY",
    "after_anchor",
    "corporate_rank",
    "intern_word",
    "level_after",
    "names_intern",
    "pick",
    "rank_scope",
    "sells_the_product",
]


def _priorities(table: Sequence[tuple[str, str]]) -> dict[str, tuple[int, str]]:
    """A rank table (highest priority first) as word -> (priority, concept); a word listed
    twice keeps its first place."""
    out: dict[str, tuple[int, str]] = {}
    for i, (word, concept) in enumerate(table):
        out.setdefault(word, (i, concept))
    return out


PRODUCT_PRIORITY = _priorities(PRODUCT_RANKS)
ENGINEERING_PRIORITY = _priorities(ENGINEERING_RANKS)
#: The words that make a title an internship.
INTERN_WORDS = frozenset({"intern", "trainee"})
_ROLE_ENDS = frozenset({"manager", "lead", "head"})


def rank_scope(segs: list[Segment], anchor: Anchor) -> tuple[list[Token], bool]:
    """Rank tokens that apply to the anchor, and whether they came from another segment."""
    seg = segs[anchor.seg]
    tokens = seg.tokens
    # "VP, Product & India Site Head", "Principal PM/JV General Manager": a conjunct or an
    # alternative after the anchor is another role's
    stop = len(tokens)
    if not CONJUNCTS.isdisjoint(seg.words):
        stop = next((j for j in range(anchor.end, len(tokens)) if tokens[j].canon in CONJUNCTS), stop)
    if not RANK_WORDS.isdisjoint(seg.words):  # most segments without a rank are passed over at once
        own = [
            t
            for j, t in enumerate(tokens[:stop])
            if t.canon in RANK_WORDS and not anchor.pos <= j < anchor.end and _ranks_here(tokens, j, anchor)
        ]
        if own:
            return own, False
    for si in range(anchor.seg - 1, -1, -1):
        if RANK_WORDS.isdisjoint(segs[si].words):
            continue
        found = [t for t in segs[si].tokens if t.canon in RANK_WORDS]
        if found == [segs[si].tokens[0]] and found[0].canon == "associate" and si < anchor.seg - 1:
            continue  # "Associate, Firmwide Control - Product Owner": a bank's corporate rank
        if si and initials_stand_for(segs, si) is not None:
            continue  # "Sales Representative (SR)": the letters are the title's before them
        if found:
            return found, True
    if anchor.kind == "bare" and stop == anchor.end and tokens[-1].canon in _ROLE_ENDS:
        return [tokens[-1]], False  # "Product & GTM Manager": both share the role word
    if anchor.kind in ("function", "bare"):
        for si in range(anchor.seg + 1, len(segs)):
            found = [t for t in segs[si].tokens if t.canon in RANK_WORDS]
            if found:
                return found, True
    return [], False


def after_anchor(segs: list[Segment], anchor: Anchor, ranks: Sequence[Token]) -> bool:
    """Whether every rank token comes after the anchor in the anchor's segment."""
    tokens = segs[anchor.seg].tokens
    return all(any(tokens[j] is t for j in range(anchor.end, len(tokens))) for t in ranks)


# The functions whose managers a bare "product" names as their goods, not their role.
_SELLING = frozenset({"sales", "marketing"})
# Look-alike functions (not people: "Expert Head of Product" leads a product).
_FUNCTIONS = (NOT_PRODUCT_AFTER - LOOKALIKE_PEOPLE) | {"account", "accounts", "presales"}


def sells_the_product(segs: list[Segment], anchor: Anchor, ranks: Sequence[Token]) -> bool:
    """Whether a bare "product" is what another function's manager works on: a look-alike
    function's word right before the rank word ("Sales Manager - IT Products", "Marketing Head,
    Products"), or selling or marketing in the words that lead to the product, in its segment
    or the ones before ("Manager, Sales of Products", "Director, Sales - Digital Products"; but
    "Head of Engineering & Product" leads both)."""
    for seg in segs[: anchor.seg + 1]:
        tokens = seg.tokens
        for j in range(len(tokens) - 1):
            if tokens[j].canon in _FUNCTIONS and any(tokens[j + 1] is t for t in ranks):
                return True
    before = [w for seg in segs[: anchor.seg] for w in seg.words]
    before += segs[anchor.seg].words[: anchor.pos]
    for word in reversed(before):
        if word in CONJUNCTS or word in RANK_WORDS:
            return False
        if word in _SELLING:
            return True
    return False


def names_intern(seg: Segment, anchor: Anchor) -> bool:
    """Whether the anchor is followed by "intern"/"trainee" ("Product Management Intern": a
    whole role, whatever else the title says)."""
    return anchor.end < len(seg.words) and seg.words[anchor.end] in INTERN_WORDS


def level_after(seg: Segment, anchor: Anchor) -> list[Token]:
    """The level a role's next segment gives when it is a level tag alone ("Product Manager
    (Senior)") or first of alternatives ("Product Owner (Senior/Team Leader)"), or, for a
    manager, a ranked abbreviation alone ("Product Manager - SPM"): its implied rank as a token
    written as the abbreviation."""
    if seg.words[0] in LEVEL_TAGS and (len(seg.tokens) == 1 or seg.words[1] == "/"):
        return [seg.tokens[0]]
    if len(seg.tokens) != 1:
        return []
    kind, implied = ABBREV_ANCHORS.get(seg.words[0], (None, None))
    return [Token(implied, seg.tokens[0].text)] if anchor.kind == kind == "manager" and implied else []


def _ranks_here(tokens: Sequence[Token], j: int, anchor: Anchor) -> bool:
    """Whether the rank word at ``j`` ranks the anchor: "Staff" only before the role ("Staff
    PM"; "Product Management Staff" are the function's employees), and "Partner" only right
    before it ("Partner Product Manager", "Partner Group PM"), not as a team ("Partner
    Enablement PM")."""
    canon = tokens[j].canon
    if canon == "staff":
        return j < anchor.pos
    if canon != "partner":
        return True
    k = j + 1
    while k < anchor.pos and tokens[k].canon in ("group", "director", "principal", "senior"):
        k += 1
    return k == anchor.pos


def pick(ranks: Sequence[Token], table: MappingType[str, tuple[int, str]]) -> tuple[str | None, Token | None]:
    """The concept of the highest-priority rank word present (the first token of that word),
    from a table built by :func:`_priorities`."""
    best: tuple[int, str] | None = None
    token = None
    for t in ranks:
        found = table.get(t.canon)
        if found is not None and (best is None or found[0] < best[0]):
            best, token = found, t
    return (None, None) if best is None else (best[1], token)


ANY_RANK = frozenset(CORPORATE_RANKS) | frozenset(SEGMENT_RANKS) | SEGMENT_RANKS_EITHER_ORDER


def intern_word(segs: list[Segment], words: Sequence[str]) -> Token | None:
    """The intern or trainee word of the title, if any ("Intern Conversion" is a job for
    interns who convert, not an internship); a title that starts with "Student" before its role
    or rank is a student position, read as an internship ("Student Associate Product Manager";
    "Student Experience Product Manager" works on a product for students)."""
    if len(words) > 1 and words[0] == "student" and (words[1] in RANK_WORDS or words[1] == "product"):
        return Token("intern", segs[0].tokens[0].text)
    if "intern" not in words and "trainee" not in words:
        return None
    for seg in segs:
        for j, tok in enumerate(seg.tokens):
            if tok.canon in INTERN_WORDS:
                following = seg.words[j + 1] if j + 1 < len(seg.words) else None
                if following not in ("conversion", "conversions"):
                    return tok
    return None


def corporate_rank(segs: list[Segment], anchor: Anchor) -> Token | None:
    """A corporate rank word beside the role: AVP/VP/SVP/EVP/ED/MD anywhere but in the anchor,
    Director-type words only in another segment, and before a manager's title only for a Product
    Owner ("Director - Product Owner"; "Senior Director, Innovation Product Manager" is a
    director's title)."""
    for si, seg in enumerate(segs):
        for j, tok in enumerate(seg.tokens):
            if si == anchor.seg and anchor.pos <= j < anchor.end:
                continue
            after = si > anchor.seg or (si < anchor.seg and anchor.kind == "owner")
            either = si != anchor.seg and tok.canon in SEGMENT_RANKS_EITHER_ORDER
            corporate = tok.canon in CORPORATE_RANKS or either or (after and tok.canon in SEGMENT_RANKS)
            if corporate and (anchor.kind in ("manager", "owner") or si != anchor.seg):
                return tok
    return None
