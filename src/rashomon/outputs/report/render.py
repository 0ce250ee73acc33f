"""Render an event as one self-contained HTML file (inline CSS and JS, no network, file://-safe).

Article text is untrusted: templates autoescape everything, the texts travel to the reader as a
JSON data block with ``<``, ``>`` and ``&`` escaped, the reader builds highlights with
``textContent`` only, and a Content-Security-Policy (hashes of our own inline style and script,
nothing else) stops anything that might still slip through from running or loading.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from rashomon.model import EventDoc
from rashomon.outputs.report.view import Ev, articles_payload, build_view

TEMPLATES = Path(__file__).parent / "templates"

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}


def json_for_script(data: Any) -> Markup:
    """JSON safe to place inside ``<script type="application/json">`` (as Django's json_script).

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes, so no text (``</script>``,
    ``<!--``) can end the element or start markup; ``JSON.parse`` restores them exactly.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return Markup(text)  # safe: escaped above for the script-data context


def _pkg_version() -> str:
    try:
        return version("rashomon")
    except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
        return "dev"


@cache
def environment(extra_dir: str | None = None) -> jinja2.Environment:
    """The Jinja2 environment (autoescape on for every template, strict undefined).

    Args:
        extra_dir: a folder searched before the built-in templates (to override sections).
    """
    dirs = [extra_dir] if extra_dir else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*dirs, str(TEMPLATES)]),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["bdi"] = bdi
    env.filters["bdi_join"] = bdi_join
    return env


def bdi(value: object) -> Markup:
    """``value`` escaped and isolated in ``<bdi>``: a name or string from an article that holds
    right-to-left text or a bidi control (U+202E...) cannot reorder the text around it."""
    return Markup("<bdi>%s</bdi>") % ("" if value is None else value)


def bdi_join(values: Iterable[object], sep: str = ", ") -> Markup:
    """Each value isolated (:func:`bdi`), joined by ``sep``."""
    return Markup(escape(sep)).join(bdi(v) for v in values)


def static_text(name: str) -> str:
    """The text of a bundled static template file (``_style.css``, ``_reader.js``)."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def evidence_parts(ev: Ev | Mapping[str, Any]) -> tuple[str, int | None, int | None]:
    """``(article id, start, end)`` of an evidence item or an ``{"article": ...}`` mapping."""
    if isinstance(ev, Ev):
        return ev.article, ev.start, ev.end
    start, end = ev.get("start"), ev.get("end")
    return (str(ev["article"]), None if start is None else int(start),
            None if end is None else int(end))


def report_href(ev: Ev | Mapping[str, Any]) -> str:
    """Where an evidence link points inside the static report (the reader opens on it)."""
    article, start, end = evidence_parts(ev)
    href = "#src=" + quote(article, safe="")
    if start is not None and end is not None:
        href += f"&s={start}&e={end}"
    return href


def render_report(
    event: EventDoc, *, template_dir: Path | None = None,
    href: Callable[[Ev | Mapping[str, Any]], str] = report_href,
) -> str:
    """Render the report for ``event`` as an HTML string.

    Args:
        event: the analysed event (sections whose layer is empty say so).
        template_dir: optional folder with templates overriding the built-in ones.
        href: how evidence links are written.
    """
    env = environment(str(template_dir) if template_dir else None)
    style = static_text("_style.css")
    script = static_text("_reader.js")
    csp = (
        "default-src 'none'; "
        f"style-src {_sha256(style)}; script-src {_sha256(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return env.get_template("report.html").render(
        v=build_view(event),
        href=href,
        style=Markup(style),  # safe: our own bundled CSS
        script=Markup(script),  # safe: our own bundled JS
        csp=csp,
        articles_json=json_for_script(articles_payload(event)),
        version=_pkg_version(),
    )


def write_report(event: EventDoc, path: Path, *, template_dir: Path | None = None) -> Path:
    """Write the self-contained HTML report for ``event`` to ``path`` (atomically).

    Args:
        event: the analysed event.
        path: the HTML file to write (``OUTDIR/report.html`` when called from ``analyze``).
        template_dir: optional folder with templates overriding the built-in ones.

    Returns:
        ``path``.
    """
    html = render_report(event, template_dir=template_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".report-", suffix=".html")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
