"""The HTTP API in-process through an ASGI transport, over a store filled with hand-built analyses."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from newsgraph.api import actor_network, create_app
from newsgraph.model import Analysis, Article, Entity, Event, EventDate, EventPlace, Evidence, Quote
from newsgraph.store import Store


def _analysis() -> Analysis:
    text = "Ministers met in Vienna. “We agreed,” said Anna Berg."
    return Analysis(
        article=Article(text=text, title="Talks", outlet="Example Wire"),
        entities=[Entity(id="e1", name="Anna Berg", type="PERSON", country="AUT", sector="GOV", mentions=[(42, 51)]),
                  Entity(id="e2", name="Hungary", type="GPE", country="HUN", sector="GOV", mentions=[])],
        quotes=[Quote(id="q1", kind="direct", text="We agreed,", span=(26, 36), speaker="e1", speaker_text="Anna Berg",
                      speaker_span=(42, 51), cue="say", cue_span=(37, 41), speech_act="statement")],
        events=[Event(id="v1", type="CONSULT", mode="meet", source=["e1"], target=["e2"],
                      evidence=Evidence(text="Ministers met in Vienna.", span=(0, 24), trigger_span=(10, 13)),
                      date=EventDate(start="2024-03-05", end="2024-03-05", text="Tuesday"),
                      place=EventPlace(name="Vienna", country="AUT", lat=48.2, lon=16.37, geonameid=2761369),
                      rule="consult.meet.v1", confidence=0.8)],
    )


@pytest.fixture
def client(tmp_path):
    db = tmp_path / "api.db"
    analysis = _analysis()
    with Store(db) as store:
        store.add(analysis)
    transport = httpx.ASGITransport(app=create_app(db))
    return analysis, httpx.AsyncClient(transport=transport, base_url="http://test")


def get(client: httpx.AsyncClient, path: str, **params) -> httpx.Response:
    return asyncio.run(client.get(path, params=params))


def test_article_round_trips_through_the_api(client):
    analysis, http = client
    response = get(http, f"/api/articles/{analysis.article.id[:6]}")
    assert response.status_code == 200
    assert Analysis.from_dict(response.json()) == analysis


@pytest.mark.parametrize(("params", "expected"), [
    ({}, 1), ({"type": "CONSULT"}, 1), ({"type": "ASSAULT"}, 0), ({"modality": "negated"}, 0),
    ({"since": "2024-03-01", "until": "2024-03-31"}, 1), ({"since": "2024-04-01"}, 0), ({"country": "HUN"}, 1),
])
def test_event_filters(client, params, expected):
    _, http = client
    response = get(http, "/api/events", **params)
    assert response.status_code == 200
    assert len(response.json()) == expected


def test_quotes_counts_and_network(client):
    _, http = client
    assert get(http, "/api/quotes", speaker="berg").json()[0]["text"] == "We agreed,"
    assert get(http, "/api/counts").json()["events"] == 1
    network = get(http, "/api/network").json()
    assert {n["id"] for n in network["nodes"]} == {"Anna Berg", "Hungary"}
    assert network["edges"] == [{"source": "Anna Berg", "target": "Hungary", "type": "CONSULT", "count": 1}]


def test_errors_have_one_json_shape(client):
    _, http = client
    missing = get(http, "/api/articles/ffffffff")
    assert missing.status_code == 404
    assert missing.json()["ok"] is False and "ffffffff" in missing.json()["error"]
    invalid = get(http, "/api/events", limit="many")
    assert invalid.status_code == 400 and invalid.json()["status"] == 400


def test_page_and_assets_are_served_without_external_links(client):
    _, http = client
    page = get(http, "/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    for name in ("app.js", "style.css"):
        asset = get(http, f"/static/{name}")
        assert asset.status_code == 200
        assert "http://" not in asset.text.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in asset.text
    assert get(http, "/static/../api.py").status_code == 404


def test_network_pairs_countries_only_when_unambiguous():
    rows = [{"type": "ASSAULT", "source": "A; B", "source_country": "RUS", "target": "C", "target_country": "UKR"}]
    nodes = {n["id"]: n["country"] for n in actor_network(rows)["nodes"]}
    assert nodes == {"A": "RUS", "B": "RUS", "C": "UKR"}
