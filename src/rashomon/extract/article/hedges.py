"""Hedges and certainty markers per sentence, and whose voice (author or source) they are in.

Kinds (``Hedge.kind``):

* ``hedge``: epistemic distance: *allegedly*, *supposedly*, *apparently*, *purported*,
  *supposed*, and *claims*/*alleges* used as a distancing cue.
* ``so-called``: *so-called*, *self-proclaimed*, *self-styled*.
* ``conditional``: modal or conditional mood: *would have*, *could be*, *may*, *might*.
* ``unverified``: *unverified*, *unconfirmed*, *could not be independently verified*.
* ``reported``: hearsay: *reportedly*, *it's reported*, *is said to*, *according to reports*.
* ``unsupported``: the writer notes a claim comes without evidence: *has offered no
  evidence*, *no proof was presented*, *without evidence*, *unproven*.
* ``loaded``: emotive or judgemental wording in the writer's own voice (*massacre*,
  *bloodbath*, *regime*, *cover-up*, *shameful*: the one list of
  :mod:`rashomon.extract.article.loaded_words`, which framing reads too); the same word inside
  a quotation or an attribution's content is the source's, not the writer's, and is not
  marked.

Regular expressions over the sentence text suffice here (the markers are closed-class words
and fixed phrases); a parse is only used indirectly, through the attribution layer, to tell an
author's hedge from a hedge inside someone's reported words.

Consumers that treat every marker as epistemic distance should skip ``loaded``: it marks how
something is described, not doubt about whether it happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

from rashomon.extract.article.loaded_words import find_loaded
from rashomon.model import Attribution, Hedge, Sentence, Span

__all__ = ["HEDGE_KINDS", "HEDGE_PATTERNS", "find_hedges", "hedge_voice", "hedges_in"]

HEDGE_KINDS = (
    "hedge",
    "so-called",
    "conditional",
    "unverified",
    "reported",
    "unsupported",
    "loaded",
)

# (kind, pattern). Order matters: longer phrases first, so an overlapping shorter match of a
# later pattern is dropped ("could not be independently verified" is unverified, not a modal).
HEDGE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "unverified",
        re.compile(
            r"\b(?:un(?:verified|confirmed|substantiated|corroborated)"
            r"|(?:could|can|cannot|can't|has|have|had|was|were|is|are)\s+not\s+"
            r"(?:be\s+|been\s+|yet\s+been\s+)?(?:independently\s+)?(?:verified|confirmed)"
            r"|(?:could|can)n[o']t\s+(?:be\s+)?(?:independently\s+)?(?:verified|confirmed)"
            r"|without\s+(?:independent\s+)?(?:verification|confirmation)"
            r"|not\s+(?:been\s+)?independently\s+(?:verified|confirmed))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "unsupported",
        re.compile(
            r"\b(?:(?:offer|provid|present|giv|gave|produc|show|cit|suppl|furnish)\w*"
            r"\s+(?:no|little)\s+(?:hard\s+|concrete\s+|supporting\s+)?(?:evidence|proof)"
            r"|no\s+(?:hard\s+|concrete\s+|supporting\s+)?(?:evidence|proof)\s+"
            r"(?:was|were|is|has\s+been|have\s+been|had\s+been)\s+(?:yet\s+)?"
            r"(?:presented|offered|provided|given|produced|shown|cited|supplied|furnished)"
            r"|(?:did|does|do|has|have|had)(?:\s+not|n['’]t)\s+(?:yet\s+)?"
            r"(?:offer|provide|present|give|produce|show|cite|supply|furnish)(?:ed|n)?\s+"
            r"(?:any\s+)?(?:evidence|proof)"
            r"|(?:without|with\s+no)\s+(?:offering\s+|providing\s+|presenting\s+|giving\s+"
            r"|citing\s+|producing\s+)?(?:any\s+)?(?:evidence|proof)"
            r"|unproven|unevidenced)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "reported",
        re.compile(
            r"\b(?:reportedly"
            r"|it(?:'s|’s|\s+is|\s+was|\s+has\s+been)\s+(?:being\s+)?(?:reported|said|rumou?red)"
            r"|(?:is|are|was|were)\s+(?:said|reported|rumou?red)\s+to"
            r"|according\s+to\s+(?:media\s+|press\s+|news\s+|unconfirmed\s+)?reports"
            r"|per\s+reports|reports\s+(?:say|said|suggest(?:ed)?|indicate(?:d)?))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "so-called",
        re.compile(r"\b(?:so[- ]called|self[- ](?:proclaimed|styled|declared))\b", re.IGNORECASE),
    ),
    (
        "hedge",
        re.compile(
            r"\b(?:allegedly|alleged|supposedly|supposed(?!\s+to\b)|purportedly|purported"
            r"|apparently|ostensibly|presumably|seemingly|arguably|possibly|perhaps|probably"
            r"|likely)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "conditional",
        re.compile(
            r"\b(?:[Ww]ould|[Cc]ould|[Mm]ight|may)(?:\s+not|n['’]t)?"
            r"(?:\s+(?:have|be|well|also|still|even))?\s+[a-z]+\b"
        ),
    ),
)

# Quotation marks: a loaded word inside quotes is the quoted speaker's.
_OPEN_QUOTES = "“«‘"
_CLOSE_QUOTES = "”»’"

# Attribution cues that distance the author from the content ("X claims", "X alleges").
_DISTANCING_CUES = re.compile(
    r"^(?:\w+\s+)*(?:claim|claims|claimed|claiming|allege|alleges|alleged|alleging|insist"
    r"|insists|insisted|purport|purports|purported)$",
    re.IGNORECASE,
)
# "Moscow's claims that...", "the claim that": the author reports a claim at a distance.
_CLAIM_NOUN = re.compile(r"\b(?:claims?|allegations?)\s+(?:that|of)\b", re.IGNORECASE)
_MONTH_MAY = re.compile(r"\bMay\s+\d")


def find_hedges(
    text: str,
    sentences: Iterable[Sentence | Span],
    *,
    article_id: str,
    attributions: Sequence[Attribution] = (),
) -> list[Hedge]:
    """Find hedge and certainty markers in each sentence.

    Args:
        text: the article text.
        sentences: sentence spans (or :class:`Sentence` records) to search.
        article_id: the article's id.
        attributions: the article's attributions; a cue such as *claims* or *alleges* is a
            distancing hedge of the author's.

    Returns:
        Hedges in text order, each with the span of its sentence.
    """
    out: list[Hedge] = []
    spans = [s.span if isinstance(s, Sentence) else s for s in sentences]
    for sent in spans:
        taken: list[Span] = []
        chunk = text[sent.start : sent.end]
        for kind, pattern in HEDGE_PATTERNS:
            for m in pattern.finditer(chunk):
                span = Span(sent.start + m.start(), sent.start + m.end())
                if kind == "conditional" and _MONTH_MAY.match(chunk, m.start()):
                    continue  # "May 5" is a date, not a modal
                if any(t.overlaps(span) for t in taken):
                    continue
                taken.append(span)
                out.append(Hedge(article_id=article_id, span=span, kind=kind, sentence=sent))
        for m in _CLAIM_NOUN.finditer(chunk):
            span = Span(sent.start + m.start(), sent.start + m.end())
            if not any(t.overlaps(span) for t in taken):
                taken.append(span)
                out.append(Hedge(article_id=article_id, span=span, kind="hedge", sentence=sent))
        for m in find_loaded(chunk):
            span = Span(sent.start + m.start(), sent.start + m.end())
            if any(t.overlaps(span) for t in taken) or _quoted(text, span.start):
                continue
            if m.group(0)[0].isupper() and chunk[: m.start()].strip():
                continue  # capitalised inside a sentence: a name ("Representative Slaughter")
            if any(a.content.overlaps(span) for a in attributions):
                continue  # the source's words, not the writer's
            taken.append(span)
            out.append(Hedge(article_id=article_id, span=span, kind="loaded", sentence=sent))
    for a in attributions:
        if a.cue is None or not _DISTANCING_CUES.match(text[a.cue.start : a.cue.end]):
            continue
        if any(h.span.overlaps(a.cue) for h in out):
            continue
        sent_span = next((s for s in spans if s.contains(a.cue)), None)
        out.append(Hedge(article_id=article_id, span=a.cue, kind="hedge", sentence=sent_span))
    out.sort(key=lambda h: (h.span.start, h.span.end))
    return out


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` sits inside quotation marks opened earlier in its paragraph."""
    para = text[text.rfind("\n", 0, pos) + 1 : pos]
    curly = sum(para.count(q) for q in _OPEN_QUOTES if q != "‘") - sum(
        para.count(q) for q in _CLOSE_QUOTES if q != "’"
    )
    # Straight quotes open and close alike; an odd count before the word means inside.
    return curly > 0 or para.count('"') % 2 == 1


def hedge_voice(
    hedge: Hedge, attributions: Sequence[Attribution]
) -> Literal["author", "attributed"]:
    """Whose hedge it is: ``attributed`` inside a source's reported words, else ``author``.

    A distancing cue (*X claims*) is the author's: it is the reporter's verb, not the source's.
    """
    for a in attributions:
        if a.content.contains(hedge.span):
            return "attributed"
    return "author"


def hedges_in(span: Span, hedges: Iterable[Hedge]) -> Iterator[Hedge]:
    """Hedges that fall inside ``span`` (a sentence, or an attribution's ``span``)."""
    return (h for h in hedges if span.contains(h.span))
