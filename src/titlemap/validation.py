"""Step 3 of loading a file: a plain tree validated against a pydantic spec of
:mod:`titlemap.models`, the first error turned into a :class:`~titlemap.LadderError` that names
the file, the place, the line and what was expected."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import LadderError
from .yamltree import KEYLIKE, Document, display

__all__ = ["validate"]

_Spec = TypeVar("_Spec", bound=BaseModel)


def _place(loc: Sequence[int | str], prefix: str = "") -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def validate(
    doc: Document,
    model: type[_Spec],
    data: Any,
    prefix: str = "",
    origins: Mapping[str, Sequence[int | None]] | None = None,
) -> _Spec:
    """Validate ``data`` as ``model``; the first error becomes a :class:`LadderError`.

    ``origins`` maps a merged list field of an overriding rung to the index each item has in
    the file (None for items inherited from the parent), so errors name the file's own index.
    """
    try:
        # JSON mode keeps strict types (no "NO" -> False, no 1.10 -> "1.1") but accepts lists for tuples
        return model.model_validate_json(json.dumps(data, default=str))
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # a misspelt key also reports the real key as missing: name the misspelling first
        err = min(errors, key=lambda e: e["type"] != "extra_forbidden")
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p in ("function-after",))]
        # unions and tagged fields add type names to the location; keep real places only
        loc = [p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("literal")))]
        msg = err["msg"].removeprefix("Value error, ")  # the library's own words, as written
        field_origins = origins.get(str(loc[0]), ()) if origins and loc else ()
        if len(loc) >= 2 and isinstance(loc[1], int) and loc[1] < len(field_origins):
            index = field_origins[loc[1]]
            if index is None:
                msg += " (an item inherited from the extended ladder)"
                loc = loc[:1]
            else:
                loc[1] = index
        place = _place(loc, prefix)
        line = doc.line(place)
        if err["type"] == "extra_forbidden":
            key = str(loc[-1]) if loc else ""
            msg = f"unknown key {key!r} (misspelt?)" if loc else "unknown key (misspelt?)"
            if loc and not KEYLIKE.fullmatch(key):  # file content (a password file?): not echoed
                msg = "unknown key, not shown: it does not look like a ladder key (is this a ladder file?)"
                place = _place(loc[:-1], prefix)
            if len(loc) == 1:
                allowed = sorted(f.alias or n for n, f in model.model_fields.items())
                msg += "; allowed keys are: " + ", ".join(allowed)
        elif err["type"] == "missing":
            msg = "required key is missing"
        elif "input" in err and err["type"].endswith("_type"):
            shown = f"{err['input']!r:.40}"
            msg = f"{msg} (got {type(err['input']).__name__} {shown}); quote it if it is text"
        more = len(exc.errors()) - 1
        if more:
            msg += f" (and {more} more error{'s' if more > 1 else ''})"
        raise LadderError(msg, file=doc.name, place=display(place), line=line) from None
