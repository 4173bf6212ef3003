"""HTML pages: the main text via trafilatura, with title and date from the page's metadata."""

from __future__ import annotations

import logging
from html.parser import HTMLParser

import trafilatura

from sitrep.ingest.base import UnreadableInput, parse_date
from sitrep.model import Document

# trafilatura logs every page it finds thin; a batch reader reports failures itself.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "blockquote", "section", "article", "header", "footer", "pre", "dd", "dt", "figcaption",
}  # fmt: skip
_SKIPPED = {"script", "style", "noscript", "template", "head", "svg"}


class _TextCollector(HTMLParser):
    """Collects the visible text of an HTML fragment, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def paragraphs(text: str) -> str:
    """Whitespace inside lines collapsed and non-empty lines joined by a blank line, as in a .txt report."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML fragment (a feed summary, a tiny page), paragraphs apart."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return paragraphs("".join(collector.parts))


def read_html(markup: str, path: str | None = None) -> Document:
    """A document from an HTML page: main text without navigation or boilerplate, title and date."""
    extracted = trafilatura.extract(
        markup, output_format="txt", include_comments=False, include_tables=True, favor_recall=True
    )
    # trafilatura gives up on pages with little text; their visible text is then the best we have.
    text = paragraphs(extracted) if extracted else html_to_text(markup)
    if not text:
        raise UnreadableInput("no text found in the HTML page")
    # Only dates the page declares: a guess from the body text can be years off (and unknown is null).
    metadata = trafilatura.extract_metadata(markup, extensive=False)
    title = published = url = source = None
    if metadata is not None:
        title = metadata.title or None
        url = metadata.url or None
        source = metadata.sitename or None
        try:
            published = parse_date(metadata.date)
        except UnreadableInput:
            published = None  # a page's odd date string is no reason to lose its text
    return Document(text=text, title=title, published=published, source=source, url=url, path=path)
