"""One dispute per question across all outlets: propositions, responses and opposed pairs
turned into questions with two sides, holders, outlets and evidence, ranked.

The steps (each in its own module): propositions with their holders; responses linked to the
claims they answer; opposed pairs among statements on one subject; seeds grouped by subject and
split into camps; camps grown with the statements that side with them; then each dispute is
phrased (question from the disputed statement, positions in the words of the text), ranked by
the outlets and holders involved, and single-outlet, single-holder noise is dropped. Figures
that cannot all be true are disputes too (:mod:`.figures`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer

from rashomon.extract.event.disputes.alliances import (
    Alliances,
    Edge,
    accusations,
    agreements,
    build_alliances,
)
from rashomon.extract.event.disputes.appeals import appeal_disputes
from rashomon.extract.event.disputes.camps import (
    Camps,
    Seed,
    align,
    enlist,
    expand,
    group_seeds,
    shares_subject,
    split,
)
from rashomon.extract.event.disputes.figures import figure_disputes
from rashomon.extract.event.disputes.holders import (
    HolderIndex,
    affiliation,
    head_noun,
    holder_key,
    same_holder,
    shown,
)
from rashomon.extract.event.disputes.opposition import camp_clash, opposed_pairs
from rashomon.extract.event.disputes.propositions import Proposition, build_propositions
from rashomon.extract.event.disputes.questions import (
    about,
    askable,
    is_clause,
    position,
    question,
)
from rashomon.extract.event.disputes.repeats import merge_repeats
from rashomon.extract.event.disputes.responses import (
    Response,
    appositive_answers,
    detect_responses,
    link_responses,
    response_kind,
    target_propositions,
)
from rashomon.extract.event.disputes.stances import outlet_stances
from rashomon.extract.event.numbers import reconcile
from rashomon.lexicon import words
from rashomon.model import Dispute, EventDoc, Evidence, NumberSlot, Side, content_id
from rashomon.nlp.encoders import Encoder

__all__ = ["find_disputes", "named"]

Scorer = Callable[[Sequence[tuple[str, str]]], npt.NDArray[np.float32]]


def _texts(event: EventDoc, props: Sequence[Proposition], keep: set[int]) -> list[str]:
    # A statement the claims layer holds too is embedded in the claim's words, which the
    # encoder has seen already; one inside a claim ("Republican claims that ..." inside the
    # White House's statement) borrows that claim's, unless it is an answer or a named claim
    # (``keep``), whose own words decide what it is linked to.
    claims: dict[str, list[tuple[int, int, str]]] = {}
    for c in event.claims:
        claims.setdefault(c.article_id, []).append((c.span.start, c.span.end, c.text))
    out = []
    for p in props:
        if p.voice == "author" and p.index not in keep:
            # The outlet's own sentences take part by their words only (the tf-idf half):
            # they never join a camp, and embedding them would double the stage's cost.
            out.append("")
            continue
        found = claims.get(p.article_id, [])
        exact = next((t for s, e, t in found if (s, e) == (p.span.start, p.span.end)), None)
        if exact is None and p.index not in keep:
            over = [(min(e, p.span.end) - max(s, p.span.start), t) for s, e, t in found]
            best = max(over, default=(0, ""))
            exact = best[1] if best[0] >= 0.5 * len(p.span) else None
        out.append(exact or p.text)
    return out


def _vectors(event: EventDoc, props: Sequence[Proposition], encoder: Encoder | None,
             keep: set[int] | None = None) -> npt.NDArray[np.float32]:
    if encoder is None:
        from rashomon.nlp.encoders import get_encoder

        encoder = get_encoder()
    # Each distinct text once, in one batch: the vectors depend on this event alone.
    texts = _texts(event, props, keep or set())
    unique = list(dict.fromkeys(texts))
    rows = {t: k for k, t in enumerate(unique)}
    vecs = encoder.encode(unique)[[rows[t] for t in texts]]
    # The encoder hears paraphrase; shared rare words (tf-idf over the event's statements)
    # hear a denial that repeats the claim's words ("no direct access to our servers").
    words = TfidfVectorizer(analyzer=list, sublinear_tf=True).fit_transform(
        [sorted(p.words) or ["_"] for p in props])
    lexical = (words @ words.T).toarray()
    return np.asarray(vecs @ vecs.T + 0.5 * lexical, dtype=np.float32)


def _seeds(
    props: Sequence[Proposition],
    responses: Sequence[Response],
    sims: npt.NDArray[np.float32],
    scorer: Scorer | None,
    ally: Callable[[str | None, str | None], bool],
    *,
    on_subject: float,
    learned_cut: float,
) -> list[Seed]:
    out = []
    for r in responses:
        if r.claim is not None:
            strength = 1.0 if r.kind in ("cue", "label") else 0.8
            out.append(Seed(claim=r.claim, answer=r.prop, strength=strength, kind="response"))
    # Pairs alike enough to be about one subject, by holders who do not speak for one side
    # (one person, one organisation, or one speaking for the other), not in one sentence.
    rows, cols = np.nonzero(np.triu(sims >= on_subject, k=1))
    pairs = [(int(i), int(j)) for i, j in zip(rows, cols, strict=True)]
    cands = [
        (i, j) for i, j in pairs
        if props[i].holder is not None and props[j].holder is not None
        and props[i].voice == props[j].voice == "attributed"
        and props[i].sentence_key != props[j].sentence_key
        and not ally(props[i].holder, props[j].holder)
        and (shares_subject(props[i], props[j]) or camp_clash(props[i], props[j]))
    ]
    learned = None
    if scorer is not None and cands:
        scores = scorer([(props[i].text, props[j].text) for i, j in cands])
        learned = [float(s) if s >= learned_cut else 0.0 for s in scores]
    close = [float(sims[i, j]) for i, j in cands]
    for i, j, s in opposed_pairs(props, cands, close, learned, close=on_subject + 0.25):
        claim, answer = (j, i) if props[i].negated and not props[j].negated else (i, j)
        out.append(Seed(claim=claim, answer=answer, strength=s, kind="opposition"))
    return out


def _allies(holders: HolderIndex) -> Callable[[str | None, str | None], bool]:
    cache: dict[str, str | None] = {}

    def org(name: str) -> str | None:
        if name not in cache:
            cache[name] = affiliation(holders, name)
        return cache[name]

    def ally(a: str | None, b: str | None) -> bool:
        if a is None or b is None:
            return False
        if same_holder(a, b):
            return True
        oa, ob = org(a), org(b)
        # One organisation, or one speaking for the other (a spokesman and the senator).
        return (oa is not None and oa == ob) or same_holder(oa, b) or same_holder(ob, a)

    return ally


def _side(event: EventDoc, props: Sequence[Proposition], members: Sequence[int],
          head: int, holders: HolderIndex) -> Side:
    ordered = [head, *sorted((m for m in members if m != head),
                             key=lambda m: (props[m].article_id, props[m].span.start))]
    names: list[str] = []
    for m in ordered:
        p = props[m]
        if (p.holder is not None and (p.voice != "author" or m == head)
                and not any(holder_key(p.holder) == holder_key(n) for n in names)):
            names.append(p.holder)
    evidence = tuple(dict.fromkeys(Evidence(article_id=props[m].article_id,
                                            span=props[m].span) for m in ordered))
    lead = props[head]
    words = lead.text
    if lead.cue and response_kind(lead) == "cue" and not lead.cue.startswith("to "):
        words = f"{lead.cue} {words}"  # "disputed claims that ...": the answer as an answer
    return Side(
        position=position(words),
        holders=tuple(shown(holders, n) for n in names),
        outlets=tuple(dict.fromkeys(props[m].outlet for m in ordered)),
        evidence=evidence,
    )


def _central(camps: Camps, k: int, sims: npt.NDArray[np.float32]) -> int:
    core = camps.core
    if core is not None:
        return core.claim if k == 0 else core.answer
    members = camps.members(k)
    return max(members, key=lambda m: float(sum(sims[m, o] for o in members)))


def _asked(camps: Camps, props: Sequence[Proposition],
           sims: npt.NDArray[np.float32]) -> Proposition:
    # The statement the question asks: the disputed claim when it is a clause that asserts
    # something; else the clause of either camp most like it ("rejected the US warnings":
    # "the American warnings were too general"), an affirmative one first; else the claim.
    head = props[_central(camps, 0, sims)]
    if is_clause(head.text) and not head.negated:
        return head
    # Another answered claim of the quarrel that says something ("she had waived her Fifth
    # Amendment right, a contention her lawyer disputed").
    answered = [s.claim for s in camps.seeds if is_clause(props[s.claim].text)
                and not props[s.claim].negated and response_kind(props[s.claim]) is None]
    if answered:
        return props[max(answered, key=lambda m: float(sims[m, head.index]))]
    for negated in (False, True):
        # A denial is asked without its "not" ("it did not need a special prosecutor": "Did
        # the Justice Department need a special prosecutor?") when nothing else is a clause.
        for k in (0, 1):
            # An answer's own words ("a contention her lawyer disputed") ask nothing.
            clauses = [m for m in camps.members(k)
                       if is_clause(props[m].text) and props[m].negated == negated
                       and response_kind(props[m]) is None]
            if clauses:
                return props[max(clauses, key=lambda m: float(sims[m, head.index]))]
    return head


def _dispute(event: EventDoc, camps: Camps, props: Sequence[Proposition],
             sims: npt.NDArray[np.float32], holders: HolderIndex) -> Dispute | None:
    if not askable([props[m].text for k in (0, 1) for m in camps.members(k)]):
        return None
    sides = []
    for k in (0, 1):
        members = camps.members(k)
        if not members:
            return None
        sides.append(_side(event, props, members, _central(camps, k, sims), holders))
    claim = _asked(camps, props, sims)
    core_pair = (camps.core.claim, camps.core.answer) if camps.core is not None else ()
    outlets = {o for s in sides for o in s.outlets}
    score = (len(outlets) + sum(min(len(s.holders), 4) for s in sides)
             + sum(s.strength for s in camps.seeds))
    holders_named = {holder_key(h) for side in sides for h in side.holders}
    counts = Counter(e for k in (0, 1) for m in camps.members(k)
                     for e in sorted(props[m].entities) if holder_key(e) not in holders_named)
    return Dispute(
        # Two groups of seeds may ask about one statement: the core pair tells them apart.
        id=content_id("dispute", claim.id, *(props[i].id for i in core_pair)),
        question=about(question(claim.text, _speaker(claim)),
                       [e for e, _ in counts.most_common(2)]),
        kind="explicit" if any(s.kind == "response" for s in camps.seeds) else "polarity",
        score=float(score),
        sides=tuple(sides),
        outlet_stances=outlet_stances(event, sides),
    )


def _speaker(p: Proposition) -> str | None:
    # The name a pronoun subject of a statement stands for: its named holder.
    if p.holder_kind in ("person", "organisation") and p.holder:
        return f"the {p.holder}" if p.holder_kind == "organisation" and len(
            p.holder.split()) > 1 and not p.holder.startswith("The ") else p.holder
    return None


def named(holder: str) -> bool:
    """Whether a holder names someone: a name (``Darrell Issa``, ``AARP spokeswoman``) or a
    group of people (``critics``, ``sheriffs``); not the bare noun a response calls what it
    answers (``claims``, ``the suggestion``)."""
    head = head_noun(holder)
    return (any(c.isupper() for c in holder) or head in words("holder_heads")
            or head in words("anonymous_heads"))


def _noise(d: Dispute) -> bool:
    # A quarrel that one outlet reports between two people only, or a side no one named holds.
    outlets = {o for s in d.sides for o in s.outlets}
    if any(not any(named(h) for h in s.holders) for s in d.sides):
        return True
    return len(outlets) < 2 and all(len(s.holders) < 2 for s in d.sides)


def _alliances(props: Sequence[Proposition], seeds: Sequence[Seed], holders: HolderIndex,
               ally: Callable[[str, str], bool]) -> Alliances:
    # The event's camps: every seed sets its two holders apart; accusations, echoes and
    # organisation ties add what the seeds do not say.
    names = sorted({p.holder for p in props if p.holder is not None})
    edges = [Edge(str(props[s.claim].holder), str(props[s.answer].holder), -1, s.strength)
             for s in seeds if props[s.claim].holder and props[s.answer].holder]
    return build_alliances([*edges, *accusations(props, holders), *agreements(props, holders)],
                           lambda a, b: ally(a, b), names)


def find_disputes(
    event: EventDoc,
    *,
    numbers: Sequence[NumberSlot] | None = None,
    limit: int = 20,
    encoder: Encoder | None = None,
    scorer: Scorer | None = None,
    on_subject: float = 0.27,
    join: float = 0.6,
    grow: float = 0.3,
    learned_cut: float = 0.8,
    enlist_at: float = 0.0,
) -> list[Dispute]:
    """Find the event's disputes, one per question across outlets, ranked.

    Args:
        event: an event with attributions, entities and (optionally) claims and numbers.
        numbers: reconciled number slots; computed from the quantities when ``None``.
        limit: keep at most this many disputes.
        encoder: the sentence encoder (the default one when ``None``).
        scorer: the learned pair scorer; ``None`` leaves opposition to the rules.
        on_subject: similarity above which two statements may oppose each other (the
            rules then decide; polarity asks ``on_subject + 0.25``). On the 20 dev events
            every value from 0.23 to 0.30 finds more disputes than 0.4 at the same
            precision; 0.27 is the middle of that range.
        join: similarity of claims above which two seeds are one dispute.
        grow: similarity to a seed above which a statement joins its dispute.
        learned_cut: the scorer probability a pair needs to count as opposed.
        enlist_at: similarity to the core seed from which a holder the alliances place
            joins a dispute's side. On the 20 dev events 0.0 (any holder the alliances
            place) finds more disputes and places more holders than 0.1, 0.2 or 0.35.

    Returns:
        Disputes, the most widely held first.
    """
    holders = HolderIndex(event)
    base = build_propositions(event, holders)
    responses = detect_responses(event, base, holders)
    targets = target_propositions(responses, base)
    asides, aside_answers = appositive_answers(event, base, holders, len(base) + len(targets))
    props = [*base, *targets, *asides]
    by_response = {}
    for t in targets:
        for r in responses:
            if r.target is not None and r.target.span == t.span and r.prop not in by_response:
                by_response[r.prop] = t.index
                break
    keep = {r.prop for r in responses} | {t.index for t in targets}
    sims = (_vectors(event, props, encoder, keep) if props
            else np.zeros((0, 0), dtype=np.float32))
    linked = link_responses([*responses, *aside_answers], props,
                            lambda i, j: float(sims[i, j]), targets=by_response)
    ally = _allies(holders)
    seeds = _seeds(props, linked, sims, scorer, ally, on_subject=on_subject,
                   learned_cut=learned_cut)
    alliances = _alliances(props, seeds, holders, ally)
    out: list[Dispute] = []
    groups = [split(g, props, sims, ally, alliances)
              for g in group_seeds(seeds, props, sims, threshold=join)]
    # A statement sides by its words in one dispute at most, the first and strongest; another
    # dispute takes it only with its holder's camp.
    taken: set[int] = set()
    answers = frozenset(r.prop for r in linked)
    naming = frozenset(r.prop for r in linked if r.target is not None)
    for camps in groups:
        expand(camps, props, sims, ally, taken=taken, threshold=grow, answers=answers,
               alliances=alliances, naming=naming)
        align(camps, props, alliances)
        enlist(camps, props, sims, alliances, threshold=enlist_at)
        d = _dispute(event, camps, props, sims, holders)
        if d is not None and not _noise(d):
            out.append(d)
    out.extend(appeal_disputes(event, base, holders,
                               answers=frozenset(r.prop for r in responses)))
    slots = numbers if numbers is not None else reconcile(event)
    out.extend(figure_disputes(event, slots, holders))
    out.sort(key=lambda d: -d.score)
    out = merge_repeats(out)
    return out[:limit]
