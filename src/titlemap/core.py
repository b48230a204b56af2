"""TitleMap: the registry of loaded ladders and crosswalk rules, and the operations on them."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from collections.abc import Mapping as MappingType
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .context import at_years, in_context
from .employer import Employer, EmployerLike, as_employer
from .employer_names import (
    EmployerContext,
    EmployerNames,
    employer_context,
    settled,
    told_mapping,
    told_match,
)
from .errors import UnknownFamilyError, UnknownMarketError
from .extract import past_role
from .ladder import Ladder, LadderHeader
from .match import Match, replace_match
from .normalizer import Normalizer
from .places import Located, Places
from .reasons import Reason, why_unread
from .records import Language, Occupations, Rule, Source
from .text import clean, key
from .tokens import Tokenizer
from .vocabulary import BRAND_FAMILY

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from .comparison import Comparison
    from .crosswalk import Crosswalk
    from .extract import Extraction
    from .mapping import Mapping
    from .profile import Profile

__all__ = ["DEFAULT_MARKET", "MEMO_SIZE", "Located", "TitleMap"]

DEFAULT_MARKET = "us"
MEMO_SIZE = 65_536
# Longer inputs are not titles; they are normalized but not memoized, so the memo's size in bytes
# stays bounded (MEMO_SIZE entries of at most this many characters).
_MEMO_TITLE_CHARS = 1_000

_default: TitleMap | None = None
_default_lock = threading.Lock()


class _Results(dict[str, "Match | None"]):
    """One :meth:`TitleMap.normalize_many` call's readings by title, looked up as the titles
    come; a title seen for the first time goes through the shared memo. Bounded like it, and
    dropped with the iterator."""

    def __init__(self, tm: TitleMap, ladder_id: str, employer: Employer | None) -> None:
        super().__init__()
        self._read = tm._memo
        self._unmemoized = tm._read_in_context
        self._ladder_id = ladder_id
        self._employer = employer

    def __missing__(self, title: str) -> Match | None:
        if not isinstance(title, str):
            raise TypeError(f"every title must be a str, got {type(title).__name__}")
        if len(title) > _MEMO_TITLE_CHARS:
            return self._unmemoized(title, self._ladder_id, self._employer)
        found = self._read(title, self._ladder_id, self._employer)
        if len(self) < MEMO_SIZE:
            self[title] = found
        return found


class TitleMap:
    """Loaded ladders (markets and job families) plus cross-market rules.

    Use :meth:`default` for the bundled ladders, :meth:`from_paths` to add your own files.
    Instances are immutable after construction and safe to share between threads.
    """

    def __init__(
        self,
        ladders: MappingType[str, Ladder],
        rules: Iterable[Rule] = (),
        *,
        sources: MappingType[str, Source] | None = None,
        paths: tuple[str, ...] = (),
        include_bundled: bool = True,
        languages: MappingType[str, Language] | None = None,
        occupations: Occupations | None = None,
    ) -> None:
        """Wrap already loaded ladders, rules, the sources the rules cite and the languages titles
        are read in (use :meth:`default` or :meth:`from_paths`)."""
        headers = getattr(ladders, "headers", None)  # compiled ladders are built on first use
        if callable(headers):
            self._ladders: MappingType[str, Ladder] = ladders
            self._headers: dict[str, LadderHeader] = headers()
        else:
            self._ladders = dict(ladders)
            self._headers = {i: LadderHeader.of(lad) for i, lad in self._ladders.items()}
        self._rules: tuple[Rule, ...] = tuple(rules)
        self._sources: dict[str, Source] = dict(sources or {})
        self._languages: dict[str, Language] = dict(languages or {})
        self._occupations = occupations or Occupations()
        self._tokenizer: Tokenizer | None = None
        self._paths = paths
        self._include_bundled = include_bundled
        # Places: ids, countries, cities, subdivisions and regions (a ladder's own id wins).
        self._places = Places(self._headers.values())
        self._lookup = self._places.names
        companies = [h for h in self._headers.values() if h.kind == "company"]
        self._company_keys: dict[str, str] = {key(h.id): h.id for h in companies}
        for h in companies:
            for name in h.company_names:
                self._company_keys.setdefault(key(name), h.id)
        self._names: EmployerNames | None = None  # built on first use (employer_names)
        # every market's countries and cities: read as a title's location
        self._place_keys = self._places.title_keys
        self._resolved: dict[str, str] = {}
        self._normalizers: dict[str, Normalizer] = {}
        self._crosswalk: Crosswalk | None = None
        self._lock = threading.Lock()
        # One memo of finished readings, keyed by (title, ladder id, employer): repeated titles
        # cost one dictionary lookup, whatever context they are read in.
        self._memo = lru_cache(maxsize=MEMO_SIZE)(self._read_in_context)

    # -- construction --------------------------------------------------------------------------

    @classmethod
    def default(cls) -> TitleMap:
        """The bundled ladders, loaded once (lazily, under a lock) and shared."""
        global _default
        if _default is None:
            with _default_lock:
                if _default is None:
                    from .compiled import load_bundled

                    ladders, rules, sources, languages, occupations = load_bundled()
                    _default = cls(
                        ladders, rules, sources=sources, languages=languages, occupations=occupations
                    )
        return _default

    @classmethod
    def from_paths(cls, paths: Iterable[str | Path], include_bundled: bool = True) -> TitleMap:
        """Load users' ladder and crosswalk files, on top of the bundled ones by default.

        A file may ``extends:`` a bundled ladder (or another file of the batch) and override or
        add rungs; a crosswalk file adds or replaces rules by id. Loading is all or nothing.

        Raises:
            LadderError: naming the file, the place and the line of the first problem.
            TypeError: when ``paths`` is a single string instead of a list of paths.
        """
        if isinstance(paths, (str, Path)):
            raise TypeError('paths must be a list of file paths, e.g. from_paths(["acme.yaml"])')
        from .loading import load_texts, read_path

        paths = list(paths)
        texts = [read_path(p) for p in paths]
        base = cls.default() if include_bundled else None
        data = load_texts(
            texts,
            base=base._ladders if base else None,
            base_rules=base._rules if base else (),
            base_sources=base._sources if base else None,
            base_languages=base._languages if base else None,
            base_occupations=base._occupations if base else None,
        )
        return cls(
            data.ladders,
            data.rules,
            sources=data.sources,
            paths=tuple(str(p) for p in paths),
            include_bundled=include_bundled,
            languages=data.languages,
            occupations=data.occupations,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # The loaded data travels with the object (a Dask or Spark worker may not see the files).
        if self is _default:
            return (TitleMap.default, ())
        state = (
            self._ladders,
            self._rules,
            self._sources,
            self._paths,
            self._include_bundled,
            self._languages,
            self._occupations,
        )
        return (_rebuild, state)

    # -- ladders -------------------------------------------------------------------------------

    def markets(self) -> list[str]:
        """Ids of the loaded product-management markets (job families and companies excluded)."""
        return sorted(i for i, h in self._headers.items() if h.family == "product" and h.kind == "market")

    def companies(self) -> list[str]:
        """Ids of the loaded company ladders (lowercase slugs such as ``"microsoft"``)."""
        return sorted(i for i, h in self._headers.items() if h.kind == "company")

    def ladders(self) -> list[Ladder]:
        """Every loaded ladder: markets, companies and job families."""
        return [self._ladders[i] for i in sorted(self._ladders)]

    def market_id(self, market: str) -> str:
        """The ladder id for a market as people write it: an id, ISO code, country, region or city
        (case-insensitive, in English or the local spelling), or a place as recruiters' files write
        it ("Bengaluru, Karnataka, India", "New York, NY", "Remote - Germany", "Mumbai (Hybrid)");
        see :meth:`locate`.

        Raises:
            UnknownMarketError: listing the known markets and the closest names.
        """
        resolved = self._resolved.get(market)  # the same few market strings, every call
        if resolved is not None:
            return resolved
        return self.locate(market).market

    @property
    def places(self) -> Places:
        """The places of the loaded ladders, indexed (see :mod:`titlemap.places`)."""
        return self._places

    def locate(self, place: str) -> Located:
        """The market a place names, with a note when the reading needs one.

        The rules (:mod:`titlemap.places`): the whole text first (an id, ISO code, country
        name, city, subdivision name or region); then its parts, split at commas, brackets,
        slashes, bars and spaced dashes, work-mode words (remote, hybrid, on-site) set aside:
        a subdivision code after a comma that only addresses use ("Cambridge, MA", "London,
        ON"), a city any market lists ("Toronto, ON, Canada" is ``ca``, "Berlin, DE" ``de``), a
        subdivision name ("Karnataka, India"), a subdivision code that is also a country code
        ("Wilmington, DE", "San Jose, CA", "Boise, ID" are US states: the US, Canada,
        Australia, Brazil and Mexico write addresses "City, ST"), a country code or name, a
        region. A reading the other parts agree with wins; one a country named in another part
        contradicts is set aside. The note says when a region (EMEA, APAC, LATAM, NA for North
        America) was read with the market whose file lists it under ``regions``, or when a
        code two markets share was read as one of them ("'WA' read as Washington (us); also
        Western Australia (au)").

        Raises:
            UnknownMarketError: listing the known markets and the closest names.
            TypeError: when ``place`` is not a str.
        """
        if not isinstance(place, str):
            raise TypeError(f"market must be a str such as 'in' or 'us', not {type(place).__name__}")
        found = self._places.find(place)
        if found is not None:
            if found.note is None and len(self._resolved) < 4096 and len(place) < 100:
                self._resolved[place] = found.market
            return found
        company = self.company_id(place)
        hint: str | None
        if company is not None:
            hint = (
                f"{company!r} is a company ladder, not a market; pass employer={company!r} "
                f"(its market is {self.market_of(company)!r})"
            )
        else:
            hint = self._closest(place)
        raise UnknownMarketError(place, self.markets(), hint=hint)

    def find_place(self, place: str) -> Located | None:
        """What :meth:`locate` finds for a place, or None when the text names no place: no
        error and no "did you mean" search, for reading places out of free text.

        Raises:
            TypeError: when ``place`` is not a str.
        """
        if not isinstance(place, str):
            raise TypeError(f"place must be a str, not {type(place).__name__}")
        return self._places.find(place)

    def _closest(self, market: str) -> str | None:
        """ "did you mean" for an unknown market: the markets whose names are closest."""
        found = self._places.closest(market)
        return f"closest: {', '.join(found)}" if found else None

    def company_id(self, company: str) -> str | None:
        """The company ladder id for a company id or a name as people write it ("Microsoft", "AWS",
        "Google India Pvt Ltd", "J.P. Morgan", "Citibank N.A."; see :mod:`titlemap.employer_names`),
        or None when no company ladder has it."""
        found = self._company_keys.get(key(company))
        return found if found is not None else self.employer_names.company(company)

    @property
    def employer_names(self) -> EmployerNames:
        """The company ladders by the names people write (built once, on first use)."""
        found = self._names
        if found is None:
            from .compiled import bundled_employer_words

            companies = {i: h.company_names for i, h in self._headers.items() if h.kind == "company"}
            words = bundled_employer_words()
            with self._lock:
                if self._names is None:
                    self._names = EmployerNames(companies, words, self._company_sector)
                found = self._names
        return found

    def _company_sector(self, company: str) -> str | None:
        info = self._ladders[company].company
        return info.sector if info else None

    def market_of(self, ladder_id: str) -> str:
        """The market a ladder belongs to: itself for a market, the market a company ladder extends."""
        h = self._headers[ladder_id]
        seen = {h.id}
        while h.kind == "company" and h.extends in self._headers and h.extends not in seen:
            h = self._headers[h.extends]
            seen.add(h.id)
        return h.id

    def ladder(self, market: str) -> Ladder:
        """The ladder of a market (``"in"``, ``"IN"``, ``"India"``), a job family
        (``"engineering"``) or a company (``"microsoft"``, ``"Microsoft"``).

        Raises:
            UnknownMarketError: naming the known markets.
        """
        if isinstance(market, str) and key(market) not in self._lookup:
            company = self.company_id(market)
            if company is not None:
                return self._ladders[company]
        return self._ladders[self.market_id(market)]

    @property
    def rules(self) -> tuple[Rule, ...]:
        """All cross-market rules, in file order."""
        return self._rules

    def __contains__(self, market: object) -> bool:
        return isinstance(market, str) and key(market) in self._lookup

    def __iter__(self) -> Iterator[Ladder]:
        return iter(self.ladders())

    def __repr__(self) -> str:
        return f"<TitleMap markets={self.markets()} rules={len(self._rules)}>"

    # -- normalize -----------------------------------------------------------------------------

    @property
    def tokenizer(self) -> Tokenizer:
        """The reader of title words, with every loaded language (built once, on first use)."""
        found = self._tokenizer
        if found is None:
            from .lexicon import Lexicon

            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = Tokenizer(Lexicon(self._languages.values()))
                found = self._tokenizer
        return found

    def languages(self) -> list[str]:
        """Ids of the loaded languages (ISO 639-1: ``de``, ``ja``, ...), besides English."""
        return sorted(self._languages)

    def language(self, language_id: str) -> Language:
        """A loaded language by its id.

        Raises:
            KeyError: when no language with that id is loaded.
        """
        return self._languages[language_id]

    def _normalizer(self, ladder_id: str) -> Normalizer:
        found = self._normalizers.get(ladder_id)
        if found is None:
            tokenizer, places = self.tokenizer, self._place_keys
            with self._lock:
                found = self._normalizers.get(ladder_id)
                if found is None:
                    found = Normalizer(
                        self._ladders[ladder_id],
                        self._company_keys,
                        tokenizer,
                        places,
                        self._occupations.rungs,
                    )
                    self._normalizers[ladder_id] = found
        return found

    def _target_id(self, market: str, family: str) -> str:
        if family == "product":
            return self.market_id(market)
        fam = [i for i, h in self._headers.items() if h.family == family]
        if not fam:
            raise UnknownFamilyError(family, {h.family for h in self._headers.values()})
        return fam[0]

    def _normalize_uncached(self, title: str, ladder_id: str) -> Match | None:
        return self._normalizer(ladder_id)(title)

    def normalize(
        self,
        title: str,
        market: str = DEFAULT_MARKET,
        *,
        employer: EmployerLike = None,
        family: str = "product",
    ) -> Match | None:
        """Read a job title as a rung of ``market``'s ladder; None when it is not a product role.

        ``employer`` (an :class:`~titlemap.Employer`, or a company name) places the reading: a
        company with a ladder of its own is read with that ladder (also when the title names it:
        "Group PM @ Swiggy"), and sector and stage move the level where the data says so.
        ``family="engineering"`` reads it against the bundled engineering ladder instead.

        Raises:
            TypeError: when ``title`` is not a str, or ``employer`` is not an Employer or str.
            UnknownMarketError: when ``market`` is not loaded.
            ValueError: for an employer with an unknown sector or stage.
        """
        if not isinstance(title, str):
            raise TypeError(f"title must be a str, not {type(title).__name__}")
        # the common call (a product title in a market looked up before) costs one dict lookup
        ladder_id = self._resolved.get(market) if family == "product" else None
        if ladder_id is None:
            ladder_id = self._target_id(market, family)
        return self._read(title, ladder_id, None if employer is None else as_employer(employer))

    def _read(self, title: str, ladder_id: str, employer: Employer | None = None) -> Match | None:
        """Normalize through the memo; inputs too long to be titles are never pinned in it."""
        if len(title) > _MEMO_TITLE_CHARS:
            return self._read_in_context(title, ladder_id, employer)
        return self._memo(title, ladder_id, employer)

    def _read_in_context(self, title: str, ladder_id: str, employer: Employer | None) -> Match | None:
        given = self.company_id(employer.company) if employer and employer.company else None
        match = self._normalize_uncached(title, given) if given else None
        uncovered = given is not None and match is None
        if match is None:
            match = self._normalize_uncached(title, ladder_id)
        if match is None:
            return None
        if self.tokenizer.lexicon.markers.has_past_or_sought(title) and past_role(
            title, self.market_of(ladder_id), employer=employer, titlemap=self
        ):
            return None  # "ex-PM, Flipkart", "Aspiring PM": a past or sought role only, none held
        told = self._employer_context(title, match, employer, given)
        if told is not None:
            employer = settled(employer, told)
            if told.company is not None and match.company is None:
                match = replace_match(match, company=told.company)
        elif employer is None and match.company is None and match.rank is None:
            rung = match.rung
            if not rung.stage_levels and not rung.sector_levels:
                return match  # no context to apply (the common case, kept fast)
        company = given
        note = None
        if company is None and match.company is not None and match.company != ladder_id:
            company = match.company  # named in the title: read it with that company's ladder
            again = self._normalize_uncached(title, company)
            uncovered = again is None
            match = again if again is not None else match
        if company is not None:
            market = self.market_of(company)
            if uncovered:  # the company's ladder holds no rung for this title: the market reads it
                note = (
                    f"{self._ladders[company].name} has no rung for this title; "
                    f"read with the {ladder_id!r} ladder"
                )
            else:
                note = f"read with the company ladder {company!r} (market {market!r})"
                if market != self.market_of(ladder_id):
                    note += f" instead of {ladder_id!r}"
        else:
            market = ladder_id
        read_in = company if company is not None and not uncovered else ladder_id
        placed = in_context(match, self._ladders[company or ladder_id], employer, market=market, note=note)
        if told is not None:
            placed = told_match(
                placed, match, told, self._ladders[company or ladder_id], employer, market, note, read_in
            )
        if placed is not None and placed.rung is not match.rung:  # a company code chose another rung
            placed = replace_match(placed, occupation=self._normalizer(read_in).occupation(placed.rung))
        return placed

    def _employer_context(
        self, title: str, match: Match | None, employer: Employer | None, given: str | None
    ) -> EmployerContext | None:
        """What the employer cell and the title's employer words say beyond a company ladder
        (``given``: the employer's company ladder id)."""
        named_in_title = match is not None and match.company is not None
        at = None
        if given is None and not named_in_title and ("@" in title or "at " in title):
            at = self.tokenizer.split(clean(title, self.tokenizer.lexicon.gender_endings))[1]
        named = employer.company if employer is not None else None
        team = match.team if match is not None else None
        if named is None and at is None and team is None:
            return None
        return employer_context(
            self.employer_names,
            employer=named,
            employer_known=given is not None or named_in_title,
            sector_given=employer is not None and employer.sector is not None,
            title_employer=at,
            team=team,
        )

    def normalize_many(
        self,
        titles: Iterable[str],
        market: str = DEFAULT_MARKET,
        *,
        employer: EmployerLike = None,
        family: str = "product",
    ) -> Iterator[Match | None]:
        """Normalize titles lazily, in input order, one result per input (None for a non-match).

        Results are memoized (bounded), so repeated titles cost almost nothing. ``employer``
        applies to every title (see :meth:`normalize`).
        """
        if isinstance(titles, str):
            raise TypeError("titles must be an iterable of str (e.g. a list), not a single str")
        ladder_id = self._target_id(market, family)
        results = _Results(self, ladder_id, as_employer(employer))
        return map(results.__getitem__, titles)  # a repeated title costs one C-level dict lookup

    def reason(
        self,
        title: object,
        market: str = DEFAULT_MARKET,
        *,
        employer: EmployerLike = None,
        family: str = "product",
    ) -> Reason | None:
        """Why :meth:`normalize` does not read ``title`` (None when it does), as a
        :class:`~titlemap.reasons.Reason`: ``blank``, ``too-long``, ``ambiguous`` (with what to
        write instead) or ``not-product`` (with the job family it looks like). Any value is
        accepted: None, NaN and non-strings are ``blank``.

        Raises:
            UnknownMarketError: when ``market`` is not loaded.
        """
        ladder_id = self._target_id(market, family)
        at = as_employer(employer)
        if isinstance(title, str) and self._read(title, ladder_id, at) is not None:
            return None
        if isinstance(title, str) and at is not None and self._read(title, ladder_id) is not None:
            # read alone but not at this employer: its sector makes the title a brand role
            where = f"a {at.sector} employer" if at.sector else repr(at.company or "this employer")
            hint = f"{BRAND_FAMILY}; at {where} a product title that says nothing of software is a brand role"
            return Reason("not-product", hint, BRAND_FAMILY, self._occupations.families.get(BRAND_FAMILY))
        if isinstance(title, str) and self.tokenizer.lexicon.markers.has_past_or_sought(title):
            why = past_role(title, self.market_of(ladder_id), employer=employer, titlemap=self)
            if why is not None:
                return why
        return why_unread(title, self._ladders[ladder_id], self.tokenizer, self._occupations.families)

    def extract(
        self, text: str, market: str = DEFAULT_MARKET, *, employer: EmployerLike = None
    ) -> Extraction:
        """Read a free text (a headline, a résumé line, a job posting's headline) as the current
        role, its employer, past roles and a place (see :func:`titlemap.extract.extract_in`)."""
        from .extract import extract_in

        return extract_in(self, text, market, employer=employer)

    def clear_cache(self) -> None:
        """Forget memoized normalizations."""
        self._memo.cache_clear()

    # -- map -----------------------------------------------------------------------------------

    def _read_history(self, title: str) -> tuple[str, str] | None:
        """A past title's background and canonical title, for inferring a profile's background."""
        engineering = next((i for i, h in self._headers.items() if h.family == "engineering"), None)
        if engineering is not None and (m := self._read(title, engineering)) is not None:
            return "engineering", m.title
        markets = self.markets()
        if markets and (m := self._read(title, DEFAULT_MARKET if DEFAULT_MARKET in markets else markets[0])):
            return "product", m.title
        return None

    @property
    def crosswalk(self) -> Crosswalk:
        """The rules indexed for mapping, built once on first use."""
        found = self._crosswalk
        if found is None:
            from .crosswalk import Crosswalk

            with self._lock:
                if self._crosswalk is None:
                    self._crosswalk = Crosswalk(self._ladders, self._rules, self._sources)
                found = self._crosswalk
        return found

    def _market_ladder(self, market: str) -> Ladder:
        lad = self._ladders[self.market_id(market)]
        if lad.family != "product":
            raise UnknownMarketError(
                market, self.markets(), hint=f"{lad.id!r} is a job family, not a market to map between"
            )
        return lad

    def map_title(
        self,
        title: str,
        source: str,
        target: str,
        profile: Profile | None = None,
        *,
        source_employer: EmployerLike = None,
        target_employer: EmployerLike = None,
    ) -> Mapping | None:
        """Translate a title from one market's convention to another's, for a person's profile.

        The title is normalized in ``source`` first (at ``source_employer``), so raw titles work;
        the answer is given in ``target``, or in the target employer's own ladder when it is a
        company with one. ``Profile.company_stage`` is the source employer's stage unless
        ``source_employer`` gives one. Returns None when the title is not a product-management role.

        Raises:
            UnknownMarketError: when either market is not loaded (or is a job family).
            TypeError: when ``profile`` is not a :class:`~titlemap.Profile`, or an employer is
                neither an :class:`~titlemap.Employer` nor a company name.
            ValueError: for an employer with an unknown sector or stage.
        """
        from .mapping import Facts, infer_background, map_rung
        from .profile import Profile

        if profile is not None and not isinstance(profile, Profile):
            raise TypeError(
                f"profile must be a titlemap.Profile, not {type(profile).__name__}; "
                "e.g. Profile(years=5, background='engineering')"
            )
        person = profile or Profile()
        src_emp = as_employer(source_employer, "source_employer")
        dst_emp = as_employer(target_employer, "target_employer")
        if person.company_stage is not None and (src_emp is None or src_emp.effective_stage is None):
            src_emp = replace(src_emp or Employer(), stage=person.company_stage)
        src = self._market_ladder(source)
        dst = self._market_ladder(target)
        match = self._read(title, src.id, src_emp)
        if match is None:
            return None
        read_in = self._ladders[match.company] if match.company else src
        match, by_years = at_years(match, read_in, person.years)
        dst_company = self.company_id(dst_emp.company) if dst_emp and dst_emp.company else None
        goal = self._ladders[dst_company] if dst_company else dst
        given = self.company_id(src_emp.company) if src_emp and src_emp.company else None
        told = (
            self._employer_context(title, match, src_emp, given),
            self._employer_context("", None, dst_emp, dst_company),
        )
        facts, inferred = infer_background(person, self._read_history)
        inferred = (*by_years, *inferred)
        context = Facts(
            profile=facts,
            source_sector=_sector(settled(src_emp, told[0]), read_in),
            source_stage=_stage(src_emp, read_in),
            target_sector=_sector(settled(dst_emp, told[1]), goal),
            target_stage=_stage(dst_emp, goal),
        )
        mapped = map_rung(match, read_in, goal, self.crosswalk, context, inferred, target_market=dst.id)
        if src.id == dst.id and src_emp is None and dst_emp is None and mapped is not None:
            note = (
                f"Source and target are the same market ({src.id!r}): the title keeps its reading; "
                "give source and target employers to move it between companies, sectors or stages."
            )
            mapped = replace(mapped, explanation=(*mapped.explanation, note))
        return told_mapping(mapped, told, (read_in.id, goal.id))

    def equivalents(
        self, title: str, market: str, profile: Profile | None = None, *, employer: EmployerLike = None
    ) -> dict[str, Mapping]:
        """The title's equivalent in every other loaded market, keyed by market id."""
        src = self.ladder(market)
        out: dict[str, Mapping] = {}
        for other in self.markets():
            if other != src.id:
                found = self.map_title(title, src.id, other, profile, source_employer=employer)
                if found is not None:
                    out[other] = found
        return out

    # -- compare -------------------------------------------------------------------------------

    def comparison(self, a: str, b: str) -> Comparison:
        """Two ladders (markets or companies) side by side, rung by rung, with the rules between
        them (see :func:`titlemap.comparison.compare_rows`)."""
        from .comparison import compare_rows

        return compare_rows(self.ladder(a), self.ladder(b), self._rules)

    def compare(self, a: str, b: str) -> pd.DataFrame:
        """:meth:`comparison` as a pandas DataFrame, one row per rung (extra ``[pandas]``).

        Raises:
            ImportError: when pandas is not installed, saying how to install it.
            UnknownMarketError: when either ladder is not loaded.
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - exercised by a test that hides pandas
            raise ImportError("titlemap.compare needs pandas: pip install 'titlemap[pandas]'") from exc
        found = self.comparison(a, b)
        frame: pd.DataFrame = pd.DataFrame(list(found.rows))
        frame.attrs.update({"a": found.a, "b": found.b, "rules": [r.id for r in found.rules]})
        return frame

    # -- graph ---------------------------------------------------------------------------------

    @property
    def graph(self) -> nx.DiGraph:
        """The multi-market graph: nodes ``"market:rung-id"``; edges of kind promotion, lateral
        and equivalent (crosswalk rules, with their conditions, rationale and source)."""
        import networkx as nx

        g = nx.DiGraph()
        for lad in self._ladders.values():
            sub = lad.graph
            for node, attrs in sub.nodes(data=True):
                g.add_node(f"{lad.id}:{node}", **attrs)
            for a, b, attrs in sub.edges(data=True):
                g.add_edge(f"{lad.id}:{a}", f"{lad.id}:{b}", **attrs)
        for rule in self._rules:
            g.add_edge(
                rule.from_,
                rule.to,
                kind="equivalent",
                rule=rule.id,
                confidence=rule.confidence,
                conditions=rule.when.to_dict(),
                rationale=rule.rationale,
                source=rule.source,
                convention=rule.convention,
            )
        return nx.freeze(g)


def _sector(employer: Employer | None, ladder: Ladder) -> str | None:
    if employer is not None and employer.sector is not None:
        return employer.sector
    return ladder.company.sector if ladder.company else None


def _stage(employer: Employer | None, ladder: Ladder) -> str | None:
    if employer is not None and employer.effective_stage is not None:
        return employer.effective_stage
    return ladder.company.stage if ladder.company else None


def _rebuild(
    ladders: dict[str, Ladder],
    rules: tuple[Rule, ...],
    sources: dict[str, Source],
    paths: tuple[str, ...],
    include_bundled: bool,
    languages: dict[str, Language],
    occupations: Occupations,
) -> TitleMap:
    return TitleMap(
        ladders,
        rules,
        sources=sources,
        paths=paths,
        include_bundled=include_bundled,
        languages=languages,
        occupations=occupations,
    )
