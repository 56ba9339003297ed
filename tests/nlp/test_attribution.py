import pytest


def sources(result):
    return [(s.name, s.kind) for e in result.events for s in e.claimed_by[:1]]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("At least 22 people were killed, the Syrian Observatory for Human Rights said.",
         "Syrian Observatory for Human Rights", "monitor"),
        ("According to the Russian Coordination Center in Syria, 120 militants were killed.",
         "Russian Coordination Center in Syria", "military"),
        ("Syrian sources say around 2,000 terrorists have been killed.", "Syrian sources", "unnamed"),
        ("Twelve civilians were killed in the raid, activists said.", "activists", "unnamed"),
    ],
)
def test_named_and_unnamed_sources(read, text: str, name: str, kind: str) -> None:
    assert sources(read(text)) == [(name, kind)]


def test_unattributed_figure_is_claimed_by_the_outlet(read) -> None:
    result = read("The operations led to the deaths of 300 terrorists.", outlet="PressTV")
    assert sources(result) == [("PressTV", "outlet")]


def test_pronoun_resolves_to_the_source_named_before(read) -> None:
    text = ("The Syrian Observatory for Human Rights reported heavy fighting near Hama. "
            "It said 15 soldiers were killed.")
    assert ("Syrian Observatory for Human Rights", "monitor") in sources(read(text))


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The army denied that 31 civilians were killed.", "denied"),
        ("Reportedly, 14 fighters were killed in the clashes.", "hedged"),
        ("At least 14 fighters were killed in the clashes, the monitor said.", "asserted"),
    ],
)
def test_stance(read, text: str, stance: str) -> None:
    assert [e.stance for e in read(text).events if e.counts] == [stance]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The fighting claimed the lives of 129 loyalists according to an Observatory toll.",
         "Syrian Observatory for Human Rights", "monitor"),
        ("Two people were killed in the blast, a source at Aleppo Police Command told SANA.",
         "source at Aleppo Police Command", "unnamed"),
        ("At least 359 civilians have been killed since the regime declared the end of the truce, "
         "according to civil defense officials.", "Syrian Civil Defence", "other"),
    ],
)
def test_who_speaks_in_a_source_phrase(read, text: str, name: str, kind: str) -> None:
    assert sources(read(text))[0] == (name, kind)


def test_a_figure_between_two_sentences_citing_one_source_is_theirs(read) -> None:
    text = ("The Syrian Observatory for Human Rights said rebels fired rockets at the airport. "
            "Rockets hit Latakia, killing one person and wounding six. "
            "Rockets also struck near the air base, the Observatory said.")
    assert set(sources(read(text))) == {("Syrian Observatory for Human Rights", "monitor")}


def test_according_to_wins_over_a_misparsed_reporting_verb(read) -> None:
    text = ("Since Sept. 19 when the regime declared the end of the cease-fire at least 359 civilians have been "
            "killed by airstrikes on Aleppo according to civil defense officials.")
    assert sources(read(text))[0] == ("Syrian Civil Defence", "other")


def test_claiming_lives_is_a_toll_not_a_claim(read) -> None:
    assert sources(read("The air force strike claimed the lives of at least 32 people.", outlet="Wire"))[0] == (
        "Wire", "outlet")


@pytest.mark.parametrize(
    "text",
    [
        "The monitor stressed that 15 soldiers were killed in the clashes.",
        "The Syrian Observatory for Human Rights pointed out that 15 soldiers were killed in the clashes.",
    ],
)
def test_more_reporting_verbs(read, text: str) -> None:
    assert sources(read(text))[0][1] != "outlet"


def test_a_lede_figure_restated_as_a_sources_figure_is_that_sources(read) -> None:
    text = ("Two civilians were killed in rocket attacks on Deir Ezzor city. "
            "A source at Deir Ezzor Governorate told SANA that terrorists fired several shells at dawn. "
            "The attacks according to the source claimed the lives of two persons.")
    claimed = {(c.low, s.name) for e in read(text, outlet="manar").events for c in e.counts for s in e.claimed_by[:1]}
    assert claimed == {(2, "source at Deir Ezzor Governorate")}


def test_a_later_figure_of_the_same_size_is_not_taken_for_a_restatement(read) -> None:
    text = ("Shelling hit the market. Rescuers searched the rubble. Medics treated the wounded. "
            "Families fled the area. Three people were wounded in a separate raid on Sunday. "
            "Activists said three people were wounded in Idlib.")
    result = read(text, outlet="manar")
    assert ("manar", "outlet") in sources(result)


def test_the_source_points_back_to_the_source_named_before(read) -> None:
    text = ("A source at Aleppo Police Command said terrorists shelled al-Shrafiyeh. "
            "According to the source, the attack killed a woman.")
    assert sources(read(text)) == [("source at Aleppo Police Command", "unnamed")]


def test_a_sentence_final_speaker_beats_a_misparsed_subject(read) -> None:
    text = ("A US-led coalition air strike killed at least 18 civilians on Tuesday in Raqqa "
            "the Syrian Observatory for Human Rights monitor said.")
    assert sources(read(text)) == [("Syrian Observatory for Human Rights", "monitor")]


def test_quoted_sources_are_the_original_and_it_is_the_one_quoting(read) -> None:
    text = ("The Observatory quoted trusted sources as saying that Islamic State had executed 270 people. "
            "It said at least 40 Islamic State fighters were killed in the offensive.")
    assert sources(read(text)) == [("trusted sources", "unnamed"), ("Syrian Observatory for Human Rights", "monitor")]


def test_a_definite_description_points_back_to_the_source_named_before(read) -> None:
    text = ("The Syrian Observatory for Human Rights reported air strikes on Raqqa. "
            "The Britain-based group said four children were among the dead.")
    assert sources(read(text))[-1] == ("Syrian Observatory for Human Rights", "monitor")


def test_a_speaker_before_a_participle_clause_is_still_the_speaker(read) -> None:
    text = ("Air strikes killed at least 12 civilians in Aleppo on Monday a monitor said "
            "bringing to 45 the number killed in 24 hours.")
    assert set(sources(read(text))) == {("monitoring group", "monitor")}


def test_images_are_not_sources_and_said_the_source_points_back(read) -> None:
    text = ("A source at Hasaka Police Command told SANA reporter that a suicide terrorist blew himself up in "
            "central Qamishli city. Images showed that five civilians were killed said the source noting that the "
            "death toll is likely to rise.")
    assert sources(read(text))[-1] == ("source at Hasaka Police Command", "unnamed")
