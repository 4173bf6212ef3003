"""ACLED's aggregation inside one report: a headline and restatements are the event they restate; a
sentence that only adds figures belongs to the event before it; the same actors, place and day are one
event, coded with its highest tactic."""

from __future__ import annotations

import re

from sitrep.extract.actors import GENERIC_ACTORS, ActorDictionary
from sitrep.extract.mention import Mention, is_battle
from sitrep.extract.roles import CLAUSE_HEADS
from sitrep.model import HAPPENED
from sitrep.nlp.pipeline import Sentence, TriggerHit

# Event types whose reports of one act mix their words ("the attack", "the strike", "killed in clashes").
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


# Words that refer back to an act already told ("the attack", "this strike", "the latest blast").
_DEFINITE = {"the", "this", "that", "these", "those"}


def aggregate(mentions: list[Mention], actors: ActorDictionary) -> list[Mention]:
    """ACLED's aggregation inside one report (see the module docstring)."""
    events: list[Mention] = []
    headlines: list[Mention] = []
    for m in mentions:
        if m.sentence.kind == "headline":
            headlines.append(m)
            continue
        target = _merge_target(m, events)
        if target is not None:
            _merge(target, m)
        else:
            events.append(m)
    for h in headlines:
        later = [
            e
            for e in events
            if e.sentence.segment > h.sentence.segment
            and (e.status == h.status or (e.status in HAPPENED and h.status in HAPPENED))
            and (_family_class(e) == _family_class(h) or _kindred(e, h))
            and (e.actor1 == h.actor1 or h.actor1 is None or e.actor1 is None)
        ]
        if later:
            # The story the headline tells: the one that shares most with it (its sides, its kind of
            # event), the first of those; what the headline adds (a verb, a side, a place) joins it.
            scores = [_shared(e, h) for e in later]
            _merge(later[scores.index(max(scores))], h)
        elif h.status not in HAPPENED:
            events.append(h)  # what a headline says is planned is kept, with its status
        else:
            events.append(h)
    return _attach_denials(events)


def _attach_denials(events: list[Mention]) -> list[Mention]:
    """A denial is no event of its own: it disputes the act the report tells that it denies (the same
    kind of event, no other place or day); a denial of nothing told stays, status denied."""
    out: list[Mention] = []
    for m in events:
        if m.status != "denied":
            out.append(m)
            continue
        target = next(
            (
                e
                for e in out
                if e.status in HAPPENED
                and (_kindred(e, m) or m.event_type is None)
                and (m.place is None or e.place is None or _same_place(e, m))
                and (m.date is None or e.date is None or e.date.date == m.date.date)
            ),
            None,
        )
        if target is None:
            out.append(m)
        else:
            target.disputed = True
            target.evidence.extend(m.evidence)
    return out


def _shared(e: Mention, h: Mention) -> int:
    """How much a story shares with a headline: its sides and its kind of event."""
    return (
        (e.actor2 is not None and e.actor2 == h.actor2)
        + (e.actor1 is not None and e.actor1 == h.actor1)
        + (e.event_type is not None and e.event_type == h.event_type)
    )


def _merge_target(m: Mention, events: list[Mention]) -> Mention | None:
    if not events:
        return None
    previous = events[-1]
    # A sentence that only adds figures to the story before it ("the operation has killed …",
    # "the group said two soldiers were killed"): no place, no day, no actor of its own.
    known = {a.name for a in previous.side_a + previous.side_b}
    own = {a.name for a in m.side_a + m.side_b}
    if (
        m.place is None
        and m.date is None
        and own <= known
        and previous.status in HAPPENED
        and m.status in HAPPENED
    ):
        return previous
    if m.place is None and m.date is not None and m.date.kind == "span" and not m.side_a:
        return previous
    # A campaign's total is a claim on the campaign told before it ("the operation has killed 2,000").
    if m.status == "aggregate":
        campaigns = [
            e for e in events if e.date is not None and e.date.kind == "span" and e.status in HAPPENED
        ]
        return campaigns[-1] if campaigns else None
    # "The attack happened at 13:00 in Huyum": a definite mention of an act already told is that act.
    if m.definite and m.status in HAPPENED:
        for e in reversed(events):
            if (
                e.status in HAPPENED
                and _kindred(e, m)
                and (m.date is None or e.date is None or abs((e.date.date - m.date.date).days) <= 2)
                and (m.place is None or e.place is None or _same_place(e, m) or e.place.role == "region")
            ):
                # The telling that gives the detail ("on Monday in Huyum") dates the act.
                if m.date is not None and m.date.time_precision == 1:
                    e.date = m.date
                return e
    # The same story told again with more or other detail: the same kind of event, day, actors and
    # place as far as both say ("an air strike killed nine" … "the strike hit a house in Saada").
    for e in reversed(events):
        if _same_story(e, m):
            return e
    # A restatement: the same kind of action by the same actor at the same place, on no new day.
    for e in events:
        if (
            (m.date is None or (e.date is not None and e.date.date == m.date.date))
            and e.status == m.status
            and _family_class(e) == _family_class(m)
            and (m.actor1 is None or e.actor1 == m.actor1)
            and _same_place(e, m)
            and (m.restatement or m.date is not None)
        ):
            return e
    return None


def _kindred(a: Mention, b: Mention) -> bool:
    """One act can be told with these two mentions' words: the same event type, or two kinds of
    violence when one of them is only a generic attack or killing word."""
    if a.event_type == b.event_type:
        return a.event_type is not None

    def violent(m: Mention) -> bool:  # a bare "the attack" decides no type but is violence
        return m.event_type in _VIOLENT or (m.event_type is None and set(m.families) <= {"attack"})

    generic = set(a.families) <= {"attack"} or set(b.families) <= {"attack"}
    return generic and violent(a) and violent(b)


def definite(sentence: Sentence, anchor: TriggerHit) -> bool:
    """The anchor is a noun introduced as known ("the attack", "this strike"), not a verb's clause."""
    assert sentence.parsed is not None
    token = sentence.parsed[anchor.token]
    # A verb's clause, or a noun with its own object ("the destruction of a vehicle"), tells something new.
    if token.dep_ in CLAUSE_HEADS and token.dep_ != "ROOT":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children) or any(
        c.dep_ == "amod" and c.lower_ == "latest" for c in token.children
    )


def _same_story(a: Mention, b: Mention) -> bool:
    """The same act told twice: the same kind of event, or (ACLED: one actor, place and day is one
    event, coded with its highest tactic) the same named actor acting again on no other day or place."""
    # A party's claim and the reporter's retelling of it in the same report are one act.
    if a.status not in HAPPENED or b.status not in HAPPENED or a.event_type is None:
        return False
    # A bare attack or killing word ("the bomber struck the market") adds detail to the violence told.
    generic = set(b.families) <= {"attack"} and b.event_type is None and _kindred(a, b)
    if (
        a.event_type != b.event_type
        and not generic
        and (
            a.actor1 is None
            or a.actor1 != b.actor1
            or b.event_type is None
            or a.actor1.startswith(GENERIC_ACTORS)
            or not (_detail(b) or (a.place is not None and b.place is not None and _same_place(a, b)))
        )
    ):
        # "gunmen" here and "a mob" there may be anyone, and an act elsewhere is another: only a named
        # actor at a place both name is one event.
        return False
    if a.date is not None and b.date is not None and a.date.date != b.date.date:
        return False
    for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        if x is not None and y is not None and x != y:
            return False
    return a.place is None or b.place is None or _same_place(a, b) or _same_toll(a, b)


def _detail(m: Mention) -> bool:
    """A statement with no place and no day of its own adds a detail to the story told before it
    ("the whole village was burnt by Boko Haram gunmen")."""
    return m.place is None and m.date is None


def _same_toll(a: Mention, b: Mention) -> bool:
    """The same dead told at a finer and a vaguer place ("killed 15 near Maiduguri" … "attacked Kambari
    village and killed 15"): one act, unless both name a settlement of their own."""
    killed_a, killed_b = a.claims.get("killed"), b.claims.get("killed")
    if killed_a is None or killed_b is None or killed_a.value != killed_b.value or killed_a.value == 0:
        return False
    assert a.place is not None and b.place is not None
    return a.place.precision != 1 or b.place.precision != 1


def _merge(target: Mention, other: Mention, evidence_only: bool = False) -> None:
    target.evidence.extend(other.evidence)
    if evidence_only:
        return
    target.families.extend(f for f in other.families if f not in target.families)
    for kind, quantity in other.claims.items():
        current = target.claims.get(kind)
        if current is None or quantity.value < current.value:
            target.claims[kind] = quantity
    target.losses.extend(other.losses)
    target.instruments |= other.instruments
    # The finer word wins: a place or a side the first telling left out.
    finer = other.place is not None and other.place.role != "region"
    coarser = target.place is not None and (
        target.place.role == "region"
        or (other.place is not None and target.place.precision > other.place.precision)
    )
    if other.place is not None and (target.place is None or (coarser and finer)):
        target.place, target.resolved = other.place, other.resolved
    if target.date is None and other.date is not None:
        target.date = other.date
    if not target.side_a and other.side_a:
        target.side_a = list(other.side_a)
    if not target.side_b and other.side_b:
        target.side_b = list(other.side_b)
    for name, words in other.cues.items():
        target.cues.setdefault(name, words)
    if other.date is not None and other.date.kind == "span":
        target.date = other.date
    if target.claimed_by is None:
        target.claimed_by = other.claimed_by
    for unit in other.units:
        if unit.name not in {u.name for u in target.units}:
            target.units.append(unit)


def _same_place(a: Mention, b: Mention) -> bool:
    if a.resolved and b.resolved and a.resolved.geonameid and b.resolved.geonameid:
        return (
            a.resolved.geonameid == b.resolved.geonameid
            and a.resolved.geo_precision == b.resolved.geo_precision
        )
    if a.place and b.place:
        return skeleton(a.place.name) == skeleton(b.place.name)
    return False


def skeleton(name: str) -> str:
    low = re.sub(r"\b(?:al|el|ad|ash|as|at|ar|an|az)[-\s]", "", name.lower())
    return re.sub(r"[^a-z]|[aeiouy]", "", low)


def _family_class(m: Mention) -> str:
    return "territory" if set(m.families) & TERRITORY_FAMILIES else "battle" if is_battle(m) else "other"


def unique(sentences: list[Sentence]) -> list[Sentence]:
    seen: set[int] = set()
    out = []
    for s in sorted(sentences, key=lambda s: s.start):
        if s.start not in seen:
            seen.add(s.start)
            out.append(s)
    return out


TERRITORY_FAMILIES = {"territory", "withdrawal", "handover"}
