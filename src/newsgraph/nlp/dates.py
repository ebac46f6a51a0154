"""Dates: every temporal expression in an article, normalised against its publication time.

Candidates come from our own patterns (compiled once) and, for what they miss, spaCy's DATE entities
parsed by dateparser. The patterns carry the modifiers ("the end of", "early", "mid", "late",
"earlier this") and the tense logic; dateparser is only a fallback for odd formats.

Conventions (what `start`/`end`/`granularity` mean):
- `granularity` is the unit the expression names: day, week, month, quarter, season, year, decade.
- A modifier narrows `start`/`end` inside that unit but keeps its granularity: "the end of November"
  is a month expression with start/end 2022-11-21..2022-11-30 (the last third of the month; "early"
  is the first third, "mid" the middle one). "earlier this year" runs from the start of the year to
  the day before publication.
- Vague references keep `granularity` None: "now"/"currently" have start = end = the publication day;
  "recently", "in recent years" have only an end (publication day); "the future", "in the coming
  months" have only a start.
- Weeks run Monday to Sunday; "the weekend" is its Saturday and Sunday (granularity week).
- A preposition that qualifies the date ("as early as", "by", "until", "since", ...) is not part of
  the span; it is kept in `rule` after a colon ("month:as early as") for the events layer.
- Without a year, weekdays, months, days of a month, seasons and quarters are placed by the tense of
  the governing verb (will/shall/going to, "is to", verbs that look ahead such as expect, plan,
  prepare, with their infinitives): past -> the latest one not after publication, future -> the next
  one, else the nearest one. Weekdays without a future tense are the latest one (the news convention).
  Days of a month ("Nov. 22") and quarters within 92 days of publication are the nearest one whatever
  the tense ("payable Dec. 7 to holders of record Nov. 22"); month names always follow the tense.
- "a year earlier" / "year-ago" after a finer date in the same sentence (or a quarter just before) is
  that date a year back: "third-quarter profit rose from a year earlier" -> the year-earlier quarter.
- Relative expressions in an article without `published` keep start/end None; explicit ones still
  normalise. Durations ("for three years", "two weeks") are not dates.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources

from spacy.tokens import Doc

from newsgraph.model import Analysis, DateRef

__all__ = ["extract_dates", "normalise", "GRANULARITIES"]

GRANULARITIES = ("day", "week", "month", "quarter", "season", "year", "decade")

Norm = tuple[str | None, str | None, str | None]
_Range = tuple[date | None, date | None, str | None]

# ---------------------------------------------------------------------------- vocabulary (calendar facts)

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}  # first month of each
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
             "q1": 1, "q2": 2, "q3": 3, "q4": 4}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_FUZZY = {"several", "a few", "few", "some", "many", "a couple of", "couple of"}
# Lemmas whose infinitive complements point forward: "expects Russia to attack in January".
_FUTURE_LEMMAS = frozenset(
    "expect plan prepare schedule intend aim hope forecast predict anticipate propose promise vow pledge "
    "threaten want seek due likely going slate".split()
)
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
# Words before a bare month / year / season that make it a date rather than a name or a verb.
_DATE_PREPS = frozenset(
    "in on since until till by of from before after during through throughout between and to early mid late "
    "last next this or around about".split()
)

# ---------------------------------------------------------------------------- patterns

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}\.)"
_MONTH_D = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}\.?)"  # before a day number the dot may be missing
_WEEKDAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
            r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_PART = r"(?i:\s+(?:morning|afternoon|evening|night))?"
_MOD = (r"(?P<mod>(?i:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close)\s+of\s+(?:the\s+)?"
        r"|(?:early|late)[\s-]+|mid[\s-]?|(?:earlier|later)\s+))?")
_RY0 = r"(?:(?P<ry0>(?i:this|last|next))\s+(?i:year's)\s+)?"  # "next year's first quarter"
_DAYPART = r"(?:(?i:early|late|earlier|later)\s+)?"  # "early Tuesday", "late yesterday": still that day
_REL = r"(?P<rel>(?i:(?:this\s+)?(?:last|next|past|previous|coming)|this|current))"
_NUM = r"(?:\d+|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"


@dataclass(frozen=True)
class _Gate:
    """A cheap test that a text may hold a pattern's match: one of the words it needs (any case), or a
    case-sensitive regex it needs. Scanning a text with each full pattern is most of this layer's time."""

    words: tuple[str, ...]
    words_rx: re.Pattern[str] | None  # the same words as one case-insensitive regex, for non-ASCII text
    cased: re.Pattern[str] | None

    def admits(self, text: str, lower: str | None) -> bool:
        """False only when no match of the pattern can be in `text`; `lower` is `text.lower()` for ASCII text
        (where it agrees with the regex engine's case folding), else None."""
        if self.words:
            if lower is not None:
                if any(w in lower for w in self.words):
                    return True
            elif self.words_rx is not None and self.words_rx.search(text):
                return True
        return self.cased is not None and self.cased.search(text) is not None


def _gate(words: tuple[str, ...] = (), cased: str | None = None) -> _Gate:
    words_rx = re.compile("(?i:" + "|".join(map(re.escape, words)) + ")") if words else None
    return _Gate(words, words_rx, re.compile(cased) if cased else None)


@dataclass(frozen=True)
class _Pattern:
    name: str
    regex: re.Pattern[str]
    handler: Callable[[re.Match[str], _Ctx], _Range | None]
    gate: _Gate | None = None  # None: always scan


@dataclass
class _Ctx:
    """What a handler may look at: the whole text, the match, the anchor and the clause's tense."""

    text: str
    published: date | None
    tense_of: Callable[[int, int], str | None]
    pure: bool = False  # normalise(): no surrounding text to check
    doc: Doc | None = None

    def before(self, pos: int, n: int = 30) -> str:
        return self.text[max(0, pos - n):pos]

    def after(self, pos: int, n: int = 30) -> str:
        return self.text[pos:pos + n]


# ---------------------------------------------------------------------------- date arithmetic


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _unit_range(unit: str, anchor: date, offset: int = 0) -> tuple[date, date]:
    """The week/month/quarter/year/decade containing `anchor`, moved by `offset` units."""
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "weekend":
        saturday = anchor - timedelta(days=anchor.weekday()) + timedelta(days=5, weeks=offset)
        return saturday, saturday + timedelta(days=1)
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, offset)
        return date(y, m, 1), _month_end(y, m)
    if unit == "quarter":
        y, m = _add_months(anchor.year, (anchor.month - 1) // 3 * 3 + 1, 3 * offset)
        return date(y, m, 1), _month_end(*_add_months(y, m, 2))
    if unit == "decade":
        y = anchor.year // 10 * 10 + 10 * offset
        return date(y, 1, 1), date(y + 9, 12, 31)
    y = anchor.year + offset
    return date(y, 1, 1), date(y, 12, 31)


def _season_range(season_month: int, year: int) -> tuple[date, date]:
    if season_month == 12:
        return date(year, 12, 1), _month_end(year + 1, 2)
    return date(year, season_month, 1), _month_end(year, season_month + 2)


def _shift(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit] * n
    y, m = _add_months(d.year, d.month, months)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _narrow(start: date, end: date, mod: str | None, published: date | None) -> tuple[date, date]:
    """Apply a modifier: early/beginning -> first third, mid -> middle third, late/end -> last third."""
    if not mod:
        return start, end
    mod = " ".join(mod.lower().replace("-", " ").split())
    if mod.startswith("earlier"):
        if published and start <= published <= end:
            return start, max(start, published - timedelta(days=1))
        return start, end
    if mod.startswith("later"):
        if published and start <= published <= end:
            return min(end, published + timedelta(days=1)), end
        return start, end
    part = 0 if "early" in mod or "beginning" in mod or "start" in mod else 1 if "mid" in mod else 2
    if not ("late" in mod or "end" in mod or "close" in mod or part < 2):
        return start, end
    return _third(start, end, part)


def _third(start: date, end: date, part: int) -> tuple[date, date]:
    """The first, middle or last third of a period: by whole months when it spans three or more."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day == 1 and end == _month_end(end.year, end.month) and months >= 3 and months % 3 == 0:
        k = months // 3
        first = _add_months(start.year, start.month, part * k)
        last = _add_months(start.year, start.month, part * k + k - 1)
        return date(*first, 1), _month_end(*last)
    span = (end - start).days + 1
    third = span // 3
    lo = start + timedelta(days=part * third)
    hi = end if part == 2 else start + timedelta(days=(part + 1) * third - 1)
    return lo, hi


def _place(candidates: list[tuple[date, date]], published: date, tense: str | None,
           nearest: bool = True, slack: int = 0) -> tuple[date, date]:
    """Choose among the same unnamed-year period in adjacent years (see module docstring).

    A candidate within `slack` days of publication wins whatever the tense: "payable Dec. 7 to stock of
    record Nov. 22" in an October article is this November, though the verb is past.
    """
    closest = min(candidates, key=lambda c: _distance(c, published))
    if _distance(closest, published) <= slack:
        return closest
    past = [c for c in candidates if c[0] <= published]
    future = [c for c in candidates if c[1] >= published]
    if tense == "past" and past:
        return max(past)
    if tense == "future" and future:
        return min(future)
    if not nearest and past:
        return max(past)
    return closest


def _distance(c: tuple[date, date], d: date) -> int:
    if c[0] <= d <= c[1]:
        return 0
    return min(abs((c[0] - d).days), abs((c[1] - d).days))


# ---------------------------------------------------------------------------- handlers

# Days from publication within which the nearest candidate wins over the tense: explicit days of a month
# ("payable Dec. 7 to holders of record Nov. 22") and quarters are mostly the nearest; month names follow tense.
_SLACK = {"day": 92, "month": 0, "quarter": 92, "season": 0}


def _rel(m: re.Match[str]) -> str:
    """The deictic word of a match ("this coming Sunday" -> "coming"), lower case, or ''."""
    rel = m["rel"] or ""
    return rel.split()[-1].lower() if rel.strip() else ""


def _int(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _year2(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 1900 if y >= 50 else 2000
    return y


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day_in_year(ctx: _Ctx, m: int, d: int, match: re.Match[str]) -> _Range | None:
    if ctx.published is None:
        return None, None, "day"
    p = ctx.published
    cands = [(x, x) for y in (p.year - 1, p.year, p.year + 1) if (x := _safe_date(y, m, d))]
    if not cands:
        return None
    start, end = _place(cands, p, ctx.tense_of(match.start(), match.end()), slack=_SLACK["day"])
    return start, end, "day"


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (d, d, "day") if d else None


def _h_numeric(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    a, b, y = int(m["a"]), int(m["b"]), _year2(m["y"])
    month, day = (b, a) if m["sep"] == "." or a > 12 else (a, b)  # dots: European day.month
    d = _safe_date(y, month, day)
    return (d, d, "day") if d else None


def _h_month_day(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    month = _MONTHS[m["mon"].rstrip(".").lower()]
    day = _int(m["d"])
    day2 = _int(m["d2"]) if m["d2"] else None
    if m["y"]:
        y = int(m["y"])
        start = _safe_date(y, month, day)
        if start is None:
            return None
    else:
        placed = _day_in_year(ctx, month, day, m)
        if placed is None or placed[0] is None:
            return placed
        start = placed[0]
    end = _safe_date(start.year, month, day2) if day2 else start
    if end is None or end < start:
        return None
    return start, end, "day"


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    month, y = _MONTHS[m["mon"].rstrip(".").lower()], int(m["y"])
    month2 = _MONTHS[m["mon2"].rstrip(".").lower()] if m["mon2"] else month
    if month2 < month:
        return None
    start, end = _narrow(date(y, month, 1), _month_end(y, month2), m["mod"], ctx.published)
    return start, end, "month"


def _is_bare_word_date(m: re.Match[str], ctx: _Ctx, word: str) -> bool:
    """A month name alone ("May", "March") is a date only after a date preposition or with a modifier."""
    if ctx.pure or m["mod"] or m["rel"]:
        return True
    if word.lower() not in ("may", "march") and word[0].isupper():
        return True
    previous = ctx.before(m.start(), 20).split()
    return bool(previous) and previous[-1].lower() in _DATE_PREPS


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    word = m["mon"].rstrip(".")
    if not _is_bare_word_date(m, ctx, word):
        return None
    if ctx.published is None:
        return None, None, "month"
    month, p, rel = _MONTHS[word.lower()], ctx.published, _rel(m)
    cands = [(date(y, month, 1), _month_end(y, month)) for y in (p.year - 1, p.year, p.year + 1)]
    if rel in ("last", "past", "previous"):
        start, end = max(c for c in cands if c[1] < p)
    elif rel in ("next", "coming"):
        start, end = min(c for c in cands if c[0] > p)
    elif rel in ("this", "current"):
        start, end = cands[1]
    else:
        start, end = _place(cands, p, ctx.tense_of(m.start(), m.end()), slack=_SLACK["month"])
    start, end = _narrow(start, end, m["mod"], p)
    return start, end, "month"


def _h_month_rel_year(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    if ctx.published is None:
        return None, None, "month"
    y = ctx.published.year + {"last": -1, "this": 0, "next": 1}[m["ry"].lower()]
    month = _MONTHS[m["mon"].rstrip(".").lower()]
    start, end = _narrow(date(y, month, 1), _month_end(y, month), m["mod"], ctx.published)
    return start, end, "month"


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    if ctx.published is None:
        return None, None, "day"
    wd, p, rel = _WEEKDAYS[m["wd"].rstrip(".").lower()], ctx.published, _rel(m)
    back = (p.weekday() - wd) % 7
    latest = p - timedelta(days=back)  # the latest such weekday, today included
    if rel in ("last", "past", "previous"):
        d = latest if back else latest - timedelta(days=7)
    elif rel in ("next", "coming"):
        d = latest + timedelta(days=7)
    elif rel in ("this", "current"):
        d = p - timedelta(days=p.weekday()) + timedelta(days=wd)
    else:
        # news convention: a bare weekday is the latest one unless the clause looks ahead
        tense = ctx.tense_of(m.start(), m.end())
        d = latest + timedelta(days=7) if tense == "future" and back else latest
    return d, d, "day"


def _h_relday(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    if ctx.published is None:
        return None, None, "day"
    word = " ".join(m["w"].lower().split())
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}[word]
    d = ctx.published + timedelta(days=offset)
    return d, d, "day"


def _h_relunit(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    unit, rel = m["unit"].lower(), _rel(m)
    if ctx.published is None:
        return None, None, "week" if unit == "weekend" else unit
    p = ctx.published
    offset = -1 if rel in ("last", "past", "previous") else 1 if rel in ("next", "coming") else 0  # the/this: 0
    if rel == "past" and not m["mod"]:
        return None  # "the past week" is a duration; "past week" alone is rare
    start, end = _unit_range(unit, p, offset)
    if unit == "weekend" and offset == -1 and p.weekday() < 5:
        start, end = _unit_range(unit, p, -1)
    start, end = _narrow(start, end, m["mod"], p)
    return start, end, "week" if unit == "weekend" else unit


def _h_year_end(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    if ctx.published is None:
        return None, None, "year"
    return _narrow(*_unit_range("year", ctx.published), "end", None) + ("year",)


def _h_the_weekend(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    if ctx.published is None:
        return None, None, "week"
    p = ctx.published
    cands = [_unit_range("weekend", p, k) for k in (-1, 0)]
    start, end = _place(cands, p, ctx.tense_of(m.start(), m.end()), nearest=False)
    return start, end, "week"




def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    unit = m["unit"].lower().rstrip("s")
    direction = -1 if m["dir"].lower() in ("ago", "earlier", "before", "previously") else 1
    num = " ".join(m["n"].lower().split())
    if num in _FUZZY:
        if ctx.published is None:
            return None, None, None
        return (None, ctx.published, None) if direction < 0 else (ctx.published, None, None)
    n = int(num) if num.isdigit() else _NUMBERS[num]
    if ctx.published is None:
        return None, None, unit
    if unit == "decade":  # TimeML: "a decade ago" is a year
        unit, n = "year", 10 * n
    d = _shift(ctx.published, unit, direction * n)
    if unit == "day":
        return d, d, "day"
    start, end = _unit_range(unit, d)
    return start, end, unit


def _h_year_ago(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    """'year-earlier', 'the year-ago quarter': the same period a year before (quarter: the latest one)."""
    if ctx.published is None:
        return None, None, "quarter" if m["q"] else "year"
    if m["q"]:
        start, _ = _unit_range("quarter", ctx.published, -1)
        return _unit_range("quarter", _shift(start, "year", -1)) + ("quarter",)
    return _unit_range("year", ctx.published, -1) + ("year",)


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    q = _ORDINALS[(m["q"] or m["q_"]).lower()]
    year_text = m["y"] or m["y2"] or m["y_"]
    if year_text:
        y = _year2(year_text.lstrip("'"))
        start, end = date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    elif m["q"] and (m["ry"] or m["ry0"]):
        if ctx.published is None:
            return None, None, "quarter"
        y = ctx.published.year + {"last": -1, "this": 0, "next": 1}[(m["ry"] or m["ry0"]).lower()]
        start, end = date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    else:
        if ctx.published is None:
            return None, None, "quarter"
        p = ctx.published
        cands = [(date(y, 3 * q - 2, 1), _month_end(y, 3 * q)) for y in (p.year - 1, p.year, p.year + 1)]
        start, end = _place(cands, p, ctx.tense_of(m.start(), m.end()), nearest=False, slack=_SLACK["quarter"])
    return start, end, "quarter"


def _h_the_quarter(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    """'the quarter', 'the latest quarter': the last completed quarter, as earnings reports mean it."""
    if ctx.published is None:
        return None, None, "quarter"
    which = (m["which"] or "").lower()
    offset = 0 if which == "current" else -1
    return _unit_range("quarter", ctx.published, offset) + ("quarter",)


def _h_season(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    season = _SEASONS[m["season"].lower()]
    rel = _rel(m)
    if m["y"]:
        start, end = _season_range(season, int(m["y"]))
    else:
        if not ctx.pure and not rel and not m["mod"] and not _season_context(m, ctx):
            return None
        if ctx.published is None:
            return None, None, "season"
        p = ctx.published
        cands = [_season_range(season, y) for y in (p.year - 2, p.year - 1, p.year, p.year + 1)]
        if rel in ("last", "past", "previous"):
            start, end = max(c for c in cands if c[1] < p)
        elif rel in ("next", "coming"):
            start, end = min(c for c in cands if c[0] > p)
        elif rel in ("this", "current"):
            start, end = min(cands, key=lambda c: _distance(c, p))
        else:
            start, end = _place(cands, p, ctx.tense_of(m.start(), m.end()), slack=_SLACK["season"])
    start, end = _narrow(start, end, m["mod"], ctx.published)
    return start, end, "season"


def _season_context(m: re.Match[str], ctx: _Ctx) -> bool:
    previous = ctx.before(m.start(), 20).split()
    return bool(previous) and previous[-1].lower() in ("in", "during", "by", "until", "since", "this", "over")


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    y = int(m["y"])
    if not ctx.pure and not m["mod"] and not m["fy"] and not _year_context(m, ctx):
        return None
    y2 = _year2(m["y2"]) if m["y2"] else None
    if y2 is not None and len(m["y2"]) == 2:
        y2 = y // 100 * 100 + int(m["y2"])
    if y2 is not None and y2 <= y:
        return None
    start, end = _narrow(date(y, 1, 1), date(y2 or y, 12, 31), m["mod"], ctx.published)
    return start, end, "year"


def _year_context(m: re.Match[str], ctx: _Ctx) -> bool:
    """A bare four-digit number is a year after a date preposition or before a comma/full stop."""
    previous = ctx.before(m.start(), 20).split()
    if previous and previous[-1].lower().strip("(") in _DATE_PREPS | {"the", "year", "fiscal", "in"}:
        return True
    nxt = ctx.after(m.end(), 2)
    if not nxt or nxt[0] in ",.;:)" or nxt.startswith("'s") or _YEAR_LIST.match(ctx.text, m.end()):
        return True
    return _attributive_year(ctx.doc, m.start("y"), m.end("y"))


_YEAR_LIST = re.compile(rf"\s*(?:and|or|to|through|[-–])\s*{_YEAR}\b")


def _attributive_year(doc: Doc | None, start: int, end: int) -> bool:
    """'his 1996 campaign', 'the 1978 resolution': a year before a singular noun; '1996 soldiers' is a count."""
    if doc is None:
        return False
    span = doc.char_span(start, end)
    if span is None or span.end >= len(doc):
        return False
    if span[0].ent_type_ == "DATE":
        return True
    nxt = doc[span.end]
    return nxt.tag_ in ("NN", "NNP") and nxt.is_alpha


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    if m["dw"]:
        century = 1900 if not m["c"] else int(m["c"][:2]) * 100
        y = century + 10 * _DECADE_WORDS[m["dw"].lower()]
    elif m["yy"]:
        y = int(m["yy"])
        y += 1900 if y >= 30 else 2000
    else:
        y = int(m["y"])
    start, end = _narrow(date(y, 1, 1), date(y + 9, 12, 31), m["mod"], ctx.published)
    return start, end, "decade"


@functools.cache
def _holidays() -> dict[str, str]:
    """`resources/holidays.tsv` as name -> when; loaded once per process."""
    text = resources.files("newsgraph.resources").joinpath("holidays.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {name.strip(): when.strip() for name, when in rows[1:]}


def _holiday_names() -> str:
    names = sorted(_holidays(), key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(n).replace("'", "['’]").replace("\\ ", r"\s+") for n in names) + ")"


def _holiday_date(when: str, year: int) -> date | None:
    parts = when.split()
    if len(parts) == 1:
        month, day = (int(x) for x in when.split("-"))
        return _safe_date(year, month, day)
    n, weekday, month = int(parts[0]), _WEEKDAYS[parts[1]], int(parts[2])
    first = date(year, month, 1)
    if n > 0:
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = _month_end(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    if not (ctx.pure or m["h"][0].isupper()):
        return None
    if ctx.published is None:
        return None, None, "day"
    when = _holidays()[" ".join(m["h"].lower().replace("’", "'").split())]
    p = ctx.published
    cands = [(d, d) for y in (p.year - 1, p.year, p.year + 1) if (d := _holiday_date(when, y))]
    start, end = _place(cands, p, ctx.tense_of(m.start(), m.end()), slack=_SLACK["day"])
    return start, end, "day"


def _h_present(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    word = m.group(0).lower()
    if word == "now" and not ctx.pure and _discourse_now(m, ctx):
        return None
    return ctx.published, ctx.published, None


def _discourse_now(m: re.Match[str], ctx: _Ctx) -> bool:
    """'Now, ...' opening a sentence, 'now that', 'now-defunct' are not dates."""
    after = ctx.after(m.end(), 6)
    if after.startswith("-") or re.match(r"\s+that\b", after):
        return True
    before = ctx.before(m.start(), 3).strip()
    return after.startswith(",") and (not before or before[-1] in ".!?\"“\n")


def _h_past_ref(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    return None, ctx.published, None


def _h_future_ref(m: re.Match[str], ctx: _Ctx) -> _Range | None:
    return ctx.published, None, None


@functools.cache
def _patterns(ignore_case: bool = False) -> tuple[_Pattern, ...]:
    """All patterns, most specific first; compiled once per process (`normalise` ignores case)."""
    b = r"(?<![\w-])"
    e = r"(?![\w])"
    rel_unit = r"(?P<unit>(?i:week|month|year|quarter|weekend|decade))"
    specs: list[tuple[str, str, Callable[[re.Match[str], _Ctx], _Range | None]]] = [
        ("iso", rf"{b}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])", _h_iso),
        ("numeric", rf"{b}(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d\d)(?![\d.]\d)",
         _h_numeric),
        ("month_day", rf"{b}(?:{_WEEKDAY},?\s+)?(?P<mon>{_MONTH_D})\s+(?P<d>{_DAY})(?:\s*[-–]\s*(?P<d2>{_DAY}))?"
                      rf"(?:,?\s+(?P<y>{_YEAR}))?{e}", _h_month_day),
        ("day_month", rf"{b}(?:{_WEEKDAY},?\s+)?(?i:the\s+)?(?P<d>{_DAY})(?:\s*[-–]\s*(?P<d2>{_DAY}))?"
                      rf"(?i:\s+of)?\s+(?P<mon>{_MONTH_D})(?:,?\s+(?P<y>{_YEAR}))?{e}", _h_month_day),
        ("month_year", rf"{b}{_MOD}(?P<mon>{_MONTH_D})(?:\s*[-–]\s*(?P<mon2>{_MONTH_D}))?,?\s+(?i:of\s+)?"
                       rf"(?P<y>{_YEAR}){e}", _h_month_year),
        ("quarter", rf"{b}(?i:the\s+)?(?:(?P<y>{_YEAR})\s+)?{_RY0}(?:(?i:fiscal)\s+)?"
                    rf"(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-](?i:quarter)(?:\s+(?i:of\s+)?(?:(?P<y2>{_YEAR})|(?P<ry>(?i:last|this|"
                    rf"next))\s+(?i:year)))?{e}"
                    rf"|{b}(?P<q_>Q[1-4])(?:\s+(?P<y_>{_YEAR}))?{e}", _h_quarter),
        ("year_ago", rf"{b}(?i:year[\s-](?:earlier|ago)(?P<q>\s+(?:quarter|period))?){e}", _h_year_ago),
        ("the_quarter", rf"{b}(?i:the\s+(?:(?P<which>latest|last|most\s+recent|recent|previous|current)\s+)?"
                        rf"quarter){e}(?!\s+(?i:of|century|mile|point|inch|percent))", _h_the_quarter),
        ("decade", rf"{b}(?i:the\s+)?{_MOD}(?i:the\s+)?(?:(?P<y>1[6-9]\d0|20\d0)'?s|'(?P<yy>\d0)s|"
                   rf"(?P<c>(?i:nineteen|twenty)-?)?(?P<dw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))){e}",
         _h_decade),
        ("season", rf"{b}{_MOD}(?:{_REL}\s+|(?i:the)\s+)?(?P<season>(?i:spring|summer|fall|autumn|winter))"
                   rf"(?:\s+(?i:of\s+)?(?P<y>{_YEAR}))?{e}", _h_season),
        ("relday", rf"{b}{_DAYPART}(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
                   rf"yesterday|today|tonight|tomorrow)){_PART}{e}", _h_relday),
        ("weekday", rf"{b}{_DAYPART}(?:{_REL}\s+)?(?P<wd>{_WEEKDAY}){_PART}{e}", _h_weekday),
        ("relunit", rf"{b}{_MOD}{_REL}\s+{rel_unit}{e}", _h_relunit),
        ("mod_unit", rf"{b}(?P<mod>(?i:(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+))(?P<rel>(?i:the))\s+"
                     rf"(?P<unit>(?i:week|month|year|quarter|decade)){e}", _h_relunit),
        ("year_end", rf"{b}(?P<mod>)(?P<rel>)(?P<unit>(?i:year))[-\s](?i:end){e}", _h_year_end),
        ("the_weekend", rf"{b}(?i:the\s+weekend){e}", _h_the_weekend),
        ("ago", rf"{b}(?i:(?:about|nearly|almost|roughly|some|more\s+than|over|only|just)\s+)?"
                rf"(?P<n>(?i:{_NUM}|several|a\s+few|few|some|many|a\s+couple\s+of))\s+"
                rf"(?P<unit>(?i:days?|weeks?|months?|quarters?|years?|decades?))\s+"
                rf"(?P<dir>(?i:ago|earlier|later|before|previously|from\s+now|hence)){e}", _h_ago),
        ("year", rf"{b}{_MOD}(?P<fy>(?i:fiscal)\s+)?(?P<y>{_YEAR})(?:[-–](?P<y2>{_YEAR}|\d\d))?(?![\w%.,]\d)(?!-)"
                 rf"(?!\s*(?i:percent|per\s+cent|people|soldiers|troops|times|dollars|euros))", _h_year),
        ("month_rel_year", rf"{b}{_MOD}(?P<mon>{_MONTH_D})\s+(?P<ry>(?i:this|last|next))\s+(?i:year){e}",
         _h_month_rel_year),
        ("month", rf"{b}{_MOD}(?:{_REL}\s+)?(?P<mon>{_MONTH}){e}", _h_month),
        ("holiday", rf"{b}(?P<h>{_holiday_names()}){e}", _h_holiday),
        ("present", rf"{b}(?i:now|currently|right\s+now|at\s+present|nowadays|these\s+days){e}", _h_present),
        ("past_ref", rf"{b}(?i:recently|recent\s+(?:years|months|weeks|days)|(?<=in\s)the\s+past(?!\s+\w+\s+"
                     rf"(?:days|weeks|months|years)|\s+(?:day|week|month|year|decade)s?)){e}", _h_past_ref),
        ("future_ref", rf"{b}(?i:the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|in\s+future|"
                       rf"(?:the\s+)?coming\s+(?:days|weeks|months|years)){e}", _h_future_ref),
    ]
    flags = re.IGNORECASE if ignore_case else 0
    gates = {} if ignore_case else _gates()
    return tuple(_Pattern(name, re.compile(rx, flags), h, gates.get(name)) for name, rx, h in specs)


def _gates() -> dict[str, _Gate]:
    """What each case-sensitive pattern cannot match without (the words or regexes it requires, read off the
    patterns above: keep them in step). A pattern whose gate fails is not run on the text."""
    months = _gate(cased=r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")  # every _MONTH_D starts so
    units = _gate(("week", "month", "year", "quarter", "decade"))
    return {
        "iso": _gate(cased=r"\d-\d\d-\d"),
        "numeric": _gate(cased=r"\d[/.]\d\d?[/.]\d"),
        "month_day": months, "day_month": months, "month_year": months, "month_rel_year": months, "month": months,
        "quarter": _gate(("quarter",), cased=r"Q[1-4]"),
        "year_ago": _gate(("year",)),
        "the_quarter": _gate(("quarter",)),
        "decade": _gate(("ties",), cased=r"0'?s"),
        "season": _gate(("spring", "summer", "fall", "autumn", "winter")),
        "relday": _gate(("yesterday", "today", "tonight", "tomorrow")),
        "weekday": _gate(cased=r"Mon|Tue|Wed|Thu|Fri|Sat|Sun"),
        "relunit": units,
        "mod_unit": units,
        "year_end": _gate(("year",)),
        "the_weekend": _gate(("weekend",)),
        "ago": _gate(("day", "week", "month", "quarter", "year", "decade")),
        "year": _gate(cased=r"(?:1[6-9]|20)\d\d"),
        "present": _gate(("now", "currently", "present", "days")),
        "past_ref": _gate(("recent", "past")),
        "future_ref": _gate(("future", "coming")),
    }


# ---------------------------------------------------------------------------- qualifiers and tense

_QUALIFIER = re.compile(
    r"(?i:(?P<q>as\s+early\s+as|as\s+late\s+as|no\s+later\s+than|not\s+before|by|until|till|since|before|after|"
    r"from|starting|beginning|as\s+of|through|around))\s+$"
)


def _qualifier(text: str, start: int) -> str | None:
    m = _QUALIFIER.search(text, max(0, start - 25), start)
    return " ".join(m["q"].lower().split()) if m else None


def _tense(doc: Doc | None, start: int, end: int) -> str | None:
    """'past', 'future', 'present' or None, from the verb that governs the characters `[start, end)`."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            tense = _verb_tense(token)
            if tense in ("past", "future", "present"):
                return tense
            if tense == "infinitive" and token.head.lemma_ == "be":
                return "future"  # "is to resume trading Tuesday"
        if token.head is token:
            return None
        token = token.head
    return None


def _verb_tense(verb) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or "going" in words:
        return "future"
    if verb.lemma_.lower() in _FUTURE_LEMMAS:
        return "future"  # "planned a demonstration on Saturday", "expects to report in January"
    if verb.tag_ == "VB" and ("to" in words or any(c.lower_ == "to" for c in verb.children)):
        return "infinitive"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or words & {"has", "have", "'ve"}:
        return "past"
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return "future"  # present progressive with a date: "is meeting on Friday"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl") and not auxes:
        return "past"  # reduced relative: "statements made Friday", "the plan, announced Friday"
    if verb.tag_ == "VB" and words & {"would", "could", "might", "may", "should", "must", "can"}:
        return "future"
    return None


# ---------------------------------------------------------------------------- public API


def _as_date(published: datetime | date | None) -> date | None:
    if published is None:
        return None
    return published.date() if isinstance(published, datetime) else published


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def normalise(text: str, published: datetime | None, tense: str | None = None) -> Norm | None:
    """(start, end, granularity) of one temporal expression, or None when it is not a date.

    `tense` ("past", "future", "present") places expressions without a year; events pass their clause's.
    """
    phrase = text.strip()
    ctx = _Ctx(text=phrase, published=_as_date(published), tense_of=lambda s, e: tense, pure=True)
    for pattern in _patterns(True):
        m = pattern.regex.fullmatch(phrase)
        if m is None:
            continue
        result = pattern.handler(m, ctx)
        if result is not None:
            return _iso(result[0]), _iso(result[1]), result[2]
    return _fallback(phrase, ctx.published, tense)


def extract_dates(doc: Doc, analysis: Analysis) -> list[DateRef]:
    """Every temporal expression in the article, normalised against `article.published`."""
    text = analysis.article.text
    published = _as_date(analysis.article.published)
    parsed = doc if len(doc) else None
    ctx = _Ctx(text=text, published=published, tense_of=functools.partial(_tense, parsed), doc=parsed)
    found = _match_patterns(text, ctx)
    taken = [(r.span[0], r.span[1]) for r in found]
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        ref = _from_entity(ent.text, ent.start_char, ctx)
        if ref is not None:
            found.append(ref)
    found.sort(key=lambda r: r.span)
    if len(doc):
        _anchor_year_shifts(found, doc)
    return found


_FINE = ("day", "week", "month", "quarter", "season")


_YEARS = re.compile(r"(?i)\b(\d+|[a-z]+)\s+years?\b")


def _years_back(phrase: str) -> int | None:
    """How many years 'a year earlier', 'two years ago', 'year-ago' count back (None for decades)."""
    if "decade" in phrase.lower():
        return None
    m = _YEARS.search(phrase)
    if m is None:
        return 1
    word = m[1].lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word, 1)


def _anchor(before: list[DateRef], sentence_start: int, ref: DateRef, years: int | None) -> DateRef | None:
    """The date `ref` counts from: a finer date earlier in its sentence, else a quarter shortly before."""
    for r in reversed(before):
        if not (r.start and r.end) or (r.rule or "").split(":")[0].split("+")[0] in ("ago", "year_ago"):
            continue
        if r.span[0] >= sentence_start and (r.granularity in ("month", "quarter", "season")
                                            or r.granularity == "day" and years == 1):
            return r
        if r.span[0] >= ref.span[0] - 600 and r.granularity == "quarter":
            return r
    return None


def _anchor_year_shifts(refs: list[DateRef], doc: Doc) -> None:
    """'a year earlier' after a finer date in the same sentence is that date a year before.

    "third-quarter profit rose from a year earlier" compares quarters: the year-earlier quarter.
    """
    for i, ref in enumerate(refs):
        if ref.granularity != "year" or ref.start is None or (ref.rule or "").split(":")[0] not in ("ago", "year_ago"):
            continue
        sent = doc.char_span(ref.span[0], ref.span[1], alignment_mode="expand")
        if sent is None:
            continue
        years = _years_back(ref.text)
        anchor = _anchor(refs[:i], sent.sent.start_char, ref, years)
        if years is None or anchor is None or anchor.start is None or anchor.end is None:
            continue
        start = _shift(date.fromisoformat(anchor.start), "year", -years)
        end = _shift(date.fromisoformat(anchor.end), "year", -years)
        if anchor.granularity in ("month", "quarter", "season"):
            end = _month_end(end.year, end.month)
        ref.start, ref.end, ref.granularity = start.isoformat(), end.isoformat(), anchor.granularity
        ref.rule = (ref.rule or "") + "+anchored"


def _match_patterns(text: str, ctx: _Ctx) -> list[DateRef]:
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    lower = text.lower() if text.isascii() else None
    for priority, pattern in enumerate(_patterns()):
        if pattern.gate is not None and not pattern.gate.admits(text, lower):
            continue  # a word the pattern needs is missing: it would find nothing
        for m in pattern.regex.finditer(text):
            candidates.append((m.start(), -(m.end() - m.start()), priority, m))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    out: list[DateRef] = []
    last_end = -1
    for start, _, priority, m in candidates:
        if start < last_end:
            continue
        pattern = _patterns()[priority]
        result = pattern.handler(m, ctx)
        if result is None:
            continue
        last_end = m.end()
        out.append(_ref(text, m.start(), m.end(), result, pattern.name))
    return out


def _ref(text: str, start: int, end: int, result: _Range, rule: str) -> DateRef:
    qualifier = _qualifier(text, start)
    return DateRef(text=text[start:end], span=(start, end), start=_iso(result[0]), end=_iso(result[1]),
                   granularity=result[2], rule=f"{rule}:{qualifier}" if qualifier else rule)


_DURATION = re.compile(
    r"(?i)^(?:the\s+)?(?:(?:past|last|next|first|following|previous|coming|more\s+than|about|nearly|almost|over|"
    r"some|only|just|another|\d+|[a-z]+)[\s-]+)*(?:\d+|[a-z]+|half)[\s-]+(?:and\s+a\s+half\s+)?"
    r"(?:days?|weeks?|months?|years?|decades?|centuries|century|hours?|minutes?|nights?|quarters?)(?:\s+old|-old)?$"
)
# dateparser reads almost any number as a date: only phrases with a month or a numeric date go to it.
_FALLBACK_OK = re.compile(r"(?<![\d.])(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}[/.-]\d{1,2})(?![\d.])"
                          r"|\b\d{1,2}(?:st|nd|rd|th)\b|(?i:\b(?:" + "|".join(_MONTHS) + r")\b)")


def _from_entity(phrase: str, start: int, ctx: _Ctx) -> DateRef | None:
    """A spaCy DATE entity our patterns missed: parsed by dateparser unless it is a duration."""
    if _DURATION.match(phrase) or not _FALLBACK_OK.search(phrase) or _MONEY.search(phrase):
        return None
    result = _fallback(phrase, ctx.published, ctx.tense_of(start, start + len(phrase)))
    if result is None:
        return None
    return DateRef(text=phrase, span=(start, start + len(phrase)), start=result[0], end=result[1],
                   granularity=result[2], rule="dateparser")


@functools.cache
def _date_parser():
    """One dateparser parser per process (building one loads its locale data, ~0.5 s)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RETURN_TIME_AS_PERIOD": True, "PREFER_DAY_OF_MONTH": "first",
                                                      "RELATIVE_BASE": datetime(2000, 1, 1)})


_MONEY = re.compile(r"[$€£¥%]|(?i:\b(?:dollars?|euros?|pounds?|cents?|percent)\b)")
_HAS_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b|'\d\d\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")


def _fallback(phrase: str, published: date | None, tense: str | None) -> Norm | None:
    """dateparser on a phrase our patterns missed; a missing year is placed by `_place`, as ours are."""
    if _DURATION.match(phrase) or not _FALLBACK_OK.search(phrase):
        return None
    data = _date_parser().get_date_data(phrase)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period if data.period in ("year", "month", "week") else "day"
    start, end = (d, d) if period == "day" else _unit_range(period, d)
    if not _HAS_YEAR.search(phrase) and period in ("day", "month"):
        if published is None:
            return None, None, period
        start, end = _place(_year_candidates(start, end, published), published, tense, slack=_SLACK[period])
    return start.isoformat(), end.isoformat(), period


def _year_candidates(start: date, end: date, published: date) -> list[tuple[date, date]]:
    """The same day or month in the year before, of and after publication."""
    out = []
    for y in (published.year - 1, published.year, published.year + 1):
        a = _safe_date(y, start.month, start.day)
        if a is not None:
            b = a if start == end else _month_end(y, a.month)
            out.append((a, b))
    return out
