"""Spark throughput on the FA-KES corpus: articles per second for plain `claimscope extract`, local[1] and local[2].

    .venv/bin/python bench/spark.py [CSV]

It measures; it never asserts. Each figure includes loading the pipeline (for Spark: starting the Python
workers), so they compare like with like.
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
    for cores in (1, 2):
        spark = session(f"local[{cores}]", f"claimscope-bench-{cores}")
        df = read_articles(spark, [csv]).repartition(cores * 4).cache()
        n = df.count()
        t0 = time.perf_counter()
        articles, _events, _claims = extract(df)
        done = articles.count()
        seconds = time.perf_counter() - t0
        print(f"local[{cores}]: {done} of {n} articles in {seconds:.1f} s = {done / seconds:.1f} articles/s")
        spark.stop()


if __name__ == "__main__":
    main()
