"""JSON and JSON Lines: one article per object, with ``text`` or ``html`` and declared metadata."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from ..config import Limits
from ..errors import IngestError
from ..model import Article, Failure
from ._common import (
    META_FIELDS,
    before_it,
    clean_meta,
    human_size,
    make_article,
    read_capped_time,
)
from ._files import open_stream, read_file, stream_error
from .html import article_from_html
from .text import decode_bytes, sniff_binary

# Other names some scrapers use for a field; the documented name wins when both are present.
_ALIASES = {"published": ("date", "published_at", "publish_date"), "outlet": ("site", "sitename")}
_CHUNK = 1 << 16
_UTF16_32_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


def article_from_object(obj: Any, *, source: str, limits: Limits) -> Article:
    """Build an article from one JSON object.

    The object needs ``text`` (plain text, kept as given apart from ``\\r\\n`` -> ``\\n``) or
    ``html`` (a page whose main text is extracted); ``url``, ``title``, ``outlet``,
    ``published``, ``author`` and ``language`` are optional and override what the HTML declares.

    Args:
        obj: the parsed JSON value.
        source: the name to record (``path``, ``path:LINE`` or ``path#item-N``).
        limits: input caps.

    Raises:
        IngestError: not an object, no usable ``text``/``html``, or a field of the wrong type.
    """
    if not isinstance(obj, dict):
        raise IngestError(source, f"expected a JSON object, got {_json_type(obj)}")
    meta: dict[str, str | None] = {}
    for name in META_FIELDS:
        value = obj.get(name)
        for alias in _ALIASES.get(name, ()):
            if value is None:
                value = obj.get(alias)
        meta[name] = clean_meta(value, field=name, where=source)
    text, html = obj.get("text"), obj.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise IngestError(source, f"field {name!r} must be a string, got {_json_type(value)}")
    if isinstance(text, str) and text.strip():
        return make_article(text, source=source, fmt="json", limits=limits, meta=meta)
    if isinstance(html, str) and html.strip():
        art = article_from_html(html, source=source, limits=limits, url=meta["url"], fmt="json")
        return replace(art, **{k: v for k, v in meta.items() if v})
    if text is None and html is None:
        raise IngestError(source, "no 'text' or 'html' field (an article needs one of them)")
    raise IngestError(source, "the 'text'/'html' field is empty")


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "null" if value is None else "a number"
    )


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = " " if exc.msg.endswith(" at") else " at "  # "Unterminated string starting at"
        raise ValueError(f"{exc.msg}{at}line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None


def iter_json(path: Path, *, source: str, limits: Limits) -> Iterator[Article | Failure]:
    """Read a ``.json`` file holding one article object or a list of them.

    A list item's source is ``path#item-N`` (1-based); a bad item is a :class:`Failure` and the
    others are still read. ``{"articles": [...]}`` is read as the list.

    Raises:
        IngestError: unreadable, empty, binary, over the size cap or not valid JSON.
    """
    return iter_json_bytes(read_file(path, source, limits), source=source, limits=limits)


def iter_json_bytes(data: bytes, *, source: str, limits: Limits) -> Iterator[Article | Failure]:
    """Like :func:`iter_json`, for a JSON document already in memory (a downloaded one)."""
    if not data.strip():
        raise IngestError(source, "empty file")
    text = decode_bytes(data, source=source)
    try:
        value = _loads(text)
    except ValueError as exc:
        raise IngestError(source, f"invalid JSON: {exc}") from None
    if isinstance(value, dict) and "text" not in value and "html" not in value:
        # A wrapper object such as {"articles": [...]} is common in exported datasets.
        inner = value.get("articles")
        value = inner if isinstance(inner, list) else value
    if isinstance(value, dict):
        yield article_from_object(value, source=source, limits=limits)
        return
    if not isinstance(value, list):
        raise IngestError(
            source, f"expected a JSON object or a list of objects, got {_json_type(value)}"
        )
    if not value:
        raise IngestError(source, "the JSON list holds no articles")
    for i, item in enumerate(value, 1):
        where = f"{source}#item-{i}"
        try:
            yield read_capped_time(
                limits, where, partial(article_from_object, item, source=where, limits=limits))
        except IngestError as exc:
            yield Failure(source=where, reason=f"item {i}: {exc.reason}")


class _StreamCut(Exception):
    """The stream ended in damaged gzip data; ``line`` is the line it cut (never read)."""

    def __init__(self, line: int, error: IngestError) -> None:
        super().__init__(error.reason)
        self.line = line
        self.error = error


def _lines(path: Path, source: str, limits: Limits) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line number, raw line)``; ``None`` stands for a line longer than
    ``limits.max_file_bytes``. Runs of blank lines are skipped in bulk (never yielded).

    Raises:
        _StreamCut: after the last complete line, when corrupt or truncated gzip data ended
            the stream (the partial line at the cut is not yielded).
    """
    cap = limits.max_file_bytes
    with open_stream(path, source, cap=limits.max_decompressed_bytes) as fh:
        head = fh.peek(65536)[:65536]
        if not head:
            raise stream_error(fh) or IngestError(source, "empty file")
        if head.startswith(_UTF16_32_BOMS):
            yield from _utf16_lines(fh, source, cap)
            return
        what = sniff_binary(head)
        if what is not None:
            raise IngestError(source, f"binary file ({what}), not JSON Lines")
        first = True
        n = 0
        while True:
            n += _skip_blank_lines(fh)
            raw = fh.readline(cap + 1)
            error = stream_error(fh)
            if error is not None and not raw.endswith(b"\n"):
                # The damage cut this line (or came right after the last newline).
                while raw and fh.readline(1 << 20):
                    pass
                raise _StreamCut(n + 1, error)
            if not raw:
                return
            n += 1
            if first and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            first = False
            if len(raw) > cap and not raw.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the over-long line without holding it
                if (error := stream_error(fh)) is not None and not rest.endswith(b"\n"):
                    raise _StreamCut(n, error)
                yield n, None
                continue
            yield n, raw


def _utf16_lines(fh: io.BufferedReader, source: str, cap: int) -> Iterator[tuple[int, bytes]]:
    """UTF-16/32 lines cannot be split on b"\\n"; such files are small, read them whole."""
    data = fh.read(cap + 1)
    if len(data) > cap:
        raise IngestError(source, f"UTF-16/32 JSON Lines over {human_size(cap)}; re-save as UTF-8")
    lines = decode_bytes(data, source=source).split("\n")
    error = stream_error(fh)
    if error is not None:
        raise _StreamCut(1, error)  # too rare to split a cut UTF-16 file line by line
    for i, line in enumerate(lines, 1):
        yield i, line.encode("utf-8")


def _skip_blank_lines(fh: io.BufferedReader) -> int:
    """Consume a run of blank (whitespace-only) lines in bulk; return how many newlines it held.

    A small .jsonl.gz can hold hundreds of millions of newlines; a ``readline`` per blank line
    would take minutes before the decompression cap trips, so whole runs are counted from the
    buffered chunk with ``bytes.count``.
    """
    count = 0
    while True:
        chunk = fh.peek(_CHUNK)[:_CHUNK]
        rest = chunk.lstrip(b" \t\r\n")
        if not rest and chunk:
            run = len(chunk)  # all whitespace: take it whole, even a partial last line
        else:
            # Stop after the last newline, so a line such as '  {...}' keeps its indent.
            run = chunk.rfind(b"\n", 0, len(chunk) - len(rest)) + 1
        if not run:
            return count
        count += chunk.count(b"\n", 0, run)
        fh.read(run)
        if run < len(chunk):
            return count


def iter_jsonl(path: Path, *, source: str, limits: Limits) -> Iterator[Article | Failure]:
    """Read a JSON Lines file, streaming: one article object per line.

    Each line's source is ``path:LINE``; a bad line is a :class:`Failure` whose reason starts
    with ``line N:``, and every other line is still read. Blank lines are skipped. Each line is
    capped at ``limits.max_file_bytes`` and the whole (decompressed) stream at
    ``limits.max_decompressed_bytes``.

    Raises:
        IngestError: unreadable, empty, binary or corrupt file (lines already read stand).
    """
    seen_object = False
    lines = _lines(path, source, limits)
    while True:
        try:
            n, raw = next(lines)
        except StopIteration:
            break
        except _StreamCut as cut:
            yield _cut_failure(cut, source)
            return
        where = f"{source}:{n}"
        if raw is None:
            seen_object = True  # reported just below; not also "only blank lines"
            yield Failure(
                source=where,
                reason=f"line {n}: longer than the {human_size(limits.max_file_bytes)} limit "
                "(raise it with --max-file-mb)",
            )
            continue
        if not raw.strip():
            continue
        seen_object = True
        try:
            yield read_capped_time(limits, where, partial(_line_item, raw, n, where, limits),
                                   prefix=f"line {n}: ")
        except IngestError as exc:
            yield Failure(source=where, reason=exc.reason)
    if not seen_object:
        raise IngestError(source, "no articles (only blank lines)")


def _line_item(raw: bytes, n: int, where: str, limits: Limits) -> Article | Failure:
    """The article on one JSON line, or the Failure saying why there is none."""
    try:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = decode_bytes(raw, source=where)
        try:
            value = _loads(line)
        except ValueError as exc:
            raise IngestError(where, f"invalid JSON: {exc}") from None
        return article_from_object(value, source=where, limits=limits)
    except IngestError as exc:
        reason = exc.reason.replace(" at line 1 column ", " at column ")
        return Failure(source=where, reason=f"line {n}: {reason}")


def _cut_failure(cut: _StreamCut, source: str) -> Failure:
    """The one report of a stream cut by damaged gzip data, at the line it cut.

    Raises:
        IngestError: the cut came before any complete line (the file as a whole is reported).
    """
    before = cut.line - 1
    if before == 0:
        raise IngestError(source, f"{cut.error.reason}: no complete line before the cut")
    return Failure(
        source=f"{source}:{cut.line}",
        reason=f"line {cut.line}: the file is cut short here: {cut.error.reason}; "
        f"{before_it(before, 'line')}",
    )
