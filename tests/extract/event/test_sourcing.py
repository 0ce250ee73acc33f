"""Independent sources, sourcing profiles and quote integrity across outlets, on texts we
write, through the real pipeline (extract/event/sourcing.py, quote_integrity.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.extract.event.quote_integrity import compare_versions, quote_versions
from rashomon.extract.event.sourcing import attribution_category, sourcing_note
from rashomon.model import (
    Article,
    ArticleDoc,
    Attribution,
    EventDoc,
    QuoteDiscrepancy,
    SourceOrigin,
    Span,
)

# Three outlets report one invented story. The Ledger and the Courier both run the Associated
# Press wire story; the Sentinel reports on its own. The mayor's words differ between them.
LEDGER = (
    "Harbour bridge to close for repairs\n\n"
    "Varnholm (AP) - The Varnholm harbour bridge will close for six months of repairs, the "
    "city said on Tuesday.\n\n"
    "\"We cannot keep patching a bridge that is falling apart,\" Mayor Ines Vardal said.\n\n"
    "An official who was not authorized to speak publicly said the repairs would cost more "
    "than planned.\n\n"
    "Transport department officials said ferries would run every hour."
)
COURIER = (
    "Bridge closing for six months\n\n"
    "Varnholm (AP) - The Varnholm harbour bridge will close for six months of repairs, the "
    "city said on Tuesday.\n\n"
    "\"We cannot keep patching a bridge that is crumbling,\" Mayor Ines Vardal said.\n\n"
    "Transport department officials said ferries would run every hour."
)
SENTINEL = (
    "Mayor shuts harbour bridge\n\n"
    "The Varnholm harbour bridge will close for six months of repairs, the city said on "
    "Tuesday.\n\n"
    "\"We cannot keep patching a bridge that is falling apart. The ferries will carry "
    "everyone until it reopens,\" Mayor Ines Vardal said.\n\n"
    "Vardal said that the bridge would reopen before the summer festival began."
)


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> EventDoc:
    from rashomon.api import build_event

    folder = tmp_path_factory.mktemp("bridge")
    path = folder / "bridge.jsonl"
    rows = [("The Ledger", LEDGER), ("The Courier", COURIER), ("The Sentinel", SENTINEL)]
    path.write_text("\n".join(json.dumps({"text": t, "outlet": o, "published": "2031-05-07"})
                              for o, t in rows), encoding="utf-8")  # fmt: skip
    return build_event([Path(path)])


def _flags(event: EventDoc, needle: str) -> list[QuoteDiscrepancy]:
    return [q for q in event.quote_discrepancies if any(needle in v.text for v in q.versions)]


@pytest.mark.model
def test_wire_copies_are_one_independent_source(event: EventDoc) -> None:
    closing = [g for g in event.groups if "close for six months" in g.label]
    assert closing, [g.label for g in event.groups]
    g = closing[0]
    assert set(g.outlets) == {"The Ledger", "The Courier", "The Sentinel"}
    assert g.independent_outlets == 2
    wire = next(s for s in g.sources if s.origin == "Associated Press")
    assert set(wire.outlets) == {"The Ledger", "The Courier"} and wire.relation == "wire"
    for ev in wire.evidence:  # the "(AP)" credit in each wire copy
        assert "(AP)" in event.doc(ev.article_id).text[ev.span.start : ev.span.end]
    assert g.sourcing_note.startswith("3 outlets, 2 independent sources")
    origins = {c.outlet: c.origin for c in event.coverage if c.group_id == g.id}
    assert origins["The Ledger"] == origins["The Courier"] == "Associated Press"


@pytest.mark.model
def test_quote_versions_are_compared(event: EventDoc) -> None:
    changed = [q for q in _flags(event, "crumbling") if "words-changed" in q.flags]
    assert changed
    assert {"crumbling -> falling apart", "falling apart -> crumbling"} & set(
        changed[0].detail.split(": ", 1)[1].split("; ")
    )
    cut = [q for q in _flags(event, "ferries will carry") if "truncated" in q.flags]
    assert cut
    for q in event.quote_discrepancies:
        for v in q.versions:  # both versions carry their evidence
            assert event.doc(v.article_id).text[v.span.start : v.span.end].split() == v.text.split()
        assert q.versions[0].outlet != q.versions[1].outlet


@pytest.mark.model
def test_sourcing_profiles(event: EventDoc) -> None:
    by_key = {(p.scope, p.key): p for p in event.sourcing}
    ledger = by_key[("outlet", "The Ledger")]
    counts = dict(ledger.counts)
    assert ledger.total == sum(counts.values()) > 0
    assert counts["anonymous"] >= 1 and counts["named"] >= 1
    ids = {a.id for d in event.docs for a in d.attributions}
    for _, evidence in ledger.attribution_ids:
        assert set(evidence) <= ids
    assert {p.scope for p in event.sourcing} == {"article", "outlet"}


# --------------------------------------------------------------------------------------------
# The rules alone, on versions we build


def _doc(aid: str, outlet: str, text: str, *quotes: tuple[str, str | None, str]) -> ArticleDoc:
    """A doc whose attributions quote the given (words, speaker, kind)."""
    atts = []
    for n, (words, speaker, kind) in enumerate(quotes):
        start = text.index(words)
        quoted = text[start - 1 : start] == '"'
        span = Span(start - quoted, start + len(words) + quoted)  # the marks with the words
        atts.append(Attribution(id=f"{aid}{n}", article_id=aid, kind=kind,  # type: ignore[arg-type]
                                span=span, content=span, speaker_resolved=speaker))  # fmt: skip
    from rashomon.model import ArticleMeta, MetaField

    meta = ArticleMeta(outlet=MetaField(value=outlet))
    return ArticleDoc(article=Article(id=aid, source=aid, text=text), meta=meta,
                      attributions=tuple(atts))  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "flags"),
    [
        # the same words: nothing to flag
        (('"We will rebuild the pier before winter," she said.', "Ana Roy", "direct"),
         ('"We will rebuild the pier before winter," Roy said.', "Ana Roy", "direct"), None),
        # a word changed inside
        (('"We will rebuild the old pier before winter," she said.', "Ana Roy", "direct"),
         ('"We will rebuild the new pier before winter," Roy said.', "Ana Roy", "direct"),
         ["words-changed"]),
        # a shorter printing of the same quotation
        (('"We will rebuild the pier before winter, whatever it costs the city," she said.',
          "Ana Roy", "direct"),
         ('"We will rebuild the pier before winter," Roy said.', "Ana Roy", "direct"),
         ["truncated"]),
        # the same words given to two people
        (('"We will rebuild the pier before winter," she said.', "Ana Roy", "direct"),
         ('"We will rebuild the pier before winter," Olaf Berg said.', "Olaf Berg", "direct"),
         ["different-speaker"]),
        # words one outlet quotes, another reports as speech: a paraphrase in quotation marks
        (('She said "the pier would be rebuilt before the winter storms came."', "Ana Roy",
          "mixed"),
         ("She said the pier would be rebuilt before the winter storms came.", "Ana Roy",
          "indirect"), ["paraphrase-as-quote"]),
        # reported speech of first-person words is an honest paraphrase
        (('"I will rebuild the pier before the winter storms come," she said.', "Ana Roy",
          "direct"),
         ("She said she would rebuild the pier before the winter storms come.", "Ana Roy",
          "indirect"), None),
        # different quotations
        (('"We will rebuild the pier before winter," she said.', "Ana Roy", "direct"),
         ('"The budget has no room for new ferries this year," Roy said.', "Ana Roy",
          "direct"), None),
    ],
)  # fmt: skip
def test_compare_versions(
    a: tuple[str, str, str], b: tuple[str, str, str], flags: list[str] | None
) -> None:
    def words_of(text: str, kind: str) -> str:
        return text.split('"')[1] if kind != "indirect" else text.removeprefix("She said ")

    da = _doc("a", "Ledger", a[0], (words_of(a[0], a[2]), a[1], a[2]))
    db = _doc("b", "Courier", b[0], (words_of(b[0], b[2]), b[1], b[2]))
    keys = {"ana roy": "e1", "roy": "e1", "olaf berg": "e2"}
    (va,), (vb,) = quote_versions(da, keys), quote_versions(db, keys)
    found = compare_versions(va, vb)
    assert (found[0] if found else None) == flags


def test_sourcing_note_and_categories() -> None:
    wire = SourceOrigin(origin="Associated Press", outlets=("A", "B", "C", "D"), relation="wire")
    assert sourcing_note(4, [wire]) == "4 outlets, 1 independent source: all cite Associated Press"
    own = SourceOrigin(origin="E", outlets=("E",), relation="own")
    assert sourcing_note(2, [own]) == "2 outlets, 1 independent source"
    base = Attribution(id="x", article_id="a", kind="direct", span=Span(0, 1), content=Span(0, 1))
    from dataclasses import replace

    assert attribution_category(replace(base, anonymous=True)) == "anonymous"
    assert attribution_category(replace(base, relayed_from="Reuters")) == "relayed"
    assert attribution_category(replace(base, speaker_text="police")) == "official"
    assert attribution_category(replace(base, speaker_resolved="Ana Roy")) == "named"
    assert attribution_category(base) == "other"
