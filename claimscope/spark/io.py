"""Reading article inputs into Spark and writing/loading claimscope's Parquet datasets."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from claimscope.ingest.readers import FAKES_COLUMNS

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def read_inputs(spark: SparkSession, paths: list[str]) -> DataFrame:
    """Raw article rows of every input: WARC archives and lists of them (read inside tasks), else as ``read_articles``.

    Each row carries ``src`` (the input's place in ``paths``) and ``pos`` (its place within the input) so that
    "the first copy" is the same article as on one machine.
    """
    from claimscope.ingest.warc import is_archive
    from claimscope.spark.warc import is_warc_list, read_warcs

    warcs = [(i, p) for i, p in enumerate(paths) if is_archive(p) or is_warc_list(p)]
    tables = [(i, p) for i, p in enumerate(paths) if (i, p) not in warcs]
    frames = [read_warcs(spark, warcs)] if warcs else []
    frames += [read_articles(spark, [p], src=i) for i, p in tables]
    out = frames[0]
    for df in frames[1:]:
        out = out.unionByName(df, allowMissingColumns=True)
    return out


def read_articles(spark: SparkSession, paths: list[str], src: int = 0) -> DataFrame:
    """JSONL, CSV (FA-KES columns accepted) or Parquet files of articles as one DataFrame.

    ``src`` + ``pos`` give each row's input order (``pos`` follows file order: it is taken before any shuffle).
    """
    from pyspark.sql import functions as F

    frames = []
    for n, path in enumerate(paths):
        suffix = Path(path).suffix.lower()
        if suffix == ".csv":
            df = spark.read.option("header", True).option("multiLine", True).option("escape", '"').csv(path)
            for old, new in FAKES_COLUMNS.items():
                if old in df.columns and new not in df.columns:
                    df = df.withColumnRenamed(old, new)
        elif suffix == ".parquet" or Path(path).is_dir():
            df = spark.read.parquet(path)
        else:
            df = spark.read.json(path)
        keep = [c for c in ("id", "title", "text", "outlet", "published", "byline", "url") if c in df.columns]
        frames.append(df.select(*[df[c].cast("string") for c in keep], F.lit(src + n).cast("int").alias("src"),
                                F.monotonically_increasing_id().alias("pos")))
    out = frames[0]
    for df in frames[1:]:
        out = out.unionByName(df, allowMissingColumns=True)
    return out


def write_datasets(articles: DataFrame, events: DataFrame, claims: DataFrame, out: str,
                   incidents: DataFrame | None = None) -> None:
    named = [("articles", articles), ("events", events), ("claims", claims)]
    for name, df in [*named, *([("incidents", incidents)] if incidents is not None else [])]:
        df.write.mode("overwrite").partitionBy("month").parquet(_join(out, name))


def _join(base: str, name: str) -> str:
    # a URL (hdfs://, s3://) must not go through Path, which would fold "//" into "/"
    return f"{base.rstrip('/')}/{name}" if "://" in base else str(Path(base) / name)


def session(master: str = "local[*]", app: str = "claimscope") -> SparkSession:
    """A Spark session whose Python workers run this interpreter (the one claimscope is installed in)."""
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (SparkSession.builder.master(master).appName(app)
            .config("spark.pyspark.python", sys.executable).config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4").getOrCreate())
