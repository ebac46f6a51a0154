"""Dates: first pass (filled by its own issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Analysis, DateRef

__all__ = ["extract_dates"]


def extract_dates(doc: Doc, analysis: Analysis) -> list[DateRef]:
    """Nothing yet."""
    return []
