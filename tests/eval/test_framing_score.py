"""The framing scorer: partial overlap, technique-aware and technique-agnostic."""

from types import SimpleNamespace

import pytest

from claimscope.eval.framing import score_framing
from claimscope.model import FramingSpan


def run(gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]]) -> dict:
    row = {"spans": [{"start": s, "end": e, "technique": t} for s, e, t in gold]}
    result = SimpleNamespace(framing=[FramingSpan(t, "x", (s, e)) for s, e, t in pred])
    return score_framing([row], [result]).summary()


def test_exact_match_scores_one() -> None:
    s = run([(0, 10, "Doubt")], [(0, 10, "Doubt")])
    assert s["Doubt"]["f1"] == 1.0 and s["all spans (any technique)"]["f1"] == 1.0


def test_half_overlap_scores_half() -> None:
    s = run([(0, 10, "Doubt")], [(5, 10, "Doubt")])
    assert s["Doubt"]["precision"] == 1.0 and s["Doubt"]["recall"] == pytest.approx(0.5)


def test_wrong_technique_counts_only_without_techniques() -> None:
    s = run([(0, 10, "Doubt")], [(0, 10, "Loaded_Language")])
    assert s["Doubt"]["recall"] == 0.0 and s["all spans (any technique)"]["f1"] == 1.0
