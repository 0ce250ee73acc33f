"""Stream ingest: batches into a store, story clusters, resume after a kill, per-story analysis."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rashomon.api import analyze_stored, event_summaries
from rashomon.config import PipelineConfig, StageConfig
from rashomon.errors import StoreError
from rashomon.ingest.feeds import feed_text, is_feed, iter_feed
from rashomon.model import Article
from rashomon.streams.runner import ingest_stream
from rashomon.streams.sources import estimate_total, iter_stream

# Three invented stories, four outlets each (all names and facts made up for these tests).
FIRE = [
    ("Wildfire forces evacuation of Harwick Valley", "Valley Courier", "2031-07-04",
     "A wildfire tore through the hills above Harwick Valley on Friday, forcing the evacuation of "
     "about 2,300 residents. Fire chief Maren Tolliver said crews from three counties were "
     "fighting the blaze, which had burned 4,000 acres by evening.\n\nTolliver said the fire "
     "started near the Harwick reservoir and was driven by strong winds."),
    ("Harwick Valley blaze grows, thousands flee", "Daily Ledger", "2031-07-04",
     "Thousands of people fled Harwick Valley as a fast-moving wildfire spread across dry hills "
     "on Friday. Officials said 2,500 residents had been evacuated. Maren Tolliver, the fire "
     "chief, said the blaze began close to the reservoir.\n\nNo deaths have been reported, "
     "Tolliver told reporters."),
    ("Winds fan Harwick Valley wildfire", "Coast Herald", "2031-07-05",
     "Strong winds fanned the wildfire in Harwick Valley on Saturday, and the burned area grew "
     "to 6,000 acres, according to fire chief Maren Tolliver. About 2,300 residents remain "
     "evacuated from their homes.\n\nThe fire started near the Harwick reservoir, officials "
     "said."),
    ("Harwick Valley fire: evacuees wait in shelters", "Metro Post", "2031-07-05",
     "Evacuees from the Harwick Valley wildfire spent a second night in school shelters as the "
     "fire burned on. Fire chief Maren Tolliver said crews had contained a tenth of the blaze "
     "near the reservoir.\n\nResidents said they left with little more than their pets."),
]
BRIDGE = [
    ("Port Elsin bridge collapses into river", "Valley Courier", "2031-09-12",
     "The Kessel Street bridge in Port Elsin collapsed into the Amber River on Tuesday morning, "
     "sending two cars into the water. Mayor Odile Franck said both drivers were rescued by "
     "harbour police.\n\nEngineers had inspected the steel bridge in March, Franck said."),
    ("Two cars plunge as Kessel Street bridge fails", "Daily Ledger", "2031-09-12",
     "Two cars plunged into the Amber River when the Kessel Street bridge in Port Elsin gave way "
     "on Tuesday. Mayor Odile Franck said the drivers were pulled from the water alive.\n\nThe "
     "city has closed the riverfront road while divers search the wreckage."),
    ("Port Elsin mayor orders bridge inspections after collapse", "Coast Herald", "2031-09-13",
     "Port Elsin mayor Odile Franck ordered inspections of every bridge over the Amber River a "
     "day after the Kessel Street bridge collapsed. Franck said the steel bridge had passed an "
     "inspection in March.\n\nTwo drivers whose cars fell into the river were treated in "
     "hospital."),
    ("Questions mount over Kessel Street bridge", "Metro Post", "2031-09-13",
     "Engineers in Port Elsin asked why the Kessel Street bridge failed months after an "
     "inspection found it sound. Mayor Odile Franck said an independent panel would examine the "
     "collapse into the Amber River.\n\nTwo motorists survived the fall, police said."),
]
RECOUNT = [
    ("Marlow County orders recount in sheriff race", "Valley Courier", "2031-11-08",
     "Election officials in Marlow County ordered a full recount in the sheriff's race on "
     "Wednesday after Dana Quill led Rupert Haines by 41 votes. County clerk Ines Varga said "
     "the hand count would begin Monday.\n\nHaines had asked for the recount, Varga said."),
    ("Sheriff race too close to call, recount set", "Daily Ledger", "2031-11-08",
     "The race for Marlow County sheriff will be recounted by hand after Dana Quill finished 41 "
     "votes ahead of Rupert Haines, clerk Ines Varga said on Wednesday.\n\nQuill said she was "
     "confident the result would stand."),
    ("Marlow County recount begins", "Coast Herald", "2031-11-10",
     "Workers in Marlow County began recounting ballots in the sheriff's race, clerk Ines Varga "
     "said, with Dana Quill holding a 41-vote lead over Rupert Haines.\n\nObservers from both "
     "campaigns watched the count."),
    ("Haines concedes nothing as Marlow recount goes on", "Metro Post", "2031-11-10",
     "Rupert Haines said he would wait for the Marlow County recount before conceding the "
     "sheriff's race to Dana Quill. Clerk Ines Varga said the count would finish by Friday.\n\n"
     "Quill led by 41 votes after election night."),
]
NEW = [
    ("Harwick Valley evacuation order lifted", "Evening Star", "2031-07-06",
     "Residents of Harwick Valley were allowed home on Sunday after fire chief Maren Tolliver "
     "lifted the evacuation order. The wildfire near the reservoir is now half contained, "
     "Tolliver said.\n\nAbout 2,300 people had left their homes."),
    ("Marlow County recount confirms Quill win", "Evening Star", "2031-11-12",
     "The Marlow County recount confirmed Dana Quill as sheriff, clerk Ines Varga said on "
     "Friday, with Quill ahead of Rupert Haines by 39 votes.\n\nHaines conceded the race."),
]
STORIES = {"fire": FIRE, "bridge": BRIDGE, "recount": RECOUNT}


def _record(item: tuple[str, str, str, str]) -> dict[str, str]:
    title, outlet, day, body = item
    return {"title": title, "outlet": outlet, "published": day, "text": f"{title}\n\n{body}"}


def _write_jsonl(path: Path, items: list[tuple[str, str, str, str]]) -> Path:
    path.write_text("".join(json.dumps(_record(x)) + "\n" for x in items), encoding="utf-8")
    return path


def _cheap_config(tmp_path: Path) -> PipelineConfig:
    """Only the two cheapest article stages: enough to exercise batching and the store."""
    return PipelineConfig((StageConfig("clean.lines.v1"), StageConfig("meta.rules.v1")))


def _article_events(db: Path) -> dict[str, str]:
    """title -> event id, read with plain SQL."""
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute(
            "SELECT a.title, ea.event_id FROM articles a"
            " JOIN event_articles ea ON ea.article_id = a.id").fetchall())
    finally:
        conn.close()


def _interleaved() -> list[tuple[str, str, str, str]]:
    return [x for group in zip(FIRE, BRIDGE, RECOUNT, strict=True) for x in group]


@pytest.mark.model
def test_stream_clusters_three_stories_and_resumes_with_new_only(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    first = _write_jsonl(tmp_path / "day1.jsonl", _interleaved())
    config = _cheap_config(tmp_path)
    report = ingest_stream([first], db, config=config, batch_size=5)
    assert (report.read, report.new, report.skipped, report.failed) == (12, 12, 0, 0)
    assert report.batches == 3 and report.events_new == 3
    by_title = _article_events(db)
    for items in STORIES.values():
        assert len({by_title[t] for t, *_ in items}) == 1
    assert len(set(by_title.values())) == 3

    second = _write_jsonl(tmp_path / "day2.jsonl", NEW)
    again = ingest_stream([first, second], db, config=config, batch_size=5)
    assert (again.read, again.new, again.skipped) == (14, 2, 12)
    assert again.events_new == 0 and again.events_touched == 2
    by_title = _article_events(db)
    assert by_title[NEW[0][0]] == by_title[FIRE[0][0]]
    assert by_title[NEW[1][0]] == by_title[RECOUNT[0][0]]

    events = event_summaries(db)
    assert [e.size for e in events] == [5, 5, 4]
    fire = next(e for e in events if e.id == by_title[FIRE[0][0]])
    assert fire.first == "2031-07-04" and fire.last == "2031-07-06"
    assert set(fire.outlets) == {"Valley Courier", "Daily Ledger", "Coast Herald", "Metro Post",
                                 "Evening Star"}
    assert "harwick valley" in fire.top_entities or "Harwick Valley" in fire.top_entities
    assert not fire.analysed

    # A third run with nothing new commits nothing and changes nothing.
    idle = ingest_stream([first, second], db, config=config, batch_size=5)
    assert (idle.new, idle.skipped, idle.batches) == (0, 14, 0)
    assert _article_events(db) == by_title

    # Cheaply ingested stories are completed by the article stages when analysed.
    recount = by_title[RECOUNT[0][0]]
    (path,) = analyze_stored(db, tmp_path / "out", event_ids=[recount])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5 and data["claims"]
    conn = sqlite3.connect(db)
    layers = dict(conn.execute("SELECT title, layers FROM articles").fetchall())
    conn.close()
    assert "attributions" in json.loads(layers[RECOUNT[0][0]])
    assert "attributions" not in json.loads(layers[FIRE[0][0]])


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<!-- an invented feed -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <language>en-gb</language>
  <item>
    <title>Ferry &amp; tug collide off Lorn Point</title>
    <link>https://gazette.example/ferry</link>
    <pubDate>Tue, 14 Oct 2031 08:30:00 GMT</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>A ferry and a tug collided off Lorn Point on Monday night,
      the coastguard said.</p><p>Nobody was hurt, said coastguard officer <b>Ilse Brandt</b>.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Lorn Point harbour reopens</title>
    <link>https://gazette.example/reopen</link>
    <pubDate>Wed, 15 Oct 2031 09:00:00 GMT</pubDate>
    <description>The harbour at Lorn Point reopened on Wednesday after divers cleared
      debris.</description>
  </item>
  <item><title>Empty entry</title></item>
</channel>
</rss>
"""


def test_feed_file_gives_one_article_per_entry(tmp_path: Path) -> None:
    path = tmp_path / "gazette.rss"
    path.write_text(RSS, encoding="utf-8")
    assert is_feed(path)
    items = list(iter_feed(path))
    arts = [x for x in items if isinstance(x, Article)]
    assert [a.title for a in arts] == ["Ferry & tug collide off Lorn Point",
                                       "Lorn Point harbour reopens"]
    first = arts[0]
    assert first.text == ("A ferry and a tug collided off Lorn Point on Monday night, the "
                          "coastguard said.\n\nNobody was hurt, said coastguard officer Ilse "
                          "Brandt.")
    i = first.text.index("Ilse Brandt")
    assert first.text[i : i + len("Ilse Brandt")] == "Ilse Brandt"
    assert (first.outlet, first.url, first.published, first.language) == (
        "Harbour Gazette", "https://gazette.example/ferry", "2031-10-14T08:30:00Z", "en")
    assert arts[1].text.startswith("The harbour at Lorn Point reopened")
    assert [x.source for x in items if not isinstance(x, Article)] == [f"{path}#entry-3"]

    # The same XML named .xml is a feed; an XML file with another root is not.
    xml = tmp_path / "gazette.xml"
    xml.write_text(RSS, encoding="utf-8")
    other = tmp_path / "sitemap.xml"
    other.write_text('<?xml version="1.0"?><urlset><url>x</url></urlset>', encoding="utf-8")
    assert is_feed(xml) and not is_feed(other)
    # A folder of feeds streams their entries; estimate_total counts the entries by tag.
    folder = tmp_path
    streamed = [x for x in iter_stream([folder]) if isinstance(x, Article)]
    assert len(streamed) == 4  # two feeds (same entries), sitemap skipped
    assert estimate_total([path]) == 3


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Inland Review</title>
  <entry>
    <title>Canal lock repaired</title>
    <link href="https://review.example/lock"/>
    <updated>2031-05-02T10:00:00Z</updated>
    <content type="html">&lt;p&gt;The Breckmoor canal lock was repaired
      on Friday.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_second_ingest_on_the_same_store_is_refused(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    db = tmp_path / "busy.db"
    src = _write_jsonl(tmp_path / "one.jsonl", FIRE[:1])
    with open(tmp_path / "busy.db.ingest-lock", "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a run in progress
        with pytest.raises(StoreError, match="another `rashomon ingest` is writing"):
            ingest_stream([src], db)
    assert not db.exists()


@pytest.mark.model
def test_feed_ingests_into_store(tmp_path: Path) -> None:
    rss = tmp_path / "gazette.rss"
    rss.write_text(RSS, encoding="utf-8")
    atom = tmp_path / "review.atom"
    atom.write_text(ATOM, encoding="utf-8")
    assert feed_text("<p>a</p><p>b  c</p>") == "a\n\nb c"
    db = tmp_path / "feed.db"
    report = ingest_stream([rss, atom], db, config=_cheap_config(tmp_path))
    assert (report.new, report.failed) == (3, 1)
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT outlet, format, text FROM articles ORDER BY title").fetchall()
    errors = conn.execute("SELECT source, reason FROM ingest_errors").fetchall()
    conn.close()
    assert rows[0] == ("Inland Review", "feed", "The Breckmoor canal lock was repaired on Friday.")
    assert {r[0] for r in rows} == {"Inland Review", "Harbour Gazette"}
    assert errors == [(f"{rss}#entry-3", "feed entry has no content or summary text")]


@pytest.mark.model
def test_analyze_stored_event_writes_analysis(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    src = _write_jsonl(tmp_path / "day1.jsonl", _interleaved())
    ingest_stream([src], db)  # the full default article pipeline
    fire_id = _article_events(db)[FIRE[0][0]]
    paths = analyze_stored(db, tmp_path / "out", event_ids=[fire_id])
    assert paths == [tmp_path / "out" / fire_id / "analysis.json"]
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    titles = {a["title"] for a in data["articles"]}
    assert titles == {t for t, *_ in FIRE}
    assert (tmp_path / "out" / fire_id / "report.html").is_file()
    summary = next(e for e in event_summaries(db) if e.id == fire_id)
    assert summary.analysed and not summary.stale and summary.size == 4
    assert "Maren Tolliver" in summary.top_entities
    # The event layers went into the store; the other stories are untouched.
    conn = sqlite3.connect(db)
    n_claims = conn.execute("SELECT COUNT(*) FROM claims WHERE event_id = ?",
                            (fire_id,)).fetchone()[0]
    n_articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    conn.close()
    assert n_claims > 0 and n_articles == 12

    # A new report on the fire makes its analysis stale; --all re-analyses every story.
    ingest_stream([_write_jsonl(tmp_path / "day2.jsonl", NEW[:1])], db)
    assert next(e for e in event_summaries(db) if e.id == fire_id).stale
    paths = analyze_stored(db, tmp_path / "out", all_events=True, min_size=4)
    assert len(paths) == 3 and paths[0].parent.name == fire_id
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5
    assert not any(e.stale for e in event_summaries(db))


# --------------------------------------------------------------------------------------------
# Kill and resume


_WORDS = [
    "harbour", "council", "budget", "storm", "school", "rail", "strike", "court", "museum",
    "festival", "bridge", "election", "river", "farm", "hospital", "port", "market", "library",
    "stadium", "tunnel",
]
_PLACES = [
    "Aldmoor", "Brinley", "Corvath", "Dunmere", "Elswick", "Farrow", "Glenhaven", "Hollis",
    "Ivington", "Jessop", "Kelby", "Lanmore", "Mortlake", "Northam", "Oakridge", "Pelham",
    "Quenby", "Radstock", "Selwood", "Tarrant",
]


def _generated(n: int) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        place, word = _PLACES[i % len(_PLACES)], _WORDS[(i * 7) % len(_WORDS)]
        text = (f"{place} {word} report number {i}\n\nOfficials in {place} discussed the {word} "
                f"on day {i % 28 + 1}. Councillor Ada Num{i} said the {word} plan would cost "
                f"{(i * 37) % 900 + 100} thousand pounds.\n\nResidents of {place} asked for "
                f"more details about item {i}.")
        out.append({"title": f"{place} {word} report number {i}", "outlet": f"Outlet {i % 5}",
                    "published": f"2031-03-{i % 28 + 1:02d}", "text": text})
    return out


_CHILD = """
import sys
from pathlib import Path
from rashomon.config import PipelineConfig
from rashomon.streams.runner import ingest_stream
cfg = PipelineConfig.from_toml(Path(sys.argv[3]))
ingest_stream([sys.argv[1]], Path(sys.argv[2]), config=cfg, batch_size=int(sys.argv[4]))
"""

_TOML = """
[[stages]]
name = "clean.lines.v1"

[[stages]]
name = "meta.rules.v1"
"""


def _committed(db: Path) -> int:
    """Articles committed so far (waits out the writer's lock; 0 before the store exists)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # the first migration is not committed yet
            return 0
        raise


def _snapshot(db: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    conn = sqlite3.connect(db)
    try:
        arts = conn.execute("SELECT id, title, layers FROM articles ORDER BY id").fetchall()
        links = conn.execute(
            "SELECT a.title, ea.event_id FROM event_articles ea JOIN articles a"
            " ON a.id = ea.article_id ORDER BY a.title").fetchall()
        n_events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        members = conn.execute("SELECT COUNT(*) FROM story_members").fetchone()[0]
        assert members == len(arts)
        assert n_events == conn.execute("SELECT COUNT(*) FROM story_events").fetchone()[0]
    finally:
        conn.close()
    return arts, links


@pytest.mark.model
@pytest.mark.slow
def test_sigkill_then_resume_equals_uninterrupted_run(tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _generated(120)), encoding="utf-8")
    toml = tmp_path / "cheap.toml"
    toml.write_text(_TOML, encoding="utf-8")
    killed = tmp_path / "killed.db"
    cmd = [sys.executable, "-c", _CHILD, str(src), str(killed), str(toml), "12"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while _committed(killed) < 24 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _committed(killed)
    assert 24 <= partial < 120 and partial % 12 == 0  # whole batches only

    cfg = PipelineConfig.from_toml(toml)
    resumed = ingest_stream([src], killed, config=cfg, batch_size=12)
    assert resumed.skipped == partial and resumed.new == 120 - partial

    clean = tmp_path / "clean.db"
    full = ingest_stream([src], clean, config=cfg, batch_size=12)
    assert full.new == 120
    # Same articles (each once) and the same stories as the uninterrupted run.
    assert _snapshot(killed) == _snapshot(clean)


_CHILD_INT = """
import sys
from pathlib import Path
from rashomon.config import PipelineConfig
from rashomon.streams.report import IngestInterrupted
from rashomon.streams.runner import ingest_stream
cfg = PipelineConfig.from_toml(Path(sys.argv[3]))
try:
    ingest_stream([sys.argv[1]], Path(sys.argv[2]), config=cfg, batch_size=6)
except IngestInterrupted as exc:
    print("committed", exc.report.new, exc.report.batches, flush=True)
    sys.exit(130)
"""


@pytest.mark.model
@pytest.mark.slow
def test_ctrl_c_reports_what_was_committed(tmp_path: Path) -> None:
    src = tmp_path / "mid.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _generated(60)), encoding="utf-8")
    toml = tmp_path / "cheap.toml"
    toml.write_text(_TOML, encoding="utf-8")
    db = tmp_path / "int.db"
    proc = subprocess.Popen([sys.executable, "-c", _CHILD_INT, str(src), str(db), str(toml)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while _committed(db) < 12 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, _err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    _, new, batches = out.split()
    assert int(new) == _committed(db) == 6 * int(batches)
