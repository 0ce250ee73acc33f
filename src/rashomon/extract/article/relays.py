"""Which news outlets an article cites, and how: the relations a text uses to relay reporting.

Every outlet name (:mod:`.outlets`) is read with a few tokens either side of it, against cue
tables kept as data (``lexicon/<lang>/relay_cues.toml``):

* a cue right before the name: ``according to X``, ``told X``, ``citing X``;
* a preposition before the name whose relation comes from the nearest trigger word before it
  in the clause: ``said Friday on CNN`` (appeared on), ``a report in The Guardian`` (reported
  by), ``in an interview with WMUR`` (interview), ``first reported by X`` (first reported), a
  reporter between them included (``told Ronan Farrow of MSNBC``);
* a cue right after it: ``X reported``, ``X's Phillip Klein notes``, ``a Guardian report``,
  ``X was first to report``;
* a wire credit at the start of a line: ``Denver (AP) -``.

Outlets joined by "and" or "/" share a relation (``reporters from The New York Times and
Reuters``, ``an NBC News/Wall Street Journal poll``). The article's own outlet is never its
relay (:func:`drop_own`): ``told Fox News`` in a Fox News story is its own reporting.

Every step looks at a bounded number of tokens, so the work is linear in the text's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from rashomon.extract.article.outlets import (
    OutletName,
    Token,
    descriptor_words,
    outlet_key,
    outlet_names,
    resolve_outlet,
    tokenize,
)
from rashomon.lexicon import table
from rashomon.model import Relay, Span

__all__ = ["drop_own", "find_relays", "wire_credits"]

_WINDOW = 7  # tokens searched back from a preposition for its trigger
_CLAUSE_END = frozenset({".", ";", ":", "!", "?", "—", "–", "(", ")"})
_PREPOSITIONS = frozenset({"to", "with", "on", "in", "by", "for", "from", "at", "of"})
_REPORTER_PREPS = frozenset({"of", "at", "for", "from", "with"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_QUOTES = frozenset({'"', "“", "”", "'", "‘"})
_SAYING = frozenset({"told", "interview", "appeared on"})
# A wire credit opens a line: "Denver (AP) -", "MOSCOW (Reuters) -".
_WIRE = re.compile(r"[A-Z][A-Za-z .,'-]{1,40}\((?P<name>[A-Z][\w&.' -]{1,40})\)\s*[-–—]")


@dataclass(frozen=True, slots=True)
class _Cues:
    before: dict[tuple[str, ...], str]
    triggers: dict[str, str]
    relations: dict[tuple[str, str], str]
    after: dict[tuple[str, ...], str]
    skip_after: frozenset[str]
    weak_after: frozenset[str]
    reporter: dict[str, str]
    after_nouns: frozenset[str]


@cache
def _cues(lang: str) -> _Cues:
    t = table("relay_cues", lang)

    def phrases(d: dict[str, str]) -> dict[tuple[str, ...], str]:
        return {tuple(k.casefold().split()): v for k, v in d.items()}

    relations = {tuple(k.split()): v for k, v in t["relations"].items()}
    return _Cues(
        before=phrases(t["before"]),
        triggers={k.casefold(): v for k, v in t["triggers"].items()},
        relations={(k[0], k[1]): v for k, v in relations.items()},
        after=phrases(t["after"]),
        skip_after=frozenset(t["skip_after"]["words"]),
        weak_after=frozenset(t["weak_after"]["words"]),
        reporter=dict(t["reporter_relations"]),
        after_nouns=frozenset(t["after_nouns"]["words"]),
    )


@dataclass(frozen=True, slots=True)
class _Found:
    name: OutletName
    relation: str | None
    cue: tuple[int, int] | None  # token range of the cue words


def _low(toks: Sequence[Token], i: int) -> str:
    return toks[i].text.casefold() if 0 <= i < len(toks) else ""


@cache
def _modifiers(lang: str) -> frozenset[str]:
    return frozenset(table("outlet_descriptors", lang)["modifiers"])


def _skip_modifiers(toks: Sequence[Token], j: int, lang: str) -> int:
    """From token ``j`` leftwards, past modifiers and descriptors ("the state news agency",
    "Fox affiliate"); the index of the first token that is neither."""
    nouns, intro, _ = descriptor_words(lang)
    mods = _modifiers(lang)
    steps = 0
    while j >= 0 and steps < 5:
        low = _low(toks, j)
        capital_before_noun = toks[j].text[:1].isupper() and _low(toks, j + 1) in nouns | intro
        if low in mods or low in nouns or low in intro or capital_before_noun or (
            "-" in low and low.islower()
        ):
            j -= 1
            steps += 1
            continue
        break
    return j


def _phrase_ending(toks: Sequence[Token], j: int, table_: dict[tuple[str, ...], str]) -> (
    tuple[str, int] | None
):
    """The longest cue phrase of ``table_`` that ends at token ``j``: (relation, first token)."""
    for n in range(5, 0, -1):
        if j - n + 1 < 0:
            continue
        key = tuple(_low(toks, k) for k in range(j - n + 1, j + 1))
        if key in table_:
            return table_[key], j - n + 1
    return None


def _trigger(toks: Sequence[Token], j: int, prep: str, cues: _Cues) -> tuple[str, int] | None:
    """The relation a preposition at ``j`` takes from the nearest trigger before it."""
    k = j - 1
    if prep in _REPORTER_PREPS:
        # "told Ronan Farrow of MSNBC", "reported by Greg Sargent at The Plum Line"
        while k >= 0 and toks[k].text[:1].isupper() and j - k <= 3:
            k -= 1
    reporter = k < j - 1
    if reporter and _low(toks, k) == "by":
        k -= 1
    for pos in range(k, max(-1, k - _WINDOW), -1):
        low = _low(toks, pos)
        if low in _CLAUSE_END:
            return None
        cls = cues.triggers.get(low)
        if cls is None:
            continue
        relation = cues.reporter.get(cls) if reporter else cues.relations.get((cls, prep))
        if relation is None:
            return None
        first = "first" in (_low(toks, pos - 1), _low(toks, pos - 2)) or any(
            _low(toks, x) == "first" for x in range(pos + 1, j)
        )
        if first and relation == "reported by":
            relation = "first reported"
        return relation, pos
    return None


def _reporter_outlets(toks: Sequence[Token], names: Sequence[OutletName]) -> list[OutletName]:
    """``reported by Greg Sargent at The Plum Line``: a publication named only by where a
    reporter works (``at``/``of``/``for`` + "The" + a capitalised name, after "by" + a name)."""
    taken = {k for n in names for k in range(n.first, n.last + 1)}
    out: list[OutletName] = []
    for j, tok in enumerate(toks):
        if tok.text not in ("at", "of", "for") or _low(toks, j + 1) != "the" or j + 2 in taken:
            continue
        if j + 2 >= len(toks):
            continue
        person = j - 1
        while person >= 0 and toks[person].text[:1].isupper() and j - person <= 3:
            person -= 1
        if j - person < 3 or _low(toks, person) != "by":
            continue  # a reporter's full name (two or three words) after "by"
        last = j + 2
        while last + 1 < len(toks) and toks[last + 1].text[:1].isupper() and last - j < 4:
            last += 1
        if j + 2 < len(toks) and toks[j + 2].text[:1].isupper():
            name = " ".join(t.text for t in toks[j + 1 : last + 1])
            out.append(OutletName(j + 2, last, name, "reporter's"))
    return out


def _before(toks: Sequence[Token], n: OutletName, cues: _Cues, lang: str) -> _Found | None:
    j = _skip_modifiers(toks, n.first - 1, lang)
    if j < 0:
        return None
    hit = _phrase_ending(toks, j, cues.before)
    if hit is not None:
        return _Found(n, hit[0], (hit[1], j))
    prep = _low(toks, j)
    if prep not in _PREPOSITIONS:
        return None
    if prep == "on" and _programme_after(toks, n, lang):
        return _Found(n, "appeared on", (j, j))
    if prep == "by" and (j == 0 or toks[j - 1].text in (".", ",")):
        return _Found(n, "reported by", (j, j))  # a trailing credit: "... matter. by the Post."
    found = _trigger(toks, j, prep, cues)
    if found is None:
        return None
    return _Found(n, found[0], (found[1], j))


def _programme_after(toks: Sequence[Token], n: OutletName, lang: str) -> bool:
    """``on CBS' "Face the Nation"``, ``on the ABC News program``: an appearance."""
    _, _, programs = descriptor_words(lang)
    k = n.last + 1
    if _low(toks, k) in _POSSESSIVE:
        return _low(toks, k + 1) in _QUOTES or _low(toks, k + 1) in programs
    return _low(toks, k) in programs


def _after(toks: Sequence[Token], n: OutletName, cues: _Cues, lang: str) -> _Found | None:
    k = n.last + 1
    nouns, _, _ = descriptor_words(lang)
    if _low(toks, k) in _POSSESSIVE:
        k += 1
        if _low(toks, k) in _QUOTES:
            return None  # a programme's name follows: the cue before decides
        start = k
        while k < len(toks) and toks[k].text[:1].isupper() and k - start < 3:
            k += 1  # "the Washington Examiner's Phillip Klein notes"
    steps = 0
    while k < len(toks) and steps < 4:
        hit = _phrase_starting(toks, k, cues.after)
        if hit is not None:
            relation, end = hit
            if _low(toks, k) in cues.weak_after and n.kind not in ("known", "bare"):
                return None
            return _Found(n, relation, (k, end))
        low = _low(toks, k)
        if low in cues.skip_after or low in nouns or low == "/":
            k += 1
            steps += 1
            continue
        return None
    return None


def _phrase_starting(
    toks: Sequence[Token], k: int, table_: dict[tuple[str, ...], str]
) -> tuple[str, int] | None:
    for n in range(5, 0, -1):
        key = tuple(_low(toks, x) for x in range(k, k + n))
        if key in table_:
            return table_[key], k + n - 1
    return None


def _relation(toks: Sequence[Token], n: OutletName, cues: _Cues, lang: str) -> _Found:
    """The cue before the name, unless a noun after it makes the outlet's report the thing
    talked about ("said commenting on The New York Times material")."""
    after = _after(toks, n, cues, lang)
    if after is not None and after.cue is not None and _low(toks, after.cue[0]) in cues.after_nouns:
        return after
    return _before(toks, n, cues, lang) or after or _Found(n, None, None)


def _relations(toks: Sequence[Token], names: Sequence[OutletName], lang: str) -> list[_Found]:
    cues = _cues(lang)
    found = [_relation(toks, n, cues, lang) for n in names]
    # Coordinated outlets share a relation: "reporters from The New York Times and Reuters",
    # "an NBC News/Wall Street Journal poll".
    for order in (range(1, len(found)), range(len(found) - 2, -1, -1)):
        for i in order:
            j = i - 1 if order.step == 1 else i + 1
            a, b = found[i], found[j]
            if a.relation is None and b.relation is not None and _joined(toks, a.name, b.name):
                found[i] = replace(a, relation=b.relation, cue=b.cue)
    return [f for f in found if f.relation is not None and _plausible(f)]


def _joined(toks: Sequence[Token], a: OutletName, b: OutletName) -> bool:
    left, right = (a, b) if a.last < b.first else (b, a)
    between = [_low(toks, k) for k in range(left.last + 1, right.first)]
    between = [w for w in between if w not in ("the", ",")]
    return between in (["and"], ["/"], ["or"])


def _plausible(f: _Found) -> bool:
    """A call sign is only an outlet when someone talks to it ("told KTVI"): "WHO said" is
    the World Health Organization."""
    return f.name.kind != "call-sign" or f.relation in _SAYING


def find_relays(text: str, spans: Sequence[Span], *, lang: str = "en") -> Iterator[Relay]:
    """Find where the text says it relays another outlet's reporting.

    Only outlets count: ``according to WP`` or ``the state agency Interfax`` are relays,
    ``according to US officials`` is not.

    Args:
        text: the article text.
        spans: where to look (the body and the title; captions and teasers are left out).
        lang: the lexicon language.

    Yields:
        One :class:`Relay` per cited mention, in text order; ``span`` covers the outlet's
        name, ``cue`` is the relation and ``cue_span`` the words that state it.
    """
    seen: set[tuple[int, int]] = set()
    found: list[Relay] = []
    for span in spans:
        toks = tokenize(text, span.start, span.end)
        names = outlet_names(text, toks, lang)
        names = sorted([*names, *_reporter_outlets(toks, names)], key=lambda n: n.first)
        for f in _relations(toks, names, lang):
            first, last = toks[f.name.first], toks[f.name.last]
            start, end = first.start, last.end
            if (start, end) in seen:
                continue
            seen.add((start, end))
            cue = None
            if f.cue is not None:
                cue = Span(toks[f.cue[0]].start, toks[f.cue[1]].end)
            name = resolve_outlet(f.name.name, lang) or _strip_the(f.name.name)
            found.append(Relay(outlet=name, span=Span(start, end), cue=f.relation or "",
                               cue_span=cue))  # fmt: skip
    found.extend(
        r for r in wire_credits(text, spans, lang=lang) if (r.span.start, r.span.end) not in seen
    )
    yield from sorted(found, key=lambda r: (r.span.start, r.span.end))


def _strip_the(name: str) -> str:
    return re.sub(r"^(?:The|the)\s+", "", name)


def wire_credits(text: str, spans: Iterable[Span], *, lang: str = "en") -> Iterator[Relay]:
    """Wire credits opening a line: ``Denver (AP) -`` credits the Associated Press."""
    for span in spans:
        pos = span.start
        while pos < span.end:
            nl = text.find("\n", pos, span.end)
            line_end = span.end if nl < 0 else nl
            m = _WIRE.match(text, pos, min(line_end, pos + 120))
            if m is not None:
                name = resolve_outlet(m.group("name"), lang)
                if name is not None:
                    start, end = m.span("name")
                    yield Relay(outlet=name, span=Span(start, end), cue="wire",
                                cue_span=Span(m.start(), m.end()))  # fmt: skip
            pos = line_end + 1
            while pos < span.end and text[pos] in " \t\n":
                pos += 1


def _own_keys(own: Iterable[str], lang: str) -> set[str]:
    keys: set[str] = set()
    for name in own:
        canonical = resolve_outlet(name, lang) or name
        keys.add(outlet_key(name))
        keys.add(outlet_key(canonical))
    keys.discard("")
    return keys


def drop_own(
    relays: Sequence[Relay], own: Iterable[str], *, sources: Iterable[str] = (), lang: str = "en"
) -> tuple[Relay, ...]:
    """The relays without the article's own outlet, short names resolved.

    A bare outlet word (``the Times``, ``the Journal``) is the fuller outlet the article names
    with that last word (``The Wall Street Journal reported ... the Journal said``), else the
    article's own outlet when its name ends so (``the Times`` in a New York Times story).

    Args:
        relays: what :func:`find_relays` found.
        own: the article's outlet names (declared or inferred; any of its aliases).
        sources: compacted names from the article's address (``foxnews`` from its URL); a
            relay whose whole name is one of them is the article's own.
        lang: the lexicon language.
    """
    own = [o for o in own if o]
    keys = _own_keys(own, lang)
    full = [r.outlet for r in relays if len(r.outlet.split()) > 1]
    out: list[Relay] = []
    for r in relays:
        outlet = r.outlet
        if len(outlet.split()) == 1 and resolve_outlet(outlet, lang) is None:
            outlet = _expand(outlet, [*full, *own])
        key = outlet_key(outlet)
        if key in keys or key in set(sources) or any(_same_outlet(key, k) for k in keys):
            continue
        out.append(r if outlet == r.outlet else replace(r, outlet=outlet))
    return tuple(out)


def _expand(word: str, names: Sequence[str]) -> str:
    for name in names:
        canonical = resolve_outlet(name) or name
        if canonical.split()[-1] == word:
            return canonical
    return word


def _same_outlet(a: str, b: str) -> bool:
    """``foxnews`` and ``foxnewschannel``: one name the start of the other, not too short."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long.startswith(short)
