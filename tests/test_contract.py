"""The newsgraph.analysis/1 contract: its shape, and every span slicing article.text to the span's own text."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.model import SCHEMA, Analysis, Article
from newsgraph.nlp.pipeline import analyze_doc
from newsgraph.readers import read_path

TOP = {"schema", "article", "entities", "quotes", "events", "places", "dates", "quantities"}
ARTICLE = {"id", "url", "outlet", "title", "authors", "published", "language", "text"}
ENTITY = {"id", "name", "type", "country", "sector", "role", "aliases", "mentions", "kb_id"}
QUOTE = {"id", "kind", "text", "span", "speaker", "speaker_text", "speaker_span", "cue", "cue_span"}
EVENT = {"id", "type", "mode", "contexts", "source", "target", "date", "place", "modality", "claimed_by", "size",
         "evidence", "confidence", "rule"}
PLACE = {"id", "name", "country", "lat", "lon", "geonameid", "mentions"}
DATE = {"text", "span", "start", "end", "granularity"}
QUANTITY = {"text", "span", "value", "unit", "qualifier"}


def check_spans(data: dict) -> int:
    """Assert every span of the contract slices the text to its own text; return how many were checked."""
    text = data["article"]["text"]
    checked = 0

    def same(span, expected):
        nonlocal checked
        assert 0 <= span[0] <= span[1] <= len(text), span
        assert text[span[0]:span[1]] == expected, (span, expected)
        checked += 1

    for q in data["quotes"]:
        same(q["span"], q["text"])
        if q["speaker_span"]:
            same(q["speaker_span"], q["speaker_text"])
    for v in data["events"]:
        same(v["evidence"]["span"], v["evidence"]["text"])
        start, end = v["evidence"]["trigger_span"]
        assert v["evidence"]["span"][0] <= start < end <= v["evidence"]["span"][1]
    for item in data["dates"] + data["quantities"]:
        same(item["span"], item["text"])
    for e in data["entities"]:
        names = {n.casefold() for n in (e["name"], *e["aliases"])}
        for start, end in e["mentions"]:
            assert 0 <= start < end <= len(text)
            mention = text[start:end].casefold()
            # a mention is the name, an alias, or a possessive/inflected form of one of them
            assert any(n in mention or mention in n for n in names), (mention, names)
    for p in data["places"]:
        for start, end in p["mentions"]:
            assert 0 <= start < end <= len(text)
    return checked


def check_shape(data: dict) -> None:
    assert data["schema"] == SCHEMA
    assert TOP <= set(data)
    assert ARTICLE <= set(data["article"])
    for layer, keys in (("entities", ENTITY), ("quotes", QUOTE), ("events", EVENT), ("places", PLACE),
                        ("dates", DATE), ("quantities", QUANTITY)):
        for item in data[layer]:
            assert keys <= set(item), (layer, keys - set(item))


def test_example_article_spans_and_shape(nlp, example_path):
    (article,) = read_path(example_path)
    data = analyze_doc(nlp(article.text), article).to_dict()
    check_shape(data)
    assert check_spans(data) > 20
    assert Analysis.from_dict(data).to_dict() == data


NAMES = ["Anna Berg", "Omar Haddad", "the Finnish government", "President Maria Lopes", "Kenya", "the army"]
VERBS = ["met", "criticised", "attacked", "thanked", "warned", "visited"]
PLACES = ["Vienna", "Nairobi", "Kyiv", "Lima", "Oslo"]
DATES = ["on Monday", "last week", "on 3 March 2023", "in January", "yesterday"]


@st.composite
def sentences(draw) -> str:
    kind = draw(st.integers(0, 2))
    a, b = draw(st.sampled_from(NAMES)), draw(st.sampled_from(NAMES))
    verb, place, when = draw(st.sampled_from(VERBS)), draw(st.sampled_from(PLACES)), draw(st.sampled_from(DATES))
    if kind == 0:
        return f"{a[0].upper()}{a[1:]} {verb} {b} in {place} {when}."
    if kind == 1:
        return f"“We will not accept this,” {a} said {when}."
    return f"{a[0].upper()}{a[1:]} denied that up to {draw(st.integers(2, 90000)):,} soldiers were sent to {place}."


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=st.lists(st.lists(sentences(), min_size=1, max_size=3), min_size=1, max_size=4))
def test_generated_articles_keep_every_span_on_the_text(nlp, paragraphs):
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    article = Article(text=text, title=None, published=datetime(2023, 3, 8, 9, 0, tzinfo=ZoneInfo("Europe/Vienna")))
    data = analyze_doc(nlp(text), article).to_dict()
    check_shape(data)
    check_spans(data)
    assert Analysis.from_dict(data).to_dict() == data
