"""TempEval-3 (TimeBank + AQUAINT, TimeML): DATE expressions found and normalised against the DCT.

For every gold TIMEX3 of type DATE (the creation time excluded) we score span precision/recall/F1, strict
(same characters) and relaxed (overlap), and value accuracy on the DATE expressions matched by overlap.
Predictions overlapping a gold TIME, DURATION or SET are left out of the DATE counts (neither right nor
wrong: they are another task). Our `(start, end, granularity)` becomes a TimeML value by `timeml_value`;
both values are compared after dropping unspecified parts ("1998-XX-XX" = "1998", "199X" = "199") and
times of day ("1998-01-07TNI" = "1998-01-07"). The same run scores dateparser's `search_dates` alone
(RELATIVE_BASE = DCT), its values formatted at the period dateparser reports.
"""

from __future__ import annotations

import functools
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from newsgraph.errors import EvalDataError
from newsgraph.eval import EvalReport, prf
from newsgraph.model import Analysis, Article, DateRef

__all__ = ["evaluate", "timeml_value", "load_documents", "TimeMLDoc"]

_SPLITS = {"train": ("TimeBank", "AQUAINT"), "timebank": ("TimeBank",), "aquaint": ("AQUAINT",)}
_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


@dataclass
class Timex:
    span: tuple[int, int]
    type: str
    value: str
    text: str


@dataclass
class TimeMLDoc:
    """One TimeML document: its plain text, creation date and gold TIMEX3s (DCT excluded)."""

    name: str
    text: str
    dct: date
    timexes: list[Timex] = field(default_factory=list)


def timeml_value(start: str | None, end: str | None, granularity: str | None) -> str | None:
    """The TimeML value of one of our normalised dates ("2022-W51", "2022-Q4", "PRESENT_REF", ...)."""
    if granularity is None:
        if start and end:
            return "PRESENT_REF"
        if end:
            return "PAST_REF"
        if start:
            return "FUTURE_REF"
        return None
    if start is None:
        return None
    d = date.fromisoformat(start)
    if granularity == "day":
        return d.isoformat()
    if granularity == "week":
        y, w, _ = d.isocalendar()
        weekend = end is not None and d.weekday() == 5 and date.fromisoformat(end) != d
        return f"{y}-W{w:02d}" + ("-WE" if weekend else "")
    if granularity == "month":
        return f"{d.year}-{d.month:02d}"
    if granularity == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if granularity == "season":
        month = d.month if d.month in _SEASON_CODES else (d.month - 1) // 3 * 3 or 12
        return f"{d.year}-{_SEASON_CODES.get(month, 'XX')}"
    if granularity == "decade":
        return str(d.year)[:3]
    return str(d.year)


def _comparable(value: str | None) -> str:
    """Drop unspecified parts and times of day, so that equal meanings compare equal."""
    v = (value or "").upper().split("T")[0] if value and value[:1].isdigit() else (value or "").upper()
    while v.endswith("-XX"):
        v = v[:-3]
    v = re.sub(r"-W0(\d)", r"-W\1", v)
    return v.rstrip("X")


def load_documents(data_dir: Path, split: str, limit: int | None = None) -> list[TimeMLDoc]:
    """The TimeML documents of a split (`train` = TimeBank + AQUAINT; `timebank`, `aquaint`)."""
    if split not in _SPLITS:
        raise EvalDataError(f"unknown tempeval3 split {split!r}; choose one of {', '.join(_SPLITS)} "
                            "(the platinum test set is held back)")
    root = data_dir / "tempeval3" / "TBAQ-cleaned"
    paths = [p for part in _SPLITS[split] for p in sorted((root / part).glob("*.tml"))]
    if not paths:
        raise EvalDataError(f"no .tml files under {str(root)!r}; point --data at the folder holding tempeval3/")
    return [_read(p) for p in paths[:limit]]


def _read(path: Path) -> TimeMLDoc:
    tree = ET.parse(path).getroot()
    dct_value = tree.find("DCT/TIMEX3").get("value", "")
    dct = date.fromisoformat(dct_value[:10])
    parts: list[str] = []
    timexes: list[Timex] = []
    _walk(tree.find("TEXT"), parts, timexes, top=True)
    return TimeMLDoc(name=path.stem, text="".join(parts), dct=dct, timexes=timexes)


def _walk(elem: ET.Element, parts: list[str], timexes: list[Timex], top: bool = False) -> None:
    start = sum(len(p) for p in parts)
    parts.append(elem.text or "")
    for child in elem:
        _walk(child, parts, timexes)
        parts.append(child.tail or "")
    if elem.tag == "TIMEX3" and not top:
        end = sum(len(p) for p in parts)
        text = "".join(parts)[start:end]
        timexes.append(Timex((start, end), elem.get("type", ""), elem.get("value", ""), text))


# ---------------------------------------------------------------------------- systems


def _ours(docs: list[TimeMLDoc], model: str | None) -> list[list[tuple[tuple[int, int], str | None]]]:
    from newsgraph.nlp.dates import extract_dates
    from newsgraph.nlp.pipeline import load_pipeline

    nlp = load_pipeline(model)
    out = []
    for tdoc, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        published = datetime(tdoc.dct.year, tdoc.dct.month, tdoc.dct.day)
        refs: list[DateRef] = extract_dates(doc, Analysis(article=Article(text=tdoc.text, published=published)))
        out.append([(r.span, timeml_value(r.start, r.end, r.granularity)) for r in refs])
    return out


@functools.cache
def _period_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"])


def _dateparser(docs: list[TimeMLDoc]) -> list[list[tuple[tuple[int, int], str | None]]]:
    from dateparser.search import search_dates

    out = []
    for tdoc in docs:
        base = datetime(tdoc.dct.year, tdoc.dct.month, tdoc.dct.day)
        found = search_dates(tdoc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        out.append(list(_locate(tdoc.text, found)))
    return out


def _locate(text: str, found: list[tuple[str, datetime]]) -> Iterable[tuple[tuple[int, int], str]]:
    """Spans of search_dates' substrings, in order, with values at dateparser's own period."""
    pos = 0
    parser = _period_parser()  # only its period is used; the value is search_dates' own
    for phrase, when in found:
        i = text.find(phrase, pos)
        if i < 0:
            continue
        pos = i + len(phrase)
        data = parser.get_date_data(phrase)
        period = (data.period if data else None) or "day"
        d = when.date()
        value = {"year": f"{d.year}", "month": f"{d.year}-{d.month:02d}"}.get(period)
        if period == "week":
            y, w, _ = d.isocalendar()
            value = f"{y}-W{w:02d}"
        yield (i, i + len(phrase)), value or d.isoformat()


# ---------------------------------------------------------------------------- scoring


def _score(docs: list[TimeMLDoc], predictions: list[list[tuple[tuple[int, int], str | None]]]) -> dict:
    c = {"strict_tp": 0, "relaxed_tp": 0, "pred": 0, "gold": 0, "value_ok": 0, "matched": 0}
    for tdoc, preds in zip(docs, predictions, strict=True):
        gold = [t for t in tdoc.timexes if t.type == "DATE"]
        other = [t for t in tdoc.timexes if t.type != "DATE"]
        preds = [p for p in preds if not any(_overlap(p[0], t.span) for t in other)
                 or any(_overlap(p[0], g.span) for g in gold)]
        c["gold"] += len(gold)
        c["pred"] += len(preds)
        for g in gold:
            hits = [p for p in preds if _overlap(p[0], g.span)]
            if not hits:
                continue
            c["relaxed_tp"] += 1
            c["strict_tp"] += any(p[0] == g.span for p in hits)
            best = next((p for p in hits if p[0] == g.span), hits[0])
            c["matched"] += 1
            c["value_ok"] += _comparable(best[1]) == _comparable(g.value)
    return c


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _row(c: dict, seconds: float) -> dict:
    strict = prf(c["strict_tp"], c["pred"] - c["strict_tp"], c["gold"] - c["strict_tp"])
    relaxed = prf(c["relaxed_tp"], max(0, c["pred"] - c["relaxed_tp"]), c["gold"] - c["relaxed_tp"])
    return {
        "strict_p": strict["precision"], "strict_r": strict["recall"], "strict_f1": strict["f1"],
        "relaxed_p": relaxed["precision"], "relaxed_r": relaxed["recall"], "relaxed_f1": relaxed["f1"],
        "value_acc": round(c["value_ok"] / c["matched"], 4) if c["matched"] else 0.0,
        "matched": c["matched"], "gold": c["gold"], "predicted": c["pred"], "seconds": round(seconds, 1),
    }


def evaluate(split: str | None = "train", data_dir: Path | None = None, model: str | None = None,
             limit: int | None = None, baseline: bool = True, **_: object) -> EvalReport:
    """Score our dates and dateparser's `search_dates` on TempEval-3 DATE expressions."""
    from newsgraph.eval import default_data_dir

    split = split or "train"
    docs = load_documents(Path(data_dir or default_data_dir()), split, limit)
    report = EvalReport(name="tempeval3", split=split,
                        command=f"newsgraph eval tempeval3 --split {split}" + (f" --limit {limit}" if limit else ""))
    t = time.perf_counter()
    report.rows["newsgraph"] = _row(_score(docs, _ours(docs, model)), time.perf_counter() - t)
    if baseline:
        t = time.perf_counter()
        report.rows["dateparser.search_dates"] = _row(_score(docs, _dateparser(docs)), time.perf_counter() - t)
    report.notes.append(f"{len(docs)} documents; DATE timexes only (DCT excluded); value accuracy on "
                        "overlap-matched DATEs, values compared without unspecified parts and times of day")
    return report


def _debug_pairs(docs: list[TimeMLDoc], predictions: list) -> Iterable[tuple[str, str, str | None, str]]:
    """(document, gold text, our value, gold value) for every matched DATE whose value differs."""
    for tdoc, preds in zip(docs, predictions, strict=True):
        for g in (t for t in tdoc.timexes if t.type == "DATE"):
            hits = [p for p in preds if _overlap(p[0], g.span)]
            if hits and _comparable(hits[0][1]) != _comparable(g.value):
                yield tdoc.name, g.text, hits[0][1], g.value


