"""Finding attributions in one parsed block: every finder in turn, then clipping and nesting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from rashomon.extract.article.attributions.according import according, according_to
from rashomon.extract.article.attributions.found import Found, mark_nested, shift
from rashomon.extract.article.attributions.learned import CueTagger, with_learned
from rashomon.extract.article.attributions.nouns import in_source, noun_attribution
from rashomon.extract.article.attributions.phrases import describe
from rashomon.extract.article.attributions.quotes import find_quotes
from rashomon.extract.article.attributions.surface import (
    attach_orphan_quotes,
    clip_to_paragraph,
    colon_lines,
    dash_credits,
    dash_quotes,
    quote_then_speaker,
    reply_quotes,
    speaker_before_cue,
)
from rashomon.extract.article.attributions.verbs import is_idiom, verb_attribution
from rashomon.extract.article.attributions.vocab import CUE_NOUNS, CUE_VERBS
from rashomon.model import Span
from rashomon.nlp.pipelines import doc_text


def find_attributions(
    doc: Doc,
    *,
    offset: int = 0,
    cues: frozenset[str] = CUE_VERBS,
    quotes: Sequence[Span] | None = None,
    learned: bool = True,
    tagger: CueTagger | None = None,
) -> list[Found]:
    """Find attributions in one parsed block of text.

    Args:
        doc: a spaCy ``Doc`` with a dependency parse (the block ``text[offset:...]``).
        offset: the block's start in the article text; added to every span.
        cues: lemmas of cue verbs.
        quotes: quotation spans (article offsets) in the block; found with
            :func:`find_quotes` when omitted.
        learned: also add what the learned cue tagger finds outside the rules' attributions
            (``learned``).
        tagger: the learned models (default: the shipped ones).

    Returns:
        The attributions in text order, with ``nested`` set for those inside another's content.
    """
    text: str = doc_text(doc)
    qspans = list(quotes) if quotes is not None else find_quotes(text, offset=offset)
    local_quotes = [Span(q.start - offset, q.end - offset) for q in qspans]
    found: list[Found] = []
    used_cues: set[int] = set()

    found.extend(dash_quotes(doc, local_quotes, cues, used_cues))
    found.extend(colon_lines(doc, local_quotes))
    found.extend(dash_credits(doc, local_quotes))
    for sent in doc.sents:
        for tok in sent:
            if tok.i in used_cues:
                continue
            if tok.lower_ in ("in", "for") and tok.dep_ == "prep":
                item = in_source(tok, local_quotes, cues)
                if item is not None:
                    found.append(item)
                continue
            if tok.lower_ == "according" and according_to(tok) is not None:
                item = according(tok, local_quotes)
                if item is not None:
                    found.append(item)
                    used_cues.add(tok.i)
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in CUE_NOUNS:
                item = noun_attribution(tok, local_quotes)
                if item is not None:
                    found.append(item)
                continue
            if not tok.tag_.startswith("VB") or (
                tok.lemma_.lower() not in cues and not is_idiom(tok)
            ):
                continue
            item = verb_attribution(tok, local_quotes)
            if item is not None:
                found.append(item)
                used_cues.add(tok.i)
    found.extend(reply_quotes(doc, local_quotes))
    found.extend(quote_then_speaker(doc, local_quotes, cues, used_cues, found))

    found = [c for f in found if (c := clip_to_paragraph(f, text, local_quotes)) is not None]
    found = [speaker_before_cue(doc, f) if f.speaker is None and f.cue else f for f in found]
    found = attach_orphan_quotes(doc, found, local_quotes)
    if learned:
        found = with_learned(doc, found, local_quotes, tagger)
    found = [_with_phrase(doc, f, offset) for f in found]
    found = [shift(f, offset) for f in found]
    found.sort(key=lambda f: (f.span.start, f.span.end))
    return mark_nested(found)



def _with_phrase(doc: Doc, f: Found, offset: int) -> Found:
    """``f`` with what its source phrase names (block offsets in, article offsets out)."""
    if f.speaker is None or f.speaker_kind == "continued":
        return f
    span = doc.char_span(f.speaker.start, f.speaker.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return f
    return replace(f, phrase=describe(span.root, offset))
