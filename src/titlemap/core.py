"""TitleMap: the registry of loaded ladders and crosswalk rules, and the operations on them."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from collections.abc import Mapping as MappingType
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UnknownMarketError
from .ladder import Ladder
from .match import Match
from .models import Rule, Source
from .normalizer import Normalizer
from .text import key

if TYPE_CHECKING:
    import networkx as nx

    from .mapping import Mapping
    from .profile import Profile

__all__ = ["DEFAULT_MARKET", "MEMO_SIZE", "TitleMap"]

DEFAULT_MARKET = "us"
MEMO_SIZE = 65_536
# Longer inputs are not titles; they are normalized but not memoized, so the memo's size in bytes
# stays bounded (MEMO_SIZE entries of at most this many characters).
_MEMO_TITLE_CHARS = 1_000

_default: TitleMap | None = None
_default_lock = threading.Lock()


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
        paths: tuple[str, ...] = (),
        include_bundled: bool = True,
    ) -> None:
        """Wrap already loaded ladders and rules (use :meth:`default` or :meth:`from_paths`)."""
        self._ladders: dict[str, Ladder] = dict(ladders)
        self._rules: tuple[Rule, ...] = tuple(rules)
        self._paths = paths
        self._include_bundled = include_bundled
        self._lookup: dict[str, str] = {}
        for lad in self._ladders.values():
            for name in (lad.id, *lad.countries, *lad.country_names):
                self._lookup.setdefault(key(name), lad.id)
        self._normalizers: dict[str, Normalizer] = {}
        self._lock = threading.Lock()
        self._memo = lru_cache(maxsize=MEMO_SIZE)(self._normalize_uncached)

    # -- construction --------------------------------------------------------------------------

    @classmethod
    def default(cls) -> TitleMap:
        """The bundled ladders, loaded once (lazily, under a lock) and shared."""
        global _default
        if _default is None:
            with _default_lock:
                if _default is None:
                    from .compiled import load_bundled

                    _default = cls(*load_bundled())
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

        texts = [read_path(p) for p in paths]
        base = cls.default() if include_bundled else None
        data = load_texts(texts, base=base._ladders if base else None, base_rules=base._rules if base else ())
        return cls(
            data.ladders, data.rules, paths=tuple(str(p) for p in paths), include_bundled=include_bundled
        )

    def __reduce__(self) -> tuple[Any, ...]:
        if self is _default:
            return (TitleMap.default, ())
        return (_rebuild, (self._paths, self._include_bundled))

    # -- ladders -------------------------------------------------------------------------------

    def markets(self) -> list[str]:
        """Ids of the loaded product-management markets (job families such as engineering excluded)."""
        return sorted(i for i, lad in self._ladders.items() if lad.family == "product")

    def ladders(self) -> list[Ladder]:
        """Every loaded ladder, markets and job families alike."""
        return [self._ladders[i] for i in sorted(self._ladders)]

    def market_id(self, market: str) -> str:
        """The ladder id for a market id, ISO code or country name (case-insensitive).

        Raises:
            UnknownMarketError: listing the known markets.
        """
        if not isinstance(market, str):
            raise TypeError(f"market must be a str such as 'in' or 'us', not {type(market).__name__}")
        found = self._lookup.get(key(market))
        if found is None:
            raise UnknownMarketError(market, self.markets())
        return found

    def ladder(self, market: str) -> Ladder:
        """The ladder of a market (``"in"``, ``"IN"``, ``"India"``) or job family (``"engineering"``)."""
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

    def _normalizer(self, ladder_id: str) -> Normalizer:
        found = self._normalizers.get(ladder_id)
        if found is None:
            with self._lock:
                found = self._normalizers.get(ladder_id)
                if found is None:
                    found = Normalizer(self._ladders[ladder_id], self._positions())
                    self._normalizers[ladder_id] = found
        return found

    def _positions(self) -> dict[str, tuple[int, str]]:
        """Every loaded canonical title's (level, track): where a ladder lacking it looks nearby."""
        return {r.title: (r.level, r.track) for lad in self._ladders.values() for r in lad.rungs}

    def _target_id(self, market: str, family: str) -> str:
        if family == "product":
            return self.market_id(market)
        fam = [i for i, lad in self._ladders.items() if lad.family == family]
        if not fam:
            raise UnknownMarketError(family, sorted({lad.family for lad in self._ladders.values()}))
        return fam[0]

    def _normalize_uncached(self, title: str, ladder_id: str) -> Match | None:
        return self._normalizer(ladder_id)(title)

    def normalize(self, title: str, market: str = DEFAULT_MARKET, *, family: str = "product") -> Match | None:
        """Read a job title as a rung of ``market``'s ladder; None when it is not a product role.

        ``family="engineering"`` reads it against the bundled engineering ladder instead.

        Raises:
            TypeError: when ``title`` is not a str.
            UnknownMarketError: when ``market`` is not loaded.
        """
        if not isinstance(title, str):
            raise TypeError(f"title must be a str, not {type(title).__name__}")
        return self._read(title, self._target_id(market, family))

    def _read(self, title: str, ladder_id: str) -> Match | None:
        """Normalize through the memo; inputs too long to be titles are never pinned in it."""
        if len(title) > _MEMO_TITLE_CHARS:
            return self._normalize_uncached(title, ladder_id)
        return self._memo(title, ladder_id)

    def normalize_many(
        self, titles: Iterable[str], market: str = DEFAULT_MARKET, *, family: str = "product"
    ) -> Iterator[Match | None]:
        """Normalize titles lazily, in input order, one result per input (None for a non-match).

        Results are memoized (bounded), so repeated titles cost almost nothing.
        """
        if isinstance(titles, str):
            raise TypeError("titles must be an iterable of str (e.g. a list), not a single str")
        ladder_id = self._target_id(market, family)
        for title in titles:
            if not isinstance(title, str):
                raise TypeError(f"every title must be a str, got {type(title).__name__}")
            yield self._read(title, ladder_id)

    def clear_cache(self) -> None:
        """Forget memoized normalizations."""
        self._memo.cache_clear()

    # -- map -----------------------------------------------------------------------------------

    def _facts(self, profile: Profile | None) -> tuple[Profile, tuple[str, ...]]:
        """The profile with its background inferred from its title history when not given."""
        from .profile import Profile

        profile = profile or Profile()
        if profile.background is not None or not profile.history:
            return profile, ()
        engineering = next((lad.id for lad in self._ladders.values() if lad.family == "engineering"), None)
        votes: list[tuple[str, str]] = []
        for past in profile.history:
            if engineering and (m := self._read(past, engineering)) is not None:
                votes.append(("engineering", m.title))
            elif m := self.normalize(past, DEFAULT_MARKET if DEFAULT_MARKET in self else self.markets()[0]):
                votes.append(("product", m.title))
        if not votes:
            return profile, ()
        counts = Counter(bg for bg, _ in votes)
        top = max(counts.values())
        background = next(bg for bg, _ in reversed(votes) if counts[bg] == top)  # ties: most recent
        read = ", ".join(f"{t!r}" for _, t in votes)
        note = f"Background {background!r} inferred from title history ({read})."
        return profile.model_copy(update={"background": background}), (note,)

    def map_title(
        self, title: str, source: str, target: str, profile: Profile | None = None
    ) -> Mapping | None:
        """Translate a title from one market's convention to another's, for a person's profile.

        The title is normalized in ``source`` first, so raw titles work. Returns None when the
        title is not a product-management role.

        Raises:
            UnknownMarketError: when either market is not loaded.
        """
        src = self.ladder(source)
        dst = self.ladder(target)
        match = self.normalize(title, src.id)
        if match is None:
            return None
        from .mapping import map_rung

        facts, inferred = self._facts(profile)
        return map_rung(
            match,
            src,
            dst,
            self._rules,
            self._sources(),
            facts,
            inferred,
            source_chain=self._chain(src),
            target_chain=self._chain(dst),
        )

    def _chain(self, ladder: Ladder) -> tuple[str, ...]:
        """The ladder's id and the ids of the ladders it extends, nearest first."""
        chain = [ladder.id]
        while ladder.extends and ladder.extends in self._ladders and ladder.extends not in chain:
            ladder = self._ladders[ladder.extends]
            chain.append(ladder.id)
        return tuple(chain)

    def equivalents(self, title: str, market: str, profile: Profile | None = None) -> dict[str, Mapping]:
        """The title's equivalent in every other loaded market, keyed by market id."""
        src = self.ladder(market)
        out: dict[str, Mapping] = {}
        for other in self.markets():
            if other != src.id:
                found = self.map_title(title, src.id, other, profile)
                if found is not None:
                    out[other] = found
        return out

    def _sources(self) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        for lad in self._ladders.values():
            for s in lad.sources:
                sources.setdefault(s.id, s)
        return sources

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
                conditions=rule.when.model_dump(exclude_none=True),
                rationale=rule.rationale,
                source=rule.source,
                convention=rule.convention,
            )
        return nx.freeze(g)


def _rebuild(paths: tuple[str, ...], include_bundled: bool) -> TitleMap:
    return TitleMap.from_paths(list(paths), include_bundled=include_bundled)
