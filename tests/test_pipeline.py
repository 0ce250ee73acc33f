"""Pipeline construction, order checks and error policies, with real registered stages."""

from __future__ import annotations

from dataclasses import replace

import pytest

from builders import article_doc
from rashomon.config import PipelineConfig, StageConfig
from rashomon.errors import ConfigError, StageError
from rashomon.model import ArticleDoc, Failure
from rashomon.pipeline import BuiltStage, Pipeline, check_order
from rashomon.registry import Registry, StageInfo, registry


def _doc(text: str) -> ArticleDoc:
    return article_doc(text, source=f"{text[:5]}.txt")


def test_unknown_stage_names_the_registered_ones() -> None:
    with pytest.raises(ConfigError, match="unknown stage 'nope.v1'"):
        Pipeline.from_config(PipelineConfig((StageConfig("nope.v1"),)))


def test_missing_layer_is_reported_with_the_stage_to_add() -> None:
    local = Registry()

    @local.article_stage("b.v1", requires={"sentences"}, produces={"b"})
    def make_b() -> object:
        return lambda d: d

    with pytest.raises(ConfigError, match="stage 'b.v1' requires layer 'sentences'"):
        check_order([local.get("b.v1")])


def _info(factory: object, requires: set[str]) -> StageInfo:
    return StageInfo("b.v1", "article", factory, frozenset(requires), frozenset({"b"}), "")  # type: ignore[arg-type]


def test_default_pipeline_order_is_valid() -> None:
    config = PipelineConfig.default()
    check_order([registry.get(s.name) for s in config.stages])


def test_failing_doc_is_recorded_and_others_go_on() -> None:
    def stage(doc: ArticleDoc) -> ArticleDoc:
        if "boom" in doc.text:
            raise ValueError("cannot parse")
        return replace(doc, duplicate_of="seen")

    built = Pipeline([BuiltStage(info=_info(lambda: stage, set()), stage=stage)], [])
    out = list(built.map_articles([_doc("fine text"), _doc("boom text"), _doc("more")],
                                  on_error="record"))
    good = [d for d in out if isinstance(d, ArticleDoc)]
    bad = [f for f in out if isinstance(f, Failure)]
    assert [d.text for d in good] == ["fine text", "more"]
    assert all(d.duplicate_of == "seen" for d in good)
    assert len(bad) == 1 and "cannot parse" in bad[0].reason and bad[0].source == "boom .txt"
    with pytest.raises(StageError, match="cannot parse"):
        list(built.map_articles([_doc("boom")], on_error="raise"))
