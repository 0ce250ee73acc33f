"""Quantities in Russian reports: value, qualifier interval, what is counted, who gives it.

The same data model and interval convention as the English extractor
(:mod:`rashomon.extract.article.quantities`): ``более 140`` is ``[140, None]``, ``около 140``
``[126, 154]``, ``не менее 137`` ``[137, None]``. Russian specifics, all data in
``lexicon/ru/numbers.toml``:

* the decimal comma (``15,5`` is 15.5) and spaces between thousands (``10 000``);
* scale words and their abbreviations: ``10 тысяч``, ``2,3 млн``, ``1,5 млрд``, ``тыс.``;
* number words by lemma, in any case (``двух`` is 2, ``сорок``, ``двадцать пять``);
* vague plurals (``сотни``, ``десятки тысяч``);
* what is counted: the noun the figure governs (UD ``nummod``), and for people the verb of
  what befell them (``погибли 5 человек`` counts the killed); the slot names are the English
  extractor's (killed, injured, detained...), other nouns are kept as their lemma;
* dates (``19 июля``), years (``в 2019 году``), clock times (``в 17 часов``, ``15:30``),
  ordinals (``19-й``) and labels (``№ 30``, ``проекта 22350``) are not quantities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from rashomon.extract.article.quantities import interval
from rashomon.lexicon import table
from rashomon.model import Attribution, Quantity, Span, content_id
from rashomon.nlp.pipelines import doc_text

__all__ = ["extract_ru_quantities", "parse_ru_number"]

_DIGITS_RE = re.compile(r"^\d+(?:[.,]\d+)?$")
_GROUP_RE = re.compile(r"^\d{3}$")
_RANGE_RE = re.compile(r"^(\d+(?:[.,]\d+)?)[-–](\d+(?:[.,]\d+)?)$")
_AGE_RE = re.compile(r"^(\d+)-(?:летн|лет)\w*$")
_YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")
_DURATION_UNIT = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day",
    "weeks": "week", "months": "month", "years": "year", "decades": "decade",
    "centuries": "century",
}  # fmt: skip


def _norm(s: str) -> str:
    return s.casefold().replace("ё", "е").rstrip(".")


def _lex() -> dict[str, Any]:
    return table("numbers", "ru")


def parse_ru_number(text: str) -> float | None:
    """A figure written in digits with a decimal comma or point (``15,5``, ``10 000``)."""
    compact = re.sub(r"[\s\xa0]", "", text)
    if not _DIGITS_RE.match(compact):
        return None
    return float(compact.replace(",", "."))


@dataclass(frozen=True, slots=True)
class _Found:
    start: int  # block offsets
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    slot: str | None
    unit: str | None


def extract_ru_quantities(
    blocks: Sequence[tuple[int, Doc]],
    *,
    article_id: str,
    attributions: Sequence[Attribution] = (),
) -> Iterator[Quantity]:
    """The quantity mentions of a Russian article's parsed blocks, in text order.

    Args:
        blocks: ``(offset, Doc)`` pairs from the Russian pipeline.
        article_id: the article's id.
        attributions: the article's attributions; a figure inside one's content is given by
            its speaker.

    Yields:
        One :class:`~rashomon.model.Quantity` per figure.
    """
    for offset, sdoc in blocks:
        text = doc_text(sdoc)
        for sent in sdoc.sents:
            for f in _sentence(sent):
                span = Span(offset + f.start, offset + f.end)
                who, aid = _source(span, attributions)
                yield Quantity(
                    id=content_id(article_id, "quantity", str(span.start), str(span.end)),
                    article_id=article_id,
                    span=span,
                    text=text[f.start : f.end],
                    slot=f.slot,
                    value=f.value,
                    low=f.low,
                    high=f.high,
                    qualifier=f.qualifier,
                    unit=f.unit,
                    attributed_to=who,
                    attribution_id=aid,
                )


def _source(span: Span, attributions: Sequence[Attribution]) -> tuple[str | None, str | None]:
    for a in attributions:
        if a.content.contains(span):
            return a.speaker_resolved or a.speaker_text, a.id
    return None, None


# --------------------------------------------------------------------------------------------
# Scanning a sentence


def _sentence(sent: SpacySpan) -> Iterator[_Found]:
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        got = _figure(doc, sent, i)
        if got is None:
            age = _AGE_RE.match(tok.text)
            if age:
                v = float(age.group(1))
                yield _Found(tok.idx, tok.idx + len(tok.text), v, v, v, None, "age", "year")
            rng = _RANGE_RE.match(tok.text)
            if rng and not _skip(doc, sent, i, i + 1, float(rng.group(1).replace(",", "."))):
                yield from _range(doc, sent, tok, rng)
            i += 1
            continue
        j, value, vague = got
        if _skip(doc, sent, i, j, value):
            i = j
            continue
        yield _describe(doc, sent, i, j, value, vague)
        i = j


def _range(doc: Doc, sent: SpacySpan, tok: Token, m: re.Match[str]) -> Iterator[_Found]:
    """``5-7 человек``: two figures, each exact, each with the noun's slot."""
    slot, unit, _ = _counted(doc, sent, tok.i, tok.i + 1)
    for g in (1, 2):
        value = float(m.group(g).replace(",", "."))
        yield _Found(tok.idx + m.start(g), tok.idx + m.end(g), value, value, value, None, slot,
                     unit)


def _figure(doc: Doc, sent: SpacySpan, i: int) -> tuple[int, float, bool] | None:
    """The figure starting at token ``i``: its end, value and whether it is a vague plural."""
    lex = _lex()
    tok = doc[i]
    lemma = _norm(tok.lemma_)
    j = i
    value: float | None = None
    if _DIGITS_RE.match(tok.text):
        value = float(tok.text.replace(",", "."))
        j = i + 1
        # "10 000": groups of three digits after a space.
        while (
            j < sent.end
            and _GROUP_RE.match(doc[j].text)
            and "," not in doc[j - 1].text
            and doc[j - 1].whitespace_
            and len(doc[i].text) <= 3
        ):
            value = value * 1000 + float(doc[j].text)
            j += 1
    elif lemma in lex["units"] and tok.pos_ in ("NUM", "NOUN", "ADJ"):
        value = 0.0
        while j < sent.end and _norm(doc[j].lemma_) in lex["units"]:
            value += float(lex["units"][_norm(doc[j].lemma_)])
            j += 1
    elif lemma in lex["vague"] and tok.morph.get("Number", []) == ["Plur"] and not _after_number(
        doc, i
    ):
        low, high = lex["vague"][lemma]
        j = i + 1
        if j < sent.end and _norm(doc[j].lemma_) in lex["scales"]:
            scale = float(lex["scales"][_norm(doc[j].lemma_)])
            low, high = low * scale, (high + 1) * scale - 1
            j += 1
        return j, float(low), True
    elif lemma in lex["scales"] and tok.morph.get("Number", []) != ["Plur"] and tok.pos_ == "NOUN":
        return None  # "тысяча" alone: too rare to be worth the false alarms
    if value is None:
        return None
    # Scale: "10 тысяч", "2,3 млн", "1,5 тыс." (the abbreviation's full stop is kept).
    while j < sent.end:
        key = next((k for k in (_norm(doc[j].text), _norm(doc[j].lemma_)) if k in lex["scales"]),
                   None)
        if key is None:
            break
        value *= float(lex["scales"][key])
        j += 1
        abbreviated = _norm(doc[j - 1].text) == "тыс" and not doc[j - 1].whitespace_
        if j < sent.end and doc[j].text == "." and abbreviated:
            j += 1
    return j, value, False


def _after_number(doc: Doc, i: int) -> bool:
    return i > 0 and (_DIGITS_RE.match(doc[i - 1].text) is not None or doc[i - 1].pos_ == "NUM")


def _skip(doc: Doc, sent: SpacySpan, i: int, j: int, value: float) -> bool:
    """Whether ``doc[i:j]`` is a date, year, clock time, rank or part of a name."""
    months = re.compile(table("calendar", "ru")["month_forms"]["pattern"], re.IGNORECASE)
    nxt = doc[j] if j < sent.end else None
    prev = doc[i - 1] if i > sent.start else None
    if nxt is not None and months.fullmatch(nxt.text):
        return True  # "19 июля"
    if prev is not None and months.fullmatch(prev.text):
        return True  # "в мае 2020"
    if doc[i].ent_type_ in ("PERSON", "ORG", "GPE"):
        return True
    if nxt is not None and nxt.text == ":" and j + 1 < sent.end and doc[j + 1].text.isdigit():
        return True  # 15:30
    if prev is not None and prev.text == ":" and i >= 2 and doc[i - 2].text.isdigit():
        return True
    if prev is not None and _norm(prev.text) in _lex()["lists"]["rank_cues"]:
        return True
    if prev is not None and _norm(prev.lemma_) in _lex()["lists"]["rank_cues"]:
        return True
    if nxt is not None and _norm(nxt.lemma_) == "час" and prev is not None and (
        _norm(prev.text) in ("в", "к", "после", "с")
    ):
        return True  # "в 17 часов": a clock time
    # "в 2019 году", "2019 г.": a year, unless it counts a noun ("2000 человек").
    return bool(
        j - i == 1
        and _YEAR_RE.match(doc[i].text)
        and (nxt is None or _norm(nxt.lemma_) in ("год", "г") or nxt.pos_ != "NOUN")
    )


# --------------------------------------------------------------------------------------------
# Qualifier, unit and slot


def _describe(doc: Doc, sent: SpacySpan, i: int, j: int, value: float, vague: bool) -> _Found:
    start_tok = i
    qualifier: str | None = None
    low: float | None
    high: float | None
    if vague:
        low, high = value, value
        words = [t.text for t in doc[i:j]]
        qualifier = " ".join(words).casefold()
        hi = _lex()["vague"].get(_norm(doc[i].lemma_), [value, value])[1]
        scale = value / float(_lex()["vague"][_norm(doc[i].lemma_)][0])
        high = (hi + 1) * scale - 1 if scale > 1 else float(hi)
    else:
        qualifier, kind, start_tok = _qualifier(doc, sent, i)
        low, high = interval(value, kind)
    slot, unit, end_tok = _counted(doc, sent, i, j)
    start = doc[start_tok].idx
    end_t = doc[end_tok - 1]
    return _Found(start, end_t.idx + len(end_t.text), value, low, high, qualifier, slot, unit)


def _qualifier(doc: Doc, sent: SpacySpan, i: int) -> tuple[str | None, str | None, int]:
    table_q = _lex()["qualifiers"]
    for n in (3, 2, 1):
        k = i - n
        if k < sent.start:
            continue
        phrase = " ".join(t.text.casefold() for t in doc[k:i])
        kind = table_q.get(phrase)
        if kind is None:
            continue
        if phrase == "до" and any(_norm(t.text) == "от" for t in doc[max(sent.start, k - 4) : k]):
            return None, None, i  # "от 150 до 250": a range of two stated figures
        if kind == "exact":
            return None, None, i
        return phrase, str(kind), k
    return None, None, i


def _counted(doc: Doc, sent: SpacySpan, i: int, j: int) -> tuple[str | None, str | None, int]:
    """``(slot, unit, end token)``: what the figure ``doc[i:j]`` counts or measures."""
    lex = _lex()
    nxt = doc[j] if j < sent.end else None
    prev = doc[i - 1] if i > sent.start else None
    if nxt is not None and (nxt.text == "%" or _norm(nxt.lemma_) in lex["lists"]["percent"]):
        return "percent", "%", j + 1
    for cand, end in ((nxt, j + 1), (prev, j)):
        if cand is not None:
            cur = lex["currencies"].get(_norm(cand.lemma_)) or lex["currencies"].get(
                _norm(cand.text)
            )
            if cur:
                # "руб.": an abbreviation's full stop belongs to it, a sentence's does not.
                abbreviated = _norm(cand.text) in ("руб", "долл", "р") and not cand.whitespace_
                dot = cand is nxt and end < sent.end and doc[end].text == "." and abbreviated
                return "money", str(cur), end + 1 if dot else end
    noun = _noun(doc, sent, i, j)
    if noun is None:
        return _verb_slot(doc[j - 1], None), None, j
    lemma = _norm(noun.lemma_)
    end = noun.i + 1 if noun.i >= j and noun.i - j <= 2 else j
    if lemma in lex["durations"]:
        slot = str(lex["durations"][lemma])
        return slot, _DURATION_UNIT[slot], end
    if lemma in lex["noun_slots"]:
        return str(lex["noun_slots"][lemma]), None, end
    if lemma in lex["verb_slots"]:  # a participle as noun: "23 пострадавших" (пострадать)
        return str(lex["verb_slots"][lemma]), None, end
    if lemma in lex["lists"]["people"]:
        return _verb_slot(noun, noun) or "people", None, end
    return lemma, None, end


def _noun(doc: Doc, sent: SpacySpan, i: int, j: int) -> Token | None:
    """The noun a figure counts: the head it modifies (UD ``nummod``), else the next noun."""
    last = doc[j - 1]
    if last.dep_.startswith("nummod") and last.head.pos_ in ("NOUN", "PROPN") and (
        last.head.i >= j
    ):
        return last.head
    for k in range(j, min(sent.end, j + 3)):
        t = doc[k]
        if t.pos_ in ("NOUN",):
            return t
        if t.pos_ not in ("ADJ", "DET") or t.is_punct:
            return None
    return None


def _verb_slot(tok: Token, noun: Token | None) -> str | None:
    """What befell the people counted: the verb or participle governing them."""
    lex = _lex()
    slots = lex["verb_slots"]
    transitive = set(lex["lists"]["transitive"])
    # A participle right on the noun: "5 погибших", "раненых 10 человек".
    for child in (noun.children if noun is not None else ()):
        if child.dep_ in ("amod", "acl") and _norm(child.lemma_) in slots:
            return str(slots[_norm(child.lemma_)])
    head = tok.head
    hops = 0
    while head is not None and hops < 3:
        lemma = _norm(head.lemma_)
        if lemma in slots:
            morph = head.morph
            passive = "Pass" in morph.get("Voice", []) or morph.get("VerbForm", []) == ["Part"]
            # The subject of an active transitive verb is its agent ("трое боевиков убили");
            # one behind a preposition is a misparsed object ("эвакуировали около 140").
            governed = any(c.dep_ == "case" for c in tok.children)
            agent = tok.dep_ == "nsubj" and lemma in transitive and not passive and not governed
            return None if agent else str(slots[lemma])
        if head.head.i == head.i:
            break
        tok, head = head, head.head
        hops += 1
    return None
