"""Extraction as Spark ``mapInPandas`` stages: articles in, contract results and flat event/claim rows out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

ARTICLE_SCHEMA = "id string, title string, outlet string, published string, month string, result string"
EVENT_SCHEMA = (
    "id string, article_id string, outlet string, month string, event_type string, sub_event_type string, "
    "date_start string, date_end string, place string, admin1 string, country string, lat double, lon double, "
    "precision string, source string, source_kind string, stance string, aggregate boolean, sentence string"
)
CLAIM_SCHEMA = (
    "event_id string, article_id string, outlet string, month string, kind string, low long, high long, "
    "approx boolean, vague string, victims string, source string, source_kind string, stance string, quote string, "
    "span_start long, span_end long"
)


FIELDS = ("text", "id", "title", "outlet", "published", "byline", "url")
# Carried from input to the articles dataset when present: input order, and the near-duplicate link.
PASSED = {"src": "src int", "pos": "pos long", "duplicate_of": "duplicate_of string", "minhash": "minhash array<bigint>"}


@lru_cache(maxsize=1)
def _extractor() -> Any:
    """One pipeline per Python worker process, built on first use and kept for every later batch.

    A per-process cache is the point here: Spark reuses worker processes across tasks, and building the
    pipeline costs seconds.
    """
    from claimscope.pipeline import Extractor

    return Extractor()


def _extract_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    from claimscope.errors import InputRejected
    from claimscope.ingest.readers import article_from_record

    extractor = _extractor()
    for batch in batches:
        articles, extras = [], []
        passed = [c for c in batch.columns if c in PASSED]
        for row in batch.to_dict("records"):
            record = {k: v for k, v in row.items() if k in FIELDS and isinstance(v, str)}
            # the same reading as `claimscope extract`: cleaned text, checks, dates normalised, stable ids
            try:
                articles.append(article_from_record(record))
            except InputRejected:
                continue  # empty, too large, not English: as on one machine, not extracted
            # pandas 3 reads a missing string as NaN, and a column of NaN would go back to Spark as doubles
            extras.append({c: None if isinstance(row[c], float) and row[c] != row[c] else row[c] for c in passed})
        out = []
        for result, extra in zip(extractor.extract(articles), extras, strict=True):
            a = result.article
            out.append({"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published,
                        "month": (a.published or "unknown")[:7], "result": json.dumps(result.to_dict()), **extra})
        frame = pd.DataFrame(out, columns=["id", "title", "outlet", "published", "month", "result", *passed])
        yield frame.astype({c: t for c, t in (("src", "int32"), ("pos", "int64")) if c in passed})


def _flat_rows(batches: Iterator[pd.DataFrame], rows_of: Any, schema: str) -> Iterator[pd.DataFrame]:
    """Stored results -> flat rows: ``rows_of(result, month)`` gives the rows of one article."""
    import pandas as pd

    from claimscope.model import ArticleResult

    columns = [c.split()[0] for c in schema.split(", ")]
    for batch in batches:
        rows = []
        for body, month in zip(batch["result"], batch["month"], strict=True):
            rows += rows_of(ArticleResult.from_dict(json.loads(body)), month)
        yield pd.DataFrame(rows, columns=columns)


def _events_of(result: Any, month: str) -> list[dict[str, Any]]:
    rows = []
    for e in result.events:
        loc, src = e.location, (e.claimed_by[0] if e.claimed_by else None)
        rows.append({
            "id": e.id, "article_id": result.article.id, "outlet": result.article.outlet, "month": month,
            "event_type": e.event_type, "sub_event_type": e.sub_event_type, "date_start": e.date.start,
            "date_end": e.date.end, "place": loc.name if loc else None, "admin1": loc.admin1 if loc else None,
            "country": loc.country if loc else None, "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None, "precision": loc.precision if loc else None,
            "source": (src.name or result.article.outlet) if src else None,
            "source_kind": src.kind if src else None, "stance": e.stance, "aggregate": e.aggregate,
            "sentence": e.sentence,
        })
    return rows


def _claims_of(result: Any, month: str) -> list[dict[str, Any]]:
    rows = []
    for e in result.events:
        src = e.claimed_by[0] if e.claimed_by else None
        for c in e.counts:
            rows.append({
                "event_id": e.id, "article_id": result.article.id, "outlet": result.article.outlet,
                "month": month, "kind": c.kind, "low": c.low, "high": c.high, "approx": c.approx,
                "vague": c.vague, "victims": c.victims,
                "source": (src.name or result.article.outlet) if src else None,
                "source_kind": src.kind if src else None, "stance": e.stance, "quote": c.text,
                "span_start": c.span[0] if c.span else None, "span_end": c.span[1] if c.span else None,
            })
    return rows


def _event_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    yield from _flat_rows(batches, _events_of, EVENT_SCHEMA)


def _claim_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for frame in _flat_rows(batches, _claims_of, CLAIM_SCHEMA):
        yield frame.astype({"low": "Int64", "high": "Int64", "span_start": "Int64", "span_end": "Int64"})


def extract(df: DataFrame, text_col: str = "text", id_col: str = "id", title_col: str = "title",
            outlet_col: str = "outlet", published_col: str = "published") -> tuple[DataFrame, DataFrame, DataFrame]:
    """(articles, events, claims) DataFrames for a DataFrame of articles; ``articles.result`` is the contract JSON.

    Input columns ``byline`` and ``url`` are read too; ``src``, ``pos``, ``duplicate_of`` and ``minhash`` (from
    ``spark.dedup``) are carried through to the articles.
    """
    from pyspark.sql import functions as F

    cols = {"text": text_col, "id": id_col, "title": title_col, "outlet": outlet_col, "published": published_col,
            "byline": "byline", "url": "url"}
    passed = [c for c in PASSED if c in df.columns]
    selected = df.select(*[(F.col(src) if src in df.columns else F.lit(None)).cast("string").alias(name)
                           for name, src in cols.items()], *passed)
    schema = ", ".join([ARTICLE_SCHEMA, *[PASSED[c] for c in passed]])
    articles = selected.mapInPandas(_extract_batches, schema).cache()
    events = articles.select("result", "month").mapInPandas(_event_rows, EVENT_SCHEMA)
    claims = articles.select("result", "month").mapInPandas(_claim_rows, CLAIM_SCHEMA)
    return articles, events, claims
