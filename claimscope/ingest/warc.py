"""Web archives (WARC and ARC, plain or gzipped): every archived HTML page becomes an Article or a Rejection.

Archives run to gigabytes, so records are streamed one at a time with warcio and only an HTML page's own body
is ever held in memory. Requests, metadata, revisits, redirects, errors, images, scripts and stylesheets are
skipped without a word: they are most of any crawl and none of them is an article.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any

from claimscope.errors import InputRejected
from claimscope.ingest.checks import MAX_CHARS
from claimscope.ingest.readers import Located, _guard, parse_date
from claimscope.ingest.web import HTML_TYPES, MAX_BYTES, page_article, usable_charset
from claimscope.model import Article, Rejection

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def read_warc(
    path: str | os.PathLike[str] | IO[bytes],
    *,
    encoding: str | None = None,
    max_chars: int = MAX_CHARS,
    check_language: bool = True,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Located]:
    """``(f"{path}#{offset}", Article | Rejection)`` for each archived HTTP 200 HTML response in ``path``.

    ``path`` is a file name or a binary file object (the caller's, left open). ``encoding`` overrides the charset
    of the archived Content-Type header. A page body over ``max_bytes`` (after decoding chunks and gzip) is
    refused. An archive that is not one, or is cut off, yields a Rejection at the point it breaks, after every
    article before it.
    """
    if not isinstance(path, str | os.PathLike):
        name = str(getattr(path, "name", "<warc>"))
        yield from _read_stream(path, name, encoding, max_chars, check_language, max_bytes)
        return
    name = os.fspath(path)
    try:
        # Binary, never read whole: warcio pulls blocks from it and decompresses gzip members as it goes.
        fh = open(name, "rb")  # closed by the with below; the try covers only the opening
    except OSError as exc:
        yield name, Rejection(name, f"cannot read file: {exc.strerror or exc}")
        return
    with fh:
        yield from _read_stream(fh, name, encoding, max_chars, check_language, max_bytes)


def is_archive(name: str) -> bool:
    """Whether a file name says WARC or ARC, gzipped or not (``x.warc.gz`` has the suffix ``.gz`` to pathlib)."""
    return name.lower().endswith(WARC_SUFFIXES)


def _read_stream(
    fh: IO[bytes], name: str, encoding: str | None, max_chars: int, check_language: bool, max_bytes: int
) -> Iterator[Located]:
    from warcio.archiveiterator import ArchiveIterator

    # arc2warc: ARC records come out as WARC "response" records with WARC headers, so one code path reads both.
    records = ArchiveIterator(fh, arc2warc=True)
    where = name
    while True:
        # Only reading the archive is inside the try: an error building an article is that page's problem, and
        # must not pass for a broken archive and end the stream.
        try:
            record = next(records)
            if not _is_html_page(record):
                continue
            # The body has to be read before asking for the offset: warcio finds the offset by skipping to the
            # record's end, which would throw the unread body away.
            body = _body_or_reason(record, max_bytes)
            where = f"{name}#{records.get_record_offset()}"
        except StopIteration:
            return
        except Exception as exc:
            # ArchiveLoadFailed, EOFError, zlib.error, and from warcio's parser even AttributeError on a header
            # block cut short. A crawl cut off mid-write is common; what was read before the break has already
            # been yielded. The origin is the last page read (the break is somewhere after it), or the file.
            yield where, Rejection(where, f"malformed or truncated archive: {exc.__class__.__name__}: {exc}")
            return
        yield where, _guard(where, lambda b=body, r=record: _article(b, r, encoding, max_chars, check_language))


def _is_html_page(record: Any) -> bool:
    """A response that the server answered 200 to, with an HTML Content-Type."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return content_type in HTML_TYPES


def _body_or_reason(record: Any, max_bytes: int) -> bytes | InputRejected:
    """The page body with chunking and Content-Encoding undone, or the reason it cannot be had."""
    try:
        # content_stream undoes Transfer-Encoding: chunked and gzip/deflate/br Content-Encoding as it reads.
        body: bytes = record.content_stream().read(max_bytes + 1)
        if len(body) > max_bytes:
            return InputRejected(f"archived page is larger than {max_bytes:,} bytes")
        # warcio hands out a record cut off by the end of the file as if it were whole; its length says otherwise.
        raw = record.raw_stream
        missing = getattr(raw, "limit", 0)
        if missing > 0 and not raw.read(1):
            return InputRejected(f"archived page cut short: the archive ends {missing:,} bytes before the record does")
    except Exception as exc:  # warcio and zlib raise assorted types on corrupt payloads; the record is the unit
        return InputRejected(f"cannot read the archived page body: {exc.__class__.__name__}: {exc}")
    return body


def _article(
    body: bytes | InputRejected, record: Any, encoding: str | None, max_chars: int, check_language: bool
) -> Article:
    if isinstance(body, InputRejected):
        raise body
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    charset = usable_charset(_charset(record.http_headers.get_header("Content-Type")))
    article = page_article(body, url, encoding or charset, max_chars, check_language)
    if article.published is None:
        # The capture date: the page existed then, so it was published that day at the latest.
        article = replace(article, published=_capture_date(record.rec_headers.get_header("WARC-Date")))
    return article


def _capture_date(value: str | None) -> str | None:
    try:
        return parse_date(value)
    except InputRejected:  # an odd WARC-Date loses the fallback date, not the article
        return None


def _charset(content_type: str | None) -> str | None:
    from email.message import Message

    if not content_type:
        return None
    # email's parser handles quoting and parameter order, as urllib's response headers do for web.py.
    msg = Message()
    msg["Content-Type"] = content_type
    charset = msg.get_content_charset()
    return str(charset) if charset else None
