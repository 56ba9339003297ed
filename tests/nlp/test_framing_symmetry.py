"""Mirror-image sentences from opposite sides are flagged alike: each side's pejorative gets a label and a
neutral wording, and the neutral versions of both sentences get none."""

import pytest

MIRRORS = [
    ("The Takfiri terrorists shelled the village at dawn.", "The regime forces shelled the village at dawn."),
    ("Foreign mercenaries attacked the checkpoint.", "Assad's militias attacked the checkpoint."),
    ("The terrorists massacred the villagers.", "The regime massacred the villagers."),
    ("PKK terrorists fired rockets at the border town.", "Turkish occupation forces fired rockets at the town."),
    ("The so-called Syrian Observatory reported the deaths.", "The so-called Russian Reconciliation Center reported it."),
]
NEUTRAL = [
    "Armed opposition fighters shelled the village at dawn.",
    "Syrian government forces shelled the village at dawn.",
    "The Syrian Observatory for Human Rights reported the deaths.",
]

# General news: the same persuasion technique from the left and from the right
GENERAL_MIRRORS = [
    ("The radical left is destroying our country with reckless spending.",
     "The far-right extremists are destroying our country with reckless tax cuts."),
    ("Woke ideologues want to silence every parent who disagrees.",
     "MAGA extremists want to silence every teacher who disagrees."),
    ("Everyone knows the Democrats rigged the vote.", "Everyone knows the Republicans rigged the vote."),
    ("What about the Republicans who voted for the same bill?", "What about the Democrats who voted for the same bill?"),
    ("Either we close the border, or we lose the country.", "Either we pass the climate bill, or we lose the planet."),
    ("Make America great again!", "Make Russia great again!"),
    ("The senator called the governor a Nazi.", "The governor called the senator a Nazi."),
    ("Patriots across our nation reject this disgraceful deal.", "Patriots across our nation reject this disgraceful ban."),
    ("The shameless corporate media covered it up, plain and simple.",
     "The shameless fake news covered it up, plain and simple."),
    ("Greedy landlords are gouging tenants in an unprecedented power grab.",
     "Greedy unions are gouging taxpayers in an unprecedented power grab."),
]
GENERAL_NEUTRAL = [
    "The Senate passed the bill by 60 votes to 40 on Thursday.",
    "Inflation rose 3.2 percent in the year to March, the Labor Department said.",
    "The governor signed the measure, which takes effect in January.",
]


@pytest.mark.parametrize(("one_side", "other_side"), GENERAL_MIRRORS)
def test_general_news_techniques_are_flagged_alike(read, one_side: str, other_side: str) -> None:
    a, b = read(one_side).framing, read(other_side).framing
    assert a and b
    assert {f.technique for f in a} == {f.technique for f in b}


@pytest.mark.parametrize("text", GENERAL_NEUTRAL)
def test_plain_general_reporting_is_not_flagged(read, text: str) -> None:
    assert read(text).framing == []


@pytest.mark.parametrize(("one_side", "other_side"), MIRRORS)
def test_both_sides_are_flagged_alike(read, one_side: str, other_side: str) -> None:
    a, b = read(one_side).framing, read(other_side).framing
    assert a and b
    assert sorted(f.technique for f in a) == sorted(f.technique for f in b)
    assert all(f.neutral is not None for f in a + b if f.technique == "Name_Calling,Labeling")


@pytest.mark.parametrize("text", NEUTRAL)
def test_neutral_wording_is_not_flagged(read, text: str) -> None:
    assert read(text).framing == []
