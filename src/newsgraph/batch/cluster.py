"""The Dask engine: the same `analyze_batch` mapped over batches on a `distributed` cluster.

With a scheduler address the batches go to that cluster (its workers need newsgraph and the model installed);
without one a `LocalCluster` of `workers` single-threaded processes is started and closed again. At most
`2 * nthreads` batches are in flight and results come back in submission order, like the local engine, so both
write the same rows in the same order.
"""

from __future__ import annotations

import functools
import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from newsgraph.batch.local import Task, batch_failures, warm_worker
from newsgraph.errors import NewsgraphError
from newsgraph.model import Analysis, Article, Failure
from newsgraph.nlp.pipeline import analyze_batch

__all__ = ["run_dask", "dask_client"]

Results = list[Analysis | Failure]


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 1) -> Iterator[Any]:
    """A `distributed.Client` on `scheduler`, or on a fresh `LocalCluster` of `workers` processes (closed after)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise NewsgraphError(
                f"no Dask scheduler answered at {scheduler!r}; start one (`dask scheduler`) or leave --scheduler out"
            ) from exc
        with client:
            yield client
        return
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster, Client(cluster) as client:
        yield client


def run_dask(
    batches: Iterable[list[Article]],
    workers: int = 1,
    scheduler: str | None = None,
    model: str | None = None,
    task: Task | None = None,
) -> Iterator[Results]:
    """Analyse batches on a Dask cluster; yield each batch's results in input order.

    `task` (picklable; default `analyze_batch` with `model`) is what runs on each batch.
    """
    task = task or functools.partial(analyze_batch, model=model)
    batches = iter(batches)
    first = next(batches, None)
    if first is None:  # nothing left to do (a finished run started again): no workers to start
        return
    batches = itertools.chain([first], batches)
    with dask_client(scheduler, workers) as client:
        client.run(warm_worker, model)  # one model load per worker, before the first batch
        limit = 2 * max(1, sum(client.nthreads().values()))
        inflight: deque[tuple[list[Article], Any]] = deque()
        try:
            for batch in batches:
                inflight.append((batch, client.submit(task, batch, pure=False)))
                if len(inflight) >= limit:
                    yield _result(*inflight.popleft())
            while inflight:
                yield _result(*inflight.popleft())
        finally:
            for _, future in inflight:
                future.cancel()


def _result(batch: list[Article], future: Any) -> Results:
    try:
        return future.result()
    except NewsgraphError:
        raise
    except Exception as exc:  # a worker lost or one bad batch: record it, go on
        return batch_failures(batch, exc)
    finally:
        future.release()
