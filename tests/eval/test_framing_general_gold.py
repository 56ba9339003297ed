"""The general-news framing gold is what its annotated source says, and its spans point at their text."""

import json
from collections import Counter

from scripts.build_framing_general import SOURCE, TARGET, TECHNIQUES, build_row

ROWS = [json.loads(line) for line in TARGET.read_text(encoding="utf-8").splitlines()]


def test_jsonl_is_built_from_the_annotated_source() -> None:
    import srsly

    assert ROWS == [build_row(k, a) for k, a in enumerate(srsly.read_yaml(SOURCE))]


def test_articles_are_short_news_pieces_split_in_halves() -> None:
    assert len(ROWS) >= 30
    assert all(150 <= len(r["text"].split()) <= 400 for r in ROWS)
    assert Counter(r["split"] for r in ROWS) == {"dev": len(ROWS) // 2, "test": len(ROWS) - len(ROWS) // 2}


def test_spans_are_exact_substrings_with_taxonomy_names() -> None:
    for row in ROWS:
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["text"]
            assert span["technique"] in TECHNIQUES.values()


def test_neutral_pieces_keep_their_place() -> None:
    # Wire-style articles with no technique at all measure false alarms
    assert sum(not r["spans"] for r in ROWS) >= 4
