"""Query latency (p50 / p95) of the common event filters on a store of N events replicated from real analyses.

    .venv/bin/python benchmarks/query_latency.py --seed-db SEED.db --events N [--db PATH] [--queries Q]

SEED.db is a store filled by a real ingest (e.g. `benchmarks/ingest.py --limit 300 --db SEED.db`). Its analyses
that have events are replicated until the new store at `--db` holds N events: copy k of an article gets a new id, its
publication time and every full ISO date of its events shifted by a per-copy number of days (spread over 20 years),
and is added with `Store.add_many` in batches of 1,000, so every index and lookup key is written by the real code.
To keep building a million events affordable on a small machine each copy is lean: its text is the evidence
sentences of its events (spans remapped), it keeps the entities its events name, and it drops quotes, dates, places
and quantities, which the event queries do not read. Then each filter (actor, type, modality, date range, country,
and two combinations) is run Q times with values drawn from the data, through `Store.events` (limit 100, the API
default), and p50 / p95 are printed. Building is skipped when `--db` already holds at least N events.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from newsgraph.model import Analysis, Article, Event, EventDate, Evidence
from newsgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
SPREAD_DAYS = 20 * 365


def lean(analysis: Analysis) -> Analysis | None:
    """The event part of an analysis: evidence sentences as text, spans remapped; None when it has no events."""
    if not analysis.events:
        return None
    sentences = sorted({e.evidence.span for e in analysis.events})
    starts, parts, at = {}, [], 0
    for s, e in sentences:
        starts[(s, e)] = at
        parts.append(analysis.article.text[s:e])
        at += e - s + 2
    text = "\n\n".join(parts)

    def move(span: tuple[int, int]) -> tuple[int, int] | None:
        for (s, e), new in starts.items():
            if s <= span[0] and span[1] <= e:
                return new + span[0] - s, new + span[1] - s
        return None

    events = []
    for event in analysis.events:
        span = move(event.evidence.span) or (0, 0)
        trigger = move(event.evidence.trigger_span) or span
        events.append(replace(event, evidence=Evidence(event.evidence.text, span, trigger)))
    named = {i for e in analysis.events for i in (*e.source, *e.target, e.claimed_by) if i}
    entities = [replace(ent, mentions=[m for m in (move(tuple(x)) for x in ent.mentions) if m])
                for ent in analysis.entities if ent.id in named]
    article = replace(analysis.article, text=text, paragraphs=[])
    return Analysis(article=article, entities=entities, events=events)


def _shift(value: str | None, days: int) -> str | None:
    if not value or not _ISO_DAY.match(value):
        return value
    return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]


def copy(base: Analysis, k: int) -> Analysis:
    """Copy k of a lean analysis: a new id, the publication time and event dates moved by the same days."""
    days = (k * 7919) % SPREAD_DAYS - SPREAD_DAYS // 2
    a = base.article
    published = (a.published or datetime(2020, 1, 1, tzinfo=UTC)) + timedelta(days=days)
    new_id = hashlib.sha256(f"{a.id}/{k}".encode()).hexdigest()[:16]
    events: list[Event] = []
    for event in base.events:
        d = event.date
        moved = (EventDate(start=_shift(d.start, days), end=_shift(d.end, days), text=d.text, inferred=d.inferred)
                 if d else None)
        events.append(replace(event, date=moved))
    article = Article(text=a.text, title=a.title, id=new_id, outlet=a.outlet, published=published, source=a.source)
    return Analysis(article=article, entities=list(base.entities), events=events)


def replicas(bases: list[Analysis], n_events: int) -> Iterator[Analysis]:
    """Copies of the bases, round-robin, until `n_events` events have been yielded."""
    made, k = 0, 0
    while made < n_events:
        for base in bases:
            if made >= n_events:
                return
            yield copy(base, k)
            made += len(base.events)
        k += 1


def build(seed_db: Path, db: Path, n_events: int) -> float:
    """Fill `db` with replicas of the seed's analyses; returns seconds."""
    with Store(seed_db) as seed:
        bases = [b for b in (lean(a) for a in seed.iter_analyses()) if b is not None]
    if not bases:
        sys.exit(f"{seed_db} holds no events; ingest some articles first")
    started = time.perf_counter()
    with Store(db) as store:
        batch: list[Analysis] = []
        for analysis in replicas(bases, n_events):
            batch.append(analysis)
            if len(batch) >= 1000:
                store.add_many(batch)
                batch = []
        if batch:
            store.add_many(batch)
        store.connection.execute("ANALYZE")
    return time.perf_counter() - started


def filters(store: Store, rnd: random.Random) -> dict[str, callable]:
    """Filter generators drawing values from the stored data (weighted by frequency, like real questions)."""
    con = store.connection
    actors = [r[0] for r in con.execute(
        "SELECT en.name FROM event_actors ea JOIN entities en ON en.article_id = ea.article_id "
        "AND en.local_id = ea.entity_id GROUP BY en.name_norm ORDER BY COUNT(*) DESC LIMIT 200")]
    types = [r[0] for r in con.execute("SELECT type FROM events GROUP BY type ORDER BY COUNT(*) DESC")]
    modalities = [r[0] for r in con.execute("SELECT DISTINCT modality FROM events")]
    countries = [r[0] for r in con.execute(
        "SELECT country FROM entities WHERE country IS NOT NULL GROUP BY country ORDER BY COUNT(*) DESC LIMIT 50")]
    days = [date.fromisoformat(r[0][:10]) for r in con.execute(
        "SELECT date_start FROM events WHERE date_start LIKE '____-__-__%' ORDER BY random() LIMIT 1000")]

    def month() -> dict:  # a 30-day window starting at a stored event's date: windows where the data is
        start = rnd.choice(days)
        return {"since": start.isoformat(), "until": (start + timedelta(days=30)).isoformat()}

    return {
        "actor": lambda: {"actor": rnd.choice(actors)},
        "type": lambda: {"type": rnd.choice(types)},
        "modality": lambda: {"modality": rnd.choice(modalities)},
        "date range (30 days)": month,
        "country": lambda: {"country": rnd.choice(countries)},
        "actor + type": lambda: {"actor": rnd.choice(actors), "type": rnd.choice(types)},
        "country + date range": lambda: {"country": rnd.choice(countries), **month()},
        "type + modality + date": lambda: {"type": rnd.choice(types), "modality": rnd.choice(modalities), **month()},
    }


def measure(store: Store, queries: int) -> list[tuple[str, float, float, float]]:
    """(filter, p50 ms, p95 ms, mean rows) for each filter."""
    rnd = random.Random(7)
    out = []
    for name, make in filters(store, rnd).items():
        times, rows = [], []
        for _ in range(queries):
            kwargs = make()
            started = time.perf_counter()
            rows.append(len(store.events(**kwargs)))
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        out.append((name, statistics.median(times), p95, statistics.mean(rows)))
    return out


def _git_state() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout
    return head.strip() + (" + uncommitted changes" if dirty.strip() else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed-db", type=Path, required=True)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("bench-events.db"))
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    built = None
    with Store(args.db) as store:
        have = store.counts()["events"]
    if have < args.events:
        if have:
            sys.exit(f"{args.db} holds {have} events, fewer than {args.events}; give a new --db path")
        built = build(args.seed_db, args.db, args.events)
    with Store(args.db) as store:
        counts = store.counts()
        results = measure(store, args.queries)
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    print(f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; git: {_git_state()}; host: {platform.node()}, "
          f"{os.cpu_count()} cpus; load average now {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    size = sum(p.stat().st_size for p in args.db.parent.glob(args.db.name + "*") if p.is_file()) / 2**20
    print(f"store: {counts['events']} events, {counts['articles']} articles, {size:.0f} MiB"
          + (f"; built in {built:.0f} s" if built else ""))
    print(f"{'filter':24s} {'p50 ms':>8s} {'p95 ms':>8s} {'rows':>6s}   ({args.queries} queries each, limit 100)")
    for name, p50, p95, rows in results:
        print(f"{name:24s} {p50:8.1f} {p95:8.1f} {rows:6.0f}")
    worst = max(p95 for _, _, p95, _ in results)
    print(f"worst p95: {worst:.1f} ms (target <= 100 ms at 1,000,000 events)")


if __name__ == "__main__":
    main()
