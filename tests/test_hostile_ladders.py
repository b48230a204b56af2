"""Hostile ladder files through ``TitleMap.from_paths``.

Every bad file must raise :class:`titlemap.LadderError` whose message names the file (and the
line where one is meaningful), fast, executing nothing; a batch with one bad file loads nothing.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import titlemap
from titlemap import LadderError, TitleMap
from titlemap.loading import MAX_FILE_BYTES, MAX_RUNGS

GOOD = """\
schema_version: 1
id: acme
name: Acme Widgets
description: Acme's own product ladder.
sources:
  - id: hr
    title: Acme HR career framework
    url: "https://example.com/ladder"
rungs:
  - id: widget-manager
    title: Widget Manager
    aliases: [WM]
    level: 2
    track: ic
    manages_people: false
    scope: Owns a widget.
    sources: [hr]
  - id: senior-widget-manager
    title: Senior Widget Manager
    aliases: [Sr WM]
    level: 3
    track: ic
    manages_people: false
    scope: Owns many widgets.
    sources: [hr]
  - id: widget-director
    title: Widget Director
    level: 7
    track: manager
    manages_people: true
    scope: Owns the widget line.
    sources: [hr]
promotions:
  - {from: widget-manager, to: [senior-widget-manager], source: hr}
  - {from: senior-widget-manager, to: [widget-director], source: hr}
"""

CROSSWALK = """\
schema_version: 1
kind: crosswalk
id: acme-us
description: Acme titles in US terms.
sources:
  - id: hr
    title: Acme HR
    url: "https://example.com/x"
rules:
  - id: acme-wm-is-us-pm
    from: "acme:widget-manager"
    to: "us:product-manager"
    confidence: 0.6
    rationale: Same scope.
    source: hr
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing needle."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def load_error(path: Path, *, include_bundled: bool = False, timeout: float = 5.0) -> LadderError:
    t0 = time.perf_counter()
    with pytest.raises(LadderError) as info:
        TitleMap.from_paths([path], include_bundled=include_bundled)
    took = time.perf_counter() - t0
    assert took < timeout, f"took {took:.1f}s to refuse {path.name}"
    err = info.value
    assert str(path) in str(err), f"message does not name the file: {err}"
    assert err.file == str(path)
    return err


def test_good_ladder_loads(tmp_path: Path) -> None:
    tm = TitleMap.from_paths([write(tmp_path, "acme.yaml", GOOD)], include_bundled=False)
    lad = tm.ladder("acme")
    assert [r.title for r in lad.rungs] == ["Widget Manager", "Senior Widget Manager", "Widget Director"]
    assert tm.normalize("Sr WM", "acme").title == "Senior Widget Manager"


# -- code execution, bombs, sizes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']\n",
        GOOD + "extra: !!python/object/apply:os.system ['touch {marker}']\n",
        GOOD.replace("name: Acme Widgets", "name: !!python/object/apply:os.system ['touch {marker}']"),
        GOOD + "extra: !!python/object/new:subprocess.check_output [[touch, '{marker}']]\n",
        GOOD + "extra: !!python/name:os.system\n",
        GOOD + "extra: !!python/object/apply:builtins.exec [\"open('{marker}', 'w')\"]\n",
        "? !!python/object/apply:os.system ['touch {marker}']\n: 1\n",
        "- !!python/object/apply:os.system ['touch {marker}']\n",
    ],
    ids=["top", "value", "name", "subprocess", "name-tag", "exec", "key", "list"],
)
def test_python_tags_are_refused_and_never_executed(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "PWNED"
    path = write(tmp_path, "evil.yaml", payload.replace("{marker}", str(marker)))
    err = load_error(path)
    assert err.line is not None
    assert not marker.exists(), "a YAML tag executed code"


def test_billion_laughs_fails_fast(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    prev = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    text = GOOD + "\n".join(lines) + "\n"
    assert len(text) < 4000  # a few KB that would expand to 9**10 strings
    err = load_error(write(tmp_path, "lol.yaml", text), timeout=5.0)
    assert "alias" in str(err)


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, "rec.yaml", "a: &a [*a]\n"))
    assert "recursive" in str(err)
    assert err.line == 1


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:  # sparse: 50 MB of size, no 50 MB write
        f.truncate(50 * 1024 * 1024)
    err = load_error(path, timeout=1.0)
    assert f"{MAX_FILE_BYTES:,}" in str(err), "the message must name the limit"
    assert "52,428,800" in str(err), "the message must name the file's size"


def test_ten_thousand_rungs_are_refused_with_the_limit(tmp_path: Path) -> None:
    rungs = "".join(
        f"  - {{id: r{i}, title: Role {i}, level: {i % 7}, track: ic, manages_people: false, "
        f"scope: x, sources: [hr]}}\n"
        for i in range(10_000)
    )
    text = GOOD.split("rungs:\n")[0] + "rungs:\n" + rungs
    assert len(text.encode()) < MAX_FILE_BYTES  # under the size limit: the rung limit must catch it
    err = load_error(write(tmp_path, "many.yaml", text), timeout=15.0)
    assert f"{MAX_RUNGS:,}" in str(err)
    assert "10,000 rungs" in str(err)
    assert err.line == line_of(text, "rungs:")


def test_max_rungs_exactly_loads(tmp_path: Path) -> None:
    rungs = "".join(
        f"  - {{id: r{i}, title: Role {i}, level: {i % 7}, track: ic, manages_people: false, "
        f"scope: x, sources: [hr]}}\n"
        for i in range(MAX_RUNGS)
    )
    text = GOOD.split("rungs:\n")[0] + "rungs:\n" + rungs
    t0 = time.perf_counter()
    tm = TitleMap.from_paths([write(tmp_path, "max.yaml", text)], include_bundled=False)
    assert time.perf_counter() - t0 < 10
    assert len(tm.ladder("acme").rungs) == MAX_RUNGS


# -- encoding, syntax, shape ---------------------------------------------------------------------


def test_non_utf8_bytes_name_the_line(tmp_path: Path) -> None:
    raw = GOOD.replace("name: Acme Widgets", "name: Acme \udcff Widgets").encode("utf-8", "surrogateescape")
    err = load_error(write(tmp_path, "latin.yaml", raw))
    assert "UTF-8" in str(err)
    assert err.line == line_of(GOOD, "name: Acme Widgets")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "cp1252"])
def test_other_encodings_are_refused(tmp_path: Path, encoding: str) -> None:
    raw = GOOD.replace("Acme Widgets", "Acmé Widgets ’").encode(encoding)
    load_error(write(tmp_path, f"{encoding}.yaml", raw))


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    tm = TitleMap.from_paths(
        [write(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + GOOD.encode())], include_bundled=False
    )
    assert "acme" in tm


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    text = GOOD.replace(
        "description: Acme's own product ladder.\n",
        "description: Acme's own product ladder.\nname: Second Name\n",
    )
    err = load_error(write(tmp_path, "dup.yaml", text))
    assert "duplicate key 'name'" in str(err)
    assert err.line == line_of(text, "name: Second Name")
    assert f"first on line {line_of(text, 'name: Acme Widgets')}" in str(err)


def test_duplicate_key_inside_a_rung(tmp_path: Path) -> None:
    text = GOOD.replace("    level: 3\n", "    level: 3\n    level: 4\n")
    err = load_error(write(tmp_path, "dup2.yaml", text))
    assert "duplicate key 'level'" in str(err)
    assert err.line == line_of(text, "level: 4")


def test_unknown_top_level_key_lists_allowed_keys(tmp_path: Path) -> None:
    text = GOOD + "colour: red\n"
    err = load_error(write(tmp_path, "unk.yaml", text))
    assert "colour" in str(err)
    assert "allowed keys" in str(err)
    assert err.line == line_of(text, "colour: red")


def test_unknown_rung_key(tmp_path: Path) -> None:
    text = GOOD.replace("    scope: Owns many widgets.\n", "    scope: Owns many widgets.\n    salary: 100\n")
    err = load_error(write(tmp_path, "unk2.yaml", text))
    assert "rungs[1].salary" in str(err)
    assert err.line == line_of(text, "salary: 100")


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("title: Widget Manager", "title: NO", "rungs[0].title"),
        ("title: Widget Manager", "title: yes", "rungs[0].title"),
        ("title: Widget Manager", "title: null", "rungs[0].title"),
        ("title: Widget Manager", "title: 1.10", "rungs[0].title"),
        ("level: 2", 'level: "3"', "rungs[0].level"),
        ("level: 2", "level: 2.0", "rungs[0].level"),
        (
            "manages_people: false\n    scope: Owns a widget.",
            'manages_people: "no"\n    scope: Owns a widget.',
            "rungs[0].manages_people",
        ),
        ("scope: Owns a widget.", "scope: off", "rungs[0].scope"),
        ("name: Acme Widgets", "name: on", "name"),
        ("id: acme", "id: acme\ncountries: [NO]", "countries[0]"),
    ],
    ids=[
        "title-NO",
        "title-yes",
        "title-null",
        "title-float",
        "level-str",
        "level-float",
        "people-str",
        "scope-off",
        "name-on",
        "country-NO",
    ],
)
def test_yaml_1_1_traps_are_type_errors_not_silent_conversions(
    tmp_path: Path, old: str, new: str, fragment: str
) -> None:
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    err = load_error(write(tmp_path, "trap.yaml", text))
    assert fragment in str(err)
    assert err.line == line_of(text, new.splitlines()[-1] if "countries" in new else new.splitlines()[0])


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "empty"),
        ("\n\n   \n", "empty"),
        ("# just a comment\n", "empty"),
        ("- a\n- b\n", "top level"),
        ("just a string\n", "top level"),
        ("42\n", "top level"),
        ("a: [1, 2\n", "invalid YAML"),
        ("a: 1\n---\nb: 2\n", "invalid YAML"),
        ("a: *nowhere\n", "invalid YAML"),
        ("id:\tacme\n\tname: x\n", "invalid YAML"),
        ("x: &x {id: a}\ny:\n  <<: *x\n", "merge"),
        ("? [a, b]\n: 1\n", "plain strings"),
        ("a: !custom 1\n", "not allowed"),
        ("a: !!set {x, y}\n", "not allowed"),
        ("a: !!omap [{x: 1}]\n", "not allowed"),
    ],
    ids=[
        "empty",
        "blank",
        "comment-only",
        "top-list",
        "top-str",
        "top-int",
        "unclosed",
        "two-docs",
        "undefined-alias",
        "tab",
        "merge-key",
        "complex-key",
        "custom-tag",
        "set",
        "omap",
    ],
)
def test_malformed_files(tmp_path: Path, content: str, fragment: str) -> None:
    err = load_error(write(tmp_path, "bad.yaml", content))
    assert fragment in str(err)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    load_error(tmp_path / "does-not-exist.yaml")
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    load_error(folder)


def test_single_str_path_is_a_type_error(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        TitleMap.from_paths(str(write(tmp_path, "acme.yaml", GOOD)))  # type: ignore[arg-type]


# -- cross-references ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("promo", "fragment"),
    [
        ("{from: nobody, to: [senior-widget-manager], source: hr}", "promotions[2].from"),
        ("{from: widget-manager, to: [nobody], source: hr}", "promotions[2].to[0]"),
        ("{from: widget-manager, to: [widget-director, nobody], source: hr}", "promotions[2].to[1]"),
    ],
)
def test_promotion_to_missing_rung(tmp_path: Path, promo: str, fragment: str) -> None:
    text = GOOD + f"  - {promo}\n"
    err = load_error(write(tmp_path, "promo.yaml", text))
    assert "unknown rung id 'nobody'" in str(err)
    assert fragment in str(err)
    assert err.line == line_of(text, promo)


def test_promotion_cycle_names_the_cycle(tmp_path: Path) -> None:
    text = GOOD + "  - {from: widget-director, to: [widget-manager], source: hr}\n"
    err = load_error(write(tmp_path, "cycle.yaml", text))
    msg = str(err)
    assert "cycle" in msg
    cycle = re.search(r"cycle: (.+)$", msg).group(1).split(" -> ")
    assert cycle[0] == cycle[-1]
    assert set(cycle) == {"widget-manager", "senior-widget-manager", "widget-director"}
    assert err.line == line_of(text, "promotions:")


def test_self_promotion_is_refused(tmp_path: Path) -> None:
    text = GOOD + "  - {from: widget-director, to: [widget-director], source: hr}\n"
    err = load_error(write(tmp_path, "self.yaml", text))
    assert "itself" in str(err)


def test_duplicate_rung_id(tmp_path: Path) -> None:
    text = GOOD.replace("id: widget-director", "id: widget-manager")
    err = load_error(write(tmp_path, "duprung.yaml", text))
    assert "duplicate rung id 'widget-manager'" in str(err)
    assert err.line == line_of(text, "- id: widget-manager", nth=2)


@pytest.mark.parametrize("alias", ["Widget Manager", "widget-manager", "WM", "wm.", "SR  wm"])
def test_alias_claimed_by_two_rungs(tmp_path: Path, alias: str) -> None:
    text = GOOD.replace(
        "    title: Widget Director\n", f"    title: Widget Director\n    aliases: ['{alias}']\n"
    )
    err = load_error(write(tmp_path, "alias.yaml", text))
    assert "claimed by rungs" in str(err)
    assert "rungs[2].aliases[0]" in str(err)
    assert err.line == line_of(text, f"aliases: ['{alias}']")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("level: 3\n    track: ic", "level: 9\n    track: ic"),
        ("level: 7\n    track: manager", "level: 2\n    track: manager"),
        ("level: 7\n    track: manager", "level: 5\n    track: executive"),
        ("level: 7\n    track: manager", "level: 13\n    track: manager"),
        ("level: 7\n    track: manager", "level: -1\n    track: manager"),
        ("level: 7\n    track: manager", "level: 7\n    track: boss"),
    ],
    ids=["ic-9", "manager-2", "executive-5", "thirteen", "negative", "bad-track"],
)
def test_level_off_the_spine(tmp_path: Path, old: str, new: str) -> None:
    text = GOOD.replace(old, new)
    assert text != GOOD
    err = load_error(write(tmp_path, "spine.yaml", text))
    assert "rungs[" in str(err)
    assert err.line is not None


def test_extends_unknown_ladder(tmp_path: Path) -> None:
    text = GOOD.replace("id: acme\n", "id: acme\nextends: atlantis\n", 1)
    err = load_error(write(tmp_path, "ext.yaml", text), include_bundled=True)
    assert "atlantis" in str(err)
    assert err.line == line_of(text, "extends: atlantis")


def test_extends_cycle_between_files(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", GOOD.replace("id: acme\n", "id: alpha\nextends: beta\n", 1))
    b = write(tmp_path, "b.yaml", GOOD.replace("id: acme\n", "id: beta\nextends: alpha\n", 1))
    with pytest.raises(LadderError, match="cycle"):
        TitleMap.from_paths([a, b], include_bundled=False)


@pytest.mark.parametrize(
    ("old", "new", "fragment", "at"),
    [
        ('to: "us:product-manager"', 'to: "us:no-such-rung"', "no rung 'no-such-rung'", "us:no-such-rung"),
        (
            'to: "us:product-manager"',
            'to: "atlantis:product-manager"',
            "unknown market 'atlantis'",
            "atlantis",
        ),
        ('from: "acme:widget-manager"', 'from: "acme:nobody"', "no rung 'nobody'", "acme:nobody"),
        ('to: "us:product-manager"', 'to: "acme:widget-director"', "two different markets", "- id: acme-wm"),
        ("source: hr\n", "source: nowhere\n", "unknown source", "source: nowhere"),
    ],
    ids=["unknown-rung", "unknown-market", "unknown-from", "same-market", "unknown-source"],
)
def test_crosswalk_rule_to_unknown_rung(tmp_path: Path, old: str, new: str, fragment: str, at: str) -> None:
    good = write(tmp_path, "acme.yaml", GOOD)
    text = CROSSWALK.replace(old, new)
    assert text != CROSSWALK
    cw = write(tmp_path, "cw.yaml", text)
    with pytest.raises(LadderError) as info:
        TitleMap.from_paths([good, cw])
    assert str(cw) in str(info.value)
    assert fragment in str(info.value)
    assert info.value.line == line_of(text, at)


def test_good_crosswalk_loads(tmp_path: Path) -> None:
    tm = TitleMap.from_paths([write(tmp_path, "acme.yaml", GOOD), write(tmp_path, "cw.yaml", CROSSWALK)])
    assert any(r.id == "acme-wm-is-us-pm" for r in tm.rules)


# -- all or nothing ------------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["good-first", "bad-first"])
@pytest.mark.parametrize(
    "bad",
    [
        "",
        "- a\n",
        GOOD.replace("level: 2", 'level: "2"'),
        GOOD + "  - {from: x, to: [y], source: hr}\n",
        CROSSWALK.replace("us:product-manager", "us:nobody"),
    ],
    ids=["empty", "list", "trap", "promo", "crosswalk"],
)
def test_batch_with_a_bad_file_loads_nothing(tmp_path: Path, order: str, bad: str) -> None:
    good = write(
        tmp_path, "good.yaml", GOOD.replace("id: acme\n", "id: goodco\n", 1).replace("acme:", "goodco:")
    )
    bad_path = write(tmp_path, "bad.yaml", bad)
    paths = [good, bad_path] if order == "good-first" else [bad_path, good]
    before = titlemap.markets()
    with pytest.raises(LadderError) as info:
        TitleMap.from_paths(paths)
    assert str(bad_path) in str(info.value)
    # nothing leaked into the shared registry
    assert titlemap.markets() == before
    assert "goodco" not in TitleMap.default()
    # and the good file alone still loads
    assert "goodco" in TitleMap.from_paths([good])


# -- once bugs, now regression tests -------------------------------------------------------------


NON_PRINTABLE = pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x7f", "\ufffe"], ids=["nul", "soh", "del", "fffe"]
)


def _assert_non_printable_refused(tmp_path: Path, char: str) -> None:
    text = GOOD.replace("Acme Widgets", f"Acme{char}Widgets")
    path = write(tmp_path, "nul.yaml", text)
    with pytest.raises(LadderError) as info:
        TitleMap.from_paths([path], include_bundled=False)
    assert str(path) in str(info.value)


@NON_PRINTABLE
def test_non_printable_character_in_file_is_ladder_error(tmp_path: Path, char: str) -> None:
    _assert_non_printable_refused(tmp_path, char)


@NON_PRINTABLE
def test_non_printable_character_is_ladder_error_without_libyaml(
    tmp_path: Path, char: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from titlemap import yamltree

    monkeypatch.setattr(yamltree, "_Loader", yaml.SafeLoader)
    _assert_non_printable_refused(tmp_path, char)


def test_deeply_nested_yaml_is_ladder_error(tmp_path: Path) -> None:
    text = GOOD + "extra: " + "[" * 800 + "]" * 800 + "\n"
    path = write(tmp_path, "deep.yaml", text)
    try:
        TitleMap.from_paths([path], include_bundled=False)
    except LadderError as err:
        assert str(path) in str(err)
    except RecursionError:
        pytest.fail("RecursionError escaped")


@pytest.mark.skipif(not os.path.exists("/dev/zero") or sys.platform != "linux", reason="needs /dev/zero")
def test_unbounded_device_is_refused_at_the_size_limit() -> None:
    # In a child process with a 1 GiB address-space cap, so a failure cannot hurt the test run.
    code = textwrap.dedent("""
        import resource, titlemap
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        try:
            titlemap.TitleMap.from_paths(["/dev/zero"], include_bundled=False)
        except titlemap.LadderError as exc:
            print("LadderError", exc)
        except MemoryError:
            print("MemoryError")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.startswith("LadderError"), out.stdout + out.stderr[-500:]


# -- property tests ------------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "Widget",
        "Gadget",
        "Lead",
        "NO",
        "yes",
        "on",
        "null",
        "True",
        "Chief",
        "Ops",
        "Alpha",
        "Beta",
        "Manager",
        "Owner",
        "Staff",
        "x",
        "Q",
    ]
)
TITLES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
IC_LEVELS = st.integers(min_value=0, max_value=6)


def _ladder(titles: list[str], levels: list[int], promotions: list[tuple[int, int]]) -> dict:
    return {
        "id": "acme",
        "name": "Acme",
        "description": "Generated.",
        "sources": [{"id": "hr", "title": "HR", "url": "https://example.com"}],
        "rungs": [
            {
                "id": f"r{i}",
                "title": t,
                "level": lv,
                "track": "ic",
                "manages_people": False,
                "scope": "Generated scope.",
                "sources": ["hr"],
            }
            for i, (t, lv) in enumerate(zip(titles, levels, strict=True))
        ],
        "promotions": [{"from": f"r{a}", "to": [f"r{b}"], "source": "hr"} for a, b in promotions],
    }


@st.composite
def valid_ladders(draw: st.DrawFn) -> dict:
    titles = draw(st.lists(TITLES, min_size=1, max_size=8, unique_by=str.lower))
    levels = draw(st.lists(IC_LEVELS, min_size=len(titles), max_size=len(titles)))
    chain = [(i, i + 1) for i in range(len(titles) - 1)]
    return _ladder(titles, levels, chain)


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=valid_ladders())
def test_generated_ladders_round_trip(tmp_path: Path, data: dict) -> None:
    path = write(tmp_path, "gen.yaml", yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    tm = TitleMap.from_paths([path], include_bundled=False)
    lad = tm.ladder("acme")
    got = {r.id: (r.title, r.level) for r in lad.rungs}
    assert got == {r["id"]: (r["title"], r["level"]) for r in data["rungs"]}
    for p in data["promotions"]:
        assert lad.promotion_map[p["from"]] == tuple(p["to"])
    for r in data["rungs"]:  # every canonical title reads back as its own rung
        assert tm.normalize(r["title"], "acme").rung.id == r["id"]


@st.composite
def cyclic_ladders(draw: st.DrawFn) -> tuple[dict, list[tuple[int, int]]]:
    n = draw(st.integers(min_value=2, max_value=8))
    titles = [f"Role {i}" for i in range(n)]
    levels = draw(st.lists(IC_LEVELS, min_size=n, max_size=n))
    members = draw(st.permutations(range(n)).map(lambda p: list(p)))
    k = draw(st.integers(min_value=2, max_value=n))
    cycle = members[:k]
    edges = [(cycle[i], cycle[(i + 1) % k]) for i in range(k)]
    extra = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] != e[1]), max_size=4
        )
    )
    edges += [e for e in extra if e not in edges]
    edges = draw(st.permutations(edges).map(lambda p: list(p)))
    return _ladder(titles, levels, edges), edges


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(case=cyclic_ladders())
def test_generated_promotion_cycles_are_rejected(
    tmp_path: Path, case: tuple[dict, list[tuple[int, int]]]
) -> None:
    data, edges = case
    path = write(tmp_path, "cyc.yaml", yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(LadderError) as info:
        TitleMap.from_paths([path], include_bundled=False)
    msg = str(info.value)
    assert str(path) in msg
    named = re.search(r"cycle: (.+)$", msg)
    assert named, msg
    nodes = named.group(1).split(" -> ")
    assert nodes[0] == nodes[-1] and len(nodes) >= 3
    edge_ids = {(f"r{a}", f"r{b}") for a, b in edges}
    assert all(pair in edge_ids for pair in itertools.pairwise(nodes)), (nodes, edge_ids)


# -- abbreviations a market says are not product management ---------------------------------------

PM_IS_PROJECT = """\
schema_version: 1
id: zz
name: Zedland
extends: us
countries: [ZZ]
not_product_abbreviations: [PM]
description: Zedland, where PM alone means project manager.
sources:
  - id: zz-hr
    title: Zedland titles
    url: "https://example.com/zz"
    publisher: Example
    grade: B
    note: PM alone means project manager in Zedland.
"""


def test_an_inherited_alias_the_market_calls_not_product_is_dropped(tmp_path: Path) -> None:
    tm = TitleMap.from_paths([write(tmp_path, "zz.yaml", PM_IS_PROJECT)])
    pm = tm.ladder("zz").rung("product-manager")
    assert "PM" not in pm.aliases and "PM" in tm.ladder("us").rung("product-manager").aliases
    assert tm.normalize("PM", "zz") is None and tm.normalize("PM", "us") is not None
    assert tm.normalize("Product Manager", "zz") is not None


def test_a_rung_listing_an_abbreviation_the_file_calls_not_product_is_refused(tmp_path: Path) -> None:
    own = PM_IS_PROJECT + "rungs:\n  - id: product-manager\n    aliases: [PM]\n"
    err = load_error(write(tmp_path, "zz.yaml", own), include_bundled=True)
    assert "not_product_abbreviations" in str(err) and "rungs[0].aliases[0]" in str(err)
