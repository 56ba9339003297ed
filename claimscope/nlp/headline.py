"""``claimscope_headline``: the title and dateline a text opens with are sentences of their own.

FA-KES-style texts repeat the title and a dateline before the body with no full stop between them
("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO. Victims of ..."). Left alone,
the parser reads title and lede as one sentence and attaches the lede's figures to the title's verbs.
Runs before the parser, which keeps sentence starts that are already set.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from claimscope.nlp.base import Component

_DATELINE = re.compile(
    r"^\s*(?:(?:AFP|Reuters|AP|SANA|Anadolu|DPA|Xinhua)\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+)?(?:\d{1,2}[-\s](?:\d{1,2}|[a-z]{3,9})[-\s]\d{4}"
    r"|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})(?:\s+(?:at\s+)?\d{1,2}:?\d{2})?\s+",
    re.I,
)


def opening_breaks(text: str, title: str | None) -> list[int]:
    """Character offsets where the dateline ends and where the repeated title ends."""
    breaks = []
    m = _DATELINE.match(text)
    pos = m.end() if m else 0
    if m:
        breaks.append(pos)
    title = (title or "").strip()
    if title:
        at = text.find(title[:60], 0, pos + 200)
        if at >= 0 and text[at : at + len(title)] == title:
            # the dateline's optional time can swallow a title that opens with a number ("2016 135 Civilians")
            breaks = [b for b in breaks if b <= at]
            if at > 0 and at not in breaks:
                breaks.append(at)
            end = at + len(title)
            # "... Deir Ezzor Aleppo. Two civilians": the full stop closes the title, it does not open the lede
            while end < len(text) and text[end] in ".:!?":
                end += 1
            breaks.append(end)
            # "<title> AFP Monday 17 Oct 2016 Air strikes killed ...": a dateline after the title
            after = _DATELINE.match(text[end:])
            if after and after.end() < len(text) - end:
                breaks.append(end + after.end())
    return breaks


class HeadlineComponent(Component):
    def process(self, doc: Doc) -> None:
        for char in opening_breaks(doc.text, doc._.cs_title):
            span = doc.char_span(char, char + 1, alignment_mode="expand")
            if span is None or span.start == 0:
                continue
            token = doc[span.start]
            # A break lands on a token start; skip whitespace-only tokens
            while token.is_space and token.i + 1 < len(doc):
                token = doc[token.i + 1]
            token.is_sent_start = True
        # A title has no verbs the parser trusts ("3 Civilians Killed 38 Injured in ..."): keep it one sentence.
        title = title_span(doc)
        if title is not None:
            for token in title[1:]:
                token.is_sent_start = False


def title_span(doc: Doc) -> Span | None:
    """The title where the text repeats it near the top (FA-KES does), else None."""
    title = (doc._.cs_title or "").strip()
    at = doc.text.find(title[:60], 0, 300) if title else -1
    if at < 0 or doc.text[at : at + len(title)] != title:
        return None
    return doc.char_span(at, at + len(title), alignment_mode="contract")
