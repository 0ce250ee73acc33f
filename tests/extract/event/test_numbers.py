"""Tests for number reconciliation (extract/event/numbers.py) and number disputes
(extract/event/disputes/figures.py)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from rashomon.extract.event.disputes import find_disputes
from rashomon.extract.event.numbers import reconcile, refine_slot, value_sides
from rashomon.model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    Entity,
    EventDoc,
    Hedge,
    MetaField,
    Quantity,
    Sentence,
    Span,
    content_id,
)

# --------------------------------------------------------------------------------------------
# Hand-built events (invented sentences)


def _qty(text: str, surface: str, slot: str, value: float, low: float | None,
         high: float | None, qualifier: str | None = None) -> Quantity:
    start = text.index(surface)
    aid = Article.make_id(text)
    return Quantity(id=content_id(aid, "q", str(start)), article_id=aid,
                    span=Span(start, start + len(surface)), text=surface, slot=slot,
                    value=value, low=low, high=high, qualifier=qualifier)


def _doc(text: str, outlet: str, published: str | None, *quantities: Quantity) -> ArticleDoc:
    article = Article(id=Article.make_id(text), source=f"{outlet}.txt", text=text)
    meta = ArticleMeta(outlet=MetaField(value=outlet, origin="declared"),
                       published=MetaField(value=published, origin="declared")
                       if published else None)
    return ArticleDoc(article=article, meta=meta, quantities=quantities,
                      layers=frozenset({"quantities"}))


def _event(*docs: ArticleDoc, entities: tuple[Entity, ...] = ()) -> EventDoc:
    return EventDoc(id="e", name="test", docs=docs, entities=entities)


T1 = "At least 37 people were killed and 80 injured in the Varnholm ferry fire."
T2 = "Officials said 39 people died; 80 were hurt."
T3 = "Volunteers say over 200 people were injured, far more than reported."


def _toll_event() -> EventDoc:
    return _event(
        _doc(T1, "Northern Ledger", "2031-04-02",
             _qty(T1, "At least 37 people", "killed", 37, 37, None, "at least"),
             _qty(T1, "80", "injured", 80, 80, 80)),
        _doc(T2, "Coastal Times", "2031-04-02",
             _qty(T2, "39 people", "killed", 39, 39, 39),
             _qty(T2, "80", "injured", 80, 80, 80)),
        _doc(T3, "Harbour Voice", "2031-04-02",
             _qty(T3, "over 200 people", "injured", 200, 200, None, "over")),
    )


def test_reconcile_compatible_and_conflict() -> None:
    slots = {s.slot: s for s in reconcile(_toll_event())}
    assert slots["killed"].verdict == "compatible"  # at least 37 and 39 can both be true
    assert slots["injured"].verdict == "conflict"  # 80 vs over 200 cannot
    ev = _toll_event()
    texts = sorted(ev.doc(v.article_id).text[v.span.start:v.span.end]
                   for v in slots["killed"].values)
    assert texts == ["39 people", "At least 37 people"]
    assert {v.outlet for v in slots["injured"].values} == {
        "Northern Ledger", "Coastal Times", "Harbour Voice"}
    assert {v.published for v in slots["killed"].values} == {"2031-04-02"}


def test_reconcile_explained_by_time_and_single() -> None:
    a = "The toll stood at 12 on Monday."
    b = "The toll rose to 15 by Tuesday evening."
    c = "Rescuers counted 4 boats."
    ev = _event(
        _doc(a, "Ledger", "2031-05-01", _qty(a, "12", "killed", 12, 12, 12)),
        _doc(b, "Times", "2031-05-02", _qty(b, "15", "killed", 15, 15, 15)),
        _doc(c, "Voice", "2031-05-02", _qty(c, "4 boats", "boats", 4, 4, 4)),
    )
    slots = {s.slot: s for s in reconcile(ev)}
    assert slots["killed"].verdict == "explained-by-time"
    assert slots["boats"].verdict == "single"
    # Reversed dates: the later report is lower, so time cannot explain it.
    ev2 = _event(
        _doc(a, "Ledger", "2031-05-03", _qty(a, "12", "killed", 12, 12, 12)),
        _doc(b, "Times", "2031-05-02", _qty(b, "15", "killed", 15, 15, 15)),
    )
    assert reconcile(ev2)[0].verdict == "conflict"


def test_missing_count_may_fall_with_time_and_is_no_dispute() -> None:
    a = "Rescuers said 19 people were missing on Tuesday."
    b = "By Thursday, 17 people were still missing."
    ev = _event(
        _doc(a, "Ledger", "2031-05-01", _qty(a, "19 people", "missing", 19, 19, 19)),
        _doc(b, "Times", "2031-05-03", _qty(b, "17 people", "missing", 17, 17, 17)),
    )
    slot = reconcile(ev)[0]
    assert (slot.slot, slot.verdict) == ("missing", "explained-by-time")
    assert "fall" in slot.explanation
    assert find_disputes(ev, numbers=[slot]) == []


def test_value_sides_keep_qualified_same_number_together() -> None:
    a = "At least 41 people died."
    b = "The toll is 41."
    c = "Nearly 41 died, and others said over 41."
    ev = _event(
        _doc(a, "A", None, _qty(a, "At least 41 people", "killed", 41, 41, None, "at least")),
        _doc(b, "B", None, _qty(b, "41", "killed", 41, 41, 41)),
        _doc(c, "C", None, _qty(c, "Nearly 41", "killed", 41, 36.9, 41, "nearly")),
    )
    sides = value_sides(reconcile(ev)[0])
    surfaces = sorted(sorted(ev.doc(v.article_id).text[v.span.start:v.span.end] for v in s)
                      for s in sides)
    assert surfaces == [["41", "At least 41 people"], ["Nearly 41"]]


@pytest.mark.parametrize(("text", "surface", "slot"), [
    ("Hospitals have treated over 300 people since the blast.", "over 300 people", "injured"),
    ("The official count now stands at 43 after divers searched the river.", "43", "people"),
    ("The death toll now stands at 43.", "43", "killed"),
    ("Seventeen people are still missing.", "Seventeen people", "missing"),
    # "injured" belongs to "182", not to "four men".
    ("137 were killed and 182 injured when four men opened fire.", "four men", "people"),
    # A part of a group counted elsewhere is not a rival killed figure.
    ("The flood killed 40 people, including 12 children, officials said.", "12 children",
     "people"),
    ("The flood killed 40 people, including 12 children, officials said.", "40 people",
     "killed"),
])
def test_refine_slot(text: str, surface: str, slot: str) -> None:
    start = text.index(surface)
    others = [(m.start(), m.end()) for m in re.finditer(r"\b\d+\b", text)]
    assert refine_slot(text, start, start + len(surface), "people", others=others) == slot




def test_number_dispute_sides_cite_the_figures() -> None:
    ev = _toll_event()
    disputes = find_disputes(ev, numbers=reconcile(ev))
    injured = next(d for d in disputes if d.question == "How many people were injured?")
    assert injured.kind == "number"
    got = {s.position: sorted(ev.doc(e.article_id).text[e.span.start:e.span.end]
                              for e in s.evidence) for s in injured.sides}
    assert got == {"80": ["80", "80"], "over 200": ["over 200 people"]}
    assert not any(d.question == "How many people were killed?" for d in disputes)


def test_outlet_stance_asserts_reports_silent() -> None:
    ev = _toll_event()
    voice = ev.docs[2]
    start = voice.text.index("say")
    hedged = replace(voice, sentences=(Sentence(article_id=voice.id,
                                                span=Span(0, len(voice.text))),),
                     hedges=(Hedge(article_id=voice.id, span=Span(start, start + 3),
                                   kind="reported"),))
    quiet = _doc("The ferry company declined to comment.", "Quiet Post", None)
    ev = _event(ev.docs[0], ev.docs[1], hedged, quiet)
    injured = next(d for d in find_disputes(ev, numbers=reconcile(ev))
                   if d.question == "How many people were injured?")
    assert dict(injured.outlet_stances) == {
        "Northern Ledger": "asserts",  # its own voice, unhedged
        "Coastal Times": "asserts",
        "Harbour Voice": "reports",  # "Volunteers say": only passed on
        "Quiet Post": "silent",
    }


def test_an_outlet_never_disputes_itself() -> None:
    # "six arrests Wednesday, compared to 47 the previous night": two counts, not rivals.
    a = "Police said there were 6 arrests Wednesday, compared to 47 the previous night."
    b = "The police made 47 arrests overnight."
    ev = _event(
        _doc(a, "Ledger", "2031-05-02", _qty(a, "6", "arrested", 6, 6, 6),
             _qty(a, "47", "arrested", 47, 47, 47)),
        _doc(b, "Times", "2031-05-02", _qty(b, "47", "arrested", 47, 47, 47)),
    )
    slots = reconcile(ev)
    assert slots[0].verdict == "conflict"
    assert find_disputes(ev, numbers=slots) == []


@pytest.mark.parametrize(("a", "fa", "b", "fb", "slot", "want"), [
    # The same thing counted differently by two outlets is a dispute, whatever it counts.
    ("The indictment runs to 47 pages of the indictment text.", "47",
     "Prosecutors filed 48 pages of the indictment text.", "48", "pages",
     "How many pages of the indictment?"),
    # Different things that share a noun are not ("two states filed" / "23 states have").
    ("The two states filed a lawsuit.", "two", "He said 23 states have enacted such laws.", "23",
     "states", None),
])
def test_any_counted_thing_two_outlets_count_differently(
        a: str, fa: str, b: str, fb: str, slot: str, want: str | None) -> None:
    va = 2.0 if fa == "two" else float(fa)
    vb = float(fb)
    ev = _event(_doc(a, "Ledger", "2031-05-02", _qty(a, fa, slot, va, va, va)),
                _doc(b, "Times", "2031-05-02", _qty(b, fb, slot, vb, vb, vb)))
    got = [d.question for d in find_disputes(ev, numbers=reconcile(ev)) if d.kind == "number"]
    assert got == ([want] if want else [])
