from __future__ import annotations

from datetime import date
from pathlib import Path

from sitrep.ingest import ReadError, html_to_text, read_documents
from sitrep.model import Document

PAGE = """<!DOCTYPE html>
<html><head>
<title>Government forces enter Saraqib</title>
<meta property="article:published_time" content="2020-02-05T09:30:00+02:00">
<meta property="og:site_name" content="Example Wire">
<script>var tracking = "never in the text";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Government forces enter Saraqib</h1>
<p>Syrian government forces entered the town of Saraqib on Tuesday after days of fighting with
HTS militants, a military source said.</p>
<p>Russian warplanes struck the outskirts of Sarmin, according to a monitor. Three civilians were
killed in the shelling of Ariha.</p>
<p>Government forces are expected to advance towards Idlib city next week.</p>
</article>
<footer>Copyright Example Wire. All rights reserved.</footer>
</body></html>
"""


def test_html_page_gives_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = list(read_documents([str(path)]))
    assert isinstance(doc, Document)
    assert doc.title == "Government forces enter Saraqib"
    assert doc.published == date(2020, 2, 5)
    assert doc.source == "Example Wire"
    assert "entered the town of Saraqib on Tuesday after days of fighting with HTS militants" in doc.text
    assert "Three civilians were killed in the shelling of Ariha." in doc.text
    assert "tracking" not in doc.text
    # Paragraphs stay apart as in a .txt report, so that the nlp stage sees them.
    assert "a military source said.\n\nRussian warplanes" in doc.text


def test_tiny_html_page_falls_back_to_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "tiny.htm"
    path.write_text("<html><body><p>Clashes in Binnish.</p></body></html>", encoding="utf-8")
    [doc] = list(read_documents([str(path)]))
    assert doc.text == "Clashes in Binnish."


def test_html_without_text_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><style>p{}</style></head><body></body></html>", encoding="utf-8")
    [err] = list(read_documents([str(path)]))
    assert isinstance(err, ReadError)
    assert err.reason == "no text found in the HTML page"


def test_html_to_text_separates_blocks_and_skips_scripts() -> None:
    fragment = "<p>One &amp; two</p><script>x()</script><div>Three<br>four</div>"
    assert html_to_text(fragment) == "One & two\n\nThree\n\nfour"
