"""Name folding for place matching: one normal form and one consonant skeleton per name.

`normalize` folds case, diacritics (anyascii), punctuation, Arabic articles and the common
spelling variants of generic words (Tall/Tell, Deir/Dayr, Ras/Ra's, Ain/Ayn …). `skeleton`
goes further and keeps roughly the consonants, so that transliterations of one Arabic name meet:
"Deir Hafer" and "Dayr Hafir" share the skeleton "dyrhfr".
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from anyascii import anyascii

# Arabic definite-article forms as they appear in transliteration, standing alone after folding.
ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "l",
        "ad",
        "ed",
        "ash",
        "esh",
        "ech",
        "at",
        "et",
        "as",
        "es",
        "ar",
        "er",
        "an",
        "en",
        "az",
        "ez",
        "adh",
        "edh",
        "ath",
        "eth",
    ]
)

# Generic words of Arabic place names: every spelling maps to one canonical form.
_GENERIC = {
    "dayr": ["deir", "dair", "dayr", "der", "deyr"],
    "tall": ["tall", "tell", "tal", "tel", "til", "tilal"],
    "ras": ["ras", "rasm"],
    "ayn": ["ain", "ayn", "ein", "ayoun", "uyun", "ayun"],
    "jabal": ["jabal", "jebel", "jbel", "jabel", "djebel", "gebel", "jebal"],
    "kafr": ["kafr", "kfar", "kafar", "kefr", "kufr", "kfr", "kafer"],
    "khirbat": [
        "khirbet",
        "khirbat",
        "khirbit",
        "kherbet",
        "khirba",
        "khirbeh",
        "kherbit",
        "khurbat",
        "khirbah",
    ],
    "shaykh": ["shaykh", "sheikh", "shaikh", "sheykh", "cheikh", "chaykh", "shekh", "shiekh", "sheik"],
    "abu": ["abu", "abou", "abo"],
    "umm": ["umm", "um", "om", "oum"],
    "bayt": ["bayt", "beit", "bait", "bet"],
    "bir": ["bir", "beer"],
    "qasr": ["qasr", "kasr", "qasser"],
    "mazraat": ["mazraat", "mazraa", "mazraet", "mazraah", "mazrat"],
    "tallat": ["tallat", "tellet"],
    "wadi": ["wadi", "ouadi", "wady"],
    "nahr": ["nahr", "nahar"],
    "jisr": ["jisr", "jisser", "djisr"],
    "qalaat": ["qalaat", "qalat", "qalaa"],
    "hayy": ["hayy", "hay", "hai"],
    "ibn": ["ibn", "bin", "ben"],
    # English direction words, so that "Jabar Eastern" -> "Eastern Jabar" meets GeoNames' "East Jabar".
    "east": ["east", "eastern"],
    "west": ["west", "western"],
    "north": ["north", "northern"],
    "south": ["south", "southern"],
}
GENERIC_WORDS = {variant: canon for canon, variants in _GENERIC.items() for variant in variants}
GENERIC_CANONICAL = frozenset(_GENERIC)

# Words that describe a place's kind rather than name it ("Maskana town", "Aleppo Governorate").
KIND_WORDS = frozenset(
    [
        "town",
        "village",
        "city",
        "suburb",
        "area",
        "district",
        "governorate",
        "province",
        "muhafazat",
        "neighbourhood",
        "neighborhood",
        "quarter",
        "subdistrict",
        "region",
        "countryside",
        "camp",
        "hamlet",
        "farm",
        "farms",
        "municipality",
        "locality",
        "checkpoint",
        "airport",
        "airbase",
        "airfield",
        "heliport",
        "base",
        "military",
        "army",
        "dam",
        "mill",
        "mills",
        "plain",
        "mountain",
        "mountains",
        "hill",
        "hills",
        "idp",
        "refugee",
        "refugees",
        "prison",
        "complex",
        "plant",
        "power",
        "thermal",
        "station",
    ]
)

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf`'\u00b4\u2032]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Digraphs of the English/French transliteration schools, folded before vowels are dropped.
_DIGRAPHS = (
    ("ou", "u"),
    ("dj", "j"),
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("zh", "z"),
)
_LETTERS = str.maketrans(
    {"q": "k", "c": "k", "x": "k", "e": "", "a": "", "i": "", "o": "", "u": "", "w": "", "y": ""}
)
_REPEATS = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lower-case ASCII with apostrophes dropped and every other punctuation run turned into a space."""
    ascii_text = anyascii(_APOSTROPHES.sub("", text)).lower()
    # anyascii renders some marks (hamza, ayn) as apostrophes or backticks of its own.
    ascii_text = ascii_text.replace("'", "").replace("`", "")
    return _NON_ALNUM.sub(" ", ascii_text).strip()


def normalize_folded(folded: str) -> str:
    """`normalize` for text already passed through `fold` (saves a second fold when building)."""
    tokens = folded.split()
    out: list[str] = []
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        if token in ARTICLES and i < last:
            continue
        out.append(GENERIC_WORDS.get(token, token))
    while len(out) > 1 and out[-1] in KIND_WORDS:
        out.pop()
    return " ".join(out)


@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """The normal form used for exact matching: folded, articles dropped, generic words canonical."""
    return normalize_folded(fold(name))


_HEAD = str.maketrans({"q": "k", "c": "k", "x": "k", "e": "a", "i": "a", "o": "a", "u": "a"})


@lru_cache(maxsize=500_000)
def token_skeleton(token: str) -> str:
    """The skeleton of one normalised word: digraphs folded, vowels and inner w/y dropped."""
    if token.isdigit():
        return token
    for digraph, single in _DIGRAPHS:
        token = token.replace(digraph, single)
    head, rest = token[0], token[1:]
    # A final h after a vowel is the Arabic ta marbuta (-ah, -eh), often dropped in news spelling.
    if len(rest) > 1 and rest.endswith("h") and rest[-2] in "aeiouy":
        rest = rest[:-1]
    # A word-initial vowel stands for a hamza or ayn, a consonant: keep one marker for it.
    return _REPEATS.sub(r"\1", head.translate(_HEAD) + rest.translate(_LETTERS))


def skeleton_of_normal(norm: str) -> str:
    """The skeleton of a name already in normal form."""
    return _REPEATS.sub(r"\1", "".join(token_skeleton(t) for t in norm.split()))


def skeleton_tokens(norm: str) -> str:
    """The skeletons of a normal form's words, space-separated (what the full-text index holds)."""
    return " ".join(token_skeleton(t) for t in norm.split())


def skeleton_parts(norm: str) -> tuple[str, str]:
    """Both `skeleton_of_normal` and `skeleton_tokens` of a normal form, computed once."""
    parts = [token_skeleton(t) for t in norm.split()]
    return _REPEATS.sub(r"\1", "".join(parts)), " ".join(parts)


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """The consonant skeleton of a name: its normal form with vowels, semivowels and spaces dropped."""
    return skeleton_of_normal(normalize(name))


def strip_kind_words(name: str) -> str:
    """The name without a trailing kind word: "Maskana town" -> "Maskana", "Aleppo Governorate" -> "Aleppo"."""
    words = name.split()
    while len(words) > 1 and fold(words[-1]) in KIND_WORDS:
        words.pop()
    return " ".join(words)


_ALTERNATIVES = re.compile(r"\s*(?:/|\(|\)|;|\bor\b|\baka\b)\s*")


# English direction words and the Arabic adjective GeoNames puts after the name instead.
DIRECTIONS = {
    "western": "gharbiyah",
    "west": "gharbiyah",
    "eastern": "sharqiyah",
    "east": "sharqiyah",
    "northern": "shamaliyah",
    "north": "shamaliyah",
    "southern": "janubiyah",
    "south": "janubiyah",
    "upper": "fawqani",
    "lower": "tahtani",
}


def name_variants(name: str) -> list[str]:
    """The spellings a name field offers, the whole first: "Tadmur/Palmyra" -> both, "Homs (Hims)" -> both,
    "Western Ghariyah" -> also "Ghariyah Gharbiyah" (the Arabic word order)."""
    parts = [p.strip() for p in _ALTERNATIVES.split(name) if p and p.strip()]
    out = [name.strip()]
    if len(parts) > 1:
        out.extend(p for p in parts if p not in out)
    for part in list(out):
        words = part.split()
        if len(words) > 1 and words[-1].lower() in DIRECTIONS:
            # "Jabar Eastern": the English order, then the Arabic one comes from the next step.
            words = [words[-1], *words[:-1]]
            out.append(" ".join(words))
        if len(words) > 1 and words[0].lower() in DIRECTIONS:
            out.append(" ".join([*words[1:], DIRECTIONS[words[0].lower()]]))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def facility_words() -> tuple[frozenset[str], dict[str, str]]:
    """The facility words and their Arabic generic words, from `sitrep/data/geo_facility_words.yaml`."""
    data = yaml.safe_load(
        resources.files("sitrep").joinpath("data/geo_facility_words.yaml").read_text(encoding="utf-8")
    )
    words = frozenset(str(w).lower() for w in data.get("facility") or [])
    arabic = {str(k).lower(): str(v).lower() for k, v in (data.get("arabic") or {}).items()}
    return words | frozenset(arabic), arabic


_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$|^(?:i{1,3}|iv|v)$")


@lru_cache(maxsize=50_000)
def facility_variants(name: str) -> tuple[str, ...]:
    """The anchor place of a facility name, and its Arabic word order: "Tishrin Dam" -> ("Tishrin",
    "sadd Tishrin"); "Qwaris Military Air Base" -> ("Qwaris",); () when the name carries no facility word."""
    words, arabic = facility_words()
    tokens = name.replace("-", " ").split()
    stripped: list[str] = []

    def droppable(token: str) -> bool:
        folded = fold(token)
        return folded in words or _ORDINAL.match(folded) is not None

    # Facility words and unit numbers stand at either end ("128th Brigade", "Army Base Harasta").
    while len(tokens) > 1 and droppable(tokens[-1]):
        stripped.append(fold(tokens.pop()))
    while len(tokens) > 1 and droppable(tokens[0]):
        stripped.append(fold(tokens.pop(0)))
    if not stripped or all(droppable(t) for t in tokens):
        return ()
    core = " ".join(tokens)
    out = [core]
    core_head = normalize(core).split()[:1]
    for word in stripped:
        generic = arabic.get(word)
        if generic and GENERIC_WORDS.get(generic, generic) not in core_head:
            out.append(f"{generic} {core}")
    return tuple(dict.fromkeys(out))
