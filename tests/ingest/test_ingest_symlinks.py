"""Symbolic links in an input folder that lead outside it are refused (reported with their name
and reason) unless --follow-symlinks; links that stay inside are followed as before."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from rashomon.cli import cli
from rashomon.config import Limits

STORY = "Floodwater reached the lower town of Merrow Bay on Thursday night, the office said.\n"
SECRET = "Secret diary: the harbour office knew about the cracks in March.\n"


def _tree(tmp_path: Path) -> Path:
    """in/ holds a story, a link inside, a file link and a folder link that leave in/."""
    outside = tmp_path / "outside"
    (outside / "private").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "private" / "notes.txt").write_text(SECRET.replace("March", "April"),
                                                   encoding="utf-8")
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "story.txt").write_text(STORY, encoding="utf-8")
    os.symlink("../story.txt", src / "sub" / "alias.txt")  # stays inside: followed
    os.symlink(outside / "secret.txt", src / "leak.txt")
    os.symlink("../../outside/private", src / "sub" / "private")
    os.symlink("/etc/passwd", src / "passwd.txt")
    return src


def test_links_leaving_the_folder_are_refused(tmp_path: Path, ingest) -> None:
    src = _tree(tmp_path)
    articles, failures = ingest([src])
    assert [a.text for a in articles] == [STORY, STORY]  # story.txt and sub/alias.txt
    reasons = {Path(f.source).name: f.reason for f in failures}
    assert set(reasons) == {"leak.txt", "passwd.txt", "private"}
    assert reasons["leak.txt"] == (
        f"symbolic link to {tmp_path / 'outside' / 'secret.txt'}, outside the input folder; "
        "not followed (--follow-symlinks reads it)"
    )
    assert reasons["passwd.txt"].startswith("symbolic link to /etc/passwd, outside the input")
    assert all("diary" not in f.reason for f in failures)  # the target is named, never read


def test_follow_symlinks_reads_them(tmp_path: Path, ingest) -> None:
    src = _tree(tmp_path)
    os.unlink(src / "passwd.txt")
    articles, failures = ingest([src], Limits(follow_symlinks=True))
    assert failures == []
    assert sorted(a.text for a in articles) == sorted(
        [STORY, STORY, SECRET, SECRET.replace("March", "April")])


def test_a_link_named_directly_is_the_users_choice(tmp_path: Path, ingest) -> None:
    src = _tree(tmp_path)
    [article], failures = ingest([src / "leak.txt"])
    assert failures == [] and article.text == SECRET


def test_manifest_link_leaving_the_folder_is_not_read(tmp_path: Path, ingest) -> None:
    src = _tree(tmp_path)
    os.symlink(tmp_path / "outside" / "secret.txt", src / "sources.csv")
    _, failures = ingest([src])
    manifest = [f for f in failures if Path(f.source).name == "sources.csv"]
    assert [f.reason.split(",")[0] for f in manifest] == [
        f"symbolic link to {tmp_path / 'outside' / 'secret.txt'}"]
    assert all("diary" not in f.reason for f in failures)


def test_cli_flag(tmp_path: Path) -> None:
    src = _tree(tmp_path)
    os.unlink(src / "passwd.txt")
    runner = CliRunner()
    for flag, analysed, failed in (([], 1, 2), (["--follow-symlinks"], 3, 0)):
        result = runner.invoke(cli, ["analyze", str(src), "-o", str(tmp_path / "out"), "--json",
                                     "-q", *flag])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)
        assert (summary["analysed"], summary["failed"]) == (analysed, failed)
    db = tmp_path / "store.db"
    result = runner.invoke(cli, ["ingest", str(src), "--db", str(db), "--json", "-q"])
    assert json.loads(result.stdout)["failed"] == 2
    result = runner.invoke(cli, ["ingest", str(src), "--db", str(db), "--json", "-q",
                                 "--follow-symlinks"])
    assert json.loads(result.stdout)["failed"] == 0
