"""Quantities: (sentence, expected quantities) through the real model; number parsing; the example article."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsgraph.model import Analysis, Article
from newsgraph.nlp.dates import extract_dates
from newsgraph.nlp.quantities import extract_quantities, parse_number, unit_of


def _quantities(nlp, text: str) -> list[tuple[str, int | float, str | None, str | None]]:
    doc = nlp(text)
    analysis = Analysis(article=Article(text=text, published=datetime(2022, 12, 19)))
    analysis.dates = extract_dates(doc, analysis)
    found = extract_quantities(doc, analysis)
    for q in found:
        assert text[q.span[0]:q.span[1]] == q.text
    return [(q.text, q.value, q.unit, q.qualifier) for q in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They want a joint force that could include up to 9,000 Russian soldiers.",
         [("up to 9,000 Russian soldiers", 9000, "soldier", "up to")]),
        ("They are currently preparing 200,000 soldiers for their deployment.",
         [("200,000 soldiers", 200000, "soldier", None)]),
        ("At least 12 people were killed in the attack.", [("At least 12 people", 12, "person", "at least")]),
        ("Police arrested more than 1.5 million protesters.",
         [("more than 1.5 million protesters", 1500000, "protester", "more than")]),
        ("Dozens of civilians were wounded.", [("Dozens of civilians", 24, "person", "dozens")]),
        ("Tens of thousands of troops massed at the border.",
         [("Tens of thousands of troops", 20000, "soldier", "tens of thousands")]),
        ("Three soldiers and two hundred tanks crossed the river.",
         [("Three soldiers", 3, "soldier", None), ("two hundred tanks", 200, "tank", None)]),
        ("The blast left 12 dead and 30 wounded.",
         [("12 dead", 12, "person", None), ("30 wounded", 30, "person", None)]),
        ("Some 300 heavily armed police stood by.", [("Some 300 heavily armed police", 300, "police", "some")]),
        ("Hamas freed 24 hostages on Friday.", [("24 hostages", 24, "prisoner", None)]),
        ("At least 12 were killed in the blast.", [("At least 12", 12, "person", "at least")]),
        ("The raid killed at least 40, officials said.", [("at least 40", 40, "person", "at least")]),
        ("Police arrested 300 on Friday.", [("300", 300, "person", None)]),
    ],
)
def test_quantities(nlp, sentence: str, expected: list) -> None:
    assert _quantities(nlp, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The bill cost 9,000 dollars.",
        "Prices rose 20% in 2022.",
        "Russia will make a second attempt.",
        "In 1996 the soldiers went home.",
        "The convoy drove 300 kilometres.",
        "He scored 3 in the final game.",
        "Twelve were proposed by the committee.",
    ],
)
def test_no_quantities(nlp, sentence: str) -> None:
    assert _quantities(nlp, sentence) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9,000", (9000, None)),
        ("1.5 million", (1500000, None)),
        ("2.5", (2.5, None)),
        ("twenty-five", (25, None)),
        ("two hundred", (200, None)),
        ("a dozen", (12, None)),
        ("hundreds of", (200, "hundreds")),
        ("tens of thousands of", (20000, "tens of thousands")),
        ("soldiers", None),
    ],
)
def test_parse_number(text: str, expected: tuple | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(("word", "unit"), [("troops", "soldier"), ("servicemen", "soldier"),
                                            ("civilians", "person"), ("Police Officers", "police"),
                                            ("budget", None)])
def test_unit_of(word: str, unit: str | None) -> None:
    assert unit_of(word) == unit


def test_example_article(nlp, example_path) -> None:
    found = _quantities(nlp, example_path.read_text(encoding="utf-8"))
    assert ("up to 9,000 Russian soldiers", 9000, "soldier", "up to") in found
    assert ("200,000 soldiers", 200000, "soldier", None) in found
