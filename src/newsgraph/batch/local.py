"""The local engine: `analyze_batch` in a pool of spawned processes, each loading the model once.

Batches are submitted with at most `2 * workers` in flight and handed back in submission order, so the writer sees
the input order and memory stays bounded. One worker runs in-process (no pool, no second model load).
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from newsgraph.errors import NewsgraphError
from newsgraph.model import Analysis, Article, Failure
from newsgraph.nlp.pipeline import analyze_batch, load_pipeline

__all__ = ["Task", "run_local", "batch_failures", "warm_worker"]

Results = list[Analysis | Failure]
Task = Callable[[list[Article]], list]


def warm_worker(model: str | None) -> None:
    """Pool initializer: load the model once, when the worker starts."""
    load_pipeline(model)


def batch_failures(batch: list[Article], exc: BaseException) -> Results:
    """Every article of a batch whose worker call broke, as failures naming the article and the error."""
    error = f"batch failed: {type(exc).__name__}: {exc}"
    return [Failure(article_id=a.id, source=a.source, error=error) for a in batch]


def run_local(
    batches: Iterable[list[Article]], workers: int = 1, model: str | None = None, task: Task | None = None
) -> Iterator[Results]:
    """Analyse batches on `workers` local processes; yield each batch's results in input order.

    `task` (picklable; default `analyze_batch` with `model`) is what runs on each batch.
    """
    task = task or functools.partial(analyze_batch, model=model)
    if workers <= 1:
        for batch in batches:
            yield task(batch)
        return
    batches = iter(batches)
    first = next(batches, None)
    if first is None:  # nothing left to do (a finished run started again): no workers to start
        return
    batches = itertools.chain([first], batches)
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=warm_worker, initargs=(model,))
    try:
        inflight: deque[tuple[list[Article], Future[Results]]] = deque()
        for batch in batches:
            inflight.append((batch, pool.submit(task, batch)))
            if len(inflight) >= 2 * workers:
                yield _result(*inflight.popleft())
        while inflight:
            yield _result(*inflight.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _result(batch: list[Article], future: Future[Results]) -> Results:
    try:
        return future.result()
    except (NewsgraphError, BrokenProcessPool):
        raise  # a missing model or a dead pool stops the run; what was written stays written
    except Exception as exc:  # one bad batch must not stop the corpus
        return batch_failures(batch, exc)
