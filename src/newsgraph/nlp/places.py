"""Places: first pass (filled by its own issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Analysis, Place

__all__ = ["extract_places"]


def extract_places(doc: Doc, analysis: Analysis) -> list[Place]:
    """Nothing yet."""
    return []
