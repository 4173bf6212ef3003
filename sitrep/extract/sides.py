"""Who acts and who is acted on in one statement: the parse's roles (sitrep.extract.roles patterns),
else word order; casualty counts, "against", lists of agents, allies and anaphors."""

from __future__ import annotations

import re
from collections import Counter

from sitrep.extract.actors import ActorDictionary, ActorMention
from sitrep.extract.mention import Mention, is_battle
from sitrep.extract.quantities import find_casualties
from sitrep.extract.roles import Roles, find_roles
from sitrep.nlp.pipeline import TriggerHit

_AGAINST = re.compile(r"\bagainst\s+(?:the\s+)?$", re.I)


# "A and B", "A, B", "A and the Turkey-backed B".
_COORDINATION = re.compile(
    r"\s*(?:,|,?\s*and|&|as well as)\s+(?:the\s+)?(?:[\w]+-(?:backed|led|allied)\s+)?", re.I
)


_COUNTED_OF = re.compile(r"\s*(?:of|from|in\s+the\s+ranks\s+of)\s+(?:the\s+)?", re.I)


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.I)


_PEOPLE_TARGETS = {7}  # ACLED inter 7: civilians


# -- decisions, each a small function ----------------------------------------------------------
def _counted_actors(text: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Actors a casualty figure counts ("17 members of the regime forces and militiamen loyal to them
    were killed", "12 IS fighters killed"): they lost people, so they are the side hit, not the attacker."""
    out: list[ActorMention] = []
    for figure in find_casualties(text):
        previous: ActorMention | None = None
        for actor in actors:
            if actor.start < figure.start:
                continue
            if previous is None:  # inside the figure ("12 IS fighters") or right after "members of"
                counted = actor.start < figure.end or _COUNTED_OF.fullmatch(text[figure.end : actor.start])
            else:  # "... of the regime forces and militiamen loyal to them"
                counted = _COORDINATION.fullmatch(text[previous.end : actor.start])
            if not counted:
                break
            out.append(actor)
            previous = actor
    return out


def _co_agents(text: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Actors joined by "and" to the first after "by": "an attack by the factions and Fateh al-Sham Front"
    names two attackers, allies or not; "clashes between A and B" names two sides."""
    if not actors or not _BY_AGENT.search(text[max(0, actors[0].start - 12) : actors[0].start]):
        return []
    return _coordinated_run(text, actors)


def _coordinated_run(text: str, actors: list[ActorMention]) -> list[ActorMention]:
    """The actors after the first that a list joins to it ("A, B and C"), up to the first gap."""
    out: list[ActorMention] = []
    if not actors or _BETWEEN.search(text[max(0, actors[0].start - 16) : actors[0].start]):
        return out
    previous = actors[0]
    for actor in actors[1:]:
        if not _COORDINATION.fullmatch(text[previous.end : actor.start]):
            break
        out.append(actor)
        previous = actor
    return out


def _distinct(actors: list[ActorMention]) -> list[ActorMention]:
    seen: set[str] = set()
    out = []
    for actor in actors:
        key = actor.name or actor.text.lower()
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


def document_opponent(actor1: str, mentions: list[Mention], actors: ActorDictionary) -> ActorMention | None:
    """The side a one-sided battle report fought: the document's most named non-allied armed actor."""
    counts: Counter[str] = Counter()
    first: dict[str, ActorMention] = {}
    for mention in mentions:
        for actor in mention.side_a + mention.side_b:
            if actor.inter in (0, 5, 6, 7) or actors.are_allies(actor.name, actor1):
                continue
            counts[actor.name] += 1
            first.setdefault(actor.name, actor)
    if not counts:
        return None
    return first[counts.most_common(1)[0][0]]


def assign_roles(
    mention: Mention, actors: list[ActorMention], hit: TriggerHit, dictionary: ActorDictionary
) -> None:
    """Actors before the trigger are its agents, those after it the other side (passives swap)."""
    doc = mention.sentence.parsed
    assert doc is not None
    text = str(doc.user_data.get("text") or doc.text)  # spaCy rebuilds doc.text on every access
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in doc[hit.token].children)
    # The subject of a passive is what the action was done to ("the terrorists were pushed back"):
    # it never becomes the agent for want of a "by" phrase, but in a fight ("seven fighters were
    # killed in clashes") those who lost people still fought.
    patients = [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
        for c in doc[hit.token].children
        if c.dep_ == "nsubjpass" and ("territory" in mention.families or not is_battle(mention))
    ]
    fighters = [a for a in actors if a.kind in ("actor", "state", "anaphor", "unknown_state")]
    mention.units = [a for a in actors if a.kind == "unit"]
    # An actor that contains the trigger ("Russian warplanes" holds "warplanes") is its agent.
    before = [a for a in fighters if a.start < hit.start or a.start <= hit.start < a.end]
    after = [a for a in fighters if a not in before and a.start >= hit.start]
    roles = find_roles(doc, hit.token, lambda span: any(span[0] <= a.start < span[1] for a in fighters))
    if roles.pattern and is_battle(mention) and "territory" not in mention.families and not roles.agent:
        roles = Roles()  # "seven fighters were killed in clashes": who lost people still fought
    mention.role_rule = roles.pattern
    opposed = None
    if roles.pattern:
        # The parse names the sides (sitrep/data/roles.yaml); those it leaves out are the other side.
        agents = [a for a in fighters if any(lo <= a.start < hi for lo, hi in roles.agent)]
        hit_side = [a for a in fighters if any(lo <= a.start < hi for lo, hi in roles.patient)]
        hit_side = [a for a in hit_side if a not in agents]
        if agents:
            before = agents
        else:
            before = [a for a in before if a not in hit_side]
            patients += [(a.start, a.end) for a in hit_side]  # never promoted to agent below
        after = hit_side + [a for a in fighters if a not in before and a not in hit_side]
    elif passive:
        before, after = after, before
    if not roles.pattern:
        # "the factions and Tahrir al-Sham against the regime forces": "against" divides the two sides.
        opposed = next(
            (
                i
                for i, a in enumerate(fighters)
                if i and _AGAINST.search(text[max(0, a.start - 16) : a.start])
            ),
            None,
        )
    if opposed is not None:
        before, after = fighters[:opposed], fighters[opposed:]
    # In a battle those who lost people still fought; in a one-sided attack they are its target.
    counted = [] if is_battle(mention) else _counted_actors(text, fighters)
    if not before and after:
        # Nothing named before the trigger: the first armed actor after it acts; civilians, and those
        # a casualty figure counts, never do.
        armed = [
            a
            for a in after
            if a.inter != 7 and a not in counted and not any(lo <= a.start < hi for lo, hi in patients)
        ]
        before = armed[:1]
        before += _co_agents(text, armed)
        after = [a for a in after if a not in before]
    # Civilians are victims, never the side that acts (ACLED: the civilian is actor2); with no
    # armed actor named, actor1 stays unknown rather than guessed.
    victims = [a for a in before if a.inter == 7 or a in counted]
    before = [a for a in before if a not in victims]
    after = victims + after
    mention.side_a = _distinct(before)
    first = mention.side_a[0].name if mention.side_a else None
    # Enemies are never on one side: "Turkish army says 48 Islamic State militants killed".
    if opposed is not None:
        together = list(mention.side_a)
    elif not is_battle(mention):
        # "Islamic State, Turkey-backed rebels attack the SDF": a list of agents acts together
        # (in "A and B clash" they are the two sides).
        together = _coordinated_run(text, mention.side_a)
    else:
        together = _co_agents(text, mention.side_a)  # "clashes waged by A and B"
    enemies = [
        a for a in mention.side_a[1:] if a not in together and not dictionary.are_allies(a.name, first)
    ]
    mention.side_a = [a for a in mention.side_a if a not in enemies]
    after = enemies + after
    # An ally named after the trigger fights beside actor1 ("Russian and Syrian warplanes").
    mention.side_a += [
        a for a in _distinct(after) if a.name != first and dictionary.are_allies(a.name, first)
    ]
    mention.side_b = [a for a in _distinct(after) if not dictionary.are_allies(a.name, first)]


def resolve_anaphora(mentions: list[Mention], dictionary: ActorDictionary) -> None:
    """'The terrorist group' is the armed group named last before it."""
    last_group: ActorMention | None = None
    for mention in mentions:
        for side in (mention.side_a, mention.side_b):
            for i, actor in enumerate(side):
                # The same group never fights itself: an anaphor opposite its antecedent stays unread.
                opposite = mention.side_b if side is mention.side_a else mention.side_a
                if (
                    actor.kind == "anaphor"
                    and last_group is not None
                    and not any(dictionary.are_allies(o.name, last_group.name) for o in opposite if o.name)
                ):
                    side[i] = ActorMention(
                        actor.start, actor.end, actor.text, last_group.name, last_group.inter, "actor"
                    )
                elif actor.kind == "actor" and actor.inter in (2, 3, 4):
                    last_group = actor
        mention.side_a[:] = [a for a in mention.side_a if a.name]
        mention.side_b[:] = [a for a in mention.side_b if a.name]
        if mention.claimed_by is None and mention.status == "claimed" and mention.side_a:
            mention.claimed_by = mention.side_a[0].name
