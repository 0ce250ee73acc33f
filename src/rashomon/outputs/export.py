"""Export ``OUTDIR/analysis.json`` as Markdown for a newsroom doc, or as one CSV per table.

Both read only the published ``analysis.json`` contract, so they work on any past output.
Untrusted article text is escaped for each target: Markdown control characters are
backslash-escaped, and CSV cells that a spreadsheet would run as a formula get a leading
apostrophe (OWASP's CSV-injection advice).
"""

from __future__ import annotations

import bisect
import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from rashomon.errors import RashomonError
from rashomon.extract.event.brief import plain

Format = Literal["md", "csv"]
MARKDOWN_NAME = "findings.md"
CSV_DIR = "csv"
# Article columns too long for a spreadsheet cell; the SQLite store has them.
_SKIP_COLUMNS = {"articles": {"text", "body"}}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_BRIEF_TITLES = {"consensus": "What the outlets agree on", "dispute": "Where they disagree",
                 "timeline": "What happens next / when"}


class ExportError(RashomonError):
    """``analysis.json`` is missing or unreadable."""


def load_analysis(outdir: Path) -> dict[str, Any]:
    """Read ``OUTDIR/analysis.json``.

    Raises:
        ExportError: the file is missing or is not JSON.
    """
    path = outdir / "analysis.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ExportError(
            f"{path}: not found (run `rashomon analyze PATH... -o {outdir}` first)") from exc
    except (OSError, ValueError) as exc:
        raise ExportError(f"{path}: cannot read it as JSON: {exc}") from exc
    if not isinstance(data, dict) or "articles" not in data:
        raise ExportError(f"{path}: not a rashomon analysis.json (no 'articles')")
    return data


def export(outdir: Path, fmt: Format) -> list[Path]:
    """Write the Markdown findings or the CSV tables for the analysis in ``outdir``.

    Args:
        outdir: the folder holding ``analysis.json`` (outputs are written beside it).
        fmt: ``"md"`` for ``OUTDIR/findings.md``; ``"csv"`` for ``OUTDIR/csv/<table>.csv``.

    Returns:
        The files written.

    Raises:
        ExportError: ``analysis.json`` is missing or unreadable.
        ValueError: unknown format.
    """
    data = load_analysis(outdir)
    if fmt == "md":
        path = outdir / MARKDOWN_NAME
        path.write_text(to_markdown(data), encoding="utf-8")
        return [path]
    if fmt == "csv":
        return write_csv_tables(data, outdir / CSV_DIR)
    raise ValueError(f"unknown export format {fmt!r} (use 'md' or 'csv')")


# --------------------------------------------------------------------------------------------
# Shared look-ups


class _Texts:
    """Article texts, outlets and sentence bounds from analysis.json."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.articles = {a["id"]: a for a in data.get("articles", [])}
        starts: dict[str, list[tuple[int, int]]] = {}
        for s in data.get("sentences", []):
            starts.setdefault(s["article"], []).append((s["start"], s["end"]))
        self.sentences = {k: sorted(v) for k, v in starts.items()}

    def outlet(self, article_id: str) -> str:
        a = self.articles.get(article_id)
        if a is None:
            return "unknown source"
        return str(a.get("outlet") or Path(str(a.get("source", "?")).split("#")[0]).name)

    def span(self, article_id: str, start: int, end: int) -> str:
        a = self.articles.get(article_id)
        return "" if a is None else str(a["text"][start:end])

    def sentence(self, article_id: str, start: int, end: int) -> str:
        """The sentence containing the span (the span itself when no sentence contains it)."""
        sents = self.sentences.get(article_id, [])
        i = bisect.bisect_right(sents, (start, float("inf"))) - 1
        if i >= 0 and sents[i][0] <= start and end <= sents[i][1]:
            start, end = sents[i]
        return " ".join(self.span(article_id, start, end).split())


# --------------------------------------------------------------------------------------------
# Markdown


def md_escape(text: str) -> str:
    """Text safe inside a Markdown paragraph: one line, markup characters backslash-escaped,
    control and bidi characters written as visible escapes (``\\u202e``)."""
    return _MD_SPECIAL.sub(r"\\\1", plain(str(text)))


def _cite(t: _Texts, ev: dict[str, Any]) -> str:
    quote = t.sentence(ev["article"], ev["start"], ev["end"])
    return f"*{md_escape(t.outlet(ev['article']))}*: “{md_escape(quote)}”"


def to_markdown(data: dict[str, Any]) -> str:
    """The brief, disputes, numbers and timeline as Markdown, every line with its citations."""
    t = _Texts(data)
    event = data.get("event", {})
    articles = data.get("articles", [])
    outlets = sorted({t.outlet(a["id"]) for a in articles})
    dates = sorted(str(a["published"])[:10] for a in articles if a.get("published"))
    out: list[str] = [f"# {md_escape(event.get('name', 'Event'))}", ""]
    when = f", published {dates[0]} to {dates[-1]}" if dates else ""
    out += [f"{len(articles)} reports from {len(outlets)} outlets{when}. Every finding below "
            "cites the outlet and the sentence it comes from.", ""]

    out += ["## Brief", ""]
    brief = data.get("brief", [])
    if not brief:
        out += ["_No brief was produced in this run._", ""]
    for section in [*_BRIEF_TITLES, *sorted({b["section"] for b in brief} - set(_BRIEF_TITLES))]:
        lines = [b for b in brief if b["section"] == section]
        if not lines:
            continue
        out += [f"### {_BRIEF_TITLES.get(section, md_escape(section.title()))}", ""]
        for b in lines:
            out.append(f"- {md_escape(b['text'])}")
            out += [f"  - {_cite(t, c)}" for c in b.get("citations", [])]
        out.append("")

    out += ["## Disputes", ""]
    disputes = sorted(data.get("disputes", []), key=lambda d: -float(d.get("score", 0)))
    if not disputes:
        out += ["_No disputes were found in this run._", ""]
    for i, d in enumerate(disputes, 1):
        out += [f"### {i}. {md_escape(d['question'])}", "",
                f"_{md_escape(d.get('kind', ''))}, score {float(d.get('score', 0)):.2f}_",
                ""]
        for side in d.get("sides", []):
            who = []
            if side.get("holders"):
                who.append("held by " + ", ".join(md_escape(h) for h in side["holders"]))
            if side.get("outlets"):
                who.append("reported by " + ", ".join(md_escape(o) for o in side["outlets"]))
            tail = f" ({'; '.join(who)})" if who else ""
            out.append(f"- **{md_escape(side['position'])}**{tail}")
            out += [f"  - {_cite(t, ev)}" for ev in side.get("evidence", [])]
        out.append("")

    numbers = data.get("numbers", [])
    if numbers:
        out += ["## Numbers", ""]
        for s in numbers:
            out += [f"### {md_escape(s['slot'])}: {md_escape(s.get('verdict', ''))}", ""]
            if s.get("explanation"):
                out += [md_escape(s["explanation"]), ""]
            out += ["| Outlet | Figure | Published | Attributed to | Sentence |",
                    "|---|---|---|---|---|"]
            for v in s.get("values", []):
                fig = " ".join(x for x in (v.get("qualifier") or "", _num(v["value"])) if x)
                out.append(
                    f"| {md_escape(v.get('outlet') or t.outlet(v['article']))} "
                    f"| {md_escape(fig)} | {md_escape(v.get('published') or '')} "
                    f"| {md_escape(v.get('attributed_to') or '')} "
                    f"| “{md_escape(t.sentence(v['article'], v['start'], v['end']))}” |")
            out.append("")

    timeline = sorted(data.get("timeline", []), key=lambda x: x["date"])
    if timeline:
        out += ["## Timeline", ""]
        for e in timeline:
            out.append(f"- **{md_escape(e['date'])}** {md_escape(e['text'])}")
            out += [f"  - {_cite(t, ev)}" for ev in e.get("evidence", [])]
        out.append("")

    out += ["## Sources", "", "| Outlet | Title | Published | Source |", "|---|---|---|---|"]
    for a in articles:
        out.append(f"| {md_escape(t.outlet(a['id']))} | {md_escape(a.get('title') or '')} "
                   f"| {md_escape(a.get('published') or '')} "
                   f"| {md_escape(a.get('url') or a.get('source') or '')} |")
    out.append("")
    return "\n".join(out)


def _num(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


# --------------------------------------------------------------------------------------------
# CSV


def csv_safe(value: Any) -> Any:
    """A cell value a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def csv_tables(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Flatten analysis.json into tables: one per top-level list, one per nested list of objects.

    Nested rows carry their parents' ids (or positions) so tables join back together; rows
    with ``article``/``start``/``end`` also get the ``outlet`` and the covered ``text``.
    """
    t = _Texts(data)
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, value in data.items():
        if name == "coverage" and isinstance(value, dict):
            tables["coverage"] = [
                {"outlet": outlet, "group": group, "state": state}
                for outlet, states in value.items() for group, state in states.items()
            ]
        elif isinstance(value, list):
            _explode(name, value, {}, tables, t)
    return tables


def _explode(name: str, rows: Iterable[Any], parents: dict[str, Any],
             tables: dict[str, list[dict[str, Any]]], t: _Texts) -> None:
    table = tables.setdefault(name, [])
    skip = _SKIP_COLUMNS.get(name, set())
    singular = (name[:-3] + "y" if name.endswith("ies")
                else name[:-1] if name.endswith("s") else name)
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            table.append({**parents, "value": _cell(row)})
            continue
        out: dict[str, Any] = dict(parents)
        key = {f"{singular}_id": row["id"]} if "id" in row else {f"{singular}_index": i}
        if "id" not in row:
            out.update(key)
        for k, v in row.items():
            if k in skip:
                continue
            if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                _explode(f"{name}_{k}", v, {**parents, **key}, tables, t)
                out[k] = len(v)
            else:
                out[k] = _cell(v)
        if isinstance(row.get("article"), str) and "start" in row and "end" in row:
            out.setdefault("outlet", t.outlet(row["article"]))
            out.setdefault("text", t.span(row["article"], row["start"], row["end"]))
        table.append(out)


def write_csv_tables(data: dict[str, Any], folder: Path) -> list[Path]:
    """Write every table of :func:`csv_tables` as ``folder/<table>.csv`` (UTF-8, header row).

    Returns:
        The files written, sorted by name (a top-level list with no rows gives an empty file).
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in sorted(csv_tables(data).items()):
        columns: list[str] = []
        for r in rows:
            columns += [c for c in r if c not in columns]
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            if not columns:
                paths.append(path)
                continue
            writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for r in rows:
                writer.writerow({k: csv_safe(v) for k, v in r.items()})
        paths.append(path)
    return paths
