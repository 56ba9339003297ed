"""Long-running work that ties the stages together: ingesting a stream of inputs into a store.

Commits in chunks and skips what is already stored, so an interrupted run resumes where it stopped when
it is run again: nothing lost, nothing doubled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
