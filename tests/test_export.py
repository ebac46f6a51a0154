"""Exports: every kind in every format, read back with the format's own reader; a stable, documented schema."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from newsgraph.errors import StoreError
from newsgraph.store import Store
from newsgraph.store import export as export_module
from newsgraph.store.export import COLUMNS, FORMATS, WHATS, export
from tests.test_store import make_analysis

DOCS = Path(__file__).resolve().parents[1] / "docs" / "export.md"

EXPECTED_ROWS = {"articles": 3, "entities": 9, "quotes": 6, "events": 6}


@pytest.fixture
def store():
    with Store(":memory:") as s:
        s.add_many([make_analysis(title=t, event_date=d) for t, d in (("A", "2022-12-19"), ("B", None), ("C", "2023"))])
        yield s


def _read(path: Path, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("what", WHATS)
def test_export_reads_back(store: Store, tmp_path: Path, what: str, fmt: str) -> None:
    out = tmp_path / f"{what}.{fmt}"
    assert export(store, what, fmt, out) == EXPECTED_ROWS[what]
    rows = _read(out, fmt)
    assert len(rows) == EXPECTED_ROWS[what]
    assert list(rows[0]) == [name for name, _ in COLUMNS[what]]
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize(
    ("fmt", "column", "value"),
    [
        ("jsonl", "troops", 9000),
        ("jsonl", "date_inferred", False),
        ("jsonl", "lat", 53.9),
        ("jsonl", "source", "Vladimir Putin"),
        ("csv", "troops", "9000"),
        ("csv", "date_inferred", "false"),
        ("csv", "dead", "0"),
        ("csv", "injured", ""),
        ("parquet", "troops", 9000),
        ("parquet", "date_inferred", False),
        ("parquet", "confidence", 0.9),
        ("parquet", "published", "2022-12-19T17:48:00+01:00"),
        ("parquet", "target_country", "BLR"),
        ("parquet", "claimed_by", "Vladimir Putin"),
    ],
)
def test_event_values(store: Store, tmp_path: Path, fmt: str, column: str, value: object) -> None:
    out = tmp_path / f"events.{fmt}"
    export(store, "events", fmt, out)
    first = _read(out, fmt)[0]
    assert first["event_id"] == "v1" and first[column] == value


def test_parquet_types_are_stable(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    export(store, "events", "parquet", out)
    schema = pq.read_schema(out)
    assert schema.field("troops").type == "int64" and schema.field("lat").type == "double"
    assert schema.field("date_inferred").type == "bool" and schema.field("source").type == "string"


def test_empty_store_exports_header_only(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with Store(":memory:") as empty:
        assert export(empty, "events", "parquet", tmp_path / "e.parquet") == 0
        assert export(empty, "quotes", "csv", tmp_path / "q.csv") == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
    assert (tmp_path / "q.csv").read_text().startswith("article_id,quote_id,")


def test_export_streams_in_batches(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_module, "BATCH_ARTICLES", 1)
    monkeypatch.setattr(export_module, "ROW_GROUP", 2)
    import pyarrow.parquet as pq

    assert len(list(export_module.iter_rows(store, "events"))) == 3
    export(store, "events", "parquet", tmp_path / "e.parquet")
    assert pq.ParquetFile(tmp_path / "e.parquet").num_row_groups == 3


@pytest.mark.parametrize(
    ("what", "fmt", "message"),
    [("actors", "csv", "choose one of articles"), ("events", "xlsx", "choose one of jsonl")],
)
def test_bad_export_arguments(store: Store, tmp_path: Path, what: str, fmt: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        export(store, what, fmt, tmp_path / "x")


def test_missing_folder(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        export(store, "events", "csv", tmp_path / "nope" / "x.csv")


def test_query_rows_match_export_schema(store: Store) -> None:
    assert list(store.events(limit=1)[0]) == [name for name, _ in COLUMNS["events"]]
    assert list(store.quotes(limit=1)[0]) == [name for name, _ in COLUMNS["quotes"]]


@pytest.mark.parametrize("what", WHATS)
def test_docs_list_every_column(what: str) -> None:
    if not DOCS.is_file():
        pytest.fail(f"{DOCS} is missing")
    section = DOCS.read_text(encoding="utf-8").split(f"## {what}", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.M)
    assert documented == [name for name, _ in COLUMNS[what]]
