"""The HTML report: self-contained, escaped, every link pointing at its exact evidence."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rashomon.errors import StoreError
from rashomon.model import Article, ArticleDoc, EventDoc, Sentence, Span
from rashomon.outputs.report import output_writers, render_report, report_from_store, write_report
from rashomon.outputs.report.render import environment, json_for_script
from sample_event import HOSTILE_CLAIM, HOSTILE_TEXT, hostile_event, sample_event

SECTIONS = ["overview", "brief", "disputes", "framing", "coverage", "numbers", "timeline",
            "quotes", "entities", "errors"]


class Page(HTMLParser):
    """Collects what the tests look at: attributes, elements, script blocks, evidence links."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.tags: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.links: list[dict[str, str]] = []
        self.ids: set[str] = set()
        self._in: str | None = None
        self._script_attrs: dict[str, str | None] = {}
        self._buf: list[str] = []
        self._link: dict[str, str] | None = None
        self._q: list[str] | None = None
        self._b: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        d = dict(attrs)
        for k, v in attrs:
            self.attrs.append((tag, k, v or ""))
        if "id" in d and d["id"]:
            self.ids.add(d["id"])
        if tag in ("script", "style"):
            self._in, self._script_attrs, self._buf = tag, d, []
        if tag == "a" and "ev" in (d.get("class") or "").split():
            self._link = {k: v or "" for k, v in d.items()}
        if tag == "q" and self._link is not None:
            self._q = []
        if tag == "b" and self._link is not None and d.get("class") == "span":
            self._b = []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            body = "".join(self._buf)
            if tag == "script":
                self.scripts.append((self._script_attrs, body))
            else:
                self.styles.append(body)
            self._in = None
        if tag == "b" and self._link is not None and self._b is not None:
            self._link["span"] = "".join(self._b)
            self._b = None
        if tag == "q" and self._link is not None and self._q is not None:
            self._link["quote"] = "".join(self._q)
            self._q = None
        if tag == "a" and self._link is not None:
            self.links.append(self._link)
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)
        if self._q is not None:
            self._q.append(data)
        if self._b is not None:
            self._b.append(data)


@pytest.fixture(scope="module")
def sample_html() -> str:
    return render_report(sample_event())


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_report(hostile_event())


def _data(page: Page) -> dict[str, dict[str, object]]:
    blocks = [body for attrs, body in page.scripts if attrs.get("type") == "application/json"]
    assert len(blocks) == 1  # article texts are embedded once
    return json.loads(blocks[0])  # type: ignore[no-any-return]


def test_report_is_self_contained(sample_html: str) -> None:
    page = Page(sample_html)
    urls = [(t, k, v) for t, k, v in page.attrs if k in ("src", "href", "xlink:href", "action")]
    assert urls  # there are links at all
    remote = [u for u in urls if re.match(r"^\s*(https?:|//|ftp:|file:)", u[2], re.I)]
    assert remote == []
    assert not [t for t in page.tags if t in ("link", "iframe", "object", "embed", "img")]
    assert all("src" not in attrs for attrs, _ in page.scripts)
    # The one inline script and style are allowed by hash in the page's own CSP.
    csp = next(v for t, k, v in page.attrs if t == "meta" and k == "content" and "script-src" in v)
    assert "default-src 'none'" in csp

    def sha(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    code = [body for attrs, body in page.scripts if "type" not in attrs]
    assert len(code) == 1 and f"'sha256-{sha(code[0])}'" in csp
    assert len(page.styles) == 1 and f"'sha256-{sha(page.styles[0])}'" in csp


def test_every_section_is_present(sample_html: str) -> None:
    page = Page(sample_html)
    assert set(SECTIONS) <= page.ids
    assert 'class="empty"' not in sample_html.split('id="errors"')[0]  # all filled


def test_evidence_links_point_at_their_text(sample_html: str) -> None:
    page = Page(sample_html)
    texts = {aid: a["text"] for aid, a in _data(page).items()}
    quoted = [link for link in page.links if "quote" in link]
    assert len(quoted) > 20
    for link in quoted:
        text = texts[link["data-article"]]
        span = text[int(link["data-start"]) : int(link["data-end"])]
        assert " ".join(span.split()) == link["span"]
        # Context, when shown, is the rest of the span's sentence.
        assert " ".join(link["quote"].split()).count(link["span"]) >= 1
        assert link["href"] == (
            f"#src={link['data-article']}&s={link['data-start']}&e={link['data-end']}"
        )
    # The dispute card shows both sides' evidence sentences.
    card = sample_html.split('id="disputes"')[1].split("</section>")[0]
    assert "Bluewake Lines said the fire started on the car deck" in card
    assert "Mira Olsen of the coastguard said the engine room was the source" in card


def test_short_spans_show_their_sentence(sample_html: str) -> None:
    page = Page(sample_html)
    link = next(x for x in page.links if x.get("span") == "At least 12")
    assert link["quote"].startswith("At least 12 people died when the ferry Aurelia caught fire")
    whole = next(x for x in page.links if x.get("span", "").startswith("Bluewake Lines said"))
    assert whole["quote"] == whole["span"]  # a whole sentence needs no context


def test_coverage_marks_blindspots() -> None:
    event = sample_event()
    first = event.groups[0].id  # engine room: attributed by Harbour Times and Nordwire
    coverage = tuple(
        replace(c, state="omits") if (c.group_id, c.outlet) == (first, "Tamsel Gazette") else c
        for c in event.coverage
    )
    html = render_report(replace(event, coverage=coverage))
    matrix = html.split('class="matrix"')[1].split("</table>")[0]
    rows = re.findall(r"<tr><th>(.*?)</th>(.*?)</tr>", matrix, re.S)
    cells = {name: re.findall(r'class="cell ([a-z ]+)"', body) for name, body in rows}
    # Silent on a claim two others report: a blindspot. Silent on one only one reports: not.
    # Columns: widest-reported groups first (engine room, inspection, car deck, alarms).
    labels = re.findall(r'<th class="col" title="([^"]+)">', matrix)
    assert labels == ["The fire started in the engine room",
                      "Bluewake Lines skipped a safety inspection",
                      "The fire started on the car deck", "Alarms never sounded"]
    assert cells["Tamsel Gazette"][0] == "omits blindspot"
    assert cells["Nordwire"][1] == "omits"
    assert cells["The Harbour Times"][1] == "carries"
    assert cells["Tamsel Gazette"][2] == "attributed"


def test_empty_layers_say_so() -> None:
    text = "Only one plain sentence here."
    aid = Article.make_id(text)
    doc = ArticleDoc(article=Article(id=aid, source="one.txt", text=text),
                     sentences=(Sentence(article_id=aid, span=Span(0, len(text))),))
    html = render_report(EventDoc(id="e", name="Bare event", docs=(doc,)))
    page = Page(html)
    assert set(SECTIONS) <= page.ids
    for sec in ("disputes", "framing", "coverage", "numbers", "timeline", "quotes", "entities",
                "brief"):
        body = html.split(f'id="{sec}"')[1].split("</section>")[0]
        assert 'class="empty"' in body and "not computed in this run" in body, sec
    assert "No errors" in html


def test_hostile_text_is_escaped_everywhere(hostile_html: str) -> None:
    for raw in ("<script>alert", "<img src=x", "<svg onload", "</script><script>",
                "onerror=alert(1)>", "<!--"):
        assert raw not in hostile_html, raw
    page = Page(hostile_html)
    # No element or attribute came from the payloads.
    assert "svg" in page.tags  # our own charts
    assert not [t for t in page.tags if t in ("img", "iframe")]
    assert not [a for a in page.attrs if a[1].startswith("on")]
    assert not [a for a in page.attrs if a[1] in ("href", "src")
                and a[2].strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
    assert len([1 for attrs, _ in page.scripts if "type" not in attrs]) == 1
    # The embedded text is byte-for-byte the article after JSON decoding.
    data = _data(page)
    hostile = next(a for a in data.values() if a["text"] == HOSTILE_TEXT)
    assert "<script>alert(5)</script>" in str(hostile["outlet"])
    # And the displayed evidence is the exact sentence, escaped, not dropped.
    assert any(link.get("span") == HOSTILE_CLAIM for link in page.links)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_html


def test_json_for_script_escapes_markup_characters() -> None:
    payload = {"t": "</script><b>&amp;\u2028"}
    out = str(json_for_script(payload))
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == payload


def test_autoescape_is_on_for_every_template() -> None:
    env = environment()
    for name in ("report.html", "_sections.html"):
        tmpl = env.get_template(name)
        assert tmpl.environment.autoescape is True
    assert str(env.from_string("{{ x }}").render(x="<b>")) == "&lt;b&gt;"


def test_write_report_and_output_writers(tmp_path: Path) -> None:
    path = write_report(sample_event(), tmp_path / "sub" / "r.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    files: dict[str, Path] = {}
    for writer in output_writers():
        files.update(writer(sample_event(), tmp_path / "out"))
    assert set(files) == {"db", "report"}
    assert files["report"].name == "report.html" and files["db"].name == "rashomon.db"
    assert all(p.is_file() for p in files.values())
    assert not list((tmp_path / "sub").glob(".report-*"))  # no temp file left behind


def test_report_from_store(tmp_path: Path) -> None:
    for writer in output_writers():
        writer(sample_event(), tmp_path)
    name = "Ferry Aurelia fire (invented sample)"
    out = report_from_store(tmp_path, tmp_path / "again.html", event=name)
    # The same event, read back from SQLite, renders the same report.
    assert out.read_text(encoding="utf-8") == (tmp_path / "report.html").read_text(encoding="utf-8")
    with pytest.raises(StoreError, match="no event"):
        report_from_store(tmp_path / "rashomon.db", tmp_path / "x.html", event="nope")
    with pytest.raises(StoreError, match="no such store"):
        report_from_store(tmp_path / "missing", tmp_path / "x.html")


@pytest.mark.model
@pytest.mark.slow  # runs the whole pipeline on the bundled example (~40 s)
def test_real_example_event(tmp_path: Path, examples_dir: Path) -> None:
    """The bundled example, through whatever layers the pipeline produces today."""
    from rashomon.api import build_event
    from rashomon.store import dedupe_by_id, open_store, read_event

    event = build_event([examples_dir / "kresny-dam-collapse"])
    files: dict[str, Path] = {}
    for writer in output_writers():
        files.update(writer(event, tmp_path))
    page = Page(files["report"].read_text(encoding="utf-8"))
    texts = {aid: a["text"] for aid, a in _data(page).items()}
    assert len(texts) == len(event.docs) >= 5
    for link in page.links:
        if "span" in link:
            span = texts[link["data-article"]][int(link["data-start"]) : int(link["data-end"])]
            assert " ".join(span.split())[:300] == link["span"][:300]
    # The store keeps the first of any annotations that share an id (a stage hashing too few
    # fields) and notes each clash; everything else round-trips exactly.
    docs, clashes = [], 0
    for d in event.docs:
        layers = {}
        for name in ("entities", "attributions", "quantities", "times"):
            kept, dropped = dedupe_by_id(getattr(d, name))
            layers[name], clashes = tuple(kept), clashes + len(dropped)
        docs.append(replace(d, **layers))
    conn = open_store(files["db"], readonly=True)
    assert read_event(conn, event.name) == replace(event, docs=tuple(docs))
    notes = conn.execute("SELECT reason FROM errors WHERE stage = 'store'").fetchall()
    assert len(notes) == clashes
    assert all("shares its id" in r["reason"] for r in notes)
    conn.close()


def test_big_matrices_are_capped_with_a_note() -> None:
    event = sample_event()
    g = event.groups[0]
    many = tuple(replace(g, id=f"g{i}", label=f"claim {i}") for i in range(60))
    html = render_report(replace(event, groups=many, coverage=()))
    matrix = html.split('class="matrix"')[1].split("</table>")[0]
    assert len(re.findall(r'<th class="col"', matrix)) == 40
    assert "Showing the 40 most widely reported of 60 claim groups" in html


def test_coverage_cells_and_number_dots_link_to_their_sentence(sample_html: str) -> None:
    page = Page(sample_html)
    texts = {aid: a["text"] for aid, a in _data(page).items()}
    matrix = sample_html.split('class="matrix"')[1].split("</table>")[0]
    cells = re.findall(r'<a class="cellink" href="[^"]+" data-article="(\w+)" '
                       r'data-start="(\d+)" data-end="(\d+)"', matrix)
    quoted = {texts[a][int(s) : int(e)] for a, s, e in cells}
    assert "Mira Olsen of the coastguard said the engine room was the source of the fire." in quoted
    # Every carrying or attributing cell links to its sentence; silent cells link nowhere.
    states = re.findall(r'class="cell ([a-z]+)[^"]*"[^>]*>(<a )?', matrix)
    assert all(link for st, link in states if st in ("carries", "attributed"))
    assert not any(link for st, link in states if st == "omits")
    assert len(cells) == 6
    chart = sample_html.split('id="numbers"')[1].split("</svg>")[0]
    dots = re.findall(r'<a href="#src=(\w+)&amp;s=(\d+)&amp;e=(\d+)"><circle', chart)
    assert [texts[a][int(s) : int(e)] for a, s, e in dots] == [
        "At least 12", "Nine people", "rise to 15", "12 people"]


def test_sources_quote_integrity_sourcing_and_date_conflicts_are_shown(sample_html: str) -> None:
    # Coverage names each group's independent sources.
    coverage = sample_html.split('id="coverage"')[1].split("</section>")[0]
    assert "2 outlets, 2 independent sources" in coverage
    # Both versions of a changed quotation, each linked to its words and its speaker.
    integrity = sample_html.split('id="integrity"')[1].split("</section>")[0]
    assert "words changed" in integrity and "everything -&gt; all" in integrity
    page = Page(integrity)
    spans = {x.get("span") for x in page.links}
    assert {"The crew did everything they could", "The crew did all they could"} <= spans
    # Sourcing shares per article and outlet.
    sourcing = sample_html.split('id="sourcing"')[1].split("</section>")[0]
    assert "anonymous" in sourcing and "%" in sourcing
    # A happening two outlets date differently.
    timeline = sample_html.split('id="timeline"')[1].split("</section>")[0]
    assert "Outlets disagree on when" in timeline and "2031-05-14" in timeline


def _section(html: str, sec: str) -> str:
    return html.split(f'<section class="sec" id="{sec}">')[1].split("</section>")[0]


def _framing_rows(html: str) -> dict[str, tuple[str, str]]:
    """Outlet -> (its own-voice cell, its quoted cell), as HTML."""
    body = _section(html, "framing")
    rows = re.findall(r"<tr><th><bdi>(.*?)</bdi></th><td>(.*?)</td><td>(.*?)</td></tr>", body,
                      re.S)
    return {outlet: (own, quoted) for outlet, own, quoted in rows}


def test_framing_shows_each_outlets_own_and_quoted_words_with_their_sentence(
        sample_html: str) -> None:
    rows = _framing_rows(sample_html)
    assert set(rows) == {"Nordwire", "The Harbour Times"}
    assert ">fiasco</a>" in rows["Nordwire"][0] and rows["Nordwire"][1] == "—"
    own, quoted = rows["The Harbour Times"]
    assert own == "—" and ">shameful</a>" in quoted and ">cover-up</a>" in quoted
    # Each word is a chip linking to its exact characters, its sentence in the chip's title.
    event = sample_event()
    texts = {d.id: d.text for d in event.docs}
    chips = [link for link in Page(_section(sample_html, "framing")).links]
    assert len(chips) == len(event.framing) == 3
    for chip in chips:
        text = texts[chip["data-article"]]
        word = text[int(chip["data-start"]) : int(chip["data-end"])]
        assert word in ("fiasco", "shameful", "cover-up")
        sentence = chip["title"].split(": ", 1)[1]
        assert word in sentence and sentence in text
    fiasco = next(c for c in chips if "fiasco" in c["title"])
    assert fiasco["title"] == "Nordwire: The operator's handling of the fire was a fiasco."


def test_dispute_sides_show_each_outlets_stance(sample_html: str, hostile_html: str) -> None:
    sides = re.findall(r'<p class="who side-stances">(.*?)</p>', _section(sample_html, "disputes"))
    assert sides[0] == ('<bdi>The Harbour Times</bdi> <strong title="reports this side, '
                        'attributed to a source">reports</strong>; <bdi>Nordwire</bdi> <strong '
                        'title="reports this side, attributed to a source">reports</strong>')
    hostile = [s for s in re.findall(r'<p class="who side-stances">(.*?)</p>',
                                     _section(hostile_html, "disputes")) if "Evil" in s]
    assert hostile == ['<bdi>Evil &lt;script&gt;alert(5)&lt;/script&gt;&lt;img src=x '
                       'onerror=alert(6)&gt;</bdi> <strong title="states this side in its own '
                       'voice">asserts</strong>']


def test_framing_of_a_hostile_report_is_escaped(hostile_html: str) -> None:
    body = _section(hostile_html, "framing")
    assert "<script" not in body and "<img" not in body
    rows = _framing_rows(hostile_html)
    evil = next(o for o in rows if o.startswith("Evil"))
    assert evil.startswith("Evil &lt;script&gt;alert(5)&lt;/script&gt;&lt;img")
    own, quoted = rows[evil]
    assert ">regime</a>" in own and ">massacre</a>" in quoted
    chip = next(c for c in Page(body).links if f'data-start="{c["data-start"]}"' in quoted)
    # The title attribute holds the hostile sentence as text (escaped in the page).
    assert "<script>alert(4)</script>" in chip["title"]
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in body
