"""claimscope: a ledger of sourced, geocoded claims from conflict news.

    >>> from claimscope import Extractor, Article
    >>> result = Extractor().extract_one(Article(id="a1", text="...", outlet="Reuters", published="2024-12-04"))
"""

from claimscope.model import Article, ArticleResult
from claimscope.pipeline import Extractor, build_nlp

__version__ = "0.1.0"
__all__ = ["Article", "ArticleResult", "Extractor", "__version__", "build_nlp"]
