"""Within-document coreference on MEANTIME (English, intra-document files): B³ over gold mentions.

Each article's text is rebuilt from its tokens (one space between tokens, one line per sentence) and analysed;
gold chains are the mentions that REFERS_TO one ENTITY instance of type PER, ORG or LOC. A gold mention is
matched to the newsgraph entity with a mention that overlaps it and covers its last token (the head, for
names); an unmatched gold mention is a singleton. B³ precision and recall are averaged over gold mentions
(the response restricted to key mentions). Rows: all PER/ORG/LOC mentions and named (NAM) ones only, for
newsgraph and for a baseline that groups the same mentions by exact text (what a first pass would do).
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import EvalDataError
from newsgraph.eval import EvalReport, default_data_dir
from newsgraph.model import Analysis, Article, Entity

__all__ = ["GoldDoc", "read_meantime", "b_cubed", "evaluate"]

TYPES = {"PER", "ORG", "LOC"}


@dataclass
class GoldDoc:
    """One article: its rebuilt text and its gold mentions (char span, chain id, syntactic type)."""

    doc_id: str
    text: str
    mentions: list[tuple[tuple[int, int], str, str]]


def read_meantime(path: Path) -> GoldDoc:
    """The text and PER/ORG/LOC gold mentions of one MEANTIME CAT XML file."""
    root = ET.parse(path).getroot()
    offsets, text = _rebuild_text(root)
    markables = root.find("Markables")
    mention_tokens: dict[str, tuple[list[str], str]] = {}
    instances: dict[str, str] = {}
    for node in markables if markables is not None else []:
        if node.tag == "ENTITY_MENTION":
            anchors = [a.get("t_id") for a in node.findall("token_anchor")]
            mention_tokens[node.get("m_id")] = (anchors, node.get("syntactic_type") or "")
        elif node.tag == "ENTITY" and node.get("ent_type") in TYPES:
            instances[node.get("m_id")] = node.get("ent_type")
    mentions = []
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        chain = target.get("m_id") if target is not None else None
        if chain not in instances:
            continue
        for source in rel.findall("source"):
            tokens, syntactic = mention_tokens.get(source.get("m_id"), ([], ""))
            spans = [offsets[t] for t in tokens if t in offsets]
            if spans:
                mentions.append(((min(s for s, _ in spans), max(e for _, e in spans)), chain, syntactic))
    return GoldDoc(root.get("doc_id", path.stem), text, mentions)


def _rebuild_text(root: ET.Element) -> tuple[dict[str, tuple[int, int]], str]:
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    position, sentence = 0, None
    for token in root.iter("token"):
        if parts:
            sep = "\n" if token.get("sentence") != sentence else " "
            parts.append(sep)
            position += 1
        sentence = token.get("sentence")
        word = token.text or ""
        offsets[token.get("t_id")] = (position, position + len(word))
        parts.append(word)
        position += len(word)
    return offsets, "".join(parts)


def _system_of(gold: GoldDoc, entities: list[Entity]) -> list[str | None]:
    """For each gold mention, the id of the entity whose mention overlaps it and covers its last character."""
    out: list[str | None] = []
    for (start, end), _, _ in gold.mentions:
        best, best_overlap = None, 0
        for entity in entities:
            for m_start, m_end in entity.mentions:
                overlap = min(end, m_end) - max(start, m_start)
                if overlap > best_overlap and m_start < end <= m_end:
                    best, best_overlap = entity.id, overlap
        out.append(best)
    return out


def b_cubed(gold_chains: list[str], system: list[str | None]) -> tuple[float, float, int]:
    """Summed B³ precision and recall over mentions (unmatched mentions are singletons), and the count."""
    p_sum = r_sum = 0.0
    for i, chain in enumerate(gold_chains):
        same_gold = {j for j, c in enumerate(gold_chains) if c == chain}
        same_sys = {i} if system[i] is None else {j for j, s in enumerate(system) if s == system[i]}
        both = len(same_gold & same_sys)
        p_sum += both / len(same_sys)
        r_sum += both / len(same_gold)
    return p_sum, r_sum, len(gold_chains)


def _by_text(entities: list[Entity], text: str) -> list[Entity]:
    """The baseline: the same mentions, grouped by their exact text."""
    groups: dict[str, Entity] = {}
    for entity in entities:
        for start, end in entity.mentions:
            key = text[start:end]
            groups.setdefault(key, Entity(id=f"t{len(groups)}", name=key, type=entity.type)).mentions.append(
                (start, end))
    return list(groups.values())


def _files(data_dir: Path) -> Iterator[Path]:
    folder = data_dir / "meantime_en" / "intra-doc_annotation"
    if not folder.is_dir():
        raise EvalDataError(f"MEANTIME folder {str(folder)!r} not found; set NEWSGRAPH_DATA or pass --data")
    yield from sorted(folder.glob("*/*.xml"))


def evaluate(split: str | None = None, data_dir: Path | None = None, model: str | None = None,
             limit: int | None = None) -> EvalReport:
    """B³ coreference F1 of newsgraph's entities on MEANTIME English (all 120 articles; no split)."""
    from newsgraph.nlp.actors import extract_entities
    from newsgraph.nlp.pipeline import load_pipeline

    paths = list(_files(data_dir or default_data_dir()))
    paths = paths[:limit] if limit else paths
    golds = [read_meantime(p) for p in paths]
    nlp = load_pipeline(model)
    sums: dict[str, list[float]] = {}
    began = time.perf_counter()
    for gold, doc in zip(golds, nlp.pipe(g.text for g in golds), strict=True):
        entities = extract_entities(doc, Analysis(article=Article(text=gold.text)))
        for system_name, ents in (("newsgraph", entities), ("exact text", _by_text(entities, gold.text))):
            system = _system_of(gold, ents)
            for scope, keep in (("all", lambda m: True), ("named", lambda m: m[2] == "NAM")):
                idx = [i for i, m in enumerate(gold.mentions) if keep(m)]
                p, r, n = b_cubed([gold.mentions[i][1] for i in idx], [system[i] for i in idx])
                acc = sums.setdefault(f"{system_name} ({model or 'sm'}), {scope} mentions", [0.0, 0.0, 0])
                acc[0] += p
                acc[1] += r
                acc[2] += n
    report = EvalReport(name="meantime", split=split)
    for name, (p_sum, r_sum, n) in sums.items():
        p, r = (p_sum / n, r_sum / n) if n else (0.0, 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        report.rows[name] = {"b3_precision": round(p, 4), "b3_recall": round(r, 4), "b3_f1": round(f, 4),
                             "mentions": int(n)}
    report.notes.append(f"{len(golds)} articles, {time.perf_counter() - began:.1f}s; PER/ORG/LOC chains; "
                        "B³ over gold mentions, unmatched gold mentions are singletons")
    report.command = "python -c 'from newsgraph.eval.meantime import evaluate; print(evaluate().rows)'"
    return report
