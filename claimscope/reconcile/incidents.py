"""Grouping events from different articles into incidents.

Two events are one incident when they are close in place (distance allowed by the coarser precision),
close in time (date ranges overlap, allowing for reporting lag), compatible in type, and either say the
same thing (sentence embeddings) or give the same figure. Incremental: events are added one article at a
time, each joins the incident it matches best or opens a new one; the same events in the same order
always give the same incidents.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from claimscope.model import ArticleResult, Event
from claimscope.values import distance_km, parse_day

# How far apart two places may be and still be one incident, by the coarser of the two precisions.
RADIUS_KM = {"point": 15.0, "city": 25.0, "admin2": 50.0, "region": 60.0, "admin1": 120.0, "country": math.inf}
SAME_SPOT_KM = 10.0
LAG_DAYS = 5  # reports trail events: "on Monday" in Wednesday's paper; an undated report looks back this far
SIMILAR = 0.55  # cosine of sentence embeddings above which two reports say the same thing
SIMILAR_KIND = 0.25  # ... enough when both report the same kind of attack at the same spot
RARE = {"Chemical weapon", "Suicide bomb"}
RARE_DAYS = 7
BROAD_DAYS = 7  # a dated range longer than a week ("in July", "since April") says little about which day
DATE_SLACK = 1  # days: a report's date read one day off still meets the same report read right
CONTINUES = 0.3  # evidence of an article's next event at the same spot and time
BLOCK_DAYS = 31  # candidates are only looked for within a month either side


@dataclass
class EventRef:
    """What grouping needs to know about one event: plain values, no spaCy, no database."""

    event_id: str
    article_id: str
    outlet: str | None
    start: date | None
    end: date | None
    published: date | None
    lat: float | None
    lon: float | None
    precision: str | None
    admin1: str | None
    country: str | None
    event_type: str | None
    sub_event_type: str | None
    figures: frozenset[tuple[str, int]]  # (kind, number) for exact and bounded figures
    sentence: str
    vector: Sequence[float] | None = None
    ordinal: int | None = None  # the event's place in its article: the next sentence often goes on about it

    def window(self) -> tuple[date, date] | None:
        if self.start:
            # a dated report is taken at its word: a city bombed daily has an incident a day
            return self.start, self.end or self.start
        if self.published:
            return self.published - timedelta(days=LAG_DAYS + 1), self.published
        return None


@dataclass
class Incident:
    id: str
    members: list[EventRef] = field(default_factory=list)

    @property
    def articles(self) -> set[str]:
        return {m.article_id for m in self.members}


def refs_of(result: ArticleResult) -> list[EventRef]:
    """The events of one article that can belong to an incident (cumulative tolls cannot)."""
    a = result.article
    published = parse_day(a.published)
    out = []
    for e in result.events:
        if e.aggregate:
            continue
        out.append(_ref(e, a.id, a.outlet, published))
    return out


def _ref(e: Event, article_id: str, outlet: str | None, published: date | None) -> EventRef:
    loc = e.location
    figures = frozenset((c.kind, v) for c in e.counts for v in {c.low, c.high} if v is not None)
    return EventRef(
        event_id=e.id, article_id=article_id, outlet=outlet, start=parse_day(e.date.start), end=parse_day(e.date.end),
        published=published, lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        precision=loc.precision if loc else None, admin1=loc.admin1 if loc else None,
        country=loc.country if loc else None, event_type=e.event_type, sub_event_type=e.sub_event_type,
        figures=figures, sentence=e.sentence, ordinal=event_ordinal(e.id),
    )


def event_ordinal(event_id: str) -> int | None:
    _, _, n = event_id.rpartition("#")
    return int(n) if n.isdigit() else None


def km(a: EventRef, b: EventRef) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _coarse(a: EventRef, b: EventRef) -> str:
    order = list(RADIUS_KM)
    return max(a.precision or "country", b.precision or "country", key=order.index)


def near(a: EventRef, b: EventRef) -> bool:
    """Within the distance the coarser precision allows; one governorate named twice is near itself."""
    if a.country and b.country and a.country != b.country:
        return False
    precision = _coarse(a, b)
    d = km(a, b)
    if precision in ("admin1", "region") and a.admin1 and b.admin1:
        # "northern Hama" is anywhere in Hama governorate, but not in Idlib 40 km from Hama city;
        # Damascus and the Ghouta around it are two governorates a few km apart.
        return a.admin1 == b.admin1 or (d is not None and d <= RADIUS_KM["admin2"])
    return d is None or d <= RADIUS_KM[precision]


def overlap(a: EventRef, b: EventRef, slack: int = 0) -> bool:
    wa, wb = a.window(), b.window()
    if wa is None or wb is None:
        return True
    if a.sub_event_type in RARE and a.sub_event_type == b.sub_event_type:
        # a chemical attack or a suicide bombing is rare enough that reports days apart are of one attack
        wa, wb = (wa[0] - timedelta(days=RARE_DAYS), wa[1]), (wb[0] - timedelta(days=RARE_DAYS), wb[1])
    pad = timedelta(days=slack)
    return wa[0] - pad <= wb[1] and wb[0] - pad <= wa[1]


def compatible_types(a: EventRef, b: EventRef) -> bool:
    """Outlets type one strike differently ("air raid" vs "shelling"), but a protest is no battle."""
    kinds = {a.event_type, b.event_type} - {None}
    violent = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    return len(kinds) <= 1 or kinds <= violent


def cosine(u: Sequence[float] | None, v: Sequence[float] | None) -> float:
    if u is None or v is None:
        return 0.0
    return float(sum(x * y for x, y in zip(u, v, strict=True)))  # vectors are normalised


def same_incident(a: EventRef, b: EventRef) -> float:
    """How strongly two events are one incident: 0 when they cannot be, else the evidence for it.

    Time and place must allow it; then the reports must agree on what happened: the same kind of attack
    (ACLED sub-event type), the same figure, or the same wording (sentence embeddings).
    """
    on_time = overlap(a, b)
    if not ((on_time or overlap(a, b, slack=DATE_SLACK)) and near(a, b) and compatible_types(a, b)):
        return 0.0
    sim = cosine(a.vector, b.vector)
    shared = bool(a.figures & b.figures)
    if not on_time and not shared:
        return 0.0  # a day off: "on Wednesday" read against the wrong day; only a close match bridges it
    if (_broad(a) or _broad(b)) and not (shared or sim >= SIMILAR):
        return 0.0  # "in July" overlaps every strike of July: only the same figure or wording ties it to one
    same_kind = a.sub_event_type is not None and a.sub_event_type == b.sub_event_type
    d = km(a, b)
    # Two towns 20 km apart struck the same day are usually two strikes: the same kind of attack is
    # evidence only within one settlement (or when one report is no more precise than a governorate).
    same_spot = d is None or d <= SAME_SPOT_KM or _coarse(a, b) not in ("point", "city")
    if not same_spot and not shared:
        return 0.0  # two named towns apart: only the same figure says the reports are of one strike
    if not ((same_kind and sim >= SIMILAR_KIND) or shared or sim >= SIMILAR):
        # "21 fighters were killed in clashes ... Another 30 were injured": one article's next event at the
        # same spot and time goes on about the same incident unless its wording moves elsewhere.
        return CONTINUES if _next_in_article(a, b) and (d is None or d <= SAME_SPOT_KM) else 0.0
    return sim + 0.5 * shared + 0.25 * same_kind


def _broad(ref: EventRef) -> bool:
    return ref.start is not None and ref.end is not None and (ref.end - ref.start).days > BROAD_DAYS


def _next_in_article(a: EventRef, b: EventRef) -> bool:
    return (a.article_id == b.article_id and a.ordinal is not None and b.ordinal is not None
            and abs(a.ordinal - b.ordinal) == 1)


def incident_id(first_event_id: str) -> str:
    return "inc-" + hashlib.sha1(first_event_id.encode()).hexdigest()[:12]


class Grouper:
    """Incidents so far; ``add`` places new events. ``embed`` turns sentences into normalised vectors."""

    def __init__(self, embed: Callable[[list[str]], list[Sequence[float]]] | None = None) -> None:
        self.embed = embed
        self.incidents: dict[str, Incident] = {}
        self._by_event: dict[str, str] = {}

    def load(self, incidents: Iterable[Incident]) -> None:
        for inc in incidents:
            self.incidents[inc.id] = inc
            for m in inc.members:
                self._by_event[m.event_id] = inc.id

    def incident_of(self, event_id: str) -> str | None:
        return self._by_event.get(event_id)

    def add(self, refs: list[EventRef]) -> dict[str, str]:
        """Assign each event to an incident; returns event id -> incident id for the new events."""
        fresh = [r for r in refs if r.event_id not in self._by_event]
        if self.embed is not None:
            missing = [r for r in fresh if r.vector is None]
            for r, v in zip(missing, self.embed([r.sentence for r in missing]), strict=True):
                r.vector = v
        out = {}
        for ref in fresh:
            best, best_score = None, 0.0
            for inc in self._candidates(ref):
                # Evidence from the closest report, but the place must suit every report already in the
                # incident: otherwise towns 20 km apart chain one strike onto the next.
                if not all(near(ref, m) for m in inc.members):
                    continue
                score = max(same_incident(ref, m) for m in inc.members)
                if score > best_score:
                    best, best_score = inc, score
            if best is None:
                best = Incident(incident_id(ref.event_id))
                self.incidents[best.id] = best
            best.members.append(ref)
            self._by_event[ref.event_id] = best.id
            out[ref.event_id] = best.id
        return out

    def _candidates(self, ref: EventRef) -> list[Incident]:
        """Incidents with a member within a month of this event (sorted for a stable outcome)."""
        day = ref.start or ref.published
        cands = []
        for inc in self.incidents.values():
            for m in inc.members:
                other = m.start or m.published
                if day is None or other is None or abs((day - other).days) <= BLOCK_DAYS:
                    cands.append(inc)
                    break
        return sorted(cands, key=lambda i: i.id)
