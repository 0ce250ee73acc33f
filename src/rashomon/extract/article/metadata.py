"""Infer article metadata (title, date, author, language, translation note, relays) from text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import islice
from typing import Any

from rashomon.extract.article.outlets import (
    alias_to_outlet,
    outlet_aliases,
    outlet_words,
    resolve_outlet,
)
from rashomon.extract.article.relays import drop_own, find_relays, wire_credits
from rashomon.extract.article.times.vocabulary import calendar_names
from rashomon.lexicon import entries, words
from rashomon.model import Article, ArticleMeta, Boilerplate, MetaField, Relay, Span

__all__ = [
    "LANGUAGES",
    "OUTLET_ALIASES",
    "find_relays",
    "infer_author",
    "infer_language",
    "infer_meta",
    "infer_outlet",
    "infer_published",
    "infer_title",
    "infer_translated_from",
    "resolve_outlet",
    "source_names",
]

# Canonical outlet name -> the ways texts write it (lexicon/en/outlets.toml).
OUTLET_ALIASES: dict[str, tuple[str, ...]] = outlet_aliases()

LANGUAGES: tuple[str, ...] = (
    "en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "ro", "pl", "tr", "ar", "zh", "ja",
    "ko", "sv", "da", "no", "fi", "cs", "hu", "el", "bg", "sr", "hr", "he", "fa", "hi", "id",
)  # fmt: skip

# Language names a translation note can give (English names of languages).
_LANGUAGE_NAMES = frozenset(entries("language_names"))

_ALIAS_TO_OUTLET: dict[str, str] = alias_to_outlet()
# Longest alias first so "New York Times" wins over a shorter overlapping alias.
_ALIAS_ALT = "|".join(re.escape(a) for a in sorted(_ALIAS_TO_OUTLET, key=len, reverse=True))

# Byline and sign-off lines: the cue, then the names.
_PARTICLE = r"(?:(?:de|van|von|der|den|da|di|del|la|le|bin|ibn|al|el|ter)[ \t]+)*"
_PERSON = rf"[A-Z][\w'’.-]*(?:[ \t]+{_PARTICLE}[A-Z][\w'’.-]*){{0,3}}"
_AUTHOR_RE = re.compile(
    r"^\(?(?i:by|written\s+by|author(?:['’`]s)?(?:\s+name)?|reporting\s+by|reported\s+by|"
    r"words\s+by|story\s+by)\s*:?\s+"
    rf"(?P<names>{_PERSON}(?:\s*(?:,|and|&)\s*{_PERSON})*)"
)
_CALENDAR_WORDS = calendar_names()
_DATE_CUE_RE = re.compile(r"\b(?i:published|posted|date|first\s+published|updated|modified)\b")
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"(?:\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}\b)?,?\s*)?"
_DATE_RE = re.compile(
    r"\b(?:"
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|{_TIME}{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?:,?\s+{_TIME})?"
    rf"|{_TIME}\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"
    r")"
)
_TRANSLATION_RE = re.compile(
    r"\b(?i:(?:the\s+|this\s+)?(?:original\s+)?(?:article|text|story|report|original)\s+"
    r"(?:is|was)\s+(?:written\s+|originally\s+|published\s+)?(?:in|translated\s+from)(?:\s+the)?"
    r"|translated\s+from(?:\s+the)?|translation\s+from(?:\s+the)?)\s+(?P<lang>[A-Z][a-z]+)\b"
)
_DATELINE_CREDIT_RE = re.compile(rf"^[A-Z][A-Za-z .,'-]{{1,40}}\((?P<known>{_ALIAS_ALT})\)\s*[-–—]")
_PHOTO_CREDIT_RE = re.compile(
    rf"(?<![\w/])(?P<known>{_ALIAS_ALT})/[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)*\s*$"
)


def _line_spans(text: str) -> Iterator[Span]:
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = pos + len(raw) - len(raw.lstrip())
            yield Span(start, start + len(stripped))
        pos += len(raw)


def infer_title(text: str, boilerplate: Sequence[Boilerplate]) -> MetaField | None:
    """The title: the line the cleaner marked ``title``.

    When that line is the publication's masthead (``THE SARNA OBSERVER``), the title is the
    first headline-shaped line below it among the first lines: not marked as navigation, a
    date or a byline, not a menu, three to twenty-five words, no closing full stop.
    """
    for b in boilerplate:
        if b.reason != "title":
            continue
        if _masthead_name(text[b.span.start : b.span.end]) is None:
            return MetaField(value=text[b.span.start : b.span.end], span=b.span)
        marked = {m.span: m.reason for m in boilerplate}
        for line in islice(_line_spans(text), 12):
            if line.start <= b.span.start or marked.get(line, "low-score") != "low-score":
                continue
            chunk = text[line.start : line.end]
            words = chunk.split()
            menu = re.search(r"[|\u2022\u00b7\u00bb]", chunk)  # "Home | News | Opinion"
            if (
                3 <= len(words) <= 25
                and chunk[:1].isupper()
                and not chunk.endswith(".")
                and not menu
            ):
                return MetaField(value=chunk, span=line)
        return None
    return None


# Marked lines where metadata is printed (not captions, teasers or related stories).
_HEADER_REASONS = frozenset({"dateline", "navigation", "byline", "title", "low-score", "repeated"})


def _header_lines(text: str, boilerplate: Sequence[Boilerplate]) -> list[Span]:
    """Lines where metadata is printed: marked header lines, then the first and last lines."""
    marked = [b.span for b in boilerplate if b.reason in _HEADER_REASONS]
    other = {b.span for b in boilerplate if b.reason not in _HEADER_REASONS}
    lines = [s for s in _line_spans(text) if s not in other]
    out: list[Span] = []
    for s in marked + lines[:8] + lines[-5:]:
        if s not in out:
            out.append(s)
    return out


def infer_published(
    text: str, boilerplate: Sequence[Boilerplate], *, languages: Sequence[str] = ("en",)
) -> MetaField | None:
    """The publication date stated in a header line (``Published 11 June 2025``).

    Dates in captions and body sentences are not used. A date with a ``published``/``date``
    cue is preferred, then a line that is only a date stamp, then any other header date; an
    ``updated`` date is used only when nothing else is stated.

    Args:
        text: the article text.
        boilerplate: the cleaner's marks (dateline, navigation, byline lines are searched).
        languages: languages for dateparser.

    Returns:
        The ISO date (``YYYY-MM-DD``) with the span of the date expression, or None.
    """
    import dateparser  # deferred: its import is slow and only this function needs it

    settings: Any = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"}
    candidates: list[tuple[int, int, MetaField]] = []
    header = {b.span for b in boilerplate if b.reason in _HEADER_REASONS}
    for order, line in enumerate(_header_lines(text, boilerplate)):
        chunk = text[line.start : line.end]
        for m in _DATE_RE.finditer(chunk):
            parsed = dateparser.parse(
                m.group().strip(" ,"), languages=list(languages), settings=settings
            )
            if parsed is None:
                continue
            before = chunk[: m.start()]
            cue = _DATE_CUE_RE.findall(before)
            if not cue and line not in header:
                continue  # a date in an unmarked (body) line counts only with a cue word
            if cue and cue[-1].casefold() in {"updated", "modified"}:
                rank = 3
            elif cue:
                rank = 0
            elif len(chunk) - len(m.group()) <= 12:
                rank = 1
            else:
                rank = 2
            value = m.group().strip(" ,")
            start = line.start + m.start() + m.group().index(value)
            span = Span(start, start + len(value))
            candidates.append((rank, order, MetaField(value=parsed.date().isoformat(), span=span)))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


def infer_author(text: str, boilerplate: Sequence[Boilerplate]) -> MetaField | None:
    """The author from a byline or sign-off line (``By ...``, ``Author's name ...``).

    Editor lines are not authors. Lines the cleaner marked ``byline`` are read first; other
    header lines count only when the byline is the whole line (so ``By Tuesday, officials
    had...`` is no byline).
    """
    marked = [b.span for b in boilerplate if b.reason == "byline"]
    others = [s for s in _header_lines(text, boilerplate) if s not in marked]
    for line in marked + others:
        chunk = text[line.start : line.end]
        m = _AUTHOR_RE.match(chunk)
        if m is None:
            continue
        names = m.group("names").rstrip(" .,;")
        if names.split()[0].casefold() in _CALENDAR_WORDS:
            continue
        if line not in marked and m.start("names") + len(names) < len(chunk.rstrip(" .)")):
            continue
        start = line.start + m.start("names")
        return MetaField(value=names, span=Span(start, start + len(names)))
    return None


@lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> Any:
    from langid.langid import LanguageIdentifier, model

    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def infer_language(
    text: str, spans: Sequence[Span], *, languages: Sequence[str] = LANGUAGES
) -> MetaField | None:
    """The language of the body text (langid restricted to ``languages``), as an ISO code.

    Returns None when there are fewer than 20 letters of body text to judge by.
    """
    body = "\n".join(text[s.start : s.end] for s in spans)
    if sum(c.isalpha() for c in body) < 20:
        return None
    code, _prob = _identifier(tuple(languages)).classify(body)
    return MetaField(value=str(code))


def infer_translated_from(text: str) -> MetaField | None:
    """A translation note (``The article is in Romanian``): the source language, with its span."""
    for m in _TRANSLATION_RE.finditer(text):
        lang = m.group("lang")
        if lang in _LANGUAGE_NAMES and lang != "English":
            return MetaField(value=lang, span=Span(m.start(), m.end()))
    return None


# A site's copyright notice names its owner: "© 2025 Daily Example. All rights reserved." A
# year or the rights clause is required, because "© Agency | Photographer" is a photo credit.
_COPYRIGHT_RE = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:©\s*)?"
    r"(?:(?P<year>(?:19|20)\d{2})(?:\s*[-–]\s*(?:19|20)\d{2})?,?\s+)?"
    r"(?P<name>[A-Z][\w&'’-]*(?:\s+(?:of\s+)?[A-Z0-9][\w&'’-]*){0,4})"
    r"\s*(?P<rights>[.,]?\s*all rights reserved)?",
    re.IGNORECASE,
)


def _copyright_owner(text: str, line: Span) -> MetaField | None:
    m = _COPYRIGHT_RE.match(text[line.start : line.end])
    if m is None or not (m.group("year") or m.group("rights")):
        return None
    name = m.group("name")
    if not name[:1].isupper() or name.casefold() in {"all", "copyright"}:
        return None
    start = line.start + m.start("name")
    return MetaField(value=name, span=Span(start, start + len(name)))


# A credit or notice naming an owner anywhere in a line: "Images source: © Name | Photographer".
_CREDIT_RE = re.compile(
    r"(?:©|\(c\)|(?i:copyright))\s*(?:©\s*)?(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?,?\s+)?"
    r"(?P<name>[A-Z][\w&'’-]*(?:[ \t]+(?:of[ \t]+)?[A-Z0-9][\w&'’-]*){0,4})"
)
# A masthead is a line that is only a name: capitalised words (or all capitals), "of" inside.
_MASTHEAD_RE = re.compile(
    r"(?P<name>(?:[Tt]he[ \t]+|THE[ \t]+)?[A-Z][\w&'’-]*(?:[ \t]+(?:of[ \t]+|OF[ \t]+)?"
    r"[A-Z0-9][\w&'’-]*){0,4})"
)
_OUTLET_WORD_SET = frozenset(w.casefold() for w in outlet_words())
# Section labels of a site ("World News", "Local Radio"): a masthead needs a name beside them.
_SECTION_WORDS = words("site_section_words")


def _compact(s: str) -> str:
    s = re.sub(r"^(?i:the)\s+", "", s.strip())
    return re.sub(r"[\W_]+", "", s.casefold())


def source_names(article: Article) -> tuple[str, ...]:
    """What the article's address says about its site: URL host and file name, compacted.

    ``https://www.kestrelpost.example/world/...`` gives ``kestrelpost``; a saved file
    ``sarna_observer_opinion.txt`` gives ``sarnaobserveropinion``. Used only to confirm a name
    the text itself prints (a credit or a masthead), never as an outlet on its own.

    Args:
        article: the article (its ``url`` and ``source``).

    Returns:
        Lower-case letters and digits of the host (without ``www.`` and the top-level domain)
        and of the file stem, where there are any.
    """
    out: list[str] = []
    for ref in (article.url, article.source):
        if not ref:
            continue
        m = re.match(r"^[a-z][a-z0-9+.-]*://(?:www\d?\.)?(?P<host>[^/:?#]+)", ref, re.I)
        if m:
            labels = m.group("host").split(".")
            out.append(_compact("".join(labels[:-1] if len(labels) > 1 else labels)))
            continue
        # A file path, maybe with a record suffix (feeds.jsonl:2): keep the stem.
        name = re.split(r"[/\\]", re.sub(r":\d+$", "", ref))[-1]
        out.append(_compact(name.split(".")[0]))
    return tuple(x for x in out if x)


def _display_name(name: str) -> str:
    """A masthead printed in capitals, written as a name (``THE SARNA OBSERVER``)."""
    if not name.isupper():
        return name
    small = {"the": "The", "of": "of", "and": "and"}
    words = name.split()
    out = []
    for n, w in enumerate(words):
        low = w.casefold()
        if low in small:
            out.append("The" if n == 0 and low == "the" else small[low])
        elif len(w) <= 3:
            out.append(w)  # an initialism: BBC, TV
        else:
            out.append(w.capitalize())
    return " ".join(out)


def _masthead_name(chunk: str) -> re.Match[str] | None:
    """The name when a line is only a publication's name (``THE SARNA OBSERVER``)."""
    m = _MASTHEAD_RE.fullmatch(chunk.strip())
    if m is None:
        return None
    if resolve_outlet(_display_name(m.group("name"))) is not None:
        return m  # a known outlet's name alone on a line ("THE DAILY TELEGRAPH")
    words = [w.casefold() for w in m.group("name").split()]
    if len(words) < 2 or words[-1] not in _OUTLET_WORD_SET:
        return None
    # Beside the outlet word there is a distinctive word ("Sarna"), not only a section label.
    if all(w in _OUTLET_WORD_SET or w in _SECTION_WORDS for w in words):
        return None
    return m


def infer_outlet(
    text: str,
    boilerplate: Sequence[Boilerplate],
    relays: Sequence[Relay] = (),
    *,
    body_spans: Sequence[Span] = (),
    sources: Sequence[str] = (),
) -> MetaField | None:
    """The article's own outlet, from weak evidence in the text (origin ``inferred``).

    Evidence, strongest first: the site's copyright notice (``© 2025 Name. All rights
    reserved.``) among the boilerplate; a masthead, a line before the body that is only a
    publication's name (``THE SARNA OBSERVER``); a name the page prints in a credit or notice
    (``Images source: © Name | Photographer``) that the article's own address (URL host or file
    name, ``sources``) also gives; a wire dateline (``MOSCOW (Reuters) -``); a caption credit in
    a known agency's own ``Agency/Photographer`` form. An outlet the article relays is never
    its own, and a bare photo credit is not enough (agencies credit their pictures too).

    Args:
        text: the article text.
        boilerplate: the cleaner's marks.
        relays: the outlets the article relays.
        body_spans: the body; a masthead is printed before it.
        sources: compacted names from the article's address (:func:`source_names`).

    Returns:
        The outlet's name with the span of the evidence, or None.
    """
    relayed = {r.outlet for r in relays}
    relayed_keys = {_compact(r) for r in relayed}
    for b in boilerplate:
        owner = _copyright_owner(text, b.span)
        if owner is not None and owner.value not in relayed:
            return owner
    # A masthead is printed before the body: only the first lines above it are read.
    body_start = next((s.start for s in body_spans if text[s.start : s.end].strip()), None)
    for line in islice(_line_spans(text), 8) if body_start is not None else ():
        if body_start is not None and line.end > body_start:
            break
        m = _masthead_name(text[line.start : line.end])
        if m is None:
            continue
        name = m.group("name")
        start = line.start + m.start("name")
        value = resolve_outlet(_display_name(name)) or _display_name(name)
        if _compact(value) not in relayed_keys:
            return MetaField(value=value, span=Span(start, start + len(name)))
    if sources:
        for b in boilerplate:
            for m in _CREDIT_RE.finditer(text[b.span.start : b.span.end]):
                name = m.group("name")
                key = _compact(name)
                if len(key) >= 4 and key not in relayed_keys and any(key in s for s in sources):
                    start = b.span.start + m.start("name")
                    value = resolve_outlet(name) or name
                    return MetaField(value=value, span=Span(start, start + len(name)))
    for line in _line_spans(text):
        m = _DATELINE_CREDIT_RE.match(text[line.start : line.end])
        if m:
            name = _ALIAS_TO_OUTLET[m.group("known")]
            if name not in relayed:
                return MetaField(
                    value=name,
                    span=Span(line.start + m.start("known"), line.start + m.end("known")),
                )
    for b in boilerplate:
        if b.reason != "caption":
            continue
        m = _PHOTO_CREDIT_RE.search(text[b.span.start : b.span.end])
        if m:
            name = _ALIAS_TO_OUTLET[m.group("known")]
            if name not in relayed:
                s = b.span.start + m.start("known")
                return MetaField(value=name, span=Span(s, s + len(m.group("known"))))
    return None


def _declared(value: str | None) -> MetaField | None:
    return MetaField(value=value, origin="declared") if value else None


def infer_meta(
    article: Article,
    boilerplate: Sequence[Boilerplate],
    body_spans: Sequence[Span],
    *,
    languages: Sequence[str] = LANGUAGES,
) -> ArticleMeta:
    """Resolve an article's metadata: what the input declared wins, the text fills the gaps.

    Args:
        article: the article (its declared fields: outlet, title, published, author, language).
        boilerplate: the cleaner's marks; title, dateline and byline lines are read from them.
        body_spans: the body (relays are searched in the body and the title line).
        languages: the languages language identification may answer.

    Returns:
        The :class:`ArticleMeta`, every inferred field with its evidence span where it has one.
    """
    text = article.text
    title = infer_title(text, boilerplate)
    # Relays are read in the body, the title and syndication notes ("originally published on");
    # wire credits also in dateline lines ("Denver (AP) -").
    notes = [b.span for b in boilerplate if b.reason == "syndication"]
    relay_spans = sorted(
        [*body_spans, *notes, *([title.span] if title and title.span else [])],
        key=lambda s: s.start,
    )
    datelines = [b.span for b in boilerplate if b.reason == "dateline"]
    found = [*find_relays(text, relay_spans), *wire_credits(text, datelines)]
    sources = source_names(article)
    # A wire credit may be the article's own (a Reuters story opens "MOSCOW (Reuters) -").
    outlet = _declared(article.outlet) or infer_outlet(
        text, boilerplate, [r for r in found if r.cue != "wire"], body_spans=body_spans,
        sources=sources,
    )  # fmt: skip
    own = [o for o in (outlet.value if outlet else None, article.outlet) if o]
    return ArticleMeta(
        outlet=outlet,
        title=_declared(article.title) or title,
        published=_declared(article.published) or infer_published(text, boilerplate),
        author=_declared(article.author) or infer_author(text, boilerplate),
        language=_declared(article.language)
        or infer_language(text, body_spans, languages=languages),
        translated_from=infer_translated_from(text),
        relays=drop_own(sorted(found, key=lambda r: r.span.start), own, sources=sources),
    )
