"""Titles read into segments and tokens: steps 1-3 of the normalizer's pipeline.

1. split on separators (``|``, ``,``, ``:``, brackets, spaced dashes and slashes), setting aside a
   company after ``@``/``at`` and ``'s``;
2. read each word: its canonical English form (abbreviations, another language's words and
   phrases through the :class:`~titlemap.lexicon.Lexicon`, one-edit typos of long words),
   two-word ranks ("vice president" -> ``vp``), "Senior/Principal" alternatives.

A :class:`Tokenizer` is built once per lexicon and memoizes words and segments (bounded), per
set of languages read: segments recur across titles ("Senior Product Manager", "Bengaluru").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

from .lexicon import Lexicon, script_of
from .text import fold, key_of_clean, marks
from .vocabulary import (
    ABBREVIATIONS,
    BIGRAMS,
    BRAND_STEMS,
    FIXED_PHRASES,
    NOT_PRODUCT_AFTER,
    ORGANIZATION_NOUNS,
    RANK_WORDS,
    typo_variants,
)

__all__ = ["MAX_TITLE_CHARS", "Languages", "Segment", "Token", "Tokenizer"]

# Titles are short; past this many characters the rest is description, not title.
MAX_TITLE_CHARS = 300

#: The languages a title is read in (a market's), as a tuple of ids: the key of the memo tables.
Languages = tuple[str, ...]

# "@ Stripe", "at Stripe", and an employer described rather than named, to the title's end and
# ending with a word for an organization: "at a Series B startup", not "at a startup as PM" or
# "Building payments at a fintech | Senior PM"
_COMPANY = re.compile(
    r"\s*(?:@|\bat\s+(?=[A-Z])|\bat\s+(?=an?\s[^|,;:()\[\]{}–—]*?\b(?i:"
    + "|".join(sorted(ORGANIZATION_NOUNS, key=len, reverse=True))
    + r")\s*$))(.*)$"
)
_POSSESSIVE = re.compile(r"['’]s\b")
# The lookahead names every character a separator can start with: positions that cannot start
# one are skipped at once instead of trying each alternative (three times faster on titles).
_SPLIT = re.compile(
    r"(?=[\s–—~|,;:()\[\]{}•·*!?\"+#-])"
    r"(?:\s+[-–—~]+\s*|\s*[-–—~]+\s+|[–—|,;:()\[\]{}•·*!?\"+#]|\s+/\s+|\s+for\s+|\s+in\s+)"
)
_WORD = re.compile(r"[^\W_]+\.?|/|&")


@cache
def _word_any_script() -> re.Pattern[str]:
    """:data:`_WORD` for text beyond ASCII: combining marks (Thai vowels, Indic vowel signs)
    belong to their words."""
    return re.compile(rf"(?:[^\W_]|[{marks()}])+\.?|/|&")


# A product abbreviation with its grade glued on ("PM1", "APM2", "PO3"): read as "PM 1"
_ABBREV_GRADE = re.compile(r"^(pm|apm|gpm|spm|po|apo|pdm)([1-9])$")
_BIGRAM_SECONDS = frozenset(second for _, second in BIGRAMS)
_BRAND_STEM_STARTS = tuple(BRAND_STEMS)
_PHRASE_STARTS = frozenset(phrase[0] for phrase in FIXED_PHRASES)
_KNOWN = frozenset(ABBREVIATIONS) | frozenset(ABBREVIATIONS.values()) | RANK_WORDS | NOT_PRODUCT_AFTER
# Words and segments read so far, per set of languages: bounded, a full table is emptied and
# refilled (the vocabulary of titles is small).
_WORDS_SIZE = 32_768
_SEGMENTS_SIZE = 32_768


# Tokens and segments are tuples of strings: the memoized segments then hold nothing the
# garbage collector has to keep traversing (it untracks tuples of atoms), which keeps full
# collections cheap when the memos are large.
class Token(NamedTuple):
    """One word of a title: its canonical English form, the text it came from, whether it was
    a corrected typo, and the language it was translated from (None for English)."""

    canon: str
    text: str
    typo: bool = False
    language: str | None = None


class Segment(NamedTuple):
    """A part of a title between separators, read into tokens."""

    text: str
    tokens: tuple[Token, ...]
    words: tuple[str, ...]  # the tokens' canonical forms, computed once
    key: str  # the comparison key of the text (titlemap.text.key), for alias lookups
    # the languages its words were translated from, sorted: a tuple of strings, which the
    # garbage collector stops tracking, as it does the segment
    languages: tuple[str, ...] = ()


def script_runs(word: str) -> list[str] | None:
    """A word that runs one script's letters into another's (:func:`~titlemap.lexicon.script_of`),
    cut where the script changes ("Managerב": "Manager", "ב"); None for a word of one script.
    Digits and marks stay in the run they are written in ("PM2전략": "PM2", "전략"; "2전략" is
    one run)."""
    runs = [""]
    script = None
    for ch in word:
        if ch.isalpha():
            this = script_of(ch)
            if script is not None and this != script:
                runs.append("")
            script = this
        runs[-1] += ch
    return runs if len(runs) > 1 else None


@cache
def _typos() -> dict[str, str]:
    return typo_variants()


def _merge_bigrams(tokens: list[Token]) -> list[Token]:
    """Two-word rank words as one: "Vice President" is one rank word, and "Senior Vice
    President" another."""
    out: list[Token] = []
    for token in tokens:
        while out and token.canon in _BIGRAM_SECONDS:
            merged = BIGRAMS.get((out[-1].canon, token.canon))
            if merged is None:
                break
            a = out.pop()
            text = a.text if a.text == token.text else f"{a.text} {token.text}"
            token = Token(merged, text, a.typo or token.typo, a.language)
        out.append(token)
    return out


class Tokenizer:
    """Reads titles into segments and tokens with one lexicon (thread-safe; memoized)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._known = _KNOWN | frozenset(lexicon.words)
        self._words: dict[Languages, dict[str, tuple[Token, ...]]] = {}
        self._segments: dict[Languages, dict[str, Segment]] = {}
        # each phrase as the words its own words read as ("chef de produit" -> chef de product),
        # with the languages that write it
        self._phrases: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for raw, english, language in lexicon.phrases:
            read = tuple(t.canon for w in raw for t in self._read((language,), w))
            known, languages = self._phrases.get(read, (english, ()))
            if language not in languages:
                self._phrases[read] = (known, (*languages, language))
        self._phrase_starts = frozenset(p[0] for p in self._phrases)
        # starts of phrases that no language's word list holds ("semi senior", "capo commessa"):
        # any other phrase needs a translated word to start
        self._unlisted_starts = self._phrase_starts - self._known
        self._phrase_seconds = frozenset(p[1] for p in self._phrases)
        self._phrase_sizes = sorted({len(p) for p in self._phrases}, reverse=True)

    # -- words ----------------------------------------------------------------------------------

    def _read(self, languages: Languages, raw: str) -> tuple[Token, ...]:
        """A raw word as tokens: its abbreviation expanded, another language's word (or word
        pieces, for text without spaces) read as the English words it stands for, a typo of a
        long key word corrected, and a grade glued to an abbreviation split off ("PM1" is "PM"
        and "1")."""
        low = fold(raw.rstrip("."))
        found = ABBREVIATIONS.get(low)
        if found is not None:
            return self._glued(found, raw, False)
        english = self.lexicon.english(low, languages)
        if english is not None:
            words, language = english
            return tuple(Token(w, raw, False, language) for w in words)
        if low.startswith(_BRAND_STEM_STARTS):  # "Onkologie": a brand or therapy area
            return (Token(next(a for s, a in BRAND_STEMS.items() if low.startswith(s)), raw),)
        if len(low) >= 5 and low not in self._known and low.isalpha():
            fixed = _typos().get(low)
            if fixed is not None:
                return (Token(ABBREVIATIONS.get(fixed, fixed), raw, True),)
        runs = None if low.isascii() else script_runs(raw)
        if runs is not None:  # "Managerב", "PM전략": each script's letters are words of their own
            return tuple(t for run in runs for t in self._read(languages, run))
        return self._glued(low, raw, False)

    @staticmethod
    def _glued(canon: str, raw: str, typo: bool) -> tuple[Token, ...]:
        glued = _ABBREV_GRADE.match(canon) if canon[-1:].isdigit() else None
        if glued is None:
            return (Token(canon, raw, typo),)
        cut = len(glued.group(1))
        return Token(glued.group(1), raw[:cut]), Token(glued.group(2), raw[cut:])

    def tokens(self, segment: str, languages: Languages = ()) -> tuple[list[Token], list[str]]:
        """A segment's tokens and their canonical words."""
        known = self._words.get(languages)
        if known is None:
            known = self._words.setdefault(languages, {})
        out: list[Token] = []
        for found in (_WORD if segment.isascii() else _word_any_script()).findall(segment):
            read = known.get(found)
            if read is None:
                if found.isdigit() and found.isascii():  # numbers (grades, years, ids): not kept
                    out.append(Token(found, found))
                    continue
                read = self._read(languages, found)
                if len(known) >= _WORDS_SIZE:
                    known.clear()
                known[found] = read
            out.extend(read)
        words = [t.canon for t in out]
        # most segments hold no phrase start at all, or only English words, which start none
        # ("Manager Product Analytics" is English): a set operation rules the phrases out
        if (
            len(out) >= 2
            and not self._phrase_starts.isdisjoint(words)
            and (not self._unlisted_starts.isdisjoint(words) or any(t.language for t in out))
        ):
            self._rewrite_phrases(out)
            words = [t.canon for t in out]
        # after the phrases, whose words are single words ("Senior menadžer proizvoda" is a
        # senior product manager, not a senior manager of something)
        if not _BIGRAM_SECONDS.isdisjoint(words):
            out = _merge_bigrams(out)
            words = [t.canon for t in out]
        if "/" in segment:
            # "Senior/Principal": keep the first of two alternative ranks
            i = 1
            while i < len(out) - 1:
                if out[i].canon == "/" and out[i - 1].canon in RANK_WORDS and out[i + 1].canon in RANK_WORDS:
                    del out[i : i + 2]
                else:
                    i += 1
            words = [t.canon for t in out]
        if _PHRASE_STARTS.isdisjoint(words):
            return out, words
        # "Member of Technical Staff" is boilerplate, not a Staff rank; "Chief of Staff" a job
        for phrase, replacement in FIXED_PHRASES.items():
            n = len(phrase)
            for j in range(len(words) - n, -1, -1):
                if tuple(words[j : j + n]) == phrase:
                    text = " ".join(t.text for t in out[j : j + n])
                    new = [Token(replacement, text)] if replacement else []
                    out[j : j + n] = new
                    words[j : j + n] = [replacement] if replacement else []
        return out, words

    def _rewrite_phrases(self, tokens: list[Token]) -> None:
        """Read other languages' role phrases as English ones, in place ("chef de produit")."""
        i = 0
        while i < len(tokens) - 1:
            # most words start no phrase ("manager" does, but only before "de")
            if tokens[i].canon not in self._phrase_starts or tokens[i + 1].canon not in self._phrase_seconds:
                i += 1
                continue
            for size in self._phrase_sizes:
                words = tuple(t.canon for t in tokens[i : i + size])
                found = self._phrases.get(words) if len(words) == size else None
                if found is None:
                    continue
                english, languages = found
                part = tokens[i : i + size]
                # a phrase needs a word that is not English ("Manager Product Analytics"), and
                # one of its own languages' unless all its words are foreign: other languages
                # that put the head first share its order ("разработки продуктов" reads as the
                # Indonesian "pengembangan produk" does), but "Manager 資深產品", an English word
                # then Chinese ones, only looks like the words of a Persian phrase
                if all(t.language is None and t.canon in self._known for t in part) or not (
                    all(t.language for t in part) or self._written_in_any(part, languages)
                ):
                    continue
                if english == words:
                    break  # already read as those words ("Produktmanager")
                text = " ".join(dict.fromkeys(t.text for t in part))
                typo = any(t.typo for t in part)
                language = self._phrase_language(part, languages)
                tokens[i : i + size] = [Token(w, text, typo, language) for w in english]
                break
            i += 1

    def _written_in_any(self, part: Sequence[Token], languages: tuple[str, ...]) -> bool:
        """Whether a word of ``part`` is written in one of ``languages``, or is no language's word
        (a phrase's own word that no word list holds: "semi senior")."""
        return any(
            (not self._written_in(t).isdisjoint(languages)) if t.language else t.canon not in self._known
            for t in part
        )

    def _phrase_language(self, part: Sequence[Token], languages: tuple[str, ...]) -> str | None:
        """The language a phrase is read in: the one that writes the most of its words, a word
        no word list holds counting for the languages that write the phrase ("руководитель
        продукта" is Russian, though "продукта" is also Bulgarian; "власник продукту"
        Ukrainian, though "продукту" is also Russian); on a tie, a language that writes the
        phrase ("menadžer proizvoda" is Serbian, though Polish writes "menadżer"), then its last
        word's ("gerente" is Spanish and Portuguese, "produto" only Portuguese)."""
        counts: dict[str, int] = {}
        for token in part:
            if token.language is not None:
                written_in = self._written_in(token)
            elif token.canon not in self._known:
                written_in = set(languages)
            else:
                continue
            for language in written_in:
                counts[language] = counts.get(language, 0) + 1
        if not counts:
            return None
        most = max(counts.values())
        best = sorted(language for language, n in counts.items() if n == most)
        best = [language for language in best if language in languages] or best
        last = next((t.language for t in reversed(part) if t.language in best), None)
        return last or best[0]

    # -- titles ---------------------------------------------------------------------------------

    def segment(self, part: str, languages: Languages = ()) -> Segment:
        """One segment read into tokens (memoized: nothing downstream changes a segment)."""
        known = self._segments.get(languages)
        if known is None:
            known = self._segments.setdefault(languages, {})
        found = known.get(part)
        if found is not None:
            return found
        if part[-1:].isdigit() or part[:1].isdigit():
            found = self._with_number(part, languages)
            if found is not None:
                return found
        tokens, words = self.tokens(part, languages)
        read_in = self._languages_read(tokens) if any(t.language for t in tokens) else ()
        found = Segment(part, tuple(tokens), tuple(words), key_of_clean(part), read_in)
        if part[-1:].isdigit() or part[:1].isdigit():
            # a segment starting or ending with a number ("Bangalore 560001", "R-228755", a
            # date) is most likely never seen again: not kept, so it does not crowd the memo
            return found
        if len(known) >= _SEGMENTS_SIZE:
            known.clear()
        known[part] = found
        return found

    def _written_in(self, token: Token) -> set[str]:
        """The languages that write a token's word: its own, and the others that write it alike."""
        return {token.language, *self.lexicon.shared.get(fold(token.text), ())} if token.language else set()

    def _languages_read(self, tokens: Sequence[Token]) -> tuple[str, ...]:
        """The languages a segment's words were read in: the fewest that write them all, each
        time the one that writes the most of those left ("Власник продукту" is Ukrainian, though
        Russian also writes "продукту"), so a word several languages share names no extra one."""
        options = [self._written_in(t) for t in tokens if t.language]
        chosen: list[str] = []
        while options:
            counts = Counter(language for option in options for language in option)
            best = min(counts, key=lambda language: (-counts[language], language))
            chosen.append(best)
            options = [option for option in options if best not in option]
        return tuple(sorted(chosen))

    def _with_number(self, part: str, languages: Languages) -> Segment | None:
        """A segment that is words and a number ("Bangalore 560001", "2025 Summer Intern") read
        as its words' segment (memoized) with the number put before or after: a number is a
        word of its own that nothing joins (no rank, phrase or alternative holds one). None
        when the segment is not so made."""
        rest, _, number = part.rpartition(" ")
        if "/" in part:  # a slash at the words' end leaves their key, not the segment's
            return None
        if number.isdigit() and number.isascii() and rest and not rest[-1:].isdigit():
            words = self.segment(rest, languages)
            if words.key:
                n = (Token(number, number),)
                return Segment(
                    part, words.tokens + n, (*words.words, number), f"{words.key} {number}", words.languages
                )
        number, _, rest = part.partition(" ")
        if number.isdigit() and number.isascii() and rest and not rest[:1].isdigit():
            words = self.segment(rest, languages)
            if words.key:
                n = (Token(number, number),)
                return Segment(
                    part, n + words.tokens, (number, *words.words), f"{number} {words.key}", words.languages
                )
        return None

    def split(self, title: str, languages: Languages = ()) -> tuple[list[Segment], str | None]:
        """A cleaned title's segments (those with words), and the company after "@"/"at", if any."""
        company = None
        m = _COMPANY.search(title) if "@" in title or "at " in title else None
        if m and m.start() > 0:
            company = m.group(1).strip() or None
            title = title[: m.start()]
        if "'" in title or "’" in title:
            title = _POSSESSIVE.sub("", title)
        segments = []
        for part in _SPLIT.split(title):
            part = part.strip(" -–—/.")
            if part and len(part) <= MAX_TITLE_CHARS:
                segment = self.segment(part, languages)
                if segment.tokens:
                    segments.append(segment)
        return segments, company

    def words(self, title: str, languages: Languages = ()) -> tuple[str, ...]:
        """The words of a cleaned title as the normalizer reads them: canonical, in English
        ("Sr." is "senior", "Projektmanager" is "project manager"), company and separators
        left out."""
        segs, _ = self.split(title[: MAX_TITLE_CHARS * 4], languages)
        return tuple(w for seg in segs for w in seg.words)

    def languages_of(self, segments: Iterable[Segment]) -> set[str]:
        """The languages the title's words were translated from."""
        return {language for seg in segments for language in seg.languages}
