"""Pin the test split's scores as the quality gate's baseline (``data/gold/baseline.json``).

Run after an extraction change that raises the scores (each pinned score only moves up), or with
``--reset`` after the gold set itself changes:

    .venv/bin/python scripts/pin_baseline.py [--reset]
"""

from __future__ import annotations

import json
from pathlib import Path

from claimscope.eval import evaluate_file

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "fakes-gold.jsonl"
BASELINE = ROOT / "data" / "gold" / "baseline.json"

if __name__ == "__main__":
    import sys

    scores = evaluate_file(GOLD, split="test").scores()
    if BASELINE.exists() and "--reset" not in sys.argv:
        # A ratchet: the gate only ever moves up (--reset after the gold set itself changes)
        pinned = json.loads(BASELINE.read_text())["scores"]
        scores = {k: max(v, pinned.get(k) or 0) if v is not None else pinned.get(k) for k, v in scores.items()}
    BASELINE.write_text(json.dumps({"split": "test", "scores": scores}, indent=2) + "\n")
    print(json.dumps(scores, indent=2))
