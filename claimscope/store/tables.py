"""Tables. Each article's contract JSON is kept whole (``articles.result``) so nothing is lost; events,
claims, sources, places, actors and framing are also spread into rows so they can be filtered and joined.

The schema is created and upgraded by the Alembic migrations in ``store/migrations``; this module is the
model they are checked against (``tests/store/test_migrations.py``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(40), nullable=False, index=True),
    Column("title", Text), Column("outlet", String(200), index=True), Column("published", String(10), index=True),
    Column("byline", Text), Column("url", Text, index=True), Column("text", Text, nullable=False),
    Column("result", JSON, nullable=False),
    Column("ingested_at", String(32), nullable=False),
    # Near-duplicate copies (a wire story republished) point at the first copy stored.
    Column("duplicate_of", String(200), ForeignKey("articles.id", ondelete="SET NULL"), index=True),
    Column("minhash", JSON),  # the MinHash signature, so later batches are compared without re-reading texts
)

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False),
    Column("kind", String(20), nullable=False),
    UniqueConstraint("name", "kind", name="uq_sources_name_kind"),
)

source_aliases = Table(
    "source_aliases", metadata,
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", String(300), primary_key=True),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False), Column("admin1", String(120)), Column("country", String(120)),
    Column("lat", Float), Column("lon", Float), Column("geonameid", Integer), Column("precision", String(20)),
    UniqueConstraint("name", "admin1", "country", "precision", name="uq_places_identity"),
)

actors = Table(
    "actors", metadata,
    Column("name", String(200), primary_key=True),
)

events = Table(
    "events", metadata,
    Column("id", String(220), primary_key=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("event_type", String(60)), Column("sub_event_type", String(60)),
    Column("date_start", String(10), index=True), Column("date_end", String(10)),
    Column("place_id", Integer, ForeignKey("places.id"), index=True),
    Column("place", String(200), index=True), Column("admin1", String(120), index=True),
    Column("country", String(120)), Column("lat", Float), Column("lon", Float),
    Column("precision", String(20)),
    Column("actor1", String(200), ForeignKey("actors.name")), Column("actor2", String(200), ForeignKey("actors.name")),
    Column("stance", String(20)), Column("aggregate", Boolean, nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id"), index=True),
    Column("source", String(300), index=True), Column("source_kind", String(20)),
    Column("sentence", Text),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(220), ForeignKey("events.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("kind", String(20), index=True, nullable=False),
    Column("low", Integer), Column("high", Integer), Column("approx", Boolean, nullable=False),
    Column("vague", String(40)), Column("estimate", Integer), Column("victims", Text), Column("what", Text),
    Column("source_id", Integer, ForeignKey("sources.id"), index=True),
    Column("source", String(300), index=True), Column("source_kind", String(20)), Column("chain", JSON),
    Column("stance", String(20)), Column("quote", Text), Column("span_start", Integer), Column("span_end", Integer),
)

# The API's kind filter: "has this event a claim of this kind", answered from the index alone.
Index("ix_claims_event_kind", claims.c.event_id, claims.c.kind)

# Feed entries already read, so `claimscope watch` fetches each linked page once, across restarts too.
feed_items = Table(
    "feed_items", metadata,
    Column("feed", String(500), primary_key=True),
    Column("key", String(500), primary_key=True),
    Column("seen_at", String(32), nullable=False),
)

# Which incident each event reports (reconcile/), with the sentence embedding that placed it there.
incident_events = Table(
    "incident_events", metadata,
    Column("event_id", String(220), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("incident_id", String(40), nullable=False, index=True),
    Column("vector", JSON),
)

framing = Table(
    "framing", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("technique", String(60), index=True), Column("text", Text), Column("neutral", Text), Column("note", Text),
    Column("span_start", Integer), Column("span_end", Integer),
)
