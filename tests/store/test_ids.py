"""Stable event ids: the same document and position always give the same id."""

from __future__ import annotations

import re

from sitrep.model import Event
from sitrep.store.ids import assign_event_ids, event_id_for


def test_event_id_is_stable_and_shaped_like_an_id():
    first = event_id_for("b94d27b9934d3e08", 0)
    assert first == event_id_for("b94d27b9934d3e08", 0)
    assert re.fullmatch(r"SIT[0-9A-F]{16}", first)
    assert first != event_id_for("b94d27b9934d3e08", 1)
    assert first != event_id_for("c94d27b9934d3e08", 0)


def test_assign_keeps_given_ids_and_numbers_by_position():
    given = [Event(event_id="SYR1"), Event(), Event(location="Maskanah")]
    assigned = assign_event_ids("doc", given)
    assert [e.event_id for e in assigned] == ["SYR1", event_id_for("doc", 1), event_id_for("doc", 2)]
    assert assigned[2].location == "Maskanah"
    assert given[1].event_id is None
