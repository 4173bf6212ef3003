"""Agent and patient of a trigger from the dependency parse, by the patterns of sitrep/data/roles.yaml.

A pattern names the trigger words it applies to, the voice and part of speech it needs, and dependency
paths from the trigger to the agent and the patient. The spans reached are character ranges of the
sentence; the extractor assigns the actors that lie inside them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Token

from sitrep.vocab import load_yaml

# Dependencies that make a token the head of a clause (a verb for the parse's purposes).
CLAUSE_HEADS = {"ROOT", "conj", "xcomp", "ccomp", "advcl", "relcl", "pcomp", "acl", "csubj", "parataxis"}

Span = tuple[int, int]


@dataclass(frozen=True)
class RolePattern:
    name: str
    triggers: frozenset[str]
    voice: str | None
    head: str | None
    agent: tuple[tuple[str, ...], ...]
    patient: tuple[tuple[str, ...], ...]


@dataclass
class Roles:
    """What a pattern found: the agent's and the patient's character spans, and the pattern's name."""

    pattern: str | None = None
    agent: list[Span] = field(default_factory=list)
    patient: list[Span] = field(default_factory=list)


@cache
def role_patterns(path: Path | None = None) -> tuple[RolePattern, ...]:
    data = load_yaml("roles.yaml", path) or {}
    out = []
    for spec in data.get("patterns", []):
        out.append(
            RolePattern(
                name=str(spec["name"]),
                triggers=frozenset(str(w).lower() for w in spec.get("triggers", [])),
                voice=spec.get("voice"),
                head=spec.get("head"),
                agent=tuple(tuple(str(s) for s in p) for p in spec.get("agent", [])),
                patient=tuple(tuple(str(s) for s in p) for p in spec.get("patient", [])),
            )
        )
    return tuple(out)


def _follow(token: Token, path: tuple[str, ...]) -> list[Token]:
    """The tokens reached from `token` by the path's steps."""
    current = [token]
    for step in path:
        dep, _, word = step.partition(":")
        current = [
            child
            for t in current
            for child in t.children
            if child.dep_ == dep and (not word or child.lower_ == word) and (dep != "dobj" or child.i > t.i)
        ]
        if not current:
            return []
    return current


def _span(token: Token) -> Span:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


def _applies(pattern: RolePattern, word: str, passive: bool, verb: bool) -> bool:
    if pattern.triggers and word not in pattern.triggers:
        return False
    if (pattern.voice == "passive" and not passive) or (pattern.voice == "active" and passive):
        return False
    return not ((pattern.head == "verb" and not verb) or (pattern.head == "noun" and verb))


def find_roles(
    doc: Doc,
    token_index: int,
    holds_actor: Callable[[Span], bool],
    patterns: tuple[RolePattern, ...] | None = None,
) -> Roles:
    """The first pattern whose paths reach an actor (`holds_actor(span)` says whether one lies inside)."""
    token = doc[token_index]
    word, verb = token.lower_, token.dep_ in CLAUSE_HEADS
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    for pattern in patterns if patterns is not None else role_patterns():
        if not _applies(pattern, word, passive, verb):
            continue
        agent = [_span(t) for path in pattern.agent for t in _follow(token, path)]
        patient = [_span(t) for path in pattern.patient for t in _follow(token, path)]
        agent = [s for s in agent if holds_actor(s)]
        patient = [s for s in patient if holds_actor(s)]
        if agent or patient:
            return Roles(pattern.name, agent, patient)
    return Roles()
