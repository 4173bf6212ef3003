"""Materiel and weapons named in a report, from the analyst-edited sitrep/data/equipment.yaml.

`find_materiel` gives each item with the count written before it ("115 technical vehicles") and its
possessor ("a tank of the SAA", "their vehicles"); `find_instruments` gives the weapon class an attack
was carried out with ("with an ATGM" → missile, "Warplanes" → air).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.extract.quantities import NUMBER_PATTERN, parse_number
from sitrep.vocab import load_yaml


@dataclass
class MaterielCount:
    """One materiel item named in the text: its class, the count before it (None if none) and its owner."""

    item: str
    count: int | None
    start: int
    end: int
    text: str
    owner: str | None = None


@dataclass
class Instrument:
    """A weapon word and the class it belongs to (air, artillery, missile, explosive, ...)."""

    weapon_class: str
    start: int
    end: int
    text: str


# Words between a number and the item that still leave the number counting it ("7 Syrian tanks").
_NOT_MODIFIER = (
    r"(?:and|or|of|in|on|at|near|from|to|with|by|for|the|a|an|their|its|his|her|our|were|was|"
    r"is|are|has|have|had|which|that|who)"
)
_MODIFIER = rf"(?:(?!{_NOT_MODIFIER}\b)[A-Za-z][\w'’-]*\s+)"
_COUNT_BEFORE = re.compile(rf"(?<![\w-])(?P<num>{NUMBER_PATTERN})\s+{_MODIFIER}{{0,2}}$", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(
    rf"(?:(?<![\w-])(?P<pronoun>their|its|his|her|our)|(?P<name>(?:the\s+)?[A-Z][\w-]*)['’]s)\s+"
    rf"(?:{NUMBER_PATTERN}\s+)?{_MODIFIER}{{0,2}}$",
    re.IGNORECASE,
)
# "of the SAA", "of the Russian and Syrian air forces": capitalised words and the common nouns of armed
# groups, so that the owner stops before a verb ("Warplanes of the Syrian air force targeted ...").
_GROUP_NOUNS = (
    r"army|armies|air|force|forces|troops|regime|government|militants|militia|militias|rebels|group|groups|"
    r"fighters|jihadists|terrorists|opposition|coalition|units?|division|brigade|regiment|battalion|"
    r"navy|guard|guards|police|insurgents|military|enemy|organization|organisation"
)
_OWNER_WORD = rf"(?:[A-Z0-9][\w'’-]*|al-[\w'’-]+|(?:{_GROUP_NOUNS})\b)"
_OWNER_AFTER = re.compile(
    rf"\s+of\s+(?P<owner>(?:the\s+)?{_OWNER_WORD}(?:\s+(?:(?:and|of)\s+(?:the\s+)?)?{_OWNER_WORD}){{0,5}})"
)


def _alias_regex(aliases: list[str], case_sensitive: bool) -> str:
    ordered = sorted({a.strip() for a in aliases if a.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in ordered)
    return body if case_sensitive else f"(?i:{body})"


def _compile(entries: dict[str, Any]) -> list[tuple[str, re.Pattern[str]]]:
    """One pattern per entry: its aliases (exact if capitalised, any case otherwise) and its patterns."""
    compiled = []
    for name, spec in entries.items():
        spec = spec or {}
        aliases = [str(a) for a in spec.get("aliases", [])]
        parts = [
            _alias_regex([a for a in aliases if a.islower() or not any(c.isalpha() for c in a)], False),
            _alias_regex([a for a in aliases if not a.islower() and any(c.isalpha() for c in a)], True),
        ]
        parts = [p for p in parts if p not in ("", "(?i:)")]
        parts += [f"(?i:{p})" for p in spec.get("patterns", [])]
        if parts:
            compiled.append((name, re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])")))
    return compiled


def _longest(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest of overlapping matches, then order them by position."""
    kept: list[tuple[int, int, str]] = []
    for start, end, name in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or e <= start for s, e, _ in kept):
            kept.append((start, end, name))
    return sorted(kept)


class Equipment:
    """The equipment vocabulary: materiel items and weapon classes, each with its aliases."""

    def __init__(self, materiel: dict[str, Any], weapons: dict[str, Any]) -> None:
        self._materiel = _compile(materiel)
        self._weapons = _compile(weapons)

    @classmethod
    def load(cls, path: Path | None = None) -> Equipment:
        """Read the vocabulary from `path`, or from the packaged sitrep/data/equipment.yaml."""
        data = load_yaml("equipment.yaml", path)
        return cls(data.get("materiel") or {}, data.get("weapons") or {})

    @staticmethod
    def _find(patterns: list[tuple[str, re.Pattern[str]]], text: str) -> list[tuple[int, int, str]]:
        found = [(m.start(), m.end(), name) for name, rx in patterns for m in rx.finditer(text)]
        return _longest(found)

    def find_materiel(self, text: str) -> list[MaterielCount]:
        """Every materiel item in the text with its count ("7 tanks" → 7, "a tank" → 1, "tanks" → None)."""
        out = []
        for start, end, item in self._find(self._materiel, text):
            before = text[max(0, start - 60) : start]
            count = None
            if m := _COUNT_BEFORE.search(before):
                number = parse_number(m.group("num"))
                count = number.value if number else None
            owner = None
            if m := _OWNER_AFTER.match(text, end):
                owner = m.group("owner")
            elif m := _POSSESSIVE_BEFORE.search(before):
                owner = m.group("pronoun") or m.group("name")
            out.append(MaterielCount(item, count, start, end, text[start:end], owner))
        return out

    def find_instruments(self, text: str) -> list[Instrument]:
        """Every weapon word in the text with its class ("ATGM" → missile, "mine" → explosive)."""
        return [
            Instrument(weapon_class, start, end, text[start:end])
            for start, end, weapon_class in self._find(self._weapons, text)
        ]
