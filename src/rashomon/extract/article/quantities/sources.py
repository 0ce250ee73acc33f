"""Who gives a figure: the attribution that holds it, else 'according to X' or the subject of a
speech verb governing it."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from rashomon.model import Attribution, Span
from rashomon.nlp.pipelines import doc_text

from .vocabulary import IMPERSONAL_SUBJECTS, SPEECH_VERBS


def attribution_for(
    span: Span, attributions: Sequence[Attribution]
) -> tuple[str | None, str | None]:
    """Speaker and id of the attribution whose content holds the quantity (the tightest)."""
    best: Attribution | None = None
    for a in attributions:
        if a.content.overlaps(span) and (best is None or len(a.content) < len(best.content)):
            best = a
    if best is None:
        return None, None
    return best.speaker_resolved or best.speaker_text, best.id


def _according_to(anchor: Token, sent: TokenSpan, sdoc: Doc) -> tuple[bool, str | None]:
    """``(True, X)`` for 'according to X' in the sentence on the figure's line (X None when
    it spans lines); ``(False, None)`` when there is none."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and sdoc[tok.i + 1].lower_ == "to":
            objs = [c for c in sdoc[tok.i + 1].children if c.dep_ == "pobj"]
            lo, hi = sorted((tok.idx, anchor.idx))
            if objs and "\n" not in doc_text(sdoc)[lo:hi]:
                who = phrase(objs[0], sdoc)
                return True, None if "\n" in who else who
    return False, None


def _subject_of(verb: Token) -> list[Token]:
    """The subject of a speech verb; the agent of a passive ("reported by the ministry")."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj:
        subj = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                if g.dep_ == "pobj"]  # fmt: skip
    return subj


def _source(subj: list[Token], sdoc: Doc) -> str | None:
    """The source a speech verb's subject names, or None for "it", "you", "they"..."""
    if not subj or subj[0].lower_ in IMPERSONAL_SUBJECTS:
        return None
    if subj[0].pos_ == "PRON":
        # Only he/she can be resolved cheaply; "you", "they" name no source.
        return resolve_pronoun(subj[0], sdoc)
    if subj[0].pos_ not in {"NOUN", "PROPN"}:
        return None
    who = phrase(subj[0], sdoc)
    # Scraped text glues lines into one "sentence"; a source never spans lines.
    return None if "\n" in who else who


def speaker(anchor: Token, sent: TokenSpan, sdoc: Doc) -> str | None:
    """The source a sentence gives for a figure: 'according to X' or a speech verb's subject."""
    found, who = _according_to(anchor, sent, sdoc)
    if found:
        return who
    x = anchor
    while not (x.dep_ == "ROOT" or x.head.i == x.i):
        if x.dep_ in {"relcl", "acl", "appos"} and x is not anchor:
            return None  # a relative clause or apposition is the writer's aside
        child, x = x, x.head
        # Only a figure inside what was said (its object or complement clause) is the
        # speaker's; "less than an hour after X, Y said" dates the saying instead.
        if (
            x.pos_ == "VERB"
            and x.lemma_.lower() in SPEECH_VERBS
            and child.dep_ in {"ccomp", "dobj", "xcomp", "parataxis", "conj"}
        ):
            return _source(_subject_of(x), sdoc)
    return None


def phrase(tok: Token, sdoc: Doc) -> str:
    """The noun phrase headed by ``tok``, without a leading article, names given in full."""
    if tok.ent_type_ == "PERSON":
        # A person is named by the name alone, not "Jane Doe, 40," or an apposition.
        return fullest_name(tok, sdoc) or str(tok.text)
    # Drop appositions and clauses after the head: "the ministry, which ..." -> "the ministry".
    cut = {t.i for c in tok.rights if c.dep_ in {"appos", "relcl", "acl", "punct"}
           for t in c.subtree}  # fmt: skip
    toks = [t for t in tok.subtree if t.i not in cut]
    while toks and toks[0].lower_ in {"the", "a", "an"}:
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return str(tok.text)
    return str(sdoc[toks[0].i : toks[-1].i + 1].text)


def fullest_name(tok: Token, sdoc: Doc) -> str | None:
    """The longest PERSON name in the block that ends with this surname ('Putin')."""
    best: str | None = None
    for ent in sdoc.ents:
        if ent.label_ == "PERSON" and ent[-1].lower_ == tok.lower_:
            name = str(ent.text)
            if name.endswith(("'s", "’s")):
                name = name[:-2]
            if best is None or len(name) > len(best):
                best = name
    return best


def resolve_pronoun(tok: Token, sdoc: Doc) -> str | None:
    """'He said ...': the nearest PERSON named before, in full. A cheap stand-in for coref,
    used only when no attribution layer is available."""
    if tok.lower_ not in {"he", "she"}:
        return None
    before = [e for e in sdoc.ents if e.label_ == "PERSON" and e.end <= tok.i]
    if not before:
        return None
    name = before[-1]
    return fullest_name(name[-1], sdoc) or str(name.text)
