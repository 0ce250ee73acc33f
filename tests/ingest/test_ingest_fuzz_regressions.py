"""Regressions from the fuzz run: each bad input is reported exactly once, with a reason naming
the CLI flag that lifts the cap, and blank-line or whitespace floods are handled in bulk."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest

from rashomon.config import Limits

SENTENCE = "The ferry from Kelmsby ran aground on the sandbar at 06:40, the coastguard said."


def _gzip_stream(path: Path, head: bytes, fill: bytes, total: int, tail: bytes = b"") -> None:
    """Write ``head``, then ``fill`` repeated to about ``total`` bytes, then ``tail``, gzipped
    chunk by chunk (the content is never held whole)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    block = fill * max(1, (1 << 20) // len(fill))
    with path.open("wb") as fh:
        fh.write(comp.compress(head))
        written = 0
        while written < total:
            fh.write(comp.compress(block))
            written += len(block)
        fh.write(comp.compress(tail))
        fh.write(comp.flush())


def _warc_response(uri: str, html: bytes, *, length: int | None = None, end: bytes = b"\r\n\r\n"
                   ) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) if length is None else length}\r\n\r\n"
    ).encode()
    return head + http + end


def _page(text: str) -> bytes:
    return f"<html><body><article><p>{text}</p></article></body></html>".encode()


# ---- 1. a JSONL file whose only line is over the cap


def test_jsonl_only_line_over_cap_is_reported_once(tmp_path: Path, ingest) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": SENTENCE * 100}) + "\n", encoding="utf-8")
    articles, failures = ingest([path], Limits(max_file_bytes=4096))
    assert articles == []
    assert [(f.source, f.reason) for f in failures] == [
        (f"{path}:1", "line 1: longer than the 4 KB limit (raise it with --max-file-mb)")
    ]


def test_jsonl_only_blank_lines_is_still_refused(tmp_path: Path, ingest) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n  \r\n\t\n" * 50_000)
    _, [failure] = ingest([path])
    assert (failure.source, failure.reason) == (str(path), "no articles (only blank lines)")


# ---- 2. runs of blank lines are skipped in bulk, with line numbers kept


@pytest.mark.parametrize("blank", [b"\n", b"\r\n", b"  \t \n"])
def test_jsonl_line_numbers_survive_long_blank_runs(tmp_path: Path, ingest, blank: bytes) -> None:
    # 150,000 blank lines span many 64 KB read chunks; the numbers after them must still match
    # the file (line N in an editor).
    path = tmp_path / "gaps.jsonl"
    first = json.dumps({"text": SENTENCE}).encode()
    second = json.dumps({"text": SENTENCE.replace("Kelmsby", "Ardmore")}).encode()
    path.write_bytes(first + b"\n" + blank * 150_000 + b"   " + second + b"\n"
                     + blank * 3 + b"{not json\n")
    articles, failures = ingest([path])
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:150002"]
    assert "Ardmore" in articles[1].text
    assert [f.source for f in failures] == [f"{path}:150006"]
    assert failures[0].reason.startswith("line 150006: invalid JSON")


def test_jsonl_gz_full_of_newlines_trips_the_decompression_cap_once(
    tmp_path: Path, ingest
) -> None:
    # The fuzz bomb was 201 MB of "\n" in 205 KB of gzip; here the same shape at 8 MB against a
    # 5 MB cap.
    path = tmp_path / "newlines.jsonl.gz"
    _gzip_stream(path, b"", b"\n", 8_000_000)
    assert path.stat().st_size < 100_000
    limits = Limits(max_decompressed_bytes=5_000_000)
    articles, failures = ingest([path], limits)
    assert articles == []
    assert [(f.source, f.reason) for f in failures] == [
        (
            str(path),
            "decompresses to more than 4.8 MB "
            "(max_decompressed_bytes; a compression bomb? raise it with --max-decompressed-mb)",
        )
    ]


def test_jsonl_gz_articles_before_a_newline_flood_stand(tmp_path: Path, ingest) -> None:
    path = tmp_path / "then-flood.jsonl.gz"
    _gzip_stream(path, json.dumps({"text": SENTENCE}).encode() + b"\n", b"\n", 3_000_000,
                 tail=json.dumps({"text": "Never reached."}).encode() + b"\n")
    articles, failures = ingest([path], Limits(max_decompressed_bytes=2_000_000))
    assert [a.text for a in articles] == [SENTENCE]
    assert [f.source for f in failures] == [str(path)]
    assert "--max-decompressed-mb" in failures[0].reason


# ---- 3. a WARC bomb is refused once, at its record


def test_warc_gz_bomb_is_reported_once_at_its_record(tmp_path: Path, ingest) -> None:
    # One response record declaring 8 MB of HTML: the payload is over the 1 MB record cap and
    # the rest of it over the 3 MB decompression cap. Only the record refusal is reported.
    path = tmp_path / "bomb.warc.gz"
    head = _warc_response("http://example.invalid/", b"<html><body><p>", length=8_000_000,
                          end=b"")
    _gzip_stream(path, head, b"a", 8_000_000)
    limits = Limits(max_file_bytes=1 << 20, max_decompressed_bytes=3 << 20)
    articles, failures = ingest([path], limits)
    assert articles == []
    assert [(f.source, f.reason) for f in failures] == [
        (
            f"{path}#record-1",
            "record 1: HTML payload over the 1 MB limit (raise it with --max-file-mb)",
        )
    ]


def test_warc_records_after_an_oversized_one_are_still_read(tmp_path: Path, ingest) -> None:
    big = _page("x" * 50_000)
    path = tmp_path / "mixed.warc"
    path.write_bytes(_warc_response("http://example.invalid/big", big)
                     + _warc_response("http://example.invalid/ok", _page(SENTENCE)))
    articles, failures = ingest([path], Limits(max_file_bytes=20_000))
    assert [f.source for f in failures] == [f"{path}#record-1"]
    assert failures[0].reason.startswith("record 1: HTML payload over the 19.5 KB limit")
    assert [a.source for a in articles] == [f"{path}#record-2"]
    assert SENTENCE in articles[0].text


def test_warc_bomb_in_a_later_record_is_still_reported(tmp_path: Path, ingest) -> None:
    # Record 1 is refused as too large; record 2 (an image, skipped unread) then blows the
    # decompression cap. That is a different problem from record 1's and is reported too.
    path = tmp_path / "late-bomb.warc.gz"
    first = _warc_response("http://example.invalid/big", _page("x" * 50_000))
    image = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.invalid/i.png\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: 8000000\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n"
    )
    _gzip_stream(path, first + image, b"\x00", 4_000_000)
    limits = Limits(max_file_bytes=20_000, max_decompressed_bytes=2_000_000)
    _, failures = ingest([path], limits)
    assert [f.source for f in failures] == [f"{path}#record-1", str(path)]
    assert failures[0].reason.startswith("record 1: HTML payload over the 19.5 KB limit")
    assert failures[1].reason.startswith("decompresses to more than 1.9 MB")


# ---- 4. whole-file gzip reads are held to the file-size cap


@pytest.mark.parametrize(("name", "head"), [("story.txt.gz", b""),
                                            ("page.html.gz", b"<html><body><p>")])
def test_whole_file_gzip_is_capped_at_the_file_cap(
    tmp_path: Path, ingest, name: str, head: bytes
) -> None:
    # 3 MB once decompressed: under the 200 MB decompression cap but over the 1 MB file cap that
    # the same file uncompressed would get.
    path = tmp_path / name
    _gzip_stream(path, head, b"word ", 3_000_000)
    assert path.stat().st_size < 1_000_000
    _, [failure] = ingest([path], Limits(max_file_bytes=1 << 20))
    assert failure.source == str(path)
    assert failure.reason == (
        "decompresses to more than 1 MB (max_file_bytes: a compressed file read whole is held "
        "to the file-size limit; raise it with --max-file-mb)"
    )


def test_whole_file_gzip_names_the_decompression_flag_when_that_cap_is_smaller(
    tmp_path: Path, ingest
) -> None:
    path = tmp_path / "story.txt.gz"
    _gzip_stream(path, b"", b"word ", 3_000_000)
    _, [failure] = ingest([path], Limits(max_decompressed_bytes=1 << 20))
    assert failure.reason == (
        "decompresses to more than 1 MB "
        "(max_decompressed_bytes; a compression bomb? raise it with --max-decompressed-mb)"
    )


def test_whole_file_gzip_under_both_caps_is_read(tmp_path: Path, ingest) -> None:
    path = tmp_path / "story.txt.gz"
    text = SENTENCE * 5
    path.write_bytes(gzip.compress(text.encode()))
    # Exactly at the cap once decompressed is allowed.
    [article], failures = ingest([path], Limits(max_file_bytes=len(text)))
    assert failures == []
    assert article.text == text


# ---- 5. WARC whitespace and warcio's stderr


def test_warc_gz_of_only_spaces_is_not_called_empty(tmp_path: Path, ingest) -> None:
    spaces = tmp_path / "spaces.warc.gz"
    _gzip_stream(spaces, b"", b" ", 3_000_000)
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    _, failures = ingest([spaces, empty])
    assert [(f.source, f.reason) for f in failures] == [
        (str(spaces), "no WARC records (only whitespace)"),
        (str(empty), "empty file"),
    ]


def test_warc_after_a_long_run_of_whitespace_is_read(tmp_path: Path, ingest) -> None:
    path = tmp_path / "padded.warc"
    path.write_bytes(b" \r\n" * 100_000 + _warc_response("http://example.invalid/a",
                                                          _page(SENTENCE)))
    [article], failures = ingest([path])
    assert failures == []
    assert article.source == f"{path}#record-1"
    start = article.text.index("Kelmsby")
    assert article.text[start : start + len("Kelmsby")] == "Kelmsby"


def test_warcio_newline_warning_is_not_printed(
    tmp_path: Path, ingest, capfd: pytest.CaptureFixture[str]
) -> None:
    # Stray bytes after a record make warcio print "WARNING: Record not followed by newline" to
    # stderr; it skips that line and both records are still read.
    path = tmp_path / "tight.warc"
    path.write_bytes(_warc_response("http://example.invalid/a", _page(SENTENCE),
                                    end=b"stray bytes\r\n\r\n")
                     + _warc_response("http://example.invalid/b",
                                      _page(SENTENCE.replace("Kelmsby", "Ardmore"))))
    articles, failures = ingest([path])
    assert failures == []
    assert [a.source for a in articles] == [f"{path}#record-1", f"{path}#record-2"]
    assert "Record not followed by newline" not in capfd.readouterr().err


# ---- 6. refusals name their CLI flag


def test_article_chars_refusal_names_its_flag(tmp_path: Path, ingest) -> None:
    path = tmp_path / "long.txt"
    path.write_text(SENTENCE * 20, encoding="utf-8")
    _, [failure] = ingest([path], Limits(max_article_chars=1000))
    assert failure.reason == (
        f"article text is {len(SENTENCE) * 20:,} characters, over the limit of 1,000 "
        "(max_article_chars); raise it with --max-article-chars"
    )
