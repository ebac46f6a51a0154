"""Quantities: first pass (filled by its own issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Analysis, Quantity

__all__ = ["extract_quantities"]


def extract_quantities(doc: Doc, analysis: Analysis) -> list[Quantity]:
    """Nothing yet."""
    return []
