"""Why each sentence of a report became an event or did not: the decisions `sitrep explain` prints.

For every sentence: its trigger words, and for each action read from it the status and its cue, each
role with the words it came from, the date expression chosen, the place, the sub-event rule, and what
became of it (an event, merged into one, left out and why). It is built from `Extractor.analysis`, so it
shows what `sitrep extract` does, not a second reading.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sitrep.extract.events import Analysis, Extractor
from sitrep.extract.mention import Mention
from sitrep.model import HAPPENED, Document, Event


@dataclass
class Role:
    role: str  # actor1, actor2, associated or unit
    name: str
    words: str  # the text it was read from


@dataclass
class ActionExplanation:
    trigger: str  # the word that carries the action
    families: list[str]
    status: str
    status_reason: str | None
    roles: list[Role] = field(default_factory=list)
    date: str | None = None  # the day and its precision
    date_words: str | None = None
    place: str | None = None
    sub_event_type: str | None = None
    type_rule: str | None = None
    outcome: str = ""


@dataclass
class SentenceExplanation:
    start: int
    end: int
    kind: str
    text: str
    triggers: list[str]
    outcome: str  # for a sentence with no action: why
    actions: list[ActionExplanation] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def explain(extractor: Extractor, document: Document) -> list[SentenceExplanation]:
    """Each sentence of `document` with the decisions made on it."""
    analysis = extractor.analysis(document)
    numbers = _event_numbers(document, analysis)
    by_sentence: dict[int, list[ActionExplanation]] = {}
    for mention in analysis.mentions + analysis.dropped:
        by_sentence.setdefault(id(mention.sentence), []).append(_action(mention, analysis, numbers, document))
    out = []
    for sentence in analysis.sentences:
        triggers = [f"{h.family}:{sentence.text[h.start : h.end]}" for h in sentence.triggers]
        actions = sorted(by_sentence.get(id(sentence), []), key=lambda a: a.trigger)
        if actions:
            outcome = ""
        elif not triggers:
            outcome = "no trigger word"
        else:
            outcome = "trigger words only inside excluded phrases or without the object their family needs"
        out.append(
            SentenceExplanation(
                sentence.start, sentence.end, sentence.kind, sentence.text, triggers, outcome, actions
            )
        )
    return out


def _event_numbers(document: Document, analysis: Analysis) -> dict[int, str]:
    """id(merged mention) → the event id `sitrep extract` gives it (only events that happened)."""
    numbers: dict[int, str] = {}
    index = 0
    for mention, event in zip(analysis.merged, analysis.events, strict=True):
        if event.sub_event_type and event.status in HAPPENED:
            index += 1
            numbers[id(mention)] = f"{document.id[:10]}-{index}"
    return numbers


def _target(mention: Mention, analysis: Analysis) -> tuple[Mention | None, Event | None]:
    for merged, event in zip(analysis.merged, analysis.events, strict=True):
        if merged is mention:
            return merged, event
    for merged, event in zip(analysis.merged, analysis.events, strict=True):
        if any(s is mention.sentence for s in merged.evidence):
            return merged, event
    return None, None


def _action(
    mention: Mention, analysis: Analysis, numbers: dict[int, str], document: Document
) -> ActionExplanation:
    text = mention.sentence.text
    action = ActionExplanation(
        trigger=f"{mention.trigger.family}:{text[mention.trigger.start : mention.trigger.end]}",
        families=list(dict.fromkeys(mention.families)),
        status=mention.status,
        status_reason=mention.status_reason,
    )
    for role, actors in (("actor1", mention.side_a[:1]), ("actor2", mention.side_b[:1])):
        action.roles += [Role(role, a.name or "", a.text) for a in actors]
    action.roles += [
        Role("associated", a.name or "", a.text) for a in mention.side_a[1:] + mention.side_b[1:]
    ]
    action.roles += [Role("unit", u.name or "", u.text) for u in mention.units]
    if mention.date is not None:
        action.date = f"{mention.date.date.isoformat()} (precision {mention.date.time_precision})"
        action.date_words = mention.date.text
    if mention.place is not None:
        action.place = mention.place.name
    if mention.dropped is not None:
        action.outcome = f"left out: {mention.dropped}"
        return action
    target, event = _target(mention, analysis)
    if target is None or event is None:
        action.outcome = "left out"
        return action
    if target is not mention:
        number = numbers.get(id(target))
        action.outcome = f"merged into {number}" if number else "merged into an action that is no event"
        return action
    action.sub_event_type = event.sub_event_type
    action.type_rule = event.type_rule
    if not event.sub_event_type:
        action.outcome = "left out: no sub-event rule decided (too little is said)"
    elif event.status not in HAPPENED:
        action.outcome = f"left out: status {event.status} (shown with --all-statuses)"
    else:
        action.outcome = f"event {numbers[id(mention)]}"
        if event.event_date is not None and mention.date is None:
            action.date = f"{event.event_date.isoformat()} (precision {event.time_precision}, inherited)"
    return action
