"""Word documents (.docx): their paragraphs, read with python-docx.

The article's text is every paragraph of the document body in order, tables included (each
cell's paragraphs), one paragraph per block with an empty line between them; headers, footers
and comments are left out. Title, author and creation date come from the core properties. The
zip package is checked before it is opened: its parts may not expand beyond
``max_decompressed_bytes`` (python-docx reads them whole). XML entities are not expanded.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from rashomon.config import Limits
from rashomon.errors import IngestError, InputTooLargeError
from rashomon.ingest._common import human_size, make_article
from rashomon.model import Article

__all__ = ["article_from_docx", "looks_like_docx"]

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: old .doc, or an encrypted .docx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def looks_like_docx(data: bytes) -> bool:
    """Whether ``data`` is a zip package holding a Word document body."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _check_package(data: bytes, source: str, limits: Limits) -> None:
    if data.startswith(_CFB):
        if _ENCRYPTED in data:
            raise IngestError(source, "encrypted .docx (needs a password); not read")
        raise IngestError(source, "old Word document (.doc), not .docx; save it as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(source, f"broken .docx: not a readable zip package ({exc})") from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise IngestError(source, "broken .docx: no word/document.xml in the package")
    size = sum(i.file_size for i in infos)
    if size > limits.max_decompressed_bytes:
        raise InputTooLargeError(
            source,
            f"decompresses to {human_size(size)}, more than "
            f"{human_size(limits.max_decompressed_bytes)} (max_decompressed_bytes; a "
            "compression bomb? raise it with --max-decompressed-mb)",
        )


def _paragraphs(document: Any) -> list[str]:
    """The text of every paragraph in the body, tables included, in document order."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    out = []
    for p in document.element.body.iter(qn("w:p")):
        text = Paragraph(p, document).text
        if text.strip():
            out.append(text.strip())
    return out


def article_from_docx(data: bytes, *, source: str, limits: Limits) -> Article:
    """Read a .docx document's body text as an article.

    Raises:
        IngestError: encrypted, an old .doc, broken, or without any text.
        InputTooLargeError: its parts expand beyond ``limits.max_decompressed_bytes``, or its
            text is longer than ``limits.max_article_chars``.
    """
    _check_package(data, source, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = _paragraphs(document)
    except RecursionError:
        raise IngestError(source, "broken .docx: XML nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml raise many kinds
        said = " ".join(str(exc).split())[:160]
        raise IngestError(source, f"broken .docx: {type(exc).__name__}: {said}") from None
    return make_article(
        "\n\n".join(paragraphs), source=source, fmt="docx", limits=limits,
        empty_reason="the .docx holds no text", meta=_meta(document),
    )


def _meta(document: Any) -> dict[str, str | None]:
    """Title, author and creation date from the core properties (bad values left out)."""
    try:
        props = document.core_properties
        created = props.created
        return {
            "title": props.title or None,
            "author": props.author or None,
            "published": created.isoformat() if created else None,
        }
    except Exception:  # noqa: BLE001 - a malformed core.xml: the text is still good
        return {}
