"""CASE-2021 Task 2 scorer (ACLED-style event types) through our ACLED -> PLOVER table.

Gold: `case2021_task2/test_set_final_release_with_labels.tsv` (1,019 snippets; shared as development material,
so tuning on it must be reported). Each snippet is analysed as one article. The mapping is the documented table
`resources/acled_plover.tsv`. For snippets whose type maps to PLOVER types: `hit_rate` is the share whose
predicted events include one of them, `best_accuracy` the share whose best event is one of them. Snippets
whose type has no PLOVER equivalent (disasters, crime) measure `false_alarm_rate`: the share with an asserted event.
"""

from __future__ import annotations

import csv
import functools
import random
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.errors import EvalDataError
from newsgraph.eval import EvalReport
from newsgraph.model import Analysis, Article

__all__ = ["acled_to_plover", "load_gold", "score", "evaluate"]

_FILE = Path("case2021_task2") / "test_set_final_release_with_labels.tsv"


@functools.cache
def acled_to_plover() -> dict[str, frozenset[str]]:
    """ACLED sub-event type -> the PLOVER types that count as a match (empty: none fits)."""
    text = resources.files("newsgraph.resources").joinpath("acled_plover.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((ln for ln in text.splitlines() if ln and not ln.startswith("#")), delimiter="\t")
    return {r["acled"]: frozenset(t for t in r["types"].split("|") if t != "-") for r in rows}


def load_gold(data_dir: Path, limit: int | None = None) -> list[dict[str, str]]:
    """The snippets with their ACLED type; `limit` takes a fixed random sample."""
    path = Path(data_dir) / _FILE
    if not path.is_file():
        raise EvalDataError(f"CASE-2021 file {str(path)!r} not found; set NEWSGRAPH_DATA or pass --data")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("EventSnippet")]
    mapping = acled_to_plover()
    unknown = sorted({r["SubType"] for r in rows} - set(mapping))
    if unknown:
        raise EvalDataError(f"ACLED types {unknown} are missing from resources/acled_plover.tsv; add a row for each")
    if limit and limit < len(rows):
        rows = random.Random(0).sample(rows, limit)
    return rows


def score(rows: list[dict[str, str]], analyses: list[Analysis]) -> dict[str, Any]:
    """Hit rate, best-event accuracy and false alarms of analyses against the mapped gold types."""
    mapping = acled_to_plover()
    hit = best = mapped = unmapped = alarms = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for row, an in zip(rows, analyses, strict=True):
        wanted = mapping[row["SubType"]]
        events = an.events
        if not wanted:
            unmapped += 1
            alarms += any(e.modality == "asserted" for e in events)
            continue
        mapped += 1
        types = {e.type for e in events}
        top = max(events, key=lambda e: e.confidence).type if events else "NONE"
        hit += bool(types & wanted)
        best += top in wanted
        confusion[(row["SubType"], top)] += 1
    worst = [f"{a}->{b}: {n}" for (a, b), n in confusion.most_common() if b not in mapping[a]][:8]
    return {
        "n": len(rows), "mapped": mapped,
        "hit_rate": round(hit / mapped, 4) if mapped else 0.0,
        "best_accuracy": round(best / mapped, 4) if mapped else 0.0,
        "unmapped": unmapped,
        "false_alarm_rate": round(alarms / unmapped, 4) if unmapped else 0.0,
        "top_confusions": worst,
    }


def evaluate(split: str | None = None, data_dir: Path | None = None, model: str | None = None,
             limit: int | None = None, **_: Any) -> EvalReport:
    """Score newsgraph on CASE-2021 Task 2 through the ACLED -> PLOVER table."""
    from newsgraph.eval import default_data_dir
    from newsgraph.nlp.pipeline import analyze_batch

    rows = load_gold(data_dir or default_data_dir(), limit)
    articles = [Article(text=r["EventSnippet"], id=f"case2021-{r['id']}") for r in rows]
    results = analyze_batch(articles, model)
    analyses = [r if isinstance(r, Analysis) else Analysis(article=a) for r, a in zip(results, articles, strict=True)]
    report = EvalReport(name="case2021", split=split or "test-as-dev",
                        command="newsgraph eval case2021" + (f" --limit {limit}" if limit else ""))
    report.rows["newsgraph"] = score(rows, analyses)
    report.notes.append("ACLED -> PLOVER mapping: src/newsgraph/resources/acled_plover.tsv")
    report.notes.append("CASE-2021 is shared development material: numbers on it are not held-out")
    return report
