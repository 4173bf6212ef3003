"""Segmenting a report into headlines, datelines and paragraphs, and truecasing headlines."""

from __future__ import annotations

from sitrep.nlp.segment import is_headline, segments, truecase

REPORT = (
    "REBELS SEIZE HILLTOP OUTSIDE HAMA\n"
    "HAMA, SYRIA (AFP) - Opposition fighters seized a hill on Friday. The army pulled back.\n"
    "\n"
    "   Residents said the roads stayed closed.  \n"
)


def test_segments_kinds_in_order() -> None:
    kinds = [s.kind for s in segments(REPORT)]
    assert kinds == ["headline", "dateline", "paragraph", "paragraph"]


def test_segment_offsets_index_the_original_text() -> None:
    for segment in segments(REPORT):
        assert REPORT[segment.start : segment.end] == segment.text


def test_dateline_is_cut_from_its_paragraph() -> None:
    dateline, paragraph = segments(REPORT)[1:3]
    assert dateline.text == "HAMA, SYRIA (AFP) - "
    assert paragraph.text.startswith("Opposition fighters seized")
    assert paragraph.start == dateline.end


def test_surrounding_whitespace_is_trimmed() -> None:
    last = segments(REPORT)[-1]
    assert last.text == "Residents said the roads stayed closed."


def test_empty_text_has_no_segments() -> None:
    assert segments("") == []
    assert segments("\n\n   \n") == []


def test_is_headline() -> None:
    assert is_headline("TURKISH TROOPS ENTER AFRIN DISTRICT")
    assert is_headline("Kurdish fighters hold the line in Manbij")
    assert not is_headline("Kurdish fighters held the line in Manbij on Tuesday.")
    assert not is_headline("He said the convoy had left,")
    assert not is_headline("--- 12 ---")


def test_truecase_lowers_known_words_and_capitalises_names() -> None:
    assert truecase("ARMY SHELLS REBEL POSITIONS NEAR IDLIB", {"shells", "near", "positions"}) == (
        "Army shells Rebel positions near Idlib"
    )


def test_truecase_capitalises_a_known_first_word() -> None:
    assert truecase("NEAR DARAA, CLASHES ERUPT", {"near", "erupt"}) == "Near Daraa, Clashes erupt"


def test_wire_text_wrapped_lines_are_one_paragraph_and_never_headlines() -> None:
    text = "THE ARMY\nDENIED TODAY THAT GUERRILLAS ATTACKED THE\nFARM.\n\n   A REPORT SAYS THE\nFARM BURNED."
    found = segments(text)
    assert [s.kind for s in found] == ["paragraph", "paragraph"]
    assert found[0].text == "THE ARMY\nDENIED TODAY THAT GUERRILLAS ATTACKED THE\nFARM."
    assert all(text[s.start : s.end] == s.text for s in found)


def test_truecase_keeps_length_and_capitalises_names_only() -> None:
    lexicon = {
        "the",
        "army",
        "deny",
        "today",
        "that",
        "guerrilla",
        "attack",
        "farm",
        "of",
        "president",
        "guatemala",
    }
    line = "THE GUATEMALA ARMY DENIED TODAY THAT FMLN GUERRILLAS ATTACKED THE FARM OF PRESIDENT CEREZO."
    cased = truecase(line, lexicon, {"guatemala"})
    assert len(cased) == len(line)
    assert (
        cased == "The Guatemala army denied today that FMLN guerrillas attacked the farm of president Cerezo."
    )
