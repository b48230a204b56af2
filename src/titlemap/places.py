"""Places as data: which market a place names, read from the ladders' headers.

Every place titlemap knows comes from the market files' headers: ids, ISO country codes and
country names (``countries``, ``country_names``), ``cities``, ``regions`` (read with their
default ladder, and said so) and ``subdivisions`` (a country's first-level states, provinces or
regions, code to name). :class:`Places` indexes them once; the Python holds no list of places.

A place is read in this order, the first rule that names a market deciding:

1. **The whole text**: an id, an ISO code, a country name or a city (a ladder's own id first,
   then the ladders in load order), then a subdivision name, then a region (with a note); and
   so is a place's one part left when the work modes and postal codes of rule 2 are set aside
   (``India (Remote)`` reads as ``India``, ``Remote - EMEA`` as ``EMEA``).
2. **Its parts**, split at commas, semicolons, brackets, slashes, bars and spaced dashes
   (``Bengaluru, Karnataka, India``, ``Mumbai (Hybrid)``, ``Remote - Germany``), work-mode
   words (remote, hybrid, on-site, WFH...) and postal codes (any word with a digit: ``Paris
   75008``, ``Seattle, WA 98101``, ``London EC1A 1BB``) set aside; a "City, ST" code written
   without its comma after a place is read as if it had one (``Sydney NSW 2000``). Rules a-d
   read the parts from the first to the last (an address runs from the most specific place),
   rules e-f from the last to the first (the country ends it):

   a. a subdivision code written in capitals after a comma, following a part that names a
      place (``Cambridge, MA``, ``London, ON``), of a market whose file sets
      ``city_code_priority`` (its addresses are written "City, ST": the US, Australia, Brazil,
      Canada, Mexico), when no market also reads the code as a country or a city: address
      syntax that says the country, so it comes before a city another market lists;
   b. a city any market lists (``Berlin, DE`` is Germany: the city decides, as DE is also
      Delaware's code);
   c. a subdivision name (``Karnataka, India``);
   d. any other such subdivision code after a comma, before the country code written the same
      (``Wilmington, DE``, ``Boise, ID``, ``Indianapolis, IN`` are US states);
   e. an id, ISO code or country name;
   f. a region, read with its default ladder, and the note says so ("NA" is North America).

   Where a part names several markets, the one another part also names wins ("Perth, WA" is
   Western Australia when ``au`` lists Perth; "Newcastle, NSW" is Australia, not England). A
   reading of rules a-d that a part naming only countries contradicts is set aside
   ("Perth, Scotland" is the UK). Markets marked "City, ST" that share a code (WA: Washington
   and Western Australia; NT; PE) go, when no other part decides, to the lowest
   ``city_code_priority``, and the note names the other reading: "'WA' read as Washington
   (us); also Western Australia (au)". Codes of other markets' subdivisions are not read (a
   German address does not write "Munich, BY"), only their names.

>>> from titlemap import TitleMap
>>> places = TitleMap.default().places
>>> [places.find(p).market for p in ("San Jose, CA", "Berlin, DE", "Toronto, ON, Canada", "Karnataka, India")]
['us', 'de', 'ca', 'in']
>>> places.find("Bellevue, WA").note
"'WA' read as Washington (us); also Western Australia (au)"
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from .text import key

if TYPE_CHECKING:
    from .ladder import LadderHeader

__all__ = ["MAX_PLACE_CHARS", "WORK_MODES", "Located", "Places"]

MAX_PLACE_CHARS = 200
"""The longest place read in parts, in characters; a longer one is only looked up whole."""

#: Words of a place that say how, not where, a person works ("Remote - India", "Mumbai (Hybrid)").
WORK_MODES = frozenset(
    {
        "remote",
        "hybrid",
        "onsite",
        "on",
        "site",
        "wfh",
        "office",
        "in",
        "fully",
        "first",
        "flexible",
        "anywhere",
    }
)

# A place is split here; the separators are kept, to know which parts follow a comma.
_SEPARATORS = re.compile(r"(\s*[,;|/()\[\]·]\s*|\s+[-–—]+\s+)")
# A subdivision code as addresses write it: capitals and digits, one to three.
_CODE = re.compile(r"[A-Z0-9]{1,3}")
# A word with a digit in a place is (part of) a postal code: 98101, 75008, 01310-100, EC1A 1BB.
_POSTAL = re.compile(r"\d")

_Markets = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Located:
    """Where a place points: the market id, and a note when the reading needs one (a region
    read with its default ladder; a subdivision code two markets share), None otherwise."""

    market: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class _Part:
    """One part of a place and the markets each kind of reading of it names."""

    code: str  # the part as written, when it can be a subdivision code after a comma, else ""
    words: str  # its comparison key without work-mode words ("" when it had only those)
    codes: _Markets
    cities: _Markets
    subdivisions: _Markets
    countries: _Markets
    regions: _Markets

    @property
    def named(self) -> frozenset[str]:
        """Every market the part names, by any reading."""
        return frozenset((*self.codes, *self.cities, *self.subdivisions, *self.countries, *self.regions))


def _add(index: dict[str, list[str]], name: str, market: str) -> None:
    markets = index.setdefault(key(name), [])
    if market not in markets:
        markets.append(market)


def _frozen(index: dict[str, list[str]]) -> Mapping[str, _Markets]:
    return MappingProxyType({k: tuple(v) for k, v in index.items() if k})


class Places:
    """The places of loaded ladders, indexed for :meth:`find` (see the module's rules).

    Built once from the ladders' headers (company ladders name no places); immutable, so one
    index is shared between threads. Names are compared as :func:`titlemap.text.key` compares
    them (case, accents and punctuation aside: "Sao Paulo" is "São Paulo"); subdivision codes
    only as written, in capitals.
    """

    __slots__ = (
        "_cities",
        "_codes",
        "_countries",
        "_names",
        "_regions",
        "_subdivision_names",
        "_subdivisions",
        "_title_keys",
    )

    def __init__(self, headers: Iterable[LadderHeader]) -> None:
        """Index the places of ``headers``, in order (the first ladder listing a name is the
        default reading of the name alone)."""
        chosen = [h for h in headers if h.kind != "company"]
        names: dict[str, str] = {key(h.id): h.id for h in chosen}  # an own id wins over a name
        countries: dict[str, list[str]] = {}
        cities: dict[str, list[str]] = {}
        subdivisions: dict[str, list[str]] = {}
        regions: dict[str, list[str]] = {}
        codes: dict[str, list[tuple[int, int, str]]] = {}
        for h in chosen:
            _add(countries, h.id, h.id)
            for name in h.countries:
                _add(countries, name, h.id)
            for name in h.cities:
                _add(cities, name, h.id)
            for name in h.places:
                names.setdefault(key(name), h.id)
            for region in h.regions:
                _add(regions, region, h.id)
            for code, name in h.subdivisions:
                _add(subdivisions, name, h.id)
                if h.city_code_priority is not None:
                    codes.setdefault(code, []).append((h.city_code_priority, len(codes), h.id))
        names.pop("", None)
        self._names: Mapping[str, str] = MappingProxyType(names)
        self._countries = _frozen(countries)
        self._cities = _frozen(cities)
        self._subdivisions = _frozen(subdivisions)
        self._regions = _frozen(regions)
        self._codes: Mapping[str, _Markets] = MappingProxyType(
            {code: tuple(dict.fromkeys(m for _, _, m in sorted(found))) for code, found in codes.items()}
        )
        self._subdivision_names: Mapping[str, Mapping[str, str]] = MappingProxyType(
            {h.id: MappingProxyType(dict(h.subdivisions)) for h in chosen if h.subdivisions}
        )
        self._title_keys = frozenset(key(p) for h in chosen if h.family == "product" for p in h.places) - {""}

    # -- what is indexed ---------------------------------------------------------------------

    @property
    def names(self) -> Mapping[str, str]:
        """The ladder each id, ISO code, country name and city names when written alone, by
        comparison key: a ladder's own id first, then the first ladder listing the name."""
        return self._names

    @property
    def title_keys(self) -> frozenset[str]:
        """The comparison keys of product markets' countries and cities: read as a title's
        location ("Product Manager - São Paulo")."""
        return self._title_keys

    def subdivisions(self, market: str) -> Mapping[str, str]:
        """A market's first-level subdivisions, code to name (empty when its file lists none).

        >>> from titlemap import TitleMap
        >>> TitleMap.default().places.subdivisions("au")["VIC"]
        'Victoria'
        """
        return self._subdivision_names.get(market, MappingProxyType({}))

    # -- finding -------------------------------------------------------------------------------

    def find(self, place: str, within: Collection[str] | None = None) -> Located | None:
        """The market ``place`` names, by the rules of this module, or None when it names none.

        ``within`` limits the answer to those markets (a market cell names a product market, not
        a job family); other markets' readings still count as other parts' agreement.
        """
        found = self._whole(key(place), place, within)
        if found is not None or len(place) > MAX_PLACE_CHARS:
            return found
        return self._from_parts(place, within)

    def _whole(self, whole: str, place: str, within: Collection[str] | None) -> Located | None:
        """Rule 1: ``whole`` (a comparison key) as an id, code, country, city, subdivision name
        or region; ``place`` as written, for a region's note."""
        found = self._names.get(whole)  # a ladder's own id, else the first ladder listing the name
        if found is None or (within is not None and found not in within):
            found = self._first((*self._countries.get(whole, ()), *self._cities.get(whole, ())), within)
        if found is None:
            found = self._first(self._subdivisions.get(whole, ()), within)
        if found is not None:
            return Located(found)
        region = self._first(self._regions.get(whole, ()), within)
        return Located(region, _region_note(place, region)) if region is not None else None

    @staticmethod
    def _first(markets: _Markets, within: Collection[str] | None) -> str | None:
        return next((m for m in markets if within is None or m in within), None)

    def _parts(self, place: str) -> list[_Part]:
        pieces = _SEPARATORS.split(place)
        parts: list[_Part] = []
        named_before = False
        for i in range(0, len(pieces), 2):
            after_comma = i > 0 and "," in pieces[i - 1]
            for text, is_code in self._pieces(pieces[i]):
                part = self._part(text, after_comma or is_code, named_before)
                parts.append(part)
                named_before = named_before or bool(part.words)
        return parts

    def _pieces(self, piece: str) -> list[tuple[str, bool]]:
        """A piece without its postal code ("Paris 75008", "Seattle, WA 98101"), split before a
        trailing "City, ST" code written without its comma ("Sydney NSW 2000")."""
        tokens = [t for t in piece.split() if not _POSTAL.search(t)]
        if len(tokens) > 1 and tokens[-1] in self._codes:
            head = key(" ".join(tokens[:-1]))
            if head in self._cities or head in self._countries or head in self._subdivisions:
                return [(" ".join(tokens[:-1]), False), (tokens[-1], True)]
        return [(" ".join(tokens), False)] if tokens else []

    def _part(self, text: str, after_comma: bool, named_before: bool) -> _Part:
        full = key(text)
        words = " ".join(w for w in full.split() if w not in WORK_MODES)
        code = text if after_comma and named_before and _CODE.fullmatch(text) else ""
        countries = self._countries.get(words, ()) if words else ()
        if full != words:  # a code that is also a work-mode word: "IN", "ON"
            countries = (*countries, *(m for m in self._countries.get(full, ()) if m not in countries))
        return _Part(
            code,
            words,
            self._codes.get(code, ()) if code else (),
            self._cities.get(words, ()) if words else (),
            self._subdivisions.get(words, ()) if words else (),
            countries,
            self._regions.get(words, ()) if words else (),
        )

    def _from_parts(self, place: str, within: Collection[str] | None) -> Located | None:
        parts = self._parts(place)
        named = [p for p in parts if p.words]
        if len(named) == 1 and not named[0].code:  # one place among work modes: read as if alone
            found = self._whole(named[0].words, place, within)
            if found is not None:
                return found
        last_first = parts[::-1]
        for p in parts:  # a: a code only addresses use
            if p.codes and not (p.cities or p.subdivisions or p.countries or p.regions):
                found = self._agreed(parts, p, p.codes, within, p.code)
                if found is not None:
                    return found
        for p in parts:  # b: a city
            if p.cities and (found := self._agreed(parts, p, p.cities, within)) is not None:
                return found
        for p in parts:  # c: a subdivision name
            if p.subdivisions and (found := self._agreed(parts, p, p.subdivisions, within)) is not None:
                return found
        for p in parts:  # d: a code that is also a country code
            if p.codes and (found := self._agreed(parts, p, p.codes, within, p.code)) is not None:
                return found
        for p in last_first:  # e: an id, ISO code or country name
            if (market := self._first(p.countries, within)) is not None:
                return Located(market)
        for p in last_first:  # f: a region, with its note
            if (market := self._first(p.regions, within)) is not None:
                return Located(market, _region_note(place, market))
        return None

    def _agreed(
        self,
        parts: list[_Part],
        part: _Part,
        candidates: _Markets,
        within: Collection[str] | None,
        code: str = "",
    ) -> Located | None:
        """``part``'s reading among ``candidates``, the markets the other parts name first; None
        (set aside) when another part names only countries, none of them a candidate. A
        subdivision ``code`` read as one of several markets says so in the note."""
        chosen = [m for m in candidates if within is None or m in within]
        others = [p for p in parts if p is not part]
        countries = {m for p in others if p.countries and not p.codes for m in p.countries}
        if countries:
            chosen = [m for m in chosen if m in countries]
        else:
            named = frozenset().union(*(p.named for p in others))
            chosen = [m for m in chosen if m in named] or chosen
        if not chosen:
            return None
        first, *also = chosen
        if not also or not code:
            return Located(first)
        names = self._subdivision_names
        readings = ", ".join(f"{names[m][code]} ({m})" for m in also)
        return Located(first, f"{code!r} read as {names[first][code]} ({first}); also {readings}")

    def closest(self, place: str, n: int = 6) -> list[str]:
        """The markets whose names (ids, codes, countries, cities, subdivisions) are closest to
        ``place``, for "did you mean" (empty when none is close)."""
        names = {**{k: v[0] for k, v in self._subdivisions.items()}, **self._names}
        found = difflib.get_close_matches(key(place), list(names), n=n, cutoff=0.6)
        return list(dict.fromkeys(names[k] for k in found))


def _region_note(place: str, market: str) -> str:
    return f"{place!r} names a region, read with the {market!r} ladder (its default)"
