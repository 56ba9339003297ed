"""Opening a store (SQLite by default, PostgreSQL by URL) and reading and writing ArticleResults."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Connection, Engine, Result, String, create_engine, event, func, insert, literal, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from claimscope.errors import StoreError
from claimscope.ingest.checks import stable_id
from claimscope.model import ArticleResult, Event, Place, Source
from claimscope.store.tables import (
    actors,
    articles,
    claims,
    events,
    feed_items,
    framing,
    places,
    source_aliases,
    sources,
)

DEFAULT_DB = "claimscope.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def db_url(value: str | None) -> str:
    """A SQLAlchemy URL from ``--db``, ``CLAIMSCOPE_DB`` or the default file; a bare path means SQLite."""
    value = value or os.environ.get("CLAIMSCOPE_DB") or DEFAULT_DB
    if value.startswith("postgresql://"):
        value = "postgresql+psycopg://" + value[len("postgresql://") :]  # psycopg 3, the driver we install
    return value if "://" in value else f"sqlite:///{Path(value)}"


def open_store(url: str | None = None) -> Store:
    """Connect and bring the schema up to date with the Alembic migrations."""
    try:
        engine = create_engine(db_url(url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        migrate(engine)
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        # ValueError: a malformed URL (port not a number); ImportError: the database's driver is not installed.
        raise StoreError(f"cannot open the store {db_url(url)}: {exc.__class__.__name__}: {exc}") from exc
    return Store(engine)


def migrate(engine: Engine, revision: str = "head", attempts: int = 5) -> None:
    """Upgrade the schema. Two processes opening one new database at once (an ingest and the web app)
    race to create it; the loser's transaction rolls back, and on retry it finds the schema current."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    for attempt in range(attempts):
        try:
            with engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
            return
        except SQLAlchemyError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


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

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "limit")

    def matches(self, event: Event, outlet: str | None) -> bool:
        """The same test as the SQL filters, for one event of a result read back whole."""
        loc = event.location
        place = f"{loc.name} {loc.admin1 or ''}".lower() if loc else ""
        source = " ".join(s.name or "" for s in event.claimed_by).lower()
        return (
            (not self.place or self.place.lower() in place)
            and (not self.outlet or self.outlet.lower() in (outlet or "").lower())
            and (not self.source or self.source.lower() in (source or (outlet or "").lower()))
            and (not self.since or (event.date.start or "") >= self.since)
            and (not self.until or (event.date.start or "9999") <= self.until)
            and (not self.kind or any(c.kind == self.kind for c in event.counts))
        )


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._version_conn: sqlite3.Connection | None = None
        self._version_lock = threading.Lock()

    def close(self) -> None:
        if self._version_conn is not None:
            self._version_conn.close()
            self._version_conn = None
        self.engine.dispose()

    def data_version(self) -> int | None:
        """A number that changes whenever anyone (this process or another) commits a write to the store.

        SQLite's ``PRAGMA data_version`` on a connection of its own that never writes: it moves on every commit
        made through any other connection, and costs microseconds. None where there is no such number
        (PostgreSQL, an in-memory database): callers then must not cache.
        """
        path = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or not path or path == ":memory:" or path.startswith("file:"):
            return None
        with self._version_lock:
            try:
                if self._version_conn is None:
                    self._version_conn = sqlite3.connect(path, check_same_thread=False)
                return int(self._version_conn.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                return None

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

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        wanted = [u for u in urls if u]
        if not wanted:
            return set()
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(articles.c.url).where(articles.c.url.in_(wanted)))}

    def feed_seen(self, feed: str) -> set[str]:
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(feed_items.c.key).where(feed_items.c.feed == feed))}

    def mark_feed_seen(self, feed: str, keys: Iterable[str]) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.engine.begin() as conn:
            known = {r[0] for r in conn.execute(select(feed_items.c.key).where(feed_items.c.feed == feed))}
            fresh = [{"feed": feed, "key": k, "seen_at": now} for k in dict.fromkeys(keys) if k not in known]
            if fresh:
                conn.execute(insert(feed_items), fresh)

    def signatures(self) -> Iterator[tuple[str, list[int]]]:
        """Stored MinHash signatures in the order the articles came in, for the near-duplicate index."""
        q = select(articles.c.id, articles.c.minhash).where(articles.c.minhash.is_not(None)).order_by(
            articles.c.ingested_at, articles.c.id)
        with self.engine.connect() as conn:
            for article_id, values in conn.execute(q):
                yield article_id, list(values)

    def add(self, results: list[ArticleResult], near: dict[str, tuple[str | None, list[int]]] | None = None) -> int:
        """Write results in one transaction; articles already stored are skipped. Returns how many were new.

        ``near`` maps an article id to (the article it copies or None, its MinHash signature).
        """
        near = near or {}
        added = 0
        try:
            with self.engine.begin() as conn:
                for result in results:
                    a = result.article
                    if conn.execute(select(articles.c.id).where(
                        (articles.c.id == a.id) | (articles.c.content_hash == stable_id(a.text))
                    )).first():
                        continue
                    original, signature = near.get(a.id, (None, None))
                    conn.execute(insert(articles).values(
                        id=a.id, content_hash=stable_id(a.text), title=a.title, outlet=a.outlet,
                        published=a.published, byline=a.byline, url=a.url, text=a.text,
                        result=result.to_dict(), ingested_at=datetime.now(UTC).isoformat(timespec="microseconds"),
                        duplicate_of=original, minhash=signature,
                    ))
                    self._write_rows(conn, result)
                    added += 1
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the store: {exc.__class__.__name__}: {exc}") from exc
        return added

    def _write_rows(self, conn: Connection, result: ArticleResult) -> None:
        a = result.article
        for ev in result.events:
            loc = ev.location
            first = ev.claimed_by[0] if ev.claimed_by else Source(a.outlet, "outlet")
            source_name = first.name or a.outlet or "(unknown outlet)"
            source_id = _source_id(conn, source_name, first.kind, first.text)
            roles = {x.role: x.name for x in ev.actors}
            for name in roles.values():
                _actor(conn, name)
            conn.execute(insert(events).values(
                id=ev.id, article_id=a.id, ordinal=int(ev.id.rsplit("#", 1)[1]), event_type=ev.event_type,
                sub_event_type=ev.sub_event_type, date_start=ev.date.start, date_end=ev.date.end,
                place_id=_place_id(conn, loc) if loc else None,
                place=loc.name if loc else None, admin1=loc.admin1 if loc else None,
                country=loc.country if loc else None, lat=loc.lat if loc else None, lon=loc.lon if loc else None,
                precision=loc.precision if loc else None, actor1=roles.get("actor1"), actor2=roles.get("actor2"),
                stance=ev.stance, aggregate=ev.aggregate, source_id=source_id, source=source_name,
                source_kind=first.kind, sentence=ev.sentence,
            ))
            for c in ev.counts:
                conn.execute(insert(claims).values(
                    event_id=ev.id, article_id=a.id, kind=c.kind, low=c.low, high=c.high, approx=c.approx,
                    vague=c.vague, estimate=c.estimate, victims=c.victims, what=c.what, source_id=source_id,
                    source=source_name, source_kind=first.kind, chain=[s.name for s in ev.claimed_by],
                    stance=ev.stance, quote=c.text,
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

    def results_by_id(self, article_ids: Iterable[str]) -> dict[str, ArticleResult]:
        """The stored results of these articles, in one query (absent ids are left out)."""
        wanted = sorted(set(article_ids))
        if not wanted:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(articles.c.id, articles.c.result).where(articles.c.id.in_(wanted))).all()
        found = {article_id: ArticleResult.from_dict(body) for article_id, body in rows}
        return {a: found[a] for a in wanted if a in found}

    def results(self, f: Filters | None = None) -> Iterator[ArticleResult]:
        """Stored results, each article whole; with filters, only articles that have a matching event."""
        q = select(articles.c.result).order_by(articles.c.published, articles.c.id)
        if f is not None and f.any():
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

    def duplicates(self) -> dict[str, str]:
        """Article id -> the earlier article it copies (near-duplicates only)."""
        with self.engine.connect() as conn:
            q = select(articles.c.id, articles.c.duplicate_of).where(articles.c.duplicate_of.is_not(None))
            return {a: b for a, b in conn.execute(q)}

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def events(self, f: Filters) -> list[dict[str, Any]]:
        q = (
            select(events, articles.c.outlet, articles.c.published, articles.c.duplicate_of)
            .join(articles, articles.c.id == events.c.article_id)
            .where(*_event_conditions(f))
            .order_by(events.c.date_start.desc(), events.c.id)
        )
        if f.limit:
            q = q.limit(f.limit)
        with self.engine.connect() as conn:
            return rows_as_dicts(conn.execute(q))

    def event_days(self, f: Filters) -> dict[str | None, int]:
        """How many events match per start day (None: undated), counted by the database, not read row by row."""
        q = (
            select(events.c.date_start, func.count())
            .join(articles, articles.c.id == events.c.article_id)
            .where(*_event_conditions(f))
            .group_by(events.c.date_start)
        )
        with self.engine.connect() as conn:
            return {day: int(n) for day, n in conn.execute(q)}

    def claims(self, f: Filters) -> list[dict[str, Any]]:
        q = (
            select(
                claims, events.c.place, events.c.admin1, events.c.date_start, events.c.date_end,
                events.c.event_type, articles.c.outlet, articles.c.published, articles.c.duplicate_of,
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
            return rows_as_dicts(conn.execute(q))

    def sources(self) -> list[dict[str, Any]]:
        """Per cited source: how many figures it claims, through how many outlets and independent articles."""
        q = (
            select(sources.c.name.label("source"), sources.c.kind.label("source_kind"),
                   func.count(claims.c.id).label("claims"),
                   func.count(articles.c.outlet.distinct()).label("outlets"),
                   func.count(articles.c.id.distinct()).filter(articles.c.duplicate_of.is_(None)).label("independent"))
            .join(claims, claims.c.source_id == sources.c.id)
            .join(articles, articles.c.id == claims.c.article_id)
            .group_by(sources.c.name, sources.c.kind)
            .order_by(func.count(claims.c.id).desc(), sources.c.name)
        )
        with self.engine.connect() as conn:
            return rows_as_dicts(conn.execute(q))


def rows_as_dicts(result: Result[Any]) -> list[dict[str, Any]]:
    """Rows as plain dicts; zipping the column names once is cheaper than a mapping view per row. The names
    become plain ``str`` (SQLAlchemy's are a subclass, which orjson refuses as keys)."""
    keys = [str(k) for k in result.keys()]
    return [dict(zip(keys, row, strict=True)) for row in result]


def _source_id(conn: Connection, name: str, kind: str, alias: str | None) -> int:
    row = conn.execute(select(sources.c.id).where(sources.c.name == name, sources.c.kind == kind)).first()
    if row:
        source_id = int(row[0])
    else:
        source_id = int(conn.execute(insert(sources).values(name=name, kind=kind).returning(sources.c.id)).scalar_one())
    if alias and alias != name:
        seen = conn.execute(select(source_aliases.c.alias).where(
            source_aliases.c.source_id == source_id, source_aliases.c.alias == alias)).first()
        if not seen:
            conn.execute(insert(source_aliases).values(source_id=source_id, alias=alias))
    return source_id


def _place_id(conn: Connection, p: Place) -> int:
    key = (places.c.name == p.name) & (places.c.admin1.is_(None) if p.admin1 is None else places.c.admin1 == p.admin1)
    key &= (places.c.country.is_(None) if p.country is None else places.c.country == p.country)
    key &= places.c.precision == p.precision
    row = conn.execute(select(places.c.id).where(key)).first()
    if row:
        return int(row[0])
    return int(conn.execute(insert(places).values(
        name=p.name, admin1=p.admin1, country=p.country, lat=p.lat, lon=p.lon, geonameid=p.geonameid,
        precision=p.precision).returning(places.c.id)).scalar_one())


def _actor(conn: Connection, name: str) -> None:
    if not conn.execute(select(actors.c.name).where(actors.c.name == name)).first():
        conn.execute(insert(actors).values(name=name))


class _Contains(FunctionElement[bool]):
    """``column`` contains a pattern whatever the case. Generally ``lower(column) LIKE lower-cased pattern``.
    On SQLite a bare ``LIKE`` with the pattern as typed: SQLite's LIKE ignores ASCII case by itself, and its
    lower() folds nothing else, so ``lower()`` there only cost a call per row (a third of a filtered page's
    time) and made a non-ASCII capital in the query ("Ḩamāh") match nothing."""

    inherit_cache = True
    type = Boolean()
    name = "claimscope_contains"


@compiles(_Contains)
def _contains_lower(element: _Contains, compiler: Any, **kw: Any) -> str:
    column, lowered, _typed = element.clauses
    return f"lower({compiler.process(column, **kw)}) LIKE {compiler.process(lowered, **kw)} ESCAPE '/'"


@compiles(_Contains, "sqlite")
def _contains_sqlite(element: _Contains, compiler: Any, **kw: Any) -> str:
    column, _lowered, typed = element.clauses
    return f"{compiler.process(column, **kw)} LIKE {compiler.process(typed, **kw)} ESCAPE '/'"


def _like_pattern(text: str) -> str:
    return "%" + text.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


def _has(column: Any, text: str) -> Any:
    """Case-insensitive "contains", with % and _ taken as characters, not wildcards."""
    return _Contains(column, literal(_like_pattern(text.lower()), String()), literal(_like_pattern(text), String()))


def _event_conditions(f: Filters) -> list[Any]:
    cond = _conditions(f, events.c.source)
    if f.kind:
        # EXISTS, not IN (subquery): the planner keeps walking events in date order and stops at the limit
        cond.append(select(claims.c.id).where(claims.c.event_id == events.c.id, claims.c.kind == f.kind).exists())
    return cond


def _conditions(f: Filters, source_col: Any) -> list[Any]:
    cond: list[Any] = []
    if f.place:
        cond.append(_has(events.c.place, f.place) | _has(events.c.admin1, f.place))
    if f.outlet:
        cond.append(_has(articles.c.outlet, f.outlet))
    if f.source:
        cond.append(_has(source_col, f.source))
    if f.since:
        cond.append(events.c.date_start >= f.since)
    if f.until:
        cond.append(events.c.date_start <= f.until)
    return cond
