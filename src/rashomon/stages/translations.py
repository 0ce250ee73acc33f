"""Stage duplicates.translation.v1: an article translating another one of the event is a relay."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.event.translations import find_translations
from rashomon.nlp.encoders import DEFAULT_ENCODER, get_encoder
from rashomon.nlp.languages import article_language

from ..model import EventDoc, Relay
from ..registry import EventStage, registry

DEFAULT = ["duplicates.translation.v1"]

STAGE_NAME = "duplicates.translation.v1"

_LANGUAGE_NAMES = {"ru": "Russian", "en": "English"}


@registry.event_stage(STAGE_NAME, requires={"sentences"}, produces={"translations"})
def make_translation_stage(
    *, encoder: str = DEFAULT_ENCODER, min_cos: float = 0.7, min_share: float = 0.6
) -> EventStage:
    """A translation of another article of the event relays that article's outlet.

    The translation gets ``duplicate_of`` set to its original (its claims count as the
    original outlet's, not as independent confirmation) and a relay naming the original's
    outlet, with the first sentence that matches the original as evidence. Only events with
    articles in two languages or more are compared.

    Args:
        encoder: registered multilingual sentence encoder.
        min_cos: cosine for two sentences to be counterparts.
        min_share: share of the translation's sentences with a counterpart, in order.
    """

    def stage(event: EventDoc) -> EventDoc:
        if len({article_language(d) for d in event.docs}) < 2:
            return event
        found = find_translations(event.docs, get_encoder(encoder), min_cos=min_cos,
                                  min_share=min_share)
        docs = list(event.docs)
        for t in found:
            tr, orig = docs[t.translated], docs[t.original]
            outlet = orig.outlet_label
            lang = article_language(orig)
            cue = (f"translation of a {_LANGUAGE_NAMES.get(lang, lang)} report by {outlet} "
                   f"({t.share:.0%} of its sentences match)")
            named = [r for r in tr.meta.relays if r.outlet == outlet]
            relay = Relay(outlet=outlet, span=named[0].span if named else t.matched[0], cue=cue)
            docs[t.translated] = replace(
                tr,
                duplicate_of=tr.duplicate_of or orig.id,
                meta=replace(tr.meta, relays=(*tr.meta.relays, relay)),
            )
        return replace(event, docs=tuple(docs))

    return stage
