"""The command line, run in-process through ``titlemap.cli.main`` (plus one ``python -m`` run)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import titlemap
from titlemap import cli
from titlemap.columns import MAP_COLUMNS, NORMALIZE_COLUMNS
from titlemap.schema import json_schema_text
from titlemap.table import detect_format
from titlemap.text_lines import LineSource
from titlemap.text_reader import read_table

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
DOCS = Path(__file__).parent.parent / "docs" / "cli.md"

# Files whose titles are in a column named "title": the added `title` column gets the prefix.
ADDED = ["titlemap_title", *NORMALIZE_COLUMNS[1:]]  # beside an input's "title" column


def _rows(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- single titles --------------------------------------------------------------------------------


def test_normalize_titles_text(run: Any) -> None:
    code, out, _ = run("normalize", "Sr. PM - Payments (Bangalore)", "Chef", "--market", "in")
    assert code == 0
    first, second = out.splitlines()
    assert "Senior Product Manager" in first and "level 3" in first and "confidence 0.85" in first
    assert "team: Payments" in first and "location: Bangalore" in first
    assert second == "Chef => not read (not-product: no product-management role in the title)"


@pytest.mark.parametrize("where", ["before", "after"])
def test_normalize_json_lines(run: Any, where: str) -> None:
    args = ["normalize", "Group PM", "Chef"]
    code, out, _ = run(*(["--json", *args] if where == "before" else [*args, "--json"]))
    assert code == 0
    found, missing = (json.loads(line) for line in out.splitlines())
    assert found == titlemap.normalize("Group PM").to_dict()  # type: ignore[union-attr]
    assert missing["title"] is None and missing["raw"] == "Chef"
    assert missing["reason"].startswith("not-product")


def test_map_text(run: Any) -> None:
    code, out, _ = run(
        "map",
        "Senior Product Manager",
        "--from",
        "us",
        "--to",
        "in",
        "--background",
        "engineering",
        "--years",
        "8",
        "--manages-people",
        "--company-stage",
        "early",
    )
    assert code == 0
    assert out.splitlines()[0] == "Senior Product Manager (us) -> Lead Product Manager (in)"
    assert "confidence:" in out and "alternatives:" in out and "explanation:" in out
    assert "Senior Product Manager (level 3" in out


def test_map_json_matches_api(run: Any) -> None:
    code, out, _ = run(
        "map",
        "Product Manager",
        "--from",
        "in",
        "--to",
        "us",
        "--json",
        "--history",
        "Senior Software Engineer",
        "--no-manages-people",
    )
    assert code == 0
    profile = titlemap.Profile(history=("Senior Software Engineer",), manages_people=False)
    expected = titlemap.map_title("Product Manager", "in", "us", profile)
    assert expected is not None and json.loads(out) == expected.to_dict()


def test_map_unknown_title_and_bad_profile(run: Any) -> None:
    code, out, _ = run("map", "Chef", "--from", "us", "--to", "in")
    assert code == 0 and "nothing to map" in out
    code, _, err = run("map", "PM", "--from", "us", "--to", "in", "--background", "astronaut")
    assert code == 2 and err.startswith("titlemap: error: --background 'astronaut'")


# -- browsing -------------------------------------------------------------------------------------


def test_ladders(run: Any) -> None:
    code, out, _ = run("ladders")
    assert code == 0
    assert re.search(r"^in\s+market\s+product\s+\d+\s+Indian", out, re.M)
    code, out, _ = run("ladders", "--json")
    assert {d["id"] for d in json.loads(out)} >= {"in", "us"}


def test_show(run: Any) -> None:
    code, out, _ = run("show", "India")
    assert code == 0
    assert re.search(r"^3\s+ic\s+Senior Product Manager\s+.*Sr PM", out, re.M)
    code, out, _ = run("show", "in", "--json")
    assert json.loads(out)["id"] == "in"


@pytest.mark.parametrize(("fmt", "needle"), [("mermaid", "flowchart BT"), ("dot", 'digraph "in"')])
def test_graph_text(run: Any, fmt: str, needle: str) -> None:
    code, out, _ = run("graph", "in", "--format", fmt)
    assert code == 0 and needle in out


def test_graph_json_is_node_link_data(run: Any) -> None:
    import networkx as nx

    code, out, _ = run("graph", "in", "--format", "json")
    assert code == 0
    data = json.loads(out)
    graph = nx.node_link_graph(data, edges="links")
    assert graph.number_of_nodes() == len(titlemap.ladder("in"))
    assert graph.edges["associate-product-manager", "product-manager"]["kind"] == "promotion"


def test_path(run: Any) -> None:
    code, out, _ = run("path", "in", "APM", "Director of Product")
    assert code == 0
    assert out.splitlines()[0].startswith("Associate Product Manager")
    assert out.splitlines()[-1].strip().startswith("-> Director of Product")
    code, out, _ = run("path", "in", "APM", "PM", "--json")
    assert [s["id"] for s in json.loads(out)] == ["associate-product-manager", "product-manager"]


def test_path_errors(run: Any) -> None:
    code, _, err = run("path", "in", "Director of Product", "APM")
    assert code == 1 and "no promotion path" in err
    code, _, err = run("path", "in", "APM", "Astronaut")
    assert code == 2 and err.startswith("titlemap: error: 'Astronaut' is not a rung")
    code, _, err = run("show", "atlantis")
    assert code == 2 and "known markets" in err


def test_schema_and_version(run: Any) -> None:
    assert run("schema") == (0, json_schema_text(), "")
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"titlemap {titlemap.__version__}"


def test_user_ladders(run: Any) -> None:
    code, out, _ = run("--ladders", str(FIXTURES / "tiny.yaml"), "show", "xx")
    assert code == 0 and "Tiny test market" in out
    code, out, _ = run("ladders", "--ladders", str(FIXTURES / "tiny.yaml"))
    assert re.search(r"^xx\s", out, re.M)


# -- validate -------------------------------------------------------------------------------------


def test_validate_ok(run: Any) -> None:
    files = sorted(str(p) for p in FIXTURES.glob("*.yaml"))
    assert run("validate", *files, "--schema-only") == (0, "ok\n", "")
    bundled = sorted(str(p) for p in (ROOT / "ladders" / "companies").glob("*.yaml"))[:3]
    assert run("validate", *bundled) == (0, "ok\n", "")  # the data policy too


def test_validate_applies_the_data_policy(run: Any, tmp_path: Path) -> None:
    text = (FIXTURES / "tiny.yaml").read_text(encoding="utf-8").replace("    grade: C\n", "")
    ungraded = _write(tmp_path / "tiny.yaml", text)
    code, out, _ = run("validate", str(ungraded))
    assert code == 1 and out.splitlines() == [
        f"{ungraded}:8: sources[0]: source 't' has no grade; give grade: A, B or C"
    ]
    assert run("validate", str(ungraded), "--schema-only")[:2] == (0, "ok\n")
    code, out, _ = run("validate", str(FIXTURES / "acme.yaml"))  # its override keeps us's examples
    assert code == 1 and "rung product-lead: example 'Product Lead - Payments' read as" in out


def test_validate_reports_file_and_line(run: Any, tmp_path: Path) -> None:
    broken = _write(tmp_path / "broken.yaml", "id: acme\nname: Acme\nrungs:\n  - id: a\n   title: [x\n")
    good = str(FIXTURES / "tiny.yaml")
    code, out, _ = run("validate", str(broken), good)
    assert code == 1
    assert out.splitlines() == [f"{broken}:5: invalid YAML: did not find expected '-' indicator"]
    code, out, _ = run("validate", str(broken), "--json")
    assert json.loads(out)["errors"][0]["line"] == 5
    code, _, err = run("--ladders", str(broken), "ladders")
    assert code == 1 and err.startswith(f"titlemap: error: {broken}:5:")


# -- errors and help ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--bogus"],
        ["normalize"],
        ["normalize", "PM", "--output", "x.csv"],
        ["map", "PM"],
        ["normalize", "PM", "--input", "x.csv"],
        ["graph", "in", "--format", "png"],
    ],
)
def test_usage_errors_exit_2(run: Any, argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert code == 2 and "titlemap: error:" in err and out == ""
    assert len(err.strip().splitlines()) <= 3


def test_every_command_has_help_and_docs(run: Any) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    parser = cli.build_parser()
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(subs.choices) == list(cli.COMMANDS)
    for name in cli.COMMANDS:
        code, out, _ = run(name, "--help")
        assert code == 0 and "examples:" in out and f"titlemap {name}" in out
        assert f"## `titlemap {name}`" in docs, f"docs/cli.md has no section for {name}"
    assert run("--help")[0] == 0


def test_docs_python_blocks_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, str(DOCS), "exec"), {"__name__": "__docs__"})


def test_broken_pipe_is_quiet(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Closed(io.StringIO):
        def write(self, s: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", Closed())
    assert cli.main(["ladders"]) == 141
    assert capsys.readouterr().err == ""


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "titlemap", "normalize", "Sr PM", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"] == "Senior Product Manager"


# -- bulk: formats --------------------------------------------------------------------------------


CSV_IN = "id,title,note\n1,Sr PM,a\n2,Chef,b\n3,APM,c\n"


def test_csv_round_trip(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", CSV_IN)
    out = tmp_path / "out.csv"
    code, stdout, err = run("normalize", "--input", str(src), "--output", str(out))
    assert code == 0 and stdout == ""
    rows = _rows(out.read_text(encoding="utf-8"))
    assert rows[0] == ["id", "title", "note", *ADDED[:-1], "titlemap_note"]  # the input has a "note"
    assert [r[:3] for r in rows[1:]] == [["1", "Sr PM", "a"], ["2", "Chef", "b"], ["3", "APM", "c"]]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert [
        first[c] for c in ("titlemap_title", "canonical_title", "rung", "level", "track", "confidence")
    ] == [
        "Senior Product Manager",
        "Senior Product Manager",
        "senior-product-manager",
        "3",
        "ic",
        "1.0",
    ]
    assert rows[2][3:-2] == [""] * (len(NORMALIZE_COLUMNS) - 2)
    assert rows[2][-2:] == ["not-product: no product-management role in the title", ""]
    assert rows[1][-2:] == rows[3][-2:] == ["", ""]  # read, and nothing else in the row to read
    assert "rows 3, matched 2, unmatched 1, malformed 0" in err
    assert _leftovers(tmp_path) == []


def test_tsv_by_extension_and_rerun_is_idempotent(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "in.tsv", "title\tteam\nSenior PM, Payments\tx\n")
    code, out, err = run("normalize", "-i", str(src))
    rows = _rows(out, "\t")
    assert code == 0 and rows[1][:3] == ["Senior PM, Payments", "x", "Senior Product Manager"]
    team = rows[0].index("titlemap_team")  # the input's "team" column is untouched
    assert rows[0][team + 1] == "location"
    assert rows[1][team] == "Payments" and "added as titlemap_team" in err
    again = _write(tmp_path / "again.tsv", out)
    code, out2, _ = run("normalize", "-i", str(again), "-q")
    assert out2 == out  # an earlier run's columns are replaced, not added again


def test_added_columns_writes_only_those(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", "id,title,level\n1,Sr PM,mine\n2,Chef,x\n3,Sr PM,y\n")
    code, out, err = run("normalize", "-i", str(src), "--added-columns", "reason, level,canonical_title")
    assert code == 0 and "added as titlemap_level" in err  # the input's own "level" is kept
    assert _rows(out) == [
        ["id", "title", "level", "canonical_title", "titlemap_level", "reason"],
        ["1", "Sr PM", "mine", "Senior Product Manager", "3", ""],
        ["2", "Chef", "x", "", "", "not-product: no product-management role in the title"],
        ["3", "Sr PM", "y", "Senior Product Manager", "3", ""],
    ]
    assert "rows 3, matched 2, unmatched 1" in err  # the summary counts what was not written too
    code, out, _ = run("normalize", "-i", str(src), "--added-columns", "canonical_title", "-q")
    assert out.splitlines()[2] == "2,Chef,x,"  # one empty cell is written empty, not as ""
    again = _write(tmp_path / "again.csv", out)
    code, out2, _ = run("normalize", "-i", str(again), "--added-columns", "canonical_title", "-q")
    assert _rows(out2)[0] == ["id", "title", "level", "canonical_title", "titlemap_canonical_title"]
    jsonl = _write(tmp_path / "in.jsonl", '{"title": "Group PM"}\n')
    code, out, _ = run(
        "map", "-i", str(jsonl), "--from", "us", "--to", "in", "--added-columns", "mapped_level"
    )
    assert code == 0 and json.loads(out) == {"title": "Group PM", "mapped_level": 5}
    tsv = _write(tmp_path / "in.tsv", "title\tteam\nSenior PM, Payments\tx\nChef\ty\n")
    code, out, _ = run("normalize", "-i", str(tsv), "--added-columns", "team,level", "-q")
    assert code == 0 and _rows(out, "\t") == [
        ["title", "team", "level", "titlemap_team"],
        ["Senior PM, Payments", "x", "3", "Payments"],
        ["Chef", "y", "", ""],
    ]


def test_added_columns_needs_input(run: Any) -> None:
    for argv in (("normalize", "Sr PM"), ("extract", "PM at Swiggy")):
        code, out, err = run(*argv, "--added-columns", "level")
        assert code == 2 and out == "" and "--added-columns needs --input FILE" in err


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("levels", "--added-columns: no added column 'levels'; choose from title, canonical_title"),
        ("level,level", "--added-columns: added_columns names 'level' twice"),
        ("", "--added-columns: no added column ''"),
        ("mapped_level", "no added column 'mapped_level'"),
    ],
)
def test_added_columns_mistakes_are_one_line_errors(run: Any, tmp_path: Path, value: str, words: str) -> None:
    src = _write(tmp_path / "in.csv", "title\nSr PM\n")
    code, out, err = run("normalize", "-i", str(src), "--added-columns", value)
    assert code != 0 and out == "" and words in err and len(err.strip().splitlines()) == 1


def test_jsonl_round_trip_keeps_bad_lines(run: Any, tmp_path: Path) -> None:
    lines = ['{"title": "Sr PM", "id": 1}', "not json", "[1, 2]", "", '{"id": 3}', '{"title": null}']
    src = _write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    code, out, err = run("normalize", "--input", str(src))
    assert code == 0
    objs = [json.loads(line) for line in out.splitlines()]
    assert len(objs) == 5  # the blank line is not a row
    assert objs[0]["id"] == 1 and objs[0]["canonical_title"] == "Senior Product Manager"
    assert objs[1] == {"_raw": "not json", "_error": "invalid JSON: Expecting value (column 1)"}
    assert list(objs[0])[2:] == ADDED
    assert f"{src}:2: malformed row kept: invalid JSON" in err
    assert f"{src}:3: malformed" in err and f"{src}:5: malformed" in err
    assert "rows 5, matched 1, unmatched 4, malformed 3" in err


def test_stdin(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"title\tx\nGroup PM\t1\n")))
    code, out, _ = run("normalize", "--input", "-", "--format", "tsv", "--quiet")
    assert code == 0 and _rows(out, "\t")[1][:3] == ["Group PM", "1", "Group Product Manager"]


def test_map_bulk(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "people.csv", "title\nSenior Product Manager\nChef\n")
    code, out, _ = run(
        "map",
        "-i",
        str(src),
        "--from",
        "us",
        "--to",
        "in",
        "--manages-people",
        "--company-stage",
        "growth",
        "-q",
    )
    rows = _rows(out)
    assert code == 0 and rows[0] == ["title", *MAP_COLUMNS]
    got = dict(zip(rows[0], rows[1], strict=True))
    assert (got["title"], got["mapped_title"], got["mapped_canonical_title"], got["mapped_level"]) == (
        "Senior Product Manager",
        "Lead Product Manager",
        "Lead Product Manager",
        "4",
    )
    assert (got["mapped_rule"], got["mapped_company"]) == ("us-senior-pm-with-reports-is-in-lead-pm", "")
    assert (got["mapped_level_min"], got["mapped_level_max"], got["reason"]) == ("4", "4", "")
    assert rows[2] == ["Chef"] + [""] * (len(MAP_COLUMNS) - 2) + [
        "not-product: no product-management role in the title",
        "",
    ]


# -- bulk: messy input ----------------------------------------------------------------------------


def test_ragged_rows_and_quoted_newlines_are_kept(run: Any, tmp_path: Path) -> None:
    text = 'id,title,note\n1,Sr PM,"two\nlines"\n2,APM\n\n3,Chef,x,extra\n4,"Group\nPM",y\n5,PM,z\n'
    src = _write(tmp_path / "messy.csv", text)
    code, out, err = run("normalize", "-i", str(src))
    rows = _rows(out)
    assert code == 0 and len(rows) - 1 == 5
    assert rows[1][2] == "two\nlines" and rows[1][3] == "Senior Product Manager"
    assert rows[2][:4] == ["2", "APM", "", "Associate Product Manager"]
    assert rows[3][-1] == "extra" and len(rows[3]) == 3 + len(NORMALIZE_COLUMNS) + 1
    assert rows[5][3] == "Product Manager"
    warnings = [line for line in err.splitlines() if "malformed" in line and "warning" in line]
    assert [re.findall(r"messy.csv:(\d+):", w) for w in warnings] == [
        ["4"],
        ["6"],
    ]  # physical lines, after a quoted newline
    assert "rows 5, matched 4, unmatched 1, malformed 2" in err


def test_field_over_the_old_csv_limit_is_read(run: Any, tmp_path: Path) -> None:
    huge = "x" * 140_000  # over the csv module's default field_size_limit of 131,072
    src = _write(tmp_path / "huge.csv", f'title\nPM\n"{huge}"\nAPM\n')
    code, out, err = run("normalize", "-i", str(src))
    assert code == 0 and [r[0] for r in _rows(out)[1:]] == ["PM", huge, "APM"]
    assert "malformed 0" in err


def test_bom_is_read_and_kept(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "bom.csv", b"\xef\xbb\xbftitle\r\nSr PM\r\n")
    out = tmp_path / "out.csv"
    assert run("normalize", "-i", str(src), "-o", str(out), "-q")[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbftitle,titlemap_title,canonical_title") and raw.endswith(b"\r\n")


def test_latin1_gives_one_line_error(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "latin.csv", "title\nCafé PM\n".encode("latin-1"))
    out = tmp_path / "out.csv"
    code, stdout, err = run("normalize", "-i", str(src), "-o", str(out))
    assert code == 1 and stdout == "" and not out.exists() and _leftovers(tmp_path) == []
    assert (
        err == f"titlemap: error: {src}:2: not valid UTF-8 (byte 0xe9); pass --encoding with the file's "
        "encoding, e.g. --encoding latin-1\n"
    )
    code, stdout, _ = run("normalize", "-i", str(src), "--encoding", "latin-1", "-q")
    assert code == 0 and _rows(stdout)[1][:2] == ["Café PM", "Product Manager"]


def test_missing_column_lists_columns(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", CSV_IN)
    code, _, err = run("normalize", "-i", str(src), "--column", "job")
    assert code == 1 and "no column 'job'; available columns: 'id', 'title', 'note'" in err
    jsonl = _write(tmp_path / "in.jsonl", '{"name": "PM", "id": 1}\n')
    code, _, err = run("normalize", "-i", str(jsonl))
    assert code == 1 and "available keys: 'name', 'id'" in err


def test_empty_file_and_header_only(run: Any, tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.csv", "")
    code, out, err = run("normalize", "-i", str(empty))
    assert code == 0 and out == "" and "rows 0" in err
    header = _write(tmp_path / "header.csv", "id,title\n")
    code, out, _ = run("normalize", "-i", str(header), "-q")
    assert code == 0 and _rows(out) == [["id", "title", *ADDED]]


def test_unwritable_output_leaves_nothing(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", CSV_IN)
    code, _, err = run("normalize", "-i", str(src), "-o", str(tmp_path / "missing" / "out.csv"))
    assert code == 1 and err.startswith("titlemap: error: cannot write")
    assert len(err.splitlines()) == 1
    assert src.read_text() == CSV_IN and sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]
    code, _, err = run("normalize", "-i", str(tmp_path / "nope.csv"))
    assert code == 1 and "No such file" in err


def test_output_is_atomic(run: Any, tmp_path: Path) -> None:
    out = _write(tmp_path / "out.csv", "old contents\n")
    bad = _write(tmp_path / "bad.csv", b"title\n" + b"PM\n" * 5000 + b"\xff\n")
    code, _, _ = run("normalize", "-i", str(bad), "-o", str(out))
    assert code == 1 and out.read_text() == "old contents\n" and _leftovers(tmp_path) == []
    good = _write(tmp_path / "good.csv", "title\nPM\n")
    assert run("normalize", "-i", str(good), "-o", str(out), "-q")[0] == 0
    assert out.read_text().startswith("title,titlemap_title,canonical_title")


def test_progress_only_on_a_tty(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _write(tmp_path / "in.csv", CSV_IN)
    _, _, err = run("normalize", "-i", str(src))
    assert "\r" not in err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    _, _, err = run("normalize", "-i", str(src))
    assert "rows" in err and "\r" in err and re.search(r"malformed 0, [0-9.]+ s; market us\n$", err)


def test_table_helpers() -> None:
    assert (
        detect_format("a.TSV") == "tsv"
        and detect_format("-") == "csv"
        and detect_format("a.ndjson") == "jsonl"
    )
    with pytest.raises(titlemap.InputError, match="--format jsonl"):
        detect_format("a.json")
    source = LineSource(io.BytesIO(b"title\rSr PM\rAPM"), "cr.csv")
    table = read_table(source, "csv", "title")
    assert [(r.line, r.title) for r in table] == [(2, "Sr PM"), (3, "APM")]
    with pytest.raises(titlemap.InputError, match="unknown encoding"):
        LineSource(io.BytesIO(b""), "x", "klingon")


def test_the_old_tabular_module_still_answers_with_a_warning() -> None:
    from titlemap import tabular

    with pytest.warns(DeprecationWarning, match="titlemap.text_reader.read_table"):
        assert tabular.read_table is read_table
    with pytest.raises(AttributeError):
        tabular.nothing_here  # noqa: B018


def test_json_summary_and_format_errors(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _write(tmp_path / "in.csv", CSV_IN)
    code, _, err = run("normalize", "-i", str(src), "--json")
    summary = json.loads(err.splitlines()[-1])  # after the warning about the input's "note" column
    assert code == 0 and summary["rows"] == 3 and summary["unmatched"] == 1 and "seconds" in summary
    code, _, err = run("normalize", "-i", str(_write(tmp_path / "x.json", "[]")))
    assert code == 1 and "--format jsonl" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"title": "APM"}\n')))
    code, out, _ = run("normalize", "-i", "-", "-f", "jsonl", "-q")
    assert code == 0 and json.loads(out)["canonical_title"] == "Associate Product Manager"


def test_readme_try_it_output_is_current(run: Any) -> None:
    """README shows what its "Try it" command prints; the two stay the same."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n(python3 -m venv .*?)\n```", readme)
    shown = re.search(r"It prints:\n\n```text\n(.*?)\n```", readme, re.S)
    assert command is not None and shown is not None
    printed: list[str] = []
    for part in command.group(1).split(" && ")[2:]:  # the titlemap commands after venv and pip
        argv = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', part)][1:]
        code, out, _ = run(*argv)
        assert code == 0
        printed += out.splitlines()
    expected = shown.group(1).splitlines()
    assert len(printed) == len(expected)
    for got, want in zip(printed, expected, strict=True):
        if want.endswith(" ..."):  # a long line cut short in the README
            assert got.startswith(want[:-4]), (got, want)
        else:
            assert got == want


def test_the_bulk_summary_names_where_the_rows_were_read(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text("id,title,market\n1,Sr PM,in\n2,Product Owner,\n", encoding="utf-8")
    code, _, err = run("normalize", "-i", str(src), "-o", str(tmp_path / "a.csv"))
    assert code == 0 and err.rstrip().endswith("; market us")
    code, _, err = run(
        "map",
        "-i",
        str(src),
        "--market-column",
        "market",
        "--from",
        "gb",
        "--to",
        "in",
        "-o",
        str(tmp_path / "b.csv"),
    )
    assert code == 0 and err.rstrip().endswith("; markets from column 'market' (blank cells: gb) -> in")
    code, _, err = run(
        "normalize", "-i", str(src), "--market-column", "market", "--json", "-o", str(tmp_path / "c.csv")
    )
    summary = json.loads(err.strip().splitlines()[-1])
    assert (
        code == 0
        and summary["read_in"] == "markets from column 'market' (blank cells: us)"
        and summary["rows"] == 2
    )


def test_show_separates_aliases_that_hold_commas(run: Any) -> None:
    code, out, _ = run("show", "in")
    avp = next(line for line in out.splitlines() if "Associate Vice President of Product" in line)
    assert code == 0 and "AVP Product · AVP, Product · " in avp
    rung = titlemap.ladder("in").get("AVP, Product")
    assert rung is not None and "AVP, Product · " in rung._repr_html_()


# -- the CSV delimiter: sniffed from the header line, or --delimiter ------------------------------


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("id;title;note\n1;Sr PM;a, b\n2;APM;x\n", ";"),  # the European Excel default
        ("id|title\n1|Sr PM\n2|APM\n", "|"),
        ("id\ttitle\n1\tSr PM\n2\tAPM\n", "\t"),
        ('id,title,"a;b;c"\n1,Sr PM,x\n2,APM,y\n', ","),  # separators inside quotes do not count
        ("title\nSr PM\nAPM\n", ","),
    ],
    ids=["semicolon", "pipe", "tab", "quoted", "one-column"],
)
def test_csv_delimiter_is_sniffed_and_kept(run: Any, tmp_path: Path, text: str, delimiter: str) -> None:
    src = _write(tmp_path / "in.csv", text)
    code, out, err = run("normalize", "-i", str(src), "-q")
    assert code == 0, err
    rows = _rows(out, delimiter)
    assert rows[0][: len(text.split("\n")[0].split(delimiter))] == _rows(text, delimiter)[0]
    by_title = {r[rows[0].index("title")]: r for r in rows[1:]}
    assert by_title["Sr PM"][rows[0].index("canonical_title")] == "Senior Product Manager"
    assert len(rows) == 3 and all(len(r) == len(rows[0]) for r in rows)


def test_delimiter_flag_wins_over_the_sniffed_one(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", "id;title,x\n1;Sr PM,y\n")
    code, out, _ = run("normalize", "-i", str(src), "-q", "--delimiter", ";", "-c", "title,x")
    assert code == 0 and _rows(out, ";")[1][:2] == ["1", "Sr PM,y"]
    code, out, _ = run("normalize", "-i", str(src), "-q", "--delimiter", "semicolon", "-c", "title,x")
    assert code == 0 and _rows(out, ";")[0][:2] == ["id", "title,x"]
    tabs = _write(tmp_path / "tabs.csv", 'id\ttitle\n1\t"Sr\tPM"\n')
    code, out, _ = run("normalize", "-i", str(tabs), "-q", "--delimiter", "tab")
    assert code == 0 and _rows(out, "\t")[1][1] == "Sr\tPM"  # CSV quoting, tab-separated


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--delimiter", ";;"), "one character"),
        (("--delimiter", '"'), "one character"),
        (("--delimiter", ";", "-f", "tsv"), "CSV"),
    ],
)
def test_bad_delimiters_are_usage_errors(run: Any, tmp_path: Path, argv: tuple[str, ...], words: str) -> None:
    src = _write(tmp_path / "in.csv", "title\nSr PM\n")
    code, _, err = run("normalize", "-i", str(src), *argv)
    assert code == 2 and words in err


def test_delimiter_needs_input(run: Any) -> None:
    code, _, err = run("normalize", "Sr PM", "--delimiter", ";")
    assert code == 2 and "--delimiter needs --input FILE" in err


# -- companies as they are: their own rungs and codes --------------------------------------------------


def test_show_a_company_by_its_rungs_and_codes(run: Any) -> None:
    code, out, _ = run("show", "google")
    lines = out.splitlines()
    assert code == 0 and "Google" in lines[0] and f"{len(titlemap.ladder('google').rungs)} rungs" in lines[0]
    assert lines[1].split() == ["LEVEL", "CODE", "TRACK", "TITLE", "ALIASES"]
    rows = {line.split()[1]: line for line in lines[2:]}
    assert {"L3", "L4", "L5", "L6", "L7"} <= set(rows) and "Associate Product Manager" in rows["L3"]
    assert "Product Owner" not in out  # Google has no such rung, and a company ladder holds only its own
    code, market, _ = run("show", "us")
    assert code == 0 and market.splitlines()[1].split()[:2] == ["LEVEL", "TRACK"]  # no codes, no column


def test_compare_two_companies_by_their_codes(run: Any) -> None:
    code, out, _ = run("compare", "google", "amazon")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[2:] if line and not line.startswith(" ")}
    assert (
        "2 Product Manager (L4)" in rows["product-manager"]
        and "2 Product Manager (L5)" in rows["product-manager"]
    )
    assert "3 Senior Product Manager (L5)" in rows["senior-product-manager"]
    assert "(L6)" in rows["senior-product-manager"].split("(L5)")[1]  # Amazon L6 ~ Google L5
    assert "product-owner" not in rows  # neither company has it


def test_a_byte_order_mark_reaches_standard_output_too(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "bom.csv"
    src.write_bytes(b"\xef\xbb\xbftitle\nSr PM\n")
    code, out, _ = run("normalize", "-i", str(src), "-q")
    assert code == 0 and out.startswith("\ufefftitle,")


def test_a_row_a_tsv_cannot_hold_names_the_input_file(run: Any, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["title", "note"])
    book.active.append(["Sr PM", "a\tb"])
    src = tmp_path / "tabs.xlsx"
    book.save(src)
    code, _, err = run("normalize", "-i", str(src), "-o", str(tmp_path / "out.tsv"))
    assert code == 1 and f"{src}:2: a field holds a tab" in err
