"""Attributions (quotes and reported speech) as source-cue-content triples from spaCy parses.

The extractor works in two passes, textacy-style, on parsed text and plain offsets:

1. :func:`find_attributions` reads one spaCy ``Doc`` (a block of an article starting at
   ``offset``) and yields :class:`Found` records: a cue verb from :data:`CUE_VERBS` with its
   ``nsubj`` as the source and its ``ccomp``/``xcomp``/``dobj`` clause (or an adjacent quote) as
   the content; ``according to X``; dash-introduced quotes with the speaker after them; and
   quotations paired over the raw text (:func:`find_quotes`) that no cue claims, which continue
   the previous speaker.
2. :func:`resolve_attributions` resolves each source to a person of the article (names,
   pronouns, role phrases such as *the Russian leader*), flags anonymous sources, records the
   outlet an attribution is relayed through, and turns the records into
   :class:`~rashomon.model.Attribution` objects.

Rules are hand-written rather than learned because they must give a span of evidence for every
decision and run offline on the small spaCy pipeline; PolNeAR (``rashomon eval attribution``)
measures them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz

from rashomon.model import Attribution, AttributionKind, LocalEntity, Mention, Span, content_id
from rashomon.nlp.pipelines import doc_text

__all__ = [
    "ANONYMOUS_HEADS",
    "CUE_VERBS",
    "Found",
    "NamedMention",
    "PersonIndex",
    "attributions_from_doc",
    "find_attributions",
    "find_quotes",
    "iter_outermost",
    "resolve_attributions",
]

# Speech, cognition and reporting verbs (lemmas) that introduce an attribution. Seeded from
# the reporting-verb lists of quote extractors (SFU Gender Gap Tracker, Citron) and extended
# with the cue lemmas most often annotated in PolNeAR's *train* split.
CUE_VERBS: frozenset[str] = frozenset(
    [
        "accord",
        "accuse",
        "acknowledge",
        "acquiesce",
        "add",
        "address",
        "admit",
        "advise",
        "advocate",
        "affirm",
        "agree",
        "aim",
        "allege",
        "allude",
        "announce",
        "answer",
        "anticipate",
        "apologize",
        "appear",
        "applaud",
        "approve",
        "argue",
        "articulate",
        "ask",
        "assail",
        "assert",
        "assume",
        "assure",
        "attack",
        "attest",
        "attribute",
        "back",
        "balk",
        "bash",
        "believe",
        "bemoan",
        "blame",
        "blast",
        "boast",
        "boo",
        "brag",
        "calculate",
        "call",
        "caution",
        "challenge",
        "champion",
        "chant",
        "characterise",
        "characterize",
        "charge",
        "cheer",
        "chide",
        "cite",
        "claim",
        "clarify",
        "comment",
        "complain",
        "concede",
        "conclude",
        "condemn",
        "confide",
        "confirm",
        "congratulate",
        "consider",
        "contemplate",
        "contend",
        "continue",
        "contradict",
        "convince",
        "corroborate",
        "counter",
        "credit",
        "criticise",
        "criticize",
        "debate",
        "decide",
        "declare",
        "decline",
        "decry",
        "deem",
        "defend",
        "deliver",
        "demand",
        "denounce",
        "deny",
        "deride",
        "describe",
        "detail",
        "determine",
        "disagree",
        "disavow",
        "disclose",
        "discover",
        "discuss",
        "dislike",
        "dismiss",
        "disparage",
        "dispute",
        "distance",
        "document",
        "doubt",
        "downplay",
        "dub",
        "echo",
        "elaborate",
        "email",
        "emphasise",
        "emphasize",
        "encourage",
        "endorse",
        "envision",
        "estimate",
        "expect",
        "explain",
        "express",
        "favor",
        "fear",
        "feel",
        "find",
        "focus",
        "forecast",
        "foresee",
        "guess",
        "hail",
        "hammer",
        "hear",
        "highlight",
        "hint",
        "hop",
        "hope",
        "identify",
        "illustrate",
        "imply",
        "indicate",
        "inform",
        "insist",
        "insult",
        "intend",
        "interject",
        "interpret",
        "invoke",
        "issue",
        "joke",
        "judge",
        "justify",
        "know",
        "label",
        "lambast",
        "lament",
        "lash",
        "learn",
        "lecture",
        "liken",
        "mention",
        "mock",
        "mull",
        "muse",
        "name",
        "nominate",
        "note",
        "notify",
        "observe",
        "offer",
        "opine",
        "oppose",
        "outline",
        "paint",
        "persuade",
        "plan",
        "plead",
        "pledge",
        "point",
        "portray",
        "posit",
        "post",
        "praise",
        "preach",
        "predict",
        "prefer",
        "proclaim",
        "project",
        "promise",
        "promote",
        "pronounce",
        "propose",
        "protest",
        "publish",
        "question",
        "quip",
        "quote",
        "rail",
        "react",
        "read",
        "reaffirm",
        "realise",
        "realize",
        "reassure",
        "rebuff",
        "rebuke",
        "rebut",
        "recall",
        "recite",
        "reckon",
        "recognise",
        "recognize",
        "recommend",
        "recount",
        "refer",
        "reference",
        "refuse",
        "refute",
        "regard",
        "reiterate",
        "reject",
        "release",
        "relish",
        "remark",
        "remember",
        "remind",
        "repeat",
        "reply",
        "report",
        "repudiate",
        "request",
        "resist",
        "respond",
        "retort",
        "retweet",
        "retweete",
        "reveal",
        "say",
        "scoff",
        "see",
        "seek",
        "seem",
        "share",
        "shout",
        "show",
        "shrug",
        "signal",
        "slam",
        "spar",
        "speak",
        "specify",
        "speculate",
        "state",
        "stress",
        "suggest",
        "support",
        "suspect",
        "swear",
        "talk",
        "tell",
        "testify",
        "thank",
        "think",
        "threaten",
        "tout",
        "trumpet",
        "tweet",
        "underline",
        "underscore",
        "understand",
        "unveil",
        "urge",
        "utter",
        "verify",
        "view",
        "voice",
        "vouch",
        "vow",
        "want",
        "warn",
        "welcome",
        "wonder",
        "worry",
        "write",
        "yell",
        # Added from the cue lemmas most often missed on PolNeAR train. ("maintain", "cast"
        # and "figure" were dropped: PolNeAR train marks them as cues in under a third of the
        # attributions this extractor read off them.)
        "order",
        "list",
        "compare",
    ]
)

# Cue verbs that only attribute when they take a clause (not a bare object): "show", "see"...
_CLAUSE_ONLY = frozenset(
    [
        "aim",
        "appear",
        "assume",
        "believe",
        "consider",
        "continue",
        "decide",
        "decline",
        "determine",
        "discover",
        "doubt",
        "expect",
        "fear",
        "feel",
        "figure",
        "find",
        "guess",
        "hear",
        "hop",
        "hope",
        "indicate",
        "intend",
        "judge",
        "know",
        "learn",
        "plan",
        "presume",
        "realise",
        "realize",
        "reckon",
        "recognise",
        "recognize",
        "refuse",
        "regard",
        "seek",
        "seem",
        "signal",
        "suspect",
        "think",
        "threaten",
        "understand",
        "view",
        "want",
        "wonder",
        "worry",
    ]
)

# Cognition verbs used as discourse fillers ("you know", "you see", ", I think,").
_FILLERS = frozenset(["know", "see", "think", "guess", "mean", "remember"])

# Verbs whose direct object is the listener, not what was said ("told reporters").
_RECIPIENT_VERBS = frozenset(
    ["tell", "ask", "assure", "inform", "remind", "warn", "notify", "advise", "reassure", "urge"]
)

# Prepositions whose object is the content of a cue verb ("talked about X", "warned of X").
_CUE_PREPS = frozenset(["about", "of", "for", "to", "on", "against"])

# Nouns that head an anonymous source ("US officials familiar with the matter").
ANONYMOUS_HEADS: frozenset[str] = frozenset(
    [
        "official",
        "officials",
        "source",
        "sources",
        "person",
        "people",
        "insider",
        "insiders",
        "aide",
        "aides",
        "diplomat",
        "diplomats",
        "officer",
        "officers",
        "expert",
        "experts",
        "analyst",
        "analysts",
        "observer",
        "observers",
        "witness",
        "witnesses",
        "resident",
        "residents",
        "employee",
        "employees",
        "member",
        "members",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "lawmaker",
        "lawmakers",
        "staffer",
        "staffers",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "representatives",
        "someone",
        "somebody",
    ]
)

# Role nouns that a definite phrase uses for a named person ("the Russian leader").
_ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "president": frozenset({"president", "leader", "head", "chief"}),
    "leader": frozenset({"president", "leader", "head", "chief", "premier", "ruler"}),
    "head": frozenset({"head", "director", "chief", "leader", "chairman"}),
    "director": frozenset({"director", "head", "chief"}),
    "chief": frozenset({"chief", "head", "director", "leader"}),
    "spokesman": frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary"}),
    "spokeswoman": frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary"}),
    "minister": frozenset({"minister", "secretary"}),
    "secretary": frozenset({"secretary", "minister", "spokesman"}),
    "premier": frozenset({"premier", "prime", "leader"}),
    "chancellor": frozenset({"chancellor", "leader"}),
    "senator": frozenset({"senator"}),
    "governor": frozenset({"governor"}),
    "mayor": frozenset({"mayor"}),
    "diplomat": frozenset({"diplomat", "ambassador", "envoy"}),
    "expert": frozenset({"expert", "analyst"}),
    "candidate": frozenset({"candidate", "nominee"}),
    "nominee": frozenset({"candidate", "nominee"}),
    "ambassador": frozenset({"ambassador", "envoy", "diplomat"}),
}

_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "i", "we", "they", "who"})
# Words that make a noun phrase name an outlet rather than a person ("the news outlet").
_OUTLET_NOUNS = frozenset(
    {
        "outlet",
        "newspaper",
        "paper",
        "agency",
        "broadcaster",
        "channel",
        "magazine",
        "daily",
        "website",
        "publication",
        "network",
        "tabloid",
    }
)
# Proper-name patterns typical of news outlets; used when no explicit outlet list is given.
_OUTLET_NAME = re.compile(
    r"\b(Post|Times|Bloomberg|Reuters|Interfax|TASS|Tass|RIA|AFP|AP|Associated Press|CNN|BBC|"
    r"NYT|WP|Journal|Guardian|Telegraph|Politico|Axios|NBC|CBS|ABC|Fox News|Al Jazeera|"
    r"Al Mayadeen|Kommersant|Izvestia|Meduza|Novaya Gazeta|RT|Sputnik|Le Monde|Der Spiegel|"
    r"Spiegel|Newsweek|Economist|Financial Times|Wall Street Journal|Wire|News|Herald|Gazette|"
    r"Tribune|Daily|Agency)\b"
)

_OPEN_QUOTES = "“«„‟"
_CLOSE_QUOTES = "”»"

Kind = AttributionKind


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """An attribution found in text, before its speaker is resolved (article offsets).

    Attributes:
        kind: direct, indirect, according-to or mixed.
        content: the reported content.
        cue: the cue (verb with auxiliaries, ``according to``, a colon...), if any.
        speaker: the literal source span in this sentence, if any.
        speaker_text: text of ``speaker``.
        speaker_kind: how the source is expressed: ``name``, ``pronoun``, ``role``,
            ``anonymous``, ``outlet``, ``relative``, ``other`` or ``continued`` (a quote that
            continues the previous speaker).
        head_lemma: lemma of the source's head noun (for role phrases), lower case.
        modifiers: lower-cased modifiers of the source's head (``russian``, ``ukrainian``).
        antecedent: for ``relative`` sources, the span of the noun the pronoun stands for.
        clause: the reporting clause after a quotation, with the cue's adverbials
            (``"...," Trump warned in Everett on Monday``), when it reaches past the cue.
        relay: an outlet named in the sentence as the channel (``according to Bloomberg``),
            with its span.
        nested: True when the cue lies inside another attribution's content.
    """

    kind: Kind
    content: Span
    cue: Span | None = None
    speaker: Span | None = None
    speaker_text: str | None = None
    speaker_kind: str = "other"
    head_lemma: str = ""
    modifiers: tuple[str, ...] = ()
    antecedent: Span | None = None
    relay: tuple[str, Span] | None = None
    nested: bool = False
    clause: Span | None = None

    @property
    def span(self) -> Span:
        """The whole attribution: speaker, cue, content and the rest of the cue clause."""
        parts = [s for s in (self.content, self.cue, self.speaker, self.clause) if s is not None]
        if self.speaker_kind == "continued":
            parts = [s for s in (self.content, self.cue) if s is not None]
        return Span(min(s.start for s in parts), max(s.end for s in parts))


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedMention:
    """A named-entity mention with the full name and entity id it resolves to."""

    span: Span
    label: str
    name: str
    entity: str | None = None
    roles: tuple[str, ...] = ()  # lower-cased role texts stated for the entity


# --------------------------------------------------------------------------------------------
# Quote pairing over the raw text


def find_quotes(text: str, *, offset: int = 0) -> list[Span]:
    """Pair quotation marks over raw text and return the quoted stretches, marks included.

    Handles curly and straight double quotes (and ``''``/````` pairs), quotes spanning
    sentences, and quotes spanning paragraphs in the newspaper convention (an unclosed quote
    whose next paragraph opens with a quote mark continues there). An unclosed quote stops at
    the end of its paragraph.

    Args:
        text: the raw text.
        offset: added to every returned offset.

    Returns:
        Spans in order, each starting at an opening and ending after a closing mark.
    """
    # Hand-written: no maintained library pairs straight and curly quotes over paragraphs.
    marks: list[tuple[int, int, str]] = []  # (start, end, role) role in open/close/either
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN_QUOTES:
            marks.append((i, i + 1, "open"))
        elif ch in _CLOSE_QUOTES:
            marks.append((i, i + 1, "close"))
        elif ch == '"':
            marks.append((i, i + 1, _straight_role(text, i, i + 1)))
        elif text.startswith("``", i):
            marks.append((i, i + 2, "open"))
            i += 1
        elif text.startswith("''", i):
            marks.append((i, i + 2, _straight_role(text, i, i + 2)))
            i += 1
        i += 1

    spans: list[Span] = []
    open_at: int | None = None
    seg = 0  # start of the current paragraph of an open quote
    for start, end, role in marks:
        if open_at is not None and "\n" in text[seg:start]:
            # The quote ran to the end of its paragraph without closing.
            para_end = text.index("\n", seg)
            if role in ("open", "either") and _only_breaks(text[para_end:start]):
                # Multi-paragraph quote: the next paragraph reopens it; keep going.
                seg = start
                continue
            spans.append(Span(open_at, _rstrip_at(text, para_end)))
            open_at = None
        if open_at is None:
            if role in ("open", "either"):
                open_at = seg = start
        elif role in ("close", "either"):
            if end - open_at > 2:
                spans.append(Span(open_at, end))
            open_at = None
    if open_at is not None:
        stop = text.find("\n", seg)
        stop = n if stop < 0 else stop
        spans.append(Span(open_at, _rstrip_at(text, stop)))
    return [Span(s.start + offset, s.end + offset) for s in spans if s.end - s.start > 2]


def _straight_role(text: str, start: int, end: int) -> str:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if (before.isspace() or before in "([{—–-:") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "either"


def _only_breaks(s: str) -> bool:
    return not s.strip()


def _rstrip_at(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# --------------------------------------------------------------------------------------------
# Finding attributions in one parsed block


def find_attributions(
    doc: Any,
    *,
    offset: int = 0,
    cues: frozenset[str] = CUE_VERBS,
    quotes: Sequence[Span] | None = None,
) -> list[Found]:
    """Find attributions in one parsed block of text.

    Args:
        doc: a spaCy ``Doc`` with a dependency parse (the block ``text[offset:...]``).
        offset: the block's start in the article text; added to every span.
        cues: lemmas of cue verbs.
        quotes: quotation spans (article offsets) in the block; found with
            :func:`find_quotes` when omitted.

    Returns:
        The attributions in text order, with ``nested`` set for those inside another's content.
    """
    text: str = doc_text(doc)
    qspans = list(quotes) if quotes is not None else find_quotes(text, offset=offset)
    local_quotes = [Span(q.start - offset, q.end - offset) for q in qspans]
    found: list[Found] = []
    used_cues: set[int] = set()

    found.extend(_dash_quotes(doc, local_quotes, cues, used_cues))
    found.extend(_colon_lines(doc, local_quotes))
    found.extend(_dash_credits(doc, local_quotes))
    for sent in doc.sents:
        for tok in sent:
            if tok.i in used_cues:
                continue
            if tok.lower_ in ("in", "for") and tok.dep_ == "prep":
                item = _in_source(tok, local_quotes, cues)
                if item is not None:
                    found.append(item)
                continue
            if tok.lower_ == "according" and _according_to(tok) is not None:
                item = _according(tok, local_quotes)
                if item is not None:
                    found.append(item)
                    used_cues.add(tok.i)
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in _CUE_NOUNS:
                item = _noun_attribution(tok, local_quotes)
                if item is not None:
                    found.append(item)
                continue
            if not tok.tag_.startswith("VB") or tok.lemma_.lower() not in cues:
                continue
            item = _verb_attribution(tok, local_quotes)
            if item is not None:
                found.append(item)
                used_cues.add(tok.i)
    found.extend(_quote_then_speaker(doc, local_quotes, cues, used_cues, found))

    found = [c for f in found if (c := _clip_to_paragraph(f, text, local_quotes)) is not None]
    found = [_speaker_before_cue(doc, f) if f.speaker is None and f.cue else f for f in found]
    found = _attach_orphan_quotes(doc, found, local_quotes)
    found = [_shift(f, offset) for f in found]
    found.sort(key=lambda f: (f.span.start, f.span.end))
    return _mark_nested(found)


# Parts of speech of a bare source phrase between a quotation and its cue verb.
_SOURCE_POS = frozenset(
    ["DET", "PROPN", "NOUN", "ADJ", "PRON", "NUM", "PART", "PUNCT", "ADP", "CCONJ"]
)


def _quote_then_speaker(
    doc: Any, quotes: Sequence[Span], cues: frozenset[str], used: set[int], found: list[Found]
) -> list[Found]:
    """'"...," Police Chief Ann Roe said Monday.' read off the surface when the parse is lost.

    The small parser often breaks the clause after a quotation (the speaker's name taken as a
    verb, the cue as a conjunct of the quoted clause). A quotation followed, in its sentence, by
    a short noun phrase and an unused cue verb (or the verb and then the phrase) is attributed
    to that phrase. Hand-written: a surface pattern, as in quote extractors such as Citron.
    """
    text: str = doc_text(doc)
    out: list[Found] = []
    for q in quotes:
        # A quotation closing on a comma ('"...,"') announces its own cue clause, even when a
        # cue before it already took the quotation in.
        announces = text[q.start : q.end].rstrip("”\"'")[-1:] == ","
        if any(
            f.content.overlaps(q) and not (announces and f.cue is not None and f.cue.end <= q.start)
            for f in found
        ):
            continue
        after = doc.char_span(q.end, min(len(text), q.end + 160), alignment_mode="contract")
        if after is None:
            continue
        toks = [t for t in after if not t.is_space]
        while toks and toks[0].text in (",", "”", '"', "''"):
            toks = toks[1:]
        if not toks or "\n" in text[q.end : toks[0].idx]:
            continue
        verb_at = next(
            (
                k
                for k, t in enumerate(toks[:10])
                if t.tag_.startswith("VB") and t.lemma_.lower() in cues and t.i not in used
            ),
            None,
        )
        if verb_at is None:
            continue
        verb = toks[verb_at]
        if verb_at > 0:
            phrase = toks[:verb_at]  # "...," Chief Ann Roe said
        else:
            phrase = []  # "...," said Ann Roe, the chief of police.
            for t in toks[1:12]:
                if t.is_punct or t.sent.start != verb.sent.start:
                    break  # "said Ann Roe, whose...": the name up to the comma
                phrase.append(t)
        if not phrase or any(t.pos_ not in _SOURCE_POS and not t.ent_type_ for t in phrase):
            continue
        if phrase[0].is_punct or phrase[0].pos_ in ("ADP", "CCONJ", "PART"):
            continue
        head = next((t for t in reversed(phrase) if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if head is None:
            continue
        speaker = Span(phrase[0].idx, phrase[-1].idx + len(phrase[-1].text))
        kind_s, head_lemma, mods = _describe_source(head)
        if any(t.ent_type_ == "PERSON" for t in phrase):
            kind_s = "name"
        used.add(verb.i)
        out.append(
            Found(
                kind=_quote_kind(q, quotes),
                content=q,
                cue=_cue_span(verb),
                speaker=speaker,
                speaker_text=text[speaker.start : speaker.end],
                speaker_kind=kind_s,
                head_lemma=head_lemma,
                modifiers=mods,
                clause=_cue_clause(verb, q, quotes),
            )
        )
    return out


def _clip_to_paragraph(f: Found, text: str, quotes: Sequence[Span]) -> Found | None:
    """Keep source and content inside the cue's paragraph (the parser runs over line breaks).

    A quotation that continues over paragraphs is kept whole.
    """
    if f.cue is None:
        return f
    start = text.rfind("\n", 0, f.cue.start) + 1
    stop = text.find("\n", f.cue.end)
    stop = len(text) if stop < 0 else stop
    para = Span(start, stop)
    colon_ends_line = text[f.cue.end : stop].strip() == ":"

    def clip(span: Span) -> Span | None:
        if any(q.start <= span.start and span.end <= q.end for q in quotes):
            return span
        if span.start >= para.end and colon_ends_line:
            return span  # the paragraph after "X added:"
        lo, hi = max(span.start, para.start), min(span.end, para.end)
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        return Span(lo, hi) if hi > lo else None

    content = clip(f.content)
    if content is None:
        return None
    speaker = f.speaker if f.speaker is None else clip(f.speaker)
    if speaker is None and f.speaker is not None:
        return replace(f, content=content, speaker=None, speaker_text=None, speaker_kind="other")
    speaker_text = None if speaker is None else text[speaker.start : speaker.end]
    return replace(f, content=content, speaker=speaker, speaker_text=speaker_text)


def _speaker_before_cue(doc: Any, f: Found) -> Found:
    """A bare noun phrase opening the cue's line is its source when the parse lost it.

    The parser sometimes attaches a line's subject to the previous paragraph.
    """
    assert f.cue is not None
    text: str = doc_text(doc)
    start = text.rfind("\n", 0, f.cue.start) + 1
    span = doc.char_span(start, f.cue.start, alignment_mode="contract")
    if span is None:
        return f
    toks: list[Any] = []
    for t in span:  # at most seven words are read: a long line is not walked to its start
        if not t.is_space:
            toks.append(t)
            if len(toks) > 6:
                return f
    if not toks or toks[0].is_punct:
        return f
    if any(t.pos_ not in ("DET", "NUM", "PROPN", "NOUN", "ADJ", "PART") for t in toks):
        return f
    if toks[-1].pos_ not in ("NOUN", "PROPN"):
        return f
    speaker = Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))
    kind_s, head_lemma, mods = _describe_source(toks[-1])
    if any(t.ent_type_ == "PERSON" for t in toks):
        kind_s = "name"
    return replace(
        f,
        speaker=speaker,
        speaker_text=text[speaker.start : speaker.end],
        speaker_kind=kind_s,
        head_lemma=head_lemma,
        modifiers=mods,
    )


def _shift(f: Found, offset: int) -> Found:
    if offset == 0:
        return f

    def sh(s: Span | None) -> Span | None:
        return None if s is None else Span(s.start + offset, s.end + offset)

    content = sh(f.content)
    assert content is not None
    relay = (
        None
        if f.relay is None
        else (f.relay[0], Span(f.relay[1].start + offset, f.relay[1].end + offset))
    )
    return replace(
        f,
        content=content,
        cue=sh(f.cue),
        speaker=sh(f.speaker),
        antecedent=sh(f.antecedent),
        relay=relay,
        clause=sh(f.clause),
    )


def _is_nested(cue: Span | None, content: Span, other_cue: Span | None, other: Span) -> bool:
    """Whether an attribution (cue, content) lies inside another's content.

    When two attributions each hold the other's cue (a misparse), the wider one is outer.
    """
    anchor = cue or content
    if not other.contains(anchor) or content.contains(other):
        return False
    other_anchor = other_cue or other
    return not content.contains(other_anchor) or len(other) > len(content)


def _mark_nested(found: list[Found]) -> list[Found]:
    """Mark each attribution that lies inside another's content.

    Only attributions whose content starts at or before the anchor can hold it; walking those
    back from the anchor stops once no earlier content reaches it (a running maximum of the
    ends), so a long block with hundreds of attributions is not compared pair by pair.
    """
    order = sorted(range(len(found)), key=lambda i: found[i].content.start)
    starts = [found[i].content.start for i in order]
    reach: list[int] = []  # the furthest content end among the first k in start order
    for i in order:
        reach.append(max(reach[-1] if reach else 0, found[i].content.end))
    out = []
    for f in found:
        anchor = f.cue or f.content
        k = bisect.bisect_right(starts, anchor.start) - 1
        nested = False
        while k >= 0 and reach[k] >= anchor.end and not nested:
            g = found[order[k]]
            nested = g is not f and _is_nested(f.cue, f.content, g.cue, g.content)
            k -= 1
        out.append(replace(f, nested=nested))
    return out


def _tok_span(tokens: Iterable[Any]) -> Span | None:
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _is_punct(tok: Any) -> bool:
    return bool(tok.is_punct or tok.is_space) and not _is_quote_tok(tok)


def _is_quote_tok(tok: Any) -> bool:
    return tok.text in {'"', "“", "”", "''", "``", "«", "»", "„"}


def _trim(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Token range [start, end) without edge punctuation or spaces (quote marks kept)."""
    while start < end and (_is_punct(doc[start]) or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (_is_punct(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def _char_span(doc: Any, start: int, end: int) -> Span | None:
    start, end = _trim(doc, start, end)
    if start >= end:
        return None
    return Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def _widen_to_quotes(span: Span, quotes: Sequence[Span], text: str) -> Span:
    """Grow a content span to cover the whole of any quotation it overlaps at its edges."""
    start, end = span.start, span.end
    for q in quotes:
        if q.overlaps(Span(start, end)) or q.start == end or q.end == start:
            if q.start < start <= q.end or (q.start <= start and q.end >= end):
                start = min(start, q.start)
            if q.start <= end < q.end or (q.start <= start and q.end >= end):
                end = max(end, q.end)
    # A closing mark right after the span (after . or ,) belongs to it.
    tail = text[end : end + 3]
    m = re.match(r"^[.,!?]?[”\"»]", tail)
    if m and any(q.end == end + m.end() for q in quotes):
        end += m.end()
    return Span(start, end)


def _quote_kind(content: Span, quotes: Sequence[Span]) -> Kind:
    covered = 0
    for q in quotes:
        if q.overlaps(content):
            covered += min(q.end, content.end) - max(q.start, content.start)
    if covered == 0:
        return "indirect"
    if covered >= 0.9 * len(content):
        return "direct"
    return "mixed"


def _cue_span(verb: Any) -> Span:
    """The cue verb with its auxiliaries, negation and particle (``has not pointed out``)."""
    has_aux = any(p.dep_ in ("aux", "auxpass") for p in verb.children)
    parts = [verb]
    for child in verb.children:
        before = child.i < verb.i
        if (
            (child.dep_ in ("aux", "auxpass", "neg") and before)
            or (child.dep_ == "prt" and child.i == verb.i + 1)
            or (child.dep_ == "advmod" and before and has_aux)
        ):
            parts.append(child)
    first = min(p.i for p in parts)
    last = max(p.i for p in parts)
    doc = verb.doc
    return Span(doc[first].idx, doc[last].idx + len(doc[last].text))


def _subject(verb: Any) -> Any | None:
    """The grammatical subject of a cue verb, climbing through participles and conjuncts."""
    seen = 0
    v = verb
    while v is not None and seen < 4:
        # Nearest first: in '"X," said Y' the parser may take the quoted clause as a subject too.
        for child in sorted(v.children, key=lambda c: abs(c.i - v.i)):
            if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "expl":
                if child.dep_ == "nsubjpass":
                    for agent in v.children:
                        if agent.dep_ == "agent":
                            for pobj in agent.children:
                                if pobj.dep_ == "pobj":
                                    return pobj
                    return None
                return child
        # '"...," say anonymous sources': inverted, the parser calls the subject an object.
        if any(c.dep_ == "ccomp" and c.i < v.i for c in v.children):
            inverted = next(
                (c for c in v.children if c.dep_ in ("dobj", "attr") and c.i > v.i), None
            )
            if inverted is not None:
                return inverted
        # "..., saying that", "and added that": the subject is the head verb's.
        if v.dep_ in ("advcl", "conj", "xcomp", "pcomp") and v.head.i != v.i:
            trailing = v.tag_ == "VBG" and v.dep_ == "advcl"
            v = v.head
            seen += 1
            if (
                trailing
                and v.dep_ == "ccomp"
                and v.head.lemma_.lower() in CUE_VERBS
                and v.head.i < v.i
            ):
                # "X said he had no doubt, arguing that Y": X argues, not "he".
                v = v.head
            if v.pos_ == "ADP" and v.dep_ == "prep" and v.head.pos_ in ("VERB", "AUX"):
                # "She began by saying", "sings before asking her": through the preposition.
                v = v.head
            continue
        if v.dep_ == "compound" and v.head.pos_ == "PROPN" and v.i == v.sent.start:
            # 'Said Ellis: "..."': an inverted cue read as part of the name.
            return v.head
        if v.dep_ == "relcl":
            return v.head
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "the man saying he was nervous", "groups backing Cruz": the noun speaks.
            return v.head
        return None
    return None


def _source_span(subj: Any, verb: Any | None = None) -> Span | None:
    span = _source_span_raw(subj, verb)
    if span is None:
        return None
    text = doc_text(subj.doc)
    start = span.start
    while start < span.end and text[start] in "\"“”'’ ":
        start += 1
    return Span(start, span.end) if start < span.end else None


def _source_span_raw(subj: Any, verb: Any | None = None) -> Span | None:
    # The parser runs over line breaks (a headline hung on the next line's subject): the
    # source stays on its own line.
    text = doc_text(subj.doc)
    lo = text.rfind("\n", 0, subj.idx) + 1
    hi = text.find("\n", subj.idx)
    hi = len(text) if hi < 0 else hi
    toks = [t for t in subj.subtree if lo <= t.idx < hi]
    if verb is not None and subj.is_ancestor(verb):
        if subj.lemma_.lower() not in _MEDIUM_NOUNS:
            # "groups backing Cruz", "a man named X": rarely a source of what follows.
            return None
        # "a text message telling people X": the message, without the clause it carries.
        toks = [t for t in toks if t.i < verb.left_edge.i or t.i > verb.right_edge.i]
        if not toks:
            return None
    # A relative clause on the source ("sources who spoke...") is part of PolNeAR's source,
    # but a trailing reporting clause that swallowed the verb is not: cut at the verb.
    head = subj.head
    toks = [
        t
        for t in toks
        if not (head.i >= 0 and t.i >= head.i and t.i > subj.i and t.dep_ in ("ccomp",))
    ]
    # Only the unbroken stretch around the head: a non-projective parse can hang a later
    # apposition ("..., another example of X") on the subject.
    keep = {t.i for t in toks}
    if verb is not None:
        keep.discard(verb.i)
    start = end = subj.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    return _char_span(subj.doc, start, end + 1)


def _describe_source(subj: Any) -> tuple[str, str, tuple[str, ...]]:
    """(speaker_kind, head lemma, modifiers) of a subject token."""
    lemma = subj.lemma_.lower()
    lower = subj.lower_
    if subj.tag_ in ("WP", "WDT") or lower in ("who", "which", "that"):
        return "relative", lemma, ()
    if subj.pos_ == "PRON" or lower in _PRONOUNS_PERSON:
        return "pronoun", lower, ()
    mods = tuple(c.lower_ for c in subj.children if c.dep_ in ("amod", "compound", "nmod", "poss"))
    sub = list(subj.subtree)
    if any(t.ent_type_ == "PERSON" for t in _core(subj)):
        return "name", lemma, mods
    words = [t for t in sub if not (t.is_punct or t.pos_ == "DET")]
    if (
        subj.pos_ == "PROPN"
        and 2 <= len(words) <= 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text[1:].islower() for t in words)
        and not any(t.ent_type_ in ("GPE", "NORP", "LOC", "FAC") for t in words)
        and not _OUTLET_NAME.search(" ".join(t.text for t in words))
    ):
        # "Volodymyr Zelenskyy characterized...": a first-and-last name the NER missed.
        return "name", lemma, mods
    if lemma in ANONYMOUS_HEADS or lower in ANONYMOUS_HEADS:
        # Checked before outlets: "one Bloomberg source" is an unnamed person.
        return "anonymous", lemma, mods
    if any(t.ent_type_ in ("ORG", "GPE", "NORP") and _OUTLET_NAME.search(t.text) for t in sub):
        return "outlet", lemma, mods
    if lemma in _OUTLET_NOUNS:
        return "outlet", lemma, mods
    if lemma in _ROLE_SYNONYMS and subj.pos_ in ("NOUN", "PROPN"):
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in subj.children)
        qualified = any(c.dep_ == "prep" for c in subj.children)
        if indefinite or qualified:
            # "A spokesman for the NSC": an unnamed person, not someone named before.
            return "anonymous", lemma, mods
        return "role", lemma, mods
    if (
        lemma in _ROLE_WORDS
        and subj.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)
    ):
        # "the prosecutor general", "the chairman": a definite title for someone named.
        return "role", lemma, mods
    return "other", lemma, mods


def _core(head: Any) -> list[Any]:
    """A noun phrase without its prepositional and clausal modifiers.

    "A source in the rescue service, heard by X" is a source, not X: names inside the
    modifiers do not make the phrase name a person (an apposition does).
    """
    skip = [c for c in head.children if c.dep_ in ("prep", "acl", "relcl")]
    return [
        t for t in head.subtree if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in skip)
    ]


def _verb_attribution(verb: Any, quotes: Sequence[Span]) -> Found | None:
    doc = verb.doc
    text = doc_text(doc)
    sent = verb.sent
    content: Span | None = None
    lemma = verb.lemma_.lower()
    parenthetical = False
    if lemma in _FILLERS and (
        verb.dep_ == "parataxis"
        or any(c.dep_ == "nsubj" and c.lower_ == "you" for c in verb.children)
    ):
        # "..., you know, ...", "I think" as an aside: fillers, not reports.
        return None

    # The parser runs over line breaks; a complement in another paragraph is a misparse.
    para_lo = text.rfind("\n", 0, verb.idx) + 1
    para_hi = text.find("\n", verb.idx)
    para_hi = len(text) if para_hi < 0 else para_hi
    kids = [c for c in verb.children if para_lo <= c.idx < para_hi]
    comp = [c for c in kids if c.dep_ in ("ccomp", "csubj")]
    xcomp = [c for c in kids if c.dep_ == "xcomp"]
    dobj = [c for c in kids if c.dep_ in ("dobj", "oprd", "attr")]
    colon = _colon_after(verb)
    if comp:
        # 'X speaks of Y; doctors say Z': a clause before the cue (across a semicolon) can be
        # parsed as a second complement; the one after the cue is what was said.
        c = next((c for c in comp if c.i > verb.i), comp[0])
        inside = [t for t in c.subtree if not _in_subtree(t, verb, exclude=c)]
        if c.i > verb.i and any(t.i < verb.i for t in inside):
            # 'changes which officials said will go...': the relative pronoun sits before the
            # cue clause; the content proper is what follows the cue.
            inside = [t for t in inside if t.i > verb.i] or inside
        hi = max(t.i for t in inside) + 1
        if c.i > verb.i:
            hi = _before_trailing_cue(doc, c.i, hi)
        content = _char_span(doc, min(t.i for t in inside), hi)
    elif (that := _that_clause_of_medium(verb)) is not None:
        content = _char_span(doc, that.left_edge.i, that.right_edge.i + 1)
    elif colon is not None:
        content = _after_colon(doc, colon, quotes)
    elif _hangs_off_content(verb) and verb.head.i < verb.i:
        # Quote first, then "he said": the verb hangs off the quoted clause.
        head = verb.head
        left = min(t.i for t in head.subtree)
        right = min(t.i for t in verb.subtree)
        content = _char_span(doc, left, right)
    elif _hangs_off_content(verb):
        # "The plan, he said, is dead": a parenthetical cue inside its content; the content
        # is the covering span of the clause (brat records it as two fragments).
        head = verb.head
        content = _char_span(doc, head.left_edge.i, head.right_edge.i + 1)
        parenthetical = True
    elif _as_clause(verb, dobj):
        # "Hawaii, as one adviser pointed out, rarely gets two hurricanes": the clause the
        # "as" aside sits in is the content (covering span, like a parenthetical "he said").
        head = verb.head
        lo = text.rfind("\n", 0, verb.idx) + 1
        first = next(t for t in head.subtree if t.idx >= lo).i
        last = head.right_edge.i
        aside = (verb.left_edge.i, verb.right_edge.i)
        if aside[0] <= first + 1:
            content = _char_span(doc, aside[1] + 1, last + 1)  # "As X noted, Y"
        elif all(_is_punct(t) for t in doc[aside[1] + 1 : last + 1]):
            content = _char_span(doc, first, aside[0])  # "Y, as X noted."
        else:
            content = _char_span(doc, first, last + 1)
            parenthetical = True
    elif xcomp:
        x = xcomp[0]
        hi = x.right_edge.i + 1
        content = _char_span(doc, x.left_edge.i, _before_trailing_cue(doc, x.i, hi))
    elif dobj and lemma in _RECIPIENT_VERBS and _adjacent_quote(verb, quotes) is not None:
        # '"...," X told a journalist': the object is the listener, the quote the content.
        content = _adjacent_quote(verb, quotes)
    elif dobj and lemma not in _CLAUSE_ONLY:
        toks: list[Any] = []
        for d in dobj:
            toks.extend(d.subtree)
        for c in verb.children:
            # "called them X", "characterized him as X": the predicate belongs to the content.
            if c.dep_ in ("oprd", "xcomp") or (
                c.dep_ == "prep" and c.lower_ == "as" and c.idx < para_hi
            ):
                toks.extend(c.subtree)
        lo = min(t.i for t in toks)
        content = _char_span(doc, lo, _before_trailing_cue(doc, lo, max(t.i for t in toks) + 1))
    if content is None:
        content = _adjacent_quote(verb, quotes)
    if content is None:
        content = _content_before_comma(verb)
    if content is None:
        # '46 percent said yes': a one-word answer is the content.
        answer = next((c for c in kids if c.dep_ == "intj" and c.i > verb.i), None)
        if answer is not None:
            content = _char_span(doc, answer.left_edge.i, answer.right_edge.i + 1)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if content is None and passive:
        # "The proposal was criticized by X": what is talked about is the passive subject.
        subjpass = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if (
            subjpass is not None
            and subjpass.tag_ not in ("WP", "WDT")
            # A misparse can hang the governing clause inside the passive subject.
            and not (
                verb.head.i != verb.i
                and subjpass.left_edge.i <= verb.head.i <= subjpass.right_edge.i
            )
        ):
            content = _char_span(doc, subjpass.left_edge.i, subjpass.right_edge.i + 1)
    prep_cue = None
    if content is None and lemma not in _CLAUSE_ONLY:
        # "talked about X", "warned of X", "called for X": the object of the preposition.
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in _CUE_PREPS and c.i > verb.i:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    content = _char_span(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
                    prep_cue = c
                    break
    if content is None:
        return None

    content = _widen_to_quotes(content, quotes, text)
    cue = _cue_span(verb)
    if prep_cue is not None:
        cue = Span(cue.start, max(cue.end, prep_cue.idx + len(prep_cue.text)))
    if content.overlaps(cue) and not parenthetical:
        return None
    subj = None if lemma in ("seem", "appear") else _subject(verb)
    speaker = speaker_text = None
    kind_s, head_lemma = "other", ""
    mods: tuple[str, ...] = ()
    antecedent = None
    if subj is not None:
        if verb.dep_ == "relcl" and subj.i == verb.head.i:
            # "Bortnikov, who briefed...": the relative pronoun is the literal source.
            rel = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            antecedent = _tok_span([subj])
            if rel is not None:
                speaker = _tok_span([rel])
                kind_s, head_lemma = "relative", rel.lower_
            else:
                speaker = _source_span(subj)
                kind_s, head_lemma, mods = _describe_source(subj)
        else:
            speaker = _source_span(subj, verb)
            kind_s, head_lemma, mods = _describe_source(subj)
            if kind_s == "relative" and subj.head.dep_ == "relcl":
                antecedent = _tok_span([subj.head.head])
        if speaker is not None:
            if speaker.overlaps(content) and not parenthetical:
                speaker = None
            else:
                speaker_text = text[speaker.start : speaker.end]
    if speaker is None and lemma in _CLAUSE_ONLY and verb.dep_ not in ("ROOT",):
        return None
    if speaker is None and prep_cue is not None:
        # "to comment on X" without anyone commenting is rarely an attribution.
        return None
    if (
        prep_cue is not None
        and verb.tag_ == "VBG"
        and verb.dep_ == "advcl"
        and verb.head.lemma_.lower() in CUE_VERBS
    ):
        # '"...," said X, speaking of Y': the topic of the same statement, not a new one.
        return None
    relay = _relay_in_sentence(sent, text)
    return Found(
        kind=_quote_kind(content, quotes),
        content=content,
        cue=cue,
        speaker=speaker,
        speaker_text=speaker_text,
        speaker_kind=kind_s if speaker is not None else "other",
        head_lemma=head_lemma,
        modifiers=mods,
        antecedent=antecedent,
        relay=relay,
        clause=_cue_clause(verb, content, quotes) if content.end <= cue.start else None,
    )


def _cue_clause(verb: Any, content: Span, quotes: Sequence[Span]) -> Span | None:
    """The reporting clause after a quotation, up to the next quotation on the line."""
    text: str = doc_text(verb.doc)
    line_end = text.find("\n", verb.idx)
    stop = len(text) if line_end < 0 else line_end
    stop = min([stop] + [q.start for q in quotes if q.start > verb.idx])
    toks = [t for t in verb.subtree if content.end <= t.idx < stop and not _is_punct(t)]
    if not toks:
        return None
    return Span(min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))


# Nouns that report what someone said or thinks ("his claim that...", "criticism of X").
_CUE_NOUNS = frozenset(
    [
        "statement",
        "claim",
        "criticism",
        "concern",
        "promise",
        "hope",
        "doubt",
        "suggestion",
        "assertion",
        "complaint",
        "allegation",
        "warning",
        "pledge",
        "remark",
        "comment",
        "argument",
        "belief",
        "insistence",
        "admission",
        "accusation",
        "demand",
        "fear",
        "announcement",
        "denial",
        "prediction",
        "assurance",
        "vow",
        "contention",
        "view",
        "call",
        "attack",
        "support",
        "opposition",
        "endorsement",
    ]
)


def _that_clause(noun: Any) -> Any | None:
    """The ``that`` clause a noun takes (``a statement that X``), if any."""
    return next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp")
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ),
        None,
    )


def _medium_verb(noun: Any) -> Any | None:
    """The cue verb of ``said in a statement``, when ``noun`` is the statement."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "through", "via"):
        return None
    verb = prep.head
    if verb.tag_.startswith("VB") and verb.lemma_.lower() in CUE_VERBS:
        return verb
    return None


def _that_clause_of_medium(verb: Any) -> Any | None:
    """``said in a statement that X``: the parser hangs X on the statement, not the verb."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.i > verb.i:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and _medium_verb(pobj) is not None:
                    clause = _that_clause(pobj)
                    if clause is not None:
                        return clause
    return None


def _noun_attribution(noun: Any, quotes: Sequence[Span]) -> Found | None:
    """``his claim that X``, ``Trump's criticism of Y``: a noun cue with a complement."""
    doc = noun.doc
    if _medium_verb(noun) is not None and _that_clause(noun) is not None:
        # "said in a statement that X": the verb carries the attribution.
        return None
    comp = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp")
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    if comp is not None:
        content = _char_span(doc, comp.left_edge.i, comp.right_edge.i + 1)
    else:
        prep = next(
            (
                c
                for c in noun.children
                if c.dep_ == "prep"
                and c.lower_ in ("of", "about", "on", "over")
                and c.i == noun.i + 1
            ),
            None,
        )
        pobj = (
            None
            if prep is None
            else next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        )
        if pobj is None:
            return None
        content = _char_span(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
    if content is None:
        return None
    content = _widen_to_quotes(content, quotes, doc_text(doc))
    src = next((c for c in noun.children if c.dep_ == "poss"), None)
    if src is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        src = None if by is None else next((g for g in by.children if g.dep_ == "pobj"), None)
    if src is None and noun.dep_ == "ROOT" and comp is not None:
        # "Trump claims that...": a cue verb misread as a plural noun heading the sentence.
        src = next(
            (c for c in noun.children if c.dep_ in ("compound", "nsubj") and c.pos_ == "PROPN"),
            None,
        )
    speaker = None if src is None else _char_span(doc, src.left_edge.i, src.right_edge.i + 1)
    kind_s, head_lemma, mods = ("other", "", ()) if src is None else _describe_source(src)
    if speaker is not None and doc_text(doc)[speaker.end - 2 : speaker.end] in ("'s", "’s"):
        speaker = Span(speaker.start, speaker.end - 2)
    return Found(
        kind=_quote_kind(content, quotes),
        content=content,
        cue=Span(noun.idx, noun.idx + len(noun.text)),
        speaker=speaker,
        speaker_text=None if speaker is None else doc_text(doc)[speaker.start : speaker.end],
        speaker_kind=kind_s if speaker is not None else "other",
        head_lemma=head_lemma,
        modifiers=mods,
    )


def _content_before_comma(verb: Any) -> Span | None:
    """``X happened, police said``: the clause before the comma that ends at the cue clause.

    The small parser often hangs the reported clause off a sentence-final cue as an adverbial
    clause or a second subject rather than as ``ccomp``; the comma is the reliable signal.
    """
    doc = verb.doc
    sent = verb.sent
    if verb.dep_ in ("relcl", "acl", "advcl", "xcomp", "pcomp", "amod", "appos"):
        # '..., who spoke on condition of anonymity': the clause describes the speaker.
        return None
    if verb.i > 0 and doc[verb.i - 1].text == ",":
        # Inverted: '..., said Geert Wilders'; without a subject it is '..., saying'.
        if not any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children):
            return None
        left = verb.i
    else:
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subj is None:
            return None
        left = subj.left_edge.i
        if any(t.i >= verb.i for t in subj.subtree):
            return None
    j = left - 1
    while j > sent.start and doc[j].text in ("”", '"', "''"):
        j -= 1
    if j <= sent.start + 2 or doc[j].text != ",":
        return None
    # The cue clause must end the sentence (only its own words and punctuation after it).
    rest = [t for t in doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if any(t.dep_ in ("ccomp", "dobj") and t.head.i == verb.i for t in rest):
        return None
    if len(rest) > 25:
        return None
    return _char_span(doc, sent.start, j)


def _hangs_off_content(verb: Any) -> bool:
    """Whether a cue verb is attached under the clause it reports (``X, he said``)."""
    head = verb.head
    if head.i == verb.i or any(c.dep_ in ("ccomp", "dobj") for c in verb.children):
        return False
    if verb.dep_ == "parataxis":
        return True
    if verb.dep_ != "ccomp" or head.lemma_.lower() in CUE_VERBS:
        return False
    # A ccomp reading of "..., he said": a comma or quote mark just before the cue clause.
    first = min(t.i for t in verb.subtree)
    return first > 0 and verb.doc[first - 1].text in {",", '"', "”", "''", "—", "–"}


def _in_subtree(tok: Any, root: Any, *, exclude: Any) -> bool:
    """Whether ``tok`` is in ``root``'s subtree outside ``exclude``'s subtree."""
    return bool(
        tok.is_ancestor(root) is False
        and root.is_ancestor(tok)
        and not (exclude.i == tok.i or exclude.is_ancestor(tok))
    )


def _colon_after(verb: Any) -> Any | None:
    """The colon that closes the cue clause (``Peskov said:``, ``told reporters:``)."""
    doc = verb.doc
    j = verb.i + 1
    limit = min(len(doc), verb.i + 6)
    while j < limit:
        t = doc[j]
        if t.text == ":":
            return t
        if t.is_punct and t.text not in (",",):
            return None
        if t.dep_ in ("ccomp",):
            return None
        j += 1
    return None


def _before_trailing_cue(doc: Any, start: int, end: int) -> int:
    """End a reported clause before a trailing ``, saying ...`` (the speaker's next cue).

    "X said he had no doubt, arguing that Y": the parser hangs the participle on the inner
    verb, but it reports the speaker again and is an attribution of its own.
    """
    for t in doc[start:end]:
        if (
            t.tag_ == "VBG"
            and t.dep_ in ("advcl", "xcomp", "conj")
            and t.lemma_.lower() in CUE_VERBS
            and t.i > start + 2
            and doc[t.i - 1].text in (",", "—", "–", "--")  # noqa: RUF001
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ):
            return int(t.i) - 1
        if t.dep_ == "conj" and t.lemma_.lower() in CUE_VERBS and t.i > start + 2:
            # "X said A, and Democrats accused B": a second speaker's cue joined to the
            # reported clause by the parser.
            subj = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
            if subj is not None and subj.pos_ != "PRON":
                cc = subj.left_edge.i - 1
                if cc > start and doc[cc].dep_ == "cc":
                    return int(cc)
    return end


def _as_clause(verb: Any, dobj: Sequence[Any]) -> bool:
    """Whether a cue verb heads an ``as X said`` aside on another clause."""
    return (
        verb.dep_ == "advcl"
        and not dobj
        and verb.head.i != verb.i
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    )


def _after_colon(doc: Any, colon: Any, quotes: Sequence[Span]) -> Span | None:
    start = colon.idx + 1
    text = doc_text(doc)
    for q in quotes:
        if q.start >= start and not text[start : q.start].strip():
            return q
    line_end = text.find("\n", start)
    if line_end >= 0 and not text[start:line_end].strip():
        # "The governor added:" closing its line: the next paragraph is what was said.
        nxt = line_end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        stop = text.find("\n", nxt)
        stop = len(text) if stop < 0 else stop
        return Span(nxt, _rstrip_at(text, stop)) if stop > nxt else None
    sent_end = colon.sent.end
    return _char_span(doc, colon.i + 1, sent_end)


def _adjacent_quote(verb: Any, quotes: Sequence[Span]) -> Span | None:
    """A quotation right before the cue clause (``"...," Peskov said``) or right after it."""
    doc = verb.doc
    text = doc_text(doc)
    clause = [t for t in verb.subtree if not _is_quote_tok(t) and not t.is_space]
    left = min(t.idx for t in clause)
    # A closing mark glued to the next word ("”15-year-old") is not part of the clause.
    while left < len(text) and text[left] in '”"':
        left += 1
    # 'X said, "When ... "': the parser may hang the quoted clause under the verb, so its
    # subtree runs over the quotation; the cue clause stops at the next quotation unless that
    # opens with a modifier of the verb ('spoke "without approval"' is not what was said).
    after = [q for q in quotes if q.start > verb.idx]
    nxt = min(after, key=lambda q: q.start) if after else None
    first = None if nxt is None else next((t for t in clause if t.idx >= nxt.start), None)
    if first is not None and not (
        first.dep_ in ("prep", "agent", "advmod", "npadvmod") and first.head.i == verb.i
    ):
        clause = [t for t in clause if t.idx < first.idx]
    right = max(t.idx + len(t.text) for t in clause)
    for q in quotes:
        gap = text[q.end : left]
        if q.end <= left and len(gap) < 4 and re.fullmatch(r"[ \t,.;—–-]*", gap):
            return q
    for q in quotes:
        gap = text[right : q.start]
        if q.start >= right and len(gap) < 4 and re.fullmatch(r"[ \t,:—–-]*", gap):
            return q
    return None


def _according_to(tok: Any) -> Any | None:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    return nxt


def _according(tok: Any, quotes: Sequence[Span]) -> Found | None:
    doc = tok.doc
    to = _according_to(tok)
    assert to is not None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    src_toks = list(pobj.subtree)
    if tok.i - tok.sent.start <= 1 and all(
        t.is_punct or t.is_space for t in doc[pobj.right_edge.i + 1 : tok.sent.end]
    ):
        # "According to X, the move reeks of fear": the parser hung the whole clause on X.
        comma = next((t.i for t in src_toks if t.i > pobj.i and t.text == ","), None)
        if comma is not None:
            src_toks = [t for t in src_toks if t.i < comma]
    src = _char_span(doc, min(t.i for t in src_toks), max(t.i for t in src_toks) + 1)
    if src is None:
        return None
    phrase_lo = tok.i
    phrase_hi = max(t.i for t in src_toks) + 1
    sent = tok.sent
    if phrase_lo - sent.start <= 1:
        content = _char_span(doc, phrase_hi, sent.end)
    elif sent.end - phrase_hi <= 2:
        content = _char_span(doc, sent.start, phrase_lo)
    else:
        # Mid-sentence: the content is the sentence around the phrase (two fragments in
        # brat), recorded as its covering span like a parenthetical "he said".
        content = _char_span(doc, sent.start, sent.end)
        if content is not None and (content.start == src.start or content.end == src.end):
            return None
    if content is None or (content.overlaps(src) and not phrase_lo - sent.start > 1):
        return None
    content = _widen_to_quotes(content, quotes, doc_text(doc))
    kind_s, head_lemma, mods = _describe_source(pobj)
    if kind_s == "other" and _OUTLET_NAME.search(doc_text(doc)[src.start : src.end]):
        kind_s = "outlet"
    return Found(
        kind="according-to",
        content=content,
        cue=Span(tok.idx, to.idx + len(to.text)),
        speaker=src,
        speaker_text=doc_text(doc)[src.start : src.end],
        speaker_kind=kind_s,
        head_lemma=head_lemma,
        modifiers=mods,
    )


# Messages and documents that speak for whoever issued them ("a text message telling X").
_MEDIUM_NOUNS = frozenset(
    [
        "message",
        "advisory",
        "alert",
        "notice",
        "statement",
        "release",
        "letter",
        "memo",
        "report",
        "tweet",
        "post",
        "ad",
        "advertisement",
        "video",
        "sign",
        "banner",
        "leaflet",
        "email",
        "text",
        "order",
        "ruling",
        "filing",
    ]
)

# Nouns that make "In <noun>, ..." an attribution ("In a Fox poll, Cruz had 38 percent").
_IN_SOURCES = frozenset(
    [
        "poll",
        "survey",
        "interview",
        "statement",
        "letter",
        "speech",
        "op-ed",
        "words",
        "view",
        "opinion",
        "report",
        "memo",
        "tweet",
        "post",
        "study",
        "analysis",
        "editorial",
        "column",
        "remarks",
        "testimony",
        "filing",
        "complaint",
        "lawsuit",
        "book",
        "essay",
        "email",
    ]
)


# "In <noun>, ..." nouns that make "in" the cue itself (the rest only set the scene).
_IN_STANCES = frozenset(["poll", "survey", "view", "opinion", "words", "study", "analysis"])


def _in_source(prep: Any, quotes: Sequence[Span], cues: frozenset[str]) -> Found | None:
    """``In a Fox poll, Cruz had 38 percent``: the poll is the source, ``in`` the cue."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    if prep.lower_ == "for":
        # "For expert X, this was extraordinary": a stance of a named person.
        if pobj.ent_type_ != "PERSON" or prep.i != prep.sent.start:
            return None
    elif pobj.lemma_.lower() not in _IN_SOURCES:
        return None
    elif pobj.tag_ == "NNS" and pobj.lemma_.lower() in ("poll", "survey"):
        # "Clinton leads in the polls": polls in general are no source.
        return None
    doc = prep.doc
    sent = prep.sent
    lo, hi = prep.i, pobj.right_edge.i + 1
    if lo - sent.start <= 1:
        content = _char_span(doc, hi, sent.end)
    elif sent.end - hi <= 2:
        content = _char_span(doc, sent.start, lo)
    elif pobj.lemma_.lower() in ("poll", "survey", "words", "view"):
        # 'X leads by 8 points in a Fox poll, ...': the sentence around it (brat: fragments).
        content = _char_span(doc, sent.start, sent.end)
    else:
        return None
    src = _char_span(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
    src_tok = pobj
    setting = prep.lower_ == "in" and pobj.lemma_.lower() not in _IN_STANCES
    if setting:
        # "In a speech in Ohio, Clinton laid out X": the speech is the setting; the one who
        # gave it, the subject of the clause, is the source.
        subj = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.i < hi or subj.pos_ not in ("PROPN", "PRON"):
            return None
        src_tok = subj
        src = _source_span(subj)
    if content is None or src is None or len(content) < 10:
        return None
    if sent.root.tag_.startswith("VB") and sent.root.lemma_.lower() in cues:
        # "In a statement, X said ...": the verb carries the attribution.
        return None
    content = _widen_to_quotes(content, quotes, doc_text(doc))
    mods: tuple[str, ...] = ()
    if not setting:
        kind_s = "name" if any(t.ent_type_ == "PERSON" for t in pobj.subtree) else "other"
        head_lemma = pobj.lemma_.lower()
    else:
        kind_s, head_lemma, mods = _describe_source(src_tok)
    return Found(
        kind=_quote_kind(content, quotes),
        content=content,
        cue=Span(prep.idx, prep.idx + len(prep.text)),
        speaker=src,
        speaker_text=doc_text(doc)[src.start : src.end],
        speaker_kind=kind_s,
        head_lemma=head_lemma,
        modifiers=mods,
    )


# A transcript line may open with the quote mark that runs over the whole transcript.
_COLON_LINE = re.compile(r"(?m)^[ \t]*[\"“]?([A-Z][^:\n\d]{0,40}?):[ \t]+(\S[^\n]{10,})$")
_NOT_SPEAKERS = frozenset(
    [
        "photo",
        "photos",
        "note",
        "tags",
        "update",
        "updated",
        "source",
        "related",
        "read more",
        "watch",
        "video",
        "editor's note",
        "correction",
        "image",
        "images",
        "abstract",
        "see also",
        "also read",
        "getty images",
        "credit",
        "caption",
        "by",
        "date",
        "published",
        "q",
        "a",
    ]
)


def _colon_lines(doc: Any, quotes: Sequence[Span]) -> list[Found]:
    """``Name: statement`` lines (transcripts, headline attributions)."""
    text: str = doc_text(doc)
    out = []
    for m in _COLON_LINE.finditer(text):
        name = m.group(1).strip()
        if len(name.split()) > 5 or name.lower() in _NOT_SPEAKERS:
            continue
        span = doc.char_span(m.start(1), m.start(1) + len(name), alignment_mode="expand")
        if span is None or not any(
            t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.text[:1].isupper()) for t in span
        ):
            continue
        if any(t.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ") for t in span):
            continue
        content = Span(m.start(2), _rstrip_at(text, m.end(2)))
        speaker = Span(m.start(1), m.start(1) + len(name))
        person = any(t.ent_type_ == "PERSON" for t in span)
        out.append(
            Found(
                kind=_quote_kind(content, quotes),
                content=content,
                cue=Span(m.end(1), m.end(1) + 1),
                speaker=speaker,
                speaker_text=name,
                speaker_kind="name" if person else "other",
                head_lemma=span.root.lemma_.lower(),
            )
        )
    return out


# '"...” ― Jane Doe': a quotation credited by a dash and a bare name ending the line.
_DASH_CREDIT = re.compile(
    r"[ \t\u00a0]*(―|—|–|--)[ \t\u00a0]*"  # noqa: RUF001
    r"([A-Z][\w.'’-]*(?:[ \t\u00a0]+(?:[A-Z][\w.'’-]*|de|van|von|da|del)){0,5})"
    r"[ \t\u00a0.]*(?:\n|$)"
)


def _dash_credits(doc: Any, quotes: Sequence[Span]) -> list[Found]:
    """Quotations followed on their line by a dash and the speaker's name (epigraph style)."""
    text: str = doc_text(doc)
    out = []
    for q in quotes:
        m = _DASH_CREDIT.match(text, q.end)
        if m is None:
            continue
        span = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            continue
        speaker = Span(m.start(2), m.end(2))
        out.append(
            Found(
                kind="direct",
                content=q,
                cue=Span(m.start(1), m.end(1)),
                speaker=speaker,
                speaker_text=m.group(2),
                speaker_kind="name" if any(t.ent_type_ == "PERSON" for t in span) else "other",
                head_lemma=span.root.lemma_.lower(),
            )
        )
    return out


def _relay_in_sentence(sent: Any, text: str) -> tuple[str, Span] | None:
    """An outlet the sentence names as its channel: ``according to X``, ``per X``."""
    for tok in sent:
        if tok.lower_ in ("according", "per", "citing") or (
            tok.lower_ == "by" and tok.i > sent.start and tok.nbor(-1).is_punct
        ):
            for ent in sent.ents:
                if ent.start > tok.i and ent.start - tok.i <= 4 and _OUTLET_NAME.search(ent.text):
                    return _clean_outlet(ent.text), Span(ent.start_char, ent.end_char)
    return None


def _clean_outlet(name: str) -> str:
    name = re.sub(r"^(the|The)\s+", "", name.strip())
    return re.sub(r"['’]s$", "", name)


def _dash_quotes(
    doc: Any, quotes: Sequence[Span], cues: frozenset[str], used: set[int]
) -> list[Found]:
    """Dialogue dashes: ``- Statement... - Bortnikov elaborated.`` (speaker after the quote)."""
    text: str = doc_text(doc)
    out: list[Found] = []
    for m in re.finditer(r"(?m)^[ \t]*[-–—][ \t]+(\S[^\n]*)$", text):  # noqa: RUF001
        para_start, para_end = m.start(1), m.end(1)
        body = text[para_start:para_end]
        tail = re.search(r"\s[-–—]\s+([^-–—\n]+?)\s*$", body)  # noqa: RUF001
        if tail is None:
            continue
        tail_start = para_start + tail.start(1)
        span = doc.char_span(tail_start, para_start + tail.end(1), alignment_mode="expand")
        if span is None:
            continue
        verb = next((t for t in span if t.tag_.startswith("VB") and t.lemma_.lower() in cues), None)
        if verb is None:
            continue
        before = [t for t in span if t.i < verb.i and not t.is_punct]
        if not before:
            continue
        content = Span(para_start, para_start + tail.start())
        content = Span(content.start, _rstrip_at(text, content.end))
        subj = next((t for t in before if t.dep_ in ("nsubj", "nsubjpass")), before[-1])
        speaker = _tok_span(before)
        assert speaker is not None
        kind_s, head_lemma, mods = _describe_source(subj)
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            # The parser often misreads the dash; the head of the pre-verb words is the noun.
            head = before[-1]
            mods = tuple(t.lower_ for t in before[:-1] if t.lower_ not in ("the", "a", "an"))
            kind_s, head_lemma, _ = _describe_source(head)
            if head.ent_type_ == "PERSON":
                kind_s = "name"
            elif head.lemma_.lower() in _ROLE_SYNONYMS:
                kind_s = "role"
        used.add(verb.i)
        out.append(
            Found(
                kind="direct",
                content=content,
                cue=_cue_span(verb),
                speaker=speaker,
                speaker_text=text[speaker.start : speaker.end],
                speaker_kind=kind_s,
                head_lemma=head_lemma,
                modifiers=mods,
            )
        )
    return out


def _attach_orphan_quotes(doc: Any, found: list[Found], quotes: Sequence[Span]) -> list[Found]:
    """Quotations that no cue claims continue the previous speaker (or the next one)."""
    text: str = doc_text(doc)
    out = list(found)
    for q in quotes:
        if any(f.content.overlaps(q) for f in out):
            continue
        inner = text[q.start + 1 : q.end - 1]
        # Scare quotes, titles ("shock") and quoted headings are not statements.
        if len(inner.split()) < 4 or not re.search(r"[.!?…,]\W*$", inner.strip()):
            continue
        out.append(Found(kind="direct", content=q, speaker_kind="continued"))
    return out


# --------------------------------------------------------------------------------------------
# Speaker resolution across the article


class PersonIndex:
    """Named mentions of an article in text order, for resolving sources to people."""

    def __init__(self, mentions: Iterable[NamedMention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.persons = [m for m in self.mentions if m.label == "PERSON"]

    @classmethod
    def from_docs(cls, blocks: Sequence[tuple[int, Any]]) -> PersonIndex:
        """Build from spaCy ``doc.ents`` (when no entity layer exists), linking surnames.

        Args:
            blocks: ``(offset, doc)`` pairs.

        Returns:
            The index; a one-word PERSON mention is given the fullest name sharing its
            surname (fuzzy, so ``Naryshkin`` and ``Narishkin`` link), and roles are read from
            the words before a name (``Russian President Vladimir Putin``) or an apposition.
        """
        raw: list[tuple[Span, str, str, tuple[str, ...]]] = []
        for offset, doc in blocks:
            for ent in doc.ents:
                span = Span(offset + ent.start_char, offset + ent.end_char)
                raw.append((span, ent.label_, _clean_name(ent.text), _roles_of(ent)))
        return cls(_link_names(raw))

    @classmethod
    def from_layers(
        cls, mentions: Sequence[Mention], entities: Sequence[LocalEntity]
    ) -> PersonIndex:
        """Build from an article's ``mentions`` and ``entities`` layers.

        The entity layer has already linked mentions (surnames, transliterations), so its
        names, ids, labels and roles are used as they are.
        """
        by_id = {e.id: e for e in entities}
        out: list[NamedMention] = []
        for m in mentions:
            ent = by_id.get(m.entity)
            out.append(
                NamedMention(
                    span=m.span,
                    label=ent.label if ent is not None else m.label,
                    name=ent.name if ent is not None else _clean_name(m.text),
                    entity=m.entity,
                    roles=tuple(r.text.lower() for r in ent.roles) if ent is not None else (),
                )
            )
        if not mentions:
            for e in entities:
                roles = tuple(r.text.lower() for r in e.roles)
                out.extend(
                    NamedMention(span=s, label=e.label, name=e.name, entity=e.id, roles=roles)
                    for s in e.mention_spans
                )
        return cls(out)

    def last_person_before(
        self, pos: int, *, after: int = 0, skip: Sequence[Span] = ()
    ) -> NamedMention | None:
        """The last PERSON mention in ``[after, pos)`` that is not inside ``skip`` spans."""
        best = None
        for m in self.persons:
            if m.span.start >= pos:
                break
            if m.span.start < after or any(s.contains(m.span) for s in skip):
                continue
            best = m
        return best

    def person_in(self, span: Span) -> NamedMention | None:
        """The first PERSON mention inside ``span``."""
        for m in self.persons:
            if span.contains(m.span) or (span.overlaps(m.span) and len(m.span) <= len(span)):
                return m
        return None

    def named_in(self, span: Span) -> NamedMention | None:
        """The longest named mention of any label inside ``span``."""
        inside = [m for m in self.mentions if span.contains(m.span)]
        return max(inside, key=lambda m: len(m.span), default=None)

    def by_surname(self, phrase: str) -> NamedMention | None:
        """A person whose surname is the last word of ``phrase`` (``Crooke``, ``Crooke's``)."""
        words = re.findall(r"[A-Z][\w'’-]+", phrase)
        if not words or len(phrase.split()) > 3:
            return None
        last = _surname(_clean_name(words[-1]))
        for m in self.persons:
            sur = _surname(m.name)
            if len(m.name.split()) > 1 and (
                sur == last or (len(last) >= 5 and fuzz.ratio(sur, last) >= 85)
            ):
                return m
        return None

    def by_role(self, head: str, modifiers: Sequence[str], before: int) -> NamedMention | None:
        """A person whose stated role matches a role phrase (``the Russian leader``)."""
        wanted = _ROLE_SYNONYMS.get(head, frozenset({head}))
        mods = {m for m in modifiers if m not in ("the", "a", "an")}
        best = None
        for m in self.persons:
            if m.span.start >= before and best is not None:
                break
            for role in m.roles:
                words = set(re.findall(r"[a-z]+", role))
                if words & wanted and (not mods or mods <= words or mods & words):
                    best = m
        return best


def _clean_name(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    return re.sub(r"\s+", " ", name)


_ROLE_WORDS = (
    frozenset(_ROLE_SYNONYMS)
    | frozenset(w for ws in _ROLE_SYNONYMS.values() for w in ws)
    | frozenset(
        [
            "spokesman",
            "official",
            "general",
            "prosecutor",
            "judge",
            "commander",
            "ceo",
            "founder",
            "chairman",
            "chairwoman",
            "deputy",
            "foreign",
            "prime",
            "king",
            "queen",
        ]
    )
)


def _roles_of(ent: Any) -> tuple[str, ...]:
    """Role words stated next to a PERSON mention: title before it, or an apposition."""
    if ent.label_ != "PERSON":
        return ()
    doc = ent.doc
    roles = []
    # Title words before the name: "Kremlin spokesman Dmitry Peskov", "Russian President X".
    i = ent.start - 1
    words = []
    while i >= 0 and i >= ent.start - 5:
        t = doc[i]
        if t.is_punct or t.pos_ in ("DET", "VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ"):
            break
        words.append(t.text)
        i -= 1
    if words:
        roles.append(" ".join(reversed(words)).lower())
    # Apposition: "Sergei Narishkin, the head of Russia's Foreign Intelligence Service"
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos":
            roles.append(doc[child.left_edge.i : child.right_edge.i + 1].text.lower())
    if root.dep_ == "appos":
        head = root.head
        roles.append(doc[head.left_edge.i : head.i + 1].text.lower())
    return tuple(r for r in roles if "\n" not in r and set(re.findall(r"[a-z]+", r)) & _ROLE_WORDS)


def _surname(name: str) -> str:
    parts = name.split()
    return parts[-1].lower() if parts else ""


def _link_names(raw: Sequence[tuple[Span, str, str, tuple[str, ...]]]) -> list[NamedMention]:
    """Give each PERSON mention the fullest name sharing its surname; pool roles per name."""
    full: dict[str, str] = {}
    for _span, label, name, _roles in raw:
        if label != "PERSON":
            continue
        key = _surname(name)
        if len(name.split()) > len(full.get(key, "").split()):
            full[key] = name
    # Fuzzy surname links (transliteration variants: Naryshkin / Narishkin).
    keys = sorted(full, key=lambda k: -len(full[k].split()))
    canon: dict[str, str] = {}
    for k in keys:
        for c in canon.values():
            if c != k and len(k) >= 5 and fuzz.ratio(k, _surname(c)) >= 85:
                canon[k] = full.get(_surname(c), c)
                break
        else:
            canon[k] = full[k]
    roles: dict[str, set[str]] = {}
    out = []
    for span, label, name, rls in raw:
        if label == "PERSON":
            # Only a bare surname borrows the full name: "Eric Trump" stays who he is.
            if len(name.split()) == 1 or canon.get(_surname(name), "").endswith(name):
                name = canon.get(_surname(name), name)
            roles.setdefault(name, set()).update(rls)
        out.append((span, label, name))
    return [
        NamedMention(span=s, label=lab, name=nm, roles=tuple(sorted(roles.get(nm, ()))))
        for s, lab, nm in out
    ]


def resolve_attributions(
    found: Sequence[Found],
    *,
    text: str,
    article_id: str,
    people: PersonIndex,
    relays: Sequence[tuple[str, Span]] = (),
    quotes: Sequence[Span] = (),
) -> list[Attribution]:
    """Resolve sources to people and outlets and build :class:`Attribution` records.

    Args:
        found: attributions from :func:`find_attributions`, in text order, article offsets.
        text: the article text.
        article_id: the article's id (for annotation ids).
        people: named mentions of the article.
        relays: ``(outlet, span)`` evidence that the article relays an outlet
            (``ArticleMeta.relays``).
        quotes: quotation spans, skipped when looking back for a pronoun's antecedent.

    Returns:
        One :class:`Attribution` per found record, in text order.
    """
    out: list[Attribution] = []
    last_person: tuple[str, str | None, Span] | None = None  # name, entity, speaker span
    last_outlet: str | None = None
    paragraphs = _paragraph_starts(text)
    for f in sorted(found, key=lambda f: (f.span.start, f.span.end)):
        resolved: str | None = None
        entity: str | None = None
        anonymous = False
        relayed = f.relay[0] if f.relay else None
        speaker = f.speaker
        speaker_text = f.speaker_text
        cue_pos = (f.cue or f.content).start
        para_start = _para_of(paragraphs, cue_pos)
        prev_para_start = _para_of(paragraphs, max(para_start - 1, 0))
        kind_s = f.speaker_kind

        if kind_s == "continued":
            if last_person is not None and last_person[2].start >= _para_of(
                paragraphs, max(prev_para_start - 1, 0)
            ):
                resolved, entity, speaker = last_person
                speaker_text = text[speaker.start : speaker.end]
            else:
                speaker = None
        elif speaker is not None:
            named = people.person_in(speaker)
            if (
                named is not None
                and kind_s == "other"
                and _PREP_WORD.search(text[speaker.start : named.span.start])
            ):
                # "doctors at the hospital in X": a name inside a modifier is not the source.
                named = None
            if named is None and kind_s in ("name", "other", "role"):
                named = people.by_surname(text[speaker.start : speaker.end])
            # "A spokesman for X": a name inside an anonymous source's modifiers is not it.
            if kind_s in ("name",) or (
                named is not None and kind_s not in ("pronoun", "anonymous")
            ):
                if named is not None:
                    resolved, entity = named.name, named.entity
                elif kind_s == "name" and people.named_in(speaker) is None:
                    resolved = _clean_name(text[speaker.start : speaker.end])
            elif kind_s == "pronoun" and f.head_lemma in ("he", "she", "him", "her"):
                prev = _antecedent(people, last_person, cue_pos, paragraphs, quotes)
                if prev is not None:
                    resolved, entity = prev
            elif kind_s == "relative" and f.antecedent is not None:
                named = people.person_in(f.antecedent)
                if named is not None:
                    resolved, entity = named.name, named.entity
            elif kind_s == "role":
                hit = people.by_role(f.head_lemma, f.modifiers, cue_pos)
                if hit is not None:
                    resolved, entity = hit.name, hit.entity
                elif last_person is not None and last_person[2].start >= prev_para_start:
                    # A definite role phrase right after a named speaker refers back to them.
                    resolved, entity = last_person[0], last_person[1]
            if resolved is None and kind_s == "anonymous":
                # "anonymous sources at Bloomberg": unnamed people, relayed by the outlet.
                anonymous = True
                resolved = text[speaker.start : speaker.end]
                relayed = relayed or _outlet_in(speaker, text, people, relays)
                if (
                    relayed is None
                    and last_outlet is not None
                    and set(re.findall(r"[a-z]+", resolved.lower())) & _OUTLET_NOUNS
                ):
                    # "The news outlet's sources": the outlet named just before.
                    relayed = last_outlet
            if resolved is None:
                outlet = _outlet_in(speaker, text, people, relays)
                if outlet is not None:
                    relayed = relayed or outlet
                    resolved = outlet
                    last_outlet = outlet
                elif kind_s == "outlet" and last_outlet is not None:
                    relayed = relayed or last_outlet
                    resolved = last_outlet
                else:
                    named_any = people.named_in(speaker)
                    # Only a name heading the phrase: "doctors at the hospital in Sarnov" are
                    # not Sarnov.
                    if named_any is not None and re.fullmatch(
                        r"(?:the\s+)?", text[speaker.start : named_any.span.start], re.IGNORECASE
                    ):
                        resolved = _clean_outlet(text[named_any.span.start : named_any.span.end])
            else:
                # "One Bloomberg source" or "Bloomberg" itself (the NER may call it a person):
                # a named outlet in the source phrase is the channel the attribution came by.
                outlet = _outlet_in(speaker, text, people, relays)
                if outlet is not None:
                    relayed = relayed or outlet
                    if outlet == resolved:
                        kind_s = "outlet"
        if relayed is None:
            relayed = _relay_for(f, text, relays, paragraphs)
        if relayed is not None:
            last_outlet = relayed
        if resolved is not None and entity is None and speaker is not None and not anonymous:
            hit = people.person_in(speaker) if kind_s == "name" else None
            entity = hit.entity if hit else None
        if (
            resolved is not None
            and speaker is not None
            and not anonymous
            and kind_s != "outlet"
            and (
                kind_s in ("name", "role", "pronoun", "relative")
                or any(p.name == resolved for p in people.persons)
            )
        ):
            last_person = (resolved, entity, speaker)
        cue = f.cue
        kind: Kind = f.kind
        span_parts = [s for s in (f.content, cue) if s is not None]
        if speaker is not None and kind_s != "continued":
            span_parts.append(speaker)
        if f.clause is not None:
            span_parts.append(f.clause)
        whole = Span(min(s.start for s in span_parts), max(s.end for s in span_parts))
        out.append(
            Attribution(
                # The outer span alone is not unique: two attributions can share it (a cue
                # with two contents, or one nested in the other), so the parts go in too.
                id=content_id(
                    article_id, "attribution", kind, *_span_keys(whole, f.content, cue, speaker)
                ),
                article_id=article_id,
                kind=kind,
                span=whole,
                content=f.content,
                cue=cue,
                speaker=speaker,
                speaker_text=speaker_text,
                speaker_resolved=resolved,
                speaker_entity=entity,
                anonymous=anonymous,
                relayed_from=relayed,
            )
        )
    out = _fold_relays(out, people)
    # Outer attributions before those nested in them: the first one covering a quotation
    # is its speaker ("- The report spoke of X. - the minister declared").
    out.sort(key=lambda a: (a.span.start, -a.span.end))
    return out


def _fold_relays(items: list[Attribution], people: PersonIndex) -> list[Attribution]:
    """Drop ``according to <outlet>, X said Y`` and ``X said Y, according to <document>``.

    The outlet or transcript is the channel X's words came by, not their speaker; the inner
    attribution keeps an outlet as ``relayed_from``. A leading ``according to her account``
    stays: there the account is the attribution and the clause inside only narrates.
    """
    drop: set[int] = set()
    out = list(items)
    persons = {p.name for p in people.persons}
    for i, a in enumerate(out):
        if a.kind != "according-to" or a.anonymous or a.speaker_resolved in persons:
            continue
        for j, b in enumerate(out):
            if (
                j != i
                and b.cue is not None
                and b.speaker is not None
                and b.speaker_resolved in persons
                and a.content.contains(b.cue)
                and a.content.contains(b.speaker)
                and (a.relayed_from is not None or (a.cue is not None and a.cue.start > b.cue.end))
            ):
                drop.add(i)
                if b.relayed_from is None:
                    out[j] = replace(b, relayed_from=a.relayed_from)
    return [a for i, a in enumerate(out) if i not in drop]


_PREP_WORD = re.compile(r"\b(?:at|in|of|for|from|with|by|near|on|to|about)\b", re.IGNORECASE)


def _span_keys(*spans: Span | None) -> list[str]:
    """``start:end`` per span (``-`` for a missing one), for annotation ids."""
    return [f"{s.start}:{s.end}" if s is not None else "-" for s in spans]


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\n", text):
        if text[m.end() : m.end() + 1].strip():
            starts.append(m.end())
    return starts


def _para_of(starts: Sequence[int], pos: int) -> int:
    best = 0
    for s in starts:
        if s > pos:
            break
        best = s
    return best


def _antecedent(
    people: PersonIndex,
    last_person: tuple[str, str | None, Span] | None,
    pos: int,
    paragraphs: Sequence[int],
    quotes: Sequence[Span],
) -> tuple[str, str | None] | None:
    """The person a third-person pronoun at ``pos`` refers to.

    The last speaker wins when no other person has been named (outside quotations) since; else
    the most recently named person within two paragraphs.
    """
    window = _para_of(paragraphs, max(_para_of(paragraphs, pos) - 1, 0))
    window = _para_of(paragraphs, max(window - 1, 0))
    mention = people.last_person_before(pos, after=window, skip=quotes)
    if last_person is not None and (
        mention is None
        or mention.span.start <= last_person[2].end
        or mention.name == last_person[0]
    ):
        return last_person[0], last_person[1]
    if mention is not None:
        return mention.name, mention.entity
    return None


def _outlet_in(
    span: Span, text: str, people: PersonIndex, relays: Sequence[tuple[str, Span]]
) -> str | None:
    """The outlet named inside a source phrase, if any."""
    phrase = text[span.start : span.end]
    for outlet, rspan in relays:
        if rspan.overlaps(span) or outlet.lower() in phrase.lower():
            return outlet
    for m in people.mentions:
        if m.label in ("ORG", "PERSON", "GPE", "WORK_OF_ART", "NORP") and span.contains(m.span):
            name = text[m.span.start : m.span.end]
            if _OUTLET_NAME.search(name):
                return _clean_outlet(name)
    m2 = re.search(r"\b(?:at|from|of)\s+((?:the\s+)?[A-Z][\w.&'’ -]*)$", phrase)
    if m2 and _OUTLET_NAME.search(m2.group(1)):
        return _clean_outlet(m2.group(1))
    return None


def _relay_for(
    f: Found, text: str, relays: Sequence[tuple[str, Span]], paragraphs: Sequence[int]
) -> str | None:
    """An outlet the attribution's sentence or paragraph says it is relayed from."""
    para = _para_of(paragraphs, f.span.start)
    idx = list(paragraphs).index(para)
    para_end = paragraphs[idx + 1] if idx + 1 < len(paragraphs) else len(text)
    for outlet, rspan in relays:
        if para <= rspan.start < para_end:
            return outlet
    # "..., according to US officials. by the Washington Post." (a trailing credit)
    tail = text[f.span.end : min(para_end, f.span.end + 60)]
    m = re.match(r"^[\s.,;]*(?:by|via|per)\s+((?:the\s+)?[A-Z][\w.&'’ ]+)", tail)
    if m and _OUTLET_NAME.search(m.group(1)):
        return _clean_outlet(m.group(1).rstrip(". "))
    return None


def attributions_from_doc(
    doc: Any,
    *,
    article_id: str = "",
    offset: int = 0,
    text: str | None = None,
    cues: frozenset[str] = CUE_VERBS,
) -> list[Attribution]:
    """Extract and resolve attributions from one parsed text (spaCy ``Doc``).

    A convenience for a single block (evaluation, tests); the stage handles several blocks.

    Args:
        doc: a parsed spaCy ``Doc``.
        article_id: id used for annotation ids.
        offset: the doc's start in ``text``.
        text: the full article text (defaults to ``doc_text(doc)``).
        cues: cue verb lemmas.

    Returns:
        Resolved attributions in text order.
    """
    full = doc_text(doc) if text is None else text
    quotes = find_quotes(doc_text(doc), offset=offset)
    found = find_attributions(doc, offset=offset, cues=cues, quotes=quotes)
    people = PersonIndex.from_docs([(offset, doc)])
    return resolve_attributions(
        found, text=full, article_id=article_id, people=people, quotes=quotes
    )


def iter_outermost(attributions: Iterable[Attribution]) -> Iterator[Attribution]:
    """Attributions whose cue does not lie inside another attribution's content."""
    items = list(attributions)
    for a in items:
        if not any(b is not a and _is_nested(a.cue, a.content, b.cue, b.content) for b in items):
            yield a
