"""Quotes: quotation-mark pairing, tricky quote layouts with the real model, a never-crash property, the example."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.eval import polnear
from newsgraph.model import Analysis, Article, Quote
from newsgraph.nlp import actors
from newsgraph.nlp.quotes import SPEECH_ACTS, cue_lexicon, extract_quotes, quoted_spans


def _quotes(nlp, text: str) -> list[Quote]:
    """Entities then quotes, the two layers this step reads and writes."""
    doc = nlp(text)
    analysis = Analysis(article=Article(text=text))
    analysis.entities = actors.extract_entities(doc, analysis)
    return extract_quotes(doc, analysis)


# ------------------------------------------------------------------------------------------ marks, no model

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She said “yes” twice.", ["“yes”"]),
        ("„Wir bleiben“, sagte sie.", ["„Wir bleiben“"]),
        ("«We stay,» he said.", ["«We stay,»"]),
        ("He said 'the bridge is safe' today.", ["'the bridge is safe'"]),
        ("The mayor’s office won’t say; the workers’ union will.", []),
        ("Putin’s visit in the ’90s was short.", []),
        ("''We are ready,'' Mr. Brandt said.", ["''We are ready,''"]),
        ("He said: “This is it. “", ["“This is it. “"]),  # a wrong-way closing mark
        ("He said: “We will win.\n\nThe council met.", ["“We will win."]),  # unclosed: ends at the paragraph
        ("“First part.\n\n“Second part,” she said.", ["“First part.\n\n“Second part,”"]),  # continued paragraph
        # only the paragraph right after an unclosed quote continues it
        ("“First part.\n\nNo marks here.\n\n“Second part,” she said.", ["“First part.", "“Second part,”"]),
        ("”Wrong-way opening,” she said.", ["”Wrong-way opening,”"]),
        ("He said ‘it is “fine” now’ and left.", ["‘it is “fine” now’"]),
        ("Size 5'10\" and 12\" pipes.", []),
    ],
)
def test_quoted_spans(text: str, expected: list[str]) -> None:
    assert [text[q.start:q.end] for q in quoted_spans(text)] == expected


def test_cue_lexicon_is_well_formed() -> None:
    lexicon = cue_lexicon()
    assert len(lexicon) >= 300
    assert {cue.act for cue in lexicon.values()} == SPEECH_ACTS
    assert lexicon[("deny", "VERB")].act == "denial"
    assert lexicon[("according to", "ADP")].act == "statement"


# ------------------------------------------------------------------------------------------ layouts, real model

# (text, [(kind, quoted text, speaker words or None)]) — invented sentences.
LAYOUTS = [
    ("“We will rebuild the bridge by spring,” said Ilona Brandt.",
     [("direct", "“We will rebuild the bridge by spring,”", "Ilona Brandt")]),
    ("Ilona Brandt said: “The bridge is safe.”", [("direct", "“The bridge is safe.”", "Ilona Brandt")]),
    ("“The talks have failed,” the ministry said.", [("direct", "“The talks have failed,”", "the ministry")]),
    ("“We are ready,” she said, “but the money is late.”",
     [("direct", "“We are ready,”", "she"), ("direct", "“but the money is late.”", "she")]),
    ("„We stay here,“ said Tomas Keller, a spokesman for the union.",
     [("direct", "„We stay here,“", "Tomas Keller")]),
    ("«The river is rising fast,» says Keller.", [("direct", "«The river is rising fast,»", "Keller")]),
    ("''We are ready for the vote,'' Mr. Keller said.",
     [("direct", "''We are ready for the vote,''", "Mr. Keller")]),
    ("Keller spoke to reporters on Monday.\n\nAt the end of the day he said: “This is absolute nonsense. We stay. “",
     [("direct", "“This is absolute nonsense. We stay. “", "he")]),
    ("According to the ministry, the bridge will reopen in May.",
     [("indirect", "the bridge will reopen in May", "the ministry")]),
    ("Ilona Brandt denied that the council had lost the funds.",
     [("indirect", "that the council had lost the funds", "Ilona Brandt")]),
    ("The mayor spent the whole day at the depot, her spokesman Tomas Keller said.",
     [("indirect", "The mayor spent the whole day at the depot", "her spokesman Tomas Keller")]),
    ("Brandt said the plan was “a disaster for the city” on Monday.",
     [("mixed", "the plan was “a disaster for the city” on Monday", "Brandt")]),
    ("The so-called “peace plan” was rejected on Monday.", []),
    # reported speech without quotation marks: the content around a parenthetical or trailing cue
    ("The bridge, the mayor said, will reopen in May.",
     [("indirect", "The bridge", "the mayor"), ("indirect", "will reopen in May", "the mayor")]),
    ("The plan is unclear on costs, experts say.", [("indirect", "The plan is unclear on costs", "experts")]),
    ("The bridge was old, Brandt said, and repairs would take a year.",
     [("indirect", "The bridge was old", "Brandt"), ("indirect", "and repairs would take a year", "Brandt")]),
    ("As Brandt pointed out, the bridge is older than the town.",
     [("indirect", "the bridge is older than the town", "Brandt")]),
    # naming verbs: the object and what it is called
    ("Brandt called the plan a disaster for the city.", [("indirect", "the plan a disaster for the city", "Brandt")]),
    ("Brandt likened the plan to a house of cards.", [("indirect", "the plan to a house of cards", "Brandt")]),
    # a nested attribution is its own quote, cut from the content before it
    ("Brandt said the bridge was safe, arguing that the cracks were old.",
     [("indirect", "the bridge was safe", "Brandt"), ("indirect", "that the cracks were old", "Brandt")]),
    ("Brandt said the bridge would close and warned that repairs would take a year.",
     [("indirect", "the bridge would close", "Brandt"), ("indirect", "that repairs would take a year", "Brandt")]),
    # a passive reporting verb with its agent; a label and a colon heading a paragraph
    ("The plan was first reported by the Tribune.", [("indirect", "The plan", "the Tribune")]),
    ("Keller: Bridge will reopen in May\n\nThe council met on Monday.",
     [("indirect", "Bridge will reopen in May", "Keller")]),
    ("Update: The bridge will reopen in May", []),
    # a lemma the tagger clipped ("hoped" -> "hop")
    ("Brandt hoped the bridge would reopen in spring.", [("indirect", "the bridge would reopen in spring", "Brandt")]),
    # speech and thought verbs in senses that report nothing
    ("Having said that, the bridge is old.", []),
    ("The bridge was supposed to reopen in May.", []),
    ("The council continued to meet in the old hall.", []),
    ("Police found the car in a ditch.", []),
    ("The win means she will pick up most of the delegates.", []),
    # a dateline is not part of the content; "according to X" inside the sentence splits it
    ("WASHINGTON (AP) — The bridge will reopen in May, according to the ministry.",
     [("indirect", "The bridge will reopen in May", "the ministry")]),
    ("The mayor was pleased: according to a new poll, most residents back the plan.",
     [("indirect", "most residents back the plan", "a new poll")]),
    ("The bridge was closed after, according to the ministry, engineers found cracks.",
     [("indirect", "The bridge was closed after", "the ministry"),
      ("indirect", "engineers found cracks", "the ministry")]),
    # naming with a quoted complement: the quoted words are the quote
    ("Brandt won the vote, declaring it “a victory for the town”.",
     [("direct", "“a victory for the town”", "Brandt")]),
    # a quoted programme title is no quote, even with a comma and a cue after it
    ("On CNN’s “State of the Union,” the governor said the bridge was safe.",
     [("indirect", "the bridge was safe", "the governor")]),
    # a quoted title in title case, with no verb, is no quote wherever it stands
    ("Her first book, “Bridges of the North,” sold well.", []),
    # reporting nouns: the topic after about/on/over, the owner or the source after from/by as speaker
    ("Reporters raised questions about the budget.", [("indirect", "the budget", "Reporters")]),
    # a cue between commas with a phrase of its own; a that-less clause the parser reads as a gerund
    ("If the talks fail, Brandt suggested in an interview, the strike will go on.",
     [("indirect", "If the talks fail", "Brandt"), ("indirect", "the strike will go on", "Brandt")]),
    ("Democratic economists, like their colleagues, say taxing fuel encourages savings and growth.",
     [("indirect", "taxing fuel encourages savings and growth", "Democratic economists")]),
    # a clipped -es form ("hopes" -> "hop"); responding to something; referring to something
    ("Brandt hopes the bridge will reopen in spring.",
     [("indirect", "the bridge will reopen in spring", "Brandt")]),
    ("The ministry did not respond to a request for comment.",
     [("indirect", "a request for comment", "The ministry")]),
    ("“It is a disgrace,” Brandt said, referring to the closure.",
     [("direct", "“It is a disgrace,”", "Brandt"), ("indirect", "the closure", "Brandt")]),
    # a passive naming verb: who is seen, and as what; no one named who sees it
    ("The bridge is seen as a symbol of the town.",
     [("indirect", "The bridge", None), ("indirect", "as a symbol of the town", None)]),
    # appearance: the subject and what it seems to do
    ("The mayor seemed to favour the plan.",
     [("indirect", "The mayor", "The mayor"), ("indirect", "to favour the plan", "The mayor")]),
    # speakers outside the cue's own clause: the noun a participle modifies, the subject of the verb a
    # prepositional gerund or an adjective's infinitive hangs from
    ("A new poll showing that the mayor is popular was released on Monday.",
     [("indirect", "that the mayor is popular", "A new poll")]),
    ("Officials were quick to point out that the bridge is safe.",
     [("indirect", "that the bridge is safe", "Officials")]),
    ("Before insisting that the bridge was safe, Brandt inspected it.",
     [("indirect", "that the bridge was safe", "Brandt")]),
    # an in-phrase with a reporting noun frames the clause around it
    ("In her view, the bridge is safe.", [("indirect", "the bridge is safe", "her")]),
    ("In a new poll, the mayor leads by ten points.", [("indirect", "the mayor leads by ten points", "a new poll")]),
    ("In an interview, Brandt spent most of the hour on the budget.",
     [("indirect", "Brandt spent most of the hour on the budget", "Brandt")]),
    ("The ministry pushed back against claims by engineers that the bridge was unsafe.",
     [("indirect", "that the bridge was unsafe", "engineers")]),
    # object relatives: the relative pronoun, or the noun of a bare relative, is what was said
    ("The new rules, which the mayor has criticized, take effect today.", [("indirect", "which", "the mayor")]),
    ("It is a deal she once supported.", [("indirect", "a deal", "she")]),
    # stances: an adjective or a noun for the one who holds it, with what the preposition names
    ("Brandt is critical of the new budget.", [("indirect", "the new budget", "Brandt")]),
    ("Mr. Keller has been a fierce critic of the plan.", [("indirect", "the plan", "Mr. Keller")]),
    ("Brandt joked about the weather.", [("indirect", "the weather", "Brandt")]),
    # a trailing non-restrictive relative clause is the writer's aside, not the speaker's words
    ("The mayor said she supports the final bill, which includes money for the bridge.",
     [("indirect", "she supports the final bill", "The mayor")]),
    # a participle after the speaker does not take the cue from the quote before it
    ("''We are more careful now,'' said Tomas Keller, half joking.",
     [("direct", "''We are more careful now,''", "Tomas Keller")]),
    # a question, its frame, then a new sentence that continues the quote
    ("''Can we win the vote?'' Keller asked. ''I do not know.''",
     [("direct", "''Can we win the vote?''", "Keller"), ("direct", "''I do not know.''", "Keller")]),
    # a relative pronoun as speaker, with no entity for it: the words run from the noun it stands for
    ("The union, which said the bridge was unsafe, called a strike.",
     [("indirect", "the bridge was unsafe", "The union, which")]),
    # "said in a statement" between the halves of an interrupted quote: one cue, the verb
    ("“We are ready,” she said in a statement, “but the money is late.”",
     [("direct", "“We are ready,”", "she"), ("direct", "“but the money is late.”", "she")]),
]


@pytest.mark.parametrize(("text", "expected"), LAYOUTS)
def test_quote_layouts(nlp, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    got = [(q.kind, q.text, q.speaker_text) for q in _quotes(nlp, text)]
    assert got == expected


def test_interrupted_quote_shares_one_cue(nlp) -> None:
    first, second = _quotes(nlp, "“We are ready,” she said, “but the money is late.”")
    assert first.cue_span == second.cue_span and first.cue == "say"


def test_statement_noun_between_halves_gives_the_verb_as_cue(nlp) -> None:
    first, second = _quotes(nlp, "“We are ready,” she said in a statement, “but the money is late.”")
    assert first.cue_span == second.cue_span and first.cue == "say"


def test_speaker_is_the_entity_of_a_pronoun(nlp) -> None:
    text = "Ilona Brandt left the hall early.\n\nLater she said: “The vote was rigged.”"
    doc = nlp(text)
    analysis = Analysis(article=Article(text=text))
    analysis.entities = actors.extract_entities(doc, analysis)
    (quote,) = [q for q in extract_quotes(doc, analysis) if q.kind == "direct"]
    entity = analysis.entity(quote.speaker)
    assert quote.speaker_text == "she" and entity is not None and "Brandt" in entity.name


def test_denial_cue_carries_its_speech_act(nlp) -> None:
    (quote,) = _quotes(nlp, "The ministry denied rumours that the army was moving north.")
    assert (quote.cue, quote.speech_act) == ("deny", "denial")
    assert "ministry" not in quote.text and "denied" not in quote.text


def test_apostrophes_make_no_quotes(nlp) -> None:
    quotes = _quotes(nlp, "Putin’s visit won’t change the army’s plans, the generals’ staff wrote.")
    assert all(q.kind != "direct" for q in quotes)


# ------------------------------------------------------------------------------------------ never crash

_PIECES = st.sampled_from(['"', "“", "”", "„", "«", "»", "‚", "‘", "’", "'", "''", " ", " ", "\n", "\n\n", ",", ".",
                           ":", " said Brandt", " he said", "We won", "the ministry", "that", "Putin’s", "—"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_random_marks_never_crash(nlp, text: str) -> None:
    for q in quoted_spans(text):
        assert 0 <= q.start < q.end <= len(text)
    for quote in _quotes(nlp, text):
        start, end = quote.span
        assert 0 <= start < end <= len(text) and text[start:end] == quote.text
        for span in (quote.speaker_span, quote.cue_span):
            assert span is None or 0 <= span[0] < span[1] <= len(text)
        if quote.speaker_span:
            assert text[slice(*quote.speaker_span)] == quote.speaker_text


# ------------------------------------------------------------------------------------------ the example article

def _read_example(path: Path) -> Article:
    try:
        from newsgraph.readers import read_path

        return read_path(path)[0]
    except ImportError:
        lines = path.read_text(encoding="utf-8").splitlines()
        body = [line for line in lines[1:] if not line.startswith(("Status:", "By "))]
        return Article(text="\n".join(body), title=lines[0])


def test_example_article(nlp, example_path: Path) -> None:
    from newsgraph.nlp.pipeline import analyze_doc

    article = _read_example(example_path)
    analysis = analyze_doc(nlp(article.text), article)

    def speaker(q: Quote) -> str:
        entity = analysis.entity(q.speaker)
        return entity.name if entity else (q.speaker_text or "")

    direct = [(q.text, speaker(q)) for q in analysis.quotes if q.kind == "direct"]
    assert len(direct) == 3
    for (text, who), start, name in zip(direct, ["“In our opinion", "“This is absolute", "“It is possible"],
                                        ["Nayev", "Lukashenko", "Hromov"], strict=True):
        assert text.startswith(start) and name in who
    assert "That’s not Belarus’ role in this conflict." in direct[1][0]  # across "he said:" and the unclosed mark
    assert "Belarus: Death penalty" not in direct[1][0]  # recovered at the paragraph end
    indirect = [speaker(q) for q in analysis.quotes if q.kind != "direct"]
    assert sum("Peskov" in s for s in indirect) >= 2
    for name in ("Reznikov", "Salushnyy", "Nayev"):
        assert any(name in s for s in indirect), name
    peskov = next(q for q in analysis.quotes if q.cue == "deny" and "Peskov" in speaker(q))
    assert peskov.text.startswith("rumors that Belarus") and peskov.speech_act == "denial"


# ------------------------------------------------------------------------------------------ the scorer

def test_polnear_scoring_rules(tmp_path: Path) -> None:
    text = "“We won,” she said. Later he claimed that the vote was rigged."
    ann = tmp_path / "a_x.ann"
    ann.write_text(
        "T1\tContent 0 9\t“We won,”\nT2\tSource 10 13\tshe\nT3\tCue 14 18\tsaid\nT4\tAttribution 14 18\tsaid\n"
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
        "T5\tContent 39 62\tthat the vote was rigged\nT6\tSource 26 28\the\nT7\tCue 29 36\tclaimed\n"
        "T8\tAttribution 29 36\tclaimed\nE2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n", encoding="utf-8")
    golds = polnear.read_ann(ann, text)
    assert [g.direct for g in golds] == [True, False]
    preds = [polnear.PredQuote([(0, 9)], [(10, 13)], True), polnear.PredQuote([(44, 62)], [(0, 3)], False),
             polnear.PredQuote([(20, 25)], [], False)]
    tally = polnear._Tally()
    polnear.score(preds, golds, tally)
    assert (tally.tp, tally.fp, tally.fn, tally.with_source, tally.speaker_ok) == (2, 1, 0, 2, 1)
    direct = polnear._Tally()
    polnear.score(preds, golds, direct, direct_only=True)
    assert (direct.tp, direct.fp, direct.fn) == (1, 0, 0)


@pytest.mark.slow
def test_polnear_dev_floor(shared_data: Path) -> None:
    report = polnear.evaluate(split="dev", data_dir=shared_data, limit=20, baseline=False)
    assert report.rows["newsgraph direct"]["f1"] >= 0.9
    assert report.rows["newsgraph all"]["f1"] >= 0.7
