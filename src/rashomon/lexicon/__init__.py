"""Word lists and rule tables, kept as data files a linguist can extend without reading Python.

Files live beside this module, one folder per language: ``lexicon/<lang>/<name>.txt`` for a list,
``lexicon/<lang>/<name>.toml`` for a table. A list holds one entry per line (a word or a phrase;
``#`` starts a comment, blank lines are skipped). A table is TOML (e.g. a word mapped to the slot it
signals, or a pattern beside the normaliser that interprets it). Each file is read once per process.

    words("cue_verbs")          # lexicon/en/cue_verbs.txt as a frozenset, lower-cased
    words("cue_verbs", "ru")    # lexicon/ru/cue_verbs.txt
    alternation("cue_verbs")    # the same entries as one regex alternation, longest first
    table("noun_slots")         # lexicon/en/noun_slots.toml as a dict

A name that has no file is an error (``LexiconError``), never an empty list: a typo must not
silently switch a rule off.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from rashomon.errors import ConfigError

__all__ = [
    "LexiconError",
    "alternation",
    "entries",
    "phrase_alternation",
    "stem_alternation",
    "table",
    "words",
]


class LexiconError(ConfigError):
    """A lexicon file is missing or malformed."""


def _read(name: str, lang: str, suffix: str) -> str:
    path = resources.files(__name__).joinpath(lang, f"{name}{suffix}")
    if not path.is_file():
        raise LexiconError(f"no lexicon file {lang}/{name}{suffix}")
    return path.read_text(encoding="utf-8")


@cache
def entries(name: str, lang: str = "en") -> tuple[str, ...]:
    """The entries of list ``name`` in file order, comments and blank lines dropped."""
    out: list[str] = []
    for line in _read(name, lang, ".txt").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)


@cache
def words(name: str, lang: str = "en") -> frozenset[str]:
    """List ``name`` as a set of lower-cased entries, for membership tests."""
    return frozenset(e.casefold() for e in entries(name, lang))


@cache
def alternation(name: str, lang: str = "en") -> str:
    """List ``name`` as a regex alternation of its escaped entries, longest first (so that a
    phrase wins over a word it starts with); inner spaces match any run of whitespace."""
    return phrase_alternation(entries(name, lang))


def phrase_alternation(phrases: Iterable[str]) -> str:
    """Phrases (a list read from a table, say) as :func:`alternation` writes a list file's."""
    escaped = sorted({re.escape(e).replace(r"\ ", r"\s+") for e in phrases},
                     key=lambda s: (-len(s), s))
    return "(?:" + "|".join(escaped) + ")"


def stem_alternation(stems: Iterable[str]) -> str:
    """Entries as a regex alternation where a trailing ``*`` matches any ending (``disput*``:
    disputed, disputes), longest first; inner spaces match any run of whitespace."""
    parts = []
    for e in sorted(set(stems), key=lambda s: (-len(s), s)):
        body = re.escape(e.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if e.endswith("*") else ""))
    return "(?:" + "|".join(parts) + ")"


@cache
def table(name: str, lang: str = "en") -> dict[str, Any]:
    """Table ``name`` parsed from TOML."""
    try:
        return tomllib.loads(_read(name, lang, ".toml"))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"lexicon {lang}/{name}.toml: {exc}") from exc
