"""PLOVER gold-standard records as gold: each record's `text` is a report with its event and actors.

The first event sitrep reports is compared on its PLOVER event (Event.plover_event) and on its actors:
a source actor text is found when it names actor1 (or one of that actor's aliases in sitrep's actor
dictionary) loosely, one containing the other ignoring case; a target likewise with actor2.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table

from sitrep.evaluate.acled import UNTYPED, first_reported, parse_day, share
from sitrep.evaluate.confusion import NO_EVENT, ConfusionMatrix
from sitrep.evaluate.metrics import normalise
from sitrep.model import Document, Event

NAME = "plover"
# Records that document the file rather than code an event.
NOT_EVENTS = {"DOCUMENT"}
MIN_ALIAS = 3  # shorter aliases ("is") would be contained in almost anything

Extractor = Callable[[Document], list[Event]]


@cache
def aliases_by_name() -> dict[str, frozenset[str]]:
    """Lower-case canonical actor name -> the lower-case aliases sitrep's actor dictionary has for it."""
    from sitrep.extract.actors import load_actors

    dictionary = load_actors()
    names: dict[str, set[str]] = {}
    for alias, entry in [*dictionary.entries.items(), *dictionary.cased.items()]:
        for _, name in entry.names:
            if name:
                names.setdefault(name.lower(), set()).add(alias.lower())
    # State forces are named by their country as well ("Israeli soldiers", "Syria").
    for code, entry in dictionary.state.items():
        country = dictionary.countries.get(code, {})
        words = [country.get("name"), country.get("demonym"), *country.get("words", [])]
        for _, name in entry.names:
            names.setdefault(name.lower(), set()).update(str(w).lower() for w in words if w)
    return {k: frozenset(v) for k, v in names.items()}


def _contains(outer: str, inner: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None


def _loosely(a: str, b: str) -> bool:
    """One contains the other as whole words, so "rebels" is in "Ugandan rebels" but "is" is in nothing."""
    return len(a) >= MIN_ALIAS and len(b) >= MIN_ALIAS and (_contains(a, b) or _contains(b, a))


def names_actor(text: str, actor: str | None) -> bool:
    """Whether gold actor text and a predicted actor name (or any of its aliases) contain one another."""
    if not actor or not text:
        return False
    gold = normalise(text)
    forms = {normalise(actor), *aliases_by_name().get(actor.lower(), ())}
    return any(_loosely(gold, form) for form in forms)


def actor_texts(value: Any) -> list[str]:
    """The actorText values of a record's source or target (a list of dicts, or empty)."""
    if not isinstance(value, list):
        return []
    return [str(a.get("actorText", "")).strip() for a in value if isinstance(a, dict) and a.get("actorText")]


@dataclass
class RecordScore:
    id: str
    event: str
    predicted_event: str
    sources: list[str]
    targets: list[str]
    actor1: str | None
    actor2: str | None
    source_right: bool | None  # None: the record names no source
    target_right: bool | None


@dataclass
class PloverScore:
    name: str
    records: list[RecordScore]
    matrix: ConfusionMatrix
    plot_path: str | None = None

    @property
    def reported(self) -> int:
        return sum(r.predicted_event != NO_EVENT for r in self.records)

    def field(self, attribute: str) -> tuple[int, int]:
        values = [getattr(r, attribute) for r in self.records if getattr(r, attribute) is not None]
        return sum(values), len(values)

    def summary_line(self) -> str:
        n = len(self.records)
        source, target = self.field("source_right"), self.field("target_right")
        return (
            f"{NAME}: records {n}, reported {self.reported} ({share(self.reported, n):.0%}), "
            f"plover_event {self.matrix.accuracy:.2f}, source {share(*source):.2f} ({source[1]}), "
            f"target {share(*target):.2f} ({target[1]})"
        )

    def to_json(self) -> dict[str, Any]:
        n = len(self.records)
        return {
            "name": self.name,
            "format": NAME,
            "records": [vars(r).copy() for r in self.records],
            "totals": {
                "records": n,
                "reported": self.reported,
                "coverage": share(self.reported, n),
                "plover_event": self.matrix.accuracy,
                "source": share(*self.field("source_right")),
                "target": share(*self.field("target_right")),
            },
            "confusion": self.matrix.to_json(),
            "plot": self.plot_path,
            "summary": self.summary_line(),
        }

    def render(self) -> RenderableType:
        n = len(self.records)
        table = Table(title=f"PLOVER records: {n}, with a reported event: {self.reported}")
        for column in ("field", "right", "accuracy"):
            table.add_column(column, justify="left" if column == "field" else "right")
        table.add_row("plover_event", f"{self.matrix.correct}/{n}", f"{self.matrix.accuracy:.2f}")
        for label, attribute in (("source actor", "source_right"), ("target actor", "target_right")):
            right, total = self.field(attribute)
            table.add_row(label, f"{right}/{total}", f"{share(right, total):.2f}")
        return Group(table, self.matrix.render("PLOVER events (rows gold, columns predicted)"))


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """The records of a PLOVER gold file (a JSON list) that code an event in a text."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"cannot read gold file {path}: {err}") from None
    if not isinstance(data, list):
        raise ValueError(f"{path}: not a PLOVER gold file (no list of records)")
    return [r for r in data if isinstance(r, dict) and r.get("text") and r.get("event") not in NOT_EVENTS]


def score_record(record: dict[str, Any], event: Event | None) -> RecordScore:
    """Compare one gold record with the first reported event for its text (None: nothing reported)."""
    sources, targets = actor_texts(record.get("source")), actor_texts(record.get("target"))
    actor1 = event.actor1 if event else None
    actor2 = event.actor2 if event else None
    predicted = (event.plover_event or UNTYPED) if event else NO_EVENT
    return RecordScore(
        id=str(record.get("id", "")),
        event=str(record.get("event", "")),
        predicted_event=predicted,
        sources=sources,
        targets=targets,
        actor1=actor1,
        actor2=actor2,
        source_right=any(names_actor(s, actor1) for s in sources) if sources else None,
        target_right=any(names_actor(t, actor2) for t in targets) if targets else None,
    )


def evaluate(
    gold_path: str | Path,
    extract: Extractor,
    limit: int | None = None,
    plot: str | Path | None = None,
    **_ignored: Any,
) -> PloverScore:
    """Run `extract` on the first `limit` records' texts and score their PLOVER events and actors."""
    records = load_records(gold_path)[:limit] if limit is not None else load_records(gold_path)
    scored = []
    for record in records:
        document = Document(text=record["text"], published=parse_day(str(record.get("date") or "")))
        scored.append(score_record(record, first_reported(extract(document))))
    classes = sorted({r.event for r in scored})
    matrix = ConfusionMatrix(classes)
    for r in scored:
        matrix.add(r.event, r.predicted_event)
    card = PloverScore(Path(gold_path).name, scored, matrix)
    if plot is not None:
        card.plot_path = str(matrix.plot(plot, f"PLOVER events: {Path(gold_path).name}"))
    return card
