"""`claimscope watch` and the poll behind it: new items on the next poll, a bad feed survived, restarts remembered."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimscope.cli import main, parse_interval
from claimscope.jobs import poll_feeds
from claimscope.store import open_store
from tests.ingest.test_feeds import STORIES, rss
from tests.local_http import Route, page


def serve_stories(server, stories) -> None:
    for slug, headline, _date, _author, paragraphs in stories:
        server.routes[f"/news/{slug}"] = Route(page(headline, *paragraphs, site="Levant Wire"))
    server.routes["/feed"] = Route(rss(server.url(""), stories), content_type="application/rss+xml")


def test_second_poll_picks_up_only_the_new_item(server, tmp_path, extractor) -> None:
    serve_stories(server, STORIES[:2])
    feed = server.url("/feed")
    with open_store(str(tmp_path / "w.db")) as store:
        [first] = poll_feeds([feed], store, extractor=extractor)
        assert (first.new, first.added) == (2, 2)
        serve_stories(server, STORIES)  # the outlet publishes a third story
        pages_before = sum(server.hits_on(f"/news/{s[0]}") for s in STORIES[:2])
        [second] = poll_feeds([feed], store, extractor=extractor)
        assert (second.new, second.added) == (1, 1)
        # items already read are not fetched again
        assert sum(server.hits_on(f"/news/{s[0]}") for s in STORIES[:2]) == pages_before
        assert store.count_articles() == 3


@pytest.mark.parametrize(
    ("route", "problem"),
    [
        (Route(b"oops", status=500), "HTTP 500"),
        (Route(b"<rss><channel><item><title>broken", content_type="application/rss+xml"), ""),
    ],
    ids=["down", "malformed"],
)
def test_a_bad_feed_is_reported_and_the_others_still_read(server, tmp_path, extractor, route, problem) -> None:
    serve_stories(server, STORIES[:1])
    server.routes["/bad"] = route
    with open_store(str(tmp_path / "b.db")) as store:
        bad, good = poll_feeds([server.url("/bad"), server.url("/feed")], store, extractor=extractor)
        assert bad.added == 0 and bad.problems and problem in bad.problems[0]
        assert good.added == 1


def test_watch_command_polls_and_remembers_across_restarts(server, tmp_path, reuse_pipeline) -> None:
    serve_stories(server, STORIES[:2])
    db = str(tmp_path / "cli.db")
    args = ["watch", server.url("/feed"), "--db", db, "--polls", "1"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.stderr
    assert "2 new items, 2 stored" in first.stderr
    incidents = CliRunner().invoke(main, ["incidents", "--db", db, "--format", "json"])
    assert incidents.exit_code == 0 and json.loads(incidents.stdout)  # new items were grouped into incidents
    again = CliRunner().invoke(main, args)
    assert "0 new items, 0 stored" in again.stderr


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("2h", 7200), ("5", 5), ("0.5s", 0.5)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds
