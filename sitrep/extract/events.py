"""From analysed sentences to ACLED-style events: `Extractor` orchestrates the coder's decisions.

A sentence with a trigger gives one mention per status and place (`mention`); whether it tells an
event of the report's window is decided by `attribution` (the clause's status and cue) and
`reportability` (the date's distance, totals, a party's announcement); who acts by `sides` (the parse's
role patterns of `roles`, else word order); the mentions of a report are merged as ACLED aggregates
(`merge`); each merged mention is geocoded, typed by `subevent`'s decision procedure and written as
an Event here, with ACLED's generic actors for unnamed sides and regime periods for state forces.
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
from sitrep.extract.mention import Mention, is_battle
from sitrep.extract.merge import TERRITORY_FAMILIES, aggregate, definite, skeleton, unique
from sitrep.extract.pipeline import shared_pipeline
from sitrep.extract.places import PlaceHit, find_places, name_after
from sitrep.extract.quantities import find_casualties
from sitrep.extract.regimes import period_name
from sitrep.extract.reportability import (
    AGGREGATE_FIGURE,
    claim_subject,
    dateline_end,
    page_chrome,
    recall_reason,
    rollup,
    speaking_party,
)
from sitrep.extract.roles import CLAUSE_HEADS
from sitrep.extract.sides import assign_roles, document_opponent, resolve_anaphora
from sitrep.extract.subevent import BEFORE_CUES, OBJECT_CUES, Cues, Frame, cues, decide, object_text
from sitrep.model import HAPPENED, Document, Event, Evidence, Loss, PlaceMention, Quantity, ResolvedPlace
from sitrep.nlp.pipeline import Pipeline, Sentence, TriggerHit
from sitrep.vocab import SubEventInfo, Triggers, load_yaml, taxonomy, triggers

_log = logging.getLogger(__name__)
_STATE_NAMES = ("Military Forces of", "Police Forces of")
_DESTROY = re.compile(
    r"\b(?:destroy\w*|destruction|knock\w* out|downed|shot down|burn\w*|disabled|hit|struck)\b", re.I
)
# Dependencies that make a token the head of a clause: a verb for the parse's purposes (the tagger,
# which would say VERB, is not run for extraction).
_INSTRUMENT_BEFORE = re.compile(r"\b(?:with|using|by)\s+(?:an?|the|their|its)?\s*$", re.I)
# Families whose trigger can take a place as its object ("captured Saraqib", "shells target Binnish").
_OBJECT_PLACE_FAMILIES = TERRITORY_FAMILIES | {"attack", "air", "shelling"}


class Geocoder(Protocol):
    def resolve(
        self,
        mentions: list[PlaceMention],
        country: str | None = None,
        region_hints: list[str] | tuple[str, ...] = (),
    ) -> list[ResolvedPlace | None]: ...


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
        resolve_anaphora(mentions, self.actors)
        region_hints = _region_hints(sentences)
        self._geocode(mentions, country, region_hints)
        for m in mentions:  # a provisional type: which mentions tell one story
            sub = self._sub_event_type(m)
            m.event_type = self.taxonomy[sub].event_type if sub else None
        merged = aggregate(mentions, self.actors)
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
        chrome = self.vocabulary.modality.get("chrome", set())
        for index, sentence in enumerate(sentences):
            if sentence.parsed is None or not sentence.triggers:
                continue
            following = sentences[index + 1].text if index + 1 < len(sentences) else ""
            cue = page_chrome(sentence.text, following, chrome)
            try:
                found = self._sentence_mentions(sentence, document, country)
                for mention in found if cue else ():
                    mention.dropped = f"page chrome: a caption, credit or link ('{cue}')"
                out.extend(found)
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
        sentence.parsed.user_data["text"] = text  # read once: spaCy rebuilds it on every access
        actors = self.actors.find(text, country)
        dates = [d for d in find_dates(text, document.published) if not d.reporting]
        # A dateline ("BAMAKO:", "MAIDUGURI, Nigeria, July 31, 2015 -") says where the story was filed,
        # not where the event happened.
        filed = dateline_end(text)
        # So is the place of whoever tells it ("officials in Kabul say", "a source reached in Bamako").
        speakers = _speaker_spans(sentence, self.vocabulary.modality.get("reporting", set()))
        places = [
            p
            for p in find_places(text, 0, [(a.start, a.end) for a in actors])
            if p.start >= filed and not any(lo <= p.start < hi for lo, hi in speakers)
        ]
        who, certainty = claimant(text, actors)
        by_status: dict[str, list[TriggerHit]] = {}
        decisions = {}  # token → its clause's decision, read once
        for hit in self._kept_triggers(sentence, text):
            decisions[hit.token] = clause_decision(sentence.parsed, hit.token, self.vocabulary)
            status = decisions[hit.token].status
            if status == "claimed" and who is None:
                who = claim_subject(text, actors)
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
            assign_roles(mention, [a for a in actors if low <= a.start < high], anchor, self.actors)
            mention.place = _place_for(text, hits, [p for p in places if low <= p.start < high], actors)
            mention.evidence = [sentence]
            if rollup(text, mention):
                mention.dropped = "a period's toll broken down by side (a roll-up, not one event)"
                out.append(mention)
                continue
            mention.date = _date_for(dates)
            if mention.status == "opinion" and (mention.place is not None or mention.date is not None):
                # "condemned the attack on Kano market on Sunday": the act itself is told.
                mention.status = "occurred"
                mention.status_reason = "an attitude toward an act the sentence places or dates"
            recalled = recall_reason(mention, dates, document.published)
            if recalled:
                mention.status, mention.status_reason = "background", recalled
            party = speaking_party(who, actors, self.actors)
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
            mention.definite = definite(sentence, anchor)
            mention.cues = self.cues.find(scoped)
            mention.cues_before = self.cues.find(scoped[: anchor.start], BEFORE_CUES)
            mention.cues_object = self.cues.find(_object_of(sentence, anchor, text), OBJECT_CUES)
            # A weapon word inside what the verb acts on ("destroyed an improvised explosive device")
            # is what was destroyed, not a weapon used.
            spans = _object_spans(sentence, anchor)
            mention.object_families = {
                h.family for h in hits if h is not anchor and any(lo <= h.start < hi for lo, hi in spans)
            }
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
                # "took dozens of people", "intercepted 15 suspected members": people taken are a
                # detention, when the family says so (triggers.yaml `people_as`).
                detention = self.vocabulary.people_as.get(hit.family)
                if detention and self.cues.first("people", _object_of(sentence, hit, text, fallback=False)):
                    kept.append(replace(hit, family=detention))
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
        # Ground must be what is taken, never where people were taken to ("taken to an airport").
        if self.cues.first(needed, _object_of(sentence, hit, text, fallback=needed != "ground")):
            return True
        return needed == "ground" and name_after(text, hit.end) is not None

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
        if m.actor2 is None and m.actor1 and is_battle(m):
            opponent = document_opponent(m.actor1, all_mentions, self.actors)
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
            Evidence(document.id, s.start, s.end, document.text[s.start : s.end]) for s in unique(m.evidence)
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
        if m.disputed:  # fusion keeps the tag: the record says that one side denies it
            event.tags = "; ".join(t for t in (event.tags, "disputed") if t)
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
            object_families=m.object_families,
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
            # Without a gazetteer the precision is the text's; a name the gazetteer could not place is
            # no exact place (precision unknown rather than 1 without coordinates).
            event.geo_precision = m.place.precision if self.geocoder is None else None
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
        key = skeleton(own.name) if own is not None else None
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
    verbs = [h for h in hits if sentence.parsed[h.token].dep_ in CLAUSE_HEADS]
    # The sentence's root verb first: "a cache of mortars and grenades was found" is a find, and the
    # noun "grenades" joined to "mortars" (a conj) is what was found.
    verbs.sort(key=lambda h: sentence.parsed[h.token].dep_ != "ROOT")  # type: ignore[index]
    return verbs[0] if verbs else hits[0]


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


def _speaker_spans(sentence: Sentence, reporting: set[str]) -> list[tuple[int, int]]:
    """The character spans of the subjects of the sentence's reporting verbs ("officials in Kabul")."""
    assert sentence.parsed is not None
    doc = sentence.parsed
    if "lowers" not in doc.user_data:  # shared with the status reader: read once per parse
        doc.user_data["lowers"] = [t.lower_ for t in doc]
    lowers = doc.user_data["lowers"]
    return [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
        for i, word in enumerate(lowers)
        if word in reporting
        for c in doc[i].children
        if c.dep_ in ("nsubj", "nsubjpass")
    ]


def _object_spans(sentence: Sentence, hit: TriggerHit) -> list[tuple[int, int]]:
    """The character spans of a trigger's direct objects and passive subject in the parse (a relative
    pronoun before the verb, "that … set up a post", is no object of its own)."""
    assert sentence.parsed is not None
    token = sentence.parsed[hit.token]
    return [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
        for c in token.children
        if (c.dep_ == "dobj" and c.i > token.i) or c.dep_ == "nsubjpass"
    ]


def _object_of(sentence: Sentence, hit: TriggerHit, text: str, fallback: bool = True) -> str:
    """What a trigger acts on: its direct object (or a passive's subject) in the parse, else (with
    `fallback`) the words that follow it in its clause."""
    spans = _object_spans(sentence, hit)
    if spans:
        return " ".join(text[lo:hi] for lo, hi in spans)
    return object_text(text, hit.start, hit.end) if fallback else ""


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
