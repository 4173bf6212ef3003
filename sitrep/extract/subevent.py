"""Which of ACLED's 25 sub-event types an action is: one ordered decision procedure.

The rules follow ../shared/docs/ACLED_RULES.md, highest priority first, and each reads the action's
frame: the trigger families it holds, the weapons named, the actors' types and the cue classes of
sitrep/data/subevent.yaml found in its stretch of text. The first rule that decides wins; its name and
the words that made it decide are kept on the event (`type_rule`) so an analyst can check the choice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sitrep.vocab import inflections, load_yaml

_WORD = re.compile(r"[\w'’-]+")
# How far after the trigger its object is looked for ("seized several firearms", "set up a post").
OBJECT_WINDOW = 70
# What ends a trigger's object: a new clause, or the instrument ("destroyed a vehicle with a mine").
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:while|as|but|and\s+the)\b|\.\s|\b(?:with|using|by\s+means\s+of)\b")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.I)

# The cue classes the rules read before a trigger and in its object (the rest are read in the stretch).
BEFORE_CUES = ("nonstate_words",)
OBJECT_CUES = ("weapons_object", "armed_target", "facility", "property")
WEAPON_FAMILIES = ("chemical", "suicide", "grenade", "air", "shelling", "explosion")
CROWD_FAMILIES = {"protest", "protest_force", "protest_intervention", "riot"}
ARMED_INTERS = {1, 2, 3, 4, 8}


@dataclass(frozen=True)
class Cues:
    """The cue classes as compiled patterns: class → one regex of all its forms."""

    patterns: dict[str, re.Pattern[str]]
    # class → the first words of its forms: a class none of whose first words is in a text is not
    # searched there (the patterns are long alternations; most texts hold few classes)
    openers: dict[str, frozenset[str]]

    def find(self, text: str, names: tuple[str, ...] | None = None) -> dict[str, str]:
        """Each cue class present in `text` (of `names`, or all), with the first words that matched
        it, in the order the classes first occur (what a trigger acts on first is its object)."""
        words = set(_WORD.findall(text.lower()))
        found = []
        for name, pattern in self.patterns.items():
            if (names is not None and name not in names) or self.openers[name].isdisjoint(words):
                continue
            match = pattern.search(text)
            if match:
                found.append((match.start(), name, match.group(0)))
        return {name: words for _, name, words in sorted(found)}

    def first(self, name: str, text: str) -> str | None:
        """The first words of one cue class in `text`, if any (cheaper than `find` for one class)."""
        pattern = self.patterns.get(name)
        match = pattern.search(text) if pattern is not None else None
        return match.group(0) if match else None


@cache
def cues(path: Path | None = None) -> Cues:
    """The cue classes of sitrep/data/subevent.yaml (or the file at `path`)."""
    data = load_yaml("subevent.yaml", path)
    patterns: dict[str, re.Pattern[str]] = {}
    openers: dict[str, frozenset[str]] = {}
    for name, words in (data.get("cues") or {}).items():
        forms: set[str] = set()
        for word in words:
            low = str(word).lower()
            forms |= {low} if " " in low or "-" in low else inflections(low, {})
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        patterns[name] = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)
        openers[name] = frozenset(_WORD.findall(" ".join(f.split()[0] for f in forms)))
    return Cues(patterns, openers)


def object_text(text: str, start: int, end: int) -> str:
    """The words a trigger acts on: what follows it in its clause, or what precedes a passive one
    ("234 pistols were captured")."""
    after = text[end : end + OBJECT_WINDOW]
    cut = _CLAUSE_BREAK.search(after)
    if cut:
        after = after[: cut.start()]
    before = text[max(0, start - 50) : start]
    if _PASSIVE_BEFORE.search(before):
        after = before + " " + after
    return after


@dataclass
class Frame:
    """What the decision reads about one action."""

    families: list[str]
    anchor: str | None = None  # the family of the trigger that carries the clause (its main verb)
    anchor_root: bool = False  # that trigger is the sentence's root verb
    instruments: set[str] = field(default_factory=set)
    inter1: int | None = None
    inter2: int | None = None
    cues: dict[str, str] = field(default_factory=dict)  # in the action's stretch
    before: dict[str, str] = field(default_factory=dict)  # before its trigger (its subject)
    objects: dict[str, str] = field(default_factory=dict)  # in what its trigger acts on
    killed: int = 0
    object_families: set[str] = field(default_factory=set)  # families named only in what is acted on
    placed: bool = False  # a settlement is named for it

    def has(self, *families: str) -> bool:
        return any(f in self.families for f in families)


@dataclass(frozen=True)
class Choice:
    sub_event_type: str
    rule: str  # the rule that decided and the words it read


Rule = Callable[[Frame], Choice | None]


def _cue(frame: Frame, name: str, where: dict[str, str] | None = None) -> str | None:
    return (frame.cues if where is None else where).get(name)


def _before(found: dict[str, str], first: str, then: str) -> bool:
    """`first` was found, and before any `then` ("seized rifles from the rebels": the rifles)."""
    names = list(found)
    return first in names and (then not in names or names.index(first) < names.index(then))


def displacement(f: Frame) -> Choice | None:
    # The clause's own verb is a flight or a displacement: what drove it is told as its reason.
    return Choice("Other", "people flee or are displaced") if f.anchor == "other" and f.anchor_root else None


def sexual(f: Frame) -> Choice | None:
    # Sexual violence words are unambiguous and "sexual assault" is no battle.
    return Choice("Sexual violence", "sexual violence named") if f.has("sexual") else None


def mob(f: Frame) -> Choice | None:
    if f.has("mob") and not f.has("protest"):
        return Choice("Mob violence", "a mob, not a demonstration, attacks")
    return None


def crowd(f: Frame) -> Choice | None:
    """Protests and riots: what the crowd did, then what was done to it (ACLED: Riots > Protests)."""
    if not any(fam in CROWD_FAMILIES for fam in f.families):
        return None
    violent = _cue(f, "crowd_violence")
    if f.has("riot") or violent:
        return Choice("Violent demonstration", f"the crowd is violent ({violent or 'riot'})")
    lethal = _cue(f, "lethal_force")
    if f.has("protest_force") or lethal:
        return Choice(
            "Excessive force against protesters", f"lethal force on the crowd ({lethal or 'fired on'})"
        )
    held = _cue(f, "intervention")
    if f.has("protest_intervention", "arrest") or held:
        return Choice(
            "Protest with intervention", f"the crowd is dispersed or detained ({held or 'arrests'})"
        )
    return Choice("Peaceful protest", "a crowd, no violence, no intervention")


def disrupted(f: Frame) -> Choice | None:
    """A weapon seized, found, defused or shot down: an attack prevented, not ground taken."""
    made_safe = _cue(f, "defusal")
    # Not when another weapon was used: a suicide bomber blowing himself up near an unexploded device.
    other_weapon = f.has("suicide", "grenade", "air", "shelling", "chemical")
    if made_safe and not f.killed and not other_weapon and f.has("disrupted", "explosion", "attack"):
        return Choice("Disrupted weapons use", f"a device made safe ({made_safe})")
    weapon = _cue(f, "weapons_object", f.objects)
    if f.has("disrupted") and weapon:
        return Choice("Disrupted weapons use", f"a weapon is seized or defused ({weapon})")
    # A capture or destruction whose object is a weapon, unless a weapon was used to do it (then the
    # weapon is the attack's: "detonated car bombs", "jets destroyed depots").
    used = any(fam in f.families and fam not in f.object_families for fam in WEAPON_FAMILIES)
    used = used or bool(f.instruments & {"air", "artillery"})
    if (
        f.has("territory", "attack")
        and weapon
        and not used
        and not f.killed
        and _before(f.objects, "weapons_object", "armed_target")
    ):
        return Choice("Disrupted weapons use", f"what is seized or destroyed is a weapon ({weapon})")
    return None


def territory(f: Frame) -> Choice | None:
    if not f.has("territory"):
        return None
    quiet = _cue(f, "no_fight")
    if quiet:
        return Choice("Non-violent transfer of territory", f"taken without a fight ({quiet})")
    if f.inter1 == 1:
        return Choice("Government regains territory", "state forces take ground")
    if f.inter1 in (2, 3, 4, 8):
        return Choice("Non-state actor overtakes territory", "a non-state or foreign force takes ground")
    unnamed = _cue(f, "nonstate_words", f.before)
    if unnamed:
        return Choice("Non-state actor overtakes territory", f"unnamed non-state takers ({unnamed})")
    regained = _cue(f, "regain")
    if regained:
        return Choice("Government regains territory", f"ground won back, taker unnamed ({regained})")
    return Choice("Armed clash", "ground taken by an unknown side: a fight, no known holder")


def handover(f: Frame) -> Choice | None:
    if f.has("handover"):
        return Choice("Non-violent transfer of territory", "control handed over")
    return None


def _weapon_choice(f: Frame, families: tuple[str, ...], instruments: set[str], how: str) -> Choice | None:
    table = (
        ("chemical", "chemical", "Chemical weapon"),
        ("suicide", "suicide", "Suicide bomb"),
        ("grenade", "grenade", "Grenade"),
        ("air", "air", "Air/drone strike"),
        ("shelling", "artillery", "Shelling/artillery/missile attack"),
        ("shelling", "missile", "Shelling/artillery/missile attack"),
        ("explosion", "explosive", "Remote explosive/landmine/IED"),
    )
    for family, instrument, sub in table:
        if family in families or instrument in instruments:
            return Choice(sub, f"{how} ({family if family in families else instrument})")
    return None


def weapon_trigger(f: Frame) -> Choice | None:
    """A trigger that names the weapon (an air strike, a blast, a grenade) decides the E/RV type."""
    named = tuple(fam for fam in WEAPON_FAMILIES if fam in f.families)
    if not named:
        return None
    # A blast whose device is named (a suicide vest, a grenade, a chemical shell) is that device's.
    instruments = f.instruments & {"chemical", "suicide", "grenade"} if "explosion" in named else set()
    return _weapon_choice(f, named, instruments, "the trigger names the weapon")


def property_destroyed(f: Frame) -> Choice | None:
    """The clause's own verb loots or destroys property, no one is killed and no weapon is named: the
    fight or attack in the sentence is its circumstance ("shops were destroyed following a clash")."""
    if f.killed or f.instruments & {"air", "artillery", "missile", "explosive", "suicide", "grenade"}:
        return None
    if f.anchor == "looting":
        return Choice("Looting/property destruction", "the clause loots or burns property")
    item = _cue(f, "property", f.objects)
    if f.anchor == "attack" and item and not _cue(f, "armed_target", f.objects):
        return Choice("Looting/property destruction", f"what is destroyed is property ({item})")
    return None


def clash(f: Frame) -> Choice | None:
    if not f.has("clash"):
        return None
    if f.inter2 == 7:  # "assaulted civilians", "ambushed villagers": the target cannot fight back
        return Choice("Attack", "an assault on civilians")
    return Choice("Armed clash", "two armed sides fight")


def attack_with_weapon(f: Frame) -> Choice | None:
    if not f.has("attack"):
        return None
    return _weapon_choice(f, (), f.instruments, "an attack with a named weapon")


def attack_target(f: Frame) -> Choice | None:
    """Attack vs Armed clash: could the target fire back?"""
    if not f.has("attack", "abduction") or (f.has("abduction") and not f.killed):
        return None
    armed = _cue(f, "armed_target", f.objects)
    if f.inter2 in ARMED_INTERS or armed:
        return Choice("Armed clash", f"the target is armed ({armed or 'an armed actor'})")
    if f.inter1 is None and f.inter2 is None and not f.killed and not f.objects:
        return None  # no one named, no one hurt: too little to code
    return Choice("Attack", "the target is unarmed")


def abduction(f: Frame) -> Choice | None:
    return Choice("Abduction/forced disappearance", "people taken") if f.has("abduction") else None


def arrest(f: Frame) -> Choice | None:
    if not f.has("arrest"):
        return None
    if f.inter1 in (2, 3, 4):
        return Choice("Abduction/forced disappearance", "a non-state group detains people")
    return Choice("Arrests", "an authority detains people")


def base(f: Frame) -> Choice | None:
    post = _cue(f, "facility", f.objects)
    if f.has("base") and post:
        return Choice("Headquarters or base established", f"a base is set up ({post})")
    return None


def withdrawal_from_place(f: Frame) -> Choice | None:
    # The clause's own verb is the withdrawal: an "advance" in it is why they left, not a fight.
    if f.anchor == "withdrawal" and f.placed:
        return Choice("Non-violent transfer of territory", "forces leave a named place")
    return None


def agreement(f: Frame) -> Choice | None:
    return Choice("Agreement", "an agreement or talks") if f.has("agreement") else None


def change(f: Frame) -> Choice | None:
    if f.has("change"):
        return Choice("Change to group/activity", "forces move, deploy or regroup")
    if f.has("withdrawal"):
        return Choice("Change to group/activity", "forces pull back from no named place")
    return None


def looting(f: Frame) -> Choice | None:
    return Choice("Looting/property destruction", "property taken or destroyed") if f.has("looting") else None


def other(f: Frame) -> Choice | None:
    return Choice("Other", "displacement, mass graves or a coup") if f.has("other") else None


# ACLED's order: Battles > Protests > Riots > E/RV > VAC > SD, with the unambiguous words first and
# a weapon seized (Disrupted weapons use) read before the capture of ground its verb suggests.
RULES: tuple[Rule, ...] = (
    displacement,
    sexual,
    mob,
    crowd,
    disrupted,
    territory,
    handover,
    withdrawal_from_place,
    weapon_trigger,
    property_destroyed,
    clash,
    attack_with_weapon,
    attack_target,
    abduction,
    arrest,
    base,
    looting,
    agreement,
    change,
    other,
)


def decide(frame: Frame) -> Choice | None:
    """The sub-event type of an action and the rule that chose it; None when no rule can decide."""
    for rule in RULES:
        choice = rule(frame)
        if choice is not None:
            return Choice(choice.sub_event_type, f"{rule.__name__}: {choice.rule}")
    return None
