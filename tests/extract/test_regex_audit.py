"""Every regular expression of the extractors and readers, searched through generated inputs
that make badly written patterns slow (long runs of one letter, of spaces, of capitalised
words, of digits and commas...): none may take time growing with the square of the input.

A pattern that backtracks from every start position takes seconds on 30,000 characters where a
linear one takes milliseconds; the bound below sits between the two by orders of magnitude,
so it holds on a loaded machine and fails on the shape of the pattern, not on its speed.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import rashomon.extract
import rashomon.ingest

SRC = Path(rashomon.extract.__file__).resolve().parents[1]
N = 30_000
BOUND_S = 1.0  # a linear pattern takes ~0.01-0.05 s here; a quadratic one seconds to minutes

INPUTS: dict[str, Callable[[int], str]] = {
    "letter run": lambda n: "A" * n,
    "lowercase run": lambda n: "a" * n,
    "mixed-case run": lambda n: "Ab" * (n // 2),
    "capitalised words": lambda n: "Ab " * (n // 3),
    "repeated The": lambda n: "The " * (n // 4),
    "spaces": lambda n: "x" + " " * n + "x",
    "newlines": lambda n: "x" + "\n" * n + "x",
    "digits": lambda n: "1" * n,
    "digits and commas": lambda n: "1," * (n // 2),
    "numbers": lambda n: "1 " * (n // 2),
    "dots": lambda n: "." * n,
    "dashes": lambda n: "-" * n,
    "curly quotes": lambda n: "\u201c" * n,
    "said": lambda n: "said " * (n // 5),
}

# Patterns only ever used anchored at one position (``match``/``fullmatch`` from a given
# offset): one call reads ahead once, so searching them from every position would measure a
# use they never have. The test below checks in the source that this stays true.
ANCHORED = {
    "rashomon.extract.article.attributions.surface._DASH_CREDIT",
    "rashomon.extract.article.entities._HEAD_AFTER_RE",
    "rashomon.extract.article.dated_events._VERBISH",
    "rashomon.extract.article.dated_events._APPOSITION",
    "rashomon.extract.event.disputes.responses._VEHICLE",
    "rashomon.extract.event.disputes.holders._LIST_GLUE",
    "rashomon.extract.event.disputes.questions._PARTICIPLE",
    "rashomon.extract.event.disputes.questions._EXTRAPOSED",
}


def _modules() -> Iterator[object]:
    for pkg in (rashomon.extract, rashomon.ingest):
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            yield importlib.import_module(info.name)


def _patterns() -> dict[str, re.Pattern[str] | re.Pattern[bytes]]:
    """Module-level patterns, alone or in tuples, lists and dicts (one level down)."""
    found: dict[str, re.Pattern[str] | re.Pattern[bytes]] = {}
    seen: set[int] = set()

    def add(name: str, value: object, depth: int) -> None:
        if isinstance(value, re.Pattern):
            if id(value) not in seen:
                seen.add(id(value))
                found[name] = value
        elif depth < 2 and isinstance(value, tuple | list):
            for i, item in enumerate(value):
                add(f"{name}[{i}]", item, depth + 1)
        elif depth < 2 and isinstance(value, dict):
            for key, item in value.items():
                add(f"{name}[{key!r}]", item, depth + 1)

    for module in _modules():
        for key, value in vars(module).items():
            add(f"{module.__name__}.{key}", value, 0)  # type: ignore[attr-defined]
    return found


PATTERNS = _patterns()


def test_the_audit_sees_the_patterns() -> None:
    assert len(PATTERNS) > 150
    assert any(".article.metadata." in name for name in PATTERNS)
    assert any(".article.relays." in name for name in PATTERNS)
    assert set(PATTERNS) >= ANCHORED


@pytest.mark.parametrize("name", sorted(set(PATTERNS) - ANCHORED))
def test_pattern_is_linear_on_generated_inputs(name: str) -> None:
    pattern = PATTERNS[name]
    slow = {}
    for kind, make in INPUTS.items():
        text = make(N)
        subject: str | bytes = text.encode("utf-8") if isinstance(pattern.pattern, bytes) \
            else text
        start = time.perf_counter()
        for _ in pattern.finditer(subject):  # type: ignore[arg-type]
            pass
        took = time.perf_counter() - start
        if took > BOUND_S:
            slow[kind] = round(took, 2)
    assert slow == {}, f"{name} is slow on {slow} ({N:,} characters)"


@pytest.mark.parametrize("name", sorted(ANCHORED))
def test_anchored_patterns_are_only_used_anchored(name: str) -> None:
    module, attr = name.rsplit(".", 1)
    source = (SRC / Path(*module.split(".")[1:])).with_suffix(".py").read_text(encoding="utf-8")
    uses = re.findall(rf"\b{re.escape(attr)}\.(\w+)\(", source)
    assert uses, name
    assert set(uses) <= {"match", "fullmatch"}, (name, uses)
