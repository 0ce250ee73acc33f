"""Corpus-level fuzz run (n=300, cheap stages for the bulk): no crash, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.config import Limits
from rashomon.fuzz import FuzzReport, format_fuzz_report, run_fuzz


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> FuzzReport:
    workdir: Path = tmp_path_factory.mktemp("fuzz")
    # Smaller caps make the bombs smaller (they are sized from the cap) and the checks quicker;
    # the 50 MB line stays 50 MB. Only the good articles go through spaCy.
    limits = Limits(max_file_bytes=4 << 20, max_decompressed_bytes=24 << 20)
    return run_fuzz(300, seed=1, workdir=workdir, full_sample=0, limits=limits)


@pytest.mark.model
def test_fuzz_inputs_tried(report: FuzzReport) -> None:
    assert report.bad_inputs >= 300
    # The 20 invented good articles, plus the good inputs of the robustness classes (odd file
    # names, DOCTYPE feeds, good PDF/DOCX) that must come out analysed too.
    assert report.kinds["good"] == 20 and report.good_articles > 20
    # Every kind of bad input was generated.
    for kind in ("truncated_html", "wrong_encoding", "nul_bytes", "deep_html", "empty_file",
                 "binary_junk", "malformed_json", "lone_surrogates", "control_chars",
                 "rtl_override", "script_payload", "compression_bomb", "long_line_50mb",
                 "symlink_loop", "vanished", "bad_warc", "bad_gzip",
                 # the robustness classes: odd file names, one enormous line, archives cut
                 # short, broken WARC framing, DOCTYPE feeds, links out of the folder, documents
                 "odd_name", "letter_run", "truncated_archive", "broken_warc_record",
                 "doctype_feed", "symlink_out"):
        assert report.kinds[kind] > 0, kind
    assert any(k.startswith("document_") for k in report.kinds), report.kinds


@pytest.mark.model
def test_fuzz_no_crash_no_loss(report: FuzzReport) -> None:
    text = format_fuzz_report(report)
    assert report.crashes == [], text
    assert report.lost == [], text
    assert report.span_errors == [], text
    assert report.leaks == [], text
    assert report.reported > 0 and report.read_as_articles > 0


@pytest.mark.model
def test_fuzz_each_bad_input_reported_once(report: FuzzReport) -> None:
    assert report.misreported == [], format_fuzz_report(report)


@pytest.mark.model
def test_fuzz_long_line_does_not_eat_memory(report: FuzzReport) -> None:
    # The 50 MB line is refused at the 4 MB line cap, never held whole.
    assert 0 < report.long_line_peak_mb < 16
