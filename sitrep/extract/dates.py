"""Date phrases in a report, resolved against its publication date with ACLED's time_precision.

Absolute dates ("23 May 2022", "May 23", "23/05/2022") anywhere in the text; weekdays ("On Sunday",
"last Friday"); relative phrases ("earlier today", "yesterday", "three days ago", "last week");
month-like spans ("last month", "over the past month", "began more than a month ago"); a bare year
after "since" or "in" when it dates an onset ("under IS control since 2014"). A phrase that needs the
publication date is skipped when there is none, and one that cannot be a real day ("31 June", the
minutes of "12:00 June 17") is skipped too: an unknown date is not guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from sitrep.extract.quantities import NUMBER_PATTERN, parse_number


@dataclass
class DateMention:
    """A date phrase: its span, the day it stands for and ACLED's time_precision (1 day, 2 week, 3 month).

    kind is "absolute", "weekday", "relative" or "span"; reporting is True when the phrase dates a
    statement or report rather than an event ("the statement issued earlier today"); onset is True when
    it dates the start of a campaign or of an earlier state ("the offensive began on 17 January", "under
    IS control since 2014"), so it must not date events reported later. A span ("began more than a month
    ago") is never an onset: it already stands for the whole time up to publication.
    """

    start: int
    end: int
    text: str
    date: dt.date
    time_precision: int
    kind: str
    reporting: bool = False
    onset: bool = False


_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(_WEEKDAYS) + r")"
# Not after a digit, ":" or ".": the minutes of a clock time ("12:00 June 17", "14.30") are no day.
_DAY = r"(?<![\d:.])(?P<day>[0-3]?\d)(?![:.]\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))"
_FLAGS = re.IGNORECASE

# Words before a date phrase that make it date a report rather than an event.
_REPORTING = re.compile(
    r"issued|released|published|said|says|stated|announced|announces|told|tells|statements?|"
    r"reports?|announcement|communiqu[eé]|bulletin|briefing|tweeted",
    re.IGNORECASE,
)
_REPORTING_WINDOW = 3

# Words before a date phrase that make it an onset: the start of a campaign or of an earlier state
# ("operations that started on 27 September", "under IS control since 2014"), not the event reported.
_ONSET_CUES = (
    "begin", "begins", "began", "begun", "beginning",
    "start", "starts", "started", "starting",
    "launch", "launches", "launched", "launching",
    "commence", "commences", "commenced", "commencing",
    "kicked off", "since",
)  # fmt: skip
_ONSET = re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in _ONSET_CUES) + r")\b", _FLAGS)
_ONSET_WINDOW = 4  # words: "the offensive began on 17 January", "launched an offensive on 5 March"

# Words before a month-day without a year that show it lies ahead of the report ("a truce starting on
# 10 November", "talks will resume on June 3"): such a day may fall up to _AHEAD_DAYS after publication.
_AHEAD_CUES = re.compile(
    r"will|shall|would|begin|begins|beginning|start|starts|starting|from|until|till|due|scheduled|planned|"
    r"expected|slated|next|upcoming|effective|effect|force|deadline|ahead|postponed|expires",
    _FLAGS,
)
_AHEAD_WINDOW = 5
# Two weeks: far enough for an announced truce, vote or deadline; a day further after publication is
# last year's ("the town fell on 12 December" in a May report).
_AHEAD_DAYS = 14

# Where one clause ends: what comes before it does not govern a date phrase after it.
_CLAUSE_BREAK = re.compile(r"[.;:!?,()\n—–]|\b(?:that|and|but|while)\b", _FLAGS)


def _words_before(text: str, start: int, count: int) -> list[str]:
    """The last few words before start, within the same clause."""
    before = _CLAUSE_BREAK.split(text[max(0, start - 80) : start])[-1]
    return re.findall(r"[A-Za-zé]+", before)[-count:]


def _is_onset(text: str, start: int) -> bool:
    """True when a verb of beginning or "since" comes a few words before the phrase, in the same clause."""
    return bool(_ONSET.search(" ".join(_words_before(text, start, _ONSET_WINDOW))))


def _looks_ahead(text: str, start: int) -> bool:
    return any(_AHEAD_CUES.fullmatch(word) for word in _words_before(text, start, _AHEAD_WINDOW))


def _month_of(token: str) -> int | None:
    # Month names must be capitalised: "may" and "march" in lower case are a verb and a noun.
    if token.islower():
        return None
    return _MONTHS.get(token.lower().rstrip("."))


def _infer_year(month: int, day: int, published: dt.date | None, ahead_days: int = 0) -> int | None:
    """The latest year that puts month/day at most ahead_days after publication.

    None without a publication date, or when month/day is no real day in the years around it.
    """
    if published is None:
        return None
    latest = published + dt.timedelta(days=ahead_days)
    for year in (published.year + 1, published.year, published.year - 1):
        value = _make(year, month, day)
        if value is not None and value <= latest:
            return year
    return None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_point(year: int, month: int, part: str | None) -> dt.date:
    """ACLED's day for a month: the 1st for "early", the last day for "late", mid-month otherwise."""
    if part and part.lower().startswith(("early", "beginning", "start")):
        return dt.date(year, month, 1)
    if part and part.lower().startswith(("late", "end")):
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, 15)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass
class _Found:
    start: int
    end: int
    date: dt.date
    precision: int
    kind: str


Resolver = Callable[[re.Match[str], dt.date | None], _Found | None]


def _dmy(m: re.Match[str], published: dt.date | None) -> _Found | None:
    month = _month_of(m.group("month"))
    if month is None:
        return None
    day = int(m.group("day"))
    if m.group("year"):
        year: int | None = int(m.group("year"))
    else:
        ahead = _AHEAD_DAYS if _looks_ahead(m.string, m.start()) else 0
        year = _infer_year(month, day, published, ahead)
    value = _make(year, month, day) if year else None
    return _Found(m.start(), m.end(), value, 1, "absolute") if value else None


def _numeric(m: re.Match[str], published: dt.date | None) -> _Found | None:
    if m.group("iso"):
        value = _make(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    else:
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        # Only when day and month cannot be swapped: one part above 12, or both the same.
        if a > 12 >= b:
            value = _make(year, b, a)
        elif b > 12 >= a:
            value = _make(year, a, b)
        elif a == b:
            value = _make(year, a, a)
        else:
            value = None
    return _Found(m.start(), m.end(), value, 1, "absolute") if value else None


def _month_year(m: re.Match[str], published: dt.date | None) -> _Found | None:
    month = _month_of(m.group("month"))
    if month is None:
        return None
    year = int(m.group("year")) if m.groupdict().get("year") else None
    if year is None:
        if published is None:
            return None
        year = published.year if month <= published.month else published.year - 1
    start = m.start("part") if m.group("part") else m.start("month")
    return _Found(start, m.end(), _month_point(year, month, m.group("part")), 3, "absolute")


def _onset_year(m: re.Match[str], published: dt.date | None) -> _Found | None:
    # ACLED's time_precision stops at a month (3), so a bare year cannot date an event honestly: it is
    # kept only as an onset ("since 2014"), at mid-year with precision 3.
    year = int(m.group("year"))
    if not _is_onset(m.string, m.start()) or (published is not None and year > published.year):
        return None
    return _Found(m.start(), m.end(), dt.date(year, 7, 1), 3, "absolute")


def _weekday(m: re.Match[str], published: dt.date | None) -> _Found | None:
    if published is None:
        return None
    target = _WEEKDAYS[m.group("wd").lower()]
    back = (published.weekday() - target) % 7
    if m.group("last") and m.group("last").lower() == "last" and back == 0:
        back = 7
    start = m.start("last") if m.group("last") else m.start("wd")
    return _Found(start, m.end(), published - dt.timedelta(days=back), 1, "weekday")


def _week_middle(monday: dt.date) -> dt.date:
    return monday + dt.timedelta(days=2)


def _capped(value: dt.date, published: dt.date) -> dt.date:
    return min(value, published)


def _relative(offset_days: int) -> Resolver:
    def resolve(m: re.Match[str], published: dt.date | None) -> _Found | None:
        if published is None:
            return None
        return _Found(m.start(), m.end(), published - dt.timedelta(days=offset_days), 1, "relative")

    return resolve


_STARTED = re.compile(_ONSET.pattern + r"\s+$", _FLAGS)


def _units_ago(m: re.Match[str], published: dt.date | None) -> _Found | None:
    if published is None:
        return None
    number = parse_number(m.group("n"))
    if number is None:
        return None
    unit = m.group("unit").lower()
    days = number.value * {"d": 1, "w": 7, "m": 30}[unit[0]]
    if _STARTED.search(m.string[max(0, m.start() - 30) : m.start()]):
        # "began more than a month ago" for something still going: the span up to publication.
        if days <= 10:
            return _Found(m.start(), m.end(), published - dt.timedelta(days=days // 2), 2, "span")
        return _month_span(m, published)
    vague = number.qualifier is not None or m.group("n").lower().strip() in ("a few", "several", "few")
    if unit.startswith("day"):
        value, precision = published - dt.timedelta(days=number.value), 2 if vague else 1
    elif unit.startswith("week"):
        value, precision = published - dt.timedelta(weeks=number.value), 2
    else:
        shifted = _add_months(published, -number.value)
        value, precision = _month_point(shifted.year, shifted.month, None), 3
    return _Found(m.start(), m.end(), _capped(value, published), precision, "relative")


def _last_week(m: re.Match[str], published: dt.date | None) -> _Found | None:
    if published is None:
        return None
    monday = published - dt.timedelta(days=published.weekday() + 7)
    return _Found(m.start(), m.end(), _week_middle(monday), 2, "relative")


def _this_week(m: re.Match[str], published: dt.date | None) -> _Found | None:
    if published is None:
        return None
    monday = published - dt.timedelta(days=published.weekday())
    return _Found(m.start(), m.end(), monday + (published - monday) / 2, 2, "relative")


def _past_days(m: re.Match[str], published: dt.date | None) -> _Found | None:
    # A week-like span ending at publication: its middle is three days back.
    if published is None:
        return None
    return _Found(m.start(), m.end(), published - dt.timedelta(days=3), 2, "span")


def _month_rel(months_back: int) -> Resolver:
    def resolve(m: re.Match[str], published: dt.date | None) -> _Found | None:
        if published is None:
            return None
        shifted = _add_months(published, -months_back)
        value = _month_point(shifted.year, shifted.month, m.groupdict().get("part"))
        return _Found(m.start(), m.end(), _capped(value, published), 3, "relative")

    return resolve


def _month_span(m: re.Match[str], published: dt.date | None) -> _Found | None:
    # A month-like span ending at publication: ACLED's mid-month of the month holding its middle.
    if published is None:
        return None
    middle = published - dt.timedelta(days=15)
    return _Found(m.start(), m.end(), _capped(dt.date(middle.year, middle.month, 15), published), 3, "span")


_NUM = rf"(?P<n>{NUMBER_PATTERN})"
_PART = r"(?:(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)"

# Each rule: a pattern and how to resolve it. Longer matches win where rules overlap.
_RULES: list[tuple[re.Pattern[str], Resolver]] = [
    (
        re.compile(
            rf"(?<!\w)(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?\b", _FLAGS
        ),
        _dmy,
    ),
    (
        re.compile(rf"(?<!\w)(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?!\d)(?:,?\s+{_YEAR})?\b(?!:)", _FLAGS),
        _dmy,
    ),
    (
        re.compile(
            r"(?<![\w/.-])(?:(?P<iso>(?P<iy>\d{4})-(?P<im>\d\d)-(?P<id>\d\d))|"
            r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}))(?![\w/-])",
            _FLAGS,
        ),
        _numeric,
    ),
    (re.compile(rf"(?<!\w){_PART}?{_MONTH}(?:,?\s+{_YEAR})\b", _FLAGS), _month_year),
    (re.compile(rf"(?<!\w)(?:{_PART}|(?<=\bin\s)|(?<=\bduring\s)){_MONTH}\b(?!\s+\d)", _FLAGS), _month_year),
    (re.compile(rf"(?:(?<=\bsince\s)|(?<=\bin\s)){_YEAR}(?![\w/-]|[.,]\d)", _FLAGS), _onset_year),
    (
        re.compile(
            rf"(?<!\w)(?:(?P<last>last|this\s+past|past|previous|this)\s+)?(?P<wd>{_WEEKDAY})"
            rf"{_PART_OF_DAY}?\b",
            _FLAGS,
        ),
        _weekday,
    ),
    (
        re.compile(
            r"\b(?:(?:earlier|later)\s+today|today|tonight|(?:earlier\s+)?this\s+(?:morning|afternoon|evening))\b",
            _FLAGS,
        ),
        _relative(0),
    ),
    (re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b", _FLAGS), _relative(2)),
    (re.compile(rf"\b(?:yesterday{_PART_OF_DAY}?|last\s+night)\b", _FLAGS), _relative(1)),
    (re.compile(rf"(?<!\w){_NUM}\s+(?P<unit>days?|weeks?|months?)\s+ago\b", _FLAGS), _units_ago),
    (re.compile(r"\b(?:last|the\s+previous)\s+week\b", _FLAGS), _last_week),
    (re.compile(r"\b(?:earlier\s+|later\s+)?this\s+week\b", _FLAGS), _this_week),
    (
        re.compile(
            r"\b(?:(?:in|over|during|throughout)\s+(?:the\s+)?(?:recent|past|last)\s+"
            r"(?:few\s+|several\s+|couple\s+of\s+)?(?:days|week)|(?:in\s+)?recent\s+days)\b",
            _FLAGS,
        ),
        _past_days,
    ),
    (re.compile(rf"(?<!\w){_PART}?(?:last|the\s+previous)\s+month\b", _FLAGS), _month_rel(1)),
    (re.compile(rf"(?<!\w)(?:{_PART}|earlier\s+|later\s+)?this\s+month\b", _FLAGS), _month_rel(0)),
    (
        re.compile(
            r"\b(?:(?:over|in|during|throughout|for)\s+the\s+(?:past|last)\s+"
            r"(?:month|(?:2|two)\s*(?:-|–|to|or)\s*(?:3|three)\s+weeks|few\s+weeks|several\s+weeks|"
            r"couple\s+of\s+weeks)|for\s+(?:more\s+than\s+|over\s+|about\s+|nearly\s+|almost\s+)?"
            r"(?:a|one)\s+month|(?:a\s+|one[\s-])?month[\s-]long|for\s+(?:several\s+)?weeks)\b",
            _FLAGS,
        ),
        _month_span,
    ),
]


def _is_reporting(text: str, start: int) -> bool:
    """True when one of the few words before the phrase is a reporting act, within the same clause."""
    before = re.split(r"[.;:!?,()\n—–]|\bthat\b", text[max(0, start - 80) : start])[-1]
    words = re.findall(r"[A-Za-zé]+", before)[-_REPORTING_WINDOW:]
    return any(_REPORTING.fullmatch(word) for word in words)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date phrase in the text resolved against the publication date, ordered by position."""
    candidates: list[_Found] = []
    for pattern, resolve in _RULES:
        for m in pattern.finditer(text):
            try:
                found = resolve(m, published)
            except (ValueError, OverflowError):
                continue  # no real day ("99999 days ago" before year 1): skip the phrase, keep the report
            if found is not None:
                candidates.append(found)
    kept: list[_Found] = []
    for found in sorted(candidates, key=lambda f: (-(f.end - f.start), f.start)):
        if all(found.end <= k.start or k.end <= found.start for k in kept):
            kept.append(found)
    return [
        DateMention(
            f.start,
            f.end,
            text[f.start : f.end],
            f.date,
            f.precision,
            f.kind,
            _is_reporting(text, f.start),
            f.kind != "span" and _is_onset(text, f.start),
        )
        for f in sorted(kept, key=lambda f: f.start)
    ]
