"""The invented mixed Russian/English example event: what the analysis must show on it.

Five reports of one plant fire (examples/verkhnelesk-plant-fire): two Russian outlets, two
English ones reporting on their own, and an English digest that translates one of the Russian
reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rashomon.api import analyze
from rashomon.extract.event.claims import independent_origin
from rashomon.model import EventDoc
from rashomon.nlp.languages import article_language

pytestmark = [pytest.mark.model, pytest.mark.slow]

EVENT = Path(__file__).resolve().parents[1] / "examples" / "verkhnelesk-plant-fire"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return analyze([EVENT], tmp_path_factory.mktemp("verkhnelesk"))


@pytest.fixture(scope="module")
def event(result: Any) -> EventDoc:
    return result.event  # type: ignore[no-any-return]


def _outlet_language(event: EventDoc) -> dict[str, str]:
    return {event.outlet_of(d.id): article_language(d) for d in event.docs}


def test_every_report_is_analysed_in_its_language(event: EventDoc) -> None:
    assert event.errors == ()
    assert sorted(_outlet_language(event).values()) == ["en", "en", "en", "ru", "ru"]


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Аркадий Вершинин", {"Arkady Vershinin", "Arkadiy Vershynin"}),
        ("Олег Мельников", {"Oleg Melnikov"}),
        ("Ирина Соловьёва", {"Irina Solovyova"}),
    ],
)
def test_people_merge_across_scripts_and_say_why(
    event: EventDoc, cyrillic: str, latin: set[str]
) -> None:
    (ent,) = [e for e in event.entities if cyrillic in e.aliases]
    assert ent.label == "PERSON"
    assert latin <= set(ent.aliases)
    assert any("BGN/PCGN" in r for r in ent.merge_reasons)


def test_case_forms_of_a_russian_name_are_aliases_of_one_entity(event: EventDoc) -> None:
    (ent,) = [e for e in event.entities if "Олег Мельников" in e.aliases]
    assert "Мельникова" in ent.aliases  # "По словам Мельникова"


def test_a_claim_group_joins_russian_and_english_outlets(event: EventDoc) -> None:
    langs = _outlet_language(event)
    mixed = [g for g in event.groups
             if {langs[o] for o in g.outlets} == {"ru", "en"} and g.independent_outlets >= 2]
    assert mixed, [g.outlets for g in event.groups]
    claims = {c.id: c for c in event.claims}
    texts = [claims[c].text for g in mixed for c in g.claim_ids]
    assert any("уголовное дело" in t for t in texts)
    assert any("criminal case" in t for t in texts)


def test_the_death_toll_dispute_has_a_russian_and_an_english_side(event: EventDoc) -> None:
    langs = _outlet_language(event)
    (dispute,) = [d for d in event.disputes if "killed" in d.question]
    sides = {s.position: {langs[o] for o in s.outlets} for s in dispute.sides}
    assert "ru" in sides["7"]
    assert sides["at least 12"] == {"en"}


def test_the_translated_digest_is_a_relay_not_a_confirmation(event: EventDoc) -> None:
    by_outlet = {event.outlet_of(d.id): d for d in event.docs}
    digest, original = by_outlet["Northern Digest"], by_outlet["Вестник Приозерья"]
    assert digest.duplicate_of == original.id
    (relay,) = [r for r in digest.meta.relays if r.outlet == "Вестник Приозерья"]
    assert relay.cue.startswith("translation of a Russian report")
    # Its claims count for the outlet it translates.
    claims = [c for c in event.claims if c.article_id == digest.id]
    assert claims and {independent_origin(event, c) for c in claims} == {"Вестник Приозерья"}
    # The English reports of their own are not translations.
    for outlet in ("The Baltic Ledger", "The Lakeshore Times"):
        assert by_outlet[outlet].duplicate_of is None


def test_russian_relays_and_speakers(event: EventDoc) -> None:
    by_outlet = {event.outlet_of(d.id): d for d in event.docs}
    inform = by_outlet["Информ-Север"]
    assert [r.outlet for r in inform.meta.relays] == ["TASS"]
    speakers = {a.speaker_resolved for a in inform.attributions}
    assert {"Аркадий Вершинин", "TASS", "МЧС"} <= speakers
    assert any(a.anonymous for a in inform.attributions)


def test_the_report_shows_russian_evidence_with_latin_names_beside(result: Any) -> None:
    html = (result.outdir / "report.html").read_text(encoding="utf-8")
    assert "Вестник Приозерья (Vestnik Priozerya)" in html
    assert "Аркадий Вершинин (Arkadiy Vershinin)" in html
    assert "Пожар локализован, угрозы для жителей нет" in html  # the quotation in the original
