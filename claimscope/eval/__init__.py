"""Scoring extraction against hand-annotated gold files (``claimscope eval``)."""

from claimscope.eval.score import Report, evaluate_file, score

__all__ = ["Report", "evaluate_file", "score"]
