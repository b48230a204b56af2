"""Exceptions raised by titlemap.

Every error a user can cause derives from :class:`TitlemapError`, and each leaf also
inherits the built-in exception a caller would naturally catch::

    TitlemapError
    ├── LadderError(ValueError)          bad ladder or crosswalk data (file, place, line, fix)
    ├── UnknownMarketError(LookupError)  a market id or country name that is not loaded
    ├── UnknownFamilyError(LookupError)  a job family that no loaded ladder describes
    ├── UnknownRungError(LookupError)    a title that is not a rung of the ladder asked
    └── InputError(ValueError)           a bad input: a file or column, a profile or employer value
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "InputError",
    "LadderError",
    "TitlemapError",
    "UnknownFamilyError",
    "UnknownMarketError",
    "UnknownRungError",
]


class TitlemapError(Exception):
    """Root of every exception titlemap raises on purpose."""


class LadderError(TitlemapError, ValueError):
    """A ladder or crosswalk file (or mapping) is invalid.

    The message names the file, the place inside it (``rungs[3].level``), the line when
    known, and what was expected.
    """

    def __init__(
        self, message: str, *, file: str | None = None, place: str | None = None, line: int | None = None
    ) -> None:
        self.file = file
        self.place = place
        self.line = line
        self.detail = message
        where = file or "<ladder data>"
        if line is not None:
            where = f"{where}:{line}"
        if place:
            where = f"{where}: {place}"
        super().__init__(f"{where}: {message}")


class UnknownMarketError(TitlemapError, LookupError):
    """A market id or country name that no loaded ladder describes."""

    def __init__(self, market: object, known: Iterable[str], hint: str | None = None) -> None:
        self.market = market
        self.known = tuple(sorted(known))
        self.hint = hint
        message = f"unknown market {market!r}; known markets: {', '.join(self.known) or '(none)'}"
        super().__init__(f"{message} ({hint})" if hint else message)

    def __str__(self) -> str:  # LookupError would otherwise repr() the message
        return str(self.args[0])


class UnknownFamilyError(TitlemapError, LookupError):
    """A job family (``family=``) that no loaded ladder describes."""

    def __init__(self, family: object, known: Iterable[str]) -> None:
        self.family = family
        self.known = tuple(sorted(known))
        super().__init__(
            f"unknown job family {family!r}; known families: {', '.join(self.known) or '(none)'}"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownRungError(TitlemapError, LookupError):
    """A title or rung id that is not a rung of the ladder it was looked up in."""

    def __init__(self, title: str, ladder_id: str, hint: str | None = None) -> None:
        self.title = title
        self.ladder_id = ladder_id
        msg = f"{title!r} is not a rung of ladder {ladder_id!r}"
        if hint:
            msg += f"; {hint}"
        super().__init__(msg)

    def __str__(self) -> str:
        return str(self.args[0])


class InputError(TitlemapError, ValueError):
    """An input the library cannot use: a file or column of the CLI or the pandas helpers, or a
    value of a :class:`~titlemap.Profile` or :class:`~titlemap.Employer`.

    ``field`` names the value's field (``"years"``) when it is one, and ``value`` holds it.
    """

    def __init__(self, message: str, *, field: str | None = None, value: object = None) -> None:
        self.field = field
        self.value = value
        super().__init__(message)

    @property
    def detail(self) -> str:
        """The message without the field's name in front ("'lots' is not a number of years")."""
        text = str(self)
        label = f"{self.field.replace('_', ' ')}: " if self.field else ""
        return text.removeprefix(label)
