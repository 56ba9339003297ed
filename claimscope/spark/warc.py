"""WARC archives on Spark: the driver hands out file *paths*, each task streams its files record by record.

As Common Crawl's ``cc-pyspark`` does, a WARC file is never read by the driver or shipped whole: one partition
per file, opened inside the task and passed to the same reader as ``claimscope ingest`` (``ingest/warc.py``,
warcio), so the same records are kept: HTTP 200 HTML responses whose text is English.

Paths may be local (``/data/x.warc.gz``, ``file:///data/x.warc.gz``) or any URL ``pyarrow.fs`` opens (``hdfs://``,
``s3://``, ``gs://``, ``abfs://`` where pyarrow was built with them), else any URL ``fsspec`` opens, if installed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING
from urllib.parse import unquote, urlparse

from claimscope.ingest.warc import is_archive

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

# What a task reads from an archive: the article fields, and where it was (input, file, byte offset) so that
# "first copy" means the same article on every run and on one machine.
RAW_SCHEMA = (
    "id string, title string, text string, outlet string, published string, byline string, url string, "
    "src int, pos long"
)
OFFSET_BITS = 40  # pos = file number << 40 | byte offset: archives are far below a terabyte


def is_warc_list(path: str) -> bool:
    """A text file naming one WARC per line, as cc-pyspark's input lists (``warc.paths[.gz]``) do."""
    name = urlparse(path).path if "://" in path else path
    return name.lower().endswith((".paths", ".paths.gz", ".txt"))


def warc_paths(path: str) -> list[str]:
    """The archives an input stands for: itself, or the lines of a list file (blank lines and # comments skipped)."""
    if is_archive(path):
        return [path]
    with _open(path) as fh:
        data = fh.read()
    if path.lower().endswith(".gz"):  # Common Crawl publishes its lists as warc.paths.gz
        import gzip

        data = gzip.decompress(data)
    lines = data.decode("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@contextlib.contextmanager
def _open(path: str) -> Iterator[IO[bytes]]:
    """A binary stream of a local path or a filesystem URL, never decompressed (warcio undoes gzip per record)."""
    parsed = urlparse(path)
    if "://" not in path or parsed.scheme == "file":
        with open(unquote(parsed.path) if parsed.scheme == "file" else path, "rb") as fh:
            yield fh
        return
    try:
        import pyarrow.fs as pafs

        fs, inner = pafs.FileSystem.from_uri(path)
    except Exception:  # pyarrow built without this scheme (or unknown to it): fsspec knows many more
        import fsspec

        with fsspec.open(path, "rb", compression=None) as fh:
            yield fh
        return
    # compression=None: pyarrow would otherwise gunzip by suffix, and a WARC's gzip members must reach warcio.
    with fs.open_input_stream(inner, compression=None) as fh:
        yield fh


def read_warc_file(path: str, src: int, file_no: int) -> Iterator[dict[str, object]]:
    """The articles of one archive as rows; pages refused (not English, no text, cut off) are left out."""
    from claimscope.ingest.warc import read_warc
    from claimscope.model import Article

    with _open(path) as fh:
        for where, item in read_warc(fh):
            if not isinstance(item, Article):
                continue
            offset = int(where.rsplit("#", 1)[1]) if "#" in where else 0
            yield {"id": item.id, "title": item.title, "text": item.text, "outlet": item.outlet,
                   "published": item.published, "byline": item.byline, "url": item.url,
                   "src": src, "pos": (file_no << OFFSET_BITS) | offset}


def _read_files(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    import pandas as pd


    columns = [c.split()[0] for c in RAW_SCHEMA.split(", ")]
    for batch in batches:
        for path, src, file_no in zip(batch["path"], batch["src"], batch["file_no"], strict=True):
            rows = list(read_warc_file(str(path), int(src), int(file_no)))
            yield pd.DataFrame(rows, columns=columns).astype({"src": "int32", "pos": "int64"})


def read_warcs(spark: SparkSession, inputs: list[tuple[int, str]]) -> DataFrame:
    """Articles of the archives named by ``inputs`` ((input number, WARC or list path)), read inside tasks.

    Only the paths pass through the driver; each file is its own partition, so a task holds one record at a time.
    """
    files = [(src, n, p) for src, path in inputs for n, p in enumerate(warc_paths(path))]
    if not files:
        return spark.createDataFrame([], RAW_SCHEMA)
    # parallelize with one slice per file: each archive is one task, whatever its name hashes to
    listing = spark.createDataFrame(spark.sparkContext.parallelize(files, len(files)), "src int, file_no int, path string")
    return listing.mapInPandas(_read_files, RAW_SCHEMA)
