"""Generate the reference sections of the docs from the code, so they cannot drift from it.

Two generated blocks live between marker comments in the Markdown files:

* ``docs/ladder-files.md``, block ``yaml-reference``: every key of a ladder file and of a
  crosswalk file, rendered from :func:`titlemap.schema.json_schema` (itself generated from the
  pydantic models that validate the files);
* ``docs/concepts.md``, block ``spine-table``: the level spine, rendered from
  :data:`titlemap.spine.SPINE`.

Usage::

    python tools/gen_yaml_reference.py           # rewrite the generated blocks in place
    python tools/gen_yaml_reference.py --check   # exit 1 when a block is stale (what CI runs)
    python tools/gen_yaml_reference.py --print   # print the YAML reference to stdout

``tests/test_docs.py`` regenerates both blocks and fails when the committed text differs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# (document, block name) -> renderer name
BLOCKS: dict[tuple[str, str], str] = {
    ("ladder-files.md", "yaml-reference"): "render_yaml_reference",
    ("concepts.md", "spine-table"): "render_spine_table",
    ("sources.md", "sources-table"): "render_sources_table",
    ("markets.md", "market-sections"): "render_market_sections",
    ("companies.md", "level-tables"): "render_level_tables",
}

# The order and headings of the reference: (definition, heading, intro)
_SECTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "LadderFile",
        "Ladder file (top level)",
        "A ladder file describes one market's title convention, a job family, or a company ladder "
        "that `extends:` another ladder.",
    ),
    (
        "CompanyInfo",
        "`company` - who a company ladder describes",
        "Only in a file with `kind: company`; its names are how titles name the company "
        '("Group PM @ Swiggy"), and its sector and stage place the company\'s titles.',
    ),
    ("Source", "`sources[]` - a source", "Every fact in a file cites a source declared here, by id."),
    (
        "Rung",
        "`rungs[]` - a rung",
        "One title of the ladder. In a file with `extends:`, a rung whose `id` exists in the parent "
        "needs only `id` plus the keys it overrides; a new id needs every required key.",
    ),
    (
        "LevelRange",
        "`stage_levels` / `sector_levels` values - a level with a range",
        "A value of `stage_levels` or `sector_levels` is a level (`early: 6`) or a level with the "
        "range practice allows around it (`early: {level: 6, range: [5, 7]}`).",
    ),
    (
        "Ambiguity",
        "`ambiguous[]` - a title whose reading varies",
        'A title that different employers use for different rungs ("Manager, Product Management": '
        "a first people manager at some companies, an individual PM at others). It is read as the "
        "first rung of `readings`, with the others as alternatives and a wider level range.",
    ),
    (
        "Landing",
        "`landing[]` - the title a market gives at a level",
        "The title a market commonly gives a person at a spine level on a track. A title mapped "
        "into the market with no crosswalk rule lands there, unless its own rung is in the market "
        "at that level and is not listed in `instead_of` (rungs kept to read titles written so, "
        "which the market rarely gives). A file with `extends:` overrides its parent's by level "
        "and track; a company ladder has none.",
    ),
    (
        "Promotion",
        "`promotions[]` - a promotion edge",
        "From one rung to the rung(s) one promotion above it; several targets where tracks fork.",
    ),
    (
        "Lateral",
        "`laterals[]` - a lateral move",
        "A move between two rungs of the same ladder, in both directions.",
    ),
    (
        "CrosswalkFile",
        "Crosswalk file (top level)",
        "A crosswalk file holds cross-market rules between loaded ladders. It is recognised by "
        "`kind: crosswalk`.",
    ),
    (
        "Rule",
        "`rules[]` - a crosswalk rule",
        "The rung `from` (in one market) maps to the rung `to` (in another) when every condition of "
        "`when` holds for the person's profile.",
    ),
    (
        "Condition",
        "`rules[].when` - conditions",
        "Every key is optional; a rule applies only when all the keys given hold. A condition on a "
        "profile field the caller left unknown does not hold.",
    ),
    (
        "OccupationsFile",
        "Occupations file (top level)",
        "`ladders/classifications/occupations.yaml` (`kind: occupations`) gives each canonical rung and "
        "each look-alike family titlemap refuses its codes in the standard occupation classifications, "
        "each citing the official classification page.",
    ),
    (
        "Occupation",
        "`rungs` / `families` values - a role's occupation codes",
        "ISCO-08 is required; the others where the classification has the role.",
    ),
    (
        "LanguageFile",
        "Language file (top level)",
        "A language file (`ladders/languages/<id>.yaml`, recognised by `kind: language`) says what a "
        "language's title words stand for, in the English words titlemap reads titles in. Each "
        "table lists, per English reading, the local words (phrases, word pieces) that read as it. "
        "A language's `words` are read in every market; a market names the languages it speaks "
        "(`language`, `languages`), whose `market_words` are read in it too.",
    ),
)


# Meanings for keys whose model field has no description (the schema's own description wins).
_NOTES: dict[tuple[str, str], str] = {
    ("LadderFile", "schema_version"): "Version of the file format; only 1 exists.",
    ("LadderFile", "id"): (
        'The ladder\'s id, used in code (`market="in"`) and in crosswalk references '
        "(`in:product-manager`). A file whose id equals a loaded ladder's replaces it."
    ),
    ("LadderFile", "name"): "Human-readable name.",
    ("LadderFile", "family"): (
        "`product` for a market's product-management ladder; `engineering` for the "
        "ladder used to read people's engineering title history."
    ),
    ("LadderFile", "description"): "Which convention the ladder describes, and where sources disagree.",
    ("LadderFile", "sources"): "Every source the file cites (an extending file also inherits its parent's).",
    ("LadderFile", "promotions"): "Promotion edges; an extending file adds to its parent's.",
    ("LadderFile", "laterals"): "Lateral moves; an extending file adds to its parent's.",
    ("Source", "id"): "How rungs, edges and rules cite the source.",
    ("Source", "title"): "Title of the page or document.",
    ("Source", "publisher"): "Who published it (and, for weak evidence, say so).",
    ("Rung", "id"): (
        "Stable id; rungs with the same id in two ladders are the same role (the mapping "
        "fallback relies on it)."
    ),
    ("Rung", "track"): (
        "`ic` (individual contributor), `manager` or `executive`; `level` and `track` "
        "together must be a position on the level spine."
    ),
    ("CompanyInfo", "names"): "How the company is written in job titles (Amazon, AWS, Amazon Web Services).",
    (
        "CompanyInfo",
        "sector",
    ): "The company's sector (tech, banking, ...), used when no employer sector is given.",
    (
        "CompanyInfo",
        "stage",
    ): "The company's stage (early, growth, enterprise), used when no employer stage is given.",
    ("LevelRange", "level"): "The level of the reading.",
    ("Promotion", "from"): "Rung id.",
    ("Promotion", "to"): "Rung ids one promotion above `from`.",
    ("Promotion", "source"): "Source id.",
    ("Promotion", "rationale"): "Why, when it is not obvious.",
    ("Lateral", "between"): "Two rung ids.",
    ("Lateral", "rationale"): "Why people make this move.",
    ("Lateral", "source"): "Source id.",
    ("OccupationsFile", "schema_version"): "Version of the file format; only 1 exists.",
    ("OccupationsFile", "kind"): "Marks the file as the occupation codes.",
    ("OccupationsFile", "id"): "Id of the file (`occupations`).",
    ("OccupationsFile", "description"): "What the file holds.",
    ("OccupationsFile", "sources"): "The classification pages the codes come from (graded, noted).",
    ("LanguageFile", "schema_version"): "Version of the file format; only 1 exists.",
    ("LanguageFile", "kind"): "Marks the file as a language file.",
    ("LanguageFile", "description"): "How titles are written in the language, in a few sentences.",
    ("LanguageFile", "sources"): "Where the non-obvious readings come from (graded, as in ladder files).",
    ("CrosswalkFile", "schema_version"): "Version of the file format; only 1 exists.",
    ("CrosswalkFile", "kind"): "Marks the file as a crosswalk.",
    ("CrosswalkFile", "id"): "Id of the crosswalk (e.g. `in-us`).",
    ("CrosswalkFile", "description"): "What the rules encode.",
    ("CrosswalkFile", "sources"): "Every source the rules cite.",
    ("CrosswalkFile", "rules"): "The rules; a rule whose id is already loaded replaces that rule.",
    ("Rule", "id"): "Unique rule id, named in mapping explanations.",
    ("Rule", "when"): "Conditions on the person's profile; without it the rule always applies.",
    ("Rule", "confidence"): (
        "How sure the rule is; a mapping's confidence is this times the normalization's."
    ),
    ("Rule", "rationale"): "Why, in a sentence; quoted in mapping explanations.",
    ("Rule", "source"): "Id of a source declared in this file.",
    ("Condition", "background"): "The person's background is one of these.",
    ("Condition", "min_years"): "The person has at least this many years of experience.",
    ("Condition", "max_years"): "The person has at most this many years of experience.",
    ("Condition", "manages_people"): "The person has direct reports (`true`) or has none (`false`).",
    ("Condition", "company_stage"): "The person's (source) company is at one of these stages.",
}

# Value shapes that recur, by the regular expression the schema gives them.
_NAMED: dict[str, tuple[str, str]] = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": (
        "slug",
        "lowercase letters and digits in words joined by `-`, e.g. `senior-product-manager`",
    ),
    r"^[a-z][a-z0-9-]{1,31}$": (
        "market id",
        "2-32 characters: a lowercase letter, then lowercase letters, digits or `-`, e.g. `in`, `acme`",
    ),
    r"^[a-z][a-z0-9-]{1,31}:[a-z0-9]+(?:-[a-z0-9]+)*$": (
        "rung reference",
        "`market-id:rung-id`, e.g. `in:product-manager`",
    ),
    r"^[A-Z]{2}$": ("country code", "ISO 3166-1 alpha-2, upper case, e.g. `IN`"),
}


def _esc(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ")
    )


def _anchor(heading: str) -> str:
    """GitHub's heading anchor for a heading."""
    text = heading.lower().replace("`", "")
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _links() -> dict[str, str]:
    return {name: f"[{name}](#{_anchor(heading)})" for name, heading, _ in _SECTIONS}


def _type(schema: dict[str, Any], links: dict[str, str]) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return links.get(name, name)
    if "const" in schema:
        return f"`{schema['const']!r}`".replace("'", '"')
    if "anyOf" in schema:
        parts = [p for p in schema["anyOf"] if p.get("type") != "null"]
        nullable = len(parts) < len(schema["anyOf"])
        text = " or ".join(_type(p, links) for p in parts)
        return text + (" or `null`" if nullable else "")
    if "enum" in schema:
        return "one of " + ", ".join(f"`{v}`" for v in schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        if "prefixItems" in schema:
            n = len(schema["prefixItems"])
            return f"list of exactly {n} × " + _type(schema["prefixItems"][0], links)
        inner = schema.get("items", {})
        if "anyOf" in inner and any("$ref" in p for p in inner["anyOf"]):
            ref = next(p for p in inner["anyOf"] if "$ref" in p)
            partial = [p for p in inner["anyOf"] if "$ref" not in p]
            text = "list of " + _type(ref, links)
            if partial and partial[0].get("required"):
                req = ", ".join(f"`{r}`" for r in partial[0]["required"])
                text += f" (or, overriding a parent rung, only {req} and the keys it changes)"
            return text
        return "list of " + _type(inner, links)
    if kind == "string":
        named = _NAMED.get(schema.get("pattern", ""))
        if named is not None:
            return named[0]
        text = "string"
        if "pattern" in schema:
            text += f" matching `{schema['pattern']}`"
        limits = []
        if schema.get("minLength", 0) > 1:
            limits.append(f"at least {schema['minLength']} characters")
        if "maxLength" in schema:
            limits.append(f"at most {schema['maxLength']} characters")
        if schema.get("minLength") == 1:
            limits.insert(0, "non-empty")
        return text + (f" ({', '.join(limits)})" if limits else "")
    if kind in ("integer", "number"):
        text = "integer" if kind == "integer" else "number"
        lo = schema.get("minimum")
        lo_x = schema.get("exclusiveMinimum")
        hi = schema.get("maximum")
        if lo_x is not None and hi is not None:
            return f"{text}, {lo_x:g} < x ≤ {hi:g}"
        if lo is not None and hi is not None:
            return f"{text} from {lo:g} to {hi:g}"
        if lo is not None:
            return f"{text} ≥ {lo:g}"
        return text
    if kind == "boolean":
        return "boolean"
    if kind == "object":
        return "mapping"
    return f"`{kind}`" if kind else "any"


def _default(schema: dict[str, Any], required: bool) -> str:
    if required:
        return "**required**"
    if "default" not in schema:
        return "optional"
    value = schema["default"]
    if value is None:
        return "`null`"
    if value == []:
        return "`[]`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def render_yaml_reference() -> str:
    """The Markdown reference of every key of ladder and crosswalk files."""
    from titlemap.schema import json_schema

    schema = json_schema()
    defs = schema["$defs"]
    links = _links()
    out: list[str] = [
        "Value types used below:",
        "",
        "| Type | Meaning | Regular expression |",
        "| --- | --- | --- |",
    ]
    for pattern, (label, meaning) in _NAMED.items():
        out.append(f"| {label} | {_esc(meaning)} | `{_esc(pattern)}` |")
    out += [
        "",
        "Strings are stripped of surrounding whitespace. Keys not listed are errors, not ignored: "
        "a typo such as `alias:` for `aliases:` is reported with its file, place and line.",
        "",
    ]
    for name, heading, intro in _SECTIONS:
        d = defs[name]
        out += [f"### {heading}", "", intro, ""]
        if d.get("description"):
            out += [f"*{_esc(d['description'])}*", ""]
        out += ["| Key | Type | Default | Meaning |", "| --- | --- | --- | --- |"]
        required = set(d.get("required", ()))
        for key, prop in d["properties"].items():
            desc = prop.get("description") or _NOTES.get((name, key), "")
            out.append(
                f"| `{key}` | {_esc(_type(prop, links))} | {_default(prop, key in required)} | {_esc(desc)} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_spine_table() -> str:
    """The level spine as a Markdown table, row for row :data:`titlemap.spine.SPINE`."""
    from titlemap.spine import SPINE

    rows = ["| Number | Track | Code | Name | Scope | People |", "| ---: | --- | --- | --- | --- | --- |"]
    for s in SPINE:
        rows.append(
            f"| {s.number} | {s.track} | {s.code} | {_esc(s.name)} | {_esc(s.scope)} | {_esc(s.people)} |"
        )
    return "\n".join(rows) + "\n"


def render_sources_table() -> str:
    """Every source of the bundled ladder and crosswalk files, file by file, with its grade and
    what cites it, read from the YAML itself."""
    import yaml

    from titlemap.compiled import bundled_yaml

    grades: dict[str, int] = {"A": 0, "B": 0, "C": 0}
    sections: list[str] = []
    for name, raw in bundled_yaml():
        data = yaml.safe_load(raw)
        path = "ladders/" + name.removeprefix("<bundled>/")
        cited: dict[str, list[str]] = {}
        if data.get("kind") == "occupations":  # codes by canonical rung id and by family
            for table in ("rungs", "families"):
                for name, codes in data.get(table, {}).items():
                    for sid in codes.get("sources", ()):
                        cited.setdefault(sid, []).append(name)
        elif data.get("kind") == "language":
            for src in data.get("sources", ()):
                cited.setdefault(src["id"], []).append(f"language {data['id']}")
        for rung in data.get("rungs", ()) if isinstance(data.get("rungs"), list) else ():
            for sid in rung.get("sources", ()):
                cited.setdefault(sid, []).append(rung["id"])
        for kind in ("promotions", "laterals"):
            for edge in data.get(kind, ()):
                cited.setdefault(edge["source"], []).append(kind[:-1])
        for rule in data.get("rules", ()):
            cited.setdefault(rule["source"], []).append(f"rule {rule['id']}")
        if data.get("subdivisions_source"):
            cited.setdefault(data["subdivisions_source"], []).append("subdivisions")
        rows = [
            f"### `{path}`",
            "",
            "| Id | Source | Publisher | Grade | What it supports | Cited by |",
            "| --- | --- | --- | :---: | --- | --- |",
        ]
        for src in data["sources"]:
            grades[src["grade"]] = grades.get(src["grade"], 0) + 1
            uses = sorted(set(cited.get(src["id"], [])), key=lambda u: (u.startswith("rule"), u))
            publisher = _esc(src.get("publisher") or "")
            note = _esc(" ".join(str(src.get("note", "")).split()))
            rows.append(
                f"| `{src['id']}` | [{_esc(src['title'])}]({src['url']}) | {publisher} "
                f"| {src['grade']} | {note} | {', '.join(uses)} |"
            )
        sections.append("\n".join(rows))
    total = sum(grades.values())
    head = (
        f"{total} source entries in {len(sections)} files: {grades['A']} graded A, {grades['B']} B, "
        f"{grades['C']} C.\n\n"
    )
    return head + "\n\n".join(sections) + "\n"


def render_market_sections() -> str:
    """One section per bundled market: what its file says differs, and the sources it rests on."""
    import yaml

    import titlemap
    from titlemap.compiled import bundled_yaml

    files = {
        name.removeprefix("<bundled>/markets/").removesuffix(".yaml"): yaml.safe_load(raw)
        for name, raw in bundled_yaml()
        if name.startswith("<bundled>/markets/")
    }
    out: list[str] = []
    for market in titlemap.markets():
        data, lad = files[market], titlemap.ladder(market)
        out.append(f"## `{market}`: {_esc(lad.name)}\n")
        facts = [f"extends `{lad.extends}`" if lad.extends else "a full ladder (extends nothing)"]
        if lad.countries:
            facts.append("countries " + ", ".join(lad.countries))
        if lad.language:
            facts.append(f"language `{lad.language}`")
        if lad.not_product_abbreviations:
            facts.append("not product management: " + ", ".join(lad.not_product_abbreviations))
        out.append("- " + "; ".join(facts) + ".")
        places = [*lad.country_names, *lad.cities]
        if places:
            out.append("- Looked up by: " + ", ".join(_esc(p) for p in places) + ".")
        out.append("")
        out.append(" ".join(str(data["description"]).split()) + "\n")
        changed = data.get("rungs", ())
        if changed and lad.extends:
            out.append("| Rung | What this market changes |")
            out.append("| --- | --- |")
            for rung in changed:
                runtime = lad.rung(rung["id"])
                bits = []
                if rung.get("local_title"):
                    bits.append(f"local title *{_esc(rung['local_title'])}*")
                if rung.get("aliases"):
                    bits.append("also read from " + ", ".join(f"*{_esc(a)}*" for a in rung["aliases"]))
                for field in ("level", "manages_people", "stage_levels", "sector_levels"):
                    if field in rung:
                        bits.append(f"`{field}`: {_esc(json.dumps(rung[field]))}")
                if rung.get("note"):
                    bits.append(_esc(" ".join(str(rung["note"]).split())))
                title = lad.canonical_title(runtime)
                out.append(f"| {_esc(title)} (`{rung['id']}`) | {'; '.join(bits)} |")
            out.append("")
        grades = ", ".join(f"`{s['id']}` ({s['grade']})" for s in data["sources"])
        out.append(f"Sources ({len(data['sources'])}; details in [sources.md](sources.md)): {grades}.\n")
    return "\n".join(out)


def render_level_tables() -> str:
    """The cross-company level table (:func:`titlemap.levels`), in the groups of
    :func:`titlemap.level_table.groups`: one Markdown table per group."""
    import titlemap
    from titlemap.level_table import groups

    tm = titlemap.TitleMap.default()
    table = titlemap.levels()
    out: list[str] = []
    for heading, ids in groups(tm):
        out.append(f"### {heading}\n")
        out.append(table.select(*ids).markdown())
    return "\n".join(out)


def _pattern(block: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- BEGIN GENERATED: {re.escape(block)} [^\n]*-->\n)(.*?)"
        rf"(<!-- END GENERATED: {re.escape(block)} -->)",
        re.S,
    )


def current_block(text: str, block: str) -> str | None:
    """The text between the markers of ``block`` in a document, or None without markers."""
    m = _pattern(block).search(text)
    return m.group(2) if m else None


def replace_block(text: str, block: str, content: str) -> str:
    """The document with the generated ``block`` replaced by ``content``."""
    pat = _pattern(block)
    if not pat.search(text):
        raise ValueError(f"no markers for generated block {block!r}")
    return pat.sub(lambda m: m.group(1) + content + m.group(3), text, count=1)


def render(block_renderer: str) -> str:
    return globals()[block_renderer]()  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a generated block is stale")
    parser.add_argument("--print", action="store_true", help="print the YAML reference and exit")
    args = parser.parse_args(argv)
    if args.print:
        sys.stdout.write(render_yaml_reference())
        return 0
    stale = []
    for (doc, block), renderer in BLOCKS.items():
        path = DOCS / doc
        text = path.read_text(encoding="utf-8")
        new = replace_block(text, block, render(renderer))
        if new != text:
            stale.append(f"{path.relative_to(ROOT)} [{block}]")
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if stale:
        verb = "stale" if args.check else "updated"
        print(f"{verb}: " + ", ".join(stale))
        if args.check:
            print("run: python tools/gen_yaml_reference.py")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
