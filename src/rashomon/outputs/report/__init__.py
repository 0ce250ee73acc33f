"""The HTML report (one self-contained file) and the output writers ``analyze`` calls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rashomon.model import EventDoc
from rashomon.outputs.report.render import render_report, write_report

__all__ = [
    "output_writers",
    "render_report",
    "report_from_store",
    "report_writer",
    "sqlite_writer",
    "write_report",
]

REPORT_NAME = "report.html"
DB_NAME = "rashomon.db"


def sqlite_writer(event: EventDoc, outdir: Path) -> dict[str, Path]:
    """Write ``OUTDIR/rashomon.db`` (the SQLite store) and return ``{"db": path}``."""
    from rashomon.store import write_sqlite

    return {"db": write_sqlite(event, outdir / DB_NAME)}


def report_writer(event: EventDoc, outdir: Path) -> dict[str, Path]:
    """Write ``OUTDIR/report.html`` and return ``{"report": path}``."""
    return {"report": write_report(event, outdir / REPORT_NAME)}


def output_writers() -> list[Callable[[EventDoc, Path], dict[str, Path]]]:
    """The writers for ``api._OUTPUT_WRITERS``: the SQLite store, then the HTML report."""
    return [sqlite_writer, report_writer]


def report_from_store(
    db: Path, output: Path, *, event: str | None = None, template_dir: Path | None = None
) -> Path:
    """Render the report of one stored event (what ``rashomon report DB -o FILE`` runs).

    Args:
        db: a store file, or an analysis folder holding ``rashomon.db``.
        output: the HTML file to write.
        event: the event's id or name (default: the most recently written event).
        template_dir: optional folder with templates overriding the built-in ones.

    Raises:
        StoreError: no store there, or no such event in it.
    """
    from rashomon.store import open_store, read_event

    path = db / DB_NAME if db.is_dir() else db
    conn = open_store(path, readonly=True)
    try:
        doc = read_event(conn, event)
    finally:
        conn.close()
    return write_report(doc, output, template_dir=template_dir)
