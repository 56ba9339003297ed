"""ACLED-style CSV: one row per event, ACLED's 31 columns first and in ACLED's order, then claimscope's own.

``event_row`` is the single place an Event becomes a flat record; GeoJSON and Parquet reuse it so the three
formats cannot disagree. In a row, ``None`` means "no value": a blank cell in the CSV, ``null`` in GeoJSON and
Parquet.

How each column is coded (ACLED codebook conventions, adapted to what one news article can tell us):

- ``event_id_cnty``: ISO3 of the event's country + the integer value of the first 12 hex digits of
  ``sha1(event id)``, e.g. ``SYR123456789012``. A pure function of the event id, so re-exporting the same
  results gives the same ids (ACLED's own numbers are assigned sequentially and cannot be reproduced). 12 digits,
  not 8: 32 bits make a collision likely (about 1%) by ten thousand events, 48 bits keep it negligible.
  Events with no known country (no location, or a country outside the table below) get the prefix ``XXX``.
- ``event_date``: ``date.start``, else the article's publication date (YYYY-MM-DD); blank if neither is known.
  For a range the first day is used, so a row never dates an event after what the article describes.
- ``time_precision``: 1 the event has its own day (``start == end``); 2 a range of at most 31 days
  ("last week", "over the past week"); 3 a longer range ("since 2011") or no date of its own (the
  publication date stands in).
- ``disorder_type``: "Political violence" for Battles, Explosions/Remote violence and Violence against
  civilians; "Demonstrations" for Protests and Riots; "Strategic developments" for Strategic developments.
- ``actor1``/``actor2``: the first actor with that role; further actors with the same role go to
  ``assoc_actor_1``/``assoc_actor_2``, joined with "; " as ACLED does.
- ``inter1``/``inter2``: the actor's ``inter`` code from ``nlp/data/actors.yml`` (read once per export, on
  first use; not at import and not cached across exports, so an edited file is picked up). Unknown names: blank.
- ``interaction``: ACLED's "lowest joint number": the two codes, smaller first (1 and 7 -> 17); ``inter1 * 10``
  when there is no actor2 (ACLED's one-sided codes 10, 20, ...); blank when actor1 is unknown, because
  coding the target alone would read as that actor acting alone.
- ``civilian_targeting``: "Civilian targeting" when actor2 is a civilians actor (inter 7), else blank.
- ``iso``/``region``/``country``: from a small table of the countries this news is about (ISO 3166 numeric;
  ACLED's region and country names: Russia is in ACLED's "Europe" and the United States in "North America",
  not "Middle East"; GeoNames' "Palestinian Territory" is ACLED's "Palestine"). Other countries keep the
  gazetteer's name with blank iso and region.
- ``admin1``: the place's governorate; ``admin2``/``admin3``: blank (the gazetteer has no such levels).
- ``location``: the place name; ``latitude``/``longitude``: WGS84, rounded to 5 decimals (about 1 m); blank
  when the place has no (valid) coordinates.
- ``geo_precision``: ACLED's meaning: 1 the town itself (claimscope ``point``/``city``), 2 a part of a
  region or the area around a town (``admin2``/``region``), 3 only a province or larger is known
  (``admin1``/``country``).
- ``source``: the article's outlet; ``source_scale``: blank (ACLED's judgement of the outlet's reach).
- ``notes``: the sentence the event was read from, whitespace collapsed to single spaces.
- ``fatalities``: ACLED's "lowest credible figure" rule: over the event's ``killed`` counts, sum ``low``,
  else ``high`` (for "up to N"), else a vague amount's ``estimate``, else 0. A figure introduced as part of
  another ("at least 22 people, including five children") is not added again. Only ``asserted`` and
  ``hedged`` events count: ``denied`` and ``disputed`` events get 0, and so do ``aggregate`` events
  (cumulative tolls "since 2011" are not one event's deaths, and summing the column would count them again).
  ACLED itself codes vague amounts as fixed numbers (e.g. 10 for "several"); claimscope's documented
  ``estimate`` is used instead so the CSV agrees with the rest of claimscope.
- ``tags``: "claimscope", plus "; aggregate" for cumulative tolls (the aggregate flag has no other column).
- ``timestamp``: the article's publication date as Unix seconds at 00:00 UTC, 0 when unknown. ACLED's is the
  upload time; a clock value would make exports differ from run to run.

claimscope's own columns:

- ``fatalities_low``/``fatalities_high``: the stated range of the same killed figures, before the stance
  rules: the sum of the stated lows (blank if none is stated) and the sum of the highs (blank when any
  figure is open-ended, "at least 22", or vague). For a single figure this is its low and high; for
  "300 fighters and 40 soldiers" it is 340 both ways. So ``fatalities_low <= fatalities <= fatalities_high``
  whenever the values are present and the event counts.
- ``claimed_by``: the attribution chain, teller first and original source last, joined by " <- "
  ("Gulf Daily <- Military Operations Command"); an unnamed source shows its kind in brackets ("[outlet]").
- ``stance``; ``article_ids``: the article's id; ``evidence``: every count's quoted text joined by " | ".
- ``incident_id``: from the ``incidents`` mapping (event id -> incident id) when given, else blank.

The CSV itself is RFC 4180 (the ``csv`` module's excel dialect: comma, minimal double-quote quoting,
CRLF line ends), UTF-8 without a byte-order mark.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import IO, Any

from claimscope.export._stream import text_sink
from claimscope.model import ArticleResult, Count, DateRange, Event, Place, Source
from claimscope.values import parse_day

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
CLAIMSCOPE_COLUMNS: tuple[str, ...] = (
    "fatalities_low", "fatalities_high", "claimed_by", "stance", "article_ids", "evidence", "incident_id",
)
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + CLAIMSCOPE_COLUMNS

CIVILIANS_INTER = 7
UNKNOWN_ISO3 = "XXX"

DISORDER_TYPES: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

GEO_PRECISION: dict[str, int] = {"point": 1, "city": 1, "admin2": 2, "region": 2, "admin1": 3, "country": 3}

COUNTING_STANCES = frozenset({"asserted", "hedged"})


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    iso: int  # ISO 3166-1 numeric, ACLED's ``iso`` column
    name: str  # ACLED's spelling
    region: str  # ACLED's region


COUNTRIES: dict[str, Country] = {c.iso2: c for c in (
    Country("SY", "SYR", 760, "Syria", "Middle East"),
    Country("IQ", "IRQ", 368, "Iraq", "Middle East"),
    Country("LB", "LBN", 422, "Lebanon", "Middle East"),
    Country("TR", "TUR", 792, "Turkey", "Middle East"),
    Country("JO", "JOR", 400, "Jordan", "Middle East"),
    Country("IL", "ISR", 376, "Israel", "Middle East"),
    Country("PS", "PSE", 275, "Palestine", "Middle East"),
    Country("IR", "IRN", 364, "Iran", "Middle East"),
    Country("RU", "RUS", 643, "Russia", "Europe"),
    Country("US", "USA", 840, "United States", "North America"),
)}

# Places carry a country name (GeoNames spelling), not a code; these are the spellings we may meet.
_COUNTRY_NAMES: dict[str, str] = {
    "syria": "SY", "syrian arab republic": "SY", "iraq": "IQ", "lebanon": "LB", "turkey": "TR", "türkiye": "TR",
    "turkiye": "TR", "jordan": "JO", "israel": "IL", "palestinian territory": "PS", "palestine": "PS",
    "state of palestine": "PS", "iran": "IR", "islamic republic of iran": "IR", "russia": "RU",
    "russian federation": "RU", "united states": "US", "united states of america": "US", "usa": "US",
}

# A killed figure introduced as part of another one in the same event: "..., including five children",
# "among them three women", "of whom ...". Matched on the text just before the figure.
_PART_BEFORE = re.compile(
    r"\b(?:including|among\s+(?:them|whom|those|the\s+dead|the\s+victims|the\s+killed)|of\s+(?:whom|them))\b"
    r"[\s\w-]{0,20}$",
    re.I,
)
# ... or just after it: "30 were killed, 12 of them children".
_PART_AFTER = re.compile(r"^\s*(?:of\s+(?:them|whom)|among\s+them)\b", re.I)


def country_for(name: str | None) -> Country | None:
    return COUNTRIES.get(_COUNTRY_NAMES.get((name or "").strip().casefold(), ""))


def event_id_cnty(event_id: str, country: str | None) -> str:
    """ISO3 + a number that depends only on the event id (see the module docstring)."""
    info = country_for(country)
    number = int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12], 16)
    return f"{info.iso3 if info else UNKNOWN_ISO3}{number}"


class ActorTypes:
    """Actor name -> ACLED ``inter`` code, read from ``actors.yml`` on the first lookup.

    One instance per export: nothing is read at import time, and nothing outlives the export.
    """

    def __init__(self, actors: Iterable[Mapping[str, Any]] | None = None) -> None:
        self._codes: dict[str, int] | None = None if actors is None else self._index(actors)

    @staticmethod
    def _index(actors: Iterable[Mapping[str, Any]]) -> dict[str, int]:
        return {str(a["name"]).casefold(): int(a["inter"]) for a in actors if a.get("inter") is not None}

    def inter(self, name: str | None) -> int | None:
        if not name:
            return None
        if self._codes is None:
            from claimscope.nlp.resources import load_actors

            self._codes = self._index(load_actors())
        return self._codes.get(name.casefold())


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def event_date(when: DateRange, published: str | None) -> tuple[date | None, int]:
    """(event_date, time_precision) as described in the module docstring."""
    start, end = parse_day(when.start), parse_day(when.end)
    if start is None:
        return parse_day(published), 3
    if end is None or end <= start:
        return start, 1
    return start, 2 if (end - start).days <= 31 else 3


def _is_part(count: Count, text: str) -> bool:
    if not count.span or not text:
        return False
    start, end = count.span
    return bool(_PART_BEFORE.search(text[max(0, start - 40):start]) or _PART_AFTER.match(text[end:end + 20]))


def _independent_killed(event: Event, text: str) -> list[Count]:
    """The event's killed figures, without those introduced as part of an earlier one."""
    killed = [c for c in event.counts if c.kind == "killed"]
    out: list[Count] = []
    for c in killed:
        # Only a part of something already counted is dropped: a lone "including 5" stays a figure.
        if out and _is_part(c, text):
            continue
        out.append(c)
    return out


def fatality_figures(event: Event, text: str = "") -> tuple[int, int | None, int | None]:
    """(fatalities, fatalities_low, fatalities_high) for one event; ``text`` is the article text the spans index."""
    killed = _independent_killed(event, text)
    lows = [c.low for c in killed if c.low is not None]
    low = sum(lows) if lows else None
    high = sum(c.high for c in killed if c.high is not None) if killed and all(
        c.high is not None for c in killed) else None
    if event.stance not in COUNTING_STANCES or event.aggregate:
        return 0, low, high
    total = 0
    for c in killed:
        value = c.low if c.low is not None else c.high if c.high is not None else c.estimate
        total += value or 0
    return total, low, high


def _squash(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def _coords(place: Place | None) -> tuple[float | None, float | None]:
    """(lat, lon) rounded to 5 decimals, or (None, None) when missing or not on the globe."""
    if place is None or place.lat is None or place.lon is None:
        return None, None
    lat, lon = float(place.lat), float(place.lon)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return round(lat, 5), round(lon, 5)


def _source_name(source: Source) -> str:
    return source.name or f"[{source.kind}]"


def claimed_by(sources: list[Source]) -> str | None:
    """Teller first, original last: the contract lists the original first, so the chain is reversed."""
    return " <- ".join(_source_name(s) for s in reversed(sources)) or None


def _timestamp(published: str | None) -> int:
    day = parse_day(published)
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()) if day else 0


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


def event_row(
    result: ArticleResult,
    event: Event,
    *,
    actor_types: ActorTypes,
    incidents: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """One event as a dict with every name in ``COLUMNS``, in order; values are str, int, float or None."""
    article, place = result.article, event.location
    country = country_for(place.country if place else None)
    day, time_precision = event_date(event.date, article.published)
    actors1 = _unique(a.name for a in event.actors if a.role == "actor1")
    actors2 = _unique(a.name for a in event.actors if a.role == "actor2")
    actor1, actor2 = (actors1[0] if actors1 else None), (actors2[0] if actors2 else None)
    inter1, inter2 = actor_types.inter(actor1), actor_types.inter(actor2)
    lat, lon = _coords(place)
    fatalities, low, high = fatality_figures(event, article.text)
    evidence = " | ".join(t for t in (_squash(c.text) for c in event.counts) if t)
    return {
        "event_id_cnty": event_id_cnty(event.id, place.country if place else None),
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": time_precision,
        "disorder_type": DISORDER_TYPES.get(event.event_type or ""),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": "; ".join(actors1[1:]) or None,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "; ".join(actors2[1:]) or None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == CIVILIANS_INTER else None,
        "iso": country.iso if country else None,
        "region": country.region if country else None,
        "country": country.name if country else (place.country if place else None),
        "admin1": place.admin1 if place else None,
        "admin2": None,
        "admin3": None,
        "location": place.name if place else None,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": GEO_PRECISION.get(place.precision) if place else None,
        "source": article.outlet,
        "source_scale": None,
        "notes": _squash(event.sentence),
        "fatalities": fatalities,
        "tags": "claimscope; aggregate" if event.aggregate else "claimscope",
        "timestamp": _timestamp(article.published),
        "fatalities_low": low,
        "fatalities_high": high,
        "claimed_by": claimed_by(event.claimed_by),
        "stance": event.stance,
        "article_ids": article.id,
        "evidence": evidence or None,
        "incident_id": incidents.get(event.id) if incidents else None,
    }


def iter_rows(
    results: Iterable[ArticleResult],
    *,
    incidents: Mapping[str, str] | None = None,
    actor_types: ActorTypes | None = None,
) -> Iterator[tuple[Event, dict[str, Any]]]:
    """Every event of every result with its row, lazily: one article in memory at a time."""
    types = actor_types or ActorTypes()
    for result in results:
        for event in result.events:
            yield event, event_row(result, event, actor_types=types, incidents=incidents)


def write(results: Iterable[ArticleResult], out: IO[Any], *, incidents: Mapping[str, str] | None = None) -> int:
    """Write the CSV (header + one row per event) to a text or binary stream; returns the number of rows."""
    writer = csv.writer(text_sink(out))
    writer.writerow(COLUMNS)
    n = 0
    for _, row in iter_rows(results, incidents=incidents):
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])
        n += 1
    return n
