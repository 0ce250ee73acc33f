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

from rashomon.extract.event.disputes.alliances import agreeing, echoes
from rashomon.extract.event.disputes.holders import HolderIndex, holder_key, shown
from rashomon.extract.event.disputes.propositions import Proposition
from rashomon.extract.event.disputes.questions import position
from rashomon.extract.event.disputes.stances import outlet_stances
from rashomon.lexicon import phrase_alternation, stem_alternation, table
from rashomon.model import Dispute, EventDoc, Evidence, Side, content_id

__all__ = ["Pole", "answers_callers", "appeal_disputes", "poles", "stance_on"]

_VERB_CONTEXT = re.compile(
    r"\b(?:to|should|must|ought|will|would|shall|can|cannot|not|never|is|am|are|be|"
    r"n['\u2019]t|['\u2019]ll|['\u2019]s|['\u2019]m)\s+(?:\w+\s+){0,1}$", re.I)
_ARTICLE = re.compile(r"(?:(?:a|an|the|his|her|their|its|an immediate|a quick)\s+)?$", re.I)
_NEGATOR = re.compile(r"\b(?:not|never|no|won['\u2019]t|n['\u2019]t)\b\W+(?:\w+\W+){0,2}$", re.I)


@dataclass(frozen=True, slots=True)
class Pole:
    """Two actions that undo each other, as regular expressions over a statement."""

    name: str
    do: re.Pattern[str]
    keep: re.Pattern[str]
    first: str  # the first "do" phrase, for the question
    transitive: bool = False  # the question names what the action is done to


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
                      first=str(p["do"][0]), transitive=bool(p.get("transitive", False)))
                 for p in table("actions")["poles"])


@cache
def _cues(key: str) -> re.Pattern[str]:
    return re.compile(rf"\b{stem_alternation(table('actions')[key])}\b", re.I)


def stance_on(p: Proposition, pole: Pole) -> int | None:
    """+1 when ``p`` is for the pole's action, -1 when against it, ``None`` when silent.

    ``urged him to step aside`` is for leaving; ``refused to step down``, ``I'm not quitting``
    and ``vowed to stay in the race`` are against it.
    """
    asks = (_cues("appeals").search(p.cue) or _cues("refusals").search(p.cue)
            or _cues("commits").search(p.cue) or p.modality in ("should", "will"))
    # "called for a veto": the action asked for may be a noun right after the cue.
    noun = _cues("appeals").search(p.cue) is not None and p.cue.endswith(" for")
    found = [(m.start(), 1) for m in pole.do.finditer(p.text)
             if _verb(p.text, m.start()) or (noun and _ARTICLE.match(p.text[:m.start()]))]
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


def _target(pole: Pole, props: Sequence[Proposition], against: Sequence[Proposition],
            holders: HolderIndex) -> str | None:
    # Whose action is at stake: the person the calls name most ("called on Brewer to veto
    # it": the name is in the call's frame, not its content), or who refuses. A holder who
    # only answers the callers refuses nothing of their own.
    counts: Counter[str] = Counter()
    refusing = {p.index for p in against}
    callers = {holder_key(str(p.holder)) for p in props if p.index not in refusing}
    for p in props:
        named = {n for *_, n in holders.names_in(p.article_id, p.frame.start, p.frame.end)}
        counts.update(e for e in sorted(named | p.entities) if holders.label.get(e) == "PERSON"
                      and not (p.holder and holder_key(e) == holder_key(p.holder)))
    # A caller is the one called on only when the calls name them more than anyone else
    # ("urged Brewer to veto it", and Brewer announced her veto): one caller citing another
    # ("citing former senators like John Ashcroft") does not make them the target.
    for name in [n for n in counts if holder_key(n) in callers]:
        counts[name] -= 1
    for p in against:
        if (p.holder and holders.label.get(p.holder) == "PERSON"
                and stance_on(p, pole) is not None):
            counts[p.holder] += 2
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] > 0 else None


_OBJECT = re.compile(r"(?<=\S)\s+((?:the|this|that)(?:\s+(?!(?:and|or|to|on|in|at|by|for|before|"
                     r"after|because|if|unless|as|that|which|who|when|but|then|so|with|from|over|into|"
                     r"until|while)\b)[\w-]+){1,3})", re.I)


def _object(pole: Pole, props: Sequence[Proposition]) -> str | None:
    # What the action is done to, as the calls name it ("veto the bill"), when they do.
    counts: Counter[str] = Counter()
    for p in props if pole.transitive else ():
        for m in pole.do.finditer(p.text):
            o = _OBJECT.match(p.text, m.end())
            if o is not None:
                counts[o.group(1).lower()] += 1
    return counts.most_common(1)[0][0] if counts else None


def appeal_disputes(event: EventDoc, props: Sequence[Proposition], holders: HolderIndex,
                    answers: frozenset[int] = frozenset()) -> list[Dispute]:
    """One dispute per action pair on which holders take both sides.

    Args:
        event: the event.
        props: its propositions.
        holders: its holder index.
        answers: indexes of the propositions that answer someone (responses); one aimed at
            the callers ("our opponents have employed a new tactic") stands against the call
            most holders make.

    Returns:
        Disputes of kind ``appeal``: side 0 for the action, side 1 against it.
    """
    found: list[tuple[Pole, dict[int, list[Proposition]]]] = []
    for pole in poles():
        sides: dict[int, list[Proposition]] = {1: [], -1: []}
        for p in props:
            if p.holder is None or p.voice != "attributed":
                continue
            s = stance_on(p, pole)
            if s is not None:
                sides[s].append(p)
        found.append((pole, sides))
    called = max(found, key=lambda f: len({p.holder for p in f[1][1]}), default=None)
    if called is not None and called[1][1]:
        # Someone who makes the call answers other critics, not the callers.
        callers = {holder_key(str(p.holder)) for p in called[1][1]}
        called[1][-1].extend(p for p in props if p.index in answers and p.holder is not None
                             and holder_key(p.holder) not in callers and answers_callers(p))
    # "Their calls were echoed by three senators": an echo takes the side of what it echoes.
    echoed = [(p, who) for p in props if (who := echoes(p, props, holders))]
    for _, sides in found:
        for k in (1, -1):
            keys = {holder_key(str(q.holder)) for q in sides[k]}
            sides[k].extend(p for p, who in echoed if any(holder_key(w) in keys for w in who))
    out = []
    for pole, sides in found:
        if not sides[1] or not sides[-1]:
            continue
        d = _dispute(event, pole, sides[1], sides[-1], holders)
        if d is not None:
            out.append(d)
    return out


def answers_callers(p: Proposition) -> bool:
    """Whether a response names the people who call for an action as what it answers.

    ``our opponents have employed a new political tactic`` and ``what she called
    "fear-mongering" from the measure's opponents`` do; ``the polls favour him`` does not,
    nor does a statement whose cue sides with the one before it (``were echoed by``).
    """
    return (_callers().search(p.text) is not None
            and not agreeing(p.cue))


@cache
def _callers() -> re.Pattern[str]:
    # The nouns for the people against something ("opponents", "critics") are the camps
    # table of the responses lexicon: the callers of the action are its opponents.
    return re.compile(rf"\b{phrase_alternation(table('dispute_responses')['camps']['against'])}\b",
                      re.I)


def _side(event: EventDoc, props: Sequence[Proposition], holders: HolderIndex) -> Side:
    names = list(dict.fromkeys(shown(holders, str(p.holder)) for p in props))
    # A call reads whole only with its speaker and cue ("Jeff Flake and John McCain called on
    # Brewer to veto it", not "to veto it").
    texts = {d.article.id: d.article.text for d in event.docs}
    first = props[0]
    said = " ".join(texts.get(first.article_id, "")[first.frame.start:first.frame.end].split())
    return Side(
        position=position(said or first.text),
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
    sides = (_side(event, pro, holders), _side(event, con, holders))
    outlets = {o for s in sides for o in s.outlets}
    if len(outlets) < 2 and sum(len(s.holders) for s in sides) < 3:
        return None
    who = _target(pole, [*pro, *con], con, holders)
    what = _object(pole, [*pro, *con])
    question = f"Should {who or 'they'} {pole.first}{' ' + what if what else ''}?"
    score = float(len(outlets) + sum(min(len(s.holders), 4) for s in sides))
    return Dispute(id=content_id("dispute", "appeal", pole.name, who or ""), question=question,
                   kind="appeal", score=score, sides=sides,
                   outlet_stances=outlet_stances(event, sides))
