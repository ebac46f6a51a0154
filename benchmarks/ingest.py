"""End-to-end ingest of Reuters-21578 (19,043 articles with a body) into a fresh store: wall time, failures, size.

    .venv/bin/python benchmarks/ingest.py [--data ../shared/data/reuters21578] [--limit N]
        [--engine local|dask] [--workers W] [--batch-size B] [--db PATH] [--crossdoc]

Reads the SGML with `newsgraph.readers.reuters`, runs `newsgraph.batch.ingest_articles` (the code behind
`newsgraph ingest`) into a new SQLite store, and prints articles added / skipped (repeated texts) / failed, wall
time, articles/s and words/s, and the database size. `--engine dask --workers 2` runs the same on a 2-worker
`LocalCluster`. `--crossdoc` then times duplicate detection and event clustering over the stored articles.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from throughput import git_state

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "reuters21578"


def _size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


def main() -> None:
    import os

    from newsgraph.batch import ingest_articles
    from newsgraph.readers.reuters import iter_reuters
    from newsgraph.store import Store

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=None)
    parser.add_argument("--db", type=Path, default=None, help="a new database file (default: a temporary one)")
    parser.add_argument("--crossdoc", action="store_true", help="also time duplicates and event clusters")
    args = parser.parse_args()

    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="newsgraph-bench-")
        args.db = Path(tmp.name) / "reuters.db"
    if args.db.exists():
        sys.exit(f"{args.db} exists; give a new --db path (the benchmark measures a fresh ingest)")
    words = 0

    def counted():
        nonlocal words
        for article in iter_reuters(args.data, limit=args.limit):
            words += len(article.text.split())
            yield article

    with Store(args.db) as store:
        started = time.perf_counter()
        report = ingest_articles(counted(), store, workers=args.workers, engine=args.engine,
                                 batch_size=args.batch_size, model=args.model)
        wall = time.perf_counter() - started
        counts = store.counts()
        cross = None
        if args.crossdoc:
            from newsgraph.crossdoc.clusters import run_crossdoc

            started = time.perf_counter()
            result = run_crossdoc(store)
            cross = (time.perf_counter() - started, result)
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    print(f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; git: {git_state()}; host: {platform.node()}, "
          f"{os.cpu_count()} cpus; load average now {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"engine: {args.engine}; workers: {args.workers}; batch size: {args.batch_size}")
    n = report.done
    print(f"articles read: {n}; added: {report.added}; skipped (same text again): {report.skipped}; "
          f"failed: {report.failed}")
    print(f"wall time: {wall:.1f} s; {n / wall:.2f} articles/s; {words / wall:.0f} words/s")
    print(f"database: {_size(args.db) / 2**20:.1f} MiB; rows: {counts}")
    for failure in report.failures[:5]:
        print(f"  failure: {failure.article_id} {failure.source}: {failure.error[:200]}")
    if cross:
        seconds, result = cross
        print(f"crossdoc: {seconds:.1f} s; {result}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
