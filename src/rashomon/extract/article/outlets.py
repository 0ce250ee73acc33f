"""News outlet names in running text, found over tokens in time linear in the text's length.

An outlet is recognised by name (the gazetteer ``lexicon/<lang>/outlets.toml``: canonical name
and the ways texts write it) or by shape: a capitalised name that ends in an outlet word
(``Kansas City Star``, ``St. Louis Post-Dispatch``; ``lexicon/<lang>/outlet_words.txt``), a
broadcaster's call sign (``KTVI``), a web domain (``FactCheck.org``), or a capitalised name that
a descriptor introduces (``the pro-Kremlin outlet Readovka``, ``the Kommersant newspaper``).

Nothing here is a regular expression over the whole text with nested repetition: the text is
split into tokens once (a pattern with no nested quantifier), and every rule looks at a bounded
number of tokens around one position, so a long run of letters or capitals costs one token.
Whether an outlet is *cited* (told, according to, reported) is :mod:`.relays`' business.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rashomon.extract.article.times.vocabulary import calendar_names
from rashomon.lexicon import entries, table

__all__ = [
    "OutletName",
    "Token",
    "alias_to_outlet",
    "descriptor_words",
    "outlet_aliases",
    "outlet_key",
    "outlet_name_pattern",
    "outlet_names",
    "outlet_words",
    "resolve_outlet",
    "tokenize",
]

# A word with inner dots, hyphens and ampersands ("L.A", "Post-Dispatch", "FactCheck.org",
# "AT&T"), a possessive, or any other single character. No nested quantifier: linear.
_TOKEN = re.compile(r"\w+(?:[.&\-]\w+)*|['’]s\b|\S")
_ABBREV = frozenset({"St", "Mt", "Ft", "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "Mr", "Mrs", "Ms"})
_CONNECTORS = frozenset({"of", "de"})
_CALL_SIGN = re.compile(r"[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?")
_DOMAIN = re.compile(r"(?<![\w\-.])[A-Za-z][\w\-]*+(?:\.[\w\-]+)*\.(?:com|org|net|co\.uk|news|tv)")
_MAX_NAME = 5  # tokens in a name recognised by shape


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its characters and where they are."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class OutletName:
    """An outlet name found in the text (tokens ``[first, last]``, inclusive).

    ``kind`` says how it was recognised: ``known`` (gazetteer), ``worded`` (ends in an outlet
    word), ``bare`` (an outlet word alone after "the": ``the Times``), ``call-sign``,
    ``domain`` or ``described`` (introduced by a descriptor noun).
    """

    first: int
    last: int
    name: str
    kind: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]``; an abbreviation keeps its full stop (``St.``)."""
    stop = len(text) if end is None else end
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, stop):
        s, e = m.span()
        if out and s < out[-1].end:
            continue  # the full stop an abbreviation took
        word = m.group()
        if e < stop and text[e] == "." and ("." in word or word in _ABBREV or (
            len(word) == 1 and word.isupper()
        )):
            e += 1
            word += "."
        out.append(Token(s, e, word))
    return out


@cache
def outlet_aliases(lang: str = "en") -> dict[str, tuple[str, ...]]:
    """Canonical outlet name -> the ways texts write it (the gazetteer)."""
    return {name: tuple(forms) for name, forms in table("outlets", lang).items()}


@cache
def alias_to_outlet(lang: str = "en") -> dict[str, str]:
    """Every way texts write a known outlet (and its canonical name) -> the canonical name."""
    return {
        alias: name for name, forms in outlet_aliases(lang).items() for alias in (*forms, name)
    }


@cache
def _alias_index(lang: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First token -> (token texts, canonical name), longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for alias, name in alias_to_outlet(lang).items():
        toks = tuple(t.text for t in tokenize(alias))
        if toks and toks[0] == "The" and len(toks) > 1:
            toks = toks[1:]  # "The" is read as an optional article before any name
        index.setdefault(toks[0], []).append((toks, name))
    for forms in index.values():
        forms.sort(key=lambda f: -len(f[0]))
    return index


def resolve_outlet(name: str, lang: str = "en") -> str | None:
    """The canonical name of an outlet written as ``name`` (gazetteer), or None."""
    key = re.sub(r"\s+", " ", name.strip())
    return alias_to_outlet(lang).get(key) or (
        alias_to_outlet(lang).get(key[4:]) if key.casefold().startswith("the ") else None
    )


def outlet_key(name: str) -> str:
    """A comparison key for outlet names: no leading "the", letters and digits only."""
    s = re.sub(r"^(?i:the)\s+", "", name.strip())
    return re.sub(r"[\W_]+", "", s.casefold())


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text[:1].isalpha()


def _ends_name(text: str, toks: Sequence[Token], last: int, lang: str = "en") -> bool:
    """A name ends here unless a capitalised word follows on the same line ("the Guardian
    Council" is no outlet); a weekday or month does not continue a name ("WMUR Monday")."""
    nxt = last + 1
    if nxt >= len(toks) or not _name_word(toks[nxt], lang) or toks[nxt].text == "I":
        return True
    return "\n" in text[toks[last].end : toks[nxt].start]


def _known_at(text: str, toks: Sequence[Token], i: int, lang: str) -> OutletName | None:
    for forms, name in _alias_index(lang).get(toks[i].text, ()):
        last = i + len(forms) - 1
        if (
            last < len(toks)
            and all(toks[i + k].text == f for k, f in enumerate(forms))
            and _ends_name(text, toks, last)
        ):
            return OutletName(i, last, name, "known")
    return None


def _worded_at(
    text: str, toks: Sequence[Token], i: int, outlet_words: frozenset[str]
) -> OutletName | None:
    """A capitalised name whose last word (``toks[i]``, maybe followed by more outlet words)
    is an outlet word."""
    last = i
    while last + 1 < len(toks) and toks[last + 1].text in outlet_words and last - i < 2:
        last += 1
    if _low_text(toks, last + 1) == "of" and last + 2 < len(toks) and _capitalised(toks[last + 2]):
        last += 2  # "the Journal of Commerce", "the Times of London"
    if not _ends_name(text, toks, last):
        return None
    first = i
    while first > 0 and i - first < _MAX_NAME - 1:
        prev = toks[first - 1]
        if not (_capitalised(prev) or prev.text in _CONNECTORS) or prev.text in ("The", "the"):
            break
        if prev.end != toks[first].start and prev.end + 1 != toks[first].start:
            break
        first -= 1
    while first < i and toks[first].text in _CONNECTORS:
        first += 1
    if first == i and _low_text(toks, i - 1) != "the" and last == i:
        return None  # a bare outlet word names an outlet only as "the Times", "the Post"
    name = " ".join(t.text for t in toks[first : last + 1])
    return OutletName(first, last, name, "bare" if first == i else "worded")


def _low_text(toks: Sequence[Token], i: int) -> str:
    return toks[i].text.casefold() if 0 <= i < len(toks) else ""


@cache
def outlet_words(lang: str = "en") -> frozenset[str]:
    """Words that end an outlet's proper name ("Kansas City Star", "Daily Herald"): those that
    mark an outlet in any name (``outlet_name_words``) and those that only end one."""
    return frozenset(entries("outlet_name_words", lang)) | frozenset(entries("outlet_words", lang))


@cache
def outlet_name_pattern(lang: str = "en") -> re.Pattern[str]:
    """Finds, in a name, a known outlet's name (the gazetteer) or a word that marks an outlet in
    any name ("a Times reporter"); case-sensitive."""
    forms = {*alias_to_outlet(lang), *entries("outlet_name_words", lang)}
    longest_first = sorted(forms, key=len, reverse=True)
    alt = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in longest_first)
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


@cache
def descriptor_words(lang: str = "en") -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Descriptor nouns of outlets: (nouns, nouns that only introduce a name, programmes)."""
    t = table("outlet_descriptors", lang)
    nouns = frozenset(w.casefold() for w in t["nouns"])
    intro = frozenset(w.casefold() for w in t["introduce_only"])
    return nouns, intro, frozenset(w.casefold() for w in t["programs"])


def _name_word(tok: Token, lang: str) -> bool:
    calendar = calendar_names()
    return _capitalised(tok) and tok.text.casefold() not in calendar and tok.text != "The"


def outlet_names(text: str, toks: Sequence[Token], lang: str = "en") -> list[OutletName]:
    """Every outlet name in ``toks`` (tokens of ``text``), in order, not overlapping."""
    ending_words = outlet_words(lang)
    nouns, intro, _ = descriptor_words(lang)
    introducers = nouns | intro
    out: list[OutletName] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        found = _known_at(text, toks, i, lang)
        if found is None and tok.text in ending_words and _capitalised(tok):
            found = _worded_at(text, toks, i, ending_words)
            if found is not None and out and found.first <= out[-1].last:
                found = None
        if found is None and _CALL_SIGN.fullmatch(tok.text) and _ends_name(text, toks, i):
            found = OutletName(i, i, tok.text, "call-sign")
        if found is None and "." in tok.text and _DOMAIN.fullmatch(tok.text):
            found = OutletName(i, i, tok.text, "domain")
        if found is None and i > 0 and toks[i - 1].text.casefold() in introducers:
            found = _described_after(toks, i, lang)
        if found is None:
            found = _described_before(toks, i, nouns, lang)
        if found is not None and not _crosses_line(text, toks, found):
            out.append(found)
            i = found.last + 1
            continue
        i += 1
    return out


def _described_after(toks: Sequence[Token], i: int, lang: str) -> OutletName | None:
    """``the pro-Kremlin outlet Readovka``: a capitalised name right after a descriptor noun."""
    last = i
    while last < len(toks) and _name_word(toks[last], lang) and last - i < 3:
        last += 1
    if last == i:
        return None
    name = " ".join(t.text for t in toks[i:last])
    return OutletName(i, last - 1, name, "described")


# A nationality or a generic adjective before a descriptor is a description, not a name.
_DEMONYM = re.compile(
    r"[A-Z][a-z]+(?:ian|ean|ese|ish|ic|can|ch|an|ani|eli|aqi|iti|udi)|State|National|Local"
)


def _described_before(
    toks: Sequence[Token], i: int, nouns: frozenset[str], lang: str
) -> OutletName | None:
    """``the Readovka channel``: a capitalised name (after "the") right before a descriptor."""
    if i == 0 or toks[i - 1].text.casefold() != "the" or not _name_word(toks[i], lang):
        return None
    last = i
    while last + 1 < len(toks) and _name_word(toks[last + 1], lang) and last - i < 2:
        last += 1
    nxt = last + 1
    if nxt >= len(toks) or toks[nxt].text not in nouns:  # lower-case descriptor, as written
        return None
    if last == i and _DEMONYM.fullmatch(toks[i].text):
        return None
    name = " ".join(t.text for t in toks[i : last + 1])
    return OutletName(i, last, name, "described")


def _crosses_line(text: str, toks: Sequence[Token], name: OutletName) -> bool:
    return "\n" in text[toks[name.first].start : toks[name.last].end]
