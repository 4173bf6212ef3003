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
    letters = sum(map(str.isalpha, line))
    if not letters:
        return False
    if _upper_share(line) > 0.8 and letters > 8:
        return True
    return len(line) < 120 and not line.rstrip().endswith((".", "!", "?", ":", ";", '"', "”", ","))


def _upper_share(text: str) -> float:
    # map() over str methods keeps the count in C: this runs over every line of every report.
    letters = sum(map(str.isalpha, text))
    return sum(map(str.isupper, text)) / letters if letters else 0.0


def segments(text: str) -> list[Segment]:
    """Cut the text into headlines, datelines and paragraphs.

    Paragraphs are blocks between blank lines; inside a block, lines that are wrapped (wire text
    breaks lines mid-sentence) stay one paragraph. A line on its own, or an all-capitals line in a
    document that is not all capitals, can be a headline.
    """
    all_caps = _upper_share(text) > 0.8
    out: list[Segment] = []
    for block in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):
        lines = [m for m in re.finditer(r"[^\n]+", block.group()) if m.group().strip()]
        paragraph: list[tuple[int, int]] = []
        for m in lines:
            line = m.group()
            start = block.start() + m.start() + (len(line) - len(line.lstrip()))
            end = start + len(line.strip())
            alone = len(lines) == 1
            if not all_caps and (
                alone and is_headline(line.strip()) or _upper_share(line) > 0.8 and len(line) > 8
            ):
                _flush(text, paragraph, out)
                paragraph = []
                out.append(Segment("headline", start, end, text[start:end]))
            else:
                paragraph.append((start, end))
        _flush(text, paragraph, out)
    return out


def _flush(text: str, lines: list[tuple[int, int]], out: list[Segment]) -> None:
    """One paragraph from consecutive lines, with the dateline of a report's first paragraph cut off."""
    if not lines:
        return
    start, end = lines[0][0], lines[-1][1]
    dateline = _DATELINE.match(text[start:end])
    if dateline:
        cut = start + dateline.end()
        out.append(Segment("dateline", start, cut, text[start:cut]))
        start = cut
    out.append(Segment("paragraph", start, end, text[start:end]))


_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’-][^\W\d_])*")


def _known(low: str, lexicon: set[str] | frozenset[str]) -> bool:
    """A common English word, or an inflection of one (attacked, burned, guerrillas, countries)."""
    if low in lexicon:
        return True
    for suffix, replacement in (
        ("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
        ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", ""),
    ):  # fmt: skip
        if (
            low.endswith(suffix)
            and len(low) - len(suffix) >= 2
            and low[: -len(suffix)] + replacement in lexicon
        ):
            return True
    return False


def truecase(
    text: str, known_lower: set[str] | frozenset[str], proper: set[str] | frozenset[str] = frozenset()
) -> str:
    """Give all-capitals text ordinary case so the model can parse it; the length never changes.

    Common English words (`known_lower`, with their inflections) go to lower case unless `proper`
    names them (countries, peoples); words with no vowel stay capitals (URNG, FMLN); the rest,
    mostly names, are capitalised, and so is the first word of a sentence.
    """
    chars = list(text)
    sentence_start = True
    last = 0
    for m in _WORD.finditer(text):
        if re.search(r"[.!?]\s*$", text[last : m.start()]) or m.start() == 0:
            sentence_start = True
        word = m.group()
        low = word.lower()
        if not re.search(r"[aeiouy]", low) and len(word) > 1:
            cased = word.upper()
        elif low in proper or not _known(low, known_lower) or sentence_start:
            cased = low.capitalize()
        else:
            cased = low
        if len(cased) == len(word):
            chars[m.start() : m.end()] = cased
        sentence_start = False
        last = m.end()
    return "".join(chars)
