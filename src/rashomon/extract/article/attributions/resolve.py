"""Speaker resolution across an article: sources to people, anonymous sources, relays, and the
:class:`~rashomon.model.Attribution` records."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from rashomon.extract.article.attributions.according import clean_outlet
from rashomon.extract.article.attributions.find import find_attributions
from rashomon.extract.article.attributions.found import Found, Kind
from rashomon.extract.article.attributions.gender import name_gender, word_gender
from rashomon.extract.article.attributions.learned import CueTagger
from rashomon.extract.article.attributions.mentions import Referent, Referents, collect_referents
from rashomon.extract.article.attributions.people import PersonIndex, clean_name
from rashomon.extract.article.attributions.phrases import Phrase
from rashomon.extract.article.attributions.quotes import find_quotes
from rashomon.extract.article.attributions.relayed import (
    fold_relays,
    outlet_in,
    para_of,
    paragraph_starts,
    relay_for,
)
from rashomon.extract.article.attributions.speakers import (
    WINDOW,
    Candidate,
    Named,
    NameOf,
    antecedent,
    conjoined,
    pronoun_wants,
)
from rashomon.extract.article.attributions.vocab import (
    CUE_VERBS,
    OUTLET_NOUNS,
    REPLY_NOUNS,
)
from rashomon.lexicon import words
from rashomon.model import Attribution, Span, SpeakerKind, content_id
from rashomon.nlp.pipelines import doc_text


@dataclass(slots=True)
class _Speaker:
    """One attribution's speaker while it is being resolved."""

    speaker: Span | None
    speaker_text: str | None
    kind: str  # how the source is expressed (Found.speaker_kind)
    resolved: str | None = None
    entity: str | None = None
    anonymous: bool = False
    relayed: str | None = None
    who: SpeakerKind | None = None  # what the speaker is (Attribution.speaker_kind)
    affiliation: str | None = None


@dataclass(slots=True)
class _State:
    """What resolution carries from one attribution to the next, in text order."""

    text: str
    people: PersonIndex
    relays: Sequence[tuple[str, Span]]
    quotes: Sequence[Span]
    paragraphs: list[int]
    referents: Referents
    last_person: tuple[str, str | None, Span] | None = None  # name, entity, speaker span
    last_outlet: str | None = None
    last: _Speaker | None = None  # the speaker of the last attribution not nested in another
    last_at: int = 0  # where that attribution's cue (or content) starts
    named: dict[int, Named | None] = field(default_factory=dict)  # referent start -> person


def resolve_attributions(
    found: Sequence[Found],
    *,
    text: str,
    article_id: str,
    people: PersonIndex,
    relays: Sequence[tuple[str, Span]] = (),
    quotes: Sequence[Span] = (),
    referents: Referents | None = None,
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
        referents: the article's noun phrases that pronouns may point back to
            (:func:`~rashomon.extract.article.attributions.mentions.collect_referents`); without
            them pronouns fall back to the last person named.

    Returns:
        One :class:`Attribution` per found record, in text order.
    """
    state = _State(
        text=text,
        people=people,
        relays=relays,
        quotes=quotes,
        paragraphs=paragraph_starts(text),
        referents=referents if referents is not None else Referents(),
    )
    ordered = continuation_order(found, state.paragraphs, text)
    out = [_resolve_one(f, state, article_id) for f in ordered]
    out = fold_relays(out, people)
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
    para_start = para_of(st.paragraphs, cue_pos)
    prev_para_start = para_of(st.paragraphs, max(para_start - 1, 0))
    if sp.kind == "continued":
        _continue(sp, st, prev_para_start)
    elif sp.speaker is not None:
        _resolve_source(f, sp, st, cue_pos, prev_para_start)
    if sp.relayed is None:
        sp.relayed = relay_for(f, text, st.relays, st.paragraphs)
    if sp.relayed is not None:
        st.last_outlet = sp.relayed
    if (
        sp.resolved is not None
        and sp.entity is None
        and sp.speaker is not None
        and not sp.anonymous
        and sp.kind == "name"
    ):
        hit = people.person_in(sp.speaker)
        sp.entity = hit.entity if hit else None
    if sp.resolved is not None and sp.who is None:
        sp.who = _kind_of(sp, people)
    if (
        sp.resolved is not None
        and sp.speaker is not None
        and sp.who == "person"
        and sp.kind != "continued"
    ):
        st.last_person = (sp.resolved, sp.entity, sp.speaker)
    if (
        not f.nested
        and f.kind in ("direct", "mixed")
        and sp.speaker is not None
        and (sp.resolved or sp.kind != "continued")
    ):
        st.last, st.last_at = sp, cue_pos
    return _record(f, sp, article_id)


def _kind_of(sp: _Speaker, people: PersonIndex) -> SpeakerKind | None:
    """What a resolved speaker is, when its resolution did not say."""
    if sp.anonymous:
        return "anonymous"
    if sp.kind == "outlet":
        return "outlet"
    if sp.kind in ("name", "role", "pronoun", "relative") or any(
        p.name == sp.resolved for p in people.persons
    ):
        return "person"
    return "organisation"


def _continue(sp: _Speaker, st: _State, prev_para_start: int) -> None:
    """A quotation no cue claims continues the last speaker, within the paragraph before: the
    speaker of the last quotation, or the last person who spoke if named later than that."""
    window = para_of(st.paragraphs, max(prev_para_start - 1, 0))
    last, person = st.last, st.last_person
    if person is not None and person[2].start >= window and (
        last is None or st.last_at < window or person[2].start > st.last_at
    ):
        sp.resolved, sp.entity, sp.speaker = person
        sp.speaker_text = st.text[sp.speaker.start : sp.speaker.end]
        sp.who = "person"
        return
    if last is None or st.last_at < window or last.speaker is None:
        sp.speaker = None
        return
    sp.speaker, sp.speaker_text = last.speaker, st.text[last.speaker.start : last.speaker.end]
    sp.resolved, sp.entity, sp.anonymous = last.resolved, last.entity, last.anonymous
    sp.who, sp.affiliation = last.who, last.affiliation


def _resolve_source(
    f: Found, sp: _Speaker, st: _State, cue_pos: int, prev_para_start: int
) -> None:
    """Resolve a literal source phrase: by what it names, then as before by how it is put."""
    assert sp.speaker is not None
    phrase = f.phrase
    # Antecedents lie before the source phrase itself (or before the cue, if that comes first).
    at = min(sp.speaker.start, cue_pos)
    if phrase is not None and _resolve_phrase(f, phrase, sp, st, at):
        pass
    else:
        _resolve_literal(f, sp, st, cue_pos, prev_para_start)
        if sp.resolved is None and sp.kind == "anonymous":
            _resolve_anonymous(sp, st, phrase)
    if sp.resolved is None:
        _resolve_unnamed(sp, st)
    else:
        # "One Bloomberg source" or "Bloomberg" itself (the NER may call it a person):
        # a named outlet in the source phrase is the channel the attribution came by.
        outlet = outlet_in(sp.speaker, st.text, st.people, st.relays)
        if outlet is not None:
            sp.relayed = sp.relayed or outlet
            if outlet == sp.resolved:
                sp.kind, sp.who = "outlet", "outlet"


def _resolve_phrase(f: Found, phrase: Phrase, sp: _Speaker, st: _State, pos: int) -> bool:
    """Resolve a source by what its phrase names; False to leave it to the older rules."""
    if phrase.kind in ("organisation", "other") and phrase.span is not None:
        mention = st.people.person_in(phrase.span)
        if (
            mention is not None
            and phrase.span.contains(mention.span)
            and mention.span.end == phrase.span.end  # the name is the head, not a modifier
        ):
            # The entity layer knows a person where this parse saw none ("Ashby said").
            sp.resolved, sp.entity, sp.who = mention.name, mention.entity, "person"
            sp.kind = "name"
            return True
    if phrase.kind == "person" and phrase.name is not None and sp.kind != "pronoun":
        named = _named(st, phrase.name)
        sp.resolved, sp.entity, sp.who = named.name, named.entity, "person"
        sp.kind = "name"
        return True
    if phrase.kind in _UNNAMED and not (phrase.definite and not phrase.plural):
        _resolve_anonymous(sp, st, phrase)
        return True
    if phrase.kind == "document":
        return _resolve_document(phrase, sp, st, pos)
    if phrase.kind == "pronoun" and f.head_lemma in _PRONOUNS:
        cue = "" if f.cue is None else st.text[f.cue.start : f.cue.end].casefold()
        return _resolve_pronoun(f.head_lemma, sp, st, pos, answer=cue in REPLY_NOUNS)
    if phrase.kind == "pronoun" and _OF_THEM.fullmatch(f.speaker_text or ""):
        return _resolve_pronoun("them", sp, st, pos)  # "both of them saying ..."
    if phrase.kind in ("person", "group", *_UNNAMED) and phrase.definite and not phrase.described:
        if sp.kind == "role" and _by_role(f, sp, st, pos):
            return True
        return _resolve_definite(phrase, sp, st, pos)
    if phrase.kind == "group":
        sp.resolved, sp.who = phrase.text, "group"
        return True
    if (
        phrase.kind == "organisation"
        and phrase.definite
        and phrase.lemma in words("anaphoric_organisation_nouns")
        and not any(w[:1].isupper() for w in phrase.text.split()[1:])  # not "the X Committee"
    ):
        # "those firms": the bodies named together before; "the firm": the one named before.
        if phrase.plural and _take_conjoined(sp, st, pos):
            return True
        cand = antecedent(
            st.referents, pos, kinds=frozenset({"organisation"}), gender=None, plural=None,
            name_of=_name_of(st), last_speaker=None, named_only=True,
        )
        if cand is not None:
            _take(sp, cand, st)
            return True
    if phrase.kind == "organisation" and sp.kind not in ("outlet",):
        assert sp.speaker is not None
        sp.resolved, sp.who = _org_name(st, phrase.span or sp.speaker, phrase.text), "organisation"
        return True
    return False


def _take_conjoined(sp: _Speaker, st: _State, pos: int) -> bool:
    """Take the organisations named together before ``pos`` as the speaker ("Acme and Bolt")."""
    members = conjoined(st.referents, pos, kinds=frozenset({"organisation", "person"}))
    named = [st.people.around(r.span) for r in members]
    return _take_names(sp, [m.name or st.text[m.span.start : m.span.end] for m in named
                            if m is not None and m.label in ("ORG", "GPE", "NORP")],
                       "organisation")


def _take_pair(sp: _Speaker, st: _State, pos: int) -> bool:
    """"they" right after people named together ("John McCain and Jeff Flake had posts, both
    of them saying they hoped ..."): those people, when the pair stands in the same sentence."""
    members = conjoined(st.referents, pos, kinds=frozenset({"person"}), sentences=0)
    named = [st.people.around(r.span, persons=True) for r in members]
    # Full names only: a pair is named in full where it is introduced.
    return _take_names(sp, [m.name for m in named if m is not None and " " in m.name], "group")


def _take_names(sp: _Speaker, names: Sequence[str], who: SpeakerKind) -> bool:
    # Two or more names as one speaker ("A, B and C"); False, taking nothing, for fewer.
    names = list(dict.fromkeys(names))
    if len(names) < 2:
        return False
    sp.resolved = f"{', '.join(names[:-1])} and {names[-1]}"
    sp.who = who
    return True


def _name_of(st: _State) -> NameOf:
    """Resolves a person referent to the person it names, following definite phrases ("the
    congressman") and pronouns back to the person they stand for; memoised per article."""
    seen = st.named

    def name_of(ref: Referent) -> Named | None:
        if ref.span.start in seen:
            return seen[ref.span.start]
        seen[ref.span.start] = None  # guards against cycles
        out: Named | None = None
        name_span = ref.phrase.name
        if name_span is not None:
            out = _named(st, name_span)
        elif ref.phrase.kind == "pronoun" or (
            ref.phrase.definite and not ref.phrase.described and ref.phrase.kind == "person"
        ):
            kinds, gender, _plural = pronoun_wants(ref.phrase.lemma)
            if ref.phrase.kind != "pronoun":
                kinds, gender = frozenset({"person", "pronoun"}), ref.phrase.gender
            cand = antecedent(
                st.referents, ref.span.start, kinds=kinds & _PERSONS, gender=gender,
                plural=False, name_of=name_of, last_speaker=None, clause=ref.clause,
                like=None if ref.phrase.kind == "pronoun" else ref.phrase,
            )
            if cand is not None and cand.name is not None:
                out = Named(cand.name, cand.entity, cand.gender, cand.certain)
        seen[ref.span.start] = out
        return out

    return name_of


def _named(st: _State, name_span: Span) -> Named:
    """The person a name stands for, with the gender its title or first name gives."""
    named = st.people.person_in(name_span)
    before = st.text[max(0, name_span.start - 6) : name_span.start].split()
    title = word_gender(before[-1]) if before else None
    if named is not None:
        name, entity = named.name, named.entity
    else:
        # A first-and-last name the NER missed (or took for an organisation here).
        name = clean_name(st.text[name_span.start : name_span.end])
        same = next((p for p in st.people.persons if p.name == name), None)
        entity = same.entity if same else None
    if named is None:
        # A surname alone: the person of that surname named in full elsewhere.
        full = st.people.by_surname(name)
        if full is not None:
            name, entity = full.name, full.entity
    if title is not None:
        return Named(name, entity, title, True)
    return Named(name, entity, name_gender(name), False)


def _resolve_pronoun(
    pronoun: str, sp: _Speaker, st: _State, pos: int, *, answer: bool = False
) -> bool:
    kinds, gender, plural = pronoun_wants(pronoun)
    if pronoun.casefold() in ("they", "them", "their") and _take_pair(sp, st, pos):
        return True
    last = st.last.resolved if st.last is not None else None
    cand = antecedent(
        st.referents, pos, kinds=kinds, gender=gender, plural=plural,
        name_of=_name_of(st), last_speaker=last, answer=answer,
    )
    if cand is None:
        return False
    _take(sp, cand, st)
    return sp.resolved is not None


def _resolve_definite(phrase: Phrase, sp: _Speaker, st: _State, pos: int) -> bool:
    """"the congressman", "the senators", "the spokesperson": the referent they point back to."""
    kinds = frozenset({"group", "person"}) if phrase.kind == "group" else frozenset(
        {"person", *_UNNAMED}
    )
    last = st.last.resolved if st.last is not None else None
    cand = antecedent(
        st.referents, pos, kinds=kinds, gender=phrase.gender, plural=phrase.plural,
        name_of=_name_of(st), last_speaker=last, like=phrase,
    )
    if cand is None:
        if phrase.kind == "group":
            sp.resolved, sp.who = phrase.text, "group"
            return True
        return False
    if phrase.kind == "group" and cand.ref.phrase.kind != "group":
        # The group as the text first names it, without the members it lists.
        sp.resolved = re.split(r"\s+[\u2014\u2013-]+\s+|,\s+", cand.ref.phrase.text)[0]
        sp.who = "group"
        return True
    _take(sp, cand, st)
    return sp.resolved is not None


def _take(sp: _Speaker, cand: Candidate, st: _State) -> None:
    """Take a referent's identity as the speaker's."""
    ph = cand.ref.phrase
    if cand.name is not None:
        sp.resolved, sp.entity, sp.who = cand.name, cand.entity, "person"
    elif ph.kind in _UNNAMED:
        sp.resolved, sp.anonymous, sp.who = ph.text, True, ph.kind  # type: ignore[assignment]
        sp.affiliation = ph.affiliation
    elif ph.kind == "group":
        sp.resolved, sp.who = ph.text, "group"
    elif ph.kind == "organisation":
        sp.resolved, sp.who = _org_name(st, ph.span or cand.ref.span, ph.text), "organisation"
    elif ph.kind == "document" and ph.author is not None:
        _take_author(sp, ph.author, st)


def _resolve_document(phrase: Phrase, sp: _Speaker, st: _State, pos: int) -> bool:
    """"a statement from X", "the suit says": the document speaks for whoever issued it."""
    author = phrase.author
    if author is None and phrase.definite:
        # A document stays in view longer than a person: "the statement" three paragraphs on.
        cand = antecedent(
            st.referents, pos, kinds=frozenset({"document"}), gender=None, plural=None,
            name_of=_name_of(st), last_speaker=None, like=phrase, sentences=2 * WINDOW,
        )
        author = None if cand is None else cand.ref.phrase.author
    sp.who = "document"
    if author is None:
        return False
    _take_author(sp, author, st)
    sp.who = "document"
    return sp.resolved is not None


def _take_author(sp: _Speaker, author: Phrase, st: _State) -> None:
    if author.kind == "person" and author.name is not None:
        named = st.people.person_in(author.name)
        name = named.name if named else clean_name(st.text[author.name.start : author.name.end])
        sp.resolved, sp.entity = name, named.entity if named else None
        sp.affiliation = name
        return
    if author.kind in ("organisation", "group", "outlet", *_UNNAMED):
        sp.resolved = _strip_the(author.text)
        sp.affiliation = author.affiliation or sp.resolved


def _by_role(f: Found, sp: _Speaker, st: _State, pos: int) -> bool:
    hit = st.people.by_role(f.head_lemma, f.modifiers, pos)
    if hit is None:
        return False
    sp.resolved, sp.entity, sp.who = hit.name, hit.entity, "person"
    return True


def _org_name(st: _State, span: Span, text: str) -> str:
    """An organisation's name as the entity layer has it (which links "the NRA" to "National
    Rifle Association"), else the phrase without its article."""
    named = st.people.named_in(span)
    if (
        named is not None
        and named.label in ("ORG", "GPE", "NORP")
        and named.name
        and _same_body(named.name, st.text[named.span.start : named.span.end])
    ):
        return named.name
    return _strip_the(text)


def _same_body(name: str, mention: str) -> bool:
    """Whether an entity's name plausibly names what the mention says: a word in common, or one
    the other's acronym ("NRA", "National Rifle Association")."""
    a = {w.casefold() for w in re.findall(r"[A-Za-z]{3,}", name)}
    b = {w.casefold() for w in re.findall(r"[A-Za-z]{3,}", mention)}
    if a & b:
        return True

    def initials(x: str) -> str:
        return "".join(w[0] for w in re.findall(r"[A-Za-z]+", x) if w[0].isupper())

    def letters(x: str) -> str:
        return re.sub(r"[^A-Z]", "", x)

    return bool(letters(mention)) and (
        letters(mention) == initials(name) or letters(name) == initials(mention)
    )


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip())


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
        # The antecedent is the head of the name ("Senator Tom Reyes, who said"): the
        # person whose name holds it.
        named = people.person_in(f.antecedent) or people.around(f.antecedent, persons=True)
        if named is not None:
            sp.resolved, sp.entity = named.name, named.entity
        else:
            # "critics who called the plan a waste", "the Register, which described him
            # as ...": the group or body the pronoun follows.
            ref = st.referents.at(f.antecedent)
            if ref is not None and ref.phrase.kind in ("group", "organisation", *_UNNAMED):
                _take(sp, Candidate(ref, None, None, None), st)
    elif kind_s == "role":
        hit = people.by_role(f.head_lemma, f.modifiers, cue_pos)
        if hit is not None:
            sp.resolved, sp.entity = hit.name, hit.entity
        elif st.last_person is not None and st.last_person[2].start >= prev_para_start:
            # A definite role phrase right after a named speaker refers back to them.
            sp.resolved, sp.entity = st.last_person[0], st.last_person[1]


def _resolve_anonymous(sp: _Speaker, st: _State, phrase: Phrase | None) -> None:
    """"anonymous sources at Bloomberg": unnamed people, relayed by the outlet."""
    assert sp.speaker is not None
    sp.anonymous = True
    sp.resolved = st.text[sp.speaker.start : sp.speaker.end]
    if phrase is not None and phrase.kind in _UNNAMED:
        sp.who, sp.affiliation = phrase.kind, phrase.affiliation  # type: ignore[assignment]
    sp.relayed = sp.relayed or outlet_in(sp.speaker, st.text, st.people, st.relays)
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
    outlet = outlet_in(sp.speaker, text, st.people, st.relays)
    if outlet is not None:
        sp.relayed = sp.relayed or outlet
        sp.resolved = outlet
        sp.who = "outlet"
        st.last_outlet = outlet
    elif sp.kind == "outlet" and st.last_outlet is not None:
        sp.relayed = sp.relayed or st.last_outlet
        sp.resolved = st.last_outlet
        sp.who = "outlet"
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
        speaker_kind=sp.who if sp.resolved is not None or sp.who == "document" else None,
        speaker_affiliation=sp.affiliation,
    )


def continuation_order(found: Sequence[Found], paragraphs: Sequence[int], text: str) -> list[Found]:
    """Records in text order, except that a quotation no cue claims, standing inside a paragraph
    after narration and before the paragraph's first attribution, is resolved right after that
    attribution ('The comment was "the latest low." It was "a contrast," X said': X's words)."""
    items = sorted(found, key=lambda f: (f.span.start, f.span.end))
    out: list[Found] = []
    waiting: list[tuple[int, Found]] = []
    for f in items:
        para = para_of(paragraphs, f.span.start)
        # A paragraph gone by without an attribution: its quotations continue as usual.
        out.extend(w for p, w in waiting if p != para)
        waiting = [(p, w) for p, w in waiting if p == para]
        opens = not text[para : f.content.start].strip()
        if f.speaker_kind == "continued" and not opens and not any(
            para_of(paragraphs, g.span.start) == para and g.speaker_kind != "continued"
            for g in out
        ):
            waiting.append((para, f))
            continue
        out.append(f)
        if f.speaker_kind != "continued" and f.speaker is not None:
            out.extend(w for p, w in waiting if p == para)
            waiting = [(p, w) for p, w in waiting if p != para]
    out.extend(w for _, w in waiting)
    return out


_UNNAMED = ("anonymous", "spokesperson", "official")
_PERSONS = frozenset({"person", "pronoun"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "their", "it", "its"})
_OF_THEM = re.compile(r"(?:both|all|each|either|neither|some|most)\s+of\s+them", re.I)
_PREP_WORD = re.compile(r"\b(?:at|in|of|for|from|with|by|near|on|to|about)\b", re.IGNORECASE)


def _span_keys(*spans: Span | None) -> list[str]:
    """``start:end`` per span (``-`` for a missing one), for annotation ids."""
    return [f"{s.start}:{s.end}" if s is not None else "-" for s in spans]


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
    window = para_of(paragraphs, max(para_of(paragraphs, pos) - 1, 0))
    window = para_of(paragraphs, max(window - 1, 0))
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


def attributions_from_doc(
    doc: Doc,
    *,
    article_id: str = "",
    offset: int = 0,
    text: str | None = None,
    cues: frozenset[str] = CUE_VERBS,
    learned: bool = True,
    tagger: CueTagger | None = None,
) -> list[Attribution]:
    """Extract and resolve attributions from one parsed text (spaCy ``Doc``).

    A convenience for a single block (evaluation, tests); the stage handles several blocks.

    Args:
        doc: a parsed spaCy ``Doc``.
        article_id: id used for annotation ids.
        offset: the doc's start in ``text``.
        text: the full article text (defaults to ``doc_text(doc)``).
        cues: cue verb lemmas.
        learned: also use the learned tagger and filter (``learned``).
        tagger: the learned models (default: the shipped ones).

    Returns:
        Resolved attributions in text order.
    """
    full = doc_text(doc) if text is None else text
    quotes = find_quotes(doc_text(doc), offset=offset)
    found = find_attributions(
        doc, offset=offset, cues=cues, quotes=quotes, learned=learned, tagger=tagger
    )
    people = PersonIndex.from_docs([(offset, doc)])
    referents = collect_referents([(offset, doc)], quotes, [m.span for m in people.persons])
    return resolve_attributions(
        found,
        text=full,
        article_id=article_id,
        people=people,
        quotes=quotes,
        referents=referents,
    )

