"""Reading a stream: every input ``iter_articles`` reads (feed files among them) plus feed URLs,
and a quick count of what is in it for a progress bar."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from rashomon.config import Limits
from rashomon.ingest import KNOWN_SUFFIXES, iter_articles
from rashomon.ingest.feeds import FEED_SUFFIXES, is_feed, iter_feed_url, looks_like_feed_url
from rashomon.ingest.names import safe_item
from rashomon.model import Article, Failure

_URL = re.compile(r"^https?://", re.I)

# A stream reads archives far larger than one event's files: only single articles and JSONL
# lines keep their caps, the stream as a whole is not capped.
STREAM_LIMITS = Limits(max_decompressed_bytes=1 << 50, max_articles=1 << 62)


def iter_stream(
    sources: Iterable[str | Path], *, limits: Limits | None = None
) -> Iterator[Article | Failure]:
    """Read sources as one stream of articles: everything :func:`~rashomon.ingest.iter_articles`
    reads (feed files among them), and feed URLs read as feeds.

    Args:
        sources: files, folders and ``http(s)://`` URLs.
        limits: input caps (:data:`STREAM_LIMITS` when None: no cap on a whole stream).

    Yields:
        Articles and failures, in input order; a JSONL or WARC file is read lazily.
    """
    limits = limits or STREAM_LIMITS
    for src in sources:
        text = str(src)
        if isinstance(src, str) and _URL.match(text) and looks_like_feed_url(text):
            yield from map(safe_item, iter_feed_url(text, limits=limits))
        else:
            yield from iter_articles([src], limits=limits)


def estimate_total(sources: Iterable[str | Path]) -> int | None:
    """A quick count of the articles in ``sources`` for the progress bar, or None if unknown.

    Counts lines of plain JSON Lines files, entries of feeds (by tag) and files in folders; a
    WARC, a gzip file or a URL makes the total unknown (counting would mean reading it all).
    """
    total = 0
    for src in sources:
        text = str(src)
        if _URL.match(text):
            return None
        path = Path(src)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for name in filenames:
                    n = _count_file(Path(dirpath) / name, in_folder=True)
                    if n is None:
                        return None
                    total += n
        elif path.is_file():
            n = _count_file(path, in_folder=False)
            if n is None:
                return None
            total += n
    return total


def _count_file(path: Path, *, in_folder: bool) -> int | None:
    name = path.name.lower()
    if name.startswith(".") and in_folder:
        return 0
    suffix = path.suffix.lower()
    if name.endswith(".gz") or suffix == ".warc":
        return None
    try:
        if suffix in (".jsonl", ".ndjson"):
            n = 0
            with path.open("rb") as fh:
                for line in fh:
                    n += bool(line.strip())
            return n
        if suffix in FEED_SUFFIXES:
            if not is_feed(path):
                return 0 if in_folder else 1
            data = path.read_bytes()
            return data.count(b"<item") + data.count(b"<entry")
        if suffix == ".json":
            return None
    except OSError:
        return 0
    return 1 if (suffix in KNOWN_SUFFIXES or not in_folder) else 0
