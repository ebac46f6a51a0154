"""PolNeAR (political news attribution relations, brat standoff): quote content spans and speakers.

Definitions, so the figures can be checked and reproduced:

- Gold: per article, the first annotator's `.ann` file (sorted by name); each attribution relation (E line) is one
  gold quote whose content is the union of its Content fragments (discontinuous spans kept) and whose speaker is
  its Source span(s). A gold quote is *direct* when its first content fragment, stripped, starts with a quotation mark.
- Ours: `Quote`s grouped by cue span (one cue makes one attribution, as in PolNeAR; an interrupted quote is two
  `Quote`s with one cue); a group is direct when all its quotes are.
- Match: a predicted and a gold quote match when their contents overlap by at least 50% of the shorter one
  (characters); pairs are taken greedily by overlap, one-to-one.
- Speaker correct (on matched pairs whose gold has a Source): the predicted speaker span overlaps a gold Source
  span, or a mention of the predicted speaker entity does.
- Rows "direct": direct predictions against direct gold; a direct prediction that matches a non-direct gold quote
  (a quoted fragment PolNeAR files under a mixed quote) is neither a hit nor a false alarm.
- Baseline: textacy's `direct_quotations`, run per paragraph (non-blank line); a paragraph where it raises
  counts as finding nothing, and the number of such paragraphs is reported.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import EvalDataError
from newsgraph.eval import EvalReport, prf
from newsgraph.model import Analysis, Article

__all__ = ["GoldQuote", "PredQuote", "read_ann", "load_split", "score", "evaluate"]

_MARKS = '"“”„«»‟\'‘’‚‹›'
_SPLITS = ("train", "dev", "test", "annotator-training")

Spans = list[tuple[int, int]]


@dataclass
class GoldQuote:
    """One PolNeAR attribution: content fragments and source spans."""

    content: Spans
    sources: Spans = field(default_factory=list)
    direct: bool = False


@dataclass
class PredQuote:
    """One predicted attribution (quotes sharing a cue merged): content fragments, speaker span and mentions."""

    content: Spans
    speaker: Spans = field(default_factory=list)
    direct: bool = False


def _spans(field_text: str) -> Spans:
    out = []
    for part in field_text.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def read_ann(path: Path, text: str) -> list[GoldQuote]:
    """The attributions of one brat `.ann` file."""
    spans: dict[str, tuple[str, Spans]] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 1:
            tid, middle, *_ = line.split("\t")
            label, _, offsets = middle.partition(" ")
            try:
                spans[tid] = (label, _spans(offsets))
            except ValueError:  # a malformed T line in the source data: skip it
                continue
        elif line.startswith("E") and line.count("\t") >= 1:
            relations.append([tuple(arg.split(":", 1)) for arg in line.split("\t")[1].split()])  # type: ignore[misc]
    out = []
    for args in relations:
        content = [s for role, tid in args if role.startswith("Content") and tid in spans for s in spans[tid][1]]
        sources = [s for role, tid in args if role == "Source" and tid in spans for s in spans[tid][1]]
        if not content:
            continue
        direct = text[slice(*min(content))].strip()[:1] in _MARKS
        out.append(GoldQuote(sorted(content), sources, direct))
    return out


def load_split(data_dir: Path, split: str, limit: int | None = None) -> list[tuple[str, str, list[GoldQuote]]]:
    """(name, text, gold quotes) for the articles of a split, in name order."""
    if split not in _SPLITS:
        raise EvalDataError(f"unknown PolNeAR split {split!r}; choose one of {', '.join(_SPLITS)}")
    root = data_dir / "polnear" / split
    if not (root / "text").is_dir():
        raise EvalDataError(f"PolNeAR split {split!r} not found under {str(root)!r}; "
                            f"the test split is held back: use dev")
    docs = []
    for text_path in sorted((root / "text").glob("*.txt"))[: limit or None]:
        anns = sorted((root / "attributions").glob(text_path.stem + "_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        docs.append((text_path.stem, text, read_ann(anns[0], text)))
    return docs


def _overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(x1, y1) - max(x0, y0)) for x0, x1 in a for y0, y1 in b)


def _length(a: Spans) -> int:
    return sum(e - s for s, e in a)


def _match(preds: list[PredQuote], golds: list[GoldQuote]) -> list[tuple[int, int]]:
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            ov = _overlap(p.content, g.content)
            if ov and ov >= 0.5 * min(_length(p.content), _length(g.content)):
                pairs.append((ov, i, j))
    used_p, used_g, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0
    with_source: int = 0
    speaker_ok: int = 0

    def row(self) -> dict[str, float]:
        out: dict[str, float] = dict(prf(self.tp, self.fp, self.fn))
        acc = self.speaker_ok / self.with_source if self.with_source else 0.0
        out.update(speaker_accuracy=round(acc, 4), tp=self.tp, fp=self.fp, fn=self.fn,
                   matched_with_source=self.with_source)
        if self.ignored:
            out["ignored"] = self.ignored
        return out


def score(preds: list[PredQuote], golds: list[GoldQuote], tally: _Tally, direct_only: bool = False) -> None:
    """Add one article's matches to `tally`."""
    if direct_only:
        others = [g for g in golds if not g.direct]
        dpreds = [p for p in preds if p.direct]
        clash = {i for i, _ in _match(dpreds, others)}
        tally.ignored += len(clash)
        preds = [p for i, p in enumerate(dpreds) if i not in clash]
        golds = [g for g in golds if g.direct]
    pairs = _match(preds, golds)
    tally.tp += len(pairs)
    tally.fp += len(preds) - len(pairs)
    tally.fn += len(golds) - len(pairs)
    for i, j in pairs:
        if golds[j].sources:
            tally.with_source += 1
            tally.speaker_ok += bool(_overlap(preds[i].speaker, golds[j].sources))


def _ours(analysis) -> list[PredQuote]:  # noqa: ANN001 - an Analysis
    groups: dict[object, PredQuote] = {}
    for quote in analysis.quotes:
        key = tuple(quote.cue_span) if quote.cue_span else quote.id
        pred = groups.get(key)
        if pred is None:
            speaker: Spans = []
            if quote.speaker_span:
                speaker.append(tuple(quote.speaker_span))  # type: ignore[arg-type]
            entity = analysis.entity(quote.speaker)
            if entity is not None:
                speaker.extend(tuple(m) for m in entity.mentions)  # type: ignore[misc]
            pred = groups[key] = PredQuote([], speaker, True)
        pred.content.append(tuple(quote.span))  # type: ignore[arg-type]
        pred.direct = pred.direct and quote.kind == "direct"
    return list(groups.values())


def _analyze(doc, article: Article):  # noqa: ANN001, ANN202 - Doc in, Analysis out
    """Only the layers quotes need (entities, then quotes): the scorer measures quotes, nothing else."""
    from newsgraph.nlp.pipeline import STEPS

    analysis = Analysis(article=article)
    for layer, step in STEPS:
        if layer in ("entities", "quotes"):
            setattr(analysis, layer, step(doc, analysis))
    return analysis


def _textacy(doc) -> tuple[list[PredQuote], int]:  # noqa: ANN001 - a spaCy Doc
    """textacy's direct quotations, per paragraph; returns predictions and the number of paragraphs it failed on."""
    from textacy.extract.triples import direct_quotations

    preds, errors, pos = [], 0, 0
    for line in doc.text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        try:
            triples = list(direct_quotations(span.as_doc()))
        except Exception:  # textacy raises on unbalanced marks: counted as misses
            errors += 1
            continue
        offset = span.start_char
        for t in triples:
            content = [(t.content.start_char + offset, t.content.end_char + offset)]
            speaker = [(tok.idx + offset, tok.idx + offset + len(tok.text)) for tok in t.speaker]
            preds.append(PredQuote(content, speaker, True))
    return preds, errors


def evaluate(split: str | None = "dev", data_dir: Path | None = None, model: str | None = None,
             limit: int | None = None, baseline: bool = True, **_: object) -> EvalReport:
    """Score newsgraph's quotes (and textacy's, as the peer baseline) on a PolNeAR split."""
    from newsgraph.eval import default_data_dir
    from newsgraph.nlp.pipeline import load_pipeline

    split = split or "dev"
    if baseline and importlib.util.find_spec("textacy") is None:
        raise EvalDataError("the textacy baseline is not installed; run `make eval-deps` (textacy is an optional "
                            "extra), or score newsgraph alone with baseline=False")
    docs = load_split(Path(data_dir or default_data_dir()), split, limit)
    if not docs:
        raise EvalDataError(f"no PolNeAR articles with annotations in split {split!r}")
    nlp = load_pipeline(model)
    tallies = {name: _Tally() for name in ("newsgraph direct", "newsgraph all", "textacy direct", "textacy all")}
    failures = textacy_errors = 0
    started = time.perf_counter()
    for (name, text, golds), doc in zip(docs, nlp.pipe(t for _, t, _ in docs), strict=True):
        try:
            ours = _ours(_analyze(doc, Article(text=text, id=name)))
        except Exception:  # noqa: BLE001 - one failing article is a miss, reported below
            failures += 1
            ours = []
        score(ours, golds, tallies["newsgraph direct"], direct_only=True)
        score(ours, golds, tallies["newsgraph all"])
        if baseline:
            theirs, errors = _textacy(doc)
            textacy_errors += errors
            score(theirs, golds, tallies["textacy direct"], direct_only=True)
            score(theirs, golds, tallies["textacy all"])
    report = EvalReport(name="polnear", split=split,
                        rows={k: v.row() for k, v in tallies.items() if baseline or k.startswith("newsgraph")})
    gold_n = sum(len(g) for _, _, g in docs)
    direct_n = sum(g.direct for _, _, gs in docs for g in gs)
    report.notes += [
        f"{len(docs)} articles, {gold_n} gold attributions ({direct_n} direct); model {model or 'default'}; "
        f"{time.perf_counter() - started:.0f}s",
        "match: content overlap >= 50% of the shorter span, one-to-one greedy; quotes sharing a cue count as one",
        "speaker correct: predicted speaker span or entity mention overlaps a gold Source span",
        f"newsgraph failed on {failures} articles; textacy raised on {textacy_errors} paragraphs (counted as misses)",
    ]
    report.command = (f"newsgraph eval polnear --split {split}" + (f" --limit {limit}" if limit else "")
                      + (f" --model {model}" if model else ""))
    return report


def _print(report: EvalReport) -> None:
    print(report.command)
    for system, row in report.rows.items():
        print(f"{system:18s} " + " ".join(f"{k}={v}" for k, v in row.items()))
    for note in report.notes:
        print("  " + note)


def _iter_args(argv: Iterable[str]) -> dict[str, str]:
    args = list(argv)
    return {args[i].lstrip("-"): args[i + 1] for i in range(0, len(args) - 1, 2)}


if __name__ == "__main__":
    import sys

    opts = _iter_args(sys.argv[1:])
    _print(evaluate(split=opts.get("split", "dev"), model=opts.get("model"),
                    limit=int(opts["limit"]) if "limit" in opts else None))
