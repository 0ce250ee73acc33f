"""Cue verbs: a reporting verb with its subject as the source and its clause (or an adjacent
quotation) as the content."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from rashomon.extract.article.attributions.according import relay_in_sentence
from rashomon.extract.article.attributions.found import (
    Found,
    char_span,
    is_punct,
    is_quote_tok,
    rstrip_at,
    tok_span,
)
from rashomon.extract.article.attributions.nouns import that_clause_of_medium
from rashomon.extract.article.attributions.quotes import quote_kind, widen_to_quotes
from rashomon.extract.article.attributions.sources import describe_source, source_span, subject
from rashomon.extract.article.attributions.vocab import (
    CLAUSE_ONLY,
    CUE_PREPS,
    CUE_VERBS,
    FILLERS,
    IDIOMS,
    PAIRING_VERBS,
    PHRASAL,
    RECIPIENT_VERBS,
)
from rashomon.lexicon import table
from rashomon.model import Span
from rashomon.nlp.pipelines import doc_text


def cue_span(verb: Token) -> Span:
    """The cue verb with its auxiliaries, negation and particle (``has not pointed out``)."""
    has_aux = any(p.dep_ in ("aux", "auxpass") for p in verb.children)
    parts = [verb]
    doc = verb.doc
    for child in verb.children:
        before = child.i < verb.i
        if before and any(is_quote_tok(t) for t in doc[child.i : verb.i]):
            continue  # '"... Probably not," she said': the parser's "not" is quoted words
        if (
            (child.dep_ in ("aux", "auxpass", "neg") and before)
            or (child.dep_ == "prt" and child.i == verb.i + 1)
            or (child.dep_ == "advmod" and before and has_aux)
        ):
            parts.append(child)
    first = min(p.i for p in parts)
    last = max(p.i for p in parts)
    return Span(doc[first].idx, doc[last].idx + len(doc[last].text))


def verb_attribution(verb: Token, quotes: Sequence[Span]) -> Found | None:
    """The attribution a cue verb heads: its content, cue span and literal source, if any."""
    lemma = verb.lemma_.lower()
    if lemma in FILLERS and (
        verb.dep_ == "parataxis"
        or any(c.dep_ == "nsubj" and c.lower_ == "you" for c in verb.children)
    ):
        # "..., you know, ...", "I think" as an aside: fillers, not reports.
        return None
    text = doc_text(verb.doc)
    # The parser runs over line breaks; a complement in another paragraph is a misparse.
    para_lo = text.rfind("\n", 0, verb.idx) + 1
    para_hi = text.find("\n", verb.idx)
    para_hi = len(text) if para_hi < 0 else para_hi
    kids = [c for c in verb.children if para_lo <= c.idx < para_hi]
    content, parenthetical = _clause_content(verb, quotes, kids, para_hi)
    prep_cue = None
    if content is None:
        content, prep_cue = _fallback_content(verb, quotes, kids)
    if content is None:
        return None

    content = widen_to_quotes(content, quotes, text)
    cue = cue_span(verb)
    if prep_cue is not None:
        cue = Span(cue.start, max(cue.end, prep_cue.idx + len(prep_cue.text)))
    if content.overlaps(cue) and not parenthetical:
        return None
    source = verb_source(verb, content, parenthetical=parenthetical)
    if source is None and lemma in CLAUSE_ONLY and verb.dep_ not in ("ROOT",):
        return None
    if source is None and prep_cue is not None:
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
    found = Found(
        kind=quote_kind(content, quotes),
        content=content,
        cue=cue,
        relay=relay_in_sentence(verb.sent, text),
        clause=cue_clause(verb, content, quotes) if content.end <= cue.start else None,
    )
    return found if source is None else replace(found, **source)


def _clause_content(
    verb: Token, quotes: Sequence[Span], kids: Sequence[Token], para_hi: int
) -> tuple[Span | None, bool]:
    """The clause a cue verb reports, from the parse, and whether the cue is parenthetical.

    Tried in order: a ``ccomp`` clause, ``said in a statement that X``, a colon, a cue hanging
    off its content (``X, he said``), an ``as X said`` aside, an ``xcomp``, a direct object.
    """
    doc = verb.doc
    lemma = verb.lemma_.lower()
    comp = [c for c in kids if c.dep_ in ("ccomp", "csubj")]
    xcomp = [c for c in kids if c.dep_ == "xcomp"]
    idiom = IDIOMS.get(lemma, frozenset())
    # "as X put it": the idiom's object is part of the cue.
    dobj = [c for c in kids if c.dep_ in ("dobj", "oprd", "attr") and c.lower_ not in idiom]
    colon = _colon_after(verb)
    if comp and dobj and lemma not in RECIPIENT_VERBS and _relative_of(comp[-1], dobj[0]):
        # "announced her decision to veto legislation on Wednesday that would have allowed
        # ...": the parser hangs the object's relative clause off the cue as its complement.
        lo, hi = dobj[0].left_edge.i, comp[-1].right_edge.i + 1
        return char_span(doc, lo, _before_trailing_cue(doc, lo, hi)), False
    if comp:
        return _comp_content(verb, comp), False
    if (that := that_clause_of_medium(verb)) is not None:
        return char_span(doc, that.left_edge.i, that.right_edge.i + 1), False
    if colon is not None:
        return _after_colon(doc, colon, quotes), False
    if _hangs_off_content(verb) and verb.head.i < verb.i:
        # Quote first, then "he said": the verb hangs off the quoted clause.
        head = verb.head
        left = min(t.i for t in head.subtree)
        right = min(t.i for t in verb.subtree)
        return char_span(doc, left, right), False
    if _hangs_off_content(verb):
        # "The plan, he said, is dead": a parenthetical cue inside its content; the content
        # is the covering span of the clause (brat records it as two fragments).
        head = verb.head
        return char_span(doc, head.left_edge.i, head.right_edge.i + 1), True
    if _as_clause(verb, dobj):
        return _as_content(verb)
    if xcomp:
        x = xcomp[0]
        hi = x.right_edge.i + 1
        return char_span(doc, x.left_edge.i, _before_trailing_cue(doc, x.i, hi)), False
    if dobj and lemma in RECIPIENT_VERBS and _adjacent_quote(verb, quotes) is not None:
        # '"...," X told a journalist': the object is the listener, the quote the content.
        return _adjacent_quote(verb, quotes), False
    if dobj and lemma not in CLAUSE_ONLY:
        toks: list[Token] = []
        for d in dobj:
            toks.extend(d.subtree)
        for c in verb.children:
            # "called them X", "characterized him as X": the predicate belongs to the content.
            if c.dep_ in ("oprd", "xcomp") or (
                c.dep_ == "prep" and c.lower_ == "as" and c.idx < para_hi
            ):
                toks.extend(c.subtree)
            elif (
                c.dep_ == "prep"
                and c.lower_ in ("of", "for")
                and c.idx < para_hi
                and any(d.i < c.i for d in dobj)
            ):
                # "accused X of Y", "praised X for Y": what X is charged with is said too.
                toks.extend(c.subtree)
            elif (
                c.dep_ == "prep"
                and c.lower_ in ("to", "with")
                and lemma in PAIRING_VERBS
                and c.idx < para_hi
                and any(d.i < c.i for d in dobj)
            ):
                # "likened the rules to X": what the object is likened to is said too.
                toks.extend(c.subtree)
        lo = min(t.i for t in toks)
        hi = _before_trailing_cue(doc, lo, max(t.i for t in toks) + 1)
        return char_span(doc, lo, hi), False
    return None, False


def _relative_of(clause: Token, obj: Token) -> bool:
    """Whether a complement clause after the object is the object's relative clause: its
    subject is a relative pronoun (``that would have allowed``), not a clause's own subject
    (``that taxes would rise``, where "that" only marks the clause)."""
    return obj.i < clause.i and any(
        k.dep_ in ("nsubj", "nsubjpass") and k.tag_ == "WDT" and k.i < clause.i
        for k in clause.children)


def _comp_content(verb: Token, comp: Sequence[Token]) -> Span | None:
    """The ``ccomp`` clause of a cue verb, without the relative pronoun or a trailing cue."""
    doc = verb.doc
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
        hi = _predicate_after(comp, c, hi)
    return char_span(doc, min(t.i for t in inside), hi)


def _predicate_after(comp: Sequence[Token], c: Token, hi: int) -> int:
    """Where the content ends when the parser split off its predicate: "told them that
    accusations that she had misled Congress were false" reads "were false" as a second,
    subjectless complement of the cue; the subject clause before it and it are one content.
    """
    doc = c.doc
    for c2 in comp:
        between = doc[hi : c2.left_edge.i]
        if (c2.i > c.i and c2.left_edge.i >= hi
                and all(t.is_punct or t.is_quote for t in between)
                and not any(k.dep_ in ("nsubj", "nsubjpass", "expl") for k in c2.children)):
            return c2.right_edge.i + 1
    return hi


def _as_content(verb: Token) -> tuple[Span | None, bool]:
    """The clause an ``as X said`` aside sits in, and whether the aside is inside it.

    "Hawaii, as one adviser pointed out, rarely gets two hurricanes": the clause the aside sits
    in is the content (covering span, like a parenthetical "he said").
    """
    doc = verb.doc
    text = doc_text(doc)
    head = verb.head
    lo = text.rfind("\n", 0, verb.idx) + 1
    first = next(t for t in head.subtree if t.idx >= lo).i
    last = head.right_edge.i
    aside = (verb.left_edge.i, verb.right_edge.i)
    if aside[0] <= first + 1:
        return char_span(doc, aside[1] + 1, last + 1), False  # "As X noted, Y"
    if all(is_punct(t) for t in doc[aside[1] + 1 : last + 1]):
        return char_span(doc, first, aside[0]), False  # "Y, as X noted."
    return char_span(doc, first, last + 1), True


def _fallback_content(
    verb: Token, quotes: Sequence[Span], kids: Sequence[Token]
) -> tuple[Span | None, Token | None]:
    """Content when the parse gives no clause: an adjacent quotation, the clause before a
    comma, a one-word answer, a passive subject, or the object of a cue preposition (returned
    with the preposition, which joins the cue)."""
    doc = verb.doc
    lemma = verb.lemma_.lower()
    content = _adjacent_quote(verb, quotes)
    if content is None:
        content = _content_before_comma(verb)
    if content is None:
        # '46 percent said yes': a one-word answer is the content.
        answer = next((c for c in kids if c.dep_ == "intj" and c.i > verb.i), None)
        if answer is not None:
            content = char_span(doc, answer.left_edge.i, answer.right_edge.i + 1)
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
            content = char_span(doc, subjpass.left_edge.i, subjpass.right_edge.i + 1)
    if content is None and lemma not in CLAUSE_ONLY:
        # "talked about X", "warned of X", "called for X": the object of the preposition.
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in CUE_PREPS and c.i > verb.i:
                if c.lower_ == "to" and lemma in ("speak", "talk"):
                    continue  # "spoke to reporters": the listeners, not what was said
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    return char_span(doc, pobj.left_edge.i, pobj.right_edge.i + 1), c
    return content, None


def verb_source(verb: Token, content: Span, *, parenthetical: bool) -> dict[str, Any] | None:
    """The literal source of a cue verb as :class:`Found` fields, or None when it has none."""
    lemma = verb.lemma_.lower()
    subj = None if lemma in ("seem", "appear") else subject(verb)
    if subj is None:
        return None
    speaker: Span | None
    kind_s, head_lemma = "other", ""
    mods: tuple[str, ...] = ()
    antecedent = None
    if verb.dep_ == "relcl" and subj.i == verb.head.i:
        # "Bortnikov, who briefed...": the relative pronoun is the literal source.
        rel = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        antecedent = tok_span([subj])
        if rel is not None:
            speaker = tok_span([rel])
            kind_s, head_lemma = "relative", rel.lower_
        else:
            speaker = source_span(subj)
            kind_s, head_lemma, mods = describe_source(subj)
    else:
        speaker = source_span(subj, verb)
        kind_s, head_lemma, mods = describe_source(subj)
        if kind_s == "relative" and subj.head.dep_ == "relcl":
            antecedent = tok_span([subj.head.head])
    if speaker is None or (speaker.overlaps(content) and not parenthetical):
        return None
    return {
        "speaker": speaker,
        "speaker_text": doc_text(verb.doc)[speaker.start : speaker.end],
        "speaker_kind": kind_s,
        "head_lemma": head_lemma,
        "modifiers": mods,
        "antecedent": antecedent,
    }


def cue_clause(verb: Token, content: Span, quotes: Sequence[Span]) -> Span | None:
    """The reporting clause after a quotation, up to the next quotation on the line."""
    text: str = doc_text(verb.doc)
    line_end = text.find("\n", verb.idx)
    stop = len(text) if line_end < 0 else line_end
    stop = min([stop] + [q.start for q in quotes if q.start > verb.idx])
    toks = [t for t in verb.subtree if content.end <= t.idx < stop and not is_punct(t)]
    if not toks:
        return None
    return Span(min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))


def _content_before_comma(verb: Token) -> Span | None:
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
    return char_span(doc, sent.start, j)


def _hangs_off_content(verb: Token) -> bool:
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


def _in_subtree(tok: Token, root: Token, *, exclude: Token) -> bool:
    """Whether ``tok`` is in ``root``'s subtree outside ``exclude``'s subtree."""
    return bool(
        tok.is_ancestor(root) is False
        and root.is_ancestor(tok)
        and not (exclude.i == tok.i or exclude.is_ancestor(tok))
    )


def _colon_after(verb: Token) -> Token | None:
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


def _before_trailing_cue(doc: Doc, start: int, end: int) -> int:
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


def _as_clause(verb: Token, dobj: Sequence[Token]) -> bool:
    """Whether a cue verb heads an ``as X said`` aside on another clause.

    Not when the verb has a content of its own: "was emotional as she called for X".
    """
    return (
        verb.dep_ == "advcl"
        and not dobj
        and verb.head.i != verb.i
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and not any(
            c.dep_ == "xcomp"
            or (c.dep_ == "prep" and c.lower_ in CUE_PREPS and c.i > verb.i and any(c.children))
            for c in verb.children
        )
    )


def _after_colon(doc: Doc, colon: Token, quotes: Sequence[Span]) -> Span | None:
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
        return Span(nxt, rstrip_at(text, stop)) if stop > nxt else None
    sent_end = colon.sent.end
    return char_span(doc, colon.i + 1, sent_end)


def _adjacent_quote(verb: Token, quotes: Sequence[Span]) -> Span | None:
    """A quotation right before the cue clause (``"...," Peskov said``) or right after it."""
    doc = verb.doc
    text = doc_text(doc)
    clause = [t for t in verb.subtree if not is_quote_tok(t) and not t.is_space]
    # Words of a quotation before the verb that the parser hung on it ('"... Probably not,"
    # she said') are not the cue clause, unless the verb is quoted itself or the quotation
    # is its only subject ('"Today" show host...': a title, not a statement).
    def quoted(t: Token) -> bool:
        return any(q.start <= t.idx and t.idx + len(t.text) <= q.end for q in quotes)

    speaker = any(c.dep_ in ("nsubj", "nsubjpass") and not quoted(c) for c in verb.children)
    if speaker and not any(q.start <= verb.idx < q.end for q in quotes):
        unquoted = [t for t in clause if t.i > verb.i or not quoted(t)]
        clause = unquoted or clause
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


def is_idiom(tok: Token) -> bool:
    """Whether a verb reports speech through a fixed phrase (``as X put it``) or with its
    particle (``batting down allegations``)."""
    objects = IDIOMS.get(tok.lemma_.lower())
    if objects is not None and any(c.dep_ == "dobj" and c.lower_ in objects
                                   for c in tok.children):
        return True
    particles = PHRASAL.get(tok.lemma_.lower())
    # The parser reads "back" in "pushed back on" as an adverb as often as a particle.
    if particles is None or not any(c.dep_ in ("prt", "advmod") and c.i == tok.i + 1
                                    and c.lower_ in particles for c in tok.children):
        return False
    # What is answered: a statement named as the object ("batting down allegations"), or
    # the object of "on", "against" or "at" ("pushed back on claims"); "pushed back the
    # vote" postpones it.
    return any((c.dep_ == "dobj" and c.lemma_.lower() in _ANSWERED)
               or (c.dep_ == "prep" and c.lower_ in ("on", "against", "at"))
               for c in tok.children)


# What an answer names as what it answers ("allegations", "the report").
_ANSWERED = frozenset(str(w) for w in table("dispute_responses")["targets"])
