"""The project's own gold JSON: required events field by field, claims, losses, non-events and control.

A gold file lists `events` (each with `required`, a `match` dict of field -> acceptable values and the
special checks `near`, `event_date_between`, `assoc_actor_1_contains`, `fatalities_acled`, plus
`claims` and `losses`), `non_events` (passages that must not become events that happened) and
optionally `control_as_of_<date>` rows. `score` compares predicted events against it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sitrep.evaluate.metrics import haversine_km, locate, normalise
from sitrep.ingest import ReadError, read_documents
from sitrep.ingest.base import parse_date
from sitrep.model import Document, Event

NAME = "project"
OK, WRONG, MISSING = "ok", "wrong", "missing"

# Checks that are not plain Event attributes.
SPECIAL_FIELDS = ("near", "event_date_between", "assoc_actor_1_contains", "fatalities_acled")
# A candidate may be off by this much and still be the gold event (with those fields scored wrong).
DATE_SLACK = timedelta(days=7)
PLACE_SLACK_KM = 100.0
# A non-event whose status reads "restatement of E3" may share evidence with the event matched to E3.
RESTATEMENT = "restatement of "


@dataclass
class Check:
    """One gold expectation and what the prediction had: result is ok, wrong or missing."""

    name: str
    expected: Any
    predicted: Any
    result: str


@dataclass
class GoldEventScore:
    """A gold event, the predicted event matched to it (an index into the events scored) and its checks."""

    id: str
    what: str
    required: bool
    matched: int | None
    fields: list[Check] = field(default_factory=list)
    claims: list[Check] = field(default_factory=list)
    losses: list[Check] = field(default_factory=list)


@dataclass
class NonEventScore:
    """A passage that must not be reported as happened, and the predicted events that did so."""

    id: str
    text: str
    located: bool | None  # None when no document text was given to look in
    violations: list[int] = field(default_factory=list)


@dataclass
class ControlScore:
    """One settlement's expected holder against the predicted one."""

    place: str
    geonameid: int | None
    expected: list[str | None]
    must_not_be: str | None
    predicted: str | None
    result: str


@dataclass
class ProjectScore:
    """Everything `score` found; the counts behind the summary line are properties."""

    name: str
    events: list[Event]
    gold_events: list[GoldEventScore]
    non_events: list[NonEventScore]
    false_events: list[int]
    duplicates: dict[int, str]
    control: list[ControlScore] | None = None

    def _required(self) -> list[GoldEventScore]:
        return [g for g in self.gold_events if g.required]

    @property
    def required_found(self) -> tuple[int, int]:
        required = self._required()
        return sum(g.matched is not None for g in required), len(required)

    @property
    def fields(self) -> tuple[int, int]:
        return _tally(c for g in self._required() for c in g.fields)

    @property
    def losses(self) -> tuple[int, int]:
        return _tally(c for g in self._required() for c in g.losses)

    @property
    def claims(self) -> tuple[int, int]:
        return _tally(c for g in self._required() for c in g.claims)

    @property
    def non_events_reported(self) -> int:
        return sum(bool(n.violations) for n in self.non_events)

    @property
    def control_right(self) -> tuple[int, int] | None:
        return None if self.control is None else _tally(self.control)

    def summary_line(self) -> str:
        return summary_line(self)

    def to_json(self) -> dict[str, Any]:
        return to_json(self)

    def render(self) -> RenderableType:
        return render_table(self)


def _tally(checks: Any) -> tuple[int, int]:
    results = [c.result for c in checks]
    return sum(r == OK for r in results), len(results)


# --- reading the gold file -----------------------------------------------------------------------


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read and check a gold file; raises ValueError with a one-line reason when it is malformed."""
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"cannot read gold file {path}: {err}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("events", []), list):
        raise ValueError(f"{path}: not a project gold file (no 'events' list)")
    known = set(Event.__dataclass_fields__) | set(SPECIAL_FIELDS)
    for i, event in enumerate(gold.get("events", [])):
        unknown = set(event.get("match", {})) - known
        if unknown:
            raise ValueError(f"{path}: event {event.get('id', i)} matches unknown fields {sorted(unknown)}")
    gold["_path"] = str(path)
    return gold


def document_path(gold: dict[str, Any]) -> Path | None:
    """The gold's report file: `document` taken relative to the gold file's folder or one of its parents."""
    name = gold.get("document")
    if not name:
        return None
    if Path(name).is_absolute():
        return Path(name)
    here = Path(gold.get("_path", ".")).resolve().parent
    for folder in (here, *here.parents):
        if (folder / name).is_file():
            return folder / name
    return None


def control_rows(gold: dict[str, Any]) -> tuple[str | None, list[dict[str, Any]]]:
    """The gold's control key (e.g. "control_as_of_2017-05-29") and its rows."""
    for key, rows in gold.items():
        if key.startswith("control"):
            return key, rows
    return None, []


# --- checks ------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _membership(name: str, expected: list[Any], predicted: Any) -> Check:
    if predicted is None:
        return Check(name, expected, None, OK if None in expected else MISSING)
    value = _plain(predicted)
    return Check(name, expected, value, OK if value in expected else WRONG)


def check_field(name: str, expected: Any, event: Event) -> Check:
    """Score one `match` entry (or special check) of a gold event against a predicted event."""
    if name == "near":
        if event.latitude is None or event.longitude is None:
            return Check(name, expected, None, MISSING)
        km = haversine_km(expected["lat"], expected["lon"], event.latitude, event.longitude)
        shown = f"{event.latitude:.4f},{event.longitude:.4f} ({km:.1f} km)"
        return Check(name, expected, shown, OK if km <= expected["km"] else WRONG)
    if name == "event_date_between":
        if event.event_date is None:
            return Check(name, expected, None, MISSING)
        low, high = (date.fromisoformat(d) for d in expected)
        return Check(
            name, expected, event.event_date.isoformat(), OK if low <= event.event_date <= high else WRONG
        )
    if name == "assoc_actor_1_contains":
        if not event.assoc_actor_1:
            return Check(name, expected, None, MISSING)
        found = expected.lower() in event.assoc_actor_1.lower()
        return Check(name, expected, event.assoc_actor_1, OK if found else WRONG)
    if name == "fatalities_acled":
        return _membership(name, list(expected), event.fatalities)
    return _membership(name, list(expected), getattr(event, name, None))


def _field_checks(gold_event: dict[str, Any], event: Event) -> list[Check]:
    checks = [check_field(name, expected, event) for name, expected in gold_event.get("match", {}).items()]
    for name in ("assoc_actor_1_contains", "fatalities_acled"):
        if name in gold_event:
            checks.append(check_field(name, gold_event[name], event))
    return checks


def _claim_checks(gold_event: dict[str, Any], event: Event) -> list[Check]:
    checks = []
    for kind, want in gold_event.get("claims", {}).items():
        got = event.claims.get(kind)
        name = f"claims.{kind}"
        if got is None:
            checks.append(Check(name, want, None, MISSING))
            continue
        shown = {"value": got.value, "qualifier": got.qualifier}
        right = got.value == want["value"] and ("qualifier" not in want or got.qualifier == want["qualifier"])
        checks.append(Check(name, want, shown, OK if right else WRONG))
    return checks


def _loss_checks(gold_event: dict[str, Any], event: Event) -> list[Check]:
    unused = list(event.losses)
    checks = []
    for want in gold_event.get("losses", []):
        name = f"losses.{want['item']}"
        same_kind = [
            loss
            for loss in unused
            if loss.item.lower() == want["item"].lower() and loss.side == want.get("side")
        ]
        exact = [loss for loss in same_kind if loss.count == want.get("count")]
        if exact:
            unused.remove(exact[0])
            checks.append(Check(name, want, want.get("count"), OK))
        elif same_kind:
            checks.append(Check(name, want, same_kind[0].count, WRONG))
        else:
            checks.append(Check(name, want, None, MISSING))
    return checks


def _score_pair(gold_event: dict[str, Any], event: Event) -> GoldEventScore:
    return GoldEventScore(
        id=str(gold_event.get("id", "")),
        what=gold_event.get("what", ""),
        required=bool(gold_event.get("required", True)),
        matched=None,
        fields=_field_checks(gold_event, event),
        claims=_claim_checks(gold_event, event),
        losses=_loss_checks(gold_event, event),
    )


def _unmatched(gold_event: dict[str, Any]) -> GoldEventScore:
    # An event never found: each of its expectations is missing, even those that accept no value.
    result = _score_pair(gold_event, Event())
    for check in result.fields + result.claims + result.losses:
        check.result = MISSING
    return result


# --- matching ----------------------------------------------------------------------------------


def _plausible(gold_event: dict[str, Any], event: Event, checks: list[Check]) -> bool:
    """Whether a predicted event could be this gold event at all (then its wrong fields are errors)."""
    by_name = {c.name: c for c in checks}
    what = [by_name[n] for n in ("sub_event_type", "actor1", "actor2") if n in by_name]
    if what and not any(c.result == OK for c in what):
        return False
    match = gold_event.get("match", {})
    if event.event_date is not None:
        window = None
        if "event_date_between" in match:
            window = [date.fromisoformat(d) for d in match["event_date_between"]]
        elif "event_date" in match:
            window = [date.fromisoformat(str(d)) for d in match["event_date"] if d]
        if window and not (min(window) - DATE_SLACK <= event.event_date <= max(window) + DATE_SLACK):
            return False
    near = match.get("near")
    if near and event.latitude is not None and event.longitude is not None:
        km = haversine_km(near["lat"], near["lon"], event.latitude, event.longitude)
        if km > near["km"] + PLACE_SLACK_KM:
            return False
    return True


def _match(gold_events: list[dict[str, Any]], candidates: list[int], events: list[Event]) -> dict[int, int]:
    """Gold index -> event index, one to one, best-scoring pairs first; ties go to the earlier."""
    pairs = []
    for g, gold_event in enumerate(gold_events):
        required = bool(gold_event.get("required", True))
        for e in candidates:
            scored = _score_pair(gold_event, events[e])
            if not _plausible(gold_event, events[e], scored.fields):
                continue
            right = _tally(scored.fields)[0]
            extra = _tally(scored.claims + scored.losses)[0]
            pairs.append((-right, -extra, not required, g, e))
    pairs.sort()
    assigned: dict[int, int] = {}
    taken: set[int] = set()
    for *_, g, e in pairs:
        if g not in assigned and e not in taken:
            assigned[g] = e
            taken.add(e)
    return assigned


# --- non-events and control --------------------------------------------------------------------


def _overlaps(event: Event, spans: list[tuple[int, int]], passage: str) -> bool:
    needle = normalise(passage)
    for evidence in event.evidence:
        if any(evidence.start < end and evidence.end > start for start, end in spans):
            return True
        said = normalise(evidence.text or "")
        if said and (needle in said or said in needle):
            return True
    return False


def _score_non_events(
    gold: dict[str, Any],
    events: list[Event],
    candidates: list[int],
    matched_to: dict[int, str],
    document_text: str | None,
) -> list[NonEventScore]:
    scores = []
    for item in gold.get("non_events", []):
        spans = locate(document_text, item["text"]) if document_text else []
        statuses = item.get("status", [])
        allowed = {s[len(RESTATEMENT) :].strip() for s in statuses if s.startswith(RESTATEMENT)}
        violations = [
            e
            for e in candidates
            if matched_to.get(e) not in allowed and _overlaps(events[e], spans, item["text"])
        ]
        located = bool(spans) if document_text else None
        scores.append(NonEventScore(str(item.get("id", "")), item["text"], located, violations))
    return scores


def _score_control(gold: dict[str, Any], control: list[dict[str, Any]]) -> list[ControlScore]:
    by_id = {row.get("geonameid"): row for row in control if row.get("geonameid") is not None}
    by_name = {normalise(str(row.get("place", ""))): row for row in control}
    scores = []
    for want in control_rows(gold)[1]:
        row = by_id.get(want.get("geonameid")) or by_name.get(normalise(want.get("place", "")))
        holder = row.get("holder") if row else None
        expected = list(want.get("holder", []))
        forbidden = want.get("must_not_be")
        right = holder in expected and holder != forbidden
        result = OK if right else (MISSING if holder is None else WRONG)
        scores.append(
            ControlScore(want.get("place", ""), want.get("geonameid"), expected, forbidden, holder, result)
        )
    return scores


# --- scoring -----------------------------------------------------------------------------------


def score(
    gold: dict[str, Any],
    events: Sequence[Event],
    document_text: str | None = None,
    control: list[dict[str, Any]] | None = None,
    name: str | None = None,
) -> ProjectScore:
    """Score predicted events (and optionally control rows) against a gold file's contents.

    Only events reported as happened (status occurred or claimed) are matched; `document_text` lets
    non-events be found by evidence offsets as well as by evidence text.
    """
    events = list(events)
    gold_events = gold.get("events", [])
    candidates = [i for i, e in enumerate(events) if e.happened]
    assigned = _match(gold_events, candidates, events)

    results = []
    for g, gold_event in enumerate(gold_events):
        if g in assigned:
            result = _score_pair(gold_event, events[assigned[g]])
            result.matched = assigned[g]
        else:
            result = _unmatched(gold_event)
        results.append(result)
    matched_to = {e: str(gold_events[g].get("id", g)) for g, e in assigned.items()}

    # An extra event right on every field of a matched gold event restates it: shown, but not false.
    duplicates: dict[int, str] = {}
    false_events = []
    for e in candidates:
        if e in matched_to:
            continue
        for g in assigned:
            checks = _field_checks(gold_events[g], events[e])
            if checks and all(c.result == OK for c in checks):
                duplicates[e] = str(gold_events[g].get("id", g))
                break
        else:
            false_events.append(e)

    label = name or Path(str(gold.get("document") or gold.get("_path") or "gold")).name.split(".")[0]
    return ProjectScore(
        name=label,
        events=events,
        gold_events=results,
        non_events=_score_non_events(gold, events, candidates, matched_to, document_text),
        false_events=false_events,
        duplicates=duplicates,
        control=None if control is None else _score_control(gold, control),
    )


Extractor = Callable[[Document], list[Event]]


def evaluate(
    gold_path: str | Path,
    extract: Extractor,
    control: Callable[[list[Event]], list[dict[str, Any]]] | None = None,
) -> ProjectScore:
    """Read a gold file and its report, run `extract` on the report and score the result.

    The report is read with the gold's `published` date; `control`, when given, turns the events into
    control rows (place, geonameid, holder) to score as well.
    """
    gold = load_gold(gold_path)
    source = document_path(gold)
    if source is None:
        raise ValueError(f"{gold_path}: its document {gold.get('document')!r} was not found")
    published = parse_date(gold.get("published"))
    items = list(read_documents([str(source)], published=published))
    documents = [d for d in items if isinstance(d, Document)]
    if not documents:
        reasons = "; ".join(str(e) for e in items if isinstance(e, ReadError))
        raise ValueError(f"cannot read {source}: {reasons or 'no document'}")
    document = documents[0]
    events = extract(document)
    return score(gold, events, document.text, control(events) if control else None)


# --- output ------------------------------------------------------------------------------------


def summary_line(result: ProjectScore) -> str:
    """One line with every figure; it ends the printed report so scripts can read it with `tail -1`."""
    found, required = result.required_found
    parts = [
        f"required events {found}/{required}",
        "fields {}/{}".format(*result.fields),
        "losses {}/{}".format(*result.losses),
        "claims {}/{}".format(*result.claims),
    ]
    if result.control_right is not None:
        parts.append("control {}/{}".format(*result.control_right))
    parts += [
        f"non-events reported {result.non_events_reported}",
        f"duplicates {len(result.duplicates)}",
        f"false events {len(result.false_events)}",
    ]
    return f"{result.name}: " + ", ".join(parts)


def _brief(event: Event) -> dict[str, Any]:
    return {
        "event_date": _plain(event.event_date),
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "location": event.location,
        "status": event.status,
        "evidence": event.evidence[0].text if event.evidence else None,
    }


def to_json(result: ProjectScore) -> dict[str, Any]:
    """The score as plain JSON-ready data: per gold event checks, non-events, extra events, totals."""

    def checks(items: list[Check]) -> list[dict[str, Any]]:
        return [vars(c).copy() for c in items]

    found, required = result.required_found
    return {
        "name": result.name,
        "format": NAME,
        "events": [
            {
                "id": g.id,
                "required": g.required,
                "matched": g.matched,
                "fields": checks(g.fields),
                "claims": checks(g.claims),
                "losses": checks(g.losses),
            }
            for g in result.gold_events
        ],
        "non_events": [vars(n).copy() for n in result.non_events],
        "duplicates": [
            {"index": e, "of": gid, **_brief(result.events[e])} for e, gid in result.duplicates.items()
        ],
        "false_events": [{"index": e, **_brief(result.events[e])} for e in result.false_events],
        "control": None if result.control is None else [vars(c).copy() for c in result.control],
        "totals": {
            "required_events": [found, required],
            "fields": list(result.fields),
            "losses": list(result.losses),
            "claims": list(result.claims),
            "control": None if result.control_right is None else list(result.control_right),
            "non_events_reported": result.non_events_reported,
            "duplicates": len(result.duplicates),
            "false_events": len(result.false_events),
        },
        "summary": summary_line(result),
    }


_STYLE = {OK: "green", WRONG: "red", MISSING: "yellow"}


def _shown(value: Any) -> str:
    """A gold expectation or predicted value as a reader would write it."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return " or ".join(_shown(v) for v in value) if value else "—"
    if isinstance(value, dict):
        if "item" in value:  # a loss
            return f"{value.get('count')} {value['item']} ({value.get('side') or 'side unknown'})"
        if "value" in value:  # a claim
            words = [value.get("qualifier"), str(value["value"]), value.get("who")]
            return " ".join(w for w in words if w)
        if "km" in value:  # near
            return f"within {value['km']} km of {value['lat']},{value['lon']}"
    return str(value)


def _event_row_label(result: ProjectScore, index: int) -> str:
    event = result.events[index]
    return (
        f"#{index} {event.sub_event_type or '?'} · {event.actor1 or '?'} · {_plain(event.event_date) or '?'}"
    )


def _result(check_result: str) -> Text:
    return Text(check_result, _STYLE[check_result])


def render_table(result: ProjectScore) -> RenderableType:
    """Gold events field by field, non-events, extra events and control, as rich tables.

    The summary line is not part of it: `sitrep.evaluate.print_report` prints it last, unwrapped.
    """
    events = Table(title="Gold events")
    events.add_column("gold", no_wrap=True)
    events.add_column("check", no_wrap=True)
    for column in ("expected", "predicted", "result"):
        events.add_column(column, overflow="fold")
    for g in result.gold_events:
        head = f"{g.id}{'' if g.required else ' (optional)'}"
        found = g.matched is not None
        events.add_row(head, "matched", "", _event_row_label(result, g.matched) if found else "not found",
                       _result(OK if found else MISSING))  # fmt: skip
        for c in g.fields + g.claims + g.losses:
            expected = " to ".join(c.expected) if c.name == "event_date_between" else _shown(c.expected)
            events.add_row("", c.name, expected, _shown(c.predicted), _result(c.result))
        events.add_section()

    non_events = Table(title="Non-events (must not be reported as happened)")
    for column in ("id", "text", "result"):
        non_events.add_column(column, overflow="fold")
    for n in result.non_events:
        reported = ", ".join(_event_row_label(result, e) for e in n.violations)
        verdict = Text(f"reported by {reported}", "red") if reported else _result(OK)
        non_events.add_row(n.id, n.text + (" (not found in the text)" if n.located is False else ""), verdict)
    parts: list[RenderableType] = [events, non_events]

    extras = [(e, f"repeats {gid}") for e, gid in result.duplicates.items()]
    extras += [(e, "false event") for e in result.false_events]
    if extras:
        table = Table(title="Predicted events not in the gold")
        for column in ("event", "location", "evidence", "result"):
            table.add_column(column, overflow="fold")
        for e, verdict in sorted(extras):
            brief = _brief(result.events[e])
            table.add_row(
                _event_row_label(result, e), brief["location"] or "—", brief["evidence"] or "—", verdict
            )
        parts.append(table)

    if result.control is not None:
        table = Table(title="Control")
        for column in ("place", "expected holder", "predicted holder", "result"):
            table.add_column(column, overflow="fold")
        for c in result.control:
            expected = " or ".join(str(h) if h else "none" for h in c.expected)
            if c.must_not_be:
                expected += f" (not {c.must_not_be})"
            table.add_row(c.place, expected, c.predicted or "—", _result(c.result))
        parts.append(table)
    return Group(*parts)
