"""Attributions (quotes and reported speech) as source-cue-content triples from spaCy parses.

The extractor works in two passes, textacy-style, on parsed text and plain offsets:

1. :func:`find_attributions` (``find``) reads one spaCy ``Doc`` (a block of an article starting
   at ``offset``) and yields :class:`Found` records: a cue verb from :data:`CUE_VERBS` with its
   ``nsubj`` as the source and its ``ccomp``/``xcomp``/``dobj`` clause (or an adjacent quote) as
   the content (``verbs``); ``according to X`` (``according``); noun cues and ``In a poll, ...``
   (``nouns``); surface patterns the parse misses: dash-introduced quotes, ``Name: text`` lines,
   quotations followed by their speaker (``surface``); and quotations paired over the raw text
   (``quotes``) that no cue claims, which continue the previous speaker.
2. :func:`resolve_attributions` (``resolve``) resolves each source to a person of the article
   (``people``: names, pronouns, role phrases such as *the Russian leader*), flags anonymous
   sources, records the outlet an attribution is relayed through, and turns the records into
   :class:`~rashomon.model.Attribution` objects.

Rules are hand-written because they must give a span of evidence for every decision and run
offline on the small spaCy pipeline; their word lists live in ``rashomon/lexicon/en`` (see
``vocab``). Between the passes, ``learned`` adds what a small linear cue tagger trained on
PolNeAR's train split finds outside the rules' attributions (stances and intentions no word list
covers: *his opposition to X*, *is pushing for X*) and drops indirect reports its filter finds
unlikely (*delivered a speech*); its spans still come from the parse. PolNeAR's dev split
(``rashomon eval attribution``) measures the whole.
"""

from __future__ import annotations

from rashomon.extract.article.attributions.find import find_attributions
from rashomon.extract.article.attributions.found import Found, iter_outermost
from rashomon.extract.article.attributions.mentions import Referents, collect_referents
from rashomon.extract.article.attributions.people import NamedMention, PersonIndex
from rashomon.extract.article.attributions.quotes import find_quotes
from rashomon.extract.article.attributions.resolve import (
    attributions_from_doc,
    resolve_attributions,
)
from rashomon.extract.article.attributions.vocab import ANONYMOUS_HEADS, CUE_VERBS

__all__ = [
    "ANONYMOUS_HEADS",
    "CUE_VERBS",
    "Found",
    "NamedMention",
    "PersonIndex",
    "Referents",
    "attributions_from_doc",
    "collect_referents",
    "find_attributions",
    "find_quotes",
    "iter_outermost",
    "resolve_attributions",
]
