import pytest
from spacy.language import Language

from claimscope.model import Article, ArticleResult
from claimscope.pipeline import Extractor, build_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_nlp()


@pytest.fixture(scope="session")
def read(nlp: Language):
    """Extract one text (published 2024-12-05, a Thursday) and return the contract result."""
    extractor = Extractor(nlp)

    def _read(text: str, outlet: str = "Test Outlet", published: str = "2024-12-05") -> ArticleResult:
        return extractor.extract_one(Article(id="t", text=text, outlet=outlet, published=published))

    return _read


def figures(result: ArticleResult) -> list[tuple]:
    return [(c.kind, c.low, c.high, c.approx, c.vague) for e in result.events for c in e.counts]
