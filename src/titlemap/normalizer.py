"""Read a messy job title as a rung of a ladder.

The normalizer is a fixed pipeline of named steps; read top to bottom, it is the algorithm:

1. ``_clean``: NFKC, invisible characters, company after ``@``/``at``, ``'s``.
2. ``_segments``: split on separators (``|``, ``,``, ``:``, brackets, spaced dashes and slashes).
3. ``_tokens``: words and their canonical forms (abbreviations, one-edit typos of long words,
   two-word phrases such as "vice president" -> ``vp``), "Senior/Principal" alternatives.
4. ``_find_anchor``: the product-management phrase the title is about ("product manager",
   "product owner", "product management", "PM", "Head of Product"), refusing look-alikes
   ("product marketing", "product designer") and project/program contexts.
5. ``_rank``: the words that set the level, read in the anchor's segment first, then in the
   segments before it (a later "..., Vice President" is a bank's corporate rank, not the role).
6. the canonical rung id is resolved in the ladder (:meth:`titlemap.Ladder.resolve`); the rest of
   the title becomes the match's parts (seniority, grade, specialization, team, location,
   employment).

A reading below :data:`MIN_CONFIDENCE` is not returned: no guessing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .ladder import Ladder
from .match import Match
from .models import Rung
from .text import clean, key_of_clean
from .vocabulary import (
    ABBREVIATIONS,
    BIGRAMS,
    CONTEXT_NOT_PRODUCT,
    EMPLOYMENT,
    GRADES,
    LOCATIONS,
    NOT_PRODUCT_AFTER,
    NOT_PRODUCT_BEFORE,
    RANK_WORDS,
    SPECIALIZATIONS,
    typo_variants,
)

__all__ = ["MAX_TITLE_CHARS", "MIN_CONFIDENCE", "Normalizer"]

MIN_CONFIDENCE = 0.5
# Titles are short; past this many characters the rest is description, not title.
MAX_TITLE_CHARS = 300

_COMPANY = re.compile(r"\s*(?:@|\bat\s+(?=[A-Z]))(.*)$")
_POSSESSIVE = re.compile(r"['’]s\b")
_SPLIT = re.compile(r"\s+[-–—~]+\s*|\s*[-–—~]+\s+|[–—|,;:()\[\]{}•·*!?\"+#]|\s+/\s+|\s+for\s+|\s+in\s+")
_TOKEN = re.compile(r"[^\W_]+\.?|/|&")
_LEVEL_CODE = re.compile(r"^(?:l|ic|e|p|m|t|sde|pm)[0-9]{1,2}$")
_YEARS = re.compile(r"^[0-9]+$")

# Rank word -> canonical rung id, highest priority first (the first present in scope wins).
_PRODUCT_RANKS: tuple[tuple[str, str], ...] = (
    ("cpo", "chief-product-officer"),
    ("chief", "chief-product-officer"),
    ("svp", "senior-vice-president-of-product"),
    ("avp", "associate-vice-president-of-product"),
    ("vp", "vice-president-of-product"),
    ("senior-director", "senior-director-of-product"),
    ("associate-director", "associate-director-of-product"),
    ("director", "director-of-product"),
    ("head", "head-of-product"),
    ("gm", "head-of-product"),
    ("dgm", "director-of-product"),
    ("agm", "associate-director-of-product"),
    ("group", "group-product-manager"),
    ("principal", "principal-product-manager"),
    ("staff", "staff-product-manager"),
    ("lead", "lead-product-manager"),
    ("associate", "associate-product-manager"),
    ("assistant", "associate-product-manager"),
    ("assistant-manager", "associate-product-manager"),
    ("junior", "associate-product-manager"),
    ("senior-manager", "senior-product-manager"),
    ("senior", "senior-product-manager"),
    ("deputy-manager", "product-manager"),
    ("specialist", "product-manager"),
    ("manager", "product-manager"),
)
_OWNER_RANKS: dict[str, str] = {
    **dict.fromkeys(
        ("senior", "lead", "principal", "staff", "head", "group", "senior-manager"), "senior-product-owner"
    ),
    **dict.fromkeys(("associate", "assistant", "junior", "assistant-manager"), "associate-product-owner"),
}
_ENGINEERING_RANKS: tuple[tuple[str, str], ...] = (
    ("cto", "chief-technology-officer"),
    ("vp", "vice-president-of-engineering"),
    ("svp", "vice-president-of-engineering"),
    ("senior-director", "director-of-engineering"),
    ("director", "director-of-engineering"),
    ("head", "director-of-engineering"),
    ("senior-manager", "senior-engineering-manager"),
    ("manager", "engineering-manager"),
    ("principal", "principal-engineer"),
    ("architect", "principal-engineer"),
    ("distinguished", "principal-engineer"),
    ("staff", "staff-engineer"),
    ("lead", "tech-lead"),
    ("senior", "senior-software-engineer"),
    ("junior", "software-engineer"),
    ("associate", "software-engineer"),
)
# Abbreviations that are anchors by themselves: (kind, implied rank).
_ABBREV_ANCHORS: dict[str, tuple[str, str | None]] = {
    "pm": ("manager", None),
    "pmt": ("manager", None),
    "apm": ("manager", "associate"),
    "gpm": ("manager", "group"),
    "spm": ("manager", "senior"),
    "po": ("owner", None),
    "apo": ("owner", "associate"),
    "cpo": ("cpo", "cpo"),
}
_ABBREV_BAD_NEXT = NOT_PRODUCT_AFTER | {"clerk", "executive", "processing", "box", "buyer", "desk"}
_AFTER_PRODUCT_KIND: dict[str, str] = {
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
    "officer": "cpo",
}
_ENGINEERING_NOUNS = frozenset(
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
_PROJECT_WORDS = frozenset({"project", "projects", "program", "programs", "programme", "pmo"})
_FILLER = frozenset({"of", "the", "and", "&", "/", "a", "an", "to"})


@dataclass(slots=True)
class _Token:
    canon: str
    text: str
    typo: bool = False


@dataclass(slots=True)
class _Segment:
    text: str
    tokens: list[_Token] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the tokens' canonical forms, computed once


@dataclass(slots=True)
class _Anchor:
    seg: int
    pos: int
    end: int
    kind: str  # manager | owner | function | bare | lead | head | director | cpo
    strength: float
    implied_rank: str | None = None
    typo: bool = False
    abbreviation: bool = False
    phrase: str = ""


@lru_cache(maxsize=1)
def _typos() -> dict[str, str]:
    return typo_variants()


_KNOWN = frozenset(ABBREVIATIONS) | frozenset(ABBREVIATIONS.values()) | RANK_WORDS | NOT_PRODUCT_AFTER


@lru_cache(maxsize=16_384)
def _canon(word: str) -> tuple[str, bool]:
    low = word.rstrip(".").lower()
    found = ABBREVIATIONS.get(low)
    if found is not None:
        return found, False
    if len(low) >= 5 and low not in _KNOWN and low.isalpha():
        fixed = _typos().get(low)
        if fixed is not None:
            return ABBREVIATIONS.get(fixed, fixed), True
    return low, False


def _tokens(segment: str) -> list[_Token]:
    out: list[_Token] = []
    for raw in _TOKEN.findall(segment):
        canon, typo = _canon(raw)
        tok = _Token(canon, raw, typo)
        out.append(tok)
        while len(out) >= 2:
            merged = BIGRAMS.get((out[-2].canon, out[-1].canon))
            if merged is None:
                break
            b = out.pop()
            a = out.pop()
            out.append(_Token(merged, f"{a.text} {b.text}", a.typo or b.typo))
    # "Senior/Principal": keep the first of two alternative ranks
    i = 1
    while "/" in segment and i < len(out) - 1:
        if out[i].canon == "/" and out[i - 1].canon in RANK_WORDS and out[i + 1].canon in RANK_WORDS:
            del out[i : i + 2]
        else:
            i += 1
    # "Member of Technical Staff" is boilerplate, not a Staff rank
    if not any(t.canon in ("member", "mts") for t in out):
        return out
    words = [t.canon for t in out]
    for phrase in (["member", "of", "technical", "staff"], ["mts"]):
        n = len(phrase)
        for j in range(len(words) - n, -1, -1):
            if words[j : j + n] == phrase:
                del out[j : j + n]
                del words[j : j + n]
    return out


def _split(title: str) -> tuple[list[_Segment], str | None]:
    company = None
    m = _COMPANY.search(title)
    if m and m.start() > 0:
        company = m.group(1).strip() or None
        title = title[: m.start()]
    title = _POSSESSIVE.sub("", title)
    segments = []
    for part in _SPLIT.split(title):
        part = part.strip(" -–—/.")
        if part:
            tokens = _tokens(part)
            segments.append(_Segment(part, tokens, [t.canon for t in tokens]))
    return [s for s in segments if s.tokens], company


def _has_rank(canon: Sequence[str]) -> bool:
    return any(c in RANK_WORDS for c in canon)


def _find_anchor(segs: list[_Segment]) -> tuple[_Anchor | None, bool]:
    """The first product-management phrase, and whether a look-alike phrase was seen."""
    negative = False
    weak: _Anchor | None = None
    for si, seg in enumerate(segs):
        canon = seg.words
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
                    return _Anchor(
                        si, i - 1, i + 1, "cpo", 0.95, "cpo", typo, phrase="chief product"
                    ), negative
                kind = _AFTER_PRODUCT_KIND.get(nxt) if nxt is not None else None
                if kind is not None:
                    # "Product Associate": the second word is a rank, not part of the anchor
                    end = i + 1 if nxt == "associate" else i + 2
                    return _Anchor(si, i, end, kind, 0.95, None, typo, phrase=f"product {nxt}"), negative
                if nxt in NOT_PRODUCT_AFTER:
                    negative = True
                    continue
                if nxt in SPECIALIZATIONS:  # "Head Product Growth": skip one area word
                    nxt = canon[i + 2] if i + 2 < n else None
                if weak is None and (nxt is None or nxt in ("&", "and", "/") or nxt in RANK_WORDS):
                    weak = _Anchor(si, i, i + 1, "bare", 0.8, None, typo, phrase="product")
                continue
            abbrev = _ABBREV_ANCHORS.get(c)
            if abbrev is not None:
                nxt = canon[i + 1] if i + 1 < n else None
                if nxt in _ABBREV_BAD_NEXT:
                    continue
                kind, implied = abbrev
                return _Anchor(
                    si, i, i + 1, kind, 0.85, implied, abbreviation=True, phrase=seg.tokens[i].text
                ), negative
    return weak, negative


def _rank_scope(segs: list[_Segment], anchor: _Anchor) -> tuple[list[_Token], bool]:
    """Rank tokens that apply to the anchor, and whether they came from another segment."""
    tokens = segs[anchor.seg].tokens
    # "VP, Product & India Site Head": a conjunct after the anchor is another role's
    stop = next((j for j in range(anchor.end, len(tokens)) if tokens[j].canon in ("&", "and")), len(tokens))
    own = [
        t for j, t in enumerate(tokens[:stop]) if t.canon in RANK_WORDS and not anchor.pos <= j < anchor.end
    ]
    if own:
        return own, False
    for si in range(anchor.seg - 1, -1, -1):
        found = [t for t in segs[si].tokens if t.canon in RANK_WORDS]
        if found:
            return found, True
    if anchor.kind in ("function", "bare"):
        for si in range(anchor.seg + 1, len(segs)):
            found = [t for t in segs[si].tokens if t.canon in RANK_WORDS]
            if found:
                return found, True
    return [], False


def _pick(ranks: Sequence[_Token], table: Sequence[tuple[str, str]]) -> tuple[str | None, _Token | None]:
    present = {t.canon: t for t in reversed(ranks)}
    for word, concept in table:
        tok = present.get(word)
        if tok is not None:
            return concept, tok
    return None, None


class Normalizer:
    """Reads titles as rungs of one ladder; build once per ladder, call many times (thread-safe)."""

    def __init__(self, ladder: Ladder) -> None:
        """A reader of titles into ``ladder``'s rungs."""
        self.ladder = ladder
        self._aliases = ladder.alias_keys()
        self._engineering = ladder.family == "engineering"

    def __call__(self, title: str) -> Match | None:
        if not isinstance(title, str):
            raise TypeError(f"title must be a str, not {type(title).__name__}")
        text = clean(title[: MAX_TITLE_CHARS * 4])[:MAX_TITLE_CHARS]
        if not text:
            return None
        # 1: the whole title is a canonical title or alias
        rung = self._aliases.get(key_of_clean(text))
        if rung is not None:
            return self._build(title, rung, 1.0, [f"alias {text!r} of {rung.title!r}"], None, {})
        segs, company = _split(text)
        if not segs:
            return None
        if self._engineering:
            return self._engineering_title(title, segs)
        return self._product_title(title, segs, company)

    # -- product family ------------------------------------------------------------------------

    def _product_title(self, raw: str, segs: list[_Segment], company: str | None) -> Match | None:
        anchor, negative = _find_anchor(segs)
        if anchor is None:
            return None
        all_canon = [c for s in segs for c in s.words]
        confidence = anchor.strength - (0.1 if anchor.typo else 0.0)
        if anchor.abbreviation and any(c in CONTEXT_NOT_PRODUCT for c in all_canon):
            return None  # "PM" next to project/program words is a project or program manager
        ranks, elsewhere = _rank_scope(segs, anchor)
        if anchor.kind == "bare":
            # a bare "product" next to a project/program role ("Technical Program Manager, Product")
            if negative or not ranks or any(c in _PROJECT_WORDS for c in all_canon):
                return None
            confidence -= 0.1 if elsewhere else 0.0
        elif elsewhere:
            confidence -= 0.05
        intern = next((t for s in segs for t in s.tokens if t.canon in ("intern", "trainee")), None)
        decided_by: _Token | None = None
        if intern is not None:
            concept, decided_by = "product-management-intern", intern
        elif anchor.kind == "cpo":
            concept = "chief-product-officer"
        elif anchor.kind == "owner":
            concept = "product-owner"
            for t in ranks:
                if t.canon in _OWNER_RANKS:
                    concept, decided_by = _OWNER_RANKS[t.canon], t
                    break
            else:
                if anchor.implied_rank:
                    concept = _OWNER_RANKS[anchor.implied_rank]
        else:
            picked, decided_by = _pick(ranks, _PRODUCT_RANKS)
            if picked is None and anchor.implied_rank:
                picked = dict(_PRODUCT_RANKS)[anchor.implied_rank]
            if picked is None:
                concept = {
                    "lead": "lead-product-manager",
                    "head": "head-of-product",
                    "director": "director-of-product",
                }.get(anchor.kind, "product-manager")
            else:
                concept = picked
            if anchor.kind == "director" and decided_by and decided_by.canon in ("senior", "associate"):
                concept = (
                    "senior-director-of-product"
                    if decided_by.canon == "senior"
                    else "associate-director-of-product"
                )
            elif anchor.kind == "head" and concept in ("lead-product-manager", "senior-product-manager"):
                concept = "head-of-product"
            elif anchor.kind == "lead" and concept in ("senior-product-manager", "product-manager"):
                concept = "lead-product-manager"
        notes = [f"read {anchor.phrase!r} as product management"]
        if decided_by is not None:
            notes.append(f"{decided_by.text!r} set the level")
        # A segment that is exactly an alias of the ladder (a company's own title) wins.
        seg_rung = self._aliases.get(key_of_clean(segs[anchor.seg].text))
        if seg_rung is not None and intern is None and seg_rung.id != concept and not elsewhere:
            concept, confidence = seg_rung.id, max(confidence, 0.9)
            notes.append(f"{segs[anchor.seg].text!r} is an alias of {seg_rung.title!r}")
        return self._finish(raw, concept, confidence, segs, anchor, decided_by, company, notes)

    # -- engineering family --------------------------------------------------------------------

    def _engineering_title(self, raw: str, segs: list[_Segment]) -> Match | None:
        all_canon = [c for s in segs for c in s.words]
        if "product" in all_canon or "pm" in all_canon:
            return None
        hits = [
            (si, i)
            for si, s in enumerate(segs)
            for i, c in enumerate(s.words)
            if c in _ENGINEERING_NOUNS or (c == "software" and "manager" in s.words)
        ]
        if not hits:
            return None
        si, pos = hits[0]
        anchor = _Anchor(si, pos, pos + 1, "engineer", 0.85, phrase=segs[si].tokens[pos].text)
        ranks, _ = _rank_scope(segs, anchor)
        ranks = ranks + [t for t in segs[si].tokens if t.canon in ("architect", "cto", "sdm")]
        intern = next((t for s in segs for t in s.tokens if t.canon in ("intern", "trainee")), None)
        decided_by: _Token | None = None
        if intern is not None:
            concept, decided_by = "software-engineering-intern", intern
        else:
            picked, decided_by = _pick(ranks, _ENGINEERING_RANKS)
            if picked is not None:
                concept = picked
            else:
                if "sdm" in all_canon:
                    concept = "engineering-manager"
                else:
                    grade = next((c for c in all_canon if c in GRADES), None)
                    concept = {
                        "2": "software-engineer-ii",
                        "ii": "software-engineer-ii",
                        "3": "senior-software-engineer",
                        "iii": "senior-software-engineer",
                    }.get(grade or "", "software-engineer")
        notes = [f"read {anchor.phrase!r} as software engineering"]
        if decided_by is not None:
            notes.append(f"{decided_by.text!r} set the level")
        return self._finish(raw, concept, 0.85, segs, anchor, decided_by, None, notes)

    # -- shared --------------------------------------------------------------------------------

    def _finish(
        self,
        raw: str,
        rung_id: str,
        confidence: float,
        segs: list[_Segment],
        anchor: _Anchor,
        decided_by: _Token | None,
        company: str | None,
        notes: list[str],
    ) -> Match | None:
        rung = self.ladder.resolve(rung_id)
        if rung is None:
            return None
        if rung.id != rung_id and rung.canonical != rung_id:
            confidence *= 0.8
            notes.append(f"ladder {self.ladder.id!r} has no rung {rung_id!r}; nearest rung {rung.title!r}")
        if confidence < MIN_CONFIDENCE:
            return None
        parts = _parts(segs, anchor)
        aside = [v for v in (parts["team"], parts["location"], parts["employment"], company) if v]
        if aside:
            notes.append("set aside: " + ", ".join(repr(v) for v in aside))
        return self._build(raw, rung, confidence, notes, decided_by, parts)

    def _build(
        self,
        raw: str,
        rung: Rung,
        confidence: float,
        notes: list[str],
        decided_by: _Token | None,
        parts: dict[str, str | None],
    ) -> Match:
        return Match(
            title=self.ladder.canonical_title(rung),
            rung=rung,
            market=self.ladder.id,
            level=rung.level,
            track=rung.track,
            confidence=round(min(1.0, confidence), 3),
            raw=raw,
            seniority=decided_by.text
            if decided_by is not None and decided_by.canon not in ("intern", "trainee")
            else None,
            grade=parts.get("grade"),
            specialization=parts.get("specialization"),
            team=parts.get("team"),
            location=parts.get("location"),
            employment=parts.get("employment"),
            explanation="; ".join(notes) + ".",
        )


def _parts(segs: list[_Segment], anchor: _Anchor) -> dict[str, str | None]:
    grade = specialization = team = location = employment = None
    for si, seg in enumerate(segs):
        canon = seg.words
        joined = " ".join(canon)
        for j, tok in enumerate(seg.tokens):
            c = tok.canon
            if employment is None and c in EMPLOYMENT:
                employment = EMPLOYMENT[c]
            elif (
                employment is None and c in ("part", "full") and j + 1 < len(canon) and canon[j + 1] == "time"
            ):
                employment = f"{c}-time"
            if grade is None and (
                _LEVEL_CODE.match(c)
                or (c in GRADES and si == anchor.seg and j >= anchor.end and (j != len(canon) - 1 or j > 0))
            ):
                grade = tok.text.rstrip(".")
            if si == anchor.seg and j < anchor.pos and specialization is None and c in SPECIALIZATIONS:
                specialization = SPECIALIZATIONS[c]
        if si == anchor.seg:
            continue
        if location is None and (
            joined in LOCATIONS or (len(canon) <= 3 and any(c in LOCATIONS for c in canon))
        ):
            location = seg.text
            continue
        if grade is None and len(canon) == 1 and (canon[0] in GRADES or _LEVEL_CODE.match(canon[0])):
            grade = seg.tokens[0].text
            continue
        if team is None and not all(
            c in EMPLOYMENT
            or c in RANK_WORDS
            or c in _FILLER
            or _YEARS.match(c)
            or c in ("m", "f", "w", "d", "x", "all", "genders", "years", "yrs")
            for c in canon
        ):
            team = seg.text
    if specialization is None:
        spec_seg = segs[anchor.seg].words
        specialization = next(
            (SPECIALIZATIONS[c] for c in spec_seg[anchor.end :] if c in ("technical",)), None
        )
    return {
        "grade": grade,
        "specialization": specialization,
        "team": team,
        "location": location,
        "employment": employment,
    }
