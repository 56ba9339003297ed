"""``claimscope_places``: place names from the bundled GeoNames gazetteer, with precision and context.

"northern Hama" and "the countryside of Hama" are the governorate (admin1), "the city of Hama" the city;
among same-name places the one in the article's own country wins, then the larger.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from claimscope.nlp.base import Component, sent_index
from claimscope.nlp.mentions import PlaceMention
from claimscope.nlp.resources import load_gazetteer

# Words before/after a name that make it the governorate or region rather than the town.
_ADMIN_BEFORE = re.compile(
    r"((?:the\s+)?(?:(?:north|south|east|west)(?:ern)?|(?:north|south)-?(?:east|west)(?:ern)?|central|rural)"
    r"(?:\s+(?:and|or)\s+(?:(?:north|south|east|west)(?:ern)?|central))?\s+"
    r"|(?:the\s+)?(?:countryside|outskirts|province|governorate|suburbs|countryside|region|environs)\s+of\s+"
    r"(?:the\s+(?:city|town|province|governorate)\s+of\s+)?)$",
    re.I,
)
_CITY_BEFORE = re.compile(r"(?:the\s+)?(?:city|town|village|centre|center)\s+of\s+$", re.I)
_ADMIN_AFTER = re.compile(r"^\s+(?:province|governorate|countryside|region|suburbs|outskirts|area)\b", re.I)
# "the Shahba neighbourhood of Aleppo": the first name is a quarter of the second, not the town Shahba elsewhere.
_QUARTER_OF = re.compile(r"^\s+(?:neighbou?rhoods?|district|quarter|suburb|area)\s+(?:of|in)\s+"
                         r"(?:the\s+(?:city|town)\s+of\s+)?$", re.I)
_KIND_RANK = {"city": 0, "region": 1, "admin1": 2, "country": 3}


class PlacesComponent(Component):
    def __init__(self, nlp: Language, name: str, *, gazetteer_path: str | None = None) -> None:
        super().__init__(nlp, name)
        self.gazetteer_path = gazetteer_path
        self.by_name: dict[str, list[dict[str, Any]]] = {}
        self.by_skeleton: dict[str, list[dict[str, Any]]] = {}
        self.matcher: PhraseMatcher | None = None

    def load(self) -> None:
        from pathlib import Path

        places = load_gazetteer(Path(self.gazetteer_path) if self.gazetteer_path else None)
        self.by_name = {}
        self.by_skeleton = {}
        for place in places:
            for name in place["names"]:
                self.by_name.setdefault(name, []).append(place)
                if place["cc"] in SPELLING_VARIANT_COUNTRIES and place["kind"] != "country":
                    key = skeleton(name)
                    if _distinctive(name, key) and place not in self.by_skeleton.get(key, []):
                        self.by_skeleton.setdefault(key, []).append(place)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        tokenizer = self.nlp.tokenizer
        self.matcher.add("PLACE", list(tokenizer.pipe(self.by_name)))

    def process(self, doc: Doc) -> None:
        assert self.matcher is not None
        sents = sent_index(doc)
        spans = self.matcher(doc, as_spans=True)
        # Longest match wins where names overlap ("Deir ez-Zor" over "Deir").
        spans = sorted(spans, key=lambda s: (s.start, -len(s)))
        chosen = []
        last_end = -1
        for span in spans:
            if span.start >= last_end:
                chosen.append(span)
                last_end = span.end
        chosen = sorted(chosen + self._spelling_variants(doc, chosen), key=lambda s: s.start)
        chosen = _drop_quarters(doc.text, chosen)
        countries = self._document_countries(chosen)
        anchor = self._anchor_point(chosen)
        mentions: list[PlaceMention] = []
        text = doc.text  # Doc.text joins every token on each access: read it once
        for span in chosen:
            mention = self._resolve(text, span, countries, anchor, sents.get(span.start, 0))
            if mention:
                mentions.append(mention)
        doc._.cs_places = mentions

    def _spelling_variants(self, doc: Doc, chosen: list[Any]) -> list[Any]:
        """Names the gazetteer spells otherwise ("al-Qameshli" for Qamishli, "Ras al-Ain" for Ras al-Ayn)."""
        taken = {i for span in chosen for i in range(span.start, span.end)}
        found = []
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC") or any(i in taken for i in range(ent.start, ent.end)):
                continue
            span = ent[1:] if ent[0].lower_ == "the" else ent
            key = skeleton(span.text)
            after = doc.text[span.end_char : span.end_char + 16].lower()
            if after.lstrip().startswith(("neighbo", "district", "quarter", "street", "square")):
                continue  # "the Hamdaniyeh neighbourhood": a quarter of a city, not the village of that name
            if span.text not in self.by_name and _distinctive(span.text, key) and key in self.by_skeleton:
                found.append(span)
        return found

    def _document_countries(self, spans: list[Any]) -> Counter[str]:
        """Countries that the unambiguous place names of the article point to."""
        votes: Counter[str] = Counter()
        for span in spans:
            ccs = {p["cc"] for p in self.by_name.get(span.text, [])}
            if len(ccs) == 1:
                votes[next(iter(ccs))] += 1
        return votes

    def _anchor_point(self, spans: list[Any]) -> tuple[float, float] | None:
        """Mean position of the article's unambiguous towns: same-name villages are chosen near it."""
        points = []
        for span in spans:
            cands = self.by_name.get(span.text, [])
            if len(cands) == 1 and cands[0]["kind"] == "city" and cands[0].get("lat") is not None:
                points.append((cands[0]["lat"], cands[0]["lon"]))
        if not points:
            return None
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)

    def _resolve(
        self, text: str, span: Any, countries: Counter[str], anchor: tuple[float, float] | None, sent: int
    ) -> PlaceMention | None:
        candidates = self.by_name.get(span.text) or self.by_skeleton.get(skeleton(span.text), [])
        if not candidates:
            return None
        before = text[max(0, span.start_char - 60) : span.start_char]
        after = text[span.end_char : span.end_char + 20]
        start, end = span.start_char, span.end_char
        admin_hint = _ADMIN_BEFORE.search(before)
        after_hint = _ADMIN_AFTER.match(after)
        city_hint = _CITY_BEFORE.search(before)
        # "the city of Hama" alone is the city; "the countryside of the city of Hama" is the governorate.
        wants_admin = bool(admin_hint or after_hint)
        if admin_hint:
            start -= len(admin_hint.group(1))
            city_hint = None
        elif city_hint:
            start -= len(city_hint.group(0))
        if after_hint:
            end += after_hint.end()

        def score(p: dict[str, Any]) -> tuple[float, ...]:
            admin_match = p["kind"] in ("admin1", "region") if wants_admin else p["kind"] in ("city", "country")
            # Degrees, not km: only the order matters, and within one region that is the same order.
            near = -abs(p["lat"] - anchor[0]) - abs(p["lon"] - anchor[1]) if anchor and p.get("lat") is not None else 0.0
            big = float(p.get("pop") or 0) >= 100_000  # a city everyone means beats a nearer hamlet of its name
            # "Iraq" is the country, not the Iranian town that GeoNames also lists as "Iraq".
            country_name = p["kind"] == "country" and not wants_admin
            return (float(admin_match), float(country_name), float(countries.get(p["cc"], 0)), float(p["cc"] == "SY"),
                    -_KIND_RANK.get(p["kind"], 9), float(big), near, float(p.get("pop") or 0))

        best = max(candidates, key=score)
        precision = {"city": "city", "admin1": "admin1", "country": "country", "region": "region"}[best["kind"]]
        if wants_admin and best["kind"] == "city":
            precision = "admin2"  # "the countryside of X" where X has no governorate: an area around the town
        return PlaceMention(start, end, text[start:end], best, precision, sent)


def _drop_quarters(text: str, spans: list[Any]) -> list[Any]:
    """Names that a quarter of the next name shares with a town elsewhere: the quarter lies in the next one."""
    return [span for i, span in enumerate(spans)
            if i + 1 == len(spans) or not _QUARTER_OF.match(text[span.end_char : spans[i + 1].start_char])]


# Arabic names come in many Latin spellings: compare them by consonants, without articles or vowels.
SPELLING_VARIANT_COUNTRIES = {"SY"}  # FA-KES's war; Iraq's Salahuddin must not take Aleppo's Salaheddin
MIN_SKELETON = 4  # shorter skeletons ("Hama" -> "hm") match too many unrelated words
_ARTICLES = {"al", "el", "ar", "as", "ad", "an", "ash", "at", "az", "ez", "es", "ed", "er", "en", "ad-", "the"}


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-'’`]+", name.lower()) if w and w not in _ARTICLES]


def _distinctive(name: str, key: str) -> bool:
    return len(key) >= MIN_SKELETON or (len(key) >= 3 and len(_name_words(name)) >= 2)


def skeleton(name: str) -> str:
    """"Deir ez-Zor", "Dayr az Zawr" and "Deir Ezzor" -> "drzr"; "Khan Sheikhoun"/"Khan Shaykhun" -> "khnshkhn"."""
    words = _name_words(name)
    joined = "".join(words)
    if not joined:
        return ""
    rest = re.sub(r"[aeiouyw]", "", joined[1:])
    key = re.sub(r"(.)\1+", r"\1", joined[0] + rest)
    return key.rstrip("h") if len(key) > MIN_SKELETON else key
