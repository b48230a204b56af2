"""The universal level spine that every rung of every ladder sits on.

A level is a number (comparable across markets and tracks) plus a track. Numbers 0-3 exist only
on the individual-contributor track; 4-8 exist on both the individual-contributor and the manager
track (a Staff PM and a Group PM are peers in scope, not in people responsibility; levels 7 and 8
hold the rare individual contributors at director scope, such as a Senior Principal, a Microsoft
Partner or an Atlassian Distinguished PM); 9-12 are executive levels. The shape follows
job-architecture practice (Aon Radford's P/M/E level families; Levels.fyi's standardized levels
across companies): it is a convention of this library, documented in ``docs/concepts.md``, not
an industry standard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["SPINE", "TRACKS", "SpineLevel", "Track", "reading_track", "spine_level", "track_label"]

Track = Literal["ic", "manager", "executive"]
TRACKS: tuple[Track, ...] = ("ic", "manager", "executive")

_TRACK_LABELS = {"ic": "individual contributor", "manager": "manager", "executive": "executive"}


def track_label(track: str) -> str:
    """The human name of a track id (``"ic"`` -> ``"individual contributor"``)."""
    return _TRACK_LABELS.get(track, track)


@dataclass(frozen=True)
class SpineLevel:
    """One position on the spine: a number, a track and what it means in scope and people."""

    number: int
    track: Track
    code: str
    name: str
    scope: str
    people: str


SPINE: tuple[SpineLevel, ...] = (
    SpineLevel(
        0, "ic", "P0", "Intern", "Assigned tasks within a team, for a fixed term.", "None; supervised."
    ),
    SpineLevel(1, "ic", "P1", "Entry", "Owns features or backlog items with guidance.", "None."),
    SpineLevel(
        2,
        "ic",
        "P2",
        "Career",
        "Owns a feature area or one team's backlog independently.",
        "None; leads through influence.",
    ),
    SpineLevel(
        3,
        "ic",
        "P3",
        "Senior",
        "Owns a product area end to end and sets its roadmap.",
        "None formally; mentors juniors.",
    ),
    SpineLevel(
        4,
        "ic",
        "P4",
        "Lead",
        "Leads a product line or pod; guides other PMs' work.",
        "Informal leadership of a few PMs.",
    ),
    SpineLevel(
        4, "manager", "M1", "Team lead", "A product line with a small team.", "One to three direct reports."
    ),
    SpineLevel(
        5,
        "ic",
        "P5",
        "Staff",
        "Cross-team problems; shapes strategy beyond one team.",
        "None formally; mentors across teams.",
    ),
    SpineLevel(
        5,
        "manager",
        "M2",
        "Manager",
        "A group of related products.",
        "First-line manager of product managers.",
    ),
    SpineLevel(
        6,
        "ic",
        "P6",
        "Principal",
        "Organization-wide product strategy.",
        "None formally; sets direction for many teams.",
    ),
    SpineLevel(
        6, "manager", "M3", "Senior manager", "Several product groups.", "Manages managers or a large group."
    ),
    SpineLevel(
        7,
        "ic",
        "P7",
        "Senior principal",
        "Product strategy across a business unit or the company, at director scope.",
        "None formally; a director-level individual contributor.",
    ),
    SpineLevel(
        7,
        "manager",
        "M4",
        "Director",
        "A product line or portfolio.",
        "Manages managers of product managers.",
    ),
    SpineLevel(
        8,
        "ic",
        "P8",
        "Distinguished",
        "Company-wide product direction; the top of the individual-contributor track.",
        "None formally; a senior-director or VP-level individual contributor.",
    ),
    SpineLevel(
        8, "manager", "M5", "Senior director", "A business unit's product organization.", "Manages directors."
    ),
    SpineLevel(
        9,
        "executive",
        "E1",
        "Associate vice president",
        "A large part of the product organization.",
        "Manages directors.",
    ),
    SpineLevel(
        10,
        "executive",
        "E2",
        "Vice president",
        "The product function or a major division.",
        "Manages the product leadership team.",
    ),
    SpineLevel(
        11,
        "executive",
        "E3",
        "Senior vice president",
        "Several functions or divisions.",
        "Manages vice presidents.",
    ),
    SpineLevel(
        12,
        "executive",
        "E4",
        "Chief",
        "The company's whole product function; board-facing.",
        "Manages the product organization.",
    ),
)

_BY_KEY = {(s.number, s.track): s for s in SPINE}


def spine_level(number: int, track: str) -> SpineLevel | None:
    """The spine position for ``(number, track)``, or None when the spine has no such position."""
    return _BY_KEY.get((number, track))  # type: ignore[arg-type]


def reading_track(level: int, track: str) -> Track:
    """The track of a reading at ``level``: ``track`` where the spine has that position, else the
    nearest track that has the level (a bank's AVP rank read at level 3 is an individual
    contributor's level; read at level 5, a manager's)."""
    if spine_level(level, track) is not None:
        return track  # type: ignore[return-value]
    if level <= 3:
        return "ic"
    return "manager" if level <= 8 else "executive"
