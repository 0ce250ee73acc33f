"""Corpus-level fuzzing: many malformed inputs mixed with good articles, checked end to end.

``run_fuzz`` writes at least ``n`` bad inputs (truncated HTML, wrong encodings, NUL bytes, a
50 MB single line, deep nesting, compression bombs, vanishing files, symlink loops, binary
junk, malformed JSON, lone surrogates, control characters, RTL overrides, script payloads...)
beside 20 invented good articles, ingests them with :func:`rashomon.api.load_docs`, runs the
cheap article stages over everything and the full pipeline over the good articles plus a sample
of the bad inputs that ingested, and checks that

* no exception escapes rashomon (ingest or stage);
* every good article comes out analysed;
* every bad input is reported exactly once, with a reason (or, for the ones that are only odd,
  read as an article);
* every span of every annotation lies inside its article's text.

Run it with ``python -m rashomon.fuzz -n 1000``.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
import traceback
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.config import Limits, PipelineConfig, StageConfig
from rashomon.fuzz.corpus import BULK_KINDS, WEIGHTS, FuzzInput, good_article
from rashomon.fuzz.robust import ROBUST_KINDS, ROBUST_WEIGHTS, SECRET, Maker
from rashomon.ingest.names import display_name
from rashomon.model import Article, ArticleDoc, Failure, Notice

__all__ = ["FuzzReport", "format_fuzz_report", "good_article", "run_fuzz"]

# The stages run over every input; spaCy (nlp and what needs its parse) only over a sample.
CHEAP_STAGES = ("clean.lines.v1", "meta.rules.v1")
_SUFFIX = re.compile(r"(?::\d+|#(?:item|record|entry)-\d+)$")


# --------------------------------------------------------------------------------------------
# Results


@dataclass
class FuzzReport:
    """What a fuzz run tried and what went wrong."""

    inputs: int = 0
    bad_inputs: int = 0
    good_articles: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    misreported: list[str] = field(default_factory=list)
    reported: int = 0
    read_as_articles: int = 0
    span_errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)  # secrets behind links or entities, read
    reasons: Counter[str] = field(default_factory=Counter)
    full_pipeline_docs: int = 0
    seconds: float = 0.0
    ingest_seconds: float = 0.0
    full_seconds: float = 0.0
    peak_rss_mb: float = 0.0
    long_line_peak_mb: float = 0.0
    bomb_peak_mb: float = 0.0

    @property
    def ok(self) -> bool:
        """No crash, nothing lost, every bad input accounted for once, spans in bounds."""
        return not (self.crashes or self.lost or self.misreported or self.span_errors
                    or self.leaks)


def format_fuzz_report(report: FuzzReport) -> str:
    """A short human summary of a fuzz run (the first few problems of each kind listed)."""
    lines = [
        f"inputs tried:          {report.inputs} ({report.bad_inputs} bad, "
        f"{report.good_articles} good articles)",
        f"crashes:               {len(report.crashes)}",
        f"good articles lost:    {len(report.lost)} of {report.good_articles}",
        f"bad inputs reported:   {report.reported} refused with a reason, "
        f"{report.read_as_articles} read as articles, {len(report.misreported)} not exactly once",
        f"spans out of bounds:   {len(report.span_errors)}",
        f"secrets leaked:        {len(report.leaks)} (behind links out of the folder or "
        "DOCTYPE entities)",
        f"full pipeline over:    {report.full_pipeline_docs} docs ({report.full_seconds:.1f} s)",
        f"time:                  {report.seconds:.1f} s (ingest + cheap stages "
        f"{report.ingest_seconds:.1f} s)",
        f"peak RSS:              {report.peak_rss_mb:.0f} MB (50 MB line: "
        f"{report.long_line_peak_mb:.1f} MB traced; bomb: {report.bomb_peak_mb:.1f} MB traced)",
        "kinds: " + ", ".join(f"{k}={v}" for k, v in sorted(report.kinds.items())),
    ]
    for title, items in (
        ("crashes", report.crashes),
        ("lost", report.lost),
        ("not reported exactly once", report.misreported),
        ("spans out of bounds", report.span_errors),
        ("leaked", report.leaks),
    ):
        for item in items[:10]:
            lines.append(f"  {title}: {item}")
    lines.append("top reasons:")
    for reason, count in report.reasons.most_common(12):
        lines.append(f"  {count:5d}  {reason}")
    lines.append("OK" if report.ok else "FAILED")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The run


def _peak_rss_mb() -> float:
    # ru_maxrss is in KB on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _file_of(source: str) -> str:
    return _SUFFIX.sub("", source)


def _traced_peak(fn: Callable[[], object]) -> float:
    """Peak Python heap (MB) while ``fn`` runs."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()


def run_fuzz(
    n: int = 1000,
    *,
    seed: int = 0,
    workdir: Path,
    limits: Limits | None = None,
    full_sample: int = 40,
    good: int = 20,
) -> FuzzReport:
    """Generate at least ``n`` bad inputs plus ``good`` good articles and run rashomon on them.

    Args:
        n: the number of bad inputs to generate (a few fixed ones come on top).
        seed: random seed; the same seed writes the same inputs.
        workdir: an empty (or new) folder for the inputs; it is left behind for inspection.
        limits: the input caps (the defaults when ``None``).
        full_sample: bad inputs that ingested which also go through the full spaCy pipeline.
        good: number of invented good articles (at least 1, at most a few hundred).

    Returns:
        The :class:`FuzzReport`; ``report.ok`` is True when nothing went wrong.
    """
    t0 = time.perf_counter()
    limits = limits or Limits()
    rng = random.Random(seed)
    root = Path(workdir) / "corpus"
    for old in (root, Path(workdir) / "outside"):
        if old.exists():
            shutil.rmtree(old)
    root.mkdir(parents=True)
    report = FuzzReport()
    mk, vanish_sync, vanish_thread = _make_corpus(Maker(root, rng, limits), n, good)
    inputs = {display_name(str(i.path)): i for i in mk.inputs}
    report.good_articles = sum(1 for i in mk.inputs if i.expect == "good")
    report.bad_inputs = len(mk.inputs) - report.good_articles
    report.inputs = len(mk.inputs)
    report.kinds = Counter(i.kind for i in mk.inputs)
    _measure_memory(mk, limits, report)
    produced: dict[str, list[Item]] = defaultdict(list)
    _vanish_sync(root / "vanish-sync", vanish_sync, limits, produced, report)
    t1 = time.perf_counter()
    docs = _bulk(root, vanish_thread, rng, limits, produced, report)
    analysed = _cheap_stages(docs, report)
    report.ingest_seconds = time.perf_counter() - t1
    _account(inputs, produced, analysed, report)
    t2 = time.perf_counter()
    _full_pipeline(mk.inputs, inputs, docs, rng, full_sample, limits, Path(workdir), report)
    report.full_seconds = time.perf_counter() - t2
    report.seconds = time.perf_counter() - t0
    report.peak_rss_mb = _peak_rss_mb()
    return report


Item = Article | Failure | Notice


def _make_corpus(mk: Maker, n: int, good: int) -> tuple[Maker, list[Path], list[Path]]:
    """Write the inputs: fixed kinds once each, random kinds until ``n`` bad inputs, good
    articles scattered among them, and the files that will vanish."""
    rng = mk.rng
    mk.long_line()
    mk.bombs()
    mk.oversize_file()
    mk.symlink_loop()
    mk.dir_loop()
    for kind in ROBUST_KINDS:  # each class at least once, however small n is
        getattr(mk, kind)()
    kinds = [*BULK_KINDS, *ROBUST_KINDS]
    weights = [{**WEIGHTS, **ROBUST_WEIGHTS}.get(k, 1.0) for k in kinds]
    good_at = sorted(rng.sample(range(max(n, good)), good))
    gi = 0
    while sum(1 for i in mk.inputs if i.expect != "good") < n:
        while gi < len(good_at) and good_at[gi] <= len(mk.inputs):
            mk.good(gi)
            gi += 1
        getattr(mk, rng.choices(kinds, weights)[0])()
    while gi < good:
        mk.good(gi)
        gi += 1
    # Files that vanish: some between the folder listing and the read (deterministic), some
    # from another thread while the bulk run reads the corpus.
    vanish_sync = [mk.vanishing("vanish-sync") for _ in range(max(3, n // 100))]
    vanish_thread = [mk.vanishing("zz-vanish-thread") for _ in range(max(3, n // 100))]
    mk.inputs[-2 * len(vanish_sync)].expect = "either"  # read before the others vanish
    return mk, vanish_sync, vanish_thread


def _measure_memory(mk: Maker, limits: Limits, report: FuzzReport) -> None:
    """Peak heap while reading the 50 MB line and a bomb, each on its own."""
    from rashomon.ingest import iter_articles

    def read(path: Path) -> Callable[[], object]:
        return lambda: list(iter_articles([path], limits=limits))

    for inp in mk.inputs:
        if inp.kind == "long_line_50mb" and inp.path.suffix == ".jsonl":
            report.long_line_peak_mb = _traced_peak(read(inp.path))
        if inp.kind == "compression_bomb" and inp.path.name.endswith(".jsonl.gz"):
            report.bomb_peak_mb = _traced_peak(read(inp.path))


def _vanish_sync(folder: Path, files: list[Path], limits: Limits,
                 produced: dict[str, list[Item]], report: FuzzReport) -> None:
    """Delete the later files of a folder once its first is read."""
    from rashomon.ingest import iter_articles

    try:
        for item in iter_articles([folder], limits=limits):
            produced[_file_of(item.source)].append(item)
            for p in files[1:]:
                p.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001
        report.crashes.append("ingest (vanish-sync): " + traceback.format_exc(limit=3))
    shutil.rmtree(folder)


def _bulk(root: Path, vanish: list[Path], rng: random.Random, limits: Limits,
          produced: dict[str, list[Item]], report: FuzzReport) -> list[ArticleDoc]:
    """Read the whole corpus (while a thread deletes files); record what each input gave."""
    from rashomon.api import read_inputs

    stop = threading.Event()

    def vandal() -> None:
        for p in vanish:
            if stop.wait(rng.uniform(0.0, 0.05)):
                return
            p.unlink(missing_ok=True)

    thread = threading.Thread(target=vandal, daemon=True)
    thread.start()
    try:
        got = read_inputs([root], limits=limits)
    except Exception:  # noqa: BLE001
        report.crashes.append("read_inputs: " + traceback.format_exc(limit=5))
        return []
    finally:
        stop.set()
        thread.join()
    items: list[Item] = [*got.failures, *got.notices, *(d.article for d in got.docs)]
    for item in items:
        produced[_file_of(item.source)].append(item)
    return got.docs


def _cheap_stages(docs: list[ArticleDoc], report: FuzzReport) -> dict[str, ArticleDoc]:
    """The cheap article stages over every doc; spans checked; analysed docs by id."""
    from rashomon.pipeline import Pipeline

    cheap = PipelineConfig(tuple(StageConfig(s) for s in CHEAP_STAGES))
    pipe = Pipeline.from_config(cheap, kinds=frozenset({"article"}))
    analysed: dict[str, ArticleDoc] = {}
    try:
        for out in pipe.map_articles(docs, on_error="record"):
            if isinstance(out, Failure):
                report.crashes.append(f"stage {out.stage} on {out.source}: {out.reason}")
            else:
                analysed[out.id] = out
                _check_spans(out, report)
    except Exception:  # noqa: BLE001
        report.crashes.append("cheap stages: " + traceback.format_exc(limit=5))
    return analysed


def _account(inputs: dict[str, FuzzInput], produced: dict[str, list[Item]],
             analysed: dict[str, ArticleDoc], report: FuzzReport) -> None:
    """Check every input against what it must give (see :class:`FuzzInput`)."""
    for key, inp in inputs.items():
        items = produced.get(key, [])
        fails = [x for x in items if isinstance(x, Failure)]
        texts = [analysed[x.id].text for x in items if isinstance(x, Article) and x.id in analysed]
        for f in fails:
            report.reasons[_reason_kind(f.reason)] += 1
            if not f.reason.strip():
                report.misreported.append(f"{key}: empty reason")
        missing = [m for m in inp.needed() if not any(m in t for t in texts)]
        if missing:
            report.lost.append(f"{key} ({inp.kind}): {len(missing)} record(s) missing, "
                               f"{[f.reason for f in fails]}")
        if inp.expect != "good":
            report.reported += len(fails)
            report.read_as_articles += len(items) - len(fails)
        problem = _accounting_problem(key, inp, items)
        if problem:
            report.misreported.append(f"{key} ({inp.kind}): {problem}")
    for text in (d.text for d in analysed.values()):
        if SECRET in text:
            report.leaks.append(text[:80])
    for key in sorted(set(produced) - set(inputs)):
        report.misreported.append(f"{key}: reported but not an input we wrote")


def _full_pipeline(all_inputs: list[FuzzInput], inputs: dict[str, FuzzInput],
                   docs: list[ArticleDoc], rng: random.Random, full_sample: int,
                   limits: Limits, workdir: Path, report: FuzzReport) -> None:
    """The whole pipeline over the good inputs and a sample of bad inputs that ingested."""
    from rashomon.api import build_event

    ids_by_file: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        ids_by_file[_file_of(d.article.source)].append(d.id)
    good_files = [i.path for i in all_inputs if i.expect == "good"]
    bad_read = sorted(k for k, i in inputs.items() if i.expect != "good" and ids_by_file.get(k))
    # Script payloads that ingested always go through, to check the written report escapes them.
    scripts = [k for k in bad_read if inputs[k].kind == "script_payload"][: full_sample // 4 or 3]
    rest = [k for k in bad_read if k not in scripts]
    sample = scripts + rng.sample(rest, max(0, min(full_sample - len(scripts), len(rest))))
    good_ids = {i for p in good_files for i in ids_by_file.get(display_name(str(p)), [])}
    try:
        event = build_event([*good_files, *(inputs[k].path for k in sample)], name="fuzz",
                            limits=limits, on_error="record")
        report.full_pipeline_docs = len(event.docs)
        for f in event.errors:
            if f.stage is not None:
                report.crashes.append(f"stage {f.stage} on {f.source}: {f.reason}")
        out_ids = {d.id for d in event.docs}
        for gid in sorted(good_ids - out_ids):
            report.lost.append(f"article {gid}: not analysed by the full pipeline")
        for d in event.docs:
            _check_spans(d, report)
        _check_outputs(event, workdir / "out", report)
    except Exception:  # noqa: BLE001
        report.crashes.append("full pipeline: " + traceback.format_exc(limit=5))


def _accounting_problem(key: str, inp: FuzzInput, items: list[Item]) -> str | None:
    """Why the items produced for one input are not "reported exactly once", or None.

    A file is reported either as a whole (one Failure whose source is the file) or unit by
    unit (JSONL lines, JSON list items, WARC records, feed entries), each unit once; a
    file-level Failure beside unit-level items reports the input twice. A damaged archive
    ("partial") must report its damage.
    """
    sources = [x.source for x in items]
    dupes = sorted({s for s in sources if sources.count(s) > 1})
    fails = [x for x in items if isinstance(x, Failure)]
    said = f"{len(fails)} failures, {len(items) - len(fails)} read: {[f.reason for f in fails]}"
    if dupes:
        return f"{dupes[0]} reported {sources.count(dupes[0])} times; {said}"
    if any(s == key for s in sources) and len(items) > 1:
        return f"reported as a whole and unit by unit; {said}"
    if inp.kind == "vanished" and inp.path.parent.name.startswith("zz-vanish-thread"):
        return None  # deleted by another thread: read, refused once, or gone before listing
    if not items:
        return "nothing reported"
    if inp.expect == "fail" and len(fails) < len(items):
        return f"read as an article although it must be refused; {said}"
    if inp.expect == "partial" and not fails:
        return f"its damage was not reported; {said}"
    return None


def _check_spans(doc: ArticleDoc, report: FuzzReport) -> None:
    n = len(doc.text)
    for span in doc.all_spans():
        if not 0 <= span.start <= span.end <= n:
            report.span_errors.append(f"{doc.article.source}: {span} outside 0..{n}")
            return
    body = doc.body_spans()
    if any(a.end > b.start for a, b in zip(body, body[1:], strict=False)):
        report.span_errors.append(f"{doc.article.source}: body spans overlap or out of order")


def _check_outputs(event: object, outdir: Path, report: FuzzReport) -> None:
    """Write analysis.json, the store and the report; no script payload may come out raw."""
    from rashomon.api import write_json
    from rashomon.outputs.report import output_writers

    write_json(event, outdir / "analysis.json")  # type: ignore[arg-type]
    for writer in output_writers():
        files = writer(event, outdir)  # type: ignore[arg-type]
        for path in files.values():
            if path.suffix == ".html":
                html = path.read_text(encoding="utf-8")
                for raw in ("<script>alert('rashomon-xss')", "onerror=\"alert(1)\"",
                            "<svg/onload=alert(1)>", "<script>fetch("):
                    if raw in html:
                        report.crashes.append(f"{path}: input markup {raw!r} appears unescaped")


def _reason_kind(reason: str) -> str:
    """A reason with numbers, quotes and paths blanked, to count reasons by kind."""
    s = re.sub(r"^(line|item|record) \d+: ", "", reason)
    s = re.sub(r"\(.*", "(...)", s)
    s = re.sub(r"\d[\d,.]*", "N", s)
    return s[:90]


def main(argv: list[str] | None = None) -> int:
    """``python -m rashomon.fuzz``: run a fuzz campaign and print the report."""
    ap = argparse.ArgumentParser(prog="python -m rashomon.fuzz", description=__doc__)
    ap.add_argument("-n", type=int, default=1000, help="bad inputs to generate (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workdir", type=Path, help="keep the inputs here (default: a temp dir)")
    ap.add_argument("--full-sample", type=int, default=40,
                    help="bad inputs that ingested to send through the full pipeline")
    args = ap.parse_args(argv)
    if args.workdir:
        report = run_fuzz(args.n, seed=args.seed, workdir=args.workdir,
                          full_sample=args.full_sample)
    else:
        with tempfile.TemporaryDirectory(prefix="rashomon-fuzz-") as tmp:
            report = run_fuzz(args.n, seed=args.seed, workdir=Path(tmp),
                              full_sample=args.full_sample)
    print(format_fuzz_report(report))
    return 0 if report.ok else 1

