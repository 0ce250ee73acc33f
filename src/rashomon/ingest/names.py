"""Safe names for inputs: file names that are not UTF-8, or that hold control characters.

On Linux a file name is any bytes. Python decodes the bytes that are not UTF-8 to lone
surrogates (``os.fsdecode``, "surrogateescape"), which no UTF-8 writer accepts: ``json.dump``,
SQLite and the HTML report all fail on them. Control characters (a newline, an ESC sequence)
and bidi formatting characters in a name would forge or reorder what a terminal shows.

So every name is escaped once, where it enters (:func:`display_name`): an undecodable byte
becomes ``\\xNN``, a control character ``\\xNN`` and a bidi control ``\\uNNNN``. The escaped
name is what every output shows; the file itself is still opened by its real path.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

from ..model import Article, Failure

__all__ = ["display_name", "safe_item"]

# Lone surrogates (undecodable bytes or JSON "\udXXX" escapes), C0/C1 controls and DEL, and the
# bidi controls (LRM/RLM, ALM, embeddings/overrides, isolates).
_UNSAFE = re.compile(
    "[\ud800-\udfff\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    if 0xDC80 <= c <= 0xDCFF:
        return f"\\x{c - 0xDC00:02x}"  # the byte that surrogateescape stood in for
    if c < 0x100:
        return f"\\x{c:02x}"
    return f"\\u{c:04x}"


def display_name(name: str | bytes | os.PathLike[str]) -> str:
    """The name of an input as it is shown and stored everywhere: always valid UTF-8.

    Args:
        name: a path (``str`` as Python decodes file names, ``bytes``, or a path object), a
            URL or any other source string.

    Returns:
        ``name`` with undecodable bytes written ``\\xNN``, control characters ``\\xNN`` and
        bidi controls ``\\uNNNN``; unchanged when it holds none of them.
    """
    text = os.fsdecode(name) if isinstance(name, bytes | os.PathLike) else name
    return _UNSAFE.sub(_escape, text)


def safe_item(item: Article | Failure) -> Article | Failure:
    """``item`` with its source name (and, for a failure, its reason) made safe to write."""
    if isinstance(item, Failure):
        source, reason = display_name(item.source), _LONE.sub("\ufffd", item.reason)
        if source != item.source or reason != item.reason:
            return replace(item, source=source, reason=reason)
        return item
    source = display_name(item.source)
    return replace(item, source=source) if source != item.source else item


# A reason is prose, not a name: only what cannot be written at all is replaced.
_LONE = re.compile("[\ud800-\udfff]")
