"""A small invented event with every layer filled, for demos, docs and tests of the outputs.

The reports below are fiction written for rashomon (a ferry fire in an imaginary port); every
span is found with ``str.index`` on the text, so offsets are right by construction.
"""

from __future__ import annotations

from rashomon.model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    Attribution,
    Boilerplate,
    BriefLine,
    Claim,
    ClaimGroup,
    Coverage,
    DateConflict,
    DatedVersion,
    Dispute,
    Entity,
    EventDoc,
    Evidence,
    Failure,
    Hedge,
    LocalEntity,
    Mention,
    MetaField,
    NumberSlot,
    NumberValue,
    Quantity,
    QuoteDiscrepancy,
    QuoteVersion,
    Relay,
    Role,
    Sentence,
    Side,
    Span,
    TimelineEntry,
    TimeMention,
    content_id,
)

_TEXTS = {
    "harbour": (
        "Menu | Sections | Subscribe\n"
        "Ferry fire at Port Tamsel: at least 12 dead\n"
        "At least 12 people died when the ferry Aurelia caught fire off Port Tamsel on Monday "
        "night, the coastguard said. Coastguard chief Mira Olsen said the fire started in the "
        "engine room. \"The crew did everything they could,\" Olsen told reporters. "
        "The operator, Bluewake Lines, reportedly skipped a safety inspection in March. "
        "Relatives called the silence \"a shameful cover-up\".\n"
        "Share this article"
    ),
    "gazette": (
        "Fire on ferry Aurelia: 9 confirmed dead, operator blames passenger\n"
        "Nine people were confirmed dead after a blaze on the ferry Aurelia near Port Tamsel "
        "on Monday, according to The Harbour Times. Bluewake Lines said the fire started on "
        "the car deck, where a passenger's van caught fire. \"Our inspection records are in "
        "order,\" said Jon Berg, a spokesman for Bluewake Lines. "
        "Officials said the death toll could rise to 15. "
        "Rescuers searched for survivors on Wednesday."
    ),
    "wire": (
        "PORT TAMSEL, Tuesday - Rescuers searched on Tuesday for survivors of the Aurelia "
        "fire, which killed 12 people. Mira Olsen of the coastguard said the engine room "
        "was the source of the fire. A survivor, who asked not to be named, said alarms never "
        "sounded. Divers will resume the search on Wednesday. "
        "\"The crew did all they could,\" Olsen said. "
        "The operator's handling of the fire was a fiasco."
    ),
}

_META = {
    "harbour": ("The Harbour Times", "2031-05-12", "harbour.txt"),
    "gazette": ("Tamsel Gazette", "2031-05-13", "gazette.html"),
    "wire": ("Nordwire", "2031-05-13", "wire.jsonl:1"),
}


def _sp(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle))


def _within(text: str, needle: str, part: str) -> Span:
    outer = _sp(text, needle)
    return _sp(text, part, outer.start)


def _sentences(aid: str, text: str, body: Span) -> tuple[Sentence, ...]:
    # Good enough for invented text: split after ". " / ".\" " inside the body span.
    out: list[Sentence] = []
    start = body.start
    i = body.start
    while i < body.end:
        ch = text[i]
        if ch in ".!?" and (i + 1 == body.end or text[i + 1] in " \n\""):
            end = i + 1
            if end < body.end and text[end] == '"':
                end += 1
            out.append(Sentence(article_id=aid, span=Span(start, end)))
            while end < body.end and text[end] in " \n":
                end += 1
            start = i = end
            continue
        if ch == "\n":
            if text[start:i].strip():
                out.append(Sentence(article_id=aid, span=Span(start, i)))
            start = i + 1
        i += 1
    if text[start : body.end].strip():
        out.append(Sentence(article_id=aid, span=Span(start, body.end)))
    return tuple(out)


def sample_docs(texts: dict[str, str] | None = None) -> dict[str, ArticleDoc]:
    """The three invented reports as analysed article docs, keyed by short name.

    Args:
        texts: replacement texts for some reports (used by tests to inject hostile text; the
            annotations of a replaced report are left empty except for its sentences).
    """
    texts = {**_TEXTS, **(texts or {})}
    docs: dict[str, ArticleDoc] = {}
    for key, text in texts.items():
        outlet, published, source = _META.get(key, (key.title(), "2031-05-14", f"{key}.txt"))
        aid = Article.make_id(text)
        article = Article(id=aid, source=source, text=text, outlet=outlet, published=published,
                          format=source.rsplit(".", 1)[-1].split(":")[0])
        boiler: tuple[Boilerplate, ...] = ()
        if key == "harbour":
            boiler = (
                Boilerplate(article_id=aid, span=_sp(text, "Menu | Sections | Subscribe\n"),
                            reason="navigation"),
                Boilerplate(article_id=aid, span=_sp(text, "\nShare this article"),
                            reason="share-widget", score=0.9),
            )
        title: MetaField | None = None
        body = Span(0, len(text))
        if key in ("harbour", "gazette") and text == _TEXTS[key]:
            first_line = text.split("\n", 2)[1 if key == "harbour" else 0]
            title = MetaField(value=first_line, span=_sp(text, first_line), origin="inferred")
            body_end = text.index("\nShare") if key == "harbour" else len(text)
            body = Span(title.span.end + 1 if title.span else 0, body_end)
        relays: tuple[Relay, ...] = ()
        if key == "gazette":
            relays = (Relay(outlet="The Harbour Times", span=_sp(text, "The Harbour Times"),
                            cue="according to", cue_span=_sp(text, "according to")),)
        meta = ArticleMeta(
            outlet=MetaField(value=outlet, origin="manifest"),
            title=title,
            published=MetaField(value=published, origin="declared"),
            language=MetaField(value="en", origin="inferred"),
            relays=relays,
        )
        docs[key] = ArticleDoc(
            article=article, meta=meta, boilerplate=boiler,
            sentences=_sentences(aid, text, body),
            layers=frozenset({"boilerplate", "meta", "sentences"}),
        )
    if "harbour" in docs and texts["harbour"] == _TEXTS["harbour"]:
        docs["harbour"] = _annotate_harbour(docs["harbour"])
    if "gazette" in docs and texts["gazette"] == _TEXTS["gazette"]:
        docs["gazette"] = _annotate_gazette(docs["gazette"])
    if "wire" in docs and texts["wire"] == _TEXTS["wire"]:
        docs["wire"] = _annotate_wire(docs["wire"])
    return docs


def _ent(aid: str, text: str, name: str, label: str, *needles: str,
         roles: tuple[Role, ...] = ()) -> tuple[LocalEntity, list[Mention]]:
    eid = content_id(aid, name)
    spans = [_sp(text, n) for n in needles]
    mentions = [Mention(article_id=aid, span=s, text=s.of(text), label=label, entity=eid)
                for s in spans]
    return LocalEntity(id=eid, article_id=aid, name=name, label=label,
                       mention_spans=tuple(spans), roles=roles), mentions


def _aid(aid: str, kind: str, span: Span) -> str:
    return content_id(aid, kind, str(span.start), str(span.end))


_LAYERS = frozenset({"boilerplate", "meta", "sentences", "mentions", "entities", "attributions",
                     "quantities", "times", "hedges"})


def _annotate_harbour(doc: ArticleDoc) -> ArticleDoc:
    aid, t = doc.id, doc.text
    olsen, m1 = _ent(aid, t, "Mira Olsen", "PERSON", "Mira Olsen", "Olsen told",
                     roles=(Role(text="Coastguard chief", span=_sp(t, "Coastguard chief")),))
    blue, m2 = _ent(aid, t, "Bluewake Lines", "ORG", "Bluewake Lines")
    q1_span = _sp(t, "Coastguard chief Mira Olsen said the fire started in the engine room.")
    q1 = Attribution(
        id=_aid(aid, "attribution", q1_span), article_id=aid, kind="indirect", span=q1_span,
        content=_sp(t, "the fire started in the engine room"),
        cue=_within(t, "Mira Olsen said", "said"),
        speaker=_sp(t, "Coastguard chief Mira Olsen"), speaker_text="Coastguard chief Mira Olsen",
        speaker_resolved="Mira Olsen", speaker_entity=olsen.id,
    )
    q2_span = _sp(t, "\"The crew did everything they could,\" Olsen told reporters.")
    q2 = Attribution(
        id=_aid(aid, "attribution", q2_span), article_id=aid, kind="direct", span=q2_span,
        content=_sp(t, "The crew did everything they could,"), cue=_sp(t, "told"),
        speaker=_within(t, "Olsen told", "Olsen"),
        speaker_text="Olsen", speaker_resolved="Mira Olsen", speaker_entity=olsen.id,
    )
    n_span = _sp(t, "At least 12")
    qty = Quantity(id=_aid(aid, "quantity", n_span), article_id=aid, span=n_span,
                   text=n_span.of(t), slot="killed", value=12, low=12, high=None,
                   qualifier="at least", attributed_to="the coastguard")
    when = _sp(t, "on Monday night")
    tm = TimeMention(id=_aid(aid, "time", when), article_id=aid, span=when, text=when.of(t),
                     value="2031-05-11", granularity="day", anchor="published",
                     sentence=doc.sentences[0].span, event_text="caught fire")
    hedge = Hedge(article_id=aid, span=_sp(t, "reportedly"), kind="reported",
                  sentence=doc.sentences[-1].span)
    return ArticleDoc(
        article=doc.article, meta=doc.meta, boilerplate=doc.boilerplate,
        sentences=doc.sentences, mentions=tuple(m1 + m2), entities=(olsen, blue),
        attributions=(q1, q2), quantities=(qty,), times=(tm,), hedges=(hedge,),
        layers=_LAYERS,
    )


def _annotate_gazette(doc: ArticleDoc) -> ArticleDoc:
    aid, t = doc.id, doc.text
    berg, m1 = _ent(aid, t, "Jon Berg", "PERSON", "Jon Berg",
                    roles=(Role(text="a spokesman for Bluewake Lines",
                                span=_sp(t, "a spokesman for Bluewake Lines")),))
    blue, m2 = _ent(aid, t, "Bluewake Lines", "ORG", "Bluewake Lines")
    s = _sp(t, "Bluewake Lines said the fire started on the car deck, where a passenger's van "
               "caught fire.")
    q1 = Attribution(
        id=_aid(aid, "attribution", s), article_id=aid, kind="indirect", span=s,
        content=_sp(t, "the fire started on the car deck, where a passenger's van caught fire"),
        cue=Span(s.start + 15, s.start + 19), speaker=Span(s.start, s.start + 14),
        speaker_text="Bluewake Lines", speaker_resolved="Bluewake Lines",
        speaker_entity=blue.id, speaker_kind="organisation",
    )
    s2 = _sp(t, "\"Our inspection records are in order,\" said Jon Berg, a spokesman for "
                "Bluewake Lines.")
    q2 = Attribution(
        id=_aid(aid, "attribution", s2), article_id=aid, kind="direct", span=s2,
        content=_sp(t, "Our inspection records are in order,"),
        cue=_within(t, "said Jon", "said"),
        speaker=_sp(t, "Jon Berg"), speaker_text="Jon Berg", speaker_resolved="Jon Berg",
        speaker_entity=berg.id, speaker_kind="person",
    )
    s3 = _sp(t, "Officials said the death toll could rise to 15.")
    q3 = Attribution(
        id=_aid(aid, "attribution", s3), article_id=aid, kind="indirect", span=s3,
        content=_sp(t, "the death toll could rise to 15"),
        cue=_within(t, "Officials said", "said"),
        speaker=_sp(t, "Officials"), speaker_text="Officials", speaker_resolved="officials",
        anonymous=True, speaker_kind="official",
    )
    n1 = _sp(t, "Nine people")
    n2 = _sp(t, "rise to 15")
    qts = (
        Quantity(id=_aid(aid, "quantity", n1), article_id=aid, span=n1, text=n1.of(t),
                 slot="killed", value=9, low=9, high=9),
        Quantity(id=_aid(aid, "quantity", n2), article_id=aid, span=n2, text=n2.of(t),
                 slot="killed", value=15, low=None, high=15, qualifier="could rise to",
                 attributed_to="Officials", attribution_id=q3.id),
    )
    when = _sp(t, "on Monday")
    tm = TimeMention(id=_aid(aid, "time", when), article_id=aid, span=when, text=when.of(t),
                     value="2031-05-11", granularity="day", anchor="published",
                     event_text="blaze")
    hedge = Hedge(article_id=aid, span=_sp(t, "could rise"), kind="conditional",
                  sentence=s3)
    return ArticleDoc(
        article=doc.article, meta=doc.meta, boilerplate=doc.boilerplate,
        sentences=doc.sentences, mentions=tuple(m1 + m2), entities=(berg, blue),
        attributions=(q1, q2, q3), quantities=qts, times=(tm,), hedges=(hedge,),
        layers=_LAYERS,
    )


def _annotate_wire(doc: ArticleDoc) -> ArticleDoc:
    aid, t = doc.id, doc.text
    olsen, m1 = _ent(aid, t, "Mira Olsen", "PERSON", "Mira Olsen")
    s = _sp(t, "Mira Olsen of the coastguard said the engine room was the source of the fire.")
    q1 = Attribution(
        id=_aid(aid, "attribution", s), article_id=aid, kind="indirect", span=s,
        content=_sp(t, "the engine room was the source of the fire"),
        cue=_within(t, "said the engine", "said"),
        speaker=_sp(t, "Mira Olsen of the coastguard"), speaker_text="Mira Olsen",
        speaker_resolved="Mira Olsen", speaker_entity=olsen.id,
    )
    s2 = _sp(t, "A survivor, who asked not to be named, said alarms never sounded.")
    q2 = Attribution(
        id=_aid(aid, "attribution", s2), article_id=aid, kind="indirect", span=s2,
        content=_sp(t, "alarms never sounded"), cue=_within(t, "said alarms", "said"),
        speaker=_sp(t, "A survivor"), speaker_text="A survivor",
        speaker_resolved="a survivor who asked not to be named", anonymous=True,
    )
    s3 = _sp(t, "\"The crew did all they could,\" Olsen said.")
    q3 = Attribution(
        id=_aid(aid, "attribution", s3), article_id=aid, kind="direct", span=s3,
        content=_sp(t, "\"The crew did all they could,\""), cue=_within(t, "Olsen said.", "said"),
        speaker=_within(t, "Olsen said.", "Olsen"), speaker_text="Olsen",
        speaker_resolved="Mira Olsen", speaker_entity=olsen.id,
    )
    n1 = _within(t, "killed 12 people", "12 people")
    qty = Quantity(id=_aid(aid, "quantity", n1), article_id=aid, span=n1, text=n1.of(t),
                   slot="killed", value=12, low=12, high=12)
    w1, w2 = _sp(t, "on Tuesday"), _sp(t, "on Wednesday")
    h1 = _sp(t, "Rescuers searched on Tuesday for survivors of the Aurelia fire")
    h2 = _sp(t, "Divers will resume the search on Wednesday")
    times = tuple(
        TimeMention(id=_aid(aid, "time", w), article_id=aid, span=w, text=w.of(t), value=v,
                    granularity="day", anchor="published", event_text=e, happening=h)
        for w, v, e, h in ((w1, "2031-05-12", "searched", h1), (w2, "2031-05-14", "resume", h2))
    )
    return ArticleDoc(
        article=doc.article, meta=doc.meta, boilerplate=doc.boilerplate,
        sentences=doc.sentences, mentions=tuple(m1), entities=(olsen,),
        attributions=(q1, q2, q3), quantities=(qty,), times=times, layers=_LAYERS,
    )


def _ev(doc: ArticleDoc, needle: str) -> Evidence:
    return Evidence(article_id=doc.id, span=_sp(doc.text, needle))


def _claim(doc: ArticleDoc, needle: str, voice: str = "author", **kw: object) -> Claim:
    span = _sp(doc.text, needle)
    return Claim(id=content_id(doc.id, "claim", str(span.start), str(span.end)),
                 article_id=doc.id, span=span, text=needle, voice=voice,  # type: ignore[arg-type]
                 **kw)  # type: ignore[arg-type]


def sample_event(texts: dict[str, str] | None = None) -> EventDoc:
    """An :class:`EventDoc` of three invented ferry-fire reports with every layer filled.

    Args:
        texts: replacement texts for some reports, by key (``harbour``, ``gazette``, ``wire``)
            or new keys for extra reports; replaced reports carry sentences only and the
            event layers that cite them are dropped.
    """
    docs = sample_docs(texts)
    h, g, w = docs.get("harbour"), docs.get("gazette"), docs.get("wire")
    full = texts is None or not ({"harbour", "gazette", "wire"} & set(texts))
    event = EventDoc(
        id=content_id(*sorted(d.id for d in docs.values())),
        name="Ferry Aurelia fire (invented sample)",
        docs=tuple(docs.values()),
        errors=(Failure(source="broken.html", reason="no article body found"),),
        layers=frozenset({"duplicates", "merged_entities", "claims", "groups", "coverage",
                          "numbers", "disputes", "timeline", "brief"}),
    )
    if not full or h is None or g is None or w is None:
        return event
    c_engine_h = _claim(h, "Coastguard chief Mira Olsen said the fire started in the engine room.",
                        "attributed", speaker="Mira Olsen")
    c_engine_w = _claim(w, "Mira Olsen of the coastguard said the engine room was the source of "
                           "the fire.", "attributed", speaker="Mira Olsen")
    c_deck_g = _claim(g, "Bluewake Lines said the fire started on the car deck, where a "
                         "passenger's van caught fire.", "attributed", speaker="Bluewake Lines")
    c_insp_h = _claim(h, "The operator, Bluewake Lines, reportedly skipped a safety inspection "
                         "in March.", hedged=True)
    c_insp_g = _claim(g, "\"Our inspection records are in order,\" said Jon Berg, a spokesman "
                         "for Bluewake Lines.", "attributed", speaker="Jon Berg")
    c_alarm_w = _claim(w, "A survivor, who asked not to be named, said alarms never sounded.",
                       "attributed", speaker="a survivor")
    groups = (
        ClaimGroup(id=content_id("group", c_engine_h.id, c_engine_w.id),
                   label="The fire started in the engine room",
                   label_claim=c_engine_h.id, claim_ids=(c_engine_h.id, c_engine_w.id),
                   outlets=("The Harbour Times", "Nordwire"), independent_outlets=2),
        ClaimGroup(id=content_id("group", c_deck_g.id), label="The fire started on the car deck",
                   label_claim=c_deck_g.id, claim_ids=(c_deck_g.id,),
                   outlets=("Tamsel Gazette",), independent_outlets=1),
        ClaimGroup(id=content_id("group", c_insp_h.id, c_insp_g.id),
                   label="Bluewake Lines skipped a safety inspection",
                   label_claim=c_insp_h.id, claim_ids=(c_insp_h.id, c_insp_g.id),
                   outlets=("The Harbour Times", "Tamsel Gazette"), independent_outlets=2),
        ClaimGroup(id=content_id("group", c_alarm_w.id), label="Alarms never sounded",
                   label_claim=c_alarm_w.id, claim_ids=(c_alarm_w.id,), outlets=("Nordwire",),
                   independent_outlets=1),
    )
    outlets = ("The Harbour Times", "Tamsel Gazette", "Nordwire")
    states = {
        groups[0].id: ("attributed", "contradicts", "attributed"),
        groups[1].id: ("contradicts", "attributed", "contradicts"),
        groups[2].id: ("carries", "contradicts", "omits"),
        groups[3].id: ("omits", "omits", "attributed"),
    }
    coverage = tuple(
        Coverage(outlet=o, group_id=gid, state=st)  # type: ignore[arg-type]
        for gid, sts in states.items()
        for o, st in zip(outlets, sts, strict=True)
    )

    def nv(doc: ArticleDoc, needle: str, value: float, low: float | None, high: float | None,
           qualifier: str | None = None, by: str | None = None) -> NumberValue:
        return NumberValue(article_id=doc.id, outlet=doc.meta.outlet.value if doc.meta.outlet
                           else "", span=_sp(doc.text, needle), value=value, low=low, high=high,
                           qualifier=qualifier, published=doc.article.published, attributed_to=by)

    numbers = (
        NumberSlot(slot="killed", verdict="conflict",
                   explanation="9 confirmed dead (Tamsel Gazette) is below 'at least 12'.",
                   values=(nv(h, "At least 12", 12, 12, None, "at least", "the coastguard"),
                           nv(g, "Nine people", 9, 9, 9),
                           nv(g, "rise to 15", 15, None, 15, "could rise to", "Officials"),
                           nv(w, "12 people", 12, 12, 12))),
    )
    disputes = (
        Dispute(
            id=content_id("dispute", "origin"), question="Where did the fire start?",
            kind="slot", score=0.92,
            sides=(
                Side(position="In the engine room", holders=("Mira Olsen",),
                     outlets=("The Harbour Times", "Nordwire"),
                     evidence=(_ev(h, c_engine_h.text), _ev(w, c_engine_w.text))),
                Side(position="On the car deck, in a passenger's van",
                     holders=("Bluewake Lines",), outlets=("Tamsel Gazette",),
                     evidence=(_ev(g, c_deck_g.text),)),
            ),
            outlet_stances=(("The Harbour Times", "reports"), ("Tamsel Gazette", "reports"),
                            ("Nordwire", "reports")),
        ),
        Dispute(
            id=content_id("dispute", "inspection"),
            question="Did Bluewake Lines skip a safety inspection?", kind="polarity", score=0.7,
            sides=(
                Side(position="Yes, it skipped the March inspection", holders=(),
                     outlets=("The Harbour Times",), evidence=(_ev(h, c_insp_h.text),)),
                Side(position="No, its records are in order", holders=("Jon Berg",),
                     outlets=("Tamsel Gazette",), evidence=(_ev(g, c_insp_g.text),)),
            ),
            outlet_stances=(("The Harbour Times", "asserts"), ("Tamsel Gazette", "reports"),
                            ("Nordwire", "silent")),
        ),
    )
    entities = (
        Entity(id=content_id("entity", "Mira Olsen"), name="Mira Olsen", label="PERSON",
               aliases=("Mira Olsen", "Olsen"), roles=("Coastguard chief",),
               mentions=(_ev(h, "Mira Olsen"), _ev(w, "Mira Olsen")),
               merge_reasons=("same full name",)),
        Entity(id=content_id("entity", "Bluewake Lines"), name="Bluewake Lines", label="ORG",
               aliases=("Bluewake Lines", "The operator"),
               mentions=(_ev(h, "Bluewake Lines"), _ev(g, "Bluewake Lines"))),
        Entity(id=content_id("entity", "Jon Berg"), name="Jon Berg", label="PERSON",
               aliases=("Jon Berg",), roles=("spokesman for Bluewake Lines",),
               mentions=(_ev(g, "Jon Berg"),)),
    )
    timeline = (
        TimelineEntry(date="2031-05-11", text="The ferry Aurelia catches fire off Port Tamsel",
                      article_ids=(h.id, g.id),
                      evidence=(_ev(h, "caught fire off Port Tamsel on Monday night"),
                                _ev(g, "a blaze on the ferry Aurelia near Port Tamsel on "
                                       "Monday"))),
        TimelineEntry(date="2031-05-12", text="Rescuers search for survivors",
                      article_ids=(w.id,), evidence=(_ev(w, "Rescuers searched on Tuesday for "
                                                            "survivors"),)),
        TimelineEntry(date="2031-05-14", text="Divers to resume the search",
                      article_ids=(w.id,),
                      evidence=(_ev(w, "Divers will resume the search on Wednesday."),)),
    )
    brief = (
        BriefLine(section="consensus",
                  text="The ferry Aurelia caught fire near Port Tamsel on Monday night.",
                  citations=timeline[0].evidence),
        BriefLine(section="dispute",
                  text="The coastguard says the fire began in the engine room; the operator "
                       "says it began on the car deck.",
                  citations=(_ev(h, c_engine_h.text), _ev(g, c_deck_g.text))),
        BriefLine(section="dispute", text="Death toll: 9 confirmed (Tamsel Gazette) against at "
                  "least 12 (The Harbour Times, Nordwire).",
                  citations=(_ev(g, "Nine people were confirmed dead"),
                             _ev(h, "At least 12 people died"))),
        BriefLine(section="timeline", text="Divers resume the search on Wednesday.",
                  citations=timeline[2].evidence),
    )
    from dataclasses import replace

    event = replace(
        event, entities=entities,
        claims=(c_engine_h, c_engine_w, c_deck_g, c_insp_h, c_insp_g, c_alarm_w),
        groups=_with_sources(groups), coverage=coverage, numbers=numbers, disputes=disputes,
        timeline=timeline, brief=brief, quote_discrepancies=(_crew_quote(h, w),),
        date_conflicts=(_search_dates(g, w),),
        layers=event.layers | {"sourcing", "quote_integrity"},
    )
    from rashomon.extract.event.sourcing import annotate_groups, sourcing_profiles

    event = annotate_groups(event)
    return _with_stances_and_framing(replace(event, sourcing=tuple(sourcing_profiles(event))))


def _with_stances_and_framing(event: EventDoc) -> EventDoc:
    """The sides' stances and the framing uses, as the disputes and framing stages add them."""
    from dataclasses import replace

    from rashomon.extract.event.framing import framing
    from rashomon.stages.disputes import with_side_stances

    return replace(event, disputes=tuple(with_side_stances(event, d) for d in event.disputes),
                   framing=tuple(framing(event)), layers=event.layers | {"framing"})


def _with_sources(groups: tuple[ClaimGroup, ...]) -> tuple[ClaimGroup, ...]:
    """The sample's groups before the sourcing stage: it fills their sources."""
    return groups


def _crew_quote(h: ArticleDoc, w: ArticleDoc) -> QuoteDiscrepancy:
    """The coastguard chief's words as The Harbour Times and Nordwire print them."""
    def version(doc: ArticleDoc, words: str) -> QuoteVersion:
        att = next(a for a in doc.attributions if words in a.content.of(doc.text))
        return QuoteVersion(article_id=doc.id, outlet=doc.outlet_label, span=_sp(doc.text, words),
                            text=words, speaker="Mira Olsen", speaker_span=att.speaker,
                            quoted=True, attribution_id=att.id)

    a = version(h, "The crew did everything they could")
    b = version(w, "The crew did all they could")
    return QuoteDiscrepancy(id=content_id("quote", a.attribution_id, b.attribution_id),
                            flags=("words-changed",), similarity=0.857,
                            detail="The Harbour Times / Nordwire: everything -> all",
                            versions=(a, b))


def _search_dates(g: ArticleDoc, w: ArticleDoc) -> DateConflict:
    """The search for survivors: Tuesday in Nordwire, Wednesday in the Tamsel Gazette."""
    return DateConflict(
        id=content_id("date-conflict", "search"),
        text="Rescuers searched on Tuesday for survivors of the Aurelia fire",
        versions=(
            DatedVersion(date="2031-05-12", outlets=("Nordwire",), evidence=(
                _ev(w, "Rescuers searched on Tuesday for survivors of the Aurelia fire"),)),
            DatedVersion(date="2031-05-14", outlets=("Tamsel Gazette",), evidence=(
                _ev(g, "Rescuers searched for survivors on Wednesday"),)),
        ),
    )


HOSTILE_TEXT = (
    "Breaking: <script>alert(1)</script> officials deny everything.\n"
    "A witness wrote <img src=x onerror=alert(1)> on a wall and shouted javascript:alert(1) "
    "twice.\n"
    "Another line closes the data: </script><script>alert(2)</script><!-- and "
    "\"><svg onload=alert(3)> follows & more \u2028 after.\n"
    "Emoji before the claim \U0001f525\U0001f525: the ferry was not insured.\n"
    "The <b>regime</b> hid it; a sailor called it \"a massacre <script>alert(4)</script>\"."
)
HOSTILE_CLAIM = "the ferry was not insured."


def hostile_event() -> EventDoc:
    """The sample event plus one report whose text, outlet, title and URL carry script payloads.

    A dispute side, a brief line and a timeline entry cite the hostile report, so every place
    that shows article-derived text is exercised by the security tests.
    """
    base = sample_event()
    text = HOSTILE_TEXT
    aid = Article.make_id(text)
    payload = "<script>alert(5)</script><img src=x onerror=alert(6)>"
    article = Article(id=aid, source="javascript:alert(7)", text=text,
                      url="javascript:alert(8)", outlet=f"Evil {payload}",
                      title=f"Title {payload}", published="2031-05-14")
    claim_span = _sp(text, HOSTILE_CLAIM)
    doc = ArticleDoc(
        article=article,
        meta=ArticleMeta(outlet=MetaField(value=f"Evil {payload}", origin="declared"),
                         relays=(Relay(outlet=f"Relay {payload}", span=_sp(text, "A witness")),)),
        sentences=_sentences(aid, text, Span(0, len(text))),
        attributions=(Attribution(
            id=_aid(aid, "attribution", _sp(text, "A witness wrote")), article_id=aid,
            kind="indirect", span=_sp(text, "A witness wrote <img src=x onerror=alert(1)>"),
            content=_sp(text, "<img src=x onerror=alert(1)>"), cue=_sp(text, "wrote"),
            speaker=_sp(text, "A witness"), speaker_text=f"Speaker {payload}",
        ),),
        layers=frozenset({"sentences", "attributions"}),
    )
    ev = Evidence(article_id=aid, span=claim_span)
    script_ev = Evidence(article_id=aid, span=_sp(text, "<script>alert(1)</script>"))
    from dataclasses import replace

    dispute = Dispute(
        id=content_id("dispute", "insured"), question=f"Was it insured? {payload}",
        kind="polarity", score=0.5,
        sides=(Side(position=f"No {payload}", holders=(f"Holder {payload}",),
                    outlets=(f"Evil {payload}",), evidence=(ev, script_ev)),
               Side(position="Yes", holders=(), outlets=("Tamsel Gazette",),
                    evidence=base.disputes[0].sides[1].evidence)),
    )
    return _with_stances_and_framing(replace(
        base,
        name="Ferry Aurelia fire, with a hostile report (invented)",
        id=content_id(*sorted([*(d.id for d in base.docs), aid])),
        docs=(*base.docs, doc),
        disputes=(dispute, *base.disputes),
        brief=(*base.brief, BriefLine(section="dispute", text=f"Brief {payload}",
                                      citations=(ev,))),
        timeline=(*base.timeline, TimelineEntry(date="2031-05-14", text=f"Event {payload}",
                                                article_ids=(aid,), evidence=(script_ev,))),
        errors=(*base.errors,
                Failure(source=f"bad {payload}", reason=f"reason {payload}", stage="ingest"),
                Failure(source="=HYPERLINK(\"http://example.invalid\")",
                        reason="-2+3+cmd|' /C calc'!A0", stage="@SUM(1)")),
    ))


RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: everything after it on its line is drawn reversed


def bidi_event() -> EventDoc:
    """The sample event with a right-to-left override in an outlet name, a holder and an
    article's outlet: unless each name is isolated, it reorders the names after it."""
    from dataclasses import replace

    base = sample_event()
    evil = f"Pell {RLO}Morning Post"
    first = base.disputes[0]
    side = replace(first.sides[0], outlets=(evil, "Nordwire"),
                   holders=(f"Ana {RLO}Lind", "Mira Olsen"))
    docs = list(base.docs)
    docs[0] = replace(docs[0], article=replace(docs[0].article, outlet=evil))
    return replace(
        base,
        name="Ferry Aurelia fire, with a bidi override (invented)",
        id=content_id("bidi", *sorted(d.id for d in docs)),
        docs=tuple(docs),
        disputes=(replace(first, sides=(side, *first.sides[1:])), *base.disputes[1:]),
    )
