"""Why a title was not read: a short code and a hint, for the ``reason`` column and
:meth:`titlemap.TitleMap.reason`.

The codes:

- ``blank``: the cell holds no title (empty, NaN, "n/a", punctuation).
- ``too-long``: longer than a title can be (a job description pasted into the cell).
- ``ambiguous``: the words name a product role or a rank but not which one ("Sr. TPM",
  "Senior Product", "Vice President"); the hint says what to write instead.
- ``not-product``: another job; the hint names the family it looks like ("project or program
  management" for "Projektleiter", "design" for "Product Designer").
- ``unknown-script``: written in a script no loaded language file reads, or with a word in
  another script beside the role that its language file does not list (a spelling it lacks):
  titlemap cannot tell whether it is a product role.
- ``past-role``: the text names only a past role ("ex-product manager, Flipkart", "former CPO
  at Acme"), no current one (see :func:`titlemap.extract.past_role`).
- ``unreadable-value``: another cell of the row (years, yes/no, market...) could not be read;
  the row may still be mapped. Only rows carry it: see :func:`join_reasons`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .anchors import assists_a_leader, initials_stand_for
from .cells import is_blank
from .ladder import Ladder
from .lexicon import Lexicon, script_of
from .normalizer import brand_role
from .records import Occupation
from .text import clean, fold
from .tokens import MAX_TITLE_CHARS, Segment, Tokenizer
from .vocabulary import (
    ABBREV_ANCHORS,
    ABBREV_BAD_BEFORE,
    AFTER_PRODUCT_KIND,
    AMBIGUOUS_ABBREVIATIONS,
    BRAND_FAMILY,
    CORPORATE_RANKS,
    LOOKALIKE_FAMILIES,
    LOOKALIKE_PEOPLE,
    NOT_PRODUCT_AFTER,
    RANK_WORDS,
    ROLE_NOUNS,
    SERVES_THE_ROLE,
)

__all__ = ["REASON_CODES", "Reason", "ReasonCode", "join_reasons", "why_unread"]

ReasonCode = Literal[
    "blank", "too-long", "ambiguous", "not-product", "unknown-script", "past-role", "unreadable-value"
]
REASON_CODES: tuple[ReasonCode, ...] = (
    "blank",
    "too-long",
    "ambiguous",
    "not-product",
    "unknown-script",
    "past-role",
    "unreadable-value",
)

# Words that say a role's rank or kind but not its function ("Senior Manager", "Vice President").
_RANK_ONLY = RANK_WORDS | frozenset(CORPORATE_RANKS) | {"manager", "officer", "executive", "management", "of"}
_PRODUCT_WORDS = frozenset({"product", "products", "pm", "po", "pdm", "apm", "gpm", "spm", "pmt"})


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a title was not read (or a cell of its row not understood).

    Attributes:
        code: one of :data:`REASON_CODES`.
        hint: what was found, and what to write instead where that helps.
        family: for ``not-product``, the job family the title looks like, when known.
        occupation: that family's standard occupation codes (ISCO-08, ESCO, O*NET-SOC), when
            the loaded data has them, for joining refused rows with HR systems.
    """

    code: ReasonCode
    hint: str
    family: str | None = None
    occupation: Occupation | None = None

    def __str__(self) -> str:
        return f"{self.code}: {self.hint}" if self.hint else self.code


def why_unread(
    title: object,
    ladder: Ladder,
    tokenizer: Tokenizer | None = None,
    occupations: Mapping[str, Occupation] | None = None,
) -> Reason:
    """The reason a title that ``ladder``'s normalizer did not read was refused.

    ``tokenizer`` reads the title's words with the loaded languages (:meth:`TitleMap.reason`
    passes its own; without one, only English words are read). Call it for titles that were not
    read; for a title that was, the answer describes what a refusal would have been.
    ``occupations`` gives each look-alike family's occupation codes (:meth:`TitleMap.reason`
    passes the loaded ones).
    """
    reason = _why(title, ladder, tokenizer if tokenizer is not None else _english_only())
    if reason.family is not None and occupations:
        return replace(reason, occupation=occupations.get(reason.family))
    return reason


def _why(title: object, ladder: Ladder, tokenizer: Tokenizer) -> Reason:
    if not isinstance(title, str) or is_blank(title):
        return Reason("blank", "no title in the cell")
    text = clean(title, tokenizer.lexicon.gender_endings)
    if not any(ch.isalnum() for ch in text):
        return Reason("blank", f"no letters in {_show(title)}")
    if len(text) > MAX_TITLE_CHARS:
        return Reason(
            "too-long",
            f"{len(text):,} characters; a title has at most {MAX_TITLE_CHARS} "
            "(put the title alone in the cell, not the job description)",
        )
    segs, _ = tokenizer.split(text, ladder.languages)
    words = tuple(w for seg in segs for w in seg.words)
    named = _named_look_alike(words)
    if named is not None:
        return named
    not_product = {fold(a) for a in ladder.not_product_abbreviations}
    for word in words:
        if word in not_product:
            return Reason(
                "not-product",
                f"project or program management ({word.upper()!r} is a project manager in "
                f"{ladder.name}; a product manager is written in full)",
                "project or program management",
            )
    for word in words:
        meanings = AMBIGUOUS_ABBREVIATIONS.get(word)
        if meanings is not None:
            return Reason("ambiguous", f"{word.upper()!r} may be a {meanings}; write the role in full")
    if brand_role(words):
        return Reason("not-product", BRAND_FAMILY, BRAND_FAMILY)
    family = _family(words, tokenizer.lexicon.stems)
    if family is not None:
        return Reason("not-product", family, family)
    if "assistant" in words and assists_a_leader(segs):
        return Reason("not-product", "an assistant to a product leader, not a product-management role")
    for i, seg in enumerate(segs):
        spelled = initials_stand_for(segs, i) if seg.words[0] in ABBREV_ANCHORS else None
        if spelled is not None:
            return Reason("not-product", f"{seg.text!r} stands for {spelled!r} here, not a product role")
    after = next((b for a, b in itertools.pairwise(words) if a == "product" and b in NOT_PRODUCT_AFTER), None)
    if after is not None:
        if after in LOOKALIKE_PEOPLE:  # a person's job ("Product Consultant"), not a function's
            return Reason("not-product", f"a product {after} is another job, not product management")
        return Reason("not-product", f"product {after} is another function's work, not product management")
    if words and all(w in _RANK_ONLY for w in words):
        return Reason(
            "ambiguous",
            f"{_show(title)} is a rank without a function; add it (e.g. 'Director of Product', "
            "'Vice President, Product Management')",
        )
    if not _PRODUCT_WORDS.isdisjoint(words):
        return Reason(
            "ambiguous",
            "names product but not a role titlemap can place; write e.g. 'Product Manager', "
            "'Product Owner' or 'Head of Product'",
        )
    unread = sorted({script_of(ch) for ch in text if ch.isalpha()} - tokenizer.lexicon.scripts)
    if unread:  # "නිෂ්පාදන කළමනාකරු": no language file writes it, so no word of it could be read
        scripts = " and ".join(_script_label(s) for s in unread)
        return Reason(
            "unknown-script",
            f"written in {scripts} script, which no loaded language file reads: titlemap cannot "
            "tell whether it is a product role (add the language, or give the title in English)",
        )
    unread_words = _unread_beside_a_role(segs)
    if unread_words:  # "प्रॉडक्ट मैनेजर": the role word is read, the word before it is not
        scripts = " and ".join(sorted({_script_label(_first_script(w)) for w in unread_words}))
        shown = ", ".join(repr(w) for w in unread_words)
        return Reason(
            "unknown-script",
            f"written in {scripts} script, with words that no loaded language file reads "
            f"({shown}): titlemap cannot tell whether it is a product role (add the words to "
            "the language file, or give the title in English)",
        )
    return Reason("not-product", "no product-management role in the title")


def _unread_beside_a_role(segs: Sequence[Segment]) -> list[str]:
    """The words outside the Latin script that no language file read, in segments whose role
    noun ("manager", "head") was read: a language file that knows the role but not the word
    beside it (a spelling it does not list) cannot say what the role manages."""
    unread: list[str] = []
    for seg in segs:
        if not ROLE_NOUNS.isdisjoint(seg.words):
            unread += [
                t.text
                for t in seg.tokens
                if t.language is None and _first_script(t.text) not in ("", "LATIN")
            ]
    return list(dict.fromkeys(unread))


def _first_script(word: str) -> str:
    """The script of a word's first letter (:func:`~titlemap.lexicon.script_of`), "" for none."""
    return next((script_of(ch) for ch in word if ch.isalpha()), "")


def _script_label(script: str) -> str:
    """A script as the hints name it: "Devanagari", "Cyrillic", "CJK"."""
    return script if script == "CJK" else script.title()


def _named_look_alike(words: tuple[str, ...]) -> Reason | None:
    """A look-alike named by two words together: an SAP module ("SAP PM", "SAP PO") or product
    development."""
    for first, second in itertools.pairwise(words):
        if first in ABBREV_BAD_BEFORE and second in ABBREV_ANCHORS:
            return Reason(
                "not-product",
                f"{first.upper()} {second.upper()} names an {first.upper()} module (SAP PM is Plant "
                "Maintenance, SAP PO Process Orchestration), not a product role",
            )
        if second in SERVES_THE_ROLE and first in AFTER_PRODUCT_KIND:
            return Reason("not-product", f"a {second} of product people, not a product role")
        if first in ("product", "products") and second == "development":
            return Reason("not-product", "product development (engineering or R&D), not product management")
    return None


def _family(words: tuple[str, ...], local_stems: dict[str, tuple[str, ...]]) -> str | None:
    for family, names, stems in LOOKALIKE_FAMILIES:
        if not names.isdisjoint(words):
            return family
        stems = stems + local_stems.get(family, ())
        if stems and any(w.startswith(stems) for w in words):
            return family
    return None


_ENGLISH_ONLY: list[Tokenizer] = []


def _english_only() -> Tokenizer:
    if not _ENGLISH_ONLY:
        _ENGLISH_ONLY.append(Tokenizer(Lexicon()))
    return _ENGLISH_ONLY[0]


def join_reasons(reasons: Sequence[Reason]) -> str:
    """The text of a row's ``reason`` cell: its reasons in order, separated by "; ", with the
    hints of consecutive reasons of one code after a single code.

    >>> join_reasons([Reason("blank", "no title"), Reason("unreadable-value", "years 'x'"),
    ...               Reason("unreadable-value", "stage 'y'")])
    "blank: no title; unreadable-value: years 'x'; stage 'y'"
    """
    parts: list[str] = []
    previous: str | None = None
    for reason in reasons:
        parts.append(reason.hint if reason.code == previous else str(reason))
        previous = reason.code
    return "; ".join(parts)


def _show(text: str) -> str:
    return repr(text) if len(text) <= 60 else repr(text[:57] + "...")
