"""Noun cues (``his claim that X``, ``criticism of Y``) and ``In a poll, ...`` sources."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from rashomon.extract.article.attributions.found import Found, char_span
from rashomon.extract.article.attributions.quotes import quote_kind, widen_to_quotes
from rashomon.extract.article.attributions.sources import describe_source, source_span
from rashomon.extract.article.attributions.vocab import CUE_VERBS, IN_SOURCES, IN_STANCES
from rashomon.model import Span
from rashomon.nlp.pipelines import doc_text


def _that_clause(noun: Token) -> Token | None:
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


def _medium_verb(noun: Token) -> Token | None:
    """The cue verb of ``said in a statement``, when ``noun`` is the statement."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "through", "via"):
        return None
    verb = prep.head
    if verb.tag_.startswith("VB") and verb.lemma_.lower() in CUE_VERBS:
        return verb
    return None


def that_clause_of_medium(verb: Token) -> Token | None:
    """``said in a statement that X``: the parser hangs X on the statement, not the verb."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.i > verb.i:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and _medium_verb(pobj) is not None:
                    clause = _that_clause(pobj)
                    if clause is not None:
                        return clause
    return None


def noun_attribution(noun: Token, quotes: Sequence[Span]) -> Found | None:
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
        content = char_span(doc, comp.left_edge.i, comp.right_edge.i + 1)
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
        content = char_span(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
    if content is None:
        return None
    content = widen_to_quotes(content, quotes, doc_text(doc))
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
    speaker = None if src is None else char_span(doc, src.left_edge.i, src.right_edge.i + 1)
    kind_s, head_lemma, mods = ("other", "", ()) if src is None else describe_source(src)
    if speaker is not None and doc_text(doc)[speaker.end - 2 : speaker.end] in ("'s", "’s"):
        speaker = Span(speaker.start, speaker.end - 2)
    return Found(
        kind=quote_kind(content, quotes),
        content=content,
        cue=Span(noun.idx, noun.idx + len(noun.text)),
        speaker=speaker,
        speaker_text=None if speaker is None else doc_text(doc)[speaker.start : speaker.end],
        speaker_kind=kind_s if speaker is not None else "other",
        head_lemma=head_lemma,
        modifiers=mods,
    )


def in_source(prep: Token, quotes: Sequence[Span], cues: frozenset[str]) -> Found | None:
    """``In a Fox poll, Cruz had 38 percent``: the poll is the source, ``in`` the cue."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    if prep.lower_ == "for":
        # "For expert X, this was extraordinary": a stance of a named person.
        if pobj.ent_type_ != "PERSON" or prep.i != prep.sent.start:
            return None
    elif pobj.lemma_.lower() not in IN_SOURCES:
        return None
    elif (
        pobj.tag_ == "NNS"
        and pobj.lemma_.lower() in ("poll", "survey")
        and all(c.dep_ == "det" and c.lower_ == "the" for c in pobj.children)
    ):
        # "Clinton leads in the polls": polls in general are no source ("in some polls in
        # Florida", "in snap polls taken after the debate" name theirs).
        return None
    doc = prep.doc
    sent = prep.sent
    lo, hi = prep.i, pobj.right_edge.i + 1
    if lo - sent.start <= 1:
        content = char_span(doc, hi, sent.end)
    elif sent.end - hi <= 2:
        content = char_span(doc, sent.start, lo)
    elif pobj.lemma_.lower() in ("poll", "survey", "words", "view"):
        # 'X leads by 8 points in a Fox poll, ...': the sentence around it (brat: fragments).
        content = char_span(doc, sent.start, sent.end)
    else:
        return None
    src = char_span(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
    src_tok = pobj
    setting = prep.lower_ == "in" and pobj.lemma_.lower() not in IN_STANCES
    if setting:
        # "In a speech in Ohio, Clinton laid out X": the speech is the setting; the one who
        # gave it, the subject of the clause, is the source.
        subj = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.i < hi or subj.pos_ not in ("PROPN", "PRON"):
            return None
        src_tok = subj
        src = source_span(subj)
    if content is None or src is None or len(content) < 10:
        return None
    if sent.root.tag_.startswith("VB") and sent.root.lemma_.lower() in cues:
        # "In a statement, X said ...": the verb carries the attribution.
        return None
    content = widen_to_quotes(content, quotes, doc_text(doc))
    mods: tuple[str, ...] = ()
    if not setting:
        kind_s = "name" if any(t.ent_type_ == "PERSON" for t in pobj.subtree) else "other"
        head_lemma = pobj.lemma_.lower()
    else:
        kind_s, head_lemma, mods = describe_source(src_tok)
    return Found(
        kind=quote_kind(content, quotes),
        content=content,
        cue=Span(prep.idx, prep.idx + len(prep.text)),
        speaker=src,
        speaker_text=doc_text(doc)[src.start : src.end],
        speaker_kind=kind_s,
        head_lemma=head_lemma,
        modifiers=mods,
    )

