"""PLOVER GSR scorer: event type, source and target country, sentence by sentence.

Gold: `plover_gsr/plover_gsr_dev.json` (CAMEO manual examples recoded in PLOVER 0.5b1; the test half is
held back). Each sentence is analysed as its own article (published on the record's date). Our "best" event
for the sentence is the one with the highest confidence (main-clause events score higher); a sentence with
no event counts as wrong. Source accuracy: the best event's source countries meet the gold source codes.
Target accuracy (over sentences with a gold target): its target countries meet the gold target codes; for a
reciprocal event with no target, its other actors stand in. Category names are mapped to PLOVER 0.8 as the
README says: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE (mode investigate), FIGHT -> ASSAULT.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgraph.errors import EvalDataError
from newsgraph.eval import EvalReport, prf
from newsgraph.eval.actors import GOLD_CODES
from newsgraph.model import Analysis, Article, Event

__all__ = ["GSR_TO_V08", "load_gold", "best_event", "score", "evaluate"]

GSR_TO_V08 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_FILES = {"dev": "plover_gsr_dev.json"}
# Codes compared as one: the GSR (PLOVER 0.5b1, CAMEO heritage) writes IGO for UN bodies and old CAMEO codes
# (JAP, ITL, VTN) for some states, where PLOVER 0.8 and our actors layer write UNO/EUR and ISO codes.
_SAME_CODE = {"UNO": "IGO", "EUR": "IGO", **GOLD_CODES}


def load_gold(data_dir: Path, split: str = "dev") -> list[dict[str, Any]]:
    """The gold records of a split, with `event` mapped to PLOVER 0.8."""
    if split not in _FILES:
        raise EvalDataError(f"PLOVER GSR split {split!r} is not available; choose one of {sorted(_FILES)} "
                            f"(the test half is held back)")
    path = Path(data_dir) / "plover_gsr" / _FILES[split]
    if not path.is_file():
        raise EvalDataError(f"PLOVER GSR file {str(path)!r} not found; set NEWSGRAPH_DATA or pass --data")
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text") and r.get("event")]
    for r in records:
        r["gold_type"] = GSR_TO_V08.get(r["event"], r["event"])
    return records


def best_event(analysis: Analysis) -> Event | None:
    """The event that best stands for the sentence: highest confidence, first on ties."""
    if not analysis.events:
        return None
    return max(analysis.events, key=lambda e: (e.confidence, -e.evidence.trigger_span[0]))


def _countries(analysis: Analysis, ids: list[str]) -> set[str]:
    codes = {e.country for i in ids if (e := analysis.entity(i)) is not None and e.country}
    return {_SAME_CODE.get(c, c) for c in codes}


def _codes(actors: list[dict[str, Any]] | None) -> set[str]:
    return {_SAME_CODE.get(a["code"], a["code"]) for a in actors or [] if a.get("code")}


def score(records: list[dict[str, Any]], analyses: list[Analysis]) -> dict[str, Any]:
    """Type accuracy, macro-F1 and country accuracies of analyses against their gold records."""
    tp, fp, fn = Counter(), Counter(), Counter()
    right = src_ok = src_n = tgt_ok = tgt_n = 0
    for rec, an in zip(records, analyses, strict=True):
        gold, ev = rec["gold_type"], best_event(an)
        pred = ev.type if ev else None
        if pred == gold:
            right += 1
            tp[gold] += 1
        else:
            fn[gold] += 1
            if pred:
                fp[pred] += 1
        if _codes(rec.get("source")):
            src_n += 1
            src_ok += bool(ev and _countries(an, ev.source) & _codes(rec["source"]))
        if _codes(rec.get("target")):
            tgt_n += 1
            ids = (ev.target or ev.source[1:]) if ev else []
            tgt_ok += bool(ev and _countries(an, ids) & _codes(rec["target"]))
    classes = sorted(set(tp) | set(fn))
    per = {c: prf(tp[c], fp[c], fn[c]) for c in classes}
    n = len(records)
    return {
        "n": n,
        "type_accuracy": round(right / n, 4) if n else 0.0,
        "type_macro_f1": round(sum(p["f1"] for p in per.values()) / len(per), 4) if per else 0.0,
        "source_country_accuracy": round(src_ok / src_n, 4) if src_n else 0.0,
        "target_country_accuracy": round(tgt_ok / tgt_n, 4) if tgt_n else 0.0,
        "no_event": sum(1 for an in analyses if not an.events),
        "per_type": per,
    }


def _majority(records: list[dict[str, Any]]) -> dict[str, Any]:
    top, count = Counter(r["gold_type"] for r in records).most_common(1)[0]
    return {"n": len(records), "type_accuracy": round(count / len(records), 4), "predicts": top}


def evaluate(split: str | None = "dev", data_dir: Path | None = None, model: str | None = None,
             limit: int | None = None, **_: Any) -> EvalReport:
    """Score newsgraph's event coder on PLOVER GSR (`split` dev; test is held back)."""
    from newsgraph.eval import default_data_dir
    from newsgraph.nlp.pipeline import analyze_batch

    split = split or "dev"
    records = load_gold(data_dir or default_data_dir(), split)
    if limit and limit < len(records):  # the file is sorted by category: sample, keeping file order
        keep = set(random.Random(0).sample(range(len(records)), limit))
        records = [r for i, r in enumerate(records) if i in keep]
    articles = [Article(text=r["text"], id=r["id"],
                        published=datetime.fromisoformat(r.get("date") or "2000-01-01").replace(tzinfo=UTC))
                for r in records]
    results = analyze_batch(articles, model)
    analyses = [r if isinstance(r, Analysis) else Analysis(article=a) for r, a in zip(results, articles, strict=True)]
    report = EvalReport(name="plover", split=split,
                        command=f"newsgraph eval plover --split {split}" + (f" --limit {limit}" if limit else ""))
    report.rows["newsgraph"] = score(records, analyses)
    report.rows["majority-class"] = _majority(records)
    report.notes.append("PLOVER 0.5b1 names mapped: " + ", ".join(f"{k}->{v}" for k, v in GSR_TO_V08.items()))
    report.notes.append("best event = highest confidence; no event counts as wrong; countries from the actors layer")
    return report
