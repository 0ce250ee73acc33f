"""The HTML report (one self-contained file) and the output writers ``analyze`` calls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..model import EventDoc
from .render import render_report, write_report

__all__ = ["output_writers", "render_report", "report_writer", "sqlite_writer", "write_report"]

REPORT_NAME = "report.html"
DB_NAME = "rashomon.db"


def sqlite_writer(event: EventDoc, outdir: Path) -> dict[str, Path]:
    """Write ``OUTDIR/rashomon.db`` (the SQLite store) and return ``{"db": path}``."""
    from ..store import write_sqlite

    return {"db": write_sqlite(event, outdir / DB_NAME)}


def report_writer(event: EventDoc, outdir: Path) -> dict[str, Path]:
    """Write ``OUTDIR/report.html`` and return ``{"report": path}``."""
    return {"report": write_report(event, outdir / REPORT_NAME)}


def output_writers() -> list[Callable[[EventDoc, Path], dict[str, Path]]]:
    """The writers for ``api._OUTPUT_WRITERS``: the SQLite store, then the HTML report."""
    return [sqlite_writer, report_writer]
