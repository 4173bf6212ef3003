"""Plain-text reports: the text as it is, and its first line as the headline when it reads like one."""

from __future__ import annotations

import re

from sitrep.model import Document

# A headline is short; a first line longer than this is the report's opening paragraph.
MAX_TITLE_CHARS = 200
# A full stop that ends a sentence: "." followed by a space or the end, not "U.S" or "3.5".
_SENTENCE_STOP = re.compile(r"[a-z0-9\)\]\"'”’]\.(\s|$)")


def headline(text: str) -> str | None:
    """The first line when it is a headline: in capitals, or short and without a full stop."""
    lines = text.lstrip("\n").split("\n", 1)
    first = lines[0].strip()
    # A one-line document is all body, however short.
    if not first or len(lines) < 2 or not lines[1].strip() or len(first) >= MAX_TITLE_CHARS:
        return None
    letters = [c for c in first if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return first
    if not _SENTENCE_STOP.search(first):
        return first
    return None


def read_text(text: str, path: str | None = None) -> Document:
    """A document from plain text; the text is kept as given so evidence offsets index into it."""
    return Document(text=text, title=headline(text), path=path)
