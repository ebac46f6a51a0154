"""Read queries over a store connection; every query returns plain rows (dicts).

The row shapes of `event_rows`, `quote_rows`, `entity_rows` and `article_rows` are the export schema of
`newsgraph.store.export.COLUMNS` (docs/export.md), so the CLI, the API and the exports all see the same columns.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from newsgraph.errors import StoreError
from newsgraph.store.rows import norm

__all__ = [
    "fts_query",
    "like_pattern",
    "article_summaries",
    "article_rows",
    "counts",
    "select_event_rids",
    "event_rows",
    "select_quotes",
    "quote_rows",
    "entity_groups",
    "entity_rows",
    "article_batches",
    "actor_rows",
    "find_actor",
    "placeholders",
]

_WORD = re.compile(r"\w")
COUNTED = ("articles", "entities", "quotes", "events", "places", "dates", "quantities", "failures")


def placeholders(n: int) -> str:
    """`?,?,...` for n values."""
    return ",".join("?" * n)


def fts_query(search: str) -> str | None:
    """User text as a safe FTS5 query: each word a quoted phrase, all required; None when nothing is searchable."""
    terms = ['"' + term.replace('"', '""') + '"' for term in search.split() if _WORD.search(term)]
    return " ".join(terms) or None


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with % and _ taken literally (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def counts(con: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the main tables."""
    return {table: con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in COUNTED}


# -- articles ---------------------------------------------------------------------------------------------

_ARTICLE_SELECT = """
SELECT a.id, a.title, a.outlet, a.url, a.published, a.authors, a.language, a.duplicate_of,
       (SELECT COUNT(*) FROM entities x WHERE x.article_id = a.id),
       (SELECT COUNT(*) FROM quotes x WHERE x.article_id = a.id),
       (SELECT COUNT(*) FROM events x WHERE x.article_id = a.id),
       a.text
FROM articles a
"""


def article_summaries(con: sqlite3.Connection, limit: int, offset: int, search: str | None) -> list[dict[str, Any]]:
    """Newest articles first, or the best FTS matches for `search` (title and text)."""
    if search is None:
        sql = _ARTICLE_SELECT + " ORDER BY a.published_utc DESC, a.aid DESC LIMIT ? OFFSET ?"
        params: tuple = (limit, offset)
    else:
        query = fts_query(search)
        if query is None:
            return []
        sql = (_ARTICLE_SELECT + " JOIN articles_fts f ON f.rowid = a.aid WHERE articles_fts MATCH ?"
               " ORDER BY f.rank LIMIT ? OFFSET ?")
        params = (query, limit, offset)
    keys = ("id", "title", "outlet", "published", "authors", "n_entities", "n_quotes", "n_events", "duplicate_of")
    out = []
    for row in con.execute(sql, params):
        full = _article_dict(row)
        full["authors"] = json.loads(row[5])
        out.append({k: full[k] for k in keys})
    return out


def _article_dict(row: Sequence[Any]) -> dict[str, Any]:
    (aid, title, outlet, url, published, authors, language, duplicate_of, n_ent, n_quo, n_ev, text) = row
    return {
        "id": aid, "title": title, "outlet": outlet, "url": url, "published": published,
        "authors": "; ".join(json.loads(authors)), "language": language, "duplicate_of": duplicate_of,
        "n_entities": n_ent, "n_quotes": n_quo, "n_events": n_ev, "text": text,
    }


def article_rows(con: sqlite3.Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Export rows of these articles, in the order given."""
    sql = _ARTICLE_SELECT + f" WHERE a.id IN ({placeholders(len(ids))})"
    rows = {row[0]: _article_dict(row) for row in con.execute(sql, tuple(ids))}
    return [rows[i] for i in ids if i in rows]


def article_batches(con: sqlite3.Connection, size: int) -> Iterator[list[str]]:
    """Article ids in storage order, `size` at a time (keyset paging: constant memory, no open cursor kept)."""
    last = 0
    while True:
        rows = con.execute("SELECT aid, id FROM articles WHERE aid > ? ORDER BY aid LIMIT ?", (last, size)).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        yield [r[1] for r in rows]


# -- events -----------------------------------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ][\d:.+\-Z]*)?)?)?$")


def _iso(value: str | date, name: str) -> str:
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    if not _PARTIAL_DATE.match(text):
        raise StoreError(f"{name}={value!r} is not an ISO date; give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-12-19)")
    return text


def select_event_rids(
    con: sqlite3.Connection,
    *,
    actor: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    country: str | None = None,
    cluster: str | None = None,
    limit: int = 100,
) -> list[int]:
    """Event rowids matching every filter given, newest `date_start` first (undated last).

    actor and country are looked up in `event_keys` (one index walk in date order); the other filters use the
    `events` indexes (type, modality, date_start, cluster_id). `until` includes partial dates ("2022-12").
    """
    keys = [("actor", norm(actor))] if actor else []
    keys += [("country", country.strip().upper())] if country else []
    where: list[str] = []
    params: list[Any] = []
    if keys:
        sql = "SELECT k.event_rid FROM event_keys k"
        if type or modality or cluster:
            sql += " JOIN events e ON e.rid = k.event_rid"
        where += ["k.kind = ?", "k.key = ?"]
        params += list(keys[0])
        for kind, key in keys[1:]:
            where.append("EXISTS (SELECT 1 FROM event_keys k2 WHERE k2.kind = ? AND k2.key = ? "
                         "AND k2.date_start = k.date_start AND k2.event_rid = k.event_rid)")
            params += [kind, key]
        date_col, order = "k.date_start", " ORDER BY k.date_start DESC, k.event_rid DESC"
        if until is not None:
            where.append("k.date_start != ''")
    else:
        sql = "SELECT e.rid FROM events e"
        date_col, order = "e.date_start", " ORDER BY e.date_start DESC, e.rid DESC"
    for column, value in (("e.type", type and type.strip().upper()), ("e.modality", modality and
                          modality.strip().lower()), ("e.cluster_id", cluster)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if since is not None:
        where.append(f"{date_col} >= ?")
        params.append(_iso(since, "since"))
    if until is not None:
        where.append(f"{date_col} <= ?")
        # "~" sorts after digits, "-" and "T": a partial date includes its days
        params.append(_iso(until, "until") + "~")
    if where:
        sql += " WHERE " + " AND ".join(where)
    return [r[0] for r in con.execute(sql + order + " LIMIT ?", (*params, limit))]


_EVENT_SELECT = """
SELECT e.rid, e.article_id, e.local_id, e.cluster_id, e.type, e.mode, e.modality,
       e.date_start, e.date_end, e.date_text, e.date_inferred,
       e.place_name, e.place_country, e.place_lat, e.place_lon, e.place_geonameid,
       e.troops, e.dead, e.injured, e.arrested, COALESCE(c.name, e.claimed_by),
       e.confidence, e.rule, e.evidence_text, e.evidence_start, e.evidence_end, e.trigger_start, e.trigger_end,
       a.published, a.outlet, a.url
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN entities c ON c.article_id = e.article_id AND c.local_id = e.claimed_by
WHERE {where}
"""

_EVENT_ACTORS = """
SELECT ea.event_rid, ea.role, COALESCE(en.name, ea.entity_id), en.country, en.sector
FROM event_actors ea
LEFT JOIN entities en ON en.article_id = ea.article_id AND en.local_id = ea.entity_id
WHERE ea.event_rid IN ({ids})
ORDER BY ea.event_rid, ea.role, ea.position
"""


def _joined(values: list[str | None], distinct: bool = False) -> str | None:
    seen: list[str] = []
    for value in values:
        if value and (not distinct or value not in seen):
            seen.append(value)
    return "; ".join(seen) if seen else None


def event_rows(con: sqlite3.Connection, rids: Sequence[int] = (), article_ids: Sequence[str] = ()) -> list[dict]:
    """Export rows for events by rowid (in the order given) or for all events of some articles (stored order)."""
    if rids:
        raw = con.execute(_EVENT_SELECT.format(where=f"e.rid IN ({placeholders(len(rids))})"), tuple(rids))
        by_rid = {row[0]: row for row in raw}
        ordered = [by_rid[r] for r in rids if r in by_rid]
    elif article_ids:
        where = f"e.article_id IN ({placeholders(len(article_ids))}) ORDER BY e.rid"
        ordered = con.execute(_EVENT_SELECT.format(where=where), tuple(article_ids)).fetchall()
    else:
        return []
    actors: dict[tuple[int, str], list[tuple]] = defaultdict(list)
    rid_list = [row[0] for row in ordered]
    for start in range(0, len(rid_list), 900):
        chunk = rid_list[start:start + 900]
        for rid, role, name, ctry, sector in con.execute(_EVENT_ACTORS.format(ids=placeholders(len(chunk))), chunk):
            actors[rid, role].append((name, ctry, sector))
    return [_event_dict(row, actors) for row in ordered]


def _event_dict(row: Sequence[Any], actors: dict[tuple[int, str], list[tuple]]) -> dict[str, Any]:
    (rid, aid, lid, cluster, type_, mode, modality, d0, d1, dtext, inferred, pname, pcountry, lat, lon, gid,
     troops, dead, injured, arrested, claimed_by, confidence, rule, etext, e0, e1, t0, t1, published, outlet,
     url) = row
    out: dict[str, Any] = {"article_id": aid, "event_id": lid, "cluster_id": cluster, "type": type_, "mode": mode,
                           "modality": modality}
    for role in ("source", "target"):
        members = actors.get((rid, role), [])
        out[role] = _joined([m[0] for m in members])
        out[f"{role}_country"] = _joined([m[1] for m in members], distinct=True)
        out[f"{role}_sector"] = _joined([m[2] for m in members], distinct=True)
    out.update({
        "date_start": d0, "date_end": d1, "date_text": dtext,
        "date_inferred": None if inferred is None else bool(inferred),
        "place_name": pname, "place_country": pcountry, "lat": lat, "lon": lon, "geonameid": gid,
        "troops": troops, "dead": dead, "injured": injured, "arrested": arrested, "claimed_by": claimed_by,
        "confidence": confidence, "rule": rule, "evidence_text": etext, "evidence_start": e0, "evidence_end": e1,
        "trigger_start": t0, "trigger_end": t1, "published": published, "outlet": outlet, "url": url,
    })
    return out


# -- quotes -----------------------------------------------------------------------------------------------

_QUOTE_SELECT = """
SELECT q.article_id, q.local_id, q.kind, q.text, COALESCE(en.name, q.speaker_text), q.speaker, en.country,
       en.sector, q.speaker_text, q.cue, q.speech_act, q.span_start, q.span_end, a.published, a.outlet, a.url
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN entities en ON en.article_id = q.article_id AND en.local_id = q.speaker
"""

_QUOTE_KEYS = ("article_id", "quote_id", "kind", "text", "speaker", "speaker_id", "speaker_country",
               "speaker_sector", "speaker_text", "cue", "speech_act", "span_start", "span_end", "published",
               "outlet", "url")


def select_quotes(
    con: sqlite3.Connection, *, speaker: str | None, kind: str | None, text: str | None, limit: int
) -> list[dict[str, Any]]:
    """Quotes by speaker (entity name, alias or speaker words: case-insensitive substring), kind and text."""
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        pattern = like_pattern(norm(speaker))
        where.append(
            "(en.name_norm LIKE ? ESCAPE '\\' OR q.speaker_text LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM "
            "entity_aliases al WHERE al.article_id = q.article_id AND al.entity_id = q.speaker "
            "AND al.alias_norm LIKE ? ESCAPE '\\'))"
        )
        params += [pattern] * 3
    if kind:
        where.append("q.kind = ?")
        params.append(kind.strip().lower())
    if text:
        where.append("q.text LIKE ? ESCAPE '\\'")
        params.append(like_pattern(text))
    sql = _QUOTE_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY a.published_utc DESC, q.article_id, q.position LIMIT ?"
    return [dict(zip(_QUOTE_KEYS, row, strict=True)) for row in con.execute(sql, (*params, limit))]


def quote_rows(con: sqlite3.Connection, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Export rows of all quotes of these articles, in stored order."""
    sql = _QUOTE_SELECT + f" WHERE q.article_id IN ({placeholders(len(article_ids))}) ORDER BY q.article_id, " \
        "q.position"
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in con.execute(sql, tuple(article_ids)):
        by_article[row[0]].append(dict(zip(_QUOTE_KEYS, row, strict=True)))
    return [q for aid in article_ids for q in by_article.get(aid, [])]


# -- entities ---------------------------------------------------------------------------------------------

_ENTITY_GROUPS = """
SELECT MIN(e.name), e.country, e.sector, MIN(e.type), COUNT(DISTINCT e.article_id), SUM(e.n_mentions),
       SUM(e.n_events)
FROM entities e
{where}
GROUP BY e.name_norm, e.country, e.sector
ORDER BY SUM(e.n_mentions) DESC, MIN(e.name)
LIMIT ?
"""


def entity_groups(
    con: sqlite3.Connection, *, country: str | None, sector: str | None, limit: int
) -> list[dict[str, Any]]:
    """Entities grouped by (normalised name, country, sector) across articles, most mentioned first."""
    where, params = [], []
    for column, value in (("e.country", country), ("e.sector", sector)):
        if value:
            where.append(f"{column} = ?")
            params.append(value.strip().upper())
    sql = _ENTITY_GROUPS.format(where="WHERE " + " AND ".join(where) if where else "")
    keys = ("name", "country", "sector", "type", "n_articles", "n_mentions", "n_events")
    return [dict(zip(keys, row, strict=True)) for row in con.execute(sql, (*params, limit))]


_ENTITY_SELECT = """
SELECT e.article_id, e.local_id, e.name, e.type, e.country, e.sector, e.role,
       (SELECT GROUP_CONCAT(alias, '; ') FROM (SELECT alias FROM entity_aliases al
         WHERE al.article_id = e.article_id AND al.entity_id = e.local_id ORDER BY al.position)),
       e.n_mentions, e.n_events, e.kb_id, l.actor_id, a.published, a.outlet
FROM entities e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actor_links l ON l.article_id = e.article_id AND l.entity_id = e.local_id
WHERE e.article_id IN ({ids})
ORDER BY e.article_id, e.position
"""

_ENTITY_KEYS = ("article_id", "entity_id", "name", "type", "country", "sector", "role", "aliases", "n_mentions",
                "n_events", "kb_id", "actor_id", "published", "outlet")


def entity_rows(con: sqlite3.Connection, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Export rows of all entities of these articles (one row per article entity), in stored order."""
    sql = _ENTITY_SELECT.format(ids=placeholders(len(article_ids)))
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in con.execute(sql, tuple(article_ids)):
        by_article[row[0]].append(dict(zip(_ENTITY_KEYS, row, strict=True)))
    return [e for aid in article_ids for e in by_article.get(aid, [])]


# -- cross-article actors ---------------------------------------------------------------------------------

_ACTOR_SELECT = """
SELECT a.actor_id, a.name, a.country, a.sector, a.aliases, a.roles, COUNT(l.entity_id),
       COUNT(DISTINCT l.article_id), COALESCE(SUM(e.n_mentions), 0), COALESCE(SUM(e.n_events), 0)
FROM actors a
LEFT JOIN actor_links l ON l.actor_id = a.actor_id
LEFT JOIN entities e ON e.article_id = l.article_id AND e.local_id = l.entity_id
{where}
GROUP BY a.actor_id
ORDER BY 9 DESC, a.name, a.actor_id
LIMIT ?
"""

_ACTOR_KEYS = ("actor_id", "name", "country", "sector", "aliases", "roles", "n_entities", "n_articles", "n_mentions",
               "n_events")


def actor_rows(
    con: sqlite3.Connection,
    *,
    name: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    actor_id: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Actor rows with their link, article, mention and event counts (aliases and roles as lists)."""
    where, params = [], []
    if name:
        where.append("a.name_norm LIKE ? ESCAPE '\\'")
        params.append(like_pattern(norm(name)))
    for column, value in (("a.country", country), ("a.sector", sector)):
        if value:
            where.append(f"{column} = ?")
            params.append(value.strip().upper())
    if actor_id:
        where.append("a.actor_id = ?")
        params.append(actor_id)
    sql = _ACTOR_SELECT.format(where="WHERE " + " AND ".join(where) if where else "")
    out = []
    for row in con.execute(sql, (*params, limit)):
        item = dict(zip(_ACTOR_KEYS, row, strict=True))
        item["aliases"], item["roles"] = json.loads(item["aliases"]), json.loads(item["roles"])
        out.append(item)
    return out


FUZZY_CUTOFF = 85  # rapidfuzz ratio over transliteration-folded names: Salushnyy ~ Zaluzhnyi


def find_actor(con: sqlite3.Connection, name: str) -> str | None:
    """The actor id best matching `name`: by id, canonical name, linked entity name or alias, actor alias,
    then close spelling (transliteration-folded, fuzzy)."""
    key = norm(name)
    exact = (
        ("SELECT actor_id FROM actors WHERE actor_id = ? OR name_norm = ?", (name.strip(), key)),
        ("SELECT l.actor_id FROM entities e JOIN actor_links l ON l.article_id = e.article_id "
         "AND l.entity_id = e.local_id WHERE e.name_norm = ? GROUP BY l.actor_id ORDER BY COUNT(*) DESC", (key,)),
        ("SELECT l.actor_id FROM entity_aliases al JOIN actor_links l ON l.article_id = al.article_id "
         "AND l.entity_id = al.entity_id WHERE al.alias_norm = ? GROUP BY l.actor_id ORDER BY COUNT(*) DESC",
         (key,)),
    )
    for sql, params in exact:
        row = con.execute(sql, params).fetchone()
        if row:
            return row[0]
    return _closest_actor(con, name)


def _closest_actor(con: sqlite3.Connection, name: str) -> str | None:
    """Best fuzzy match of the folded name against each actor's folded names and surnames."""
    from rapidfuzz import fuzz

    from newsgraph.kb.actors import fold_name

    wanted = fold_name(name)
    if not wanted:
        return None
    best: tuple[float, str] | None = None
    for actor_id, canonical, aliases in con.execute("SELECT actor_id, name, aliases FROM actors"):
        for candidate in {fold_name(n) for n in [canonical, *json.loads(aliases)]}:
            names = [candidate, candidate.split()[-1]] if candidate else []
            score = max((fuzz.ratio(wanted, n) for n in names), default=0.0)
            if score >= FUZZY_CUTOFF and (best is None or score > best[0]):
                best = (score, actor_id)
    return best[1] if best else None
