"""Scale benchmark: ingest, story clustering and event analysis at 100, 1,000 and 10,000 articles.

Articles come from the real pool of ``bench_clustering.py`` (every PolNeAR train+dev and BASIL
article in ``../shared/data``, 1,074 articles); sizes beyond the pool repeat it as perturbed
copies (``bench_clustering.perturb``). In ``archive`` date mode (the default) copy ``k`` is
dated ``k`` x 400 days after its original, so the stories of a larger archive spread over
time; in ``dense`` mode copies keep their date and join their originals' stories (events grow
with the size).

For each size the articles are written, in date order as a feed delivers them, to a JSON
Lines file with ``text``, ``title``, ``published`` and ``outlet`` fields, and then, on a
fresh store, in one fresh process per size:

1. ``api.ingest`` on that file with the given engine and workers, exactly what
   ``rashomon ingest FILE --db DB -j 2 --engine process`` runs (its default batch of 64 and
   input limits): the default article stages, story clustering and the batched writes. Its
   own per-phase timings split the run into reading, article stages, clustering (title and
   lead embedding plus the online clusterer) and writing.
2. ``api.analyze_stored(all_events=True)``, exactly what ``rashomon analyze --db DB
   --all -o OUT`` runs: the event (cross-outlet) stages on every story of two articles or
   more, each written back to the store with its ``analysis.json`` and ``report.html``.

Printed per size: articles/s of the article stages, clustering and event-stage seconds
(total and per event), end-to-end seconds, and peak memory as ``resource.getrusage`` max
RSS: ``RUSAGE_SELF`` of the driver process (which clusters, writes and runs the event stages)
and ``RUSAGE_CHILDREN`` of the same process (the largest single worker process it waited
for: a maximum, not a sum). Beside them, measured once per run in its own process: raw spaCy
``nlp.pipe`` over the whole texts of a fixed sample, with 1 and 2 processes, and the time a
fresh process takes to build the article pipeline (what each worker does before its first
batch). Then the least-squares growth exponent of time against size (slope of log time on
log size) and whether the targets are met.

Run: ``.venv/bin/python benchmarks/bench_scale.py [--sizes 100,1000,10000] [--workers 2]
[--engine process] [--out DIR] [--json FILE]``
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import platform
import queue
import resource
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bench_clustering import archive_day, load_pool, perturb

from rashomon.model import Article

REPO = Path(__file__).resolve().parents[1]
_MARK = ".bench_scale"  # marks a working folder this script made (and may clear)

# Targets from issue #7.
TARGET_RATE = 10.0  # article stage, articles/s
TARGET_E2E_N = 10_000
TARGET_E2E_S = 20 * 60.0
TARGET_EXPONENT = 1.2
TARGET_PEAK_BYTES = 2 * 10**9


# --------------------------------------------------------------------------------------------
# Input


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _plan(pool: list[Article], n: int, dates: str) -> list[tuple[date | None, int, int]]:
    """(date, pool index, copy) of each of the ``n`` articles, in feed (date) order.

    Copy ``k`` of the pool comes in round ``k``, as in ``bench_clustering.build``; a round
    shorter than the pool (every size under 1,074, and the last round of larger ones) takes
    articles spread evenly over the pool rather than its first ones, so every size has the
    same mix of outlets and lengths. Only these small keys are held; the texts are made one at
    a time while writing.
    """
    size = len(pool)
    plan = []
    for j in range(n):
        k = j // size
        m = min(size, n - k * size)  # articles in this round
        i = (j - k * size) * size // m
        day = _day(pool[i].published)
        plan.append((archive_day(day, k) if dates == "archive" else day, i, k))
    # Date order as a feed delivers it (undated last); stable, like bench_clustering.feed_order.
    plan.sort(key=lambda p: p[0] or date.max)
    return plan


def write_jsonl(pool: list[Article], n: int, path: Path, *, dates: str) -> int:
    """Write ``n`` articles as JSON Lines in the fields the ingest reader takes; bytes written."""
    with path.open("w", encoding="utf-8") as fh:
        for day, i, k in _plan(pool, n, dates):
            art = perturb(pool[i], k)
            published = day.isoformat() if day and k else art.published
            record = {
                "text": art.text,
                "title": art.title,
                "published": published,
                "outlet": art.outlet,
            }
            fh.write(json.dumps({key: v for key, v in record.items() if v}, ensure_ascii=False))
            fh.write("\n")
    return path.stat().st_size


def _sample(pool: list[Article], m: int) -> list[str]:
    """``m`` texts spread evenly over the pool (both data sets), the same on every run."""
    m = min(m, len(pool))
    return [pool[i * len(pool) // m].text for i in range(m)]


# --------------------------------------------------------------------------------------------
# Measurements, each in a fresh process


def peak_bytes(who: int) -> int:
    """Peak resident memory of this process or its children (``resource.RUSAGE_*``), bytes."""
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    return resource.getrusage(who).ru_maxrss * (1 if sys.platform == "darwin" else 1024)


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _raw(texts: list[str], out: mp.Queue[Any]) -> None:
    """Raw spaCy ``nlp.pipe`` on whole texts, and the time to build the article pipeline.

    Stock spaCy (thinc's own BLIS) with 1 and 2 processes, as a user would run it; then the
    same model built on numpy's BLAS with one thread, as rashomon loads it (1 process).
    """
    import spacy

    from rashomon.config import PipelineConfig
    from rashomon.nlp.pipelines import DEFAULT_MODEL, use_numpy_blas
    from rashomon.pipeline import Pipeline

    res: dict[str, Any] = {"sample": len(texts)}
    stock = spacy.load(DEFAULT_MODEL)  # before use_numpy_blas: thinc's default BLIS
    list(stock.pipe(texts[:2]))  # warm up outside the timed part
    for procs in (1, 2):
        t1 = time.perf_counter()
        for _ in stock.pipe(texts, batch_size=32, n_process=procs):
            pass
        secs = time.perf_counter() - t1
        res[f"pipe_{procs}p_s"] = secs
        res[f"pipe_{procs}p_rate"] = len(texts) / secs
    t0 = time.perf_counter()
    # What a worker does before its first batch (its imports are already done here).
    Pipeline.from_config(PipelineConfig.default(), kinds=frozenset({"article"}))
    res["pipeline_build_s"] = time.perf_counter() - t0
    use_numpy_blas()
    fast = spacy.load(DEFAULT_MODEL)
    list(fast.pipe(texts[:2]))
    t1 = time.perf_counter()
    for _ in fast.pipe(texts, batch_size=32):
        pass
    res["pipe_numpy_1p_rate"] = len(texts) / (time.perf_counter() - t1)
    res["peak_self_bytes"] = peak_bytes(resource.RUSAGE_SELF)
    out.put(res)


@dataclass(frozen=True, slots=True, kw_only=True)
class SizeSpec:
    """What one size's process runs."""

    n: int
    jsonl: Path
    db: Path
    analyses: Path
    engine: str
    workers: int
    batch_size: int


def _one_size(spec: SizeSpec, out: mp.Queue[Any]) -> None:
    """Ingest and analyse one size on a fresh store, in this (fresh) process."""
    from rashomon import api

    step = max(500, spec.n // 10)
    shown = [0]
    batch_ticks: list[tuple[float, int]] = []  # (time, new articles) after each batch

    def ticks(p: api.StreamProgress) -> None:
        if p.new and (not batch_ticks or p.new > batch_ticks[-1][1]):
            batch_ticks.append((time.perf_counter(), p.new))
        if p.read >= shown[0] + step:
            shown[0] = p.read - p.read % step
            _log(f"  n={spec.n}: ingested {p.read} (new {p.new}, failed {p.failed})")

    t0 = time.perf_counter()
    report = api.ingest(
        [spec.jsonl],
        spec.db,
        engine=spec.engine,
        workers=spec.workers,
        batch_size=spec.batch_size,
        max_file_bytes=20 * 1024 * 1024,  # as `rashomon ingest` by default (--max-file-mb 20)
        progress=ticks,
    )
    t1 = time.perf_counter()
    ingest_peak = peak_bytes(resource.RUSAGE_SELF)
    ingest_cpu = _cpu(resource.RUSAGE_SELF)
    workers_cpu = _cpu(resource.RUSAGE_CHILDREN)
    summaries = api.event_summaries(spec.db)
    sizes = [s.size for s in summaries]
    marks: list[float] = []

    def done(i: int, total: int) -> None:
        marks.append(time.perf_counter())
        if i % 100 == 0 or i == total:
            _log(f"  n={spec.n}: analysed {i}/{total} events")

    t2 = time.perf_counter()
    paths = api.analyze_stored(
        spec.db, spec.analyses, all_events=True, min_size=2, progress=done
    )
    t3 = time.perf_counter()
    # Ingest throughput after the first batch: without the workers' start-up and the encoder's
    # load, which ingest_stream counts inside its first batch's stage and cluster times.
    steady = None
    if len(batch_ticks) >= 2:
        (ta, na), (tb, nb) = batch_ticks[0], batch_ticks[-1]
        steady = (nb - na) / (tb - ta) if tb > ta else None
    per_event = [b - a for a, b in zip([t2, *marks], marks, strict=False)]
    analysed_sizes = sorted((s for s in sizes if s >= 2), reverse=True)
    out.put(
        {
            "n": spec.n,
            "read": report.read,
            "new": report.new,
            "failed": report.failed,
            "skipped": report.skipped,
            "batches": report.batches,
            "failures": [f"{f.source}: {f.reason}" for f in report.failures[:5]],
            "ingest_s": t1 - t0,
            "first_batch_s": batch_ticks[0][0] - t0 if batch_ticks else None,
            "first_batch_new": batch_ticks[0][1] if batch_ticks else 0,
            "steady_ingest_rate": steady,
            "timings": dict(report.timings),
            "events": len(sizes),
            "events_analysed": len(paths),
            "analysed_articles": sum(analysed_sizes),
            "largest_event": max(sizes, default=0),
            "event_stage_s": t3 - t2,
            "per_event_median_s": _median(per_event),
            "per_event_max_s": max(per_event, default=0.0),
            "end_to_end_s": (t1 - t0) + (t3 - t2),
            "driver_peak_ingest_bytes": ingest_peak,
            "driver_peak_bytes": peak_bytes(resource.RUSAGE_SELF),
            "worker_peak_bytes": peak_bytes(resource.RUSAGE_CHILDREN),
            "driver_cpu_ingest_s": ingest_cpu,
            "driver_cpu_s": _cpu(resource.RUSAGE_SELF),
            "workers_cpu_s": workers_cpu,
            "db_bytes": sum(p.stat().st_size for p in spec.db.parent.glob(spec.db.name + "*")),
        }
    )


def _median(xs: list[float]) -> float:
    if not xs:
        return 0.0
    s = sorted(xs)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _in_process(target: Callable[..., None], *args: Any) -> dict[str, Any]:
    """Run ``target(*args, queue)`` in a fresh spawned process and return what it puts.

    A fresh process per measurement gives each its own peak memory and its own workers.
    """
    ctx = mp.get_context("spawn")
    q: mp.Queue[Any] = ctx.Queue()
    proc = ctx.Process(target=_guarded, args=(target, *args, q))
    proc.start()
    while True:
        try:
            res: dict[str, Any] = q.get(timeout=2)
            break
        except queue.Empty:
            if not proc.is_alive():
                raise RuntimeError(f"{target.__name__} died (exit code {proc.exitcode})") from None
    proc.join()
    if "error" in res:
        raise RuntimeError(f"{target.__name__} failed:\n{res['error']}")
    return res


def _guarded(target: Callable[..., None], *args: Any) -> None:
    out: mp.Queue[Any] = args[-1]
    try:
        target(*args)
    except BaseException:  # noqa: BLE001  (reported to the parent, which raises it)
        out.put({"error": traceback.format_exc()})


# --------------------------------------------------------------------------------------------
# Results


def exponent(sizes: list[int], secs: list[float]) -> float | None:
    """Least-squares slope of log(seconds) on log(size); None with fewer than two points."""
    pts = [(math.log(n), math.log(s)) for n, s in zip(sizes, secs, strict=True) if s > 0]
    if len(pts) < 2 or len({x for x, _ in pts}) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def _mib(b: int) -> str:
    return f"{b / 2**20:,.0f}"


def _fmt_exp(b: float | None) -> str:
    return "n/a" if b is None else f"{b:.2f}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    line = "  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)


def summarise(res: list[dict[str, Any]], workers: int) -> dict[str, Any]:
    """Exponents and targets from the per-size results."""
    ns = [r["n"] for r in res]
    stages = [r["timings"].get("stages", 0.0) for r in res]
    exps = {
        "article_stage": exponent(ns, stages),
        "clustering": exponent(ns, [r["timings"].get("cluster", 0.0) for r in res]),
        # Sizes whose stories were all single articles analyse nothing: left out of the fit.
        "event_stage": exponent(
            [r["n"] for r in res if r["events_analysed"]],
            [r["event_stage_s"] for r in res if r["events_analysed"]],
        ),
        # The event stage's own work: stories of 2+ articles, whose number need not grow in
        # proportion to the stream; its time against the articles in them.
        "event_stage_vs_story_articles": exponent(
            [r["analysed_articles"] for r in res if r["events_analysed"]],
            [r["event_stage_s"] for r in res if r["events_analysed"]],
        ),
        "end_to_end": exponent(ns, [r["end_to_end_s"] for r in res]),
        # Ingest time after the first batch against the articles after it: the growth
        # without the one-off start-ups, which flatten the fits above at small sizes.
        "ingest_after_1st_batch": exponent(
            [r["n"] - r["first_batch_new"] for r in res if r["steady_ingest_rate"]],
            [r["ingest_s"] - r["first_batch_s"] for r in res if r["steady_ingest_rate"]],
        ),
    }
    last = res[-1]
    rate = last["new"] / stages[-1] if stages[-1] > 0 else 0.0
    e2e: float | None = None
    if TARGET_E2E_N in ns:
        e2e, e2e_how = res[ns.index(TARGET_E2E_N)]["end_to_end_s"], "measured"
    elif last["steady_ingest_rate"]:
        # Start-up as measured, the remaining articles at the steady ingest rate, and the
        # event stage growing in proportion to the articles: a projection, not a measurement.
        e2e_how = f"not measured: projected from {last['n']:,}"
        e2e_proj = (
            last["first_batch_s"]
            + (TARGET_E2E_N - last["first_batch_new"]) / last["steady_ingest_rate"]
            + last["event_stage_s"] * TARGET_E2E_N / last["n"]
        )
    else:
        e2e_how = f"not measured: projected linearly from {last['n']:,}"
        e2e_proj = last["end_to_end_s"] * TARGET_E2E_N / last["n"]
    if e2e is not None:
        e2e_proj = e2e
    per_process = max(max(r["driver_peak_bytes"], r["worker_peak_bytes"]) for r in res)
    whole = max(r["driver_peak_bytes"] + workers * r["worker_peak_bytes"] for r in res)
    # The target is on the whole job (ingest, clustering and analysis) and on the article
    # stage; the event stage's own exponents are printed beside it.
    worst = [b for b in (exps["article_stage"], exps["end_to_end"]) if b is not None]
    return {
        "exponents": exps,
        "article_rate_at_largest": rate,
        "end_to_end_10000_s": e2e_proj,
        "end_to_end_10000_how": e2e_how,
        "peak_per_process_bytes": per_process,
        "peak_whole_run_bytes": whole,
        "targets": {
            "article_stage_rate": rate >= TARGET_RATE,
            "end_to_end_10000": None if e2e is None else e2e < TARGET_E2E_S,
            "exponent": bool(worst) and max(worst) <= TARGET_EXPONENT,
            "peak_memory": whole < TARGET_PEAK_BYTES,
        },
    }


def report(
    res: list[dict[str, Any]],
    raw: dict[str, Any],
    summary: dict[str, Any],
    args: argparse.Namespace,
) -> None:
    """Print the tables, exponents and targets."""
    raw_col = (f"{raw['pipe_1p_rate']:.2f} / {raw['pipe_2p_rate']:.2f}"
               f" / {raw['pipe_numpy_1p_rate']:.2f}")  # fmt: skip

    def stage_rate(r: dict[str, Any]) -> str:
        st = r["timings"].get("stages", 0.0)
        return f"{r['new'] / st:.2f}" if st else "-"

    def per_event(r: dict[str, Any]) -> str:
        ev = r["events_analysed"]
        return f"{r['event_stage_s'] / ev:.2f}" if ev else "-"

    def opt(x: float | None, fmt: str = ".1f") -> str:
        return "-" if x is None else format(x, fmt)

    Col = tuple[str, Callable[[dict[str, Any]], str]]
    ingest: list[Col] = [
        ("articles", lambda r: f"{r['n']:,}"),
        ("article stage s", lambda r: f"{r['timings'].get('stages', 0.0):.1f}"),
        ("art/s", stage_rate),
        (f"raw pipe ({raw['sample']}) 1p / 2p / numpy-BLAS 1p art/s", lambda r: raw_col),
        ("clustering s", lambda r: f"{r['timings'].get('cluster', 0.0):.1f}"),
        (
            "read+write s",
            lambda r: f"{r['timings'].get('read', 0.0) + r['timings'].get('write', 0.0):.1f}",
        ),
        ("ingest s", lambda r: f"{r['ingest_s']:.1f}"),
        ("1st batch s", lambda r: opt(r["first_batch_s"])),
        ("then art/s", lambda r: opt(r["steady_ingest_rate"], ".2f")),
    ]
    events: list[Col] = [
        ("articles", lambda r: f"{r['n']:,}"),
        ("events", lambda r: f"{r['events']:,}"),
        ("analysed (2+)", lambda r: f"{r['events_analysed']:,}"),
        ("their articles", lambda r: f"{r['analysed_articles']:,}"),
        ("largest", lambda r: f"{r['largest_event']:,}"),
        ("event stage s", lambda r: f"{r['event_stage_s']:.1f}"),
        ("s/event", per_event),
        ("median s", lambda r: f"{r['per_event_median_s']:.2f}"),
        ("max s", lambda r: f"{r['per_event_max_s']:.2f}"),
        ("END TO END s", lambda r: f"{r['end_to_end_s']:.1f}"),
    ]
    memory: list[Col] = [
        ("articles", lambda r: f"{r['n']:,}"),
        ("driver (ingest)", lambda r: _mib(r["driver_peak_ingest_bytes"])),
        ("driver (all)", lambda r: _mib(r["driver_peak_bytes"])),
        ("worker", lambda r: _mib(r["worker_peak_bytes"])),
        (
            f"driver+{args.workers}xworker",
            lambda r: _mib(r["driver_peak_bytes"] + args.workers * r["worker_peak_bytes"]),
        ),
        ("driver CPU s", lambda r: f"{r['driver_cpu_s']:.0f}"),
        ("workers CPU s", lambda r: f"{r['workers_cpu_s']:.0f}"),
        ("store MiB", lambda r: _mib(r["db_bytes"])),
    ]
    for title, cols in (
        ("Ingest: article stages and story clustering (seconds; rates in articles/s)", ingest),
        ("Event stage (cross-outlet analysis of stories with 2+ articles) and end to end", events),
        ("Peak memory (MiB, max RSS) and CPU seconds", memory),
    ):
        print(f"\n{title}")
        print(_table([h for h, _ in cols], [[f(r) for _, f in cols] for r in res]))
    print(
        "\nNotes:"
        "\n  article stage s: ingest_stream's own 'stages' time. It includes each worker's"
        "\n    start-up (building the article pipeline in a fresh process takes"
        f" {raw['pipeline_build_s']:.1f} s)."
        "\n  clustering s: its 'cluster' time: title+lead embedding, the online clusterer, and"
        "\n    loading the sentence encoder once."
        "\n  1st batch s / then art/s: time to the first committed batch, and the ingest rate"
        "\n    (all phases) over the batches after it, i.e. without those one-off start-ups."
        "\n  raw pipe: spaCy nlp.pipe (en_core_web_sm) on the whole texts of"
        f" {raw['sample']} pool articles,"
        "\n    once per run in its own process (peak RSS"
        f" {_mib(raw['peak_self_bytes'])} MiB); 2p includes starting spaCy's processes."
        "\n  driver = RUSAGE_SELF of the per-size process (reading, clustering, writes, event"
        "\n    stages); worker = RUSAGE_CHILDREN of it: the largest single worker process, not a"
        f"\n    sum; driver+{args.workers}xworker = an upper bound on the whole run's memory."
    )
    exps = summary["exponents"]
    print("\nGrowth exponent (slope of log time on log size):")
    for key, b in exps.items():
        print(f"  {key.replace('_', ' '):22} {_fmt_exp(b)}")
    if res[-1]["n"] < 1000:
        print("  (at these sizes the one-off start-ups dominate: the exponents say little)")
    ok = summary["targets"]

    def mark(flag: bool | None) -> str:
        return "NOT MEASURED" if flag is None else "MET" if flag else "NOT MET"

    worst = [exps[k] for k in ("article_stage", "end_to_end") if exps[k]]
    print("\nTargets:")
    print(
        f"  article stage >= {TARGET_RATE:.0f} articles/s: "
        f"{summary['article_rate_at_largest']:.2f} at {res[-1]['n']:,} -> "
        f"{mark(ok['article_stage_rate'])}"
    )
    print(
        f"  end to end {TARGET_E2E_N:,} < {TARGET_E2E_S / 60:.0f} min: "
        f"{summary['end_to_end_10000_s'] / 60:.1f} min ({summary['end_to_end_10000_how']}) -> "
        f"{mark(ok['end_to_end_10000'])}"
    )
    print(
        f"  exponent <= {TARGET_EXPONENT}: largest of article stage / end to end "
        f"{_fmt_exp(max(worst) if worst else None)} -> {mark(ok['exponent'])}"
        f"\n    (event stage alone: {_fmt_exp(exps['event_stage'])} against stream size,"
        f" {_fmt_exp(exps['event_stage_vs_story_articles'])} against its stories' articles)"
    )
    print(
        f"  peak memory < 2 GB: whole run (driver + {args.workers} x worker) "
        f"{summary['peak_whole_run_bytes'] / 1e9:.2f} GB -> {mark(ok['peak_memory'])}; "
        f"largest single process {summary['peak_per_process_bytes'] / 1e9:.2f} GB"
    )


# --------------------------------------------------------------------------------------------
# Main


def _workdir(root: Path, n: int) -> Path:
    """A fresh folder for size ``n``; an earlier run's folder (marked) is cleared."""
    d = root / f"n{n}"
    if d.exists():
        if not (d / _MARK).exists():
            sys.exit(f"{d} exists and was not made by this script; choose another --out")
        shutil.rmtree(d)
    d.mkdir(parents=True)
    (d / _MARK).touch()
    return d


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(x) for x in text.split(",") if x.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers")
    return sizes


@contextmanager
def _out_dir(out: Path | None) -> Iterator[Path]:
    """The working folder: ``--out`` (kept), else a temporary one removed afterwards."""
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        yield out
        return
    with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
        yield Path(tmp)


def main() -> None:
    """Run every size, print the tables, exponents and targets, and optionally write JSON."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument(
        "--sizes",
        type=_sizes,
        default=[100, 1000, 10000],
        help="comma-separated numbers of articles (default 100,1000,10000)",
    )
    ap.add_argument("--workers", type=int, default=2, help="engine workers (-j)")
    ap.add_argument("--engine", default="process", choices=["local", "process", "ray"])
    ap.add_argument("--batch-size", type=int, default=64, help="ingest batch (as --batch-size)")
    ap.add_argument(
        "--dates",
        default="archive",
        choices=["archive", "dense"],
        help="dates of perturbed copies (see bench_clustering.py)",
    )
    ap.add_argument(
        "--raw-sample", type=int, default=200, help="articles in the raw nlp.pipe sample"
    )
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, help="working folder for the stores (default: temp)")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args()

    pool = load_pool(args.shared / "data")
    load0 = os.getloadavg()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    print(
        f"bench_scale {started}: pool of {len(pool)} real articles; sizes "
        f"{', '.join(f'{n:,}' for n in args.sizes)}; engine {args.engine}, {args.workers} "
        f"workers, batch {args.batch_size}; {args.dates} dates; {os.cpu_count()} CPUs, "
        f"load average {load0[0]:.2f}",
        flush=True,
    )
    _log(f"raw nlp.pipe on {min(args.raw_sample, len(pool))} articles ...")
    raw = _in_process(_raw, _sample(pool, args.raw_sample))
    results: list[dict[str, Any]] = []
    with _out_dir(args.out) as root:
        for n in args.sizes:
            d = _workdir(root, n)
            jsonl = d / "articles.jsonl"
            nbytes = write_jsonl(pool, n, jsonl, dates=args.dates)
            _log(f"n={n}: {nbytes / 2**20:.1f} MiB of JSON Lines in {d}; ingesting ...")
            spec = SizeSpec(
                n=n,
                jsonl=jsonl,
                db=d / "store.db",
                analyses=d / "analyses",
                engine=args.engine,
                workers=args.workers,
                batch_size=args.batch_size,
            )
            res = _in_process(_one_size, spec)
            results.append(res)
            _log(
                f"n={n}: ingest {res['ingest_s']:.1f} s, {res['events_analysed']} events "
                f"analysed in {res['event_stage_s']:.1f} s"
            )
            for f in res["failures"]:
                _log(f"  failure: {f}")
    load1 = os.getloadavg()
    if args.out is None:
        _log("(the temporary working folder was removed; keep the stores with --out DIR)")
    summary = summarise(results, args.workers)
    report(results, raw, summary, args)
    print(
        f"\nload average at start {load0[0]:.2f}, at end {load1[0]:.2f} "
        f"(above {os.cpu_count()} means the machine was shared and wall times are inflated)"
    )
    if args.json:
        payload = {
            "started": started,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": {"start": load0, "end": load1},
            "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
            "pool": len(pool),
            "raw": raw,
            "sizes": results,
            **summary,
        }
        args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
