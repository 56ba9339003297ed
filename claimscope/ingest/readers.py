"""One reader per input kind (txt, html, jsonl, csv, directory, stdin), all yielding Article | Rejection."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from claimscope.errors import InputRejected
from claimscope.ingest.checks import MAX_CHARS, check_text, clean_text, decode, stable_id
from claimscope.model import Article, Rejection

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")
# Matched on the whole name: pathlib's suffix of "crawl.warc.gz" is ".gz". Kept here, not imported from warc.py,
# because warc.py imports this module.
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# FA-KES ships its own column names; the contract says to accept them directly.
FAKES_COLUMNS = {
    "unit_id": "id",
    "article_title": "title",
    "article_content": "text",
    "source": "outlet",
    "date": "published",
}

Item = Article | Rejection
Located = tuple[str, Item]  # where an item came from ("path", "path:line", "<stdin>") and the item
MIN_WORDS = 12  # fewer words than a sentence or two is navigation or a caption, not an article


def read_inputs(
    paths: Iterable[str | Path],
    *,
    encoding: str | None = None,
    max_chars: int = MAX_CHARS,
    check_language: bool = True,
    dedup: bool = True,
) -> Iterator[Item]:
    """Every article in ``paths`` (files or directories), deduplicated by content within the run."""
    seen: dict[str, str] = {}
    for path in paths:
        for origin, item in _read_source(path, encoding=encoding, max_chars=max_chars, check_language=check_language):
            yield _dedup(origin, item, seen) if dedup else item


def _read_source(source: str | Path, **opts: Any) -> Iterator[Located]:
    # A URL must not pass through Path(): it would fold "https://" into "https:/".
    if isinstance(source, str) and source.lower().startswith(("http://", "https://")):
        from claimscope.ingest.web import read_url

        yield read_url(source, **opts)
    else:
        yield from _read_path(Path(source), **opts)


def read_stdin(*, encoding: str | None = None, max_chars: int = MAX_CHARS, check_language: bool = True) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    yield _from_bytes_txt(data, "<stdin>", encoding, max_chars, check_language)


def _dedup(origin: str, item: Item, seen: dict[str, str]) -> Item:
    """The second copy of a text is refused, naming the input it came from and the first copy's."""
    if isinstance(item, Rejection):
        return item
    key = stable_id(item.text)
    if key in seen:
        return Rejection(origin, f"duplicate of article {seen[key]}")
    seen[key] = f"{item.id} ({origin})"
    return item


def _read_path(path: Path, **opts: Any) -> Iterator[Located]:
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*")
            if p.is_file() and (p.suffix.lower() in SUPPORTED_SUFFIXES or p.name.lower().endswith(ARCHIVE_SUFFIXES))
        )
        if not files:
            suffixes = ", ".join(SUPPORTED_SUFFIXES + ARCHIVE_SUFFIXES)
            yield str(path), Rejection(str(path), f"no supported files ({suffixes}) in directory")
        for f in files:
            yield from _read_file(f, **opts)
    elif path.exists():
        yield from _read_file(path, **opts)
    else:
        yield str(path), Rejection(str(path), "no such file or directory")


def _read_file(path: Path, *, encoding: str | None, max_chars: int, check_language: bool) -> Iterator[Located]:
    if path.name.lower().endswith(ARCHIVE_SUFFIXES):
        # Streamed record by record: an archive can be gigabytes, so it must never reach read_bytes() below.
        from claimscope.ingest.warc import read_warc

        yield from read_warc(path, encoding=encoding, max_chars=max_chars, check_language=check_language)
        return
    suffix = path.suffix.lower()
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield origin, Rejection(origin, f"cannot read file: {exc.strerror or exc}")
        return
    if suffix == ".jsonl":
        yield from _records(_jsonl_records(data, path, encoding), max_chars, check_language)
    elif suffix == ".csv":
        yield from _records(_csv_records(data, path, encoding), max_chars, check_language)
    elif suffix in (".html", ".htm"):
        yield origin, _guard(origin, lambda: _html_article(data, path, encoding, max_chars, check_language))
    else:
        yield origin, _from_bytes_txt(data, origin, encoding, max_chars, check_language)


def _guard(origin: str, make: Any) -> Item:
    try:
        return make()
    except InputRejected as exc:
        return Rejection(origin, exc.reason + (f" ({exc.hint})" if exc.hint else ""))


def _from_bytes_txt(data: bytes, origin: str, encoding: str | None, max_chars: int, check_language: bool) -> Item:
    def make() -> Article:
        text = clean_text(decode(data, encoding))
        title, body = split_title(text)
        check_text(body, max_chars=max_chars, check_language=check_language)
        return Article(id=stable_id(body), text=body, title=title)

    return _guard(origin, make)


def split_title(text: str) -> tuple[str | None, str]:
    """A first line followed by a blank line is the title (the contract's .txt rule)."""
    m = re.match(r"([^\n]+)\n[ \t]*\n", text)
    if m and len(m.group(1)) <= 300:
        return m.group(1).strip(), text[m.end() :].strip()
    return None, text


def _html_article(data: bytes, path: Path, encoding: str | None, max_chars: int, check_language: bool) -> Article:
    import trafilatura

    html = decode(data, encoding)
    if "<" not in html:
        raise InputRejected("not HTML: no markup found")
    # No extensive date search: it takes "Copyright 2024" in a footer for the publication date.
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = clean_text(doc.text or "") if doc is not None else ""
    if len(text.split()) < MIN_WORDS:
        raise InputRejected("no article text found in the HTML page" + (f" (only {text!r})" if text else ""))
    title = doc.title or None
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()
    check_text(text, max_chars=max_chars, check_language=check_language)
    return Article(
        id=stable_id(text),
        text=text,
        title=title,
        outlet=doc.sitename or doc.hostname or None,
        published=doc.date or None,
        byline=doc.author or None,
        url=doc.url or None,
    )


def _jsonl_records(data: bytes, path: Path, encoding: str | None) -> Iterator[tuple[str, dict[str, Any] | str]]:
    try:
        text = decode(data, encoding)
    except InputRejected as exc:
        yield str(path), exc.reason
        return
    for n, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield origin, f"malformed JSON: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(record, dict):
            yield origin, "a JSON line must be an object with a 'text' field"
            continue
        yield origin, record


def _csv_records(data: bytes, path: Path, encoding: str | None) -> Iterator[tuple[str, dict[str, Any] | str]]:
    try:
        text = decode(data, encoding)
    except InputRejected as exc:
        yield str(path), exc.reason
        return
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(text))
    try:
        for n, row in enumerate(reader, start=2):
            yield f"{path}:{n}", {FAKES_COLUMNS.get(k, k): v for k, v in row.items() if k}
    except csv.Error as exc:
        yield f"{path}:{reader.line_num}", f"malformed CSV: {exc}"


def _records(
    records: Iterator[tuple[str, dict[str, Any] | str]], max_chars: int, check_language: bool
) -> Iterator[Located]:
    for origin, record in records:
        if isinstance(record, str):
            yield origin, Rejection(origin, record)
        else:
            yield origin, _guard(origin, lambda r=record: article_from_record(r, max_chars, check_language))


def article_from_record(record: dict[str, Any], max_chars: int = MAX_CHARS, check_language: bool = True) -> Article:
    raw = record.get("text")
    if not isinstance(raw, str):
        raise InputRejected("record has no 'text' field")
    text = clean_text(raw)
    check_text(text, max_chars=max_chars, check_language=check_language)
    given_id = record.get("id")
    return Article(
        id=str(given_id) if given_id not in (None, "") else stable_id(text),
        text=text,
        title=_opt(record.get("title")),
        outlet=_opt(record.get("outlet")),
        published=parse_date(record.get("published")),
        byline=_opt(record.get("byline")),
        url=_opt(record.get("url")),
    )


def _opt(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def parse_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from the contract's form or FA-KES's ``M/D/YYYY``; anything else is refused."""
    if value in (None, ""):
        return None
    s = str(value).strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(s[:19] if "T" in s else s, fmt.replace("Z", "")).date().isoformat()
        except ValueError:
            continue
    raise InputRejected(f"unreadable publication date {s!r} (expected YYYY-MM-DD)")
