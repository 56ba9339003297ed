from claimscope.ingest.dedup import NearDuplicates

WIRE = (
    "An air strike on a crowded market in the town of Maarat al-Numan killed at least 22 people on Wednesday, "
    "including five children, and wounded 40 others, the Syrian Observatory for Human Rights said. Rescue "
    "workers searched the rubble of shops and homes into the night while ambulances carried the wounded to "
    "hospitals in Idlib. Residents said the market was busy with shoppers when the jets struck twice."
)
COPY = "NORTHERN HERALD - Syria's war claimed more lives on Wednesday. " + WIRE + " (Wire Service A)"
OTHER = (
    "Clashes between government troops and insurgents in the northern Hama countryside left dozens dead over "
    "the past week, according to a monitor, as both sides brought in reinforcements and heavy weapons."
)


def test_a_republished_wire_story_points_to_the_original() -> None:
    index = NearDuplicates()
    assert index.check("wire", WIRE)[0] is None
    assert index.check("copy", COPY)[0] == "wire"
    assert index.check("other", OTHER)[0] is None


def test_the_index_survives_a_restart_through_stored_signatures() -> None:
    first = NearDuplicates()
    _, signature = first.check("wire", WIRE)
    second = NearDuplicates()
    second.load([("wire", signature)])
    assert second.check("copy", COPY)[0] == "wire"


def test_the_earliest_copy_is_the_original() -> None:
    index = NearDuplicates()
    index.check("wire", WIRE)
    index.check("copy", COPY)
    assert index.check("copy2", COPY + " More later.")[0] == "wire"
