"""Find the places a sentence names and how precisely it places its action.

"in the village of X" names the place itself (geo_precision 1); "north of X", "1-2 km from X",
"the X railway station" place it near X (2); "east Aleppo countryside", "northern Hama",
"the province of Aleppo" name a region (3). Transliterated village names are often missed by a
statistical NER, so these patterns work on capitalised word sequences; the gazetteer decides
later whether a name is a real place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARTICLE = r"(?:al|el|ad|ash|as|at|ar|an|az|ath|adh|ibn|bin|bani|abu|umm|wadi|tal|tell)"
# A word of a name: capitalised, with digits allowed after the first letter (T4) and hyphenated parts.
_WORD = r"[A-Z][a-zA-Z0-9'’`]*(?:-[A-Za-z][a-zA-Z'’`]*)*"
# A name may open with a lower-case article ("al-Bab", "al-Fu’aa"), as Syrian place names often do.
_NAME = (
    rf"(?:{_PARTICLE}-)?{_WORD}"
    rf"(?:\s+(?:{_PARTICLE}[-\s])?{_WORD}|\s*-\s*{_PARTICLE}-{_WORD}|\s+{_PARTICLE}-[A-Za-z][a-zA-Z'’]*){{0,4}}"
)
_DIRECTION = (
    r"north|south|east|west|north-?east|north-?west|south-?east|south-?west|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|central|rural"
)
_SETTLEMENT = r"village|villages|town|towns|city|cities|hamlet|area|district|neighbou?rhood|suburb|camp"
_SITE = (
    r"railway station|train station|station|airport|air base|airbase|military base|base|dam|sugar factory|factory|"
    r"hospital|checkpoint|hill|bridge|roundabout|crossing|prison|oil field|gas field|power station|silos|junction"
)
_ADJ = r"(?:(?:strategic|key|nearby|small|besieged|rebel-held|government-held|nearby|border|frontline)\s+)?"

_PATTERNS: list[tuple[str, int, re.Pattern[str]]] = [
    # role, precision, pattern with a group "name"
    (
        "relative",
        2,
        re.compile(
            rf"(?i:\b(?:(?:{_DIRECTION}|outskirts|vicinity|edges?|kilometres|kilometers|km|miles)\s+(?:of|from)|"
            rf"near|outside|around|close to|nearby))\s+(?i:the\s+)?{_ADJ}(?:(?i:{_SETTLEMENT})\s+of\s+)?"
            rf"(?P<name>{_NAME})"
        ),
    ),
    ("site", 2, re.compile(rf"(?P<name>{_NAME})\s+(?i:{_SITE})\b")),
    # "Idlib and Hama countryside", "the countryside of Idlib and Hama": the region word covers both names.
    (
        "region",
        3,
        re.compile(
            rf"(?P<name>{_NAME})(?:\s*,\s*{_NAME})*\s*(?:,\s*)?(?i:and)\s+{_NAME}(?:[’']s)?\s+"
            r"(?i:countrysides?|provinces|governorates|regions)\b"
        ),
    ),
    (
        "region",
        3,
        re.compile(
            rf"(?i:\b(?:provinces?|governorates?|countrysides?)\s+of\s+(?:the\s+)?){_NAME}"
            rf"(?:\s*,\s*{_NAME})*\s*(?:,\s*)?(?i:and)\s+(?P<name>{_NAME})"
        ),
    ),
    (
        "region",
        3,
        re.compile(
            rf"(?:(?i:\b(?:{_DIRECTION})\s+))?(?P<name>{_NAME})(?:[’']s)?\s+(?i:countrysides?|provinces?|"
            r"governorates?|region|desert|plains|front)\b"
        ),
    ),
    (
        "region",
        3,
        re.compile(
            rf"(?i:\b(?:province|governorate|region|(?:(?:{_DIRECTION})\s+)?countryside)\s+of\s+(?:the\s+)?)"
            rf"(?P<name>{_NAME})"
        ),
    ),
    ("region", 3, re.compile(rf"(?i:\b(?:{_DIRECTION})\s+)(?P<name>{_NAME})")),
    (
        "locus",
        1,
        re.compile(rf"(?i:\bthe\s+)?{_ADJ}(?i:{_SETTLEMENT})\s+of\s+(?P<name>{_NAME})"),
    ),
    ("locus", 1, re.compile(rf"(?P<name>{_NAME})\s+(?i:city|town|village)\b")),
    ("locus", 1, re.compile(rf"(?i:\b(?:in|at|inside|into|on)\s+)(?P<name>{_NAME})")),
    # "clashes in Raqqa and Hasakah": the preposition covers both names.
    ("locus", 1, re.compile(rf"(?i:\b(?:in|at|inside|on)\s+){_NAME}\s+(?i:and)\s+(?P<name>{_NAME})")),
]

_NOT_PLACES = {
    "the", "on", "in", "at", "a", "an", "by", "however", "according", "it", "this", "that", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "warplanes", "isis", "saa",
}  # fmt: skip


# A country is never an event's place (ACLED codes no country-level events): the region or nothing.
_COUNTRIES = {
    "syria", "iraq", "turkey", "russia", "iran", "israel", "lebanon", "jordan", "yemen", "afghanistan",
    "nigeria", "ukraine", "libya", "somalia", "sudan", "mali", "egypt", "pakistan", "india",
}  # fmt: skip


@dataclass
class PlaceHit:
    """A place name in a sentence: offsets (into the document), role and the precision it allows."""

    name: str
    start: int
    end: int
    role: str  # locus | relative | site | region
    precision: int


def find_places(text: str, offset: int = 0, exclude: list[tuple[int, int]] | None = None) -> list[PlaceHit]:
    """Places named in `text` (one sentence), in order; `exclude` spans (actors) are never places."""
    exclude = exclude or []
    hits: list[PlaceHit] = []
    for role, precision, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            name, start = _clean(m.group("name"), m.start("name"))
            if not name:
                continue
            end = start + len(name)
            if any(s < end + offset and start + offset < e for s, e in exclude):
                continue
            if any(h.start == start + offset for h in hits):
                continue  # an earlier, more specific pattern already read this name
            hits.append(PlaceHit(name, start + offset, end + offset, role, precision))
    hits.sort(key=lambda h: h.start)
    return hits


def name_after(text: str, pos: int) -> tuple[str, int] | None:
    """The place name that directly follows `pos` ("liberates Rasm Ayn Ahmar"), with its offset."""
    m = re.compile(rf"\s+(?i:the\s+)?(?P<name>{_NAME})").match(text, pos)
    if not m:
        return None
    name, start = _clean(m.group("name"), m.start("name"))
    return (name, start) if name else None


def _clean(name: str, start: int) -> tuple[str, int]:
    """Drop leading words that are not names (The, On, weekdays) and reject what is left if empty."""
    words = name.split()
    while words and words[0].lower() in _NOT_PLACES:
        start += len(words[0])
        rest = name[len(words[0]) :]
        start += len(rest) - len(rest.lstrip())
        name = rest.lstrip()
        words = words[1:]
    name = re.sub(r"[’']s$", "", name)  # "Hama’s countryside" is Hama's
    if not words or name.lower() in _NOT_PLACES or name.lower() in _COUNTRIES:
        return "", start
    return name, start
