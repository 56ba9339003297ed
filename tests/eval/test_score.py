"""The scorer: matching by kind and amount, and each field judged only on matched figures."""

from claimscope.eval.gold import GoldArticle
from claimscope.eval.score import same_source, score
from claimscope.model import Article, ArticleResult, Count, DateRange, Event, Place, Source

TEXT = "At least 27 people were killed in Ariha on Monday, activists said. Four were wounded."


def gold(**over) -> GoldArticle:
    fig = {"kind": "killed", "low": 27, "high": None, "quote": "At least 27 people were killed",
           "claimed_by": {"name": "activists", "kind": "unnamed"}, "stance": "asserted",
           "location": {"name": "Ariha", "lat": 35.81, "lon": 36.61}, "date": {"start": "2015-08-03"},
           "event_type": "Explosions/Remote violence"}
    fig.update(over)
    return GoldArticle(Article("a", TEXT), "dev", [fig])


def predicted(low=27, high=None, source=("activists", "unnamed"), lat=35.80, date="2015-08-03") -> ArticleResult:
    count = Count("killed", low, high, "At least 27 people were killed", (0, 30))
    event = Event("a#1", TEXT, (0, 10), "Explosions/Remote violence", "Air/drone strike", DateRange(date, date),
                  Place("Ariha", "Syria", "Idlib", lat, 36.6, 1, "city", "Ariha"), [], [count],
                  [Source(*source)])
    return ArticleResult(Article("a", TEXT), [event])


def test_perfect_prediction_scores_one() -> None:
    report = score([gold()], [predicted()])
    assert (report.precision, report.recall) == (1.0, 1.0)
    assert all(t.value == 1.0 for t in report.fields.values() if t.total)


def test_wrong_amount_is_a_miss_and_a_false_alarm() -> None:
    report = score([gold()], [predicted(low=27, high=27)])
    assert (report.tp, report.fp, report.fn) == (0, 1, 1)


def test_place_beyond_50_km_is_wrong() -> None:
    report = score([gold()], [predicted(lat=36.5)])
    assert report.fields["place_50km"].value == 0.0


def test_wrong_source_and_date() -> None:
    report = score([gold()], [predicted(source=("PressTV", "outlet"), date="2015-08-04")])
    assert report.fields["attribution"].value == 0.0 and report.fields["date"].value == 0.0


def test_restated_figure_counts_once() -> None:
    result = predicted()
    result.events.append(result.events[0])
    report = score([gold()], [result])
    assert (report.tp, report.fp) == (1, 0)


def test_source_names_match_loosely_but_not_across_kinds() -> None:
    assert same_source({"name": "the Syrian Observatory", "kind": "monitor"},
                       {"name": "Syrian Observatory for Human Rights", "kind": "monitor"})
    assert same_source({"name": None, "kind": "outlet"}, {"name": "Reuters", "kind": "outlet"})
    assert not same_source({"name": "activists", "kind": "unnamed"}, {"name": "PressTV", "kind": "outlet"})


def test_source_aliases_are_one_source() -> None:
    aliases = {"fna": "Fars News Agency", "fars news agency": "Fars News Agency"}
    assert same_source({"name": "FNA", "kind": "media"}, {"name": "Fars News Agency", "kind": "media"}, aliases)
    assert not same_source({"name": "FNA", "kind": "media"}, {"name": "Reuters", "kind": "media"}, aliases)
