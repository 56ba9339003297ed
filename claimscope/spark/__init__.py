"""claimscope on Apache Spark: the same pipeline and contract, over DataFrames too large for one machine.

    from claimscope.spark import extract
    articles, events, claims = extract(spark.read.json("articles.jsonl"))

Needs the ``spark`` extra (``pip install 'claimscope[spark]'``). Each Python worker builds the spaCy
pipeline once and reuses it for every batch it is given.
"""

from claimscope.spark.extract import ARTICLE_SCHEMA, CLAIM_SCHEMA, EVENT_SCHEMA, extract

__all__ = ["ARTICLE_SCHEMA", "CLAIM_SCHEMA", "EVENT_SCHEMA", "extract"]
