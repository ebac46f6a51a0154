"""Modality of an event from its clause (newsgraph.nlp.modality); needs only the parse, no other layer."""

from __future__ import annotations

import pytest

from newsgraph.nlp.modality import MODALITIES, clause_modality, cues

# (sentence, trigger word, expected modality)
CASES = [
    ("Russia attacked the village on Monday.", "attacked", "asserted"),
    ("Russia did not attack the village.", "attack", "negated"),
    ("Belarus will never attack Ukraine.", "attack", "negated"),
    ("Russia denied that its forces had attacked the village.", "attacked", "negated"),
    ("The Kremlin dismissed rumours that Belarus would attack Ukraine.", "attack", "negated"),
    ("Lukashenko so vehemently denies that the army will soon be able to fight.", "fight", "negated"),
    ("We won’t be able to contribute anything.", "contribute", "negated"),
    ("Belarus will attack Ukraine in January.", "attack", "future"),
    ("Analysts expect Russia to attack Kyiv again.", "attack", "future"),
    ("Russia is preparing to attack Kyiv.", "attack", "future"),
    ("Norway is willing to send weapons.", "send", "future"),
    ("Iraq said it would allow the inspectors to return.", "allow", "future"),
    ("The army announced another counter-offensive as soon as conditions permit.", "offensive", "future"),
    ("Will Belarus enter the war?", "enter", "hypothetical"),
    ("If Belarus attacks Ukraine, NATO will respond.", "attacks", "hypothetical"),
    ("Belarus could actively enter the war.", "enter", "hypothetical"),
    ("It is possible that Belarus attacks Ukraine in the spring.", "attacks", "hypothetical"),
    ("In the event of martial law, the soldiers will receive arms.", "receive", "hypothetical"),
    ("Analysts warned of a possible attack on the capital.", "attack", "hypothetical"),
    ("Not only has Russia attacked Kyiv, it also shelled Kharkiv.", "attacked", "asserted"),
    ("Before his visit to Minsk, Putin announced that the talks had ended.", "visit", "asserted"),
    ("Germany criticized the planned attack.", "attack", "future"),
    ("Neither government has accepted the offer.", "accepted", "negated"),
    ("No country has attacked Ukraine since then.", "attacked", "negated"),
]


def _token(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("text", "word", "expected"), CASES)
def test_clause_modality(nlp, text: str, word: str, expected: str) -> None:
    doc = nlp(text)
    modality, cue = clause_modality(_token(doc, word), doc)
    assert modality == expected, (text, modality, cue)
    assert (cue is None) == (expected == "asserted")


def test_modalities_are_known() -> None:
    table = cues()
    used = {m for scope in table.by_scope.values() for m in scope.values()} - {"-"}
    assert used <= set(MODALITIES)
    assert {"negated", "future", "hypothetical"} <= used
