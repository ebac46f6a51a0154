"""Known news outlets (kb/data/outlets.tsv): their canonical names, countries and newsroom time zones."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Outlet", "find_outlet", "outlets"]


@dataclass(frozen=True)
class Outlet:
    """A news outlet as listed in outlets.tsv."""

    name: str
    country: str
    timezone: str


@cache
def outlets() -> dict[str, Outlet]:
    """Every known name and alias of an outlet, mapped to the outlet."""
    table: dict[str, Outlet] = {}
    text = resources.files("newsgraph").joinpath("kb/data/outlets.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, aliases, country, zone = (line.split("\t") + ["", "", ""])[:4]
        outlet = Outlet(name.strip(), country.strip(), zone.strip())
        for alias in [name, *aliases.split("|")]:
            if alias.strip():
                table[alias.strip()] = outlet
    return table


@cache
def _pattern() -> re.Pattern[str]:
    # Longest names first so "The Kyiv Independent" wins over "The Independent"; whole words only.
    names = sorted(outlets(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def find_outlet(text: str | None) -> Outlet | None:
    """The first known outlet named in `text` ("the ARD studio in Moscow" -> ARD), or None."""
    if not text:
        return None
    match = _pattern().search(text)
    if match:
        return outlets()[match.group(0)]
    return _folded().get(text.strip().casefold())


@cache
def _folded() -> dict[str, Outlet]:
    # Case-blind lookup of a whole name ("reuters"); short acronyms stay case-sensitive.
    return {k.casefold(): v for k, v in outlets().items() if len(k) > 4}
