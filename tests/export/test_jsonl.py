"""JSON Lines: one contract object per article, reading back to the same ArticleResult."""

from __future__ import annotations

import io
import json

from claimscope.export import write
from claimscope.model import SCHEMA, ArticleResult
from tests.export.builders import event, result


def lines(results: list[ArticleResult]) -> list[str]:
    out = io.BytesIO()
    write(results, "jsonl", out)
    text = out.getvalue().decode("utf-8")
    assert text.endswith("\n")
    return text.splitlines()


def test_one_contract_object_per_article(results):
    objs = [json.loads(line) for line in lines(results)]
    assert [o["schema"] for o in objs] == [SCHEMA, SCHEMA]
    assert [o["article"]["id"] for o in objs] == ["a1", "a2"]


def test_round_trips_through_from_dict(results):
    back = [ArticleResult.from_dict(json.loads(line)) for line in lines(results)]
    assert back == results
    assert [b.to_dict() for b in back] == [r.to_dict() for r in results]


def test_non_ascii_text_kept_readable():
    text = "\u0642\u0635\u0641 \u0639\u0644\u0649 \u062d\u0645\u0627\u0629 \u2014 12 killed"
    (line,) = lines([result([event("a#1")], text=text)])
    assert text in line
    assert ArticleResult.from_dict(json.loads(line)).article.text == text
