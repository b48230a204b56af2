"""The runtime ladder: one market's rungs, promotions and lateral moves, with graph views."""

from __future__ import annotations

import warnings
from collections import deque
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .canonical import FINER_RUNGS, canonical_rung
from .errors import UnknownRungError
from .records import ALIAS_SEPARATOR, Ambiguity, CompanyInfo, Grade, Landing, Lateral, Rung, Source
from .spine import track_label
from .text import key

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Ladder", "LadderHeader"]


@dataclass(frozen=True, slots=True)
class LadderHeader:
    """What a registry needs to know of a ladder without building it: how it is looked up."""

    id: str
    kind: str = "market"
    family: str = "product"
    extends: str | None = None
    countries: tuple[str, ...] = ()  # country codes and names
    company_names: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # regions read with this ladder by default (EMEA, APAC)
    cities: tuple[str, ...] = ()
    subdivisions: tuple[tuple[str, str], ...] = ()  # (code, name): ("CA", "California")
    city_code_priority: int | None = None  # set when addresses are written "City, ST"

    @property
    def places(self) -> tuple[str, ...]:
        """The country codes, country names and cities that name the ladder."""
        return (*self.countries, *self.cities)

    @classmethod
    def of(cls, ladder: Ladder) -> LadderHeader:
        """The header of a built ladder."""
        return cls(
            ladder.id,
            ladder.kind,
            ladder.family,
            ladder.extends,
            countries=(*ladder.countries, *ladder.country_names),
            company_names=ladder.company.names if ladder.company else (),
            regions=ladder.regions,
            cities=ladder.cities,
            subdivisions=ladder.subdivisions,
            city_code_priority=ladder.city_code_priority,
        )


@dataclass(frozen=True, slots=True)
class Ladder:
    """One market's product title convention (or a company ladder), immutable.

    ``rungs`` are ordered bottom to top. Look rungs up by id, canonical title or alias with
    :meth:`rung`; walk careers with :meth:`promotions` and :meth:`path`.

    >>> import titlemap
    >>> lad = titlemap.ladder("India")
    >>> lad.id, lad.rung("Sr PM").title
    ('in', 'Senior Product Manager')
    """

    id: str
    name: str
    description: str
    sources: tuple[Source, ...]
    rungs: tuple[Rung, ...]
    kind: str = "market"
    family: str = "product"
    extends: str | None = None
    company: CompanyInfo | None = None
    countries: tuple[str, ...] = ()
    country_names: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    subdivisions: tuple[tuple[str, str], ...] = ()
    subdivisions_source: str | None = None
    city_code_priority: int | None = None
    language: str | None = None
    other_languages: tuple[str, ...] = ()
    not_product_abbreviations: tuple[str, ...] = ()
    promotion_edges: tuple[tuple[str, tuple[str, ...]], ...] = ()
    laterals: tuple[Lateral, ...] = ()
    ambiguous: tuple[Ambiguity, ...] = ()
    landings: tuple[Landing, ...] = ()
    file: str | None = None

    # indexes, built once from the fields above
    _by_id: dict[str, Rung] = field(init=False, repr=False, compare=False)
    _by_key: dict[str, Rung] = field(init=False, repr=False, compare=False)
    _by_canonical: dict[str, tuple[Rung, ...]] = field(init=False, repr=False, compare=False)
    _promotions: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _sources: dict[str, Source] = field(init=False, repr=False, compare=False)
    _evidence: dict[str, Grade | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[str, Rung] = {}
        by_canonical: dict[str, list[Rung]] = {}
        for r in self.rungs:
            for name in (r.title, *r.aliases):
                by_key.setdefault(key(name), r)
            if r.canonical is not None:
                by_canonical.setdefault(r.canonical, []).append(r)
        built = {
            "_promotions": dict(self.promotion_edges),
            "_by_id": {r.id: r for r in self.rungs},
            "_by_key": by_key,
            "_by_canonical": {k: tuple(v) for k, v in by_canonical.items()},
            "_sources": {s.id: s for s in self.sources},
            "_evidence": {},
        }
        for name, value in built.items():
            object.__setattr__(self, name, value)

    def __getstate__(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in _FIELDS}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__post_init__()

    def to_dict(self) -> dict[str, Any]:
        """The ladder as plain data (its rungs, sources, edges and headers), for JSON."""
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "family": self.family,
            "extends": self.extends,
            "company": None if self.company is None else self.company.to_dict(),
            "countries": list(self.countries),
            "country_names": list(self.country_names),
            "cities": list(self.cities),
            "regions": list(self.regions),
            "subdivisions": [[code, name] for code, name in self.subdivisions],
            "subdivisions_source": self.subdivisions_source,
            "city_code_priority": self.city_code_priority,
            "language": self.language,
            "other_languages": list(self.other_languages),
            "not_product_abbreviations": list(self.not_product_abbreviations),
            "description": self.description,
            "sources": [s.to_dict() for s in self.sources],
            "rungs": [r.to_dict() for r in self.rungs],
            "promotion_edges": [[a, list(b)] for a, b in self.promotion_edges],
            "laterals": [lat.to_dict() for lat in self.laterals],
            "ambiguous": [a.to_dict() for a in self.ambiguous],
            "landing": [x.to_dict() for x in self.landings],
            "file": self.file,
        }
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Ladder:
        """A ladder from :meth:`to_dict`'s output (the compiled bundle)."""
        company = d.get("company")
        return cls(
            id=d["id"],
            name=d["name"],
            description=d["description"],
            sources=tuple(Source.from_dict(s) for s in d["sources"]),
            rungs=tuple(Rung.from_dict(r) for r in d["rungs"]),
            kind=d.get("kind", "market"),
            family=d.get("family", "product"),
            extends=d.get("extends"),
            company=None if company is None else CompanyInfo.from_dict(company),
            countries=tuple(d.get("countries", ())),
            country_names=tuple(d.get("country_names", ())),
            cities=tuple(d.get("cities", ())),
            regions=tuple(d.get("regions", ())),
            subdivisions=tuple((code, name) for code, name in d.get("subdivisions", ())),
            subdivisions_source=d.get("subdivisions_source"),
            city_code_priority=d.get("city_code_priority"),
            language=d.get("language"),
            other_languages=tuple(d.get("other_languages", ())),
            not_product_abbreviations=tuple(d.get("not_product_abbreviations", ())),
            promotion_edges=tuple((a, tuple(b)) for a, b in d.get("promotion_edges", ())),
            laterals=tuple(Lateral.from_dict(x) for x in d.get("laterals", ())),
            ambiguous=tuple(Ambiguity.from_dict(a) for a in d.get("ambiguous", ())),
            landings=tuple(Landing.from_dict(x) for x in d.get("landing", ())),
            file=d.get("file"),
        )

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the market's titles are written in: its main language first."""
        main = (self.language,) if self.language else ()
        return main + tuple(x for x in self.other_languages if x != self.language)

    def source(self, source_id: str) -> Source | None:
        """The ladder's source with this id, or None."""
        return self._sources.get(source_id)

    def evidence(self, rung: Rung) -> Grade | None:
        """The grade of the best source placing ``rung`` (its ``level_sources``, else its
        ``sources``): ``"A"``, ``"B"`` or ``"C"``; None when none of them is graded."""
        found = self._evidence.get(rung.id)
        if found is None and rung.id not in self._evidence:
            grades = [
                s.grade
                for sid in (rung.level_sources if rung.level_sources is not None else rung.sources)
                if (s := self._sources.get(sid)) is not None and s.grade is not None
            ]
            found = min(grades) if grades else None
            self._evidence[rung.id] = found
        return found

    # -- lookup --------------------------------------------------------------------------------

    @property
    def promotion_map(self) -> dict[str, tuple[str, ...]]:
        """Promotion edges as ``{rung id: (next rung ids, ...)}`` (a copy; the ladder is immutable)."""
        return dict(self._promotions)

    def has_rung(self, rung_id: str) -> bool:
        """Whether the ladder has a rung with this id."""
        return rung_id in self._by_id

    def get(self, title: str | Rung, default: Rung | None = None) -> Rung | None:
        """The rung with this id, canonical title or alias (case and punctuation ignored), or default."""
        if isinstance(title, Rung):
            return self._by_id.get(title.id, default)
        return self._by_id.get(title) or self._by_key.get(key(title), default)

    def rung(self, title: str | Rung) -> Rung:
        """The rung with this id, canonical title or alias.

        Raises:
            UnknownRungError: when no rung has that id, title or alias.
        """
        found = self.get(title)
        if found is None:
            name = title.title if isinstance(title, Rung) else title
            raise UnknownRungError(name, self.id, "known titles: " + ", ".join(r.title for r in self.rungs))
        return found

    def resolve(self, rung_id: str, level: int | None = None, track: str | None = None) -> Rung | None:
        """The rung of this ladder that a canonical rung id reads as.

        1. the rung with that id;
        2. else a rung that names it as its ``canonical:`` rung (the one nearest ``level`` when
           there are several, else the lowest);
        3. for a finer rank (:data:`~titlemap.canonical.FINER_RUNGS`), else its canonical rung;
        4. else the rung nearest on the level spine to ``level`` on ``track`` (both default to
           the canonical rung's own position), the lower one on a tie; any track when the ladder
           has none on that track.

        Returns None only for an unknown id without a position, or a ladder without rungs.

        >>> import titlemap
        >>> titlemap.ladder("us").resolve("senior-product-manager").title
        'Senior Product Manager'
        """
        found = self.counterpart(rung_id, level)
        if found is not None:
            return found
        if rung_id in FINER_RUNGS:  # a finer rank this ladder does not have: its canonical rung
            return self.resolve(FINER_RUNGS[rung_id], level, track)
        if level is None or track is None:
            known = canonical_rung(rung_id)
            if known is None:
                return None
            level = known.level if level is None else level
            track = known.track if track is None else track
        return self.nearest(level, track)

    def counterpart(self, rung_id: str, level: int | None = None) -> Rung | None:
        """The rung with this id, else a rung naming it as ``canonical:`` (nearest ``level``), or None."""
        found = self._by_id.get(rung_id)
        if found is not None:
            return found
        finer = self._by_canonical.get(rung_id)
        if not finer:
            return None
        return min(finer, key=lambda r: (0 if level is None else abs(r.level - level), r.level))

    def nearest(self, level: int, track: str) -> Rung | None:
        """The rung nearest to ``level`` on ``track`` (any track when the ladder has none there)."""
        pool = [r for r in self.rungs if r.track == track] or list(self.rungs)
        if not pool:
            return None
        return min(pool, key=lambda r: (abs(r.level - level), r.level))

    def rungs_of(self, rung_id: str) -> tuple[Rung, ...]:
        """Every rung that reads as a canonical rung id: the rung with that id and the rungs naming
        it as ``canonical:`` (a company that titles several levels alike), lowest first."""
        own = self._by_id.get(rung_id)
        found = ((own,) if own is not None else ()) + self._by_canonical.get(rung_id, ())
        return tuple(sorted(found, key=lambda r: r.level))

    def by_code(self, code: str) -> tuple[Rung, ...]:
        """The rungs carrying a company level code (``"L6"``, ``"IC5"``; case-insensitive)."""
        wanted = code.upper()
        return tuple(r for r in self.rungs if any(c.upper() == wanted for c in r.codes))

    def canonical_id(self, rung: Rung) -> str:
        """The canonical rung id a rung of this ladder is read as (its own id unless it names one)."""
        return rung.canonical or rung.id

    def canonical_title(self, rung: Rung) -> str:
        """The canonical title a rung is read as: the title of its canonical rung.

        A finer rank (``senior-staff-product-manager``) or a company's own level reads as the
        title of the rung it names as ``canonical:`` (in this ladder, else the canonical list).
        """
        if rung.canonical is None:
            own = canonical_rung(rung.id)  # a canonical id under the company's own title
            return own.title if own is not None else rung.title
        target = self._by_id.get(rung.canonical)
        if target is not None and target.canonical is None:
            return self.canonical_title(target)
        known = canonical_rung(rung.canonical)
        return known.title if known is not None else rung.title

    def landing(self, level: int, track: str) -> Landing | None:
        """The title the market commonly gives at ``level`` on ``track`` (its ``landing:``
        data), or None where the data names none."""
        return next((x for x in self.landings if x.level == level and x.track == track), None)

    def ambiguity(self, title: str) -> Ambiguity | None:
        """The varying reading recorded for a title (compared by key), or None."""
        wanted = key(title)
        return next((a for a in self.ambiguous if key(a.title) == wanted), None)

    def alias_keys(self) -> dict[str, Rung]:
        """Every title and alias comparison key (see :func:`titlemap.text.key`) with its rung."""
        return dict(self._by_key)

    def __contains__(self, title: object) -> bool:
        return isinstance(title, (str, Rung)) and self.get(title) is not None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rungs)

    def __len__(self) -> int:
        return len(self.rungs)

    # -- careers -------------------------------------------------------------------------------

    def promotions(self, title: str | Rung) -> tuple[Rung, ...]:
        """The rungs one promotion above ``title`` (several where IC and manager tracks fork)."""
        r = self.rung(title)
        return tuple(self._by_id[t] for t in self._promotions.get(r.id, ()))

    def lateral_moves(self, title: str | Rung) -> tuple[Rung, ...]:
        """The rungs reachable from ``title`` by a lateral move."""
        r = self.rung(title)
        out: list[Rung] = []
        for lat in self.laterals:
            if r.id in lat.between:
                other = lat.between[1] if lat.between[0] == r.id else lat.between[0]
                out.append(self._by_id[other])
        return tuple(out)

    def path(self, from_title: str | Rung, to_title: str | Rung) -> tuple[Rung, ...]:
        """The shortest promotion path from one rung to another, both ends included.

        Returns an empty tuple when promotions never lead from one to the other.
        """
        start, goal = self.rung(from_title), self.rung(to_title)
        prev: dict[str, str | None] = {start.id: None}
        queue = deque([start.id])
        while queue:
            node = queue.popleft()
            if node == goal.id:
                steps: list[Rung] = []
                cur: str | None = node
                while cur is not None:
                    steps.append(self._by_id[cur])
                    cur = prev[cur]
                return tuple(reversed(steps))
            for nxt in self._promotions.get(node, ()):
                if nxt not in prev:
                    prev[nxt] = node
                    queue.append(nxt)
        return ()

    # -- graph views ---------------------------------------------------------------------------

    @property
    def graph(self) -> nx.DiGraph:
        """A frozen ``networkx.DiGraph``: nodes are rung ids with the rung's attributes; edges
        carry ``kind`` (``"promotion"`` or ``"lateral"``).

        Each access builds a new graph, and its node and edge attributes are read-only
        mappings, so nothing written to one graph can change the ladder, another graph or the
        output of ``titlemap graph``; ``graph.copy()`` gives a graph you may change.
        """
        import networkx as nx

        g = nx.DiGraph(market=self.id, name=self.name)
        for r in self.rungs:
            attrs = r.to_dict()
            del attrs["id"]
            g.add_node(r.id, **attrs, market=self.id)
        for src, targets in self._promotions.items():
            for t in targets:
                g.add_edge(src, t, kind="promotion")
        for lat in self.laterals:
            a, b = lat.between
            g.add_edge(a, b, kind="lateral", rationale=lat.rationale, source=lat.source)
            g.add_edge(b, a, kind="lateral", rationale=lat.rationale, source=lat.source)
        nodes, succ, pred = g._node, g._succ, g._pred
        for n, attrs in nodes.items():
            nodes[n] = MappingProxyType(attrs)
        for u, targets in succ.items():
            for v, attrs in targets.items():
                targets[v] = pred[v][u] = MappingProxyType(attrs)
        return nx.freeze(g)

    def to_mermaid(self) -> str:
        """The ladder as a Mermaid flowchart (bottom to top), for Markdown and notebooks."""
        lines = ["flowchart BT"]
        for r in self.rungs:
            label = f"{r.title}<br/>L{r.level} {r.track}".replace('"', "'")
            lines.append(f'    {_node(r.id)}["{label}"]')
        for src, targets in self._promotions.items():
            lines.extend(f"    {_node(src)} --> {_node(t)}" for t in targets)
        for lat in self.laterals:
            lines.append(f"    {_node(lat.between[0])} <-.-> {_node(lat.between[1])}")
        return "\n".join(lines) + "\n"

    def to_dot(self) -> str:
        """The ladder as a Graphviz DOT digraph."""
        out = [f'digraph "{self.id}" {{', "  rankdir=BT;", "  node [shape=box];"]
        for r in self.rungs:
            out.append(f'  "{r.id}" [label="{_dot(r.title)}\\nL{r.level} {r.track}"];')
        for src, targets in self._promotions.items():
            out.extend(f'  "{src}" -> "{t}" [kind=promotion];' for t in targets)
        for lat in self.laterals:
            out.append(f'  "{lat.between[0]}" -> "{lat.between[1]}" [kind=lateral, dir=both, style=dashed];')
        out.append("}")
        return "\n".join(out) + "\n"

    def plot(self, ax: Any = None) -> Any:
        """Draw the ladder by level with matplotlib (extra ``[plot]``); returns the Axes.

        Deprecated: use :func:`titlemap.plot.draw_ladder` (the plotting front door), so that the
        ladder model does not depend on it.
        """
        warnings.warn(
            "Ladder.plot() is deprecated; use titlemap.plot.draw_ladder(ladder)",
            DeprecationWarning,
            stacklevel=2,
        )
        from importlib import import_module  # the plotting door, by name: the model layer imports no door

        return import_module("titlemap.plot").draw_ladder(self, ax=ax)

    # -- display -------------------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"<Ladder {self.id!r} {self.name!r}: {len(self.rungs)} rungs>"

    def __str__(self) -> str:
        rows = [f"{self.name} ({self.id})"]
        rows += [f"  L{r.level:<2} {r.track:<9} {r.title}" for r in reversed(self.rungs)]
        return "\n".join(rows)

    def _repr_html_(self) -> str:
        import html

        head = "<tr><th>Level</th><th>Track</th><th>Title</th><th>Aliases</th><th>Manages people</th></tr>"
        body = "".join(
            f"<tr><td>{r.level}</td><td>{html.escape(track_label(r.track))}</td>"
            f"<td><b>{html.escape(r.title)}</b></td><td>{html.escape(ALIAS_SEPARATOR.join(r.aliases[:6]))}</td>"
            f"<td>{_people(r.manages_people)}</td></tr>"
            for r in reversed(self.rungs)
        )
        return (
            f"<div><b>{html.escape(self.name)}</b> <code>{html.escape(self.id)}</code>"
            f"<table>{head}{body}</table></div>"
        )


def _node(rung_id: str) -> str:
    return rung_id.replace("-", "_")


def _dot(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _people(flag: bool | None) -> str:
    return {True: "yes", False: "no", None: "varies"}[flag]


_FIELDS: tuple[str, ...] = tuple(f for f in Ladder.__dataclass_fields__ if not f.startswith("_"))
