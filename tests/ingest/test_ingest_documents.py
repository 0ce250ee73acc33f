"""PDF and DOCX inputs: their text is read (spans valid into it), scans without a text layer,
encrypted and broken documents are refused with their reason."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rashomon.config import Limits, PipelineConfig, StageConfig
from rashomon.fuzz.documents import docx_bytes, encrypt_pdf, pdf_bytes
from rashomon.model import ArticleDoc
from rashomon.pipeline import BASE_LAYERS, Pipeline

TITLE = "Statement on the Merrow Bay flood barrier"
PARAS = [
    "The Merrow Bay harbour office said on Friday that the flood barrier had held through the "
    "night, although water reached the lower town before the gates were closed at 11 p.m.",
    "\u201cWe moved forty families before midnight,\u201d said harbour master Ines Calloway. "
    "About 300 homes were without power on Friday morning, according to the grid operator.",
    "The regional council said repairs to the sea wall would take at least three weeks.",
]
WHEN = datetime(2031, 4, 18, 9, 30, tzinfo=UTC)


def _cheap_spans_ok(article) -> None:  # type: ignore[no-untyped-def]
    """The cheap article stages run on the text and every span lies inside it."""
    cfg = PipelineConfig(tuple(StageConfig(s) for s in ("clean.lines.v1", "meta.rules.v1")))
    pipe = Pipeline.from_config(cfg, kinds=frozenset({"article"}))
    [doc] = list(pipe.map_articles([ArticleDoc(article=article, layers=BASE_LAYERS)],
                                   on_error="raise"))
    assert isinstance(doc, ArticleDoc)
    spans = list(doc.all_spans())
    assert spans
    assert all(0 <= s.start <= s.end <= len(article.text) for s in spans)


def test_pdf_text_layer_is_read(tmp_path: Path, ingest) -> None:
    (tmp_path / "statement.pdf").write_bytes(
        pdf_bytes([TITLE, *PARAS], title=TITLE, author="Harbour Office", created=WHEN))
    [art], failures = ingest([tmp_path])
    assert failures == []
    assert art.format == "pdf"
    assert (art.title, art.author) == (TITLE, "Harbour Office")
    assert art.published and art.published.startswith("2031-04-18")
    paragraphs = art.text.split("\n\n")
    assert paragraphs[0] == TITLE
    assert [" ".join(p.split()) for p in paragraphs[1:]] == PARAS  # lines wrapped, words kept
    quote = "We moved forty families before midnight,"
    i = art.text.index(quote)
    assert art.text[i : i + len(quote)] == quote
    _cheap_spans_ok(art)


def test_pdf_pages_are_all_read(tmp_path: Path, ingest) -> None:
    many = [f"Paragraph {i} of the council's long report on the flood barrier." for i in range(60)]
    (tmp_path / "report.pdf").write_bytes(pdf_bytes(many))
    [art], _ = ingest([tmp_path / "report.pdf"])
    assert [p for p in art.text.split("\n\n")] == many


def test_scanned_pdf_is_reported_as_having_no_text_layer(tmp_path: Path, ingest) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes(PARAS, text_layer=False))
    articles, [failure] = ingest([tmp_path])
    assert articles == []
    assert failure.source == str(path)
    assert failure.reason.startswith("PDF has no text layer (1 page of images only")


def test_encrypted_pdf(tmp_path: Path, ingest) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypt_pdf(pdf_bytes(PARAS), "s3cret"))
    open_ = tmp_path / "open.pdf"  # encrypted with an empty user password: readable by anyone
    open_.write_bytes(encrypt_pdf(pdf_bytes(PARAS), ""))
    articles, failures = ingest([tmp_path])
    assert [(Path(f.source).name, f.reason) for f in failures] == [
        ("locked.pdf", "encrypted PDF (needs a password); not read")
    ]
    assert [Path(a.source).name for a in articles] == ["open.pdf"]


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n" + b"\x00garbage\xff" * 50,
        pdf_bytes(PARAS)[:120],  # cut before any page
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>"
        b"\n%%EOF\n",  # the page tree is missing
    ],
)
def test_broken_pdf_is_reported(tmp_path: Path, ingest, data: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    articles, [failure] = ingest([tmp_path])
    assert articles == []
    assert failure.reason.startswith(("broken PDF: ", "PDF has no text layer"))


def test_pdf_named_directly_with_another_extension(tmp_path: Path, ingest) -> None:
    path = tmp_path / "statement.download"
    path.write_bytes(pdf_bytes(PARAS))
    [art], _ = ingest([path])
    assert art.format == "pdf"
    wrong = tmp_path / "statement.txt"
    wrong.write_bytes(pdf_bytes(PARAS))
    _, [failure] = ingest([wrong])
    assert "PDF document; name it *.pdf" in failure.reason


def test_docx_paragraphs_and_tables_are_read(tmp_path: Path, ingest) -> None:
    import docx

    doc = docx.Document(io.BytesIO(docx_bytes(PARAS[:2], heading=TITLE, title=TITLE,
                                              author="Council Press Office", created=WHEN)))
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Homes without power"
    table.rows[0].cells[1].text = "300"
    doc.add_paragraph(PARAS[2])
    out = io.BytesIO()
    doc.save(out)
    (tmp_path / "release.docx").write_bytes(out.getvalue())
    [art], failures = ingest([tmp_path])
    assert failures == []
    assert art.format == "docx"
    assert art.text.split("\n\n") == [TITLE, *PARAS[:2], "Homes without power", "300", PARAS[2]]
    assert (art.title, art.author) == (TITLE, "Council Press Office")
    assert art.published and art.published.startswith("2031-04-18")
    _cheap_spans_ok(art)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (docx_bytes(PARAS)[:400], "broken .docx: not a readable zip package"),
        (_zip({"word/other.xml": b"<x/>"}), "broken .docx: no word/document.xml"),
        (_zip({"word/document.xml": b"<w:document><unclosed>",
               "[Content_Types].xml": b"<Types/>"}), "broken .docx: "),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64) + "EncryptedPackage".encode("utf-16-le"),
         "encrypted .docx (needs a password); not read"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old Word document (.doc)"),
        (docx_bytes([]), "the .docx holds no text"),
    ],
)
def test_broken_docx_is_reported(tmp_path: Path, ingest, data: bytes, reason: str) -> None:
    path = tmp_path / "release.docx"
    path.write_bytes(data)
    articles, [failure] = ingest([tmp_path])
    assert articles == []
    assert failure.source == str(path)
    assert failure.reason.startswith(reason), failure.reason


def test_docx_bomb_is_refused_before_it_is_opened(tmp_path: Path, ingest) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip({"word/document.xml": b"<w:document>" + b" " * 3_000_000}))
    assert path.stat().st_size < 100_000
    _, [failure] = ingest([path], Limits(max_decompressed_bytes=1 << 20))
    assert failure.reason.startswith("decompresses to 2.9 MB, more than 1 MB")


def test_documents_that_are_not_read_are_reported_in_a_folder(tmp_path: Path, ingest) -> None:
    (tmp_path / "minutes.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    (tmp_path / "notes.odt").write_bytes(_zip({"content.xml": b"<office:document/>"}))
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # not a document: skipped quietly
    articles, failures = ingest([tmp_path])
    assert articles == []
    assert [(Path(f.source).name, f.reason.split(";")[0]) for f in failures] == [
        ("minutes.doc", "old Word document (.doc)"),
        ("notes.odt", "OpenDocument text (.odt)"),
    ]


def test_a_document_slower_to_read_than_the_budget_is_refused(tmp_path: Path, ingest) -> None:
    # 3,000 paragraphs over some 115 pages take pypdf over a second to extract here.
    many = [f"Paragraph {i} of the council's long report on the flood barrier, with more words "
            "to fill the line." for i in range(3000)]
    (tmp_path / "long.pdf").write_bytes(pdf_bytes(many))
    (tmp_path / "short.pdf").write_bytes(pdf_bytes(PARAS))
    articles, failures = ingest([tmp_path], Limits(max_article_seconds=0.2))
    assert [Path(a.source).name for a in articles] == ["short.pdf"]
    assert [(Path(f.source).name, f.reason) for f in failures] == [
        ("long.pdf", "reading it took longer than the 0.2 s allowed per article; skipped; "
                     "raise the limit with --max-article-seconds")
    ]
