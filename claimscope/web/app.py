"""FastAPI app: server-rendered pages and the REST API (/api/v1) over one store.

Every error, page or API, has one JSON shape for API paths (``{"ok": false, "status", "title", "error"}``,
as datasette does); values from articles reach HTML only through Jinja2's autoescaping; a strict
Content-Security-Policy forbids inline scripts; writing is allowed from loopback, or with the token.
"""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlencode

import orjson
from fastapi import FastAPI, Form, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimscope.store.db import Filters, Store, open_store, rows_as_dicts
from claimscope.web.cache import ResponseCache

HERE = Path(__file__).parent
MAX_BODY = 5_000_000  # bytes: a request larger than any article is refused with 413
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
LOOPBACK = {"127.0.0.1", "::1", "localhost", "testclient"}


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, max_length=1_000_000)
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    id: str | None = None
    url: str | None = None


def create_app(db: str | None = None, *, token: str | None = None) -> FastAPI:
    store = open_store(db)
    app = FastAPI(title="claimscope", version="0.1.0", openapi_url="/api/v1/openapi.json", docs_url="/api/v1/docs",
                  redoc_url=None)
    app.state.store = store
    # GET responses of the list endpoints and pages kept until the next write to the store (web/cache.py)
    cache = ResponseCache(store.data_version)
    app.state.cache = cache
    app.state.token = token
    app.state.extractor = None
    app.state.embedder = None
    templates = Jinja2Templates(directory=HERE / "templates")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    app.add_middleware(Guard)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'] if p not in ('query', 'body'))}: {e['msg']}"
                             for e in exc.errors())
        return _error(request, 422, problems or "invalid request")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:  # never a bare 500 page or stack trace
        return _error(request, 500, f"internal error: {exc.__class__.__name__}")

    def may_write(request: Request, given: str | None) -> None:
        if app.state.token:
            if not given or not secrets.compare_digest(given, app.state.token):
                raise HTTPException(403, "writing needs the token (CLAIMSCOPE_TOKEN)")
        elif (request.client.host if request.client else "") not in LOOPBACK:
            raise HTTPException(403, "writing is allowed from this machine only (or set CLAIMSCOPE_TOKEN)")

    def embedder() -> Any:
        # one sentence model per app: loading it costs seconds, each write would otherwise pay that again
        if app.state.embedder is None:
            from claimscope.embeddings import SentenceEmbedder

            app.state.embedder = SentenceEmbedder()
        return app.state.embedder

    def extractor() -> Any:
        if app.state.extractor is None:
            from claimscope.pipeline import Extractor

            app.state.extractor = Extractor()
        return app.state.extractor

    # ---------------------------------------------------------------- REST API
    # Reads are `async def` and query the store inline: each is a few ms of Python under the GIL, and handing
    # it to the thread pool only adds GIL hand-offs between threads and the event loop, which under 16
    # concurrent requests made the slowest 1% wait 5-10x longer (bench/web.py). Writes, extraction, export
    # and the whole-store outlet profiles take long enough to stay in the pool, off the event loop.
    @app.get("/api/v1/articles")
    async def api_articles(request: Request, offset: int = Query(0, ge=0, le=10_000_000),
                     limit: int = Query(50, ge=1, le=500)) -> Response:
        def build() -> Response:
            rows = article_rows(store, offset, limit + 1)
            return _page(request, rows[:limit], offset, limit, len(rows) > limit)

        return cache.get_or_build(str(request.url), build)

    @app.get("/api/v1/articles/{article_id}", response_model=dict[str, Any])
    async def api_article(article_id: str) -> Response:
        result = store.result(article_id)
        if result is None:
            raise HTTPException(404, f"no article {article_id!r}")
        # the contract dict is plain JSON already: written as it is, not walked again by the response model
        return FastJSONResponse(result.to_dict())

    @app.post("/api/v1/extract")
    def api_extract(body: ExtractRequest) -> dict[str, Any]:
        return extractor().extract_one(_article(body)).to_dict()

    @app.post("/api/v1/articles")
    def api_store(request: Request, body: ExtractRequest | list[ExtractRequest],
                  token: str | None = Query(None, max_length=200)) -> dict[str, Any]:
        may_write(request, token or request.headers.get("x-claimscope-token"))
        items = body if isinstance(body, list) else [body]
        if len(items) > 200:
            raise HTTPException(413, "at most 200 articles per request")
        from claimscope.jobs import ingest, reconcile

        summary = ingest([_article(b) for b in items], store, extractor=extractor())
        reconcile(store, embedder())
        return {"ok": True, "added": summary.added, "already_stored": summary.already,
                "ids": [_article(b).id for b in items]}

    @app.get("/api/v1/events")
    async def api_events(request: Request, place: str | None = Query(None, max_length=200),
                   outlet: str | None = Query(None, max_length=200), source: str | None = Query(None, max_length=200),
                   since: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
                   until: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
                   kind: str | None = Query(None, pattern=r"^(killed|injured|casualties|captured|displaced|destroyed)$"),
                   offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(100, ge=1, le=1000)) -> Response:
        def build() -> Response:
            rows = store.events(Filters(place, outlet, source, since, until, kind, offset + limit + 1))[offset:]
            return _page(request, rows[:limit], offset, limit, len(rows) > limit)

        return cache.get_or_build(str(request.url), build)

    @app.get("/api/v1/incidents")
    async def api_incidents(request: Request, place: str | None = Query(None, max_length=200),
                      since: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
                      until: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
                      offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(100, ge=1, le=1000)) -> Response:
        from claimscope.store.incidents import incident_rows

        def build() -> Response:
            rows = incident_rows(store, Filters(place=place, since=since, until=until, limit=offset + limit + 1))
            return _page(request, rows[offset:][:limit], offset, limit, len(rows) > offset + limit)

        return cache.get_or_build(str(request.url), build)

    @app.get("/api/v1/incidents/{incident_id}")
    async def api_incident(incident_id: str) -> dict[str, Any]:
        table = incident_table(store, incident_id)
        return {"incident": incident_id, "rows": [asdict(r) for r in table.rows],
                "kinds": {k: asdict(v) for k, v in table.kinds.items()}, "contradictions": table.contradictions}

    @app.get("/api/v1/sources", response_model=dict[str, Any])
    async def api_sources() -> Response:
        return FastJSONResponse({"ok": True, "rows": store.sources()})

    @app.get("/api/v1/outlets")
    def api_outlets() -> dict[str, Any]:
        from claimscope.store.profiles import outlet_profiles

        return {"ok": True, "rows": [{**asdict(p), "total_rate": p.total_rate} for p in outlet_profiles(store)]}

    @app.get("/api/v1/export")
    def api_export(format: str = Query("acled-csv", pattern=r"^(acled-csv|geojson|geojsonseq|parquet|jsonl)$"),
                   place: str | None = Query(None, max_length=200),
                   since: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
                   until: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$")) -> Response:
        from dataclasses import replace

        from claimscope.export import SUFFIXES, write
        from claimscope.store.incidents import incident_map

        f = Filters(place=place, since=since, until=until)
        results = (replace(r, events=[e for e in r.events if f.matches(e, r.article.outlet)]) if f.any() else r
                   for r in store.results(f))
        out = io.BytesIO()
        write(results, format, out, incidents=incident_map(store))
        media = {"acled-csv": "text/csv", "parquet": "application/vnd.apache.parquet"}.get(format, "application/json")
        return Response(out.getvalue(), media_type=media, headers={
            "Content-Disposition": f'attachment; filename="claimscope{SUFFIXES[format]}"'})

    # ---------------------------------------------------------------- pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def explore(request: Request, place: str | None = Query(None, max_length=200),
                since: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
                until: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
                offset: int = Query(0, ge=0, le=10_000_000)) -> Response:
        from claimscope.store.incidents import incident_rows

        def build() -> Response:
            # one page of rows, and the counts per day from the database: the whole filtered set is never read
            events = store.events(Filters(place=place, since=since, until=until, limit=offset + 51))[offset:]
            days = store.event_days(Filters(place=place, since=since, until=until))
            incidents = incident_rows(store, Filters(place=place, since=since, until=until, limit=20))
            return templates.TemplateResponse(request, "explore.html", {
                "events": events[:50], "more": len(events) > 50, "offset": offset, "incidents": incidents,
                "timeline": day_bars(days), "total": sum(days.values()),
                "query": urlencode({k: v for k, v in (("place", place), ("since", since), ("until", until)) if v}),
                "place": place or "", "since": since or "", "until": until or ""})

        return cache.get_or_build(str(request.url), build)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    async def article_page(request: Request, article_id: str) -> Response:
        from claimscope.store.incidents import incident_map
        from claimscope.web.highlight import pieces

        def build() -> Response:
            result = store.result(article_id)
            if result is None:
                raise HTTPException(404, f"no article {article_id!r}")
            incidents = incident_map(store, [e.id for e in result.events])
            return templates.TemplateResponse(request, "article.html", {
                "r": result, "pieces": pieces(result), "incidents": incidents})

        return cache.get_or_build(str(request.url), build)

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
    async def incident_page(request: Request, incident_id: str) -> Response:
        return templates.TemplateResponse(request, "incident.html", {
            "table": incident_table(store, incident_id), "incident_id": incident_id})

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page(request: Request) -> Response:
        from claimscope.store.profiles import outlet_profiles

        profiles = outlet_profiles(store)
        top = max((p.total_rate for p in profiles), default=0.0) or 1.0
        return templates.TemplateResponse(request, "outlets.html", {"profiles": profiles, "top": top})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search(request: Request, q: str = Query("", max_length=200)) -> Response:
        from claimscope.store.search import search_articles

        hits = search_articles(store, q) if q.strip() else []
        return templates.TemplateResponse(request, "search.html", {"q": q, "hits": hits})

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_form(request: Request) -> Response:
        return templates.TemplateResponse(request, "add.html", {})

    @app.post("/add", include_in_schema=False)
    def add(request: Request, text: str = Form(..., min_length=1, max_length=1_000_000),
            title: str | None = Form(None, max_length=500), outlet: str | None = Form(None, max_length=200),
            published: str | None = Form(None, max_length=10), token: str | None = Form(None, max_length=200)) -> Response:
        may_write(request, token)
        try:
            body = ExtractRequest(text=text, title=title or None, outlet=outlet or None, published=published or None)
        except ValidationError as exc:
            raise HTTPException(422, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())) from exc
        from claimscope.jobs import ingest, reconcile

        article = _article(body)
        ingest([article], store, extractor=extractor())
        reconcile(store, embedder())
        stored = store.known(article.id, article.text) or article.id
        return RedirectResponse(f"/articles/{stored}", status_code=303)

    return app


class FastJSONResponse(JSONResponse):
    """JSON by orjson: the same bytes as Starlette's compact UTF-8 JSON, several times faster for large pages."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


class Guard:
    """Refuses oversized bodies (413) and adds the security headers to every response.

    A plain ASGI middleware: ``@app.middleware("http")`` would run each request through an extra task and
    memory stream, a measurable share of a list request's time.
    """

    HEADERS: ClassVar[list[tuple[bytes, bytes]]] = [
        (b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer")]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                ours = {k for k, _ in self.HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in ours]
                message = {**message, "headers": [*kept, *self.HEADERS]}
            await send(message)

        length = Headers(scope=scope).get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY:
            too_large = _error(Request(scope), 413, f"request body over {MAX_BODY:,} bytes")
            await too_large(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def app_from_env() -> FastAPI:
    """The app of one ``claimscope serve --workers N`` process: store and token from the environment."""
    return create_app(os.environ.get("CLAIMSCOPE_DB"), token=os.environ.get("CLAIMSCOPE_TOKEN") or None)


def _article(body: ExtractRequest) -> Any:
    from claimscope.errors import InputRejected
    from claimscope.ingest.checks import check_text, clean_text, stable_id
    from claimscope.ingest.readers import parse_date
    from claimscope.model import Article

    text = clean_text(body.text)
    try:
        check_text(text)
    except InputRejected as exc:  # the reason the user sees
        raise HTTPException(422, f"text: {exc.reason}") from exc
    try:
        published = parse_date(body.published)
    except InputRejected as exc:
        raise HTTPException(422, f"published: {exc.reason}") from exc
    return Article(id=body.id or stable_id(text), text=text, title=body.title, outlet=body.outlet,
                   published=published, url=body.url)


def _page(request: Request, rows: list[dict[str, Any]], offset: int, limit: int, more: bool) -> Response:
    nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit)) if more else None
    # rows are plain JSON values already: skip FastAPI's per-value encoder, the bulk of a list request's time
    return FastJSONResponse({"ok": True, "rows": rows, "offset": offset, "limit": limit, "next": nxt})


def _error(request: Request, status: int, message: str) -> Response:
    titles = {400: "Bad request", 403: "Forbidden", 404: "Not found", 413: "Too large", 422: "Invalid request",
              500: "Internal error"}
    body = {"ok": False, "status": status, "title": titles.get(status, "Error"), "error": message}
    if request.url.path.startswith("/api/"):
        return FastJSONResponse(body, status_code=status)
    from html import escape

    return HTMLResponse(f"<!doctype html><title>{status}</title><link rel=stylesheet href=/static/app.css>"
                        f"<main><h1>{status} {escape(body['title'])}</h1><p>{escape(message)}</p>"
                        f"<p><a href=/>claimscope</a></p></main>", status_code=status)


def article_rows(store: Store, offset: int, limit: int) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from claimscope.store.tables import articles

    q = (select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published, articles.c.url,
                articles.c.duplicate_of)
         .order_by(articles.c.published.desc(), articles.c.id).offset(offset).limit(limit))
    with store.engine.connect() as conn:
        return rows_as_dicts(conn.execute(q))


def incident_table(store: Store, incident_id: str) -> Any:
    from claimscope.reconcile import claims_table
    from claimscope.store.incidents import incident_results

    event_ids, results = incident_results(store, incident_id)
    if not event_ids:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return claims_table(incident_id, event_ids, results, store.duplicates())


def timeline(rows: list[dict[str, Any]], width: int = 900, height: int = 80) -> dict[str, Any]:
    """Bars of events per day for the explore page's SVG (drawn by the template: no script needed)."""
    from collections import Counter

    return day_bars(Counter(r.get("date_start") for r in rows), width, height)


def day_bars(counts: Mapping[str | None, int], width: int = 900, height: int = 80) -> dict[str, Any]:
    """The timeline's bars from events per start day (undated events have no bar)."""
    from collections import Counter
    from datetime import date, timedelta

    days = {d: n for d, n in counts.items() if d and n}
    if not days:
        return {"bars": [], "width": width, "height": height, "first": None, "last": None}
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    span = (last - first).days + 1
    step = max(1, span // 300)  # at most ~300 bars: long ranges are binned
    bins: Counter[int] = Counter()
    for day, n in days.items():
        bins[(date.fromisoformat(day) - first).days // step] += n
    top = max(bins.values())
    n_bins = span // step + 1
    bar_w = width / n_bins
    bars = [{"x": round(i * bar_w, 2), "w": max(round(bar_w - 1, 2), 1), "h": round(height * n / top, 2),
             "y": round(height - height * n / top, 2), "n": n,
             "label": (first + timedelta(days=i * step)).isoformat()} for i, n in sorted(bins.items())]
    return {"bars": bars, "width": width, "height": height, "first": first.isoformat(), "last": last.isoformat()}
