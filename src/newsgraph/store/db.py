"""The embedded store: SQLite (WAL, foreign keys, FTS5), idempotent writes, exact round trips, row queries.

`Store.get(a.article.id) == a` for every analysis added: each layer lives in its own table (see
migrations/0001_initial.sql) and loads back with its local ids and order. The schema is versioned in
`schema_version` and migrated in order from the plain SQL files in `migrations/`.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.errors import NotFoundError, StoreError
from newsgraph.model import Analysis, Failure
from newsgraph.store import queries
from newsgraph.store.rows import INSERTS, LAYER_SELECTS, decode, encode, norm

__all__ = ["Store", "DEFAULT_PATH", "migrations", "SCHEMA_VERSION"]

DEFAULT_PATH = "newsgraph.db"
_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")
_MIN_PREFIX = 4
_CHUNK = 500  # ids per IN (...) query: well under SQLite's variable limit


@functools.cache
def migrations() -> tuple[tuple[int, str, str], ...]:
    """(version, name, sql) of every migration file, in version order."""
    found = []
    for entry in resources.files("newsgraph.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    return tuple(sorted(found))


def _latest() -> int:
    return migrations()[-1][0]


SCHEMA_VERSION = 1  # the newest migration shipped; checked against migrations() in the tests


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _check(analysis: Analysis) -> None:
    """Refuse an analysis whose local ids repeat within a layer: they could not be loaded back apart."""
    for layer in ("entities", "quotes", "events", "places"):
        ids = [item.id for item in getattr(analysis, layer)]
        if len(ids) != len(set(ids)):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            raise StoreError(
                f"article {analysis.article.id!r} has repeated {layer} ids {twice}; each id must be unique "
                "within its layer (nothing of this batch was stored)"
            )


class Store:
    """An embedded newsgraph database at `path` (a file, or ":memory:"); use as a context manager.

    Writes: `add`/`add_many` (idempotent by article id), `record_failure`. Reads: `get`, `iter_analyses`,
    `articles`, `quotes`, `events`, `entities`, `counts`, `failures`. Cross-article results are written by
    crossdoc through `set_minhash`, `set_duplicates` (articles.duplicate_of), `set_clusters` (events.cluster_id),
    `set_actors` (actors) and `set_actor_links` (actor_links); none of them changes what `get` returns.
    Writes are serialised by a lock, so threads may share a Store; processes open one each (SQLite WAL
    lets them read while one writes).
    """

    def __init__(self, path: str | Path = DEFAULT_PATH) -> None:
        text = str(path)
        if text.startswith(("postgresql://", "postgres://")):
            raise StoreError(
                f"PostgreSQL stores ({text.split('@')[-1]!r}) are not supported yet; use a SQLite file path "
                "such as newsgraph.db"
            )
        self.path = text
        self._lock = threading.RLock()
        self._con = self._connect(text)
        try:
            self._migrate()
        except BaseException:
            self._con.close()
            raise

    # -- connection and schema ------------------------------------------------------------------------

    @staticmethod
    def _connect(path: str) -> sqlite3.Connection:
        if path != ":memory:":
            parent = Path(path).expanduser().parent
            if not parent.is_dir():
                raise StoreError(f"cannot create database {path!r}: folder {str(parent)!r} does not exist")
        try:
            con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA busy_timeout = 10000")
            if path != ":memory:":
                con.execute("PRAGMA journal_mode = WAL")
                con.execute("PRAGMA synchronous = NORMAL")
            con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {path!r} as a newsgraph database: {exc}; give another --db path") from exc
        return con

    def schema_version(self) -> int:
        """The schema version of this database (0 for a new, empty one)."""
        exists = self._con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if not exists:
            return 0
        return self._con.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > _latest():
            raise StoreError(
                f"database {self.path!r} has schema version {current}, newer than this newsgraph knows "
                f"({_latest()}); upgrade newsgraph or use another --db"
            )
        for version, name, sql in migrations():
            if version <= current:
                continue
            script = (
                "BEGIN IMMEDIATE;\n"
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied TEXT NOT NULL);\n"
                f"{sql}\n"
                f"INSERT INTO schema_version VALUES ({version}, '{name}', '{_now()}');\n"
                "COMMIT;"
            )
            try:
                self._con.executescript(script)
            except sqlite3.Error as exc:
                if self._con.in_transaction:
                    self._con.execute("ROLLBACK")
                raise StoreError(f"migration {version:04d}_{name} failed on {self.path!r}: {exc}") from exc

    def close(self) -> None:
        """Close the connection (idempotent); refreshes the planner's statistics first, as SQLite advises."""
        try:
            self._con.execute("PRAGMA analysis_limit = 400")
            self._con.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # closed already, or read-only: statistics are an optimisation
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; any SQLite error rolls it back and becomes a StoreError."""
        with self._lock:
            try:
                self._con.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write to {self.path!r}: {exc}") from exc
            try:
                yield self._con
                self._con.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise StoreError(f"write to {self.path!r} failed and was rolled back: {exc}") from exc
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        if self._con.in_transaction:
            self._con.execute("ROLLBACK")

    # -- writes ---------------------------------------------------------------------------------------

    def add(self, analysis: Analysis) -> bool:
        """Store one analysis; False (and nothing changed) when its article id is already stored."""
        return self.add_many([analysis])[0] == 1

    def add_many(self, analyses: Iterable[Analysis]) -> tuple[int, int]:
        """Store many analyses in one transaction; returns (added, skipped: already stored or repeated)."""
        batch = list(analyses)
        for analysis in batch:
            _check(analysis)
        with self._write() as con:
            stored = self._known(con, [a.article.id for a in batch])
            new: list[Analysis] = []
            for analysis in batch:
                if analysis.article.id not in stored:
                    stored.add(analysis.article.id)
                    new.append(analysis)
            if new:
                first_rid = con.execute("SELECT COALESCE(MAX(rid), 0) + 1 FROM events").fetchone()[0]
                rows = encode(new, first_rid, _now())
                for table, sql in INSERTS.items():
                    if rows.get(table):
                        con.executemany(sql, rows[table])
        return len(new), len(batch) - len(new)

    def record_failure(self, failure: Failure) -> None:
        """Remember an input that could not be read or analysed (once per source, article and error)."""
        with self._write() as con:
            con.execute(
                "INSERT OR IGNORE INTO failures (article_id, source, error, time) VALUES (?, ?, ?, ?)",
                (failure.article_id, failure.source, failure.error, _now()),
            )

    def set_duplicates(self, pairs: Iterable[tuple[str, str | None]]) -> int:
        """Mark (article_id, duplicate_of) pairs: the first is a copy of the second (None clears); returns rows set."""
        with self._write() as con:
            done = 0
            for article, original in pairs:
                done += con.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (original, article)).rowcount
            return done

    def set_minhash(self, signatures: Iterable[tuple[str, bytes | None]]) -> int:
        """Store (article_id, MinHash signature bytes) pairs; returns rows set."""
        with self._write() as con:
            return sum(con.execute("UPDATE articles SET minhash = ? WHERE id = ?", (sig, aid)).rowcount
                       for aid, sig in signatures)

    def set_clusters(self, assignments: Iterable[tuple[str, str, str | None]]) -> int:
        """Give events (article_id, event_id) a cross-article cluster id (None clears); returns rows set."""
        with self._write() as con:
            return sum(
                con.execute("UPDATE events SET cluster_id = ? WHERE article_id = ? AND local_id = ?",
                            (cluster, aid, eid)).rowcount
                for aid, eid, cluster in assignments
            )

    def set_actors(self, actors: Iterable[dict[str, Any]]) -> int:
        """Upsert cross-article actors: dicts with actor_id, name, country, sector, aliases (list), roles (list)."""
        sql = ("INSERT INTO actors VALUES (?,?,?,?,?,?,?) ON CONFLICT(actor_id) DO UPDATE SET name = excluded.name, "
               "name_norm = excluded.name_norm, country = excluded.country, sector = excluded.sector, "
               "aliases = excluded.aliases, roles = excluded.roles")
        with self._write() as con:
            rows = [(a["actor_id"], a["name"], norm(a["name"]), a.get("country"), a.get("sector"),
                     json.dumps(list(a.get("aliases") or []), ensure_ascii=False),
                     json.dumps(list(a.get("roles") or []), ensure_ascii=False)) for a in actors]
            con.executemany(sql, rows)
            return len(rows)

    def set_actor_links(self, links: Iterable[tuple[str, str, str, str | None]]) -> int:
        """Link article entities to actors: (article_id, entity_id, actor_id, reason); replaces earlier links.

        The actor's name and aliases become lookup keys of the entity's events, so `events(actor=...)` finds
        an event by the actor's canonical name even where the article only used a short form.
        """
        rows = list(links)
        with self._write() as con:
            con.executemany("INSERT OR REPLACE INTO actor_links VALUES (?,?,?,?)", rows)
            self._add_actor_keys(con, rows)
        return len(rows)

    @staticmethod
    def _add_actor_keys(con: sqlite3.Connection, links: list[tuple]) -> None:
        names: dict[str, set[str]] = {}
        keys = []
        for aid, entity_id, actor_id, _reason in links:
            if actor_id not in names:
                row = con.execute("SELECT name, aliases FROM actors WHERE actor_id = ?", (actor_id,)).fetchone()
                names[actor_id] = {norm(n) for n in [row[0], *json.loads(row[1])] if norm(n)} if row else set()
            events = con.execute(
                "SELECT e.rid, COALESCE(e.date_start, '') FROM event_actors ea JOIN events e ON e.rid = ea.event_rid "
                "WHERE ea.article_id = ? AND ea.entity_id = ?", (aid, entity_id)).fetchall()
            keys += [("actor", key, start, rid) for rid, start in events for key in names[actor_id]]
        con.executemany(INSERTS["event_keys"], keys)

    # -- reads ----------------------------------------------------------------------------------------

    @staticmethod
    def _known(con: sqlite3.Connection, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            sql = f"SELECT id FROM articles WHERE id IN ({queries.placeholders(len(chunk))})"
            found.update(r[0] for r in con.execute(sql, chunk))
        return found

    def has(self, article_id: str) -> bool:
        """Whether this exact article id is stored."""
        return self._con.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored (for resuming a batch)."""
        return self._known(self._con, list(ids))

    def resolve(self, article_id: str) -> str:
        """The full id of a stored article given its id or a unique prefix of at least 4 characters."""
        if self.has(article_id):
            return article_id
        if len(article_id) < _MIN_PREFIX:
            raise NotFoundError(f"no article {article_id!r}; give the id or at least {_MIN_PREFIX} of its characters")
        rows = self._con.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 3",
            (article_id, article_id + "\U0010ffff"),
        ).fetchall()
        if not rows:
            raise NotFoundError(f"no article with id or prefix {article_id!r}; `newsgraph articles` lists them")
        if len(rows) > 1:
            shown = ", ".join(r[0] for r in rows)
            raise NotFoundError(f"prefix {article_id!r} matches several articles ({shown}, ...); give more characters")
        return rows[0][0]

    def get(self, article_id: str) -> Analysis:
        """The analysis stored for this article id (or unique prefix), exactly as it was added."""
        return self._load([self.resolve(article_id)])[0]

    def _load(self, ids: list[str]) -> list[Analysis]:
        marks = queries.placeholders(len(ids))
        layers = {layer: self._con.execute(sql.format(ids=marks), ids).fetchall()
                  for layer, sql in LAYER_SELECTS.items()}
        by_id = {a.article.id: a for a in decode(layers)}
        return [by_id[i] for i in ids if i in by_id]

    def iter_analyses(self, batch_size: int = 500) -> Iterator[Analysis]:
        """Every stored analysis in storage order, loaded `batch_size` articles at a time."""
        for ids in queries.article_batches(self._con, max(1, min(batch_size, _CHUNK))):
            yield from self._load(ids)

    def articles(self, limit: int = 50, offset: int = 0, search: str | None = None) -> list[dict[str, Any]]:
        """Article rows (id, title, outlet, published, authors, n_entities, n_quotes, n_events, duplicate_of).

        Newest first; with `search`, the best full-text matches over title and text (any punctuation is safe).
        """
        return queries.article_summaries(self._con, limit, offset, search)

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, entities, quotes, events, places, dates, quantities, failures."""
        return queries.counts(self._con)

    def failures(self) -> list[dict[str, Any]]:
        """Recorded failures, oldest first."""
        rows = self._con.execute("SELECT article_id, source, error, time FROM failures ORDER BY fid")
        return [dict(zip(("article_id", "source", "error", "time"), row, strict=True)) for row in rows]

    def quotes(
        self, speaker: str | None = None, kind: str | None = None, text: str | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        """Quotes, newest articles first; `speaker` matches name, alias or speaker words (substring, any case)."""
        return queries.select_quotes(self._con, speaker=speaker, kind=kind, text=text, limit=limit)

    def events(
        self,
        actor: str | None = None,
        type: str | None = None,
        modality: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        country: str | None = None,
        limit: int = 100,
        cluster: str | None = None,
    ) -> list[dict[str, Any]]:
        """Event rows (the export schema), newest date first, matching every filter given.

        `actor`: a source or target's name or alias (any case, whole name) or its cross-article actor's;
        `country`: ISO alpha-3 of a source, a target or the place; `since`/`until`: ISO dates, partial allowed.
        """
        rids = queries.select_event_rids(self._con, actor=actor, type=type, modality=modality, since=since,
                                         until=until, country=country, cluster=cluster, limit=limit)
        return queries.event_rows(self._con, rids=rids)

    def entities(self, country: str | None = None, sector: str | None = None, limit: int = 100) -> list[dict]:
        """Entities grouped by name, country and sector: n_articles, n_mentions, n_events; most mentioned first."""
        return queries.entity_groups(self._con, country=country, sector=sector, limit=limit)

    def actors(
        self, name: str | None = None, country: str | None = None, sector: str | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        """Cross-article actors, most mentioned first, with n_entities (links), n_articles, n_mentions, n_events.

        `name` matches the canonical name as a substring, any case.
        """
        return queries.actor_rows(self._con, name=name, country=country, sector=sector, limit=limit)

    def actor(self, name: str) -> dict[str, Any]:
        """One actor by id, name or alias (any case; close spellings too), with `links`: each linked article
        entity with its article's title and the reason of the link. NotFoundError when nothing is close."""
        actor_id = queries.find_actor(self._con, name)
        if actor_id is None:
            raise NotFoundError(f"no actor named {name!r}; `newsgraph actors` lists them (run crossdoc first)")
        (row,) = queries.actor_rows(self._con, actor_id=actor_id, limit=1)
        row["links"] = self.actor_links(actor_id)
        return row

    def actor_links(self, actor_id: str) -> list[dict[str, Any]]:
        """The article entities linked to one actor, with the reason of each link, newest articles first."""
        rows = self._con.execute(
            "SELECT l.article_id, l.entity_id, e.name, l.reason, a.title, a.published, a.outlet FROM actor_links l "
            "LEFT JOIN entities e ON e.article_id = l.article_id AND e.local_id = l.entity_id "
            "LEFT JOIN articles a ON a.id = l.article_id WHERE l.actor_id = ? "
            "ORDER BY a.published_utc DESC, l.article_id, l.entity_id", (actor_id,))
        keys = ("article_id", "entity_id", "name", "reason", "title", "published", "outlet")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def minhashes(self, batch_size: int = 1000) -> Iterator[tuple[str, bytes]]:
        """(article_id, signature) of every article with a stored MinHash, in storage order."""
        last = 0
        while True:
            rows = self._con.execute(
                "SELECT aid, id, minhash FROM articles WHERE aid > ? AND minhash IS NOT NULL ORDER BY aid LIMIT ?",
                (last, batch_size)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield from ((aid, sig) for _, aid, sig in rows)

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying SQLite connection, for read-only work the methods do not cover (exports, crossdoc)."""
        return self._con
