"""Persuasion techniques of general news, beyond the conflict labels of ``loaded_labels.yml``.

The detectors, driven by data files under ``nlp/data`` and blind to who is speaking:
- ``Loaded_Language``: content words of strong valence (``loaded_words.tsv``, derived from the VADER lexicon
  minus everyday and reporting words by ``scripts/build_loaded_lexicon.py``);
- every other technique: spaCy ``Matcher`` patterns (``technique_patterns.yml``), each span optionally grown
  to the end of its clause or to its whole sentence, because Doubt, Whataboutism or Black-and-White are
  statements, not words;
- ``Repetition``: the later occurrences of a loaded word or label the article has already used;
- ``Doubt`` from short rhetorical questions in the writer's voice;
- ``Slogans`` of contrast and parallel ("Aspiration, not confiscation", "Our borders, our rules").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

# Parts of speech a loaded word may have: a valenced proper name ("Liberty University") or particle is not one
CONTENT_POS = frozenset({"ADJ", "ADV", "VERB", "NOUN"})
# Named entities whose words are names, not the writer's choice ("Freedom Caucus", "Hope Street")
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
CLAUSE_END = frozenset({",", ";", ":", ".", "?", "!", "—", "–", "(", ")"})
LABEL_TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling,Labeling"})


@dataclass
class Found:
    start: int  # token offsets
    end: int
    technique: str
    note: str | None = None


class TechniqueMatcher:
    """Matcher patterns by technique, with how far each match's span extends."""

    def __init__(self, nlp: Language, rules: list[dict[str, Any]]) -> None:
        self.words = Matcher(nlp.vocab)  # patterns on the words alone
        self.tagged = Matcher(nlp.vocab)  # patterns that need part-of-speech tags
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.rules = rules
        for i, rule in enumerate(rules):
            phrases = [nlp.make_doc(p) for p in rule.get("phrases") or []]
            for pattern in rule.get("patterns") or []:
                # The Matcher's time grows with patterns x tokens; plain word sequences go to the PhraseMatcher
                as_words = _word_sequences(pattern)
                if as_words is not None:
                    phrases += [Doc(nlp.vocab, words=words) for words in as_words]
                elif any(key in token for token in pattern for key in ("POS", "TAG")):
                    self.tagged.add(str(i), [pattern])
                else:
                    self.words.add(str(i), [pattern])
            if phrases:
                self.phrases.add(str(i), phrases)

    def __call__(self, doc: Doc) -> list[Found]:
        out: list[Found] = []
        # A pipeline without a tagger (spacy.blank) still gets the word patterns
        matches = self.words(doc) + self.phrases(doc) + (self.tagged(doc) if doc.has_annotation("TAG") else [])
        for match_id, start, end in matches:
            rule = self.rules[int(doc.vocab.strings[match_id])]
            if rule["technique"] in LABEL_TECHNIQUES and _inside_name(doc, start, end):
                continue
            start, end = _extend(doc, start, end, rule.get("extend", "none"))
            out.append(Found(start, end, rule["technique"], rule.get("note")))
        return _longest_per_technique(out)


def _word_sequences(pattern: list[dict[str, Any]], limit: int = 2000) -> list[list[str]] | None:
    """The lower-case word sequences a pattern of LOWER / LOWER IN tokens (optionally "?") stands for, or None
    when it needs more than the words (tags, sentence starts, regexes, repeats)."""
    seqs: list[list[str]] = [[]]
    for token in pattern:
        if set(token) - {"LOWER", "OP"} or token.get("OP", "?") != "?":
            return None
        value = token["LOWER"]
        if isinstance(value, str):
            options = [value]
        elif isinstance(value, dict) and set(value) == {"IN"}:
            options = list(value["IN"])
        else:
            return None
        if token.get("OP") == "?":
            options.append("")
        seqs = [[*seq, o] if o else seq for seq in seqs for o in options]
        if len(seqs) > limit:
            return None
    return [seq for seq in seqs if seq]


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """A label word that is part of a longer name ("International Criminal Court") is the name's, not a label."""
    ents = {doc[i].ent_type_ for i in range(start, end)}
    if len(ents) != 1 or not ents <= NAME_ENTS:
        return False
    first, last = doc[start], doc[end - 1]
    return (first.ent_iob_ == "I") or (end < len(doc) and doc[end].ent_iob_ == "I" and last.ent_type_ != "")


def _extend(doc: Doc, start: int, end: int, how: str) -> tuple[int, int]:
    """Grow a match to the end of its clause, or to its whole sentence (without the final punctuation)."""
    if how == "none":
        return start, end
    sent = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
    if how == "sentence":
        start = sent.start
    stop = sent.end
    for i in range(end, sent.end):
        if how == "clause" and doc[i].text in CLAUSE_END:
            stop = i
            break
    else:
        stop = sent.end
    while stop > end and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
        stop -= 1
    return start, max(stop, end)


def _longest_per_technique(found: list[Found]) -> list[Found]:
    """Of overlapping spans with one technique keep the first and longest, so a phrase is counted once."""
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (f.technique, f.start, -(f.end - f.start))):
        if out and out[-1].technique == f.technique and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def loaded_words(doc: Doc, lexicon: dict[str, float], taken: Iterable[tuple[int, int]]) -> list[Found]:
    """Content words of the lexicon outside names and outside spans already flagged; neighbours merge."""
    covered = {i for start, end in taken for i in range(start, end)}
    tagged = doc.has_annotation("POS")
    hits: list[Found] = []
    for tok in doc:
        if tok.i in covered or (tagged and tok.pos_ not in CONTENT_POS) or tok.ent_type_ in NAME_ENTS:
            continue
        valence = lexicon.get(tok.lower_)
        if valence is None:
            valence = lexicon.get(tok.lemma_.lower())
        if valence is None:
            continue
        if hits and hits[-1].end == tok.i:
            hits[-1].end = tok.i + 1
        else:
            hits.append(Found(tok.i, tok.i + 1, "Loaded_Language", f"emotive word (valence {valence:+.1f})"))
    return hits


RHETORICAL_TOKENS = 12  # "Coincidence? Hardly.", "Critical of what, exactly?": a reporter's questions run longer


def rhetorical_questions(doc: Doc, found: Iterable[Found]) -> list[Found]:
    """Short questions the writer asks the reader: they cast Doubt rather than ask.

    News copy asks almost nothing in its own voice, so a short question is a persuasive move; one already
    covered by a Doubt pattern is not counted twice.
    """
    doubts = [(f.start, f.end) for f in found if f.technique == "Doubt"]
    out = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words or words[-1].text != "?" or len(words) > RHETORICAL_TOKENS:
            continue
        start, end = words[0].i, words[-1].i + 1
        if not any(s < end and start < e for s, e in doubts):
            out.append(Found(start, end, "Doubt", "rhetorical question"))
    return out


SLOGAN_BOUNDS = frozenset({",", ";", ":", ".", "!", "?", '"', "“", "”", "—", "–", "(", ")", "'"})
SLOGAN_TOKENS = 10  # "Homes for people, not for profit": a slogan is short enough to chant


def slogans(doc: Doc) -> list[Found]:
    """Contrast and parallel slogans: "Aspiration, not confiscation", "Our borders, our rules".

    A phrase standing between punctuation (or quotes), short, built on ", not" or on a repeated "our": the
    shapes rallying cries take whatever they are about.
    """
    out = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        for i, tok in enumerate(words[:-1]):
            if tok.text == "," and words[i + 1].lower_ == "not":
                lo = i
                while lo > 0 and words[lo - 1].text not in SLOGAN_BOUNDS and i - lo < 7:
                    lo -= 1
                hi = i + 2
                while hi < len(words) and words[hi].text not in SLOGAN_BOUNDS and hi - i < 7:
                    hi += 1
                bounded = (lo == 0 or words[lo - 1].text in SLOGAN_BOUNDS) and (
                    hi == len(words) or words[hi].text in SLOGAN_BOUNDS)
                if bounded and hi - lo <= SLOGAN_TOKENS and lo < i:
                    out.append(Found(words[lo].i, words[hi - 1].i + 1, "Slogans", "contrast slogan"))
            if (tok.lower_ == "our" and i + 4 < len(words) and words[i + 2].text == ","
                    and words[i + 3].lower_ == "our"):
                out.append(Found(tok.i, words[i + 4].i + 1, "Slogans", "parallel slogan"))
    return out


def repetitions(doc: Doc, found: Iterable[Found]) -> list[Found]:
    """Later uses of a loaded word or label the article has already used ("a disgraceful vote ... disgraceful")."""
    seen: set[str] = set()
    out: list[Found] = []
    for f in sorted(found, key=lambda f: f.start):
        if f.technique not in LABEL_TECHNIQUES:
            continue
        key = " ".join(t.lemma_.lower() for t in doc[f.start : f.end] if not t.is_punct)
        if key in seen:
            out.append(Found(f.start, f.end, "Repetition", "used again in the same article"))
        seen.add(key)
    return out
