"""Analysis <-> table rows: the pure half of the store (no connection here).

`encode` turns analyses into rows per table, in column order of the INSERT statements in `INSERTS`;
`decode` rebuilds an `Analysis` from the rows of one article, so that storing then loading gives back an
equal analysis (local ids, list order, spans as tuples, int/float kept).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from newsgraph.model import (
    Analysis,
    Article,
    DateRef,
    Entity,
    Event,
    EventDate,
    EventPlace,
    EventSize,
    Evidence,
    Paragraph,
    Place,
    Quantity,
    Quote,
)

__all__ = ["INSERTS", "LAYER_SELECTS", "Rows", "norm", "encode", "decode", "event_keys", "utc_iso"]

_SPACES = re.compile(r"\s+")

# table -> INSERT statement; encode() yields tuples in exactly this column order.
INSERTS: dict[str, str] = {
    "articles": "INSERT INTO articles (id, title, text, url, outlet, authors, published, published_utc, language, "
    "source, added) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "paragraphs": "INSERT INTO paragraphs VALUES (?,?,?,?,?)",
    "entities": "INSERT INTO entities (article_id, local_id, position, name, name_norm, type, country, sector, role, "
    "kb_id, n_mentions, n_events) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "entity_aliases": "INSERT INTO entity_aliases VALUES (?,?,?,?,?)",
    "entity_mentions": "INSERT INTO entity_mentions VALUES (?,?,?,?,?)",
    "quotes": "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "events": "INSERT INTO events (rid, article_id, local_id, position, type, mode, contexts, modality, claimed_by, "
    "date_start, date_end, date_text, date_inferred, place_name, place_country, place_lat, place_lon, "
    "place_geonameid, place_text, troops, dead, injured, arrested, confidence, rule, evidence_text, evidence_start, "
    "evidence_end, trigger_start, trigger_end, source_text, target_text, reasons) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "event_actors": "INSERT INTO event_actors VALUES (?,?,?,?,?)",
    "event_keys": "INSERT OR IGNORE INTO event_keys VALUES (?,?,?,?)",
    "places": "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "place_mentions": "INSERT INTO place_mentions VALUES (?,?,?,?,?)",
    "dates": "INSERT INTO dates VALUES (?,?,?,?,?,?,?,?,?)",
    "quantities": "INSERT INTO quantities VALUES (?,?,?,?,?,?,?,?)",
}

# layer -> SELECT for a set of articles (`{ids}` is replaced by placeholders); rows ordered for decode.
LAYER_SELECTS: dict[str, str] = {
    "articles": "SELECT id, title, text, url, outlet, authors, published, language, source FROM articles "
    "WHERE id IN ({ids})",
    "paragraphs": "SELECT article_id, span_start, span_end, heading FROM paragraphs WHERE article_id IN ({ids}) "
    "ORDER BY article_id, position",
    "entities": "SELECT article_id, local_id, name, type, country, sector, role, kb_id FROM entities "
    "WHERE article_id IN ({ids}) ORDER BY article_id, position",
    "entity_aliases": "SELECT article_id, entity_id, alias FROM entity_aliases WHERE article_id IN ({ids}) "
    "ORDER BY article_id, entity_id, position",
    "entity_mentions": "SELECT article_id, entity_id, span_start, span_end FROM entity_mentions "
    "WHERE article_id IN ({ids}) ORDER BY article_id, entity_id, position",
    "quotes": "SELECT article_id, local_id, kind, text, span_start, span_end, speaker, speaker_text, speaker_start, "
    "speaker_end, cue, cue_start, cue_end, speech_act FROM quotes WHERE article_id IN ({ids}) "
    "ORDER BY article_id, position",
    "events": "SELECT article_id, rid, local_id, type, mode, contexts, modality, claimed_by, date_start, date_end, "
    "date_text, date_inferred, place_name, place_country, place_lat, place_lon, place_geonameid, place_text, "
    "troops, dead, injured, arrested, confidence, rule, evidence_text, evidence_start, evidence_end, "
    "trigger_start, trigger_end, source_text, target_text, reasons FROM events WHERE article_id IN ({ids}) "
    "ORDER BY article_id, position",
    "event_actors": "SELECT article_id, event_rid, role, entity_id FROM event_actors WHERE article_id IN ({ids}) "
    "ORDER BY event_rid, role, position",
    "places": "SELECT article_id, local_id, name, country, lat, lon, geonameid, admin1, feature, text, reason "
    "FROM places WHERE article_id IN ({ids}) ORDER BY article_id, position",
    "place_mentions": "SELECT article_id, place_id, span_start, span_end FROM place_mentions "
    "WHERE article_id IN ({ids}) ORDER BY article_id, place_id, position",
    "dates": "SELECT article_id, text, span_start, span_end, date_start, date_end, granularity, rule FROM dates "
    "WHERE article_id IN ({ids}) ORDER BY article_id, position",
    "quantities": "SELECT article_id, text, span_start, span_end, value, unit, qualifier FROM quantities "
    "WHERE article_id IN ({ids}) ORDER BY article_id, position",
}

Rows = dict[str, list[tuple]]


def norm(name: str) -> str:
    """The lookup form of a name: casefolded, whitespace collapsed."""
    return _SPACES.sub(" ", name).strip().casefold()


def utc_iso(value: datetime | None) -> str | None:
    """A sortable ISO string: aware times in UTC, naive ones as they are."""
    if value is None:
        return None
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat()


def _dumps(items: Sequence[Any]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def encode(analyses: Iterable[Analysis], first_event_rid: int, added: str) -> Rows:
    """Rows per table for these analyses; events get rowids counting up from `first_event_rid`."""
    rows: Rows = defaultdict(list)
    rid = first_event_rid
    for analysis in analyses:
        aid = analysis.article.id
        _encode_article(rows, analysis.article, added)
        entities = {e.id: e for e in analysis.entities}
        cache: dict[str, set[tuple[str, str]]] = {}
        n_events = _events_per_entity(analysis.events)
        for pos, entity in enumerate(analysis.entities):
            _encode_entity(rows, aid, pos, entity, n_events.get(entity.id, 0))
        for pos, quote in enumerate(analysis.quotes):
            rows["quotes"].append(_quote_row(aid, pos, quote))
        for pos, event in enumerate(analysis.events):
            _encode_event(rows, aid, pos, event, rid, entities, cache)
            rid += 1
        for pos, place in enumerate(analysis.places):
            _encode_place(rows, aid, pos, place)
        for pos, d in enumerate(analysis.dates):
            rows["dates"].append((aid, pos, d.text, *d.span, d.start, d.end, d.granularity, d.rule))
        for pos, q in enumerate(analysis.quantities):
            rows["quantities"].append((aid, pos, q.text, *q.span, q.value, q.unit, q.qualifier))
    rows["event_keys"].sort()  # b-tree locality: inserting in key order is several times faster
    return rows


def _encode_article(rows: Rows, article: Article, added: str) -> None:
    published = article.published.isoformat() if article.published else None
    rows["articles"].append(
        (article.id, article.title, article.text, article.url, article.outlet, _dumps(article.authors), published,
         utc_iso(article.published), article.language, article.source, added)
    )
    for pos, par in enumerate(article.paragraphs):
        rows["paragraphs"].append((article.id, pos, *par.span, int(par.heading)))


def _events_per_entity(events: list[Event]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for event in events:
        for entity_id in {*event.source, *event.target}:
            counts[entity_id] += 1
    return counts


def _encode_entity(rows: Rows, aid: str, pos: int, e: Entity, n_events: int) -> None:
    rows["entities"].append(
        (aid, e.id, pos, e.name, norm(e.name), e.type, e.country, e.sector, e.role, e.kb_id, len(e.mentions),
         n_events)
    )
    for i, alias in enumerate(e.aliases):
        rows["entity_aliases"].append((aid, e.id, i, alias, norm(alias)))
    for i, span in enumerate(e.mentions):
        rows["entity_mentions"].append((aid, e.id, i, *span))


def _quote_row(aid: str, pos: int, q: Quote) -> tuple:
    speaker_span = q.speaker_span or (None, None)
    cue_span = q.cue_span or (None, None)
    return (aid, q.id, pos, q.kind, q.text, *q.span, q.speaker, q.speaker_text, *speaker_span, q.cue, *cue_span,
            q.speech_act)


def _encode_event(rows: Rows, aid: str, pos: int, v: Event, rid: int, entities: dict[str, Entity],
                  cache: dict[str, set[tuple[str, str]]]) -> None:
    d = v.date
    p = v.place
    date_cols = (d.start, d.end, d.text, int(d.inferred)) if d else (None, None, None, None)
    place_cols = (p.name, p.country, p.lat, p.lon, p.geonameid, p.text) if p else (None,) * 6
    s = v.size
    ev = v.evidence
    rows["events"].append(
        (rid, aid, v.id, pos, v.type, v.mode, _dumps(v.contexts), v.modality, v.claimed_by, *date_cols, *place_cols,
         s.troops, s.dead, s.injured, s.arrested, v.confidence, v.rule, ev.text, *ev.span, *ev.trigger_span,
         v.source_text, v.target_text, json.dumps(v.reasons, ensure_ascii=False))
    )
    for role, ids in (("source", v.source), ("target", v.target)):
        for i, entity_id in enumerate(ids):
            rows["event_actors"].append((rid, role, i, aid, entity_id))
    for kind, key in event_keys(v, entities, cache):
        rows["event_keys"].append((kind, key, (d.start if d else None) or "", rid))


def event_keys(v: Event, entities: dict[str, Entity], cache: dict[str, set[tuple[str, str]]] | None = None
               ) -> set[tuple[str, str]]:
    """The (kind, key) pairs the actor and country filters find this event by."""
    cache = {} if cache is None else cache
    keys: set[tuple[str, str]] = set()
    for entity_id in [*v.source, *v.target]:
        if entity_id not in cache:
            cache[entity_id] = _entity_keys(entities.get(entity_id))
        keys |= cache[entity_id]
    if v.place and v.place.country:
        keys.add(("country", v.place.country))
    return keys


def _entity_keys(entity: Entity | None) -> set[tuple[str, str]]:
    if entity is None:
        return set()
    keys = {("actor", key) for key in map(norm, [entity.name, *entity.aliases]) if key}
    if entity.country:
        keys.add(("country", entity.country))
    return keys


def _encode_place(rows: Rows, aid: str, pos: int, p: Place) -> None:
    rows["places"].append(
        (aid, p.id, pos, p.name, p.country, p.lat, p.lon, p.geonameid, p.admin1, p.feature, p.text, p.reason)
    )
    for i, span in enumerate(p.mentions):
        rows["place_mentions"].append((aid, p.id, i, *span))


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return None if start is None else (start, end)


def decode(layers: dict[str, list[tuple]]) -> list[Analysis]:
    """Analyses from the rows of `LAYER_SELECTS` (several articles at once), in the order of the article rows."""
    by_article: dict[str, Analysis] = {}
    for aid, title, text, url, outlet, authors, published, language, source in layers["articles"]:
        by_article[aid] = Analysis(article=Article(
            text=text, title=title, id=aid, url=url, outlet=outlet, authors=json.loads(authors),
            published=datetime.fromisoformat(published) if published else None, language=language, source=source,
        ))
    for aid, start, end, heading in layers["paragraphs"]:
        by_article[aid].article.paragraphs.append(Paragraph(span=(start, end), heading=bool(heading)))
    _decode_entities(by_article, layers)
    for aid, lid, kind, text, s0, s1, spk, spk_text, k0, k1, cue, c0, c1, act in layers["quotes"]:
        by_article[aid].quotes.append(Quote(
            id=lid, kind=kind, text=text, span=(s0, s1), speaker=spk, speaker_text=spk_text,
            speaker_span=_span(k0, k1), cue=cue, cue_span=_span(c0, c1), speech_act=act,
        ))
    _decode_events(by_article, layers)
    _decode_places(by_article, layers)
    for aid, text, s0, s1, start, end, gran, rule in layers["dates"]:
        by_article[aid].dates.append(DateRef(text, (s0, s1), start, end, gran, rule))
    for aid, text, s0, s1, value, unit, qualifier in layers["quantities"]:
        by_article[aid].quantities.append(Quantity(text, (s0, s1), value, unit, qualifier))
    return list(by_article.values())


def _decode_entities(by_article: dict[str, Analysis], layers: dict[str, list[tuple]]) -> None:
    index: dict[tuple[str, str], Entity] = {}
    for aid, lid, name, type_, country, sector, role, kb_id in layers["entities"]:
        entity = Entity(id=lid, name=name, type=type_, country=country, sector=sector, role=role, kb_id=kb_id)
        by_article[aid].entities.append(entity)
        index[aid, lid] = entity
    for aid, lid, alias in layers["entity_aliases"]:
        index[aid, lid].aliases.append(alias)
    for aid, lid, start, end in layers["entity_mentions"]:
        index[aid, lid].mentions.append((start, end))


def _decode_events(by_article: dict[str, Analysis], layers: dict[str, list[tuple]]) -> None:
    index: dict[int, Event] = {}
    for row in layers["events"]:
        aid, rid = row[0], row[1]
        event = _event(row[2:])
        by_article[aid].events.append(event)
        index[rid] = event
    for _aid, rid, role, entity_id in layers["event_actors"]:
        getattr(index[rid], role).append(entity_id)


def _event(row: tuple) -> Event:
    (lid, type_, mode, contexts, modality, claimed_by, d0, d1, dtext, inferred, pname, pcountry, lat, lon, gid,
     ptext, troops, dead, injured, arrested, confidence, rule, etext, e0, e1, t0, t1, stext, ttext, reasons) = row
    return Event(
        id=lid, type=type_, mode=mode, contexts=json.loads(contexts), modality=modality, claimed_by=claimed_by,
        date=None if inferred is None else EventDate(d0, d1, dtext, bool(inferred)),
        place=None if pname is None else EventPlace(pname, pcountry, lat, lon, gid, ptext),
        size=EventSize(troops, dead, injured, arrested), confidence=confidence, rule=rule,
        evidence=Evidence(text=etext, span=(e0, e1), trigger_span=(t0, t1)),
        source_text=stext, target_text=ttext, reasons=json.loads(reasons),
    )


def _decode_places(by_article: dict[str, Analysis], layers: dict[str, list[tuple]]) -> None:
    index: dict[tuple[str, str], Place] = {}
    for aid, lid, name, country, lat, lon, gid, admin1, feature, text, reason in layers["places"]:
        place = Place(lid, name, country, lat, lon, gid, [], admin1, feature, text, reason)
        by_article[aid].places.append(place)
        index[aid, lid] = place
    for aid, lid, start, end in layers["place_mentions"]:
        index[aid, lid].mentions.append((start, end))
