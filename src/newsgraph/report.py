"""Readable Rich renderings of analyses, query rows, ingest results and evaluation reports for the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsgraph.model import Analysis, Event, EventPlace

__all__ = ["analysis", "rows_table", "events_table", "summary", "ingest_result", "eval_report", "explain", "actor",
           "cluster", "crossdoc"]


def analysis(item: Analysis) -> list[RenderableType]:
    """Header, entities, quotes, events, dates, places and quantities of one article."""
    art = item.article
    meta = [f"id {art.id}"]
    if art.published:
        meta.append(art.published.isoformat())
    if art.authors:
        meta.append("by " + ", ".join(art.authors))
    if art.outlet:
        meta.append(art.outlet)
    parts: list[RenderableType] = [Panel(Text(" · ".join(meta)), title=art.title or "(untitled)", expand=False)]
    parts.append(_entities(item))
    if item.quotes:
        parts.append(_quotes(item))
    if item.events:
        parts.append(_events(item))
    if item.dates or item.places or item.quantities:
        parts.append(_facts(item))
    return parts


def _entities(item: Analysis) -> Table:
    table = Table(title="Actors", title_justify="left")
    for col in ("id", "name", "type", "country", "sector", "role", "mentions", "aliases"):
        table.add_column(col)
    for e in item.entities:
        table.add_row(e.id, e.name, e.type, e.country or "", e.sector or "", e.role or "", str(len(e.mentions)),
                      "; ".join(e.aliases))
    return table


def _name(item: Analysis, entity_id: str | None) -> str:
    entity = item.entity(entity_id)
    return entity.name if entity else ""


def _quotes(item: Analysis) -> Table:
    table = Table(title="Quotes", title_justify="left")
    for col in ("id", "kind", "speaker", "cue", "act", "text"):
        table.add_column(col, overflow="fold")
    for q in item.quotes:
        speaker = _name(item, q.speaker) or q.speaker_text or "?"
        table.add_row(q.id, q.kind, speaker, q.cue or "", q.speech_act or "", _clip(q.text, 160))
    return table


def _events(item: Analysis) -> Table:
    table = Table(title="Events", title_justify="left")
    for col in ("id", "type", "mode", "modality", "source", "target", "date", "place", "size", "evidence"):
        table.add_column(col, overflow="fold")
    for v in item.events:
        table.add_row(v.id, v.type, v.mode or "", _modality(v, item),
                      ", ".join(_name(item, s) for s in v.source), ", ".join(_name(item, t) for t in v.target),
                      _event_date(v), v.place.name if v.place else "", _size(v), _clip(v.evidence.text, 120))
    return table


def _modality(event: Event, item: Analysis) -> str:
    if event.claimed_by:
        return f"{event.modality} (claimed by {_name(item, event.claimed_by)})"
    return event.modality


def _event_date(event: Event) -> str:
    if not event.date or not event.date.start:
        return ""
    text = event.date.start if event.date.start == event.date.end else f"{event.date.start}..{event.date.end}"
    return text + (" (inferred)" if event.date.inferred else "")


def _size(event: Event) -> str:
    fields = {k: v for k, v in vars(event.size).items() if v is not None}
    return ", ".join(f"{k} {v:,}" for k, v in fields.items())


def _facts(item: Analysis) -> Table:
    table = Table(title="Dates, places, quantities", title_justify="left")
    for col in ("kind", "text", "value"):
        table.add_column(col, overflow="fold")
    for d in item.dates:
        value = d.start if d.start == d.end else f"{d.start}..{d.end}"
        table.add_row("date", d.text, f"{value} ({d.granularity})" if d.start else "unresolved")
    for p in item.places:
        if p.lat is None:
            where = f"unresolved: {p.reason}"
        else:
            where = f"{p.name}, {p.country} " + (f"(geonames {p.geonameid})" if p.geonameid
                                                 else f"({p.feature}, {p.lat}, {p.lon})")
        table.add_row("place", p.text or p.name, where)
    for q in item.quantities:
        table.add_row("quantity", q.text, f"{q.value:,} {q.unit or ''} {q.qualifier or ''}".strip())
    return table


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def rows_table(rows: Iterable[dict[str, Any]], title: str, columns: Iterable[str] | None = None) -> RenderableType:
    """Query rows as a table: the `columns` named, else every column of the first row."""
    rows = list(rows)
    if not rows:
        return Text(f"no {title}")
    names = list(columns or rows[0])
    table = Table(title=title, title_justify="left")
    for col in names:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(Text(_cell(row.get(col))) for col in names))
    return table


QUOTE_COLUMNS = ("article_id", "quote_id", "kind", "speaker", "cue", "speech_act", "text")
ACTOR_COLUMNS = ("name", "country", "sector", "roles", "n_articles", "n_mentions", "n_events", "aliases")
ARTICLE_COLUMNS = ("id", "published", "outlet", "title", "n_entities", "n_quotes", "n_events", "duplicate_of")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str):
        return _clip(value, 160)
    return str(value)


def summary(store: Any) -> list[RenderableType]:
    """What the database holds: counts, then the most frequent actors and the latest events."""
    counts = store.counts()
    parts: list[RenderableType] = [rows_table([counts], "database")]
    parts.append(rows_table(store.entities(limit=10), "most mentioned actors",
                            ("name", "country", "sector", "n_articles", "n_mentions", "n_events")))
    parts.append(events_table(store.events(limit=10), "latest events", evidence=False))
    return parts


def events_table(rows: list[dict[str, Any]], title: str = "events", evidence: bool = True) -> RenderableType:
    """Event rows (the export schema) cut to what a reader scans: when, what, who to whom, where, and why."""
    slim = []
    for row in rows:
        when = row.get("date_start") or ""
        if row.get("date_end") and row["date_end"] != when:
            when += f"..{row['date_end']}"
        item = {"event": f"{row['article_id']}:{row['event_id']}", "date": when,
                "type": row["type"] + (f"/{row['mode']}" if row.get("mode") else ""), "modality": row["modality"],
                "who → whom": f"{row.get('source') or '?'} → {row.get('target') or '?'}",
                "place": row.get("place_name")}
        if evidence:
            item["evidence"] = _clip(row.get("evidence_text") or "", 90)
        slim.append(item)
    return rows_table(slim, title)


def ingest_result(result: Any) -> Text:
    """One line: what an ingest run added, skipped and failed, and how fast."""
    rate = result.added / result.seconds if result.seconds else 0.0
    return Text(
        f"added {result.added}, already stored {result.skipped}, failed {result.failed} "
        f"in {result.seconds:.1f} s ({rate:.1f} articles/s)"
    )


def eval_report(result: Any) -> list[RenderableType]:
    """A scorer's metrics, one row per system; nested breakdowns (per type, per label) as tables of their own."""
    metrics: list[str] = []
    nested: list[str] = []
    for row in result.rows.values():
        for key, value in row.items():
            target = nested if isinstance(value, dict) else metrics
            if key not in target:
                target.append(key)
    table = Table(title=f"{result.name} ({result.split or 'all'})", title_justify="left")
    table.add_column("system")
    for m in metrics:
        table.add_column(m, justify="right")
    for system, row in result.rows.items():
        table.add_row(system, *(_metric(row.get(m)) for m in metrics))
    parts: list[RenderableType] = [table]
    for key in nested:
        for system, row in result.rows.items():
            if isinstance(row.get(key), dict):
                parts.append(_breakdown(row[key], f"{system}: {key}"))
    parts.extend(Text(note) for note in result.notes)
    if result.command:
        parts.append(Text(f"command: {result.command}", style="dim"))
    return parts


def _breakdown(values: dict[str, Any], title: str) -> Table:
    """{label: {metric: value}} or {label: value} as a table, one row per label."""
    table = Table(title=title, title_justify="left")
    table.add_column("label")
    columns = sorted({k for v in values.values() if isinstance(v, dict) for k in v}) or ["value"]
    for col in columns:
        table.add_column(col, justify="right")
    for label, value in values.items():
        cells = [value.get(c) for c in columns] if isinstance(value, dict) else [value]
        table.add_row(str(label), *(_metric(c) for c in cells))
    return table


def _metric(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def explain(item: Analysis, event_id: str) -> list[RenderableType]:
    """Every field of one event with the words and the reason behind its value."""
    from newsgraph.errors import NotFoundError

    event = next((v for v in item.events if v.id == event_id), None)
    if event is None:
        known = ", ".join(v.id for v in item.events) or "none"
        raise NotFoundError(f"article {item.article.id} has no event {event_id!r}; its events: {known}")
    text = item.article.text
    trigger = text[slice(*event.evidence.trigger_span)]
    table = Table(title=f"{item.article.id}:{event.id}  {event.type}", title_justify="left", show_lines=True)
    table.add_column("field")
    table.add_column("value", overflow="fold")
    table.add_column("why", overflow="fold")
    why = event.reasons
    table.add_row("type / mode", f"{event.type} / {event.mode or '-'}",
                  why.get("type", f"trigger “{trigger}” matched rule {event.rule}"))
    table.add_row("source", ", ".join(_name(item, s) for s in event.source), why.get("source", ""))
    table.add_row("target", ", ".join(_name(item, t) for t in event.target), why.get("target", ""))
    table.add_row("modality", event.modality, why.get("modality", ""))
    table.add_row("claimed by", _name(item, event.claimed_by) if event.claimed_by else "", why.get("claimed_by", ""))
    table.add_row("date", _event_date(event) + (f" from “{event.date.text}”" if event.date and event.date.text else ""),
                  why.get("date", ""))
    place = event.place
    table.add_row("place", f"{place.name}, {place.country} ({place.lat}, {place.lon})" if place else "",
                  why.get("place", _place_reason(item, place) if place else ""))
    table.add_row("size", _size(event), why.get("size", ""))
    table.add_row("confidence", f"{event.confidence:.2f}", f"rule {event.rule}")
    evidence = Text(event.evidence.text)
    start = event.evidence.trigger_span[0] - event.evidence.span[0]
    evidence.stylize("bold reverse", start, start + len(trigger))
    return [table, Panel(evidence, title="evidence", expand=False)]


def _place_reason(item: Analysis, where: EventPlace) -> str:
    """Why the article's place that the event names was resolved so (counties have no GeoNames id: the point too)."""
    key = (where.geonameid, where.name, where.lat, where.lon)
    place = next((p for p in item.places if (p.geonameid, p.name, p.lat, p.lon) == key), None)
    return place.reason or "" if place else ""


def actor(row: dict[str, Any]) -> list[RenderableType]:
    """One cross-article actor: its codes and names, then every article entity linked to it and why."""
    head = (f"{row['country'] or '-'} / {row['sector'] or '-'}   roles: {', '.join(row.get('roles') or []) or '-'}\n"
            f"aliases: {'; '.join(row.get('aliases') or []) or '-'}\n"
            f"{row.get('n_articles', 0)} articles, {row.get('n_mentions', 0)} mentions, "
            f"{row.get('n_events', 0)} events")
    links = [{"article": link.get("title") or link["article_id"], "published": link.get("published"),
              "entity": f"{link['entity_id']} {link.get('name') or ''}", "why merged": link.get("reason")}
             for link in row.get("links", [])]
    return [Panel(Text(head), title=f"{row['name']} ({row['actor_id']})", expand=False),
            rows_table(links, "linked mentions")]


def cluster(summary: Any) -> list[RenderableType]:
    """One event cluster: type, modality, how many articles and outlets, first and last report, each member."""
    head = (f"{summary.type} ({summary.modality}): {summary.articles} articles, {summary.outlets} outlets, "
            f"first report {summary.first_report or '?'}, last {summary.last_report or '?'}")
    members = [{"article": m["article_id"], "event": m["event_id"], "outlet": m.get("outlet"),
                "published": m.get("published"), "duplicate of": m.get("duplicate_of"), "evidence": m.get("evidence")}
               for m in summary.members]
    return [Panel(Text(head), title=summary.cluster_id, expand=False), rows_table(members, "reports")]


def crossdoc(result: Any) -> Text:
    """One line: what a cross-article pass found."""
    return Text(
        f"{result.articles} articles: {result.duplicates} duplicates; {result.events} events in {result.clusters} "
        f"clusters ({result.multi_article_clusters} reported by several articles); {result.actors} actors"
    )
