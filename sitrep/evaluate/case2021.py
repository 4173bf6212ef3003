"""CASE-2021 Task 2 as gold: a TSV of `id`, `EventSnippet`, `SubType`, one labelled snippet a row.

Each code maps to one of ACLED's 25 sub-event types (sitrep/data/case2021_codes.csv); codes outside
ACLED (ORG_CRIME, DIPLO, ...) are left out of the scoring. The prediction is the sub-event type of the
first event sitrep reports for the snippet, and "no event" when there is none, which counts as wrong.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table

from sitrep.evaluate.acled import UNTYPED, first_reported, read_rows, share, sub_event_classes
from sitrep.evaluate.confusion import NO_EVENT, ConfusionMatrix
from sitrep.model import Document, Event

NAME = "case2021"
CODES_FILE = Path(__file__).resolve().parents[1] / "data" / "case2021_codes.csv"

Extractor = Callable[[Document], list[Event]]


def load_codes(path: Path = CODES_FILE) -> dict[str, str | None]:
    """CASE-2021 code -> ACLED sub-event type, or None for the codes ACLED does not have."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"].strip().upper(): row["sub_event_type"].strip() or None
            for row in csv.DictReader(handle)
        }


@dataclass
class SnippetScore:
    id: str
    code: str
    gold: str
    predicted: str


@dataclass
class Case2021Score:
    """Scored snippets, the confusion matrix over ACLED's classes and what was left out."""

    name: str
    snippets: list[SnippetScore]
    matrix: ConfusionMatrix
    excluded: Counter[str] = field(default_factory=Counter)  # code -> rows not scored
    plot_path: str | None = None

    @property
    def reported(self) -> int:
        return sum(s.predicted != NO_EVENT for s in self.snippets)

    def summary_line(self) -> str:
        n = len(self.snippets)
        m = self.matrix
        return (
            f"{NAME}: snippets {n}, excluded {sum(self.excluded.values())}, "
            f"reported {self.reported} ({share(self.reported, n):.0%}), accuracy {m.accuracy:.3f}, "
            f"weighted F1 {m.weighted_f1:.3f}, macro F1 {m.macro_f1:.3f}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "format": NAME,
            "snippets": [vars(s).copy() for s in self.snippets],
            "totals": {
                "snippets": len(self.snippets),
                "reported": self.reported,
                "excluded": dict(self.excluded),
                "accuracy": self.matrix.accuracy,
                "weighted_f1": self.matrix.weighted_f1,
                "macro_f1": self.matrix.macro_f1,
            },
            "confusion": self.matrix.to_json(),
            "plot": self.plot_path,
            "summary": self.summary_line(),
        }

    def render(self) -> RenderableType:
        parts: list[RenderableType] = [
            self.matrix.render_classes("CASE-2021 sub-event types"),
            self.matrix.render(),
        ]
        if self.excluded:
            table = Table(title="Codes outside ACLED (not scored)")
            table.add_column("code")
            table.add_column("rows", justify="right")
            for code, n in sorted(self.excluded.items()):
                table.add_row(code, str(n))
            parts.append(table)
        return Group(*parts)


def evaluate(
    gold_path: str | Path,
    extract: Extractor,
    limit: int | None = None,
    plot: str | Path | None = None,
    **_ignored: Any,
) -> Case2021Score:
    """Type the first `limit` scorable snippets with `extract` and compare with their codes."""
    codes = load_codes()
    matrix = ConfusionMatrix(sub_event_classes())
    snippets: list[SnippetScore] = []
    excluded: Counter[str] = Counter()
    for i, row in enumerate(read_rows(gold_path, ("eventsnippet", "subtype"))):
        if limit is not None and len(snippets) >= limit:
            break
        code = row.get("subtype", "").upper()
        text = row.get("eventsnippet", "")
        gold = codes.get(code)
        if gold is None or not text:
            excluded[code or "(none)"] += 1
            continue
        event = first_reported(extract(Document(text=text)))
        predicted = (event.sub_event_type or UNTYPED) if event else NO_EVENT
        matrix.add(gold, predicted)
        snippets.append(SnippetScore(row.get("id") or str(i), code, gold, predicted))
    card = Case2021Score(Path(gold_path).name, snippets, matrix, excluded)
    if plot is not None:
        card.plot_path = str(matrix.plot(plot, f"CASE-2021: {Path(gold_path).name}"))
    return card
