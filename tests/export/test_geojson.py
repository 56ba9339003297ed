"""GeoJSON (RFC 7946) and GeoJSON Text Sequences (RFC 8142): structure, coordinate order and ranges."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pytest

from claimscope.eval.score import km
from claimscope.export import acled, geojson, write
from claimscope.model import ArticleResult
from tests.export.builders import HAMA, event, result


def collection(results: list[ArticleResult]) -> dict[str, Any]:
    out = io.BytesIO()
    write(results, "geojson", out)
    return json.loads(out.getvalue().decode("utf-8"))


def sequence(results: list[ArticleResult]) -> bytes:
    out = io.BytesIO()
    write(results, "geojsonseq", out)
    return out.getvalue()


def seq_features(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(rec) for rec in data.decode("utf-8").split(geojson.RS)[1:]]


def check_feature(f: dict[str, Any]) -> None:
    assert f["type"] == "Feature"
    assert isinstance(f["id"], str) and f["id"]
    assert set(f["properties"]) == {*acled.COLUMNS, "precision"}
    geom = f["geometry"]
    if geom is None:
        assert f["properties"]["latitude"] is None and f["properties"]["longitude"] is None
        return
    assert geom["type"] == "Point"
    lon, lat = geom["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert (lon, lat) == (f["properties"]["longitude"], f["properties"]["latitude"])


def test_feature_collection_structure(results):
    fc = collection(results)
    assert set(fc) == {"type", "features"}  # RFC 7946: no "crs"
    assert fc["type"] == "FeatureCollection"
    assert [f["id"] for f in fc["features"]] == ["a1#1", "a1#2", "a2#1", "a2#2", "a2#3"]
    for f in fc["features"]:
        check_feature(f)


def test_empty_collection_is_valid_json():
    assert collection([]) == {"type": "FeatureCollection", "features": []}


def test_longitude_first_for_hama(results):
    hama = next(f for f in collection(results)["features"] if f["properties"]["location"] == "Hama")
    lon, lat = hama["geometry"]["coordinates"]
    assert lon == pytest.approx(36.76, abs=0.1) and lat == pytest.approx(35.13, abs=0.1)
    assert km(lat, lon, HAMA.lat, HAMA.lon) < 1


def test_unplaced_event_has_null_geometry(results):
    feature = {f["id"]: f for f in collection(results)["features"]}["a1#2"]
    assert feature["geometry"] is None and feature["properties"]["precision"] is None


def test_properties_match_the_csv_row_and_carry_precision(results):
    feature = {f["id"]: f for f in collection(results)["features"]}["a2#2"]
    ev = results[1].events[1]
    assert feature["properties"] == {
        **acled.event_row(results[1], ev, actor_types=acled.ActorTypes()), "precision": "admin1"}


@pytest.mark.parametrize(("lat", "lon", "expected"), [
    (35.131791234, 36.757834567, [36.75783, 35.13179]),
    (-33.8688, 151.2093, [151.2093, -33.8688]),
    (95.0, 36.0, None),  # not on the globe: unplaced rather than invalid GeoJSON
    (35.0, 200.0, None),
    (math.nan, 36.0, None),
    (None, 36.0, None),
])
def test_coordinates_rounded_and_validated(lat, lon, expected):
    place = HAMA.__class__(**{**HAMA.__dict__, "lat": lat, "lon": lon})
    feature = collection([result([event("e#1", place=place)])])["features"][0]
    assert (feature["geometry"] or {}).get("coordinates") == expected


def test_sequence_records_start_with_rs_and_end_with_lf(results):
    data = sequence(results)
    records = data.split(b"\n")
    assert records[-1] == b""  # the last record ends with LF too
    assert len(records[:-1]) == 5
    assert all(r.startswith(b"\x1e") and r.count(b"\x1e") == 1 for r in records[:-1])
    features = seq_features(data)
    for f in features:
        check_feature(f)
    assert features == collection(results)["features"]


def test_sequence_of_nothing_is_empty():
    assert sequence([]) == b""


def test_non_ascii_is_utf8():
    ev = event("e#1", sentence="\u0642\u0635\u0641 \u0639\u0644\u0649 \u062d\u0645\u0627\u0629")
    data = sequence([result([ev])])
    assert "\u062d\u0645\u0627\u0629".encode() in data
    assert seq_features(data)[0]["properties"]["notes"] == ev.sentence
