"""Cross-market mapping: a rung of one market read in another's convention, with reasons.

Rules are data (crosswalk files). For a source rung and a target market:

1. the rules from that rung into the target market whose conditions hold for the profile are
   collected; the most specific one (most conditions) wins, then the most confident;
2. without any rule, the rung with the same id (same canonical title and spine level) is the
   answer; failing that, the target rung nearest on the spine, on the same track;
3. the other applicable rules, and the plain same-title rung, are alternatives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .crosswalk import Crosswalk, split_ref
from .errors import LadderError
from .ladder import Ladder
from .match import Match
from .models import Rule, Rung
from .profile import Profile

__all__ = ["Alternative", "Mapping", "infer_background", "map_rung"]

SAME_TITLE_CONFIDENCE = 0.8
NEAREST_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another plausible target rung, with its confidence and the rule behind it (if any)."""

    title: str
    rung: Rung
    level: int
    confidence: float
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Mapping:
    """A title translated into another market's convention.

    Attributes:
        title: the best target rung's canonical title.
        rung: the best target :class:`~titlemap.models.Rung`.
        market: the target market.
        level: the target rung's spine level.
        confidence: how sure, 0 < confidence <= 1.
        alternatives: other plausible target rungs, best first.
        explanation: sentences naming each rule or edge used, its condition and its source.
        source: the :class:`~titlemap.match.Match` of the input title in the source market.
        rule: the id of the rule that decided, or None when the spine decided.
    """

    title: str
    rung: Rung
    market: str
    level: int
    confidence: float
    alternatives: tuple[Alternative, ...]
    explanation: tuple[str, ...]
    source: Match
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The mapping as plain data, for JSON."""
        return {
            "title": self.title,
            "rung": self.rung.id,
            "market": self.market,
            "level": self.level,
            "confidence": self.confidence,
            "rule": self.rule,
            "alternatives": [
                {"title": a.title, "level": a.level, "confidence": a.confidence, "rule": a.rule}
                for a in self.alternatives
            ],
            "explanation": list(self.explanation),
            "source": self.source.to_dict(),
        }

    def __repr__(self) -> str:
        alts = ", ".join(f"{a.title} ({a.confidence:.2f})" for a in self.alternatives)
        return (
            f"Mapping({self.source.title!r} [{self.source.market}] -> {self.title!r} [{self.market}], "
            f"confidence={self.confidence:.2f}" + (f", alternatives=[{alts}]" if alts else "") + ")"
        )

    def _repr_html_(self) -> str:
        import html

        items = "".join(f"<li>{html.escape(s)}</li>" for s in self.explanation)
        alts = ", ".join(html.escape(f"{a.title} ({a.confidence:.2f})") for a in self.alternatives) or "none"
        return (
            f"<div><b>{html.escape(self.source.title)}</b> ({html.escape(self.source.market)}) &rarr; "
            f"<b>{html.escape(self.title)}</b> ({html.escape(self.market)}), confidence "
            f"{self.confidence:.2f}<br>Alternatives: {alts}<ul>{items}</ul></div>"
        )


def _here(candidates: list[Rule]) -> str:
    return " to this profile" if candidates else ""


def holds(rule: Rule, facts: Profile) -> bool:
    """Whether every condition of ``rule`` holds for the (inferred) profile facts."""
    c = rule.when
    if c.background is not None and facts.background not in c.background:
        return False
    if c.min_years is not None and (facts.years is None or facts.years < c.min_years):
        return False
    if c.max_years is not None and (facts.years is None or facts.years > c.max_years):
        return False
    if c.manages_people is not None and facts.manages_people is not c.manages_people:
        return False
    return not (c.company_stage is not None and facts.company_stage not in c.company_stage)


def _cite(rule: Rule, crosswalk: Crosswalk) -> str:
    src = crosswalk.source(rule.source)
    name = f"{src.title} <{src.url}>" if src else rule.source
    kind = "convention" if rule.convention else "rule"
    return f"source: {name}" + (f"; a reported {kind}, not a universal law" if rule.convention else "")


def infer_background(
    profile: Profile, read: Callable[[str], tuple[str, str] | None]
) -> tuple[Profile, tuple[str, ...]]:
    """The profile with its background inferred from its title history when none is given.

    ``read`` turns a past title into ``(background, canonical title)`` or None. The most frequent
    background wins; a tie goes to the most recent title. Returns the profile and a note saying
    what was inferred (empty when nothing was).
    """
    if profile.background is not None or not profile.history:
        return profile, ()
    votes = [v for v in map(read, profile.history) if v is not None]
    if not votes:
        return profile, ()
    counts = Counter(bg for bg, _ in votes)
    top = max(counts.values())
    background = next(bg for bg, _ in reversed(votes) if counts[bg] == top)  # ties: most recent
    read_as = ", ".join(f"{t!r}" for _, t in votes)
    note = f"Background {background!r} inferred from title history ({read_as})."
    return profile.model_copy(update={"background": background}), (note,)


def map_rung(
    match: Match,
    source: Ladder,
    target: Ladder,
    crosswalk: Crosswalk,
    facts: Profile,
    inferred: tuple[str, ...] = (),
) -> Mapping:
    """Map the matched rung of ``source`` into ``target`` for a profile (see the module docstring).

    ``facts`` is the person's profile with anything inferred already filled in; ``inferred``
    holds the sentences saying what was inferred, for the explanation.
    """
    candidates = crosswalk.rules_between(match.rung.id, source, target)
    if not candidates and match.rung.canonical is not None:  # a finer rank: the rules of its canonical rung
        candidates = crosswalk.rules_between(match.rung.canonical, source, target)
    applicable = [r for r in candidates if holds(r, facts)]
    applicable.sort(key=lambda r: (-r.when.specificity, -r.confidence, r.id))
    explanation: list[str] = [
        f"Read {match.raw!r} as {match.title!r} in {source.id!r} "
        f"(level {match.level}, confidence {match.confidence:.2f})."
    ]
    explanation.extend(inferred)
    options: dict[str, tuple[float, str | None]] = {}
    same = target.counterpart(match.rung.id, match.level) or target.counterpart(
        source.canonical_id(match.rung), match.level
    )
    if applicable:
        best = applicable[0]
        rung = target.rung(split_ref(best.to)[1])
        confidence = best.confidence
        decided: str | None = best.id
        explanation.append(
            f"Rule {best.id} ({best.when.describe()}): {best.rationale} ({_cite(best, crosswalk)})."
        )
        for r in applicable[1:]:
            rid = split_ref(r.to)[1]
            conf = r.confidence * (0.8 if r.when.specificity < best.when.specificity else 0.9)
            options.setdefault(rid, (round(conf, 3), r.id))
    else:
        if same is not None:
            rung, confidence, decided = same, SAME_TITLE_CONFIDENCE, None
            explanation.append(
                f"No crosswalk rule for {match.title!r} into {target.id!r} applies{_here(candidates)}; "
                "the same canonical "
                f"title sits at level {same.level} of the shared level spine in both ladders."
            )
        else:
            nearest = target.nearest(match.level, match.track)
            if nearest is None:
                raise LadderError(f"ladder {target.id!r} has no rungs to map into", file=target.file)
            rung = nearest
            confidence, decided = NEAREST_CONFIDENCE, None
            explanation.append(
                f"{target.id!r} has no {match.title!r}; {rung.title!r} is the nearest rung on the "
                f"{match.track} track of the level spine (level {rung.level})."
            )
    skipped = [r for r in candidates if r not in applicable]
    for r in skipped:
        explanation.append(f"Rule {r.id} did not apply (needs {r.when.describe()}).")
    if applicable and not any(r.when.specificity == 0 for r in applicable) and same is not None:
        options.setdefault(same.id, (0.5, None))
    for r in skipped:
        rid = split_ref(r.to)[1]
        options.setdefault(rid, (round(r.confidence * 0.6, 3), r.id))
    options.pop(rung.id, None)
    alternatives = tuple(
        sorted(
            (
                Alternative(
                    title=target.canonical_title(target.rung(rid)),
                    rung=target.rung(rid),
                    level=target.rung(rid).level,
                    confidence=conf,
                    rule=rule_id,
                )
                for rid, (conf, rule_id) in options.items()
            ),
            key=lambda a: (-a.confidence, a.level),
        )
    )
    return Mapping(
        title=target.canonical_title(rung),
        rung=rung,
        market=target.id,
        level=rung.level,
        confidence=round(confidence * match.confidence, 3),
        alternatives=alternatives,
        explanation=tuple(explanation),
        source=match,
        rule=decided,
    )
