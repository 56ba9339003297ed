"""The response cache serves a page again only while the store is unchanged, whoever writes to it."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from starlette.responses import Response

from claimscope.jobs import ingest
from claimscope.model import Article
from claimscope.store import open_store
from claimscope.web import create_app
from claimscope.web.cache import ResponseCache

FIRST = Article("first", "At least 12 civilians were killed in an air strike on Ariha in Idlib province on Monday, "
                "the Syrian Observatory for Human Rights said.", title="Strike on Ariha", outlet="Levant Wire",
                published="2024-12-03")
LATER = Article("later", "Four people were killed when shells hit Douma on Sunday, rescuers said.",
                title="Shells hit Douma", outlet="Other Wire", published="2024-12-08")


class Builds:
    def __init__(self, status: int = 200) -> None:
        self.calls = 0
        self.status = status

    def __call__(self) -> Response:
        self.calls += 1
        return Response(f"body {self.calls}".encode(), status_code=self.status, media_type="text/plain")


def test_an_entry_lives_exactly_as_long_as_its_data_version() -> None:
    version = [1]
    cache = ResponseCache(lambda: version[0])
    build = Builds()
    assert cache.get_or_build("/a", build).body == b"body 1"
    again = cache.get_or_build("/a", build)
    assert again.body == b"body 1" and again.headers["x-cache"] == "hit" and build.calls == 1
    version[0] = 2
    assert cache.get_or_build("/a", build).body == b"body 2" and build.calls == 2


def test_nothing_is_cached_without_a_version_or_for_errors() -> None:
    no_version = ResponseCache(lambda: None)
    build = Builds()
    no_version.get_or_build("/a", build)
    no_version.get_or_build("/a", build)
    assert build.calls == 2
    cache, missing = ResponseCache(lambda: 1), Builds(status=404)
    cache.get_or_build("/b", missing)
    cache.get_or_build("/b", missing)
    assert missing.calls == 2


def test_the_oldest_entries_go_first() -> None:
    cache = ResponseCache(lambda: 1, entries=2)
    builds = {k: Builds() for k in "abc"}
    for k in "abca":
        cache.get_or_build(k, builds[k])
    assert builds["a"].calls == 2 and builds["b"].calls == 1  # "a" was pushed out by "c", then built again


def test_the_bodies_stay_within_the_byte_budget() -> None:
    cache = ResponseCache(lambda: 1, budget=20)
    builds = {k: Builds() for k in "abc"}
    for k in "abc":  # 6 bytes each: all three fit in 20
        cache.get_or_build(k, builds[k])
    assert cache.size == 18
    big = ResponseCache(lambda: 1, budget=13)
    for k in "abc":
        big.get_or_build(k, builds[k])
    assert big.size == 12 and len(big._items) == 2  # "a" went to make room for "c"
    big.get_or_build("a", builds["a"])
    assert builds["a"].calls == 3 and big.size <= 13


def test_a_write_from_another_process_is_seen_at_once(tmp_path: Path, extractor) -> None:
    db = str(tmp_path / "cache.db")
    with open_store(db) as store:
        ingest([FIRST], store, extractor=extractor)
    with TestClient(create_app(db)) as client:
        first = client.get("/api/v1/events")
        again = client.get("/api/v1/events")
        assert first.headers["x-cache"] == "miss" and again.headers["x-cache"] == "hit"
        assert again.json() == first.json() and {r["article_id"] for r in first.json()["rows"]} == {"first"}
        assert client.get("/").headers["x-cache"] == "miss" and client.get("/").headers["x-cache"] == "hit"

        with open_store(db) as writer:  # another connection, as `claimscope ingest` in a second terminal
            ingest([LATER], writer, extractor=extractor)
        after = client.get("/api/v1/events")
        assert after.headers["x-cache"] == "miss"
        assert {r["article_id"] for r in after.json()["rows"]} == {"first", "later"}
        assert "Douma" in client.get("/").text
