"""Merge article-local entities into event-wide entities, recording why each merge was made.

One :class:`~rashomon.model.Entity` per real-world referent, from the local entities of all
articles of an event. Merges come from evidence, in this order:

1. the same name (case, punctuation and leading "the" ignored), or a shared alias such as an
   acronym both articles use;
2. transliteration and spelling variants (``Naryshkin`` / ``Narishkin``, ``Kiev`` / ``Kyiv``):
   names folded (diacritics, y/i, kh/h, ts/c, doubled letters) and then compared with
   rapidfuzz;
3. one name under two NER types (``Dolna Vyrka`` a PERSON here, ``Dolna Virka`` a
   WORK_OF_ART there): the same folded words, two or more of them; the type is then decided
   by most mentions and by stated roles (``the operator`` makes a "person" an organisation);
4. corporate suffixes (``Meridian Press Agency`` / ``Meridian Press``);
5. acronyms and abbreviations: a long form and its acronym stated together in an article
   (``Federal Security Service (FSB)``), initial letters (``NSC`` / ``National Security
   Council``), hyphenated short forms (``ISIS-K`` / ``ISIS-Khorasan``), and a small table of
   well-known expansions (``ISIS`` = ``Islamic State``);
6. places and organisations that share their distinctive first word and their head word
   (``Crocus Hall`` / ``Crocus City Hall``);
7. partial names (``Peskov`` alone joins ``Dmitry Peskov``) when exactly one candidate exists.

Every surface form is kept as an alias as written (``The Kestrel Post`` beside ``Kestrel
Post``), and so is a title written before a full name (``President Stefan Marek``), while the
entity's name stays untitled. People are never merged when their full names disagree: two
people with the same surname but different first names, or the same first name and different
surnames, stay apart, and a partial name that fits two people stays on its own.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache

from rashomon.extract.article.entities import is_acronym, name_key
from rashomon.extract.article.name_linking import organisation_roles
from rashomon.extract.article.outlets import outlet_words, resolve_outlet
from rashomon.extract.event.abbreviations import (
    KNOWN_EXPANSIONS,
    abbreviates,
    expanded_tokens,
    initials,
    stated_together,
)
from rashomon.extract.event.name_forms import (
    FormContext,
    clean_surface,
    distinct_roles,
    form_context,
    person_name,
    short_forms,
    singular,
    titled_full_forms,
    unique,
    variant_keys,
)
from rashomon.extract.event.person_names import (
    first_names_agree,
    fits,
    same_person,
    similarity,
    skeleton,
    translit_key,
)
from rashomon.extract.event.translit import describe, has_cyrillic, romanize, transcribed
from rashomon.lexicon import table, words
from rashomon.model import ArticleDoc, Entity, Evidence, LocalEntity, Span, content_id

# Words too common to make two organisation or place names the same on their own
# (lexicon/en/generic_name_words.txt).
GENERIC_WORDS: frozenset[str] = words("generic_name_words")

NAME_FUZZ = 0.92  # folded whole-name similarity for organisations and places


# --------------------------------------------------------------------------------------------
# Items and clusters


@dataclass(slots=True)
class _Item:
    """One local entity with what the merge rules look at."""

    idx: int
    article_id: str
    local: LocalEntity
    group: str  # "PERSON", "NORP" or "NAME" (everything else can be compared)
    aliases: list[str]  # distinct cleaned surface forms, name first
    keys: set[str]  # name_key of every alias
    tokens: list[str]  # translit tokens of the name
    labels: Counter[str] = field(default_factory=Counter)
    # Surface forms with the title written before the name ("President Stefan Marek"): kept
    # as aliases, never used as merge evidence (a title is shared by many people).
    titled: list[str] = field(default_factory=list)


def _group(label: str) -> str:
    if label in {"PERSON", "NORP"}:
        return label
    return "NAME"


def _clean(s: str) -> str:
    return re.sub(r"^(?:the|The|THE) ", "", clean_surface(s))


class _Clusters:
    """Union-find over items that refuses merges putting two different people together."""

    def __init__(self, items: Sequence[_Item]) -> None:
        self.items = items
        self.parent = list(range(len(items)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
        self.reasons: dict[int, list[str]] = {i: [] for i in range(len(items))}
        # A cluster's group; after a merge across mislabelled types, its mentions' majority.
        self.group: dict[int, str] = {i: it.group for i, it in enumerate(items)}
        # Surname pairs (folded) one foreign name transcribed into Russian explains.
        self.spelled: set[tuple[str, str]] = set()

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def full_names(self, root: int) -> list[list[str]]:
        return [
            self.items[m].tokens
            for m in self.members[root]
            if self.items[m].group == "PERSON" and len(self.items[m].tokens) >= 2
        ]

    def can_merge(self, a: int, b: int, *, cross_type: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        groups = {self.group[ra], self.group[rb]}
        if len(groups) > 1 and not (cross_type and "NORP" not in groups):
            return False
        if "PERSON" not in groups:
            return True
        names_a, names_b = self.full_names(ra), self.full_names(rb)
        if not all(same_person(x, y, self.spelled) for x in names_a for y in names_b):
            return False
        # Single names must fit every full name on the other side.
        for side, other in ((ra, names_b), (rb, names_a)):
            for m in self.members[side]:
                toks = self.items[m].tokens
                if len(toks) == 1 and not all(
                    fits(toks[0], full, self.spelled) for full in other
                ):
                    return False
        return True

    def union(self, a: int, b: int, reason: str, *, cross_type: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not self.can_merge(ra, rb, cross_type=cross_type):
            return False
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.members[keep].extend(self.members.pop(gone))
        self.reasons[keep].extend(self.reasons.pop(gone))
        self.reasons[keep].append(reason)
        if self.group.pop(gone) != self.group[keep]:
            labels: Counter[str] = Counter()
            for m in self.members[keep]:
                for lab, n in self.items[m].labels.items():
                    labels[_group(lab)] += n
            self.group[keep] = max(labels, key=lambda g: (labels[g], g))
        return True

    def roots(self) -> list[int]:
        return sorted(self.members)


# --------------------------------------------------------------------------------------------
# Rules


def _local_reasons(item: _Item, doc: ArticleDoc) -> list[str]:
    """Why the aliases of one local entity were linked inside their article."""
    where = doc.outlet_label
    out: list[str] = []
    name = item.aliases[0]
    for form in item.titled:
        out.append(f"title: {form} -> {name} (title written before the name in {where})")
    for alias in item.aliases[1:]:
        if name_key(alias) == name_key(name):
            continue
        if is_acronym(alias):
            how = stated_together(doc.text, alias, name) or "acronym pair"
            out.append(f"acronym: {alias} = {name} ({how} in {where})")
        elif item.group == "PERSON" and len(alias.split()) < len(name.split()):
            a_key, n_key = translit_key(alias), translit_key(name).split()
            if a_key in n_key and alias in name:
                out.append(f"partial name: {alias} -> {name} (in {where})")
            else:
                score = similarity(alias.casefold(), name.split()[-1].casefold())
                out.append(
                    f"transliteration: {alias} ~ {name.split()[-1]} ({score:.2f}, in {where})"
                )
        else:
            out.append(f"same entity: {alias} ~ {name} (in {where})")
    return out


def merge_entities(docs: Sequence[ArticleDoc]) -> tuple[Entity, ...]:
    """Merge the local entities of all articles into event-wide entities.

    Args:
        docs: the event's article docs with ``mentions`` and ``entities`` layers.

    Returns:
        One :class:`Entity` per referent, with every surface form as an alias, every mention
        as evidence and the reason for each merge, largest entities first.
    """
    items = _items(docs)
    by_id = {d.id: d for d in docs}
    clusters = _Clusters(items)
    for item in items:
        clusters.reasons[item.idx].extend(_local_reasons(item, by_id[item.article_id]))
    norp_gpe_keys = {
        translit_key(k) for it in items if it.labels.keys() & {"NORP", "GPE"} for k in it.keys
    }

    _merge_same_alias(items, clusters)
    _merge_fuzzy(items, clusters)
    _merge_transcribed(items, clusters)
    outlets = _outlet_keys(docs)
    _merge_across_types(items, clusters, outlets)
    _merge_org_suffix(items, clusters, norp_gpe_keys)
    _merge_abbreviations(items, clusters, by_id)
    _merge_shared_head(items, clusters, norp_gpe_keys)
    _merge_partial(items, clusters, norp_gpe_keys)
    _merge_outlet_short_names(items, clusters)
    _merge_surname_typed_apart(items, clusters)
    return _build(items, clusters, outlets, docs)


def _items(docs: Sequence[ArticleDoc]) -> list[_Item]:
    items: list[_Item] = []
    for d in docs:
        surfaces: dict[str, list[str]] = defaultdict(list)
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        for m in d.mentions:
            surfaces[m.entity].append(clean_surface(m.text))
            labels[m.entity][m.label] += 1
        for le in d.entities:
            name = _clean(le.name)
            keys = {name_key(name)}
            aliases = [name]
            # Every surface form is an alias, as written ("The Kestrel Post" beside "Kestrel
            # Post"); forms that differ only in spacing or a possessive are one.
            for s in surfaces.get(le.id, []):
                keys.add(name_key(s))
                if s not in aliases:
                    aliases.append(s)
            keys |= {k for a in aliases for k in variant_keys(a, le.label)}
            items.append(
                _Item(
                    idx=len(items),
                    article_id=d.id,
                    local=le,
                    group=_group(le.label),
                    aliases=aliases,
                    keys=keys,
                    tokens=_name_tokens(name, le.label),
                    labels=labels.get(le.id, Counter({le.label: 1})),
                    titled=titled_full_forms(d.text, le) if le.label == "PERSON" else [],
                )
            )
    return items


# Generational suffixes, folded like name tokens ("Jr." folds to "ir", "III" to "i").
_SUFFIXES = frozenset(translit_key(w) for w in ("jr", "sr", "ii", "iii", "iv"))


def _name_tokens(name: str, label: str) -> list[str]:
    """Folded tokens of a name; generational suffixes are dropped from person names."""
    toks = translit_key(name).split() or [name_key(name)]
    if label == "PERSON":
        toks = [t for t in toks if t not in _SUFFIXES] or toks
    return toks


def _merge_same_alias(items: Sequence[_Item], clusters: _Clusters) -> None:
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for it in items:
        for k in it.keys:
            by_key[(it.group, k)].append(it.idx)
    # Full names first, so partial names later find one person rather than several.
    for (group, key), idxs in sorted(by_key.items(), key=lambda kv: -len(kv[0][1].split())):
        # A surname two different people carry ("Marek" of Stefan and of Jana Marek) says
        # nothing about who a bare "Marek" is: no merge through it, whichever comes first.
        fulls = [items[i].tokens for i in idxs if len(items[i].tokens) >= 2]
        ambiguous = group == "PERSON" and any(
            not same_person(x, y) for n, x in enumerate(fulls) for y in fulls[n + 1 :]
        )
        first = idxs[0]
        for other in idxs[1:]:
            a, b = items[first], items[other]
            if ambiguous and min(len(a.tokens), len(b.tokens)) < 2:
                continue
            # A variant key ("bill:sb1062") is no alias's name key: name the alias by itself.
            alias = next((s for s in b.aliases if name_key(s) == key), b.aliases[0])
            same_name = name_key(a.aliases[0]) == name_key(b.aliases[0])
            reason = f"same name: {alias}" if same_name else f"shared alias: {alias}"
            clusters.union(first, other, reason)


def _merge_fuzzy(items: Sequence[_Item], clusters: _Clusters) -> None:
    """Transliteration and spelling variants of full names."""
    persons = [it for it in items if it.group == "PERSON" and len(it.tokens) >= 2]
    by_first: dict[str, list[_Item]] = defaultdict(list)
    for it in persons:
        by_first[it.tokens[-1][:1]].append(it)
    for bucket in by_first.values():
        for n, a in enumerate(bucket):
            for b in bucket[n + 1 :]:
                if clusters.find(a.idx) == clusters.find(b.idx):
                    continue
                if same_person(a.tokens, b.tokens):
                    la, lb = a.aliases[0].split()[-1], b.aliases[0].split()[-1]
                    score = similarity(romanize(la).casefold(), romanize(lb).casefold())
                    what = "same name" if la == lb else "transliteration"
                    clusters.union(
                        a.idx,
                        b.idx,
                        f"{what}: {describe(a.aliases[0])} ~ {describe(b.aliases[0])} "
                        f"({score:.2f})",
                    )
    names = [it for it in items if it.group != "PERSON"]
    by_initial: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for it in names:
        key = " ".join(it.tokens)
        if key:
            by_initial[(it.group, key[0])].append(it)
    for bucket in by_initial.values():
        for n, a in enumerate(bucket):
            ka = " ".join(a.tokens)
            for b in bucket[n + 1 :]:
                if clusters.find(a.idx) == clusters.find(b.idx):
                    continue
                kb = " ".join(b.tokens)
                if (is_acronym(a.aliases[0]) or is_acronym(b.aliases[0])) and ka != kb:
                    continue  # acronyms differ by one letter all the time: FSB / FSO
                score = similarity(ka, kb)
                # Nationalities differ by a letter all the time (Islamic / Islamist); only a
                # plural joins its singular.
                place = bool({"GPE", "LOC"} & (a.labels.keys() | b.labels.keys()))
                plural = ka + "s" == kb or kb + "s" == ka
                if a.group == "NORP" and not plural:
                    continue
                if a.group != "NORP" and plural and place:
                    continue  # America / Americas are two places
                same_skeleton = (
                    place
                    and min(len(ka), len(kb)) >= 5
                    and skeleton(ka) == skeleton(kb)
                    and score >= 0.75
                )
                close = min(len(ka), len(kb)) >= 6 and score >= NAME_FUZZ
                if ka == kb or close or same_skeleton:
                    na, nb = a.aliases[0], b.aliases[0]
                    raw = similarity(romanize(na).casefold(), romanize(nb).casefold())
                    clusters.union(
                        a.idx, b.idx, f"spelling: {describe(na)} ~ {describe(nb)} ({raw:.2f})"
                    )


def _merge_transcribed(items: Sequence[_Item], clusters: _Clusters) -> None:
    """A foreign name in a Russian report and in an English one (``Гитлер`` / ``Hitler``).

    Russian writes foreign names by ear (practical transcription), which BGN/PCGN does not
    undo; :func:`~rashomon.extract.event.translit.transcribed` compares the two spellings'
    skeletons. Only pairs across scripts are compared, and first names must still agree.
    """
    persons = [it for it in items if it.group == "PERSON" and it.tokens]
    cyrillic = [it for it in persons if has_cyrillic(it.aliases[0])]
    latin = [it for it in persons if not has_cyrillic(it.aliases[0])]
    for a in cyrillic:
        for b in latin:
            if clusters.find(a.idx) == clusters.find(b.idx):
                continue
            if min(len(a.tokens), len(b.tokens)) >= 2 and not first_names_agree(
                a.tokens[0], b.tokens[0]
            ):
                continue
            sa, sb = a.aliases[0].split()[-1], b.aliases[0].split()[-1]
            score = transcribed(sa, sb)
            if score is None:
                continue
            clusters.spelled |= {(a.tokens[-1], b.tokens[-1]), (b.tokens[-1], a.tokens[-1])}
            clusters.union(
                a.idx,
                b.idx,
                f"transcription: {describe(a.aliases[0])} ~ {b.aliases[0]} ({score:.2f}), a "
                f"foreign name as Russian writes it",
            )


def _merge_across_types(
    items: Sequence[_Item], clusters: _Clusters, outlets: AbstractSet[str] = frozenset()
) -> None:
    """One multi-word name that NER typed differently across articles.

    The small model labels an unfamiliar name by its shape, so one town can be a PERSON in one
    report and a WORK_OF_ART or GPE in another (``Dolna Vyrka`` / ``Dolna Virka``). Two local
    entities of different types join when their names fold to the same words (transliteration
    folding, two words or more: a single word such as ``Jordan`` is too often both a person and
    a place; one word only when it names a news outlet of the event, ``Bloomberg``). The
    merged entity takes the type most of its mentions have. Nationalities (NORP) never join
    a name this way.
    """
    by_key: dict[str, list[_Item]] = defaultdict(list)
    for it in items:
        if it.group == "NORP" or is_acronym(it.aliases[0]):
            continue
        if len(it.tokens) >= 2 or name_key(it.aliases[0]) in outlets:
            by_key[" ".join(it.tokens)].append(it)
    for bucket in by_key.values():
        if len({clusters.group[clusters.find(it.idx)] for it in bucket}) < 2:
            continue
        first = bucket[0]
        for other in bucket[1:]:
            if clusters.group[clusters.find(first.idx)] == clusters.group[clusters.find(other.idx)]:
                continue  # same type: the earlier rules decided
            a, b = first.aliases[0], other.aliases[0]
            raw = similarity(a.casefold(), b.casefold())
            clusters.union(
                first.idx,
                other.idx,
                f"same name under two types: {a} ({first.local.label}) ~ {b} "
                f"({other.local.label}) ({raw:.2f}); type by most mentions and stated roles",
                cross_type=True,
            )


# Legal-form and corporate words that may follow an organisation's name or not
# (lexicon/en/legal_forms.txt and org_suffixes.txt).
ORG_SUFFIXES: frozenset[str] = words("legal_forms") | words("org_suffixes")
_ORG_SUFFIX_KEYS = frozenset(translit_key(w) for w in ORG_SUFFIXES)


def _org_core(tokens: Sequence[str]) -> tuple[str, ...]:
    """Folded name tokens without trailing corporate suffixes (at least one token is left)."""
    end = len(tokens)
    while end > 1 and tokens[end - 1] in _ORG_SUFFIX_KEYS:
        end -= 1
    return tuple(tokens[:end])


def _merge_org_suffix(items: Sequence[_Item], clusters: _Clusters, generic: set[str]) -> None:
    """``Meridian Press Agency`` = ``Meridian Press``: names equal once a corporate suffix goes.

    The core left must still be a name: one word that is also a place or nationality in the
    event (``Sarna`` beside ``Sarna Group``) or a generic word stays apart.
    """
    by_core: dict[tuple[str, ...], list[_Item]] = defaultdict(list)
    for it in items:
        # An initialism keeps its letters ("ISIS-K"); "Wal-Mart" is a name with capitals.
        initialism = is_acronym(it.aliases[0]) and not re.search(r"[a-z]{2}", it.aliases[0])
        if it.group != "NAME" or initialism:
            continue
        core = _org_core(it.tokens)
        if len(core) == 1 and (core[0] in generic or core[0] in GENERIC_WORDS or len(core[0]) < 4):
            continue
        by_core[core].append(it)
    for bucket in by_core.values():
        if len({tuple(it.tokens) for it in bucket}) < 2:
            continue  # all written alike: the same-name rule has merged them
        short = min(bucket, key=lambda it: (len(it.tokens), it.idx))
        for other in bucket:
            if other.tokens != short.tokens and clusters.find(other.idx) != clusters.find(
                short.idx
            ):
                clusters.union(
                    short.idx,
                    other.idx,
                    f"organisation suffix: {short.aliases[0]} = {other.aliases[0]}",
                )


def _merge_abbreviations(
    items: Sequence[_Item], clusters: _Clusters, by_id: dict[str, ArticleDoc]
) -> None:
    """Acronyms, hyphenated short forms and well-known expansions across articles."""
    names = [it for it in items if it.group == "NAME"]
    long_forms: dict[str, set[int]] = defaultdict(set)  # initials -> roots with that long form
    for it in names:
        for alias in it.aliases:
            words = name_key(alias).split()
            if len(words) >= 2:
                long_forms[initials(words, skip_stop=True)].add(it.idx)
                long_forms[initials(words, skip_stop=False)].add(it.idx)
    # Candidate pairs come from buckets (same expansion, same initials, same letter pattern)
    # rather than from all pairs, so large events stay fast.
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for it in names:
        for alias in it.aliases:
            key = name_key(alias)
            toks = expanded_tokens(key)
            buckets[("exp", *toks)].append(it.idx)
            if len(toks) >= 2:
                buckets[("letters", *(t[0] for t in toks))].append(it.idx)
            if is_acronym(alias) and " " not in key:
                buckets[("init", key)].append(it.idx)
            words = key.split()
            if len(words) >= 2:
                buckets[("init", initials(words, skip_stop=True))].append(it.idx)
                buckets[("init", initials(words, skip_stop=False))].append(it.idx)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        uniq = sorted(set(members))
        if len(uniq) > 200:
            continue  # a pattern shared by hundreds of names is no evidence
        pairs.update((x, y) for n, x in enumerate(uniq) for y in uniq[n + 1 :])
    for x, y in sorted(pairs):
        a, b = items[x], items[y]
        if clusters.find(a.idx) == clusters.find(b.idx):
            continue
        found = _abbreviation_pair(a, b)
        if found is None:
            continue
        short, long, how = found
        if how == "initials":
            # Initials are weak evidence: only when one long form in the event has them.
            roots = {clusters.find(i) for i in long_forms.get(name_key(short), set())}
            if len(roots) != 1:
                continue
        stated = None
        for it in (a, b):
            stated = stated or stated_together(by_id[it.article_id].text, short, long)
        where = how if stated is None else f"{stated} in {_where(by_id, a, b, short, long)}"
        kind = "acronym" if is_acronym(short) else "variant"
        clusters.union(a.idx, b.idx, f"{kind}: {short} = {long} ({where})")


def _where(by_id: dict[str, ArticleDoc], a: _Item, b: _Item, short: str, long: str) -> str:
    """Name of the article that states ``short`` and ``long`` together."""
    for it in (a, b):
        doc = by_id[it.article_id]
        if stated_together(doc.text, short, long):
            return doc.outlet_label
    return "?"


def _abbreviation_pair(a: _Item, b: _Item) -> tuple[str, str, str] | None:
    for sa in a.aliases:
        for sb in b.aliases:
            short, long = (sa, sb) if len(name_key(sa)) <= len(name_key(sb)) else (sb, sa)
            how = abbreviates(short, long)
            if how is not None:
                return short, long, how
    return None


def _merge_shared_head(items: Sequence[_Item], clusters: _Clusters, generic: set[str]) -> None:
    """``Crocus Hall`` / ``Crocus City Hall``: same distinctive first word and same head word."""
    names = [it for it in items if it.group == "NAME" and len(it.tokens) >= 2]
    by_ends: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for it in names:
        first, last = it.tokens[0], singular(it.tokens[-1])
        if first in GENERIC_WORDS or first in generic or len(first) < 3:
            continue
        by_ends[(first, last)].append(it)
    for bucket in by_ends.values():
        for n, a in enumerate(bucket):
            for b in bucket[n + 1 :]:
                if clusters.find(a.idx) == clusters.find(b.idx):
                    continue
                short, long = sorted((a, b), key=lambda it: len(it.tokens))
                clusters.union(a.idx, b.idx, f"shared head: {short.aliases[0]} ~ {long.aliases[0]}")


@cache
def _place_heads() -> frozenset[str]:
    return frozenset(translit_key(str(w)) for ws in table("place_heads").values() for w in ws)


def _merge_partial(items: Sequence[_Item], clusters: _Clusters, generic: set[str]) -> None:
    """A single-word name joins the one cluster whose fuller names contain it."""
    for it in items:
        if len(it.tokens) != 1 or is_acronym(it.aliases[0]):
            continue
        tok = it.tokens[0]
        if it.group == "PERSON":
            cands = {
                clusters.find(o.idx)
                for o in items
                if o.group == "PERSON" and len(o.tokens) >= 2 and fits(tok, o.tokens)
            }
        elif (
            it.group == "NAME"
            and tok not in generic
            and tok not in GENERIC_WORDS
            and not it.labels.keys() & {"GPE", "LOC", "NORP"}
        ):
            # "Crocus" is "Crocus City Hall"; "Kresny" is the "Kresny Dam" NER typed apart; but
            # "Google" (a company) is not "Google Drive" (a product of another type).
            cands = {
                clusters.find(o.idx)
                for o in items
                if o.group == "NAME" and len(o.tokens) >= 2 and o.tokens[0] == tok
                and (o.labels.keys() & it.labels.keys() or o.tokens[-1] in _place_heads())
            }
        else:
            continue
        cands.discard(clusters.find(it.idx))
        if len(cands) != 1:
            continue  # none, or ambiguous between two referents
        target = cands.pop()
        full_item = max((items[m] for m in clusters.members[target]), key=lambda o: len(o.tokens))
        full, short = full_item.aliases[0], it.aliases[0]
        reason = f"partial name: {short} -> {full}"
        if it.group == "PERSON" and short.casefold() not in full.casefold().split():
            # The surname is spelled differently: say so, with the similarity it passed.
            surname = full.split()[-1]
            score = similarity(romanize(short).casefold(), romanize(surname).casefold())
            reason = (
                f"transliteration: {describe(short)} ~ {describe(surname)} ({score:.2f}), "
                f"partial name of {full}"
            )
        clusters.union(it.idx, target, reason)


def _merge_outlet_short_names(items: Sequence[_Item], clusters: _Clusters) -> None:
    """``the Journal`` is the one outlet of the event whose name ends in ``Journal``."""
    ending_words = {w.casefold() for w in outlet_words()}
    outlets = [it for it in items if len(it.tokens) >= 2 and resolve_outlet(it.aliases[0])]
    for it in items:
        one_word = it.group == "NAME" and len(it.tokens) == 1
        if not one_word or it.aliases[0].casefold() not in ending_words:
            continue
        roots = {clusters.find(o.idx) for o in outlets if o.tokens[-1] == it.tokens[0]}
        if len(roots) == 1:
            root = roots.pop()
            full = max((items[m] for m in clusters.members[root]), key=lambda o: len(o.tokens))
            clusters.union(it.idx, root, f"outlet's short name: {it.aliases[0]} -> "
                                         f"{full.aliases[0]}")  # fmt: skip


def _merge_surname_typed_apart(items: Sequence[_Item], clusters: _Clusters) -> None:
    """A one-word name NER typed as an organisation (``McCoy``, ``LaBolt``) that is the surname
    of exactly one person of the event, and of no other name."""
    fulls = [it for it in items if it.group == "PERSON" and len(it.tokens) >= 2]
    for it in items:
        if it.group != "NAME" or len(it.tokens) != 1 or is_acronym(it.aliases[0]):
            continue
        if it.labels.keys() & {"GPE", "LOC", "NORP", "FAC"} or resolve_outlet(it.aliases[0]):
            continue
        roots = {clusters.find(o.idx) for o in fulls if o.tokens[-1] == it.tokens[0]}
        if len(roots) != 1:
            continue
        root = roots.pop()
        full = max((items[m] for m in clusters.members[root]), key=lambda o: len(o.tokens))
        clusters.union(it.idx, root, f"surname typed apart: {it.aliases[0]} "
                       f"({it.local.label}) -> {full.aliases[0]}", cross_type=True)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Output


def _outlet_keys(docs: Sequence[ArticleDoc]) -> set[str]:
    """Name keys of the news outlets the event's articles are from or relay."""
    names = {d.article.outlet for d in docs}
    names |= {d.meta.outlet.value for d in docs if d.meta.outlet is not None}
    names |= {r.outlet for d in docs for r in d.meta.relays}
    return {name_key(n) for n in names if n}


def _full_name(items: Sequence[_Item], members: Sequence[int]) -> list[str] | None:
    """The longest person name of a cluster as written, without a generational suffix."""
    return person_name(
        [items[m].aliases[0] for m in members
         if items[m].group == "PERSON" and len(items[m].tokens) >= 2],
        lambda w: translit_key(w) in _SUFFIXES,
    )  # fmt: skip


def _form_context(
    items: Sequence[_Item], clusters: _Clusters, docs: Sequence[ArticleDoc]
) -> FormContext:
    fulls = [_full_name(items, clusters.members[root]) for root in clusters.roots()]
    return form_context([f for f in fulls if f], {d.id: d.text for d in docs})


def _short_forms(members: Sequence[_Item], full: list[str] | None, ctx: FormContext) -> set[str]:
    mentions = [(it.article_id, s.start, s.end) for it in members for s in it.local.mention_spans]
    return short_forms([it.aliases[0] for it in members], mentions, full, ctx)


def _build(
    items: Sequence[_Item],
    clusters: _Clusters,
    outlets: AbstractSet[str] = frozenset(),
    docs: Sequence[ArticleDoc] = (),
) -> tuple[Entity, ...]:
    out: list[Entity] = []
    ctx = _form_context(items, clusters, docs)
    for root in clusters.roots():
        members = [items[m] for m in clusters.members[root]]
        labels: Counter[str] = Counter()
        for it in members:
            labels.update(it.labels)
        label = max(labels, key=lambda lab: (labels[lab], lab))
        if label == "PERSON" and organisation_roles([r for it in members for r in it.local.roles]):
            label = "ORG"  # articles call it "the operator", "the company": NER's PERSON guessed
        if label != "ORG" and any(k in outlets for it in members for k in it.keys):
            label = "ORG"  # "told Pulse24": a news outlet of this event, whatever NER guessed
        name = _entity_name(members)
        full = _full_name(items, clusters.members[root]) if label == "PERSON" else None
        forms = {a for it in members for a in (*it.aliases, *it.titled)}
        forms |= _short_forms(members, full, ctx)
        aliases = sorted(forms, key=lambda a: (a.casefold(), a))
        mentions = sorted(
            (
                Evidence(article_id=it.article_id, span=Span(s.start, s.end))
                for it in members
                for s in it.local.mention_spans
            ),
            key=lambda e: (e.article_id, e.span.start),
        )
        roles = distinct_roles(r.text for it in members for r in it.local.roles)
        out.append(
            Entity(
                id=content_id("entity", label, name),
                name=name,
                label=label,
                aliases=tuple(aliases),
                mentions=tuple(mentions),
                merge_reasons=tuple(unique(clusters.reasons[root])),
                roles=tuple(roles),
            )
        )
    out.sort(key=lambda e: (-len(e.mentions), e.name))
    return tuple(out)


def _entity_name(members: Sequence[_Item]) -> str:
    """Most words, not an acronym, then named so by most articles."""
    counts: Counter[str] = Counter()
    for it in members:
        # Articles that use the name count first, then how often it is used.
        counts[it.aliases[0]] += 1000 + len(it.local.mention_spans)

    def score(name: str) -> tuple[bool, int, int, str]:
        return (not is_acronym(name), len(name.split()), counts[name], name)

    if members[0].group == "PERSON":
        # A full name (two words or more) that most articles use; then the longest.
        return max(
            counts, key=lambda n: (not is_acronym(n), len(n.split()) >= 2, counts[n], score(n))
        )
    # Organisations and places: the form most articles use, among the non-acronym ones.
    return max(counts, key=lambda n: (not is_acronym(n), counts[n], len(n.split()), n))


__all__ = ["KNOWN_EXPANSIONS", "ORG_SUFFIXES", "merge_entities", "translit_key"]
