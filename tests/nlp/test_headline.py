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


def test_a_title_opening_with_a_number_is_not_read_as_the_datelines_time() -> None:
    title = "135 Civilians Killed in Bombardment on Idlib"
    text = f"Wednesday 07 December 2016 {title} Activists in Idlib province said 135 civilians were killed."
    start = len("Wednesday 07 December 2016 ")
    assert opening_breaks(text, title) == [start, start + len(title)]


def test_a_title_stays_one_sentence_with_its_full_stop(nlp) -> None:
    title = "3 Civilians Killed 38 Injured in Terrorist Rocket Attacks in Deir Ezzor Aleppo"
    doc = nlp.make_doc(f"01-06-2016 {title}. Two civilians were killed in Deir Ezzor city.")
    doc._.cs_title = title
    sents = [s.text for s in nlp(doc).sents]
    assert sents[1] == title + "."
    assert sents[2].startswith("Two civilians")


def test_an_agency_dateline_after_the_title_is_a_sentence_of_its_own(nlp) -> None:
    title = "Air raids kill at least 12 civilians in Syrias Aleppo Monitor"
    doc = nlp.make_doc(f"{title} AFP Monday 17 Oct 2016 Air strikes killed at least 12 civilians in Aleppo.")
    doc._.cs_title = title
    assert [s.text for s in nlp(doc).sents][1] == "AFP Monday 17 Oct 2016"
