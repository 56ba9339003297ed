import pytest

from claimscope.eval.score import km


def place_of(result):
    (event,) = [e for e in result.events if e.counts]
    return event.location


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        ("Five soldiers were killed in northern Hama.", "Hama", "admin1"),
        ("Five soldiers were killed in the countryside of the city of Hama.", "Hama", "admin1"),
        ("Five soldiers were killed in the city of Hama.", "Hama", "city"),
        ("Five soldiers were killed in Idlib province.", "Idlib", "admin1"),
        ("Five civilians were killed in Khan Sheikhoun.", "Khan Sheikhoun", "city"),
        ("Five civilians were killed in Deir Ezzor.", None, None),
    ],
)
def test_place_precision(read, text: str, name: str | None, precision: str | None) -> None:
    place = place_of(read(text))
    assert place is not None
    if name:
        assert (place.name, place.precision) == (name, precision)
    assert place.country == "Syria"


def test_alternate_spellings_resolve_to_one_place(read) -> None:
    a = place_of(read("Three people were killed in Hamah."))
    b = place_of(read("Three people were killed in Hama."))
    assert km(a.lat, a.lon, b.lat, b.lon) < 1


def test_place_inside_a_source_name_is_not_where_it_happened(read) -> None:
    text = "Hospitals in Idlib are full. Strikes killed 120 terrorists, the Russian Coordination Center in Syria reported."
    assert place_of(read(text)).name == "Idlib"
