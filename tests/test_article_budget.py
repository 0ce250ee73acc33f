"""Pathological articles never stall a run: long single lines are analysed in seconds, and an
article over its time budget is reported (name and reason) and skipped, on every engine."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from rashomon.api import read_inputs
from rashomon.config import Limits, PipelineConfig
from rashomon.engines import get_engine
from rashomon.fuzz.corpus import one_line_prose
from rashomon.model import ArticleDoc, Failure

GOOD = (
    "Harbour fire in Velmora\n\nA warehouse fire in the port of Velmora burned for six hours on "
    "Tuesday, the fire service said. \u201cWe kept it from the fuel depot,\u201d said fire chief "
    "Ana Brill. About 40 workers were evacuated, according to the port authority.\n"
)


def _docs(folder: Path, files: dict[str, str]) -> list[ArticleDoc]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    got = read_inputs([folder], limits=Limits(max_article_chars=5_000_000))
    assert got.failures == []
    return got.docs


# The single lines of the issue: each was quadratic somewhere (a relay pattern, spaCy's
# tokenizer, a sentence-start shim, the attribution rules).
LINES = {
    "letters.txt": "A" * 100_000,
    "quotes.txt": "\u201c" * 100_000,
    "dashes.txt": "-" * 100_000,
    "dots.txt": "." * 100_000,
    "mixed.txt": "Ab" * 50_000,
}


@pytest.mark.model
def test_long_single_lines_are_analysed_within_seconds(tmp_path: Path) -> None:
    engine = get_engine("local", PipelineConfig.default(), budget=None)
    try:
        list(engine.map(_docs(tmp_path / "warm", {"warm.txt": GOOD})))  # models load here
        for name, line in LINES.items():
            [doc] = _docs(tmp_path / name, {name: "Headline\n\n" + line})
            start = time.perf_counter()
            [out] = list(engine.map([doc]))
            took = time.perf_counter() - start
            assert isinstance(out, ArticleDoc), out
            assert took < 5.0, f"{name}: {took:.1f} s"
    finally:
        engine.close()


@pytest.mark.model
@pytest.mark.parametrize("engine_name", ["local", "process", "ray"])
def test_article_over_its_time_budget_is_reported_and_skipped(
    tmp_path: Path, engine_name: str
) -> None:
    if engine_name == "ray":
        pytest.importorskip("ray")
    budget = 3.0
    engine = get_engine(engine_name, PipelineConfig.default(), workers=1, budget=budget)
    try:
        list(engine.map(_docs(tmp_path / "warm", {"warm.txt": GOOD})))  # models load here
        # 400,000 characters of prose take the stages about a minute here: far over budget.
        docs = _docs(tmp_path / "in", {"a_long.txt": one_line_prose(400_000), "b_good.txt": GOOD})
        start = time.perf_counter()
        out = list(engine.map(docs))
        took = time.perf_counter() - start
    finally:
        engine.close()
    analysed = [Path(d.article.source).name for d in out if isinstance(d, ArticleDoc)]
    failed = [f for f in out if isinstance(f, Failure)]
    assert analysed == ["b_good.txt"]
    assert [Path(f.source).name for f in failed] == ["a_long.txt"]
    assert failed[0].reason.startswith(
        f"analysis took longer than the {budget:g} s allowed per article (stopped in stage ")
    assert "--max-article-seconds" in failed[0].reason
    # The slow stage was stopped, not waited for: well under the minute it would take.
    assert took < 8 * budget, f"{took:.1f} s"


@pytest.mark.model
def test_cli_flag_sets_the_budget(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from rashomon.cli import cli

    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "long.txt").write_text(one_line_prose(400_000), encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(src), "-o", str(tmp_path / "out"), "-q",
                                      "--json", "--max-article-seconds", "2",
                                      "--max-article-chars", "1000000"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["analysed"] == 1
    [error] = summary["errors"]
    assert Path(error["source"]).name == "long.txt"
    assert "2 s allowed per article" in error["reason"]


@pytest.mark.parametrize(
    ("text", "most", "expected"),
    [
        ("One. Two. Three.", 100, ["One. Two. Three."]),
        ("First sentence here. Second one. Third", 24,
         ["First sentence here. ", "Second one. Third"]),
        ("no stops at all just words here", 12, ["no stops at ", "all just ", "words here"]),
        ("A" * 25, 10, ["A" * 10, "A" * 10, "A" * 5]),
    ],
)
def test_long_blocks_are_parsed_in_pieces_cut_at_sentence_ends(
    text: str, most: int, expected: list[str]
) -> None:
    from rashomon.model import Span
    from rashomon.stages.nlp import pieces

    got = list(pieces(text, Span(0, len(text)), most))
    assert [s.of(text) for s in got] == expected
    assert "".join(s.of(text) for s in got) == text  # nothing lost, nothing repeated
