"""Where a title names its role: the product-management phrase (the anchor) of a read title.

The normalizer finds, in a title's segments (:mod:`titlemap.tokens`), the first phrase that
names product management ("Product Manager", "Head of Product", "PM") and the kind of role it
names; the look-alike phrases met on the way ("Product Marketing", "Specialista di prodotto")
are reported, so that a title naming only those is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from .text import fold
from .tokens import Segment
from .vocabulary import (
    ABBREV_ANCHORS,
    ABBREV_BAD_BEFORE,
    ABBREV_BAD_NEXT,
    AFTER_PRODUCT_KIND,
    JOINING_WORDS,
    LEADER_WORDS,
    LOOKALIKE_PEOPLE,
    NOT_PRODUCT_AFTER,
    NOT_PRODUCT_BEFORE,
    RANK_WORDS,
    SERVES_THE_ROLE,
    SPECIALIZATIONS,
)

__all__ = [
    "ANCHOR_WORDS",
    "CONJUNCTS",
    "Anchor",
    "assists_a_leader",
    "find_anchor",
    "initials_stand_for",
    "spelled_out",
]

CONJUNCTS = frozenset({"&", "and", "/"})


class Anchor:
    """Where the product-management phrase of a title is, and what kind it is.

    Internal, built per title: a plain slotted class, which is defined at import in a fraction
    of a dataclass's time."""

    __slots__ = ("abbreviation", "end", "implied_rank", "kind", "phrase", "pos", "seg", "strength", "typo")

    def __init__(
        self,
        seg: int,
        pos: int,
        end: int,
        kind: str,  # manager | owner | function | bare | lead | head | director | cpo | alias | engineer
        strength: float,
        implied_rank: str | None = None,
        typo: bool = False,
        abbreviation: bool = False,
        phrase: str = "",
    ) -> None:
        self.seg, self.pos, self.end, self.kind, self.strength = seg, pos, end, kind, strength
        self.implied_rank, self.typo, self.abbreviation, self.phrase = (
            implied_rank,
            typo,
            abbreviation,
            phrase,
        )


# The words an anchor starts with: "product" and the abbreviations that are anchors alone.
ANCHOR_WORDS = frozenset({"product"}) | frozenset(ABBREV_ANCHORS)


def find_anchor(segs: list[Segment]) -> tuple[Anchor | None, bool]:
    """The first product-management phrase, and whether a look-alike phrase was seen."""
    negative = False
    weak: Anchor | None = None
    for si, seg in enumerate(segs):
        canon = seg.words
        if ANCHOR_WORDS.isdisjoint(canon):  # most segments ("Payments", "Bangalore") hold none
            continue
        n = len(canon)
        for i, c in enumerate(canon):
            if c == "product":
                prev = canon[i - 1] if i else None
                nxt = canon[i + 1] if i + 1 < n else None
                if prev in NOT_PRODUCT_BEFORE:
                    negative = True
                    continue
                typo = seg.tokens[i].typo or (nxt is not None and seg.tokens[i + 1].typo)
                if prev == "chief":
                    if nxt == "owner":  # "Chief Product Owner": a scaled-Scrum coordinator of POs
                        return Anchor(
                            si, i - 1, i + 2, "owner", 0.95, "chief", typo, phrase=_text(seg, i - 1, i + 2)
                        ), negative
                    return Anchor(
                        si, i - 1, i + 1, "cpo", 0.95, "cpo", typo, phrase=_text(seg, i - 1, i + 1)
                    ), negative
                if nxt == "officer" and "chief" in canon[:i]:
                    # "Chief Technology & Product Officer": a chief officer of product among others
                    return Anchor(
                        si, i, i + 2, "cpo", 0.95, "cpo", typo, phrase=_text(seg, i, i + 2)
                    ), negative
                kind = AFTER_PRODUCT_KIND.get(nxt) if nxt is not None else None
                if kind is not None:
                    # "Product Associate": the second word is a rank, not part of the anchor
                    end = i + 1 if nxt == "associate" else i + 2
                    if end == n - 1 and (
                        canon[end] in SERVES_THE_ROLE or (kind == "lead" and canon[end] in LOOKALIKE_PEOPLE)
                    ):
                        # "Product Lead Engineer": a lead engineer on the product (but "Product
                        # Lead Developer Tools" leads a product for developers); "Product Manager
                        # Recruiter", "Product Owner Coach": a job serving the role
                        negative = True
                        continue
                    return Anchor(si, i, end, kind, 0.95, None, typo, phrase=_text(seg, i, end)), negative
                if nxt in NOT_PRODUCT_AFTER:
                    negative = True
                    continue
                if nxt in SPECIALIZATIONS:  # "Head Product Growth": skip one area word
                    nxt = canon[i + 2] if i + 2 < n else None
                # "Head of Product Leisure Travel", "Director Product CVM": a leader of product,
                # whatever area follows (a look-alike such as marketing was refused above)
                leader = canon[i - 2] if prev == "of" and i >= 2 else prev
                if _job_before(canon, i):
                    negative = True  # "Specialista di prodotto": the job before the product it is on
                    continue
                if _function_before(canon, i):
                    negative = True  # "Practicante de Diseño de Producto", "Stage design produit"
                    continue
                if weak is None and (
                    nxt is None or nxt in ("&", "and", "/") or nxt in RANK_WORDS or leader in LEADER_WORDS
                ):
                    weak = Anchor(si, i, i + 1, "bare", 0.8, None, typo, phrase=_text(seg, i, i + 1))
                continue
            abbrev = ABBREV_ANCHORS.get(c)
            if abbrev is not None:
                nxt = canon[i + 1] if i + 1 < n else None
                if nxt in ABBREV_BAD_NEXT or (i and canon[i - 1] in ABBREV_BAD_BEFORE):
                    continue
                kind, implied = abbrev
                return Anchor(
                    si, i, i + 1, kind, 0.85, implied, abbreviation=True, phrase=seg.tokens[i].text
                ), negative
    return weak, negative


def spelled_out(segs: list[Segment], abbreviation: Anchor) -> Anchor | None:
    """ "PM (Product Manager)": an abbreviation alone in its segment, spelled out in a later
    one, where the abbreviation alone names another job. The spelled-out anchor, with the
    abbreviation's segment removed from ``segs`` (it is not a team), or None."""
    if len(segs[abbreviation.seg].words) != 1:
        return None
    spelled = find_anchor(segs[abbreviation.seg + 1 :])[0]
    if spelled is None or spelled.abbreviation:
        return None
    del segs[abbreviation.seg]
    spelled.seg += abbreviation.seg  # built for this title alone: moved in place
    return spelled


def initials_stand_for(segs: Sequence[Segment], i: int) -> str | None:
    """The title an abbreviation alone in segment ``i`` stands for, when it is the initials of
    the segment before ("Chief People Officer (CPO)", "Project Manager (PM)") or of the segment
    after ("CPO (Chief People Officer)"), a title with no product in it; else None."""
    if len(segs[i].words) != 1:
        return None
    letters = fold(segs[i].tokens[0].text)
    for j in (i - 1, i + 1):
        if 0 <= j < len(segs) and "product" not in segs[j].words:
            initials = fold("".join(word[0] for word in segs[j].text.split() if word[:1].isalpha()))
            if initials.endswith(letters) if j < i else initials == letters:
                return segs[j].text
    return None


def assists_a_leader(segs: list[Segment]) -> bool:
    """Whether an assistant word is followed, after "to the" or its like, by a leader's word:
    an assistant to a director or head ("Assistant to the Head of Product", "Assistente de
    Diretor de Produto"), not a junior product role ("Asistente de Product Manager")."""
    for seg in segs:
        words = seg.words
        for i, word in enumerate(words):
            if word != "assistant":
                continue
            j = i + 1
            while j < len(words) and words[j] in JOINING_WORDS:
                j += 1
            if i + 1 < j < len(words) and (words[j] in LEADER_WORDS or words[j] == "chief"):
                return True
    return False


# Functions whose work a bare "product" after them is the object of: product design, quality,
# analysis, testing ("Analytics Product", "Support Product" name products for those functions).
_FUNCTIONS_ON_PRODUCT = frozenset({"design", "quality", "analysis", "testing"})


def _function_before(canon: tuple[str, ...], i: int) -> bool:
    """Whether a function's word stands right before the product at ``canon[i]`` (after a joining
    word, if any), with nothing after the product: the product is that function's object, as in
    "Diseño de Producto" (product design) or "Stage design produit", not a role."""
    if i + 1 < len(canon) and canon[i + 1] not in CONJUNCTS:
        return False
    j = i - 1 if i and canon[i - 1] not in JOINING_WORDS else i - 2
    return j >= 0 and canon[j] in _FUNCTIONS_ON_PRODUCT


def _job_before(canon: tuple[str, ...], i: int) -> bool:
    """Whether a look-alike job stands before the product at ``canon[i]`` as its head noun, with
    only the words that qualify the product between them ("Specialista di prodotto",
    "Specialista karetních produktů", "Specialist Products"): no role, rank or conjunction
    ("Strategist and Head of Product", "Expert Head of Product" lead a product)."""
    for j in range(i - 1, -1, -1):
        word = canon[j]
        if word in LOOKALIKE_PEOPLE:
            return True
        if word in CONJUNCTS or word in RANK_WORDS or word in LEADER_WORDS or word in AFTER_PRODUCT_KIND:
            return False
    return False


def _text(seg: Segment, start: int, end: int) -> str:
    """The words of a segment as written ("Produktmanager" read as product and manager is one)."""
    if end - start == 2:  # the common case, without building a dict
        first, second = seg.tokens[start].text, seg.tokens[start + 1].text
        return first if first == second else f"{first} {second}"
    return " ".join(dict.fromkeys(t.text for t in seg.tokens[start:end]))
