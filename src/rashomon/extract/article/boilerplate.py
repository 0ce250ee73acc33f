"""Mark scraped boilerplate in plain text: a learned line scorer plus structural rules."""

from __future__ import annotations

import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from rashomon.extract.article.furniture import MARKER_RE, RULES
from rashomon.extract.article.line_context import (
    CONTEXT_FEATURE_NAMES,
    ContextModel,
    context_features,
)
from rashomon.lexicon import words as lexicon_words
from rashomon.model import Span

__all__ = [
    "FEATURE_NAMES",
    "Line",
    "LineModel",
    "LineVerdict",
    "classify_lines",
    "content_words",
    "featurize",
    "find_boilerplate",
    "load_model",
    "rule_reason",
    "split_lines",
    "word_buckets",
    "wrapped_units",
]

MODEL_RESOURCE = "boilerplate_lines.json"
WORD_BUCKETS = 4096

# --------------------------------------------------------------------------------------------
# Lines


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty line of text: its position among non-empty lines and its stripped span."""

    index: int
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """The decision for one line: ``reason`` is None for body text."""

    line: Line
    reason: str | None
    score: float  # the learned probability that the line is boilerplate


def split_lines(text: str) -> list[Line]:
    """Split ``text`` into its non-empty lines, each with a span of its stripped characters.

    Args:
        text: the original article text (never modified).

    Returns:
        The non-empty lines in order; ``text[line.span.start:line.span.end] == line.text``.
    """
    out: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            out.append(Line(len(out), Span(start, start + len(stripped)), stripped))
        pos += len(raw)
    return out


# --------------------------------------------------------------------------------------------
# Features. Word lists are data: function words (lexicon/en/line_function_words.txt) and the
# web-chrome vocabulary (lexicon/en/web_chrome.txt), generic site furniture.

_STOP = lexicon_words("line_function_words")
_WORD_RE = re.compile(r"[^\W\d_][\w'’`-]*|\d[\d.,:/-]*", re.UNICODE)
_TERMINAL_RE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SENT_END_RE = re.compile(r"[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")
_MONTH_RE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_URLISH_RE = re.compile(r"https?://|www\.|@\w|\w\.(?:com|org|net|ru|uk|de)\b|©")
_SEPARATORS = "|•›»·/\\>"
# A line that trails off: a teaser or a link text cut to length ("Read the full story…").
_ELLIPSIS_RE = re.compile(r"(?:\.\.\.|…)\s*[\]\)»”\"']?$")

FEATURE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "terminal_punct",
    "sentence_ends",
    "stop_ratio",
    "capitalised_ratio",
    "upper_ratio",
    "digit_ratio",
    "punct_ratio",
    "chrome_hits",
    "chrome_ratio",
    "separators",
    "bullet_start",
    "date_like",
    "url_like",
    "repeated",
    "near_repeat",
    "position",
    "after_marker",
    "is_marker",
    "before_first_prose",
    "after_last_prose",
    "prev_log_chars",
    "next_log_chars",
    "prev_terminal",
    "next_terminal",
    "window_log_chars",
    "window_prose",
    "short_then_long",
    "question_end",
    "label_colon",
    "lowercase_start",
    "ellipsis_end",
)


def _words(line: str) -> list[str]:
    return _WORD_RE.findall(line)


def _is_prose(line: str) -> bool:
    """A line that reads like a running-text paragraph: long enough and ends a sentence."""
    return len(_words(line)) >= 12 and bool(_TERMINAL_RE.search(line))


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


_CONTENT_RE = re.compile(r"[^\W\d_]{3,}")


def content_words(line: str) -> frozenset[str]:
    """The line's content words: case-folded words of three or more letters, not function words."""
    return frozenset(w.casefold() for w in _CONTENT_RE.findall(line)) - _STOP


# How many distinct long lines (from the top) a line is compared with for near repeats.
_NEAR_REPEAT_LINES = 300


def _near_repeat(norm: str, counts: Counter[str], long_norms: Sequence[str]) -> float:
    """1.0 when a line seen once contains, or is contained in, another line of 20+ characters.
    A teaser cut short ("... no tolera ningún acto de violencia contra…") is a near repeat of
    its story's own headline or lead without the ellipsis."""
    cut = _ELLIPSIS_RE.sub("", norm)
    if len(cut) < 20 or counts[norm] != 1:
        return 0.0
    return float(any(o != norm and (o in cut or cut in o) for o in long_norms))


def featurize(lines: Sequence[str]) -> list[list[float]]:
    """Compute the feature vector of every line, using its neighbours as context.

    Args:
        lines: the non-empty, stripped lines of one document, in order.

    Returns:
        One list of floats per line, in the order of :data:`FEATURE_NAMES`.
    """
    n = len(lines)
    if n == 0:
        return []
    norms = [_norm(x) for x in lines]
    counts = Counter(norms)
    prose = [_is_prose(x) for x in lines]
    first_prose = next((i for i, p in enumerate(prose) if p), n)
    last_prose = max((i for i, p in enumerate(prose) if p), default=-1)
    markers = [bool(MARKER_RE.match(x)) for x in lines]
    first_marker = next((i for i, m in enumerate(markers) if m and i > first_prose), n)
    lengths = [math.log1p(len(x)) for x in lines]
    terminal = [bool(_TERMINAL_RE.search(x)) for x in lines]
    # A cut teaser repeats a headline or lead from the page's first long lines; comparing each
    # line with every other would cost the square of a long page's length.
    long_norms = [s for s in counts if len(s) >= 20][:_NEAR_REPEAT_LINES]
    chrome_words = lexicon_words("web_chrome")
    rows: list[list[float]] = []
    for i, line in enumerate(lines):
        words = _words(line)
        alpha = [w for w in words if w[0].isalpha()]
        nw = max(len(words), 1)
        na = max(len(alpha), 1)
        letters = [c for c in line if c.isalpha()]
        nl = max(len(letters), 1)
        nc = max(len(line), 1)
        lower = [w.casefold() for w in alpha]
        chrome = sum(1 for w in lower if w in chrome_words)
        norm = norms[i]
        near = _near_repeat(norm, counts, long_norms)
        lo, hi = max(0, i - 3), min(n, i + 4)
        window = [j for j in range(lo, hi) if j != i]
        rows.append(
            [
                lengths[i],
                math.log1p(len(words)),
                float(terminal[i]),
                min(len(_SENT_END_RE.findall(line)), 5) / 5,
                sum(1 for w in lower if w in _STOP) / na,
                sum(1 for w in alpha if w[0].isupper()) / na,
                sum(1 for c in letters if c.isupper()) / nl,
                sum(1 for c in line if c.isdigit()) / nc,
                sum(1 for c in line if not c.isalnum() and not c.isspace()) / nc,
                min(chrome, 3) / 3,
                chrome / nw,
                math.log1p(sum(line.count(c) for c in _SEPARATORS)),
                float(line[0] in "-–—•*·▪►"),
                float(bool(_MONTH_RE.search(line) or _YEAR_RE.search(line))),
                float(bool(_URLISH_RE.search(line))),
                float(counts[norm] > 1),
                near,
                i / max(n - 1, 1),
                float(i > first_marker),
                float(markers[i]),
                float(i < first_prose),
                float(i > last_prose),
                lengths[i - 1] if i > 0 else 0.0,
                lengths[i + 1] if i + 1 < n else 0.0,
                float(terminal[i - 1]) if i > 0 else 0.0,
                float(terminal[i + 1]) if i + 1 < n else 0.0,
                sum(lengths[j] for j in window) / max(len(window), 1),
                sum(1 for j in window if prose[j]) / max(len(window), 1),
                float(len(line) < 60 and i + 1 < n and len(lines[i + 1]) > 150),
                float(line.endswith("?")),
                float(":" in line[:25] and len(words) <= 12),
                float(line[0].islower()),
                float(bool(_ELLIPSIS_RE.search(line))),
            ]
        )
    return rows


# --------------------------------------------------------------------------------------------
# The learned model (logistic regression trained by scripts/train_boilerplate.py)


@dataclass(frozen=True, slots=True)
class LineModel:
    """A logistic-regression line scorer: P(boilerplate | features, words), then in context.

    The dense features are standardised; the line's words enter as hashed buckets (binary,
    L2-normalised), so the model learns site-furniture vocabulary in any language from data.
    When a ``context`` model is present, the first-pass scores of a whole page feed a second
    pass (:mod:`rashomon.extract.line_context`) whose probability and threshold are the final
    ones (:meth:`decide`); ``threshold`` is the first pass's own cut-off.
    """

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    word_coef: tuple[float, ...] = ()
    context: ContextModel | None = None

    def decide(self, lines: Sequence[str]) -> tuple[list[float], float]:
        """The boilerplate probability of every line of one page, and the cut-off to apply.

        Args:
            lines: the page's non-empty lines, in order.

        Returns:
            The second pass's probabilities and threshold when the model has a context pass
            and the page has at least its ``min_lines`` lines; else the first pass's.
        """
        rows = featurize(lines)
        first = [self.score(r, t) for r, t in zip(rows, lines, strict=True)]
        ctx_model = self.context
        if ctx_model is None or len(lines) < ctx_model.min_lines:
            return first, self.threshold
        ctx = context_features(first, [len(t) for t in lines], [content_words(t) for t in lines])
        return [
            p if p < ctx_model.keep_below else ctx_model.score(c + r)
            for p, c, r in zip(first, ctx, rows, strict=True)
        ], ctx_model.threshold

    def score(self, row: Sequence[float], line: str = "") -> float:
        """Return the probability that a line is boilerplate.

        Args:
            row: the line's feature vector (:func:`featurize`).
            line: the line's text, for the word buckets (ignored by a model without them).
        """
        z = self.intercept
        for x, m, s, c in zip(row, self.mean, self.scale, self.coef, strict=True):
            z += c * (x - m) / s
        if self.word_coef and line:
            buckets = word_buckets(line, len(self.word_coef))
            if buckets:
                z += sum(self.word_coef[b] for b in buckets) / math.sqrt(len(buckets))
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LineModel:
        """Build the model from the JSON written by the training script.

        Raises:
            ValueError: the stored feature names differ from :data:`FEATURE_NAMES` (retrain).
        """
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError(
                "boilerplate_lines.json was trained on other features; "
                "retrain with scripts/train_boilerplate.py"
            )
        context = data.get("context")
        return cls(
            mean=tuple(float(x) for x in data["mean"]),
            scale=tuple(float(x) for x in data["scale"]),
            coef=tuple(float(x) for x in data["coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            word_coef=tuple(float(x) for x in data.get("word_coef", ())),
            context=(
                ContextModel.from_json(context, len(CONTEXT_FEATURE_NAMES) + len(FEATURE_NAMES))
                if context
                else None
            ),
        )


def word_buckets(line: str, buckets: int = WORD_BUCKETS) -> list[int]:
    """The hashed word buckets of a line: case-folded words, digits folded to 0, deduplicated.

    Args:
        line: one line of text.
        buckets: number of hash buckets (crc32 modulo, stable across processes).

    Returns:
        Sorted bucket indices.
    """
    words = {re.sub(r"\d", "0", w.casefold()) for w in _words(line)}
    return sorted({zlib.crc32(w.encode("utf-8")) % buckets for w in words})


@lru_cache(maxsize=1)
def load_model() -> LineModel:
    """Load the bundled line model (cached per process)."""
    raw = resources.files("rashomon.data").joinpath(MODEL_RESOURCE).read_text(encoding="utf-8")
    return LineModel.from_json(json.loads(raw))


# --------------------------------------------------------------------------------------------
# Rules. Each names a kind of site furniture by its shape, so it generalises beyond one site
# (the table of them is rashomon.extract.article.furniture.RULES).


# Under this learned score a prose paragraph after a "Related" marker is body resuming.
_RESUMED_BODY = 0.3
# The cue is case-insensitive; the names after it must be capitalised.
_BYLINE_RE = re.compile(
    r"^(?i:by|author(?:['’`]s)?(?: name)?|written by|reporting by|reported by|editing by|"
    r"edited by|editor|writer|correspondent)\b[\s:]+"
    r"(?:(?:(?:de|van|von|der|den|da|di|del|la|le|bin|al|el)\s+)*[A-Z][\w.'’-]*\.?\s*"
    r"(?:and\s+|,\s*|&\s*)?){1,6}(?:[;,|]\s*.{0,40})?$"
)
_DATELINE_RE = re.compile(
    r"^(?:(?:published|updated|posted|date|last updated|first published)\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?[\w\s,:./|•·-]{0,40}$",
    re.I,
)
_EDITOR_MARK_RE = re.compile(r"\*{2,}\+?(?:[A-Z]{1,6}\b(?: [A-Z]{1,6}\b)*)?")


def rule_reason(line: str) -> str | None:
    """The shape rule a single line matches (``byline``, ``dateline``, ``menu``...), or None."""
    words = _words(line)
    for reason, pattern, max_words in RULES:
        if len(words) <= max_words and pattern.search(line):
            return reason
    if len(words) <= 12 and MARKER_RE.match(line):
        # A whole-line heading of a related-links, tags or comments block, wherever it stands.
        return _marker_reason(line)
    if len(words) <= 10 and _BYLINE_RE.match(line) and not _TERMINAL_RE.search(line.rstrip(".")):
        return "byline"
    if _is_dateline(line):
        return "dateline"
    if _is_menu(words, line):
        return "menu"  # becomes "navigation" unless it sits inside the body (see below)
    return None


def _marker_reason(line: str) -> str:
    """The reason for a block-heading line: "tags" for a tags/topics heading, else "related"."""
    return "tags" if line.casefold().startswith(("tag", "topic")) else "related"


def _is_dateline(line: str) -> bool:
    """A short line that is only a date/time stamp (``1:57 PM EDT, March 27, 2024``)."""
    if len(line) > 60 or not _DATELINE_RE.match(line):
        return False
    has_date = bool(_MONTH_RE.search(line) and re.search(r"\d", line)) or bool(
        re.search(r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b", line)
    )
    if not has_date:
        return False
    if line.endswith(","):
        return False  # a fragment of a sentence broken across lines ("In May 2015,")
    rest = _MONTH_RE.sub("", line)
    rest = re.sub(r"(?<=\d)(?:st|nd|rd|th|am|pm)\b", "", rest, flags=re.I)
    rest = re.sub(r"\b[A-Z]{2,4}\b", "", rest)  # time zones: EDT, GMT, MSK
    rest = re.sub(
        r"(?i)\b(?:published|updated|posted|date|last|first|am|pm|"
        r"mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
        "",
        rest,
    )
    return not re.search(r"[^\W\d_]{2,}", rest)


def _is_menu(words: Sequence[str], line: str) -> bool:
    """A menu bar: five or more capitalised words with no function words and no sentence end."""
    alpha = [w for w in words if w[0].isalpha()]
    if len(alpha) < 5 or _TERMINAL_RE.search(line) or "?" in line:
        return False
    if line.startswith("|") and line.endswith("|"):
        return False  # a table row (trafilatura renders tables this way), not a menu
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    stops = sum(1 for w in alpha if w.casefold() in _STOP)
    return stops == 0 and caps >= 0.7 * len(words)


def _looks_like_title(line: str) -> bool:
    words = _words(line)
    if not 3 <= len(words) <= 30 or len(line) > 220:
        return False
    if line.endswith(".") and not line.endswith("..."):
        return False
    return line[0].isupper() or line[0] in "\"'“‘«"


_BREAK_CHARS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def wrapped_units(text: str, lines: Sequence[Line]) -> list[list[int]]:
    """Group hard-wrapped lines back into paragraphs (indices into ``lines``).

    A line continues into the next when the two are adjacent (no blank line between), the
    text is wrapped at a fixed width (the 90th percentile length of adjacent lines is at most
    120 characters), the line is close to that width, and it does not end a sentence. Text
    with one paragraph per line, as scrapers and trafilatura write it, is left as it is.

    Args:
        text: the article text.
        lines: its non-empty lines (:func:`split_lines`).

    Returns:
        Runs of line indices, in order, covering every line once.
    """
    n = len(lines)
    adjacent = []
    for i in range(n - 1):
        between = text[lines[i].span.end : lines[i + 1].span.start]
        breaks = sum(1 for p in between.splitlines(keepends=True) if p.rstrip(_BREAK_CHARS) != p)
        adjacent.append(breaks <= 1)
    lengths = sorted(len(lines[i].text) for i in range(n - 1) if adjacent[i])
    width = lengths[int(0.9 * (len(lengths) - 1))] if len(lengths) >= 3 else 0
    candidate = [
        0 < width <= 120
        and adjacent[i]
        and len(lines[i].text) >= 0.7 * width
        and not _TERMINAL_RE.search(lines[i].text)
        and lines[i + 1].text[0] not in "-–—•*·▪►"
        for i in range(n - 1)
    ]
    # Wrapping shows itself in sentences that carry on in lower case on the next line; without
    # enough of those the document is not hard-wrapped and every line stands alone.
    carried = sum(1 for i in range(n - 1) if candidate[i] and lines[i + 1].text[0].islower())
    wrapped = carried >= max(2, 0.1 * sum(adjacent))
    groups: list[list[int]] = [[0]] if n else []
    for i in range(n - 1):
        if wrapped and candidate[i]:
            groups[-1].append(i + 1)
        else:
            groups.append([i + 1])
    return groups


def _same_title(line: str, title: str) -> bool:
    """Whether a line is the declared title (allowing small differences such as a suffix)."""
    a, b = _norm(line), _norm(title)
    if not a or not b:
        return False
    return a == b or fuzz.ratio(a, b) >= 90 or (len(a) >= 20 and a in b)


def _related_start(lines: Sequence[Line], verdicts: Sequence[str | None]) -> int | None:
    """Index of a 'Related'/'Tags'-style marker that starts the trailing junk block, if any.

    The marker must be a whole line, come after at least two prose paragraphs (the article
    body has been seen) and past the first third of the text, and be followed by
    teaser-shaped lines (short or unpunctuated lines, other markers) or by nothing at all.
    """
    total = lines[-1].span.end if lines else 0
    prose_seen = 0
    for k, line in enumerate(lines):
        if _is_prose(line.text) and verdicts[k] is None:
            prose_seen += 1
        if not MARKER_RE.match(line.text) or prose_seen < 2 or line.span.start < total / 3:
            continue
        following = [x.text for x in lines[k + 1 : k + 4]]
        teaserish = [
            bool(MARKER_RE.match(t)) or len(_words(t)) <= 15 or not _TERMINAL_RE.search(t)
            for t in following
        ]
        if following and not any(teaserish):
            continue
        # A sidebar in the middle of the article: the text after it has a run of three
        # consecutive prose paragraphs, which a teaser list (headline, summary, ...) never has.
        run = 0
        for t in (x.text for x in lines[k + 1 :]):
            run = run + 1 if _is_prose(t) else 0
            if run >= 3:
                break
        if run < 3:
            return k
    return None


def _mark_repeats_and_title(texts: Sequence[str], reasons: list[str | None],
                            title: str | None) -> None:  # fmt: skip
    """Steps 3 and 4 of :func:`classify_lines`: verbatim repeats (captions printed twice, a
    standfirst repeated as the lead), then the title."""
    groups: dict[str, list[int]] = {}
    for k, t in enumerate(texts):
        groups.setdefault(_norm(t), []).append(k)
    for key, idx in groups.items():
        if len(idx) < 2 or len(key) < 4:
            continue
        if len(_words(key)) >= 25:
            # A repeated paragraph (standfirst printed again as the lead): keep the last copy.
            for k in idx[:-1]:
                reasons[k] = reasons[k] or "repeated"
        elif len(idx) == 2 and idx[1] - idx[0] <= 3:
            # A short line printed twice in a row (caption, dek): a scraping artefact. Short
            # lines repeated far apart or many times (refrains, list labels) are left alone.
            for k in idx:
                reasons[k] = reasons[k] or "repeated"

    first_prose = next(
        (k for k, t in enumerate(texts) if _is_prose(t) and reasons[k] is None), len(texts)
    )
    # A header line that contains a whole other header line: a label fused to the headline.
    head_norms = [_norm(t) for t in texts[: min(first_prose, 8)]]
    for k, a in enumerate(head_norms):
        if reasons[k] is None and any(
            j != k and len(b) >= 20 and b != a and b in a for j, b in enumerate(head_norms)
        ):
            reasons[k] = "repeated"

    # 4. The title.
    for k in range(min(first_prose, 8)):
        if title is not None:
            is_title = reasons[k] in (None, "repeated") and _same_title(texts[k], title)
        else:
            is_title = reasons[k] is None and _looks_like_title(texts[k])
        if is_title:
            reasons[k] = "title"
            for j in groups[_norm(texts[k])]:
                if j != k:
                    reasons[j] = "repeated"
            break


def _mark_low_scores(texts: Sequence[str], reasons: list[str | None], scores: Sequence[float],
                     cutoff: float, in_context: bool) -> None:  # fmt: skip
    """Step 5 of :func:`classify_lines`: a line scored at or over ``cutoff`` is "low-score",
    but in a text the first pass judged alone a short line framed by body prose is a subheading.
    The context pass weighs the neighbours itself and its cut-off fits its scores as they are:
    rescuing lines on top of it kept more junk than body (cross-validated F1 0.877 -> 0.889)."""
    prose_idx = [k for k, t in enumerate(texts) if _is_prose(t) and reasons[k] is None]
    for k in range(len(texts)):
        if reasons[k] is not None or scores[k] < cutoff:
            continue
        inside = not in_context and bool(prose_idx) and prose_idx[0] < k < prose_idx[-1]
        nxt = k + 1 < len(texts) and _is_prose(texts[k + 1]) and reasons[k + 1] is None
        if inside and nxt and len(_words(texts[k])) <= 15:
            continue
        # A prose paragraph once the body has begun (the last one too: in a clean article
        # nothing after it shows it is body) stays unless the scorer is sure.
        after = not in_context and bool(prose_idx) and prose_idx[0] < k
        if after and _is_prose(texts[k]) and scores[k] < 0.9:
            continue
        reasons[k] = "low-score"


def classify_lines(
    text: str, *, model: LineModel | None = None, title: str | None = None
) -> list[LineVerdict]:
    """Decide for every non-empty line of ``text`` whether it is body or boilerplate, and why.

    The decisions, in order of precedence (each documented where it is implemented):

    1. shape rules for site furniture (cookie, newsletter, tags, teaser, read-time, caption,
       byline, dateline, menu bar, promo, editor mark, translation note);
    2. the trailing block: a whole-line "Related"/"Tags"/"Read more" marker after the body and
       everything after it ("related");
    3. verbatim repeats: every copy of a short repeated line, and all but the last copy of a
       repeated paragraph ("repeated"); a header line that contains another line (a section
       label fused to the headline) is also "repeated";
    4. the title: the line matching the declared ``title`` when one is given (HTML pages
       carry it in their markup and the extracted text may not repeat it), else the first
       headline-shaped line before the first prose paragraph ("title");
    5. the learned score for the rest ("low-score"), except that, in a text the first pass
       judged alone, a short line between prose paragraphs of the body is kept as a subheading.

    Args:
        text: the article text.
        model: the line scorer; the bundled model when None.
        title: the title the input declared, if any.

    Returns:
        One verdict per non-empty line, in order.
    """
    physical = split_lines(text)
    if not physical:
        return []
    model = model or load_model()
    # Hard-wrapped paragraphs are judged whole: each unit is one line or a wrapped paragraph.
    units = wrapped_units(text, physical)
    lines = [
        Line(k, Span(physical[g[0]].span.start, physical[g[-1]].span.end),
             " ".join(physical[i].text for i in g))
        for k, g in enumerate(units)
    ]  # fmt: skip
    texts = [x.text for x in lines]
    scores, cutoff = model.decide(texts)
    reasons: list[str | None] = [rule_reason(t) for t in texts]
    # 1b. A menu-shaped line (capitalised words, no function words) inside the body, between
    # prose paragraphs, is a heading or list item rather than a menu bar.
    body_prose = [k for k, t in enumerate(texts) if _is_prose(t) and reasons[k] is None]
    for k, r in enumerate(reasons):
        if r == "menu":
            inside = bool(body_prose) and body_prose[0] < k < body_prose[-1]
            reasons[k] = None if inside else "navigation"

    # 2. The trailing related/tags block.
    start = _related_start(lines, reasons)
    if start is not None:
        marker = MARKER_RE.match(texts[start])
        assert marker is not None
        reasons[start] = reasons[start] or _marker_reason(texts[start])
        for k in range(start + 1, len(lines)):
            # The body may go on after an inline box the marker heads: a prose paragraph the
            # scorer judges clear body stays.
            if reasons[k] is None and not (_is_prose(texts[k]) and scores[k] < _RESUMED_BODY):
                reasons[k] = "related"

    _mark_repeats_and_title(texts, reasons, title)
    # 5. The learned score (the context pass judged the text when it is long enough).
    ctx = model.context
    in_context = ctx is not None and len(texts) >= ctx.min_lines
    _mark_low_scores(texts, reasons, scores, cutoff, in_context)
    return [
        LineVerdict(physical[i], r, sc)
        for g, r, sc in zip(units, reasons, scores, strict=True)
        for i in g
    ]


def find_boilerplate(
    text: str, *, model: LineModel | None = None, title: str | None = None
) -> list[tuple[Span, str, float]]:
    """Return boilerplate spans in ``text`` with their reasons and scores.

    Whole boilerplate lines come from :func:`classify_lines`; inside body lines, editor marks
    such as ``***+OP CUT`` are marked as sub-line spans so the sentence around them stays.

    Args:
        text: the article text.
        model: the line scorer; the bundled model when None.
        title: the title the input declared, if any (see :func:`classify_lines`).

    Returns:
        ``(span, reason, score)`` tuples in text order; rule-based reasons score 1.0.
    """
    out: list[tuple[Span, str, float]] = []
    for v in classify_lines(text, model=model, title=title):
        if v.reason is not None:
            score = v.score if v.reason == "low-score" else 1.0
            out.append((v.line.span, v.reason, score))
            continue
        for m in _EDITOR_MARK_RE.finditer(v.line.text):
            start = v.line.span.start + m.start()
            out.append((Span(start, start + len(m.group())), "editor-mark", 1.0))
    return out
