"""Appeals: "should X do Y?" disputes, from calls to act and their refusals.

Some quarrels are not over what is true but over what someone should do: several people urge
a candidate to step aside and he vows to stay; businesses urge a governor to veto a bill and
its sponsors urge her to sign it. A statement takes a side on an action when it names one of
two actions that undo each other (``lexicon/en/actions.toml``: step aside / stay, veto / sign):
a call for it, a refusal of it (``refused to step down``: the other side), or a negated one
(``I'm not quitting``: the other side). Every such question with holders on both sides is a
dispute.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rashomon.extract.event.disputes.holders import HolderIndex, holder_key
from rashomon.extract.event.disputes.propositions import Proposition
from rashomon.extract.event.disputes.questions import position
from rashomon.extract.event.disputes.stances import outlet_stances
from rashomon.lexicon import table
from rashomon.model import Dispute, EventDoc, Evidence, Side, content_id

__all__ = ["Pole", "appeal_disputes", "poles", "stance_on"]

_VERB_CONTEXT = re.compile(
    r"\b(?:to|should|must|ought|will|would|shall|can|cannot|not|never|is|am|are|be|"
    r"n['\u2019]t|['\u2019]ll|['\u2019]s|['\u2019]m)\s+(?:\w+\s+){0,1}$", re.I)
_NEGATOR = re.compile(r"\b(?:not|never|no|won['\u2019]t|n['\u2019]t)\b\W+(?:\w+\W+){0,2}$", re.I)


@dataclass(frozen=True, slots=True)
class Pole:
    """Two actions that undo each other, as regular expressions over a statement."""

    name: str
    do: re.Pattern[str]
    keep: re.Pattern[str]
    first: str  # the first "do" phrase, for the question


def _phrases(entries: Sequence[str]) -> re.Pattern[str]:
    parts = []
    for e in sorted(entries, key=len, reverse=True):
        words = e.split()
        parts.append(re.escape(words[0]) + r"\w*" + "".join(r"\s+" + re.escape(w)
                                                             for w in words[1:]))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.I)


@cache
def poles() -> tuple[Pole, ...]:
    """The action pairs of ``lexicon/en/actions.toml``."""
    return tuple(Pole(name=str(p["name"]), do=_phrases(p["do"]), keep=_phrases(p["keep"]),
                      first=str(p["do"][0])) for p in table("actions")["poles"])


@cache
def _cues(key: str) -> re.Pattern[str]:
    stems = [str(c) for c in table("actions")[key]]
    return re.compile(r"\b(?:" + "|".join(re.escape(c.rstrip("*")) + (r"\w*" if c.endswith("*")
                                                                        else "") for c in stems)
                      + r")\b", re.I)


def stance_on(p: Proposition, pole: Pole) -> int | None:
    """+1 when ``p`` is for the pole's action, -1 when against it, ``None`` when silent.

    ``urged him to step aside`` is for leaving; ``refused to step down``, ``I'm not quitting``
    and ``vowed to stay in the race`` are against it.
    """
    asks = (_cues("appeals").search(p.cue) or _cues("refusals").search(p.cue)
            or _cues("commits").search(p.cue) or p.modality in ("should", "will"))
    found = [(m.start(), 1) for m in pole.do.finditer(p.text) if _verb(p.text, m.start())]
    found += [(m.start(), -1) for m in pole.keep.finditer(p.text) if _verb(p.text, m.start())]
    if not found:
        return None
    at, side = min(found)
    refused = _NEGATOR.search(p.text[:at]) is not None
    if not (asks or refused):
        return None  # "23 states have enacted such laws": no call for anything
    if refused:  # "I am not quitting"
        side = -side
    if _cues("refusals").search(p.cue):
        side = -side
    return side


def _verb(text: str, at: int) -> bool:
    # The action named as a verb ("to step aside", "will stay", "is not quitting"), not as
    # a noun ("put up a sign", "stayed in the basic positions" of a store).
    return at == 0 or _VERB_CONTEXT.search(text[max(0, at - 40):at]) is not None


def _target(props: Sequence[Proposition], against: Sequence[Proposition],
            holders: HolderIndex) -> str | None:
    # Whose action is at stake: the person the statements name most, or who refuses.
    counts: Counter[str] = Counter()
    for p in props:
        counts.update(e for e in sorted(p.entities) if holders.label.get(e) == "PERSON"
                      and not (p.holder and holder_key(e) == holder_key(p.holder)))
    for p in against:
        if p.holder and holders.label.get(p.holder) == "PERSON":
            counts[p.holder] += 2
    return counts.most_common(1)[0][0] if counts else None


def appeal_disputes(event: EventDoc, props: Sequence[Proposition],
                    holders: HolderIndex) -> list[Dispute]:
    """One dispute per action pair on which holders take both sides.

    Args:
        event: the event.
        props: its propositions.
        holders: its holder index.

    Returns:
        Disputes of kind ``appeal``: side 0 for the action, side 1 against it.
    """
    out = []
    for pole in poles():
        sides: dict[int, list[Proposition]] = {1: [], -1: []}
        for p in props:
            if p.holder is None or p.voice != "attributed":
                continue
            s = stance_on(p, pole)
            if s is not None:
                sides[s].append(p)
        if not sides[1] or not sides[-1]:
            continue
        d = _dispute(event, pole, sides[1], sides[-1], holders)
        if d is not None:
            out.append(d)
    return out


def _side(event: EventDoc, props: Sequence[Proposition]) -> Side:
    names = list(dict.fromkeys(str(p.holder) for p in props))
    return Side(
        position=position(props[0].text),
        holders=tuple(names),
        outlets=tuple(dict.fromkeys(p.outlet for p in props)),
        evidence=tuple(Evidence(article_id=p.article_id, span=p.span) for p in props),
    )


def _dispute(event: EventDoc, pole: Pole, pro: Sequence[Proposition],
             con: Sequence[Proposition], holders: HolderIndex) -> Dispute | None:
    # A holder stands on one side: the side most of its statements are on.
    votes: Counter[tuple[str, int]] = Counter()
    for k, group in ((1, pro), (-1, con)):
        votes.update((holder_key(str(p.holder)), k) for p in group)

    def mine(p: Proposition, k: int) -> bool:
        key = holder_key(str(p.holder))
        return votes[(key, k)] >= votes[(key, -k)]

    pro = [p for p in pro if mine(p, 1)]
    con = [p for p in con if mine(p, -1)]
    if not pro or not con:
        return None
    sides = (_side(event, pro), _side(event, con))
    outlets = {o for s in sides for o in s.outlets}
    if len(outlets) < 2 and sum(len(s.holders) for s in sides) < 3:
        return None
    who = _target([*pro, *con], con, holders)
    question = f"Should {who or 'they'} {pole.first}?"
    score = float(len(outlets) + sum(min(len(s.holders), 4) for s in sides))
    return Dispute(id=content_id("dispute", "appeal", pole.name, who or ""), question=question,
                   kind="appeal", score=score, sides=sides,
                   outlet_stances=outlet_stances(event, sides))
