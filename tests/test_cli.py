"""The command line, driven through click's CliRunner and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from rashomon.cli import cli, safe


def test_help_for_every_command() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in cli.commands:  # type: ignore[attr-defined]
        sub = runner.invoke(cli, [name, "-h"])
        assert sub.exit_code == 0, name
        assert "Usage:" in sub.output
    for name in cli.commands["eval"].commands:  # type: ignore[attr-defined]
        sub = runner.invoke(cli, ["eval", name, "-h"])
        assert sub.exit_code == 0, name
        assert len(sub.output.split("\n\n")[1].strip()) > 20, f"eval {name} needs a description"
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:  # type: ignore[attr-defined]
        assert f"rashomon {name}" in readme, f"README does not mention rashomon {name}"


def test_analyze_reports_bad_inputs_and_keeps_good_ones(tmp_path: Path) -> None:
    good = tmp_path / "report.txt"
    good.write_text(
        "Harbour fire in Velmora\n\nA warehouse fire in the port of Velmora burned for six hours"
        " on Tuesday, the fire service said.\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "-o", str(out), "--json", "-q"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["analysed"] == 1
    assert any("empty.txt" in e["source"] for e in summary["errors"])
    data = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    assert data["articles"][0]["text"] == good.read_text(encoding="utf-8")
    strict = CliRunner().invoke(cli, ["analyze", str(tmp_path), "-o", str(out), "--strict", "-q"])
    assert strict.exit_code == 1


def test_no_article_means_exit_1_and_usage_error_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    none = CliRunner().invoke(cli, ["analyze", str(tmp_path / "empty.txt"), "-o", str(tmp_path)])
    assert none.exit_code == 1
    usage = CliRunner().invoke(cli, ["analyze"])
    assert usage.exit_code == 2


def test_missing_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "rashomon", "analyze", str(tmp_path / "nope.txt"), "-o",
         str(tmp_path / "o")],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "nope.txt" in proc.stderr


def test_terminal_output_neutralises_control_characters() -> None:
    hostile = "evil\x1b[2J\x1b]0;owned\x07name\u202e.txt"
    cleaned = safe(hostile)
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\u202e" not in cleaned
    assert cleaned.startswith("evil")


def test_lone_surrogate_in_jsonl_is_replaced_not_fatal(tmp_path: Path) -> None:
    src = tmp_path / "feed.jsonl"
    src.write_text(
        '{"text": "The ferry Aurelia docked late in Porto Vell\\udc80 on Sunday, the port said.",'
        ' "outlet": "Harbour \\ud800Watch"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    assert "Vell\ufffd on Sunday" in data["articles"][0]["text"]


def test_ingest_events_and_analyze_stored_from_the_command_line(
    tmp_path: Path, examples_dir: Path
) -> None:
    cheap = tmp_path / "cheap.toml"
    cheap.write_text(
        '[[stages]]\nname = "clean.lines.v1"\n\n[[stages]]\nname = "meta.rules.v1"\n',
        encoding="utf-8",
    )
    db = tmp_path / "store.db"
    runner = CliRunner()
    first = runner.invoke(
        cli, ["ingest", str(examples_dir / "kresny-dam-collapse"), "--db", str(db),
              "-c", str(cheap), "-q", "--json"],
    )
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["new"] == 10
    again = runner.invoke(
        cli, ["ingest", str(examples_dir / "kresny-dam-collapse"), "--db", str(db),
              "-c", str(cheap), "-q", "--json"],
    )
    assert json.loads(again.stdout)["new"] == 0 and json.loads(again.stdout)["skipped"] == 10
    listed = runner.invoke(cli, ["events", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    events = json.loads(listed.stdout)
    assert sum(e["size"] for e in events) == 10
    biggest = max(events, key=lambda e: e["size"])
    out = tmp_path / "out"
    analysed = runner.invoke(
        cli, ["analyze", "--db", str(db), "--event", biggest["id"], "-o", str(out),
              "-c", str(cheap), "--json"],
    )
    assert analysed.exit_code == 0, analysed.output
    paths = json.loads(analysed.stdout)["analyses"]
    assert len(paths) == 1 and Path(paths[0]).exists()
    bad = runner.invoke(cli, ["analyze", "--db", str(db), "-o", str(out)])
    assert bad.exit_code == 2
