"""PLOVER event coding (newsgraph.nlp.events).

Most tests build the layers events read (entities, dates, places, quotes, quantities) by hand, so they need no
other helper's step: only the parse. Tests marked "full pipeline" run `analyze_doc` and so also depend on the
actors, dates, places, quantities and quotes steps.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from newsgraph.errors import EvalDataError
from newsgraph.eval import case2021, plover
from newsgraph.model import Analysis, Article, DateRef, Entity, Place, Quantity, Quote
from newsgraph.nlp.events import PLOVER_TYPES, extract_events, lexicon

PUBLISHED = datetime(2022, 12, 19, 12, 0, tzinfo=UTC)

# Actors the hand-built entity layer knows: name -> (type, country).
ACTORS = {
    "Russian troops": ("NORP", "RUS"), "Russian": ("NORP", "RUS"), "Russia": ("GPE", "RUS"),
    "Ukraine": ("GPE", "UKR"), "Ukrainian": ("NORP", "UKR"), "Bakhmut": ("GPE", "UKR"), "Kyiv": ("GPE", "UKR"),
    "Belarus": ("GPE", "BLR"), "Germany": ("GPE", "DEU"), "Iran": ("GPE", "IRN"), "Israel": ("GPE", "ISR"),
    "France": ("GPE", "FRA"), "Sweden": ("GPE", "SWE"), "Syria": ("GPE", "SYR"), "Kenyan": ("NORP", "KEN"),
    "Somali": ("NORP", "SOM"), "Turkish": ("NORP", "TUR"), "Macron": ("PERSON", "FRA"), "Erdogan": ("PERSON", "TUR"),
    "Putin": ("PERSON", "RUS"), "Lukashenko": ("PERSON", "BLR"), "Navalny": ("PERSON", "RUS"),
    "Scholz": ("PERSON", "DEU"), "Peskov": ("PERSON", "RUS"), "Hamas": ("ORG", "PSE"), "NATO": ("ORG", "IGO"),
    "United Nations": ("ORG", "UNO"), "Minsk": ("GPE", "BLR"), "Nairobi": ("GPE", "KEN"),
}


def _analysis(text: str, places: tuple[str, ...] = (), **layers) -> Analysis:
    """An Analysis whose entity layer holds every ACTORS name found in `text` (longest names first)."""
    entities: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(ACTORS, key=len, reverse=True):
        spans = [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
        spans = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in taken)]
        if spans:
            etype, country = ACTORS[name]
            entities.append(Entity(id=f"e{len(entities) + 1}", name=name, type=etype, country=country, mentions=spans))
            taken += spans
    place_layer = [Place(id=f"p{i}", name=n, country=ACTORS[n][1], feature="city",
                         mentions=[(m.start(), m.end()) for m in re.finditer(re.escape(n), text)])
                   for i, n in enumerate(places, 1)]
    return Analysis(article=Article(text=text, published=PUBLISHED), entities=entities, places=place_layer, **layers)


def _events(nlp, text: str, **kw):
    analysis = _analysis(text, **kw)
    return analysis, extract_events(nlp(text), analysis)


def _names(analysis: Analysis, ids: list[str]) -> str:
    return " ".join(analysis.entity(i).name for i in ids)


# (text, type, mode, source, target, modality): source/target are substrings of the actors' names, None = any.
# The first twenty rows are ten active/passive pairs.
TABLE = [
    ("Russian troops attacked the town of Bakhmut on Monday.", "ASSAULT", None, "Russian", "Bakhmut", "asserted"),
    ("The town of Bakhmut was attacked by Russian troops on Monday.",
     "ASSAULT", None, "Russian", "Bakhmut", "asserted"),
    ("Police arrested the opposition leader Navalny.", "COERCE", "arrest", None, "Navalny", "asserted"),
    ("Navalny was arrested by the police.", "COERCE", "arrest", None, "Navalny", "asserted"),
    ("Germany sanctioned Iran over its nuclear programme.", "SANCTION", "discontinue", "Germany", "Iran", "asserted"),
    ("Iran was sanctioned by Germany over its nuclear programme.",
     "SANCTION", "discontinue", "Germany", "Iran", "asserted"),
    ("Macron criticized Erdogan for his remarks.", "ACCUSE", "disapprove", "Macron", "Erdogan", "asserted"),
    ("Erdogan was criticized by Macron for his remarks.", "ACCUSE", "disapprove", "Macron", "Erdogan", "asserted"),
    ("Putin visited Lukashenko in Minsk.", "CONSULT", "visit", "Putin", "Lukashenko", "asserted"),
    ("Lukashenko was visited by Putin in Minsk.", "CONSULT", "visit", "Putin", "Lukashenko", "asserted"),
    ("Lukashenko received Putin in Minsk.", "CONSULT", "visit", "Putin", "Lukashenko", "asserted"),
    ("Putin was received by Lukashenko in Minsk.", "CONSULT", "visit", "Putin", "Lukashenko", "asserted"),
    ("Chancellor Scholz condemned Russia for the missile strikes.",
     "ACCUSE", "disapprove", "Scholz", "Russia", "asserted"),
    ("Russia was condemned by Chancellor Scholz for the missile strikes.", "ACCUSE", "disapprove", "Scholz", "Russia",
     "asserted"),
    ("France expelled two Russian diplomats.", "SANCTION", "expel", "France", "Russian", "asserted"),
    ("Two Russian diplomats were expelled by France.", "SANCTION", "expel", "France", "Russian", "asserted"),
    ("Kenyan police detained twelve Somali refugees.", "COERCE", "arrest", "Kenyan", "Somali", "asserted"),
    ("Twelve Somali refugees were detained by Kenyan police.", "COERCE", "arrest", "Kenyan", "Somali", "asserted"),
    ("The Turkish government accused Sweden of harbouring militants.",
     "ACCUSE", "allege", "Turkish", "Sweden", "asserted"),
    ("Sweden was accused by the Turkish government of harbouring militants.", "ACCUSE", "allege", "Turkish", "Sweden",
     "asserted"),
    # modality traps: denials, negated passives, questions, conditionals, predictions
    ("Russia denied that its forces had attacked the village.", "ASSAULT", None, "Russia", None, "negated"),
    ("Peskov dismissed rumours that Belarus would attack Ukraine.", "ASSAULT", None, "Belarus", "Ukraine", "negated"),
    ("Belarus has not attacked Ukraine.", "ASSAULT", None, "Belarus", "Ukraine", "negated"),
    ("Belarus will never attack Ukraine, Lukashenko said.", "ASSAULT", None, "Belarus", "Ukraine", "negated"),
    ("Ukraine was not attacked by Belarus.", "ASSAULT", None, "Belarus", "Ukraine", "negated"),
    ("Will Belarus attack Ukraine?", "ASSAULT", None, "Belarus", "Ukraine", "hypothetical"),
    ("If Belarus attacks Ukraine, NATO will respond.", "ASSAULT", None, "Belarus", "Ukraine", "hypothetical"),
    ("Belarus could attack Ukraine from the north.", "ASSAULT", None, "Belarus", "Ukraine", "hypothetical"),
    ("It is possible that Belarus attacks Ukraine in the spring.",
     "ASSAULT", None, "Belarus", "Ukraine", "hypothetical"),
    ("Analysts expect Russia to attack Kyiv again.", "ASSAULT", None, "Russia", "Kyiv", "future"),
    ("Russia is preparing to attack Kyiv again.", "ASSAULT", None, "Russia", "Kyiv", "future"),
    ("Russia will attack Kyiv again, the general said.", "ASSAULT", None, "Russia", "Kyiv", "future"),
    ("Not only has Russia attacked Kyiv, it also shelled the suburbs.", "ASSAULT", None, "Russia", "Kyiv", "asserted"),
    # wrappers, refusals, laws, joint activity, reciprocal and intransitive events
    ("The United Nations urged Israel to release the prisoners.", "REQUEST", "yield", "United Nations", "Israel",
     "asserted"),
    ("Hamas refused to meet the mediators.", "REJECT", "meet", "Hamas", None, "asserted"),
    ("Iran threatened to attack Israel.", "THREATEN", "violence", "Iran", "Israel", "asserted"),
    ("Syria said it will not accept any more refugees.", "REJECT", None, "Syria", None, "asserted"),
    ("The parliament of Belarus approved a bill introducing the death penalty for treason.", "COERCE", "restrict",
     "Belarus", None, "asserted"),
    ("Russia and Belarus held a joint military exercise.", "COOPERATE", None, "Russia Belarus", None, "asserted"),
    ("Putin met Lukashenko in Minsk.", "CONSULT", None, "Putin Lukashenko", None, "asserted"),
]


@pytest.mark.parametrize(("text", "etype", "mode", "source", "target", "modality"), TABLE)
def test_event_table(nlp, text, etype, mode, source, target, modality) -> None:
    analysis, events = _events(nlp, text)
    found = [e for e in events if e.type == etype]
    assert found, (text, [(e.type, e.rule) for e in events])
    ok = [e for e in found
          if (mode is None or e.mode == mode) and e.modality == modality
          and (source is None or source in _names(analysis, e.source))
          and (target is None or target in _names(analysis, e.target))]
    assert ok, (text, [(e.type, e.mode, _names(analysis, e.source), _names(analysis, e.target), e.modality)
                       for e in found])


def test_no_asserted_attack_when_denied(nlp) -> None:
    _, events = _events(nlp, "Lukashenko denies that the army of Belarus will soon be able to fight against Ukraine.")
    assert events and all(e.modality != "asserted" for e in events if e.type == "ASSAULT")


def test_evidence_and_rule(nlp) -> None:
    text = "Russian troops attacked the town of Bakhmut."
    _, events = _events(nlp, text)
    (event,) = events
    start, end = event.evidence.trigger_span
    assert text[start:end] == "attacked"
    assert event.evidence.span == (0, len(text))
    assert event.rule.startswith("assault.") and 0 < event.confidence <= 1


def test_date_place_size_from_layers(nlp) -> None:
    text = "Russia is preparing 200,000 soldiers in Minsk on Friday."
    fri = text.index("on Friday")
    qty = text.index("200,000 soldiers")
    analysis = _analysis(text, places=("Minsk",),
                         dates=[DateRef(text="on Friday", span=(fri, fri + 9), start="2022-12-16", end="2022-12-16")],
                         quantities=[Quantity(text="200,000 soldiers", span=(qty, qty + 16), value=200000,
                                              unit="soldier")])
    (event,) = [e for e in extract_events(nlp(text), analysis) if e.type == "MOBILIZE"]
    assert event.date.start == "2022-12-16" and not event.date.inferred
    assert event.place.name == "Minsk"
    assert event.size.troops == 200000


def test_inferred_date_for_asserted_events_only(nlp) -> None:
    _, events = _events(nlp, "Russia attacked Ukraine. Belarus could attack Ukraine.")
    by_modality = {e.modality: e for e in events}
    assert by_modality["asserted"].date.inferred and by_modality["asserted"].date.start == "2022-12-19"
    assert by_modality["hypothetical"].date is None


def test_date_after_publication_is_future(nlp) -> None:
    text = "Russia attacks Kyiv in January."
    at = text.index("in January")
    analysis = _analysis(text, dates=[DateRef(text="in January", span=(at, at + 10), start="2023-01-01",
                                              end="2023-01-31")])
    (event,) = extract_events(nlp(text), analysis)
    assert event.modality == "future"


def test_claimed_by_quote_speaker(nlp) -> None:
    text = "Russia will attack Kyiv in January, said Peskov."
    analysis = _analysis(text)
    peskov = next(e for e in analysis.entities if e.name == "Peskov")
    analysis.quotes = [Quote(id="q1", kind="indirect", text=text[:34], span=(0, 34), speaker=peskov.id)]
    (event,) = [e for e in extract_events(nlp(text), analysis) if e.type == "ASSAULT"]
    assert event.claimed_by == peskov.id and event.modality == "future"


def test_claimed_by_governing_speech_verb(nlp) -> None:
    analysis, events = _events(nlp, "Peskov denied that Belarus was forced into the war.")
    (event,) = events
    assert event.type == "COERCE" and event.modality == "negated"
    assert analysis.entity(event.claimed_by).name == "Peskov"


def test_one_event_per_trigger_and_no_actorless_events(nlp) -> None:
    _, events = _events(nlp, "There was an attack.")
    assert events == []
    _, events = _events(nlp, "Putin visited Lukashenko and Putin visited Lukashenko.")
    spans = [e.evidence.trigger_span for e in events]
    assert len(spans) == len(set(spans))


def test_lexicon_covers_all_types() -> None:
    lex = lexicon()
    types = {r.base_type for rules in lex.rules.values() for r in rules}
    assert set(PLOVER_TYPES) <= types
    assert all(0 <= r.conf <= 1 for rules in lex.rules.values() for r in rules)


def test_plover_score_counts_no_event_as_wrong() -> None:
    records = [{"gold_type": "ASSAULT", "source": [{"code": "RUS"}], "target": []}]
    report = plover.score(records, [Analysis(article=Article(text="x"))])
    assert report["type_accuracy"] == 0.0 and report["source_country_accuracy"] == 0.0


def test_acled_table_covers_case2021_labels() -> None:
    labels = {"ARMED_CLASH", "PEACE_PROTEST", "ARREST", "AGREEMENT", "NATURAL_DISASTER", "DIPLO", "ATTRIB"}
    mapping = case2021.acled_to_plover()
    assert labels <= set(mapping)
    assert mapping["NATURAL_DISASTER"] == frozenset() and "ASSAULT" in mapping["ARMED_CLASH"]


# ---------------------------------------------------------------- full pipeline (all layers)


def _example_article(path) -> Article:
    """Title + body of the example, without the Status and By lines and the trailing footer."""
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    body = [b for b in blocks if not b.startswith(("Status:", "By "))]
    footer = next(i for i, b in enumerate(body) if b.startswith("Ukraine is suspicious of"))
    text = "\n\n".join(body[:footer])
    return Article(text=text, title=body[0], published=datetime(2022, 12, 19, 17, 48, tzinfo=ZoneInfo("Europe/Berlin")))


@pytest.fixture(scope="module")
def example(nlp, example_path) -> Analysis:
    """The example article through the full pipeline (depends on every other step)."""
    from newsgraph.nlp.pipeline import analyze_doc

    article = _example_article(example_path)
    return analyze_doc(nlp(article.text), article)


def _who(analysis: Analysis, ids: list[str]) -> str:
    return " ".join(f"{e.name}/{e.country}" for i in ids if (e := analysis.entity(i)))


def test_example_minsk_meeting(example) -> None:
    meetings = [e for e in example.events if e.type == "CONSULT" and e.modality == "asserted"
                and "Putin" in _who(example, e.source) and "Lukashenko" in _who(example, e.source + e.target)]
    assert meetings
    assert any(e.date and e.date.start == "2022-12-19" and e.place and e.place.name == "Minsk" for e in meetings)


def test_example_friday_consultation_dated(example) -> None:
    assert any("Putin" in _who(example, e.source) and e.date and e.date.start == "2022-12-16" for e in example.events)


def test_example_belarusian_mobilize(example) -> None:
    assert any(e.type in ("MOBILIZE", "COOPERATE") and "BLR" in _who(example, e.source) for e in example.events)
    assert any(e.type == "MOBILIZE" and "BLR" in _who(example, e.source) for e in example.events)


def test_example_expected_attack_on_kyiv(example) -> None:
    attacks = [e for e in example.events if e.type == "ASSAULT" and "Russia" in _who(example, e.source)
               and e.modality == "future"]
    assert attacks
    (attack,) = attacks
    assert attack.date and attack.date.start.startswith("2023-01")
    claimant = example.entity(attack.claimed_by)
    assert claimant is not None and "Salushnyy" in claimant.name


def test_example_no_asserted_belarusian_assault(example) -> None:
    assert not [e for e in example.events if e.type == "ASSAULT" and e.modality == "asserted"
                and "BLR" in _who(example, e.source)]


def test_example_denials_are_negated(example) -> None:
    negated = [e for e in example.events if e.modality == "negated"]
    assert any("Belarus" in _who(example, e.source + e.target) and e.type == "ASSAULT" for e in negated)
    assert any(e.claimed_by and "Peskov" in example.entity(e.claimed_by).name for e in negated)


def test_example_sizes(example) -> None:
    troops = Counter(e.size.troops for e in example.events if e.size.troops)
    assert {9000, 200000} <= set(troops)


def test_dated_background_is_historical(nlp) -> None:
    text = "In 1999, Russia attacked Chechnya."
    at = text.index("1999")
    analysis = _analysis(text, dates=[DateRef(text="1999", span=(at, at + 4), start="1999-01-01", end="1999-12-31")])
    analysis.entities.append(Entity(id="ex", name="Chechnya", type="GPE", country="RUS",
                                    mentions=[(text.index("Chechnya"), text.index("Chechnya") + 8)]))
    (event,) = extract_events(nlp(text), analysis)
    assert event.modality == "historical" and event.date.start == "1999-01-01"


def test_speech_act_of_a_quote_is_an_event(nlp) -> None:
    text = "“Moscow is lying about the grain deal,” said Macron."
    analysis = _analysis(text)
    macron = next(e for e in analysis.entities if e.name == "Macron")
    cue = text.index("said")
    analysis.quotes = [Quote(id="q1", kind="direct", text=text[1:36], span=(1, 36), speaker=macron.id,
                             cue="say", cue_span=(cue, cue + 4), speech_act="accusation")]
    events = extract_events(nlp(text), analysis)
    accusations = [e for e in events if e.type == "ACCUSE"]
    assert accusations and accusations[0].source == [macron.id]
    assert accusations[0].rule.startswith("accuse.speech_act")


def test_gold_loaders_map_every_label(shared_data) -> None:
    """Reads the shared gold sets (skipped when absent): every label has a PLOVER 0.8 reading."""
    records = plover.load_gold(shared_data, "dev")
    assert records and {r["gold_type"] for r in records} <= set(PLOVER_TYPES)
    rows = case2021.load_gold(shared_data)  # raises if an ACLED label lacks a row in acled_plover.tsv
    assert len(rows) > 1000
    with pytest.raises(EvalDataError, match="held back"):
        plover.load_gold(shared_data, "test")


# ---------------------------------------------------------------- reasons and argument words


@pytest.mark.parametrize(("text", "trigger", "cue", "modality"), [
    ("Putin did not visit Lukashenko in Minsk.", "visit", "not", "negated"),
    ("Russia could attack Ukraine.", "attack", "could", "hypothetical"),
    ("Putin visited Lukashenko in Minsk.", "visited", None, "asserted"),
    ("Germany will sanction Iran.", "sanction", "will", "future"),
])
def test_reasons_name_trigger_and_cue(nlp, text, trigger, cue, modality) -> None:
    _, events = _events(nlp, text)
    event = next(e for e in events if text[slice(*e.evidence.trigger_span)].startswith(trigger))
    assert event.modality == modality
    why = event.reasons
    assert {"type", "source", "target", "modality", "claimed_by", "date", "place", "size"} <= set(why)
    assert f"“{trigger}" in why["type"] and event.rule.split("|")[0] in why["type"]
    if cue:
        assert f"“{cue}”" in why["modality"]
    else:
        assert why["modality"] == "no negation, future or hypothetical cue in the clause"
        assert why["date"].startswith("publication date, inferred")


def test_reasons_name_relations_place_and_speaker(nlp) -> None:
    text = "Lukashenko was visited by Putin in Minsk, Peskov said."
    start = text.index("Peskov")
    quote = Quote(id="q1", kind="indirect", text=text[:start - 2], span=(0, start - 2), speaker="Peskov",
                  speaker_text="Peskov", cue="say", cue_span=(text.index("said"), text.index("said") + 4))
    analysis = _analysis(text, places=("Minsk",), quotes=[quote])
    analysis.entities.append(Entity(id="Peskov", name="Peskov", type="PERSON", country="RUS",
                                    mentions=[(start, start + 6)]))
    (event,) = [e for e in extract_events(nlp(text), analysis) if e.type == "CONSULT"]
    assert "“by” phrase of “visited” (passive agent)" in event.reasons["source"]
    assert "passive subject of “visited”" in event.reasons["target"]
    assert "“in Minsk”" in event.reasons["place"]
    assert "q1" in event.reasons["claimed_by"] and "Peskov" in event.reasons["claimed_by"]
    assert (event.source_text, event.target_text) == ("Putin", "Lukashenko")


@pytest.mark.parametrize(("text", "source_text", "target_text"), [
    ("Rebels attacked the town of Bakhmut.", "Rebels", "the town of Bakhmut"),
    ("Unknown gunmen kidnapped two aid workers in Kyiv.", "Unknown gunmen", "two aid workers"),
])
def test_argument_words_without_entities(nlp, text, source_text, target_text) -> None:
    _, events = _events(nlp, text)
    assert events, text
    assert (events[0].source_text, events[0].target_text) == (source_text, target_text)


@pytest.mark.parametrize(("text", "trigger", "country"), [
    # full pipeline: a group placed in a country stands for that country's actors (PLOVER codes by location)
    ("Thousands of students throughout Kenya staged protests on Monday.", "protests", "KEN"),
    ("Hundreds of Kenyans gathered for a rally in Nairobi.", "rally", "KEN"),
    ("Ethnic Hungarians in northern Serbia demanded more autonomy.", "demanded", "SRB"),
    ("Canada sped up the withdrawal of its remaining troops from Mali.", "withdrawal", "CAN"),
])
def test_source_country_of_located_groups(nlp, text, trigger, country) -> None:
    from newsgraph.nlp.pipeline import analyze_doc

    article = Article(text=text, published=PUBLISHED)
    analysis = analyze_doc(nlp(text), article)
    event = next(e for e in analysis.events if text[slice(*e.evidence.trigger_span)].startswith(trigger))
    assert country in {analysis.entity(i).country for i in event.source}, [
        (analysis.entity(i).name, analysis.entity(i).country) for i in event.source]
    assert event.reasons["source"].startswith("from “")


@pytest.mark.parametrize(("text", "trigger", "target"), [
    # full pipeline: the recipient inside an object, the place of a curfew, the subject of a demanded clause
    ("Japan halted economic aid to Serbia on Tuesday.", "halted", "SRB"),
    ("Canada suspended part of a military aid program for Ukraine.", "suspended", "UKR"),
    ("Turkish authorities imposed a curfew in the town of Cizre in southeastern Turkey.", "curfew", "TUR"),
    ("Palestinian officials demanded that the United States recognise their state.", "demanded", "USA"),
])
def test_target_country(nlp, text, trigger, target) -> None:
    from newsgraph.nlp.pipeline import analyze_doc

    analysis = analyze_doc(nlp(text), Article(text=text, published=PUBLISHED))
    event = next(e for e in analysis.events if text[slice(*e.evidence.trigger_span)].startswith(trigger))
    assert target in {analysis.entity(i).country for i in event.target}, event.reasons
    assert event.reasons["target"]


def _full(nlp, text: str) -> Analysis:
    from newsgraph.nlp.pipeline import analyze_doc

    return analyze_doc(nlp(text), Article(text=text, published=PUBLISHED))


def _event_at(analysis: Analysis, trigger: str):
    text = analysis.article.text
    return next(e for e in analysis.events if text[slice(*e.evidence.trigger_span)].startswith(trigger))


@pytest.mark.parametrize(("text", "trigger", "sources", "place"), [
    # full pipeline: "officials from A, B and C" are actors of every listed state; the city they meet in is the
    # place, not a country from the list; "the ministers of both countries" are the two states named before
    ("Officials from Kenya, Uganda and Tanzania met in Arusha on Monday to discuss a railway.", "met",
     {"KEN", "UGA", "TZA"}, "Arusha"),
    ("Kenya and Somalia signed a fishing deal. The defence ministers of both countries met in the port city of "
     "Mombasa on Friday.", "met", {"KEN", "SOM"}, "Mombasa"),
    ("The foreign ministers of Kenya and Uganda signed a border treaty in Mombasa on Friday.", "signed",
     {"KEN", "UGA"}, "Mombasa"),
])
def test_listed_and_paired_states_act_in_the_named_city(nlp, text, trigger, sources, place) -> None:
    analysis = _full(nlp, text)
    event = _event_at(analysis, trigger)
    assert {analysis.entity(i).country for i in event.source} == sources, event.reasons["source"]
    assert event.place is not None and event.place.text == place, event.reasons["place"]


@pytest.mark.parametrize(("text", "trigger", "source"), [
    # full pipeline: a group placed in a city acts for the state the article names, not for the city
    ("Kenya hosted the summit. Diplomats in Mombasa rejected the plan on Monday.", "rejected", "Kenya"),
])
def test_cities_do_not_act_for_their_state(nlp, text, trigger, source) -> None:
    analysis = _full(nlp, text)
    event = _event_at(analysis, trigger)
    assert [analysis.entity(i).name for i in event.source] == [source], event.reasons["source"]


@pytest.mark.parametrize(("text", "trigger"), [
    # full pipeline: an event noun placed in a city ("talks in X") is not a group of people from X
    ("Energy talks in Mombasa: Kenya and Uganda agree to link their grids", "talks"),
])
def test_event_nouns_are_not_located_groups(nlp, text, trigger) -> None:
    analysis = _full(nlp, text)
    assert analysis.events
    for event in analysis.events:
        assert all(analysis.entity(i).name != "Mombasa" for i in event.source + event.target), event.reasons


@pytest.mark.parametrize(("text", "trigger", "target"), [
    # full pipeline: a visited city on the target side stands for the state the article names
    ("Kenya welcomed the plan. The Ugandan president visits Kisumu on Monday.", "visits", "Kenya"),
])
def test_places_on_either_side_become_their_state(nlp, text, trigger, target) -> None:
    analysis = _full(nlp, text)
    event = _event_at(analysis, trigger)
    assert [analysis.entity(i).name for i in event.target] == [target], event.reasons["target"]
    assert event.place is not None and event.place.text == "Kisumu", event.reasons["place"]


@pytest.mark.parametrize(("text", "trigger"), [
    # full pipeline: a city a delegation goes to is where the meeting happens, never its recipient
    ("Russian negotiators return to Geneva this week for talks on missiles.", "talks"),
])
def test_visited_city_is_the_place_not_the_target(nlp, text, trigger) -> None:
    analysis = _full(nlp, text)
    event = _event_at(analysis, trigger)
    assert all(analysis.entity(i).name != "Geneva" for i in event.target), event.reasons["target"]
    assert event.place is not None and event.place.text == "Geneva", event.reasons["place"]


@pytest.mark.parametrize(("text", "kept"), [
    ("A powerful storm hit the Midwest on Monday.", False),
    ("The earthquake destroyed 300 homes in the region.", False),
    ("The virus killed 12 people in Lagos.", False),
    ("Rebels attacked the town on Monday.", True),
    ("Mr Snow praised Ireland's tax cuts.", True),  # a man named Snow is no weather
])
def test_natural_forces_are_no_actors(nlp, text, kept):  # full pipeline
    from newsgraph.nlp.pipeline import analyze_doc

    analysis = analyze_doc(nlp(text), Article(text=text))
    assert bool(analysis.events) == kept, [(e.type, e.source_text) for e in analysis.events]


def test_a_site_as_event_place_says_where_its_point_comes_from(nlp) -> None:
    text = "Putin met Lukashenko at the Palace of Independence."
    analysis = _analysis(text)
    start = text.index("Palace")
    analysis.places.append(Place(id="p1", name="Palace of Independence", country="BLR", lat=53.9, lon=27.56,
                                 feature="site", mentions=[(start, len(text) - 1)],
                                 reason="not in gazetteer; placed at the city the article names nearest it, Minsk"))
    (event,) = [e for e in extract_events(nlp(text), analysis) if e.type == "CONSULT"]
    assert event.place is not None and event.place.name == "Palace of Independence"
    assert "a site: " in event.reasons["place"] and "Minsk" in event.reasons["place"]
