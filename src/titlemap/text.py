"""Text cleanup shared by the loader (alias keys) and the normalizer.

Every step is a compiled, linear-time pattern or a translate table, so time grows linearly with
the length of the input.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean", "key", "key_of_clean"]

# Zero-width, bidi and other format characters (Unicode category Cf), plus C0/C1 controls,
# become spaces; surrogates and private-use code points are dropped.
_INVISIBLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
_UNPRINTABLE = re.compile(r"[\ud800-\udfff\ue000-\uf8ff]")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z/]+")
_SLASH = re.compile(r"\s*/+\s*")


def clean(text: str) -> str:
    """NFKC-normalize, remove invisible and control characters, collapse whitespace."""
    if not text.isascii():
        text = _UNPRINTABLE.sub("", text)
        text = unicodedata.normalize("NFKC", text)
        text = _INVISIBLE.sub(" ", text)
    elif not text.isprintable():
        text = _INVISIBLE.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def key(text: str) -> str:
    """The comparison key of a title or alias: lowercase ASCII words joined by single spaces.

    A slash stays a word of its own, so "Senior/Principal" is not the alias "Senior Principal".

    >>> key("Sr. PM – Payments")
    'sr pm payments'
    """
    return key_of_clean(clean(text))


def key_of_clean(text: str) -> str:
    """:func:`key` of a text that :func:`clean` has already cleaned."""
    return _SLASH.sub(" / ", _NON_WORD.sub(" ", text.lower())).strip(" /")
