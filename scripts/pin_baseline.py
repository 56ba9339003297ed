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
GOLD = {"fakes": ROOT / "data" / "gold" / "fakes-gold.jsonl", "written": ROOT / "data" / "gold" / "written-gold.jsonl"}
BASELINE = ROOT / "data" / "gold" / "baseline.json"

if __name__ == "__main__":
    import sys

    from claimscope.pipeline import Extractor

    extractor = Extractor()
    pinned_all = json.loads(BASELINE.read_text())["scores"] if BASELINE.exists() else {}
    out = {}
    for name, path in GOLD.items():
        scores = evaluate_file(path, split="test", extractor=extractor).scores()
        pinned = pinned_all.get(name, {}) if "--reset" not in sys.argv else {}
        # A ratchet: the gate only ever moves up (--reset after the gold set itself changes)
        out[name] = {k: max(v, pinned.get(k) or 0) if v is not None else pinned.get(k) for k, v in scores.items()}
    BASELINE.write_text(json.dumps({"split": "test", "scores": out}, indent=2) + "\n")
    print(json.dumps(out, indent=2))
