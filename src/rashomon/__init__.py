"""rashomon: many news reports of one event, compared claim by claim, with evidence."""

from __future__ import annotations

from .api import AnalysisResult, analyze, build_event, load_docs, write_json
from .config import Limits, PipelineConfig, StageConfig
from .errors import (
    ConfigError,
    IngestError,
    MissingExtraError,
    ModelError,
    RashomonError,
    StageError,
    StoreError,
)
from .model import Article, ArticleDoc, EventDoc, Failure, Span
from .pipeline import Pipeline
from .registry import registry

__all__ = [
    "AnalysisResult",
    "Article",
    "ArticleDoc",
    "ConfigError",
    "EventDoc",
    "Failure",
    "IngestError",
    "Limits",
    "MissingExtraError",
    "ModelError",
    "Pipeline",
    "PipelineConfig",
    "RashomonError",
    "Span",
    "StageConfig",
    "StageError",
    "StoreError",
    "analyze",
    "build_event",
    "load_docs",
    "registry",
    "write_json",
]
