"""URL ingestion against a local HTTP server on 127.0.0.1 (no outside network)."""

from __future__ import annotations

import gzip
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rashomon.config import Limits


@pytest.fixture(scope="module")
def server(page: str, story: str) -> Iterator[str]:
    """A local server with an article page, redirects, a 404, big bodies and other types."""
    big = b"x" * 50_000
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {
        "/flood": (200, {"Content-Type": "text/html; charset=utf-8"}, page.encode()),
        "/moved": (302, {"Location": "/flood"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/story.txt": (
            200,
            {"Content-Type": "text/plain; charset=windows-1252"},
            story.encode("cp1252"),
        ),
        "/feed.json": (
            200,
            {"Content-Type": "application/json"},
            json.dumps([{"text": story}]).encode(),
        ),
        "/big": (200, {"Content-Type": "text/html"}, big),
        "/big-stream": (200, {"Content-Type": "text/html", "X-No-Length": "1"}, big),
        "/bomb": (
            200,
            {"Content-Type": "text/html", "Content-Encoding": "gzip"},
            gzip.compress(big),
        ),
        "/logo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(64)),
        "/empty": (200, {"Content-Type": "text/html"}, b""),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            status, headers, body = routes.get(
                self.path, (404, {"Content-Type": "text/plain"}, b"nope")
            )
            self.send_response(status)
            for k, v in headers.items():
                if k != "X-No-Length":
                    self.send_header(k, v)
            if "X-No-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # keep test output quiet

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()  # polls every 0.5 s, hence one server per module
        httpd.server_close()
        thread.join()


def test_html_page_and_redirect(server: str, ingest) -> None:
    articles, failures = ingest([f"{server}/flood", f"{server}/moved"])
    assert failures == []
    direct, redirected = articles
    assert direct.source == f"{server}/flood" and redirected.source == f"{server}/moved"
    assert redirected.url == f"{server}/flood"  # where the redirect ended
    assert direct.format == "url"
    assert direct.title == "Merrow Bay flood: families moved overnight"
    assert direct.text == redirected.text
    assert "\n\n“We moved forty families before midnight,”" in direct.text


def test_plain_text_and_json_urls(server: str, ingest, story: str) -> None:
    articles, failures = ingest([f"{server}/story.txt", f"{server}/feed.json"])
    assert failures == []
    assert [a.text for a in articles] == [story, story]
    assert [a.format for a in articles] == ["url", "url"]
    assert articles[0].url == f"{server}/story.txt"


def test_url_failures(server: str, ingest) -> None:
    urls = [
        f"{server}/{p}"
        for p in ("missing", "loop", "big", "big-stream", "bomb", "logo.png", "empty")
    ]
    articles, failures = ingest(urls, Limits(max_file_bytes=20_000))
    assert articles == []
    assert [x.source for x in failures] == urls
    reasons = [x.reason for x in failures]
    assert reasons[0] == "HTTP 404 Not Found"
    assert reasons[1] == "too many redirects (more than 5)"
    assert reasons[2] == "response is 48.8 KB, over the 19.5 KB limit (raise it with --max-file-mb)"
    assert reasons[3].startswith("response is larger than that, over the 19.5 KB limit")
    assert reasons[4].startswith("response is larger than that")  # counted after gunzip
    assert (
        reasons[5]
        == "unsupported content type image/png (rashomon reads HTML, plain text and JSON)"
    )
    assert reasons[6] == "the server sent an empty body"


def test_offline_gives_a_clear_failure(ingest) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    _, [failure] = ingest([url])
    assert failure.source == url
    assert failure.reason.startswith(f"cannot reach {url}: offline, DNS failure or server down")
