"""Regression tests for the ladder-file findings of the reliability review (docs/reliability.md).

Every bad ladder or crosswalk file raises :class:`titlemap.LadderError` naming the file and the
line (``titlemap validate`` prints one line, never a traceback), nothing in a ladder file is
converted silently, and a loaded ladder cannot be changed through its graph.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import titlemap
from titlemap import LadderError, TitleMap, cli

FIXTURES = Path(__file__).parent / "fixtures"
TINY = (FIXTURES / "tiny.yaml").read_text(encoding="utf-8")
TINY_CROSSWALK = (FIXTURES / "tiny-crosswalk.yaml").read_text(encoding="utf-8")


def _file(tmp_path: Path, text: str, name: str = "lad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(tmp_path: Path, text: str, *more: str) -> LadderError:
    path = _file(tmp_path, text)
    extra = [_file(tmp_path, t, f"more{i}.yaml") for i, t in enumerate(more)]
    with pytest.raises(LadderError) as info:
        TitleMap.from_paths([*extra, path] if more else [path])
    assert info.value.file is not None
    return info.value


def _validate_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> str:
    path = _file(tmp_path, text, "check.yaml")
    code = cli.main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and err == "" and "Traceback" not in out
    lines = out.splitlines()
    assert len(lines) == 1, out
    return lines[0]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# -- 04: scalars that cannot be constructed -------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("name: Tiny test market", "name: !!bool maybe"),
        ("level: 2\n", "level: " + "1" * 5000 + "\n"),
        ("level: 2\n", "level: !!int 0x\n"),
        ("level: 2\n", "level: !!float x\n"),
        ("name: Tiny test market", "name: !!timestamp 2024-02-30"),
        ("level: 2\n", "level: 2024-02-30\n"),
        ("name: Tiny test market", "name: !!null x"),
    ],
    ids=["bool-maybe", "5000-digits", "int-0x", "float-x", "timestamp-feb-30", "level-date", "null-x"],
)
def test_04_unconstructable_scalars_are_ladder_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str
) -> None:
    text = TINY.replace(old, new, 1)
    err = _refused(tmp_path, text)
    assert err.line == _line_of(text, new.strip()[:12])
    line = _validate_line(tmp_path, capsys, text)
    assert line.startswith(f"{tmp_path / 'check.yaml'}:{err.line}: ")


def test_04_a_date_looking_name_is_text(tmp_path: Path) -> None:
    tm = TitleMap.from_paths([_file(tmp_path, TINY.replace("name: Tiny test market", "name: 2024-02-30"))])
    assert tm.ladder("xx").name == "2024-02-30"


# -- 22: no silent conversions --------------------------------------------------------------------


@pytest.mark.parametrize("level", ["010", "0o10", "0x10", "0b10", "1_0", "1:30", ".inf", "2.0e0"])
def test_22_numbers_not_written_in_decimal_are_refused(tmp_path: Path, level: str) -> None:
    text = TINY.replace("level: 2\n", f"level: {level}\n", 1)
    err = _refused(tmp_path, text)
    assert err.line == _line_of(text, f"level: {level}") and err.place is not None
    assert level in str(err)


@pytest.mark.parametrize(
    "value", ["!!binary QWNtZQ==", "!!python/str x", "!!str x", "!!set {a}", "!custom x"]
)
def test_22_explicit_tags_are_refused(tmp_path: Path, value: str) -> None:
    text = TINY.replace("name: Tiny test market", f"name: {value}")
    err = _refused(tmp_path, text)
    assert err.line == _line_of(text, value) and "tag" in str(err)


@pytest.mark.parametrize("key", ["!!python/str name", "!!binary bmFtZQ==", "!!str name", "!!int 1"])
def test_22_tagged_keys_are_refused(tmp_path: Path, key: str) -> None:
    text = TINY.replace("name: Tiny test market", f"{key}: Tiny test market")
    err = _refused(tmp_path, text)
    assert err.line == _line_of(text, key) and "tag" in str(err)


def test_22_timestamps_are_kept_as_written(tmp_path: Path) -> None:
    stamp = "2001-12-14t21:59:43.10-05:00"
    tm = TitleMap.from_paths([_file(tmp_path, TINY.replace("name: Tiny test market", f"name: {stamp}"))])
    assert tm.ladder("xx").name == stamp


def test_22_plain_numbers_still_load(tmp_path: Path) -> None:
    cross = TINY_CROSSWALK.replace("confidence: 0.9", "confidence: 0.90")
    tm = TitleMap.from_paths([_file(tmp_path, TINY), _file(tmp_path, cross, "cw.yaml")])
    assert tm.ladder("xx").rung("PM").level == 2


# -- 23: control and escape characters ------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        ("name: Tiny test market", 'name: "\\e]0;pwned\\a\\e[2J"', "name"),
        ("aliases: [PM]", 'aliases: [PM, "P\\x9bM"]', "rungs[0].aliases[1]"),
        ("title: Head of Product", 'title: "Head\\rof Product"', "rungs[1].title"),
        ("scope: Runs product.", 'scope: "Runs\\0product."', "rungs[1].scope"),
        ("name: Tiny test market", 'name: Tiny\n"\\e[2J": x', "\\x1b[2J"),
    ],
    ids=["osc-bel-in-name", "c1-in-alias", "cr-in-title", "nul-in-scope", "escape-in-key"],
)
def test_23_control_characters_are_refused_everywhere(tmp_path: Path, old: str, new: str, place: str) -> None:
    text = TINY.replace(old, new, 1)
    err = _refused(tmp_path, text)
    assert "control character" in str(err) and err.line == _line_of(text, new.splitlines()[-1])
    assert place in str(err)


def test_23_tabs_and_line_breaks_in_text_are_fine(tmp_path: Path) -> None:
    text = TINY.replace("scope: Runs product.", 'scope: "Runs\\tproduct.\\nAll of it."')
    tm = TitleMap.from_paths([_file(tmp_path, text)])
    assert tm.ladder("xx").rung("Head of Product").scope == "Runs\tproduct.\nAll of it."


# -- 24: the rung limit holds for the merged ladder -----------------------------------------------


def _extending(ladder_id: str, parent: str, count: int, prefix: str) -> str:
    rungs = "".join(
        f"  - {{id: {prefix}-{i}, title: {prefix.title()} Rung {i}, level: 2, track: ic, "
        f"manages_people: false, scope: x, sources: [s]}}\n"
        for i in range(count)
    )
    return (
        f"id: {ladder_id}\nname: {ladder_id}\nextends: {parent}\ndescription: d\n"
        "sources:\n  - {id: s, title: S, url: 'https://example.com/s'}\n"
        f"rungs:\n{rungs}"
    )


def test_24_an_extends_chain_cannot_pass_the_rung_limit(tmp_path: Path) -> None:
    first = _extending("chain-a", "us", 600, "aa")
    second = _extending("chain-b", "chain-a", 600, "bb")
    TitleMap.from_paths([_file(tmp_path, first, "a.yaml")])  # 600 + us: under the limit
    with pytest.raises(LadderError) as info:
        TitleMap.from_paths([_file(tmp_path, first, "a.yaml"), _file(tmp_path, second, "b.yaml")])
    err = info.value
    assert err.file is not None and err.file.endswith("b.yaml") and "1,000" in str(err)
    assert err.line == _line_of(second, "rungs:")


# -- 26: duplicate rule ids -----------------------------------------------------------------------


def test_26_duplicate_rule_ids_in_one_crosswalk_are_refused(tmp_path: Path) -> None:
    rule = TINY_CROSSWALK[TINY_CROSSWALK.index("  - id: xx-pm") :]
    cross = TINY_CROSSWALK + rule.replace("us:senior-product-manager", "us:product-manager")
    path = _file(tmp_path, cross, "cw.yaml")
    with pytest.raises(LadderError) as info:
        TitleMap.from_paths([_file(tmp_path, TINY), path])
    err = info.value
    assert err.file == str(path) and err.place == "rules[1].id" and "duplicate" in str(err)
    assert err.line == [i for i, line in enumerate(cross.splitlines(), 1) if "- id: xx-pm" in line][1]


# -- 27: graphs cannot change the ladder ----------------------------------------------------------


def test_27_graph_attributes_are_read_only_and_not_shared(capsys: pytest.CaptureFixture[str]) -> None:
    lad = titlemap.ladder("us")
    g = lad.graph
    with pytest.raises(TypeError):
        g.nodes["product-manager"]["title"] = "Hacked"
    edge = next(iter(g.edges))
    with pytest.raises(TypeError):
        g.edges[edge]["kind"] = "hacked"
    g.graph["market"] = "hacked"  # this graph's own copy
    nested = next(n for n, d in g.nodes(data=True) if d.get("stage_levels"))
    levels = dict(g.nodes[nested]["stage_levels"])
    g.nodes[nested]["stage_levels"]["early"] = 99  # this graph's own copy too
    again = lad.graph
    assert again is not g and again.graph["market"] == "us"
    assert again.nodes["product-manager"]["title"] == "Product Manager"
    assert dict(again.nodes[nested]["stage_levels"]) == levels
    assert TitleMap.default().graph.nodes["us:product-manager"]["title"] == "Product Manager"
    assert cli.main(["graph", "us", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {n["id"]: n["title"] for n in data["nodes"]}["product-manager"] == "Product Manager"


def test_27_graph_copies_are_writable() -> None:
    g = titlemap.ladder("us").graph.copy()
    g.nodes["product-manager"]["title"] = "Mine"
    assert titlemap.ladder("us").graph.nodes["product-manager"]["title"] == "Product Manager"


# -- 15: merging overrides is linear --------------------------------------------------------------


def _override(ladder_id: str, parent: str, rung: str, aliases: list[str]) -> str:
    listed = "\n".join(f"      - {a}" for a in aliases)
    return (
        f"id: {ladder_id}\nname: {ladder_id}\nextends: {parent}\ndescription: d\n"
        "sources:\n  - {id: s, title: S, url: 'https://example.com/s'}\n"
        f"rungs:\n  - id: {rung}\n    aliases:\n{listed}\n"
    )


def test_15_big_override_chains_load_in_linear_time(tmp_path: Path) -> None:
    n = 20_000  # short aliases: 40,000 in two files of about 250 KB
    first = _override("big-a", "us", "product-manager", [f"w{i}" for i in range(n)])
    second = _override("big-b", "big-a", "product-manager", [f"g{i}" for i in range(n)])
    paths = [_file(tmp_path, first, "a.yaml"), _file(tmp_path, second, "b.yaml")]
    started = time.perf_counter()
    TitleMap.from_paths(paths[:1])
    one = time.perf_counter() - started
    started = time.perf_counter()
    tm = TitleMap.from_paths(paths)
    two = time.perf_counter() - started
    assert len(tm.ladder("big-b").rung("product-manager").aliases) >= 2 * n
    assert two < 4 * one + 1.0, (one, two)  # twice the aliases, merged once more: linear


# -- 07: a ladder needs rungs ---------------------------------------------------------------------


def test_07_removing_every_rung_is_refused(tmp_path: Path) -> None:
    ids = ", ".join(r.id for r in titlemap.ladder("us").rungs)
    text = (
        "id: empty-us\nname: Empty\nextends: us\ndescription: d\n"
        "sources:\n  - {id: s, title: S, url: 'https://example.com/s'}\n"
        f"remove_rungs: [{ids}]\n"
    )
    err = _refused(tmp_path, text)
    assert err.place == "remove_rungs" and err.line == _line_of(text, "remove_rungs")
    assert "no rungs" in str(err)


# -- 25: an override's bad alias is named by its index in the user's file -------------------------


def test_25_override_alias_errors_use_the_files_own_index(tmp_path: Path) -> None:
    base = _override("idx-a", "us", "product-manager", ["Widget Person", "''"])
    err = _refused(tmp_path, base)
    assert err.place == "rungs[0].aliases[1]" and err.line == _line_of(base, "- ''")
    clash = _override("idx-b", "us", "associate-product-manager", ["Widget Person"]) + (
        "  - id: product-manager\n    aliases:\n      - Gadget Person\n      - Widget Person\n"
    )
    err = _refused(tmp_path, clash)
    assert err.place == "rungs[1].aliases[1]" and err.line == len(clash.splitlines())


# -- the content of a file that is not a ladder is not echoed -------------------------------------


SHADOW = "root:$6$saltsalt$c2VjcmV0aGFzaHNlY3JldGhhc2g:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"


def test_non_ladder_file_content_is_not_echoed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(tmp_path, SHADOW)
    assert "$6$" not in str(err) and "c2VjcmV0" not in str(err) and err.line == 1
    line = _validate_line(tmp_path, capsys, SHADOW)
    assert "$6$" not in line and "daemon" not in line


def test_misspelt_keys_are_still_named(tmp_path: Path) -> None:
    err = _refused(tmp_path, TINY.replace("description:", "descripton:"))
    assert "'descripton'" in str(err)
