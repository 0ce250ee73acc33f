"""Events built from sentences we write, through the whole default pipeline (real parses)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rashomon.model import EventDoc

Analyse = Callable[..., EventDoc]


@pytest.fixture(scope="session")
def analyse(tmp_path_factory: pytest.TempPathFactory) -> Analyse:
    """``analyse((outlet, text), ...)``: the analysed event of these articles (cached)."""
    from rashomon.api import build_event

    cache: dict[tuple[tuple[str, str], ...], EventDoc] = {}

    def run(*articles: tuple[str, str]) -> EventDoc:
        if articles not in cache:
            folder: Path = tmp_path_factory.mktemp("event")
            lines = [json.dumps({"text": text, "outlet": outlet, "title": text.split(".")[0],
                                 "published": "2031-05-02"}) for outlet, text in articles]
            (folder / "event.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            cache[articles] = build_event([folder / "event.jsonl"])
        return cache[articles]

    return run
