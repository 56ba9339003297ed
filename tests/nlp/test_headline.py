from claimscope.nlp.headline import opening_breaks

TITLE = "Syria attack kills 70 WHO says"
TEXT = f"Wed 05 Apr 2017 {TITLE} Victims of a suspected chemical attack appeared to show symptoms."


def test_dateline_and_title_end_are_breaks() -> None:
    assert opening_breaks(TEXT, TITLE) == [len("Wed 05 Apr 2017 "), len("Wed 05 Apr 2017 ") + len(TITLE)]


def test_no_title_no_dateline_no_breaks() -> None:
    assert opening_breaks("Victims of a suspected attack appeared to show symptoms.", None) == []


def test_title_and_lede_are_separate_sentences(nlp) -> None:
    doc = nlp.make_doc(TEXT)
    doc._.cs_title = TITLE
    doc = nlp(doc)
    starts = [s.text for s in doc.sents]
    assert starts[0] == "Wed 05 Apr 2017"
    assert starts[1] == TITLE
    assert starts[2].startswith("Victims")
