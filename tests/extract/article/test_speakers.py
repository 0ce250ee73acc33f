"""Speaker resolution: what a source phrase names, pronouns by salience and agreement, definite
phrases, continued quotations, unnamed sources and documents. Sentences we write ourselves, run
through the real spaCy pipeline and the attribution stage."""

from __future__ import annotations

import pytest

from builders import attributed_doc, attribution_holding
from rashomon.extract.article.attributions.gender import name_gender, word_gender
from rashomon.extract.article.attributions.phrases import describe

# --------------------------------------------------------------------------------------------
# Gender of names and words (no parse)


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Lois Lerner", "female"),
        ("James Bopp", "male"),
        ("Mrs. Clinton", "female"),
        ("Mr. Grimm", "male"),
        ("W. Douglas Parker", "male"),  # the middle name is the one used
        ("Jan Brewer", None),  # male in Europe, mostly female in the US: unknown
        ("Obama", None),  # a bare surname says nothing
    ],
)
def test_name_gender(name: str, gender: str | None) -> None:
    assert name_gender(name) == gender


@pytest.mark.parametrize(
    ("word", "gender"),
    [("spokeswoman", "female"), ("congressman", "male"), ("Ms.", "female"), ("senator", None)],
)
def test_word_gender(word: str, gender: str | None) -> None:
    assert word_gender(word) == gender


# --------------------------------------------------------------------------------------------
# What a phrase names, read off the parse


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "head", "kind", "text", "affiliation"),
    [
        ("A Romney campaign aide said it was fine.", "aide", "anonymous",
         "A Romney campaign aide", "Romney campaign"),
        ("A spokesperson for Google said no.", "spokesperson", "spokesperson",
         "A spokesperson", "Google"),
        ("A Google spokeswoman said no.", "spokeswoman", "spokesperson",
         "A Google spokeswoman", "Google"),
        ("One union official said it was late.", "official", "official",
         "One union official", "union"),
        ("Officials familiar with the talks said they stalled.", "Officials", "official",
         "Officials", None),
        ("Five Republican senators urged him to quit.", "senators", "group",
         "Five Republican senators", None),
        ("The Obama campaign said the plan would fail.", "campaign", "organisation",
         "The Obama campaign", None),
        ("The congressman said he was fine.", "congressman", "person", "The congressman", None),
        # People by party or nation, in the plural, are a group; the party itself is not.
        ("Some Republicans objected after he left.", "Republicans", "group", "Some Republicans",
         None),
        ("Many Norwegians said the toll was unfair.", "Norwegians", "group", "Many Norwegians",
         None),
        ("A release sent to media late Friday said the strike was over.", "release",
         "document", "A release", None),
    ],
)
def test_describe_kinds_and_affiliations(
    nlp, sentence: str, head: str, kind: str, text: str, affiliation: str | None  # type: ignore[no-untyped-def]
) -> None:
    tok = next(t for t in nlp(sentence) if t.text == head)
    phrase = describe(tok)
    assert (phrase.kind, phrase.text, phrase.affiliation) == (kind, text, affiliation)


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "head", "author"),
    [
        ("A statement from the Democratic committee said it.", "statement",
         "the Democratic committee"),
        ("The lawsuit from Nebraska and Oklahoma argues that it erred.", "lawsuit",
         "Nebraska and Oklahoma"),
        ("Tom Parker, the airline's chief, sent her a letter saying it was bad.", "letter",
         "Tom Parker"),
        ("The report, by White House counsel Robert Bauer, concluded that it was legal.",
         "report", "White House counsel Robert Bauer"),
        ("The council's statement said the road would close.", "statement", "The council"),
    ],
)
def test_documents_speak_for_their_authors(nlp, sentence: str, head: str, author: str) -> None:  # type: ignore[no-untyped-def]
    tok = next(t for t in nlp(sentence) if t.text == head)
    phrase = describe(tok)
    assert phrase.kind == "document"
    assert phrase.author is not None and phrase.author.text.removesuffix("'s") == author


# --------------------------------------------------------------------------------------------
# Whole articles: who said it


SPEAKERS = [
    # he/she agree in gender with their antecedent: "she" is never the man named last.
    (
        "Lois Lerner ran the exempt organisations unit. When James Bopp learned that Lerner had "
        "been promoted, he became concerned.\n\n"
        '"She was being promoted for what she had done," he said.',
        "being promoted for what",
        "James Bopp",
    ),
    (
        "Governor Maria Soto met the mayor, Tom Reyes, on Monday.\n\n"
        '"We will not raise taxes this year," she said.',
        "not raise taxes",
        "Maria Soto",
    ),
    # Organisations, places and works are no antecedents for he/she.
    (
        "Congressman Anthony Weiner broke his silence about a photo sent from his Twitter "
        "account.\n\n"
        '"This was a prank on the internet," he told MSNBC.',
        "a prank on the internet",
        "Anthony Weiner",
    ),
    (
        "Senator Jim Jordan tried to link the scandal with other controversies dogging the "
        "Obama administration.\n\n"
        '"The people do not buy it," he said.',
        "do not buy it",
        "Jim Jordan",
    ),
    # The subject of the sentence before outweighs a name in its object or embedded clause.
    (
        "Brian Walsh suggested that Reid would suffer from his allegiance to Obama.\n\n"
        '"It is regrettable that he has not shown the same independence," he said.',
        "the same independence",
        "Brian Walsh",
    ),
    # A definite role noun points back to the person it describes.
    (
        "Mr. Grimm stormed off camera after the interview with the reporter.\n\n"
        "Then the congressman added: \u201cI will break you in half.\u201d",
        "break you in half",
        "Grimm",
    ),
    # The listener of "asked" is the one who answers: "His response: ...".
    (
        "Television host Meredith Vieira asked Donald Trump about the certificate. "
        'His response: "Well, I have people that have been studying it."',
        "I have people",
        "Donald Trump",
    ),
    # A name in apposition is the speaker, not the possessor before it.
    (
        "Cornyn's Democratic counterpart, Senator Bob Menendez, offered support. "
        '"I think he has corrected the record," Menendez said.',
        "corrected the record",
        "Menendez",
    ),
    (
        "Grimm's lawyer, William McGinley, said in a statement that the prosecutors "
        '"have disclosed their intent to file charges."',
        "disclosed their intent",
        "William McGinley",
    ),
    # A name heading the phrase speaks, not the body named in its apposition.
    (
        "Reince Priebus, the chairman of the Republican National Committee, tried to deflect "
        'questions, saying that "this is the platform of the party, not of the candidate."',
        "platform of the party",
        "Reince Priebus",
    ),
    (
        "The head of the regional rescue service, Radim Kostka, said on Wednesday that 43 "
        "bodies had been recovered.",
        "43 bodies",
        "Radim Kostka",
    ),
    # "the firm" points back to the firm named before, not to a person.
    (
        "Colin Ashby of Aldmoor Engineering met the minister in May.\n\n"
        'The firm said "the seepage under the dam is accelerating."',
        "seepage under the dam",
        "Aldmoor Engineering",
    ),
    # A body's full name is its own, not a pointer back ("the ... Committee" vs "the firm").
    (
        "The Super Bowl will be held in Glendale next year.\n\n"
        'The Arizona Super Bowl Host Committee said the bill "would deal a blow to growth."',
        "deal a blow",
        "Arizona Super Bowl Host Committee",
    ),
    # A document's issuer, named with the document before, speaks through "the statement".
    (
        '"We are disappointed," said the statement from Grimm\'s attorney, William McGinley.\n\n'
        'The statement said Grimm "asserts his innocence of any wrongdoing."',
        "asserts his innocence",
        "William McGinley",
    ),
    # "X is shown saying": X speaks.
    (
        "A new advertisement uses a clip of Prime Minister Benjamin Netanyahu.\n\n"
        '"Every day that passes, Iran gets closer to nuclear arms," Mr. Netanyahu is shown '
        "saying.",
        "closer to nuclear arms",
        "Benjamin Netanyahu",
    ),
    # "As X put it, ..."
    (
        'As Senator Rand Paul put it, "Libya has been one of the hottest spots in the world."',
        "hottest spots",
        "Rand Paul",
    ),
    # A sentence-opening "But" the parser takes for a preposition keeps its subject.
    (
        "The council met on Friday. \"The docks will close,\" Pieter Dunn said.\n\n"
        "But the president's campaign, responding forcefully to the new frontrunner in the "
        "council race, said the remark is a personal affront.",
        "personal affront",
        "president's campaign",
    ),
    # "they" after a party's people: the group, not the nearest plural noun.
    (
        "The harbour levy was meant to protect dock owners from rising costs.\n\n"
        "Democrats say that argument does not hold up and call the levy a tax on fishermen. "
        "They said they warned the council that the levy would fail.",
        "warned the council",
        "Democrats",
    ),
    (
        "The chairman may recall the harbour master later, given the objections of some "
        "Republicans on Wednesday after he dismissed her. They argued that she had waived her "
        "right to stay silent when she made a statement.",
        "waived her",
        "some Republicans",
    ),
    # A relative pronoun speaks for the name it follows, and a predicate noun for the
    # copula's subject.
    (
        "Senator Tom Reyes, who said the levy was illegal, resigned on Monday.",
        "the levy was illegal",
        "Tom Reyes",
    ),
    ("The mayor hit back at critics who called the plan a waste.", "the plan a waste",
     "critics"),
    # "they" after two people named together in its sentence: the two of them.
    ("Tom Reyes and Ann Cole met the governor on Monday, and they said the levy was illegal.",
     "the levy was illegal", "Tom Reyes and Ann Cole"),
    ("Tom Reyes met the union leaders. They said the levy was illegal.",
     "the levy was illegal", "the union leaders"),
    ("Tom Reyes and Ann Cole posted on Monday, with both of them saying the levy was unfair.",
     "the levy was unfair", "Tom Reyes and Ann Cole"),
    ("The union leaders met on Monday, with all of them saying the levy was unfair.",
     "the levy was unfair", "union leaders"),

    (
        "Former presidential nominee Ann Cole was the latest prominent voice to weigh in and "
        "urge the governor to veto the bill.",
        "veto the bill",
        "Ann Cole",
    ),
    # A plural organisation noun points back to the bodies named together before it; a
    # singular one to one body.
    (
        "Regulators traced the leaked files to servers at Acme Corp, Bolt Industries and two "
        "smaller firms. The companies have denied that they kept the files.",
        "they kept the files",
        "Acme Corp and Bolt Industries",
    ),
    (
        "Acme Corp and Bolt Industries signed the deal in May. Acme Corp later fired its chief "
        "executive. The company said the decision was final.",
        "the decision was final",
        "Acme Corp",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "needle", "speaker"), SPEAKERS)
def test_who_said_it(text: str, needle: str, speaker: str) -> None:
    doc = attributed_doc(text)
    a = attribution_holding(doc, needle)
    assert a.speaker_resolved is not None and a.speaker_resolved.endswith(speaker), (
        a.speaker_text,
        a.speaker_resolved,
    )


@pytest.mark.model
def test_a_quotation_continues_the_unnamed_spokesperson_and_keeps_the_affiliation() -> None:
    text = (
        'A spokesperson for Google says the company "cares deeply" about security.\n\n'
        '"We disclose user data to government in accordance with the law," the spokesperson '
        'said. "Google does not have a back door for the government."'
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "does not have a back door")
    assert a.anonymous and a.speaker_kind == "spokesperson"
    assert a.speaker_affiliation == "Google"


@pytest.mark.model
def test_a_paragraph_that_only_continues_a_quotation_keeps_its_speaker() -> None:
    text = (
        "Mayor Jane Doe toured the flooded streets on Monday.\n\n"
        '"We will rebuild every house," she said.\n\n'
        '"Every family will have a roof before the winter comes."'
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "roof before the winter")
    assert a.speaker_resolved == "Jane Doe"
    assert a.speaker_kind == "person"


@pytest.mark.model
def test_a_quotation_before_the_paragraphs_cue_goes_to_its_speaker() -> None:
    text = (
        'Senator Ann Cole called the plan "a betrayal of our workers."\n\n'
        "Ben Hall issued a statement on Saturday. The comment was \"the latest low in a "
        'campaign of distortions." It was "a stark contrast with the president," Hall said.'
    )
    doc = attributed_doc(text)
    assert attribution_holding(doc, "the latest low").speaker_resolved == "Ben Hall"


@pytest.mark.model
def test_a_statement_continues_as_its_issuers_words() -> None:
    text = (
        "Officials with the Democratic National Committee scheduled a news conference.\n\n"
        '"Women know these are the wrong choices," a statement from the Democratic National '
        'Committee said. "The candidate should denounce this dangerous language."'
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "denounce this dangerous language")
    assert a.speaker_resolved == "Democratic National Committee"
    assert a.speaker_kind == "document"


@pytest.mark.model
def test_the_suit_points_back_to_the_lawsuit_and_its_plaintiffs() -> None:
    text = (
        "The lawsuit from Nebraska and Oklahoma argues that Colorado created a gap in the law.\n\n"
        '"Marijuana flows from this gap into neighboring states," the suit says.'
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "flows from this gap")
    assert a.speaker_resolved == "Nebraska and Oklahoma"
    assert a.speaker_kind == "document" and a.speaker_affiliation == "Nebraska and Oklahoma"


@pytest.mark.model
def test_they_points_back_to_a_group_of_people() -> None:
    text = (
        "Romney spoke after five Missouri Republican senators urged Akin to step aside.\n\n"
        '"The right decision is to step aside," they said.'
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "right decision")
    assert a.speaker_resolved == "five Missouri Republican senators"
    assert a.speaker_kind == "group"


@pytest.mark.model
def test_an_organisation_is_no_person_and_a_name_inside_it_is_not_the_speaker() -> None:
    text = 'The Obama campaign said that the budget plan "would end Medicare as we know it."'
    doc = attributed_doc(text)
    a = attribution_holding(doc, "end Medicare")
    assert a.speaker_resolved == "Obama campaign"
    assert a.speaker_kind == "organisation"


@pytest.mark.model
def test_an_unnamed_aide_keeps_the_campaign_as_affiliation_not_as_speaker() -> None:
    text = (
        "Mitt Romney spoke in Ohio on Monday.\n\n"
        'A Romney campaign aide, though, said "that is a distinction without a difference."'
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "distinction without a difference")
    assert a.anonymous and a.speaker_kind == "anonymous"
    assert a.speaker_affiliation == "Romney campaign"
    assert a.speaker_resolved is not None and "Mitt Romney" not in a.speaker_resolved


@pytest.mark.model
def test_a_gendered_description_never_points_back_to_the_other_sex() -> None:
    text = (
        "Congressman Anthony Weiner denied sending the photo to a student in Seattle.\n\n"
        'The woman told reporters that there had "never been any inappropriate exchanges."'
    )
    doc = attributed_doc(text)
    a = attribution_holding(doc, "inappropriate exchanges")
    assert a.speaker is not None and a.speaker.of(text) == "The woman"
    assert a.speaker_resolved != "Anthony Weiner"



@pytest.mark.model
def test_the_senators_are_the_group_just_named_though_it_lists_its_members() -> None:
    # Not the two senators who were the subject of a sentence before it.
    text = (
        "On Twitter, the state\u2019s two national senators, Tom Reyes and Ann Cole, had nearly "
        "identical posts. A union leader urged a veto.\n\nTheir calls were echoed by three "
        "state senators \u2014 Ben Hall, Paul Grant and Maria Soto \u2014 who had helped pass "
        "the bill. \u201cOur intent was to protect liberty,\u201d the senators said in a letter "
        "to the governor."
    )
    doc = attributed_doc(text)
    said = [a for a in doc.attributions if a.speaker_text == "the senators"]
    assert said and said[0].speaker_resolved == "three state senators"
