"""Quantities: how many people, troops, prisoners, weapons an article counts, with their qualifiers.

Design (what a `Quantity` means):
- `unit` is the class of the counted noun, from `resources/quantity_units.tsv`: "up to 9,000 Russian
  soldiers" -> soldier, "civilians"/"people" -> person, "protesters" -> protester. Whether the people
  were killed, injured or arrested is the verb's business: the events layer maps "at least 12 people
  were killed" (unit person) to `size.dead`. Adjectives used as nouns ("12 dead", "30 wounded") count
  people (unit person); the word stays in `text`.
- Only counted nouns from that table make a quantity: money, percentages, distances and years do not.
  One exception: a bare number that is the subject or object of a verb that counts people ("12 were
  killed", "police arrested 300") is a quantity of unit person; its text is the number and qualifier.
- `qualifier` is the words that bound the number ("up to", "at least", "more than", "about", ...).
- Vague amounts keep a lower bound as `value` and name themselves as `qualifier`: "dozens of people" ->
  24 with qualifier "dozens", "hundreds" -> 200, "thousands" -> 2000, "tens of thousands" -> 20000.
- `text`/`span` run from the qualifier to the counted noun: "up to 9,000 Russian soldiers".
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from spacy.tokens import Doc, Token

from newsgraph.errors import ResourceError
from newsgraph.model import Analysis, Quantity

__all__ = ["extract_quantities", "parse_number", "unit_of"]

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "m": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "k": 1000}
# Vague amounts -> their lower bound; the phrase itself becomes the qualifier.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2_000_000,
          "tens of thousands": 20_000, "hundreds of thousands": 200_000, "tens of millions": 20_000_000}

_NUMBER = re.compile(
    r"(?i)(?<![\w.,$€£%-])(?:(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?P<scale>hundred|thousand|million|"
    r"billion|mln|bn)\b)?|(?P<words>(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?\s+)?(?:hundred|thousand|million|"
    r"billion)(?:\s+and\s+\w+)?|(?:(?:a|two|three|four|five|six)\s+)?dozen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)|(?P<vague>tens\s+of\s+thousands|"
    r"hundreds\s+of\s+thousands|tens\s+of\s+millions|dozens|scores|hundreds|thousands|millions)\s+of)(?![\w%])"
)
_QUALIFIER = re.compile(
    r"(?i)(?P<q>up\s+to|at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|over|under|about|around|"
    r"nearly|almost|some|approximately|roughly|close\s+to|as\s+many\s+as|an\s+estimated|well\s+over|"
    r"upwards\s+of|estimated|only|just|another|a\s+further)\s+$"
)
# Words that may stand between the number and its noun: "9,000 Russian soldiers", "200 armed police".
_BETWEEN_POS = {"ADJ", "PROPN", "NOUN", "ADV", "DET"}
_BETWEEN_WORDS = {"of", "-", "armed", "trained", "mobilised", "mobilized", "deployed", "reserve", "additional"}
_MAX_GAP = 4


@functools.cache
def _units() -> dict[str, str]:
    """`resources/quantity_units.tsv` as word -> unit; loaded once per process."""
    text = resources.files("newsgraph.resources").joinpath("quantity_units.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for n, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            raise ResourceError(f"quantity_units.tsv row {n} {line!r} needs two tab-separated columns: word, unit")
        table[parts[0].strip().lower()] = parts[1].strip()
    return table


@functools.cache
def _longest_unit() -> int:
    return max(len(w.split()) for w in _units())


def unit_of(words: str) -> str | None:
    """The unit class of a counted noun phrase ("soldiers" -> "soldier"), or None when we do not count it."""
    return _units().get(" ".join(words.lower().split()))


def parse_number(text: str) -> tuple[int | float, str | None] | None:
    """(value, vague qualifier) of a number phrase: "9,000" -> (9000, None), "dozens of" -> (24, "dozens")."""
    m = _NUMBER.fullmatch(text.strip())
    return _value(m) if m else None


def _value(m: re.Match[str]) -> tuple[int | float, str | None] | None:
    if m["vague"]:
        phrase = " ".join(m["vague"].lower().split())
        return _VAGUE[phrase], phrase
    if m["digits"]:
        number = float(m["digits"].replace(",", ""))
        number *= _SCALES[m["scale"].lower()] if m["scale"] else 1
    else:
        number = _words_value(m["words"].lower())
        if number is None:
            return None
    return (int(number) if float(number).is_integer() else number), None


def _words_value(words: str) -> float | None:
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", words):
        if word in ("a", "and"):
            current = current or (1.0 if word == "a" else 0.0)
            continue
        if word in _WORDS:
            current += _WORDS[word]
        elif word in _SCALES:
            current = (current or 1.0) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return total + current


def extract_quantities(doc: Doc, analysis: Analysis) -> list[Quantity]:
    """Counted people, troops and weapons in the article (see the module docstring for what a value means)."""
    text = analysis.article.text
    dates = [d.span for d in analysis.dates]
    found: list[Quantity] = []
    for m in _NUMBER.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in dates):
            continue
        quantity = _quantity(doc, text, m)
        if quantity is not None:
            found.append(quantity)
    return found


def _quantity(doc: Doc, text: str, m: re.Match[str]) -> Quantity | None:
    parsed = _value(m)
    if parsed is None:
        return None
    value, vague = parsed
    noun_end, unit = _counted_noun(doc, m.start(), m.end())
    if unit is None:
        unit = _casualty_count(doc, m.start(), m.end())
    if unit is None:
        return None
    q = _QUALIFIER.search(text, max(0, m.start() - 20), m.start())
    start = q.start() if q else m.start()
    qualifier = " ".join(q["q"].lower().split()) if q else vague
    return Quantity(text=text[start:noun_end], span=(start, noun_end), value=value, unit=unit, qualifier=qualifier)


def _counted_noun(doc: Doc, start: int, end: int) -> tuple[int, str | None]:
    """The end offset and unit of the noun the number counts, looking a few words ahead."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return end, None
    i = span.end
    for _ in range(_MAX_GAP + 1):
        if i >= len(doc):
            break
        hit = _unit_at(doc, i)
        if hit is not None:
            return hit
        token = doc[i]
        if not _between(token):
            break
        i += 1
    return end, None


# Verbs whose bare-number subject or object counts people: "12 were killed", "killing at least 40".
_PEOPLE_VERBS = frozenset("kill injure wound arrest detain die hurt capture evacuate displace execute abduct "
                          "kidnap rescue free release jail sentence".split())


def _casualty_count(doc: Doc, start: int, end: int) -> str | None:
    """'person' when a bare number is the subject or object of a verb that counts people."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj") or token.pos_ != "NUM":
        return None
    head = token.head.head if token.dep_ == "pobj" else token.head
    return "person" if head.lemma_.lower() in _PEOPLE_VERBS else None


def _unit_at(doc: Doc, i: int) -> tuple[int, str] | None:
    for n in range(min(_longest_unit(), len(doc) - i), 0, -1):
        words = doc[i:i + n]
        unit = unit_of(words.text)
        if unit is not None:
            return words.end_char, unit
    return None


def _between(token: Token) -> bool:
    """May this word stand between a number and its noun ("9,000 Russian soldiers", "one of the troops")?"""
    if token.is_sent_start or token.like_num or token.ent_type_ in ("MONEY", "PERCENT"):
        return False
    hyphenated = token.i > 0 and token.doc[token.i - 1].text == "-"
    adjectival = token.tag_ == "VBN" and (token.dep_ in ("amod", "compound") or hyphenated)
    return token.lower_ in _BETWEEN_WORDS or token.pos_ in _BETWEEN_POS or adjectival
