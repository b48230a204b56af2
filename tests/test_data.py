"""The bundled data tests itself: examples, sources, registry, schema (phonenumbers/holidays style)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
import yaml

import titlemap
from titlemap import TitleMap
from titlemap.compiled import bundled_yaml
from titlemap.policy import data_problems, example_problems
from titlemap.schema import json_schema, json_schema_text
from titlemap.spine import SPINE, spine_level

EXAMPLES = [
    (lad.id, r.id, ex) for lad in TitleMap.default().ladders() for r in lad.rungs for ex in r.examples
]


@pytest.mark.parametrize(("ladder_id", "rung_id", "example"), EXAMPLES)
def test_every_rung_example_normalizes_to_its_rung(ladder_id: str, rung_id: str, example: str) -> None:
    tm = TitleMap.default()
    lad = tm.ladder(ladder_id)
    if lad.kind == "company":
        m = tm.normalize(example, tm.market_of(lad.id), employer=lad.id)
    else:
        m = tm.normalize(example, lad.id, family=lad.family)
    assert m is not None and m.rung.id == rung_id, m
    assert m.title == lad.rung(rung_id).title
    assert m.canonical_title == lad.canonical_title(lad.rung(rung_id))


def test_registry_both_ways() -> None:
    """Every bundled file is loaded under its own name and folder, and every ladder has a file."""
    from titlemap.compiled import bundled_yaml

    names = [name.removeprefix("<bundled>/") for name, _ in bundled_yaml()]
    ladder_files = sorted(
        n for n in names if not n.startswith(("crosswalks/", "languages/", "classifications/"))
    )
    language_files = sorted(n for n in names if n.startswith("languages/"))
    tm = TitleMap.default()
    assert language_files == sorted(f"languages/{i}.yaml" for i in tm.languages())
    folder = {"market": "markets/", "company": "companies/"}
    expected = {
        lad.id: (folder[lad.kind] if lad.family == "product" else "families/") + f"{lad.id}.yaml"
        for lad in TitleMap.default().ladders()
    }
    assert ladder_files == sorted(expected.values())
    assert "crosswalks/in-us.yaml" in names
    top = resources.files("titlemap.ladders")
    assert sorted(e.name for e in top.iterdir() if e.is_dir() and not e.name.startswith("_")) == sorted(
        ["languages", "markets", "companies", "families", "crosswalks", "classifications"]
    )


LANGUAGE_EXAMPLES = [
    (i, title, expected)
    for i in TitleMap.default().languages()
    for title, expected in TitleMap.default().language(i).examples
]


@pytest.mark.parametrize(("language", "title", "expected"), LANGUAGE_EXAMPLES)
def test_every_language_example_reads_as_it_says_in_every_market(
    language: str, title: str, expected: str
) -> None:
    """Each example reads as its canonical title in every market that speaks the language; a
    language's words are read in other markets too (a Japanese title in a US row), so its
    look-alikes are refused everywhere."""
    tm = TitleMap.default()
    speaking = [m for m in tm.markets() if language in tm.ladder(m).languages]
    for market in dict.fromkeys(speaking if expected != "NONE" else [*speaking, "us", "in"]):
        m = tm.normalize(title, market)
        assert ("NONE" if m is None else m.canonical_title) == expected, (market, title, m)


def test_every_language_has_examples_and_no_word_reads_two_ways() -> None:
    tm = TitleMap.default()
    for i in tm.languages():
        lang = tm.language(i)
        assert lang.examples, f"{i}: a language file needs examples"
        assert any(e == "NONE" for _, e in lang.examples), f"{i}: give a look-alike example too"
    assert tm.tokenizer.lexicon.conflicts == []


def test_every_market_language_is_loaded() -> None:
    tm = TitleMap.default()
    for m in tm.markets():
        for language in tm.ladder(m).languages:
            assert language == "en" or language in tm.languages(), (m, language)


def test_every_ladder_cites_sources_and_uses_them() -> None:
    for lad in TitleMap.default().ladders():
        assert lad.sources
        used = {s for r in lad.rungs for s in r.sources}
        assert used <= {s.id for s in lad.sources}
        for s in lad.sources:
            assert s.url.startswith(("https://", "http://", "seed:"))


def test_every_rule_has_rationale_and_known_source() -> None:
    tm = TitleMap.default()
    for rule in tm.rules:
        assert rule.rationale.strip() and tm.crosswalk.source(rule.source) is not None


def test_every_rung_sits_on_the_spine() -> None:
    for lad in TitleMap.default().ladders():
        for r in lad.rungs:
            assert spine_level(r.level, r.track) is not None
    assert len({(s.number, s.track) for s in SPINE}) == len(SPINE)


def test_disputed_convention_is_recorded_in_data() -> None:
    pm = titlemap.ladder("us").rung("Product Manager")
    assert pm.manages_people is None and pm.note and "seed" in pm.note
    assert titlemap.ladder("in").rung("Product Manager").manages_people is False


def test_shipped_schema_is_current() -> None:
    shipped = (resources.files("titlemap") / "ladder.schema.json").read_text()
    assert shipped == json_schema_text(), "run: python tools/regenerate.py"
    schema = json_schema()
    assert {"LadderFile", "CrosswalkFile", "Rung"} <= set(schema["$defs"])
    json.dumps(schema)


def test_compiled_bundle_reads_back_equal_to_the_yaml(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from titlemap import compiled
    from titlemap.loading import load_texts

    # compile into a scratch package folder, then read it back as an installed wheel would
    monkeypatch.setattr(compiled, "_HERE", str(tmp_path))
    monkeypatch.setattr(compiled, "_digest", lambda files: "fresh")
    fresh = load_texts(compiled.bundled_yaml())
    compiled.write_bundle(str(tmp_path / compiled.BUNDLE_DIR), compiled.compile_bundled())
    ladders, rules, sources, *_ = compiled.load_bundled()
    assert isinstance(ladders, compiled.LazyLadders)
    assert dict(ladders) == fresh.ladders and rules == fresh.rules and sources == fresh.sources
    assert all(isinstance(r.aliases, tuple) for lad in ladders.values() for r in lad.rungs)


def test_a_stale_bundle_is_compiled_again_from_the_yaml(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from titlemap import compiled

    monkeypatch.setattr(compiled, "_HERE", str(tmp_path))
    ladders, *_ = compiled.load_bundled()  # no bundle yet: the YAML, compiled for next time
    assert not isinstance(ladders, compiled.LazyLadders)
    index = json.loads((tmp_path / compiled.BUNDLE_DIR / compiled.INDEX_NAME).read_text())
    assert (
        index["digest"] == compiled._digest(compiled.bundled_yaml()) and "generated" in index["generated_by"]
    )
    again, *_ = compiled.load_bundled()
    assert isinstance(again, compiled.LazyLadders) and dict(again) == dict(ladders)


def test_a_read_only_package_still_loads(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from titlemap import compiled

    def refuse(folder: str, files: Any) -> None:
        raise PermissionError(13, "read-only")

    monkeypatch.setattr(compiled, "_HERE", str(tmp_path))
    monkeypatch.setattr(compiled, "write_bundle", refuse)
    ladders, rules, *_ = compiled.load_bundled()
    assert "us" in ladders and rules


def test_stale_compiled_bundle_falls_back_to_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    from titlemap import compiled

    monkeypatch.setattr(compiled, "_digest", lambda files: "stale")
    ladders, rules, sources, *_ = compiled.load_bundled()
    assert set(ladders) == {lad.id for lad in TitleMap.default().ladders()} and rules and sources


def test_compiled_ladders_are_read_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from titlemap import compiled

    read: list[tuple[str, ...]] = []
    real = compiled._package_file

    def counting(package: str, base: str, *parts: str) -> bytes:
        if parts[0] == compiled.BUNDLE_DIR:  # not the compiling code, hashed into the digest
            read.append(parts)
        return real(package, base, *parts)

    compiled.load_bundled()  # compiled and current, whatever ran before
    monkeypatch.setattr(compiled, "_package_file", counting)
    ladders, *_ = compiled.load_bundled()
    assert read == [(compiled.BUNDLE_DIR, compiled.INDEX_NAME)]
    assert "us" in ladders and "microsoft" in ladders and "atlantis" not in ladders
    assert ladders["us"].id == "us" and ladders["us"] is ladders["us"]
    assert read[1:] == [(compiled.BUNDLE_DIR, "us.json")]
    with pytest.raises(KeyError):
        ladders["atlantis"]


def test_bundled_yaml_reads_the_same_through_importlib_resources() -> None:
    # the fallback for a package that is not a folder on disk (a zip import)
    from titlemap import compiled

    disk = compiled.bundled_yaml()
    via_resources = [
        (f"<bundled>/{folder}/{name}", raw)
        for folder in compiled.BUNDLE_FOLDERS
        for name, raw in compiled._yaml_in_resources("", folder)
    ]
    assert disk and via_resources == disk


def test_pickled_compiled_ladders_carry_their_data(monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    from titlemap import compiled

    compiled.load_bundled()
    ladders, *_ = compiled.load_bundled()
    assert isinstance(ladders, compiled.LazyLadders)
    blob = pickle.dumps(ladders)
    gb = ladders["gb"]

    def unreadable(*parts: str) -> bytes:
        raise AssertionError(f"read {parts} after unpickling")

    monkeypatch.setattr(compiled, "_package_file", unreadable)
    again = pickle.loads(blob)
    assert set(again) == set(ladders) and again["gb"] == gb


# -- every fact backed by a source that says it (the data-truth checks) ------------------------

BUNDLED_FILES = [(name, yaml.safe_load(raw)) for name, raw in bundled_yaml()]


@pytest.mark.parametrize(("name", "data"), BUNDLED_FILES, ids=[n for n, _ in BUNDLED_FILES])
def test_every_file_keeps_the_data_policy(name: str, data: dict[str, Any]) -> None:
    """Sources graded, noted, cited and not banned; every fact cites one; codes say their sources
    (titlemap.policy, which `titlemap validate` applies too)."""
    problems = data_problems(name, data)
    assert not problems, "\n".join(map(str, problems))


def test_the_policy_catches_what_it_promises() -> None:
    data = {
        "kind": "company",
        "sources": [
            {"id": "a", "title": "t", "url": "https://sirjohnnymai.com/x"},
            {"id": "b", "title": "t", "url": "https://example.com", "grade": "B", "note": "n"},
        ],
        "rungs": [{"id": "l6", "level": 5, "codes": ["L6"], "sources": ["b"]}, {"id": "x", "level": 2}],
        "promotions": [{"from": "l6", "to": ["x"]}],
    }
    text = "\n".join(map(str, data_problems("f.yaml", data)))
    for expected in (
        "no grade",
        "no note",
        "never cited",
        "not a source",
        "no level_sources",
        "cites no source",
    ):
        assert expected in text, expected


def test_a_url_has_one_title_across_files() -> None:
    titles: dict[str, set[str]] = {}
    for _, data in BUNDLED_FILES:
        for s in data["sources"]:
            titles.setdefault(s["url"], set()).add(s["title"])
    clashes = {url: sorted(t) for url, t in titles.items() if len(t) > 1}
    assert not clashes, clashes


def test_every_example_reads_as_its_data_says() -> None:
    assert example_problems(TitleMap.default()) == []
