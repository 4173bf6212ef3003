"""Printing any format's scorecard: its tables, then its summary line as the very last line."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console


def print_report(card: Any, console: Console | None = None) -> None:
    """Print a scorecard's tables and then its summary line, never wrapped, so `tail -1` reads it."""
    console = console or Console()
    console.print(card.render())
    console.print(card.summary_line(), soft_wrap=True, markup=False, highlight=False)


def report_text(card: Any, width: int = 120) -> str:
    """The printed report as plain text without colour, for files and tests."""
    buffer = io.StringIO()
    print_report(card, Console(file=buffer, width=width, color_system=None, force_terminal=False))
    return buffer.getvalue()
