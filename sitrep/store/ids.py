"""Stable event ids, so that storing or exporting the same document twice gives the same ids."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable

from sitrep.model import Event

PREFIX = "SIT"


def event_id_for(document_id: str, index: int) -> str:
    """The id of the `index`-th event extracted from a document: `SIT` and 16 hex digits of a hash."""
    # 64 bits keep collisions negligible even across tens of millions of events.
    digest = hashlib.sha256(f"{document_id}:{index}".encode()).hexdigest()[:16]
    return PREFIX + digest.upper()


def assign_event_ids(document_id: str, events: Iterable[Event]) -> list[Event]:
    """Copies of `events` where each event without an id gets `event_id_for(document_id, index)`."""
    return [
        event if event.event_id else dataclasses.replace(event, event_id=event_id_for(document_id, index))
        for index, event in enumerate(events)
    ]
