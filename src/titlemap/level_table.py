"""The cross-company level table: every company's level codes and titles, by spine level.

Levels.fyi's core is a table of companies' levels side by side; this is titlemap's, read from the
company ladders (one column per company, one row per level of the spine that any of them uses).
A cell holds the company's rungs at that level: their codes, their titles and the grade of the
best source placing them (``A`` primary, ``B`` press or practitioner, ``C`` aggregator, weak).
It needs nothing but titlemap: :meth:`LevelTable.to_rows` and :meth:`LevelTable.to_dict` give
plain data, :meth:`LevelTable.frame` a pandas DataFrame when pandas is installed.

>>> import titlemap
>>> table = titlemap.levels("google", "amazon")
>>> table.companies
('google', 'amazon')
>>> [e.code for e in table[3]["amazon"]]
['L6']
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .console import display_width
from .errors import UnknownMarketError
from .ladder import Ladder
from .records import Grade, Rung
from .spine import SPINE, TRACKS
from .views import codes_text, company_rungs

if TYPE_CHECKING:
    import pandas as pd

    from .core import TitleMap

__all__ = ["GROUP_COLUMNS", "LevelEntry", "LevelRow", "LevelTable", "groups", "level_table"]

#: How many company columns ``repr()`` draws; a wider table is summarized (print ``.text()``).
REPR_COLUMNS = 6
#: The most companies :func:`groups` puts side by side in one table.
GROUP_COLUMNS = 6
#: A market with fewer companies than this shares a table with other small markets.
_OWN_GROUP = 4


@dataclass(frozen=True, slots=True)
class LevelEntry:
    """One company rung in the level table.

    Attributes:
        company: the company ladder id.
        rung: the rung id in the company's ladder.
        title: the company's own title for the rung.
        codes: the company's level codes for the rung (empty when none is known).
        level: the rung's level on the spine.
        track: ``"ic"``, ``"manager"`` or ``"executive"``.
        level_range: the lowest and highest level the rung allows.
        grade: the grade of the best source placing the rung's level and codes (its
            ``level_sources``): ``"A"``, ``"B"``, ``"C"`` (weak), or None when no graded source
            places it (``convention`` then says whether its level is this project's convention).
        convention: True when the company's file places the rung on no source (``level_sources: []``).
    """

    company: str
    rung: str
    title: str
    codes: tuple[str, ...]
    level: int
    track: str
    level_range: tuple[int, int]
    grade: Grade | None
    convention: bool = False

    @property
    def code(self) -> str:
        """The codes as one label (``"L6"``, ``"65/66/67"``); ``""`` without codes."""
        return "/".join(dict.fromkeys(self.codes))

    @property
    def evidence(self) -> str:
        """The grade as a word for tables: ``"A"``, ``"B"``, ``"C"``, ``"convention"`` or ``"ungraded"``."""
        if self.grade is not None:
            return self.grade
        return "convention" if self.convention else "ungraded"

    def label(self) -> str:
        """Codes, title and grade as one cell text: ``"L6 Senior Product Manager (A)"``."""
        return f"{self._named()} ({self.evidence})"

    def _named(self) -> str:
        """Codes and title; a bank's rank is its own code, so ``"VP"``, not ``"VP VP"``."""
        if self.code.casefold() == self.title.casefold():
            return self.code
        return f"{self.code} {self.title}".lstrip()

    def to_dict(self) -> dict[str, Any]:
        """The entry as plain data, one flat record (for CSV, JSON or a DataFrame)."""
        return {
            "level": self.level,
            "company": self.company,
            "codes": self.code or None,
            "title": self.title,
            "track": self.track,
            "level_min": self.level_range[0],
            "level_max": self.level_range[1],
            "evidence": self.evidence,
            "rung": self.rung,
        }

    def __str__(self) -> str:
        return self.label()


@dataclass(frozen=True, slots=True)
class LevelRow:
    """One level of the spine across the table's companies: ``row["google"]`` is a cell."""

    level: int
    name: str
    cells: tuple[tuple[LevelEntry, ...], ...]
    companies: tuple[str, ...]

    def __getitem__(self, company: str) -> tuple[LevelEntry, ...]:
        try:
            return self.cells[self.companies.index(company)]
        except ValueError:
            known = ", ".join(self.companies)
            raise KeyError(f"no company {company!r} in the table; it has {known}") from None

    def __iter__(self) -> Iterator[tuple[str, tuple[LevelEntry, ...]]]:
        return iter(zip(self.companies, self.cells, strict=True))

    def text(self, company: str) -> str:
        """A cell as text: its entries' labels joined by ``"; "`` (``""`` when empty)."""
        return "; ".join(e.label() for e in self[company])

    def to_dict(self) -> dict[str, Any]:
        """The row as plain data: the level, its spine names and every cell's entries."""
        return {
            "level": self.level,
            "name": self.name,
            "cells": {c: [e.to_dict() for e in cell] for c, cell in self},
        }


@dataclass(frozen=True, slots=True)
class LevelTable:
    """Companies' level codes and titles side by side, one row per spine level (highest last).

    Iterating gives the rows; ``table[5]`` is the row of level 5 and ``table[5]["google"]`` the
    Google rungs there. Immutable: filter with :func:`titlemap.levels` or :meth:`select`.
    """

    companies: tuple[str, ...]
    rows: tuple[LevelRow, ...]

    def __iter__(self) -> Iterator[LevelRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, level: int) -> LevelRow:
        for row in self.rows:
            if row.level == level:
                return row
        raise KeyError(f"no company of the table has a rung at level {level}")

    def entries(self, company: str | None = None) -> tuple[LevelEntry, ...]:
        """Every entry, lowest level first; only one company's with ``company``."""
        return tuple(e for row in self.rows for c, cell in row for e in cell if company in (None, c))

    def select(self, *companies: str) -> LevelTable:
        """The table of some of its companies (ids, in the order given)."""
        missing = [c for c in companies if c not in self.companies]
        if missing:
            raise KeyError(f"not in the table: {', '.join(missing)}")
        return _assemble(companies, [e for e in self.entries() if e.company in companies])

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat record per company rung (level, company, codes, title, track, level_min,
        level_max, evidence, rung), lowest level first: for CSV, JSON or a DataFrame."""
        return [e.to_dict() for e in self.entries()]

    def to_dict(self) -> dict[str, Any]:
        """The table as plain data: its companies and its rows (see :meth:`LevelRow.to_dict`)."""
        return {"companies": list(self.companies), "levels": [r.to_dict() for r in self.rows]}

    def frame(self) -> pd.DataFrame:
        """The table as a pandas DataFrame: index ``level``, one column of cell texts per
        company (needs pandas: the ``[pandas]`` extra). ``pd.DataFrame(t.to_rows())`` is the
        long form, one row per company rung."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError(
                "LevelTable.frame() needs pandas: pip install 'titlemap[pandas]' "
                "(to_rows() gives the same data without it)"
            ) from exc
        data = {"name": [r.name for r in self.rows]}
        data.update({c: [r.text(c) for r in self.rows] for c in self.companies})
        frame: pd.DataFrame = pd.DataFrame(data, index=pd.Index([r.level for r in self.rows], name="level"))
        return frame

    def text(self) -> str:
        """The table as aligned text columns, highest level first (what ``titlemap levels`` prints)."""
        head = ("LEVEL", *(c.upper() for c in self.companies))
        lines = [head]
        for row in reversed(self.rows):
            height = max([len(cell) for cell in row.cells] or [1])
            for i in range(max(height, 1)):
                first = f"{row.level} {row.name}" if i == 0 else ""
                lines.append((first, *(cell[i].label() if i < len(cell) else "" for cell in row.cells)))
        widths = [max(display_width(line[i]) for line in lines) for i in range(len(head))]
        return "\n".join(
            "  ".join(c + " " * (w - display_width(c)) for c, w in zip(line, widths, strict=True)).rstrip()
            for line in lines
        )

    def markdown(self) -> str:
        """The table in Markdown, highest level first: codes in bold, title, grade."""
        lines = [
            "| Level | " + " | ".join(f"`{c}`" for c in self.companies) + " |",
            "| --- |" + " --- |" * len(self.companies),
        ]
        for row in reversed(self.rows):
            cells = ["<br>".join(_markdown(e) for e in cell) for cell in row.cells]
            lines.append(f"| {row.level} {row.name} | " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"

    def __repr__(self) -> str:
        summary = f"LevelTable({len(self.companies)} companies, {len(self.rows)} levels)"
        if len(self.companies) > REPR_COLUMNS:
            return f"{summary}: {', '.join(self.companies)}; print(table.text()) draws it"
        return f"{summary}\n{self.text()}"

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.companies)
        body = []
        for row in reversed(self.rows):
            cells = "".join(
                "<td>" + "<br>".join(html.escape(e.label()) for e in cell) + "</td>" for cell in row.cells
            )
            body.append(f"<tr><th>{row.level} {html.escape(row.name)}</th>{cells}</tr>")
        return f"<table><thead><tr><th>level</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def level_table(titlemap: TitleMap, companies: tuple[str, ...] = ()) -> LevelTable:
    """The level table of ``titlemap``'s company ladders, or of ``companies`` (ids or names such
    as ``"Google"``, in the order given).

    Raises:
        UnknownMarketError: for a name that is no loaded company, naming the known ones.
    """
    ids = tuple(_company(titlemap, c) for c in companies) or tuple(titlemap.companies())
    ladders = [titlemap.ladder(c) for c in ids]
    entries = [_entry(lad, r) for lad in ladders for r in company_rungs(lad, titlemap)]
    return _assemble(ids, entries)


def groups(titlemap: TitleMap) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The companies in groups small enough to read side by side: ``(heading, company ids)``.

    Banks (companies of the ``banking`` sector), whose corporate ranks are a ladder of their own,
    come first; then each market with many companies, split into tables of at most
    :data:`GROUP_COLUMNS` (the companies with the most coded rungs first, so the best-known
    ladders sit side by side); then the markets with few companies, whole markets packed together.
    """
    banks = tuple(c for c in titlemap.companies() if _sector(titlemap.ladder(c)) == "banking")
    by_market: dict[str, list[str]] = {}
    for c in sorted(titlemap.companies(), key=lambda c: (-_coded(titlemap.ladder(c)), c)):
        if c not in banks:
            by_market.setdefault(titlemap.market_of(c), []).append(c)
    out: list[tuple[str, tuple[str, ...]]] = []
    for chunk in _chunks(list(banks)):
        out.append(("Banks and their corporate ranks", chunk))
    small: list[tuple[str, list[str]]] = []
    for market in sorted(by_market, key=lambda m: (-len(by_market[m]), m)):
        if len(by_market[market]) < _OWN_GROUP:
            small.append((market, by_market[market]))
            continue
        for chunk in _chunks(by_market[market]):
            out.append((f"Companies of the `{market}` market", chunk))
    packed: list[tuple[list[str], list[str]]] = []
    for market, ids in sorted(small):
        if not packed or len(packed[-1][1]) + len(ids) > GROUP_COLUMNS:
            packed.append(([], []))
        packed[-1][0].append(f"`{market}`")
        packed[-1][1].extend(ids)
    for markets, ids in packed:
        where = f"the {markets[0]} market" if len(markets) == 1 else f"the markets {', '.join(markets)}"
        out.append((f"Companies of {where}", tuple(ids)))
    return _numbered(out)


def _coded(ladder: Ladder) -> int:
    """How many rungs carry codes: the companies whose levels are best known come first."""
    return sum(1 for r in ladder.rungs if r.codes)


def _sector(ladder: Ladder) -> str | None:
    return ladder.company.sector if ladder.company is not None else None


def _chunks(ids: list[str]) -> list[tuple[str, ...]]:
    """``ids`` in as few tables as :data:`GROUP_COLUMNS` allows, of even sizes, in order."""
    count = -(-len(ids) // GROUP_COLUMNS)
    size, extra = divmod(len(ids), count) if ids else (0, 0)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(tuple(ids[start:end]))
        start = end
    return out


def _numbered(found: list[tuple[str, tuple[str, ...]]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Headings shared by several tables get ``(1 of 3)``."""
    total = {h: sum(1 for x, _ in found if x == h) for h, _ in found}
    seen: dict[str, int] = {}
    out = []
    for heading, ids in found:
        seen[heading] = seen.get(heading, 0) + 1
        suffix = f" ({seen[heading]} of {total[heading]})" if total[heading] > 1 else ""
        out.append((heading + suffix, ids))
    return tuple(out)


def _markdown(entry: LevelEntry) -> str:
    title = entry.title.replace("|", "\\|")
    if entry.code.casefold() == entry.title.casefold():
        return f"**{entry.code}** ({entry.evidence})"
    code = f"**{entry.code}** " if entry.code else ""
    return f"{code}{title} ({entry.evidence})"


def _company(titlemap: TitleMap, name: str) -> str:
    found = titlemap.company_id(name)
    if found is None:
        known = titlemap.companies()
        exc = UnknownMarketError(name, known)
        exc.args = (f"unknown company {name!r}; known companies: {', '.join(known)}",)
        raise exc
    return found


def _entry(ladder: Ladder, rung: Rung) -> LevelEntry:
    return LevelEntry(
        company=ladder.id,
        rung=rung.id,
        title=rung.title,
        codes=tuple(codes_text(rung).split("/")) if rung.codes else (),
        level=rung.level,
        track=rung.track,
        level_range=rung.level_range or (rung.level, rung.level),
        grade=ladder.evidence(rung),
        convention=rung.level_sources == (),
    )


def _assemble(companies: tuple[str, ...], entries: list[LevelEntry]) -> LevelTable:
    order: dict[str, int] = {t: i for i, t in enumerate(TRACKS)}
    rows = []
    for level in sorted({e.level for e in entries}):
        cells = tuple(
            tuple(
                sorted(
                    (e for e in entries if e.level == level and e.company == c),
                    key=lambda e: order.get(e.track, len(order)),
                )
            )
            for c in companies
        )
        rows.append(LevelRow(level, _name(level), cells, companies))
    return LevelTable(companies, tuple(rows))


def _name(level: int) -> str:
    """The spine's names of a level: ``"Staff / Manager"`` where two tracks share it."""
    return " / ".join(s.name for s in SPINE if s.number == level)
