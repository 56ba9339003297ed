"""The web app and REST API over a small store: pages, JSON twins, one error shape, escaping, writing rules."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from claimscope.jobs import ingest, reconcile
from claimscope.model import Article
from claimscope.store import open_store
from claimscope.web import create_app

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'
GOOD = Article("good", "At least 12 civilians were killed in an air strike on Ariha in Idlib province on Monday, "
               "the Syrian Observatory for Human Rights said. The so-called monitor has been criticised.",
               title="Air strike kills 12 in Ariha", outlet="Levant Wire", published="2024-12-03")
EVIL = Article("evil", f"At least 5 people were killed in shelling on Hama on Monday {XSS}, activists said.",
               title=f"Shelling {XSS}", outlet=f"Evil {XSS}", published="2024-12-03")


@pytest.fixture(scope="module")
def client(tmp_path_factory, extractor):
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    with open_store(db) as store:
        ingest([GOOD, EVIL], store, extractor=extractor)
        reconcile(store)
    app = create_app(db)
    app.state.extractor = extractor
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/articles/good", "/outlets", "/search?q=Ariha", "/add"])
def test_pages_render_with_a_strict_csp(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_article_page_highlights_figures_and_framing(client) -> None:
    html = client.get("/articles/good").text
    assert 'class="hl figure"' in html and 'class="hl framing"' in html
    assert "At least 12 civilians were killed" in html


def test_article_values_are_escaped(client) -> None:
    html = client.get("/articles/evil").text
    assert "<script>alert(1)</script>" not in html and "onerror=\"alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    search = client.get("/search", params={"q": "Shelling"}).text
    assert "<script>alert(1)</script>" not in search


def test_incident_page_and_api_twin(client) -> None:
    rows = client.get("/api/v1/incidents").json()["rows"]
    assert rows
    incident = rows[0]["id"]
    assert client.get(f"/incidents/{incident}").status_code == 200
    data = client.get(f"/api/v1/incidents/{incident}").json()
    assert data["incident"] == incident and data["rows"]


def test_api_article_is_the_contract_object(client) -> None:
    data = client.get("/api/v1/articles/good").json()
    assert data["schema"] == "claimscope/1" and data["article"]["id"] == "good"


def test_extract_stores_nothing(client) -> None:
    before = len(client.get("/api/v1/articles").json()["rows"])
    r = client.post("/api/v1/extract", json={"text": "Four soldiers were killed in clashes near Hama on Tuesday, "
                                                     "a military source said.", "published": "2024-12-04"})
    assert r.status_code == 200 and r.json()["events"]
    assert len(client.get("/api/v1/articles").json()["rows"]) == before


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/articles/nope", 404),
        ("/api/v1/incidents/inc-nope", 404),
        ("/api/v1/events?limit=-1", 422),
        ("/api/v1/events?since=yesterday", 422),
        ("/api/v1/events?offset=99999999999999999999", 422),
        ("/api/v1/export?format=exe", 422),
    ],
)
def test_one_error_shape(client, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"ok", "status", "title", "error"} and body["ok"] is False and body["status"] == status


@pytest.mark.parametrize("value", ["' OR 1=1 --", '"; DROP TABLE articles; --', "%", "_", "Ḩamāh", "a" * 200])
def test_hostile_filter_values_are_just_text(client, value: str) -> None:
    r = client.get("/api/v1/events", params={"place": value, "outlet": value, "source": value})
    assert r.status_code == 200 and r.json()["rows"] == []
    assert client.get("/search", params={"q": value}).status_code == 200


def test_paging_has_a_next_link(client) -> None:
    first = client.get("/api/v1/events", params={"limit": 1}).json()
    assert len(first["rows"]) == 1 and first["next"]
    second = client.get(first["next"]).json()
    assert second["rows"] and second["rows"][0]["id"] != first["rows"][0]["id"]


def test_oversized_body_is_413(client) -> None:
    r = client.post("/api/v1/extract", content=b"x" * 6_000_000, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["ok"] is False


def test_writing_needs_the_token_when_one_is_set(tmp_path, extractor) -> None:
    app = create_app(str(tmp_path / "t.db"), token="s3cret")
    app.state.extractor = extractor
    body = {"text": "Three people were killed in a car bomb in Azaz on Friday, local sources said."}
    with TestClient(app) as c:
        assert c.post("/api/v1/articles", json=body).status_code == 403
        ok = c.post("/api/v1/articles", json=body, headers={"x-claimscope-token": "s3cret"})
        assert ok.status_code == 200 and ok.json()["added"] == 1


def test_add_form_stores_and_shows_the_article(client) -> None:
    r = client.post("/add", data={"text": "Seven civilians were killed when shells hit Douma on Sunday, rescuers said.",
                                  "title": "Shells hit Douma", "outlet": "Form Wire"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "Shells hit Douma" in page.text
    assert "Shells hit Douma" in client.get("/search", params={"q": "Douma"}).text


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl", "parquet"])
def test_export_endpoint(client, fmt: str) -> None:
    r = client.get("/api/v1/export", params={"format": fmt})
    assert r.status_code == 200 and r.content


def test_openapi_is_served(client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/events" in spec["paths"]


def test_explore_has_map_and_timeline_with_vendored_files(client) -> None:
    html = client.get("/").text
    assert 'id="map"' in html and "<svg class=\"timeline\"" in html
    for path in ("/static/vendor/leaflet.js", "/static/vendor/countries-110m.json", "/static/map.js",
                 "/static/vendor/LICENSE.leaflet"):
        assert client.get(path).status_code == 200
    assert "https://" not in html.split("<main>")[0]  # nothing in the page head comes from another host


def test_timeline_bins_days() -> None:
    from claimscope.web.app import timeline

    t = timeline([{"date_start": "2024-12-01"}, {"date_start": "2024-12-01"}, {"date_start": "2024-12-03"}])
    assert [b["n"] for b in t["bars"]] == [2, 1] and t["first"] == "2024-12-01" and t["last"] == "2024-12-03"


@pytest.mark.parametrize("published", ["0000-00-00", "2024-02-30", "2024-13-01"])
def test_impossible_dates_are_422_not_500(client, published: str) -> None:
    r = client.post("/api/v1/extract", json={"text": "Four soldiers were killed in clashes near Hama.", "published": published})
    assert r.status_code == 422 and "published" in r.json()["error"]
