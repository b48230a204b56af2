"""Read a messy job title as a rung of a ladder.

The normalizer is a fixed pipeline of named steps; read top to bottom, it is the algorithm:

1. ``_clean``: NFKC, invisible characters, company after ``@``/``at``, ``'s``.
2. ``_segments``: split on separators (``|``, ``,``, ``:``, brackets, spaced dashes and slashes).
3. ``_tokens``: words and their canonical forms (abbreviations, one-edit typos of long words,
   two-word phrases such as "vice president" -> ``vp``), "Senior/Principal" alternatives.
4. the anchor (:mod:`titlemap.anchors`): the product-management phrase the title is about
   ("product manager", "product owner", "product management", "PM", "Head of Product"),
   refusing look-alikes ("product marketing", "product designer") and project/program contexts.
5. the rank (:mod:`titlemap.ranks`): the words that set the level, read in the anchor's segment
   first, then in the segments before it (a later "..., Vice President" is a bank's corporate
   rank, not the role).
6. the canonical rung id is resolved in the ladder (:meth:`titlemap.Ladder.resolve`); the rest of
   the title becomes the match's parts (seniority, grade, specialization, team, location,
   employment).

A reading below :data:`MIN_CONFIDENCE` is not returned: no guessing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping as MappingType
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from .anchors import (
    ANCHOR_WORDS,
    CONJUNCTS,
    Anchor,
    assists_a_leader,
    find_anchor,
    initials_stand_for,
    spelled_out,
)
from .canonical import CANONICAL_RUNGS, FINER_RUNGS, FINER_TITLES
from .ladder import Ladder
from .lexicon import Lexicon
from .match import Alternative, Match, new_match, replace_match
from .ranks import (
    ANY_RANK,
    ENGINEERING_PRIORITY,
    INTERN_WORDS,
    PRODUCT_PRIORITY,
    after_anchor,
    corporate_rank,
    intern_word,
    level_after,
    names_intern,
    pick,
    rank_scope,
    sells_the_product,
)
from .records import Occupation, Rung
from .text import clean, fold, key_of_clean, sentence
from .tokens import MAX_TITLE_CHARS, Segment, Token, Tokenizer
from .vocabulary import (
    BRAND_CONTEXT,
    BRAND_FAMILY,
    CHIEF_INITIALS,
    CONTEXT_NOT_PRODUCT,
    CORPORATE_RANKS,
    EMPLOYMENT,
    ENGINEERING_NOUNS,
    FILLER,
    FINANCIAL_FAMILY,
    FINANCIAL_PRODUCTS,
    GRADE_NEXT,
    GRADE_NUMBERS,
    GRADES,
    IMPLIED_WINS_OVER,
    LEADER_WORDS,
    LEVEL_CODE,
    NOT_PRODUCT_AFTER,
    OTHER_ROLES,
    OWNER_RANKS,
    PRODUCT_RANKS,
    PROJECT_WORDS,
    RANK_WORDS,
    REGION_WORDS,
    ROLE_NOUNS,
    SEGMENT_RANKS,
    SOFTWARE_CONTEXT,
    SPECIALIZATIONS,
    TAG_WORDS,
)

__all__ = ["MAX_TITLE_CHARS", "MIN_CONFIDENCE", "Normalizer", "brand_role"]

MIN_CONFIDENCE = 0.5
# The confidence of a reading whose title a look-alike family shares (relative to the reading's).
LOOKALIKE_FACTOR = 0.8


# An arrow between two titles: a move from one role to the next ("SDE-3 -> PM", "Analyst → APM").
_TRANSITION = re.compile(r"\s*(?:-+>|=+>|→|⇒|➔|➜)\s*")


_BRAND_ROLE_NEXT = frozenset({"manager", "management", "lead", "head", "director"}) | CONJUNCTS


def _names_brand_role(words: Sequence[str]) -> bool:
    """Whether the words name a brand role beside the product one ("Brand and Product Manager",
    "Product Manager / Brand Manager"), not a product area ("Brand Safety")."""
    return any(w == "brand" and nxt in _BRAND_ROLE_NEXT for w, nxt in pairwise(words))


class _Reading:
    """What the pipeline decided about one title, before it is resolved in the ladder; its
    notes are the sentences of the explanation, in order."""

    __slots__ = (
        "anchor",
        "company",
        "confidence",
        "decided_by",
        "english_key",
        "grade_shift",
        "lookalike",
        "notes",
        "rank",
        "rung_id",
    )

    def __init__(
        self,
        rung_id: str,
        confidence: float,
        anchor: Anchor,
        notes: list[str],
        decided_by: Token | None = None,
        rank: str | None = None,
        company: str | None = None,
    ) -> None:
        self.rung_id, self.confidence, self.anchor, self.notes = rung_id, confidence, anchor, notes
        self.decided_by, self.rank, self.company = decided_by, rank, company
        self.grade_shift = 0  # -1: a grade 1 may sit one level lower; +1: a grade 3 one level higher
        self.lookalike: str | None = None  # a look-alike family the title may also name
        self.english_key: str | None = None  # the alias key a phrase in another language reads as


class Normalizer:
    """Reads titles as rungs of one ladder; build once per ladder, call many times (thread-safe)."""

    def __init__(
        self,
        ladder: Ladder,
        companies: MappingType[str, str] | None = None,
        tokenizer: Tokenizer | None = None,
        places: frozenset[str] = frozenset(),
        occupations: MappingType[str, Occupation] | None = None,
    ) -> None:
        """A reader of titles into ``ladder``'s rungs.

        ``companies`` maps the comparison key of a company name (:func:`titlemap.text.key`) to
        its company ladder id, for detecting an employer named in a title ("Group PM @ Swiggy").
        ``tokenizer`` reads words with the loaded languages (none when not given); ``places``
        holds the comparison keys of place names ("sao paulo", "emea"), read as a title's
        location rather than its team. ``occupations`` gives canonical rungs' occupation codes.
        """
        self.ladder = ladder
        self._tokenizer = tokenizer if tokenizer is not None else Tokenizer(Lexicon())
        self._endings = self._tokenizer.lexicon.gender_endings
        self._places = places | REGION_WORDS
        self._past_words = self._tokenizer.lexicon.markers.past_words
        self._aliases = ladder.alias_keys()
        self._titles = {r.id: ladder.canonical_title(r) for r in ladder.rungs}
        codes = occupations or {}
        self._occupations = {
            r.id: codes.get(cid) or codes.get(FINER_RUNGS.get(cid, cid))
            for r in ladder.rungs
            if (cid := ladder.canonical_id(r))
        }
        self._ambiguous = {key_of_clean(clean(a.title)): a for a in ladder.ambiguous}
        self._shared: dict[str, str | None] = {}  # an anchor phrase's look-alike family, if any
        # the last words of those titles: a title whose role segment ends otherwise is not one
        self._ambiguous_ends = frozenset(k.rpartition(" ")[2] for k in self._ambiguous)
        self._engineering = ladder.family == "engineering"
        self._company = ladder.kind == "company"
        self._languages = ladder.languages
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
            rung_id: tuple((r, frozenset(self._tokenizer.words(r.title)) & RANK_WORDS) for r in rungs)
            for rung_id in named
            if len(rungs := ladder.rungs_of(rung_id)) > 1 and all(r.id != rung_id for r in rungs)
        }
        self._companies: dict[str, str] = dict(companies or {})
        # the first word of every company name: most segments are ruled out without building a key
        self._company_starts = frozenset(k.split(" ", 1)[0] for k in self._companies)

    def occupation(self, rung: Rung) -> Occupation | None:
        """The occupation codes of a rung of this ladder (those of its canonical rung), or None."""
        return self._occupations.get(rung.id)

    def __call__(self, title: str) -> Match | None:
        if not isinstance(title, str):
            raise TypeError(f"title must be a str, not {type(title).__name__}")
        text = clean(title[: MAX_TITLE_CHARS * 4], self._endings)[:MAX_TITLE_CHARS]
        earlier = None
        if ">" in text or "→" in text or "⇒" in text:  # "SDE-3 -> PM": a move; the last is now
            parts = _TRANSITION.split(text)
            if len(parts) > 1 and parts[-1].strip():
                earlier, text = " -> ".join(p.strip() for p in parts[:-1]), parts[-1].strip()
        if not text:
            return None
        segs, company_text = self._tokenizer.split(text, self._languages)
        company = self._detect_company(segs, company_text)
        read = self._engineering_title if self._engineering else self._product_title
        found = read(segs) if segs else None
        if found is None and company_text and not self._engineering and _only_product(segs):
            segs, found = self._product_at(segs[0], company_text)
        if found is None and len(segs) > 1:
            found = self._alias_segment(segs)
        if found is not None and earlier:
            found.notes.append(f"Set aside {earlier!r}: an earlier role, before the arrow.")
        if found is not None:
            found.company = company
        # 1: the whole title is a canonical title or alias: that rung, fully sure; the pipeline's
        # reading still supplies the parts (grade, specialization, rank)
        title_key = self._whole_key(text, segs, company_text)
        rung = self._aliases.get(title_key) if title_key is not None else None
        if rung is not None and title_key is not None:
            alias_note = f"Alias {text!r} of {rung.title!r}."
            if found is None:
                found = _Reading(rung.id, 1.0, Anchor(0, 0, 0, "alias", 1.0), [alias_note], company=company)
                segs = []
            else:
                found.confidence = LOOKALIKE_FACTOR if found.lookalike else 1.0
                found.grade_shift = 0
                found.notes = [alias_note, *(n for n in found.notes[1:] if "is an alias of" not in n)]
            return self._varies(self._finish(title, found, segs, rung), title_key)
        # 2: read through its words
        if found is None:
            return None
        if company_text and company is None:
            found.notes.append(f"Set aside: {company_text!r}.")
        foreign = (
            self._tokenizer.languages_of(segs).difference(self._languages)
            if any(seg.languages for seg in segs)
            else None
        )
        if foreign:  # a title in a language the market does not speak: read it, say so
            names = " and ".join(sorted(self._tokenizer.lexicon.name(x) for x in foreign))
            found.notes.append(
                f"Read as {names} (not a language of market {self.ladder.id!r}); "
                f"the reading stays in the {self.ladder.id!r} ladder."
            )
        match = self._finish(title, found, segs)
        if found.english_key is not None:
            match = self._varies(match, found.english_key)
        if match is None or segs[found.anchor.seg].key.rpartition(" ")[2] not in self._ambiguous_ends:
            return match  # both keys below end as the role's segment does
        return self._varies(self._varies(match, _core_key(segs, found.anchor)), segs[found.anchor.seg].key)

    def _product_at(self, seg: Segment, company_text: str) -> tuple[list[Segment], _Reading | None]:
        """ "Product @ Stripe": product work at a named employer, as headlines write a product
        manager's role, read as one (a little less sure, and saying so)."""
        segs, _ = self._tokenizer.split("Product Manager")
        found = self._product_title(segs)
        if found is not None:
            found.confidence *= 0.9
            found.notes.append(
                f"{seg.text!r} before an employer names a product manager, as headlines write it."
            )
        return segs, found

    def _alias_segment(self, segs: list[Segment]) -> _Reading | None:
        """A title in which no product-management phrase was found, one of whose segments is
        exactly an alias of the ladder (a company's own code, "PL3 - Payments"; a market's local
        title that reads unlike an English one, "PM Especialista - Pagamentos"): that rung, as
        the alias alone reads, a little less sure; the other segments are its parts (team,
        place), so none may carry a rank or an intern's word of its own."""
        for i, seg in enumerate(segs):
            rung = self._aliases.get(seg.key)
            if rung is None:
                continue
            others = [w for j, other in enumerate(segs) if j != i for w in other.words]
            if not RANK_WORDS.isdisjoint(others) or not INTERN_WORDS.isdisjoint(others):
                return None
            if find_anchor(segs)[0] is not None:
                return None  # a product phrase was found and refused: the refusal stands
            note = f"{seg.text!r} is an alias of {rung.title!r}."
            return _Reading(rung.id, 0.9, Anchor(i, 0, len(seg.words), "alias", 0.9), [note])
        return None

    def _whole_key(self, text: str, segs: list[Segment], company_text: str | None) -> str | None:
        """The comparison key of the whole title, or None when it cannot be an alias: a title
        key starts with its first segment's key, so a first segment that begins no alias rules
        the title out without building its key."""
        if not segs or not segs[0].key or not text.startswith(segs[0].text):
            return key_of_clean(text)
        first = segs[0]
        if len(segs) == 1 and company_text is None and first.text == text:
            return first.key  # one segment that is the whole title already has the title's key
        if first.key not in self._alias_starts:
            return None
        # with no words split away between the first two segments, the title's key starts with
        # both keys: a pair that begins no alias rules the title out too
        if (
            len(segs) > 1
            and "/" not in text
            and " for " not in text
            and " in " not in text
            and f"{first.key} {segs[1].key}" not in self._alias_starts
        ):
            return None
        return key_of_clean(text)

    @staticmethod
    def _by_rank_words(choices: Sequence[tuple[Rung, frozenset[str]]], segs: list[Segment]) -> Rung:
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
        return replace_match(match, confidence=confidence, alternatives=others, explanation=explanation)

    def _detect_company(self, segs: list[Segment], company_text: str | None) -> str | None:
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

    def _product_title(self, segs: list[Segment]) -> _Reading | None:
        anchor, negative = find_anchor(segs)
        if anchor is None:
            return None
        if segs[anchor.seg].languages and anchor.seg + 1 < len(segs):
            glossed = self._english_gloss(segs, anchor.seg)
            if glossed is not None:
                return glossed
        all_canon = [c for s in segs for c in s.words]
        if brand_role(all_canon):
            return None  # a brand or therapy-area manager of medicines or consumer goods
        if anchor.abbreviation and not CONTEXT_NOT_PRODUCT.isdisjoint(all_canon):
            return None  # "PM" next to project/program words is a project or program manager
        if not PROJECT_WORDS.isdisjoint(all_canon) and _manages_a_project(segs, anchor):
            return None  # "Projektleiter Produktmanagement", "Jefe de Proyecto de Producto"
        if "assistant" in all_canon and assists_a_leader(segs):
            return None  # "Assistant to the Director of Product": an assistant's job
        if anchor.abbreviation and initials_stand_for(segs, anchor.seg) is not None:
            return None  # "Chief People Officer (CPO)": the letters stand for the title before
        if anchor.abbreviation and (
            fold(anchor.phrase) in self._not_product
            or segs[anchor.seg].words[anchor.pos] in self._not_product  # glued on: "임상PM"
        ):
            spelled = spelled_out(segs, anchor)
            if spelled is None:
                return None  # in Japan "PM" is a project manager; product managers write "PdM"
            anchor = spelled
            all_canon = [c for s in segs for c in s.words]
        confidence = anchor.strength - (0.1 if anchor.typo else 0.0)
        ranks, elsewhere = rank_scope(segs, anchor)
        if not ranks and anchor.kind in ("manager", "owner") and anchor.seg + 1 < len(segs):
            ranks = level_after(_after_tags(segs, anchor.seg + 1), anchor)
            elsewhere = bool(ranks)
        rank_token = None if ANY_RANK.isdisjoint(all_canon) else corporate_rank(segs, anchor)
        if rank_token is not None and anchor.kind in ("manager", "owner"):
            # "Vice President, Product Manager": the bank's rank, not the role; the role is read
            ranks = [t for t in ranks if t is not rank_token and t.canon not in CORPORATE_RANKS]
            elsewhere = elsewhere and bool(ranks)
        if (
            anchor.kind in ("bare", "function")
            and not OTHER_ROLES.isdisjoint(all_canon)
            and not names_intern(segs[anchor.seg], anchor)
        ):
            # "Senior Data Analyst - Product", "Associate Analyst, Account & Product Management",
            # "Technical Trainer (Product Management)": another job, with product as its area
            return None
        if anchor.kind == "bare":
            # a bare "product" next to a project/program role ("Technical Program Manager, Product")
            # is that role's area; "Product Growth Associate" is a growth associate
            if negative or not ranks or not PROJECT_WORDS.isdisjoint(all_canon):
                return None
            if all(t.canon == "associate" for t in ranks) and after_anchor(segs, anchor, ranks):
                return None
            if sells_the_product(segs, anchor, ranks):
                return None  # "Sales Manager - IT Products": a sales manager of the products
            # "Group Manager, Product & Business Analytics": the rank is another segment's and a
            # look-alike noun closes the anchor's phrase
            if elsewhere and not NOT_PRODUCT_AFTER.isdisjoint(segs[anchor.seg].words[anchor.end :]):
                return None
            confidence -= 0.1 if elsewhere else 0.0
        elif elsewhere:
            confidence -= 0.05
        return self._reading(segs, anchor, ranks, rank_token, elsewhere, confidence, all_canon)

    def _english_gloss(self, segs: list[Segment], role: int) -> _Reading | None:
        """A role written in another language with its English title in a later segment
        ("Директор по продукту (VP Product)", "Chef de produit (Senior Product Manager)"): the
        employer's own English names the role and its level, so the English is read, the other
        language's segment set aside. None when no later segment is an English product title
        read on its own."""
        for j in range(role + 1, len(segs)):
            if segs[j].languages or ANCHOR_WORDS.isdisjoint(segs[j].words):
                continue
            if self._product_title([segs[j]]) is None:
                continue
            written = segs.pop(role)
            found = self._product_title(segs)
            if found is None:  # the rest of the title refuses it ("... (Senior PM) - Project X")
                segs.insert(role, written)
                return None
            found.notes.append(f"Read the English title beside {written.text!r}.")
            return found
        return None

    def _reading(
        self,
        segs: list[Segment],
        anchor: Anchor,
        ranks: list[Token],
        rank_token: Token | None,
        elsewhere: bool,
        confidence: float,
        all_canon: list[str],
    ) -> _Reading:
        """The rung a product title names, from its anchor and rank words, with the notes that
        say why: its level word, a corporate rank beside it, an alias of the ladder, a "CPO"
        after it, a numbered grade, a look-alike family that shares it."""
        intern = intern_word(segs, all_canon)
        rung_id, decided_by = self._rung_for(anchor, ranks, intern)
        notes = [f"Read {anchor.phrase!r} as product management."]
        if decided_by is not None:
            notes.append(f"{decided_by.text!r} set the level.")
        rank = None
        if rank_token is not None:
            rank = (CORPORATE_RANKS.get(rank_token.canon) or SEGMENT_RANKS[rank_token.canon])[0]
            if anchor.kind in ("manager", "owner"):
                notes.append(f"{rank_token.text!r} is a corporate rank beside the role.")
        elif decided_by is not None and decided_by.canon in CORPORATE_RANKS:
            rank = CORPORATE_RANKS[decided_by.canon][0]
        alias = self._role_alias(segs, anchor, elsewhere) if intern is None else None
        if alias is not None and alias[0].id != rung_id:
            rung_id, confidence = alias[0].id, max(confidence, 0.9)
            notes.append(alias[1])
        gloss = (
            _chief_gloss(segs, anchor)
            if intern is None and not CHIEF_INITIALS.isdisjoint(all_canon)
            else None
        )
        if gloss is not None:  # "Product Director (CPO)": the letters after the title name it
            rung_id, decided_by = "chief-product-officer", None
            notes.append(f"{segs[gloss].text!r} after the title names the role: a chief product officer.")
            del segs[gloss]  # after the role's segment: not a team
        reading = _Reading(rung_id, confidence, anchor, notes, decided_by, rank)
        reading.english_key = alias[2] if alias is not None else None
        if intern is None:
            _apply_grade(reading, segs)
        if SOFTWARE_CONTEXT.isdisjoint(all_canon):
            self._flag_lookalike(reading, all_canon)
        return reading

    def _role_alias(
        self, segs: list[Segment], anchor: Anchor, elsewhere: bool
    ) -> tuple[Rung, str, str | None] | None:
        """The rung of an alias of the ladder that the role's segment is exactly (a company's own
        title), or the segments up to it are ("Manager, Product Management - Payments"), or whose
        English words one phrase of another language is ("Руководитель продукта" is "product
        lead"), with the note that says so and, for the phrase, the alias key it reads as (whose
        ladder note, if the alias varies, the reading takes too); None when there is none.
        """
        seg = segs[anchor.seg]
        if anchor.seg and (core := self._aliases.get(_core_key(segs, anchor))) is not None:
            where = " ".join(s.text for s in segs[: anchor.seg + 1])
            return core, f"{where!r} is an alias of {core.title!r}.", None
        if elsewhere:
            return None
        if (rung := self._aliases.get(seg.key)) is not None:
            return rung, f"{seg.text!r} is an alias of {rung.title!r}.", None
        if not seg.languages or not _one_phrase(seg):
            return None
        if (rung := self._aliases.get(english := " ".join(seg.words))) is not None:
            return rung, f"{seg.text!r} is {english!r} in English, an alias of {rung.title!r}.", english
        return None

    def _rung_for(self, anchor: Anchor, ranks: list[Token], intern: Token | None) -> tuple[str, Token | None]:
        """The rung an anchor and its rank words name, and the word that decided it (if any)."""
        if intern is not None:
            return "product-management-intern", intern
        if anchor.kind == "cpo":
            return "chief-product-officer", None
        if anchor.kind != "owner":
            return self._manager_rung(anchor, ranks)
        rung_id, decided_by = "product-owner", None
        for t in ranks:
            if t.canon in OWNER_RANKS:
                rung_id, decided_by = OWNER_RANKS[t.canon], t
                break
        if anchor.implied_rank and (decided_by is None or decided_by.canon in IMPLIED_WINS_OVER):
            rung_id = OWNER_RANKS[anchor.implied_rank]
        return rung_id, decided_by

    def _flag_lookalike(self, reading: _Reading, words: Sequence[str]) -> None:
        """A title a look-alike family shares with product management (a language's
        ``shared_titles``: a bare "Chef de produit"), or one naming a bank's product ("Product
        Manager - Home Loans"), with nothing that says software: read, at a lower confidence,
        with the family named."""
        phrase = reading.anchor.phrase
        family = self._shared.get(phrase, _UNSEEN)
        if family is _UNSEEN:  # anchor phrases are few ("Product Manager", "PM"): each keyed once
            family = self._tokenizer.lexicon.shared_titles.get(key_of_clean(phrase))
            if len(self._shared) >= _PHRASES_KEPT:
                self._shared.clear()
            self._shared[phrase] = family
        if family is not None:
            why = f"{reading.anchor.phrase!r} is also a {family} title"
        elif not FINANCIAL_PRODUCTS.isdisjoint(words):
            family = FINANCIAL_FAMILY
            named = next(w for w in words if w in FINANCIAL_PRODUCTS)
            why = f"{named!r} names a financial product (the role may own a bank's or insurer's product)"
        elif "brand" in words and _names_brand_role(words):
            family = BRAND_FAMILY
            why = "'brand' names brand management beside the role (the role may manage a brand)"
        else:
            return
        reading.lookalike = family
        reading.confidence *= LOOKALIKE_FACTOR
        reading.notes.append(
            f"{why[0].upper()}{why[1:]}, and nothing in the title says software: read as product "
            "management at a lower confidence (a digital, tech or software word would settle it)."
        )

    def _manager_rung(self, anchor: Anchor, ranks: list[Token]) -> tuple[str, Token | None]:
        """The rung of a product-manager, -lead, -head or -director title from its rank words."""
        picked, decided_by = pick(ranks, PRODUCT_PRIORITY)
        if anchor.implied_rank and (decided_by is None or decided_by.canon in IMPLIED_WINS_OVER):
            picked = dict(PRODUCT_RANKS)[anchor.implied_rank]  # "Senior APM" is an APM
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
        if (
            decided_by is not None
            and decided_by.canon == "director"
            and any(t.canon == "senior" for t in ranks)
        ):
            return "senior-director-of-product", decided_by  # "Director Senior de Producto"
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

    def _engineering_title(self, segs: list[Segment]) -> _Reading | None:
        all_canon = [c for s in segs for c in s.words]
        if "product" in all_canon or "pm" in all_canon:
            return None
        hits = [
            (si, i)
            for si, s in enumerate(segs)
            for i, c in enumerate(s.words)
            if c in ENGINEERING_NOUNS or (c == "software" and "manager" in s.words)
        ]
        if not hits:
            return None
        si, pos = hits[0]
        anchor = Anchor(si, pos, pos + 1, "engineer", 0.85, phrase=segs[si].tokens[pos].text)
        ranks, _ = rank_scope(segs, anchor)
        ranks = ranks + [t for t in segs[si].tokens if t.canon in ("architect", "cto", "sdm")]
        intern = intern_word(segs, all_canon)
        decided_by: Token | None = None
        if intern is not None:
            rung_id, decided_by = "software-engineering-intern", intern
        else:
            picked, decided_by = pick(ranks, ENGINEERING_PRIORITY)
            if picked is not None:
                rung_id = picked
            elif "sdm" in all_canon:
                rung_id = "engineering-manager"
            else:
                grade = next((GRADE_NUMBERS[c] for c in all_canon if c in GRADE_NUMBERS), 1)
                rung_id = _ENGINEERING_GRADES[min(grade, len(_ENGINEERING_GRADES)) - 1]
        notes = [f"Read {anchor.phrase!r} as software engineering."]
        if decided_by is not None:
            notes.append(f"{decided_by.text!r} set the level.")
        return _Reading(rung_id, 0.85, anchor, notes, decided_by)

    # -- shared --------------------------------------------------------------------------------

    def _finish(
        self, raw: str, reading: _Reading, segs: list[Segment] | None = None, rung: Rung | None = None
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
                coarse = FINER_RUNGS.get(reading.rung_id, reading.rung_id)
                # a finer rank ("Senior Staff") is its canonical rung where the ladder has that,
                # else the rank itself is wanted at its own level
                wanted = CANONICAL_RUNGS.get(coarse if rung.canonical == coarse else reading.rung_id)
                if self._company and (wanted is None or wanted.level != rung.level):
                    return None  # no company rung at this level: the market reads the title
                reading.confidence *= 0.8
                if rung.canonical == coarse != reading.rung_id:  # "Senior Staff" read as Staff
                    what = repr(FINER_TITLES[reading.rung_id])
                else:
                    what = repr(wanted.title) if wanted is not None else repr(reading.rung_id)
                reading.notes.append(
                    f"{self.ladder.name} has no {what} rung; read as its nearest rung {rung.title!r}"
                    f" (level {rung.level})."
                )
        if reading.confidence < MIN_CONFIDENCE:
            return None
        grade, specialization, team, location, employment = (
            _parts(segs, reading.anchor, self._places, self._past_words) if segs else _NO_PARTS
        )
        # an internship's employment is its rung, not something set aside
        shown = None if employment == "intern" and rung.level == 0 else employment
        if team or location or shown:
            aside = [v for v in (team, location, shown) if v]
            reading.notes.append("Set aside: " + ", ".join(repr(v) for v in aside) + ".")
        low = high = rung.level
        if reading.grade_shift < 0:
            low = max(0, rung.level - 1)
        elif reading.grade_shift > 0:
            high = min(12, rung.level + 1)
        level_range = _RANGES.setdefault((low, high), (low, high))  # shared, not one per match
        decided_by = reading.decided_by
        return new_match(
            title=rung.title,
            canonical_title=self._titles[rung.id],
            local_title=rung.local_title,
            evidence=self.ladder.evidence(rung),
            occupation=self._occupations.get(rung.id),
            years=rung.years,
            lookalike=reading.lookalike,
            rung=rung,
            market=self.ladder.id,
            level=rung.level,
            track=rung.track,
            confidence=round(min(1.0, reading.confidence), 3),
            raw=raw,
            level_range=level_range,
            seniority=decided_by.text
            if decided_by is not None and decided_by.canon not in INTERN_WORDS
            else None,
            grade=grade,
            specialization=specialization,
            team=team,
            location=location,
            employment=employment,
            company=reading.company,
            company_title=None,
            company_level=None,
            rank=reading.rank,
            alternatives=(),
            explanation=tuple(reading.notes),
        )


_RANGES: dict[tuple[int, int], tuple[int, int]] = {}
_UNSEEN: Any = object()  # an anchor phrase not yet looked up
_PHRASES_KEPT = 4096

_ENGINEERING_GRADES = (
    "software-engineer",
    "software-engineer-ii",
    "senior-software-engineer",
    "software-development-engineer-4",
    "software-development-engineer-5",
)


def _manages_a_project(segs: list[Segment], anchor: Anchor) -> bool:
    """Whether the role is a project's or program's, with product as its area: a project word
    right before the product phrase ("Project Product Manager", as "Jefe de Proyecto de
    Producto" reads), a project role anywhere before product management that has no rank of
    its own ("Program Manager, Product Management", "Projektmanager mit Schwerpunkt
    Produktmanagement"), or a project role as the whole segment before the product ("Program
    Manager, Product")."""
    before = segs[anchor.seg].words[: anchor.pos]
    if before and before[-1] in PROJECT_WORDS:
        return True
    if anchor.kind == "function" and RANK_WORDS.isdisjoint(segs[anchor.seg].words):
        # product management as the area of a project role written earlier, with no rank of its
        # own: "Project Manager (m/f/d) with focus on Product Management"
        earlier = [w for seg in segs[: anchor.seg] for w in seg.words] + list(before)
        return any(a in PROJECT_WORDS and b in ROLE_NOUNS for a, b in pairwise(earlier))
    if not before and anchor.seg and anchor.kind in ("function", "bare"):
        before = segs[anchor.seg - 1].words  # a role there, not a name ("Discovery Program")
    return len(before) >= 2 and before[-2] in PROJECT_WORDS and before[-1] in ROLE_NOUNS


def _chief_gloss(segs: list[Segment], anchor: Anchor) -> int | None:
    """The segment after a leader's role that is a chief product officer's initials alone ("CPO",
    "CPTO"), naming the role ("Product Director (CPO)", "Директор по продукту (CPO)"), unless the
    letters are the initials of the title before them ("Chief People Officer (CPO)" is read
    before this), or None. After a role below a leader's the letters name whose office it is
    ("Senior Product Manager, CPO"), not the role."""
    if anchor.kind == "cpo" or LEADER_WORDS.isdisjoint(segs[anchor.seg].words):
        return None
    for j in range(anchor.seg + 1, len(segs)):
        words = segs[j].words
        if len(words) == 1 and words[0] in CHIEF_INITIALS and initials_stand_for(segs, j) is None:
            return j
    return None


def _after_tags(segs: list[Segment], i: int) -> Segment:
    """The first segment from ``i`` that is not a gender tag ("(m/w/d)", "(H/F)"): German and
    French adverts write a level after the tag too ("Produktmanager (m/w/d) Senior")."""
    while i + 1 < len(segs) and all(w in TAG_WORDS or w == "/" for w in segs[i].words):
        i += 1
    return segs[i]


def _one_phrase(seg: Segment) -> bool:
    """Whether a segment is one phrase or word of another language read as English words
    ("Руководитель продукта", "Líder de Producto"), not several read one by one."""
    first = seg.tokens[0]
    return first.language is not None and all(t.text == first.text for t in seg.tokens)


def _only_product(segs: list[Segment]) -> bool:
    """Whether the title's one segment is the word "product" (in any language read)."""
    return len(segs) == 1 and segs[0].words in (("product",), ("products",))


def _core_key(segs: list[Segment], anchor: Anchor) -> str:
    """The comparison key of the title up to the role's segment ("Manager, Product Management")."""
    return " ".join(s.key for s in segs[: anchor.seg + 1])


def brand_role(words: Sequence[str]) -> bool:
    """Whether the title names a brand or therapy area and nothing that makes it software (the
    tokenizer reads the same areas in other languages as these words: "Onkologie" is
    "oncology")."""
    return not BRAND_CONTEXT.isdisjoint(words) and SOFTWARE_CONTEXT.isdisjoint(words)


def _apply_grade(reading: _Reading, segs: list[Segment]) -> None:
    """Numbered grades (one convention: see GRADE_NEXT) move the rung or widen its range."""
    anchor = reading.anchor
    words = segs[anchor.seg].words
    number = None
    tokens = segs[anchor.seg].tokens
    for j in range(anchor.end, len(words)):
        if words[j] in GRADE_NUMBERS:
            if _is_preposition(tokens[j], j == len(words) - 1):
                break
            number = GRADE_NUMBERS[words[j]]
            break
        if words[j] not in ("-", "/"):
            break
    if number is None and anchor.seg + 1 < len(segs) and len(segs[anchor.seg + 1].words) == 1:
        number = GRADE_NUMBERS.get(segs[anchor.seg + 1].words[0])  # "Product Manager - 2"
    if number is None:
        return
    if number >= 4 and reading.rung_id in GRADE_NEXT:
        reading.rung_id = GRADE_NEXT[reading.rung_id]
        reading.notes.append(f"Grade {number} reads as the next rung.")
    elif number == 1:
        reading.grade_shift = -1
    elif number == 3:
        reading.grade_shift = 1


def _is_preposition(token: Token, last: bool) -> bool:
    """Whether a one-letter roman numeral is a word of the sentence instead: a lowercase "v" or
    "i" before more words (Czech and Slovak "v", in; Polish and Croatian "i", and), not a grade
    ("Product Manager V", "Product Manager - i")."""
    return len(token.text) == 1 and token.text.islower() and not last


# A title's parts beside its rung: grade, specialization, team, location, employment.
_Parts = tuple[str | None, str | None, str | None, str | None, str | None]
_NO_PARTS: _Parts = (None, None, None, None, None)


# Words that can set a part of the title (employment, grade, specialization); every other word,
# unless it ends in a digit (a level code), is skipped at once.
_PART_WORDS = frozenset(EMPLOYMENT) | {"part", "full"} | GRADES | frozenset(SPECIALIZATIONS)


# Words that tag a title's role instead of naming its team: employment, rank, filler and tags.
_TAG_LIKE = frozenset(EMPLOYMENT) | RANK_WORDS | FILLER | TAG_WORDS


def _only_tags(canon: tuple[str, ...]) -> bool:
    """Whether a segment's words only tag the role ("Full-time", "Senior", "L5", "2025"): it is
    not a team."""
    first = canon[0]
    if first not in _TAG_LIKE and not first[-1:].isdigit():
        return False  # the common case, a team's first word, decided without a loop
    return all(
        c in _TAG_LIKE or (c.isdigit() and c.isascii()) or (c[-1:].isdigit() and LEVEL_CODE.match(c))
        for c in canon
    )


def _parts(segs: list[Segment], anchor: Anchor, places: frozenset[str], past_words: frozenset[str]) -> _Parts:
    """The parts of a title beside its rung, from its segments (a part that starts with one of
    ``past_words``, "ex" or "former", is a past role, not the team)."""
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
                (c[-1:].isdigit() and LEVEL_CODE.match(c))
                or (
                    c in GRADES
                    and si == anchor.seg
                    and j >= anchor.end
                    and (j != last or j > 0)
                    and not _is_preposition(seg.tokens[j], j == last)
                )
            ):
                grade = seg.tokens[j].text.rstrip(".")
            if si == anchor.seg and j < anchor.pos and specialization is None and c in SPECIALIZATIONS:
                specialization = SPECIALIZATIONS[c]
        if si == anchor.seg:
            continue
        if location is None and (
            (" ".join(canon) if last else canon[0]) in places or (last < 3 and not places.isdisjoint(canon))
        ):
            location = seg.text
            continue
        if grade is None and not last and (canon[0] in GRADES or LEVEL_CODE.match(canon[0])):
            grade = seg.tokens[0].text
            continue
        if (
            team is None
            and canon[0] not in past_words
            and not _only_tags(canon)
            and ("product" not in canon or LEADER_WORDS.isdisjoint(canon))  # "Head of Product (CPO)"
        ):
            team = seg.text
    if specialization is None:
        role = segs[anchor.seg].words  # "Product Manager - Technical": technical after the role
        if "technical" in role and "technical" in role[anchor.end :]:
            specialization = SPECIALIZATIONS["technical"]
    return grade, specialization, team, location, employment
