"""What the components write onto a Doc: small records with character spans, read by ``reader.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PlaceMention:
    start: int  # char offsets into doc.text
    end: int
    text: str  # as written, with precision words ("northern Hama")
    record: dict[str, Any]  # the gazetteer entry chosen
    precision: str
    sent: int  # index of the sentence


@dataclass
class CountMention:
    start: int
    end: int
    text: str
    kind: str
    low: int | None
    high: int | None
    approx: bool
    vague: str | None
    estimate: int | None
    victims: str | None
    what: str | None
    sent: int
    number_start: int  # char offset of the number itself, to order and dedupe
    sources: list[dict[str, Any]] = field(default_factory=list)  # filled by attribution
    stance: str = "asserted"


@dataclass
class SourceMention:
    start: int
    end: int
    text: str
    name: str
    kind: str
    sent: int


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    name: str
    sent: int


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    date_start: str | None
    date_end: str | None
    sent: int
    aggregate: bool = False


@dataclass
class FramingMention:
    start: int
    end: int
    text: str
    technique: str
    neutral: str | None
    note: str | None
    refers_to: str | None = None
    # From the conflict-label lexicon: such a label may stand for an actor ("Takfiri terrorists" shelled ...)
    is_label: bool = True


@dataclass
class EventMention:
    sent: int
    start: int
    end: int
    event_type: str | None
    sub_event_type: str | None
    counts: list[CountMention]
    place: PlaceMention | None
    date: DateMention | None
    actors: list[tuple[str, ActorMention]]  # (role, mention)
    sources: list[dict[str, Any]]
    stance: str
    aggregate: bool
