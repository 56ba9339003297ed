"""Long-running work that ties the stages together: ingesting a stream of inputs into a store.

Commits in chunks and skips what is already stored, so an interrupted run resumes where it stopped when
it is run again: nothing lost, nothing doubled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from claimscope.ingest.dedup import NearDuplicates
from claimscope.model import Article, Rejection
from claimscope.pipeline import Extractor
from claimscope.store.db import Store


@dataclass
class IngestSummary:
    added: int = 0
    already: int = 0
    rejected: int = 0
    near_duplicates: int = 0


def ingest(
    items: Iterable[Article | Rejection],
    store: Store,
    *,
    extractor: Extractor | None = None,
    batch_size: int = 64,
    on_reject: Callable[[Rejection], None] = lambda r: None,
    on_item: Callable[[], None] = lambda: None,
) -> IngestSummary:
    summary = IngestSummary()
    index = NearDuplicates()
    index.load(store.signatures())
    batch: list[Article] = []
    near: dict[str, tuple[str | None, list[int]]] = {}

    def flush() -> None:
        nonlocal extractor
        if not batch:
            return
        extractor = extractor or Extractor()
        summary.added += store.add(list(extractor.extract(batch)), near)
        batch.clear()
        near.clear()

    for item in items:
        on_item()
        if isinstance(item, Rejection):
            summary.rejected += 1
            on_reject(item)
            continue
        if store.known(item.id, item.text) or any(a.id == item.id for a in batch):
            summary.already += 1
            continue
        near[item.id] = index.check(item.id, item.text)
        summary.near_duplicates += near[item.id][0] is not None
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    flush()
    return summary


# Rejections worth retrying on the next poll: the page or feed may be back then.
TRANSIENT = ("HTTP 5", "timed out", "cannot connect", "HTTP 429")


@dataclass
class PollSummary:
    feed: str
    new: int = 0
    added: int = 0
    problems: list[str] = field(default_factory=list)


def poll_feeds(
    feeds: Iterable[str],
    store: Store,
    *,
    extractor: Extractor | None = None,
    fetch_pages: bool = True,
    timeout: float = 20.0,
) -> list[PollSummary]:
    """Read each feed once: new entries are extracted and stored, and remembered so they are read once.

    A feed that is down or malformed is reported and left for the next poll; it never stops the others.
    """
    from claimscope.ingest.feeds import read_feed

    out = []
    for feed in feeds:
        summary = PollSummary(feed)
        seen = store.feed_seen(feed)
        done: list[str] = []
        items: list[Article | Rejection] = []
        for key, item in read_feed(feed, seen=seen.__contains__, fetch_pages=fetch_pages, timeout=timeout):
            if isinstance(item, Rejection):
                summary.problems.append(f"{item.origin}: {item.reason}")
                if key != feed and not item.reason.startswith(TRANSIENT):
                    done.append(key)  # not English, no text...: it will not get better, do not fetch it again
                continue
            items.append(item)
            done.append(key)
        summary.new = len(items)
        summary.added = ingest(items, store, extractor=extractor).added if items else 0
        store.mark_feed_seen(feed, done)
        out.append(summary)
    return out


def reconcile(store: Store, embed: Callable[[list[str]], list[Sequence[float]]] | None = None) -> dict[str, str]:
    """Place every event not yet in an incident; incidents already formed are kept as they are.

    Returns event id -> incident id for the events placed now. ``embed`` defaults to the bundled
    sentence-embedding model.
    """
    from claimscope.embeddings import SentenceEmbedder
    from claimscope.reconcile import Grouper
    from claimscope.store.incidents import assign, event_refs, load_incidents

    fresh = [ref for ref, incident in event_refs(store, only_unassigned=True) if incident is None]
    if not fresh:
        return {}
    grouper = Grouper(embed or SentenceEmbedder())
    grouper.load(load_incidents(store))
    placed = grouper.add(fresh)
    assign(store, placed, fresh)
    return placed
