"""analysis.json is described by the committed, versioned JSON Schema."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest

from rashomon.api import analyze
from rashomon.model import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / "schemas" / "analysis.schema.json"


def _schema() -> dict[str, object]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_committed_schema_is_what_the_script_writes() -> None:
    spec = importlib.util.spec_from_file_location("write_schema", REPO / "scripts/write_schema.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert SCHEMA_PATH.read_text(encoding="utf-8") == module.render()
    jsonschema.Draft202012Validator.check_schema(_schema())


def test_analysis_json_validates(tmp_path: Path, examples_dir: Path) -> None:
    result = analyze([examples_dir], tmp_path)
    data = json.loads(result.files["json"].read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    jsonschema.Draft202012Validator(_schema()).validate(data)
    assert data["articles"], "the bundled example must yield articles"
    for art in data["articles"]:
        for b in art["boilerplate"]:
            assert 0 <= b["start"] <= b["end"] <= len(art["text"])


def test_schema_rejects_a_broken_document() -> None:
    bad = {"schema_version": SCHEMA_VERSION, "articles": [{"id": "x"}], "errors": []}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(_schema()).validate(bad)
