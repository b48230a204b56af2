"""Free text read as a person's current role: headlines, résumé lines and job-posting headlines.

"Senior PM @ Swiggy | ex-Flipkart | IIM A" is a Senior Product Manager at Swiggy, formerly at
Flipkart, with a school beside; "Angel investor | ex-Google PM" holds no role now. The text is
read with the public reading underneath (:meth:`TitleMap.normalize` at an employer,
:meth:`TitleMap.company_id`, :meth:`TitleMap.find_place` (what :meth:`TitleMap.locate` finds),
:meth:`TitleMap.reason`), in five steps:

1. **clean** the text and keep its first :data:`MAX_TEXT_CHARS` characters (a headline's role
   comes first; every later step is linear in what is kept, with at most :data:`MAX_SPANS` spans);
2. **whole**: text without markers and separators that :meth:`~TitleMap.normalize` reads is one
   title, read exactly as ``normalize`` reads it;
3. **split** it into chunks at separators (``|``, ``•``, ``·``, ``;``, brackets ``【】()[]``,
   sentence ends) and each chunk into spans at markers: past (``ex-``, ``former``,
   ``previously``, ``元``...), current (``now``, ``currently``) and sought (``aspiring``,
   ``seeking``...); a marker holds until the next one or the end of its chunk;
4. **classify** each span: a role (read at the employer written after ``@``/``at``), an
   employer, a school or degree (IIM, MBA, CSPO...), a place, a founder or investor, other;
5. **pick** the current role, the first role outside a past or sought span, with its employer
   (after ``@``/``at``, named in the title, a company span, or a Japanese posting's company);
   without one, say why: a founder or investor, a role sought, a past role only, or the reason
   the most role-like span was not read.

The front door is :func:`titlemap.extract` (the bundled ladders) or :meth:`TitleMap.extract`;
this module takes the :class:`~titlemap.TitleMap` to read with, and imports none (it sits below
``titlemap.core`` in the layers).

>>> from titlemap import TitleMap
>>> e = extract_in(TitleMap.default(), "Senior PM @ Swiggy | ex-Flipkart | IIM A", market="in")
>>> e.current.title, e.employer, [p.employer for p in e.past]
('Senior Product Manager', 'swiggy', ['flipkart'])
>>> str(extract_in(TitleMap.default(), "ex-product manager, Flipkart").reason)
"past-role: names only a past role ('ex-product manager, Flipkart'), no current one"
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

from .employer import Employer, EmployerLike, as_employer
from .markers import Markers, Pattern
from .match import Match
from .reasons import Reason
from .text import clean

if TYPE_CHECKING:
    from .places import Located
    from .tokens import Tokenizer

__all__ = [
    "EXTRACT_COLUMNS",
    "MAX_SPANS",
    "MAX_TEXT_CHARS",
    "Extraction",
    "PastRole",
    "Span",
    "SpanKind",
    "TitleReader",
    "extract_in",
    "extraction_values",
    "has_past_marker",
    "past_role",
]

#: Characters of a text that are read; the rest is ignored (a headline's role comes first).
MAX_TEXT_CHARS = 1_000
#: Spans that are read; a text split into more keeps the first ones.
MAX_SPANS = 32
# A span longer than a title is not read as one (tokens.MAX_TITLE_CHARS).
_MAX_ROLE_CHARS = 300

#: What a span of the text was read as (:attr:`Extraction.spans`).
SpanKind = Literal[
    "current", "role", "past", "employer", "education", "location", "founder", "investor", "sought", "other"
]


# -- the patterns, in the order the steps use them ----------------------------------------------

# 3: chunk separators: bars, bullets, semicolons, line breaks, brackets, Japanese full stops;
# a sentence end ([.!?] before a space) is checked against abbreviations in _chunks.
_SEPARATOR = Pattern(r"[|｜•·;\n\r\t【】「」『』\[\]()（）{}<>〈〉《》〔〕]|。|[.!?](?=\s|$)")
# Words written with a full stop that do not end a sentence ("Sr. PM", "Acme Inc. | PM").
_ABBREVIATED = frozenset(
    {"sr", "jr", "snr", "jnr", "sen", "mgr", "mngr", "dir", "assoc", "asso", "asst", "prev", "prod"}
    | {"eng", "engg", "tech", "inc", "ltd", "pvt", "co", "corp", "st", "dr", "mr", "ms", "mrs", "no"}
    | {"vs", "dept", "div", "intl", "exec", "ops", "grp", "princ", "vp", "svp", "evp", "avp", "ehem"}
    | {"approx", "fmr"}
)
_STOPS = frozenset(".!?")
_TITLE_BRACKETS = frozenset("()[]（）")  # titles hold them: "Product Manager (Payments)"
_CJK_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# 3 and 4: the markers of past and current roles, of roles sought, and the words before an
# employer ("@", "at", "bei", "chez"...) come from the loaded languages (titlemap.markers).
_PARTS = Pattern(r"\s*,\s*|\s+[-–—]+\s+|\s+/\s+")
_PAST_PARTS = Pattern(r"\s*,\s*|\s+(?:and|&|\+)\s+|\s+/\s+")
_FOUNDER = Pattern(
    r"(?i:\b(?:co-?\s?founder|founder|founding\s+(?:team|member)|ceo|chief\s+executive(?:\s+officer)?"
    r"|entrepreneur|solopreneur)\b)"
)
_INVESTOR = Pattern(r"(?i:\b(?:investors?|investing|angel|vc|venture\s+(?:capitalist|partner))\b)")
_EDUCATION = Pattern(
    r"\b(?:IIM|IIT|ISB|BITS|NIT|XLRI|FMS|MBA|PGDM|PGP|PhD|Ph\.D|B\.?\s?Tech|M\.?\s?Tech|MSc|BSc|BBA|BCom"
    r"|CSPO|PSPO|CSM|SAFe|HBS|LBS|INSEAD|IESE|ESADE|HEC|ESSEC|Wharton|Kellogg|Stanford|Harvard)\b"
    r"|(?i:\b(?:university|universit[äé]t?|universidad|universidade|universit[àa]|universiteit"
    r"|hochschule|college|school|institute|alumn(?:us|a|i|ae)|alum|graduate)\b)|大学"
)
_ALUM = Pattern(r"(?i:\s+(?:alumn(?:us|a|i|ae)|alum)\s*$)")
# A company's people ("Googler", "Amazonian", "Microsoftie"): the company with the ending cut.
_DEMONYM = Pattern(r"(?i:(?:ian|ie|er|r)$)")
# 4: Japanese and other scripts written without spaces: Latin words glued to them, "_" and the
# particle の separate words ("ME_AIプロダクトマネージャー", "物流自動化システム開発の
# プロダクトマネージャー").
_CJK = Pattern(f"[{_CJK_CHAR}]")
_SCRIPT_EDGE = Pattern(f"(?<=[A-Za-z0-9])(?=[{_CJK_CHAR}])|(?<=[{_CJK_CHAR}])(?=[A-Za-z0-9])")
_CJK_JOINER = Pattern(f"[_＿]|(?<=[{_CJK_CHAR}])の(?=[{_CJK_CHAR}])")
# The hint of a refusal that found no job at all (titlemap.reasons.why_unread).
_NO_ROLE_HINT = "no product-management role in the title"
_STRIP = " \t-–—,/:+&*~'\"“”‘’"
_STRIP_NAME = _STRIP + ".!?"  # around an employer's name or a place

# -- results -------------------------------------------------------------------------------------


class TitleReader(Protocol):
    """What reading a free text needs of the ladders: the public reading of a
    :class:`~titlemap.TitleMap`, which is one (this module sits below ``titlemap.core`` and
    imports none of it)."""

    @property
    def tokenizer(self) -> Tokenizer:
        """The loaded languages' words and markers."""

    def market_id(self, market: str) -> str:
        """The id of a market as written (an id, code, country or city)."""

    def normalize(self, title: str, market: str = ..., *, employer: EmployerLike = None) -> Match | None:
        """A title read as a rung of the market's ladder, or None."""

    def reason(self, title: object, market: str = ..., *, employer: EmployerLike = None) -> Reason | None:
        """Why :meth:`normalize` does not read a title, or None when it does."""

    def company_id(self, company: str) -> str | None:
        """The company ladder id for a company as people write it, or None."""

    def find_place(self, place: str) -> Located | None:
        """Where a place points, or None when the text names no place."""


class Span(NamedTuple):
    """A part of the text and what it was read as (see :data:`SpanKind`): ``current`` (the
    current role), ``role`` (another role held now), ``past`` (a past role or employer, with
    its marker), ``employer``, ``education`` (a school, degree or certificate), ``location``,
    ``founder``, ``investor``, ``sought`` (a role sought: "Aspiring PM"), ``other``."""

    kind: SpanKind
    text: str

    def to_dict(self) -> dict[str, str]:
        """The span as plain data."""
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True, slots=True)
class PastRole:
    """An earlier role named in the text: "ex-Flipkart", "Previously Amazon", "ex-PM at Swiggy".

    Attributes:
        title: the role read as a :class:`~titlemap.Match` (at ``employer`` when it is a
            company ladder), or None when only the employer is named.
        employer: the company ladder id when known, else the employer as written, or None.
        raw: the text it was read from, with its marker ("ex-PM at Swiggy").
    """

    title: Match | None
    employer: str | None
    raw: str

    def to_dict(self) -> dict[str, Any]:
        """The past role as plain data (its title as :meth:`Match.to_dict`)."""
        return {
            "title": None if self.title is None else self.title.to_dict(),
            "employer": self.employer,
            "raw": self.raw,
        }

    def describe(self) -> str:
        """The role in a few words: "Product Manager at flipkart", "amazon", or the raw text."""
        parts = [self.title.canonical_title if self.title else None, self.employer]
        return " at ".join(p for p in parts if p) or self.raw


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a free text says about a person's role (the result of :func:`extract`).

    Attributes:
        current: the current role as a :class:`~titlemap.Match`, or None.
        employer: the current employer: a company ladder id when known ("swiggy"), else the
            employer as written ("マネーフォワード"), or None.
        past: earlier roles, in the order written.
        location: a place named in the text, as written ("東京", "Remote - India"), or None.
        reason: why there is no current role (a :class:`~titlemap.reasons.Reason`), or None.
        raw: the text exactly as given.
        spans: the parts of the text and what each was read as, in order.
    """

    current: Match | None
    employer: str | None
    past: tuple[PastRole, ...]
    location: str | None
    reason: Reason | None
    raw: str
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The extraction as plain data for JSON (the reason as its text, "code: hint")."""
        return {
            "current": None if self.current is None else self.current.to_dict(),
            "employer": self.employer,
            "past": [p.to_dict() for p in self.past],
            "location": self.location,
            "reason": None if self.reason is None else str(self.reason),
            "raw": self.raw,
            "spans": [s.to_dict() for s in self.spans],
        }


# -- the reading --------------------------------------------------------------------------------


def extract_in(
    titlemap: TitleReader, text: str, market: str = "us", *, employer: EmployerLike = None
) -> Extraction:
    """Read a free text with ``titlemap``'s ladders (what :meth:`TitleMap.extract` does).

    The roles are read in ``market`` (an id, code, country or city, as for
    :meth:`TitleMap.normalize`). ``employer`` is the context known from outside the text (a
    row's company, sector, stage): its sector and stage always apply, and its company is the
    employer unless the text names one. Empty text gives ``current=None`` with a ``blank`` reason.

    Raises:
        TypeError: when ``text`` is not a str, or ``employer`` not an Employer or str.
        UnknownMarketError: when ``market`` is not loaded.
        ValueError: for an employer with an unknown sector or stage.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return _Reader(titlemap, titlemap.market_id(market), as_employer(employer)).read(text)


def has_past_marker(text: str, titlemap: TitleReader) -> bool:
    """Whether the text has a past-role marker of ``titlemap``'s languages ("ex-", "former",
    "previously", "ehemals", "元"...): for most titles one search of literal pieces.

    >>> from titlemap import TitleMap
    >>> has_past_marker("Senior PM (ex-Amazon)", TitleMap.default())
    True
    """
    return titlemap.tokenizer.lexicon.markers.has_past(text)


def past_role(
    title: object,
    market: str = "us",
    *,
    titlemap: TitleReader,
    employer: EmployerLike = None,
) -> Reason | None:
    """Why a title cell that names a past role, or a role sought, holds no current one, or None.

    None when the title has no past or sought marker (the common case: one regular-expression
    search) or names a current role beside the other ("Senior PM | ex-Flipkart"); else the reason
    :func:`extract` gives: ``past-role`` ("ex-product manager, Flipkart", "former CPO at Acme",
    "Ex-PM"), or ``not-product`` for a founder or investor ("Angel investor | ex-Google PM") and
    for a role sought, not held ("Aspiring PM", "Open to work: Product Manager").
    This is the check :meth:`TitleMap.normalize` and :meth:`TitleMap.reason` make before
    reading a cell. It never reads text with a past marker through ``normalize``, so calling it
    from there does not recurse.

    >>> from titlemap import TitleMap
    >>> tm = TitleMap.default()
    >>> str(past_role("Ex-PM", titlemap=tm))
    "past-role: names only a past role ('Ex-PM'), no current one"
    >>> [past_role(cell, titlemap=tm) for cell in ("Senior PM (ex-Amazon)", "Senior PM")]
    [None, None]
    """
    if not isinstance(title, str) or getattr(_INSIDE, "past_role", False):
        return None
    if not titlemap.tokenizer.lexicon.markers.has_past_or_sought(title):
        return None
    _INSIDE.past_role = True  # a guard: the spans read below never hold a marker anyway
    try:
        found = extract_in(titlemap, title, market, employer=employer)
    finally:
        _INSIDE.past_role = False
    if found.current is not None or not (found.past or any(s.kind == "sought" for s in found.spans)):
        return None
    return found.reason


_INSIDE = threading.local()


# -- the columns of the front doors --------------------------------------------------------------

#: Columns added by the command line, pandas and Spark when extracting, in order; each is filled
#: by :func:`extraction_values`. ``current_level`` holds whole numbers, ``current_confidence``
#: floats, the others text.
EXTRACT_COLUMNS: tuple[str, ...] = (
    "current_title",
    "current_canonical_title",
    "current_rung",
    "current_level",
    "current_confidence",
    "employer",
    "past",
    "location",
    "reason",
    "note",
)


def extraction_values(
    extraction: Extraction | None, reason: str | None = None, note: str | None = None
) -> tuple[str | int | float | None, ...]:
    """The :data:`EXTRACT_COLUMNS` cells for one extraction: the current role's title, canonical
    title, rung id, level and confidence, the employer, the past roles joined by ``"; "``
    ("Product Manager at flipkart; amazon"), the place, the reason and the note (the row's
    context cells that could not be read). ``reason`` replaces the extraction's own reason
    text; None for ``extraction`` is a row not read.

    >>> from titlemap import TitleMap
    >>> extraction_values(extract_in(TitleMap.default(), "Senior PM @ Swiggy | ex-Flipkart", "in"))[2:]
    ('senior-product-manager', 3, 1.0, 'swiggy', 'flipkart', None, None, None)
    """
    if extraction is None:
        return (None,) * (len(EXTRACT_COLUMNS) - 2) + (reason, note)
    current = extraction.current
    if reason is None and extraction.reason is not None:
        reason = str(extraction.reason)
    if current is None:
        role: tuple[str | int | float | None, ...] = (None,) * 5
    else:
        role = (current.title, current.canonical_title, current.rung.id, current.level, current.confidence)
    past = "; ".join(p.describe() for p in extraction.past) or None
    return (*role, extraction.employer, past, extraction.location, reason, note)


# -- the reader ----------------------------------------------------------------------------------

_Scope = Literal["neutral", "past", "current", "sought"]


class _Piece:
    """A span of one chunk with the marker before it (step 3). Plain classes, not dataclasses,
    keep ``import titlemap`` quick."""

    __slots__ = ("marker", "scope", "text")

    def __init__(self, scope: _Scope, marker: str, text: str) -> None:
        self.scope = scope
        self.marker = marker
        self.text = text


class _Read:
    """A span outside past markers, read (step 4): its kind, its role, the employer written
    after @/at (or named before the role) and a place."""

    __slots__ = ("employer", "kind", "match", "piece", "place")

    def __init__(self, piece: _Piece, kind: SpanKind, employer: str | None = None) -> None:
        self.piece = piece
        self.kind: SpanKind = kind
        self.match: Match | None = None
        self.employer = employer
        self.place: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.kind, f"{self.piece.marker}{self.piece.text}")


class _Reader:
    """One extraction: the TitleMap, the market id and the caller's employer."""

    def __init__(self, tm: TitleReader, market: str, employer: Employer | None) -> None:
        self.tm = tm
        self.market = market
        self.employer = employer
        self.markers = tm.tokenizer.lexicon.markers

    # -- the words of one span -------------------------------------------------------------------

    def _at(self, company: str | None) -> Employer | None:
        """The caller's employer at ``company`` (an employer the text names wins over the caller's)."""
        if company is None:
            return self.employer
        if self.employer is None:
            return Employer(company=company)
        return replace(self.employer, company=company)

    def normalize(self, text: str, company: str | None = None) -> Match | None:
        """:meth:`TitleMap.normalize` of a span; text with a past marker is never read (so a
        normalizer that asks :func:`past_role` about a title cannot recurse)."""
        text = text.strip(_STRIP)
        if not text or len(text) > _MAX_ROLE_CHARS or self.markers.past.search(text):
            return None
        return self.tm.normalize(text, self.market, employer=self._at(company))

    def role(self, head: str, company: str | None) -> Match | None:
        """A role in ``head``: as a whole, else its first comma or dash part that reads, else (in
        Japanese and other scripts without spaces) its words set apart, else the shortest
        reading at its end; never when the whole is refused as another job (a look-alike:
        "Intern, Pharmaceutical Engineering, Drug Product, PDM")."""
        found = self.normalize(head, company)
        if found is not None or self.refused(head) is not None:
            return found
        parts = [p for p in _PARTS.split(head) if p.strip(_STRIP)]
        if len(parts) > 1:
            for part in parts[:MAX_SPANS]:
                found = self.normalize(part, company)
                if found is not None:
                    return found
        if _CJK.search(head):
            spaced = _spaced(head)
            found = self.normalize(spaced, company) if spaced != head else None
            words = spaced.split()[-8:]
            for start in range(1, len(words)):
                if found is not None:
                    break
                found = self.normalize(" ".join(words[start:]), company)
        return found

    def refused(self, text: str) -> Reason | None:
        """The reason ``text`` was refused when it names another job (a look-alike, a brand
        role, a project manager), else None (no job named, or a product role unclear)."""
        text = text.strip(_STRIP)
        if not text or len(text) > _MAX_ROLE_CHARS or self.markers.past.search(text):
            return None
        why = self.tm.reason(text, self.market, employer=self.employer)
        return why if why is not None and why.code == "not-product" and why.hint != _NO_ROLE_HINT else None

    def company(self, text: str) -> str | None:
        """The company ladder id of a name ("Google India" is google), or None."""
        text = text.strip(_STRIP_NAME)
        if not text or len(text) > 100:
            return None
        return self.tm.company_id(text)

    def place(self, text: str) -> str | None:
        """The text as written when it names a place of a loaded market, else None."""
        text = text.strip(_STRIP_NAME)
        if not text or len(text) > 80 or _EDUCATION.search(text) or not any(c.isalpha() for c in text):
            return None
        return None if self.tm.find_place(text) is None else text

    def leading_company(self, text: str) -> tuple[str, str] | None:
        """A company named by the first words of ``text`` ("Google PM") and the words after it."""
        words = text.split()
        for n in range(min(4, len(words) - 1), 0, -1):
            found = self.company(" ".join(words[:n]))
            if found is not None:
                return found, " ".join(words[n:])
        return None

    def named_company(self, head: str, match: Match) -> str | None:
        """The employer named before a role that was read without it: a company ladder in the
        first words ("Google PM", "Chase Auto Product Manager"), or a Japanese posting's company.
        The role keeps its reading (the title's own words were read with the name in them)."""
        lead = self.leading_company(head)
        if lead is not None and self.normalize(lead[1]) is not None:
            return lead[0]
        return self.posting_company(head, match) if _CJK.search(head) else None

    def posting_company(self, head: str, match: Match) -> str | None:
        """A Japanese posting's company before its role ("マネーフォワード ME_AIプロダクトマネージャー"):
        the first word, written in a CJK script, when the role reads the same without it."""
        words = head.split()
        first = words[0] if len(words) >= 2 else ""
        if not _CJK.search(first) or _kind_of(first) is not None or self.place(first) is not None:
            return None
        known = self.company(first)
        if known is not None:
            return known
        rest = self.role(" ".join(words[1:]), None)
        return first if rest is not None and _same_reading(rest, match) else None

    def employer_name(self, text: str) -> str | None:
        """A past employer: a company ladder, its people ("Googler", "Amazonian", "Stripe
        alum"), or a name (capitalized or in another script) that is no job, school or place."""
        text = _ALUM.sub("", text.strip(_STRIP_NAME))
        if not text or len(text) > 60:
            return None
        found = self.company(text)
        if found is not None:
            return found
        cut = _DEMONYM.sub("", text)
        if cut != text and len(cut) >= 3:
            found = self.company(cut) or self.company(cut + "e")
            if found is not None:
                return found
        if _kind_of(text) is not None or self.place(text) is not None or len(text.split()) > 4:
            return None
        if not (text[0].isupper() or text[0].isdigit() or _CJK.search(text)):
            return None  # "ex-consultant": a job, not a company
        why = self.tm.reason(text, self.market)
        return text if why is not None and why.hint == _NO_ROLE_HINT else None

    # -- step 4: one span ------------------------------------------------------------------------

    def neutral(self, piece: _Piece) -> _Read:
        """A span outside past markers: a role at an employer, or what else it is."""
        head, employer, tail = _split_at(piece.text, self.markers)
        read = _Read(piece, "other", employer=employer)
        read.place = next((p for p in map(self.place, tail) if p), None)
        if piece.scope == "sought":
            read.kind = "sought"
            return read
        match = self.role(head, employer) if head else None
        if match is None and head and employer is not None:
            # read with its employer as normalize reads a title: "Product @ Stripe", "Produkt bei
            # SAP" (a bare "product" before an employer names a product manager)
            found = self.normalize(f"{head.strip(_STRIP)} @ {employer}")
            match = None if found is None else replace(found, raw=piece.text)
        if match is not None:
            read.kind, read.match = "role", match
            if employer is None and match.company is None:
                read.employer = self.named_company(head, match)
            return read
        read.kind = _kind_of(head) or "other"
        if read.kind == "other" and employer is not None and not head.strip(_STRIP):
            read.kind = "employer"  # "@LINEヤフー" after a bracket: the role's employer
        elif read.kind == "other" and employer is None:
            if self.company(head) is not None:
                read.kind = "employer"
            elif (place := self.place(piece.text)) is not None:
                read.kind, read.place = "location", place
        return read

    def past(self, piece: _Piece) -> tuple[list[PastRole], str | None]:
        """A past span's roles and employers ("product manager, Flipkart" is one role, "Amazon,
        Flipkart" two employers), and the text after them that names a role held now
        ("ex-Flipkart, Senior PM at Swiggy")."""
        text = piece.text
        bounds: list[tuple[int, int]] = []
        start = 0
        for m in _PAST_PARTS.finditer(text):
            bounds.append((start, m.start()))
            start = m.end()
            if len(bounds) >= MAX_SPANS:
                break
        bounds.append((start, len(text)))
        bounds = [(a, b) for a, b in bounds if text[a:b].strip(_STRIP)]
        if not bounds:
            return [PastRole(None, None, piece.marker.strip())], None
        roles: list[PastRole] = []
        title: Match | None = None
        employer: str | None = None
        first: int | None = None  # where the open role's text starts
        end = 0

        def close() -> None:
            nonlocal title, employer, first
            if first is not None:
                raw = text[first:end]
                roles.append(PastRole(title, employer, f"{piece.marker}{raw}" if first == 0 else raw))
            title, employer, first = None, None, None

        for a, b in bounds:
            head, written, _ = _split_at(text[a:b], self.markers)
            company = None if written is None else self.employer_name(written) or written
            match = self.role(head, company) if head.strip(_STRIP) else None
            if company is None and match is not None and match.company is None:
                company = self.named_company(head, match)  # "ex-Google PM"
            if match is not None and first is not None:
                if title is None:
                    close()  # a role after a past employer is held now
                    return roles, text[a:]
                close()
            if match is None:
                company = company or self.employer_name(head)
                if company is not None and employer is not None:
                    close()  # "Amazon, Flipkart": another employer
                if company is not None and title is not None and title.company is None:
                    title = self.role(title.raw, company) or title
            first = a if first is None else first
            end = b
            title = match or title
            employer = employer or company or (match.company if match else None)
        close()
        return roles, None

    # -- steps 1, 2 and 5: the whole text -------------------------------------------------------

    def read(self, raw: str) -> Extraction:
        text = clean(raw[: MAX_TEXT_CHARS * 4])[:MAX_TEXT_CHARS]
        if not any(ch.isalnum() for ch in text):
            return Extraction(None, None, (), None, Reason("blank", "no text"), raw)
        whole = self.whole(text, raw if len(raw) <= _MAX_ROLE_CHARS else text)
        if whole is not None:
            return whole
        pieces = _pieces(text, self.markers)
        order: list[_Read | Span] = []  # the spans in the order written
        past: list[PastRole] = []
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            i += 1
            if piece.scope == "past":
                found, rest = self.past(piece)
                past.extend(found)
                order.extend(Span("past", p.raw) for p in found)
                if rest is not None:
                    pieces.insert(i, _Piece("neutral", "", rest))
                continue
            read = self.neutral(piece)
            last = order[-1] if order else None
            if (
                read.kind == "employer"
                and isinstance(last, Span)
                and last.kind == "past"
                and not past[-1].employer
            ):
                # "ex-product manager | Flipkart": the employer of the past role just before
                company = self.company(piece.text)
                title = past[-1].title
                title = (self.role(title.raw, company) or title) if title is not None else None
                past[-1] = PastRole(title, company, f"{past[-1].raw} | {piece.text}")
                order[-1] = Span("past", past[-1].raw)
                continue
            order.append(read)
        return self.pick(raw, order, past)

    def whole(self, text: str, raw: str) -> Extraction | None:
        """Step 2: text that is one title (no marker, no separator but brackets), read as
        :meth:`TitleMap.normalize` reads ``raw`` (the text as given; ``text`` is it cleaned)."""
        if len(text) > _MAX_ROLE_CHARS or self.markers.split.search(text) or self.markers.past.search(raw):
            return None
        if _has_separator(text):
            return None
        match = self.tm.normalize(raw, self.market, employer=self.employer)
        if match is None:
            why = self.refused(text)  # a look-alike as a whole ("Product Manager (Diabetes Management)")
            if why is None:
                return None
            return Extraction(None, None, (), None, why, raw, (Span("other", text),))
        head, written, tail = _split_at(text, self.markers)
        employer = match.company
        if written is not None:
            named = self.company(written)
            if named != match.company and (named is not None or match.company is not None):
                return None  # "PM at Swiggy, Bangalore": read at Swiggy, span by span
            employer = employer or written
        elif employer is None:
            employer = self.named_company(text, match)
        if employer is None and self.employer is not None:
            employer = self.employer.company
        place = next((p for p in map(self.place, tail) if p), None) or match.location
        spans = [Span("current", head.strip(_STRIP) or text)]
        if written is not None:
            spans.append(Span("employer", written))
        return Extraction(match, employer, (), place, None, raw, tuple(spans))

    def pick(self, raw: str, order: list[_Read | Span], past: list[PastRole]) -> Extraction:
        """Step 5: the current role, its employer and place, or why there is none."""
        reads = [r for r in order if isinstance(r, _Read)]
        current = next((r for r in reads if r.match is not None), None)
        employer: str | None = None
        if current is not None:
            employer = current.employer or (current.match.company if current.match else None)
            if employer is None:
                # a company span anywhere ("PM | Stripe"), or an employer written before the role
                # ("Building payments at Razorpay (PM)")
                before = reads[: reads.index(current)]
                employer = next(
                    (r.employer or r.piece.text for r in reads if r.kind == "employer"), None
                ) or next((r.employer for r in before if r.match is None and r.employer), None)
                if employer is not None and current.match is not None:
                    current.match = self.role(current.match.raw, employer) or current.match
            if employer is None and self.employer is not None:
                employer = self.employer.company
        else:
            employer = next(
                (r.employer or r.piece.text for r in reads if r.kind == "employer" or r.employer), None
            )
        if employer is not None and _EDUCATION.search(employer):
            employer = None  # "Student at IIT Delhi"
        if employer is not None:
            employer = self.company(employer) or employer.strip(_STRIP_NAME) or None
        place = next((r.place for r in reads if r.place), None)
        if place is None and current is not None and current.match is not None:
            place = current.match.location
        spans = tuple(
            (Span("current", s.span.text) if s is current else s.span) if isinstance(s, _Read) else s
            for s in order
        )
        match = None if current is None else current.match
        reason = None if match is not None else self.why(reads, past)
        return Extraction(match, employer, tuple(past), place, reason, raw, spans[:MAX_SPANS])

    def why(self, reads: list[_Read], past: list[PastRole]) -> Reason:
        """Why the text holds no current role, the most telling first: a founder or investor, a
        role sought, another job, a past role only, no role."""
        for kind, what in (("founder", "a founder or chief executive"), ("investor", "an investor")):
            found = next((r for r in reads if r.kind == kind), None)
            if found is not None:
                return Reason(
                    "not-product", f"{what} ({_show(found.span.text)}), not a product-management role"
                )
        sought = next((r for r in reads if r.kind == "sought"), None)
        if sought is not None:
            return Reason("not-product", f"a role sought, not held ({_show(sought.span.text)})")
        for r in reads:
            head = _split_at(r.piece.text, self.markers)[0].strip(_STRIP)
            if r.kind != "other" or not head or len(head) > _MAX_ROLE_CHARS:
                continue
            why = self.tm.reason(head, self.market)
            if why is not None and why.hint != _NO_ROLE_HINT:
                return why
        if past:
            return Reason("past-role", f"names only a past role ({_show(past[0].raw)}), no current one")
        return Reason("not-product", "no product-management role in the text")


# -- helpers ----------------------------------------------------------------------------------


def _has_separator(text: str) -> bool:
    """Whether text holds a chunk separator other than round and square brackets and a final
    full stop, exclamation or question mark."""
    for m in _SEPARATOR.finditer(text):
        found = m.group()
        if found in _TITLE_BRACKETS or (found in _STOPS and not text[m.end() :].strip()):
            continue
        if found not in _STOPS or _sentence_end(text, m.start()):
            return True
    return False


def _sentence_end(text: str, at: int) -> bool:
    """Whether the character at ``at`` ends a sentence: "!", "?", or "." after a word of two
    letters or more that is not an abbreviation ("Meesho." and "PM." end one, "Sr." does not),
    and not before a lowercase word ("kierownik ds. produktu": a sentence starts otherwise)."""
    if text[at] != ".":
        return True
    after = text[at + 1 : at + 3].lstrip()
    if after[:1].islower():
        return False
    before = text[max(0, at - 12) : at]
    n = len(before)
    while n and before[n - 1].isalpha():
        n -= 1
    word = before[n:].lower()
    return len(word) >= 2 and word not in _ABBREVIATED


def _chunks(text: str) -> list[str]:
    """Step 3: the text cut at separators (at most MAX_SPANS chunks with letters are kept)."""
    out: list[str] = []
    start = 0
    for m in _SEPARATOR.finditer(text):
        if m.group() in _STOPS and not _sentence_end(text, m.start()):
            continue
        out.append(text[start : m.start()])
        start = m.end()
        if len(out) > MAX_SPANS * 2:
            break
    out.append(text[start:])
    return [c.strip() for c in out if any(ch.isalnum() for ch in c)][:MAX_SPANS]


def _pieces(text: str, markers: Markers) -> list[_Piece]:
    """Step 3: each chunk cut at markers; a marker holds to the next one or the chunk's end."""
    out: list[_Piece] = []
    for chunk in _chunks(text):
        scope: _Scope = "neutral"
        marker, start = "", 0
        for m in markers.split.finditer(chunk):
            before = chunk[start : m.start()]
            if m.group("turned") and scope != "sought":
                scope = "past"  # "Engineer turned PM": what comes before "turned" is past
            if before.strip(_STRIP) or marker:
                out.append(_Piece(scope, marker, before.strip(_STRIP)))
            scope = "past" if m.group("past") else "sought" if m.group("sought") else "current"
            marker, start = m.group().lstrip(), m.end()
        rest = chunk[start:]
        if rest.strip(_STRIP) or marker:
            out.append(_Piece(scope, marker, rest.strip(_STRIP)))
        if len(out) >= MAX_SPANS:
            break
    return out[:MAX_SPANS]


def _split_at(text: str, markers: Markers) -> tuple[str, str | None, list[str]]:
    """A span's role, the employer written after "@"/"at" (None if none) and the parts after
    the employer ("PM at Swiggy, Bangalore" -> "PM", "Swiggy", ["Bangalore"])."""
    m = markers.at.search(text)
    if m is None:
        return text, None, []
    after = [p for p in _PARTS.split(text[m.end() :]) if p.strip(_STRIP)]
    if not after:
        return text, None, []
    return text[: m.start()], after[0].strip(_STRIP_NAME), after[1:MAX_SPANS]


def _spaced(text: str) -> str:
    """Japanese and other scripts without spaces, with their Latin words and の set apart."""
    return " ".join(_SCRIPT_EDGE.sub(" ", _CJK_JOINER.sub(" ", text)).split())


def _kind_of(text: str) -> SpanKind | None:
    """founder, investor or education, for a span that is no role."""
    if _FOUNDER.search(text):
        return "founder"
    if _INVESTOR.search(text):
        return "investor"
    if _EDUCATION.search(text):
        return "education"
    return None


def _same_reading(a: Match, b: Match) -> bool:
    return (a.canonical_title, a.level, a.seniority, a.specialization, a.grade, a.rank) == (
        b.canonical_title,
        b.level,
        b.seniority,
        b.specialization,
        b.grade,
        b.rank,
    )


def _show(text: str) -> str:
    return repr(text) if len(text) <= 60 else repr(text[:57] + "...")
