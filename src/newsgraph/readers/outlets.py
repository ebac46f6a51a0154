"""Known news outlets (kb/data/outlets.tsv): their canonical names, countries and newsroom time zones."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

import pycountry

__all__ = ["Outlet", "find_outlet", "outlets", "url_country"]


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


# Country-code domains sold worldwide for other meanings (.tv, .io, .fm), which say nothing of where a site is.
_GENERIC_CC = frozenset("ac ai am cc co fm gg io la ly me nu sh so to tv ws".split())


def url_country(url: str | None) -> str | None:
    """The country of an article's site: the outlet its host names (outlets.tsv), else its country-code
    domain ("www.irishtimes.ie" -> IRL, "bbc.co.uk" -> GBR); None for .com, .org and the like."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").rstrip(".")
    labels = [label for label in host.split(".") if label != "www"]
    known = find_outlet(host) or (find_outlet(labels[0]) if labels else None)  # "reuters" of www.reuters.com
    if known is not None and known.country:
        return known.country
    code = host.rpartition(".")[2]
    if len(code) != 2 or code in _GENERIC_CC:
        return None
    country = pycountry.countries.get(alpha_2="GB" if code == "uk" else code.upper())
    return country.alpha_3 if country is not None else None
