"""``claimscope_framing``: persuasion techniques, with a neutral wording for every loaded conflict label.

The conflict-label lexicon (``loaded_labels.yml``) comes first and gives neutral wordings; the general-news
detectors of ``techniques.py`` (emotive words, technique patterns, repetition) add what it does not cover.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from claimscope.nlp.base import Component
from claimscope.nlp.mentions import FramingMention
from claimscope.nlp.resources import load_loaded_labels, load_loaded_words, load_technique_patterns
from claimscope.nlp.techniques import (
    LABEL_TECHNIQUES,
    Found,
    TechniqueMatcher,
    loaded_words,
    repetitions,
    rhetorical_questions,
    slogans,
)


class FramingComponent(Component):
    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.matcher: PhraseMatcher | None = None
        self.entries: list[dict[str, Any]] = []
        self.techniques: TechniqueMatcher | None = None
        self.lexicon: dict[str, float] = {}

    def load(self) -> None:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.entries = load_loaded_labels()
        for i, entry in enumerate(self.entries):
            self.matcher.add(str(i), [self.nlp.make_doc(entry["text"])])
        self.techniques = TechniqueMatcher(self.nlp, load_technique_patterns())
        self.lexicon = load_loaded_words()

    def process(self, doc: Doc) -> None:
        assert self.matcher is not None
        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        out: list[FramingMention] = []
        labels: list[Found] = []
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
            labels.append(Found(start, end, entry["technique"]))
            last_end = end
        out += [self._mention(doc, f) for f in self._general(doc, labels)]
        doc._.cs_framing = sorted(out, key=lambda m: (m.start, -m.end, m.technique))

    def _general(self, doc: Doc, labels: list[Found]) -> list[Found]:
        """Techniques of general news; a conflict label found above wins over a label, or a pattern of its own
        technique, that overlaps it ("so-called" is the lexicon's, with its neutral wording)."""
        assert self.techniques is not None
        found = [f for f in self.techniques(doc)
                 if not any(f.start < g.end and g.start < f.end
                            and (f.technique == g.technique or f.technique in LABEL_TECHNIQUES) for g in labels)]
        taken = [(f.start, f.end) for f in labels] + [(f.start, f.end) for f in found if f.technique in LABEL_TECHNIQUES]
        found += loaded_words(doc, self.lexicon, taken)
        found += rhetorical_questions(doc, found)
        found += [f for f in slogans(doc) if not any(f.start < g.end and g.start < f.end
                                                      for g in found if g.technique == "Slogans")]
        # Conflict labels recur in every report of a war ("terrorists" ten times): only general-news words count
        return found + repetitions(doc, found)

    @staticmethod
    def _mention(doc: Doc, f: Found) -> FramingMention:
        span = doc[f.start : f.end]
        return FramingMention(span.start_char, span.end_char, span.text, f.technique, None, f.note, None,
                              is_label=False)


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
