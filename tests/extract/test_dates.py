from datetime import date
from pathlib import Path

import pytest

from sitrep.extract.dates import DateMention, find_dates

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
# Monday 2017-05-29, the seed report's publication date.
PUBLISHED = date(2017, 5, 29)


def dates(text: str, published: date | None = PUBLISHED) -> list[tuple[str, str, int, str, bool]]:
    return [
        (d.text, d.date.isoformat(), d.time_precision, d.kind, d.reporting)
        for d in find_dates(text, published)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 23 May 2022, clashes erupted.", ("23 May 2022", "2022-05-23", 1, "absolute", False)),
        ("Clashes erupted on May 23, 2022 near Hama.", ("May 23, 2022", "2022-05-23", 1, "absolute", False)),
        (
            "Clashes erupted on the 3rd of March 2021.",
            ("the 3rd of March 2021", "2021-03-03", 1, "absolute", False),
        ),
        ("on 23/05/2022", ("23/05/2022", "2022-05-23", 1, "absolute", False)),
        ("on 05/23/2022", ("05/23/2022", "2022-05-23", 1, "absolute", False)),
        ("on 2022-05-23", ("2022-05-23", "2022-05-23", 1, "absolute", False)),
        ("Sunday, May 28, 2017", ("Sunday, May 28, 2017", "2017-05-28", 1, "absolute", False)),
        ("The town fell on May 23.", ("May 23", "2017-05-23", 1, "absolute", False)),
        # A day later in the year than publication belongs to the previous year.
        ("The town fell on May 30.", ("May 30", "2016-05-30", 1, "absolute", False)),
        ("The town fell on 12 December.", ("12 December", "2016-12-12", 1, "absolute", False)),
        ("The siege began in early May.", ("early May", "2017-05-01", 3, "absolute", False)),
        ("The siege began in late April 2017.", ("late April 2017", "2017-04-30", 3, "absolute", False)),
        ("The siege began in March 2017.", ("March 2017", "2017-03-15", 3, "absolute", False)),
        ("On Sunday, the SAA liberated the village.", ("Sunday", "2017-05-28", 1, "weekday", False)),
        (
            "Clashes on Saturday night left the town burning.",
            ("Saturday night", "2017-05-27", 1, "weekday", False),
        ),
        ("Last Friday the rebels retreated.", ("Last Friday", "2017-05-26", 1, "weekday", False)),
        # The publication's own weekday is the publication day; "last" makes it a week earlier.
        ("On Monday the town fell.", ("Monday", "2017-05-29", 1, "weekday", False)),
        ("Last Monday the town fell.", ("Last Monday", "2017-05-22", 1, "weekday", False)),
        ("Clashes erupted today.", ("today", "2017-05-29", 1, "relative", False)),
        ("Clashes erupted earlier today.", ("earlier today", "2017-05-29", 1, "relative", False)),
        ("Jets struck the town this morning.", ("this morning", "2017-05-29", 1, "relative", False)),
        ("Jets will strike tonight.", ("tonight", "2017-05-29", 1, "relative", False)),
        ("Jets struck the town yesterday.", ("yesterday", "2017-05-28", 1, "relative", False)),
        ("Jets struck the town last night.", ("last night", "2017-05-28", 1, "relative", False)),
        ("Jets struck the town two days ago.", ("two days ago", "2017-05-27", 1, "relative", False)),
        ("Jets struck the town 3 days ago.", ("3 days ago", "2017-05-26", 1, "relative", False)),
        (
            "Jets struck the town the day before yesterday.",
            ("the day before yesterday", "2017-05-27", 1, "relative", False),
        ),
        # "last week" is Monday 22 to Sunday 28 May, the week before publication: its middle is Wednesday 24.
        ("Jets struck the town last week.", ("last week", "2017-05-24", 2, "relative", False)),
        ("Jets struck the town this week.", ("this week", "2017-05-29", 2, "relative", False)),
        ("Jets struck the town in recent days.", ("in recent days", "2017-05-26", 2, "span", False)),
        (
            "Jets struck the town over the past few days.",
            ("over the past few days", "2017-05-26", 2, "span", False),
        ),
        ("Jets struck the town last month.", ("last month", "2017-04-15", 3, "relative", False)),
        ("Jets struck the town early last month.", ("early last month", "2017-04-01", 3, "relative", False)),
        (
            "Jets struck the town earlier this month.",
            ("earlier this month", "2017-05-15", 3, "relative", False),
        ),
        (
            "The town fell more than a month ago.",
            ("more than a month ago", "2017-04-15", 3, "relative", False),
        ),
        ("The town fell over a month ago.", ("over a month ago", "2017-04-15", 3, "relative", False)),
        (
            "The operation began more than a month ago.",
            ("more than a month ago", "2017-05-15", 3, "span", False),
        ),
        (
            "Jets struck the town over the past month.",
            ("over the past month", "2017-05-15", 3, "span", False),
        ),
        (
            "The town was besieged for more than a month.",
            ("for more than a month", "2017-05-15", 3, "span", False),
        ),
        ("The month-long siege ended.", ("month-long", "2017-05-15", 3, "span", False)),
        (
            "Jets struck the town in the past 2-3 weeks.",
            ("in the past 2-3 weeks", "2017-05-15", 3, "span", False),
        ),
    ],
)
def test_single_phrase(text: str, expected: tuple[str, str, int, str, bool]) -> None:
    assert dates(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According the statement issued earlier today by the Syrian MoD, the town fell.",
            ("earlier today", True),
        ),
        ("The ministry said on Sunday that the town fell.", ("Sunday", True)),
        ("In a statement on Sunday, the group claimed the attack.", ("Sunday", True)),
        ("A report published yesterday listed the dead.", ("yesterday", True)),
        ("The ministry said that on Sunday the town fell.", ("Sunday", False)),
        ("The SAA captured the railway station on Saturday.", ("Saturday", False)),
        ("The minister stated it. On Sunday the town fell.", ("Sunday", False)),
    ],
)
def test_reporting_phrases(text: str, expected: tuple[str, bool]) -> None:
    assert [(d.text, d.reporting) for d in find_dates(text, PUBLISHED)] == [expected]


@pytest.mark.parametrize(
    "text",
    ["may 5 bring peace", "The army may attack.", "The march 5 km long", "killed 5 people", "3: 40 P.M."],
)
def test_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


def test_without_a_publication_date_only_absolute_dates_with_a_year_resolve() -> None:
    text = "On Sunday, yesterday, on May 23 and last week, but also on 1 May 2020."
    assert dates(text, None) == [("1 May 2020", "2020-05-01", 1, "absolute", False)]


def test_results_are_ordered_by_position_with_offsets() -> None:
    text = "Yesterday jets struck; on Sunday, 28 May 2017, troops advanced; last week they rested."
    found = find_dates(text, PUBLISHED)
    assert [d.text for d in found] == ["Yesterday", "Sunday, 28 May 2017", "last week"]
    assert all(text[d.start : d.end] == d.text for d in found)
    assert [d.start for d in found] == sorted(d.start for d in found)


def test_seed_report_dates() -> None:
    seed = SHARED / "data" / "seed" / "maskanah_2017.txt"
    if not seed.exists():
        pytest.skip(f"seed report not found at {seed} (../shared is absent)")
    text = seed.read_text(encoding="utf-8")
    found = find_dates(text, PUBLISHED)
    assert all(isinstance(d, DateMention) for d in found)
    assert [(d.text, d.date.isoformat(), d.time_precision, d.kind, d.reporting) for d in found] == [
        ("earlier today", "2017-05-29", 1, "relative", True),
        ("more than a month ago", "2017-05-15", 3, "span", False),
        ("Sunday", "2017-05-28", 1, "weekday", False),
        ("Saturday", "2017-05-27", 1, "weekday", False),
    ]
