"""Outlet framing profiles: how often each outlet uses each persuasion technique, and its favourite labels."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from claimscope.store.db import Store
from claimscope.store.tables import articles, framing

_WORD = re.compile(r"\w+")


@dataclass
class OutletProfile:
    outlet: str
    articles: int
    words: int
    rates: dict[str, float] = field(default_factory=dict)  # technique -> spans per 1,000 words
    top_labels: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total_rate(self) -> float:
        return round(sum(self.rates.values()), 2)


def outlet_profiles(store: Store, top: int = 5) -> list[OutletProfile]:
    words: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    with store.engine.connect() as conn:
        for outlet, text in conn.execute(select(articles.c.outlet, articles.c.text)):
            words[outlet or "?"] += len(_WORD.findall(text))
            counts[outlet or "?"] += 1
        spans = conn.execute(
            select(articles.c.outlet, framing.c.technique, func.lower(framing.c.text), func.count())
            .join(articles, articles.c.id == framing.c.article_id)
            .group_by(articles.c.outlet, framing.c.technique, func.lower(framing.c.text))
        ).all()
    by_technique: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for outlet, technique, text, n in spans:
        by_technique[outlet or "?"][technique] += n
        if technique in ("Name_Calling,Labeling", "Loaded_Language"):
            labels[outlet or "?"][text] += n
    out = []
    for outlet in sorted(counts):
        per_k = 1000 / words[outlet] if words[outlet] else 0.0
        out.append(OutletProfile(
            outlet=outlet, articles=counts[outlet], words=words[outlet],
            rates={t: round(n * per_k, 2) for t, n in sorted(by_technique[outlet].items())},
            top_labels=labels[outlet].most_common(top),
        ))
    return sorted(out, key=lambda p: -p.total_rate)
