"""Scorers for the gold sets in ../shared/data.

Each scorer module exposes `evaluate(split, data_dir, model, limit) -> EvalReport`. They read
gold data only from `data_dir` (default `../shared/data` beside the checkout, or
`$NEWSGRAPH_DATA`) and never copy it anywhere.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import EvalDataError

__all__ = ["EvalReport", "SCORERS", "default_data_dir", "run_eval", "prf"]

# name on the command line -> module under newsgraph.eval
SCORERS = {
    "conll": "conll",
    "polnear": "polnear",
    "tempeval3": "tempeval",
    "geo": "geo",
    "plover": "plover",
    "ngec-synthetic": "ngec",
    "case2021": "case2021",
    "meantime": "meantime",
    "plover-actors": "actors",
}


@dataclass
class EvalReport:
    """What a scorer measured: one row of metrics per system (ours and its baselines), with notes."""

    name: str
    split: str | None
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # system -> metric -> value
    notes: list[str] = field(default_factory=list)
    command: str = ""


def default_data_dir() -> Path:
    """`$NEWSGRAPH_DATA`, else `../shared/data` beside the repository."""
    env = os.environ.get("NEWSGRAPH_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def run_eval(name: str, split: str | None = None, data_dir: Path | None = None, model: str | None = None,
             limit: int | None = None, **options: Any) -> EvalReport:
    """Run the scorer called `name` (see `SCORERS`)."""
    if name not in SCORERS:
        raise EvalDataError(f"unknown gold set {name!r}; choose one of {', '.join(SCORERS)}")
    data_dir = data_dir or default_data_dir()
    if not data_dir.is_dir():
        raise EvalDataError(f"gold data folder {str(data_dir)!r} not found; set NEWSGRAPH_DATA or pass --data")
    module = importlib.import_module(f"newsgraph.eval.{SCORERS[name]}")
    return module.evaluate(split=split, data_dir=data_dir, model=model, limit=limit, **options)


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
