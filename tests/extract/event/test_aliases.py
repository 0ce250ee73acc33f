"""Tests of the name-variant rules of entity merging (extract/event/aliases.py, name_forms.py)."""

from __future__ import annotations

import pytest

from builders import linked_doc
from rashomon.extract.event.aliases import merge_entities, translit_key
from rashomon.extract.event.name_forms import (
    bill_key,
    committee_key,
    nickname_related,
    ordinal_key,
    titled_forms,
)
from rashomon.model import Entity


def _holding(ents: tuple[Entity, ...], form: str) -> list[Entity]:
    return [e for e in ents if form in e.aliases or form == e.name]


def _together(ents: tuple[Entity, ...], *forms: str) -> bool:
    return any(all(f in e.aliases or f == e.name for f in forms) for e in ents)


P = "PERSON"
G = "ORG"


@pytest.mark.parametrize(
    ("a", "b", "together", "apart"),
    [
        # nicknames
        (("Senator Richard Blumenthal spoke.", [("Richard Blumenthal", P)]),
         ("Dick Blumenthal has served.", [("Dick Blumenthal", P)]),
         ("Richard Blumenthal", "Dick Blumenthal"), None),
        (("Robert Bauer wrote the memo.", [("Robert Bauer", P)]),
         ("Bob Bauer denied it.", [("Bob Bauer", P)]), ("Robert Bauer", "Bob Bauer"), None),
        # a leading initial, a middle initial, a generational suffix
        (("A. Barry Rand leads the group.", [("A. Barry Rand", P)]),
         ("Barry Rand said no.", [("Barry Rand", P)]), ("A. Barry Rand", "Barry Rand"), None),
        (("Eric H. Holder Jr. arrived.", [("Eric H. Holder Jr.", P)]),
         ("Eric Holder spoke.", [("Eric Holder", P)]), ("Eric H. Holder Jr.", "Eric Holder"),
         None),
        (("William Taylor III wrote.", [("William Taylor III", P)]),
         ("William W. Taylor said.", [("William W. Taylor", P)]),
         ("William Taylor III", "William W. Taylor"), None),
        # different people with one surname stay apart, nicknames or not
        (("Mark Valdane spoke.", [("Mark Valdane", P)]),
         ("James Valdane spoke.", [("James Valdane", P)]), None,
         ("Mark Valdane", "James Valdane")),
        (("Bill Corran spoke.", [("Bill Corran", P)]),
         ("Hillary Corran spoke.", [("Hillary Corran", P)]), None,
         ("Bill Corran", "Hillary Corran")),
        # organisations: legal forms, numbered bills, committees, outlets, country prefixes
        (("Wal-Mart Stores Inc. appealed.", [("Wal-Mart Stores Inc.", G)]),
         ("Wal-Mart won.", [("Wal-Mart", G)]), ("Wal-Mart Stores Inc.", "Wal-Mart"), None),
        (("SB 1062 passed.", [("SB 1062", G)]),
         ("Senate Bill 1062 was vetoed.", [("Senate Bill 1062", G)]),
         ("SB 1062", "Senate Bill 1062"), None),
        (("The House Committee on Oversight and Government Reform met.",
          [("House Committee on Oversight and Government Reform", G)]),
         ("The Oversight and Government Reform Committee met.",
          [("Oversight and Government Reform Committee", G)]),
         ("House Committee on Oversight and Government Reform",
          "Oversight and Government Reform Committee"), None),
        (("An NBC poll came out.", [("NBC", G)]), ("NBC News reported it.", [("NBC News", G)]),
         ("NBC", "NBC News"), None),
        (("The Wall Street Journal reported it. The Journal said more.",
          [("Wall Street Journal", G), ("Journal", G)]),
         ("Nothing here.", []), ("Wall Street Journal", "Journal"), None),
        (("The U.S. Supreme Court ruled.", [("U.S. Supreme Court", G)]),
         ("The Supreme Court heard it.", [("Supreme Court", G)]),
         ("U.S. Supreme Court", "Supreme Court"), None),
        # a product named after a company is not the company
        (("Google said no.", [("Google", G)]),
         ("Files on Google Drive leaked.", [("Google Drive", "FAC")]), None,
         ("Google", "Google Drive")),
        # a one-word name typed as an organisation is the one person with that surname
        (("Ben Varlotte said so.", [("Ben Varlotte", P)]),
         ("Varlotte disagreed.", [("Varlotte", G)]), ("Ben Varlotte", "Varlotte"), None),
    ],
)  # fmt: skip
def test_merges(
    a: tuple[str, list[tuple[str, str]]],
    b: tuple[str, list[tuple[str, str]]],
    together: tuple[str, ...] | None,
    apart: tuple[str, str] | None,
) -> None:
    ents = merge_entities([linked_doc(*a), linked_doc(*b)])
    if together is not None:
        assert _together(ents, *together), [(e.name, e.aliases) for e in ents]
    if apart is not None:
        assert not _together(ents, *apart), [(e.name, e.aliases) for e in ents]
        assert _holding(ents, apart[0]) and _holding(ents, apart[1])


def test_short_forms_recorded_as_aliases() -> None:
    a = linked_doc("Congressman Rolf Grimsby met Mike Huckabee. Congressman Grimsby left.",
             [("Rolf Grimsby", P), ("Mike Huckabee", P), ("Grimsby", P)])  # fmt: skip
    b = linked_doc("Apple Inc. and Mitt To Akin: Mitt Romney spoke.",
             [("Apple Inc.", G), ("Mitt Romney", P)])  # fmt: skip
    ents = merge_entities([a, b])
    grimsby = _holding(ents, "Rolf Grimsby")[0]
    # the surname alone and the title before a one-word mention
    assert {"Grimsby", "Congressman Grimsby"} <= set(grimsby.aliases)
    assert "Huckabee" in _holding(ents, "Mike Huckabee")[0].aliases
    # a given name the texts write on its own; a company without its legal form
    assert "Mitt" in _holding(ents, "Mitt Romney")[0].aliases
    assert "Apple" in _holding(ents, "Apple Inc.")[0].aliases


def test_shared_surname_is_no_alias() -> None:
    docs = [linked_doc("Mark Valdane and James Valdane spoke.", [("Mark Valdane", P),
                                                          ("James Valdane", P)])]  # fmt: skip
    ents = merge_entities(docs)
    assert all("Valdane" not in e.aliases for e in ents)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("SB1062", "Senate Bill 1062", True),
        ("H.R. 12", "House Resolution 12", True),
        ("HB 12", "Senate Bill 12", False),
    ],
)
def test_bill_keys(a: str, b: str, same: bool) -> None:
    assert (bill_key(a) == bill_key(b)) is same


def test_committee_and_ordinal_keys() -> None:
    assert committee_key("Senate Committee on Intelligence") == committee_key(
        "Intelligence Committee"
    )
    assert committee_key("House Intelligence Committee") != committee_key(
        "Senate Intelligence Committee"
    )
    assert committee_key("Intelligence") is None
    assert ordinal_key("5th Amendment") == "ordinal:fifth amendment"
    assert ordinal_key("Fifth Amendment") is None


def test_nicknames_and_titles() -> None:
    assert nickname_related(translit_key("chuck"), translit_key("charles"), translit_key)
    assert not nickname_related(translit_key("mark"), translit_key("james"), translit_key)
    text = "He met Chief Justice Roberts.\nCaptain Johnson spoke."
    spans = [(text.index("Roberts"), text.index("Roberts") + 7),
             (text.index("Johnson"), text.index("Johnson") + 7)]  # fmt: skip
    assert titled_forms(text, spans) == ["Chief Justice Roberts", "Captain Johnson"]
