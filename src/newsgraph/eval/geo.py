"""Geoparsing on GeoWebNews and GeoVirus (and the held-out LGL and TR-News, where their files are put in place):
toponym recall, accuracy within 161 km, mean error.

Gold toponyms (with coordinates) are matched to our places by span overlap. On matched toponyms we score
the point we chose against the gold point: accuracy within 161 km (100 miles, the usual bar), mean and
median error in km; an unresolved place counts as a miss for accuracy. A population-only baseline runs on
the same toponyms in the same run: the most populous gazetteer candidate of the same words.

GeoWebNews also marks each toponym's type; adjective modifiers ("French") are demonyms, which newsgraph
never treats as places, so recall is given over all gold toponyms and over nouns only. GeoVirus offsets
are one character late in the distributed file; the reader finds the name within a few characters. Each article
carries its address where the set gives one (GeoWebNews' link, LGL's url), as a reader would, so that the country of
its site counts as evidence.

A country has no one point: GeoWebNews gives GeoNames' country points, GeoVirus Wikipedia's, and they differ by
up to 1,000 km (Canada, Russia). `acc@161km_or_same_country` is a diagnostic beside the headline: it also counts
a toponym resolved to a country whose gold point lies in that country (the country of the gazetteer city nearest
the gold point), to tell a convention apart from a wrong country.
Only `entities` and `places` run (places needs only entities), so other layers cannot slow or break this.
"""

from __future__ import annotations

import functools
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsgraph.errors import EvalDataError
from newsgraph.eval import EvalReport, default_data_dir
from newsgraph.kb import places as gaz
from newsgraph.model import Analysis, Article, Place
from newsgraph.nlp.places import extract_places, haversine_km

__all__ = ["GoldToponym", "GoldArticle", "SETS", "read_set", "evaluate", "population_choice"]

SETS = {"geowebnews": "geowebnews/GWN.xml", "geovirus": "geovirus/GeoVirus.xml", "lgl": "lgl/lgl.xml",
        "tr-news": "tr_news/TR-News.xml"}
_HELD_OUT = ("lgl", "tr-news")  # not distributed with the shared data: scored where the file is put in place
KM = 161.0


@dataclass
class GoldToponym:
    """A gold toponym: its span in the article text, its point, and (GeoWebNews) its type and GeoNames id."""

    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonameid: int | None = None
    adjective: bool = False


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]
    url: str | None = None  # the article's address, as a reader would have it (its domain can name a country)


def read_set(name: str, data_dir: Path) -> list[GoldArticle]:
    """The articles of a gold set, with the toponyms that carry coordinates."""
    if name not in SETS:
        raise EvalDataError(f"unknown geoparsing set {name!r}; choose one of {', '.join(SETS)}")
    path = data_dir / SETS[name]
    if not path.is_file():
        held = " (a held-out set: put the file there to score it)" if name in _HELD_OUT else ""
        raise EvalDataError(f"gold file {str(path)!r} not found{held}; pass the shared data folder (--data)")
    root = ET.parse(path).getroot()
    reader = {"geowebnews": _read_gwn, "geovirus": _read_geovirus}.get(name, _read_lgl)
    return list(reader(root))


def _read_gwn(root: ET.Element) -> Iterator[GoldArticle]:
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("toponym"):
            fields = {child.tag: (child.text or "").strip() for child in node}
            if not fields.get("latitude"):
                continue
            start, end = int(fields["start"]), int(fields["end"])
            toponyms.append(GoldToponym(start, end, fields.get("extractedName", ""), float(fields["latitude"]),
                                        float(fields["longitude"]), int(fields["geonamesID"] or 0) or None,
                                        fields.get("modifierType") == "Adjective"))
        yield GoldArticle(text, toponyms, (article.findtext("link") or "").strip() or None)


def _read_geovirus(root: ET.Element) -> Iterator[GoldArticle]:
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("location"):
            fields = {child.tag: (child.text or "").strip() for child in node}
            name = fields["name"]
            start = _locate(text, name, int(fields["start"]))
            toponyms.append(GoldToponym(start, start + len(name), name, float(fields["lat"]), float(fields["lon"])))
        yield GoldArticle(text, toponyms)


def _read_lgl(root: ET.Element) -> Iterator[GoldArticle]:
    """LGL and TR-News: `<toponym><start/><end/><phrase/><gaztag geonameid><lat/><lon/>...`; toponyms
    without a gazetteer tag have no point and are left out."""
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("toponym"):
            tag = node.find("gaztag")
            if tag is None or not (tag.findtext("lat") or "").strip():
                continue
            start, end = int(node.findtext("start") or 0), int(node.findtext("end") or 0)
            toponyms.append(GoldToponym(start, end, node.findtext("phrase") or text[start:end],
                                        float(tag.findtext("lat") or 0), float(tag.findtext("lon") or 0),
                                        int(tag.get("geonameid") or 0) or None))
        url = (article.findtext("url") or article.findtext("domain") or "").strip() or None
        yield GoldArticle(text, toponyms, url)


def _locate(text: str, name: str, start: int) -> int:
    """The real start of `name` near a given offset (GeoVirus offsets are one late)."""
    for shift in (0, -1, 1, -2, 2, -3, 3):
        if text[start + shift:start + shift + len(name)] == name:
            return start + shift
    return start


def population_choice(name: str) -> gaz.GazEntry | None:
    """The baseline: the most populous candidate for a name (countries and regions by their population)."""
    cands = [c.entry for c in gaz.lookup(name) if c.entry.lat is not None]
    return max(cands, key=lambda e: e.population, default=None)


@dataclass
class _Tally:
    gold: int = 0
    gold_nouns: int = 0
    found: int = 0
    found_nouns: int = 0
    within: int = 0
    resolved: int = 0
    exact: int = 0
    with_id: int = 0
    broad: int = 0  # matched toponyms resolved to a country, continent or sea
    broad_within: int = 0
    same_country: int = 0  # resolved to a country beyond 161 km of the gold point, which lies in that country
    errors: list[float] | None = None

    def __post_init__(self) -> None:
        self.errors = []

    def row(self) -> dict[str, float | int]:
        errors = self.errors or []
        row = {
            "toponyms": self.gold,
            "recall": round(self.found / self.gold, 4) if self.gold else 0.0,
            "recall_nouns": round(self.found_nouns / self.gold_nouns, 4) if self.gold_nouns else 0.0,
            "matched": self.found,
            "acc@161km": round(self.within / self.found, 4) if self.found else 0.0,
            "resolved": round(self.resolved / self.found, 4) if self.found else 0.0,
            "mean_error_km": round(statistics.fmean(errors), 1) if errors else 0.0,
            "median_error_km": round(statistics.median(errors), 1) if errors else 0.0,
            "geonameid_match": round(self.exact / self.with_id, 4) if self.with_id else 0.0,
            "acc@161km_resolved": round(self.within / self.resolved, 4) if self.resolved else 0.0,
            "acc@161km_countries": round(self.broad_within / self.broad, 4) if self.broad else 0.0,
            "acc@161km_others": round((self.within - self.broad_within) / (self.found - self.broad), 4)
            if self.found > self.broad else 0.0,
            "acc@161km_or_same_country": round((self.within + self.same_country) / self.found, 4)
            if self.found else 0.0,
        }
        if not self.with_id:  # GeoVirus gives no GeoNames ids
            del row["geonameid_match"]
        return row


def mention_at(places: list[Place], gold: GoldToponym, text: str) -> tuple[Place, str] | None:
    """Our place with a mention overlapping the gold span (longest overlap), and the words of that mention."""
    best, best_overlap = None, 0
    for place in places:
        for start, end in place.mentions:
            overlap = min(end, gold.end) - max(start, gold.start)
            if overlap > best_overlap:
                best, best_overlap = (place, text[start:end]), overlap
    return best


_BROAD = ("country", "continent", "sea")


def _score_point(tally: _Tally, gold: GoldToponym, lat: float | None, lon: float | None,
                 geonameid: int | None, feature: str | None, country: str | None = None) -> None:
    if gold.geonameid:
        tally.with_id += 1
        tally.exact += int(geonameid == gold.geonameid)
    broad = feature in _BROAD
    tally.broad += broad
    if lat is None or lon is None:
        return
    tally.resolved += 1
    error = haversine_km(lat, lon, gold.lat, gold.lon)
    tally.errors.append(error)  # type: ignore[union-attr]
    tally.within += int(error <= KM)
    tally.broad_within += int(broad and error <= KM)
    if feature == "country" and error > KM and country is not None:
        tally.same_country += int(_country_at(gold.lat, gold.lon) == country)


def _country_at(lat: float, lon: float) -> str | None:
    """The country of the gazetteer city nearest a point (a diagnostic: whether a gold point lies in a country)."""
    codes, lats, lons = _city_points()
    dlat = lats - lat
    dlon = (lons - lon + 180.0) % 360.0 - 180.0
    nearest = int(np.argmin(dlat * dlat + (dlon * np.cos(np.radians(lat))) ** 2))
    return codes[nearest]


@functools.cache
def _city_points() -> tuple[list[str | None], np.ndarray, np.ndarray]:
    cities = {id(c.entry): c.entry for cands in gaz.gazetteer().index.values() for c in cands
              if c.entry.feature in ("city", "capital") and c.entry.lat is not None}
    entries = list(cities.values())
    return ([e.country for e in entries], np.array([e.lat for e in entries]), np.array([e.lon for e in entries]))


def analyse_articles(articles: list[GoldArticle], model: str | None) -> Iterator[Analysis]:
    """Entities and places of each gold article, read as the pipeline reads it (its site's address included)."""
    from newsgraph.nlp import actors
    from newsgraph.nlp.pipeline import load_pipeline

    nlp = load_pipeline(model)
    docs = nlp.pipe([a.text for a in articles], batch_size=16)
    for gold, doc in zip(articles, docs, strict=True):
        analysis = Analysis(article=Article(text=gold.text, url=gold.url))
        analysis.entities = actors.extract_entities(doc, analysis)
        analysis.places = extract_places(doc, analysis)
        yield analysis


def evaluate(split: str | None = None, data_dir: Path | None = None, model: str | None = None,
             limit: int | None = None, set: str = "geowebnews", **_: object) -> EvalReport:  # noqa: A002
    """Score newsgraph's places (and the population-only baseline) on GeoWebNews or GeoVirus."""
    data_dir = data_dir or default_data_dir()
    articles = read_set(set, data_dir)[:limit]
    started = time.perf_counter()
    build = gaz.gazetteer().build_seconds
    towns_started = time.perf_counter()
    towns = len(gaz.small_towns())  # the lazy second tier, loaded here so that its cost is reported
    towns_seconds = time.perf_counter() - towns_started
    ours, base = _Tally(), _Tally()
    for article, analysis in zip(articles, analyse_articles(articles, model), strict=True):
        for gold in article.toponyms:
            for tally in (ours, base):
                tally.gold += 1
                tally.gold_nouns += int(not gold.adjective)
            hit = mention_at(analysis.places, gold, article.text)
            if hit is None:
                continue
            place, words = hit
            for tally in (ours, base):
                tally.found += 1
                tally.found_nouns += int(not gold.adjective)
            _score_point(ours, gold, place.lat, place.lon, place.geonameid, place.feature, place.country)
            entry = population_choice(words)
            _score_point(base, gold, entry.lat if entry else None, entry.lon if entry else None,
                         entry.geonameid if entry else None, entry.feature if entry else None,
                         entry.country if entry else None)
    seconds = time.perf_counter() - started
    report = EvalReport(name=f"geo/{set}", split=split, rows={"newsgraph": ours.row(), "population": base.row()})
    report.notes.append(f"{len(articles)} articles, {ours.gold} gold toponyms with coordinates; "
                        f"{seconds:.1f} s (gazetteer built in {build:.2f} s; small-town tier of {towns:,} names "
                        f"loaded in {towns_seconds:.2f} s)")
    report.notes.append("acc@161km and errors on gold toponyms our places cover (span overlap); "
                        "an unresolved place counts as wrong; population = most populous candidate of the same words")
    report.notes.append("acc@161km_countries: matched toponyms resolved to a country, continent or sea, where the "
                        "point is a convention (our Factbook centres; GeoWebNews uses GeoNames', GeoVirus Wikipedia's)")
    report.notes.append("acc@161km_or_same_country (diagnostic only, not the headline): also counts a toponym resolved "
                        "to a country whose gold point, beyond 161 km of ours, lies in that country (by the country "
                        "of the gazetteer city nearest the gold point)")
    limit_arg = f" --limit {limit}" if limit else ""
    report.command = f"newsgraph eval geo --set {set}{limit_arg}" + (f" --model {model}" if model else "")
    return report
