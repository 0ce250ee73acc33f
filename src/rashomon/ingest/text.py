"""Bytes to text: binary sniffing, encoding detection and plain-text articles."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..config import Limits
from ..errors import IngestError
from ..model import Article
from ._common import make_article

# Magic numbers of common non-text files, so the refusal can say what the file is. Patterns
# that begin with plain letters (ID3, BZh, OggS...) also require the binary bytes that follow,
# so a text that happens to start with those letters is not refused.
_MAGIC: tuple[tuple[re.Pattern[bytes], str], ...] = tuple(
    (re.compile(pattern, re.S), what)
    for pattern, what in (
        (rb"\x89PNG\r\n\x1a\n", "PNG image"),
        (rb"\xff\xd8\xff", "JPEG image"),
        (rb"GIF8[79]a", "GIF image"),
        (rb"%PDF-", "PDF document; name it *.pdf to have its text read"),
        (rb"PK\x03\x04", "ZIP archive (or .xlsx/.epub/.odt); a .docx is read when named *.docx"),
        (rb"PK\x05\x06", "empty ZIP archive"),
        (rb"\x1f\x8b", "gzip-compressed data; name it *.gz to have it decompressed"),
        (rb"BZh[1-9]1AY&SY", "bzip2-compressed data"),
        (rb"\xfd7zXZ\x00", "xz-compressed data"),
        (rb"\x28\xb5\x2f\xfd", "zstd-compressed data"),
        (rb"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
        (rb"Rar!\x1a\x07", "RAR archive"),
        (rb"\x7fELF", "ELF executable"),
        (rb"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
        (rb"\xcf\xfa\xed\xfe", "Mach-O binary"),
        (rb"SQLite format 3\x00", "SQLite database"),
        (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document (.doc/.xls)"),
        (rb"II\*\x00|MM\x00\*", "TIFF image"),
        (rb"OggS\x00", "Ogg audio/video"),
        (rb"fLaC[\x00\x80]", "FLAC audio"),
        (rb"ID3[\x02-\x04]\x00", "MP3 audio"),
        (rb"\x00asm", "WebAssembly module"),
        (rb"\{\\rtf", "RTF document; save it as plain text"),
        (rb"\x00\x00..ftyp", "MP4/QuickTime video or HEIC image"),
        (rb"RIFF....WEBP", "WebP image"),
        (rb"RIFF....WAVE", "WAV audio"),
        (rb"RIFF....AVI ", "AVI video"),
    )
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 control bytes that no text format uses (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_SURROGATES = re.compile("[\udc80-\udcff]+")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
# Single-byte encodings that charset-normalizer proposes for short Western text almost at random
# (cp775, cp1250, mac_roman...). For these, windows-1252 (what browsers assume for Latin-1
# labels) is the far more likely truth for English-language news.
_LATIN_FAMILY = re.compile(
    r"^(cp(437|775|850|852|858|1250|1252|1254|1257|1258)|latin_1|iso8859_(1|2|3|4|9|10|13|14|15|16)"
    r"|mac_.*|ascii|hp_roman8|cp037|cp500|cp1140|cp273)$"
)
SAMPLE = 65536


def sniff_binary(data: bytes) -> str | None:
    """Say what kind of non-text file ``data`` starts with, or ``None`` if it may be text.

    Looks at magic numbers first, then at the share of NUL and other control bytes in the first
    64 KB. Text in UTF-16/32 with a byte order mark is recognised as text.

    Args:
        data: the file's bytes (or at least its first 64 KB).

    Returns:
        A short description such as ``"PNG image"``, or ``None``.
    """
    head = data[:SAMPLE]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, what in _MAGIC:
        if magic.match(head):
            return what
    if not head:
        return None
    if _utf16_without_bom(head) is not None:
        return None
    nuls = head.count(0)
    if nuls / len(head) > 0.01:
        return f"binary data, {nuls / len(head):.0%} NUL bytes"
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls / len(head) > 0.05:
        return f"binary data, {controls / len(head):.0%} control bytes"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """Guess UTF-16 without a BOM from the NUL pattern of mostly-ASCII text."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.6 * len(zeros) and other.count(0) < 0.05 * len(other):
            return codec
    return None


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> str:
    """Decode the bytes of a text or HTML file.

    Order: byte order mark; UTF-8; the ``declared`` charset (HTTP header or HTML meta) if it
    decodes cleanly; UTF-8 with stray windows-1252 bytes (files glued together from two sources);
    charset-normalizer's guess for non-Latin legacy encodings (cp1251, KOI8-R, Shift-JIS...);
    windows-1252. Stray NUL bytes (at most 1% of the text; more is refused as binary) are dropped,
    since no text format uses them and they break downstream tools.

    Args:
        data: the raw bytes.
        source: path or URL, for the error message.
        declared: a charset named by the container, tried after any BOM and UTF-8.

    Returns:
        The decoded text (BOM removed, otherwise unchanged).

    Raises:
        IngestError: binary data, or bytes that are not valid in any of the encodings tried.
    """
    text = _decode(data, source=source, declared=declared)
    return text.replace("\x00", "") if "\x00" in text else text


def _decode(data: bytes, *, source: str, declared: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    source,
                    f"starts with a {codec.upper()} byte order mark but is not valid "
                    f"{codec.upper()} (bad bytes at offset {exc.start + len(bom)})",
                ) from None
    what = sniff_binary(data)
    if what is not None:
        raise IngestError(source, f"binary file ({what}), not an article")
    utf16 = _utf16_without_bom(data[:SAMPLE])
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        # Valid UTF-8 with non-ASCII bytes is almost never an accident, while pages that declare
        # Latin-1 but are UTF-8 are common; so UTF-8 is tried before the declaration.
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        named = _codec_name(declared)
        if named is not None:
            try:
                return data.decode(named)
            except UnicodeDecodeError:
                pass  # the declaration lies (common on scraped pages); detect instead
    mixed = data.decode("utf-8", "surrogateescape")
    bad = sum(len(m.group()) for m in _SURROGATES.finditer(mixed))
    good = len(_NON_ASCII.findall(mixed))
    if good and good * 4 >= bad:
        # Mostly UTF-8 with some windows-1252 bytes: decode those bytes one by one.
        return _SURROGATES.sub(_cp1252_bytes, mixed)
    guess = from_bytes(data[: SAMPLE * 4]).best()
    if guess is not None and not _LATIN_FAMILY.match(guess.encoding):
        try:
            return data.decode(guess.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise IngestError(
            source,
            f"not valid UTF-8/cp1252 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save it as UTF-8",
        ) from None


def _cp1252_bytes(m: re.Match[str]) -> str:
    raw = bytes(ord(ch) - 0xDC00 for ch in m.group())
    # The five bytes cp1252 leaves undefined map to the same code points as in Latin-1.
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in raw)


def _codec_name(label: str) -> str | None:
    """Map a charset label to a codec; Latin-1 and ASCII labels mean windows-1252 (WHATWG)."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # a page cannot declare these in ASCII-compatible bytes; a BOM would tell
    return "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name


def article_from_text(
    data: bytes, *, source: str, limits: Limits, fmt: str = "txt", declared: str | None = None
) -> Article:
    """Read a plain-text article.

    The text is the decoded file exactly, except that ``\\r\\n`` becomes ``\\n`` and stray NUL
    bytes are dropped, so offsets point at the characters of the file.

    Args:
        data: the file's bytes.
        source: its path or URL.
        limits: input caps.
        fmt: the ``Article.format`` to record.
        declared: a charset named by the container (HTTP header), if any.

    Raises:
        IngestError: empty, binary, undecodable or too long.
    """
    if not data:
        raise IngestError(source, "empty file")
    text = decode_bytes(data, source=source, declared=declared)
    return make_article(text, source=source, fmt=fmt, limits=limits)
