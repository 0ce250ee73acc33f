"""Where the claims come from: independent sources per claim group, and sourcing profiles.

**Independent sources.** Four outlets carrying a claim are one source when all four relay the
Associated Press. Each claim traces to an origin: the original of a near-duplicate article;
the outlet it is relayed from (``Claim.relayed_from``: "according to X", "X reported"); the
outlet whose story the whole article reprints (a wire credit "Denver (AP) -", "originally
published in X"); otherwise its own outlet. A claim group's outlets that trace to one origin
count once, and the group says so with the relay cues as evidence ("4 outlets, 1 independent
source: all cite Associated Press").

**Sourcing profiles.** Each attribution of an article is to a named source, an anonymous one,
an official one (an institution or a role without a name), an outlet (relayed), a document,
or none found; the shares per article and per outlet show how each outlet sources its story.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rashomon.extract.article.outlets import outlet_key, resolve_outlet
from rashomon.lexicon import words
from rashomon.model import (
    ArticleDoc,
    Attribution,
    Claim,
    ClaimGroup,
    Coverage,
    EventDoc,
    Evidence,
    Relay,
    SourceOrigin,
    SourcingProfile,
)

__all__ = [
    "CATEGORIES",
    "annotate_groups",
    "attribution_category",
    "claim_origin",
    "sourcing_profiles",
]

# Relations by which a whole article reprints another outlet's story.
_REPRINT = frozenset({"wire", "originally published"})
CATEGORIES = ("named", "anonymous", "official", "relayed", "document", "other")
# The speaker kinds the attribution layer gives, as sourcing categories.
_KIND_CATEGORY = {
    "person": "named",
    "organisation": "named",
    "organization": "named",
    "anonymous": "anonymous",
    "spokesperson": "official",
    "official": "official",
    "outlet": "relayed",
    "document": "document",
    "group": "other",
}


def _canonical(name: str) -> str:
    return resolve_outlet(name) or name


def _reprint(doc: ArticleDoc) -> Relay | None:
    """The outlet whose story the article reprints (a wire credit, "originally published")."""
    return next((r for r in doc.meta.relays if r.cue in _REPRINT), None)


def _relay_near(doc: ArticleDoc, claim: Claim, outlet: str) -> Relay | None:
    """The relay cue naming ``outlet`` inside the claim, else the nearest one before it."""
    key = outlet_key(_canonical(outlet))
    named = [r for r in doc.meta.relays if outlet_key(_canonical(r.outlet)) == key]
    inside = [r for r in named if claim.span.contains(r.span)]
    before = [r for r in named if r.span.start < claim.span.start]
    found = inside or before[-1:] or named[:1]
    return found[0] if found else None


def claim_origin(event: EventDoc, claim: Claim) -> tuple[str, str, tuple[Evidence, ...]]:
    """Where a claim comes from: (origin outlet, relation, evidence of the relay).

    The relation is ``own`` for the outlet's own reporting, ``duplicate`` for a near-copy of
    another article, else the relay's relation (``wire``, ``reports``, ``according to``...).
    """
    doc = event.doc(claim.article_id)
    if doc.duplicate_of is not None:
        try:
            return event.outlet_of(doc.duplicate_of), "duplicate", ()
        except KeyError:
            pass
    if claim.relayed_from:
        relay = _relay_near(doc, claim, claim.relayed_from)
        ev = () if relay is None else (Evidence(article_id=doc.id, span=relay.cue_span
                                                or relay.span),)  # fmt: skip
        return _canonical(claim.relayed_from), relay.cue if relay else "relayed", ev
    reprint = _reprint(doc)
    if reprint is not None and claim.voice == "author":
        ev = (Evidence(article_id=doc.id, span=reprint.cue_span or reprint.span),)
        return _canonical(reprint.outlet), reprint.cue, ev
    return doc.outlet_label, "own", ()


@dataclass(slots=True)
class _Slot:
    """The claims of one group that trace to one origin, while they are gathered."""

    origin: str
    outlets: list[str] = field(default_factory=list)
    relations: Counter[str] = field(default_factory=Counter)
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, outlet: str, relation: str, evidence: Iterable[Evidence]) -> None:
        if outlet not in self.outlets:
            self.outlets.append(outlet)
        self.relations[relation] += 1
        self.evidence.extend(e for e in evidence if e not in self.evidence)

    def done(self) -> SourceOrigin:
        # A relay wins over the outlet's own voice where both occur.
        relation = next((r for r, _ in self.relations.most_common() if r != "own"), "own")
        return SourceOrigin(origin=self.origin, outlets=tuple(self.outlets), relation=relation,
                            evidence=tuple(self.evidence))  # fmt: skip


def _origins(event: EventDoc, group: ClaimGroup, claims: dict[str, Claim]) -> list[SourceOrigin]:
    """Each outlet's claims in the group trace to one origin: the outlet it relays them from
    where it relays any (the most often relayed), else its own reporting."""
    per_outlet: dict[str, list[tuple[str, str, tuple[Evidence, ...]]]] = defaultdict(list)
    for cid in group.claim_ids:
        claim = claims.get(cid)
        if claim is not None:
            per_outlet[event.outlet_of(claim.article_id)].append(claim_origin(event, claim))
    slots: dict[str, _Slot] = {}
    for outlet, found in per_outlet.items():
        relayed = [f for f in found if f[1] != "own"]
        top = Counter(outlet_key(f[0]) for f in relayed).most_common(1)
        chosen = [f for f in relayed if outlet_key(f[0]) == top[0][0]] if top else found[:1]
        origin = chosen[0][0]
        slot = slots.setdefault(outlet_key(origin) or origin, _Slot(origin))
        for _, relation, ev in chosen:
            slot.add(outlet, relation, ev)
    return [slot.done() for slot in slots.values()]


def sourcing_note(n_outlets: int, sources: Sequence[SourceOrigin]) -> str:
    """``4 outlets, 1 independent source: all cite Associated Press``."""
    k = len(sources)
    head = f"{n_outlets} outlet{'s' * (n_outlets != 1)}, {k} independent source{'s' * (k != 1)}"
    relayed = [s for s in sources if s.relation != "own" and set(s.outlets) - {s.origin}]
    if k == 1 and relayed:
        return f"{head}: all cite {relayed[0].origin}"
    if not relayed:
        return head
    parts = [f"{', '.join(o for o in s.outlets if o != s.origin)} cite {s.origin}"
             for s in relayed]  # fmt: skip
    return f"{head}: {'; '.join(parts)}"


def annotate_groups(event: EventDoc) -> EventDoc:
    """Claim groups with their independent sources (and the coverage rows with each outlet's
    origin): outlets that relay the same original count once."""
    claims = {c.id: c for c in event.claims}
    groups: list[ClaimGroup] = []
    origin_of: dict[tuple[str, str], str] = {}
    for g in event.groups:
        sources = _origins(event, g, claims)
        for s in sources:
            for outlet in s.outlets:
                origin_of[(outlet, g.id)] = s.origin
        n_outlets = len(g.outlets)
        groups.append(replace(g, sources=tuple(sources), independent_outlets=len(sources),
                              sourcing_note=sourcing_note(n_outlets, sources)))  # fmt: skip
    coverage = [_with_origin(c, origin_of) for c in event.coverage]
    return replace(event, groups=tuple(groups), coverage=tuple(coverage))


def _with_origin(c: Coverage, origin_of: dict[tuple[str, str], str]) -> Coverage:
    origin = origin_of.get((c.outlet, c.group_id))
    return replace(c, origin=origin) if origin is not None else c


# --------------------------------------------------------------------------------------------
# Sourcing profiles


def attribution_category(a: Attribution) -> str:
    """The kind of source an attribution gives: named, anonymous, official, relayed, document
    or other (no source found, a pronoun left unresolved, a crowd)."""
    kind = a.speaker_kind  # what the attribution layer found the speaker to be, if anything
    if a.relayed_from or kind == "outlet":
        return "relayed"
    if a.anonymous:
        return "anonymous"
    if kind is not None and kind in _KIND_CATEGORY:
        return _KIND_CATEGORY[kind]
    speaker = (a.speaker_resolved or a.speaker_text or "").strip()
    if not speaker:
        return "other"
    official = words("official_source_words")
    lowered = {w.strip(".,'’").casefold() for w in speaker.split()}
    named = a.speaker_entity is not None or sum(1 for w in speaker.split() if w[:1].isupper()) >= 2
    if lowered & official and not (named and a.speaker_entity is not None):
        return "official"
    return "named" if named else "other"


def _profile(scope: str, key: str, outlet: str, atts: Iterable[Attribution]) -> SourcingProfile:
    ids: dict[str, list[str]] = defaultdict(list)
    for a in atts:
        ids[attribution_category(a)].append(a.id)
    total = sum(len(v) for v in ids.values())
    return SourcingProfile(
        scope="article" if scope == "article" else "outlet",
        key=key,
        outlet=outlet,
        total=total,
        counts=tuple((c, len(ids.get(c, ()))) for c in CATEGORIES),
        attribution_ids=tuple((c, tuple(ids[c])) for c in CATEGORIES if ids.get(c)),
    )


def sourcing_profiles(event: EventDoc) -> list[SourcingProfile]:
    """One profile per article and one per outlet (its articles together)."""
    out: list[SourcingProfile] = []
    by_outlet: dict[str, list[Attribution]] = defaultdict(list)
    for doc in event.docs:
        if doc.duplicate_of is not None:
            continue
        out.append(_profile("article", doc.id, doc.outlet_label, doc.attributions))
        by_outlet[doc.outlet_label].extend(doc.attributions)
    for outlet, atts in sorted(by_outlet.items()):
        out.append(_profile("outlet", outlet, outlet, atts))
    return out
