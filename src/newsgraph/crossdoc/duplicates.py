"""Duplicate and near-duplicate articles (wire copies, updated versions) by MinHash/LSH over word shingles.

Texts are normalised (Unicode NFKC, case-folded, punctuation dropped) and cut into overlapping 5-word shingles; a
MinHash signature of 128 permutations (fixed seed, so signatures are stable across runs and machines) estimates the
Jaccard similarity of two shingle sets, and an LSH index finds the candidate pairs without comparing all pairs.
A candidate pair is kept when its estimated Jaccard similarity reaches the threshold (0.8 by default). Pairs are joined
into groups; in each group the original is the earliest published article, then the lowest id, and every other member
is reported as a duplicate of it. Duplicates are kept for provenance; counts use the originals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import numpy as np

__all__ = [
    "NUM_PERM",
    "SHINGLE_WORDS",
    "normalise_text",
    "shingles",
    "signature",
    "similarity",
    "find_duplicates",
]

NUM_PERM = 128
SHINGLE_WORDS = 5
_SEED = 1
_WORD = re.compile(r"\w+")

Item = tuple[str, Any] | tuple[str, Any, Any]  # (article id, text or signature bytes[, published])


def normalise_text(text: str) -> str:
    """Case-folded words of the text separated by single spaces: what duplicates are compared on."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """The overlapping k-word shingles of the normalised text (the whole text when it is shorter than k words)."""
    words = normalise_text(text).split()
    if len(words) <= k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> bytes:
    """The MinHash signature of a text as bytes (little-endian uint32, `num_perm` values); fit for a BLOB column."""
    from datasketch import MinHash

    mh = MinHash(num_perm=num_perm, seed=_SEED)
    mh.update_batch(list(shingles(text)))
    return mh.hashvalues.astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


def find_duplicates(items: Iterable[Item], threshold: float = 0.8) -> list[tuple[str, str]]:
    """`(duplicate id, original id)` pairs among articles given as `(id, text or signature[, published])`.

    The original of a group is the earliest published article, then the lowest id; the output is sorted, so the
    same input always gives the same pairs.
    """
    from datasketch import MinHashLSH

    signatures: dict[str, bytes] = {}
    published: dict[str, float] = {}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    parent: dict[str, str] = {}
    for item in items:
        article_id, content = item[0], item[1]
        if article_id in signatures:
            continue
        sig = content if isinstance(content, bytes) else signature(content)
        signatures[article_id] = sig
        published[article_id] = _timestamp(item[2] if len(item) > 2 else None)
        hashes = np.frombuffer(sig, "<u4").astype(np.uint64)
        for other in lsh.query(_Lean(hashes)):
            if similarity(sig, signatures[other]) >= threshold:
                _union(parent, article_id, other)
        lsh.insert(article_id, _Lean(hashes))
    return _pairs(parent, published)


class _Lean:
    """The two attributes `MinHashLSH` reads from a MinHash, without rebuilding one per article."""

    def __init__(self, hashvalues: np.ndarray) -> None:
        self.hashvalues = hashvalues

    def __len__(self) -> int:
        return len(self.hashvalues)


def _timestamp(value: Any) -> float:
    if value is None or value == "":
        return float("inf")
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return float("inf")
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()
    return float(value)


def _find(parent: dict[str, str], x: str) -> str:
    while parent.get(x, x) != x:
        parent[x] = parent.get(parent[x], parent[x])
        x = parent[x]
    return x


def _union(parent: dict[str, str], a: str, b: str) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _pairs(parent: dict[str, str], published: dict[str, float]) -> list[tuple[str, str]]:
    groups: dict[str, list[str]] = {}
    for member in parent:
        groups.setdefault(_find(parent, member), []).append(member)
    for root in list(groups):
        groups[root].append(root)
    pairs = []
    for members in groups.values():
        original = min(set(members), key=lambda m: (published[m], m))
        pairs.extend((m, original) for m in sorted(set(members)) if m != original)
    return sorted(pairs)
