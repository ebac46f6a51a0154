"""Readers: turn text, HTML, JSONL and RSS/Atom inputs into `Article`s.

`read_bytes` and `read_path` read one input whole; `iter_articles` streams many files and folders,
turning each unreadable file (or JSONL line) into a `Failure` so a batch never stops for one bad input.
Boilerplate (footers, navigation, "source site" trailers) is dropped here, never later.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import EmptyInputError, ReadError
from newsgraph.model import Article, Failure
from newsgraph.readers.decode import decode
from newsgraph.readers.detect import FORMATS, check_english, check_format, detect_format
from newsgraph.readers.feeds import read_feed
from newsgraph.readers.html import read_html
from newsgraph.readers.jsonl import iter_jsonl_lines, read_jsonl
from newsgraph.readers.reuters import parse_reuters
from newsgraph.readers.text import read_text

__all__ = [
    "FORMATS",
    "decode",
    "detect_format",
    "read_bytes",
    "read_path",
    "iter_bytes",
    "iter_files",
    "iter_articles",
]

_HEAD = 8192  # bytes read to sniff a file's format before streaming it


def read_bytes(data: bytes, name: str = "<stdin>", format: str = "auto") -> list[Article]:
    """The articles in `data`; raises a ReadError subclass whose message names `name`."""
    text = decode(data, name)
    return _read_decoded(data, text, name, detect_format(name, text[:_HEAD], format))


def read_path(path: Path, format: str = "auto") -> list[Article]:
    """The articles in the file at `path`; `article.source` is the path."""
    check_format(format)
    return read_bytes(_read_file(Path(path)), str(path), format)


def iter_bytes(data: bytes, name: str = "<stdin>", format: str = "auto") -> Iterator[Article | Failure]:
    """Like `read_bytes`, but a bad JSONL line (or a bad input) becomes a Failure instead of an error."""
    try:
        text = decode(data, name)
        kind = detect_format(name, text[:_HEAD], format)
        if kind == "jsonl" and not text.lstrip().startswith("["):
            yield from _nonempty(_sourced(iter_jsonl_lines(text.split("\n"), name), name), name)
        else:
            yield from _read_decoded(data, text, name, kind)
    except ReadError as err:
        yield Failure(article_id=None, source=name, error=str(err))


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every file named in `paths` or under the folders named there, sorted, hidden files and folders skipped."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path  # a missing file is yielded too: reading it reports the error by name


def iter_articles(paths: Iterable[Path], format: str = "auto") -> Iterator[Article | Failure]:
    """Articles from many files and folders, in order; a file (or JSONL line) that fails yields a Failure."""
    check_format(format)
    for path in iter_files(paths):
        try:
            if _streams_jsonl(path, format):
                yield from _stream_jsonl(path)
            else:
                yield from read_path(path, format)
        except ReadError as err:
            yield Failure(article_id=None, source=str(path), error=str(err))
        except Exception as err:  # a reader bug must not end a batch of thousands of files
            yield Failure(article_id=None, source=str(path), error=f"{path}: unexpected {type(err).__name__}: {err}")


# -- helpers ----------------------------------------------------------------------------------------------------


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _read_file(path: Path) -> bytes:
    if path.is_dir():
        raise ReadError(f"{path}: is a folder; name the files in it, or ingest the folder")
    try:
        return path.read_bytes()
    except OSError as err:
        why = err.strerror or err
        raise ReadError(f"{path}: cannot read the file ({why}); check the path and permissions") from None


def _streams_jsonl(path: Path, format: str) -> bool:
    """Whether `path` is JSON Lines to read line by line (never whole: such dumps run to gigabytes)."""
    if format not in ("auto", "jsonl") or path.suffix.lower() == ".json":
        return False
    head = _read_head(path)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        return False  # UTF-16 or binary: read whole, decode() says what it is
    text = head.decode("utf-8", errors="replace")
    if format == "auto" and detect_format(path.name, text) != "jsonl":
        return False
    return not text.lstrip("\ufeff \t\r\n").startswith("[")  # a JSON array is read whole


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD)
    except OSError:
        return b""  # read_path reports the error


def _stream_jsonl(path: Path) -> Iterator[Article | Failure]:
    with path.open("rb") as handle:
        yield from _nonempty(_sourced(iter_jsonl_lines(handle, str(path)), str(path)), str(path))


def _nonempty(items: Iterable[Article | Failure], name: str) -> Iterator[Article | Failure]:
    found = False
    for item in items:
        found = True
        yield item
    if not found:
        raise EmptyInputError(f"{name}: no JSON objects found; each line must be an object with a 'text' field")


def _read_decoded(data: bytes, text: str, name: str, kind: str) -> list[Article]:
    if kind == "jsonl":
        articles = read_jsonl(text, name)
    elif kind == "feed":
        articles = _read_feed(data, name)
    elif kind == "html":
        articles = [_read_html(text, name)]
    elif kind == "reuters":
        articles = list(parse_reuters(text, name))
    else:
        articles = [_read_text(text, name)]
    for article in articles:
        article.source = name
    return articles


def _sourced(items: Iterable[Article | Failure], name: str) -> Iterator[Article | Failure]:
    for item in items:
        if isinstance(item, Article):
            item.source = name
        yield item


def _read_text(text: str, name: str) -> Article:
    article = read_text(text, name)
    if not article.text.strip():
        raise EmptyInputError(f"{name}: holds only a status line or byline, no article text")
    check_english(article.text, name)
    return article


def _read_html(text: str, name: str) -> Article:
    article = read_html(text, name)
    check_english(article.text, name)
    return article


def _read_feed(data: bytes, name: str) -> list[Article]:
    articles = read_feed(data, name)
    check_english("\n\n".join(a.text for a in articles), name)
    return articles
