"""Reading files safely: size caps, non-regular files, vanished files, capped gzip streams."""

from __future__ import annotations

import errno
import gzip
import io
import os
import stat
import zlib
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Limits
from ..errors import IngestError, InputTooLargeError
from ._common import human_size, too_large

_CHUNK = 1 << 16
_DECOMPRESSED_FLAG = (
    "max_decompressed_bytes; a compression bomb? raise it with --max-decompressed-mb"
)


def os_reason(exc: OSError) -> str:
    """A short human reason for an ``OSError`` raised while opening or reading an input."""
    if isinstance(exc, FileNotFoundError):
        return "file not found (it may have been moved or deleted while rashomon ran)"
    if isinstance(exc, PermissionError):
        return "permission denied: cannot read the file"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read: {exc.strerror or exc}"


def check_regular(path: Path, source: str) -> os.stat_result:
    """Stat ``path`` (following links) and insist on a regular file.

    Raises:
        IngestError: missing, a broken link, a loop, or a FIFO/socket/device, which could block
            forever or never end.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise IngestError(source, "broken symbolic link") from None
        raise IngestError(source, os_reason(FileNotFoundError())) from None
    except OSError as exc:
        raise IngestError(source, os_reason(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(source, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(source, "not a regular file (a pipe, socket or device); not read")
    return st


def read_capped(path: Path, source: str, cap: int) -> bytes:
    """Read a whole regular file of at most ``cap`` bytes.

    Raises:
        IngestError: unreadable, not a regular file, vanished.
        InputTooLargeError: larger than ``cap`` (checked before and while reading, since the
            file may grow in between).
    """
    st = check_regular(path, source)
    if st.st_size > cap:
        raise too_large(source, st.st_size, cap)
    try:
        with path.open("rb") as fh:
            data = fh.read(cap + 1)
    except OSError as exc:
        raise IngestError(source, os_reason(exc)) from None
    if len(data) > cap:
        raise too_large(source, None, cap)
    return data


class CappedReader(io.RawIOBase):
    """A read-only stream that raises once more than ``cap`` bytes have come out of it.

    Used around gzip decompression: the compressed file may be tiny while its content is not
    (a "zip bomb"), so the count is taken on the decompressed side, chunk by chunk.

    Corrupt or truncated gzip data ends the stream (reads return EOF) and is kept in
    :attr:`error`: everything decompressed before the damage still comes out, so a reader can
    keep the records before the cut and then say where the cut was. Decompression goes one
    chunk at a time (``read1``), so no decompressed data is held back when the damage is found.
    """

    def __init__(
        self, inner: BinaryIO, cap: int, source: str, what: str, flag: str = _DECOMPRESSED_FLAG
    ) -> None:
        super().__init__()
        self._inner = inner
        self._cap = cap
        self._source = source
        self._what = what
        self._flag = flag  # the reason's note in brackets, naming the CLI flag that raises the cap
        self.count = 0
        self.error: IngestError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.error is not None:
            return 0
        view = memoryview(buffer).cast("B")
        read1 = getattr(self._inner, "read1", None)
        try:
            data = read1(len(view)) if read1 is not None else self._inner.read(len(view))
        except gzip.BadGzipFile as exc:
            self.error = IngestError(self._source, f"not valid gzip data ({exc})")
            return 0
        except (EOFError, zlib.error) as exc:
            self.error = IngestError(self._source, f"corrupt or truncated gzip data ({exc})")
            return 0
        except OSError as exc:
            raise IngestError(self._source, os_reason(exc)) from None
        self.count += len(data)
        if self.count > self._cap:
            raise InputTooLargeError(
                self._source,
                f"{self._what} more than {human_size(self._cap)} "
                f"({self._flag})",
            )
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def stream_error(fh: io.BufferedReader[Any]) -> IngestError | None:
    """The damage (corrupt or truncated gzip data) that ended a stream from
    :func:`open_stream`, or ``None`` when it ended where its data did."""
    raw = fh.raw
    return raw.error if isinstance(raw, CappedReader) else None


def _is_gzip(path: Path, source: str) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(2) == b"\x1f\x8b"
    except OSError as exc:
        raise IngestError(source, os_reason(exc)) from None


def open_stream(path: Path, source: str, *, cap: int) -> io.BufferedReader:
    """Open a file for streaming; gzip (recognised by its magic number, whatever the name) is
    decompressed on the fly. At most ``cap`` bytes come out before :class:`InputTooLargeError`.
    Corrupt or truncated gzip data ends the stream early: check :func:`stream_error` at its end.

    Raises:
        IngestError: unreadable or not a regular file.
    """
    check_regular(path, source)
    gzipped = _is_gzip(path, source)
    try:
        raw: BinaryIO = path.open("rb")
    except OSError as exc:
        raise IngestError(source, os_reason(exc)) from None
    what = "decompresses to" if gzipped else "is"
    inner: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if gzipped else raw  # type: ignore[assignment]
    return io.BufferedReader(CappedReader(inner, cap, source, what), buffer_size=_CHUNK)


def read_file(path: Path, source: str, limits: Limits) -> bytes:
    """Read a whole input file: at most ``limits.max_file_bytes`` on disk, and when it is
    gzip-compressed, at most ``min(limits.max_decompressed_bytes, limits.max_file_bytes)`` once
    decompressed (a whole-file .txt.gz or .html.gz is held in memory, so it gets the same cap
    as the same file uncompressed).

    Raises:
        IngestError: unreadable, vanished, not a regular file, corrupt gzip.
        InputTooLargeError: over a cap.
    """
    data = read_capped(path, source, limits.max_file_bytes)
    if not data.startswith(b"\x1f\x8b"):
        return data
    cap = min(limits.max_decompressed_bytes, limits.max_file_bytes)
    # Name the flag of whichever cap is the smaller, since that is the one to raise.
    flag = (
        _DECOMPRESSED_FLAG
        if limits.max_decompressed_bytes <= limits.max_file_bytes
        else "max_file_bytes: a compressed file read whole is held to the file-size limit; "
        "raise it with --max-file-mb"
    )
    stream = io.BufferedReader(
        CappedReader(
            gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb"),  # type: ignore[arg-type]
            cap,
            source,
            "decompresses to",
            flag,
        ),
        buffer_size=_CHUNK,
    )
    with stream:
        out = stream.read()
        error = stream_error(stream)
    if error is not None:
        raise error
    return out
