"""In-article name linking: one article's mentions grouped into local entities.

Mentions with the same name key are one entity; an acronym and its long form from a ``Long Form
(LF)`` pair are one entity; a person's partial name joins the one fuller name that ends or starts
with it; a surname the tagger gave another type joins the one person who bears it. A group is
named by its fullest form and labelled by the majority of its mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from rashomon.extract.article.entities import (
    TITLE_WORDS,
    RawMention,
    dedupe_roles,
    is_acronym,
    name_key,
)
from rashomon.lexicon import words
from rashomon.model import LocalEntity, Mention, Role, Span, content_id

__all__ = ["ORGANISATION_HEADS", "link_mentions", "organisation_roles"]


class _Groups:
    """Union-find over mention indexes; the smaller index is a group's root."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def members(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for idx in range(len(self.parent)):
            out.setdefault(self.find(idx), []).append(idx)
        return out


def _person_parts(name: str) -> list[str]:
    return [p for p in re.split(r"\s+", name.strip()) if p]


def _group_label(raw: Sequence[RawMention], members: Sequence[int]) -> str:
    """A group's label by majority, so one mislabelled mention does not split a name; a mention
    in a place-only position counts twice, and a "person" whose stated roles are organisation
    nouns ("the operator, Velna Hydro") is an organisation."""
    counts: Counter[str] = Counter()
    for x in members:
        counts[raw[x].label] += 2 if raw[x].place else 1
    label = max(counts, key=lambda lab: (counts[lab], lab == "PERSON", lab))
    if label == "PERSON" and organisation_roles([r for x in members for r in raw[x].roles]):
        return "ORG"
    return label


def _join_same_names(groups: _Groups, raw: Sequence[RawMention], surface: Sequence[str]) -> None:
    """Mentions with one name key, and the two halves of a ``Long Form (LF)`` pair."""
    by_key: dict[str, int] = {}
    for idx, s in enumerate(surface):
        k = name_key(s)
        if k in by_key:
            groups.union(by_key[k], idx)
        else:
            by_key[k] = idx
    for idx, m in enumerate(raw):
        if m.partner is not None:
            groups.union(idx, m.partner)


def _join_partial_names(
    groups: _Groups, person_roots: Sequence[int], members: dict[int, list[int]],
    surface: Sequence[str], fold: Callable[[str], str],
) -> dict[int, list[str]]:
    """A one-word person name joins the single fuller name that ends or starts with it; a
    surname shared by two different full names stays unlinked (ambiguous). Returns each
    person group's fullest name as folded parts."""
    full: dict[int, list[str]] = {}
    for r in person_roots:
        best = max((surface[x] for x in members[r]), key=lambda s: len(_person_parts(s)))
        full[r] = [fold(p) for p in _person_parts(best)]
    for r in person_roots:
        parts = full[r]
        if len(parts) != 1:
            continue
        cands = {
            groups.find(o)
            for o in person_roots
            if o != r and len(full[o]) >= 2 and parts[0] in (full[o][-1], full[o][0])
        }
        lasts = {tuple(full[c]) for c in cands}
        if len(cands) == 1 or (cands and len(lasts) == 1):
            groups.union(min(cands), r)
    return full


def _join_lone_surnames(
    groups: _Groups, labels: dict[int, str], full: dict[int, list[str]],
    surface: Sequence[str], fold: Callable[[str], str],
) -> set[int]:
    """The small model often tags a surname alone as ORG or GPE ("Trump", "Kasich") even when
    the full name is tagged PERSON in the same article: join it to that one person. Returns the
    persons that took such a surname (their groups stay PERSON whatever the majority says)."""
    surnames: dict[str, set[int]] = {}
    for r, parts in full.items():
        if len(parts) >= 2:
            surnames.setdefault(parts[-1], set()).add(groups.find(r))
    forced: set[int] = set()
    for r, lab in labels.items():
        if lab in {"PERSON", "NORP"} or len(_person_parts(surface[r])) != 1:
            continue
        owners = surnames.get(fold(surface[r]), set())
        if len(owners) == 1 and not is_acronym(surface[r]):
            owner = owners.pop()
            groups.union(owner, r)
            forced.add(owner)
    return forced


def link_mentions(
    article_id: str,
    text: str,
    raw: Sequence[RawMention],
    *,
    translit: Callable[[str], str] | None = None,
    names: Sequence[str] | None = None,
) -> tuple[tuple[Mention, ...], tuple[LocalEntity, ...]]:
    """Group one article's mentions into local entities named by their fullest form.

    Mentions with the same name key are one entity; an acronym and its long form from a
    ``Long Form (LF)`` pair are one entity; a person's partial name (``Peskov``) joins the
    one fuller name in the article that ends (or starts) with it, compared after
    transliteration folding so ``Naryshkin`` finds ``Sergei Narishkin``.

    Args:
        article_id: id of the article.
        text: the original article text.
        raw: mentions from :func:`~rashomon.extract.article.entities.find_mentions`.
        translit: key function for spelling-insensitive surname comparison.
        names: per mention, the form its name is compared and written by, where that is not
            the surface form (the nominative of an inflected Russian name: ``Путину`` ->
            ``Путин``); mentions keep their surface text.

    Returns:
        The mentions (each pointing at its local entity id) and the local entities.
    """
    fold = translit or name_key
    written = [text[m.start : m.end] for m in raw]
    surface = list(names) if names is not None else written
    groups = _Groups(len(raw))
    _join_same_names(groups, raw, surface)
    members = groups.members()
    labels = {root: _group_label(raw, ms) for root, ms in members.items()}
    person_roots = [r for r, lab in labels.items() if lab == "PERSON"]
    full = _join_partial_names(groups, person_roots, members, surface, fold)
    forced = _join_lone_surnames(groups, labels, full, surface, fold)
    forced_roots = {groups.find(r) for r in forced}
    return _entities(article_id, raw, written, surface, groups.members(), forced_roots)


def _entities(
    article_id: str, raw: Sequence[RawMention], written: Sequence[str], surface: Sequence[str],
    members: dict[int, list[int]], forced_roots: set[int],
) -> tuple[tuple[Mention, ...], tuple[LocalEntity, ...]]:
    """The local entities of the final groups, in text order, and their mentions; mentions
    carry their entity's label, so one mis-tagged "Trump" (ORG) reads as PERSON."""
    entities: list[LocalEntity] = []
    ent_of: dict[int, str] = {}
    for root, ms in sorted(members.items(), key=lambda kv: raw[kv[1][0]].start):
        label = "PERSON" if root in forced_roots else _group_label(raw, ms)
        name = _canonical(surface, ms, label)
        eid = content_id(article_id, name)
        entities.append(
            LocalEntity(
                id=eid,
                article_id=article_id,
                name=name,
                label=label,
                mention_spans=tuple(Span(raw[x].start, raw[x].end) for x in sorted(ms)),
                roles=tuple(dedupe_roles(r for x in ms for r in raw[x].roles)),
            )
        )
        for x in ms:
            ent_of[x] = eid
    label_of = {e.id: e.label for e in entities}
    mentions = tuple(
        Mention(
            article_id=article_id,
            span=Span(m.start, m.end),
            text=written[idx],
            label=label_of[ent_of[idx]],
            entity=ent_of[idx],
        )
        for idx, m in enumerate(raw)
    )
    return mentions, tuple(entities)


# Head nouns of a stated role that describe an organisation, not a person.
ORGANISATION_HEADS: frozenset[str] = words("organisation_role_heads")
_ROLE_CUT_RE = re.compile(r"\s(?:of|at|for|on|in|with|from|to)\s")


def organisation_roles(roles: Sequence[Role]) -> bool:
    """Whether stated roles call a "person" an organisation, and none gives a person's title.

    A role's head is its last word before a preposition: "the dam's operator" -> operator,
    "chief executive of the company" -> executive.

    Args:
        roles: the roles stated for one name.

    Returns:
        True when a head is an organisation noun (:data:`ORGANISATION_HEADS`) and no head
        is a title word.
    """
    heads = set()
    for r in roles:
        words = _ROLE_CUT_RE.split(f" {r.text} ", maxsplit=1)[0].split()
        if words:
            heads.add(words[-1].casefold().strip(",.;:"))
    return bool(heads & ORGANISATION_HEADS) and not heads & TITLE_WORDS


def _canonical(surface: Sequence[str], members: Sequence[int], label: str) -> str:
    """The fullest form: most words, then not an acronym, then most frequent."""
    counts = Counter(_clean_name(surface[x]) for x in members)

    def score(s: str) -> tuple[int, int, int, int]:
        return (not is_acronym(s), len(s.split()), counts[s], -len(s))

    return max(counts, key=score)


def _clean_name(s: str) -> str:
    s = re.sub(r"\s+", " ", s.replace("\u2019", "'")).strip()
    return re.sub(r"'s?$", "", s)
