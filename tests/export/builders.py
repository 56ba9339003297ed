"""Small, explicit ArticleResults for the export tests: every value a test checks is visible here."""

from __future__ import annotations

from claimscope.model import Actor, Article, ArticleResult, Count, DateRange, Event, Place, Source

HAMA = Place("Hama", "Syria", "Hama", 35.13179, 36.75783, 170017, "city", "the city of Hama")
MAARAT = Place("Maarat al-Numan", "Syria", "Idlib", 35.6483, 36.67693, 169897, "city", "Maarat al-Numan")
IDLIB_GOV = Place("Idlib", "Syria", "Idlib", 35.93062, 36.63393, None, "admin1", "the Idlib countryside")
SYRIA = Place("Syria", "Syria", None, 33.5102, 36.29128, 163843, "country", "Syria")

DAY = DateRange("2024-12-04", "2024-12-04", "on Wednesday")
WEEK = DateRange("2024-11-27", "2024-12-04", "over the past week")


def count(kind: str = "killed", low: int | None = None, high: int | None = None, *, text: str = "",
          span: tuple[int, int] | None = None, vague: str | None = None, estimate: int | None = None) -> Count:
    return Count(kind, low, high, text or f"{low or high or vague} {kind}", span, vague=vague, estimate=estimate)


def event(eid: str, *, counts: list[Count] | None = None, place: Place | None = HAMA, date: DateRange = DAY,
          actors: list[tuple[str, str]] | None = None, sources: list[Source] | None = None,
          stance: str = "asserted", aggregate: bool = False, event_type: str | None = "Battles",
          sub_event_type: str | None = "Armed clash", sentence: str = "A sentence.") -> Event:
    return Event(
        id=eid, sentence=sentence, span=None, event_type=event_type, sub_event_type=sub_event_type, date=date,
        location=place, actors=[Actor(role, name, name) for role, name in (actors or [])],
        counts=counts or [], claimed_by=sources or [Source("Levant Wire", "outlet")],
        stance=stance, aggregate=aggregate,
    )


def result(events: list[Event], *, aid: str = "a1", text: str = "Body.", outlet: str | None = "Levant Wire",
           published: str | None = "2024-12-05") -> ArticleResult:
    return ArticleResult(Article(aid, text, "Title", outlet, published), events)


NESTED_TEXT = "At least 22 people were killed, including five children, and 40 injured, the Observatory said."
TWO_GROUPS_TEXT = "Around 300 fighters and 40 soldiers have been killed in clashes north of Hama."


def spanned(text: str, quote: str, kind: str, low: int | None, high: int | None) -> Count:
    start = text.index(quote)
    return count(kind, low, high, text=quote, span=(start, start + len(quote)))


def sample_results() -> list[ArticleResult]:
    """Two articles, five events: placed and unplaced, several stances, a chain of sources, nested figures."""
    return [
        result(
            [
                event(
                    "a1#1", sentence=NESTED_TEXT, event_type="Explosions/Remote violence",
                    sub_event_type="Air/drone strike", place=MAARAT,
                    actors=[("actor1", "Military Forces of Syria"), ("actor2", "Civilians (Syria)")],
                    counts=[spanned(NESTED_TEXT, "At least 22 people were killed", "killed", 22, None),
                            spanned(NESTED_TEXT, "five children", "killed", 5, 5),
                            spanned(NESTED_TEXT, "40 injured", "injured", 40, 40)],
                    sources=[Source("Syrian Observatory for Human Rights", "monitor")],
                ),
                event("a1#2", place=None, counts=[count("killed", 31, 31)], stance="denied"),
            ],
            aid="a1", text=NESTED_TEXT,
        ),
        result(
            [
                event(
                    "a2#1", sentence=TWO_GROUPS_TEXT, place=HAMA, date=WEEK,
                    actors=[("actor1", "Hayat Tahrir al-Sham"), ("actor2", "Military Forces of Syria")],
                    counts=[spanned(TWO_GROUPS_TEXT, "Around 300 fighters and 40 soldiers have been killed",
                                    "killed", 300, 300),
                            spanned(TWO_GROUPS_TEXT, "40 soldiers have been killed", "killed", 40, 40)],
                    sources=[Source("Syrian Observatory for Human Rights", "monitor"), Source("Gulf Daily", "media")],
                ),
                event("a2#2", place=IDLIB_GOV, counts=[count("killed", vague="dozens", estimate=24)]),
                event("a2#3", place=SYRIA, date=DateRange("2011-01-01", "2024-12-04", "since 2011"),
                      counts=[count("killed", 500000, None)], aggregate=True),
            ],
            aid="a2", text=TWO_GROUPS_TEXT, outlet="Gulf Daily", published="2024-12-04",
        ),
    ]
