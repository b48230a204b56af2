"""Markers of a past role in titles and headlines ("ex-", "former", "previously", "元"): the
pattern :mod:`titlemap.extract` splits text with, and the check the normalizer and
:meth:`titlemap.TitleMap.normalize` make before reading a cell as a current role."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .text import clean

__all__ = ["PAST", "PAST_MARKER", "PAST_WORDS", "Pattern", "has_past_marker"]

# The characters of a text searched for a marker (extract reads at most 1,000 characters).
_MAX_CHARS = 4_000


class Pattern:
    """A regular expression compiled on first use: the wide Unicode classes and case-insensitive
    alternatives below take tens of milliseconds to compile, which ``import titlemap`` should
    not pay (compiling twice in a race is harmless)."""

    __slots__ = ("_compiled", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        found = self._compiled
        if found is None:
            found = self._compiled = re.compile(self._source)
        return found

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def split(self, text: str) -> list[str]:
        return self.compiled.split(text)

    def sub(self, replacement: str, text: str) -> str:
        return self.compiled.sub(replacement, text)


# 3: markers: past, current, sought, and "turned" ("Engineer turned PM": past before it, current
# after). "ex-"/"Ex." in any case; "ex" before a space only as "ex"/"Ex" ("EX" is a team);
# 元 ("former") starting a word, before a name (元Google, 元メルカリ, 元楽天; not 地元, 元気).
# The lookahead names the letters a marker can start with: other positions fail at once (three
# times faster on titles, which mostly have none).
PAST = (
    r"(?=[EeFfPpAaVv元前曾])(?:"
    r"\b[Ee][Xx][-–.]\s*|\b[Ee]x\s+(?=\w)"
    r"|(?i:\b(?:formerly|former|previously|prev(?:ious)?|earlier|ehemals|ehem\.|fr[üu]her|vormals"
    r"|ancien(?:ne)?|anteriormente)\b[.:]?\s*|\bpast\s*:\s*)"
    r"|(?<![^\W\d_])元(?![々気])(?=[A-Za-z\u30a0-\u30ff\u4e00-\u9fff])|前職[:：]?\s*|曾任"
    r")"
)
# Lowercase pieces one of the markers holds: a title without any is ruled out by one search of
# literal words, before the pattern above.
_PIECES = re.compile("ex|form|prev|earl|ehem|fr|vorm|anc|ant|past|元|前職|曾任")
PAST_MARKER = Pattern(PAST)
# The same markers as the words a title's tokenizer reads them as (folded; "ex-Flipkart" reads
# as "ex" and "flipkart"): a title part that starts with one is a past role, not the team.
PAST_WORDS = frozenset(
    {"ex", "former", "formerly", "previously", "prev", "previous", "earlier", "ehemals", "ehem"}
    | {"fruher", "vormals", "ancien", "ancienne", "anteriormente", "past"}
)


def has_past_marker(text: str) -> bool:
    """Whether the text has a past-role marker ("ex-", "former", "previously", "元"...): one
    regular-expression search, for callers that read only such text further."""
    text = text[:_MAX_CHARS]
    if _PIECES.search(text.lower()) is None and text.isascii():
        return False
    if PAST_MARKER.search(text) is not None:
        return True
    return not text.isascii() and PAST_MARKER.search(clean(text)) is not None
