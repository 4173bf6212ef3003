"""The shared pipeline for extraction: nlp's Pipeline given what extract knows (actor aliases for the
entity ruler, country words for the truecaser, the cue classes for choosing sentences to parse)."""

from __future__ import annotations

from typing import Any

from sitrep.extract.actors import ActorDictionary, load_actors
from sitrep.extract.subevent import cues
from sitrep.nlp.pipeline import MODEL, Pipeline

_SHARED: dict[str, Pipeline] = {}


def entity_patterns(actors: ActorDictionary) -> list[dict[str, Any]]:
    """Entity-ruler patterns: the actor dictionary's cased aliases and its multi-word aliases."""
    patterns: list[dict[str, Any]] = [{"label": "ORG", "pattern": alias} for alias in actors.cased]
    patterns += [
        {"label": "ORG", "pattern": [{"LOWER": w} for w in alias.split()]}
        for alias, entry in actors.entries.items()
        if entry.kind in ("actor", "state", "unit") and " " in alias
    ]
    return patterns


def country_words(actors: ActorDictionary) -> set[str]:
    """The words that name countries and their peoples, which the truecaser keeps capitalised."""
    words: set[str] = set()
    for spec in actors.countries.values():
        words.update(str(w).lower() for w in spec.get("words", []))
        if spec.get("demonym"):
            words.add(str(spec["demonym"]).lower())
    return words


def shared_pipeline(model: str = MODEL) -> Pipeline:
    """One pipeline per process: loading the model costs far more than using it."""
    if model not in _SHARED:
        actors = load_actors()
        classes = cues()
        _SHARED[model] = Pipeline(
            model,
            entity_patterns=entity_patterns(actors),
            proper_words=country_words(actors),
            cue_check=lambda name, text: classes.first(name, text) is not None,
        )
    return _SHARED[model]
