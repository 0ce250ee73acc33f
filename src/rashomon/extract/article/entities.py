"""Named-entity mentions, in-article name linking and stated roles from parsed spaCy blocks.

Input is what the nlp stage keeps in ``ArticleDoc.parsed``: ``(offset, spacy.tokens.Doc)``
blocks, one per body span, where ``offset`` is the block's start in ``Article.text``. Every
mention and role comes back as a :class:`~rashomon.model.Span` into that original text.

The small English pipeline misses or mangles a few patterns that matter in news, so the NER
output is repaired where that is cheap and general: leading "the" and possessive "'s" are
trimmed (a capital "The" inside a sentence stays: "by The Kestrel Post"), title words
("President", "spokesman") are cut out of PERSON names and kept as roles, role nouns alone are
not persons, "Long Form (LF)" pairs are found by a parenthesis rule even when NER missed the
long form, runs of proper nouns in running text that NER skipped ("Crocus Concert Hall",
"ISIS-Khorasan") are added as ORG/FAC mentions, a name takes its lower-case facility head
("the Kresnyi dam"), a bare surname of a person named in full earlier is a mention even when
NER skipped it ("Ilic told"), photo credits are split at the slash, and a "person" written
where only a place fits ("in Dolna Vyrka") or called "the operator" gets the other type.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from rashomon.extract.article.times.vocabulary import calendar_names
from rashomon.lexicon import table, words
from rashomon.model import Role, Span
from rashomon.nlp.pipelines import doc_text

# Labels kept as name mentions; numbers, dates and the like belong to other stages.
NAME_LABELS: frozenset[str] = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)

# Words that head a role or title rather than a name (lexicon/en/title_words.txt); honorifics
# count too. Lower-cased; matched per token.
HONORIFICS: frozenset[str] = words("honorifics")
TITLE_WORDS: frozenset[str] = words("title_words") | HONORIFICS
# Common nouns that name a person by a role ("press secretary", "lawyer", "spokeswoman"): a
# name in apposition after one holds that role.
_PERSON_ROLES: frozenset[str] = (
    TITLE_WORDS | words("person_nouns") | words("role_words")
    | {w.split()[-1] for w in words("service_roles")}
)


# Heads that make an unlabelled proper-noun run a facility rather than an organisation
# (lexicon/en/place_heads.toml).
FACILITY_HEADS: frozenset[str] = frozenset(table("place_heads")["facility"])

_DETERMINERS = frozenset({"the", "a", "an"})
_CONNECTORS = frozenset({"of", "for", "and", "on", "in", "de", "al", "la", "&"})
_ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9.&]*(?:-[A-Z0-9][A-Za-z0-9]*)*$")


@dataclass(slots=True)
class RawMention:
    """A name mention found in the text before linking (article offsets)."""

    start: int
    end: int
    label: str
    # Index of a partner mention in a "Long Form (LF)" or "Long Form LF" pair, if any.
    partner: int | None = None
    roles: list[Role] = field(default_factory=list)
    # Written where only a place fits ("in Dolna Vyrka", "the town of Horni Lom"): NER's
    # PERSON guess for an unfamiliar two-word name is overruled (the mention counts twice).
    place: bool = False


def is_acronym(name: str) -> bool:
    """Whether ``name`` looks like an acronym (``FSB``, ``U.S.``, ``ISIS-K``).

    Args:
        name: a surface form.

    Returns:
        True for short forms with at least two capitals and no spaces.
    """
    if " " in name or not _ACRONYM_RE.match(name):
        return False
    return sum(ch.isupper() for ch in name) >= 2 and len(name) <= 12


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Case-, punctuation- and article-insensitive key of a surface form (``the U.S.`` -> ``us``).

    Args:
        name: a surface form.

    Returns:
        The key used to decide that two surface forms are the same name.
    """
    s = name.replace("\u2019", "'").strip()
    s = re.sub(r"^(?:the|The|THE)\s+", "", s)
    s = re.sub(r"'s?$", "", s)
    s = s.replace(".", "")
    s = re.sub(r"[\s\-\u2010-\u2015]+", " ", s)
    return s.casefold().strip()


# --------------------------------------------------------------------------------------------
# Mentions


def find_mentions(
    blocks: Sequence[tuple[int, Doc]],
    text: str,
    *,
    labels: frozenset[str] = NAME_LABELS,
) -> list[RawMention]:
    """Find name mentions in parsed blocks, repaired and with roles attached.

    Args:
        blocks: ``(offset, Doc)`` pairs; ``offset`` is the block's start in ``text``.
        text: the original article text.
        labels: spaCy entity labels to keep.

    Returns:
        Mentions in text order, with article offsets, partner links of acronym pairs and the
        roles stated next to PERSON mentions.

    Raises:
        ValueError: a block's text is not the article text at its offset.
    """
    out: list[RawMention] = []
    for offset, doc in blocks:
        if text[offset : offset + len(doc_text(doc))] != doc_text(doc):
            raise ValueError(f"parsed block at offset {offset} does not match the article text")
        block_mentions = _block_mentions(doc, labels)
        for m in block_mentions:
            m.start += offset
            m.end += offset
            for i, r in enumerate(m.roles):
                moved = Span(r.span.start + offset, r.span.end + offset)
                m.roles[i] = Role(text=r.text, span=moved)
        base = len(out)
        for m in block_mentions:
            if m.partner is not None:
                m.partner += base
        out.extend(block_mentions)
    _extend_facility_heads(blocks, text, out)
    added = _repeated_surnames(blocks, text, out)
    if not added:
        return out
    # Keep text order; partner indexes are remapped through the mentions themselves.
    partner_of = {id(m): out[m.partner] for m in out if m.partner is not None}
    out = sorted([*out, *added], key=lambda m: m.start)
    index = {id(m): n for n, m in enumerate(out)}
    for m in out:
        if id(m) in partner_of:
            m.partner = index[id(partner_of[id(m)])]
    return out


_HEAD_AFTER_RE = re.compile(r"[ \t\xa0]+([a-z]+)(?![\w-])")


# Lower-case heads of natural features written after a name ("the Velna valley").
GEOGRAPHIC_HEADS: frozenset[str] = frozenset(table("place_heads")["feature"])


def _extend_facility_heads(
    blocks: Sequence[tuple[int, Doc]], text: str, mentions: list[RawMention]
) -> None:
    """``the Kresnyi dam``: a name and the lower-case facility noun after it are one name.

    English often writes a facility's or a feature's name with a lower-case head (``the
    Hoover dam``, ``the Velna valley``), and NER then tags only the first word, as a place or
    even a person. The name takes its head when it follows "the" and, in the whole body, the
    name is never written on its own without that head (so ``the Lusovia dam`` stays the
    country Lusovia wherever Lusovia also stands alone; ``Velna Hydro`` is another name, not
    ``Velna`` alone). Changes ``mentions`` in place: the end moves over the head and the label
    becomes FAC (LOC for a natural feature).
    """
    body = [doc_text(doc) for _, doc in blocks]
    alone: dict[tuple[str, str], bool] = {}
    for m in mentions:
        if m.label == "NORP" or m.roles:
            continue
        name = text[m.start : m.end]
        if m.label == "PERSON" and " " in name:
            continue  # "the Anna Voss house": a person's full name stays a person
        after = _HEAD_AFTER_RE.match(text, m.end)
        if after is None:
            continue
        head = after.group(1)
        if head not in FACILITY_HEADS and head not in GEOGRAPHIC_HEADS:
            continue
        if not re.search(r"(?:^|[^\w])[Tt]he[ \t\xa0]+$", text[max(0, m.start - 8) : m.start]):
            continue
        if (name, head) not in alone:
            # Uses of the name on its own: not followed by another capitalised word.
            own = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])(?![ \t\xa0]+[A-Z])")
            with_head = re.compile(rf"(?<![\w-]){re.escape(name)}[ \t\xa0]+{head}(?![\w-])", re.I)
            alone[(name, head)] = any(
                len(own.findall(b)) != len(with_head.findall(b)) for b in body
            )
        if not alone[(name, head)]:
            m.end = after.end()
            m.label = "FAC" if head in FACILITY_HEADS else "LOC"


_CALENDAR_WORDS = calendar_names()


def _repeated_surnames(
    blocks: Sequence[tuple[int, Doc]], text: str, mentions: Sequence[RawMention]
) -> list[RawMention]:
    """Later mentions of a person by surname alone that NER missed (``Ilic told ...``).

    News names a person in full once and by surname afterwards, and the small model often
    skips the bare surname, most of all at the start of a sentence or after a dash. A
    capitalised token that is the last word of exactly one full PERSON name in the article,
    and is not already part of a mention, is a mention of that person. A surname two people
    share (``Stefan Marek``, ``Jana Marek``), or one that is another person's first name, is
    left alone: it is ambiguous.

    Args:
        blocks: the parsed ``(offset, Doc)`` blocks.
        text: the article text.
        mentions: the mentions found so far (article offsets).

    Returns:
        New PERSON mentions, in text order.
    """
    owners: dict[str, set[str]] = {}
    first_names: set[str] = set()
    for m in mentions:
        if m.label != "PERSON":
            continue
        words = [w for w in text[m.start : m.end].split() if w[:1].isupper()]
        if len(words) >= 2 and words[-1].isalpha() and len(words[-1]) >= 3:
            owners.setdefault(words[-1], set()).add(" ".join(words).casefold())
            first_names.add(words[0])
    # "Paul" is Ron Paul's surname and Paul Ryan's first name: ambiguous, left alone.
    surnames = {w for w, full in owners.items() if len(full) == 1 and w not in first_names}
    if not surnames:
        return []
    covered = [(m.start, m.end) for m in mentions]
    out: list[RawMention] = []
    for offset, doc in blocks:
        for tok in doc:
            if tok.text not in surnames or tok.lower_ in TITLE_WORDS:
                continue
            if tok.ent_type_ and (
                tok.ent_type_ not in {"DATE", "TIME"} or tok.lower_ in _CALENDAR_WORDS
            ):
                # "in May" is a date, not Theresa May; but "Last week Stumpf said" is a
                # surname the tagger ran into a date.
                continue
            start = offset + tok.idx
            end = start + len(tok.text)
            if any(s < end and start < e for s, e in covered):
                continue
            prev = doc[tok.i - 1] if tok.i > 0 else None
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            # Part of another capitalised name ("Marek Industries", "Anna Halas").
            if prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper():
                continue
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
                continue
            # A capitalised word opening a sentence is a name only when tagged as one.
            if tok.i == tok.sent.start and tok.pos_ != "PROPN":
                continue
            out.append(RawMention(start=start, end=end, label="PERSON"))
    return out


def _block_mentions(doc: Doc, labels: frozenset[str]) -> list[RawMention]:
    """Mentions of one block, offsets relative to the block."""
    # Token-index ranges [i, j) with labels; trimmed and repaired below.
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in labels:
            continue
        trimmed = _trim(doc, ent.start, ent.end)
        if trimmed is None:
            continue
        if _the_is_part_of_name(doc, ent.start, trimmed[0], ent.label_):
            trimmed = (ent.start, trimmed[1])
        i, j = _extend_hyphen(doc, *trimmed)
        spans.extend((a, b, ent.label_) for a, b in _split_slash(doc, i, j))

    spans = _drop_overlaps(spans)
    spans = _drop_norp_prefixes(doc, spans)
    pairs = _acronym_pairs(doc)
    spans = _add_pair_spans(spans, pairs)
    spans, trailing = _split_trailing_acronyms(doc, spans)
    pairs.extend(trailing)
    spans.extend(_proper_noun_runs(doc, spans))

    mentions: list[RawMention] = []
    index: dict[tuple[int, int], int] = {}
    for i, j, label in sorted(set(spans)):
        roles: list[Role] = []
        place = False
        if label == "PERSON":
            fixed = _fix_person(doc, i, j)
            if fixed is None:
                continue
            i2, j2, title_roles = fixed
            i, j = i2, j2
            if not title_roles and _place_context(doc, i, j):
                label = "GPE"
                place = True
            else:
                roles.extend(title_roles)
                roles.extend(
                    r
                    for r in _stated_roles(doc, i2, j2)
                    if not all(w.casefold() in HONORIFICS for w in r.text.split())
                )
        if any(doc[k].is_space for k in range(i, j)) or "\n" in doc[i:j].text:
            continue  # a "name" across a line break is scraping junk, not a name
        if not any(ch.isupper() for ch in doc[i:j].text):
            continue  # "us", "democrats": a name is written with a capital
        if all(t.lower_ in TITLE_WORDS for t in doc[i:j]):
            continue  # "the Spokesman", "Director": a role noun, not a name
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if (start, end) in index:
            continue
        index[(start, end)] = len(mentions)
        mentions.append(
            RawMention(start=start, end=end, label=label, roles=dedupe_roles(roles), place=place)
        )
    for (li, lj), (si, sj) in pairs:
        a = index.get((doc[li].idx, doc[lj - 1].idx + len(doc[lj - 1].text)))
        b = index.get((doc[si].idx, doc[sj - 1].idx + len(doc[sj - 1].text)))
        if a is not None and b is not None:
            mentions[a].partner = b
            mentions[b].partner = a
    return mentions


def dedupe_roles(roles: Iterable[Role]) -> list[Role]:
    """Roles in text order, each role inside a longer one dropped."""
    seen: set[tuple[int, int]] = set()
    out: list[Role] = []
    for r in sorted(roles, key=lambda r: (r.span.start, -r.span.end)):
        if any(r.span.start >= s and r.span.end <= e for s, e in seen):
            continue  # a role inside a longer role already kept
        seen.add((r.span.start, r.span.end))
        out.append(r)
    return out


def _trim(doc: Doc, i: int, j: int) -> tuple[int, int] | None:
    """Cut leading determiners, trailing possessives and punctuation from tokens [i, j)."""
    # A call to action NER ran into ("Follow Radio X on ...") is no part of the name; other
    # leading verbs are ("Face the Nation", "Meet the Press").
    while i < j and (
        doc[i].lower_ in _DETERMINERS
        or doc[i].is_punct
        or doc[i].is_space
        or _call_to_action(doc, i, j)
    ):
        i += 1
    while j > i and (
        doc[j - 1].is_punct
        or doc[j - 1].is_space
        or doc[j - 1].text.replace("\u2019", "'") in ("'s", "'")
    ):
        j -= 1
    if i >= j:
        return None
    # spaCy sometimes leaves the possessive glued to the last token ("Times'").
    return i, j


def _split_slash(doc: Doc, i: int, j: int) -> list[tuple[int, int]]:
    """``Meridian Press/Andrej Kolar``: a photo credit's two names, each a name of its own."""
    cuts = [k for k in range(i + 1, j - 1) if doc[k].text == "/" and not doc[k - 1].whitespace_]
    if not cuts:
        return [(i, j)]
    out: list[tuple[int, int]] = []
    start = i
    for k in [*cuts, j]:
        if k > start:
            out.append((start, k))
        start = k + 1
    return out


def _the_is_part_of_name(doc: Doc, start: int, i: int, label: str) -> bool:
    """Whether a capitalised "The" inside a sentence belongs to the name (``by The Times``).

    Mid-sentence, writers capitalise "The" only as part of a title (The Kestrel Post, The
    Hague); at a sentence start or in a title-case headline the capital says nothing.
    """
    tok = doc[start]
    return (
        i == start + 1
        and tok.text == "The"
        and label in {"ORG", "GPE", "FAC"}  # not "The 13th Amendment" (LAW, WORK_OF_ART)
        and tok.i != tok.sent.start
        and _title_case_share(list(tok.sent)) <= 0.5
    )


# Verbs that open a site's calls to action ("Follow Radio X on social media", "Subscribe to
# Y"); the tagger often takes them for the first word of a name.
_CALL_TO_ACTION = words("call_to_action_verbs")


def _call_to_action(doc: Doc, i: int, j: int) -> bool:
    """Whether token ``i`` is a call-to-action verb opening a line, before a name."""
    return (
        j - i >= 2
        and doc[i].lower_ in _CALL_TO_ACTION
        and doc[i].i == doc[i].sent.start
        and doc[i + 1].text[:1].isupper()
    )


def _extend_hyphen(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Extend a name over a hyphen compound written without spaces (``ISIS`` + ``-K``)."""
    while (
        j + 1 < len(doc)
        and doc[j - 1].whitespace_ == ""
        and doc[j].text == "-"
        and doc[j].whitespace_ == ""
        and doc[j + 1].text[:1].isupper()
    ):
        j += 2
    while (
        i >= 2
        and doc[i - 1].text == "-"
        and doc[i - 1].whitespace_ == ""
        and doc[i - 2].whitespace_ == ""
        and doc[i - 2].text[:1].isupper()
    ):
        i -= 2
    return i, j


def _drop_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longer of two overlapping names (a hyphen extension can reach the next one)."""
    kept: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for i, j, label in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if taken.isdisjoint(range(i, j)):
            kept.append((i, j, label))
            taken.update(range(i, j))
    return sorted(kept)


def _drop_norp_prefixes(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop a NORP that is really the first word of a missed name (``Islamic`` + ``State``)."""
    starts = {i for i, _, _ in spans}
    out: list[tuple[int, int, str]] = []
    for i, j, label in spans:
        if (
            label == "NORP"
            and j - i == 1
            and j < len(doc)
            and doc[i].pos_ == "PROPN"
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and doc[i].whitespace_ == " "
            and j not in starts
        ):
            continue
        out.append((i, j, label))
    return out


def _acronym_pairs(doc: Doc) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """``Long Form (LF)`` pairs as token ranges: the long form and the short form.

    Hand-written because the one library implementation (scispaCy's Schwartz-Hearst detector)
    pulls in a biomedical stack; the rule is the same idea: a capitalised run before a
    parenthesised acronym whose first letter matches the run's first word.
    """
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for k, tok in enumerate(doc):
        if tok.text != "(":
            continue
        # "(LF)" or "(LF, a note...)": the short form ends at the closing bracket or a comma.
        close = next(
            (m for m in range(k + 1, min(k + 6, len(doc))) if doc[m].text in {")", ","}), None
        )
        if close is None or close == k + 1:
            continue
        short = doc[k + 1 : close].text
        if not is_acronym(short):
            continue
        # Walk left over the capitalised run (allowing inner connectors and hyphens).
        j = k
        i = j
        while i > 0:
            prev = doc[i - 1]
            if prev.is_space or prev.text in {",", ";", ":", "(", ")", '"'}:
                break
            if (
                prev.text[:1].isupper()
                or prev.text == "-"
                or prev.text.replace("\u2019", "'") == "'s"
            ):
                i -= 1
                continue
            if prev.lower_ in _CONNECTORS and i - 2 >= 0 and doc[i - 2].text[:1].isupper():
                i -= 1
                continue
            break
        while i < j and (doc[i].lower_ in _DETERMINERS or doc[i].lower_ in _CONNECTORS):
            i += 1
        if i >= j:
            continue
        words = [t for t in doc[i:j] if t.text[:1].isupper()]
        first = short[0].upper()
        # The long form starts at the first capitalised word with the acronym's initial.
        start_tok = next((t for t in words if t.text[0] == first), None)
        if start_tok is None:
            continue
        i = start_tok.i
        if any(t.ent_type_ == "PERSON" for t in doc[i:j]):
            continue  # "Marco Rubio (R-FL)": party and state, not an acronym of the name
        if j - i > max(2 * len(short.replace(".", "").replace("-", "")), len(short) + 5):
            continue
        words = [t for t in doc[i:j] if t.is_alpha]
        initials = {t.text[0].upper() for t in words}
        letters = [ch for ch in short.upper() if ch.isalpha()]
        # A long form has two or more words, is not a shouted dateline ("LOS ANGELES (AP)"),
        # and gives at least two of the acronym's letters as initials (FSB: F, S).
        if (
            len(words) < 2
            or all(t.is_upper for t in words)
            or sum(ch in initials for ch in letters) < min(2, len(letters))
        ):
            continue
        pairs.append(((i, j), (k + 1, close)))
    return pairs


def _add_pair_spans(
    spans: list[tuple[int, int, str]], pairs: list[tuple[tuple[int, int], tuple[int, int]]]
) -> list[tuple[int, int, str]]:
    """Make both halves of each acronym pair a mention, replacing fragments NER left there."""
    for (li, lj), (si, sj) in pairs:
        label = "ORG"
        kept: list[tuple[int, int, str]] = []
        for i, j, lab in spans:
            overlaps = i < lj and li < j or i < sj and si < j
            if overlaps:
                if lab in {"ORG", "FAC", "GPE", "LOC", "EVENT", "LAW", "PRODUCT"}:
                    label = lab
                continue  # superseded by the pair
            kept.append((i, j, lab))
        kept.append((li, lj, label))
        kept.append((si, sj, label))
        spans = kept
    return spans


def _split_trailing_acronyms(
    doc: Doc, spans: list[tuple[int, int, str]]
) -> tuple[list[tuple[int, int, str]], list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Split ``Federal Security Service FSB`` into the long form and its acronym (a pair)."""
    out: list[tuple[int, int, str]] = []
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for i, j, label in spans:
        last = doc[j - 1]
        words = [t for t in doc[i : j - 1] if t.is_alpha and t.text[:1].isupper()]
        if (
            label not in {"PERSON", "NORP"}
            and len(words) >= 2
            and doc[j - 2].whitespace_  # "US-UK" is two countries, not a name and its acronym
            and is_acronym(last.text)
            and not any(t.is_upper for t in words)
            and any(t.text[:1] == last.text[0] for t in words)
        ):
            out.append((i, j - 1, label))
            out.append((j - 1, j, label))
            pairs.append(((i, j - 1), (j - 1, j)))
        else:
            out.append((i, j, label))
    return out, pairs


def _title_case_share(tokens: Sequence[Token]) -> float:
    words = [t for t in tokens if t.is_alpha and len(t.text) > 3]
    if not words:
        return 0.0
    return sum(t.text[0].isupper() for t in words) / len(words)


def _proper_noun_runs(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Proper-noun runs NER missed (``Crocus Concert Hall``), outside title-case lines."""
    covered: set[int] = set()
    for i, j, _ in spans:
        covered.update(range(i, j))
    out: list[tuple[int, int, str]] = []
    for sent in doc.sents:
        if _title_case_share(list(sent)) > 0.5:
            continue  # headline or menu line: every word is capitalised, so nothing is a cue
        k = sent.start
        while k < sent.end:
            tok = doc[k]
            if not (tok.pos_ == "PROPN" and tok.text[:1].isupper()) or k in covered:
                k += 1
                continue
            if _call_to_action(doc, k, sent.end):
                k += 1
                continue
            j = k + 1
            while j < sent.end and j not in covered:
                nxt = doc[j]
                if nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
                    j += 1
                elif (
                    nxt.text == "-"
                    and nxt.whitespace_ == ""
                    and j + 1 < sent.end
                    and doc[j + 1].text[:1].isupper()
                    and j + 1 not in covered
                ):
                    j += 2
                else:
                    break
            run = doc[k:j]
            n_words = sum(1 for t in run if t.text != "-")
            first_in_sent = k == sent.start
            if (n_words >= 2 or is_acronym(run.text)) and not (first_in_sent and n_words < 2):
                head = doc[j - 1].lower_
                out.append((k, j, "FAC" if head in FACILITY_HEADS else "ORG"))
            k = j
    return out


# Words before a name that only a place fits: "in Dolna Vyrka", "the village of Horni Lom".
_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "through", "across"})
_PLACE_NOUNS = frozenset(table("place_heads")["settlement"])


def _place_context(doc: Doc, i: int, j: int) -> bool:
    """Whether the name at tokens [i, j) is written where a place, not a person, goes."""
    if j < len(doc) and doc[j].text.replace("\u2019", "'") in ("'s", "'"):
        return False  # "in Marek's view": a person's
    if i >= 1 and doc[i - 1].lower_ in _PLACE_PREPOSITIONS:
        return True
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _PLACE_NOUNS


def _fix_person(doc: Doc, i: int, j: int) -> tuple[int, int, list[Role]] | None:
    """Cut title words off a PERSON name; drop it when nothing name-like is left."""
    roles: list[Role] = []
    t0 = i
    while i < j and (
        doc[i].lower_ in TITLE_WORDS
        # "Russian President ...": a nationality adjective only when a title follows it
        or (doc[i].pos_ == "ADJ" and i + 1 < j and doc[i + 1].lower_ in TITLE_WORDS)
    ):
        i += 1
    # Possessive trim can leave "spokesman Peskov's"; the title run is a role when not honorific.
    if i > t0:
        words = [t.lower_ for t in doc[t0:i]]
        if not all(w in HONORIFICS for w in words):
            roles.append(_role(doc, t0, i))
    while j > i and doc[j - 1].lower_ in TITLE_WORDS and doc[j - 1].is_lower:
        j -= 1
    if i >= j:
        return None
    name = doc[i:j]
    if not any(t.text[:1].isupper() for t in name):
        return None  # all lower case: a role noun, not a person
    if all(t.lower_ in TITLE_WORDS for t in name):
        return None
    return i, j, roles


def _role(doc: Doc, i: int, j: int) -> Role:
    while i < j - 1 and doc[i].lower_ in _DETERMINERS:
        i += 1  # "the head of ..." -> "head of ...", comparable across articles
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    return Role(text=doc_text(doc)[start:end], span=Span(start, end))


def _chain_start(doc: Doc, k: int) -> int:
    # The first token of the noun-phrase chain that ends in the role head at k ("Kremlin's
    # official spokesman"), without a leading possessive mark or punctuation.
    s = k
    while s - 1 >= doc[k].sent.start:
        p = doc[s - 1]
        chain = p.pos_ in {"ADJ", "NOUN", "PROPN", "NUM"} and not p.is_space
        possessive = p.text.replace("\u2019", "'") in ("'s", "'") and s - 2 >= 0
        hyphen = p.text == "-" and p.whitespace_ == ""
        if chain or possessive or hyphen:
            s -= 1
        else:
            break
    while s < k and (doc[s].text.replace("\u2019", "'") in ("'s", "'") or doc[s].is_punct):
        s += 1
    return s


def _is_role_head(tok: Token) -> bool:
    return tok.lower_ in TITLE_WORDS or (tok.pos_ == "NOUN" and tok.is_lower)


def _stated_roles(doc: Doc, i: int, j: int) -> list[Role]:
    """Roles stated next to the person name at tokens [i, j).

    Three surface patterns, checked against the parse where it is reliable:

    * premodifier chain ``Kremlin's official spokesman Dmitry Peskov``;
    * ``the head of <ORG>[,] NAME``;
    * apposition ``NAME, the head of <ORG>,`` or ``NAME, FSB Director,``.
    """
    roles: list[Role] = []
    # 1. Premodifiers: walk left over a noun-phrase chain ending in a role head.
    k = i - 1
    head = doc[i:j].root
    related = k >= 0 and (
        doc[k].head == head or head.head == doc[k] or doc[k].head.i in range(i, j)
    )
    if k >= 0 and related and _is_role_head(doc[k]):
        roles.append(_role(doc, _chain_start(doc, k), k + 1))
    # 1b. "<role>, NAME,": a role the name stands in apposition to ("Obama's campaign press
    # secretary, Ben LaBolt, said"); the name closed by a comma, not a list of names.
    k = i - 2
    if (k >= 0 and doc[i - 1].text == "," and j < len(doc) and doc[j].text == ","
            and doc[k].is_lower and doc[k].lower_ in _PERSON_ROLES):
        roles.append(_role(doc, _chain_start(doc, k), k + 1))
    # 2. "the head of <ORG>[,] NAME": the organisation ends right before the name.
    k = i - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k >= 1 and doc[k].ent_type_ in {"ORG", "GPE", "FAC", "NORP"}:
        s = k
        while s - 1 >= 0 and doc[s - 1].pos_ in {"PROPN", "DET", "ADJ"} and doc[s - 1].text != ",":
            if doc[s - 1].pos_ == "DET":
                s -= 1
                break
            s -= 1
        if s - 1 >= 1 and doc[s - 1].lower_ in {"of", "at", "for"} and _is_role_head(doc[s - 2]):
            r = s - 2
            while r - 1 >= 0 and doc[r - 1].pos_ in {"ADJ", "NOUN"} and doc[r - 1].is_lower:
                r -= 1
            roles.append(_role(doc, r, k + 1))
    # 3. Apposition after the name: "NAME, <role phrase>," with no verb in it.
    if j + 1 < len(doc) and doc[j].text == ",":
        s = j + 1
        e = s
        while e < len(doc) and doc[e].text not in {",", ".", ";", ":", "(", ")", '"', "\u201c"}:
            hyphenated = e > 0 and doc[e - 1].text == "-" and doc[e - 2].whitespace_ == ""
            if (doc[e].pos_ in {"VERB", "AUX", "PRON"} and not hyphenated) or doc[e].is_space:
                e = -1
                break
            e += 1
        if e > s and e < len(doc) and doc[e].text in {",", ".", ";"}:
            phrase = doc[s:e]
            has_head = any(_is_role_head(t) for t in phrase)
            is_name = doc[s].ent_type_ == "PERSON" or all(t.ent_type_ for t in phrase)
            if has_head and not is_name and len(phrase) <= 14:
                roles.append(_role(doc, s, e))
    return roles


# --------------------------------------------------------------------------------------------
# Linking within one article
