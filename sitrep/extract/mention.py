"""One statement of an event in one sentence, before a report's statements are merged."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.extract.actors import ActorMention
from sitrep.extract.dates import DateMention
from sitrep.extract.places import PlaceHit
from sitrep.model import Loss, Quantity, ResolvedPlace
from sitrep.nlp.pipeline import Sentence, TriggerHit


@dataclass
class Mention:
    """One statement of an event in one sentence, before aggregation."""

    sentence: Sentence
    families: list[str]
    status: str
    trigger: TriggerHit
    side_a: list[ActorMention] = field(default_factory=list)
    side_b: list[ActorMention] = field(default_factory=list)
    units: list[ActorMention] = field(default_factory=list)
    place: PlaceHit | None = None
    date: DateMention | None = None
    claimed_by: str | None = None
    certainty: float = 0.9
    claims: dict[str, Quantity] = field(default_factory=dict)
    losses: list[tuple[Loss, str | None]] = field(default_factory=list)  # loss, owner text
    instruments: set[str] = field(default_factory=set)
    restatement: bool = False
    evidence: list[Sentence] = field(default_factory=list)
    resolved: ResolvedPlace | None = None
    # Cue classes (sitrep/data/subevent.yaml) in the action's stretch, before its trigger and in
    # what its trigger acts on: what the sub-event decision reads.
    cues: dict[str, str] = field(default_factory=dict)
    cues_before: dict[str, str] = field(default_factory=dict)
    cues_object: dict[str, str] = field(default_factory=dict)
    type_rule: str | None = None
    dropped: str | None = None  # why this mention is no event of its own, when it is not
    status_reason: str | None = None  # what decided the status, and the words it read
    event_type: str | None = None  # ACLED's event type as first decided, before aggregation
    disputed: bool = False  # another statement of the report denies it
    object_families: set[str] = field(default_factory=set)  # trigger families inside the verb's object
    definite: bool = False  # the action is named as one already told ("the attack happened at …")
    role_rule: str | None = None  # the pattern of sitrep/data/roles.yaml that named the sides

    @property
    def actor1(self) -> str | None:
        return self.side_a[0].name if self.side_a else None

    @property
    def actor2(self) -> str | None:
        return self.side_b[0].name if self.side_b else None


def is_battle(m: Mention) -> bool:
    return bool({"territory", "clash"} & set(m.families))
