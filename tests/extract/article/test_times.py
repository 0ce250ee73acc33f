"""Tests for the temporal tagger (TimeML values) and the times.rules.v1 stage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.article.dated_events import (
    COMPOUND,
    POST,
    extract_times,
    infer_window_anchor,
    near_triggers,
)
from rashomon.extract.article.times import (
    PATTERNS,
    candidates,
    tag_timexes,
    timeml_to_iso,
)
from rashomon.model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    EventDoc,
    MetaField,
    Span,
    TimeMention,
)
from rashomon.registry import registry
from rashomon.stages.times import make_event_times_stage, make_times_stage

# --------------------------------------------------------------------------------------------
# TimeML values (invented sentences; anchor = document creation time)

WED = date(2021, 6, 16)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The minister resigned on Monday.", "Monday", "2021-06-14"),
        ("The minister resigned on Wednesday.", "Wednesday", "2021-06-16"),
        ("The council will vote on Friday, officials said.", "Friday", "2021-06-18"),
        ("Talks collapsed last Friday.", "last Friday", "2021-06-11"),
        ("Officials said yesterday that the bridge was shut.", "yesterday", "2021-06-15"),
        ("The port reopened today.", "today", "2021-06-16"),
        ("The strike began on March 7.", "March 7", "2021-03-07"),
        ("The strike began on 7 March 2019.", "7 March 2019", "2019-03-07"),
        ("Rain fell on Dec. 12, when the dam cracked.", "Dec. 12", "2020-12-12"),
        ("Sales fell last week.", "last week", "2021-W23"),
        ("Prices rose last month.", "last month", "2021-05"),
        ("Prices rose last year.", "last year", "2020"),
        ("Profit rose in the third quarter.", "the third quarter", "2020-Q3"),
        ("Profit will rise in the third quarter.", "the third quarter", "2021-Q3"),
        ("Profit rose in the second quarter.", "the second quarter", "2021-Q2"),
        ("The plant has run since 2008.", "2008", "2008"),
        ("The siege lasted two weeks.", "two weeks", "P2W"),
        ("It was the worst flood in two decades.", "two decades", "P20Y"),
        ("A 16-hour shift followed.", "16-hour", "PT16H"),
        ("The talks lasted several years.", "several years", "PXY"),
        ("Water is tested daily.", "daily", "P1D"),
        ("The mayor is now in Paris.", "now", "PRESENT_REF"),
        ("The dam was inspected three days ago.", "three days ago", "2021-06-13"),
        # "centuries" is spelled out in the unit pattern; it once raised a KeyError.
        ("The bridge was built two centuries ago.", "two centuries ago", "18"),
        ("The town was flooded in the 1960s.", "1960s", "196X"),
        ("Crews worked through the weekend.", "the weekend", "2021-W23-WE"),
        ("The crowd gathered at 10 p.m. Tuesday.", "10 p.m. Tuesday", "2021-06-15T22:00"),
        ("Repairs will finish next summer.", "next summer", "2022-SU"),
        # "the next day" is narrative past, not a future cue.
        ("Divers came the next day, June 4, by boat.", "June 4", "2021-06-04"),
        ("The strike began in the early hours of Monday.", "the early hours of Monday",
         "2021-06-14"),
    ],
)
def test_timeml_values(text: str, surface: str, value: str) -> None:
    found = {text[t.start : t.end]: t.value for t in tag_timexes(text, anchor=WED)}
    assert found.get(surface) == value, found


@pytest.mark.parametrize(
    "text",
    [
        "About 2000 people marched.",
        "May I ask a question?",
        "The march on the capital drew crowds.",
        "He paid $1990 for the car.",
        "Voters cast ballots on Super Tuesday.",
        "About three-quarters of the vote was counted.",
    ],
)
def test_not_timexes(text: str) -> None:
    assert [t.text for t in tag_timexes(text, anchor=WED)] == []


def test_timeml_to_iso_granularities() -> None:
    assert timeml_to_iso("2024-03-22", "DATE") == ("2024-03-22", "day")
    assert timeml_to_iso("2024-03-22T14:00", "TIME") == ("2024-03-22", "time")
    assert timeml_to_iso("2024-W12", "DATE") == ("2024-03-18", "week")
    assert timeml_to_iso("2024-03", "DATE") == ("2024-03-01", "month")
    assert timeml_to_iso("2024", "DATE") == ("2024-01-01", "year")
    assert timeml_to_iso("P3D", "DURATION") == (None, "duration")
    assert timeml_to_iso("PRESENT_REF", "DATE") == (None, "unknown")


# --------------------------------------------------------------------------------------------
# Product layer on invented articles


def _times(text: str, published: str | None, **kw: object) -> list[TimeMention]:
    return list(
        extract_times(
            "a1",
            text,
            body_spans=[Span(0, len(text))],
            published=published,
            **kw,  # type: ignore[arg-type]
        )
    )


def _by_text(times: list[TimeMention], text: str, surface: str) -> TimeMention:
    hits = [t for t in times if text[t.span.start : t.span.end] == surface]
    assert hits, [text[t.span.start : t.span.end] for t in times]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "published", "surface", "value", "granularity"),
    [
        ("The mayor resigned on Monday.", "2021-06-16", "Monday", "2021-06-14", "day"),
        ("The dam broke on June 2 and the mayor resigned five days before the June 2 collapse.",
         "2021-06-16", "five days before the June 2 collapse", "2021-05-28", "day"),
        ("The valley flooded on June 2. A day before the flooding, engineers warned of cracks.",
         "2021-06-16", "A day before the flooding", "2021-06-01", "day"),
        ("Engineers warned of cracks a day before the evacuation order.", "2021-06-16",
         "a day before the evacuation order", None, "unknown"),
        ("The dam broke on June 2. Crews left two days after the mayor spoke to them.",
         "2021-06-16", "two days after the mayor spoke", None, "unknown"),
        ("The pumps failed 19 hours post-flood.", "2021-06-16", "19 hours post-flood", None,
         "unknown"),
        ("The company was founded in 1998.", "2021-06-16", "1998", "1998-01-01", "year"),
        ("The drought lasted two decades.", "2021-06-16", "two decades", None, "duration"),
        ("The vote is this week.", "2021-06-16", "this week", "2021-06-14", "week"),
    ],
)  # fmt: skip
def test_extract_times(
    text: str, published: str, surface: str, value: str | None, granularity: str
) -> None:
    t = _by_text(_times(text, published), text, surface)
    assert (t.value, t.granularity) == (value, granularity)


# Expressions anchored to another happening, not to publication (published on a Wednesday).
@pytest.mark.parametrize(
    ("text", "surface", "value", "anchor"),
    [
        # The referent names the happening by another word of its kind.
        ("The bridge collapsed on June 2. Inspectors had warned two weeks before the collapse.",
         "two weeks before the collapse", "2021-05-19", "event"),
        ("The bridge gave way on Tuesday. Engineers warned officials two weeks before the "
         "structure gave way.", "two weeks before the structure gave way", "2021-06-01", "event"),
        # A generic name ("the disaster") is the story's dated happening.
        ("The tunnel caved in on June 2. Residents reported cracks a week before the disaster.",
         "a week before the disaster", "2021-05-26", "event"),
        # No time of day for the collapse: 19 hours later may be Tuesday or Wednesday.
        ("The levee burst on Tuesday. The governor spoke 19 hours after the collapse.",
         "19 hours after the collapse", None, "none"),
        ("The levee burst on Tuesday. The governor spoke two hours after the collapse.",
         "two hours after the collapse", "2021-06-15", "event"),
        # "the day before" with no referent after it: the day before the narrative's happening.
        ("The council met on Tuesday. That council had held a hearing the day before in Varn.",
         "the day before", "2021-06-14", "event"),
        # In apposition to a date, the expression takes that date, and dates its referent.
        ("Residents filmed leaks on Monday, the day before the disaster.",
         "the day before the disaster", "2021-06-14", "event"),
        ("Residents filmed leaks on Monday, the day before the disaster. Officials met two days "
         "after the disaster.", "two days after the disaster", "2021-06-17", "event"),
        # "the following day" continues the dated statement its clause shares a word with, not
        # the last date stated.
        ("The audit, dated May 3, found cracks. On Wednesday the mayor said repairs had begun. "
         "The audit reached the council the following day.", "the following day", "2021-05-04",
         "event"),
        ("The ferry sank on June 2. The next day, divers arrived.", "The next day", "2021-06-03",
         "event"),
        # ... unless a date stands in apposition to it, on either side.
        ("The ferry sank on June 2. Divers came the next day, June 4, by boat.", "the next day",
         "2021-06-04", "event"),
        ("The ferry sank on June 2. Divers came on Friday, the following day.",
         "the following day", "2021-06-11", "event"),
        # A date that belongs to a statement does not date what the statement mentions.
        ("Officials said on Thursday that nobody gains from the collapse. Engineers warned two "
         "weeks before the collapse.", "two weeks before the collapse", None, "none"),
        # Two dated collapses: no guess.
        ("The first dam collapsed on June 2. A second dam collapsed on June 5. Engineers warned "
         "a week before the collapse.", "a week before the collapse", None, "none"),
        # A clause that names no happening ("the mayor spoke") is not linked by its words.
        ("The mayor resigned on Monday. Crews met two days after the mayor spoke.",
         "two days after the mayor spoke", None, "none"),
        ("What happened in the early hours of Tuesday was a disaster.",
         "the early hours of Tuesday", "2021-06-15", "published"),
    ],
)  # fmt: skip
def test_event_anchored(text: str, surface: str, value: str | None, anchor: str) -> None:
    t = _by_text(_times(text, "2021-06-16"), text, surface)
    assert (t.value, t.anchor) == (value, anchor)
    assert t.granularity == ("day" if value else "unknown")


@pytest.mark.parametrize(
    ("text", "surface", "value", "granularity"),
    [
        # A stated clock time carries hours past midnight; without one, only whole days count.
        ("The levee burst at 11 p.m. on Tuesday. The governor spoke three hours after the "
         "collapse.", "three hours after the collapse", "2021-06-16", "day"),
        ("The levee burst at 3:40 a.m. on Tuesday. The governor spoke 19 hours after the "
         "collapse.", "19 hours after the collapse", "2021-06-15", "day"),
        ("The dam collapsed on June 2, 2021. Planning began two years before the collapse.",
         "two years before the collapse", "2019-01-01", "year"),
    ],
)  # fmt: skip
def test_event_anchored_units(text: str, surface: str, value: str, granularity: str) -> None:
    t = _by_text(_times(text, "2021-06-16"), text, surface)
    assert (t.value, t.granularity, t.anchor) == (value, granularity, "event")


def test_weekend_is_dated_by_its_saturday() -> None:
    assert timeml_to_iso("2021-W23-WE", "DATE") == ("2021-06-12", "week")
    text = "Families will bury their dead this weekend."
    assert _by_text(_times(text, "2021-06-11"), text, "this weekend").value == "2021-06-12"


def _article(aid: str, text: str, published: str = "2021-06-16") -> ArticleDoc:
    meta = ArticleMeta(published=MetaField(value=published, origin="manifest"))
    return make_times_stage()(ArticleDoc(article=Article(id=aid, source=aid, text=text), meta=meta))


FOLLOW_UP = "Police arrested two managers. Engineers had warned two weeks before the collapse."


@pytest.mark.parametrize(
    ("others", "value", "anchor"),
    [
        # Two other reports date the collapse June 2 (in other words): the follow-up's
        # expression takes their day.
        (["The bridge collapsed on June 2, killing four.", "The bridge gave way on June 2."],
         "2021-05-19", "cross-article"),
        # One report alone is not enough; disagreeing reports leave it undated.
        (["The bridge collapsed on June 2, killing four."], None, "none"),
        (["The bridge collapsed on June 2.", "The bridge collapsed on June 3."], None, "none"),
    ],
)  # fmt: skip
def test_event_stage_dates_referent_from_other_articles(
    others: list[str], value: str | None, anchor: str
) -> None:
    docs = [_article(f"o{i}", t) for i, t in enumerate(others)] + [_article("f", FOLLOW_UP)]
    assert _by_text(list(docs[-1].times), FOLLOW_UP, "two weeks before the collapse").value is None
    event = make_event_times_stage()(EventDoc(id="e", name="e", docs=tuple(docs)))
    t = _by_text(list(event.doc("f").times), FOLLOW_UP, "two weeks before the collapse")
    assert (t.value, t.anchor) == (value, anchor)
    assert [d.times for d in event.docs[:-1]] == [d.times for d in docs[:-1]]


def test_event_stage_is_recomputed_not_accumulated() -> None:
    docs = [_article("o0", "The bridge collapsed on June 2."),
            _article("o1", "The bridge gave way on June 2."), _article("f", FOLLOW_UP)]  # fmt: skip
    stage = make_event_times_stage()
    once = stage(EventDoc(id="e", name="e", docs=tuple(docs)))
    assert stage(once).docs == once.docs
    # Re-run on stored results after one voter left: the value goes, it is not kept.
    fewer = stage(EventDoc(id="e", name="e", docs=(once.docs[0], once.docs[2])))
    t = _by_text(list(fewer.doc("f").times), FOLLOW_UP, "two weeks before the collapse")
    assert (t.value, t.anchor, t.granularity) == (None, "none", "unknown")


def test_window_anchor_from_latest_full_date() -> None:
    text = "The dam cracked on 3 June 2021. Repairs began on June 9, 2021. On Friday crews left."
    assert infer_window_anchor(text) == date(2021, 6, 9)
    t = _by_text(_times(text, None), text, "Friday")
    # No publication date: the Friday after the latest stated date, marked as window-based.
    assert (t.value, t.anchor) == ("2021-06-11", "window")


def test_window_from_boilerplate_stamp_resolves_to_nearest_weekday() -> None:
    stamp = "Photo taken in Kresny, June 13, 2021.\n\n"  # a Sunday; marked as boilerplate
    body = "Crews left on Monday after Friday's collapse."
    text = stamp + body
    times = list(
        extract_times("a1", text, body_spans=[Span(len(stamp), len(text))], published=None)
    )
    got = {text[t.span.start : t.span.end]: (t.value, t.anchor) for t in times}
    assert got == {"Monday": ("2021-06-14", "window"), "Friday": ("2021-06-11", "window")}


def test_no_anchor_keeps_mentions_unresolved() -> None:
    text = "The strike began on March 7 and ended on Tuesday."
    times = _times(text, None)
    assert {text[t.span.start : t.span.end]: t.value for t in times} == {
        "March 7": None,
        "Tuesday": None,
    }
    resolved = _times(text, None, fallback_year=2021)
    assert _by_text(resolved, text, "March 7").value == "2021-03-07"


def test_ids_and_sentences() -> None:
    text = "Rain began on Monday. The river rose on Tuesday."
    times = _times(text, "2021-06-16")
    assert len({t.id for t in times}) == len(times) == 2
    assert [text[t.sentence.start : t.sentence.end] for t in times if t.sentence] == [
        "Rain began on Monday.",
        "The river rose on Tuesday.",
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "on Monday",
                "March 7",
                "three days before",
                "the attack",
                "last week",
                "1998",
                "two decades",
                "yesterday",
                ",",
                ".",
                "the",
                "said",
                "\n\n",
                "a day after",
                "7",
                "the following day",
                "the collapse",
                "19 hours after the disaster",
                "the early hours of Tuesday",
                "gave way",
            ]
        ),  # fmt: skip
        max_size=25,
    )
)
def test_spans_in_bounds(words: list[str]) -> None:
    text = " ".join(words)
    for t in _times(text, "2021-06-16"):
        assert 0 <= t.span.start < t.span.end <= len(text)
        assert text[t.span.start : t.span.end] == t.text


# --------------------------------------------------------------------------------------------
# The stage on the real crocus reports (read at run time, never copied)

PUBLISHED = {
    "000": None,
    "001": "2024-03-28",
    "002": "2024-03-25",
    "003": None,
    "004": "2024-03-27",
}


def _crocus_doc(crocus_dir: Path, prefix: str) -> ArticleDoc:
    path = next(crocus_dir.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    pub = PUBLISHED[prefix]
    meta = ArticleMeta(published=MetaField(value=pub, origin="manifest") if pub else None)
    return ArticleDoc(article=Article(id=prefix, source=str(path), text=text), meta=meta)


def _values(doc: ArticleDoc) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    for t in doc.times:
        out.setdefault(doc.text[t.span.start : t.span.end], []).append(t.value)
    return out


def test_trigger_windows_find_what_a_full_scan_finds(crocus_dir: Path) -> None:
    # The tagger runs each pattern only near its trigger words: the matches must be exactly
    # those of a scan over the whole text (a pattern added without the right triggers fails).
    texts = [p.read_text(encoding="utf-8") for p in sorted(crocus_dir.glob("*.txt"))]
    texts.append("The 1990s ended; three-quarters of 2,000 people left at 10:30 p.m. on Friday, "
                 "the day after Christmas, i.dailymail.co.uk said daily, fiscal 1999's second "
                 "quarter, the early hours of Thursday morning, 2024-03-22T19:58, 3/22/24.")
    for text in texts:
        full = sorted((m.start(), m.end(), p.name) for p in PATTERNS
                      for m in p.regex.finditer(text) if m.end() > m.start())
        assert sorted(c[:3] for c in candidates(text, 0, len(text))) == full
        compounds = [m.span() for pat in (COMPOUND, POST) for m in pat.finditer(text)]
        assert [m.span() for m in near_triggers(text, 0, len(text))] == compounds


def test_stage_registered() -> None:
    info = registry.get("times.rules.v1")
    assert info.requires == {"meta", "sentences"} and info.produces == {"times"}
    event = registry.get("times.event.v1")
    assert event.kind == "event" and event.requires == event.produces == {"times"}


def test_crocus_reuters_monday(crocus_dir: Path) -> None:
    doc = make_times_stage()(_crocus_doc(crocus_dir, "002"))
    v = _values(doc)
    assert set(v["Monday"]) == {"2024-03-25"}
    assert set(v["Friday"]) == {"2024-03-22"}
    assert v["Saturday"] == ["2024-03-23"]
    assert v["Sunday night"] == ["2024-03-24"]
    assert v["2008"] == ["2008-01-01"]
    assert v["two decades"][0] is None
    assert [t.granularity for t in doc.times if t.text == "two decades"][0] == "duration"
    # "two weeks before" has no dated event in its sentence: extracted, unresolved.
    assert v["two weeks before"] == [None]
    assert all(t.anchor == "published" for t in doc.times if t.text == "Monday")


def test_crocus_published_articles(crocus_dir: Path) -> None:
    v1 = _values(make_times_stage()(_crocus_doc(crocus_dir, "001")))
    assert v1["2024-03-28"] == ["2024-03-28"]
    assert v1["March 23"] == ["2024-03-23"]
    # The public warning is not dated in this report: extracted, value None.
    day_before = [k for k in v1 if k.startswith("The day before")]
    assert day_before and v1[day_before[0]] == [None]
    v4 = _values(make_times_stage()(_crocus_doc(crocus_dir, "004")))
    assert v4["March 26"] == ["2024-03-26"]
    assert v4["19 hours post-incident"] == [None]


def test_crocus_window_articles(crocus_dir: Path) -> None:
    # 000 and 003 state no publication date and no year: without a year hint the month-day
    # dates stay unresolved (still extracted); with the event's year they resolve through a
    # window anchored on the latest date each text states.
    bare = _values(make_times_stage()(_crocus_doc(crocus_dir, "000")))
    assert bare["March 7"] == [None]
    doc0 = make_times_stage(fallback_year=2024)(_crocus_doc(crocus_dir, "000"))
    v0 = _values(doc0)
    assert v0["March 7"] == ["2024-03-07"]
    assert v0["March 22"] == ["2024-03-22"]
    assert v0["just three days before the March 22 attack"] == ["2024-03-19"]
    assert v0["a day before the public warning"] == ["2024-03-06"]
    # "a bloody attack" is the attack the text dates elsewhere ("the March 22 attack").
    attack = [t for t in doc0.times if t.text.startswith("More than two weeks before")][0]
    assert (attack.value, attack.anchor) == ("2024-03-08", "event")
    tuesday = [t for t in doc0.times if t.text == "Tuesday"][0]
    assert (tuesday.value, tuesday.anchor) == ("2024-03-26", "window")
    v3 = _values(make_times_stage(fallback_year=2024)(_crocus_doc(crocus_dir, "003")))
    assert v3["March 26"] == ["2024-03-26"]
    assert v3["April 2"] == ["2024-04-02"]
    # "the shooting" is the bloodbath the report dates "on March 22".
    assert v3["less than one hour after the shooting took place"] == ["2024-03-22"]


@pytest.mark.model
def test_crocus_event_heads(crocus_dir: Path) -> None:
    nlp_stage = registry.get("nlp.spacy.v1").factory()
    doc = make_times_stage(fallback_year=2024)(nlp_stage(_crocus_doc(crocus_dir, "000")))
    heads = {t.text: t.event_text for t in doc.times}
    assert heads["just three days before the March 22 attack"] == "rejected the US warnings"
    assert heads["Tuesday"] == "told reporters"
    for t in doc.times:
        assert t.sentence is not None and t.sentence.contains(t.span)
