"""Shared fixtures. Tests may read ../shared (beside the checkout) but never copy it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RASHOMON_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder; required on CI, skipped locally when absent."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared data folder missing on CI: {SHARED}")
        pytest.skip(f"shared data folder not found: {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def crocus_dir(shared_dir: Path) -> Path:
    """The real example event: five scraped reports."""
    return shared_dir / "corpus" / "crocus"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The bundled, invented example event."""
    return REPO / "examples"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The pinned spaCy pipeline, loaded once per test session."""
    from rashomon.nlp.pipelines import load_pipeline

    return load_pipeline()
