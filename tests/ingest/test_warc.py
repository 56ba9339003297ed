"""Web archives: WARCs written here with warcio (plain and gzipped) and ARCs written by hand."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimscope.ingest.readers import Located
from claimscope.ingest.warc import is_archive, read_warc
from claimscope.model import Article, Rejection

SITE = "https://www.levantwire.example"
IDLIB = (
    "At least 12 civilians were killed in an air strike on the town of Ariha in Idlib province on Monday, the "
    "Syrian Observatory for Human Rights said.",
    "Rescue workers from the White Helmets said they were still searching the rubble of two collapsed buildings "
    "for survivors late in the evening.",
)
ALEPPO = (
    "Five people were wounded when rebel shelling hit the Salaheddine district of Aleppo on Tuesday, state news "
    "agency SANA reported.",
    "Doctors at the university hospital said two of the wounded were children in a critical condition.",
)
HAMA = (
    "The European Union pledged €40 million in aid for the villages of northern Hama on Wednesday, after "
    "shelling killed at least four people there, according to local activists.",
    "The Syrian Observatory for Human Rights said the shelling targeted the towns of Kafr Zita and Latamneh.",
)
GERMAN = (
    "Bei einem Luftangriff auf die Stadt Ariha in der Provinz Idlib sind am Montag mindestens zwölf Zivilisten "
    "getötet worden, teilte die Beobachtungsstelle für Menschenrechte mit.",
    "Die Rettungskräfte suchten am Abend noch nach Verschütteten in den Trümmern zweier Häuser.",
)


def news_page(title: str, paragraphs: tuple[str, ...], *, published: str | None = None, lang: str = "en") -> str:
    """A real-looking article page: head metadata, navigation, the story, a footer."""
    date = f'<meta property="article:published_time" content="{published}T09:30:00Z">' if published else ""
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Levant Wire</title>'
        f'<meta property="og:title" content="{title}">{date}<meta name="author" content="Jane Doe"></head><body>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>'
        '<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>'
        f"<article><h1>{title}</h1>{story}</article>"
        "<footer><p>Copyright 2024. All rights reserved. Privacy policy and cookie settings.</p></footer>"
        "</body></html>"
    )


def chunked(data: bytes, size: int = 700) -> bytes:
    """HTTP/1.1 chunked transfer encoding, as a crawler stores it: the bytes as they came over the wire."""
    parts = [b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size]) for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


class Archive:
    """Writes WARC records with warcio, each with an HTTP status line and headers."""

    def __init__(self, out: io.BufferedWriter, *, gzip: bool) -> None:
        self.writer = WARCWriter(out, gzip=gzip)

    def response(
        self, path: str, body: bytes, *, status: str = "200 OK", content_type: str | None = "text/html; charset=utf-8",
        headers: tuple[tuple[str, str], ...] = (), date: str = "2024-12-03T10:00:00Z", record_type: str = "response",
    ) -> None:
        http = [("Content-Type", content_type)] if content_type else []
        http_headers = StatusAndHeaders(status, [*http, *headers], protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            SITE + path, record_type, payload=io.BytesIO(body), http_headers=http_headers,
            warc_headers_dict={"WARC-Date": date},
        )
        self.writer.write_record(record)

    def request(self, path: str) -> None:
        http_headers = StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", "www.levantwire.example")], is_http_request=True)
        self.writer.write_record(self.writer.create_warc_record(SITE + path, "request", http_headers=http_headers))

    def revisit(self, path: str) -> None:
        http_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = self.writer.create_revisit_record(
            SITE + path, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", SITE + path, "2024-12-01T10:00:00Z",
            http_headers=http_headers,
        )
        self.writer.write_record(record)

    def metadata(self, path: str) -> None:
        record = self.writer.create_warc_record(
            SITE + path, "metadata", payload=io.BytesIO(b"outlinks: /a /b\n"), warc_content_type="text/plain",
        )
        self.writer.write_record(record)


def write_crawl(path: Path, *, gzip_records: bool) -> Path:
    """A small crawl: three good articles among everything a crawler also stores."""
    with path.open("wb") as out:
        warc = Archive(out, gzip=gzip_records)
        warc.writer.write_record(warc.writer.create_warcinfo_record(path.name, {"software": "test"}))
        warc.request("/2024/12/02/idlib")
        warc.response("/2024/12/02/idlib", news_page("Air strike kills 12 civilians in Idlib", IDLIB, published="2024-12-02").encode())
        warc.metadata("/2024/12/02/idlib")
        warc.request("/aleppo")
        # No date in the page: the capture date stands in.
        aleppo = news_page("Shelling wounds five in Aleppo", ALEPPO).encode()
        warc.response("/aleppo", chunked(aleppo), headers=(("Transfer-Encoding", "chunked"),), date="2024-12-04T06:00:00Z")
        hama = news_page("EU pledges aid to Hama", HAMA).replace('<meta charset="utf-8">', "").encode("iso-8859-15")
        warc.response(
            "/hama", gzip.compress(hama), content_type='text/html; charset="ISO-8859-15"',
            headers=(("Content-Encoding", "gzip"),),
        )
        warc.revisit("/2024/12/02/idlib")
        warc.response("/missing", news_page("Page not found", IDLIB).encode(), status="404 Not Found")
        warc.response("/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, content_type="image/png")
        warc.response("/style.css", b"body { color: #333 }", content_type="text/css")
        warc.response("/moved", b"", status="301 Moved Permanently", headers=(("Location", "/aleppo"),))
        warc.response("/de/ariha", news_page("Luftangriff auf Ariha", GERMAN, lang="de").encode())
        warc.response("/blank", b"")
    return path


def split(items: list[Located]) -> tuple[list[Article], list[Rejection]]:
    return [i for _, i in items if isinstance(i, Article)], [i for _, i in items if isinstance(i, Rejection)]


def record_at(path: Path, origin: str) -> str:
    """The target URI of the record at the offset an origin names, read back independently."""
    offset = int(origin.rsplit("#", 1)[1])
    with path.open("rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh)))
        return record.rec_headers.get_header("WARC-Target-URI")


@pytest.fixture(params=[False, True], ids=["warc", "warc.gz"])
def crawl(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    name = "crawl.warc.gz" if request.param else "crawl.warc"
    return write_crawl(tmp_path / name, gzip_records=request.param)


# --- what comes out -------------------------------------------------------------------------------------


def test_only_good_html_responses_become_articles(crawl: Path):
    items = list(read_warc(crawl))
    articles, rejections = split(items)
    assert [a.url for a in articles] == [SITE + "/2024/12/02/idlib", SITE + "/aleppo", SITE + "/hama"]
    assert [a.title for a in articles] == [
        "Air strike kills 12 civilians in Idlib", "Shelling wounds five in Aleppo", "EU pledges aid to Hama",
    ]
    idlib, aleppo, hama = articles
    assert idlib.text == "\n".join(IDLIB)
    assert aleppo.text == "\n".join(ALEPPO)  # chunked transfer encoding undone
    assert hama.text == "\n".join(HAMA)  # gzip undone, and decoded with the header's charset (the euro sign)
    assert "Subscribe" not in idlib.text and "Copyright" not in idlib.text
    assert all(a.outlet == "levantwire.example" for a in articles)  # no site name in the pages: the domain
    assert all(a.byline == "Jane Doe" for a in articles)
    # The page's own date when it has one, else the day it was captured.
    assert [a.published for a in articles] == ["2024-12-02", "2024-12-04", "2024-12-03"]
    assert len(rejections) == 2


def test_bad_pages_are_rejections_located_by_offset(crawl: Path):
    items = list(read_warc(crawl))
    rejected = [(origin, item) for origin, item in items if isinstance(item, Rejection)]
    (german_at, german), (blank_at, blank) = rejected
    assert "not English (detected language: de)" in german.reason
    assert "empty input" in blank.reason
    assert german.origin == german_at and german_at.startswith(f"{crawl}#")
    assert record_at(crawl, german_at) == SITE + "/de/ariha"
    assert record_at(crawl, blank_at) == SITE + "/blank"
    # Every origin names its own record.
    assert [record_at(crawl, origin) for origin, _ in items] == [
        SITE + p for p in ("/2024/12/02/idlib", "/aleppo", "/hama", "/de/ariha", "/blank")
    ]


def test_language_check_can_be_turned_off(crawl: Path):
    articles, _ = split(list(read_warc(crawl, check_language=False)))
    assert SITE + "/de/ariha" in [a.url for a in articles]


def test_encoding_option_overrides_the_header(crawl: Path):
    hama = next(a for a in split(list(read_warc(crawl, encoding="iso-8859-1")))[0] if a.url == SITE + "/hama")
    assert "pledged ¤40 million" in hama.text


def test_page_over_the_size_limit_is_refused(crawl: Path):
    items = list(read_warc(crawl, max_bytes=600))
    assert not split(items)[0]
    reasons = [item.reason for _, item in items]
    assert reasons[:3] == ["archived page is larger than 600 bytes"] * 3
    assert reasons[-1] == "empty input"  # the blank page is under any limit


# --- streaming ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("gzip_records", [False, True], ids=["warc", "warc.gz"])
def test_first_article_arrives_before_the_rest_is_read(tmp_path: Path, gzip_records: bool):
    path = tmp_path / "big.warc"
    with path.open("wb") as out:
        warc = Archive(out, gzip=gzip_records)
        warc.response("/idlib", news_page("Air strike kills 12 civilians in Idlib", IDLIB).encode())
        # Random bytes, so gzip cannot shrink the padding: the file really is several megabytes.
        warc.response("/video.mp4", os.urandom(4_000_000), content_type="video/mp4")
        warc.response("/aleppo", news_page("Shelling wounds five in Aleppo", ALEPPO).encode())
    size = path.stat().st_size
    assert size > 4_000_000
    with path.open("rb") as fh:
        items = read_warc(fh)
        origin, first = next(items)
        assert isinstance(first, Article) and first.url == SITE + "/idlib"
        assert fh.tell() < 500_000, "read far past the first record before yielding it"
        assert origin == f"{path}#0"  # a file object's name stands for the path
        rest = list(items)
    assert [item.url for _, item in rest if isinstance(item, Article)] == [SITE + "/aleppo"]


def test_a_nameless_stream_works_too(tmp_path: Path):
    path = write_crawl(tmp_path / "crawl.warc.gz", gzip_records=True)
    items = list(read_warc(io.BytesIO(path.read_bytes())))
    assert len(split(items)[0]) == 3
    assert all(origin.startswith("<warc>#") for origin, _ in items)


# --- ARC ------------------------------------------------------------------------------------------------


def arc_record(header: bytes, body: bytes, *, gzip_records: bool) -> bytes:
    record = header + b" %d\n" % len(body) + body + b"\n"
    return gzip.compress(record) if gzip_records else record


@pytest.mark.parametrize("gzip_records", [False, True], ids=["arc", "arc.gz"])
def test_arc_files_are_read_like_warcs(tmp_path: Path, gzip_records: bool):
    spec = b"1 0 Levant Crawl\nURL IP-address Archive-date Content-type Archive-length\n"
    html = news_page("Shelling wounds five in Aleppo", ALEPPO).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s" % (len(html), html)
    png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n"
    path = tmp_path / ("crawl.arc.gz" if gzip_records else "crawl.arc")
    path.write_bytes(
        arc_record(b"filedesc://crawl.arc 0.0.0.0 20241204060000 text/plain", spec, gzip_records=gzip_records)
        + arc_record(f"{SITE}/aleppo 192.0.2.1 20241204060000 text/html".encode(), http, gzip_records=gzip_records)
        + arc_record(f"{SITE}/logo.png 192.0.2.1 20241204060000 image/png".encode(), png, gzip_records=gzip_records)
    )
    [(origin, article)] = read_warc(path)
    assert isinstance(article, Article)
    assert article.url == SITE + "/aleppo" and article.title == "Shelling wounds five in Aleppo"
    assert article.text == "\n".join(ALEPPO)
    assert article.published == "2024-12-04"  # from the ARC's archive date
    assert origin.startswith(f"{path}#") and int(origin.rsplit("#", 1)[1]) > 0


# --- broken inputs --------------------------------------------------------------------------------------


def test_missing_file_is_a_rejection(tmp_path: Path):
    [(origin, item)] = read_warc(tmp_path / "nope.warc")
    assert isinstance(item, Rejection) and origin == str(tmp_path / "nope.warc")
    assert "cannot read file" in item.reason


@pytest.mark.parametrize(
    "data",
    [b"<!DOCTYPE html>\n<html><body><p>An HTML page</p></body></html>\n", gzip.compress(b"neither is this\n" * 5)],
    ids=["html", "gzip"],
)
def test_not_an_archive_is_a_rejection(tmp_path: Path, data: bytes):
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(data)
    [(origin, item)] = read_warc(path)
    assert isinstance(item, Rejection) and origin == str(path)
    assert "malformed or truncated archive" in item.reason


def test_truncated_archive_keeps_what_came_before(crawl: Path):
    with crawl.open("rb") as fh:
        records = ArchiveIterator(fh)
        offsets = {}
        for record in records:
            offsets.setdefault(record.rec_headers.get_header("WARC-Target-URI"), records.get_record_offset())
    # Cut halfway through the Hama page, as an interrupted crawl leaves its last record.
    cut = (offsets[SITE + "/hama"] + _next_offset(offsets, SITE + "/hama")) // 2
    crawl.write_bytes(crawl.read_bytes()[:cut])
    items = list(read_warc(crawl))
    articles, rejections = split(items)
    assert [a.url for a in articles] == [SITE + "/2024/12/02/idlib", SITE + "/aleppo"]
    [rejected] = rejections
    assert rejected.reason.startswith("archived page cut short: the archive ends")
    assert record_at(crawl, rejected.origin) == SITE + "/hama"
    assert items[-1][1] is rejected


def _next_offset(offsets: dict[str, int], uri: str) -> int:
    return min(o for o in offsets.values() if o > offsets[uri])


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.warc", True), ("a.WARC.GZ", True), ("a.arc", True), ("a.arc.gz", True), ("a.gz", False), ("warc.txt", False)],
)
def test_is_archive_by_name(name: str, expected: bool):
    assert is_archive(name) is expected
