"""Exports of a store as JSON Lines, CSV or Parquet, with one documented, stable column schema (docs/export.md).

Rows are streamed in article batches: memory stays bounded by one batch, never the whole table. Lists of
names are joined with "; ". Columns may be added at the end of a schema; none are renamed or removed.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import StoreError
from newsgraph.store import queries
from newsgraph.store.db import Store

__all__ = ["COLUMNS", "WHATS", "FORMATS", "export", "iter_rows"]

# what -> ordered (column, type); types: string, int, float, bool (Parquet: utf8, int64, float64, bool; all nullable)
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", "string"), ("title", "string"), ("outlet", "string"), ("url", "string"), ("published", "string"),
        ("authors", "string"), ("language", "string"), ("duplicate_of", "string"), ("n_entities", "int"),
        ("n_quotes", "int"), ("n_events", "int"), ("text", "string"),
    ],
    "entities": [
        ("article_id", "string"), ("entity_id", "string"), ("name", "string"), ("type", "string"),
        ("country", "string"), ("sector", "string"), ("role", "string"), ("aliases", "string"),
        ("n_mentions", "int"), ("n_events", "int"), ("kb_id", "string"), ("actor_id", "string"),
        ("published", "string"), ("outlet", "string"),
    ],
    "quotes": [
        ("article_id", "string"), ("quote_id", "string"), ("kind", "string"), ("text", "string"),
        ("speaker", "string"), ("speaker_id", "string"), ("speaker_country", "string"), ("speaker_sector", "string"),
        ("speaker_text", "string"), ("cue", "string"), ("speech_act", "string"), ("span_start", "int"),
        ("span_end", "int"), ("published", "string"), ("outlet", "string"), ("url", "string"),
    ],
    "events": [
        ("article_id", "string"), ("event_id", "string"), ("cluster_id", "string"), ("type", "string"),
        ("mode", "string"), ("modality", "string"), ("source", "string"), ("source_country", "string"),
        ("source_sector", "string"), ("target", "string"), ("target_country", "string"), ("target_sector", "string"),
        ("date_start", "string"), ("date_end", "string"), ("date_text", "string"), ("date_inferred", "bool"),
        ("place_name", "string"), ("place_country", "string"), ("lat", "float"), ("lon", "float"),
        ("geonameid", "int"), ("troops", "int"), ("dead", "int"), ("injured", "int"), ("arrested", "int"),
        ("claimed_by", "string"), ("confidence", "float"), ("rule", "string"), ("evidence_text", "string"),
        ("evidence_start", "int"), ("evidence_end", "int"), ("trigger_start", "int"), ("trigger_end", "int"),
        ("published", "string"), ("outlet", "string"), ("url", "string"),
    ],
}
WHATS = tuple(COLUMNS)
FORMATS = ("jsonl", "csv", "parquet")
BATCH_ARTICLES = 200  # articles per read batch
ROW_GROUP = 50_000  # rows per Parquet row group: bounded memory, files that scan well

_ROWS: dict[str, Callable[[Any, list[str]], list[dict[str, Any]]]] = {
    "articles": queries.article_rows,
    "entities": queries.entity_rows,
    "quotes": queries.quote_rows,
    "events": lambda con, ids: queries.event_rows(con, article_ids=ids),
}


def iter_rows(store: Store, what: str) -> Iterator[list[dict[str, Any]]]:
    """Batches of export rows of one kind, in storage order, keys in `COLUMNS[what]` order."""
    _check(what, "jsonl")
    names = [name for name, _ in COLUMNS[what]]
    for ids in queries.article_batches(store.connection, BATCH_ARTICLES):
        rows = _ROWS[what](store.connection, ids)
        if rows:
            yield [{name: row.get(name) for name in names} for row in rows]


def _check(what: str, format: str) -> None:
    if what not in COLUMNS:
        raise StoreError(f"cannot export {what!r}; choose one of {', '.join(WHATS)}")
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")


def export(store: Store, what: str, format: str, out: Path) -> int:
    """Write every stored row of `what` (articles, entities, quotes, events) to `out`; returns the row count.

    The file appears only when complete (written beside it, then renamed).
    """
    _check(what, format)
    out = Path(out)
    if not out.parent.is_dir():
        raise StoreError(f"cannot write {str(out)!r}: folder {str(out.parent)!r} does not exist")
    tmp = out.with_name(out.name + ".part")
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[format]
    try:
        n = writer(iter_rows(store, what), what, tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return n


def _write_jsonl(batches: Iterator[list[dict]], what: str, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for batch in batches:
            fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in batch)
            n += len(batch)
    return n


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _write_csv(batches: Iterator[list[dict]], what: str, path: Path) -> int:
    n = 0
    names = [name for name, _ in COLUMNS[what]]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        for batch in batches:
            writer.writerows([_csv_value(row[name]) for name in names] for row in batch)
            n += len(batch)
    return n


def arrow_schema(what: str) -> Any:
    """The pyarrow schema of one export kind."""
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in COLUMNS[what]])


def _write_parquet(batches: Iterator[list[dict]], what: str, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(what)
    n = 0
    pending: list[dict] = []
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        for batch in batches:
            pending += batch
            n += len(batch)
            if len(pending) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(pending, schema=schema))
                pending = []
        if pending:
            writer.write_table(pa.Table.from_pylist(pending, schema=schema))
    return n
