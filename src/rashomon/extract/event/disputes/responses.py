"""Responses: denials, rebuttals, dismissals and re-characterisations, each with the claim it
answers.

A statement answers another when its cue says so (``denied``, ``disputed``, ``pushed back``),
when it carries a rebuttal phrase (``without merit``, ``has not changed its position``,
``politically motivated``), when a naming cue gives a rebuttal label (``called the report an
outrageous distortion``), or when it recasts the other's words (``savings, not cuts``). The
vocabulary is data: ``lexicon/en/dispute_responses.toml``.

The answered claim is the one the response names (``Republican claims that ...``, ``a report in
the New York Times``, ``the suit``): its holder comes from the words around the noun, its text
from a ``that`` clause after it. When the response names no holder, the claim is the most
similar earlier statement by someone else (see :func:`link_responses`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from rashomon.extract.event.disputes.holders import (
    HolderIndex,
    good_holder,
    holder_matches,
    same_holder,
)
from rashomon.extract.event.disputes.owners import document_owners, owner_of
from rashomon.extract.event.disputes.propositions import (
    Proposition,
    content_words,
    denies,
    modality,
    negated,
)
from rashomon.lexicon import stem_alternation, table
from rashomon.model import EventDoc, Span, content_id

__all__ = [
    "Response",
    "appositive_answers",
    "Target",
    "detect_responses",
    "find_target",
    "label_of",
    "link_responses",
    "response_kind",
    "target_propositions",
]

_CAP = re.compile(r"[A-Z]")
_NP_BOUNDARY = re.compile(r"[,;:\u2014\u2013]|\b(?:that|which|as|and|but|what)\b")
# Where a target noun phrase ends: a comma, or the verb the response puts after it.
_NP_END = re.compile(r",|\s(?:is|was|are|were|has|have|had|as|which|who|that|will|would|"
                     r"rests?|lacks?|does|did)\b")
_NEGATED_CUE = re.compile(r"\b(?:not|never|n't|no)\b", re.I)
_PASSIVE_CUE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+\s+)?\w+(?:ed|en)\b", re.I)
# The predicate closing a statement: "... were false and appalling".
_VERDICT = re.compile(r"(?<!\s)[\"'\u201d]?\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been)"
                      r"\s+(?:[\w-]+\s+){0,3}[\w-]+[\W]*$", re.I)
_CLAUSE_END = re.compile(
    r",\s+(?:\w+ing\b|as\s|but\s|while\s|which\s|calling\b)|;|\s[\u2014\u2013]\s")
# "issued a statement saying ...": the noun is the responder's own vehicle, not the claim.
_VEHICLE = re.compile(r"\s*,?\s*(?:saying|calling|stating|claiming|that\s+said|which\s+said)\b")


@dataclass(frozen=True, slots=True)
class Target:
    """The claim a response names: its words, where they are, and whose it is."""

    text: str
    span: Span
    holder: str | None
    noun: str  # the target noun as written ("claims", "the report")
    clause: bool = False  # the words are the claim's own ("claims that ..."), not a name for it
    owned: bool = False  # the holder is the document's author found elsewhere in the event


@dataclass(frozen=True, slots=True)
class Response:
    """A proposition that answers another; ``claim`` is the answered proposition's index."""

    prop: int
    kind: str  # "cue", "label", "phrase" or "recast"
    target: Target | None
    claim: int | None = None
    # The party a verdict with no named claim is passed on ("Nebraska ... trying to overturn
    # the vote is outrageous", "called her answer evasive": the woman last named).
    party: str | None = None


@cache
def _accusation() -> re.Pattern[str]:
    return re.compile(rf"\b{stem_alternation(table('dispute_responses')['accusations'])}\b", re.I)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    t = table("dispute_responses")
    return {
        "cue": re.compile(rf"\b{stem_alternation(t['cues'])}\b", re.I),
        "weak": re.compile(rf"\b{stem_alternation(t['weak_cues'])}\b", re.I),
        "naming": re.compile(rf"\b{stem_alternation(t['naming_cues'])}\b", re.I),
        "phrase": re.compile(rf"(?<![\w-]){stem_alternation(t['phrases'])}(?![\w-])", re.I),
        "target": re.compile(rf"\b(?P<noun>{stem_alternation(t['targets'])})\b", re.I),
        "verdict": re.compile(rf"(?<![\w-]){stem_alternation(t['verdicts'])}(?![\w-])", re.I),
        # "..., a contention Ms. Lerner's lawyer disputed": a claim noun, who, a denial.
        "aside": re.compile(rf",\s+(?:a|an|the)\s+(?P<noun>{stem_alternation(t['targets'])})"
                            r"\s+(?:that\s+|which\s+)?(?P<who>(?:the\s+)?[\w][\w.'\u2019-]*"
                            r"(?:\s+[\w.'\u2019-]+){0,5}?)\s+(?:has\s+|have\s+|had\s+)?"
                            r"(?P<cue>\w+)\W*$"),
        "offer": re.compile(rf"\s*(?:(?:{stem_alternation(t['determiners'])})\s+)*"
                            rf"(?:{stem_alternation(t['offers'])})\b(?!\s+that\b)", re.I),
        "by": re.compile(
            rf"^\s*,?\s*{stem_alternation(t['by'])}\s+(?P<who>(?:the\s+)?[A-Z][\w.'\u2019&-]*"
            r"(?:\s+(?:of|and|for|the|[A-Z][\w.'\u2019&-]*))*)"
        ),
        # "those are savings, not cuts"; "a protest, not a terrorist attack" (a noun after
        # "not", never "elsewhere, not at the hall")
        "recast": re.compile(
            r"\b\w+(?:\s+\w+)?,\s+(?:and\s+)?not\s+(?:a\s+|an\s+)?(?!(?:at|in|on|to|for|"
            r"from|by|with|about|only|just|yet|even|so|as|because|when|if|that|the|this|"
            r"all|any|for)\b)[a-z]\w+", re.I),
    }


def _determiners() -> frozenset[str]:
    return frozenset(w.lower() for w in table("dispute_responses")["determiners"])


def response_kind(p: Proposition) -> str | None:
    """How ``p`` answers someone: ``cue``, ``label``, ``phrase``, ``recast``, or ``None``."""
    pats = _patterns()
    if p.cue.startswith("to ") or _NEGATED_CUE.search(p.cue):
        return None  # "vowed to defend the law", "does not deny that ...": no answer
    if pats["cue"].search(p.cue) and pats["offer"].match(p.text):
        return None  # "rejected the overture"
    # "the suit may soon be dismissed": a passive cue is done to the words, not by a speaker.
    active = p.voice == "attributed" and _PASSIVE_CUE.search(p.cue) is None
    if active and pats["cue"].search(p.cue):
        return "cue"
    named = pats["target"].match(re.sub(r"^(?:the|a|an|any|these|those|such|his|her|their|its)"
                                        r"\s+", "", p.text, flags=re.I))
    if active and pats["weak"].search(p.cue) and (p.negated or named):
        return "cue"  # "challenged claims that ...", not "challenged the law"
    if active and named and _accusation().search(p.cue):
        return "cue"  # "criticized the study as ...", "condemned Akin's comments"
    lead = " ".join(p.text.split()[:6])
    if p.voice == "attributed" and pats["cue"].search(lead):
        return "cue"  # "appeared to push back against early reports that ..."
    if pats["phrase"].search(p.text):
        return "label" if pats["naming"].search(p.cue) else "phrase"
    if pats["recast"].search(p.text):
        return "recast"
    return None


def _holder_before(words: str, holders: HolderIndex) -> str | None:
    # "Republican claims" -> Republicans; "the Romney campaign's characterization" -> Romney
    # campaign; "a New York Times report" -> New York Times; "the newspaper's story" -> None.
    dets = _determiners()
    toks = words.split()
    owner = next((i for i, t in enumerate(toks) if re.search(r"['\u2019]s?$", t)), None)
    if owner is not None:
        toks = toks[: owner + 1]  # "Mitt Romney's Medicare ad": the possessor holds it
    while toks and toks[0] in dets:  # lower-case only: "New York Times" keeps "New"
        toks = toks[1:]
    if not toks or toks[-1].lower() in {"of", "and", "to", "in"}:
        return None
    phrase = re.sub(r"['\u2019]s?$", "", " ".join(toks)).strip()
    if not phrase or not _CAP.search(phrase):
        return None
    name = holders.canonical(phrase)
    return name if good_holder(name) else None


def find_target(p: Proposition, text: str, holders: HolderIndex) -> Target | None:
    """The claim response ``p`` names in its words, if it names one.

    Args:
        p: the response.
        text: its article's text.
        holders: the event's holder index (to name the claim's holder as the event does).

    Returns:
        The named claim (its ``that`` clause when there is one, else the noun phrase), or
        ``None`` when no target noun occurs in the response.
    """
    pats = _patterns()
    content = text[p.span.start : p.span.end]
    m = next((m for m in pats["target"].finditer(content)
              if not _VEHICLE.match(content, m.end())), None)
    if m is None:
        return None
    before = content[: m.start()]
    # The noun phrase before the target noun: back to a clause boundary, at most six words.
    cut = max((b.end() for b in _NP_BOUNDARY.finditer(before)), default=0)
    pre_words = list(re.finditer(r"\S+", before[cut:]))[-6:]
    pre_start = cut + pre_words[0].start() if pre_words else m.start()
    pre = before[pre_start:]
    after = content[m.end() :]
    holder = _holder_before(pre, holders)
    by = pats["by"].match(after)
    if holder is None and by is not None:
        name = holders.canonical(by.group("who"))
        holder = name if good_holder(name) else None
    if by is not None:
        # "claims by Senator Holt that the levy was illegal": the clause after the author.
        skip = by.end()
        after, m_end = after[skip:], m.end() + skip
    else:
        m_end = m.end()
    # "claims by Democrats and Republicans in Congress that ...": a place after the author.
    that = re.match(r"\s*(?:(?:in|at|on|from)\s+(?:the\s+)?[A-Z][\w.'\u2019&-]*"
                    r"(?:\s+[A-Z][\w.'\u2019&-]*){0,3}\s*)?(?:,\s*)?(?:that)\s+(.+)", after, re.S)
    if that is not None:
        lo = m_end + that.start(1)
        # "reports that Obama refused a meeting, pinning it on a scheduling conflict": the
        # clause after the comma is the answer's own.
        tail = _CLAUSE_END.search(content, lo)
        hi = tail.start() if tail else len(content)
        # "claims that the activists lied were false": the verdict is said of the claims.
        verdict = _VERDICT.search(content, lo, hi)
        if verdict is not None and pats["phrase"].search(verdict.group(0)):
            hi = verdict.start()
    else:
        lo = pre_start
        stop = _NP_END.search(after)
        # "the report in the Coastal Times": the noun phrase ends with its author.
        hi = m_end if by is not None else m_end + (stop.start() if stop else len(after))
    span = Span(p.span.start + lo, p.span.start + hi)
    clean = " ".join(text[span.start : span.end].split()).strip(" \"'\u201c\u201d,.")
    noun = " ".join((pre.split()[-1:] if pre.split() and pre.split()[-1].lower() in
                     {"press", "media", "news"} else []) + [m.group("noun").lower()])
    return Target(text=clean, span=span, holder=holder, noun=noun, clause=that is not None)


def detect_responses(
    event: EventDoc, props: Sequence[Proposition], holders: HolderIndex
) -> list[Response]:
    """Every proposition that answers someone, with the claim it names (not yet linked).

    Args:
        event: the event.
        props: the event's propositions.
        holders: the event's holder index.

    Returns:
        One :class:`Response` per answering proposition, in proposition order.
    """
    out = []
    owners: dict[str, str] | None = None
    for p in props:
        kind = response_kind(p)
        if kind is None:
            continue
        target = find_target(p, event.doc(p.article_id).text, holders)
        if target is not None and target.holder is None and not target.clause:
            # "said the suit is without merit": the suit is whoever filed it.
            owners = document_owners(event, holders) if owners is None else owners
            author = owner_of(target.noun, owners)
            if author is not None and not same_holder(author, p.holder):
                target = replace(target, holder=author, owned=True)
        if target is None and kind == "cue" and denies(p.cue) and not p.negated:
            # "denied that he had sent the photograph": what is denied is the claim itself.
            clause = re.sub(r"^\s*that\s+", "", p.text)
            if len(clause.split()) >= 3:
                start = p.span.end - len(clause) if p.text.endswith(clause) else p.span.start
                target = Target(text=clause, span=Span(max(p.span.start, start), p.span.end),
                                holder=None, noun="", clause=True)
        party = _party(p, holders) if target is None else None
        out.append(Response(prop=p.index, kind=kind, target=target, party=party))
    return out


_PRONOUN = re.compile(r"\b(?:his|her|him|she|he)\b", re.I)


def _party(p: Proposition, holders: HolderIndex) -> str | None:
    # Whom a verdict is passed on: a party its first words name, or the person last named
    # before it when they point back with a pronoun ("her answer evasive").
    if not _patterns()["verdict"].search(p.text):
        return None
    lead = " ".join(p.text.split()[:5])
    named = [e for e in sorted(p.entities) if e.split()[-1] in lead]
    if named:
        return named[0]
    if _PRONOUN.search(lead) is None:
        return None
    people = [n for _, _, n in holders.names_in(p.article_id, max(0, p.frame.start - 600),
                                                p.frame.start)
              if holders.label.get(n) == "PERSON" and not same_holder(n, p.holder)]
    return people[-1] if people else None


def appositive_answers(
    event: EventDoc, props: Sequence[Proposition], holders: HolderIndex, start: int
) -> tuple[list[Proposition], list[Response]]:
    """Answers written as an aside on the claim itself: "she had waived her right, a
    contention Ms. Lerner's lawyer disputed", "..., a claim the ministry denies". The aside
    is a statement of its own, held by whoever it names, answering the statement it closes.

    Args:
        event: the event (the aside's span is found in its article's text).
        props: the event's propositions.
        holders: the event's holder index.
        start: the index of the first new proposition.

    Returns:
        The asides as propositions, and one linked response each.
    """
    pats = _patterns()
    new_props: list[Proposition] = []
    out: list[Response] = []
    for p in props:
        # Read in the article itself, so that the aside's span is exact.
        m = pats["aside"].search(event.doc(p.article_id).text, p.span.start, p.span.end)
        if m is None or not pats["cue"].fullmatch(m.group("cue")):
            continue
        name = holders.canonical(m.group("who"))
        if not good_holder(name) or same_holder(name, p.holder):
            continue
        span = Span(m.start("noun"), m.end("cue"))
        text = " ".join(m.group(0).split()).strip(" ,.")
        q = replace(p, index=start + len(new_props), id=content_id(p.id, "aside"), span=span,
                    frame=span, text=text, cue=m.group("cue"), holder=name,
                    holder_kind=holders.kind_of(name), negated=False, modality="is",
                    entities=frozenset(e for e in p.entities if e.split()[-1] in text),
                    words=content_words(text), attribution_id=None)
        new_props.append(q)
        out.append(Response(prop=q.index, kind="cue", target=None, claim=p.index))
    return new_props, out


def target_propositions(
    responses: Sequence[Response], props: Sequence[Proposition]
) -> list[Proposition]:
    """The claims responses name, as propositions of the holders they name (``Republican
    claims that the talks were illegal`` -> Republicans: *the talks were illegal*).

    Args:
        responses: detected responses.
        props: the event's propositions (new ones are numbered after them).

    Returns:
        New propositions, one per named target of at least three words.
    """
    out: list[Proposition] = []
    for r in responses:
        t = r.target
        if t is None or len(t.text.split()) < 3 or not (t.clause or t.holder):
            continue
        p = props[r.prop]
        # Unnamed, the claim is held by what the answer calls it: "allegations", "reports";
        # a plain denial ("denied that ...") names no one.
        holder = t.holder or t.noun or None
        out.append(replace(
            p, index=len(props) + len(out), id=content_id(p.id, "target"), span=t.span,
            frame=t.span, text=t.text, cue="", holder=holder,
            holder_kind="group" if t.holder else "anonymous" if holder else None,
            voice="attributed",
            negated=negated(t.text), modality=modality(t.text),
            entities=frozenset(e for e in p.entities if e.split()[-1] in t.text),
            words=content_words(t.text), attribution_id=None))
    return out


def link_responses(
    responses: Sequence[Response],
    props: Sequence[Proposition],
    similarity: Callable[[int, int], float],
    *,
    targets: dict[int, int] | None = None,
    window: int = 8,
    min_similarity: float = 0.4,
) -> list[Response]:
    """Link each response to the claim it answers.

    The claim is, in this order: a statement by the holder the response names that is most
    like the named claim; else the most similar earlier statement of the same article, within
    ``window`` sentences, by someone else; else the most similar statement of another article
    by someone else; else the named claim itself. Similarity is measured from the named claim
    when there is one, from the response otherwise, and must reach ``min_similarity``.

    Args:
        responses: detected responses.
        props: all propositions, named targets included.
        similarity: cosine of two propositions by index.
        targets: response proposition index -> its named target's proposition index.
        window: how many sentences back an unnamed claim may be.
        min_similarity: the least similarity of a linked claim.

    Returns:
        The responses with ``claim`` set where a claim was found.
    """
    targets = targets or {}
    by_article: dict[str, list[Proposition]] = {}
    for p in props:
        by_article.setdefault(p.article_id, []).append(p)
    answers = frozenset(r.prop for r in responses) | frozenset(targets.values())
    out = []
    for r in responses:
        p = props[r.prop]
        if r.claim is not None:
            out.append(r)  # an aside on the claim it closes: linked when found
            continue
        if r.prop in targets and (r.target is None or r.target.clause):
            probe = props[targets[r.prop]]
            claim: int | None = targets[r.prop]
            if probe.holder is None:
                # A plain denial: the claim is the statement that asserts what it denies.
                found = _asserted(probe, p, props, similarity, min_similarity + 0.2, answers)
                claim = found if found is not None else claim
            out.append(replace(r, claim=claim))
            continue
        claim = _claim_of(p, p, r.target, r.party, props, by_article[p.article_id], similarity,
                          window=window, min_similarity=min_similarity, answers=answers)
        if claim is None and r.prop in targets:
            claim = targets[r.prop]  # a named holder's claim the texts do not quote
        out.append(replace(r, claim=claim))
    return out


def _asserted(probe: Proposition, answer: Proposition, props: Sequence[Proposition],
              similarity: Callable[[int, int], float], cut: float,
              answers: frozenset[int]) -> int | None:
    # Who asserts what a plain denial denies: the most alike statement of the same polarity
    # by someone other than the denier.
    cands = [q for q in props if q.holder is not None and q.index not in answers
             and q.index != probe.index and not same_holder(q.holder, answer.holder)
             and q.negated == probe.negated and q.voice == "attributed"]
    best = max(cands, key=lambda q: similarity(probe.index, q.index), default=None)
    return best.index if best is not None and similarity(probe.index, best.index) >= cut else None


_LABEL = re.compile(r"\bas\s+(?:an?\s+|the\s+|just\s+an?\s+|merely\s+an?\s+)?"
                    r"(?:[\w-]+\s+){0,2}?([\w-]{3,})\W*$", re.I)


def label_of(text: str) -> str | None:
    """The word a response labels what it answers with: ``dismissed the episode as a prank``
    -> ``prank``; ``None`` when it names no label."""
    m = _LABEL.search(text)
    return m.group(1).lower() if m else None


def _claim_of(
    p: Proposition,
    probe: Proposition,
    target: Target | None,
    party: str | None,
    props: Sequence[Proposition],
    same_article: Sequence[Proposition],
    similarity: Callable[[int, int], float],
    *,
    window: int,
    min_similarity: float,
    answers: frozenset[int],
) -> int | None:
    label = label_of(p.text)

    def other(q: Proposition) -> bool:
        # Someone else's statement, neither an answer itself nor the answering outlet's own
        # account of the quarrel, nor one that says what the answer calls it ("dismissed the
        # episode as a prank" agrees with "it was a prank").
        return (q.index not in (p.index, probe.index) and q.holder is not None
                and not (label and re.search(rf"\b{re.escape(label)}\b", q.text, re.I))
                and not same_holder(q.holder, p.holder)
                and not (q.article_id == p.article_id and q.span.overlaps(p.span))
                and q.index not in answers
                and not (q.voice == "author" and q.article_id == p.article_id))

    def sim(q: Proposition) -> float:
        return similarity(probe.index, q.index)

    if target is not None and target.holder is not None:
        named = [q for q in props if other(q) and holder_matches(q.holder, target.holder)]
        best = max(named, key=sim, default=None)
        # An author found elsewhere is sure; any statement of theirs on the subject will do.
        cut = min_similarity - 0.2 if target.owned else min_similarity
        if best is not None and sim(best) >= cut:
            return best.index
    earlier = [q for q in same_article
               if other(q) and p.sentence - window <= q.sentence <= p.sentence
               and q.span.start < p.span.start]
    # "Halas denied any involvement": what he denies is what was said of him just before.
    about_me = [q for q in earlier if any(holder_matches(e, p.holder) for e in q.entities)]
    if about_me and target is None:
        return max(about_me, key=lambda q: q.span.start).index
    if len(p.words) <= 3 and denies(p.cue) and not (target and (target.clause
                                                                 or target.holder)):
        # "rejected the insinuations", "refutes any link": too short to compare; a denial
        # this bare answers the statement just before it.
        recent = [q for q in earlier if 0 < p.sentence - q.sentence <= 2
                  and q.voice == "attributed"]
        if recent:
            return max(recent, key=lambda q: q.span.start).index
    if party is not None:
        # "Nebraska and Oklahoma attempting to overturn the vote is outrageous": a verdict
        # on what a party does answers that party, not whoever spoke last.
        theirs = [q for q in props if other(q) and q.voice == "attributed"
                  and holder_matches(q.holder, party)]
        mine = max(theirs, key=sim, default=None)
        if mine is not None and sim(mine) >= min_similarity - 0.1:
            return mine.index
    best = max(earlier, key=sim, default=None)
    if best is not None and sim(best) >= min_similarity:
        return best.index
    # "Brandt Lines dismissed the accusation": an accusation made of the answerer elsewhere.
    accused = [q for q in props if other(q) and q.article_id != p.article_id
               and any(holder_matches(e, p.holder) for e in q.entities)
               and _accusation().search(q.cue)]
    if accused and target is not None:
        return max(accused, key=sim).index
    # From another article only what the answer contradicts outright: the same words with
    # the other polarity ("the White House offered him the Navy job" / "never offered").
    anywhere = [q for q in props if other(q) and q.article_id != p.article_id
                and q.negated != probe.negated and len(q.words & probe.words) >= 3]
    best = max(anywhere, key=sim, default=None)
    if best is not None and sim(best) >= min_similarity + 0.3:
        return best.index
    return None
