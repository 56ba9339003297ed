"""Tables. The contract JSON of each article is kept whole (``results.body``) so nothing is lost;
events and claims are also spread into columns so they can be filtered and joined."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Float, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(40), nullable=False, index=True),
    Column("title", Text), Column("outlet", String(200), index=True), Column("published", String(10), index=True),
    Column("byline", Text), Column("url", Text), Column("text", Text, nullable=False),
    Column("result", JSON, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", String(220), primary_key=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("event_type", String(60)), Column("sub_event_type", String(60)),
    Column("date_start", String(10), index=True), Column("date_end", String(10)),
    Column("place", String(200), index=True), Column("admin1", String(120), index=True),
    Column("country", String(120)), Column("lat", Float), Column("lon", Float),
    Column("precision", String(20)), Column("actor1", String(200)), Column("actor2", String(200)),
    Column("stance", String(20)), Column("aggregate", Boolean, nullable=False),
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
    Column("vague", String(40)), Column("victims", Text), Column("what", Text),
    Column("source", String(300), index=True), Column("source_kind", String(20)), Column("chain", JSON),
    Column("stance", String(20)), Column("quote", Text), Column("span_start", Integer), Column("span_end", Integer),
)

framing = Table(
    "framing", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("technique", String(60), index=True), Column("text", Text), Column("neutral", Text), Column("note", Text),
    Column("span_start", Integer), Column("span_end", Integer),
)
