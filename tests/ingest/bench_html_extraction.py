"""Measure HTML main-text extraction on ../shared/data/cleaning-dev (not a test; run by hand).

    .venv/bin/python tests/ingest/bench_html_extraction.py [../shared/data/cleaning-dev]

Prints the share of pages read, of expected ("with") segments found in Article.text and of
boilerplate ("without") segments left out, as trafilatura's own evaluation counts them.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from rashomon.config import Limits
from rashomon.errors import IngestError
from rashomon.ingest.html import article_from_html


def main(folder: Path) -> None:
    """Run the benchmark over every page listed in ``segments.json``."""
    cases = json.loads((folder / "segments.json").read_text(encoding="utf-8"))
    limits = Limits()
    found = expected = leaked = boiler = read = 0
    failures: list[str] = []
    start = time.perf_counter()
    for url, case in cases.items():
        data = (folder / "html" / case["file"]).read_bytes()
        try:
            text = article_from_html(data, source=case["file"], limits=limits, url=url).text
            read += 1
        except IngestError as exc:
            failures.append(f"{case['file']}: {exc.reason}")
            text = ""
        flat = " ".join(text.split())
        for seg in case["with"]:
            expected += 1
            found += " ".join(seg.split()) in flat
        for seg in case["without"]:
            boiler += 1
            leaked += " ".join(seg.split()) in flat
    took = time.perf_counter() - start
    print(f"pages read:             {read}/{len(cases)}")
    print(f"'with' segments found:  {found}/{expected} = {found / expected:.3f}")
    print(f"'without' left out:     {boiler - leaked}/{boiler} = {1 - leaked / boiler:.3f}")
    print(f"time: {took:.1f} s ({1000 * took / len(cases):.0f} ms/page)")
    for line in failures:
        print("  failed:", line)


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parents[3] / "shared/data/cleaning-dev"
    )
