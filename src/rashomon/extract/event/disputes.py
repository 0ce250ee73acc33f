"""Disputes across outlets: disagreements found in the text, phrased as questions with sides.

Evidence comes from five detectors, all pure functions over an :class:`EventDoc`:

* **axis** words: the same thing called ``specific`` by some and ``too general`` by others;
* **responsibility** fillers: who is *behind* / *responsible for* / *carried out* the event, and
  whether a named party was *involved* (negated statements, denials and doubts form the *no*
  side);
* **explicit** dispute language (``rejected``, ``denied``, ``refutes``, ``disputed``...): the
  disputed content and who disputes it;
* **polarity** flips (and stance-classifier disagreements) inside claim groups, when the claims
  layer exists;
* **number** conflicts from :mod:`rashomon.extract.event.numbers`.

The rules are hand-written because every side must cite a span and name its holders; a learned
model would give neither. Items about the same question are merged, then ranked by how many
outlets and holders take part.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from rashomon.extract.event.numbers import figure_text, reconcile, value_sides
from rashomon.model import (
    ArticleDoc,
    Attribution,
    Dispute,
    EventDoc,
    Evidence,
    NumberSlot,
    Side,
    Span,
    content_id,
)

__all__ = [
    "DISPUTE_CUES",
    "LOADED_WORDS",
    "Item",
    "TextIndex",
    "affiliations",
    "canonical_holder",
    "event_noun",
    "find_disputes",
    "framing",
    "merge_items",
    "number_items",
    "opinion_author",
    "side_stances",
]

DISPUTE_CUES: tuple[str, ...] = (
    "rejected",
    "rejects",
    "reject",
    "denied",
    "denies",
    "deny",
    "refutes",
    "refuted",
    "refute",
    "contradicts",
    "contradicted",
    "too general",
    "skeptical",
    "sceptical",
    "casting doubt",
    "cast doubt",
    "casts doubt",
    "shift the blame",
    "no ties to",
    "dismissed",
    "dismisses",
    "disputed",
    "disputes",
    "rebuffed",
    "doubts",
)
"""Words that mark a statement as disputed."""

LOADED_WORDS: tuple[str, ...] = (
    "bloodbath",
    "massacre",
    "so-called",
    "slaughter",
    "carnage",
    "butchery",
    "atrocity",
    "barbaric",
    "heinous",
    "regime",
    "neo-nazi",
    "junta",
    "puppet",
    "genocide",
    "obscene",
    "scapegoat",
    "bloody",
    "terror",
    "cynical",
    "cynically",
    "conveniently",
    "shameful",
    "disgraceful",
    "outrageous",
    "brazen",
    "cover-up",
    "whitewash",
    "farce",
    "propaganda",
)
"""Evaluative words whose use in the author's own voice frames the story."""

# Words for the event itself, to phrase questions ("Who is behind the attack?").
EVENT_NOUNS: tuple[str, ...] = (
    "attack",
    "collapse",
    "explosion",
    "crash",
    "shooting",
    "bombing",
    "fire",
    "disaster",
    "strike",
    "blast",
    "massacre",
    "incident",
    "leak",
    "outage",
    "flood",
    "accident",
)

# One axis: the words for each pole; a negator before a word flips it.
_AXES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "specific",
        ("specific", "specificity", "precise", "exact point", "detailed"),
        (
            "too general",
            "general information",
            "general terms",
            "too vague",
            "vague",
            "too generic",
            "generic",
            "not specific",
            "no specific",
        ),
    ),
)
_AXIS_TOPICS = (
    "warning",
    "warnings",
    "information",
    "report",
    "intelligence",
    "letter",
    "advisory",
    "alert",
    "data",
)

_RESP_AFTER = re.compile(
    r"\b(?:behind|masterminded(?: by)?|orchestrated by|carried out by|committed by|executed by|"
    r"claimed by|(?:shift|shifting|put|pin|placed?)\s+the\s+blame\s+(?:on|to)|blamed?|"
    r"accus(?:e|es|ed|ing)|(?:ties|links?|linked\s+[\w\s-]{0,30}?)\s+to|trace of|"
    r"involvement of|responsibility (?:for [\w\s-]{0,30}? )?by|implicate|implicating)\s+",
    re.IGNORECASE,
)
_RESP_BEFORE = re.compile(
    r"(?:['\u2019]s\s+(?:supposed\s+|alleged\s+|possible\s+)?(?:role|involvement|trace)|"
    r"\b(?:was|were|is|are|be|been|wasn['\u2019]t|weren['\u2019]t)\s+(?:\w+\s+)?"
    r"(?:behind|involved|responsible)|\bclaimed responsibility|"
    r"(?:\u201c|\")?is solely responsible|\bcarried out the|\btrace\b)",
    re.IGNORECASE,
)
_NEGATORS = re.compile(
    r"\b(?:not|no|never|nothing|none|neither|n['\u2019]t|wasn['\u2019]t|without|skeptic\w*|"
    r"sceptic\w*|doubts?|"
    r"doubting|refutes?|refuted|denie[sd]|deny|rejects?|rejected|dismiss(?:es|ed)?|"
    r"casting doubt|cast doubt|lie|false|unfounded|baseless)\b",
    re.IGNORECASE,
)
_SPEECH_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|stated|claimed|noted|"
    r"insist(?:s|ed)?|maintain(?:s|ed)?|alleges?|alleged|believes?|believed|suggest(?:s|ed)?|"
    r"argue[sd]?|declared|emphasi[sz]ed|mentioned|announced|acknowledged|speculated|"
    r"elaborated|added|explained|accus(?:e|es|ed|ing)|agreed|points? out|pointed out|"
    r"highlighted|linked|rejected|denied|denies|refutes|dismissed|disputed|"
    r"[Aa]ccording to|reported|skeptical|sceptical|asked|questioned|warned|"
    r"(?:casting|casts?) doubt)\b",
)
# The name starts a word and has at most six words, each taken whole: a run of capitalised
# words (or one very long word) is then read once, not once per letter.
_POSSESSIVE_CUE = re.compile(
    r"(?<![\w.-])([A-Z][\w.-]*+(?:\s+[A-Z][\w.-]*+){0,5})['\u2019]s\s+(?:claims?|view|"
    r"position|assertion|"
    r"accusations?|allegations?|confidence|version)\b"
)
_ANON_HEADS = re.compile(
    r"\b(?:officials?|sources?|people|spokes(?:man|woman|person)|experts?|diplomats?|"
    r"analysts?|residents?|witnesses?|doctors?|volunteers?|authorities|government|"
    r"investigators?|prosecutors?|media|circles|journalists?|agencies|inspectors?|engineers?|"
    r"scientists?|police|officers?|rescuers?|lawyers?|critics?|auditors?|regulators?)\b",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"[;:.!?\u2013\u2014]|\bthat\b|\bbut\b|\bhowever\b|,\s", re.IGNORECASE)
_QUOTE_PAIRS = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}
_FILLER_LABELS = frozenset({"ORG", "GPE", "NORP", "PERSON"})
_MEDIA_HINTS = re.compile(
    r"\b(?:post|times|news|press|bloomberg|reuters|interfax|tass|"
    r"agency|journal|mayadeen|telegraph|guardian|herald)\b",
    re.IGNORECASE,
)

SLOT_QUESTIONS: dict[str, str] = {
    "killed": "How many people were killed?",
    "injured": "How many people were injured?",
    "detained": "How many people were detained?",
    "arrested": "How many people were arrested?",
    "missing": "How many people are missing?",
    "evacuated": "How many people were evacuated?",
    "wounded": "How many people were wounded?",
    "dead": "How many people died?",
    "hostages": "How many people were taken hostage?",
    "displaced": "How many people were displaced?",
}


# --------------------------------------------------------------------------------------------
# Text access: sentences, merged entity names, speakers


@dataclass(frozen=True, slots=True)
class _Named:
    span: Span
    name: str
    label: str


def _is_aside(text: str, attribution: Attribution) -> bool:
    """An attribution written as an aside after its content: ``..., as the engineers advised``."""
    if attribution.speaker is None or attribution.speaker.start < attribution.content.end:
        return False
    before = text[max(0, attribution.speaker.start - 6) : attribution.speaker.start]
    return re.search(r"(?:^|[,;(]\s*)as\s+$", before) is not None


@dataclass(slots=True)
class TextIndex:
    """Per-article lookups the detectors share: sentences, named mentions, attributions."""

    event: EventDoc
    named: dict[str, list[_Named]] = field(default_factory=dict)

    @classmethod
    def build(cls, event: EventDoc) -> TextIndex:
        """Index every article's named mentions under their merged (event-level) names."""
        idx = cls(event)
        merged: dict[tuple[str, int, int], tuple[str, str]] = {}
        for ent in event.entities:
            for ev in ent.mentions:
                merged[(ev.article_id, ev.span.start, ev.span.end)] = (ent.name, ent.label)
        for doc in event.docs:
            local = {e.id: e for e in doc.entities}
            out: list[_Named] = []
            for m in doc.mentions:
                got = merged.get((doc.id, m.span.start, m.span.end))
                if got is None:
                    loc = local.get(m.entity)
                    got = (loc.name if loc else m.text, loc.label if loc else m.label)
                out.append(_Named(m.span, got[0], got[1]))
            out.sort(key=lambda n: n.span.start)
            idx.named[doc.id] = out
        # "Ukrainian trace" names Ukraine: a nationality adjective maps to its country.
        gpes = {n.name for ns in idx.named.values() for n in ns if n.label == "GPE"}
        norp: dict[str, str] = {}
        for ns in idx.named.values():
            for n in ns:
                if n.label == "NORP" and n.name not in norp:
                    norp[n.name] = next(
                        (
                            g
                            for g in sorted(gpes)
                            if len(g) >= 5 and n.name.lower()[:6] == g.lower()[:6]
                        ),
                        n.name,
                    )
        for aid, ns in idx.named.items():
            idx.named[aid] = [
                _Named(n.span, norp.get(n.name, n.name), n.label) if n.label == "NORP" else n
                for n in ns
            ]
        return idx

    def sentences(self, doc: ArticleDoc) -> list[Span]:
        """Body sentence spans (a punctuation split when the sentence layer is missing)."""
        if doc.sentences:
            return [s.span for s in doc.sentences]
        from rashomon.extract.event.stance import sentence_spans

        out: list[Span] = []
        for body in doc.body_spans():
            for s in sentence_spans(doc.text[body.start : body.end]):
                out.append(Span(body.start + s.start, body.start + s.end))
        return out

    def names_in(self, article_id: str, start: int, end: int) -> list[_Named]:
        """Named mentions inside ``[start, end)``."""
        return [
            n for n in self.named.get(article_id, ()) if start <= n.span.start and n.span.end <= end
        ]

    def holder(self, doc: ArticleDoc, sent: Span, pos: int) -> tuple[str | None, Span | None]:
        """Who states the words at ``pos``: a merged entity name, an anonymous source as
        phrased, or ``None`` for the author's own voice.

        Uses the attribution layer first; then the nearest speech cue before ``pos`` in the
        sentence (its subject or possessor), then an inverted cue after it (``..., X said``).
        """
        around = sorted(
            (
                a
                for a in doc.attributions
                if (a.content.start <= pos < a.content.end
                    or (a.cue is not None and a.cue.start <= pos < a.cue.end))
                # A misparsed source ("the arrests ... repeated its position") names no one;
                # the attribution around it still does.
                and not (a.speaker_text and not _good_holder(
                    a.speaker_resolved or a.speaker_text))
            ),
            key=lambda a: len(a.content),
        )
        # "He said the company had begun lowering it, as the engineers had advised": an "as X
        # advised" aside says whose advice was followed; the statement is the outer speaker's.
        outer = [a for a in around if not _is_aside(doc.text, a)]
        if outer and len(outer) < len(around):
            around = outer
        # The innermost source, unless it is a country or body inside a person's statement
        # ("Bortnikov told the press that Russia believes that ...").
        best = around[0] if around else None
        if best is not None and not self._is_person(doc, best):
            best = next((a for a in around if self._is_person(doc, a)), best)
        if best is not None:
            # A possessive source nested inside the attributed content is nearer to the
            # words ("... contradicts Moscow's claims that the warnings were too general").
            nested = list(
                _POSSESSIVE_CUE.finditer(doc.text, max(best.content.start, sent.start), pos)
            )
            if nested:
                m = nested[-1]
                s = Span(m.start(1), m.end(1))
                names = self.names_in(doc.id, s.start, s.end)
                return (names[-1].name if names else m.group(1)), s
        if best is not None and (best.speaker_resolved or best.speaker_text):
            name = best.speaker_resolved or best.speaker_text or ""
            if best.speaker is not None and not best.anonymous:
                inside = [
                    n
                    for n in self.names_in(doc.id, best.speaker.start, best.speaker.end)
                    if n.label in {"PERSON", "ORG", "GPE"}
                ]
                if best.speaker_text and _MEDIA_NOUN.search(best.speaker_text) and not any(
                    n.span.end == best.speaker.end for n in inside
                ):
                    # "the Westmarch newspaper" is a paper, not the country it is from.
                    name = _phrase(best.speaker_text)
                elif inside:
                    people = [n for n in inside if n.label == "PERSON"]
                    name = (people or inside)[-1].name
                elif best.speaker_text and _ROLE_HEADS.search(best.speaker_text):
                    # "The Lusovian government" is not the adjective "Lusovian" (but "the
                    # Russian leader" resolved to Vladimir Putin stays resolved).
                    norp = {
                        x
                        for n in self.names_in(doc.id, best.speaker.start, best.speaker.end)
                        if n.label == "NORP"
                        for x in (n.name, doc.text[n.span.start : n.span.end])
                    }
                    if norp and (best.speaker_resolved or "") in norp | {""}:
                        name = _phrase(best.speaker_text)
            return name, best.speaker
        text = doc.text
        semi = max(text.rfind(";", sent.start, pos), text.rfind("; however", sent.start, pos))
        if semi > sent.start:
            sent = Span(semi + 1, sent.end)
        before = text[sent.start : pos]
        # Candidate sources before pos, nearest first: speech cues and possessives
        # ("Moscow's claims that"). A person wins over a country or group named by a nearer
        # cue ("Bortnikov told the press that Russia believes that...").
        cands: list[tuple[int, str, re.Match[str]]] = [
            (m.start(), "cue", m) for m in _SPEECH_CUE.finditer(before)
        ]
        cands += [(m.start(), "poss", m) for m in _POSSESSIVE_CUE.finditer(before)]
        cands.sort(key=lambda c: -c[0])
        found: list[tuple[str, Span, bool]] = []
        nearest_cue = ""
        for _, kind, m in cands:
            nearest_cue = nearest_cue or m.group(0)
            if kind == "poss":
                s = Span(sent.start + m.start(1), sent.start + m.end(1))
                names = self.names_in(doc.id, s.start, s.end)
                got: tuple[str, Span, bool] | None = (
                    (names[-1].name, s, names[-1].label == "PERSON")
                    if names
                    else (m.group(1), s, False)
                )
            else:
                got = self._subject(doc, sent, sent.start + m.start(), m.group(0))
            if got is not None:
                found.append(got)
                if got[2]:
                    break
        if found:
            # A belief of a country or body inside a person's statement is the person's
            # claim ("Bortnikov told the press that Russia believes that ..."); a stance of its
            # own ("... that the US is casting doubt") stays with its subject.
            person = next((f for f in found if f[2]), None)
            belief = re.fullmatch(r"believes?|believed|view|confidence", nearest_cue.lower())
            pick = person if person is not None and (found[0][2] or belief) else found[0]
            return pick[0], pick[1]
        after = text[pos : sent.end]
        m2 = re.search(
            r"(?:\u201d|\"|,|-|\u2013)\s*([^.,;\u201c\"]{2,60}?)\s+(?:said|says|told|"
            r"noted|added|stated|declared|emphasi[sz]ed|elaborated|explained)\b"
            r"|according to\s+([^.,;]{2,60})",
            after,
        )
        if m2 is not None:
            g = 1 if m2.group(1) else 2
            s = Span(pos + m2.start(g), pos + m2.end(g))
            names = [n for n in self.names_in(doc.id, s.start, s.end) if n.label in _FILLER_LABELS]
            return (names[0].name if names else _phrase(text[s.start : s.end])), s
        # "A warning of such specificity highlights Washington's confidence": the possessor
        # after the words holds them.
        m3 = _POSSESSIVE_CUE.search(text, pos, min(sent.end, pos + 120))
        if m3 is not None:
            s = Span(m3.start(1), m3.end(1))
            names = self.names_in(doc.id, s.start, s.end)
            return (names[-1].name if names else m3.group(1)), s
        return None, None

    def _is_person(self, doc: ArticleDoc, a: Attribution) -> bool:
        if a.speaker is None or a.anonymous:
            return False
        return any(
            n.label == "PERSON" for n in self.names_in(doc.id, a.speaker.start, a.speaker.end)
        )

    def _subject(
        self, doc: ArticleDoc, sent: Span, cue_at: int, cue: str
    ) -> tuple[str, Span, bool] | None:
        """The source of a cue: a named entity, an anonymous phrase, or ``None``."""
        text = doc.text
        if cue.lower() == "according to":
            m = re.match(r"according to\s+([^.,;]{2,60})", text[cue_at : sent.end], re.I)
            if not m:
                return None
            s = Span(cue_at + m.start(1), cue_at + m.end(1))
        else:
            # The clause before the cue, back to the previous boundary; an apposition
            # ("Sergei Narishkin, the head of ..., told") reaches back one more boundary.
            left = text[sent.start : cue_at]
            bounds = list(_BOUNDARY.finditer(left))
            k = len(bounds) - 1
            start = bounds[k].end() if bounds else 0
            # Cross apposition commas back to a person ("The businessman Viktor Halas, owner
            # of Sarna Energy Group, rejected"), at most three of them.
            for _ in range(3):
                if k < 0 or not bounds[k].group(0).startswith(","):
                    break
                if any(
                    n.label == "PERSON" for n in self.names_in(doc.id, sent.start + start, cue_at)
                ):
                    break
                k -= 1
                start = bounds[k].end() if k >= 0 else 0
            if not any(
                n.label == "PERSON" for n in self.names_in(doc.id, sent.start + start, cue_at)
            ):
                start = bounds[-1].end() if bounds else 0
                if not text[sent.start + start : cue_at].strip() and len(bounds) > 1:
                    start = bounds[-2].end()
            s = Span(sent.start + start, cue_at)
        phrase = text[s.start : s.end].strip()
        if phrase and len(phrase.split()) > 16:
            # A long apposition after the subject ("Oleksiy Marchuk, whose company ... for
            # nine years, now tells us"): the person who opens it.
            lead_names = [n for n in self.names_in(doc.id, s.start, s.end)
                          if n.label == "PERSON"
                          and not text[s.start : n.span.start].strip(" \t\n\"\u201c")
                          and text[n.span.end : n.span.end + 1] == ","]
            if lead_names:
                return lead_names[0].name, lead_names[0].span, True
        if not phrase or len(phrase.split()) > 16:
            return None
        names = [n for n in self.names_in(doc.id, s.start, s.end) if n.label in _FILLER_LABELS]
        anon = _ANON_HEADS.search(phrase)
        lead = text[s.start : s.end]
        proper = [n for n in names if n.label != "NORP"]  # "Lusovian media" is anonymous
        if anon and (not proper or anon.start() < proper[0].span.start - s.start):
            return _phrase(phrase), s, False
        people = [n for n in names if n.label == "PERSON"]
        if people:
            return people[-1].name, s, True
        if names and any(n.label != "NORP" for n in names):
            return [n for n in names if n.label != "NORP"][-1].name, s, False
        if re.match(r"\W*(?:the\s+)?(?:he|she|they|it|we|I|to|this|that|there)\b", lead, re.I):
            return None
        if (
            len(phrase.split()) <= 6
            and re.search(r"[A-Z]", phrase)
            and re.search(_ROLE_HEADS, phrase)
        ):
            return _phrase(phrase), s, False
        if names:
            return names[-1].name, s, False
        return None


_MEDIA_NOUN = re.compile(
    r"\b(?:newspaper|paper|daily|weekly|magazine|broadcaster|channel|website|tabloid)s?\b",
    re.IGNORECASE,
)
_ROLE_HEADS = re.compile(
    r"\b(?:leader|president|minister|spokes\w+|head|chief|director|"
    r"teams?|count|figures?|tall(?:y|ies)|hospitals?|"
    r"secretary|official|officials|source|sources|government|authorities|"
    r"ministry|office|service|services|agency|company|firm)\b",
    re.I,
)


def _phrase(text: str) -> str:
    # An anonymous source as phrased, without leading function words or trailing noise.
    text = re.sub(
        r"^\W*(?:but|and|however|on \w+ \d+|on \w+|while|also)\b[\s,]*",
        "",
        text.strip(),
        flags=re.I,
    )
    while True:
        cut = re.sub(
            r"\s+(?:has|have|had|also|publicly|still|himself|herself|is|are|was|were|"
            r"itself|themselves|directly|repeatedly)$",
            "",
            text,
        )
        if cut == text:
            break
        text = cut
    return text.strip(' ,;:-\u2013"\u201c\u201d')


# --------------------------------------------------------------------------------------------
# Items: one piece of evidence for one side of one question


@dataclass(frozen=True, slots=True)
class Item:
    """One piece of evidence for one side of one question."""

    question_key: str
    question: str
    kind: str
    side_key: str
    position: str
    article_id: str
    span: Span
    holder: str | None  # None: the outlet's own voice
    outlet: str


def event_noun(event: EventDoc) -> str:
    """The word the articles use most for the event itself (``attack``, ``collapse``)."""
    counts: Counter[str] = Counter()
    for doc in event.docs:
        low = doc.body.lower()
        for noun in EVENT_NOUNS:
            counts[noun] += len(re.findall(rf"\bthe\s+(?:[\w-]+\s+){{0,2}}{noun}\b", low))
    noun, n = counts.most_common(1)[0] if counts else ("event", 0)
    return noun if n else "event"


def _in_quotes(text: str, pos: int, sent: Span) -> bool:
    left = text[sent.start : pos]
    for o, c in _QUOTE_PAIRS.items():
        if o == c:
            if left.count(o) % 2 == 1:
                return True
        elif left.count(o) > left.count(c):
            return True
    return False


def _negated(window: str) -> bool:
    return _NEGATORS.search(window) is not None


_NOT_IMMINENT = re.compile(
    r"\b(?:no|not|nor|never|without)\b[^.;:]{0,40}?\bimminent\b", re.IGNORECASE
)
_SPECIFIC_DETAIL = re.compile(
    r"\bnamed\s+(?:the|its|an?)\b|\b[\w-]*\s*deadline\b|"
    r"\bwithin\s+(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"\w+teen|\w+ty)[\s-](?:days?|hours?|weeks?)\b",
    re.IGNORECASE,
)
# A separator's spaces start where the spaces do (the lookbehind): a long run of spaces is
# then read once, not from each of its positions.
_CONTRAST = re.compile(r";\s*|,?(?<!\s)\s+\b(?:but|while|whereas)\b\s+", re.IGNORECASE)
_CLAIM_CUE = re.compile(r"\b(?:maintains?|insists?|says?|said|argues?|stresses?|contends?)\s+"
                        r"that\b", re.IGNORECASE)


_VOICE = re.compile(r"\b(?:says?|said|insists?|maintains?|argues?|claims?|believes?|"
                    r"affirms?|contends?|stresses?)\b")


def _contrast_hits(s_low: str, hits: Sequence[tuple[int, bool]]) -> list[tuple[int, bool]]:
    """The other side of a contrast: "the firm maintains that it warned them; the government
    says the warning was too general" gives the first clause the opposite pole."""
    out: list[tuple[int, bool]] = []
    for sep in _CONTRAST.finditer(s_low):
        after = [p for at, p in hits if at >= sep.end()]
        before = [p for at, p in hits if at < sep.start()]
        if len(set(after)) != 1 or before:
            continue
        # The second clause has a voice of its own ("the government says"): one speaker's
        # "X, but it was general" is one position, not two.
        first_after = min(at for at, _ in hits if at >= sep.end())
        if not _VOICE.search(s_low, sep.end(), first_after):
            continue
        cues = list(_CLAIM_CUE.finditer(s_low, 0, sep.start()))
        if cues:
            cue = cues[-1]
            out.append((cue.end(), not after[0]))
    return out


def _axis_items(
    event: EventDoc, idx: TextIndex, advised: Mapping[str, Sequence[int]] | None = None
) -> Iterator[Item]:
    advised = advised or {}
    for doc in event.docs:
        text, low = doc.text, doc.text.lower()
        outlet = event.outlet_of(doc.id)
        starts: list[int] = []  # starts of the sentences read so far
        for sent in idx.sentences(doc):
            prev_start = starts[-3] if len(starts) >= 3 else (starts[0] if starts else 0)
            s_low = low[sent.start : sent.end]
            for axis, pos_words, neg_words in _AXES:
                hits: list[tuple[int, bool]] = []
                taken: list[tuple[int, int]] = []
                for w in neg_words:
                    for m in re.finditer(rf"\b{re.escape(w)}\b", s_low):
                        hits.append((m.start(), False))
                        taken.append((m.start(), m.end()))
                for w in pos_words:
                    for m in re.finditer(rf"\b{re.escape(w)}\b", s_low):
                        if any(a <= m.start() < b for a, b in taken):
                            continue
                        if w == "detailed" and not re.search(
                            r"\b(?:a|an|the|very|highly|more|most|was|were|is|are|been|and)\s+$",
                            s_low[: m.start()],
                        ):
                            continue  # "a report detailed another program": a verb
                        # "could not have been more specific" is emphatic, not a denial.
                        neg = _negated(s_low[max(0, m.start() - 25) : m.start()]) and not s_low[
                            : m.start()
                        ].rstrip().endswith("more")
                        hits.append((m.start(), not neg))
                if axis == "specific":
                    # Details a warning gives ("named the weak point", "a ten-day deadline",
                    # a recommended action) make it specific; "no document announcing an
                    # imminent failure" says it was not.
                    for m in _NOT_IMMINENT.finditer(s_low):
                        if not any(a <= m.start() < b for a, b in taken):
                            hits.append((m.start(), False))
                            taken.append((m.start(), m.end()))
                    details = [m.start() for m in _SPECIFIC_DETAIL.finditer(s_low)]
                    details += [p - sent.start for p in advised.get(doc.id, ())
                                if sent.start <= p < sent.end]
                    for at in sorted(set(details))[:1]:
                        if not any(a <= at < b for a, b in taken) and not _negated(
                            s_low[max(0, at - 25) : at]
                        ):
                            hits.append((at, True))
                    hits.extend(_contrast_hits(s_low, hits))
                for at, positive in hits:
                    # The topic may sit a few sentences back ("The report ... . 'It could
                    # not have been more specific,' Ashby said").
                    window = low[max(prev_start, sent.start + at - 600) : max(
                        sent.end, sent.start + at + 80)]
                    topic = next((t for t in _AXIS_TOPICS if re.search(rf"\b{t}\b", window)), None)
                    if topic is None:
                        continue
                    pos = sent.start + at
                    holder, _ = idx.holder(doc, sent, pos)
                    if positive:
                        side, position = axis, f"{axis}"
                    else:
                        side, position = f"not {axis}", "too general / not specific"
                    yield Item(
                        question_key=f"axis:{axis}",
                        question="",
                        kind="explicit",
                        side_key=side,
                        position=position,
                        article_id=doc.id,
                        span=_clause(text, sent, pos),
                        holder=holder,
                        outlet=outlet,
                    )
            starts.append(sent.start)


def _clause(text: str, sent: Span, pos: int, *, max_chars: int = 240) -> Span:
    # The clause around ``pos``: the sentence cut at semicolons, trimmed to a readable length.
    start, end = sent.start, sent.end
    for m in re.finditer(r";\s*", text[sent.start : sent.end]):
        cut = sent.start + m.end()
        if cut <= pos:
            start = cut
        elif sent.start + m.start() > pos:
            end = min(end, sent.start + m.start())
            break
    if end - start > max_chars:
        start = max(start, pos - max_chars // 2)
        end = min(end, start + max_chars)
        start = text.rfind(" ", sent.start, start) + 1 if start > sent.start else start
        end_space = text.find(" ", end, sent.end)
        end = end_space if end_space != -1 else sent.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _fillers(
    idx: TextIndex, doc: ArticleDoc, start: int, end: int, exclude: set[str]
) -> list[_Named]:
    out = []
    for n in idx.names_in(doc.id, start, end):
        if n.label not in _FILLER_LABELS or n.name in exclude or _MEDIA_HINTS.search(n.name):
            continue
        out.append(n)
    return out


def _event_places(event: EventDoc, idx: TextIndex, noun: str) -> set[str]:
    # The event's own place and target ("the attack on X", "X attack") are never fillers of
    # "who is behind it".
    out: set[str] = set()
    pat = re.compile(rf"\b{noun}s?\s+(?:on|at|in|near|inside|outside)\s+(?:the\s+)?", re.I)
    for doc in event.docs:
        for m in pat.finditer(doc.text):
            for n in idx.names_in(doc.id, m.end(), m.end() + 60)[:1]:
                if n.span.start == m.end():
                    out.add(n.name)
        for m in re.finditer(rf"\s+{noun}\b", doc.text, re.I):
            for n in idx.names_in(doc.id, max(0, m.start() - 60), m.start())[-1:]:
                if n.span.end == m.start():
                    out.add(n.name)
    for ns in idx.named.values():
        out |= {n.name for n in ns if n.label in {"FAC", "LOC"}}
    return out


def _chain(
    idx: TextIndex, doc: ArticleDoc, lo: int, hi: int, exclude: set[str], *, from_right: bool
) -> list[_Named]:
    """The run of names next to one end of ``[lo, hi)``: ``the United States, Britain and
    Ukraine were behind`` gives all three; a name further away is not a filler."""
    names = _fillers(idx, doc, lo, hi, exclude)
    if not names:
        return []
    text = doc.text
    joiner = re.compile(r"^[\s,]*(?:and\s+|or\s+)?(?:the\s+)?$", re.I)
    if from_right:
        last = names[-1]
        gap = text[last.span.end : hi]
        if len(gap) > 40 or re.search(r"[.;:]|\b(?:that|who|which|said|told)\b", gap):
            return []
        run = [last]
        for n in reversed(names[:-1]):
            if joiner.match(text[n.span.end : run[-1].span.start]):
                run.append(n)
            else:
                break
        return run
    first = names[0]
    if len(text[lo : first.span.start]) > 40:
        return []
    run = [first]
    for n in names[1:]:
        if joiner.match(text[run[-1].span.end : n.span.start]):
            run.append(n)
        else:
            break
    return run


_DENIAL = re.compile(
    r"(?:refutes?|refuted|denie[sd]|deny|rejects?|rejected)\s+"
    r"(?:any\s+|the\s+|these\s+|such\s+)?"
    r"(?:allegations?\s+of\s+|accusations?\s+of\s+)?"
    r"(?:any\s+)?(?:involvement|role|responsibility|ties|links?|connection|"
    r"insinuations?)\b|"
    r"(?:flatly\s+|strongly\s+|categorically\s+)?denie[sd]\s+it\b",
    re.IGNORECASE,
)
# "Sarna Energy Group, whose owner has flatly denied it": the denial speaks for the name.
_WHOSE_GAP = re.compile(
    r",?\s*whose\s+[\w-]+(?:\s+[\w-]+)?\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?",
    re.IGNORECASE,
)
_ACCUSATION = re.compile(
    r"\b(?:suggest\w*|accus\w*|claim\w*|blame\w*|interest in|behind|"
    r"insinuat\w*|alleg\w*|implicat\w*|benefit\w*|linked|"
    r"points? (?:to|in another direction))\b",
    re.I,
)
_RELEVANT = re.compile(
    r"\b(?:crime|act|attacks?|responsib\w*|involve\w*|terror\w*|"
    r"sabotage|role)\b",
    re.I,
)
_ACCUSE = re.compile(r"blame|accus|linked|implicat", re.I)


def _responsibility_items(event: EventDoc, idx: TextIndex, noun: str) -> Iterator[Item]:
    places = _event_places(event, idx, noun)
    relevant = re.compile(rf"{_RELEVANT.pattern}|\b{noun}\b", re.I)
    for doc in event.docs:
        text = doc.text
        outlet = event.outlet_of(doc.id)
        sents = idx.sentences(doc)
        for k, sent in enumerate(sents):
            s_text = text[sent.start : sent.end]
            if not relevant.search(s_text) and not _DENIAL.search(s_text):
                continue
            found: list[tuple[int, _Named, bool, bool]] = []  # at, filler, negated, accusing
            denials: list[tuple[int, _Named]] = []
            for m in _RESP_AFTER.finditer(s_text):
                lo = sent.start + m.end()
                hi = min(sent.end, lo + 90)
                names = _chain(idx, doc, lo, hi, places, from_right=False)
                neg = _negated(
                    text[max(sent.start, sent.start + m.start() - 100) : sent.start + m.end()]
                )
                accusing = bool(_ACCUSE.search(m.group(0)))
                for n in names:
                    found.append((sent.start + m.start(), n, neg, accusing))
            for m in _RESP_BEFORE.finditer(s_text):
                hi = sent.start + m.start()
                lo = max(sent.start, hi - 120)
                names = _chain(idx, doc, lo, hi, places, from_right=True)
                if not names:
                    continue
                first = min(n.span.start for n in names)
                neg = _negated(text[max(sent.start, first - 100) : sent.start + m.end()])
                for n in names:
                    found.append((sent.start + m.start(), n, neg, False))
            # "Ukraine refutes any allegations of involvement": the denier is the accused.
            for m in _DENIAL.finditer(s_text):
                hi = sent.start + m.start()
                # The denier is the clause's subject: "Viktor Halas, whose company ...,
                # refutes any link"; "Ukraine refutes any allegations".
                people = [
                    n
                    for n in idx.names_in(doc.id, sent.start, hi)
                    if n.label == "PERSON" and n.name not in places
                ]
                names = (
                    people[:1]
                    or [
                        n
                        for n in _chain(idx, doc, sent.start, hi, places, from_right=True)
                        if hi - n.span.end <= 3
                        or _WHOSE_GAP.fullmatch(text, n.span.end, hi)
                    ][:1]
                )
                if names:
                    found.append((hi, names[0], True, False))
                    denials.append((hi, names[0]))
            seen: set[tuple[str, bool]] = set()
            for at, n, neg, accusing in found:
                if (n.name, neg) in seen:
                    continue
                seen.add((n.name, neg))
                holder, _ = idx.holder(doc, sent, at)
                if holder is None and accusing:
                    # "Putin has tried to shift the blame to Ukraine": the accuser holds it.
                    got = idx._subject(doc, sent, at, "blame")
                    holder = got[0] if got else None
                claimant = holder == n.name and not neg  # "An IS branch claimed responsibility"
                if holder is None and not neg:
                    before = text[sent.start : at]
                    if re.search(r"claimed responsibility|claimed by", text[at : at + 40]) or (
                        re.search(r"claim", before[-40:])
                    ):
                        claimant = True
                clause = _clause(text, sent, at)
                yield Item(
                    question_key=f"involved:{n.name}",
                    question=f"Was {n.name} involved in the {noun}?",
                    kind="slot",
                    side_key="no" if neg else "yes",
                    position=(
                        f"no: {n.name} was not involved" if neg else f"yes: {n.name} was involved"
                    ),
                    article_id=doc.id,
                    span=clause,
                    holder=n.name if claimant or (at, n) in denials else holder,
                    outlet=outlet,
                )
                # A denial answers the accusations shortly before it (up to three sentences
                # back; a remark that the claim is unverified is no accusation): the other
                # side.
                accused = [
                    sents[j]
                    for j in range(k - 1, max(-1, k - 4), -1)
                    if _ACCUSATION.search(text, sents[j].start, sents[j].end)
                    and not _NO_EVIDENCE.search(text, sents[j].start, sents[j].end)
                ]
                if not (neg and (at, n) in denials):
                    accused = []
                for prev in accused[:2]:
                    hit = _ACCUSATION.search(text, prev.start, prev.end)
                    mid = hit.start() if hit else prev.start
                    accuser = idx.holder(doc, prev, mid)[0]
                    if accuser is None and hit is not None:
                        got = idx._subject(doc, prev, mid, hit.group(0))
                        accuser = got[0] if got else None
                    yield Item(
                        question_key=f"involved:{n.name}",
                        question=f"Was {n.name} involved in the {noun}?",
                        kind="slot",
                        side_key="yes",
                        position=f"yes: {n.name} was involved",
                        article_id=doc.id,
                        span=_clause(text, prev, mid),
                        holder=accuser,
                        outlet=outlet,
                    )
                if not neg:
                    yield Item(
                        question_key="behind",
                        question=f"Who is behind the {noun}?",
                        kind="slot",
                        side_key=n.name,
                        position=n.name,
                        article_id=doc.id,
                        span=clause,
                        holder=n.name if claimant else holder,
                        outlet=outlet,
                    )


_DELIBERATE = re.compile(
    r"\b(?:sabotage[sd]?|deliberate(?:ly)?\s+(?:interference|damaged?|act|attack)|"
    r"explosions?|explosives?|arson|intentional(?:ly)?|external intervention|planted|"
    r"bomb(?:ing)?)\b",
    re.IGNORECASE,
)
_DOUBLE_NEG = re.compile(
    r"\b(?:not|never)\s+(?:been\s+)?(?:rule[sd]?|ruling)\s+out\b|"
    r"\bnot\s+(?:be\s+)?excluded\b",
    re.IGNORECASE,
)
_NO_EVIDENCE = re.compile(
    r"\b(?:no (?:evidence|proof|trace|sign)|unverified|nothing points|not been verified|"
    r"not one\b.*\bfound)",
    re.IGNORECASE,
)


_NOT_DELIBERATE = "no: not deliberate (no sign of sabotage; neglect or a known defect)"
# The other explanation of a failure: neglect, or a defect that was known beforehand.
_NEGLECT = re.compile(
    r"\bnegligen(?:ce|t)\b|\bneglect(?:ed|ing)?\b|\bfalsif\w+\s+(?:inspection|safety)\b|"
    r"\b(?:identified|found|detected|discovered|showed|reported|documented|warned\s+of|"
    r"flagged)\s+(?:\w+\s+){0,2}?[\"\u201c]?(?:\w+\s+)?(?:seepage|leaks?|leakage|"
    r"infiltrations?|cracks?|cracking|corrosion|defects?|subsidence|erosion)\b|"
    r"\b(?:seepage|leak|crack|corrosion|defect)\w*\s+(?:readings\s+|data\s+|reports?\s+)?"
    r"(?:was|were|had\s+been)\s+known\b",
    re.IGNORECASE,
)


def _actor(idx: TextIndex, doc: ArticleDoc, start: int, end: int) -> str | None:
    # "Prosecutor General Dragan Ilic has opened a case on charges of negligence": the one
    # who acts on the explanation holds it, not the outlet that reports the act.
    names = [n for n in idx.names_in(doc.id, start, end) if n.label in {"PERSON", "ORG"}]
    return names[0].name if names else None


def _heading(sentence: str) -> bool:
    # A short line without closing punctuation is a subhead ("Accusation of sabotage").
    s = sentence.strip()
    return len(s.split()) < 6 and not re.search(r"[.!?\"\u201d\u2019']$", s)


def _deliberate_items(event: EventDoc, idx: TextIndex, noun: str) -> Iterator[Item]:
    """Was the event deliberate (sabotage, explosives) or not: a cause both sides argue."""
    question = f"Was the {noun} deliberate (sabotage)?"
    # Neglect argues against sabotage only where someone claims sabotage.
    claimed = any(
        _DELIBERATE.search(doc.text, b.start, b.end) for doc in event.docs
        for b in doc.body_spans()
    )
    for doc in event.docs:
        text = doc.text
        outlet = event.outlet_of(doc.id)
        after_claim = False  # the sentence before named sabotage or explosives
        for sent in idx.sentences(doc):
            if _heading(text[sent.start : sent.end]):
                continue  # "The sabotage version": a subhead names a topic, takes no side
            m = _DELIBERATE.search(text, sent.start, sent.end)
            cause = _NEGLECT.search(text, sent.start, sent.end)
            if cause is not None and m is None and claimed:
                # "negligence causing death", "the firm had identified accelerating seepage":
                # the other explanation argues against the deliberate one.
                yield Item(
                    question_key="deliberate",
                    question=question,
                    kind="explicit",
                    side_key="no",
                    position=_NOT_DELIBERATE,
                    article_id=doc.id,
                    span=_clause(text, sent, cause.start()),
                    holder=idx.holder(doc, sent, cause.start())[0] or _actor(
                        idx, doc, sent.start, cause.start()),
                    outlet=outlet,
                )
            if m is None:
                ev0 = _NO_EVIDENCE.search(text, sent.start, sent.end)
                if after_claim and ev0 is not None:
                    # "... now tells us about mysterious explosions. Not one rescuer has found
                    # a trace of them.": the answer refers back to the claim.
                    yield Item(
                        question_key="deliberate",
                        question=question,
                        kind="explicit",
                        side_key="no",
                        position=_NOT_DELIBERATE,
                        article_id=doc.id,
                        span=_clause(text, sent, ev0.start()),
                        holder=idx.holder(doc, sent, ev0.start())[0],
                        outlet=outlet,
                    )
                after_claim = False
                continue
            after_claim = True
            before = text[max(sent.start, m.start() - 80) : m.start()]
            doubled = bool(_DOUBLE_NEG.search(before))
            neg = not doubled and (
                _negated(_DOUBLE_NEG.sub(" ", before)) or "so-called" in before.lower()
            )
            holder, _ = idx.holder(doc, sent, m.start())
            clause = _clause(text, sent, m.start())
            yield Item(
                question_key="deliberate",
                question=question,
                kind="explicit",
                side_key="no" if neg else "yes",
                position=(_NOT_DELIBERATE if neg else "yes: deliberate (sabotage)"),
                article_id=doc.id,
                span=clause,
                holder=holder,
                outlet=outlet,
            )
            ev = _NO_EVIDENCE.search(text, m.end(), sent.end)
            if not neg and ev is not None:
                # "... deliberately damaged, a claim for which he has offered no evidence".
                yield Item(
                    question_key="deliberate",
                    question=question,
                    kind="explicit",
                    side_key="no",
                    position=_NOT_DELIBERATE,
                    article_id=doc.id,
                    span=_clause(text, sent, ev.start()),
                    holder=idx.holder(doc, sent, ev.start())[0]
                    if _in_quotes(text, ev.start(), sent)
                    else None,
                    outlet=outlet,
                )


# --------------------------------------------------------------------------------------------
# Whether a warning reached the people at risk


_RECIPIENT = (
    r"(?:residents?|households?|people|population|public|inhabitants|villagers|townspeople|"
    r"famil(?:y|ies)|citizens|locals|(?:the\s+)?(?:town|village|city|community|neighbourhood|"
    r"neighborhood)|nobody|no\s+one|anyone|everyone|everybody)"
)
_WARN_VERB = r"(?:warned|told|informed|alerted|notified)"
_WARN_NOUN = (
    r"(?:warnings?|advisor(?:y|ies)|alerts?|alarms?|sirens?|text\s+messages?|"
    r"evacuation\s+orders?)"
)
# "the town was not told", "nobody in the town had been told", "residents were warned".
_TOLD_PASSIVE = re.compile(
    rf"\b{_RECIPIENT}\b(?:\s+(?:in|of|from)\s+(?:the\s+)?[\w-]+(?:\s+[A-Z][\w-]+)?)?"
    rf"\s*[\"\u201c]?\s*(?:was|were|had\s+been|have\s+been|has\s+been|had|got|been)\s+"
    rf"(?:not\s+|never\s+|ever\s+|all\s+)?{_WARN_VERB}\b",
    re.IGNORECASE,
)
# "no one warned us", "authorities alerted residents", "a text message telling people"
# ("tells us about explosions" is no warning).
_TOLD_ACTIVE = re.compile(
    rf"\b(?:(?:warn(?:ed|ing|s)?|t(?:old|elling|ells?)|inform(?:ed|ing|s)?|"
    rf"alert(?:ed|ing|s)?|notif(?:ied|ying|ies|y))\s+(?:the\s+|every\s+|all\s+)?"
    rf"{_RECIPIENT}|(?:warn(?:ed|ing|s)?|alert(?:ed|ing|s)?|notif(?:ied|ying|ies|y))\s+us)\b",
    re.IGNORECASE,
)
# "the advisory reached every household", "an alert went out to residents".
_REACHED = re.compile(
    rf"\b{_WARN_NOUN}\b[^.;:]{{0,60}}?[\"\u201c]?\s*(?:reached|went\s+out\s+to|was\s+sent\s+to|"
    rf"were\s+sent\s+to)\s+(?:every\s+|all\s+|the\s+)?{_RECIPIENT}\b",
    re.IGNORECASE,
)
# "authorities issued a flood advisory", "a preventive alert was emitted", "the advisory
# issued on June 7": a public warning went out (an authority's warning, not a report to one).
_ISSUED = re.compile(
    rf"\b(?:issu(?:e|es|ed|ing)|emitted|sent\s+out|sounded|broadcast|published)\s+"
    rf"(?:an?\s+|its\s+|the\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?{_WARN_NOUN}\b|"
    rf"\b{_WARN_NOUN}\s+(?:was\s+|were\s+|had\s+been\s+)?(?:issued|emitted|sent\s+out|"
    rf"sounded|broadcast)\b",
    re.IGNORECASE,
)
# Recipients that are authorities: whether *they* were warned is another question (the
# report to the ministry), not whether the people at risk were.
_AUTHORITY_RECIPIENT = re.compile(
    r"\b(?:ministry|ministers?|government|authorities|officials|inspectorate|operator|"
    r"company|agency|police|parliament|deputies)\b",
    re.IGNORECASE,
)
_NOBODY = re.compile(r"\b(?:nobody|no[\s-]one|so-called)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[;:.!?\u2013\u2014]|\bthat\b|\bbut\b|\band\b|,\s", re.IGNORECASE)


def _local_window(text: str, sent: Span, at: int, *, reach: int = 80) -> str:
    """The words of ``at``'s clause before it (back to ``that``, ``and``, a comma...)."""
    lo = max(sent.start, at - reach)
    left = text[lo:at]
    cuts = list(_CLAUSE_START.finditer(left))
    return left[cuts[-1].end() :] if cuts else left


def _warned_items(event: EventDoc, idx: TextIndex, noun: str) -> Iterator[Item]:
    """Were the people at risk warned: a warning that reached them, or nobody told them."""
    question = f"Were the people at risk warned before the {noun}?"
    for doc in event.docs:
        text = doc.text
        outlet = event.outlet_of(doc.id)
        for sent in idx.sentences(doc):
            hits: list[tuple[int, int, bool]] = []  # start, end, negated
            for pat in (_TOLD_PASSIVE, _TOLD_ACTIVE, _REACHED, _ISSUED):
                for m in pat.finditer(text, sent.start, sent.end):
                    got = m.group(0)
                    if pat is _TOLD_ACTIVE and _AUTHORITY_RECIPIENT.search(
                        text, m.end(), min(sent.end, m.end() + 30)
                    ):
                        continue
                    if pat is _ISSUED and re.search(r"\bto\s+(?:the\s+)?(?:ministry|"
                                                    r"government|authorities)", text[m.end():
                                                    min(sent.end, m.end() + 40)], re.I):
                        continue
                    window = _local_window(text, sent, m.start()) + " " + got
                    neg = _negated(window) or _NOBODY.search(window) is not None
                    hits.append((m.start(), m.end(), neg))
            if not hits:
                continue
            # One item per sentence, the first hit; a denial outweighs a restatement in the
            # same sentence ("nothing, except its so-called advisory, a text telling people").
            for neg in (True,) if any(h[2] for h in hits) else (False,):
                first = next((h for h in sorted(hits) if h[2] == neg), None)
                if first is None:
                    continue
                at = first[0]
                yield Item(
                    question_key="warned",
                    question=question,
                    kind="polarity",
                    side_key="no" if neg else "yes",
                    position=("no: the people at risk were not warned" if neg
                              else "yes: a warning reached the people at risk"),
                    article_id=doc.id,
                    span=_clause(text, sent, at),
                    holder=idx.holder(doc, sent, at)[0],
                    outlet=outlet,
                )


# --------------------------------------------------------------------------------------------
# Whether a recommended action was taken


# Verbs of direction for levels and amounts: a recommendation to lower something is answered
# by "had begun lowering it" (done), "it fell by less than a metre" or "let it rise" (not done).
_DOWN = (
    r"lower(?:s|ed|ing)?|reduc(?:e|es|ed|ing|tion)|draw(?:s|ing|n)?\s+(?:[\w-]+\s+){0,3}?down|"
    r"drew\s+(?:[\w-]+\s+){0,3}?down|drawdown|drain(?:s|ed|ing)?|decreas(?:e|es|ed|ing)|"
    r"f(?:a|e)ll(?:s|en|ing)?|drop(?:s|ped|ping)?|c(?:o|a)me\s+down|coming\s+down|"
    r"(?:go|goes|went|gone)\s+down"
)
_UP = r"rais(?:e|es|ed|ing)|ris(?:e|es|en|ing)|rose|increas(?:e|es|ed|ing)|fill(?:s|ed|ing)?"
# Words of advice shared by both patterns; the branches starting "recommend" and "ask" differ.
_ADVICE_WORDS = (
    r"urg(?:e|es|ed|ing)|advis(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|for)|press(?:ed)?\s+for|"
    r"request(?:s|ed)?|demand(?:s|ed)?|should(?:\s+have)?|must|needed\s+to|deadline|proposed"
)
# Any advice, nouns included ("the recommendations", "asked for").
_RECOMMEND = re.compile(
    rf"\b(?:recommend(?:s|ed|ing|ations?)?|ask(?:s|ed|ing)?(?:\s+for)?|{_ADVICE_WORDS})\b",
    re.IGNORECASE,
)
# The advising verb itself, whose subject is the adviser.
_RECOMMEND_VERB = re.compile(
    rf"\b(?:recommend(?:s|ed|ing)?|ask(?:s|ed|ing)?|{_ADVICE_WORDS})\b", re.IGNORECASE
)
_ACT_VERB = re.compile(rf"\b(?:(?P<down>{_DOWN})|(?P<up>{_UP}))\b", re.IGNORECASE)
_MINIMISED = re.compile(r"^\W*(?:only\s+|just\s+)?(?:by\s+)?(?:less\s+than|barely|only|just|"
                        r"hardly|a\s+fraction)\b", re.IGNORECASE)
_COUNTERFACTUAL = re.compile(r"\b(?:if|had\s+(?:\w+\s+)?been|would\s+have|could\s+have|"
                             r"might\s+have)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|would|could|may|might|can|to|going\s+to)\s+(?:\w+\s+)?$",
                     re.IGNORECASE)
_OBJ_STOP = frozenset({"the", "a", "an", "its", "their", "it", "them", "by", "of", "to",
                       "within", "in", "on", "at", "down", "be", "been", "level", "levels"})


_INTRANSITIVE = re.compile(
    r"f(?:a|e)ll|drop|c(?:o|a)m(?:e|ing)\s+down|(?:go|goes|went|gone)\s+down|ris|rose", re.I
)


def _objects_near(text: str, start: int, end: int, sent: Span) -> list[str]:
    # What a verb acts on, at most three words: after an active transitive verb ("lowering
    # the reservoir"), before a passive or intransitive one ("the reservoir had been lowered",
    # "the water level fell"), inside a particle verb ("drawing the reservoir down").
    before = text[max(sent.start, start - 40) : start]
    before = re.split(r"[,;:.\u201c\u201d\"]|\bthat\b|\bwhich\b", before)[-1]
    after = text[end : min(sent.end, end + 40)]
    after = re.split(r"[,;:.\u201c\u201d\"]|\b(?:by|within|before|after|in|on|at|to)\b",
                     after)[0]
    verb = text[start:end]
    passive = re.search(r"\b(?:be|been|being|is|are|was|were)\s+$", before, re.I)
    inner = re.findall(r"[a-z]{3,}", verb.lower())[1:-1]
    if _INTRANSITIVE.match(verb) or passive:
        words = re.findall(r"[a-z]{3,}", before.lower())[-3:] + inner
    else:
        words = inner + re.findall(r"[a-z]{3,}", after.lower())[:3]
    return [w for w in words if w not in _OBJ_STOP and w not in _STOPWORDS]


_STOPWORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight",
                        "nine", "ten", "and", "had", "has", "have", "was", "were", "begun",
                        "began", "that", "this", "would", "could", "should", "let", "for",
                        "with", "from",
                        "gradual", "said", "says", "show", "shows", "data"})


@dataclass(slots=True)
class _Advice:
    """Recommended actions in an event: what is to be done to what, by whose advice."""

    wanted: dict[str, Counter[str]] = field(
        default_factory=lambda: {"down": Counter(), "up": Counter()}
    )  # direction -> the things acted on ("reservoir", "water")
    advisers: Counter[str] = field(default_factory=Counter)
    phrases: Counter[str] = field(default_factory=Counter)  # "lower the reservoir"
    at: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    verbs: list[tuple[ArticleDoc, Span, re.Match[str]]] = field(default_factory=list)


def _advice(event: EventDoc, idx: TextIndex) -> _Advice:
    """Every direction verb of the event, and which of them a recommendation governs."""
    out = _Advice()
    for doc in event.docs:
        text = doc.text
        for sent in idx.sentences(doc):
            for m in _ACT_VERB.finditer(text, sent.start, sent.end):
                out.verbs.append((doc, sent, m))
                # The cue may govern a coordinated object ("urged the operator and the
                # ministry to lower"), so the window runs back past "and".
                lo = max(sent.start, m.start() - 80)
                parts = re.split(r"[;:.!?]|\bthat\b|,\s", text[lo : m.start()])
                window = parts[-1]
                window_at = m.start() - lo - len(window)
                cue = _RECOMMEND_VERB.search(window)
                if cue is None or _COUNTERFACTUAL.search(window):
                    continue
                direction = "down" if m.group("down") else "up"
                objs = _objects_near(text, m.start(), m.end(), sent)
                if not objs:
                    continue
                out.wanted[direction].update(objs)
                out.at[doc.id].append(m.start())
                holder = idx.holder(doc, sent, m.start())[0]
                if holder is None:
                    # "Inspectors had urged the operator to ...": the cue's subject advises.
                    got = idx._subject(doc, sent, lo + window_at + cue.start(), cue.group(0))
                    holder = got[0] if got else None
                if holder:
                    out.advisers[canonical_holder(event, holder)] += 1
                # "to lower the reservoir": the infinitive and its object phrase the question.
                inf = re.match(r"\s+the\s+([a-z][\w-]+)\b", text[m.end() : sent.end])
                if text[m.start() - 3 : m.start()].lower() == "to " and inf and (
                    inf.group(1) in objs
                ):
                    out.phrases[f"{m.group(0).lower()} the {inf.group(1)}"] += 1
    return out


def _action_items(event: EventDoc, idx: TextIndex, advice: _Advice) -> Iterator[Item]:
    """Was a recommended action taken: the recommendation's verb and object, then the reports
    that it was done (same verb, plain past) or not (negated, minimised, counterfactual, or the
    opposite direction)."""
    wanted, recommenders, phrases = advice.wanted, advice.advisers, advice.phrases
    rec_spans = {(aid, p) for aid, ps in advice.at.items() for p in ps}
    found = advice.verbs
    if not any(wanted.values()):
        return
    # 2. Reports of the action: done, or not done.
    items: list[Item] = []
    for doc, sent, m in found:
        if (doc.id, m.start()) in rec_spans:
            continue
        text = doc.text
        direction = "down" if m.group("down") else "up"
        objs = set(_objects_near(text, m.start(), m.end(), sent))
        nominal = m.group(0).lower() in {"drawdown", "reduction"}
        # A bare noun ("had begun a gradual drawdown") is this action only beside a word for
        # the advice itself ("it had received the recommendations and had begun ...").
        if not (objs & set(wanted[direction]) or objs & set(wanted[_flip(direction)])) and not (
            nominal and _ADVICE_NOUN.search(text, sent.start, sent.end)
        ):
            continue
        window = _local_window(text, sent, m.start(), reach=60)
        if _FUTURE.search(window) and not _COUNTERFACTUAL.search(window + " " + text[
                m.end() : min(sent.end, m.end() + 30)]):
            continue  # "the water will fall below one metre by Friday": not about the past
        after = text[m.end() : min(sent.end, m.end() + 40)]
        rest = re.split(r"[;:.]|,\s", text[m.end() : sent.end])[0]
        against = wanted[_flip(direction)] and objs & set(wanted[_flip(direction)]) and not (
            objs & set(wanted[direction]))
        done = not (
            _negated(window)
            or _MINIMISED.search(after)
            or _COUNTERFACTUAL.search(window + " " + rest)
            or against
        )
        if _RECOMMEND.search(window) and done:
            continue  # a recommendation after all ("asked that it be lowered")
        counterfactual = _COUNTERFACTUAL.search(window + " " + rest) is not None
        if not counterfactual and not _reported_done(m.group(0), window):
            continue  # "without a raising of taxes", "a deficit-reduction plan": no report
        holder = idx.holder(doc, sent, m.start())[0]
        items.append(
            Item(
                question_key="action",
                question="",
                kind="polarity",
                side_key="yes" if done else "no",
                position=("yes: the recommended action was taken" if done
                          else "no: the recommended action was not taken"),
                article_id=doc.id,
                span=_clause(text, sent, m.start()),
                holder=holder,
                outlet=event.outlet_of(doc.id),
            )
        )
    if not items:
        return
    # The actor and the adviser by the organisation their spokespeople speak for.
    speaks_for = affiliations(event)

    def who(holder: str) -> str:
        name = canonical_holder(event, holder)
        return speaks_for.get(name, name)

    doers = Counter(who(i.holder) for i in items
                    if i.side_key == "yes" and i.holder and _good_holder(i.holder))
    # On a tie, the organisation acts rather than its spokesperson (by label, or by a stated
    # role such as "the operator" when the tagger took the name for a person), then the party
    # named most often.
    orgs = {e.name for e in event.entities if e.label == "ORG" or any(
        _ORG_ROLE.search(r) for r in e.roles)}
    mentions = {e.name: len(e.mentions) for e in event.entities}
    actor = max(doers, key=lambda k: (doers[k], k in orgs, mentions.get(k, 0)), default=None)
    act = phrases.most_common(1)[0][0] if phrases else None
    by = Counter({who(k): 0 for k in recommenders})
    for k, n in recommenders.items():
        by[who(k)] += n
    adviser = by.most_common(1)[0][0] if by else None
    owner = (adviser + "'" if adviser.endswith("s") else adviser + "'s") if adviser else ""
    rec = f"{owner} recommendation" if adviser else "the recommendation"
    what = f" to {act}" if act else ""
    question = (f"Did {actor} act on {rec}{what}?" if actor
                else f"Was {rec}{what} acted on?")
    if actor is not None and any(i.side_key == "no" for i in items):
        items.extend(_omissions(event, idx, actor, {(i.article_id, i.span.start) for i in items}))
    for i in items:
        yield replace(i, question=question)


# "the readings were known inside the company and were not reported", "the operator ignored":
# the actor knew and did nothing, which answers "did it act?" too.
_OMISSION = re.compile(
    r"\b(?:(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:not|never)|did\s+not|"
    r"didn['\u2019]t|never|failed\s+to|refused\s+to)\s+(?:\w+\s+)?(?:reported|disclosed|"
    r"acted|act|report|disclose|shared|share|passed\s+on|pass\s+on|heeded|heed)\b|"
    r"\b(?:ignored|disregarded)\b",
    re.IGNORECASE,
)


def _omissions(
    event: EventDoc, idx: TextIndex, actor: str, seen: set[tuple[str, int]]
) -> Iterator[Item]:
    """Reports that the actor knew and did nothing, by name or by its stated role."""
    ent = next((e for e in event.entities if e.name == actor), None)
    names = {actor, *(ent.aliases if ent else ())}
    roles = {r.lower().removeprefix("the ") for r in (ent.roles if ent else ())
             if _ORG_ROLE.search(r)}
    refs = [re.escape(n) for n in names if len(n) >= 4] + [
        rf"(?:the|its)\s+{re.escape(r)}" for r in roles]
    if not refs:
        return
    ref = re.compile(r"\b(?:" + "|".join(refs) + r")\b", re.IGNORECASE)
    for doc in event.docs:
        text = doc.text
        for sent in idx.sentences(doc):
            m = _OMISSION.search(text, sent.start, sent.end)
            if m is None or not ref.search(text, sent.start, sent.end):
                continue
            clause = _clause(text, sent, m.start())
            if (doc.id, clause.start) in seen:
                continue
            yield Item(
                question_key="action",
                question="",
                kind="polarity",
                side_key="no",
                position="no: the recommended action was not taken",
                article_id=doc.id,
                span=clause,
                holder=idx.holder(doc, sent, m.start())[0],
                outlet=event.outlet_of(doc.id),
            )


_ORG_ROLE = re.compile(
    r"^(?:the\s+)?(?:company|operator|firm|group|agency|consultancy|corporation|"
    r"organi[sz]ation|ministry|utility)$",
    re.IGNORECASE,
)


_ADVICE_NOUN = re.compile(r"\b(?:recommendations?|advice|advised|as\s+\w+\s+(?:had\s+)?asked)\b",
                          re.IGNORECASE)
_PAST_VERB = re.compile(
    r"(?:\b\w+ed|fell|fallen|rose|risen|drew\b.*|drawn\b.*|came\s+down|went\s+down|"
    r"gone\s+down)$",
    re.IGNORECASE,
)
_BEGUN = re.compile(
    r"\b(?:began|begun|started|starts?|had|has|have|carried\s+out|completed)\s+"
    r"(?:[\w\u201c\"-]+\s+){0,2}[\u201c\"]?$",
    re.IGNORECASE,
)
_LET = re.compile(r"\blet\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+$", re.IGNORECASE)


def _reported_done(verb: str, window: str) -> bool:
    """Whether a direction verb reports something that happened (past or perfect tense, a
    begun process, a causative "let it rise"), not a plan or a topic."""
    return bool(_PAST_VERB.search(verb) or _BEGUN.search(window) or _LET.search(window))


def _flip(direction: str) -> str:
    return "up" if direction == "down" else "down"


_EXPLICIT = re.compile(
    r"\b(?:" + "|".join(re.escape(c) for c in DISPUTE_CUES) + r")\b", re.IGNORECASE
)


def _explicit_items(
    event: EventDoc, idx: TextIndex, used_by: Mapping[str, Sequence[int]]
) -> Iterator[Item]:
    for doc in event.docs:
        text = doc.text
        outlet = event.outlet_of(doc.id)
        sents = idx.sentences(doc)
        for k, sent in enumerate(sents):
            used = used_by.get(doc.id, ())
            if any(sent.start <= p < sent.end for p in used):
                continue
            for m in _EXPLICIT.finditer(text, sent.start, sent.end):
                cue = m.group(0).lower()
                if cue in {"too general"}:
                    continue  # the axis detector reads these
                # "rejected claims that he betrayed them": the disputed content is the clause.
                obj_m = re.match(
                    r"\s*(?:(?:the\s+|any\s+)?(?:claims?|notion|idea|allegations?|"
                    r"accusations?|suggestions?|reports?|assertions?|charges?|view)\s+"
                    r"(?=that\s))?(?:that\s+)?([^.;:,\u2013\u2014]{3,120})",
                    text[m.end() : sent.end],
                    re.IGNORECASE,
                )
                obj = obj_m.group(1).strip() if obj_m else ""
                if re.match(r"by\b", obj, re.IGNORECASE):
                    continue  # "contradicted by revelations": the agent, not what is disputed
                obj_span = Span(m.end() + obj_m.start(1), m.end() + obj_m.end(1)) if obj_m else None
                if obj.lower() in {"that", "this", "it", "the claim", "the claims"} and k > 0:
                    # "X disputed that": the nearest earlier statement someone made.
                    back = [sents[j] for j in range(k - 1, max(-1, k - 4), -1)]
                    prev = next(
                        (p for p in back if _SPEECH_CUE.search(text, p.start, p.end)), back[0]
                    )
                    if any(prev.start <= p < prev.end for p in used):
                        break  # already a side of an axis or responsibility question
                    obj, obj_span = text[prev.start : prev.end], prev
                if obj_span is None or len(obj.split()) < 2:
                    continue
                disputer, _ = idx.holder(doc, sent, m.start())
                if disputer is None:
                    got = idx._subject(doc, sent, m.start(), cue)
                    disputer = got[0] if got else None
                owners = _fillers(idx, doc, obj_span.start, obj_span.end, set())
                owner = owners[0].name if owners else None
                key_words = sorted({w for w in re.findall(r"[a-z]{5,}", obj.lower())})[:4]
                qkey = "explicit:" + (owner or "") + ":" + " ".join(key_words)
                short, question = _explicit_question(obj)
                yield Item(
                    question_key=qkey,
                    question=question,
                    kind="explicit",
                    side_key="claim",
                    position=("credible: " if question.endswith("credible?") else "true: ") + short,
                    article_id=doc.id,
                    span=obj_span,
                    holder=owner,
                    outlet=outlet,
                )
                yield Item(
                    question_key=qkey,
                    question=question,
                    kind="explicit",
                    side_key="disputed",
                    position=f"{cue}: {short}",
                    article_id=doc.id,
                    span=_clause(text, sent, m.start()),
                    holder=disputer,
                    outlet=outlet,
                )
                break


def _explicit_question(obj: str) -> tuple[str, str]:
    """A short form of a disputed object and the question it raises.

    A clause (``Ukraine was behind the attack``) asks whether it is true; a noun phrase
    (``the US warnings just three days before ...``) asks whether it was credible.
    """
    words = obj.split()
    # A noun phrase opens with a determiner or a possessive ("the US warnings", "Obama's
    # politics"); anything else is read as a clause ("Democrats feel betrayed by the deal").
    noun_phrase = re.match(
        r"(?:the|a|an|these|those|this|its|his|her|their|our|any|such)\b|"
        r"[\w.-]+['\u2019]s?\s", obj, re.IGNORECASE
    )
    if re.search(r"\b(?:was|were|is|are|had|has|have|did|does|will|would|should|could|"
                 r"must|can|may|might)\b", obj) or (
        not noun_phrase and len(words) >= 4
    ):
        short = " ".join(words[:16])
        return short, f"Is it true that {short.rstrip('.')}?"
    cut = re.split(
        r"\s(?:just|only|on|in|at|before|after|during|since|as|and|which|that)\s", obj, maxsplit=1
    )[0]
    short = " ".join(cut.split()[:10]).rstrip(".")
    verb = "Were" if short.lower().endswith("s") else "Was"
    return short, f"{verb} {short} credible?"


def _fold_denials(explicit: list[Item], items: Sequence[Item]) -> list[Item]:
    """A denial by someone whose involvement is already a question joins its *no* side.

    ``"My company has no ties to the Kresny Dam"`` said by Viktor Halas answers "Was Viktor
    Halas involved?"; as a dispute of its own it would repeat that question.
    """
    questions = {i.question_key: i for i in items if i.question_key.startswith("involved:")}
    by_key: dict[str, list[Item]] = defaultdict(list)
    for i in explicit:
        by_key[i.question_key].append(i)
    out: list[Item] = []
    for group in by_key.values():
        disputed = [i for i in group if i.side_key == "disputed"]
        target = next(
            (
                questions[f"involved:{i.holder}"]
                for i in disputed
                if f"involved:{i.holder}" in questions
            ),
            None,
        )
        if target is None:
            out.extend(group)
            continue
        filler = target.question_key.split(":", 1)[1]
        out.extend(
            Item(
                question_key=target.question_key,
                question=target.question,
                kind="slot",
                side_key="no",
                position=f"no: {filler} was not involved",
                article_id=i.article_id,
                span=i.span,
                holder=i.holder,
                outlet=i.outlet,
            )
            for i in disputed
        )
    return out


def number_items(
    event: EventDoc, slots: Sequence[NumberSlot], idx: TextIndex | None = None
) -> Iterator[Item]:
    """Items for slots whose figures cannot all be true at once (``conflict`` verdicts).

    Args:
        event: the event.
        slots: reconciled number slots.
        idx: when given, the speaker of a figure's sentence holds it too ("Volunteers ... say
            the real figure is more than 60, according to unofficial tallies").
    """
    for slot in slots:
        # Only figures that cannot all be true dispute each other; a toll that rose with
        # time is an update, shown by the numbers layer.
        if slot.verdict != "conflict" or slot.slot not in SLOT_QUESTIONS:
            continue
        question = SLOT_QUESTIONS.get(slot.slot, f"What is the figure for {slot.slot}?")
        for side in value_sides(slot):
            position = Counter(figure_text(v) for v in side).most_common(1)[0][0]
            for v in side:
                yield Item(
                    question_key=f"number:{slot.slot}",
                    question=question,
                    kind="number",
                    side_key=position,
                    position=position,
                    article_id=v.article_id,
                    span=v.span,
                    holder=v.attributed_to,
                    outlet=v.outlet,
                )
                if idx is None:
                    continue
                # Every source in the chain around the figure ("Volunteers ... say the real
                # figure is more than 60, according to unofficial tallies"), not only the
                # nearest; a place inside the nearest ("doctors ... in Sarnov") adds nothing.
                doc = event.doc(v.article_id)
                near = (v.attributed_to or "").lower()
                speakers = {
                    a.speaker_resolved or a.speaker_text or ""
                    for a in doc.attributions
                    if a.content.contains(v.span)
                }
                for speaker in sorted(speakers):
                    if not speaker or speaker.lower() in near or not _good_holder(speaker):
                        continue
                    yield Item(
                        question_key=f"number:{slot.slot}",
                        question=question,
                        kind="number",
                        side_key=position,
                        position=position,
                        article_id=v.article_id,
                        span=v.span,
                        holder=speaker,
                        outlet=v.outlet,
                    )


def _group_items(event: EventDoc, stance: Mapping[tuple[str, str], str] | None) -> Iterator[Item]:
    if not event.groups or not event.claims:
        return
    from rashomon.extract.event.claims import polarity_flip

    claims = {c.id: c for c in event.claims}
    stance = stance or {}
    for g in event.groups:
        label = claims.get(g.label_claim)
        if label is None:
            continue
        members = [claims[c] for c in g.claim_ids if c in claims]
        statement = g.label.rstrip(". ")
        for c in members:
            disagree = stance.get((label.id, c.id)) == "disagree"
            # A polarity flip must show in the words too: "no evidence" and "no trace" are
            # the same polarity even when the claims layer reads them apart.
            flip = (
                c.id != label.id
                and polarity_flip(label, c)
                and _negated(label.text) != _negated(c.text)
            )
            against = c.id != label.id and (flip or disagree)
            yield Item(
                question_key=f"group:{g.id}",
                question=f"Is it true that {statement}?",
                kind="stance" if disagree else "polarity",
                side_key="contradicts" if against else "states",
                position=("contradicts: " if against else "states: ") + statement,
                article_id=c.article_id,
                span=c.span,
                holder=c.speaker,
                outlet=event.outlet_of(c.article_id),
            )


# --------------------------------------------------------------------------------------------
# Merging and ranking


def _side_label(kind: str, key: str, items: Sequence[Item]) -> str:
    texts = Counter(i.position for i in items)
    return texts.most_common(1)[0][0]


_PRONOUNS = frozenset(
    {
        "it",
        "he",
        "she",
        "they",
        "one",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "this",
        "that",
        "who",
        "which",
    }
)


def _short_holder(holder: str) -> str:
    # "Volunteers who have gone from street to street with lists of names" -> "Volunteers".
    cut = re.sub(r",?\s+(?:who|which|whose)\b.*$", "", holder).strip()
    return cut if len(cut) >= 3 else holder


def _good_holder(holder: str) -> bool:
    # Pronouns the attribution layer could not resolve, and lower-case phrases with no source
    # noun ("the arrests"), name no one.
    h = holder.strip()
    if h.lower() in _PRONOUNS or len(h) < 2:
        return False
    if re.fullmatch(
        r"(?:the|a|an|this|that)\s+(?:report|document|statement|letter|article|"
        r"study|data|text|warning|advisory)",
        h,
        re.I,
    ):
        return False  # a document is what is argued over, not who argues
    return bool(re.search(r"[A-Z]", h) or _ANON_HEADS.search(h) or _ROLE_HEADS.search(h))


def affiliations(event: EventDoc) -> dict[str, str]:
    """Person -> organisation, where a stated role names one (``Aldmoor's lead engineer``).

    Args:
        event: the event with merged entities (roles as stated in the articles).

    Returns:
        The merged person name mapped to the merged organisation name.
    """
    orgs = [
        (alias, ent.name)
        for ent in event.entities
        if ent.label == "ORG"
        for alias in {ent.name, *ent.aliases}
        if len(alias) >= 4
    ]
    orgs.sort(key=lambda x: -len(x[0]))
    out: dict[str, str] = {}
    for ent in event.entities:
        if ent.label != "PERSON":
            continue
        for role in ent.roles:
            hit = next(
                (
                    name
                    for alias, name in orgs
                    if re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", role)
                ),
                None,
            )
            if hit is not None:
                out[ent.name] = hit
                break
    return out


def canonical_holder(event: EventDoc, holder: str) -> str:
    """The merged entity name a holder phrase names (``country's State Civil Protection
    Directorate`` -> ``State Civil Protection Directorate``); the phrase itself otherwise.

    A phrase maps when it is an alias, or an alias plus at most two other words; a longer
    phrase (``official figures from Moscow``) says more than the name and is kept.
    """
    # "the country's State Civil Protection Directorate (SCPD": a clipped parenthesis.
    holder = re.sub(r"\s*\([^)]*\)?\s*$", "", holder).strip() or holder
    low = holder.lower().strip()
    best: tuple[int, str] | None = None
    for ent in event.entities:
        for alias in (ent.name, *ent.aliases):
            a = alias.lower()
            if len(a) < 3:
                continue
            if a == low:
                return ent.name
            m = re.search(rf"(?<!\w){re.escape(a)}(?!\w)", low)
            if m is None:
                continue
            rest = (low[: m.start()] + " " + low[m.end() :]).split()
            if ent.label != "PERSON" and (
                _ANON_HEADS.search(" ".join(rest)) or _ROLE_HEADS.search(" ".join(rest))
            ) or _MEDIA_NOUN.search(" ".join(rest)):
                continue  # "Lusovian media" are not "Lusovia", nor "the Russian leader" Russia
            before = low[: m.start()].split()[-1:]
            person = ent.label == "PERSON" and before not in (["in"], ["at"], ["from"], ["of"])
            if (len(rest) <= 2 or person) and (best is None or len(a) > best[0]):
                best = (len(a), ent.name)
    return best[1] if best is not None else holder


def merge_items(
    event: EventDoc,
    items: Iterable[Item],
    *,
    noun: str = "event",
    min_sides: int = 2,
    min_explicit: int = 3,
) -> list[Dispute]:
    """Merge items into disputes (one per question), with sides, holders and outlet stances.

    Args:
        event: the event (for outlet names).
        items: evidence items from the detectors.
        noun: the event's own word, used in phrasing.
        min_sides: keep questions with at least this many sides.
        min_explicit: an explicit dispute needs at least this many outlets plus holders.

    Returns:
        Disputes ranked by score (outlets plus holders involved), highest first.
    """
    speaks_for = affiliations(event)
    by_q: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by_q[_question_key(it, speaks_for)].append(it)
    outlets_all = sorted({event.outlet_of(d.id) for d in event.docs})
    out: list[Dispute] = []
    for qkey, its in by_q.items():
        by_side: dict[str, list[Item]] = defaultdict(list)
        for it in its:
            by_side[it.side_key].append(it)
        if qkey == "behind":
            by_side = _merge_filler_sides(event, by_side)
        if len(by_side) < min_sides:
            continue
        sides: list[Side] = []
        for key, sitems in sorted(by_side.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            seen: set[tuple[str, int, int]] = set()
            evidence: list[Evidence] = []
            for i in sitems:
                k = (i.article_id, i.span.start, i.span.end)
                if k not in seen:
                    seen.add(k)
                    evidence.append(Evidence(article_id=i.article_id, span=i.span))
            by_case: dict[str, str] = {}
            named = {
                canonical_holder(event, _short_holder(i.holder))
                for i in sitems
                if i.holder and _good_holder(i.holder)
            }
            # A columnist's own words are the columnist's position, not the outlet's report.
            named |= {a for i in sitems if i.holder is None
                      for a in [opinion_author(event.doc(i.article_id))] if a}
            # A person speaks for the organisation their stated role names.
            named |= {speaks_for[h] for h in named if h in speaks_for}
            for h in sorted(named):
                # "The government" == "the government"; "The authorities" == "Authorities".
                by_case.setdefault(re.sub(r"^the\s+", "", h.lower()), h)
            # "Islamic" beside "Islamic State": a clipped name adds nothing.
            holders = sorted(
                h
                for h in by_case.values()
                if not any(o != h and o.startswith(h + " ") for o in by_case.values())
            )
            sides.append(
                Side(
                    position=_side_label(its[0].kind, key, sitems),
                    holders=tuple(holders),
                    outlets=tuple(sorted({i.outlet for i in sitems})),
                    evidence=tuple(evidence),
                )
            )
        sides = _join_same_evidence(sides)
        if qkey == "behind":
            sides = sides[:4]
        if _noise(sides):
            continue
        outlets = {o for s in sides for o in s.outlets}
        holders_all = {h for s in sides for h in s.holders}
        if qkey.startswith("explicit:") and len(outlets) + len(holders_all) < min_explicit:
            continue  # one outlet, one voice: too thin to call a dispute
        if qkey.startswith("group:") and (len(outlets) < 2 or len(holders_all) == 1):
            continue  # one outlet, or one speaker against himself: clauses split apart
        question = Counter(i.question for i in its).most_common(1)[0][0]
        if qkey.startswith("involved:"):
            # A person and the company they speak for are one party to the question.
            org = qkey.split(":", 1)[1]
            people = sorted({i.question_key.split(":", 1)[1] for i in its} - {org})
            if people:
                party = f"{org} ({', '.join(people)})"
                question = f"Was {party} involved in the {noun}?"
                sides = [
                    replace(side, position=(f"no: {party} was not involved"
                                            if side.position.startswith("no")
                                            else f"yes: {party} was involved"))
                    for side in sides
                ]
        if qkey.startswith("axis:"):
            question = _axis_question(event, its)
        stances: list[tuple[str, str]] = []
        for o in outlets_all:
            mine = [i for i in its if i.outlet == o]
            if any(i.holder is None and not _hedged(event, i) for i in mine):
                stances.append((o, "asserts"))
            elif mine:
                stances.append((o, "reports"))
            else:
                stances.append((o, "silent"))
        kinds = Counter(i.kind for i in its)
        out.append(
            Dispute(
                id=content_id(event.id, "dispute", qkey),
                question=question,
                kind=kinds.most_common(1)[0][0],
                score=float(len(outlets) + len(holders_all)),
                sides=tuple(sides),
                outlet_stances=tuple(stances),
            )
        )
    out.sort(key=lambda d: (-d.score, d.question))
    return out


_OPINION = re.compile(
    r"\b(?:opinion|comment|commentary|editorial|op-ed|column|viewpoint|analysis)\b", re.I
)


def opinion_author(doc: ArticleDoc) -> str | None:
    """The byline author of an opinion piece (whose own voice is a personal position).

    A piece is opinion when its URL path or the page furniture before its body names it so
    (``OPINION``, ``/comment/``); news reports return ``None``, their voice is the outlet's.

    Args:
        doc: an article with metadata and boilerplate layers.

    Returns:
        The author's name, or ``None``.
    """
    author = doc.meta.author.value if doc.meta.author is not None else doc.article.author
    if not author:
        return None
    url = doc.article.url or ""
    path = url.split("://", 1)[-1].split("/", 1)[1] if "/" in url.split("://", 1)[-1] else ""
    bodies = doc.body_spans()
    head = doc.text[: bodies[0].start] if bodies else ""
    if doc.sentences:
        # The label may open the body (boilerplate kept it): the text before the 1st sentence.
        head = doc.text[: max(len(head), doc.sentences[0].span.start)]
    # A section label on a line of its own ("OPINION"), not a menu that lists the section.
    labels = [ln for ln in head.splitlines()[-8:] if _OPINION.fullmatch(ln.strip(" \t|:-"))]
    title = doc.article.title or ""
    if (
        _OPINION.search(path.replace("-", " ").replace("_", " "))
        or labels
        or re.match(rf"\s*{_OPINION.pattern}\s*[:|]", title, re.I)
    ):
        return str(author)
    return None


def _question_key(item: Item, speaks_for: Mapping[str, str]) -> str:
    # "Was Viktor Halas involved?" and "Was Sarna Energy Group involved?" are one question
    # when he speaks for the group.
    if item.question_key.startswith("involved:"):
        name = item.question_key.split(":", 1)[1]
        if name in speaks_for:
            return f"involved:{speaks_for[name]}"
    return item.question_key


def _axis_question(event: EventDoc, items: Sequence[Item]) -> str:
    windows = [event.doc(i.article_id).text[i.span.start : i.span.end] for i in items]
    topic = next(
        (t for t in _AXIS_TOPICS if any(re.search(rf"\b{t}s?\b", w, re.I) for w in windows)),
        "information",
    )
    # Whose warning: the name most often right before it ("the US warning", "Aldmoor's report").
    idx = TextIndex.build(event)
    owners: Counter[str] = Counter()
    for doc in event.docs:
        for m in re.finditer(rf"\b{topic}s?\b", doc.text):
            for n in idx.names_in(doc.id, max(0, m.start() - 60), m.start())[-1:]:
                if re.fullmatch(r"(?:['\u2019]s)?[ ]", doc.text[n.span.end : m.start()]):
                    owners[doc.text[n.span.start : n.span.end]] += 1
    owner = f" {owners.most_common(1)[0][0]}" if owners else ""
    return f"Was the{owner} {topic} specific, or too general?"


def _hedged(event: EventDoc, item: Item) -> bool:
    # "It's reported that nearly 140 people were killed": the outlet's own words, but it
    # only passes the figure on.
    doc = event.doc(item.article_id)
    sent = next(
        (x.span for x in doc.sentences if x.span.contains(item.span) or x.span.overlaps(item.span)),
        item.span,
    )
    # A conditional or a loaded word is not doubt about the figure or the claim.
    return any(
        h.span.overlaps(sent) and h.kind not in ("conditional", "loaded") for h in doc.hedges
    )


def _join_same_evidence(sides: Sequence[Side]) -> list[Side]:
    # "the United States, Britain and Ukraine were behind": fillers named by the very same
    # sentences are one side ("United States / Britain").
    out: list[Side] = []
    for side in sides:
        key = {(e.article_id, e.span.start) for e in side.evidence}
        twin = next(
            (
                i
                for i, o in enumerate(out)
                if {(e.article_id, e.span.start) for e in o.evidence} == key
            ),
            None,
        )
        if twin is None:
            out.append(side)
            continue
        o = out[twin]
        out[twin] = Side(
            position=f"{o.position} / {side.position}",
            holders=tuple(sorted(set(o.holders) | set(side.holders))),
            outlets=tuple(sorted(set(o.outlets) | set(side.outlets))),
            evidence=o.evidence,
        )
    return out


def _noise(sides: Sequence[Side]) -> bool:
    # Both sides read from one and the same sentence: a parsing accident, not a dispute.
    spans = [frozenset((e.article_id, e.span.start) for e in s.evidence) for s in sides]
    return len(set(spans)) < len(spans) or len(frozenset().union(*spans)) < 2


def _filler_keys(event: EventDoc, name: str) -> set[str]:
    # First word, cut to five letters: "Islamic State", "ISIS-K" (alias of the same entity
    # as "ISIS"), "Islamist" share a key; "United States" and "Ukraine" do not.
    keys = {re.split(r"[\s-]+", name.lower())[0][:5]}
    for ent in event.entities:
        if ent.name == name:
            keys |= {re.split(r"[\s-]+", a.lower())[0][:5] for a in ent.aliases}
    return keys


def _merge_filler_sides(event: EventDoc, by_side: dict[str, list[Item]]) -> dict[str, list[Item]]:
    # "Islamic State", "ISIS" and "Islamic State-Khorasan" are one side of "who is behind".
    names = sorted(by_side, key=lambda n: -len(by_side[n]))
    keys = {n: _filler_keys(event, n) for n in names}
    merged: dict[str, list[Item]] = {}
    rep: dict[str, str] = {}
    for n in names:
        target = next((r for r in merged if keys[r] & keys[n]), None)
        if target is None:
            merged[n] = list(by_side[n])
            rep[n] = n
        else:
            merged[target].extend(by_side[n])
    return merged


def find_disputes(
    event: EventDoc,
    *,
    numbers: Sequence[NumberSlot] | None = None,
    stance: Mapping[tuple[str, str], str] | None = None,
    limit: int = 20,
) -> list[Dispute]:
    """Find the event's disputes, merged by question and ranked.

    Args:
        event: an event with sentences, entities and (optionally) attributions and claims.
        numbers: reconciled number slots; computed from the quantities when ``None``.
        stance: optional stance labels per ``(label_claim_id, claim_id)`` for claim groups.
        limit: keep at most this many disputes.

    Returns:
        Disputes, the most widely held first.
    """
    idx = TextIndex.build(event)
    noun = event_noun(event)
    items: list[Item] = []
    advice = _advice(event, idx)
    items.extend(_axis_items(event, idx, advice.at))
    items.extend(_responsibility_items(event, idx, noun))
    items.extend(_deliberate_items(event, idx, noun))
    items.extend(_warned_items(event, idx, noun))
    items.extend(_action_items(event, idx, advice))
    used: dict[str, list[int]] = defaultdict(list)
    for i in items:
        used[i.article_id].append(i.span.start)
    items.extend(_fold_denials(list(_explicit_items(event, idx, used)), items))
    items.extend(number_items(event, numbers if numbers is not None else reconcile(event), idx))
    items.extend(_group_items(event, stance))
    return merge_items(event, items, noun=noun)[:limit]


def side_stances(event: EventDoc, dispute: Dispute) -> list[dict[str, str]]:
    """How each outlet carries each side: ``asserts`` in its own voice, or only ``reports`` it.

    An outlet asserts a side when one of its pieces of evidence for it sits outside every
    attribution (no source, no speech verb) and its sentence is not hedged (``it's reported``);
    a columnist's own words assert. Outlets absent from a side are silent on it.

    Args:
        event: the event the dispute was found in (attribution and hedge layers).
        dispute: one of ``event.disputes``.

    Returns:
        One mapping per side, in the order of ``dispute.sides``: outlet -> stance.
    """
    out: list[dict[str, str]] = []
    for side in dispute.sides:
        stances: dict[str, str] = {}
        for e in side.evidence:
            doc = event.doc(e.article_id)
            outlet = event.outlet_of(doc.id)
            own = not any(
                a.content.overlaps(e.span) or (a.cue is not None and a.cue.overlaps(e.span))
                for a in doc.attributions
            ) and not _SPEECH_CUE.search(doc.text, e.span.start, e.span.end)
            item = Item(question_key="", question="", kind="", side_key="", position="",
                        article_id=doc.id, span=e.span, holder=None, outlet=outlet)
            # A columnist's own words are never hedged reporting, even with "allegedly".
            asserted = own and (opinion_author(doc) is not None or not _hedged(event, item))
            if asserted or outlet not in stances:
                stances[outlet] = "asserts" if asserted else "reports"
        out.append(stances)
    return out


# --------------------------------------------------------------------------------------------
# Framing


def framing(
    event: EventDoc,
    *,
    words: Sequence[str] = LOADED_WORDS,
    is_quoted: Callable[[ArticleDoc, int], bool] | None = None,
) -> list[dict[str, object]]:
    """Loaded or evaluative words per outlet, in the author's voice or inside quotes.

    Args:
        event: the event.
        words: the loaded words to look for (whole words, case-insensitive).
        is_quoted: decides whether a position is quoted or attributed; by default, inside
            quotation marks or the content of an attribution.

    Returns:
        One dict per use: ``outlet``, ``article_id``, ``word``, ``span`` (:class:`Span`) and
        ``authorial`` (``True`` when the outlet uses the word in its own voice).
    """
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE
    )
    idx = TextIndex(event)
    out: list[dict[str, object]] = []
    for doc in event.docs:
        sents = idx.sentences(doc)
        for body in doc.body_spans():
            for m in pattern.finditer(doc.text, body.start, body.end):
                pos = m.start()
                if is_quoted is not None:
                    quoted = is_quoted(doc, pos)
                else:
                    sent = next((s for s in sents if s.start <= pos < s.end), body)
                    # "We know what the government did: ... its so-called advisory": the
                    # writer's own first person is the authorial voice.
                    quoted = _in_quotes(doc.text, pos, sent) or any(
                        a.content.start <= pos < a.content.end and a.kind != "according-to"
                        and (a.speaker_text or "").strip().lower() not in {"i", "we"}
                        # A mixed quote with no source: only its quoted words are quoted.
                        and not (a.kind == "mixed" and not a.speaker_text)
                        for a in doc.attributions
                    )
                out.append(
                    {
                        "outlet": event.outlet_of(doc.id),
                        "article_id": doc.id,
                        "word": m.group(0).lower(),
                        "span": Span(m.start(), m.end()),
                        "authorial": not quoted,
                    }
                )
    return out
