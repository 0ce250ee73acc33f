"""The local, process and ray engines give identical analyses of the same input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.api import analyze
from rashomon.engines import get_engine
from rashomon.errors import ConfigError


def _analysis(examples_dir: Path, tmp_path: Path, engine: str) -> dict[str, object]:
    result = analyze(
        [examples_dir / "kresny-dam-collapse"], tmp_path / engine, engine=engine, workers=2
    )
    data: dict[str, object] = json.loads(result.files["json"].read_text(encoding="utf-8"))
    return data


@pytest.mark.model
@pytest.mark.slow
def test_engines_agree(examples_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray")
    local = _analysis(examples_dir, tmp_path, "local")
    assert local["articles"], "nothing analysed"
    for engine in ("process", "ray"):
        other = _analysis(examples_dir, tmp_path, engine)
        assert other == local, f"{engine} differs from local"


def test_unknown_engine_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        get_engine("spark")
