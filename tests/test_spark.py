"""Spark (local[2]) gives exactly what one machine gives, and its output loads into the store."""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

pyspark = pytest.importorskip("pyspark")

from claimscope.cli import main  # noqa: E402
from claimscope.ingest import read_inputs  # noqa: E402
from claimscope.model import Article, ArticleResult  # noqa: E402

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
    """The first 100 FA-KES articles, then a word-for-word copy of the 4th under a new id (to be dropped) and a
    wire copy of the 3rd with a credit line added (to be kept and linked to it)."""
    path = tmp_path_factory.mktemp("spark") / "hundred.csv"
    with FAKES.open(encoding="utf-8", newline="") as src, path.open("w", encoding="utf-8", newline="") as dst:
        reader = csv.reader(src)
        writer = csv.writer(dst)
        rows = list(itertools.islice(reader, 101))
        writer.writerows(rows)
        writer.writerow(["exact-copy", *rows[4][1:]])
        writer.writerow(["wire-copy", rows[3][1], rows[3][2] + " (Reporting by the wire desk.)", *rows[3][3:]])
    return path


def _crawls(tmp_path: Path) -> Path:
    """Two WARCs and a cc-pyspark style list naming them (one as a file:// URL): the first is a whole crawl
    (three English articles among requests, a 404, an image, a stylesheet, a German page...); the second
    repeats one article word for word under another URL and republishes another with a line added."""
    from tests.ingest.test_warc import ALEPPO, Archive, news_page, write_crawl

    first = write_crawl(tmp_path / "a.warc.gz", gzip_records=True)
    second = tmp_path / "b.warc"
    with second.open("wb") as out:
        warc = Archive(out, gzip=False)
        warc.response("/copy/aleppo", news_page("Shelling wounds five in Aleppo", ALEPPO).encode(),
                      date="2024-12-04T06:00:00Z")
        warc.response("/wire/aleppo", news_page("Shelling wounds five in Aleppo", (
            *ALEPPO, "Reporting by Levant Wire staff.")).encode())
        warc.response("/data.json", b'{"killed": 5}', content_type="application/json")
    listing = tmp_path / "crawl.paths"
    listing.write_text(f"# two crawls\n{first.as_uri()}\n\n{second}\n", encoding="utf-8")
    return listing


def test_warc_list_read_inside_tasks_keeps_what_one_machine_keeps(spark, tmp_path) -> None:
    from claimscope.ingest.dedup import NearDuplicates
    from claimscope.spark.dedup import dedup, prepare
    from claimscope.spark.io import read_inputs as spark_inputs
    from claimscope.spark.warc import warc_paths

    listing = _crawls(tmp_path)
    rows = dedup(prepare(spark_inputs(spark, [str(listing)]))).orderBy("src", "pos").collect()
    on_spark = {r["id"]: (r["url"], r["duplicate_of"]) for r in rows}

    files = [p.removeprefix("file://") for p in warc_paths(str(listing))]
    items = list(read_inputs(files))
    kept = [a for a in items if isinstance(a, Article)]
    index = NearDuplicates()
    local = {a.id: (a.url, index.check(a.id, a.text)[0]) for a in kept}
    assert on_spark == local
    urls = sorted(url.rsplit("/", 1)[1] for url, _ in on_spark.values())
    assert urls == ["aleppo", "aleppo", "hama", "idlib"]  # no German page, image, 404, JSON or exact copy
    (copy,) = [a for a, (url, _) in on_spark.items() if url.endswith("/wire/aleppo")]
    (aleppo,) = [a for a, (url, _) in on_spark.items() if url.endswith("/aleppo") and a != copy]
    assert on_spark[copy][1] == aleppo and sum(d is not None for _, d in on_spark.values()) == 1
    assert any("duplicate of article" in i.reason for i in items if not isinstance(i, Article))


def test_place_components_join_only_places_that_can_be_near() -> None:
    from claimscope.spark.reconcile import place_components

    places = [
        ("idlib", "Syria", "Idlib", 35.93, 36.63, "city"),
        ("ariha", "Syria", "Idlib", 35.81, 36.61, "city"),  # 14 km from Idlib city
        ("aleppo", "Syria", "Aleppo", 36.20, 37.16, "city"),  # 57 km from Idlib city: too far for two cities
        ("beirut", "Lebanon", "Beirut", 33.89, 35.50, "city"),
    ]
    alone = place_components(places)
    assert alone["idlib"] == alone["ariha"] and len({alone["idlib"], alone["aleppo"], alone["beirut"]}) == 3
    # "in Syria" may be any Syrian place, so it ties Syria's places together, and Lebanon stays apart
    joined = place_components([*places, ("syria", "Syria", None, 35.0, 38.0, "country")])
    assert joined["idlib"] == joined["aleppo"] == joined["syria"] != joined["beirut"]


def _report(article_id: str, published: str, sentence: str, place: tuple[str, str | None, float | None, float | None,
            str], killed: int, day: str | None = None) -> dict:
    name, admin1, lat, lon, precision = place
    return {"schema": "claimscope/1", "article": {"id": article_id, "text": sentence, "outlet": "Wire",
                                                  "published": published},
            "events": [{"id": f"{article_id}#0", "sentence": sentence, "event_type": "Explosions/Remote violence",
                        "sub_event_type": "Air/drone strike", "date": {"start": day, "end": None, "text": None},
                        "location": {"name": name, "admin1": admin1, "country": "Syria", "lat": lat, "lon": lon,
                                     "precision": precision},
                        "counts": [{"kind": "killed", "low": killed, "high": killed, "text": f"{killed} people"}]}]}


def test_spark_reconcile_keeps_an_incident_across_the_month_end(spark) -> None:
    """A strike on 31 January reported again on 1 February is one incident on Spark as on one machine, though a
    (governorate, month) blocking would split it; a report naming only "Syria" ties two governorates' blocks."""
    from claimscope.model import ArticleResult
    from claimscope.reconcile import Grouper
    from claimscope.reconcile.incidents import refs_of
    from claimscope.spark.reconcile import _embedder, blocks
    from claimscope.spark.reconcile import reconcile as spark_reconcile

    douma, aleppo = ("Douma", "Rif Dimashq", 33.57, 36.40, "city"), ("Aleppo", "Aleppo", 36.20, 37.16, "city")
    reports = [
        _report("a", "2016-01-31", "An air strike on Douma killed 12 people on Sunday.", douma, 12, "2016-01-31"),
        _report("b", "2016-02-01", "Twelve people died in yesterday's air raid on Douma, medics said.", douma, 12),
        _report("c", "2016-02-01", "Barrel bombs killed 5 people in Aleppo on Monday.", aleppo, 5, "2016-02-01"),
        _report("d", "2016-02-02", "Air strikes in Syria killed 5 people, a monitor said.",
                ("Syria", None, None, None, "country"), 5),
        _report("e", "2016-03-20", "An air strike on Douma killed 3 people.", douma, 3, "2016-03-20"),
    ]
    rows = [(json.dumps(r), 0, n, r["article"]["published"][:7]) for n, r in enumerate(reports)]
    articles = spark.createDataFrame(rows, "result string, src int, pos long, month string")
    block = {r["event_id"]: (r["component"], r["segment"]) for r in blocks(articles).collect()}
    # "Syria" ties Douma's and Aleppo's places; March is apart in time
    assert block["a#0"] == block["b#0"] == block["c#0"] == block["d#0"] != block["e#0"]
    on_spark = {r["event_id"]: r["incident_id"] for r in spark_reconcile(articles).collect()}
    grouper = Grouper(_embedder())
    local = grouper.add([ref for r in reports for ref in refs_of(ArticleResult.from_dict(r))])
    assert on_spark == local
    assert local["a#0"] == local["b#0"] and local["e#0"] not in {local["a#0"], local["c#0"]}


class Replay:
    """The session's pipeline, run once: ``jobs.ingest`` gets these results for its batches instead of
    extracting the same articles a second time."""

    def __init__(self, results: list[ArticleResult]) -> None:
        self.by_id = {r.article.id: r for r in results}

    def extract(self, articles: list[Article]) -> Iterator[ArticleResult]:
        return iter([self.by_id[a.id] for a in articles])


def test_cli_spark_extract_reconcile_then_load_equals_one_machine(hundred, tmp_path, extractor) -> None:
    """On local[2], `spark extract --reconcile` gives exactly the contract results, events and claims of one
    machine, and after `load` the incidents `claimscope ingest` gives on the same articles."""
    import pyarrow.dataset as ds

    from claimscope.jobs import ingest, reconcile
    from claimscope.store.db import open_store
    from claimscope.store.incidents import incident_map

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["spark", "extract", str(hundred), "--out", str(out), "--master", "local[2]",
                                       "--reconcile"])
    assert result.exit_code == 0, result.stderr
    assert any((out / "events").glob("month=*"))
    local_results = list(extractor.extract([a for a in read_inputs([str(hundred)]) if isinstance(a, Article)]))
    local_by_id = {r.article.id: r.to_dict() for r in local_results}
    on_spark_by_id = {r["id"]: json.loads(r["result"]) for r in ds.dataset(str(out / "articles"), partitioning="hive")
                      .to_table(columns=["id", "result"]).to_pylist()}
    assert on_spark_by_id.keys() == local_by_id.keys() and len(local_by_id) >= 95
    assert on_spark_by_id == local_by_id
    on_events = {r["id"]: r["incident_id"] for r in ds.dataset(str(out / "events"), partitioning="hive")
                 .to_table(columns=["id", "incident_id"]).to_pylist()}
    assert len(on_events) == sum(len(r["events"]) for r in local_by_id.values())
    claims = ds.dataset(str(out / "claims"), partitioning="hive").count_rows()
    assert claims == sum(len(e["counts"]) for r in local_by_id.values() for e in r["events"])

    db = str(tmp_path / "loaded.db")
    loaded = CliRunner().invoke(main, ["load", str(out), "--db", db])
    assert loaded.exit_code == 0, loaded.stderr
    local_db = str(tmp_path / "local.db")
    with open_store(local_db) as local_store:  # what `claimscope ingest` does, with the session's pipeline
        ingest(read_inputs([str(hundred)]), local_store, extractor=Replay(local_results))  # type: ignore[arg-type]
        reconcile(local_store)

    def partition(mapping: dict[str, str]) -> set[frozenset[str]]:
        groups: dict[str, set[str]] = {}
        for event, incident in mapping.items():
            groups.setdefault(incident, set()).add(event)
        return {frozenset(g) for g in groups.values()}

    with open_store(db) as spark_store, open_store(local_db) as local_store:
        on_spark, local = incident_map(spark_store), incident_map(local_store)
        assert spark_store.count_articles() == local_store.count_articles() >= 95
        third = next(itertools.islice(csv.reader(hundred.open(encoding="utf-8", newline="")), 3, None))[0]
        assert spark_store.duplicates() == local_store.duplicates() == {"wire-copy": third}
        assert "exact-copy" not in on_spark_by_id
    assert len(local) > 300 and len(set(local.values())) < len(local)  # real grouping, not one event each
    assert partition(on_spark) == partition(local)
    assert on_spark == local  # same ids too: an incident is named after its first event
    assert {e: i for e, i in on_events.items() if i is not None} == on_spark

    events = json.loads(CliRunner().invoke(main, ["events", "--db", db, "--format", "json"]).stdout)
    incidents = json.loads(CliRunner().invoke(main, ["incidents", "--db", db, "--format", "json"]).stdout)
    assert len(events) > 100
    assert {i["id"] for i in incidents} == set(local.values())
    assert sum(i["events"] for i in incidents) == len(local)
