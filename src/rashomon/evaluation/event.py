"""Score an event's ``analysis.json`` against a hand-made gold file (``examples/gold/*.json``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RashomonError

__all__ = ["EventReport", "SectionScore", "evaluate_event", "format_event_report"]

# Slots whose names the gold and the extractor share; other gold slots are finer-grained
# (``dam_height_m``) than the extractor's unit slots (``metres``) and are scored on value only.
_CORE_SLOTS = frozenset({"killed", "injured", "missing", "arrested", "detained", "evacuated"})


@dataclass(frozen=True, slots=True)
class SectionScore:
    """One section of the comparison: counts, recall, precision and what was missed."""

    name: str
    gold: int
    matched: int
    predicted: int | None = None  # None when precision is not meaningful for the section
    predicted_matched: int | None = None
    extra: tuple[tuple[str, float], ...] = ()  # further named rates (speaker accuracy...)
    misses: tuple[str, ...] = ()

    @property
    def recall(self) -> float:
        """Matched gold items over gold items."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float | None:
        """Predicted items that match gold over predicted items (``None``: not scored)."""
        if self.predicted is None:
            return None
        matched = self.predicted_matched if self.predicted_matched is not None else self.matched
        return matched / self.predicted if self.predicted else 0.0


@dataclass(frozen=True, slots=True)
class EventReport:
    """Per-section scores of one analysed event against its gold file."""

    event: str
    gold_path: str
    outdir: str
    sections: tuple[SectionScore, ...] = field(default_factory=tuple)

    def section(self, name: str) -> SectionScore:
        """The section with this name."""
        for s in self.sections:
            if s.name == name:
                return s
        raise KeyError(name)


# --------------------------------------------------------------------------------------------
# Reading and locating


@dataclass(frozen=True, slots=True)
class _Art:
    id: str
    text: str
    outlet: str | None
    published: str | None
    author: str | None
    duplicate_of: str | None


def _norm(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


def _bare(s: str) -> str:
    # Anonymous sources are phrased with or without an article ("the rescue service").
    return re.sub(r"^(?:the|a|an) ", "", _norm(s))


def _find_all(text: str, snippet: str) -> list[tuple[int, int]]:
    out = []
    start = text.find(snippet)
    while start != -1:
        out.append((start, start + len(snippet)))
        start = text.find(snippet, start + 1)
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _Event:
    """The analysis output with gold files mapped to article ids."""

    def __init__(self, gold: Mapping[str, Any], analysis: Mapping[str, Any]) -> None:
        self.gold = gold
        self.data = analysis
        self.arts = {a["id"]: _Art(a["id"], a["text"], a.get("outlet"), a.get("published"),
                                   a.get("author"), a.get("duplicate_of"))
                     for a in analysis["articles"]}
        self._by_source: dict[str, str] = {}
        for a in analysis["articles"]:
            self._by_source[str(a["source"])] = a["id"]
        self.entities = analysis.get("entities", [])

    def article(self, ref: Mapping[str, Any]) -> str | None:
        """The article id of a gold reference (``file`` and, for .jsonl, ``line``)."""
        name = str(ref["file"]) + (f":{ref['line']}" if ref.get("line") else "")
        for source, aid in self._by_source.items():
            if source == name or source.endswith("/" + name):
                return aid
        return None

    def locate(self, ref: Mapping[str, Any], snippet: str) -> list[tuple[str, int, int]]:
        """Where a gold snippet sits in its article: ``(article id, start, end)`` per copy."""
        aid = self.article(ref)
        if aid is None:
            return []
        return [(aid, s, e) for s, e in _find_all(self.arts[aid].text, snippet)]

    def rows(self, layer: str, aid: str) -> list[dict[str, Any]]:
        """The predicted rows of a layer in one article."""
        return [r for r in self.data.get(layer, []) if r.get("article") == aid]

    def same_referent(self, a: str, b: str) -> bool:
        """Whether two names refer to one merged entity (or read the same)."""
        na, nb = _bare(a), _bare(b)
        if not na or not nb:
            return False
        if na == nb or (len(nb) > 3 and nb in na) or (len(na) > 3 and na in nb):
            return True
        for e in self.entities:
            names = {_norm(x) for x in [e["name"], *e.get("aliases", [])]}
            if any(na == x or (len(x) > 3 and x in na) for x in names) and any(
                    nb == x or (len(x) > 3 and x in nb) for x in names):
                return True
        return False


# --------------------------------------------------------------------------------------------
# Sections


def _articles(ev: _Event) -> Iterator[SectionScore]:
    fields_ = ("outlet", "published", "author")
    total = ok = 0
    misses = []
    for g in ev.gold.get("articles", []):
        aid = ev.article(g)
        art = ev.arts.get(aid) if aid else None
        for f in fields_:
            want = g.get(f)
            if want is None:
                continue
            total += 1
            got = getattr(art, f) if art else None
            good = got is not None and (
                str(got)[:10] == str(want) if f == "published" else _norm(str(got)) == _norm(want))
            ok += good
            if not good:
                misses.append(f"{g['file']}{':' + str(g['line']) if g.get('line') else ''} "
                              f"{f}: want {want!r}, got {got!r}")
    yield SectionScore(name="articles.meta", gold=total, matched=ok, misses=tuple(misses))


def _duplicates(ev: _Event) -> Iterator[SectionScore]:
    gold_pairs = set()
    for group in ev.gold.get("near_duplicates", []):
        ids = [ev.article(r) for r in group]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if a and b:
                    gold_pairs.add(frozenset((a, b)))
    pred = {frozenset((a.id, a.duplicate_of)) for a in ev.arts.values() if a.duplicate_of}
    yield SectionScore(name="near_duplicates", gold=len(gold_pairs),
                       matched=len(gold_pairs & pred), predicted=len(pred),
                       predicted_matched=len(gold_pairs & pred))


def _entities(ev: _Event) -> Iterator[SectionScore]:
    groups = [{_norm(x) for x in [e["name"], *e.get("aliases", [])]} for e in ev.entities]
    total = ok = 0
    misses = []
    for g in ev.gold.get("entities", []):
        for alias in g.get("aliases", []):
            total += 1
            a, b = _norm(g["name"]), _norm(alias)
            if any(a in grp and b in grp for grp in groups):
                ok += 1
            else:
                misses.append(f"{g['name']} ~ {alias}")
    yield SectionScore(name="entities.aliases", gold=total, matched=ok, misses=tuple(misses))
    total = ok = 0
    misses = []
    for a, b in ev.gold.get("distinct", []):
        total += 1
        if any(_norm(a) in grp and _norm(b) in grp for grp in groups):
            misses.append(f"{a} merged with {b}")
        else:
            ok += 1
    yield SectionScore(name="entities.distinct", gold=total, matched=ok, misses=tuple(misses))


def _quotes(ev: _Event) -> Iterator[SectionScore]:
    found = speaker_ok = 0
    misses = []
    gold = ev.gold.get("quotes", [])
    for q in gold:
        locs = ev.locate(q, q["content_snippet"])
        hit = None
        for aid, s, e in locs:
            for r in ev.rows("attributions", aid):
                if _overlaps((s, e), (r["content_start"], r["content_end"])):
                    hit = r
                    break
            if hit:
                break
        if hit is None:
            misses.append(f"{q['file']}: {q['content_snippet'][:50]!r} not found")
            continue
        found += 1
        said = hit.get("speaker_resolved") or hit.get("speaker") or ""
        if ev.same_referent(said, q["speaker"]):
            speaker_ok += 1
        else:
            misses.append(f"{q['file']}: {q['content_snippet'][:40]!r} speaker "
                          f"{said!r} != {q['speaker']!r}")
    yield SectionScore(name="quotes", gold=len(gold), matched=found,
                       extra=(("speaker accuracy", speaker_ok / found if found else 0.0),
                              ("quote+speaker recall",
                               speaker_ok / len(gold) if gold else 0.0)),
                       misses=tuple(misses))


def _numbers(ev: _Event) -> Iterator[SectionScore]:
    gold = ev.gold.get("numbers", [])
    found = slot_ok = slot_n = qual_ok = 0
    used: set[str] = set()
    misses = []
    for g in gold:
        hit = None
        for aid, s, e in ev.locate(g, g["text"]):
            for r in ev.rows("quantities", aid):
                if _overlaps((s, e), (r["start"], r["end"])) and float(r["value"]) == float(
                        g["value"]):
                    hit = r
                    break
            if hit:
                break
        if hit is None:
            misses.append(f"{g['file']}: {g['text']!r} ({g['slot']} {g['value']}) not found")
            continue
        found += 1
        used.add(hit["id"])
        if (hit.get("qualifier") or None) == (g.get("qualifier") or None):
            qual_ok += 1
        if g["slot"] in _CORE_SLOTS:
            slot_n += 1
            if hit.get("slot") == g["slot"]:
                slot_ok += 1
            else:
                misses.append(f"{g['file']}: {g['text']!r} slot {hit.get('slot')!r} != "
                              f"{g['slot']!r}")
    # Precision over the figures the disputes rest on: predicted core-slot quantities.
    gold_aids = {ev.article(g) for g in gold}
    core_pred = [r for r in ev.data.get("quantities", [])
                 if r.get("slot") in _CORE_SLOTS and r.get("article") in gold_aids]
    core_ok = sum(1 for r in core_pred if r["id"] in used)
    yield SectionScore(
        name="numbers", gold=len(gold), matched=found, predicted=len(core_pred),
        predicted_matched=core_ok,
        extra=(("core slot accuracy", slot_ok / slot_n if slot_n else 0.0),
               ("qualifier accuracy", qual_ok / found if found else 0.0)),
        misses=tuple(misses),
    )


def _date_ok(pred: str | None, want: str | None) -> bool:
    if want is None:
        return pred is None
    return pred is not None and pred[:len(want)] == want and (
        len(want) == 10 or len(pred) >= len(want))


def _times(ev: _Event) -> Iterator[SectionScore]:
    gold = ev.gold.get("times", [])
    found = date_ok = 0
    used: set[str] = set()
    misses = []
    for g in gold:
        hit = None
        for aid, s, e in ev.locate(g, g["text"]):
            for r in ev.rows("times", aid):
                if r["id"] not in used and _overlaps((s, e), (r["start"], r["end"])):
                    hit = r
                    break
            if hit:
                break
        if hit is None:
            misses.append(f"{g['file']}: {g['text']!r} not found")
            continue
        found += 1
        used.add(hit["id"])
        if _date_ok(hit.get("date"), g.get("date")):
            date_ok += 1
        else:
            misses.append(f"{g['file']}: {g['text']!r} date {hit.get('date')!r} != "
                          f"{g.get('date')!r}")
    gold_aids = {ev.article(g) for g in gold}
    pred = [r for r in ev.data.get("times", []) if r.get("article") in gold_aids
            and r.get("granularity") != "time"]
    yield SectionScore(name="times", gold=len(gold), matched=found, predicted=len(pred),
                       predicted_matched=len(used),
                       extra=(("date accuracy", date_ok / found if found else 0.0),
                              ("text+date recall", date_ok / len(gold) if gold else 0.0)),
                       misses=tuple(misses))


def _timeline(ev: _Event) -> Iterator[SectionScore]:
    want = {g["date"] for g in ev.gold.get("times", []) if g.get("date") and len(g["date"]) == 10}
    got = {t["date"] for t in ev.data.get("timeline", [])}
    misses = tuple(f"date {d} missing" for d in sorted(want - got)) + tuple(
        f"date {d} not in gold" for d in sorted(got - want))
    yield SectionScore(name="timeline.dates", gold=len(want), matched=len(want & got),
                       predicted=len(got), predicted_matched=len(want & got), misses=misses)


def _hedges(ev: _Event) -> Iterator[SectionScore]:
    gold = ev.gold.get("hedges", [])
    found = 0
    misses = []
    for g in gold:
        locs = ev.locate(g, g["text"])
        if any(_overlaps((s, e), (r["start"], r["end"]))
               for aid, s, e in locs for r in ev.rows("hedges", aid)):
            found += 1
        else:
            misses.append(f"{g['file']}: {g['text']!r} ({g['kind']})")
    yield SectionScore(name="hedges", gold=len(gold), matched=found, misses=tuple(misses))


def _side_hits(ev: _Event, gside: Mapping[str, Any], pside: Mapping[str, Any]) -> int:
    pred = [(e["article"], e["start"], e["end"]) for e in pside.get("evidence", [])]
    hits = 0
    for g in gside.get("evidence", []):
        locs = ev.locate(g, g["snippet"])
        if any(a == pa and _overlaps((s, e), (ps, pe)) for a, s, e in locs for pa, ps, pe in pred):
            hits += 1
    return hits


def _disputes(ev: _Event) -> Iterator[SectionScore]:
    gold = ev.gold.get("disputes", [])
    pred = ev.data.get("disputes", [])
    matched_pred: set[int] = set()
    found = 0
    sides_total = sides_ok = 0
    holders_total = holders_ok = 0
    ev_total = ev_ok = 0
    outlets_total = outlets_ok = 0
    misses = []
    outlet_article = {g.get("outlet"): ev.article(g) for g in ev.gold.get("articles", [])}
    for gd in gold:
        best: tuple[int, int, int, list[tuple[int, int, int]]] | None = None
        for k, pd in enumerate(pred):
            # One-to-one side assignment by evidence overlap (greedy on the hit counts).
            cells = sorted(((_side_hits(ev, gs, ps), gi, pi)
                            for gi, gs in enumerate(gd["sides"])
                            for pi, ps in enumerate(pd["sides"])), reverse=True)
            taken_g: set[int] = set()
            taken_p: set[int] = set()
            pairs = []
            for hits, gi, pi in cells:
                if hits and gi not in taken_g and pi not in taken_p:
                    taken_g.add(gi)
                    taken_p.add(pi)
                    pairs.append((gi, pi, hits))
            if best is None or (len(pairs), sum(h for *_, h in pairs)) > best[:2]:
                best = (len(pairs), sum(h for *_, h in pairs), k, pairs)
        sides_total += len(gd["sides"])
        for gs in gd["sides"]:
            holders_total += len(gs.get("holders", []))
            ev_total += len(gs.get("evidence", []))
            outlets_total += len(gs.get("outlets", []))
        if best is None or best[0] < 2:
            misses.append(f"not found: {gd['question']}")
            continue
        found += 1
        matched_pred.add(best[2])
        pd = pred[best[2]]
        sides_ok += best[0]
        for gi, pi, hits in best[3]:
            gs, ps = gd["sides"][gi], pd["sides"][pi]
            ev_ok += hits
            for h in gs.get("holders", []):
                if any(ev.same_referent(p, h) for p in ps.get("holders", [])):
                    holders_ok += 1
                else:
                    misses.append(f"{gd['question'][:40]}…: holder {h!r} missing on side "
                                  f"{ps['position'][:30]!r}")
            pred_aids = {e["article"] for e in ps.get("evidence", [])}
            for o in gs.get("outlets", []):
                if outlet_article.get(o) in pred_aids:
                    outlets_ok += 1
        misses.append(f"matched: {gd['question'][:50]} -> {pd['question'][:50]} "
                      f"({best[0]}/{len(gd['sides'])} sides)")
    yield SectionScore(name="disputes", gold=len(gold), matched=found, predicted=len(pred),
                       predicted_matched=len(matched_pred), misses=tuple(misses),
                       extra=(("side recall", sides_ok / sides_total if sides_total else 0.0),
                              ("holder recall", holders_ok / holders_total
                               if holders_total else 0.0),
                              ("outlet recall", outlets_ok / outlets_total
                               if outlets_total else 0.0),
                              ("evidence recall", ev_ok / ev_total if ev_total else 0.0)))


_SECTIONS = (_articles, _duplicates, _entities, _quotes, _numbers, _hedges, _times, _timeline,
             _disputes)


def evaluate_event(gold_path: Path, outdir: Path) -> EventReport:
    """Score ``OUTDIR/analysis.json`` against a gold file.

    Gold snippets are located as exact substrings of their article's text (the record's text
    for ``.jsonl``); a prediction matches when its span overlaps the snippet in the same article.

    Args:
        gold_path: the gold JSON (format of ``examples/gold/kresny-dam-collapse.json``).
        outdir: the folder ``rashomon analyze`` wrote (holds ``analysis.json``).

    Returns:
        Per-section scores, with the misses listed.

    Raises:
        RashomonError: a file is missing or not JSON.
    """
    analysis_path = outdir / "analysis.json" if outdir.is_dir() else outdir
    try:
        gold = json.loads(gold_path.read_text("utf-8"))
        data = json.loads(analysis_path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise RashomonError(f"{exc.filename}: not found (run `rashomon analyze` first for the "
                            "analysis)") from exc
    except json.JSONDecodeError as exc:
        raise RashomonError(f"not JSON: {exc}") from exc
    ev = _Event(gold, data)
    sections = tuple(s for fn in _SECTIONS for s in fn(ev))
    return EventReport(event=str(gold.get("event", "")), gold_path=str(gold_path),
                       outdir=str(outdir), sections=sections)


def format_event_report(report: EventReport, *, misses: int = 8) -> str:
    """A plain-text table of the scores, with the first few misses of each section.

    Args:
        report: the report.
        misses: how many misses to list per section (0 for none).
    """
    lines = [f"event: {report.event}", f"gold: {report.gold_path}", "",
             f"{'section':<20}{'gold':>6}{'found':>7}{'recall':>8}{'precision':>11}  other"]
    for s in report.sections:
        prec = "" if s.precision is None else f"{s.precision:.3f}"
        other = "; ".join(f"{k} {v:.3f}" for k, v in s.extra)
        lines.append(f"{s.name:<20}{s.gold:>6}{s.matched:>7}{s.recall:>8.3f}{prec:>11}  {other}")
    if misses:
        for s in report.sections:
            if s.misses:
                lines.append("")
                lines.append(f"{s.name}:")
                lines.extend(f"  - {m}" for m in _first(s.misses, misses))
    return "\n".join(lines)


def _first(items: Sequence[str], n: int) -> Iterable[str]:
    return items[:n] if len(items) > n else items
