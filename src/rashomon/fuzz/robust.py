"""Fuzz inputs for the ways a newsroom's files go wrong beyond their bytes: odd file names, one
enormous line, archives cut short, broken WARC framing, feeds with a DOCTYPE, links out of the
folder, and PDF and Word documents good and broken.

Every input records what must come out: the marked records of a damaged archive must survive
(``markers``), and a secret behind a link or an external entity must never appear (``secret``).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import zlib
from collections.abc import Callable
from pathlib import Path

from rashomon.config import Limits
from rashomon.fuzz.corpus import FuzzInput, InputMaker, html_page, warc_record
from rashomon.fuzz.documents import docx_bytes, encrypt_pdf, pdf_bytes

__all__ = ["ROBUST_KINDS", "ROBUST_WEIGHTS", "Maker"]

SECRET = "SECRET-PASSPHRASE-never-to-be-read"

# Names a file system accepts that are not valid UTF-8 or that hold controls and overrides.
_ODD_NAMES = (
    b"caf\xe9", b"\xff\xfe-name", b"new\nline", b"esc\x1b[31mred", "txt.\u202eevil".encode(),
    b"tab\tand space ", "\u0644\u0627 arabic".encode(), b"\xed\xa0\x80-surrogate",
)


class Maker(InputMaker):
    """:class:`~rashomon.fuzz.corpus.InputMaker` with the robustness kinds."""

    def __init__(self, root: Path, rng: random.Random, limits: Limits) -> None:
        super().__init__(root, rng, limits)
        self.marks = 0
        outside = self.root.parent / "outside"
        outside.mkdir(parents=True, exist_ok=True)
        self.secret_file = outside / "secret.txt"
        self.secret_file.write_text(f"{SECRET}: the harbour office knew.\n", encoding="utf-8")

    def marked_text(self) -> tuple[str, str]:
        """A unique good text and the sentence in it that marks it."""
        self.marks += 1
        mark = f"Record mark {self.marks} was filed by the desk."
        return self.base_text().replace("Residents described", mark + " Residents described",
                                        1), mark

    # ---- file names

    def odd_name(self) -> None:
        """A good article in a file whose name is not UTF-8 or holds controls/overrides."""
        text, mark = self.marked_text()
        stem = self.rng.choice(_ODD_NAMES)
        folder = self.root / f"odd{self.n // 50:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        self.n += 1
        raw = os.path.join(os.fsencode(folder), stem + b"-%05d.txt" % self.n)
        try:
            fd = os.open(raw, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        except OSError:  # a file system that refuses the name: nothing to test here
            return
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode())
        self.inputs.append(FuzzInput(Path(os.fsdecode(raw)), "odd_name", "good", marker=mark))

    # ---- one enormous line

    def letter_run(self) -> None:
        """100,000 characters on one line: one letter, one quotation mark, or two letters."""
        unit = self.rng.choice(["A", "a", "\u201c", ".", "Ab", "-", "1,"])
        self.add("letter_run", ("Headline\n\n" + unit * (100_000 // len(unit))).encode(), ".txt")

    # ---- archives cut short

    def _records(self, k: int) -> tuple[list[str], list[str]]:
        texts, marks = [], []
        for _ in range(k):
            text, mark = self.marked_text()
            texts.append(text)
            marks.append(mark)
        return texts, marks

    def truncated_archive(self) -> None:
        """A .jsonl.gz or a one-member-per-record .warc.gz cut somewhere inside."""
        texts, marks = self._records(self.rng.randint(3, 8))
        warc = self.rng.random() < 0.5
        if warc:
            records = [warc_record(f"http://example.invalid/{i}", html_page("W", t).encode())
                       for i, t in enumerate(texts)]
            data = b"".join(gzip.compress(r) for r in records)  # one member per record
        else:
            lines = [json.dumps({"text": t}).encode() + b"\n" for t in texts]
            data = gzip.compress(b"".join(lines))
        cut = data[: self.rng.randint(int(len(data) * 0.2), len(data) - 9)]
        got = len(_prefix(cut))
        if warc:
            # A record is whole once its block is (the blank line after it may be missing).
            ends = [sum(len(r) for r in records[: i + 1]) - 4 for i in range(len(records))]
            complete = sum(1 for end in ends if end <= got)
        else:
            complete = _prefix(cut).count(b"\n")
        path = self._path(f"d{self.n // 50:03d}", ".warc.gz" if warc else ".jsonl.gz")
        path.write_bytes(cut)
        expect = "partial" if complete else "fail"
        self.inputs.append(FuzzInput(path, "truncated_archive", expect,
                                     markers=tuple(marks[:complete])))

    # ---- WARC framing

    def broken_warc_record(self) -> None:
        """A WARC whose middle record is cut short or declares a Content-Length too large."""
        texts, marks = self._records(self.rng.randint(3, 5))
        bad = self.rng.randrange(1, len(texts) - 1) if len(texts) > 2 else 0
        records = []
        for i, t in enumerate(texts):
            rec = warc_record(f"http://example.invalid/{i}", html_page("W", t).encode())
            if i == bad:
                if self.rng.random() < 0.5:
                    rec = rec[: len(rec) // 2]  # cut short: the next record follows at once
                else:
                    rec = rec.replace(b"Content-Length: ", b"Content-Length: 9", 1)
            records.append(rec)
        path = self._path(f"d{self.n // 50:03d}", ".warc")
        path.write_bytes(b"".join(records))
        kept = tuple(m for i, m in enumerate(marks) if i != bad)
        self.inputs.append(FuzzInput(path, "broken_warc_record", "partial", markers=kept))

    # ---- feeds

    def doctype_feed(self) -> None:
        """An RSS feed with an internal DOCTYPE subset: an external entity to a secret file
        and nested entities (billion laughs), used in its entries."""
        texts, marks = self._records(self.rng.randint(1, 3))
        lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
        items = "".join(
            f"<item><title>Entry {i} &xxe;</title><description>{_xml(t)} &xxe; &l8;"
            "</description></item>"
            for i, t in enumerate(texts)
        )
        doc = (
            '<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
            f'<!ENTITY xxe SYSTEM "file://{self.secret_file}">\n<!ENTITY l0 "lol">{lol}\n]>\n'
            f'<rss version="2.0"><channel><title>Fuzz Gazette</title>{items}</channel></rss>'
        )
        suffix = self.rng.choice([".rss", ".xml", ".atom"])
        path = self.add("doctype_feed", doc.encode(), suffix, expect="good")
        self.inputs[-1].markers = tuple(marks)
        self.inputs[-1].secret = SECRET
        assert self.inputs[-1].path == path

    # ---- links out of the folder

    def symlink_out(self) -> None:
        """A link in the corpus to a file (or folder) outside it: refused, never read."""
        path = self._path("links-out", self.rng.choice([".txt", ".html", ".json"]))
        target: Path = self.secret_file
        if self.rng.random() < 0.3:
            target = self.secret_file.parent
            path = path.with_suffix("")
        os.symlink(target, path)
        self.inputs.append(FuzzInput(path, "symlink_out", "fail", secret=SECRET))

    # ---- PDF and Word documents

    def document(self) -> None:
        """A PDF or DOCX: good, scanned, encrypted, cut short or junk after a valid header."""
        text, mark = self.marked_text()
        # The mark is a paragraph of its own: a PDF wraps long paragraphs into lines.
        paras = [mark] + [p.strip().replace(mark + " ", "") for p in text.split("\n\n")
                          if p.strip()]
        pdf = self.rng.random() < 0.5
        make: Callable[[], bytes] = (lambda: pdf_bytes(paras)) if pdf \
            else (lambda: docx_bytes(paras[1:], heading=paras[0]))
        variant = self.rng.choice(["good", "good", "scanned", "encrypted", "cut", "junk"])
        if not pdf and variant in ("scanned", "encrypted"):
            variant = "junk"
        suffix = ".pdf" if pdf else ".docx"
        if variant == "good":
            self.add("document_good", make(), suffix, expect="good")
            self.inputs[-1].marker = mark
            return
        if variant == "scanned":
            data, expect = pdf_bytes(paras, text_layer=False), "fail"
        elif variant == "encrypted":
            data, expect = encrypt_pdf(make(), "fuzz-password"), "fail"
        elif variant == "cut":
            whole = make()
            data, expect = whole[: self.rng.randrange(8, len(whole))], "either"
        else:
            head = b"%PDF-1.7\n" if pdf else b"PK\x03\x04"
            junk = bytes(self.rng.getrandbits(8) for _ in range(self.rng.randint(0, 2000)))
            data, expect = head + junk, "fail"
        self.add(f"document_{variant}", data, suffix, expect=expect)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _prefix(data: bytes) -> bytes:
    """What a cut gzip stream (of one or more members) decompresses to before its cut."""
    out = b""
    while data:
        d = zlib.decompressobj(31)
        try:
            out += d.decompress(data)
        except zlib.error:
            return out
        if not d.eof:
            return out
        data = d.unused_data
    return out


ROBUST_KINDS = ("odd_name", "letter_run", "truncated_archive", "broken_warc_record",
                "doctype_feed", "symlink_out", "document")
# A 100,000-character line costs a few tenths of a second in the cheap stages: drawn less.
ROBUST_WEIGHTS = {"letter_run": 0.3, "symlink_out": 0.5}
