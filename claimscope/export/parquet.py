"""GeoParquet 1.0.0: the ACLED rows (``acled.event_row``) with typed columns plus a WKB ``geometry`` column.

Columns: ``acled.COLUMNS`` in order, then ``precision`` (claimscope's place precision) and ``geometry``, with
the explicit types of ``SCHEMA``: ``event_date`` is a date32, codes and counts are int64, coordinates float64,
the rest strings; columns that always have a value are declared non-nullable.

``geometry`` holds each event's location as a little-endian WKB Point (x = longitude, y = latitude), or null
when the event is unplaced. The Parquet key-value metadata ``geo`` describes it as GeoParquet 1.0.0 requires
(``version``, ``primary_column``, and per column ``encoding`` and ``geometry_types``). ``crs`` is left out
on purpose: absent means OGC:CRS84 (WGS84, longitude first), which is what the gazetteer gives, whereas an
explicit ``null`` would mean "unknown". ``bbox`` is optional and left out: it is only known after the last
row, and the metadata is fixed when the writer opens.

Rows are converted and written ``batch_size`` at a time (each batch one row group), so memory does not grow
with the export.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Mapping
from datetime import date
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from claimscope.export._stream import is_text
from claimscope.export.acled import COLUMNS, iter_rows
from claimscope.model import ArticleResult, Event

BATCH_SIZE = 1000

GEO_METADATA: dict[str, Any] = {
    "version": "1.0.0",
    "primary_column": "geometry",
    "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"]}},
}

_STR, _INT, _FLOAT = pa.string(), pa.int64(), pa.float64()
_TYPES: dict[str, pa.DataType] = {
    "event_date": pa.date32(),
    **dict.fromkeys(
        ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
         "timestamp", "fatalities_low", "fatalities_high"), _INT),
    "latitude": _FLOAT,
    "longitude": _FLOAT,
}
# Always filled by the row builder; declaring them so lets readers rely on it.
_REQUIRED = frozenset({"event_id_cnty", "time_precision", "fatalities", "tags", "timestamp", "stance", "article_ids"})

SCHEMA: pa.Schema = pa.schema(
    [pa.field(c, _TYPES.get(c, _STR), nullable=c not in _REQUIRED) for c in COLUMNS]
    + [pa.field("precision", _STR), pa.field("geometry", pa.binary())],
    metadata={b"geo": json.dumps(GEO_METADATA).encode("utf-8")},
)


def point_wkb(lon: float, lat: float) -> bytes:
    """ISO WKB Point, little-endian: byte order 1, geometry type 1, then x (longitude) and y (latitude)."""
    return struct.pack("<BIdd", 1, 1, lon, lat)


def _record(event: Event, row: Mapping[str, Any]) -> dict[str, Any]:
    lat, lon = row["latitude"], row["longitude"]
    return {
        **row,
        "event_date": date.fromisoformat(row["event_date"]) if row["event_date"] else None,
        "precision": event.location.precision if event.location else None,
        "geometry": None if lat is None or lon is None else point_wkb(lon, lat),
    }


def write(
    results: Iterable[ArticleResult],
    out: IO[bytes],
    *,
    incidents: Mapping[str, str] | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Write a GeoParquet file to a binary stream (left open); returns the number of rows."""
    if is_text(out):
        raise TypeError("parquet is binary: pass a file opened in binary mode")
    n = 0
    batch: list[dict[str, Any]] = []
    # The writer is opened before the first row so that an export with no events is still a valid file.
    with pq.ParquetWriter(out, SCHEMA) as writer:
        for event, row in iter_rows(results, incidents=incidents):
            batch.append(_record(event, row))
            if len(batch) >= batch_size:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=SCHEMA))
                n += len(batch)
                batch = []
        if batch:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=SCHEMA))
            n += len(batch)
    return n
