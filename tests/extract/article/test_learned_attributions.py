"""The learned cue tagger and filter: what they add to and take from the rules' attributions."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from rashomon.extract.article.attributions import find_attributions
from rashomon.extract.article.attributions.learned import (
    DEFAULT_MODEL,
    CueTagger,
    default_tagger,
)

pytestmark = pytest.mark.model


def _triples(nlp: Any, text: str, **kw: Any) -> list[tuple[str | None, str | None, str]]:
    doc = nlp(text)
    return [
        (
            f.cue.of(text) if f.cue else None,
            f.speaker.of(text) if f.speaker else None,
            f.content.of(text),
        )
        for f in find_attributions(doc, **kw)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Stances and pushes no cue word list covers: the tagger adds them.
        (
            "Her opposition to the pipeline is well known.",
            ("opposition to", "Her", "the pipeline"),
        ),
        (
            "The union is pushing for higher wages at the plant.",
            ("is pushing for", "The union", "higher wages"),
        ),
        (
            "The judge ruled that the law was unconstitutional.",
            ("ruled", "The judge", "that the law was unconstitutional"),
        ),
        # A cue verb of the lexicon with a noun phrase for its content: a view, not an action.
        (
            "The latest survey indicates a tightening race.",
            ("indicates", "The latest survey", "a tightening race"),
        ),
        (
            "Democrats want policies that raise more revenue.",
            ("want", "Democrats", "policies that raise more revenue"),
        ),
    ],
)
def test_tagger_adds_what_the_rules_miss(nlp: Any, text: str, expected: tuple[str, ...]) -> None:
    assert _triples(nlp, text, learned=False) == []
    assert _triples(nlp, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The minister delivered a speech in the capital.",  # the speech is not what was said
        "The mayor was asked about the closure of the school.",  # content = the source
        "Democrats are focused on the economy this fall.",  # content = the source
    ],
)
def test_filter_drops_unlikely_rule_attributions(nlp: Any, text: str) -> None:
    assert _triples(nlp, text, learned=False) != []
    assert _triples(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The rules' attributions stand, and nothing is added beside them.
        ("She said the plan was dead.", [("said", "She", "the plan was dead")]),
        (
            "The mayor promises to cut property taxes next year.",
            [("promises", "The mayor", "to cut property taxes next year")],
        ),
        (
            "Critics have questioned the cost of the program.",
            [("have questioned", "Critics", "the cost of the program")],
        ),
        # No stance, no report: nothing from either.
        ("The river flooded the town on Monday.", []),
        ("He drove the car to the store after lunch.", []),
        # An action with a bare object is not added: its claim would shrink to the object.
        ("Prosecutors opened a criminal case over the fire.", []),
    ],
)
def test_rules_stand_and_plain_events_stay_empty(
    nlp: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert _triples(nlp, text) == expected


def test_filter_keeps_quotations(nlp: Any) -> None:
    # A filter that rejects everything still keeps quoted words: only indirect reports go.
    reject_all = CueTagger(
        cue={"bias": -30.0}, content={}, keep={"bias": -30.0}, keep_threshold=0.5
    )
    text = '"We will rebuild," the mayor said. The governor said the bridge was safe.'
    kept = _triples(nlp, text, tagger=reject_all)
    assert kept == [("said", "the mayor", '"We will rebuild,"')]


def test_a_tagger_that_finds_nothing_leaves_the_rules_alone(nlp: Any) -> None:
    silent = CueTagger(cue={"bias": -30.0}, content={})
    text = "Her opposition to the pipeline is well known. She said it was unsafe."
    assert _triples(nlp, text, tagger=silent) == [("said", "She", "it was unsafe")]


def test_shipped_weights_record_their_training() -> None:
    raw = resources.files("rashomon.data").joinpath(DEFAULT_MODEL).read_bytes()
    assert len(raw) < 2_000_000
    meta = json.loads(raw)["meta"]
    assert len(meta["data_sha256"]) == 64
    assert meta["command"].startswith("python scripts/train_attribution_cues.py")
    assert "train" in meta["data"]
    tagger = default_tagger()
    assert tagger is not None
    assert 0 < tagger.threshold < 1 and 0 <= tagger.keep_threshold < 1
    assert tagger == CueTagger.from_json(raw.decode("utf-8"))
