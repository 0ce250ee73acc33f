"""JSON and JSON Lines ingestion: fields, metadata, bad lines reported while the rest is read."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from rashomon.config import Limits

SECOND = "Ferry services to Merrow Bay resumed on Saturday, the operator said.\n"


def test_jsonl_articles_and_metadata(tmp_path: Path, ingest, story: str) -> None:
    f = tmp_path / "feed.jsonl"
    rows = [
        {
            "text": story,
            "url": "https://coastline.example/a/1",
            "title": "Families moved",
            "outlet": "Coastline Radio",
            "published": "2024-04-17",
            "author": ["Ana Reis", "Tom Ilves"],
            "language": "EN",
        },
        {"text": SECOND, "date": "2024-04-19", "author": {"@type": "Person", "name": "Tom Ilves"}},
    ]
    f.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    (first, second), failures = ingest([f])
    assert failures == []
    assert first.text == story and second.text == SECOND
    assert (first.source, second.source) == (f"{f}:1", f"{f}:2")
    assert first.format == "json"
    assert first.outlet == "Coastline Radio"
    assert first.author == "Ana Reis, Tom Ilves"
    assert first.language == "en"
    assert first.url == "https://coastline.example/a/1"
    assert second.published == "2024-04-19"
    assert second.author == "Tom Ilves"
    assert second.outlet is None


def test_malformed_jsonl_lines_are_reported_and_others_read(
    tmp_path: Path, ingest, story: str
) -> None:
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": story}),
        "",
        '{"text": "Broken line" "outlet": "x"}',
        json.dumps({"title": "No body here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps({"text": SECOND}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, failures = ingest([f])
    assert [a.text for a in articles] == [story, SECOND]
    assert [a.source for a in articles] == [f"{f}:1", f"{f}:8"]
    assert [(x.source, x.reason) for x in failures] == [
        (f"{f}:3", "line 3: invalid JSON: Expecting ',' delimiter at column 24"),
        (f"{f}:4", "line 4: no 'text' or 'html' field (an article needs one of them)"),
        (f"{f}:5", "line 5: expected a JSON object, got a list"),
        (f"{f}:6", "line 6: field 'text' must be a string, got a number"),
        (f"{f}:7", "line 7: the 'text'/'html' field is empty"),
    ]


def test_jsonl_with_html_field(tmp_path: Path, ingest, page: str) -> None:
    f = tmp_path / "pages.jsonl.gz"
    row = {"html": page, "outlet": "Gazette (manifest name)", "url": "https://tidewater.example/x"}
    f.write_bytes(gzip.compress((json.dumps(row) + "\n").encode("utf-8")))
    [art], failures = ingest([f])
    assert failures == []
    assert art.format == "json"
    assert art.outlet == "Gazette (manifest name)"  # the JSON field wins over the page's own
    assert art.title == "Merrow Bay flood: families moved overnight"  # from the page
    assert art.url == "https://tidewater.example/x"
    assert "\n\n“We moved forty families before midnight,”" in art.text


def test_json_single_object_and_list(tmp_path: Path, ingest, story: str) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": story, "outlet": "Coastline Radio"}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(
        json.dumps({"articles": [{"text": SECOND}, {"url": "https://x.example"}]}), encoding="utf-8"
    )
    articles, failures = ingest([one, many])
    assert [(a.source, a.text) for a in articles] == [(str(one), story), (f"{many}#item-1", SECOND)]
    assert [(x.source, x.reason) for x in failures] == [
        (f"{many}#item-2", "item 2: no 'text' or 'html' field (an article needs one of them)")
    ]


def test_bad_json_files(tmp_path: Path, ingest) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": "unterminated', encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n  \n", encoding="utf-8")
    scalar = tmp_path / "scalar.json"
    scalar.write_text('"just a string"', encoding="utf-8")
    binary = tmp_path / "image.jsonl"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    _, failures = ingest([broken, empty, blank, scalar, binary])
    assert [x.reason for x in failures] == [
        "invalid JSON: Unterminated string starting at line 1 column 10",
        "empty file",
        "no articles (only blank lines)",
        "expected a JSON object or a list of objects, got a string",
        "binary file (PNG image), not JSON Lines",
    ]


def test_jsonl_line_cap(tmp_path: Path, ingest, story: str) -> None:
    f = tmp_path / "feed.jsonl"
    f.write_text(
        json.dumps({"text": story * 50}) + "\n" + json.dumps({"text": SECOND}) + "\n",
        encoding="utf-8",
    )
    articles, [failure] = ingest([f], Limits(max_file_bytes=2000))
    assert [a.text for a in articles] == [SECOND]
    assert failure.source == f"{f}:1"
    assert failure.reason == "line 1: longer than the 2 KB limit (raise it with --max-file-mb)"


def test_jsonl_utf8_bom_and_cp1252_line(tmp_path: Path, ingest) -> None:
    f = tmp_path / "feed.jsonl"
    first = json.dumps({"text": "Café reopened."}, ensure_ascii=False).encode("utf-8")
    second = json.dumps({"text": "Café closed."}, ensure_ascii=False).encode("cp1252")
    f.write_bytes(b"\xef\xbb\xbf" + first + b"\n" + second + b"\n")
    articles, failures = ingest([f])
    assert failures == []
    assert [a.text for a in articles] == ["Café reopened.", "Café closed."]
