"""Country points: how much of each geo set's accuracy hangs on the point it gives a country.

    .venv/bin/python benchmarks/geo_conventions.py [--data ../shared/data]

A country has no true point: GeoWebNews gives a country GeoNames' point, GeoVirus Wikipedia's, and our table the
CIA World Factbook's centre. For large countries these lie more than 161 km apart (China: 35N 105E against 35N
103E), so a right country can count as a miss. This script analyses both sets once and scores acc@161km three ways:
with our points; and, for every mention resolved to the right country, with the point that one of the two sets
most often gives that country. A point table fitted to one set would lift that set and sink the other; the
script measures by how much. A fourth column fits one table to both sets at once (for each country, the point that
scores best over the two), which shows how far fitting to the gold would go; a fifth gives each set's ceiling with
our points: its accuracy if every toponym we do not resolve to a country, continent or sea were right. It is a
diagnostic of the sets, never a way to choose our points.
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
    joint = _joint_points(list(scored.values()))
    print("set          ours   GeoWebNews' points  GeoVirus' points  one table fitted to both  ceiling with ours")
    for name, rows in scored.items():
        figures = [_accuracy(rows, conventions.get(source)) for source in (None, *SETS)]
        ceiling = 1 - sum(conventional and not _hit(error) for error, _, _, _, conventional in rows) / len(rows)
        print(f"{name:12} {figures[0]:.3f}  {figures[1]:.3f}               {figures[2]:.3f}             "
              f"{_accuracy(rows, joint):.3f}                     {ceiling:.3f}")


Row = tuple[float | None, str | None, float, float, bool]


def _score(name: str, data: Path) -> list[Row]:
    """(error km or None, the country of a mention resolved to a country, gold lat, gold lon, whether it was
    resolved to a country, continent or sea) per matched toponym."""
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
            rows.append((error, place.country if right_country else None, gold.lat, gold.lon,
                         place.feature in ("country", "continent", "sea")))
    return rows


def _country_points(rows: list[Row]) -> dict[str, tuple[float, float]]:
    """The set's most frequent gold point for each country that our places resolve rightly."""
    points: dict[str, Counter[tuple[float, float]]] = defaultdict(Counter)
    for _, country, lat, lon, _ in rows:
        if country is not None:
            points[country][(lat, lon)] += 1
    return {country: counts.most_common(1)[0][0] for country, counts in points.items()}


def _joint_points(sets: list[list[Row]]) -> dict[str, tuple[float, float]]:
    """For each country, the gold point of either set that is within reach of most gold points of both."""
    golds: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for rows in sets:
        for _, country, lat, lon, _ in rows:
            if country is not None:
                golds[country].append((lat, lon))
    return {country: max(sorted(set(points)), key=lambda p: sum(_hit(haversine_km(*p, *q)) for q in points))
            for country, points in golds.items()}


def _hit(error: float | None) -> bool:
    return error is not None and error <= KM


def _accuracy(rows: list[Row], points: dict[str, tuple[float, float]] | None) -> float:
    hits = 0
    for error, country, lat, lon, _ in rows:
        if points is not None and country in points:
            error = haversine_km(*points[country], lat, lon)
        hits += _hit(error)
    return hits / len(rows)


if __name__ == "__main__":
    main()
