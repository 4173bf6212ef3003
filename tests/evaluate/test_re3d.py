from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.evaluate import READERS, evaluate, re3d, report_text
from sitrep.extract.entities import EntitySpan
from sitrep.model import Document
from tests.conftest import shared_path

TEXT_A = "General Votel met Iraqi forces in Mosul with two tanks."
TEXT_B = "We struck ISIL near Raqqah."


def _span(text: str, phrase: str, type_name: str, confidence: float = 1.0) -> dict[str, object]:
    start = text.index(phrase)
    return {
        "begin": start,
        "end": start + len(phrase),
        "type": type_name,
        "value": phrase,
        "confidence": confidence,
    }


def _write_folder(folder: Path, docs: dict[str, tuple[str, list[dict[str, object]]]]) -> Path:
    folder.mkdir(parents=True)
    with (folder / "documents.json").open("w", encoding="utf-8") as out:
        for doc_id, (text, _) in docs.items():
            out.write(json.dumps({"_id": doc_id, "title": doc_id, "text": text}) + "\n")
    with (folder / "entities.json").open("w", encoding="utf-8") as out:
        for doc_id, (_, spans) in docs.items():
            for span in spans:
                out.write(
                    json.dumps({"_id": f"{doc_id}-{span['begin']}", "documentId": doc_id, **span}) + "\n"
                )
    return folder


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    _write_folder(
        tmp_path / "re3d" / "Press",
        {
            "a": (
                TEXT_A,
                [
                    _span(TEXT_A, "General Votel", "Person"),
                    _span(TEXT_A, "Iraqi forces", "Organisation"),
                    _span(TEXT_A, "Mosul", "Location"),
                    _span(TEXT_A, "two tanks", "MilitaryPlatform"),
                    _span(TEXT_A, "Iraqi", "Nationality", confidence=0.0),  # a rejected candidate
                ],
            )
        },
    )
    _write_folder(
        tmp_path / "re3d" / "Ministry",
        {"b": (TEXT_B, [_span(TEXT_B, "We", "Organisation"), _span(TEXT_B, "Raqqah", "Location")])},
    )
    return tmp_path / "re3d"


def _fake_finder(document: Document) -> list[EntitySpan]:
    """Votel exact, Iraqi forces by overlap only, tanks exact, Mosul missed, ISIL not in the gold."""
    text = document.text

    def at(phrase: str, type_name: str) -> EntitySpan:
        start = text.index(phrase)
        return EntitySpan(start, start + len(phrase), phrase, type_name)

    if text == TEXT_A:
        return [
            at("General Votel", "Person"),
            at("forces", "Organisation"),
            at("two tanks", "MilitaryPlatform"),
        ]
    return [at("We", "Organisation"), at("ISIL", "Organisation"), at("Raqqah", "Person")]


def test_load_folder_drops_rejected_candidates(gold: Path) -> None:
    docs = re3d.load_folder(gold / "Press")
    assert [(e.text, e.type) for e in docs[0].entities] == [
        ("General Votel", "Person"),
        ("Iraqi forces", "Organisation"),
        ("Mosul", "Location"),
        ("two tanks", "MilitaryPlatform"),
    ]
    assert re3d.folders(gold) == [gold / "Ministry", gold / "Press"]
    assert re3d.folders(gold / "Press") == [gold / "Press"]


def test_scores_per_type_and_micro(gold: Path) -> None:
    card = re3d.score(gold, finder=_fake_finder)
    assert card.documents == 2
    org = card.by_type["Organisation"]
    # Predicted: forces (overlaps Iraqi forces), We (exact), ISIL (wrong); gold: Iraqi forces, We.
    assert (org.predicted, org.gold, org.exact, org.overlap_predicted, org.overlap_gold) == (3, 2, 1, 2, 2)
    assert org.scores(True) == pytest.approx((2 / 3, 1.0, 0.8))
    assert org.scores(False) == pytest.approx((1 / 3, 0.5, 0.4))
    location = card.by_type["Location"]
    assert (location.predicted, location.gold, location.overlap_gold) == (0, 2, 0)
    assert card.by_type["Person"].scores(True) == pytest.approx((0.5, 1.0, 2 / 3))  # Raqqah is no person
    assert "Nationality" not in card.by_type
    micro = card.micro()
    # 6 predictions, 4 overlap a gold span of their type; 6 gold spans, 4 found; 3 exact.
    assert (micro.predicted, micro.gold, micro.overlap_predicted, micro.overlap_gold, micro.exact) == (
        6,
        6,
        4,
        4,
        3,
    )
    assert micro.scores(True)[2] == pytest.approx(4 / 6)
    assert micro.scores(False)[2] == pytest.approx(0.5)
    assert card.summary_line() == (
        "re3d: documents 2, micro-F1 overlap 0.67 (exact 0.50) over "
        "Organisation, Location, Person, Weapon, Vehicle, MilitaryPlatform"
    )
    data = card.to_json()
    assert data["micro"]["overlap"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert data["by_type"]["MilitaryPlatform"]["exact"]["f1"] == 1.0
    assert data["folders"] == ["Ministry", "Press"]


def test_evaluate_through_readers_uses_find_entities(gold: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(re3d, "find_entities", _fake_finder)
    assert READERS["re3d"] is re3d
    card = evaluate("re3d", gold, extract=lambda document: [], limit=1)
    assert card.documents == 1
    text = report_text(card)
    assert text.rstrip().splitlines()[-1] == card.summary_line()
    assert "MilitaryPlatform" in text


def test_real_find_entities_on_a_tiny_folder(gold: Path) -> None:
    card = re3d.score(gold / "Ministry")
    assert card.by_type["Organisation"].overlap_gold == 1  # "We", the speaker
    assert card.by_type["Location"].exact == 1  # "Raqqah", written after "near"


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        re3d.folders(tmp_path)


def test_shared_re3d_folders() -> None:
    root = shared_path("data", "dev", "re3d")
    card = evaluate("re3d", root, extract=lambda document: [])
    assert card.documents >= 60
    assert card.micro().scores(True)[2] > 0.6
    line = report_text(card).rstrip().splitlines()[-1]
    assert line.startswith(f"re3d: documents {card.documents}, micro-F1 overlap ")
