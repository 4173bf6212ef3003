"""State forces named by regime period, as ACLED names them ("Military Forces of Nigeria (2015-)").

The periods live in sitrep/data/regimes.yaml. The period written is the one that holds the event's day,
closed when it had ended by the report's publication: the name a coder would have given that day.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from sitrep.vocab import load_yaml

_STATE = re.compile(
    r"^(?P<forces>(?:Mutiny of )?(?:Military|Police) Forces of )(?P<state>.+?)"
    r"(?: \((?P<period>\d{4}-(?:\d{4})?)\)(?P<unit> .+)?)?$"
)


@cache
def regimes(path: Path | None = None) -> dict[str, list[date]]:
    """State name → the days its regime periods began, oldest first."""
    data = load_yaml("regimes.yaml", path) or {}
    return {str(state): sorted(date.fromisoformat(str(d)) for d in days) for state, days in data.items()}


def period_name(
    name: str | None, day: date | None, as_of: date | None = None, table: dict[str, list[date]] | None = None
) -> str | None:
    """`name` with the regime period of `day` (as known on `as_of`, publication); other names unchanged."""
    if not name or day is None:
        return name
    match = _STATE.match(name)
    if match is None:
        return name
    starts = (table if table is not None else regimes()).get(match["state"])
    if not starts or day < starts[0]:
        return name
    index = max(i for i, start in enumerate(starts) if start <= day)
    begun = starts[index].year
    following = starts[index + 1] if index + 1 < len(starts) else None
    ended = following is not None and (as_of is None or following <= as_of)
    period = f"{begun}-{following.year}" if ended and following else f"{begun}-"
    return f"{match['forces']}{match['state']} ({period}){match['unit'] or ''}"
