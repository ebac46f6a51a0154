"""Batch ingest: batching, resume after kill -9, failures, Dask = local, Parquet partitions, the Reuters reader."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsgraph.batch import analyze_stream, batched, ingest, ingest_articles
from newsgraph.model import Article, Failure
from newsgraph.readers.reuters import iter_reuters, parse_reuters
from newsgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
TOWNS = ["Alder", "Birch", "Cedar", "Dale", "Elm", "Fern", "Glen", "Heath"]


def write_corpus(folder: Path, n: int = 40) -> tuple[Path, list[str]]:
    """A JSONL corpus of `n` tiny, distinct articles; returns the file and the ids in order."""
    path = folder / "corpus.jsonl"
    ids = [f"a{i:03d}" for i in range(n)]
    with path.open("w", encoding="utf-8") as out:
        for i, article_id in enumerate(ids):
            town = TOWNS[i % len(TOWNS)]
            text = (f"The mayor of {town} said on Monday that the council approved plan {i}. "
                    f"Protesters gathered outside the town hall in {town} on Tuesday.")
            record = {"id": article_id, "title": f"Plan {i} in {town}", "text": text,
                      "published": f"2024-03-{1 + i % 28:02d}T10:00:00+00:00", "outlet": "Test Wire"}
            out.write(json.dumps(record) + "\n")
    return path, ids


def stored(db: Path) -> dict[str, dict]:
    """Every stored analysis as its contract dict, by article id."""
    with Store(db) as store:
        return {a.article.id: a.to_dict() for a in store.iter_analyses()}


def articles_in(db: Path) -> int:
    """Articles stored, read through a separate read-only connection (the writer may still be running)."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


# -- batching ------------------------------------------------------------------------------------------------------

def _art(n: int) -> Article:
    return Article(text=f"text {n}", id=f"id{n}")


@pytest.mark.parametrize(
    ("stream", "size", "expected"),
    [
        ([1, 2, 3, 4, 5], 2, [([1, 2], []), ([3, 4], []), ([5], [])]),
        ([1, 2], 5, [([1, 2], [])]),
        ([1, "f", 2, 3], 2, [([1, 2], ["f"]), ([3], [])]),
        (["f"], 3, [([], ["f"])]),
        ([], 3, []),
    ],
)
def test_batched_groups_articles_and_carries_failures(stream: list, size: int, expected: list) -> None:
    failure = Failure(article_id=None, source="bad.txt", error="unreadable")
    items = [failure if x == "f" else _art(x) for x in stream]
    got = [([a.id for a in batch], ["f" for _ in fails]) for batch, fails in batched(items, size)]
    assert got == [([f"id{n}" for n in batch], fails) for batch, fails in expected]


def test_batched_is_lazy() -> None:
    def endless():
        n = 0
        while True:
            n += 1
            yield _art(n)

    first, _ = next(iter(batched(endless(), 3)))
    assert [a.id for a in first] == ["id1", "id2", "id3"]


# -- ingest ---------------------------------------------------------------------------------------------------------

def test_ingest_stores_every_article_once_and_resumes(tmp_path: Path, nlp) -> None:
    corpus, ids = write_corpus(tmp_path, 12)
    db = tmp_path / "one.db"
    seen: list[tuple[int, int]] = []
    with Store(db) as store:
        first = ingest([corpus], store, batch_size=5, progress=lambda d, f: seen.append((d, f)))
        again = ingest([corpus], store, batch_size=5)
        assert store.known_ids(ids) == set(ids)
        assert store.counts()["articles"] == 12
    assert (first.added, first.skipped, first.failed) == (12, 0, 0)
    assert (again.added, again.skipped, again.failed) == (0, 12, 0)
    assert seen[-1] == (12, 0)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_ingest_reads_the_input_lazily(tmp_path: Path, nlp) -> None:
    """Bounded memory: after the first batch is written, only about one more batch has been read."""
    consumed = 0

    def endless():
        nonlocal consumed
        while True:
            consumed += 1
            yield Article(text=f"Ministers met in Oslo on day {consumed}.", id=f"o{consumed}")

    class Stop(Exception):
        pass

    def stop(done: int, failed: int) -> None:
        raise Stop

    with Store(tmp_path / "lazy.db") as store, pytest.raises(Stop):
        ingest_articles(endless(), store, batch_size=4, progress=stop)
    assert consumed <= 2 * 4


def test_ingest_records_failures_and_goes_on(tmp_path: Path, nlp) -> None:
    bad = Failure(article_id=None, source="broken.html", error="cannot decode")
    items = [Article(text="The minister resigned on Friday.", id="x1"), bad,
             Article(text="Police arrested two men in Leeds.", id="x2")]
    with Store(tmp_path / "f.db") as store:
        report = ingest_articles(items, store, batch_size=2)
        assert store.known_ids(["x1", "x2"]) == {"x1", "x2"}
        assert [f["source"] for f in store.failures()] == ["broken.html"]
    assert (report.added, report.failed) == (2, 1)


def test_repeated_article_in_one_input_is_stored_once(tmp_path: Path, nlp) -> None:
    items = [Article(text="Troops withdrew from the border town.", id="same") for _ in range(3)]
    with Store(tmp_path / "r.db") as store:
        report = ingest_articles(items, store, batch_size=2)
        assert store.counts()["articles"] == 1
    assert (report.added, report.skipped) == (1, 2)


def test_analyze_stream_keeps_input_order_and_passes_failures(nlp) -> None:
    bad = Failure(article_id=None, source="broken.html", error="cannot decode")
    items = [Article(text=f"Talks resumed in Geneva on day {n}.", id=f"s{n}") for n in range(5)]
    items.insert(3, bad)
    items.append(Failure(article_id=None, source="last.txt", error="empty"))
    out = list(analyze_stream(items, batch_size=2))
    names = [o.source if isinstance(o, Failure) else o.article.id for o in out]
    assert names == ["s0", "s1", "s2", "broken.html", "s3", "s4", "last.txt"]


def test_ingest_needs_a_store_or_an_output(tmp_path: Path) -> None:
    from newsgraph.errors import NewsgraphError

    with pytest.raises(NewsgraphError, match="needs a store"):
        ingest_articles([_art(1)])
    with pytest.raises(NewsgraphError, match="unknown engine 'spark'"):
        ingest_articles([_art(1)], Store(":memory:"), engine="spark")


_KILLED_RUN = """
import sys, time
from newsgraph.batch import ingest
from newsgraph.store import Store

def slow(done, failed):
    time.sleep(0.3)  # keep the run going long enough to be killed midway

if __name__ == "__main__":
    with Store(sys.argv[2]) as store:
        ingest([sys.argv[1]], store, batch_size=2, progress=slow)
"""


def test_kill_9_midway_then_restart_stores_every_article_exactly_once(tmp_path: Path, nlp) -> None:
    corpus, ids = write_corpus(tmp_path, 40)
    db = tmp_path / "killed.db"
    script = tmp_path / "run.py"
    script.write_text(_KILLED_RUN)
    proc = subprocess.Popen([sys.executable, str(script), str(corpus), str(db)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while articles_in(db) < 6 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = articles_in(db)
    assert 6 <= at_kill < 40, f"the run was not killed midway ({at_kill} stored; stderr: {proc.stderr.read()!r})"

    with Store(db) as store:
        report = ingest([corpus], store, batch_size=2)
        assert store.known_ids(ids) == set(ids)
        assert store.counts()["articles"] == 40
        resumed = store.counts()
    assert report.skipped >= at_kill and report.added + report.skipped == 40
    clean = tmp_path / "clean.db"
    with Store(clean) as store:
        ingest([corpus], store, batch_size=2)
        assert store.counts() == resumed  # no layer row written twice
    assert stored(db) == stored(clean)


def test_parquet_output_writes_partitions_and_resumes(tmp_path: Path, nlp) -> None:
    import pyarrow.parquet as pq

    from newsgraph.store.export import COLUMNS

    corpus, ids = write_corpus(tmp_path, 6)
    out = tmp_path / "parts"
    first = ingest([corpus], out=f"parquet:{out}", batch_size=4)
    again = ingest([corpus], out=f"parquet:{out}", batch_size=4)
    articles = pq.read_table(out / "articles")
    events = pq.read_table(out / "events")
    assert sorted(articles.column("id").to_pylist()) == ids
    assert articles.column_names[: len(COLUMNS["articles"])] == [c for c, _ in COLUMNS["articles"]]
    assert events.column_names == [c for c, _ in COLUMNS["events"]]
    assert (first.added, again.added, again.skipped) == (6, 0, 6)
    assert len(list((out / "articles").glob("*.parquet"))) == 2


@pytest.mark.slow
def test_dask_and_local_pool_store_the_same_as_in_process(tmp_path: Path, nlp) -> None:
    corpus, ids = write_corpus(tmp_path, 16)
    results = {}
    for name, options in {"inproc": {}, "pool": {"workers": 2}, "dask": {"engine": "dask", "workers": 2}}.items():
        db = tmp_path / f"{name}.db"
        with Store(db) as store:
            report = ingest([corpus], store, batch_size=3, **options)
        assert (report.added, report.failed) == (16, 0), name
        results[name] = stored(db)
    assert sorted(results["inproc"]) == ids
    assert results["dask"] == results["inproc"]
    assert results["pool"] == results["inproc"]


def test_dask_engine_stores_the_same_as_local(tmp_path: Path, nlp) -> None:
    """The issue's check, kept small: a 1-worker LocalCluster against the in-process engine."""
    corpus, ids = write_corpus(tmp_path, 8)
    local, dask = tmp_path / "local.db", tmp_path / "dask.db"
    with Store(local) as store:
        ingest([corpus], store, batch_size=3)
    with Store(dask) as store:
        report = ingest([corpus], store, batch_size=3, engine="dask", workers=1)
    assert report.added == 8
    assert sorted(stored(dask)) == ids
    assert stored(dask) == stored(local)


# -- Reuters-21578 reader -------------------------------------------------------------------------------------------

_SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="NO" NEWID="7">
<DATE> 2-MAR-1987  09:15:00.00&#5;&#5;RM</DATE>
<TEXT>&#2;
<TITLE>FARMERS &lt;PROTEST&gt; IN CAPITAL</TITLE>
<DATELINE>    LISBON, March 2 - </DATELINE><BODY>Several thousand farmers marched
through the capital on Monday, demanding higher prices.
    Police said the march was peaceful.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="8">
<DATE> 2-MAR-1987 09:16:00.00</DATE>
<TEXT TYPE="BRIEF">&#2;
<TITLE>BRIEF WITHOUT BODY</TITLE>
&#3;</TEXT>
</REUTERS>
"""


def test_reuters_reader_reflows_paragraphs_and_keeps_dateline_and_date() -> None:
    (article,) = list(parse_reuters(_SGML, source="x.sgm"))
    assert article.title == "FARMERS <PROTEST> IN CAPITAL"
    assert article.published == datetime(1987, 3, 2, 9, 15, tzinfo=UTC)
    assert article.text == ("LISBON, March 2 - Several thousand farmers marched through the capital on Monday, "
                            "demanding higher prices.\n\nPolice said the march was peaceful.")
    assert [article.text[s:e] for s, e in (p.span for p in article.paragraphs)] == article.text.split("\n\n")
    assert (article.outlet, article.source) == ("Reuters", "x.sgm#NEWID=7")


def test_reuters_reader_streams_a_folder_with_limit(tmp_path: Path) -> None:
    (tmp_path / "reut2-000.sgm").write_text(_SGML * 3, encoding="latin-1")
    assert len(list(iter_reuters(tmp_path))) == 3
    assert len(list(iter_reuters(tmp_path, limit=2))) == 2


def _reuters(shared_data: Path) -> Path:
    folder = shared_data / "reuters21578"
    if not folder.is_dir():
        pytest.skip("reuters21578 not in the shared data")
    return folder


def test_reuters_file_gives_one_article_per_body(shared_data: Path) -> None:
    path = _reuters(shared_data) / "reut2-000.sgm"
    articles = list(iter_reuters(path))
    assert len(articles) == path.read_text("latin-1").count("<BODY>")
    assert all(a.published and a.published.year == 1987 and a.title for a in articles)


@pytest.mark.slow
def test_reuters_corpus_counts(shared_data: Path) -> None:
    articles = list(iter_reuters(_reuters(shared_data)))
    assert len(articles) == 19_043  # the documents with a <BODY> (README)
    assert all(a.published and a.published.year == 1987 for a in articles)
    assert not any(a.text.endswith("Reuter") or "&#" in a.text for a in articles)
