"""WARC archives (plain or gzip): one article per HTML response record."""

from __future__ import annotations

import io
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

from warcio.recordloader import ArcWarcRecordLoader

from ..config import Limits
from ..errors import IngestError, InputTooLargeError
from ..model import Article, Failure
from ._common import before_it, human_size, read_capped_time
from ._files import open_stream
from .html import article_from_html
from .warcframe import Frame, StreamCut, iter_frames

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

    Each record's framing is checked (:mod:`.warcframe`): a record cut short, or whose
    Content-Length runs into the next record, is reported with its number and byte offset and
    the records after it are still read. A .warc.gz cut short gives every record before the
    cut, then one report saying where the cut was.

    Raises:
        IngestError: unreadable, corrupt, not a WARC file, or no HTML responses in it.
    """
    found = 0
    n = 0
    refused = 0  # the last record refused as too large
    cap = limits.max_file_bytes
    with open_stream(path, source, cap=limits.max_decompressed_bytes) as fh:
        frames = iter_frames(fh, source=source, cap=cap, wanted=_wanted)
        try:
            for frame in frames:
                n = frame.n
                item = _capped_item(frame, source=source, limits=limits)
                if item is not None:
                    found += 1
                    if isinstance(item, Failure) and item.reason.startswith(_OVER_CAP % n):
                        refused = n
                    yield item
        except StreamCut as cut:
            if cut.n == 1:
                raise IngestError(
                    source, f"{cut.error.reason}: no complete record before the cut"
                ) from None
            yield Failure(
                source=f"{source}#record-{cut.n}",
                reason=f"record {cut.n} (at byte {cut.offset:,}): the file is cut short "
                f"here: {cut.error.reason}; {before_it(cut.n - 1, 'record')}",
            )
            return
        except InputTooLargeError:
            if refused and refused == n:
                # The decompression cap was hit while skipping the rest of the record just
                # refused as too large: the same input, already reported once; nothing after
                # it can be reached.
                return
            raise
    if not found:
        raise IngestError(source, f"no HTML responses among its {n} WARC records")


_LOADER = ArcWarcRecordLoader(verify_http=False, arc2warc=False)


def _parse(head: bytes, block: bytes) -> object:
    """warcio's record for one framed record (its HTTP headers parsed, payload decoded)."""
    stream = io.BufferedReader(io.BytesIO(head + block))
    return _LOADER.parse_record_stream(stream, known_format="warc")


def _wanted(head: bytes, start: bytes) -> bool:
    """Whether a record is an HTML page worth holding whole (from its first bytes)."""
    try:
        return _html_record(_parse(head, start)) is not None
    except Exception:  # noqa: BLE001 - malformed headers: hold it, reported when read whole
        return True


def _html_record(record: object) -> str | None:
    """The charset (or "") of an HTML response/resource record with status 200, else None."""
    rec_type = getattr(record, "rec_type", None)
    if rec_type not in ("response", "resource"):
        return None
    http = getattr(record, "http_headers", None)
    if rec_type == "response":
        if http is None or http.get_statuscode() != "200":
            return None
        ctype = http.get_header("Content-Type")
    else:
        ctype = record.rec_headers.get_header("Content-Type")  # type: ignore[attr-defined]
    media, charset = parse_content_type(ctype)
    return (charset or "") if media in _HTML_TYPES else None


def _capped_item(frame: Frame, *, source: str, limits: Limits) -> Article | Failure | None:
    """:func:`_frame_item` within the per-article time limit."""
    where = f"{source}#record-{frame.n}"
    try:
        return read_capped_time(
            limits, where, lambda: _frame_item(frame, source=source, limits=limits),
            prefix=f"record {frame.n}: ")
    except IngestError as exc:
        return Failure(source=where, reason=exc.reason)


def _frame_item(frame: Frame, *, source: str, limits: Limits) -> Article | Failure | None:
    """The article in one framed record, the Failure saying why not, or None (not HTML)."""
    n = frame.n
    where = f"{source}#record-{n}"
    if frame.problem is not None:
        return Failure(source=where, reason=f"record {n} (at byte {frame.offset:,}): "
                       f"{frame.problem}")
    try:
        record = _parse(frame.head, frame.block)
        charset = _html_record(record)
    except Exception:  # noqa: BLE001 - warcio trips over malformed headers in many ways
        return Failure(source=where, reason=f"record {n} (at byte {frame.offset:,}): "
                       "malformed record headers")
    if charset is None:
        return None
    cap = limits.max_file_bytes
    payload = record.content_stream().read(cap + 1)  # type: ignore[attr-defined]
    if len(payload) > cap or not frame.whole:
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
            url=record.rec_headers.get_header("WARC-Target-URI"),  # type: ignore[attr-defined]
            fmt="warc",
            charset=charset or None,
        )
    except IngestError as exc:
        return Failure(source=where, reason=f"record {n}: {exc.reason}")
