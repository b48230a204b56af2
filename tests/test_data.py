"""The bundled data tests itself: examples, sources, registry, schema (phonenumbers/holidays style)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

import titlemap
from titlemap import TitleMap
from titlemap.schema import json_schema, json_schema_text
from titlemap.spine import SPINE, spine_level

EXAMPLES = [
    (lad.id, r.title, ex) for lad in TitleMap.default().ladders() for r in lad.rungs for ex in r.examples
]


@pytest.mark.parametrize(("market", "expected", "example"), EXAMPLES)
def test_every_rung_example_normalizes_to_its_rung(market: str, expected: str, example: str) -> None:
    lad = TitleMap.default().ladder(market)
    m = TitleMap.default().normalize(example, market, family=lad.family)
    assert m is not None and m.title == expected


def test_registry_both_ways() -> None:
    """Every bundled file is loaded under its own name and folder, and every ladder has a file."""
    from titlemap.compiled import bundled_yaml

    names = [name.removeprefix("<bundled>/") for name, _ in bundled_yaml()]
    ladder_files = sorted(n for n in names if not n.startswith("crosswalks/"))
    expected = {
        lad.id: ("families/" if lad.family != "product" else "markets/") + f"{lad.id}.yaml"
        for lad in TitleMap.default().ladders()
    }
    assert ladder_files == sorted(expected.values())
    assert "crosswalks/in-us.yaml" in names
    top = resources.files("titlemap.ladders")
    assert sorted(e.name for e in top.iterdir() if e.is_dir() and not e.name.startswith("_")) == sorted(
        ["markets", "companies", "families", "crosswalks"]
    )


def test_every_ladder_cites_sources_and_uses_them() -> None:
    for lad in TitleMap.default().ladders():
        assert lad.sources
        used = {s for r in lad.rungs for s in r.sources}
        assert used <= {s.id for s in lad.sources}
        for s in lad.sources:
            assert s.url.startswith(("https://", "http://", "seed:"))


def test_every_rule_has_rationale_and_known_source() -> None:
    tm = TitleMap.default()
    known = {s.id for lad in tm.ladders() for s in lad.sources}
    for rule in tm.rules:
        assert rule.rationale.strip() and rule.source in known


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
    assert shipped == json_schema_text(), "run: python tools/build_generated.py"
    schema = json_schema()
    assert {"LadderFile", "CrosswalkFile", "Rung"} <= set(schema["$defs"])
    json.dumps(schema)


def test_compiled_bundle_is_current_and_equal_to_the_yaml() -> None:
    from titlemap.compiled import COMPILED_NAME, bundled_yaml, compile_bundled, load_bundled
    from titlemap.loading import load_texts

    shipped = (resources.files("titlemap") / COMPILED_NAME).read_text(encoding="utf-8")
    assert shipped == compile_bundled(), "the YAML changed: run `python tools/build_generated.py`"
    ladders, rules, sources = load_bundled()
    fresh = load_texts(bundled_yaml())
    assert ladders == fresh.ladders and rules == fresh.rules and sources == fresh.sources
    assert all(isinstance(r.aliases, tuple) for lad in ladders.values() for r in lad.rungs)


def test_stale_compiled_bundle_falls_back_to_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    from titlemap import compiled

    monkeypatch.setattr(compiled, "_digest", lambda files: "stale")
    ladders, rules, sources = compiled.load_bundled()
    assert set(ladders) == {"engineering", "in", "us"} and rules and sources
