"""The core data model: frozen dataclasses whose every finding points into an article's text.

Rules that everything else relies on:

* ``Article.text`` is the original text as ingested and is never changed afterwards. Cleaning
  marks boilerplate as spans; it does not delete characters, so every offset stays valid.
* Every annotation carries ``article_id`` and a :class:`Span` of character offsets into that
  article's ``text`` (Python string indices, end exclusive).
* Ids are content hashes, so ingesting or analysing the same text twice yields the same ids and
  stores upsert rather than duplicate.

This module imports nothing from the rest of the package.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

SCHEMA_VERSION = "1.0"


def content_id(*parts: str, length: int = 16) -> str:
    """Return a stable hex id for the given strings (sha256, truncated).

    Args:
        *parts: the strings that identify the object; joined with a separator that cannot
            occur in normal text so ``("ab", "c")`` and ``("a", "bc")`` differ.
        length: number of hex digits to keep.

    Returns:
        The hex digest prefix.
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:length]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` in an article's original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """Return the characters this span covers in ``text``."""
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies entirely inside this span."""
        return self.start <= other.start and other.end <= self.end


# --------------------------------------------------------------------------------------------
# Article and its metadata


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One ingested report. ``text`` is the original text and is never modified.

    Metadata fields hold what the input itself declared (JSON fields, a manifest, HTML meta
    tags); what rashomon infers from the text is in :class:`ArticleMeta`.
    """

    id: str
    source: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime as given
    author: str | None = None
    language: str | None = None
    format: str = "txt"

    @staticmethod
    def make_id(text: str) -> str:
        """Content-hash id of an article's text: the same text is the same article."""
        return content_id(text)


@dataclass(frozen=True, slots=True, kw_only=True)
class MetaField:
    """An inferred or declared metadata value with where it came from."""

    value: str
    span: Span | None = None  # evidence in Article.text, when inferred from the text
    origin: Literal["declared", "manifest", "inferred"] = "inferred"


@dataclass(frozen=True, slots=True, kw_only=True)
class Relay:
    """Evidence that an article relays (re-reports) another outlet's story."""

    outlet: str
    span: Span
    # The relation: "according to", "citing", "per", "told", "interview", "appeared on",
    # "reports", "reported by", "first reported", "wrote in", "leaked to", "sources",
    # "originally published", "wire" (a dateline credit such as "Denver (AP) -").
    cue: str = ""
    cue_span: Span | None = None  # the words that state the relation


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleMeta:
    """Metadata resolved for an article: manifest over declared over inferred."""

    outlet: MetaField | None = None
    title: MetaField | None = None
    published: MetaField | None = None  # value is an ISO date
    author: MetaField | None = None
    language: MetaField | None = None
    translated_from: MetaField | None = None
    relays: tuple[Relay, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Boilerplate:
    """A stretch of scraped junk (navigation, teaser, cookie text...) marked, not deleted."""

    article_id: str
    span: Span
    reason: str
    score: float = 1.0


# --------------------------------------------------------------------------------------------
# Linguistic layers (per article)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A body sentence."""

    article_id: str
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A named-entity mention; ``entity`` is the article-local entity id it refers to."""

    article_id: str
    span: Span
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, EVENT...
    entity: str  # local entity id (content hash of article id + canonical name)


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalEntity:
    """An entity within one article: its fullest name, its mentions and any stated roles."""

    id: str
    article_id: str
    name: str
    label: str
    mention_spans: tuple[Span, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A role or apposition stated for a person (``Kremlin spokesman``)."""

    text: str
    span: Span


AttributionKind = Literal["direct", "indirect", "according-to", "mixed"]
# Who a source is: a named person, an organisation, an unnamed source (anonymous, a spokesperson
# or an official of some body), a document speaking for whoever issued it, a news outlet, or a
# group of people ("five Republican senators").
SpeakerKind = Literal[
    "person", "organisation", "anonymous", "spokesperson", "official", "document", "outlet", "group"
]
SPEAKER_KINDS: tuple[str, ...] = (
    "person", "organisation", "anonymous", "spokesperson", "official", "document", "outlet", "group"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """A source-cue-content triple: who said what, and how the text reports it."""

    id: str
    article_id: str
    kind: AttributionKind
    span: Span  # the whole attribution (speaker, cue and content)
    content: Span
    cue: Span | None = None
    speaker: Span | None = None
    speaker_text: str | None = None
    speaker_resolved: str | None = None  # full name of a person, or the anonymous phrase
    speaker_entity: str | None = None  # local entity id when resolved to a mention
    anonymous: bool = False
    relayed_from: str | None = None  # outlet the attribution is relayed through
    speaker_kind: SpeakerKind | None = None  # what the speaker is (None when there is none)
    # the body an unnamed source or a document speaks for ("a Google spokesperson": Google)
    speaker_affiliation: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A number with what it counts and its qualifier turned into an interval."""

    id: str
    article_id: str
    span: Span
    text: str
    slot: str | None  # killed, injured, missing, arrested, detained, seats, killed_forecast...
    value: float
    low: float | None
    high: float | None
    qualifier: str | None = None  # at least, more than, nearly...
    unit: str | None = None
    attributed_to: str | None = None
    attribution_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeMention:
    """A temporal expression normalised to a calendar date where possible."""

    id: str
    article_id: str
    span: Span
    text: str
    value: str | None  # ISO date, or None when it cannot be resolved
    granularity: Literal["day", "week", "month", "year", "time", "duration", "unknown"]
    # what it was resolved against: "published", "window", "explicit", "event" (another dated
    # happening in the article), "cross-article" (the day other reports give it),
    # "event-window" / "event-published" (an article that states no year or no publication
    # date, anchored by the dates of the event's other articles), "none"
    anchor: str
    sentence: Span | None = None  # the sentence it dates (event or statement)
    event_text: str | None = None  # head of the event/statement it is tied to
    happening: Span | None = None  # the whole clause or phrase it dates (who did what)
    anchor_from: str | None = None  # for event-level anchors: the article whose date it took
    anchor_date: str | None = None  # ... and that date (ISO)


@dataclass(frozen=True, slots=True, kw_only=True)
class Hedge:
    """A hedge or certainty marker (allegedly, reportedly, conditional mood...)."""

    article_id: str
    span: Span
    # "hedge", "so-called", "conditional", "unverified", "reported", "unsupported" (a claim
    # with no evidence offered), "loaded" (emotive wording in the writer's own voice)
    kind: str
    sentence: Span | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleDoc:
    """An article plus one tuple per annotation layer. Stages return ``replace(doc, ...)``."""

    article: Article
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    boilerplate: tuple[Boilerplate, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[LocalEntity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeMention, ...] = ()
    hedges: tuple[Hedge, ...] = ()
    duplicate_of: str | None = None
    layers: frozenset[str] = frozenset()  # names of layers produced so far
    # A parsed spaCy Doc kept between article stages in one worker; never serialised.
    parsed: Any = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        """The article id."""
        return self.article.id

    @property
    def text(self) -> str:
        """The original article text."""
        return self.article.text

    @property
    def outlet_label(self) -> str:
        """The outlet findings name this article by: resolved, declared, else its source."""
        if self.meta.outlet is not None:
            return self.meta.outlet.value
        return self.article.outlet or source_label(self.article.source)

    def body_spans(self) -> tuple[Span, ...]:
        """The stretches of text that are not boilerplate, in order (merged, non-empty)."""
        cuts = sorted((b.span for b in self.boilerplate), key=lambda s: (s.start, s.end))
        out: list[Span] = []
        pos = 0
        for cut in cuts:
            if cut.start > pos:
                out.append(Span(pos, cut.start))
            pos = max(pos, cut.end)
        if pos < len(self.text):
            out.append(Span(pos, len(self.text)))
        return tuple(s for s in out if self.text[s.start : s.end].strip())

    @property
    def body(self) -> str:
        """The cleaned body: the text minus boilerplate spans, paragraphs joined by blank lines."""
        parts = [self.text[s.start : s.end].strip() for s in self.body_spans()]
        return "\n\n".join(p for p in parts if p)

    def all_spans(self) -> Iterator[Span]:
        """Every span in every layer (for invariant checks)."""
        yield from _spans_in(self.meta)
        for layer in (
            self.boilerplate,
            self.sentences,
            self.mentions,
            self.entities,
            self.attributions,
            self.quantities,
            self.times,
            self.hedges,
        ):
            for item in layer:
                yield from _spans_in(item)


def _spans_in(obj: object) -> Iterator[Span]:
    if isinstance(obj, Span):
        yield obj
    elif is_dataclass(obj) and not isinstance(obj, type):
        for f in fields(obj):
            yield from _spans_in(getattr(obj, f.name))
    elif isinstance(obj, tuple | list):
        for item in obj:
            yield from _spans_in(item)


# --------------------------------------------------------------------------------------------
# Event-level layers (across articles)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """A pointer to a stretch of one article's text."""

    article_id: str
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """One real-world referent merged across articles."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: tuple[Evidence, ...]
    merge_reasons: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


Voice = Literal["author", "attributed"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A body sentence or clause as a claim, with its voice."""

    id: str
    article_id: str
    span: Span
    text: str
    voice: Voice
    speaker: str | None = None
    relayed_from: str | None = None
    attribution_id: str | None = None
    negated: bool = False
    hedged: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceOrigin:
    """Where some outlets' claims of one group come from: their own reporting, or an outlet
    they relay (a wire story, "according to X", "X reported")."""

    origin: str  # the outlet the claims trace to
    outlets: tuple[str, ...]  # the outlets whose claims trace there
    relation: str  # "own", "duplicate", or the relay's relation ("wire", "reports", "told"...)
    evidence: tuple[Evidence, ...] = ()  # the relay cues that say so


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimGroup:
    """Claims that say the same thing across outlets."""

    id: str
    label: str
    label_claim: str
    claim_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    independent_outlets: int  # independent sources: outlets relaying one original count once
    sources: tuple[SourceOrigin, ...] = ()
    sourcing_note: str = ""  # "4 outlets, 1 independent source: all cite Associated Press"


CoverageState = Literal["carries", "attributed", "contradicts", "omits"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Coverage:
    """How one outlet treats one claim group."""

    outlet: str
    group_id: str
    state: CoverageState
    claim_ids: tuple[str, ...] = ()
    origin: str | None = None  # the source this outlet's claims trace to (itself or a relay)


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberValue:
    """One outlet's figure for a slot."""

    article_id: str
    outlet: str
    span: Span
    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    published: str | None
    attributed_to: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberSlot:
    """All figures for one slot (killed, injured...) and whether they can all be true."""

    slot: str
    values: tuple[NumberValue, ...]
    verdict: Literal["compatible", "conflict", "explained-by-time", "single"]
    explanation: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Side:
    """One side of a dispute."""

    position: str
    holders: tuple[str, ...]
    outlets: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    # How each outlet carries this side, in evidence order: (outlet, "asserts") when it states
    # the side in its own voice, (outlet, "reports") when it only passes it on from a source.
    stances: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Dispute:
    """A disagreement, phrased as a question with sides."""

    id: str
    question: str
    kind: str  # "explicit", "polarity", "slot", "stance", "number"
    score: float
    sides: tuple[Side, ...]
    outlet_stances: tuple[tuple[str, str], ...] = ()  # (outlet, asserts|reports|silent)


@dataclass(frozen=True, slots=True, kw_only=True)
class FramingUse:
    """One use of a loaded or evaluative word (lexicon ``loaded_words``) in an article.

    ``authorial`` is True when the outlet uses the word in its own voice, False when the word
    is inside quotation marks or the content of an attribution (the source's word).
    """

    article_id: str
    outlet: str
    word: str  # the word as matched, lower-cased
    span: Span
    authorial: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """A dated happening with its sources: ``text`` is one outlet's whole clause or phrase for
    it (who did what); ``evidence`` holds every outlet's."""

    date: str
    text: str
    article_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    outlets: tuple[str, ...] = ()
    # How the day was read where one outlet's reading was corrected by another's: a bare
    # weekday ("on Thursday") read a week off, re-dated to the day another outlet gives.
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class DatedVersion:
    """One day given for a happening, by the outlets that give it."""

    date: str
    outlets: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DateConflict:
    """Outlets that place the same happening on different days."""

    id: str
    text: str  # the happening, as one outlet words it
    versions: tuple[DatedVersion, ...]


QuoteFlag = Literal["truncated", "words-changed", "different-speaker", "paraphrase-as-quote"]


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteVersion:
    """One outlet's version of a quotation: the quoted words and whom it gives them to."""

    article_id: str
    outlet: str
    span: Span  # the quoted words (inside the quotation marks, or the reported content)
    text: str
    speaker: str | None  # as resolved in that article
    speaker_span: Span | None
    quoted: bool  # printed inside quotation marks (False: reported speech)
    attribution_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteDiscrepancy:
    """The same quotation as two outlets give it, and how the versions differ."""

    id: str
    flags: tuple[QuoteFlag, ...]
    similarity: float  # 0..1, how much of the shorter version the longer contains
    detail: str  # what differs: the words changed, the words cut, the two speakers
    versions: tuple[QuoteVersion, QuoteVersion]


@dataclass(frozen=True, slots=True, kw_only=True)
class SourcingProfile:
    """How one article (or all of one outlet's articles) sources its statements: how many
    attributions are to named, anonymous, official and relayed sources."""

    scope: Literal["article", "outlet"]
    key: str  # the article id, or the outlet name
    outlet: str
    total: int
    counts: tuple[tuple[str, int], ...]  # category -> attributions (named, anonymous...)
    attribution_ids: tuple[tuple[str, tuple[str, ...]], ...] = ()  # category -> the evidence


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefLine:
    """One line of the extractive brief; never without a citation."""

    section: Literal["consensus", "dispute", "timeline"]
    text: str
    citations: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An input that could not be ingested or analysed, and why."""

    source: str
    reason: str
    stage: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice:
    """Something about an input worth saying that is not a failure: ``kind`` ``duplicate`` is an
    input whose text is the same as an earlier one's (analysed once, as the earlier one)."""

    source: str
    reason: str
    kind: str = "duplicate"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDoc:
    """All articles of one event and the cross-outlet findings."""

    id: str
    name: str
    docs: tuple[ArticleDoc, ...]
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    groups: tuple[ClaimGroup, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    numbers: tuple[NumberSlot, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    framing: tuple[FramingUse, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    date_conflicts: tuple[DateConflict, ...] = ()
    quote_discrepancies: tuple[QuoteDiscrepancy, ...] = ()
    sourcing: tuple[SourcingProfile, ...] = ()
    brief: tuple[BriefLine, ...] = ()
    errors: tuple[Failure, ...] = ()
    notices: tuple[Notice, ...] = ()
    layers: frozenset[str] = frozenset()

    def doc(self, article_id: str) -> ArticleDoc:
        """Return the article doc with this id."""
        for d in self.docs:
            if d.id == article_id:
                return d
        raise KeyError(article_id)

    def outlet_of(self, article_id: str) -> str:
        """The resolved outlet name of an article (see :attr:`ArticleDoc.outlet_label`)."""
        return self.doc(article_id).outlet_label


def source_label(source: str) -> str:
    """A short stand-in for an unknown outlet: a URL's host or a file's name (``a.jsonl:2``)."""
    if "://" in source:
        host = source.split("://", 1)[1].split("/", 1)[0]
        return host.removeprefix("www.") or source
    return source.replace("\\", "/").rsplit("/", 1)[-1] or source
