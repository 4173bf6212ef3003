from __future__ import annotations

from datetime import date
from pathlib import Path

from sitrep.ingest import ReadError, read_documents
from sitrep.model import Document

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Idlib Front Monitor</title>
<link>https://example.org/</link>
<description>Daily reports</description>
<item>
  <title>Air strike on Maarat al-Numan</title>
  <link>https://example.org/1</link>
  <pubDate>Tue, 04 Feb 2020 08:00:00 GMT</pubDate>
  <description>&lt;p&gt;Russian jets struck &lt;b&gt;Maarat al-Numan&lt;/b&gt; on Monday.&lt;/p&gt;
  </description>
</item>
<item>
  <title>Shelling of Ariha</title>
  <link>https://example.org/2</link>
  <pubDate>Wed, 05 Feb 2020 10:00:00 GMT</pubDate>
  <description>Two civilians were killed in Ariha.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Northwest Syria Updates</title>
<id>urn:example:feed</id>
<updated>2020-02-06T12:00:00Z</updated>
<entry>
  <title>HTS claims IED near Saraqib</title>
  <link href="https://example.net/a"/>
  <id>urn:example:a</id>
  <published>2020-02-06T07:15:00Z</published>
  <updated>2020-02-06T09:00:00Z</updated>
  <content type="html">&lt;p&gt;HTS claimed an IED attack on an army vehicle.&lt;/p&gt;
  &lt;p&gt;Two soldiers died.&lt;/p&gt;</content>
</entry>
</feed>
"""


def test_rss_feed_gives_one_document_per_item(tmp_path: Path) -> None:
    path = tmp_path / "front.rss"
    path.write_text(RSS, encoding="utf-8")
    docs = list(read_documents([str(path)]))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.title for d in docs] == ["Air strike on Maarat al-Numan", "Shelling of Ariha"]
    assert [d.published for d in docs] == [date(2020, 2, 4), date(2020, 2, 5)]
    assert [d.url for d in docs] == ["https://example.org/1", "https://example.org/2"]
    assert {d.source for d in docs} == {"Idlib Front Monitor"}
    assert docs[0].text == "Russian jets struck Maarat al-Numan on Monday."
    assert docs[1].text == "Two civilians were killed in Ariha."


def test_atom_feed_uses_content_and_published_date(tmp_path: Path) -> None:
    path = tmp_path / "updates.atom"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = list(read_documents([str(path)]))
    assert doc.title == "HTS claims IED near Saraqib"
    assert doc.published == date(2020, 2, 6)
    assert doc.url == "https://example.net/a"
    assert doc.source == "Northwest Syria Updates"
    assert doc.text == "HTS claimed an IED attack on an army vehicle.\n\nTwo soldiers died."


def test_feed_is_sniffed_without_a_feed_extension(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = list(read_documents([str(path)]))
    assert doc.title == "HTS claims IED near Saraqib"


def test_xml_that_is_no_feed_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><a>1</a></settings>', encoding="utf-8")
    [err] = list(read_documents([str(path)]))
    assert isinstance(err, ReadError)
    assert err.reason.startswith("no feed entries")
