"""Propositions: every attributed statement, and every sentence in an outlet's own voice, with
its holder, polarity, modality and what it is about.

Built from the attribution layer (speaker, cue, content) and, for the outlet's own voice, from
the claims layer (or the sentences no attribution touches when the claims layer is missing).
Polarity and modality are read from the words, because event stages run after the spaCy parses
are dropped; the statements are short clauses, so a negator or a modal in them is a fair signal.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from rashomon.extract.event.disputes.holders import Holder, HolderIndex, HolderKind
from rashomon.extract.event.text import sentences
from rashomon.lexicon import entries, phrase_alternation
from rashomon.model import ArticleDoc, Attribution, EventDoc, Span, content_id

__all__ = [
    "Proposition",
    "build_propositions",
    "content_words",
    "denies",
    "disbelieves",
    "modality",
    "negated",
    "stem",
]

Voice = Literal["attributed", "author"]

_NEG = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|without)\b|n['\u2019]t\b", re.I
)
# Modal verbs by the modality they state; "is" when none.
_MODALS = (
    ("can", re.compile(r"\b(?:can|could|cannot|able to)\b|can['\u2019]t|couldn['\u2019]t", re.I)),
    ("should", re.compile(r"\b(?:should|must|ought to|need to|needs to)\b"
                          r"|shouldn['\u2019]t", re.I)),
    ("will", re.compile(r"\b(?:will|would|going to)\b|won['\u2019]t|wouldn['\u2019]t", re.I)),
    ("may", re.compile(r"\b(?:may|might|possibly|perhaps)\b", re.I)),
)
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_STOP = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    ["said", "says", "say", "told", "tell", "according", "mr", "ms", "mrs", "dr", "just", "also",
     "like"]
)
# A cue that is a noun names someone's statement, not the speaker's act of saying it.
_NOUN_CUE = re.compile(
    r"(?:claims?|allegations?|accusations?|charges?|suggestions?|assertions?|reports?|"
    r"criticism|concerns?|comments?|remarks?|attacks?|warnings?|doubts?|calls?|views?)", re.I
)
MIN_WORDS = 2
"""Statements shorter than this many words (``no``, ``it``) say too little."""


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Crude suffix stripping so inflected forms meet (no stemmer package is installed)."""
    w = word.lower().replace("\u2019", "'").removesuffix("'s")
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + repl
    return w


def content_words(text: str) -> frozenset[str]:
    """Stems of the content words of ``text`` (stop words and negators left out)."""
    return frozenset(
        stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2
    )


def negated(text: str) -> bool:
    """Whether ``text`` states its predicate negatively (a plain negator in it)."""
    return _NEG.search(text) is not None


# Cues whose content is the very claim they deny ("denied that ...", "disputed that ...").
_DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ying)|disput\w*|refut\w*|reject\w*|rebut\w*)\b", re.I)


def denies(cue: str) -> bool:
    """Whether a speech cue denies its own content: ``denied that she lied`` holds *she did
    not lie*."""
    return _DENIAL.search(cue) is not None


# A belief the speaker says they do not hold: "did not believe the episode merited an
# inquiry" holds that it did not. ("Did not say that ..." says nothing either way.)
_DISBELIEF = re.compile(r"(?:\bnot|\bnever|n['\u2019]t)\s+(?:\w+\s+)?(?:believ\w*|think\w*|"
                        r"thought|expect\w*|feel\w*|felt|agree\w*)\b", re.I)


def disbelieves(cue: str) -> bool:
    """Whether a cue denies that the speaker believes its content: ``did not believe``,
    ``doesn't think``."""
    return _DISBELIEF.search(cue) is not None


def modality(text: str) -> str:
    """``can``, ``should``, ``will``, ``may`` or ``is``: the first modal found, in that order."""
    for name, pat in _MODALS:
        if pat.search(text):
            return name
    return "is"


@dataclass(frozen=True, slots=True)
class Proposition:
    """One statement: who holds it, where it is, how it is stated and what it is about."""

    index: int  # position in the event's list
    id: str
    article_id: str
    outlet: str
    sentence: int  # sentence number in its article
    span: Span  # the words stated: an attribution's content, or an own-voice clause
    frame: Span  # the whole statement, speaker and cue included
    text: str
    cue: str  # the speech cue as written, lower-cased; "" in the outlet's own voice
    holder: str | None
    holder_kind: HolderKind | None
    voice: Voice
    negated: bool
    modality: str
    entities: frozenset[str]
    words: frozenset[str]
    attribution_id: str | None = None

    @property
    def sentence_key(self) -> tuple[str, int]:
        """``(article id, sentence number)``: statements of one sentence share it."""
        return self.article_id, self.sentence


def _text(doc: ArticleDoc, span: Span) -> str:
    return " ".join(doc.text[span.start : span.end].split()).strip(" \"'\u201c\u201d,;")


def _attributed(
    doc: ArticleDoc, holders: HolderIndex
) -> Iterator[tuple[Span, Span, str, Holder | None, Attribution | None, bool]]:
    seen: set[tuple[int, int, str]] = set()
    found = {a.id: holders.of_attribution(doc, a) for a in doc.attributions}
    for a in sorted(doc.attributions, key=lambda a: (a.content.start, -a.content.end)):
        text = _text(doc, a.content)
        if len(_WORD.findall(text)) < MIN_WORDS:
            continue
        cue = doc.text[a.cue.start : a.cue.end].lower() if a.cue is not None else ""
        nested = any(b.id != a.id and b.content.contains(a.span) for b in doc.attributions)
        if nested and not (_NOUN_CUE.fullmatch(cue) or _states(cue)):
            continue  # "many speculated that the White House offered to appoint him"
        holder = found[a.id]
        if holder is None and cue and not _NOUN_CUE.fullmatch(cue):
            # "Rand issued a statement saying that ...": an unresolved source inside another
            # statement is the outer speaker, unless the cue is a noun ("Republican claims").
            outer = [b for b in doc.attributions
                     if b.id != a.id and b.content.contains(a.span) and found[b.id] is not None]
            if outer:
                holder = found[min(outer, key=lambda b: len(b.content)).id]
        key = (a.content.start, a.content.end, holder.name if holder else "")
        if key in seen:
            continue
        seen.add(key)
        yield a.content, a.span, cue, holder, a, False
        for other in holders.co_holders(doc, a, holder):
            if (a.content.start, a.content.end, other.name) not in seen:
                seen.add((a.content.start, a.content.end, other.name))
                yield a.content, a.span, cue, other, a, True


@cache
def _no_comment() -> re.Pattern[str]:
    # A refusal to comment holds no position ("would not comment on the remarks").
    phrases = phrase_alternation(entries("no_comment_phrases")).replace("'", "['\u2019]")
    return re.compile(rf"\b{phrases}\b", re.I)


def _states(cue: str) -> bool:
    # Whether a cue says someone stated something (not "offered", "wanted", "considered").
    verbs = entries("statement_verbs")
    return any(w.startswith(v) for w in cue.split() for v in verbs)


def _own_voice(event: EventDoc, doc: ArticleDoc) -> Iterator[Span]:
    claims = [c for c in event.claims if c.article_id == doc.id and c.voice == "author"]
    if claims or "claims" in event.layers:
        yield from (c.span for c in claims)
        return
    for sent in sentences(doc):
        if not any(a.span.overlaps(sent) for a in doc.attributions):
            yield sent


def build_propositions(event: EventDoc, holders: HolderIndex) -> list[Proposition]:
    """Every attributed statement and every own-voice clause of the event's articles.

    Args:
        event: the event with attributions (and, when present, claims) on its articles.
        holders: the event's holder index.

    Returns:
        Propositions in article and text order; ``index`` is the position in this list.
    """
    out: list[Proposition] = []
    for doc in event.docs:
        if doc.duplicate_of is not None:
            continue
        sents = sentences(doc)
        starts = [s.start for s in sents]
        outlet = event.outlet_of(doc.id)
        items = list(_attributed(doc, holders))
        items += [(s, s, "", Holder(outlet, "outlet"), None, False)
                  for s in _own_voice(event, doc)]
        items.sort(key=lambda x: (x[0].start, x[0].end))
        for span, frame, cue, holder, a, joint in items:
            text = _text(doc, span)
            if not text or _no_comment().search(f"{cue} {text}"):
                continue
            ents = frozenset(n for _, _, n in holders.names_in(doc.id, span.start, span.end))
            out.append(
                Proposition(
                    index=len(out),
                    # One statement of several speakers is one proposition each.
                    id=content_id(doc.id, "prop", str(span.start), str(span.end), cue,
                                  *((holder.name,) if joint and holder else ())),
                    article_id=doc.id,
                    outlet=outlet,
                    sentence=max(0, bisect_right(starts, span.start) - 1),
                    span=span,
                    frame=frame,
                    text=text,
                    cue=cue,
                    holder=holder.name if holder else None,
                    holder_kind=holder.kind if holder else None,
                    voice="attributed" if a is not None else "author",
                    negated=negated(text) != disbelieves(cue),
                    modality=modality(text),
                    entities=ents,
                    words=content_words(text),
                    attribution_id=a.id if a is not None else None,
                )
            )
    return out
