"""Incidents at scale: block the events, then group each block with the single-machine ``reconcile.Grouper``.

Why the blocks give exactly one machine's incidents: ``Grouper`` places each event (in input order) in the
incident whose members score best with it, and only a pair with ``same_incident > 0`` can score. A pair can
only score if the two events are ``near`` and their time windows ``overlap``. So if every such pair lies in one
block, each block sees every incident any of its events could join, and grouping blocks separately (each in
input order) is the same as grouping everything in one run. The blocks here are built to be that coarse:

1. places: the distinct places (country, admin1, point, precision) are few (a gazetteer's worth) whatever the
   size of the archive, so the driver joins every two that ``near`` allows into one component (a place named
   only by its country, or not placed at all, joins its whole country);
2. time: within a place component, events whose windows (with the rare-attack allowance) overlap, directly or
   through a chain, form one block: a sort and a running maximum per component (a Spark window).

Blocks are as small as the data allows and no smaller: news that names a country without a place ties that
country's events of those days into one block.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

    from claimscope.reconcile.incidents import EventRef

REF_SCHEMA = (
    "event_id string, article_id string, src int, pos long, ordinal int, month string, outlet string, "
    "start string, end string, published string, lat double, lon double, precision string, admin1 string, "
    "country string, event_type string, sub_event_type string, figures array<string>, sentence string, "
    "place_key string, lo int, hi int"
)
# One row per event in an incident, as the store's incident_events table: the vector is what placed it.
INCIDENT_SCHEMA = "incident_id string, event_id string, article_id string, month string, vector array<double>"
NO_DAY, LAST_DAY = 0, date.max.toordinal()  # an undated event may overlap any other


@lru_cache(maxsize=1)
def _embedder() -> Any:
    """One sentence model per Python worker, loaded on first use and kept for every later block."""
    from claimscope.embeddings import SentenceEmbedder

    return SentenceEmbedder()


def _span(ref: EventRef) -> tuple[int, int]:
    """Days (ordinals) outside which no other event can ``overlap`` this one."""
    from claimscope.reconcile.incidents import DATE_SLACK, RARE, RARE_DAYS

    window = ref.window()
    if window is None:
        return NO_DAY, LAST_DAY
    lo, hi = sorted(window)
    if ref.sub_event_type in RARE:
        lo -= timedelta(days=RARE_DAYS)
    return (lo - timedelta(days=DATE_SLACK)).toordinal(), (hi + timedelta(days=DATE_SLACK)).toordinal()


def _place_key(country: Any, admin1: Any, lat: Any, lon: Any, precision: Any) -> str:
    return json.dumps([country, admin1, lat, lon, precision])


def _ref_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    from claimscope.model import ArticleResult
    from claimscope.reconcile.incidents import refs_of

    columns = [c.split()[0] for c in REF_SCHEMA.split(", ")]
    for batch in batches:
        rows = []
        for body, src, pos, month in zip(batch["result"], batch["src"], batch["pos"], batch["month"], strict=True):
            result = ArticleResult.from_dict(json.loads(body))
            for ref in refs_of(result):  # the same events as one machine: cumulative tolls left out
                lo, hi = _span(ref)
                rows.append({
                    "event_id": ref.event_id, "article_id": ref.article_id, "src": src, "pos": pos,
                    "ordinal": int(ref.event_id.rsplit("#", 1)[1]), "month": month, "outlet": ref.outlet,
                    "start": _day(ref.start), "end": _day(ref.end), "published": _day(ref.published),
                    "lat": ref.lat, "lon": ref.lon, "precision": ref.precision, "admin1": ref.admin1,
                    "country": ref.country, "event_type": ref.event_type, "sub_event_type": ref.sub_event_type,
                    "figures": sorted(f"{kind}:{n}" for kind, n in ref.figures), "sentence": ref.sentence,
                    "place_key": _place_key(ref.country, ref.admin1, ref.lat, ref.lon, ref.precision),
                    "lo": lo, "hi": hi,
                })
        frame = pd.DataFrame(rows, columns=columns)
        yield frame.astype({"src": "int32", "pos": "int64", "ordinal": "int32", "lo": "int32", "hi": "int32"})


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _ref_of(row: dict[str, Any]) -> EventRef:
    from claimscope.reconcile.incidents import EventRef
    from claimscope.values import parse_day

    def number(v: Any) -> float | None:
        return None if v is None or v != v else float(v)  # pandas gives NaN for a missing double

    figures = frozenset((f.rsplit(":", 1)[0], int(f.rsplit(":", 1)[1])) for f in (row["figures"] if row["figures"] is not None else ()))
    return EventRef(
        event_id=row["event_id"], article_id=row["article_id"], outlet=row["outlet"], start=parse_day(row["start"]),
        end=parse_day(row["end"]), published=parse_day(row["published"]), lat=number(row["lat"]),
        lon=number(row["lon"]), precision=row["precision"], admin1=row["admin1"], country=row["country"],
        event_type=row["event_type"], sub_event_type=row["sub_event_type"], figures=figures,
        sentence=row["sentence"] or "", ordinal=None if row.get("ordinal") is None else int(row["ordinal"]),
    )


def group_block(block: pd.DataFrame) -> pd.DataFrame:
    """The incidents of one block, grouped by ``Grouper`` in input order (as ``jobs.reconcile`` orders events)."""
    import pandas as pd

    from claimscope.reconcile import Grouper

    block = block.astype(object).where(block.notna(), None).sort_values(["src", "pos", "article_id", "ordinal"])
    rows = block.to_dict("records")
    refs = [_ref_of(r) for r in rows]
    placed = Grouper(_embedder()).add(refs)
    out = [{"incident_id": placed[ref.event_id], "event_id": ref.event_id, "article_id": ref.article_id,
            "month": row["month"], "vector": [float(x) for x in ref.vector] if ref.vector is not None else None}
           for ref, row in zip(refs, rows, strict=True)]
    return pd.DataFrame(out, columns=["incident_id", "event_id", "article_id", "month", "vector"])


def place_components(places: list[tuple[str, Any, Any, Any, Any, Any]]) -> dict[str, int]:
    """place key -> component: two places that ``near`` allows to be one incident share a component."""
    from claimscope.reconcile.incidents import EventRef, near

    stubs = [EventRef(event_id=key, article_id="", outlet=None, start=None, end=None, published=None, lat=lat,
                      lon=lon, precision=precision, admin1=admin1, country=country, event_type=None,
                      sub_event_type=None, figures=frozenset(), sentence="")
             for key, country, admin1, lat, lon, precision in sorted(places, key=lambda p: p[0])]
    parent = list(range(len(stubs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Places in two different countries are never near, so only pairs within a country (or with no country)
    # are compared: the work grows with the largest country's places, not with all of them.
    by_country: dict[Any, list[int]] = {}
    for i, s in enumerate(stubs):
        by_country.setdefault(s.country, []).append(i)
    anywhere = by_country.pop(None, [])
    for members in [*by_country.values(), anywhere]:
        group = members + (anywhere if members is not anywhere else [])
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                if root(i) != root(j) and near(stubs[i], stubs[j]):
                    parent[root(j)] = root(i)
    return {s.event_id: root(i) for i, s in enumerate(stubs)}


def blocks(articles: DataFrame) -> DataFrame:
    """The events of ``articles`` (``REF_SCHEMA``) with their block: ``component`` (place) and ``segment`` (time)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    spark = articles.sparkSession
    if "src" not in articles.columns:  # no input order given: the DataFrame's own order stands in
        articles = articles.withColumn("src", F.lit(0)).withColumn("pos", F.monotonically_increasing_id())
    refs = articles.select("result", "src", "pos", "month").mapInPandas(_ref_rows, REF_SCHEMA).cache()
    places = refs.select("place_key", "country", "admin1", "lat", "lon", "precision").distinct().collect()
    components = place_components([tuple(p) for p in places])
    lookup = spark.createDataFrame(sorted(components.items()), "place_key string, component int")
    refs = refs.join(F.broadcast(lookup), "place_key")
    by_start = Window.partitionBy("component").orderBy("lo", "hi", "event_id")
    reach = F.max("hi").over(by_start.rowsBetween(Window.unboundedPreceding, -1))
    refs = refs.withColumn("opens", (reach.isNull() | (F.col("lo") > reach)).cast("int"))
    return refs.withColumn("segment", F.sum("opens").over(by_start.rowsBetween(Window.unboundedPreceding, 0)))


def reconcile(articles: DataFrame) -> DataFrame:
    """Incident membership rows (``INCIDENT_SCHEMA``) for the events of ``articles`` (from ``spark.extract``).

    ``articles`` needs ``src`` and ``pos`` (input order), as ``spark.io.read_inputs`` gives them; the same
    events in the same order give the same incidents as ``claimscope ingest`` followed by ``reconcile``.
    """
    return blocks(articles).groupBy("component", "segment").applyInPandas(group_block, INCIDENT_SCHEMA)
