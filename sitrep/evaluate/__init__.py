"""Scoring sitrep's output against labelled data, one module per gold format.

Each format module has `NAME` and `evaluate(gold_path, extract, **options)`, which returns a scorecard
with `summary_line()`, `to_json()` and `render()` (its tables). `print_report` prints the tables and
then the summary as the last line. `READERS` maps format names to the modules, so a new format is one
new module and one line here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from rich.console import RenderableType

from sitrep.evaluate import acled, case2021, muc4, plover, project, re3d, ucdp
from sitrep.evaluate.output import print_report, report_text
from sitrep.evaluate.project import ProjectScore, load_gold, render_table, to_json
from sitrep.model import Document, Event

__all__ = [
    "READERS",
    "Extractor",
    "ProjectScore",
    "Scorecard",
    "evaluate",
    "load_gold",
    "print_report",
    "render_table",
    "report_text",
    "score_project",
    "to_json",
]

Extractor = Callable[[Document], list[Event]]


class Scorecard(Protocol):
    """What every format's `evaluate` returns."""

    def summary_line(self) -> str: ...

    def to_json(self) -> dict[str, Any]: ...

    def render(self) -> RenderableType: ...


READERS: dict[str, ModuleType] = {m.NAME: m for m in (project, re3d, acled, case2021, ucdp, plover, muc4)}

score_project = project.score


def evaluate(format: str, gold_path: str | Path, extract: Extractor, **options: Any) -> Scorecard:
    """Score `extract` against the gold file at `gold_path` read as `format` (a key of READERS)."""
    try:
        reader = READERS[format]
    except KeyError:
        raise ValueError(f"unknown gold format {format!r} (known: {', '.join(sorted(READERS))})") from None
    return reader.evaluate(gold_path, extract, **options)
