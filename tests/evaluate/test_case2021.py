"""The CASE-2021 reader: a TSV written here, a fake extractor, accuracy and F1 worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate import evaluate, report_text
from sitrep.evaluate.acled import sub_event_classes
from sitrep.evaluate.case2021 import load_codes
from sitrep.evaluate.confusion import NO_EVENT
from sitrep.model import Document, Event

AIR, SHELL = "Air/drone strike", "Shelling/artillery/missile attack"
SNIPPETS = [
    ("s1", "Jets bombed the market.", "AIR_STRIKE"),
    ("s2", "Aircraft hit the town.", "AIR_STRIKE"),
    ("s3", "Artillery shelled the village.", "ART_MISS_ATTACK"),
    ("s4", "Fighting broke out at dawn.", "ARMED_CLASH"),
    ("s5", "The ministers met in Geneva.", "DIPLO"),
    ("s6", 'Crowds chanted "freedom" in the square.', "PEACE_PROTEST"),
]
PREDICTED = {
    "Jets bombed the market.": AIR,
    "Aircraft hit the town.": SHELL,
    "Artillery shelled the village.": SHELL,
    'Crowds chanted "freedom" in the square.': "Peaceful protest",
}


def fake_extract(document: Document) -> list[Event]:
    sub = PREDICTED.get(document.text)
    return [Event(sub_event_type=sub)] if sub else [Event(status="planned", sub_event_type="Armed clash")]


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "case.tsv"
    lines = ["id\tEventSnippet\tSubType"] + ["\t".join(row) for row in SNIPPETS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_codes_cover_acled_exactly() -> None:
    codes = load_codes()
    mapped = {v for v in codes.values() if v}
    assert mapped == set(sub_event_classes()) and len(mapped) == 25
    assert codes["REM_EXPLOS"] == "Remote explosive/landmine/IED"
    assert codes["ORG_CRIME"] is None and codes["DIPLO"] is None


def test_accuracy_and_f1(tmp_path: Path) -> None:
    card = evaluate("case2021", _write(tmp_path), fake_extract)
    assert [s.id for s in card.snippets] == ["s1", "s2", "s3", "s4", "s6"]
    assert dict(card.excluded) == {"DIPLO": 1}
    m = card.matrix
    assert m.cell(AIR, AIR) == 1 and m.cell(AIR, SHELL) == 1 and m.cell(SHELL, SHELL) == 1
    assert m.cell("Armed clash", NO_EVENT) == 1 and m.cell("Peaceful protest", "Peaceful protest") == 1
    assert m.accuracy == pytest.approx(3 / 5)
    per_class = {s.label: s for s in m.per_class()}
    assert set(per_class) == {AIR, SHELL, "Armed clash", "Peaceful protest"}
    assert per_class[AIR].precision == 1.0 and per_class[AIR].recall == 0.5
    assert per_class[SHELL].precision == 0.5 and per_class[SHELL].f1 == pytest.approx(2 / 3)
    assert m.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 0 + 1) / 4)
    assert m.weighted_f1 == pytest.approx((2 * 2 / 3 + 2 / 3 + 0 + 1) / 5)
    assert card.reported == 4


def test_limit_counts_scored_snippets_and_summary(tmp_path: Path) -> None:
    card = evaluate("case2021", _write(tmp_path), fake_extract, limit=2, plot=None)
    assert len(card.snippets) == 2 and card.matrix.accuracy == 0.5
    line = card.summary_line()
    assert line.startswith("case2021: snippets 2, excluded 0, reported 2 (100%), accuracy 0.500")
    assert "weighted F1" in line and "macro F1" in line
    assert card.to_json()["totals"]["accuracy"] == 0.5
    assert report_text(card).rstrip().splitlines()[-1] == line


def test_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    card = evaluate("case2021", _write(tmp_path), fake_extract, plot=tmp_path / "case.png")
    assert (tmp_path / "case.png").read_bytes().startswith(b"\x89PNG")
    assert card.to_json()["plot"] == str(tmp_path / "case.png")


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("event_id_cnty,notes\nX1,Some notes.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no column eventsnippet, subtype"):
        evaluate("case2021", path, fake_extract)
