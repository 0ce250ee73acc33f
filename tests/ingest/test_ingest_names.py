"""File names that are not valid UTF-8 (or that hold control and bidi characters) are carried
safely: escaped once at ingest, so JSON, SQLite, the report and the terminal can all write them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from rashomon.cli import cli
from rashomon.ingest import display_name

GOOD = (
    "Harbour fire in Velmora\n\nA warehouse fire in the port of Velmora burned for six hours on "
    "Tuesday, the fire service said. About 40 workers were evacuated.\n"
)
OTHER = (
    "Ferry aground off Duvik\n\nA ferry ran aground off Duvik on Monday night, the harbour "
    "master said. All 112 passengers were brought ashore by lifeboats.\n"
)


def _bytes_named(folder: Path, name: bytes, data: str) -> None:
    """Write a file whose name is raw bytes (possibly invalid UTF-8)."""
    fd = os.open(os.path.join(os.fsencode(folder), name), os.O_WRONLY | os.O_CREAT, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(data)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (b"caf\xe9.txt", "caf\\xe9.txt"),  # Latin-1 byte: not UTF-8
        (b"\xff\xfe.txt", "\\xff\\xfe.txt"),
        ("café.txt".encode(), "café.txt"),  # valid UTF-8 stays as it is
        (b"a\nb.txt", "a\\x0ab.txt"),  # a newline would forge a line in the terminal
        (b"a\x1b[31mred.txt", "a\\x1b[31mred.txt"),  # terminal escape sequence
        ("txt.\u202eevil".encode(), "txt.\\u202eevil"),  # bidi override reorders the line
    ],
)
def test_display_name_escapes_what_cannot_be_shown(raw: bytes, shown: str) -> None:
    assert display_name(raw) == shown
    assert display_name(os.fsdecode(raw)) == shown
    shown.encode("utf-8")  # always writable as UTF-8 (strict)


def test_undecodable_name_in_a_folder_is_read_and_escaped(tmp_path: Path, ingest) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    _bytes_named(tmp_path, b"caf\xe9.txt", OTHER)
    articles, failures = ingest([tmp_path])
    assert failures == []
    assert sorted(Path(a.source).name for a in articles) == ["caf\\xe9.txt", "good.txt"]
    for a in articles:
        a.source.encode("utf-8")


def test_analyze_with_an_undecodable_file_name(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    _bytes_named(src, b"caf\xe9.txt", OTHER)
    _bytes_named(src, b"empty\xff.txt", "")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(src), "-o", str(out), "--json", "-q"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["analysed"] == 2
    assert [Path(e["source"]).name for e in summary["errors"]] == ["empty\\xff.txt"]
    data = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    assert sorted(Path(a["source"]).name for a in data["articles"]) == ["caf\\xe9.txt",
                                                                        "good.txt"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "caf\\xe9.txt" in html


def test_ingest_stores_the_batch_with_an_undecodable_file_name(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    _bytes_named(src, b"caf\xe9.txt", OTHER)
    db = tmp_path / "store.db"
    for _ in range(2):  # the second run finds both stored
        result = CliRunner().invoke(cli, ["ingest", str(src), "--db", str(db), "--json", "-q"])
        assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["skipped"], summary["failed"]) == (0, 2, 0)
    import sqlite3

    with sqlite3.connect(db) as conn:
        sources = sorted(Path(r[0]).name for r in conn.execute("SELECT source FROM articles"))
    assert sources == ["caf\\xe9.txt", "good.txt"]
