"""Plain-text ingestion: exact text, encodings, binary refusal, size caps, the real corpus."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest

from rashomon.config import Limits
from rashomon.model import Article


def test_txt_text_is_the_file_content(tmp_path: Path, ingest, story: str) -> None:
    f = tmp_path / "merrow.txt"
    f.write_text(story, encoding="utf-8")
    [art], failures = ingest([f])
    assert failures == []
    assert art.text == story
    assert art.source == str(f)
    assert art.format == "txt"
    assert art.id == Article.make_id(story)
    start = art.text.index("Ines Calloway")
    assert art.text[start : start + 13] == "Ines Calloway"


def test_crlf_becomes_lf_and_nothing_else_changes(tmp_path: Path, ingest, story: str) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(("  " + story).replace("\n", "\r\n").encode("utf-8"))
    [art], _ = ingest([f])
    assert art.text == "  " + story


def test_crocus_corpus_reads_exactly(crocus_dir: Path, ingest) -> None:
    articles, failures = ingest([crocus_dir])
    assert failures == []
    assert len(articles) == 5
    for art in articles:
        assert art.text == Path(art.source).read_text(encoding="utf-8")
        assert art.format == "txt"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("cp1252", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-16-le", b""),  # no BOM: recognised by its NUL pattern
    ],
)
def test_encodings_decode_right(
    tmp_path: Path, ingest, story: str, encoding: str, bom: bytes
) -> None:
    f = tmp_path / "enc.txt"
    f.write_bytes(bom + story.encode(encoding))
    [art], failures = ingest([f])
    assert failures == []
    assert art.text == story


def test_latin1_text_decodes_as_western(tmp_path: Path, ingest) -> None:
    text = "Café owners in São Martinho said the façade cracked.\n"
    f = tmp_path / "latin.txt"
    f.write_bytes(text.encode("latin-1"))
    [art], _ = ingest([f])
    assert art.text == text


def test_cyrillic_legacy_encoding(tmp_path: Path, ingest) -> None:
    text = (
        "Пожарные эвакуировали жителей нижнего города в четверг вечером, "
        "сообщила администрация порта.\n"
    )
    f = tmp_path / "ru.txt"
    f.write_bytes(text.encode("cp1251"))
    [art], _ = ingest([f])
    assert art.text == text


def test_mixed_utf8_and_cp1252(tmp_path: Path, ingest) -> None:
    first = "“We moved forty families,” said the harbour master.\n"
    second = "The café on the quay stayed open.\n"
    f = tmp_path / "mixed.txt"
    f.write_bytes(first.encode("utf-8") + second.encode("cp1252"))
    [art], _ = ingest([f])
    assert art.text == first + second


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t \n", "no text (only whitespace)"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (PNG image), not an article"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document"),
        (bytes(range(256)) * 64, "binary file (binary data, "),
        (b"Header\x00\x00\x00\x00" * 100, "NUL bytes"),
    ],
    ids=["empty", "whitespace", "png", "pdf", "junk", "nul-heavy"],
)
def test_bad_text_files_fail_with_reason(tmp_path: Path, ingest, data: bytes, reason: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    articles, [failure] = ingest([f])
    assert articles == []
    assert failure.source == str(f)
    assert reason in failure.reason


def test_stray_nul_bytes_are_dropped(tmp_path: Path, ingest, story: str) -> None:
    f = tmp_path / "nul.txt"
    raw = story.encode("utf-8")
    f.write_bytes(raw[:40] + b"\x00" + raw[40:])
    [art], _ = ingest([f])
    assert art.text == story


def test_undecodable_bytes_are_refused(tmp_path: Path, ingest) -> None:
    # 0x81 and 0x8d are undefined in windows-1252 and invalid in UTF-8.
    f = tmp_path / "odd.txt"
    f.write_bytes(b"Plain words about the harbour \x81\x8d\x9d and the council meeting.\n" * 3)
    _, [failure] = ingest([f])
    assert failure.reason.startswith("not valid UTF-8/cp1252 text (byte 0x81 at offset 30)")


def test_oversized_file_names_the_limit(tmp_path: Path, ingest, story: str) -> None:
    f = tmp_path / "big.txt"
    f.write_text(story * 200, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(story, encoding="utf-8")
    articles, [failure] = ingest([f, small], Limits(max_file_bytes=10_000))
    assert [a.source for a in articles] == [str(small)]
    assert failure.source == str(f)
    assert "over the 9.8 KB limit (raise it with --max-file-mb)" in failure.reason
    assert failure.reason.startswith("file is ")


def test_article_char_cap(tmp_path: Path, ingest, story: str) -> None:
    f = tmp_path / "long.txt"
    f.write_text(story * 10, encoding="utf-8")
    _, [failure] = ingest([f], Limits(max_article_chars=1000))
    assert "over the limit of 1,000 (max_article_chars)" in failure.reason


def test_gzipped_text_is_decompressed(tmp_path: Path, ingest, story: str) -> None:
    f = tmp_path / "merrow.txt.gz"
    f.write_bytes(gzip.compress(story.encode("utf-8")))
    [art], _ = ingest([f])
    assert art.text == story and art.format == "txt"


def test_gzip_bomb_is_stopped(tmp_path: Path, ingest) -> None:
    f = tmp_path / "bomb.txt.gz"
    f.write_bytes(gzip.compress(b"a" * 5_000_000))
    _, [failure] = ingest([f], Limits(max_decompressed_bytes=1_000_000))
    assert "decompresses to more than 976.6 KB" in failure.reason


def test_explicit_unknown_extension(tmp_path: Path, ingest, story: str) -> None:
    text_file = tmp_path / "report.dat"
    text_file.write_text(story, encoding="utf-8")
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    articles, [failure] = ingest([text_file, image])
    assert [a.text for a in articles] == [story]
    assert failure.source == str(image)
    assert failure.reason == "binary file (JPEG image), not an article"


def test_missing_path(tmp_path: Path, ingest) -> None:
    _, [failure] = ingest([tmp_path / "nope.txt"])
    assert failure.reason == "no such file or folder"


def test_text_starting_like_a_magic_number_is_text(tmp_path: Path, ingest) -> None:
    text = "ID3 protein levels rose, the laboratory in Merrow Bay said.\n"
    f = tmp_path / "lab.txt"
    f.write_text(text, encoding="utf-8")
    [art], _ = ingest([f])
    assert art.text == text
