"""Two inputs with the same text are analysed once, and the run says which is a copy of which
(a notice, not an error: --strict does not fail on it)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from rashomon.api import read_inputs
from rashomon.cli import cli
from rashomon.store import open_store, read_event

STORY = (
    "Ferry aground off Duvik\n\nA ferry ran aground off Duvik on Monday night, the harbour "
    "master said. All 112 passengers were brought ashore by lifeboats.\n"
)
OTHER = (
    "Harbour fire in Velmora\n\nA warehouse fire in the port of Velmora burned for six hours on "
    "Tuesday, the fire service said.\n"
)


def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_original.txt").write_text(STORY, encoding="utf-8")
    (src / "b_other.txt").write_text(OTHER, encoding="utf-8")
    (src / "c_copy.txt").write_text(STORY, encoding="utf-8")
    (src / "d_copy.jsonl").write_text(json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    return src


def test_read_inputs_names_each_duplicate_and_its_original(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    got = read_inputs([src])
    assert [Path(d.article.source).name for d in got.docs] == ["a_original.txt", "b_other.txt"]
    assert got.failures == []
    assert [(Path(n.source).name, n.kind, n.reason) for n in got.notices] == [
        ("c_copy.txt", "duplicate", f"same text as {src / 'a_original.txt'}; analysed once"),
        ("d_copy.jsonl:1", "duplicate", f"same text as {src / 'a_original.txt'}; analysed once"),
    ]


def test_analyze_reports_duplicates_as_notices(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(src), "-o", str(out), "--json", "--strict"])
    assert result.exit_code == 0, result.output  # a notice is not a failure
    summary = json.loads(result.stdout)
    assert (summary["analysed"], summary["failed"]) == (2, 0)
    assert [Path(n["source"]).name for n in summary["notices"]] == ["c_copy.txt", "d_copy.jsonl:1"]
    assert f"note: {src / 'c_copy.txt'}: same text as {src / 'a_original.txt'}" in result.stderr
    data = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    assert data["errors"] == []
    assert [(Path(n["source"]).name, n["kind"]) for n in data["notices"]] == [
        ("c_copy.txt", "duplicate"), ("d_copy.jsonl:1", "duplicate")]
    assert "c_copy.txt" in (out / "report.html").read_text(encoding="utf-8")
    conn = open_store(out / "rashomon.db", readonly=True)
    try:
        event = read_event(conn, None)
    finally:
        conn.close()
    assert event.errors == ()
    assert [Path(n.source).name for n in event.notices] == ["c_copy.txt", "d_copy.jsonl:1"]
    with sqlite3.connect(out / "rashomon.db") as raw:
        assert raw.execute("SELECT count(*) FROM errors").fetchone() == (2,)
