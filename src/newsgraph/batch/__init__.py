"""Corpus-scale ingest: stream, analyse in worker processes or on Dask, store resumably; progress bars."""

from __future__ import annotations

from newsgraph.batch.ingest import (
    ENGINES,
    IngestReport,
    analyze_stream,
    batched,
    ingest,
    ingest_articles,
    read_inputs,
)
from newsgraph.batch.progress import progress_bar

__all__ = [
    "ENGINES",
    "IngestReport",
    "analyze_stream",
    "batched",
    "ingest",
    "ingest_articles",
    "progress_bar",
    "read_inputs",
]
