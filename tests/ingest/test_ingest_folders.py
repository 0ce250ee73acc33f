"""Folders, manifests: recursion, skipped files, symlink loops, vanished and unreadable files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rashomon.ingest import iter_articles
from rashomon.model import Article, Failure

OTHER = "The harbour office reopened the promenade on Monday after divers checked the sea wall.\n"


def _tree(root: Path, story: str, page: str) -> None:
    (root / "wire").mkdir(parents=True)
    (root / "a_gazette.html").write_text(page, encoding="utf-8")
    (root / "b_radio.txt").write_text(story, encoding="utf-8")
    (root / "wire" / "c_agency.txt").write_text(OTHER, encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(50))  # unknown type: skipped
    (root / "README").write_text("How these files were collected.", encoding="utf-8")
    (root / ".hidden.txt").write_text("draft", encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "x.txt").write_text("cached copy", encoding="utf-8")


def test_folder_is_read_recursively_in_order(tmp_path: Path, ingest, story: str, page: str) -> None:
    _tree(tmp_path, story, page)
    articles, failures = ingest([tmp_path])
    assert failures == []
    assert [Path(a.source).relative_to(tmp_path).as_posix() for a in articles] == [
        "a_gazette.html",
        "b_radio.txt",
        "wire/c_agency.txt",
    ]
    assert articles[1].text == story and articles[2].text == OTHER


def test_csv_manifest_overrides_metadata(tmp_path: Path, ingest, story: str, page: str) -> None:
    _tree(tmp_path, story, page)
    (tmp_path / "sources.csv").write_text(
        "File,Outlet,URL,Published,Author,Title\n"
        "a_gazette.html,Tidewater Gazette (print),,2024-04-18,,\n"
        "b_radio.txt,Coastline Radio,https://coastline.example/1,2024-04-17,Ana Reis,Flood night\n"
        "c_agency.txt,Harbour Agency,,,,\n",
        encoding="utf-8-sig",
    )
    (gazette, radio, agency), failures = ingest([tmp_path])
    assert failures == []
    assert gazette.outlet == "Tidewater Gazette (print)"
    assert gazette.published == "2024-04-18"
    assert gazette.author == "Priya Holloway"  # blank in the manifest: the page's own value stays
    assert (radio.outlet, radio.url, radio.published, radio.author, radio.title) == (
        "Coastline Radio",
        "https://coastline.example/1",
        "2024-04-17",
        "Ana Reis",
        "Flood night",
    )
    assert agency.outlet == "Harbour Agency"  # matched by name in a subfolder
    assert radio.text == story  # the manifest never touches text


def test_json_manifest_for_a_named_file_and_a_jsonl_line(
    tmp_path: Path, ingest, story: str
) -> None:
    txt = tmp_path / "radio.txt"
    txt.write_text(story, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": OTHER}) + "\n" + json.dumps({"text": story}) + "\n")
    (tmp_path / "sources.json").write_text(
        json.dumps(
            {
                "radio.txt": {"outlet": "Coastline Radio"},
                "feed.jsonl": {"outlet": "Feed Aggregator"},
                "feed.jsonl:2": {"outlet": "Second Line Times"},
            }
        ),
        encoding="utf-8",
    )
    articles, failures = ingest([txt, feed])
    assert failures == []
    assert [a.outlet for a in articles] == [
        "Coastline Radio",
        "Feed Aggregator",
        "Second Line Times",
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "sources.csv",
            "outlet,url\nX,https://x.example\n",
            "no 'file' column (the header has: outlet, url)",
        ),
        ("sources.json", '{"radio.txt": {"outlet": ', "invalid JSON: Expecting value"),
        ("sources.json", '[{"outlet": "X"}]', "entry 1 has no 'file'"),
    ],
)
def test_malformed_manifest_is_reported_and_files_still_read(
    tmp_path: Path, ingest, story: str, name: str, content: str, reason: str
) -> None:
    (tmp_path / "radio.txt").write_text(story, encoding="utf-8")
    (tmp_path / name).write_text(content, encoding="utf-8")
    [art], [failure] = ingest([tmp_path])
    assert art.text == story and art.outlet is None
    assert failure.source == str(tmp_path / name)
    assert failure.reason.startswith(f"malformed manifest: {reason}")
    assert failure.reason.endswith("; the files are read without it")


def test_symlink_loop_and_broken_link(tmp_path: Path, ingest, story: str) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "radio.txt").write_text(story, encoding="utf-8")
    (tmp_path / "sub" / "again").symlink_to(tmp_path)  # a loop back to the top
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    articles, failures = ingest([tmp_path])
    assert [a.text for a in articles] == [story]
    assert [(Path(x.source).name, x.reason) for x in failures] == [
        ("gone.txt", "broken symbolic link"),
        ("self.txt", "symbolic link loop"),
    ]


def test_file_vanishing_mid_run(tmp_path: Path, story: str) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(name + " " + story, encoding="utf-8")
    items = iter_articles([tmp_path])
    first = next(items)
    assert isinstance(first, Article)
    (tmp_path / "b.txt").unlink()
    rest = list(items)
    assert isinstance(rest[0], Failure) and rest[0].source == str(tmp_path / "b.txt")
    assert rest[0].reason.startswith("file not found (it may have been moved or deleted")
    assert isinstance(rest[1], Article) and rest[1].text == "c.txt " + story


def test_named_pipe_is_not_read(tmp_path: Path, ingest) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _, [failure] = ingest([fifo])
    assert failure.reason == "not a regular file (a pipe, socket or device); not read"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(tmp_path: Path, ingest, story: str) -> None:
    f = tmp_path / "locked.txt"
    f.write_text(story, encoding="utf-8")
    f.chmod(0)
    try:
        _, [failure] = ingest([f])
    finally:
        f.chmod(0o644)
    assert failure.reason == "permission denied: cannot read the file"


def test_empty_folder(tmp_path: Path, ingest) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    _, [failure] = ingest([tmp_path])
    assert failure.source == str(tmp_path)
    assert failure.reason.startswith("no articles in this folder (looked for .atom, .docx, .htm")


def test_manifest_relative_path_wins_over_bare_name(tmp_path: Path, ingest, story: str) -> None:
    for sub in ("north", "south"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(f"{sub}: {story}", encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "file,outlet\nnorth/report.txt,North Shore News\nreport.txt,Any Report Weekly\n",
        encoding="utf-8",
    )
    articles, failures = ingest([tmp_path])
    assert failures == []
    assert [a.outlet for a in articles] == ["North Shore News", "Any Report Weekly"]
