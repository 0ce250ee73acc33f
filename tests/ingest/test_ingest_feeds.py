"""RSS/Atom feeds among the inputs of `analyze` and `ingest`: files named directly and files in
folders, with or without a DOCTYPE (whose entities are never expanded and never fetched)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from rashomon.ingest.feeds import is_feed_bytes
from rashomon.model import Article
from rashomon.streams.runner import iter_stream

ITEMS = """<channel><title>Harbour Gazette</title><language>en</language>
<item><title>Ferry aground off Lorn Point</title><link>https://gazette.example/ferry</link>
<description>A ferry ran aground off Lorn Point on Monday night, the coastguard said.
Nobody was hurt.</description></item>
<item><title>Harbour reopens</title><link>https://gazette.example/reopen</link>
<description>The harbour at Lorn Point reopened on Wednesday, the port office
said.</description></item>
</channel></rss>
"""
PLAIN = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">' + ITEMS
DOCTYPE = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<!DOCTYPE rss [\n  <!ENTITY publisher "Gazette Media">\n'
    "  <!-- a comment with a > in it -->\n"
    '  <!ELEMENT rss ANY>\n]>\n<rss version="2.0">' + ITEMS
)
LEGACY = (  # an external DTD, as old RSS 0.91 feeds carry
    '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
    '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91">' + ITEMS
)


def _hostile(secret: Path) -> str:
    """A feed whose DOCTYPE declares an external entity (XXE) and nested entities (billion
    laughs), both used in its entries."""
    lol = "\n".join(
        f'  <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
        f'  <!ENTITY xxe SYSTEM "file://{secret}">\n'
        '  <!ENTITY lol0 "lol">\n'
        f"{lol}\n]>\n"
        '<rss version="2.0"><channel><title>Gazette</title>'
        "<item><title>Dam report &xxe;</title><description>The dam held on Monday, the "
        "water board said. &xxe; &lol9;</description></item></channel></rss>"
    )


@pytest.mark.parametrize("doc", [PLAIN, DOCTYPE, LEGACY])
def test_feed_root_is_found_after_a_doctype(doc: str) -> None:
    assert is_feed_bytes(doc.encode())


def test_non_feed_xml_is_not_a_feed() -> None:
    assert not is_feed_bytes(b'<?xml version="1.0"?><!DOCTYPE urlset [ ]><urlset/>')


def _titles(items: list) -> list[str | None]:  # type: ignore[type-arg]
    return [a.title for a in items if isinstance(a, Article)]


@pytest.mark.parametrize("name", ["gazette.xml", "gazette.rss", "gazette.xml.gz"])
def test_doctype_feed_named_directly_and_in_a_folder(tmp_path: Path, ingest, name: str) -> None:
    path = tmp_path / name
    data = DOCTYPE.encode()
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    for source in (path, tmp_path):
        articles, failures = ingest([source])
        assert failures == []
        assert _titles(articles) == ["Ferry aground off Lorn Point", "Harbour reopens"]
        assert [a.source for a in articles] == [f"{path}#entry-1", f"{path}#entry-2"]
        assert all(a.format == "feed" and "<rss" not in a.text for a in articles)
        assert articles[0].outlet == "Harbour Gazette"


def test_stream_reads_a_doctype_feed_once(tmp_path: Path) -> None:
    (tmp_path / "gazette.xml").write_text(DOCTYPE, encoding="utf-8")
    for source in (tmp_path, tmp_path / "gazette.xml"):
        items = list(iter_stream([source]))
        assert _titles(items) == ["Ferry aground off Lorn Point", "Harbour reopens"]
        assert len(items) == 2


def test_doctype_entities_are_never_expanded_or_fetched(tmp_path: Path, ingest) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSPHRASE", encoding="utf-8")
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "hostile.rss").write_text(_hostile(secret), encoding="utf-8")
    articles, failures = ingest([feeds])
    assert failures == []
    [art] = articles
    assert art.text.startswith("The dam held on Monday")
    assert "TOP-SECRET" not in art.text and "TOP-SECRET" not in (art.title or "")
    assert "lollol" not in art.text


def test_xml_that_is_not_a_feed(tmp_path: Path, ingest) -> None:
    (tmp_path / "story.txt").write_text("The harbour reopened on Wednesday, the port office "
                                        "said.\n", encoding="utf-8")
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset><url>x</url></urlset>', encoding="utf-8")
    bogus = tmp_path / "news.rss"
    bogus.write_text("<html><body>not a feed</body></html>", encoding="utf-8")
    articles, failures = ingest([tmp_path])
    # A sitemap in a folder is not an input (like any unknown file); a .rss file must be a feed.
    assert [Path(a.source).name for a in articles] == ["story.txt"]
    assert [(Path(f.source).name, f.reason) for f in failures] == [
        ("news.rss", "not an RSS or Atom feed (its first element is <html>)")
    ]
