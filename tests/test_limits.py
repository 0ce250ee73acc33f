"""Every cap in config.Limits is enforced and reported with a clear reason (and only when hit)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from rashomon.api import load_docs
from rashomon.config import Limits
from rashomon.ingest import iter_articles
from rashomon.model import Article, Failure

PARA = "The harbour master of Kelmsby said 14 passengers were rescued from the ferry on Tuesday."


def _read(path: Path, limits: Limits) -> list[Article | Failure]:
    return list(iter_articles([path], limits=limits))


def _only_failure(items: list[Article | Failure]) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


def _html(depth: int) -> str:
    # <html><body> are two levels; each <div> adds one; the <p> one more.
    return "<html><body>" + "<div>" * depth + f"<p>{PARA}</p>" + "</div>" * depth + "</body></html>"


# ---- max_file_bytes


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json"])
def test_file_over_max_file_bytes_is_refused_with_its_size(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"big{suffix}"
    path.write_text(PARA * 100)  # 8,800 bytes
    fail = _only_failure(_read(path, Limits(max_file_bytes=4096)))
    assert fail.source == str(path)
    assert "file is 8.6 KB, over the 4 KB limit" in fail.reason
    assert "--max-file-mb" in fail.reason
    # Under the cap the same file is read.
    assert isinstance(_read(path, Limits(max_file_bytes=1 << 20))[0], Article | Failure)


def test_txt_under_max_file_bytes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(PARA)
    (art,) = _read(path, Limits(max_file_bytes=len(PARA)))
    assert isinstance(art, Article) and art.text == PARA


def test_jsonl_line_over_max_file_bytes_is_refused_and_other_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    long = json.dumps({"text": PARA * 100})
    path.write_text(json.dumps({"text": PARA}) + "\n" + long + "\n" + json.dumps(
        {"text": PARA + " Again."}) + "\n")
    items = _read(path, Limits(max_file_bytes=4096))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    fail = items[1]
    assert fail.source == f"{path}:2"
    assert fail.reason.startswith("line 2: longer than the 4 KB limit")


def test_jsonl_only_line_over_cap_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": PARA * 100}) + "\n")
    _only_failure(_read(path, Limits(max_file_bytes=4096)))


# ---- max_article_chars


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "html"])
def test_article_over_max_article_chars(tmp_path: Path, fmt: str) -> None:
    text = " ".join([PARA] * 20)  # 1,779 characters
    if fmt == "txt":
        path = tmp_path / "a.txt"
        path.write_text(text)
        source = str(path)
    elif fmt == "jsonl":
        path = tmp_path / "a.jsonl"
        path.write_text(json.dumps({"text": text}) + "\n")
        source = f"{path}:1"
    else:
        path = tmp_path / "a.html"
        path.write_text(f"<html><body><article><p>{text}</p></article></body></html>")
        source = str(path)
    fail = _only_failure(_read(path, Limits(max_article_chars=1000)))
    assert fail.source == source
    assert "1,779 characters, over the limit of 1,000 (max_article_chars)" in fail.reason
    (art,) = _read(path, Limits(max_article_chars=1779))
    assert isinstance(art, Article) and len(art.text) == 1779


# ---- max_articles


def test_max_articles_per_event(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(f"{PARA} Report {i}.")
    docs, failures = load_docs([tmp_path], limits=Limits(max_articles=3))
    assert [d.article.source for d in docs] == [str(tmp_path / f"a{i}.txt") for i in range(3)]
    assert [f.source for f in failures] == [str(tmp_path / f"a{i}.txt") for i in (3, 4)]
    assert all(
        f.reason == "over the limit of 3 articles per event (--max-articles); skipped"
        for f in failures
    )


def test_duplicates_do_not_count_towards_max_articles(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(PARA)  # the same text three times
    (tmp_path / "b.txt").write_text(PARA + " Other.")
    docs, failures = load_docs([tmp_path], limits=Limits(max_articles=2))
    assert len(docs) == 2 and failures == []


# ---- max_html_depth


def test_html_over_max_html_depth_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(_html(60))
    fail = _only_failure(_read(path, Limits(max_html_depth=50)))
    assert "HTML nested more than 50 levels deep (max_html_depth)" in fail.reason


def test_html_at_max_html_depth_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.html"
    path.write_text(_html(40))
    (art,) = _read(path, Limits(max_html_depth=50))
    assert isinstance(art, Article) and PARA in art.text


def test_html_deeper_than_libxml2_default_is_refused_not_truncated(tmp_path: Path) -> None:
    # libxml2 silently stops at depth 256 without huge_tree; the cap must still see the depth.
    path = tmp_path / "deeper.html"
    path.write_text(_html(5000))
    fail = _only_failure(_read(path, Limits()))
    assert "max_html_depth" in fail.reason


def test_html_depth_in_jsonl_html_field(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(json.dumps({"html": _html(60)}) + "\n")
    fail = _only_failure(_read(path, Limits(max_html_depth=50)))
    assert fail.source == f"{path}:1" and "max_html_depth" in fail.reason


# ---- max_decompressed_bytes


@pytest.mark.parametrize("suffix", [".txt.gz", ".html.gz", ".jsonl.gz", ".warc.gz"])
def test_gzip_over_max_decompressed_bytes_is_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"bomb{suffix}"
    # 3 MB of spaces in a ~3 KB file; the WARC one behind a valid record header.
    head = (b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
            b"Content-Length: 3145728\r\n\r\n") if suffix == ".warc.gz" else b""
    path.write_bytes(gzip.compress(head + b" " * (3 << 20)))
    assert path.stat().st_size < 20_000
    fail = _only_failure(_read(path, Limits(max_decompressed_bytes=1 << 20)))
    assert fail.source == str(path)
    assert "decompresses to more than 1 MB (max_decompressed_bytes" in fail.reason


def test_gzip_under_max_decompressed_bytes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt.gz"
    path.write_bytes(gzip.compress(PARA.encode()))
    (art,) = _read(path, Limits(max_decompressed_bytes=len(PARA)))
    assert isinstance(art, Article) and art.text == PARA


def test_compressed_size_counts_towards_max_file_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(bytes(range(256)) * 64, compresslevel=0))
    fail = _only_failure(_read(path, Limits(max_file_bytes=1024)))
    assert "over the 1 KB limit" in fail.reason
