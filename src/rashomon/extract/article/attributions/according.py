"""``according to X`` attributions and the outlet a sentence names as its channel."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from rashomon.extract.article.attributions.found import Found, char_span
from rashomon.extract.article.attributions.quotes import widen_to_quotes
from rashomon.extract.article.attributions.sources import describe_source
from rashomon.extract.article.attributions.vocab import OUTLET_NAME
from rashomon.model import Span
from rashomon.nlp.pipelines import doc_text


def according_to(tok: Token) -> Token | None:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    return nxt


def according(tok: Token, quotes: Sequence[Span]) -> Found | None:
    doc = tok.doc
    to = according_to(tok)
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
    src = char_span(doc, min(t.i for t in src_toks), max(t.i for t in src_toks) + 1)
    if src is None:
        return None
    phrase_lo = tok.i
    phrase_hi = max(t.i for t in src_toks) + 1
    sent = tok.sent
    if phrase_lo - sent.start <= 1:
        content = char_span(doc, phrase_hi, sent.end)
    elif sent.end - phrase_hi <= 2:
        content = char_span(doc, sent.start, phrase_lo)
    else:
        # Mid-sentence: the content is the sentence around the phrase (two fragments in
        # brat), recorded as its covering span like a parenthetical "he said".
        content = char_span(doc, sent.start, sent.end)
        if content is not None and (content.start == src.start or content.end == src.end):
            return None
    if content is None or (content.overlaps(src) and not phrase_lo - sent.start > 1):
        return None
    content = widen_to_quotes(content, quotes, doc_text(doc))
    kind_s, head_lemma, mods = describe_source(pobj)
    if kind_s == "other" and OUTLET_NAME.search(doc_text(doc)[src.start : src.end]):
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


def relay_in_sentence(sent: TokenSpan, text: str) -> tuple[str, Span] | None:
    """An outlet the sentence names as its channel: ``according to X``, ``per X``."""
    for tok in sent:
        if tok.lower_ in ("according", "per", "citing") or (
            tok.lower_ == "by" and tok.i > sent.start and tok.nbor(-1).is_punct
        ):
            for ent in sent.ents:
                if ent.start > tok.i and ent.start - tok.i <= 4 and OUTLET_NAME.search(ent.text):
                    return clean_outlet(ent.text), Span(ent.start_char, ent.end_char)
    return None


def clean_outlet(name: str) -> str:
    name = re.sub(r"^(the|The)\s+", "", name.strip())
    return re.sub(r"['’]s$", "", name)

