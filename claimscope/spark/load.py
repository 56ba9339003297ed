"""Loading `claimscope spark extract` output into a store (SQLite or PostgreSQL) for the CLI and the web app."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from claimscope.model import ArticleResult
from claimscope.store.db import Store
from claimscope.store.tables import events, incident_events

BATCH = 256


def load_datasets(store: Store, directory: str | Path) -> tuple[int, int]:
    """(articles added, events placed in Spark's incidents) from ``directory``'s Parquet datasets.

    Articles are added in input order (``src``, ``pos``) with their near-duplicate links and MinHash signatures,
    so that later ingests and ``reconcile`` see the store one machine would have built. The order needs the
    articles' small columns sorted in memory (their ``result`` bodies are read in batches).
    """
    import pyarrow.dataset as ds

    base = Path(directory)
    dataset = ds.dataset(str(base / "articles"), format="parquet", partitioning="hive")
    names = set(dataset.schema.names)
    extra = [c for c in ("duplicate_of", "minhash") if c in names]
    table = dataset.to_table(columns=["result", *extra, *(["src", "pos"] if "src" in names else [])])
    if "src" in names:
        table = table.sort_by([("src", "ascending"), ("pos", "ascending")])
    added = 0
    for batch in table.to_batches(max_chunksize=BATCH):
        cols = batch.to_pydict()
        results = [ArticleResult.from_dict(json.loads(body)) for body in cols["result"]]
        near = {}
        if "minhash" in cols:
            for r, original, signature in zip(results, cols.get("duplicate_of", [None] * len(results)),
                                              cols["minhash"], strict=True):
                if signature is not None:
                    near[r.article.id] = (original, list(signature))
        added += store.add(results, near)
    placed = 0
    if (base / "incidents").is_dir():
        members = ds.dataset(str(base / "incidents"), format="parquet", partitioning="hive")
        for batch in members.to_batches(columns=["incident_id", "event_id", "vector"], batch_size=10_000):
            placed += add_members(store, batch.to_pylist())
    return added, placed


def add_members(store: Store, rows: Iterable[dict[str, Any]], chunk: int = 1000) -> int:
    """Incident memberships grouped elsewhere (``claimscope load`` of Spark output): ``{event_id, incident_id,
    vector}`` rows for stored events that are in no incident yet; the others are left as they are. Returns how
    many were added."""
    added = 0
    pending = list(rows)
    with store.engine.begin() as conn:
        for i in range(0, len(pending), chunk):
            part = {r["event_id"]: r for r in pending[i : i + chunk]}
            ids = list(part)
            stored = {r[0] for r in conn.execute(select(events.c.id).where(events.c.id.in_(ids)))}
            taken = {r[0] for r in conn.execute(
                select(incident_events.c.event_id).where(incident_events.c.event_id.in_(ids)))}
            fresh = [{"event_id": e, "incident_id": r["incident_id"], "vector": r.get("vector")}
                     for e, r in part.items() if e in stored and e not in taken]
            if fresh:
                conn.execute(insert(incident_events), fresh)
            added += len(fresh)
    return added
