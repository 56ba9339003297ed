"""Every format over the real pipeline's output for ``data/sample``: the formats agree with each other."""

from __future__ import annotations

import csv
import io
import json
import struct
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from claimscope.eval.score import km
from claimscope.export import FORMATS, acled, write
from claimscope.ingest.readers import read_inputs
from claimscope.model import Article, ArticleResult

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
HAMA_LAT, HAMA_LON = 35.13, 36.76


@pytest.fixture(scope="module")
def sample(extractor) -> list[ArticleResult]:
    articles = [a for a in read_inputs([SAMPLE]) if isinstance(a, Article)]
    assert len(articles) == 8
    return list(extractor.extract(articles))


@pytest.fixture(scope="module")
def exported(sample) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for fmt in FORMATS:
        buf = io.BytesIO()
        write(sample, fmt, buf)
        out[fmt] = buf.getvalue()
    return out


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def features(data: bytes) -> list[dict[str, Any]]:
    return json.loads(data)["features"]


def test_all_formats_have_every_event(sample, exported):
    n = sum(len(r.events) for r in sample)
    assert n > 0
    assert len(csv_rows(exported["acled-csv"])) == n
    assert len(features(exported["geojson"])) == n
    assert exported["geojsonseq"].count(b"\x1e") == n
    assert pq.read_table(io.BytesIO(exported["parquet"])).num_rows == n
    assert len(exported["jsonl"].splitlines()) == len(sample)


def test_csv_header_and_unique_ids(exported):
    rows = csv_rows(exported["acled-csv"])
    assert list(rows[0]) == list(acled.COLUMNS)
    ids = [r["event_id_cnty"] for r in rows]
    assert len(set(ids)) == len(ids)


def test_coordinates_on_the_globe_and_hama_lon_first(exported):
    hama = []
    for f in features(exported["geojson"]):
        if f["geometry"] is None:
            continue
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        if f["properties"]["location"] == "Hama":
            hama.append((lon, lat))
    assert hama
    for lon, lat in hama:
        assert km(lat, lon, HAMA_LAT, HAMA_LON) < 5


def test_parquet_geometry_matches_geojson(exported):
    table = pq.read_table(io.BytesIO(exported["parquet"])).to_pylist()
    geo = features(exported["geojson"])
    for row, f in zip(table, geo, strict=True):
        got = None if row["geometry"] is None else list(struct.unpack_from("<dd", row["geometry"], 5))
        assert got == (f["geometry"] or {}).get("coordinates")


def test_nested_and_denied_figures_in_the_sample(exported):
    rows = {r["event_id_cnty"]: r for r in csv_rows(exported["acled-csv"])}
    by_evidence = {r["evidence"]: r for r in rows.values() if r["evidence"]}
    nested = next(r for e, r in by_evidence.items() if "At least 22 people were killed" in e)
    assert nested["fatalities"] == "22"  # "including five children" is part of the 22
    denied = [r for r in rows.values() if r["stance"] == "denied"]
    assert denied and all(r["fatalities"] == "0" for r in denied)


def test_jsonl_round_trips(sample, exported):
    back = [ArticleResult.from_dict(json.loads(line)) for line in exported["jsonl"].splitlines()]
    assert [b.to_dict() for b in back] == [r.to_dict() for r in sample]
