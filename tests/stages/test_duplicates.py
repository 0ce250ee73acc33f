"""Tests for syndicated near-duplicate detection on invented wire stories."""

from __future__ import annotations

from pathlib import Path

from rashomon.model import Article, ArticleDoc, EventDoc
from rashomon.registry import registry
from rashomon.stages.duplicates import find_near_duplicates, shingles

WIRE = [
    "Rescue teams in the mountain province pulled eleven hikers from a collapsed trail on "
    "Saturday after a landslide cut off the only path down, the provincial emergency office said.",
    "Two of the hikers were taken to hospital with broken bones, and the others were treated "
    "at the scene for cold and exhaustion, a spokeswoman for the office told reporters.",
    "The trail had been closed for repairs last spring but reopened in June after engineers "
    "declared the slope stable, according to a notice posted at the park entrance.",
    "Heavy rain is forecast for the region through Tuesday, and officials urged visitors to "
    "stay away from the park until the path has been inspected again.",
]

OTHER = [
    "The city council approved a new budget on Thursday that raises spending on public "
    "libraries and parks while freezing the salaries of senior officials for a second year.",
    "Opposition members said the plan relied on optimistic tax forecasts and voted against it, "
    "but the measure passed by a margin of nine votes.",
]


def _doc(paragraphs: list[str], *, head: str = "", tail: str = "", published: str | None = None,
         name: str = "a.txt") -> ArticleDoc:  # fmt: skip
    text = "\n\n".join([p for p in [head, *paragraphs, tail] if p])
    clean = registry.get("clean.lines.v1").factory()
    doc = ArticleDoc(
        article=Article(id=Article.make_id(text), source=name, text=text, published=published)
    )
    out: ArticleDoc = clean(doc)
    return out


def _run(docs: list[ArticleDoc], **options: float) -> EventDoc:
    stage = registry.get("duplicates.minhash.v1").factory(**options)
    out: EventDoc = stage(EventDoc(id="e", name="e", docs=tuple(docs)))
    return out


def _syndicated_copy() -> list[str]:
    # The same wire copy with a changed verb, a dropped clause and an outlet's own closing line.
    edited = list(WIRE)
    edited[0] = edited[0].replace("pulled", "rescued")
    edited[1] = edited[1].replace(" for cold and exhaustion", "")
    return [*edited, "Our correspondent in the province contributed to this report."]


def test_later_copy_points_at_the_earlier_original() -> None:
    original = _doc(WIRE, head="Hikers rescued after landslide", published="2025-03-02")
    copy = _doc(
        _syndicated_copy(),
        head="Eleven hikers saved in mountain landslide",
        tail="Subscribe to our newsletter",
        published="2025-03-03",
        name="b.txt",
    )
    unrelated = _doc(OTHER, head="Council passes budget", published="2025-03-01", name="c.txt")
    event = _run([copy, unrelated, original])
    by_id = {d.id: d for d in event.docs}
    assert by_id[copy.id].duplicate_of == original.id
    assert by_id[original.id].duplicate_of is None
    assert by_id[unrelated.id].duplicate_of is None
    assert [d.id for d in event.docs] == [copy.id, unrelated.id, original.id]


def test_without_dates_the_first_in_input_order_is_the_original() -> None:
    first = _doc(_syndicated_copy(), name="b.txt")
    second = _doc(WIRE, name="a.txt")
    event = _run([first, second])
    assert event.docs[0].duplicate_of is None
    assert event.docs[1].duplicate_of == first.id


def test_three_copies_form_one_group() -> None:
    a = _doc(WIRE, published="2025-03-05")
    b = _doc(_syndicated_copy(), published="2025-03-04", name="b.txt")
    c = _doc(WIRE[:3], published="2025-03-06", name="c.txt")  # printed cut short
    event = _run([a, b, c])
    assert [d.duplicate_of for d in event.docs] == [b.id, None, b.id]


def test_shortened_copy_found_by_containment_not_jaccard() -> None:
    full = _doc(WIRE + OTHER)
    short = _doc(WIRE[:2], name="b.txt")
    (pair,) = find_near_duplicates([full.body, short.body])
    assert pair.jaccard < 0.5 <= 0.8 <= pair.containment
    assert _run([full, short], containment=1.01).docs[1].duplicate_of is None
    assert _run([full, short]).docs[1].duplicate_of == full.id


def test_different_stories_on_the_same_topic_are_not_duplicates() -> None:
    rewrite = [
        "A landslide trapped a group of hikers in the mountains over the weekend; emergency "
        "crews reached them on Saturday and brought all eleven down safely.",
        "Officials said two needed hospital care. The park had reopened the route in June "
        "after repairs, and more rain is expected this week.",
    ]
    event = _run([_doc(WIRE), _doc(rewrite, name="b.txt")])
    assert all(d.duplicate_of is None for d in event.docs)


def test_shingles() -> None:
    assert shingles("") == frozenset()
    assert shingles("Too short here") == frozenset({"too short here"})
    assert len(shingles("one two three four five six", size=5)) == 2


def test_crocus_reports_are_not_duplicates(crocus_dir: Path) -> None:
    docs = [
        _doc([p.read_text(encoding="utf-8")], name=p.name) for p in sorted(crocus_dir.glob("*.txt"))
    ]
    event = _run(docs)
    assert all(d.duplicate_of is None for d in event.docs)
