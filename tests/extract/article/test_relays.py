"""Tests for relay finding (extract/article/relays.py) and outlet names (outlets.py)."""

from __future__ import annotations

import time

import pytest

from rashomon.extract.article.outlets import outlet_names, tokenize
from rashomon.extract.article.relays import drop_own, find_relays, wire_credits
from rashomon.model import Relay, Span


def _relays(text: str) -> list[tuple[str, str]]:
    return [(r.outlet, r.cue) for r in find_relays(text, [Span(0, len(text))])]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a cue right before the name
        ("The mayor resigned, according to the Harbour Gazette.",
         [("Harbour Gazette", "according to")]),
        ('"We will rebuild," the mayor told CNN.', [("CNN", "told")]),
        ("The mayor, telling Reuters that she would stay, left.", [("Reuters", "told")]),
        ("The port stays shut, per the Journal of Commerce.", [("Journal of Commerce", "per")]),
        # a preposition and the trigger before it
        ("The mayor said on CNN Friday that the port would reopen.", [("CNN", "appeared on")]),
        ("In an interview with WKLN Monday, the mayor defended the plan.",
         [("WKLN", "interview")]),
        ("The mayor told Dana Whitfield of MSNBC that the plan was sound.", [("MSNBC", "told")]),
        ("The deal was first reported by the Valmor Star.", [("Valmor Star", "first reported")]),
        ("The story was first reported by Ana Ruiz at The Harbour Line.",
         [("Harbour Line", "first reported")]),
        ("The governor wrote in The St. Albans Courier that he would veto it.",
         [("St. Albans Courier", "wrote in")]),
        ("She denounced the leak of the memo to The Guardian and The Washington Post.",
         [("The Guardian", "leaked to"), ("The Washington Post", "leaked to")]),
        ("A new report in The Guardian cited a second memo.", [("The Guardian", "reported by")]),
        ('The senator appeared on CBS\' "Face the Nation."', [("CBS News", "appeared on")]),
        ("The senator said on the ABC News program “This Week” that he would run.",
         [("ABC News", "appeared on")]),
        # a cue after the name
        ("The Denver Post has reported that the lawsuit will be filed.",
         [("Denver Post", "reports")]),
        ("Politico was first to report the charges.", [("Politico", "first reported")]),
        ("As the Washington Examiner's Phillip Klein notes, the cut is real.",
         [("Washington Examiner", "reports")]),
        ("FactCheck.org rated the ad as false.", [("FactCheck.org", "reports")]),
        ("An NBC News/Wall Street Journal poll showed him ahead.",
         [("NBC News", "reports"), ("The Wall Street Journal", "reports")]),
        ("Reporters from The New York Times and Reuters were on the ground.",
         [("The New York Times", "reported by"), ("Reuters", "reported by")]),
        # not relays
        ("The dam failed, according to local officials.", []),
        ("The vote was held, according to the Guardian Council of Iran.", []),
        ("The Medical Examiner said the cause was drowning.", []),
        ("WHO said the outbreak was over.", []),
        ("The ad aired on a new TV channel.", []),
        ("Today's story distorts the record.", []),
        ("Majority Leader Harry Reid said the vote would wait.", []),
    ],
)
def test_relay_relations(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _relays(sentence) == expected


def test_relay_spans_cover_the_outlet_and_the_cue() -> None:
    text = "The deal, first reported by the Valmor Star on Monday, collapsed."
    (relay,) = find_relays(text, [Span(0, len(text))])
    assert text[relay.span.start : relay.span.end] == "Valmor Star"
    assert relay.cue_span is not None
    assert text[relay.cue_span.start : relay.cue_span.end] == "reported by"


def test_wire_credit_opens_a_line() -> None:
    text = "Pot law defended\n\nDenver (AP) – The attorney general vowed to fight."
    (relay,) = wire_credits(text, [Span(0, len(text))])
    assert (relay.outlet, relay.cue) == ("Associated Press", "wire")
    assert text[relay.span.start : relay.span.end] == "AP"
    assert _relays(text) == [("Associated Press", "wire")]


@pytest.mark.parametrize(
    ("text", "own", "kept"),
    [
        # the article's own outlet is never its relay, under any of its names
        ('"It was a prank," he told Fox News.', ["Fox News"], []),
        ("He told The Huffington Post that he would stay.", ["HuffPost"], []),
        # a short name is the article's own outlet, or the fuller outlet it named before
        ("He told the Times he had misspoken.", ["The New York Times"], []),
        ("He told the Times he had misspoken.", ["Fox News"], ["Times"]),
        ("The Wall Street Journal reported it first. The Journal said more.", ["HuffPost"],
         ["The Wall Street Journal", "The Wall Street Journal"]),
        ("The mayor told CNN she would stay.", ["Fox News"], ["CNN"]),
    ],
)
def test_drop_own(text: str, own: list[str], kept: list[str]) -> None:
    relays = list(find_relays(text, [Span(0, len(text))]))
    assert relays  # the cue was found; only the article's own outlet is dropped
    assert [r.outlet for r in drop_own(relays, own)] == kept


def test_sources_drop_only_the_exact_site() -> None:
    relay = Relay(outlet="Reuters", span=Span(0, 7), cue="reports")
    assert drop_own([relay], [], sources=["reuters"]) == ()
    assert drop_own([relay], [], sources=["reutersreport"]) == (relay,)


def test_outlet_names_by_shape() -> None:
    text = "told KTRS radio, wrote in the Kansas City Star and on BigGovernment.com"
    toks = tokenize(text)
    got = [(n.name, n.kind) for n in outlet_names(text, toks)]
    assert got == [("KTRS", "call-sign"), ("Kansas City Star", "worded"),
                   ("BigGovernment.com", "domain")]


def _best_time(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        list(find_relays(text, [Span(0, len(text))]))
        best = min(best, time.perf_counter() - start)
    return best


def test_a_run_of_letters_takes_well_under_a_second() -> None:
    # The old unanchored patterns took minutes on this; every rule now reads a bounded number
    # of tokens, and a run of letters is one token.
    assert _best_time("A" * 100_000) < 1.0


@pytest.mark.parametrize(
    "unit",
    ["A ", "the Times reported ", "According to ", "by Greg Sargent at The ", "Denver (AP) - ",
     "told KTVI. ", "Fox affiliate "],
)
def test_relays_scale_linearly(unit: str) -> None:
    # Four times the text takes about four times as long (a quadratic rule would take 16).
    small = unit * (20_000 // len(unit))
    large = unit * (80_000 // len(unit))
    assert _best_time(large) < 8 * _best_time(small) + 0.05
