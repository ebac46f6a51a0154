"""Actor identity across articles: spelling variants meet, namesakes stay apart, every link has a reason."""

from __future__ import annotations

import pytest

from newsgraph.crossdoc.actors import ActorLink, actor_rows, link_actors
from newsgraph.model import Entity


def person(eid: str, name: str, country: str | None = None, sector: str | None = None, role: str | None = None,
           kb_id: str | None = None) -> Entity:
    return Entity(id=eid, name=name, type="PERSON", country=country, sector=sector, role=role, kb_id=kb_id)


def actor_of(links: list[ActorLink], article: str, entity: str) -> str:
    return next(link.actor_id for link in links if (link.article_id, link.entity_id) == (article, entity))


@pytest.mark.parametrize(("first", "second", "same"), [
    # transliterations of one general
    (person("e1", "Valerii Zaluzhnyi", "UKR", "MIL"), person("e1", "Valeriy Salushnyy", "UKR", "MIL"), True),
    (person("e1", "Valery Zaluzhny", "UKR"), person("e1", "Walerij Saluschnyj", "UKR"), True),
    (person("e1", "Volodymyr Zelenskyy", "UKR"), person("e1", "Wolodymyr Selenskyj", "UKR"), True),
    (person("e1", "Oleksii Reznikov", "UKR"), person("e1", "Oleksiy Reznikov"), True),
    # a surname alone meets a full name only when countries back it
    (person("e1", "Vladimir Putin", "RUS"), person("e1", "Putin", "RUS"), True),
    (person("e1", "Vladimir Putin", "RUS"), person("e1", "Putin"), False),
    # namesakes: different first names, or different countries
    (person("e1", "Hillary Clinton", "USA"), person("e1", "Bill Clinton", "USA"), False),
    (person("e1", "Andriy Shevchenko", "UKR"), person("e1", "Andriy Shevchenko", "RUS"), False),
    (person("e1", "Oleksandr Syrskyi", "UKR"), person("e1", "Oleksandr Syrotenko", "UKR"), False),
    # same person in our table, however written
    (person("e1", "Lukashenka", "BLR", kb_id="Alexander Lukashenko"),
     person("e1", "Alexander Lukashenko", "BLR", kb_id="Alexander Lukashenko"), True),
])
def test_people_across_articles(first, second, same):
    links = link_actors([("a1", [first]), ("a2", [second])])
    assert (actor_of(links, "a1", "e1") == actor_of(links, "a2", "e1")) is same


def test_every_link_says_why():
    links = link_actors([
        ("a1", [person("e1", "Valerii Zaluzhnyi", "UKR", "MIL")]),
        ("a2", [person("e1", "Valeriy Salushnyy", "UKR", "MIL")]),
        ("a3", [person("e2", "Valerii Zaluzhnyi", "UKR")]),
    ])
    reasons = [link.reason for link in links]
    assert reasons[0] == "first mention"
    assert reasons[1] == "same name after transliteration folding (valeri salushni)"
    assert reasons[2] == "same normalised name"


def test_fuzzy_reason_names_the_score():
    links = link_actors([("a1", [person("e1", "Laurent Gbagbo", "CIV")]),
                         ("a2", [person("e1", "Laurent Gbago", "CIV")])])
    assert links[1].reason == "fuzzy name 0.91 (rapidfuzz), first name 1.00 + same country"
    assert links[0].actor_id == links[1].actor_id


@pytest.mark.parametrize(("first", "second", "same"), [
    (Entity("e1", "Russia", "GPE", country="RUS", sector="GOV"), Entity("e1", "Russia", "GPE", country="RUS"), True),
    (Entity("e1", "Russia", "GPE", country="RUS"), Entity("e1", "Belarus", "GPE", country="BLR"), False),
    (Entity("e1", "U.N.", "ORG", country="UNO"), Entity("e1", "United Nations", "ORG", country="UNO"), True),
    (Entity("e1", "Belarusian army", "ORG", country="BLR", sector="MIL"),
     Entity("e1", "the Belarusian army", "ORG", country="BLR", sector="MIL"), True),
    (Entity("e1", "Belarusian army", "ORG", country="BLR", sector="MIL"),
     Entity("e1", "Russian army", "ORG", country="RUS", sector="MIL"), False),
])
def test_named_actors_across_articles(first, second, same):
    links = link_actors([("a1", [first]), ("a2", [second])])
    assert (links[0].actor_id == links[1].actor_id) is same


def test_actor_rows_and_store_rows():
    articles = [
        ("a1", [person("e1", "Valerii Zaluzhnyi", "UKR", "MIL", "Commander-in-Chief")]),
        ("a2", [person("e3", "Valeriy Salushnyy", "UKR", "MIL", "General")]),
        ("a3", [person("e1", "Valerii Zaluzhnyi", "UKR", "MIL")]),
    ]
    links = link_actors(articles)
    rows = actor_rows(articles, links)
    assert len(rows) == 1
    row = rows[0]
    assert (row["name"], row["country"], row["sector"]) == ("Valerii Zaluzhnyi", "UKR", "MIL")
    assert row["aliases"] == ["Valeriy Salushnyy"]
    assert row["roles"] == ["Commander-in-Chief", "General"]
    assert links[1].as_row() == ("a2", "e3", row["actor_id"], links[1].reason)


def test_link_actors_is_pure_and_deterministic():
    articles = [("a1", [person("e1", "Vladimir Putin", "RUS")]), ("a2", [person("e1", "Putin", "RUS")])]
    assert link_actors(articles) == link_actors(list(articles))
    assert link_actors([]) == []


def test_role_only_people_are_not_linked_across_articles():
    links = link_actors([("a1", [person("e1", "the president", "RUS", "GOV", "president")]),
                         ("a2", [person("e1", "the president", "RUS", "GOV", "president"),
                                 person("e2", "Turkey's foreign minister", "TUR", "GOV")])])
    assert links == []
