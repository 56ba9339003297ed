"""Scoring incident grouping against ``incidents-gold.jsonl`` (guide: ``data/gold/INCIDENTS-GUIDE.md``).

Each extracted event is matched to the gold mention whose quote lies inside its sentence; over the matched
events, pairwise and B-cubed precision and recall compare the predicted incidents with the gold ones.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from claimscope.errors import GoldError
from claimscope.ingest.readers import article_from_record
from claimscope.model import Article


@dataclass
class GroupingReport:
    groups: int = 0
    events: int = 0  # extracted events matched to a gold mention
    tp: int = 0
    fp: int = 0
    fn: int = 0
    b3_precision: list[float] = field(default_factory=list)
    b3_recall: list[float] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def summary(self) -> dict[str, Any]:
        b3p = sum(self.b3_precision) / len(self.b3_precision) if self.b3_precision else 0.0
        b3r = sum(self.b3_recall) / len(self.b3_recall) if self.b3_recall else 0.0
        return {"groups": self.groups, "events": self.events, "pairwise_precision": round(self.precision, 3),
                "pairwise_recall": round(self.recall, 3), "bcubed_precision": round(b3p, 3),
                "bcubed_recall": round(b3r, 3)}

    def render(self) -> str:
        s = self.summary()
        return (f"incident grouping: {s['groups']} groups, {s['events']} events matched to gold mentions\n"
                f"{'':<14}{'precision':>10}{'recall':>10}\n"
                f"{'pairwise':<14}{s['pairwise_precision']:>10.3f}{s['pairwise_recall']:>10.3f}\n"
                f"{'b-cubed':<14}{s['bcubed_precision']:>10.3f}{s['bcubed_recall']:>10.3f}")


def load_groups(path: str | Path, split: str | None = None) -> list[dict[str, Any]]:
    groups = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            group = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{n}: malformed line ({exc.msg})") from exc
        if split is None or group.get("split") == split:
            groups.append(group)
    return groups


def corpus_articles(csv_path: str | Path) -> dict[str, Article]:
    """FA-KES rows by unit_id (the incident gold stores ids, not texts: the corpus is read beside it)."""
    out: dict[str, Article] = {}
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            record = {"id": row["unit_id"], "title": row["article_title"], "text": row["article_content"],
                      "outlet": row["source"], "published": row["date"]}
            out.setdefault(row["unit_id"], article_from_record(record, check_language=False))
    return out


def score_grouping(
    groups: list[dict[str, Any]],
    articles: dict[str, Article],
    extract: Callable[[list[Article]], list[Any]],
    group_events: Callable[[list[Any]], dict[str, str]],
) -> GroupingReport:
    """``extract`` turns articles into ArticleResults; ``group_events`` maps event id -> incident id."""
    report = GroupingReport(groups=len(groups))
    for group in groups:
        ids = [i for i in dict.fromkeys(group["articles"]) if i in articles]
        chosen = sorted((articles[i] for i in ids), key=lambda a: (a.published or "", a.id))
        results = extract(chosen)
        predicted = group_events(results)
        gold: dict[str, str] = {}
        by_figure: dict[str, str] = {}
        for incident in group["incidents"]:
            for mention in incident["mentions"]:
                for result in results:
                    if result.article.id != mention["article"]:
                        continue
                    at = result.article.text.find(mention["quote"])
                    quote = (at, at + len(mention["quote"]))
                    for event in result.events:
                        if mention["quote"] not in event.sentence or event.id not in predicted:
                            continue
                        gold.setdefault(event.id, incident["id"])
                        # a sentence naming two incidents: the one whose quote holds the event's figure wins
                        if any(c.span and c.span[0] < quote[1] and quote[0] < c.span[1] for c in event.counts):
                            by_figure.setdefault(event.id, incident["id"])
        gold.update(by_figure)
        _score(report, gold, predicted)
    return report


def _score(report: GroupingReport, gold: dict[str, str], predicted: dict[str, str]) -> None:
    events = sorted(gold)
    report.events += len(events)
    for a, b in combinations(events, 2):
        same_gold, same_pred = gold[a] == gold[b], predicted[a] == predicted[b]
        report.tp += same_gold and same_pred
        report.fp += same_pred and not same_gold
        report.fn += same_gold and not same_pred
    for e in events:
        pred_cluster = {x for x in events if predicted[x] == predicted[e]}
        gold_cluster = {x for x in events if gold[x] == gold[e]}
        both = len(pred_cluster & gold_cluster)
        report.b3_precision.append(both / len(pred_cluster))
        report.b3_recall.append(both / len(gold_cluster))


def evaluate_grouping(
    gold_path: str | Path, corpus: str | Path, split: str | None = None, embed: Callable[..., Sequence] | None = None
) -> GroupingReport:
    from claimscope.embeddings import SentenceEmbedder
    from claimscope.pipeline import Extractor
    from claimscope.reconcile import Grouper, refs_of

    extractor = Extractor()
    embedder = embed or SentenceEmbedder()

    def group_events(results: list[Any]) -> dict[str, str]:
        grouper = Grouper(embedder)
        placed: dict[str, str] = {}
        for result in results:
            placed.update(grouper.add(refs_of(result)))
        return placed

    return score_grouping(load_groups(gold_path, split), corpus_articles(corpus),
                          lambda arts: list(extractor.extract(arts)), group_events)
