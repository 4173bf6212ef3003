"""Across documents: which event reports describe the same real-world event, and the fused record.

Two reports match when their dates fall in the window their time precision allows, their places in
the distance their geo precision allows, their sub-event types belong to one family and their actor
pairs agree. Clusters are the connected components of that pairwise relation, so the result does
not depend on the order documents arrive in.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sitrep.model import Event, Quantity

TERRITORY = (
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
)
# Days either side a report's date may be off, by time_precision (1 day, 2 week-like span, 3 month).
WINDOW_DAYS = {1: 1, 2: 3, 3: 15}
# Kilometres between two report's points, by the coarser geo_precision of the two (3 = same admin1).
RADIUS_KM = {1: 10.0, 2: 25.0}
MAX_RADIUS_KM = max(RADIUS_KM.values())
# Grid cell in degrees and day bucket widths of the in-memory index (precise and vague events).
CELL_DEG = 0.5
BUCKET_DAYS = 4
VAGUE_BUCKET_DAYS = 16
# ACLED's observed source_scale values, narrowest first (a pair is written narrowest-widest).
SCALE_ORDER = ("Local partner", "Other", "New media", "Subnational", "National", "Regional", "International")
STATUS_RANK = {"occurred": 0, "claimed": 1, "denied": 2}
DISPUTED = "disputed"


def family(event_type: str | None, sub_event_type: str | None) -> str:
    """The sub-event family reports must share to fuse: territory changes together, else the event type."""
    if sub_event_type in TERRITORY:
        return "territory"
    return event_type or sub_event_type or ""


def status_class(status: str | None) -> str:
    """Reports that something happened fuse with reports denying it; plans and forecasts only with their like."""
    status = status or "occurred"
    return "report" if status in STATUS_RANK else status


def actors_match(a: frozenset[str], b: frozenset[str]) -> bool:
    """Same unordered actor pair, or one report names one side only and the other report names it too."""
    return a == b or (len(a) == 1 and a <= b) or (len(b) == 1 and b <= a)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Report:
    """What fusion looks at in one event report: plain values, so millions fit in memory."""

    key: str
    document_id: str
    day: int | None
    time_precision: int
    latitude: float | None
    longitude: float | None
    geo_precision: int
    admin1: str
    geonameid: int | None
    family: str
    status_class: str
    actors: frozenset[str]

    @property
    def vague(self) -> bool:
        # Month-wide or province-wide reports fuse only with each other: bridging two precise events
        # through one vague report would chain distinct captures into one event.
        return self.geo_precision >= 3 or self.time_precision >= 3 or self.latitude is None

    @classmethod
    def of(cls, event: Event, key: str | None = None) -> Report:
        """The fusion view of an event (key defaults to its event_id)."""
        actors = frozenset(a for a in (event.actor1, event.actor2) if a)
        return cls(
            key=key or event.event_id or "",
            document_id=event.document_id or "",
            day=event.event_date.toordinal() if event.event_date else None,
            time_precision=event.time_precision or 3,
            latitude=event.latitude,
            longitude=event.longitude,
            geo_precision=event.geo_precision or 3,
            admin1=(event.admin1 or "").lower(),  # as SQL lower() compares it
            geonameid=event.geonameid,
            family=family(event.event_type, event.sub_event_type),
            status_class=status_class(event.status),
            actors=actors,
        )


def matches(a: Report, b: Report) -> bool:
    """Whether two reports from different documents describe the same event."""
    if a.document_id == b.document_id:
        return False  # the extractor already aggregated within a document
    if a.family != b.family or a.status_class != b.status_class or a.vague != b.vague:
        return False
    if a.day is None or b.day is None:
        return False
    if abs(a.day - b.day) > max(WINDOW_DAYS.get(a.time_precision, 15), WINDOW_DAYS.get(b.time_precision, 15)):
        return False
    if not actors_match(a.actors, b.actors):
        return False
    return same_place(a, b)


def same_place(a: Report, b: Report) -> bool:
    """Same settlement, or within the distance the coarser geo precision allows."""
    if a.geonameid and b.geonameid and (a.family == "territory" or a.geo_precision == b.geo_precision == 1):
        # A territorial change is about one named place; two villages named at precision 1 are two places.
        return a.geonameid == b.geonameid
    if a.vague:
        return bool(a.admin1) and a.admin1 == b.admin1
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    radius = RADIUS_KM[max(a.geo_precision, b.geo_precision)]
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= radius


def index_keys(report: Report) -> list[tuple]:
    """The hash-index cells a report is stored under (one)."""
    if report.day is None:
        return []
    head = (report.family, report.status_class)
    if report.vague:
        return [(*head, "v", report.admin1, report.day // VAGUE_BUCKET_DAYS)]
    assert report.latitude is not None and report.longitude is not None
    cell = (math.floor(report.latitude / CELL_DEG), math.floor(report.longitude / CELL_DEG))
    return [(*head, "p", cell, report.day // BUCKET_DAYS)]


def probe_keys(report: Report) -> Iterator[tuple]:
    """Every index cell that may hold a report matching this one."""
    if report.day is None:
        return
    head = (report.family, report.status_class)
    if report.vague:
        for bucket in range(
            (report.day - 15) // VAGUE_BUCKET_DAYS, (report.day + 15) // VAGUE_BUCKET_DAYS + 1
        ):
            yield (*head, "v", report.admin1, bucket)
        return
    assert report.latitude is not None and report.longitude is not None
    reach = max(WINDOW_DAYS[min(report.time_precision, 2)], WINDOW_DAYS[2])
    lat_cells = math.ceil(MAX_RADIUS_KM / (111.2 * CELL_DEG))
    coslat = max(0.05, math.cos(math.radians(report.latitude)))
    lon_cells = math.ceil(MAX_RADIUS_KM / (111.2 * CELL_DEG * coslat))
    cy, cx = math.floor(report.latitude / CELL_DEG), math.floor(report.longitude / CELL_DEG)
    buckets = range((report.day - reach) // BUCKET_DAYS, (report.day + reach) // BUCKET_DAYS + 1)
    for y in range(cy - lat_cells, cy + lat_cells + 1):
        for x in range(cx - lon_cells, cx + lon_cells + 1):
            for bucket in buckets:
                yield (*head, "p", (y, x), bucket)


class Fuser:
    """Incremental fusion in memory: a hash index on (family, grid cell, day bucket) and union-find."""

    def __init__(self) -> None:
        self.reports: list[Report] = []
        self._parent: list[int] = []
        self._index: dict[tuple, list[int]] = defaultdict(list)
        self._seen: dict[str, int] = {}

    def _find(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def add(self, report: Report) -> int:
        """Fuse one report into what is known; returns its position. A key seen before changes nothing."""
        if report.key in self._seen:
            return self._seen[report.key]
        position = len(self.reports)
        self.reports.append(report)
        self._parent.append(position)
        self._seen[report.key] = position
        for key in probe_keys(report):
            for other in self._index.get(key, ()):
                if matches(report, self.reports[other]):
                    a, b = self._find(position), self._find(other)
                    if a != b:
                        # The smaller position wins only to keep the forest shallow; membership is what counts.
                        self._parent[max(a, b)] = min(a, b)
        for key in index_keys(report):
            self._index[key].append(position)
        return position

    def extend(self, reports: Iterable[Report]) -> None:
        """Add many reports."""
        for report in reports:
            self.add(report)

    def clusters(self) -> list[list[str]]:
        """Each fused event's member keys, sorted; clusters sorted by their first key."""
        groups: dict[int, list[str]] = defaultdict(list)
        for position, report in enumerate(self.reports):
            groups[self._find(position)].append(report.key)
        return sorted(sorted(keys) for keys in groups.values())


@dataclass(frozen=True)
class SourceRef:
    """One report of a fused event: which document, outlet, address and day it was published."""

    event_id: str
    document_id: str
    source: str | None
    url: str | None
    published: date | None
    source_scale: str | None = None


def combine_scales(scales: Iterable[str | None]) -> str | None:
    """ACLED's source_scale for several sources: one scale, or the narrowest and widest joined by '-'."""
    parts: set[str] = set()
    for scale in scales:
        if scale:
            parts.update(p.strip() for p in scale.split("-") if p.strip())
    if not parts:
        return None
    ranked = sorted(parts, key=lambda p: (SCALE_ORDER.index(p) if p in SCALE_ORDER else len(SCALE_ORDER), p))
    return ranked[0] if len(ranked) == 1 else f"{ranked[0]}-{ranked[-1]}"


def conservative_fatalities(members: Sequence[Event]) -> int | None:
    """The lowest death toll among reports that give one (ACLED's rule); 0 when none does."""
    figures = [m.fatalities for m in members if m.fatalities]
    if figures:
        return min(figures)
    return 0 if any(m.fatalities is not None for m in members) else None


def lowest_claims(members: Sequence[Event]) -> dict[str, Quantity]:
    """Per kind, the lowest claimed figure, keeping its claimant."""
    out: dict[str, Quantity] = {}
    for member in members:
        for kind, quantity in member.claims.items():
            if kind not in out or quantity.value < out[kind].value:
                out[kind] = quantity
    return out


def _rank(member: Event, sources: dict[str, SourceRef]) -> tuple:
    ref = sources.get(member.event_id or "")
    published = ref.published.toordinal() if ref and ref.published else 10**7
    return (
        STATUS_RANK.get(member.status, 3),
        member.geo_precision or 9,
        member.time_precision or 9,
        published,
        member.event_id or "",
    )


def combine(members: Sequence[Event], sources: Sequence[SourceRef]) -> Event:
    """One event from its reports: the most precise report's fields, every source, the lowest toll.

    The id is the smallest member id, so the same reports give the same fused event in any order.
    Reports that it happened plus reports denying it are tagged "disputed" rather than resolved.
    """
    by_event = {s.event_id: s for s in sources}
    ordered = sorted(members, key=lambda m: _rank(m, by_event))
    lead = ordered[0]
    refs = sorted(sources, key=lambda s: (s.published or date.max, s.source or "", s.document_id))
    outlets: list[str] = []
    for ref in refs:
        if ref.source and ref.source not in outlets:
            outlets.append(ref.source)
    statuses = {m.status for m in members}
    tags = sorted({t.strip() for m in members if m.tags for t in m.tags.split(";") if t.strip()})
    if statuses & {"occurred", "claimed"} and "denied" in statuses:
        tags.append(DISPUTED)
    claimants = sorted({m.claimed_by for m in members if m.claimed_by})
    evidence = [span for m in sorted(members, key=lambda m: m.event_id or "") for span in m.evidence]
    losses = []
    for m in sorted(members, key=lambda m: m.event_id or ""):
        for loss in m.losses:
            if loss not in losses:
                losses.append(loss)
    return replace(
        lead,
        event_id=min(m.event_id or "" for m in members),
        source="; ".join(outlets) or lead.source,
        source_scale=combine_scales([s.source_scale for s in sources] + [m.source_scale for m in members]),
        fatalities=conservative_fatalities(members),
        tags="; ".join(tags) or None,
        status=min(statuses, key=lambda s: STATUS_RANK.get(s, 3)),
        claimed_by="; ".join(claimants) or None,
        claims=lowest_claims(members),
        losses=losses,
        evidence=evidence,
        certainty=max((m.certainty for m in members if m.certainty is not None), default=lead.certainty),
        confidence=max((m.confidence for m in members if m.confidence is not None), default=lead.confidence),
    )
