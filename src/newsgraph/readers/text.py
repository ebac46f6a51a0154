"""Plain-text articles: title, status line, teaser, byline, body with headings, and the footer dropped.

The layout is the one broadcasters' and agencies' text exports share (see DESIGN.md): a title line, a
`Status:`/`Updated:` line with the publication time, an optional teaser, a `By NAME, OUTLET, for OUTLET`
byline, body paragraphs separated by blank lines with short heading lines between them, and a trailer
(repeated headline, `NAME, OUTLET, date` credit line, link labels) that is not part of the story.
Text with none of this reads as title line plus body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from newsgraph.model import Article, Paragraph
from newsgraph.readers.dates import STATUS_LABEL, localize, parse_datetime
from newsgraph.readers.outlets import find_outlet

__all__ = ["Byline", "parse_byline", "parse_status", "read_text"]

_HEADER_BLOCKS = 6  # status line and byline are looked for this far into the article
_FOOTER_BLOCKS = 5  # the trailer is looked for this far from the end
_BLANK = re.compile(r"\n[ \t\u00a0]*\n+")
_SPACES = re.compile(r"[ \t]+")
_LIST_ITEM = re.compile(r"^(?:[-*•–]|\d{1,2}[.)])\s")
_BYLINE = re.compile(r"^(?:by|written by|reporting by|words by|text by)\s+(?P<rest>\S.*)$", re.IGNORECASE)
_FOR = re.compile(r",?\s+for\s+(?P<outlet>\S.*)$")
_SEGMENT_SPLIT = re.compile(r"\s*[,;|/]\s*|\s+and\s+|\s*&\s*")
_LOCATION = re.compile(r"\s+in\s+\S.*$")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’\-.]*|[A-Z]\.|Mc[A-Z]\w*|O['’][A-Z]\w*)$")
_PARTICLES = frozenset("van von der den de da del della di du la le bin ibn al el ter ten zu y".split())
_SENTENCE_END = re.compile(r"[.!?…:;,\"”’'»)\]]$")
_PROSE_END = re.compile(r"[.!?…][\"”’'»]?$")
_QUESTION_END = re.compile(r"\?[\"”’']?$")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
_AGENCY_CREDIT = re.compile(
    r"^\(?\s*(?:reporting|writing|editing|additional reporting|compiled|produced)\s+by\b.*\)?$", re.IGNORECASE
)
_LEADING_THE = re.compile(r"^the\s+")  # "for the ARD studio": lowercase "the" is not part of the name
_DIGIT = re.compile(r"\d")
_MAX_HEADING_WORDS = 14
_MAX_HEADLINE_WORDS = 20


@dataclass
class Byline:
    """Who wrote an article and for which outlet, as a byline states it."""

    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    zone: str | None = None  # IANA zone of the outlet or another newsroom the byline names


def read_text(text: str, name: str = "<input>") -> Article:
    """The article in plain `text` (already decoded); `name` is where it came from."""
    blocks = _blocks(text)
    above = _take_header(blocks)  # a status line or byline may stand above the title too
    title = _take_title(blocks)
    below = _take_header(blocks)
    published, byline = above[0] or below[0], above[1] or below[1]
    credit = _drop_footer(blocks)
    if credit is not None:
        published = published or credit[0]
        byline = byline if byline and byline.authors else (credit[1] or byline)
    byline = byline or Byline()
    body, paragraphs = _assemble(title, blocks)
    return Article(
        text=body,
        title=title,
        outlet=byline.outlet,
        authors=byline.authors,
        published=localize(published, byline.zone),
        language="en",
        paragraphs=paragraphs,
        source=name,
    )


# -- blocks -----------------------------------------------------------------------------------------------------


def _blocks(text: str) -> list[list[str]]:
    blocks = []
    for chunk in _BLANK.split(text):
        lines = [_SPACES.sub(" ", line).strip() for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            blocks.append(lines)
    return blocks


def _join(lines: list[str]) -> str:
    if len(lines) > 1 and all(_LIST_ITEM.match(line) for line in lines[1:]):
        return "\n".join(lines)
    return " ".join(lines)


def _single(block: list[str]) -> str | None:
    return block[0] if len(block) == 1 else None


# -- header -----------------------------------------------------------------------------------------------------


def _take_title(blocks: list[list[str]]) -> str | None:
    if not blocks:
        return None
    first = blocks[0][0]
    # A long first line that ends a sentence is a paragraph of untitled text, not a title.
    if len(first) > 200 and first[-1] in '.!?"”':
        return None
    rest = blocks.pop(0)[1:]
    for line in reversed(rest):  # lines stacked under the title are header lines of their own
        blocks.insert(0, [line])
    return first


def _take_header(blocks: list[list[str]]) -> tuple[datetime | None, Byline | None]:
    """Take the status line and byline out of the first blocks; a block counts only if all its lines are metadata."""
    published: datetime | None = None
    byline: Byline | None = None
    for block in list(blocks[:_HEADER_BLOCKS]):
        found = [(parse_status(line), parse_byline(line)) for line in block]
        if not all(date or by for date, by in found):
            continue
        for date, by in found:
            if date is not None and published is None:
                published = date
            elif by is not None and byline is None:
                byline = by
        blocks.remove(block)
    return published, byline


def parse_status(line: str) -> datetime | None:
    """The publication time on a status line ("Status: 12/19/2022 5:48 p.m", "Updated 19 Dec 2022"), or None."""
    if len(line) > 120:
        return None
    label = STATUS_LABEL.match(line)
    if label:
        return parse_datetime(line[label.end() :])
    return parse_datetime(line, strict=True)


def parse_byline(line: str) -> Byline | None:
    """Authors and outlet of a byline ("By A and B, WDR Cologne, for the ARD studio in Moscow"), or None."""
    match = _BYLINE.match(line.strip())
    if not match or len(line) > 200 or not line.strip()[0].isupper():
        return None
    return _byline_parts(match["rest"].strip().rstrip(". "))


def _byline_parts(rest: str) -> Byline | None:
    for_part = None
    if found := _FOR.search(rest):
        for_part, rest = found["outlet"], rest[: found.start()]
    authors: list[str] = []
    orgs: list[str] = []
    for segment in filter(None, _SEGMENT_SPLIT.split(rest)):
        name = _LOCATION.sub("", segment)
        if not orgs and _is_person(name) and find_outlet(name) is None:
            authors.append(name.title() if name.isupper() else name)  # "JANE DOE" -> "Jane Doe"
        else:
            orgs.append(segment)
    named = for_part or (orgs[0] if orgs else None)
    known = [o for o in map(find_outlet, [for_part, *orgs]) if o is not None]
    if not authors and not known:
        return None
    outlet = find_outlet(named) if named else None
    return Byline(
        authors=authors,
        outlet=outlet.name if outlet else _clean_outlet(named),
        zone=outlet.timezone if outlet else (known[0].timezone if known else None),
    )


def _is_person(text: str) -> bool:
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    names = [t for t in tokens if t not in _PARTICLES]
    if len(names) < 2 or not all(_NAME_TOKEN.match(t) for t in names):
        return False
    capitals = [t for t in names if len(t) > 1 and t.isupper()]
    return not capitals or len(capitals) == len(names)  # "WDR Cologne" is an org, "JANE DOE" a name


def _clean_outlet(text: str | None) -> str | None:
    if not text:
        return None
    text = _LEADING_THE.sub("", text.strip())
    return text or None


# -- footer -----------------------------------------------------------------------------------------------------


def _drop_footer(blocks: list[list[str]]) -> tuple[datetime | None, Byline | None] | None:
    """Remove the trailer from the end of `blocks`; return the date and byline of its credit line, if any.

    The trailer is the run of short single lines after the last sentence: a credit line (`NAME, OUTLET,
    date`, a copyright or "Reporting by" line) with the headline repeated above it, and link labels. A run
    without a credit line is dropped only when short and after prose, so a list that ends an article stays.
    """
    floor = max(1, len(blocks) - _FOOTER_BLOCKS)
    start = len(blocks)
    while start > floor and _trailer_line(blocks[start - 1]):
        start -= 1
    run = [b[0] for b in blocks[start:]]
    credits = [(i, found) for i, line in enumerate(run) if (found := _credit_line(line)) is not None]
    if credits:
        cut = start + credits[0][0]
        if cut > floor and _headline_like(blocks[cut - 1], questions=True):
            cut -= 1  # the headline repeated above a credit line
        del blocks[cut:]
        return credits[0][1]
    if 0 < len(run) <= 2 and _ends_sentence(blocks[start - 1]) and all(_label(line) for line in run):
        del blocks[start:]
    return None


def _trailer_line(block: list[str]) -> bool:
    return _headline_like(block, questions=False) or (len(block) == 1 and _credit_line(block[0]) is not None)


def _credit_line(line: str) -> tuple[datetime | None, Byline | None] | None:
    if _COPYRIGHT.search(line) or _AGENCY_CREDIT.match(line):
        return None, None
    return _credit(line)


def _label(line: str) -> bool:
    return line[0].isalpha() and len(line) <= 160


def _ends_sentence(block: list[str]) -> bool:
    return bool(_PROSE_END.search(block[-1]))


def _credit(line: str) -> tuple[datetime | None, Byline | None] | None:
    """`NAME, OUTLET, date` at the end of an article: the date and who it credits."""
    if len(line) > 160 or "," not in line or (_PROSE_END.search(line) and not line.endswith(("a.m.", "p.m."))):
        return None
    parts = [p.strip() for p in line.split(",")]
    words = [p for p in parts if p and not _DIGIT.search(p)]
    stamp = ", ".join(p for p in parts if p and _DIGIT.search(p))
    date = parse_datetime(stamp, strict=True) if stamp else None
    if date is None or not words or any(len(p.split()) > 6 or not p[0].isupper() for p in words):
        return None
    return date, _byline_parts(", ".join(words))


def _headline_like(block: list[str], questions: bool) -> bool:
    line = _single(block)
    if line is None or len(line.split()) > _MAX_HEADLINE_WORDS:
        return False
    if questions and _QUESTION_END.search(line):
        return True
    return not _SENTENCE_END.search(line)


# -- body -------------------------------------------------------------------------------------------------------


def _is_heading(block: list[str]) -> bool:
    line = _single(block)
    if line is None or len(line.split()) > _MAX_HEADING_WORDS or not (line[0].isupper() or line[0].isdigit()):
        return False
    return bool(_QUESTION_END.search(line)) or not _SENTENCE_END.search(line)


def _assemble(title: str | None, blocks: list[list[str]]) -> tuple[str, list[Paragraph]]:
    items = [(_join(b), i + 1 < len(blocks) and _is_heading(b)) for i, b in enumerate(blocks)]
    return join_paragraphs(title, items)


def join_paragraphs(title: str | None, blocks: list[tuple[str, bool]]) -> tuple[str, list[Paragraph]]:
    """The article text (title, then blocks, a blank line between) and each block's span and heading flag."""
    items = ([(title, True)] if title else []) + blocks
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for text, heading in items:
        if parts:
            offset += 2
        paragraphs.append(Paragraph(span=(offset, offset + len(text)), heading=heading))
        parts.append(text)
        offset += len(text)
    return "\n\n".join(parts), paragraphs
