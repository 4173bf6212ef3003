"""Which gazetteer entry does each place a report names mean? Decided for the whole document at once.

Features, each named: how well the name matches (`name_quality`), agreement with the document's
provinces ("province of Aleppo", "east Aleppo countryside"), closeness to the document's anchor places
(a village named beside Maskanah is near Maskanah), and how notable the place is (feature code,
population). A name that cannot be placed with confidence falls back to the document's province at
geo_precision 3 — never to a far same-named village — and one failure never costs the other places.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from sitrep.geo.gazetteer import Candidate, Gazetteer, haversine_km
from sitrep.geo.normalize import normalize
from sitrep.model import PlaceMention, ResolvedPlace

NEAR_KM = 40.0  # a village farther than this from every anchor place is doubtful…
PROVINCE_SPREAD_KM = 100.0  # …unless it is the name's only reading and lies in a province the document names
MIN_QUALITY = 0.85  # a name match below this (e.g. Karama ~ Karmah) is not trusted at precision 1
ANCHOR_QUALITY = 0.9
NOTABLE_POPULATION = 50_000
NOTABLE_CODES = frozenset({"PPLC", "PPLA", "PPLA2"})
CANDIDATES = 12
REGION_CONFIDENCE = 0.5


@dataclass
class _Choice:
    candidate: Candidate
    confidence: float


def name_quality(mention: str, candidate: Candidate) -> float:
    """How well a mention's spelling matches a candidate's name (1.0 for an exact normalised match)."""
    if candidate.match == "exact":
        return 1.0
    return fuzz.ratio(normalize(mention), normalize(candidate.name)) / 100.0


def is_notable(candidate: Candidate) -> bool:
    """A city or provincial/district seat: known on its own, whatever else the document names. An
    administrative area's population is its towns', not a sign that the name is well known."""
    code = candidate.feature_code or ""
    return code in NOTABLE_CODES or (
        candidate.population >= NOTABLE_POPULATION and not code.startswith("ADM")
    )


NAMESAKE_KM = 20.0  # an administrative area this close to a same-named town is that town's area


def without_namesake_areas(found: list[Candidate]) -> list[Candidate]:
    """Drop administrative areas named after a town and lying around it: "Saraqib" the subdistrict and
    Saraqib the town are one reading, not two rivals, and the town is the place a report means."""
    towns = [c for c in found if not (c.feature_code or "").startswith("ADM")]
    return [
        c
        for c in found
        if not (c.feature_code or "").startswith("ADM")
        or not any(
            haversine_km(c.latitude, c.longitude, t.latitude, t.longitude) <= NAMESAKE_KM for t in towns
        )
    ]


class Geocoder:
    """Resolves a document's place mentions against a Gazetteer."""

    def __init__(self, gazetteer: Gazetteer, near_km: float = NEAR_KM) -> None:
        self.gazetteer = gazetteer
        self.near_km = near_km

    def resolve(
        self, mentions: list[PlaceMention], country: str | None = None, region_hints: Sequence[str] = ()
    ) -> list[ResolvedPlace | None]:
        """One ResolvedPlace (or None) per mention, in order."""
        provinces = self._provinces(
            [*region_hints, *(m.name for m in mentions if m.kind != "settlement")], country
        )
        candidates: dict[int, list[Candidate]] = {}
        for i, m in enumerate(mentions):
            if m.kind == "settlement":
                try:
                    found = self.gazetteer.lookup(m.name, country=country, limit=CANDIDATES)
                except Exception:  # noqa: BLE001 — one bad name must not cost the document its other places
                    found = []
                candidates[i] = without_namesake_areas(found)
        anchors = self._anchors(mentions, candidates, provinces)
        fallback_provinces = provinces or self._anchor_provinces(anchors)
        out: list[ResolvedPlace | None] = []
        for i, mention in enumerate(mentions):
            if mention.kind != "settlement":
                region = self.gazetteer.admin1_place(mention.name, country)
                out.append(self._region(region) if region else None)
                continue
            choice = self._choose(mention, candidates[i], anchors, provinces, exclude=i)
            if choice is not None:
                out.append(self._place(choice.candidate, mention.precision, choice.confidence))
                continue
            fallback = next(
                (p for p in (self.gazetteer.admin1_place(h, country) for h in fallback_provinces) if p), None
            )
            out.append(self._region(fallback) if fallback else None)
        return out

    # -- features ------------------------------------------------------------------------------
    def _provinces(self, names: Sequence[str], country: str | None) -> list[str]:
        """The province names the document points to, most mentioned first, as the gazetteer writes them."""
        counts: Counter[str] = Counter()
        order: list[str] = []
        for name in names:
            place = self.gazetteer.admin1_place(name, country)
            if place is not None and place.admin1:
                counts[place.admin1] += 1
                if place.admin1 not in order:
                    order.append(place.admin1)
        return sorted(order, key=lambda p: (-counts[p], order.index(p)))

    @staticmethod
    def _anchor_provinces(anchors: dict[int, Candidate]) -> list[str]:
        """Without province phrases, the provinces of the document's anchor places stand in."""
        counts = Counter(c.admin1 for c in anchors.values() if c.admin1)
        return [p for p, _ in counts.most_common()]

    def _anchors(
        self, mentions: list[PlaceMention], candidates: dict[int, list[Candidate]], provinces: list[str]
    ) -> dict[int, Candidate]:
        """Places the document names that are near certain on their own: a notable place, or a close
        match that is the only strong reading (inside the document's provinces when it names any)."""
        anchors: dict[int, Candidate] = {}
        for i, found in candidates.items():
            strong = [c for c in found if name_quality(mentions[i].name, c) >= ANCHOR_QUALITY]
            if not strong:
                continue
            notable = [c for c in strong if is_notable(c)]
            if notable and all(is_notable(c) or c.population * 10 < notable[0].population for c in strong):
                anchors[i] = notable[0]
                continue
            pick = [c for c in strong if c.admin1 in provinces] if provinces else strong
            if len(pick) == 1:
                anchors[i] = pick[0]
        return anchors

    def _choose(
        self,
        mention: PlaceMention,
        found: list[Candidate],
        anchors: dict[int, Candidate],
        provinces: list[str],
        exclude: int,
    ) -> _Choice | None:
        """The best-supported reading of one mention, or None when no reading is confident."""
        others = [c for j, c in anchors.items() if j != exclude]
        own_anchor = anchors.get(exclude)
        best: tuple[float, Candidate, float] | None = None
        readings = [c for c in found if name_quality(mention.name, c) >= MIN_QUALITY]
        for candidate in readings:
            quality = name_quality(mention.name, candidate)
            in_province = candidate.admin1 in provinces
            nearest = (
                min(
                    haversine_km(candidate.latitude, candidate.longitude, o.latitude, o.longitude)
                    for o in others
                )
                if others
                else None
            )
            if nearest is not None:
                # Beyond NEAR_KM only a city, or a name's one reading inside a named province, is trusted:
                # a far same-named village is never the answer.
                sole = len(readings) == 1 and in_province and nearest <= PROVINCE_SPREAD_KM
                if nearest > self.near_km and not (is_notable(candidate) or sole):
                    continue
                support = 1.0 if nearest <= self.near_km else 0.8
            elif candidate is own_anchor or is_notable(candidate):
                support = 0.9
            elif provinces and not in_province:
                continue
            else:
                # Alone in the document: trusted only when no other strong reading competes.
                rivals = [
                    c for c in readings if c is not candidate and (not provinces or c.admin1 in provinces)
                ]
                if rivals:
                    continue
                support = 0.8 if provinces else 0.7
            total = quality * support + (0.1 if in_province else 0.0) + 0.05 * candidate.score
            if best is None or total > best[0]:
                best = (total, candidate, min(1.0, quality * support))
        return _Choice(best[1], round(best[2], 2)) if best else None

    # -- output --------------------------------------------------------------------------------
    def _country(self, code: str | None) -> tuple[str | None, int | None]:
        info = self.gazetteer.country_info(code) if code else None
        return (info[0], info[1]) if info else (None, None)

    def _place(self, candidate: Candidate, precision: int, confidence: float) -> ResolvedPlace:
        country, iso = self._country(candidate.country_code)
        admin1, admin2 = candidate.admin1, candidate.admin2
        if admin1 is None:
            # Without codes in the gazetteer, the polygons (when loaded) still know the province.
            _, polygon_admin1, polygon_admin2 = self.gazetteer.admin_of(
                candidate.latitude, candidate.longitude
            )
            admin1, admin2 = polygon_admin1, admin2 or polygon_admin2
        return ResolvedPlace(
            location=self.gazetteer.display_name(candidate.geonameid, candidate.name),
            latitude=round(candidate.latitude, 4),
            longitude=round(candidate.longitude, 4),
            geo_precision=precision,
            country=country,
            iso=iso,
            admin1=admin1,
            admin2=admin2,
            geonameid=candidate.geonameid,
            confidence=confidence,
        )

    def _region(self, province: Candidate) -> ResolvedPlace:
        place = self._place(province, 3, REGION_CONFIDENCE)
        place.location = province.admin1 or province.name
        place.geonameid = None  # a region, not a settlement: control timelines must not use it
        return place
