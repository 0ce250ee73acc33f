"""Turn files, folders and URLs into articles. (Minimal placeholder: plain .txt files only.)"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Limits
from ..model import Article, Failure


def iter_articles(
    sources: Iterable[str | Path], *, limits: Limits | None = None
) -> Iterator[Article | Failure]:
    """Yield an :class:`Article` per readable text file, a :class:`Failure` per bad input."""
    for src in sources:
        path = Path(src)
        files = sorted(p for p in path.rglob("*.txt")) if path.is_dir() else [path]
        for f in files:
            try:
                text = f.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                yield Failure(source=str(f), reason=str(exc))
                continue
            yield Article(id=Article.make_id(text), source=str(f), text=text)
