"""`--out parquet:DIR`: one Parquet partition per batch, written where the batch was analysed.

For a cluster without a shared database: each worker analyses a batch and writes `DIR/events/part-KEY.parquet` and
then `DIR/articles/part-KEY.parquet` (the articles file last, so it marks the batch done); KEY is a hash of the batch's
article ids. A run started again reads the article ids already written and skips them. The article rows carry the
whole `newsgraph.analysis/1` object as JSON (column `analysis_json`, after the export columns), so the partitions can
be loaded into a store later without loss. Columns are those of `newsgraph export` (docs/export.md).
DuckDB, pandas and Spark read the folders directly (`read_parquet('DIR/events/*.parquet')`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.model import Analysis, Article, Failure

__all__ = ["ParquetSink", "Written", "analyze_to_partition", "batch_key", "partition_tables", "write_partition"]

@dataclass
class Written:
    """An analysis a worker wrote to a partition itself (only its id travels back)."""

    article_id: str


def partition_tables(analyses: list[Analysis]) -> dict[str, Any]:
    """Arrow tables of the export schema (`newsgraph.store.export.COLUMNS`) for articles and events of a batch.

    The rows come from the store's own export code over a throw-away in-memory store, so the partitions have exactly
    the columns and values of `newsgraph export`; article rows add the full analysis as JSON at the end.
    """
    import pyarrow as pa

    from newsgraph.store import Store
    from newsgraph.store.export import arrow_schema, iter_rows

    tables = {}
    with Store(":memory:") as scratch:
        scratch.add_many(analyses)
        for what in ("articles", "events"):
            rows = [row for batch in iter_rows(scratch, what) for row in batch]
            schema = arrow_schema(what)
            if what == "articles":
                by_id = {a.article.id: json.dumps(a.to_dict(), ensure_ascii=False) for a in analyses}
                for row in rows:
                    row["analysis_json"] = by_id[row["id"]]
                schema = schema.append(pa.field("analysis_json", pa.string()))
            tables[what] = pa.Table.from_pylist(rows, schema=schema)
    return tables


def batch_key(ids: Sequence[str]) -> str:
    """The partition name of a batch: stable for the same articles in the same order."""
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()[:20]


def write_partition(directory: str, results: list[Analysis | Failure]) -> list[Written | Failure]:
    """Write a batch's analyses as one events and one articles partition; return what travels back."""
    import pyarrow.parquet as pq

    analyses = [r for r in results if isinstance(r, Analysis)]
    if analyses:
        key = batch_key([a.article.id for a in analyses])
        root = Path(directory)
        tables = partition_tables(analyses)
        for what in ("events", "articles"):  # articles last: their file marks the batch as done
            (root / what).mkdir(parents=True, exist_ok=True)
            final = root / what / f"part-{key}.parquet"
            temp = final.with_suffix(".tmp")
            pq.write_table(tables[what], temp)
            os.replace(temp, final)
    return [Written(r.article.id) if isinstance(r, Analysis) else r for r in results]


def analyze_to_partition(articles: list[Article], model: str | None, directory: str) -> list[Written | Failure]:
    """The worker task for `--out parquet:DIR`: analyse, write the partition there, send back ids and failures."""
    from newsgraph.nlp.pipeline import analyze_batch

    return write_partition(directory, analyze_batch(articles, model))


class ParquetSink:
    """A sink over a Parquet folder: knows the ids written so far, counts what workers wrote, logs failures."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self._known: set[str] | None = None

    @classmethod
    def from_spec(cls, spec: str) -> ParquetSink:
        """`parquet:DIR` -> a sink on DIR."""
        kind, _, directory = spec.partition(":")
        if kind != "parquet" or not directory:
            raise NewsgraphError(f"unknown output {spec!r}; write it as parquet:DIR")
        return cls(directory)

    def known(self, ids: Sequence[str]) -> set[str]:
        if self._known is None:
            self._known = self._written_ids()
        return self._known.intersection(ids)

    def _written_ids(self) -> set[str]:
        import pyarrow.parquet as pq

        ids: set[str] = set()
        for part in sorted((self.directory / "articles").glob("part-*.parquet")):
            ids.update(pq.read_table(part, columns=["id"]).column("id").to_pylist())
        return ids

    def write(self, results: list[Any]) -> tuple[int, int]:
        if any(isinstance(r, Analysis) for r in results):  # analysed here (the local engine): write here
            results = write_partition(str(self.directory), results)
        for failure in results:
            if isinstance(failure, Failure):
                self.fail(failure)
        written = [r.article_id for r in results if isinstance(r, Written)]
        if self._known is not None:
            self._known.update(written)
        return len(written), 0

    def fail(self, failure: Failure) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / "failures.jsonl", "a", encoding="utf-8") as log:
            log.write(json.dumps({"article_id": failure.article_id, "source": failure.source,
                                  "error": failure.error}) + "\n")
