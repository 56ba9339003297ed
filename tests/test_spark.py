"""Spark (local[2]) gives exactly what one machine gives, and its output loads into the store."""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

pyspark = pytest.importorskip("pyspark")

from claimscope.cli import main  # noqa: E402
from claimscope.ingest import read_inputs  # noqa: E402
from claimscope.model import Article  # noqa: E402

FAKES = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"
pytestmark = pytest.mark.skipif(not FAKES.exists(), reason="needs ../shared/data/fakes")


@pytest.fixture(scope="module")
def spark():
    from claimscope.spark.io import session as spark_session

    session = spark_session("local[2]", "claimscope-test")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def hundred(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spark") / "hundred.csv"
    with FAKES.open(encoding="utf-8", newline="") as src, path.open("w", encoding="utf-8", newline="") as dst:
        reader = csv.reader(src)
        writer = csv.writer(dst)
        for row in itertools.islice(reader, 101):
            writer.writerow(row)
    return path


def test_spark_extract_equals_one_machine(spark, hundred, extractor) -> None:
    from claimscope.spark import extract
    from claimscope.spark.io import read_articles

    articles, events, claims = extract(read_articles(spark, [str(hundred)]).repartition(2))
    on_spark = {r["id"]: json.loads(r["result"]) for r in articles.collect()}
    local = {r.article.id: r.to_dict() for r in extractor.extract(
        [a for a in read_inputs([str(hundred)], dedup=False) if isinstance(a, Article)])}
    assert on_spark.keys() == local.keys() and len(local) >= 95
    assert on_spark == local
    assert events.count() == sum(len(r["events"]) for r in local.values())
    assert claims.count() == sum(len(e["counts"]) for r in local.values() for e in r["events"])


def test_cli_spark_extract_then_load(hundred, tmp_path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["spark", "extract", str(hundred), "--out", str(out), "--master", "local[2]"])
    assert result.exit_code == 0, result.stderr
    assert (out / "articles").exists() and any((out / "events").glob("month=*"))
    db = str(tmp_path / "loaded.db")
    loaded = CliRunner().invoke(main, ["load", str(out), "--db", db, "--no-reconcile"])
    assert loaded.exit_code == 0, loaded.stderr
    events = json.loads(CliRunner().invoke(main, ["events", "--db", db, "--format", "json"]).stdout)
    assert len(events) > 100
