"""Markdown and CSV exports of analysis.json: citations, escaping, joinable tables."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rashomon.api import write_json
from rashomon.outputs.export import ExportError, csv_safe, export, md_escape
from sample_event import HOSTILE_CLAIM, hostile_event, sample_event

CAR_DECK = ("Bluewake Lines said the fire started on the car deck, where a passenger's van "
            "caught fire.")


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    write_json(sample_event(), tmp_path / "analysis.json")
    return tmp_path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_markdown_cites_outlet_and_sentence(outdir: Path) -> None:
    [path] = export(outdir, "md")
    md = path.read_text(encoding="utf-8")
    assert path == outdir / "findings.md"
    assert md.startswith("# Ferry Aurelia fire (invented sample)\n")
    disputes = md.split("## Disputes")[1].split("## Numbers")[0]
    assert "### 1. Where did the fire start?" in disputes
    assert f"*Tamsel Gazette*: “{md_escape(CAR_DECK)}”" in disputes
    assert "(held by Bluewake Lines; reported by Tamsel Gazette)" in disputes
    # A short evidence span ("At least 12") is cited as its whole sentence.
    numbers = md.split("## Numbers")[1].split("## Timeline")[0]
    assert "| at least 12 |" in numbers
    assert "“At least 12 people died when the ferry Aurelia caught fire" in numbers
    brief = md.split("## Brief")[1].split("## Disputes")[0]
    assert brief.index("What the outlets agree on") < brief.index("Where they disagree")
    assert "- Divers resume the search on Wednesday." in brief


def test_markdown_neutralises_hostile_text(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    write_json(hostile_event(), tmp_path / "analysis.json")
    md = export(tmp_path, "md")[0].read_text(encoding="utf-8")
    # Rendered with raw HTML allowed, nothing from the articles becomes a tag.
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).render(md)
    for tag in ("<script", "<img", "<svg"):
        assert tag not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert HOSTILE_CLAIM in html


def test_csv_one_file_per_table_with_exact_text(outdir: Path) -> None:
    paths = export(outdir, "csv")
    names = {p.stem for p in paths}
    assert {"articles", "sentences", "attributions", "quantities", "claims", "coverage",
            "disputes", "disputes_sides", "disputes_sides_evidence", "numbers_values",
            "timeline", "brief", "brief_citations", "errors"} <= names
    assert all(p.parent == outdir / "csv" for p in paths)
    articles = {r["id"]: r for r in _rows(outdir / "csv" / "articles.csv")}
    assert "text" not in next(iter(articles.values()))  # long texts stay in the store
    evidence = _rows(outdir / "csv" / "disputes_sides_evidence.csv")
    sides = _rows(outdir / "csv" / "disputes_sides.csv")
    disputes = {r["id"]: r for r in _rows(outdir / "csv" / "disputes.csv")}
    car = next(r for r in evidence if r["text"] == CAR_DECK)
    assert car["outlet"] == "Tamsel Gazette" and car["article"] in articles
    # Rows join back to their side and dispute through the parent columns.
    side = next(s for s in sides if s["dispute_id"] == car["dispute_id"]
                and s["disputes_side_index"] == car["disputes_side_index"])
    assert side["position"] == "On the car deck, in a passenger's van"
    assert disputes[car["dispute_id"]]["question"] == "Where did the fire start?"
    coverage = _rows(outdir / "csv" / "coverage.csv")
    assert {"outlet", "group", "state"} == set(coverage[0])
    assert len(coverage) == 12


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    write_json(hostile_event(), tmp_path / "analysis.json")
    assert csv_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert csv_safe("-2+3") == "'-2+3" and csv_safe(-2.5) == -2.5 and csv_safe("ok") == "ok"
    for path in export(tmp_path, "csv"):
        for row in _rows(path) if path.stat().st_size else []:
            for value in row.values():
                assert not (value or "x").startswith(("=", "+", "-", "@")), (path.name, value)
    errors = _rows(tmp_path / "csv" / "errors.csv")
    assert errors[-1]["source"] == "'=HYPERLINK(\"http://example.invalid\")"


def test_missing_analysis_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="not found .*rashomon analyze"):
        export(tmp_path, "md")
    (tmp_path / "analysis.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ExportError, match="cannot read it as JSON"):
        export(tmp_path, "csv")
    write_json(sample_event(), tmp_path / "analysis.json")
    with pytest.raises(ValueError, match="unknown export format"):
        export(tmp_path, "xlsx")  # type: ignore[arg-type]
