"""http(s) URLs: fetched with timeouts, a redirect limit and a size cap; read as HTML/text/JSON."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from types import TracebackType

import httpx

from ..config import Limits
from ..errors import IngestError
from ..model import Article, Failure
from ._common import too_large
from .html import article_from_html, looks_like_html
from .jsonl import iter_json_bytes
from .text import article_from_text, decode_bytes
from .warc import parse_content_type

_HTML = ("text/html", "application/xhtml+xml")
_JSON = ("application/json", "text/json")
USER_AGENT = "rashomon/0.1 (+offline comparison of news reports)"


class Fetcher:
    """Downloads URLs as articles over one pooled httpx client, opened on first use.

    Args:
        limits: ``max_file_bytes`` caps the (decoded) response body.
        timeout: seconds allowed for connecting and for each read.
        deadline: seconds allowed for a whole download (a trickling server is cut off).
        max_redirects: redirects followed before giving up.
    """

    def __init__(
        self,
        limits: Limits,
        *,
        timeout: float = 15.0,
        deadline: float = 60.0,
        max_redirects: int = 5,
    ) -> None:
        self.limits = limits
        self.timeout = timeout
        self.deadline = deadline
        self.max_redirects = max_redirects
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool, if one was opened."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=True,
                max_redirects=self.max_redirects,
                timeout=httpx.Timeout(self.timeout),
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,text/plain,application/json;q=0.9,*/*;q=0.5",
                },
            )
        return self._client

    def fetch(self, url: str) -> Iterator[Article | Failure]:
        """Download ``url`` and read it as HTML, plain text or JSON (by Content-Type).

        The article's ``source`` is ``url`` as given; its ``url`` is where redirects ended.

        Raises:
            IngestError: unreachable, timed out, too many redirects, HTTP error status, body over
                the size cap, unsupported content type, or no article in the body.
        """
        body, final_url, ctype = self._download(url)
        media, charset = parse_content_type(ctype)
        limits = self.limits
        if not body.strip():
            raise IngestError(url, "the server sent an empty body")
        # Servers that send no type, or a generic binary one, get their body sniffed instead.
        unknown = media in ("", "application/octet-stream")
        if media in _HTML or (unknown and looks_like_html(decode_bytes(body[:4096], source=url))):
            yield article_from_html(
                body, source=url, limits=limits, url=final_url, fmt="url", charset=charset
            )
        elif media in _JSON or media.endswith("+json"):
            for item in iter_json_bytes(body, source=url, limits=limits):
                if isinstance(item, Article):
                    item = replace(item, format="url", url=item.url or final_url)
                yield item
        elif media.startswith("text/") or unknown:
            art = article_from_text(body, source=url, limits=limits, fmt="url", declared=charset)
            yield replace(art, url=final_url)
        else:
            raise IngestError(
                url, f"unsupported content type {media} (rashomon reads HTML, plain text and JSON)"
            )

    def _download(self, url: str) -> tuple[bytes, str, str | None]:
        cap = self.limits.max_file_bytes
        try:
            with self._http().stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise IngestError(url, f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    raise too_large(url, int(declared), cap, what="response")
                chunks: list[bytes] = []
                size = 0
                start = time.monotonic()
                # iter_bytes undoes Content-Encoding, so the cap counts decompressed bytes.
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise too_large(url, None, cap, what="response")
                    if time.monotonic() - start > self.deadline:
                        raise IngestError(url, f"download took longer than {self.deadline:g} s")
                    chunks.append(chunk)
                return b"".join(chunks), str(resp.url), resp.headers.get("content-type")
        except httpx.TooManyRedirects:
            raise IngestError(url, f"too many redirects (more than {self.max_redirects})") from None
        except httpx.ConnectError as exc:
            raise IngestError(
                url, f"cannot reach {url}: offline, DNS failure or server down ({exc})"
            ) from None
        except httpx.TimeoutException:
            raise IngestError(
                url, f"timed out after {self.timeout:g} s (server too slow or offline)"
            ) from None
        except httpx.UnsupportedProtocol as exc:
            raise IngestError(url, f"unsupported URL: {exc}") from None
        except httpx.DecodingError as exc:
            raise IngestError(url, f"could not decode the response body: {exc}") from None
        except httpx.HTTPError as exc:
            raise IngestError(url, f"download failed: {exc or type(exc).__name__}") from None
        except (httpx.InvalidURL, ValueError) as exc:
            raise IngestError(url, f"invalid URL: {exc}") from None
