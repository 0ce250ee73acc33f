"""Relays in Russian reports: ``сообщает ТАСС``, ``со ссылкой на Интерфакс``, ``по данным РБК``.

Outlets are named by the canonical names of the English outlet table (``ТАСС`` is ``TASS``),
so a Russian and an English report relaying one agency name the same outlet. Forms and cues are
data (``lexicon/ru/outlets.toml``, ``lexicon/ru/relay_cues.toml``). An outlet is either one of
the table's (any case ending where the table allows it) or a name right after an outlet word
(``газета «Туой че»``, ``портал vl.ru``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from rashomon.extract.article.metadata import resolve_outlet
from rashomon.lexicon import table
from rashomon.model import Relay, Span

__all__ = ["find_ru_relays", "known_outlets", "resolve_ru_outlet"]

# A name after an outlet word: quoted, or up to four capitalised words (Latin names with dots:
# Kostroma.Today, vl.ru).
_QUOTED = r"[«\"„“](?P<quoted>[^»\"“”\n]{1,60})[»\"“”]"
_PLAIN = (
    r"(?P<plain>(?:[A-ZА-ЯЁ][\w.-]*|[a-z][\w-]*\.(?:ru|com|org|net|ua|kz|by|ee|today)\b)"
    r"(?:[ \xa0](?:[A-ZА-ЯЁ][\w.-]*)){0,3})"
)


# An outlet written in Latin script inside Russian text ("как пишет The New York Times"): taken
# only when the English outlet table knows it.
_LATIN = r"(?:The[ \xa0]+)?[A-Z][\w.&'-]*(?:[ \xa0]+[A-Z][\w.&'-]*){0,3}"


def _form_pattern(form: str) -> str:
    if form.endswith("*"):
        return re.escape(form[:-1]) + r"\w*"
    return re.escape(form)


@functools.cache
def known_outlets() -> tuple[tuple[re.Pattern[str], str], ...]:
    """``(pattern, canonical name)`` for every Russian form of the outlet table."""
    data = table("outlets", "ru")["outlets"]
    out = []
    for name, forms in data.items():
        for form in forms:
            out.append((re.compile(rf"(?<![\w-]){_form_pattern(form)}(?![\w-])"), str(name)))
    # Longest form first: "Русская служба Би-би-си" before "Би-би-си".
    return tuple(sorted(out, key=lambda p: -len(p[0].pattern)))


def resolve_ru_outlet(name: str) -> str | None:
    """The canonical name of an outlet written ``name`` (``Интерфакса`` -> ``Interfax``)."""
    stripped = name.strip(" «»\"„“”")
    for pattern, canonical in known_outlets():
        if pattern.fullmatch(stripped):
            return canonical
    return None


@functools.cache
def _name_re() -> str:
    known = "|".join(_form_pattern(f) for f in sorted(
        (f for forms in table("outlets", "ru")["outlets"].values() for f in forms),
        key=len, reverse=True,
    ))
    kinds = "|".join(re.escape(w) for w in table("outlets", "ru")["kinds"]["words"])
    return (
        rf"(?:(?:{kinds})[ \xa0]+)?(?:[«\"„“](?P<known_q>{known})[»\"“”]|(?<![\w-])"
        rf"(?P<known>{known})(?![\w-]))"
        rf"|(?:{kinds})[ \xa0]+(?:{_QUOTED}|{_PLAIN})"
        rf"|(?P<latin>{_LATIN})"
    )


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for cue, spec in table("relay_cues", "ru")["cues"].items():
        # Cues in any case ("По данным", "по данным"); outlet names as written.
        cue_re = f"(?i:{spec['pattern']})"
        if spec["before"]:
            pat = rf"(?<!\w){cue_re}\s+(?:{_name_re()})"
        else:
            pat = rf"(?:{_name_re()})\s+{cue_re}(?!\w)"
        out.append((str(cue), re.compile(pat)))
    return tuple(out)


def _outlet(m: re.Match[str]) -> tuple[str, Span] | None:
    for group in ("known_q", "known", "quoted", "plain", "latin"):
        value = m.groupdict().get(group)
        if value:
            start, end = m.span(group)
            value = value.strip()
            if group == "latin":
                latin = resolve_outlet(value)
                return (latin, Span(start, start + len(value))) if latin else None
            return resolve_ru_outlet(value) or value, Span(start, start + len(value))
    return None


def find_ru_relays(text: str, spans: Sequence[Span]) -> Iterator[Relay]:
    """Where a Russian report says it relays another outlet, in text order.

    Args:
        text: the article text.
        spans: where to look (body and title).

    Yields:
        One :class:`Relay` per outlet named with a cue; ``span`` covers the outlet's name.
    """
    found: dict[tuple[int, int], Relay] = {}
    for span in spans:
        chunk = text[span.start : span.end]
        for cue, pattern in _patterns():
            for m in pattern.finditer(chunk):
                got = _outlet(m)
                if got is None:
                    continue
                name, where = got
                key = (span.start + where.start, span.start + where.end)
                if key not in found:
                    found[key] = Relay(outlet=name, span=Span(*key), cue=cue)
    yield from sorted(found.values(), key=lambda r: (r.span.start, r.span.end))
