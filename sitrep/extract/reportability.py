"""Whether a statement tells an event of the report's window: the date's distance from publication,
roll-ups and totals, a party's own announcement, and the datelines that place no event."""

from __future__ import annotations

import re
from datetime import date

from sitrep.extract.actors import ActorDictionary, ActorMention
from sitrep.extract.dates import DateMention
from sitrep.extract.mention import Mention
from sitrep.model import HAPPENED

KILL_WORD = re.compile(r"\b(?:killed|dead|died)\b", re.I)
# An event dated more than this many days before publication is an earlier one recalled: ACLED codes
# from the week's reporting, and a news story's own events lie within days of it.
RECALL_DAYS = 10


_LONG_AGO = re.compile(
    r"\b(?:last|the previous|the past) year\b|\b(?:a|one|two|three|several|\d+) years? ago\b|\bin recent years\b",
    re.I,
)
_YEAR_NAMED = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil)\s+(?P<year>(?:19|20)\d\d)\b")


def recall_reason(m: Mention, dates: list[DateMention], published: date | None) -> str | None:
    """Why a mention that reads as having happened is background, from its date's distance to
    publication: its own day lies well before it, or it names only the start of a campaign."""
    if published is None or m.status not in HAPPENED:
        return None
    if m.date is not None and m.date.kind != "span":
        days = (published - m.date.date).days
        if days > RECALL_DAYS:
            return f"dated {days} days before publication ('{m.date.text}')"
        return None
    onsets = [d for d in dates if d.onset and (published - d.date).days > RECALL_DAYS]
    if m.date is None and onsets:
        return f"only the start of a campaign is dated ('{onsets[0].text}')"
    # "The city was captured last year": a period long past dates no event of this week.
    past = _LONG_AGO.search(m.sentence.text)
    if m.date is None and past:
        return f"a time long before publication is named ('{past.group(0)}')"
    # "In 2001, US forces waged a war": a past year is no date of the week's events.
    for year in _YEAR_NAMED.finditer(m.sentence.text):
        if m.date is None and (published - date(int(year["year"]), 12, 31)).days > RECALL_DAYS:
            return f"a past year is named ('{year.group(0)}')"
    return None


# A toll this large is a campaign's or a period's, not one event's (ACLED splits such totals or leaves
# them out): it is kept as a claim on a campaign event told in the report, else it is no event.
AGGREGATE_FIGURE = 1000


def speaking_party(who: str | None, actors: list[ActorMention], dictionary: ActorDictionary) -> str | None:
    """The armed actor a sentence's source speaks for: a ministry's or agency's forces, or the actor
    itself when a side is quoted ("the group said …"); None for a monitor, a witness or no source."""
    if who is None:
        return None
    for mention in actors:
        if mention.kind == "claimant" and mention.name == who:
            return mention.parent
    if any(m.name == who and m.kind in ("actor", "state") for m in actors):
        return who
    return None


def claim_subject(text: str, actors: list[ActorMention]) -> str | None:
    claim = re.search(r"\bclaim(?:ed|s|ing)?\b", text, re.IGNORECASE)
    if not claim:
        return None
    before = [a for a in actors if a.end <= claim.start() and a.kind in ("actor", "state")]
    return before[-1].name if before else None


def rollup(text: str, m: Mention) -> bool:
    """A period's toll broken down by who died ("88 were killed yesterday, including 12 members of the
    regime forces and 14 others") with no place and no act named: a roll-up of many events, not one."""
    if m.place is not None or not KILL_WORD.search(text):
        return False
    found = _ROLLUP.search(text)
    # A period ("yesterday", "in 24 hours") or a breakdown into several groups marks a roll-up;
    # "20 people were killed, including 5 children" alone is one event's toll.
    return found is not None and bool(_ROLLUP_SPAN.search(text) or _BREAKDOWN.match(text, found.end()))


# A period's toll broken down by who died: "88 were killed yesterday, including 12 members of the
# regime forces", "91 persons including 37 members of the regime forces were killed".
_ROLLUP = re.compile(
    r"(?<![\w-])\d[\d,]*\s+(?:(?:people|persons|were|have\s+been|killed|died|dead|casualties)\b[^.;:]{0,50}?)?"
    r"[,;]?\s*including\s+(?:at\s+least\s+|about\s+|more\s+than\s+)?\d",
    re.I,
)
_ROLLUP_SPAN = re.compile(
    r"\b(?:yesterday|in\s+the\s+(?:past|last)\s+24\s+hours|(?:past|last)\s+day)\b", re.I
)
_BREAKDOWN = re.compile(r"[^.;]{0,80}?\band\s+(?:about\s+|at\s+least\s+|more\s+than\s+)?\d", re.I)


_DATELINE = re.compile(
    r"\s*[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+)*"  # the city, in capitals
    r"(?:,\s*[A-Z][\w'’.\- ]{1,30}?)?"  # its country or region
    r"(?:,?\s*[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})?"  # a date
    r"(?:\s*\([^)]{0,30}\))?"  # the agency or the time: "(Reuters)", "(3: 40 P.M.)"
    r"(?:\s*(?::|[-–—](?=\s|[A-Z]))|(?<=\d{4})\s+(?=[A-Z]))"  # a colon or dash, or the story after a date
)


def page_chrome(text: str, following: str, cues: set[str]) -> str | None:
    """The chrome cue of a sentence that is a caption, credit, link or prompt of the page: in the
    sentence, or in a short line right after it ("(Source: AP)" under a photo's caption)."""
    low = text.lower()
    after = following.lower() if len(following) <= 60 else ""
    return next((cue for cue in sorted(cues) if cue in low or cue in after), None)


def dateline_end(text: str) -> int:
    """Where a dateline at the start of a sentence ends (0 without one)."""
    match = _DATELINE.match(text)
    return match.end() if match else 0
