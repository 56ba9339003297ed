"""Incidents, claims tables, independence and track records, on small explicit reports."""

from __future__ import annotations

from datetime import date

import pytest

from claimscope.model import Article, ArticleResult, Count, DateRange, Event, Place, Source
from claimscope.reconcile import Grouper, claims_table, refs_of, track_record
from claimscope.reconcile.incidents import EventRef, same_incident

MAARAT = ("Maarat al-Numan", 35.6483, 36.67693)
ARIHA = ("Ariha", 35.81, 36.61)
HAMA = ("Hama", 35.13179, 36.75783)


def event(eid: str, place: tuple, day: str | None, counts: list[Count], source: Source, *,
          stance: str = "asserted", sub: str = "Air/drone strike", sentence: str = "") -> Event:
    name, lat, lon = place
    return Event(eid, sentence or f"Air strikes hit {name}.", (0, 1), "Explosions/Remote violence", sub,
                 DateRange(day, day), Place(name, "Syria", "Idlib", lat, lon, None, "city", name), [], counts,
                 [source], stance)


def article(aid: str, outlet: str, events: list[Event], published: str = "2024-12-05") -> ArticleResult:
    return ArticleResult(Article(aid, "text", outlet=outlet, published=published), events)


def killed(n: int | None, *, high: int | None = -1, text: str = "killed") -> Count:
    return Count("killed", n, n if high == -1 else high, text, (0, 1))


SOHR = Source("Syrian Observatory for Human Rights", "monitor")
WIRE = article("wire", "Wire A", [event("wire#1", MAARAT, "2024-12-04", [killed(22, high=None), killed(5)], SOHR)])
COPY = article("copy", "Herald", [event("copy#1", MAARAT, "2024-12-04", [killed(22, high=None), killed(5)], SOHR)])
GULF = article("gulf", "Gulf Daily", [event("gulf#1", MAARAT, "2024-12-04", [killed(31)],
                                            Source("Syrian Civil Defence", "other"))])
STATE = article("state", "State News", [event("state#1", MAARAT, None, [killed(31)], Source("military source", "unnamed"),
                                              stance="denied")])
ARIHA_STRIKE = article("ariha", "Wire A", [event("ariha#1", ARIHA, "2024-12-04", [killed(3)], SOHR)])
HAMA_CLASH = article("hama", "Wire A", [event("hama#1", HAMA, "2024-11-28", [killed(40)], SOHR, sub="Armed clash")])
ALL = [WIRE, COPY, GULF, STATE, ARIHA_STRIKE, HAMA_CLASH]


def lexical(sentences: list[str]) -> list[list[float]]:
    """A stand-in embedder for unit tests: normalised hashed bag of words (the real model is tested below)."""
    import zlib

    out = []
    for s in sentences:
        v = [0.0] * 64
        for w in s.lower().split():
            v[zlib.crc32(w.encode()) % 64] += 1.0
        norm = sum(x * x for x in v) ** 0.5 or 1.0
        out.append([x / norm for x in v])
    return out


@pytest.fixture
def grouped() -> dict[str, str]:
    grouper = Grouper(lexical)
    placed: dict[str, str] = {}
    for result in ALL:
        placed.update(grouper.add(refs_of(result)))
    return placed


def test_reports_of_one_strike_are_one_incident(grouped) -> None:
    assert len({grouped[e] for e in ("wire#1", "copy#1", "gulf#1", "state#1")}) == 1


@pytest.mark.parametrize("other", ["ariha#1", "hama#1"])
def test_another_town_or_day_is_another_incident(grouped, other: str) -> None:
    assert grouped[other] != grouped["wire#1"]


def test_grouping_is_stable_and_incremental() -> None:
    first = Grouper(lexical)
    whole = {k: v for r in ALL for k, v in first.add(refs_of(r)).items()}
    again = Grouper(lexical)
    for r in ALL[:3]:
        again.add(refs_of(r))
    later = Grouper(lexical)
    later.load(again.incidents.values())
    for r in ALL[3:]:
        later.add(refs_of(r))
    assert {e: later.incident_of(e) for e in whole} == whole


def test_cumulative_tolls_join_no_incident() -> None:
    toll = event("toll#1", MAARAT, "2024-12-04", [killed(500000)], SOHR)
    toll.aggregate = True
    assert refs_of(article("toll", "Wire A", [toll])) == []


def test_claims_table_consensus_contradiction_and_independence() -> None:
    results = {r.article.id: r for r in (WIRE, COPY, GULF, STATE)}
    table = claims_table("inc", ["wire#1", "copy#1", "gulf#1", "state#1"], results, {"copy": "wire"})
    killed_summary = table.kinds["killed"]
    assert killed_summary.consensus == 22  # the lowest credible whole figure; the 5 children are a part
    assert (killed_summary.low, killed_summary.high) == (22, 31)
    # SOHR via two outlets is one source; the Civil Defence another; the denial is not counted
    assert killed_summary.independent_sources == 2
    assert "denied by military source" in killed_summary.contradiction
    assert [r.part for r in table.rows if r.value == 5] == [True, True]


def test_an_outlets_own_figure_copied_by_another_outlet_counts_once() -> None:
    own = Source(None, "outlet")
    wire = article("w", "Wire A", [event("w#1", MAARAT, "2024-12-04", [killed(22)], own)])
    copy = article("c", "Herald", [event("c#1", MAARAT, "2024-12-04", [killed(22)], own)])
    table = claims_table("inc", ["w#1", "c#1"], {"w": wire, "c": copy}, {"c": "w"})
    assert table.kinds["killed"].independent_sources == 1
    table = claims_table("inc", ["w#1", "c#1"], {"w": wire, "c": copy}, {})
    assert table.kinds["killed"].independent_sources == 2


def test_track_record() -> None:
    results = {r.article.id: r for r in (WIRE, COPY, GULF, STATE)}
    table = claims_table("inc", ["wire#1", "copy#1", "gulf#1", "state#1"], results, {"copy": "wire"})
    records = {(r.name, r.role): r for r in track_record([table])}
    assert records[("Syrian Civil Defence", "source")].above == 1
    assert records[("Syrian Observatory for Human Rights", "source")].at == 2
    assert records[("State News", "outlet")].denials == 1


def test_far_apart_in_time_is_never_one_incident() -> None:
    a = EventRef("a", "x", None, date(2024, 12, 4), None, None, 35.6, 36.6, "city", "Idlib", "Syria",
                 "Battles", "Armed clash", frozenset({("killed", 5)}), "s", [1.0])
    b = EventRef("b", "y", None, date(2024, 12, 20), None, None, 35.6, 36.6, "city", "Idlib", "Syria",
                 "Battles", "Armed clash", frozenset({("killed", 5)}), "s", [1.0])
    assert same_incident(a, b) == 0.0


def ref(eid: str, day: date, *, figures: frozenset = frozenset(), vector: list[float] | None = None,
        ordinal: int | None = None, article_id: str | None = None) -> EventRef:
    return EventRef(eid, article_id or eid, None, day, None, None, 35.6483, 36.67693, "city", "Idlib", "Syria",
                    "Battles", "Armed clash", figures, "s", vector or [1.0, 0.0], ordinal)


def test_an_articles_next_event_at_the_same_spot_continues_its_incident() -> None:
    first = ref("a#1", date(2024, 12, 4), vector=[1.0, 0.0], ordinal=1, article_id="a")
    following = ref("a#2", date(2024, 12, 4), vector=[0.0, 1.0], ordinal=2, article_id="a")
    later = ref("a#5", date(2024, 12, 4), vector=[0.0, 1.0], ordinal=5, article_id="a")
    other_article = ref("b#2", date(2024, 12, 4), vector=[0.0, 1.0], ordinal=2, article_id="b")
    assert same_incident(first, following) > 0
    assert same_incident(first, later) == 0.0  # unrelated wording further on: another incident
    assert same_incident(first, other_article) == 0.0


def test_a_date_one_day_off_is_bridged_only_by_the_same_figure() -> None:
    wed = ref("a", date(2024, 12, 4), figures=frozenset({("killed", 213)}), vector=[1.0, 0.0])
    thu_same = ref("b", date(2024, 12, 5), figures=frozenset({("killed", 213)}), vector=[0.0, 1.0])
    thu_alike = ref("c", date(2024, 12, 5), vector=[1.0, 0.0])
    assert same_incident(wed, thu_same) > 0
    assert same_incident(wed, thu_alike) == 0.0  # alike wording a day apart: a city struck daily


def test_a_month_long_date_joins_only_on_the_same_figure_or_wording() -> None:
    july = ref("a", date(2024, 7, 1), vector=[1.0, 0.0])
    july.end = date(2024, 7, 31)
    strike = ref("b", date(2024, 7, 12), vector=[0.0, 1.0])
    same_toll = ref("c", date(2024, 7, 12), figures=frozenset({("killed", 16)}), vector=[0.0, 1.0])
    july.figures = frozenset({("killed", 16)})
    assert same_incident(july, strike) == 0.0
    assert same_incident(july, same_toll) > 0
