"""Places: the gazetteer index, our alias table, resolution by evidence, and the example article."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from newsgraph.kb import places as gaz
from newsgraph.model import Analysis, Article, Entity
from newsgraph.nlp.places import extract_places, haversine_km, resolve_name

# ---------------------------------------------------------------- gazetteer and aliases


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Belarus", "BLR"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("Great Britain", "GBR"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Holy See", "VAT"),
        ("Burma", "MMR"),
        ("Republic of Belarus", "BLR"),
        ("Russian Federation", "RUS"),
        ("RUSSIA", "RUS"),
        ("Kyiv", None),  # a city, not a country
        ("Russian", None),  # an adjective, not a country
        ("Congo", None),  # two countries: ambiguous on its own
        ("Frobnitzia", None),
    ],
)
def test_country_code(name: str, expected: str | None) -> None:
    assert gaz.country_code(name) == expected


@pytest.mark.parametrize(
    ("alias", "geonameid"),
    [
        ("Kiev", 703448),
        ("Kyiv", 703448),
        ("Kharkov", 706483),
        ("Nikolaev", 700569),
        ("Odessa", 698740),
        ("Lvov", 702550),
        ("Kishinev", 618426),
        ("Bombay", 1275339),
        ("Peking", 1816670),
        ("Leningrad", 498817),
        ("St. Petersburg", 498817),
        ("Saigon", 1566083),
        ("Ulaanbaatar", 2028462),  # the usual spelling beats the same-named province
    ],
)
def test_alias_resolves_to_the_city(alias: str, geonameid: int) -> None:
    assert resolve_name(alias).entry.geonameid == geonameid


def test_every_alias_row_names_a_gazetteer_entry() -> None:
    assert gaz.broken_aliases() == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("St. Louis", "saint louis"),
        ("Côte d’Ivoire", "cote divoire"),
        ("the U.S.", "us"),
        ("Rostov-on-Don", "rostov on don"),
        ("  ZÜRICH ", "zurich"),
    ],
)
def test_normalise(name: str, key: str) -> None:
    assert gaz.normalise(name) == key


@pytest.mark.parametrize(
    ("name", "geonameid", "country", "feature"),
    [
        ("Minsk", 625144, "BLR", "capital"),
        ("Kyiv", 703448, "UKR", "capital"),
        ("Sochi", 491422, "RUS", "city"),
        ("Moscow", 524901, "RUS", "capital"),
        ("Belarus", 630336, "BLR", "country"),
        ("Texas", 4736286, "USA", "admin1"),
        ("Europe", 6255148, None, "continent"),
    ],
)
def test_without_context_the_usual_reading_wins(name: str, geonameid: int, country: str | None,
                                                feature: str) -> None:
    entry = resolve_name(name).entry
    assert (entry.geonameid, entry.country, entry.feature) == (geonameid, country, feature)


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [("Oahu", "USA", "island"), ("Majorca", "ESP", "island"), ("Isle of Skye", "GBR", "island"),
     ("Crete", "GRC", "admin1"), ("Penang", "MYS", "admin1"), ("Timor", None, "island")],
)
def test_well_known_islands_are_places(name: str, country: str | None, feature: str) -> None:
    entry = resolve_name(name).entry
    assert (entry.country, entry.feature) == (country, feature)


def test_countries_have_a_point() -> None:
    entry = resolve_name("Russia").entry
    assert entry.lat is not None and entry.lon is not None
    assert haversine_km(entry.lat, entry.lon, 60.0, 100.0) < 200


def test_place_patterns_label_places_and_skip_words() -> None:
    patterns = dict(gaz.place_patterns())
    assert patterns["Minsk"] == "GPE"
    assert patterns["Belarus"] == "GPE"
    assert patterns["Kiev"] == "GPE"
    assert patterns["U.S."] == patterns["US"] == "GPE"
    assert patterns["Florida"] == "GPE"  # a US state, though towns abroad share the name
    assert patterns["Europe"] == "LOC"
    assert "Mobile" not in patterns and "Reading" not in patterns


# ---------------------------------------------------------------- resolution on parsed text (model-free)


def _doc_with_places(text: str, places: list[tuple[str, str]]):
    """A blank-pipeline doc whose entities are the given (words, label) pairs, in order of appearance."""
    doc = spacy.blank("en")(text)
    spans, cursor = [], 0
    for words, label in places:
        start = text.index(words, cursor)
        cursor = start + len(words)
        spans.append(doc.char_span(start, cursor, label=label))
    doc.ents = [s for s in spans if isinstance(s, Span)]
    return doc


def _places(text: str, ents: list[tuple[str, str]], entities: list[Entity] | None = None):
    doc = _doc_with_places(text, ents)
    analysis = Analysis(article=Article(text=text), entities=entities or [])
    return extract_places(doc, analysis)


@pytest.mark.parametrize(
    ("text", "ents", "place", "country", "geonameid"),
    [
        ("He grew up in Paris, Texas, near the border.", [("Paris", "GPE"), ("Texas", "GPE")], "Paris", "USA", None),
        ("She moved to Paris last year.", [("Paris", "GPE")], "Paris", "FRA", 2988507),
        ("Talks were held in Minsk, Belarus.", [("Minsk", "GPE"), ("Belarus", "GPE")], "Minsk", "BLR", 625144),
        ("The rally in Moscow, Idaho, was small.", [("Moscow", "GPE"), ("Idaho", "GPE")], "Moscow", "USA", None),
        ("Atlanta and Savannah are the largest cities of Georgia.",
         [("Atlanta", "GPE"), ("Savannah", "GPE"), ("Georgia", "GPE")], "Georgia", "USA", 4197000),
        ("Tbilisi, the capital of Georgia, lies in the Caucasus.",
         [("Tbilisi", "GPE"), ("Georgia", "GPE")], "Georgia", "GEO", 614540),
        # a country's name that is also a state: the state where the article names other states of its country
        ("A lab in Georgia confirmed it. Farms in Alabama, Iowa and Texas were checked.",
         [("Georgia", "GPE"), ("Alabama", "GPE"), ("Iowa", "GPE"), ("Texas", "GPE")], "Georgia", "USA", 4197000),
        # a level cue beside the name: the state, not the capital
        ("Apples grow in Washington state.", [("Washington", "GPE")], "Washington", "USA", 5815135),
        # a list holds places of one level: provinces, states
        ("Cases in British Columbia, Alberta, Manitoba, Ontario and New Brunswick.",
         [("British Columbia", "GPE"), ("Alberta", "GPE"), ("Manitoba", "GPE"), ("Ontario", "GPE"),
          ("New Brunswick", "GPE")], "Ontario", "CAN", None),
        ("Sales in Utah, Virginia, Washington, West Virginia and Wyoming fell.",
         [("Utah", "GPE"), ("Virginia", "GPE"), ("Washington", "GPE"), ("West Virginia", "GPE"),
          ("Wyoming", "GPE")], "Washington", "USA", 5815135),
        # a container is the region that holds the place before it
        ("The firm is based in Mississauga, Ontario.", [("Mississauga", "GPE"), ("Ontario", "GPE")],
         "Ontario", "CAN", None),
        ("She was born in Buffalo, New York.", [("Buffalo", "GPE"), ("New York", "GPE")], "New York", "USA", 5128638),
        ("A toddler in Toronto, Ontario, fell ill.", [("Toronto", "GPE"), ("Ontario", "GPE")],
         "Toronto", "CAN", 6167865),
        # Canadian Press abbreviations of provinces
        ("A barn burned in Moncton, N.B., on Tuesday.", [("Moncton", "GPE"), ("N.B.", "GPE")], "N.B.", "CAN", None),
        ("A barn burned in Halifax, N.S., on Tuesday.", [("Halifax", "GPE"), ("N.S.", "GPE")], "Halifax", "CAN",
         6324729),
        # a bare metropolis named like its state is the city
        ("She lives in New York now.", [("New York", "GPE")], "New York", "USA", 5128581),
        # small towns (second tier) with a written container
        ("The plant in Washington, Pennsylvania, closed.", [("Washington", "GPE"), ("Pennsylvania", "GPE")],
         "Washington", "USA", 5218069),
        ("A fire in Nenagh, Ireland, was put out.", [("Nenagh", "GPE"), ("Ireland", "GPE")],
         "Nenagh", "IRL", 2962304),
        # a named region of one country is a container too: Guildford in Surrey, England, not in Surrey, B.C.
        ("The virus came from a laboratory in Guildford, Surrey.", [("Guildford", "GPE"), ("Surrey", "GPE")],
         "Guildford", "GBR", 2647793),
        # a city's nearness is local: a place 200 km away is no reason for a town over a big namesake
        ("Houston beat San Antonio on Monday, then lost at home to Portland.",
         [("Houston", "GPE"), ("San Antonio", "GPE"), ("Portland", "GPE")], "Portland", "USA", 5746545),
    ],
)
def test_context_chooses_the_place(text: str, ents: list[tuple[str, str]], place: str, country: str,
                                   geonameid: int | None) -> None:
    found = {p.text: p for p in _places(text, ents)}
    assert found[place].country == country
    if geonameid is not None:
        assert found[place].geonameid == geonameid
    assert found[place].reason


def test_a_named_region_beside_another_is_its_peer_not_its_container() -> None:
    text = "Cases rose in the provinces of Nyanza, Rift Valley, North Eastern and Western."
    found = {p.text: p for p in _places(text, [("Nyanza", "GPE"), ("Rift Valley", "LOC")])}
    assert (found["Nyanza"].feature, found["Nyanza"].country) == ("region", "KEN"), found["Nyanza"].reason


def test_unresolvable_place_is_kept_with_its_reason() -> None:
    places = _places("Troops reached Zzyxborough at dawn.", [("Zzyxborough", "GPE")])
    assert len(places) == 1
    assert places[0].name == "Zzyxborough" and places[0].geonameid is None and places[0].lat is None
    assert places[0].reason == "not in gazetteer"


def test_a_container_that_holds_no_candidate_makes_a_site_within_it() -> None:
    places = _places("The plant in Minsk, Texas, closed.", [("Minsk", "GPE"), ("Texas", "GPE")])
    minsk, texas = places
    assert minsk.geonameid is None and minsk.feature == "site" and minsk.country == "USA"
    # a site in a region is put at the region's populated centre, where its towns are, not at its middle
    assert (minsk.lat, minsk.lon) == gaz.populated_centre(gaz.lookup("Texas")[0].entry) != (texas.lat, texas.lon)
    assert "populated centre of Texas" in minsk.reason
    assert minsk.reason.startswith("not in gazetteer within Texas")


def test_a_small_town_without_support_stays_unresolved() -> None:
    places = _places("Talks in Nenagh went well.", [("Nenagh", "GPE")])
    assert places[0].geonameid is None and places[0].lat is None
    assert places[0].reason.startswith("not in gazetteer; small towns of that name lack support")


@pytest.mark.parametrize(
    ("text", "ents", "place", "country"),
    [
        # the dateline names the country the article is about
        ("LONDON, Jan 5 (Reuters) - Floods hit Cambridge overnight.", [("LONDON", "GPE"), ("Cambridge", "GPE")],
         "Cambridge", "GBR"),
        ("BOSTON (AP) — Students in Cambridge protested.", [("BOSTON", "GPE"), ("Cambridge", "GPE")],
         "Cambridge", "USA"),
    ],
)
def test_dateline_is_evidence(text: str, ents: list[tuple[str, str]], place: str, country: str) -> None:
    found = {p.text: p for p in _places(text, ents)}
    assert found[place].country == country


def test_kiev_and_kyiv_are_one_place() -> None:
    places = _places("Kiev, or Kyiv in Ukrainian, is big. Kyiv was shelled.",
                     [("Kiev", "GPE"), ("Kyiv", "GPE"), ("Kyiv", "GPE")])
    assert len(places) == 1
    assert places[0].geonameid == 703448 and len(places[0].mentions) == 3


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Russian troops crossed the river.", [("Russian", "GPE")]),  # a mis-tagged adjective
        ("Belarusian soldiers were told.", [("Belarusian", "NORP")]),
    ],
)
def test_demonyms_are_not_places(text: str, ents: list[tuple[str, str]]) -> None:
    assert _places(text, ents) == []


def test_norp_entity_blocks_a_place_span() -> None:
    text = "Russian media reported it."
    norp = Entity(id="e1", name="Russian", type="NORP", mentions=[(0, 7)])
    assert _places(text, [("Russian", "GPE")], entities=[norp]) == []


@pytest.mark.parametrize(
    ("text", "words", "type_", "place"),
    [
        ("Their first home was a cottage in Dewsbury.", "Dewsbury", "ORG", "Dewsbury"),  # the one so spelt
        ("Three horses stabled at Randwick fell ill.", "Randwick", "PERSON", "Randwick"),
        ("The virus reached farms in Victoria, officials in Australia said.", "Victoria", "ORG", "Victoria"),
        ("The bank raised its rates at Bank of America.", "Bank", "ORG", None),  # "Bānk" is not so spelt
        ("The deal brings her in Riverdale.", "Riverdale", "PERSON", None),  # many Riverdales: the tag stands
        ("Dewsbury scored twice.", "Dewsbury", "ORG", None),  # no preposition: the team
        ("He sang in St Patrick's choir.", "St Patrick", "PERSON", None),  # a possessive: a saint's
        # written with its region: any place of that name
        ("Geothermal water heats a brewery there: Klamath Falls, Oregon, leads.", "Klamath Falls", "PERSON",
         "Klamath Falls"),
        ("Brewers, Oregon and Texas lead.", "Brewers", "ORG", None),  # no place of that name
        ("If admitted into the EU, Turkey would pay.", "EU", "ORG", None),  # not the French town of Eu
        # listed beside a place
        ("The line stops in Hilversum and Almelo.", "Almelo", "ORG", "Almelo"),
        ("Its stores in Zilina, Nitra and Kosice were sold.", "Nitra", "PERSON", "Nitra"),
        ("Chelsea and Arsenal drew.", "Chelsea", "ORG", None),  # beside no place
        ("He was linked with Barcelona and Valencia.", "Valencia", "ORG", None),  # no locative: clubs
        # words inside a longer name, or before a name that only starts with a region's ("Van", a Turkish province)
        ("David Stanley, UK managing director of the firm, said so.", "Stanley", "PERSON", None),
        ("He drafted in David dal Maso at open-side.", "David", "PERSON", None),
        ("Pires, Vieira, Clichy, Van Persie and Henry started.", "Clichy", "PERSON", None),
    ],
)
def test_a_person_or_organisation_tag_can_be_a_place_written_as_one(text: str, words: str, type_: str,
                                                                      place: str | None) -> None:
    start = text.index(words)
    entity = Entity(id="e1", name=words, type=type_, mentions=[(start, start + len(words))])
    ents = [(name, "GPE") for name in ("Australia", "Hilversum", "Zilina", "Kosice", "Barcelona") if name in text]
    places = _places(text, ents, entities=[entity])
    if place:
        assert place in [p.text for p in places if p.lat is not None]
    else:
        assert words not in [p.text for p in places]


def test_a_list_with_an_organisation_in_it_is_no_list_of_places() -> None:
    text = "He joined from Real Madrid, Barcelona and Valencia."
    spans = {words: (text.index(words), text.index(words) + len(words)) for words in ("Real Madrid", "Valencia")}
    entities = [Entity(id=words, name=words, type="ORG", mentions=[span]) for words, span in spans.items()]
    assert "Valencia" not in [p.text for p in _places(text, [("Barcelona", "GPE")], entities=entities)]


@pytest.mark.parametrize(
    ("text", "person", "word", "kept"),
    [
        ("Serena Williams won. Serena said she was tired.", "Serena Williams", "Serena", False),
        ("Michael Jordan flew to Jordan.", "Michael Jordan", "Jordan", True),  # a well-known place
        ("He met the Archbishop of Canterbury in Canterbury.", "the Archbishop of Canterbury", "Canterbury", True),
    ],
)
def test_a_word_of_a_persons_full_name_is_no_place(text: str, person: str, word: str, kept: bool) -> None:
    start = text.index(person)
    entity = Entity(id="e1", name=person, type="PERSON", mentions=[(start, start + len(person))])
    doc = _doc_with_places(text, [])
    at = text.rindex(word)  # the last mention: the one outside the person's name
    doc.ents = [doc.char_span(at, at + len(word), label="GPE")]
    places = extract_places(doc, Analysis(article=Article(text=text), entities=[entity]))
    assert (word in [p.text for p in places]) is kept


def test_possessive_and_article_are_trimmed() -> None:
    text = "It is one of Russia’s rare trips to the Netherlands."
    places = _places(text, [("Russia’s", "GPE"), ("the Netherlands", "GPE")])
    assert [(p.text, p.country) for p in places] == [("Russia", "RUS"), ("Netherlands", "NLD")]
    assert places[0].mentions == [(13, 19)]


# ---------------------------------------------------------------- the real model


@pytest.mark.parametrize(
    ("text", "words", "geonameid"),
    [
        ("Putin met Lukashenko in Minsk on Monday.", "Minsk", 625144),
        ("Fighting continued near Kharkov and Odessa, Ukrainian officials said.", "Odessa", 698740),
        ("The delegation flew from Kiev to Warsaw.", "Kiev", 703448),
        # names with a full stop and a space inside are patterns of the entity ruler too
        ("Players in the U.S. Virgin Islands can add the option.", "U.S. Virgin Islands", 4796775),
    ],
)
def test_places_in_parsed_sentences(nlp, text: str, words: str, geonameid: int) -> None:
    from newsgraph.nlp.pipeline import analyze_doc

    analysis = analyze_doc(nlp(text), Article(text=text))
    by_text = {p.text: p for p in analysis.places}
    assert by_text[words].geonameid == geonameid


def test_a_firm_named_after_a_town_stays_a_firm_where_it_acts(nlp) -> None:
    from newsgraph.nlp.pipeline import analyze_doc

    text = "Nokia said sales rose. A senior manager at Nokia spoke to reporters in Helsinki."
    analysis = analyze_doc(nlp(text), Article(text=text))
    assert [p.text for p in analysis.places] == ["Helsinki"]


def test_names_with_a_full_stop_and_a_space_are_patterns() -> None:
    patterns = dict(gaz.place_patterns())
    assert patterns["St. Louis"] == patterns["U.S. Virgin Islands"] == "GPE"


def test_example_places(nlp, example_path) -> None:
    from newsgraph.nlp.pipeline import analyze_doc
    from newsgraph.readers import read_path

    article = read_path(example_path)[0]
    analysis = analyze_doc(nlp(article.text), article)
    by_name = {p.name: p for p in analysis.places}
    for name, geonameid in [("Minsk", 625144), ("Kyiv", 703448), ("Sochi", 491422), ("Moscow", 524901)]:
        assert by_name[name].geonameid == geonameid, by_name.get(name)
        assert by_name[name].feature in ("capital", "city")
    for name, country in [("Belarus", "BLR"), ("Russia", "RUS"), ("Ukraine", "UKR")]:
        assert by_name[name].country == country and by_name[name].feature == "country"
    assert "Russian" not in by_name and "Belarusian" not in by_name
    for place in analysis.places:
        if place.geonameid is not None:
            for start, end in place.mentions:
                assert place.geonameid in {c.entry.geonameid for c in gaz.lookup(article.text[start:end])}


def test_bad_city_population_setting_names_the_allowed_values(monkeypatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_MIN_CITY_POPULATION", "7")
    with pytest.raises(gaz.ConfigError, match="500, 1000, 5000, 15000"):
        gaz.min_city_population()


@pytest.mark.parametrize(("surface", "matched"), [
    # big cities also match without their accents; transliteration marks ("Būsh") do not fold into words
    ("Sao Paulo", True),
    ("Bogota", True),
    ("Bush", False),
])
def test_place_patterns_without_diacritics(surface: str, matched: bool) -> None:
    assert (surface in dict(gaz.place_patterns())) is matched


# ---------------------------------------------------------------- evidence and spans (issue 6 miss analysis)


@pytest.mark.parametrize(
    ("text", "ents", "place", "country", "feature"),
    [
        # a container that is another name of a candidate, even inside a list
        ("Trips to Hawaii, Florida and Washington, D.C., were paid.",
         [("Hawaii", "GPE"), ("Florida", "GPE"), ("Washington", "GPE"), ("D.C.", "GPE")], "Washington", "USA",
         "capital"),
        # a borough written with its city is in the city, not the state
        ("Students from Queens, New York, fell ill.", [("Queens", "GPE"), ("New York", "GPE")], "New York", "USA",
         "city"),
        # a small town written before a container makes it the region
        ("The plant in Blakely, Georgia, was closed.", [("Blakely", "GPE"), ("Georgia", "GPE")], "Georgia", "USA",
         "admin1"),
        # regions news names, with a point: Kenya's former provinces, Zimbabwe's provinces
        ("Kenya reported cases in Nyanza province.", [("Kenya", "GPE"), ("Nyanza", "GPE")], "Nyanza", "KEN",
         "region"),
        ("Zimbabwe's provinces of Mashonaland West and Midlands reported cholera.",
         [("Zimbabwe", "GPE"), ("Mashonaland West", "GPE"), ("Midlands", "GPE")], "Midlands", "ZWE", "admin1"),
        # a small town the article's named region holds
        ("Like many towns across Alberta, the land around Hinton is full of wells.",
         [("Alberta", "GPE"), ("Hinton", "GPE")], "Hinton", "CAN", "city"),
    ],
)
def test_written_context_chooses_the_level(text: str, ents: list[tuple[str, str]], place: str, country: str,
                                           feature: str) -> None:
    found = {p.text: p for p in _places(text, ents)}
    assert (found[place].country, found[place].feature) == (country, feature), found[place].reason


def test_a_supported_small_town_beats_an_unsupported_minor_city() -> None:
    text = "Texas officials said the spraying in Malakoff began. Dallas and Houston followed."
    ents = [("Texas", "GPE"), ("Malakoff", "GPE"), ("Dallas", "GPE"), ("Houston", "GPE")]
    found = {p.text: p for p in _places(text, ents)}
    assert found["Malakoff"].country == "USA"
    assert "small-town tier" in found["Malakoff"].reason


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a known place at one end of a span the gazetteer lacks is that place
        ("Listen to Politics Ukraine tonight.", [("Politics Ukraine", "GPE")], [("Ukraine", "UKR")]),
        ("Flights to Greece Italy resumed.", [("Greece Italy", "GPE")], [("Greece", "GRC"), ("Italy", "ITA")]),
        # ... but not when the other words are a direction (a part of Florida, below) or a kind of place
        ("Storms hit Northern Alberta.", [("Northern Alberta", "GPE")], [("Northern Alberta", "CAN")]),
        ("He lives in Washington Township.", [("Washington Township", "GPE")], [("Washington Township", None)]),
    ],
)
def test_known_parts_of_unknown_spans(text: str, ents: list[tuple[str, str]],
                                      expected: list[tuple[str, str | None]]) -> None:
    assert [(p.text, p.country) for p in _places(text, ents)] == expected


@pytest.mark.parametrize(
    ("text", "ents", "reason"),
    [
        ("Ohio County schools will be given $128,800.", [("Ohio County", "GPE")], "a county of the United States"),
        ("Small businesses here in the Valley grow.", [("Valley", "LOC")], "a common noun of place"),
    ],
)
def test_not_forced_to_a_namesake(text: str, ents: list[tuple[str, str]], reason: str) -> None:
    place = _places(text, ents)[0]
    assert place.lat is None and place.reason.startswith(reason)


def test_country_named_like_a_plural_demonym_is_a_place() -> None:
    text = "Cases in the Philippines rose."
    norp = Entity(id="e1", name="Philippines", type="NORP", mentions=[(13, 24)])
    places = _places(text, [("Philippines", "NORP")], entities=[norp])
    assert [(p.text, p.country, p.feature) for p in places] == [("Philippines", "PHL", "country")]


def test_wire_dateline_inside_the_text_is_a_place() -> None:
    text = "Earlier story. WASHINGTON (AP) - The vote failed."
    org = Entity(id="e1", name="WASHINGTON", type="ORG", mentions=[(15, 25)])
    places = _places(text, [], entities=[org])
    assert [(p.text, p.feature) for p in places] == [("WASHINGTON", "capital")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PLEASANTON, Calif.--( )--The firm said.", [("PLEASANTON", "USA"), ("Calif.", "USA")]),  # a wire's "--"
        ("Diaz-Balart speaks at a grant event. IMMOKALEE – The congressman said.", [("IMMOKALEE", "USA")]),
        ("He said so. NATO – The alliance met.", []),  # a dateline's place must be one the gazetteer knows
    ],
)
def test_dateline_after_a_sentence_or_before_a_double_hyphen(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.text, p.country) for p in _places(text, [])] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # an untagged town written with its region
        ("Races: Rockingham, Northamptonshire, in August.", [("Northamptonshire", "LOC")],
         [("Rockingham", "site", "GBR"), ("Northamptonshire", "region", "GBR")]),
        ("She flew to Buffalo, New York in the United States.", [("New York", "GPE"), ("United States", "GPE")],
         [("Buffalo", "city", "USA"), ("New York", "admin1", "USA"), ("United States", "country", "USA")]),
        # not a word that is no place, nor an item of a list
        ("However, Texas officials said no.", [("Texas", "GPE")], [("Texas", "admin1", "USA")]),
        ("The Zaire, Bundibugyo, Ivory Coast and Sudan strains.", [("Ivory Coast", "GPE"), ("Sudan", "GPE")],
         [("Ivory Coast", "country", "CIV"), ("Sudan", "country", "SDN")]),
    ],
)
def test_an_untagged_town_written_with_its_region_is_a_place(text: str, ents: list[tuple[str, str]],
                                                              expected: list[tuple[str, str, str]]) -> None:
    assert [(p.text, p.feature, p.country) for p in _places(text, ents)] == expected


# ---------------------------------------------------------------- US counties (kb/data/us_counties.tsv)


def test_county_table_has_points_states_and_fips() -> None:
    counties = gaz.us_counties()
    assert len(counties) > 3000
    assert all(c.feature == "county" and c.geonameid is None and c.lat is not None for c in counties)
    assert all(c.fips and len(c.fips) == 5 and c.fips.isdigit() and len(c.admin1 or "") == 2 for c in counties)
    assert sorted(gaz.admin1_name(c.entry) for c in gaz.lookup("Cook County")) == ["Georgia", "Illinois",
                                                                                    "Minnesota"]


@pytest.mark.parametrize(
    ("name", "county"),
    [
        ("Orange", False),  # a bare name is never a county
        ("Cook", False),
        ("Orange County", True),
        ("Jefferson Parish", True),
        ("Kenai Peninsula Borough", True),
        ("Baltimore City", False),  # an independent city is the city's entry
    ],
)
def test_counties_are_indexed_by_their_full_name_only(name: str, county: bool) -> None:
    assert any(c.entry.feature == "county" for c in gaz.lookup(name)) is county


# Points from general knowledge, not from the table: a county's point must lie within 50 km of them.
@pytest.mark.parametrize(
    ("text", "ents", "county", "state", "point"),
    [
        # a written container
        ("Jurors in Cook County, Ill., heard the case.", [("Cook County", "GPE"), ("Ill.", "GPE")],
         "Cook County", "Illinois", (41.8, -87.7)),
        ("Deputies in Orange County, California, found the car.", [("Orange County", "GPE"), ("California", "GPE")],
         "Orange County", "California", (33.7, -117.8)),
        ("Beaches in Suffolk County, New York, were closed.", [("Suffolk County", "GPE"), ("New York", "GPE")],
         "Suffolk County", "New York", (40.9, -72.7)),
        ("Farms in Orange County, N.Y., were flooded.", [("Orange County", "GPE"), ("N.Y.", "GPE")],
         "Orange County", "New York", (41.4, -74.3)),
        # a city the article names lies in it
        ("Chicago police said Cook County jails are full.", [("Chicago", "GPE"), ("Cook County", "GPE")],
         "Cook County", "Illinois", (41.8, -87.7)),
        ("Houston officials and Harris County judges met.", [("Houston", "GPE"), ("Harris County", "GPE")],
         "Harris County", "Texas", (29.8, -95.4)),
        # a state the article names holds it
        ("Florida officials said Orange County schools reopen.", [("Florida", "GPE"), ("Orange County", "GPE")],
         "Orange County", "Florida", (28.5, -81.3)),
        # the only county of that name
        ("Flooding closed schools in Miami-Dade County.", [("Miami-Dade County", "GPE")],
         "Miami-Dade County", "Florida", (25.6, -80.5)),
        ("Storms hit Jefferson Parish overnight.", [("Jefferson Parish", "GPE")],
         "Jefferson Parish", "Louisiana", (29.8, -90.1)),
        # the most populous, in an article about the United States
        ("The United States reported cases; Orange County led the U.S. count.",
         [("United States", "GPE"), ("Orange County", "GPE"), ("U.S.", "GPE")],
         "Orange County", "California", (33.7, -117.8)),
        # a longer place span that begins with a county
        ("Wisconsin police: the Marathon County Sheriff said so.",
         [("Wisconsin", "GPE"), ("Marathon County Sheriff", "GPE")], "Marathon County", "Wisconsin", (44.9, -89.7)),
    ],
)
def test_county_resolved_by_evidence(text: str, ents: list[tuple[str, str]], county: str, state: str,
                                     point: tuple[float, float]) -> None:
    found = {p.text: p for p in _places(text, ents)}
    place = found[county]
    assert (place.feature, place.country, place.admin1) == ("county", "USA", state), place.reason
    assert haversine_km(place.lat, place.lon, *point) < 50
    assert place.geonameid is None and "FIPS" in place.reason


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Orange County officials met on Monday.", [("Orange County", "GPE")]),
        ("In Britain, Orange County was mentioned.", [("Britain", "GPE"), ("Orange County", "GPE")]),
        ("Beaches in Suffolk County, Texas, closed.", [("Suffolk County", "GPE"), ("Texas", "GPE")]),
    ],
)
def test_county_without_evidence_stays_unresolved(text: str, ents: list[tuple[str, str]]) -> None:
    place = next(p for p in _places(text, ents) if p.text.endswith("County"))
    assert place.lat is None and place.reason.startswith("a county of the United States ("), place.reason


def test_bare_name_of_a_county_is_not_the_county() -> None:
    places = _places("Protesters gathered in Orange, California.", [("Orange", "GPE"), ("California", "GPE")])
    assert places[0].feature == "city" and places[0].admin1 == "California"


def test_county_written_with_its_state_once_is_that_county_in_every_mention() -> None:
    text = "An outbreak in Scott County, Indiana, spread. Scott County clinics opened. Kentucky helped."
    ents = [("Scott County", "GPE"), ("Indiana", "GPE"), ("Scott County", "GPE"), ("Kentucky", "GPE")]
    places = [p for p in _places(text, ents) if p.feature == "county"]
    assert len(places) == 1 and len(places[0].mentions) == 2 and places[0].admin1 == "Indiana"


@pytest.mark.parametrize(
    ("text", "words", "state"),
    [
        ("Sheriff's deputies in Cook County, Illinois, arrested two men on Monday.", "Cook County", "Illinois"),
        ("Chicago officials said Cook County hospitals were full.", "Cook County", "Illinois"),
    ],
)
def test_county_in_parsed_sentences(nlp, text: str, words: str, state: str) -> None:
    from newsgraph.nlp.pipeline import analyze_doc

    analysis = analyze_doc(nlp(text), Article(text=text))
    by_text = {p.text: p for p in analysis.places}
    assert (by_text[words].feature, by_text[words].admin1) == ("county", state), by_text[words].reason


@pytest.mark.parametrize(
    ("text", "ents", "town", "state"),
    [
        ("A fire in Evanston, Cook County, was put out.", [("Evanston", "GPE"), ("Cook County", "GPE")],
         "Evanston", "Illinois"),
        # a small town (second tier) inside a written county
        ("Police in Riverhead, Suffolk County, said so.", [("Riverhead", "GPE"), ("Suffolk County", "GPE")],
         "Riverhead", "New York"),
    ],
)
def test_county_written_as_a_container(text: str, ents: list[tuple[str, str]], town: str, state: str) -> None:
    found = {p.text: p for p in _places(text, ents)}
    county = next(p for p in found.values() if p.feature == "county")
    assert found[town].admin1 == state and county.admin1 == state, (found[town].reason, county.reason)
    assert "written as in" in found[town].reason


@pytest.mark.parametrize(
    ("text", "ents", "site", "holder"),
    [
        # written as in a place: "X in Y", "X, Y", "the X district of Y", "X slums in Y"
        ("Shops on Kamenné Square in Bratislava closed.", [("Kamenné Square", "FAC"), ("Bratislava", "GPE")],
         "Kamenné Square", "Bratislava"),
        ("A bakery in the Adhamiyah district of Baghdad was hit.", [("Adhamiyah", "GPE"), ("Baghdad", "GPE")],
         "Adhamiyah", "Baghdad"),
        ("Deaths were recorded in the Mukuru slums in Nairobi.", [("Mukuru", "GPE"), ("Nairobi", "GPE")],
         "Mukuru", "Nairobi"),
        ("They ate in Greenlane, Auckland, on Friday.", [("Greenlane", "GPE"), ("Auckland", "GPE")],
         "Greenlane", "Auckland"),
        # part of a place: a direction, or the place's name and what lies in it
        ("Planes sprayed North Dallas. Dallas officials said so.", [("North Dallas", "GPE"), ("Dallas", "GPE")],
         "North Dallas", "Dallas"),
        ("Leeds Town Hall hosted the count in Leeds.", [("Leeds Town Hall", "FAC"), ("Leeds", "GPE")],
         "Leeds Town Hall", "Leeds"),
        # a street with no written holder: the city the article names nearest it
        ("Winnipeg firefighters were called out. Smoke rose over Assiniboine Avenue.",
         [("Winnipeg", "GPE"), ("Assiniboine Avenue", "FAC")], "Assiniboine Avenue", "Winnipeg"),
        ("Toronto police were called to Eglinton Avenue West.", [("Toronto", "GPE"), ("Eglinton Avenue West", "FAC")],
         "Eglinton Avenue West", "Toronto"),
        ("Honolulu grew; ships crowded Pearl Harbor.", [("Honolulu", "GPE"), ("Pearl Harbor", "LOC")],
         "Pearl Harbor", "Honolulu"),
        # a street or a building named after a place the model tagged alone: the name is the street's
        ("The Pope will pray in St. Peter's Basilica in Rome.", [("St. Peter", "GPE"), ("Rome", "GPE")],
         "St. Peter's Basilica", "Rome"),
        ("Chicago police said he was stabbed in the 400 block of North State Street.",
         [("Chicago", "GPE"), ("North State", "GPE")], "North State Street", "Chicago"),
        # a site in a country this small takes the country's point
        ("The statue stands in the Vatican Gardens. Vatican officials unveiled it.",
         [("Vatican Gardens", "LOC"), ("Vatican", "GPE")], "Vatican Gardens", "Vatican"),
    ],
)
def test_site_is_placed_within_the_place_that_holds_it(text: str, ents: list[tuple[str, str]], site: str,
                                                       holder: str) -> None:
    found = {p.text: p for p in _places(text, ents)}
    place, box = found[site], found[holder]
    assert (place.feature, place.geonameid, place.country) == ("site", None, box.country), place.reason
    assert (place.lat, place.lon) == (box.lat, box.lon) and box.name in place.reason


def test_a_site_placed_in_one_mention_is_that_site_in_the_others() -> None:
    text = "Horses at Eastern Creek fell ill. Eastern Creek in New South Wales is a quarantine station."
    ents = [("Eastern Creek", "GPE"), ("Eastern Creek", "GPE"), ("New South Wales", "GPE")]
    sites = [p for p in _places(text, ents) if p.text == "Eastern Creek"]
    assert len(sites) == 1 and len(sites[0].mentions) == 2 and sites[0].feature == "site"
    assert "(in another mention)" in sites[0].reason


def test_a_district_written_before_its_region_is_a_site_in_it() -> None:
    text = "Farmers in the Wedza district, Mashonaland East province, are worried."
    found = {p.text: p for p in _places(text, [("Wedza", "GPE"), ("Mashonaland East", "GPE")])}
    assert (found["Wedza"].feature, found["Wedza"].country) == ("site", "ZWE"), found["Wedza"].reason


def test_a_lake_or_old_town_is_placed_at_the_town_it_is_named_after() -> None:
    # the town is not named on its own, but the article points at its country
    text = "Rents in the United States rose. Commuters take the train at Old Town Manassas."
    found = {p.text: p for p in _places(text, [("United States", "GPE"), ("Old Town Manassas", "GPE")])}
    site = found["Old Town Manassas"]
    manassas = next(c.entry for c in gaz.lookup("Manassas") if c.entry.country == "USA")
    assert (site.feature, site.country, site.lat, site.lon) == ("site", "USA", manassas.lat, manassas.lon)
    assert site.reason.endswith(f"the old town of Manassas (city in USA, population {manassas.population:,})")


def test_the_dateline_of_a_body_after_a_title_line_is_evidence() -> None:
    text = "Students protest\n\nBOSTON (AP) — Students in Cambridge protested."
    cambridge = {p.text: p for p in _places(text, [("BOSTON", "GPE"), ("Cambridge", "GPE")])}["Cambridge"]
    assert cambridge.country == "USA" and "(dateline Boston)" in cambridge.reason


def test_a_street_is_placed_at_the_dateline_city_before_a_nearer_one() -> None:
    text = "Fire downtown\n\nDALLAS (AP) — A fire broke out on Elm Street, the Houston-born owner said."
    found = {p.text: p for p in _places(text, [("DALLAS", "GPE"), ("Elm Street", "FAC"), ("Houston", "GPE")])}
    street, dallas = found["Elm Street"], found["DALLAS"]
    assert (street.feature, street.lat, street.lon) == ("site", dallas.lat, dallas.lon)
    assert "placed at the dateline's city, Dallas" in street.reason


def test_site_in_a_country_gets_the_country_but_no_point() -> None:
    place = _places("Doses reached Pingilikani, Kenya.", [("Pingilikani", "GPE"), ("Kenya", "GPE")])[0]
    assert (place.feature, place.country, place.lat) == ("site", "KEN", None)


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Smoke rose over Assiniboine Avenue.", [("Assiniboine Avenue", "FAC")]),  # no city to place it at
        ("Bands will play in Copenhagen, Hamburg and Berlin.",  # a list, not a container
         [("Copenhagen", "GPE"), ("Hamburg", "GPE"), ("Berlin", "GPE")]),
    ],
)
def test_no_site_without_a_holder(text: str, ents: list[tuple[str, str]]) -> None:
    assert all(p.feature != "site" for p in _places(text, ents))


@pytest.mark.parametrize(
    ("url", "country"),
    [(None, "USA"), ("https://www.example.com/news/1", "USA"), ("https://news.example.co.uk/a/1", "GBR"),
     ("https://example.com.au/a", "AUS")],
)
def test_the_sites_country_domain_is_evidence(url: str | None, country: str) -> None:
    text = "The council met in Richmond on Monday."
    doc = _doc_with_places(text, [("Richmond", "GPE")])
    places = extract_places(doc, Analysis(article=Article(text=text, url=url)))
    assert places[0].country == country, places[0].reason


def test_a_village_is_placed_in_the_one_region_the_article_names() -> None:
    text = "Heavy rain hit Benue on Monday. In the village of Agbadu, homes collapsed."
    places = {p.text: p for p in _places(text, [("Benue", "GPE"), ("Agbadu", "GPE")])}
    village, region = places["Agbadu"], places["Benue"]
    assert region.feature == "admin1" and region.country == "NGA"
    benue = next(c.entry for c in gaz.lookup("Benue") if c.entry.feature == "admin1")
    assert (village.feature, (village.lat, village.lon)) == ("site", gaz.populated_centre(benue)), village.reason
    assert "Benue" in village.reason


@pytest.mark.parametrize(
    ("name", "country"),
    [("Hamilton", "CAN"), ("Victoria", "AUS"), ("Nassau", "BHS"), ("Windhoek", "NAM")],
)
def test_a_small_countrys_capital_gets_no_capital_prior(name: str, country: str) -> None:
    # Bermuda's Hamilton and the Seychelles' Victoria are smaller than their namesakes; a capital of a country
    # with no namesake of weight (Nassau, Windhoek) is still found
    assert resolve_name(name).entry.country == country


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Police searched a plane at Heathrow on Monday.", "Heathrow", "GBR"),
    ("Flights from Schiphol were cancelled.", "Schiphol", "NLD"),
])
def test_airports_known_by_a_name_of_their_own(text: str, name: str, country: str) -> None:
    place = _places(text, [(name, "FAC")])[0]
    assert (place.feature, place.country) == ("airport", country), place.reason


def test_a_local_stations_dateline_and_its_region_are_places() -> None:
    text = "CEDAR FALLS, Iowa (KWWL) - A barn burned on Tuesday night."
    places = {p.text: p for p in _places(text, [])}
    assert places["CEDAR FALLS"].country == "USA" and places["CEDAR FALLS"].admin1 == "Iowa"
    assert places["Iowa"].feature == "admin1"


def test_a_region_known_by_name_only_gets_the_mean_of_its_places() -> None:
    place = _places("Unrest in Khuzestan grew on Monday.", [("Khuzestan", "GPE")])[0]
    assert (place.feature, place.country, place.geonameid) == ("admin1", "IRN", None)
    assert haversine_km(place.lat, place.lon, 31.3, 48.7) < 150 and "GeoNames places" in place.reason


def test_a_bare_direction_is_a_region_only_where_the_article_names_its_country() -> None:
    west = _places("Sanctions by the West hurt Moscow.", [("West", "LOC"), ("Moscow", "GPE")])[0]
    assert west.lat is None and west.reason.startswith("a direction"), west.reason
    places = {p.text: p for p in _places("In Cameroon, separatists clashed with troops in the West.",
                                         [("Cameroon", "GPE"), ("West", "LOC")])}
    assert (places["West"].feature, places["West"].country) == ("admin1", "CMR"), places["West"].reason


def test_a_minor_city_of_a_country_the_article_never_names_is_a_stray() -> None:
    text = ("Homes in Texas sell fast. Buyers from Texas and Dallas, Texas, toured the Norbury model home "
            "near Austin.")
    places = {p.text: p for p in _places(text, [("Texas", "GPE"), ("Texas", "GPE"), ("Dallas", "GPE"),
                                                 ("Texas", "GPE"), ("Norbury", "GPE"), ("Austin", "GPE")])}
    assert places["Norbury"].lat is None and "never names" in places["Norbury"].reason


def test_a_lake_named_after_a_place_the_article_names_lies_there() -> None:
    text = "Manassas officials said Lake Manassas is a public reservoir."
    places = {p.text: p for p in _places(text, [("Manassas", "GPE"), ("Lake Manassas", "LOC")])}
    lake, town = places["Lake Manassas"], places["Manassas"]
    assert (lake.feature, lake.lat, lake.lon) == ("site", town.lat, town.lon), lake.reason


def test_the_place_a_local_body_is_named_after_places_streets_but_is_no_mention() -> None:
    text = "The Winnipeg Police Service said a fire broke out on Assiniboine Avenue."
    doc = _doc_with_places(text, [("Assiniboine Avenue", "FAC")])
    police = Entity(id="e1", type="ORG", name="Winnipeg Police Service", mentions=[(4, 27)])
    places = extract_places(doc, Analysis(article=Article(text=text), entities=[police]))
    assert [p.text for p in places] == ["Assiniboine Avenue"]  # "Winnipeg" is evidence, not a place mention
    assert (places[0].feature, places[0].country) == ("site", "CAN") and "Winnipeg" in places[0].reason


@pytest.mark.parametrize(
    ("text", "ents", "name", "country"),
    [
        # a list broken by a name the tagger missed: Hamburg is no container of Copenhagen
        ("He plays Copenhagen, Hamburg, Xyzburg and Mannheim this month.",
         [("Copenhagen", "GPE"), ("Hamburg", "GPE"), ("Mannheim", "GPE")], "Copenhagen", "DNK"),
        # an apposition after a region of several countries
        ("Sanctions hit a US ally in the Gulf, Qatar.", [("US", "GPE"), ("Gulf", "LOC"), ("Qatar", "GPE")],
         "Gulf", None),
    ],
)
def test_a_comma_before_a_region_that_cannot_hold_the_name_is_no_container(
        text: str, ents: list[tuple[str, str]], name: str, country: str | None) -> None:
    place = next(p for p in _places(text, ents) if p.text == name)
    assert place.lat is not None and place.feature != "site" and place.country == country, place.reason


def test_an_address_town_region_country_is_a_container_chain_not_a_list() -> None:
    text = "He was stopped in Stroud, Ontario, Canada, on Friday."
    places = {p.text: p for p in _places(text, [("Stroud", "GPE"), ("Ontario", "GPE"), ("Canada", "GPE")])}
    assert places["Stroud"].country == "CAN", places["Stroud"].reason  # not Stroud in England


def test_a_minor_city_written_as_a_place_is_no_stray() -> None:
    text = "Texas firms, a Dallas bank and Texas investors met in Cannes on Monday."
    places = {p.text: p for p in _places(text, [("Texas", "GPE"), ("Dallas", "GPE"), ("Texas", "GPE"),
                                                 ("Cannes", "GPE")])}
    assert places["Cannes"].country == "FRA", places["Cannes"].reason


def test_landmarks_named_as_places() -> None:
    text = "Protesters gathered outside Downing Street and later marched to Trafalgar Square."
    places = {p.text: p for p in _places(text, [("Downing Street", "FAC"), ("Trafalgar Square", "FAC")])}
    assert all((p.feature, p.country) == ("landmark", "GBR") for p in places.values())
    assert haversine_km(places["Downing Street"].lat, places["Downing Street"].lon, 51.5, -0.13) < 5


@pytest.mark.parametrize("body", ["Dallas County Sheriff's Office", "Winnipeg Police Service",
                                  "Nottingham Fire Service", "Dallas Sheriff", "Denver Public Schools"])
def test_the_place_a_local_body_serves_is_read_from_its_name(body: str) -> None:
    from newsgraph.nlp.places import _local_body_place

    text = f"The {body} said so."
    place = _local_body_place(text, 4, 4 + len(body))
    assert place is not None and place.embedded and body.startswith(place.text)


@pytest.mark.parametrize(("text", "ents", "words", "name", "country"), [
    # the town of that very name, not a city GeoNames also calls so (Huntsville, Alabama's nickname)
    ("England play at Twickenham, near London, on Saturday.", [("Twickenham", "GPE"), ("London", "GPE")],
     "Twickenham", "Twickenham", "GBR"),
    # a big city's English name stays the city's, though a small town bears it too
    ("Spain play the final in Seville. Fans flew from New York.",
     [("Spain", "GPE"), ("Seville", "GPE"), ("New York", "GPE")], "Seville", "Sevilla", "ESP"),
])
def test_a_towns_own_name_before_a_citys_other_name(text: str, ents: list[tuple[str, str]], words: str, name: str,
                                                     country: str) -> None:
    place = next(p for p in _places(text, ents) if p.text == words)
    assert (place.name, place.country) == (name, country), place.reason


def test_a_town_in_a_county_the_article_names_beats_a_capital() -> None:
    # the first pass places Lamar County in Texas; the second reads Paris as the county's seat
    text = "The Paris city council in Lamar County voted Monday. Mayor of Paris said Texas funds would help."
    places = _places(text, [("Paris", "GPE"), ("Lamar County", "GPE"), ("Paris", "GPE"), ("Texas", "GPE")])
    paris = next(p for p in places if p.text == "Paris")
    assert (paris.country, paris.admin1) == ("USA", "Texas"), paris.reason


def test_small_towns_left_open_are_read_as_neighbours() -> None:
    # two Oneontas and three Cooperstowns in the small-town tier; only the New York ones lie near each other
    text = "ONEONTA - The county board met on Tuesday in Cooperstown."
    places = _places(text, [("ONEONTA", "GPE"), ("Cooperstown", "GPE")])
    assert [(p.name, p.admin1) for p in places] == [("Oneonta", "New York"), ("Cooperstown", "New York")], \
        [p.reason for p in places]


@pytest.mark.parametrize(("text", "ents", "admin1"), [
    ("A barn burned in Mexico, Mo., on Sunday.", [("Mexico", "GPE"), ("Mo.", "GPE")], "Missouri"),
    ("The plant in Lebanon, Pa., will close.", [("Lebanon", "GPE"), ("Pa.", "GPE")], "Pennsylvania"),
])
def test_a_countrys_name_written_with_a_state_is_the_town(text: str, ents: list[tuple[str, str]],
                                                          admin1: str) -> None:
    town = _places(text, ents)[0]
    assert (town.country, town.admin1, town.feature) == ("USA", admin1, "city"), town.reason


def test_a_road_keeps_its_number() -> None:
    # the entity fixer trims trailing numbers from names; a road's number is its name
    text = "Troopers closed Route 28 near the bridge."
    assert [p.text for p in _places(text, [("Route", "FAC")])] == ["Route 28"]


def test_a_county_and_its_namesake_town() -> None:
    # the Lebanon mentions are no evidence against the one Lebanon County of the United States, and the bare
    # name is then the town the county holds
    text = "Officials in Lebanon said the Lebanon County fair will open. Farmers from Myerstown will show cattle."
    places = _places(text, [("Lebanon", "GPE"), ("Lebanon County", "GPE"), ("Myerstown", "GPE")])
    assert [(p.text, p.country, p.admin1) for p in places] == [
        ("Lebanon", "USA", "Pennsylvania"), ("Lebanon County", "USA", "Pennsylvania"),
        ("Myerstown", "USA", "Pennsylvania")], [p.reason for p in places]
