"""Names across scripts: Russian Cyrillic romanized by a published standard (BGN/PCGN).

A person written ``Нарышкин`` in a Russian report and ``Naryshkin`` or ``Narishkin`` in an
English one is one person. Names are compared after romanizing Cyrillic with the BGN/PCGN
table (``lexicon/ru/bgn_pcgn.toml``: the system English-language news and gazetteers use) and
then folding spelling variants as for any Latin name (``aliases.translit_key``). The
``transliterate`` package's Russian scheme is its own (Х -> H, Й -> J, Ю -> Ju), matching no
standard, so it is not used here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from rashomon.lexicon import table

__all__ = [
    "SCHEME",
    "describe",
    "has_cyrillic",
    "latin_name_keys",
    "romanize",
    "transcribed",
    "transcription_key",
    "with_latin",
]

_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_WORD_RE = re.compile(r"[\u0400-\u04FF]+")


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` contains a Cyrillic letter."""
    return _CYRILLIC_RE.search(text) is not None


SCHEME: str = str(table("bgn_pcgn", "ru")["scheme"])


@functools.cache
def _rules() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    data = table("bgn_pcgn", "ru")
    iotated = dict(data["iotated"])
    after = frozenset(str(iotated.pop("after")))
    return dict(data["letters"]), iotated, after


def _word(word: str) -> str:
    letters, iotated, after = _rules()
    out: list[str] = []
    prev = ""
    for ch in word:
        low = ch.casefold()
        latin = iotated[low] if low in iotated and (not prev or prev in after) else None
        if latin is None:
            latin = letters.get(low, ch)
        if ch != low and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        prev = low
    text = "".join(out)
    if len(word) > 1 and word.isupper():
        return text.upper()
    return text


@functools.lru_cache(maxsize=65536)
def romanize(text: str) -> str:
    """``text`` with every Cyrillic word romanized by BGN/PCGN; other characters unchanged.

    >>> romanize("Сергей Нарышкин")
    'Sergey Naryshkin'
    >>> romanize("ТАСС")
    'TASS'
    """
    if not has_cyrillic(text):
        return text
    return _WORD_RE.sub(lambda m: _word(m.group()), text)


def describe(name: str) -> str:
    """A name as a merge reason shows it: Cyrillic with its romanization beside it.

    >>> describe("Нарышкин")
    'Нарышкин (BGN/PCGN: Naryshkin)'
    """
    if not has_cyrillic(name):
        return name
    return f"{name} ({SCHEME}: {romanize(name)})"


# Name-like runs of capitalised Cyrillic words ("Олег Тиньков", "ЦСКА").
_CYR_RUN_RE = re.compile(r"[А-ЯЁ][а-яё]*(?:-[А-ЯЁа-яё]+)?(?:[ \t]+[А-ЯЁ][а-яё]*(?:-[А-ЯЁа-яё]+)?)*")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"})


@functools.cache
def _analyzer() -> Any:
    # natasha's MorphVocab: pymorphy2 with its dictionaries, made to load on current Python.
    from natasha import MorphVocab

    return MorphVocab()


@functools.lru_cache(maxsize=65536)
def _name_word(word: str) -> str | None:
    """A capitalised word's dictionary form romanized and folded, when it can be a name."""
    if len(word) < 2:
        return None  # an initial or an abbreviation's letter
    parses = _analyzer().parse(word)
    if parses and parses[0].is_known and not _NAME_TAGS & set(parses[0].tag.grammemes):
        return None  # a common word at a sentence start ("Черные клубы", "По данным")
    lemma = parses[0].normal_form if parses else word.casefold()
    latin = unicodedata.normalize("NFKD", romanize(lemma))
    return "".join(ch for ch in latin if not unicodedata.combining(ch)).casefold()


def latin_name_keys(text: str) -> frozenset[str]:
    """Names in Russian text as keys comparable with English ones: each word in its dictionary
    form, romanized (BGN/PCGN), diacritics dropped, lower case.

    ``Олега Тинькова`` gives ``oleg tinkov`` and ``tinkov``, the keys an English text writing
    ``Oleg Tinkov`` gives its names; a run's last word is a key of its own, as a surname.

    Args:
        text: Russian prose.

    Returns:
        The keys (empty for text without capitalised Cyrillic words).
    """
    out: set[str] = set()
    for m in _CYR_RUN_RE.finditer(text):
        words = [w for w in (_name_word(w) for w in m.group().split()) if w]
        if not words:
            continue
        out.add(" ".join(words))
        if len(words) > 1:
            out.add(words[-1])
    return frozenset(out)


def with_latin(name: str) -> str:
    """A name as an English report shows it: Cyrillic keeps its romanization beside it.

    >>> with_latin("Аркадий Вершинин")
    'Аркадий Вершинин (Arkadiy Vershinin)'
    """
    return f"{name} ({romanize(name)})" if has_cyrillic(name) else name


@functools.cache
def _transcription_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(str(r["from"])), str(r["to"])) for r in table("transcription", "ru")["rules"]
    )


@functools.lru_cache(maxsize=65536)
def transcription_key(name: str) -> str:
    """The skeleton of a name under the spellings Russian transcription confuses.

    ``Гитлер`` and ``Hitler`` both give ``gatlar``; see ``lexicon/ru/transcription.toml``.
    """
    latin = unicodedata.normalize("NFKD", romanize(name).casefold())
    s = "".join(ch for ch in latin if ch.isalpha() and not unicodedata.combining(ch))
    for pattern, repl in _transcription_rules():
        s = pattern.sub(repl, s)
    s = re.sub(r"(.)\1+", r"\1", s)
    s = re.sub(r"[aeiouy]+", "a", s)
    return re.sub(r"a$", "", s)


TRANSCRIBED_MIN_SIMILARITY = 0.55
"""Letters a transcribed pair must still share (Indel similarity of the plain spellings):
the skeleton alone would join Путин and Patton."""


def transcribed(a: str, b: str) -> float | None:
    """Whether two surnames, one Cyrillic and one Latin, are one foreign name transcribed.

    Args:
        a: a surname as written.
        b: another.

    Returns:
        The similarity of their plain spellings (the Cyrillic one romanized) when exactly one is
        Cyrillic, their transcription skeletons agree (three letters or more) and the plain
        spellings are at least :data:`TRANSCRIBED_MIN_SIMILARITY` alike (0.75 for a
        three-letter skeleton); None otherwise.
    """
    if has_cyrillic(a) == has_cyrillic(b):
        return None
    ka, kb = transcription_key(a), transcription_key(b)
    if ka != kb or len(ka) < 3:
        return None
    from rapidfuzz.distance import Indel

    score = float(Indel.normalized_similarity(romanize(a).casefold(), romanize(b).casefold()))
    # A three-letter skeleton (Ким / Kum) says little: short names must be spelled closely.
    least = TRANSCRIBED_MIN_SIMILARITY if len(ka) > 3 else 0.75
    return score if score >= least else None
