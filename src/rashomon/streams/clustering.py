"""Online story clustering: each incoming article joins the event it reports or opens a new one."""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.extract.event.translit import has_cyrillic, latin_name_keys
from rashomon.model import Article, content_id
from rashomon.nlp.encoders import Encoder

__all__ = [
    "ArticleFeatures",
    "ClusterParams",
    "Event",
    "StoryClusterer",
    "article_lead",
    "cheap_entities",
    "features",
    "features_many",
]

FloatArray = npt.NDArray[np.float32]

# --------------------------------------------------------------------------------------------
# Features

# One lead sentence: the encoder's cost grows with tokens, and a second sentence doubled it
# for about one point of train F1 (0.847 -> 0.837 mean of pairwise and B-cubed F1).
LEAD_SENTENCES = 1


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ArticleFeatures:
    """What the clusterer needs to know about one article.

    Attributes:
        article_id: the article's id.
        vector: unit embedding of title + lead (float32; all zero when there is no text).
        entities: normalised names (casefolded) found cheaply in the lead paragraphs.
        published: the publication day, when known.
        title: the title, kept as a label for the event it opens.
    """

    article_id: str
    vector: FloatArray
    entities: frozenset[str] = frozenset()
    published: date | None = None
    title: str = ""


# Sentence starts, function words and role titles that are capitalised without naming anyone.
_STOP = frozenset(
    """a about after again against all also an and another any are as at because before but by
    can could did do does during each even every few for from had has have he her here hers him
    his how however i if in into is it its just last late latest many may me meanwhile more
    most much my new next no nor not now of on once one only or other our out over own same
    she should since so some still such than that the their them then there these they this
    those though through to too two under until up upon very was we were what when where which
    while who whom why will with would yet you your mr mrs ms dr sen rep gov gen lt col st
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december today yesterday tomorrow watch read
    update updated editor note photo video related advertisement breaking exclusive opinion
    analysis live president governor mayor senator congressman congresswoman representative
    coach striker chairman chairwoman minister prime secretary judge justice general speaker
    leader chief director spokesman spokeswoman former""".split()  # noqa: SIM905 - a word list reads better as prose
)  # fmt: skip
# A run of capitalised words ("Bob Etheridge", "White House") or an acronym ("GOP", "N.A.A.C.P.").
_NAME_RE = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|\b[A-Z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*"
    r"(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*)*"
    r"|\b[A-Z]{2,}[a-z]?\b"
)
# A full stop after an honorific does not end a sentence ("Sen. Bob Etheridge").
_ABBREV_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|St|Rev)\.$")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
# Latin and Cyrillic: a Russian lead is prose too (its sentences open with «, its capitals are
# Cyrillic).
_SENT_SPLIT_RE = re.compile(r"(?<=[.!?])[\"'”’)»]?\s+(?=[\"“'‘(«]?[A-ZА-ЯЁ0-9])")
_WORD_RE = re.compile(r"[A-Za-zА-Яа-яЁё]+")


def cheap_entities(text: str) -> frozenset[str]:
    """Names in ``text`` found by regex, casefolded: capitalised runs and acronyms.

    spaCy NER costs tens of milliseconds an article, too slow to cluster a day's feed, so
    clustering uses this cheap proxy. A run may hold "of" ("Bank of Veldonia"). Its leading
    function word or title is dropped ("The White House" -> "white house"), and so is a
    sentence-initial word that the text never capitalises mid-sentence ("Moreover Trump" ->
    "trump"). A multi-word run also contributes its last word, so "Bob Etheridge" and a later
    "Etheridge" share a key. Acronyms lose their dots.

    Args:
        text: plain prose (not a title-cased headline, where every word is capitalised).

    Returns:
        The set of normalised names.
    """
    runs: list[tuple[list[str], bool]] = []
    inner: set[str] = set()  # words seen capitalised inside a sentence
    for m in _NAME_RE.finditer(text):
        raw = m.group()
        if "." in raw:
            runs.append(([raw.replace(".", "")], False))
            continue
        words = [_POSSESSIVE_RE.sub("", w) for w in raw.split()]
        before = text[max(0, m.start() - 8) : m.start()].rstrip(" \t\"'“‘(")
        initial = (not before or before[-1] in ".!?:\n") and not _ABBREV_RE.search(before)
        inner.update(words[1:] if initial else words)
        runs.append((words, initial))
    out: set[str] = set()
    for words, initial in runs:
        if initial and words and words[0] not in inner:
            words = words[1:]
        while words and words[0].casefold() in _STOP:
            words = words[1:]
        words = [w for w in words if w]
        if not words or (len(words) == 1 and words[0].casefold() in _STOP):
            continue
        out.add(" ".join(words).casefold())
        if len(words) > 1 and words[-1].casefold() not in _STOP:
            out.add(words[-1].casefold())
    if has_cyrillic(text):
        # Russian names, romanized, so a Russian and an English report of a story share them.
        out |= latin_name_keys(text)
    return frozenset(out)


def _is_prose(line: str) -> bool:
    # A body paragraph has enough words and lower-case words; bylines, datelines, menu items
    # and captions-in-caps fail one of the two.
    words = _WORD_RE.findall(line)
    if len(words) < 8:
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower >= len(words) / 3


def article_lead(
    text: str, title: str | None = None, *, sentences: int = 2, max_chars: int = 400
) -> tuple[str, str]:
    """The title and lead (first sentences of the first prose lines) of an article's text.

    The learned boilerplate cleaner (``extract.boilerplate``) costs about 15 ms an article;
    for clustering thousands a cheap rule serves: skip the title line and any line that does
    not read as prose (bylines, datelines, share buttons), then take the first sentences.

    Args:
        text: the article text.
        title: the declared title; the first non-empty line when None.
        sentences: how many sentences make the lead.
        max_chars: the lead's length cap.

    Returns:
        ``(title, lead)``; either may be empty.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if title is None or not title.strip():
        # A headline is a short first line: no sentence-final punctuation, or one short
        # sentence (some feeds end headlines with a full stop) with more text after it.
        first = lines[0] if lines else ""
        one_short = len(first) <= 150 and len(_SENT_SPLIT_RE.split(first)) == 1 and len(lines) > 1
        unpunctuated = len(first) <= 200 and not first.endswith((".", '"', "”"))
        title = first if unpunctuated or one_short else ""
    title = title.strip()
    key = title.casefold()
    lead: list[str] = []
    for ln in lines:
        if ln.casefold() == key or not _is_prose(ln):
            continue
        lead.extend(s for s in _SENT_SPLIT_RE.split(ln) if s.strip())
        if len(lead) >= sentences:
            break
    return title, " ".join(lead[:sentences])[:max_chars]


def _entity_text(text: str, title: str, *, max_chars: int = 2000) -> str:
    # Entities come from the opening prose only: headlines are title-cased (every word would
    # look like a name) and late paragraphs drift to background the event need not share.
    key = title.casefold()
    parts: list[str] = []
    size = 0
    for ln in text.splitlines():
        ln = ln.strip()
        if not ln or ln.casefold() == key or not _is_prose(ln):
            continue
        parts.append(ln)
        size += len(ln)
        if size >= max_chars:
            break
    return "\n".join(parts)[:max_chars]


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _prepare(article: Article, sentences: int) -> tuple[str, frozenset[str], date | None, str]:
    title, lead = article_lead(article.text, article.title, sentences=sentences)
    embed_text = f"{title}. {lead}" if title and lead else title or lead
    ents = cheap_entities(_entity_text(article.text, title))
    return embed_text, ents, _day(article.published), title


def features(
    article: Article, *, encoder: Encoder, lead_sentences: int = LEAD_SENTENCES
) -> ArticleFeatures:
    """Clustering features of one article: title + lead embedding, cheap entities, date.

    Prefer :func:`features_many` for more than a few articles: encoders are much faster on
    batches.

    Args:
        article: the article; its declared ``title`` and ``published`` are used when set.
        encoder: the sentence encoder (e.g. ``get_encoder("use.v3")``).
        lead_sentences: lead sentences embedded after the title.

    Returns:
        The article's features.
    """
    return features_many([article], encoder=encoder, lead_sentences=lead_sentences)[0]


def features_many(
    articles: Sequence[Article], *, encoder: Encoder, lead_sentences: int = LEAD_SENTENCES
) -> list[ArticleFeatures]:
    """Clustering features of many articles, embedded in one batch.

    Args:
        articles: the articles.
        encoder: the sentence encoder.
        lead_sentences: lead sentences embedded after the title; the encoder's cost grows
            with the tokens, so this is the main speed/quality knob.

    Returns:
        One :class:`ArticleFeatures` per article, in order.
    """
    prepared = [_prepare(a, lead_sentences) for a in articles]
    vectors = encoder.encode([p[0] for p in prepared]) if prepared else None
    return [
        ArticleFeatures(
            article_id=a.id,
            vector=np.asarray(vectors[i], dtype=np.float32) if vectors is not None else _EMPTY,
            entities=p[1],
            published=p[2],
            title=p[3],
        )
        for i, (a, p) in enumerate(zip(articles, prepared, strict=True))
    ]


_EMPTY: FloatArray = np.zeros(0, dtype=np.float32)

# --------------------------------------------------------------------------------------------
# Clustering


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterParams:
    """Scoring of an article against an event, and the cut-off to join it.

    ``score = cos(article, centroid) + entity_weight * weighted_jaccard - time_penalty``,
    where the penalty grows by ``day_penalty`` for each day the article lies outside the
    event's date range. Events more than ``window_days`` outside are not candidates at all.
    ``threshold`` and ``entity_weight`` were tuned on the training part of the clustering set
    only (``rashomon.evaluation.clusters.tune_clustering``: BASIL 2010-2012 + PolNeAR train,
    grid 0.60-1.30 x {0.3, 0.5, 0.8, 1.2}, best mean of pairwise and B-cubed F1 with dates on,
    one lead sentence).

    Attributes:
        threshold: the least score for an article to join an event.
        entity_weight: weight of the entity overlap.
        window_days: how far (days) outside an event's date range an article may still join.
        day_penalty: score lost per day outside the event's range.
        top_k: events (best by cosine) whose entity overlap is scored.
        use_dates: when False, dates are ignored (no window, no penalty).
    """

    threshold: float = 0.72
    entity_weight: float = 0.5
    window_days: int = 3
    day_penalty: float = 0.02
    top_k: int = 20
    use_dates: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """An event (story cluster) as it stands: members in arrival order."""

    id: str
    label: str
    article_ids: tuple[str, ...]
    first: date | None
    last: date | None
    top_entities: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """Number of member articles."""
        return len(self.article_ids)


@dataclass(slots=True)
class _EventState:
    id: str
    label: str
    members: list[str] = field(default_factory=list)
    entity_counts: dict[str, int] = field(default_factory=dict)
    entity_total: int = 0
    first: int | None = None  # date ordinals
    last: int | None = None


_NO_DAY = np.nan


def _iso(ordinal: int | None) -> str | None:
    return date.fromordinal(ordinal).isoformat() if ordinal is not None else None


class StoryClusterer:
    """Online story clustering: ``add`` puts one article in an event and returns its id.

    Each event keeps the sum of its members' unit embeddings (its centroid is the normalised
    sum), how many members mention each entity, and its date range. A new article is scored
    against the events whose date range lies within ``window_days`` of its date (all events
    when either side has no date) with one matrix-vector product over the centroid matrix;
    the ``top_k`` best by cosine get the entity and time terms, and the best joins if its
    score reaches ``threshold``. Ties go to the older event, so the result depends only on
    the input order and the state: the same articles in the same order give the same events,
    and a state saved with :meth:`to_rows` and restored with :meth:`from_rows` continues
    exactly as the original would.

    Event ids are content hashes of the first member's article id, so they stay stable when
    the same feed is clustered again.

    Args:
        params: scoring parameters.
        dim: embedding width; taken from the first article when None.
    """

    def __init__(self, params: ClusterParams | None = None, *, dim: int | None = None) -> None:
        self.params = params or ClusterParams()
        self._dim = dim
        self._events: list[_EventState] = []
        self._index: dict[str, int] = {}
        self._assign: dict[str, str] = {}
        self._sums: FloatArray = np.zeros((0, dim or 0), dtype=np.float32)
        self._cent: FloatArray = np.zeros((0, dim or 0), dtype=np.float32)
        self._first = np.zeros(0, dtype=np.float64)
        self._last = np.zeros(0, dtype=np.float64)
        self._df: dict[str, int] = {}
        self._n_docs = 0

    # ---- public API

    def __len__(self) -> int:
        return len(self._events)

    @property
    def assignments(self) -> dict[str, str]:
        """Article id -> event id for every article added so far."""
        return dict(self._assign)

    @property
    def events(self) -> list[Event]:
        """The events in order of creation."""
        return [self._snapshot(ev) for ev in self._events]

    def event(self, event_id: str) -> Event:
        """The event with id ``event_id``.

        Raises:
            KeyError: no such event.
        """
        return self._snapshot(self._events[self._index[event_id]])

    def add(self, feats: ArticleFeatures) -> str:
        """Assign one article to the best-scoring event, or open a new event.

        An article id already added returns its event again without changing anything, so a
        re-fed feed does not double-count.

        Args:
            feats: the article's features (see :func:`features`).

        Returns:
            The id of the event the article joined or opened.
        """
        if feats.article_id in self._assign:
            return self._assign[feats.article_id]
        vec = self._check_vector(feats.vector)
        best = self._best(vec, feats)
        k = self._open(feats) if best is None else best
        self._join(k, vec, feats)
        return self._events[k].id

    def add_many(self, feats: Iterable[ArticleFeatures]) -> list[str]:
        """Add articles in order; returns their event ids."""
        return [self.add(f) for f in feats]

    def score(self, feats: ArticleFeatures, event_id: str) -> float:
        """The score ``feats`` would get against event ``event_id`` (for inspection)."""
        k = self._index[event_id]
        vec = self._check_vector(feats.vector)
        cos = float(self._cent[k] @ vec)
        return cos + self._extra(k, feats)

    # ---- scoring

    def _check_vector(self, vector: FloatArray) -> FloatArray:
        vec = np.asarray(vector, dtype=np.float32).reshape(-1)
        if self._dim is None:
            self._dim = int(vec.shape[0])
            self._sums = np.zeros((0, self._dim), dtype=np.float32)
            self._cent = np.zeros((0, self._dim), dtype=np.float32)
        if vec.shape[0] != self._dim:
            raise ValueError(f"embedding width {vec.shape[0]} != clusterer width {self._dim}")
        return vec

    def _day(self, feats: ArticleFeatures) -> float:
        if not self.params.use_dates or feats.published is None:
            return _NO_DAY
        return float(feats.published.toordinal())

    def _candidates(self, day: float) -> npt.NDArray[np.intp]:
        n = len(self._events)
        if math.isnan(day):
            return np.arange(n)
        w = self.params.window_days
        with np.errstate(invalid="ignore"):
            ok = np.isnan(self._first[:n]) | (
                (day >= self._first[:n] - w) & (day <= self._last[:n] + w)
            )
        return np.flatnonzero(ok)

    def _gap(self, k: int, day: float) -> float:
        first, last = self._first[k], self._last[k]
        if math.isnan(day) or math.isnan(first):
            return 0.0
        return float(max(0.0, first - day, day - last))

    def _idf(self, entity: str) -> float:
        # Online IDF over the articles seen so far: names every story mentions ("Trump",
        # "Congress") say little about which story this is; a rare name says much.
        return math.log((self._n_docs + 1) / (self._df.get(entity, 0) + 1)) + 1.0

    def _entity_overlap(self, k: int, ents: frozenset[str]) -> float:
        # IDF-weighted Jaccard between the article's entity set (weights 1) and the event's
        # entity profile (weight = share of members naming it): a centroid for names, so a
        # big event is not diluted by every name any one member mentioned.
        ev = self._events[k]
        n = len(ev.members)
        if not ents or n == 0:
            return 0.0
        inter = 0.0
        union = 0.0
        for e in ents:
            idf = self._idf(e)
            inter += idf * ev.entity_counts.get(e, 0) / n
            union += idf
        for e, c in ev.entity_counts.items():
            if e not in ents:
                union += self._idf(e) * c / n
        return inter / union if union > 0 else 0.0

    def _extra(self, k: int, feats: ArticleFeatures) -> float:
        p = self.params
        day = self._day(feats)
        return p.entity_weight * self._entity_overlap(k, feats.entities) - (
            p.day_penalty * self._gap(k, day)
        )

    def _best(self, vec: FloatArray, feats: ArticleFeatures) -> int | None:
        if not self._events or not vec.any():
            return None
        cand = self._candidates(self._day(feats))
        if cand.size == 0:
            return None
        cos = self._cent[cand] @ vec
        p = self.params
        if cand.size > p.top_k:
            # argpartition is not stable; a stable sort keeps ties in creation order.
            order = np.argsort(-cos, kind="stable")[: p.top_k]
        else:
            order = np.arange(cand.size)
        best_k: int | None = None
        best_s = -math.inf
        for j in sorted(int(i) for i in order):  # creation order: older events win ties
            k = int(cand[j])
            s = float(cos[j]) + self._extra(k, feats)
            if s > best_s:
                best_k, best_s = k, s
        return best_k if best_s >= p.threshold else None

    # ---- state changes

    def _grow(self) -> None:
        n = len(self._events)
        if n < self._sums.shape[0]:
            return
        cap = max(64, 2 * n)
        dim = self._dim or 0
        for name in ("_sums", "_cent"):
            old = getattr(self, name)
            new = np.zeros((cap, dim), dtype=np.float32)
            new[:n] = old[:n]
            setattr(self, name, new)
        for name in ("_first", "_last"):
            old_d = getattr(self, name)
            new_d = np.full(cap, np.nan, dtype=np.float64)
            new_d[:n] = old_d[:n]
            setattr(self, name, new_d)

    def _open(self, feats: ArticleFeatures) -> int:
        self._grow()
        k = len(self._events)
        ev = _EventState(id=content_id("event", feats.article_id), label=feats.title)
        self._events.append(ev)
        self._index[ev.id] = k
        self._sums[k] = 0.0
        self._cent[k] = 0.0
        self._first[k] = np.nan
        self._last[k] = np.nan
        return k

    def _join(self, k: int, vec: FloatArray, feats: ArticleFeatures) -> None:
        ev = self._events[k]
        ev.members.append(feats.article_id)
        for e in feats.entities:
            ev.entity_counts[e] = ev.entity_counts.get(e, 0) + 1
        ev.entity_total += len(feats.entities)
        for e in feats.entities:
            self._df[e] = self._df.get(e, 0) + 1
        self._n_docs += 1
        if not ev.label and feats.title:
            ev.label = feats.title
        self._sums[k] += vec
        self._refresh_centroid(k)
        if feats.published is not None:
            d = feats.published.toordinal()
            ev.first = d if ev.first is None else min(ev.first, d)
            ev.last = d if ev.last is None else max(ev.last, d)
            self._first[k] = float(ev.first)
            self._last[k] = float(ev.last)
        self._assign[feats.article_id] = ev.id

    def _refresh_centroid(self, k: int) -> None:
        norm = float(np.linalg.norm(self._sums[k]))
        self._cent[k] = self._sums[k] / norm if norm > 0 else 0.0

    def _snapshot(self, ev: _EventState) -> Event:
        top = sorted(ev.entity_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        return Event(
            id=ev.id,
            label=ev.label,
            article_ids=tuple(ev.members),
            first=date.fromordinal(ev.first) if ev.first is not None else None,
            last=date.fromordinal(ev.last) if ev.last is not None else None,
            top_entities=tuple(e for e, _ in top),
        )

    # ---- persistence

    def to_rows(self) -> dict[str, list[dict[str, Any]]]:
        """The state as table rows, ready for SQLite (``executemany`` / sqlite-utils).

        Returns:
            ``{"params": [one row], "events": [...], "members": [...], "df": [...]}``.
            Event rows carry the embedding sum as float32 bytes (``vector_sum``, a BLOB)
            and the entity counts as a JSON object string; member rows are
            ``(article_id, event_id, seq)`` with ``seq`` the global arrival order, which
            :meth:`from_rows` replays; ``df`` rows hold the online document frequency
            of each entity (for its IDF weight).
        """
        params = asdict(self.params)
        params["dim"] = self._dim
        params["n_docs"] = self._n_docs
        events: list[dict[str, Any]] = []
        members: list[dict[str, Any]] = []
        for k, ev in enumerate(self._events):
            events.append(
                {
                    "id": ev.id,
                    "seq": k,
                    "label": ev.label,
                    "size": len(ev.members),
                    "first_day": _iso(ev.first),
                    "last_day": _iso(ev.last),
                    "entities": json.dumps(ev.entity_counts, sort_keys=True, ensure_ascii=False),
                    "entity_total": ev.entity_total,
                    "vector_sum": self._sums[k].astype("<f4").tobytes(),
                }
            )
        order = {aid: i for i, aid in enumerate(self._assign)}
        for aid, eid in self._assign.items():
            members.append({"article_id": aid, "event_id": eid, "seq": order[aid]})
        df = [{"entity": e, "df": c} for e, c in sorted(self._df.items())]
        return {"params": [params], "events": events, "members": members, "df": df}

    @classmethod
    def from_rows(cls, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> StoryClusterer:
        """Rebuild a clusterer from :meth:`to_rows` output (or rows read back from SQLite).

        Args:
            rows: ``params``, ``events`` and ``members`` rows.

        Returns:
            A clusterer in exactly the saved state.
        """
        params = dict(rows["params"][0])
        dim = params.pop("dim")
        n_docs = int(params.pop("n_docs"))
        out = cls(ClusterParams(**params), dim=dim)
        out._n_docs = n_docs
        out._df = {str(r["entity"]): int(r["df"]) for r in rows.get("df", ())}
        by_event: dict[str, list[tuple[int, str]]] = {}
        for m in rows["members"]:
            by_event.setdefault(str(m["event_id"]), []).append(
                (int(m["seq"]), str(m["article_id"]))
            )
        assign: list[tuple[int, str, str]] = []
        for r in sorted(rows["events"], key=lambda r: int(r["seq"])):
            out._grow()
            k = len(out._events)
            ev = _EventState(id=str(r["id"]), label=str(r["label"]))
            ev.entity_counts = {str(e): int(c) for e, c in json.loads(r["entities"]).items()}
            ev.entity_total = int(r["entity_total"])
            ev.first = date.fromisoformat(r["first_day"]).toordinal() if r["first_day"] else None
            ev.last = date.fromisoformat(r["last_day"]).toordinal() if r["last_day"] else None
            mem = sorted(by_event.get(ev.id, []))
            ev.members = [aid for _, aid in mem]
            assign.extend((seq, aid, ev.id) for seq, aid in mem)
            out._events.append(ev)
            out._index[ev.id] = k
            out._sums[k] = np.frombuffer(bytes(r["vector_sum"]), dtype="<f4")
            out._refresh_centroid(k)
            out._first[k] = float(ev.first) if ev.first is not None else np.nan
            out._last[k] = float(ev.last) if ev.last is not None else np.nan
        out._assign = {aid: eid for _, aid, eid in sorted(assign)}
        return out

    def to_json(self) -> str:
        """The state as a JSON string (BLOBs base64-encoded); see :meth:`from_json`."""
        rows = self.to_rows()
        for r in rows["events"]:
            r["vector_sum"] = base64.b64encode(r["vector_sum"]).decode("ascii")
        return json.dumps(rows, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> StoryClusterer:
        """Rebuild a clusterer from :meth:`to_json` output."""
        rows = json.loads(text)
        for r in rows["events"]:
            r["vector_sum"] = base64.b64decode(r["vector_sum"])
        return cls.from_rows(rows)
