"""A language file built into a :class:`~titlemap.records.Language`: its tables turned round
(each local word to the English words it reads as), its words folded as titles are, and every
entry checked.

A language file lists, per English reading, the local words that read as it::

    words:
      product manager: [produktmanager, produktmanagerin]
    phrases:
      product manager: [chef de produit]
    past_markers: [ancien, ancienne]
    employer_words: [chez]

The markers (``past_markers``, ``current_markers``, ``employer_words``,
``marker_exceptions``) are kept as written and compiled by :mod:`titlemap.markers`.
Words are compared folded (lowercase, Latin accents removed), as the normalizer reads titles.
"""

from __future__ import annotations

from .canonical import CANONICAL_RUNGS
from .models import LanguageFile
from .records import Language
from .text import fold, key
from .vocabulary import LOOKALIKE_FAMILIES
from .yamltree import Document

__all__ = ["build_language"]

_CANONICAL_TITLES = frozenset(r.title for r in CANONICAL_RUNGS.values()) | {"NONE"}
_FAMILIES = frozenset(family for family, _, _ in LOOKALIKE_FAMILIES)


def build_language(doc: Document, file: LanguageFile) -> Language:
    """The language ``file`` describes.

    Raises:
        LadderError: naming the file and the place of the first problem (a local word listed
            under two readings, a phrase of one word, an unknown look-alike family or example
            title).
    """
    for i, (_, expected) in enumerate(file.examples):
        if expected not in _CANONICAL_TITLES:
            raise doc.error(
                f"{expected!r} is not a canonical title or NONE (e.g. 'Senior Product Manager')",
                f"examples[{i}]",
            )
    for table in ("lookalike_stems", "shared_titles"):
        for family in getattr(file, table):
            if family not in _FAMILIES:
                raise doc.error(
                    f"unknown look-alike family {family!r}; use one of: {', '.join(sorted(_FAMILIES))}",
                    table,
                )
    both = set(map(fold, file.past_markers)) & set(map(fold, file.current_markers))
    if both:
        raise doc.error(
            f"{sorted(both)[0]!r} is both a past and a current marker; keep one", "current_markers"
        )
    return Language(
        id=file.id,
        name=file.name,
        words=_words(doc, file.words, "words"),
        market_words=_words(doc, file.market_words, "market_words"),
        phrases=_phrases(doc, file.phrases),
        parts=_words(doc, file.parts, "parts"),
        head_first=file.head_first,
        gender_endings=file.gender_endings,
        dotted_gender_endings=file.dotted_gender_endings,
        stems={family: tuple(fold(s) for s in stems) for family, stems in file.lookalike_stems.items()},
        shared_titles={key(t): family for family, titles in file.shared_titles.items() for t in titles},
        examples=file.examples,
        sources=tuple(s.record() for s in file.sources),
        file=doc.name,
        past_markers=file.past_markers,
        current_markers=file.current_markers,
        employer_words=file.employer_words,
        marker_exceptions=file.marker_exceptions,
    )


def _words(doc: Document, table: dict[str, tuple[str, ...]], name: str) -> dict[str, tuple[str, ...]]:
    """``{english: [local words]}`` turned round: each folded local word -> its English words."""
    out: dict[str, tuple[str, ...]] = {}
    for english, locals_ in table.items():
        reading = tuple(key(english).split())
        if not reading:
            raise doc.error(f"{english!r} has no English words", name)
        for i, local in enumerate(locals_):
            word = fold(local.strip())
            if not word or len(key(word).split()) != 1:
                raise doc.error(
                    f"{local!r} is not one word; list phrases of several words under `phrases:`",
                    f"{name}[{i}]",
                )
            if out.get(word, reading) != reading:
                raise doc.error(
                    f"{local!r} reads as both {' '.join(out[word])!r} and {english!r}; keep one",
                    f"{name}[{i}]",
                )
            out[word] = reading
    return out


def _phrases(doc: Document, table: dict[str, tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each local phrase, as its folded words, -> its English words (the normalizer reads the
    phrase's words as it reads any title's, then looks the phrase up)."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for english, phrases in table.items():
        reading = tuple(key(english).split())
        for i, phrase in enumerate(phrases):
            read = tuple(key(phrase).split())
            if len(read) < 2:
                raise doc.error(f"{phrase!r} is one word; list single words under `words:`", f"phrases[{i}]")
            if out.get(read, reading) != reading:
                raise doc.error(f"{phrase!r} reads as two readings; keep one", f"phrases[{i}]")
            out[read] = reading
    return out
