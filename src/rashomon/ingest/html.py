"""HTML pages to articles: main text and declared metadata via trafilatura, paragraphs kept."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura
from trafilatura.utils import repair_faulty_html
from trafilatura.xml import xmltotxt

from ..config import Limits
from ..errors import IngestError
from ..model import Article
from ._common import clean_meta, make_article, normalise_language
from .text import decode_bytes

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# htmldate's extensive search guesses dates from free text; only declared dates are wanted here.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def sniff_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag within its first 4 KB, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def looks_like_html(head: str) -> bool:
    """Whether text starts like an HTML document (for files and responses of unknown type)."""
    start = head.lstrip()[:200].lower()
    return start.startswith(("<!doctype html", "<html")) or (
        start.startswith("<") and "<body" in head[:4096].lower()
    )


@functools.lru_cache(maxsize=8)
def _too_deep(limit: int) -> lxml.etree.XPath:
    return lxml.etree.XPath("boolean(" + "/*" * (limit + 1) + ")")


def _parse(text: str, source: str, limits: Limits) -> lxml.html.HtmlElement:
    text = repair_faulty_html(_XML_DECL.sub("", text, count=1), text[:50].lower())
    # huge_tree lifts libxml2's silent cut at depth 256 (which would drop deep text), so the
    # real depth can be measured and refused above Limits.max_html_depth.
    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise IngestError(source, f"cannot parse as HTML: {exc}") from None
    # An XPath with max_html_depth + 1 steps finds any element below the limit in C, without
    # creating a Python object per element as a tree walk would.
    if _too_deep(limits.max_html_depth)(tree):
        raise IngestError(
            source,
            f"HTML nested more than {limits.max_html_depth} levels deep (max_html_depth); "
            "not a normal page (raise the limit with --max-html-depth)",
        )
    return tree


def _paragraphs(body: Any) -> str:
    # trafilatura's own text output separates blocks by a single newline; a blank line between
    # paragraphs is what the cleaning and sentence stages expect.
    # NFC as in trafilatura's own text output, so the same word has one form in every article.
    parts = (unicodedata.normalize("NFC", xmltotxt(child, False)).strip() for child in body)
    return "\n\n".join(p for p in parts if p)


def article_from_html(
    data: bytes | str,
    *,
    source: str,
    limits: Limits,
    url: str | None = None,
    fmt: str = "html",
    charset: str | None = None,
) -> Article:
    """Extract the main text of an HTML page and the metadata it declares.

    Paragraphs, headings and list items become blocks separated by a blank line. Title, author,
    date and site name come from the page's own markup (meta tags, JSON-LD), the language from
    ``<html lang>``, and the URL from ``url`` or the page's canonical link.

    Args:
        data: the page as bytes (decoded here) or text.
        source: path, ``path:LINE``, ``path#record-N`` or URL.
        limits: input caps (``max_html_depth`` and ``max_article_chars`` apply).
        url: where the page came from, if known.
        fmt: the ``Article.format`` to record.
        charset: a charset named outside the page (HTTP header), tried first.

    Raises:
        IngestError: empty, binary, unparseable, too deeply nested, or no main text found.
    """
    if isinstance(data, bytes):
        if not data.strip():
            raise IngestError(source, "empty file")
        text = decode_bytes(data, source=source, declared=charset or sniff_charset(data))
    else:
        text = data
    if not text.strip():
        raise IngestError(source, "empty HTML")
    tree = _parse(text, source, limits)
    language = normalise_language(tree.get("lang") or "")
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # noqa: BLE001
        # A third-party extractor failing on one odd page must not end the whole batch.
        raise IngestError(
            source, f"HTML extraction failed ({type(exc).__name__}: {exc}); not read"
        ) from None
    body = getattr(doc, "body", None)
    main = _paragraphs(body) if body is not None else ""
    if not main.strip():
        raise IngestError(
            source, "no article text found in the HTML (an index, login or empty page?)"
        )
    assert doc is not None and not isinstance(doc, dict)
    return make_article(
        main,
        source=source,
        fmt=fmt,
        limits=limits,
        meta={
            "url": url or clean_meta(doc.url, field="url", where=source),
            "title": clean_meta(doc.title, field="title", where=source),
            "author": clean_meta(doc.author, field="author", where=source),
            "published": clean_meta(doc.date, field="published", where=source),
            "outlet": clean_meta(doc.sitename, field="outlet", where=source),
            "language": language,
        },
    )
