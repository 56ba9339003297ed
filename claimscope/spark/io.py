"""Reading article inputs into Spark and writing/loading claimscope's Parquet datasets."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from claimscope.ingest.readers import FAKES_COLUMNS

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def read_articles(spark: SparkSession, paths: list[str]) -> DataFrame:
    """JSONL, CSV (FA-KES columns accepted) or Parquet files of articles as one DataFrame."""
    frames = []
    for path in paths:
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
        keep = [c for c in ("id", "title", "text", "outlet", "published", "url") if c in df.columns]
        frames.append(df.select(*[df[c].cast("string") for c in keep]))
    out = frames[0]
    for df in frames[1:]:
        out = out.unionByName(df, allowMissingColumns=True)
    return out


def write_datasets(articles: DataFrame, events: DataFrame, claims: DataFrame, out: str) -> None:
    for name, df in (("articles", articles), ("events", events), ("claims", claims)):
        df.write.mode("overwrite").partitionBy("month").parquet(str(Path(out) / name))


def session(master: str = "local[*]", app: str = "claimscope") -> SparkSession:
    """A Spark session whose Python workers run this interpreter (the one claimscope is installed in)."""
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (SparkSession.builder.master(master).appName(app)
            .config("spark.pyspark.python", sys.executable).config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4").getOrCreate())
