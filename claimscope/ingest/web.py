"""Fetch one web page over HTTP(S) and turn it into an Article, with every failure a reason, never a traceback.

Only the standard library's ``urllib`` is used: one GET, no cookies, no JavaScript. Feeds (``feeds.py``) fetch
through the same ``fetch`` so every request claimscope makes has the same User-Agent, limits and messages.
"""

from __future__ import annotations

import codecs
import http.client
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, replace
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from claimscope import __version__
from claimscope.errors import InputRejected
from claimscope.ingest.checks import MAX_CHARS
from claimscope.ingest.readers import Located, _guard, _html_article
from claimscope.model import Article

# Named honestly so a site can tell claimscope's requests apart in its logs, and allow or block them.
USER_AGENT = f"claimscope/{__version__} (news claim extraction; python-urllib)"
DEFAULT_TIMEOUT = 20.0
MAX_BYTES = 10_000_000  # a news page is well under 1 MB; ten times more is a video or a data dump
CHUNK = 64 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
SCHEMES = ("http", "https")


@dataclass
class Response:
    """What ``_get`` keeps of a response: enough for pages (charset) and feeds (the whole Content-Type)."""

    body: bytes
    charset: str | None
    content_type: str | None  # the bare media type, lower case, e.g. "text/html"
    header: str | None  # the Content-Type header as sent, for feedparser's own encoding rules


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_BYTES) -> tuple[bytes, str | None]:
    """The body of ``url`` and the charset its Content-Type names (``None`` if it names none or an unknown one).

    Raises ``InputRejected`` for a non-http(s) URL, an HTTP error status, a timeout (``timeout`` seconds for the
    whole request, not per read), a connection error, or a body over ``max_bytes``.
    """
    response = _get(url, timeout=timeout, max_bytes=max_bytes)
    return response.body, response.charset


def read_url(
    url: str,
    *,
    encoding: str | None = None,
    max_chars: int = MAX_CHARS,
    check_language: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> Located:
    """``(url, Article)`` for the page at ``url``, or ``(url, Rejection)`` saying why it is not one.

    ``encoding`` overrides the charset the server declares (the user asked for it explicitly).
    """

    def make() -> Article:
        response = _get(url, timeout=timeout, max_bytes=max_bytes)
        # A missing Content-Type is common on small servers; the HTML check in _html_article still applies.
        if response.content_type is not None and response.content_type not in HTML_TYPES:
            raise InputRejected(f"not an HTML page (Content-Type: {response.content_type}) at {url}")
        return page_article(response.body, url, encoding or response.charset, max_chars, check_language)

    return url, _guard(url, make)


def page_article(data: bytes, url: str, encoding: str | None, max_chars: int, check_language: bool) -> Article:
    """An Article from the HTML of a page fetched from (or archived for) ``url``: readers' HTML rules plus the URL.

    The URL is where the text was actually read, so it replaces a canonical link the page may name; the outlet
    falls back to the site's domain because an unnamed outlet cannot be grouped or filtered on.
    """
    article = _html_article(data, Path(urlsplit(url).path or "/"), encoding, max_chars, check_language)
    return replace(article, url=url, outlet=article.outlet or site_domain(url))


def site_domain(url: str) -> str | None:
    """``www.bbc.co.uk`` -> ``bbc.co.uk``: the host without the ``www.`` that says nothing about the outlet."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def usable_charset(charset: str | None) -> str | None:
    """The charset if Python knows it, else ``None`` so the content is detected instead.

    Servers send names like ``none`` or ``utf8mb4``; refusing the page for that would punish the reader.
    """
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return None


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """urllib follows redirects to ftp:// too; a page must stay on http(s)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Message, newurl: str
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise InputRejected(f"{req.full_url} redirects to a non-http(s) URL: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


def _get(url: str, *, timeout: float, max_bytes: int) -> Response:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        # urllib would happily open file:// and ftp://; a URL input must never read the local disk.
        raise InputRejected(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"})
    deadline = time.monotonic() + timeout
    try:
        with _OPENER.open(request, timeout=timeout) as resp:
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputRejected(_too_large(url, max_bytes))
            body = _read_limited(resp, url, deadline, timeout, max_bytes)
            body = _decompress(body, resp.headers.get("Content-Encoding"), url, max_bytes)
            header = resp.headers.get("Content-Type")
            content_type = resp.headers.get_content_type() if header else None
            return Response(body, usable_charset(resp.headers.get_content_charset()), content_type, header)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise InputRejected(f"HTTP {exc.code} from {url}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise InputRejected(_timed_out(timeout, url)) from exc
        raise InputRejected(f"cannot connect to {url}: {exc.reason}") from exc
    except TimeoutError as exc:  # socket.timeout is TimeoutError: raised by a read, after connecting
        raise InputRejected(_timed_out(timeout, url)) from exc
    except (http.client.HTTPException, OSError, ValueError) as exc:
        # Dropped connections (IncompleteRead, RemoteDisconnected), malformed URLs ("http://"), bad status lines.
        raise InputRejected(f"connection error with {url}: {exc.__class__.__name__}: {exc}") from exc


def _read_limited(resp: Any, url: str, deadline: float, timeout: float, max_bytes: int) -> bytes:
    """Read in chunks so a huge body is refused without holding it, and a slow trickle cannot outlast ``timeout``.

    urllib's timeout bounds each socket read only: a server sending a byte every second would never trip it.
    """
    parts: list[bytes] = []
    size = 0
    # read1, not read: read(n) loops until n bytes arrive, so the deadline would only be checked at the end.
    while chunk := resp.read1(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise InputRejected(_too_large(url, max_bytes))
        if time.monotonic() > deadline:
            raise InputRejected(_timed_out(timeout, url))
        parts.append(chunk)
    return b"".join(parts)


def _decompress(body: bytes, content_encoding: str | None, url: str, max_bytes: int) -> bytes:
    """urllib does not undo Content-Encoding; gzip is asked for because it saves most of a page's bytes."""
    encoding = (content_encoding or "").strip().lower()
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return body
    # wbits 47 accepts gzip and zlib headers; raw deflate (what some servers call "deflate") needs -15.
    for wbits in (47, -zlib.MAX_WBITS):
        inflater = zlib.decompressobj(wbits)
        try:
            # max_length bounds the output: a few kilobytes of gzip can inflate to gigabytes.
            out = inflater.decompress(body, max_bytes + 1)
        except zlib.error:
            continue
        if len(out) > max_bytes:
            raise InputRejected(_too_large(url, max_bytes))
        return out
    raise InputRejected(f"cannot decompress the {encoding} body from {url}")


def _too_large(url: str, max_bytes: int) -> str:
    return f"response from {url} is larger than {max_bytes:,} bytes"


def _timed_out(timeout: float, url: str) -> str:
    return f"timed out after {timeout:g} s fetching {url}"
