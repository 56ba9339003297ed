"""claimscope: a ledger of sourced, geocoded claims from conflict news.

    >>> import claimscope
    >>> result = claimscope.extract(text, outlet="Reuters", published="2024-12-04")
    >>> claimscope.open("claimscope.db").claims(kind="killed", as_frame=True)
"""

from claimscope.api import Claim, Ledger, extract, open
from claimscope.model import Article, ArticleResult
from claimscope.pipeline import Extractor, build_nlp

__version__ = "0.1.0"
__all__ = ["Article", "ArticleResult", "Claim", "Extractor", "Ledger", "__version__", "build_nlp", "extract", "open"]
