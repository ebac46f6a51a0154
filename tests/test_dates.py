"""Dates: (phrase, published, expected) tables for `normalise`, sentences through the real model, the example."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsgraph.model import Analysis, Article
from newsgraph.nlp.dates import extract_dates, normalise

PUB = datetime(2022, 12, 19, 17, 48)  # a Monday: the example article's publication time


@pytest.mark.parametrize(
    ("phrase", "tense", "expected"),
    [
        ("Friday", None, ("2022-12-16", "2022-12-16", "day")),
        ("Friday", "future", ("2022-12-23", "2022-12-23", "day")),
        ("Monday", "past", ("2022-12-19", "2022-12-19", "day")),
        ("last Friday", None, ("2022-12-16", "2022-12-16", "day")),
        ("next Friday", None, ("2022-12-23", "2022-12-23", "day")),
        ("this week", None, ("2022-12-19", "2022-12-25", "week")),
        ("last week", None, ("2022-12-12", "2022-12-18", "week")),
        ("next month", None, ("2023-01-01", "2023-01-31", "month")),
        ("last year", None, ("2021-01-01", "2021-12-31", "year")),
        ("yesterday", None, ("2022-12-18", "2022-12-18", "day")),
        ("today", None, ("2022-12-19", "2022-12-19", "day")),
        ("tomorrow morning", None, ("2022-12-20", "2022-12-20", "day")),
        ("the end of November", None, ("2022-11-21", "2022-11-30", "month")),
        ("January", "future", ("2023-01-01", "2023-01-31", "month")),
        ("January", None, ("2023-01-01", "2023-01-31", "month")),
        ("January", "past", ("2022-01-01", "2022-01-31", "month")),
        ("June", "future", ("2023-06-01", "2023-06-30", "month")),
        ("early November", None, ("2022-11-01", "2022-11-10", "month")),
        ("mid-December", None, ("2022-12-11", "2022-12-20", "month")),
        ("early next year", None, ("2023-01-01", "2023-04-30", "year")),
        ("earlier this year", None, ("2022-01-01", "2022-12-18", "year")),
        ("the end of the year", None, ("2022-09-01", "2022-12-31", "year")),
        ("2022-12-19", None, ("2022-12-19", "2022-12-19", "day")),
        ("12/19/2022", None, ("2022-12-19", "2022-12-19", "day")),
        ("19.12.2022", None, ("2022-12-19", "2022-12-19", "day")),
        ("19 December 2022", None, ("2022-12-19", "2022-12-19", "day")),
        ("Dec. 19, 2022", None, ("2022-12-19", "2022-12-19", "day")),
        ("the 19th of December", None, ("2022-12-19", "2022-12-19", "day")),
        ("Dec. 19-21, 2022", None, ("2022-12-19", "2022-12-21", "day")),
        ("January-March 2022", None, ("2022-01-01", "2022-03-31", "month")),
        ("December 2022", None, ("2022-12-01", "2022-12-31", "month")),
        ("Q3 2022", None, ("2022-07-01", "2022-09-30", "quarter")),
        ("the third quarter", None, ("2022-07-01", "2022-09-30", "quarter")),
        ("the fourth quarter of 2021", None, ("2021-10-01", "2021-12-31", "quarter")),
        ("last spring", None, ("2022-03-01", "2022-05-31", "season")),
        ("this winter", None, ("2022-12-01", "2023-02-28", "season")),
        ("summer 2021", None, ("2021-06-01", "2021-08-31", "season")),
        ("1995", None, ("1995-01-01", "1995-12-31", "year")),
        ("1998-2000", None, ("1998-01-01", "2000-12-31", "year")),
        ("the 1990s", None, ("1990-01-01", "1999-12-31", "decade")),
        ("the nineties", None, ("1990-01-01", "1999-12-31", "decade")),
        ("two weeks ago", None, ("2022-12-05", "2022-12-11", "week")),
        ("three years ago", None, ("2019-01-01", "2019-12-31", "year")),
        ("five days ago", None, ("2022-12-14", "2022-12-14", "day")),
        ("Thanksgiving Day", None, ("2022-11-24", "2022-11-24", "day")),
        ("Christmas Eve", None, ("2022-12-24", "2022-12-24", "day")),
        ("Memorial Day", "past", ("2022-05-30", "2022-05-30", "day")),
        ("January this year", None, ("2022-01-01", "2022-01-31", "month")),
        ("next year's first quarter", None, ("2023-01-01", "2023-03-31", "quarter")),
        ("this coming Sunday", None, ("2022-12-25", "2022-12-25", "day")),
        ("early Tuesday", None, ("2022-12-13", "2022-12-13", "day")),
        ("now", None, ("2022-12-19", "2022-12-19", None)),
        ("recently", None, (None, "2022-12-19", None)),
        ("the near future", None, ("2022-12-19", None, None)),
    ],
)
def test_normalise(phrase: str, tense: str | None, expected: tuple) -> None:
    assert normalise(phrase, PUB, tense) == expected


@pytest.mark.parametrize("phrase", ["for three years", "two weeks", "a second attempt", "three days", "the year",
                                    "several hours", "42"])
def test_not_a_date(phrase: str) -> None:
    assert normalise(phrase, PUB) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Friday", (None, None, "day")),
        ("this week", (None, None, "week")),
        ("Dec. 19, 2022", ("2022-12-19", "2022-12-19", "day")),
        ("1995", ("1995-01-01", "1995-12-31", "year")),
    ],
)
def test_without_publication_date(phrase: str, expected: tuple) -> None:
    assert normalise(phrase, None) == expected


def _dates(nlp, text: str, published: datetime | None = PUB) -> list:
    refs = extract_dates(nlp(text), Analysis(article=Article(text=text, published=published)))
    for ref in refs:
        assert text[ref.span[0]:ref.span[1]] == ref.text
    return refs


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("Before his visit to Minsk on Friday, Putin asked the commanders for proposals.", "Friday",
         ("2022-12-16", "2022-12-16", "day")),
        ("The two leaders will meet on Friday in Minsk.", "Friday", ("2022-12-23", "2022-12-23", "day")),
        ("At the end of November he said it was stupid.", "the end of November",
         ("2022-11-21", "2022-11-30", "month")),
        ("The military expects Russia to make a second attempt to capture Kyiv as early as January.", "January",
         ("2023-01-01", "2023-01-31", "month")),
        ("In January he said the war would be short.", "January", ("2022-01-01", "2022-01-31", "month")),
        ("Media report that Putin is planning an announcement for this week.", "this week",
         ("2022-12-19", "2022-12-25", "week")),
        ("The agreement was signed on Dec. 1, 2021 in Moscow.", "Dec. 1, 2021", ("2021-12-01", "2021-12-01", "day")),
        ("Profit rose in the third quarter, up from a year earlier.", "a year earlier",
         ("2021-07-01", "2021-09-30", "quarter")),
        ("Keating lost his 1996 campaign.", "1996", ("1996-01-01", "1996-12-31", "year")),
    ],
)
def test_in_sentence(nlp, sentence: str, text: str, expected: tuple) -> None:
    refs = {r.text: (r.start, r.end, r.granularity) for r in _dates(nlp, sentence)}
    assert refs.get(text) == expected


def test_qualifier_kept_in_rule(nlp) -> None:
    refs = _dates(nlp, "Russia may attack Kyiv as early as January.")
    assert [r.rule for r in refs if r.text == "January"] == ["month:as early as"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The war has lasted for three years.",
        "Russia will make a second attempt.",
        "Now, let us look at the numbers.",
        "They sent 1996 soldiers to the border.",
        "Officials may march to the square.",
        "The talks took two weeks.",
    ],
)
def test_no_dates(nlp, sentence: str) -> None:
    assert _dates(nlp, sentence) == []


def test_relative_without_published(nlp) -> None:
    refs = _dates(nlp, "He arrived on Friday, 19 December 2022.", published=None)
    assert [(r.start, r.granularity) for r in refs] == [("2022-12-19", "day")]
    refs = _dates(nlp, "He arrived on Friday.", published=None)
    assert [(r.text, r.start, r.end) for r in refs] == [("Friday", None, None)]


def test_example_article(nlp, example_path) -> None:
    text = example_path.read_text(encoding="utf-8")
    refs = _dates(nlp, text)
    found = {r.text: (r.start, r.end) for r in refs}
    assert found["Friday"] == ("2022-12-16", "2022-12-16")
    assert found["the end of November"] == ("2022-11-21", "2022-11-30")
    assert found["January"] == ("2023-01-01", "2023-01-31")
    assert found["this week"] == ("2022-12-19", "2022-12-25")
    assert "second" not in " ".join(found)


@pytest.mark.parametrize(
    ("start", "end", "granularity", "value"),
    [
        ("2022-12-16", "2022-12-16", "day", "2022-12-16"),
        ("2022-12-19", "2022-12-25", "week", "2022-W51"),
        ("2022-12-17", "2022-12-18", "week", "2022-W50-WE"),
        ("2022-11-21", "2022-11-30", "month", "2022-11"),
        ("2022-07-01", "2022-09-30", "quarter", "2022-Q3"),
        ("2022-12-01", "2023-02-28", "season", "2022-WI"),
        ("2022-06-01", "2022-08-31", "season", "2022-SU"),
        ("2021-01-01", "2021-12-31", "year", "2021"),
        ("1990-01-01", "1999-12-31", "decade", "199"),
        ("2022-12-19", "2022-12-19", None, "PRESENT_REF"),
        (None, "2022-12-19", None, "PAST_REF"),
        ("2022-12-19", None, None, "FUTURE_REF"),
    ],
)
def test_timeml_value(start: str | None, end: str | None, granularity: str | None, value: str) -> None:
    from newsgraph.eval.tempeval import timeml_value

    assert timeml_value(start, end, granularity) == value


_TIMEML = """<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-12-19" functionInDocument="CREATION_TIME">20221219</TIMEX3></DCT>
<TEXT>Leaders <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2022-12-16">Friday</TIMEX3> for
<TIMEX3 tid="t2" type="DURATION" value="P2H">two hours</TIMEX3> &amp; agreed.</TEXT></TimeML>
"""


def test_timeml_reader(tmp_path) -> None:
    from newsgraph.eval.tempeval import load_documents

    folder = tmp_path / "tempeval3" / "TBAQ-cleaned" / "TimeBank"
    folder.mkdir(parents=True)
    (folder / "x1.tml").write_text(_TIMEML, encoding="utf-8")
    (doc,) = load_documents(tmp_path, "timebank")
    assert str(doc.dct) == "2022-12-19"
    assert [(doc.text[t.span[0]:t.span[1]], t.type, t.value) for t in doc.timexes] == [
        ("Friday", "DATE", "2022-12-16"), ("two hours", "DURATION", "P2H")]
    assert doc.text.endswith("& agreed.")


@pytest.mark.slow
def test_tempeval_floor(shared_data) -> None:
    """Quality gate: DATE value accuracy and relaxed span F1 on the first 60 TimeBank documents."""
    from newsgraph.eval.tempeval import evaluate

    row = evaluate(split="timebank", data_dir=shared_data, limit=60, baseline=False).rows["newsgraph"]
    assert row["value_acc"] >= 0.85
    assert row["relaxed_f1"] >= 0.88
