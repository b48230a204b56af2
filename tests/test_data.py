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
    files = sorted(
        e.name for e in (resources.files("titlemap") / "ladders").iterdir() if e.name.endswith(".yaml")
    )
    ladder_files = sorted(f for f in files if not f.endswith(".crosswalk.yaml"))
    assert ladder_files == sorted(f"{lad.id}.yaml" for lad in TitleMap.default().ladders())
    assert "in-us.crosswalk.yaml" in files


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
    shipped = (resources.files("titlemap") / "schema" / "ladder.schema.json").read_text()
    assert shipped == json_schema_text(), (
        "run: python -c 'from titlemap.schema import *; ...' (see schema.py)"
    )
    schema = json_schema()
    assert {"LadderFile", "CrosswalkFile", "Rung"} <= set(schema["$defs"])
    json.dumps(schema)


def test_compiled_bundle_is_current_and_equal_to_the_yaml() -> None:
    from titlemap.compiled import COMPILED_NAME, compile_bundled, load_bundled
    from titlemap.loading import bundled_texts, load_texts

    shipped = (resources.files("titlemap") / "ladders" / COMPILED_NAME).read_text(encoding="utf-8")
    assert shipped == compile_bundled(), "the YAML changed: run `python -m titlemap.compiled`"
    ladders, rules = load_bundled()
    fresh = load_texts(bundled_texts())
    assert ladders == fresh.ladders and rules == fresh.rules
    assert all(isinstance(r.aliases, tuple) for lad in ladders.values() for r in lad.rungs)


def test_stale_compiled_bundle_falls_back_to_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    from titlemap import compiled

    monkeypatch.setattr(compiled, "_digest", lambda files: "stale")
    ladders, rules = compiled.load_bundled()
    assert set(ladders) == {"engineering", "in", "us"} and rules
