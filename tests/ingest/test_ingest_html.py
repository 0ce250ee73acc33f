"""HTML ingestion: main text with paragraph breaks, declared metadata, broken and hostile pages."""

from __future__ import annotations

from pathlib import Path

from rashomon.config import Limits


def test_html_main_text_and_metadata(tmp_path: Path, ingest, page: str) -> None:
    f = tmp_path / "gazette.html"
    f.write_text(page, encoding="utf-8")
    [art], failures = ingest([f])
    assert failures == []
    assert art.format == "html"
    assert art.source == str(f)
    assert art.title == "Merrow Bay flood: families moved overnight"
    assert art.author == "Priya Holloway"
    assert art.outlet == "The Tidewater Gazette"
    assert art.published == "2024-04-17"
    assert art.url == "https://tidewater.example/news/merrow-bay-flood"
    assert art.language == "en"
    paragraphs = art.text.split("\n\n")
    assert paragraphs[-3].startswith("Floodwater reached the lower town of Merrow Bay")
    assert paragraphs[-2].startswith("“We moved forty families before midnight,”")
    assert paragraphs[-1].endswith("asked residents to avoid the promenade.")
    assert "Subscribe to our newsletter" not in art.text
    assert "Sport" not in art.text
    start = art.text.index("Ines Calloway")
    assert art.text[start : start + len("Ines Calloway")] == "Ines Calloway"


def test_html_in_cp1252_with_meta_charset(tmp_path: Path, ingest, page: str) -> None:
    f = tmp_path / "legacy.htm"
    f.write_bytes(page.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    [art], _ = ingest([f])
    assert "“We moved forty families before midnight,”" in art.text


def test_html_with_xml_declaration(tmp_path: Path, ingest, page: str) -> None:
    f = tmp_path / "page.xhtml"
    f.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + page, encoding="utf-8")
    [art], failures = ingest([f])
    assert failures == [] and "Ines Calloway" in art.text


def test_truncated_html_still_gives_its_text(tmp_path: Path, ingest, page: str) -> None:
    f = tmp_path / "cut.html"
    cut = page.index("<p>The regional council")
    f.write_text(page[:cut] + "<p>The regional council said rep", encoding="utf-8")
    [art], _ = ingest([f])
    assert "We moved forty families before midnight" in art.text
    assert "asked residents" not in art.text


def test_deeply_nested_html_is_refused(tmp_path: Path, ingest) -> None:
    f = tmp_path / "deep.html"
    f.write_text(
        "<html><body>"
        + "<div>" * 3000
        + "<p>Buried text.</p>"
        + "</div>" * 3000
        + "</body></html>",
        encoding="utf-8",
    )
    _, [failure] = ingest([f])
    assert failure.source == str(f)
    assert failure.reason == (
        "HTML nested more than 400 levels deep (max_html_depth); not a normal page "
        "(raise the limit with --max-html-depth)"
    )


def test_depth_limit_is_configurable(tmp_path: Path, ingest, page: str) -> None:
    f = tmp_path / "gazette.html"
    f.write_text(page, encoding="utf-8")
    _, [failure] = ingest([f], Limits(max_html_depth=3))
    assert failure.reason.startswith("HTML nested ")


def test_html_without_article_text(tmp_path: Path, ingest) -> None:
    f = tmp_path / "index.html"
    f.write_text("<html><head><title>Index</title></head><body></body></html>", encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    _, failures = ingest([f, empty])
    assert [x.reason for x in failures] == [
        "no article text found in the HTML (an index, login or empty page?)",
        "empty file",
    ]


def test_binary_named_html_is_refused(tmp_path: Path, ingest) -> None:
    f = tmp_path / "fake.html"
    f.write_bytes(b"GIF89a" + bytes(300))
    _, [failure] = ingest([f])
    assert failure.reason == "binary file (GIF image), not an article"


def test_explicit_extensionless_html_is_read_as_html(tmp_path: Path, ingest, page: str) -> None:
    f = tmp_path / "saved_page"
    f.write_text(page, encoding="utf-8")
    [art], _ = ingest([f])
    assert art.format == "html" and art.title == "Merrow Bay flood: families moved overnight"


def test_utf8_page_that_declares_latin1(tmp_path: Path, ingest, page: str) -> None:
    f = tmp_path / "liar.html"
    f.write_text(page.replace('charset="utf-8"', 'charset="iso-8859-1"'), encoding="utf-8")
    [art], _ = ingest([f])
    assert "“We moved forty families before midnight,”" in art.text
