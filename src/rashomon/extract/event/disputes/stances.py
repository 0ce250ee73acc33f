"""How each outlet carries a side of a dispute: asserts it in its own voice, or only reports it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rashomon.model import ArticleDoc, Dispute, EventDoc, Evidence, Side, Span

__all__ = ["asserts", "opinion_author", "outlet_stances", "side_stances"]

_OPINION = re.compile(
    r"\b(?:opinion|comment|commentary|editorial|op-ed|column|viewpoint|analysis)\b", re.I
)
_SPEECH_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|according to|claimed|claims|insisted|"
    r"insists|maintained|maintains|argued|argues|believes|believe|reported|reports|wrote|"
    r"added|declared|announced)\b",
    re.I,
)


def opinion_author(doc: ArticleDoc) -> str | None:
    """The byline author of an opinion piece (whose own voice is a personal position).

    A piece is opinion when its URL path or the page furniture before its body names it so
    (``OPINION``, ``/comment/``); news reports return ``None``, their voice is the outlet's.

    Args:
        doc: an article with metadata and boilerplate layers.

    Returns:
        The author's name, or ``None``.
    """
    author = doc.meta.author.value if doc.meta.author is not None else doc.article.author
    if not author:
        return None
    url = doc.article.url or ""
    path = url.split("://", 1)[-1].split("/", 1)[1] if "/" in url.split("://", 1)[-1] else ""
    bodies = doc.body_spans()
    head = doc.text[: bodies[0].start] if bodies else ""
    if doc.sentences:
        # The label may open the body (boilerplate kept it): the text before the 1st sentence.
        head = doc.text[: max(len(head), doc.sentences[0].span.start)]
    # A section label on a line of its own ("OPINION"), not a menu that lists the section.
    labels = [ln for ln in head.splitlines()[-8:] if _OPINION.fullmatch(ln.strip(" \t|:-"))]
    title = doc.article.title or ""
    if (
        _OPINION.search(path.replace("-", " ").replace("_", " "))
        or labels
        or re.match(rf"\s*{_OPINION.pattern}\s*[:|]", title, re.I)
    ):
        return str(author)
    return None


def _hedged(doc: ArticleDoc, span: Span) -> bool:
    # "It's reported that nearly 140 people were killed": the outlet's own words, but it
    # only passes the figure on. A conditional or a loaded word is no doubt about the claim.
    sent = next((s.span for s in doc.sentences if s.span.overlaps(span)), span)
    return any(h.span.overlaps(sent) and h.kind not in ("conditional", "loaded")
               for h in doc.hedges)


def asserts(event: EventDoc, evidence: Evidence) -> bool:
    """Whether an outlet states the words of ``evidence`` in its own voice.

    Own voice: outside every attribution (no source, no speech verb), and not hedged
    (``it's reported``); a columnist's own words always assert.
    """
    doc = event.doc(evidence.article_id)
    span = evidence.span
    own = not any(
        a.content.overlaps(span) or (a.cue is not None and a.cue.overlaps(span))
        for a in doc.attributions
    ) and not _SPEECH_CUE.search(doc.text, span.start, span.end)
    return own and (opinion_author(doc) is not None or not _hedged(doc, span))


def side_stances(event: EventDoc, dispute: Dispute) -> list[dict[str, str]]:
    """How each outlet carries each side: ``asserts`` in its own voice, or only ``reports`` it.

    Args:
        event: the event the dispute was found in (attribution and hedge layers).
        dispute: one of ``event.disputes``.

    Returns:
        One mapping per side, in the order of ``dispute.sides``: outlet -> stance. Outlets
        absent from a side are silent on it and not listed.
    """
    out: list[dict[str, str]] = []
    for side in dispute.sides:
        stances: dict[str, str] = {}
        for e in side.evidence:
            outlet = event.outlet_of(e.article_id)
            if asserts(event, e):
                stances[outlet] = "asserts"
            else:
                stances.setdefault(outlet, "reports")
        out.append(stances)
    return out


def outlet_stances(event: EventDoc, sides: Sequence[Side]) -> tuple[tuple[str, str], ...]:
    """Every outlet of the event on a dispute: ``asserts`` a side in its own voice, only
    ``reports`` the dispute, or is ``silent`` on it; outlets in name order."""
    out = []
    for o in sorted({event.outlet_of(d.id) for d in event.docs}):
        evs = [e for s in sides for e in s.evidence if event.outlet_of(e.article_id) == o]
        out.append((o, "asserts" if any(asserts(event, e) for e in evs)
                    else "reports" if evs else "silent"))
    return tuple(out)
