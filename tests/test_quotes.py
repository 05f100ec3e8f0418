"""Where a quote stands in a cleaned article, and filling paragraph numbers from quotes."""

import csv
from types import SimpleNamespace

import pytest

from krcn_lab import dataset, quotes
from krcn_lab.quotes import fill_paragraphs
from test_validate import edit_row


def article(*paragraphs, **metadata):
    fields = {"title": "Seoul and Beijing talk", "byline": None, "standfirst": None, "credits": None, **metadata}
    return SimpleNamespace(paragraphs=[SimpleNamespace(number=n, text=t) for n, t in enumerate(paragraphs, start=1)],
                           **fields)


def test_paragraphs_with_lists_every_paragraph_holding_the_quote_verbatim():
    talk = article("Cho met Wang.", "Wang said ties should grow.", "Cho and Wang agreed.")
    assert quotes.paragraphs_with(talk, "Wang") == [1, 2, 3]
    assert quotes.paragraphs_with(talk, "ties should grow") == [2]
    assert quotes.paragraphs_with(talk, "ties should  grow") == []  # verbatim: spacing counts
    assert quotes.paragraphs_with(talk, "wang said") == []  # and so does case


def test_paragraphs_with_on_the_shipped_articles():
    cleaned = dataset.cleaned_articles()
    assert quotes.paragraphs_with(cleaned["joongang2024"], "Ma Zhaoxu") == [1, 3]
    assert quotes.paragraphs_with(cleaned["joongang2024"], "strategic dialogue") == [12, 14]
    assert quotes.paragraphs_with(cleaned["bloomberg2025"], "Beijing") == [2, 4, 9, 10]
    assert quotes.paragraphs_with(cleaned["joongang2024"], "SEO JI-EUN") == []


@pytest.mark.parametrize("field", ["title", "byline", "standfirst", "credits"])
def test_metadata_field_names_the_line_that_holds_the_quote(field):
    assert quotes.metadata_field(article("Body.", **{field: "By Seo Ji-eun, Seoul"}), "Seo Ji-eun") == field


def test_metadata_field_looks_only_at_metadata_and_prefers_the_first_line():
    talk = article("Seo Ji-eun wrote this.", byline="By Seo Ji-eun", credits="Seo Ji-eun contributed")
    assert quotes.metadata_field(talk, "Seo Ji-eun") == "byline"
    assert quotes.metadata_field(talk, "wrote this") is None
    cleaned = dataset.cleaned_articles()
    assert quotes.metadata_field(cleaned["joongang2024"], "SEO JI-EUN") == "byline"
    assert quotes.metadata_field(cleaned["bloomberg2025"], "Belinda Cao") == "credits"


def test_fill_rows_fills_one_hit_skips_metadata_and_reports_the_rest():
    cleaned = {"a1": article("Cho met Wang.", "Wang said ties should grow.", byline="By Seo Ji-eun")}
    rows = [
        {"article_id": "a1", "paragraph": "", "quote": "ties should grow"},   # line 2: filled with 2
        {"article_id": "a1", "paragraph": "", "quote": "Wang"},               # line 3: in 1 and 2
        {"article_id": "a1", "paragraph": "", "quote": "Seo Ji-eun"},         # line 4: the byline: no message
        {"article_id": "a1", "paragraph": "", "quote": "Xi"},                 # line 5: nowhere
        {"article_id": "a1", "paragraph": "1", "quote": "ties should grow"},  # line 6: already filled: kept
        {"article_id": "zz", "paragraph": "", "quote": "Wang"},               # line 7: unknown article
        {"article_id": "a1", "paragraph": None, "quote": ""},                 # line 8: no quote
    ]
    new, filled, messages = quotes.fill_rows(rows, cleaned, "claims.csv")
    assert [row["paragraph"] for row in new] == ["2", "", "", "", "1", "", ""]
    assert filled == 1
    assert messages == ["claims.csv, line 3: quote found in paragraphs [1, 2] of a1; left empty",
                        "claims.csv, line 5: quote found in no paragraph of a1; left empty"]
    assert rows[0]["paragraph"] == ""  # the input is not changed


def test_fill_paragraphs_fills_only_what_it_can_prove(data_copy):
    path = data_copy / "statements.csv"
    line = edit_row(path, {"statement_id": "s009"}, paragraph="")
    edit_row(path, {"statement_id": "s010"}, paragraph="", quote="South Korea")  # in many paragraphs
    messages = fill_paragraphs(data_copy)
    with path.open(encoding="utf-8") as handle:
        rows = {r["statement_id"]: r for r in csv.DictReader(handle)}
    assert rows["s009"]["paragraph"] == "5"
    assert rows["s010"]["paragraph"] == ""
    assert any("found in paragraphs" in m and "left empty" in m for m in messages)
    assert line == 10
    assert messages == ["statements.csv, line 11: quote found in paragraphs [1, 2, 3, 4, 6, 7, 8] of bloomberg2025; "
                        "left empty", "statements.csv: filled 1 paragraph number(s)"]


def test_fill_paragraphs_touches_no_file_when_there_is_nothing_to_fill(data_copy):
    before = {p.name: p.stat().st_mtime_ns for p in data_copy.iterdir()}
    assert fill_paragraphs(data_copy) == []
    assert {p.name: p.stat().st_mtime_ns for p in data_copy.iterdir()} == before


def test_fill_paragraphs_skips_a_file_with_no_rows(data_copy):
    (data_copy / "claims.csv").write_text("claim_id,topic,event_id,article_id,paragraph,quote,claim,note\n",
                                          encoding="utf-8")
    assert fill_paragraphs(data_copy) == []


def test_fill_paragraphs_adds_a_missing_paragraph_column_after_article_id(data_copy):
    path = data_copy / "event_sources.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["event_id", "article_id", "quote"], lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    messages = fill_paragraphs(data_copy)
    with path.open(encoding="utf-8", newline="") as handle:
        refilled = list(csv.DictReader(handle))
    assert list(refilled[0]) == ["event_id", "article_id", "paragraph", "quote"]
    assert [r["paragraph"] for r in refilled[:2]] == [rows[0]["paragraph"], rows[1]["paragraph"]] == ["7", "19"]
    assert messages[-1] == "event_sources.csv: filled 28 paragraph number(s)"


def test_fill_paragraphs_leaves_the_file_whole_when_writing_fails(data_copy, monkeypatch):
    path = data_copy / "statements.csv"
    edit_row(path, {"statement_id": "s009"}, paragraph="")
    before = path.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", full_disk)
    with pytest.raises(OSError):
        fill_paragraphs(data_copy)
    assert path.read_bytes() == before
    assert [p.name for p in data_copy.iterdir() if p.name.endswith(".tmp")] == []
