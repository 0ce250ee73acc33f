"""WARC archives (plain or gzip): one article per HTML response record."""

from __future__ import annotations

import io
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from ..config import Limits
from ..errors import IngestError, InputTooLargeError
from ..model import Article, Failure
from ._common import human_size
from ._files import open_stream
from .html import article_from_html

_CHUNK = 1 << 16
_OVER_CAP = "record %d: HTML payload over"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into its lowercase media type and charset (if any)."""
    if not value:
        return "", None
    msg = Message()
    msg["content-type"] = value
    charset = msg.get_param("charset")
    return msg.get_content_type().lower(), charset if isinstance(charset, str) else None


def iter_warc(path: Path, *, source: str, limits: Limits) -> Iterator[Article | Failure]:
    """Read the HTML responses of a WARC file as articles, streaming record by record.

    Records are numbered from 1 in file order (all record types count), and an article's source
    is ``path#record-N``. Only ``response``/``resource`` records with status 200 and an HTML
    content type are read; requests, metadata, redirects, images and scripts are skipped. Each
    payload is capped at ``limits.max_file_bytes`` and the whole decompressed stream at
    ``limits.max_decompressed_bytes`` (a small .warc.gz cannot expand without bound).

    Raises:
        IngestError: unreadable, corrupt, not a WARC file, or no HTML responses in it.
    """
    found = 0
    n = 0
    refused = 0  # the last record refused as too large
    with open_stream(path, source, cap=limits.max_decompressed_bytes) as fh:
        head, blank = _skip_whitespace(fh)
        if not head:
            reason = "no WARC records (only whitespace)" if blank else "empty file"
            raise IngestError(source, reason)
        if not head.startswith(b"WARC/"):
            # warcio would otherwise try to read any text as an old-style ARC file.
            raise IngestError(source, "not a valid WARC file (it does not start with 'WARC/1.x')")
        records = _QuietArchiveIterator(_Prefixed(head, fh))
        try:
            for n, record in enumerate(records, 1):  # noqa: B007 (n used after)
                item = _record_article(record, n, source=source, limits=limits)
                if item is not None:
                    found += 1
                    if isinstance(item, Failure) and item.reason.startswith(_OVER_CAP % n):
                        refused = n
                    yield item
        except InputTooLargeError:
            if refused and refused == n:
                # warcio hit the decompression cap while skipping the rest of the record just
                # refused as too large: the same input, already reported once; nothing after
                # it can be reached.
                return
            raise
        except IngestError:
            raise  # an unreadable file or corrupt gzip
        except (ArchiveLoadFailed, StatusAndHeadersParserException) as exc:
            where = f" after record {n}" if n else ""
            raise IngestError(source, f"not a valid WARC file{where}: {exc}") from None
        except Exception:  # noqa: BLE001
            # warcio trips over some malformed headers with AttributeError and the like.
            where = f" after record {n}" if n else ""
            raise IngestError(
                source, f"not a valid WARC file{where}: malformed record headers"
            ) from None
    if not found:
        raise IngestError(source, f"no HTML responses among its {n} WARC records")


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator without its stderr warning about a record not followed by a newline.

    The warning is noise for users: the record is still read, or refused with a reason.
    """

    INC_RECORD = ""  # warcio writes INC_RECORD.format(...) to stderr; "" writes nothing


def _skip_whitespace(fh: io.BufferedReader) -> tuple[bytes, bool]:
    """Consume leading whitespace (warcio refuses a file that starts with any) in bulk and
    return the next 16 bytes, also consumed, and whether any whitespace was seen."""
    blank = False
    while True:
        chunk = fh.peek(_CHUNK)[:_CHUNK]
        rest = chunk.lstrip()
        if len(rest) < len(chunk):
            blank = True
            fh.read(len(chunk) - len(rest))
        if rest or not chunk:
            return fh.read(16), blank


class _Prefixed:
    """A read-only stream giving ``head`` first, then the rest of ``fh`` (warcio needs only
    ``read``; it keeps its own offsets when ``tell`` is missing)."""

    def __init__(self, head: bytes, fh: io.BufferedReader) -> None:
        self._head = head
        self._fh = fh

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            return self._fh.read(size)
        if size is None or size < 0:
            out, self._head = self._head + self._fh.read(), b""
            return out
        out, self._head = self._head[:size], self._head[size:]
        return out


def _record_article(
    record: object, n: int, *, source: str, limits: Limits
) -> Article | Failure | None:
    rec_type = getattr(record, "rec_type", None)
    if rec_type not in ("response", "resource"):
        return None
    rec_headers = record.rec_headers  # type: ignore[attr-defined]
    http = getattr(record, "http_headers", None)
    if rec_type == "response":
        if http is None or http.get_statuscode() != "200":
            return None
        ctype = http.get_header("Content-Type")
    else:
        ctype = rec_headers.get_header("Content-Type")
    media, charset = parse_content_type(ctype)
    if media not in _HTML_TYPES:
        return None
    where = f"{source}#record-{n}"
    cap = limits.max_file_bytes
    payload = record.content_stream().read(cap + 1)  # type: ignore[attr-defined]
    if len(payload) > cap:
        return Failure(
            source=where,
            reason=f"{_OVER_CAP % n} the {human_size(cap)} limit "
            "(raise it with --max-file-mb)",
        )
    try:
        return article_from_html(
            payload,
            source=where,
            limits=limits,
            url=rec_headers.get_header("WARC-Target-URI"),
            fmt="warc",
            charset=charset,
        )
    except IngestError as exc:
        return Failure(source=where, reason=f"record {n}: {exc.reason}")
