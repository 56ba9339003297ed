"""The incident-grouping scorer: pairwise and B-cubed over events matched to gold mentions."""

from claimscope.eval.incidents import score_grouping
from claimscope.model import Article, ArticleResult, Count, DateRange, Event, Source

TEXT = "Strikes killed 5 in Bab. Shells killed 7 in Hamra. Later 9 died in Kafr."


def event(eid: str, sentence: str, figure: str) -> Event:
    start = TEXT.find(figure)
    return Event(eid, sentence, None, None, None, DateRange(), None, [],
                 [Count("killed", 1, 1, figure, (start, start + len(figure)))], [Source(None, "outlet")])


def results(_articles):
    return [ArticleResult(Article("a", TEXT), [
        event("a#1", "Strikes killed 5 in Bab.", "killed 5"),
        event("a#2", "Shells killed 7 in Hamra.", "killed 7"),
        event("a#3", "Later 9 died in Kafr.", "9 died"),
    ])]


GROUP = {"articles": ["a"], "incidents": [
    {"id": "i1", "mentions": [{"article": "a", "quote": "killed 5"}, {"article": "a", "quote": "killed 7"}]},
    {"id": "i2", "mentions": [{"article": "a", "quote": "9 died"}]},
]}


def test_perfect_grouping() -> None:
    report = score_grouping([GROUP], {"a": Article("a", TEXT)}, results,
                            lambda rs: {"a#1": "x", "a#2": "x", "a#3": "y"})
    s = report.summary()
    assert (s["pairwise_precision"], s["pairwise_recall"], s["bcubed_precision"], s["bcubed_recall"]) == (1, 1, 1, 1)


def test_everything_in_one_incident_loses_precision_not_recall() -> None:
    report = score_grouping([GROUP], {"a": Article("a", TEXT)}, results, lambda rs: dict.fromkeys(("a#1", "a#2", "a#3"), "x"))
    s = report.summary()
    assert s["pairwise_recall"] == 1.0 and s["pairwise_precision"] < 0.5
