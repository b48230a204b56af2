"""Cross-market mapping: a title read in one market (and employer) placed in another's convention.

Every market places its rungs on one universal level spine, so mapping composes through it; the
crosswalk files hold only the sourced exceptions. For a source reading (a rung at a level, in
its employer's context) and a target ladder (a market, or a company's ladder there):

1. the crosswalk rules from the source rung into the target (looked up through the ladders
   each side ``extends:``) whose conditions hold for the person and both employers are
   collected; the most specific one (most conditions) wins, then the most confident;
2. without such a rule, the title the target market commonly gives at the reading's level and
   track (its ``landing:`` data) wins, unless the reading's own rung is there at that level and
   is not one the market rarely gives (``instead_of``);
3. else the target rung nearest to the reading's level wins, each target rung
   read at the target employer's stage and sector: nearest in level, a rung on the other side
   of the spine (people leaders for an individual contributor, or the reverse) counting as one
   and a half levels further; then the same canonical rung, then the same line (Product Owner
   or Product Manager), then a canonical rung before a finer rank, then the lower level; rungs
   that a company of the target's stage normally lacks are avoided;
4. the other applicable rules, the rules that did not apply, and the other readings are
   alternatives.

Into a company, the answer is always one of the company's own rungs; where the company publishes
level codes around the reading's level (between its lowest and highest coded rungs), only its
rungs with codes are candidates, so the answer carries a code (a rule's target without one gives
way to the nearest rung with one). When the company has no rung at the reading's level, the
answer is the nearer of its rungs below and above, the other is the first alternative, and the
explanation says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .canonical import OWNER_LINE
from .context import LevelReading, read_level
from .crosswalk import Crosswalk, split_ref
from .errors import LadderError
from .ladder import Ladder
from .match import Alternative, Match, replace_match
from .profile import Profile
from .records import Grade, Landing, Rule, Rung
from .spine import reading_track

__all__ = ["Alternative", "Facts", "Mapping", "coded_span", "holds", "infer_background", "map_rung"]

SAME_RUNG_CONFIDENCE = 0.8
SAME_LEVEL_CONFIDENCE = 0.7
NEAREST_CONFIDENCE = 0.6
_CROSSING = 1.5
_CODED_CROSSING = 0.5


@dataclass(frozen=True, slots=True)
class Mapping:
    """A title translated into another market's convention.

    Attributes:
        title: the title of the rung landed on, in the target ladder: the company's own title
            when mapping into a company, else the target market's title for the rung.
        canonical_title: the shared concept title of the rung landed on (as on
            :class:`~titlemap.Match`); group and join on it.
        rung: the target :class:`~titlemap.Rung` landed on.
        market: the target market.
        level: the level of the answer on the spine, at the target employer.
        track: ``"ic"``, ``"manager"`` or ``"executive"``.
        confidence: how sure, 0 < confidence <= 1; the alternatives' confidences are on the same
            scale and never above it.
        alternatives: other plausible target rungs, best first.
        explanation: sentences naming each rule or edge used, its condition and its source.
        source: the :class:`~titlemap.Match` of the input title in the source market.
        rule: the id of the rule that decided, or None when the spine decided.
        level_range: the lowest and highest level the answer allows; also as
            :attr:`level_min` and :attr:`level_max`.
        local_title: the rung's usual title in the target market's own language, when it
            differs ("Senior Produktmanager"), else None.
        company: the target company ladder id, when mapping into a company.
        company_title: the target company's own title for the rung (the same as ``title``).
        company_level: the target company's level code(s) for the rung.
        evidence: the weakest of the grades the answer rests on (the reading's, the rule's
            source and the target rung's): ``"A"``, ``"B"`` or ``"C"`` (weak), or None.
        years: the typical years of experience of the rung landed on, ``(low, high)``, where
            its sources give them; else None.
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
    level_range: tuple[int, int] = (0, 0)
    company: str | None = None
    company_title: str | None = None
    company_level: str | None = None
    canonical_title: str = ""
    track: str = "ic"
    local_title: str | None = None
    evidence: Grade | None = None
    years: tuple[float, float | None] | None = None

    @property
    def level_min(self) -> int:
        """The lowest level the answer allows (``level_range[0]``)."""
        return self.level_range[0]

    @property
    def level_max(self) -> int:
        """The highest level the answer allows (``level_range[1]``)."""
        return self.level_range[1]

    def explain(self) -> str:
        """The explanation as one paragraph (its sentences joined)."""
        return " ".join(self.explanation)

    def to_dict(self) -> dict[str, Any]:
        """The mapping as plain data, for JSON."""
        return {
            "title": self.title,
            "canonical_title": self.canonical_title,
            "rung": self.rung.id,
            "local_title": self.local_title,
            "market": self.market,
            "level": self.level,
            "level_range": list(self.level_range),
            "track": self.track,
            "confidence": self.confidence,
            "rule": self.rule,
            "company": self.company,
            "company_title": self.company_title,
            "company_level": self.company_level,
            "evidence": self.evidence,
            "years": None if self.years is None else list(self.years),
            "alternatives": [a.to_dict() for a in self.alternatives],
            "explanation": list(self.explanation),
            "source": self.source.to_dict(),
        }

    def __repr__(self) -> str:
        alts = ", ".join(f"{a.title} ({a.confidence:.2f})" for a in self.alternatives)
        where = self.market if self.company is None else f"{self.market}/{self.company}"
        return (
            f"Mapping({self.source.title!r} [{self.source.market}] -> {self.title!r} [{where}], "
            f"level={self.level}, confidence={self.confidence:.2f}"
            + (f", alternatives=[{alts}]" if alts else "")
            + ")"
        )

    def _repr_html_(self) -> str:
        import html

        items = "".join(f"<li>{html.escape(s)}</li>" for s in self.explanation)
        alts = ", ".join(html.escape(f"{a.title} ({a.confidence:.2f})") for a in self.alternatives) or "none"
        return (
            f"<div><b>{html.escape(self.source.title)}</b> ({html.escape(self.source.market)}) &rarr; "
            f"<b>{html.escape(self.title)}</b> ({html.escape(self.market)}), level {self.level}, "
            f"confidence {self.confidence:.2f}<br>Alternatives: {alts}<ul>{items}</ul></div>"
        )


@dataclass(frozen=True, slots=True)
class Facts:
    """What rules may condition on: the person, and both employers' sector and stage."""

    profile: Profile
    source_sector: str | None = None
    source_stage: str | None = None
    target_sector: str | None = None
    target_stage: str | None = None


def holds(rule: Rule, facts: Facts) -> bool:
    """Whether every condition of ``rule`` holds for the (inferred) facts."""
    return _verdict(rule, facts) is True


def _verdict(rule: Rule, facts: Facts) -> bool | None:
    """True when every condition holds, False when a known fact contradicts one, else None
    (a condition on something unknown: the rule may still hold, so it stays an alternative)."""
    c, p = rule.when, facts.profile
    checks: list[bool | None] = []
    if c.background is not None:
        checks.append(None if p.background is None else p.background in c.background)
    if c.min_years is not None:
        checks.append(None if p.years is None else p.years >= c.min_years)
    if c.max_years is not None:
        checks.append(None if p.years is None else p.years <= c.max_years)
    if c.manages_people is not None:
        checks.append(None if p.manages_people is None else p.manages_people is c.manages_people)
    for wanted, value in (
        (c.company_stage, facts.source_stage),
        (c.sector, facts.source_sector),
        (c.target_stage, facts.target_stage),
        (c.target_sector, facts.target_sector),
    ):
        if wanted is not None:
            checks.append(None if value is None else value in wanted)
    if False in checks:
        return False
    return None if None in checks else True


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
    return profile.replace(background=background), (note,)


def _cite(rule: Rule, crosswalk: Crosswalk) -> str:
    src = crosswalk.source(rule.source)
    name = f"{src.title} <{src.url}>" if src else rule.source
    if rule.convention:
        return f"source: {name}; a reported convention, not a universal law"
    return f"source: {name}"


def _side(level: int, track: str) -> str:
    """Which side of the spine a reading is on: individual contributors or people leaders
    (levels 0-3 exist only for individual contributors, so a reading placed there is one)."""
    return "ic" if track == "ic" or level <= 3 else "lead"


@dataclass(frozen=True, slots=True)
class _Candidate:
    rung: Rung
    reading: LevelReading


def coded_span(target: Ladder) -> tuple[int, int] | None:
    """The lowest and highest level at which a company publishes level codes (the levels of its
    rungs with codes); None for a market or a company without codes."""
    levels = [r.level for r in target.rungs if r.codes] if target.kind == "company" else []
    return (min(levels), max(levels)) if levels else None


def _candidates(target: Ladder, facts: Facts, level: int | None = None) -> list[_Candidate]:
    """The target's rungs a reading at ``level`` may land on: for a company that publishes codes
    at that level, only its rungs with codes (an answer a recruiter can make an offer on)."""
    span = coded_span(target)
    rungs = target.rungs
    if span is not None and level is not None and span[0] <= level <= span[1]:
        rungs = tuple(r for r in rungs if r.codes)
    found = [_Candidate(r, read_level(r, facts.target_sector, facts.target_stage)) for r in rungs]
    stage = facts.target_stage
    if stage is not None:
        usual = [c for c in found if c.rung.stages is None or stage in c.rung.stages]
        found = usual or found
    return found


def _ranking(
    target: Ladder, match: Match, source: Ladder
) -> Callable[[_Candidate], tuple[float, int, int, int, int, int]]:
    """How near a target rung is to the reading (smaller is nearer; see the module docstring)."""
    side = _side(match.level, match.track)
    canonical = source.canonical_id(match.rung)
    owner = canonical in OWNER_LINE
    # a company's codes are one scale across its tracks (Google's L7 is an individual PM or a
    # Group PM): there the other side at the same level is nearer than this side a level away
    coded = coded_span(target) is not None
    away = _CODED_CROSSING if coded else _CROSSING

    def key(c: _Candidate) -> tuple[float, int, int, int, int, int]:
        reads_as = target.canonical_id(c.rung)
        # the other side of the spine (people leaders for an individual contributor) counts as
        # one and a half levels away: the same side wins at the same level or one level off,
        # and a company ladder that lacks a side's rungs still lands near the reading's level
        crossing = away if _side(c.reading.level, c.rung.track) != side else 0.0
        off = abs(c.reading.level - match.level)
        if coded and len(c.rung.codes) > 1:  # codes spanning levels (Microsoft's 65-67) cover their range
            low, high = c.reading.level_range
            off = 0 if low <= match.level <= high else min(abs(low - match.level), abs(high - match.level))
        return (
            off + crossing,
            abs(c.reading.level - match.level),
            reads_as != canonical,
            (reads_as in OWNER_LINE) != owner,
            c.rung.canonical is not None,  # a canonical rung before a finer rank at the same level
            c.reading.level,
        )

    return key


def _nearest(target: Ladder, match: Match, source: Ladder, facts: Facts) -> tuple[_Candidate, int]:
    """The target rung nearest to the reading on the spine (see the module docstring)."""
    pool = _candidates(target, facts, match.level)
    if not pool:
        raise LadderError(f"ladder {target.id!r} has no rungs to map into", file=target.file)
    best = min(pool, key=_ranking(target, match, source))
    return best, abs(best.reading.level - match.level)


def _neighbour(
    target: Ladder, match: Match, source: Ladder, facts: Facts, nearest: _Candidate
) -> _Candidate | None:
    """When a company has no rung at the reading's level: its nearest rung on the other side of
    the reading from ``nearest`` (above it when ``nearest`` is below), else None."""
    if target.kind != "company" or nearest.reading.level == match.level:
        return None
    above = nearest.reading.level < match.level
    pool = [
        c
        for c in _candidates(target, facts, match.level)
        if (c.reading.level > match.level if above else c.reading.level < match.level)
    ]
    return min(pool, key=_ranking(target, match, source)) if pool else None


def _landing(
    target: Ladder, match: Match, source: Ladder, nearest: _Candidate, distance: int
) -> tuple[Landing, Rung] | None:
    """The title the target market commonly gives at the reading's level and track (its
    ``landing:`` data), unless the reading's own rung is there at that level and is not one the
    market rarely gives; None when the market names no landing title there."""
    landing = target.landing(match.level, match.track) if target.kind != "company" else None
    if landing is None:
        return None
    direct = distance == 0 and target.canonical_id(nearest.rung) == source.canonical_id(match.rung)
    if direct and nearest.rung.id not in landing.instead_of:
        return None
    return landing, target.rung(landing.rung)


def _rule_target(rule: Rule, target: Ladder, level: int) -> Rung | None:
    return target.counterpart(split_ref(rule.to)[1], level)


@dataclass
class _Decision:
    """The rung a mapping lands on, how sure on the rules' scale, the rule that decided (None
    when the spine or the market's landing titles did) and the sentences saying why."""

    rung: Rung
    confidence: float
    rule: str | None
    sentences: list[str]
    neighbour: str | None = None  # the company rung on the reading's other side: first alternative


# rung id -> (confidence on the rules' scale, the rule id or reason behind it)
_Options = dict[str, tuple[float, str | None]]


def map_rung(
    match: Match,
    source: Ladder,
    target: Ladder,
    crosswalk: Crosswalk,
    facts: Facts,
    inferred: tuple[str, ...] = (),
    *,
    target_market: str | None = None,
) -> Mapping:
    """Map a reading of ``source`` into ``target`` for the facts (see the module docstring).

    ``facts`` holds the person's profile with anything inferred already filled in, and both
    employers' sector and stage; ``inferred`` holds the sentences saying what was inferred.
    ``target_market`` names the market when ``target`` is a company's ladder.
    """
    # Rules name rungs by id; a finer rank or a company's own level has its own place on the
    # spine, so the rules of the rung it is read as do not apply to it.
    candidates = crosswalk.rules_between(match.rung.id, source, target)
    applicable = sorted(
        (r for r in candidates if holds(r, facts)), key=lambda r: (-r.when.specificity, -r.confidence, r.id)
    )
    options: _Options = {}
    nearest, distance = _nearest(target, match, source, facts)
    decision = (
        _by_rule(applicable, match, target, crosswalk, nearest, options)
        or _by_landing(target, match, source, crosswalk, nearest, distance, bool(candidates))
        or _by_spine(target, match, source, facts, nearest, distance, bool(candidates))
    )
    if decision.rule is not None:
        decision = _keep_reading_level(decision, match, source, target, facts, options)
        decision = _with_code(decision, match, source, target, facts, options)
    explanation = [_read_sentence(match, source), *inferred, *decision.sentences]
    for r in candidates:
        if r in applicable:
            continue
        explanation.append(f"Rule {r.id} did not apply (needs {r.when.describe()}).")
        other = _rule_target(r, target, match.level)
        if other is not None and _verdict(r, facts) is None:  # it may hold: an alternative
            options.setdefault(other.id, (round(r.confidence * 0.6, 3), r.id))
    _reading_alternatives(match, source, target, facts, options)
    return _mapping(match, target, decision, explanation, options, facts, crosswalk, target_market)


def _read_sentence(match: Match, source: Ladder) -> str:
    at_source = (
        "" if match.level == match.rung.level else f" at the source employer (default {match.rung.level})"
    )
    return (
        f"Read {match.raw!r} as {match.title!r} in {source.id!r} "
        f"(level {match.level}{at_source}, confidence {match.confidence:.2f})."
    )


def _by_rule(
    applicable: list[Rule],
    match: Match,
    target: Ladder,
    crosswalk: Crosswalk,
    nearest: _Candidate,
    options: _Options,
) -> _Decision | None:
    """The most specific applicable crosswalk rule's target; the other rules' are options."""
    best = applicable[0] if applicable else None
    rung = _rule_target(best, target, match.level) if best is not None else None
    if best is None or rung is None:
        return None
    sentence = f"Rule {best.id} ({best.when.describe()}): {best.rationale} ({_cite(best, crosswalk)})."
    for r in applicable[1:]:
        other = _rule_target(r, target, match.level)
        if other is not None:
            conf = r.confidence * (0.8 if r.when.specificity < best.when.specificity else 0.9)
            options.setdefault(other.id, (round(conf, 3), r.id))
    if not any(r.when.specificity == 0 for r in applicable):
        options.setdefault(nearest.rung.id, (0.5, None))
    return _Decision(rung, best.confidence, best.id, [sentence])


def _by_landing(
    target: Ladder,
    match: Match,
    source: Ladder,
    crosswalk: Crosswalk,
    nearest: _Candidate,
    distance: int,
    had_rules: bool,
) -> _Decision | None:
    landed = _landing(target, match, source, nearest, distance)
    if landed is None:
        return None
    landing, rung = landed
    cited_source = crosswalk.source(landing.source) or target.source(landing.source)
    cited = f"{cited_source.title} <{cited_source.url}>" if cited_source else landing.source
    sentence = (
        f"No crosswalk rule for {match.title!r} into {target.id!r} applies"
        f"{' to this profile' if had_rules else ''}; {target.id!r} titles level {match.level} "
        f"({match.track}) as {rung.title!r} (landing titles of {target.id!r}; source: {cited})."
    )
    return _Decision(rung, SAME_LEVEL_CONFIDENCE, None, [sentence])


def _by_spine(
    target: Ladder,
    match: Match,
    source: Ladder,
    facts: Facts,
    nearest: _Candidate,
    distance: int,
    had_rules: bool,
) -> _Decision:
    rung = nearest.rung
    same = target.canonical_id(rung) == source.canonical_id(match.rung)
    where = target.id if target.kind != "company" else f"{target.id}'s ladder"
    level = nearest.reading.level
    to_whom = " to this profile" if had_rules else ""
    opening = f"No crosswalk rule for {match.title!r} into {target.id!r} applies{to_whom}"
    if same and distance == 0:
        sentence = (
            f"{opening}; {where} places {target.canonical_title(rung)!r} at the same level ({level}) "
            "of the shared spine."
        )
        return _Decision(rung, SAME_RUNG_CONFIDENCE, None, [sentence])
    confidence = SAME_LEVEL_CONFIDENCE if distance == 0 else _spine_confidence(distance)
    sentence = (
        f"{opening}; {target.canonical_title(rung)!r} is the rung of {where} nearest to level "
        f"{match.level} on the spine (level {level})."
    )
    other = _neighbour(target, match, source, facts, nearest)
    if other is None:
        return _Decision(rung, confidence, None, [sentence])
    gap = abs(other.reading.level - match.level)
    low, high = nearest.reading.level_range
    if target.kind == "company" and len(rung.codes) > 1 and low <= match.level <= high:
        why = f"{_named(rung)} spans levels {low}-{high}, which hold the reading's level, so it is the answer"
    elif gap > distance:
        why = "the nearer one is the answer"
    elif gap == distance:
        why = "both are as near; the closer match is the answer"
    else:
        why = (
            "the one on the reading's side of the spine (individual contributors or people leaders) "
            "is the answer"
        )
    between = (
        f"{target.id} has no rung at level {match.level}: the reading lies between {_named(rung)} "
        f"(level {level}) and {_named(other.rung)} (level {other.reading.level}); {why} and the "
        "other the first alternative."
    )
    return _Decision(rung, confidence, None, [sentence, between], other.rung.id)


def _spine_confidence(distance: int) -> float:
    return max(0.3, NEAREST_CONFIDENCE - 0.1 * (distance - 1))


def _named(rung: Rung) -> str:
    """A company rung as a recruiter names it: ``'Principal Product Manager' (L7)``."""
    code = _codes(rung)
    return f"{rung.title!r} ({code})" if code else repr(rung.title)


def _keep_reading_level(
    decision: _Decision, match: Match, source: Ladder, target: Ladder, facts: Facts, options: _Options
) -> _Decision:
    """A rule maps a rung at its default level; a reading its context moved (a bank's VP rank, a
    company code, a stage) moves the answer as far, or the rule would undo what the reading knew."""
    offset = match.level - match.rung.level
    if offset == 0:
        return decision
    wanted = read_level(decision.rung, facts.target_sector, facts.target_stage).level + offset
    moved = replace_match(match, level=wanted, track=reading_track(wanted, match.rung.track))
    found, _ = _nearest(target, moved, source, facts)
    if found.rung.id == decision.rung.id:
        return decision
    options.setdefault(decision.rung.id, (round(decision.confidence * 0.8, 3), decision.rule))
    why = f" (the {match.rank} rank)" if match.rank else ""
    sentence = (
        f"The reading sits {abs(offset)} level{'s' if abs(offset) > 1 else ''} "
        f"{'above' if offset > 0 else 'below'} the default of {match.rung.title!r} in its context{why}, "
        f"so the answer moves with it: {found.rung.title!r} (level {found.reading.level}) rather than "
        f"the rule's {decision.rung.title!r}."
    )
    return _Decision(found.rung, decision.confidence * 0.9, decision.rule, [*decision.sentences, sentence])


def _with_code(
    decision: _Decision, match: Match, source: Ladder, target: Ladder, facts: Facts, options: _Options
) -> _Decision:
    """A rule's answer into a company that publishes codes at the reading's level must carry one:
    a rung without a code gives way to the nearest rung with one, and becomes an alternative."""
    span = coded_span(target)
    if decision.rung.codes or span is None or not span[0] <= match.level <= span[1]:
        return decision
    found, _ = _nearest(target, match, source, facts)
    options.setdefault(decision.rung.id, (round(decision.confidence * 0.8, 3), decision.rule))
    sentence = (
        f"{target.id} gives {decision.rung.title!r} no level code, so the answer is its nearest rung "
        f"with one: {_named(found.rung)} (level {found.reading.level})."
    )
    return _Decision(found.rung, decision.confidence * 0.9, decision.rule, [*decision.sentences, sentence])


def _reading_alternatives(
    match: Match, source: Ladder, target: Ladder, facts: Facts, options: _Options
) -> None:
    """The reading's own alternatives ("AVP Product" at a bank), each mapped by the spine."""
    for alt in match.alternatives:
        other = replace_match(
            match,
            rung=alt.rung,
            level=alt.level,
            track=reading_track(alt.level, alt.rung.track),
            alternatives=(),
        )
        found, distance = _nearest(target, other, source, facts)
        spine = SAME_LEVEL_CONFIDENCE if distance == 0 else NEAREST_CONFIDENCE
        # on the rules' scale, relative to the reading's own confidence
        share = alt.confidence / match.confidence if match.confidence else 0.0
        options.setdefault(found.rung.id, (round(spine * share, 3), alt.rule or "another reading"))


def _mapping(
    match: Match,
    target: Ladder,
    decision: _Decision,
    explanation: list[str],
    options: _Options,
    facts: Facts,
    crosswalk: Crosswalk,
    target_market: str | None,
) -> Mapping:
    rung = decision.rung
    reading = read_level(rung, facts.target_sector, facts.target_stage)
    explanation.extend(f"At the target employer {n}." for n in reading.notes)
    confidence = round(decision.confidence * match.confidence * reading.confidence, 3)
    options.pop(rung.id, None)
    # one scale: every option is scaled as the answer is, and none outscores it; the company
    # rung on the reading's other side comes first, the others below it
    cap = confidence
    if decision.neighbour is not None:
        gap = abs(target.rung(decision.neighbour).level - match.level)
        cap = min(confidence, round(_spine_confidence(gap) * match.confidence * reading.confidence, 3))
        options[decision.neighbour] = (cap / match.confidence if match.confidence else 0.0, None)
    alternatives = tuple(
        sorted(
            (
                _alternative(
                    target,
                    rid,
                    cap if rid == decision.neighbour else min(cap - 0.001, conf * match.confidence),
                    rule_id,
                    facts,
                )
                for rid, (conf, rule_id) in options.items()
            ),
            key=lambda a: (-a.confidence, a.level),
        )
    )
    is_company = target.kind == "company"
    grades = [g for g in (match.evidence, target.evidence(rung), _rule_grade(decision.rule, crosswalk)) if g]
    return Mapping(
        title=rung.title,
        canonical_title=target.canonical_title(rung),
        track=reading_track(reading.level, rung.track),
        local_title=rung.local_title,
        evidence=max(grades) if grades else None,
        rung=rung,
        market=target_market or target.id,
        level=reading.level,
        confidence=confidence,
        alternatives=alternatives,
        explanation=tuple(explanation),
        source=match,
        rule=decision.rule,
        level_range=reading.level_range,
        company=target.id if is_company else None,
        company_title=rung.title if is_company else None,
        company_level=_codes(rung) if is_company else None,
        years=rung.years,
    )


def _codes(rung: Rung) -> str | None:
    """A company rung's code, or its first and last codes as a span ("IC4-IC7")."""
    if not rung.codes:
        return None
    return rung.codes[0] if len(rung.codes) == 1 else f"{rung.codes[0]}-{rung.codes[-1]}"


def _alternative(
    target: Ladder, rung_id: str, confidence: float, rule: str | None, facts: Facts
) -> Alternative:
    rung = target.rung(rung_id)
    level = read_level(rung, facts.target_sector, facts.target_stage).level
    return Alternative(rung.title, rung, level, confidence, rule, target.canonical_title(rung))


def _rule_grade(rule_id: str | None, crosswalk: Crosswalk) -> Grade | None:
    rule = crosswalk.rule(rule_id) if rule_id else None
    source = crosswalk.source(rule.source) if rule else None
    return source.grade if source else None
