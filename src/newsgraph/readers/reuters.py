"""Reuters-21578 SGML (`reut2-NNN.sgm`): one `Article` per `<REUTERS>` document that has a `<BODY>`.

The files are SGML, not XML (`&#2;`-style control entities, one stray latin-1 byte), so documents are cut out with
regular expressions and decoded as latin-1. Body lines are hard-wrapped at about 70 columns and a paragraph starts
with four spaces; the reader re-flows each paragraph onto one line and separates paragraphs with a blank line, so
sentence splitting is not cut at every wrapped line. The dateline ("SALVADOR, Feb 26 - ") opens the text as it does
on the wire; the full `<DATE>` timestamp becomes `published` (taken as UTC: the corpus does not say).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from newsgraph.errors import ReadError
from newsgraph.model import Article, Paragraph

__all__ = ["iter_reuters", "parse_reuters", "reuters_files"]

_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
_DATE = re.compile(r"<DATE>\s*([^<]+?)\s*</DATE>")
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_DATELINE = re.compile(r"<DATELINE>(.*?)</DATELINE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)(?:</BODY>|$)", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SIGNOFF = re.compile(r"(?:\s*\bReuter\b)+\s*$")  # the sign-off, sometimes doubled
_PARA_BREAK = re.compile(r"\n(?=[ \t]{2,}\S)|\n\s*\n")
_SPACES = re.compile(r"\s+")
_STAMP = re.compile(r"(\d{1,2}-[A-Za-z]{3}-\d{4})\s+(\d+):(\d{2}):(\d{2})")  # trailing junk (&#5;...) ignored


def reuters_files(path: str | Path) -> list[Path]:
    """The `*.sgm` files of a folder in name order, or the one file given."""
    path = Path(path)
    if path.is_dir():
        return sorted(path.glob("*.sgm"))
    if path.is_file():
        return [path]
    raise ReadError(f"no Reuters-21578 file or folder at {str(path)!r}; give a reut2-NNN.sgm file or its folder")


def iter_reuters(paths: str | Path | Iterable[str | Path], limit: int | None = None) -> Iterator[Article]:
    """Stream the articles with a body from Reuters-21578 files or folders, one file in memory at a time."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    count = 0
    for path in paths:
        for file in reuters_files(path):
            for article in parse_reuters(file.read_bytes().decode("latin-1"), source=str(file)):
                if limit is not None and count >= limit:
                    return
                count += 1
                yield article


def parse_reuters(sgml: str, source: str | None = None) -> Iterator[Article]:
    """The articles with a body in one SGML string; documents without a `<BODY>` (briefs) are left out."""
    for match in _DOC.finditer(sgml):
        article = _document(match.group(1), match.group(2), source)
        if article is not None:
            yield article


def _document(attributes: str, inner: str, source: str | None) -> Article | None:
    body = _BODY.search(inner)
    if body is None:
        return None
    paragraphs = _paragraphs(body.group(1))
    if not paragraphs:
        return None
    dateline = _clean(_first(_DATELINE, inner))
    if dateline:
        paragraphs[0] = f"{dateline} {paragraphs[0]}"
    text, spans = _join(paragraphs)
    newid = _NEWID.search(attributes)
    where = f"{source}#NEWID={newid.group(1)}" if source and newid else source
    return Article(
        text=text,
        title=_clean(_first(_TITLE, inner)) or None,
        outlet="Reuters",
        published=_published(_first(_DATE, inner)),
        paragraphs=[Paragraph(span=s) for s in spans],
        source=where,
    )


def _first(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(1) if match else ""


def _clean(raw: str) -> str:
    return _SPACES.sub(" ", _CONTROL.sub(" ", html.unescape(raw))).strip()


def _paragraphs(raw: str) -> list[str]:
    text = _CONTROL.sub(" ", html.unescape(raw))
    text = _SIGNOFF.sub("", text)
    return [p for p in (_SPACES.sub(" ", block).strip() for block in _PARA_BREAK.split(text)) if p]


def _join(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans, start = [], 0
    for paragraph in paragraphs:
        spans.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    return "\n\n".join(paragraphs), spans


def _published(raw: str) -> datetime | None:
    stamp = _STAMP.search(raw)
    if stamp is None:
        return None
    try:
        day = datetime.strptime(stamp.group(1), "%d-%b-%Y").replace(tzinfo=UTC)
    except ValueError:
        return None
    hour, minute, second = (int(g) for g in stamp.groups()[1:])
    if hour > 23 or minute > 59 or second > 59:
        return day  # one document has "605:12:19": keep the day
    return day.replace(hour=hour, minute=minute, second=second)
