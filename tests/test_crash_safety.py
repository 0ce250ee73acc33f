"""Crash safety: SIGKILL during `rashomon analyze` or a store write never leaves half a result.

A killed run leaves either no output or a complete one (analysis.json written atomically, the
store written in one transaction); a re-run after the kill gives exactly what an uninterrupted
run gives.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "kresny-dam-collapse"
# Columns that record when something was written, not what.
_TIME_COLUMNS = {"written_at", "created_at", "applied_at", "updated_at", "analysed_at"}

pytestmark = pytest.mark.slow


def _analyze(outdir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "rashomon", "analyze", str(EXAMPLE), "-o", str(outdir), "-q"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool], timeout: float) -> bool:
    """SIGKILL ``proc`` as soon as ``ready()`` holds (polled every few ms); False if it ended."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.002)
    proc.kill()
    proc.wait()
    pytest.fail("the run neither reached the kill point nor ended in time")


def _db_state(path: Path) -> dict[str, Any]:
    """Row counts and content of every table, timestamps left out, for comparison."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'articles_fts%'"
            " AND name != '_migrations' ORDER BY name")]
        state: dict[str, Any] = {}
        for t in tables:
            cur = conn.execute(f'SELECT * FROM "{t}"')
            cols = [d[0] for d in cur.description]
            keep = [i for i, c in enumerate(cols) if c not in _TIME_COLUMNS]
            rows = sorted(repr(tuple(r[i] for i in keep)) for r in cur.fetchall())
            state[t] = rows
        return state
    finally:
        conn.close()


def _json_state(path: Path) -> Any:
    data = json.loads(path.read_text(encoding="utf-8"))  # a partial file would not parse
    for key in ("generated_at", "written_at", "created_at"):
        data.pop(key, None)
    return data


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reference")
    proc = _analyze(out)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    return out


def test_killed_analyze_reruns_to_the_same_result(reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    # 1. Killed while still loading: nothing, or nothing partial, is left.
    proc = _analyze(out)
    time.sleep(2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (out / "analysis.json").exists()

    # 2. Killed the moment analysis.json lands: the store write (or report) is under way.
    killed = _kill_when(_analyze(out), (out / "analysis.json").exists, timeout=300)
    assert killed, "the run ended before the kill point"
    _json_state(out / "analysis.json")  # complete and valid
    if (out / "rashomon.db").exists():
        _db_state(out / "rashomon.db")  # consistent (integrity ok), whatever it holds

    # 3. Re-run to completion over the debris: the same files as the uninterrupted run.
    proc = _analyze(out)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert _differing(_json_state(out / "analysis.json"),
                      _json_state(reference / "analysis.json")) == []
    assert _differing(_db_state(out / "rashomon.db"), _db_state(reference / "rashomon.db")) == []


def _differing(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """The keys (JSON sections or table names) whose content differs."""
    return sorted(k for k in got.keys() | want.keys() if got.get(k) != want.get(k))


# ---- a kill during a big store write: the old state or the new one, never a mix

_WRITER = r"""
import sys
from pathlib import Path
from rashomon.model import Article, ArticleDoc, EventDoc, Sentence, Span, content_id
from rashomon.store import write_sqlite

def event(name, n, words):
    docs = []
    for i in range(n):
        text = " ".join(f"Sentence {j} of report {i} says {words}." for j in range(40))
        art = Article(id=Article.make_id(text), source=f"{name}-{i}.txt", text=text)
        sents, pos = [], 0
        for j in range(40):
            end = text.index(".", pos) + 1
            sents.append(Sentence(article_id=art.id, span=Span(pos, end)))
            pos = end + 1
        docs.append(ArticleDoc(article=art, sentences=tuple(sents)))
    return EventDoc(id=content_id(name), name=name, docs=tuple(docs))

db, n = Path(sys.argv[1]), int(sys.argv[2])
big = event("event", n, "the bridge closed")
print("writing", flush=True)
write_sqlite(big, db)
print("done", flush=True)
"""


def _write(db: Path, n: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", _WRITER, str(db), str(n)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _counts(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                conn.execute("SELECT count(*) FROM sentences").fetchone()[0])
    finally:
        conn.close()


def test_kill_during_store_write_leaves_old_or_new(tmp_path: Path) -> None:
    db = tmp_path / "rashomon.db"
    proc = _write(db, 50)  # the old state: the same event, 50 reports
    proc.communicate(timeout=120)
    assert proc.returncode == 0
    old = _counts(db)
    assert old == (50, 2000)
    new = (3000, 120_000)
    journal = db.with_name(db.name + "-journal")
    mid_write = 0
    for delay in (0.05, 0.3, 0.8, 1.5):
        proc = _write(db, 3000)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "writing"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # A hot rollback journal left behind means the kill landed inside the transaction.
        mid_write += journal.exists()
        got = _counts(db)
        assert got in (old, new), f"partial write after a kill at {delay}s: {got}"
        old = got
    assert mid_write, "no kill landed inside the write; the test did not test anything"
    assert not journal.exists()  # the next open rolled the partial write back
    # Finally, an unkilled write reaches the new state.
    proc = _write(db, 3000)
    proc.communicate(timeout=120)
    assert proc.returncode == 0
    assert _counts(db) == new
