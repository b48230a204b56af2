"""Every loaded language's title words in one place, for reading words as English.

The normalizer reads titles in English words ("product", "manager", "senior"); the language
files (``ladders/languages/<id>.yaml``, loaded as :class:`~titlemap.records.Language`) say what
other languages' words stand for. A :class:`Lexicon` joins them:

- a language's ``words`` are read in every market (recruiters' files mix languages, and a
  Japanese title can sit in a US row), its ``market_words`` only in markets that speak it;
- words written without spaces (Japanese, Chinese) are split into known ``parts``, longest
  first, when the whole word is not known (unread characters before the pieces, or Latin ones
  after them, stay a word of their own);
- ``phrases`` are handed to the tokenizer, which reads their words first;
- ``stems`` name look-alike families in compound words ("Projektleiter");
- the markers of past and current roles and employers ("ehemals", "bei") are compiled into
  :attr:`Lexicon.markers` (:class:`titlemap.markers.Markers`).

When two languages read one word differently, the first language (by id) wins and the conflict is
listed in :attr:`Lexicon.conflicts` (a data test keeps it empty for the bundled languages).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cached_property

from .markers import Markers
from .records import Language
from .text import GenderEndings
from .vocabulary import ABBREVIATIONS, ROLE_NOUNS

__all__ = ["Lexicon", "script_of"]


class Lexicon:
    """The title words of a set of languages, merged for lookups (immutable after construction)."""

    def __init__(self, languages: Iterable[Language] = ()) -> None:
        self.languages: dict[str, Language] = {
            lang.id: lang for lang in sorted(languages, key=lambda x: x.id)
        }
        #: every language's words read in every market: word -> (English words, language id)
        self.words: dict[str, tuple[tuple[str, ...], str]] = {}
        #: words read only in markets speaking the language: language id -> word -> English words
        self.market_words: dict[str, dict[str, tuple[str, ...]]] = {}
        #: pieces of words written without spaces: piece -> (English words, language id)
        self.parts: dict[str, tuple[tuple[str, ...], str]] = {}
        #: phrases as (folded local words, English words, language id)
        self.phrases: list[tuple[tuple[str, ...], tuple[str, ...], str]] = []
        #: look-alike family -> word beginnings that name it, from every language
        self.stems: dict[str, tuple[str, ...]] = {}
        #: a local title's comparison key -> the look-alike family it is shared with
        self.shared_titles: dict[str, str] = {}
        #: (word, language, the other language) where two languages read a word differently
        self.conflicts: list[tuple[str, str, str]] = []
        #: a word several languages write alike and read alike -> those languages ("менеджер")
        self.shared: dict[str, tuple[str, ...]] = {}
        for lang in self.languages.values():
            self._add(self.words, lang.words, lang.id)
            self._add(self.parts, lang.parts, lang.id)
            self.market_words[lang.id] = dict(lang.market_words)
            self.phrases.extend((raw, english, lang.id) for raw, english in lang.phrases.items())
            self.shared_titles.update(lang.shared_titles)
            for family, stems in lang.stems.items():
                self.stems[family] = (*self.stems.get(family, ()), *stems)
        #: every language's other-gender endings, removed from a title before it is read
        self.gender_endings = GenderEndings(
            frozenset(e for lang in self.languages.values() for e in lang.gender_endings),
            frozenset(e for lang in self.languages.values() for e in lang.dotted_gender_endings),
        )
        self._head_first = frozenset(lang.id for lang in self.languages.values() if lang.head_first)
        # each piece's first character -> the longest piece starting with it: a character that
        # starts none is passed over at once
        self._part_starts: dict[str, int] = {}
        for piece in self.parts:
            self._part_starts[piece[0]] = max(self._part_starts.get(piece[0], 0), len(piece))
        #: the past, current and employer markers of every language, with English's
        self.markers = Markers.of(self.languages.values())

    @cached_property
    def scripts(self) -> frozenset[str]:
        """The scripts the languages write their words in ("CYRILLIC", "HANGUL"), with Latin:
        worked out when first asked (a refused title's reason), not when the lexicon is built."""
        texts = (*self.words, *self.parts, *(w for raw, _, _ in self.phrases for w in raw))
        return frozenset({"LATIN"} | {script_of(ch) for text in texts for ch in text if ch.isalpha()})

    def _add(
        self,
        table: dict[str, tuple[tuple[str, ...], str]],
        words: dict[str, tuple[str, ...]],
        language: str,
    ) -> None:
        for word, english in words.items():
            known = table.get(word)
            if known is None:
                table[word] = (english, language)
            elif known[0] != english:
                self.conflicts.append((word, language, known[1]))
            elif known[1] != language:
                self.shared[word] = (*self.shared.get(word, (known[1],)), language)

    def english(self, word: str, languages: tuple[str, ...] = ()) -> tuple[tuple[str, ...], str] | None:
        """The English words a folded word of another language stands for, and that language;
        ``languages`` are the market's (their ``market_words`` count too). None when the word is
        not another language's title word."""
        found = self.words.get(word)
        if found is not None:
            return found
        for language in languages:
            local = self.market_words.get(language)
            if local and word in local:
                return local[word], language
        if self._part_starts and not word.isascii():
            return self._split(word)
        return None

    def _split(self, word: str) -> tuple[tuple[str, ...], str] | None:
        """A word written without spaces split into known pieces, longest first. Characters no
        piece reads may stand before the title's head, as a modifier stands before a title
        ("区块链高级产品经理": 区块链, then senior product manager; "数据中台产品经理": data, 中台,
        then product manager; "web产品经理"), and Latin letters or digits after the pieces
        ("产品经理20K", "シニアPdM", read as an abbreviation when they are one). None when no
        piece is known, or when unread characters stand inside the head or end the word: there
        they may name the job itself ("产品研发经理", "产品经理猎头", a headhunter; Thai puts the
        manager first). A Latin piece ("pm") is read only as a whole
        Latin run, not inside "PMO" or "TPM"."""
        out: list[str] = []
        language = ""
        parts, starts, n = self.parts, self._part_starts, len(word)
        unknown_from = -1
        i = 0
        while i < n:
            size = min(starts.get(word[i], 0), n - i)
            while size and (word[i : i + size] not in parts or _inside_latin_run(word, i, i + size)):
                size -= 1
            if not size:
                if unknown_from < 0:
                    unknown_from = i
                i += 1
                continue
            english, found_in = parts[word[i : i + size]]
            if unknown_from >= 0:
                if found_in in self._head_first or not _HEAD_WORDS.isdisjoint(out):
                    # unread characters after the title's head began ("产品研发经理" is not a
                    # product manager), or before a head-first title
                    return None
                out.append(_unknown_run(word[unknown_from:i]))
                unknown_from = -1
            out.extend(english)
            language = language or found_in
            i += size
        if not language:
            return None
        if unknown_from >= 0:
            rest = word[unknown_from:]
            if not rest.isascii():
                return None  # unread characters end the word: they may be the job itself
            out.append(_unknown_run(rest))
        return tuple(out), language

    def name(self, language: str) -> str:
        """A language's name ("German"), or its id when it is not loaded."""
        found = self.languages.get(language)
        return found.name if found is not None else language


# The words a title's head is made of: unread characters after one of them may name another
# job ("产品研发经理", a product development manager); before them they qualify the title, as
# words before a head do in Chinese and Japanese ("数据中台产品经理", "高级会员产品经理").
_HEAD_WORDS = ROLE_NOUNS | {"product"}


_CJK_NAMES = dict.fromkeys(("HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "IDEOGRAPHIC", "BOPOMOFO"), "CJK")


def script_of(char: str) -> str:
    """The script a letter belongs to, by the first word of its Unicode name ("LATIN",
    "DEVANAGARI"); Chinese characters, kana and their marks are one script, "CJK", as Japanese
    writes them together; "" for a character without a name."""
    name = unicodedata.name(char, "").split(" ", 1)[0]
    return _CJK_NAMES.get(name, name)


def _inside_latin_run(word: str, start: int, end: int) -> bool:
    """Whether ``word[start:end]`` begins or ends inside a longer run of Latin letters and
    digits ("pm" in "PMO" or "TPM")."""
    before = start > 0 and _latin(word[start]) and _latin(word[start - 1])
    return before or (end < len(word) and _latin(word[end - 1]) and _latin(word[end]))


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _unknown_run(text: str) -> str:
    """Characters of an unspaced word that no piece reads, as the word they are: an
    abbreviation's reading when they are one ("sr" is senior; "pdm" stays an anchor)."""
    return ABBREVIATIONS.get(text, text) if text.isascii() else text
