"""Spark throughput on the FA-KES corpus: articles per second for plain `claimscope extract`, local[1] and local[2].

    .venv/bin/python bench/spark.py [CSV]

It measures; it never asserts. "cold" figures include loading the pipeline (for Spark: starting the Python
workers and loading spaCy in each), so plain extract and Spark compare like with like. "warm" figures run after
a small warm-up job has loaded the pipeline in every Python worker (Spark reuses its workers): the steady
throughput an archive of thousands of articles sees, where a one-off ~10 s model load per worker vanishes.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from claimscope.spark import extract
from claimscope.spark.io import read_articles, session

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"


def main() -> None:
    csv = sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_CSV)
    claimscope = Path(sys.executable).parent / "claimscope"
    t0 = time.perf_counter()
    out = subprocess.run([str(claimscope), "extract", csv, "--format", "jsonl"], capture_output=True, check=True).stdout
    seconds = time.perf_counter() - t0
    done = out.count(b"\n")
    print(f"claimscope extract: {done} articles in {seconds:.1f} s = {done / seconds:.1f} articles/s")
    warm: dict[int, float] = {}
    for cores in (1, 2):
        spark = session(f"local[{cores}]", f"claimscope-bench-{cores}")
        df = read_articles(spark, [csv]).repartition(cores * 8).cache()
        n = df.count()
        t0 = time.perf_counter()
        articles, _events, _claims = extract(df)
        done = articles.count()
        seconds = time.perf_counter() - t0
        print(f"local[{cores}] cold: {done} of {n} articles in {seconds:.1f} s = {done / seconds:.1f} articles/s")
        spark.stop()
        # Warm: a fresh session, a small warm-up job over every partition (each Python worker loads the
        # pipeline), then the whole corpus (a different plan from the warm-up, so nothing comes from a cache).
        spark = session(f"local[{cores}]", f"claimscope-bench-warm-{cores}")
        df = read_articles(spark, [csv]).repartition(cores * 8).cache()
        df.count()
        extract(df.sample(fraction=0.03, seed=1))[0].count()
        t0 = time.perf_counter()
        articles, _events, _claims = extract(df)
        done = articles.count()
        seconds = time.perf_counter() - t0
        warm[cores] = done / seconds
        print(f"local[{cores}] warm: {done} of {n} articles in {seconds:.1f} s = {warm[cores]:.1f} articles/s")
        spark.stop()
    print(f"warm speed-up local[2] / local[1]: {warm[2] / warm[1]:.2f}")


if __name__ == "__main__":
    main()
