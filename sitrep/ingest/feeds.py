"""RSS and Atom feeds: one document per entry, with the entry's own date, link and the feed's title."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import feedparser

from sitrep.ingest.base import UnreadableInput
from sitrep.ingest.html import html_to_text
from sitrep.model import Document


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed: time.struct_time | None = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    # Full content when the feed carries it, else the summary; both may hold HTML.
    for item in entry.get("content") or []:
        if item.get("value"):
            return html_to_text(item["value"])
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def read_feed(data: str | bytes, path: str | None = None) -> Iterator[Document]:
    """One document per feed entry that has text; raises UnreadableInput when nothing is a feed entry."""
    feed = feedparser.parse(data)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        raise UnreadableInput(f"no feed entries ({problem})" if problem else "no feed entries")
    source = feed.feed.get("title") or None
    for entry in feed.entries:
        text = _entry_text(entry)
        if not text:
            continue
        title = html_to_text(entry.get("title", "")) or None
        yield Document(
            text=text,
            title=title,
            published=_entry_date(entry),
            source=source,
            url=entry.get("link") or None,
            path=path,
        )
