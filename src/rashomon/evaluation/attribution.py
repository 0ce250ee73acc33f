"""Score the attribution extractor against brat standoff annotations in PolNeAR's format.

Gold: ``*.ann`` files with ``Source``, ``Cue`` and ``Content`` text-bound annotations (possibly
discontinuous, ``start end;start end``), linked by ``Attribution`` events. We run spaCy on the
whole raw text (no cleaning), extract attributions and compare spans per type.

Matching:

* **exact**: a predicted span matches a gold span of the same type when both have the same
  start and end after trimming whitespace and edge punctuation other than quote marks (a
  span of punctuation only, a colon or dash cue, keeps its punctuation).
* **overlap**: a predicted span matches a gold span of the same type when they share at least
  one character. Matching is one-to-one: candidate pairs are taken greedily by overlap size
  (largest first), and each gold and each predicted span is used at most once.

A discontinuous gold span is scored as its covering span (first start to last end). Predicted
spans are de-duplicated per type (a continued quote repeats its speaker's span), and a quote
that continues the previous attribution on the same line (``"A," he said. "B."``) is merged
into that attribution's content, as brat annotates it as one discontinuous span. PolNeAR is
*univocal* (each token belongs to at most one attribution), so attributions nested inside
another attribution's content are not scored. Precision = matched predictions / predictions,
recall = matched gold / gold.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from rashomon.extract.article.attributions import attributions_from_doc, iter_outermost
from rashomon.extract.article.attributions.learned import CueTagger
from rashomon.model import Span

__all__ = [
    "SPAN_TYPES",
    "AttributionReport",
    "GoldAttribution",
    "SpanScores",
    "evaluate_attribution",
    "format_attribution_report",
    "annotated_pairs",
    "match_spans",
    "predicted_spans",
    "read_brat_attributions",
    "read_brat_triples",
    "trim_span",
]

SPAN_TYPES = ("source", "cue", "content")
_EDGE = " \t\r\n,.;:!?-–—"  # noqa: RUF001 (dashes are edge punctuation too)


@dataclass(frozen=True, slots=True, kw_only=True)
class SpanScores:
    """Counts and scores for one span type under one matching mode."""

    gold: int
    predicted: int
    matched_gold: int
    matched_predicted: int

    @property
    def precision(self) -> float:
        """Matched predictions over predictions."""
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched gold spans over gold spans."""
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class AttributionReport:
    """Scores per span type (``source``, ``cue``, ``content``) and mode (exact, overlap)."""

    documents: int
    exact: dict[str, SpanScores] = field(default_factory=dict)
    overlap: dict[str, SpanScores] = field(default_factory=dict)
    directory: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldAttribution:
    """One annotated attribution: its spans (covering spans of discontinuous ones)."""

    content: Span
    cue: Span | None = None
    source: Span | None = None


@dataclass(frozen=True, slots=True)
class _Pair:
    text: Path
    ann: Path


def annotated_pairs(directory: Path) -> list[tuple[Path, Path]]:
    """``(text file, annotation file)`` pairs of a brat split, in file-name order.

    The same pairing the scorer uses: ``DIR/text`` with ``DIR/attributions`` (PolNeAR, first
    annotator in name order), or ``.txt`` and ``.ann`` files side by side.
    """
    return [(p.text, p.ann) for p in _pairs(Path(directory))]


def _pairs(directory: Path) -> list[_Pair]:
    """Text/annotation pairs: ``DIR/text`` + ``DIR/attributions``, or side by side."""
    text_dir = directory / "text"
    ann_dir = directory / "attributions"
    if text_dir.is_dir() and ann_dir.is_dir():
        anns = sorted(ann_dir.glob("*.ann"))
        pairs = []
        for txt in sorted(text_dir.glob("*.txt")):
            # PolNeAR names annotation files <article>_<annotator>.ann; a few articles have
            # several annotators: take the first in name order, deterministically.
            match = [a for a in anns if a.stem == txt.stem or a.stem.rsplit("_", 1)[0] == txt.stem]
            if match:
                pairs.append(_Pair(txt, match[0]))
        return pairs
    out = []
    for txt in sorted(directory.glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if ann.is_file():
            out.append(_Pair(txt, ann))
    return out


def read_brat_attributions(path: Path) -> dict[str, list[Span]]:
    """Read the Source, Cue and Content spans of a brat ``.ann`` file.

    Args:
        path: the ``.ann`` file.

    Returns:
        ``{"source": [...], "cue": [...], "content": [...]}``; discontinuous spans are given
        as their covering span.

    Raises:
        ValueError: a line cannot be parsed.
    """
    out: dict[str, list[Span]] = {t: [] for t in SPAN_TYPES}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        # Lines not starting "T<n><tab>" are relations, notes, or the continuation of an
        # annotation's text that contained a line break.
        if len(parts) < 2 or parts[0][:1] != "T" or not parts[0][1:].isdigit():
            continue
        label, _, ranges = parts[1].partition(" ")
        key = label.lower()
        if key not in out:
            continue
        try:
            frags = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
            out[key].append(Span(min(f[0] for f in frags), max(f[1] for f in frags)))
        except (ValueError, IndexError) as exc:
            raise ValueError(f"{path}:{lineno}: bad offsets {ranges!r}") from exc
    return out


def read_brat_triples(path: Path) -> list[GoldAttribution]:
    """Read the attributions of a brat ``.ann`` file as linked source-cue-content triples.

    Args:
        path: the ``.ann`` file.

    Returns:
        One record per ``Attribution`` event that has a content (its first ``Content`` role;
        discontinuous spans as covering spans), in file order.

    Raises:
        ValueError: a line cannot be parsed.
    """
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0][:1] == "T" and parts[0][1:].isdigit():
            ranges = parts[1].partition(" ")[2]
            try:
                frags = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
                spans[parts[0]] = Span(min(f[0] for f in frags), max(f[1] for f in frags))
            except (ValueError, IndexError) as exc:
                raise ValueError(f"{path}:{lineno}: bad offsets {ranges!r}") from exc
        elif len(parts) >= 2 and parts[0][:1] == "E":
            roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
            events.append({k.lower(): v for k, v in roles.items()})
    out = []
    for roles in events:
        content = spans.get(roles.get("content", ""))
        if content is None:
            continue
        out.append(
            GoldAttribution(
                content=content,
                cue=spans.get(roles.get("cue", "")),
                source=spans.get(roles.get("source", "")),
            )
        )
    return out


def trim_span(span: Span, text: str) -> Span:
    """``span`` without edge whitespace and punctuation (quote marks kept), as scored.

    A span of punctuation only (a colon or dash cue: ``WALLACE: ...``) keeps its punctuation,
    without whitespace: trimmed to nothing it could never overlap the span it matches.
    """
    start, end = span.start, span.end
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if start == end:
        start, end = span.start, span.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return Span(start, end)


def match_spans(gold: Sequence[Span], predicted: Sequence[Span]) -> int:
    """Count one-to-one overlap matches, greedy by overlap size (largest first).

    Args:
        gold: gold spans of one type.
        predicted: predicted spans of the same type.

    Returns:
        The number of matched pairs.
    """
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            size = min(g.end, p.end) - max(g.start, p.start)
            if size > 0:
                pairs.append((size, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _size, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
    return len(used_g)


def _predicted(text: str, nlp: object) -> dict[str, list[Span]]:
    return predicted_spans(nlp(text), text)  # type: ignore[operator]


def predicted_spans(
    doc: Doc, text: str, *, learned: bool = True, tagger: CueTagger | None = None
) -> dict[str, list[Span]]:
    """The spans the extractor predicts for one parsed text, as the scorer compares them.

    Args:
        doc: the parsed text.
        text: the text.
        learned: use the learned tagger and filter (``attributions.learned``).
        tagger: the learned models (default: the shipped ones).

    Returns:
        Sorted, de-duplicated spans per type (continued quotes merged into one content).
    """
    out: dict[str, list[Span]] = {t: [] for t in SPAN_TYPES}
    prev: Span | None = None  # content of the previous cued attribution
    prev_end = 0
    found = attributions_from_doc(doc, text=text, learned=learned, tagger=tagger)
    for a in iter_outermost(found):
        if a.cue is None and prev is not None and _continues(text, prev_end, a.content):
            # '"A," he said. "B."' is one attribution with a discontinuous content in brat.
            merged = Span(prev.start, a.content.end)
            out["content"][-1] = merged
            prev, prev_end = merged, a.content.end
            continue
        # A continued quote repeats its speaker's span; it is not a new source in the text.
        if a.speaker is not None and a.cue is not None:
            out["source"].append(a.speaker)
        if a.cue is not None:
            out["cue"].append(a.cue)
        out["content"].append(a.content)
        prev, prev_end = a.content, a.span.end
    return {k: sorted(set(v), key=lambda s: (s.start, s.end)) for k, v in out.items()}


def _continues(text: str, end: int, content: Span) -> bool:
    """Whether ``content`` follows right after an attribution ending at ``end`` (same line)."""
    if content.start < end:
        return False
    gap = text[end : content.start]
    return "\n" not in gap and not gap.strip(" \t.,;:")


def _score(
    docs: Iterable[tuple[str, dict[str, list[Span]], dict[str, list[Span]]]],
) -> tuple[dict[str, SpanScores], dict[str, SpanScores], int]:
    counts = {
        mode: {t: [0, 0, 0] for t in SPAN_TYPES} for mode in ("exact", "overlap")
    }  # gold, predicted, matched
    n = 0
    for text, gold, pred in docs:
        n += 1
        for t in SPAN_TYPES:
            g = [trim_span(s, text) for s in gold[t]]
            p = [trim_span(s, text) for s in pred[t]]
            exact = len({(s.start, s.end) for s in g} & {(s.start, s.end) for s in p})
            over = match_spans(g, p)
            for mode, m in (("exact", exact), ("overlap", over)):
                c = counts[mode][t]
                c[0] += len(g)
                c[1] += len(p)
                c[2] += m
    res = {
        mode: {
            t: SpanScores(gold=c[0], predicted=c[1], matched_gold=c[2], matched_predicted=c[2])
            for t, c in per.items()
        }
        for mode, per in counts.items()
    }
    return res["exact"], res["overlap"], n


def evaluate_attribution(
    directory: Path, *, limit: int | None = None, model: str | None = None
) -> AttributionReport:
    """Run the attribution extractor over a brat directory and score it per span type.

    Args:
        directory: a split folder holding ``text/`` and ``attributions/`` (PolNeAR), or a
            folder with ``.txt`` and ``.ann`` files side by side.
        limit: score only the first ``limit`` articles (in file-name order).
        model: spaCy pipeline package name (default: rashomon's pinned pipeline).

    Returns:
        The report.

    Raises:
        ValueError: no annotated texts were found under ``directory``.
    """
    from rashomon.nlp.pipelines import load_pipeline

    pairs = _pairs(Path(directory))
    if not pairs:
        raise ValueError(
            f"{directory}: no annotated texts found (expected text/ and attributions/, "
            f"or .txt files with .ann files beside them)"
        )
    if limit is not None:
        pairs = pairs[:limit]
    from rashomon.nlp.shims import with_line_sentences

    # The same pipeline as nlp.spacy.v1 (sentences start after line breaks).
    nlp = with_line_sentences(load_pipeline(model) if model else load_pipeline())

    def docs() -> Iterator[tuple[str, dict[str, list[Span]], dict[str, list[Span]]]]:
        for pair in pairs:
            text = pair.text.read_text(encoding="utf-8")
            yield text, read_brat_attributions(pair.ann), _predicted(text, nlp)

    exact, overlap, n = _score(docs())
    return AttributionReport(documents=n, exact=exact, overlap=overlap, directory=str(directory))


def format_attribution_report(report: AttributionReport) -> str:
    """Render a report as a plain-text table (one row per span type and mode)."""
    lines = [
        f"attribution spans: {report.documents} documents"
        + (f" from {report.directory}" if report.directory else ""),
        f"{'span':<8} {'mode':<8} {'gold':>6} {'pred':>6} {'match':>6} "
        f"{'P':>6} {'R':>6} {'F1':>6}",
    ]
    for t in SPAN_TYPES:
        for mode, table in (("exact", report.exact), ("overlap", report.overlap)):
            s = table[t]
            lines.append(
                f"{t:<8} {mode:<8} {s.gold:>6} {s.predicted:>6} {s.matched_gold:>6} "
                f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
            )
    lines.append(
        "overlap: >= 1 shared character, one-to-one, greedy by overlap size; "
        "exact: same trimmed offsets"
    )
    return "\n".join(lines)

