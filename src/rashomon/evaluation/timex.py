"""TempEval-3 style evaluation of the temporal tagger on TimeML ``.tml`` files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rashomon.extract.article.times import Timex, tag_timexes

from ..errors import RashomonError


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A gold TIMEX3 in a TimeML document (offsets into the tag-stripped ``<TEXT>``)."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """A TimeML document: its name, creation time, plain text and gold expressions."""

    name: str
    dct: date
    text: str
    gold: tuple[GoldTimex, ...]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 from counts."""

    tp: int
    n_sys: int
    n_gold: int

    @property
    def precision(self) -> float:
        """Correct over system count."""
        return self.tp / self.n_sys if self.n_sys else 0.0

    @property
    def recall(self) -> float:
        """Correct over gold count."""
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class TimexReport:
    """TempEval-3 figures over a set of documents.

    ``strict`` counts exact-extent matches, ``relaxed`` overlapping ones; ``value`` and ``type``
    count relaxed matches whose attribute is also right (TempEval-3's attribute F1).
    """

    documents: int
    strict: PRF
    relaxed: PRF
    value: PRF
    type: PRF
    errors: tuple[tuple[str, str, str, str], ...] = field(default=(), repr=False)


def read_timeml(path: Path) -> TimeMLDoc:
    """Read a TimeML file: the DCT, the ``<TEXT>`` without tags, and its gold TIMEX3s.

    Raises:
        RashomonError: the file is not TimeML or has no creation time.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise RashomonError(f"{path}: not well-formed TimeML ({exc})") from exc
    dct: date | None = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = date.fromisoformat((t.get("value") or "")[:10])
            break
    text_el = root.find("TEXT")
    if dct is None or text_el is None:
        raise RashomonError(f"{path}: no CREATION_TIME TIMEX3 or no <TEXT> element")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3":
            surface = "".join(parts)[start:pos]
            gold.append(GoldTimex(start, pos, surface, el.get("type") or "", el.get("value") or ""))

    walk(text_el)
    return TimeMLDoc(path.name, dct, "".join(parts), tuple(gold))


def _match(system: list[Timex], gold: Iterable[GoldTimex]) -> list[tuple[Timex, GoldTimex]]:
    """One-to-one relaxed matching: each gold takes the unused system expression overlapping
    it most."""
    pairs: list[tuple[Timex, GoldTimex]] = []
    used: set[int] = set()
    for g in gold:
        best, best_ov = -1, 0
        for i, s in enumerate(system):
            if i in used:
                continue
            ov = min(s.end, g.end) - max(s.start, g.start)
            if ov > best_ov:
                best, best_ov = i, ov
        if best >= 0:
            used.add(best)
            pairs.append((system[best], g))
    return pairs


def evaluate_timex(directory: Path, *, limit: int | None = None) -> TimexReport:
    """Run the tagger on every ``.tml`` file under ``directory`` and score it TempEval-3 style.

    The document creation time is the anchor. Files are read in sorted path order, so a
    ``limit`` always picks the same slice.

    Args:
        directory: a folder holding ``.tml`` files (searched recursively).
        limit: evaluate only the first ``limit`` files.

    Returns:
        The report with strict and relaxed extraction, value and type scores.

    Raises:
        RashomonError: no ``.tml`` file under ``directory``.
    """
    files = sorted(Path(directory).rglob("*.tml"))
    if limit is not None:
        files = files[:limit]
    if not files:
        raise RashomonError(f"{directory}: no .tml files found")
    n_sys = n_gold = strict = relaxed = val = typ = 0
    errors: list[tuple[str, str, str, str]] = []
    for path in files:
        doc = read_timeml(path)
        system = [t for t in tag_timexes(doc.text, anchor=doc.dct)]
        n_sys += len(system)
        n_gold += len(doc.gold)
        pairs = _match(system, doc.gold)
        relaxed += len(pairs)
        matched_gold = {id(g) for _, g in pairs}
        matched_sys = {id(s) for s, _ in pairs}
        for s, g in pairs:
            strict += s.start == g.start and s.end == g.end
            val += s.value == g.value
            typ += s.type == g.type
            if s.value != g.value:
                errors.append((doc.name, "value", f"{s.text!r} {s.value}", f"{g.text!r} {g.value}"))
            elif (s.start, s.end) != (g.start, g.end):
                errors.append((doc.name, "extent", s.text, g.text))
        for g in doc.gold:
            if id(g) not in matched_gold:
                ctx = doc.text[max(0, g.start - 30) : g.end + 30].replace("\n", " ")
                errors.append((doc.name, "missed", f"{g.text!r} {g.value}", ctx))
        for s in system:
            if id(s) not in matched_sys:
                ctx = doc.text[max(0, s.start - 30) : s.end + 30].replace("\n", " ")
                errors.append((doc.name, "spurious", f"{s.text!r} {s.value} {s.kind}", ctx))
    return TimexReport(
        documents=len(files),
        strict=PRF(strict, n_sys, n_gold),
        relaxed=PRF(relaxed, n_sys, n_gold),
        value=PRF(val, n_sys, n_gold),
        type=PRF(typ, n_sys, n_gold),
        errors=tuple(errors),
    )


def format_timex_report(r: TimexReport) -> str:
    """Render a report as a small table (TempEval-3 layout)."""
    lines = [
        f"TempEval-3 timex evaluation: {r.documents} documents, "
        f"{r.strict.n_gold} gold, {r.strict.n_sys} system expressions",
        f"{'':<18}{'P':>7}{'R':>7}{'F1':>7}",
    ]
    for name, prf in (
        ("strict extent", r.strict),
        ("relaxed extent", r.relaxed),
        ("value", r.value),
        ("type", r.type),
    ):
        lines.append(f"{name:<18}{prf.precision:7.3f}{prf.recall:7.3f}{prf.f1:7.3f}")
    return "\n".join(lines)
