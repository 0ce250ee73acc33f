"""Ways one name is written: nicknames, initials, suffixes, numbered bills, reordered
committee names, ordinals, country prefixes, outlets' short names and titled forms.

Pure functions on strings, used by :mod:`rashomon.extract.event.aliases` to decide that two
surface forms name one entity and to list the forms an entity goes by. Word lists live in the
lexicon; nicknames come from the ``nicknames`` package (a curated table of English given names
and their diminutives: Richard / Dick, Robert / Bob, Charles / Chuck).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from nicknames import name_triplets

from rashomon.extract.article.entities import TITLE_WORDS, name_key
from rashomon.extract.article.outlets import outlet_aliases, resolve_outlet
from rashomon.lexicon import entries, table, words
from rashomon.model import LocalEntity

__all__ = [
    "FormContext",
    "clean_surface",
    "distinct_roles",
    "titled_full_forms",
    "unique",
    "form_context",
    "person_name",
    "short_forms",
    "singular",
    "bill_key",
    "committee_key",
    "country_free_key",
    "written_variants",
    "nickname_related",
    "ordinal_key",
    "outlet_variant_key",
    "stands_alone",
    "titled_forms",
    "variant_keys",
    "word_followers",
]


def singular(token: str) -> str:
    """A folded head word without a plural ``s`` (``reserves`` -> ``reserve``)."""
    plural = len(token) > 4 and token.endswith("s") and not token.endswith("ss")
    return token[:-1] if plural else token


@cache
def _nicknames(fold: Callable[[str], str]) -> frozenset[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for t in name_triplets():
        a, b = fold(t.name1), fold(t.name2)
        if a and b and a != b:
            pairs.add(frozenset((a, b)))
    return frozenset(pairs)


def nickname_related(a: str, b: str, fold: Callable[[str], str]) -> bool:
    """Whether two given names (folded by ``fold``) are a name and its nickname
    (``richard`` / ``dick``), or two nicknames of one name (``bob`` / ``rob``)."""
    return frozenset((a, b)) in _nicknames(fold)


# "SB 1062", "SB1062", "Senate Bill 1062", "H.R. 3590": letters or capitalised words, then a
# number.
_BILL = re.compile(r"(?P<head>(?:[A-Z][a-z]+\s+){1,3}|[A-Z](?:\.?[A-Z]){0,3}\.?\s*)(?P<num>\d+)")


def bill_key(name: str) -> str | None:
    """``sb1062`` for ``SB 1062``, ``SB1062`` and ``Senate Bill 1062``: a numbered measure."""
    m = _BILL.fullmatch(name.strip())
    if m is None:
        return None
    head = m.group("head").replace(".", "").split()
    letters = "".join(w[0] for w in head) if len(head) > 1 or head[0][1:].islower() else head[0]
    return f"bill:{letters.casefold()}{m.group('num')}"


_COMMITTEE = re.compile(
    r"(?:(?:the\s+)?(?P<chamber>House|Senate)\s+)?(?P<body>Committee|Subcommittee)\s+on\s+"
    r"(?:the\s+)?(?P<topic>.+)",
    re.IGNORECASE,
)


def committee_key(name: str) -> str | None:
    """``oversight and government reform committee`` for both ``Oversight and Government Reform
    Committee`` and ``House Committee on Oversight and Government Reform``. A chamber written
    before the topic stays (``House Intelligence Committee`` is not the Senate's)."""
    m = _COMMITTEE.fullmatch(name.strip())
    if m is not None:
        return f"committee:{name_key(m.group('topic'))} {m.group('body').casefold()}"
    key = name_key(name)
    if key.endswith((" committee", " subcommittee")) and len(key.split()) >= 2:
        return f"committee:{key}"
    return None


@cache
def _ordinals(lang: str) -> dict[str, str]:
    return {k.casefold(): v.casefold() for k, v in table("spelled_ordinals", lang).items()}


def ordinal_key(name: str, lang: str = "en") -> str | None:
    """``fifth amendment`` for ``5th Amendment``: an ordinal in digits spelled out."""
    toks = name_key(name).split()
    spelled = [_ordinals(lang).get(t, t) for t in toks]
    return "ordinal:" + " ".join(spelled) if spelled != toks else None


def written_variants(name: str, lang: str = "en") -> list[str]:
    """Other ways the texts may write a name: its ordinal in digits (``5th Amendment`` for
    ``Fifth Amendment``) and with a trailing collective noun (``Tea Party movement``)."""
    spelled = {v: k for k, v in _ordinals(lang).items()}
    words_ = name.split()
    out = []
    digits = [spelled.get(w.casefold(), w) for w in words_]
    if digits != words_:
        out.append(" ".join(digits))
    out.extend(f"{name} {noun}" for noun in entries("collective_nouns", lang))
    return out


def country_free_key(name: str, lang: str = "en") -> str | None:
    """``supreme court`` for ``Supreme Court``, ``U.S. Supreme Court`` and ``United States
    Supreme Court``: the name without a leading country designator (two words or more)."""
    key = name_key(name)
    for prefix in sorted(entries("country_prefixes", lang), key=len, reverse=True):
        p = name_key(prefix)
        if key.startswith(p + " ") and len(key[len(p) + 1 :].split()) >= 2:
            return "country-free:" + key[len(p) + 1 :]
    return "country-free:" + key if len(key.split()) >= 2 else None


def outlet_variant_key(name: str) -> str | None:
    """The gazetteer's outlet for ``NBC`` and ``NBC News`` alike."""
    canonical = resolve_outlet(name)
    return f"outlet:{name_key(canonical)}" if canonical else None


def variant_keys(name: str, label: str) -> set[str]:
    """Keys under which two differently written names are the same name (not for people)."""
    if label in ("PERSON", "NORP"):
        return set()
    makers = (bill_key, committee_key, ordinal_key, country_free_key, outlet_variant_key)
    return {k for make in makers if (k := make(name)) is not None}


def titled_forms(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """``Congressman Grimm``, ``Chief Justice Roberts``: the capitalised title words written
    right before a one-word mention of a person (a title alone never merges two people; the
    form is only recorded as an alias)."""
    titles = TITLE_WORDS
    out: list[str] = []
    for start, end in spans:
        mention = text[start:end]
        if " " in mention.strip():
            continue
        line = text[max(0, start - 40) : start].rsplit("\n", 1)[-1]
        title: list[str] = []
        for w in reversed(line.split()):
            if not w[:1].isupper() or w.casefold() not in titles:
                break
            title.insert(0, w)
        if title and text[start - 1 : start] == " ":
            form = " ".join([*title, mention])
            if form not in out:
                out.append(form)
    return out


_CAPITALISED = re.compile(r"\b([A-Z][a-z]+)\b(?:[ \t\xa0]+([\w.]+))?")


def word_followers(texts: Iterable[str]) -> dict[str, set[str]]:
    """Each capitalised word of the texts, with the words written right after it."""
    out: dict[str, set[str]] = {}
    for text in texts:
        for m in _CAPITALISED.finditer(text):
            out.setdefault(m.group(1), set()).add(m.group(2) or "")
    return out


def stands_alone(given: str, surname: str, followers: dict[str, set[str]]) -> bool:
    """Whether the texts write a given name on its own ("Mitt To Akin: Drop Out"), not only
    before the surname (or a middle initial)."""
    after = followers.get(given, set())
    return any(w != surname and not re.fullmatch(r"[A-Z]\.?", w) for w in after)


# --------------------------------------------------------------------------------------------
# The forms an entity goes by that its mentions alone do not give


@dataclass(frozen=True, slots=True)
class FormContext:
    """What deciding an entity's short forms needs to know about the whole event."""

    texts: dict[str, str]  # article id -> text
    joined: str  # all texts, for a quick substring test before a whole-word search
    surnames: Counter[str]  # surname -> how many people of the event carry it
    given: Counter[str]  # given name -> how many people carry it
    followers: dict[str, set[str]]  # capitalised word -> the words written after it


def person_name(names: Sequence[str], is_suffix: Callable[[str], bool]) -> list[str] | None:
    """The longest of a person's full names as written, without a generational suffix."""
    if not names:
        return None
    words = max((n.split() for n in names), key=len)
    while len(words) > 2 and is_suffix(words[-1]):
        words = words[:-1]
    return [w.rstrip(",") for w in words]


def form_context(full_names: Iterable[Sequence[str]], texts: dict[str, str]) -> FormContext:
    """Counts of the event's surnames and given names, and the texts' capitalised words."""
    surnames: Counter[str] = Counter()
    given: Counter[str] = Counter()
    for full in full_names:
        surnames[full[-1]] += 1
        given[full[0]] += 1
    joined = "\n".join(texts.values())
    return FormContext(texts, joined, surnames, given, word_followers(texts.values()))


def _written(ctx: FormContext, forms: Iterable[str]) -> set[str]:
    """The forms some article of the event writes, as whole words."""
    out: set[str] = set()
    for form in forms:
        if form not in ctx.joined:
            continue  # most variants are not written at all: no pattern to compile
        pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")
        if pattern.search(ctx.joined):
            out.add(form)
    return out


def _person_forms(
    full: Sequence[str], mentions: Sequence[tuple[str, int, int]], ctx: FormContext
) -> set[str]:
    out: set[str] = set()
    if ctx.surnames[full[-1]] == 1:
        out.add(full[-1])
    if ctx.given[full[0]] == 1 and len(full[0]) > 2 and stands_alone(
        full[0], full[-1], ctx.followers
    ):
        out.add(full[0])
    by_article: dict[str, list[tuple[int, int]]] = {}
    for aid, start, end in mentions:
        by_article.setdefault(aid, []).append((start, end))
    for aid, spans in by_article.items():
        out.update(titled_forms(ctx.texts[aid], spans))
    return out


def short_forms(
    names: Sequence[str],
    mentions: Sequence[tuple[str, int, int]],
    full: Sequence[str] | None,
    ctx: FormContext,
    lang: str = "en",
) -> set[str]:
    """Forms an entity goes by that its mentions alone do not give: a person's surname (when
    no other person of the event carries it), a given name the texts write on its own, a
    title before a one-word mention (``Congressman Grimm``); an organisation's name without
    its legal form (``Apple`` for ``Apple Inc.``), and other names of it the texts write (an
    outlet's gazetteer names, ``5th Amendment``, ``Tea Party movement``).

    Args:
        names: the entity's names, one per article-level entity.
        mentions: (article id, start, end) of its mentions.
        full: the person's full name as words, None for anything but a person.
        ctx: the event's :class:`FormContext`.
        lang: the lexicon language.
    """
    if full is not None:
        return _person_forms(full, mentions, ctx)
    legal = words("legal_forms", lang)
    out: set[str] = set()
    for name in names:
        words_ = name.split()
        while len(words_) > 1 and words_[-1].strip(".,").casefold() in legal:
            words_ = words_[:-1]
        if len(words_) < len(name.split()):
            out.add(" ".join(words_).rstrip(","))
        canonical = resolve_outlet(name)
        forms = [canonical, *outlet_aliases()[canonical]] if canonical else []
        out.update(_written(ctx, [*forms, *written_variants(name, lang)]))
    return out


# --------------------------------------------------------------------------------------------
# Titles and roles as written


def clean_surface(s: str) -> str:
    """A surface form as written, less spacing and a possessive (a capital "The" stays)."""
    s = re.sub(r"\s+", " ", s.replace("\u2019", "'")).strip()
    return re.sub(r"'s?$", "", s)


def titled_full_forms(text: str, le: LocalEntity) -> list[str]:
    """Surface forms with a title right before the name: ``President Stefan Marek``.

    The nlp stage cuts titles off person names and keeps them as roles with their spans; a
    role that ends one space before a full-name mention, in a run of capitalised title words
    (``Interior Minister``), was written as part of the name. The rest of a longer role
    (``Kremlin's official spokesman``) is not taken.
    """
    out: list[str] = []
    for m in le.mention_spans:
        if " " not in text[m.start : m.end].strip():
            # A bare surname was linked by a weaker rule; "President Clinton" is only recorded
            # when the full name was written after the title.
            continue
        for r in le.roles:
            if r.span.end >= m.start or text[r.span.end : m.start] != " ":
                continue
            words = text[r.span.start : r.span.end].split()
            title: list[str] = []
            for w in reversed(words):
                if not w[:1].isupper():
                    break
                title.insert(0, w)
            # The whole capitalised run must be title words: "FSB Director" is a role with an
            # organisation in it, and "Director Alexander Bortnikov" was never written alone.
            if title and all(w.casefold() in TITLE_WORDS for w in title):
                form = clean_surface(" ".join(title) + " " + text[m.start : m.end])
                if form not in out:
                    out.append(form)
    return out


def distinct_roles(texts: Iterable[str]) -> list[str]:
    """Roles without case duplicates or ones a longer role already says (President)."""
    uniq = unique(re.sub(r"\s+", " ", t.replace("\u2019", "'")).strip() for t in texts)
    folded = [f" {t.casefold()} " for t in uniq]
    out: list[str] = []
    for n, t in enumerate(uniq):
        inside = any(m != n and folded[n] in f and f != folded[n] for m, f in enumerate(folded))
        earlier = folded[n] in folded[:n]
        if not inside and not earlier:
            out.append(t)
    return out


def unique(xs: Iterable[str]) -> list[str]:
    """The strings in first-seen order, each once."""
    seen: set[str] = set()
    out: list[str] = []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
