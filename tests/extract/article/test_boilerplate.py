"""Tests for boilerplate marking: the real crocus files, invented snippets, and invariants."""

from __future__ import annotations

import hashlib
import json
import textwrap
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.article.boilerplate import (
    FEATURE_NAMES,
    classify_lines,
    featurize,
    find_boilerplate,
    load_model,
    split_lines,
    wrapped_units,
)
from rashomon.extract.article.line_context import (
    CONTEXT_FEATURE_NAMES,
    best_region,
    context_features,
)
from rashomon.model import Article, ArticleDoc
from rashomon.registry import registry

# Expected decisions for every non-empty line of the five crocus files, by index among the
# non-empty lines and the first 8 hex digits of the sha1 of the stripped line (no text copied).
JUNK: dict[str, list[tuple[int, str, str]]] = {
    "000": [
        (0, "bd425594", "title"),
        (2, "0f4b0ef6", "caption"),
        (3, "0f4b0ef6", "caption"),
        (19, "5fc13eb0", "translation-note"),
        (20, "9fb4a73b", "tags"),
        (21, "98569790", "teaser"),
        (22, "9777d656", "teaser"),
    ],
    "001": [
        (0, "a818dc6f", "navigation"),
        (1, "39290a92", "title"),
        (3, "88d67e1c", "caption"),
        (14, "8b996884", "byline"),
        (15, "808c3ddc", "byline"),
    ],
    "002": [
        (0, "be504f61", "navigation"),
        (1, "91ff466a", "title"),
        (2, "47742d68", "read-time"),
        (3, "9d876232", "repeated"),
        (4, "620111d1", "caption"),
        (23, "ed42cf62", "byline"),
        (24, "848eed0f", "tags"),
        (25, "917df91e", "related"),
        (26, "6e5c2fcb", "related"),
        (27, "152a25ce", "related"),
        (28, "5ba170bb", "related"),
        (29, "18aa89f7", "related"),
        (30, "880779d7", "related"),
        (31, "7a484ae4", "related"),
        (32, "3ae5a4f2", "newsletter"),
        (33, "393e6c65", "promo"),
        (34, "3cf485ff", "cookie"),
        (35, "13c7fc03", "cookie"),
    ],
    "003": [(0, "97aca1e0", "title"), (10, "05a00a0c", "editor-mark")],
    "004": [
        (0, "15e02bf4", "repeated"),
        (1, "4a20d50e", "title"),
        (2, "a64be685", "repeated"),
        (3, "a64be685", "repeated"),
        (4, "914dec52", "caption"),
        (5, "312a20b4", "dateline"),
        (7, "d96ffe0d", "promo"),
        (22, "f8b548c2", "related"),
    ],
}
NEWS: dict[str, list[tuple[int, str]]] = {
    "000": [
        (1, "8ae1afa1"),
        (4, "3dd5551d"),
        (5, "8eb94453"),
        (6, "b9e0cd45"),
        (7, "2266997a"),
        (8, "2bc92e6e"),
        (9, "8f9bd73a"),
        (10, "f9da565f"),
        (11, "57c410d1"),
        (12, "34154d6b"),
        (13, "548be7c9"),
        (14, "56d23f8c"),
        (15, "f302bde0"),
        (16, "1c02e3e3"),
        (17, "1332767d"),
        (18, "8a93ced6"),
    ],
    "001": [
        (2, "983a55c0"),
        (4, "2f4a713c"),
        (5, "1dd7af44"),
        (6, "fbb53785"),
        (7, "bcee2c8c"),
        (8, "5611b990"),
        (9, "64175c0d"),
        (10, "0e6f66a8"),
        (11, "1ad47d50"),
        (12, "8baa3551"),
        (13, "1f675ed1"),
    ],
    "002": [
        (5, "9d876232"),
        (6, "ceca7ea7"),
        (7, "3903ced6"),
        (8, "74bec6d3"),
        (9, "e7197d2b"),
        (10, "9ea6439f"),
        (11, "d4ba3986"),
        (12, "521281cd"),
        (13, "207782f7"),
        (14, "86d67396"),
        (15, "1eadc400"),
        (16, "fa07c8e4"),
        (17, "0092155a"),
        (18, "8196b48b"),
        (19, "73262efe"),
        (20, "6d5d6079"),
        (21, "039dc344"),
        (22, "5ef69915"),
    ],
    "003": [
        (1, "65bb316f"),
        (2, "59e2a989"),
        (3, "1104107a"),
        (4, "461b5d12"),
        (5, "ad2181b9"),
        (6, "12556a94"),
        (7, "1a1f450d"),
        (8, "6bf46a92"),
        (9, "51a618f8"),
    ],
    "004": [
        (6, "bae94149"),
        (8, "51df60b3"),
        (9, "4df54269"),
        (10, "be4129a2"),
        (11, "e1a949af"),
        (12, "466ddf15"),
        (13, "3a0d6527"),
        (14, "16d5bf43"),
        (15, "01e967f3"),
        (16, "38852f91"),
        (17, "b1d21a44"),
        (18, "40619bf6"),
        (19, "a6c248ef"),
        (20, "37cf4a49"),
        (21, "cc0f6c23"),
    ],
}


def _sha(line: str) -> str:
    return hashlib.sha1(line.strip().encode("utf-8")).hexdigest()[:8]


def _crocus(crocus_dir: Path, key: str) -> str:
    (path,) = crocus_dir.glob(f"{key}_*.txt")
    return path.read_text(encoding="utf-8")


def _clean(text: str) -> ArticleDoc:
    stage = registry.get("clean.lines.v1").factory()
    doc = ArticleDoc(article=Article(id=Article.make_id(text), source="t.txt", text=text))
    out: ArticleDoc = stage(doc)
    return out


@pytest.mark.parametrize("key", sorted(JUNK))
def test_crocus_tables_cover_every_line(crocus_dir: Path, key: str) -> None:
    text = _crocus(crocus_dir, key)
    lines = split_lines(text)
    expected = {i: h for i, h, _ in JUNK[key]} | dict(NEWS[key])
    assert sorted(expected) == list(range(len(lines))), "a line is neither junk nor news"
    for line in lines:
        assert _sha(line.text) == expected[line.index], f"{key}: line {line.index} changed"


@pytest.mark.parametrize("key", sorted(JUNK))
def test_crocus_junk_marked_and_news_kept(crocus_dir: Path, key: str) -> None:
    text = _crocus(crocus_dir, key)
    doc = _clean(text)
    lines = {x.index: x for x in split_lines(text)}
    marked = {(b.span.start, b.span.end): b.reason for b in doc.boilerplate}
    for index, _, reason in JUNK[key]:
        span = lines[index].span
        assert marked.get((span.start, span.end)) == reason, f"{key} line {index}"
    body = doc.body
    for index, _ in NEWS[key]:
        line = lines[index]
        assert not any(
            b.span.overlaps(line.span) and len(b.span) == len(line.span) for b in doc.boilerplate
        ), f"{key} line {index} dropped"
        if "*" not in line.text:  # editor marks are cut out of their line (tested below)
            assert line.text in body, f"{key} line {index} not in body"


def test_crocus_editor_marks_cut_inside_a_kept_paragraph(crocus_dir: Path) -> None:
    text = _crocus(crocus_dir, "003")
    doc = _clean(text)
    marks = [b for b in doc.boilerplate if b.reason == "editor-mark"]
    surfaces = [text[b.span.start : b.span.end] for b in marks]
    assert any(s.startswith("***") for s in surfaces)
    line = split_lines(text)[4]
    inner = [b for b in marks if line.span.contains(b.span)]
    assert len(inner) == 2
    assert "*" not in doc.body
    kept = text[inner[0].span.end : inner[1].span.start].strip()
    assert len(kept.split()) > 15 and kept in doc.body


def test_crocus_title_and_bylines_are_spans_metadata_can_read(crocus_dir: Path) -> None:
    text = _crocus(crocus_dir, "002")
    doc = _clean(text)
    by_reason = {b.reason: text[b.span.start : b.span.end] for b in doc.boilerplate}
    assert by_reason["byline"].startswith("By ")
    assert by_reason["title"] not in doc.body
    assert by_reason["byline"] not in doc.body


# --------------------------------------------------------------------------------------------
# Invented scraped pages (our own wording) to show the rules and the score generalise.

FLOOD = "\n".join(
    [
        "Home | World | Business | Tech | Sport | Culture",
        "",
        "Floodwaters force thousands from homes in river valley",
        "",
        "By Maria Lindqvist and Tomas Berg",
        "Updated 09:14 GMT, 4 May 2025",
        "4 min read",
        "",
        "Rescue crews evacuated more than 3,000 residents overnight after the river "
        "burst its banks near the town of Ellsworth, officials said on Sunday.",
        "",
        "A resident wades through a flooded street in Ellsworth. Photo: Jane Doe/Getty Images",
        "",
        '"We have never seen the water rise this fast," the town\'s mayor told local '
        "radio, adding that two shelters had opened.",
        "",
        "Weather forecasters expect more rain through Tuesday, and the regional "
        "government has asked people living near the banks to prepare to leave.",
        "",
        "Sign up for our morning newsletter",
        "",
        "Forecasters warned the levees could fail if rainfall continued at the current "
        "rate, the national weather service said in a statement.",
        "",
        "More from World",
        "Election officials begin recount in tight mayoral race",
        "Storm season could start early this year, scientists say",
        "We use cookies to personalise content and ads. By continuing to browse the site "
        "you accept our cookie policy.",
        "",
    ]
)

TUNNEL = "\n".join(
    [
        "Why the harbour tunnel keeps flooding",
        "The harbour tunnel closed again on Friday, the fourth time this year that heavy "
        "rain has overwhelmed its pumps, city engineers said.",
        "Traffic backs up at the tunnel entrance on Friday (Image: City Council)",
        "Traffic backs up at the tunnel entrance on Friday (Image: City Council)",
        "Engineers blame an ageing drainage system that was designed for a much smaller "
        "volume of traffic and water.",
        "What the council says",
        "The council has promised a review, but the repair budget for next year has not "
        "yet been approved, according to minutes of the last meeting.",
        "Reading time: 3 minutes",
        "Topics: flooding, transport, city council",
        "Previous article: Council approves new bike lanes",
        "Next article: Schools reopen after the storm",
        "",
    ]
)


@pytest.mark.parametrize(
    ("text", "junk", "news"),
    [
        (
            FLOOD,
            {
                "Home | World | Business | Tech | Sport | Culture": "navigation",
                "Floodwaters force thousands from homes in river valley": "title",
                "By Maria Lindqvist and Tomas Berg": "byline",
                "Updated 09:14 GMT, 4 May 2025": "dateline",
                "4 min read": "read-time",
                "A resident wades through a flooded street in Ellsworth. Photo: Jane Doe/Getty "
                "Images": "caption",
                "Sign up for our morning newsletter": "newsletter",
                "More from World": "related",
                "Election officials begin recount in tight mayoral race": "related",
                "Storm season could start early this year, scientists say": "related",
            },
            [
                "Rescue crews evacuated",
                "We have never seen",
                "Weather forecasters expect",
                "Forecasters warned the levees",
            ],
        ),
        (
            TUNNEL,
            {
                "Why the harbour tunnel keeps flooding": "title",
                "Traffic backs up at the tunnel entrance on Friday (Image: City Council)": (
                    "caption"
                ),
                "Reading time: 3 minutes": "read-time",
                "Topics: flooding, transport, city council": "tags",
                "Previous article: Council approves new bike lanes": "teaser",
                "Next article: Schools reopen after the storm": "teaser",
            },
            [
                "The harbour tunnel closed",
                "Engineers blame",
                "What the council says",
                "The council has promised",
            ],
        ),
    ],
)
def test_invented_pages(text: str, junk: dict[str, str], news: list[str]) -> None:
    doc = _clean(text)
    got = {text[b.span.start : b.span.end]: b.reason for b in doc.boilerplate}
    for surface, reason in junk.items():
        assert got.get(surface) == reason, surface
    for start in news:
        assert start in doc.body, start
    assert "cookie" not in doc.body and "Topics" not in doc.body


def test_related_marker_mid_article_does_not_cut_the_rest() -> None:
    paragraph = (
        "The committee met again on Thursday and heard evidence from three engineers who "
        "inspected the bridge, the chair said. "
    )
    text = "\n".join(
        ["Bridge inquiry hears from engineers"]
        + [paragraph + f"Point {i}." for i in range(3)]
        + ["Related", "Ferry timetable changes next week"]
        + [paragraph + f"Finding {i}." for i in range(4)]
    )
    doc = _clean(text)
    assert doc.body.count("Finding") == 4
    # The heading itself is furniture wherever it stands; what follows it is judged as usual.
    assert [text[b.span.start : b.span.end] for b in doc.boilerplate if b.reason == "related"] == [
        "Related"
    ]


def test_short_line_repeated_far_apart_is_kept() -> None:
    verse = "The river rose again and again in the night, the old fisherman said quietly."
    text = "\n".join(
        [
            "Songs of the valley",
            "Chorus",
            verse,
            verse + " Twice.",
            verse + " More.",
            "Chorus",
            verse + " Last.",
        ]
    )
    reasons = [v.reason for v in classify_lines(text)]
    # Neither copy is a "repeated" artefact; the one framed by verses is kept as a heading
    # (the first, above all prose, is left to the learned score).
    assert "repeated" not in (reasons[1], reasons[5]) and reasons[5] is None


def test_plain_article_keeps_all_paragraphs() -> None:
    text = (
        "Council votes to extend library hours\n\n"
        "The city council voted on Tuesday to keep the central library open until 9 p.m. on "
        "weekdays, a change that takes effect next month.\n\n"
        "Supporters said students needed a quiet place to work in the evening, while two "
        "councillors questioned the cost of extra staff.\n"
    )
    doc = _clean(text)
    assert [b.reason for b in doc.boilerplate] == ["title"]
    assert doc.body.startswith("The city council voted") and doc.body.endswith("extra staff.")


def test_model_json_records_its_training() -> None:
    raw = resources.files("rashomon.data").joinpath("boilerplate_lines.json").read_text("utf-8")
    data = json.loads(raw)
    assert tuple(data["features"]) == FEATURE_NAMES
    assert len(data["training"]["data_sha256"]) == 64
    assert "train_boilerplate.py" in data["training"]["command"]
    assert 0.0 < load_model().threshold < 1.0


def test_featurize_shapes() -> None:
    rows = featurize(["Menu", "A sentence that ends here with enough words to be prose text."])
    assert [len(r) for r in rows] == [len(FEATURE_NAMES)] * 2
    assert featurize([]) == []


@pytest.mark.parametrize(
    ("line", "ellipsis", "near"),
    [
        # (line after the headline below, trails off, near repeat of the headline)
        ("Ferry service to the islands resumes after the storm…", 1.0, 1.0),
        ("Ferry service to the islands resumes after the storm ...", 1.0, 1.0),
        ("Ferry service to the islands resumes after the storm", 0.0, 1.0),
        ("Harbour master expects more closures this winter…", 1.0, 0.0),
        ("The ferry resumed service on Monday, the operator said.", 0.0, 0.0),
    ],
)
def test_cut_teaser_features(line: str, ellipsis: float, near: float) -> None:
    headline = "Ferry service to the islands resumes after the storm passes the coast"
    row = featurize([headline, line])[1]
    assert row[FEATURE_NAMES.index("ellipsis_end")] == ellipsis
    assert row[FEATURE_NAMES.index("near_repeat")] == near


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_spans_inside_text_and_body_is_a_subsequence(text: str) -> None:
    marks = find_boilerplate(text)
    for span, reason, score in marks:
        assert 0 <= span.start <= span.end <= len(text) and reason and 0.0 <= score <= 1.0
    doc = _clean(text)
    pos = 0
    for part in doc.body.split("\n\n"):
        if not part:
            continue
        found = text.find(part, pos)
        assert found >= 0, part
        pos = found + len(part)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Read more: Council approves new bike lanes", "teaser"),
        ("Share this article", "navigation"),
        ("© 2025 Valley Courier Media. All rights reserved.", "copyright"),
        ("ADVERTISEMENT", "promo"),
        ("Listen live: follow the latest updates in our live blog", "promo"),
        ("Get the evening briefing in your inbox - sign up for our newsletter", "newsletter"),
        ("We use cookies to improve your experience on our site.", "cookie"),
        ("Continue reading below", "promo"),
        ("Loading...", "navigation"),
        ("This story was originally published by the Hill Country Ledger.", "syndication"),
        # Block headings in the languages scraped pages carry (page_furniture.toml).
        ("Explore further", "related"),
        ("Lesen Sie auch", "related"),
        ("Articles similaires", "related"),
        ("Comments (12)", "related"),
        ("14 responses to “How the valley flooded”", "related"),
        ("23 Kommentare zu „Hochwasser im Tal“", "related"),
        ("Le puede interesar: El alcalde anuncia nuevas obras en el puerto", "teaser"),
        ("Lire aussi : La mairie rouvre le pont", "teaser"),
        ("Your email address will not be published. Required fields are marked *", "furniture"),
        ("Deine E-Mail-Adresse wird nicht veröffentlicht.", "furniture"),
        ("This post contains affiliate links; we may earn a commission on purchases.", "furniture"),
        ("Photograph by Jane Doe, Valley Courier", "caption"),
        ("Residents fill sandbags on Sunday. (REUTERS/Jane Doe)", "caption"),
        ("Helfer füllen Sandsäcke am Ufer. (Bildquelle: Stadtarchiv)", "caption"),
        ("Gefällt mir Wird geladen …", "navigation"),
        ("Share this: Facebook | Email", "navigation"),
        ("Teilen mit:", "navigation"),
        ("← Harbour tunnel reopens after repairs", "teaser"),
        ("Ferry timetable for the winter →", "teaser"),
        ("17 April 2025 • 2:54pm", "dateline"),
        ("Disclaimer: Readers' comments are not checked by our editors.", "furniture"),
        ("Mit unserem Newsletter erhalten Sie jeden Freitag alle Nachrichten", "newsletter"),
        ("Get the best of the Valley Courier in our weekly newsletter", "newsletter"),
    ],
)
def test_furniture_inside_an_article(line: str, reason: str) -> None:
    first = (
        "Rescue crews evacuated more than 3,000 residents overnight after the river burst its "
        "banks near the town, officials said on Sunday."
    )
    second = (
        "Forecasters warned the levees could fail if rainfall continued at the current rate, "
        "the national weather service said in a statement."
    )
    text = "\n\n".join(["River floods valley towns", first, line, second])
    doc = _clean(text)
    got = {text[b.span.start : b.span.end]: b.reason for b in doc.boilerplate}
    assert got.get(line) == reason
    assert first in doc.body and second in doc.body


@pytest.mark.parametrize(
    "sentence",
    [
        "The photo shows the two men entering the building shortly before midnight, police said.",
        "He wrote in his weekly newsletter that the plan had failed and that he would not resign.",
        "Regulators fined the company over cookie consent banners on its website, they said.",
        "The broadcaster's live coverage of the trial drew complaints from viewers on Monday.",
        "Three residents left comments on the council website before the vote, the clerk said.",
        "Sie schrieb in ihrem Newsletter, der Plan für das Hochwasserbecken sei gescheitert.",
        "Like the mayor, the harbour master said the levees would hold through the weekend.",
        "The agency said its photographers had been kept out of the courtroom by the judge.",
        # Mis-decoded UTF-8 ("Ã©" for "é") holds a copyright sign inside words: no credit.
        "La alcaldÃ©sa dijo que el agua subiÃ³ mÃ¡s rÃ¡pido que nunca en la historia del valle.",
    ],
)
def test_news_sentences_mentioning_furniture_are_kept(sentence: str) -> None:
    lead = (
        "The inquiry into the collapse of the footbridge opened on Tuesday with evidence from "
        "the engineers who inspected it last year."
    )
    tail = "The hearing continues on Wednesday, when the city's former planning chief will speak."
    text = "\n\n".join(["Footbridge inquiry opens", lead, sentence, tail])
    doc = _clean(text)
    assert sentence in doc.body and lead in doc.body and tail in doc.body


def test_html_article_uses_declared_title_and_no_guess() -> None:
    paragraph = (
        "The museum will stay open late on Fridays from next month, its director said, after "
        "visitor numbers rose by a third over the summer."
    )
    text = f"Late nights at the museum\n\n{paragraph}\n\nPhoto: Museum press office\n"
    stage = registry.get("clean.lines.v1").factory()
    article = Article(
        id="h", source="p.html", text=text, format="html", title="Museum to open late on Fridays"
    )
    doc: ArticleDoc = stage(ArticleDoc(article=article))
    reasons = {text[b.span.start : b.span.end]: b.reason for b in doc.boilerplate}
    # No line matches the declared title, so the short first line is not guessed to be one.
    assert "title" not in reasons.values()
    assert reasons.get("Photo: Museum press office") == "caption"
    assert paragraph in doc.body
    titled = Article(
        id="h2", source="p.html", text=text, format="html", title="Late nights at the museum"
    )
    doc2: ArticleDoc = stage(ArticleDoc(article=titled))
    marked = {text[b.span.start : b.span.end]: b.reason for b in doc2.boilerplate}
    assert marked.get("Late nights at the museum") == "title"


def test_title_case_heading_inside_the_body_is_not_a_menu() -> None:
    para = (
        "The regional council said on Monday that it would spend more on flood defences after "
        "two wet winters, with work starting in the spring."
    )
    heading = "Flood Defence Budget Doubles Across Three Valleys"
    menu = "News Sport Weather Business Culture Travel"
    text = "\n\n".join([menu, "Council boosts flood spending", para, heading, para + " Again."])
    doc = _clean(text)
    got = {text[b.span.start : b.span.end]: b.reason for b in doc.boilerplate}
    assert got.get(menu) == "navigation"
    assert heading not in got and heading in doc.body


def test_sentence_fragment_with_a_date_is_not_a_dateline() -> None:
    verdicts = classify_lines("Harbour works finish\nIn May 2015,\nthe harbour reopened.\n")
    assert verdicts[1].reason != "dateline"
    stamp = classify_lines("Harbour works finish\nPublished: May 4th, 2015\n")
    assert stamp[1].reason == "dateline"


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Skip to main content",
                "Ferry service resumes after storm",
                "The ferry service between the islands resumed on Sunday after three days of "
                "cancellations, the operator said.",
                "Related",
                "Subscribe to our newsletter",
                "Photo: Harbour office",
                "2 min read",
                "",
            ]
        ),
        max_size=12,
    )
)
def test_clean_stage_is_deterministic_and_idempotent(lines: list[str]) -> None:
    text = "\n".join(lines)
    once = _clean(text)
    twice = registry.get("clean.lines.v1").factory()(once)
    assert once.boilerplate == twice.boilerplate
    starts = [b.span.start for b in once.boilerplate]
    assert starts == sorted(starts)


def test_hard_wrapped_paragraphs_are_judged_whole() -> None:
    paragraphs = [
        "Rescue crews evacuated more than 3,000 residents overnight after the river burst its "
        "banks near the town of Ellsworth, officials said on Sunday, and two shelters opened.",
        '"We have never seen the water rise this fast," the town\'s mayor told local radio, '
        "adding that firefighters had pumped out the hospital basement twice since Friday.",
        "Weather forecasters expect more rain through Tuesday, and the regional government "
        "has asked people living near the banks to prepare to leave at short notice.",
    ]
    wrapped = "\n\n".join(textwrap.fill(p, 70) for p in paragraphs)
    text = f"Home\nFloods hit valley towns\n\n{wrapped}\nRelated\nStorm cuts power to thousands\n"
    lines = split_lines(text)
    units = wrapped_units(text, lines)
    assert sum(len(u) > 1 for u in units) == 3
    doc = _clean(text)
    for p in paragraphs:
        assert all(w in doc.body for w in p.split()[-4:])
    reasons = {text[b.span.start : b.span.end]: b.reason for b in doc.boilerplate}
    assert reasons["Storm cuts power to thousands"] == "related"
    # One paragraph per line (no wrapping) is left alone.
    plain = "\n".join(paragraphs)
    assert all(len(u) == 1 for u in wrapped_units(plain, split_lines(plain)))


# --------------------------------------------------------------------------------------------
# The second (context) pass


def test_context_model_is_bundled_and_records_its_measure() -> None:
    model = load_model()
    assert model.context is not None
    data = json.loads(
        resources.files("rashomon.data").joinpath("boilerplate_lines.json").read_text("utf-8")
    )
    held = data["training"]["heldout_fold0"]
    assert 0.0 < held["cleaner"]["f1"] <= 1.0 and held["cleaner"]["pages"] > 0


@pytest.mark.parametrize(
    ("weights", "region"),
    [
        ([-1.0, 2.0, 3.0, -1.0], (1, 2)),
        ([1.0, -5.0, 1.0, 1.0], (2, 3)),
        ([-1.0, -2.0], (0, 0)),  # all negative: the least negative line
        ([2.0, -1.0, 2.0], (0, 2)),  # a junk line inside the body does not split it
        ([], (0, -1)),
    ],
)
def test_best_region(weights: list[float], region: tuple[int, int]) -> None:
    assert best_region(weights) == region


def test_context_features_shape_and_edges() -> None:
    rows = context_features([0.9, 0.1, 0.2, 0.95], [5, 300, 250, 12],
                            [frozenset(), frozenset({"council"}), frozenset({"council"}),
                             frozenset({"share"})])  # fmt: skip
    assert [len(r) for r in rows] == [len(CONTEXT_FEATURE_NAMES)] * 4
    names = list(CONTEXT_FEATURE_NAMES)
    inside = names.index("region5_inside")
    assert [r[inside] for r in rows] == [0.0, 1.0, 1.0, 0.0]
    shared = names.index("shared_words")
    assert rows[1][shared] == 1.0 and rows[3][shared] == 0.0  # the teaser shares no word


# A scraped page of our own: menus, a cookie banner, teasers and a footer around three
# paragraphs of news.
SCRAPED_PAGE = "\n".join(
    [
        "Home", "News", "Sport", "Weather", "Business", "Culture", "Opinion", "Travel", "Video",
        "Podcasts", "Puzzles", "Sign in",
        "We use cookies to improve your experience on our website. By continuing you accept "
        "our policy.",
        "Accept",
        "Library opening hours extended",
        "The city council voted on Tuesday to keep the central library open until 9 p.m. on "
        "weekdays, a change that takes effect next month after a long campaign by students and "
        "parents.",
        "Supporters said students needed a quiet place to work in the evening, while two "
        "councillors questioned the cost of the extra staff the later closing time will need.",
        "The library's director, Hana Osei, said the first evening sessions would start on the "
        "third of next month and that the reading rooms would stay open on Saturdays as well.",
        "Most read", "Five things to do this weekend", "Traffic delays expected on the ring road",
        "Subscribe to our newsletter", "Contact us", "About us", "Careers", "Advertise with us",
        "Terms of use", "Cookie settings", "Help", "Privacy policy",
    ]
)  # fmt: skip


def test_scraped_page_keeps_the_news_and_marks_the_furniture() -> None:
    verdicts = classify_lines(SCRAPED_PAGE)
    kept = [v.line.text for v in verdicts if v.reason is None]
    assert [k[:20] for k in kept if len(k) > 100] == [
        "The city council vot", "Supporters said stud", "The library's direct",
    ]
    junk = {v.line.text for v in verdicts if v.reason is not None}
    for line in ("Home", "Sport", "Sign in", "Most read", "Subscribe to our newsletter",
                 "Privacy policy", "Five things to do this weekend"):  # fmt: skip
        assert line in junk, line


def test_confident_body_line_is_never_overruled_by_context() -> None:
    model = load_model()
    assert model.context is not None
    lines = SCRAPED_PAGE.splitlines()
    assert len(lines) >= model.context.min_lines
    first = [model.score(r, t) for r, t in zip(featurize(lines), lines, strict=True)]
    final, cutoff = model.decide(lines)
    assert cutoff == model.context.threshold
    assert any(p1 < model.context.keep_below for p1 in first)
    for p1, p2 in zip(first, final, strict=True):
        if p1 < model.context.keep_below:
            assert p2 == p1


def test_short_text_is_left_to_the_first_pass() -> None:
    model = load_model()
    assert model.context is not None
    lines = ["Library opening hours extended", "The council voted on Tuesday to keep it open."]
    first = [model.score(r, t) for r, t in zip(featurize(lines), lines, strict=True)]
    assert model.decide(lines) == (first, model.threshold)


@pytest.mark.parametrize("line", ["Privacy policy", "Contact us", "Cookie settings"])
def test_context_verdict_stands_between_body_paragraphs(line: str) -> None:
    # On a page the context pass judges, a short line its score calls junk is dropped even
    # between two paragraphs of the body (the subheading rescue is for first-pass texts).
    model = load_model()
    assert model.context is not None
    lines = SCRAPED_PAGE.splitlines()
    k = next(i for i, t in enumerate(lines) if t.startswith("Supporters"))
    page = [*lines[:k], line, *lines[k:]]
    scores, cutoff = model.decide(page)
    assert scores[k] >= cutoff
    verdicts = classify_lines("\n".join(page), model=model)
    assert verdicts[k].line.text == line and verdicts[k].reason == "low-score"
    assert verdicts[k - 1].reason is None and verdicts[k + 1].reason is None
