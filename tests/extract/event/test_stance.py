"""Stance features, the shipped FNC-1 classifier and its evaluation on held-out FNC-1 bodies."""

from __future__ import annotations

import csv
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.evaluation.stance import (
    evaluate_stance,
    fnc_score,
    format_stance_report,
    read_fnc_bodies,
    read_fnc_stances,
    score_predictions,
)
from rashomon.extract.event.stance import STANCE_LABELS, StanceClassifier, sentence_spans

# test_evaluate_on_held_out_bodies scores every 20th held-out body (17 bodies, 435 pairs):
# measured 84.5% of the maximum FNC-1 score there, 82.7% on all 8,756 held-out pairs.
HELD_OUT_STEP = 20
FLOOR_RELATIVE = 78.0


def _weights() -> dict[str, Any]:
    raw = resources.files("rashomon.data").joinpath("stance_fnc1.json").read_text("utf-8")
    doc: dict[str, Any] = json.loads(raw)
    return doc


# --------------------------------------------------------------------------------------------
# sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Navy said 2.5 million barrels leaked. Cleanup began on Friday!",
            ["The U.S. Navy said 2.5 million barrels leaked.", "Cleanup began on Friday!"],
        ),
        (
            'Mr. Okafor denied it.\nNo one was hurt. "It\'s fake," he said.',
            ["Mr. Okafor denied it.", "No one was hurt.", '"It\'s fake," he said.'],
        ),
        ("  headline without a stop  ", ["headline without a stop"]),
        ("...", []),
    ],
)
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in sentence_spans(text)] == expected


@given(st.text(alphabet=st.sampled_from('ab .!?\n"3,'), max_size=80))
def test_sentence_spans_in_bounds_ordered_and_trimmed(text: str) -> None:
    spans = sentence_spans(text)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip()
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


# --------------------------------------------------------------------------------------------
# metric and file reading


def test_fnc_score_weights() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated", "agree"]
    pred = ["agree", "discuss", "unrelated", "unrelated", "agree", "agree"]
    # 1.0 + 0.25 (related, wrong stance) + 0 + 0.25 + 0 + 1.0
    assert fnc_score(gold, pred) == (2.5, 4.5)
    report = score_predictions(gold, pred)
    assert report.relative == pytest.approx(100 * 2.5 / 4.5)
    assert report.confusion[STANCE_LABELS.index("disagree")][STANCE_LABELS.index("discuss")] == 1
    assert report.f1[STANCE_LABELS.index("agree")] == pytest.approx(0.8)
    text = format_stance_report(report)
    assert "55.56%" in text and "disagree" in text


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_reads_cp1252_and_utf8(tmp_path: Path) -> None:
    bodies = _write(
        tmp_path / "b.csv", [["Body ID", "articleBody"], ["7", "Caf\u00e9 \u2013 open"]]
    )
    stances = _write(
        tmp_path / "s.csv",
        [["Headline", "Body ID", "Stance"], ["Caf\u00e9 \u201creopens\u201d", "7", "Agree"]],
        encoding="cp1252",
    )
    assert read_fnc_bodies(bodies) == {"7": "Caf\u00e9 \u2013 open"}
    [ex] = read_fnc_stances(stances)
    assert (ex.headline, ex.body_id, ex.stance) == ("Caf\u00e9 \u201creopens\u201d", "7", "agree")


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ([["Headline", "Body", "Stance"], ["h", "1", "agree"]], "missing column.*'Body ID'"),
        ([["Headline", "Body ID", "Stance"], ["h", "1", "maybe"]], "row 2 has stance 'maybe'"),
        ([["Headline", "Body ID", "Stance"], ["h", "1"]], "row 2 has too few fields"),
    ],
)
def test_malformed_stances_name_file_and_reason(
    tmp_path: Path, rows: list[list[str]], reason: str
) -> None:
    path = _write(tmp_path / "stances.csv", rows)
    with pytest.raises(ValueError, match=f"stances.csv: .*{reason}"):
        read_fnc_stances(path)


def test_unknown_body_and_bad_bytes(tmp_path: Path) -> None:
    bodies = _write(tmp_path / "bodies.csv", [["Body ID", "articleBody"], ["1", "text"]])
    stances = _write(
        tmp_path / "stances.csv", [["Headline", "Body ID", "Stance"], ["h", "2", "unrelated"]]
    )
    with pytest.raises(ValueError, match="stances.csv: row 2 refers to Body ID '2'"):
        evaluate_stance(bodies, stances)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"Body ID,articleBody\n1,\x81\x8d\x90\n")
    with pytest.raises(ValueError, match="binary.csv: not UTF-8 or cp1252"):
        read_fnc_bodies(binary)
    with pytest.raises(ValueError, match="absent.csv: cannot read"):
        read_fnc_bodies(tmp_path / "absent.csv")


# --------------------------------------------------------------------------------------------
# shipped weights


def test_weights_carry_provenance() -> None:
    doc = _weights()
    meta = doc["metadata"]
    assert doc["labels"] == list(STANCE_LABELS)
    assert doc["encoder"] == meta["encoder"] == "use.v3"
    assert set(meta["sha256"]) == {"train_bodies.csv", "train_stances_40k.csv"}
    assert all(len(h) == 64 for h in meta["sha256"].values())
    assert meta["command"].startswith("python scripts/train_stance.py")
    assert meta["split"]["by"] == "Body ID" and meta["split"]["validation_body_ids"]
    assert 0 < meta["validation"]["fnc_relative_pct"] <= 100
    assert set(meta["validation"]["f1"]) == set(STANCE_LABELS)
    assert 0 < meta["validation_unseen_stories"]["fnc_relative_pct"] <= 100
    path = resources.files("rashomon.data").joinpath("stance_fnc1.json")
    assert len(path.read_bytes()) < 2_000_000


def test_training_data_hashes_match_shared_copy(shared_dir: Path) -> None:
    meta = _weights()["metadata"]
    for name, digest in meta["sha256"].items():
        data = (shared_dir / "data" / "fnc1-train" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest


def test_load_rejects_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "weights.json"
    bad.write_text('{"labels": []}', encoding="utf-8")
    with pytest.raises(ValueError, match="weights.json: not a stance weights file"):
        StanceClassifier.load(bad)


@pytest.fixture(scope="module")
def classifier() -> StanceClassifier:
    return StanceClassifier.load()


# Invented claim and texts: a clear debunk, a plain confirmation and an off-topic article.
CLAIM = "Giant python found living in the sewers of Bristol"
REFUTE = (
    "Bristol city council has denied reports that a giant python was living in its sewers. "
    "Officials said the story was a hoax and that the viral photo was fake. "
    "Water engineers who inspected the tunnels found no evidence of any snake."
)
CONFIRM = (
    "A giant python has been found living in the sewers of Bristol, the city council confirmed. "
    "Water engineers discovered the four-metre snake in a tunnel under the harbour on Monday. "
    "The python was captured and taken to a reptile sanctuary."
)
OFF_TOPIC = (
    "The finance ministry published its spending plans for next year on Thursday. "
    "Economists expect growth to slow as exports weaken and interest rates stay high."
)


@pytest.mark.model
@pytest.mark.parametrize(
    ("claim", "text"),
    [
        (CLAIM, REFUTE),
        ("Police say the mayor was arrested for fraud",
         "Police denied that the mayor had been arrested, calling the report false."),
    ],
)
def test_refutation_leans_disagree(classifier: StanceClassifier, claim: str, text: str) -> None:
    proba = classifier.predict_proba([(claim, text)])[0]
    p = dict(zip(classifier.labels, proba.tolist(), strict=True))
    assert p["disagree"] > p["agree"]
    assert p["unrelated"] < 0.5


@pytest.mark.model
@pytest.mark.parametrize(
    ("claim", "text"),
    [
        (CLAIM, CONFIRM),
        ("Police say the mayor was arrested for fraud",
         "Police said on Monday they had arrested the mayor on suspicion of fraud."),
    ],
)
def test_confirmation_leans_agree(classifier: StanceClassifier, claim: str, text: str) -> None:
    proba = classifier.predict_proba([(claim, text)])[0]
    p = dict(zip(classifier.labels, proba.tolist(), strict=True))
    assert p["agree"] > p["disagree"]
    assert p["unrelated"] < 0.5


@pytest.mark.model
def test_unrelated_pair(classifier: StanceClassifier) -> None:
    assert classifier.predict([(CLAIM, OFF_TOPIC)]) == ["unrelated"]


@pytest.mark.model
def test_explain_points_at_evidence_sentence(classifier: StanceClassifier) -> None:
    [pred] = classifier.explain([(CLAIM, CONFIRM)])
    assert CONFIRM[pred.evidence.start : pred.evidence.end] == (
        "A giant python has been found living in the sewers of Bristol, the city council confirmed."
    )
    assert pred.label in STANCE_LABELS
    assert sum(pred.proba.values()) == pytest.approx(1.0, abs=1e-5)
    assert classifier.predict([]) == [] and classifier.explain([]) == []


@pytest.mark.model
@settings(max_examples=25, deadline=None)
@given(claim=st.text(alphabet=st.sampled_from("Ab9 .!?'\n"), max_size=40),
       text=st.text(alphabet=st.sampled_from("Ab9 .!?'\n"), max_size=120))
def test_any_text_gives_finite_features_and_in_bounds_evidence(
        classifier: StanceClassifier, claim: str, text: str) -> None:
    x = classifier.featurizer.transform([(claim, text)])
    assert x.shape == (1, classifier.featurizer.dim) and bool(np.isfinite(x).all())
    [pred] = classifier.explain([(claim, text)])
    assert 0 <= pred.evidence.start <= pred.evidence.end <= len(text)
    assert sum(pred.proba.values()) == pytest.approx(1.0, abs=1e-5)


@pytest.mark.model
def test_evaluate_on_held_out_bodies(shared_dir: Path, tmp_path: Path) -> None:
    # Slice of the bodies the shipped weights never saw, written to tmp_path only.
    src = shared_dir / "data" / "fnc1-train"
    held_out = _weights()["metadata"]["split"]["validation_body_ids"][::HELD_OUT_STEP]
    bodies = read_fnc_bodies(src / "train_bodies.csv")
    examples = [
        ex for ex in read_fnc_stances(src / "train_stances_40k.csv") if ex.body_id in set(held_out)
    ]
    b_csv = _write(
        tmp_path / "bodies.csv", [["Body ID", "articleBody"], *([b, bodies[b]] for b in held_out)]
    )
    s_csv = _write(
        tmp_path / "stances.csv",
        [
            ["Headline", "Body ID", "Stance"],
            *([ex.headline, ex.body_id, ex.stance] for ex in examples),
        ],
        encoding="cp1252",
    )
    report = evaluate_stance(b_csv, s_csv)
    assert report.n == len(examples) >= 300
    assert report.relative >= FLOOR_RELATIVE, format_stance_report(report)
    assert report.f1[STANCE_LABELS.index("unrelated")] >= 0.95
