"""GeoParquet: schema as declared, row count, geo metadata and WKB points that decode to the same lon/lat."""

from __future__ import annotations

import csv
import io
import json
import struct
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimscope.export import acled, parquet, write
from claimscope.model import ArticleResult
from tests.export.builders import event, result


def export(results: list[ArticleResult], **kwargs) -> pa.Table:
    out = io.BytesIO()
    if kwargs:
        parquet.write(results, out, **kwargs)
    else:
        write(results, "parquet", out)
    return pq.read_table(io.BytesIO(out.getvalue()))


def csv_rows(results: list[ArticleResult]) -> int:
    out = io.BytesIO()
    write(results, "acled-csv", out)
    return len(list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"), newline=""))))


def decode_wkb(data: bytes) -> tuple[float, float]:
    order, kind = struct.unpack_from("<BI", data)
    assert (order, kind, len(data)) == (1, 1, 21)  # little-endian Point, no Z/M
    return struct.unpack_from("<dd", data, 5)


def test_same_row_count_as_the_csv(results):
    assert export(results).num_rows == csv_rows(results) == 5


@pytest.mark.parametrize(("column", "type_"), [
    ("event_id_cnty", pa.string()), ("event_date", pa.date32()), ("year", pa.int64()),
    ("time_precision", pa.int64()), ("inter1", pa.int64()), ("interaction", pa.int64()), ("iso", pa.int64()),
    ("latitude", pa.float64()), ("longitude", pa.float64()), ("geo_precision", pa.int64()),
    ("fatalities", pa.int64()), ("timestamp", pa.int64()), ("fatalities_low", pa.int64()),
    ("fatalities_high", pa.int64()), ("notes", pa.string()), ("incident_id", pa.string()),
    ("precision", pa.string()), ("geometry", pa.binary()),
])
def test_column_types_as_declared(results, column, type_):
    schema = export(results).schema
    assert schema.field(column).type == type_
    assert schema.field(column).type == parquet.SCHEMA.field(column).type


def test_columns_are_the_csv_columns_then_precision_and_geometry(results):
    assert export(results).column_names == [*acled.COLUMNS, "precision", "geometry"]


def test_required_columns_are_not_nullable(results):
    schema = export(results).schema
    assert not schema.field("event_id_cnty").nullable and not schema.field("fatalities").nullable
    assert schema.field("latitude").nullable


def test_geo_metadata_is_geoparquet_1_0(results):
    geo = json.loads(export(results).schema.metadata[b"geo"])
    assert geo["version"] == "1.0.0" and geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB" and column["geometry_types"] == ["Point"]
    assert "crs" not in column  # absent = OGC:CRS84; null would mean "unknown"


def test_wkb_decodes_to_the_same_lon_lat(results):
    table = export(results).to_pylist()
    placed = [r for r in table if r["geometry"] is not None]
    assert len(placed) == 4
    for r in placed:
        assert decode_wkb(r["geometry"]) == (r["longitude"], r["latitude"])
    hama = next(r for r in placed if r["location"] == "Hama")
    assert decode_wkb(hama["geometry"]) == pytest.approx((36.75783, 35.13179))


def test_unplaced_event_has_null_geometry(results):
    row = next(r for r in export(results).to_pylist() if r["event_id_cnty"].startswith("XXX"))
    assert row["geometry"] is None and row["latitude"] is None and row["precision"] is None


def test_values_match_the_row_builder(results):
    first = export(results).to_pylist()[0]
    row = acled.event_row(results[0], results[0].events[0], actor_types=acled.ActorTypes())
    assert first["event_date"] == date(2024, 12, 4)
    assert {k: first[k] for k in acled.COLUMNS if k != "event_date"} == {
        k: row[k] for k in acled.COLUMNS if k != "event_date"}


def test_written_in_row_batches():
    results = [result([event(f"a{i}#{j}") for j in range(3)], aid=f"a{i}") for i in range(4)]
    out = io.BytesIO()
    assert parquet.write(results, out, batch_size=5) == 12
    meta = pq.ParquetFile(io.BytesIO(out.getvalue())).metadata
    assert (meta.num_rows, meta.num_row_groups) == (12, 3)


def test_empty_export_is_a_valid_file():
    table = export([])
    assert table.num_rows == 0 and b"geo" in table.schema.metadata


def test_text_stream_is_refused(results):
    with pytest.raises(TypeError, match="binary"):
        parquet.write(results, io.StringIO())
