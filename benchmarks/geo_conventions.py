"""Country points: how much of each geo set's accuracy hangs on the point it gives a country.

    .venv/bin/python benchmarks/geo_conventions.py [--data ../shared/data]

A country has no true point: GeoWebNews gives a country GeoNames' point, GeoVirus Wikipedia's, and our table the
CIA World Factbook's centre. For large countries these lie more than 161 km apart (China: 35N 105E against 35N
103E), so a right country can count as a miss. This script analyses both sets once and scores acc@161km three ways:
with our points; and, for every mention resolved to the right country, with the point that one of the two sets
most often gives that country. A point table fitted to one set would lift that set and sink the other; the
script measures by how much. It is a diagnostic of the sets, never a way to choose our points.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from newsgraph.eval.geo import KM, analyse_articles, mention_at, read_set
from newsgraph.nlp.places import haversine_km

REPO = Path(__file__).resolve().parents[1]
SETS = ("geowebnews", "geovirus")
_RIGHT_COUNTRY_KM = 1500.0  # a country point this far from the gold one is another country, not a convention


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    scored = {name: _score(name, args.data) for name in SETS}
    conventions = {name: _country_points(rows) for name, rows in scored.items()}
    print("set          ours   with GeoWebNews' country points   with GeoVirus' country points")
    for name, rows in scored.items():
        figures = [_accuracy(rows, conventions.get(source)) for source in (None, *SETS)]
        print(f"{name:12} {figures[0]:.3f}  {figures[1]:.3f}                             {figures[2]:.3f}")


def _score(name: str, data: Path) -> list[tuple[float | None, str | None, float, float]]:
    """(error km or None, the country of a mention resolved to a country, gold lat, gold lon) per matched toponym."""
    articles = read_set(name, data)
    rows = []
    for article, analysis in zip(articles, analyse_articles(articles, None), strict=True):
        for gold in article.toponyms:
            hit = mention_at(analysis.places, gold, article.text)
            if hit is None:
                continue
            place = hit[0]
            error = None if place.lat is None else haversine_km(place.lat, place.lon, gold.lat, gold.lon)
            right_country = place.feature == "country" and error is not None and error < _RIGHT_COUNTRY_KM
            rows.append((error, place.country if right_country else None, gold.lat, gold.lon))
    return rows


def _country_points(rows: list[tuple[float | None, str | None, float, float]]) -> dict[str, tuple[float, float]]:
    """The set's most frequent gold point for each country that our places resolve rightly."""
    points: dict[str, Counter[tuple[float, float]]] = defaultdict(Counter)
    for _, country, lat, lon in rows:
        if country is not None:
            points[country][(lat, lon)] += 1
    return {country: counts.most_common(1)[0][0] for country, counts in points.items()}


def _accuracy(rows: list[tuple[float | None, str | None, float, float]],
              points: dict[str, tuple[float, float]] | None) -> float:
    hits = 0
    for error, country, lat, lon in rows:
        if points is not None and country in points:
            error = haversine_km(*points[country], lat, lon)
        hits += error is not None and error <= KM
    return hits / len(rows)


if __name__ == "__main__":
    main()
