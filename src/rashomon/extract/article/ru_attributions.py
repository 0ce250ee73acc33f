"""Attributions in Russian reports: quotes and reported speech from natasha's UD parse.

Found, on each sentence of the parsed blocks (:mod:`rashomon.nlp.russian`):

* a cue verb (``lexicon/ru/cue_verbs.txt``: заявил, сообщил, отметил, подчеркнул...) with
  its content: a quotation right before it (``«...», — сказал он``) or after its colon
  (``сказал: «...»``), its ``что`` clause (``ccomp``), the clause it is a parenthetical of
  (``..., сообщает ТАСС``: UD ``parataxis``), or the rest of the sentence of a ``как`` clause
  (``Как сообщили в МЧС, ...``); its source is its subject (``nsubj``), else a ``в``/``у``
  phrase (``сообщили в пресс-службе МВД``);
* a source phrase (``lexicon/ru/source_phrases.txt``: по словам, по данным...) with the name
  after it as the source and the rest of the sentence as the content;
* a quotation no cue claims, standing as its own line or after a colon, continues the last
  speaker.

Quotation marks are paired by :func:`~rashomon.extract.article.attributions.find_quotes`
(«», „“, straight and curly quotes). Sources resolve to the article's persons (a name in the
subject, ``он``/``она`` to the last person of that gender, a role noun such as ``адвокат`` to
the last speaker), to outlets (``ТАСС`` -> ``TASS``, also recorded as the relay), and unnamed
sources (``источник``) are marked anonymous.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from rashomon.extract.article.attributions import find_quotes
from rashomon.extract.article.ru_metadata import resolve_ru_outlet
from rashomon.lexicon import entries, table, words
from rashomon.model import ArticleDoc, Attribution, AttributionKind, Mention, Span, content_id
from rashomon.nlp.pipelines import doc_text

__all__ = ["find_ru_attributions", "ru_attributions"]

_DASHES = "-–—−"
_EDGE_PUNCT = set(",.;:!?…" + _DASHES + "«»\"„“”()")
_QUOTE_BEFORE_CUE = re.compile(r"^[\s,.!?…]*[-–—−]+\s*$|^\s*,\s*$")
_SPEAKER_DEPS = ("nsubj", "nsubj:pass")
_CONTENT_DEPS = ("ccomp", "parataxis")
_CLAUSE_DEPS = {"acl", "acl:relcl", "parataxis", "advcl", "ccomp"}


def _norm(lemma: str) -> str:
    return lemma.casefold().replace("ё", "е")


@dataclass(frozen=True, slots=True)
class _Found:
    """One attribution in a block (block offsets), its source tokens still unresolved."""

    kind: AttributionKind
    content: Span
    cue: Span | None
    speaker: tuple[Token, ...]  # tokens of the source phrase
    head: Token | None  # the source's head token


def find_ru_attributions(sdoc: Doc) -> list[_Found]:
    """Attributions of one parsed Russian block, in block offsets, sources unresolved."""
    text = doc_text(sdoc)
    quotes = find_quotes(text)
    out: list[_Found] = []
    for sent in sdoc.sents:
        out.extend(_verb_cues(sent, text, quotes))
        out.extend(_phrase_cues(sent, text))
    out.extend(_orphan_quotes(text, quotes, out))
    return out


# --------------------------------------------------------------------------------------------
# Cue verbs


def _verb_cues(sent: SpacySpan, text: str, quotes: Sequence[Span]) -> Iterator[_Found]:
    cues = {
        _norm(w)
        for w in words("cue_verbs", "ru")
        | words("passive_cue_verbs", "ru")
        | words("expression_verbs", "ru")
    }
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or _norm(verb.lemma_) not in cues:
            continue
        got = _content(verb, sent, text, quotes)
        if got is None:
            continue
        content, quoted = got
        speaker, head = _speaker(verb, content)
        cue = Span(verb.idx, verb.idx + len(verb.text))
        statements = [q for q in quotes if _statement(q, text)]
        kind: AttributionKind = "direct" if quoted else _kind(content, statements)
        yield _Found(kind=kind, content=content, cue=cue, speaker=speaker, head=head)


def _content(
    verb: Token, sent: SpacySpan, text: str, quotes: Sequence[Span]
) -> tuple[Span, bool] | None:
    """The content a cue verb introduces, and whether it is a quotation."""
    for q in quotes:  # «...», — сказал он
        if (
            q.end <= verb.idx
            and _QUOTE_BEFORE_CUE.match(text[q.end : verb.idx])
            and _statement(q, text)
        ):
            return q, True
    for q in quotes:  # сказал: «...»
        between = text[verb.idx + len(verb.text) : q.start]
        if q.start >= verb.idx and ":" in between and len(between) < 80 and "\n" not in between:
            return q, True
    if _norm(verb.lemma_) in words("passive_cue_verbs", "ru"):
        for child in verb.children:  # Прибытие урагана ожидается утром
            if child.dep_ in _SPEAKER_DEPS:
                span = _subtree_span(child, sent)
                if span is not None:
                    return span, False
    for child in verb.children:  # заявил, что ...; говорит, будто ...
        if child.dep_ in _CONTENT_DEPS and child.i > verb.i:
            span = _subtree_span(child, sent)
            if span is not None:
                return span, False
    if _norm(verb.lemma_) in words("expression_verbs", "ru"):
        for child in verb.children:  # выразил сожаление, что ...
            if child.dep_ == "obj" and child.i > verb.i:
                span = _subtree_span(child, sent)
                if span is not None:
                    return span, False
    for child in verb.children:  # рекомендовано убрать ...
        if child.dep_ == "xcomp" and child.i > verb.i:
            span = _subtree_span(child, sent)
            if span is not None:
                return span, False
    before = _before_cue(verb, sent)
    if before is not None:  # ..., сообщает ТАСС
        return before, False
    topic = _topic(verb, sent)
    if topic is not None:  # Об этом сообщает ТАСС; рассказал о погоде
        return topic, False
    marker = next((c for c in verb.children if _norm(c.lemma_) == "как" and c.i < verb.i), None)
    if marker is not None:  # Как сообщили в МЧС, ...; ..., как сообщает ТАСС.
        return _around_as_clause(marker, verb, sent)
    return None


def _around_as_clause(marker: Token, verb: Token, sent: SpacySpan) -> tuple[Span, bool] | None:
    """The content beside a ``как``-clause, read by position (the clause runs from ``как`` to
    the next comma), so a misparse of the rest of the sentence does not matter."""
    doc = verb.doc
    end = next((t.i for t in doc[verb.i : sent.end] if t.text in ","), sent.end)
    if marker.i > sent.start and any(t.text == "," for t in doc[sent.start : marker.i]):
        span = _token_span([t for t in doc[sent.start : marker.i]])  # ..., как сообщает ТАСС
    else:
        span = _token_span([t for t in doc[end + 1 : sent.end]]) if end < sent.end else None
    return (span, False) if span is not None else None


def _topic(verb: Token, sent: SpacySpan) -> Span | None:
    """What an ``о``/``об`` phrase of a cue says was told: ``Об этом`` points back at the
    previous sentence of the block (the news formula ``Об этом сообщает ТАСС``); any other
    topic (``рассказал о погоде``) is the content itself."""
    for child in verb.children:
        case = [c for c in child.children if c.dep_ == "case"]
        if child.dep_ != "obl" or not case or _norm(case[0].lemma_) not in ("о", "об", "обо"):
            continue
        if _norm(child.lemma_) == "это" and child.i < verb.i:
            doc = verb.doc
            prev = [s for s in doc.sents if s.end <= sent.start and any(not t.is_space for t in s)]
            if prev:
                return _token_span(list(prev[-1]))
            return None
        return _subtree_span(child, sent)
    return None


def _statement(quote: Span, text: str) -> bool:
    """A quotation that is something said, not a quoted name (``урагана «Ханна»``): it opens
    its line or sentence, or it holds several words."""
    before = text[: quote.start].rstrip(" \t" + _DASHES)
    return (
        not before
        or before[-1] in "\n.!?:…"
        or len(text[quote.start : quote.end].split()) >= 4
    )


def _before_cue(verb: Token, sent: SpacySpan) -> Span | None:
    """The clause before a parenthetical cue: ``X, — сказал Y`` / ``X, сообщает ТАСС``."""
    parataxis_before = verb.dep_ in _CONTENT_DEPS and verb.head.i < verb.i
    child_before = any(c.dep_ in _CONTENT_DEPS and c.i < verb.i for c in verb.children)
    if not (parataxis_before or child_before):
        return None
    if any(c.dep_ in _SPEAKER_DEPS and c.i < verb.i for c in verb.children):
        return None  # "Путин заявил ..." is no parenthetical
    doc = verb.doc
    # The cue clause starts after the punctuation that separates it from the content.
    k = verb.i - 1
    # Only a comma, a dash or a closing quote sets a cue apart; "В МЧС сообщают о пожаре" is
    # no parenthetical.
    if k < sent.start or doc[k].text not in "," + _DASHES + "»\"”":
        return None
    tokens = [t for t in doc[sent.start : verb.i] if not t.is_space]
    return _token_span(tokens)


def _speaker(verb: Token, content: Span) -> tuple[tuple[Token, ...], Token | None]:
    """The source tokens of a cue verb and their head: its subject, else a в/у phrase."""
    source = verb
    # "заявил и добавил": a conjoined cue shares the first one's subject.
    if not any(c.dep_ in _SPEAKER_DEPS for c in verb.children) and verb.dep_ == "conj":
        source = verb.head
    for child in source.children:
        if child.dep_ in _SPEAKER_DEPS and not _in_span(child, content):
            return _phrase(child, content), child
    for child in verb.children:
        if child.dep_ == "obl" and not _in_span(child, content) and not _when(child):
            case = [c for c in child.children if c.dep_ == "case"]
            if case and _norm(case[0].lemma_) in ("в", "у"):
                return _phrase(child, content), child
    return (), None


def _when(tok: Token) -> bool:
    """A time phrase (``во вторник``, ``в марте``, ``в 2019 году``), not a source."""
    cal = table("calendar", "ru")
    text = tok.text.casefold()
    return bool(
        re.fullmatch(cal["weekday_forms"]["pattern"], text)
        or re.fullmatch(cal["month_forms"]["pattern"], text)
        or _norm(tok.lemma_) in words("time_nouns", "ru")
    )


def _phrase(head: Token, content: Span) -> tuple[Token, ...]:
    """A source phrase: the head's subtree without the clauses hanging off it ("Путин,
    принимавший парад,"), the content and edge punctuation; one contiguous run of tokens
    around the head ("президент РФ Владимир Путин")."""
    drop: set[int] = set()
    for t in head.subtree:
        if t.i != head.i and t.dep_ in _CLAUSE_DEPS:
            drop.update(x.i for x in t.subtree)
    kept = {t.i for t in head.subtree
            if t.i not in drop and not t.is_space and not _in_span(t, content)}
    lo = hi = head.i
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    doc = head.doc
    while lo < head.i and doc[lo].text in _EDGE_PUNCT:
        lo += 1
    while hi > head.i and doc[hi].text in _EDGE_PUNCT:
        hi -= 1
    return tuple(doc[lo : hi + 1])


# --------------------------------------------------------------------------------------------
# Source phrases and orphan quotations


@functools.cache
def _source_phrase_re() -> re.Pattern[str]:
    """``по словам``, ``по его словам``, ``по предварительным данным``, ``согласно``: a source
    phrase, with up to two words (a possessive, an adjective) between its first word and its
    noun; misspellings of the noun's ending (``по словами``) are news copy too."""
    parts = []
    for entry in entries("source_phrases", "ru"):
        first, *rest = entry.split()
        gap = r"(?:\s+[^\W\d_]+){0,2}?" if rest else ""
        tail = "".join(r"\s+" + re.escape(w) for w in rest)
        parts.append(re.escape(first) + gap + tail + (r"\w{0,2}" if rest else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _phrase_cues(sent: SpacySpan, text: str) -> Iterator[_Found]:
    body = text[sent.start_char : sent.end_char]
    for m in _source_phrase_re().finditer(body):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        pronouns = ("он", "она", "они")
        inside = [t for t in sent if start < t.idx < end and _norm(t.lemma_) in pronouns]
        speaker: list[Token] = list(inside)  # по его словам: the possessive is the source
        for t in (t for t in sent if t.idx >= end and not t.is_space):
            opening = not speaker and t.text in "«\"„“"  # по данным «СЭ»
            if not opening and (
                t.text in _EDGE_PUNCT or t.pos_ in ("VERB", "AUX") or len(speaker) >= 8
            ):
                break
            speaker.append(t)
        tokens = [t for t in sent if not t.is_space]
        before = [t for t in tokens if t.idx + len(t.text) <= start]
        last = speaker[-1].idx if speaker and not inside else end - 1
        rest = [t for t in tokens if t.idx > last]
        if not _words(before):
            content = _token_span(rest)
        elif not _words(rest):
            content = _token_span(before)
        else:
            content = _token_span(tokens)
        if content is None:
            continue
        if speaker:
            head = min(speaker, key=lambda t: (t.dep_ != "nmod" and t.head not in speaker, t.i))
        yield _Found(
            kind="according-to",
            content=content,
            cue=Span(start, end),
            speaker=tuple(speaker),
            head=head if speaker else None,
        )


def _opens_line(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a line: only spaces, at most one dash, and more spaces stand
    between it and the text's start or a line break.

    Read backwards from ``pos`` over that run alone: a regular expression searched over the
    whole text before each quotation read the text once per quotation, and a long run of
    line breaks once per position of it.
    """
    start = _space_run(text, pos)
    if start == 0 or "\n" in text[start:pos]:
        return True
    if text[start - 1] not in _DASHES:
        return False
    before = _space_run(text, start - 1)
    return before == 0 or "\n" in text[before : start - 1]


def _space_run(text: str, end: int) -> int:
    """Where the run of whitespace that ends at ``end`` starts."""
    i = end
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _orphan_quotes(text: str, quotes: Sequence[Span], found: Sequence[_Found]) -> Iterator[_Found]:
    """Quotations that open a line or follow a colon and that no cue claimed."""
    for q in quotes:
        if any(f.content.overlaps(q) for f in found):
            continue
        words_in = len(text[q.start : q.end].split())
        lead = text[max(0, q.start - 3) : q.start]
        if words_in >= 4 and (_opens_line(text, q.start) or ":" in lead):
            yield _Found(kind="direct", content=q, cue=None, speaker=(), head=None)


# --------------------------------------------------------------------------------------------
# Spans


def _words(tokens: Sequence[Token]) -> bool:
    return any(t.text not in _EDGE_PUNCT for t in tokens)


def _in_span(tok: Token, span: Span) -> bool:
    return bool(span.start <= tok.idx < span.end)


def _token_span(tokens: Sequence[Token]) -> Span | None:
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].text in _EDGE_PUNCT or _norm(toks[0].text) in ("что", "чтобы")):
        if toks[0].text in "«\"„“" and len(toks) > 1:
            break
        toks.pop(0)
    while toks and toks[-1].text in _EDGE_PUNCT:
        if toks[-1].text in "»\"”" and any(t.text in "«\"„“" for t in toks[:-1]):
            break
        toks.pop()
    if not toks:
        return None
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _subtree_span(root: Token, sent: SpacySpan) -> Span | None:
    return _token_span([t for t in root.subtree if sent.start <= t.i < sent.end])


def _kind(content: Span, quotes: Sequence[Span]) -> AttributionKind:
    for q in quotes:
        if q.contains(content) or content.contains(q) and len(q) >= 0.8 * len(content):
            return "direct"
        if q.overlaps(content):
            return "mixed"
    return "indirect"


# --------------------------------------------------------------------------------------------
# Resolving sources


@dataclass(slots=True)
class _Person:
    name: str
    entity: str
    gender: str | None
    start: int
    roles: tuple[str, ...]


class _Resolver:
    """Article-level lookups: persons by span, the last speakers, outlets and relays."""

    def __init__(self, doc: ArticleDoc) -> None:
        self.doc = doc
        ents = {e.id: e for e in doc.entities}
        self.mentions = sorted(doc.mentions, key=lambda m: m.span.start)
        self.names = {e.id: e.name for e in doc.entities}
        self.roles = {e.id: tuple(r.text.casefold() for r in e.roles) for e in doc.entities}
        self.labels = {e.id: e.label for e in doc.entities}
        self.ents = ents
        self.last_person: _Person | None = None
        self.last_by_gender: dict[str, _Person] = {}

    def mention_in(self, span: Span, labels: Sequence[str]) -> Mention | None:
        hits = [m for m in self.mentions if m.span.overlaps(span) and m.label in labels]
        return max(hits, key=lambda m: len(m.span)) if hits else None

    def person_before(self, pos: int, gender: str | None) -> _Person | None:
        if gender and gender in self.last_by_gender:
            return self.last_by_gender[gender]
        if self.last_person is not None and (gender is None or self.last_person.gender in
                                             (None, gender)):
            return self.last_person
        for m in reversed(self.mentions):
            if m.span.start < pos and m.label == "PERSON":
                return _Person(self.names[m.entity], m.entity, None, m.span.start, ())
        return None

    def by_surname(self, lemma: str) -> tuple[str, str] | None:
        """The one person of the article whose name ends in this word (NER missed a mention)."""
        hits = {
            (e.name, e.id)
            for e in self.doc.entities
            if e.label == "PERSON" and _norm(e.name.split()[-1]) == lemma
        }
        return hits.pop() if len(hits) == 1 else None

    def relay_in(self, span: Span) -> str | None:
        for r in self.doc.meta.relays:
            if span.contains(r.span) or r.span.contains(span):
                return r.outlet
        return None

    def relay_near(self, lo: int, hi: int) -> str | None:
        for r in self.doc.meta.relays:
            if lo <= r.span.start < hi and r.cue in ("citing", "according to"):
                return r.outlet
        return None


def _gender(tok: Token) -> str | None:
    values = tok.morph.get("Gender", [])
    return str(values[0]) if values else None


def ru_attributions(doc: ArticleDoc) -> tuple[Attribution, ...]:
    """The attributions of one Russian article, speakers resolved, spans into ``doc.text``.

    Args:
        doc: an article doc with ``parsed`` blocks from the Russian pipeline and its
            ``mentions``/``entities`` layers.

    Returns:
        The attributions in text order.
    """
    blocks: Sequence[tuple[int, Doc]] = doc.parsed or ()
    resolver = _Resolver(doc)
    out: list[Attribution] = []
    for offset, sdoc in blocks:
        found = sorted(find_ru_attributions(sdoc), key=lambda f: (f.content.start, f.content.end))
        for f in found:
            out.append(_resolve(f, offset, sdoc, resolver))
    out.sort(key=lambda a: (a.span.start, -a.span.end))
    return tuple(out)


def _shift(span: Span | None, offset: int) -> Span | None:
    return None if span is None else Span(span.start + offset, span.end + offset)


def _resolve(f: _Found, offset: int, sdoc: Doc, r: _Resolver) -> Attribution:  # noqa: C901
    text = r.doc.text
    content = Span(f.content.start + offset, f.content.end + offset)
    cue = _shift(f.cue, offset)
    speaker: Span | None = None
    resolved: str | None = None
    entity: str | None = None
    anonymous = False
    relayed: str | None = None
    person: _Person | None = None
    if f.speaker:
        first, last = f.speaker[0], f.speaker[-1]
        speaker = Span(offset + first.idx, offset + last.idx + len(last.text))
        head = f.head if f.head is not None else first
        lemma = _norm(head.lemma_)
        pronouns = table("pronouns", "ru")["speakers"]
        name = r.mention_in(speaker, ("PERSON",))
        outlet = resolve_ru_outlet(text[speaker.start : speaker.end]) or r.relay_in(speaker)
        if name is not None:
            entity, resolved = name.entity, r.names.get(name.entity, name.text)
            roles = r.roles.get(entity, ())
            person = _Person(resolved, entity, _gender(head), speaker.start, roles)
        elif lemma in pronouns:
            prev = r.person_before(speaker.start, str(pronouns[lemma]))
            if prev is not None:
                resolved, entity, person = prev.name, prev.entity, prev
        elif (named := r.by_surname(lemma)) is not None:
            resolved, entity = named
            person = _Person(resolved, entity, _gender(head), speaker.start, ())
        elif lemma in words("anonymous_sources", "ru"):
            anonymous = True
            resolved = text[speaker.start : speaker.end]
        elif outlet is not None:
            resolved = relayed = outlet
        elif lemma in words("role_nouns", "ru"):
            prev = _by_role(r, lemma)
            if prev is not None:
                resolved, entity, person = prev.name, prev.entity, prev
        if resolved is None and not anonymous:
            org = r.mention_in(speaker, ("ORG", "GPE"))
            if org is not None:
                resolved, entity = r.names.get(org.entity, org.text), org.entity
    if relayed is None:
        sent_lo = min(content.start, (cue or content).start)
        sent_hi = max(content.end, (cue or content).end, speaker.end if speaker else 0)
        relayed = r.relay_near(sent_lo, sent_hi + 40)
    if not f.speaker and f.cue is None and r.last_person is not None:
        # A quotation standing alone continues the last speaker.
        resolved, entity = r.last_person.name, r.last_person.entity
    if person is not None:
        r.last_person = person
        if person.gender:
            r.last_by_gender[person.gender] = person
    parts = [s for s in (content, cue, speaker) if s is not None]
    whole = Span(min(s.start for s in parts), max(s.end for s in parts))
    keys = [f"{s.start}:{s.end}" if s else "-" for s in (whole, content, cue, speaker)]
    return Attribution(
        id=content_id(r.doc.id, "attribution", f.kind, *keys),
        article_id=r.doc.id,
        kind=f.kind,
        span=whole,
        content=content,
        cue=cue,
        speaker=speaker,
        speaker_text=text[speaker.start : speaker.end] if speaker else None,
        speaker_resolved=resolved,
        speaker_entity=entity,
        anonymous=anonymous,
        relayed_from=relayed,
    )


def _by_role(r: _Resolver, lemma: str) -> _Person | None:
    """A role noun as source: the person stated to hold it, else the last speaker."""
    for m in reversed(r.mentions):
        roles = r.roles.get(m.entity, ())
        if m.label == "PERSON" and any(lemma[:5] in role for role in roles):
            return _Person(r.names[m.entity], m.entity, None, m.span.start, roles)
    return r.last_person
