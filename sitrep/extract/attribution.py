"""Who says it happened, and did it happen: claimants, certainty and status.

Status comes from the trigger's own clause in the parse (its chain of heads): "is preparing to
launch an attack" is planned, "it is expected that ISIS will withdraw" expected, "if …, may
outflank" hypothetical, "denied" denied. Only occurred and claimed statements become events that
happened.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from sitrep.extract.actors import ActorMention
from sitrep.extract.vocab import Triggers

_REPORTING = re.compile(
    r"\b(?:stated|said|says|announced|reported|claimed|claims|claiming|according|statement|quoted|told|added|"
    r"confirmed|published)\b",
    re.IGNORECASE,
)
_PARTY_VERBS = re.compile(
    r"\b(?:claim(?:ed|s|ing)?|said|says|stated|announced|reported|confirmed|admitted)\b", re.IGNORECASE
)
_UNCONFIRMED = re.compile(r"\b(?:unconfirmed|unverified|rumou?rs?|allegedly|reportedly)\b", re.IGNORECASE)
_FUTURE_AUX = {"will", "shall", "'ll"}
_COMPLEMENT = {"xcomp", "ccomp", "dobj", "pcomp", "advcl"}


def clause_status(doc: Doc, token_index: int, vocabulary: Triggers) -> str:
    """The status of the statement a trigger belongs to, read from its head chain in the parse."""
    token: Token | None = doc[token_index]
    arrived = ""  # the dependency through which the walk reached `token` from below
    seen = 0
    while token is not None and seen < 12:
        low = token.lower_
        for child in token.children:
            if child.dep_ == "neg":
                return "denied"
            if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                return "hypothetical"
            if child.dep_ == "aux" and child.lower_ in ("may", "might", "could", "would"):
                return "hypothetical"
            if child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
                return "expected"
        # A cue word governs the trigger only through a complement ("preparing to launch an
        # attack"), not when the trigger is its subject ("X liberates Y, prepares to storm Z").
        if arrived in _COMPLEMENT:
            if low in vocabulary.modality.get("planned", set()):
                return "planned"
            if low in vocabulary.modality.get("expected", set()):
                return "expected"
            if low in ("deny", "denied", "denies", "denying", "refuted", "dismissed"):
                return "denied"
        if arrived in _COMPLEMENT | {"dobj"} and low in ("claim", "claimed", "claims", "claiming"):
            return "claimed"
        if token.head is token:
            break
        arrived = token.dep_
        token = token.head
        seen += 1
    return "occurred"


def is_restatement(doc: Doc, token_index: int) -> bool:
    """ "By capturing X, …" restates an event told elsewhere rather than reporting a new one."""
    token = doc[token_index]
    # Read off the parse alone (the tagger is not run for extraction): a gerund under "by".
    return token.lower_.endswith("ing") and token.head.lower_ == "by" and token.dep_ == "pcomp"


def claimant(text: str, actors: list[ActorMention]) -> tuple[str | None, float]:
    """Who a sentence attributes its content to, and how certain the wording is (0-1)."""
    certainty = 0.5 if _UNCONFIRMED.search(text) else 0.9
    if not _REPORTING.search(text):
        return None, certainty
    for mention in actors:
        if mention.kind == "claimant":
            return mention.name, certainty
    # A party that says it ("The Islamic State said its fighters …") claims it: the actor right
    # before the reporting verb, with at most a few words between.
    for verb in _PARTY_VERBS.finditer(text):
        before = [m for m in actors if m.end <= verb.start() and m.kind in ("actor", "state") and m.name]
        if before and len(text[before[-1].end : verb.start()].split()) <= 3:
            return before[-1].name, certainty
    return None, certainty
