"""The CLI reads URLs and WARC archives like any other input, and stores them once."""

from __future__ import annotations

import json

from click.testing import CliRunner

from claimscope.cli import main
from claimscope.store import open_store
from tests.ingest.test_warc import write_crawl
from tests.local_http import Route, page

IDLIB = ("At least 12 civilians were killed in an air strike on the town of Ariha in Idlib province on Monday, "
         "the Syrian Observatory for Human Rights said.",
         "Rescue workers said they were still searching the rubble of two collapsed buildings for survivors.")


def test_extract_a_url(server, reuse_pipeline) -> None:
    server.routes["/news/ariha"] = Route(page("Air strike kills 12 in Ariha", *IDLIB, site="Levant Wire"))
    url = server.url("/news/ariha")
    result = CliRunner().invoke(main, ["extract", url, "--published", "2024-12-03"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["article"]["url"] == url and out["article"]["outlet"] == "Levant Wire"
    assert [(c["kind"], c["low"]) for e in out["events"] for c in e["counts"]] == [("killed", 12)]


def test_ingest_a_warc_archive_twice(tmp_path, reuse_pipeline) -> None:
    archive = write_crawl(tmp_path / "crawl.warc.gz", gzip_records=True)
    db = str(tmp_path / "warc.db")
    first = CliRunner().invoke(main, ["ingest", str(archive), "--db", db])
    assert first.exit_code == 0, first.stderr
    with open_store(db) as store:
        stored = store.count_articles()
        urls = {r.article.url for r in store.results()}
    assert stored >= 2 and all(u and u.startswith("http") for u in urls)
    again = CliRunner().invoke(main, ["ingest", str(archive), "--db", db])
    assert f"0 articles added, {stored} already stored" in again.stderr
