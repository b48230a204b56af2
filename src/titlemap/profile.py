"""A person's profile: what cross-market rules may condition on."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, cast

from .backgrounds import read_background as read_cell_background
from .cells import read_flag, read_history, read_years
from .employer import read_stage
from .errors import InputError
from .records import Background, CompanyStage

__all__ = ["Profile", "read_background"]

# How people write a background, and the background it stands for: the deprecated
# ``BACKGROUND_SYNONYMS``, kept as it was for code that reads it. :func:`read_background` reads far
# more ways of writing a background (degrees, majors, institutes, functions).
_BACKGROUND_SYNONYMS: dict[str, str] = {
    "engineer": "engineering",
    "software": "engineering",
    "software engineering": "engineering",
    "swe": "engineering",
    "sde": "engineering",
    "developer": "engineering",
    "dev": "engineering",
    "development": "engineering",
    "tech": "engineering",
    "technical": "engineering",
    "qa": "engineering",
    "ux": "design",
    "ui": "design",
    "designer": "design",
    "ux design": "design",
    "analytics": "data",
    "data science": "data",
    "analyst": "data",
    "data scientist": "data",
    "mba": "business",
    "finance": "business",
    "strategy": "business",
    "general management": "business",
    "consultant": "consulting",
    "management consulting": "consulting",
    "pm": "product",
    "product management": "product",
    "ops": "operations",
    "support": "operations",
    "growth": "marketing",
    "bd": "sales",
    "business development": "sales",
}


def __getattr__(name: str) -> Any:
    if name == "BACKGROUND_SYNONYMS":
        warnings.warn(
            "titlemap.profile.BACKGROUND_SYNONYMS is deprecated and no longer read: backgrounds are "
            "read by titlemap.backgrounds.read_background (also titlemap.profile.read_background)",
            DeprecationWarning,
            stacklevel=2,
        )
        return dict(_BACKGROUND_SYNONYMS)
    raise AttributeError(f"module 'titlemap.profile' has no attribute {name!r}")


def read_background(value: object) -> Background | None:
    """A background as people write it (``"Software"``, ``"B.Tech CSE"``, ``"IIT + IIM"`` ->
    ``"engineering"``), or None when blank: the reading of :func:`titlemap.backgrounds.read_background`,
    the same for a :class:`Profile` as for a file's background column.

    Raises:
        ValueError: for a background it cannot place, naming the accepted ones.
    """
    return cast(Background | None, read_cell_background(value))


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """What is known about the person whose title is mapped; every field is optional (give them
    by name).

    ``background`` and ``company_stage`` are case-insensitive and accept common synonyms
    (``"software"`` -> ``"engineering"``, ``"startup"`` -> ``"early"``). ``years`` reads numbers
    and spreadsheet values ("5+", "10 yrs", "5-7" is its lower bound; 0 to 70). ``history`` lists
    past titles, most recent last (a string is split at ``;`` or ``>``); they are normalized to
    infer a background when none is given.

    >>> Profile(background="Software", years=6).background
    'engineering'
    >>> Profile(years="10 yrs", manages_people="no", history="SDE > Senior SDE").history
    ('SDE', 'Senior SDE')

    Raises:
        InputError: for a value it cannot read, naming the field, the value and what to write.
    """

    background: Background | None = None
    years: float | None = None
    manages_people: bool | None = None
    history: tuple[str, ...] = ()
    company_stage: CompanyStage | None = None

    def __post_init__(self) -> None:
        for name, reader in _READERS:
            raw = getattr(self, name)
            try:
                value = reader(raw)
            except (ValueError, OverflowError) as exc:
                raise InputError(f"{name.replace('_', ' ')}: {exc}", field=name, value=raw) from None
            object.__setattr__(self, name, value)

    def replace(self, **changes: Any) -> Profile:
        """A copy with some fields changed (read like the constructor's)."""
        values = {name: getattr(self, name) for name, _ in _READERS}
        values.update(changes)
        return Profile(**values)


_READERS: tuple[tuple[str, Any], ...] = (
    ("background", read_background),
    ("years", read_years),
    ("manages_people", read_flag),
    ("history", read_history),
    ("company_stage", read_stage),
)
