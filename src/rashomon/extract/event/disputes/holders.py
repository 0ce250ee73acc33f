"""Who holds a proposition: a merged entity, an unnamed source with its affiliation, a group,
or the outlet itself.

The attribution layer resolves each speaker inside its article; here the speaker is named as the
event knows it (the merged entity, so ``Mr. Bauer`` and ``Robert F. Bauer`` are one holder),
and phrases that name no one (pronouns left unresolved, ``the report``, ``Friday``) are dropped:
a document is what is argued over, not who argues.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from rashomon.extract.article.attributions.phrases import is_person_noun
from rashomon.extract.event.disputes.signatories import signatories
from rashomon.lexicon import entries, phrase_alternation, table, words
from rashomon.model import ArticleDoc, Attribution, EventDoc

__all__ = [
    "Holder",
    "HolderIndex",
    "HolderKind",
    "affiliation",
    "clean_phrase",
    "good_holder",
    "head_noun",
    "holder_key",
    "holder_matches",
    "patron",
    "same_holder",
]

HolderKind = Literal["person", "organisation", "group", "anonymous", "outlet"]

_LEADING = re.compile(r"^(?:a|an|the|one|another|other|some|several|many|two|three)\s+", re.I)
_RELATIVE = re.compile(r",?(?<!\s)\s+(?:who|which|whose|that)\b.*$", re.S)
# Trailing punctuation a phrase is cut with ("Government officials, (" -> "Government officials").
_TRAILING = " \t\n\r\f\v,;:(\u2013\u2014-"
_WORD = re.compile(r"[A-Za-z][\w'\u2019.-]*")
# "along with" / "together with", and the title of the name after it ("Attorney General").
_WITH = r"(?:along|together)\s+with\s+"
_TITLE = r"(?:[A-Z][\w.'\u2019-]*\s+){0,4}"
# What joins the names of one list of speakers: "A and B", "A, B, and C", "X, along with
# Attorney General Y".
_LIST_GLUE = re.compile(rf"\s*,?\s+{_WITH}{_TITLE}|\s*,\s*(?:and\s+)?|\s+and\s+")
# Companions after a speaker phrase that the parser left out of it.
_ALONG = re.compile(rf"(?<=\S),?\s+{_WITH}[^,;.\n]{{1,80}}")
# A list's first name and the glue after it: "Bruning, along with Attorney General ". (The
# name ends in a non-blank, so the blanks of the glue are never split two ways.)
_OPENER = re.compile(rf"([^,\s](?:[^,\n]{{0,58}}[^,\s])?)(?:,\s*(?:and\s+)?|\s+and\s+|,?\s+{_WITH}"
                     rf"{_TITLE})")


def _words(key: str) -> frozenset[str]:
    return _stopwords()[key]


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    return {k: frozenset(str(w) for w in v) for k, v in table("holder_stopwords").items()}


@dataclass(frozen=True, slots=True)
class Holder:
    """A holder as the event names it, and what kind of holder it is."""

    name: str
    kind: HolderKind


def clean_phrase(phrase: str) -> str:
    """An unnamed source as phrased, without its relative clause, leading article or trailing
    punctuation: ``Government officials, who asked not to be identified`` -> ``Government
    officials``; ``an AARP spokeswoman`` -> ``AARP spokeswoman``."""
    out = " ".join(phrase.split())
    out = _RELATIVE.sub("", out)
    if "," in out and len(out.split(",", 1)[0].split()) >= 1:
        # "AARP, the powerful lobby for older Americans": the name before the apposition.
        out = out.split(",", 1)[0]
    out = _LEADING.sub("", out)
    return out.rstrip(_TRAILING).strip(" \"'\u201c\u201d")


def head_noun(phrase: str) -> str:
    """The head noun of a holder phrase: its last word before a preposition or comma
    (``opponents of the bill`` -> ``opponents``), lower-cased."""
    cut = re.split(r"\s+(?:of|for|from|in|at|on|with|to|close to)\s+|,", phrase, maxsplit=1)[0]
    toks = _WORD.findall(cut)
    return toks[-1].lower() if toks else ""


# How far after an unnamed role speaker its name may be given ("the official, Lois Lerner,").
_NAMED_WITHIN = 800


class HolderIndex:
    """Merged names of an event's mentions, for naming the holders of its propositions."""

    def __init__(self, event: EventDoc) -> None:
        self.by_alias: dict[str, str] = {}
        self.label: dict[str, str] = {}
        self._spans: dict[str, list[tuple[int, int, str]]] = {}
        for ent in event.entities:
            self.label[ent.name] = ent.label
            for alias in (ent.name, *ent.aliases):
                self.by_alias.setdefault(alias.lower(), ent.name)
            for m in ent.mentions:
                self._spans.setdefault(m.article_id, []).append((m.span.start, m.span.end,
                                                                 ent.name))
        for spans in self._spans.values():
            spans.sort()
        self._starts = {aid: [s[0] for s in spans] for aid, spans in self._spans.items()}
        self.outlets = {event.outlet_of(d.id) for d in event.docs}
        self.org_aliases = sorted(
            ((alias, ent.name) for ent in event.entities if ent.label in {"ORG", "GPE", "NORP"}
             for alias in {ent.name, *ent.aliases} if len(alias) >= 3),
            key=lambda x: (-len(x[0]), x[0], x[1]),
        )
        self.roles = {ent.name: ent.roles for ent in event.entities if ent.roles}
        # A people named as a group of speakers reads in the plural ("Republicans said"), not
        # as the adjective the entity layer may name it by ("Republican").
        self.plural = {ent.name: alias for ent in event.entities if ent.label == "NORP"
                       for alias in ent.aliases if alias.lower() == ent.name.lower() + "s"}
        self.served = self._served(event)
        # People by the names a role phrase may call them ("adviser to Mr. Reid" -> Harry
        # Reid): full names and aliases, and surnames no other person of the event shares.
        surnames: dict[str, set[str]] = {}
        people: dict[str, str] = {}
        for ent in event.entities:
            if ent.label != "PERSON":
                continue
            for alias in (ent.name, *ent.aliases):
                if len(alias) >= 3 and alias[:1].isupper():
                    people.setdefault(alias, ent.name)
                    surnames.setdefault(alias.split()[-1], set()).add(ent.name)
        people.update({last: next(iter(who)) for last, who in surnames.items()
                       if len(who) == 1 and len(last) >= 3 and last not in people})
        self.people = sorted(people.items(), key=lambda x: (-len(x[0]), x[0]))

    def _served(self, event: EventDoc) -> dict[str, str]:
        # "her lawyer, William Taylor III": the role is someone's, the person last named
        # before it (the entity layer keeps the role, "lawyer", without its "her").
        out: dict[str, str] = {}
        people = {e.name for e in event.entities if e.label == "PERSON"}
        for aid, spans in self._spans.items():
            text = event.doc(aid).text
            for start, _, name in spans:
                if name not in people or name in out:
                    continue
                m = _possessed_role().search(text, max(0, start - 60), start)
                if m is None:
                    continue
                before = [n for s0, _, n in self.names_in(aid, max(0, m.start() - 400),
                                                          m.start())
                          if n in people and n != name and s0 < m.start()]
                if before:
                    out[name] = before[-1]
        return out

    def names_in(self, article_id: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Merged entity names mentioned inside ``[start, end)`` of an article, in order."""
        spans = self._spans.get(article_id, [])
        i = bisect_left(self._starts.get(article_id, []), start)
        out = []
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] <= end:
                out.append(spans[i])
            i += 1
        return out

    def canonical(self, phrase: str) -> str:
        """The merged entity name ``phrase`` is an alias of (``the White House`` -> ``White
        House``; ``Bruning, a Republican`` -> ``Jon Bruning``), else the phrase cleaned."""
        clean = clean_phrase(phrase)
        for form in (clean, phrase.strip(), clean.split(",", 1)[0].strip()):
            hit = self.by_alias.get(form.lower())
            if hit is not None:
                return self._outlet(hit)
        return self._outlet(clean)

    def _outlet(self, name: str) -> str:
        # "the Times", "the Post": the one outlet of the event its name ends with.
        if re.fullmatch(r"[A-Z][a-z]+", name):
            outlets = [o for o in self.outlets if o.split()[-1] == name and o != name]
            if len(outlets) == 1:
                return outlets[0]
        return name

    def co_holders(self, doc: ArticleDoc, a: Attribution, holder: Holder | None) -> list[Holder]:
        """The other people or bodies a speaker phrase lists with its holder (``Jeff Flake
        and John McCain called on ...``, ``Marriott, Apple and American Airlines wrote``):
        each holds the statement too. Only names in one coordinated list count (``a lawyer
        for Mr. Grimm and his family`` lists no one)."""
        if a.speaker is None or holder is None or a.anonymous:
            return []
        if a.speaker_kind == "group":
            # "they said ... The statement came from Sen. Ben Hall and former Sens. ...":
            # each signatory holds what the group said.
            named = signatories(doc.text, a.span.end, lambda lo, hi: [
                n for _, _, n in self.names_in(doc.id, lo, hi) if self.label.get(n) == "PERSON"])
            return [Holder(n, "person") for n in named if not same_holder(n, holder.name)]
        # "Holt, along with Attorney General Dunn, argued": the parser may leave the
        # companions out of the speaker phrase.
        along = _ALONG.match(doc.text, a.speaker.end)
        end = along.end() if along is not None else a.speaker.end
        inside = [x for x in self.names_in(doc.id, a.speaker.start, end)
                  if self.label.get(x[2]) in {"PERSON", "ORG"} and x[2] not in self.outlets
                  and not _PARTY_TAG.fullmatch(x[2])]
        if inside and not any(same_holder(n, holder.name) for *_, n in inside):
            # "Bruning, along with ... Scott Pruitt": the holder opens the list by a name
            # the entity layer did not mark there.
            opener = _OPENER.fullmatch(doc.text, a.speaker.start, inside[0][0])
            if opener is not None and same_holder(self.canonical(opener.group(1)), holder.name):
                inside.insert(0, (a.speaker.start, opener.end(1), holder.name))
        run: list[tuple[int, int, str]] = []
        for x in inside:
            if run and not _LIST_GLUE.fullmatch(doc.text[run[-1][1]:x[0]]):
                if len(run) >= 2:
                    break
                run = []
            run.append(x)
        names = list(dict.fromkeys(n for _, _, n in run)) if len(run) >= 2 else []
        return [Holder(n, self.kind_of(n)) for n in names if not same_holder(n, holder.name)]

    def _body(self, article_id: str, at: int, name: str) -> str:
        # "the group said", "the committee said": the organisation last named before it
        # (not an outlet), when the attribution layer left the bare noun.
        if name.lower() not in words("anaphoric_organisation_nouns"):
            return name
        bodies = [n for _, _, n in self.names_in(article_id, max(0, at - 600), at)
                  if self.label.get(n) == "ORG" and n not in self.outlets]
        return bodies[-1] if bodies else name

    def _owned(self, article_id: str, at: int, name: str) -> str:
        # "his campaign", "her lawyer": the campaign of the person last named before it.
        m = re.fullmatch(r"(?:his|her)\s+(\w[\w -]*)", name, re.I)
        if m is None:
            return name
        people = [n for _, _, n in self.names_in(article_id, max(0, at - 400), at)
                  if self.label.get(n) == "PERSON"]
        return f"{people[-1]}'s {m.group(1)}" if people else name

    def _named_later(self, doc: ArticleDoc, at: int, name: str) -> str | None:
        # "The Internal Revenue Service official ... denied that ...", then "As the
        # official, Lois Lerner, appeared ...": a lead that withholds a name gives it soon
        # after, in apposition to the same role noun.
        head = head_noun(name)
        if not head or name in self.label or not re.fullmatch(r"[a-z]+", head):
            return None
        window = doc.text[at : at + _NAMED_WITHIN]
        for m in re.finditer(rf"\b[Tt]he\s+(?:[\w.'-]+\s+){{0,3}}?{re.escape(head)},\s+", window):
            hit = self.names_in(doc.id, at + m.end(), at + m.end() + 60)
            if hit and hit[0][0] == at + m.end() and self.label.get(hit[0][2]) == "PERSON":
                return hit[0][2]
        return None

    def kind_of(self, name: str) -> HolderKind:
        """The kind of a holder named ``name``."""
        if name in self.outlets:
            return "outlet"
        label = self.label.get(name)
        if label == "PERSON":
            return "person"
        if label is not None:
            return "group" if label == "NORP" else "organisation"
        return "group"

    def of_attribution(self, doc: ArticleDoc, a: Attribution) -> Holder | None:
        """The holder of an attribution's words, or ``None`` when its source names no one."""
        holder = self._of_attribution(doc, a)
        if holder is None or self.label.get(holder.name) != "NORP":
            return holder
        phrase = clean_phrase(a.speaker_text or "")
        if (phrase.lower().startswith(holder.name.lower() + " ")
                and head_noun(phrase) not in holder.name.lower()):
            # "Russian media", "the Lusovian government": the people only qualifies it.
            return Holder(phrase, "group")
        return Holder(self.plural.get(holder.name, holder.name), holder.kind)

    def _of_attribution(self, doc: ArticleDoc, a: Attribution) -> Holder | None:
        raw = a.speaker_resolved or a.speaker_text or ""
        if not raw.strip():
            return None
        if a.speaker is not None and not a.anonymous:
            inside = self.names_in(doc.id, a.speaker.start, a.speaker.end)
            exact = self.by_alias.get(clean_phrase(raw).lower())
            if exact is not None:
                exact = self._outlet(exact)
                return Holder(exact, self.kind_of(exact))
            people = [n for _, _, n in inside if self.label.get(n) == "PERSON"]
            if people and not _is_role_phrase(raw, people[-1]):
                return Holder(people[-1], "person")
        name = self.canonical(raw)
        if a.speaker is not None:
            name = self._body(doc.id, a.speaker.start, self._owned(doc.id, a.speaker.start, name))
            later = self._named_later(doc, a.speaker.end, name)
            if later is not None:
                return Holder(later, "person")
        if not good_holder(name):
            return None
        if a.anonymous:
            return Holder(name, "anonymous")
        return Holder(name, self.kind_of(name))


def _is_role_phrase(raw: str, person: str) -> bool:
    # "A lawyer for Mr. Grimm" names the lawyer, not Mr. Grimm; "William McGinley, a lawyer
    # for Mr. Grimm" names McGinley (the attribution layer resolves the first to the phrase).
    low = raw.lower()
    surname = person.split()[-1].lower()
    at = low.find(surname)
    if at < 0:
        return False
    before = low[:at]
    return re.search(r"\b(?:for|of|to|with|close to)\s+(?:mr\.?|ms\.?|mrs\.?|dr\.?)?\s*$",
                     before) is not None and "," not in low[at:]


# A party-and-state tag set after a name ("Rep. Michael McCaul, R-Texas,"): not a holder.
_PARTY_TAG = re.compile(r"[RDI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?")


def good_holder(name: str) -> bool:
    """Whether ``name`` says who holds a position: a name with a capital letter, or an unnamed
    source or group with a people head (``critics``, ``some local officers``); never a
    pronoun, a document (``the report``), a time or a number."""
    clean = clean_phrase(name)
    low = clean.lower()
    toks = _WORD.findall(clean)
    if not toks or low in _words("pronouns") or len(clean) < 2:
        return False
    if low.split()[0] in _words("pronouns") and len(toks) <= 2:
        return False
    if _PARTY_TAG.fullmatch(clean):
        return False  # "Rep. Michael McCaul, R-Texas, said": the tag is no second speaker
    head = head_noun(clean)
    if (head in words("document_heads") or head in _words("times")
            or not re.search(r"[A-Za-z]", head)):
        return False
    if any(w.lower() in _words("times") for w in toks) and len(toks) <= 2:
        return False
    if toks[0].lower() in _words("times"):
        return False  # "day before the US Embassy in Moscow": a time, clipped
    if toks[0].lower() in {"of", "in", "on", "at", "for", "from", "by", "with", "to"}:
        return False  # "of the people": a clipped phrase
    if head in words("holder_heads") or head in words("anonymous_heads"):
        return True
    if is_person_noun(head) or (head.endswith("s") and is_person_noun(head[:-1])):
        return True  # "some Republican senators", "lawmakers": people by role
    # A name: its head is capitalised ("Jon Bruning", "Marijuana Policy Project"), not a
    # common noun after a capitalised word ("handling of last September").
    cut = re.split(r"\s+(?:of|for|from|in|at|on|with|to|about)\s+|,", clean)[0]
    head_tok = next((t for t in reversed(_WORD.findall(cut))), "")
    return head_tok[:1].isupper() and len(toks) <= 8 and "." not in clean.rstrip(".")[-3:]


@lru_cache(maxsize=1 << 14)
def holder_key(name: str) -> str:
    """A holder's name for comparison: lower-case, without a leading article."""
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(name.lower().split()))


def same_holder(a: str | None, b: str | None) -> bool:
    """Whether two holder names name the same holder (``The New York Times`` and ``New York
    Times``); ``None`` is no one and never the same."""
    return a is not None and b is not None and holder_key(a) == holder_key(b)


@cache
def _possessed_role() -> re.Pattern[str]:
    # "her lawyer, " right before a name: a role held for the person a pronoun points back to.
    return re.compile(rf"\b(?:his|her)\s+(?:longtime\s+|personal\s+|chief\s+|top\s+)?"
                      rf"{phrase_alternation(entries('service_roles'))},\s+$", re.I)


def affiliation(index: HolderIndex, name: str) -> str | None:
    """The organisation a holder speaks for: an organisation itself, the organisation a person's
    stated role names (``White House counsel``), or the one an unnamed source's phrase names
    (``AARP spokeswoman``); ``None`` when nothing says so."""
    if index.label.get(name) in {"ORG", "GPE", "NORP"}:
        return name
    texts = list(index.roles.get(name, ())) if index.label.get(name) == "PERSON" else [name]
    best: tuple[int, int, str] | None = None
    for text in texts:
        for alias, org in index.org_aliases:
            if org.split()[-1].lower() in _words("roles"):
                continue  # "AARP CEO" tagged as an organisation is AARP's officer
            # "Tea party activist" is the Tea Party's; a one-word alias keeps its case.
            flags = re.I if " " in alias else 0
            if org == name or not re.search(rf"(?<![\w]){re.escape(alias)}(?![\w])", text, flags):
                continue
            # An organisation before a place ("the NAACP's Washington bureau"), then the
            # longest name.
            rank = (0 if index.label.get(org) == "GPE" else 1, len(alias))
            if best is None or rank > best[:2]:
                best = (*rank, org)
    return best[2] if best is not None else patron(index, name)


def shown(index: HolderIndex, name: str) -> str:
    """A holder as a dispute side shows it: a person with the organisation they speak for
    (``Jonathan Cowan (Third Way)``), anyone else by name."""
    org = spoken_for(index, name)
    return f"{name} ({org})" if org is not None else name


def spoken_for(index: HolderIndex, name: str) -> str | None:
    """The organisation a person's stated role speaks for: a leader's or a spokesperson's
    (``president of Third Way``, ``AARP policy chief``, ``chairman and chief executive of
    American Airlines``; ``lexicon/en/speaking_roles.txt``); ``None`` for anyone else, an
    office's title (``Secretary of State``) or an outlet."""
    if index.label.get(name) != "PERSON":
        return None
    for role in index.roles.get(name, ()):
        m = _speaking_role().search(role)
        if m is None:
            continue
        before, after = m.group("before"), m.group("after") or ""
        for alias, org in index.org_aliases:
            if index.label.get(org) != "ORG" or org in index.outlets:
                continue
            if (after.endswith(alias) and re.search(rf"(?<![\w]){re.escape(alias)}$", after)) or (
                    re.match(rf"(?:the\s+)?{re.escape(alias)}(?:['\u2019]s)?\s+(?:\w+\s+)?$",
                             before)):
                return org
    return None


@cache
def _speaking_role() -> re.Pattern[str]:
    # A role lower-cased as a description, not an office's title: "president of X" or
    # "X's policy chief", never "Secretary of State"; an acronym is written in capitals
    # ("AARP CEO").
    listed = entries("speaking_roles")
    roles = phrase_alternation([*listed, *(r.upper() for r in listed if len(r) <= 3)])
    return re.compile(rf"^(?P<before>.*?)(?<![A-Z])\b{roles}(?:\s+and\s+[a-z][\w -]*?)?"
                      rf"(?:\s+(?:of|for|at)\s+(?P<after>.+))?$")


def patron(index: HolderIndex, name: str) -> str | None:
    """The person a holder works for, as its role or its own phrase says: ``top adviser to
    Mr. Reid``, ``spokeswoman for the Obama campaign``, ``Romney campaign``, ``Weiner's
    spokesman``; ``None`` when no person of the event is named so (``critics of Obama``
    names whom they criticise, not whom they serve)."""
    if name in index.served:
        return index.served[name]
    texts = list(index.roles.get(name, ())) if index.label.get(name) == "PERSON" else [name]
    for text in texts:
        for alias, person in index.people:
            if person == name:
                continue
            at = re.search(rf"(?<![\w]){re.escape(alias)}(?![\w])", text)
            if at is None:
                continue
            before, after = text[: at.start()], text[at.end():]
            served = re.search(r"\b(?:to|for)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}$", before)
            modifier = re.match(r"(?:['\u2019]s)?\s+[a-z]", after) and not re.search(
                r"\b(?:of|against|about|on)\s+(?:the\s+)?$", before)
            if served or modifier:
                return person
    return None


def holder_matches(a: str | None, b: str | None) -> bool:
    """Whether holder ``a`` is, or belongs to, what ``b`` names: the same name, or one name
    inside the other as whole words (``states of Nebraska and Oklahoma`` and ``Nebraska and
    Oklahoma``; ``Nebraska`` and ``Nebraska and Oklahoma``)."""
    if a is None or b is None:
        return False
    ka, kb = holder_key(a), holder_key(b)
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return len(short) >= 4 and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None
