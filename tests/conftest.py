"""Shared fixtures: the gold-data and example folders (skipped when absent), the loaded model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", REPO.parent / "shared"))
EXAMPLE = SHARED / "examples" / "minsk-2022-12-19.txt"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip: gold sets are never copied into the repository."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"gold data not found at {path} (set NEWSGRAPH_SHARED to the shared/ folder)")
    return path


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The canonical example article, or skip: it lives in ../shared and is never copied here."""
    if not EXAMPLE.is_file():
        pytest.skip(f"example article not found at {EXAMPLE} (set NEWSGRAPH_SHARED to the shared/ folder)")
    return EXAMPLE


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy model with newsgraph's components, loaded once for the session."""
    from newsgraph.nlp.pipeline import load_pipeline

    return load_pipeline()
