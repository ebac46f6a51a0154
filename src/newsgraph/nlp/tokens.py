"""Token-array helpers for the per-article path: find the few tokens worth a closer look from the doc's arrays,
without building a spaCy `Token` object for every word (that costs more than most of our rules)."""

from __future__ import annotations

import functools

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["matching", "with_text"]


def matching(doc: Doc, words: frozenset[str]) -> list[int]:
    """Indices, in order, of the tokens whose lemma or lowercased form is one of the lowercase `words` (a lemma
    may also be capitalised or upper case: proper nouns keep their case)."""
    found = _isin(doc.to_array([LEMMA, LOWER]).reshape(-1, 2), _ids(words, cased=True))
    return found.any(axis=1).nonzero()[0].tolist()


def with_text(doc: Doc, texts: frozenset[str]) -> list[int]:
    """Indices, in order, of the tokens whose exact text is one of `texts`."""
    return _isin(doc.to_array(ORTH), _ids(texts, cased=False)).nonzero()[0].tolist()


def _isin(array: numpy.ndarray, ids: numpy.ndarray) -> numpy.ndarray:
    """`numpy.isin` for a sorted `ids`: a binary search per token, no sorting of `ids` on each call."""
    if not len(ids):
        return numpy.zeros(array.shape, dtype=bool)
    return ids[numpy.searchsorted(ids, array).clip(max=len(ids) - 1)] == array


@functools.lru_cache(maxsize=64)
def _ids(words: frozenset[str], cased: bool) -> numpy.ndarray:
    """spaCy's string ids (hashes) of `words`, and of their capitalised and upper-case forms when `cased`."""
    forms = {v for w in words for v in (w, w.capitalize(), w.upper())} if cased else words
    return numpy.array(sorted(get_string_id(w) for w in forms), dtype=numpy.uint64)
