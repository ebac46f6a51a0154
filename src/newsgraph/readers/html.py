"""HTML pages: the article body without navigation or boilerplate, with title, authors, date and site (trafilatura)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from newsgraph.errors import ReadError
from newsgraph.model import Article
from newsgraph.readers.dates import localize, parse_datetime
from newsgraph.readers.outlets import find_outlet
from newsgraph.readers.text import join_paragraphs

__all__ = ["read_html"]

_SPACE = re.compile(r"\s+")
_AUTHOR_SPLIT = re.compile(r"\s*;\s*")
# Ask htmldate for the time and offset too, not only the day.
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True}
_BLOCKS = {"p", "head", "quote", "list", "table", "code"}
# Where pages state their publication time with the clock and offset (htmldate often keeps only the day).
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created", "dc.date", "date",
)  # fmt: skip
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


def read_html(text: str, name: str = "<input>") -> Article:
    """The article in an HTML page; raises ReadError naming `name` when the page holds no article text."""
    tree = _parse(text, name)
    stated = _meta_date(tree)
    doc = _extract(tree, name)
    title = _clean(doc.title)
    blocks = _body_blocks(doc, title)
    if not blocks:
        raise _no_text(name)
    body, paragraphs = join_paragraphs(title, blocks)
    site = find_outlet(doc.sitename) or find_outlet(doc.hostname)
    outlet = site.name if site else (_clean(doc.sitename) or None)
    return Article(
        text=body,
        title=title,
        url=doc.url or None,
        outlet=outlet,
        authors=[a for a in _AUTHOR_SPLIT.split(doc.author or "") if a],
        published=localize(stated or parse_datetime(doc.date or ""), site.timezone if site else None),
        language="en",
        paragraphs=paragraphs,
        source=name,
    )


def _parse(text: str, name: str) -> Any:
    from trafilatura.utils import load_html  # imported on first use: slow to import, only HTML needs it

    try:
        tree = load_html(text)
    except Exception as err:  # lxml raises many kinds on broken markup
        raise ReadError(f"{name}: the HTML could not be parsed ({type(err).__name__}: {err}); check the file") from None
    if tree is None:
        raise _no_text(name)
    return tree


def _meta_date(tree: Any) -> datetime | None:
    """The publication time a page states in its meta tags or JSON-LD (htmldate's guess comes after these)."""
    stated: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _DATE_META and meta.get("content"):
            stated.setdefault(key, meta.get("content"))
    candidates = [stated[k] for k in _DATE_META if k in stated]
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            candidates += _JSONLD_DATE.findall(script.text)
    for value in candidates:
        if (found := parse_datetime(value)) is not None:
            return found
    return None


def _extract(tree: Any, name: str) -> Any:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as err:  # trafilatura and lxml raise many kinds on broken markup
        raise ReadError(f"{name}: the HTML could not be parsed ({type(err).__name__}: {err}); check the file") from None
    if doc is None:
        raise _no_text(name)
    return doc


def _no_text(name: str) -> ReadError:
    return ReadError(f"{name}: no article text found in the HTML page; check that it is an article, not an index page")


def _body_blocks(doc: Any, title: str | None) -> list[tuple[str, bool]]:
    blocks: list[tuple[str, bool]] = []
    if doc.body is not None:
        for element in doc.body:
            if element.tag not in _BLOCKS:
                continue
            text = _element_text(element)
            if text:
                blocks.append((text, element.tag == "head"))
    elif doc.text:
        blocks = [(_clean(line), False) for line in doc.text.split("\n") if _clean(line)]
    if blocks and title and blocks[0][1] and blocks[0][0].casefold() == title.casefold():
        blocks.pop(0)  # the page's own <h1> repeats the title
    while blocks and blocks[-1][1]:
        blocks.pop()  # a heading with nothing under it is a related-links label
    return blocks


def _element_text(element: Any) -> str:
    if element.tag == "list":
        items = [_clean(" ".join(item.itertext())) for item in element.iter("item")]
        return "\n".join(f"- {item}" for item in items if item)
    return _clean(" ".join(element.itertext()))


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()
