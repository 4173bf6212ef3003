"""Numbers as reports write them, and the casualty figures they carry.

`parse_number` reads one number phrase ("more than 2,000", "twenty-five", "dozens of") into a value and
a qualifier, with ACLED's readings of vague words (several = 3, dozens = 12, hundreds = 100).
`find_casualties` finds people killed, injured or captured in either word order ("killed 5 civilians",
"5 civilians were killed", "left 3 dead and 10 wounded").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Qualifier wordings, longest first, each mapped to one of the canonical qualifiers.
_QUALIFIERS = {
    "more than": "more than",
    "over": "more than",
    "upwards of": "more than",
    "in excess of": "more than",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "a minimum of": "at least",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "up to": "up to",
    "as many as": "up to",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
}

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# ACLED's readings of vague amounts (codebook: several/a few = 3, tens = 10, dozens = 12, hundreds = 100).
_VAGUE = {
    "a few": 3,
    "few": 3,
    "several": 3,
    "many": 3,
    "numerous": 3,
    "a number of": 3,
    "a handful of": 3,
    "tens": 10,
    "dozens": 12,
    "scores": 12,
    "hundreds": 100,
    "thousands": 1000,
    "a dozen": 12,
    "dozen": 12,
    "a couple of": 2,
    "a couple": 2,
    "a pair of": 2,
    "a": 1,
    "an": 1,
}


def _alt(words: list[str] | set[str] | dict[str, object]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_SMALL = rf"(?:(?:{_alt(_TENS)})(?:[- ](?:{_alt(_UNITS)}))?|(?:{_alt(_UNITS)}))"
_WORD_NUM = (
    rf"(?:(?:{_WORD_SMALL}|a)\s+(?:hundred|thousand|million)"
    rf"(?:(?:\s+and)?\s+{_WORD_SMALL}(?:\s+(?:hundred|thousand))?)*|{_WORD_SMALL})"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s+(?:hundred|thousand|million))?"
_VAGUE_RX = rf"(?:(?:{_alt(_VAGUE)})(?:\s+of)?)"
_ONE = rf"(?:{_DIGITS}|{_WORD_NUM}|{_VAGUE_RX})"

# One number phrase: optional qualifier, a number or a vague amount, or a range ("10-15", "between 3 and 5").
NUMBER_PATTERN = (
    rf"(?:(?:{_alt(_QUALIFIERS)})\s+)?"
    rf"(?:between\s+{_ONE}\s+and\s+{_ONE}|{_ONE}(?:\s*(?:-|–|to|or)\s*(?:{_DIGITS}|{_WORD_NUM}))?)(?!\w)"
)


@dataclass
class Number:
    """A number as written: its value (ACLED's reading for vague words) and its qualifier."""

    value: int
    qualifier: str | None


def _single(phrase: str) -> int | None:
    """The value of one number without qualifier or range, or None when it is not a number."""
    p = re.sub(r"\s+", " ", phrase.strip().lower())
    p = re.sub(r"\s+of$", "", p)
    if p in _VAGUE:
        return _VAGUE[p]
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+)(?: (hundred|thousand|million))?", p)
    if m:
        value = int(m.group(1).replace(",", ""))
        return value * _SCALES[m.group(2)] if m.group(2) else value
    return _words_value(p)


def _words_value(p: str) -> int | None:
    total, current, seen = 0, 0, False
    for token in re.split(r"[\s-]+", p.replace(" and ", " ")):
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "a" and not seen:
            current += 1
        elif token in _SCALES:
            scale = _SCALES[token]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(phrase: str) -> Number | None:
    """Read one number phrase ("more than 2,000", "twenty-five", "dozens of") into a Number, else None."""
    p = re.sub(r"\s+", " ", phrase.strip().lower())
    qualifier = None
    for wording in sorted(_QUALIFIERS, key=len, reverse=True):
        if p.startswith(wording + " "):
            qualifier, p = _QUALIFIERS[wording], p[len(wording) + 1 :]
            break
    m = re.fullmatch(r"between (.+?) and (.+)", p) or re.fullmatch(r"(.+?)\s*(?:-|–| to | or )\s*(.+)", p)
    if m and not re.fullmatch(_WORD_NUM, p):
        low, high = _single(m.group(1)), _single(m.group(2))
        if low is not None and high is not None:
            # ACLED takes the lowest of a range; the range itself means "at least" that.
            return Number(min(low, high), qualifier or "at least")
    value = _single(p)
    return None if value is None else Number(value, qualifier)


# People a casualty figure can count; "others" covers "killed 5 soldiers and wounded 3 others".
_PEOPLE = [
    "people",
    "persons",
    "person",
    "individuals",
    "civilians",
    "civilian",
    "residents",
    "resident",
    "villagers",
    "villager",
    "inhabitants",
    "locals",
    "children",
    "child",
    "kids",
    "women",
    "woman",
    "men",
    "man",
    "boys",
    "boy",
    "girls",
    "girl",
    "infants",
    "soldiers",
    "soldier",
    "troops",
    "servicemen",
    "serviceman",
    "personnel",
    "members",
    "member",
    "fighters",
    "fighter",
    "militants",
    "militant",
    "jihadists",
    "jihadist",
    "terrorists",
    "terrorist",
    "insurgents",
    "insurgent",
    "rebels",
    "rebel",
    "gunmen",
    "gunman",
    "combatants",
    "combatant",
    "mercenaries",
    "mercenary",
    "recruits",
    "recruit",
    "commanders",
    "commander",
    "leaders",
    "leader",
    "officers",
    "officer",
    "policemen",
    "policeman",
    "police",
    "guards",
    "guard",
    "militiamen",
    "militiaman",
    "elements",
    "element",
    "operatives",
    "operative",
    "attackers",
    "attacker",
    "assailants",
    "assailant",
    "bombers",
    "bomber",
    "snipers",
    "sniper",
    "protesters",
    "protester",
    "demonstrators",
    "demonstrator",
    "workers",
    "worker",
    "journalists",
    "journalist",
    "doctors",
    "doctor",
    "students",
    "student",
    "pilots",
    "pilot",
    "crew",
    "others",
    "hostages",
    "hostage",
    "prisoners",
    "prisoner",
    "detainees",
    "detainee",
]
# Nouns that are themselves the figure ("12 casualties", "3 deaths"), with the kind they imply.
_TOLL_NOUNS = {
    "casualties": "killed_or_injured",
    "casualty": "killed_or_injured",
    "deaths": "killed",
    "death": "killed",
    "fatalities": "killed",
    "fatality": "killed",
    "bodies": "killed",
    "injuries": "injured",
}
# Participles that stand for people when they follow a number directly ("3 dead", "10 wounded").
_TOLL_STATES = {"dead": "killed", "killed": "killed", "wounded": "injured", "injured": "injured"}
# Words that end a noun phrase: a modifier before the head noun is never one of these.
_STOP = [
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "near",
    "from",
    "to",
    "with",
    "by",
    "for",
    "during",
    "after",
    "before",
    "since",
    "who",
    "that",
    "which",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "be",
    "being",
    "the",
    "a",
    "an",
    "their",
    "its",
    "his",
    "her",
    "our",
    "killed",
    "wounded",
    "injured",
    "dead",
]

# "lost 20 fighters" reports them killed.
_KILL = (
    r"kill(?:ed|ing|s)?|lost|los(?:e|es|ing)|slew|slain|slaughter(?:ed|ing|s)?|massacr(?:ed|ing|es)|"
    r"execut(?:ed|ing|es)"
)
_INJURE = r"injur(?:ed|ing|es)|wound(?:ed|ing|s)?|hurt(?:ing|s)?|maim(?:ed|ing|s)?"
_CAPTURE = (
    r"captur(?:ed|ing|es)|arrest(?:ed|ing|s)?|abduct(?:ed|ing|s)?|kidnap(?:ped|ping|s)?|"
    r"detain(?:ed|ing|s)?|seiz(?:ed|ing|es)"
)
# An upper-case acronym ("12 IS fighters") is a modifier even when it spells a stop word.
_MODIFIER = rf"(?:(?-i:[A-Z]{{2,6}})\s+|(?!(?:{'|'.join(_STOP)})\b)[A-Za-z][\w'’-]*\s+)"
_NUM = rf"(?P<num>{NUMBER_PATTERN})"
_WHO = rf"(?P<who>{_MODIFIER}{{0,3}}(?:{_alt(_PEOPLE)}))\b"
_PASSIVE = (
    r"(?:,?\s*(?:who|that))?(?:\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|got))?"
    r"(?:\s+(?:reportedly|allegedly|also|all|confirmed|reported))?\s+"
)
_TAKEN = r"(?:prisoners?|captives?|hostages?)"
# Whose they were: "7 fighters of the Syrian Democratic Forces were killed" (up to six words).
_OF_GROUP = r"(?:\s+(?:of|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?[\w'’-]+)"
# Every rule needs one of these words (substrings suffice: a superset of what the rules match).
_ANY_CASUALTY = re.compile(
    rf"{_KILL}|{_INJURE}|{_CAPTURE}|died|perish|casualt|death|fatalit|bodies|injuries|dead|prisoner|captive|hostage",
    re.I,
)
_YEAR = re.compile(r"(?:19|20)\d\d")

# Each rule: a pattern and how its groups give the kind; applied in order, earlier spans win.
_RULES: list[tuple[re.Pattern[str], str]] = [
    # "took 6 fighters prisoner"
    (re.compile(rf"\b(?:t(?:ook|ake|akes|aking|aken))\s+{_NUM}\s+{_WHO}\s+{_TAKEN}\b", re.I), "captured"),
    # "killed and injured more than 2000 jihadists", "killed 5 civilians", "captured 4 soldiers"
    (
        re.compile(
            rf"\b(?P<verb>(?:{_KILL}|{_INJURE}|{_CAPTURE})(?:\s+(?:and|or|and/or)\s+(?:{_KILL}|{_INJURE}))?)"
            rf"\s+{_NUM}\s+(?:of\s+(?:the\s+|their\s+)?)?{_WHO}",
            re.I,
        ),
        "verb",
    ),
    # "5 civilians were killed", "11 field commanders who were killed", "6 fighters were taken prisoner"
    (
        re.compile(
            rf"(?<![\w-]){_NUM}\s+(?:of\s+(?:the\s+|their\s+)?)?{_WHO}{_OF_GROUP}?{_PASSIVE}"
            rf"(?P<verb>{_KILL}|{_INJURE}|{_CAPTURE}|died|perished|taken\s+{_TAKEN}|lost\s+their\s+lives)\b",
            re.I,
        ),
        "verb",
    ),
    # "at least 23 were killed", "114 have been killed": a bare number as the subject of a passive
    (
        re.compile(
            rf"(?<![\w-]){_NUM}\s+(?:were|have\s+been|had\s+been)(?:\s+(?:reportedly|allegedly|also|all))?\s+"
            rf"(?P<verb>{_KILL}|{_INJURE}|{_CAPTURE})\b",
            re.I,
        ),
        "verb",
    ),
    # "dozens of casualties", "12 civilian casualties"
    (
        re.compile(
            rf"(?<![\w-]){_NUM}\s+(?P<mod>{_MODIFIER}{{0,2}}?)(?P<toll>{_alt(_TOLL_NOUNS)})\b",
            re.I,
        ),
        "toll",
    ),
    # "3 dead and 10 wounded": a participle straight after the number
    (re.compile(rf"(?<![\w-]){_NUM}\s+(?P<mod>)(?P<toll>{_alt(_TOLL_STATES)})\b", re.I), "toll"),
    # "killing 5 and wounding 10": a bare number after the verb, ended by punctuation or a preposition
    (
        re.compile(
            rf"\b(?P<verb>(?:{_KILL}|{_INJURE})(?:\s+(?:and|or)\s+(?:{_KILL}|{_INJURE}))?)\s+{_NUM}"
            rf"(?=\s*(?:[,.;:)]|$|\s(?:and|in|on|at|near|during|including|of\s+them|so\s+far)\b))",
            re.I,
        ),
        "verb",
    ),
]


@dataclass
class CasualtyFigure:
    """People reported killed, injured or captured: the figure, its qualifier and whom it counts."""

    kind: str
    value: int
    qualifier: str | None
    who: str | None
    start: int
    end: int


def _kind_of_verb(verb: str) -> str:
    v = verb.lower()
    killed = re.search(rf"\b(?:{_KILL}|died|perished|lost)", v) is not None
    injured = re.search(rf"\b(?:{_INJURE})", v) is not None
    if killed and injured:
        return "killed_or_injured"
    if killed:
        return "killed"
    if injured:
        return "injured"
    return "captured"


def find_casualties(text: str) -> list[CasualtyFigure]:
    """Every casualty figure in the text (people killed, injured or captured), ordered by position."""
    # Most sentences name no casualty word at all; one cheap search spares them every rule. A
    # sentence is read once per action it holds, so its figures are kept for the next call.
    if not _ANY_CASUALTY.search(text):
        return []
    return list(_casualties(text))


def clear_caches() -> None:
    """Forget the figures kept per sentence (the benchmark times every run from cold)."""
    _casualties.cache_clear()


@lru_cache(maxsize=4096)
def _casualties(text: str) -> tuple[CasualtyFigure, ...]:
    found: list[CasualtyFigure] = []
    taken: list[tuple[int, int]] = []
    for pattern, how in _RULES:
        for m in pattern.finditer(text):
            start = m.start("num")
            end = m.end("who") if "who" in m.groupdict() and m.group("who") else m.end("num")
            if how == "toll":
                end = m.end("toll")
            if any(start < e and s < end for s, e in taken):
                continue
            number = parse_number(m.group("num"))
            if number is None or (not m.groupdict().get("who") and _YEAR.fullmatch(m.group("num").strip())):
                continue  # "in 2017 were killed …" counts nobody
            if how == "toll":
                kind = {**_TOLL_NOUNS, **_TOLL_STATES}[m.group("toll").lower()]
                who = m.group("mod").strip() or None
            else:
                kind = "captured" if how == "captured" else _kind_of_verb(m.group("verb"))
                who = re.sub(r"\s+", " ", m.group("who")) if m.groupdict().get("who") else None
            taken.append((start, end))
            found.append(CasualtyFigure(kind, number.value, number.qualifier, who, start, end))
    found.extend(_continuations(text, found, taken))
    return tuple(sorted(found, key=lambda f: f.start))


_CONTINUATION = re.compile(
    rf"\s*,?\s+(?:and|as\s+well\s+as)\s+{_NUM}\s+{_WHO}(?!{_PASSIVE}(?:{_KILL}|{_INJURE}))", re.I
)


def _continuations(
    text: str, found: list[CasualtyFigure], taken: list[tuple[int, int]]
) -> list[CasualtyFigure]:
    """ "killed 5 civilians and 3 soldiers": a second group after "and" shares the first one's verb."""
    extra: list[CasualtyFigure] = []
    for figure in list(found):
        end = figure.end
        while m := _CONTINUATION.match(text, end):
            start, stop = m.start("num"), m.end("who")
            number = parse_number(m.group("num"))
            if number is None or any(start < e and s < stop for s, e in taken):
                break
            taken.append((start, stop))
            extra.append(
                CasualtyFigure(figure.kind, number.value, number.qualifier, m.group("who"), start, stop)
            )
            end = stop
    return extra
