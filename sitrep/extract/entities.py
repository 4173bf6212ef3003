"""Typed entity spans over a whole report, in re3d's entity types (Organisation, Location, Person, ...).

The statistical model reads every paragraph; the analyst dictionaries (actors, equipment, place
patterns and the extra words of sitrep/data/entities.yaml) add what the model misses and win where
the two disagree. Types follow re3d's schema: a MilitaryPlatform is anything weapons are mounted on
(a tank, an aircraft, a frigate), a Vehicle is a civilian one (a truck, an excavator).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from sitrep.extract.actors import load_actors
from sitrep.extract.equipment import Equipment
from sitrep.extract.pipeline import shared_pipeline
from sitrep.extract.places import find_places
from sitrep.model import Document
from sitrep.nlp.pipeline import Pipeline
from sitrep.nlp.segment import truecase
from sitrep.vocab import load_yaml

ENTITY_TYPES = (
    "Organisation",
    "Location",
    "Person",
    "Nationality",
    "Temporal",
    "Quantity",
    "Weapon",
    "Vehicle",
    "MilitaryPlatform",
    "Money",
)

MODEL_TYPES = {
    "ORG": "Organisation",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "PERSON": "Person",
    "NORP": "Nationality",
    "DATE": "Temporal",
    "TIME": "Temporal",
    "CARDINAL": "Quantity",
    "QUANTITY": "Quantity",
    "PERCENT": "Quantity",
    "MONEY": "Money",
}

# equipment.yaml's classes in re3d's types; None drops the word (a verb such as "shelled").
MATERIEL_TYPES = {
    "technical": "MilitaryPlatform",
    "tank": "MilitaryPlatform",
    "ifv": "MilitaryPlatform",
    "aircraft": "MilitaryPlatform",
    "helicopter": "MilitaryPlatform",
    "drone": "MilitaryPlatform",
    "boat": "MilitaryPlatform",
    "vehicle": "Vehicle",
    "artillery": "Weapon",
    "vbied": "Weapon",
    "air_defense": "Weapon",
    "operations_room": "Location",
    "command_center": "Location",
    "ammunition_depot": "Location",
    "weapons_depot": "Location",
    "checkpoint": "Location",
}
_NOT_A_WEAPON = re.compile(r"(?i)^(?:shell(?:ed|ing)|opened fire|shot dead|blew \w+ up|.*fire|gun ?shots?)$")
# re3d marks an aircraft or a bomb, not the attack: "air force" is an actor, "airstrike" an event.
_NOT_AIR_WEAPON = re.compile(r"(?i)(?:forces?|strikes?|raids?|attacks?|bombing|bombardment)$")
_AIR_PLATFORM = re.compile(r"(?i)(?:plane|jet|aircraft|helicopter|gunship)s?$")


MODEL_RANK = 3


@dataclass
class EntitySpan:
    """A typed span of a document's text (character offsets into Document.text)."""

    start: int
    end: int
    text: str
    type: str


@dataclass
class _Candidate:
    start: int
    end: int
    type: str
    rank: int  # 0 entities.yaml, 1 equipment, 2 actors and place patterns, 3 the model


@lru_cache(maxsize=1)
def _resources() -> tuple[Any, Equipment, dict[str, list[re.Pattern[str]]]]:
    vocab = load_yaml("entities.yaml", None)
    patterns: dict[str, list[re.Pattern[str]]] = {}
    for type_name, spec in (vocab.get("types") or {}).items():
        words = sorted({str(w) for w in spec.get("words", [])}, key=len, reverse=True)
        lower = [re.escape(w).replace(r"\ ", r"\s+") for w in words if w.islower()]
        cased = [re.escape(w).replace(r"\ ", r"\s+") for w in words if not w.islower()]
        rx = []
        if lower:
            rx.append(re.compile(rf"(?<![\w-])(?i:{'|'.join(lower)})(?![\w-])"))
        if cased:
            rx.append(re.compile(rf"(?<![\w-])(?:{'|'.join(cased)})(?![\w-])"))
        rx += [re.compile(p) for p in spec.get("patterns", [])]
        patterns[type_name] = rx
    return load_actors(), Equipment.load(), patterns


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines of the text with their offsets: the model reads one at a time."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _readable(text: str, pipeline: Pipeline) -> str:
    """The text with its all-capitals paragraphs truecased (wire style); same length, same offsets."""
    parts = []
    last = 0
    for start, end in _paragraphs(text):
        chunk = text[start:end]
        parts.append(text[last:start])
        parts.append(truecase(chunk, pipeline.known_lower, pipeline.proper) if _upper(chunk) else chunk)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _model_candidates(pipeline: Pipeline, text: str, spans: list[tuple[int, int]]) -> list[_Candidate]:
    texts = [text[s:e] for s, e in spans]
    out = []
    for (offset, _), doc in zip(spans, pipeline.model.pipe(texts, batch_size=64), strict=True):
        for ent in doc.ents:
            type_name = MODEL_TYPES.get(ent.label_)
            if type_name is None:
                continue
            type_name = _acting_state(ent, type_name, doc)
            out.append(_Candidate(offset + ent.start_char, offset + ent.end_char, type_name, MODEL_RANK))
    return out


def _acting_state(ent: Span, type_name: str, doc: Doc) -> str:
    """A country that acts ("France struck", "the UK's support") or a people is an Organisation in re3d."""
    if ent.label_ == "NORP" and ent.root.tag_ in ("NNS", "NNPS"):
        return "Organisation"  # a nationality in the plural is its people: "Syrians", "the Iraqis"
    if ent.label_ != "GPE":
        return type_name
    head = ent.root
    if head.dep_ in ("nsubj", "nsubjpass", "poss", "compound") or (
        head.dep_ == "conj" and head.head.dep_ == "nsubj"
    ):
        return "Organisation"
    if _in_country_list(ent, doc):
        return "Organisation"
    return type_name


def _in_country_list(ent: Span, doc: Doc) -> bool:
    """Three or more states in a row ("Australia, Canada, Denmark and France") are members, not places."""
    states = [e for e in doc.ents if e.label_ == "GPE"]
    index = next(i for i, e in enumerate(states) if e.start == ent.start)
    run_start = run_end = index
    while run_start > 0 and _list_gap(doc, states[run_start - 1], states[run_start]):
        run_start -= 1
    while run_end + 1 < len(states) and _list_gap(doc, states[run_end], states[run_end + 1]):
        run_end += 1
    return run_end - run_start >= 2


def _list_gap(doc: Doc, left: Span, right: Span) -> bool:
    gap = doc.text[left.end_char : right.start_char].strip().lower()
    return gap in (",", "and", ", and", "or", ", or", ", the", ", and the", "and the")


_LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|near|around|outside|into|toward|towards|from)\s+$")


def _places_read_as_people(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """A one-word "person" the text also puts after "in" or "near" is a place, wherever it occurs."""
    places = {
        text[c.start : c.end]
        for c in candidates
        if c.rank == MODEL_RANK and c.type == "Person" and " " not in text[c.start : c.end]
        and _LOCATIVE_BEFORE.search(text[max(0, c.start - 12) : c.start])
    }  # fmt: skip
    for c in candidates:
        if c.rank == MODEL_RANK and c.type == "Person" and text[c.start : c.end] in places:
            c.type = "Location"
    return candidates


def _surnames_carried_on(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Once "Capt. Jeff Davis" is named, a lone "Davis" the model calls a place or a group is him."""
    surnames = set()
    for c in candidates:
        words = text[c.start : c.end].split()
        if c.type == "Person" and len(words) >= 2 and words[-1][:1].isupper() and words[-1].isalpha():
            surnames.add(words[-1])
    for c in candidates:
        if (
            c.rank == MODEL_RANK
            and c.type in ("Organisation", "Location")
            and text[c.start : c.end] in surnames
        ):
            c.type = "Person"
    return candidates


def _dictionary_candidates(text: str) -> list[_Candidate]:
    actors, equipment, extra = _resources()
    # Equipment outranks actors: re3d reads "Russian warplanes" as a platform, not as the actor.
    out = [_Candidate(m.start, m.end, "Organisation", 2) for m in actors.find(text, None)]
    for item in equipment.find_materiel(text):
        type_name = MATERIEL_TYPES.get(item.item)
        if type_name:
            out.append(_Candidate(item.start, item.end, type_name, 1))
    for weapon in equipment.find_instruments(text):
        if _NOT_A_WEAPON.match(weapon.text):
            continue
        type_name = "Weapon"
        if weapon.weapon_class == "air":
            if _NOT_AIR_WEAPON.search(weapon.text):
                continue
            if _AIR_PLATFORM.search(weapon.text):
                type_name = "MilitaryPlatform"
        out.append(_Candidate(weapon.start, weapon.end, type_name, 1))
    for start, end in _paragraphs(text):
        for hit in find_places(text[start:end], offset=start):
            out.append(_Candidate(hit.start, hit.end, "Location", 2))
    for type_name, patterns in extra.items():
        for rx in patterns:
            out.extend(_Candidate(m.start(), m.end(), type_name, 0) for m in rx.finditer(text))
    return out


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping spans: dictionaries before the model, then the longest span."""
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.rank, c.start - c.end, c.start)):
        if all(cand.end <= k.start or k.end <= cand.start for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def find_entities(document: Document, pipeline: Pipeline | None = None) -> list[EntitySpan]:
    """Every typed entity span of the document's text, sorted by start."""
    pipeline = pipeline or shared_pipeline()
    # Every source reads the truecased view: place patterns and cased aliases need ordinary case.
    view = _readable(document.text, pipeline)
    if len(view) != len(document.text):  # truecasing never changes length; guard the offsets anyway
        view = document.text
    candidates = _places_read_as_people(view, _model_candidates(pipeline, view, _paragraphs(view)))
    candidates = _surnames_carried_on(view, candidates + _dictionary_candidates(view))
    text = document.text
    return [EntitySpan(c.start, c.end, text[c.start : c.end], c.type) for c in _resolve(candidates)]
