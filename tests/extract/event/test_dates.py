"""Dates across the articles of an event (extract/event/dates.py, stage times.event.v1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import article_doc
from rashomon.extract.event.dates import anchor_undated
from rashomon.model import ArticleDoc, EventDoc, TimeMention
from rashomon.stages.times import make_event_times_stage, make_times_stage

# --------------------------------------------------------------------------------------------
# Texts we write


def _doc(aid: str, text: str, published: str | None = None) -> ArticleDoc:
    return make_times_stage()(article_doc(text, article_id=aid, source=aid, published=published))


def _time(doc: ArticleDoc, surface: str) -> TimeMention:
    return next(t for t in doc.times if t.text == surface)


@pytest.mark.parametrize(
    ("undated", "others", "surface", "value", "anchor"),
    [
        # No year and no publication date: the year the other reports are dated in, through
        # a window opened by the latest date the report states ("Tuesday" after March 9).
        ("The strike began on March 7. Talks failed on March 9. On Tuesday the port shut.",
         ["2031-03-14", "2031-03-15"], "March 7", "2031-03-07", "event-window"),
        ("The strike began on March 7. Talks failed on March 9. On Tuesday the port shut.",
         ["2031-03-14", "2031-03-15"], "Tuesday", "2031-03-11", "event-window"),
        # A weekday written beside the date picks the neighbouring year it falls in.
        ("The fire began on Sunday, July 26, in the hills.", ["2027-01-03"], "Sunday, July 26",
         "2026-07-26", "event-window"),
        # Nothing dated in the text: read as published when the other reports were.
        ("The mayor resigned on Friday.", ["2031-03-14", "2031-03-15", "2031-03-20"], "Friday",
         "2031-03-14", "event-published"),
    ],
)  # fmt: skip
def test_undated_article_takes_the_event_anchor(
    undated: str, others: list[str], surface: str, value: str, anchor: str
) -> None:
    docs = [_doc(f"o{i}", "The port reopened.", p) for i, p in enumerate(others)]
    docs.append(_doc("u", undated))
    assert _time(docs[-1], surface).value is None
    out = anchor_undated(docs)
    t = _time(out[-1], surface)
    assert (t.value, t.anchor) == (value, anchor)
    # The anchor is recorded: which article's date it took.
    assert t.anchor_from in {d.id for d in docs[:-1]}
    assert t.anchor_date in others
    assert out[:-1] == docs[:-1]


def test_articles_with_their_own_dates_are_left_alone() -> None:
    docs = [_doc("a", "The port reopened on March 7.", "2031-03-14"),
            _doc("b", "The strike ended in 2030, on March 9.")]  # fmt: skip
    assert anchor_undated(docs) == docs
    # Alone in its event, an undated report stays undated.
    lone = [_doc("u", "The strike began on March 7.")]
    assert anchor_undated(lone) == lone


def test_event_stage_recomputes_event_anchors() -> None:
    docs = (_doc("o", "The port reopened.", "2031-03-14"),
            _doc("u", "The strike began on March 7."))  # fmt: skip
    stage = make_event_times_stage()
    once = stage(EventDoc(id="e", name="e", docs=docs))
    assert _time(once.doc("u"), "March 7").value == "2031-03-07"
    assert stage(once).docs == once.docs
    moved = (_doc("o", "The port reopened.", "2032-03-14"), once.doc("u"))
    assert _time(stage(EventDoc(id="e", name="e", docs=moved)).doc("u"), "March 7").value == (
        "2032-03-07"
    )


# --------------------------------------------------------------------------------------------
# The real event (crocus), through the whole default pipeline

# Every dated happening in the five reports, on its day (report prefix, words, day). 000 and
# 003 state no year and no publication date; the other reports date the event in 2024.
CROCUS_DAYS = [
    ("000", "March 7", "2024-03-07"),
    ("000", "a day before the public warning", "2024-03-06"),
    ("000", "More than two weeks before terrorists carried out", "2024-03-08"),
    ("000", "just three days before the March 22 attack", "2024-03-19"),
    ("000", "March 19", "2024-03-19"),
    ("000", "March 22", "2024-03-22"),
    ("000", "Tuesday", "2024-03-26"),
    ("001", "March 23", "2024-03-23"),
    ("002", "Friday", "2024-03-22"),
    ("002", "Saturday", "2024-03-23"),
    ("002", "Sunday night", "2024-03-24"),
    ("002", "Monday", "2024-03-25"),
    ("003", "March 22", "2024-03-22"),
    ("003", "March 26", "2024-03-26"),
    ("003", "March 28", "2024-03-28"),
    ("003", "April 2", "2024-04-02"),
    ("003", "less than one hour after the shooting", "2024-03-22"),
    ("004", "March 26", "2024-03-26"),
]


@pytest.fixture(scope="module")
def crocus(crocus_dir: Path) -> EventDoc:
    from rashomon.api import build_event

    return build_event([crocus_dir])


def _report(event: EventDoc, prefix: str) -> ArticleDoc:
    return next(d for d in event.docs if Path(d.article.source).name.startswith(prefix))


@pytest.mark.model
def test_crocus_every_dated_happening_on_its_day(crocus: EventDoc) -> None:
    for prefix, surface, day in CROCUS_DAYS:
        doc = _report(crocus, prefix)
        got = {t.value for t in doc.times if t.text.startswith(surface)}
        assert got == {day}, (prefix, surface, got)
        # ... and in the timeline on that day, with that report's evidence.
        t = next(t for t in doc.times if t.text.startswith(surface))
        entries = [e for e in crocus.timeline if e.date == day and any(
            ev.article_id == doc.id and ev.span.start <= t.span.start < ev.span.end
            for ev in e.evidence)]  # fmt: skip
        assert entries, (prefix, surface)


@pytest.mark.model
def test_crocus_reports_without_a_year_record_their_anchor(crocus: EventDoc) -> None:
    dated = {d.id for d in crocus.docs if d.meta.published is not None}
    for prefix in ("000", "003"):
        doc = _report(crocus, prefix)
        assert doc.meta.published is None
        march = next(t for t in doc.times if t.text == "March 22")
        assert march.anchor == "event-window"
        assert march.anchor_from in dated
        assert march.anchor_date is not None and march.anchor_date.startswith("2024-")


@pytest.mark.model
def test_crocus_timeline_entries_are_whole_clauses(crocus: EventDoc) -> None:
    assert crocus.timeline
    for entry in crocus.timeline:
        for ev in entry.evidence:
            text = crocus.doc(ev.article_id).text
            clause = text[ev.span.start : ev.span.end]
            assert clause == clause.strip() and clause
            # Never cut inside a word.
            assert ev.span.start == 0 or not text[ev.span.start - 1].isalnum()
            assert ev.span.end == len(text) or not text[ev.span.end].isalnum()
        assert entry.text == " ".join(
            crocus.doc(entry.evidence[0].article_id).text[
                entry.evidence[0].span.start : entry.evidence[0].span.end
            ].split()
        ) or any(entry.text in " ".join(crocus.doc(e.article_id).text.split())
                 for e in entry.evidence)  # fmt: skip
    # The attack, dated by three reports in their own words, is one entry.
    attack = [e for e in crocus.timeline if e.date == "2024-03-22" and len(e.article_ids) >= 3]
    assert attack
    # A speech "19 hours post-incident", the time of the incident unknown, is left undated
    # rather than filed under the day of the attack.
    post = next(t for t in _report(crocus, "004").times if t.text == "19 hours post-incident")
    assert post.value is None


def test_hours_after_a_happening_take_the_time_of_day_other_reports_give() -> None:
    # Published Wednesday 2031-06-18: Tuesday is the 17th; the levee burst at 11 p.m.
    others = [_doc(f"o{i}", t, "2031-06-18") for i, t in enumerate(
        ["The levee burst at 11 p.m. on Tuesday, flooding the town.",
         "The levee collapsed at 11 p.m. on Tuesday."])]  # fmt: skip
    follow = _doc("f", "The governor spoke 19 hours after the collapse.", "2031-06-19")
    # Alone, the article cannot say whether 19 hours later was still the same day.
    assert _time(follow, "19 hours after the collapse").value is None
    event = make_event_times_stage()(EventDoc(id="e", name="e", docs=(*others, follow)))
    t = _time(event.doc("f"), "19 hours after the collapse")
    assert (t.value, t.anchor) == ("2031-06-18", "cross-article")
