"""Markers in titles and headlines: of a past role ("ex-", "former", "ehemals", "元"), of the
current one ("currently", "aktuell", "現在"), of a role sought ("aspiring"), and the words
before an employer ("at", "bei", "chez"). :mod:`titlemap.extract` splits text with them, and
:meth:`titlemap.TitleMap.normalize` checks a title for a past marker before reading it as a
current role.

English, the language titlemap reads titles in, and the Latin "ex-" are built in; every other
language's markers are data, the ``past_markers``, ``current_markers``, ``employer_words`` and
``marker_exceptions`` of its language file. :class:`Markers` compiles the markers of a set of
languages (:attr:`titlemap.lexicon.Lexicon.markers` holds the loaded languages' ones, and
:func:`titlemap.extract.has_past_marker` asks them):

>>> m = Markers(past=["ehemals"], employer=["bei"])
>>> m.has_past("Ehemals PM, jetzt Berater"), m.has_past("Senior PM"), m.has_past("ex-Google")
(True, False, True)
>>> m.at.search("PM bei SAP").group()
' bei '

How a marker is read:

- a word ("former", "ehemals") in any letter case, as a whole word, with an optional "." or
  ":" after it; its spelling without accents too ("früher", "fruher"); words of a phrase
  ("zuvor bei") are separated by any spaces;
- a word ending in "-" ("ex-") before a hyphen, dash or full stop ("ex-Google", "Ex.PM"), or
  before a space when written in lowercase or capitalized ("ex Google"; "EX" is a team);
- a word ending in ":" ("past:") only with its colon; one ending in "." ("ehem.") with its dot;
- a word in a script written without spaces (Chinese, Japanese) anywhere in the text, with an
  optional colon after it ("前職:"); a single character ("元") only at the start of a word and
  before a name (a letter that is not hiragana: "元Google", "元楽天"; not "地元", "元から");
- a ``marker_exceptions`` word that starts with a marker is not that marker ("元気").

Employer words are read as written (lowercase), between spaces and before a name: a capital, a
digit or another script ("at Razorpay", "bei SAP", "en Rappi"); "@" always marks an employer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .text import WordTest, clean, fold, key

if TYPE_CHECKING:
    from .records import Language

__all__ = [
    "ENGLISH_CURRENT",
    "ENGLISH_EMPLOYER",
    "ENGLISH_PAST",
    "Markers",
    "Pattern",
]

#: The English past markers, built in (other languages' are in their language files).
ENGLISH_PAST: tuple[str, ...] = ("ex-", "former", "formerly", "previously", "prev", "previous")
ENGLISH_PAST += ("earlier", "past:")
#: The English current-role markers, built in.
ENGLISH_CURRENT: tuple[str, ...] = ("currently", "current", "now", "presently")
#: The English word before an employer, built in ("@" is read in every language).
ENGLISH_EMPLOYER: tuple[str, ...] = ("at",)

# Roles sought ("Aspiring PM") and "X turned Y" (X is past), English only.
_SOUGHT = (
    r"(?i:\b(?:aspiring|aspirant|wannabe|seeking|looking\s+for|incoming|transitioning\s+(?:in)?to"
    r"|open\s+to\s+(?:work|new|roles?|opportunit\w*))\b\s*)"
)
_TURNED = r"(?i:\s+turned\s+)"
# The first words of the sought markers above, for the literal prefilter.
_SOUGHT_WORDS = ("aspiring", "aspirant", "wannabe", "seeking", "looking", "incoming", "transitioning", "open")
# The characters of a text searched for a marker (extract reads at most 1,000 characters).
_MAX_CHARS = 4_000
# Scripts written without spaces: a marker in them is not bounded by spaces.
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HIRAGANA = "\u3040-\u309f"
_PIECE_CHARS = 4  # the literal prefilter's pieces: the first characters of each ASCII marker


class Pattern:
    """A regular expression compiled on first use: the wide Unicode classes and case-insensitive
    alternatives below take tens of milliseconds to compile, which ``import titlemap`` should
    not pay (compiling twice in a race is harmless)."""

    __slots__ = ("_compiled", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    @property
    def source(self) -> str:
        """The regular expression."""
        return self._source

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled expression."""
        found = self._compiled
        if found is None:
            found = self._compiled = re.compile(self._source)
        return found

    def search(self, text: str) -> re.Match[str] | None:
        """:meth:`re.Pattern.search`."""
        return self.compiled.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """:meth:`re.Pattern.finditer`."""
        return self.compiled.finditer(text)

    def split(self, text: str) -> list[str]:
        """:meth:`re.Pattern.split`."""
        return self.compiled.split(text)

    def sub(self, replacement: str, text: str) -> str:
        """:meth:`re.Pattern.sub`."""
        return self.compiled.sub(replacement, text)

    def __reduce__(self) -> tuple[type[Pattern], tuple[str]]:
        return Pattern, (self._source,)


class Markers:
    """The markers of a set of languages, with English's built in, compiled on first use.

    Args:
        past: past-role markers ("ehemals", "ehem.", "元").
        current: current-role markers ("aktuell", "現在").
        employer: words written before an employer ("bei").
        exceptions: words that start with a marker but are not one ("元気").

    Attributes:
        past: the pattern of a past marker.
        split: the pattern :mod:`titlemap.extract` splits a chunk with: groups ``past``,
            ``current``, ``sought`` and ``turned``.
        at: the pattern of "@" or an employer word before a name.
        past_words: the past markers as the words a title's tokenizer reads ("ex", "ehemals"):
            a title part that starts with one is a past role, not the team.
    """

    __slots__ = (
        "_marking_words",
        "_not_held",
        "_pieces",
        "_pieces_any_script",
        "at",
        "past",
        "past_words",
        "split",
    )

    def __init__(
        self,
        past: Iterable[str] = (),
        current: Iterable[str] = (),
        employer: Iterable[str] = (),
        exceptions: Iterable[str] = (),
    ) -> None:
        past_all = _unique((*ENGLISH_PAST, *past))
        current_all = _unique((*ENGLISH_CURRENT, *current))
        skip = tuple(exceptions)
        past_source = _markers_pattern(past_all, skip, colon=False)
        current_source = _markers_pattern(current_all, skip, colon=True)
        self.past = Pattern(past_source)
        self.split = Pattern(
            f"(?P<past>{past_source})|(?P<current>{current_source})|(?P<sought>{_SOUGHT})|(?P<turned>{_TURNED})"
        )
        words = "|".join(re.escape(w) for w in _longest_first(_unique((*ENGLISH_EMPLOYER, *employer))))
        self.at = Pattern(rf"\s*@\s*|\s+(?:{words})\s+(?=[^\W_a-z])")
        self.past_words = frozenset(
            key(m).split()[0] for m in past_all if not _UNSPACED.search(m) and len(key(m).split()) == 1
        )
        self._pieces = Pattern(_pieces((*past_all, *_SOUGHT_WORDS)))
        self._pieces_any_script = Pattern(_pieces_any_script((*past_all, *_SOUGHT_WORDS)))
        self._not_held = Pattern(f"{past_source}|{_SOUGHT}")
        # the prefilter word by word, for ASCII texts (a piece never spans a space, so the
        # answer is the text's): titles share their words, so most are looked up, not searched
        self._marking_words = WordTest(self._starts_piece)

    @classmethod
    def of(cls, languages: Iterable[Language]) -> Markers:
        """The markers of ``languages`` (with English's)."""
        found = list(languages)
        return cls(
            past=[m for lang in found for m in lang.past_markers],
            current=[m for lang in found for m in lang.current_markers],
            employer=[w for lang in found for w in lang.employer_words],
            exceptions=[w for lang in found for w in lang.marker_exceptions],
        )

    def has_past(self, text: str) -> bool:
        """Whether the text has a past-role marker: for most titles, one search of literal
        pieces ("ex", "form", "prev"...) rules it out."""
        return self._search(self.past, text)

    def has_past_or_sought(self, text: str) -> bool:
        """Whether the text has a past-role marker or a sought-role one ("aspiring", "seeking",
        "open to work"): a title cell with one may name no role its writer holds."""
        return self._search(self._not_held, text)

    def _starts_piece(self, word: str) -> bool:
        return self._pieces.search(word.lower()) is not None

    def _search(self, pattern: Pattern, text: str) -> bool:
        text = text[:_MAX_CHARS]
        if text.isascii():
            return self._marking_words.any(text) and pattern.search(text) is not None
        cleaned = clean(text)
        if self._pieces_any_script.search(cleaned.lower()) is None:
            return False
        return pattern.search(text) is not None or pattern.search(cleaned) is not None


# -- building the patterns --------------------------------------------------------------------


def _unique(markers: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.strip() for m in markers if m.strip()))


def _longest_first(words: Iterable[str]) -> list[str]:
    return sorted(words, key=lambda w: (-len(w), w))


def _spelled(marker: str) -> list[str]:
    """A marker and its spelling without accents, when that differs ("früher", "fruher")."""
    folded = fold(marker)
    return [marker] if folded == marker.lower() else [marker, folded]


def _phrase(word: str) -> str:
    return r"\s+".join(re.escape(w) for w in word.split())


def _markers_pattern(markers: tuple[str, ...], exceptions: tuple[str, ...], colon: bool) -> str:
    """One regular expression for ``markers`` (see the module's rules), preceded by a lookahead
    on the characters a marker can start with: other positions fail at once."""
    words: list[str] = []
    stops: list[str] = []  # ending in "." or ":", written with it
    prefixes: list[str] = []  # ending in "-"
    unspaced: list[str] = []
    for marker in markers:
        if _UNSPACED.search(marker):
            unspaced.append(_unspaced(marker, exceptions))
            continue
        for spelling in _spelled(marker):
            if spelling.endswith("-"):
                prefixes.append(spelling[:-1])
            elif spelling.endswith((".", ":")):
                stops.append(_phrase(spelling[:-1]) + (r"\." if spelling.endswith(".") else r"\s*:"))
            else:
                words.append(_phrase(spelling) + _not_before(spelling, exceptions))
    after = r"\s*:?\s*" if colon else r"[.:]?\s*"
    parts = [
        *(rf"\b[{p[0].lower()}{p[0].upper()}](?i:{re.escape(p[1:])})[-–.]\s*" for p in prefixes),
        *(rf"\b(?:{re.escape(p)}|{re.escape(p.capitalize())})\s+(?=\w)" for p in prefixes),
    ]
    if words:
        parts.append(rf"(?i:\b(?:{'|'.join(_longest_first(words))})\b{after})")
    if stops:
        parts.append(rf"(?i:\b(?:{'|'.join(_longest_first(stops))})\s*)")
    parts += unspaced
    starts = sorted({c for m in markers for s in _spelled(m) for c in (s[0].lower(), s[0].upper())})
    first = "".join(re.escape(c) for c in starts)
    return f"(?=[{first}])(?:{'|'.join(parts)})"


def _not_before(marker: str, exceptions: tuple[str, ...]) -> str:
    """A lookahead refusing the rest of each exception word that starts with ``marker``."""
    rests = [e[len(marker) :] for e in exceptions if e.lower().startswith(marker.lower()) and e != marker]
    return f"(?!{'|'.join(re.escape(r) for r in rests)})" if rests else ""


def _unspaced(marker: str, exceptions: tuple[str, ...]) -> str:
    """A marker in a script without spaces: anywhere, or (one character) at a word's start
    before a name."""
    body = re.escape(marker) + _not_before(marker, exceptions)
    if len(marker) == 1:
        return rf"(?<![^\W\d_]){body}(?=[^\W\d_])(?![{_HIRAGANA}])"
    return body + r"[:：]?\s*"


def _pieces_any_script(markers: tuple[str, ...]) -> str:
    """The literal prefilter of text beyond ASCII, searched in the cleaned text in lowercase: the
    first characters of each marker in any script and spelling, anywhere in a word (cleaning may
    join what a boundary separated in the text as written)."""
    found: set[str] = set()
    for marker in markers:
        for spelling in _spelled(marker):
            stem = spelling.lower().strip("-.:")
            if stem:
                found.add(stem[:_PIECE_CHARS])
    kept = sorted(p for p in found if not any(q != p and p.startswith(q) for q in found))
    return "|".join(re.escape(p) for p in kept) if kept else "(?!)"


def _pieces(markers: tuple[str, ...]) -> str:
    """The literal prefilter of ASCII text: the first characters of each marker written in ASCII,
    lowercase, at the start of a word; a piece another one starts with is left out."""
    found: set[str] = set()
    for marker in markers:
        for spelling in _spelled(marker):
            stem = spelling.lower().rstrip("-.:").split()[0] if spelling.strip("-.:") else ""
            if stem and stem.isascii():
                found.add(stem[:_PIECE_CHARS])
    kept = sorted(p for p in found if not any(q != p and p.startswith(q) for q in found))
    # every ASCII marker starts a word (the patterns open with \b): "Platform" holds no "form"
    return rf"\b(?:{'|'.join(re.escape(p) for p in kept)})" if kept else "(?!)"
