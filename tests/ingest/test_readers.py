"""Readers: every supported input kind becomes Articles, every bad input a Rejection with a reason."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from claimscope.ingest import read_inputs, read_stdin
from claimscope.ingest.checks import stable_id
from claimscope.ingest.readers import parse_date, split_title
from claimscope.model import Article, Rejection

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"

IDLIB = (
    "At least 12 civilians were killed in an air strike on the town of Ariha in Idlib province on Monday, "
    "the Syrian Observatory for Human Rights said."
)
GOOD = (
    "Five people were wounded when rebel shelling hit the city of Aleppo on Tuesday, state news agency SANA "
    "reported. Doctors said two of the wounded were in a critical condition."
)
GERMAN = (
    "Bei einem Luftangriff auf die Stadt Ariha in der Provinz Idlib sind am Montag mindestens zwölf Zivilisten "
    "getötet worden. Das teilte die Syrische Beobachtungsstelle für Menschenrechte mit. Unter den Toten seien "
    "auch mehrere Kinder, hieß es weiter. Die Rettungskräfte suchten noch nach Verschütteten."
)
FRENCH = (
    "Au moins douze civils ont été tués lundi dans une frappe aérienne sur la ville d'Ariha, dans la province "
    "d'Idlib, a indiqué l'Observatoire syrien des droits de l'homme. Parmi les victimes figurent plusieurs "
    "enfants. Les secouristes cherchaient encore des survivants sous les décombres."
)


def read(*paths: str | Path, **opts) -> list[Article | Rejection]:
    return list(read_inputs(list(paths), **opts))


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def articles(items: list[Article | Rejection]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def rejections(items: list[Article | Rejection]) -> list[Rejection]:
    return [i for i in items if isinstance(i, Rejection)]


# --- .txt -----------------------------------------------------------------------------------------------


def test_txt_first_line_before_blank_line_is_the_title():
    [article] = read(FIXTURES / "idlib_titled.txt")
    assert isinstance(article, Article)
    assert article.title == "Air strike kills 12 civilians in Idlib"
    assert article.text.startswith(IDLIB)
    assert article.text.endswith("survivors late in the evening.")
    assert "Air strike kills" not in article.text
    assert article.id == stable_id(article.text)


def test_txt_without_blank_line_has_no_title_and_keeps_every_line():
    [article] = read(FIXTURES / "aleppo_untitled.txt")
    assert isinstance(article, Article)
    assert article.title is None
    assert article.text == (FIXTURES / "aleppo_untitled.txt").read_text().strip()
    assert article.text.startswith("Five people were wounded")


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("Headline\n\nBody text.", "Headline", "Body text."),
        ("Headline\n  \t\nBody text.", "Headline", "Body text."),
        ("Headline\nBody text.", None, "Headline\nBody text."),
        ("One paragraph only.", None, "One paragraph only."),
        ("x" * 301 + "\n\nBody text.", None, "x" * 301 + "\n\nBody text."),
    ],
    ids=["blank-line", "whitespace-line", "no-blank-line", "single-line", "first-line-too-long"],
)
def test_split_title(text, title, body):
    assert split_title(text) == (title, body)


def test_txt_crlf_line_ends_are_normalised_before_the_title_split(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(f"Air strike in Idlib\r\n\r\n{IDLIB}\r\n".encode())
    [article] = read(path)
    assert isinstance(article, Article)
    assert (article.title, article.text) == ("Air strike in Idlib", IDLIB)


# --- .jsonl ---------------------------------------------------------------------------------------------


def test_jsonl_reads_good_records_and_rejects_bad_lines():
    path = FIXTURES / "articles.jsonl"
    items = read(path)
    assert len(items) == 4

    first, malformed, no_text, last = items
    assert isinstance(first, Article)
    assert first.id == "wire-1"
    assert first.title == "Shelling in Aleppo"
    assert first.outlet == "Damascus Daily"
    assert first.published == "2024-11-20"
    assert first.url == "https://example.org/aleppo"
    assert first.text.startswith("Five people were wounded")

    assert isinstance(malformed, Rejection)
    assert malformed.origin == f"{path}:2"
    assert "malformed JSON" in malformed.reason

    assert isinstance(no_text, Rejection)
    assert no_text.origin == f"{path}:3"
    assert "no 'text' field" in no_text.reason

    assert isinstance(last, Article)
    assert last.id == stable_id(last.text)  # no id given: content hash
    assert (last.outlet, last.published, last.title) == ("Gulf Times", "2024-09-11", None)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["a", "list"]', "must be an object"),
        ('{"text": 42}', "no 'text' field"),
        ('{"text": "   "}', "empty"),
        (json.dumps({"text": IDLIB, "published": "last Tuesday"}), "unreadable publication date"),
        ("{not json}", "malformed JSON"),
    ],
    ids=["not-an-object", "text-not-a-string", "blank-text", "bad-date", "malformed"],
)
def test_jsonl_bad_record_is_rejected_and_the_next_one_still_read(tmp_path, line, reason):
    path = tmp_path / "mixed.jsonl"
    path.write_text(line + "\n\n" + jsonl({"id": "ok", "text": IDLIB}))
    items = read(path)
    assert len(items) == 2
    assert isinstance(items[0], Rejection)
    assert items[0].origin == f"{path}:1"
    assert reason in items[0].reason
    assert isinstance(items[1], Article)
    assert (items[1].id, items[1].text) == ("ok", IDLIB)


def test_duplicate_article_in_jsonl_is_rejected(tmp_path):
    path = tmp_path / "dups.jsonl"
    path.write_text(jsonl({"id": "first", "text": IDLIB}, {"id": "second", "text": IDLIB}, {"text": GOOD}))
    items = read(path)
    assert len(items) == 3
    assert isinstance(items[0], Article) and items[0].id == "first"
    assert isinstance(items[1], Rejection)
    assert items[1].reason == f"duplicate of article first ({path}:1)"
    assert items[1].origin == f"{path}:2"
    assert isinstance(items[2], Article) and items[2].text == GOOD


def test_duplicates_are_found_across_files_and_despite_whitespace(tmp_path):
    (tmp_path / "a.txt").write_text(IDLIB)
    (tmp_path / "b.jsonl").write_text(jsonl({"id": "again", "text": IDLIB.replace(" ", "  ", 3)}))
    items = read(tmp_path / "a.txt", tmp_path / "b.jsonl")
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Rejection)
    assert items[1].reason == f"duplicate of article {items[0].id} ({tmp_path / 'a.txt'})"


def test_duplicate_rejection_names_the_input_it_came_from(tmp_path):
    (tmp_path / "a.txt").write_text(IDLIB)
    (tmp_path / "b.txt").write_text(IDLIB)
    items = read(tmp_path / "a.txt", tmp_path / "b.txt")
    assert isinstance(items[1], Rejection)
    assert items[1].origin == str(tmp_path / "b.txt")


# --- stable ids -----------------------------------------------------------------------------------------


def test_same_text_gets_the_same_id_across_calls(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(IDLIB)
    first = read(path)[0]
    second = read(path)[0]
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == second.id == stable_id(IDLIB)
    # the id is a pure function of the text (whitespace and case are normalised), not of the run or the file
    assert stable_id(IDLIB) == "11e375867dc41eb8"
    assert stable_id("  " + IDLIB.upper().replace(" ", "\n") + "\n") == stable_id(IDLIB)
    assert stable_id(IDLIB) != stable_id(IDLIB.replace("12", "13"))


# --- .csv -----------------------------------------------------------------------------------------------


def test_csv_with_fakes_columns_maps_fields_and_converts_dates():
    items = read(FIXTURES / "fakes_sample.csv")
    assert len(items) == 2
    a, b = items
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id == "1914947530"
    assert a.title == "Syria attack symptoms consistent with nerve agent use WHO"
    assert a.text.startswith("Victims of a suspected chemical attack in Syria")
    assert a.outlet == "reuters"
    assert a.published == "2017-04-05"  # M/D/YYYY -> YYYY-MM-DD
    assert (b.id, b.outlet, b.published) == ("1914947532", "sana", "2017-12-13")


def test_csv_with_contract_columns(tmp_path):
    path = tmp_path / "contract.csv"
    path.write_text(f'id,title,text,outlet,published,url\nc1,T,"{IDLIB}",Wire,2024-12-02,https://x.example/1\n')
    [article] = read(path)
    assert article == Article(
        id="c1", text=IDLIB, title="T", outlet="Wire", published="2024-12-02", url="https://x.example/1"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-04", "2024-12-04"),
        ("12/4/2024", "2024-12-04"),
        ("4/5/2017", "2017-04-05"),
        ("2024-12-04T09:30:00Z", "2024-12-04"),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


# --- .html ----------------------------------------------------------------------------------------------


def test_html_main_text_and_metadata():
    [article] = read(FIXTURES / "levant_wire.html")
    assert isinstance(article, Article)
    assert article.text.startswith(IDLIB)
    assert "still searching the rubble" in article.text
    for boilerplate in ("Home", "World news", "Subscribe", "Copyright", "cookie"):
        assert boilerplate not in article.text
    assert article.title == "Air strike kills 12 civilians in Idlib"
    assert article.outlet == "Levant Wire"
    assert article.byline == "Jane Doe"
    assert article.published == "2024-12-02"
    assert article.url == "https://levantwire.example/2024/12/02/idlib-strike"
    assert article.id == stable_id(article.text)


def test_html_without_a_date_has_no_published_date(tmp_path):
    html = (FIXTURES / "levant_wire.html").read_text()
    html = html.replace('<meta property="article:published_time" content="2024-12-02T09:30:00Z">', "")
    html = html.replace('href="https://levantwire.example/2024/12/02/idlib-strike"', 'href="https://levantwire.example/idlib"')
    path = tmp_path / "undated.html"
    path.write_text(html)
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.published is None


# --- directories ----------------------------------------------------------------------------------------


def test_directory_reads_every_supported_file_below_it(tmp_path):
    shutil.copy(FIXTURES / "idlib_titled.txt", tmp_path / "idlib.txt")
    shutil.copy(FIXTURES / "fakes_sample.csv", tmp_path / "fakes.csv")
    nested = tmp_path / "more" / "deeper"
    nested.mkdir(parents=True)
    shutil.copy(FIXTURES / "aleppo_untitled.txt", nested / "aleppo.TXT")
    (nested / "note.jsonl").write_text(jsonl({"id": "j1", "text": GOOD.replace("Five", "Six")}))
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (tmp_path / "notes.md").write_text("# not an article\n")

    items = read(tmp_path)
    assert rejections(items) == []
    got = articles(items)
    assert len(got) == 5
    assert {a.id for a in got} >= {"1914947530", "1914947532", "j1"}
    assert "Air strike kills 12 civilians in Idlib" in {a.title for a in got}
    assert any(a.text.startswith("Five people were wounded") for a in got)


def test_directory_without_supported_files_is_a_rejection(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    [item] = read(tmp_path)
    assert isinstance(item, Rejection)
    assert item.origin == str(tmp_path)
    assert "no supported files" in item.reason


# --- bad input: each is one Rejection, and the good file in the same call is still read ------------------

BAD_INPUTS = {
    "empty": ("empty.txt", b"", "empty"),
    "whitespace-only": ("blank.txt", b"  \n\t\r\n   \n", "empty"),
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "binary-jsonl": ("data.jsonl", b'{"text": "\x00\x01\x02"}\n' * 3, "binary"),
    "empty-csv": ("empty.csv", b"", "empty"),
    "html-without-text": ("blank.html", b"<html><head><title>Nothing</title></head><body></body></html>", "no article text"),
    "html-without-markup": ("plain.html", b"just words and no markup at all", "not HTML"),
    "too-large": ("huge.txt", ((IDLIB + " ") * (5_000_000 // len(IDLIB))).encode(), "too large"),
    "german": ("de.txt", GERMAN.encode(), "not English"),
    "french": ("fr.txt", FRENCH.encode(), "not English"),
}


@pytest.mark.parametrize(("name", "data", "reason"), BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_rejected_and_nothing_else_is_lost(tmp_path, name, data, reason):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)

    items = read(bad, good)
    [rejection] = rejections(items)
    assert rejection.origin == str(bad)
    assert reason in rejection.reason
    [article] = articles(items)
    assert article.text == GOOD


def test_too_large_reason_gives_size_limit_and_hint(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text((IDLIB + "\n") * (5_000_000 // len(IDLIB)))
    [item] = read(path)
    assert isinstance(item, Rejection)
    assert "limit 1,000,000" in item.reason
    assert "--max-chars" in item.reason


def test_missing_path_is_rejected_and_the_rest_still_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    missing = tmp_path / "nope" / "missing.txt"
    items = read(missing, good)
    assert items[0] == Rejection(str(missing), "no such file or directory")
    assert isinstance(items[1], Article) and items[1].text == GOOD


def test_malformed_html_does_not_crash(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><p>unclosed <div><<<>>>")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    items = read(path, good)
    assert len(items) == 2
    broken, article = items
    if isinstance(broken, Rejection):
        assert "no article text" in broken.reason
    else:
        assert "unclosed" in broken.text
    assert isinstance(article, Article) and article.text == GOOD


def test_html_with_only_boilerplate_is_rejected(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text(
        "<html><head><title>Nothing here</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<footer><p>Copyright 2024 Levant Wire. All rights reserved.</p></footer></body></html>"
    )
    [item] = read(path)
    assert isinstance(item, Rejection)
    assert "no article text" in item.reason


def test_non_utf8_text_is_decoded_not_rejected(tmp_path):
    text = (
        "The caf\u00e9 owner said \u201cwe heard the jets before dawn\u201d and at least 12 civilians were killed "
        "in the air strike on Ariha, the Syrian Observatory for Human Rights said. Rescuers\u2019 work went on "
        "through the night."
    )
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.text == text


def test_explicit_encoding_is_used_and_a_wrong_one_is_a_rejection(tmp_path):
    text = "The caf\u00e9 owner said \u201cwe heard the jets\u201d before the strike on Ariha, witnesses said."
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    [article] = read(path, encoding="cp1252")
    assert isinstance(article, Article) and article.text == text
    [rejection] = read(path, encoding="no-such-codec")
    assert isinstance(rejection, Rejection)
    assert "cannot decode as no-such-codec" in rejection.reason
    assert "--encoding" in rejection.reason


def test_language_and_size_checks_can_be_relaxed(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(GERMAN)
    [article] = read(path, check_language=False)
    assert isinstance(article, Article) and article.text == GERMAN
    [rejection] = read(path, check_language=False, max_chars=100)
    assert isinstance(rejection, Rejection) and "too large" in rejection.reason


@pytest.mark.parametrize(
    "text",
    [
        # two FA-KES rows py3langid ranks as Nigerian Pidgin ('pcm'): noisy English must still pass
        "Russian strikes kill 34 civilians in Syrias Deir Ezzor Monitor AFP Sunday 26 Nov 2017",
        "25 April 2017 51 martyrs from Kefraya and al-Fouaa escorted from Military Hospital in Aleppo",
    ],
    ids=["ahram-deir-ezzor", "sana-kefraya"],
)
def test_short_noisy_english_article_is_not_rejected_as_foreign(tmp_path, text):
    path = tmp_path / "short.txt"
    path.write_text(text)
    [item] = read(path)
    assert isinstance(item, Article), item


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Al menos doce civiles murieron el lunes en un ataque aéreo contra la ciudad de Ariha, según el Observatorio."),
        ("nl", "Bij een luchtaanval op de stad Ariha in de provincie Idlib zijn maandag zeker twaalf burgers omgekomen."),
        ("de", "Mindestens zwölf Zivilisten wurden am Montag in Ariha getötet."),
        ("fr", "Au moins douze civils ont été tués lundi à Ariha, selon l'OSDH."),
        ("ar", "قتل 12 مدنيا على الأقل في غارة جوية على مدينة أريحا في محافظة إدلب يوم الاثنين"),
    ],
)
def test_short_foreign_article_is_still_rejected(tmp_path, lang, text):
    path = tmp_path / "short.txt"
    path.write_text(text)
    [item] = read(path)
    assert isinstance(item, Rejection)
    assert f"not English (detected language: {lang})" in item.reason


# --- stdin ----------------------------------------------------------------------------------------------


def test_read_stdin_splits_title(monkeypatch):
    data = f"Air strike in Idlib\n\n{IDLIB}\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [article] = list(read_stdin())
    assert isinstance(article, Article)
    assert (article.title, article.text, article.id) == ("Air strike in Idlib", IDLIB, stable_id(IDLIB))


def test_read_stdin_empty_is_a_rejection(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert list(read_stdin()) == [Rejection("<stdin>", "empty input")]
