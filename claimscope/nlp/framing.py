"""``claimscope_framing``: loaded labels, name-calling and doubt markers, each with a neutral wording."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from claimscope.nlp.base import Component
from claimscope.nlp.mentions import FramingMention
from claimscope.nlp.resources import load_loaded_labels


class FramingComponent(Component):
    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.matcher: PhraseMatcher | None = None
        self.entries: list[dict[str, Any]] = []

    def load(self) -> None:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.entries = load_loaded_labels()
        for i, entry in enumerate(self.entries):
            self.matcher.add(str(i), [self.nlp.make_doc(entry["text"])])

    def process(self, doc: Doc) -> None:
        assert self.matcher is not None
        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        out: list[FramingMention] = []
        last_end = -1
        for match_id, start, end in matches:
            if start < last_end:
                continue
            entry = self.entries[int(self.nlp.vocab.strings[match_id])]
            span = doc[start:end]
            neutral = entry.get("neutral")
            if entry["technique"] == "Doubt" and not neutral:
                neutral = _without_marker(doc, start, end)
            out.append(FramingMention(span.start_char, span.end_char, span.text, entry["technique"],
                                      neutral, entry.get("note"), entry.get("refers_to")))
            last_end = end
        doc._.cs_framing = out


def _without_marker(doc: Doc, start: int, end: int) -> str | None:
    """The neutral wording of a doubt marker is the phrase without it: "so-called monitor" -> "the monitor"."""
    phrase = []
    for tok in doc[end : end + 6]:
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "PUNCT") or tok.text in (",", ".", ";", ":"):
            break
        phrase.append(tok.text_with_ws)
    words = "".join(phrase).strip()
    if not words:
        return None
    article = "the " if start > 0 and doc[start - 1].lower_ in ("the", "a", "an", "this", "that") else ""
    return f"{article}{words}" if article else words
