"""RSS and Atom feeds (files or URLs): one article per entry, from its content or summary."""

from __future__ import annotations

import gzip
import re
import time
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser

from rashomon.config import Limits
from rashomon.errors import IngestError
from rashomon.ingest._common import clean_meta, make_article
from rashomon.ingest._files import read_file
from rashomon.ingest.url import Fetcher
from rashomon.model import Article, Failure

__all__ = ["FEED_HEAD", "FEED_SUFFIXES", "feed_text", "is_feed", "is_feed_bytes", "iter_feed",
           "iter_feed_bytes", "iter_feed_url", "looks_like_feed_url", "root_element"]

FEED_SUFFIXES = (".rss", ".atom", ".xml")

# How much of a document is read to find its root element: enough for a long DOCTYPE.
FEED_HEAD = 1 << 16
# The first element of the document, after the XML declaration, comments, processing
# instructions and a DOCTYPE, with or without an internal subset ``[...]`` (whose quoted
# strings may hold ``]`` and ``>``): <rss ...> (RSS 0.9x/2.0), <feed ...> (Atom), <rdf:RDF ...>
# (RSS 1.0). Each alternative starts with a distinct token and the subset's parts are disjoint,
# so a match runs in linear time. Entities declared there are never expanded: feedparser drops
# the DOCTYPE (keeping only plain-text entities) and fetches nothing.
_ROOT = re.compile(
    rb"^(?:\s|<\?.*?\?>|<!--.*?-->"
    rb"|<!DOCTYPE[^\[>]*(?:\[(?:[^\]\"']|\"[^\"]*\"|'[^']*')*\])?\s*>)*"
    rb"<(?P<tag>[A-Za-z_][\w.:-]*)",
    re.S | re.I,
)
_FEED_ROOTS = {b"rss", b"feed", b"rdf:rdf"}
_FEED_URL_PATH = re.compile(r"(?:\.(?:rss|atom|xml)$|/(?:feeds?|rss|atom)(?:/|$|\.))", re.I)


def root_element(head: bytes) -> str | None:
    """The name of a document's first element (from its first bytes), or None if not XML.

    Args:
        head: the first :data:`FEED_HEAD` bytes of the document (a UTF-8 BOM is allowed).
    """
    m = _ROOT.match(head.removeprefix(b"\xef\xbb\xbf"))
    return m.group("tag").decode("ascii", "replace") if m else None


def is_feed_bytes(head: bytes) -> bool:
    """Whether a document's first bytes open an RSS or Atom feed (its root element).

    Args:
        head: the first :data:`FEED_HEAD` bytes of the document (a UTF-8 BOM is allowed).
    """
    tag = root_element(head)
    return tag is not None and tag.lower().encode() in _FEED_ROOTS


def is_feed(path: Path) -> bool:
    """Whether ``path`` is a feed file: a ``.rss``/``.atom``/``.xml`` name (gzip-compressed or
    not) and a feed root element.

    The extension alone is not enough (``.xml`` is also sitemaps, TEI, NewsML...), so the
    root element is read from the first :data:`FEED_HEAD` bytes.
    """
    name = path.name.lower().removesuffix(".gz")
    if not name.endswith(FEED_SUFFIXES) or not path.is_file():
        return False
    try:
        with path.open("rb") as raw:
            head = raw.read(FEED_HEAD)
            if head.startswith(b"\x1f\x8b"):
                raw.seek(0)
                with gzip.GzipFile(fileobj=raw, mode="rb") as gz:
                    head = gz.read(FEED_HEAD)
            return is_feed_bytes(head)
    except (OSError, EOFError, zlib.error):
        return False


def looks_like_feed_url(url: str) -> bool:
    """Whether an http(s) URL names a feed by its path (``/feed``, ``/rss``, ``.xml``...)."""
    return bool(_FEED_URL_PATH.search(urlsplit(url).path))


# ---------------------------------------------------------------------------------------------
# HTML -> text


class _TextParser(HTMLParser):
    """Collect the text of an HTML fragment, one paragraph per block element.

    Hand-written on the stdlib parser rather than trafilatura: a feed entry's content is a
    clean fragment (feedparser has sanitised it), often one sentence long, which trafilatura's
    main-text heuristics discard as too short.
    """

    _BLOCK = frozenset({
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "pre", "table", "tr", "section", "article", "figure", "figcaption", "header", "footer",
        "hr", "dd", "dt",
    })
    _SKIP = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            # In HTML a line break in the source is a space; only block elements break lines.
            self.parts.append(" ".join(data.split("\n")))


def feed_text(value: str, *, html: bool = True) -> str:
    """Plain text of an entry's content: paragraphs separated by a blank line.

    Args:
        value: the content or summary as the feed gives it.
        html: whether ``value`` is HTML (feedparser reports the content type).

    Returns:
        The text, each paragraph's whitespace collapsed; empty when there is none.
    """
    if html:
        parser = _TextParser()
        parser.feed(value)
        parser.close()
        value = "".join(parser.parts)
    paragraphs = (" ".join(p.split()) for p in value.split("\n"))
    return "\n\n".join(p for p in paragraphs if p)


# ---------------------------------------------------------------------------------------------
# Entries -> articles


def _best_content(entry: Any) -> tuple[str, bool]:
    """The entry's fullest text: the longest ``content`` part, else the summary."""
    best, best_html = "", True
    for part in entry.get("content") or ():
        value = part.get("value") or ""
        if len(value) > len(best):
            best, best_html = value, "html" in (part.get("type") or "text/html")
    if not best.strip():
        best = entry.get("summary") or entry.get("description") or ""
        detail = entry.get("summary_detail") or {}
        best_html = "html" in (detail.get("type") or "text/html")
    return best, best_html


def _iso(parsed: Any) -> str | None:
    # feedparser normalises every date format it knows to a UTC struct_time.
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    except (TypeError, ValueError):
        return None


def _entry_article(entry: Any, feed: Any, *, source: str, limits: Limits) -> Article:
    value, is_html = _best_content(entry)
    text = feed_text(value, html=is_html)
    meta = {
        "url": clean_meta(entry.get("link"), field="url", where=source),
        "title": clean_meta(feed_text(entry.get("title") or "", html=True), field="title",
                            where=source),
        "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        "author": clean_meta(entry.get("author"), field="author", where=source),
        "outlet": clean_meta(feed.get("title"), field="outlet", where=source),
        "language": clean_meta(feed.get("language"), field="language", where=source),
    }
    return make_article(
        text, source=source, fmt="feed", limits=limits,
        empty_reason="feed entry has no content or summary text", meta=meta,
    )


def iter_feed_bytes(
    data: bytes, *, source: str, limits: Limits | None = None
) -> Iterator[Article | Failure]:
    """Read a feed document already in memory: one article per entry.

    Each entry's source is ``SOURCE#entry-N`` (1-based). The text is the entry's fullest
    content (``content:encoded``, Atom ``content``) or else its summary, as plain text; no
    linked page is fetched. Title, link, date and author become the article's declared
    metadata, and the feed's title its outlet.

    Args:
        data: the feed's bytes.
        source: the name to record (path or URL).
        limits: input caps.

    Yields:
        An article per usable entry, a :class:`Failure` per entry without text.

    Raises:
        IngestError: not a feed, or a feed too broken to give any entry.
    """
    limits = limits or Limits()
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise IngestError(source, f"not a readable feed: {parsed.get('bozo_exception')}")
        raise IngestError(source, "the feed has no entries")
    feed = parsed.get("feed") or {}
    for i, entry in enumerate(entries, 1):
        where = f"{source}#entry-{i}"
        try:
            yield _entry_article(entry, feed, source=where, limits=limits)
        except IngestError as exc:
            yield Failure(source=where, reason=exc.reason)


def iter_feed(path: Path, *, source: str | None = None,
              limits: Limits | None = None) -> Iterator[Article | Failure]:
    """Read an RSS/Atom feed file (see :func:`iter_feed_bytes`); errors become one Failure."""
    limits = limits or Limits()
    src = source or str(path)
    try:
        yield from iter_feed_bytes(read_file(path, src, limits), source=src, limits=limits)
    except IngestError as exc:
        yield Failure(source=exc.source or src, reason=exc.reason)


def iter_feed_url(url: str, *, limits: Limits | None = None) -> Iterator[Article | Failure]:
    """Download ``url``; a feed gives one article per entry, anything else is read as a page.

    The download obeys the same timeouts and size cap as other URLs; a failure becomes one
    :class:`Failure`.
    """
    limits = limits or Limits()
    with Fetcher(limits) as fetcher:
        try:
            # Fetcher's download (caps, timeouts, redirects) without its HTML/text reading.
            body, _final, _ctype = fetcher._download(url)
            if is_feed_bytes(body[:FEED_HEAD]):
                yield from iter_feed_bytes(body, source=url, limits=limits)
            else:
                yield from fetcher.fetch(url)
        except IngestError as exc:
            yield Failure(source=exc.source or url, reason=exc.reason)
