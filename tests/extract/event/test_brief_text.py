"""Brief lines read as whole sentences (extract/event/brief.py): tables of texts we write."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from rashomon.api import write_json
from rashomon.extract.event.brief import (
    balance_quotes,
    clause_of,
    consensus_line,
    dispute_line,
    finish_sentence,
    trim_lead,
    whole_sentence,
)
from rashomon.model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    Boilerplate,
    Dispute,
    EventDoc,
    Evidence,
    MetaField,
    Sentence,
    Side,
    Span,
)
from rashomon.outputs.export import export
from rashomon.outputs.report import render_report
from rashomon.stages.brief import build_brief
from sample_event import hostile_event


def _quotes_balanced(text: str) -> bool:
    return (text.count("“") == text.count("”") and text.count("«") == text.count("»")
            and text.count('"') % 2 == 0)


@pytest.mark.parametrize(("raw", "expected"), [
    ("MOSCOW, March 25 (Reuters) - The Kremlin said on Monday that no country was immune.",
     "The Kremlin said on Monday that no country was immune."),
    ("KYIV — Officials reported heavy shelling overnight.",
     "Officials reported heavy shelling overnight."),
    ("(Reuters) - Two ministers resigned.", "Two ministers resigned."),
    ("• Schools stay closed on Friday.", "Schools stay closed on Friday."),
    ("By Jane Roe | Ten flights were cancelled.", "Ten flights were cancelled."),
    # not a dateline: an ordinary sentence that starts with an acronym is kept whole
    ("NATO allies met in Brussels.", "NATO allies met in Brussels."),
    ("US officials said the warning was specific.", "US officials said the warning was specific."),
])
def test_trim_lead(raw: str, expected: str) -> None:
    assert trim_lead(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("that the group “is solely responsible", "that the group “is solely responsible”"),
    ("too general,” the official said.", "“too general,” the official said."),
    ("He called it “pure blackmail” and “a lie", "He called it “pure blackmail” and “a lie”"),
    ('The mayor said "we are ready', 'The mayor said "we are ready"'),
    ('The mayor said "we are ready" on Monday.', 'The mayor said "we are ready" on Monday.'),
    ("Он назвал это «провокацией", "Он назвал это «провокацией»"),
    ("It's the workers' union's view.", "It's the workers' union's view."),
])
def test_balance_quotes(raw: str, expected: str) -> None:
    out = balance_quotes(raw)
    assert out == expected
    assert _quotes_balanced(out)


@pytest.mark.parametrize(("raw", "expected"), [
    ("that nearly 140 people were killed", "That nearly 140 people were killed."),
    ("however, the minister   tried to\nshift the blame.",
     "However, the minister tried to shift the blame."),
    ("the warnings were “too general", "The warnings were “too general”."),
    ("Was the warning ignored?", "Was the warning ignored?"),
    ("“We will rebuild,” she said", "“We will rebuild,” she said."),
    ("The count rose to 12;", "The count rose to 12."),
    ("“Stop.”", "“Stop.”"),
    ("", ""),
])
def test_finish_sentence(raw: str, expected: str) -> None:
    assert finish_sentence(raw) == expected


LONG = ("The council said on Tuesday that the bridge, which was built in 1962 and repaired "
        "twice since, would stay closed to all traffic until engineers finish a full "
        "inspection; the transport minister said it would reopen to cars within a week after "
        "a partial check of the main span.")


@pytest.mark.parametrize(("needle", "expected_start", "expected_end"), [
    ("reopen", "the transport minister said", "main span."),
    ("stay closed", "The council said on Tuesday", "full inspection"),
])
def test_clause_of_long_sentence_cuts_at_clause_breaks(needle: str, expected_start: str,
                                                       expected_end: str) -> None:
    clause = clause_of(LONG, LONG.index(needle))
    assert clause.startswith(expected_start) and clause.endswith(expected_end)
    assert clause in LONG  # whole words, verbatim


def test_clause_of_short_sentence_is_the_sentence() -> None:
    s = "The council said the bridge would stay closed."
    assert clause_of(s, 10) == s


def test_clause_of_never_cuts_inside_a_quotation() -> None:
    s = ("The minister, speaking after a long meeting with regional leaders and union "
         "representatives, said “the plant will close; the workers will be paid until "
         "March” and left without taking questions from the reporters who were waiting.")
    clause = clause_of(s, s.index("workers"))
    assert "the plant will close; the workers will be paid" in clause
    assert _quotes_balanced(clause)


# --- lines built from an event -----------------------------------------------------------

def _doc(text: str, outlet: str, boilerplate: tuple[str, ...] = ()) -> ArticleDoc:
    aid = Article.make_id(text + outlet)
    sents = []
    for m in re.finditer(r"[^.!?]+[.!?]+[”\"]?", text):
        s, e = m.start(), m.end()
        while text[s].isspace():
            s += 1
        sents.append(Sentence(article_id=aid, span=Span(s, e)))
    bps = tuple(Boilerplate(article_id=aid, span=Span(text.index(b), text.index(b) + len(b)),
                            reason="byline") for b in boilerplate)
    return ArticleDoc(article=Article(id=aid, source=f"{outlet}.txt", text=text),
                      meta=ArticleMeta(outlet=MetaField(value=outlet, origin="declared")),
                      sentences=tuple(sents), boilerplate=bps)


def _ev(doc: ArticleDoc, needle: str) -> Evidence:
    i = doc.text.index(needle)
    return Evidence(article_id=doc.id, span=Span(i, i + len(needle)))


LEDGER = _doc("By Ann Lee\nOfficials said the dam “held through the night. Water levels fell "
              "by Tuesday. The mayor said the levee was never at risk.", "Ledger",
              boilerplate=("By Ann Lee\n",))
TIMES = _doc("The dam held through the night, engineers said. The levee nearly failed on "
             "Monday, according to a county engineer, who said “the water was inches from "
             "the top.” Residents were told to leave.", "Times")
WIRE = _doc("The dam held through the night, engineers said. Water levels fell by Tuesday.",
            "Wire")
QUOTES = _doc("“The plant will reopen,” said Ann Lee. “Crews worked all night,” he said. "
              "The company expects a full recovery.", "Post")
HOSTILE = _doc("Officials said <script>alert(1)</script> the levee \u202egave way\u202c. "
               "Nothing else.", "Evil <b>")
EVENT = EventDoc(id="e", name="flood", docs=(LEDGER, TIMES, WIRE, QUOTES, HOSTILE))


def _assert_readable(text: str) -> None:
    assert _quotes_balanced(text), text
    first = next(c for c in text if c.isalpha())
    assert first.isupper(), text
    assert text.rstrip("”»\"')").endswith((".", "?", "!")) or text.endswith(")"), text


@pytest.mark.parametrize(("evidence", "outlets", "independent", "expected"), [
    # the claim is a fragment; the line gives its whole sentence, byline dropped, quote closed
    ([(LEDGER, "the dam “held through"), (TIMES, "The dam held through the night")], 2, 2,
     "The dam held through the night, engineers said. — reported by 2 outlets (2 independent)"),
    ([(LEDGER, "Water levels fell"), (WIRE, "Water levels fell")], 2, 1,
     "Water levels fell by Tuesday. — reported by 2 outlets (1 independent)"),
])
def test_consensus_line_is_a_whole_sentence_with_its_backing(
        evidence: list[tuple[ArticleDoc, str]], outlets: int, independent: int,
        expected: str) -> None:
    line = consensus_line(EVENT, [_ev(d, n) for d, n in evidence], n_outlets=outlets,
                          n_independent=independent)
    assert line is not None and line.section == "consensus"
    assert line.text == expected
    _assert_readable(line.text.split(" — ")[0])
    for c in line.citations:  # every citation is a whole sentence (less a glued byline)
        doc = EVENT.doc(c.article_id)
        assert any(s.span.start <= c.span.start and s.span.end == c.span.end
                   for s in doc.sentences)


def test_consensus_line_prefers_a_sentence_that_stands_alone() -> None:
    # "Officials said the dam “held ..." has an unclosed quote and follows a byline; the
    # engineers' sentence reads better and is chosen even when listed second
    line = consensus_line(EVENT, [_ev(LEDGER, "held through"), _ev(TIMES, "held through")],
                          n_outlets=2, n_independent=2)
    assert line is not None and line.text.startswith("The dam held through the night")
    assert line.citations[0] == whole_sentence(EVENT, _ev(TIMES, "held through"))


@pytest.mark.parametrize(("needle", "speaker", "expected"), [
    # a sentence with capitalised words outside its quotation is taken to say who speaks
    ("the water was inches", "Dale Porter",
     "The levee nearly failed on Monday, according to a county engineer, who said “the water "
     "was inches from the top.” — reported by 1 outlet"),
    # a sentence that gives only the role gets the name too
    ("never at risk", "Mayor Ida Brenner",
     "The mayor said the levee was never at risk. (Mayor Ida Brenner) — reported by 1 outlet"),
    # a sentence that names the speaker (by the name's last word) is left as it is
    ("held through the night, engineers", "engineers",
     "The dam held through the night, engineers said. — reported by 1 outlet"),
    # one that names someone else is left too (the attribution may be wrong, the text is not)
    ("plant will reopen", "The report",
     "“The plant will reopen,” said Ann Lee. — reported by 1 outlet"),
    # "..., he said": the pronoun is resolved by the name
    ("Crews worked", "Dale Porter",
     "“Crews worked all night,” he said. (Dale Porter) — reported by 1 outlet"),
])
def test_consensus_line_says_who_said_a_quotation(needle: str, speaker: str,
                                                  expected: str) -> None:
    doc = next(d for d in (LEDGER, TIMES, QUOTES) if needle in d.text)
    line = consensus_line(EVENT, [_ev(doc, needle)], n_outlets=1, n_independent=1,
                          speaker=speaker)
    assert line is not None and line.text == expected


def test_whole_sentence_drops_a_glued_byline() -> None:
    whole = whole_sentence(EVENT, _ev(LEDGER, "held through"))
    assert LEDGER.text[whole.span.start:whole.span.end].startswith("Officials said")


def test_dispute_line_quotes_a_clause_per_side_with_counts() -> None:
    d = Dispute(id="d", question="was the levee at risk", kind="polarity", score=1.0, sides=(
        Side(position="no", holders=("the mayor",), outlets=("Ledger",),
             evidence=(_ev(LEDGER, "never at risk"),)),
        Side(position="yes", holders=("a county engineer",), outlets=("Times",),
             evidence=(_ev(TIMES, "nearly failed"),)),
    ))
    line = dispute_line(EVENT, d)
    assert line is not None and line.section == "dispute"
    assert line.text == (
        "Was the levee at risk? “The mayor said the levee was never at risk” (1 outlet); "
        "“The levee nearly failed on Monday, according to a county engineer, who said "
        "‘the water was inches from the top.’” (1 outlet).")
    _assert_readable(line.text)
    assert line.citations[:2] == (whole_sentence(EVENT, _ev(LEDGER, "never at risk")),
                                  whole_sentence(EVENT, _ev(TIMES, "nearly failed")))


def test_dispute_line_names_outlets_when_no_holder_is_quoted() -> None:
    d = Dispute(id="d", question="Did water levels fall?", kind="explicit", score=1.0, sides=(
        Side(position="yes", holders=(), outlets=("Ledger", "Wire"),
             evidence=(_ev(LEDGER, "Water levels fell"), _ev(WIRE, "Water levels fell"))),
        Side(position="no", holders=("residents",), outlets=("Times",),
             evidence=(_ev(TIMES, "Residents were told"),)),
    ))
    line = dispute_line(EVENT, d)
    assert line is not None
    assert line.text.startswith("Did water levels fall? According to Ledger and Wire "
                                "(2 outlets, 2 independent), “Water levels fell by Tuesday”; ")
    assert line.text.endswith("“Residents were told to leave” (1 outlet).")
    _assert_readable(line.text)


def test_dispute_line_needs_two_sides_with_their_own_evidence() -> None:
    no_evidence = Dispute(id="d", question="Why?", kind="explicit", score=1.0, sides=(
        Side(position="x", holders=(), outlets=(), evidence=()),
        Side(position="y", holders=("residents",), outlets=("Times",),
             evidence=(_ev(TIMES, "Residents were told"),))))
    assert dispute_line(EVENT, no_evidence) is None
    # both sides cite one sentence: quoting it twice would show no disagreement
    same = Dispute(id="d", question="Did water levels fall?", kind="explicit", score=1.0,
                   sides=(Side(position="yes", holders=(), outlets=("Ledger",),
                               evidence=(_ev(LEDGER, "Water levels fell"),)),
                          Side(position="no", holders=(), outlets=("Ledger",),
                               evidence=(_ev(LEDGER, "Water levels fell"),))))
    assert dispute_line(EVENT, same) is None


def test_hostile_text_is_kept_verbatim_for_the_outputs_to_escape() -> None:
    d = Dispute(id="d", question="Did the levee <i>give way</i>", kind="explicit", score=1.0,
                sides=(Side(position="yes", holders=("officials",), outlets=("Evil <b>",),
                            evidence=(_ev(HOSTILE, "gave way"),)),
                       Side(position="no", holders=("the mayor",), outlets=("Ledger",),
                            evidence=(_ev(LEDGER, "never at risk"),))))
    line = dispute_line(EVENT, d)
    assert line is not None
    # markup stays as written (every output escapes it); bidi controls become visible escapes
    assert line.text.startswith("Did the levee <i>give way</i>? “Officials said "
                                "<script>alert(1)</script> the levee \\u202egave way\\u202c” "
                                "(1 outlet); ")
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", line.text)


def test_hostile_brief_is_escaped_in_the_report_and_markdown(tmp_path: Path) -> None:
    ev = hostile_event()
    bidi = "Officials \u202esaid\u202c the ferry was not insured <b>at all</b>."
    doc = ev.docs[-1]
    text = doc.text + "\n" + bidi
    start = len(doc.text) + 1
    doc = replace(doc, article=replace(doc.article, text=text), sentences=(
        *doc.sentences, Sentence(article_id=doc.id, span=Span(start, len(text)))))
    side = replace(ev.disputes[0].sides[0], evidence=(
        Evidence(article_id=doc.id, span=Span(start, start + 9)),))
    ev = replace(ev, docs=(*ev.docs[:-1], doc), disputes=(
        replace(ev.disputes[0], sides=(side, *ev.disputes[0].sides[1:])), *ev.disputes[1:]))
    ev = replace(ev, brief=tuple(build_brief(ev)))
    line = next(b for b in ev.brief if b.section == "dispute")
    assert "\\u202esaid\\u202c" in line.text and "<b>at all</b>" in line.text
    html = render_report(ev)
    assert "&lt;b&gt;at all&lt;/b&gt;" in html and "<b>at all</b>" not in html
    write_json(ev, tmp_path / "analysis.json")
    (md,) = export(tmp_path, "md")
    body = md.read_text(encoding="utf-8").split("## Brief")[1].split("## Disputes")[0]
    assert "\\u202esaid" in body and "\u202e" not in body
    assert "<b>" not in body
