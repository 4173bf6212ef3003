"""`sitrep explain` as text: one block per sentence, one line per decision."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from sitrep.extract.explain import SentenceExplanation
from sitrep.model import Document

_SHOWN = 160  # characters of a sentence shown; the offsets locate the rest


def print_explanations(document: Document, sentences: list[SentenceExplanation], console: Console) -> None:
    published = document.published.isoformat() if document.published else "unknown"
    console.print(f"[bold]{escape(document.path or document.id)}[/bold]  published {published}")
    for number, sentence in enumerate(sentences, 1):
        text = " ".join(sentence.text.split())
        shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
        console.print(
            f"\n[bold]{number:>3}[/bold] {sentence.start}-{sentence.end} {sentence.kind}  {escape(shown)}"
        )
        if sentence.outcome:
            console.print(f"      [dim]{escape(sentence.outcome)}[/dim]")
        for action in sentence.actions:
            rows = [("trigger", f"{action.trigger}  (families {', '.join(action.families)})")]
            reason = f" ← {action.status_reason}" if action.status_reason else ""
            rows.append(("status", f"{action.status}{reason}"))
            rows += [(r.role, f"{r.name} ← '{r.words}'") for r in action.roles]
            if action.date:
                rows.append(
                    ("date", action.date + (f" ← '{action.date_words}'" if action.date_words else ""))
                )
            if action.place:
                rows.append(("place", action.place))
            if action.sub_event_type:
                rows.append(("type", f"{action.sub_event_type} ← {action.type_rule}"))
            rows.append(("outcome", action.outcome))
            for label, value in rows:
                console.print(f"      {label:<10} {escape(value)}", highlight=False)
