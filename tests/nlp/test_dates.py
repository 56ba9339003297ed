from datetime import date

import pytest

from claimscope.nlp.dates import find_dates

PUBLISHED = date(2024, 12, 5)  # a Thursday


@pytest.mark.parametrize(
    ("text", "start", "end", "aggregate"),
    [
        ("killed on Wednesday", "2024-12-04", "2024-12-04", False),
        ("killed on Thursday", "2024-12-05", "2024-12-05", False),
        ("killed last Thursday", "2024-11-28", "2024-11-28", False),
        ("killed on Monday night", "2024-12-02", "2024-12-02", False),
        ("killed yesterday", "2024-12-04", "2024-12-04", False),
        ("killed over the past week", "2024-11-28", "2024-12-05", False),
        ("killed in the past 48 hours", "2024-12-03", "2024-12-05", False),
        ("earlier this week", "2024-12-02", "2024-12-05", False),
        ("killed since 2011", "2011-01-01", "2024-12-05", True),
        ("since the start of the conflict", "2011-03-15", "2024-12-05", True),
        ("on 3 August 2015", "2015-08-03", "2015-08-03", False),
        ("on August 3, 2015", "2015-08-03", "2015-08-03", False),
        ("on 30 November", "2024-11-30", "2024-11-30", False),
        ("on December 20", "2023-12-20", "2023-12-20", False),  # a future day without a year is last year's
    ],
)
def test_dates_resolve_against_publication(text: str, start: str, end: str, aggregate: bool) -> None:
    found = find_dates(text, PUBLISHED)
    assert len(found) == 1
    _, _, _, s, e, agg = found[0]
    assert (s, e, agg) == (start, end, aggregate)


def test_relative_date_without_publication_date_is_unresolved() -> None:
    (_, _, text, s, e, _), = find_dates("killed on Wednesday", None)
    assert text == "on Wednesday" and s is None and e is None


@pytest.mark.parametrize(
    ("text", "start", "end", "aggregate"),
    [
        ("the uprising began in March 2011", "2011-03-01", "2011-03-31", False),
        ("killed since March 2011", "2011-03-01", "2024-12-05", True),
        ("in February 2024", "2024-02-01", "2024-02-29", False),
    ],
)
def test_month_and_year(text: str, start: str, end: str, aggregate: bool) -> None:
    (_, _, _, s, e, agg), = find_dates(text, PUBLISHED)
    assert (s, e, agg) == (start, end, aggregate)


def test_a_war_that_began_in_a_year_dates_its_toll_from_that_year(read) -> None:
    result = read("Syrias civil war which began with protests in 2011 has killed more than 280000 people.")
    assert [(e.date.start, e.date.end) for e in result.events] == [("2011-01-01", "2024-12-05")]


def test_a_year_named_earlier_does_not_date_the_next_incident(read) -> None:
    text = ("The uprising began in 2011. On Monday a barrel bomb killed eight people in Aleppo. "
            "Two children were also killed.")
    assert [e.date.start for e in read(text).events] == ["2024-12-02", "2024-12-02"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("In July a suicide bomb killed at least 16 people in Hasaka.", "2024-07-01", "2024-07-31"),
        ("More than 300 civilians have been killed in Aleppo since April.", "2024-04-01", "2024-12-05"),
        ("Since Saturday at least 68 civilians have been killed in Al Bab.", "2024-11-30", "2024-12-05"),
        ("Air strikes killed 45 people in 24 hours of bombardment.", "2024-12-04", "2024-12-05"),
        ("Rocket fire overnight killed three people in Aleppo.", "2024-12-04", "2024-12-05"),
        ("In December a barrel bomb killed 12 people in Idlib.", "2024-12-01", "2024-12-05"),
    ],
)
def test_months_and_spans_before_publication(read, text: str, start: str, end: str) -> None:
    assert [(e.date.start, e.date.end) for e in read(text).events] == [(start, end)]


def test_may_the_verb_is_no_month(read) -> None:
    assert [e.date.start for e in read("In the attack 47 may have died in Aleppo.").events] == [None]
