"""Notebook and text display of ladders, rungs, matches and mappings; graph exports."""

from __future__ import annotations

import titlemap


def test_reprs_are_readable() -> None:
    lad = titlemap.ladder("in")
    assert repr(lad) == f"<Ladder 'in' 'Indian product startups': {len(lad.rungs)} rungs>"
    assert str(lad).splitlines()[1].strip().startswith("L12")
    m = titlemap.normalize("Sr. PM - Payments (Bangalore)", "in")
    assert m is not None
    assert repr(m).startswith("Match('Senior Product Manager', market='in', level=3")
    assert "team='Payments'" in repr(m)
    mp = titlemap.map_title("Product Manager", "in", "us")
    assert mp is not None and "-> 'Product Manager' [us]" in repr(mp) and "alternatives=[" in repr(mp)
    assert (
        repr(lad.rungs[1])
        == "Rung('Associate Product Manager', id='associate-product-manager', level=1, track='ic')"
    )


def test_html_reprs_escape_and_show_fields() -> None:
    lad = titlemap.ladder("us")
    html = lad._repr_html_()
    assert html.count("<tr>") == len(lad.rungs) + 1 and "Chief Product Officer" in html
    rung_html = lad.rung("Head of Product")._repr_html_()
    assert "level 8" in rung_html and "manages people: yes" in rung_html
    m = titlemap.normalize("Product Manager <script>")
    assert m is not None and "&lt;script&gt;" in m._repr_html_()
    mp = titlemap.map_title("Product Owner", "us", "in")
    assert mp is not None and "<li>" in mp._repr_html_() and "&rarr;" in mp._repr_html_()


def test_to_dict_is_plain_data() -> None:
    m = titlemap.normalize("Group PM @ Swiggy", "in")
    assert m is not None
    d = m.to_dict()
    assert d["rung"] == "group-product-manager" and d["title"] == "Group Product Manager"
    mp = titlemap.map_title("Group PM", "in", "us")
    assert mp is not None and mp.to_dict()["source"]["rung"] == "group-product-manager"


def test_mermaid_and_dot_exports() -> None:
    lad = titlemap.ladder("us")
    mermaid = lad.to_mermaid()
    assert mermaid.startswith("flowchart BT") and "product_owner <-.-> product_manager" in mermaid
    assert mermaid.count("-->") == sum(len(v) for v in lad.promotion_map.values())
    dot = lad.to_dot()
    assert dot.startswith('digraph "us"') and '"product-manager" -> "senior-product-manager"' in dot
    assert dot.rstrip().endswith("}")
