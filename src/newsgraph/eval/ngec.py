"""NGEC synthetic stories scorer: document-level PLOVER type (and mode) recognition.

Gold: `ngec_synthetic/gpt_synthetic_events_2023-10-19_19.csv` (4,500 synthetic stories, each labelled with one
PLOVER 0.8 type and, for some, a mode). Each story (its filled-in headline, then its text) is analysed as one
article. `type_recall`: the share of stories whose predicted events include the labelled type. Per type,
`precision`: of the stories where we predicted the type, the share labelled with it (pessimistic, since a story
may hold other true events besides its label). `mode_recall`: for labelled modes, the share where an event of
the labelled type has that mode. `limit` takes a fixed random sample.
"""

from __future__ import annotations

import csv
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.errors import EvalDataError
from newsgraph.eval import EvalReport, prf
from newsgraph.model import Analysis, Article

__all__ = ["load_gold", "score", "evaluate"]

_FILE = Path("ngec_synthetic") / "gpt_synthetic_events_2023-10-19_19.csv"


def load_gold(data_dir: Path, limit: int | None = None) -> list[dict[str, str]]:
    """The labelled stories; `limit` takes a fixed random sample."""
    path = Path(data_dir) / _FILE
    if not path.is_file():
        raise EvalDataError(f"NGEC synthetic file {str(path)!r} not found; set NEWSGRAPH_DATA or pass --data")
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("text") and r.get("label")]
    if limit and limit < len(rows):
        rows = random.Random(0).sample(rows, limit)
    return rows


def _story(row: dict[str, str]) -> str:
    headline = (row.get("prompt") or "").split("\n")[0].strip()
    return f"{headline}\n\n{row['text'].strip()}" if headline else row["text"].strip()


def score(rows: list[dict[str, str]], analyses: list[Analysis]) -> dict[str, Any]:
    """Type recall, per-type precision/recall and mode recall of analyses against story labels."""
    tp, fp, fn = Counter(), Counter(), Counter()
    found = mode_ok = mode_n = 0
    for row, an in zip(rows, analyses, strict=True):
        label, mode = row["label"].upper(), (row.get("mode") or "").strip().lower()
        types = {e.type for e in an.events}
        found += label in types
        tp[label] += label in types
        fn[label] += label not in types
        for t in types - {label}:
            fp[t] += 1
        if mode:
            mode_n += 1
            mode_ok += any(e.type == label and (e.mode or "").lower().startswith(mode[:4]) for e in an.events)
    per = {t: prf(tp[t], fp[t], fn[t]) for t in sorted(set(tp) | set(fn) | set(fp))}
    return {
        "n": len(rows),
        "type_recall": round(found / len(rows), 4) if rows else 0.0,
        "mode_recall": round(mode_ok / mode_n, 4) if mode_n else 0.0,
        "no_event": sum(1 for an in analyses if not an.events),
        "per_type": per,
    }


def evaluate(split: str | None = None, data_dir: Path | None = None, model: str | None = None,
             limit: int | None = None, **_: Any) -> EvalReport:
    """Score newsgraph on the NGEC synthetic stories (document level)."""
    from newsgraph.eval import default_data_dir
    from newsgraph.nlp.pipeline import analyze_batch

    rows = load_gold(data_dir or default_data_dir(), limit)
    articles = [Article(text=_story(r), id=f"ngec-{i}") for i, r in enumerate(rows)]
    results = analyze_batch(articles, model)
    analyses = [r if isinstance(r, Analysis) else Analysis(article=a) for r, a in zip(results, articles, strict=True)]
    report = EvalReport(name="ngec-synthetic", split=split, command="newsgraph eval ngec-synthetic"
                        + (f" --limit {limit}" if limit else ""))
    report.rows["newsgraph"] = score(rows, analyses)
    report.notes.append("synthetic stories: development material, not a measure of accuracy on real news")
    report.notes.append("precision per type is pessimistic: a story may hold true events besides its label")
    return report
