"""Acronyms and abbreviations: ``NSC`` / ``National Security Council``, ``ISIS-K`` /
``ISIS-Khorasan``, ``ISIS`` / ``Islamic State`` (a small table of well-known expansions kept as
lexicon data), and how a text states that a short form stands for a long one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rashomon.extract.article.entities import is_acronym, name_key
from rashomon.lexicon import table

__all__ = ["KNOWN_EXPANSIONS", "abbreviates", "expanded_tokens", "initials", "stated_together"]

# Well-known short forms whose expansion is not their initials (lexicon/en/known_expansions.toml).
KNOWN_EXPANSIONS: dict[str, str] = dict(table("known_expansions"))

_STOP = frozenset({"of", "the", "and", "for", "in", "on", "at", "de", "&"})


def expanded_tokens(key: str) -> list[str]:
    """Name-key tokens with well-known short forms spelled out (``isis k`` -> islamic state k)."""
    if key in KNOWN_EXPANSIONS:
        return KNOWN_EXPANSIONS[key].split()
    out: list[str] = []
    for tok in key.split():
        out.extend(KNOWN_EXPANSIONS.get(tok, tok).split())
    return out


def initials(words: Sequence[str], *, skip_stop: bool) -> str:
    """The first letters of ``words`` (without "of", "the"... when ``skip_stop``)."""
    return "".join(w[0] for w in words if w and not (skip_stop and w in _STOP))


def abbreviates(short: str, long: str) -> str | None:
    """Why alias ``short`` abbreviates alias ``long``, or None.

    Args:
        short: a surface form that may be an acronym or hyphenated short form.
        long: a longer surface form.

    Returns:
        A short reason (``"initials"``, ``"abbreviation"``, ``"known expansion"``) or None.
    """
    ks, kl = name_key(short), name_key(long)
    if ks == kl:
        return None
    ts, tl = expanded_tokens(ks), expanded_tokens(kl)
    if ts == tl:
        return "known expansion"
    if is_acronym(short) and len(kl.split()) >= 2 and " " not in ks:
        words = kl.split()
        if ks in {initials(words, skip_stop=True), initials(words, skip_stop=False)}:
            return "initials"
    # Token by token: equal, or one a single letter standing for the other ("K" / "Khorasan").
    if len(ts) == len(tl) and ts != tl and len(ts) >= 2:
        ok = all(
            x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
            for x, y in zip(ts, tl, strict=True)
        )
        if ok:
            return "abbreviation"
    return None


def stated_together(text: str, short: str, long: str) -> str | None:
    """How a text states that ``short`` stands for ``long`` (parentheses, apposition)."""
    ls, ss = re.escape(long), re.escape(short)
    if re.search(ls + r"\s*\(\s*" + ss + r"\s*[,)]", text):
        return "parentheses"
    if re.search(ss + r"\s*\(\s*" + ls + r"\s*\)", text):
        return "parentheses"
    if re.search(ls + r",?\s+" + ss + r"\b", text) or re.search(
        ss + r",\s+(?:\w+'s\s+)?" + ls, text, re.I
    ):
        return "apposition"
    return None
