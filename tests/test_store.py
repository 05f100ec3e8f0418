"""The user store: add an article and its coded rows, read them back, take them out; bad input is harmless.

Every test runs against an empty store of its own (the ``user_store`` fixture in conftest.py
points KRCN_LAB_USER_DIR at it). The article used here is constructed for these tests from
facts already in the dataset (Cho Hyun and Wang Yi as foreign ministers in 2025); no outlet
published it.
"""

import hashlib
import os
from pathlib import Path

import pandas as pd
import pytest

import krcn_lab
from krcn_lab import dataset, files, load_mentions, store, userdata
from krcn_lab.cli import main
from krcn_lab.validation import validate

ARTICLE = """Seoul and Beijing foreign ministers speak by phone

Published: October 2, 2025

South Korean Foreign Minister Cho Hyun spoke with Chinese Foreign Minister Wang Yi by telephone on Tuesday, the ministry said.

Cho told Wang that Seoul wanted the two countries to keep deepening their strategic cooperative partnership.

Wang said China was ready to work with South Korea for peace and stability on the Korean Peninsula.
"""
OTHER = """Vice ministers to meet in Seoul next month

Published: October 9, 2025

Officials in Seoul said on Thursday that the two countries' vice foreign ministers would hold strategic talks next month.
"""
EVENT = "usr_2025_09_30_fm_call"
EVENTS = (
    "event_id,date,date_end,date_precision,date_basis,date_note,kind,category,cameo,title,place,place_basis,status,note\n"
    f"{EVENT},2025-09-30,,day,inferred,'on Tuesday' before the article of Thursday 2 October 2025,meeting,talks,040,"
    "Foreign ministers' telephone talks (Cho Hyun – Wang Yi),,unknown,occurred,\n"
)
EVENT_SOURCES = f"event_id,article_id,paragraph,quote\n{EVENT},,,spoke with Chinese Foreign Minister Wang Yi by telephone on Tuesday\n"
PARTICIPANTS = (
    "event_id,actor_id,side,role_at_event,article_id,paragraph,quote\n"
    f"{EVENT},cho_hyun,KOR,Foreign Minister,,1,South Korean Foreign Minister Cho Hyun\n"
    f"{EVENT},wang_yi,CHN,Foreign Minister,,1,Chinese Foreign Minister Wang Yi\n"
)
STATEMENTS = (
    "statement_id,event_id,actor_id,issue_id,act,stance,reported_by,article_id,paragraph,quote,note\n"
    f"usr_s1,{EVENT},cho_hyun,bilateral_ties,statement,support,article narration,,2,"
    "Seoul wanted the two countries to keep deepening their strategic cooperative partnership,\n"
)


def write(folder: Path, name: str, content) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def coded(tmp_path):
    """The constructed article and its coded rows as files, ready for add_article."""
    folder = tmp_path / "given"
    folder.mkdir()
    return {
        "path": write(folder, "phone_call.txt", ARTICLE),
        "events": write(folder, "events.csv", EVENTS),
        "event_sources": write(folder, "event_sources.csv", EVENT_SOURCES),
        "participants": write(folder, "participants.csv", PARTICIPANTS),
        "statements": write(folder, "statements.csv", STATEMENTS),
    }


def snapshot(root: Path) -> dict[str, str]:
    """Every file under the store, by relative path, with the SHA-256 of its bytes."""
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def add_coded(coded, **extra) -> str:
    paths = {k: v for k, v in coded.items() if k != "path"}
    return store.add_article(coded["path"], article_id="phone2025", outlet="Constructed wire", **paths, **extra)


# --- adding, reading back, removing ---------------------------------------------------------------

def test_added_rows_appear_with_include_user_only(coded, user_store):
    before = dataset.load_statements(include_user=True)  # cached before the add: the cache must notice
    assert add_coded(coded) == "phone2025"
    articles = dataset.load_articles(include_user=True).set_index("article_id")
    assert articles.at["phone2025", "title"] == "Seoul and Beijing foreign ministers speak by phone"
    assert articles.at["phone2025", "published"] == pd.Timestamp("2025-10-02")
    assert articles.at["phone2025", "outlet"] == "Constructed wire"
    assert articles.at["phone2025", "published_basis"] == "stated"
    paragraphs = dataset.load_paragraphs(include_user=True)
    mine = paragraphs[paragraphs.article_id == "phone2025"]
    assert mine.paragraph.tolist() == [1, 2, 3]
    assert mine.text.iloc[1].startswith("Cho told Wang that Seoul wanted")
    removed = dataset.load_removed_lines(include_user=True)
    assert removed[removed.article_id == "phone2025"][["line_no", "rule"]].values.tolist() == [
        [1, "headline"], [3, "dateline"]]
    events = dataset.load_events(include_user=True).set_index("event_id")
    assert events.at[EVENT, "rok_administration"] == "Lee Jae Myung"
    assert events.at[EVENT, "date"] == pd.Timestamp("2025-09-30")
    participants = dataset.load_participants(include_user=True)
    assert sorted(participants[participants.event_id == EVENT].actor_id) == ["cho_hyun", "wang_yi"]
    statements = dataset.load_statements(include_user=True).set_index("statement_id")
    assert len(statements) == len(before) + 1
    assert statements.loc["usr_s1", ["actor_id", "article_id", "paragraph", "cameo"]].tolist() == [
        "cho_hyun", "phone2025", 2, "01"]
    sources = dataset.load_event_sources(include_user=True)
    assert sources[sources.event_id == EVENT][["article_id", "paragraph"]].values.tolist() == [["phone2025", 1]]
    assert "phone2025" in dataset.cleaned_articles(include_user=True)
    assert len(dataset.load_claims(include_user=True)) == len(dataset.load_claims())
    mentions = load_mentions(include_user=True)
    mine = mentions[mentions.article_id == "phone2025"]
    assert mine[mine.paragraph == 2][["surface", "actor_id"]].values.tolist()[:2] == [["Cho", "cho_hyun"],
                                                                                      ["Wang", "wang_yi"]]
    # The default loaders are the package's alone.
    assert "phone2025" not in set(load_mentions().article_id)
    assert "phone2025" not in set(dataset.load_articles().article_id)
    assert "phone2025" not in set(dataset.load_paragraphs().article_id)
    assert EVENT not in set(dataset.load_events().event_id)
    assert "usr_s1" not in set(dataset.load_statements().statement_id)
    assert "phone2025" not in dataset.cleaned_articles()


def test_validate_with_the_user_rows_counts_their_quotes(coded):
    package = validate()
    add_coded(coded)
    report = validate(include_user=True)
    assert report.ok, str(report)
    assert report.checked["articles"] == package.checked["articles"] + 1
    assert report.checked["quotes"] == package.checked["quotes"] + 4  # 1 source, 2 participants, 1 statement
    assert validate().checked == package.checked


def test_a_problem_in_the_store_names_the_stores_file_and_line(coded, user_store):
    add_coded(coded)
    state = userdata.current_state()
    statements = state / "statements.csv"
    statements.write_text(statements.read_text(encoding="utf-8").replace("keep deepening", "keep widening"),
                          encoding="utf-8")
    report = validate(include_user=True)
    assert [str(p) for p in report.problems] == [
        f"{statements}, line 2: quote not found in phone2025 paragraph 2: 'Seoul wanted the two countries to keep "
        "widening their strategic coope…' (nor anywhere else in the article)"]
    assert validate().ok


def test_user_articles_lists_what_was_added(coded):
    add_coded(coded)
    listed = store.user_articles()
    assert listed[["article_id", "outlet", "n_paragraphs", "events", "participants", "statements"]].values.tolist() == [
        ["phone2025", "Constructed wire", 3, 1, 2, 1]]


def test_remove_takes_everything_back_out_and_restores_the_files(coded, user_store, tmp_path):
    other = write(tmp_path, "other.txt", OTHER)
    store.add_article(other, article_id="vice2025")
    before = snapshot(user_store)
    add_coded(coded)
    assert snapshot(user_store) != before
    store.remove_article("phone2025")
    assert snapshot(user_store) == before
    assert "phone2025" not in set(dataset.load_articles(include_user=True).article_id)
    assert EVENT not in set(dataset.load_events(include_user=True).event_id)
    assert "usr_s1" not in set(dataset.load_statements(include_user=True).statement_id)
    store.remove_article("vice2025")
    assert snapshot(user_store) == {".lock": hashlib.sha256(b"").hexdigest()}  # nothing but the empty lock file
    assert len(dataset.load_articles(include_user=True)) == len(dataset.load_articles())


def test_the_default_id_is_a_slug_of_the_title_and_a_hash(tmp_path):
    article_id = store.add_article(write(tmp_path, "x.txt", OTHER))
    assert article_id.startswith("vice_ministers_to_meet_in_seoul_next_mon_")
    assert len(article_id.rsplit("_", 1)[1]) == 6


def test_coded_rows_may_be_dataframes_and_a_title_may_be_given(tmp_path):
    body = "\n".join(ARTICLE.splitlines()[2:])  # no headline: the title given becomes the first line
    rows = pd.read_csv(write(tmp_path, "s.csv", STATEMENTS), dtype=str, keep_default_na=False)
    rows["paragraph"] = [2.0]  # a float, as pandas reads a number column with gaps
    sources = pd.DataFrame({"event_id": [EVENT], "quote": ["spoke with Chinese Foreign Minister Wang Yi"]})
    store.add_article(write(tmp_path, "body.txt", body), title="Ministers talk by phone", article_id="phone2025",
                      events=write(tmp_path, "e.csv", EVENTS), event_sources=sources, statements=rows,
                      genre="wire")
    articles = dataset.load_articles(include_user=True).set_index("article_id")
    assert articles.loc["phone2025", ["title", "genre"]].tolist() == ["Ministers talk by phone", "wire"]
    statements = dataset.load_statements(include_user=True).set_index("statement_id")
    assert statements.at["usr_s1", "paragraph"] == 2


# --- accepted encodings and formats -------------------------------------------------------------

def test_utf16_text_is_decoded(tmp_path):
    store.add_article(write(tmp_path, "utf16.txt", ARTICLE.encode("utf-16")), article_id="utf16")
    paragraphs = dataset.load_paragraphs(include_user=True)
    assert paragraphs[paragraphs.article_id == "utf16"].text.iloc[0].startswith("South Korean Foreign Minister Cho Hyun")


KOREAN = ("한중 외교장관 전화 통화\n\n조현 외교부 장관은 30일 왕이 중국 외교부장과 전화 통화를 하고 양국 관계 발전 방안을 "
          "논의했다.\n\n조 장관은 한중 전략적 협력 동반자 관계를 계속 발전시키자고 말했다.\n")


def test_a_cp949_korean_article_is_decoded(tmp_path):
    article_id = store.add_article(write(tmp_path, "seoul.txt", KOREAN.encode("cp949")), published="2025-10-02")
    assert article_id.startswith("seoul_")
    articles = dataset.load_articles(include_user=True).set_index("article_id")
    assert articles.at[article_id, "title"] == "한중 외교장관 전화 통화"
    assert articles.at[article_id, "published_basis"] == "unknown"
    assert articles.at[article_id, "published_note"].startswith("Date given when the article was added")
    paragraphs = dataset.load_paragraphs(include_user=True)
    assert paragraphs[paragraphs.article_id == article_id].text.tolist()[1] == \
        "조 장관은 한중 전략적 협력 동반자 관계를 계속 발전시키자고 말했다."


def test_an_html_page_is_extracted():
    page = Path(__file__).parent / "fixtures" / "articles" / "html_news_page.html"
    article_id = store.add_article(page, article_id="htmlpage")
    articles = dataset.load_articles(include_user=True).set_index("article_id")
    assert articles.at[article_id, "title"] == "Foreign ministers of Seoul and Beijing meet in Beijing"
    text = articles.at[article_id, "text"]
    assert "<" not in text and "Moon Jae-in" not in text  # no tags; the reader comment is left out
    assert "Cho told Wang that Seoul wants to deepen" in text


# --- bad input: refused with one line naming the file; the store unchanged ------------------------

def _case(tmp_path, coded, name):
    """(path, keyword arguments, expected start of the message) for each bad input."""
    given = Path(coded["path"]).parent
    made = iter(range(100))
    bad_csv = lambda file, old, new: write(given, f"bad{next(made)}_{file}", Path(coded[file.removesuffix('.csv')])
                                           .read_text(encoding="utf-8").replace(old, new))
    seed = Path(__file__).resolve().parent.parent / "seeds" / "004_508489a84c2a7251.txt"
    tables = {k: v for k, v in coded.items() if k != "path"}
    cases = {
        "empty": (write(tmp_path, "empty.txt", b""), {}, "{path}: the file is empty"),
        "whitespace": (write(tmp_path, "blank.txt", b" \n\t\n  \n"), {}, "{path}: the file has only whitespace"),
        "binary": (write(tmp_path, "data.txt", bytes(range(256)) * 8), {}, "{path}: the file looks binary"),
        "image": (write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)), {}, "{path}: the file is a PNG image"),
        "too large": (write(tmp_path, "huge.txt", ARTICLE * 20_000), {}, "{path}: the file is 8.4 MB, over the limit of 5 MB"),
        "missing": (tmp_path / "nowhere.txt", {}, "{path}: file not found"),
        "folder": (tmp_path, {}, "{path}: this is a folder, not a file"),
        "already in the store": (write(tmp_path, "again.txt", "\n" + OTHER), {},
                                 "{path}: this article is already in the store, as 'vice2025'"),
        "a seed": (seed, {}, "{path}: this article is already among the workbook's seed articles, as 'herald2024'"),
        "id in the store": (coded["path"], {"article_id": "vice2025"},
                            "{path}: the article id 'vice2025' is already used by an article in the store"),
        "id of a seed": (coded["path"], {"article_id": "herald2024"},
                         "{path}: the article id 'herald2024' is already used by a seed article"),
        "no date": (write(tmp_path, "undated.txt", "\n".join(ARTICLE.splitlines()[:1] + ARTICLE.splitlines()[3:])), {},
                    "{path}: the page states no publication date"),
        "quote not in the text": (coded["path"], {**tables, "statements": bad_csv("statements.csv", "keep deepening",
                                                                                  "keep widening")},
                                  "{statements}, line 2: quote not found in phone2025 paragraph 2"),
        "unknown actor": (coded["path"], {**tables, "participants": bad_csv("participants.csv", "cho_hyun,", "cho_hyunn,")},
                          "{participants}, line 2: actor_id 'cho_hyunn' is not a known actor_id in actors.csv"),
        "id of a package row": (coded["path"], {**tables, "statements": bad_csv("statements.csv", "usr_s1", "s001")},
                                "{statements}, line 2: duplicate key statement_id='s001' (first in the package's "
                                "statements.csv, line 2)"),
        "a stance not in the vocabulary": (
            coded["path"], {**tables, "statements": bad_csv("statements.csv", ",support,", ",positive,")},
            "{statements}, line 2: column 'stance' has 'positive'; allowed: support, oppose, neutral"),
        "an unknown column": (coded["path"], {**tables, "statements": bad_csv("statements.csv", "note\n", "speaker\n")},
                              "{statements}: unknown column(s) speaker"),
        "an event without a source": (coded["path"], {"events": coded["events"]},
                                      f"events.csv, line 1 (in the store"),
    }
    path, kwargs, expected = cases[name]
    if name == "an event without a source":
        expected = f"{coded['events']}, line 2: {EVENT} has no row in event_sources.csv"
    kwargs.setdefault("article_id", "phone2025")
    return path, kwargs, expected.format(path=path, **{k: v for k, v in kwargs.items() if k != "article_id"})


BAD = ["empty", "whitespace", "binary", "image", "too large", "missing", "folder", "already in the store", "a seed",
       "id in the store", "id of a seed", "no date", "quote not in the text", "unknown actor", "id of a package row",
       "a stance not in the vocabulary", "an unknown column", "an event without a source"]


@pytest.fixture
def one_article(tmp_path, user_store):
    """A store that already holds one article, so that 'unchanged' means something."""
    store.add_article(write(tmp_path, "other.txt", OTHER), article_id="vice2025")
    return snapshot(user_store)


@pytest.mark.parametrize("name", BAD)
def test_bad_input_through_python_is_refused_and_the_store_unchanged(name, tmp_path, coded, one_article, user_store):
    path, kwargs, expected = _case(tmp_path, coded, name)
    with pytest.raises(ValueError) as raised:
        store.add_article(path, **kwargs)
    message = str(raised.value)
    assert message.startswith(expected), message
    assert "\n" not in message
    assert snapshot(user_store) == one_article
    assert validate(include_user=True).ok


@pytest.mark.parametrize("name", BAD)
def test_bad_input_through_the_command_line_exits_2_with_one_line(name, tmp_path, coded, one_article, user_store,
                                                                  capsys):
    path, kwargs, expected = _case(tmp_path, coded, name)
    argv = ["add", str(path), "--id", kwargs.pop("article_id")]
    for table, csv in kwargs.items():
        argv += [f"--{table.replace('_', '-')}", str(csv)]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert err == f"krcn-lab add: {expected}" + err.removeprefix(f"krcn-lab add: {expected}")
    assert err.count("\n") == 1 and "Traceback" not in err and out == ""
    assert snapshot(user_store) == one_article


def test_an_unknown_article_field_is_refused(coded, one_article, user_store):
    with pytest.raises(store.StoreError, match=r"phone_call.txt: unknown article field\(s\) author; allowed: outlet"):
        store.add_article(coded["path"], author="Jane Doe")
    assert snapshot(user_store) == one_article


def test_removing_what_is_not_in_the_store_is_refused(one_article, user_store):
    with pytest.raises(store.StoreError, match=r"^nothing: no such article in the store at .* \(its articles: vice2025\)$"):
        store.remove_article("nothing")
    with pytest.raises(store.StoreError, match="^herald2024: a seed article of the workbook"):
        store.remove_article("herald2024")
    assert snapshot(user_store) == one_article


# --- a change killed halfway ----------------------------------------------------------------------

def _failing_after(monkeypatch, calls: int):
    """Make files.write_atomically write *calls* files, then raise as a crash would."""
    real, written = files.write_atomically, []

    def write_then_crash(path, text):
        if len(written) == calls:
            raise OSError(28, "No space left on device (simulated)")
        written.append(Path(path).name)
        real(path, text)

    monkeypatch.setattr(files, "write_atomically", write_then_crash)
    return written


@pytest.mark.parametrize("calls", [1, 8], ids=["after the first file", "at the pointer, the last file"])
def test_a_write_killed_halfway_leaves_the_store_intact_and_usable(calls, coded, one_article, user_store, monkeypatch):
    real = files.write_atomically
    written = _failing_after(monkeypatch, calls)
    with pytest.raises(OSError, match="simulated"):
        add_coded(coded)
    assert len(written) == calls  # the crash really came in the middle
    assert snapshot(user_store) == one_article
    assert set(dataset.load_articles(include_user=True).article_id) - set(dataset.load_articles().article_id) == {
        "vice2025"}
    monkeypatch.setattr(files, "write_atomically", real)
    assert add_coded(coded) == "phone2025"
    assert validate(include_user=True).ok


def test_leftovers_of_a_killed_process_are_ignored_then_swept(coded, one_article, user_store):
    leftover = user_store / ".staging-killed"
    (leftover / "texts").mkdir(parents=True)
    (leftover / "articles.csv").write_text("article_id,seed_file\nhalf", encoding="utf-8")
    (user_store / ".CURRENT.x.tmp").write_text("state-", encoding="utf-8")
    assert set(dataset.load_articles(include_user=True).article_id) >= {"vice2025"}
    assert validate(include_user=True).ok
    add_coded(coded)
    assert not leftover.exists() and not (user_store / ".CURRENT.x.tmp").exists()
    assert sorted(p.name for p in user_store.iterdir() if p.name.startswith("state-")) == [
        userdata.current_state().name]


# --- where the store lives -------------------------------------------------------------------------

def test_the_store_lives_outside_the_package_and_follows_the_variable(coded, user_store, monkeypatch):
    package = Path(krcn_lab.__file__).resolve().parent
    add_coded(coded)
    assert userdata.user_dir() == user_store and (user_store / "CURRENT").is_file()
    assert not user_store.resolve().is_relative_to(package.parent)
    assert not any("phone2025" in p.name for p in package.parent.rglob("phone2025*"))
    monkeypatch.delenv(userdata.ENV_VAR)
    default = userdata.user_dir()
    assert default.name == "krcn_lab" and not default.resolve().is_relative_to(package.parent)


def test_another_folder_is_another_store(coded, tmp_path, monkeypatch):
    add_coded(coded)
    monkeypatch.setenv(userdata.ENV_VAR, str(tmp_path / "elsewhere"))
    assert "phone2025" not in set(dataset.load_articles(include_user=True).article_id)
    assert store.user_articles().empty


def test_a_broken_pointer_is_named(coded, user_store):
    add_coded(coded)
    (user_store / "CURRENT").write_text("state-gone\n", encoding="utf-8")
    with pytest.raises(dataset.DatasetError, match=r"CURRENT: names 'state-gone', which is not a state folder"):
        dataset.load_articles(include_user=True)


# --- the command line ------------------------------------------------------------------------------

def test_add_list_validate_and_remove_on_the_command_line(coded, capsys, user_store):
    argv = ["add", str(coded["path"]), "--id", "phone2025", "--outlet", "Constructed wire", "--genre", "wire"]
    for table in ("events", "event_sources", "participants", "statements"):
        argv += [f"--{table.replace('_', '-')}", str(coded[table])]
    assert main(argv) == 0
    assert capsys.readouterr().out == f"added phone2025 to the store at {user_store}\n"
    assert main(["list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0] == f"store: {user_store}"
    assert listing[2].split()[:2] == ["phone2025", "Seoul"]
    assert main(["validate", "--user"]) == 0
    assert "6 articles" in capsys.readouterr().out
    assert main(["remove", "phone2025"]) == 0
    assert capsys.readouterr().out.startswith("removed phone2025")
    assert main(["remove", "phone2025"]) == 2
    assert capsys.readouterr().err.startswith("krcn-lab remove: phone2025: no such article in the store")
    assert main(["list"]) == 0
    assert "no articles added yet" in capsys.readouterr().out


def test_validate_user_exits_1_on_a_broken_store_row(coded, capsys):
    add_coded(coded)
    statements = userdata.current_state() / "statements.csv"
    statements.write_text(statements.read_text(encoding="utf-8").replace("cho_hyun", "nobody"), encoding="utf-8")
    assert main(["validate"]) == 0
    assert main(["validate", "--user"]) == 1
    assert f"{statements}, line 2: actor_id 'nobody' is not a known actor_id" in capsys.readouterr().err


# --- one change at a time -------------------------------------------------------------------------

def test_a_change_waits_for_the_lock_and_is_refused_when_it_stays_held(coded, one_article, user_store, monkeypatch):
    from filelock import FileLock

    monkeypatch.setattr(store, "LOCK_WAIT", 0.2)
    with FileLock(user_store / store.LOCK):  # another add or remove is under way
        with pytest.raises(store.StoreError) as refused:
            add_coded(coded)
        with pytest.raises(store.StoreError):
            store.remove_article("vice2025")
    assert str(refused.value) == (f"{user_store}: the store is busy: another add or remove has held it for 0.2 s; "
                                  "try again when it is done")
    assert snapshot(user_store) == one_article
    assert add_coded(coded) == "phone2025"  # once it is free, the change goes through


def _add_in_another_process(path: str, article_id: str, store_dir: str) -> str:
    os.environ["KRCN_LAB_USER_DIR"] = store_dir
    return store.add_article(path, article_id=article_id)


def test_two_adds_at_once_both_land(tmp_path, user_store):
    """Two processes add an article to one store at the same moment (two notebooks, a class on a shared
    drive): each waits for the other, and both articles are in the store afterwards."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    paths = [write(tmp_path, "phone.txt", ARTICLE), write(tmp_path, "other.txt", OTHER)]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        added = list(pool.map(_add_in_another_process, map(str, paths), ["phone2025", "vice2025"],
                              [str(user_store)] * 2))
    assert added == ["phone2025", "vice2025"]
    assert sorted(store.user_articles().article_id) == ["phone2025", "vice2025"]
    assert validate(include_user=True).ok
