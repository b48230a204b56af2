"""The rules the bundled data keeps beyond its schema, as one function the tests and
``titlemap validate`` both apply.

The schema (:mod:`titlemap.models`) says what a file may hold; these rules say what a file must
hold to be trusted:

1. every source is graded (A, B or C), says what it supports (``note``), is cited by something
   in its file (a language file's sources back the language as a whole), and is not one of the
   banned machine-generated or local addresses;
2. every rung written in full, every promotion, lateral move and rule cites a source;
3. every company rung with level codes says which sources place them (``level_sources``), so
   that a weak code shows as weak evidence;
4. every ``examples`` title reads as its rung (in a company ladder, with the company as the
   employer), and every language example reads as the canonical title it names (or is refused,
   for ``NONE``) in the markets that speak the language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .records import GRADES

if TYPE_CHECKING:
    from .core import TitleMap
    from .ladder import Ladder

__all__ = ["BANNED_SOURCES", "Problem", "data_problems", "example_problems"]

#: Addresses never cited: machine-generated or spun pages, and files no reader can open.
BANNED_SOURCES: tuple[str, ...] = (
    "onadiko.com",
    "sirjohnnymai.com",
    "clipartbitch.com",
    "visualfoodie.com",
    "winenfood",
    "blog.fieldlaw.com",
    "freeadvertisingzone",
    "altmedia.house",
    "biecuoliao.com",
    "seed:",
    "file:",
)


@dataclass(frozen=True, slots=True)
class Problem:
    """A rule of the data not kept: the file, the place in it, and what to change."""

    file: str
    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.place}: {self.message}" if self.place else f"{self.file}: {self.message}"


def data_problems(name: str, data: dict[str, Any]) -> list[Problem]:
    """Rules 1-3 for one file, as its plain YAML tree (``name`` is shown in the problems)."""
    return list(_source_problems(name, data)) + list(_citation_problems(name, data))


def _rungs(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A ladder file's rungs (an occupations file keys its codes by rung id instead)."""
    rungs = data.get("rungs", ())
    return list(rungs) if isinstance(rungs, list) else []


def _cited(data: dict[str, Any]) -> set[str]:
    cited = {s for r in _rungs(data) for s in r.get("sources", ())}
    if data.get("kind") == "occupations":
        for table in ("rungs", "families"):
            cited |= {s for codes in data.get(table, {}).values() for s in codes.get("sources", ())}
    cited |= {p.get("source") for p in data.get("promotions", ())}
    cited |= {lat.get("source") for lat in data.get("laterals", ())}
    cited |= {r.get("source") for r in data.get("rules", ())}
    cited |= {x.get("source") for x in data.get("landing", ())}
    cited |= {s for a in data.get("ambiguous", ()) for s in a.get("sources", ())}
    cited.add(data.get("subdivisions_source"))  # a market file's subdivisions
    if data.get("kind") == "language":  # a language's sources back its readings as a whole
        cited |= {s.get("id") for s in data.get("sources", ())}
    return {c for c in cited if isinstance(c, str)}


def _source_problems(name: str, data: dict[str, Any]) -> Iterator[Problem]:
    cited = _cited(data)
    for i, s in enumerate(data.get("sources", ())):
        place = f"sources[{i}]"
        if s.get("grade") not in GRADES:
            yield Problem(name, place, f"source {s.get('id')!r} has no grade; give grade: A, B or C")
        if not s.get("note"):
            yield Problem(name, place, f"source {s.get('id')!r} has no note; paraphrase what it supports")
        if s.get("id") not in cited:
            yield Problem(
                name, place, f"source {s.get('id')!r} is declared but never cited; cite it or remove it"
            )
        url = str(s.get("url", ""))
        if any(b in url for b in BANNED_SOURCES):
            yield Problem(
                name, place, f"{url!r} is not a source titlemap cites (machine-generated or not public)"
            )


def _citation_problems(name: str, data: dict[str, Any]) -> Iterator[Problem]:
    company = data.get("kind") == "company"
    for i, rung in enumerate(_rungs(data)):
        if "level" in rung and not rung.get("sources"):  # an override keeps its parent's sources
            yield Problem(name, f"rungs[{i}]", f"rung {rung.get('id')!r} cites no source")
        if company and rung.get("codes") and rung.get("level_sources") is None:
            yield Problem(
                name,
                f"rungs[{i}]",
                f"rung {rung.get('id')!r} has codes but no level_sources; "
                "name the sources that place its codes",
            )
    for kind in ("promotions", "laterals", "rules"):
        for i, edge in enumerate(data.get(kind, ())):
            if not edge.get("source"):
                yield Problem(name, f"{kind}[{i}]", "cites no source")


def example_problems(tm: TitleMap, ladders: Iterable[Ladder] | None = None) -> list[Problem]:
    """Rule 4: the examples of ``ladders`` (every loaded ladder and language when None) read as
    their data says."""
    out: list[Problem] = []
    chosen = list(tm.ladders() if ladders is None else ladders)
    for lad in chosen:
        for r in lad.rungs:
            for example in r.examples:
                if lad.kind == "company":
                    m = tm.normalize(example, tm.market_of(lad.id), employer=lad.id)
                else:
                    m = tm.normalize(example, lad.id, family=lad.family)
                if m is None or m.rung.id != r.id:
                    got = "not read" if m is None else f"read as {m.rung.id!r} ({m.title})"
                    out.append(Problem(lad.file or lad.id, f"rung {r.id}", f"example {example!r} {got}"))
    if ladders is None:
        for language_id in tm.languages():
            out.extend(_language_example_problems(tm, language_id))
    return out


def _language_example_problems(tm: TitleMap, language_id: str) -> Iterator[Problem]:
    language = tm.language(language_id)
    speaking = [m for m in tm.markets() if language_id in tm.ladder(m).languages]
    for title, expected in language.examples:
        for market in speaking or ["us"]:
            m = tm.normalize(title, market)
            got = "NONE" if m is None else m.canonical_title
            if got != expected:
                yield Problem(
                    language.file or language_id,
                    "examples",
                    f"{title!r} in {market!r} reads as {got}, not {expected}",
                )
