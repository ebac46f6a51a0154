"""Actor coding on the PLOVER gold records: the share of gold source/target actors whose country (and,
separately, sector) newsgraph gets right.

For each record the sentence is analysed alone; each gold actor's text is found in the sentence and the entity
covering it (`entity_at`) gives our country and sector. An actor we find no entity for counts as wrong.
Gold written in PLOVER 0.5b1 / CAMEO habits is read in today's terms before comparing (see `GOLD_CODES`);
sectors compare on their first three letters ("CVLalb" is CVL).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.errors import EvalDataError
from newsgraph.eval import EvalReport, default_data_dir
from newsgraph.model import Analysis, Article

__all__ = ["GOLD_CODES", "evaluate", "score_record"]

SPLITS = {"dev": "plover_gsr_dev.json"}

# CAMEO country codes that the 0.5b1 gold still uses, and the IGO umbrella that PLOVER later split into UNO/EUR.
GOLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_IGO_LIKE = {"IGO", "UNO", "EUR"}


def _same_country(ours: str | None, gold: str | None) -> bool:
    gold = GOLD_CODES.get(gold or "", gold)
    if ours is None or gold is None:
        return ours == gold
    return ours == gold or (gold == "IGO" and ours in _IGO_LIKE)


def _gold_actors(record: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for role in ("source", "target"):
        value = record.get(role) or []
        out += [a for a in value if isinstance(a, dict) and a.get("actorText")]
    return out


def score_record(record: dict[str, Any], entities: list, counts: Counter) -> None:
    """Add one record's actors to the counts: n, found, country_ok, n_sector, sector_ok."""
    from newsgraph.nlp.actors import entity_at

    text = record["text"]
    for actor in _gold_actors(record):
        counts["n"] += 1
        start = text.find(actor["actorText"])
        entity = entity_at(entities, start, start + len(actor["actorText"])) if start >= 0 else None
        counts["found"] += entity is not None
        counts["country_ok"] += _same_country(entity.country if entity else None, actor.get("code"))
        gold_sector = (actor.get("sector") or "")[:3]
        if gold_sector and gold_sector != "***":
            counts["n_sector"] += 1
            counts["sector_ok"] += bool(entity and entity.sector == gold_sector)


def evaluate(split: str | None = "dev", data_dir: Path | None = None, model: str | None = None,
             limit: int | None = None) -> EvalReport:
    """Country and sector accuracy over the gold actors of the PLOVER development records."""
    from newsgraph.nlp.actors import extract_entities
    from newsgraph.nlp.pipeline import load_pipeline

    split = split or "dev"
    if split not in SPLITS:
        raise EvalDataError(f"unknown PLOVER split {split!r}; only 'dev' is shared (the test half is held back)")
    path = (data_dir or default_data_dir()) / "plover_gsr" / SPLITS[split]
    if not path.is_file():
        raise EvalDataError(f"PLOVER gold file {str(path)!r} not found; set NEWSGRAPH_DATA or pass --data")
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text")]
    records = records[:limit] if limit else records
    nlp = load_pipeline(model)
    counts: Counter = Counter()
    began = time.perf_counter()
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        entities = extract_entities(doc, Analysis(article=Article(text=record["text"])))
        score_record(record, entities, counts)
    report = EvalReport(name="plover-actors", split=split)
    report.rows[f"newsgraph ({model or 'sm'})"] = {
        "actors": counts["n"],
        "found": round(counts["found"] / counts["n"], 4) if counts["n"] else 0.0,
        "country_accuracy": round(counts["country_ok"] / counts["n"], 4) if counts["n"] else 0.0,
        "sector_actors": counts["n_sector"],
        "sector_accuracy": round(counts["sector_ok"] / counts["n_sector"], 4) if counts["n_sector"] else 0.0,
        "seconds": round(time.perf_counter() - began, 1),
    }
    report.notes.append(f"{len(records)} records; gold codes read as {GOLD_CODES}, IGO matches UNO/EUR")
    report.command = "python -c 'from newsgraph.eval.actors import evaluate; print(evaluate().rows)'"
    return report
