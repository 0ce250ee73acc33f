"""Brief lines written as whole sentences from the event's data.

A consensus line is the best whole source sentence of a claim group (or of agreeing figures),
trimmed of datelines and bylines, its quotation marks balanced, plus who stands behind it:
``"... — reported by 3 outlets (2 independent)"``. A dispute line is the dispute's question and,
per side, a whole clause quoted from its evidence with the side's sources and outlet count:
``"Did X ...? According to A and B (2 outlets), “...”; according to C (1 outlet), “...”."``

The text is taken verbatim from the articles apart from whitespace, the trimmed lead, balanced
quotation marks, a sentence-initial capital, a final full stop and control or bidi characters,
which are written as visible escapes; outputs escape markup as for any article text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from rashomon.lexicon import table, words
from rashomon.model import BriefLine, Dispute, EventDoc, Evidence, Side, Span

__all__ = [
    "balance_quotes",
    "clause_of",
    "consensus_line",
    "dispute_line",
    "dispute_lines",
    "finish_sentence",
    "outlet_counts",
    "plain",
    "trim_lead",
    "whole_sentence",
]

_MAX_SENTENCES = 3  # a claim spread over more sentences than this is cited, not quoted whole
_CLAUSE_WORDS = 20  # a dispute side quotes its clause, not the sentence, past this length
_MIN_CLAUSE_WORDS = 6
_GOOD_WORDS = (8, 40)  # a consensus sentence in this length range reads best
_OPEN, _CLOSE = "“«„", "”»"
_PAIR = {"“": "”", "«": "»", "„": "“"}
_TERMINAL = ".!?…"
_TRAILING = "”»\"')]’"
_PRONOUN_START = re.compile(r"^[\"“«]?(?:he|she|it|they|this|that|these|those|his|her|their)\b",
                            re.I)


# control characters and bidi embeddings/overrides/isolates: shown as visible escapes, so a
# quoted clause cannot reorder or hide the rest of the line in any output
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """One line of text: whitespace runs collapsed, control and bidi characters escaped
    (``\\u202e``)."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", " ".join(text.split()))


def _lead_patterns() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in table("sentence_lead")["patterns"]]


def trim_lead(text: str) -> str:
    """Drop a wire dateline, a glued byline or a bullet from the start of a sentence."""
    patterns = _lead_patterns()
    changed = True
    while changed:
        changed = False
        for pat in patterns:
            m = pat.match(text)
            if m and m.end() < len(text):
                text = text[m.end():].lstrip()
                changed = True
    return text


def _straight_opens(text: str, i: int) -> bool:
    """Whether the straight quote at ``i`` opens (start, or after a space or bracket)."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-/"


def balance_quotes(text: str) -> str:
    """Close quotation marks left open and open those closed without an opening.

    Curly double quotes, guillemets and straight double quotes are paired (a straight quote
    after a space opens, otherwise it closes); single quotes are left alone (apostrophes).
    A stray closing mark gets an opening one at the start (the quote began in an earlier
    sentence); an opening mark never closed gets its closing mark at the end.
    """
    stack: list[str] = []
    stray: list[str] = []
    for i, ch in enumerate(text):
        if ch == '"':
            if stack and stack[-1] == '"' and not _straight_opens(text, i):
                stack.pop()
            elif _straight_opens(text, i):
                stack.append('"')
            else:
                stray.append('"')
        elif ch in _OPEN and not (ch == "“" and stack and stack[-1] == "„"):
            stack.append(ch)
        elif ch in _CLOSE or ch == "“":
            if stack and _PAIR.get(stack[-1], '"') == ch:
                stack.pop()
            else:
                stray.append(ch)
    opener = {"”": "“", "»": "«", '"': '"'}
    prefix = "".join(opener.get(ch, "“") for ch in reversed(stray))
    suffix = "".join(_PAIR.get(ch, '"') for ch in reversed(stack))
    return prefix + text + suffix


def _capitalise(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:] if ch.islower() else text
        if ch.isdigit():
            return text
    return text


def finish_sentence(text: str) -> str:
    """A readable sentence: whitespace collapsed, lead trimmed, quotes balanced, capital
    first letter, final punctuation (a full stop where the text had none)."""
    text = trim_lead(plain(text))
    text = text.rstrip(",;:–—- ")
    if not text:
        return ""
    text = _capitalise(balance_quotes(text))
    core = text.rstrip(_TRAILING)
    if not core.endswith(tuple(_TERMINAL)):
        # a full stop goes inside a closing quote only if the quote ends the statement
        text = text + "."
    return text


def whole_sentence(event: EventDoc, ev: Evidence) -> Evidence:
    """The evidence widened to the whole sentence(s) it lies in, less leading boilerplate.

    A span over more than a few sentences is returned as it is (it is cited, not quoted).
    """
    doc = event.doc(ev.article_id)
    cover = [s.span for s in doc.sentences
             if s.span.start < max(ev.span.end, ev.span.start + 1) and s.span.end > ev.span.start]
    if not cover or len(cover) > _MAX_SENTENCES:
        return ev
    start = min(cover[0].start, ev.span.start)
    end = max(cover[-1].end, ev.span.end)
    for b in sorted(doc.boilerplate, key=lambda b: b.span.start):
        # a byline or dateline line glued to the sentence's start is not part of it
        if b.span.start <= start < b.span.end < end:
            start = b.span.end
    while start < end and doc.text[start].isspace():
        start += 1
    return Evidence(article_id=ev.article_id, span=Span(start, end))


def _text(event: EventDoc, ev: Evidence) -> str:
    return event.doc(ev.article_id).text[ev.span.start:ev.span.end]


def _n_words(text: str) -> int:
    return len(text.split())


def _readability(text: str, mentions: Iterable[str] = ()) -> float:
    """Higher for a sentence that reads well on its own: mid length, a capital start, no
    opening pronoun, balanced quotes, no question, naming one of ``mentions``."""
    n = _n_words(text)
    lo, hi = _GOOD_WORDS
    score = -abs(n - lo) / 4 if n < lo else (-(n - hi) / 10 if n > hi else 0.0)
    flat = " ".join(text.split())
    score -= 1.0 if balance_quotes(flat) != flat else 0.0
    score -= 1.0 if _PRONOUN_START.match(flat) else 0.0
    score -= 0.5 if flat[:1].islower() else 0.0
    score -= 1.0 if flat.rstrip(_TRAILING).endswith("?") else 0.0
    score += 0.5 if any(m and m.casefold() in flat.casefold() for m in mentions) else 0.0
    return score


def outlet_counts(event: EventDoc, article_ids: Iterable[str]) -> tuple[int, int]:
    """Outlets behind some articles, and how many of them are independent (a near-duplicate
    counts as its original's outlet)."""
    outlets: set[str] = set()
    origins: set[str] = set()
    for aid in dict.fromkeys(article_ids):
        try:
            doc = event.doc(aid)
        except KeyError:
            continue
        outlets.add(event.outlet_of(aid))
        origin = aid if doc.duplicate_of is None else doc.duplicate_of
        try:
            origins.add(event.outlet_of(origin))
        except KeyError:
            origins.add(event.outlet_of(aid))
    return len(outlets), len(origins)


def _backing(n: int, m: int, *, inner: bool = False) -> str:
    """``"N outlets (M independent)"``; ``inner`` (already in brackets): ``"N outlets, M
    independent"``."""
    if n == 1:
        return "1 outlet"
    return f"{n} outlets, {m} independent" if inner else f"{n} outlets ({m} independent)"


def _names_speaker(text: str, speaker: str) -> bool:
    """Whether ``text`` names the speaker (by the last word of the name: "Mr. Romney")."""
    last = speaker.split()[-1].casefold() if speaker.split() else ""
    return bool(last) and re.search(rf"\b{re.escape(last)}\b", text.casefold()) is not None


_QUOTED = re.compile(r"“[^“”]*”|«[^«»]*»|\"[^\"]*\"")


def _names_anyone(text: str) -> bool:
    """Whether the words outside the sentence's quotations name someone (a capitalised word
    after the first): "…,” said Jane Roe" does, "…,” he said" and a bare quotation do not."""
    outside = _QUOTED.sub(" ", text).split()
    return any(w[:1].isupper() for w in outside[1:])


def consensus_line(event: EventDoc, evidence: Sequence[Evidence], *, n_outlets: int,
                   n_independent: int, prefer: Evidence | None = None,
                   speaker: str | None = None) -> BriefLine | None:
    """A consensus line: the most readable whole sentence among ``evidence``, and its backing.

    Args:
        event: The event.
        evidence: Spans stating the fact (one per claim or figure).
        n_outlets: Outlets stating it.
        n_independent: How many of them are independent.
        prefer: A span to win ties (the group's label claim).
        speaker: Who said it, for attributed speech: a sentence naming them is preferred, and
            one that names nobody outside its quotations ("…,” he said) gets the name after it.

    Returns:
        ``"<sentence> [(speaker)] — reported by N outlets (M independent)"`` citing the whole
        sentences, or ``None`` when no sentence has words.
    """
    best: tuple[float, int, str, Evidence] | None = None
    cites: list[Evidence] = []
    for k, ev in enumerate(evidence):
        whole = whole_sentence(event, ev)
        cites.append(whole)
        raw = _text(event, whole)
        text = finish_sentence(raw)
        if not any(c.isalnum() for c in text):
            continue
        # judged as written (an unclosed quote counts against it), shown repaired
        score = _readability(trim_lead(raw)) + (0.25 if ev == prefer else 0.0)
        score += 0.75 if speaker and _names_speaker(text, speaker) else 0.0
        key = (score, -k, text, whole)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        return None
    lead, text = best[3], best[2]
    if speaker and not _names_speaker(text, speaker) and not _names_anyone(text):
        text = f"{text} ({plain(speaker)})"
    ordered = (lead, *(c for c in dict.fromkeys(cites) if c != lead))
    return BriefLine(section="consensus",
                     text=f"{text} — reported by {_backing(n_outlets, n_independent)}",
                     citations=ordered)


@dataclass(frozen=True, slots=True)
class _Clause:
    text: str
    cite: Evidence
    score: float


def _clause_break_re() -> re.Pattern[str]:
    conj = "|".join(sorted(map(re.escape, words("clause_breaks")), key=len, reverse=True))
    return re.compile(rf"\s*(?:;|\s[—–]\s|,\s+(?=(?:{conj})\b))\s*", re.I)


def _outside_quotes(text: str) -> list[bool]:
    """Per character: whether it lies outside any quotation."""
    out, depth = [], 0
    for i, ch in enumerate(text):
        if ch in _OPEN or (ch == '"' and _straight_opens(text, i)):
            depth += 1
        elif (ch in _CLOSE or ch == '"') and depth:
            depth -= 1
        out.append(depth == 0)
    return out


def clause_of(sentence: str, offset: int) -> str:
    """The clause of ``sentence`` holding character ``offset``: the sentence itself when short,
    else the part between clause breaks (``;``, a dash, a comma before *which*, *while*...)
    outside quotations, widened until it has a few words."""
    if _n_words(sentence) <= _CLAUSE_WORDS:
        return sentence
    outside = _outside_quotes(sentence)
    cuts = [0]
    for m in _clause_break_re().finditer(sentence):
        if m.start() > 0 and outside[m.start()]:
            cuts += [m.start(), m.end()]
    cuts.append(len(sentence))
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    k = next((i for i, (s, e) in enumerate(pieces) if s <= offset < e), 0)
    lo = hi = k
    while _n_words(sentence[pieces[lo][0]:pieces[hi][1]]) < _MIN_CLAUSE_WORDS and (
            hi + 1 < len(pieces) or lo > 0):
        if hi + 1 < len(pieces):
            hi += 1
        else:
            lo -= 1
    return sentence[pieces[lo][0]:pieces[hi][1]]


def _nest(clause: str) -> str:
    """Inner double quotes become single ones, so the clause can sit inside “…”."""
    out = []
    for i, ch in enumerate(clause):
        if ch == "“" or (ch == '"' and _straight_opens(clause, i)):
            out.append("‘")
        elif ch in "”\"":
            out.append("’")
        else:
            out.append(ch)
    return "".join(out)


def _side_clause(event: EventDoc, side: Side, used: Collection[str] = ()) -> _Clause | None:
    """The most readable clause among the side's evidence that no other side quotes."""
    best: _Clause | None = None
    for ev in side.evidence:
        try:
            whole = whole_sentence(event, ev)
        except KeyError:
            continue
        raw = _text(event, whole)
        clause = clause_of(raw, max(0, ev.span.start - whole.span.start))
        clause = trim_lead(plain(clause)).strip(" ,;:–—-")
        if not any(c.isalnum() for c in clause):
            continue
        clause = balance_quotes(clause)
        if clause.endswith(".") and not clause.endswith(".."):
            clause = clause[:-1]  # the line's own punctuation follows the closing quote
        if _nest(clause) in used:
            continue
        cand = _Clause(_nest(clause), whole, _readability(clause, side.holders))
        if best is None or cand.score > best.score:
            best = cand
    return best


def _names(items: Sequence[str], clause: str, most: int = 2) -> str:
    """Up to ``most`` names, those the clause mentions first, then "and N others"."""
    ranked = sorted(dict.fromkeys(i for i in items if i.strip()),
                    key=lambda h: h.casefold() not in clause.casefold())
    shown = [plain(h) for h in ranked[:most]]
    rest = len(ranked) - len(shown)
    if rest > 0:
        return ", ".join(shown) + f" and {rest} other{'s' if rest > 1 else ''}"
    return " and ".join(shown) if len(shown) <= 2 else ", ".join(shown)


def _question(text: str) -> str:
    q = finish_sentence(text)
    if q.endswith("."):
        q = q[:-1] + "?"
    return q


def dispute_line(event: EventDoc, dispute: Dispute, *, max_sides: int = 4
                 ) -> BriefLine | None:
    """One line for a dispute: its question, then per side a quoted clause and its sources.

    A side whose quoted clause names one of its holders is given as the quote and its outlet
    count; any other as "according to <holders, else outlets> (<count>), “<clause>”".

    Returns:
        ``"<Question?> According to A and B (2 outlets, 2 independent), “…”; “C said …”
        (1 outlet)."``, citing each quoted sentence first, then up to two more spans per side;
        ``None`` when fewer than two sides have quotable evidence of their own.
    """
    parts: list[str] = []
    used: set[str] = set()
    cites: list[Evidence] = []
    extra: list[Evidence] = []
    for side in dispute.sides[:max_sides]:
        clause = _side_clause(event, side, used)
        if clause is None:
            continue
        used.add(clause.text)
        n, m = outlet_counts(event, [e.article_id for e in side.evidence])
        n = max(n, len(set(side.outlets)))
        backing = _backing(n, min(m, n), inner=True)
        named = [h for h in side.holders if _names_speaker(clause.text, h)]
        if side.holders and named:
            # the clause names its source ("X said ..."): the quote says who, the count says
            # how many outlets carry it
            parts.append(f"“{clause.text}” ({backing})")
        else:
            who = _names(side.holders or side.outlets, clause.text)
            parts.append(f"according to {who} ({backing}), “{clause.text}”")
        cites.append(clause.cite)
        extra += [whole_sentence(event, e) for e in side.evidence[:3]]
    if len(parts) < 2:
        return None  # one side alone is no dispute (both quoted the same sentence, or none)
    body = "; ".join(parts)
    question = _question(dispute.question) if dispute.question.strip() else ""
    body = _capitalise(body) + "."
    text = f"{question} {body}" if question else body
    ordered = tuple(dict.fromkeys([*cites, *extra]))
    return BriefLine(section="dispute", text=text, citations=ordered)


def dispute_lines(event: EventDoc, *, limit: int = 6) -> Iterator[BriefLine]:
    """One line per dispute, for the first ``limit`` disputes that have quotable sides."""
    n = 0
    for d in event.disputes:
        if n >= limit:
            return
        line = dispute_line(event, d)
        if line is not None:
            yield line
            n += 1
