"""The krcn-lab command line: validate, clean FILE [--log] and fill-paragraphs, with exit codes."""

import subprocess
import sys

from conftest import REPO
from test_validate import edit_row

from krcn_lab.cli import main

SEED = REPO / "seeds" / "004_508489a84c2a7251.txt"


def test_command_line_validate_exits_1_and_prints_the_problem(data_copy):
    edit_row(data_copy / "participants.csv", {"actor_id": "ma_zhaoxu"}, actor_id="ma")
    result = subprocess.run([sys.executable, "-m", "krcn_lab.cli", "validate", "--data", str(data_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "participants.csv, line" in result.stderr and "'ma' is not a known actor_id" in result.stderr
    assert "Traceback" not in result.stderr


def test_command_line_validate_passes_on_the_shipped_data():
    result = subprocess.run(["krcn-lab", "validate"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("dataset valid")


def test_main_returns_exit_codes_instead_of_raising(tmp_path):
    assert main(["validate"]) == 0
    assert main(["clean", str(tmp_path / "missing.txt")]) == 2


def test_clean_prints_the_metadata_and_numbered_paragraphs(capsys):
    assert main(["clean", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1:3] == ["byline:     By Korea Herald", "published:  2024-05-16"]
    assert "paragraphs: 14\n" in out and "\n[1] " in out and "\n[14" in out and "\n[15" not in out
    assert "cleaning log" not in out


def test_clean_prints_title_standfirst_captions_and_a_dash_for_no_byline(capsys, tmp_path):
    assert main(["clean", str(SEED)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "title:      Korea-China relations  [headline line]"
    assert out[3] == ("standfirst: Seoul, Beijing should continue to hold talks to manage conflict, "
                      "seek cooperation amid challenges")
    assert main(["clean", str(REPO / "seeds" / "001_cf9a69334054b8ad.txt")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2:5] == ["published:  not stated in the page", "paragraphs: 15", ""]
    assert out[5].startswith("[1 caption] Korea's First Vice Foreign Minister") and out[7].startswith("[2] South")
    page = tmp_path / "page.txt"
    page.write_text("Seoul and Beijing hold talks\n\nThe two foreign ministers met in Beijing on Monday to "
                    "discuss trade.\n", encoding="utf-8")
    assert main(["clean", str(page)]) == 0
    assert capsys.readouterr().out == (
        "title:      Seoul and Beijing hold talks  [headline line]\nbyline:     -\n"
        "published:  not stated in the page\nparagraphs: 1\n\n"
        "[1] The two foreign ministers met in Beijing on Monday to discuss trade.\n")


def test_clean_log_lines_give_line_rule_action_and_the_start_of_the_text(capsys):
    assert main(["clean", str(REPO / "seeds" / "001_cf9a69334054b8ad.txt"), "--log"]) == 0
    log = capsys.readouterr().out.split("\ncleaning log (raw line, rule, action):\n")[1].splitlines()
    assert log[0] == "  line   1  headline           moved    South Korea, China hold long-awaited vice-ministerial strate"
    assert log[1] == "  line   3  breadcrumb         removed  Home > National > Diplomacy"
    assert len(log) == 22


def test_clean_with_log_lists_every_removed_line_with_its_rule(capsys):
    assert main(["clean", str(SEED), "--log"]) == 0
    out = capsys.readouterr().out
    log = out.split("cleaning log (raw line, rule, action):\n")[1].splitlines()
    assert log and all(line.startswith("  line ") for line in log)


def test_clean_names_the_file_it_cannot_read(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["clean", str(empty)]) == 2
    assert capsys.readouterr().err.startswith(f"krcn-lab clean: {empty}: the file is empty")


def test_fill_paragraphs_command_reports_what_it_filled(data_copy, capsys):
    assert main(["fill-paragraphs", "--data", str(data_copy)]) == 0
    assert capsys.readouterr().out == "nothing to fill\n"
    edit_row(data_copy / "statements.csv", {"statement_id": "s009"}, paragraph="")
    assert main(["fill-paragraphs", "--data", str(data_copy)]) == 0
    assert capsys.readouterr().out == "statements.csv: filled 1 paragraph number(s)\n"


def test_fill_paragraphs_command_names_a_broken_file_and_exits_2(data_copy, capsys):
    (data_copy / "articles.csv").unlink()
    assert main(["fill-paragraphs", "--data", str(data_copy)]) == 2
    assert capsys.readouterr().err == f"krcn-lab fill-paragraphs: {data_copy / 'articles.csv'}: file missing\n"


def test_validate_command_prints_problems_to_stderr_and_exits_1(data_copy, capsys):
    line = edit_row(data_copy / "actors.csv", {"actor_id": "park_jin"}, aliases="Cho Hyun")
    assert main(["validate", "--data", str(data_copy)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("1 problem(s) in the dataset:\n"
                            f"  actors.csv, line {line}: name or alias 'Cho Hyun' of park_jin also names cho_hyun\n")


def test_fill_paragraphs_command_lists_every_file_it_filled_one_per_line(data_copy, capsys):
    edit_row(data_copy / "statements.csv", {"statement_id": "s009"}, paragraph="")
    edit_row(data_copy / "claims.csv", {"claim_id": "clm_002"}, paragraph="")
    assert main(["fill-paragraphs", "--data", str(data_copy)]) == 0
    assert capsys.readouterr().out == ("statements.csv: filled 1 paragraph number(s)\n"
                                       "claims.csv: filled 1 paragraph number(s)\n")


def test_fill_paragraphs_command_reads_the_seeds_folder_it_is_given(data_copy, tmp_path, capsys):
    no_seeds = tmp_path / "no_seeds"
    no_seeds.mkdir()
    assert main(["fill-paragraphs", "--data", str(data_copy), "--seeds", str(no_seeds)]) == 2
    assert capsys.readouterr().err == ("krcn-lab fill-paragraphs: seeds/000_acd483dee9c6b4e7.txt: seed file missing "
                                       "(named by article bloomberg2025 in articles.csv)\n")


def test_validate_command_prints_success_to_stdout_and_reads_the_seeds_folder_given(tmp_path, capsys):
    assert main(["validate"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("dataset valid: 5 articles,") and captured.err == ""
    no_seeds = tmp_path / "no_seeds"
    no_seeds.mkdir()
    assert main(["validate", "--seeds", str(no_seeds)]) == 1
    assert capsys.readouterr().err.splitlines()[1] == (
        "  articles.csv: cannot clean a seed: seeds/000_acd483dee9c6b4e7.txt: seed file missing "
        "(named by article bloomberg2025 in articles.csv)")
