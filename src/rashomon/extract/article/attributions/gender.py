"""Grammatical gender and number of speakers and pronouns, for pronoun agreement.

A name's gender comes from its title (Mr., Mrs., Ms.) or, failing that, its first name
(``gender_guesser``, a first-name dictionary shipped with the package); a role noun's from the
``gendered_person_words`` lexicon (spokeswoman, congressman). ``None`` means unknown: it agrees
with any pronoun, so that an unknown name is never ruled out.
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.lexicon import table

__all__ = ["Gender", "agrees", "name_gender", "pronoun_gender", "pronoun_plural", "word_gender"]

Gender = str  # "male" or "female"

_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves", "we", "us", "our"})
_TITLE = re.compile(r"^(?:the\s+)?(mr|mrs|ms|miss|sir|dame|lady|lord)\b\.?\s+", re.IGNORECASE)


@cache
def _words() -> dict[str, Gender]:
    lex = table("gendered_person_words")
    out: dict[str, Gender] = {}
    for gender in ("male", "female"):
        for word in lex.get(gender, []):
            out[str(word).casefold()] = gender
    return out


@cache
def _detector() -> object:
    import gender_guesser.detector as gd

    class Detector(gd.Detector):  # type: ignore[misc]
        """gender_guesser's detector reading its name list with the built-in ``open``.

        The library reads its 48,000-line list through ``codecs.open``, whose line reader is
        several times slower than ``open``; the lines and their parsing are the library's own.
        """

        def _parse(self, filename: str) -> None:
            self.names: dict[str, dict[str, str]] = {}
            with open(filename, encoding="utf-8") as f:
                for line in f:
                    self._eat_name_line(line.strip())

    return Detector(case_sensitive=False)


def word_gender(word: str) -> Gender | None:
    """The gender a person word or title states (``spokeswoman``: female), if any."""
    return _words().get(word.casefold().rstrip("."))


@cache
def first_name_gender(first: str) -> Gender | None:
    """``male`` or ``female`` for a first name that is clearly one, else ``None``.

    Clearly: gender_guesser's overall answer is one sex and its American answer does not lean to
    the other (``Jan`` is male overall but mostly female in the US: unknown).
    """
    if len(first) < 2 or not first[0].isupper() or not first.isalpha():
        return None
    detector = _detector()
    guess = str(detector.get_gender(first))  # type: ignore[attr-defined]
    if guess not in ("male", "female"):
        return None
    other = "female" if guess == "male" else "male"
    in_usa = str(detector.get_gender(first, "usa"))  # type: ignore[attr-defined]
    return None if in_usa in (other, "mostly_" + other) else guess


def name_gender(name: str) -> Gender | None:
    """The gender of a person's name: its title first (``Mrs. Clinton``), then its first name."""
    m = _TITLE.match(name)
    if m is not None:
        return word_gender(m.group(1))
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    if len(words) < 2:
        return None  # a bare surname says nothing
    first = words[0].rstrip(".")
    if len(first) <= 1:  # "W. Douglas Parker": the middle name is the one used
        first = words[1].rstrip(".") if len(words) > 2 else ""
    return first_name_gender(first) if first else None


def pronoun_gender(word: str) -> Gender | None:
    """``male`` for he/him/his, ``female`` for she/her/hers, else ``None``."""
    lower = word.casefold()
    if lower in _PLURAL_PRONOUNS:
        return None
    return _words().get(lower) if lower in {"he", "him", "his", "himself", "she", "her", "hers",
                                             "herself"} else None


def pronoun_plural(word: str) -> bool:
    """Whether a personal pronoun is plural (they, we...)."""
    return word.casefold() in _PLURAL_PRONOUNS


def agrees(wanted: Gender | None, got: Gender | None) -> bool:
    """Whether a pronoun's gender allows a referent's (unknown on either side agrees)."""
    return wanted is None or got is None or wanted == got
