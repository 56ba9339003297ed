"""Every claimscope spaCy factory, registered in one place.

Cheap to import: the component modules load their data in ``initialize()`` (or on first use), so the
``spacy_factories`` entry points can import this module freely.
"""

from __future__ import annotations

from spacy.language import Language

from claimscope.nlp.actors import ActorsComponent
from claimscope.nlp.attribution import AttributionComponent
from claimscope.nlp.counts import CountsComponent
from claimscope.nlp.dates import DatesComponent
from claimscope.nlp.events import EventsComponent
from claimscope.nlp.framing import FramingComponent
from claimscope.nlp.headline import HeadlineComponent
from claimscope.nlp.places import PlacesComponent

# The order the components run in; later ones read what earlier ones wrote.
COMPONENTS = (
    "claimscope_places",
    "claimscope_counts",
    "claimscope_attribution",
    "claimscope_actors",
    "claimscope_dates",
    "claimscope_framing",
    "claimscope_events",
)


@Language.factory("claimscope_headline", assigns=["token.is_sent_start"])
def make_headline(nlp: Language, name: str) -> HeadlineComponent:
    return HeadlineComponent(nlp, name)


@Language.factory("claimscope_places", assigns=["doc._.cs_places"], default_config={"gazetteer_path": None})
def make_places(nlp: Language, name: str, gazetteer_path: str | None) -> PlacesComponent:
    return PlacesComponent(nlp, name, gazetteer_path=gazetteer_path)


@Language.factory("claimscope_counts", assigns=["doc._.cs_counts"])
def make_counts(nlp: Language, name: str) -> CountsComponent:
    return CountsComponent(nlp, name)


@Language.factory("claimscope_attribution", assigns=["doc._.cs_counts"], requires=["doc._.cs_counts"])
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent(nlp, name)


@Language.factory("claimscope_actors", assigns=["doc._.cs_actors"])
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(nlp, name)


@Language.factory("claimscope_dates", assigns=["doc._.cs_dates"])
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent(nlp, name)


@Language.factory("claimscope_framing", assigns=["doc._.cs_framing"])
def make_framing(nlp: Language, name: str) -> FramingComponent:
    return FramingComponent(nlp, name)


@Language.factory(
    "claimscope_events",
    assigns=["doc._.cs_events"],
    requires=["doc._.cs_counts", "doc._.cs_places", "doc._.cs_dates", "doc._.cs_actors"],
)
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)
