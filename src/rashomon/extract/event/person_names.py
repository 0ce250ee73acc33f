"""Person names compared: folding spellings together, and deciding whether two full names
may be one person (a surname spelled alike, agreeing first names, nicknames and initials,
middle names that do not contradict).

Pure functions on strings and folded tokens, used by :mod:`rashomon.extract.event.aliases`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet

from rapidfuzz.distance import Indel

from rashomon.extract.article.entities import name_key
from rashomon.extract.event.name_forms import nickname_related
from rashomon.extract.event.translit import romanize

__all__ = [
    "FIRST_NAME_FUZZ",
    "PERSON_FUZZ",
    "first_names_agree",
    "fits",
    "same_person",
    "similarity",
    "skeleton",
    "translit_key",
]

PERSON_FUZZ = 0.88  # folded-surname similarity for transliteration variants
FIRST_NAME_FUZZ = 0.85


def translit_key(name: str) -> str:
    """Fold a name so transliteration variants meet (``Naryshkin`` and ``Narishkin``).

    Strips diacritics and punctuation, lower-cases, and maps y->i, kh->h, ts->c, ck->k,
    ph->f, then collapses doubled letters; x->ks, a final -ei->-i and Olek->Alek join the
    Russian and Ukrainian spellings of given names (Alexei, Aleksey, Oleksiy). Cyrillic is
    romanized first (BGN/PCGN, :mod:`rashomon.extract.event.translit`), so ``Нарышкин`` meets
    ``Naryshkin``.

    Args:
        name: a surface form.

    Returns:
        The folded form (words separated by single spaces).
    """
    s = unicodedata.normalize("NFKD", name_key(romanize(name)))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    # "ts" only inside a word: a final "-ts" is an English plural (Islamists), not a Cyrillic ц.
    s = re.sub(r"ts(?=[a-z])", "c", s)
    for a, b in (("kh", "h"), ("ck", "k"), ("ph", "f"), ("y", "i"), ("j", "i")):
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    # Russian/Ukrainian given names: x = ks (Alexei/Aleksei), a final -ei/-ey/-iy is one
    # sound (Sergei/Sergey, Aleksey/Oleksiy), and Ukrainian Olek- is Russian Alek-.
    s = s.replace("x", "ks")
    s = re.sub(r"ei\b", "i", s)
    s = re.sub(r"\bolek", "alek", s)
    return re.sub(r"\s+", " ", s).strip()


def skeleton(key: str) -> str:
    """A folded name without vowels and spaces."""
    return re.sub(r"[aeiou ]", "", key)


def similarity(a: str, b: str) -> float:
    """Normalised Indel similarity of two strings (0..1)."""
    return float(Indel.normalized_similarity(a, b))


def fits(
    token: str, full: list[str], spelled: AbstractSet[tuple[str, str]] = frozenset()
) -> bool:
    """Whether a single-word name can be a short form of ``full`` (surname or first name)."""
    close = similarity(token, full[-1]) >= PERSON_FUZZ
    return close or token == full[0] or (token, full[-1]) in spelled


def first_names_agree(a: str, b: str) -> bool:
    """Given names (folded) that may be one: equal, an initial of the other, a close spelling
    or a nickname."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]  # an initial: "A. Bortnikov"
    return similarity(a, b) >= FIRST_NAME_FUZZ or nickname_related(a, b, translit_key)


def _without_leading_initial(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    """``A. Barry Rand`` / ``Barry Rand``: a first initial before the name the other form
    starts with is dropped."""
    if len(a) > len(b) >= 2 and len(a[0]) == 1 and first_names_agree(a[1], b[0]):
        return a[1:], b
    if len(b) > len(a) >= 2 and len(b[0]) == 1 and first_names_agree(b[1], a[0]):
        return a, b[1:]
    return a, b


def same_person(
    a: list[str], b: list[str], spelled: AbstractSet[tuple[str, str]] = frozenset()
) -> bool:
    """Full names (folded tokens) that may be the same person; ``spelled`` holds surname pairs
    a transcription explains (the entity merge's transcription rule)."""
    close = similarity(a[-1], b[-1]) >= PERSON_FUZZ or (a[-1], b[-1]) in spelled
    if not close or min(len(a[-1]), len(b[-1])) < 3:
        return False
    a, b = _without_leading_initial(a, b)
    if not first_names_agree(a[0], b[0]):
        return False
    # Both give middle names or initials: they must agree too (George H.W. Bush is not
    # George W. Bush).
    ma, mb = a[1:-1], b[1:-1]
    if ma and mb:
        return len(ma) == len(mb) and all(
            first_names_agree(x, y) for x, y in zip(ma, mb, strict=True)
        )
    return True
