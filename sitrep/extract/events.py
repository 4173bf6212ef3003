"""From analysed sentences to ACLED-style events: the coder's decisions, one function each.

A sentence with a trigger gives one mention per status (what happened, what is planned, …).
Mentions are then aggregated as ACLED does inside a report: a headline and restatements are the
event they restate; a sentence that only adds figures ("the operation has killed …") belongs to
the event before it; the same actors, place and day are one event.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from sitrep.extract.actors import INTER_NAMES, ActorDictionary, ActorMention, load_actors
from sitrep.extract.attribution import claimant, clause_decision, is_restatement
from sitrep.extract.dates import DateMention, find_dates
from sitrep.extract.equipment import Equipment
from sitrep.extract.pipeline import shared_pipeline
from sitrep.extract.places import PlaceHit, find_places, name_after
from sitrep.extract.quantities import find_casualties
from sitrep.extract.regimes import period_name
from sitrep.extract.roles import Roles, find_roles
from sitrep.extract.subevent import BEFORE_CUES, OBJECT_CUES, Cues, Frame, cues, decide, object_text
from sitrep.model import HAPPENED, Document, Event, Evidence, Loss, PlaceMention, Quantity, ResolvedPlace
from sitrep.nlp.pipeline import Pipeline, Sentence, TriggerHit
from sitrep.vocab import SubEventInfo, Triggers, load_yaml, taxonomy, triggers

_log = logging.getLogger(__name__)
_STATE_NAMES = ("Military Forces of", "Police Forces of")
_GENERIC_ACTORS = ("Unidentified Armed Group", "Civilians", "Protesters", "Rioters")
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+)*"  # the city, in capitals
    r"(?:,\s*[A-Z][\w'’.\- ]{1,30}?)?"  # its country or region
    r"(?:,?\s*[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})?"  # a date
    r"(?:\s*\([^)]{0,30}\))?"  # the agency or the time: "(Reuters)", "(3: 40 P.M.)"
    r"(?:\s*(?::|[-–—](?=\s|[A-Z]))|(?<=\d{4})\s+(?=[A-Z]))"  # a colon or dash, or the story after a date
)
_DESTROY = re.compile(
    r"\b(?:destroy\w*|destruction|knock\w* out|downed|shot down|burn\w*|disabled|hit|struck)\b", re.I
)
# Dependencies that make a token the head of a clause: a verb for the parse's purposes (the tagger,
# which would say VERB, is not run for extraction).
_CLAUSE_HEADS = {"ROOT", "conj", "xcomp", "ccomp", "advcl", "relcl", "pcomp", "acl", "csubj", "parataxis"}
_INSTRUMENT_BEFORE = re.compile(r"\b(?:with|using|by)\s+(?:an?|the|their|its)?\s*$", re.I)
_COUNTED_OF = re.compile(r"\s*(?:of|from|in\s+the\s+ranks\s+of)\s+(?:the\s+)?", re.I)
_KILL_WORD = re.compile(r"\b(?:killed|dead|died)\b", re.I)
# A period's toll broken down by who died: "88 were killed yesterday, including 12 members of the
# regime forces", "91 persons including 37 members of the regime forces were killed".
_ROLLUP = re.compile(
    r"(?<![\w-])\d[\d,]*\s+(?:(?:people|persons|were|have\s+been|killed|died|dead|casualties)\b[^.;:]{0,50}?)?"
    r"[,;]?\s*including\s+(?:at\s+least\s+|about\s+|more\s+than\s+)?\d",
    re.I,
)
_ROLLUP_SPAN = re.compile(
    r"\b(?:yesterday|in\s+the\s+(?:past|last)\s+24\s+hours|(?:past|last)\s+day)\b", re.I
)
_BREAKDOWN = re.compile(r"[^.;]{0,80}?\band\s+(?:about\s+|at\s+least\s+|more\s+than\s+)?\d", re.I)
_AGAINST = re.compile(r"\bagainst\s+(?:the\s+)?$", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
# "A and B", "A, B", "A and the Turkey-backed B".
_COORDINATION = re.compile(
    r"\s*(?:,|,?\s*and|&|as well as)\s+(?:the\s+)?(?:[\w]+-(?:backed|led|allied)\s+)?", re.I
)
_PEOPLE_TARGETS = {7}  # ACLED inter 7: civilians
# Event types whose reports of one act mix their words ("the attack", "the strike", "killed in clashes").
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
# A toll this large is a campaign's or a period's, not one event's (ACLED splits such totals or leaves
# them out): it is kept as a claim on a campaign event told in the report, else it is no event.
AGGREGATE_FIGURE = 1000
# Words that refer back to an act already told ("the attack", "this strike", "the latest blast").
_DEFINITE = {"the", "this", "that", "these", "those"}
_TERRITORY_FAMILIES = {"territory", "withdrawal", "handover"}
# Families whose trigger can take a place as its object ("captured Saraqib", "shells target Binnish").
_OBJECT_PLACE_FAMILIES = _TERRITORY_FAMILIES | {"attack", "air", "shelling"}


class Geocoder(Protocol):
    def resolve(
        self,
        mentions: list[PlaceMention],
        country: str | None = None,
        region_hints: list[str] | tuple[str, ...] = (),
    ) -> list[ResolvedPlace | None]: ...


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
    definite: bool = False  # the action is named as one already told ("the attack happened at …")
    role_rule: str | None = None  # the pattern of sitrep/data/roles.yaml that named the sides

    @property
    def actor1(self) -> str | None:
        return self.side_a[0].name if self.side_a else None

    @property
    def actor2(self) -> str | None:
        return self.side_b[0].name if self.side_b else None


@dataclass
class Analysis:
    """One document's decisions: the mentions read from its sentences, the merged ones and the
    event built from each merged mention (parallel to `merged`, none left out yet)."""

    sentences: list[Sentence]
    mentions: list[Mention]
    merged: list[Mention]
    events: list[Event]
    dropped: list[Mention] = field(default_factory=list)


class Extractor:
    """Reads documents into events; holds the pipeline, the vocabularies and the geocoder."""

    def __init__(
        self,
        pipeline: Pipeline | None = None,
        actors: ActorDictionary | None = None,
        equipment: Equipment | None = None,
        geocoder: Geocoder | None = None,
        vocabulary: Triggers | None = None,
    ) -> None:
        self.pipeline = pipeline or shared_pipeline()
        self.actors = actors or load_actors()
        self.equipment = equipment or Equipment.load()
        self.geocoder = geocoder
        self.vocabulary = vocabulary or triggers()
        self.taxonomy = taxonomy()
        self.cues: Cues = cues()
        self.conventions: dict[str, dict[str, dict[str, object]]] = load_yaml("conventions.yaml")

    # -- the whole document ------------------------------------------------------------------
    def extract(self, document: Document, all_statuses: bool = False, parse_all: bool = False) -> list[Event]:
        """The document's events, main event first; only what happened unless `all_statuses`."""
        return self.extract_many([document], all_statuses, parse_all)[0]

    def extract_many(
        self, documents: list[Document], all_statuses: bool = False, parse_all: bool = False
    ) -> list[list[Event]]:
        """`extract` for a batch of documents: the model parses all their sentences in one pass."""
        analysed = self.pipeline.analyse_many(documents, parse_all=parse_all)
        return [
            self._events(document, sentences, all_statuses)
            for document, sentences in zip(documents, analysed, strict=True)
        ]

    def analysis(self, document: Document, sentences: list[Sentence] | None = None) -> Analysis:
        """Every decision for one document: its mentions, how they merged and the event of each
        merged mention (before any is left out); `sitrep explain` prints it."""
        if sentences is None:
            sentences = self.pipeline.analyse(document)
        # The source's own country hint wins over a guess from the words of the text.
        country = (document.country or "").upper() or self.actors.document_country(document.text)
        mentions, dropped = self._mentions(sentences, document, country)
        self._resolve_anaphora(mentions)
        region_hints = _region_hints(sentences)
        self._geocode(mentions, country, region_hints)
        for m in mentions:  # a provisional type: which mentions tell one story
            sub = self._sub_event_type(m)
            m.event_type = self.taxonomy[sub].event_type if sub else None
        merged = _aggregate(mentions, self.actors)
        events = [self._event(m, document, country, mentions, region_hints) for m in merged]
        return Analysis(sentences, mentions, merged, events, dropped)

    def _events(self, document: Document, sentences: list[Sentence], all_statuses: bool) -> list[Event]:
        events = [e for e in self.analysis(document, sentences).events if e.sub_event_type]
        if not all_statuses:
            events = [e for e in events if e.status in HAPPENED]
        for index, event in enumerate(events):
            event.event_id = f"{document.id[:10]}-{index + 1}"
        return events

    # -- sentences to mentions -----------------------------------------------------------------
    def _mentions(
        self, sentences: list[Sentence], document: Document, country: str | None
    ) -> tuple[list[Mention], list[Mention]]:
        """The sentences' mentions, and those dropped before aggregation (each with its reason)."""
        out: list[Mention] = []
        for sentence in sentences:
            if sentence.parsed is None or not sentence.triggers:
                continue
            try:
                out.extend(self._sentence_mentions(sentence, document, country))
            except Exception as error:  # noqa: BLE001 - one unreadable clause must not cost the document
                _log.warning(
                    "%s: sentence at %d skipped (%s: %s)",
                    document.path or document.id,
                    sentence.start,
                    type(error).__name__,
                    error,
                )
        return [m for m in out if m.dropped is None], [m for m in out if m.dropped is not None]

    def _sentence_mentions(
        self, sentence: Sentence, document: Document, country: str | None
    ) -> list[Mention]:
        """The mentions of one parsed sentence that holds trigger words."""
        assert sentence.parsed is not None
        out: list[Mention] = []
        text = sentence.parsed.text  # equals sentence.text but for a headline's case
        actors = self.actors.find(text, country)
        dates = [d for d in find_dates(text, document.published) if not d.reporting]
        # A dateline ("BAMAKO:", "MAIDUGURI, Nigeria, July 31, 2015 -") says where the story was filed,
        # not where the event happened.
        filed = _dateline_end(text)
        places = [p for p in find_places(text, 0, [(a.start, a.end) for a in actors]) if p.start >= filed]
        who, certainty = claimant(text, actors)
        by_status: dict[str, list[TriggerHit]] = {}
        decisions = {}  # token → its clause's decision, read once
        for hit in self._kept_triggers(sentence, text):
            decisions[hit.token] = clause_decision(sentence.parsed, hit.token, self.vocabulary)
            status = decisions[hit.token].status
            if status == "claimed" and who is None:
                who = _claim_subject(text, actors)
            by_status.setdefault(status, []).append(hit)
        groups = [g for hits in by_status.values() for g in _by_place(text, hits, places, actors)]
        # "By capturing X, the troops cut the road": the main clause tells what the restated
        # capture brought about, part of that event rather than one of its own.
        restating = [g for g in groups if any(is_restatement(sentence.parsed, h.token) for h in g)]
        if restating:
            groups = restating
        scopes = _scopes(text, groups, places, actors)
        for hits, (low, high) in zip(groups, scopes, strict=True):
            decision = decisions[hits[0].token]
            anchor = _anchor(sentence, hits)
            mention = Mention(sentence, [h.family for h in hits], decision.status, anchor)
            mention.status_reason = decision.reason + (f" ('{decision.cue}')" if decision.cue else "")
            mention.claimed_by = who
            mention.certainty = certainty
            mention.restatement = any(is_restatement(sentence.parsed, h.token) for h in hits)
            self._roles(mention, [a for a in actors if low <= a.start < high], anchor)
            mention.place = _place_for(text, hits, [p for p in places if low <= p.start < high], actors)
            mention.evidence = [sentence]
            if _rollup(text, mention):
                mention.dropped = "a period's toll broken down by side (a roll-up, not one event)"
                out.append(mention)
                continue
            mention.date = _date_for(dates)
            recalled = _recalled(mention, dates, document.published)
            if recalled:
                mention.status, mention.status_reason = "background", recalled
            party = _party(who, actors, self.actors)
            # A side's own announcement of what it did stays its claim until another source tells it.
            if (
                mention.status == "occurred"
                and party is not None
                and mention.actor1 is not None
                and (party == mention.actor1 or self.actors.are_allies(party, mention.actor1))
            ):
                mention.status, mention.status_reason = "claimed", f"announced by a party to it ({who})"
            # Figures are read from the action's own stretch; blanks keep the offsets.
            scoped = (
                text
                if (low, high) == (0, len(text))
                else " " * low + text[low:high] + " " * (len(text) - high)
            )
            self._figures(mention, scoped, actors)
            toll = max((q.value for q in mention.claims.values()), default=0)
            if mention.status in HAPPENED and toll >= AGGREGATE_FIGURE:
                mention.status = "aggregate"
                mention.status_reason = f"a toll of {toll}: a campaign or period total, not one event"
            mention.definite = _definite(sentence, anchor)
            mention.cues = self.cues.find(scoped)
            mention.cues_before = self.cues.find(scoped[: anchor.start], BEFORE_CUES)
            mention.cues_object = self.cues.find(_object_of(sentence, anchor, text), OBJECT_CUES)
            out.append(mention)
        return out

    def _kept_triggers(self, sentence: Sentence, text: str) -> list[TriggerHit]:
        """The sentence's trigger hits less those inside an excluded phrase ("riot police") and those
        whose family needs an object it does not have ("set up" a base)."""
        low = text.lower()
        kept = []
        for hit in sentence.triggers:
            excluded = self.vocabulary.excluded.get(hit.family, ())
            if any(
                start <= hit.start and hit.end <= start + len(phrase)
                for phrase in excluded
                for start in _occurrences(low, phrase, hit.start)
            ):
                continue
            if not self._object_met(hit, sentence, text):
                continue
            same = self.vocabulary.same_as.get(hit.family)
            kept.append(replace(hit, family=same) if same else hit)
        return kept

    def _object_met(self, hit: TriggerHit, sentence: Sentence, text: str) -> bool:
        """Whether the object a family requires is what its trigger acts on (a place name right after
        it counts as ground)."""
        needed = self.vocabulary.requires.get(hit.family)
        if not needed:
            return True
        scope = self.vocabulary.object_scope.get(hit.family)
        if scope == "clause":
            return self.cues.first(needed, object_text(text, hit.start, hit.end)) is not None
        if scope == "sentence":
            return self.cues.first(needed, text) is not None
        if self.cues.first(needed, _object_of(sentence, hit, text)):
            return True
        return needed == "ground" and name_after(text, hit.end) is not None

    def _roles(self, mention: Mention, actors: list[ActorMention], hit: TriggerHit) -> None:
        """Actors before the trigger are its agents, those after it the other side (passives swap)."""
        doc = mention.sentence.parsed
        assert doc is not None
        text = doc.text  # built from the tokens on every access: read it once
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in doc[hit.token].children)
        # The subject of a passive is what the action was done to ("the terrorists were pushed back"):
        # it never becomes the agent for want of a "by" phrase, but in a fight ("seven fighters were
        # killed in clashes") those who lost people still fought.
        patients = [
            (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
            for c in doc[hit.token].children
            if c.dep_ == "nsubjpass" and ("territory" in mention.families or not _is_battle(mention))
        ]
        fighters = [a for a in actors if a.kind in ("actor", "state", "anaphor", "unknown_state")]
        mention.units = [a for a in actors if a.kind == "unit"]
        # An actor that contains the trigger ("Russian warplanes" holds "warplanes") is its agent.
        before = [a for a in fighters if a.start < hit.start or a.start <= hit.start < a.end]
        after = [a for a in fighters if a not in before and a.start >= hit.start]
        roles = find_roles(doc, hit.token, lambda span: any(span[0] <= a.start < span[1] for a in fighters))
        if roles.pattern and _is_battle(mention) and "territory" not in mention.families and not roles.agent:
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
        counted = [] if _is_battle(mention) else _counted_actors(text, fighters)
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
        elif not _is_battle(mention):
            # "Islamic State, Turkey-backed rebels attack the SDF": a list of agents acts together
            # (in "A and B clash" they are the two sides).
            together = _coordinated_run(text, mention.side_a)
        else:
            together = _co_agents(text, mention.side_a)  # "clashes waged by A and B"
        enemies = [
            a for a in mention.side_a[1:] if a not in together and not self.actors.are_allies(a.name, first)
        ]
        mention.side_a = [a for a in mention.side_a if a not in enemies]
        after = enemies + after
        # An ally named after the trigger fights beside actor1 ("Russian and Syrian warplanes").
        mention.side_a += [
            a for a in _distinct(after) if a.name != first and self.actors.are_allies(a.name, first)
        ]
        mention.side_b = [a for a in _distinct(after) if not self.actors.are_allies(a.name, first)]

    def _figures(self, mention: Mention, text: str, actors: list[ActorMention]) -> None:
        for figure in find_casualties(text):
            current = mention.claims.get(figure.kind)
            if current is None or figure.value < current.value:  # ACLED: the lowest figure
                mention.claims[figure.kind] = Quantity(figure.value, figure.qualifier, figure.who)
        mention.instruments = {i.weapon_class for i in self.equipment.find_instruments(text)}
        destroyed = _DESTROY.search(text)
        if not destroyed:
            return
        for item in self.equipment.find_materiel(text):
            if item.start < destroyed.start():
                continue  # "Russian warplanes struck …": the attacker's equipment, not a loss
            if _INSTRUMENT_BEFORE.search(text[max(0, item.start - 12) : item.start]):
                continue  # "with a mine" is the weapon used, not a loss
            owner = None
            if item.owner:
                owner_actor = next(
                    (a for a in actors if item.end <= a.start <= item.end + len(item.owner) + 6), None
                )
                owner = owner_actor.name if owner_actor else None
            count = item.count if item.count is not None else None
            mention.losses.append((Loss(None, item.item, count, mention.claimed_by), owner))

    def _resolve_anaphora(self, mentions: list[Mention]) -> None:
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
                        and not any(
                            self.actors.are_allies(o.name, last_group.name) for o in opposite if o.name
                        )
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

    def _geocode(self, mentions: list[Mention], country: str | None, region_hints: list[str]) -> None:
        if self.geocoder is None:
            return
        queries = []
        owners = []
        for mention in mentions:
            if mention.place is None:
                continue
            hit = mention.place
            kind = "region" if hit.role == "region" else "settlement"
            queries.append(PlaceMention(hit.name, kind, hit.precision, hit.start, hit.end))
            owners.append(mention)
        if not queries:
            return
        results = self.geocoder.resolve(queries, country=country, region_hints=region_hints)
        # "the countryside of al-Bab" names a town's surroundings, not a province: near the town.
        retry = [
            i
            for i, (q, r) in enumerate(zip(queries, results, strict=True))
            if q.kind == "region" and r is None
        ]
        if retry:
            again = [
                PlaceMention(queries[i].name, "settlement", 2, queries[i].start, queries[i].end)
                for i in retry
            ]
            for i, result in zip(
                retry, self.geocoder.resolve(again, country=country, region_hints=region_hints), strict=True
            ):
                results[i] = result
        for mention, result in zip(owners, results, strict=True):
            mention.resolved = result

    # -- mention to event ----------------------------------------------------------------------
    def _event(
        self,
        m: Mention,
        document: Document,
        country: str | None,
        all_mentions: list[Mention],
        hints: list[str],
    ) -> Event:
        event = Event(
            document_id=document.id, status=m.status, claimed_by=m.claimed_by, certainty=m.certainty
        )
        event.actor1 = m.actor1
        event.inter1 = m.side_a[0].inter if m.side_a else None
        if m.actor2 is None and m.actor1 and _is_battle(m):
            opponent = _document_opponent(m.actor1, all_mentions, self.actors)
            if opponent is not None:
                m.side_b.insert(0, opponent)
        event.actor2 = m.actor2
        event.inter2 = m.side_b[0].inter if m.side_b else None
        event.assoc_actor_1 = _join([a.name for a in m.side_a[1:]] + [u.name for u in m.units])
        event.assoc_actor_2 = _join(
            [a.name for a in m.side_b[1:] if not self.actors.are_allies(a.name, m.actor1)]
        )
        event.interaction = _interaction(event.inter1, event.inter2)
        sub = self._sub_event_type(m)
        if sub is not None:
            info: SubEventInfo = self.taxonomy[sub]
            event.sub_event_type = sub
            event.event_type = info.event_type
            event.disorder_type = info.disorder_type
            event.plover_event = info.plover
            event.type_rule = m.type_rule
        if event.inter2 == 7 and event.event_type in (
            "Violence against civilians",
            "Explosions/Remote violence",
        ):
            event.civilian_targeting = "Civilians targeted"
        event.event_date, event.time_precision = _event_date(m, all_mentions, document.published)
        self._place(event, m, country)
        event.claims = dict(m.claims)
        event.fatalities = m.claims["killed"].value if "killed" in m.claims else 0
        for loss, owner in m.losses:
            side = owner or event.actor2
            event.losses.append(Loss(side, loss.item, loss.count, loss.claimed_by or m.claimed_by))
        event.evidence = [
            Evidence(document.id, s.start, s.end, document.text[s.start : s.end]) for s in _unique(m.evidence)
        ]
        self._unnamed_sides(event)
        if event.inter2 == 7 and event.event_type in (
            "Violence against civilians",
            "Explosions/Remote violence",
        ):
            event.civilian_targeting = "Civilians targeted"
        _name_periods(event, document.published)
        event.source = document.source
        event.confidence = round(m.certainty * (0.9 if event.latitude is not None else 0.7), 2)
        event.notes = _notes(event)
        return event

    def _sub_event_type(self, m: Mention) -> str | None:
        """The sub-event type by the decision procedure of sitrep.extract.subevent; the rule is kept."""
        order = self.vocabulary.order
        frame = Frame(
            families=sorted(set(m.families), key=order.index),
            anchor=m.trigger.family,
            anchor_root=m.sentence.parsed is not None and m.sentence.parsed[m.trigger.token].dep_ == "ROOT",
            instruments=m.instruments,
            inter1=m.side_a[0].inter if m.side_a else None,
            inter2=m.side_b[0].inter if m.side_b else None,
            cues=m.cues,
            before=m.cues_before,
            objects=m.cues_object,
            killed=m.claims["killed"].value if "killed" in m.claims else 0,
            placed=m.place is not None and m.place.role != "region",
        )
        choice = decide(frame)
        if choice is None:
            return None
        m.type_rule = choice.rule
        return choice.sub_event_type

    def _unnamed_sides(self, event: Event) -> None:
        """ACLED's generic actor for a side the report leaves unnamed (sitrep/data/conventions.yaml).

        Excessive force against protesters keeps the protesters as actor2: the side using force acts."""
        if not event.sub_event_type or not event.country:
            return
        self._crowd_sides(event)
        for column, inter in (("actor1", "inter1"), ("actor2", "inter2")):
            generic = self.conventions.get(column, {}).get(event.sub_event_type)
            if generic is None or getattr(event, column):
                continue
            name = str(generic["name"]).replace("{country}", event.country)
            if name in (event.actor1, event.actor2):
                continue
            setattr(event, column, name)
            setattr(event, inter, int(generic["inter"]))
        event.interaction = _interaction(event.inter1, event.inter2)

    def _crowd_sides(self, event: Event) -> None:
        """A crowd's event: the crowd on its side (conventions.yaml `crowd`), a force that intervenes on
        the other; people named in the crowd ("students") are the crowd."""
        spec = self.conventions.get("crowd", {}).get(event.sub_event_type or "")
        if spec is None or not event.country:
            return
        crowd = str(spec["name"]).replace("{country}", event.country)
        sides = [(event.actor1, event.inter1), (event.actor2, event.inter2)]
        forces = [(n, i) for n, i in sides if n and i not in (5, 6, 7)]
        for column in ("assoc_actor_1", "assoc_actor_2"):  # "Turkish police suppressed a student rally"
            forces += [
                (n, 1) for n in (getattr(event, column) or "").split("; ") if n.startswith(_STATE_NAMES)
            ]
        force, force_inter = forces[0] if forces else (None, None)
        for column in ("assoc_actor_1", "assoc_actor_2"):
            rest = [n for n in (getattr(event, column) or "").split("; ") if n and n != force]
            setattr(event, column, "; ".join(rest) or None)
        if spec["side"] == "actor1":
            event.actor1, event.inter1 = crowd, int(spec["inter"])
            event.actor2, event.inter2 = force, force_inter
        else:
            event.actor1, event.inter1 = force, force_inter
            event.actor2, event.inter2 = crowd, int(spec["inter"])

    def _place(self, event: Event, m: Mention, country: str | None) -> None:
        resolved = m.resolved
        if resolved is None and m.place is not None:
            event.location = m.place.name  # named but not placed: kept as written, no coordinates
            event.geo_precision = m.place.precision
        if resolved is None:
            if country:
                event.country = self.actors.countries.get(country, {}).get("name")
            return
        event.location = resolved.location
        event.latitude = resolved.latitude
        event.longitude = resolved.longitude
        event.geo_precision = resolved.geo_precision
        event.country = resolved.country
        event.iso = resolved.iso
        event.admin1 = resolved.admin1
        event.admin2 = resolved.admin2
        event.admin3 = resolved.admin3
        event.geonameid = resolved.geonameid


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


def _rollup(text: str, m: Mention) -> bool:
    """A period's toll broken down by who died ("88 were killed yesterday, including 12 members of the
    regime forces and 14 others") with no place and no act named: a roll-up of many events, not one."""
    if m.place is not None or not _KILL_WORD.search(text):
        return False
    found = _ROLLUP.search(text)
    # A period ("yesterday", "in 24 hours") or a breakdown into several groups marks a roll-up;
    # "20 people were killed, including 5 children" alone is one event's toll.
    return found is not None and bool(_ROLLUP_SPAN.search(text) or _BREAKDOWN.match(text, found.end()))


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


def _party(who: str | None, actors: list[ActorMention], dictionary: ActorDictionary) -> str | None:
    """The armed actor a sentence's source speaks for: a ministry's or agency's forces, or the actor
    itself when a side is quoted ("the group said …"); None for a monitor, a witness or no source."""
    if who is None:
        return None
    for mention in actors:
        if mention.kind == "claimant" and mention.name == who:
            return mention.parent
    if any(m.name == who and m.kind in ("actor", "state") for m in actors):
        return who
    return None


def _claim_subject(text: str, actors: list[ActorMention]) -> str | None:
    claim = re.search(r"\bclaim(?:ed|s|ing)?\b", text, re.IGNORECASE)
    if not claim:
        return None
    before = [a for a in actors if a.end <= claim.start() and a.kind in ("actor", "state")]
    return before[-1].name if before else None


def _by_place(
    text: str, hits: list[TriggerHit], places: list[PlaceHit], actors: list[ActorMention]
) -> list[list[TriggerHit]]:
    """Split one statement's triggers where each acts on a place of its own ("airstrikes target X
    and shells target Y" is two events); a trigger naming no place joins the one before it."""
    # Triggers next to each other ("shells target", "airstrikes hit") are one action.
    units: list[list[TriggerHit]] = []
    for hit in hits:
        if units and len(text[units[-1][-1].end : hit.start].split()) <= 1:
            units[-1].append(hit)
        else:
            units.append([hit])
    groups: list[tuple[str | None, list[TriggerHit]]] = []
    for i, unit in enumerate(units):
        end = units[i + 1][0].start if i + 1 < len(units) else len(text)
        scoped = [p for p in places if unit[0].start <= p.start < end]
        own = _place_for(text[:end], unit, scoped, actors)
        key = _skeleton(own.name) if own is not None else None
        if groups and key is None:
            groups[-1][1].extend(unit)  # no place of its own: part of the action before it
            continue
        for j, (place, members) in enumerate(groups):
            if place is None or place == key:
                members.extend(unit)
                groups[j] = (key, members)
                break
        else:
            groups.append((key, list(unit)))
    return [members for _, members in groups]


def _scopes(
    text: str, groups: list[list[TriggerHit]], places: list[PlaceHit], actors: list[ActorMention]
) -> list[tuple[int, int]]:
    """The stretch of the sentence each action's actors are read from. "17 rebels killed in Daraa and
    IS kills a commander in Raqqa countryside" is two actions: the first ends with its place."""
    if len(groups) < 2:
        return [(0, len(text))] * len(groups)
    order = sorted(range(len(groups)), key=lambda i: groups[i][0].start)
    bounds = [(0, len(text))] * len(groups)
    low = 0
    for n, i in enumerate(order):
        if n + 1 == len(order):
            bounds[i] = (low, len(text))
            break
        following = groups[order[n + 1]][0].start
        place = _place_for(text[:following], groups[i], [p for p in places if p.end <= following], actors)
        high = place.end if place is not None and groups[i][-1].end <= place.start else following
        bounds[i] = (low, high)
        low = high
    return bounds


def _place_for(
    text: str, hits: list[TriggerHit], places: list[PlaceHit], actors: list[ActorMention] | None = None
) -> PlaceHit | None:
    """The place the action happens at: a name right after the action ("captured X", "shells target
    X"), else the first place named after the trigger, else before it."""
    trigger = hits[0]
    after = [p for p in places if p.start >= trigger.start]
    settlements_after = [p for p in after if p.role != "region"]
    taken = [(p.start, p.end) for p in places] + [(a.start, a.end) for a in actors or []]
    for hit in hits:
        if hit.family not in _OBJECT_PLACE_FAMILIES:
            continue
        named = name_after(text, hit.end)
        if (
            named
            and not any(s < named[1] + len(named[0]) and named[1] < e for s, e in taken)  # "US-backed SDF"
            and (not settlements_after or named[1] < settlements_after[0].start)
        ):
            name, start = named
            return PlaceHit(name, start, start + len(name), "locus", 1)
    if settlements_after:
        return settlements_after[0]
    settlements = [p for p in places if p.role != "region"]
    if settlements:
        return settlements[0]
    regions = [p for p in after if p.role == "region"] or [p for p in places if p.role == "region"]
    return regions[0] if regions else None


def _anchor(sentence: Sentence, hits: list[TriggerHit]) -> TriggerHit:
    """The trigger that carries the clause: a verb if there is one ("Warplanes … targeted")."""
    assert sentence.parsed is not None
    verbs = [h for h in hits if sentence.parsed[h.token].dep_ in _CLAUSE_HEADS]
    # The sentence's root verb first: "a cache of mortars and grenades was found" is a find, and the
    # noun "grenades" joined to "mortars" (a conj) is what was found.
    verbs.sort(key=lambda h: sentence.parsed[h.token].dep_ != "ROOT")  # type: ignore[index]
    return verbs[0] if verbs else hits[0]


# An event dated more than this many days before publication is an earlier one recalled: ACLED codes
# from the week's reporting, and a news story's own events lie within days of it.
RECALL_DAYS = 10


_YEAR_NAMED = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil)\s+(?P<year>(?:19|20)\d\d)\b")


def _recalled(m: Mention, dates: list[DateMention], published: date | None) -> str | None:
    """Why a mention that reads as having happened is background, from its date's distance to
    publication: its own day lies well before it, or it names only the start of a campaign."""
    if published is None or m.status not in HAPPENED:
        return None
    if m.date is not None and m.date.kind != "span":
        days = (published - m.date.date).days
        if days > RECALL_DAYS:
            return f"dated {days} days before publication ('{m.date.text}')"
        return None
    onsets = [d for d in dates if d.onset and (published - d.date).days > RECALL_DAYS]
    if m.date is None and onsets:
        return f"only the start of a campaign is dated ('{onsets[0].text}')"
    # "In 2001, US forces waged a war": a past year is no date of the week's events.
    for year in _YEAR_NAMED.finditer(m.sentence.parsed.text if m.sentence.parsed is not None else ""):
        if m.date is None and (published - date(int(year["year"]), 12, 31)).days > RECALL_DAYS:
            return f"a past year is named ('{year.group(0)}')"
    return None


def _date_for(dates: list[DateMention]) -> DateMention | None:
    # The start of a campaign or of an earlier state ("the offensive began on 17 January", "since
    # 2014") dates no event reported now.
    dates = [d for d in dates if not d.onset]
    spans = [d for d in dates if d.kind == "span"]
    if spans:
        return spans[0]  # a campaign over "more than a month" is dated by its span
    return dates[0] if dates else None


_REGION_WORDS = re.compile(
    r"countryside|province|governorate|region|desert|plains|front|north|south|east|west|central|rural", re.I
)


def _region_hints(sentences: list[Sentence]) -> list[str]:
    """The regions a report names anywhere ("the province of Aleppo"), most named first."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        if not _REGION_WORDS.search(sentence.text):
            continue  # no region wording: the place patterns cannot find a region here
        for hit in find_places(sentence.text):
            if hit.role == "region":
                counts[hit.name] += 1
    return [name for name, _ in counts.most_common()]


def _is_battle(m: Mention) -> bool:
    return bool({"territory", "clash"} & set(m.families))


def _document_opponent(actor1: str, mentions: list[Mention], actors: ActorDictionary) -> ActorMention | None:
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


def _event_date(
    m: Mention, mentions: list[Mention], published: date | None
) -> tuple[date | None, int | None]:
    """The mention's own date, else the report's latest dated day before it (precision 2)."""
    if m.date is not None:
        return m.date.date, m.date.time_precision
    index = mentions.index(m) if m in mentions else len(mentions)
    for earlier in reversed(mentions[:index]):
        # Only what happened lends its day: a recalled or planned event's date is not today's story's.
        if earlier.date is not None and earlier.date.time_precision == 1 and earlier.status in HAPPENED:
            return earlier.date.date, 2
    if published is not None:
        return published, 2
    return None, None


def _same_place(a: Mention, b: Mention) -> bool:
    if a.resolved and b.resolved and a.resolved.geonameid and b.resolved.geonameid:
        return (
            a.resolved.geonameid == b.resolved.geonameid
            and a.resolved.geo_precision == b.resolved.geo_precision
        )
    if a.place and b.place:
        return _skeleton(a.place.name) == _skeleton(b.place.name)
    return False


def _skeleton(name: str) -> str:
    low = re.sub(r"\b(?:al|el|ad|ash|as|at|ar|an|az)[-\s]", "", name.lower())
    return re.sub(r"[^a-z]|[aeiouy]", "", low)


def _family_class(m: Mention) -> str:
    return "territory" if set(m.families) & _TERRITORY_FAMILIES else "battle" if _is_battle(m) else "other"


def _aggregate(mentions: list[Mention], actors: ActorDictionary) -> list[Mention]:
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
            # The headline says it too: what it adds (a capture's verb, a side, a place) joins the story.
            _merge(later[0], h)
        elif h.status not in HAPPENED:
            events.append(h)  # what a headline says is planned is kept, with its status
        else:
            events.append(h)
    return events


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


def _definite(sentence: Sentence, anchor: TriggerHit) -> bool:
    """The anchor is a noun introduced as known ("the attack", "this strike"), not a verb's clause."""
    assert sentence.parsed is not None
    token = sentence.parsed[anchor.token]
    # A verb's clause, or a noun with its own object ("the destruction of a vehicle"), tells something new.
    if token.dep_ in _CLAUSE_HEADS and token.dep_ != "ROOT":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children) or any(
        c.dep_ == "amod" and c.lower_ == "latest" for c in token.children
    )


def _same_story(a: Mention, b: Mention) -> bool:
    """The same act told twice: the same kind of event, or (ACLED: one actor, place and day is one
    event, coded with its highest tactic) the same named actor acting again on no other day or place."""
    if a.status != b.status or a.status not in HAPPENED or a.event_type is None:
        return False
    if a.event_type != b.event_type and (
        a.actor1 is None
        or a.actor1 != b.actor1
        or b.event_type is None
        or a.actor1.startswith(_GENERIC_ACTORS)
    ):
        return False  # "gunmen" here and "a mob" there may be anyone: only a named actor is one
    if a.date is not None and b.date is not None and a.date.date != b.date.date:
        return False
    for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        if x is not None and y is not None and x != y:
            return False
    return a.place is None or b.place is None or _same_place(a, b)


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
    if other.place is not None and (target.place is None or (target.place.role == "region" and finer)):
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


def _dateline_end(text: str) -> int:
    """Where a dateline at the start of a sentence ends (0 without one)."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def _object_of(sentence: Sentence, hit: TriggerHit, text: str) -> str:
    """What a trigger acts on: its direct object (or a passive's subject) in the parse, else the words
    that follow it in its clause."""
    assert sentence.parsed is not None
    token = sentence.parsed[hit.token]
    # A relative pronoun before the verb ("that … set up a post") is no object of its own.
    objects = [c for c in token.children if (c.dep_ == "dobj" and c.i > token.i) or c.dep_ == "nsubjpass"]
    if objects:
        return " ".join(text[c.left_edge.idx : c.right_edge.idx + len(c.right_edge)] for c in objects)
    return object_text(text, hit.start, hit.end)


def _name_periods(event: Event, published: date | None) -> None:
    """State forces take the regime period of the event's day (sitrep/data/regimes.yaml)."""
    day = event.event_date
    event.actor1 = period_name(event.actor1, day, published)
    event.actor2 = period_name(event.actor2, day, published)
    event.claimed_by = period_name(event.claimed_by, day, published)
    for column in ("assoc_actor_1", "assoc_actor_2"):
        joined = getattr(event, column)
        if joined:
            setattr(event, column, "; ".join(period_name(n, day, published) or n for n in joined.split("; ")))
    for loss in event.losses:
        loss.side = period_name(loss.side, day, published)
        loss.claimed_by = period_name(loss.claimed_by, day, published)


def _occurrences(text: str, phrase: str, near: int) -> list[int]:
    """Where `phrase` starts in `text` such that it could cover the offset `near`."""
    low = max(0, near - len(phrase))
    out = []
    at = text.find(phrase, low)
    while at != -1 and at <= near:
        out.append(at)
        at = text.find(phrase, at + 1)
    return out


def _unique(sentences: list[Sentence]) -> list[Sentence]:
    seen: set[int] = set()
    out = []
    for s in sorted(sentences, key=lambda s: s.start):
        if s.start not in seen:
            seen.add(s.start)
            out.append(s)
    return out


def _join(names: list[str]) -> str | None:
    unique = list(dict.fromkeys(n for n in names if n))
    return "; ".join(unique) if unique else None


def _interaction(inter1: int | None, inter2: int | None) -> str | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return f"{INTER_NAMES[inter1]} only" if inter1 in INTER_NAMES else None
    low, high = sorted((inter1, inter2))
    if low not in INTER_NAMES or high not in INTER_NAMES:
        return None
    return f"{INTER_NAMES[low]}-{INTER_NAMES[high]}"


def _notes(event: Event) -> str:
    when = f"On {event.event_date.isoformat()}" if event.event_date else "On an unknown date"
    where = event.location or "an unknown place"
    if event.admin1 and event.admin1 != event.location:
        where += f" ({event.admin1})"
    who = event.actor1 or "an unidentified actor"
    against = f" against {event.actor2}" if event.actor2 else ""
    text = f"{when}, {who}: {(event.sub_event_type or 'event').lower()}{against} at {where}."
    if event.claimed_by:
        text += f" Claimed by {event.claimed_by}."
    return text


def default_geocoder() -> Geocoder | None:
    """The geocoder over the user's gazetteer (built-in world layer at least); None if unavailable."""
    try:
        from sitrep.geo.gazetteer import Gazetteer
        from sitrep.geo.resolve import Geocoder as GeoGeocoder
    except ImportError:
        return None
    return GeoGeocoder(Gazetteer.open())
