"""PDF documents (press releases, official statements): their text layer, read with pypdf.

The article's text is what pypdf extracts, page by page in content order (which follows columns
better than a layout rendering), with an empty line wherever the text jumps down by clearly more
than the page's usual line spacing (a paragraph break) or back up (a new column), and between
pages. Title, author and creation date come from the document information. A PDF without a
text layer (a scan) is refused with that reason, as are encrypted and broken ones.
"""

from __future__ import annotations

import io
import logging
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rashomon.config import Limits
from rashomon.errors import IngestError, InputTooLargeError
from rashomon.ingest._common import make_article
from rashomon.model import Article

__all__ = ["article_from_pdf"]

_GAP = 1.6  # a drop this many times the usual line step starts a new paragraph


class _Quiet(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs a warning for every oddity of a damaged file; the refusal says what matters."""
    logger = logging.getLogger("pypdf")
    quiet = _Quiet()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def _page_text(page: Any) -> str:
    """One page's text, an empty line at each paragraph gap."""
    parts: list[tuple[str, float, float]] = []  # (text, y, font size) per piece pypdf emits

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        try:
            y = float(tm[4]) * float(cm[1]) + float(tm[5]) * float(cm[3]) + float(cm[5])
            height = abs(float(size) * float(tm[3]) * float(cm[3]))
        except (TypeError, ValueError, IndexError):
            y, height = 0.0, 0.0
        parts.append((text, y, height))

    page.extract_text(visitor_text=visit)
    breaks = _paragraph_starts(parts)
    out: list[str] = []
    for i, (text, _, _) in enumerate(parts):
        if i in breaks and out and out[-1].endswith("\n") and not out[-1].endswith("\n\n"):
            out.append("\n")
        if text:
            out.append(text)
    return "".join(out).strip()


def _paragraph_starts(parts: list[tuple[str, float, float]]) -> set[int]:
    """The pieces that start a paragraph: a line further below the one before than the page's
    line spacing allows, or above it (a new column).

    The line spacing is the smallest step between lines, but no more than 1.3 times the font
    size: on a page where every paragraph is one line long, every step is a paragraph gap.
    """
    starts: list[tuple[int, float, float]] = []  # (piece, y, font size) of each line start
    line_start = True
    for i, (text, y, height) in enumerate(parts):
        if line_start and text.strip():
            starts.append((i, y, height))
        if text:
            line_start = text.endswith("\n")
    pairs = list(zip(starts, starts[1:], strict=False))
    steps = [a[1] - b[1] for a, b in pairs if a[1] > b[1]]
    sizes = [h for _, _, h in starts if h > 0]
    if not steps:
        return set()
    usual = min(steps)
    if sizes:
        usual = min(usual, 1.3 * statistics.median(sizes))
    return {b[0] for a, b in pairs if a[1] - b[1] > _GAP * usual or b[1] - a[1] > usual}


def _open(data: bytes, source: str) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            ok = bool(reader.decrypt(""))  # many PDFs are encrypted for permissions only
        except (DependencyError, FileNotDecryptedError, NotImplementedError):
            ok = False
        if not ok:
            raise IngestError(source, "encrypted PDF (needs a password); not read")
    return reader


def article_from_pdf(data: bytes, *, source: str, limits: Limits) -> Article:
    """Read a PDF's text layer as an article.

    Raises:
        IngestError: encrypted, broken, or without a text layer (a scanned document).
        InputTooLargeError: its text is longer than ``limits.max_article_chars``.
    """
    pages: list[str] = []
    total = 0
    with _quiet_pypdf():
        try:
            reader = _open(data, source)
            meta = reader.metadata
            for page in reader.pages:
                text = _page_text(page)
                total += len(text)
                if total > limits.max_article_chars:
                    raise InputTooLargeError(
                        source, f"PDF text longer than {limits.max_article_chars:,} characters "
                        "(max_article_chars); raise it with --max-article-chars")
                pages.append(text)
            fields = _meta(meta)
        except IngestError:
            raise
        except RecursionError:
            raise IngestError(source, "broken PDF: objects nested too deeply") from None
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged files
            raise IngestError(source, f"broken PDF: {_short(exc)}") from None
    text = "\n\n".join(p for p in pages if p.strip())
    if not text.strip():
        what = f"{len(pages)} page{'s' if len(pages) != 1 else ''}"
        raise IngestError(source, f"PDF has no text layer ({what} of images only: a scanned "
                                  "document? run OCR on it first)")
    return make_article(text, source=source, fmt="pdf", limits=limits, meta=fields)


def _meta(meta: Any) -> dict[str, str | None]:
    """Title, author and creation date from the document information (a bad date is left out)."""
    if meta is None:
        return {}
    try:
        created = meta.creation_date
    except Exception:  # noqa: BLE001 - pypdf raises on malformed dates
        created = None
    return {
        "title": _clean(meta.title),
        "author": _clean(meta.author),
        "published": created.isoformat() if created is not None else None,
    }


def _clean(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _short(exc: Exception) -> str:
    said = " ".join(str(exc).split())[:160]
    return f"{type(exc).__name__}: {said}" if said else type(exc).__name__
