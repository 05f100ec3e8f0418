"""Bad input: every file a user may hand to `krcn-lab clean` or `krcn-lab analyze` gets either a
usable article or a one-line message that names the file and the problem, and a non-zero exit."""

import subprocess
import sys

import pytest

from krcn_lab.cli import main
from krcn_lab.inputs import MAX_BYTES, InputError, decode_article, read_article

ARTICLE = ("Seoul and Beijing hold strategic talks\n\n"
           "South Korean Foreign Minister Cho Hyun met Chinese Foreign Minister Wang Yi in Beijing on Wednesday.\n\n"
           "Cho said the two countries should deepen their strategic cooperative partnership.\n")
KOREAN = ("조현 외교부 장관, 베이징에서 왕이 외교부장과 회담\n\n"
          "조현 외교부 장관은 17일 중국 베이징에서 왕이 중국 외교부장과 만나 한중 관계 발전 방안을 논의했다고 외교부가 밝혔다.\n\n"
          "두 장관은 전략적 협력 동반자 관계를 심화하고 고위급 교류를 이어가기로 했다.\n")
ONE_TAG_PER_LINE = """<!DOCTYPE html>
<html>
<head>
<title>
Seoul and Beijing hold strategic talks
</title>
</head>
<body>
<div class="menu">
<a href="/">
Home
</a>
<a href="/world">
World
</a>
</div>
<h1>
Seoul and Beijing hold strategic talks
</h1>
<p>
South Korean Foreign Minister Cho Hyun met Chinese Foreign Minister Wang Yi in Beijing on Wednesday, the ministry said.
</p>
<p>
Cho said the two countries should deepen their strategic cooperative partnership and keep talking.
</p>
<div id="comments" class="comments">
<p class="comment">
Great article, thanks for writing it, I really enjoyed reading about the two ministers today.
</p>
</div>
</body>
</html>
"""


def bad_files(tmp_path):
    """(name, what to write, the problem the message must name) for every kind of bad input."""
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    (tmp_path / "folder.txt").mkdir()
    cases = {
        "empty.txt": (b"", "the file is empty"),
        "blank.txt": (b"  \n\t\r\n   \n", "the file has only whitespace"),
        "binary.dat": (bytes(range(256)) * 8, "the file looks binary (it contains NUL bytes)"),
        "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(64), "the file is a PNG image, not a text article"),
        "mixed.txt": (b"\xff\xfe\x00b\x00i\x00n\x00a\x00r\x00y", "byte-order mark says utf-16-le but its text"),
        "report.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "the file is a PDF document"),
    }
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    problems = {name: problem for name, (_, problem) in cases.items()}
    problems["huge.txt"] = f"over the limit of {MAX_BYTES / 1e6:g} MB"
    problems["folder.txt"] = "this is a folder, not a file"
    problems["missing.txt"] = "file not found"
    return problems


def test_every_bad_file_gets_a_one_line_message_naming_it(tmp_path):
    for name, problem in bad_files(tmp_path).items():
        with pytest.raises(InputError) as caught:
            read_article(tmp_path / name)
        message = str(caught.value)
        assert message.startswith(f"{tmp_path / name}: ") and problem in message, message
        assert "\n" not in message


@pytest.mark.parametrize("command", ["clean", "analyze"])
def test_the_commands_exit_2_with_the_message_and_no_traceback(tmp_path, capsys, command):
    for name, problem in bad_files(tmp_path).items():
        if command == "analyze" and name == "folder.txt":
            continue  # a folder is what `analyze` reads file by file (test_analysis)
        assert main([command, str(tmp_path / name)]) == 2, name
        err = capsys.readouterr().err
        assert err.startswith(f"krcn-lab {command}: {tmp_path / name}: ") and problem in err, err
        assert err.count("\n") == 1 and "Traceback" not in err


def test_a_real_process_prints_one_line_and_no_traceback(tmp_path):
    (tmp_path / "blank.txt").write_bytes(b"\n \n")
    result = subprocess.run([sys.executable, "-m", "krcn_lab.cli", "analyze", str(tmp_path / "blank.txt")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == (f"krcn-lab analyze: {tmp_path / 'blank.txt'}: the file has only whitespace "
                             "(spaces, tabs, blank lines); an article needs a headline and at least one paragraph\n")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_text_in_any_encoding_form_is_decoded_not_called_binary(tmp_path, codec):
    path = tmp_path / "talks.txt"
    path.write_bytes(ARTICLE.encode(codec))
    given = read_article(path)
    assert given.text == ARTICLE and given.format == "text"
    assert given.encoding == {"utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-8-sig": "utf-8"}.get(codec, codec)


def test_utf16_article_is_cleaned_by_the_clean_command(tmp_path, capsys):
    path = tmp_path / "talks.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    assert main(["clean", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("title:      Seoul and Beijing hold strategic talks  [headline line]\n")
    assert "paragraphs: 2\n" in out


def test_korean_cp949_text_is_detected_and_decoded_exactly(tmp_path):
    path = tmp_path / "seoul.txt"
    path.write_bytes(KOREAN.encode("cp949"))
    given = read_article(path)
    assert given.text == KOREAN  # the decoded text, whatever the detector calls the encoding
    assert given.encoding in {"cp949", "euc_kr", "johab"}


def test_korean_euc_kr_text_is_cleaned(tmp_path, capsys):
    path = tmp_path / "seoul.txt"
    path.write_bytes(KOREAN.encode("euc-kr"))
    assert main(["clean", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("title:      조현 외교부 장관, 베이징에서 왕이 외교부장과 회담  [headline line]\n")


def test_an_english_page_saved_in_a_windows_encoding_keeps_its_curly_quotes():
    text = ("Seoul and Beijing hold talks\n\nThe two ministers met in Beijing on Wednesday and agreed to "
            "\u201cdeepen\u201d ties \u2013 for now, said the ministry\u2019s spokesperson.\n")
    # the detector may name a sibling code page (cp1250 for cp1252): the decoded text is what counts
    assert decode_article(text.encode("cp1252"), "en.txt").text == text


def test_html_with_one_tag_per_line_gives_a_clean_title_and_no_tags(tmp_path, capsys):
    path = tmp_path / "page.html"
    path.write_text(ONE_TAG_PER_LINE, encoding="utf-8")
    given = read_article(path)
    assert given.format == "html"
    assert given.text.splitlines()[0] == "Seoul and Beijing hold strategic talks"
    assert "<" not in given.text and "Great article" not in given.text  # no tags, no reader comment
    assert main(["clean", str(path), "--log"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("title:      Seoul and Beijing hold strategic talks  [headline line]\n")
    assert "paragraphs: 2\n" in out and "<" not in out and " menu " not in out


def test_a_text_page_mentioning_tags_is_not_taken_for_html():
    text = "A note on markup\n\nThe <p> tag marks a paragraph in a web page, as every reader of this column knows.\n"
    given = decode_article(text.encode(), "note.txt")
    assert given.format == "text" and given.text == text


def test_an_html_page_without_an_article_is_refused_by_name(tmp_path):
    path = tmp_path / "shop.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><p>Buy now</p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"shop.html: an HTML page in which no article text was found"):
        read_article(path)


def test_control_characters_mean_binary(tmp_path):
    with pytest.raises(InputError, match=r"x.bin: the file looks binary \(\d+ control characters\)"):
        decode_article(b"\x01\x02\x03\x04 not really text \x05\x06\x07\x08\x0e\x0f" * 10, "x.bin")


def test_the_size_limit_can_be_set(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert read_article(path).text == ARTICLE
    with pytest.raises(InputError, match=r"talks.txt: the file is 0.0 MB, over the limit of 0.0001 MB"):
        read_article(path, max_bytes=100)
