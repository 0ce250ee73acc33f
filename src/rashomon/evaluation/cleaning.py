"""Boilerplate-cleaning evaluation on the cleaning-dev pages (trafilatura's evaluation set).

Each page in ``<shared>/data/cleaning-dev`` comes with text segments that must appear in the
main text (``with``) and boilerplate segments that must not (``without``). Two paths are scored:

* **plain text**: the page dumped as a scraper that keeps every visible line would dump it
  (:func:`render_lines`: block elements become line breaks, scripts, styles and hidden
  elements are dropped, menus, cookie banners, related links and footers stay), then cleaned
  by :func:`rashomon.extract.article.boilerplate.classify_lines`; the kept text is the lines not
  marked as boilerplate.
* **HTML**: the page ingested as HTML (trafilatura extraction, ``article_from_html``) and then
  cleaned by the ``clean.lines.v1`` stage as the pipeline runs it; the kept text is
  ``Article.text`` minus the marked spans. trafilatura's extraction alone is scored as well.

Scores are segment-level, as trafilatura's own evaluation counts them: a ``with`` segment found
in the kept text (whitespace-normalised substring) is a true positive, one missing a false
negative; a ``without`` segment found in the kept text is a false positive. Precision, recall
and F1 are for keeping body text. On the plain-text path only segments that occur in the dump
are counted (a segment the dump lacks cannot be kept or dropped by the cleaner).

Two reference points on the plain-text path: keeping every line, and a line-length heuristic
(keep lines of at least :data:`LENGTH_HEURISTIC_CHARS` characters).

Pages are split by a hash of the file name into five folds (:func:`page_fold`); the bundled line
model is trained on folds 1-4 (``scripts/train_boilerplate.py``), so fold 0 is its held-out
part. Cross-validated figures (each fold scored by a model trained on the other four) come from
the training script's ``--cv`` option.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import html as lxml_html  # type: ignore[import-untyped]

from rashomon.extract.article.boilerplate import LineModel, classify_lines, load_model
from rashomon.model import ArticleDoc

__all__ = [
    "DEFAULT_DATA_DIR",
    "FOLDS",
    "LENGTH_HEURISTIC_CHARS",
    "CleaningPage",
    "SegmentCounts",
    "evaluate_html",
    "evaluate_plain",
    "format_counts",
    "load_pages",
    "page_fold",
    "render_lines",
]

FOLDS = 5
LENGTH_HEURISTIC_CHARS = 100
# The shared development data beside a source checkout.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[4] / "shared" / "data" / "cleaning-dev"

# fmt: off
_DROP = frozenset((
    "script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select",
    "canvas", "map", "audio", "video", "input", "textarea",
))
_BLOCK = frozenset((
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "nav", "aside", "main", "blockquote",
    "pre", "figure", "figcaption", "form", "dd", "dt", "dl", "hr", "address", "body", "center",
    "caption", "fieldset", "legend", "details", "summary", "menu", "option",
))
# fmt: on


def render_lines(raw: bytes) -> list[str]:
    """Render an HTML page to its visible lines, as a scraper that keeps everything would.

    Block elements start and end lines; scripts, styles, forms' inputs and hidden elements
    (``hidden`` attribute, ``display:none``) are dropped; whitespace inside a line is collapsed.

    Args:
        raw: the page's bytes.

    Returns:
        The non-empty lines in document order (empty when the page does not parse).
    """
    try:
        root = lxml_html.fromstring(raw)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    out: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        hidden = (
            tag in _DROP
            or el.get("hidden") is not None
            or "display:none" in (el.get("style") or "").replace(" ", "")
        )
        if tag and not hidden:
            block = tag.lower() in _BLOCK
            if block:
                out.append("\n")
            if el.text:
                out.append(el.text)
            for child in el:
                walk(child)
            if block:
                out.append("\n")
        if el.tail:
            out.append(el.tail)

    walk(root)
    lines = (" ".join(x.split()) for x in "".join(out).split("\n"))
    return [x for x in lines if x]


def page_fold(name: str) -> int:
    """The fold (0..4) of a page, fixed by a hash of its file name; fold 0 is held out."""
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % FOLDS


@dataclass(frozen=True, slots=True)
class CleaningPage:
    """One evaluation page: its file, gold segments, raw bytes and plain-text dump.

    ``comments`` are reader comments: not main text (the training script labels them
    boilerplate), but not scored, as in trafilatura's own evaluation.
    """

    file: str
    url: str
    with_: tuple[str, ...]
    without: tuple[str, ...]
    raw: bytes
    lines: tuple[str, ...]
    comments: tuple[str, ...] = ()

    @property
    def fold(self) -> int:
        """The page's cross-validation fold (:func:`page_fold`)."""
        return page_fold(self.file)


def load_pages(data: Path, *, folds: Iterable[int] | None = None) -> list[CleaningPage]:
    """Read the cleaning-dev pages and dump each to plain text.

    Args:
        data: the ``cleaning-dev`` folder (``segments.json`` and ``html/``).
        folds: keep only pages of these folds (all when None).

    Returns:
        The pages, in ``segments.json`` order.
    """
    wanted = None if folds is None else set(folds)
    segments = json.loads((data / "segments.json").read_text(encoding="utf-8"))
    out: list[CleaningPage] = []
    for url, seg in segments.items():
        path = data / "html" / seg["file"]
        if not path.exists() or (wanted is not None and page_fold(path.name) not in wanted):
            continue
        raw = path.read_bytes()
        out.append(
            CleaningPage(
                file=path.name, url=url, with_=tuple(seg.get("with", ())),
                without=tuple(seg.get("without", ())), raw=raw, lines=tuple(render_lines(raw)),
                comments=tuple(seg.get("comments", ())),
            )
        )  # fmt: skip
    return out


# --------------------------------------------------------------------------------------------
# Scores


@dataclass(slots=True)
class SegmentCounts:
    """Segment counts of one path over many pages: kept body, lost body, kept boilerplate."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    pages: int = 0
    per_page: list[tuple[str, int, int, int]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of kept segments that are body text."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of body segments kept."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, name: str, kept: str, page: CleaningPage, present: str | None) -> None:
        """Count one page's segments against its kept text.

        Args:
            name: the page's file name (for the per-page listing).
            kept: the text the path keeps.
            page: the page with its gold segments.
            present: only segments found in this text count (None: all count).
        """
        flat = _flat(kept)
        where = _flat(present) if present is not None else None
        tp, fn = _kept_and_dropped(page.with_, flat, where)
        fp, tn = _kept_and_dropped(page.without, flat, where)
        self.tp, self.fn, self.fp, self.tn = (self.tp + tp, self.fn + fn, self.fp + fp,
                                              self.tn + tn)
        self.pages += 1
        self.per_page.append((name, tp, fn, fp))


def _kept_and_dropped(segments: Sequence[str], flat: str, where: str | None) -> tuple[int, int]:
    # How many of the segments that count (non-empty, and inside ``where`` when given) the
    # kept text holds, and how many it lacks.
    kept = dropped = 0
    for seg in segments:
        s = _flat(seg)
        if not s or (where is not None and s not in where):
            continue
        if s in flat:
            kept += 1
        else:
            dropped += 1
    return kept, dropped


def _flat(text: str) -> str:
    return " ".join(text.split())


def kept_plain(lines: Sequence[str], model: LineModel | None = None) -> str:
    """The text the plain-text cleaner keeps from a dumped page (lines joined by newlines)."""
    verdicts = classify_lines("\n".join(lines), model=model)
    return "\n".join(v.line.text for v in verdicts if v.reason is None)


def evaluate_plain(
    pages: Sequence[CleaningPage],
    *,
    model_for: Callable[[CleaningPage], LineModel] | None = None,
) -> dict[str, SegmentCounts]:
    """Score the plain-text path (and its two reference points) on dumped pages.

    Args:
        pages: the pages.
        model_for: the line model to clean each page with (cross-validation passes the model
            trained without the page's fold); the bundled model when None.

    Returns:
        ``{"cleaner": ..., "keep-all": ..., "length-heuristic": ...}`` segment counts.
    """
    out = {k: SegmentCounts() for k in ("cleaner", "keep-all", "length-heuristic")}
    for page in pages:
        dump = "\n".join(page.lines)
        model = model_for(page) if model_for is not None else load_model()
        out["cleaner"].add(page.file, kept_plain(page.lines, model), page, dump)
        out["keep-all"].add(page.file, dump, page, dump)
        long_lines = [x for x in page.lines if len(x) >= LENGTH_HEURISTIC_CHARS]
        out["length-heuristic"].add(page.file, "\n".join(long_lines), page, dump)
    return out


def evaluate_html(
    pages: Sequence[CleaningPage], *, model: LineModel | None = None
) -> dict[str, SegmentCounts]:
    """Score the HTML path: trafilatura's extraction alone, and after the clean stage.

    Args:
        pages: the pages.
        model: the line model the clean stage uses; the bundled model when None.

    Returns:
        ``{"trafilatura": ..., "trafilatura+cleaner": ...}`` segment counts.
    """
    from rashomon.config import Limits
    from rashomon.errors import IngestError
    from rashomon.ingest.html import article_from_html
    from rashomon.stages.clean import make_clean_stage

    stage: Callable[[ArticleDoc], ArticleDoc] = (
        make_clean_stage() if model is None else _stage_with(model)
    )
    limits = Limits()
    out = {k: SegmentCounts() for k in ("trafilatura", "trafilatura+cleaner")}
    for page in pages:
        try:
            art = article_from_html(page.raw, source=page.file, limits=limits, url=page.url)
        except IngestError:
            for counts in out.values():
                counts.add(page.file, "", page, None)
            continue
        doc = stage(ArticleDoc(article=art))
        marks = sorted((b.span for b in doc.boilerplate), key=lambda s: (s.start, s.end))
        out["trafilatura"].add(page.file, art.text, page, None)
        out["trafilatura+cleaner"].add(page.file, _without(art.text, marks), page, None)
    return out


def _stage_with(model: LineModel) -> Callable[[ArticleDoc], ArticleDoc]:
    # The clean stage as the pipeline builds it, but with another line model: the same
    # threshold rule (the extracted-text cut-off is never below the model's own).
    from rashomon.extract.article.boilerplate import find_boilerplate
    from rashomon.model import Boilerplate

    extracted = replace(model, threshold=max(model.threshold, 0.9), context=None)

    def stage(doc: ArticleDoc) -> ArticleDoc:
        marks = tuple(
            Boilerplate(article_id=doc.id, span=s, reason=r, score=round(sc, 4))
            for s, r, sc in find_boilerplate(doc.text, model=extracted, title=doc.article.title)
        )
        return replace(doc, boilerplate=marks)

    return stage


def _without(text: str, spans: Sequence[Any]) -> str:
    parts: list[str] = []
    pos = 0
    for span in spans:
        if span.start > pos:
            parts.append(text[pos : span.start])
        pos = max(pos, span.end)
        parts.append("\n")
    parts.append(text[pos:])
    return "".join(parts)


def format_counts(name: str, counts: SegmentCounts) -> str:
    """One report line: precision, recall, F1 and the raw counts."""
    c = counts
    return (
        f"  {name:<22} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}  "
        f"(body kept {c.tp}, body lost {c.fn}, junk kept {c.fp}, junk dropped {c.tn}; "
        f"{c.pages} pages)"
    )
