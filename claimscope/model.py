"""Plain objects passed between stages, and their contract JSON (schema ``claimscope/1``).

Every stage speaks these types; ``to_dict`` is the only place the contract's JSON shape is written,
so the CLI, the store and the REST API cannot drift apart.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "claimscope/1"

CountKind = Literal["killed", "injured", "casualties", "captured", "displaced", "destroyed"]
SourceKind = Literal["official", "military", "monitor", "media", "unnamed", "outlet", "witness", "other"]
Stance = Literal["asserted", "denied", "disputed", "hedged"]
Precision = Literal["point", "city", "admin2", "admin1", "country", "region"]

COUNT_KINDS: tuple[str, ...] = ("killed", "injured", "casualties", "captured", "displaced", "destroyed")
SOURCE_KINDS: tuple[str, ...] = ("official", "military", "monitor", "media", "unnamed", "outlet", "witness", "other")
STANCES: tuple[str, ...] = ("asserted", "denied", "disputed", "hedged")

Span = tuple[int, int]


@dataclass
class Article:
    """One article as ingested: ``text`` is what every span indexes into."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    byline: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "byline": self.byline,
            "url": self.url,
            "text": self.text,
        }


@dataclass
class Rejection:
    """An input that could not become an Article, with the reason the user sees."""

    origin: str  # file path, "path:line", or "<stdin>"
    reason: str


@dataclass
class DateRange:
    start: str | None = None
    end: str | None = None
    text: str | None = None


@dataclass
class Place:
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: Precision
    text: str  # as written, e.g. "the countryside of the city of Hama"
    span: Span | None = None


@dataclass
class Actor:
    role: Literal["actor1", "actor2"]
    name: str
    text: str


@dataclass
class Source:
    name: str | None
    kind: SourceKind
    text: str | None = None


@dataclass
class Count:
    kind: CountKind
    low: int | None
    high: int | None
    text: str
    span: Span | None
    approx: bool = False
    vague: str | None = None
    victims: str | None = None
    what: str | None = None
    estimate: int | None = None  # conservative numeric reading of a vague amount


@dataclass
class Event:
    id: str
    sentence: str
    span: Span | None
    event_type: str | None
    sub_event_type: str | None
    date: DateRange
    location: Place | None
    actors: list[Actor]
    counts: list[Count]
    claimed_by: list[Source]
    stance: Stance = "asserted"
    aggregate: bool = False


@dataclass
class FramingSpan:
    technique: str
    text: str
    span: Span
    neutral: str | None = None
    note: str | None = None


@dataclass
class ArticleResult:
    article: Article
    events: list[Event] = field(default_factory=list)
    framing: list[FramingSpan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "article": self.article.to_dict(),
            "events": [_event_dict(e) for e in self.events],
            "framing": [_framing_dict(f) for f in self.framing],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleResult:
        """Rebuild a result from its contract JSON (the store keeps that JSON)."""
        a = data["article"]
        article = Article(**{k: a.get(k) for k in ("id", "text", "title", "outlet", "published", "byline", "url")})
        events = [_event_from_dict(e) for e in data.get("events", [])]
        framing = [
            FramingSpan(f["technique"], f["text"], _span(f["span"]), f.get("neutral"), f.get("note"))
            for f in data.get("framing", [])
        ]
        return cls(article, events, framing)


def _span(value: Any) -> Span | None:
    return (int(value[0]), int(value[1])) if value else None


def _place_dict(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "name": p.name,
        "admin1": p.admin1,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "geonameid": p.geonameid,
        "precision": p.precision,
        "text": p.text,
    }


def _count_dict(c: Count) -> dict[str, Any]:
    d: dict[str, Any] = {
        "kind": c.kind,
        "low": c.low,
        "high": c.high,
        "approx": c.approx,
        "vague": c.vague,
        "victims": c.victims,
        "what": c.what,
        "text": c.text,
        "span": list(c.span) if c.span else None,
    }
    if c.estimate is not None:
        d["estimate"] = c.estimate
    return d


def _event_dict(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "sentence": e.sentence,
        "span": list(e.span) if e.span else None,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "date": asdict(e.date),
        "location": _place_dict(e.location),
        "actors": [asdict(a) for a in e.actors],
        "counts": [_count_dict(c) for c in e.counts],
        "claimed_by": [asdict(s) for s in e.claimed_by],
        "stance": e.stance,
        "aggregate": e.aggregate,
    }


def _framing_dict(f: FramingSpan) -> dict[str, Any]:
    return {"technique": f.technique, "text": f.text, "span": list(f.span), "neutral": f.neutral, "note": f.note}


def _event_from_dict(e: dict[str, Any]) -> Event:
    loc = e.get("location")
    place = None
    if loc:
        place = Place(
            loc["name"], loc.get("country"), loc.get("admin1"), loc.get("lat"), loc.get("lon"),
            loc.get("geonameid"), loc.get("precision", "city"), loc.get("text", ""),
        )
    counts = [
        Count(
            c["kind"], c.get("low"), c.get("high"), c.get("text", ""), _span(c.get("span")),
            c.get("approx", False), c.get("vague"), c.get("victims"), c.get("what"), c.get("estimate"),
        )
        for c in e.get("counts", [])
    ]
    return Event(
        id=e["id"],
        sentence=e.get("sentence", ""),
        span=_span(e.get("span")),
        event_type=e.get("event_type"),
        sub_event_type=e.get("sub_event_type"),
        date=DateRange(**(e.get("date") or {})),
        location=place,
        actors=[Actor(**a) for a in e.get("actors", [])],
        counts=counts,
        claimed_by=[Source(**s) for s in e.get("claimed_by", [])],
        stance=e.get("stance", "asserted"),
        aggregate=e.get("aggregate", False),
    )
