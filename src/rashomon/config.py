"""Pipeline settings: which stages run, in which order, with which options.

A TOML file overrides the defaults::

    [[stages]]
    name = "nlp.spacy.v1"
    options = { model = "en_core_web_md" }

Plain dataclasses and ``tomllib`` stand in for pydantic here: the settings are a short list of
names and options, and the stage factories validate their own keyword arguments.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class StageConfig:
    """One stage: its registered name and keyword options for its factory."""

    name: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on input, each reported clearly when hit."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_article_chars: int = 2_000_000
    max_articles: int = 100_000
    max_html_depth: int = 400
    max_decompressed_bytes: int = 200 * 1024 * 1024
    # Symbolic links inside an input folder that lead outside it are refused unless True.
    follow_symlinks: bool = False
    # Seconds one article may spend in the article stages (an event stage gets this much per
    # article of its event); an article over it is reported and skipped. None: no limit.
    max_article_seconds: float | None = 30.0


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """The stages to run."""

    stages: tuple[StageConfig, ...]

    @classmethod
    def default(cls) -> PipelineConfig:
        """The built-in pipeline: every registered default stage with default options."""
        from . import stages as _stages  # noqa: F401  (registers the built-in stages)

        return cls(tuple(StageConfig(n) for n in _stages.DEFAULT_PIPELINE))

    @classmethod
    def from_toml(cls, path: Path) -> PipelineConfig:
        """Read a pipeline from a TOML file with a ``[[stages]]`` array.

        Raises:
            ConfigError: unreadable file, bad TOML or a stage without a name.
        """
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read pipeline config: {exc}") from exc
        raw = data.get("stages")
        if raw is None:
            return cls.default()
        if not isinstance(raw, list):
            raise ConfigError(f"{path}: 'stages' must be an array of tables")
        out = []
        for i, item in enumerate(raw):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise ConfigError(f"{path}: stages[{i}] needs a string 'name'")
            opts = item.get("options", {})
            if not isinstance(opts, dict):
                raise ConfigError(f"{path}: stages[{i}].options must be a table")
            out.append(StageConfig(item["name"], dict(opts)))
        return cls(tuple(out))
