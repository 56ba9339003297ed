"""RSS and Atom feeds: one poll of a feed, each entry not yet seen becomes an Article (or a Rejection).

This module polls once and keeps no state. Remembering which entries were already read is the caller's job
(the store): it passes ``seen`` and records the origin of each item it keeps, since that origin is the entry's
key. ``watch`` (polling every few minutes) lives in the CLI and calls ``read_feed`` repeatedly with the same
``seen``; keeping the loop there keeps this reader testable without clocks or threads.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from claimscope.errors import InputRejected
from claimscope.ingest.checks import MAX_CHARS
from claimscope.ingest.readers import MIN_WORDS, Item, Located, _guard, article_from_record
from claimscope.ingest.web import DEFAULT_TIMEOUT, MAX_BYTES, _get, read_url
from claimscope.model import Article, Rejection

BYTES_ORIGIN = "<feed>"  # origin of feed-level rejections when the feed was given as bytes
# Block elements whose end is a paragraph break in the plain text of an entry's HTML summary.
_BLOCKS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "figure", "section")


def read_feed(
    source: str | bytes,
    *,
    seen: Callable[[str], bool] = lambda key: False,
    fetch_pages: bool = True,
    encoding: str | None = None,
    max_chars: int = MAX_CHARS,
    check_language: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Located]:
    """``(key, Article | Rejection)`` for every entry of the feed at ``source`` (a URL, or the feed's bytes).

    Entries come oldest first, so a caller that stops halfway has read a prefix of the feed's history. An entry
    whose key ``seen`` accepts is skipped before its page is fetched. With ``fetch_pages`` the article is the
    linked page (``encoding`` applies to pages, the feed's own encoding is detected); when the page cannot be
    read, or without ``fetch_pages``, it is the entry's own content or summary. A feed that is down or
    malformed yields one ``Rejection`` whose origin is the feed, and nothing else.
    """
    feed_origin = source if isinstance(source, str) else BYTES_ORIGIN
    try:
        parsed = _parse(source, timeout=timeout, max_bytes=max_bytes)
    except InputRejected as exc:
        yield feed_origin, Rejection(feed_origin, exc.reason)
        return
    # feedparser's lenient parser salvages empty entries from broken XML; nothing can be read from those.
    entries = [entry for entry in parsed.entries if _has_substance(entry)]
    if not entries:
        # feedparser never raises: a bozo flag with nothing parsed is its way of saying "this is not a feed".
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        if not parsed.get("version"):
            reason = "not an RSS or Atom feed" + (f" ({problem})" if problem else "")
            yield feed_origin, Rejection(feed_origin, reason)
        elif problem:
            yield feed_origin, Rejection(feed_origin, f"malformed feed: {problem}")
        return  # a well-formed feed with no entries is simply quiet
    outlet = _text(parsed.feed.get("title"))
    page_opts: dict[str, Any] = {
        "encoding": encoding, "max_chars": max_chars, "check_language": check_language,
        "timeout": timeout, "max_bytes": max_bytes,
    }
    keys_this_poll: set[str] = set()
    for entry in _oldest_first(entries):
        key = entry_key(entry)
        # Feeds do repeat an entry (an update published as a second item); one poll reads it once.
        if key in keys_this_poll or seen(key):
            continue
        keys_this_poll.add(key)
        yield key, _entry_item(entry, key, outlet, fetch_pages, page_opts)


def entry_key(entry: Any) -> str:
    """What identifies an entry across polls: its id (guid), else its link, else a hash of title and summary."""
    for field in ("id", "link"):
        value = _text(entry.get(field))
        if value:
            return value
    digest = hashlib.sha1(f"{entry.get('title', '')}\n{entry.get('summary', '')}".encode()).hexdigest()
    return f"sha1:{digest[:16]}"


def _has_substance(entry: Any) -> bool:
    return any(entry.get(field) for field in ("id", "link", "title", "summary", "content"))


def _parse(source: str | bytes, *, timeout: float, max_bytes: int) -> Any:
    import feedparser

    if isinstance(source, bytes):
        # Bytes, not str, and wrapped in a stream: feedparser treats a str as a URL or a file path to open.
        return feedparser.parse(io.BytesIO(source))
    # Fetched here, not by feedparser, so feeds get the same User-Agent, timeout and size limit as pages.
    response = _get(source, timeout=timeout, max_bytes=max_bytes)
    # Content-Location makes feedparser resolve relative links against the feed's URL.
    headers = {"content-location": source}
    if response.header:
        headers["content-type"] = response.header  # its charset is one input to feedparser's encoding rules
    return feedparser.parse(io.BytesIO(response.body), response_headers=headers)


def _oldest_first(entries: list[Any]) -> list[Any]:
    """By date when every entry has one; otherwise reversed, since feeds list their newest entry first."""
    dates = [entry.get("published_parsed") or entry.get("updated_parsed") for entry in entries]
    if all(dates):
        order = sorted(range(len(entries)), key=lambda i: tuple(dates[i]))  # sorted() is stable on ties
        return [entries[i] for i in order]
    return entries[::-1]


def _entry_item(entry: Any, key: str, outlet: str | None, fetch_pages: bool, page_opts: dict[str, Any]) -> Item:
    link = _text(entry.get("link"))
    meta = {
        "title": _text(entry.get("title")),
        "outlet": outlet,
        "published": _date(entry.get("published_parsed") or entry.get("updated_parsed")),
        "byline": _text((entry.get("author_detail") or {}).get("name")) or _text(entry.get("author")),
        "url": link,
    }
    page_failure = None
    if fetch_pages and link:
        _, page = read_url(link, **page_opts)
        if isinstance(page, Article):
            # The feed's metadata is what the publisher declared for this item; the page's is trafilatura's guess.
            return replace(page, **{k: v for k, v in meta.items() if v})
        page_failure = page.reason
    fallback = _guard(key, lambda: _summary_article(entry, meta, page_opts))
    if isinstance(fallback, Rejection) and page_failure:
        return Rejection(key, f"{page_failure}; and the entry's own text: {fallback.reason}")
    return fallback


def _summary_article(entry: Any, meta: dict[str, str | None], page_opts: dict[str, Any]) -> Article:
    """The entry's longest own text (full content when the feed carries it, else the summary) as an Article."""
    candidates = [*entry.get("content", []), entry.get("summary_detail")]
    texts = [_plain(c.get("value") or "", c.get("type") or "text/html") for c in candidates if c]
    text = max(texts, key=len, default="")
    if not text:
        raise InputRejected("entry has no content or summary")
    words = len(text.split())
    if words < MIN_WORDS:
        # Summaries like "Read more" or a lone headline are not articles; the same floor as an HTML page's text.
        raise InputRejected(f"entry text too short to be an article ({words} words)")
    record = {"text": text, **meta}
    return article_from_record(record, page_opts["max_chars"], page_opts["check_language"])


def _plain(value: str, mime: str) -> str:
    """Text of an entry's HTML content, keeping paragraph breaks (lxml's text_content alone would run them on).

    feedparser has already sanitised the HTML: scripts and styles are gone, with their content.
    """
    if "html" not in mime or "<" not in value:
        return value.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except Exception:  # lxml raises several unrelated types on junk; an unparsable summary is simply empty
        return ""
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")  # "one<br>two" is "onetwo" to text_content; the break becomes a space
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    paragraphs = (" ".join(p.split()) for p in root.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _date(parsed: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time to the contract's YYYY-MM-DD."""
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
