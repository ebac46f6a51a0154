"""Publication dates as news pages write them: status lines, bylines, feed and JSON fields.

`parse_datetime` reads the common styles ("12/19/2022 5:48 p.m", "19 December 2022 17:48",
"December 19, 2022, 5:48 PM EST", ISO 8601, RFC 822) without any model; `localize` attaches an
outlet's time zone to a naive result.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["parse_datetime", "localize", "STATUS_LABEL"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"

# Fixed offsets of the zone abbreviations news sites print; ambiguous ones (IST, CST in Asia) are left out.
_ZONE_HOURS = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "met": 1, "mest": 2, "eet": 2, "eest": 3,
    "msk": 3, "est": -5, "edt": -4, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    "jst": 9, "kst": 9, "aest": 10, "aedt": 11,
}  # fmt: skip
# US wall-clock zones written without standard/daylight: the IANA zone decides the offset.
_ZONE_NAMES = {"et": "America/New_York", "ct": "America/Chicago", "pt": "America/Los_Angeles"}

STATUS_LABEL = re.compile(
    r"^\s*(?:status|updated|last updated|last modified|published|first published|posted|date|dated|stand)"
    r"(?:\s+(?:on|at))?\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<off>Z|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})\b")
_DAY_MONTH = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<y>\d{4})\b", re.IGNORECASE
)
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b", re.IGNORECASE)
_TIME = re.compile(
    r"\b(?P<H>\d{1,2})(?:[:.h](?P<M>\d{2})(?::(?P<S>\d{2}))?)?\s*"
    r"(?:(?P<ap>[ap])\.?\s?m\b\.?|(?:h|hrs|uhr)\b)",
    re.IGNORECASE,
)
_TIME_24 = re.compile(r"\b(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?\b")
_ZONE = re.compile(
    r"\b(?P<abbr>" + "|".join([*_ZONE_HOURS, *_ZONE_NAMES]) + r")\b(?:\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?))?"
    r"|(?P<bare>[+-]\d{2}:?\d{2})\b",
    re.IGNORECASE,
)
# Words that may surround a date on a status or credit line without making it something else.
_FILLER = re.compile(r"\b(?:" + _WEEKDAY + r"|at|on|the|of|time|local|hrs)\b|[\s,.;:|()\-–—/]+", re.IGNORECASE)


def parse_datetime(value: str, strict: bool = False) -> datetime | None:
    """The date and time written in `value`, or None when it holds no date.

    With `strict`, the whole string must be the date (weekday, "at", zone names allowed): a
    sentence that merely mentions a date is not a date line.
    """
    text = value.strip()
    if not text or len(text) > 120:
        return None
    found = _parse_iso(text) or _parse_parts(text, strict)
    if found is None and not strict:
        found = _parse_rfc822(text)
    return found


def _parse_iso(text: str) -> datetime | None:
    match = _ISO.fullmatch(text.rstrip(". "))
    if not match:
        return None
    return _build(match["y"], match["m"], match["d"], match["H"], match["M"], match["S"], None, _offset(match["off"]))


def _parse_rfc822(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _parse_parts(text: str, strict: bool) -> datetime | None:
    iso = _ISO.search(text)
    if iso and iso["H"]:
        date = (iso["y"], int(iso["m"]), iso["d"]), iso.span()
        clock: tuple[str | None, ...] = (iso["H"], iso["M"], iso["S"], None)
        tz = _offset(iso["off"])
    else:
        date = _find_date(text)
        clock, tz = (None, None, None, None), None
    if date is None:
        return None
    (year, month, day), span = date
    rest = _blank(text, *span)
    if clock[0] is None:
        time = _TIME.search(rest) or _TIME_24.search(rest)
        if time:
            clock = (time["H"], time["M"], time["S"], time.groupdict().get("ap"))
            rest = _blank(rest, *time.span())
    zone = _ZONE.search(rest)
    if zone:
        tz = tz or _zone(zone)
        rest = _blank(rest, *zone.span())
    if strict and _FILLER.sub("", rest):
        return None
    return _build(year, month, day, *clock, tz)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _find_date(text: str) -> tuple[tuple[str, int, str], tuple[int, int]] | None:
    iso = _ISO.search(text)
    if iso:
        return (iso["y"], int(iso["m"]), iso["d"]), iso.span()
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.search(text)
        if match:
            return (match["y"], _MONTHS[match["mon"].lower()], match["d"]), match.span()
    match = _NUMERIC.search(text)
    if match:
        first, second = int(match["a"]), int(match["b"])
        # US order with slashes ("12/19/2022"), day first with dots and dashes ("19.12.2022");
        # a first number above 12 can only be a day.
        if (match["sep"] == "/" and first <= 12) or second > 12:
            month, day = first, second
        else:
            day, month = first, second
        return (match["y"], month, str(day)), match.span()
    return None


def _build(
    year: str, month: str | int, day: str, hour: str | None, minute: str | None, second: str | None,
    ampm: str | None, tz: tzinfo | None,
) -> datetime | None:  # fmt: skip
    y = int(year)
    if y < 100:
        y += 2000 if y < 70 else 1900
    h = int(hour) if hour else 0
    if ampm:
        if h > 12 or h == 0:
            return None
        h = h % 12 + (12 if ampm.lower() == "p" else 0)
    try:
        return datetime(y, int(month), int(day), h, int(minute or 0), int(second or 0), tzinfo=tz)
    except (ValueError, OverflowError):
        return None


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:-2] if len(digits) > 2 else digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _zone(match: re.Match[str]) -> tzinfo | None:
    if match["bare"]:
        return _offset(match["bare"])
    if match["abbr"].lower() in _ZONE_NAMES:
        return _zoneinfo(_ZONE_NAMES[match["abbr"].lower()])
    base = timedelta(hours=_ZONE_HOURS[match["abbr"].lower()])
    extra = _offset(match["off"]) if match["off"] else None
    if extra is not None:
        base += extra.utcoffset(None) or timedelta()
    if abs(base) > timedelta(hours=14):
        return None
    return UTC if not base else timezone(base)


def localize(value: datetime | None, zone: str | None) -> datetime | None:
    """`value` with the IANA `zone` attached when it is naive and the zone is known; otherwise unchanged."""
    if value is None or value.tzinfo is not None or not zone:
        return value
    tz = _zoneinfo(zone)
    return value.replace(tzinfo=tz) if tz else value


@cache
def _zoneinfo(zone: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
