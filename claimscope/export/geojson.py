"""GeoJSON: an RFC 7946 FeatureCollection (``write``) or an RFC 8142 GeoJSON Text Sequence (``write_seq``).

One Feature per event: ``id`` is the event id, ``geometry`` a Point ``[longitude, latitude]`` (RFC 7946 puts
longitude first) in WGS84 rounded to 5 decimals, or ``null`` when the event has no placed location, and
``properties`` the event's ACLED row (``acled.event_row``, same names and values as the CSV, blanks as ``null``)
plus ``precision``, claimscope's own place precision ("city", "admin1", ...).

No ``crs`` member (RFC 7946 removed it: coordinates are always WGS84) and no ``bbox`` (it would need a
second pass over the data). The FeatureCollection is written feature by feature, one per line, so exports of
any size stream; a text sequence is better still for consumers that want to stream too (``jq --seq``,
``ogr2ogr`` read it record by record).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from claimscope.export._stream import text_sink
from claimscope.export.acled import iter_rows
from claimscope.model import ArticleResult, Event

RS = "\x1e"  # RFC 8142 record separator


def feature(event: Event, row: Mapping[str, Any]) -> dict[str, Any]:
    """The Feature for one event and its ACLED row."""
    lat, lon = row["latitude"], row["longitude"]  # already validated and rounded by the row builder
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    properties = {**row, "precision": event.location.precision if event.location else None}
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties}


def _dumps(obj: Any) -> str:
    # allow_nan=False: NaN is not JSON; the row builder already drops non-finite coordinates.
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def write(results: Iterable[ArticleResult], out: IO[Any], *, incidents: Mapping[str, str] | None = None) -> int:
    """Write one FeatureCollection; returns the number of features."""
    sink = text_sink(out)
    sink.write('{"type":"FeatureCollection","features":[')
    n = 0
    for event, row in iter_rows(results, incidents=incidents):
        sink.write(("\n" if n == 0 else ",\n") + _dumps(feature(event, row)))
        n += 1
    sink.write("\n]}\n")
    return n


def write_seq(results: Iterable[ArticleResult], out: IO[Any], *, incidents: Mapping[str, str] | None = None) -> int:
    """Write a GeoJSON Text Sequence: each Feature as RS + JSON + LF; returns the number of features."""
    sink = text_sink(out)
    n = 0
    for event, row in iter_rows(results, incidents=incidents):
        sink.write(RS + _dumps(feature(event, row)) + "\n")
        n += 1
    return n
