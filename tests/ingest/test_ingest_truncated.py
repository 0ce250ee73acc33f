"""Archives cut short: every complete record before the cut is read, and the cut is reported
with where it happened and how many records came before it. Broken WARC framing (a record cut
short, a Content-Length too large) is reported per record, and the records after
it are still read."""

from __future__ import annotations

import gzip
import json
import random
import re
import zlib
from pathlib import Path

import pytest

_WORDS = (
    "harbour", "council", "river", "bridge", "families", "moved", "night", "morning",
    "officials", "said", "report", "flood", "water", "town", "mayor", "office", "repairs",
    "weeks", "promenade", "barrier", "engineers", "residents", "power", "homes", "school",
    "closed", "road", "police", "rescue", "boats", "crews", "evening", "warning", "level",
)


def _text(i: int, words: int = 900) -> str:
    """An article of invented prose, distinct for each ``i`` (about 6,000 characters)."""
    rng = random.Random(i)
    body = " ".join(rng.choice(_WORDS) for _ in range(words))
    return f"Report number {i} from Merrow Bay.\n\n{body}.\n"


def _complete_members(data: bytes) -> int:
    """How many whole gzip members ``data`` holds (the cut one not counted)."""
    done = 0
    while data:
        d = zlib.decompressobj(31)
        try:
            d.decompress(data)
        except zlib.error:
            return done
        if not d.eof:
            return done
        done += 1
        data = d.unused_data
    return done


def _prefix(data: bytes) -> bytes:
    """What a truncated gzip stream decompresses to before its cut."""
    d = zlib.decompressobj(31)
    return d.decompress(data)


@pytest.mark.parametrize("keep", [0.93, 0.6, 0.35, 0.1])
def test_truncated_jsonl_gz_keeps_every_complete_line(tmp_path: Path, ingest,
                                                      keep: float) -> None:
    lines = [json.dumps({"text": _text(i)}) + "\n" for i in range(14)]
    data = gzip.compress("".join(lines).encode())
    cut = data[: int(len(data) * keep)]
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(cut)
    complete = _prefix(cut).count(b"\n")
    assert complete < 14
    articles, failures = ingest([path])
    assert [a.text for a in articles] == [_text(i) for i in range(complete)]
    assert len(failures) == 1, failures
    reason = failures[0].reason
    assert "truncated" in reason
    if complete:
        assert failures[0].source == f"{path}:{complete + 1}"
        assert f"the {complete} line" in reason and "before it w" in reason
    else:
        assert failures[0].source == str(path)
        assert "no complete line before the cut" in reason


def test_small_truncated_jsonl_gz_is_not_lost(tmp_path: Path, ingest) -> None:
    # Under one 64 KiB read buffer: nothing came out before.
    lines = [json.dumps({"text": _text(i, 60)}) + "\n" for i in range(5)]
    data = gzip.compress("".join(lines).encode())
    path = tmp_path / "small.jsonl.gz"
    path.write_bytes(data[:-30])
    complete = _prefix(data[:-30]).count(b"\n")
    assert complete >= 3
    articles, failures = ingest([path])
    assert len(articles) == complete
    assert [f.source for f in failures] == [f"{path}:{complete + 1}"]


def _page(i: int) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in _text(i).split("\n\n"))
    return (f"<html><head><title>Report {i}</title></head><body><article>{paras}"
            "</article></body></html>").encode()


def _record(i: int, *, length_delta: int = 0, body: bytes | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + (
        body if body is not None else _page(i))
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: http://merrow.example/{i}\r\nWARC-Date: 2031-05-01T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + length_delta}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _ids(articles: list) -> list[int]:  # type: ignore[type-arg]
    return [int(re.search(r"Report number (\d+)", a.text).group(1)) for a in articles]


@pytest.mark.parametrize("keep", [0.95, 0.7, 0.4, 0.15])
def test_truncated_warc_gz_keeps_every_complete_record(tmp_path: Path, ingest,
                                                       keep: float) -> None:
    data = b"".join(gzip.compress(_record(i)) for i in range(14))  # one member per record
    cut = data[: int(len(data) * keep)]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(cut)
    complete = _complete_members(cut)
    articles, failures = ingest([path])
    assert _ids(articles) == list(range(complete))
    assert len(failures) == 1, failures
    reason = failures[0].reason
    assert "truncated" in reason
    if complete:
        assert failures[0].source == f"{path}#record-{complete + 1}"
        assert f"the {complete} record" in reason and "before it w" in reason
    else:
        assert failures[0].source == str(path)


def test_warc_record_cut_short_at_the_end_is_reported(tmp_path: Path, ingest) -> None:
    data = _record(0) + _record(1) + _record(2)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[: len(data) - 2000])  # record 3 loses its last 2,000 bytes
    articles, failures = ingest([path])
    assert _ids(articles) == [0, 1]
    assert [f.source for f in failures] == [f"{path}#record-3"]
    reason = failures[0].reason
    assert reason.startswith("record 3 (at byte ")
    assert "cut short" in reason and "Content-Length" in reason


@pytest.mark.parametrize("gz", [False, True])
def test_oversized_content_length_does_not_swallow_the_next_record(
    tmp_path: Path, ingest, gz: bool
) -> None:
    records = [_record(0), _record(1, length_delta=5000), _record(2), _record(3)]
    data = b"".join(gzip.compress(r) for r in records) if gz else b"".join(records)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    articles, failures = ingest([path])
    assert _ids(articles) == [0, 2, 3]
    assert [f.source for f in failures] == [f"{path}#record-2"]
    reason = failures[0].reason
    assert reason.startswith("record 2 (at byte ")
    assert "Content-Length" in reason


def test_record_cut_short_mid_file_keeps_the_next(tmp_path: Path, ingest) -> None:
    # Record 2 lost its second half (a bad copy): record 3 starts inside its declared block.
    rec = _record(1)
    data = _record(0) + rec[: len(rec) // 2] + _record(2) + _record(3)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    articles, failures = ingest([path])
    assert _ids(articles) == [0, 2, 3]
    assert [f.source for f in failures] == [f"{path}#record-2"]
