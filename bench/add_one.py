"""How long adding one article takes in a store that already holds a corpus (extract, store, reconcile).

    .venv/bin/python bench/add_one.py STORE.db [--repeat 5]

The store is copied first, so it is left as it was. Models are loaded before timing (a running app or a
`claimscope watch` loads them once); the time is what each new article costs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from claimscope.embeddings import SentenceEmbedder
from claimscope.jobs import ingest, reconcile
from claimscope.model import Article
from claimscope.pipeline import Extractor
from claimscope.store import open_store

TEXT = ("At least {n} civilians were killed and dozens wounded on Tuesday when air strikes hit a market in the town "
        "of Saraqib in Idlib province, the Syrian Observatory for Human Rights said. Rescue workers searched the "
        "rubble for survivors as ambulances took the wounded to hospitals in Idlib city, activists said.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    extractor, embedder = Extractor(), SentenceEmbedder()
    embedder(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "copy.db"
        shutil.copy(args.store, db)
        store = open_store(str(db))
        print(f"store holds {store.count_articles()} articles")
        times = []
        for i in range(args.repeat):
            article = Article(id=f"bench-{i}", text=TEXT.format(n=10 + i), outlet="Bench Wire", published="2016-10-12")
            t0 = time.perf_counter()
            ingest([article], store, extractor=extractor)
            placed = reconcile(store, embedder)
            times.append(time.perf_counter() - t0)
            print(f"article {i}: {times[-1]:.3f} s, {len(placed)} events placed")
        store.close()
    print(f"median {statistics.median(times):.3f} s per added article (extract + store + reconcile)")


if __name__ == "__main__":
    main()
