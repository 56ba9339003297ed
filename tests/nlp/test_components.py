"""The components are installed spaCy factories that work on a blank pipeline and in nlp.pipe batches."""

import pytest
import spacy

from claimscope.nlp.factories import COMPONENTS


def test_factories_are_registered_through_entry_points() -> None:
    nlp = spacy.blank("en")
    for name in ("claimscope_places", "claimscope_dates", "claimscope_framing", "claimscope_actors"):
        nlp.add_pipe(name)
    nlp.add_pipe("sentencizer", first=True)
    doc = nlp("Takfiri terrorists attacked Hama on Wednesday.")
    assert [p.record["name"] for p in doc._.cs_places] == ["Hama"]
    assert [f.technique for f in doc._.cs_framing][:1] == ["Name_Calling,Labeling"]


@pytest.mark.parametrize("name", COMPONENTS)
def test_every_component_is_a_registered_factory(name: str) -> None:
    from spacy.language import Language

    assert Language.has_factory(name)


def test_framing_gives_a_neutral_wording(read) -> None:
    result = read("The so-called monitor repeated the lies of the Takfiri terrorists.")
    flagged = {f.text.lower(): f for f in result.framing}
    assert "takfiri terrorists" in flagged and flagged["takfiri terrorists"].neutral
    assert "so-called" in flagged and flagged["so-called"].technique == "Doubt"


def test_pipe_matches_single_calls(nlp) -> None:
    texts = ["Four soldiers were killed in Idlib.", "Rebels captured 14 soldiers near Hama.", "Nothing happened."]
    batched = [[c.text for c in d._.cs_counts] for d in nlp.pipe(texts)]
    single = [[c.text for c in nlp(t)._.cs_counts] for t in texts]
    assert batched == single and batched[2] == []
