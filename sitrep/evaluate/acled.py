"""An ACLED export as gold: each row's `notes` is a report, and sitrep's first event for it is the row.

Fields are compared exactly (actors also without the regime period such as "(2000-)"), the place by
its distance from the gold point, and sub-event types in a confusion matrix. A row for which sitrep
reports nothing counts as wrong on every field; coverage says how often that happens.
"""

from __future__ import annotations

import csv
import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table

from sitrep.evaluate.confusion import ConfusionMatrix
from sitrep.evaluate.metrics import haversine_km, normalise
from sitrep.model import Document, Event

NAME = "acled"
FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor1_base",
    "actor2",
    "actor2_base",
    "admin1",
    "fatalities",
    "event_date",
)
NEAR_KM, FAR_KM = 5.0, 25.0
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%m/%d/%Y", "%d/%m/%Y")
UNTYPED = "untyped event"  # reported, but without a sub-event type
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")

Extractor = Callable[[Document], list[Event]]


# --- helpers the other row formats share ---------------------------------------------------------


def first_reported(events: list[Event]) -> Event | None:
    """The first event reported as having happened (status occurred or claimed), if any."""
    return next((e for e in events if e.happened), None)


def strip_period(name: str | None) -> str | None:
    """An actor name without ACLED's regime period: "Military Forces of Syria (2000-)" -> "... of Syria"."""
    if not name:
        return None
    return " ".join(_PERIOD.sub("", name).split())


def same_text(a: str | None, b: str | None) -> bool:
    """Equal ignoring case and spacing; two empty values are equal."""
    return normalise(a or "") == normalise(b or "")


def read_rows(path: str | Path, required: tuple[str, ...] = ()) -> Iterator[dict[str, str]]:
    """Stream a CSV or TSV (told apart by its header line) as dicts with stripped lower-case keys.

    Raises ValueError when the file cannot be read or its header lacks one of the `required` columns."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as err:
        raise ValueError(f"cannot read gold file {path}: {err}") from None
    with handle:
        header = handle.readline()
        delimiter = max(",\t;", key=header.count)
        handle.seek(0)
        # Tab-separated text is written without quoting, so a quote mark there is just a character.
        quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
        reader = csv.DictReader(handle, delimiter=delimiter, quoting=quoting)
        columns = {(c or "").strip().lower() for c in reader.fieldnames or ()}
        missing = [c for c in required if c not in columns]
        if missing:
            raise ValueError(f"{path}: no column {', '.join(missing)} (is it the right --format?)")
        for row in reader:
            yield {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}


def parse_day(value: str | None) -> date | None:
    """A date as ACLED and UCDP write it ("2017-05-29", "29 May 2017", ...); None when unreadable."""
    text = (value or "").strip()
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text[:10] if pattern == "%Y-%m-%d" else text, pattern).date()
        except ValueError:
            continue
    return None


def as_int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def as_float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# --- scoring -----------------------------------------------------------------------------------


@dataclass
class RowScore:
    """One gold row: what sitrep reported for it, which fields were right, and how far off the place was."""

    id: str
    reported: bool
    right: dict[str, bool]
    km: float | None
    gold: dict[str, Any]
    predicted: dict[str, Any]


@dataclass
class AcledScore:
    """Every row's score and the sub-event confusion matrix; the figures are properties."""

    name: str
    rows: list[RowScore]
    matrix: ConfusionMatrix
    skipped: int = 0  # rows without notes
    plot_path: str | None = None

    @property
    def reported(self) -> int:
        return sum(r.reported for r in self.rows)

    def accuracy(self, name: str) -> float:
        return share(sum(r.right[name] for r in self.rows), len(self.rows))

    def within(self, km: float) -> float:
        return share(sum(r.km is not None and r.km <= km for r in self.rows), len(self.rows))

    @property
    def median_km(self) -> float | None:
        distances = [r.km for r in self.rows if r.km is not None]
        return statistics.median(distances) if distances else None

    def summary_line(self) -> str:
        n = len(self.rows)
        median = "—" if self.median_km is None else f"{self.median_km:.1f}"
        parts = [
            f"rows {n}",
            f"reported {self.reported} ({share(self.reported, n):.0%})",
            f"event_type {self.accuracy('event_type'):.2f}",
            f"sub_event_type {self.accuracy('sub_event_type'):.2f}",
            f"actor1 {self.accuracy('actor1'):.2f}/{self.accuracy('actor1_base'):.2f}",
            f"actor2 {self.accuracy('actor2'):.2f}/{self.accuracy('actor2_base'):.2f}",
            f"admin1 {self.accuracy('admin1'):.2f}",
            f"place≤{NEAR_KM:g}km {self.within(NEAR_KM):.2f}",
            f"place≤{FAR_KM:g}km {self.within(FAR_KM):.2f}",
            f"median km {median}",
            f"fatalities {self.accuracy('fatalities'):.2f}",
            f"event_date {self.accuracy('event_date'):.2f}",
        ]
        return f"{NAME}: " + ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "format": NAME,
            "rows": [vars(r).copy() for r in self.rows],
            "totals": {
                "rows": len(self.rows),
                "skipped": self.skipped,
                "reported": self.reported,
                "coverage": share(self.reported, len(self.rows)),
                "accuracy": {name: self.accuracy(name) for name in FIELDS},
                "within_5km": self.within(NEAR_KM),
                "within_25km": self.within(FAR_KM),
                "median_km": self.median_km,
            },
            "confusion": self.matrix.to_json(),
            "plot": self.plot_path,
            "summary": self.summary_line(),
        }

    def render(self) -> RenderableType:
        fields = Table(title=f"ACLED rows ({len(self.rows)}, sitrep reported {self.reported})")
        for column in ("field", "right", "accuracy"):
            fields.add_column(column, justify="left" if column == "field" else "right")
        n = len(self.rows)
        for name in FIELDS:
            right = sum(r.right[name] for r in self.rows)
            fields.add_row(name.replace("_base", " (no period)"), f"{right}/{n}", f"{share(right, n):.2f}")
        for km in (NEAR_KM, FAR_KM):
            hits = sum(r.km is not None and r.km <= km for r in self.rows)
            fields.add_row(f"place within {km:g} km", f"{hits}/{n}", f"{share(hits, n):.2f}")
        median = self.median_km
        fields.add_row("median distance km", "", "—" if median is None else f"{median:.1f}")
        return Group(fields, self.matrix.render(), self.matrix.render_classes())


def _gold_of(row: dict[str, str]) -> dict[str, Any]:
    return {
        "event_type": row.get("event_type") or None,
        "sub_event_type": row.get("sub_event_type") or None,
        "actor1": row.get("actor1") or None,
        "actor2": row.get("actor2") or None,
        "admin1": row.get("admin1") or None,
        "latitude": as_float(row.get("latitude")),
        "longitude": as_float(row.get("longitude")),
        "fatalities": as_int(row.get("fatalities")),
        "event_date": parse_day(row.get("event_date")),
    }


def score_row(row_id: str, gold: dict[str, Any], event: Event | None) -> RowScore:
    """Compare one gold row (as `_gold_of` reads it) with the first reported event, or with nothing."""
    if event is None:
        return RowScore(row_id, False, dict.fromkeys(FIELDS, False), None, _plain(gold), {})
    right = {
        "event_type": same_text(gold["event_type"], event.event_type),
        "sub_event_type": same_text(gold["sub_event_type"], event.sub_event_type),
        "actor1": same_text(gold["actor1"], event.actor1),
        "actor1_base": same_text(strip_period(gold["actor1"]), strip_period(event.actor1)),
        "actor2": same_text(gold["actor2"], event.actor2),
        "actor2_base": same_text(strip_period(gold["actor2"]), strip_period(event.actor2)),
        "admin1": same_text(gold["admin1"], event.admin1),
        "fatalities": gold["fatalities"] == event.fatalities,
        "event_date": gold["event_date"] is not None and gold["event_date"] == event.event_date,
    }
    km = None
    if None not in (gold["latitude"], gold["longitude"], event.latitude, event.longitude):
        km = haversine_km(gold["latitude"], gold["longitude"], event.latitude, event.longitude)
    predicted = {name: getattr(event, name) for name in gold}
    return RowScore(row_id, True, right, km, _plain(gold), _plain(predicted))


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def sub_event_classes() -> list[str]:
    """ACLED's 25 sub-event types in the taxonomy's priority order."""
    from sitrep.vocab import taxonomy

    return list(taxonomy())


def evaluate(
    gold_path: str | Path,
    extract: Extractor,
    limit: int | None = None,
    plot: str | Path | None = None,
    **_ignored: Any,
) -> AcledScore:
    """Run `extract` on each row's notes (the first `limit` rows) and score the first reported event."""
    matrix = ConfusionMatrix(sub_event_classes())
    rows: list[RowScore] = []
    skipped = 0
    for i, row in enumerate(read_rows(gold_path, ("notes", "sub_event_type"))):
        if limit is not None and len(rows) >= limit:
            break
        notes = row.get("notes", "")
        if not notes:
            skipped += 1
            continue
        gold = _gold_of(row)
        document = Document(text=notes, published=gold["event_date"], source=row.get("source") or None)
        event = first_reported(extract(document))
        rows.append(score_row(row.get("event_id_cnty") or str(i), gold, event))
        if gold["sub_event_type"]:
            matrix.add(gold["sub_event_type"], (event.sub_event_type or UNTYPED) if event else None)
    card = AcledScore(Path(gold_path).name, rows, matrix, skipped)
    if plot is not None:
        card.plot_path = str(matrix.plot(plot, f"ACLED sub-event types: {Path(gold_path).name}"))
    return card
