"""Statement status from a real parse, restatements, and who a sentence is attributed to."""

from __future__ import annotations

import pytest

from sitrep.extract.actors import load_actors
from sitrep.extract.attribution import claimant, clause_status, is_restatement
from sitrep.extract.pipeline import shared_pipeline
from sitrep.nlp.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return shared_pipeline()


def _status(pipeline: Pipeline, text: str, trigger: str) -> str:
    doc = pipeline.model(text)
    index = next(t.i for t in doc if t.lower_ == trigger)
    return clause_status(doc, index, pipeline.vocabulary)


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        ("Kurdish fighters captured the grain silos on Saturday.", "captured", "occurred"),
        ("Turkish forces are preparing to attack the town of Tal Rifaat.", "attack", "planned"),
        ("Government troops are expected to capture the crossing soon.", "capture", "expected"),
        ("It is expected that the militants will withdraw from the ridge.", "withdraw", "expected"),
        ("If the rebels capture the bridge, they may shell the highway.", "capture", "hypothetical"),
        ("The ministry denied that its jets had bombed the clinic.", "bombed", "denied"),
        ("The gunmen did not attack the convoy.", "attack", "denied"),
        ("The group claimed to have captured two checkpoints.", "captured", "claimed"),
    ],
)
def test_clause_status(pipeline: Pipeline, text: str, trigger: str, status: str) -> None:
    assert _status(pipeline, text, trigger) == status


def test_restatement_by_capturing(pipeline: Pipeline) -> None:
    doc = pipeline.model("By capturing the ridge, the troops cut the supply road.")
    index = next(t.i for t in doc if t.lower_ == "capturing")
    assert is_restatement(doc, index) is True


def test_after_capturing_is_not_a_restatement(pipeline: Pipeline) -> None:
    doc = pipeline.model("The troops advanced further after capturing the ridge.")
    index = next(t.i for t in doc if t.lower_ == "capturing")
    assert is_restatement(doc, index) is False


def test_claimant_named_agency() -> None:
    text = "Amaq News Agency reported that militants destroyed an armoured bulldozer."
    assert claimant(text, load_actors().find(text, "SY")) == ("Amaq News Agency", 0.9)


def test_claimant_before_a_claim_verb() -> None:
    text = "The Syrian army claimed it killed dozens of militants near Sukhnah."
    assert claimant(text, load_actors().find(text, "SY")) == ("Military Forces of Syria (2000-)", 0.9)


def test_no_reporting_verb_means_no_claimant() -> None:
    text = "Rebels shelled the town of Mhardeh."
    assert claimant(text, load_actors().find(text, "SY")) == (None, 0.9)


def test_hedged_wording_lowers_certainty() -> None:
    text = "Rebels reportedly shelled the town of Mhardeh."
    assert claimant(text, load_actors().find(text, "SY"))[1] == 0.5


def test_group_that_said_it_is_the_claimant() -> None:
    text = "The Islamic State said its fighters destroyed a tank west of Tadmur."
    assert claimant(text, load_actors().find(text, "SY"))[0] == "Islamic State (Syria)"
