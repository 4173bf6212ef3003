"""The two-stage language pipeline on the real spaCy model."""

from __future__ import annotations

import pytest

from sitrep.extract.pipeline import shared_pipeline
from sitrep.model import Document
from sitrep.nlp.pipeline import MODEL, Pipeline, Sentence

TEXT = (
    "ARMY RECAPTURES VILLAGE NEAR PALMYRA\n"
    "PALMYRA, SYRIA (SANA) - Syrian troops recaptured the village of Arak on Monday. "
    "The weather was cold.\n"
    "Russian warplanes carried out an air strike on the town of Sukhnah."
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return shared_pipeline()


@pytest.fixture(scope="module")
def sentences(pipeline: Pipeline) -> list[Sentence]:
    return pipeline.analyse(Document(text=TEXT))


def test_shared_pipeline_is_loaded_once(pipeline: Pipeline) -> None:
    assert shared_pipeline() is pipeline
    assert shared_pipeline(MODEL) is pipeline


def test_dateline_is_dropped_and_offsets_index_the_document(sentences: list[Sentence]) -> None:
    assert [s.kind for s in sentences] == ["headline", "paragraph", "paragraph", "paragraph"]
    for sentence in sentences:
        assert TEXT[sentence.start : sentence.end] == sentence.text
    assert not any("(SANA)" in s.text for s in sentences)
    assert sentences[1].text == "Syrian troops recaptured the village of Arak on Monday."


def test_only_trigger_sentences_are_parsed(sentences: list[Sentence]) -> None:
    parsed = {s.text: s.parsed is not None for s in sentences}
    assert parsed["The weather was cold."] is False
    assert parsed["Syrian troops recaptured the village of Arak on Monday."] is True
    assert parsed["Russian warplanes carried out an air strike on the town of Sukhnah."] is True


def test_candidates_keeps_trigger_sentences(pipeline: Pipeline) -> None:
    split = pipeline.split(Document(text="The market was busy. Gunmen attacked a checkpoint."))
    assert [s.text for s in pipeline.candidates(split)] == ["Gunmen attacked a checkpoint."]


def test_longest_trigger_wins(sentences: list[Sentence]) -> None:
    strike = sentences[-1]
    texts = [h.text for h in strike.triggers]
    assert "air strike" in texts
    assert "strike" not in texts
    hit = next(h for h in strike.triggers if h.text == "air strike")
    assert hit.family == "air"
    assert strike.text[hit.start : hit.end] == "air strike"
    assert strike.parsed is not None
    assert strike.parsed[hit.token].text == "air"


def test_headline_is_truecased_before_parsing(sentences: list[Sentence]) -> None:
    headline = sentences[0]
    assert headline.text == "ARMY RECAPTURES VILLAGE NEAR PALMYRA"
    assert headline.parsed is not None
    assert headline.parsed.text != headline.text
    assert headline.parsed.text.lower() == headline.text.lower()
    assert [h.family for h in headline.triggers] == ["territory"]


def test_entity_ruler_marks_actor_aliases(pipeline: Pipeline) -> None:
    doc = pipeline.model("Hayat Tahrir al-Sham fighters attacked the Tiger Forces near Hama.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels.get("Tiger Forces") == "ORG"
