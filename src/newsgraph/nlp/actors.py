"""Actors: named entities found, merged into one entity per real-world actor, and coded.

First pass: spaCy's entities grouped by their text.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Analysis, Entity

__all__ = ["add_pipes", "extract_entities"]

_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


def add_pipes(nlp: Language) -> None:
    """Add the actor components (entity ruler over our knowledge tables) to a loaded model."""


def extract_entities(doc: Doc, analysis: Analysis) -> list[Entity]:
    """One entity per distinct name, with all its mentions."""
    by_name: dict[str, Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in _TYPES:
            continue
        entity = by_name.get(ent.text)
        if entity is None:
            entity = by_name[ent.text] = Entity(id=f"e{len(by_name) + 1}", name=ent.text, type=ent.label_)
        entity.mentions.append((ent.start_char, ent.end_char))
    return list(by_name.values())
