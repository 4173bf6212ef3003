from pathlib import Path

import pytest

from sitrep.extract.quantities import CasualtyFigure, Number, find_casualties, parse_number

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.mark.parametrize(
    ("phrase", "value", "qualifier"),
    [
        ("5", 5, None),
        ("2,000", 2000, None),
        ("more than 2000", 2000, "more than"),
        ("over 300", 300, "more than"),
        ("at least 12", 12, "at least"),
        ("about 40", 40, "about"),
        ("around forty", 40, "about"),
        ("up to 3 thousand", 3000, "up to"),
        ("nearly a hundred", 100, "nearly"),
        ("less than ten", 10, "less than"),
        ("eleven", 11, None),
        ("twenty-five", 25, None),
        ("one hundred and twenty", 120, None),
        ("two thousand five hundred", 2500, None),
        ("a dozen", 12, None),
        ("a few", 3, None),
        ("several", 3, None),
        ("many", 3, None),
        ("tens of", 10, None),
        ("dozens", 12, None),
        ("scores of", 12, None),
        ("hundreds of", 100, None),
        ("thousands", 1000, None),
        ("a", 1, None),
        ("an", 1, None),
        ("10-15", 10, "at least"),
        ("between 3 and 5", 3, "at least"),
    ],
)
def test_parse_number(phrase: str, value: int, qualifier: str | None) -> None:
    assert parse_number(phrase) == Number(value, qualifier)


@pytest.mark.parametrize("phrase", ["", "villages", "1-2 km", "the"])
def test_parse_number_rejects_non_numbers(phrase: str) -> None:
    assert parse_number(phrase) is None


def figures(text: str) -> list[tuple[str, int, str | None, str | None, str]]:
    return [(f.kind, f.value, f.qualifier, f.who, text[f.start : f.end]) for f in find_casualties(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Airstrikes killed 5 civilians in Idlib.",
            [("killed", 5, None, "civilians", "5 civilians")],
        ),
        (
            "5 civilians were killed in the shelling.",
            [("killed", 5, None, "civilians", "5 civilians")],
        ),
        (
            "The operation has killed and injured more than 2000 jihadists.",
            [("killed_or_injured", 2000, "more than", "jihadists", "more than 2000 jihadists")],
        ),
        (
            "The statement listed the names of 11 field commanders who were killed in the process.",
            [("killed", 11, None, "field commanders", "11 field commanders")],
        ),
        (
            "The blast left 3 dead and 10 wounded.",
            [("killed", 3, None, None, "3 dead"), ("injured", 10, None, None, "10 wounded")],
        ),
        (
            "The clashes caused dozens of casualties.",
            [("killed_or_injured", 12, None, None, "dozens of casualties")],
        ),
        (
            "Rebels captured 4 soldiers and took 6 fighters prisoner.",
            [
                ("captured", 4, None, "soldiers", "4 soldiers"),
                ("captured", 6, None, "fighters", "6 fighters"),
            ],
        ),
        (
            "The raid killed at least twelve Syrian soldiers.",
            [("killed", 12, "at least", "Syrian soldiers", "at least twelve Syrian soldiers")],
        ),
        (
            "A soldier was killed and two others were wounded.",
            [("killed", 1, None, "soldier", "A soldier"), ("injured", 2, None, "others", "two others")],
        ),
        (
            "Shelling killed 5 soldiers and 3 civilians.",
            [("killed", 5, None, "soldiers", "5 soldiers"), ("killed", 3, None, "civilians", "3 civilians")],
        ),
        (
            "The bomb went off, killing 4 and wounding 9.",
            [("killed", 4, None, None, "4"), ("injured", 9, None, None, "9")],
        ),
        (
            "Several civilians died when the shell hit the market.",
            [("killed", 3, None, "civilians", "Several civilians")],
        ),
        (
            "Hundreds of fighters were wounded.",
            [("injured", 100, None, "fighters", "Hundreds of fighters")],
        ),
        (
            "Police arrested three police officers.",
            [("captured", 3, None, "police officers", "three police officers")],
        ),
        (
            "There were at least 12 civilian casualties.",
            [("killed_or_injured", 12, "at least", "civilian", "at least 12 civilian casualties")],
        ),
        ("The death toll included 7 deaths among residents.", [("killed", 7, None, None, "7 deaths")]),
        ("ISIS lost 20 fighters in the battle.", [("killed", 20, None, "fighters", "20 fighters")]),
        ("An attack on 3 checkpoints killed 2.", [("killed", 2, None, None, "2")]),
    ],
)
def test_find_casualties(text: str, expected: list[tuple[str, int, str | None, str | None, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The army expelled IS from 23 villages.",
        "They destroyed 115 technical vehicles and 7 tanks.",
        "The SAA forces deployed in 1-2 km from Maskana town.",
        "The army captured 23 villages and 3 hills.",
        "Fighting resumed on 5 May.",
    ],
)
def test_numbers_not_about_people_are_not_casualties(text: str) -> None:
    assert find_casualties(text) == []


def test_seed_report_casualty_claims() -> None:
    seed = SHARED / "data" / "seed" / "maskanah_2017.txt"
    if not seed.exists():
        pytest.skip(f"seed report not found at {seed} (../shared is absent)")
    text = seed.read_text(encoding="utf-8")
    found = find_casualties(text)
    assert [(f.kind, f.value, f.qualifier, f.who) for f in found] == [
        ("killed_or_injured", 2000, "more than", "jihadists"),
        ("killed", 11, None, "field commanders"),
    ]
    assert all(isinstance(f, CasualtyFigure) for f in found)
    assert text[found[0].start : found[0].end] == "more than 2000 jihadists"
