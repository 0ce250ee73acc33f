"""The bundled example's gold file stays true to the example texts it describes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EVENT = EXAMPLES / "kresny-dam-collapse"
GOLD = json.loads((EXAMPLES / "gold" / "kresny-dam-collapse.json").read_text(encoding="utf-8"))


def _source_text(item: dict[str, Any]) -> str:
    path = EVENT / item["file"]
    if "line" in item:
        line = path.read_text(encoding="utf-8").splitlines()[item["line"] - 1]
        return str(json.loads(line)["text"])
    return path.read_text(encoding="utf-8")


def _snippets() -> list[tuple[str, dict[str, Any], str]]:
    out = []
    for key, field in (("quotes", "content_snippet"), ("numbers", "text"), ("times", "text")):
        for item in GOLD[key]:
            out.append((key, item, item[field]))
    for dispute in GOLD["disputes"]:
        for side in dispute["sides"]:
            for ev in side["evidence"]:
                out.append(("disputes", ev, ev["snippet"]))
    return out


@pytest.mark.parametrize(("key", "item", "snippet"), _snippets())
def test_every_gold_snippet_is_in_its_source(key: str, item: dict[str, Any], snippet: str) -> None:
    assert snippet in _source_text(item), (key, item.get("file"), snippet)


def test_every_article_file_exists_and_the_manifest_is_partial() -> None:
    files = {a["file"] for a in GOLD["articles"]}
    assert all((EVENT / f).exists() for f in files)
    manifest = (EVENT / "sources.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert 0 < len(manifest) < len(GOLD["articles"])
