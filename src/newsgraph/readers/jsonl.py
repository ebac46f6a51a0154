"""JSON Lines: one article per line with `id, url, title, text, published, authors, outlet` (only `text` needed).

`text` is kept exactly as given (no title prepended, no whitespace touched) and a given `id` is kept,
so that character offsets line up with the tools and annotated corpora the file came from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from newsgraph.errors import EmptyInputError, EncodingError, NotEnglishError, ReadError
from newsgraph.model import Article, Failure, Paragraph
from newsgraph.readers.dates import localize, parse_datetime
from newsgraph.readers.detect import check_english
from newsgraph.readers.outlets import find_outlet

__all__ = ["parse_record", "read_jsonl", "iter_jsonl_lines", "paragraph_spans"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s+and\s+")
_FIELDS = "id, url, title, text, published, authors, outlet"


def read_jsonl(text: str, name: str = "<input>") -> list[Article]:
    """Every article in a JSONL text (or a JSON array or single object); a bad line raises ReadError naming it."""
    stripped = text.strip()
    if stripped.startswith("["):
        records = _load(stripped, name)
        if not isinstance(records, list):
            raise ReadError(f"{name}: expected a JSON array of article objects")
        return [parse_record(r, f"{name}[{i}]") for i, r in enumerate(records)]
    articles = []
    for item in iter_jsonl_lines(text.split("\n"), name):
        if isinstance(item, Failure):
            single = _single_object(stripped, name)
            if single is not None:
                return [single]
            raise ReadError(item.error)
        articles.append(item)
    if not articles:
        raise EmptyInputError(f"{name}: no JSON objects found; each line must be an object with a 'text' field")
    return articles


def iter_jsonl_lines(lines: Iterable[str | bytes], name: str = "<input>") -> Iterator[Article | Failure]:
    """Articles from JSONL lines, one at a time; a bad line becomes a Failure for `name:LINE` and the rest go on."""
    for number, raw in enumerate(lines, 1):
        where = f"{name}:{number}"
        record: Any = None
        try:
            line = _line_text(raw, where, first=number == 1)
            if not line.strip():
                continue
            record = _load(line, where)
            yield parse_record(record, where)
        except ReadError as err:
            yield Failure(article_id=_failed_id(record), source=where, error=str(err))


def parse_record(record: Any, where: str = "<input>") -> Article:
    """The article in one decoded JSON object; raises ReadError naming `where` and the bad field."""
    if not isinstance(record, dict):
        raise ReadError(f"{where}: expected a JSON object with fields {_FIELDS}, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise ReadError(f"{where}: field 'text' is required and must be a string (fields: {_FIELDS})")
    if not text.strip():
        raise EmptyInputError(f"{where}: field 'text' is empty")
    language = record.get("language")
    if isinstance(language, str) and language.strip() and not language.lower().startswith("en"):
        raise NotEnglishError(f"{where}: language {language!r}; newsgraph reads English articles only, skipped")
    check_english(text, where)
    outlet = _string(record, "outlet", where)
    known = find_outlet(outlet)
    return Article(
        text=text,
        title=_string(record, "title", where),
        id=_identifier(record.get("id"), where),
        url=_string(record, "url", where),
        outlet=outlet,
        authors=_authors(record.get("authors", record.get("author")), where),
        published=localize(_published(record.get("published", record.get("date")), where), known and known.timezone),
        language="en",
        paragraphs=paragraph_spans(text),
    )


def paragraph_spans(text: str) -> list[Paragraph]:
    """Blocks of `text` separated by blank lines, as spans into `text` itself (surrounding whitespace excluded)."""
    paragraphs = []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            left = start + len(chunk) - len(chunk.lstrip())
            right = start + len(chunk.rstrip())
            paragraphs.append(Paragraph(span=(left, right)))
        if match:
            start = match.end()
    return paragraphs


def _failed_id(record: Any) -> str | None:
    value = record.get("id") if isinstance(record, dict) else None
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) and value != "" else None


def _line_text(raw: str | bytes, where: str, first: bool) -> str:
    if isinstance(raw, str):
        return raw.lstrip("\ufeff") if first else raw
    if first and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as err:
            raise EncodingError(f"{where}: the line is not UTF-8 ({err.reason}); save the file as UTF-8") from None


def _load(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        msg = getattr(err, "msg", "too deeply nested")
        raise ReadError(f"{where}: not valid JSON ({msg}); each line must be one JSON object") from None


def _single_object(text: str, name: str) -> Article | None:
    if not text.startswith("{"):
        return None
    try:
        record = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    return parse_record(record, name) if isinstance(record, dict) else None


def _string(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReadError(f"{where}: field {key!r} must be a string, got {type(value).__name__}")
    return value.strip() or None


def _identifier(value: Any, where: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise ReadError(f"{where}: field 'id' must be a string or an integer, got {type(value).__name__}")


def _authors(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [a for a in (p.strip() for p in _AUTHOR_SPLIT.split(value)) if a]
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return [a.strip() for a in value if a.strip()]
    raise ReadError(f"{where}: field 'authors' must be a list of names or a string")


def _published(value: Any, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            pass
    elif isinstance(value, str) and (found := parse_datetime(value)) is not None:
        return found
    raise ReadError(f"{where}: field 'published' {value!r} is not a date; write ISO 8601 (2022-12-19T17:48+01:00)")
