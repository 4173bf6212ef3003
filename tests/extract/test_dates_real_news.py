"""find_dates on the untidy wording of real reports: clock times, impossible days, onsets, near-future days."""

import random
from datetime import date

import pytest

from sitrep.extract.dates import find_dates

# Monday 2020-11-09.
PUBLISHED = date(2020, 11, 9)


def dates(text: str, published: date | None = PUBLISHED) -> list[tuple[str, str, int, bool]]:
    return [(d.text, d.date.isoformat(), d.time_precision, d.onset) for d in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling resumed at 12:00 June 17 near the bridge.", [("June 17", "2020-06-17", 1, False)]),
        ("Drones hit the depot at 05:30 on 3 March.", [("3 March", "2020-03-03", 1, False)]),
        ("A convoy was ambushed at 21:15 14 August 2019.", [("14 August 2019", "2019-08-14", 1, False)]),
        ("The raid ended at 10.45 on October 2, 2020.", [("October 2, 2020", "2020-10-02", 1, False)]),
        ("Sirens sounded at 12:00 GMT.", []),
        ("The curfew starts at 14.30 local time.", []),
        ("Talks ran from 09:00 to 18:30 without result.", []),
    ],
)
def test_clock_minutes_are_not_days(text: str, expected: list[tuple[str, str, int, bool]]) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The post fell on 31 June.",
        "Fighting stopped on February 30.",
        "Troops left on 0 May.",
        "The file is dated 0000-05-01.",
        "The file is dated 2020-13-40.",
        "The file is dated 31/02/2019.",
        "Jets struck 99999999 days ago.",
    ],
)
def test_impossible_days_are_skipped(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


def test_a_leap_day_without_a_year_goes_to_the_last_year_that_had_one() -> None:
    assert dates("The accord signed on 29 February still holds.", date(2021, 3, 1)) == [
        ("29 February", "2020-02-29", 1, False)
    ]


def test_nothing_raises_near_the_ends_of_the_calendar() -> None:
    assert find_dates("Jets struck yesterday and three months ago.", date(1, 1, 1)) == []
    assert [d.text for d in find_dates("A truce starting on January 3 holds.", date(9999, 12, 30))] == []


_PIECES = [
    "0", "00", "29", "30", "31", "32", "99", "0000", "2014", "1999", "12:00", "14.30", "05:30:59",
    "31/02/2020", "2020-02-30", "9999-12-31", "June", "February", "Sept.", "may", "March",
    "since", "began", "on", "the", "of", "at", "GMT", "local time", "days ago", "months ago",
    "weeks ago", "last", "Sunday", "yesterday", "999999999", "٣١", "١٢", "²", "१५", "𝟑", "Ⅻ",
    "—", ",", ".", ":", "/", "-", " ", "\n", "é", "starting", "will", "more than a month ago",
]  # fmt: skip


def test_no_generated_string_makes_it_raise() -> None:
    rng = random.Random(20201109)
    published = [None, PUBLISHED, date(2020, 2, 29), date(2020, 12, 31), date(1, 1, 1), date(9999, 12, 31)]
    for _ in range(5000):
        text = " ".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 8)))
        for mention in find_dates(text, rng.choice(published)):
            assert text[mention.start : mention.end] == mention.text
            assert mention.time_precision in (1, 2, 3)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A day announced a few days ahead of the report is in the report's year.
        ("A ceasefire deal starting on November 10 was signed.", PUBLISHED, ("2020-11-10", 1)),
        ("Negotiators will meet again on 20 November.", PUBLISHED, ("2020-11-20", 1)),
        ("Voting is scheduled for January 3.", date(2020, 12, 28), ("2021-01-03", 1)),
        # Further ahead than two weeks it is last year's, as is a day ahead with no forward wording.
        ("Negotiators will meet again on 30 November.", PUBLISHED, ("2019-11-30", 1)),
        ("The town fell on November 10.", PUBLISHED, ("2019-11-10", 1)),
        ("The town fell on 2 November.", PUBLISHED, ("2020-11-02", 1)),
    ],
)
def test_year_of_a_day_without_one(text: str, published: date, expected: tuple[str, int]) -> None:
    assert [(d.date.isoformat(), d.time_precision) for d in find_dates(text, published)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jets struck the villages targeted by operations that started on September 27.",
            [("September 27", "2020-09-27", 1, True)],
        ),
        ("The offensive began on 17 January and is still going.", [("17 January", "2020-01-17", 1, True)]),
        ("The army launched an offensive on 5 March.", [("5 March", "2020-03-05", 1, True)]),
        ("Talks commenced on 4 October in Geneva.", [("4 October", "2020-10-04", 1, True)]),
        ("No aid has arrived since 17 January.", [("17 January", "2020-01-17", 1, True)]),
        ("The town, held by IS since 2014, was shelled.", [("2014", "2014-07-01", 3, True)]),
        ("The war that started in 2011 goes on.", [("2011", "2011-07-01", 3, True)]),
        ("The siege began in early October.", [("early October", "2020-10-01", 3, True)]),
        ("The militia shelled the town on 3 November.", [("3 November", "2020-11-03", 1, False)]),
        (
            "The offensive began last month and on Sunday jets struck the town.",
            [("last month", "2020-10-15", 3, True), ("Sunday", "2020-11-08", 1, False)],
        ),
        # A span already stands for the whole campaign up to publication: it is not an onset.
        ("The operation began more than a month ago.", [("more than a month ago", "2020-10-15", 3, False)]),
    ],
)
def test_onset_dates(text: str, expected: list[tuple[str, str, int, bool]]) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    ["The town fell in 2014.", "Rebels launched 2000 rockets.", "Troops have held it since 2031.", "2014"],
)
def test_a_bare_year_is_only_an_onset(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


def test_a_bare_year_onset_without_a_publication_date() -> None:
    assert dates("Under siege since 2016.", None) == [("2016", "2016-07-01", 3, True)]
