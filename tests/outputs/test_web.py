"""The read-only viewer: routes, 404s, traversal, CSP, read-only connections, host binding."""

from __future__ import annotations

import inspect
import re
import sqlite3
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from rashomon.errors import StoreError
from rashomon.outputs.web import CSP, build_server, create_app, is_loopback, serve
from rashomon.store import write_sqlite
from sample_event import HOSTILE_CLAIM, hostile_event, sample_event

EV_LINK = r'<a class="ev" href="([^"]+)"[^>]*><q[^>]*>[^<]*<b class="span">([^<]*)</b>'
CAR_DECK = ("Bluewake Lines said the fire started on the car deck, where a passenger's van "
            "caught fire.")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "r.db"
    write_sqlite(sample_event(), path)
    write_sqlite(hostile_event(), path)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db), base_url="http://127.0.0.1")


def _event_ids(client: TestClient) -> dict[str, str]:
    html = client.get("/").text
    return {name: eid for eid, name in re.findall(r'href="/event/([0-9a-f]+)">([^<]+)</a>', html)}


def test_index_lists_events_and_pages_render(client: TestClient) -> None:
    ids = _event_ids(client)
    assert set(ids) == {"Ferry Aurelia fire (invented sample)",
                        "Ferry Aurelia fire, with a hostile report (invented)"}
    eid = ids["Ferry Aurelia fire (invented sample)"]
    for section in ("", "/brief", "/disputes", "/coverage", "/numbers", "/timeline", "/quotes",
                    "/entities", "/errors"):
        r = client.get(f"/event/{eid}{section}")
        assert r.status_code == 200, section
        assert r.headers["content-type"].startswith("text/html")
    disputes = client.get(f"/event/{eid}/disputes").text
    assert "Where did the fire start?" in disputes
    assert "/article/" in disputes and "#hl" in disputes


def test_evidence_link_opens_article_with_span_highlighted(client: TestClient) -> None:
    eid = _event_ids(client)["Ferry Aurelia fire (invented sample)"]
    html = client.get(f"/event/{eid}/disputes").text
    hrefs = re.findall(EV_LINK, html)
    href = next(h for h, q in hrefs if q.startswith("Bluewake Lines said the fire"))
    r = client.get(href.replace("&amp;", "&").split("#")[0])
    assert r.status_code == 200
    marked = re.findall(r'<mark id="hl">(.*?)</mark>', r.text, re.S)
    assert [m.replace("&#39;", "'") for m in marked] == [CAR_DECK]
    assert "Findings in this article" in r.text


def test_article_page_escapes_hostile_text(client: TestClient) -> None:
    eid = _event_ids(client)["Ferry Aurelia fire, with a hostile report (invented)"]
    html = client.get(f"/event/{eid}/disputes").text
    assert "<script>alert" not in html and "<img src=x" not in html
    hrefs = re.findall(EV_LINK, html)
    href = next(h for h, q in hrefs if q == HOSTILE_CLAIM).replace("&amp;", "&")
    r = client.get(href.split("#")[0])
    assert r.status_code == 200
    for raw in ("<script>alert", "<img src=x", "<svg onload", "<!--"):
        assert raw not in r.text, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert f'<mark id="hl">{HOSTILE_CLAIM}</mark>' in r.text
    assert 'href="javascript:' not in r.text


def test_not_found_and_bad_requests_are_clear(client: TestClient) -> None:
    cases = {
        "/event/nope": 404,
        "/event/nope/disputes": 404,
        "/article/0000000000000000": 404,
        "/nope": 404,
        "/article/..%2F..%2Fetc%2Fpasswd": 404,
        "/article/../../etc/passwd": 404,
        "/article/%2e%2e/%2e%2e/etc/passwd": 404,
        "/event/..%2F..%2Fetc%2Fpasswd/disputes": 404,
        "/app.css/../../../../etc/passwd": 404,
        "/static/../../etc/passwd": 404,
    }
    for url, status in cases.items():
        r = client.get(url)
        assert r.status_code == status, url
        assert "root:" not in r.text
        assert r.headers["content-security-policy"] == CSP
    eid = _event_ids(client)["Ferry Aurelia fire (invented sample)"]
    assert "No section" in client.get(f"/event/{eid}/secrets").text
    article = re.search(r"/article/([0-9a-f]+)", client.get(f"/event/{eid}").text)
    assert article is not None
    base = f"/article/{article.group(1)}"
    for query in ("?start=5", "?start=x&end=9", "?start=9&end=5", "?start=0&end=999999",
                  "?start=-1&end=4"):
        r = client.get(base + query)
        assert r.status_code == 400, query
        assert "start" in r.text


def test_every_response_carries_the_csp(client: TestClient) -> None:
    for url in ("/", "/search?q=ferry", "/app.css", "/nope"):
        r = client.get(url)
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in CSP and "script-src 'none'" in CSP
    # No page refers to anything off this origin.
    eid = _event_ids(client)["Ferry Aurelia fire (invented sample)"]
    for url in ("/", f"/event/{eid}", f"/event/{eid}/numbers", "/search?q=ferry"):
        html = client.get(url).text
        assert not re.search(r'(?:src|href|action)="(?:https?:)?//', html), url


def test_search(client: TestClient) -> None:
    r = client.get("/search?q=passenger+van")
    assert r.status_code == 200
    assert "<b>van</b>" in r.text and "Tamsel Gazette" in r.text
    r = client.get("/search?q=%22%20OR%20NEAR(")
    assert r.status_code == 200 and "0 articles match" in r.text
    r = client.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert "<script>alert(1)" not in r.text
    assert client.get("/search").status_code == 200


def test_store_is_opened_read_only(db: Path) -> None:
    app = create_app(db)
    before = db.stat().st_mtime_ns
    client = TestClient(app, base_url="http://127.0.0.1")
    # No route accepts a write verb.
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/").status_code == 405
    # And the connections the app uses refuse writes at the SQLite level.
    from rashomon.outputs.web import ReadOnlyStore

    conn = ReadOnlyStore(db).connect()
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        conn.execute("DELETE FROM events")
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("CREATE TABLE pwned (x)")
    conn.close()
    assert db.stat().st_mtime_ns == before


def test_missing_or_foreign_database_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "missing.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError, match="not a rashomon store"):
        create_app(other)


def test_host_header_must_be_loopback(db: Path) -> None:
    app = create_app(db)
    assert TestClient(app, base_url="http://localhost").get("/").status_code == 200
    # A DNS-rebinding page would arrive with its own Host name.
    assert TestClient(app, base_url="http://evil.example").get("/").status_code == 400


def test_binds_loopback_by_default_and_warns_otherwise(db: Path) -> None:
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(build_server).parameters["host"].default == "127.0.0.1"
    server = build_server(db, port=0)
    assert server.config.host == "127.0.0.1"
    with pytest.warns(UserWarning, match="anyone who can reach this machine"):
        wide = build_server(db, host="0.0.0.0", port=0)
    assert wide.config.host == "0.0.0.0"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")


def test_viewer_sees_a_rewritten_store(tmp_path: Path) -> None:
    from dataclasses import replace

    db = tmp_path / "r.db"
    event = sample_event()
    write_sqlite(event, db)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    url = f"/event/{event.id}/disputes"
    assert "Where did the fire start?" in client.get(url).text
    assert "Where did the fire start?" in client.get(url).text  # served again (cached view)
    renamed = replace(event.disputes[0], question="Which deck burned first?")
    write_sqlite(replace(event, disputes=(renamed, *event.disputes[1:])), db)
    html = client.get(url).text
    assert "Which deck burned first?" in html and "Where did the fire start?" not in html


def test_search_without_fts_is_explained(tmp_path: Path) -> None:
    db = write_sqlite(sample_event(), tmp_path / "r.db")
    conn = sqlite3.connect(db)
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE articles_fts")
    conn.execute("DELETE FROM _migrations WHERE name = 'm002_articles_fts'")
    conn.commit()
    conn.close()
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    assert 'href="/search"' not in client.get("/").text  # no search link offered
    r = client.get("/search?q=van")
    assert r.status_code == 503 and "FTS5" in r.text


def _headers_ok(r) -> None:  # type: ignore[no-untyped-def]
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("%00", "control characters"),  # sqlite3: unterminated string
        ("harbour%00fire", "control characters"),
        ("%01%1b", "control characters"),
    ],
)
def test_search_with_control_characters_is_a_clear_400(client: TestClient, query: str,
                                                       said: str) -> None:
    r = client.get(f"/search?q={query}")
    assert r.status_code == 400
    assert said in r.text
    _headers_ok(r)


@pytest.mark.parametrize("value", ["%C2%B2", "%D9%A3", "%EF%BC%93", "1%C2%B2", "%E2%91%A0"])
def test_non_ascii_digits_in_span_arguments_are_a_400(client: TestClient, value: str) -> None:
    # "²", "٣", "３" and "①" are digits to str.isdigit() but not to int().
    eid = _event_ids(client)["Ferry Aurelia fire (invented sample)"]
    article = re.search(r"/article/([0-9a-f]+)", client.get(f"/event/{eid}").text)
    assert article is not None
    for query in (f"?start={value}&end=9", f"?start=0&end={value}"):
        r = client.get(f"/article/{article.group(1)}{query}")
        assert r.status_code == 400, query
        assert "non-negative whole number" in r.text
        _headers_ok(r)


def test_an_unexpected_error_page_carries_the_security_headers(db: Path) -> None:
    app = create_app(db)

    async def boom(request):  # type: ignore[no-untyped-def]
        raise RuntimeError("an internal fault with <script>alert(1)</script> in it")

    app.add_route("/boom", boom)
    client = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)
    r = client.get("/boom")
    assert r.status_code == 500
    _headers_ok(r)
    assert r.headers["content-type"].startswith("text/html")
    assert "<script>" not in r.text and "Traceback" not in r.text
    assert "internal fault" not in r.text  # the detail stays in the server log
