"""The lexicon's regex builders (rashomon/lexicon/__init__.py)."""

from __future__ import annotations

import re

import pytest

from rashomon.lexicon import stem_alternation


@pytest.mark.parametrize(("stems", "text", "found"), [
    (["disput*"], "she disputed it", "disputed"),  # a trailing * takes any ending
    (["disput*"], "the dispute", "dispute"),
    (["replied"], "he replies", None),  # no * : the word as written
    (["pushed back"], "pushed   back hard", "pushed   back"),  # inner spaces: any run of blanks
    (["a.b"], "axb", None),  # entries are escaped
])
def test_stem_alternation(stems: list[str], text: str, found: str | None) -> None:
    m = re.search(rf"\b{stem_alternation(stems)}\b", text)
    assert (m.group(0) if m else None) == found
