"""Exporting ArticleResults: ACLED-style CSV, GeoJSON, GeoJSON Text Sequences, GeoParquet and contract JSONL.

``write(results, fmt, out)`` picks the format; each format's module also has its own ``write``. Everything
streams: results are consumed one at a time and rows written as they come (Parquet in row batches). The
format modules are imported on demand, so importing this package does not import pyarrow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO, Any

from claimscope.model import ArticleResult

FORMATS: tuple[str, ...] = ("acled-csv", "geojson", "geojsonseq", "parquet", "jsonl")

# The file name suffix each format is conventionally saved with (for callers that name output files).
SUFFIXES: dict[str, str] = {
    "acled-csv": ".csv",
    "geojson": ".geojson",
    "geojsonseq": ".geojsons",
    "parquet": ".parquet",
    "jsonl": ".jsonl",
}


def write(
    results: Iterable[ArticleResult],
    fmt: str,
    out: IO[Any],
    *,
    incidents: Mapping[str, str] | None = None,
) -> int:
    """Write ``results`` to the binary stream ``out`` in format ``fmt`` (text formats as UTF-8).

    ``incidents`` maps event ids to incident ids for the ``incident_id`` column (not used by ``jsonl``,
    whose objects are the contract's). Returns the number of records written: rows/features, or articles
    for ``jsonl``. ``out`` is flushed, never closed.
    """
    if fmt == "acled-csv":
        from claimscope.export import acled

        n = acled.write(results, out, incidents=incidents)
    elif fmt == "geojson":
        from claimscope.export import geojson

        n = geojson.write(results, out, incidents=incidents)
    elif fmt == "geojsonseq":
        from claimscope.export import geojson

        n = geojson.write_seq(results, out, incidents=incidents)
    elif fmt == "parquet":
        from claimscope.export import parquet

        n = parquet.write(results, out, incidents=incidents)
    elif fmt == "jsonl":
        from claimscope.export import jsonl

        n = jsonl.write(results, out)
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    out.flush()
    return n


__all__ = ["FORMATS", "SUFFIXES", "write"]
