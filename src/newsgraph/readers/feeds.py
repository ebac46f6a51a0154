"""RSS and Atom feeds: one article per entry (feedparser), HTML in summaries reduced to text."""

from __future__ import annotations

import html as html_lib
import io
import re
from datetime import UTC, datetime
from typing import Any

from newsgraph.errors import EmptyInputError, ReadError
from newsgraph.model import Article, Paragraph
from newsgraph.readers.dates import localize, parse_datetime
from newsgraph.readers.outlets import find_outlet

__all__ = ["read_feed", "html_to_paragraphs"]

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|tr|section|article)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_SPACE = re.compile(r"\s+")


def read_feed(data: bytes, name: str = "<input>") -> list[Article]:
    """One article per entry of the RSS/Atom feed in `data` (raw bytes: the feed declares its own encoding)."""
    import feedparser  # imported on first use: only feeds need it

    try:
        # A file object, never a string: feedparser would fetch a string that looks like a URL.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as err:  # feedparser wraps most errors in `bozo`, but not all
        raise ReadError(f"{name}: the feed could not be parsed ({type(err).__name__}: {err}); check the file") from None
    if not parsed.entries:
        if parsed.get("bozo"):
            why = parsed.get("bozo_exception")
            raise ReadError(f"{name}: not a readable RSS/Atom feed ({why}); check the file or pass --format")
        raise EmptyInputError(f"{name}: the feed has no entries")
    site = parsed.feed.get("title")
    known = find_outlet(site)
    outlet = known.name if known else (_SPACE.sub(" ", site).strip() if site else None)
    zone = known.timezone if known else None
    articles = [a for a in (_entry(e, outlet, zone, name) for e in parsed.entries) if a is not None]
    if not articles:
        raise EmptyInputError(f"{name}: the feed's entries hold neither titles nor text")
    return articles


def _entry(entry: Any, outlet: str | None, zone: str | None, name: str) -> Article | None:
    title = _SPACE.sub(" ", entry.get("title") or "").strip() or None
    content = entry.get("content") or []
    raw = content[0].get("value", "") if content else entry.get("summary", "")
    blocks = html_to_paragraphs(raw or "")
    items = ([title] if title else []) + blocks
    if not items:
        return None
    spans, offset = [], 0
    for text in items:
        spans.append((offset, offset + len(text)))
        offset += len(text) + 2
    paragraphs = [Paragraph(span=s, heading=bool(title) and i == 0) for i, s in enumerate(spans)]
    return Article(
        text="\n\n".join(items),
        title=title,
        url=entry.get("link") or None,
        outlet=outlet,
        authors=_authors(entry),
        published=localize(_published(entry), zone),
        language="en",
        paragraphs=paragraphs,
        source=name,
    )


def _authors(entry: Any) -> list[str]:
    names = [a.get("name", "").strip() for a in entry.get("authors") or [] if isinstance(a, dict)]
    names = [n for n in names if n]
    if not names and entry.get("author"):
        names = [entry["author"].strip()]
    return names


def _published(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        if entry.get(key) and (found := parse_datetime(entry[key])) is not None:
            return found
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime(*parsed[:6], tzinfo=UTC)  # feedparser normalises to UTC
            except (TypeError, ValueError):
                continue
    return None


def html_to_paragraphs(fragment: str) -> list[str]:
    """The text paragraphs of an HTML fragment (a feed summary), tags removed and entities decoded."""
    text = _BREAK.sub("\n", fragment)
    text = _BLOCK_END.sub("\n\n", text)
    text = html_lib.unescape(_TAG.sub(" ", text))
    blocks = (_SPACE.sub(" ", block).strip() for block in _PARAGRAPH_SPLIT.split(text))
    return [b for b in blocks if b]
