"""Full-text search on both databases: words found, operators typed by users are just words."""

import pytest

from claimscope.model import Article, ArticleResult
from claimscope.store import open_store
from claimscope.store.search import search_articles

ARTICLES = [
    ArticleResult(Article("a1", "Air strikes hit the market in Maarat al-Numan, killing 22 people.", title="Market hit",
                          outlet="Wire", published="2024-12-04")),
    ArticleResult(Article("a2", "Clashes continued in the northern Hama countryside on Tuesday.", title="Hama clashes",
                          outlet="Wire", published="2024-12-03")),
]


@pytest.fixture(scope="module")
def store(new_db_url):
    s = open_store(new_db_url())
    s.add(ARTICLES)
    yield s
    s.close()


@pytest.mark.parametrize(("query", "ids"), [("market", ["a1"]), ("Hama countryside", ["a2"]), ("clashes", ["a2"]),
                                            ("nothing here", [])])
def test_search_finds_articles(store, query: str, ids: list[str]) -> None:
    assert [h["id"] for h in search_articles(store, query)] == ids


@pytest.mark.parametrize("query", ['market" OR "hama', "NEAR(market hama)", "' OR 1=1 --", "*", '"', "ḩamāh"])
def test_hostile_queries_are_words(store, query: str) -> None:
    # operators are searched as words (none of which both articles hold), never as query syntax
    assert search_articles(store, query) == []


def test_snippets_mark_the_hit(store) -> None:
    [hit] = search_articles(store, "market")
    assert "<<" in hit["snippet"] and ">>" in hit["snippet"]
