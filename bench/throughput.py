"""Throughput of the claimscope pipeline against bare en_core_web_sm on the same texts, in one run.

    .venv/bin/python bench/throughput.py [CSV] [--limit N] [--batch-size 32]

Prints articles per second for both, their ratio, the time to ingest the same articles into a fresh SQLite
store relative to extracting them, and peak memory. It measures; it never asserts.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from claimscope.ingest import read_inputs
from claimscope.model import Article
from claimscope.pipeline import BASE_MODEL, Extractor, build_nlp

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="?", default=str(DEFAULT_CSV))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()

    import spacy

    # Every row, duplicates included, so the figure is for the whole corpus as published.
    articles = [a for a in read_inputs([args.csv], dedup=False) if isinstance(a, Article)][: args.limit]
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    print(f"{len(articles)} articles, {chars:,} characters, batch size {args.batch_size}")

    bare = spacy.load(BASE_MODEL)
    list(bare.pipe(texts[:8]))  # warm up both before timing
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=args.batch_size):
        pass
    bare_s = time.perf_counter() - t0

    extractor = Extractor(build_nlp(), batch_size=args.batch_size)
    list(extractor.extract(articles[:8]))
    t0 = time.perf_counter()
    n_events = sum(len(r.events) for r in extractor.extract(articles))
    ours_s = time.perf_counter() - t0

    # Storage overhead: the same articles extracted and written to a fresh SQLite store in chunks.
    import tempfile

    from claimscope.jobs import ingest
    from claimscope.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        t0 = time.perf_counter()
        summary = ingest(articles, store, extractor=extractor, batch_size=64)
        ingest_s = time.perf_counter() - t0
        store.close()

    # Where claimscope's own time goes: each component alone over docs the base model has parsed.
    nlp = extractor.nlp
    base = [n for n in nlp.pipe_names if not n.startswith("claimscope")]
    sample = articles[:200]
    docs = []
    for a in sample:
        doc = nlp.make_doc(a.text)
        doc._.cs_published, doc._.cs_outlet, doc._.cs_title = a.published, a.outlet, a.title
        docs.append(doc)
    with nlp.select_pipes(enable=[*base, "claimscope_headline"]):
        docs = list(nlp.pipe(docs))
    shares = {}
    for name in nlp.pipe_names:
        if name.startswith("claimscope") and name != "claimscope_headline":
            t0 = time.perf_counter()
            for doc in docs:
                nlp.get_pipe(name)(doc)
            shares[name] = time.perf_counter() - t0
    per_article = ours_s / len(texts)
    framing_share = shares["claimscope_framing"] / len(sample) / per_article

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bare en_core_web_sm nlp.pipe: {len(texts) / bare_s:8.1f} articles/s ({bare_s:.1f} s)")
    print(f"claimscope extract:           {len(texts) / ours_s:8.1f} articles/s ({ours_s:.1f} s, {n_events} events)")
    print(f"ratio claimscope / bare spaCy: {bare_s / ours_s:.2f}")
    print(f"claimscope ingest into SQLite: {len(texts) / ingest_s:8.1f} articles/s ({ingest_s:.1f} s, "
          f"{summary.added} stored, {summary.already} repeats skipped, {summary.near_duplicates} near-duplicates)")
    print(f"ingest time / extract time:    {ingest_s / ours_s:.2f}")
    print("component time per article: " + ", ".join(f"{k.removeprefix('claimscope_')} {1000 * v / len(sample):.2f} ms"
                                                  for k, v in shares.items()))
    print(f"framing's share of the pipeline's time: {100 * framing_share:.1f}%")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
