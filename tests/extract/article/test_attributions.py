"""Attributions: quote pairing, cue/source/content triples and speaker resolution."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import article_doc, attributed_doc, attribution_holding
from rashomon.extract.article.attributions import find_quotes, iter_outermost
from rashomon.model import ArticleDoc, Attribution, Span
from rashomon.registry import registry

# --------------------------------------------------------------------------------------------
# Quote pairing over raw text (no model)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we are ready" today.', ['"we are ready"']),
        ("She called it “pure fiction” and left.", ["“pure fiction”"]),
        ("“One. Two,” he said. “Three.”", ["“One. Two,”", "“Three.”"]),
        ("It's the mayor's plan, ''not mine,'' she said.", ["''not mine,''"]),
        ("He said: “First part.\n\n“Second part.”", ["“First part.\n\n“Second part.”"]),
        ("“Unclosed quote runs on\nNext line.", ["“Unclosed quote runs on"]),
        # A closing mark typed where the line's opening mark belongs still opens it.
        ("”We deserve better.” ― Ana Ruiz\n", ["”We deserve better.”"]),
        ("Intro.\n”Too late,” he said.", ["”Too late,”"]),
        ("Then she left.” Nobody spoke.", []),
    ],
)
def test_find_quotes(text: str, expected: list[str]) -> None:
    assert [q.of(text) for q in find_quotes(text)] == expected


@given(st.text(alphabet="ab .,\"“”\n'", max_size=60))
def test_find_quotes_spans_are_ordered_marked_and_in_bounds(text: str) -> None:
    spans = find_quotes(text)
    for q in spans:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start] in "\"“”'"
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_find_quotes_offset_shifts_spans() -> None:
    text = 'x "quoted words" y'
    (q,) = find_quotes(text, offset=100)
    assert q == Span(102, 116)


# --------------------------------------------------------------------------------------------
# Shapes of attribution on invented text


@pytest.mark.model
def test_direct_quote_with_speaker_after() -> None:
    doc = attributed_doc('"We will rebuild the bridge by spring," Mayor Anna Kovac said on Monday.')
    a = attribution_holding(doc, "rebuild the bridge")
    assert a.kind == "direct"
    assert a.content.of(doc.text) == '"We will rebuild the bridge by spring,"'
    assert a.speaker is not None and a.speaker.of(doc.text) == "Mayor Anna Kovac"
    assert a.cue is not None and a.cue.of(doc.text) == "said"
    assert a.speaker_resolved == "Anna Kovac"
    assert a.span.contains(a.content) and a.span.contains(a.speaker)


@pytest.mark.model
def test_curly_multi_sentence_quote_and_inverted_speaker() -> None:
    doc = attributed_doc(
        "“The plan is ready. It will start in May,” said Tomas Berg, the city engineer."
    )
    a = attribution_holding(doc, "The plan is ready")
    assert "It will start in May" in a.content.of(doc.text)
    assert a.kind == "direct"
    assert a.speaker_resolved == "Tomas Berg"


@pytest.mark.model
def test_partial_quote_inside_reported_speech_is_mixed() -> None:
    doc = attributed_doc(
        "Finance minister Karl Weiss rejected the audit, calling it “pure fiction”."
    )
    a = attribution_holding(doc, "pure fiction")
    assert a.kind == "mixed"
    assert a.cue is not None and a.cue.of(doc.text) == "calling"
    assert a.speaker_resolved == "Karl Weiss"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word of the quotation ("promise", "endorsement") may look like a cue of its own;
        # with the quotation as its content it lies inside the speaker's attribution.
        (
            '"This town was built on the promise of cheap land," she said.',
            [("said", "she")],
        ),
        (
            '"I am honored by the endorsement of the union," the senator said on Monday.',
            [("said", "the senator")],
        ),
    ],
)
@pytest.mark.model
def test_quotation_words_are_not_a_second_attribution(
    text: str, expected: list[tuple[str, str]]
) -> None:
    doc = attributed_doc(text)
    outer = list(iter_outermost(doc.attributions))
    assert [(a.cue.of(text) if a.cue else None, a.speaker_text) for a in outer] == expected


@pytest.mark.model
def test_colon_introduced_quote() -> None:
    doc = attributed_doc("Tomas Berg said: “We have no choice but to close the road.”")
    a = attribution_holding(doc, "no choice")
    assert a.content.of(doc.text) == "“We have no choice but to close the road.”"
    assert a.speaker_resolved == "Tomas Berg"


@pytest.mark.model
def test_dash_introduced_quote_with_role_speaker_after() -> None:
    text = (
        "Port director Lena Holm visited the harbour on Tuesday. Lena Holm said the storm "
        "had damaged two cranes.\n\n"
        "- The harbour will stay closed until Friday, and nobody will be allowed in - "
        "the port director declared.\n"
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "The harbour will stay closed")
    assert a.kind == "direct"
    assert a.content.of(text).startswith("The harbour will stay closed")
    assert a.content.of(text).endswith("nobody will be allowed in")
    assert a.speaker is not None and a.speaker.of(text) == "the port director"
    assert a.cue is not None and a.cue.of(text) == "declared"
    assert a.speaker_resolved == "Lena Holm"


@pytest.mark.model
def test_reported_speech_with_that_clause() -> None:
    doc = attributed_doc("Lena Holm told reporters that the ferries would resume on Sunday.")
    a = attribution_holding(doc, "ferries would resume")
    assert a.kind == "indirect"
    assert a.content.of(doc.text) == "that the ferries would resume on Sunday"
    assert a.cue is not None and a.cue.of(doc.text) == "told"
    assert a.speaker_resolved == "Lena Holm"


@pytest.mark.model
def test_pronoun_resolves_to_most_recent_person() -> None:
    text = (
        "Anna Kovac visited the flooded district on Monday. "
        "She said the repairs would take several weeks."
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "repairs would take")
    assert a.speaker is not None and a.speaker.of(text) == "She"
    assert a.speaker_resolved == "Anna Kovac"
    assert a.speaker_entity is not None


@pytest.mark.model
def test_pronoun_follows_the_last_speaker() -> None:
    text = (
        '"The investigation is not finished," Tomas Berg said on Friday.\n\n'
        "It would take months to check every document, he noted."
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "check every document")
    assert a.cue is not None and a.cue.of(text) == "noted"
    assert a.speaker_resolved == "Tomas Berg"


@pytest.mark.model
def test_quote_is_not_taken_across_a_paragraph_break() -> None:
    text = (
        "Karl Weiss rejected the offer, calling it “a cynical attempt to buy time”.\n\n"
        "Two officials spoke on condition of anonymity."
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "cynical attempt")
    assert a.speaker_resolved == "Karl Weiss"
    assert a.content.of(text) == "it “a cynical attempt to buy time”"
    for b in doc.attributions:
        if b.speaker is not None and "officials" in b.speaker.of(text):
            assert not b.content.overlaps(a.content)


@pytest.mark.model
def test_according_to() -> None:
    doc = attributed_doc("The fire started in the kitchen, according to the city fire department.")
    a = attribution_holding(doc, "fire started")
    assert a.kind == "according-to"
    assert a.content.of(doc.text) == "The fire started in the kitchen"
    assert a.cue is not None and a.cue.of(doc.text) == "according to"
    assert a.speaker is not None and a.speaker.of(doc.text) == "the city fire department"


@pytest.mark.model
def test_outlet_reports_that_is_relayed() -> None:
    doc = attributed_doc("The Daily Ledger reports that the council met in secret last week.")
    a = attribution_holding(doc, "council met in secret")
    assert a.cue is not None and a.cue.of(doc.text) == "reports"
    assert a.relayed_from == "Daily Ledger"


@pytest.mark.model
def test_according_to_outlet_relays_the_sentence() -> None:
    text = "Karl Weiss said the plant would close in June, according to Bloomberg."
    doc = attributed_doc(text)
    a = attribution_holding(doc, "plant would close")
    assert a.speaker_resolved == "Karl Weiss"
    assert a.relayed_from == "Bloomberg"


@pytest.mark.model
def test_anonymous_sources_are_flagged() -> None:
    text = "Officials familiar with the matter said the talks had stalled over the border."
    doc = attributed_doc(text)
    a = attribution_holding(doc, "talks had stalled")
    assert a.anonymous
    assert a.speaker_resolved == "Officials familiar with the matter"
    assert a.speaker_entity is None


@pytest.mark.model
def test_role_phrase_resolves_to_named_holder() -> None:
    text = (
        "Brazilian President Maria Lopez opened the summit in the morning.\n\n"
        "Later, the Brazilian leader declared that the talks were over."
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "talks were over")
    assert a.speaker is not None and a.speaker.of(text) == "the Brazilian leader"
    assert a.speaker_resolved == "Maria Lopez"


@pytest.mark.model
def test_spans_ids_and_offsets_in_blocks() -> None:
    # Boilerplate before the body shifts the parsed block; offsets must map back.
    text = "MENU | Login | Subscribe\n\n" + '"Prices will fall," Karl Weiss said.'
    doc = article_doc(text)
    from dataclasses import replace

    from rashomon.model import Boilerplate

    nav = Boilerplate(article_id=doc.id, span=Span(0, 24), reason="nav")
    doc = replace(doc, boilerplate=(nav,))
    nlp_stage = registry.get("nlp.spacy.v1").factory()
    out = registry.get("attribution.rules.v1").factory()(nlp_stage(doc))
    a = attribution_holding(out, "Prices will fall")
    assert a.content.of(text) == '"Prices will fall,"'
    assert len(a.id) == 16
    assert all(0 <= s.start <= s.end <= len(text) for s in out.all_spans())


def test_stage_without_parse_raises() -> None:
    from rashomon.errors import StageError

    stage = registry.get("attribution.rules.v1").factory()
    with pytest.raises(StageError, match="nlp.spacy.v1"):
        stage(article_doc("Nothing parsed here."))


def test_stage_is_registered_with_layers() -> None:
    info = registry.get("attribution.rules.v1")
    assert info.requires == {"sentences", "entities", "parsed"}
    assert info.produces == {"attributions"}


# --------------------------------------------------------------------------------------------
# The real crocus reports (read at run time, never copied)


@pytest.fixture(scope="module")
def crocus(crocus_dir: Path) -> dict[str, ArticleDoc]:
    out = {}
    for path in sorted(crocus_dir.glob("*.txt")):
        out[path.name[:3]] = attributed_doc(path.read_text(encoding="utf-8"))
    return out


# (file prefix, a few words of the content, expected resolved speaker)
CROCUS_SPEAKERS = [
    ("000", "pure blackmail", "Vladimir Putin"),
    ("000", "did not allow us", "Sergei Narishkin"),
    ("000", "took appropriate measures", "Sergei Narishkin"),
    ("000", "We were warned", "Islam Khalilov"),
    ("000", "You know them very well", "Vladimir Putin"),
    ("000", "neo-Nazi regime", "Vladimir Putin"),
    ("001", "great caution", "Dmitry Peskov"),
    ("001", "Investigative actions are ongoing", "Dmitry Peskov"),
    ("001", "all information transmitted", "Alexander Bortnikov"),
    ("002", "The investigation is underway", "Dmitry Peskov"),
    ("002", "no versions have been put forward", "Dmitry Peskov"),
    ("002", "no city, no country", "Dmitry Peskov"),
    ("002", "The fight against terrorism", "Dmitry Peskov"),
    ("002", "working independently", "Dmitry Peskov"),
    ("002", "I leave this question", "Dmitry Peskov"),
    ("002", "all those responsible", "Vladimir Putin"),
    ("003", "missing the bigger issue", "Gilbert Doctorow"),
    ("003", "without the approval", "Gilbert Doctorow"),
    ("003", "Why are Western states", "Alastair Crooke"),
    ("003", "operating for some years", "Alastair Crooke"),
    ("003", "They may have ostensibly", "Alastair Crooke"),
    ("004", "Evidence from detainees", "Alexander Bortnikov"),
    ("004", "sick and cynical creature.", "Volodymyr Zelenskyy"),
    ("004", "true epitome of terror", "Volodymyr Zelenskyy"),
    ("004", "why did the terrorists", "Vladimir Putin"),
]


@pytest.mark.model
@pytest.mark.parametrize(("prefix", "needle", "speaker"), CROCUS_SPEAKERS)
def test_crocus_speakers(
    crocus: dict[str, ArticleDoc], prefix: str, needle: str, speaker: str
) -> None:
    a = attribution_holding(crocus[prefix], needle)
    assert a.speaker_resolved == speaker
    assert not a.anonymous


@pytest.mark.model
def test_crocus_role_phrases_and_pronouns(crocus: dict[str, ArticleDoc]) -> None:
    doc = crocus["000"]
    a = attribution_holding(doc, "pure blackmail")
    assert a.speaker is not None and a.speaker.of(doc.text).startswith("The Russian leader")
    doc = crocus["004"]
    a = attribution_holding(doc, "true epitome of terror")
    assert a.speaker is not None and a.speaker.of(doc.text) == "the Ukrainian President"
    assert a.kind == "direct"
    a = attribution_holding(doc, "Evidence from detainees")
    assert a.speaker is not None and a.speaker.of(doc.text) == "Bortnikov"
    doc = crocus["001"]
    a = attribution_holding(doc, "Investigative actions are ongoing")
    assert a.cue is not None and a.cue.of(doc.text) == "noted"
    assert a.speaker is not None and a.speaker.of(doc.text) == "he"


@pytest.mark.model
def test_crocus_every_quoted_statement_has_a_speaker(crocus: dict[str, ArticleDoc]) -> None:
    # A quoted statement: a quotation of five words or more ending in sentence punctuation.
    missing = []
    for key, doc in crocus.items():
        for q in find_quotes(doc.text):
            inner = doc.text[q.start + 1 : q.end - 1].strip()
            if len(inner.split()) < 5 or inner[-1:] not in ".?!,":
                continue
            if any(q.start < b.start for b in doc.body_spans()[:1]):
                continue
            owners = [a for a in doc.attributions if a.content.overlaps(q)]
            if not any(a.speaker_resolved for a in owners):
                missing.append((key, inner[:40]))
    assert missing == []


@pytest.mark.model
def test_crocus_anonymous_and_relayed(crocus: dict[str, ArticleDoc]) -> None:
    anonymous = {
        (key, a.speaker_resolved)
        for key, doc in crocus.items()
        for a in doc.attributions
        if a.anonymous
    }
    assert ("000", "US officials familiar with the matter") in anonymous
    assert ("000", "people familiar with the matter") in anonymous
    assert ("001", "a source at Russian intelligence services") in anonymous
    assert ("004", "anonymous sources at Bloomberg") in anonymous
    doc = crocus["004"]
    assert attribution_holding(doc, "Skepticism prevails").relayed_from == "Bloomberg"
    assert attribution_holding(doc, "plans to exploit this catastrophe").relayed_from == "Bloomberg"
    assert attribution_holding(doc, "no terrorist ties").anonymous
    # No named person is ever flagged anonymous.
    for doc in crocus.values():
        for a in doc.attributions:
            if a.anonymous:
                assert a.speaker_entity is None


@pytest.mark.model
@pytest.mark.parametrize("name", ["lusovia_today.txt", "sarna_observer_opinion.txt"])
def test_attribution_ids_are_unique(name: str) -> None:
    # Two attributions can share an outer span; the id must still tell them apart.
    path = Path(__file__).resolve().parents[3] / "examples" / "kresny-dam-collapse" / name
    doc = attributed_doc(path.read_text(encoding="utf-8"))
    ids = [a.id for a in doc.attributions]
    assert doc.attributions
    assert len(ids) == len(set(ids)), [
        (a.span.of(doc.text), a.content.of(doc.text)) for a in doc.attributions
    ]


@pytest.mark.model
def test_sentence_final_cue_takes_the_clause_before_its_comma() -> None:
    doc = attributed_doc(
        "As the council met in the town hall on Monday, a truck blocked the only bridge, "
        "police said."
    )
    a = attribution_holding(doc, "truck blocked")
    assert a.cue is not None and a.cue.of(doc.text) == "said"
    assert a.speaker is not None and a.speaker.of(doc.text) == "police"
    assert a.content.of(doc.text).endswith("blocked the only bridge")


@pytest.mark.model
def test_cue_inside_relative_clause_reports_what_follows() -> None:
    doc = attributed_doc(
        "The new fees, which officials said will start in the spring, will not apply to farmers."
    )
    a = attribution_holding(doc, "will start in the spring")
    assert a.speaker is not None and a.speaker.of(doc.text) == "officials"
    assert a.cue is not None and a.cue.of(doc.text) == "said"


@pytest.mark.model
def test_mid_sentence_according_to_covers_the_sentence() -> None:
    text = "Some 40 percent of farmers, according to a survey by the union, plan to sell land."
    doc = attributed_doc(text)
    a = next(a for a in doc.attributions if a.kind == "according-to")
    assert a.speaker is not None and a.speaker.of(text) == "a survey by the union"
    assert "plan to sell land" in a.content.of(text)


# --------------------------------------------------------------------------------------------
# Shapes added for PolNeAR misses and the example event (invented text)


def _first_covering(doc: ArticleDoc, needle: str) -> Attribution:
    """The first attribution in layer order whose content holds ``needle`` (outer first)."""
    return next(a for a in doc.attributions if needle in a.content.of(doc.text))


@pytest.mark.model
def test_said_in_a_statement_that_keeps_the_verb_and_its_subject() -> None:
    text = (
        "The port's operator, Brackwater Docks, said in a statement that the crane had been "
        "inspected in March."
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "crane had been inspected")
    assert a.cue is not None and a.cue.of(text) == "said"
    assert a.speaker is not None and a.speaker.of(text) == "The port's operator, Brackwater Docks"
    assert a.content.of(text).startswith("that the crane")


@pytest.mark.model
def test_quotation_credited_by_a_dash_and_a_name() -> None:
    text = "“The river took everything we had.” ― Mirela Dostal\n“We will stay.” ― Ivo Brenk\n"
    doc = attributed_doc(text)
    first = attribution_holding(doc, "river took everything")
    assert first.cue is not None and first.cue.of(text) == "―"
    assert first.speaker is not None and first.speaker.of(text) == "Mirela Dostal"
    second = attribution_holding(doc, "We will stay")
    assert second.speaker is not None and second.speaker.of(text) == "Ivo Brenk"


@pytest.mark.model
def test_transcript_lines_opening_with_a_quote_mark() -> None:
    text = (
        'Part of the exchange follows.\n\n"HOST: Why did the ferry leave without the inspectors?'
        '\n\n"GOVERNOR: Because the inspectors had already signed the papers the day before.'
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "inspectors had already signed")
    assert a.speaker is not None and a.speaker.of(text) == "GOVERNOR"
    assert a.cue is not None and a.cue.of(text) == ":"


@pytest.mark.model
def test_said_comma_then_quotation_takes_the_quotation() -> None:
    text = (
        "Farid Osman said, “When the water comes back up, and the pumps fail again, we will "
        "have nowhere to go.”"
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "pumps fail again")
    assert a.cue is not None and a.cue.of(text) == "said"
    assert a.speaker_resolved == "Farid Osman"
    assert a.content.of(text).startswith("“When the water")


@pytest.mark.model
def test_name_inside_a_modifier_does_not_make_the_source() -> None:
    text = (
        "A source in the fire brigade, interviewed by the Lantern Gazette, believes that the "
        "toll will rise. Doctors at the clinic in Verbenko say they have seen 80 patients."
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "toll will rise")
    assert a.anonymous
    assert a.speaker_resolved is not None and a.speaker_resolved.startswith("A source")
    b = attribution_holding(doc, "seen 80 patients")
    assert b.speaker is not None and b.speaker.of(text) == "Doctors at the clinic in Verbenko"
    assert b.speaker_resolved != "Verbenko"


@pytest.mark.model
def test_clause_after_the_cue_wins_over_one_before_a_semicolon() -> None:
    text = "The agency speaks of 12 injured; nurses at the ward say they have treated 40."
    doc = attributed_doc(text)
    a = attribution_holding(doc, "treated 40")
    assert a.content.of(text) == "they have treated 40"
    assert a.speaker is not None and a.speaker.of(text) == "nurses at the ward"


@pytest.mark.model
def test_definite_title_resolves_to_the_person_holding_it() -> None:
    text = (
        "Attorney General Lena Marsh announced the arrests on Friday.\n\n"
        '"The evidence was in the ledgers all along," the attorney general said.'
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "evidence was in the ledgers")
    assert a.speaker is not None and a.speaker.of(text) == "the attorney general"
    assert a.speaker_resolved == "Lena Marsh"


@pytest.mark.model
def test_according_to_a_document_relays_the_speaker_inside() -> None:
    text = (
        "Defence Minister Tomas Reiner spoke to the committee on Tuesday.\n\n"
        '"Nobody ignored the warning," the minister said, according to a transcript released '
        "by his office."
    )
    doc = attributed_doc(text)
    a = _first_covering(doc, "Nobody ignored the warning")
    assert a.speaker_resolved == "Tomas Reiner"
    assert not any(b.kind == "according-to" for b in doc.attributions)


@pytest.mark.model
def test_outer_dash_quote_comes_before_a_report_nested_in_it() -> None:
    text = (
        "Mayor Jana Holub visited the site.\n\n"
        "- The survey spoke about cracks in general terms. Nobody hid it - the mayor declared."
    )
    doc = attributed_doc(text)
    a = _first_covering(doc, "The survey spoke about cracks")
    assert a.speaker_resolved == "Jana Holub"


@pytest.mark.model
def test_according_to_outlet_leaves_the_quoted_person_as_speaker() -> None:
    text = (
        "According to the Northfield Herald, Pavel Ostrov said that the gates had been "
        "opened by hand."
    )
    doc = attributed_doc(text)
    a = _first_covering(doc, "gates had been opened")
    assert a.speaker_resolved == "Pavel Ostrov"
    assert a.relayed_from == "Northfield Herald"


@pytest.mark.model
def test_you_know_inside_a_quotation_is_a_filler_not_a_cue() -> None:
    text = (
        '"Well, look, you know, the dam was never inspected properly," Senator Ruth Alden said '
        "on Sunday."
    )
    doc = attributed_doc(text)
    assert not [a for a in doc.attributions if a.cue is not None and a.cue.of(text) == "know"]
    a = attribution_holding(doc, "never inspected")
    assert a.speaker_resolved == "Ruth Alden"


@pytest.mark.model
def test_cue_ending_its_line_with_a_colon_takes_the_next_paragraph() -> None:
    text = (
        "The mayor spoke for an hour on Monday.\n\nThe mayor added:\n\n"
        "Nobody in this office will sign a contract with that company again.\n"
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "Nobody in this office")
    assert a.cue is not None and a.cue.of(text) == "added"
    assert a.content.of(text).startswith("Nobody in this office")
    assert a.speaker is not None and a.speaker.of(text) == "The mayor"


@pytest.mark.model
def test_as_x_pointed_out_attributes_the_clause_around_it() -> None:
    text = "As the county engineers have pointed out, the valley rarely floods in autumn."
    doc = attributed_doc(text)
    a = attribution_holding(doc, "rarely floods")
    assert a.cue is not None and a.cue.of(text) == "have pointed out"
    assert a.speaker is not None and a.speaker.of(text) == "the county engineers"
    assert a.content.of(text) == "the valley rarely floods in autumn"


@pytest.mark.model
def test_attribution_span_covers_the_reporting_clause_after_a_quote() -> None:
    text = (
        "“The levee will hold,” Mayor Ida Brenner said at a briefing on Monday. "
        "“We checked it twice.”"
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "levee will hold")
    assert a.span.of(text).endswith("said at a briefing on Monday")
    b = attribution_holding(doc, "checked it twice")
    assert b.cue is None and b.speaker_resolved == "Ida Brenner"


# Verbs that set one thing beside another: (text, cue, content).
PAIRINGS = [
    (
        "A rival likened the new rules to burning the constitution.",
        "likened",
        "the new rules to burning the constitution",
    ),
    (
        "She compared the senator with a used-car salesman.",
        "compared",
        "the senator with a used-car salesman",
    ),
    # Not a pairing verb: the listener is not part of what was said.
    ("He explained the plan to the reporters.", "explained", "the plan"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "content"), PAIRINGS)
def test_pairing_verb_content_holds_both_sides(text: str, cue: str, content: str) -> None:
    doc = attributed_doc(text)
    a = next(a for a in doc.attributions if a.cue is not None and a.cue.of(text) == cue)
    assert a.content.of(text) == content


# "as X said" asides report the clause they sit in, unless the verb has a content of its own:
# (text, cue, content).
AS_CLAUSES = [
    (
        "Prices, as one adviser pointed out, rarely fall in winter.",
        "pointed out",
        "Prices, as one adviser pointed out, rarely fall in winter",
    ),
    (
        "The storm hit the coast, as forecasters had warned.",
        "had warned",
        "The storm hit the coast",
    ),
    (
        "The guest was emotional as she called for a vote on the treaty.",
        "called for",
        "a vote on the treaty",
    ),
    ("He smiled as she argued about the new budget.", "argued about", "the new budget"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "content"), AS_CLAUSES)
def test_as_clause_reports_its_host_unless_it_has_a_content(
    text: str, cue: str, content: str
) -> None:
    doc = attributed_doc(text)
    a = next(a for a in doc.attributions if a.cue is not None and a.cue.of(text) == cue)
    assert a.content.of(text) == content


# The source of a cue under an adjective is the adjective's subject, but a dummy "it" is no one:
# (text, cue, speaker or None).
ADJECTIVE_SOURCES = [
    ("The senator is determined to warn voters about the deficit.", "to warn", "The senator"),
    ("She seemed eager to discuss the plan.", "to discuss", "She"),
    ("It is important to note that the vote failed.", "to note", None),
    ("It is worth noting that the vote failed.", "noting", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "speaker"), ADJECTIVE_SOURCES)
def test_source_through_an_adjective(text: str, cue: str, speaker: str | None) -> None:
    doc = attributed_doc(text)
    a = next(a for a in doc.attributions if a.cue is not None and a.cue.of(text) == cue)
    assert (a.speaker.of(text) if a.speaker is not None else None) == speaker


# Words of a quotation the parser hangs on the cue verb are not the cue clause: (text, cue,
# content, speaker).
QUOTED_WORDS_ON_THE_CUE = [
    (
        '"Are we ready for the storm? Probably not," Ms. Lane said. "We will be by Friday."',
        "said",
        '"Are we ready for the storm? Probably not,"',
        "Ms. Lane",
    ),
    ('"Not now," the coach said.', "said", '"Not now,"', "the coach"),
    ('"We are not done yet," he did not say.', "did not say", '"We are not done yet,"', "he"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "content", "speaker"), QUOTED_WORDS_ON_THE_CUE)
def test_quoted_words_hung_on_the_cue_stay_in_the_quotation(
    text: str, cue: str, content: str, speaker: str
) -> None:
    doc = attributed_doc(text)
    a = next(a for a in doc.attributions if a.cue is not None and a.cue.of(text) == cue)
    assert a.content.of(text) == content
    assert a.speaker is not None and a.speaker.of(text) == speaker


# "in <poll>" names a source when the poll is a particular one: (text, source or None).
IN_POLLS = [
    (
        "The mayor gained ground in some polls in the northern suburbs.",
        "some polls in the northern suburbs",
    ),
    (
        "In a new poll by the local paper, the mayor has a small lead.",
        "a new poll by the local paper",
    ),
    ("The mayor leads in the polls.", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "source"), IN_POLLS)
def test_in_a_poll_is_a_source_unless_polls_in_general(text: str, source: str | None) -> None:
    doc = attributed_doc(text)
    cued = [a for a in doc.attributions if a.cue is not None and a.cue.of(text).lower() == "in"]
    assert [a.speaker.of(text) for a in cued if a.speaker is not None] == (
        [source] if source else []
    )


@pytest.mark.model
@pytest.mark.parametrize(("text", "content"), [
    # The parser splits off the predicate as a second, subjectless complement of the cue.
    ("Mara Holt told her questioners that accusations that she had misled the council in "
     "earlier testimony were false.",
     "that accusations that she had misled the council in earlier testimony were false"),
    ("Pieter Dunn told the Coastal Times that two counties suing over the levy is "
     '"outrageous."', 'that two counties suing over the levy is "outrageous."'),
    # Two complete clauses stay two statements.
    ("Mara Holt said the port will reopen, and Pieter Dunn said it will not.",
     "the port will reopen"),
])
def test_a_split_off_predicate_stays_with_its_clause(text: str, content: str) -> None:
    doc = attributed_doc(text)
    a = attribution_holding(doc, content.split()[1])
    assert a.content.of(text) == content


@pytest.mark.model
@pytest.mark.parametrize(("text", "needle", "content"), [
    # The parser hangs the object's relative clause off the cue: the object is said too.
    ("Governor Ann Cole announced her decision to veto legislation on Wednesday that would "
     "have allowed shops to refuse service.", "veto",
     "her decision to veto legislation on Wednesday that would have allowed shops to refuse "
     "service"),
    # "that" marking a clause, or a listener before it, is no relative clause.
    ("The mayor announced that taxes would rise.", "taxes", "that taxes would rise"),
    ("The mayor told reporters that would be a mistake.", "mistake", "that would be a mistake"),
])
def test_an_objects_relative_clause_stays_with_the_object(
        text: str, needle: str, content: str) -> None:
    doc = attributed_doc(text)
    assert attribution_holding(doc, needle).content.of(text) == content


@pytest.mark.model
@pytest.mark.parametrize(("text", "needle", "speaker"), [
    # A verb that answers only with its particle: what it answers is said by the subject.
    ("Batting down allegations that the council hid the accounts, the report said the files "
     "were public.", "allegations that the council", "the report"),
    ("The mayor pushed back on claims that the port was closing.", "claims that the port",
     "The mayor"),
    ("Ann Cole shrugged off the report as politics.", "the report as politics", "Ann Cole"),
])
def test_a_phrasal_answer_is_a_cue(text: str, needle: str, speaker: str) -> None:
    a = attribution_holding(attributed_doc(text), needle)
    assert a.speaker is not None and a.speaker.of(text) == speaker


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The mayor pushed back the vote to May.",  # postpones it
    "The storm knocked down the fence near the port.",
])
def test_the_same_verbs_doing_something_else_report_nothing(text: str) -> None:
    assert not attributed_doc(text).attributions
