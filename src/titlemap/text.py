"""Text cleanup shared by the loader (alias keys) and the normalizer.

Every step is a compiled, linear-time pattern or a translate table, so time grows linearly with
the length of the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

__all__ = ["GenderEndings", "WordTest", "clean", "fold", "key", "key_of_clean", "marks", "sentence"]

_NON_WORD = re.compile(r"(?:[^\w/]|_)+")  # underscores too: "A_ B" is "a b"
_SLASH = re.compile(r"\s*/+\s*")


@cache
def _cleaners() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of :func:`clean` that only unusual text needs (non-ASCII or control
    characters), compiled on first use: their wide character classes take milliseconds.

    Joiners, soft hyphens, bidi marks and other format characters (category Cf) never separate
    words, so they vanish; C0/C1 controls, line separators and the zero-width space do separate
    words, so they become spaces. Surrogates and private-use code points are dropped."""
    vanish = re.compile(r"[\u00ad\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
    invisible = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b\u2028\u2029]")
    unprintable = re.compile(r"[\ud800-\udfff\ue000-\uf8ff]")
    return vanish, invisible, unprintable


def clean(text: str, endings: GenderEndings | None = None) -> str:
    """NFKC-normalize, remove invisible and control characters, collapse whitespace; with
    ``endings``, also remove the other-gender endings written glued to a word
    ("Produktmanager(in)" -> "Produktmanager")."""
    if not text.isascii():
        vanish, invisible, unprintable = _cleaners()
        text = vanish.sub("", unprintable.sub("", text))
        text = unicodedata.normalize("NFKC", text)
        text = invisible.sub(" ", text)
        if '"' in text or "'" in text:
            text = _hebrew_marks(text)
    elif not text.isprintable():
        text = _cleaners()[1].sub(" ", text)
    if endings is not None:
        text = endings.remove(text)
    return " ".join(text.split())


# a hyphen may stand before the ending ("Mitarbeiter/-in", "directeur(-trice)"); each pattern
# starts with its literal, so a title without one is passed over at once
_GENDER_INFIX = re.compile(r"\(-?([^\W\d_]{1,5})\)")
_GENDER_SUFFIX = re.compile(r"[/·.:*]-?([^\W\d_]{1,5})(?![\w.])")


@dataclass(frozen=True, slots=True)
class GenderEndings:
    """The other-gender endings that titles write glued to a word, from the language files.

    Only these endings are removed, so that "(jr)", "(pm)" or "web/app" stay words of the title.

    Attributes:
        bracketed: endings written in brackets or after a slash, a colon or a star:
            "Specialist(k)a", "Manažer(ka)", "Produktmanager(in)", "Jefe/a", German
            "Produktmanager:in" and "Produktmanager*in"; a one-letter ending may stand a space
            apart ("Director (a) de Producto").
        dotted: endings written after a dot or a middle dot ("Chef·fe", "Chef.fe"); a short list
            of its own, so that a web address ("shop.in") keeps its ending.

    >>> GenderEndings(frozenset({"in"}), frozenset({"fe"})).remove("Produktmanager(in), Chef·fe")
    'Produktmanager, Chef'
    """

    bracketed: frozenset[str] = frozenset()
    dotted: frozenset[str] = frozenset()

    def remove(self, text: str) -> str:
        """The text without the endings."""
        if self.bracketed and "(" in text:
            text = _GENDER_INFIX.sub(self._without_infix, text)
        if "/" in text or "." in text or "·" in text or ":" in text or "*" in text:
            text = _GENDER_SUFFIX.sub(self._without_suffix, text)
        return text

    def _without_infix(self, found: re.Match[str]) -> str:
        start, text, ending = found.start(), found.string, found.group(1).lower()
        if ending not in self.bracketed:
            return found.group(0)
        glued = start > 0 and text[start - 1].isalpha()
        spaced = len(ending) == 1 and start > 1 and text[start - 1] == " " and text[start - 2].isalpha()
        return "" if glued or spaced else found.group(0)

    def _without_suffix(self, found: re.Match[str]) -> str:
        start, text = found.start(), found.string
        endings = self.dotted if text[start] in "·." else self.bracketed
        # glued to a word of two letters or more (a Hebrew abbreviation's gershayim counts: סמנכ״ל/ית)
        glued = (
            start > 1 and text[start - 1].isalpha() and (text[start - 2].isalpha() or text[start - 2] in "״׳")
        )
        return "" if glued and found.group(1).lower() in endings else found.group(0)


def _hebrew_marks(text: str) -> str:
    """Keyboard quotes inside a Hebrew word as the marks they stand for: gershayim in an
    abbreviation (סמנכ"ל, a VP: סמנכ״ל) and geresh in a loan word (ג'וניור: ג׳וניור), so that the
    word is not cut in two."""
    gershayim, geresh = _hebrew_quotes()
    return geresh.sub("\u05f3", gershayim.sub("\u05f4", text))


@cache
def _hebrew_quotes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    letter = "[\u05d0-\u05ea]"
    return re.compile(f'(?<={letter})"(?={letter})'), re.compile(f"(?<={letter})'(?={letter})")


def fold(text: str) -> str:
    """Lowercase, with the accents of Latin letters removed ("Sénior Müller" -> "senior muller");
    other scripts (Japanese, Arabic) are kept as they are. The Turkish dotless ``ı`` is an ``i``,
    and in a word written in Latin letters a Cyrillic or Greek letter that looks like one (the
    ``е`` of "Sеnior") is that Latin letter; a word wholly in Cyrillic or Greek is left alone.

    >>> fold("Sénior Produktmanagerin, Zürich"), fold("Dırector"), fold("S\u0435nior")
    ('senior produktmanagerin, zurich', 'director', 'senior')
    """
    text = text.lower()
    if text.isascii():
        return text
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch) and out and out[-1] < "\u0250":
            continue  # a diacritic on a Latin letter
        out.append(ch)
    folded = unicodedata.normalize("NFC", "".join(out)).replace("ß", "ss").replace("ı", "i")
    if _LOOK_ALIKE.search(folded) is None:
        return folded
    return _WORD.sub(_latin_if_mixed, folded)


# Cyrillic and Greek lowercase letters that look like Latin ones (their capitals too, lowercased).
_TO_LATIN = str.maketrans(
    "аеорсухіјѕԁԛԝӏһвкмнтαβεζηικμνορτυχ",
    "aeopcyxijsdqwlhbkmhtabezhikmnoptyx",
)
_LOOK_ALIKE = re.compile("[аеорсухіјѕԁԛԝӏһвкмнтαβεζηικμνορτυχ]")
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile("[a-z]")


def _latin_if_mixed(word: re.Match[str]) -> str:
    """A word with Latin letters has its look-alike letters read as Latin; others are kept."""
    text = word.group()
    return text.translate(_TO_LATIN) if _ASCII_LETTER.search(text) else text


def key(text: str) -> str:
    """The comparison key of a title or alias: lowercase words of letters and digits (any
    script, Latin accents removed) joined by single spaces.

    A slash stays a word of its own, so "Senior/Principal" is not the alias "Senior Principal".

    >>> key("Sr. PM – Payments")
    'sr pm payments'
    >>> key("Sénior Produktmanager (m/w/d)")
    'senior produktmanager m / w / d'
    """
    return key_of_clean(clean(text))


def key_of_clean(text: str) -> str:
    """:func:`key` of a text that :func:`clean` has already cleaned."""
    folded = fold(text)
    spaced = (_NON_WORD if folded.isascii() else _non_word_any_script()).sub(" ", folded)
    return (_SLASH.sub(" / ", spaced) if "/" in spaced else spaced).strip(" /")


# Where combining marks are found: the combining diacritics, and the scripts from Hebrew to
# Mongolian (Arabic harakat, Indic vowel signs, Thai, Lao, Tibetan, Myanmar, Khmer), then the
# combining marks for symbols and the half marks.
_MARK_BLOCKS = ((0x0300, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))


@cache
def marks() -> str:
    """The combining marks (Unicode category M) of the world's scripts, as the body of a regular
    expression character class. ``\\w`` leaves them out, which would cut a Thai word such as
    ผู้จัดการ (manager) or a Hindi one such as प्रबंधक into pieces; the word patterns of
    non-ASCII text add them. Built on first use (a few milliseconds)."""
    spans: list[tuple[int, int]] = []
    for first, last in _MARK_BLOCKS:
        for point in range(first, last + 1):
            if unicodedata.category(chr(point))[0] != "M":
                continue
            if spans and spans[-1][1] == point - 1:
                spans[-1] = (spans[-1][0], point)
            else:
                spans.append((point, point))
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in spans)


@cache
def _non_word_any_script() -> re.Pattern[str]:
    """:data:`_NON_WORD` for text beyond ASCII: combining marks belong to their words."""
    return re.compile(rf"(?:[^\w/{marks()}]|_)+")


def sentence(note: str) -> str:
    """A note as a sentence of an explanation: first letter capitalized, one final period.

    >>> sentence("'Sr.' set the level")
    "'Sr.' set the level."
    >>> sentence("read 'PM' as product management.")
    "Read 'PM' as product management."
    """
    text = note.strip()
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


class WordTest:
    """A test of single words asked of whole texts: :meth:`any` says whether a word of a text
    (as written, between spaces) passes, and keeps each word's answer, since titles share their
    words. Numbers are never asked (the tests here are of letters) and never kept, as they
    rarely repeat; the answers kept are cleared when ``size`` are held.

    >>> test = WordTest(lambda word: word.lower().startswith("ex"))
    >>> test.any("Ex-Google PM 2024"), test.any("Senior PM")
    (True, False)
    """

    __slots__ = ("_seen", "_size", "_test")

    def __init__(self, test: Callable[[str], bool], size: int = 20_000) -> None:
        self._test = test
        self._size = size
        self._seen: dict[str, bool] = {}

    def any(self, text: str) -> bool:
        """Whether any word of ``text`` passes the test (a test that no space can split)."""
        seen = self._seen
        for word in text.split():
            found = seen.get(word)
            if found is None:
                if word.isdigit():
                    continue
                found = self._test(word)
                if len(seen) >= self._size:
                    seen.clear()
                seen[word] = found
            if found:
                return True
        return False
