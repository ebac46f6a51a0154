"""Persistence: the embedded SQLite store (`Store`) and its exports (`newsgraph.store.export`)."""

from newsgraph.store.db import DEFAULT_PATH, SCHEMA_VERSION, Store

__all__ = ["Store", "DEFAULT_PATH", "SCHEMA_VERSION"]
