"""Web pages: a local HTTP server stands in for news sites, so every failure mode is exercised without a network."""

from __future__ import annotations

import gzip
import socket
import time
from pathlib import Path

import pytest

from claimscope.errors import InputRejected
from claimscope.ingest.web import USER_AGENT, fetch, read_url, site_domain
from claimscope.model import Article, Rejection
from tests.local_http import HAMA, LocalServer, Route, page

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
LEVANT = (FIXTURES / "levant_wire.html").read_bytes()


def test_page_becomes_an_article_with_the_url_it_was_read_from(server: LocalServer):
    server.routes["/news/idlib"] = Route(LEVANT)
    url = server.url("/news/idlib")
    origin, article = read_url(url)
    assert origin == url
    assert isinstance(article, Article)
    assert article.title == "Air strike kills 12 civilians in Idlib"
    assert article.text.startswith("At least 12 civilians were killed")
    assert "Subscribe" not in article.text and "Copyright" not in article.text
    # The page names a canonical URL of its own; the article keeps the one it was actually read from.
    assert article.url == url
    assert article.outlet == "Levant Wire"
    assert article.published == "2024-12-02"
    assert article.byline == "Jane Doe"


def test_outlet_falls_back_to_the_domain(server: LocalServer):
    server.routes["/hama"] = Route(page("Shelling kills four in Hama countryside", *HAMA))
    _, article = read_url(server.url("/hama"))
    assert isinstance(article, Article)
    assert article.outlet == "127.0.0.1"
    assert article.url == server.url("/hama")


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.bbc.co.uk/news/world-123", "bbc.co.uk"),
        ("https://WWW.Reuters.com/world/", "reuters.com"),
        ("http://sana.sy:8080/en/?p=1", "sana.sy"),
        ("https://wwwnews.example/a", "wwwnews.example"),
        ("not a url", None),
    ],
)
def test_site_domain_drops_www_only(url: str, domain: str | None):
    assert site_domain(url) == domain


def test_declared_charset_decodes_the_page(server: LocalServer):
    # ISO-8859-15 puts the euro sign where Latin-1 has "¤": only the declared charset tells them apart.
    html = page("EU pledges aid to Hama", "The European Union pledged €40 million in aid for the café owners of Hama "
                "on Wednesday, after shelling killed at least four people, according to local activists.", *HAMA)
    html = html.replace(b'<meta charset="utf-8">', b"")
    data = html.decode().encode("iso-8859-15")
    server.routes["/euro"] = Route(data, content_type='text/html; charset="ISO-8859-15"')
    body, charset = fetch(server.url("/euro"))
    assert charset == "iso8859-15"
    assert body == data
    _, article = read_url(server.url("/euro"))
    assert isinstance(article, Article)
    assert "pledged €40 million in aid for the café owners" in article.text


def test_unknown_charset_is_ignored_not_fatal(server: LocalServer):
    server.routes["/odd"] = Route(page("Shelling kills four in Hama countryside", *HAMA), content_type="text/html; charset=utf8mb4")
    assert fetch(server.url("/odd"))[1] is None
    assert isinstance(read_url(server.url("/odd"))[1], Article)


def test_gzip_content_encoding_is_undone(server: LocalServer):
    html = page("Shelling kills four in Hama countryside", *HAMA)
    server.routes["/gz"] = Route(gzip.compress(html), headers={"Content-Encoding": "gzip"})
    assert fetch(server.url("/gz"))[0] == html
    assert isinstance(read_url(server.url("/gz"))[1], Article)


def test_requests_name_claimscope(server: LocalServer):
    server.routes["/ua"] = Route(LEVANT)
    fetch(server.url("/ua"))
    assert server.user_agents == [USER_AGENT]
    assert USER_AGENT.startswith("claimscope/")


# --- failures -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"<h1>Internal error</h1>", status=500), "HTTP 500 from {url}"),
        (Route(b"gone", status=404, content_type="text/plain"), "HTTP 404 from {url}"),
        (Route(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png"), "not an HTML page (Content-Type: image/png)"),
        (Route(b'{"text": "Five people were wounded"}', content_type="application/json"), "not an HTML page (Content-Type: application/json)"),
        (Route(b""), "empty input"),
        (Route(page("Nothing")), "no article text"),
        (
            Route(page("Luftangriff", "Bei einem Luftangriff auf die Stadt Ariha in der Provinz Idlib sind am Montag "
                       "mindestens zwölf Zivilisten getötet worden, teilte die Beobachtungsstelle mit.", lang="de")),
            "not English",
        ),
    ],
    ids=["500", "404", "png", "json", "empty", "no-text", "german"],
)
def test_bad_pages_are_rejections_with_a_reason(server: LocalServer, route: Route, reason: str):
    server.routes["/bad"] = route
    url = server.url("/bad")
    origin, item = read_url(url)
    assert origin == url
    assert isinstance(item, Rejection)
    assert item.origin == url
    assert reason.format(url=url) in item.reason


def test_http_error_raises_from_fetch(server: LocalServer):
    server.routes["/500"] = Route(b"oops", status=500)
    with pytest.raises(InputRejected, match=r"^HTTP 500 from http://127\.0\.0\.1:\d+/500$"):
        fetch(server.url("/500"))


@pytest.mark.parametrize(
    "route",
    [
        Route(LEVANT, delay=2.0),  # nothing at all until after the timeout
        Route(LEVANT[:200], trickle=0.05),  # a byte every 50 ms: no single read times out, the whole fetch does
    ],
    ids=["silent", "trickle"],
)
def test_slow_server_times_out(server: LocalServer, route: Route):
    server.routes["/slow"] = route
    started = time.monotonic()
    with pytest.raises(InputRejected, match=r"timed out after 0\.4 s"):
        fetch(server.url("/slow"), timeout=0.4)
    assert time.monotonic() - started < 1.5
    _, item = read_url(server.url("/slow"), timeout=0.4)
    assert isinstance(item, Rejection) and "timed out after 0.4 s" in item.reason


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "unannounced"])
def test_body_over_the_limit_is_refused(server: LocalServer, declared: bool):
    big = page("Long", "word " * 5000)
    # Without Content-Length only counting while reading can tell the body is too big.
    server.routes["/big"] = Route(big, send_length=declared)
    with pytest.raises(InputRejected, match="larger than 10,000 bytes"):
        fetch(server.url("/big"), max_bytes=10_000)
    assert fetch(server.url("/big"), max_bytes=len(big))[0] == big


def test_declared_length_over_the_limit_is_refused_before_reading(server: LocalServer):
    # The server announces 20 MB and sends a few bytes: only the announcement can explain the refusal.
    server.routes["/huge"] = Route(b"<p>short", headers={"Content-Length": "20000000"}, send_length=False)
    with pytest.raises(InputRejected, match="larger than 10,000,000 bytes"):
        fetch(server.url("/huge"))


def test_gzip_bomb_is_bounded(server: LocalServer):
    server.routes["/bomb"] = Route(gzip.compress(b"<p>" + b" " * 5_000_000), headers={"Content-Encoding": "gzip"})
    with pytest.raises(InputRejected, match="larger than 100,000 bytes"):
        fetch(server.url("/bomb"), max_bytes=100_000)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/a.html", "/etc/passwd", "javascript:alert(1)", "data:text/html,<p>x"]
)
def test_non_http_urls_are_refused_without_a_request(url: str):
    with pytest.raises(InputRejected, match="not an http"):
        fetch(url)
    _, item = read_url(url)
    assert isinstance(item, Rejection) and item.origin == url


def test_redirect_to_another_scheme_is_refused(server: LocalServer):
    server.routes["/moved"] = Route(b"", status=302, headers={"Location": "ftp://127.0.0.1/secret.html"})
    with pytest.raises(InputRejected, match="redirects to a non-http"):
        fetch(server.url("/moved"))


def test_redirect_within_http_is_followed(server: LocalServer):
    server.routes["/old"] = Route(b"", status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(LEVANT)
    assert fetch(server.url("/old"))[0] == LEVANT
    assert server.hits == ["/old", "/new"]


def test_connection_refused_is_a_reason():
    with socket.socket() as sock:  # a port that was free a moment ago and has nobody listening now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(InputRejected, match=f"cannot connect to http://127.0.0.1:{port}/"):
        fetch(f"http://127.0.0.1:{port}/", timeout=2)


def test_malformed_url_is_a_reason():
    with pytest.raises(InputRejected):
        fetch("http://")

