import pytest

from tests.nlp.conftest import figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 27 people were killed in the raids.", ("killed", 27, None, False, None)),
        ("The strike killed as many as 120 fighters.", ("killed", None, 120, False, None)),
        ("Around 2,000 militants have been killed.", ("killed", 2000, 2000, True, None)),
        ("The army killed between 10 and 15 gunmen.", ("killed", 10, 15, False, None)),
        ("Dozens of soldiers were killed in the attack.", ("killed", None, None, False, "dozens")),
        ("Four children were wounded in the shelling.", ("injured", 4, 4, False, None)),
        ("Rebels captured 14 soldiers near the town.", ("captured", 14, 14, False, None)),
        ("More than 5,000 families have been displaced.", ("displaced", 5000, None, False, None)),
        ("The army destroyed 25 drones.", ("destroyed", 25, 25, False, None)),
        ("The operations led to the deaths of 300 terrorists.", ("killed", 300, 300, False, None)),
        ("The bombing left 12 people dead.", ("killed", 12, 12, False, None)),
        ("The blast killed five people and left dozens more wounded.", ("injured", None, None, False, "dozens")),
        ("Millions have been forced to flee their homes.", ("displaced", None, None, False, "millions")),
        ("More than a quarter of a million people have been killed.", ("killed", 250000, None, False, None)),
        ("Half a million people have died in the war.", ("killed", 500000, 500000, False, None)),
        ("An estimated 470000 may have died in the war.", ("killed", 470000, 470000, True, None)),
        ("Some 1500 people have fallen victims to the shelling.", ("killed", 1500, 1500, True, None)),
        ("The war has killed more than 100000people.", ("killed", 100000, None, False, None)),
        ("The war has wounded at least a million people.", ("injured", 1000000, None, False, None)),
        ("The Observatory put the death toll from the conflict at as high as 470000.", ("killed", None, 470000, False, None)),
        ("The militants crucified two men in the square.", ("killed", 2, 2, False, None)),
        ("The strikes caused more than a dozen casualties.", ("casualties", 12, None, False, None)),
        ("A large number of militants were killed and wounded.", ("casualties", None, None, False, "a large number of")),
        ("The army destroyed a number of ISIS vehicles.", ("destroyed", None, None, False, "a number of")),
        ("The shelling hit al-Midan killing 2 people injuring one person.", ("killed", 2, 2, False, None)),
    ],
)
def test_figure_kinds_and_bounds(read, text: str, expected: tuple) -> None:
    assert expected in figures(read(text))


@pytest.mark.parametrize(
    "text",
    [
        "The army advanced 20 kilometers north of the city in 2015.",
        "Brigade 93 moved into the area with 300 vehicles.",
        "More than 5,000 people were evacuated from the district.",
        "The boy, 12, said he saw the planes.",
        "Warplanes carried out 40 air strikes on Monday.",
        "The attack on 5 May destroyed the market.",
        "The 3rd brigade used 10km of road in the 1990s.",
    ],
)
def test_numbers_that_are_not_casualties(read, text: str) -> None:
    assert figures(read(text)) == []


def test_coordinated_figures(read) -> None:
    got = figures(read("The blast killed six people and wounded 32 others."))
    assert ("killed", 6, 6, False, None) in got
    assert ("injured", 32, 32, False, None) in got


def test_victims_are_the_counted_noun(read) -> None:
    result = read("Syrian troops killed 40 foreign fighters near Hama.")
    (count,) = [c for e in result.events for c in e.counts]
    assert count.victims == "foreign fighters"


def test_spans_index_the_text(read) -> None:
    text = "Activists said at least 16 civilians were killed and dozens were wounded in Kafr Nabudah."
    result = read(text)
    for event in result.events:
        for c in event.counts:
            assert text[c.span[0]:c.span[1]] == c.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fighting has claimed the lives of 129 loyalists.", ("killed", 129, 129, False, None)),
        ("A Russian military helicopter was shot down over Idlib.", ("destroyed", 1, 1, False, None)),
        ("The dead include 14 children.", ("killed", 14, 14, False, None)),
        ("Two women were stoned to death by the group.", ("killed", 2, 2, False, None)),
        ("The strikes killed 12 people, including an Al-Nusra commander.", ("killed", 1, 1, False, None)),
        ("Fifteen people were killed or wounded in the blast.", ("casualties", 15, 15, False, None)),
        ("Dozens were killed and injured in the attack.", ("casualties", None, None, False, "dozens")),
        ("The raids killed several hundred people.", ("killed", None, None, False, "several hundred")),
        ("The death toll has risen to 39.", ("killed", 39, 39, False, None)),
        ("A child was killed in the shelling.", ("killed", 1, 1, False, None)),
    ],
)
def test_more_figure_forms(read, text: str, expected: tuple) -> None:
    assert expected in figures(read(text))


def test_a_person_is_not_a_figure_without_a_casualty_word(read) -> None:
    assert figures(read("A man was seen near the market with a child.")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The monitor said at least 11 children were among the 26 civilians killed.", ("killed", 11, None, False, None)),
        ("The monitor said at least 11 children were among the 26 civilians killed.", ("killed", 26, 26, False, None)),
        ("The war has killed 300000 people and driven millions from their homes.",
         ("displaced", None, None, False, "millions")),
        ("Warplanes killed six people and wounded 32 in Idlib.", ("killed", 6, 6, False, None)),
    ],
)
def test_subsets_displacement_and_separate_verbs(read, text: str, expected: tuple) -> None:
    assert expected in figures(read(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two of the wounded died in hospital on Friday.", ("killed", 2, 2, False, None)),
        ("Three of the injured were children.", ("injured", 3, 3, False, None)),
    ],
)
def test_part_of_an_earlier_group(read, text: str, expected: tuple) -> None:
    assert expected in figures(read(text))


def test_one_person_near_a_toll_is_not_a_figure(read) -> None:
    assert figures(read("A doctor receiving the casualties confirmed the death toll on Monday.")) == []
