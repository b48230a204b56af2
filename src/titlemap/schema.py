"""JSON Schema for ladder and crosswalk files, generated from the models.

The generated schema is also shipped as ``titlemap/ladder.schema.json`` so that editors
can check a ladder file as it is written (``# yaml-language-server: $schema=...``); a test keeps
the shipped file equal to :func:`json_schema`.
"""

from __future__ import annotations

import json
from typing import Any

from .models import CrosswalkFile, LadderFile, LanguageFile, OccupationsFile, RungSpec

__all__ = ["json_schema", "json_schema_text"]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a titlemap data file: a ladder, a crosswalk or a language."""
    ladder = LadderFile.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    crosswalk = CrosswalkFile.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    language = LanguageFile.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    occupations = OccupationsFile.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    rung = RungSpec.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    defs: dict[str, Any] = {}
    for part in (ladder, crosswalk, language, occupations, rung):
        defs.update(part.pop("$defs", {}))
    defs["Rung"] = rung
    defs["LadderFile"] = ladder
    defs["CrosswalkFile"] = crosswalk
    defs["LanguageFile"] = language
    defs["OccupationsFile"] = occupations
    # In a file without `extends:` each rung is a full Rung; an extending file may give only
    # `id` plus the fields it overrides.
    ladder["properties"]["rungs"]["items"] = {
        "anyOf": [
            {"$ref": "#/$defs/Rung"},
            {
                "type": "object",
                "required": ["id"],
                "properties": rung["properties"],
                "additionalProperties": False,
            },
        ],
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/titlemap/titlemap/ladder.schema.json",
        "title": "titlemap ladder, crosswalk, language or occupations file",
        "oneOf": [
            {"$ref": "#/$defs/LadderFile"},
            {"$ref": "#/$defs/CrosswalkFile"},
            {"$ref": "#/$defs/LanguageFile"},
            {"$ref": "#/$defs/OccupationsFile"},
        ],
        "$defs": defs,
    }
    # the specs are named for what a file writes: "RungSpec" is the schema's "Rung"
    text = json.dumps(schema).replace('Spec"', '"')
    renamed: dict[str, Any] = json.loads(text)
    return renamed


def json_schema_text() -> str:
    """The schema as indented JSON text, as shipped with the package."""
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
