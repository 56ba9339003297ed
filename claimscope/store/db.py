"""Opening a store (SQLite by default) and reading and writing ArticleResults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.exc import SQLAlchemyError

from claimscope.errors import StoreError
from claimscope.ingest.checks import stable_id
from claimscope.model import ArticleResult
from claimscope.store.tables import articles, claims, events, framing, metadata

DEFAULT_DB = "claimscope.db"


def db_url(value: str | None) -> str:
    """A SQLAlchemy URL from ``--db``, ``CLAIMSCOPE_DB`` or the default file; a bare path means SQLite."""
    value = value or os.environ.get("CLAIMSCOPE_DB") or DEFAULT_DB
    return value if "://" in value else f"sqlite:///{Path(value)}"


def open_store(url: str | None = None) -> Store:
    try:
        engine = create_engine(db_url(url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        metadata.create_all(engine)
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        # ValueError: a malformed URL (port not a number); ImportError: the database's driver is not installed.
        raise StoreError(f"cannot open the store {db_url(url)}: {exc.__class__.__name__}: {exc}") from exc
    return Store(engine)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers (the web app, Datasette) do not block the writer
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


@dataclass
class Filters:
    place: str | None = None
    outlet: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    limit: int | None = None


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def known(self, article_id: str, text: str) -> str | None:
        """The id under which this article (same id, or same text) is already stored, if it is."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(articles.c.id).where((articles.c.id == article_id) | (articles.c.content_hash == stable_id(text)))
            ).first()
        return row[0] if row else None

    def add(self, results: list[ArticleResult]) -> int:
        """Write results in one transaction; articles already stored are skipped. Returns how many were new."""
        added = 0
        try:
            with self.engine.begin() as conn:
                for result in results:
                    a = result.article
                    if conn.execute(select(articles.c.id).where(
                        (articles.c.id == a.id) | (articles.c.content_hash == stable_id(a.text))
                    )).first():
                        continue
                    conn.execute(insert(articles).values(
                        id=a.id, content_hash=stable_id(a.text), title=a.title, outlet=a.outlet,
                        published=a.published, byline=a.byline, url=a.url, text=a.text,
                        result=result.to_dict(), ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    ))
                    self._write_rows(conn, result)
                    added += 1
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the store: {exc.__class__.__name__}: {exc}") from exc
        return added

    def _write_rows(self, conn: Any, result: ArticleResult) -> None:
        a = result.article
        for ev in result.events:
            loc = ev.location
            first = ev.claimed_by[0] if ev.claimed_by else None
            roles = {x.role: x.name for x in ev.actors}
            conn.execute(insert(events).values(
                id=ev.id, article_id=a.id, ordinal=int(ev.id.rsplit("#", 1)[1]), event_type=ev.event_type,
                sub_event_type=ev.sub_event_type, date_start=ev.date.start, date_end=ev.date.end,
                place=loc.name if loc else None, admin1=loc.admin1 if loc else None,
                country=loc.country if loc else None, lat=loc.lat if loc else None, lon=loc.lon if loc else None,
                precision=loc.precision if loc else None, actor1=roles.get("actor1"), actor2=roles.get("actor2"),
                stance=ev.stance, aggregate=ev.aggregate,
                source=(first.name or a.outlet) if first else None, source_kind=first.kind if first else None,
                sentence=ev.sentence,
            ))
            for c in ev.counts:
                conn.execute(insert(claims).values(
                    event_id=ev.id, article_id=a.id, kind=c.kind, low=c.low, high=c.high, approx=c.approx,
                    vague=c.vague, victims=c.victims, what=c.what,
                    source=(first.name or a.outlet) if first else a.outlet, source_kind=first.kind if first else "outlet",
                    chain=[s.name for s in ev.claimed_by], stance=ev.stance, quote=c.text,
                    span_start=c.span[0] if c.span else None, span_end=c.span[1] if c.span else None,
                ))
        for f in result.framing:
            conn.execute(insert(framing).values(
                article_id=a.id, technique=f.technique, text=f.text, neutral=f.neutral, note=f.note,
                span_start=f.span[0], span_end=f.span[1],
            ))

    def result(self, article_id: str) -> ArticleResult | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.result).where(articles.c.id == article_id)).first()
        return ArticleResult.from_dict(row[0]) if row else None

    def results(self, f: Filters | None = None) -> Iterator[ArticleResult]:
        """Stored results, each article whole; with filters, only articles that have a matching event."""
        q = select(articles.c.result).order_by(articles.c.published, articles.c.id)
        if f is not None and any(getattr(f, k) for k in ("place", "outlet", "source", "since", "until", "kind")):
            ids = select(events.c.article_id).join(articles, articles.c.id == events.c.article_id).where(
                *_conditions(f, events.c.source))
            if f.kind:
                ids = ids.where(events.c.id.in_(select(claims.c.event_id).where(claims.c.kind == f.kind)))
            q = q.where(articles.c.id.in_(ids))
        if f is not None and f.limit:
            q = q.limit(f.limit)
        with self.engine.connect() as conn:
            for (body,) in conn.execute(q):
                yield ArticleResult.from_dict(body)

    def count_articles(self) -> int:
        from sqlalchemy import func

        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def events(self, f: Filters) -> list[dict[str, Any]]:
        q = (
            select(events, articles.c.outlet, articles.c.published)
            .join(articles, articles.c.id == events.c.article_id)
            .where(*_conditions(f, events.c.source))
            .order_by(events.c.date_start.desc(), events.c.id)
        )
        if f.kind:
            q = q.where(events.c.id.in_(select(claims.c.event_id).where(claims.c.kind == f.kind)))
        if f.limit:
            q = q.limit(f.limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def claims(self, f: Filters) -> list[dict[str, Any]]:
        q = (
            select(
                claims, events.c.place, events.c.admin1, events.c.date_start, events.c.date_end,
                events.c.event_type, articles.c.outlet, articles.c.published,
            )
            .join(events, events.c.id == claims.c.event_id)
            .join(articles, articles.c.id == claims.c.article_id)
            .where(*_conditions(f, claims.c.source))
            .order_by(events.c.date_start.desc(), claims.c.id)
        )
        if f.kind:
            q = q.where(claims.c.kind == f.kind)
        if f.limit:
            q = q.limit(f.limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def sources(self) -> list[dict[str, Any]]:
        """Per cited source: how many claims, through how many outlets."""
        from sqlalchemy import func

        q = (
            select(claims.c.source, claims.c.source_kind, func.count().label("claims"),
                   func.count(articles.c.outlet.distinct()).label("outlets"))
            .join(articles, articles.c.id == claims.c.article_id)
            .group_by(claims.c.source, claims.c.source_kind)
            .order_by(func.count().desc())
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]


def _conditions(f: Filters, source_col: Any) -> list[Any]:
    cond: list[Any] = []
    if f.place:
        like = f"%{f.place.lower()}%"
        cond.append(events.c.place.ilike(like) | events.c.admin1.ilike(like))
    if f.outlet:
        cond.append(articles.c.outlet.ilike(f"%{f.outlet}%"))
    if f.source:
        cond.append(source_col.ilike(f"%{f.source}%"))
    if f.since:
        cond.append(events.c.date_start >= f.since)
    if f.until:
        cond.append(events.c.date_start <= f.until)
    return cond
