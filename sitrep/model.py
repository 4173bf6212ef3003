"""The one data model every stage shares: documents in, events out.

Field names follow ACLED's export columns and the SPEC's event contract, so that what a stage
writes is what the next reads and what a user exports.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# The statuses an event mention can have; only the first two describe something that happened.
# background: an earlier event recalled; aggregate: a campaign or period total, not one event;
# opinion: an attitude toward acts the sentence neither places nor dates.
STATUSES = (
    "occurred",
    "claimed",
    "denied",
    "planned",
    "expected",
    "hypothetical",
    "background",
    "aggregate",
    "opinion",
)
HAPPENED = ("occurred", "claimed")

# ACLED's export columns, in ACLED's order, then sitrep's own fields.
ACLED_COLUMNS = (
    "event_id",
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
)
SITREP_COLUMNS = (
    "document_id",
    "status",
    "claimed_by",
    "certainty",
    "claims",
    "losses",
    "evidence",
    "confidence",
    "plover_event",
    "type_rule",
)
EVENT_FIELDS = ACLED_COLUMNS + SITREP_COLUMNS


def content_id(text: str) -> str:
    """A document's id: the hash of its text, so the same report always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    """One report: its text and what is known about where and when it was published."""

    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    path: str | None = None
    id: str = ""
    country: str | None = None  # ISO alpha-2 hint from the source; the text decides when absent

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)


@dataclass
class Evidence:
    """A span of a document's text that supports an event (character offsets into Document.text)."""

    document_id: str
    start: int
    end: int
    text: str


@dataclass
class Quantity:
    """A reported number and how it was qualified ("more than", "at least", "about", None)."""

    value: int
    qualifier: str | None = None
    who: str | None = None


@dataclass
class Loss:
    """Materiel lost by one side, as reported, and who reported it."""

    side: str | None
    item: str
    count: int | None
    claimed_by: str | None = None


@dataclass
class Event:
    """One event record: ACLED's columns plus claims, losses, status and evidence."""

    event_id: str | None = None
    event_date: date | None = None
    time_precision: int | None = None
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: str | None = None
    civilian_targeting: str | None = None
    iso: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int | None = None
    tags: str | None = None
    document_id: str | None = None
    status: str = "occurred"
    claimed_by: str | None = None
    certainty: float | None = None
    claims: dict[str, Quantity] = field(default_factory=dict)
    losses: list[Loss] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float | None = None
    plover_event: str | None = None
    type_rule: str | None = None  # the sub-event rule that decided (sitrep.extract.subevent)
    # Not exported: the gazetteer id of the place, used by fusion and the control timeline.
    geonameid: int | None = None

    @property
    def happened(self) -> bool:
        return self.status in HAPPENED

    def to_dict(self) -> dict[str, Any]:
        """The event as the contract's JSON object (dates as ISO strings, fields in contract order)."""
        raw = asdict(self)
        out: dict[str, Any] = {}
        for name in EVENT_FIELDS:
            value = raw[name]
            if isinstance(value, date):
                value = value.isoformat()
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Rebuild an event from `to_dict` output (or a stored row)."""
        kwargs = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if isinstance(kwargs.get("event_date"), str):
            kwargs["event_date"] = date.fromisoformat(kwargs["event_date"])
        kwargs["claims"] = {k: Quantity(**v) for k, v in (data.get("claims") or {}).items()}
        kwargs["losses"] = [Loss(**x) for x in data.get("losses") or []]
        kwargs["evidence"] = [Evidence(**x) for x in data.get("evidence") or []]
        return cls(**kwargs)


@dataclass
class PlaceMention:
    """A place named in a document, as the extractor read it, before the gazetteer resolves it.

    kind: "settlement" (a town, village or site), "admin1" (a province or governorate) or "region"
    (a wider area such as "east Aleppo countryside"). precision is the ACLED geo_precision the
    wording allows: 1 "in X", 2 "near / north of / outskirts of X", 3 a region.
    """

    name: str
    kind: str = "settlement"
    precision: int = 1
    start: int = -1
    end: int = -1


@dataclass
class ResolvedPlace:
    """Where a mention was placed: the fields an event takes, plus how sure the geocoder is."""

    location: str
    latitude: float
    longitude: float
    geo_precision: int
    country: str | None = None
    iso: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    geonameid: int | None = None
    confidence: float = 0.0
