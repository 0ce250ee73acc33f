"""Claims with voice, claim groups across outlets, coverage and blindspots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.api import build_event
from rashomon.config import PipelineConfig, StageConfig
from rashomon.extract.event.claims import (
    blindspots,
    coverage,
    extract_claims,
    group_claims,
    is_negated,
    polarity_flip,
    shorten,
)
from rashomon.model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    Attribution,
    Claim,
    ClaimGroup,
    EventDoc,
    Hedge,
    MetaField,
    Relay,
    Sentence,
    Span,
    content_id,
)
from rashomon.pipeline import BASE_LAYERS, Pipeline

# --------------------------------------------------------------------------------------------
# Hand-built articles (invented text)

TEXT = (
    "The Tamsel footbridge collapsed on Monday evening. "
    "Mayor Ines Vasko said the bridge had passed its last inspection. "
    "Engineers reportedly found rust in the main cables. "
    "The city did not close the bridge after the inspection, the Valmor Gazette reported."
)


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def _sentences(text: str, aid: str) -> tuple[Sentence, ...]:
    out = []
    pos = 0
    for piece in text.split(". "):
        piece = piece if piece.endswith(".") else piece + "."
        start = text.index(piece, pos)
        out.append(Sentence(article_id=aid, span=Span(start, start + len(piece))))
        pos = start + len(piece)
    return tuple(out)


def _attribution(text: str, aid: str, whole: str, content: str, speaker: str,
                 *, relayed_from: str | None = None) -> Attribution:
    span = _span(text, whole)
    return Attribution(
        id=content_id(aid, "attribution", str(span.start), str(span.end)),
        article_id=aid,
        kind="indirect",
        span=span,
        content=_span(text, content),
        speaker=_span(text, speaker),
        speaker_text=speaker,
        speaker_resolved=speaker,
        relayed_from=relayed_from,
    )


@pytest.fixture()
def doc() -> ArticleDoc:
    aid = Article.make_id(TEXT)
    article = Article(id=aid, source="gazette.txt", text=TEXT, outlet="Morning Star")
    return ArticleDoc(
        article=article,
        meta=ArticleMeta(relays=(Relay(outlet="Valmor Gazette",
                                       span=_span(TEXT, "Valmor Gazette"), cue="reported"),)),
        sentences=_sentences(TEXT, aid),
        attributions=(
            _attribution(TEXT, aid, "Mayor Ines Vasko said the bridge had passed its last "
                         "inspection", "the bridge had passed its last inspection",
                         "Mayor Ines Vasko"),
        ),
        hedges=(Hedge(article_id=aid, span=_span(TEXT, "reportedly"), kind="hedge"),),
    )


def test_claims_voice_speaker_and_flags(doc: ArticleDoc) -> None:
    claims = list(extract_claims(doc))
    texts = [doc.text[c.span.start : c.span.end] for c in claims]
    assert texts == [
        "The Tamsel footbridge collapsed on Monday evening.",
        "the bridge had passed its last inspection.",
        "Engineers reportedly found rust in the main cables.",
        "The city did not close the bridge after the inspection, the Valmor Gazette reported.",
    ]
    assert [c.text for c in claims] == texts
    assert [c.voice for c in claims] == ["author", "attributed", "author", "author"]
    assert claims[1].speaker == "Mayor Ines Vasko"
    assert claims[1].attribution_id == doc.attributions[0].id
    assert [c.hedged for c in claims] == [False, False, True, False]
    assert [c.negated for c in claims] == [False, False, False, True]
    # The relay cue lies in the last sentence only.
    assert [c.relayed_from for c in claims] == [None, None, None, "Valmor Gazette"]
    assert len({c.id for c in claims}) == len(claims)


def test_claim_spans_stay_inside_text(doc: ArticleDoc) -> None:
    claims = list(extract_claims(doc))
    assert len(claims) >= 4
    for c in claims:
        assert 0 <= c.span.start < c.span.end <= len(doc.text)
        assert c.text == c.span.of(doc.text)
        assert c.text[0] not in " ,\"" and c.text[-1] not in " ,\""


def test_leftover_outside_attribution_becomes_author_claim() -> None:
    text = ("Rescue teams pulled three people from the cold river overnight, and police "
            "said the search would resume at dawn.")
    aid = Article.make_id(text)
    d = ArticleDoc(
        article=Article(id=aid, source="x.txt", text=text),
        sentences=(Sentence(article_id=aid, span=Span(0, len(text))),),
        attributions=(_attribution(text, aid, "police said the search would resume at dawn",
                                   "the search would resume at dawn", "police"),),
    )
    claims = list(extract_claims(d))
    assert [(c.voice, text[c.span.start : c.span.end]) for c in claims] == [
        ("author", "Rescue teams pulled three people from the cold river overnight"),
        ("attributed", "the search would resume at dawn."),
    ]


def test_attribution_frame_is_not_an_author_claim() -> None:
    # The extractor's attribution starts at "statement": the speaker frame is left over.
    text = ("The operator, Velna Power, said in a statement that the dam had passed "
            "its last inspection in 2023.")
    aid = Article.make_id(text)
    span = _span(text, "statement that the dam had passed its last inspection in 2023")
    attribution = Attribution(
        id="a1", article_id=aid, kind="indirect", span=span,
        content=_span(text, "that the dam had passed its last inspection in 2023"),
        cue=_span(text, "statement"),
    )
    d = ArticleDoc(article=Article(id=aid, source="x.txt", text=text),
                   sentences=(Sentence(article_id=aid, span=Span(0, len(text))),),
                   attributions=(attribution,))
    claims = list(extract_claims(d))
    assert [(c.voice, text[c.span.start : c.span.end]) for c in claims] == [
        ("attributed", "that the dam had passed its last inspection in 2023."),
    ]
    assert claims[0].speaker is None


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The city did not close the bridge.", True),
        ("There was no warning.", True),
        ("The bridge wasn't inspected.", True),
        ("The bridge was inspected in May.", False),
        ("Nothing suggests sabotage.", True),
        ("Notably, the cables were new.", False),
    ],
)
def test_is_negated(text: str, negated: bool) -> None:
    assert is_negated(text) is negated


def test_shorten() -> None:
    assert shorten("one two  three") == "one two three"
    long = " ".join(f"w{i}" for i in range(30))
    assert shorten(long, 5) == "w0 w1 w2 w3 w4\u2026"


# --------------------------------------------------------------------------------------------
# Coverage and blindspots on a hand-built event (no model)


def _claim_doc(outlet: str, sentences: list[str]) -> tuple[ArticleDoc, list[Claim]]:
    text = " ".join(sentences)
    aid = Article.make_id(text)
    d = ArticleDoc(article=Article(id=aid, source=f"{outlet}.txt", text=text, outlet=outlet),
                   meta=ArticleMeta(outlet=MetaField(value=outlet, origin="declared")))
    claims = []
    for s in sentences:
        sp = _span(text, s)
        claims.append(Claim(id=content_id(aid, "claim", str(sp.start), str(sp.end)),
                            article_id=aid, span=sp, text=s,
                            voice="attributed" if "said" in s else "author",
                            speaker="Ines Vasko" if "said" in s else None,
                            negated=is_negated(s)))
    return d, claims


def _group(claims: list[Claim], label: Claim, outlets: tuple[str, ...]) -> ClaimGroup:
    ids = tuple(c.id for c in claims)
    return ClaimGroup(id=content_id("group", *sorted(ids)), label=label.text,
                      label_claim=label.id, claim_ids=ids, outlets=outlets,
                      independent_outlets=len(outlets))


def test_coverage_states_and_blindspots() -> None:
    a, ca = _claim_doc("Alpha", ["The footbridge collapsed on Monday.",
                                 "The bridge had been inspected in May."])
    b, cb = _claim_doc("Beta", ["The footbridge fell into the river on Monday.",
                                "The bridge had not been inspected in May."])
    c, cc = _claim_doc("Gamma", ["Ines Vasko said the footbridge collapsed on Monday."])
    d, cd = _claim_doc("Delta", ["A footbridge collapsed on Monday.",
                                 "Delta sport results follow."])
    collapse = _group([ca[0], cb[0], cc[0], cd[0]], ca[0], ("Alpha", "Beta", "Delta", "Gamma"))
    inspected = _group([ca[1], cb[1]], ca[1], ("Alpha", "Beta"))
    event = EventDoc(id="e", name="e", docs=(a, b, c, d), claims=tuple(ca + cb + cc + cd),
                     groups=(collapse, inspected))
    cov = coverage(event)
    state = {(x.outlet, x.group_id): x.state for x in cov}
    assert state[("Alpha", collapse.id)] == "carries"
    assert state[("Beta", collapse.id)] == "carries"
    assert state[("Gamma", collapse.id)] == "attributed"
    assert state[("Delta", collapse.id)] == "carries"
    assert state[("Beta", inspected.id)] == "contradicts"  # "had not been inspected"
    assert state[("Gamma", inspected.id)] == "omits"
    assert len(cov) == 8
    # A stance label of "disagree" makes an outlet contradict even without a negator.
    cov2 = coverage(event, stance={(ca[0].id, cd[0].id): "disagree"})
    assert {(x.outlet, x.group_id): x.state for x in cov2}[("Delta", collapse.id)] \
        == "contradicts"

    spots = blindspots(event.__class__(**{**_fields(event), "coverage": tuple(cov)}))
    # Alpha and Beta (two of the three others) cover "inspected": Gamma and Delta miss it.
    assert spots == {"Alpha": [], "Beta": [], "Gamma": [inspected.id], "Delta": [inspected.id]}
    # Drop Delta's claim from the collapse group: three of three others cover it.
    collapse2 = _group([ca[0], cb[0], cc[0]], ca[0], ("Alpha", "Beta", "Gamma"))
    event2 = EventDoc(id="e", name="e", docs=(a, b, c, d), claims=event.claims,
                      groups=(collapse2, inspected))
    event2 = EventDoc(**{**_fields(event2), "coverage": tuple(coverage(event2))})
    assert blindspots(event2) == {"Alpha": [], "Beta": [], "Gamma": [inspected.id],
                                  "Delta": [collapse2.id, inspected.id]}


def _fields(event: EventDoc) -> dict[str, object]:
    return {f: getattr(event, f) for f in event.__dataclass_fields__}


def test_polarity_flip_needs_the_same_words() -> None:
    _, (yes, no, other) = _claim_doc("A", ["The report contained a warning.",
                                           "The report contained no warning.",
                                           "Nobody was hurt in the village."])
    assert polarity_flip(yes, no)
    assert not polarity_flip(yes, other)
    assert not polarity_flip(yes, yes)


# --------------------------------------------------------------------------------------------
# Grouping with the real encoder (invented text)


@pytest.mark.model
def test_group_claims_across_outlets() -> None:
    from rashomon.nlp.encoders import get_encoder

    stories = {
        "Alpha": ["The Tamsel footbridge collapsed on Monday evening.",
                  "Four people were injured when the footbridge fell.",
                  "The city council will meet on Friday to discuss its budget."],
        "Beta": ["On Monday evening the Tamsel footbridge collapsed.",
                 "Four people were hurt as the footbridge came down.",
                 "A new bakery opened in the old town square last week."],
        "Gamma": ["The footbridge over the Tamsel collapsed on Monday night.",
                  "The local football club won its third match in a row."],
    }
    docs, claims = [], []
    for outlet, sents in stories.items():
        d, cs = _claim_doc(outlet, sents)
        docs.append(d)
        claims.extend(cs)
    event = EventDoc(id="e", name="e", docs=tuple(docs), claims=tuple(claims))
    groups = group_claims(event, claims, encoder=get_encoder())
    by_id = {c.id: c for c in claims}
    as_text = [sorted(by_id[i].text for i in g.claim_ids) for g in groups]
    assert sorted(["The Tamsel footbridge collapsed on Monday evening.",
                   "On Monday evening the Tamsel footbridge collapsed.",
                   "The footbridge over the Tamsel collapsed on Monday night."]) in as_text
    assert sorted(["Four people were injured when the footbridge fell.",
                   "Four people were hurt as the footbridge came down."]) in as_text
    assert groups[0].outlets == ("Alpha", "Beta", "Gamma")
    assert groups[0].independent_outlets == 3
    assert groups[0].label_claim in groups[0].claim_ids
    assert all(len(g.outlets) >= 2 for g in groups)
    assert not any("bakery" in t or "football" in t for ts in as_text for t in ts)


# --------------------------------------------------------------------------------------------
# The real pipeline


def _config() -> PipelineConfig:
    """The default pipeline, with the claim stages appended if they are not in it yet."""
    cfg = PipelineConfig.default()
    names = [s.name for s in cfg.stages]
    extra = [StageConfig(n) for n in ("claims.v1", "groups.v1", "coverage.v1")
             if n not in names]
    # Stop after coverage: later stages are not needed here.
    stages = list(cfg.stages) + extra
    cut = max(i for i, s in enumerate(stages) if s.name == "coverage.v1")
    return PipelineConfig(tuple(stages[: cut + 1]))


@pytest.fixture(scope="module")
def kresny(examples_dir: Path) -> EventDoc:
    return build_event([examples_dir / "kresny-dam-collapse"], config=_config(),
                       on_error="raise")


@pytest.mark.model
def test_example_too_general_claims_group_together(kresny: EventDoc) -> None:
    claims = {c.id: c for c in kresny.claims}
    best = 0
    for g in kresny.groups:
        outlets = {kresny.outlet_of(claims[i].article_id) for i in g.claim_ids
                   if "too general" in claims[i].text or "too vague" in claims[i].text
                   or "too generic" in claims[i].text}
        best = max(best, len(outlets))
    assert best >= 3
    for c in kresny.claims:
        assert c.text == kresny.doc(c.article_id).text[c.span.start : c.span.end]


@pytest.mark.model
def test_example_blindspot(kresny: EventDoc) -> None:
    spots = blindspots(kresny)
    groups = {g.id: g for g in kresny.groups}
    states = {(c.outlet, c.group_id): c.state for c in kresny.coverage}
    outlets = set(spots)
    assert any(spots.values())
    for outlet, ids in spots.items():
        for gid in ids:
            assert states[(outlet, gid)] == "omits"
            covering = [o for o in outlets - {outlet} if states[(o, gid)] != "omits"]
            assert len(covering) > (len(outlets) - 1) / 2
            assert outlet not in groups[gid].outlets


def _basil_docs(shared: Path, n: int) -> list[list[ArticleDoc]]:
    triplets: dict[str, list[ArticleDoc]] = {}
    for path in sorted((shared / "data" / "basil-dev" / "articles" / "2012").glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        paras = [" ".join(s.strip() for s in p) for p in raw["body-paragraphs"]]
        text = "\n\n".join([raw["title"].strip(), *(p for p in paras if p)])
        art = Article(id=Article.make_id(text), source=str(path), text=text,
                      outlet=raw["source"], title=raw["title"], published=raw["date"])
        triplets.setdefault(raw["triplet-uuid"], []).append(
            ArticleDoc(article=art, layers=BASE_LAYERS))
    return [docs for docs in triplets.values() if len(docs) == 3][:n]


@pytest.mark.model
def test_basil_group_spans_three_outlets(shared_dir: Path) -> None:
    pipe = Pipeline.from_config(_config())
    spanning = 0
    for docs in _basil_docs(shared_dir, 2):
        done = [d for d in pipe.map_articles(docs) if isinstance(d, ArticleDoc)]
        event = pipe.reduce_event(EventDoc(id="b", name="basil", docs=tuple(done)))
        assert not event.errors
        assert {event.outlet_of(d.id).lower() for d in event.docs} == {"nyt", "fox", "hpo"}
        spanning += sum(1 for g in event.groups if len(g.outlets) == 3)
    assert spanning >= 1
