"""The quality gate: the test split's scores may not fall below the pinned baseline.

A change that lowers a score fails here; one that raises it should re-pin with scripts/pin_baseline.py.
"""

import json

import pytest

from claimscope.eval import evaluate_file
from scripts.pin_baseline import BASELINE, GOLD

PINNED = json.loads(BASELINE.read_text())["scores"]
# 63 test articles: one figure more or less moves a score by about 0.003; a real regression moves it more
TOLERANCE = 0.01


@pytest.fixture(scope="module")
def scores(extractor) -> dict:
    return {name: evaluate_file(path, split="test", extractor=extractor).scores() for name, path in GOLD.items()}


@pytest.mark.parametrize(("gold", "field"), [(g, f) for g in sorted(PINNED) for f in sorted(PINNED[g])])
def test_score_not_below_baseline(scores: dict, gold: str, field: str) -> None:
    pinned = PINNED[gold][field]
    if pinned is None:
        pytest.skip(f"{gold} {field}: nothing to score in the test split")
    assert scores[gold][field] >= pinned - TOLERANCE, f"{gold} {field} fell from {pinned} to {scores[gold][field]}"
