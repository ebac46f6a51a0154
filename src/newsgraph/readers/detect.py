"""Which reader an input needs (by extension, then by content) and whether its text is English."""

from __future__ import annotations

import re
from pathlib import PurePath

from newsgraph.errors import NotEnglishError, UnsupportedFormatError

__all__ = ["FORMATS", "EXTENSIONS", "check_format", "detect_format", "sniff_format", "english_ratio", "check_english"]

FORMATS = ("auto", "text", "html", "jsonl", "feed", "reuters")

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".sgm": "reuters", ".sgml": "reuters",
}  # fmt: skip

_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|h1|title|meta)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

# The most frequent English function words: they make up 40-50% of running English news text and
# rarely more than a few percent of German, French or Spanish text.
_STOPWORDS = frozenset(
    """a about above after against all also an and any are as at be been before being between both but by can
    could did do does during each few for from had has have he her here him his how i if in into is it its just
    may me more most my no not now of on only or other our out over said says she should so some such than that
    the their them then there these they this those through to too under up very was we were what when where which
    while who whom why will with would you your""".split()
)
_MIN_WORDS = 25  # below this a ratio says nothing
_MIN_RATIO = 0.10


def check_format(format: str) -> str:
    """`format` if it is one of FORMATS; raises UnsupportedFormatError otherwise."""
    if format not in FORMATS:
        raise UnsupportedFormatError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    return format


def detect_format(name: str, head: str, format: str = "auto") -> str:
    """The reader for input `name` whose text starts with `head`: the explicit `format`, the extension, the content."""
    if check_format(format) != "auto":
        return format
    by_extension = EXTENSIONS.get(PurePath(name).suffix.lower())
    if by_extension is None:
        return sniff_format(head)
    if by_extension == "feed" and sniff_format(head) == "html":
        return "html"  # an .xml file holding XHTML
    return by_extension


def sniff_format(head: str) -> str:
    """The format the start of a text looks like: reuters, feed, html, jsonl or text."""
    start = head.lstrip("\ufeff \t\n")[:4096]
    if start.startswith("<"):
        if start.startswith("<!DOCTYPE lewis") or start.startswith("<REUTERS"):
            return "reuters"
        if _FEED.search(start):
            return "feed"
        if _HTML.search(start):
            return "html"
        return "feed" if start.startswith("<?xml") else "html"
    if start.startswith(("{", "[")):
        return "jsonl"
    return "text"


def english_ratio(text: str, limit: int = 2000) -> tuple[float, int]:
    """The share of common English function words among the first `limit` words, and how many words were seen."""
    words = _WORD.findall(text[: limit * 12])[:limit]
    if not words:
        return 0.0, 0
    hits = sum(1 for w in words if w.lower() in _STOPWORDS)
    return hits / len(words), len(words)


def check_english(text: str, name: str) -> None:
    """Raise NotEnglishError naming `name` when `text` is long enough to tell and is not English."""
    ratio, count = english_ratio(text)
    if count >= _MIN_WORDS and ratio < _MIN_RATIO:
        raise NotEnglishError(
            f"{name}: the text does not look English ({ratio:.0%} English function words in {count}); "
            "newsgraph reads English articles only, so this one is skipped"
        )
