"""Reading and writing incidents: the grouping state ``reconcile.Grouper`` works on, kept in the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, insert, select

from claimscope.model import ArticleResult
from claimscope.reconcile.incidents import EventRef, Incident
from claimscope.store.db import Filters, Store, _conditions, rows_as_dicts
from claimscope.store.tables import articles, claims, events, incident_events
from claimscope.values import parse_day


def event_refs(store: Store, only_unassigned: bool = False) -> list[tuple[EventRef, str | None]]:
    """Every non-aggregate event as an EventRef with its incident (or None), in the order events came in."""
    figures: dict[str, set[tuple[str, int]]] = defaultdict(set)
    with store.engine.connect() as conn:
        for event_id, kind, low, high in conn.execute(select(claims.c.event_id, claims.c.kind, claims.c.low, claims.c.high)):
            figures[event_id].update((kind, v) for v in (low, high) if v is not None)
        q = (
            select(events, articles.c.outlet, articles.c.published, incident_events.c.incident_id, incident_events.c.vector)
            .join(articles, articles.c.id == events.c.article_id)
            .outerjoin(incident_events, incident_events.c.event_id == events.c.id)
            .where(events.c.aggregate.is_(False))
            .order_by(articles.c.ingested_at, articles.c.id, events.c.ordinal)
        )
        if only_unassigned:
            q = q.where(incident_events.c.incident_id.is_(None))
        out = []
        for r in conn.execute(q):
            ref = EventRef(
                event_id=r.id, article_id=r.article_id, outlet=r.outlet, start=parse_day(r.date_start),
                end=parse_day(r.date_end), published=parse_day(r.published), lat=r.lat, lon=r.lon, precision=r.precision,
                admin1=r.admin1, country=r.country, event_type=r.event_type, sub_event_type=r.sub_event_type,
                figures=frozenset(figures.get(r.id, ())), sentence=r.sentence or "", vector=r.vector,
                ordinal=r.ordinal,
            )
            out.append((ref, r.incident_id))
    return out


def load_incidents(store: Store) -> list[Incident]:
    grouped: dict[str, Incident] = {}
    for ref, incident_id in event_refs(store):
        if incident_id:
            grouped.setdefault(incident_id, Incident(incident_id)).members.append(ref)
    return list(grouped.values())


def assign(store: Store, placed: dict[str, str], refs: Iterable[EventRef]) -> None:
    vectors = {r.event_id: (list(r.vector) if r.vector is not None else None) for r in refs}
    with store.engine.begin() as conn:
        rows = [{"event_id": e, "incident_id": i, "vector": vectors.get(e)} for e, i in placed.items()]
        if rows:
            conn.execute(insert(incident_events), rows)


def incident_map(store: Store, event_ids: list[str] | None = None) -> dict[str, str]:
    """Event id -> incident id, for every event or only the ones asked for."""
    q = select(incident_events.c.event_id, incident_events.c.incident_id)
    if event_ids is not None:
        q = q.where(incident_events.c.event_id.in_(event_ids))
    with store.engine.connect() as conn:
        return dict(conn.execute(q).all())


def incident_rows(store: Store, f: Filters) -> list[dict[str, Any]]:
    """One row per incident: when, where, how many events, articles and outlets report it."""
    q = (
        select(
            incident_events.c.incident_id.label("id"),
            func.min(events.c.date_start).label("first_date"), func.max(events.c.date_start).label("last_date"),
            func.min(events.c.place).label("place"), func.min(events.c.admin1).label("admin1"),
            func.min(events.c.sub_event_type).label("type"),
            func.count(events.c.id.distinct()).label("events"),
            func.count(articles.c.id.distinct()).label("articles"),
            func.count(articles.c.outlet.distinct()).label("outlets"),
        )
        .join(events, events.c.id == incident_events.c.event_id)
        .join(articles, articles.c.id == events.c.article_id)
        .where(*_conditions(f, events.c.source))
        .group_by(incident_events.c.incident_id)
        .order_by(func.count(articles.c.id.distinct()).desc(), func.min(events.c.date_start).desc(),
                  incident_events.c.incident_id)
    )
    if f.limit:
        q = q.limit(f.limit)
    with store.engine.connect() as conn:
        return rows_as_dicts(conn.execute(q))


def incident_results(store: Store, incident_id: str) -> tuple[list[str], dict[str, ArticleResult]]:
    """The incident's event ids and the stored results of the articles they come from."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(incident_events.c.event_id, events.c.article_id)
            .join(events, events.c.id == incident_events.c.event_id)
            .where(incident_events.c.incident_id == incident_id)
        ).all()
    event_ids = [r[0] for r in rows]
    return event_ids, store.results_by_id(r[1] for r in rows)
