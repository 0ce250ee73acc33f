"""The inputs of a fuzz run: invented good articles and the bad inputs written beside them.

Each :class:`InputMaker` method writes one input of one kind into the corpus folder and
records what must become of it (:class:`FuzzInput`).
"""

from __future__ import annotations

import gzip
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from rashomon.config import Limits

__all__ = ["BULK_KINDS", "WEIGHTS", "FuzzInput", "InputMaker", "good_article", "html_page",
           "one_line_prose",
           "warc_record"]

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


_PROSE_WORDS = (
    "the", "council", "said", "on", "Monday", "that", "flood", "barriers", "in", "Merrow",
    "Bay", "had", "held", "although", "officials", "warned", "more", "rain", "could", "come",
    "residents", "were", "told", "to", "stay", "indoors", "by", "police", "and", "engineers",
)  # fmt: skip


def one_line_prose(chars: int, seed: int = 0) -> str:
    """Invented sentences on one line, ``chars`` characters long (the same text for a seed)."""
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < chars:
        sentence = " ".join(rng.choice(_PROSE_WORDS) for _ in range(rng.randint(8, 20)))
        sentence = sentence[0].upper() + sentence[1:] + ". "
        out.append(sentence)
        total += len(sentence)
    return "".join(out)[:chars]


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
# Inputs


@dataclass
class FuzzInput:
    """One input written for a fuzz run and what must become of it."""

    path: Path
    kind: str
    # "fail": must be refused (never read as an article); "either": refused or read, each
    # unit once; "good": must come out as analysed articles (every marker found); "partial":
    # an archive whose damage must be reported once while every marked record before or
    # beside it comes out analysed.
    expect: str
    marker: str | None = None  # for good inputs: a sentence that must be in the article text
    markers: tuple[str, ...] = ()  # "good" or "partial": one sentence per record that survives
    secret: str | None = None  # text that must never appear in any article (links, entities)

    def needed(self) -> tuple[str, ...]:
        """The sentences that must each be found in an analysed article of this input."""
        return (*((self.marker,) if self.marker else ()), *self.markers)


LONG_LINE_MB = 50


class InputMaker:
    """Writes the fuzz inputs into ``root``; each method makes one input of one kind."""

    def __init__(self, root: Path, rng: random.Random, limits: Limits) -> None:
        self.root = root
        self.rng = rng
        self.limits = limits
        self.inputs: list[FuzzInput] = []
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
        self.inputs.append(FuzzInput(path, kind, expect))
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
        page = html_page("Truncated", text)
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
            self.add("lone_surrogates", html_page("S", body).encode("utf-8", "surrogatepass"),
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
            data = html_page(payload, text.replace("\n\n", f"\n\n{payload}\n\n", 1)).encode()
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
        rec = warc_record("http://example.invalid/a", html_page("W", text).encode())
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
        self.inputs.append(FuzzInput(path, "vanished", "fail"))
        return path

    def symlink_loop(self) -> None:
        a = self._path("links", ".txt")
        b = self._path("links", ".html")
        os.symlink(b.name, a)
        os.symlink(a.name, b)
        self.inputs.append(FuzzInput(a, "symlink_loop", "fail"))
        self.inputs.append(FuzzInput(b, "symlink_loop", "fail"))
        broken = self._path("links", ".json")
        os.symlink("does-not-exist.json", broken)
        self.inputs.append(FuzzInput(broken, "broken_symlink", "fail"))

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
                for _ in range(LONG_LINE_MB):
                    fh.write(chunk)
                fh.write(b'"}\n')
            self.inputs.append(FuzzInput(path, "long_line_50mb", "fail"))

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
            self.inputs.append(FuzzInput(path, "compression_bomb", "fail"))

    def oversize_file(self) -> None:
        path = self._path("long", ".html")
        with path.open("wb") as fh:
            fh.truncate(self.limits.max_file_bytes + 1)  # sparse: costs no disk
        self.inputs.append(FuzzInput(path, "oversize_file", "fail"))

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
            data = html_page(title, text).encode()
        elif fmt == "jsonl":
            data = (json.dumps({"text": text, "title": title, "outlet": f"Outlet {i}"})
                    + "\n").encode()
        elif fmt == "json":
            data = json.dumps({"text": text, "title": title}).encode()
        else:
            data = warc_record(f"http://example.invalid/{i}", html_page(title, text).encode())
        if fmt.endswith(".gz"):
            data = gzip.compress(data)
        path.write_bytes(data)
        self.inputs.append(FuzzInput(path, "good", "good", marker=marker))


def html_page(title: str, text: str) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n")[1:])
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title><script>var tracking = 'do-not-index';</script></head>"
        f"<body><nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav><article>"
        f"<h1>{title}</h1>\n{paras}</article><footer>Copyright 2031</footer></body></html>"
    )


def warc_record(uri: str, html: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2031-05-01T10:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


BULK_KINDS = (
    "truncated_html", "wrong_encoding", "nul_bytes", "deep_html", "huge_jsonl_line",
    "empty_file", "binary_junk", "malformed_json", "lone_surrogates", "control_chars",
    "rtl_override", "script_payload", "bad_gzip", "bad_warc", "junk_text_file", "mixed_jsonl",
)
# Kinds that are slow to make or read are drawn less often.
WEIGHTS = {"deep_html": 0.3, "huge_jsonl_line": 0.05, "bad_gzip": 0.6}


