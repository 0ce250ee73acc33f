"""Write small PDF and DOCX documents: for the fuzz run, the tests and the bundled example.

The PDF is written by hand (a few objects and a cross-reference table: what a PDF needs), with
its text in Helvetica and WinAnsi encoding, so that any PDF reader extracts it; pypdf, which
reads PDFs, cannot lay out text. The DOCX is written with python-docx, its zip entries dated
from the document's own date so the same input makes the same bytes.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime

__all__ = ["docx_bytes", "encrypt_pdf", "pdf_bytes"]

_PAGE_LINES = 52  # lines of 11 pt text (14 pt apart) on an A4 page with margins
_WRAP = 88  # characters per line of Helvetica 11 pt across the text width


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi encoding (cp1252), brackets and backslashes escaped."""
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _page_content(lines: Sequence[str | None]) -> bytes:
    """Text operators for one page: each line, and an empty line between paragraphs."""
    ops = [b"BT /F1 11 Tf 14 TL 56 786 Td"]
    for line in lines:
        if line is not None:
            ops.append(_pdf_string(line) + b" Tj")
        ops.append(b"T*")
    ops.append(b"ET")
    return b"\n".join(ops)


_IMAGE_CONTENT = b"q 483 0 0 680 56 100 cm /Im1 Do Q"


def _image_object() -> bytes:
    """A 16x16 grey image (what a scanned page holds instead of text)."""
    pixels = zlib.compress(bytes((x * 13 + y * 7) % 256 for y in range(16) for x in range(16)))
    head = (b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>" % len(pixels))
    return head + b"\nstream\n" + pixels + b"\nendstream"


def _pdf_date(when: datetime) -> bytes:
    return _pdf_string(when.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ"))


def pdf_bytes(
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    text_layer: bool = True,
) -> bytes:
    """A PDF of ``paragraphs`` (wrapped to lines, an empty line between paragraphs).

    Args:
        paragraphs: the text, one string per paragraph (characters outside Windows-1252
            become ``?``).
        title, author, created: the document information dictionary.
        text_layer: False writes a "scanned" document instead: one image per page, no text.
    """
    lines: list[str | None] = []
    for para in paragraphs:
        lines.extend(textwrap.wrap(para, _WRAP) or [""])
        lines.append(None)
    pages = [lines[i : i + _PAGE_LINES] for i in range(0, max(len(lines), 1), _PAGE_LINES)]
    # Objects: 1 catalog, 2 page tree, 3 font, 4 image, 5 info, then a page and its content.
    info = [b"/Producer (rashomon)"]
    if title:
        info.append(b"/Title " + _pdf_string(title))
    if author:
        info.append(b"/Author " + _pdf_string(author))
    if created:
        info.append(b"/CreationDate " + _pdf_date(created))
    kids = " ".join(f"{6 + 2 * i} 0 R" for i in range(len(pages))).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _image_object(),
        b"<< " + b" ".join(info) + b" >>",
    ]
    for i, page in enumerate(pages):
        content = _page_content(page) if text_layer else _IMAGE_CONTENT
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 "
            b"0 R >> /XObject << /Im1 4 0 R >> >> /Contents %d 0 R >>" % (7 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return _assemble(objects)


def _assemble(objects: Sequence[bytes]) -> bytes:
    """Header, numbered objects, cross-reference table and trailer (object 5 is the info)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref))
    return bytes(out)


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """``data`` encrypted with RC4-128 under a user ``password`` (pypdf needs no extra
    package for RC4)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner",
                   algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(
    paragraphs: Sequence[str],
    *,
    heading: str | None = None,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
) -> bytes:
    """A DOCX of ``paragraphs`` (with an optional ``heading`` first) written by python-docx.

    Its zip entries are dated ``created`` (or 2000-01-01), so the bytes are reproducible.
    """
    import docx

    doc = docx.Document()
    props = doc.core_properties
    when = created or datetime(2000, 1, 1, tzinfo=UTC)
    props.title, props.author = title or "", author or ""
    props.created = props.modified = when.replace(tzinfo=None)
    props.last_modified_by, props.revision = author or "", 1
    if heading:
        doc.add_heading(heading, level=1)
    for para in paragraphs:
        doc.add_paragraph(para)
    raw = io.BytesIO()
    doc.save(raw)
    return _redate_zip(raw.getvalue(), when)


def _redate_zip(data: bytes, when: datetime) -> bytes:
    stamp = when.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
