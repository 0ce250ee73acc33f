"""Named mentions of an article, indexed for resolving sources to people (names, roles)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from rashomon.extract.article.attributions.vocab import ROLE_SYNONYMS, ROLE_WORDS
from rashomon.model import LocalEntity, Mention, Span


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedMention:
    """A named-entity mention with the full name and entity id it resolves to."""

    span: Span
    label: str
    name: str
    entity: str | None = None
    roles: tuple[str, ...] = ()  # lower-cased role texts stated for the entity


class PersonIndex:
    """Named mentions of an article in text order, for resolving sources to people."""

    def __init__(self, mentions: Iterable[NamedMention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.persons = [m for m in self.mentions if m.label == "PERSON"]

    @classmethod
    def from_docs(cls, blocks: Sequence[tuple[int, Doc]]) -> PersonIndex:
        """Build from spaCy ``doc.ents`` (when no entity layer exists), linking surnames.

        Args:
            blocks: ``(offset, doc)`` pairs.

        Returns:
            The index; a one-word PERSON mention is given the fullest name sharing its
            surname (fuzzy, so ``Naryshkin`` and ``Narishkin`` link), and roles are read from
            the words before a name (``Russian President Vladimir Putin``) or an apposition.
        """
        raw: list[tuple[Span, str, str, tuple[str, ...]]] = []
        for offset, doc in blocks:
            for ent in doc.ents:
                span = Span(offset + ent.start_char, offset + ent.end_char)
                raw.append((span, ent.label_, clean_name(ent.text), _roles_of(ent)))
        return cls(_link_names(raw))

    @classmethod
    def from_layers(
        cls, mentions: Sequence[Mention], entities: Sequence[LocalEntity]
    ) -> PersonIndex:
        """Build from an article's ``mentions`` and ``entities`` layers.

        The entity layer has already linked mentions (surnames, transliterations), so its
        names, ids, labels and roles are used as they are.
        """
        by_id = {e.id: e for e in entities}
        out: list[NamedMention] = []
        for m in mentions:
            ent = by_id.get(m.entity)
            out.append(
                NamedMention(
                    span=m.span,
                    label=ent.label if ent is not None else m.label,
                    name=ent.name if ent is not None else clean_name(m.text),
                    entity=m.entity,
                    roles=tuple(r.text.lower() for r in ent.roles) if ent is not None else (),
                )
            )
        if not mentions:
            for e in entities:
                roles = tuple(r.text.lower() for r in e.roles)
                out.extend(
                    NamedMention(span=s, label=e.label, name=e.name, entity=e.id, roles=roles)
                    for s in e.mention_spans
                )
        return cls(out)

    def last_person_before(
        self, pos: int, *, after: int = 0, skip: Sequence[Span] = ()
    ) -> NamedMention | None:
        """The last PERSON mention in ``[after, pos)`` that is not inside ``skip`` spans."""
        best = None
        for m in self.persons:
            if m.span.start >= pos:
                break
            if m.span.start < after or any(s.contains(m.span) for s in skip):
                continue
            best = m
        return best

    def person_in(self, span: Span) -> NamedMention | None:
        """The first PERSON mention inside ``span``."""
        for m in self.persons:
            if span.contains(m.span) or (span.overlaps(m.span) and len(m.span) <= len(span)):
                return m
        return None

    def around(self, span: Span, *, persons: bool = False) -> NamedMention | None:
        """The first named mention (a person's, with ``persons``) that holds ``span``: the
        name a head token stands in ("Reyes" in "Senator Tom Reyes")."""
        pool = self.persons if persons else self.mentions
        return next((m for m in pool if m.span.contains(span)), None)

    def named_in(self, span: Span) -> NamedMention | None:
        """The longest named mention of any label inside ``span``."""
        inside = [m for m in self.mentions if span.contains(m.span)]
        return max(inside, key=lambda m: len(m.span), default=None)

    def by_surname(self, phrase: str) -> NamedMention | None:
        """A person whose surname is the last word of ``phrase`` (``Crooke``, ``Crooke's``)."""
        words = re.findall(r"[A-Z][\w'’-]+", phrase)
        if not words or len(phrase.split()) > 3:
            return None
        last = _surname(clean_name(words[-1]))
        for m in self.persons:
            sur = _surname(m.name)
            if len(m.name.split()) > 1 and (
                sur == last or (len(last) >= 5 and fuzz.ratio(sur, last) >= 85)
            ):
                return m
        return None

    def by_role(self, head: str, modifiers: Sequence[str], before: int) -> NamedMention | None:
        """A person whose stated role matches a role phrase (``the Russian leader``)."""
        wanted = ROLE_SYNONYMS.get(head, frozenset({head}))
        mods = {m for m in modifiers if m not in ("the", "a", "an")}
        best = None
        for m in self.persons:
            if m.span.start >= before and best is not None:
                break
            for role in m.roles:
                words = set(re.findall(r"[a-z]+", role))
                if words & wanted and (not mods or mods <= words or mods & words):
                    best = m
        return best


def clean_name(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    return re.sub(r"\s+", " ", name)


def _roles_of(ent: TokenSpan) -> tuple[str, ...]:
    """Role words stated next to a PERSON mention: title before it, or an apposition."""
    if ent.label_ != "PERSON":
        return ()
    doc = ent.doc
    roles = []
    # Title words before the name: "Kremlin spokesman Dmitry Peskov", "Russian President X".
    i = ent.start - 1
    words = []
    while i >= 0 and i >= ent.start - 5:
        t = doc[i]
        if t.is_punct or t.pos_ in ("DET", "VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ"):
            break
        words.append(t.text)
        i -= 1
    if words:
        roles.append(" ".join(reversed(words)).lower())
    # Apposition: "Sergei Narishkin, the head of Russia's Foreign Intelligence Service"
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos":
            roles.append(doc[child.left_edge.i : child.right_edge.i + 1].text.lower())
    if root.dep_ == "appos":
        head = root.head
        roles.append(doc[head.left_edge.i : head.i + 1].text.lower())
    return tuple(r for r in roles if "\n" not in r and set(re.findall(r"[a-z]+", r)) & ROLE_WORDS)


def _surname(name: str) -> str:
    parts = name.split()
    return parts[-1].lower() if parts else ""


def _link_names(raw: Sequence[tuple[Span, str, str, tuple[str, ...]]]) -> list[NamedMention]:
    """Give each PERSON mention the fullest name sharing its surname; pool roles per name."""
    full: dict[str, str] = {}
    for _span, label, name, _roles in raw:
        if label != "PERSON":
            continue
        key = _surname(name)
        if len(name.split()) > len(full.get(key, "").split()):
            full[key] = name
    # Fuzzy surname links (transliteration variants: Naryshkin / Narishkin).
    keys = sorted(full, key=lambda k: -len(full[k].split()))
    canon: dict[str, str] = {}
    for k in keys:
        for c in canon.values():
            if c != k and len(k) >= 5 and fuzz.ratio(k, _surname(c)) >= 85:
                canon[k] = full.get(_surname(c), c)
                break
        else:
            canon[k] = full[k]
    roles: dict[str, set[str]] = {}
    out = []
    for span, label, name, rls in raw:
        if label == "PERSON":
            # Only a bare surname borrows the full name: "Eric Trump" stays who he is.
            if len(name.split()) == 1 or canon.get(_surname(name), "").endswith(name):
                name = canon.get(_surname(name), name)
            roles.setdefault(name, set()).update(rls)
        out.append((span, label, name))
    return [
        NamedMention(span=s, label=lab, name=nm, roles=tuple(sorted(roles.get(nm, ()))))
        for s, lab, nm in out
    ]

