"""A confusion matrix of gold against predicted labels, the scores read from it, and its PNG plot.

Rows are gold labels, columns predicted ones. `classes` are the labels scored (e.g. ACLED's 25
sub-event types); a prediction outside them (such as "no event") still counts against the gold
label's recall but is never a class of its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

NO_EVENT = "no event"


@dataclass(frozen=True)
class ClassScore:
    """Precision, recall and F1 of one class, with its gold count (support)."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class ConfusionMatrix:
    """Counts of (gold, predicted) pairs over a fixed list of scored classes."""

    classes: list[str]
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, gold: str, predicted: str | None) -> None:
        self.counts[(gold, predicted or NO_EVENT)] += 1

    def cell(self, gold: str, predicted: str) -> int:
        return self.counts[(gold, predicted)]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def correct(self) -> int:
        return sum(n for (gold, predicted), n in self.counts.items() if gold == predicted)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def rows(self) -> list[str]:
        """Gold labels seen, in class order, then any gold label outside the classes."""
        seen = {gold for gold, _ in self.counts}
        return [c for c in self.classes if c in seen] + sorted(seen - set(self.classes))

    def columns(self) -> list[str]:
        """Predicted labels seen, in class order, then the others ("no event" last)."""
        seen = {predicted for _, predicted in self.counts}
        extra = sorted(seen - set(self.classes) - {NO_EVENT})
        tail = [NO_EVENT] if NO_EVENT in seen else []
        return [c for c in self.classes if c in seen] + extra + tail

    def per_class(self) -> list[ClassScore]:
        """Scores of every class that is in the gold or was predicted (others have no defined F1)."""
        scores = []
        for label in self.classes:
            support = sum(n for (gold, _), n in self.counts.items() if gold == label)
            predicted = sum(n for (_, p), n in self.counts.items() if p == label)
            if not support and not predicted:
                continue
            hit = self.counts[(label, label)]
            precision = hit / predicted if predicted else 0.0
            recall = hit / support if support else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            scores.append(ClassScore(label, precision, recall, f1, support))
        return scores

    @property
    def macro_f1(self) -> float:
        scores = self.per_class()
        return sum(s.f1 for s in scores) / len(scores) if scores else 0.0

    @property
    def weighted_f1(self) -> float:
        scores = self.per_class()
        support = sum(s.support for s in scores)
        return sum(s.f1 * s.support for s in scores) / support if support else 0.0

    def to_json(self) -> dict[str, Any]:
        rows, columns = self.rows(), self.columns()
        return {
            "rows": rows,
            "columns": columns,
            "counts": [[self.cell(r, c) for c in columns] for r in rows],
            "per_class": [vars(s).copy() for s in self.per_class()],
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "weighted_f1": self.weighted_f1,
        }

    def render(self, title: str = "Confusion matrix (rows gold, columns predicted)") -> Table:
        """The matrix as a rich table; columns are numbered to keep it narrow, with a key."""
        rows, columns = self.rows(), self.columns()
        table = Table(title=title, caption="  ".join(f"{i + 1}={c}" for i, c in enumerate(columns)))
        table.add_column("gold", overflow="fold")
        for i, _ in enumerate(columns):
            table.add_column(str(i + 1), justify="right")
        for r in rows:
            cells = []
            for c in columns:
                n = self.cell(r, c)
                cells.append(f"[bold green]{n}[/]" if n and r == c else (str(n) if n else "·"))
            table.add_row(r, *cells)
        return table

    def render_classes(self, title: str = "Per class") -> Table:
        table = Table(title=title)
        for column in ("class", "support", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "class" else "right")
        for s in self.per_class():
            table.add_row(s.label, str(s.support), f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}")
        return table

    def plot(self, path: str | Path, title: str = "") -> Path:
        """Write the matrix as a PNG heat map with counts in the cells; needs matplotlib."""
        return plot_matrix(self, Path(path), title)


def plot_matrix(matrix: ConfusionMatrix, path: Path, title: str = "") -> Path:
    """Draw `matrix` to the PNG at `path` (rows gold, columns predicted) and return the path."""
    try:  # imported here: matplotlib is only needed by --plot
        from matplotlib.figure import Figure
    except ImportError:
        raise ValueError("writing a plot needs matplotlib (pip install matplotlib)") from None
    rows, columns = matrix.rows(), matrix.columns()
    values = [[matrix.cell(r, c) for c in columns] for r in rows] or [[0]]
    # Labels are long: room for them on top of a fixed size per cell.
    figure = Figure(figsize=(0.5 * len(columns) + 4.5, 0.35 * len(rows) + 3.0))
    axes = figure.add_subplot()
    image = axes.imshow(values, cmap="Blues", aspect="auto")
    figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04)
    axes.set_xticks(range(len(columns)), labels=columns, rotation=60, ha="right", fontsize=7)
    axes.set_yticks(range(len(rows)), labels=rows, fontsize=7)
    axes.set_xlabel("predicted")
    axes.set_ylabel("gold")
    peak = max(max(row) for row in values) or 1
    for i, row in enumerate(values):
        for j, n in enumerate(row):
            if n:
                colour = "white" if n > peak / 2 else "black"
                axes.text(j, i, str(n), ha="center", va="center", fontsize=7, color=colour)
    axes.set_title(title or f"accuracy {matrix.accuracy:.2f} (n={matrix.total})", fontsize=9)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    return path
