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


@pytest.mark.parametrize(("one_side", "other_side"), MIRRORS)
def test_both_sides_are_flagged_alike(read, one_side: str, other_side: str) -> None:
    a, b = read(one_side).framing, read(other_side).framing
    assert a and b
    assert sorted(f.technique for f in a) == sorted(f.technique for f in b)
    assert all(f.neutral is not None for f in a + b if f.technique == "Name_Calling,Labeling")


@pytest.mark.parametrize("text", NEUTRAL)
def test_neutral_wording_is_not_flagged(read, text: str) -> None:
    assert read(text).framing == []
