"""Which gazetteer entry does each place a report names mean? Decided for the whole document at once.

Features, each named: the name match score from the gazetteer, agreement with the document's
provinces ("province of Aleppo", "east Aleppo countryside"), and closeness to the other places the
document names (a village named beside Maskanah is near Maskanah). A name that cannot be placed
with confidence falls back to the document's province at geo_precision 3 — never to a far
same-named village — and one failure never costs the other places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from sitrep.geo.gazetteer import Candidate, Gazetteer, haversine_km
from sitrep.model import PlaceMention, ResolvedPlace

MAX_SPREAD_KM = 60.0  # a village farther than this from the document's other places is doubtful
MIN_SCORE = 0.6  # below this a name match is not trusted on its own
CANDIDATES = 12


@dataclass
class _Choice:
    candidate: Candidate
    confidence: float


class Geocoder:
    """Resolves a document's place mentions against a Gazetteer."""

    def __init__(self, gazetteer: Gazetteer, max_spread_km: float = MAX_SPREAD_KM) -> None:
        self.gazetteer = gazetteer
        self.max_spread_km = max_spread_km

    def resolve(
        self, mentions: list[PlaceMention], country: str | None = None, region_hints: Sequence[str] = ()
    ) -> list[ResolvedPlace | None]:
        """One ResolvedPlace (or None) per mention, in order."""
        provinces = self._provinces(
            [*region_hints, *(m.name for m in mentions if m.kind != "settlement")], country
        )
        candidates = {
            i: self.gazetteer.lookup(m.name, country=country, limit=CANDIDATES)
            for i, m in enumerate(mentions)
            if m.kind == "settlement"
        }
        anchors = self._anchors(candidates, provinces)
        out: list[ResolvedPlace | None] = []
        for i, mention in enumerate(mentions):
            if mention.kind != "settlement":
                region = self._province_place(mention.name, country)
                out.append(self._region(region) if region else None)
                continue
            choice = self._choose(candidates[i], anchors, provinces, exclude=i)
            if choice is not None:
                out.append(self._place(choice.candidate, mention.precision, choice.confidence))
                continue
            fallback = next((p for p in (self._province_place(h, country) for h in provinces) if p), None)
            out.append(self._region(fallback) if fallback else None)
        return out

    # -- features ------------------------------------------------------------------------------
    def _provinces(self, names: Sequence[str], country: str | None) -> list[str]:
        """The province names the document points to, most mentioned first, as the gazetteer writes them."""
        seen: list[str] = []
        for name in names:
            place = self.gazetteer.admin1_place(name, country)
            if place is not None and place.admin1 and place.admin1 not in seen:
                seen.append(place.admin1)
        return seen

    def _province_place(self, name: str, country: str | None) -> Candidate | None:
        return self.gazetteer.admin1_place(name, country)

    def _anchors(self, candidates: dict[int, list[Candidate]], provinces: list[str]) -> dict[int, Candidate]:
        """Places the document names that are near certain on their own: an exact match that is the
        only strong reading, or the only one inside the document's provinces."""
        anchors: dict[int, Candidate] = {}
        for i, found in candidates.items():
            strong = [c for c in found if c.score >= 0.85]
            in_province = [c for c in strong if c.admin1 in provinces]
            pick = in_province if provinces else strong
            if len(pick) == 1 or (
                pick and pick[0].population > 10 * max(1, max(c.population for c in pick[1:]))
            ):
                anchors[i] = pick[0]
        return anchors

    def _choose(
        self, found: list[Candidate], anchors: dict[int, Candidate], provinces: list[str], exclude: int
    ) -> _Choice | None:
        others = [c for j, c in anchors.items() if j != exclude]
        best: tuple[float, Candidate, float] | None = None
        for candidate in found:
            if candidate.score < MIN_SCORE:
                continue
            spread = (
                median(
                    haversine_km(candidate.latitude, candidate.longitude, o.latitude, o.longitude)
                    for o in others
                )
                if others
                else None
            )
            if spread is not None and spread > self.max_spread_km:
                continue  # a far same-named place is never the answer
            if spread is None and provinces and candidate.admin1 not in provinces:
                continue
            total = candidate.score
            total += 0.2 if candidate.admin1 in provinces else 0.0
            total += 0.2 * (1 - spread / self.max_spread_km) if spread is not None else 0.0
            if best is None or total > best[0]:
                confidence = min(1.0, candidate.score * (1.0 if spread is not None or provinces else 0.8))
                best = (total, candidate, confidence)
        return _Choice(best[1], round(best[2], 2)) if best else None

    # -- output --------------------------------------------------------------------------------
    def _country(self, code: str | None) -> tuple[str | None, int | None]:
        info = self.gazetteer.country_info(code) if code else None
        return (info[0], info[1]) if info else (None, None)

    def _place(self, candidate: Candidate, precision: int, confidence: float) -> ResolvedPlace:
        country, iso = self._country(candidate.country_code)
        return ResolvedPlace(
            location=candidate.name,
            latitude=round(candidate.latitude, 4),
            longitude=round(candidate.longitude, 4),
            geo_precision=precision,
            country=country,
            iso=iso,
            admin1=candidate.admin1,
            admin2=candidate.admin2,
            geonameid=candidate.geonameid,
            confidence=confidence,
        )

    def _region(self, province: Candidate) -> ResolvedPlace:
        place = self._place(province, 3, 0.5)
        place.location = province.admin1 or province.name
        place.geonameid = None  # a region, not a settlement: control timelines must not use it
        return place
