"""Turn files, folders and URLs into articles; every bad input becomes a Failure with a reason.

Supported inputs:

* ``.txt`` (and any explicitly named file of unknown type): plain text, encoding detected;
* ``.html`` / ``.htm`` / ``.xhtml``: main text and declared metadata via trafilatura;
* ``.json`` (one object or a list) and ``.jsonl`` / ``.ndjson`` (one object per line) with
  ``text`` or ``html`` and optional ``url``, ``title``, ``outlet``, ``published``, ``author``,
  ``language``;
* ``.warc`` / ``.warc.gz``: HTML responses;
* ``.pdf``: the text layer (a scan without one is refused with that reason);
* ``.docx``: the paragraphs of the document body, tables included;
* ``.rss`` / ``.atom`` / ``.xml``: RSS and Atom feeds, one article per entry (an ``.xml`` file
  whose root element is not a feed's is skipped in a folder, read as text when named);
* any of these gzip-compressed (``.txt.gz``, ``.jsonl.gz`` ...);
* folders, recursively (hidden files and folders and unknown extensions skipped);
* ``http://`` and ``https://`` URLs;
* a ``sources.csv`` / ``sources.json`` manifest beside the files (see :mod:`.manifest`).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Limits
from ..errors import IngestError
from ..model import Article, Failure
from ._common import make_article, read_capped_time
from ._files import os_reason, read_file
from .docx import article_from_docx, looks_like_docx
from .feeds import FEED_HEAD, is_feed, is_feed_bytes, iter_feed_bytes, root_element
from .html import article_from_html, looks_like_html
from .jsonl import iter_json, iter_jsonl
from .links import link_outside, outside_reason
from .manifest import MANIFEST_NAMES, ManifestIndex
from .names import display_name, safe_item
from .pdf import article_from_pdf
from .text import article_from_text, decode_bytes
from .url import Fetcher
from .warc import iter_warc

__all__ = ["KNOWN_SUFFIXES", "UNREAD_DOCUMENTS", "display_name", "iter_articles"]

KNOWN_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".pdf": "pdf",
    ".docx": "docx",
}
# Documents a newsroom keeps that are not read: in a folder each is reported, not skipped.
UNREAD_DOCUMENTS = {
    ".doc": "old Word document (.doc); save it as .docx or PDF to have it read",
    ".odt": "OpenDocument text (.odt); save it as .docx or PDF to have it read",
    ".rtf": "RTF document; save it as .docx, PDF or plain text to have it read",
    ".pages": "Apple Pages document; export it as .docx or PDF to have it read",
}
_URL = re.compile(r"^https?://", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)

Item = Article | Failure


def iter_articles(
    sources: Iterable[str | Path], *, limits: Limits | None = None
) -> Iterator[Article | Failure]:
    """Read every source as articles, in order; a bad input yields a :class:`Failure`.

    Args:
        sources: files, folders (read recursively) and ``http(s)://`` URLs (strings only).
        limits: input caps; the defaults when ``None``.

    Yields:
        An :class:`Article` per article read, a :class:`Failure` (source and a human reason) per
        input or part of an input that could not be read. One bad file, JSONL line or WARC
        record never stops the others. Every source name is escaped for output
        (:func:`display_name`): a file name that is not UTF-8 is read like any other.
    """
    for item in _iter_sources(sources, limits or Limits()):
        yield safe_item(item)


def _iter_sources(sources: Iterable[str | Path], limits: Limits) -> Iterator[Item]:
    manifests = ManifestIndex(limits)
    with Fetcher(limits) as fetcher:
        for src in sources:
            text = str(src)
            if isinstance(src, str) and _URL.match(text):
                yield from _guard(text, functools.partial(fetcher.fetch, text))
            elif isinstance(src, str) and _SCHEME.match(text):
                yield Failure(
                    source=text, reason="unsupported URL scheme (use http:// or https://)"
                )
            else:
                path = Path(src)
                if not path.exists() and not path.is_symlink():
                    yield Failure(source=text, reason="no such file or folder")
                elif path.is_dir():
                    yield from _walk(path, limits, manifests)
                else:
                    yield from manifests.load(path.parent)
                    yield from _file(path, text, limits, manifests, root=None)


def _guard(source: str, produce: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """Run a reader, turning the IngestError or OSError that ends it into a Failure."""
    try:
        yield from produce()
    except IngestError as exc:
        yield Failure(source=exc.source or source, reason=exc.reason)
    except OSError as exc:
        yield Failure(source=source, reason=os_reason(exc))


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return KNOWN_SUFFIXES.get(os.path.splitext(name)[1])


def _file(
    path: Path,
    source: str,
    limits: Limits,
    manifests: ManifestIndex,
    *,
    root: Path | None,
) -> Iterator[Item]:
    """Read one file by its extension; one of unknown type (named directly) as text or HTML."""
    kind = _kind(path) or "auto"

    def produce() -> Iterable[Item]:
        return _read(kind, path, source, limits)

    for item in _guard(source, produce):
        if isinstance(item, Article):
            item = manifests.apply(item, path, source, root)
        yield item


def _read(kind: str, path: Path, source: str, limits: Limits) -> Iterable[Item]:
    """The articles of one file of a known ``kind`` ("auto" when its extension says nothing)."""
    if kind == "jsonl":
        return iter_jsonl(path, source=source, limits=limits)
    if kind == "json":
        return iter_json(path, source=source, limits=limits)
    if kind == "warc":
        return iter_warc(path, source=source, limits=limits)
    return read_capped_time(limits, source, lambda: _read_whole(kind, path, source, limits))


def _read_whole(kind: str, path: Path, source: str, limits: Limits) -> list[Item]:
    """The articles of a file read whole (text, HTML, PDF, DOCX, feed), as a list."""
    data = read_file(path, source, limits)
    if kind == "feed":
        if is_feed_bytes(data[:FEED_HEAD]):
            return list(iter_feed_bytes(data, source=source, limits=limits))
        if not path.name.lower().removesuffix(".gz").endswith(".xml"):
            tag = root_element(data[:FEED_HEAD])
            first = f"its first element is <{tag}>" if tag else "it is not XML"
            raise IngestError(source, f"not an RSS or Atom feed ({first})")
        kind = "auto"  # an .xml file named directly that is not a feed: its text
    if kind == "auto":
        kind = "pdf" if data.startswith(b"%PDF-") else "docx" if looks_like_docx(data) else kind
    if kind == "pdf":
        return [article_from_pdf(data, source=source, limits=limits)]
    if kind == "docx":
        return [article_from_docx(data, source=source, limits=limits)]
    if kind == "html":
        return [article_from_html(data, source=source, limits=limits)]
    if kind == "auto" and data.strip():
        text = decode_bytes(data, source=source)
        if looks_like_html(text[:4096]):
            return [article_from_html(text, source=source, limits=limits)]
        return [make_article(text, source=source, fmt="txt", limits=limits)]
    return [article_from_text(data, source=source, limits=limits)]


def _walk(root: Path, limits: Limits, manifests: ManifestIndex) -> Iterator[Item]:
    """Read a folder recursively in sorted order, each real folder once (symlink loops end).

    Symbolic links leading out of ``root`` are refused, each with a Failure, unless
    ``limits.follow_symlinks``.
    """
    errors: list[OSError] = []
    seen: set[tuple[int, int]] = set()
    inside = None if limits.follow_symlinks else os.path.realpath(root)
    produced = False
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=errors.append):
        yield from _folder_errors(errors)
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirnames[:] = []  # reached again through a symbolic link
            continue
        seen.add((st.st_dev, st.st_ino))
        folder = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if inside is not None:
            for name, target in _leaving(folder, dirnames, inside):
                produced = True
                dirnames.remove(name)
                yield Failure(source=str(folder / name), reason=outside_reason(target))
        for failure in manifests.load(folder, inside=inside):
            produced = True
            yield failure
        for name in sorted(filenames):
            for item in _entry(folder / name, limits, manifests, root, inside):
                produced = True
                yield item
    yield from _folder_errors(errors)
    if not produced and not errors:
        exts = ", ".join(sorted({*KNOWN_SUFFIXES, ".warc.gz"}))
        yield Failure(source=str(root), reason=f"no articles in this folder (looked for {exts})")


def _leaving(folder: Path, names: list[str], inside: str) -> list[tuple[str, str]]:
    """The entries of ``names`` that are links out of ``inside``, with where they lead."""
    out = []
    for name in names:
        target = link_outside(folder / name, inside)
        if target is not None:
            out.append((name, target))
    return out


def _entry(
    path: Path, limits: Limits, manifests: ManifestIndex, root: Path, inside: str | None
) -> Iterator[Item]:
    """One file found in a folder: read, refused, or skipped (hidden, manifest, unknown type)."""
    name = path.name
    if name.startswith(".") or name.lower() in MANIFEST_NAMES:
        return
    unread = UNREAD_DOCUMENTS.get(os.path.splitext(name.lower())[1])
    kind = _kind(path)
    if unread is None and kind is None:
        return
    if inside is not None and (target := link_outside(path, inside)) is not None:
        yield Failure(source=str(path), reason=outside_reason(target))
    elif unread is not None:
        yield Failure(source=str(path), reason=f"{unread}; not read")
    elif not (kind == "feed" and _xml_not_feed(path)):
        yield from _file(path, str(path), limits, manifests, root=root)


def _xml_not_feed(path: Path) -> bool:
    """An ``.xml`` file in a folder that is not a feed (a sitemap, TEI...): not an input."""
    return path.name.lower().removesuffix(".gz").endswith(".xml") and not is_feed(path)


def _folder_errors(errors: list[OSError]) -> Iterator[Failure]:
    for err in errors:
        yield Failure(
            source=str(err.filename or "?"), reason=f"cannot read folder: {os_reason(err)}"
        )
    errors.clear()
