"""Quote integrity across outlets: the same quotation as different outlets print it.

Each outlet's quoted words (inside quotation marks in an attribution's content) are aligned
word by word with the other outlets' (rapidfuzz's Indel alignment). Versions that are the same
quotation (most of the shorter one's words in order in the longer) are compared, and what
differs is flagged with both versions as evidence:

* ``truncated``: one outlet prints three or more words fewer at the start or the end;
* ``words-changed``: words inside the quotation differ (``well over the line`` / ``way over
  the line``);
* ``different-speaker``: the outlets give the words to different people;
* ``paraphrase-as-quote``: words one outlet prints inside quotation marks, another gives as
  reported speech, and they read as reported speech (no first-person word): a reporter's
  paraphrase printed as a direct quote.

Candidate pairs come from shared content words (an inverted index), not from all pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from rashomon.lexicon import table, words
from rashomon.model import (
    ArticleDoc,
    Attribution,
    EventDoc,
    QuoteDiscrepancy,
    QuoteFlag,
    QuoteVersion,
    Span,
    content_id,
)

__all__ = ["QUOTE_MIN_WORDS", "compare_versions", "quote_discrepancies", "quote_versions"]

QUOTE_MIN_WORDS = 4  # shorter quotations are phrases ("phony theology"), not statements
SAME_QUOTE = 0.6  # share of the shorter version's words found in order in the longer
TRUNCATED_WORDS = 3  # words cut at an edge before a version counts as truncated
_QUOTED = re.compile(r"“([^“”\n]{1,3000})”|\"([^\"\n]{1,3000})\"|«([^«»\n]{1,3000})»")
_WORD = re.compile(r"[\w']+")
_EDGE = 3  # words at an edge of the shorter version read as changed, not as extra
_SLACK = 3  # words either side of the best-matching stretch that the alignment may still use
_MAX_BUCKET = 60  # a word shared by more versions than this is no evidence of a match


@dataclass(frozen=True, slots=True)
class _Version:
    version: QuoteVersion
    tokens: tuple[str, ...]
    speaker_key: str | None


def _tokens(text: str) -> tuple[str, ...]:
    """Lower-case words, contractions written out ("he's" -> "he is")."""
    spelled = table("contractions")
    out: list[str] = []
    for w in _WORD.findall(text.replace("’", "'")):
        out.extend(str(spelled.get(w.casefold(), w.casefold())).split())
    return tuple(out)


def _segments(text: str, a: Attribution) -> Iterator[tuple[Span, bool]]:
    """The attribution's quoted segments (span, quoted); reported speech when it has none."""
    inner = False
    for m in _QUOTED.finditer(text, a.content.start, a.content.end):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        inner = True
        yield Span(m.start(group), m.end(group)), True
    if not inner and a.kind == "direct":
        yield a.content, True  # the quoted words without their marks
    elif not inner and a.kind in ("indirect", "according-to"):
        yield a.content, False


def quote_versions(doc: ArticleDoc, speaker_key: dict[str, str]) -> list[_Version]:
    """Every quotation (and reported statement) of one article, as comparable versions."""
    out: list[_Version] = []
    for a in doc.attributions:
        for span, quoted in _segments(doc.text, a):
            text = doc.text[span.start : span.end]
            toks = _tokens(text)
            if len(toks) < QUOTE_MIN_WORDS:
                continue
            speaker = a.speaker_resolved or a.speaker_text
            key = _speaker_of(speaker, speaker_key) if speaker else None
            version = QuoteVersion(article_id=doc.id, outlet=doc.outlet_label, span=span,
                                   text=" ".join(text.split()), speaker=speaker,
                                   speaker_span=a.speaker, quoted=quoted,
                                   attribution_id=a.id)  # fmt: skip
            out.append(_Version(version, toks, key))
    return out


def _speaker_of(speaker: str, keys: dict[str, str]) -> str | None:
    """The event entity a speaker phrase names: the phrase itself, else the longest entity
    name inside it ("Grimm's attorney, William McGinley"); None for a phrase that names none
    ("the statement", "two of the people"), which is never compared."""
    phrase = speaker.casefold()
    if phrase in keys:
        return keys[phrase]
    inside = [n for n in keys
              if len(n) > 3 and n in phrase and re.search(rf"\b{re.escape(n)}\b", phrase)]
    return keys[max(inside, key=len)] if inside else None


def _speaker_keys(event: EventDoc) -> dict[str, str]:
    """Every name and alias of an event entity -> the entity's id."""
    out: dict[str, str] = {}
    for e in event.entities:
        for name in (e.name, *e.aliases):
            out.setdefault(name.casefold(), e.id)
    return out


@dataclass(frozen=True, slots=True)
class _Aligned:
    matched: int  # words of the shorter version found in order in the longer
    longest: int  # the longest run of them
    changes: tuple[str, ...]  # differences inside the quotation ("well -> way")
    cut_short: int  # words the longer has beyond the shorter's ends
    cut_long: int  # words the shorter has beyond the longer's ends


def _window(short: Sequence[str], long: Sequence[str]) -> tuple[int, int]:
    """The stretch of ``long`` (token range) that the shorter version best matches: a local
    alignment, so that a phrase the longer repeats elsewhere does not pull words out of place."""
    s_str, l_str = " ".join(short), " ".join(long)
    found = fuzz.partial_ratio_alignment(s_str, l_str)
    if found is None:
        return 0, len(long)
    t0 = l_str.count(" ", 0, found.dest_start)
    t1 = l_str.count(" ", 0, found.dest_end) + 1
    return max(0, t0 - _SLACK), min(len(long), t1 + _SLACK)


def _align(short: Sequence[str], long: Sequence[str]) -> _Aligned:
    t0, t1 = _window(short, long)
    ops = list(Indel.opcodes(list(short), list(long[t0:t1])))
    at = [i for i, op in enumerate(ops) if op.tag == "equal"]
    if not at:
        return _Aligned(0, 0, (), 0, 0)
    first, last = ops[at[0]], ops[at[-1]]
    changes: list[str] = []
    for k in range(len(at) - 1):
        # Between two matched runs: what the shorter has there, and what the longer has.
        a, b = ops[at[k]], ops[at[k + 1]]
        was, now = short[a.src_end : b.src_start], long[t0 + a.dest_end : t0 + b.dest_start]
        if "".join(was) != "".join(now):  # "world view" / "worldview" is no change
            changes.append(f"{' '.join(was) or '(nothing)'} -> {' '.join(now) or '(nothing)'}")
    changes.extend(_edge_changes(short, long, t0 + first.dest_start, t0 + last.dest_end,
                                 first.src_start, last.src_end))  # fmt: skip
    return _Aligned(
        matched=sum(ops[i].src_end - ops[i].src_start for i in at),
        longest=max(ops[i].src_end - ops[i].src_start for i in at),
        changes=tuple(changes),
        cut_short=t0 + first.dest_start + (len(long) - t0 - last.dest_end),
        cut_long=first.src_start + (len(short) - last.src_end),
    )


def _edge_changes(
    short: Sequence[str], long: Sequence[str], l0: int, l1: int, s0: int, s1: int
) -> list[str]:
    """Words the shorter version ends (or starts) with where the longer goes on with other
    words: "what they're talking." / "what they're finding, ..."."""
    out: list[str] = []
    if 0 < s0 <= _EDGE and l0 > 0:
        # Where the longer version also starts within a few words, all of them replaced.
        lead = long[:l0] if l0 <= _EDGE else long[l0 - s0 : l0]
        out.append(f"{' '.join(short[:s0])} -> {' '.join(lead)}")
    tail = len(short) - s1
    if 0 < tail <= _EDGE and l1 < len(long):
        rest = long[l1:] if len(long) - l1 <= _EDGE else long[l1 : l1 + tail]
        out.append(f"{' '.join(short[s1:])} -> {' '.join(rest)}")
    return out


def compare_versions(a: _Version, b: _Version) -> tuple[list[QuoteFlag], float, str] | None:
    """How two versions of one quotation differ, or None when they are not one quotation."""
    short, long = sorted((a, b), key=lambda v: len(v.tokens))
    al = _align(short.tokens, long.tokens)
    similarity = al.matched / len(short.tokens)
    if similarity < SAME_QUOTE or al.matched < QUOTE_MIN_WORDS or al.longest < 3:
        return None
    flags: list[QuoteFlag] = []
    details: list[str] = []
    if a.version.quoted and b.version.quoted:
        for cut, by, of in ((al.cut_short, short, long), (al.cut_long, long, short)):
            if cut >= TRUNCATED_WORDS:
                if "truncated" not in flags:
                    flags.append("truncated")
                details.append(f"{by.version.outlet} prints {cut} words fewer than "
                               f"{of.version.outlet}")  # fmt: skip
        if al.changes:
            flags.append("words-changed")
            details.append(f"{short.version.outlet} / {long.version.outlet}: "
                           f"{'; '.join(al.changes)}")  # fmt: skip
    elif _paraphrase(a, b, similarity):
        flags.append("paraphrase-as-quote")
        quoted = a if a.version.quoted else b
        details.append(f"{quoted.version.outlet} quotes words another outlet reports as speech")
    if a.speaker_key and b.speaker_key and a.speaker_key != b.speaker_key:
        flags.append("different-speaker")
        details.append(f"{a.version.speaker} / {b.version.speaker}")
    return (flags, round(similarity, 3), "; ".join(details)) if flags else None


def _paraphrase(a: _Version, b: _Version, similarity: float) -> bool:
    """A quoted version that another outlet gives, nearly word for word, as reported speech,
    and that has no first-person word: it reads as the reporter's words, not the speaker's."""
    if a.version.quoted == b.version.quoted or similarity < 0.85:
        return False
    quoted, reported = (a, b) if a.version.quoted else (b, a)
    # The two say about the same (a reported fragment of a long quotation is no paraphrase).
    if not 0.6 <= len(quoted.tokens) / len(reported.tokens) <= 1.6:
        return False
    return not set(quoted.tokens) & words("first_person_words")


def _pairs(versions: Sequence[_Version]) -> Iterator[tuple[int, int]]:
    """Candidate pairs: versions from different outlets sharing three content words."""
    stop = words("timeline_stopwords")
    index: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(versions):
        for w in set(v.tokens):
            if len(w) > 3 and w not in stop:
                index[w].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for bucket in index.values():
        if len(bucket) > _MAX_BUCKET:
            continue
        for n, i in enumerate(bucket):
            for j in bucket[n + 1 :]:
                if versions[i].version.outlet != versions[j].version.outlet:
                    shared[(i, j)] += 1
    yield from sorted(p for p, k in shared.items() if k >= 3)


def quote_discrepancies(event: EventDoc) -> list[QuoteDiscrepancy]:
    """Every pair of outlets' versions of one quotation that differ, with both versions."""
    keys = _speaker_keys(event)
    versions = [v for d in event.docs if d.duplicate_of is None for v in quote_versions(d, keys)]
    out: list[QuoteDiscrepancy] = []
    for i, j in _pairs(versions):
        a, b = versions[i], versions[j]
        if not (a.version.quoted or b.version.quoted):
            continue
        found = compare_versions(a, b)
        if found is None:
            continue
        flags, similarity, detail = found
        pair = sorted((a.version, b.version), key=lambda v: (v.article_id, v.span.start))
        out.append(QuoteDiscrepancy(
            id=content_id("quote", *(f"{v.article_id}:{v.span.start}" for v in pair)),
            flags=tuple(flags), similarity=similarity, detail=detail,
            versions=(pair[0], pair[1]),
        ))  # fmt: skip
    return out
