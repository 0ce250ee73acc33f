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
import gzip
import json
import os
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

from .config import Limits, PipelineConfig, StageConfig
from .model import Article, ArticleDoc, Failure

__all__ = ["FuzzReport", "format_fuzz_report", "run_fuzz"]

# The stages run over every input; spaCy (nlp and what needs its parse) only over a sample.
CHEAP_STAGES = ("clean.lines.v1", "meta.rules.v1")
_SUFFIX = re.compile(r"(?::\d+|#(?:item|record)-\d+)$")


# --------------------------------------------------------------------------------------------
# Invented good articles (no real events or people)

_PLACES = (
    "Varnholt", "Ostrava Nova", "Kelmsby", "Port Arenne", "Duvik", "Maranza", "Teslow",
    "Quillon", "Brakmar", "Sundeval", "Corvetta", "Hallowmere", "Ilsengrad", "Pemberlin",
    "Rocavento", "Zelmira", "Andrecourt", "Faldheim", "Niverro", "Stolbeck",
)
_EVENTS = (
    ("a ferry ran aground", "passengers were rescued", "the harbour master"),
    ("a warehouse fire broke out", "workers were evacuated", "the fire chief"),
    ("a bridge was closed", "drivers were diverted", "the transport ministry"),
    ("a landslide blocked the valley road", "homes were cleared", "the regional governor"),
    ("a power cut hit the old town", "households lost electricity", "the grid operator"),
    ("floodwater entered the market square", "shops were shut", "the mayor"),
    ("a freight train derailed", "wagons left the track", "the rail inspector"),
    ("a dam spillway cracked", "villagers moved uphill", "the water authority"),
    ("a gas leak forced a school to close", "pupils were sent home", "the police"),
    ("a storm tore roofs off", "families sought shelter", "the civil defence agency"),
)
_MONTHS = ("March", "April", "May", "June", "July", "September", "October", "November")


def good_article(i: int) -> tuple[str, str]:
    """The title and text of invented good article ``i`` (distinct for every ``i``)."""
    place = _PLACES[i % len(_PLACES)]
    what, effect, who = _EVENTS[i % len(_EVENTS)]
    count = 12 + 7 * i
    month = _MONTHS[i % len(_MONTHS)]
    day = 1 + (i * 3) % 27
    title = f"{place}: {what[0].upper()}{what[1:]}"
    text = (
        f"{title}\n\n"
        f"{place}, {month} {day} - Early on Tuesday {what} near {place}, and at least {count} "
        f"{effect}, {who} said.\n\n"
        f'"We acted as fast as we could," a spokesperson for {who} told reporters on '
        f"{month} {day}, 2031. Officials said {count + 3} people had been checked by medics.\n\n"
        f"Residents described hours of confusion. Maria Ostrovan, who lives nearby, said the "
        f"warnings came late. The cause is still being investigated, according to {who}.\n"
    )
    return title, text


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
        return not (self.crashes or self.lost or self.misreported or self.span_errors)


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
    ):
        for item in items[:10]:
            lines.append(f"  {title}: {item}")
    lines.append("top reasons:")
    for reason, count in report.reasons.most_common(12):
        lines.append(f"  {count:5d}  {reason}")
    lines.append("OK" if report.ok else "FAILED")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Inputs


@dataclass
class _Input:
    path: Path
    kind: str
    # "fail": must be refused (never read as an article); "either": refused or read, each
    # unit once; "good": must come out as an analysed article.
    expect: str
    marker: str | None = None  # for good inputs: a sentence that must be in the article text


_LONG_LINE_MB = 50


class _Maker:
    """Writes the fuzz inputs into ``root``; each method makes one input of one kind."""

    def __init__(self, root: Path, rng: random.Random, limits: Limits) -> None:
        self.root = root
        self.rng = rng
        self.limits = limits
        self.inputs: list[_Input] = []
        self.n = 0

    def _path(self, folder: str, suffix: str) -> Path:
        self.n += 1
        d = self.root / folder
        d.mkdir(parents=True, exist_ok=True)
        return d / f"f{self.n:05d}{suffix}"

    def add(self, kind: str, data: bytes, suffix: str, *, expect: str = "either",
            folder: str | None = None) -> Path:
        path = self._path(folder or f"d{self.n // 50:03d}", suffix)
        path.write_bytes(data)
        self.inputs.append(_Input(path, kind, expect))
        return path

    def base_text(self) -> str:
        """A good-looking article text made unique to this input (load_docs keeps one copy of
        a text, so two inputs must never share one)."""
        _, text = good_article(1000 + self.rng.randrange(10_000))
        return text + f"Reference number {self.n + 1}.\n"

    def junk_text(self, k: int = 40) -> str:
        alphabet = (
            "abc XYZ 123 .,;:!?\"'()\n\t\u00e9\u00df\u4e2d\u0416\u202e\u202d\u200f\u2066"
            "\u0000\u0001\u001b\u007f\ufeff\ufffd\U0001f600<>&/\\{}[]"
        )
        return "".join(self.rng.choice(alphabet) for _ in range(self.rng.randint(0, k)))

    # ---- one method per kind; each returns nothing and appends to self.inputs

    def truncated_html(self) -> None:
        text = self.base_text()
        page = _html_page("Truncated", text)
        cut = self.rng.randrange(0, len(page))
        self.add("truncated_html", page[:cut].encode("utf-8"), ".html")

    def wrong_encoding(self) -> None:
        text = self.base_text()
        text += " Caf\u00e9 cr\u00e8me \u2014 \u201cquoted\u201d \u0416\u0438\u0437\u043d\u044c."
        codec = self.rng.choice(["utf-16", "utf-16-le", "utf-32", "cp1251", "koi8-r", "latin-1",
                                 "shift_jis", "cp437", "mac_roman", "utf-8-sig"])
        data = text.encode(codec, "replace")
        if codec in ("latin-1", "cp1251") and self.rng.random() < 0.5:
            # A page that declares the wrong charset.
            head = b'<html><head><meta charset="utf-8"></head><body><p>'
            data = head + data + b"</p></body></html>"
            self.add("wrong_encoding", data, ".html")
        else:
            self.add("wrong_encoding", data, self.rng.choice([".txt", ".jsonl"]))

    def nul_bytes(self) -> None:
        text = self.base_text()
        raw = bytearray(text.encode("utf-8"))
        share = self.rng.choice([0.001, 0.005, 0.3])
        for _ in range(max(1, int(len(raw) * share))):
            raw.insert(self.rng.randrange(len(raw) + 1), 0)
        self.add("nul_bytes", bytes(raw), self.rng.choice([".txt", ".html", ".json"]))

    def deep_html(self) -> None:
        depth = self.limits.max_html_depth + self.rng.randint(1, 3000)
        tag = self.rng.choice(["div", "span", "b", "section"])
        page = ("<html><body>" + f"<{tag}>" * depth + "<p>deep text here.</p>"
                + f"</{tag}>" * self.rng.choice([0, depth]) + "</body></html>")
        self.add("deep_html", page.encode(), ".html", expect="fail")

    def huge_jsonl_line(self) -> None:
        # Over the per-line cap but not enormous (the 50 MB line is made once, separately).
        size = self.limits.max_file_bytes + self.rng.randint(1, 4096)
        line = b'{"text": "' + b"a" * size + b'"}\n'
        self.add("huge_jsonl_line", line, ".jsonl", expect="fail")

    def empty_file(self) -> None:
        data = self.rng.choice([b"", b"   \n\t\n", b"\n" * 50, b"\xef\xbb\xbf"])
        suffix = self.rng.choice([".txt", ".html", ".json", ".jsonl", ".warc", ".txt.gz"])
        if suffix.endswith(".gz"):
            data = gzip.compress(data)
        self.add("empty_file", data, suffix, expect="fail")

    def binary_junk(self) -> None:
        n = self.rng.randint(16, 4096)
        data = self.rng.choice([
            bytes(self.rng.getrandbits(8) for _ in range(n)),
            b"\x89PNG\r\n\x1a\n" + bytes(n),
            b"%PDF-1.7\n" + bytes(self.rng.getrandbits(8) for _ in range(n)),
            b"\x7fELF\x02\x01\x01" + bytes(n),
        ])
        self.add("binary_junk", data, self.rng.choice([".txt", ".html", ".json", ".jsonl",
                                                       ".warc", ".txt.gz", ".htm"]))

    def malformed_json(self) -> None:
        text = self.base_text()
        good = json.dumps({"text": text, "title": "x"})
        variants = [
            good[: self.rng.randrange(1, len(good))],
            good.replace(":", "", 1),
            "[" * 100_000 + "]" * 100_000,
            '{"text": ' + "[" * 5000 + "]" * 5000 + "}",
            '{"text": 12, "title": {"a": 1}}',
            '{"title": "no text"}',
            "null",
            "[1, 2, 3]",
            f'{{"text": "ok {self.n}", "published": true}}',
            f'{{"text": "\\ud800\\udbff lone surrogates \\udc00 {self.n}"}}',
            '{"html": "<p>' + "\\u0000" * 10 + f'{self.n}</p>"}}',
            "{'single': 'quotes'}",
            '{"text": "a"} trailing',
            self.junk_text(),
        ]
        self.add("malformed_json", self.rng.choice(variants).encode("utf-8", "surrogatepass"),
                 self.rng.choice([".json", ".jsonl"]))

    def lone_surrogates(self) -> None:
        text = self.base_text()
        sur = "".join(chr(self.rng.randrange(0xD800, 0xE000)) for _ in range(3))
        body = text[:40] + sur + text[40:]
        choice = self.rng.randrange(3)
        if choice == 0:
            self.add("lone_surrogates", json.dumps({"text": body}).encode(), ".jsonl")
        elif choice == 1:
            self.add("lone_surrogates", body.encode("utf-8", "surrogatepass"), ".txt")
        else:
            self.add("lone_surrogates", _html_page("S", body).encode("utf-8", "surrogatepass"),
                     ".html")

    def control_chars(self) -> None:
        text = self.base_text()
        ctrl = "".join(chr(self.rng.choice([1, 2, 7, 8, 11, 12, 27, 127, 0x85, 0x9B, 0x2028,
                                             0x2029, 0xFEFF, 0x200B]))
                       for _ in range(self.rng.randint(1, 60)))
        pos = self.rng.randrange(len(text))
        body = text[:pos] + ctrl + text[pos:]
        self.add("control_chars", body.encode("utf-8"), self.rng.choice([".txt", ".html"]))

    def rtl_override(self) -> None:
        text = self.base_text()
        body = text.replace("said", "\u202esaid\u202c", 1).replace(" the ", " \u2067the\u2069 ", 2)
        body = "\u202e" + body + "\u200f\u061c"
        if self.rng.random() < 0.5:
            self.add("rtl_override", json.dumps({"text": body, "title": "\u202eeltit"},
                                                ensure_ascii=False).encode(), ".jsonl")
        else:
            self.add("rtl_override", body.encode(), ".txt")

    def script_payload(self) -> None:
        text = self.base_text()
        payload = self.rng.choice([
            "<script>alert('rashomon-xss')</script>",
            '<img src=x onerror="alert(1)">',
            "<svg/onload=alert(1)>",
            "javascript:alert(document.cookie)",
            "</textarea><script>fetch('http://127.0.0.1/steal')</script>",
            "{{7*7}}{% raw %}${7*7}",
            "'; DROP TABLE articles; --",
        ])
        where = self.rng.randrange(3)
        if where == 0:
            data = _html_page(payload, text.replace("\n\n", f"\n\n{payload}\n\n", 1)).encode()
            self.add("script_payload", data, ".html")
        elif where == 1:
            obj = {"text": text + payload, "title": payload, "outlet": payload, "url": payload}
            self.add("script_payload", json.dumps(obj).encode(), ".jsonl")
        else:
            self.add("script_payload", (payload + "\n" + text).encode(), ".txt")

    def bad_gzip(self) -> None:
        text = self.base_text()
        data = gzip.compress(text.encode())
        data = data[: self.rng.randrange(2, len(data))] if self.rng.random() < 0.6 else (
            b"\x1f\x8b" + bytes(self.rng.getrandbits(8) for _ in range(200)))
        self.add("bad_gzip", data, self.rng.choice([".txt.gz", ".jsonl.gz", ".warc.gz",
                                                    ".html.gz"]), expect="fail")

    def bad_warc(self) -> None:
        text = self.base_text()
        rec = _warc_record("http://example.invalid/a", _html_page("W", text).encode())
        variants = [
            rec[: self.rng.randrange(1, len(rec))],
            rec.replace(b"WARC-Type: response", b"WARC-Type: \xff\xfe"),
            rec.replace(b"Content-Length: ", b"Content-Length: -", 1),
            rec.replace(b"Content-Length: ", b"Content-Length: 99999999", 1),
            b"WARC/1.0\r\n" + self.junk_text(200).encode("utf-8", "surrogatepass"),
            b"WARC/1.0\r\n\r\n\r\n",
        ]
        data = self.rng.choice(variants)
        if self.rng.random() < 0.4:
            data = gzip.compress(data)
        self.add("bad_warc", data, ".warc.gz" if data[:2] == b"\x1f\x8b" else ".warc")

    def junk_text_file(self) -> None:
        data = self.junk_text(400).encode("utf-8", "surrogatepass")
        self.add("junk_text", data, self.rng.choice([".txt", ".html", ".htm", ".xhtml"]))

    def vanishing(self, folder: str) -> Path:
        text = self.base_text()
        path = self._path(folder, self.rng.choice([".txt", ".html", ".jsonl"]))
        if path.suffix == ".jsonl":
            path.write_text(json.dumps({"text": text}) + "\n")
        else:
            path.write_text(text)
        self.inputs.append(_Input(path, "vanished", "fail"))
        return path

    def symlink_loop(self) -> None:
        a = self._path("links", ".txt")
        b = self._path("links", ".html")
        os.symlink(b.name, a)
        os.symlink(a.name, b)
        self.inputs.append(_Input(a, "symlink_loop", "fail"))
        self.inputs.append(_Input(b, "symlink_loop", "fail"))
        broken = self._path("links", ".json")
        os.symlink("does-not-exist.json", broken)
        self.inputs.append(_Input(broken, "broken_symlink", "fail"))

    def dir_loop(self) -> None:
        d = self.root / f"loop{self.n:05d}"
        d.mkdir()
        os.symlink(".", d / "self")
        os.symlink("..", d / "parent")
        self.n += 1

    def long_line(self) -> None:
        """A single 50 MB line, as JSONL and as text; written in chunks (not held in memory)."""
        for suffix in (".jsonl", ".txt"):
            path = self._path("long", suffix)
            with path.open("wb") as fh:
                fh.write(b'{"text": "')
                chunk = b"word " * 200_000  # 1 MB
                for _ in range(_LONG_LINE_MB):
                    fh.write(chunk)
                fh.write(b'"}\n')
            self.inputs.append(_Input(path, "long_line_50mb", "fail"))

    def bombs(self) -> None:
        """Small gzip files that decompress past ``max_decompressed_bytes``."""
        size = self.limits.max_decompressed_bytes + (1 << 20)
        record_head = (
            b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.invalid/\r\n"
            b"Content-Type: application/http; msgtype=response\r\n"
            b"Content-Length: " + str(size).encode() + b"\r\n\r\n"
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"
        )
        for suffix, head, fill in (
            (".txt.gz", b"", b" "),
            (".jsonl.gz", b"", b" "),
            (".warc.gz", record_head, b"a"),
            (".html.gz", b"<html><body><p>", b"a"),
        ):
            path = self._path("bombs", suffix)
            with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb",
                                                       compresslevel=9) as gz:
                gz.write(head)
                block = fill * (1 << 20)
                for _ in range(size // len(block) + 1):
                    gz.write(block)
            self.inputs.append(_Input(path, "compression_bomb", "fail"))

    def oversize_file(self) -> None:
        path = self._path("long", ".html")
        with path.open("wb") as fh:
            fh.truncate(self.limits.max_file_bytes + 1)  # sparse: costs no disk
        self.inputs.append(_Input(path, "oversize_file", "fail"))

    def mixed_jsonl(self) -> None:
        """A JSONL file with good and bad lines: each line is its own unit."""
        lines = []
        for _ in range(self.rng.randint(2, 6)):
            lines.append(self.rng.choice([
                "{bad json", '{"text": ""}', "[]", '{"text": 5}', '{"html": "<div></div>"}',
            ]))
        self.add("mixed_jsonl_lines", ("\n".join(lines) + "\n").encode(), ".jsonl")

    def good(self, i: int) -> None:
        title, text = good_article(i)
        fmt = ("txt", "html", "jsonl", "json", "warc", "txt.gz", "html.gz", "warc.gz")[i % 8]
        marker = text.split("\n\n")[1].split(" - ", 1)[1].split(",")[0]
        folder = f"d{self.rng.randrange(0, max(1, self.n // 50) + 1):03d}"
        path = self._path(folder, "." + fmt)
        if fmt in ("txt", "txt.gz"):
            data = text.encode()
        elif fmt in ("html", "html.gz"):
            data = _html_page(title, text).encode()
        elif fmt == "jsonl":
            data = (json.dumps({"text": text, "title": title, "outlet": f"Outlet {i}"})
                    + "\n").encode()
        elif fmt == "json":
            data = json.dumps({"text": text, "title": title}).encode()
        else:
            data = _warc_record(f"http://example.invalid/{i}", _html_page(title, text).encode())
        if fmt.endswith(".gz"):
            data = gzip.compress(data)
        path.write_bytes(data)
        self.inputs.append(_Input(path, "good", "good", marker=marker))


def _html_page(title: str, text: str) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n")[1:])
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title><script>var tracking = 'do-not-index';</script></head>"
        f"<body><nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav><article>"
        f"<h1>{title}</h1>\n{paras}</article><footer>Copyright 2031</footer></body></html>"
    )


def _warc_record(uri: str, html: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2031-05-01T10:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


_BULK_KINDS = (
    "truncated_html", "wrong_encoding", "nul_bytes", "deep_html", "huge_jsonl_line",
    "empty_file", "binary_junk", "malformed_json", "lone_surrogates", "control_chars",
    "rtl_override", "script_payload", "bad_gzip", "bad_warc", "junk_text_file", "mixed_jsonl",
)
# Kinds that are slow to make or read are drawn less often.
_WEIGHTS = {"deep_html": 0.3, "huge_jsonl_line": 0.05, "bad_gzip": 0.6}


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
    from .api import build_event, load_docs
    from .ingest import iter_articles
    from .pipeline import Pipeline

    t0 = time.perf_counter()
    limits = limits or Limits()
    rng = random.Random(seed)
    root = Path(workdir) / "corpus"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    report = FuzzReport()
    mk = _Maker(root, rng, limits)

    # Fixed, expensive kinds once each; then random kinds until n bad inputs; good articles
    # scattered among them.
    mk.long_line()
    mk.bombs()
    mk.oversize_file()
    mk.symlink_loop()
    mk.dir_loop()
    kinds = list(_BULK_KINDS)
    weights = [_WEIGHTS.get(k, 1.0) for k in kinds]
    good_at = sorted(rng.sample(range(max(n, good)), good))
    gi = 0
    while sum(1 for i in mk.inputs if i.expect != "good") < n:
        while gi < len(good_at) and good_at[gi] <= len(mk.inputs):
            mk.good(gi)
            gi += 1
        kind = rng.choices(kinds, weights)[0]
        getattr(mk, kind if kind != "junk_text_file" else "junk_text_file")()
    while gi < good:
        mk.good(gi)
        gi += 1
    # Files that vanish: some between the folder listing and the read (deterministic, below),
    # some from another thread while the bulk run reads the corpus.
    vanish_sync = [mk.vanishing("vanish-sync") for _ in range(max(3, n // 100))]
    vanish_thread = [mk.vanishing("zz-vanish-thread") for _ in range(max(3, n // 100))]
    mk.inputs[-2 * len(vanish_sync)].expect = "either"  # read before the others vanish

    inputs = {str(i.path): i for i in mk.inputs}
    report.good_articles = sum(1 for i in mk.inputs if i.expect == "good")
    report.bad_inputs = len(mk.inputs) - report.good_articles
    report.inputs = len(mk.inputs)
    report.kinds = Counter(i.kind for i in mk.inputs)

    # Memory: the 50 MB line and the bombs, measured on their own.
    def ingest_one(path: Path) -> Callable[[], object]:
        return lambda: list(iter_articles([path], limits=limits))

    for inp in mk.inputs:
        if inp.kind == "long_line_50mb" and inp.path.suffix == ".jsonl":
            report.long_line_peak_mb = _traced_peak(ingest_one(inp.path))
        if inp.kind == "compression_bomb" and inp.path.name.endswith(".jsonl.gz"):
            report.bomb_peak_mb = _traced_peak(ingest_one(inp.path))

    # 1. Deterministic vanishing: delete the later files of a folder once its first is read.
    produced: dict[str, list[Article | Failure]] = defaultdict(list)
    try:
        for item in iter_articles([root / "vanish-sync"], limits=limits):
            produced[_file_of(item.source)].append(item)
            for p in vanish_sync[1:]:
                p.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001
        report.crashes.append("ingest (vanish-sync): " + traceback.format_exc(limit=3))
    shutil.rmtree(root / "vanish-sync")

    # 2. The bulk: everything through load_docs while a thread deletes files.
    stop = threading.Event()

    def vandal() -> None:
        for p in vanish_thread:
            if stop.wait(rng.uniform(0.0, 0.05)):
                return
            p.unlink(missing_ok=True)

    t1 = time.perf_counter()
    thread = threading.Thread(target=vandal, daemon=True)
    thread.start()
    docs: list[ArticleDoc] = []
    failures: list[Failure] = []
    try:
        docs, failures = load_docs([root], limits=limits)
    except Exception:  # noqa: BLE001
        report.crashes.append("load_docs: " + traceback.format_exc(limit=5))
    stop.set()
    thread.join()
    for f in failures:
        produced[_file_of(f.source)].append(f)
    for d in docs:
        produced[_file_of(d.article.source)].append(d.article)
    # load_docs keeps one copy of a text; duplicates are invisible here, which is fine for bad
    # inputs (several bad inputs may clean up to the same text) but good articles are distinct.

    # Cheap stages over every doc.
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
    report.ingest_seconds = time.perf_counter() - t1

    # 3. Account for every input.
    ids_by_file: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        ids_by_file[_file_of(d.article.source)].append(d.id)
    for key, inp in inputs.items():
        items = produced.get(key, [])
        fails = [x for x in items if isinstance(x, Failure)]
        arts = [x for x in items if isinstance(x, Article)]
        for f in fails:
            report.reasons[_reason_kind(f.reason)] += 1
            if not f.reason.strip():
                report.misreported.append(f"{key}: empty reason")
        if inp.expect == "good":
            ok = [a for a in arts if a.id in analysed and inp.marker and inp.marker in a.text]
            if not ok:
                report.lost.append(f"{key} ({inp.kind}): {[f.reason for f in fails]}")
            continue
        report.reported += len(fails)
        report.read_as_articles += len(arts)
        problem = _accounting_problem(key, inp, items)
        if problem:
            report.misreported.append(f"{key} ({inp.kind}): {problem}")
    unknown = set(produced) - set(inputs)
    for key in sorted(unknown):
        report.misreported.append(f"{key}: reported but not an input we wrote")

    # 4. Full pipeline over the good articles and a sample of bad inputs that ingested.
    t2 = time.perf_counter()
    good_files = [i.path for i in mk.inputs if i.expect == "good"]
    bad_read = sorted(k for k, i in inputs.items() if i.expect != "good" and ids_by_file.get(k))
    # Script payloads that ingested always go through, to check the written report escapes them.
    scripts = [k for k in bad_read if inputs[k].kind == "script_payload"][: full_sample // 4 or 3]
    rest = [k for k in bad_read if k not in scripts]
    sample = scripts + rng.sample(rest, max(0, min(full_sample - len(scripts), len(rest))))
    good_ids = {ids_by_file[str(p)][0] for p in good_files if ids_by_file.get(str(p))}
    try:
        event = build_event([*good_files, *sample], name="fuzz", limits=limits,
                            on_error="record")
        report.full_pipeline_docs = len(event.docs)
        for f in event.errors:
            if f.stage is not None:
                report.crashes.append(f"stage {f.stage} on {f.source}: {f.reason}")
        out_ids = {d.id for d in event.docs}
        for gid in sorted(good_ids - out_ids):
            report.lost.append(f"article {gid}: not analysed by the full pipeline")
        for d in event.docs:
            _check_spans(d, report)
        _check_outputs(event, Path(workdir) / "out", report)
    except Exception:  # noqa: BLE001
        report.crashes.append("full pipeline: " + traceback.format_exc(limit=5))
    report.full_seconds = time.perf_counter() - t2
    report.seconds = time.perf_counter() - t0
    report.peak_rss_mb = _peak_rss_mb()
    return report


def _accounting_problem(key: str, inp: _Input, items: list[Article | Failure]) -> str | None:
    """Why the items produced for one bad input are not "reported exactly once", or None.

    A file is reported either as a whole (one Failure whose source is the file) or unit by
    unit (JSONL lines, JSON list items, WARC records), each unit once; a file-level Failure
    beside unit-level items reports the input twice.
    """
    sources = [x.source for x in items]
    dupes = sorted({s for s in sources if sources.count(s) > 1})
    fails = [x for x in items if isinstance(x, Failure)]
    arts = [x for x in items if isinstance(x, Article)]
    said = f"{len(fails)} failures, {len(arts)} articles: {[f.reason for f in fails]}"
    if dupes:
        return f"{dupes[0]} reported {sources.count(dupes[0])} times; {said}"
    if any(s == key for s in sources) and len(items) > 1:
        return f"reported as a whole and unit by unit; {said}"
    if inp.kind == "vanished" and inp.path.parent.name.startswith("zz-vanish-thread"):
        return None  # deleted by another thread: read, refused once, or gone before listing
    if not items:
        return "nothing reported"
    if inp.expect == "fail" and arts:
        return f"read as an article although it must be refused; {said}"
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
    from rashomon.outputs.report import output_writers

    from .api import write_json

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


if __name__ == "__main__":
    sys.exit(main())
