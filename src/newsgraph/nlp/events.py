"""Events: first pass (filled by its own issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Analysis, Event

__all__ = ["extract_events"]


def extract_events(doc: Doc, analysis: Analysis) -> list[Event]:
    """Nothing yet."""
    return []
