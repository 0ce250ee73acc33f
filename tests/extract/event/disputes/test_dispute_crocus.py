"""The real event (five reports of the Crocus City Hall attack) through the whole default
pipeline: its disputes come from the general mechanism, with real holders and evidence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.model import Dispute, EventDoc, Evidence


@pytest.fixture(scope="module")
def crocus(crocus_dir: Path) -> EventDoc:
    from rashomon.api import build_event

    return build_event([crocus_dir])


def _text(event: EventDoc, ev: Evidence) -> str:
    return event.doc(ev.article_id).text[ev.span.start:ev.span.end]


def _find(event: EventDoc, pattern: str) -> Dispute:
    for d in event.disputes:
        if re.search(pattern, d.question, re.I):
            return d
    raise AssertionError(f"no dispute matches {pattern!r}: {[d.question for d in event.disputes]}")


@pytest.mark.model
def test_crocus_warning_and_involvement_disputes(crocus: EventDoc) -> None:
    # The US says it warned Russia; Moscow rejects the warnings as too general.
    warning = _find(crocus, r"United States warned Russia")
    us = next(s for s in warning.sides if "United States" in s.holders)
    moscow = next(s for s in warning.sides if "Vladimir Putin" in s.holders)
    assert us is not moscow
    # Spokespeople and heads are shown with the body they speak for.
    assert {"Moscow", "Sergei Narishkin (Foreign Intelligence Service)",
            "Dmitry Peskov (Kremlin)"} <= set(moscow.holders)
    assert not {"Vladimir Putin", "Moscow"} & set(us.holders)
    assert any("too general" in _text(crocus, e) for e in moscow.evidence)
    ukraine = _find(crocus, r"involvement")
    denial = next(s for s in ukraine.sides if "Ukraine" in s.holders)
    assert any("allegations of involvement" in _text(crocus, e)
               for e in denial.evidence)


@pytest.mark.model
def test_crocus_figures(crocus: EventDoc) -> None:
    killed = {s.position for s in _find(crocus, r"killed").sides}
    assert {"at least 137", "139"} <= killed
    injured = {s.position for s in _find(crocus, r"injured").sides}
    assert {"182", "over 500"} <= injured
    slots = {s.slot: s for s in crocus.numbers}
    assert slots["injured"].verdict == "conflict"


@pytest.mark.model
def test_crocus_sides_have_holders_outlets_and_evidence(crocus: EventDoc) -> None:
    outlets = {crocus.outlet_of(d.id) for d in crocus.docs}
    assert crocus.disputes
    for d in crocus.disputes:
        assert len(d.sides) >= 2
        assert {o for o, _ in d.outlet_stances} == outlets
        assert {s for _, s in d.outlet_stances} <= {"asserts", "reports", "silent"}
        for side in d.sides:
            assert side.evidence and side.outlets
            assert {crocus.outlet_of(e.article_id) for e in side.evidence} == set(side.outlets)
            for ev in side.evidence:
                assert _text(crocus, ev).strip()
        if d.kind != "number":
            assert all(s.holders for s in d.sides), d.question
