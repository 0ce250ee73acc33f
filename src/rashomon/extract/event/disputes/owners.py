"""Owners: whose document a response answers when it names only the document.

"Said the suit is without merit", "called the report a cruel hoax": the answer names a kind of
document, not its author. The event usually says elsewhere whose it is -- ``Nebraska and
Oklahoma filed a lawsuit``, ``the report by the task force``, ``Romney's new ad`` -- and the
answer stands against that author. Document kinds are the groups of
``lexicon/en/document_nouns.toml`` (``lawsuit`` and ``suit`` are one); the verbs that make a
document someone's are ``owning_verbs`` in ``lexicon/en/dispute_responses.toml``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from rashomon.extract.article.attributions.phrases import document_group
from rashomon.extract.event.disputes.holders import HolderIndex
from rashomon.lexicon import table
from rashomon.model import EventDoc

__all__ = ["document_kind", "document_owners", "owner_of"]

_POSSESSED = re.compile(r"^(?:[ \t]+|['\u2019]s?[ \t]+(?:[\w'\u2019-]+[ \t]+){0,2})$")
# How far around a document noun its author may be named, in characters.
_REACH = 90


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    nouns = sorted({str(w) for ws in table("document_nouns").values() for w in ws},
                   key=lambda w: (-len(w), w))
    noun = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in nouns) + r")s?\b", re.I)
    verbs = "|".join(re.escape(str(v)) for v in table("dispute_responses")["owning_verbs"])
    # "Nebraska and Oklahoma filed a lawsuit", "the NRA, which paid for the study, released a
    # 225-page report": the author, a verb of making, up to five words of the noun phrase.
    made = re.compile(rf"^\s*(?:,[^,.;]{{0,60}},\s*)?(?:\w+\s+){{0,2}}?(?:{verbs})\s+"
                      r"(?:[\w'\u2019-]+\s+){0,5}$", re.I)
    # "the lawsuit filed by X", "a report from X", "the ad, paid for by X".
    by = re.compile(rf"^\s*,?\s*(?:(?:{verbs})\s+)?(?:by|from|in)\s+(?:[\w.'\u2019-]+\s+){{0,3}}$",
                    re.I)
    return noun, made, by


def _joined(names: list[tuple[int, int, str]], k: int, text: str) -> str:
    # "Nebraska and Oklahoma filed a lawsuit": both names are the author.
    s, e, name = names[k]
    if k > 0 and re.fullmatch(r"\s+and\s+", text[names[k - 1][1]:s]):
        return f"{names[k - 1][2]} and {name}"
    if k + 1 < len(names) and re.fullmatch(r"\s+and\s+", text[e:names[k + 1][0]]):
        return f"{name} and {names[k + 1][2]}"
    return name


def _owner_at(holders: HolderIndex, article_id: str, text: str, start: int,
              end: int) -> str | None:
    # The author the words around one document noun name: a name or possessor right before
    # it, the subject of a verb of making before it, or a "by"/"from" phrase right after it.
    _, made, by = _patterns()
    if re.search(r"\b(?:own|rival|counter)\s+(?:[\w-]+\s+)?$", text[max(0, start - 30):start],
                 re.I):
        return None  # "issued its own resolution": an answer to the document, not it
    before = holders.names_in(article_id, max(0, start - _REACH), start)
    if before:
        between = text[before[-1][1]:start]
        # "the NAACP resolution", "Romney's new ad", "X filed a lawsuit"
        if "\n" not in between and (_POSSESSED.match(between) or made.match(between)):
            return _joined(before, len(before) - 1, text)
    after = holders.names_in(article_id, end, end + _REACH)
    if after and "\n" not in text[end:after[0][0]] and by.match(text[end:after[0][0]]):
        return _joined(after, 0, text)
    return None


def document_owners(event: EventDoc, holders: HolderIndex) -> dict[str, str]:
    """Each kind of document the event's articles ascribe to someone, and to whom.

    Args:
        event: the event.
        holders: its holder index (authors are named as the event names them).

    Returns:
        Document group (``suit``, ``report``, ``ad``) -> the holder named its author most
        often; a kind ascribed to two authors equally often is left out (it is not one
        document).
    """
    noun, _, _ = _patterns()
    votes: dict[str, Counter[str]] = {}
    for doc in event.docs:
        for m in noun.finditer(doc.text):
            group = document_kind(m.group(0))
            if group is None:
                continue
            owner = _owner_at(holders, doc.id, doc.text, m.start(), m.end())
            if owner is not None:
                votes.setdefault(group, Counter())[owner] += 1
    out = {}
    for group, counts in votes.items():
        ranked = counts.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            out[group] = ranked[0][0]
    return out


def owner_of(noun: str, owners: dict[str, str]) -> str | None:
    """The author of the document a target noun names (``the suit`` -> who filed it)."""
    group = document_kind(noun.split()[-1]) if noun.split() else None
    return owners.get(group) if group is not None else None


def document_kind(word: str) -> str | None:
    """The document kind of a noun, singular or plural (``lawsuits``: suit; ``reports``:
    report), ``None`` for a word that names no document (``suggestion``, ``claims``)."""
    low = word.lower()
    return document_group(low) or document_group(low.rstrip("s"))
