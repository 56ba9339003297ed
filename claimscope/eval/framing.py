"""Scoring framing spans against ``framing-gold.jsonl`` (guide: ``data/gold/FRAMING-GUIDE.md``).

Partial-overlap precision and recall as the SemEval-2020 span-identification scorer computes them: a
predicted span earns the fraction of it that a gold span covers, a gold span the fraction a prediction
covers. Scored with techniques (spans must share the technique) and without (spans only).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimscope.model import Article

Span = tuple[int, int, str]

# The key each set's scores carry in ``claimscope eval --format json`` -> its gold file (relative to the repo).
# framing-gold: FA-KES conflict reporting; framing-general: partisan general news (politics, health, economy).
FRAMING_GOLD = {
    "framing": "data/gold/framing-gold.jsonl",
    "framing_general": "data/gold/framing-general.jsonl",
    # written and annotated by someone who never saw the detector or its data: report it, never tune on it
    "framing_blind": "data/gold/framing-blind.jsonl",
}


@dataclass
class FramingReport:
    articles: int = 0
    scores: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0, 0.0, 0]))

    def add(self, key: str, pred: list[Span], gold: list[Span]) -> None:
        s = self.scores[key]
        s[0] += sum(_covered(p, gold) for p in pred)
        s[1] += len(pred)
        s[2] += sum(_covered(g, pred) for g in gold)
        s[3] += len(gold)

    def summary(self) -> dict[str, Any]:
        out = {}
        for key, (pc, pn, rc, rn) in sorted(self.scores.items()):
            p = pc / pn if pn else 0.0
            r = rc / rn if rn else 0.0
            out[key] = {"precision": round(p, 3), "recall": round(r, 3),
                        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "predicted": pn, "gold": rn}
        return out

    def render(self) -> str:
        lines = [f"framing spans ({self.articles} articles, partial overlap)",
                 f"{'technique':<36}{'precision':>10}{'recall':>10}{'f1':>8}{'pred':>6}{'gold':>6}"]
        for key, s in self.summary().items():
            lines.append(f"{key:<36}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}"
                         f"{s['predicted']:>6}{s['gold']:>6}")
        return "\n".join(lines)


def _covered(span: Span, others: list[Span]) -> float:
    """The largest share of ``span`` that one of ``others`` covers."""
    start, end, _ = span
    best = 0
    for s, e, _ in others:
        best = max(best, min(end, e) - max(start, s))
    return best / (end - start) if end > start else 0.0


def score_framing(gold_rows: list[dict[str, Any]], results: list[Any]) -> FramingReport:
    report = FramingReport(articles=len(gold_rows))
    for row, result in zip(gold_rows, results, strict=True):
        gold = [(s["start"], s["end"], s["technique"]) for s in row["spans"]]
        pred = [(f.span[0], f.span[1], f.technique) for f in result.framing]
        report.add("all spans (any technique)", pred, gold)
        for technique in sorted({t for *_, t in gold + pred}):
            report.add(technique, [p for p in pred if p[2] == technique], [g for g in gold if g[2] == technique])
    return report


def evaluate_framing(path: str | Path, split: str | None = None) -> FramingReport:
    from claimscope.pipeline import Extractor

    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if split is None or r.get("split") == split]
    articles = [Article(id=str(r["id"]), text=r["text"], title=r.get("title"), outlet=r.get("outlet"),
                        published=r.get("published")) for r in rows]
    return score_framing(rows, list(Extractor().extract(articles)))
