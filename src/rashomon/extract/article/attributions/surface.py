"""Attributions read off the surface where the parse misses them: quotations followed by their
speaker, dialogue dashes, ``Name: text`` lines, dash credits, and quotations no cue claims."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from rashomon.extract.article.attributions.found import (
    Found,
    char_span,
    rstrip_at,
    tok_span,
)
from rashomon.extract.article.attributions.quotes import quote_kind
from rashomon.extract.article.attributions.sources import describe_source
from rashomon.extract.article.attributions.verbs import cue_clause, cue_span
from rashomon.extract.article.attributions.vocab import NOT_SPEAKERS, REPLY_NOUNS, ROLE_SYNONYMS
from rashomon.model import Span
from rashomon.nlp.pipelines import doc_text

# Parts of speech of a bare source phrase between a quotation and its cue verb.
_SOURCE_POS = frozenset(
    ["DET", "PROPN", "NOUN", "ADJ", "PRON", "NUM", "PART", "PUNCT", "ADP", "CCONJ"]
)


def quote_then_speaker(
    doc: Doc, quotes: Sequence[Span], cues: frozenset[str], used: set[int], found: list[Found]
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
        kind_s, head_lemma, mods = describe_source(head)
        if any(t.ent_type_ == "PERSON" for t in phrase):
            kind_s = "name"
        used.add(verb.i)
        out.append(
            Found(
                kind=quote_kind(q, quotes),
                content=q,
                cue=cue_span(verb),
                speaker=speaker,
                speaker_text=text[speaker.start : speaker.end],
                speaker_kind=kind_s,
                head_lemma=head_lemma,
                modifiers=mods,
                clause=cue_clause(verb, q, quotes),
            )
        )
    return out


def clip_to_paragraph(f: Found, text: str, quotes: Sequence[Span]) -> Found | None:
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


def speaker_before_cue(doc: Doc, f: Found) -> Found:
    """A bare noun phrase opening the cue's line is its source when the parse lost it.

    The parser sometimes attaches a line's subject to the previous paragraph.
    """
    assert f.cue is not None
    text: str = doc_text(doc)
    start = text.rfind("\n", 0, f.cue.start) + 1
    span = doc.char_span(start, f.cue.start, alignment_mode="contract")
    if span is None:
        return f
    toks: list[Token] = []
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
    kind_s, head_lemma, mods = describe_source(toks[-1])
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


# A transcript line may open with the quote mark that runs over the whole transcript.
_COLON_LINE = re.compile(r"(?m)^[ \t]*[\"“]?([A-Z][^:\n\d]{0,40}?):[ \t]+(\S[^\n]{10,})$")


def colon_lines(doc: Doc, quotes: Sequence[Span]) -> list[Found]:
    """``Name: statement`` lines (transcripts, headline attributions)."""
    text: str = doc_text(doc)
    out = []
    for m in _COLON_LINE.finditer(text):
        name = m.group(1).strip()
        if len(name.split()) > 5 or name.lower().replace("’", "'") in NOT_SPEAKERS:
            continue
        span = doc.char_span(m.start(1), m.start(1) + len(name), alignment_mode="expand")
        if span is None or not any(
            t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.text[:1].isupper()) for t in span
        ):
            continue
        if any(t.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ") for t in span):
            continue
        content = Span(m.start(2), rstrip_at(text, m.end(2)))
        speaker = Span(m.start(1), m.start(1) + len(name))
        person = any(t.ent_type_ == "PERSON" for t in span)
        out.append(
            Found(
                kind=quote_kind(content, quotes),
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


def dash_credits(doc: Doc, quotes: Sequence[Span]) -> list[Found]:
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


def dash_quotes(
    doc: Doc, quotes: Sequence[Span], cues: frozenset[str], used: set[int]
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
        content = Span(content.start, rstrip_at(text, content.end))
        subj = next((t for t in before if t.dep_ in ("nsubj", "nsubjpass")), before[-1])
        speaker = tok_span(before)
        assert speaker is not None
        kind_s, head_lemma, mods = describe_source(subj)
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            # The parser often misreads the dash; the head of the pre-verb words is the noun.
            head = before[-1]
            mods = tuple(t.lower_ for t in before[:-1] if t.lower_ not in ("the", "a", "an"))
            kind_s, head_lemma, _ = describe_source(head)
            if head.ent_type_ == "PERSON":
                kind_s = "name"
            elif head.lemma_.lower() in ROLE_SYNONYMS:
                kind_s = "role"
        used.add(verb.i)
        out.append(
            Found(
                kind="direct",
                content=content,
                cue=cue_span(verb),
                speaker=speaker,
                speaker_text=text[speaker.start : speaker.end],
                speaker_kind=kind_s,
                head_lemma=head_lemma,
                modifiers=mods,
            )
        )
    return out


def attach_orphan_quotes(doc: Doc, found: list[Found], quotes: Sequence[Span]) -> list[Found]:
    """Quotations that no cue claims continue the previous speaker (or the next one)."""
    text: str = doc_text(doc)
    out = list(found)
    for q in quotes:
        inside = [f for f in out if f.cue is not None and q.contains(f.cue)]
        if any(f.content.overlaps(q) and f not in inside for f in out):
            continue  # a cue inside the quotation ("the nagging doubts that...") is no owner
        if any(
            f.speaker is not None and f.cue is not None and text[f.cue.start : f.cue.end] == ":"
            for f in inside
        ):
            continue  # '"WALLACE: ...' lines: a transcript in quotation marks speaks for itself
        # Without its marks (a quotation left open at its paragraph's end has no closing one).
        inner = text[q.start + 1 : q.end].rstrip().rstrip("\"”»'’")
        # Scare quotes, titles ("shock") and quoted headings are not statements.
        if len(inner.split()) < 4 or not re.search(r"[.!?…,]\W*$", inner.strip()):
            continue
        out.append(Found(kind="direct", content=q, speaker_kind="continued"))
    return out



def reply_quotes(doc: Doc, quotes: Sequence[Span]) -> list[Found]:
    """``His response: "..."``: a quotation introduced by someone's reply, answer or retort."""
    text: str = doc_text(doc)
    out: list[Found] = []
    for q in quotes:
        before = doc.char_span(max(0, q.start - 40), q.start, alignment_mode="contract")
        if before is None:
            continue
        toks = [t for t in before if not t.is_space]
        if len(toks) < 2 or toks[-1].text != ":" or toks[-2].lemma_.lower() not in REPLY_NOUNS:
            continue
        noun = toks[-2]
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is None:
            continue
        speaker = char_span(doc, poss.left_edge.i, poss.i + 1)
        if speaker is None:
            continue
        if text[speaker.end - 2 : speaker.end] in ("'s", "’s"):
            speaker = Span(speaker.start, speaker.end - 2)
        kind_s, head_lemma, mods = describe_source(poss)
        out.append(
            Found(
                kind="direct",
                content=q,
                cue=Span(noun.idx, noun.idx + len(noun.text)),
                speaker=speaker,
                speaker_text=text[speaker.start : speaker.end],
                speaker_kind=kind_s,
                head_lemma=head_lemma,
                modifiers=mods,
            )
        )
    return out
