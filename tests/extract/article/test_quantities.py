"""Tests for quantity extraction (extract/article/quantities/) and stage quantities.rules.v1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.errors import StageError
from rashomon.extract.article.quantities import interval, parse_number
from rashomon.model import Article, ArticleDoc, Attribution, Quantity, Span, content_id
from rashomon.registry import registry

INF = None  # an unbounded side of an interval


def _doc(text: str, nlp: Any, *, attributions: tuple[Attribution, ...] = ()) -> ArticleDoc:
    """An ArticleDoc parsed as one block, as nlp.spacy.v1 would leave it."""
    article = Article(id=Article.make_id(text), source="test", text=text)
    layers = {"sentences", "parsed"} | ({"attributions"} if attributions else set())
    return ArticleDoc(
        article=article,
        attributions=attributions,
        layers=frozenset(layers),
        parsed=((0, nlp(text)),),
    )


def _quantities(doc: ArticleDoc) -> list[Quantity]:
    stage = registry.get("quantities.rules.v1").factory()
    return list(stage(doc).quantities)


def _by_surface(doc: ArticleDoc) -> dict[str, Quantity]:
    return {doc.text[q.span.start : q.span.end]: q for q in _quantities(doc)}


# --------------------------------------------------------------------------------------------
# Pure helpers (no model)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["6,200"], 6200.0),
        (["eleven"], 11.0),
        (["seventy", "-", "five"], 75.0),
        (["two", "hundred", "and", "forty"], 240.0),
        (["1.5", "million"], 1_500_000.0),
        (["a", "dozen"], 12.0),
        (["three", "thousand", "two", "hundred"], 3200.0),
        (["seats"], None),
    ],
)
def test_parse_number(words: list[str], value: float | None) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (None, (140.0, 140.0)),
        ("min", (140.0, INF)),
        ("gt", (140.0, INF)),
        ("near", (126.0, 140.0)),
        ("approx", (126.0, 154.0)),
        ("max", (0.0, 140.0)),
        ("lt", (0.0, 140.0)),
    ],
)
def test_interval_convention(kind: str | None, expected: tuple[float | None, float | None]) -> None:
    assert interval(140.0, kind) == expected


# --------------------------------------------------------------------------------------------
# Invented sentences: (text, surface, slot, value, low, high, qualifier)

CASES = [
    ("At least 52 people were killed in the blast.",
     ("At least 52 people", "killed", 52, 52, INF, "at least")),
    ("The storm killed more than 300 villagers overnight.",
     ("more than 300 villagers", "killed", 300, 300, INF, "more than")),
    ("Nearly 90 people died in the crash.",
     ("Nearly 90 people", "killed", 90, 81, 90, "nearly")),
    ("Almost 40 passengers were hurt.",
     ("Almost 40 passengers", "injured", 40, 36, 40, "almost")),
    ("About 300 residents were evacuated from the valley.",
     ("About 300 residents", "evacuated", 300, 270, 330, "about")),
    ("Around 70 fans were injured in the crush.",
     ("Around 70 fans", "injured", 70, 63, 77, "around")),
    ("Officials recorded 27 deaths and 64 injuries after the quake.",
     ("27 deaths", "killed", 27, 27, 27, None)),
    ("Officials recorded 27 deaths and 64 injuries after the quake.",
     ("64 injuries", "injured", 64, 64, 64, None)),
    ("Police arrested eleven protesters on Sunday.",
     ("eleven protesters", "arrested", 11, 11, 11, None)),
    ("Guards apprehended 6 smugglers at the border.",
     ("6 smugglers", "detained", 6, 6, 6, None)),
    ("Up to 50 workers were held by the militia.",
     ("Up to 50 workers", "detained", 50, 0, 50, "up to")),
    ("Fewer than 20 climbers were wounded.",
     ("Fewer than 20 climbers", "injured", 20, 0, 20, "fewer than")),
    ("Some 2,500 people took part in the march.",
     ("Some 2,500 people", "people", 2500, 2250, 2750, "some")),
    ("Approximately 80 visitors were rescued from the cave.",
     ("Approximately 80 visitors", "rescued", 80, 72, 88, "approximately")),
    ("Dozens of people were hurt when the stand collapsed.",
     ("Dozens of people", "injured", 24, 24, 99, "dozens of")),
    ("Hundreds of fans gathered outside the stadium.",
     ("Hundreds of fans", "people", 200, 200, 999, "hundreds of")),
    ("Police detained a dozen suspects after the riot.",
     ("a dozen suspects", "detained", 12, 12, 12, None)),
    ("The festival lasted two weeks.",
     ("two weeks", "weeks", 2, 2, 2, None)),
    ("The siege ended after 40 hours.",
     ("40 hours", "hours", 40, 40, 40, None)),
    ("Firefighters needed 25 minutes to reach the roof.",
     ("25 minutes", "minutes", 25, 25, 25, None)),
    ("The ferry had been in service for 31 years.",
     ("31 years", "years", 31, 31, 31, None)),
    ("The fire gutted the 1,800-seat theatre.",
     ("1,800-seat", "seats", 1800, 1800, 1800, None)),
    ("A 17-year-old girl was among the victims.",
     ("17-year-old", "age", 17, 17, 17, None)),
    ("The driver, aged 64, was unharmed.",
     ("64", "age", 64, 64, 64, None)),
    ("Three firefighters were injured tackling the blaze.",
     ("Three firefighters", "injured", 3, 3, 3, None)),
    ("Twenty-three miners died underground.",
     ("Twenty-three miners", "killed", 23, 23, 23, None)),
    ("The repairs cost $4 million.",
     ("$4 million", "money", 4_000_000, 4_000_000, 4_000_000, None)),
    ("Turnout fell to 38% this year.",
     ("38%", "percent", 38, 38, 38, None)),
    ("Investigators put the death toll at 61 on Tuesday.",
     ("61", "killed", 61, 61, 61, None)),
    ("Thirty people were killed and 75 injured when the bridge fell.",
     ("75", "injured", 75, 75, 75, None)),
    ("With 9 still missing, divers resumed the search.",
     ("9", "missing", 9, 9, 9, None)),
    ("Four masked men stormed the bank.",
     ("Four masked men", "people", 4, 4, 4, None)),
    # A generic head noun takes its slot from the predicate.
    ("Rescuers said 23 people were still listed as missing.",
     ("23 people", "missing", 23, 23, 23, None)),
    ("At least 8 people remain missing after the flood.",
     ("At least 8 people", "missing", 8, 8, INF, "at least")),
    ("Fourteen residents were reported missing.",
     ("Fourteen residents", "missing", 14, 14, 14, None)),
    ("The storm left 12 people dead.",
     ("12 people", "killed", 12, 12, 12, None)),
    ("Clinics have treated over 250 people since the fire.",
     ("over 250 people", "injured", 250, 250, INF, "over")),
    ("Doctors say they have treated over 120.",
     ("over 120", "injured", 120, 120, INF, "over")),
    ("Up to 840 people were killed in the attack.",
     ("Up to 840 people", "killed", 840, 0, 840, "up to")),
    # A topic noun's value: "stands at", "put ... at", "rose to", "a toll of".
    ("The official count now stands at 57.",
     ("57", "killed", 57, 57, 57, None)),
    ("The ministry, which keeps the official toll, put the figure at 33.",
     ("33", "killed", 33, 33, 33, None)),
    ("The number of injured rose to 75.",
     ("75", "injured", 75, 75, 75, None)),
    ("A death toll of 93 was confirmed.",
     ("93", "killed", 93, 93, 93, None)),
    # A count in apposition to an event noun, even across a dash the parser misreads.
    ("The arrests made on Monday - nine people, all of them guards - were announced late.",
     ("nine people", "arrested", 9, 9, 9, None)),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_invented_sentences(nlp: Any, text: str, expected: tuple[Any, ...]) -> None:
    surface, slot, value, low, high, qualifier = expected
    found = _by_surface(_doc(text, nlp))
    assert surface in found, f"{surface!r} not among {list(found)}"
    q = found[surface]
    assert q.text == surface
    assert (q.slot, q.value, q.qualifier) == (slot, value, qualifier)
    assert q.low == pytest.approx(low) if low is not None else q.low is None
    assert q.high == pytest.approx(high) if high is not None else q.high is None


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The vote was held on 14 May 2023 at 9 pm.",
        "It was the first such attack since 2015.",
        "She finished second in the race for the 3rd time.",
        "The report was filed at 10:45 on Monday.",
        "Not one rescuer, not one diver, has found a trace of them.",
        "The flood struck on Tuesday (10) at dawn.",
    ],
)
def test_dates_times_years_and_ordinals_are_skipped(nlp: Any, text: str) -> None:
    assert _quantities(_doc(text, nlp)) == []


@pytest.mark.model
def test_qualifier_of_first_conjunct_is_not_copied_to_the_second(nlp: Any) -> None:
    text = "At least 48 people were killed and 120 injured in the flooding."
    found = _by_surface(_doc(text, nlp))
    assert found["At least 48 people"].qualifier == "at least"
    assert found["120"].slot == "injured"
    assert found["120"].qualifier is None
    assert (found["120"].low, found["120"].high) == (120, 120)


@pytest.mark.model
def test_each_conjunct_keeps_its_own_qualifier(nlp: Any) -> None:
    text = "The explosion killed over 60 workers and injured over 200."
    found = _by_surface(_doc(text, nlp))
    assert (found["over 60 workers"].slot, found["over 60 workers"].low) == ("killed", 60)
    assert (found["over 200"].slot, found["over 200"].qualifier) == ("injured", "over")


@pytest.mark.model
def test_another_figure_after_a_toll(nlp: Any) -> None:
    text = "Reports said nearly 70 people were killed and another 95 injured in the attack."
    found = _by_surface(_doc(text, nlp))
    assert found["nearly 70 people"].slot == "killed"
    assert (found["95"].slot, found["95"].qualifier) == ("injured", None)


@pytest.mark.model
def test_ellipsis_counts_people(nlp: Any) -> None:
    text = "The minister said 9 people had been arrested, three heading towards the coast."
    found = _by_surface(_doc(text, nlp))
    assert found["9 people"].slot == "arrested"
    assert found["three"].slot == "people"


@pytest.mark.model
def test_agent_of_a_killing_is_not_the_toll(nlp: Any) -> None:
    found = _by_surface(_doc("Two gunmen killed 14 shoppers at the market.", nlp))
    assert found["Two gunmen"].slot == "gunmen"
    assert found["14 shoppers"].slot == "killed"


@pytest.mark.model
def test_unspecified_figure_takes_the_previous_topic_slot(nlp: Any) -> None:
    text = "The official tally stands at 29. Relatives say the real figure is more than 40."
    found = _by_surface(_doc(text, nlp))
    assert found["29"].slot == "killed"
    assert (found["more than 40"].slot, found["more than 40"].low) == ("killed", 40)


@pytest.mark.model
def test_figure_after_a_forecast_is_the_toll(nlp: Any) -> None:
    text = "The toll could reach 200. Officials say the figure now stands at 150."
    found = _by_surface(_doc(text, nlp))
    assert (found["200"].slot, found["150"].slot) == ("killed_forecast", "killed")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The hall has 6,200 seats, and officials put the figure at 41.", "41"),
        ("The vote count stands at 5,000.", "5,000"),  # a specified count of something else
        ("Sales figures stand at 400.", "400"),
        ("The figure rose by 5 to 48.", "5"),  # a change, not the figure
        ("The figure rose by 5 to 48.", "48"),  # nothing says what the figure counts
    ],
)
def test_topics_without_a_casualty_sense_get_no_slot(nlp: Any, text: str, surface: str) -> None:
    assert _by_surface(_doc(text, nlp))[surface].slot is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "surface", "slot"),
    [
        ("A source said the final toll will certainly go above 70.", "above 70", "killed_forecast"),
        ("The death toll is expected to rise to 80.", "80", "killed_forecast"),
        ("The toll could reach 200, officials warned.", "200", "killed_forecast"),
        ("The toll may have reached 90 by Friday.", "90", "killed"),  # a guess about the past
        ("The war's death toll climbed toward 200,000.", "200,000", "killed"),
    ],
)
def test_forecast_tolls_are_not_counts(nlp: Any, text: str, surface: str, slot: str) -> None:
    assert _by_surface(_doc(text, nlp))[surface].slot == slot


@pytest.mark.model
def test_part_of_a_group_is_not_a_rival_figure(nlp: Any) -> None:
    text = "Police have arrested eleven people, among them four senior managers and two guards."
    found = _by_surface(_doc(text, nlp))
    assert found["eleven people"].slot == "arrested"
    assert found["four senior managers"].slot == "managers"
    assert found["two guards"].slot == "guards"
    found = _by_surface(_doc("The blast killed 40 people, including 12 children.", nlp))
    assert (found["40 people"].slot, found["12 children"].slot) == ("killed", "people")
    # What the part itself underwent still names it.
    text = "The group will free every captive, including the 219 girls kidnapped from a school."
    assert _by_surface(_doc(text, nlp))["219 girls"].slot == "hostages"


@pytest.mark.model
def test_state_of_the_agent_is_not_the_count(nlp: Any) -> None:
    # The storm is what "left" people dead; the apposed "(10)" is a day, not a toll.
    text = "The storm, which struck on Tuesday (10), left nearly 45 dead, officials said."
    found = _by_surface(_doc(text, nlp))
    [toll] = [q for q in found.values() if q.value == 45]
    assert (toll.slot, toll.qualifier) == ("killed", "nearly")
    assert "10" not in found  # a day of the month, not a count


# --------------------------------------------------------------------------------------------
# Who gives the figure


@pytest.mark.model
def test_speech_verb_subject_is_the_source(nlp: Any) -> None:
    text = "Official figures from the province announce 58 deaths and 91 injuries."
    found = _by_surface(_doc(text, nlp))
    assert found["58 deaths"].attributed_to == "Official figures from the province"
    assert found["91 injuries"].attributed_to == "Official figures from the province"
    assert found["58 deaths"].attribution_id is None


@pytest.mark.model
def test_according_to_is_the_source(nlp: Any) -> None:
    text = "Sixty people died, according to the regional health ministry."
    q = _by_surface(_doc(text, nlp))["Sixty people"]
    assert (q.slot, q.attributed_to) == ("killed", "regional health ministry")


@pytest.mark.model
def test_pronoun_speaker_resolves_to_the_person_named_before(nlp: Any) -> None:
    text = "Governor Maria Olsen spoke on Friday. She said 14 people had been detained."
    q = _by_surface(_doc(text, nlp))["14 people"]
    assert (q.slot, q.attributed_to) == ("detained", "Maria Olsen")


@pytest.mark.model
def test_figure_in_a_relative_clause_is_not_the_speakers(nlp: Any) -> None:
    text = "The mayor said the storm, which killed 12 people, was the worst in decades."
    q = _by_surface(_doc(text, nlp))["12 people"]
    assert (q.slot, q.attributed_to) == ("killed", None)


@pytest.mark.model
def test_attribution_layer_gives_the_resolved_speaker(nlp: Any) -> None:
    text = "Petrov said 11 people had been detained."
    content = Span(text.index("11"), text.index("."))
    attribution = Attribution(
        id="a1",
        article_id=Article.make_id(text),
        kind="indirect",
        span=Span(0, len(text)),
        content=content,
        cue=Span(7, 11),
        speaker=Span(0, 6),
        speaker_text="Petrov",
        speaker_resolved="Ivan Petrov",
    )
    q = _by_surface(_doc(text, nlp, attributions=(attribution,)))["11 people"]
    assert (q.slot, q.attributed_to, q.attribution_id) == ("detained", "Ivan Petrov", "a1")


# --------------------------------------------------------------------------------------------
# Stage


@pytest.mark.model
def test_stage_ids_and_invariants(nlp: Any) -> None:
    text = "At least 8 people were killed. Rescuers freed 30 others within 2 hours."
    doc = _doc(text, nlp)
    quantities = _quantities(doc)
    assert len(quantities) == 3
    for q in quantities:
        assert q.id == content_id(doc.id, "quantity", str(q.span.start), str(q.span.end))
        assert q.article_id == doc.id
        assert text[q.span.start : q.span.end] == q.text
        if q.low is not None:
            assert q.low <= q.value
        if q.high is not None:
            assert q.value <= q.high


@pytest.mark.model
def test_stage_offsets_follow_the_block_offset(nlp: Any) -> None:
    text = "MENU | LOGIN\nAbout 40 people were injured."
    start = text.index("About")
    doc = ArticleDoc(
        article=Article(id="b", source="t", text=text),
        layers=frozenset({"sentences", "parsed"}),
        parsed=((start, nlp(text[start:])),),
    )
    [q] = _quantities(doc)
    assert text[q.span.start : q.span.end] == "About 40 people"


def test_stage_without_parse_raises() -> None:
    doc = ArticleDoc(article=Article(id="c", source="t", text="Five people died."))
    stage = registry.get("quantities.rules.v1").factory()
    with pytest.raises(StageError, match="nlp.spacy.v1"):
        stage(doc)


def test_stage_is_registered_with_its_layers() -> None:
    info = registry.get("quantities.rules.v1")
    assert info.requires == {"sentences", "parsed"}
    assert info.produces == {"quantities"}


# --------------------------------------------------------------------------------------------
# The real crocus reports (read at run time, never copied)


@pytest.fixture(scope="module")
def crocus(shared_dir: Path, nlp: Any) -> list[tuple[str, list[Quantity]]]:
    out = []
    for path in sorted((shared_dir / "corpus" / "crocus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append((text, _quantities(_doc(text, nlp))))
    return out


def _facts(crocus: list[tuple[str, list[Quantity]]]) -> set[tuple[str | None, float, str | None]]:
    return {(q.slot, q.value, q.qualifier) for _, qs in crocus for q in qs}


@pytest.mark.model
def test_crocus_tolls_with_qualifiers(crocus: list[tuple[str, list[Quantity]]]) -> None:
    facts = _facts(crocus)
    for expected in [
        ("killed", 137, "at least"),
        ("killed", 139, None),
        ("killed", 140, "nearly"),
        ("killed", 140, "over"),
        ("injured", 500, "over"),
        ("detained", 11, None),
        ("seats", 6200, None),
    ]:
        assert expected in facts, expected


@pytest.mark.model
def test_crocus_182_injured_in_two_outlets(crocus: list[tuple[str, list[Quantity]]]) -> None:
    outlets = {
        n for n, (_, qs) in enumerate(crocus) for q in qs if (q.slot, q.value) == ("injured", 182)
    }
    assert len(outlets) == 2


@pytest.mark.model
def test_crocus_139_attributed_to_official_figures(
    crocus: list[tuple[str, list[Quantity]]],
) -> None:
    [q] = [q for _, qs in crocus for q in qs if (q.slot, q.value) == ("killed", 139)]
    assert q.attributed_to is not None and "official figures" in q.attributed_to.lower()


@pytest.mark.model
def test_crocus_spans_are_the_text(crocus: list[tuple[str, list[Quantity]]]) -> None:
    assert len(crocus) == 5 and sum(len(qs) for _, qs in crocus) >= 10
    for text, qs in crocus:
        for q in qs:
            assert 0 <= q.span.start < q.span.end <= len(text)
            assert text[q.span.start : q.span.end] == q.text
            # No date or clock-time fragment survives as a count.
            assert ":" not in q.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Tom Okafor, 52, was driving the bus.", "52"),
        ("The pilot, who is 61, landed safely.", "61"),
    ],
)
def test_apposed_ages(nlp: Any, text: str, surface: str) -> None:
    q = _by_surface(_doc(text, nlp))[surface]
    assert (q.slot, q.value) == ("age", float(surface))


@pytest.mark.model
def test_abbreviated_months_and_clock_times_are_skipped(nlp: Any) -> None:
    text = "The hearing on Sept. 14 began at four o'clock and 3 lawyers attended."
    assert list(_by_surface(_doc(text, nlp))) == ["3 lawyers"]


@pytest.mark.model
def test_comparative_between_number_and_noun(nlp: Any) -> None:
    q = _by_surface(_doc("The new law gave 3 million more families a grant.", nlp))
    assert q["3 million more families"].slot == "families"
    assert q["3 million more families"].value == 3_000_000


@pytest.mark.model
def test_named_speaker_without_apposition(nlp: Any) -> None:
    text = "Olga Berg, 45, said 17 people had died."
    q = _by_surface(_doc(text, nlp))["17 people"]
    assert (q.slot, q.attributed_to) == ("killed", "Olga Berg")


_QUALIFIER_BOUNDS = {
    "at least": (1.0, None),
    "more than": (1.0, None),
    "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0),
    "about": (0.9, 1.1),
    "approximately": (0.9, 1.1),
    "up to": (0.0, 1.0),
    "fewer than": (0.0, 1.0),
}


@pytest.mark.model
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    qualifier=st.sampled_from(sorted(_QUALIFIER_BOUNDS)),
    number=st.integers(min_value=2, max_value=99_999),
    verb=st.sampled_from(
        [
            ("killed", "killed"),
            ("injured", "injured"),
            ("arrested", "arrested"),
            ("detained", "detained"),
        ]
    ),
    lead=st.sampled_from(["", "Officials said ", "On Monday, "]),
)
def test_generated_tolls(
    nlp: Any, qualifier: str, number: int, verb: tuple[str, str], lead: str
) -> None:
    figure = f"{number:,}"
    first = (lead + qualifier)[0].upper() + (lead + qualifier)[1:]
    text = f"{first} {figure} people were {verb[0]} in the attack."
    quantities = _quantities(_doc(text, nlp))
    assert len(quantities) == 1
    [q] = quantities
    assert text[q.span.start : q.span.end] == q.text
    assert q.text.lower().endswith(f"{qualifier} {figure} people")
    assert (q.slot, q.value, q.qualifier) == (verb[1], number, qualifier)
    lo, hi = _QUALIFIER_BOUNDS[qualifier]
    assert q.low == pytest.approx(lo * number)
    assert q.high == (None if hi is None else pytest.approx(hi * number))
