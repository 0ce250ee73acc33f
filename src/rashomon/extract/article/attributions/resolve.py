"""Speaker resolution across an article: sources to people, anonymous sources, relays, and the
:class:`~rashomon.model.Attribution` records."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from rashomon.extract.article.attributions.according import clean_outlet
from rashomon.extract.article.attributions.find import find_attributions
from rashomon.extract.article.attributions.found import Found, Kind
from rashomon.extract.article.attributions.people import PersonIndex, clean_name
from rashomon.extract.article.attributions.quotes import find_quotes
from rashomon.extract.article.attributions.vocab import CUE_VERBS, OUTLET_NAME, OUTLET_NOUNS
from rashomon.model import Attribution, Span, content_id
from rashomon.nlp.pipelines import doc_text


@dataclass(slots=True)
class _State:
    """What resolution carries from one attribution to the next, in text order."""

    text: str
    people: PersonIndex
    relays: Sequence[tuple[str, Span]]
    quotes: Sequence[Span]
    paragraphs: list[int]
    last_person: tuple[str, str | None, Span] | None = None  # name, entity, speaker span
    last_outlet: str | None = None


@dataclass(slots=True)
class _Speaker:
    """One attribution's speaker while it is being resolved."""

    speaker: Span | None
    speaker_text: str | None
    kind: str
    resolved: str | None = None
    entity: str | None = None
    anonymous: bool = False
    relayed: str | None = None


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
    state = _State(
        text=text, people=people, relays=relays, quotes=quotes, paragraphs=_paragraph_starts(text)
    )
    out = [
        _resolve_one(f, state, article_id)
        for f in sorted(found, key=lambda f: (f.span.start, f.span.end))
    ]
    out = _fold_relays(out, people)
    # Outer attributions before those nested in them: the first one covering a quotation
    # is its speaker ("- The report spoke of X. - the minister declared").
    out.sort(key=lambda a: (a.span.start, -a.span.end))
    return out


def _resolve_one(f: Found, st: _State, article_id: str) -> Attribution:
    """Resolve one attribution's speaker, update the running state, build the record."""
    text, people = st.text, st.people
    sp = _Speaker(
        speaker=f.speaker,
        speaker_text=f.speaker_text,
        kind=f.speaker_kind,
        relayed=f.relay[0] if f.relay else None,
    )
    cue_pos = (f.cue or f.content).start
    para_start = _para_of(st.paragraphs, cue_pos)
    prev_para_start = _para_of(st.paragraphs, max(para_start - 1, 0))
    if sp.kind == "continued":
        last = st.last_person
        if last is not None and last[2].start >= _para_of(
            st.paragraphs, max(prev_para_start - 1, 0)
        ):
            sp.resolved, sp.entity, sp.speaker = last
            sp.speaker_text = text[sp.speaker.start : sp.speaker.end]
        else:
            sp.speaker = None
    elif sp.speaker is not None:
        _resolve_literal(f, sp, st, cue_pos, prev_para_start)
        if sp.resolved is None and sp.kind == "anonymous":
            _resolve_anonymous(sp, st)
        if sp.resolved is None:
            _resolve_unnamed(sp, st)
        else:
            # "One Bloomberg source" or "Bloomberg" itself (the NER may call it a person):
            # a named outlet in the source phrase is the channel the attribution came by.
            outlet = _outlet_in(sp.speaker, text, people, st.relays)
            if outlet is not None:
                sp.relayed = sp.relayed or outlet
                if outlet == sp.resolved:
                    sp.kind = "outlet"
    if sp.relayed is None:
        sp.relayed = _relay_for(f, text, st.relays, st.paragraphs)
    if sp.relayed is not None:
        st.last_outlet = sp.relayed
    if (
        sp.resolved is not None
        and sp.entity is None
        and sp.speaker is not None
        and not sp.anonymous
    ):
        hit = people.person_in(sp.speaker) if sp.kind == "name" else None
        sp.entity = hit.entity if hit else None
    if (
        sp.resolved is not None
        and sp.speaker is not None
        and not sp.anonymous
        and sp.kind != "outlet"
        and (
            sp.kind in ("name", "role", "pronoun", "relative")
            or any(p.name == sp.resolved for p in people.persons)
        )
    ):
        st.last_person = (sp.resolved, sp.entity, sp.speaker)
    return _record(f, sp, article_id)


def _resolve_literal(
    f: Found, sp: _Speaker, st: _State, cue_pos: int, prev_para_start: int
) -> None:
    """A source phrase that names, points back to, or titles a person."""
    assert sp.speaker is not None
    text, people, kind_s = st.text, st.people, sp.kind
    named = people.person_in(sp.speaker)
    if (
        named is not None
        and kind_s == "other"
        and _PREP_WORD.search(text[sp.speaker.start : named.span.start])
    ):
        # "doctors at the hospital in X": a name inside a modifier is not the source.
        named = None
    if named is None and kind_s in ("name", "other", "role"):
        named = people.by_surname(text[sp.speaker.start : sp.speaker.end])
    # "A spokesman for X": a name inside an anonymous source's modifiers is not it.
    if kind_s in ("name",) or (named is not None and kind_s not in ("pronoun", "anonymous")):
        if named is not None:
            sp.resolved, sp.entity = named.name, named.entity
        elif kind_s == "name" and people.named_in(sp.speaker) is None:
            sp.resolved = clean_name(text[sp.speaker.start : sp.speaker.end])
    elif kind_s == "pronoun" and f.head_lemma in ("he", "she", "him", "her"):
        prev = _antecedent(people, st.last_person, cue_pos, st.paragraphs, st.quotes)
        if prev is not None:
            sp.resolved, sp.entity = prev
    elif kind_s == "relative" and f.antecedent is not None:
        named = people.person_in(f.antecedent)
        if named is not None:
            sp.resolved, sp.entity = named.name, named.entity
    elif kind_s == "role":
        hit = people.by_role(f.head_lemma, f.modifiers, cue_pos)
        if hit is not None:
            sp.resolved, sp.entity = hit.name, hit.entity
        elif st.last_person is not None and st.last_person[2].start >= prev_para_start:
            # A definite role phrase right after a named speaker refers back to them.
            sp.resolved, sp.entity = st.last_person[0], st.last_person[1]


def _resolve_anonymous(sp: _Speaker, st: _State) -> None:
    """"anonymous sources at Bloomberg": unnamed people, relayed by the outlet."""
    assert sp.speaker is not None
    sp.anonymous = True
    sp.resolved = st.text[sp.speaker.start : sp.speaker.end]
    sp.relayed = sp.relayed or _outlet_in(sp.speaker, st.text, st.people, st.relays)
    if (
        sp.relayed is None
        and st.last_outlet is not None
        and set(re.findall(r"[a-z]+", sp.resolved.lower())) & OUTLET_NOUNS
    ):
        # "The news outlet's sources": the outlet named just before.
        sp.relayed = st.last_outlet


def _resolve_unnamed(sp: _Speaker, st: _State) -> None:
    """A source that is no person: an outlet, or an organisation heading the phrase."""
    assert sp.speaker is not None
    text = st.text
    outlet = _outlet_in(sp.speaker, text, st.people, st.relays)
    if outlet is not None:
        sp.relayed = sp.relayed or outlet
        sp.resolved = outlet
        st.last_outlet = outlet
    elif sp.kind == "outlet" and st.last_outlet is not None:
        sp.relayed = sp.relayed or st.last_outlet
        sp.resolved = st.last_outlet
    else:
        named_any = st.people.named_in(sp.speaker)
        # Only a name heading the phrase: "doctors at the hospital in Sarnov" are not Sarnov.
        if named_any is not None and re.fullmatch(
            r"(?:the\s+)?", text[sp.speaker.start : named_any.span.start], re.IGNORECASE
        ):
            sp.resolved = clean_outlet(text[named_any.span.start : named_any.span.end])


def _record(f: Found, sp: _Speaker, article_id: str) -> Attribution:
    """The :class:`Attribution` for a resolved record."""
    cue = f.cue
    kind: Kind = f.kind
    span_parts = [s for s in (f.content, cue) if s is not None]
    if sp.speaker is not None and sp.kind != "continued":
        span_parts.append(sp.speaker)
    if f.clause is not None:
        span_parts.append(f.clause)
    whole = Span(min(s.start for s in span_parts), max(s.end for s in span_parts))
    return Attribution(
        # The outer span alone is not unique: two attributions can share it (a cue with two
        # contents, or one nested in the other), so the parts go in too.
        id=content_id(
            article_id, "attribution", kind, *_span_keys(whole, f.content, cue, sp.speaker)
        ),
        article_id=article_id,
        kind=kind,
        span=whole,
        content=f.content,
        cue=cue,
        speaker=sp.speaker,
        speaker_text=sp.speaker_text,
        speaker_resolved=sp.resolved,
        speaker_entity=sp.entity,
        anonymous=sp.anonymous,
        relayed_from=sp.relayed,
    )


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
            if OUTLET_NAME.search(name):
                return clean_outlet(name)
    m2 = re.search(r"\b(?:at|from|of)\s+((?:the\s+)?[A-Z][\w.&'’ -]*)$", phrase)
    if m2 and OUTLET_NAME.search(m2.group(1)):
        return clean_outlet(m2.group(1))
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
    if m and OUTLET_NAME.search(m.group(1)):
        return clean_outlet(m.group(1).rstrip(". "))
    return None


def attributions_from_doc(
    doc: Doc,
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

