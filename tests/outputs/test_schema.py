"""analysis.json is described by the committed, versioned JSON Schema."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest

from rashomon.api import analyze
from rashomon.model import SCHEMA_VERSION
from rashomon.outputs.serialize import event_to_json
from sample_event import hostile_event, sample_event

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


def test_sources_quotes_profiles_and_date_conflicts_validate() -> None:
    data = event_to_json(sample_event())
    jsonschema.Draft202012Validator(_schema()).validate(data)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    (q,) = data["quote_integrity"]
    assert q["flags"] == ["words-changed"]
    assert [texts[v["article"]][v["start"] : v["end"]] for v in q["versions"]] == [
        "The crew did everything they could", "The crew did all they could"]
    shares = {p["key"]: p["shares"] for p in data["sourcing"] if p["scope"] == "outlet"}
    assert shares["Nordwire"]["anonymous"] > 0 and shares["Nordwire"]["named"] > 0
    groups = {g["label"]: g for g in data["claim_groups"]}
    engine = groups["The fire started in the engine room"]
    assert engine["sourcing_note"] == "2 outlets, 2 independent sources"
    assert {s["origin"] for s in engine["independent_sources"]} == {"The Harbour Times",
                                                                   "Nordwire"}
    assert data["coverage_origins"]["Nordwire"][engine["id"]] == "Nordwire"
    (c,) = data["timeline_conflicts"]
    assert [v["date"] for v in c["versions"]] == ["2031-05-12", "2031-05-14"]
    relay = next(r for a in data["articles"] for r in a["relays"])
    text = texts[next(a["id"] for a in data["articles"] if relay in a["relays"])]
    assert text[relay["cue_start"] : relay["cue_end"]] == "according to"


def test_framing_and_side_stances_validate_with_their_published_names() -> None:
    data = event_to_json(hostile_event())
    jsonschema.Draft202012Validator(_schema()).validate(data)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    uses = {(texts[f["article"]][f["start"] : f["end"]], f["authorial"]) for f in data["framing"]}
    assert {("fiasco", True), ("cover-up", False), ("regime", True), ("massacre", False)} <= uses
    assert set(data["framing"][0]) == {"article", "outlet", "word", "authorial", "start", "end"}
    stances = [side["stances"] for d in data["disputes"] for side in d["sides"]]
    assert {"Evil <script>alert(5)</script><img src=x onerror=alert(6)>": "asserts"} in stances
    assert {"The Harbour Times": "reports", "Nordwire": "reports"} in stances
    # A stance the schema does not know is refused.
    data["disputes"][0]["sides"][0]["stances"] = {"Nordwire": "silent"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(_schema()).validate(data)
