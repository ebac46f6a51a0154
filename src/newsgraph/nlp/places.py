"""Places: every toponym resolved to a gazetteer entry by the article's evidence, or kept unresolved with why.

Toponyms are the GPE/LOC/FAC entities of the actors layer, plus spaCy's own GPE/LOC/FAC spans that no
entity covers, plus wire datelines ("WASHINGTON (AP) -") anywhere in the text. The place a local body is named
after ("Winnipeg Police Service") is resolved as evidence of where the story is, but is no place mention. NORP
entities ("Russian") are never places, unless their words are a country's own name ("the Philippines"). A span
the gazetteer lacks that begins or ends with a well-known place ("Politics Ukraine", "Honolulu Star-Advertiser") is
read as that place, unless the other words are a direction or a kind of place ("South Florida", "Washington
Township").
Each toponym's gazetteer candidates are scored on:
its feature class (country > admin1 > capital > city), population, how the name matched (own name, our alias,
a GeoNames alternate), the countries the article mentions (toponyms, demonyms, dateline, outlet), a container
written beside it ("Paris, Texas"), and nearness to the article's other places. The text around a name adds
a level cue ("Washington state", "the province of Ontario"), the level and country of the places listed beside
it ("Alberta, Manitoba, Ontario"), and the places it is written as the container of ("Mississauga, Ontario").
A city of a million or more named like the region it lies in (New York) is what the bare name means, and what
"Brooklyn, New York" means. A container that is another name of the place ("Washington, D.C.") settles it.
Names the main index lacks are looked up among small towns (`gaz.small_towns`) and kept only with support:
inside a written container, near another of the article's places, inside a region the article names, or the one
such town in a country it names; such a town also beats a minor city the article gives no support at all.
US counties ("Orange County", "Jefferson Parish") are chosen among the same-named counties by a written
container ("Suffolk County, New York"), a place written as in it ("Riverhead, Suffolk County"), then the
article's places (a county near a US city or county it names, in a state it names, in the state of a city it
names), else the most populous only in an article about the United States; otherwise kept unresolved with the
states that have one. A county written with its state once is that county in its other mentions; a county is
a container too ("Evanston, Cook County"), and a longer place span that begins with one ("Marathon County
Sheriff") is that county. Bare words for a kind of place ("the Valley") are kept unresolved with why.
A name the gazetteer lacks is a site (`_sites`) when the text says what holds it: a written container ("Greenlane,
Auckland", "Kamenne Square in Bratislava", "the Adhamiyah district of Baghdad"), a place it is part of ("North Dallas",
"Leeds Town Hall"), or, for a street or a building, the city the article names nearest it. A site has the holder's
point and no GeoNames id.
The reason for the choice (or for choosing none) is kept on the `Place`; mentions of one place under several
names (Kiev, Kyiv) are merged.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.kb import places as gaz
from newsgraph.kb.places import Candidate, GazEntry
from newsgraph.model import Analysis, Entity, Place, Span

__all__ = ["extract_places", "resolve_name", "Resolution", "Evidence", "demonym_country", "haversine_km"]

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_BLOCKING_TYPES = frozenset({"NORP", "PERSON", "ORG"})

# Scores: a decision on these weights is a decision on how much each kind of evidence counts.
_FEATURE_PRIOR = {"country": 8.0, "admin1": 4.0, "capital": 3.0, "city": 0.0, "region": 3.5,
                  "island": 3.0, "physical": 3.0, "sea": 3.0, "continent": 5.0, "airport": 3.0,
                  "landmark": 3.0}
_VIA_PENALTY = {"name": 0.0, "alias": 0.0, "alt": 2.5}
_POPULATION_WEIGHT = 0.6
_COUNTRY_WEIGHT = 0.9
_COUNTRY_CAP = 5
_CONTAINER_MATCH = 10.0
_CONTAINER_MISMATCH = -5.0
_NEAR_BONUS = 2.0
_NEAR_KM = 250.0
_CITY_NEAR_KM = 150.0  # a city's nearness is local: Portland, Texas is no nearer a story about San Antonio
_REGION_KM = 400.0  # our admin1 points are rough centres: a city this close may lie inside
_NAMED_REGION_KM = 150.0  # a named region (an English county, a valley) holds what lies this close to its point
_NO_POINT_PENALTY = 1.5
_OUTLET_WEIGHT = 1
_SIZEABLE = 100_000
_KNOWN_ABROAD = 300_000  # a city this big may go by an English name of its own ("Seville" for Sevilla)
_DWARFS = 5
_DATELINE_WEIGHT = 2
_CUE_BONUS = 6.0  # "Washington state", "the province of Ontario", "the city of Quebec"
_SIBLING_BONUS = 4.0  # "Alberta, Manitoba, Ontario": a list holds places of one level and country
_HOLDS_BONUS = 5.0  # "Mississauga, Ontario": a container holds the place written before it
_METROPOLIS = 1_000_000
_NATION = 1_000_000  # a capital's prior is for the capitals of countries this populous (`_level_of_capital`)
_METROPOLIS_BONUS = 1.0
_TOWN_NEAR_KM = 100.0
_STRAY_EVIDENCE = 3  # mentions of one country that make a minor city of another, unnamed one a stray (`_stray`)
_BOROUGH_KM = 22.0  # "Brooklyn, New York": a place this close to a metropolis is written as in the city

_POSSESSIVE = re.compile(r"(?:['\u2019]s?)$")
_POSSESSIVE_AFTER = re.compile(r"['\u2019]s\b")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_TYPE_WORDS = re.compile(
    r"\s+(region|oblast|province|state|county|district|governorate|prefecture|city|municipality|area)$",
    re.IGNORECASE)
_WORD = re.compile(r"\S+")
_HYPHENS = re.compile(r"[-\u2010-\u2015]")
# Words between a place the gazetteer lacks and the place written as holding it: "X in Y", "X, near Y",
# "X district of Y", "X in the north of Y" (`_sites`).
_SITE_LINK = re.compile(
    r"^,?\s+(?:(?:refugee|informal|military|air|industrial)\s+)?(?:(?:area|district|neighbou?rhood|suburb|section|"
    r"quarter|village|town|township|slum|camp|region|settlement|community|estate|base|station|valley|island)s?\s+)?"
    r"(?:in|of|near|outside|at)\s+(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?(?:(?:city|town|village|district|state|"
    r"province|region) of\s+)?$"
    r"|^\s+(?:district|county|province|region|municipality|village|town),\s+$")  # "the Wedza district, Mashonaland"
# The last word of a name that says it is a street or a building, placed at the article's city (`_sites`).
_SITE_WORDS = frozenset("""
    street st avenue ave road rd boulevard blvd lane drive way square plaza mall market hospital clinic school
    college stadium arena centre center church cathedral chapel mosque temple basilica hall courthouse station
    airport bridge tower building hotel prison jail barracks park garden gardens parade terrace crescent close
    racecourse
    """.split())
# Words after a tagged place that make the whole a street or a building named after it ("State Street",
# "St. Peter's Basilica"): the name is the street's, not the place's (`_clean`). Streets and squares follow a
# bare name; any site word follows a possessive. Not "St", which also begins a name ("Paris St Germain").
_STREET_AFTER = re.compile(r"^\s(Street|Avenue|Ave\.|Road|Boulevard|Blvd\.|Lane|Drive|Square|Plaza)\b")
_ROAD_WORDS = frozenset({"route", "highway", "interstate", "motorway", "freeway", "expressway"})
_ROAD_NUMBER = re.compile(r"^\s[A-Z]?\d+[A-Z]?\b")
_POSSESSIVE_SITE_AFTER = re.compile(r"^['\u2019]s\s([A-Z][a-z]+)\b")
_CITY_LEVEL = frozenset({"city", "capital", "county"})
_REGION_FEATURES = ("country", "admin1", "region")  # what a town is written with ("Rockingham, Northamptonshire")
_SMALL_COUNTRY_KM2 = 5_000.0  # a site in a country this small (Vatican City, Singapore) takes the country's point
_SITE_PREFIXES = frozenset({"fort", "camp"})  # military bases: "Fort Hood", "Camp Lejeune"
_WATERSIDE = frozenset("harbor harbour bay pier wharf marina beach quay".split())
# Words of a local body's name whose first words are the place it serves (`_local_body_place`).
_LOCAL_BODY = frozenset("""
    police sheriff fire paramedic council court courthouse hospital school schools district department
    office service services authority transit board jail prison library zoo
    """.split())
_NEAR_PREFIX = re.compile(r"^(lake|fort|old town|downtown|uptown|midtown)\s+(?=[A-Z])", re.IGNORECASE)
_DIRECTION_WORDS = frozenset("""
    north south east west northern southern eastern western central centre center northeast northwest southeast
    southwest""".split())
# "the village of X", "a small town of X", "X village": a settlement the gazetteer lacks (`_anchor`).
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?:village|town|hamlet|settlement|community|township)s? (?:of|called|named)\s+$", re.IGNORECASE)
_SETTLEMENT_AFTER = re.compile(r"\s+(?:village|town|hamlet)\b")
_AREA_AFTER = re.compile(r"\s+(?:area|neighbou?rhood|district|suburb|section|estate|slums?)\b")
# "North Dallas", "South-West England", "Mid-Jutland": part of a place (`_part_of`).
_DIRECTION_PART = re.compile(
    r"^((?:north|south|east|west|central|mid|upper|lower|inner|northern|southern|eastern|western)"
    r"(?:[- ]?(?:east|west)(?:ern)?)?)[- ]\s*(?=[A-Z])", re.IGNORECASE)
# Words after a place's name that make another place of its own, not a part of it (`_part_of`).
_OWN_KIND = frozenset("""
    township county counties parish borough state province region river lake valley mountains mountain sea ocean
    gulf bay coast island islands desert plain plains plateau forest basin peninsula strait canal delta
    """.split())
# A name that asks for the US county reading. Unlike the gazetteer's index of counties (`kb.places`), not
# "Municipality": that also ends admin1 names elsewhere ("Beijing Municipality"), which must stay regions here.
_COUNTY_WORD = re.compile(r"\s(?:County|Parish|Borough|Census Area)$")
_COUNTY_NEAR_KM = 100.0  # a named US city or county this close, in the same state, is in or beside the county
# Words that make a name another kind of place than the place inside it ("Washington Township", "Orange County",
# "Mississippi River"): a span ending or starting with one is never read as the known place beside it.
_FEATURE_WORDS = frozenset("""
    county counties township parish borough district municipality city town village valley river lake bay island
    islands isle creek mountain mountains mount mt hill hills heights street st avenue ave road rd boulevard lane drive
    way square park beach harbor harbour port airport station bridge canal gulf sea ocean coast delta basin peninsula
    forest desert plain plains plateau falls springs state province region territory oblast governorate prefecture
    strait cape point reservoir dam sound estate junction
    """.split())
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|upper|lower|greater|inner|outer|mid|middle)\w*$",
                        re.IGNORECASE)
_GENERIC = re.compile(r"^(?:north|south|east|west|central|upper|lower|greater)\w*$|\bcounty\b", re.IGNORECASE)
_LEVEL_AFTER = re.compile(
    r"^\s+(?:states?|provinces?|regions?|oblasts?|governorates?|prefectures?|counties|[Gg]overnor|Gov\.)(?!\w)")
_LEVEL_BEFORE = re.compile(r"\b(states?|provinces?|regions?|oblasts?|governorates?|prefectures?) of\s+$")
# Prepositions that make a person's or organisation's name a place (`_written_as_place`): unlike the locative
# ones below, not "to" or "from", which people and organisations follow as often ("said to Kent", "from Moore").
_IN_PLACE_BEFORE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|[Ii]nside|[Aa]cross|[Tt]hroughout)\s+$")
_REGION_AFTER = re.compile(r"^,\s+([A-Z][\w.'\u2019\-]*(?:\s[A-Z][\w.'\u2019\-]*){0,2})")
# Words that may follow a region's name in ", <region>" without making it another name ("Oaxaca State",
# "Oregon Governor", "New York Thursday"); any other capitalised word does ("Vieira, Clichy, Van Persie": no Van).
_REGION_TAIL = frozenset("""
    state province region county oblast governorate prefecture governor gov. monday tuesday wednesday thursday
    friday saturday sunday
    """.split())
# A capitalised word before a person's or organisation's mention, or a name after it, makes the mention part of
# a longer name ("David Stanley, UK managing director", "drafted in David dal Maso"): never a place's words.
_NAME_BEFORE = re.compile(r"(?<![\w'\u2019-])(?!(?:In|At|Near|Outside|Inside|Across|Throughout|From|To|The|And|"
                          r"Or|But|For|With|By|Of|On)\s)[A-Z][a-z]+ $")
_NAME_AFTER = re.compile(r"^\s(?:(?:de|da|dal|del|della|di|van|von|der|le|la|bin|ibn|al)\s)?"
                         r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z][a-z]")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|outside|inside|into|via)\s+$", re.IGNORECASE)
_CITY_BEFORE = re.compile(r"\b(?:city|town|village) of\s+$")
# Capitalised words right before ", <region>" at a word boundary (`_with_untagged_towns`).
_TOWN_BEFORE_REGION = re.compile(r"(?:^|(?<=[\s(\"'\u201c:]))((?:[A-Z][\w'\u2019.\-]*\s){0,2}[A-Z][\w'\u2019.\-]*),\s$")
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor)\s*$")
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s+(?:and|or|&))\s*$")
# What a list of places is introduced by ("stops in Hilversum and Almelo", "spread to the Midlands, Merseyside,
# Bristol and Leeds"); a list after anything else may be of clubs or people named after places
# ("Real Madrid, Barcelona and Valencia").
_LIST_INTRO = re.compile(r"\b(?:in|at|from|to|near|into|across|between|throughout|via)\s+(?:both\s+|the\s+)?$",
                         re.IGNORECASE)
# A wire dateline anywhere in the text (digests run several stories together): capitals before an agency, or
# at the start of a line or a sentence before a dash ("PLEASANTON, Calif.--", "IMMOKALEE –"). The place's words
# and the region written after it ("HORRY COUNTY, SC (WMBF) -") are groups 1-2, or 3-4.
_AGENCY_DATELINE = re.compile(
    r"(?:^|(?<=[\s\"'\u201c\u201d]))([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*)(?:, ([A-Z][A-Za-z.]+))?"
    r"\s*\((?:AP|Reuters|AFP|UPI|dpa|Xinhua|PTI|IANS|Bloomberg|CNN|Thomson Reuters Foundation)\)"
    r"|(?:^|(?<=\n)|(?<=[.!?] ))[ \t]*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*)(?:, ([A-Z][A-Za-z.]+))?"
    r"(?:[ \t]*\([A-Za-z0-9 .&-]{1,24}\))?(?:[ \t]+[\u2014\u2013-][ \t]|[ \t]*--)")
_TITLE_LINE = re.compile(r"[^\n]{1,300}\n+")  # a title before the body: "Pope prays in Rome\n\n"
_DATELINE = re.compile(  # matched at the body's start (`_dateline`)
    r"\s*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*)(?:,[^\n(—–-]{0,40})?\s*(?:\([^)\n]{1,40}\)\s*)?[—–-]")


@dataclass
class _Toponym:
    text: str  # the cleaned words ("Russia" from "Russia’s")
    span: Span
    label: str
    embedded: bool = False  # the place a local body is named after ("Winnipeg Police Service"): evidence only


@dataclass
class _Context:
    """What the text around a name says about it: a level cue, list siblings, places it contains."""

    cue: str | None = None  # "admin1" or "city"
    siblings: list[GazEntry] = field(default_factory=list)  # unambiguous places listed beside it
    holds: list[str] = field(default_factory=list)  # names written before it as inside it ("X, <it>")
    locative: bool = False  # a mention follows "in", "at", "from", "near"...: the words are used as a place


@dataclass
class Resolution:
    """The entry chosen for a toponym (or None) and why."""

    entry: GazEntry | None
    reason: str
    candidates: int = 0
    within: GazEntry | None = None  # a place the gazetteer lacks: the resolved place it lies in (`_sites`)


@dataclass
class Evidence:
    """What an article says about where it is: country counts, and its places that need no context."""

    countries: Counter[str] = field(default_factory=Counter)
    by_name: dict[str, Counter[str]] = field(default_factory=dict)  # a name's own share of `countries`
    notes: dict[str, str] = field(default_factory=dict)  # country -> where its weight comes from
    points: list[GazEntry] = field(default_factory=list)  # unambiguous places, for nearness


def extract_places(doc: Doc, analysis: Analysis) -> list[Place]:
    """Every toponym of the article as a `Place`, mentions of one place merged, in order of first mention."""
    text = analysis.article.text  # the parsed text; doc.text is rebuilt token by token on each access
    toponyms = _toponyms(doc, text, analysis)
    if not toponyms:
        return []
    containers = _containers(toponyms, text)
    evidence = _evidence(doc, text, analysis, toponyms)
    contexts = _contexts(toponyms, text, containers)
    resolutions = _resolve_all(toponyms, containers, evidence, contexts)
    counties = {id(r.entry): r.entry for r in resolutions
                if r.entry is not None and r.entry.feature == "county" and r.entry not in evidence.points}
    if counties:  # a county the first pass placed is near its towns ("Paris" beside Lamar County, Texas)
        evidence = Evidence(evidence.countries, evidence.by_name, evidence.notes,
                            evidence.points + list(counties.values()))
        resolutions = _resolve_all(toponyms, containers, evidence, contexts)
    resolutions = _neighbours(toponyms, resolutions)
    return _merge(toponyms, _sites(toponyms, resolutions, containers, text, evidence))


# ---------------------------------------------------------------- toponyms


def _toponyms(doc: Doc, text: str, analysis: Analysis) -> list[_Toponym]:
    """Place-typed entity mentions, then spaCy's place spans no entity covers; cleaned, NORP excluded."""
    spans: list[tuple[int, int, str]] = []
    blocked: list[Span] = []
    named: list[Span] = []  # person and organisation mentions that stay such
    for entity in analysis.entities:
        if entity.type in _PLACE_TYPES:
            spans.extend((s, e, entity.type) for s, e in entity.mentions)
        elif entity.type == "NORP":  # "the Philippines" read as the plural of "Philippine" is still the country
            for s, e in entity.mentions:
                if _country_name(text[s:e]):
                    spans.append((s, e, "GPE"))
                else:
                    blocked.append((s, e))
        elif entity.type in _BLOCKING_TYPES:
            # after a preposition only where the same words are nowhere an active verb's subject: "at Nokia" in
            # a story where "Nokia said" is the firm's ("Randwick has been locked down" is still the place)
            written = [(s, e, _written_as_place(text, s, e)) for s, e in entity.mentions]
            acting = {text[s:e] for s, e in entity.mentions if _clause_subject(doc, s, e, ("nsubj",))} \
                if any(how == "preposition" for _, _, how in written) else set()
            for s, e, how in written:
                if how == "region" or (how == "preposition" and text[s:e] not in acting):
                    spans.append((s, e, "GPE"))
                else:
                    blocked.append((s, e))
                    named.append((s, e))
    embedded = [t for entity in analysis.entities if entity.type == "ORG"
                for s, e in entity.mentions if (t := _local_body_place(text, s, e)) is not None]
    taken = [(s, e) for s, e, _ in spans] + blocked
    for ent in doc.ents:
        if ent.label_ in _PLACE_TYPES and not _overlaps(ent.start_char, ent.end_char, taken):
            spans.append((ent.start_char, ent.end_char, ent.label_))
    out = []
    for start, end, label in sorted(set(spans)):
        toponym = _clean(text, start, end, label)
        if toponym is not None:
            out.extend(_known_parts(toponym, text))
    out = sorted(out + embedded, key=lambda t: t.span) if embedded else out
    out = _without_person_names(out, text, analysis.entities)
    out = _with_listed_places(out, text, named, doc)
    return _with_datelines(_with_untagged_towns(out, text, blocked), text, blocked)


def _without_person_names(toponyms: list[_Toponym], text: str, entities: list[Entity]) -> list[_Toponym]:
    """Drop a one-word toponym that is a word of a person's full name in the article ("Serena" beside "Serena
    Williams", "Lleyton" beside "Lleyton Hewitt"), unless it is a well-known place's name ("Jordan" beside
    "Michael Jordan"; the small model also tags clubs such as "Leeds United" as people)."""
    names = {word for entity in entities if entity.type == "PERSON"
             for name in (entity.name, *(text[s:e] for s, e in entity.mentions)) if _full_name(name)
             for word in name.split()}
    if not names:
        return toponyms
    return [t for t in toponyms if t.text not in names or _well_known(t.text)]


def _full_name(words: str) -> bool:
    """Two capitalised words or more, none a site or feature word: a person's full name ("JM Barrie"; not
    "the Archbishop of Canterbury" nor a mistagged "Randwick Racecourse")."""
    parts = words.split()
    return (len(parts) > 1 and all(part[:1].isupper() for part in parts) and parts[0] != "The"
            and not any(part.casefold() in _SITE_WORDS or part.casefold() in _FEATURE_WORDS for part in parts))


def _with_listed_places(toponyms: list[_Toponym], text: str, named: list[Span], doc: Doc) -> list[_Toponym]:
    """Add a person or organisation mention listed beside places after a locative preposition ("stops in
    Hilversum and Almelo", "stores in Zilina, Nitra and Kosice") when its words plainly name a place
    (`_plainly_a_place`) and it is no clause's subject ("training in Holland and Ferguson said")."""
    items = sorted([(t.span, True) for t in toponyms if not t.embedded] + [(span, False) for span in named])
    added = []
    for k, ((start, end), is_place) in enumerate(items):
        if is_place or not _in_place_list(items, k, text):
            continue
        words = text[start:end]
        if (not _POSSESSIVE.search(words) and not _in_longer_name(text, start, end) and _plainly_a_place(words)
                and not _clause_subject(doc, start, end)):
            added.append(_Toponym(words, (start, end), "GPE"))
    return sorted(toponyms + added, key=lambda t: t.span) if added else toponyms


def _in_place_list(items: list[tuple[Span, bool]], k: int, text: str) -> bool:
    """Whether item k is in a list of places that a locative preposition introduces: every other item a place
    ("from Real Madrid, Barcelona and Valencia" lists clubs)."""
    first = last = k
    while first > 0 and _LIST_GAP.match(text[items[first - 1][0][1]:items[first][0][0]]):
        first -= 1
    while last + 1 < len(items) and _LIST_GAP.match(text[items[last][0][1]:items[last + 1][0][0]]):
        last += 1
    head = items[first][0][0]
    others = [is_place for j, (_, is_place) in enumerate(items[first:last + 1], first) if j != k]
    return bool(others) and all(others) and bool(_LIST_INTRO.search(text[max(0, head - 20):head]))


def _clause_subject(doc: Doc, start: int, end: int, deps: tuple[str, ...] = ("nsubj", "nsubjpass")) -> bool:
    """Whether the parse makes the words a verb's subject (False where the doc has no parse)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and doc.has_annotation("DEP") and span.root.dep_ in deps


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word runs on before or after the words: "David Stanley", "David dal Maso"."""
    return bool(_NAME_BEFORE.search(text[max(0, start - 20):start]) or _NAME_AFTER.match(text[end:end + 20]))


def _with_untagged_towns(toponyms: list[_Toponym], text: str, blocked: list[Span]) -> list[_Toponym]:
    """Add a town the model did not tag but wrote with its region ("Rockingham, Northamptonshire", "Buffalo,
    New York"): capitalised words right before ", <region>" that the gazetteer or the small-town tier knows."""
    added = []
    taken = [t.span for t in toponyms] + blocked
    for toponym in toponyms:
        if not _region_name(toponym.text, _REGION_FEATURES):
            continue
        match = _TOWN_BEFORE_REGION.search(text[max(0, toponym.span[0] - 40):toponym.span[0]])
        if match is None:
            continue
        start = toponym.span[0] - len(match.group(0))
        span = (start, start + len(match.group(1)))
        words = match.group(1)
        if _LIST_BEFORE.search(text[max(0, start - 6):start]):
            continue  # "the Zaire, Bundibugyo, Cote d'Ivoire and Sudan strains": a list, not a town and its region
        if not _overlaps(*span, taken) and (any(c.via != "alt" for c in gaz.lookup(words)) or _towns(words)):
            added.append(_Toponym(words, span, "GPE"))
    return sorted(toponyms + added, key=lambda t: t.span) if added else toponyms


def _written_as_place(text: str, start: int, end: int) -> str | None:
    """How a person or organisation mention is written as a place, if it is: "region", with its region after
    it ("Matias Romero, Oaxaca", "Klamath Falls, Oregon"), any place of that name; "preposition", after "in",
    "at", "near" ("a cottage in Dewsbury" tagged ORG, "at Randwick" tagged PERSON), a name that is plainly a
    place's. Never a possessive or words inside a longer name ("David Stanley, UK managing director")."""
    words = text[start:end]
    if (_POSSESSIVE.search(words) or _POSSESSIVE_AFTER.match(text[end:end + 2])
            or _in_longer_name(text, start, end)):
        return None  # "in St Patrick's (church)": a possessive names a person's or a saint's
    if _region_after(text, end) and (any(c.via != "alt" for c in _candidates(words))
                                     or (_towns(words) and not words.isupper())):  # "the EU, Turkey": no Eu
        return "region"
    if _IN_PLACE_BEFORE.search(text[max(0, start - 12):start]) and _plainly_a_place(words):
        return "preposition"
    return None


def _plainly_a_place(words: str) -> bool:
    """Whether words the model tagged as a person or an organisation name a place plainly enough to be read as
    one where the text writes them as a place: a well-known place's name, or the one place so spelt ("Randwick";
    not "Bank" for Bānk, nor "Riverdale", the name of many towns): elsewhere the tag stands."""
    if _well_known(words):
        return True
    own = [c.entry for c in _candidates(words) if c.via != "alt" and c.entry.feature != "landmark"]
    return len(own) == 1 and own[0].name == words and not _towns(words)


def _region_after(text: str, end: int) -> bool:
    """Whether ", <a country or region>" follows: "Matias Romero, Oaxaca State"."""
    match = _REGION_AFTER.match(text[end:end + 40])
    if match is None:
        return False
    words = match.group(1).split()
    return any(_region_name(" ".join(words[:k]), _REGION_FEATURES) for k in range(len(words), 0, -1)
               if all(word.casefold() in _REGION_TAIL for word in words[k:]))


def _local_body_place(text: str, start: int, end: int) -> _Toponym | None:
    """The place a local body is named after ("Winnipeg Fire Paramedic Service", "Dallas County Sheriff's
    Office"): where the story happens, though the words are the body's name, not a place mention."""
    words = [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]
    if len(words) < 2 or not any(_POSSESSIVE.sub("", text[s:e].casefold().strip(".,")) in _LOCAL_BODY
                                 for s, e in words[1:]):
        return None
    place = _county_head(words, text, "GPE") or _known_run(words, text, "GPE", from_start=True)
    if place is None:
        return None
    return _Toponym(place.text, place.span, place.label, embedded=True)


def _with_datelines(toponyms: list[_Toponym], text: str, blocked: list[Span]) -> list[_Toponym]:
    """Add the place of each wire dateline ("WASHINGTON (AP) -" anywhere, "ST. LOUIS -" at a line start) that
    the gazetteer knows; it replaces a shorter place span inside it ("LOUIS" of "ST. LOUIS")."""
    added = []
    for match in _AGENCY_DATELINE.finditer(text):
        group = 1 if match.group(1) else 3
        start, end = match.span(group)
        words = match.group(group)
        if len(words) < 3 or not any(c.via != "alt" for c in gaz.lookup(words)):
            continue
        if any(s < end and start < e and (s, e) != (start, end) for s, e in blocked):
            continue  # inside a longer name; the very words tagged as an organisation are still the dateline
        region = match.span(group + 1) if match.group(group + 1) else None
        for span in [(start, end)] + ([region] if region and _region_name(text[region[0]:region[1]]) else []):
            if not any(t.span == span for t in toponyms + added):
                toponyms = [t for t in toponyms if not (span[0] <= t.span[0] and t.span[1] <= span[1])]
                added.append(_Toponym(text[span[0]:span[1]], span, "GPE"))
    return sorted(toponyms + added, key=lambda t: t.span) if added else toponyms


def _region_name(words: str, features: tuple[str, ...] = ("country", "admin1")) -> bool:
    """Whether the words name a country or first-level region (or another of `features`) by its own name or
    our alias ("SC", "Calif.")."""
    return any(c.via != "alt" and c.entry.feature in features for c in gaz.lookup(words))


def _known_parts(toponym: _Toponym, text: str) -> list[_Toponym]:
    """A span the gazetteer does not know that begins or ends with a place it knows well ("Politics Ukraine",
    "Honolulu Star-Advertiser", "Greece Italy"): the known parts, when the other words are neither a direction
    ("South Florida" is not Florida) nor a kind of place ("Washington Township" is not Washington). Any other
    span is kept whole."""
    if " " not in toponym.text or _candidates(toponym.text) or _towns(toponym.text) or _site_word(toponym.text):
        return [toponym]  # "Leeds Town Hall", "St. Peter's Basilica": a building named after a place
    offset = toponym.span[0]
    words = [(offset + m.start(), offset + m.end()) for m in _WORD.finditer(toponym.text)]
    county = _county_head(words, text, toponym.label)
    if county is not None:
        return [county]
    parts: list[_Toponym] = []
    head = _known_run(words, text, toponym.label, from_start=True)
    if head is not None:
        parts.append(head)
        words = [w for w in words if w[0] >= head.span[1]]
        rest = text[words[0][0]:words[-1][1]]
        if _well_known(rest):  # "Greece Italy": two places run together
            parts.append(_Toponym(rest, (words[0][0], words[-1][1]), toponym.label))
            return parts
    tail = _known_run(words, text, toponym.label, from_start=False) if len(words) > 1 else None
    if tail is not None:
        parts.append(tail)
    return parts or [toponym]


def _county_head(words: list[Span], text: str, label: str) -> _Toponym | None:
    """The US county a longer place span begins with ("Marathon County Sheriff", "Orange County Sanitation
    District"): what such a span names lies in the county, whatever the words after it."""
    for k in range(len(words) - 1, 1, -1):
        name = text[words[0][0]:words[k - 1][1]]
        if _COUNTY_WORD.search(name) and any(c.entry.feature == "county" for c in gaz.lookup(name)):
            return _Toponym(name, (words[0][0], words[k - 1][1]), label)
    return None


def _known_run(words: list[Span], text: str, label: str, from_start: bool) -> _Toponym | None:
    """The longest run of words at one end that names a well-known place, the rest being no place word."""
    for k in range(len(words) - 1, 0, -1):
        inside, rest = (words[:k], words[k:]) if from_start else (words[-k:], words[:-k])
        name = text[inside[0][0]:inside[-1][1]]
        if not _well_known(name):
            continue
        rest_words = [w for start, end in rest for w in _HYPHENS.split(text[start:end]) if w]
        if any(w.casefold().strip(".,") in _FEATURE_WORDS or _DIRECTION.match(w) for w in rest_words):
            return None
        return _Toponym(name, (inside[0][0], inside[-1][1]), label)
    return None


def _well_known(name: str) -> bool:
    """A capitalised name of a country, region, capital or sizeable city (own name or our alias) with a point."""
    if not name[:1].isupper() or any(w.casefold() in _FEATURE_WORDS for w in name.split()):
        return False  # "Valley" of "Fraser Valley" is no town called The Valley
    return any(c.via != "alt" and c.entry.lat is not None
               and (c.entry.feature != "city" or c.entry.population >= _SIZEABLE) for c in gaz.lookup(name))


def _country_name(words: str) -> bool:
    """Whether the words are a country's own name or our alias of it ("Philippines", not "Philippine")."""
    words = _LEADING_THE.sub("", words.strip())
    return any(c.via != "alt" and c.entry.feature == "country" for c in gaz.lookup(words))


def _overlaps(start: int, end: int, spans: Iterable[Span]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _clean(text: str, start: int, end: int, label: str) -> _Toponym | None:
    """Trim "the" and a possessive; drop spans that are demonyms or have no capital letter; take in the word
    after a place that makes it a street or a building ("North State Street", "St. Peter's Basilica")."""
    words = text[start:end]
    lead = _LEADING_THE.match(words)
    if lead:
        start += lead.end()
    words = text[start:end]
    tail = _POSSESSIVE.search(words)
    if tail and len(words) > len(tail.group(0)) + 1:
        end -= len(tail.group(0))
    words = text[start:end]
    start += len(words) - len(words.lstrip())
    words = words.strip()
    if not words or not any(ch.isupper() for ch in words):
        return None
    if demonym_country(words) and not any(c.via != "alt" for c in gaz.lookup(words)):
        return None  # "Russian" tagged as a place is still an adjective
    end = start + len(words)
    number = _ROAD_NUMBER.match(text[end:end + 8]) if words.casefold() in _ROAD_WORDS else None
    if number is not None:  # "Route 28", "Interstate 95": the road's name is its number
        return _Toponym(text[start:end + number.end()], (start, end + number.end()), "FAC")
    site = _STREET_AFTER.match(text[end:end + 12]) or _POSSESSIVE_SITE_AFTER.match(text[end:end + 16])
    if site is not None and (site.re is _STREET_AFTER or site.group(1).casefold() in _SITE_WORDS):
        return _Toponym(text[start:end + site.end()], (start, end + site.end()), "FAC")
    return _Toponym(words, (start, end), label)


# ---------------------------------------------------------------- evidence


def _containers(toponyms: list[_Toponym], text: str) -> dict[int, _Toponym]:
    """Toponym index -> the toponym written right after it as its container ("Minsk, Belarus"); not in a
    list of peers ("Utah, Virginia, Washington", "Washington, New York and Boston")."""
    out: dict[int, _Toponym] = {}
    listed = _listed(toponyms, text)
    for i, (inner, outer) in enumerate(zip(toponyms, toponyms[1:], strict=False)):
        between = text[inner.span[1]:outer.span[0]]
        if between.strip() != "," or "\n" in between:
            continue
        peers_after = (i + 1, i + 2) in listed and not _address(toponyms[i + 1], toponyms[i + 2])
        if ((i - 1, i) in listed or peers_after) \
                and _named_twice(_candidates(inner.text), outer.text) is None:  # "Florida and Washington, D.C."
            continue
        out[i] = outer
    return out


def _address(place: _Toponym, country: _Toponym) -> bool:
    """Whether "<place>, <country>" ends an address ("Stroud, Ontario, Canada"), not a list of peers: the
    second is a country and the first lies in it."""
    state = _unambiguous(country.text)
    if state is None or state.feature != "country":
        return False
    return any(c.via != "alt" and c.entry.feature != "country" and c.entry.country == state.country
               for c in gaz.lookup(place.text))


def _listed(toponyms: list[_Toponym], text: str) -> set[tuple[int, int]]:
    """Pairs of neighbouring toponyms joined as list items (a comma, "and", "or")."""
    out = set()
    for i, (left, right) in enumerate(zip(toponyms, toponyms[1:], strict=False)):
        between = text[left.span[1]:right.span[0]]
        if "\n" not in between and _LIST_GAP.match(between):
            out.add((i, i + 1))
    return out


def _contexts(toponyms: list[_Toponym], text: str, containers: dict[int, _Toponym]) -> dict[str, _Context]:
    """Normalised name -> what the text around its mentions says: a level cue on any mention holds for all."""
    out: dict[str, _Context] = {}
    listed = _listed(toponyms, text)
    listed -= {(i, i + 1) for i in containers}  # "Minsk, Belarus" is a place and its container, not a list
    keys = [gaz.normalise(t.text) for t in toponyms]
    for i, toponym in enumerate(toponyms):
        context = out.setdefault(keys[i], _Context())
        start, end = toponym.span
        if _LEVEL_AFTER.match(text[end:end + 20]) or _LEVEL_BEFORE.search(text[max(0, start - 20):start]):
            context.cue = "admin1"
        elif context.cue is None and _CITY_BEFORE.search(text[max(0, start - 16):start]):
            context.cue = "city"
        context.locative = context.locative or bool(_LOCATIVE_BEFORE.search(text[max(0, start - 8):start]))
        for j in _chain(i, listed):
            if keys[j] != keys[i]:
                entry = _unambiguous(toponyms[j].text)
                if entry is not None:
                    context.siblings.append(entry)
    for i, outer in containers.items():
        out[gaz.normalise(outer.text)].holds.append(toponyms[i].text)
    return out


def _chain(i: int, listed: set[tuple[int, int]]) -> list[int]:
    """The other items of the list toponym `i` is written in."""
    out = []
    j = i
    while (j - 1, j) in listed:
        j -= 1
        out.append(j)
    j = i
    while (j, j + 1) in listed:
        j += 1
        out.append(j)
    return out


def _evidence(doc: Doc, text: str, analysis: Analysis, toponyms: list[_Toponym]) -> Evidence:
    """The countries the article points at, and its unambiguous places."""
    evidence = Evidence()
    for toponym in toponyms:
        entry = _unambiguous(toponym.text)
        country = entry.country if entry is not None else _county_country(toponym.text)
        if country:  # "Lamar County": which of four is open, that it is in the United States is not
            evidence.countries[country] += 1
            evidence.by_name.setdefault(gaz.normalise(toponym.text), Counter())[country] += 1
        if entry is not None and entry.feature not in ("country", "continent") and entry.lat is not None:
            evidence.points.append(entry)
    for country in _actor_countries(doc, analysis):
        evidence.countries[country] += 1
    outlet = _outlet_country(analysis)
    if outlet:
        evidence.countries[outlet] += _OUTLET_WEIGHT
        evidence.notes[outlet] = "outlet's country"
    dateline = _dateline_entry(text)
    if dateline is not None and dateline.country:
        evidence.countries[dateline.country] += _DATELINE_WEIGHT
        evidence.notes[dateline.country] = f"dateline {dateline.name}"
    return evidence


def _unambiguous(name: str) -> GazEntry | None:
    """The entry a name points at without context: the one country it names; else a first-level region of
    our table when no sizeable foreign city shares its name ("Florida"); else, when all its own-name
    candidates lie in one country, the region among them or the most populous."""
    cands = [c.entry for c in gaz.lookup(name) if c.via != "alt"]
    cands = [e for e in cands if e.lat is not None] or cands  # pycountry's regions without a point are weak
    if not cands:
        return None
    countries = [e for e in cands if e.feature == "country"]
    if countries:
        return countries[0] if len(countries) == 1 else None
    regions = [e for e in cands if e.feature == "admin1" and e.lat is not None]
    if len({e.country for e in regions}) == 1:
        rivals = [e for e in cands if e.country != regions[0].country and e.population >= _SIZEABLE]
        if not rivals:
            return regions[0]
    regions = [e for e in cands if e.feature == "admin1"]
    if len({e.country for e in cands}) == 1 and regions:
        return regions[0]
    return _dominant(cands)


def _county_country(name: str) -> str | None:
    """The country of a county's name that several counties bear, all in one country."""
    countries = {c.entry.country for c in gaz.lookup(name) if c.via != "alt" and c.entry.feature == "county"}
    return countries.pop() if len(countries) == 1 else None


def _dominant(cands: list[GazEntry]) -> GazEntry | None:
    """The most populous place when it dwarfs every namesake (Boston, Massachusetts over Boston,
    Lincolnshire); None when namesakes are of a size (Cambridge) or it is small."""
    top = max(cands, key=lambda e: e.population)
    others = [e.population for e in cands if e is not top]
    if top.population >= _SIZEABLE and top.population >= _DWARFS * max(others, default=0):
        return top
    if len(cands) == 1:
        return top
    return None


def _actor_countries(doc: Doc, analysis: Analysis) -> list[str]:
    """Countries the actors point at: each demonym (NORP) mention, and once each coded person or organisation."""
    out: list[str] = []
    for entity in analysis.entities:
        if entity.type == "NORP":
            country = entity.country or demonym_country(entity.name)
            out.extend([country] * len(entity.mentions) if country else [])
        elif entity.type in ("PERSON", "ORG") and entity.country and gaz.country_entry(entity.country):
            out.append(entity.country)
    if not analysis.entities:
        out = [c for ent in doc.ents if ent.label_ == "NORP" and (c := demonym_country(ent.text))]
    return out


def _outlet_country(analysis: Analysis) -> str | None:
    """The country of the article's outlet: a known outlet's, else the country of its site's domain."""
    try:
        from newsgraph.readers.outlets import find_outlet, url_country
    except ImportError:
        return None
    outlet = find_outlet(analysis.article.outlet)
    if outlet is not None and outlet.country:
        return outlet.country
    return url_country(analysis.article.url)


def _dateline_entry(text: str) -> GazEntry | None:
    """The place of a wire dateline ("KYIV, Dec 19 (Reuters) -"), when the article's body starts with one."""
    match = _dateline(text)
    if not match:
        return None
    return _unambiguous(match.group(1).title())


def _dateline(text: str) -> re.Match[str] | None:
    """A wire dateline at the start of the text, or of the body after a title line."""
    match = _DATELINE.match(text, 0, 120)
    if match is None and (title := _TITLE_LINE.match(text)) is not None:
        match = _DATELINE.match(text, title.end(), title.end() + 120)
    return match


def demonym_country(word: str) -> str | None:
    """The country of a demonym ("Belarusian" -> BLR), from the actors' table; None when that is absent."""
    try:
        from newsgraph.kb.actors import demonym_country as lookup_demonym
    except ImportError:  # the actors knowledge base is optional for places
        return None
    return lookup_demonym(word)


# ---------------------------------------------------------------- resolution


def _resolve_all(toponyms: list[_Toponym], containers: dict[int, _Toponym],
                 evidence: Evidence, contexts: dict[str, _Context]) -> list[Resolution]:
    cache: dict[tuple[str, str | None], Resolution] = {}
    keys = [(gaz.normalise(t.text), containers[i].text if i in containers else None) for i, t in enumerate(toponyms)]
    for i in sorted(range(len(toponyms)), key=lambda i: i not in containers):  # written containers first
        toponym, key = toponyms[i], keys[i]
        if key not in cache:
            written = _written_elsewhere(key[0], cache) if key[1] is None and _COUNTY_WORD.search(
                toponym.text) else None
            cache[key] = written or resolve_name(toponym.text, evidence, key[1], toponym.label, contexts.get(key[0]))
    return [cache[key] for key in keys]


def _written_elsewhere(key: str, cache: dict[tuple[str, str | None], Resolution]) -> Resolution | None:
    """A US county written once with its state ("Scott County, Indiana") is that county in its other mentions."""
    found = {id(r.entry): r for (name, box), r in cache.items()
             if name == key and box is not None and r.entry is not None and r.entry.feature == "county"}
    if len(found) != 1:
        return None
    resolution = next(iter(found.values()))
    return Resolution(resolution.entry, f"{resolution.reason} (in another mention)", resolution.candidates)


def resolve_name(name: str, evidence: Evidence | None = None, container: str | None = None,
                 label: str = "GPE", context: _Context | None = None) -> Resolution:
    """Choose the gazetteer entry a place name means, given the article's evidence and a written container."""
    evidence = evidence or Evidence()
    context = context or _Context()
    if _COUNTY_WORD.search(name):  # "Ohio County" is not Ohio, "Suffolk County" not Suffolk in England
        counties = [c.entry for c in gaz.lookup(name) if c.entry.feature == "county"]
        if counties:
            return _county(name, counties, evidence, container, context)
        states = gaz.us_county_states(name)
        if states:
            return Resolution(None, f"a county of the United States ({_state_listing(states)}); the gazetteer has "
                                    "no point for it", len(states))
    cands = _candidates(name)
    if not cands:
        return _small_town(name, evidence, container)
    if all(c.via == "alt" and c.entry.feature != "capital" and c.entry.population < _KNOWN_ABROAD for c in cands):
        town = _small_town(name, evidence, container)  # "Twickenham": the town so named, not a city so nicknamed
        if town.entry is not None:
            return town
    same = _named_twice(cands, container) if container else None
    if same is not None:  # "Washington, D.C.": the container is another name of one candidate
        return Resolution(same, f"{_describe(same)}; written with {container}, another name of it", len(cands))
    box = _container_entry(container, cands) if container else None
    if box is None and container and any(c.entry.feature == "country" for c in cands):
        town = _town_of_a_countrys_name(name, cands, container)  # "Lebanon, Pa.", "Mexico, Mo."
        if town is not None:
            return town
    if not container:
        namesake = _county_namesake(name, cands, evidence)  # "Lebanon" in a story of Lebanon County
        if namesake is not None:
            return namesake
    if box is None and container and _COUNTY_WORD.search(container) \
            and _container_entry(container, [Candidate(t, "name") for t in _towns(name)]) is not None:
        return _small_town(name, evidence, container)  # "Riverhead, Suffolk County": the town the county holds
    if box is not None and not any(_inside(c.entry, box) for c in cands):
        town = _town_inside(_towns(name), box)
        if town is not None:  # "Washington, Pennsylvania": the small town, not the state or the capital
            return town
        if not _not_a_container(cands, container):
            return Resolution(None, f"not in gazetteer within {box.name} (only elsewhere: {_listing(cands)})",
                              len(cands))
        box = None  # "Copenhagen, Hamburg": a list; "the Gulf, Qatar": an apposition
    own = evidence.by_name.get(gaz.normalise(name), Counter())
    if any(p is c.entry for p in evidence.points for c in cands):  # a name is no evidence of its own nearness
        evidence = Evidence(evidence.countries, evidence.by_name, evidence.notes,
                            [p for p in evidence.points if not any(p is c.entry for c in cands)])
    held = [c.entry for inner in context.holds for c in _candidates(inner) if c.via != "alt"] \
        + [t for inner in context.holds for t in _towns(inner)]  # "Blakely, Georgia": a small town holds too
    boroughs = _holding_metropolises(cands, held)  # "Brooklyn, New York": the city
    metropolises = boroughs or (_metropolises(cands) if not context.holds else set())  # "Buffalo, New York": the state
    if boroughs:
        held = []
    scored = sorted(((_score(c, evidence, own, box, label) + _context_score(c, context, held, metropolises)
                      + _among_its_states(c, cands, evidence), c) for c in cands),
                    key=lambda pair: pair[0], reverse=True)
    best = scored[0][1]
    town = _town_instead(best.entry, name, evidence, own, container)
    if town is not None:
        return town
    if box is None and best.entry.feature in ("city", "capital") and _common_noun(name) \
            and evidence.countries.get(best.entry.country or "", 0) - own.get(best.entry.country or "", 0) <= 0:
        return Resolution(None, f"a common noun of place (\"the {name}\"), and the article does not name the "
                                f"country of {best.entry.name}", len(cands))
    if box is None and _directional(name) and best.entry.country is not None \
            and evidence.countries.get(best.entry.country or "", 0) - own.get(best.entry.country or "", 0) <= 0:
        return Resolution(None, f"a direction (\"the {name}\"), and the article does not name the country of "
                                f"{best.entry.name} ({best.entry.country or best.entry.feature})", len(cands))
    if box is None and not context.locative and _stray(best.entry, evidence, own):
        top = evidence.countries.most_common(1)[0]
        return Resolution(None, f"{_describe(best.entry)}: a minor city in a country the article never names, "
                                f"while it names {top[0]} {top[1]}x", len(cands))
    if box is None and best.entry.feature == "city" and _site_word(name) \
            and not _near(best.entry, evidence.points):
        return Resolution(None, f"a street, square or building by its name; {_describe(best.entry)} is not near "
                                "the article's other places", len(cands))
    if best.via == "alt" and box is None and id(best) not in metropolises \
            and not _supported(best.entry, name, evidence, own):
        return Resolution(None, f"ambiguous: only GeoNames alternate names match ({_listing(cands)})", len(cands))
    return Resolution(best.entry, _reason(best, scored, evidence, own, box), len(cands))


def _county(name: str, counties: list[GazEntry], evidence: Evidence, container: str | None,
            context: _Context) -> Resolution:
    """A US county among its namesakes, by evidence: the state written beside it ("Cook County, Ill."), a
    place written as in it ("Evanston, Cook County"), then the article's places (a county near a US city or
    county it names, in a state it names, in the state of a place it names); else the most populous, only
    when the article is about the United States."""
    states = [gaz.admin1_name(c) or "" for c in counties]
    if container:
        box = _container_entry(container, [Candidate(c, "name") for c in counties])
        if box is not None:
            inside = [c for c in counties if _inside(c, box)]
            if not inside:
                return Resolution(None, f"a county of the United States ({_state_listing(states)}); none in "
                                        f"{box.name}, as written", len(counties))
            return _county_choice(inside[0], f"written as in {box.name}", counties)
    for inner in context.holds:
        held = [c.entry for c in _candidates(inner) if c.via != "alt"] + _towns(inner)
        holding = [c for c in counties if any(_inside(h, c) for h in held)]
        if len(holding) == 1:
            return _county_choice(holding[0], f"{inner} is written as in it", counties)
    points = [p for p in evidence.points if p.country == "USA" and not any(p is c for c in counties)]
    pool, narrowed = counties, ""
    for test in (_near_named, _in_named_state, _in_state_of_named):
        if test is _in_state_of_named and narrowed:
            break  # a city's state is weaker than the states and places already narrowing the choice
        held = [(c, why) for c in pool if (why := test(c, points))]
        if len(held) == 1:
            return _county_choice(held[0][0], held[0][1], counties)
        if held:
            pool = [c for c, _ in held]
            narrowed = f" of those {_NARROWED[test]} ({', '.join(gaz.admin1_name(c) or '' for c in pool[:4])})"
    own = evidence.by_name.get(gaz.normalise(name), Counter()) \
        + evidence.by_name.get(gaz.normalise(_COUNTY_WORD.sub("", name)), Counter())  # "Lebanon" of "Lebanon County"
    usa = evidence.countries.get("USA", 0) - own.get("USA", 0)
    others = max((n - own.get(k, 0) for k, n in evidence.countries.items() if k != "USA"), default=0)
    if len(pool) == 1 and (usa > 0 or others <= 0):
        return _county_choice(pool[0], "the only US county of that name" + (
            f"; article mentions USA {usa}x" if usa > 0 else "; the article names no other country"), counties)
    if usa > others:  # the article is about the United States above any other country
        best = max(pool, key=lambda c: c.population)
        return _county_choice(best, f"the most populous{narrowed}; article mentions USA {usa}x", counties)
    pool_states = [gaz.admin1_name(c) or "" for c in pool]
    return Resolution(None, f"a county of the United States ({_state_listing(pool_states)}); the article names "
                            "none of their states or places", len(counties))


def _near_named(county: GazEntry, points: list[GazEntry]) -> str | None:
    """Why the county holds or borders a US city or county the article names (same state, close by)."""
    near = [p for p in points if p.feature in ("city", "capital", "county") and _county_beside(county, p)]
    return f"{near[0].name}, which the article names, lies in or near it" if near else None


def _in_named_state(county: GazEntry, points: list[GazEntry]) -> str | None:
    state = next((p for p in points if p.feature == "admin1" and _inside(county, p)), None)
    return f"in {state.name}, which the article names" if state else None


def _in_state_of_named(county: GazEntry, points: list[GazEntry]) -> str | None:
    place = next((p for p in points if p.feature in ("city", "capital", "county") and p.admin1 == county.admin1),
                 None)
    return f"in {gaz.admin1_name(county)}, where the article's {place.name} lies" if place else None


_NARROWED = {_near_named: "near places the article names", _in_named_state: "in states the article names",
             _in_state_of_named: "in states of places the article names"}


def _town_of_a_countrys_name(name: str, cands: list[Candidate], container: str) -> Resolution | None:
    """The city or small town a country's name is written with its state as ("Lebanon, Pa.", "Mexico, Mo."):
    a written first-level region of another country is no list beside a country."""
    cities = [c for c in cands if c.entry.feature in ("city", "capital")]
    towns = [Candidate(t, "name") for t in _towns(name)]
    box = _container_entry(container, cities + towns) if cities or towns else None
    if box is None or box.feature != "admin1":
        return None
    inside = [c.entry for c in cities if _inside(c.entry, box)]
    if inside:
        entry = max(inside, key=lambda e: e.population)
        return Resolution(entry, f"{_describe(entry)}; written as in {box.name}", len(cands))
    return _town_inside([t.entry for t in towns], box)


def _town_inside(towns: list[GazEntry], box: GazEntry) -> Resolution | None:
    """The largest of the small towns that lies in a written container, if one does."""
    inside = [t for t in towns if _inside(t, box)]
    if not inside:
        return None
    return _town(max(inside, key=lambda t: t.population), f"written as in {box.name}", len(towns))


def _county_namesake(name: str, cands: list[Candidate], evidence: Evidence) -> Resolution | None:
    """The city or town a US county the article names is named after and holds: "Lebanon" beside Lebanon
    County, Pennsylvania (not Jackson, Mississippi beside Jackson County, which lies on the coast)."""
    counties = [p for p in evidence.points
                if p.feature == "county" and gaz.normalise(_COUNTY_WORD.sub("", p.name)) == gaz.normalise(name)]
    if not counties:
        return None
    places = [c.entry for c in cands if c.entry.feature in ("city", "capital")] + _towns(name)
    beside = [e for e in places if any(_county_beside(county, e) for county in counties)]
    if not beside:
        return None
    entry = max(beside, key=lambda e: e.population)
    return Resolution(entry, f"{_describe(entry)}; it lies in or beside {counties[0].name} "
                             f"({gaz.admin1_name(counties[0])}), which the article names", len(cands))


def _neighbours(toponyms: list[_Toponym], resolutions: list[Resolution]) -> list[Resolution]:
    """Names left open among small towns and US counties, read where only one namesake of a name lies near a
    namesake of another open name: local news names neighbouring places without their state ("ONEONTA -
    ... in Cooperstown": the two in New York, 30 km apart, not Oneonta, Alabama)."""
    open_names = {gaz.normalise(t.text): _namesakes(t.text) for t, r in zip(toponyms, resolutions, strict=True)
                  if r.entry is None and r.within is None}
    open_names = {name: entries for name, entries in open_names.items() if entries}
    if len(open_names) < 2:
        return resolutions
    chosen: dict[str, Resolution] = {}
    for name, entries in open_names.items():
        others = [e for other, es in open_names.items() if other != name for e in es]
        near = [(e, partner) for e in entries if (partner := _nearest_within(e, others, _TOWN_NEAR_KM)) is not None]
        if len(near) == 1:
            entry, partner = near[0]
            why = f"near {partner.name} ({gaz.admin1_name(partner) or partner.country}), which the article also " \
                  "names, as none of its namesakes is"
            chosen[name] = _county_choice(entry, why, entries) if entry.feature == "county" \
                else _town(entry, why, len(entries))
    return [chosen.get(gaz.normalise(t.text), r) if r.entry is None and r.within is None else r
            for t, r in zip(toponyms, resolutions, strict=True)]


def _namesakes(name: str) -> list[GazEntry]:
    """The US counties of a county's name, with a point; else the small towns of the name."""
    if _COUNTY_WORD.search(name):
        return [c.entry for c in gaz.lookup(name) if c.entry.feature == "county" and c.entry.lat is not None]
    return _towns(name)


def _nearest_within(entry: GazEntry, others: list[GazEntry], km: float) -> GazEntry | None:
    near = [(haversine_km(entry.lat, entry.lon, o.lat, o.lon), o) for o in others  # type: ignore[arg-type]
            if o.lat is not None]
    near = [(d, o) for d, o in near if d < km]
    return min(near, key=lambda pair: pair[0])[1] if near else None


def _county_choice(entry: GazEntry, why: str, counties: list[GazEntry]) -> Resolution:
    reason = f"{_describe(entry)}, point at the mean of its places of 1,000+ people; {why}"
    others = [c for c in counties if c is not entry]
    if others:
        listing = ", ".join(f"{c.name} ({gaz.admin1_name(c)})" for c in others[:3])
        reason += f"; over {len(others)} other{'s' if len(others) > 1 else ''}: {listing}"
    return Resolution(entry, reason, len(counties))


def _state_listing(states: list[str]) -> str:
    return ", ".join(states[:4]) + (f" and {len(states) - 4} more" if len(states) > 4 else "")


def _common_noun(name: str) -> bool:
    """Whether the name is only words for a kind of place ("Valley", "Heights"): "the Valley" is a local valley
    unless the article is about the town called so."""
    return all(w.casefold() in _FEATURE_WORDS for w in name.split())


def _stray(entry: GazEntry, evidence: Evidence, own: Counter[str]) -> bool:
    """A minor city (under `_SIZEABLE`) far from all the article's places, in a country it never names, while
    it names another country at least `_STRAY_EVIDENCE` times: a word the tagger took for a place ("Metro",
    "Norbury" in a story about Virginia), not a place of the story. The caller spares names written as places
    ("in Cannes")."""
    if entry.feature != "city" or entry.population >= _SIZEABLE or _near(entry, evidence.points):
        return False
    if evidence.countries.get(entry.country or "", 0) - own.get(entry.country or "", 0) > 0:
        return False
    return max(evidence.countries.values(), default=0) >= _STRAY_EVIDENCE


def _not_a_container(cands: list[Candidate], container: str) -> bool:
    """Whether a region written after a name that it holds none of is a list item or an apposition, not a
    container: after a region of several countries ("the Gulf, Qatar"), or after a capital or a city of a
    million when it is also a city's name ("Copenhagen, Hamburg"; but "Minsk, Texas" is a Minsk in Texas)."""
    if any(c.entry.feature in ("region", "sea") and c.entry.country is None for c in cands):
        return True
    if not any(c.entry.feature == "capital" or c.entry.population >= _METROPOLIS for c in cands):
        return False
    return any(c.via != "alt" and c.entry.feature in ("city", "capital") and c.entry.population >= _SIZEABLE
               for c in gaz.lookup(container))


def _directional(name: str) -> bool:
    """Whether a name is only words of direction ("West", "South-West", "Centre"): a region of that name is
    meant only where the article names its country, and "the West" is no place."""
    words = [w.casefold() for w in _HYPHENS.split(name.replace(" ", "-")) if w]
    return bool(words) and all(w in _DIRECTION_WORDS for w in words)


def _named_twice(cands: list[Candidate], container: str) -> GazEntry | None:
    """The candidate that the container names too, by our alias ("D.C." for Washington)."""
    own = {id(c.entry) for c in cands if c.via != "alt"}
    return next((c.entry for c in gaz.lookup(container) if c.via == "alias" and id(c.entry) in own), None)


def _holding_metropolises(cands: list[Candidate], held: list[GazEntry]) -> set[int]:
    """Cities of a million or more among the candidates that lie within a few kilometres of a place written as
    inside the name ("Brooklyn, New York", "Queens, New York"): a borough is written with its city."""
    return {id(c) for c in cands if c.entry.feature in ("city", "capital") and c.entry.population >= _METROPOLIS
            and c.entry.lat is not None
            and any(h is not c.entry and h.feature in ("city", "capital") and h.lat is not None
                    and haversine_km(h.lat, h.lon, c.entry.lat, c.entry.lon) < _BOROUGH_KM  # type: ignore[arg-type]
                    for h in held)}


def _town_instead(best: GazEntry, name: str, evidence: Evidence, own: Counter[str],
                  container: str | None) -> Resolution | None:
    """A small town the article supports, over a minor city outside every region the article names (Shelby,
    Montana, not Shelby, Michigan) or in a country it never names (a town official in Malakoff, Texas, not
    Malakoff near Paris, in an article about Texas)."""
    if best.feature != "city" or best.population >= _SIZEABLE or container or _near(best, evidence.points):
        return None
    regions = [p for p in evidence.points if p.feature == "admin1"]
    held = [t for t in _towns(name) if any(_inside(t, region) for region in regions)]
    if len(held) == 1:  # "Shelby" in a story about Montana: the town there, not the city in Michigan
        region = next(r for r in regions if _inside(held[0], r))
        return _town(held[0], f"in {region.name}, which the article names", len(_towns(name)))
    if evidence.countries.get(best.country or "", 0) - own.get(best.country or "", 0) > 0:
        return None
    town = _small_town(name, evidence, None)
    if town.entry is None or town.entry.country == best.country:
        return None
    return town


def _metropolises(cands: list[Candidate]) -> set[int]:
    """Cities of a million or more named like the first-level region they lie in (New York, Sao Paulo):
    the bare name means the city, as it does in news, unless the text says "state"."""
    regions = [c.entry for c in cands if c.entry.feature == "admin1" and c.via != "alt" and c.entry.lat is not None]
    return {id(c) for c in cands if c.entry.feature in ("city", "capital") and c.entry.population >= _METROPOLIS
            and any(_inside(c.entry, region) for region in regions)} if regions else set()


def _context_score(cand: Candidate, context: _Context, held: list[GazEntry], metropolises: set[int]) -> float:
    """The text around the name: a level cue, list siblings of the same level and country, places it holds."""
    entry = cand.entry
    score = 0.0
    if id(cand) in metropolises:
        score += _VIA_PENALTY[cand.via] + _METROPOLIS_BONUS
    elif cand.via == "alt" and entry.feature in ("city", "capital") and context.holds:
        score -= _VIA_PENALTY[cand.via]  # a metropolis is no container of another place
    if entry.lat is None:  # a region we know by name only: the text's cues go to a namesake with a point
        return score
    level = _level(entry.feature)
    if context.cue is not None and context.cue == level:
        score += _CUE_BONUS
    kinds = Counter((_level(s.feature), s.country) for s in context.siblings)
    if kinds and kinds[(level, entry.country)] == max(kinds.values()):  # the list's most common kind
        score += _SIBLING_BONUS
    if entry.feature in ("country", "admin1") and any(h is not entry and _inside(h, entry) for h in held):
        score += _HOLDS_BONUS
    return score


def _among_its_states(cand: Candidate, cands: list[Candidate], evidence: Evidence) -> float:
    """A name that is a country and a first-level region of another country ("Georgia"): the region, when
    the article names other regions of its country (Alabama, Iowa and Texas)."""
    entry = cand.entry
    if entry.feature != "admin1" or entry.lat is None \
            or not any(c.entry.feature == "country" and c.entry.country != entry.country for c in cands):
        return 0.0
    peers = {p.name for p in evidence.points if p.feature == "admin1" and p.country == entry.country}
    return _NEAR_BONUS / 2 * min(len(peers - {entry.name}), 2)


def _level(feature: str) -> str:
    return {"capital": "city", "region": "admin1"}.get(feature, feature)


def _small_town(name: str, evidence: Evidence, container: str | None) -> Resolution:
    """A name the main index lacks, read in the second tier of small towns: kept only with the article's
    support (inside a written container; near another of its places; the one such town in a country
    the article names), never on the name alone."""
    if not name[:1].isupper() or (name.isupper() and len(name) <= 3):
        return Resolution(None, "not in gazetteer")
    towns = _towns(name)
    if not towns:
        return Resolution(None, "not in gazetteer")
    box = _container_entry(container, [Candidate(t, "name") for t in towns]) if container else None
    town = _town_inside(towns, box) if box is not None else None
    if town is not None:
        return town
    near = [t for t in towns if any(haversine_km(t.lat, t.lon, p.lat, p.lon) < _TOWN_NEAR_KM  # type: ignore[arg-type]
                                    for p in evidence.points if p.feature != "admin1")]  # regions: by containment
    if len(near) == 1:
        return _town(near[0], "near another of the article's places", len(towns))
    regions = [p for p in evidence.points if p.feature == "admin1"]
    held = [t for t in towns if any(_inside(t, region) for region in regions)]
    if len(held) == 1:  # "Like many towns across Alberta, ... Hinton"
        region = next(r for r in regions if _inside(held[0], r))
        return _town(held[0], f"in {region.name}, which the article names", len(towns))
    named = [t for t in towns if evidence.countries.get(t.country or "", 0) > 0]
    if len({t.country for t in named}) == 1 and len(named) == 1:
        return _town(named[0], f"the one such town in {named[0].country}, which the article names", len(towns))
    listing = ", ".join(f"{t.name} ({t.country})" for t in towns[:3])
    return Resolution(None, f"not in gazetteer; small towns of that name lack support in the article ({listing})",
                      len(towns))


def _towns(name: str) -> list[GazEntry]:
    return [c.entry for c in gaz.small_towns().get(gaz.normalise(name), ())]


def _town(entry: GazEntry, why: str, count: int) -> Resolution:
    reason = f"town in {entry.country}, population {entry.population:,} (small-town tier); {why}"
    if count > 1:
        reason += f"; over {count - 1} other{'s' if count > 2 else ''}"
    return Resolution(entry, reason, count)


def _listing(cands: Iterable[Candidate]) -> str:
    return ", ".join(f"{c.entry.name} ({c.entry.country or c.entry.feature})" for c in list(cands)[:3])


def _container_entry(name: str, cands: list[Candidate]) -> GazEntry | None:
    """What a written container ("Texas" in "Paris, Texas") names: a country, an admin1 region or a named
    region of one country above the place ("Guildford, Surrey"), or the one US county of that name that
    holds a candidate ("Smithtown, Suffolk County"); None in a list of peers ("Greece, Bulgaria") or when
    the container is not a region."""
    if _COUNTY_WORD.search(name):
        holding = [c.entry for c in gaz.lookup(name) if c.entry.feature == "county"
                   and any(_inside(cand.entry, c.entry) for cand in cands)]
        return holding[0] if len(holding) == 1 else None
    regions = [c.entry for c in gaz.lookup(name) if c.via != "alt" and (
        c.entry.feature in ("country", "admin1") or (c.entry.feature == "region" and c.entry.country is not None))]
    if len({e.country for e in regions}) > 1:  # "Athens, Georgia": the reading that holds a candidate
        regions = [e for e in regions if any(_inside(c.entry, e) for c in cands)]
    if len({e.country for e in regions}) != 1:
        return None
    entry = min(regions, key=lambda e: (e.feature != "country", e.lat is None))
    own = {c.entry.feature for c in cands if c.via != "alt"}
    if "country" in own or (entry.feature != "country" and own <= {"admin1", "region"}) \
            or (entry.feature == "region" and own & {"admin1", "region"}):  # "Nyanza, Rift Valley": peers
        return None
    return entry


def _supported(entry: GazEntry, name: str, evidence: Evidence, own: Counter[str]) -> bool:
    """The bar for a GeoNames alternate name ("Douma" for Dūmā): the entry is near another of the article's
    places, or the article names its country and the name is not a bare direction or a county."""
    if _near(entry, evidence.points):
        return True
    if _GENERIC.search(name):
        return False
    return evidence.countries.get(entry.country or "", 0) - own.get(entry.country or "", 0) > 0


def _candidates(name: str) -> list[Candidate]:
    """Own-name and alias candidates; GeoNames alternate names only when nothing else matches. Short
    all-capital words ("WA", "SA") match only through our aliases: they are mostly abbreviations."""
    cands = gaz.lookup(name)
    if name.isupper() and len(name.replace(".", "")) <= 3:
        return [c for c in cands if c.via == "alias" or c.entry.name.isupper()]
    if cands:
        own = [c for c in cands if c.via != "alt"]
        if not own:
            return cands
        return own + [c for c in cands if c.via == "alt" and id(c) in _metropolises(cands)]
    match = _TYPE_WORDS.search(name)
    if not match:
        return []
    word = match.group(1).casefold()
    if word == "city":
        allowed: tuple[str, ...] = ("city", "capital")
    elif word in ("county", "district", "municipality"):
        allowed = ("admin1", "region")  # a county is rarely where the same-named town is
    else:
        allowed = ("admin1", "region", "city", "capital")
    return [c for c in gaz.lookup(name[:match.start()]) if c.entry.feature in allowed]


def _score(cand: Candidate, evidence: Evidence, own: Counter[str], box: GazEntry | None, label: str) -> float:
    """How well a candidate fits: its prior (feature, population, how it matched) plus the article's evidence;
    `own` is this name's own contribution to the country counts, which is no evidence for itself."""
    entry = cand.entry
    score = _FEATURE_PRIOR.get(_level_of_capital(entry), 0.0) - _VIA_PENALTY[cand.via]
    if entry.feature in ("city", "capital"):
        score += _POPULATION_WEIGHT * math.log10(entry.population + 1)
    elif entry.feature == "country":  # "Congo": the larger country unless the article says otherwise
        score += 0.1 * math.log10(entry.population + 1)
    if entry.lat is None:
        score -= _NO_POINT_PENALTY
    if entry.country:
        count = evidence.countries.get(entry.country, 0) - own.get(entry.country, 0)
        score += _COUNTRY_WEIGHT * min(max(count, 0), _COUNTRY_CAP)
    if box is not None:
        score += _CONTAINER_MATCH if _inside(entry, box) else _CONTAINER_MISMATCH
    if label == "LOC" and entry.feature in ("region", "island", "physical", "sea", "continent"):
        score += 1.0
    if entry.feature not in ("country", "continent"):
        # A region holds several of the article's places; for a city, nearness is weaker than size.
        if entry.feature in ("admin1", "region", "island", "physical"):
            score += _NEAR_BONUS * min(_near_count(entry, evidence.points), 2)
        else:
            score += _NEAR_BONUS / 2 * min(_near_count(entry, evidence.points, _CITY_NEAR_KM), 1)
            if _in_named_county(entry, evidence.points):  # "Paris" in a story of Lamar County, Texas
                score += _NEAR_BONUS
    return score


def _in_named_county(entry: GazEntry, points: list[GazEntry]) -> bool:
    """Whether a city lies in or beside a US county the article names."""
    return any(p.feature == "county" and _county_beside(p, entry) for p in points)


def _county_beside(county: GazEntry, place: GazEntry) -> bool:
    """Whether a place is in or beside a US county: in its state and close by."""
    return (place.country == county.country and place.admin1 == county.admin1 and None not in (place.lat, county.lat)
            and haversine_km(place.lat, place.lon, county.lat, county.lon) < _COUNTY_NEAR_KM)  # type: ignore[arg-type]


def _level_of_capital(entry: GazEntry) -> str:
    """A capital counts as one only for a country of a million people or more: "Victoria" is not Seychelles'
    capital by default, nor "Hamilton" Bermuda's; their size still counts as a city's."""
    if entry.feature != "capital" or entry.country is None:
        return entry.feature
    country = gaz.country_entry(entry.country)
    return "capital" if country is None or country.population >= _NATION else "city"


def _inside(entry: GazEntry, box: GazEntry) -> bool:
    """Whether `entry` lies in the container: its country, its admin1 (by name or by distance)."""
    if box.country != entry.country:
        return False
    if box.feature == "country":
        return True
    if box.feature == "region":  # no admin code: by distance from its point
        return None not in (entry.lat, box.lat) \
            and haversine_km(entry.lat, entry.lon, box.lat, box.lon) < _NAMED_REGION_KM  # type: ignore[arg-type]
    if box.feature == "county":  # a city of the county's state near the county's populated centre
        return entry.feature in ("city", "capital") and entry.admin1 == box.admin1 and entry.lat is not None \
            and haversine_km(entry.lat, entry.lon, box.lat, box.lon) < _COUNTY_NEAR_KM  # type: ignore[arg-type]
    region = gaz.admin1_name(entry)
    if region and "." not in region:  # its region's name is known (US states): compare names only
        return gaz.normalise(region) == gaz.normalise(box.name)
    if entry.feature in ("city", "capital") and entry.admin1:  # elsewhere: the GeoNames code of the region
        code = gaz.admin1_code_of(box.name, box.country or "")
        if code is not None:
            return code == entry.admin1
    if None in (entry.lat, box.lat):
        return False
    return haversine_km(entry.lat, entry.lon, box.lat, box.lon) < _REGION_KM  # type: ignore[arg-type]


def _near(entry: GazEntry, points: list[GazEntry]) -> bool:
    """Whether the entry lies in an admin1 region the article names, or near one of its other places."""
    return _near_count(entry, points) > 0


def _near_count(entry: GazEntry, points: list[GazEntry], km: float = _NEAR_KM) -> int:
    """How many of the article's other unambiguous places lie near the entry (or contain it)."""
    if entry.lat is None:
        return 0
    count = 0
    for point in {id(p): p for p in points if p is not entry}.values():
        if point.feature == "admin1" and entry.feature != "admin1":
            count += _inside(entry, point)
        elif haversine_km(entry.lat, entry.lon, point.lat, point.lon) < km:  # type: ignore[arg-type]
            count += 1
    return count


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _reason(best: Candidate, scored: list[tuple[float, Candidate]], evidence: Evidence, own: Counter[str],
            box: GazEntry | None) -> str:
    entry = best.entry
    parts = [_describe(entry)]
    if best.via == "alias":
        parts.append(f"alias of {entry.name}")
    elif best.via == "alt":
        parts.append("GeoNames alternate name")
    count = evidence.countries.get(entry.country or "", 0) - own.get(entry.country or "", 0)
    if count > 0:
        note = evidence.notes.get(entry.country or "")
        parts.append(f"article mentions {entry.country} {count}x" + (f" ({note})" if note else ""))
    if box is not None:
        parts.append(f"written as in {box.name}")
    others = [c.entry for _, c in scored[1:] if c.entry is not entry]
    if others:
        listing = ", ".join(f"{e.name} ({e.country or e.feature})" for e in others[:3])
        parts.append(f"over {len(others)} other{'s' if len(others) > 1 else ''}: {listing}")
    return "; ".join(parts)


def _describe(entry: GazEntry) -> str:
    if entry.feature == "country":
        return f"country {entry.country}"
    if entry.feature == "capital":
        return f"capital of {entry.country}"
    if entry.feature == "city":
        return f"city in {entry.country}, population {entry.population:,}"
    if entry.feature == "county":
        return f"county in {gaz.admin1_name(entry)}, {entry.country} (FIPS {entry.fips})"
    where = f" in {entry.country}" if entry.country else ""
    return f"{entry.feature}{where}"


# ---------------------------------------------------------------- sites


def _sites(toponyms: list[_Toponym], resolutions: list[Resolution], containers: dict[int, _Toponym],
           text: str, evidence: Evidence) -> list[Resolution]:
    """Places the gazetteer lacks (a street, a building, a village, a camp, part of a place) placed within
    a resolved place: the one written as their container ("Pingilikani, Kenya", "Kamenne Square in
    Bratislava", "the Adhamiyah district of Baghdad"); the place they are part of ("North Dallas", "Cavan
    Town Hall" where the article names Cavan); else, for a name that says it is a street or a building
    ("Hampton Avenue"), the dateline's city or else the city the article names nearest it. They keep no GeoNames
    id; the point is the holder's (a region's populated centre; none when the holder is a country larger than a
    city-state), and the reason says so."""
    out = list(resolutions)
    holders = _Holders.of(toponyms, resolutions, evidence, text)
    for i in range(len(toponyms) - 1, -1, -1):  # right to left: "Kalam in the Swat Valley, Pakistan" chains
        resolution = out[i]
        if resolution.entry is not None or resolution.reason.startswith("a common noun"):
            continue
        toponym = toponyms[i]
        if (toponym.text.isupper() and len(toponym.text) <= 3) or _COUNTY_WORD.search(toponym.text):
            continue  # abbreviations; the county table is whole, so a county it lacks is an error of the text
        found = _anchor(toponyms, out, i, containers, text, holders)
        if found is not None:
            anchor, how = found
            out[i] = Resolution(None, f"{resolution.reason}; {how} {anchor.name} ({_describe(anchor)})",
                                resolution.candidates, within=anchor)
    placed = {gaz.normalise(t.text): r for t, r in zip(toponyms, out, strict=True) if r.within is not None}
    for i, (toponym, resolution) in enumerate(zip(toponyms, out, strict=True)):  # one place per name per article
        site = placed.get(gaz.normalise(toponym.text))
        if resolution.entry is None and resolution.within is None and site is not None:
            out[i] = Resolution(None, f"{site.reason} (in another mention)", site.candidates, within=site.within)
    return out


@dataclass
class _Holders:
    """What can hold a site, gathered once per article: its resolved places by name, its cities (and
    counties) in countries it names with their positions, its dateline's city, and the one region it names,
    if one."""

    evidence: Evidence
    named: dict[str, Resolution]
    positions: list[int]
    cities: list[GazEntry]
    dateline: GazEntry | None
    region: GazEntry | None

    @classmethod
    def of(cls, toponyms: list[_Toponym], resolutions: list[Resolution], evidence: Evidence,
           text: str) -> _Holders:
        pairs = list(zip(toponyms, resolutions, strict=True))
        named = {gaz.normalise(t.text): r for t, r in pairs if r.entry is not None}
        cities = [(t.span[0], r.entry) for t, r in pairs if r.entry is not None
                  and (r.entry.feature in _CITY_LEVEL or _city_state(r.entry))
                  and evidence.countries.get(r.entry.country or "", 0) > 0]
        match = _dateline(text)
        dateline = next((e for p, e in cities if match and p == match.start(1)), None)
        return cls(evidence, named, [p for p, _ in cities], [e for _, e in cities], dateline,
                   _only_region(resolutions, evidence))

    def city_for(self, here: int) -> tuple[GazEntry, str] | None:
        """The city a street or a building most likely lies in, and why: the dateline's (where the story was
        written), else the city written nearest it."""
        if self.dateline is not None:
            return self.dateline, "the dateline's city,"
        k = bisect.bisect_left(self.positions, here)
        near = [j for j in (k - 1, k) if 0 <= j < len(self.cities)]
        if not near:
            return None
        nearest = self.cities[min(near, key=lambda j: abs(self.positions[j] - here))]
        return nearest, "the city the article names nearest it,"


def _anchor(toponyms: list[_Toponym], resolutions: list[Resolution], i: int, containers: dict[int, _Toponym],
            text: str, holders: _Holders) -> tuple[GazEntry, str] | None:
    """The resolved place that holds toponym `i`, and how the text says so."""
    toponym, resolution = toponyms[i], resolutions[i]
    start, end = toponym.span  # a building by its name; a neighbourhood by the word after it (the FAC tag alone
    site = _site_word(toponym.text, waterside=True) or bool(_AREA_AFTER.match(text[end:end + 16]))  # is no sign)
    j = i + 1 if i in containers else _linked(toponyms, i, text)
    if j is not None:
        holder = _holder(resolutions[j], site or not resolution.candidates)
        if holder is not None:
            return holder, "written as in"
    part = _part_of(toponym.text, holders.evidence, holders.named)
    if part is not None:
        return part
    city = holders.city_for(start) if site else None
    if city is not None:
        return city[0], f"a street, a building or a neighbourhood; placed at {city[1]}"
    if holders.region is not None and (_SETTLEMENT_BEFORE.search(text[max(0, start - 40):start])
                                       or _SETTLEMENT_AFTER.match(text[end:end + 12])):
        return holders.region, "a village or town; placed in the one region the article names,"
    return None


def _only_region(resolutions: list[Resolution], evidence: Evidence) -> GazEntry | None:
    """The one first-level region (or county) the article resolves, in the country it names most; None if
    several, or if it names another country as often."""
    top = evidence.countries.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    regions = {id(r.entry): r.entry for r in resolutions if r.entry is not None
               and r.entry.feature in ("admin1", "county") and r.entry.lat is not None
               and r.entry.country == top[0][0]}
    return next(iter(regions.values())) if len(regions) == 1 else None


def _part_of(name: str, evidence: Evidence, named: dict[str, Resolution]) -> tuple[GazEntry, str] | None:
    """The place a name is a part of: a direction and a place ("North Dallas", "South-West England"); a
    place the article names followed by words for what lies in it ("Nenagh Municipal District", "Santa Ana
    City Council"), not "Washington Township" or "Mississippi River", which are places of their own; or a
    lake, fort or old town named after a place the article names or one it points at ("Lake Manassas", "Old Town
    Manassas" in a story about Virginia)."""
    direction = _DIRECTION_PART.match(name)
    if direction:
        rest = name[direction.end():]
        known = named.get(gaz.normalise(rest)) or (resolve_name(rest, evidence) if _well_known(rest) else None)
        holder = _holder(known, city=True)
        if holder is not None:
            return holder, f"the {direction.group(1).casefold()} part of"
    words = name.split()
    for k in range(len(words) - 1, 0, -1):
        head = named.get(gaz.normalise(" ".join(words[:k])))
        if head is not None and words[k].casefold() not in _OWN_KIND:
            holder = _holder(head, city=True)
            if holder is not None:
                return holder, "named after the place it lies in,"
    lead = _NEAR_PREFIX.match(name)  # "Lake Manassas", "Old Town Alexandria", "Fort Bragg" where Bragg is named
    if lead:
        rest = name[lead.end():]
        known = named.get(gaz.normalise(rest))
        if known is None and _candidates(rest):  # "Old Town Manassas" in a story about Virginia
            found = resolve_name(rest, evidence)
            known = found if found.entry is not None and evidence.countries.get(found.entry.country or "", 0) else None
        holder = _holder(known, city=True)
        if holder is not None:
            return holder, f"the {lead.group(1).casefold()} of"
    return None


def _holder(resolution: Resolution | None, city: bool) -> GazEntry | None:
    """The place a resolution puts a name in, when it can hold it: a country, region or county, and a city
    when `city` ("Greenlane, Auckland"; not "Copenhagen, Hamburg", a list of places known elsewhere)."""
    entry = (resolution.entry or resolution.within) if resolution is not None else None
    if entry is None or entry.feature in ("continent", "sea", "physical") \
            or (entry.feature in ("city", "capital") and not city):
        return None
    return entry


def _linked(toponyms: list[_Toponym], i: int, text: str) -> int | None:
    """The toponym written right after `i` as holding it ("X in Y", "X district of Y", "X, near Y")."""
    if i + 1 >= len(toponyms):
        return None
    between = text[toponyms[i].span[1]:toponyms[i + 1].span[0]]
    return i + 1 if "\n" not in between and _SITE_LINK.match(between) else None


def _site_word(name: str, waterside: bool = False) -> bool:
    """Whether a name says it is a street, a square or a building ("Hampton Avenue", "Alder Hey Hospital",
    "Eglinton Avenue West", "Fort Hood"); with `waterside`, also a harbour, bay or beach ("Pearl Harbor"),
    words that end the names of cities too ("Miami Beach"), so only for names the gazetteer lacks."""
    words = [w.casefold().strip(".") for w in name.split()]
    if len(words) > 2 and words[-1] in _DIRECTION_WORDS:
        words = words[:-1]
    if len(words) < 2:
        return False
    return words[-1] in _SITE_WORDS or words[0] in _SITE_PREFIXES or (waterside and words[-1] in _WATERSIDE)


# ---------------------------------------------------------------- merging


def _merge(toponyms: list[_Toponym], resolutions: list[Resolution]) -> list[Place]:
    """One Place per gazetteer entry (or per unresolved name), mentions in text order."""
    places: dict[object, Place] = {}
    for toponym, resolution in zip(toponyms, resolutions, strict=True):
        if toponym.embedded:
            continue
        entry = resolution.entry
        key: object = (entry.geonameid or entry.fips or (entry.name, entry.country, entry.feature)) if entry else (
            "?", gaz.normalise(toponym.text), id(resolution.within))
        place = places.get(key)
        if place is None:
            place = places[key] = _place(f"p{len(places) + 1}", toponym, resolution)
        place.mentions.append(toponym.span)
    return list(places.values())


def _place(place_id: str, toponym: _Toponym, resolution: Resolution) -> Place:
    entry = resolution.entry
    if entry is None and resolution.within is not None:  # a site: the point of the place holding it
        box = resolution.within
        lat, lon, note = _site_point(box)
        return Place(id=place_id, name=toponym.text, country=box.country, lat=lat, lon=lon,
                     admin1=gaz.admin1_name(box), feature="site", text=toponym.text, reason=resolution.reason + note)
    if entry is None:
        return Place(id=place_id, name=toponym.text, text=toponym.text, reason=resolution.reason)
    lat, lon, note = _point(entry)
    return Place(id=place_id, name=entry.name, country=entry.country, lat=lat, lon=lon,
                 geonameid=entry.geonameid, admin1=gaz.admin1_name(entry), feature=entry.feature,
                 text=toponym.text, reason=resolution.reason + note)


def _city_state(entry: GazEntry) -> bool:
    """A country small enough to be a city for what lies in it (Vatican City, Singapore, Monaco)."""
    return entry.feature == "country" and gaz.country_areas().get(entry.country or "", math.inf) <= _SMALL_COUNTRY_KM2


def _site_point(box: GazEntry) -> tuple[float | None, float | None, str]:
    """Where a site held by `box` most likely is: a region's populated centre, a city's point, a small
    country's point; none in a larger country."""
    centre = gaz.populated_centre(box)
    if centre is not None:
        return centre[0], centre[1], f"; point: the populated centre of {box.name}, the mean of its GeoNames " \
                                     "places of 1,000+ people"
    if box.feature == "country" and not _city_state(box):
        return None, None, ""
    return _point(box)


def _point(entry: GazEntry) -> tuple[float | None, float | None, str]:
    """An entry's point, else (a region our tables know by name only) the mean of its GeoNames places."""
    if entry.lat is not None:
        return entry.lat, entry.lon, ""
    point = gaz.populated_centre(entry)
    if point is None:
        return None, None, ""
    return point[0], point[1], f"; point: the mean of {entry.name}'s GeoNames places of 1,000+ people"
