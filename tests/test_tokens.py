"""The token-array prefilters find exactly the tokens a per-token loop would."""

import pytest

from newsgraph.nlp.tokens import matching, with_text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The ministry said on Friday that talks had been announced.", {"say", "announce", "talk"}),
        ("SAYS the headline; Says another; nobody says nothing", {"say"}),
        ("No cue at all here.", {"say"}),
        ("", {"say"}),
        ("Officials met in the capital, the city of Minsk.", {"city", "capital", "meet"}),
    ],
)
def test_matching_agrees_with_a_token_loop(nlp, text, words):
    doc = nlp(text)
    expected = [t.i for t in doc if t.lemma_.lower() in words or t.lower_ in words]
    assert matching(doc, frozenset(words)) == expected


@pytest.mark.parametrize(
    ("text", "texts", "expected"),
    [
        ("The Union of Teachers (UT) met (again).", {"("}, [4, 8]),
        ("No brackets.", {"("}, []),
        ("a ( b ) c", {"(", ")"}, [1, 3]),
    ],
)
def test_with_text_finds_exact_texts(nlp, text, texts, expected):
    assert with_text(nlp(text), frozenset(texts)) == expected
