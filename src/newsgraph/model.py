"""The objects that flow through newsgraph and the `newsgraph.analysis/1` contract.

An `Article` comes out of a reader; `analyze_batch` turns it into an `Analysis` whose layers
(entities, dates, places, quantities, quotes, events) point into `article.text` by character
offsets `[start, end)`. `Analysis.to_dict()` is the output contract of DESIGN.md and
`Analysis.from_dict()` reads it back, so storing and loading never changes an analysis.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import types
import typing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = [
    "SCHEMA",
    "Span",
    "Paragraph",
    "Article",
    "Entity",
    "Quote",
    "EventDate",
    "EventPlace",
    "EventSize",
    "Evidence",
    "Event",
    "Place",
    "DateRef",
    "Quantity",
    "Analysis",
    "Failure",
    "article_id",
]

SCHEMA = "newsgraph.analysis/1"

Span = tuple[int, int]


def article_id(text: str, title: str | None = None, url: str | None = None) -> str:
    """A stable id: the URL when there is one, else the normalised title and text."""
    if url:
        key = "url:" + url.strip()
    else:
        key = "text:" + _normalise((title or "") + "\n" + text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass
class Paragraph:
    """A block of the article text; headings are kept as paragraphs and marked."""

    span: Span
    heading: bool = False


@dataclass
class Article:
    """One news article as read from its source, before analysis."""

    text: str
    title: str | None = None
    id: str = ""
    url: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    language: str | None = "en"
    paragraphs: list[Paragraph] = field(default_factory=list)
    source: str | None = None  # where it was read from (file path, feed URL); not part of the id

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text, self.title, self.url)


@dataclass
class Entity:
    """One real-world actor or place, resolved within the article and coded."""

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, LOC, NORP, ...
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    kb_id: str | None = None


@dataclass
class Quote:
    """A direct, indirect or mixed quote with its speaker and cue."""

    id: str
    kind: str  # direct | indirect | mixed
    text: str
    span: Span
    speaker: str | None = None  # entity id
    speaker_text: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None  # lemma of the cue word
    cue_span: Span | None = None
    speech_act: str | None = None  # statement, claim, denial, accusation, warning, ...


@dataclass
class EventDate:
    start: str | None = None
    end: str | None = None
    text: str | None = None
    inferred: bool = False  # True when taken from `published` for lack of a date in the clause


@dataclass
class EventPlace:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    text: str | None = None


@dataclass
class EventSize:
    troops: int | None = None
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None


@dataclass
class Evidence:
    text: str
    span: Span
    trigger_span: Span


@dataclass
class Event:
    """A PLOVER event: who did what to whom, when and where, with its evidence."""

    id: str
    type: str
    evidence: Evidence
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)  # entity ids
    target: list[str] = field(default_factory=list)
    date: EventDate | None = None
    place: EventPlace | None = None
    modality: str = "asserted"  # asserted | negated | future | hypothetical | historical
    claimed_by: str | None = None  # entity id
    size: EventSize = field(default_factory=EventSize)
    confidence: float = 0.5
    rule: str = ""
    reasons: dict[str, str] = field(default_factory=dict)  # field name -> why it has its value (for `explain`)
    source_text: str | None = None  # the words of the source argument, also when no entity stands behind them
    target_text: str | None = None


@dataclass
class Place:
    """A toponym resolved to a gazetteer entry, or kept unresolved with its reason."""

    id: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    mentions: list[Span] = field(default_factory=list)
    admin1: str | None = None
    feature: str | None = None  # country, admin1, city, region, ...
    text: str | None = None  # the words in the article
    reason: str | None = None  # why this entry was chosen, or why none was


@dataclass
class DateRef:
    """A temporal expression normalised against the publication time."""

    text: str
    span: Span
    start: str | None = None
    end: str | None = None
    granularity: str | None = None  # day, week, month, quarter, season, year, decade
    rule: str | None = None


@dataclass
class Quantity:
    text: str
    span: Span
    value: float | int
    unit: str | None = None
    qualifier: str | None = None


@dataclass
class Analysis:
    """Everything newsgraph found in one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The `newsgraph.analysis/1` object of DESIGN.md."""
        out: dict[str, Any] = {"schema": SCHEMA}
        out.update(_encode(self))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Read back what `to_dict` wrote."""
        schema = data.get("schema", SCHEMA)
        if schema != SCHEMA:
            from newsgraph.errors import SchemaError

            raise SchemaError(f"unknown schema {schema!r}; this version reads {SCHEMA!r}")
        body = {k: v for k, v in data.items() if k != "schema"}
        return _decode(cls, body)

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)


def _encode(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_encode(x) for x in obj]
    if isinstance(obj, datetime):
        return obj.isoformat()
    return obj


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin is dict:
        return dict(value)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(inner[0], value)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        known = {k: _decode(hints[k], v) for k, v in value.items() if k in hints}
        return tp(**known)
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_decode(item, v) for v in value]
    if origin is tuple:
        return tuple(value)
    if tp is datetime:
        return datetime.fromisoformat(value)
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(tp: type) -> dict[str, Any]:
    if tp not in _HINTS:
        _HINTS[tp] = typing.get_type_hints(tp, globals(), {"Span": Span})
    return _HINTS[tp]


@dataclass
class Failure:
    """An article (or input) that could not be read or analysed; batches record it and go on."""

    article_id: str | None
    source: str | None
    error: str
