"""Read a finished Doc into the contract's objects: the one place Doc extensions become ``model``."""

from __future__ import annotations

from spacy.tokens import Doc

from claimscope.model import Actor, Article, ArticleResult, Count, DateRange, Event, FramingSpan, Place, Source
from claimscope.nlp.mentions import CountMention, EventMention, PlaceMention


def read_doc(doc: Doc, article: Article) -> ArticleResult:
    text = doc.text
    events = [_event(e, i, article.id, doc, text) for i, e in enumerate(doc._.cs_events or [], start=1)]
    framing = [
        FramingSpan(f.technique, f.text, (f.start, f.end), f.neutral, f.note) for f in (doc._.cs_framing or [])
    ]
    return ArticleResult(article=article, events=events, framing=framing)


def _place(p: PlaceMention | None) -> Place | None:
    if p is None:
        return None
    r = p.record
    return Place(
        name=r["name"], country=r.get("country"), admin1=r.get("admin1"), lat=r.get("lat"), lon=r.get("lon"),
        geonameid=r.get("id"), precision=p.precision, text=p.text,
        span=(p.start, p.end) if p.end > p.start else None,  # a country inferred for a war toll has no words  # type: ignore[arg-type]
    )


def _count(c: CountMention) -> Count:
    return Count(
        kind=c.kind, low=c.low, high=c.high, text=c.text, span=(c.start, c.end), approx=c.approx,  # type: ignore[arg-type]
        vague=c.vague, victims=c.victims, what=c.what, estimate=c.estimate,
    )


def _event(e: EventMention, ordinal: int, article_id: str, doc: Doc, text: str) -> Event:
    sources = [Source(s.get("name"), s["kind"], s.get("text")) for s in e.sources] or [
        Source(doc._.cs_outlet, "outlet", None)
    ]
    date = DateRange(e.date.date_start, e.date.date_end, e.date.text) if e.date else DateRange()
    return Event(
        id=f"{article_id}#{ordinal}",
        sentence=text[e.start : e.end],
        span=(e.start, e.end),
        event_type=e.event_type,
        sub_event_type=e.sub_event_type,
        date=date,
        location=_place(e.place),
        actors=[Actor(role, m.name, m.text) for role, m in e.actors],  # type: ignore[arg-type]
        counts=[_count(c) for c in e.counts],
        claimed_by=sources,
        stance=e.stance,  # type: ignore[arg-type]
        aggregate=e.aggregate,
    )
