"""The ``rashomon`` command line: each command parses arguments and calls one library function."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import api
from .config import Limits, PipelineConfig
from .errors import MissingExtraError, RashomonError

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Make untrusted text harmless in a terminal: no control or bidi-override characters."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", str(text))


def handle_errors(func: F) -> F:
    """Turn a :class:`RashomonError` into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RashomonError as exc:
            raise click.ClickException(safe(exc)) from exc

    return wrapper  # type: ignore[return-value]


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="rashomon")
def cli() -> None:
    """rashomon: read many news reports of one event and show, with evidence, where the
    outlets agree, where they contradict each other, who said what and through whom each
    claim travelled.

    Start with `rashomon analyze PATH... -o OUTDIR`.
    """


@cli.command()
@click.argument("sources", nargs=-1)
@click.option(
    "-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
    show_default=True, help="Folder for analysis.json and the other outputs.",
)
@click.option("-c", "--config", "config_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Pipeline TOML overriding the default stages.")
@click.option("--name", help="Name of the event (default: the first source's name).")
@click.option("--max-file-mb", type=click.FloatRange(min=0.001), default=20.0, show_default=True,
              help="Refuse input files (and JSONL lines, WARC records, URL bodies) over this.")
@click.option("--max-article-chars", type=click.IntRange(min=1), default=2_000_000,
              show_default=True, help="Refuse articles whose text is longer than this.")
@click.option("--max-articles", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Analyse at most this many articles per event; the rest are reported.")
@click.option("--max-html-depth", type=click.IntRange(min=1), default=400, show_default=True,
              help="Refuse HTML nested deeper than this.")
@click.option("--max-decompressed-mb", type=click.FloatRange(min=0.001), default=200.0,
              show_default=True, help="Refuse compressed inputs that expand beyond this.")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links in input folders that lead outside them (refused by "
              "default).")
@click.option("--max-article-seconds", type=click.FloatRange(min=0.1), default=30.0,
              show_default=True,
              help="Skip (and report) an article whose analysis takes longer than this.")
@click.option("--engine", type=click.Choice(["local", "process", "ray"]), default="local",
              show_default=True, help="Where the article stages run; results are identical.")
@click.option("-j", "--workers", type=click.IntRange(min=1),
              help="Worker processes (process) or actors (ray); default: CPU count.")
@click.option("--address", help="Ray cluster to join (e.g. 'auto'); default: start Ray locally.")
@click.option("--strict", is_flag=True, help="Exit 1 if any input or stage failed.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary on stderr.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
@click.option("--db", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Analyse stories stored by `rashomon ingest` in this store, not SOURCES.")
@click.option("--event", "event_ids", multiple=True,
              help="With --db: the event id (or name) to analyse; repeatable.")
@click.option("--all", "all_events", is_flag=True,
              help="With --db: analyse every event with at least --min-size articles.")
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True,
              help="With --db --all: skip smaller events.")
@handle_errors
def analyze(
    sources: tuple[str, ...],
    outdir: Path,
    config_path: Path | None,
    name: str | None,
    max_file_mb: float,
    max_article_chars: int,
    max_articles: int,
    max_html_depth: int,
    max_decompressed_mb: float,
    follow_symlinks: bool,
    max_article_seconds: float,
    engine: str,
    workers: int | None,
    address: str | None,
    strict: bool,
    quiet: bool,
    as_json: bool,
    db: Path | None,
    event_ids: tuple[str, ...],
    all_events: bool,
    min_size: int,
) -> None:
    """Analyse SOURCES (files, folders, JSONL/WARC archives, http(s) URLs) as one event.

    Writes OUTDIR/analysis.json. Inputs that cannot be read are listed with their reason and
    the other articles are still analysed. Exit code 0 when at least one article was analysed,
    1 when none was (or, with --strict, when anything failed), 2 for usage errors.

    With --db DB and --event ID (or --all), analyses stories already ingested into DB by
    `rashomon ingest` and writes OUTDIR/<event-id>/analysis.json and report.html for each.
    """
    config = PipelineConfig.from_toml(config_path) if config_path else None
    if db is not None:
        if sources or bool(event_ids) == all_events:
            raise click.UsageError(
                "with --db give --event ID (repeatable) or --all, and no SOURCES"
            )
        paths = api.analyze_stored(db, outdir, event_ids=event_ids, all_events=all_events,
                                   min_size=min_size, config=config, engine=engine,
                                   workers=workers, address=address)
        if as_json:
            click.echo(json.dumps({"analyses": [str(p) for p in paths]}, indent=1))
        elif not quiet:
            for p in paths:
                click.echo(safe(p))
        return
    _analyze_sources(sources, outdir, name=name, config=config, limits=Limits(
        max_file_bytes=int(max_file_mb * 1024 * 1024),
        max_article_chars=max_article_chars,
        max_articles=max_articles,
        max_html_depth=max_html_depth,
        max_decompressed_bytes=int(max_decompressed_mb * 1024 * 1024),
        follow_symlinks=follow_symlinks,
        max_article_seconds=max_article_seconds,
    ), engine=engine, workers=workers, address=address, strict=strict, quiet=quiet,
        as_json=as_json)  # fmt: skip


def _analyze_sources(
    sources: tuple[str, ...],
    outdir: Path,
    *,
    name: str | None,
    config: PipelineConfig | None,
    limits: Limits,
    engine: str,
    workers: int | None,
    address: str | None,
    strict: bool,
    quiet: bool,
    as_json: bool,
) -> None:
    """``rashomon analyze SOURCES``: one event, with a progress bar and a summary."""
    from rich.console import Console

    from rashomon.outputs.progress import analysis_progress

    if not sources:
        raise click.UsageError("give SOURCES to analyse, or --db DB with --event ID or --all")
    err = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)
    show = not quiet and err.is_terminal
    with analysis_progress(err, show=show) as progress:
        result = api.analyze(
            sources,
            outdir,
            name=name,
            config=config,
            limits=limits,
            progress=progress,
            engine=engine,
            workers=workers,
            address=address,
        )
    failures = result.failures
    summary = {
        "event": result.event.name,
        "analysed": result.analysed,
        "failed": len(failures),
        "errors": [{"source": f.source, "reason": f.reason, "stage": f.stage} for f in failures],
        "notices": [{"source": n.source, "reason": n.reason, "kind": n.kind}
                    for n in result.event.notices],
        "files": {k: str(v) for k, v in result.files.items()},
    }
    if not quiet:
        for f in failures:
            where = f" [{f.stage}]" if f.stage else ""
            err.print(f"error: {safe(f.source)}{where}: {safe(f.reason)}")
        for n in result.event.notices:
            err.print(f"note: {safe(n.source)}: {safe(n.reason)}")
        err.print(
            f"analysed {result.analysed} article(s), {len(failures)} error(s); "
            f"wrote {safe(result.files['json'])}"
        )
        for kind, path in result.files.items():
            if kind != "json":
                err.print(f"{kind}: {safe(path)}")
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    if result.analysed == 0:
        raise click.exceptions.Exit(1)
    if strict and failures:
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The SQLite store to add to (created when missing).")
@click.option("-c", "--config", "config_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Pipeline TOML; only its article stages run here.")
@click.option("--engine", type=click.Choice(["local", "process", "ray"]), default="local",
              show_default=True, help="Where the article stages run; results are identical.")
@click.option("-j", "--workers", type=click.IntRange(min=1),
              help="Worker processes (process) or actors (ray); default: CPU count.")
@click.option("--address", help="Ray cluster to join (e.g. 'auto'); default: start Ray locally.")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Articles per batch; each batch is committed in one transaction.")
@click.option("--max-file-mb", type=click.FloatRange(min=0.001), default=20.0, show_default=True,
              help="Refuse single articles (files, JSONL lines) larger than this.")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links in input folders that lead outside them (refused by "
              "default).")
@click.option("--max-article-seconds", type=click.FloatRange(min=0.1), default=30.0,
              show_default=True,
              help="Skip (and report) an article whose analysis takes longer than this.")
@click.option("--strict", is_flag=True, help="Exit 1 if any input or stage failed.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary on stderr.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
@handle_errors
def ingest(
    sources: tuple[str, ...],
    db: Path,
    config_path: Path | None,
    engine: str,
    workers: int | None,
    address: str | None,
    batch_size: int,
    max_file_mb: float,
    follow_symlinks: bool,
    max_article_seconds: float,
    strict: bool,
    quiet: bool,
    as_json: bool,
) -> None:
    """Add SOURCES (JSONL/WARC archives, folders, RSS/Atom feeds, URLs) to the store DB.

    Articles are analysed in batches and each is assigned to a story (event). Articles
    already in DB are skipped, so re-running after new input arrived, or after an
    interrupted run, processes only what is missing. List the stories with
    `rashomon events DB`; compare outlets with `rashomon analyze --db DB --event ID`.
    """
    from rich.console import Console

    from rashomon.outputs.progress import ingest_progress

    config = PipelineConfig.from_toml(config_path) if config_path else None
    err = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)
    show = not quiet and err.is_terminal
    total = api.estimate_total(sources) if show else None
    try:
        with ingest_progress(total, disable=not show) as progress:
            result = api.ingest(
                sources, db, config=config, engine=engine, workers=workers, address=address,
                batch_size=batch_size, max_file_bytes=int(max_file_mb * 1024 * 1024),
                follow_symlinks=follow_symlinks, max_article_seconds=max_article_seconds,
                progress=progress, total=total,
            )
    except api.IngestInterrupted as exc:
        err.print(f"interrupted: {safe(exc)}")
        raise click.exceptions.Exit(130) from None
    summary = {
        "db": str(result.db), "read": result.read, "new": result.new, "skipped": result.skipped,
        "failed": result.failed, "notes": result.notes, "events_new": result.events_new,
        "events_touched": result.events_touched, "seconds": round(result.seconds, 2),
        "errors": [{"source": f.source, "reason": f.reason, "stage": f.stage}
                   for f in result.failures],
    }
    if not quiet:
        for f in result.failures:
            where = f" [{f.stage}]" if f.stage else ""
            err.print(f"error: {safe(f.source)}{where}: {safe(f.reason)}")
        if result.failed > len(result.failures):
            err.print(f"... {result.failed - len(result.failures)} more in table ingest_errors")
        err.print(
            f"{result.new} new article(s) ({result.rate:.1f}/s), {result.skipped} already "
            f"stored, {result.failed} error(s); {result.events_new} new and "
            f"{result.events_touched - result.events_new} updated event(s) in {safe(db)}"
        )
        if result.notes:
            err.print(f"{result.notes} store note(s) (stage 'store' in table ingest_errors)")
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    if strict and result.failed:
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--min-size", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only events with at least this many articles.")
@click.option("-n", "--limit", type=click.IntRange(min=1), help="Show at most N events.")
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON.")
@handle_errors
def events(db: Path, min_size: int, limit: int | None, as_json: bool) -> None:
    """List the events (stories) in DB, largest first: size, outlets, dates, top entities."""
    from rich.console import Console
    from rich.table import Table

    rows = api.event_summaries(db, min_size=min_size)[:limit]
    if as_json:
        click.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1))
        return
    table = Table("size", "outlets", "dates", "top entities", "label", "analysed")
    # The id is what `analyze --db DB --event ID` takes: never wrapped or cut.
    table.add_column("id", no_wrap=True, min_width=16)
    for r in rows:
        dates = r.first if r.first == r.last else f"{r.first or '?'} – {r.last or '?'}"
        state = "stale" if r.stale else ("yes" if r.analysed else "")
        outlets = ", ".join(r.outlets[:4]) + (" …" if len(r.outlets) > 4 else "")
        table.add_row(
            str(r.size), safe(outlets), dates or "", safe(", ".join(r.top_entities[:4])),
            safe(r.label[:60]), state, r.id,
        )
    Console(highlight=False).print(table)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the stages as JSON.")
def stages(as_json: bool) -> None:
    """List the registered stages, what they require and what they produce."""
    from .registry import registry
    from .stages import DEFAULT_PIPELINE

    rows: list[dict[str, Any]] = [
        {
            "name": s.name,
            "kind": s.kind,
            "requires": sorted(s.requires),
            "produces": sorted(s.produces),
            "default": s.name in DEFAULT_PIPELINE,
            "doc": s.doc,
        }
        for s in registry
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=1))
        return
    for r in rows:
        mark = "*" if r["default"] else " "
        click.echo(
            f"{mark} {r['name']:<28} {r['kind']:<7} requires={','.join(r['requires']) or '-'} "
            f"produces={','.join(r['produces'])}  {r['doc']}"
        )


@cli.command()
@click.argument("store", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("report.html"), show_default=True, help="HTML file to write.")
@click.option("--event", help="Event id or name (default: the most recently written one).")
@click.option("--template-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of templates overriding the built-in ones.")
@handle_errors
def report(store: Path, output: Path, event: str | None, template_dir: Path | None) -> None:
    """Render the self-contained HTML report of an event in STORE (rashomon.db or its folder)."""
    from rashomon.outputs.report import report_from_store

    click.echo(safe(report_from_store(store, output, event=event, template_dir=template_dir)))


@cli.command()
@click.argument("store", type=click.Path(exists=True, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; anything but loopback shares the store with your network.")
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="TCP port.")
@handle_errors
def serve(store: Path, host: str, port: int) -> None:
    """Browse STORE (rashomon.db or its folder) in a local, read-only web viewer."""
    try:
        from rashomon.outputs.web import serve as serve_viewer
    except ImportError as exc:
        raise MissingExtraError("the viewer needs: pip install 'rashomon[serve]'") from exc
    serve_viewer(store, host=host, port=port)


@cli.command(name="export")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["md", "csv"]), default="md",
              show_default=True, help="md: OUTDIR/findings.md; csv: OUTDIR/csv/<table>.csv.")
@handle_errors
def export_cmd(outdir: Path, fmt: str) -> None:
    """Export OUTDIR/analysis.json as Markdown for a newsroom doc or as one CSV per table."""
    from rashomon.outputs.export import export

    for path in export(outdir, "csv" if fmt == "csv" else "md"):
        click.echo(safe(path))


@cli.command()
@click.option("-n", "count", type=click.IntRange(min=10), default=1000, show_default=True,
              help="Number of generated bad inputs.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the generated inputs here (default: a temporary folder).")
@handle_errors
def fuzz(count: int, seed: int, workdir: Path | None) -> None:
    """Feed COUNT generated bad inputs, mixed with good articles, through ingest and analysis.

    Prints inputs tried, crashes, good articles lost (the records before an archive's cut
    count), bad inputs reported and secrets leaked; exits 1 unless there were no crashes, no
    lost articles, no leaks and every bad input was reported exactly once.
    """
    import tempfile

    from .fuzz import format_fuzz_report, run_fuzz

    with tempfile.TemporaryDirectory(prefix="rashomon-fuzz-") as tmp:
        report = run_fuzz(count, seed=seed, workdir=workdir or Path(tmp))
    click.echo(format_fuzz_report(report))
    if not report.ok:
        raise click.exceptions.Exit(1)


@cli.group(name="eval", context_settings=CONTEXT_SETTINGS)
def eval_group() -> None:
    """Score rashomon's extractors against annotated data in public formats."""


@eval_group.command(name="attribution")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N documents.")
@handle_errors
def eval_attribution(directory: Path, limit: int | None) -> None:
    """Score attribution extraction on brat standoff files in PolNeAR's format.

    DIRECTORY holds text/*.txt and attributions/*.ann (or .txt and .ann side by side).
    Prints exact and overlap precision, recall and F1 for source, cue and content spans.
    """
    from .evaluation.attribution import evaluate_attribution, format_attribution_report

    click.echo(format_attribution_report(evaluate_attribution(directory, limit=limit)))


@eval_group.command(name="timex")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N documents.")
@handle_errors
def eval_timex(directory: Path, limit: int | None) -> None:
    """Score temporal expressions on TimeML .tml files (TempEval-3 style).

    Prints extraction F1 (strict and relaxed) and normalised-value F1.
    """
    from .evaluation.timex import evaluate_timex, format_timex_report

    click.echo(format_timex_report(evaluate_timex(directory, limit=limit)))


@eval_group.command(name="stance")
@click.argument("bodies", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("stances", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@handle_errors
def eval_stance(bodies: Path, stances: Path) -> None:
    """Score the shipped stance classifier on files in FNC-1's format.

    Prints the FNC-1 weighted score, per-class F1 and the confusion matrix.
    """
    from .evaluation.stance import evaluate_stance, format_stance_report

    try:
        report = evaluate_stance(bodies, stances)
    except ValueError as exc:
        raise click.ClickException(safe(exc)) from exc
    click.echo(format_stance_report(report))


@eval_group.command(name="contradiction")
@click.option("--fnc", "fnc_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="FNC-1 folder (train_bodies.csv, train_stances_40k.csv); only the bodies "
                   "the shipped weights held out are scored.")
@click.option("--nli", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="NLI JSON Lines (premise, hypothesis, label, split), e.g. SNLI.")
@click.option("--split", "splits", multiple=True, default=("dev", "test"), show_default=True,
              help="NLI split(s) to score.")
@handle_errors
def eval_contradiction(fnc_dir: Path | None, nli: Path | None, splits: tuple[str, ...]) -> None:
    """Score the shipped contradiction scorer on held-out FNC-1 bodies and NLI pairs.

    Prints disagree precision, recall and F1 beside the stance classifier's, the FNC-1
    weighted score with and without this scorer's disagree calls, and NLI contradiction F1.
    """
    from .evaluation.contradiction import evaluate_contradiction, format_contradiction_report

    if fnc_dir is None and nli is None:
        raise click.UsageError("give --fnc DIR, --nli FILE or both")
    try:
        report = evaluate_contradiction(fnc_dir, nli, splits=splits)
    except ValueError as exc:
        raise click.ClickException(safe(exc)) from exc
    click.echo(format_contradiction_report(report))


@eval_group.command(name="event")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@handle_errors
def eval_event(gold: Path, outdir: Path) -> None:
    """Score OUTDIR/analysis.json against an event gold file (examples/gold/*.json).

    Prints recall and precision per section: metadata, duplicates, aliases, quotes and
    speakers, numbers, hedges, times, timeline and disputes (sides, holders, outlets).
    """
    from .evaluation.event import evaluate_event, format_event_report

    click.echo(format_event_report(evaluate_event(gold, outdir)))


@eval_group.command(name="clusters")
@click.argument("data_dir", required=False,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True,
              help="dev: BASIL 2013-2014 + PolNeAR dev (reported); train: the tuning part.")
@handle_errors
def eval_clusters(data_dir: Path | None, split: str) -> None:
    """Score online story clustering on the labelled set built from DATA_DIR.

    DATA_DIR is the shared development data folder (default: ../shared/data beside the
    checkout). BASIL triplets are one story each; PolNeAR articles are mostly distinct.
    Prints pairwise and B-cubed precision, recall and F1.
    """
    from .evaluation.clusters import DEFAULT_DATA_DIR, evaluate_clustering, format_cluster_report

    if data_dir is None:
        data_dir = DEFAULT_DATA_DIR
        if not data_dir.is_dir():
            raise click.UsageError("give DATA_DIR (the shared development data folder)")
    report = evaluate_clustering(data_dir, split="train" if split == "train" else "dev")
    click.echo(format_cluster_report(report))


def main() -> None:  # pragma: no cover - console entry for `python -m rashomon`
    """Run the CLI."""
    cli(prog_name="rashomon")


if __name__ == "__main__":  # pragma: no cover
    main()
