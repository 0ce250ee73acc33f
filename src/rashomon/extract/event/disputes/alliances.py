"""Alliances: which holders stand together and which against each other, over the whole event.

One statement rarely says on its own which side its holder takes; the event as a whole does.
Every signal between two holders is an edge of a signed graph: a response or an opposed pair
sets its two holders against each other, and so does an accusation (``X accused Y``, ``X called
on Y to quit``); echoing someone's words (``Y echoed X's sentiments``) or speaking for one
organisation (``AARP spokeswoman`` and ``AARP``) binds them.
The graph is then split in two, strongest edges first, each edge kept when it does not
contradict the stronger ones already placed (a greedy signed two-colouring).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rashomon.extract.event.disputes.holders import HolderIndex, holder_key
from rashomon.extract.event.disputes.propositions import Proposition
from rashomon.lexicon import stem_alternation, table

__all__ = ["Alliances", "Edge", "accusations", "agreeing", "agreements", "build_alliances",
           "echoes"]


@dataclass(frozen=True, slots=True)
class Edge:
    """A signal between two holders: ``sign`` -1 against, +1 together."""

    a: str
    b: str
    sign: int
    weight: float


@cache
def _cues(key: str) -> re.Pattern[str]:
    # A cue list of the responses lexicon ("accusations", "endorsements", "agreeing").
    return re.compile(rf"\b{stem_alternation(table('dispute_responses')[key])}\b", re.I)


def accusations(props: Sequence[Proposition], holders: HolderIndex) -> Iterable[Edge]:
    """Edges from accusations and pressure: the speaker against the party the statement
    targets (``Bruning accused Colorado officials``, ``Romney called on Akin to quit``), and
    from praise: the speaker with the party it praises (``Mattioli praised the NRA``)."""
    for pat, sign in ((_cues("accusations"), -1), (_cues("endorsements"), 1)):
        for p in props:
            if p.holder is None or p.voice != "attributed" or not pat.search(p.cue):
                continue
            # The accused (or praised) is the first entity the statement names.
            named = holders.names_in(p.article_id, p.span.start, p.span.end)
            for _, _, name in named[:1]:
                if holder_key(name) != holder_key(p.holder):
                    yield Edge(p.holder, name, sign, 0.6)


def agreeing(cue: str) -> bool:
    """Whether a speech cue sides with someone else's words (``echoed``, ``agreed``)."""
    return _cues("agreeing").search(cue) is not None


def echoes(p: Proposition, props: Sequence[Proposition], holders: HolderIndex) -> tuple[str, ...]:
    """Whose words a statement sides with, when its cue says it does: the person its words
    name first (``Elliott echoed Tvert's sentiments``), else every other speaker of the last
    sentence of its article before it that has one (``Their calls were echoed by three
    senators`` after "an executive called her to urge ..., and Parker sent her a letter");
    empty otherwise."""
    if p.holder is None or not agreeing(p.cue):
        return ()
    # Those who say it with the speaker ("three senators -- Driggs, Pierce and Worsley")
    # hold the same statement, one proposition each: they are not the echoed.
    speakers = {holder_key(str(q.holder)) for q in props
                if q.article_id == p.article_id and q.frame == p.frame}
    for _, _, name in holders.names_in(p.article_id, p.frame.start, p.frame.end):
        if holder_key(name) not in speakers and holders.label.get(name) == "PERSON":
            return (name,)
    before = [q for q in props if q.article_id == p.article_id and q.holder is not None
              and q.voice == "attributed" and q.span.start < p.frame.start
              and holder_key(q.holder) not in speakers]
    if not before:
        return ()
    last = max(q.sentence for q in before)
    return tuple(dict.fromkeys(str(q.holder) for q in before if q.sentence == last))


def agreements(props: Sequence[Proposition], holders: HolderIndex) -> Iterable[Edge]:
    """Edges from agreement: the speaker with the one whose words it echoes."""
    for p in props:
        for who in echoes(p, props, holders) if p.holder is not None else ():
            yield Edge(str(p.holder), who, +1, 0.6)


class Alliances:
    """The two camps of an event's holders (``camp`` is 0 or 1 within a component)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._parity: dict[str, int] = {}
        # The placed edges, for how far apart two holders are (ties cost nothing).
        self._links: dict[str, list[tuple[str, int, int]]] = {}

    def _find(self, x: str) -> tuple[str, int]:
        self._parent.setdefault(x, x)
        self._parity.setdefault(x, 0)
        parity = 0
        root = x
        while self._parent[root] != root:
            parity ^= self._parity[root]
            root = self._parent[root]
        # Path compression keeps the parity to the root.
        node, p = x, parity
        while self._parent[node] != root and node != root:
            nxt, step = self._parent[node], self._parity[node]
            self._parent[node], self._parity[node] = root, p
            p ^= step
            node = nxt
        return root, parity

    def add(self, edge: Edge) -> bool:
        """Place an edge unless it contradicts what stronger edges said; True when placed."""
        a, b = holder_key(edge.a), holder_key(edge.b)
        if a == b:
            return False
        ra, pa = self._find(a)
        rb, pb = self._find(b)
        want = 1 if edge.sign < 0 else 0
        if ra == rb:
            if (pa ^ pb) != want:
                return False
        else:
            self._parent[rb] = ra
            self._parity[rb] = pa ^ pb ^ want
        cost = 0 if edge.sign > 0 and edge.weight >= _TIE else 1
        self._links.setdefault(a, []).append((b, want, cost))
        self._links.setdefault(b, []).append((a, want, cost))
        return True

    def near(self, a: str | None, b: str | None, *, steps: int = 2) -> int:
        """Like :meth:`relation`, but only when a chain of at most ``steps`` signals (ties
        to one's own organisation free) joins the two: my opponent's opponent is my ally,
        not everyone a long chain of quarrels happens to colour alike."""
        if a is None or b is None:
            return 0
        start, goal = holder_key(a), holder_key(b)
        seen = {(start, 0): 0}
        frontier = [(start, 0, 0)]
        while frontier:
            node, parity, used = frontier.pop()
            if node == goal:
                return 1 if parity == 0 else -1
            for nxt, flip, cost in self._links.get(node, ()):
                state = (nxt, parity ^ flip)
                if used + cost <= steps and seen.get(state, steps + 1) > used + cost:
                    seen[state] = used + cost
                    frontier.append((nxt, parity ^ flip, used + cost))
        return 0

    def camp(self, name: str | None) -> tuple[str, int] | None:
        """The component and camp of a holder, or ``None`` when no signal placed it."""
        if name is None:
            return None
        key = holder_key(name)
        if key not in self._parent:
            return None
        return self._find(key)

    def relation(self, a: str | None, b: str | None) -> int:
        """+1 when two holders are in one camp, -1 when in opposite camps, 0 when unknown."""
        ca, cb = self.camp(a), self.camp(b)
        if ca is None or cb is None or ca[0] != cb[0]:
            return 0
        return 1 if ca[1] == cb[1] else -1


# The weight of an organisation tie (a spokeswoman and her organisation): stronger than any
# signal between parties, and free in :meth:`Alliances.near`.
_TIE = 2.0


def build_alliances(edges: Iterable[Edge], ally: Callable[[str, str], bool],
                    names: Sequence[str]) -> Alliances:
    """The event's camps from its edges, strongest first, with organisation ties.

    Args:
        edges: signals between holders.
        ally: whether two holders speak for one organisation.
        names: every holder of the event.

    Returns:
        The camps.
    """
    out = Alliances()
    ties = [Edge(a, b, 1, _TIE) for i, a in enumerate(names) for b in names[i + 1 :]
            if ally(a, b)]
    for e in sorted([*ties, *edges], key=lambda e: -e.weight):
        out.add(e)
    return out
