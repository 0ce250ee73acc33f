"""The contradiction scorer (extract/event/contradiction.py) on sentence pairs we wrote."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest

from rashomon.extract.event.contradiction import (
    FEATURES,
    ContradictionScorer,
    contradiction_reasons,
    contradiction_scores,
    contradiction_threshold,
)
from rashomon.nlp.encoders import get_encoder

pytestmark = pytest.mark.model

# (claim, a statement contradicting it, a statement compatible with it)
TRIPLES = [
    ("Police said 12 people were killed in the blast.",
     "Police said 31 people were killed in the blast.",
     "Twelve people died in the explosion, according to the police."),
    ("The minister confirmed that the talks had collapsed.",
     "The minister denied that the talks had collapsed.",
     "The talks have collapsed, the minister said on Monday."),
    ("The company said the factory will stay open.",
     "The company said the factory will close next month.",
     "The factory will remain open, a company spokeswoman said."),
    ("The suspect was arrested at the border on Sunday.",
     "The suspect has not been arrested and is still at large.",
     "Border guards detained the suspect on Sunday."),
    ("Officials said the fire was started deliberately.",
     "Officials said the fire was an accident, not arson.",
     "Investigators believe the fire was set on purpose, officials said."),
    ("The senator voted for the bill.",
     "The senator voted against the bill.",
     "The bill passed with the senator's support."),
    ("The mayor resigned on Tuesday.",
     "Reports that the mayor resigned are false, his office said.",
     "The mayor stepped down on Tuesday, his office confirmed."),
    ("Полиция сообщила, что пострадавших нет.",
     "Полиция сообщила, что пострадали 15 человек.",
     "По данным полиции, никто не пострадал."),
]
CONTRADICTING = [(c, x) for c, x, _ in TRIPLES]
COMPATIBLE = [(c, y) for c, _, y in TRIPLES]
UNRELATED = [
    ("Police said 12 people were killed in the blast.",
     "The central bank left interest rates unchanged."),
    ("The minister confirmed that the talks had collapsed.",
     "Heavy snow closed schools across the region."),
    ("The senator voted for the bill.", "The festival drew a record crowd this year."),
    ("The suspect was arrested at the border on Sunday.",
     "Shares in the carmaker rose after strong sales."),
    ("Полиция сообщила, что пострадавших нет.", "Курс рубля вырос на открытии торгов."),
]


def _scores(pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
    out = contradiction_scores(pairs)
    assert out.shape == (len(pairs),) and out.dtype == np.float32
    assert np.all((out >= 0) & (out <= 1))
    return out


def test_contradicting_pairs_rank_above_compatible_and_unrelated_ones() -> None:
    pos = _scores(CONTRADICTING)
    neg = _scores(COMPATIBLE + UNRELATED)
    # ranking over the whole table: share of (contradicting, other) pairs ordered right
    auc = float(np.mean(pos[:, None] > neg[None, :]))
    assert auc >= 0.75, (pos, neg)
    # at the shipped threshold (chosen on FNC-1 bodies, not on this table)
    assert float(np.mean(pos >= contradiction_threshold())) >= 0.5, pos
    assert float(np.mean(neg < contradiction_threshold())) >= 0.75, neg


@pytest.mark.parametrize(("claim", "contra", "compat"), TRIPLES)
def test_each_claim_scores_higher_against_its_contradiction(claim: str, contra: str,
                                                            compat: str) -> None:
    s_contra, s_compat = _scores([(claim, contra), (claim, compat)])
    assert s_contra > s_compat


def test_order_inside_a_pair_does_not_matter() -> None:
    pairs = CONTRADICTING + COMPATIBLE
    np.testing.assert_allclose(_scores(pairs), _scores([(b, a) for a, b in pairs]), atol=1e-5)


def test_batch_and_single_calls_agree() -> None:
    pairs = CONTRADICTING[:3] + UNRELATED[:2]
    batch = _scores(pairs)
    single = np.array([_scores([p])[0] for p in pairs])
    np.testing.assert_allclose(batch, single, atol=1e-5)


@pytest.mark.parametrize("pair", [("", "The mayor resigned."), ("   ", "..."), ("?!", "")])
def test_a_side_without_words_scores_zero(pair: tuple[str, str]) -> None:
    assert _scores([pair])[0] == 0.0


def test_empty_batch() -> None:
    assert _scores([]).shape == (0,)


def test_a_long_text_is_read_through_its_sentence_nearest_the_claim() -> None:
    body = ("Heavy rain fell overnight across the region. Roads near the river were closed. "
            "Contrary to earlier reports, the dam did not fail, the water authority said. "
            "Residents were asked to stay indoors.")
    claim = "The dam failed."
    (r,) = contradiction_reasons([(claim, body)])
    assert r.span_b is not None
    assert body[r.span_b.start:r.span_b.end].startswith("Contrary to earlier reports")
    assert any(c.startswith(("refutation", "negation")) for c in r.cues)
    assert r.score == pytest.approx(float(_scores([(claim, body)])[0]), abs=1e-6)


@pytest.mark.parametrize(("pair", "cue"), [
    (("Police said 12 people died.", "Police said 31 people died."), "numbers differ: 12 / 31"),
    (("The minister confirmed the report.", "The minister denied the report."),
     "opposites: confirm / deny"),
    (("The border is open.", "The border is not open."), "negation on one side: not"),
    (("The claim is a hoax.", "The claim is true."), "refutation: hoax"),
])
def test_reasons_name_the_cue_that_fired(pair: tuple[str, str], cue: str) -> None:
    (r,) = contradiction_reasons([pair])
    assert cue in r.cues, r.cues


class _CountingEncoder:
    """The real encoder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        self.inner = get_encoder("use.v3")
        self.name, self.dim = self.inner.name, self.inner.dim
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.texts += len(texts)
        return self.inner.encode(texts)


def test_embeddings_are_cached_per_sentence() -> None:
    enc = _CountingEncoder()
    scorer = ContradictionScorer.load(encoder=enc)
    claim = "The senator voted for the bill."
    others = [b for _, b in CONTRADICTING[:4]]
    scorer.scores([(claim, o) for o in others])
    assert enc.texts == 5  # the claim once, each other sentence once
    scorer.scores([(o, claim) for o in others] + [(others[0], others[1])])
    assert enc.texts == 5


def test_weights_record_their_data_and_command() -> None:
    meta = ContradictionScorer.load().meta
    assert meta["features"] == list(FEATURES)
    assert meta["command"].startswith("python scripts/train_contradiction.py")
    assert {"train_bodies.csv", "train_stances_40k.csv", "snli.jsonl"} <= set(meta["sha256"])
    assert 0.0 < meta["threshold"] < 1.0
    assert len(meta["split"]["validation_body_ids"]) > 100
