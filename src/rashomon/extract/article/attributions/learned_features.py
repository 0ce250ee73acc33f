"""Features of the learned attribution tagger: candidate cue tokens and their content options.

PolNeAR annotates more than speech: beliefs, intentions and actions of a source ("Clinton is
seizing on X", "Trump wants to build a wall", "the bill allows X"). Which verb of a sentence
does that is a matter of degree, so it is learned (``scripts/train_attribution_cues.py``) from
the parse: a cue classifier scores each candidate token, and a content classifier picks which
of the cue's dependents carries what is attributed. Both are linear models over the string
features built here; the spans themselves come from the parse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from rashomon.extract.article.attributions.found import Found, char_span
from rashomon.extract.article.attributions.sources import describe_source, subject
from rashomon.extract.article.attributions.vocab import CUE_NOUNS, CUE_VERBS
from rashomon.model import Span

__all__ = [
    "CANDIDATE_POS",
    "ContentOption",
    "content_features",
    "content_options",
    "cue_features",
    "is_candidate",
    "rule_features",
]

# Parts of speech a cue's head can have: verbs (and "be"/"have" statements), nouns of stance
# ("his opposition to X"), adjectives of attitude ("is clear that X").
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
# Dependents that can carry a cue's content.
_CONTENT_DEPS = frozenset(
    {
        "ccomp", "xcomp", "dobj", "prep", "acomp", "attr", "advcl", "oprd", "acl", "nsubj",
        "nsubjpass", "csubj", "dative", "pobj", "pcomp", "relcl", "conj", "agent", "npadvmod",
    }
)  # fmt: skip
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def is_candidate(tok: Token) -> bool:
    """Whether a token may head a cue: a content word with at least one possible content."""
    return tok.pos_ in CANDIDATE_POS and not tok.is_punct and len(tok.text) > 1


def _subject_features(tok: Token) -> list[str]:
    subj = subject(tok) if tok.pos_ in ("VERB", "AUX") else None
    if subj is None:
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None:
            return ["subj=none"]
        subj = poss
    kind, _lemma, _mods = describe_source(subj)
    out = [
        "subj=" + kind,
        "subj_pos=" + subj.pos_,
        "subj_ent=" + (subj.ent_type_ or "-"),
        "subj_dep=" + subj.dep_,
    ]
    if subj.pos_ == "PRON":
        out.append("subj_w=" + subj.lower_)
    else:
        out.append("subj_l=" + subj.lemma_.lower())
    out.append(f"l_subj={tok.lemma_.lower()}|{kind}")
    if subj.i > tok.i:
        out.append("subj_after")
    return out


def _morph_features(tok: Token) -> list[str]:
    out = []
    for key in ("Tense", "Aspect", "VerbForm", "Mood"):
        for value in tok.morph.get(key, []):
            out.append(f"m_{key}={value}")
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass") and c.i < tok.i:
            out.append("aux=" + c.lemma_.lower())
        elif c.dep_ == "neg":
            out.append("neg")
    return out


def cue_features(tok: Token, in_quote: bool) -> list[str]:
    """String features of a candidate cue token (its word, its place in the parse, its
    subject and complements, tense and modality, neighbours)."""
    lemma = tok.lemma_.lower()
    doc = tok.doc
    feats = [
        "bias",
        "l=" + lemma,
        "p=" + tok.pos_,
        "t=" + tok.tag_,
        "d=" + tok.dep_,
        f"ld={lemma}|{tok.dep_}",
        f"pd={tok.pos_}|{tok.dep_}",
        "hd=" + (tok.head.dep_ if tok.head.i != tok.i else "-"),
        "hl=" + (tok.head.lemma_.lower() if tok.head.i != tok.i else "-"),
        "prev=" + (doc[tok.i - 1].lower_ if tok.i > 0 else "-"),
        "next=" + (doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "-"),
    ]
    if lemma in CUE_VERBS:
        feats.append("speech_verb")
    if lemma in CUE_NOUNS:
        feats.append("speech_noun")
    if in_quote:
        feats.append("in_quote")
    deps = set()
    for c in tok.children:
        deps.add(c.dep_)
        if c.dep_ == "prep":
            feats.append("prep=" + c.lower_)
            feats.append(f"lprep={lemma}|{c.lower_}")
        elif c.dep_ == "mark":
            feats.append("mark=" + c.lower_)
        elif c.dep_ in ("dobj", "attr", "acomp"):
            feats.append(f"obj={c.dep_}|{c.lemma_.lower()}")
    for dep in sorted(deps):
        feats.append("c=" + dep)
        if dep in _CONTENT_DEPS:
            feats.append(f"lc={lemma}|{dep}")
    feats.extend(_subject_features(tok))
    feats.extend(_morph_features(tok))
    if tok.head.i != tok.i and tok.head.lemma_.lower() in CUE_VERBS:
        feats.append("head_speech")
    if tok.i > tok.sent.start and tok.text[:1].isupper() and tok.ent_type_ == "":
        feats.append("title_case")  # a headline's words
    return feats


@dataclass(frozen=True, slots=True)
class ContentOption:
    """One dependent of a cue that may carry its content, with the span it would give.

    Attributes:
        token: the dependent.
        span: the content span (block offsets).
        joins_cue: a preposition that belongs to the cue (``calling for X``), if any.
        features: the content classifier's features.
    """

    token: Token
    span: Span
    joins_cue: Token | None
    features: tuple[str, ...]


def _option_span(cue: Token, dep: Token) -> tuple[Span | None, Token | None]:
    """The content span a dependent gives, and the preposition that joins the cue."""
    doc = cue.doc
    if dep.dep_ == "prep" or (dep.dep_ == "agent"):
        obj = next((g for g in dep.children if g.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            return None, None
        return char_span(doc, obj.left_edge.i, obj.right_edge.i + 1), dep
    if dep.dep_ == "acomp":
        # "is focused on X": the object of the adjective's preposition is the content.
        prep = next((g for g in dep.children if g.dep_ == "prep" and g.i > dep.i), None)
        obj = None if prep is None else next(
            (g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None
        )
        if obj is not None:
            return char_span(doc, obj.left_edge.i, obj.right_edge.i + 1), None
    lo, hi = dep.left_edge.i, dep.right_edge.i + 1
    if dep.i > cue.i:
        lo = max(lo, cue.i + 1)
    else:
        hi = min(hi, cue.i)
    return char_span(doc, lo, hi), None


def content_features(cue: Token, dep: Token, rank: int, count: int) -> tuple[str, ...]:
    """Features of one content option: the dependency, its word, which side, which rank."""
    lemma = cue.lemma_.lower()
    side = "after" if dep.i > cue.i else "before"
    size = dep.right_edge.i - dep.left_edge.i + 1
    feats = [
        "bias",
        "d=" + dep.dep_,
        f"ld={lemma}|{dep.dep_}",
        f"pd={cue.pos_}|{dep.dep_}",
        f"ds={dep.dep_}|{side}",
        "p=" + dep.pos_,
        f"rank={min(rank, 3)}",
        f"n={min(count, 4)}",
        "size=" + ("1" if size == 1 else "2-4" if size < 5 else "5-12" if size < 13 else "13+"),
    ]
    if dep.dep_ in ("prep", "agent"):
        feats.append("w=" + dep.lower_)
        feats.append(f"lw={lemma}|{dep.lower_}")
    if any(g.dep_ == "mark" for g in dep.children):
        feats.append("has_mark")
    if dep.ent_type_:
        feats.append("ent=" + dep.ent_type_)
    return tuple(feats)


def content_options(cue: Token, para: tuple[int, int]) -> list[ContentOption]:
    """The dependents of ``cue`` that may carry its content, inside its paragraph ``para``
    (block offsets), with their spans and features; the subject is left to the source."""
    subj = subject(cue) if cue.pos_ in ("VERB", "AUX") else None
    deps: Sequence[Token] = [
        c
        for c in cue.children
        if c.dep_ in _CONTENT_DEPS
        and para[0] <= c.idx < para[1]
        and not (subj is not None and c.i == subj.i)
    ]
    out = []
    for rank, dep in enumerate(sorted(deps, key=lambda c: abs(c.i - cue.i))):
        span, prep = _option_span(cue, dep)
        if span is None or span.start < para[0] or span.end > para[1]:
            continue
        out.append(ContentOption(dep, span, prep, content_features(cue, dep, rank, len(deps))))
    return out


def _head_of(doc: Doc, span: Span) -> Token | None:
    """The token of ``span`` (block offsets) whose parse head lies outside it."""
    toks = [t for t in doc.char_span(span.start, span.end, alignment_mode="expand") or ()]
    for t in toks:
        if t.head.i == t.i or not (span.start <= t.head.idx < span.end):
            return t
    return toks[0] if toks else None


def rule_features(doc: Doc, found: Found, in_quote: bool) -> list[str]:
    """Features of an attribution the rules found, for the filter that drops unlikely ones:
    its cue token's features, its kind and source, and the head of its content."""
    cue = _head_of(doc, found.cue) if found.cue is not None else None
    feats = cue_features(cue, in_quote) if cue is not None else ["bias", "no_cue"]
    feats = ["r_" + f for f in feats if not f.startswith(("prev=", "next="))]
    feats += ["bias", "kind=" + found.kind, "src=" + found.speaker_kind]
    if found.speaker is None:
        feats.append("no_source")
    head = _head_of(doc, found.content)
    if head is not None:
        feats += ["ch_d=" + head.dep_, "ch_p=" + head.pos_]
        if head.pos_ in ("NOUN", "PROPN", "PRON"):
            feats.append("ch_l=" + head.lemma_.lower())
        if cue is not None:
            feats.append(f"ch_ld={cue.lemma_.lower()}|{head.dep_}")
    size = len(found.content)
    feats.append("clen=" + ("<20" if size < 20 else "<60" if size < 60 else "60+"))
    if found.cue is not None and found.content.end <= found.cue.start:
        feats.append("content_first")
    return feats
