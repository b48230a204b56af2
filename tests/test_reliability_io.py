"""Regression tests for the bulk I/O findings of the reliability review (docs/reliability.md).

The rule behind them: no row is ever lost, merged or rewritten silently; every refusal is one
clear line naming the row or ``file:line``; exit codes mean something; memory stays bounded
whatever the input.
"""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import titlemap
from titlemap import cli, text_lines, text_reader
from titlemap.columns import NORMALIZE_COLUMNS
from titlemap.text_lines import LineSource
from titlemap.text_reader import read_table

PYTHON = sys.executable
#: The documented limits: a physical line of at most 1 MiB, a row of at most 1 Mi characters.
MAX_LINE_BYTES = MAX_ROW_CHARS = 1 << 20


def _write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _rows(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _cli(*argv: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([PYTHON, "-m", "titlemap", *argv], capture_output=True, timeout=120, **kwargs)


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("titlemap: error: "), err
    return lines[0]


# -- 08: a lone CR inside a quoted field ----------------------------------------------------------


def test_08_lone_cr_in_a_field_is_quoted_on_output(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "cr.csv", b'id,title,note\n1,Sr PM,"a\rb"\n2,APM,x\n')
    code, out, _ = run("normalize", "-i", str(src), "-q")
    assert code == 0
    assert '"a\rb"' in out
    rows = _rows(out)
    assert len(rows) == 3 and rows[1][2] == "a\rb" and rows[2][:2] == ["2", "APM"]
    # and titlemap reads its own output back to the same rows
    again = _write(tmp_path / "again.csv", out)
    code, out2, _ = run("normalize", "-i", str(again), "-q")
    assert code == 0 and out2 == out


# -- 09: a stray opening quote --------------------------------------------------------------------


def _stray_quote_file(path: Path, rows: int = 1000, at: int = 2) -> Path:
    lines = ["id,title"] + [f"{i},PM" for i in range(rows)]
    lines[at + 1] = f'{at},APM,"6 inch monitor'
    return _write(path, "\n".join(lines) + "\n")


def test_09_stray_quote_is_refused_with_the_line_it_opens_on(run: Any, tmp_path: Path) -> None:
    src = _stray_quote_file(tmp_path / "stray.csv")
    out = _write(tmp_path / "out.csv", "old\n")
    code, stdout, err = run("normalize", "-i", str(src), "-o", str(out))
    assert code == 1 and stdout == ""
    line = _one_error_line(err)
    assert f"{src}:4:" in line and "quote" in line
    assert out.read_text() == "old\n" and _leftovers(tmp_path) == []


def test_09_stray_quote_names_the_quote_line_not_the_row_start(tmp_path: Path) -> None:
    text = 'id,title,note\n1,"Sr\nPM",ok\n2,"Group\nPM","never closed\n3,PM,x\n'
    table = read_table(LineSource(io.BytesIO(text.encode()), "q.csv"), "csv", "title")
    with pytest.raises(titlemap.InputError, match=r"^q\.csv:5: "):
        list(table)


def test_09_stray_quote_in_a_big_file_stops_at_the_row_limit(tmp_path: Path) -> None:
    rows = 3 * MAX_ROW_CHARS // 40
    lines = ["id,title"] + [f"{i},Senior Product Manager {i:012d}" for i in range(rows)]
    lines[10] = '9,"APM'
    data = ("\n".join(lines) + "\n").encode()
    table = read_table(LineSource(io.BytesIO(data), "big.csv"), "csv", "title")
    seen = 0
    with pytest.raises(titlemap.InputError, match=r"^big\.csv:11: .*quote"):
        for _ in table:
            seen += 1
    assert seen == 9


def test_09_quoted_newlines_still_work(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "ok.csv", 'id,title,note\n1,Sr PM,"two\nlines"\n2,"Group\nPM",y\n')
    code, out, _ = run("normalize", "-i", str(src), "-q")
    rows = _rows(out)
    assert code == 0 and len(rows) == 3 and rows[1][2] == "two\nlines"


# -- 10: valid big fields -------------------------------------------------------------------------


def test_10_a_valid_field_over_128_kib_is_read(run: Any, tmp_path: Path) -> None:
    big = "x" * 200_000
    src = _write(tmp_path / "big.csv", f'id,title,note\n1,Sr PM,"{big}"\n2,APM,"{big}\n{big}"\n3,PM,z\n')
    code, out, err = run("normalize", "-i", str(src))
    rows = _rows(out)
    assert code == 0 and "malformed 0" in err
    assert len(rows) == 4 and [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert rows[1][2] == big and rows[2][2] == f"{big}\n{big}"
    assert rows[1][3] == "Senior Product Manager" and rows[2][3] == "Associate Product Manager"


# -- 11: /dev/stdout and other non-regular targets ------------------------------------------------


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_11_dev_stdout_appends_to_a_redirected_file(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", "title\nSr PM\n")
    target = _write(tmp_path / "all.csv", "earlier,content\n")
    for path in ("/dev/stdout", "/dev/fd/1"):
        with open(target, "ab") as fh:
            done = subprocess.run(
                [PYTHON, "-m", "titlemap", "normalize", "-i", str(src), "-o", path, "-q"],
                stdout=fh,
                stderr=subprocess.PIPE,
                timeout=120,
            )
        assert done.returncode == 0, done.stderr
    text = target.read_text()
    assert text.startswith("earlier,content\ntitle,titlemap_title,canonical_title")
    assert text.count("Sr PM,Senior Product Manager") == 2
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_11_dev_stdout_into_a_pipe(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", "title\nSr PM\n")
    done = _cli("normalize", "-i", str(src), "-o", "/dev/stdout", "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[1].startswith("Sr PM,Senior Product Manager")
    done = _cli("normalize", "-i", str(src), "-o", "/dev/stderr", "-q")
    assert done.returncode == 0 and b"Sr PM,Senior Product Manager" in done.stderr


# -- 29: TSV has no quoting -----------------------------------------------------------------------


def test_29_tsv_quotes_are_data(run: Any, tmp_path: Path) -> None:
    text = 'id\ttitle\tnote\n1\t"Growth" PM\t"x\n2\tAPM\ty"\n3\t"Sr PM"\t"a"b\n'
    src = _write(tmp_path / "q.tsv", text)
    code, out, err = run("normalize", "-i", str(src))
    assert code == 0 and "malformed 0" in err
    lines = out.splitlines()
    assert len(lines) == 4
    assert [line.split("\t")[:3] for line in lines[1:]] == [
        ["1", '"Growth" PM', '"x'],
        ["2", "APM", 'y"'],
        ["3", '"Sr PM"', '"a"b'],
    ]
    assert lines[2].split("\t")[3] == "Associate Product Manager"


def test_29_tsv_rerun_is_byte_identical(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "q.tsv", 'title\tnote\n"Growth" PM\t"\n')
    code, out, _ = run("normalize", "-i", str(src), "-q")
    again = _write(tmp_path / "again.tsv", out)
    code2, out2, _ = run("normalize", "-i", str(again), "-q")
    assert code == code2 == 0 and out2 == out and out.splitlines()[1].startswith('"Growth" PM\t"\t')


# -- 01-03: JSON lines that crashed the run -------------------------------------------------------


def test_01_03_hostile_json_lines_are_kept(run: Any, tmp_path: Path) -> None:
    big = "1" * 5000
    deep = "[" * 100_000 + "]" * 100_000
    lines = [
        f'{{"title": "Sr PM", "n": {big}}}',
        f'{{"title": "APM", "deep": {deep}}}',
        '{"title": "\\udc80", "id": 3}',
        '{"title": "Sr PM \\udc80", "id": 4}',
        '{"title": "PM"}',
    ]
    src = _write(tmp_path / "h.jsonl", "\n".join(lines) + "\n")
    code, out, err = run("normalize", "-i", str(src))
    assert code == 0
    got = out.splitlines()
    assert len(got) == 5
    assert got[0].startswith(lines[0][:-1])
    assert json.loads(got[0], parse_int=str)["canonical_title"] == "Senior Product Manager"
    deep_line = json.loads(got[1])
    assert deep_line["_raw"] == lines[1] and "nested" in deep_line["_error"]
    assert got[2].startswith(lines[2][:-1]) and got[3].startswith(lines[3][:-1])
    assert json.loads(got[4])["canonical_title"] == "Product Manager"
    assert f"{src}:2: malformed row kept" in err and "malformed 1" in err


def test_01_03_utf7_surrogate_line_is_kept(run: Any, tmp_path: Path) -> None:
    good = '{"title": "PM"}\n'.encode("utf-7")
    bad = b'{"title": "+3IA-"}\n'  # UTF-7 for a lone surrogate U+DC80
    src = _write(tmp_path / "s.jsonl", good + bad + good)
    code, out, err = run("normalize", "-i", str(src), "--encoding", "utf-7")
    assert code == 0
    got = [json.loads(line) for line in out.splitlines()]
    assert len(got) == 3 and got[1]["_raw"] == '{"title": "\udc80"}' and "surrogate" in got[1]["_error"]
    assert f"{src}:2: malformed row kept" in err
    out.encode("utf-8")  # never a raw surrogate in the output


def test_01_03_utf7_surrogate_in_a_csv_is_one_line(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "s.csv", b"title\nPM\n+3IA-\n")
    code, _, err = run("normalize", "-i", str(src), "--encoding", "utf-7")
    assert code == 1 and f"{src}:3:" in _one_error_line(err) and "surrogate" in err


# -- 20: untouched JSON values stay byte-identical ------------------------------------------------


def test_20_untouched_json_is_byte_identical(run: Any, tmp_path: Path) -> None:
    lines = [
        '{"title":"Sr PM","big":1e400,"f":12345678901234567890.5,"d":1,"d":2}',
        '  { "title" : "APM" , "s": "caf\\u00e9", "nan": NaN, "n": [1.0, -0.0, 1E+2] }  ',
        '{"title": "Chef", "nested": {"a": {"b": [true, false, null]}}}',
    ]
    src = _write(tmp_path / "u.jsonl", "\n".join(lines) + "\n")
    code, out, _ = run("normalize", "-i", str(src), "-q")
    assert code == 0
    got = out.splitlines()
    for original, written in zip(lines, got, strict=True):
        head = original.rstrip()[:-1].rstrip()
        assert written.startswith(head + ", "), (original, written)
        assert written.endswith("}")
    obj = json.loads(got[0], object_pairs_hook=list)
    assert [k for k, _ in obj][:5] == ["title", "big", "f", "d", "d"]
    assert [k for k, _ in obj][5:] == ["titlemap_title", *NORMALIZE_COLUMNS[1:]]


def test_20_rerun_replaces_added_keys_in_place(run: Any, tmp_path: Path) -> None:
    text = '{"title":"Sr PM","f":1e400}\n{"title":"APM","x":12345678901234567890.5}\n'
    src = _write(tmp_path / "r.jsonl", text)
    code, out, _ = run("normalize", "-i", str(src), "-q")
    again = _write(tmp_path / "again.jsonl", out)
    code2, out2, _ = run("normalize", "-i", str(again), "-q")
    assert code == code2 == 0 and out2 == out


# -- 19: the names of the added JSON keys are fixed once ------------------------------------------


def test_19_jsonl_added_names_come_from_the_first_object(run: Any, tmp_path: Path) -> None:
    lines = [
        '{"title": "Sr PM - Payments (Bangalore)"}',
        '{"title": "PM (Mumbai)", "location": "user data"}',
        '{"title": "APM (Pune)"}',
    ]
    src = _write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    code, out, err = run("normalize", "-i", str(src), "--market", "in")
    assert code == 0
    first, second, third = (json.loads(line) for line in out.splitlines())
    assert first["location"] == "Bangalore" and third["location"] == "Pune"
    assert second["location"] == "user data" and "titlemap_location" not in second
    assert second["canonical_title"] == "Product Manager"
    assert f"{src}:2: malformed row kept" in err and "'location'" in err
    assert "malformed 1" in err


def test_19_first_object_with_the_key_prefixes_every_line(run: Any, tmp_path: Path) -> None:
    lines = ['{"title": "PM (Mumbai)", "location": "HQ"}', '{"title": "APM (Pune)"}']
    src = _write(tmp_path / "p.jsonl", "\n".join(lines) + "\n")
    code, out, err = run("normalize", "-i", str(src), "--market", "in")
    first, second = (json.loads(line) for line in out.splitlines())
    assert code == 0 and first["location"] == "HQ" and first["titlemap_location"] == "Mumbai"
    assert "location" not in second and second["titlemap_location"] == "Pune"
    assert "added as titlemap_location" in err and "malformed 0" in err


# -- 06: standard error closed --------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors")
@pytest.mark.parametrize("quiet", [[], ["-q"]])
def test_06_closed_stderr(tmp_path: Path, quiet: list[str]) -> None:
    src = _write(tmp_path / "in.csv", "title\nSr PM\nid,x,y\n")
    out = tmp_path / "out.csv"
    closed = ["sh", "-c", 'exec "$0" "$@" 2>&-', PYTHON, "-m", "titlemap"]  # as cron's 2>&-
    done = subprocess.run(
        [*closed, "normalize", "-i", str(src), "-o", str(out), *quiet],
        stdout=subprocess.PIPE,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout == b""
    assert out.read_text().splitlines()[1].startswith("Sr PM,Senior Product Manager")
    bad = subprocess.run(
        [*closed, "normalize", "-i", str(tmp_path / "missing.csv")], stdout=subprocess.PIPE, timeout=120
    )
    assert bad.returncode == 1 and bad.stdout == b""


def test_06_stderr_none_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    src = _write(tmp_path / "in.csv", "title\nSr PM\na,b\n")
    monkeypatch.setattr(sys, "stderr", None)
    assert cli.main(["normalize", "-i", str(src)]) == 0
    assert cli.main(["normalize", "-i", str(tmp_path / "missing.csv")]) == 1
    out, _ = capsys.readouterr()
    assert "warning" not in out and "error" not in out and "rows" not in out


# -- 16 and 30: unbounded lines -------------------------------------------------------------------


class _Zeros(io.RawIOBase):
    """An endless stream of NUL bytes, like /dev/zero."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        buffer[:] = b"\0" * len(buffer)
        return len(buffer)


def _peak(fn: Any) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_16_the_limits_are_the_documented_ones() -> None:
    assert getattr(text_lines, "MAX_LINE_BYTES", None) == MAX_LINE_BYTES
    assert getattr(text_reader, "MAX_ROW_CHARS", None) == MAX_ROW_CHARS


def test_16_endless_line_is_refused_in_bounded_memory() -> None:
    def read() -> None:
        with io.BufferedReader(_Zeros()) as zeros:
            source = LineSource(zeros, "/dev/zero")
            with pytest.raises(titlemap.InputError, match=r"^/dev/zero:1: .*longer than"):
                for _ in source:
                    pass

    assert _peak(read) < 6 * MAX_LINE_BYTES


def test_16_long_line_names_its_line(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "long.csv", b"title\nPM\n" + b"x" * (MAX_LINE_BYTES + 10) + b"\nAPM\n")
    code, _, err = run("normalize", "-i", str(src))
    assert code == 1 and f"{src}:3:" in _one_error_line(err)
    src = _write(tmp_path / "long.jsonl", b'{"title": "PM"}\n' + b" " * (MAX_LINE_BYTES + 10) + b"\n")
    code, _, err = run("normalize", "-i", str(src))
    assert code == 1 and f"{src}:2:" in _one_error_line(err)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_16_dev_zero_on_the_command_line() -> None:
    done = _cli("normalize", "-i", "/dev/zero")
    assert done.returncode == 1
    assert _one_error_line(done.stderr.decode()).startswith("titlemap: error: /dev/zero:1: ")


def test_30_cr_only_input_is_split_incrementally() -> None:
    data = b"id,title,note\r" + b"".join(b"%d,Sr PM,%s\r" % (i, b"n" * 500) for i in range(16_000))
    stream = io.BytesIO(data)

    def read() -> None:
        table = read_table(LineSource(stream, "cr.csv"), "csv", "title")
        assert sum(1 for _ in table) == 16_000

    assert len(data) > 8_000_000 and _peak(read) < 2_000_000


def test_30_cr_only_output_round_trip(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "cr.csv", b"id,title\r1,Sr PM\r2,APM\r")
    code, out, _ = run("normalize", "-i", str(src), "-q")
    assert code == 0 and [r[:3] for r in _rows(out)[1:]] == [
        ["1", "Sr PM", "Senior Product Manager"],
        ["2", "APM", "Associate Product Manager"],
    ]


# -- 14: the map memo is bounded ------------------------------------------------------------------


def test_14_map_input_does_not_memoize_long_titles(run: Any, tmp_path: Path) -> None:
    rows = [f"{i},Senior Product Manager {'x' * 40_000}{i}" for i in range(300)]
    src = _write(tmp_path / "long.csv", "id,title\n" + "\n".join(rows) + "\n")
    out = tmp_path / "out.csv"
    titlemap.map_title("Sr PM", "us", "in")  # warm up the bundled ladders outside the measure
    code = [1]

    def go() -> None:
        code[0] = cli.main(["map", "-i", str(src), "--from", "us", "--to", "in", "-o", str(out), "-q"])

    peak = _peak(go)
    assert code[0] == 0 and peak < 6_000_000


# -- 21: SIGTERM ----------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_21_sigterm_removes_the_temporary_file(tmp_path: Path) -> None:
    out = _write(tmp_path / "out.csv", "old\n")
    proc = subprocess.Popen(
        [PYTHON, "-m", "titlemap", "normalize", "-i", "-", "-o", str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write(b"title\n" + b"Sr PM\n" * 10_000)
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while not _leftovers(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _leftovers(tmp_path), "the run never started writing"
    time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert _leftovers(tmp_path) == [] and out.read_text() == "old\n"
    assert b"Traceback" not in err and err.decode().strip() == "titlemap: error: terminated"


# -- 05: encodings that are not text encodings ----------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["hex", "base64", "rot13", "zlib", "undefined", "punycode", "idna", "unicode_escape", "uu"]
)
def test_05_non_text_codecs_are_refused(run: Any, tmp_path: Path, encoding: str) -> None:
    src = _write(tmp_path / "in.csv", "title\nSr PM\n")
    code, _, err = run("normalize", "-i", str(src), "--encoding", encoding)
    assert code == 1 and "not a text encoding" in _one_error_line(err)


def test_05_odd_but_real_text_encodings_still_work(run: Any, tmp_path: Path) -> None:
    for encoding in ("utf-16", "cp1252", "utf-7", "cp037"):
        src = _write(tmp_path / f"{encoding}.csv", "title\nSr PM\n".encode(encoding))
        code, out, _ = run("normalize", "-i", str(src), "--encoding", encoding, "-q")
        assert code == 0 and _rows(out)[1][:2] == ["Sr PM", "Senior Product Manager"], encoding


# -- 25: clearer errors ---------------------------------------------------------------------------


def test_25_ambiguous_column_lists_the_candidates(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", "id,Title,TITLE \n1,PM,APM\n")
    code, _, err = run("normalize", "-i", str(src))
    line = _one_error_line(err)
    assert code == 1 and "ambiguous" in line and "'Title'" in line and "'TITLE '" in line
    assert "--column" in line and "no column" not in line


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_25_utf16_input_suggests_utf16(run: Any, tmp_path: Path, encoding: str) -> None:
    src = _write(tmp_path / "wide.csv", "title\nSr PM\nAPM\n".encode(encoding))
    code, _, err = run("normalize", "-i", str(src))
    line = _one_error_line(err)
    assert code == 1 and f"--encoding {encoding[:6]}" in line and "latin-1" not in line


class _Trickle(io.BytesIO):
    """A pipe that hands over one byte per read."""

    def read1(self, size: int = -1) -> bytes:
        return super().read1(1)


def test_25_byte_order_marks_are_seen_through_a_trickling_pipe() -> None:
    source = LineSource(_Trickle(b"\xef\xbb\xbftitle\r\nSr PM\r\n"), "<stdin>")
    assert list(source) == ["title\r\n", "Sr PM\r\n"] and source.bom and source.newline == "\r\n"
    with pytest.raises(titlemap.InputError, match="--encoding utf-16"):
        list(LineSource(_Trickle("title\nSr PM\n".encode("utf-16")), "<stdin>"))


# -- 28: profiles ---------------------------------------------------------------------------------


def test_28_profile_years_refuses_booleans() -> None:
    with pytest.raises(ValueError, match="years"):
        titlemap.Profile(years=True)
    with pytest.raises(ValueError, match="years"):
        titlemap.Profile(years=False)
    assert titlemap.Profile(years=5).years == 5.0


def test_28_map_frame_refuses_a_dict_profile() -> None:
    pd = pytest.importorskip("pandas")
    from titlemap.pandas import map_frame

    with pytest.raises(TypeError, match="Profile"):
        map_frame(pd.DataFrame({"title": ["Sr PM"]}), "title", "us", "in", {"years": 5})  # type: ignore[arg-type]


# -- formula cells --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_added_cells_never_start_a_formula(run: Any, tmp_path: Path, fmt: str) -> None:
    sep = "," if fmt == "csv" else "\t"
    src = _write(tmp_path / f"f.{fmt}", f"title{sep}own\nSr PM - =A1&A2{sep}=SUM(1)\n")
    code, out, _ = run("normalize", "-i", str(src), "-q")
    header, row = _rows(out, sep)
    assert code == 0 and row[1] == "=SUM(1)"  # the user's own cell is untouched
    team = row[header.index("team")]
    assert team.startswith("'=") and team.lstrip("'") == "=A1&A2"


def test_json_cells_are_not_neutralized(run: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "f.jsonl", '{"title": "Sr PM - =A1&A2"}\n')
    code, out, _ = run("normalize", "-i", str(src), "-q")
    assert code == 0 and json.loads(out)["team"] == "=A1&A2"


# -- the documentation names real tests -----------------------------------------------------------


def test_reliability_doc_names_existing_tests() -> None:
    here = Path(__file__).parent
    doc = (here.parent / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = 0
    for row in doc.splitlines():
        if "test_reliability_" not in row:
            continue
        current = ""
        for module, name in re.findall(r"`(?:(test_\w+\.py)::)?(test_\w+)[`\[]", row):
            current = module or current
            source = (here / current).read_text(encoding="utf-8")
            assert f"def {name}(" in source, f"{current}::{name}"
            named += 1
    assert named > 40
