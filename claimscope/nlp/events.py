"""``claimscope_events``: one event per sentence that carries figures or reports violence at a place.

Each event gets an ACLED type from the sentence's wording, the most specific place of the sentence (or
the one the article was last talking about), its date, actors and the figures' sources and stance.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimscope.nlp.attribution import REPORTING_VERBS, stance_of
from claimscope.nlp.base import Component
from claimscope.nlp.dates import dateline, published_date
from claimscope.nlp.mentions import ActorMention, CountMention, DateMention, EventMention, PlaceMention
from claimscope.nlp.resources import load_actors, load_gazetteer
from claimscope.values import parse_day

# Ordered: the first rule whose pattern occurs in the sentence types the event.
TYPE_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    (t, s, re.compile(p, re.I))
    for t, s, p in [
        ("Explosions/Remote violence", "Chemical weapon", r"\b(chemical|sarin|chlorine|toxic gas|nerve agent|gas attack)\b"),
        ("Explosions/Remote violence", "Suicide bomb", r"\bsuicide (?:bomb\w*|attack\w*|car)\b"),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED",
         r"\b(car bomb\w*|booby[- ]trapped|explosive device|ied|landmine|land mine|roadside bomb|bomb (?:blast|explo\w+)|blast|explosion)\b"),
        ("Explosions/Remote violence", "Air/drone strike",
         r"\b(air ?strikes?|air raids?|raids?|warplanes?|jets?|aircraft|helicopters?|barrel bombs?|drones?|air force|aerial|bombing|bombed)\b"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack",
         r"\b(shell(?:s|ed|ing)?|artillery|mortars?|rockets?|missiles?|bombardments?|bombarded|projectiles?)\b"),
        ("Battles", "Government regains territory", r"\b(recaptur\w+|regain\w*|retak\w+|liberat\w+|restor\w+ (?:control|security))\b"),
        ("Battles", "Non-state actor overtakes territory", r"\b(overr[au]n\w*|seiz\w+ control|took control|captured (?:the )?(?:town|village|city|area)|entered)\b"),
        ("Battles", "Armed clash", r"\b(clash\w*|fighting|battles?|fought|offensive|ambush\w*|assault\w*|combat|firefight|skirmish\w*|operations?)\b"),
        ("Violence against civilians", "Abduction/forced disappearance", r"\b(abduct\w+|kidnap\w+|forced disappearance)\b"),
        ("Violence against civilians", "Attack", r"\b(execut\w+|massacre\w*|shot dead|gunned down|beheaded|tortured)\b"),
        ("Protests", "Peaceful protest", r"\b(protest\w*|demonstrat\w+|rall(?:y|ies))\b"),
        ("Strategic developments", "Arrests", r"\b(arrest\w*|detain\w*)\b"),
    ]
]
CIVILIAN_WORDS = re.compile(r"\b(civilians?|children|women|people|residents|families|persons|worshippers|students|patients|villagers)\b", re.I)
# When "the war" began, for tolls of the whole war that give no start ("the war has killed 220,000").
WAR_STARTS = {"SY": "2011-03-15"}
CONTROL_WORDS = re.compile(r"\b(safe|secure[d]?|under (?:the )?control|in control|stationed|entered|withdr[ae]w\w*|"
                           r"retreat\w*|besieged|encircled|fell to|falls to)\b", re.I)
CONFLICT_REGION = {"SY", "IQ", "LB", "TR", "JO", "IL", "PS", "IR", "YE"}
PRECISION_RANK = {"point": 0, "city": 1, "admin2": 2, "region": 3, "admin1": 4, "country": 5}


def event_type(sentence: str) -> tuple[str | None, str | None]:
    for etype, sub, pattern in TYPE_RULES:
        if pattern.search(sentence):
            return etype, sub
    return None, None


class EventsComponent(Component):
    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.inter: dict[str, int] = {}
        self.countries: dict[str, dict[str, Any]] = {}

    def load(self) -> None:
        self.inter = {a["name"]: int(a.get("inter") or 0) for a in load_actors()}
        # a war-wide toll in a text that never names the country ("Syrias conflict") still lies in it
        self.countries = {p["cc"]: p for p in load_gazetteer() if p["kind"] == "country"}

    def process(self, doc: Doc) -> None:
        counts: list[CountMention] = doc._.cs_counts or []
        # "the Russian Coordination Center in Syria" names a source, not where anything happened.
        named = [(m.start, m.end) for m in (doc._.cs_sources or []) + (doc._.cs_actors or [])]
        # Capitals far from the war (Washington, Geneva, Seoul) are where diplomacy happens, not events.
        places: list[PlaceMention] = [
            p for p in (doc._.cs_places or [])
            if not any(s <= p.start and p.end <= e for s, e in named)
            and (p.record["cc"] in CONFLICT_REGION or p.precision == "country")
        ]
        parties = {id(p) for p in places if _named_as_party(doc, p)}
        home_cc = _main_country([p for p in places if id(p) not in parties])
        places = [p for p in places if id(p) not in parties or p.record["cc"] == home_cc]
        dates = doc._.cs_dates or []
        actors: list[ActorMention] = doc._.cs_actors or []
        framing = doc._.cs_framing or []
        sents = list(doc.sents)
        main_cc = _main_country(places)
        dominant_place = _dominant_place(places, main_cc)
        reference = dateline(doc.text) or (published_date(doc._.cs_published))
        reference = reference.isoformat() if reference else None
        main_country = next((p for p in places if p.precision == "country" and p.record["cc"] == main_cc), None)
        dominant_armed = self._dominant_armed(actors)
        doc_type = Counter(t for t in (event_type(s.text) for s in sents) if t[0]).most_common(1)
        events: list[EventMention] = []
        last_place: PlaceMention | None = None
        for i, sent in enumerate(sents):
            sent_counts = [c for c in counts if c.sent == i]
            sent_places = [p for p in places if p.sent == i]
            etype, sub = event_type(sent.text)
            best_place = _most_specific(sent_places, main_cc)
            cited = (doc._.cs_sentence_sources or {}).get(i)
            # A sourced statement about who holds a place ("Hama is completely safe, security sources said")
            # is a claim about the war even without a figure or a weapon.
            control = bool(cited and best_place and CONTROL_WORDS.search(sent.text))
            if not sent_counts and not control and not (etype and best_place and etype != "Protests"):
                if best_place and best_place.precision != "country":
                    last_place = best_place
                continue
            if etype is None and sent_counts and doc_type:
                etype, sub = doc_type[0][0]
            war_toll = _is_war_toll(sent.text, sent_counts)
            aggregate = any(d.aggregate for d in dates if d.sent == i) or war_toll
            if best_place is not None and best_place.precision == "country" and not aggregate:
                # "killed in Syria" after the lede named the town: the town is the better reading.
                nearer = last_place or dominant_place
                if nearer is not None and nearer.record["cc"] == best_place.record["cc"]:
                    best_place = nearer
            local = best_place is not None and best_place.precision != "country"
            if aggregate and local and not war_toll:
                place = best_place  # "displaced in Daraa province since June 19": a toll of that place
            elif aggregate and main_country is not None:
                place = main_country
            elif war_toll and not local and main_cc in self.countries:
                place = PlaceMention(sent.start_char, sent.start_char, "", self.countries[main_cc], "country", i)
            else:
                place = best_place or last_place or dominant_place
            if best_place and best_place.precision != "country":
                last_place = best_place
            # "MAARAT AL-NUMAN, May 18 (Wire) - ... killed 23 people on Tuesday": Tuesday, not the dateline
            here = sorted((d for d in dates if d.sent == i and d.date_start), key=_whole_year)  # a year last
            date = next((d for d in here if not _is_dateline(d)), here[0] if here else None)
            if war_toll and reference:
                # "the war, which began in March 2011, has killed ...": the toll runs from that start to now
                began = next((d for d in dates if d.sent == i and d.date_start and d.date_start[:4] < reference[:4]), None)
                if began is not None:
                    date = DateMention(began.start, began.end, began.text, began.date_start, reference, i, True)
            if date is None and war_toll and main_cc in WAR_STARTS and reference:
                date = DateMention(sent.start_char, sent.start_char, "", WAR_STARTS[main_cc], reference, i, True)
            if date is None:
                # A story's later sentences continue the incident its lede dated ("on Monday ... The monitor said").
                date = next((d for d in reversed(dates) if d.sent < i and d.date_start and not d.aggregate
                             and not _is_dateline(d) and not _broad(d)), None)
            sources = sent_counts[0].sources if sent_counts else [dict(c) for c in cited or []]
            stance = sent_counts[0].stance if sent_counts else stance_of(sent.text)
            events.append(EventMention(
                sent=i, start=sent.start_char, end=sent.end_char, event_type=etype, sub_event_type=sub,
                counts=sent_counts, place=place, date=date,
                actors=self._actors(sent_counts, [a for a in actors if a.sent == i], framing, sent, dominant_armed),
                sources=sources, stance=stance, aggregate=aggregate,
            ))
        doc._.cs_events = _drop_headline_repeats(events, headline_end(doc))

    def _dominant_armed(self, actors: list[ActorMention]) -> str | None:
        armed = Counter(a.name for a in actors if self.inter.get(a.name) in (2, 3, 4))
        return armed.most_common(1)[0][0] if armed else None

    def _actors(
        self, counts: list[CountMention], mentions: list[ActorMention], framing: list[Any], sent: Any,
        dominant_armed: str | None,
    ) -> list[tuple[str, ActorMention]]:
        """actor1 acts, actor2 is acted on: the actor named inside a figure's words is the victim side."""
        labelled = [
            ActorMention(f.start, f.end, f.text, f.refers_to or dominant_armed or "", 0)
            for f in framing
            if f.is_label and sent.start_char <= f.start < sent.end_char and (f.refers_to or dominant_armed)
        ]
        pool = sorted(mentions + [m for m in labelled if not any(m.start < a.end and a.start < m.end for a in mentions)],
                      key=lambda m: m.start)
        victim_ranges = [(c.start, c.end) for c in counts]
        actor2 = next((m for m in pool if any(s <= m.start < e for s, e in victim_ranges)), None)
        if actor2 is None:
            victims = " ".join(c.victims or "" for c in counts if c.kind in ("killed", "injured", "casualties"))
            civil = next((n for n, code in self.inter.items() if code == 7), None)
            m = CIVILIAN_WORDS.search(victims)
            if m and civil:
                actor2 = ActorMention(0, 0, m.group(0), civil, 0)
        # Civilians are acted upon; they are never the actor that carries out violence.
        actor1 = next((m for m in pool if (actor2 is None or m.name != actor2.name) and self.inter.get(m.name) != 7), None)
        out: list[tuple[str, ActorMention]] = []
        if actor1:
            out.append(("actor1", actor1))
        if actor2:
            out.append(("actor2", actor2))
        return out


WAR_WORDS = re.compile(r"\b(war|conflict|civil war|crisis|uprising|revolution|since 2011|since the start)\b", re.I)


def _is_war_toll(sentence: str, counts: list[CountMention]) -> bool:
    """A toll of the whole war ("the war has killed more than 220,000 people") is cumulative."""
    big = any((c.low or c.high or 0) >= 10000 or c.vague in ("hundreds of thousands", "millions") for c in counts)
    # "More than 300000 people have been killed": no single incident kills that many (a town can flee, though)
    huge = any(c.kind == "killed" and (c.low or c.high or 0) >= 100_000 for c in counts)
    return huge or (big and bool(WAR_WORDS.search(sentence)))


def _whole_year(d: DateMention) -> bool:
    return bool(d.date_start and d.date_end) and d.date_start[5:] == "01-01" and d.date_end[5:] == "12-31"  # type: ignore[index]


def _broad(d: DateMention) -> bool:
    """A year or a month ("began in 2011", "in May"): it dates what its own sentence says, not the incidents
    the next sentences report."""
    start, end = parse_day(d.date_start), parse_day(d.date_end)
    return start is not None and end is not None and (end - start).days > 7


def _is_dateline(d: DateMention) -> bool:
    """The filing date at the top ("AFP Friday 24 Oct 2014", "BEIRUT, May 18 (Reuters) -") is when the story
    was written, not when the event happened: a calendar date near the top with no "on"/"since" before it."""
    written = d.text.lower()
    calendar = bool(re.search(r"\d", written)) and not d.aggregate
    return d.start < 300 and calendar and not written.startswith(("on ", "since ", "in ", "from "))


def headline_end(doc: Doc) -> int:
    """Where the headline that some texts open with ends (FA-KES repeats its title in the text), else 0."""
    title = (doc._.cs_title or "").strip()
    if title:
        at = doc.text.find(title[:80], 0, len(title) + 120)
        if at >= 0:
            return at + len(title)
    first = next(iter(doc.sents), None)
    if first is not None and not first.text.rstrip().endswith((".", "!", "?", '"', "”")) and len(first) < 40:
        return first.end_char  # a first line with no full stop is a headline
    return 0


def _drop_headline_repeats(events: list[EventMention], headline: int) -> list[EventMention]:
    """A figure in the headline that the body repeats is one claim: keep the body's (better sourced) one.

    A headline figure the body does not repeat is credited as the lede credits its figures: headlines
    drop the "monitor says" that the first sourced sentence carries.
    """
    body_events = [e for e in events if e.start >= headline]
    body = [(c.kind, v) for e in body_events for c in e.counts for v in (c.low, c.high) if v]
    lede = next((e.sources for e in body_events[:3] if e.counts and e.sources and e.sources[0]["kind"] != "outlet"), None)
    out = []
    for e in events:
        if e.start < headline and e.counts:
            kept = [c for c in e.counts if not any((c.kind, v) in body for v in (c.low, c.high) if v)]
            if not kept:
                continue
            e.counts = kept
            if lede and (not e.sources or e.sources[0]["kind"] == "outlet"):
                e.sources = [dict(s) for s in lede]
                for c in kept:
                    c.sources = e.sources
        out.append(e)
    return out


def _named_as_party(doc: Doc, place: PlaceMention) -> bool:
    """A country named as a party, not as where something happened.

    "a Britain-based monitor", "U.S. President Obama", "an account backed by Iran", "Sabra said in Turkey":
    in an article about Syria, none of these puts an event in Britain, the US, Iran or Turkey.
    """
    if place.precision != "country":
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    after = doc.text[place.end : place.end + 7].lower()
    if after.startswith(("-based", " based", "-led", " led", "-backed", " backed")):
        return True
    if root.dep_ in ("compound", "nmod", "poss", "nsubj", "amod") or root.ent_type_ == "NORP":
        return True
    if root.dep_ == "conj" and root.head.dep_ in ("nsubj", "pobj") and root.head.head.lemma_ == "by":
        return True  # "backed by Iran and Russia"
    if root.dep_ == "pobj" and root.head.lower_ == "by":
        return True
    return root.dep_ == "pobj" and root.head.head.lemma_.lower() in REPORTING_VERBS


def _main_country(places: list[PlaceMention]) -> str | None:
    votes = Counter(p.record["cc"] for p in places)
    return votes.most_common(1)[0][0] if votes else None


def _most_specific(places: list[PlaceMention], main_cc: str | None) -> PlaceMention | None:
    if not places:
        return None
    return min(places, key=lambda p: (p.record["cc"] != main_cc, PRECISION_RANK.get(p.precision, 9)))


def _dominant_place(places: list[PlaceMention], main_cc: str | None) -> PlaceMention | None:
    local = [p for p in places if p.precision != "country" and p.record["cc"] == main_cc]
    if not local:
        return next((p for p in places if p.record["cc"] == main_cc), None)
    top = Counter(p.record["name"] for p in local).most_common(1)[0][0]
    return next(p for p in local if p.record["name"] == top)
