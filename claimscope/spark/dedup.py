"""Duplicates at scale, with the same outcome as ``claimscope ingest`` on one machine.

- Articles are read as one machine reads them (``article_from_record``: cleaned text, checks, stable ids);
  refused ones (empty, not English, too large) are left out.
- Exact copies (same content hash, or same id) are dropped; the first in input order is kept. Input order is
  ``(src, pos)``: the input's place on the command line, then the row or byte offset within it.
- Near-duplicates (a wire story republished) are kept and linked to the first copy, with the same MinHash
  signatures and LSH bands as ``ingest/dedup.py``. One machine links an article to the earliest earlier
  article that shares an LSH band with it; here each band bucket's earliest article is found with a groupBy,
  and each article takes the earliest of its buckets' firsts, which is the same article.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

PREPARED_SCHEMA = (
    "id string, title string, text string, outlet string, published string, byline string, url string, "
    "src int, pos long, content_hash string, minhash array<bigint>"
)
FIELDS = ("id", "title", "text", "outlet", "published", "byline", "url")


@lru_cache(maxsize=1)
def lsh_bands() -> tuple[int, int]:
    """(bands, rows per band) that datasketch picks for the threshold one machine uses."""
    from datasketch import MinHashLSH

    from claimscope.ingest.dedup import NUM_PERM, THRESHOLD

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _prepare_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    from claimscope.errors import InputRejected
    from claimscope.ingest.checks import stable_id
    from claimscope.ingest.dedup import signature
    from claimscope.ingest.readers import article_from_record

    columns = [c.split()[0] for c in PREPARED_SCHEMA.split(", ")]
    for batch in batches:
        rows = []
        for row in batch.to_dict("records"):
            record = {k: row.get(k) for k in FIELDS if isinstance(row.get(k), str)}
            try:
                a = article_from_record(record)
            except InputRejected:
                continue
            rows.append({"id": a.id, "title": a.title, "text": a.text, "outlet": a.outlet, "published": a.published,
                         "byline": a.byline, "url": a.url, "src": row["src"], "pos": row["pos"],
                         "content_hash": stable_id(a.text),
                         "minhash": [int(v) for v in signature(a.text).hashvalues]})
        yield pd.DataFrame(rows, columns=columns).astype({"src": "int32", "pos": "int64"})


def prepare(df: DataFrame) -> DataFrame:
    """Raw article rows (with ``src``, ``pos``) -> checked articles with content hash and MinHash signature."""
    from pyspark.sql import functions as F

    cols = [(F.col(c) if c in df.columns else F.lit(None)).cast("string").alias(c) for c in FIELDS]
    return df.select(*cols, "src", "pos").mapInPandas(_prepare_batches, PREPARED_SCHEMA)


def dedup(df: DataFrame) -> DataFrame:
    """Prepared articles without exact copies, with ``duplicate_of`` naming the first near-identical article."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    for key in ("content_hash", "id"):
        first = Window.partitionBy(key).orderBy("src", "pos")
        df = df.withColumn("_n", F.row_number().over(first)).where(F.col("_n") == 1).drop("_n")
    bands, rows = lsh_bands()
    keyed = df.select("id", F.struct("src", "pos", "id").alias("order"), F.explode(F.array(*[
        F.struct(F.lit(i).alias("band"), F.slice("minhash", i * rows + 1, rows).alias("key")) for i in range(bands)
    ])).alias("b")).select("id", "order", "b.band", "b.key")
    firsts = keyed.groupBy("band", "key").agg(F.min("order").alias("first"))
    links = (keyed.join(firsts, ["band", "key"]).where(F.col("first.id") != F.col("id"))
             .groupBy("id").agg(F.min("first").alias("first"))
             .select("id", F.col("first.id").alias("duplicate_of")))
    return df.join(links, "id", "left")
