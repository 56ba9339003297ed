"""Feeds: RSS 2.0 and Atom served locally, their entries' links pointing at local pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimscope.ingest.feeds import BYTES_ORIGIN, entry_key, read_feed
from claimscope.ingest.readers import Located
from claimscope.model import Article, Rejection
from tests.local_http import LocalServer, Route, page

ALEPPO = (
    "Five people were wounded when rebel shelling hit the Salaheddine district of Aleppo on Tuesday, state news "
    "agency SANA reported.",
    "Doctors at the university hospital said two of the wounded were children in a critical condition.",
)
IDLIB = (
    "At least 12 civilians were killed in an air strike on the town of Ariha in Idlib province on Monday, the "
    "Syrian Observatory for Human Rights said.",
    "Rescue workers said they were still searching the rubble of two collapsed buildings for survivors.",
)
DARAA = (
    "Two soldiers were killed when a roadside bomb struck a military vehicle near the city of Daraa on Thursday, "
    "a security source told the state news agency.",
    "No group immediately claimed responsibility for the attack in the south of the country.",
)
# (slug, title, date, author, paragraphs) in publication order, oldest first
STORIES = [
    ("idlib", "Air strike kills 12 civilians in Idlib", (2024, 12, 2), "Jane Doe", IDLIB),
    ("aleppo", "Shelling wounds five in Aleppo", (2024, 12, 3), "John Roe", ALEPPO),
    ("daraa", "Roadside bomb kills two soldiers near Daraa", (2024, 12, 5), "Sam Poe", DARAA),
]
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def summary(paragraphs: tuple[str, ...]) -> str:
    """The entry's summary: the story's own words, in escaped HTML as feeds carry it."""
    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    return html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rss(base: str, stories: list[tuple], *, title: str = "Levant Wire - Syria") -> bytes:
    """RSS 2.0, newest item first as real feeds list them."""
    import datetime

    items = []
    for slug, headline, date, author, paragraphs in reversed(stories):
        day = datetime.date(*date)
        pub = f"{DAYS[day.weekday()]}, {day.day:02d} {day:%b} {day.year} 09:30:00 +0000"
        items.append(
            f"<item><title>{headline}</title><link>{base}/news/{slug}</link>"
            f'<guid isPermaLink="false">levant-{slug}</guid><pubDate>{pub}</pubDate>'
            f"<dc:creator>{author}</dc:creator><description>{summary(paragraphs)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{title}</title><link>{base}/</link><description>News</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def atom(base: str, stories: list[tuple], *, title: str = "Levant Wire - Syria") -> bytes:
    entries = []
    for slug, headline, date, author, paragraphs in reversed(stories):
        stamp = "{:04d}-{:02d}-{:02d}T09:30:00Z".format(*date)
        entries.append(
            f'<entry><title>{headline}</title><link rel="alternate" href="{base}/news/{slug}"/>'
            f"<id>tag:levantwire.example,2024:{slug}</id><published>{stamp}</published><updated>{stamp}</updated>"
            f'<author><name>{author}</name></author><summary type="html">{summary(paragraphs)}</summary></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>tag:levantwire.example,2024:feed</id><updated>2024-12-05T10:00:00Z</updated>"
        + "".join(entries)
        + "</feed>"
    ).encode()


FORMATS: dict[str, Callable[..., bytes]] = {"rss": rss, "atom": atom}


def serve(server: LocalServer, fmt: str, stories: list[tuple]) -> str:
    """Put the feed and every story's page on the server; the feed's URL."""
    base = server.url("")
    for slug, headline, _, _, paragraphs in stories:
        # The page's own title differs from the feed's, to tell which one the article took.
        server.routes[f"/news/{slug}"] = Route(page(f"{headline} | Levant Wire", *paragraphs, site="Levant Wire"))
    server.routes["/feed"] = Route(FORMATS[fmt](base, stories), content_type="application/xml; charset=utf-8")
    return server.url("/feed")


def articles(items: list[Located]) -> list[Article]:
    return [item for _, item in items if isinstance(item, Article)]


# --- reading a feed -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_entries_become_articles_from_their_pages_oldest_first(server: LocalServer, fmt: str):
    feed_url = serve(server, fmt, STORIES[:2])
    items = list(read_feed(feed_url))
    got = articles(items)
    assert len(got) == len(items) == 2
    idlib, aleppo = got
    assert idlib.title == "Air strike kills 12 civilians in Idlib"  # the feed's title, not the page's
    assert aleppo.title == "Shelling wounds five in Aleppo"
    assert idlib.published == "2024-12-02" and aleppo.published == "2024-12-03"
    assert idlib.outlet == aleppo.outlet == "Levant Wire - Syria"
    assert idlib.byline == "Jane Doe" and aleppo.byline == "John Roe"
    assert idlib.url == server.url("/news/idlib") and aleppo.url == server.url("/news/aleppo")
    assert idlib.text == "\n".join(IDLIB)  # the page's text: trafilatura puts paragraphs one per line
    assert aleppo.text.startswith("Five people were wounded")
    assert server.hits_on("/news/idlib") == server.hits_on("/news/aleppo") == 1


@pytest.mark.parametrize(
    ("fmt", "keys"),
    [
        ("rss", ["levant-idlib", "levant-aleppo"]),
        ("atom", ["tag:levantwire.example,2024:idlib", "tag:levantwire.example,2024:aleppo"]),
    ],
)
def test_origin_is_the_entry_key(server: LocalServer, fmt: str, keys: list[str]):
    assert [origin for origin, _ in read_feed(serve(server, fmt, STORIES[:2]))] == keys


@pytest.mark.parametrize("fmt", FORMATS)
def test_second_poll_reads_only_the_new_entry(server: LocalServer, fmt: str):
    feed_url = serve(server, fmt, STORIES[:2])
    stored: set[str] = set()
    for origin, item in read_feed(feed_url, seen=stored.__contains__):
        assert isinstance(item, Article)
        stored.add(origin)  # what the store would do with each article it keeps
    serve(server, fmt, STORIES)  # the feed gains the Daraa story
    second = list(read_feed(feed_url, seen=stored.__contains__))
    assert [a.title for a in articles(second)] == ["Roadside bomb kills two soldiers near Daraa"]
    assert len(second) == 1
    # Seen entries are skipped before their page is fetched.
    assert server.hits_on("/news/idlib") == server.hits_on("/news/aleppo") == 1
    assert server.hits_on("/news/daraa") == 1
    assert list(read_feed(feed_url, seen=lambda key: True)) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_fetching_pages_the_summary_is_the_text(server: LocalServer, fmt: str):
    feed_url = serve(server, fmt, STORIES[:2])
    idlib, aleppo = articles(list(read_feed(feed_url, fetch_pages=False)))
    assert idlib.text == "\n\n".join(IDLIB)  # HTML stripped, one paragraph per block
    assert aleppo.text == "\n\n".join(ALEPPO)
    assert "<p>" not in idlib.text and "&lt;" not in idlib.text
    assert idlib.url == server.url("/news/idlib") and idlib.title == "Air strike kills 12 civilians in Idlib"
    assert server.hits == ["/feed"]


def test_a_page_that_fails_falls_back_to_the_summary(server: LocalServer):
    feed_url = serve(server, "rss", STORIES[:2])
    server.routes["/news/idlib"] = Route(b"<h1>Internal error</h1>", status=500)
    idlib, aleppo = articles(list(read_feed(feed_url)))
    assert idlib.text == "\n\n".join(IDLIB)
    assert idlib.url == server.url("/news/idlib")
    assert aleppo.text == "\n".join(ALEPPO)  # the other entry still comes from its page


def test_page_and_summary_both_failing_gives_both_reasons(server: LocalServer):
    stories = [("idlib", "Idlib", (2024, 12, 2), "Jane Doe", ("Read more",))]
    feed_url = serve(server, "rss", stories)
    server.routes["/news/idlib"] = Route(b"gone", status=404, content_type="text/plain")
    [(origin, item)] = read_feed(feed_url)
    assert isinstance(item, Rejection)
    assert origin == item.origin == "levant-idlib"
    assert "HTTP 404 from" in item.reason and "too short to be an article (2 words)" in item.reason


def test_non_english_summary_is_rejected(server: LocalServer):
    german = (
        "Bei einem Luftangriff auf die Stadt Ariha in der Provinz Idlib sind am Montag mindestens zwölf "
        "Zivilisten getötet worden, teilte die Beobachtungsstelle für Menschenrechte mit.",
    )
    feed_url = serve(server, "atom", [("ariha", "Luftangriff auf Ariha", (2024, 12, 2), "Jana Doe", german)])
    [(_, item)] = read_feed(feed_url, fetch_pages=False)
    assert isinstance(item, Rejection) and "not English" in item.reason
    [(_, item)] = read_feed(feed_url, fetch_pages=False, check_language=False)
    assert isinstance(item, Article)


def test_relative_links_resolve_against_the_feed_url(server: LocalServer):
    feed_url = serve(server, "rss", STORIES[:1])
    server.routes["/feed"].body = server.routes["/feed"].body.replace(server.url("/news/").encode(), b"/news/")
    assert b"<link>/news/idlib</link>" in server.routes["/feed"].body
    [(_, article)] = read_feed(feed_url)
    assert isinstance(article, Article)
    assert article.url == server.url("/news/idlib")
    assert article.text == "\n".join(IDLIB)  # read from the page, not the summary


def test_feed_bytes_are_read_without_a_server():
    data = rss("https://levantwire.example", STORIES)
    got = articles(list(read_feed(data, fetch_pages=False)))
    assert [a.published for a in got] == ["2024-12-02", "2024-12-03", "2024-12-05"]
    assert got[2].url == "https://levantwire.example/news/daraa"


# --- feeds that cannot be read --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"<h1>Internal error</h1>", status=500), "HTTP 500 from"),
        (Route(b"<rss><channel><<<&&& this is not XML", content_type="application/rss+xml"), "malformed feed"),
        (Route(b"\x00\x01\x02 garbage \xff\xfe", content_type="application/xml"), "not an RSS or Atom feed"),
        (Route(page("Home page", "Welcome to our site.")), "not an RSS or Atom feed"),
    ],
    ids=["http-500", "garbage-xml", "binary", "html-page"],
)
def test_feed_that_cannot_be_read_is_one_rejection(server: LocalServer, route: Route, reason: str):
    server.routes["/feed"] = route
    feed_url = server.url("/feed")
    items = list(read_feed(feed_url))
    assert len(items) == 1
    origin, item = items[0]
    assert isinstance(item, Rejection)
    assert origin == item.origin == feed_url
    assert reason in item.reason


def test_malformed_feed_bytes_are_a_rejection_too():
    [(origin, item)] = read_feed(b"<?xml version='1.0'?><rss><channel><item><<<")
    assert isinstance(item, Rejection) and origin == BYTES_ORIGIN and "malformed feed" in item.reason


def test_feed_url_that_is_not_http_is_a_rejection():
    [(_, item)] = read_feed("file:///etc/passwd")
    assert isinstance(item, Rejection) and "not an http(s) URL" in item.reason


def test_an_empty_feed_yields_nothing(server: LocalServer):
    server.routes["/feed"] = Route(rss(server.url(""), []), content_type="application/rss+xml")
    assert list(read_feed(server.url("/feed"))) == []


# --- keys and text --------------------------------------------------------------------------------------


def test_entries_without_id_or_link_get_a_stable_hash_key():
    body = summary(ALEPPO)
    data = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Shelling wounds five</title><description>{body}</description></item>"
        "<item><title>Shelling wounds five</title><description>Another story entirely.</description></item>"
        "</channel></rss>"
    ).encode()
    keys = [origin for origin, _ in read_feed(data, fetch_pages=False)]
    assert len(keys) == 2 and len(set(keys)) == 2
    assert all(k.startswith("sha1:") for k in keys)
    assert keys == [origin for origin, _ in read_feed(data, fetch_pages=False)]
    # Seen by its hash, an entry without id or link is skipped like any other.
    [(origin, _)] = read_feed(data, fetch_pages=False, seen=lambda key: key == keys[0])
    assert origin == keys[1]


def test_repeated_entry_is_read_once_per_poll():
    data = rss("https://levantwire.example", [STORIES[0], STORIES[0]])
    assert len(list(read_feed(data, fetch_pages=False))) == 1


def test_undated_entries_come_in_reverse_document_order():
    data = rss("https://x.example", STORIES).replace(b"<pubDate>", b"<x>").replace(b"</pubDate>", b"</x>")
    got = [a.title for a in articles(list(read_feed(data, fetch_pages=False)))]
    assert got == [s[1] for s in STORIES]


def test_entry_key_prefers_id_then_link():
    assert entry_key({"id": "guid-1", "link": "https://a/1"}) == "guid-1"
    assert entry_key({"id": " ", "link": "https://a/1"}) == "https://a/1"
    assert entry_key({"title": "t", "summary": "s"}) == entry_key({"title": "t", "summary": "s"})
    assert entry_key({"title": "t", "summary": "s"}) != entry_key({"title": "t", "summary": "other"})


def test_content_wins_over_a_shorter_summary_and_markup_is_stripped():
    full = "".join(f"<p>{p}</p>" for p in IDLIB) + "<script>track()</script><p>Line one<br/>line two</p>"
    data = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Wire</title><item><guid>g1</guid><title>Idlib</title>"
        "<description>Twelve killed in Idlib.</description>"
        f"<content:encoded><![CDATA[{full}]]></content:encoded></item></channel></rss>"
    ).encode()
    [(_, article)] = read_feed(data, fetch_pages=False)
    assert isinstance(article, Article)
    assert article.text == "\n\n".join([*IDLIB, "Line one line two"])
    assert "track()" not in article.text  # feedparser's sanitiser drops scripts
