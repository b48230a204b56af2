"""Who a title comes from: a company, its sector, stage and size.

A title means what its employer makes it mean. :class:`Employer` says what is known about the
employer; :mod:`titlemap.context` reads a rung's level in that context. Sectors and stages are
read as people write them ("BFSI", "Series B", "startup"); an unknown one is refused with the
accepted values, by :class:`~titlemap.InputError`.

>>> Employer(sector="BFSI", size=30).sector, Employer(sector="BFSI", size=30).effective_stage
('banking', 'early')
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any, cast

from .cells import is_blank, kind_of, shown
from .errors import InputError
from .records import SECTORS, STAGES, CompanyStage, Sector
from .vocabulary import ORGANIZATION_NOUNS

__all__ = [
    "SECTOR_SYNONYMS",
    "STAGE_SYNONYMS",
    "Employer",
    "EmployerLike",
    "as_employer",
    "normalize_sector",
    "normalize_stage",
    "read_sector",
    "read_stage",
    "stage_for_size",
]

SECTOR_SYNONYMS: dict[str, str] = {
    "technology": "tech",
    "software": "tech",
    "internet": "tech",
    "saas": "tech",
    "product": "tech",
    "startup": "tech",
    "bank": "banking",
    "banks": "banking",
    "bfsi": "banking",
    "financial services": "banking",
    "finance": "banking",
    "fintech": "tech",
    "insurance": "banking",
    "nbfc": "banking",
    "investment banking": "banking",
    "it services": "it-services",
    "it service": "it-services",
    "it": "it-services",
    "ites": "it-services",
    "outsourcing": "it-services",
    "services": "it-services",
    "consultancy": "consulting",
    "management consulting": "consulting",
    "pharmaceutical": "pharma",
    "pharmaceuticals": "pharma",
    "life sciences": "pharma",
    "healthcare": "pharma",
    "fmcg": "consumer-goods",
    "cpg": "consumer-goods",
    "consumer goods": "consumer-goods",
    "consumer packaged goods": "consumer-goods",
    "retail": "consumer-goods",
    "government": "public-sector",
    "public sector": "public-sector",
    "public": "public-sector",
    "govt": "public-sector",
    "psu": "public-sector",
}
STAGE_SYNONYMS: dict[str, str] = {
    "startup": "early",
    "start-up": "early",
    "seed": "early",
    "series a": "early",
    "pre-seed": "early",
    "early-stage": "early",
    "early stage": "early",
    "scaleup": "growth",
    "scale-up": "growth",
    "series b": "growth",
    "series c": "growth",
    "series d": "growth",
    "late": "growth",
    "unicorn": "growth",
    "large": "enterprise",
    "mnc": "enterprise",
    "public": "enterprise",
    "listed": "enterprise",
    "corporate": "enterprise",
    "big tech": "enterprise",
    "faang": "enterprise",
}
# Headcount -> stage when no stage is given: a convention of this project (docs/concepts.md).
_EARLY_MAX = 50
_GROWTH_MAX = 1000


def _norm(value: str) -> str:
    return " ".join(value.lower().replace("_", " ").split())


def normalize_sector(value: Any) -> Any:
    """A sector name or synonym (case-insensitive) as its canonical value; other values unchanged."""
    if isinstance(value, str):
        low = _norm(value)
        low = SECTOR_SYNONYMS.get(low, low)
        return low.replace(" ", "-") if low.replace(" ", "-") in SECTORS else low
    return value


def normalize_stage(value: Any) -> Any:
    """A company stage or synonym (case-insensitive) as its canonical value; other values unchanged.
    A stage may be written as a company: "seed-stage startup", "a Series B company".

    >>> normalize_stage("Seed-stage startup"), normalize_stage("a Series B company"), normalize_stage("Acme")
    ('early', 'growth', 'acme')
    """
    if not isinstance(value, str):
        return value
    low = _norm(value)
    found = STAGE_SYNONYMS.get(low, low)
    if found in STAGES:
        return found
    words = low.replace("-", " ").split()
    if words[:1] in (["a"], ["an"]):
        words = words[1:]
    if len(words) > 1 and words[-1] in ORGANIZATION_NOUNS:  # "a seed-stage startup"
        words = words[:-1]
    if len(words) > 1 and words[-1] == "stage":
        words = words[:-1]
    plain = " ".join(words)
    plain = STAGE_SYNONYMS.get(plain, STAGE_SYNONYMS.get(plain.replace(" ", "-"), plain))
    return plain if plain in STAGES else found


def described_stage(text: str) -> CompanyStage | None:
    """The stage words inside an employer described rather than named, or None: "a Series A
    fintech", "an AI startup", "a big tech company" (for a stage written as the whole employer,
    "a Series B company", see :func:`normalize_stage`). Only a description (starting "a"/"an")
    is read this way, so a company named "Startup Products" is not one.

    >>> described_stage("a Series A fintech"), described_stage("an AI startup"), described_stage("Seedcamp")
    ('early', 'early', None)
    """
    words = _norm(text).replace("-", " ").split()
    if words[:1] not in (["a"], ["an"]):
        return None
    for size in (2, 1):
        for i in range(1, len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            found = STAGE_SYNONYMS.get(phrase)
            # "a public sector agency": a word that also names a sector says nothing of the stage
            if found is not None and (phrase == "startup" or phrase not in SECTOR_SYNONYMS):
                return cast(CompanyStage, found)
    return None


def read_sector(value: Any) -> Any:
    """A sector cell: None when blank, else its canonical name (see :func:`normalize_sector`).

    Raises:
        ValueError: for an unknown sector, naming the accepted ones.
    """
    return _read_choice(value, normalize_sector, SECTORS, "sector")


def read_stage(value: Any) -> Any:
    """A company-stage cell: None when blank, else its canonical name (see :func:`normalize_stage`).

    Raises:
        ValueError: for an unknown stage, naming the accepted ones.
    """
    return _read_choice(value, normalize_stage, STAGES, "stage")


def _read_choice(value: Any, normalize: Any, allowed: tuple[str, ...], what: str) -> Any:
    if is_blank(value):
        return None
    value = normalize(value)
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"unknown {what} {shown(value)}; use one of {', '.join(allowed)}")
    return value


def stage_for_size(size: int) -> CompanyStage:
    """The stage a headcount implies: up to 50 early, up to 1,000 growth, else enterprise."""
    if size <= _EARLY_MAX:
        return "early"
    return "growth" if size <= _GROWTH_MAX else "enterprise"


@dataclass(frozen=True, slots=True, kw_only=True)
class Employer:
    """What is known about a title's employer; every field is optional (give them by name).

    ``sector`` is one of ``tech``, ``banking``, ``it-services``, ``consulting``, ``pharma``,
    ``consumer-goods``, ``public-sector`` (case-insensitive; synonyms such as ``bank``, ``BFSI``,
    ``FMCG``, ``government`` work). ``stage`` is ``early``, ``growth`` or ``enterprise``; ``size``
    (headcount) implies a stage when none is given. ``company`` is a company ladder id or the
    employer's name as written ("Microsoft").

    Raises:
        InputError: for an unknown sector or stage (naming the accepted values), a size that is
            not a whole number of at least 1, or a company that is not text.
    """

    company: str | None = None
    sector: Sector | None = None
    stage: CompanyStage | None = None
    size: int | None = None

    def __post_init__(self) -> None:
        for name, reader in _READERS:
            raw = getattr(self, name)
            try:
                value = reader(raw)
            except ValueError as exc:
                raise InputError(f"{name}: {exc}", field=name, value=raw) from None
            object.__setattr__(self, name, value)

    @property
    def effective_stage(self) -> CompanyStage | None:
        """The stage given, else the one the size implies, else None."""
        if self.stage is not None:
            return self.stage
        return stage_for_size(self.size) if self.size is not None else None


def _company(value: object) -> str | None:
    if is_blank(value):
        return None
    if not isinstance(value, str):
        raise ValueError(f"company must be a name (str), not {kind_of(value)}")
    return value.strip() or None


def _size(value: object) -> int | None:
    """A headcount: a whole number of at least 1 (booleans and fractions refused)."""
    if value is None or is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"size {value!r} is not a headcount; give a whole number such as 30")
    number: object = value
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        number = int(text) if text.isdecimal() and text.isascii() else None
    elif isinstance(value, Real) and not isinstance(value, Integral):
        whole = float(value)
        number = int(whole) if math.isfinite(whole) and whole.is_integer() else None
    if not isinstance(number, int) or number < 1:
        raise ValueError(f"size {value!r} is not a headcount; give a whole number of at least 1 such as 30")
    return number


#: What ``employer=`` accepts: an :class:`Employer`, a company name, or None.
EmployerLike = Employer | str | None


def as_employer(value: Employer | str | None, what: str = "employer") -> Employer | None:
    """An :class:`Employer` from an Employer, a company name (str) or None.

    Raises:
        TypeError: for any other type, saying what to pass.
    """
    if value is None or isinstance(value, Employer):
        return value
    if isinstance(value, str):
        return Employer(company=value) if value.strip() else None
    raise TypeError(
        f"{what} must be a titlemap.Employer or a company name (str), not {type(value).__name__}; "
        "e.g. Employer(company='Microsoft', sector='tech')"
    )


_READERS: tuple[tuple[str, Any], ...] = (
    ("company", _company),
    ("sector", read_sector),
    ("stage", read_stage),
    ("size", _size),
)
