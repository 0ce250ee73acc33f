"""Tests for number reconciliation, disputes, framing and the timeline (stages/disputes.py)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from rashomon.extract.event.disputes import (
    affiliations,
    canonical_holder,
    find_disputes,
    framing,
    opinion_author,
    side_stances,
)
from rashomon.extract.event.numbers import reconcile, refine_slot, value_sides
from rashomon.model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    Claim,
    ClaimGroup,
    Entity,
    EventDoc,
    Evidence,
    Hedge,
    Mention,
    MetaField,
    Quantity,
    Sentence,
    Span,
    content_id,
)
from rashomon.registry import registry

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


def test_canonical_holder_maps_alias_phrases() -> None:
    ent = Entity(id="x", name="Civil Protection Agency", label="ORG",
                 aliases=("CPA", "Civil Protection Agency"), mentions=())
    ev = _event(_doc(T1, "A", None), entities=(ent,))
    assert canonical_holder(ev, "the country's Civil Protection Agency") == (
        "Civil Protection Agency")
    assert canonical_holder(ev, "CPA") == "Civil Protection Agency"
    # A longer phrase says more than the name and stays as phrased.
    assert canonical_holder(ev, "unofficial figures compiled outside the CPA") == (
        "unofficial figures compiled outside the CPA")


def test_affiliations_from_stated_roles() -> None:
    ents = (
        Entity(id="p", name="Mara Vell", label="PERSON", aliases=("Vell",), mentions=(),
               roles=("Harrow Dredging's chief engineer",)),
        Entity(id="q", name="Ott Rask", label="PERSON", aliases=(), mentions=(),
               roles=("a retired engineer",)),
        Entity(id="o", name="Harrow Dredging Ltd", label="ORG",
               aliases=("Harrow Dredging", "HDL"), mentions=()),
    )
    assert affiliations(_event(_doc(T1, "A", None), entities=ents)) == {
        "Mara Vell": "Harrow Dredging Ltd"}


def test_axis_dispute_from_anonymous_holders_without_model() -> None:
    a = ("Experts said the warning was too general to act on. "
         "The ferry sank near the pier.")
    b = "Inspectors insisted the warning was specific and named the weak hull plate."
    ev = _event(_doc(a, "Ledger", None), _doc(b, "Times", None))
    disputes = find_disputes(ev, numbers=[])
    assert disputes, "no dispute found"
    d = disputes[0]
    assert "specific" in d.question and "warning" in d.question
    by_pos = {s.position: s for s in d.sides}
    general, specific = by_pos["too general / not specific"], by_pos["specific"]
    assert general.holders == ("Experts",)
    assert specific.holders == ("Inspectors",)
    for side, word in ((general, "too general"), (specific, "specific")):
        ev0 = side.evidence[0]
        assert word in ev.doc(ev0.article_id).text[ev0.span.start:ev0.span.end]
    assert dict(d.outlet_stances) == {"Ledger": "reports", "Times": "reports"}


def test_number_dispute_sides_cite_the_figures() -> None:
    ev = _toll_event()
    disputes = find_disputes(ev, numbers=reconcile(ev))
    injured = next(d for d in disputes if d.question == "How many people were injured?")
    assert injured.kind == "number"
    got = {s.position: sorted(ev.doc(e.article_id).text[e.span.start:e.span.end]
                              for e in s.evidence) for s in injured.sides}
    assert got == {"80": ["80", "80"], "over 200": ["over 200 people"]}
    assert not any(d.question == "How many people were killed?" for d in disputes)


def _claim(doc: ArticleDoc, negated: bool) -> Claim:
    return Claim(id=content_id(doc.id, "c"), article_id=doc.id, span=Span(0, len(doc.text)),
                 text=doc.text, voice="author", negated=negated)


def test_polarity_flip_inside_a_claim_group_is_a_dispute() -> None:
    a = _doc("The inspection report contained a warning of collapse.", "Ledger", None)
    b = _doc("The inspection report contained no warning of collapse.", "Times", None)
    c = _doc("Nobody had read the inspection report before the collapse.", "Voice", None)
    ca, cb, cc = _claim(a, False), _claim(b, True), _claim(c, True)
    group = ClaimGroup(id="g", label=a.text, label_claim=ca.id, claim_ids=(ca.id, cb.id, cc.id),
                       outlets=("Ledger", "Times", "Voice"), independent_outlets=3)
    ev = EventDoc(id="e", name="t", docs=(a, b, c), claims=(ca, cb, cc), groups=(group,))
    (d,) = find_disputes(ev, numbers=[])
    assert d.kind == "polarity"
    assert d.question == "Is it true that The inspection report contained a warning of collapse?"
    sides = {s.position.split(":")[0]: s for s in d.sides}
    assert sides["contradicts"].outlets == ("Times",)
    assert sides["states"].outlets == ("Ledger", "Voice")  # too few shared words to flip
    # A stance-classifier "disagree" counts as contradiction too.
    (d2,) = find_disputes(ev, numbers=[], stance={(ca.id, cc.id): "disagree"})
    assert {s.position.split(":")[0]: s.outlets for s in d2.sides}["contradicts"] == (
        "Times", "Voice")


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


def test_framing_authorial_versus_quoted() -> None:
    text = ('The bloodbath in the square shocked the city. '
            '"It was a massacre," a witness said.')
    ev = _event(_doc(text, "Ledger", None))
    found = {(text[f["span"].start:f["span"].end], f["authorial"])  # type: ignore[union-attr]
             for f in framing(ev)}
    assert found == {("bloodbath", True), ("massacre", False)}


def _named(doc: ArticleDoc, *names: tuple[str, str]) -> ArticleDoc:
    """The doc with a mention for every occurrence of each ``(surface, label)``."""
    mentions = [Mention(article_id=doc.id, span=Span(m.start(), m.end()), text=surface,
                        label=label, entity=content_id(doc.id, surface))
                for surface, label in names for m in re.finditer(re.escape(surface), doc.text)]
    return replace(doc, mentions=tuple(sorted(mentions, key=lambda m: m.span.start)))


def _side_texts(ev: EventDoc, d: object) -> dict[str, list[str]]:
    return {s.position.split(":")[0]: sorted(_text(ev, e) for e in s.evidence)
            for s in d.sides}  # type: ignore[attr-defined]


def test_whether_the_people_at_risk_were_warned() -> None:
    a = _doc("County officials said the flood alert reached every household by text message.",
             "Ledger", None)
    b = _doc("Residents of Marrow Creek said nobody in the village had been told about the "
             "inspectors' findings.", "Times", None)
    # A warning to the authorities is another question (whether *they* were told).
    c = _doc("The inspectors warned the ministry in May. Nobody warned the council.", "Voice",
             None)
    ev = _event(a, b, c)
    (d,) = [d for d in find_disputes(ev, numbers=[]) if "warned" in d.question]
    assert _side_texts(ev, d) == {
        "yes": ["County officials said the flood alert reached every household by text "
                "message."],
        "no": ["Residents of Marrow Creek said nobody in the village had been told about the "
               "inspectors' findings."],
    }
    holders = {s.position.split(":")[0]: s.holders for s in d.sides}
    assert holders == {"yes": ("County officials",), "no": ("Residents of Marrow Creek",)}
    assert dict(d.outlet_stances)["Voice"] == "silent"


def test_whether_a_recommended_action_was_taken() -> None:
    texts = {
        "Ledger": "Inspectors had urged the operator to lower the reservoir within ten days.",
        "Times": "Company officials said it had begun lowering the reservoir on May 3.",
        "Voice": "Gauge records show the reservoir level fell by less than half a metre.",
        "Post": "Critics said the operator let the reservoir rise all spring.",
        # About the future: no report of what was done.
        "Wire": "The reservoir will fall below the spillway by Friday, engineers said.",
    }
    ev = _event(*(_doc(t, o, None) for o, t in texts.items()))
    (d,) = [d for d in find_disputes(ev, numbers=[]) if "recommendation" in d.question]
    assert d.question == ("Did Company officials act on Inspectors' recommendation to lower "
                          "the reservoir?")
    assert _side_texts(ev, d) == {
        "yes": ["Company officials said it had begun lowering the reservoir on May 3."],
        "no": ["Critics said the operator let the reservoir rise all spring.",
               "Gauge records show the reservoir level fell by less than half a metre."],
    }
    no = next(s for s in d.sides if s.position.startswith("no"))
    assert no.outlets == ("Post", "Voice") and "Critics" in no.holders


def test_an_actor_that_knew_and_did_not_report_did_not_act() -> None:
    texts = {
        "Ledger": "Inspectors had urged Harrow Water to lower the reservoir within ten days.",
        "Times": "Harrow Water said it had begun lowering the reservoir on May 3.",
        "Voice": "Gauge records show the reservoir level fell by less than half a metre.",
        "Post": "Auditors said the readings were known to the operator and were not reported.",
        "Wire": "Auditors said the ministry did not report the readings.",  # not the actor
    }
    ev = _event(*(_named(_doc(t, o, None), ("Harrow Water", "ORG")) for o, t in texts.items()),
                entities=(Entity(id="h", name="Harrow Water", label="ORG", aliases=(),
                                 mentions=(), roles=("operator",)),))
    (d,) = [d for d in find_disputes(ev, numbers=[]) if "recommendation" in d.question]
    assert d.question == ("Did Harrow Water act on Inspectors' recommendation to lower the "
                          "reservoir?")
    no = next(s for s in d.sides if s.position.startswith("no"))
    assert sorted(_text(ev, e) for e in no.evidence) == [
        "Auditors said the readings were known to the operator and were not reported.",
        "Gauge records show the reservoir level fell by less than half a metre."]
    assert "Auditors" in no.holders


def test_a_columnist_holds_the_words_of_an_opinion_piece() -> None:
    claim = "The operator claimed the ferry was sabotaged."
    reply = "Not one diver has found a trace of explosives."
    news = _doc(claim, "Ledger", None)
    column = _doc(reply, "Gazette", None)
    column = replace(column,
                     article=replace(column.article,
                                     url="https://gazette.example/opinion/2031/05/ferry"),
                     meta=replace(column.meta, author=MetaField(value="Nadia Holm")))
    plain = _doc(reply + " ", "Times", None)
    plain = replace(plain, meta=replace(plain.meta, author=MetaField(value="Ole Brand")))
    assert opinion_author(column) == "Nadia Holm" and opinion_author(plain) is None
    ev = _event(news, column, plain)
    (d,) = [d for d in find_disputes(ev, numbers=[]) if "deliberate" in d.question]
    no = next(s for s in d.sides if s.position.startswith("no"))
    assert no.holders == ("Nadia Holm",)  # the reporter of a news story holds nothing
    assert set(no.outlets) == {"Gazette", "Times"}
    assert dict(d.outlet_stances)["Gazette"] == "asserts"
    by_side = dict(zip((s.position.split(":")[0] for s in d.sides), side_stances(ev, d),
                       strict=True))
    assert by_side == {"yes": {"Ledger": "reports"},  # "The operator claimed"
                       "no": {"Gazette": "asserts", "Times": "asserts"}}


def test_neglect_or_a_known_defect_argues_against_sabotage() -> None:
    a = _doc("The operator claimed the bridge was sabotaged.", "Ledger", None)
    b = _doc("Engineers said they had found cracks in the main girder in March.", "Times", None)
    c = _doc("Engineers said the girder was painted in March.", "Voice", None)
    ev = _event(a, b, c)
    (d,) = [d for d in find_disputes(ev, numbers=[]) if "deliberate" in d.question]
    got = _side_texts(ev, d)
    assert got == {"yes": ["The operator claimed the bridge was sabotaged."],
                   "no": ["Engineers said they had found cracks in the main girder in March."]}
    no = next(s for s in d.sides if s.position.startswith("no"))
    assert no.holders == ("Engineers",)
    # Without a sabotage claim, a defect report is no dispute.
    assert not [d for d in find_disputes(_event(b, c), numbers=[]) if "deliberate" in d.question]


def test_specific_details_and_a_contrast_in_one_sentence() -> None:
    a = _doc("The firm maintains that it warned the council of the danger; the council says "
             "the warning was too general.", "Ledger", None)
    b = _doc("Inspectors said their report named the weak pier and gave a ten-day deadline.",
             "Times", None)
    ev = _event(a, b)
    (d,) = [d for d in find_disputes(ev, numbers=[]) if "specific" in d.question]
    got = _side_texts(ev, d)
    assert got["specific"] == [
        "Inspectors said their report named the weak pier and gave a ten-day deadline.",
        "The firm maintains that it warned the council of the danger"]
    assert got["too general / not specific"] == ["the council says the warning was too general."]


def test_a_denial_for_a_company_joins_its_owner_question() -> None:
    a = _named(_doc("The operator suggested that Brask Freight had an interest in damaging the "
                    "ferry. Orla Venn denied any involvement.", "Ledger", None),
               ("Brask Freight", "ORG"), ("Orla Venn", "PERSON"))
    b = _named(_doc("The rumour points at Brask Freight, whose owner has flatly denied it.",
                    "Times", None), ("Brask Freight", "ORG"))
    ents = (Entity(id="p", name="Orla Venn", label="PERSON", aliases=(), mentions=(),
                   roles=("owner of Brask Freight",)),
            Entity(id="o", name="Brask Freight", label="ORG", aliases=(), mentions=()))
    ev = _event(a, b, entities=ents)
    (d,) = [d for d in find_disputes(ev, numbers=[]) if "involved" in d.question]
    assert d.question == "Was Brask Freight (Orla Venn) involved in the event?"
    got = _side_texts(ev, d)
    assert got["no"] == ["Orla Venn denied any involvement.",
                         "The rumour points at Brask Freight, whose owner has flatly denied it."]
    assert got["yes"] == ["The operator suggested that Brask Freight had an interest in "
                          "damaging the ferry."]


def test_a_rejected_claim_asks_whether_its_clause_is_true() -> None:
    text = "City officials rejected claims that the harbour contract was rushed through."
    ev = _event(_doc(text, "Ledger", None), _doc(text + " ", "Times", None))
    (d,) = find_disputes(ev, numbers=[])
    assert d.question == "Is it true that the harbour contract was rushed through?"
    got = _side_texts(ev, d)
    assert got["true"] == ["the harbour contract was rushed through",
                           "the harbour contract was rushed through"]
    assert {s.position.split(":")[0] for s in d.sides} == {"true", "rejected"}


def test_stages_registered_with_layers() -> None:
    assert registry.get("numbers.reconcile.v1").requires == frozenset({"quantities"})
    assert registry.get("numbers.reconcile.v1").produces == frozenset({"numbers"})
    assert registry.get("disputes.v1").produces == frozenset({"disputes"})
    stage = registry.get("numbers.reconcile.v1").factory()
    assert [s.slot for s in stage(_toll_event()).numbers] == ["injured", "killed"]


# --------------------------------------------------------------------------------------------
# The real event (crocus), through the whole default pipeline


@pytest.fixture(scope="module")
def crocus(crocus_dir: Path) -> EventDoc:
    from rashomon.api import build_event

    return build_event([crocus_dir])


def _text(event: EventDoc, ev: Evidence) -> str:
    return event.doc(ev.article_id).text[ev.span.start:ev.span.end]


def _find(event: EventDoc, pattern: str, top: int = 8) -> tuple[str, ...]:
    for d in event.disputes[:top]:
        if re.search(pattern, d.question, re.I):
            return tuple(s.position for s in d.sides)
    raise AssertionError(f"no top dispute matches {pattern!r}: "
                         f"{[d.question for d in event.disputes[:top]]}")


@pytest.mark.model
def test_crocus_top_disputes(crocus: EventDoc) -> None:
    assert {"numbers", "disputes", "timeline"} <= crocus.layers
    _find(crocus, r"warning.*specific.*general")
    behind = next(d for d in crocus.disputes[:8] if d.question.startswith("Who is behind"))
    names = [s.position for s in behind.sides]
    assert any("Islamic State" in n for n in names) and "Ukraine" in names
    ukraine = next(d for d in crocus.disputes[:8] if d.question.startswith("Was Ukraine"))
    assert {s.position.split(":")[0] for s in ukraine.sides} == {"yes", "no"}
    killed = _find(crocus, r"killed")
    assert {"at least 137", "139"} <= set(killed)
    injured = _find(crocus, r"injured")
    assert {"182", "over 500"} <= set(injured)


@pytest.mark.model
def test_crocus_sides_have_holders_and_evidence(crocus: EventDoc) -> None:
    outlets = {crocus.outlet_of(d.id) for d in crocus.docs}
    for d in crocus.disputes[:6]:
        assert len(d.sides) >= 2
        assert {o for o, _ in d.outlet_stances} == outlets
        assert {s for _, s in d.outlet_stances} <= {"asserts", "reports", "silent"}
        assert any(s.holders for s in d.sides), d.question
        for side in d.sides:
            assert side.evidence and side.outlets
            for ev in side.evidence:
                assert _text(crocus, ev).strip()
    ukraine = next(d for d in crocus.disputes if d.question.startswith("Was Ukraine"))
    no = next(s for s in ukraine.sides if s.position.startswith("no"))
    quoted = " ".join(_text(crocus, e) for e in no.evidence)
    assert re.search(r"refutes|skeptical|no terrorist ties|wasn.t involved", quoted)
    assert "Ukraine" in no.holders  # "Ukraine refutes any allegations of involvement"
    yes = next(s for s in ukraine.sides if s.position.startswith("yes"))
    assert {"Alexander Bortnikov", "Vladimir Putin"} <= set(yes.holders)
    warning = next(d for d in crocus.disputes if "specific" in d.question)
    general = next(s for s in warning.sides if "general" in s.position)
    assert "Sergei Narishkin" in general.holders
    assert any("too general" in _text(crocus, e) for e in general.evidence)


@pytest.mark.model
def test_crocus_numbers_and_timeline(crocus: EventDoc) -> None:
    slots = {s.slot: s for s in crocus.numbers}
    assert slots["injured"].verdict == "conflict"
    assert {_text(crocus, Evidence(article_id=v.article_id, span=v.span))
            for v in slots["injured"].values} >= {"over 500"}
    dates = [t.date for t in crocus.timeline]
    assert dates == sorted(dates) and dates
    for t in crocus.timeline:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.date)
        assert t.evidence and set(t.article_ids) == {e.article_id for e in t.evidence}
        assert " ".join(_text(crocus, t.evidence[0]).split()) == t.text


@pytest.mark.model
def test_crocus_framing(crocus: EventDoc) -> None:
    found = framing(crocus)
    words = {(f["word"], f["authorial"]) for f in found}
    assert ("bloodbath", True) in words  # "Since the bloodbath at the Crocus Concert Hall"
    for f in found:
        span = f["span"]
        assert isinstance(span, Span)
        doc = crocus.doc(str(f["article_id"]))
        assert doc.text[span.start:span.end].lower() == f["word"]
