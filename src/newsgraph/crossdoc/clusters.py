"""Event clusters: events from different articles that are the same real-world event share one cluster id.

The rule (documented in docs/cluster.md and tested on hand-made article pairs). Two events are the same event when
1. they have the same PLOVER type and the same modality class (asserted and historical are facts; negated, future
   and hypothetical are each a class of their own: a denial never clusters with an assertion);
2. their actors are compatible, for source and target separately: when both sides name actors, a name must
   match (case-folded words; the shorter name's words end the longer one: "Putin" ~ "Vladimir Putin", but "Japan" is
   not "Japan Overseas Economic Co-operation Fund"); when either side has no names, their countries must overlap
   (weak evidence); a side with neither names nor countries is unknown, which is compatible but no evidence;
3. their dates are within a window: the gap between the two date intervals is at most `window_days` (2), or
   `inferred_window_days` (3) when either date was inferred from the publication time (reports come a day late);
   an event with no date and no publication time clusters with nothing;
4. their places are compatible: the same geonameid, or the same country, or one of them has no place;
5. positive evidence: a source or target matched by name, or the same geonameid, or both source and target
   matched by country.
Events are taken in time order and each joins the first open cluster whose every member it is compatible with
(complete link, so a chain of near-misses cannot join two different events), else starts its own. A cluster's id is a
hash of its earliest member (article id and event id), so ids are stable while that member stays.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from newsgraph.model import Analysis

__all__ = [
    "MODALITY_CLASS",
    "ClusterSummary",
    "CrossdocReport",
    "cluster_events",
    "cluster_id",
    "cluster_summary",
    "event_rows",
    "run_crossdoc",
    "summarize_clusters",
]

MODALITY_CLASS = {"asserted": "fact", "historical": "fact", "negated": "negated", "future": "future",
                  "hypothetical": "hypothetical"}
_WORD = re.compile(r"\w+")
Row = Mapping[str, Any]


def event_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """The clustering rows of one analysis: one per event, actors resolved to names and countries."""
    article = analysis.article
    rows = []
    for event in analysis.events:
        row: dict[str, Any] = {
            "article_id": article.id, "event_id": event.id, "type": event.type, "modality": event.modality,
            "published": article.published.isoformat() if article.published else None, "outlet": article.outlet,
            "evidence": event.evidence.text, "date_start": None, "date_end": None, "date_inferred": False,
            "place_name": None, "place_country": None, "place_geonameid": None,
        }
        for role in ("source", "target"):
            entities = [e for e in (analysis.entity(i) for i in getattr(event, role)) if e is not None]
            row[f"{role}_names"] = [e.name for e in entities]
            row[f"{role}_countries"] = sorted({e.country for e in entities if e.country})
        if event.date:
            row.update(date_start=event.date.start, date_end=event.date.end, date_inferred=event.date.inferred)
        if event.place:
            row.update(place_name=event.place.name, place_country=event.place.country,
                       place_geonameid=event.place.geonameid)
        rows.append(row)
    return rows


def cluster_id(article_id: str, event_id: str) -> str:
    """The id of a cluster whose earliest member is this event."""
    return "c" + hashlib.sha256(f"{article_id}/{event_id}".encode()).hexdigest()[:15]


@dataclass
class _Event:
    row: Row
    key: tuple[str, str]
    start: int | None
    end: int | None
    inferred: bool
    names: dict[str, list[tuple[str, ...]]]
    countries: dict[str, frozenset[str]]
    geonameid: Any
    country: str | None
    published: float

    @property
    def order(self) -> tuple:
        return (self.start if self.start is not None else 1 << 40, self.published,
                self.row["article_id"], str(self.row["event_id"]))


def cluster_events(
    rows: Iterable[Row], window_days: int = 2, inferred_window_days: int = 3
) -> list[tuple[str, str, str]]:
    """`(article_id, event_id, cluster_id)` for every event row; rows of the same real-world event share a cluster."""
    blocks: dict[tuple[str, str], list[_Event]] = {}
    for row in rows:
        event = _prepare(row)
        blocks.setdefault(event.key, []).append(event)
    out: list[tuple[str, str, str]] = []
    for key in sorted(blocks):
        for members in _cluster_block(sorted(blocks[key], key=lambda e: e.order), window_days, inferred_window_days):
            anchor = members[0].row
            cid = cluster_id(anchor["article_id"], str(anchor["event_id"]))
            out.extend((m.row["article_id"], m.row["event_id"], cid) for m in members)
    return sorted(out)


def _cluster_block(events: list[_Event], window: int, inferred_window: int) -> list[list[_Event]]:
    """Leader clustering in time order; candidates are found through the keys any match needs (no full scan)."""
    clusters: list[list[_Event]] = []
    last_end: list[int] = []
    by_key: dict[tuple, list[int]] = {}
    reach = max(window, inferred_window)
    for event in events:
        if event.start is None:
            clusters.append([event])
            last_end.append(-(1 << 40))
            continue
        candidates: set[int] = set()
        for key in _keys(event):
            live = [i for i in by_key.get(key, ()) if last_end[i] + reach >= event.start]
            by_key[key] = live
            candidates.update(live)
        home = next((i for i in sorted(candidates) if _joins(event, clusters[i], window, inferred_window)), None)
        if home is None:
            home = len(clusters)
            clusters.append([])
            last_end.append(event.end)  # type: ignore[arg-type]
        clusters[home].append(event)
        last_end[home] = max(last_end[home], event.end)  # type: ignore[type-var]
        for key in _keys(event):
            if home not in by_key.setdefault(key, [])[-1:]:
                by_key[key].append(home)
    return clusters


def _keys(event: _Event) -> set[tuple]:
    """What two events of one cluster must share for positive evidence: a surname, a geonameid, a source country."""
    keys: set[tuple] = {("n", words[-1]) for role in ("source", "target") for words in event.names[role]}
    keys.update(("c", country) for country in event.countries["source"])
    if event.geonameid is not None:
        keys.add(("g", event.geonameid))
    return keys


def _joins(event: _Event, cluster: list[_Event], window: int, inferred_window: int) -> bool:
    return all(_same_event(event, member, window, inferred_window) for member in cluster)


def _same_event(a: _Event, b: _Event, window: int, inferred_window: int) -> bool:
    if a.start is None or b.start is None:
        return False
    gap = max(0, max(a.start, b.start) - min(a.end, b.end))  # type: ignore[type-var]
    if gap > (inferred_window if a.inferred or b.inferred else window):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.geonameid and b.geonameid and a.geonameid != b.geonameid and not (a.country and a.country == b.country):
        return False
    verdicts = [_actors(a, b, role) for role in ("source", "target")]
    if False in verdicts:
        return False
    same_place = a.geonameid is not None and a.geonameid == b.geonameid
    return same_place or "name" in verdicts or verdicts == ["country", "country"]


def _actors(a: _Event, b: _Event, role: str) -> str | bool | None:
    """"name" or "country": the same actors by that key; False: different actors; None: unknown on one side."""
    names_a, names_b = a.names[role], b.names[role]
    if names_a and names_b:
        return "name" if any(_same_name(x, y) for x in names_a for y in names_b) else False
    countries_a, countries_b = a.countries[role], b.countries[role]
    if countries_a and countries_b:
        return "country" if countries_a & countries_b else False
    return None


def _same_name(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """One name's words end the other's ("putin" ~ "vladimir putin")."""
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return long[len(long) - len(short):] == short


def _prepare(row: Row) -> _Event:
    published = _when(row.get("published"))
    start, end = _day(row.get("date_start")), _day(row.get("date_end"))
    inferred = bool(row.get("date_inferred"))
    if start is None and published is not None:
        start, inferred = published.toordinal(), True
    end = end if end is not None and start is not None and end >= start else start
    return _Event(
        row=row,
        key=(str(row.get("type")), MODALITY_CLASS.get(str(row.get("modality")), str(row.get("modality")))),
        start=start,
        end=end,
        inferred=inferred,
        names={r: _names(_listed(row, f"{r}_names", r)) for r in ("source", "target")},
        countries={r: frozenset(_listed(row, f"{r}_countries", f"{r}_country")) for r in ("source", "target")},
        geonameid=row.get("place_geonameid", row.get("geonameid")),
        country=row.get("place_country"),
        published=published.timestamp() if published else float("inf"),
    )


def _listed(row: Row, key: str, joined: str) -> list[str]:
    """A list field of a clustering row, or the same field of an export row ("; "-joined)."""
    if key in row:
        return list(row[key] or ())
    return [part for part in (row.get(joined) or "").split("; ") if part]


def _names(names: Sequence[str] | None) -> list[tuple[str, ...]]:
    return [words for words in (tuple(_WORD.findall(n.casefold())) for n in names or () if n) if words]


def _when(value: Any) -> datetime | None:
    if isinstance(value, str) and value:
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _day(value: Any) -> int | None:
    if isinstance(value, date):
        return value.toordinal()
    if not isinstance(value, str) or not value:
        return None
    text = value[:10]
    for size, suffix in ((10, ""), (7, "-01"), (4, "-01-01")):  # day, month or year granularity
        if len(text) >= size:
            try:
                return date.fromisoformat(text[:size] + suffix).toordinal()
            except ValueError:
                continue
    return None


@dataclass
class ClusterSummary:
    """One real-world event across articles: counts, first and last report, and every member with its evidence."""

    cluster_id: str
    type: str
    modality: str
    articles: int  # distinct articles, duplicates of another member counted once
    outlets: int
    first_report: str | None
    last_report: str | None
    members: list[dict[str, Any]] = field(default_factory=list)


def summarize_clusters(
    rows: Iterable[Row], assignments: Iterable[tuple[str, str, str]], duplicates: Mapping[str, str] | None = None
) -> dict[str, ClusterSummary]:
    """Summaries of every cluster, keyed by cluster id; `duplicates` maps a duplicate article id to its original."""
    duplicates = duplicates or {}
    where = {(a, str(e)): c for a, e, c in assignments}
    members: dict[str, list[Row]] = {}
    for row in rows:
        cid = where.get((row["article_id"], str(row["event_id"])))
        if cid is not None:
            members.setdefault(cid, []).append(row)
    return {cid: _summary(cid, rs, duplicates) for cid, rs in sorted(members.items())}


def _summary(cid: str, rows: list[Row], duplicates: Mapping[str, str]) -> ClusterSummary:
    rows = sorted(rows, key=lambda r: (_when(r.get("published")) or datetime.max.replace(tzinfo=UTC),
                                       r["article_id"], str(r["event_id"])))
    reported = [w for w in (_when(r.get("published")) for r in rows) if w is not None]
    return ClusterSummary(
        cluster_id=cid,
        type=str(rows[0].get("type")),
        modality=str(rows[0].get("modality")),
        articles=len({duplicates.get(r["article_id"], r["article_id"]) for r in rows}),
        outlets=len({r.get("outlet") for r in rows if r.get("outlet")}),
        first_report=min(reported).isoformat() if reported else None,
        last_report=max(reported).isoformat() if reported else None,
        members=[
            {"article_id": r["article_id"], "event_id": r["event_id"], "outlet": r.get("outlet"),
             "published": r.get("published"), "modality": r.get("modality"),
             "evidence": r.get("evidence", r.get("evidence_text")),
             "duplicate_of": duplicates.get(r["article_id"])}
            for r in rows
        ],
    )


def cluster_summary(store: Any, cluster: str, limit: int = 10_000) -> ClusterSummary:
    """The summary of one stored cluster (for `newsgraph events show CLUSTER`): counts, reports, members, evidence."""
    from newsgraph.errors import NotFoundError

    rows = store.events(cluster=cluster, limit=limit)
    if not rows:
        raise NotFoundError(f"no events in cluster {cluster!r}; run crossdoc first, or list clusters with events")
    ids = sorted({r["article_id"] for r in rows})
    marks = ",".join("?" * len(ids))
    duplicates = dict(store.connection.execute(
        f"SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL AND id IN ({marks})", ids).fetchall())
    assignments = [(r["article_id"], r["event_id"], cluster) for r in rows]
    return summarize_clusters(rows, assignments, duplicates)[cluster]


@dataclass
class CrossdocReport:
    """What `run_crossdoc` found: articles read, duplicate pairs, events and clusters (of more than one event)."""

    articles: int
    duplicates: int
    events: int
    clusters: int
    multi_article_clusters: int
    actors: int = 0


def run_crossdoc(store: Any, threshold: float = 0.8, window_days: int = 2) -> CrossdocReport:
    """Find duplicate articles, event clusters and cross-article actors over a whole store; write them back.

    Signatures are computed once per article and kept in the store (`articles.minhash`); events are read as export
    rows, a batch of articles at a time.
    """
    from newsgraph.crossdoc.actors import link_stored_actors
    from newsgraph.crossdoc.duplicates import find_duplicates
    from newsgraph.store.export import iter_rows

    items = list(_signatures(store))
    pairs = find_duplicates(items, threshold=threshold)
    rows = [_slim(row) for batch in iter_rows(store, "events") for row in batch]
    assignments = cluster_events(rows, window_days=window_days)
    store.set_duplicates(pairs)
    store.set_clusters(assignments)
    articles_of: dict[str, set[str]] = {}
    for article_id, _, cid in assignments:
        articles_of.setdefault(cid, set()).add(article_id)
    return CrossdocReport(
        articles=len(items),
        duplicates=len(pairs),
        events=len(rows),
        clusters=len(articles_of),
        multi_article_clusters=sum(1 for ids in articles_of.values() if len(ids) > 1),
        actors=link_stored_actors(store),
    )


_SLIM = ("article_id", "event_id", "type", "modality", "source", "source_country", "target", "target_country",
         "date_start", "date_end", "date_inferred", "place_country", "geonameid", "published", "outlet")


def _slim(row: Row) -> dict[str, Any]:
    return {key: row.get(key) for key in _SLIM}


def _signatures(store: Any, batch: int = 500) -> Iterable[tuple[str, bytes, str | None]]:
    """(article id, MinHash signature, published) for every stored article; new signatures are saved."""
    from newsgraph.crossdoc.duplicates import signature

    con = store.connection
    last = 0
    while True:
        rows = con.execute(
            "SELECT aid, id, title, text, published, minhash FROM articles WHERE aid > ? ORDER BY aid LIMIT ?",
            (last, batch),
        ).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        fresh = [(aid, signature((title or "") + "\n" + text)) for _, aid, title, text, _, sig in rows if sig is None]
        if fresh:
            store.set_minhash(fresh)
        made = dict(fresh)
        for _, aid, _, _, published, sig in rows:
            yield aid, sig if sig is not None else made[aid], published
