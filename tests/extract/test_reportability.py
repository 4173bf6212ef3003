"""Is a trigger's statement reportable as an event? Status, reason and cue from a real parse.

The sentences are written for these tests. Every cue word comes from the `modality` section of
sitrep/data/triggers.yaml; the last tests edit a copy of that file and watch the decision change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitrep.extract.attribution import Decision, clause_decision, clause_status
from sitrep.extract.pipeline import shared_pipeline
from sitrep.nlp.pipeline import Pipeline, Sentence
from sitrep.vocab import Triggers, triggers

DATA = Path(__file__).resolve().parents[2] / "sitrep" / "data" / "triggers.yaml"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return shared_pipeline()


def _decide(pipeline: Pipeline, text: str, trigger: str, vocabulary: Triggers | None = None) -> Decision:
    # Parsed the way extraction parses (`Pipeline.parse`: the parser without the tagger).
    sentence = Sentence(0, len(text), text, "paragraph", 0)
    pipeline.parse([sentence])
    doc = sentence.parsed
    assert doc is not None
    index = next(t.i for t in doc if t.lower_ == trigger)
    return clause_decision(doc, index, vocabulary or pipeline.vocabulary)


@pytest.mark.parametrize(
    ("text", "trigger", "status", "reason", "cue"),
    [
        # not happened (yet): plans, forecasts, conditions
        ("The army is preparing to launch an attack on the hill.", "attack", "planned",
         "intention verb governs the trigger", "preparing"),
        ("The rebels will attack the airport.", "attack", "expected", "future auxiliary", "will"),
        ("Militia units are expected to storm the depot.", "storm", "expected",
         "expectation word governs the trigger", "expected"),
        ("If the rebels capture the bridge, they may shell the highway.", "capture", "hypothetical",
         "conditional clause", "If"),
        ("If the rebels capture the bridge, they may shell the highway.", "shell", "hypothetical",
         "modal auxiliary", "may"),
        ("Rebels could shell the base.", "shell", "hypothetical", "modal auxiliary", "could"),
        # denied and claimed
        ("The gunmen never attacked the convoy.", "attacked", "denied", "negation", "never"),
        ("The ministry denied that its jets had bombed the clinic.", "bombed", "denied",
         "denial verb governs the trigger", "denied"),
        ("The ministry rejected reports that its jets bombed the clinic.", "bombed", "denied",
         "denial verb governs the trigger", "rejected"),
        ("The group claimed responsibility for the attack on the checkpoint.", "attack", "claimed",
         "claim verb governs the trigger", "claimed"),
        # background: an earlier event recalled
        ("Rebels had captured the hill in 2015 before losing it again.", "captured", "background",
         "past perfect: earlier event recalled", "had"),
        ("The village had been captured by the rebels in 2014.", "captured", "background",
         "past perfect: earlier event recalled", "had"),
        ("Since the army captured the bridge in 2016, the road has stayed open.", "captured", "background",
         "since-clause: earlier event recalled", "Since"),
        ("Rebels have besieged the town since 2014.", "besieged", "background",
         "state held since a date or period", "since 2014"),
        # aggregate: a campaign or period total
        ("A total of 35 fighters were killed in the clashes.", "clashes", "aggregate", "campaign total",
         "A total of"),
        ("In total, 18 soldiers were killed in the ambushes.", "ambushes", "aggregate", "campaign total",
         "In total"),
        ("Air strikes this year have killed 120 people in the district.", "air", "aggregate",
         "campaign total", "this year"),
        ("Over the past months, militants attacked the pipeline repeatedly.", "attacked", "aggregate",
         "campaign total", "Over the past"),
        ("More than 400 civilians have been killed in air strikes since 2012.", "air", "aggregate",
         "period total since a date", "since 2012"),
        ("Since the start of the war, air raids have killed 300 civilians in the province.", "air",
         "aggregate", "period total since a date", "Since the start of the war"),
    ],
)  # fmt: skip
def test_decision(pipeline: Pipeline, text: str, trigger: str, status: str, reason: str, cue: str) -> None:
    assert _decide(pipeline, text, trigger) == Decision(status, reason, cue)


@pytest.mark.parametrize(
    ("text", "trigger", "reason", "cue"),
    [
        ("Troops captured the village on Sunday.", "captured", "no status cue on the trigger's clause", None),
        # Past perfect that only orders the report's own events stays an event.
        ("The army said the insurgents had attacked the checkpoint overnight.", "attacked",
         "past perfect in reported speech", "said"),
        ("According to the monitor, the rebels had attacked the base on Friday.", "attacked",
         "past perfect in reported speech", "According"),
        ("After the artillery had shelled the ridge for hours, the infantry advanced.", "shelled",
         "past perfect orders the report's own events", "After"),
        # Judgement call: "had … by Sunday evening" tells a completion within the reported days, as
        # ACLED coders read it, not a recalled earlier event.
        ("Government forces had retaken the town by Sunday evening.", "retaken",
         "past perfect orders the report's own events", "by"),
        # The past perfect sits in the subordinate clause, not in the trigger's own.
        ("After the artillery had shelled the ridge for hours, the infantry advanced.", "advanced",
         "no status cue on the trigger's clause", None),
        # A running tally of one campaign: the seed report's gold codes "have so far expelled IS
        # from 23 villages" as an event (E1), so "so far" alone is no aggregate cue.
        ("Government forces have so far retaken 23 villages.", "retaken",
         "no status cue on the trigger's clause", None),
        # A year on the clause is a date, not a period.
        ("Rebels shelled the base in 2016.", "shelled", "no status cue on the trigger's clause", None),
    ],
)  # fmt: skip
def test_stays_occurred(pipeline: Pipeline, text: str, trigger: str, reason: str, cue: str | None) -> None:
    assert _decide(pipeline, text, trigger) == Decision("occurred", reason, cue)


def test_clause_status_is_the_decision_status(pipeline: Pipeline) -> None:
    text = "Rebels had captured the hill in 2015 before losing it again."
    sentence = Sentence(0, len(text), text, "paragraph", 0)
    pipeline.parse([sentence])
    assert sentence.parsed is not None
    index = next(t.i for t in sentence.parsed if t.lower_ == "captured")
    assert clause_status(sentence.parsed, index, pipeline.vocabulary) == "background"


# -- the cue words are data: editing triggers.yaml changes the decision ---------------------------------


def _edited(tmp_path: Path, **changes: list[str]) -> Triggers:
    """The packaged vocabulary with some `modality` sections replaced, loaded from a copy."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    data["modality"].update(changes)
    path = tmp_path / "triggers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return triggers(path)


def test_moving_will_to_modal_aux_makes_it_hypothetical(pipeline: Pipeline, tmp_path: Path) -> None:
    vocabulary = _edited(tmp_path, future_aux=["shall"], modal_aux=["may", "might", "could", "would", "will"])
    text = "The rebels will attack the airport."
    assert _decide(pipeline, text, "attack").status == "expected"
    assert _decide(pipeline, text, "attack", vocabulary) == Decision(
        "hypothetical", "modal auxiliary", "will"
    )


def test_adding_so_far_to_aggregate_makes_a_tally(pipeline: Pipeline, tmp_path: Path) -> None:
    vocabulary = _edited(tmp_path, aggregate=["a total of", "so far"])
    text = "Government forces have so far retaken 23 villages."
    assert _decide(pipeline, text, "retaken").status == "occurred"
    assert _decide(pipeline, text, "retaken", vocabulary) == Decision("aggregate", "campaign total", "so far")


def test_emptying_past_perfect_aux_keeps_the_event(pipeline: Pipeline, tmp_path: Path) -> None:
    vocabulary = _edited(tmp_path, past_perfect_aux=[])
    text = "Rebels had captured the hill in 2015 before losing it again."
    assert _decide(pipeline, text, "captured").status == "background"
    assert _decide(pipeline, text, "captured", vocabulary).status == "occurred"


def test_a_new_denial_verb(pipeline: Pipeline, tmp_path: Path) -> None:
    vocabulary = _edited(tmp_path, denied=["deny", "dispute"])
    text = "The ministry disputed that its jets had bombed the clinic."
    assert _decide(pipeline, text, "bombed").status == "background"
    assert _decide(pipeline, text, "bombed", vocabulary) == Decision(
        "denied", "denial verb governs the trigger", "disputed"
    )
