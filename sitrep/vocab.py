"""Load the analyst-edited vocabularies in sitrep/data: triggers and the ACLED taxonomy.

The files hold base forms; the code here only expands them (inflections) and indexes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def load_yaml(name: str, path: Path | None = None) -> dict[str, Any]:
    """Read a packaged data file (sitrep/data/NAME) or the file at `path`."""
    if path is not None:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return yaml.safe_load(resources.files("sitrep.data").joinpath(name).read_text(encoding="utf-8"))


_VERB_PREFIXES = {"re", "over", "under", "out", "with", "up", "mis"}


def inflections(word: str, irregular: dict[str, list[str]]) -> set[str]:
    """The forms a trigger word takes in text: capture → captures, captured, capturing."""
    forms = {word}
    forms.update(irregular.get(word, []))
    # A prefixed verb inflects as its stem: retake → retook, retaken; overrun → overran.
    for stem, stem_forms in irregular.items():
        prefix = word[: -len(stem)]
        if word != stem and word.endswith(stem) and prefix in _VERB_PREFIXES:
            forms.update(prefix + form for form in stem_forms)
    if word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        # Doubled final consonant (plan → planned); the surplus form is harmless.
        if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def phrase_forms(phrase: str, irregular: dict[str, list[str]]) -> set[str]:
    """Inflect the first word of a phrase ("take control" → "took control", …)."""
    first, _, rest = phrase.partition(" ")
    return {(form + " " + rest).strip() for form in inflections(first, irregular)}


def _cue_forms(cue: str, irregular: dict[str, list[str]]) -> set[str]:
    return {cue} if " " in cue else inflections(cue, irregular)


@dataclass
class Triggers:
    """Trigger forms per family, the families in priority order, and the modality cue words."""

    families: dict[str, list[str]]  # family → sub-event types it can become
    forms: dict[str, str]  # inflected lower-case form → family
    # family → the cue class (sitrep/data/subevent.yaml) that must follow its trigger in the clause
    requires: dict[str, str] = field(default_factory=dict)
    # family → lower-case phrases in which its trigger word is no trigger ("riot police")
    excluded: dict[str, list[str]] = field(default_factory=dict)
    # family → the family its kept hits count as ("take" → "territory")
    same_as: dict[str, str] = field(default_factory=dict)
    # family → the family its hits count as when what they act on is people ("took 30 people": arrest)
    people_as: dict[str, str] = field(default_factory=dict)
    # family → where its required cue is looked for: "clause" (the rest of the clause) or "sentence"
    # (anywhere in it); by default in what the trigger acts on (its object)
    object_scope: dict[str, str] = field(default_factory=dict)
    modality: dict[str, set[str]] = field(default_factory=dict)  # cue section → cue forms

    @property
    def order(self) -> list[str]:
        return list(self.families)


@cache
def triggers(path: Path | None = None) -> Triggers:
    """The trigger vocabulary (sitrep/data/triggers.yaml unless another file is given)."""
    data = load_yaml("triggers.yaml", path)
    irregular = {k: list(v) for k, v in (data.get("irregular") or {}).items()}
    families: dict[str, list[str]] = {}
    forms: dict[str, str] = {}
    requires: dict[str, str] = {}
    excluded: dict[str, list[str]] = {}
    same_as: dict[str, str] = {}
    object_scope: dict[str, str] = {}
    people_as: dict[str, str] = {}
    for family, spec in data["families"].items():
        families[family] = list(spec["sub_event"])
        if spec.get("requires"):
            requires[family] = str(spec["requires"])
        if spec.get("people_as"):
            people_as[family] = str(spec["people_as"])
        if spec.get("object") in ("clause", "sentence"):
            object_scope[family] = str(spec["object"])
        if spec.get("as"):
            same_as[family] = str(spec["as"])
        if spec.get("exclude"):
            excluded[family] = [str(p).lower() for p in spec["exclude"]]
        for word in spec["words"]:
            for form in phrase_forms(str(word).lower(), irregular):
                forms.setdefault(form, family)
    modality = {
        # Single cue words are inflected (prepare → preparing); phrases are kept as written.
        section: set().union(*(_cue_forms(str(w).lower(), irregular) for w in words))
        for section, words in (data.get("modality") or {}).items()
    }
    return Triggers(
        families=families,
        forms=forms,
        modality=modality,
        requires=requires,
        excluded=excluded,
        same_as=same_as,
        object_scope=object_scope,
        people_as=people_as,
    )


@dataclass(frozen=True)
class SubEventInfo:
    event_type: str
    disorder_type: str
    plover: str | None
    priority: int  # 0 is the highest


@cache
def taxonomy(path: Path | None = None) -> dict[str, SubEventInfo]:
    """ACLED's 25 sub-event types with event type, disorder type, PLOVER event and priority."""
    data = load_yaml("taxonomy.yaml", path)
    out: dict[str, SubEventInfo] = {}
    for event_type, spec in data["event_types"].items():
        for sub, extra in spec["sub_event_types"].items():
            extra = extra or {}
            out[sub] = SubEventInfo(
                event_type=event_type,
                disorder_type=extra.get("disorder_type", spec["disorder_type"]),
                plover=extra.get("plover"),
                priority=len(out),
            )
    return out
