"""Which reader an input needs: by its file extension, else by its first characters."""

from __future__ import annotations

from pathlib import PurePath

TEXT, HTML, FEED, JSONL = "text", "html", "feed", "jsonl"

EXTENSIONS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".xml": FEED,
    ".rss": FEED,
    ".atom": FEED,
    ".json": JSONL,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
}


def sniff(text: str) -> str:
    """The kind of an input judged by its start: JSON object, XML feed, HTML, or else plain text."""
    head = text.lstrip()[:512].lower()
    if head.startswith("{"):
        return JSONL
    if head.startswith(("<?xml", "<rss", "<feed", "<rdf:rdf")):
        # An XHTML page also starts with "<?xml"; its root element gives it away.
        return HTML if "<html" in head and "<rss" not in head and "<feed" not in head else FEED
    if head.startswith("<"):
        return HTML
    return TEXT


def kind_of(path: str, text: str) -> str:
    """The kind for a file: its extension when known, else what its content looks like."""
    return EXTENSIONS.get(PurePath(path).suffix.lower()) or sniff(text)
