"""The `onrecord` command: export, check (diagnostics, --strict), and bad input without tracebacks."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from onrecord.cli import main

from .conftest import CONTENT, FIXTURES, REFERENCE, write_transcript

DIAGNOSTIC = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<level>info|warning|error): (?P<message>.+) \[(?P<code>[a-z]+\.[a-z_]+)\]$")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_export_prints_the_json_of_the_design():
    result = run("export", str(REFERENCE))
    assert result.exit_code == 0
    exported = json.loads(result.stdout)
    # A placeholder's id is of its transcript ("input-operator" in the fixture): the slug is all that differs.
    expected = json.loads((FIXTURES / "reference" / "expected.json").read_text().replace('"input-', '"tesla-2015-q3-'))
    expected["slug"] = "tesla-2015-q3"
    assert exported == expected
    assert exported["schema"] == "onrecord.transcript/1"
    assert set(exported["turns"][0]) >= {"id", "speaker", "label", "section", "exchange", "paragraphs", "line"}


def test_check_of_the_content_passes_strict_with_the_acknowledged_warning():
    result = run("check", str(CONTENT), "--strict")
    assert result.exit_code == 0, result.output
    assert "1 transcripts, 181 turns: 0 errors, 0 warnings" in result.stderr


def test_check_prints_path_line_level_message_code(tmp_path):
    write_transcript(tmp_path, "call.txt", "Hello before anyone.\n\nAlice Smith - Chief Executive Officer\n\nHi.\n")
    result = run("check", str(tmp_path))
    warning = next(l for l in result.stderr.splitlines() if "[speaker.missing]" in l)
    assert DIAGNOSTIC.match(warning)
    assert warning.endswith(
        "transcripts/call.txt:1: warning: text before the first speaker; it is kept as an unattributed turn "
        "[speaker.missing]"
    )
    assert result.exit_code == 0  # warnings fail only with --strict


def test_check_strict_fails_after_reporting_every_warning(tmp_path):
    write_transcript(tmp_path, "a.txt", "Before anyone.\n\nAlice Smith - Chief Executive Officer\n\nHi.\n")
    write_transcript(tmp_path, "b.txt", "Also before anyone.\n\nBob Jones - Big Bank LLC\n\nHello.\n")
    result = run("check", str(tmp_path), "--strict")
    assert result.exit_code == 1
    warned = [m.group("path") for l in result.stderr.splitlines() if (m := DIAGNOSTIC.match(l)) and m.group("level") == "warning"]
    assert [p.rsplit("/", 1)[-1] for p in warned] == ["a.txt", "b.txt"]


def test_acknowledging_a_code_in_front_matter_makes_it_info_and_strict_passes(tmp_path):
    write_transcript(
        tmp_path, "a.txt",
        "---\ntitle: A\nacknowledge: [speaker.missing]\n---\nBefore anyone.\n\nAlice Smith - Chief Executive Officer\n\nHi.\n",
    )
    result = run("check", str(tmp_path), "--strict")
    assert result.exit_code == 0
    assert re.search(r"a\.txt:5: info: text before the first speaker.*\(acknowledged\) \[speaker\.missing\]", result.stderr)


def test_broken_front_matter_is_an_error_with_its_line_not_a_traceback(tmp_path):
    write_transcript(tmp_path, "bad.txt", "---\ntitle: [unclosed\ndate: 2015-11-03\n---\nAlice Smith - Chief Executive Officer\n\nHi.\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    assert re.search(r"bad\.txt:\d+: error: front matter is not valid YAML.*\[meta\.yaml\]", result.stderr)
    assert "Traceback" not in result.output


def test_a_file_that_is_not_utf8_is_read_with_a_warning(tmp_path):
    path = tmp_path / "transcripts" / "old.txt"
    path.parent.mkdir(parents=True)
    path.write_bytes("Alice Smith - Chief Executive Officer\n\nIt\x92s fine at 5\x80.\n".encode("latin-1"))
    result = run("check", str(tmp_path))
    assert re.search(r"old\.txt:3: warning: file is not valid UTF-8; read as Windows-1252 \[source\.encoding\]", result.stderr)
    exported = json.loads(run("export", str(path)).stdout)
    assert exported["turns"][0]["paragraphs"] == ["It’s fine at 5€."]


def test_a_bad_date_is_a_warning_and_is_ignored(tmp_path):
    path = write_transcript(tmp_path, "a.txt", "---\ndate: 3 Nov 2015\n---\nAlice Smith - Chief Executive Officer\n\nHi.\n")
    result = run("export", str(path))
    assert json.loads(result.stdout)["date"] is None
    assert re.search(r"a\.txt:2: warning: date '3 Nov 2015' is not YYYY-MM-DD", result.stderr)


def test_an_empty_content_folder_is_a_warning(tmp_path):
    result = run("check", str(tmp_path), "--strict")
    assert result.exit_code == 1 and "no transcripts found [content.empty]" in result.stderr


def test_dashes_at_the_top_without_keys_are_text_not_front_matter(tmp_path):
    path = write_transcript(
        tmp_path, "a.txt", "---\n\nAlice Smith - Chief Executive Officer\n\nWe open with a rule.\n\n---\n\nAnd close.\n"
    )
    result = run("export", str(path))
    exported = json.loads(result.stdout)
    assert [t["paragraphs"] for t in exported["turns"]] == [["---"], ["We open with a rule.", "---", "And close."]]


def test_export_of_a_file_in_a_transcripts_folder_reads_only_that_file(tmp_path):
    target = write_transcript(tmp_path, "call.txt", "Alice Smith - Chief Executive Officer\n\nHello.\n")
    write_transcript(tmp_path, "broken.txt", "---\ntitle: [unclosed\n---\nText.\n")
    result = run("export", str(target))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["turns"][0]["paragraphs"] == ["Hello."]
    assert "broken.txt" not in result.stderr


def test_a_file_without_an_extension_is_read_by_its_layout(tmp_path):
    write_transcript(tmp_path, "call", "Alice Smith - Chief Executive Officer\n\nHello.\n\nBob Jones - UBS\n\nHi.\n\n"
                     "Alice Smith - Chief Executive Officer\n\nBye.\n")
    result = run("check", str(tmp_path), "--strict")
    assert result.exit_code == 0, result.output
    assert "1 transcripts, 3 turns" in result.stderr


def test_a_file_of_a_format_onrecord_does_not_read_is_reported_not_skipped_in_silence(tmp_path):
    write_transcript(tmp_path, "call.txt", "Alice Smith - Chief Executive Officer\n\nHello.\n")
    write_transcript(tmp_path, "call.docx", "binary")
    result = run("check", str(tmp_path), "--strict")
    assert result.exit_code == 1
    assert re.search(r"transcripts/call\.docx: warning: not read: '\.docx' .*\[content\.skipped\]", result.stderr)


def test_check_refuses_an_unresolvable_base_revision_instead_of_passing():
    # `origin/` is what a workflow passes when the base branch is unset: compared with nothing, every
    # anchor move would pass unseen.
    for base in ("origin/", "", "no-such-branch"):
        result = CliRunner().invoke(main, ["check", str(CONTENT), "--since", base])
        assert result.exit_code == 2, (base, result.output)
        assert "Invalid value for --since" in result.stderr


def test_check_outside_git_refuses_a_base_asked_for_and_passes_without_one(tmp_path):
    write_transcript(tmp_path, "call.txt", "Alice Smith - Chief Executive Officer\n\nHi.\n")
    asked = CliRunner().invoke(main, ["check", str(tmp_path), "--since", "HEAD"])
    assert asked.exit_code == 2 and "not in a git repository" in asked.stderr
    assert CliRunner().invoke(main, ["check", str(tmp_path)]).exit_code == 0
