import pytest

from claimscope.nlp.numbers import parse_number


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["27"], 27), (["2,000"], 2000), (["four"], 4), (["twenty-five"], 25), (["1.5", "million"], 1_500_000),
        (["two", "hundred", "and", "five"], 205), (["three", "thousand"], 3000), (["Thirty-five"], 35),
        (["dozen"], 12), (["tank"], None), ([], None),
    ],
)
def test_parse_number(words: list[str], value: int | None) -> None:
    assert parse_number(words) == value
