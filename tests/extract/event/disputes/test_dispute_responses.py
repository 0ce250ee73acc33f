"""Responses (extract/event/disputes/responses.py): answers and the claims they answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.extract.event.disputes.holders import HolderIndex
from rashomon.extract.event.disputes.propositions import build_propositions
from rashomon.extract.event.disputes.responses import Response, detect_responses
from rashomon.model import EventDoc

Analyse = Callable[..., EventDoc]

# One sentence per case: (text, words of the answering statement, kind, target holder,
# target words). Kind None: the statement answers no one.
CASES = [
    ("The Harbour Authority disputed claims by Senator Mara Holt that the levy was illegal.",
     "the levy was illegal", "cue", "Mara Holt", "the levy was illegal"),
    ("Pieter Dunn called the report in the Coastal Times an outrageous distortion.",
     "an outrageous distortion", "label", "Coastal Times", "the report in the Coastal Times"),
    ("Mayor Lena Ito said the lawsuit is without merit.", "without merit", "phrase", None, None),
    ("A union spokeswoman said its position has not changed.", "has not changed", "phrase",
     None, None),
    ("Ravi Sen said those are savings, not cuts.", "savings, not cuts", "recast", None, None),
    ("Councillor Bea Marsh denied that she had leaked the memo.", "she had leaked the memo",
     "cue", None, "she had leaked the memo"),
    ("Ms. Marsh questioned the report on the harbour accounts.", "the harbour accounts", "cue",
     None, None),
    # Not answers: an intention, a negated denial, an attack on a law, a plain statement.
    ("Governor Alma Reyes vowed to defend the harbour charter.", "harbour charter", None, None,
     None),
    ("The statement does not deny that the union is open to cuts.", "open to cuts", None,
     None, None),
    ("Ms. Marsh challenged the new parking law.", "parking law", None, None, None),
    ("Senator Mara Holt said the port will reopen on Friday.", "reopen", None, None, None),
]


@pytest.fixture(scope="module")
def found(analyse: Analyse) -> tuple[EventDoc, list[Response], list[str]]:
    event = analyse(("Northern Ledger", "\n\n".join(text for text, *_rest in CASES)))
    props = build_propositions(event, HolderIndex(event))
    texts = [p.text for p in props]
    return event, detect_responses(event, props, HolderIndex(event)), texts


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "kind", "holder", "target"), CASES)
def test_responses_and_what_they_name(
        found: tuple[EventDoc, list[Response], list[str]], text: str, words: str,
        kind: str | None, holder: str | None, target: str | None) -> None:
    event, responses, texts = found
    hits = [r for r in responses if words in texts[r.prop]]
    if kind is None:
        assert hits == [], [texts[r.prop] for r in hits]
        return
    assert hits, f"no response found in {text!r}"
    r = hits[0]
    assert r.kind == kind
    if target is None:
        return
    assert r.target is not None and r.target.text == target
    assert r.target.holder == holder
