"""MUC-4 (GRIT's JSON) as gold: Latin American terrorism wire reports of 1989-1991 sitrep was never tuned on.

The file maps a document id to `{"doc": text, "roles": {role: [entity, ...]}}`, each entity a list of
coreferent mention strings; a document whose roles are all empty reports no incident. Only events
that happened are used, and the reports carry no dateline, so documents have no publication date.
Four figures, each micro over the documents:

- incidents: a document has one when any role is filled; sitrep finds one when it reports any event.
  The table also gives the figure with only violent event types (battles, explosions, violence against
  civilians), since sitrep also codes agreements and protests, which MUC-4 does not count.
- perpetrator organisations: each gold entity is named through sitrep's actor dictionary (a mention,
  or "the " + mention, that the dictionary matches whole; otherwise its first mention), and the set of
  names per document is compared with the actor1/assoc_actor_1/actor2/assoc_actor_2 names of its
  events. Which side an actor is on does not matter here, so a target sitrep names counts against
  precision; civilians are left out (never an organisation). Gold entities that come to the same name
  count once. How many gold organisations the dictionary knows at all bounds the recall.
- weapons: a gold entity is found when one of its mentions contains, or is contained in, a Weapon span
  of `find_entities` on the whole text (case-insensitive); a span is right when it matches a gold entity
  of its document. MUC-4 marks only the instruments of the incidents it codes, so weapons named
  elsewhere in a report count against precision.
- victims (hum_tgt_name): a loose recall, "did sitrep report the event that hit this person": a gold
  entity is found when one of its mentions appears in the evidence sentences of the document's events.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table

from sitrep.evaluate.acled import share
from sitrep.evaluate.metrics import normalise
from sitrep.extract.actors import GENERIC_ACTORS, ActorDictionary, load_actors
from sitrep.extract.entities import EntitySpan, find_entities
from sitrep.model import Document, Event

NAME = "muc4"
ROLES = (
    "perp_individual_id",
    "perp_organization_id",
    "phys_tgt_id",
    "hum_tgt_name",
    "incident_instrument_id",
)
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
ACTOR_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
# What the dictionary names: anaphora ("the group") and the army of an unknown country are not names.
NAMED_KINDS = ("actor", "state", "unit")
_EDGES = re.compile(r"^(?:the\s+)?[\W_]*|[\W_]*$")

Extractor = Callable[[Document], list[Event]]
Finder = Callable[[Document], list[EntitySpan]]


@dataclass
class Prf:
    """Counts behind precision, recall and F1: predictions, gold items, and the matches on each side."""

    predicted: int = 0
    gold: int = 0
    right: int = 0  # predictions that match a gold item
    found: int = 0  # gold items a prediction matches

    def scores(self) -> tuple[float, float, float]:
        precision, recall = share(self.right, self.predicted), share(self.found, self.gold)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def as_dict(self) -> dict[str, Any]:
        p, r, f = self.scores()
        return {**vars(self), "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class MucRow:
    """One document: what the gold says, what sitrep reported, and which of them match."""

    id: str
    events: int
    gold_incident: bool
    incident: bool
    violent_incident: bool
    gold_orgs: list[dict[str, Any]] = field(default_factory=list)  # mention, name, known
    orgs: list[str] = field(default_factory=list)  # sitrep's actor names
    orgs_found: list[str] = field(default_factory=list)
    gold_weapons: list[list[str]] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)  # distinct Weapon spans, lower case
    weapons_found: list[str] = field(default_factory=list)  # first mention of each gold entity found
    weapons_right: list[str] = field(default_factory=list)
    victims: list[str] = field(default_factory=list)  # first mention of each gold entity
    victims_found: list[str] = field(default_factory=list)

    @property
    def gold_org_keys(self) -> set[str]:
        return {normalise(o["name"]) for o in self.gold_orgs}


@dataclass
class MucScore:
    """Every document scored; the figures are methods over the rows."""

    name: str
    rows: list[MucRow]

    def incidents(self, violent: bool = False) -> Prf:
        predicted = [r.violent_incident if violent else r.incident for r in self.rows]
        gold = [r.gold_incident for r in self.rows]
        right = sum(p and g for p, g in zip(predicted, gold, strict=True))
        return Prf(sum(predicted), sum(gold), right, right)

    def organisations(self) -> Prf:
        found = sum(len(r.orgs_found) for r in self.rows)
        return Prf(
            sum(len(r.orgs) for r in self.rows), sum(len(r.gold_org_keys) for r in self.rows), found, found
        )

    def known_organisations(self) -> tuple[int, int]:
        """Gold organisation entities the actor dictionary names, and all of them."""
        entities = [o for r in self.rows for o in r.gold_orgs]
        return sum(o["known"] for o in entities), len(entities)

    def organisation_ceiling(self) -> float:
        """The recall sitrep could reach at best: distinct gold names the dictionary gives."""
        keys = [
            (r.gold_org_keys, {normalise(o["name"]) for o in r.gold_orgs if o["known"]}) for r in self.rows
        ]
        return share(sum(len(known) for _, known in keys), sum(len(every) for every, _ in keys))

    def weapons(self) -> Prf:
        return Prf(
            sum(len(r.weapons) for r in self.rows),
            sum(len(r.gold_weapons) for r in self.rows),
            sum(len(r.weapons_right) for r in self.rows),
            sum(len(r.weapons_found) for r in self.rows),
        )

    def victims(self) -> tuple[int, int]:
        return sum(len(r.victims_found) for r in self.rows), sum(len(r.victims) for r in self.rows)

    def summary_line(self) -> str:
        inc, org, weapon = self.incidents(), self.organisations(), self.weapons()
        known, entities = self.known_organisations()
        found, victims = self.victims()
        return (
            f"{NAME}: documents {len(self.rows)}, incidents P/R/F1 {_prf(inc)} (gold {inc.gold}, "
            f"predicted {inc.predicted}), perp orgs P/R/F1 {_prf(org)} (dictionary knows {known}/{entities}), "
            f"weapons P/R/F1 {_prf(weapon)}, victims in evidence recall {share(found, victims):.2f} "
            f"({found}/{victims})"
        )

    def to_json(self) -> dict[str, Any]:
        known, entities = self.known_organisations()
        found, victims = self.victims()
        return {
            "name": self.name,
            "format": NAME,
            "documents": len(self.rows),
            "totals": {
                "incidents": self.incidents().as_dict(),
                "violent_incidents": self.incidents(violent=True).as_dict(),
                "perpetrator_organisations": self.organisations().as_dict(),
                "organisations_known": known,
                "organisation_entities": entities,
                "organisation_recall_ceiling": round(self.organisation_ceiling(), 4),
                "weapons": self.weapons().as_dict(),
                "victims_found": found,
                "victims": victims,
                "victims_recall": round(share(found, victims), 4),
            },
            "rows": [{**vars(r), "gold_orgs": [dict(o) for o in r.gold_orgs]} for r in self.rows],
            "summary": self.summary_line(),
        }

    def render(self) -> RenderableType:
        table = Table(title=f"MUC-4 {self.name}: {len(self.rows)} documents")
        for column in ("measure", "gold", "found", "predicted", "right", "P", "R", "F1"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        for label, prf in (
            ("incidents (documents)", self.incidents()),
            ("incidents, violent event types only", self.incidents(violent=True)),
            ("perpetrator organisations (either side)", self.organisations()),
            ("weapons (Weapon spans of the text)", self.weapons()),
        ):
            p, r, f = prf.scores()
            table.add_row(
                label, str(prf.gold), str(prf.found), str(prf.predicted), str(prf.right),
                f"{p:.2f}", f"{r:.2f}", f"{f:.2f}",
            )  # fmt: skip
        found, victims = self.victims()
        recall = f"{share(found, victims):.2f}"
        table.add_row("victims named in evidence (loose)", str(victims), str(found), "", "", "", recall, "")
        known, entities = self.known_organisations()
        notes = Table(show_header=False, box=None)
        notes.add_row("gold organisations the actor dictionary knows", f"{known}/{entities}")
        notes.add_row("perpetrator organisation recall at best", f"{self.organisation_ceiling():.2f}")
        return Group(table, notes)


def _prf(counts: Prf) -> str:
    return "/".join(f"{x:.2f}" for x in counts.scores())


def _bare(text: str) -> str:
    """A name for whole-match comparison: lower case, no leading article, no edge punctuation."""
    return _EDGES.sub("", normalise(text))


def dictionary_name(mentions: Iterable[str], actors: ActorDictionary, country: str | None) -> str | None:
    """The actor dictionary's name for an entity: the first mention it matches whole (MUC-4 mentions
    drop the article, so "ARMY" is also tried as "the ARMY"); None when it knows none of them."""
    for mention in mentions:
        for text in (mention, f"the {mention}"):
            for found in actors.find(text, country):
                if found.name and found.kind in NAMED_KINDS and _bare(found.text) == _bare(mention):
                    return found.name
    return None


def event_actors(events: list[Event]) -> list[str]:
    """The distinct actor names of the events, either side, associated actors split; ACLED's generic
    actors (civilians, protesters, rioters, an unidentified armed group) name no organisation and are
    left out."""
    names: dict[str, str] = {}
    for event in events:
        for attribute in ACTOR_FIELDS:
            for name in (getattr(event, attribute) or "").split(";"):
                name = name.strip()
                if name and not name.startswith(GENERIC_ACTORS):
                    names.setdefault(normalise(name), name)
    return list(names.values())


def _matches(a: str, b: str) -> bool:
    a, b = normalise(a), normalise(b)
    return bool(a and b) and (a in b or b in a)


def score_document(
    doc_id: str,
    text: str,
    roles: dict[str, list[list[str]]],
    events: list[Event],
    weapon_spans: list[EntitySpan],
    actors: ActorDictionary,
) -> MucRow:
    """Compare one document's gold roles with its happened events and the Weapon spans of its text."""
    country = actors.document_country(text)
    row = MucRow(
        doc_id,
        len(events),
        gold_incident=any(roles.get(role) for role in ROLES),
        incident=bool(events),
        violent_incident=any(e.event_type in VIOLENT for e in events),
    )
    for entity in roles.get("perp_organization_id") or []:
        name = dictionary_name(entity, actors, country)
        row.gold_orgs.append({"mention": entity[0], "name": name or entity[0], "known": name is not None})
    row.orgs = event_actors(events)
    gold_keys = row.gold_org_keys
    row.orgs_found = [name for name in row.orgs if normalise(name) in gold_keys]

    row.gold_weapons = [list(e) for e in roles.get("incident_instrument_id") or [] if e]
    row.weapons = list(dict.fromkeys(normalise(s.text) for s in weapon_spans if s.type == "Weapon"))
    row.weapons_found = [
        e[0] for e in row.gold_weapons if any(_matches(m, w) for m in e for w in row.weapons)
    ]
    row.weapons_right = [w for w in row.weapons if any(_matches(m, w) for e in row.gold_weapons for m in e)]

    evidence = [normalise(x.text) for event in events for x in event.evidence]
    victims = [e for e in roles.get("hum_tgt_name") or [] if e]
    row.victims = [e[0] for e in victims]
    row.victims_found = [
        e[0] for e in victims if any(normalise(m) in x for m in e if m.strip() for x in evidence)
    ]
    return row


def load_documents(gold_path: str | Path) -> dict[str, dict[str, Any]]:
    """The MUC-4 file: document id -> {"doc": text, "roles": {role: entities}}."""
    with Path(gold_path).open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict) or not all(isinstance(v, dict) and "doc" in v for v in data.values()):
        raise ValueError(f"{gold_path} is not a MUC-4 file (a JSON object of id -> {{doc, roles}})")
    return data


def evaluate(
    gold_path: str | Path,
    extract: Extractor,
    limit: int | None = None,
    weapon_finder: Finder | None = None,
    plot: str | Path | None = None,  # no event types in MUC-4 to plot
    **_ignored: Any,
) -> MucScore:
    """Score the first `limit` documents of the MUC-4 file at `gold_path`; weapons come from
    `weapon_finder` (default `find_entities`)."""
    finder = weapon_finder or find_entities
    actors = load_actors()
    rows = []
    for doc_id, item in load_documents(gold_path).items():
        if limit is not None and len(rows) >= limit:
            break
        document = Document(text=item["doc"], source=NAME, id=doc_id)
        events = [e for e in extract(document) if e.happened]
        rows.append(
            score_document(doc_id, item["doc"], item.get("roles") or {}, events, finder(document), actors)
        )
    return MucScore(Path(gold_path).name, rows)
