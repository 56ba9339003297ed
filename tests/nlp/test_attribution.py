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
