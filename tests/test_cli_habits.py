"""The command's habits, as the ecosystem has them: -h, global -q and -v, NO_COLOR, progress and a summary."""

from __future__ import annotations

import logging
import shutil

import pytest
from click.testing import CliRunner

from onrecord import cli
from onrecord.cli import main

from .conftest import CONTENT, REFERENCE

SMALL = "Alice Smith - Chief Executive Officer\n\nWe grew.\n\nBob Jones - Big Bank LLC\n\nBy how much?\n"


def run(*args: str, **env):
    return CliRunner().invoke(main, list(args), prog_name="onrecord", catch_exceptions=False, env=env or None)


@pytest.mark.parametrize("command", [[], ["check"], ["build"], ["serve"], ["export"], ["new"], ["speakers"], ["topics"]])
def test_h_prints_the_help_of_the_command_and_of_each_subcommand(command):
    result = run(*command, "-h")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: onrecord")
    assert "-h, --help" in result.stdout


def test_global_quiet_leaves_only_warnings_and_errors_of_check():
    loud, quiet = run("check", str(CONTENT), "--no-summary"), run("-q", "check", str(CONTENT), "--no-summary")
    assert ": info: " in loud.stderr
    assert ": info: " not in quiet.stderr
    assert quiet.exit_code == loud.exit_code == 0


class _Stderr:
    """The CLI's stderr, a terminal or not."""

    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def test_no_color_turns_colour_off_even_on_a_terminal(monkeypatch):
    monkeypatch.setattr(cli.sys, "stderr", _Stderr(terminal=True))
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli.color()


def test_no_colour_when_the_output_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(cli.sys, "stderr", _Stderr(terminal=False))
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert not cli.color()


def _content(folder, transcripts: int):
    (folder / "content" / "transcripts").mkdir(parents=True)
    for n in range(transcripts):
        (folder / "content" / "transcripts" / f"call-{n}.txt").write_text(SMALL, encoding="utf-8")


def test_a_build_of_many_transcripts_says_how_far_it_is_and_counts_its_notes_in_one_line(tmp_path, monkeypatch):
    _content(tmp_path, 8)
    monkeypatch.chdir(tmp_path)  # a folder with content/ and no mkdocs.yml
    result = run("build", NO_COLOR="1")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert any(line.startswith("INFO    -  Onrecord: reading 8 transcripts in ") for line in lines)
    progress = [line.split(": ", 1)[1].split() for line in lines if line.endswith("pages rendered")]
    assert 5 <= len(progress) <= 10  # a line at each tenth, never one a page
    assert progress[-1][0] == progress[-1][2]  # "14 of 14 pages rendered"
    assert not any(": info: " in line for line in lines)  # notes are counted, not listed
    assert any(line.startswith("INFO    -  Onrecord: ") and " notes about the transcripts (" in line for line in lines)
    assert lines[-1] == "Built: 0 errors, 0 warnings"
    assert "\x1b[" not in result.stderr


def test_verbose_build_lists_every_note_and_quiet_build_says_nothing_when_all_is_well(tmp_path, monkeypatch):
    _content(tmp_path, 2)
    monkeypatch.chdir(tmp_path)
    verbose = run("-v", "build")
    assert verbose.exit_code == 0, verbose.output
    assert any(": info: " in line for line in verbose.stderr.splitlines())
    quiet = run("-q", "build")
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == ""
    assert not logging.getLogger("mkdocs").handlers or all(
        not isinstance(h, cli._Counted) for h in logging.getLogger("mkdocs").handlers)  # nothing left behind


def test_build_in_a_folder_without_content_or_mkdocs_yml_says_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 2
    assert "no mkdocs.yml" in result.stderr and "content" in result.stderr
    assert "Traceback" not in result.output


def test_build_in_a_folder_with_only_content_uses_the_built_in_settings_not_this_repository(tmp_path, monkeypatch):
    (tmp_path / "content" / "transcripts").mkdir(parents=True)
    shutil.copy(REFERENCE, tmp_path / "content" / "transcripts")
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 0, result.output
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{tmp_path.name}</title>" in home  # the folder's name, not this repository's site_name
    assert (tmp_path / "site" / "transcripts" / "tesla-2015-q3" / "index.html").is_file()
    assert (tmp_path / "site" / "assets" / "onrecord.css").is_file()  # the theme onrecord
