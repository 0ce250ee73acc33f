"""Tests for metadata inference: crocus via shared_dir, invented examples, declared fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.article.metadata import find_relays, resolve_outlet
from rashomon.model import Article, ArticleDoc, Span
from rashomon.registry import registry


def _analyse(text: str, source: str = "t.txt", **declared: str) -> ArticleDoc:
    clean = registry.get("clean.lines.v1").factory()
    meta = registry.get("meta.rules.v1").factory()
    article = Article(id=Article.make_id(text), source=source, text=text, **declared)
    out: ArticleDoc = meta(clean(ArticleDoc(article=article)))
    return out


def _crocus(crocus_dir: Path, key: str) -> ArticleDoc:
    (path,) = crocus_dir.glob(f"{key}_*.txt")
    return _analyse(path.read_text(encoding="utf-8"))


def _of(doc: ArticleDoc, span: Span | None) -> str:
    assert span is not None
    return doc.text[span.start : span.end]


@pytest.mark.parametrize(
    ("key", "date", "surface"),
    [("000", None, None), ("001", "2024-03-28", "2024-03-28"), ("002", None, None),
     ("004", "2024-03-27", "1:57 PM EDT, March 27, 2024")],
)  # fmt: skip
def test_crocus_dates(crocus_dir: Path, key: str, date: str | None, surface: str | None) -> None:
    doc = _crocus(crocus_dir, key)
    if date is None:
        # 000 states no publication date; 002 has one only in a photo caption (not used).
        assert doc.meta.published is None
        return
    assert doc.meta.published is not None
    assert doc.meta.published.value == date
    assert doc.meta.published.origin == "inferred"
    assert _of(doc, doc.meta.published.span) == surface


@pytest.mark.parametrize(
    ("key", "author"), [("001", "Petr Ermilin"), ("002", "Guy Faulconbridge"), ("004", None)]
)
def test_crocus_authors(crocus_dir: Path, key: str, author: str | None) -> None:
    doc = _crocus(crocus_dir, key)
    if author is None:
        assert doc.meta.author is None
        return
    assert doc.meta.author is not None and doc.meta.author.value == author
    assert _of(doc, doc.meta.author.span) == author
    # The byline is metadata, not body.
    assert author not in doc.body


def test_crocus_translation_note(crocus_dir: Path) -> None:
    doc = _crocus(crocus_dir, "000")
    note = doc.meta.translated_from
    assert note is not None and note.value == "Romanian"
    assert _of(doc, note.span).endswith("Romanian")
    assert _crocus(crocus_dir, "001").meta.translated_from is None


@pytest.mark.parametrize(
    ("key", "outlets"),
    [
        ("000", {"The Washington Post", "Interfax"}),
        ("001", {"The New York Times"}),
        ("002", set()),
        ("004", {"Bloomberg"}),
    ],
)
def test_crocus_relays(crocus_dir: Path, key: str, outlets: set[str]) -> None:
    doc = _crocus(crocus_dir, key)
    assert {r.outlet for r in doc.meta.relays} == outlets
    for relay in doc.meta.relays:
        surface = _of(doc, relay.span)
        assert resolve_outlet(surface) == relay.outlet or surface == relay.outlet
        assert relay.cue


def test_crocus_relay_cues(crocus_dir: Path) -> None:
    doc = _crocus(crocus_dir, "000")
    by_surface = {_of(doc, r.span): r.cue for r in doc.meta.relays}
    assert by_surface["WP"] == "according to"
    assert by_surface["Interfax"] == "according to"
    assert by_surface["Washington Post"] == "reported by"
    bloomberg = _crocus(crocus_dir, "004")
    assert {r.cue for r in bloomberg.meta.relays} >= {"according to", "reports", "sources"}


def test_crocus_titles_language_and_outlet(crocus_dir: Path) -> None:
    doc = _crocus(crocus_dir, "003")
    assert doc.meta.title is not None
    assert _of(doc, doc.meta.title.span) == doc.meta.title.value
    assert doc.meta.title.value.endswith("ISIS-K?")
    assert doc.meta.language is not None and doc.meta.language.value == "en"
    # 002 credits its own photographer in the agency's "Agency/Photographer" form.
    reuters = _crocus(crocus_dir, "002")
    assert reuters.meta.outlet is not None and reuters.meta.outlet.value == "Reuters"
    assert reuters.meta.outlet.origin == "inferred"
    assert doc.meta.outlet is None
    # No other crocus report names its own site: a photo agency's "© East News | ..." credit
    # and section menus are not outlets.
    for key in ("000", "001", "003", "004"):
        assert _crocus(crocus_dir, key).meta.outlet is None, key


# --------------------------------------------------------------------------------------------
# Invented articles

WIRE = "\n".join(
    [
        "Ferry capsizes off northern coast, dozens rescued",
        "",
        "Published 11 June 2025",
        "By Anna Novak and Piet de Vries",
        "",
        "HARBOURTOWN (AFP) - A passenger ferry capsized in rough seas on Tuesday, and "
        "coastguard crews pulled 41 people from the water, according to the regional "
        "coastguard.",
        "",
        "The Kommersant newspaper reported that the vessel had failed an inspection last "
        "year, while the state news agency Yonhap said two crew members were missing.",
        "",
        'According to police, the captain was detained. "We are still searching," a '
        "rescuer told the BBC.",
        "",
        "Translated from the French.",
        "",
    ]
)


def test_invented_wire_story() -> None:
    doc = _analyse(WIRE)
    meta = doc.meta
    assert meta.published is not None and meta.published.value == "2025-06-11"
    assert _of(doc, meta.published.span) == "11 June 2025"
    assert meta.author is not None
    assert _of(doc, meta.author.span) == "Anna Novak and Piet de Vries"
    assert meta.outlet is not None and meta.outlet.value == "Agence France-Presse"
    assert _of(doc, meta.outlet.span) == "AFP"
    assert meta.translated_from is not None and meta.translated_from.value == "French"
    assert meta.title is not None and meta.title.value.startswith("Ferry capsizes")
    relays = [(r.outlet, _of(doc, r.span), r.cue) for r in meta.relays]
    assert relays == [
        ("Kommersant", "Kommersant", "reports"),
        ("Yonhap", "Yonhap", "reports"),
        ("BBC", "BBC", "told"),
    ]
    # "according to the regional coastguard" and "According to police" are not outlets.
    assert all(r.outlet not in {"police", "regional coastguard"} for r in meta.relays)


@pytest.mark.parametrize(
    ("sentence", "outlets"),
    [
        ("The minister resigned, according to the Financial Times.", ["Financial Times"]),
        ("The deal is off, NYT reports, citing two officials.", ["The New York Times"]),
        ("Prices rose, the Kyiv Independent reports.", ["The Kyiv Independent"]),
        ("The plan was first reported by WaPo on Monday.", ["The Washington Post"]),
        ("Talks stalled, the Vedomosti daily wrote.", ["Vedomosti"]),
        ("Three died, according to the pro-Kremlin outlet Readovka.", ["Readovka"]),
        ("The dam failed, according to local officials.", []),
        ("The dam failed, according to the Russian news agency.", []),
        ("Officials reported that the dam failed.", []),
        ("The vote was held, according to the Guardian Council of Iran.", []),
    ],
)
def test_relay_patterns(sentence: str, outlets: list[str]) -> None:
    got = list(find_relays(sentence, [Span(0, len(sentence))]))
    assert [r.outlet for r in got] == outlets
    for r in got:
        assert sentence[r.span.start : r.span.end] in sentence
        assert resolve_outlet(sentence[r.span.start : r.span.end]) in (r.outlet, None)


def test_declared_fields_win() -> None:
    doc = _analyse(
        WIRE, title="Declared title", published="2025-06-12", author="Desk", outlet="Example News"
    )
    assert doc.meta.title is not None and doc.meta.title.value == "Declared title"
    assert doc.meta.title.origin == "declared" and doc.meta.title.span is None
    assert doc.meta.published is not None and doc.meta.published.value == "2025-06-12"
    assert doc.meta.author is not None and doc.meta.author.origin == "declared"
    assert doc.meta.outlet is not None and doc.meta.outlet.value == "Example News"
    # What was not declared is still inferred.
    assert doc.meta.translated_from is not None


def test_dates_in_body_sentences_are_not_publication_dates() -> None:
    text = (
        "Town marks anniversary of the great fire\n\n"
        "On March 3, 2019, a fire destroyed the old market, and the town rebuilt it within two "
        "years, the mayor said at a ceremony.\n\n"
        "Residents laid flowers at the new gates, and a choir sang songs written for the day.\n"
    )
    assert _analyse(text).meta.published is None


def test_updated_date_only_without_published() -> None:
    text = (
        "Bridge reopens after repairs\n"
        "Updated 2 May 2025\n"
        "Published 30 April 2025\n\n"
        "The bridge reopened to traffic on Wednesday after six weeks of repairs, the transport "
        "office said, and buses will return to their usual routes next week.\n"
    )
    doc = _analyse(text)
    assert doc.meta.published is not None and doc.meta.published.value == "2025-04-30"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Author's name Jonas Berg", "Jonas Berg"),
        ("Author`s name Jonas Berg", "Jonas Berg"),
        ("Written by: Mei Tanaka", "Mei Tanaka"),
        ("BY LENA FISCHER", "LENA FISCHER"),
    ],
)
def test_bylines(line: str, author: str) -> None:
    body = (
        "The library will open a new reading room in the autumn, the city said on Friday, "
        "after a donation from a local family covered most of the cost."
    )
    text = f"Library to open reading room\n\n{body}\n\n{line}\n"
    doc = _analyse(text)
    assert doc.meta.author is not None and doc.meta.author.value == author
    assert _of(doc, doc.meta.author.span) == author


def test_language_of_body() -> None:
    text = (
        "Neue Brücke eröffnet\n\n"
        "Die neue Brücke über den Fluss wurde am Montag eröffnet, wie die Stadtverwaltung "
        "mitteilte. Der Verkehr soll sich dadurch deutlich verbessern.\n"
    )
    doc = _analyse(text)
    assert doc.meta.language is not None and doc.meta.language.value == "de"


def test_no_metadata_in_empty_text() -> None:
    doc = _analyse("")
    assert doc.meta.title is None and doc.meta.published is None and doc.meta.relays == ()
    assert doc.meta.language is None


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    text = (
        "Ferry timetable changes\n\n"
        "By Tuesday, the operator had cancelled six crossings because of high winds, and "
        "passengers were offered refunds or seats on later boats.\n"
    )
    assert _analyse(text).meta.author is None


def test_wire_sign_off_gives_the_author() -> None:
    text = (
        "Ferry operator cancels crossings\n\n"
        "The operator cancelled six crossings on Tuesday because of high winds, and passengers "
        "were offered refunds or seats on later boats, a spokesman said.\n\n"
        "Reporting by Ines Alvarez; Editing by Tom Hale\n"
    )
    doc = _analyse(text)
    assert doc.meta.author is not None and doc.meta.author.value == "Ines Alvarez"
    assert "Editing by" not in doc.body


def test_syndication_note_is_a_relay() -> None:
    text = (
        "Drought forces early cattle sales\n\n"
        "Farmers across the southern plains are selling cattle months ahead of schedule as the "
        "drought dries up pasture, ranchers said on Monday.\n\n"
        "This article was originally published on The Prairie Ledger.\n"
    )
    doc = _analyse(text)
    (relay,) = doc.meta.relays
    assert relay.outlet == "Prairie Ledger" and relay.cue == "originally published"
    assert _of(doc, relay.span) == "Prairie Ledger"
    assert "originally published" not in doc.body


_PIECES = [
    "Storm closes harbour",
    "Published 3 May 2025",
    "By Ana Ruiz",
    "The harbour closed on Friday after the storm, according to Reuters.",
    "Officials said the port would reopen soon, the Harbour Gazette reported.",
    "The article is in Spanish",
    "Photo: Port office",
    "according to",
    "",
]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=9), st.text(max_size=40))
def test_meta_spans_point_at_their_values(pieces: list[str], noise: str) -> None:
    text = "\n".join(pieces) + "\n" + noise
    doc = _analyse(text)
    for span in doc.all_spans():
        assert 0 <= span.start <= span.end <= len(text)
    for f in (doc.meta.title, doc.meta.author):
        if f is not None:
            assert _of(doc, f.span) == f.value
    for relay in doc.meta.relays:
        assert _of(doc, relay.span).strip() == _of(doc, relay.span)


def test_own_outlet_from_copyright_notice_not_from_photo_credit() -> None:
    from rashomon.extract.article.metadata import infer_outlet
    from rashomon.model import Boilerplate, Span

    text = (
        "Ferry delayed by storm\n"
        "Images source: © Coastline Photos | Mara Voss\n"
        "The ferry to Porto Vell sailed six hours late on Sunday.\n"
        "© 2026 Harbour Watch. All rights reserved.\n"
    )

    def mark(line: str, reason: str) -> Boilerplate:
        start = text.index(line)
        return Boilerplate(article_id="a", span=Span(start, start + len(line)), reason=reason)

    credit = mark("Images source: © Coastline Photos | Mara Voss", "caption")
    notice = mark("© 2026 Harbour Watch. All rights reserved.", "copyright")
    found = infer_outlet(text, [credit, notice])
    assert found is not None and found.span is not None
    assert found.value == "Harbour Watch"
    assert text[found.span.start : found.span.end] == "Harbour Watch"
    assert infer_outlet(text, [credit]) is None


_MASTHEAD_STORY = (
    "{masthead}\n"
    "Home | News | Opinion | Contact\n"
    "Published 2 March 2026\n"
    "The ferry must not be allowed to sail again\n"
    "By Ola Brandt\n\n"
    "The ferry that ran aground on Sunday had failed two inspections, and the harbour board "
    "knew it, the coastguard said on Monday after a week of questions from residents.\n\n"
    "The operator said the ship was safe and that it would cooperate with the inquiry.\n"
)


@pytest.mark.parametrize(
    ("masthead", "outlet", "surface"),
    [
        ("THE HILLTOWN GAZETTE", "The Hilltown Gazette", "THE HILLTOWN GAZETTE"),
        ("The Fjordside Herald", "The Fjordside Herald", "The Fjordside Herald"),
        ("THE DAILY TELEGRAPH", "The Telegraph", "THE DAILY TELEGRAPH"),  # a known outlet
        ("WORLD NEWS", None, None),  # a section label, not a publication's name
        ("Related News", None, None),
        ("OPINION", None, None),
    ],
)
def test_masthead_line_names_the_outlet(
    masthead: str, outlet: str | None, surface: str | None
) -> None:
    doc = _analyse(_MASTHEAD_STORY.format(masthead=masthead))
    if outlet is None:
        assert doc.meta.outlet is None
        return
    assert doc.meta.outlet is not None and doc.meta.outlet.value == outlet
    assert _of(doc, doc.meta.outlet.span) == surface
    # The masthead is no headline: the title is the first headline-shaped line below it.
    assert doc.meta.title is not None
    assert _of(doc, doc.meta.title.span) == "The ferry must not be allowed to sail again"


def test_outlet_name_inside_the_body_is_no_masthead() -> None:
    text = (
        "Ferry returns to service\n\n"
        "The ferry returned to service on Monday after repairs, the operator said, and the first "
        "crossing left on time with forty passengers on board.\n\n"
        "The Hilltown Gazette\n\n"
        "Residents said they were relieved that the service was running again after a month.\n"
    )
    assert _analyse(text).meta.outlet is None


_CREDIT_STORY = (
    "Ferry delayed by storm\n\n"
    "Images source: \u00a9 Valley24 | Mara Voss\n"
    "9:14 AM EDT, March 2, 2026\n\n"
    "The ferry to Porto Vell sailed six hours late on Sunday because of the storm, the operator "
    "said, and passengers were offered hot meals while they waited in the terminal.\n"
)


@pytest.mark.parametrize(
    ("source", "url", "outlet"),
    [
        ("saved/valley24_live.txt", None, "Valley24"),
        ("feed.jsonl:3", "https://www.valley24.example/news/ferry", "Valley24"),
        ("saved/ferry_story.txt", None, None),  # the credit alone may be a photo agency's
        ("saved/ferry_story.txt", "https://harbourwatch.example/ferry", None),
    ],
)
def test_credit_confirmed_by_the_address_names_the_outlet(
    source: str, url: str | None, outlet: str | None
) -> None:
    doc = _analyse(_CREDIT_STORY, source=source, **({"url": url} if url else {}))
    if outlet is None:
        assert doc.meta.outlet is None
        return
    assert doc.meta.outlet is not None and doc.meta.outlet.value == outlet
    assert _of(doc, doc.meta.outlet.span) == "Valley24"


def test_source_names() -> None:
    from rashomon.extract.article.metadata import source_names

    art = Article(
        id="x",
        source="/data/in/hilltown_gazette_opinion.txt",
        text="",
        url="https://www.kestrelpost.example/world/2026/03/02/story/",
    )
    assert source_names(art) == ("kestrelpost", "hilltowngazetteopinion")
    assert source_names(Article(id="y", source="feeds.jsonl:2", text="")) == ("feeds",)
