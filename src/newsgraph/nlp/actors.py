"""Actors: named entities found, merged into one entity per real-world actor, and coded.

First pass: spaCy's entities grouped by their text.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Analysis, Entity

__all__ = ["add_pipes", "extract_entities", "entity_at", "resolve_pronoun"]

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


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping the characters `[start, end)`, preferring the longest overlap."""
    best, best_overlap = None, 0
    for entity in entities:
        for m_start, m_end in entity.mentions:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap:
                best, best_overlap = entity, overlap
    return best


_PRONOUN_TYPES = {"he": "PERSON", "him": "PERSON", "his": "PERSON", "she": "PERSON", "her": "PERSON",
                  "it": "ORG", "its": "ORG"}


def resolve_pronoun(entities: list[Entity], doc: Doc, token_i: int) -> Entity | None:
    """The most recent entity before the pronoun at `token_i` whose type fits it."""
    wanted = _PRONOUN_TYPES.get(doc[token_i].lower_)
    if wanted is None:
        return None
    before = doc[token_i].idx
    best, best_end = None, -1
    for entity in entities:
        if entity.type != wanted:
            continue
        for _, m_end in entity.mentions:
            if best_end < m_end <= before:
                best, best_end = entity, m_end
    return best
