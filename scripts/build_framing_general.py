"""Write ``data/gold/framing-general.jsonl`` from its annotated source ``framing-general-src.yml``.

The source keeps each span as the phrase it covers (and which occurrence of it, when the phrase recurs),
so that annotations can be read and corrected by eye; this script turns them into character offsets and
fails loudly when a phrase is not in the text. Guide: ``data/gold/FRAMING-GUIDE.md`` ("General news").

    .venv/bin/python scripts/build_framing_general.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import srsly

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "gold" / "framing-general-src.yml"
TARGET = ROOT / "data" / "gold" / "framing-general.jsonl"

TECHNIQUES = {
    "LL": "Loaded_Language", "NC": "Name_Calling,Labeling", "REP": "Repetition", "DB": "Doubt",
    "EX": "Exaggeration,Minimisation", "FEAR": "Appeal_to_fear-prejudice", "FW": "Flag-Waving",
    "CO": "Causal_Oversimplification", "AUTH": "Appeal_to_Authority", "SL": "Slogans",
    "WH": "Whataboutism,Straw_Men,Red_Herring", "BW": "Black-and-White_Fallacy",
    "TTC": "Thought-terminating_Cliches", "BAND": "Bandwagon,Reductio_ad_hitlerum",
}


def locate(text: str, phrase: str, occurrence: int) -> int:
    """Offset of the ``occurrence``-th (1-based) exact occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.find(phrase, start + 1)
        if start < 0:
            raise ValueError(f"{phrase!r} occurs fewer than {occurrence} times")
    return start


def build_row(k: int, article: dict[str, Any]) -> dict[str, Any]:
    text = article["text"]
    spans = []
    for item in article.get("spans") or []:
        code, phrase, *rest = item.split("|")
        start = locate(text, phrase, int(rest[0]) if rest else 1)
        spans.append({"technique": TECHNIQUES[code], "start": start, "end": start + len(phrase), "text": phrase,
                      "neutral": None, "in_quote": text[:start].count('"') % 2 == 1})
    spans.sort(key=lambda s: (s["start"], s["end"]))
    return {"id": article["id"], "row": k, "outlet": article["outlet"], "published": article.get("published"),
            "title": article["title"], "text": text, "split": "dev" if k % 2 == 0 else "test",
            "notes": f"{article['lean']}; {article['topic']}", "spans": spans}


if __name__ == "__main__":
    articles = srsly.read_yaml(SOURCE)
    rows = [build_row(k, a) for k, a in enumerate(articles)]
    TARGET.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} articles, {sum(len(r['spans']) for r in rows)} spans -> {TARGET.relative_to(ROOT)}")
