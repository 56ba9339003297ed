"""`claimscope export` over a store: every format, filters, ACLED columns first, Parquet row counts."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from claimscope.cli import main
from claimscope.export.acled import ACLED_COLUMNS
from claimscope.jobs import ingest
from claimscope.model import ArticleResult
from claimscope.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor) -> str:
    path = str(tmp_path_factory.mktemp("export") / "sample.db")
    from claimscope.ingest import read_inputs

    with open_store(path) as store:
        ingest(read_inputs(["data/sample"]), store, extractor=extractor)
    return path


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.stderr
    return result


def test_acled_csv_has_acled_columns_first(db) -> None:
    rows = list(csv.reader(io.StringIO(run("export", "--db", db, "--format", "acled-csv").stdout)))
    assert rows[0][: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert len(rows) > 10


def test_filters_select_events(db) -> None:
    text = run("export", "--db", db, "--format", "acled-csv", "--place", "Hama").stdout
    places = {r["admin1"] for r in csv.DictReader(io.StringIO(text))}
    assert places == {"Hama"}


def test_geojson_is_lon_lat_inside_the_world(db) -> None:
    data = json.loads(run("export", "--db", db, "--format", "geojson").stdout)
    points = [f["geometry"]["coordinates"] for f in data["features"] if f["geometry"]]
    assert points and all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in points)
    assert all(35 < lon < 42 and 32 < lat < 38 for lon, lat in points)  # Syria: lon first


def test_parquet_needs_a_file_and_reads_back(db, tmp_path) -> None:
    assert CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet"]).exit_code != 0
    out = tmp_path / "e.parquet"
    run("export", "--db", db, "--format", "parquet", "-o", str(out))
    text = run("export", "--db", db, "--format", "acled-csv").stdout
    assert pq.read_table(out).num_rows == len(list(csv.DictReader(io.StringIO(text))))


def test_jsonl_round_trips(db) -> None:
    lines = run("export", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert [ArticleResult.from_dict(json.loads(x)).to_dict() == json.loads(x) for x in lines] == [True] * len(lines)
