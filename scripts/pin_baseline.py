"""Pin the test split's scores as the quality gate's baseline (``data/gold/baseline.json``).

Run after an extraction change that raises the scores, or after the gold set grows:

    .venv/bin/python scripts/pin_baseline.py
"""

from __future__ import annotations

import json
from pathlib import Path

from claimscope.eval import evaluate_file

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "fakes-gold.jsonl"
BASELINE = ROOT / "data" / "gold" / "baseline.json"

if __name__ == "__main__":
    report = evaluate_file(GOLD, split="test")
    BASELINE.write_text(json.dumps({"split": "test", "scores": report.scores()}, indent=2) + "\n")
    print(json.dumps(report.scores(), indent=2))
