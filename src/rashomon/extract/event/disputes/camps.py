"""Camps: the two sides of one subject, grown from claim-and-response seeds.

A *seed* is a pair of opposed propositions: a claim and the response that answers it, or two
statements the opposition rules find incompatible. Seeds about one subject (their statements
alike and about the same entities) are one dispute, across outlets. Each dispute's statements
are split in two camps: the two ends of a seed stand apart, a holder stands with itself and
with those who speak for the same organisation, and a statement stands with the statement it
is most alike unless it opposes it. Then statements on the subject that no seed named join
the camp they side with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from rashomon.extract.event.disputes.alliances import Alliances
from rashomon.extract.event.disputes.holders import holder_key, same_holder
from rashomon.extract.event.disputes.opposition import opposition
from rashomon.extract.event.disputes.owners import document_kind
from rashomon.extract.event.disputes.propositions import Proposition

__all__ = ["Camps", "Seed", "align", "enlist", "expand", "group_seeds", "shares_subject", "split"]


@dataclass(frozen=True, slots=True)
class Seed:
    """Two opposed propositions: ``claim`` and the ``answer`` that opposes it."""

    claim: int
    answer: int
    strength: float
    kind: str  # "response" or "opposition"


@dataclass(slots=True)
class Camps:
    """One dispute under construction: its seeds and the camp of each proposition."""

    seeds: list[Seed]
    side: dict[int, int] = field(default_factory=dict)  # proposition -> 0 (claim) or 1
    core: Seed | None = None

    def members(self, k: int) -> list[int]:
        """The propositions of camp ``k``."""
        return [i for i, s in self.side.items() if s == k]


def shares_subject(a: Proposition, b: Proposition) -> bool:
    """Whether two statements speak of something in common: two content words, or an entity
    and a content word, or one content word and an entity each (``illegal`` said of the
    talks by one, of what the White House described by the other)."""
    common = len(a.words & b.words)
    return common >= 2 or (common >= 1 and bool(a.entities or b.entities))


def _on_subject(a: Proposition, b: Proposition, sim: float, threshold: float) -> bool:
    # Alike, and about something shared; short statements ("represent an illegal quid pro
    # quo") may share one word only, when they are more alike.
    if sim >= threshold and shares_subject(a, b):
        return True
    return sim >= threshold + 0.1 and bool(a.words & b.words)


def _same_subject(a: Seed, b: Seed, props: Sequence[Proposition],
                  sims: npt.NDArray[np.float32], threshold: float) -> bool:
    # One subject: a shared statement, or alike claims (or alike answers to fairly alike
    # claims), about something shared.
    if {a.claim, a.answer} & {b.claim, b.answer}:
        return True

    def on(x: int, y: int, cut: float) -> bool:
        return _on_subject(props[x], props[y], float(sims[x, y]), cut)

    same_answerer = same_holder(props[a.answer].holder, props[b.answer].holder)
    if same_answerer and same_holder(props[a.claim].holder, props[b.claim].holder) and float(
            sims[a.claim, b.claim]) >= threshold - 0.3:
        return True  # the same two parties answering each other on one subject
    return on(a.claim, b.claim, threshold) or (
        on(a.answer, b.answer, threshold) and on(a.claim, b.claim, threshold - 0.15)
    ) or (on(a.claim, b.answer, threshold + 0.1) and on(a.answer, b.claim, threshold + 0.1)) or (
        # One party answering two wordings of one charge ("disputed Republican claims that
        # the talks might be illegal", "disputed any suggestion of impropriety").
        same_answerer and on(a.answer, b.answer, threshold - 0.2)
        and float(sims[a.claim, b.claim]) >= threshold - 0.35
    )


def _centrality(seed: Seed, group: Sequence[Seed], sims: npt.NDArray[np.float32]) -> float:
    # The seed that best stands for its group: strong, and its claim and answer alike to the
    # other seeds' statements (the question most of the group argues about).
    others = [e for s in group if s is not seed for e in (s.claim, s.answer)]
    if not others:
        return seed.strength
    near = sum(float(sims[seed.claim, o]) + float(sims[seed.answer, o]) for o in others)
    return seed.strength + near / (2 * len(others))


def group_seeds(
    seeds: Sequence[Seed],
    props: Sequence[Proposition],
    sims: npt.NDArray[np.float32],
    *,
    threshold: float = 0.6,
) -> list[list[Seed]]:
    """Seeds about one subject, together: seeds sharing a proposition, or whose claims are
    alike (cosine ``>= threshold``) and share an entity or content words.

    Returns:
        Groups of seeds, the strongest group first.
    """
    parent = list(range(len(seeds)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a in range(len(seeds)):
        for b in range(a + 1, len(seeds)):
            if _same_subject(seeds[a], seeds[b], props, sims, threshold):
                parent[find(a)] = find(b)
    groups: dict[int, list[Seed]] = {}
    for k, s in enumerate(seeds):
        groups.setdefault(find(k), []).append(s)
    out = [sorted(g, key=lambda s: -_centrality(s, g, sims)) for g in groups.values()]
    out.sort(key=lambda g: -sum(s.strength for s in g))
    return out


def _affinity(
    i: int, members: Sequence[int], props: Sequence[Proposition],
    sims: npt.NDArray[np.float32], ally: Callable[[str | None, str | None], bool],
) -> float:
    # How much proposition i belongs with these members: its holder among theirs (or an
    # ally of theirs) first, then how alike it is to the most alike of them.
    if not members:
        return 0.0
    same = any(ally(props[i].holder, props[m].holder) for m in members)
    return (1.0 if same else 0.0) + max(float(sims[i, m]) for m in members)


def split(
    seeds: Sequence[Seed],
    props: Sequence[Proposition],
    sims: npt.NDArray[np.float32],
    ally: Callable[[str | None, str | None], bool],
    alliances: Alliances | None = None,
) -> Camps:
    """Split one group of seeds into two camps, the strongest seed's claim in camp 0.

    Args:
        seeds: one group, strongest first.
        props: the event's propositions.
        sims: cosine similarity between propositions.
        ally: whether two holders speak for one side (the same holder, or one organisation).

    Returns:
        The camps, ``core`` set to the strongest seed.
    """
    camps = Camps(seeds=list(seeds), core=seeds[0])
    lead = props[seeds[0].claim].holder
    for s in seeds:
        c, a = s.claim, s.answer
        if alliances is not None and s is not seeds[0]:
            rel = alliances.relation(props[c].holder, lead) or -alliances.relation(
                props[a].holder, lead)
            if rel:
                # The event's camps say which side this seed's claim is on.
                camps.side.setdefault(c, 0 if rel > 0 else 1)
                camps.side.setdefault(a, 1 - camps.side[c])
                continue
        if c in camps.side and a in camps.side:
            continue
        if c in camps.side:
            camps.side[a] = 1 - camps.side[c]
        elif a in camps.side:
            camps.side[c] = 1 - camps.side[a]
        else:
            zero, one = camps.members(0), camps.members(1)
            keep = (_affinity(c, zero, props, sims, ally) + _affinity(a, one, props, sims, ally))
            swap = (_affinity(c, one, props, sims, ally) + _affinity(a, zero, props, sims, ally))
            camps.side[c], camps.side[a] = (1, 0) if swap > keep else (0, 1)
    _one_side_per_holder(camps, props)
    return camps


def _one_side_per_holder(camps: Camps, props: Sequence[Proposition]) -> None:
    # A holder stands on one side: its statements go to the side most of them are on (the
    # core seed's holders keep their own sides).
    votes: dict[str, list[int]] = {}
    for i, k in camps.side.items():
        h = props[i].holder
        if h is not None:
            votes.setdefault(holder_key(h), [0, 0])[k] += 1
    fixed: dict[str, int] = {}
    if camps.core is not None:
        for i in (camps.core.claim, camps.core.answer):
            h = props[i].holder
            if h is not None:
                fixed[holder_key(h)] = camps.side[i]
    for i in list(camps.side):
        h = props[i].holder
        if h is None:
            continue
        key = holder_key(h)
        zero, one = votes[key]
        camps.side[i] = fixed.get(key, 0 if zero > one else 1 if one > zero else camps.side[i])


def _stance(
    p: Proposition,
    members: Sequence[int],
    camps: Camps,
    props: Sequence[Proposition],
    sims: npt.NDArray[np.float32],
    ally: Callable[[str | None, str | None], bool],
    answers: frozenset[int],
    threshold: float,
    alliances: Alliances | None,
    naming: frozenset[int] = frozenset(),
) -> int | None:
    # The camp a statement on the subject sides with, when something in it says so: its
    # holder (or an ally) is in a camp; it answers like the answering camp does; it opposes a
    # member; or it restates a member (very alike, same polarity). Otherwise none: being on
    # the subject says nothing about the side.
    near = [m for m in members if _on_subject(p, props[m], float(sims[p.index, m]), threshold)]
    if not near:
        return None
    best = max(near, key=lambda m: float(sims[p.index, m]))
    if alliances is not None and camps.core is not None:
        for end, side in ((camps.core.claim, 0), (camps.core.answer, 1)):
            rel = alliances.relation(p.holder, props[end].holder)
            if rel:
                return side if rel > 0 else 1 - side
    if opposition(p, props[best], similarity=float(sims[p.index, best]),
                  close=threshold + 0.15) >= 0.6:
        return 1 - camps.side[best]
    if p.index in answers:
        return 1
    own = _allied_camp(p, camps, props, ally)
    if own is not None:
        return own
    # A statement right after a seed's statement in the same article goes on with that side
    # ("Brandt Lines dismissed the accusation. 'Every report was sent,' said its chief").
    after = [m for m in members if props[m].article_id == p.article_id
             and 0 <= p.sentence - props[m].sentence <= 1 and props[m].span.start < p.span.start]
    if after:
        return camps.side[max(after, key=lambda m: props[m].span.start)]
    # Restating a claim nobody in the text owns ("any suggestion that there was impropriety")
    # is telling the story, not taking a side; an unowned report is restated by its authors.
    unowned = (props[best].holder_kind == "anonymous" and not props[best].cue
               and document_kind(str(props[best].holder)) is None)
    # Being alike an answer that names what it answers ("called the report a cruel hoax",
    # "disputed claims that ...") is being alike what it names: no side either.
    named = best in naming and not same_holder(p.holder, props[best].holder)
    if (float(sims[p.index, best]) >= threshold + 0.15 and p.negated == props[best].negated
            and not unowned and not named):
        return camps.side[best]
    return None


def expand(
    camps: Camps,
    props: Sequence[Proposition],
    sims: npt.NDArray[np.float32],
    ally: Callable[[str | None, str | None], bool],
    *,
    taken: set[int],
    answers: frozenset[int] = frozenset(),
    threshold: float = 0.45,
    alliances: Alliances | None = None,
    naming: frozenset[int] = frozenset(),
) -> None:
    """Add the statements on the subject that no seed named, each to the camp it sides with.

    A statement joins when it is alike (``>= threshold``) to a seed's statement and shares
    words or an entity with it, and something says which camp it takes: its holder (or an
    ally) is in a camp already; it opposes the statement it is most alike (the other camp);
    it is itself an answer (the answering camp); or it restates that statement (much alike,
    same polarity).

    Args:
        camps: the dispute (changed in place).
        props: the event's propositions.
        sims: similarity between propositions.
        ally: whether two holders speak for one side.
        taken: propositions already used by a dispute (updated); one joins a second dispute
            only with its holder's camp, never by its words alone.
        answers: propositions that answer someone (denials, rebuttals).
        naming: those of the answers that name what they answer ("the report", "claims
            that ..."): a statement alike one of them is alike what it names, so it restates
            neither side.
        threshold: the least similarity to a seed's statement.
    """
    members = sorted({e for seed in camps.seeds for e in (seed.claim, seed.answer)}
                     & set(camps.side))
    for i, p in enumerate(props):
        if i in camps.side or p.holder is None or p.voice == "author":
            continue
        if i in taken:
            # Used by another dispute: it joins this one only with its holder's camp.
            side = _holders_camp(p, members, camps, props, sims, ally, threshold)
            if side is not None:
                camps.side[i] = side
            continue
        side = _stance(p, members, camps, props, sims, ally, answers, threshold, alliances,
                       naming)
        if side is not None and (side == 1 or not _unlike_all(p, members, props, sims, threshold)):
            camps.side[i] = side
    _one_side_per_holder(camps, props)
    taken.update(camps.side)


def _holders_camp(p: Proposition, members: Sequence[int], camps: Camps,
                  props: Sequence[Proposition], sims: npt.NDArray[np.float32],
                  ally: Callable[[str | None, str | None], bool], threshold: float) -> int | None:
    # The camp a statement's holder (or an ally) is in, when the statement is on the subject.
    if not any(_on_subject(p, props[m], float(sims[p.index, m]), threshold) for m in members):
        return None
    return _allied_camp(p, camps, props, ally)


def _allied_camp(p: Proposition, camps: Camps, props: Sequence[Proposition],
                 ally: Callable[[str | None, str | None], bool]) -> int | None:
    # The camp most of the statements by its holder (or an ally) are in; None when in none.
    own = [camps.side[m] for m in camps.side if ally(p.holder, props[m].holder)]
    if not own:
        return None
    return 0 if own.count(0) >= own.count(1) else 1


def _unlike_all(p: Proposition, members: Sequence[int], props: Sequence[Proposition],
                sims: npt.NDArray[np.float32], threshold: float) -> bool:
    # An ally's statement on another subject is no statement on this one.
    return not any(_on_subject(p, props[m], float(sims[p.index, m]), threshold)
                   for m in members)


def _allied_side(alliances: Alliances, holder: str | None,
                 ends: Sequence[tuple[str | None, int]], steps: int) -> int | None:
    # The side the alliances put a holder on: with the first core holder it stands with
    # or against (at most ``steps`` signals away), or None when no signal places it.
    for end, side in ends:
        rel = alliances.near(holder, end, steps=steps)
        if rel:
            return side if rel > 0 else 1 - side
    return None


def _core_ends(core: Seed, props: Sequence[Proposition]) -> tuple[tuple[str | None, int], ...]:
    return (props[core.claim].holder, 0), (props[core.answer].holder, 1)


def align(camps: Camps, props: Sequence[Proposition], alliances: Alliances, *,
          steps: int = 1) -> None:
    """Put each statement on the side the event's alliances give its holder.

    A statement joins a camp on local evidence (the seed it is most alike, the statement
    before it); the event's signed graph of holders weighs every response, opposed pair,
    accusation and organisation tie at once, so where it places a holder relative to the
    core seed's two holders, that wins (changed in place). Only holders at most ``steps``
    signals from a core holder are moved (organisation ties free): on the 20 dev events one
    signal places more holders right than two or any number, since a long chain of quarrels
    colours alike parties who never spoke to each other.
    """
    core = camps.core
    if core is None:
        return
    ends = _core_ends(core, props)
    for i in list(camps.side):
        if i in (core.claim, core.answer):
            continue
        side = _allied_side(alliances, props[i].holder, ends, steps)
        if side is not None:
            camps.side[i] = side
    _one_side_per_holder(camps, props)


def enlist(camps: Camps, props: Sequence[Proposition], sims: npt.NDArray[np.float32],
           alliances: Alliances, *, threshold: float = 0.2, steps: int = 1) -> None:
    """Add the holders the alliances place relative to the core seed's holders, each by its
    statement most alike the core's two, when that statement is alike enough
    (``>= threshold``): one who answered or accused either party has taken a side even where
    their words differ from the core's (changed in place). ``steps`` as for :func:`align`."""
    core = camps.core
    if core is None:
        return
    ends = _core_ends(core, props)
    present = {holder_key(props[i].holder) for i in camps.side if props[i].holder}
    sides: dict[str, int | None] = {}  # each holder placed once, not once per statement
    best: dict[str, tuple[float, int, int]] = {}
    for p in props:
        if p.holder is None or p.voice != "attributed":
            continue
        key = holder_key(p.holder)
        if key in present:
            continue
        if key not in sides:
            sides[key] = _allied_side(alliances, p.holder, ends, steps)
        side = sides[key]
        if side is None:
            continue
        near = max(float(sims[p.index, core.claim]), float(sims[p.index, core.answer]))
        if near >= threshold and (key not in best or near > best[key][0]):
            best[key] = (near, p.index, side)
    for _, i, side in best.values():
        camps.side[i] = side
    _one_side_per_holder(camps, props)
