"""Helpers shared by the ingest readers: article construction, size wording, metadata cleaning."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TypeVar

from ..config import Limits
from ..errors import IngestError, InputTooLargeError
from ..model import Article
from ..timecap import StageTimeout, time_cap

T = TypeVar("T")

# Metadata fields an Article declares besides its text (the manifest may override all of them).
META_FIELDS = ("url", "outlet", "title", "published", "author", "language")

_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def read_capped_time(
    limits: Limits, source: str, read: Callable[[], T], *, prefix: str = ""
) -> T:
    """Run ``read`` (one file's or record's conversion) within ``limits.max_article_seconds``.

    Raises:
        IngestError: it ran longer (a pathological PDF or page is reported, not waited for).
    """
    try:
        with time_cap(limits.max_article_seconds):
            return read()
    except StageTimeout:
        raise IngestError(
            source,
            f"{prefix}reading it took longer than the {limits.max_article_seconds:g} s allowed "
            "per article; skipped; raise the limit with --max-article-seconds",
        ) from None


def human_size(n: int) -> str:
    """Format a byte count for a message: ``512 bytes``, ``3.5 KB``, ``18.3 MB``."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{_trim(n / 1024)} KB"
    return f"{_trim(n / (1024 * 1024))} MB"


def _trim(x: float) -> str:
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def before_it(count: int, unit: str) -> str:
    """``the 3 lines before it were read`` / ``the 1 line before it was read``."""
    if count == 1:
        return f"the 1 {unit} before it was read"
    return f"the {count} {unit}s before it were read"


def too_large(source: str, size: int | None, cap: int, what: str = "file") -> InputTooLargeError:
    """The error for an input over ``Limits.max_file_bytes``, naming the CLI flag that raises it."""
    said = f"{what} is {human_size(size)}" if size is not None else f"{what} is larger than that"
    return InputTooLargeError(
        source, f"{said}, over the {human_size(cap)} limit (raise it with --max-file-mb)"
    )


def clean_meta(value: object, *, field: str, where: str = "") -> str | None:
    """Turn a declared metadata value into a stripped string, or ``None`` when blank.

    Lists of strings (several authors) are joined with ", "; numbers become strings; an object
    with a ``name`` (schema.org Person/Organization) gives its name.

    Raises:
        IngestError: the value is an object or a list of non-strings.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise IngestError(where, f"field {field!r} must be a string, got a boolean")
    if isinstance(value, int | float):
        value = str(value)
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        value = value["name"]  # schema.org style {"@type": "Person", "name": ...}
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = ", ".join(v.strip() for v in value if v.strip())
    if not isinstance(value, str):
        raise IngestError(where, f"field {field!r} must be a string, got {type(value).__name__}")
    value = " ".join(value.split())
    if field == "language" and value:
        return normalise_language(value)
    return value or None


def normalise_language(tag: str) -> str | None:
    """Reduce a language tag (``en-GB``, ``EN``, ``pt_BR``) to its lowercase primary subtag."""
    m = _LANG.match(tag.strip())
    return m.group(1).lower() if m else None


# JSON escapes can carry lone UTF-16 surrogates ("\\udc80"); they cannot be written as UTF-8
# anywhere downstream (JSON, SQLite, HTML), so they become U+FFFD here, the one place text
# enters.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def make_article(
    text: str,
    *,
    source: str,
    fmt: str,
    limits: Limits,
    empty_reason: str = "no text (only whitespace)",
    meta: Mapping[str, str | None] | None = None,
) -> Article:
    """Build an :class:`Article`, normalising only ``\\r\\n`` to ``\\n`` in ``text``.

    Args:
        text: the decoded or extracted text. Apart from turning Windows line ends into ``\\n``
            it is kept exactly, so offsets into it match the input file.
        source: path, ``path:LINE``, ``path#record-N`` or URL.
        fmt: ``txt``, ``html``, ``json``, ``warc`` or ``url``.
        limits: the caps (``max_article_chars`` applies here).
        empty_reason: the reason given when the text is blank.
        meta: declared metadata (see :data:`META_FIELDS`); ``None`` values are left unset.

    Raises:
        IngestError: the text is blank.
        InputTooLargeError: the text is longer than ``limits.max_article_chars``.
    """
    text = _LONE_SURROGATE.sub("\ufffd", text.replace("\r\n", "\n"))
    if not text.strip():
        raise IngestError(source, empty_reason)
    if len(text) > limits.max_article_chars:
        raise InputTooLargeError(
            source,
            f"article text is {len(text):,} characters, over the limit of "
            f"{limits.max_article_chars:,} (max_article_chars); raise it with "
            "--max-article-chars",
        )
    fields = {k: v for k, v in (meta or {}).items() if k in META_FIELDS and v}
    fields = {k: _LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v
              for k, v in fields.items()}
    return Article(id=Article.make_id(text), source=source, text=text, format=fmt, **fields)
