"""The dispute's question and each side's position, in the words of the text.

The question is written from the disputed proposition itself: its auxiliary moved to the front
where it has one (``the talks might be illegal`` -> ``Might the talks be illegal?``), else
``Is it true that ...?``. A position is the side's most central statement, shortened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rashomon.lexicon import stem_alternation, table

__all__ = ["about", "askable", "is_clause", "position", "question", "statement"]

_AUX = (r"is|are|was|were|has|have|had|can|could|will|would|should|may|might|must|does|do|did")
# "have" as the verb itself, and the auxiliary its question takes.
_HAVE = {"has": "Does", "have": "Do", "had": "Did"}
# What "has" helps when it is an auxiliary: a past participle, maybe after an adverb.
_PARTICIPLE = re.compile(
    r"[\"'\u201c\u2018]?(?:(?:[a-z]+ly|ever|never|not|also|just|already|long|since|now|once|still|all|both|"
    r"even)\s+){0,2}"
    r"(?:[a-z]+(?:ed|en|wn)|been|done|gone|had|made|said|sent|told|kept|left|lost|paid|put|set|cut|"
    r"let|hit|found|held|led|met|won|brought|bought|thought|taught|caught|sought|fought|"
    r"built|spent|heard|read|run|come|become|got|struck|stood|sat|shot|spun|sold|meant|felt|"
    r"dealt|slept|swept|sworn|torn|worn|begun|sung|drunk|swum)\b", re.I)
_LEAD = re.compile(r"^(?:that|whether|if|because|and|but|so|as|while)\s+", re.I)
_EDGE = " \t\n\"'\u201c\u201d\u2018\u2019,;:.-\u2013\u2014"
_SUBJECT = re.compile(
    rf"^(?P<subj>(?:[\w'\u2019.$%-]+\s+){{0,7}}?[\w'\u2019.$%-]+)\s+(?P<aux>{_AUX})"
    rf"(?P<neg>\s+not|n['\u2019]t)?\s+(?P<rest>\S.*)$",
    re.I | re.S,
)
_ACCUSED = re.compile(
    r"^(?P<who>(?:\S+\s+){0,6}?\S+)\s+of\s+(?P<act>(?:\w+ly\s+)?\w+ing\b.*)$", re.S)
_VERBISH = re.compile(rf"\b(?:{_AUX}|said|says|that|who|which)\b", re.I)


def statement(text: str, max_words: int = 28) -> str:
    """A statement cleaned for display: one line, no leading ``that``, no edge quotes, cut at
    about ``max_words`` words (at a clause boundary where one is near)."""
    out = " ".join(text.split()).strip(_EDGE)
    out = _LEAD.sub("", out).strip(_EDGE)
    words = out.split()
    if len(words) <= max_words:
        return out
    cut = " ".join(words[:max_words])
    stop = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" -- "))
    if stop > len(cut) // 2:
        cut = cut[:stop]
    return cut.rstrip(_EDGE) + "\u2026"


def question(text: str, speaker: str | None = None) -> str:
    """The yes/no question a disputed statement raises.

    Args:
        text: the disputed statement, as the text words it.
        speaker: who states it; a pronoun subject of reported speech is the speaker ("The
            United States said it had warned Russia" -> "Had the United States warned ...").

    Returns:
        ``Aux subject rest?`` when the statement opens with a short subject and an auxiliary,
        else ``Is it true that <statement>?``.
    """
    speaker_is_body = bool(speaker) and str(speaker).startswith(("the ", "The "))
    claim = _dangling(statement(text).rstrip("\u2026?").rstrip(_EDGE))
    # "..., a contention her lawyer disputed": the aside answers the question, it is no part.
    claim = _aside().sub("", claim).rstrip(_EDGE)
    named = _named_claim().match(claim)
    if named is not None and is_clause(named.group("clause")):
        # "accusations that she had misled Congress": the question asks the clause.
        claim = named.group("clause")
    accused = _ACCUSED.match(claim)
    if accused is not None:
        # "accused Brandt Lines of hiding safety reports": was Brandt Lines hiding them?
        who = accused.group("who")
        who = who[:1].lower() + who[1:] if _pronoun_start(who) else who
        return f"Was {who} {accused.group('act')}?"
    m = _SUBJECT.match(claim)
    if m is not None and not _VERBISH.search(m.group("subj")) and not re.match(
            r"(?:i|you)\b", m.group("subj"), re.I) and not _INFINITIVE.search(m.group("subj")):
        subj = m.group("subj")
        expletive = subj.lower() == "it" and _EXTRAPOSED.match(m.group("rest"))
        # "they" and "we" stand for a body ("the United States"), never for one person.
        plural = subj.lower() in {"they", "we"} and not speaker_is_body
        if (speaker and subj.lower() in {"it", "he", "she", "they", "we", "i"} and not expletive
                and not plural):
            subj = speaker
        elif not subj[:1].isupper() or _pronoun_start(subj):
            subj = subj[:1].lower() + subj[1:]
        # The question asks the statement, not its negation: the sides say yes and no.
        aux, rest = m.group("aux"), m.group("rest").rstrip(_EDGE)
        if aux.lower() in _HAVE and not _PARTICIPLE.match(rest):
            # "has doubts about ...": "have" is the verb itself ("Does Trump have doubts?").
            return f"{_HAVE[aux.lower()]} {subj} have {_closed(rest)}?"
        return f"{aux.capitalize()} {subj} {_closed(rest)}?"
    if claim and (_pronoun_start(claim) or claim.split()[0] in ("There", "Some", "Many")):
        claim = claim[:1].lower() + claim[1:]  # "The article omits ..." inside the question
    return f"Is it true that {_closed(claim)}?"


# "needed to do more": a verb after "to" is an infinitive, not the auxiliary to move.
_INFINITIVE = re.compile(r"\bto$", re.I)
# "it was possible that ...", "it is too early to say": "it" stands for the clause after, not
# for anyone.
_EXTRAPOSED = re.compile(r"(?:not\s+)?(?:[\w-]+\s+){1,2}(?:that|whether|to)\b", re.I)
# Words a statement cut short cannot end on ("... repudiate the racist element and").
_DANGLING = frozenset({"and", "but", "or", "nor", "the", "a", "an", "of", "to", "in", "on", "at",
                       "for", "with", "by", "from", "that", "which", "who", "as", "than",
                       "because", "while"})


def _dangling(claim: str) -> str:
    words = claim.split()
    if len(words) <= 3:
        return claim
    while len(words) > 3 and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(_EDGE)


def _closed(text: str) -> str:
    # A quotation the statement opens but its span does not close is closed at the end
    # ("had \u201cserved in the Marines" -> "had \u201cserved in the Marines\u201d").
    if text.count("\u201c") > text.count("\u201d"):
        return text + "\u201d"
    if text.count('"') % 2:
        return text + '"'
    return text


@cache
def _named_claim() -> re.Pattern[str]:
    # A statement that only names a claim and quotes it: "accusations that ...", "Republican
    # claims that ...". The nouns are the responses lexicon's names for what is answered.
    nouns = stem_alternation(table("dispute_responses")["targets"])
    return re.compile(rf"^(?:[\w'\u2019-]+\s+){{0,3}}?{nouns}\s+that\s+(?P<clause>\S.*)$",
                      re.I | re.S)


@cache
def _aside() -> re.Pattern[str]:
    # ", a claim the ministry denies" closing a statement (responses.appositive_answers).
    t = table("dispute_responses")
    return re.compile(rf",\s+(?:a|an|the)\s+{stem_alternation(t['targets'])}\s+(?:that\s+|"
                      rf"which\s+)?[^,;]{{1,80}}?\s+{stem_alternation(t['cues'])}$", re.I)


def _pronoun_start(subj: str) -> bool:
    return subj.split()[0].lower() in {"the", "a", "an", "this", "that", "these", "those", "it",
                                       "they", "he", "she", "we", "its", "their", "his", "her"}


def position(text: str, max_words: int = 24) -> str:
    """A side's position: its central statement as the text words it, shortened."""
    return statement(text, max_words=max_words)


def about(question_text: str, entities: Sequence[str]) -> str:
    """The question with what it is about when its words do not say it: ``Might the talks
    be illegal?`` about Joe Sestak -> ``On Joe Sestak: might the talks be illegal?``."""
    low = question_text.lower()
    missing = [e for e in entities if e.lower() not in low and e.split()[-1].lower() not in low]
    if not missing or len(missing) < len(entities) or _names_someone(question_text):
        return question_text
    lead = " and ".join(missing[:2])
    return f"On {lead}: {question_text[:1].lower()}{question_text[1:]}"


def _names_someone(question_text: str) -> bool:
    # A capitalised word past the first one ("Had the congressman's Twitter account been
    # hacked?") names what the question is about already.
    return any(w[:1].isupper() and w != "I" for w in question_text.split()[1:])


_FINITE = re.compile(
    rf"\b(?:{_AUX}|says|said|took|made|gave|sent|knew|saw|went|came|became|found|told|cut|"
    r"put|set|hit|let|won|lost|paid|held|kept|left|met|ran|sold|spent|stood|thought|brought|"
    r"bought|caught|fell|felt|led|rose|wrote|began|broke|chose|drove|ate|flew|grew|hid|"
    r"shot|spoke|stole|struck|swore|threw|wore)\b"
    r"|(?<!\bthe )(?<!\ba )(?<!\ban )\b[a-z]{3,}ed\b")


# Openings of words that state nothing a question can ask on its own: an infinitive or a
# question word ("to push back on claims", "how genuine his ambition is"), a verb with its
# subject left outside ("will go a long way"), or the speaker's own "I" and "we".
_SUBJECTLESS = re.compile(
    rf"^(?:to|how|what|why|where|when|i|we|you|{_AUX})\b", re.I)


def askable(texts: Sequence[str]) -> bool:
    """Whether any of a dispute's statements states something a question can ask: a quarrel
    of fragments only (a denial of ``what some have said``) is no dispute a reader can
    follow."""
    return any(is_clause(t) for t in texts)


def is_clause(text: str) -> bool:
    """Whether ``text`` states something (has a subject and a finite verb, or says what
    someone is accused of: ``Brandt Lines of hiding reports``), rather than only naming it
    (``a report in the New York Times``, ``racist elements in the movement``) or leaving its
    subject outside (``to push back on claims``, ``will go a long way``)."""
    if len(text.split()) < 4 or _SUBJECTLESS.match(statement(text)):
        return False
    return _FINITE.search(text) is not None or _ACCUSED.match(statement(text)) is not None
