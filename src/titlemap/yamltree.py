"""Ladder files as plain trees: bytes -> safe YAML, with the line of every place.

The first two steps of loading a ladder or crosswalk file (:mod:`titlemap.loading` does the
rest):

1. read the bytes (size limit) and decode them as UTF-8;
2. compose YAML with the safe loader, rejecting duplicate keys, unknown tags, runaway alias
   expansion and control characters, keeping every value as written (no YAML 1.1 surprises:
   ``NO`` stays text, ``010`` is refused), and remember the line of every place for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import LadderError

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES", "MAX_NUMBER_CHARS", "Document", "compose", "read_path"]

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 50
# The longest number written in a ladder file (levels, confidences, years, headcounts).
MAX_NUMBER_CHARS = 40
# Control characters (C0 but tab and line feed, DEL, C1) and the bidirectional embedding,
# override and isolate marks: none may reach a terminal from a ladder file.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?")
# A key shown in messages as written; other keys (a line of /etc/shadow read as YAML) are not.
KEYLIKE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
_PLACE_PART = re.compile(r"<?[A-Za-z0-9_-]{1,64}>?(?:\[\d+\])*")
_IMPLICIT = "implicit:"  # marks the tags YAML resolved itself, as opposed to tags in the file
_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class Document:
    """A file composed into a plain tree: its name, its data and the line of each place."""

    name: str
    data: dict[str, Any]
    lines: dict[str, int]

    def line(self, place: str) -> int | None:
        """The line of ``place`` or of its nearest enclosing place that has one."""
        while True:
            if place in self.lines:
                return self.lines[place]
            if not place:
                return None
            cut = max(place.rfind("."), place.rfind("["))
            place = place[:cut] if cut > 0 else ""

    def error(self, message: str, place: str = "") -> LadderError:
        """A :class:`LadderError` at ``place`` (``rungs[3].level``) with its line."""
        return LadderError(message, file=self.name, place=display(place), line=self.line(place))


def display(place: str) -> str | None:
    """A place for messages: a part that is not a plain key (file content) is shown as ``?``."""
    if not place:
        return None
    return ".".join(part if _PLACE_PART.fullmatch(part) else "?" for part in place.split("."))


def shown_key(key: str) -> str:
    """A key for messages: quoted when it looks like a key, else not echoed."""
    return repr(key) if KEYLIKE.fullmatch(key) else "(not shown: not a ladder key)"


def read_path(path: str | Path) -> tuple[str, bytes]:
    """Read a user's file, never more than the size limit (devices and pipes included)."""
    p = Path(path)
    name = str(p)
    try:
        size = p.stat().st_size  # a regular file's size, refused before reading it
        if size > MAX_FILE_BYTES:
            raise LadderError(
                f"file is {size:,} bytes; ladder files are limited to {MAX_FILE_BYTES:,} bytes", file=name
            )
        with p.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LadderError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LadderError(
            f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes for ladder files", file=name
        )
    return name, raw


# libyaml's composer when PyYAML was built with it (several times faster), else the pure-Python one.
# Either way only composition runs: the tree is built by _build, which knows safe tags only.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_MARKING: dict[type[yaml.SafeLoader], type[yaml.SafeLoader]] = {}


def _marking(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """``base`` whose scalar tags resolved by YAML itself carry a mark, so that a tag written in
    the file (``!!int``, ``!!binary``, ``!!python/...``) can be told apart and refused."""
    marking = _MARKING.get(base)
    if marking is None:

        class Marking(base):  # type: ignore[valid-type,misc]
            def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
                tag: str = super().resolve(kind, value, implicit)
                return _IMPLICIT + tag if kind is yaml.ScalarNode else tag

        marking = _MARKING.setdefault(base, Marking)
    return marking


def _decode(name: str, raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise LadderError(f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}", file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LadderError(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
            file=name,
            line=line,
        ) from None


def compose(name: str, raw: bytes) -> Document:
    text = _decode(name, raw)
    loader: yaml.SafeLoader | None = None
    try:
        loader = _marking(_Loader)(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise LadderError(f"invalid YAML: {exc.problem or exc}", file=name, line=line) from None
    except yaml.YAMLError as exc:
        raise LadderError(f"invalid YAML: {exc}", file=name) from None
    except RecursionError:
        raise LadderError(f"values nested too deeply (limit {MAX_DEPTH})", file=name) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise LadderError("file is empty; expected a mapping with `id`, `name`, `rungs`, ...", file=name)
    lines: dict[str, int] = {}
    budget = [MAX_NODES]
    data = _build(root, "", name, lines, budget, frozenset())
    if not isinstance(data, dict):
        raise LadderError(
            "top level must be a mapping (key: value), not a list or a scalar", file=name, line=1
        )
    return Document(name, data, lines)


def _plain_tag(node: yaml.Node, expected: str, name: str, place: str) -> None:
    """Refuse a list or mapping with a tag (``!!python/object`` and friends)."""
    if node.tag != expected:
        raise LadderError(
            f"YAML tag {_short_tag(node.tag)!r} is not allowed",
            file=name,
            place=display(place),
            line=node.start_mark.line + 1,
        )


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _no_control(text: str, what: str, name: str, place: str, line: int) -> str:
    found = _CONTROL.search(text)
    if found is not None:
        raise LadderError(
            f"control character U+{ord(found.group()):04X} in {what}; ladder text may hold no control "
            "or escape characters (tabs and line breaks are fine)",
            file=name,
            place=display(place),
            line=line,
        )
    return text


def _scalar(node: yaml.ScalarNode, name: str, place: str) -> Any:
    """A plain value: text, a decimal number, a boolean or null; nothing is converted silently.

    Tags written in the file are refused; numbers YAML 1.1 would read in octal, hexadecimal,
    binary, base 60 or with underscores are refused; dates and times stay text as written.
    """
    line = node.start_mark.line + 1
    tag: str = node.tag
    if not tag.startswith(_IMPLICIT):
        raise LadderError(
            f"YAML tag {_short_tag(tag)!r} is not allowed; write plain values (quote text)",
            file=name,
            place=display(place),
            line=line,
        )
    kind = tag[len(_IMPLICIT) :].removeprefix(_TAG)
    text: str = node.value
    if kind == "null":
        return None
    if kind == "bool":
        return text.lower() in ("yes", "true", "on", "y")
    if kind in ("int", "float"):
        decimal = _DECIMAL_INT if kind == "int" else _DECIMAL_FLOAT
        if len(text) > MAX_NUMBER_CHARS or not decimal.fullmatch(text):
            shown = repr(text) if len(text) <= MAX_NUMBER_CHARS else f"a {len(text):,}-character number"
            raise LadderError(
                f"{shown} is not a plain decimal number (YAML 1.1 would read it as octal, hex, base 60 "
                "or infinity, or it is too long); write the number in decimal, or quote it if it is text",
                file=name,
                place=display(place),
                line=line,
            )
        return int(text) if kind == "int" else float(text)
    # text, and anything YAML 1.1 would turn into another type (timestamps): the text as written
    return _no_control(text, "the text", name, place, line)


def _build(
    node: yaml.Node,
    place: str,
    name: str,
    lines: dict[str, int],
    budget: list[int],
    active: frozenset[int],
) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise LadderError(
            f"more than {MAX_NODES:,} values (aliases expanded); a ladder file is far smaller",
            file=name,
            line=node.start_mark.line + 1,
        )
    lines.setdefault(place, node.start_mark.line + 1)
    if len(active) > MAX_DEPTH:
        raise LadderError(
            f"values nested more than {MAX_DEPTH} levels deep; a ladder file is far flatter",
            file=name,
            place=display(place),
            line=node.start_mark.line + 1,
        )
    if id(node) in active:
        raise LadderError(
            "recursive YAML alias", file=name, place=display(place), line=node.start_mark.line + 1
        )
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, name, place)
    inner = active | {id(node)}
    if isinstance(node, yaml.SequenceNode):
        _plain_tag(node, f"{_TAG}seq", name, place)
        return [
            _build(item, f"{place}[{i}]", name, lines, budget, inner) for i, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        _plain_tag(node, f"{_TAG}map", name, place)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == f"{_IMPLICIT}{_TAG}merge":
                raise LadderError(
                    "mapping keys must be plain strings (no merge keys)",
                    file=name,
                    place=display(place),
                    line=line,
                )
            if not key_node.tag.startswith(_IMPLICIT):
                raise LadderError(
                    f"YAML tag {_short_tag(key_node.tag)!r} is not allowed on a key; keys are plain text",
                    file=name,
                    place=display(place),
                    line=line,
                )
            k = str(key_node.value)
            _no_control(k, f"the key {k!r:.40}", name, place, line)
            sub = f"{place}.{k}" if place else k
            if k in out:
                raise LadderError(
                    f"duplicate key {shown_key(k)} (first on line {lines.get(sub, '?')}); keep only one",
                    file=name,
                    place=display(place),
                    line=line,
                )
            lines[sub] = line
            out[k] = _build(value_node, sub, name, lines, budget, inner)
        return out
    raise LadderError("unsupported YAML node", file=name, line=node.start_mark.line + 1)
