"""Loading ladder files: every validation error names the file, the place and the line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from titlemap import LadderError, TitleMap

GOOD = (Path(__file__).parent / "fixtures" / "tiny.yaml").read_text()


def write(tmp_path: Path, text: str, name: str = "ladder.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def load_error(tmp_path: Path, text: str) -> LadderError:
    path = write(tmp_path, text)
    with pytest.raises(LadderError) as err:
        TitleMap.from_paths([path], include_bundled=False)
    assert str(path) in str(err.value)
    return err.value


def test_good_fixture_loads(tmp_path: Path) -> None:
    tm = TitleMap.from_paths([write(tmp_path, GOOD)], include_bundled=False)
    assert tm.markets() == ["xx"]


@pytest.mark.parametrize(
    ("old", "new", "place", "words"),
    [
        ("level: 8", "level: 13", "rungs[1].level", "less than or equal"),
        ("level: 8", "level: 3", "rungs[1].level", "spine"),
        ("track: manager", "track: boss", "rungs[1].track", "ic"),
        ("    scope: Runs product.\n", "", "rungs[1].scope", "missing"),
        ("title: Head of Product", "titel: Head of Product", "rungs[1].titel", "unknown key 'titel'"),
        ("title: Head of Product", "title: NO", "rungs[1].title", "quote it"),
        ("to: [head-of-product]", "to: [ceo]", "promotions[0].to[0]", "unknown rung id"),
        (
            "sources: [t]\n  - id: head",
            "sources: [nope]\n  - id: head",
            "rungs[0].sources[0]",
            "unknown source",
        ),
        ("id: head-of-product", "id: product-manager", "rungs[1].id", "duplicate rung id"),
        (
            "    sources: [t]\npromotions",
            "    aliases: [PM]\n    sources: [t]\npromotions",
            "rungs[1].aliases[0]",
            "claimed by",
        ),
        ('url: "https://example.com/t"', 'url: "ftp://x"', "sources[0].url", "http"),
        ("id: xx", "id: XX", "id", "pattern"),
    ],
)
def test_validation_errors_name_place_and_line(
    tmp_path: Path, old: str, new: str, place: str, words: str
) -> None:
    assert old in GOOD
    err = load_error(tmp_path, GOOD.replace(old, new, 1))
    assert err.place == place, str(err)
    assert words in str(err)
    assert err.line is not None and err.line > 1


def test_promotion_cycle_is_named(tmp_path: Path) -> None:
    text = GOOD + "  - {from: head-of-product, to: [product-manager], source: t}\n"
    err = load_error(tmp_path, text)
    assert "cycle" in str(err) and "product-manager -> head-of-product -> product-manager" in str(err)


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    err = load_error(tmp_path, GOOD.replace("name: Tiny test market", "name: Tiny\nname: Again"))
    assert "duplicate key 'name'" in str(err) and err.line == 4


def test_unsafe_tags_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    err = load_error(
        tmp_path,
        GOOD.replace("name: Tiny test market", f"name: !!python/object/apply:os.system ['touch {marker}']"),
    )
    assert "not allowed" in str(err)
    assert not marker.exists()


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    err = load_error(tmp_path, "\n".join(lines) + "\n")
    assert "alias" in str(err)


def test_not_utf8_and_empty_and_list(tmp_path: Path) -> None:
    p = tmp_path / "latin.yaml"
    p.write_bytes(GOOD.replace("Tiny test market", "Caf\xe9").encode("latin-1"))
    with pytest.raises(LadderError, match="not UTF-8"):
        TitleMap.from_paths([p], include_bundled=False)
    assert "empty" in str(load_error(tmp_path, ""))
    assert "mapping" in str(load_error(tmp_path, "- a\n- b\n"))
    assert "invalid YAML" in str(load_error(tmp_path, "id: [unclosed\n"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LadderError, match="cannot read"):
        TitleMap.from_paths([tmp_path / "nope.yaml"])


def test_all_or_nothing(tmp_path: Path) -> None:
    good = write(tmp_path, GOOD, "good.yaml")
    bad = write(tmp_path, GOOD.replace("id: xx", "id: yy").replace("level: 8", "level: 99"), "bad.yaml")
    with pytest.raises(LadderError, match=r"bad\.yaml"):
        TitleMap.from_paths([good, bad])
    # the default registry is untouched
    assert "xx" not in TitleMap.default().markets() and "yy" not in TitleMap.default().markets()


def test_extends_unknown_and_crosswalk_errors(tmp_path: Path) -> None:
    ext = GOOD.replace("countries: [XX]", "extends: mars\ncountries: [XX]")
    assert "cannot extend unknown ladder 'mars'" in str(load_error(tmp_path, ext))
    cw = (Path(__file__).parent / "fixtures" / "tiny-crosswalk.yaml").read_text()
    path = write(tmp_path, cw.replace("us:senior-product-manager", "us:astronaut"), "cw.yaml")
    with pytest.raises(LadderError, match="no rung 'astronaut'"):
        TitleMap.from_paths([write(tmp_path, GOOD, "xx.yaml"), path])


def test_same_id_in_two_files(tmp_path: Path) -> None:
    a = write(tmp_path, GOOD, "a.yaml")
    b = write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(LadderError, match="already defined"):
        TitleMap.from_paths([a, b], include_bundled=False)


def test_a_user_file_may_replace_a_bundled_market(tmp_path: Path) -> None:
    text = GOOD.replace("id: xx", "id: us")
    tm = TitleMap.from_paths([write(tmp_path, text)])
    assert len(tm.ladder("us").rungs) == 2
    # rules pointing to rungs the replacement lacks are dropped, not left dangling
    for rule in tm.rules:
        for ref in (rule.from_, rule.to):
            market, rid = ref.split(":")
            assert tm.ladder(market).has_rung(rid)


def test_yaml_round_trip_of_bundled_ladder(tmp_path: Path) -> None:
    lad = TitleMap.default().ladder("in")
    doc = {
        "id": "rt",
        "name": lad.name,
        "description": lad.description,
        "sources": [s.to_dict() for s in lad.sources],
        "rungs": [r.to_dict() for r in lad.rungs],
        "promotions": [{"from": a, "to": list(b), "source": "seed"} for a, b in lad.promotion_map.items()],
    }
    tm = TitleMap.from_paths(
        [write(tmp_path, yaml.safe_dump(doc, allow_unicode=True))], include_bundled=False
    )
    assert tm.ladder("rt").rungs == lad.rungs


def _ladder_with(tmp_path, rung: str) -> str:  # type: ignore[no-untyped-def]
    text = (
        "schema_version: 1\nid: zz\nname: Z\ndescription: D.\n"
        "sources:\n  - {id: s, title: T, url: 'https://example.com'}\n"
        "rungs:\n"
        "  - {id: product-manager, title: Product Manager, level: 2, track: ic, manages_people: false,"
        " scope: S., sources: [s]}\n"
        f"  - {rung}\n"
    )
    path = tmp_path / "zz.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("canonical", "message"),
    [
        ("no-such-rung", "unknown canonical rung 'no-such-rung'"),
        ("senior-pm", "cannot name itself"),
    ],
)
def test_canonical_must_name_a_known_rung(tmp_path, canonical: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = _ladder_with(
        tmp_path,
        f"{{id: senior-pm, canonical: {canonical}, title: Senior PM X, level: 3, track: ic,"
        " manages_people: false, scope: S., sources: [s]}",
    )
    with pytest.raises(LadderError, match=message) as info:
        TitleMap.from_paths([path], include_bundled=False)
    assert info.value.place == "rungs[1].canonical"
