"""A local, read-only web viewer over a rashomon SQLite store (Starlette + Jinja2).

Security model: the database is opened with ``mode=ro`` (and ``query_only``), every query is
parameterised, no route touches the file system beyond the database and the bundled templates,
every page is served under a Content-Security-Policy that allows nothing but this origin (and no
script at all), only loopback Host headers are accepted unless told otherwise, and the server
binds 127.0.0.1 by default.
"""

from __future__ import annotations

import ipaddress
import re
import sqlite3
import threading
import warnings
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rashomon.errors import StoreError
from rashomon.outputs.report.render import environment, evidence_parts, static_text
from rashomon.outputs.report.view import Ev, build_view
from rashomon.store import has_search, list_events, open_store, read_event, search

CSP = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'; img-src 'self' data:"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
SECTIONS = {
    "brief": "Brief", "disputes": "Disputes", "framing": "Framing", "coverage": "Coverage",
    "numbers": "Numbers", "timeline": "Timeline", "quotes": "Quotes",
    "integrity": "Quote integrity", "sourcing": "Sourcing", "entities": "Entities",
    "errors": "Errors",
}
MAX_QUERY_CHARS = 200
# C0/C1 controls and DEL: never in a search anyone typed; NUL ends an FTS5 string early.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
VIEW_CACHE_SIZE = 4


class _SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response, error pages included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def viewer_href(ev: Ev | Mapping[str, Any]) -> str:
    """Where an evidence link points in the viewer: the article page, span highlighted."""
    article, start, end = evidence_parts(ev)
    href = "/article/" + quote(article, safe="")
    if start is not None and end is not None:
        href += f"?start={start}&end={end}#hl"
    return href


class ReadOnlyStore:
    """Read-only connections to one database file, one per request."""

    def __init__(self, path: Path) -> None:
        # An analysis folder works too: its store is OUTDIR/rashomon.db.
        self.path = path / "rashomon.db" if path.is_dir() else path
        conn = self.connect()  # fail at start-up, not on the first request
        self.search_enabled = has_search(conn)
        conn.close()

    def connect(self) -> sqlite3.Connection:
        conn = open_store(self.path, readonly=True)
        conn.execute("PRAGMA query_only = ON")
        return conn

    @contextmanager
    def session(self) -> Iterator[sqlite3.Connection]:
        conn = self.connect()
        try:
            yield conn
        finally:
            conn.close()


def _segments(text: str, cuts: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """Split ``text`` into runs, each with the set of classes (``hl``, ``bp``) covering it."""
    points = {0, len(text)}
    for s, e, _ in cuts:
        points.update((max(0, min(s, len(text))), max(0, min(e, len(text)))))
    bounds = sorted(points)
    out = []
    first_hl = True
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a == b:
            continue
        classes = {cls for s, e, cls in cuts if s <= a and b <= e}
        seg: dict[str, Any] = {"text": text[a:b], "hl": "hl" in classes,
                               "bp": "bp" in classes, "anchor": False}
        if seg["hl"] and first_hl:
            seg["anchor"] = True
            first_hl = False
        out.append(seg)
    return out


def _int_arg(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    # str.isdigit() also accepts "²", "٣", "３": only ASCII digits make an int() here.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        raise HTTPException(400, f"{name} must be a non-negative whole number")
    return int(raw)


def create_app(
    db_path: Path | str, *, allowed_hosts: tuple[str, ...] | None = None,
    template_dir: Path | None = None,
) -> Starlette:
    """Build the viewer for one store.

    Args:
        db_path: the SQLite store written by ``rashomon analyze`` (or the folder holding it).
        allowed_hosts: Host headers accepted (DNS-rebinding guard); loopback names by default.
        template_dir: optional folder with templates overriding the built-in ones.

    Returns:
        The Starlette application.

    Raises:
        StoreError: the file is missing or is not a rashomon store.
    """
    store = ReadOnlyStore(Path(db_path))
    env: jinja2.Environment = environment(str(template_dir) if template_dir else None)
    css = static_text("_style.css")

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(href=viewer_href, sections=SECTIONS,
                                             search_enabled=store.search_enabled, **context)
        return HTMLResponse(html, status_code=status)

    views: OrderedDict[tuple[str, str, int], dict[str, Any]] = OrderedDict()
    lock = threading.Lock()

    def event_view(conn: sqlite3.Connection, event_id: str) -> dict[str, Any]:
        row = conn.execute("SELECT id, written_at FROM events WHERE id = ?",
                           (event_id,)).fetchone()
        if row is None:
            raise HTTPException(404, "No such event in this store.")
        # Rebuilding a large event takes a second; keep the last few, keyed so that any
        # rewrite of the file (a new `analyze`) invalidates them.
        key = (row["id"], row["written_at"], store.path.stat().st_mtime_ns)
        with lock:
            if key in views:
                views.move_to_end(key)
                return views[key]
        view = build_view(read_event(conn, event_id))
        with lock:
            views[key] = view
            while len(views) > VIEW_CACHE_SIZE:
                views.popitem(last=False)
        return view

    def index(request: Request) -> Response:
        with store.session() as conn:
            events = list_events(conn)
        return page("web_index.html", events=events)

    def event_page(request: Request) -> Response:
        event_id = request.path_params["event_id"]
        section = request.path_params.get("section", "overview")
        if section != "overview" and section not in SECTIONS:
            raise HTTPException(404, f"No section {section!r}.")
        with store.session() as conn:
            view = event_view(conn, event_id)
        return page("web_event.html", v=view, section=section, event_id=view["event"]["id"])

    def article_page(request: Request) -> Response:
        article_id = request.path_params["article_id"]
        start, end = _int_arg(request, "start"), _int_arg(request, "end")
        with store.session() as conn:
            row = conn.execute(
                "SELECT id, outlet, title, published, source, url, text FROM articles"
                " WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise HTTPException(404, "No such article in this store.")
            text: str = row["text"]
            cuts = [(r["start"], r["end"], "bp") for r in conn.execute(
                'SELECT start, "end" FROM boilerplate WHERE article_id = ?', (article_id,))]
            findings = _findings(conn, article_id)
            events = conn.execute(
                "SELECT e.id, e.name FROM events e JOIN event_articles ea ON ea.event_id = e.id"
                " WHERE ea.article_id = ? ORDER BY e.name", (article_id,)).fetchall()
        highlight = None
        if start is not None or end is not None:
            if start is None or end is None or not start < end <= len(text):
                raise HTTPException(
                    400, f"start and end must satisfy 0 <= start < end <= {len(text)}")
            cuts.append((start, end, "hl"))
            highlight = {"start": start, "end": end, "text": text[start:end]}
        return page("web_article.html", article=row, segments=_segments(text, cuts),
                    highlight=highlight, findings=findings, events=events)

    def search_page(request: Request) -> Response:
        query = request.query_params.get("q", "")[:MAX_QUERY_CHARS]
        if _CONTROL.search(query):
            raise HTTPException(400, "The search may not contain control characters.")
        hits: list[dict[str, Any]] = []
        error = None
        if query.strip():
            try:
                with store.session() as conn:
                    for h in search(conn, query):
                        hits.append({"article_id": h.article_id, "outlet": h.outlet,
                                     "title": h.title, "snippet": _snippet(h.snippet)})
            except StoreError as exc:
                error = str(exc)
            except sqlite3.Error:
                raise HTTPException(400, "This search cannot be run; try other words.") from None
        return page("web_search.html", query=query, hits=hits, error=error,
                    status=503 if error else 200)

    def stylesheet(request: Request) -> Response:
        return Response(css, media_type="text/css; charset=utf-8",
                        headers={"cache-control": "no-cache"})

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return page("web_error.html", status=exc.status_code, status_code=exc.status_code,
                    message=exc.detail)

    async def server_error(request: Request, exc: Exception) -> Response:
        # Sent by Starlette's outermost middleware, past _SecurityHeaders: the headers go on
        # here. The exception itself is logged by the server, never shown.
        try:
            response: Response = page("web_error.html", status=500, status_code=500,
                                      message="Something went wrong in the viewer; the "
                                      "details are in the server's log.")
        except Exception:  # noqa: BLE001 - the error page must not fail in turn
            response = Response("Internal server error", status_code=500,
                                media_type="text/plain; charset=utf-8")
        response.headers.update(SECURITY_HEADERS)
        return response

    hosts = list(allowed_hosts if allowed_hosts is not None else LOOPBACK_HOSTS)
    return Starlette(
        routes=[
            Route("/", index),
            Route("/event/{event_id}", event_page),
            Route("/event/{event_id}/{section}", event_page),
            Route("/article/{article_id}", article_page),
            Route("/search", search_page),
            Route("/app.css", stylesheet),
        ],
        middleware=[Middleware(_SecurityHeaders),
                    Middleware(TrustedHostMiddleware, allowed_hosts=hosts)],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )


def _snippet(snippet: str) -> list[dict[str, Any]]:
    # FTS5 marks matches with \x02 ... \x03; turn them into runs the template escapes.
    out = []
    for i, part in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
        if part:
            out.append({"text": part, "match": i % 2 == 1})
    return out


def _findings(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for r in conn.execute(
        'SELECT kind, start, "end", speaker_resolved, speaker, content FROM attributions'
        " WHERE article_id = ? ORDER BY start", (article_id,)):
        who = r["speaker_resolved"] or r["speaker"] or "unattributed"
        rows.append({"kind": f"quote ({r['kind']})", "label": f"{who}: {r['content']}",
                     "start": r["start"], "end": r["end"]})
    for r in conn.execute(
        'SELECT start, "end", text, slot, qualifier FROM quantities WHERE article_id = ?'
        " ORDER BY start", (article_id,)):
        rows.append({"kind": f"number ({r['slot'] or 'other'})", "label": r["text"],
                     "start": r["start"], "end": r["end"]})
    for r in conn.execute(
        'SELECT start, "end", text, value FROM times WHERE article_id = ? ORDER BY start',
        (article_id,)):
        rows.append({"kind": "date", "label": f"{r['text']} → {r['value'] or '?'}",
                     "start": r["start"], "end": r["end"]})
    for r in conn.execute(
        'SELECT start, "end", text, kind FROM hedges WHERE article_id = ? ORDER BY start',
        (article_id,)):
        rows.append({"kind": f"hedge ({r['kind']})", "label": r["text"], "start": r["start"],
                     "end": r["end"]})
    rows.sort(key=lambda r: (r["start"], r["end"]))
    for r in rows:
        r["href"] = viewer_href({"article": article_id, "start": r["start"], "end": r["end"]})
    return rows


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1 or localhost)."""
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def build_server(db_path: Path | str, host: str = "127.0.0.1", port: int = 8001) -> Any:
    """A configured (not yet running) uvicorn server for the viewer.

    Warns when ``host`` is not a loopback address: the viewer then answers anyone who can
    reach this machine, and the Host header check is widened to ``host``.
    """
    import uvicorn

    allowed: tuple[str, ...] = LOOPBACK_HOSTS
    if not is_loopback(host):
        warnings.warn(
            f"serving on {host}: anyone who can reach this machine can read the store; "
            "use 127.0.0.1 unless you mean to share it",
            UserWarning, stacklevel=2,
        )
        allowed = (*LOOPBACK_HOSTS, "*") if host in ("0.0.0.0", "::") else (*LOOPBACK_HOSTS, host)
    app = create_app(db_path, allowed_hosts=allowed)
    config = uvicorn.Config(app, host=host, port=port, log_level="info", lifespan="off",
                            server_header=False)
    return uvicorn.Server(config)


def serve(db_path: Path | str, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the viewer until interrupted (binds 127.0.0.1 unless told otherwise).

    Args:
        db_path: the SQLite store.
        host: interface to bind; anything but loopback triggers a warning.
        port: TCP port.
    """
    build_server(db_path, host, port).run()
