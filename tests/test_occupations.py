"""The occupation codes file: every canonical rung and every refused look-alike family has its codes,
and the answers carry them (a title's rung, a company rung through its canonical rung, a refusal's
family)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import titlemap
from titlemap import TitleMap
from titlemap.canonical import CANONICAL_RUNGS
from titlemap.compiled import bundled_yaml
from titlemap.records import Occupation
from titlemap.vocabulary import BRAND_FAMILY, LOOKALIKE_FAMILIES

FILE = "classifications/occupations.yaml"
FAMILIES = {family for family, _, _ in LOOKALIKE_FAMILIES} | {BRAND_FAMILY}


def _data() -> dict[str, Any]:
    texts = {name.removeprefix("<bundled>/"): text for name, text in bundled_yaml()}
    data = yaml.safe_load(texts[FILE])
    assert isinstance(data, dict)
    return data


DATA = _data()
RUNGS: dict[str, Any] = DATA["rungs"]
FAMILY_CODES: dict[str, Any] = DATA["families"]


def _codes(entry: dict[str, Any]) -> Occupation:
    return Occupation.from_dict(entry)


def test_every_canonical_rung_has_codes() -> None:
    assert set(CANONICAL_RUNGS) - set(RUNGS) == set()
    assert set(RUNGS) <= set(CANONICAL_RUNGS)


def test_every_refused_family_has_codes() -> None:
    assert set(FAMILY_CODES) == FAMILIES


@pytest.mark.parametrize("rung_id", sorted(CANONICAL_RUNGS))
def test_a_canonical_rung_reads_with_its_codes(rung_id: str) -> None:
    tm = TitleMap.default()
    rung = CANONICAL_RUNGS[rung_id]
    m = tm.normalize(rung.title, family=rung.family)
    assert m is not None
    canonical = tm.ladder(m.market if rung.family == "product" else "engineering").canonical_id(m.rung)
    assert m.occupation == _codes(RUNGS[canonical or m.rung.id])


def test_senior_product_manager_is_an_ict_product_manager() -> None:
    m = titlemap.normalize("Senior Product Manager")
    assert m is not None and m.occupation is not None
    assert m.occupation.isco08 == "1330"
    assert (
        m.occupation.esco_uri == "http://data.europa.eu/esco/occupation/a79170ad-0b7b-4697-864f-1748359aa10a"
    )
    assert m.occupation.esco_label == "ICT product manager"
    assert (m.occupation.onet_soc, m.occupation.uk_soc2020) == ("11-2021.00", "2132")
    assert m.occupation.note and "2519" in m.occupation.note and "1223" in m.occupation.note


def test_directors_and_up_are_it_directors_in_uk_soc() -> None:
    for title in ("Director of Product", "VP of Product", "Chief Product Officer"):
        m = titlemap.normalize(title)
        assert m is not None and m.occupation is not None, title
        assert (m.occupation.isco08, m.occupation.uk_soc2020) == ("1330", "1137"), title


def test_a_project_manager_is_refused_with_the_project_family_codes() -> None:
    reason = titlemap.reason("Project Manager")
    assert reason is not None and reason.family == "project or program management"
    assert reason.occupation == _codes(FAMILY_CODES["project or program management"])
    assert reason.occupation is not None
    assert (reason.occupation.isco08, reason.occupation.onet_soc, reason.occupation.uk_soc2020) == (
        "1219",
        "13-1082.00",
        "2440",
    )


def test_a_pharma_product_manager_is_refused_with_the_brand_codes() -> None:
    reason = titlemap.reason("Product Manager - Oncology")
    assert reason is not None and reason.family == BRAND_FAMILY
    assert reason.occupation == _codes(FAMILY_CODES[BRAND_FAMILY])
    assert reason.occupation is not None and reason.occupation.isco08 == "2431"


def test_a_company_rung_carries_its_canonical_rungs_codes() -> None:
    tm = TitleMap.default()
    m = tm.normalize("Product Manager (IC6)", employer="Meta")
    assert m is not None and m.company is not None
    canonical = tm.ladder(m.company).canonical_id(m.rung)
    assert canonical in CANONICAL_RUNGS
    assert m.occupation == _codes(RUNGS[canonical])
    assert m.occupation is not None and m.occupation.isco08 == "1330"


def test_no_classification_reading_without_its_source_and_one_label_per_uri() -> None:
    """A code cites the file it was read from, and an ESCO URI always has the same label."""
    needs = {
        "esco_uri": {"esco-v11"},
        "onet_soc": {"onet-27"},
        "uk_soc2020": {"ons-index-v12"},
        "nco2015": {"dge-nco", "nco-extract"},
    }
    labels: dict[str, set[str]] = {}
    onet_titles: dict[str, set[str]] = {}
    for name, entry in {**RUNGS, **FAMILY_CODES}.items():
        for field, sources in needs.items():
            if entry.get(field):
                assert sources & set(entry["sources"]), (name, field)
        if entry.get("esco_uri"):
            labels.setdefault(entry["esco_uri"], set()).add(entry["esco_label"])
        if entry.get("onet_soc"):
            onet_titles.setdefault(entry["onet_soc"], set()).add(entry["onet_title"])
        assert entry.get("note"), name
    assert all(len(v) == 1 for v in labels.values()), labels
    assert all(len(v) == 1 for v in onet_titles.values()), onet_titles


def test_a_rung_no_classification_names_says_so() -> None:
    for rung_id in ("product-owner", "chief-product-officer", "product-management-intern"):
        assert RUNGS[rung_id]["note"].startswith("Not in any classification read"), rung_id
        assert "by analogy" in RUNGS[rung_id]["note"], rung_id
