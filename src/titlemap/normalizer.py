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
from collections.abc import Mapping as MappingType
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple, TypeVar

from .canonical import CANONICAL_RUNGS, FINER_RUNGS
from .ladder import Ladder
from .match import Alternative, Match
from .records import Rung
from .text import clean, fold, key_of_clean, sentence
from .vocabulary import (
    ABBREVIATIONS,
    BIGRAMS,
    BRAND_CONTEXT,
    CONTEXT_NOT_PRODUCT,
    CORPORATE_RANKS,
    EMPLOYMENT,
    GRADES,
    JAPANESE_WORDS,
    LANGUAGE_WORDS,
    LOCATIONS,
    NOT_PRODUCT_AFTER,
    NOT_PRODUCT_BEFORE,
    PHRASES,
    RANK_WORDS,
    SEGMENT_RANKS,
    SOFTWARE_CONTEXT,
    SPECIALIZATIONS,
    TRANSLATIONS,
    typo_variants,
)

__all__ = ["MAX_TITLE_CHARS", "MIN_CONFIDENCE", "Normalizer", "brand_role", "title_words"]

MIN_CONFIDENCE = 0.5
# Titles are short; past this many characters the rest is description, not title.
MAX_TITLE_CHARS = 300

_COMPANY = re.compile(r"\s*(?:@|\bat\s+(?=[A-Z]))(.*)$")
_POSSESSIVE = re.compile(r"['’]s\b")
# The lookahead names every character a separator can start with: positions that cannot start
# one are skipped at once instead of trying each alternative (three times faster on titles).
_SPLIT = re.compile(
    r"(?=[\s–—~|,;:()\[\]{}•·*!?\"+#-])"
    r"(?:\s+[-–—~]+\s*|\s*[-–—~]+\s+|[–—|,;:()\[\]{}•·*!?\"+#]|\s+/\s+|\s+for\s+|\s+in\s+)"
)
_TOKEN = re.compile(r"[^\W_]+\.?|/|&")
_LEVEL_CODE = re.compile(r"^(?:l|ic|e|p|m|t|sde|pm)[0-9]{1,2}$")
# A product abbreviation with its grade glued on ("PM1", "APM2", "PO3"): read as "PM 1"
_ABBREV_GRADE = re.compile(r"^(pm|apm|gpm|spm|po|apo|pdm)([1-9])$")
_YEARS = re.compile(r"^[0-9]+$")


def _priorities(table: Sequence[tuple[str, str]]) -> dict[str, tuple[int, str]]:
    """A rank table (highest priority first) as word -> (priority, concept); a word listed
    twice keeps its first place."""
    out: dict[str, tuple[int, str]] = {}
    for i, (word, concept) in enumerate(table):
        out.setdefault(word, (i, concept))
    return out


# Rank word -> canonical rung id, highest priority first (the first present in scope wins).
_PRODUCT_RANKS: tuple[tuple[str, str], ...] = (
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
    ("specialist", "product-manager"),
    ("manager", "product-manager"),
)
_OWNER_RANKS: dict[str, str] = {
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
_ENGINEERING_RANKS: tuple[tuple[str, str], ...] = (
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
_PRODUCT_PRIORITY = _priorities(_PRODUCT_RANKS)
_ENGINEERING_PRIORITY = _priorities(_ENGINEERING_RANKS)
# Abbreviations that are anchors by themselves: (kind, implied rank).
_ABBREV_ANCHORS: dict[str, tuple[str, str | None]] = {
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
# Other jobs: a title naming one is about that job, with "product" as its area.
_OTHER_ROLES = frozenset(
    {
        "analyst",
        "analysts",
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
    }
)
# Leaders of a function: "Head of Product <area>" names the head of product, whatever the area.
_LEADER_WORDS = frozenset(
    {"head", "director", "senior-director", "associate-director", "vp", "svp", "evp", "avp", "gm"}
)
# A rank in a segment of its own, before or after the role ("Senior Associate, Card Product
# Manager" at a bank): a corporate rank, where "Senior Associate Product Manager" is an APM.
_SEGMENT_RANKS_EITHER_ORDER = frozenset({"senior-associate"})
# Numbered grades on a rung (one convention for "PM 2", "PM-II", "Product Manager III"): grades 1
# to 3 stay on the rung (1 may sit one level lower, 3 one level higher); 4 and up read as the next
# rung. A company ladder may give its own grades as aliases or level codes.
_GRADE_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_GRADE_NEXT = {
    "associate-product-manager": "product-manager",
    "product-manager": "senior-product-manager",
    "associate-product-owner": "product-owner",
    "product-owner": "senior-product-owner",
}
_IMPLIED_WINS_OVER = frozenset({"senior", "junior", "lead", "associate", "assistant"})
_FILLER = frozenset({"of", "the", "and", "&", "/", "a", "an", "to"})
# Gender tags ("(m/w/d)", "(H/F)", "(f/m/x)"), years and level words: never a team.
_TAG_WORDS = frozenset(
    {"m", "f", "w", "d", "x", "h", "all", "genders", "years", "yrs", "band", "grade", "level", "job"}
)


# Tokens and segments are tuples of strings: the memoized segments then hold nothing the
# garbage collector has to keep traversing (it untracks tuples of atoms), which keeps full
# collections cheap when the memos are large.
class _Token(NamedTuple):
    canon: str
    text: str
    typo: bool = False


class _Segment(NamedTuple):
    text: str
    tokens: tuple[_Token, ...]
    words: tuple[str, ...]  # the tokens' canonical forms, computed once
    key: str  # the comparison key of the text (titlemap.text.key), for alias lookups


def _segment(part: str, language: str | None = None) -> _Segment:
    """One segment read into tokens (:func:`_split` memoizes it: segments recur across titles,
    "Senior Product Manager", "Bengaluru", "Remote"; nothing downstream changes a segment)."""
    tokens, words = _tokens(part, language)
    return _Segment(part, tuple(tokens), tuple(words), key_of_clean(part))


# Segments read so far, per language, bounded like the words (see _words_by_language).
_SEGMENTS_SIZE = 32_768
_segments_by_language: dict[str | None, dict[str, _Segment]] = {}


class _Anchor:
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


@lru_cache(maxsize=1)
def _typos() -> dict[str, str]:
    return typo_variants()


_KNOWN = frozenset(ABBREVIATIONS) | frozenset(ABBREVIATIONS.values()) | RANK_WORDS | NOT_PRODUCT_AFTER


@lru_cache(maxsize=16_384)
def _canon(word: str) -> tuple[str, bool]:
    low = fold(word.rstrip("."))
    found = ABBREVIATIONS.get(low)
    if found is not None:
        return found, False
    if len(low) >= 5 and low not in _KNOWN and low.isalpha():
        fixed = _typos().get(low)
        if fixed is not None:
            return ABBREVIATIONS.get(fixed, fixed), True
    return low, False


def _has_kana(word: str) -> bool:
    """Whether a word has kana or CJK ideographs (a character class this wide would take
    milliseconds to compile at import)."""
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in word)


@lru_cache(maxsize=4096)
def _japanese(word: str) -> tuple[str, ...] | None:
    """A Japanese title word split into known words, longest first; None unless it splits whole."""
    out: list[str] = []
    i = 0
    longest = max(len(w) for w in JAPANESE_WORDS)
    while i < len(word):
        for size in range(min(longest, len(word) - i), 0, -1):
            found = JAPANESE_WORDS.get(word[i : i + size])
            if found is not None:
                out.extend(found)
                i += size
                break
        else:
            return None
    return tuple(out)


def _english(canon: str, language: str | None) -> tuple[str, ...] | None:
    """The English title words a word of another language stands for, or None."""
    found = TRANSLATIONS.get(canon)
    if found is None and language is not None:
        found = LANGUAGE_WORDS.get(language, {}).get(canon)
    if found is None and not canon.isascii() and _has_kana(canon):
        found = _japanese(canon)
    return found


def _word(raw: str, language: str | None) -> tuple[_Token, ...]:
    """A raw word as tokens: its canonical form (typos and abbreviations fixed), a grade glued
    to an abbreviation split off ("PM1" is "PM" and "1"), and another language's word read as
    the English words it stands for. :func:`_tokens` memoizes it."""
    canon, typo = _canon(raw)
    glued = _ABBREV_GRADE.match(canon) if canon[-1:].isdigit() else None
    if glued is not None:
        cut = len(glued.group(1))
        return _Token(glued.group(1), raw[:cut]), _Token(glued.group(2), raw[cut:])
    local = language is not None or canon in TRANSLATIONS or not canon.isascii()
    english = _english(canon, language) if local else None
    if english is None:
        return (_Token(canon, raw, typo),)
    return tuple(_Token(word, raw, typo) for word in english)


_BIGRAM_SECONDS = frozenset(second for _, second in BIGRAMS)


# Words read so far, per language: a plain dict per language is looked up faster than an
# lru_cache keyed by (word, language), and words recur far more than titles do. Bounded: a
# full table is emptied and refilled (the vocabulary of titles is small).
_WORDS_SIZE = 32_768
_words_by_language: dict[str | None, dict[str, tuple[_Token, ...]]] = {}
_T = TypeVar("_T")


def _table(tables: dict[str | None, dict[str, _T]], language: str | None) -> dict[str, _T]:
    """One language's memo table (created on first use, also when two threads race)."""
    found = tables.get(language)
    return found if found is not None else tables.setdefault(language, {})


def _tokens(segment: str, language: str | None = None) -> tuple[list[_Token], list[str]]:
    """A segment's tokens and their canonical words."""
    known = _table(_words_by_language, language)
    out: list[_Token] = []
    for found in _TOKEN.findall(segment):
        read = known.get(found)
        if read is None:
            if found.isdigit() and found.isascii():  # numbers (grades, years, ids): not kept
                out.append(_Token(found, found))
                continue
            read = _word(found, language)
            if len(known) >= _WORDS_SIZE:
                known.clear()
            known[found] = read
        for token in read:
            # "Vice President" is one rank word, and "Senior Vice President" another
            while out and token.canon in _BIGRAM_SECONDS:
                merged = BIGRAMS.get((out[-1].canon, token.canon))
                if merged is None:
                    break
                a = out.pop()
                token = _Token(merged, f"{a.text} {token.text}", a.typo or token.typo)
            out.append(token)
    if len(out) >= 2:
        _rewrite_phrases(out)
    # "Senior/Principal": keep the first of two alternative ranks
    i = 1
    while "/" in segment and i < len(out) - 1:
        if out[i].canon == "/" and out[i - 1].canon in RANK_WORDS and out[i + 1].canon in RANK_WORDS:
            del out[i : i + 2]
        else:
            i += 1
    # "Member of Technical Staff" is boilerplate, not a Staff rank
    words = [t.canon for t in out]
    if "member" not in words and "mts" not in words:
        return out, words
    for phrase in (["member", "of", "technical", "staff"], ["mts"]):
        n = len(phrase)
        for j in range(len(words) - n, -1, -1):
            if words[j : j + n] == phrase:
                del out[j : j + n]
                del words[j : j + n]
    return out, words


_PHRASE_STARTS = frozenset(phrase[0] for phrase in PHRASES)
_PHRASE_SECONDS = frozenset(phrase[1] for phrase in PHRASES)


def _rewrite_phrases(tokens: list[_Token]) -> None:
    """Read other languages' role phrases as English ones, in place ("chef de produit")."""
    i = 0
    while i < len(tokens) - 1:
        # most words start no phrase ("manager" does, but only before "de")
        if tokens[i].canon not in _PHRASE_STARTS or tokens[i + 1].canon not in _PHRASE_SECONDS:
            i += 1
            continue
        for size in (4, 3, 2):
            words = tuple(t.canon for t in tokens[i : i + size])
            english = PHRASES.get(words) if len(words) == size else None
            if english is not None:
                text = " ".join(t.text for t in tokens[i : i + size])
                typo = any(t.typo for t in tokens[i : i + size])
                tokens[i : i + size] = [_Token(w, text, typo) for w in english]
                break
        i += 1


def _split(title: str, language: str | None = None) -> tuple[list[_Segment], str | None]:
    company = None
    m = _COMPANY.search(title) if "@" in title or "at " in title else None
    if m and m.start() > 0:
        company = m.group(1).strip() or None
        title = title[: m.start()]
    if "'" in title or "’" in title:
        title = _POSSESSIVE.sub("", title)
    known = _table(_segments_by_language, language)
    segments = []
    for part in _SPLIT.split(title):
        part = part.strip(" -–—/.")
        if part and len(part) <= MAX_TITLE_CHARS:
            segment = known.get(part)
            if segment is None:
                segment = _segment(part, language)
                if len(known) >= _SEGMENTS_SIZE:
                    known.clear()
                known[part] = segment
            if segment.tokens:
                segments.append(segment)
    return segments, company


# The words an anchor starts with: "product" and the abbreviations that are anchors alone.
_ANCHOR_WORDS = frozenset({"product"}) | frozenset(_ABBREV_ANCHORS)


def _find_anchor(segs: list[_Segment]) -> tuple[_Anchor | None, bool]:
    """The first product-management phrase, and whether a look-alike phrase was seen."""
    negative = False
    weak: _Anchor | None = None
    for si, seg in enumerate(segs):
        canon = seg.words
        if _ANCHOR_WORDS.isdisjoint(canon):  # most segments ("Payments", "Bangalore") hold none
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
                        return _Anchor(
                            si, i - 1, i + 2, "owner", 0.95, "chief", typo, phrase="chief product owner"
                        ), negative
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
                # "Head of Product Leisure Travel", "Director Product CVM": a leader of product,
                # whatever area follows (a look-alike such as marketing was refused above)
                leader = canon[i - 2] if prev == "of" and i >= 2 else prev
                if weak is None and (
                    nxt is None or nxt in ("&", "and", "/") or nxt in RANK_WORDS or leader in _LEADER_WORDS
                ):
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
        t
        for j, t in enumerate(tokens[:stop])
        if t.canon in RANK_WORDS and not anchor.pos <= j < anchor.end and _ranks_here(tokens, j, anchor)
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


def _ranks_here(tokens: Sequence[_Token], j: int, anchor: _Anchor) -> bool:
    """Whether the rank word at ``j`` ranks the anchor: "Partner" only right before the role
    ("Partner Product Manager", "Partner Group PM"), not as a team ("Partner Enablement PM")."""
    if tokens[j].canon != "partner":
        return True
    k = j + 1
    while k < anchor.pos and tokens[k].canon in ("group", "director", "principal", "senior"):
        k += 1
    return k == anchor.pos


def _pick(
    ranks: Sequence[_Token], table: MappingType[str, tuple[int, str]]
) -> tuple[str | None, _Token | None]:
    """The concept of the highest-priority rank word present (the first token of that word),
    from a table built by :func:`_priorities`."""
    best: tuple[int, str] | None = None
    token = None
    for t in ranks:
        found = table.get(t.canon)
        if found is not None and (best is None or found[0] < best[0]):
            best, token = found, t
    return (None, None) if best is None else (best[1], token)


class _Reading:
    """What the pipeline decided about one title, before it is resolved in the ladder."""

    __slots__ = ("anchor", "company", "confidence", "decided_by", "grade_shift", "notes", "rank", "rung_id")

    def __init__(
        self,
        rung_id: str,
        confidence: float,
        anchor: _Anchor,
        notes: list[str],
        decided_by: _Token | None = None,
        rank: str | None = None,
        company: str | None = None,
    ) -> None:
        self.rung_id, self.confidence, self.anchor, self.notes = rung_id, confidence, anchor, notes
        self.decided_by, self.rank, self.company = decided_by, rank, company
        self.grade_shift = 0  # -1: a grade 1 may sit one level lower; +1: a grade 3 one level higher


class Normalizer:
    """Reads titles as rungs of one ladder; build once per ladder, call many times (thread-safe)."""

    def __init__(self, ladder: Ladder, companies: MappingType[str, str] | None = None) -> None:
        """A reader of titles into ``ladder``'s rungs; ``companies`` maps the comparison key of a
        company name (:func:`titlemap.text.key`) to its company ladder id, for detecting an
        employer named in a title ("Group PM @ Swiggy", "Sr. PM - Technical, Amazon")."""
        self.ladder = ladder
        self._aliases = ladder.alias_keys()
        self._titles = {r.id: ladder.canonical_title(r) for r in ladder.rungs}
        self._ambiguous = {key_of_clean(clean(a.title)): a for a in ladder.ambiguous}
        self._engineering = ladder.family == "engineering"
        self._company = ladder.kind == "company"
        self._language = ladder.language
        self._not_product = frozenset(fold(a) for a in ladder.not_product_abbreviations)
        for abbreviation in ladder.not_product_abbreviations:  # "PM" alone is not an alias here
            self._aliases.pop(key_of_clean(abbreviation), None)
        # every leading run of words of an alias key ("senior", "senior product", ...)
        self._alias_starts = frozenset(
            " ".join(words[:n]) for words in map(str.split, self._aliases) for n in range(1, len(words) + 1)
        )
        # rung id -> the ladder's rung for it (Ladder.resolve, which a reading calls every time)
        self._resolved: dict[str, Rung | None] = {}
        # A company that titles one canonical rung several ways ("Lead Program Manager" and
        # "Principal Group Product Manager" are both Group PMs at Microsoft): each rung with the
        # rank words of its title, so that a title's own rank words pick among them.
        named = {r.canonical for r in ladder.rungs if r.canonical is not None}
        self._finer: dict[str, tuple[tuple[Rung, frozenset[str]], ...]] = {
            rung_id: tuple((r, frozenset(w for w in title_words(r.title) if w in RANK_WORDS)) for r in rungs)
            for rung_id in named
            if len(rungs := ladder.rungs_of(rung_id)) > 1 and all(r.id != rung_id for r in rungs)
        }
        self._companies: dict[str, str] = dict(companies or {})
        # the first word of every company name: most segments are ruled out without building a key
        self._company_starts = frozenset(k.split(" ", 1)[0] for k in self._companies)

    def __call__(self, title: str) -> Match | None:
        if not isinstance(title, str):
            raise TypeError(f"title must be a str, not {type(title).__name__}")
        text = clean(title[: MAX_TITLE_CHARS * 4])[:MAX_TITLE_CHARS]
        if not text:
            return None
        segs, company_text = _split(text, self._language)
        company = self._detect_company(segs, company_text)
        read = self._engineering_title if self._engineering else self._product_title
        found = read(segs) if segs else None
        if found is not None:
            found.company = company
        # 1: the whole title is a canonical title or alias: that rung, fully sure; the pipeline's
        # reading still supplies the parts (grade, specialization, rank)
        title_key = self._whole_key(text, segs, company_text)
        rung = self._aliases.get(title_key) if title_key is not None else None
        if rung is not None and title_key is not None:
            alias_note = f"alias {text!r} of {rung.title!r}"
            if found is None:
                found = _Reading(rung.id, 1.0, _Anchor(0, 0, 0, "alias", 1.0), [alias_note], company=company)
                segs = []
            else:
                found.confidence, found.grade_shift = 1.0, 0
                found.notes = [alias_note, *(n for n in found.notes[1:] if "is an alias of" not in n)]
            return self._varies(self._finish(title, found, segs, rung), title_key)
        # 2: read through its words
        if found is None:
            return None
        if company_text and company is None:
            found.notes.append(f"set aside: {company_text!r}")
        match = self._finish(title, found, segs)
        if match is None or not self._ambiguous:
            return match
        return self._varies(self._varies(match, _core_key(segs, found.anchor)), segs[found.anchor.seg].key)

    def _whole_key(self, text: str, segs: list[_Segment], company_text: str | None) -> str | None:
        """The comparison key of the whole title, or None when it cannot be an alias: a title
        key starts with its first segment's key, so a first segment that begins no alias rules
        the title out without building its key."""
        if not segs or not segs[0].key or not text.startswith(segs[0].text):
            return key_of_clean(text)
        first = segs[0]
        if len(segs) == 1 and company_text is None and first.text == text:
            return first.key  # one segment that is the whole title already has the title's key
        return key_of_clean(text) if first.key in self._alias_starts else None

    @staticmethod
    def _by_rank_words(choices: Sequence[tuple[Rung, frozenset[str]]], segs: list[_Segment]) -> Rung:
        """The rung whose title's rank words agree best with the title's ("Principal Group PM"
        is the Principal Group rung, not the Lead one); on a tie, the lowest."""
        words = {w for seg in segs for w in seg.words}
        best = max(choices, key=lambda c: (len(c[1] & words) - len(c[1] - words), -c[0].level))
        return best[0]

    def _varies(self, match: Match | None, title_key: str) -> Match | None:
        """A title whose reading varies (the ladder's ``ambiguous:``): its other readings become
        alternatives, with the ladder's note."""
        amb = self._ambiguous.get(title_key) if self._ambiguous else None
        if match is None or amb is None or match.rung.id != amb.readings[0] or match.alternatives:
            return match
        confidence = round(match.confidence * 0.9, 3)
        others = tuple(
            Alternative(r.title, r, r.level, round(confidence * 0.8, 3), "varies", self._titles[r.id])
            for rid in amb.readings[1:]
            if (r := self.ladder.counterpart(rid)) is not None
        )
        note = f"{amb.title!r} varies: {amb.note}"
        explanation = (*match.explanation, sentence(note))
        return replace(match, confidence=confidence, alternatives=others, explanation=explanation)

    def _detect_company(self, segs: list[_Segment], company_text: str | None) -> str | None:
        """A known company named after "@"/"at", or as a whole segment (removed from ``segs``)."""
        if not self._companies:
            return None
        if company_text:
            found = self._companies.get(key_of_clean(company_text))
            if found is not None:
                return found
        if len(segs) < 2:
            return None
        starts = self._company_starts
        for i, seg in enumerate(segs):
            if seg.tokens[0].text.rstrip(".").lower() not in starts:
                continue
            found = self._companies.get(seg.key)
            if found is not None:
                del segs[i]
                return found
        return None

    # -- product family ------------------------------------------------------------------------

    def _product_title(self, segs: list[_Segment]) -> _Reading | None:
        anchor, negative = _find_anchor(segs)
        if anchor is None:
            return None
        all_canon = [c for s in segs for c in s.words]
        if brand_role(all_canon):
            return None  # a brand or therapy-area manager of medicines or consumer goods
        confidence = anchor.strength - (0.1 if anchor.typo else 0.0)
        if anchor.abbreviation and not CONTEXT_NOT_PRODUCT.isdisjoint(all_canon):
            return None  # "PM" next to project/program words is a project or program manager
        if anchor.abbreviation and fold(anchor.phrase) in self._not_product:
            return None  # in Japan "PM" is a project manager; product managers write "PdM"
        ranks, elsewhere = _rank_scope(segs, anchor)
        rank_token = None if _ANY_RANK.isdisjoint(all_canon) else _corporate_rank(segs, anchor)
        if rank_token is not None and anchor.kind in ("manager", "owner"):
            # "Vice President, Product Manager": the bank's rank, not the role; the role is read
            ranks = [t for t in ranks if t is not rank_token and t.canon not in CORPORATE_RANKS]
            elsewhere = elsewhere and bool(ranks)
        if anchor.kind == "bare":
            # a bare "product" next to a project/program role ("Technical Program Manager, Product")
            # or another job ("Senior Data Analyst - Product") is that job's area, not the role
            if negative or not ranks or not _PROJECT_WORDS.isdisjoint(all_canon):
                return None
            if not _OTHER_ROLES.isdisjoint(all_canon):
                return None
            # "Group Manager, Product & Business Analytics": the rank is another segment's and a
            # look-alike noun closes the anchor's phrase
            if elsewhere and not NOT_PRODUCT_AFTER.isdisjoint(segs[anchor.seg].words[anchor.end :]):
                return None
            confidence -= 0.1 if elsewhere else 0.0
        elif elsewhere:
            confidence -= 0.05
        intern = _intern(segs, all_canon)
        decided_by: _Token | None = None
        if intern is not None:
            rung_id, decided_by = "product-management-intern", intern
        elif anchor.kind == "cpo":
            rung_id = "chief-product-officer"
        elif anchor.kind == "owner":
            rung_id = "product-owner"
            for t in ranks:
                if t.canon in _OWNER_RANKS:
                    rung_id, decided_by = _OWNER_RANKS[t.canon], t
                    break
            if anchor.implied_rank and (decided_by is None or decided_by.canon in _IMPLIED_WINS_OVER):
                rung_id = _OWNER_RANKS[anchor.implied_rank]
        else:
            rung_id, decided_by = self._manager_rung(anchor, ranks)
        notes = [f"read {anchor.phrase!r} as product management"]
        if decided_by is not None:
            notes.append(f"{decided_by.text!r} set the level")
        rank = None
        if rank_token is not None:
            rank = (CORPORATE_RANKS.get(rank_token.canon) or SEGMENT_RANKS[rank_token.canon])[0]
            if anchor.kind in ("manager", "owner"):
                notes.append(f"{rank_token.text!r} is a corporate rank beside the role")
        elif decided_by is not None and decided_by.canon in CORPORATE_RANKS:
            rank = CORPORATE_RANKS[decided_by.canon][0]
        # A segment that is exactly an alias of the ladder (a company's own title) wins, or the
        # segments up to the role's ("Manager, Product Management - Payments").
        core = self._aliases.get(_core_key(segs, anchor)) if anchor.seg else None
        seg_rung = core or (None if elsewhere else self._aliases.get(segs[anchor.seg].key))
        if seg_rung is not None and intern is None and seg_rung.id != rung_id:
            rung_id, confidence = seg_rung.id, max(confidence, 0.9)
            where = " ".join(s.text for s in segs[: anchor.seg + 1]) if core else segs[anchor.seg].text
            notes.append(f"{where!r} is an alias of {seg_rung.title!r}")
        reading = _Reading(rung_id, confidence, anchor, notes, decided_by, rank)
        if intern is None:
            _apply_grade(reading, segs)
        return reading

    def _manager_rung(self, anchor: _Anchor, ranks: list[_Token]) -> tuple[str, _Token | None]:
        """The rung of a product-manager, -lead, -head or -director title from its rank words."""
        picked, decided_by = _pick(ranks, _PRODUCT_PRIORITY)
        if anchor.implied_rank and (decided_by is None or decided_by.canon in _IMPLIED_WINS_OVER):
            picked = dict(_PRODUCT_RANKS)[anchor.implied_rank]  # "Senior APM" is an APM
        if picked is None:
            if anchor.kind == "lead" and anchor.phrase == "product lead":
                return "product-lead", None
            default = {
                "lead": "lead-product-manager",
                "head": "head-of-product",
                "director": "director-of-product",
            }
            return default.get(anchor.kind, "product-manager"), decided_by
        if (
            decided_by is not None
            and decided_by.canon == "partner"
            and any(t.canon == "group" for t in ranks)
        ):
            return "director-of-product", decided_by  # Microsoft's Partner Group PM manages at director level
        if anchor.kind == "director" and decided_by and decided_by.canon in ("senior", "associate"):
            if decided_by.canon == "senior":
                return "senior-director-of-product", decided_by
            return "associate-director-of-product", decided_by
        if anchor.kind == "head" and picked in ("lead-product-manager", "senior-product-manager"):
            return "head-of-product", decided_by
        if anchor.kind == "lead" and picked in ("senior-product-manager", "product-manager"):
            return "lead-product-manager", decided_by
        return picked, decided_by

    # -- engineering family --------------------------------------------------------------------

    def _engineering_title(self, segs: list[_Segment]) -> _Reading | None:
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
        intern = _intern(segs, all_canon)
        decided_by: _Token | None = None
        if intern is not None:
            rung_id, decided_by = "software-engineering-intern", intern
        else:
            picked, decided_by = _pick(ranks, _ENGINEERING_PRIORITY)
            if picked is not None:
                rung_id = picked
            elif "sdm" in all_canon:
                rung_id = "engineering-manager"
            else:
                grade = next((_GRADE_NUMBERS[c] for c in all_canon if c in _GRADE_NUMBERS), 1)
                rung_id = _ENGINEERING_GRADES[min(grade, len(_ENGINEERING_GRADES)) - 1]
        notes = [f"read {anchor.phrase!r} as software engineering"]
        if decided_by is not None:
            notes.append(f"{decided_by.text!r} set the level")
        return _Reading(rung_id, 0.85, anchor, notes, decided_by)

    # -- shared --------------------------------------------------------------------------------

    def _finish(
        self, raw: str, reading: _Reading, segs: list[_Segment] | None = None, rung: Rung | None = None
    ) -> Match | None:
        if rung is None:
            rung = self._resolved.get(reading.rung_id)
            if rung is None:
                rung = self._resolved.setdefault(reading.rung_id, self.ladder.resolve(reading.rung_id))
            if rung is None:
                return None
            if segs and reading.rung_id in self._finer:
                rung = self._by_rank_words(self._finer[reading.rung_id], segs)
            if (
                reading.rung_id not in (rung.id, rung.canonical)
                and FINER_RUNGS.get(reading.rung_id) != rung.id
            ):
                wanted = CANONICAL_RUNGS.get(FINER_RUNGS.get(reading.rung_id, reading.rung_id))
                if self._company and (wanted is None or abs(wanted.level - rung.level) > 1):
                    return None  # the company's ladder does not cover this part: the market reads it
                reading.confidence *= 0.8
                what = repr(wanted.title) if wanted is not None else repr(reading.rung_id)
                reading.notes.append(
                    f"{self.ladder.name} has no {what} rung; read as its nearest rung {rung.title!r}"
                    f" (level {rung.level})"
                )
        if reading.confidence < MIN_CONFIDENCE:
            return None
        parts = _parts(segs, reading.anchor) if segs else {}
        if segs:
            aside = [v for v in (parts["team"], parts["location"], parts["employment"]) if v]
            if aside:
                reading.notes.append("set aside: " + ", ".join(repr(v) for v in aside))
        low = high = rung.level
        if reading.grade_shift < 0:
            low = max(0, rung.level - 1)
        elif reading.grade_shift > 0:
            high = min(12, rung.level + 1)
        level_range = _RANGES.setdefault((low, high), (low, high))  # shared, not one per match
        decided_by = reading.decided_by
        return Match(
            title=rung.title,
            canonical_title=self._titles[rung.id],
            local_title=rung.local_title,
            evidence=self.ladder.evidence(rung),
            rung=rung,
            market=self.ladder.id,
            level=rung.level,
            track=rung.track,
            confidence=round(min(1.0, reading.confidence), 3),
            raw=raw,
            level_range=level_range,
            seniority=decided_by.text
            if decided_by is not None and decided_by.canon not in ("intern", "trainee")
            else None,
            grade=parts.get("grade"),
            specialization=parts.get("specialization"),
            team=parts.get("team"),
            location=parts.get("location"),
            employment=parts.get("employment"),
            company=reading.company,
            rank=reading.rank,
            explanation=tuple(map(sentence, reading.notes)),
        )


_RANGES: dict[tuple[int, int], tuple[int, int]] = {}

_ENGINEERING_GRADES = (
    "software-engineer",
    "software-engineer-ii",
    "senior-software-engineer",
    "software-development-engineer-4",
    "software-development-engineer-5",
)


def _core_key(segs: list[_Segment], anchor: _Anchor) -> str:
    """The comparison key of the title up to the role's segment ("Manager, Product Management")."""
    return " ".join(s.key for s in segs[: anchor.seg + 1])


def title_words(title: str, language: str | None = None) -> tuple[str, ...]:
    """The words of a cleaned title as the normalizer reads them: canonical, in English
    ("Sr." is "senior", "Projektmanager" is "project manager"), company and separators left out."""
    segs, _ = _split(title[: MAX_TITLE_CHARS * 4], language)
    return tuple(w for seg in segs for w in seg.words)


def brand_role(words: Sequence[str]) -> bool:
    """Whether the title names a brand or therapy area and nothing that makes it software."""
    return not BRAND_CONTEXT.isdisjoint(words) and SOFTWARE_CONTEXT.isdisjoint(words)


_ANY_RANK = frozenset(CORPORATE_RANKS) | frozenset(SEGMENT_RANKS) | _SEGMENT_RANKS_EITHER_ORDER


def _intern(segs: list[_Segment], words: Sequence[str]) -> _Token | None:
    """The intern or trainee word of the title, if any ("Intern Conversion" is a job for
    interns who convert, not an internship)."""
    if "intern" not in words and "trainee" not in words:
        return None
    for seg in segs:
        for j, tok in enumerate(seg.tokens):
            if tok.canon in ("intern", "trainee"):
                following = seg.words[j + 1] if j + 1 < len(seg.words) else None
                if following not in ("conversion", "conversions"):
                    return tok
    return None


def _corporate_rank(segs: list[_Segment], anchor: _Anchor) -> _Token | None:
    """A corporate rank word beside the role: AVP/VP/SVP/EVP/ED/MD anywhere but in the anchor,
    Director-type words only in another segment, and before a manager's title only for a Product
    Owner ("Director - Product Owner"; "Senior Director, Innovation Product Manager" is a
    director's title)."""
    for si, seg in enumerate(segs):
        for j, tok in enumerate(seg.tokens):
            if si == anchor.seg and anchor.pos <= j < anchor.end:
                continue
            after = si > anchor.seg or (si < anchor.seg and anchor.kind == "owner")
            either = si != anchor.seg and tok.canon in _SEGMENT_RANKS_EITHER_ORDER
            corporate = tok.canon in CORPORATE_RANKS or either or (after and tok.canon in SEGMENT_RANKS)
            if corporate and (anchor.kind in ("manager", "owner") or si != anchor.seg):
                return tok
    return None


def _apply_grade(reading: _Reading, segs: list[_Segment]) -> None:
    """Numbered grades (one convention: see _GRADE_NEXT) move the rung or widen its range."""
    anchor = reading.anchor
    words = segs[anchor.seg].words
    number = None
    for j in range(anchor.end, len(words)):
        if words[j] in _GRADE_NUMBERS:
            number = _GRADE_NUMBERS[words[j]]
            break
        if words[j] not in ("-", "/"):
            break
    if number is None and anchor.seg + 1 < len(segs) and len(segs[anchor.seg + 1].words) == 1:
        number = _GRADE_NUMBERS.get(segs[anchor.seg + 1].words[0])  # "Product Manager - 2"
    if number is None:
        return
    if number >= 4 and reading.rung_id in _GRADE_NEXT:
        reading.rung_id = _GRADE_NEXT[reading.rung_id]
        reading.notes.append(f"grade {number} reads as the next rung")
    elif number == 1:
        reading.grade_shift = -1
    elif number == 3:
        reading.grade_shift = 1


# Words that can set a part of the title (employment, grade, specialization); every other word,
# unless it ends in a digit (a level code), is skipped at once.
_PART_WORDS = frozenset(EMPLOYMENT) | {"part", "full"} | GRADES | frozenset(SPECIALIZATIONS)


def _parts(segs: list[_Segment], anchor: _Anchor) -> dict[str, str | None]:
    grade = specialization = team = location = employment = None
    for si, seg in enumerate(segs):
        canon = seg.words
        last = len(canon) - 1
        for j, c in enumerate(canon):
            if c not in _PART_WORDS and not c[-1:].isdigit():
                continue
            if employment is None and c in EMPLOYMENT:
                employment = EMPLOYMENT[c]
            elif employment is None and c in ("part", "full") and j < last and canon[j + 1] == "time":
                employment = f"{c}-time"
            if grade is None and (
                (c[-1:].isdigit() and _LEVEL_CODE.match(c))
                or (c in GRADES and si == anchor.seg and j >= anchor.end and (j != last or j > 0))
            ):
                grade = seg.tokens[j].text.rstrip(".")
            if si == anchor.seg and j < anchor.pos and specialization is None and c in SPECIALIZATIONS:
                specialization = SPECIALIZATIONS[c]
        if si == anchor.seg:
            continue
        if location is None and (
            (" ".join(canon) if last else canon[0]) in LOCATIONS
            or (last < 3 and any(c in LOCATIONS for c in canon))
        ):
            location = seg.text
            continue
        if grade is None and not last and (canon[0] in GRADES or _LEVEL_CODE.match(canon[0])):
            grade = seg.tokens[0].text
            continue
        if team is None and not all(
            c in EMPLOYMENT
            or c in RANK_WORDS
            or c in _FILLER
            or _YEARS.match(c)
            or (c[-1:].isdigit() and _LEVEL_CODE.match(c))
            or c in _TAG_WORDS
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
