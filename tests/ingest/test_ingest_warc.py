"""WARC ingestion: HTML responses become articles, everything else is skipped, bombs are stopped."""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.config import Limits


def _write_warc(path: Path, page: str, *, gz: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(record)

        response(
            "https://tidewater.example/flood", "200 OK", "text/html; charset=utf-8", page.encode()
        )
        response("https://tidewater.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
        response("https://tidewater.example/old", "301 Moved Permanently", "text/html", b"moved")
        response(
            "https://tidewater.example/menu", "200 OK", "text/html", b"<html><body></body></html>"
        )
        second = page.replace("Merrow Bay", "Kelso Point").encode("cp1252")
        response(
            "https://tidewater.example/kelso", "200 OK", "text/html; charset=windows-1252", second
        )


def test_warc_html_responses(tmp_path: Path, ingest, page: str) -> None:
    for name, gz in (("crawl.warc", False), ("crawl.warc.gz", True)):
        f = tmp_path / name
        _write_warc(f, page, gz=gz)
        articles, failures = ingest([f])
        assert [a.source for a in articles] == [f"{f}#record-2", f"{f}#record-6"]
        assert [a.format for a in articles] == ["warc", "warc"]
        assert articles[0].url == "https://tidewater.example/flood"
        assert articles[0].title == "Merrow Bay flood: families moved overnight"
        assert "“We moved forty families before midnight,”" in articles[1].text
        assert "Kelso Point" in articles[1].text
        assert [(x.source, x.reason) for x in failures] == [
            (
                f"{f}#record-5",
                "record 5: no article text found in the HTML (an index, login or empty page?)",
            )
        ]


def _bomb(path: Path, prefix: bytes) -> None:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    with path.open("wb") as fh:
        fh.write(comp.compress(prefix))
        for _ in range(8):
            fh.write(comp.compress(b"\x00" * 1_000_000))
        fh.write(comp.flush())
    assert path.stat().st_size < 100_000


def test_gzip_bomb_disguised_as_warc(tmp_path: Path, ingest) -> None:
    header = b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
    bomb = tmp_path / "crawl.warc.gz"
    _bomb(bomb, header + b"Content-Length: 40000000\r\n\r\n")
    zeros = tmp_path / "zeros.warc.gz"
    _bomb(zeros, b"")
    _, failures = ingest([bomb, zeros], Limits(max_decompressed_bytes=2_000_000))
    assert [x.source for x in failures] == [str(bomb), str(zeros)]
    assert failures[0].reason.startswith("decompresses to more than 1.9 MB")
    assert failures[1].reason.startswith("not a valid WARC file")


def test_not_a_warc(tmp_path: Path, ingest, story: str) -> None:
    text = tmp_path / "notes.warc"
    text.write_text(story, encoding="utf-8")
    fake_gz = tmp_path / "fake.warc.gz"
    fake_gz.write_bytes(gzip.compress(story.encode())[:30])
    _, failures = ingest([text, fake_gz])
    assert failures[0].reason.startswith("not a valid WARC file")
    assert failures[1].reason.startswith("corrupt or truncated gzip data")


def test_warc_without_html(tmp_path: Path, ingest) -> None:
    f = tmp_path / "images.warc"
    with f.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        writer.write_record(writer.create_warcinfo_record(f.name, {"software": "test"}))
    _, [failure] = ingest([f])
    assert failure.reason == "no HTML responses among its 1 WARC records"
