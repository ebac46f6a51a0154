"""Quotes: first pass (filled by its own issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Analysis, Quote

__all__ = ["extract_quotes"]


def extract_quotes(doc: Doc, analysis: Analysis) -> list[Quote]:
    """Nothing yet."""
    return []
