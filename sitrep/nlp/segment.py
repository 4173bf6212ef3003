"""Split a report into headline, dateline and paragraphs before any model sees it.

Wire reports put a dateline ("DAMASCUS, SYRIA (3: 40 P.M.) –") before the first sentence and
all-capitals headlines between sections; both confuse a sentence model and neither is an event.
Offsets always index into the original document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "DAMASCUS, SYRIA (3: 40 P.M.) – ", "ALEPPO (Reuters) - ", "BEIRUT, May 3 — "
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{2,40})(?:,\s*[A-Za-z][A-Za-z.'’ ]{1,30}(?:\s+\d{1,2})?)*\s*(?:\([^)]{0,40}\))?\s*[–—-]{1,2}\s+"
)


@dataclass
class Segment:
    """A headline, dateline or paragraph: its kind and where it sits in the document."""

    kind: str  # "headline" | "dateline" | "paragraph"
    start: int
    end: int
    text: str


def is_headline(line: str) -> bool:
    """An all-capitals line, or a short line with no closing full stop."""
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    if upper > 0.8 and len(letters) > 8:
        return True
    return len(line) < 120 and not line.rstrip().endswith((".", "!", "?", ":", ";", '"', "”", ","))


def segments(text: str) -> list[Segment]:
    """Cut the text into headlines, datelines and paragraphs (one per non-empty line)."""
    out: list[Segment] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        if is_headline(stripped):
            out.append(Segment("headline", start, end, stripped))
            continue
        dateline = _DATELINE.match(stripped)
        if dateline:
            cut = dateline.end()
            out.append(Segment("dateline", start, start + cut, stripped[:cut]))
            start += cut
            stripped = stripped[cut:]
        out.append(Segment("paragraph", start, end, stripped))
    return out


def truecase(text: str, known_lower: set[str]) -> str:
    """Give an all-capitals line ordinary case so the model can parse it.

    Words the document writes in lower case, and function or trigger words, go to lower case;
    the rest (mostly names) are capitalised.
    """
    words = re.split(r"(\W+)", text)
    out = []
    for i, word in enumerate(words):
        if not word or not word[0].isalpha():
            out.append(word)
            continue
        low = word.lower()
        out.append(low if low in known_lower and i > 0 else low.capitalize())
    return "".join(out)
