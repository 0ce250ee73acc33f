"""Invariant: whatever bytes a file holds, ingestion yields Articles or Failures, never raises."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rashomon.config import Limits
from rashomon.ingest import iter_articles
from rashomon.model import Article, Failure

SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".warc", ".warc.gz", ".dat", ".pdf", ".docx",
            ".rss", ".xml"]
LIMITS = Limits(max_file_bytes=4096, max_article_chars=3000, max_decompressed_bytes=20_000)

fragments = st.sampled_from(
    [
        b"<html><body><p>",
        b"</p></div>",
        b'{"text": "',
        b'", "html": "<p>x</p>"}\n',
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 20\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        "The council said “forty families” were moved.\n".encode(),
        "Café".encode("cp1252"),
        b"\x00",
        b"\xff\xfe",
        b"\x1f\x8b",
        b"\r\n",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
        b"PK\x03\x04",
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "x">]><rss><channel><item>',
        b"<description>&a; text</description></item>",
    ]
)
contents = st.one_of(
    st.binary(max_size=600),
    st.lists(st.one_of(fragments, st.binary(max_size=20)), max_size=30).map(b"".join),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=contents, suffix=st.sampled_from(SUFFIXES), compress=st.booleans())
@example(data=b"WARC/1.0\nWARC-Type:response", suffix=".warc", compress=False)
def test_any_bytes_give_articles_or_failures(data: bytes, suffix: str, compress: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if compress else data)
        for item in iter_articles([path, tmp], limits=LIMITS):
            assert isinstance(item, Article | Failure)
            if isinstance(item, Article):
                assert item.text.strip() and "\r\n" not in item.text
                assert len(item.text) <= LIMITS.max_article_chars
                assert item.id == Article.make_id(item.text)
            else:
                assert item.reason and item.source
