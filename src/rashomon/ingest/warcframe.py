"""Split a WARC stream into records by its framing, checking each record's Content-Length.

A record is ``WARC/1.x`` header lines, a blank line, a block of exactly Content-Length bytes
and ``\\r\\n\\r\\n``. warcio trusts Content-Length: a record cut short is read as if complete,
and a Content-Length too large swallows the records after it. Here the stream (already
decompressed) is split first, and each record's end is checked: the next thing after its block
must be the next ``WARC/`` header or the end of the file. When it is not, and the next record's
header line appears inside the declared block, the record ran past its end (it was cut short,
or its Content-Length is too large): it is reported and reading resumes at that header. Bytes
between a record's end and the next header (a sloppy writer) are skipped.

Offsets are byte offsets into the uncompressed stream.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import IngestError, InputTooLargeError
from ._files import stream_error

HEADROOM = 1 << 16  # bytes of a block read to see its HTTP headers; also the header block cap
_CHUNK = 1 << 16
# A record's version line followed by a header field: where a record begins. Not anchored to a
# line start: a record cut short mid-line is followed directly by the next record.
_NEXT = re.compile(rb"(WARC/1\.[01]\r?\n[A-Za-z][A-Za-z0-9-]*:[ \t])")
_OVERLAP = 64
_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*([^\r\n]*)")
_HEAD_END = re.compile(rb"\r?\n\r?\n")


@dataclass(frozen=True, slots=True)
class Frame:
    """One record of a WARC stream.

    Attributes:
        n: its number, from 1, in file order (all record types count).
        offset: where it starts in the uncompressed stream.
        head: the WARC header block, through the blank line that ends it.
        block: its block, or the start of it when ``whole`` is False.
        whole: whether ``block`` is all of it (False: not wanted, or over the cap).
        problem: why its framing is broken (then it is not to be read), or None.
    """

    n: int
    offset: int
    head: bytes
    block: bytes
    whole: bool
    problem: str | None = None


class StreamCut(Exception):
    """Damaged (truncated or corrupt) compressed data ended the stream inside record ``n``."""

    def __init__(self, n: int, offset: int, error: IngestError) -> None:
        super().__init__(error.reason)
        self.n = n
        self.offset = offset
        self.error = error


class _Reader:
    """Reads a buffered stream, counting the offset, with bytes that can be pushed back."""

    def __init__(self, fh: io.BufferedReader) -> None:
        self.fh = fh
        self._back = b""
        self.offset = 0

    def read(self, size: int) -> bytes:
        out = b""
        if self._back:
            out, self._back = self._back[:size], self._back[size:]
        if len(out) < size:
            out += self.fh.read(size - len(out))
        self.offset += len(out)
        return out

    def peek(self, size: int) -> bytes:
        if len(self._back) < size:
            self._back += self.fh.read(size - len(self._back))
        return self._back[:size]

    def unread(self, data: bytes) -> None:
        self._back = data + self._back
        self.offset -= len(data)

    def skip_whitespace(self) -> bool:
        """Consume whitespace in bulk; whether there was any."""
        blank = False
        while True:
            chunk = self.peek(_CHUNK)
            rest = chunk.lstrip()
            if len(rest) < len(chunk):
                blank = True
                self.read(len(chunk) - len(rest))
            if rest or not chunk:
                return blank

    def skip_to_next_record(self) -> None:
        """Skip bytes up to the next record header line (or the end of the stream)."""
        while True:
            chunk = self.peek(_CHUNK)
            if not chunk:
                return
            m = _NEXT.search(chunk)
            if m:
                self.read(m.start(1))
                return
            if len(chunk) < _CHUNK:
                self.read(len(chunk))
                return
            self.read(len(chunk) - _OVERLAP)


def _next_record_in(block: bytes) -> int | None:
    m = _NEXT.search(block)
    return m.start(1) if m else None


def iter_frames(
    fh: io.BufferedReader,
    *,
    source: str,
    cap: int,
    wanted: Callable[[bytes, bytes], bool],
) -> Iterator[Frame]:
    """Yield the records of an (uncompressed) WARC stream, each with its framing checked.

    Args:
        fh: the stream, from :func:`~rashomon.ingest._files.open_stream`.
        source: the file's name, for errors.
        cap: the most bytes of a block held in memory (plus :data:`HEADROOM`); a longer block
            comes with its start only (``whole`` False) and the rest is skipped unread.
        wanted: ``wanted(head, start_of_block)``: whether a record's block is needed (others
            are skipped without being held).

    Raises:
        IngestError: empty, only whitespace, or not starting with a WARC header.
        StreamCut: damaged compressed data ended the stream (records before it were yielded).
        InputTooLargeError: the decompression cap was reached (after yielding the record being
            skipped, when that is where it happened).
    """
    r = _Reader(fh)
    blank = r.skip_whitespace()
    if not r.peek(5).startswith(b"WARC/"):
        if not r.peek(1):
            error = stream_error(fh)
            if error is not None:
                raise error
            raise IngestError(source, "no WARC records (only whitespace)" if blank
                              else "empty file")
        raise IngestError(source, "not a valid WARC file (it does not start with 'WARC/1.x')")
    n = 0
    while True:
        r.skip_whitespace()
        start = r.offset
        if not r.peek(1):
            error = stream_error(fh)
            if error is not None:
                raise StreamCut(n + 1, start, error)
            return
        if not r.peek(5).startswith(b"WARC/"):
            r.skip_to_next_record()  # stray bytes after a record's end
            continue
        n += 1
        yield from _frame(r, n, start, cap=cap, wanted=wanted)


def _read_head(r: _Reader) -> bytes | None:
    """The header block through its blank line, or None when none ends within HEADROOM."""
    for size in (4096, HEADROOM):
        buf = r.peek(size)
        m = _HEAD_END.search(buf)
        if m:
            return r.read(m.end())
        if len(buf) < size:
            break
    return None


def _frame(
    r: _Reader, n: int, start: int, *, cap: int, wanted: Callable[[bytes, bytes], bool]
) -> Iterator[Frame]:
    """Read record ``n`` (its header line is next) and yield its frame."""
    head = _read_head(r)
    if head is None:
        end = r.peek(HEADROOM + 1)
        error = stream_error(r.fh)
        if len(end) <= HEADROOM and error is not None:
            raise StreamCut(n, start, error)
        r.read(5)
        r.skip_to_next_record()
        what = "its headers never end" if len(end) > HEADROOM else "cut short in its headers"
        yield Frame(n, start, b"", b"", False, what)
        return
    m = _LENGTH.search(head)
    value = m.group(1).strip() if m else b""
    if not value.isdigit():
        r.skip_to_next_record()
        said = "no Content-Length header" if m is None else "an invalid Content-Length header"
        yield Frame(n, start, head, b"", False, f"{said}; skipped to the next record")
        return
    length = int(value)
    block = r.read(min(length, HEADROOM))
    keep = wanted(head, block)
    if keep and len(block) < length:
        block += r.read(min(length, cap + HEADROOM) - len(block))
    problem: str | None
    try:
        held = len(block)
        if len(block) == length:
            problem = _check_end(r, block, length, start + len(head))
        else:
            problem = _skip_rest(r, block, length, start + len(head))
    except InputTooLargeError:
        yield Frame(n, start, head, block, False)
        raise
    except _Cut as cut:
        raise StreamCut(n, start, cut.error) from None
    yield Frame(n, start, head, block, held == length and problem is None, problem)


class _Cut(Exception):
    def __init__(self, error: IngestError) -> None:
        super().__init__(error.reason)
        self.error = error


def _check_end(r: _Reader, block: bytes, length: int, block_start: int) -> str | None:
    """After a whole block: the record's end is the next header or the end of the stream."""
    after = r.peek(HEADROOM).lstrip()
    if after.startswith(b"WARC/") or not after:
        return None  # (at the end of a damaged stream the next loop reports the cut)
    at = _next_record_in(block)
    if at is None:
        return None  # stray bytes after the record: skipped by the caller's loop
    r.unread(block[at:])
    return _runs_past(length, block_start + at)


def _runs_past(length: int, at: int) -> str:
    return (f"its Content-Length ({length:,} bytes) runs past its end: the next record "
            f"starts at byte {at:,} (a record cut short, or a wrong Content-Length); "
            "read on from there")


def _skip_rest(r: _Reader, block: bytes, length: int, block_start: int) -> str | None:
    """Consume the rest of a block not held, watching for a record header inside it.

    Returns the framing problem, or None. Raises :class:`_Cut` when damaged compressed data
    ended the stream inside the block.
    """
    at = _next_record_in(block)
    kept = block[at:] if at is not None else b""
    got = len(block)
    tail = block[-_OVERLAP:]
    while got < length:
        chunk = r.read(min(_CHUNK, length - got))
        if not chunk:
            break
        if at is not None:
            kept += chunk  # what follows a header found inside: read on from there
            if len(kept) > HEADROOM * 64:
                at, kept = None, b""  # too far to hold: look for a later header instead
        if at is None:
            found = _next_record_in(tail + chunk)
            if found is not None:
                at = got - len(tail) + found
                kept = (tail + chunk)[found:]
        tail = (tail + chunk)[-_OVERLAP:]
        got += len(chunk)
    if got == length:
        after = r.peek(HEADROOM).lstrip()
        if at is None or not after or after.startswith(b"WARC/"):
            return None
    if at is not None:
        r.unread(kept)
        return _runs_past(length, block_start + at)
    error = stream_error(r.fh)
    if error is not None:
        raise _Cut(error)
    return (f"cut short: its Content-Length says {length:,} bytes, but the file ends "
            f"{got:,} bytes into its block")
