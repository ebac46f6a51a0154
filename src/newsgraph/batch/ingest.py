"""`ingest`: read, analyse and store a corpus of any size, resumably, on local processes or a Dask cluster.

The input is streamed a batch at a time and only a bounded number of batches is in flight, so memory does not grow
with the corpus. Before a batch is analysed its ids are checked against the store (`known_ids`), so a run started
again after a crash or `kill -9` skips what is stored and redoes only the batches that were in flight: every article
ends up stored exactly once. Each finished batch is written in one transaction (`Store.add_many`), in input order,
whatever the engine, so the local and Dask backends store the same thing.
"""

from __future__ import annotations

import functools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from newsgraph.errors import NewsgraphError
from newsgraph.model import Analysis, Article, Failure

__all__ = [
    "ENGINES",
    "IngestReport",
    "Progress",
    "Sink",
    "StoreSink",
    "analyze_stream",
    "batched",
    "ingest",
    "ingest_articles",
    "read_inputs",
]

ENGINES = ("local", "dask")
MAX_KEPT_FAILURES = 1000  # the report keeps the first ones; all of them are recorded in the sink

Progress = Callable[[int, int], None]
"""Called after each batch with (articles stored or skipped, articles failed) so far."""

Batch = list[Article]
Results = list[Analysis | Failure]


class Sink(Protocol):
    """Where finished batches go: the store, or Parquet partitions."""

    def known(self, ids: Sequence[str]) -> set[str]: ...

    def write(self, results: Results) -> tuple[int, int]: ...

    def fail(self, failure: Failure) -> None: ...


@dataclass
class IngestReport:
    """What an ingest did: articles added, skipped (already stored or repeated), failed, and the wall time."""

    added: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list, repr=False)

    @property
    def done(self) -> int:
        """Articles handled so far, whatever their fate."""
        return self.added + self.skipped + self.failed

    @property
    def rate(self) -> float:
        """Articles handled per second of wall time."""
        return self.done / self.seconds if self.seconds else 0.0


class StoreSink:
    """Writes each batch to a `newsgraph.store.Store` in one transaction; failures go to its failure table."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def known(self, ids: Sequence[str]) -> set[str]:
        return set(self.store.known_ids(list(ids)))

    def write(self, results: Results) -> tuple[int, int]:
        """Store the analyses of one batch in one transaction; record its failures."""
        analyses = [r for r in results if isinstance(r, Analysis)]
        for failure in results:
            if isinstance(failure, Failure):
                self.fail(failure)
        if not analyses:
            return 0, 0
        added, skipped = self.store.add_many(analyses)
        return int(added), int(skipped)

    def fail(self, failure: Failure) -> None:
        self.store.record_failure(failure)


def read_inputs(paths: str | Path | Iterable[str | Path], format: str = "auto") -> Iterator[Article | Failure]:
    """Stream articles (and read failures) from files, folders, JSONL, feeds or Reuters SGML."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    from newsgraph.readers import iter_articles

    return iter_articles(list(paths), format=format)


def batched(items: Iterable[Article | Failure], size: int) -> Iterator[tuple[Batch, list[Failure]]]:
    """Group a stream into batches of `size` articles, passing read failures along with the batch they came in."""
    if size < 1:
        raise NewsgraphError(f"batch size {size} is not allowed; give a batch size of 1 or more")
    batch: Batch = []
    failures: list[Failure] = []
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch, failures
            batch, failures = [], []
    if batch or failures:
        yield batch, failures


def analyze_stream(
    items: Iterable[Article | Failure],
    workers: int = 1,
    model: str | None = None,
    batch_size: int = 16,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[Analysis | Failure]:
    """Analyses of a stream of articles, in input order, without a store (`newsgraph analyze --workers N`).

    Read failures pass through in place; memory stays bounded like `ingest`.
    """
    if engine not in ENGINES:
        raise NewsgraphError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    pending: deque[list[Article | Failure]] = deque()  # each submitted batch with its failures, in input order
    group: list[Article | Failure] = []

    def articles_only() -> Iterator[Batch]:
        nonlocal group
        batch: Batch = []
        for item in items:
            group.append(item)
            if isinstance(item, Article):
                batch.append(item)
                if len(batch) >= batch_size:
                    pending.append(group)
                    yield batch
                    batch, group = [], []
        if batch:
            pending.append(group)
            group = []
            yield batch

    for analysed in _run(engine, articles_only(), workers, scheduler, model, None):
        results = iter(analysed)
        for item in pending.popleft():
            yield next(results) if isinstance(item, Article) else item
    yield from group  # failures after the last article


def ingest(
    paths: str | Path | Iterable[str | Path],
    store: Any = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 32,
    model: str | None = None,
    format: str = "auto",
    out: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read `paths`, analyse every article not yet stored, and write the analyses to `store` (or `out`).

    `engine="local"` runs `workers` processes (in-process when 1); `engine="dask"` maps the batches over a Dask
    cluster at `scheduler`, or a local one of `workers` processes. `out="parquet:DIR"` writes one Parquet partition
    per batch instead of a store, for clusters without a shared database.
    """
    return ingest_articles(
        read_inputs(paths, format),
        store,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        batch_size=batch_size,
        model=model,
        out=out,
        progress=progress,
    )


def ingest_articles(
    articles: Iterable[Article | Failure],
    store: Any = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 32,
    model: str | None = None,
    out: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """`ingest` over an already-open stream of articles (any iterable; consumed lazily)."""
    if engine not in ENGINES:
        raise NewsgraphError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if workers < 1:
        raise NewsgraphError(f"workers={workers} is not allowed; give 1 or more worker processes")
    sink = _sink(store, out)
    report = IngestReport()
    started = time.perf_counter()
    todo = _pending(batched(articles, batch_size), sink, report, progress)
    for results in _run(engine, todo, workers, scheduler, model, out):
        _write(sink, results, report)
        report.seconds = time.perf_counter() - started
        if progress is not None:
            progress(report.added + report.skipped, report.failed)
    report.seconds = time.perf_counter() - started
    return report


def _sink(store: Any, out: str | None) -> Sink:
    if out:
        from newsgraph.batch.parquet import ParquetSink

        return ParquetSink.from_spec(out)
    if store is None:
        raise NewsgraphError("ingest needs a store (Store(path)) or out='parquet:DIR'; give one of them")
    if isinstance(store, (str, Path)):
        from newsgraph.store import Store

        store = Store(store)
    return StoreSink(store)


def _pending(
    batches: Iterable[tuple[Batch, list[Failure]]], sink: Sink, report: IngestReport, progress: Progress | None
) -> Iterator[Batch]:
    """The part of each batch still to analyse: read failures recorded, stored and repeated ids skipped."""
    for batch, failures in batches:
        for failure in failures:
            _record(sink, failure, report)
        seen: set[str] = set()
        unique = []
        for article in batch:
            if article.id not in seen:
                seen.add(article.id)
                unique.append(article)
        known = sink.known([a.id for a in unique]) if unique else set()
        todo = [a for a in unique if a.id not in known]
        report.skipped += len(batch) - len(todo)
        if progress is not None and (failures or len(todo) < len(batch)):
            progress(report.added + report.skipped, report.failed)
        if todo:
            yield todo


def _run(
    engine: str, batches: Iterator[Batch], workers: int, scheduler: str | None, model: str | None, out: str | None
) -> Iterator[Results]:
    task = _task(model, out)
    if engine == "dask":
        from newsgraph.batch.cluster import run_dask

        return run_dask(batches, workers=workers, scheduler=scheduler, model=model, task=task)
    from newsgraph.batch.local import run_local

    return run_local(batches, workers=workers, model=model, task=task)


def _task(model: str | None, out: str | None) -> Callable[[Batch], list]:
    """What each worker runs on a batch: analyse, or analyse and write a Parquet partition where it runs."""
    from newsgraph.nlp.pipeline import analyze_batch

    if not out:
        return functools.partial(analyze_batch, model=model)
    from newsgraph.batch.parquet import ParquetSink, analyze_to_partition

    directory = str(ParquetSink.from_spec(out).directory)
    return functools.partial(analyze_to_partition, model=model, directory=directory)


def _write(sink: Sink, results: Results, report: IngestReport) -> None:
    added, skipped = sink.write(results)
    report.added += added
    report.skipped += skipped
    for failure in results:
        if isinstance(failure, Failure):
            _count(failure, report)


def _count(failure: Failure, report: IngestReport) -> None:
    report.failed += 1
    if len(report.failures) < MAX_KEPT_FAILURES:
        report.failures.append(failure)


def _record(sink: Sink, failure: Failure, report: IngestReport) -> None:
    sink.fail(failure)
    _count(failure, report)
