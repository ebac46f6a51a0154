"""Across articles: near-duplicate articles (MinHash/LSH) and event clusters, on hand-made article pairs."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from newsgraph.crossdoc.clusters import (
    cluster_events,
    cluster_summary,
    event_rows,
    run_crossdoc,
    summarize_clusters,
)
from newsgraph.crossdoc.duplicates import find_duplicates, shingles, signature, similarity
from newsgraph.errors import NotFoundError
from newsgraph.model import Analysis, Article, Entity, Event, EventDate, EventPlace, Evidence
from newsgraph.store import Store

STORY = (
    "The president of the republic met the visiting prime minister in the capital on Monday for talks on gas "
    "prices, border crossings and the fate of three detained journalists. Both leaders said afterwards that the "
    "talks had been frank and useful, and their ministers agreed to meet again before the end of the month to "
    "settle the remaining questions about transit fees and the new pipeline along the northern border."
)
OTHER = (
    "Heavy rain flooded the lower town overnight and the river rose two metres above its usual level. Firefighters "
    "evacuated forty families from houses near the old bridge, and the regional council opened a school gym as a "
    "shelter while engineers checked the dam upstream for damage before the next storm arrives on Thursday."
)

LONG = STORY + "\n\n" + OTHER
REVERSED = " ".join(reversed(OTHER.split()))  # the same words, no shingle in common


def _edit(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


# -- duplicates -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("a", "b", "duplicate"),
    [
        (STORY, STORY, True),
        (STORY, "  " + STORY.upper().replace(",", " ,") + "\n", True),  # case, spacing, punctuation
        (LONG, _edit(LONG, "three detained journalists", "four detained journalists"), True),  # an updated version
        (STORY, STORY[: len(STORY) // 2], False),  # half the story is another article
        (STORY, OTHER, False),
    ],
)
def test_find_duplicates_pairs_near_copies(a: str, b: str, duplicate: bool) -> None:
    pairs = find_duplicates([("a1", a, "2024-01-01T08:00:00+00:00"), ("a2", b, "2024-01-01T09:00:00+00:00")])
    assert pairs == ([("a2", "a1")] if duplicate else [])


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # the earliest published is the original, whatever the ids and input order
        ([("z", STORY, "2024-01-01T08:00:00+00:00"), ("a", STORY, "2024-01-02T08:00:00+00:00")], [("a", "z")]),
        # offsets compared in UTC: 09:00+02:00 is before 08:00+00:00
        ([("z", STORY, "2024-01-01T09:00:00+02:00"), ("a", STORY, "2024-01-01T08:00:00+00:00")], [("a", "z")]),
        # same time (or none): the lowest id
        ([("m", STORY, None), ("b", STORY, None), ("k", STORY, None)], [("k", "b"), ("m", "b")]),
        # an unknown publication time loses to a known one
        ([("a", STORY, None), ("b", STORY, "2024-01-05T00:00:00")], [("a", "b")]),
        ([("a", STORY, None), ("b", OTHER, None)], []),
    ],
)
def test_the_original_is_the_earliest_then_lowest_id(items: list, expected: list) -> None:
    assert find_duplicates(items) == expected
    assert find_duplicates(list(reversed(items))) == expected


def test_signatures_are_stable_bytes_and_estimate_jaccard() -> None:
    sig = signature(STORY)
    assert isinstance(sig, bytes) and len(sig) == 128 * 4
    assert sig == signature(STORY.upper())
    assert similarity(sig, sig) == 1.0
    assert similarity(sig, signature(OTHER)) < 0.2
    assert find_duplicates([("a", sig), ("b", STORY)]) == [("b", "a")]  # signatures and texts mix


@pytest.mark.parametrize(("text", "n"), [("one two three", 1), ("a b c d e f", 2), ("", 0), ("A, b! C", 1)])
def test_shingles(text: str, n: int) -> None:
    assert len(shingles(text)) == n


# -- event clusters -------------------------------------------------------------------------------------------------

PUTIN = ("Vladimir Putin", "RUS")
LUKASHENKO = ("Alexander Lukashenko", "BLR")
MINSK = EventPlace(name="Minsk", country="BLR", geonameid=625144)
MONDAY = datetime.fromisoformat("2022-12-19T17:00:00+01:00")


def report(
    article_id: str,
    outlet: str = "ARD",
    published: datetime = MONDAY,
    type: str = "CONSULT",
    source: tuple[str, str | None] | None = PUTIN,
    target: tuple[str, str | None] | None = LUKASHENKO,
    modality: str = "asserted",
    day: str | None = "2022-12-19",
    place: EventPlace | None = MINSK,
    text: str | None = None,
) -> Analysis:
    """A hand-made article with one event, as an analysis would give it."""
    entities, ids = [], {}
    for role, actor in (("source", source), ("target", target)):
        if actor:
            ids[role] = f"e{len(entities) + 1}"
            entities.append(Entity(id=ids[role], name=actor[0], type="PERSON", country=actor[1]))
    sentence = text or f"{source[0] if source else 'Someone'} met {target[0] if target else 'someone'}."
    event = Event(
        id="v1", type=type, modality=modality, evidence=Evidence(sentence, (0, len(sentence)), (0, 3)),
        source=[ids["source"]] if "source" in ids else [], target=[ids["target"]] if "target" in ids else [],
        date=EventDate(start=day, end=day, inferred=False) if day else None, place=place,
    )
    article = Article(text=sentence, id=article_id, outlet=outlet, published=published)
    return Analysis(article=article, entities=entities, events=[event])


def clusters_of(*analyses: Analysis) -> list[set[str]]:
    """The clusters found, as sets of article ids, in article order of their first member."""
    rows = [row for a in analyses for row in event_rows(a)]
    found: dict[str, set[str]] = {}
    for article_id, _, cid in cluster_events(rows):
        found.setdefault(cid, set()).add(article_id)
    return sorted(found.values(), key=min)


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # the same event reported twice: another outlet, a day later, a short name, no place given
        (report("b", outlet="BBC", published=MONDAY + timedelta(days=1), source=("Putin", None), place=None),
         [{"a", "b"}]),
        # the second report gives no date: the publication time is used, with the wider window
        (report("b", outlet="BBC", published=MONDAY + timedelta(days=2), day=None), [{"a", "b"}]),
        # two different events with the same actors a week apart
        (report("b", published=MONDAY + timedelta(days=7), day="2022-12-26"), [{"a"}, {"b"}]),
        # a denial against an assertion of the same event
        (report("b", outlet="BBC", modality="negated"), [{"a"}, {"b"}]),
        # a prediction against an assertion
        (report("b", modality="future"), [{"a"}, {"b"}]),
        # another type of event between the same actors
        (report("b", type="THREATEN"), [{"a"}, {"b"}]),
        # another target
        (report("b", target=("Emmanuel Macron", "FRA")), [{"a"}, {"b"}]),
        # another country as the place
        (report("b", place=EventPlace(name="Moscow", country="RUS", geonameid=524901)), [{"a"}, {"b"}]),
        # no actors and no place: nothing says it is the same event
        (report("b", source=None, target=None, place=None), [{"a"}, {"b"}]),
    ],
)
def test_cluster_events_on_article_pairs(second: Analysis, expected: list[set[str]]) -> None:
    assert clusters_of(report("a"), second) == expected


@pytest.mark.parametrize(
    ("countries", "same"),
    [((["RUS"], ["BLR"]), True), ((["RUS"], ["UKR"]), False), ((["RUS"], []), False), (([], []), False)],
)
def test_without_names_the_countries_decide(countries: tuple[list[str], list[str]], same: bool) -> None:
    """Countries are weak evidence: both roles must match by country (here the places differ in geonameid)."""
    (row,) = event_rows(report("a", place=None))
    other = dict(row, article_id="b", source_names=[], target_names=[], source_countries=countries[0],
                 target_countries=countries[1])
    assert len({cid for _, _, cid in cluster_events([row, other])}) == (1 if same else 2)


@pytest.mark.parametrize(
    ("name", "same"),
    [("Putin", True), ("President Vladimir Putin", True), ("Vladimir", False), ("Vladimir Zelensky", False)],
)
def test_a_short_name_matches_the_end_of_the_long_one(name: str, same: bool) -> None:
    second = report("b", source=(name, "RUS"), target=None, place=None)
    first = report("a", target=None, place=None)
    assert len(clusters_of(first, second)) == (1 if same else 2)


def test_background_mention_joins_the_reported_fact() -> None:
    later = report("b", published=MONDAY + timedelta(days=1), modality="historical")
    assert clusters_of(report("a"), later) == [{"a", "b"}]


def test_clusters_do_not_chain_across_a_week() -> None:
    """Complete link: daily meetings of the same leaders never become one event by chaining."""
    days = [report(f"d{i}", published=MONDAY + timedelta(days=2 * i), day=f"2022-12-{19 + 2 * i}") for i in range(4)]
    assert clusters_of(*days) == [{"d0", "d1"}, {"d2", "d3"}]


def test_cluster_ids_are_stable_and_named_by_the_earliest_member() -> None:
    first, second = report("a"), report("b", published=MONDAY + timedelta(hours=5))
    rows = event_rows(first) + event_rows(second)
    one = cluster_events(rows)
    assert one == cluster_events(list(reversed(rows)))
    assert one[0][2] == one[1][2] and one[0][2].startswith("c")
    alone = cluster_events(event_rows(first))
    assert alone[0][2] == one[0][2]


def test_summary_counts_articles_outlets_and_reports() -> None:
    analyses = [report("a"), report("b", outlet="BBC", published=MONDAY + timedelta(hours=3)),
                report("c", outlet="BBC", published=MONDAY + timedelta(hours=4))]
    rows = [r for a in analyses for r in event_rows(a)]
    summaries = summarize_clusters(rows, cluster_events(rows), duplicates={"c": "b"})
    (summary,) = summaries.values()
    assert (summary.type, summary.articles, summary.outlets) == ("CONSULT", 2, 2)  # c is a copy of b
    assert summary.first_report == MONDAY.isoformat()
    assert summary.last_report == (MONDAY + timedelta(hours=4)).isoformat()
    assert [m["article_id"] for m in summary.members] == ["a", "b", "c"]
    assert summary.members[2]["duplicate_of"] == "b"
    assert all(m["evidence"] == "Vladimir Putin met Alexander Lukashenko." for m in summary.members)


def test_run_crossdoc_writes_duplicates_and_clusters_to_the_store() -> None:
    analyses = [
        report("a", text=STORY),
        report("b", outlet="BBC", published=MONDAY + timedelta(hours=2), text=STORY),  # a wire copy
        report("c", outlet="DW", published=MONDAY + timedelta(hours=3), text=OTHER),
        report("d", outlet="DW", published=MONDAY + timedelta(days=9), day="2022-12-28", text=REVERSED),
    ]
    with Store(":memory:") as store:
        store.add_many(analyses)
        result = run_crossdoc(store)
        again = run_crossdoc(store)  # signatures stored: the second run reuses them and gives the same
        duplicates = {row["id"]: row["duplicate_of"] for row in store.articles(limit=10)}
        events = store.events(limit=10)
    assert duplicates == {"a": None, "b": "a", "c": None, "d": None}
    clusters = {}
    for event in events:
        clusters.setdefault(event["cluster_id"], set()).add(event["article_id"])
    assert sorted(clusters.values(), key=min) == [{"a", "b", "c"}, {"d"}]
    assert (result.articles, result.duplicates, result.events, result.clusters) == (4, 1, 4, 2)
    assert result.multi_article_clusters == 1 and again == result
    (big,) = [cid for cid, ids in clusters.items() if len(ids) == 3]
    with Store(":memory:") as store:
        store.add_many(analyses)
        run_crossdoc(store)
        summary = cluster_summary(store, big)
        with pytest.raises(NotFoundError, match="no events in cluster 'c000'"):
            cluster_summary(store, "c000")
    assert (summary.articles, summary.outlets) == (2, 3)  # b is a copy of a
    assert [(m["article_id"], m["duplicate_of"]) for m in summary.members] == [("a", None), ("b", "a"), ("c", None)]
