"""What the story clusterer knows about an article: headline, lead embedding, names, words, day.

Everything here is cheap (regular expressions and one batched encoder call), so that a day's
feed of thousands of articles can be clustered: spaCy NER and the learned boilerplate cleaner
cost tens of milliseconds an article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from rashomon.extract.article.boilerplate import rule_reason
from rashomon.extract.event.translit import has_cyrillic, latin_name_keys
from rashomon.lexicon import words
from rashomon.model import Article
from rashomon.nlp.encoders import Encoder

__all__ = [
    "LEAD_SENTENCES",
    "ArticleFeatures",
    "article_lead",
    "cheap_entities",
    "content_keywords",
    "features",
    "features_many",
    "looks_like_headline",
]

FloatArray = npt.NDArray[np.float32]

# One lead sentence: the encoder's cost grows with tokens, and a second sentence doubled it
# for about one point of train F1 (0.847 -> 0.837 mean of pairwise and B-cubed F1).
LEAD_SENTENCES = 1
# Names and content words come from the opening prose, up to this many characters: on the
# training split, same-story article pairs were told from same-topic pairs best with content
# words from 1,000-2,000 characters (average precision 0.70; 0.59 with 400 characters).
OPENING_CHARS = 2000


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ArticleFeatures:
    """What the clusterer needs to know about one article.

    Attributes:
        article_id: the article's id.
        vector: unit embedding of title + lead (float32; all zero when there is no text).
        entities: normalised names (casefolded) found cheaply in the opening paragraphs.
        keywords: content words (casefolded, no function words) of the title and opening.
        published: the publication day, when known.
        title: the headline, kept as a label for the event; empty when the article has none
            that reads as a headline (a byline or a place line is never taken for one).
    """

    article_id: str
    vector: FloatArray
    entities: frozenset[str] = frozenset()
    keywords: frozenset[str] = frozenset()
    published: date | None = None
    title: str = ""


# Sentence starts, function words and role titles that are capitalised without naming anyone.
_STOP = frozenset(
    """a about after again against all also an and another any are as at because before but by
    can could did do does during each even every few for from had has have he her here hers him
    his how however i if in into is it its just last late latest many may me meanwhile more
    most much my new next no nor not now of on once one only or other our out over own same
    she should since so some still such than that the their them then there these they this
    those though through to too two under until up upon very was we were what when where which
    while who whom why will with would yet you your mr mrs ms dr sen rep gov gen lt col st
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december today yesterday tomorrow watch read
    update updated editor note photo video related advertisement breaking exclusive opinion
    analysis live president governor mayor senator congressman congresswoman representative
    coach striker chairman chairwoman minister prime secretary judge justice general speaker
    leader chief director spokesman spokeswoman former""".split()  # noqa: SIM905 - a word list reads better as prose
)  # fmt: skip
# Words too common in news to tell one story from another, on top of the function words.
_COMMON = frozenset(
    """said says say told would could also year years time people like just get got make made
    many much well back even still going way since week weeks day days""".split()  # noqa: SIM905
)  # fmt: skip
# A run of capitalised words ("Bob Etheridge", "White House") or an acronym ("GOP", "N.A.A.C.P.").
_NAME_RE = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|\b[A-Z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*"
    r"(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*)*"
    r"|\b[A-Z]{2,}[a-z]?\b"
)
# A full stop after an honorific does not end a sentence ("Sen. Bob Etheridge").
_ABBREV_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|St|Rev)\.$")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
# Latin and Cyrillic: a Russian lead is prose too (its sentences open with «, its capitals are
# Cyrillic).
_SENT_SPLIT_RE = re.compile(r"(?<=[.!?])[\"'”’)»]?\s+(?=[\"“'‘(«]?[A-ZА-ЯЁ0-9])")
_WORD_RE = re.compile(r"[A-Za-zА-Яа-яЁё]+")
_KEYWORD_RE = re.compile(r"[^\W\d_][\w'’-]{2,}")
_TOKEN_RE = re.compile(r"[^\W_][\w'’.-]*")
_CREDIT_SPLIT_RE = re.compile(r"\s*(?:,|\||\s[-–—]\s)\s*")


def cheap_entities(text: str) -> frozenset[str]:
    """Names in ``text`` found by regex, casefolded: capitalised runs and acronyms.

    A run may hold "of" ("Bank of Veldonia"). Its leading function word or title is dropped
    ("The White House" -> "white house"), and so is a sentence-initial word that the text never
    capitalises mid-sentence ("Moreover Trump" -> "trump"). A multi-word run also contributes
    its last word, so "Bob Etheridge" and a later "Etheridge" share a key. Acronyms lose their
    dots.

    Args:
        text: plain prose (not a title-cased headline, where every word is capitalised).

    Returns:
        The set of normalised names.
    """
    runs: list[tuple[list[str], bool]] = []
    inner: set[str] = set()  # words seen capitalised inside a sentence
    for m in _NAME_RE.finditer(text):
        raw = m.group()
        if "." in raw:
            runs.append(([raw.replace(".", "")], False))
            continue
        ws = [_POSSESSIVE_RE.sub("", w) for w in raw.split()]
        before = text[max(0, m.start() - 8) : m.start()].rstrip(" \t\"'“‘(")
        initial = (not before or before[-1] in ".!?:\n") and not _ABBREV_RE.search(before)
        inner.update(ws[1:] if initial else ws)
        runs.append((ws, initial))
    out: set[str] = set()
    for ws, initial in runs:
        if initial and ws and ws[0] not in inner:
            ws = ws[1:]
        while ws and ws[0].casefold() in _STOP:
            ws = ws[1:]
        ws = [w for w in ws if w]
        if not ws or (len(ws) == 1 and ws[0].casefold() in _STOP):
            continue
        out.add(" ".join(ws).casefold())
        if len(ws) > 1 and ws[-1].casefold() not in _STOP:
            out.add(ws[-1].casefold())
    if has_cyrillic(text):
        # Russian names, romanized, so a Russian and an English report of a story share them.
        out |= latin_name_keys(text)
    return frozenset(out)


def content_keywords(text: str) -> frozenset[str]:
    """Content words of ``text``: casefolded, possessive dropped, function and stock words out.

    Two reports of one event share many of them (places, people, the thing that happened);
    two reports of look-alike events (two storms, two hearings) share the topic's words but
    few of the rest, which the clusterer's IDF weights bring out.

    Args:
        text: title and opening prose.

    Returns:
        The set of words.
    """
    out = set()
    for w in _KEYWORD_RE.findall(text):
        k = _POSSESSIVE_RE.sub("", w.casefold())
        if len(k) >= 3 and k not in _STOP and k not in _COMMON:
            out.add(k)
    return frozenset(out)


def looks_like_headline(line: str) -> bool:
    """Whether a line can serve as an article's headline (and a story's label).

    Not a headline: fewer than three or more than 30 words; a line the boilerplate rules
    explain (byline, dateline, navigation, caption, copyright...); a short all-capitalised
    line of three words or fewer ("CTV Vancouver", "World News"); a credit, i.e. a name
    followed by a separator and an agency or staff word ("Annabelle Liang, The Associated
    Press", "Jane Roe | Staff Writer").

    Args:
        line: one stripped line.
    """
    tokens = _TOKEN_RE.findall(line)
    if not 3 <= len(tokens) <= 30 or len(line) > 200:
        return False
    reason = rule_reason(line)
    if reason is not None and reason != "menu":  # a title-cased headline looks like a menu
        return False
    capitalised = all(t[0].isupper() or t[0].isdigit() for t in tokens)
    if capitalised and len(tokens) <= 3:
        return False
    credit = words("credit_words")
    parts = _CREDIT_SPLIT_RE.split(line)
    if len(parts) > 1:
        head, tail = parts[0], " ".join(parts[1:])
        head_tokens = _TOKEN_RE.findall(head)
        tail_words = {t.casefold() for t in _TOKEN_RE.findall(tail)}
        if len(head_tokens) <= 4 and all(t[0].isupper() for t in head_tokens) and (
            tail_words & credit
        ):
            return False
    return not (capitalised and len(tokens) <= 6 and tokens[-1].casefold() in credit)


def _is_prose(line: str) -> bool:
    # A body paragraph has enough words and lower-case words; bylines, datelines, menu items
    # and captions-in-caps fail one of the two.
    ws = _WORD_RE.findall(line)
    if len(ws) < 8:
        return False
    lower = sum(1 for w in ws if w[0].islower())
    return lower >= len(ws) / 3


def _guess_title(lines: Sequence[str]) -> str:
    # Without a declared title, the headline is the first headline-shaped line before the
    # first prose paragraph: short, no sentence-final punctuation (or one short sentence, as
    # some feeds end headlines with a full stop), and not a byline or place line.
    for i, line in enumerate(lines[:6]):
        if _is_prose(line) and len(line) > 150:
            break
        one_short = len(line) <= 150 and len(_SENT_SPLIT_RE.split(line)) == 1 and i + 1 < len(lines)
        unpunctuated = len(line) <= 200 and not line.endswith((".", '"', "”"))
        if (one_short or unpunctuated) and looks_like_headline(line):
            return line
    return ""


def article_lead(
    text: str, title: str | None = None, *, sentences: int = 2, max_chars: int = 400
) -> tuple[str, str]:
    """The title and lead (first sentences of the first prose lines) of an article's text.

    The learned boilerplate cleaner costs about 15 ms an article; for clustering thousands a
    cheap rule serves: skip the title line and any line that does not read as prose (bylines,
    datelines, share buttons), then take the first sentences.

    Args:
        text: the article text.
        title: the declared title; guessed from the first lines when None (a headline-shaped
            line, never a byline or place line; empty when there is none).
        sentences: how many sentences make the lead.
        max_chars: the lead's length cap.

    Returns:
        ``(title, lead)``; either may be empty.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if title is None or not title.strip():
        title = _guess_title(lines)
    title = title.strip()
    key = title.casefold()
    lead: list[str] = []
    for ln in lines:
        if ln.casefold() == key or not _is_prose(ln):
            continue
        lead.extend(s for s in _SENT_SPLIT_RE.split(ln) if s.strip())
        if len(lead) >= sentences:
            break
    return title, " ".join(lead[:sentences])[:max_chars]


def opening_text(text: str, title: str, *, max_chars: int = OPENING_CHARS) -> str:
    """The opening prose of an article (title line and non-prose lines skipped), capped.

    Headlines are title-cased (every word would look like a name) and late paragraphs drift
    to background the story need not share, so names and words come from here.
    """
    key = title.casefold()
    parts: list[str] = []
    size = 0
    for ln in text.splitlines():
        ln = ln.strip()
        if not ln or ln.casefold() == key or not _is_prose(ln):
            continue
        parts.append(ln)
        size += len(ln)
        if size >= max_chars:
            break
    return "\n".join(parts)[:max_chars]


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Prepared:
    embed_text: str
    entities: frozenset[str]
    keywords: frozenset[str]
    published: date | None
    title: str


def _prepare(article: Article, sentences: int) -> _Prepared:
    title, lead = article_lead(article.text, article.title, sentences=sentences)
    embed_text = f"{title}. {lead}" if title and lead else title or lead
    opening = opening_text(article.text, title)
    label = title if looks_like_headline(title) else ""
    keywords = content_keywords(f"{title}\n{opening}")
    return _Prepared(embed_text, cheap_entities(opening), keywords, _day(article.published), label)


def features(
    article: Article, *, encoder: Encoder, lead_sentences: int = LEAD_SENTENCES
) -> ArticleFeatures:
    """Clustering features of one article: title + lead embedding, names, words, date.

    Prefer :func:`features_many` for more than a few articles: encoders are much faster on
    batches.

    Args:
        article: the article; its declared ``title`` and ``published`` are used when set.
        encoder: the sentence encoder (e.g. ``get_encoder("use.v3")``).
        lead_sentences: lead sentences embedded after the title.

    Returns:
        The article's features.
    """
    return features_many([article], encoder=encoder, lead_sentences=lead_sentences)[0]


_EMPTY: FloatArray = np.zeros(0, dtype=np.float32)


def features_many(
    articles: Sequence[Article], *, encoder: Encoder, lead_sentences: int = LEAD_SENTENCES
) -> list[ArticleFeatures]:
    """Clustering features of many articles, embedded in one batch.

    Args:
        articles: the articles.
        encoder: the sentence encoder.
        lead_sentences: lead sentences embedded after the title; the encoder's cost grows
            with the tokens, so this is the main speed/quality knob.

    Returns:
        One :class:`ArticleFeatures` per article, in order.
    """
    prepared = [_prepare(a, lead_sentences) for a in articles]
    vectors = encoder.encode([p.embed_text for p in prepared]) if prepared else None
    return [
        ArticleFeatures(
            article_id=a.id,
            vector=np.asarray(vectors[i], dtype=np.float32) if vectors is not None else _EMPTY,
            entities=p.entities, keywords=p.keywords, published=p.published, title=p.title,
        )  # fmt: skip
        for i, (a, p) in enumerate(zip(articles, prepared, strict=True))
    ]
