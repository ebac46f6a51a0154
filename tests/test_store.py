"""The embedded store: exact round trips, idempotency, prefixes, search, each query filter, failures, schema."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import NotFoundError, StoreError
from newsgraph.model import (
    Analysis,
    Article,
    DateRef,
    Entity,
    Event,
    EventDate,
    EventPlace,
    EventSize,
    Evidence,
    Failure,
    Paragraph,
    Place,
    Quantity,
    Quote,
)
from newsgraph.store import SCHEMA_VERSION, Store
from newsgraph.store.db import migrations
from newsgraph.store.queries import fts_query

CET = timezone(timedelta(hours=1))


def make_analysis(
    title: str = "Meeting in Minsk: leaders close ranks",
    url: str | None = None,
    event_date: str | None = "2022-12-19",
    event_type: str = "CONSULT",
    modality: str = "asserted",
    source_country: str = "RUS",
    place_country: str = "BLR",
    speaker_name: str = "Vladimir Putin",
) -> Analysis:
    """A hand-built analysis with every layer and every optional field filled."""
    text = (
        f"{title}\n\n{speaker_name} met Alexander Lukashenko in Minsk on Monday. "
        "\"We are allies,\" Putin said. Up to 9,000 Russian soldiers are in Belarus."
    )
    article = Article(
        text=text, title=title, url=url, outlet="ARD", authors=["Stephan Laack", "A. N. Other"],
        published=datetime(2022, 12, 19, 17, 48, tzinfo=CET), language="en",
        paragraphs=[Paragraph((0, len(title)), heading=True), Paragraph((len(title) + 2, len(text)))],
        source="examples/minsk.txt",
    )
    short = speaker_name.split()[-1]
    aliases = [short, "the Kremlin boss"] if short == "Putin" else [short]
    entities = [
        Entity("e1", speaker_name, "PERSON", source_country, "GOV", "President", aliases,
               [(40, 54), (118, 123)], "Q7747"),
        Entity("e2", "Alexander Lukashenko", "PERSON", "BLR", "GOV", None, ["Lukashenko"], [(59, 79)]),
        Entity("e3", "Belarus", "GPE", "BLR", None, None, [], [(150, 157)]),
    ]
    quotes = [
        Quote("q1", "direct", "We are allies,", (100, 114), "e1", short, (118, 123), "say", (124, 128),
              "statement"),
        Quote("q2", "indirect", "troops stay", (130, 141)),
    ]
    events = [
        Event("v1", event_type, Evidence("Putin met Lukashenko in Minsk on Monday.", (40, 97), (55, 58)),
              mode="visit", contexts=["diplomatic"], source=["e1"], target=["e2"],
              date=EventDate(event_date, event_date, "on Monday", inferred=False),
              place=EventPlace("Minsk", place_country, 53.9, 27.57, 625144, "Minsk"), modality=modality,
              claimed_by="e1", size=EventSize(troops=9000, dead=0, injured=None, arrested=3), confidence=0.9,
              rule="consult.visit.v1", reasons={"type": "verb “met” in the trigger lexicon"},
              source_text="Putin", target_text="Lukashenko"),
        Event("v2", "MOBILIZE", Evidence("Up to 9,000 Russian soldiers are in Belarus.", (130, 175), (160, 163)),
              source=["e1", "e9"], modality="future", rule="mobilize.troops.v1"),
    ]
    places = [Place("p1", "Minsk", "BLR", 53.9, 27.567, 625144, [(85, 90)], "Minsk City", "city", "Minsk",
                    "capital; population")]
    dates = [DateRef("on Monday", (91, 100), "2022-12-19", "2022-12-19", "day", "weekday.v1")]
    quantities = [Quantity("Up to 9,000 Russian soldiers", (130, 158), 9000, "soldier", "up to"),
                  Quantity("2.5 km", (0, 6), 2.5, "km")]
    return Analysis(article, entities, quotes, events, places, dates, quantities)


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


def test_round_trip_every_layer(store: Store) -> None:
    analysis = make_analysis()
    assert store.add(analysis) is True
    loaded = store.get(analysis.article.id)
    assert loaded == analysis
    assert loaded.to_dict() == analysis.to_dict()
    assert isinstance(loaded.quantities[0].value, int) and isinstance(loaded.quantities[1].value, float)


def test_round_trip_on_disk(tmp_path: Path) -> None:
    analysis = make_analysis()
    with Store(tmp_path / "n.db") as s:
        s.add(analysis)
    with Store(tmp_path / "n.db") as s:
        assert s.get(analysis.article.id) == analysis
        assert s.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_empty_layers_and_nones_round_trip(store: Store) -> None:
    bare = Analysis(Article(text="Just text.", title=None, language=None, authors=[]))
    store.add(bare)
    assert store.get(bare.article.id) == bare


def test_add_is_idempotent(store: Store) -> None:
    a, b = make_analysis(), make_analysis(title="Another title")
    assert store.add(a) is True
    before = store.counts()
    assert store.add(a) is False
    assert store.counts() == before
    assert store.add_many([a, b, b]) == (1, 2)
    assert store.counts()["articles"] == 2
    assert store.counts()["events"] == 4


def test_add_many_is_one_transaction(store: Store) -> None:
    good = make_analysis()
    bad = make_analysis(title="Broken")
    bad.entities.append(Entity("e1", "Twice", "PERSON"))
    with pytest.raises(StoreError, match="repeated entities ids"):
        store.add_many([good, bad])
    assert store.counts()["articles"] == 0


def test_large_batches_are_chunked(store: Store) -> None:
    batch = [Analysis(Article(text=f"Story number {i}.")) for i in range(1200)]
    assert store.add_many(batch[:700]) == (700, 0)
    assert store.add_many(batch) == (500, 700)
    assert len(store.known_ids(a.article.id for a in batch)) == 1200
    assert sum(1 for _ in store.iter_analyses(batch_size=5000)) == 1200


def test_two_stores_share_a_file(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as writer, Store(tmp_path / "n.db") as reader:
        writer.add(make_analysis())
        assert reader.counts()["articles"] == 1
        assert reader.add(make_analysis()) is False


def test_has_and_known_ids(store: Store) -> None:
    a = make_analysis()
    store.add(a)
    assert store.has(a.article.id) and not store.has("0" * 16)
    assert store.known_ids([a.article.id, "nope", a.article.id]) == {a.article.id}
    assert store.known_ids([]) == set()


@pytest.mark.parametrize(("cut", "ok"), [(16, True), (8, True), (4, True), (3, False), (0, False)])
def test_get_by_prefix(store: Store, cut: int, ok: bool) -> None:
    a = make_analysis()
    store.add(a)
    if ok:
        assert store.get(a.article.id[:cut]).article.id == a.article.id
    else:
        with pytest.raises(NotFoundError, match="at least 4"):
            store.get(a.article.id[:cut])


def test_get_unknown_and_ambiguous(store: Store) -> None:
    with pytest.raises(NotFoundError, match="ffffffff"):
        store.get("ffffffff")
    store.add_many([Analysis(Article(text="one", id="abcd0001")), Analysis(Article(text="two", id="abcd0002"))])
    with pytest.raises(NotFoundError, match="several.*abcd0001, abcd0002"):
        store.get("abcd")
    assert store.get("abcd0002").article.text == "two"


def test_articles_listing_and_counts(store: Store) -> None:
    a = make_analysis()
    store.add(a)
    (row,) = store.articles()
    assert row == {
        "id": a.article.id, "title": a.article.title, "outlet": "ARD", "published": "2022-12-19T17:48:00+01:00",
        "authors": ["Stephan Laack", "A. N. Other"], "n_entities": 3, "n_quotes": 2, "n_events": 2,
        "duplicate_of": None,
    }
    assert store.counts() == {"articles": 1, "entities": 3, "quotes": 2, "events": 2, "places": 1, "dates": 1,
                              "quantities": 2, "failures": 0}


def test_articles_newest_first_with_offset(store: Store) -> None:
    old, new = make_analysis(title="Old story"), make_analysis(title="New story")
    old.article.published = datetime(2020, 1, 1, 12, 0, tzinfo=UTC)
    store.add_many([old, new])
    assert [r["title"] for r in store.articles()] == ["New story", "Old story"]
    assert [r["title"] for r in store.articles(limit=1, offset=1)] == ["Old story"]


@pytest.mark.parametrize(
    ("search", "titles"),
    [
        ("leaders", {"Meeting in Minsk: leaders close ranks"}),
        ("Minsk", {"Meeting in Minsk: leaders close ranks", "Kyiv: talks stall"}),
        ("minsk leaders", {"Meeting in Minsk: leaders close ranks"}),
        ("soldiers", {"Meeting in Minsk: leaders close ranks", "Kyiv: talks stall"}),
        ("Kyiv:", {"Kyiv: talks stall"}),
        ('"unbalanced quote', set()),
        ("AND OR NOT (", set()),
        ("*^-+:", set()),
        ("Lukashenko's", set()),
        ("NEAR(x y)", set()),
        ("", set()),
    ],
)
def test_article_search_is_safe(store: Store, search: str, titles: set[str]) -> None:
    store.add_many([make_analysis(), make_analysis(title="Kyiv: talks stall")])
    assert {r["title"] for r in store.articles(search=search)} == titles


@pytest.mark.parametrize(("text", "query"), [("a b", '"a" "b"'), ('say "hi"', '"say" """hi"""'), ("!!", None)])
def test_fts_query_quotes_every_term(text: str, query: str | None) -> None:
    assert fts_query(text) == query


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, 4),
        ({"speaker": "putin"}, 1),
        ({"speaker": "KREMLIN BOSS"}, 1),
        ({"speaker": "vladimir"}, 1),
        ({"speaker": "Zelensky"}, 1),
        ({"speaker": "nobody"}, 0),
        ({"kind": "direct"}, 2),
        ({"kind": "indirect"}, 2),
        ({"text": "ALLIES"}, 2),
        ({"text": "100%"}, 0),
        ({"speaker": "putin", "kind": "indirect"}, 0),
        ({"limit": 3}, 3),
    ],
)
def test_quote_filters(store: Store, kwargs: dict, expected: int) -> None:
    store.add_many([make_analysis(), make_analysis(title="Kyiv", speaker_name="Volodymyr Zelensky")])
    rows = store.quotes(**kwargs)
    assert len(rows) == expected


def test_quote_row_shape(store: Store) -> None:
    a = make_analysis()
    store.add(a)
    row = store.quotes(kind="direct")[0]
    assert row["speaker"] == "Vladimir Putin" and row["speaker_id"] == "e1" and row["speaker_country"] == "RUS"
    assert row["text"] == "We are allies," and row["article_id"] == a.article.id


@pytest.fixture
def event_store(store: Store) -> Store:
    store.add_many([
        make_analysis(title="A", event_date="2022-12-19"),
        make_analysis(title="B", event_date="2023-03-01", event_type="ASSAULT", modality="negated"),
        make_analysis(title="C", event_date=None, source_country="UKR", place_country="UKR",
                      speaker_name="Volodymyr Zelensky"),
        make_analysis(title="D", event_date="2021-06", event_type="ASSAULT", modality="historical",
                      place_country="POL"),
    ])
    return store


@pytest.mark.parametrize(
    ("kwargs", "titles"),
    [
        ({"type": "CONSULT"}, ["A", "C"]),
        ({"type": "ASSAULT"}, ["B", "D"]),
        ({"modality": "negated"}, ["B"]),
        ({"modality": "future"}, ["D", "C", "B", "A"]),  # the undated MOBILIZE events: last stored first
        ({"since": "2022-12-01", "type": "CONSULT"}, ["A"]),
        ({"until": "2022-12", "type": "CONSULT"}, ["A"]),
        ({"until": "2021-06", "type": "ASSAULT"}, ["D"]),
        ({"since": "2022", "until": "2023-03-01"}, ["B", "A"]),
        ({"actor": "putin"}, ["B", "A", "D", "D", "B", "A"]),
        ({"actor": "Vladimir Putin", "type": "ASSAULT"}, ["B", "D"]),
        ({"actor": "the kremlin boss", "since": "2023-01-01"}, ["B"]),
        ({"actor": "zelensky"}, ["C", "C"]),
        ({"actor": "lukashenko", "modality": "historical"}, ["D"]),
        ({"country": "ukr"}, ["C", "C"]),
        ({"country": "POL"}, ["D"]),
        ({"country": "BLR", "type": "ASSAULT"}, ["B", "D"]),
        ({"country": "BLR", "actor": "zelensky"}, ["C"]),
        ({"country": "RUS", "until": "2022-12-31"}, ["A", "D"]),
        ({"type": "PROTEST"}, []),
        ({"type": "assault", "modality": "NEGATED"}, ["B"]),
        ({"since": date(2023, 1, 1)}, ["B"]),
    ],
)
def test_event_filters(event_store: Store, kwargs: dict, titles: list[str]) -> None:
    titles_by_id = {r["id"]: r["title"] for r in event_store.articles()}
    rows = event_store.events(**kwargs)
    assert [titles_by_id[r["article_id"]] for r in rows] == titles


@pytest.mark.parametrize(("name", "value"), [("since", "yesterday"), ("until", "19.12.2022"), ("since", "2022-1")])
def test_event_dates_must_be_iso(event_store: Store, name: str, value: str) -> None:
    with pytest.raises(StoreError, match=f"{name}={value!r} is not an ISO date"):
        event_store.events(**{name: value})


def test_event_row_shape(event_store: Store) -> None:
    row = event_store.events(type="ASSAULT", modality="negated")[0]
    assert row["source"] == "Vladimir Putin" and row["target"] == "Alexander Lukashenko"
    assert row["source_country"] == "RUS" and row["target_country"] == "BLR" and row["source_sector"] == "GOV"
    assert row["place_name"] == "Minsk" and row["lat"] == 53.9 and row["troops"] == 9000
    assert row["claimed_by"] == "Vladimir Putin" and row["date_inferred"] is False
    two = event_store.events(type="MOBILIZE", limit=1)[0]
    assert two["source"] == "Vladimir Putin; e9" and two["target"] is None and two["date_inferred"] is None


def test_events_use_indexes(event_store: Store) -> None:
    from newsgraph.store.queries import select_event_rids

    captured: list[str] = []
    con = event_store.connection
    con.set_trace_callback(captured.append)
    for kwargs in ({"type": "X"}, {"modality": "X"}, {"since": "2020"}, {"actor": "x"}, {"country": "X"}):
        select_event_rids(con, **kwargs, limit=10)
    con.set_trace_callback(None)
    for sql in captured:
        plan = " ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql.replace("?", "NULL")))
        assert "USING" in plan and "TEMP B-TREE" not in plan, (sql, plan)


def test_limit_and_limit_one_per_query(event_store: Store) -> None:
    assert len(event_store.events(limit=3)) == 3
    assert len(event_store.entities(limit=1)) == 1


@pytest.mark.parametrize(
    ("kwargs", "names"),
    [
        ({"country": "BLR"}, ["Alexander Lukashenko", "Belarus"]),
        ({"country": "BLR", "sector": "GOV"}, ["Alexander Lukashenko"]),
        ({"country": "UKR"}, ["Volodymyr Zelensky"]),
        ({"sector": "gov"}, ["Vladimir Putin", "Alexander Lukashenko", "Volodymyr Zelensky"]),
    ],
)
def test_entity_filters(event_store: Store, kwargs: dict, names: list[str]) -> None:
    assert [r["name"] for r in event_store.entities(**kwargs)] == names


def test_entity_group_counts(event_store: Store) -> None:
    putin = next(r for r in event_store.entities(country="RUS"))
    assert putin == {"name": "Vladimir Putin", "country": "RUS", "sector": "GOV", "type": "PERSON",
                     "n_articles": 3, "n_mentions": 6, "n_events": 6}


def test_failures_recorded_once(store: Store) -> None:
    store.record_failure(Failure(None, "bad.bin", "binary input"))
    store.record_failure(Failure(None, "bad.bin", "binary input"))
    store.record_failure(Failure("abc", None, "spaCy crashed"))
    store.record_failure(Failure("abd", None, "spaCy crashed"))
    rows = store.failures()
    assert [(r["article_id"], r["source"], r["error"]) for r in rows] == [
        (None, "bad.bin", "binary input"), ("abc", None, "spaCy crashed"), ("abd", None, "spaCy crashed")]
    assert rows[0]["time"].startswith("20") and store.counts()["failures"] == 3


def test_crossdoc_columns(event_store: Store) -> None:
    ids = [r["id"] for r in event_store.articles()]
    assert event_store.set_duplicates([(ids[0], ids[1])]) == 1
    assert event_store.articles(limit=1)[0]["duplicate_of"] == ids[1]
    with pytest.raises(StoreError, match="rolled back"):
        event_store.set_duplicates([(ids[0], "not-an-article")])
    assert event_store.set_clusters([(ids[0], "v1", "c1"), (ids[1], "v1", "c1"), (ids[0], "v404", "c1")]) == 2
    assert {r["article_id"] for r in event_store.events(cluster="c1")} == {ids[0], ids[1]}
    assert event_store.set_minhash([(ids[0], b"\x00\x01")]) == 1
    assert list(event_store.minhashes()) == [(ids[0], b"\x00\x01")]
    # cluster ids and duplicates are not part of the analysis: the round trip is unchanged
    assert event_store.get(ids[0]).article.id == ids[0]


def test_actor_links_feed_the_actor_filter(event_store: Store) -> None:
    event_store.set_actors([{"actor_id": "a1", "name": "Alyaksandr Lukashenka", "country": "BLR", "sector": "GOV",
                             "aliases": ["Lukashenka"], "roles": ["President"]}])
    assert event_store.events(actor="lukashenka") == []
    ids = [r["id"] for r in event_store.articles()]
    event_store.set_actor_links([(ids[0], "e2", "a1", "same name, transliteration")])
    assert [r["article_id"] for r in event_store.events(actor="Lukashenka")] == [ids[0]]
    with pytest.raises(StoreError):
        event_store.set_actor_links([(ids[0], "e404", "a1", None)])
    with pytest.raises(StoreError):
        event_store.set_actor_links([(ids[0], "e1", "no-such-actor", None)])


@pytest.fixture
def actor_store(event_store: Store) -> Store:
    ids = [r["id"] for r in event_store.articles()]
    event_store.set_actors([
        {"actor_id": "a1", "name": "Alexander Lukashenko", "country": "BLR", "sector": "GOV",
         "aliases": ["Lukashenka", "Lukashenko"], "roles": ["President"]},
        {"actor_id": "a2", "name": "Valerii Zaluzhnyi", "country": "UKR", "sector": "MIL", "aliases": [], "roles": []},
    ])
    event_store.set_actor_links([(aid, "e2", "a1", "same name") for aid in ids])
    return event_store


@pytest.mark.parametrize(
    ("kwargs", "names"),
    [
        ({}, ["Alexander Lukashenko", "Valerii Zaluzhnyi"]),
        ({"name": "lukash"}, ["Alexander Lukashenko"]),
        ({"country": "ukr"}, ["Valerii Zaluzhnyi"]),
        ({"sector": "GOV"}, ["Alexander Lukashenko"]),
        ({"country": "BLR", "sector": "MIL"}, []),
        ({"limit": 1}, ["Alexander Lukashenko"]),
    ],
)
def test_actor_listing(actor_store: Store, kwargs: dict, names: list[str]) -> None:
    assert [r["name"] for r in actor_store.actors(**kwargs)] == names


def test_actor_counts(actor_store: Store) -> None:
    lukashenko = actor_store.actors(name="lukashenko")[0]
    assert (lukashenko["n_entities"], lukashenko["n_articles"], lukashenko["n_mentions"], lukashenko["n_events"]) \
        == (4, 4, 4, 4)
    assert lukashenko["aliases"] == ["Lukashenka", "Lukashenko"] and lukashenko["roles"] == ["President"]


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("a2", "a2"),
        ("ALEXANDER LUKASHENKO", "a1"),
        ("Lukashenko", "a1"),  # an alias of a linked entity
        ("Lukashenka", "a1"),  # an alias of the actor only
        ("Salushnyy", "a2"),  # transliteration
        ("Saluschnyj", "a2"),
    ],
)
def test_actor_by_any_name(actor_store: Store, name: str, actor_id: str) -> None:
    actor = actor_store.actor(name)
    assert actor["actor_id"] == actor_id
    if actor_id == "a1":
        assert len(actor["links"]) == 4 and actor["links"][0]["reason"] == "same name"
        assert {link["title"] for link in actor["links"]} == {"A", "B", "C", "D"}


@pytest.mark.parametrize("name", ["Peskov", "zz"])
def test_unknown_actor(actor_store: Store, name: str) -> None:
    with pytest.raises(NotFoundError, match=repr(name)):
        actor_store.actor(name)


def test_iter_analyses_streams_everything(event_store: Store) -> None:
    stored = list(event_store.iter_analyses(batch_size=3))
    assert [a.article.title for a in stored] == ["A", "B", "C", "D"]
    assert all(event_store.get(a.article.id) == a for a in stored)


def test_schema_version_recorded(tmp_path: Path) -> None:
    assert migrations()[-1][0] == SCHEMA_VERSION
    with Store(tmp_path / "v.db") as s:
        rows = s.connection.execute("SELECT version, name FROM schema_version").fetchall()
        assert rows == [(1, "initial")] and s.schema_version() == SCHEMA_VERSION
    with Store(tmp_path / "v.db") as s:  # reopening applies nothing twice
        assert s.connection.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path / "v.db") as s:
        s.connection.execute("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01')")
    with pytest.raises(StoreError, match="schema version 99, newer"):
        Store(tmp_path / "v.db")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("postgresql://user@host/db", "not supported yet"),
        ("postgres://host/db", "not supported yet"),
        ("/nonexistent-folder/x.db", "does not exist"),
    ],
)
def test_bad_paths(path: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        Store(path)


def test_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(junk)


def test_default_path_is_newsgraph_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Store().close()
    assert (tmp_path / "newsgraph.db").is_file()
    assert sqlite3.connect(tmp_path / "newsgraph.db").execute("SELECT COUNT(*) FROM articles").fetchone() == (0,)


# -- property test: whatever analysis goes in comes back equal --------------------------------------------

_text = st.text(max_size=20)
_opt_text = st.none() | _text
_int = st.integers(min_value=-(2**53), max_value=2**53)
_span = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000))
_float = st.floats(allow_nan=False, allow_infinity=False)
_tz = st.none() | st.just(UTC) | st.builds(
    timezone, st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23)))


def _ids(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i + 1}" for i in range(n)]


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    article = Article(
        text=draw(st.text(min_size=1, max_size=200)), title=draw(_opt_text), url=draw(_opt_text),
        outlet=draw(_opt_text), authors=draw(st.lists(_text, max_size=3)),
        published=draw(st.none() | st.datetimes(timezones=_tz)), language=draw(_opt_text),
        paragraphs=draw(st.lists(st.builds(Paragraph, _span, st.booleans()), max_size=3)), source=draw(_opt_text),
    )
    n_ent = draw(st.integers(0, 4))
    entities = [Entity(i, draw(_text), draw(_text), draw(_opt_text), draw(_opt_text), draw(_opt_text),
                       draw(st.lists(_text, max_size=3)), draw(st.lists(_span, max_size=3)), draw(_opt_text))
                for i in _ids("e", n_ent)]
    refs = st.sampled_from([*_ids("e", n_ent), "e99"])
    quotes = [Quote(i, draw(_text), draw(_text), draw(_span), draw(st.none() | refs), draw(_opt_text),
                    draw(st.none() | _span), draw(_opt_text), draw(st.none() | _span), draw(_opt_text))
              for i in _ids("q", draw(st.integers(0, 3)))]
    events = [Event(
        i, draw(_text), Evidence(draw(_text), draw(_span), draw(_span)), draw(_opt_text), draw(st.lists(_text)),
        draw(st.lists(refs, max_size=3)), draw(st.lists(refs, max_size=3)),
        draw(st.none() | st.builds(EventDate, _opt_text, _opt_text, _opt_text, st.booleans())),
        draw(st.none() | st.builds(EventPlace, _text, _opt_text, st.none() | _float, st.none() | _float,
                                   st.none() | _int, _opt_text)),
        draw(_text), draw(st.none() | refs),
        draw(st.builds(EventSize, st.none() | _int, st.none() | _int, st.none() | _int, st.none() | _int)),
        draw(_float), draw(_text), draw(st.dictionaries(_text, _text, max_size=3)), draw(_opt_text), draw(_opt_text),
    ) for i in _ids("v", draw(st.integers(0, 3)))]
    places = [Place(i, draw(_text), draw(_opt_text), draw(st.none() | _float), draw(st.none() | _float),
                    draw(st.none() | _int), draw(st.lists(_span, max_size=3)), draw(_opt_text), draw(_opt_text),
                    draw(_opt_text), draw(_opt_text)) for i in _ids("p", draw(st.integers(0, 2)))]
    dates = draw(st.lists(st.builds(DateRef, _text, _span, _opt_text, _opt_text, _opt_text, _opt_text), max_size=2))
    quantities = draw(st.lists(st.builds(Quantity, _text, _span, _int | _float, _opt_text, _opt_text), max_size=2))
    return Analysis(article, entities, quotes, events, places, dates, quantities)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(analyses(), min_size=1, max_size=3, unique_by=lambda a: a.article.id))
def test_round_trip_property(batch: list[Analysis]) -> None:
    with Store(":memory:") as store:
        assert store.add_many(batch) == (len(batch), 0)
        for analysis in batch:
            loaded = store.get(analysis.article.id)
            assert loaded == analysis
            assert loaded.to_dict() == analysis.to_dict()
        assert store.add_many(batch) == (0, len(batch))


def test_real_analysis_round_trips(nlp, example_path: Path) -> None:
    """The pipeline's own output on the canonical example comes back equal, JSON contract included."""
    from newsgraph.nlp.pipeline import analyze
    from newsgraph.readers import read_path

    (article,) = read_path(example_path)
    analysis = analyze(article)
    with Store(":memory:") as store:
        assert store.add(analysis) and not store.add(analysis)
        assert store.get(analysis.article.id[:6]) == analysis
        assert store.get(analysis.article.id).to_dict() == analysis.to_dict()
        assert store.counts()["entities"] == len(analysis.entities) > 0
