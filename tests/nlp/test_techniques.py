"""The general-news framing detectors: emotive words, technique patterns and repetition."""

import pytest
import spacy

from claimscope.nlp.resources import load_loaded_words


def flagged(result) -> dict[str, str]:
    return {f.text: f.technique for f in result.framing}


@pytest.mark.parametrize("text", [
    "Twelve people were killed in an attack on the market on Tuesday, officials said.",
    "The war has displaced millions of people, the United Nations said.",
    "Two soldiers were wounded when their convoy was hit by a roadside bomb.",
])
def test_conflict_reporting_words_are_not_loaded(read, text: str) -> None:
    assert read(text).framing == []


def test_the_word_list_keeps_emotive_words_and_drops_report_words() -> None:
    words = load_loaded_words()
    assert {"disaster", "cruel", "disgraceful", "heroic"} <= set(words)
    assert not {"killed", "attack", "war", "wounded", "died", "good"} & set(words)


def test_emotive_words_are_loaded_language_but_not_inside_names(read) -> None:
    found = flagged(read("The governor's cruel stunt was a disaster, the Heritage Foundation said."))
    assert found["cruel"] == found["disaster"] == "Loaded_Language"
    assert not any("Heritage" in text for text in found)


def test_statements_span_their_clause_or_sentence(read) -> None:
    found = flagged(read("What about the veterans sleeping on the streets, senator? "
                         "Either we act now, or we lose everything."))
    assert found["What about the veterans sleeping on the streets"] == "Whataboutism,Straw_Men,Red_Herring"
    assert found["Either we act now, or we lose everything"] == "Black-and-White_Fallacy"


def test_a_loaded_word_used_again_is_repetition(read) -> None:
    result = read("It was a disgraceful vote. A disgraceful, cowardly vote.")
    marks = [(f.text.lower(), f.technique) for f in result.framing]
    assert marks.count(("disgraceful", "Loaded_Language")) == 2
    assert marks.count(("disgraceful", "Repetition")) == 1


def test_word_patterns_work_without_a_tagger() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimscope_framing")
    doc = nlp("Everyone knows it, plain and simple. Make America great again!")
    assert {f.technique for f in doc._.cs_framing} >= {"Bandwagon,Reductio_ad_hitlerum",
                                                        "Thought-terminating_Cliches", "Slogans"}


def test_a_short_question_in_the_writers_voice_is_doubt(read) -> None:
    result = read("The ministry says the plan was agreed with parents. Consulted with whom? Coincidence? Hardly.")
    doubts = [f.text for f in result.framing if f.technique == "Doubt"]
    assert doubts == ["Consulted with whom?", "Coincidence?"]


def test_a_long_question_is_not_taken_for_doubt(read) -> None:
    text = ("Reporters asked whether the government would publish the full list of contracts awarded during the "
            "emergency and when the inquiry would begin?")
    assert [f for f in read(text).framing if f.technique == "Doubt"] == []


@pytest.mark.parametrize(
    ("text", "slogan"),
    [
        ("Their answer was simple. Aspiration, not confiscation.", "Aspiration, not confiscation"),
        ("Marchers carried one banner: Homes for people, not for profit.", "Homes for people, not for profit"),
        ("The message to Brussels is plain. Our borders, our rules.", "Our borders, our rules"),
    ],
)
def test_contrast_and_parallel_slogans(read, text: str, slogan: str) -> None:
    assert slogan in [f.text for f in read(text).framing if f.technique == "Slogans"]


def test_a_plain_not_in_a_long_clause_is_no_slogan(read) -> None:
    text = "The ministry said the convoy was attacked near the border crossing, not at the checkpoint as first reported."
    assert [f for f in read(text).framing if f.technique == "Slogans"] == []
