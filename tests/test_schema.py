"""One schema for every content file: types, real dates, unknown keys with "did you mean", YAML that cannot
explode; every failure a diagnostic `path:line: level: message [code]`, never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from onrecord import codes, schema
from onrecord.cli import main
from onrecord.diagnostics import Report
from onrecord.export import dumps
from onrecord.identity import load_directory
from onrecord.pipeline import load_transcript
from onrecord.plugin import OnrecordConfig, OnrecordPlugin
from onrecord.topics import load_topics_file

from .conftest import write_transcript

DIAGNOSTIC = re.compile(r"^(?P<path>[^:\n]+)(?::(?P<line>\d+))?: (?P<level>info|warning|error): (?P<message>.+) "
                        r"\[(?P<code>[a-z_]+\.[a-z_]+)\]$")
BODY = "Alice Smith - Chief Executive Officer\n\nHello, and welcome.\n"
# A billion laughs: 342 bytes whose aliases would expand to 9^9 strings.
BOMB = "".join(
    [f"a: &a [{', '.join(['lol'] * 9)}]\n"]
    + [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")]
)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def diagnostics(tmp_path: Path, front: str, body: str = BODY) -> tuple[Report, object]:
    path = write_transcript(tmp_path, "a.txt", f"---\n{front}---\n{body}")
    report = Report(root=tmp_path)
    return report, load_transcript(path, report)


def said(report: Report, code: str) -> list[str]:
    return [str(d) for d in report.diagnostics if d.code == code]


# --- dates ----------------------------------------------------------------------------------------


def test_a_date_that_is_no_calendar_date_is_a_diagnostic_not_a_traceback(tmp_path):
    write_transcript(tmp_path, "a.txt", f"---\ntitle: A\ndate: 2024-02-30\n---\n{BODY}")
    result = run("check", str(tmp_path), "--no-summary")
    assert result.exit_code == 0
    assert re.search(r"a\.txt:3: warning: date '2024-02-30' is not a real date \(day is out of range for month\); "
                     r"it is ignored \[meta\.date\]", result.stderr)


@pytest.mark.parametrize("value", ["2024-13-45", "2023-02-29", "0000-01-01", "2024-1-5", "20240105", "yesterday"])
def test_each_kind_of_wrong_date_is_reported_and_ignored(tmp_path, value):
    report, transcript = diagnostics(tmp_path, f"date: {value}\n")
    assert transcript.date is None and len(said(report, "meta.date")) == 1


def test_a_date_is_kept_as_written_text(tmp_path):
    report, transcript = diagnostics(tmp_path, "date: 2024-02-29\n")
    assert transcript.date == "2024-02-29" and transcript.meta["date"] == "2024-02-29" and not said(report, "meta.date")


def test_an_explicitly_tagged_timestamp_does_not_crash(tmp_path):
    report, transcript = diagnostics(tmp_path, "date: !!timestamp 2024-02-30\n")
    assert transcript.date is None and said(report, "meta.date")


def test_a_site_of_dates_before_1970_and_after_2106_builds(tmp_path):
    content = tmp_path / "content"
    for date in ("0001-01-01", "1900-05-06", "2200-01-01", "9999-12-31"):
        write_transcript(content, f"t-{date}.txt", f"---\ntitle: T {date}\ndate: {date}\n---\n{BODY}")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\ndocs_dir: {content}\nsite_dir: {tmp_path / 'site'}\ntheme: {{name: null, custom_dir: "
        f"{Path(__file__).resolve().parent.parent / 'theme'}}}\nplugins:\n  - onrecord:\n      search: false\n"
    )
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert (tmp_path / "site" / "sitemap.xml.gz").is_file()
    assert (tmp_path / "site" / "transcripts" / "t-2200-01-01" / "index.html").is_file()


# --- onrecord new ---------------------------------------------------------------------------------


def test_new_refuses_a_date_that_is_no_date(tmp_path):
    original = tmp_path / "plain.txt"
    original.write_text(BODY)
    result = CliRunner().invoke(main, ["new", str(original), "--content", str(tmp_path / "c"), "--date", "2024-13-45"])
    assert result.exit_code == 1
    assert re.search(r"plain\.txt: error: --date: '2024-13-45' is not a real date \(month must be in 1\.\.12\); "
                     r"nothing was added \[new\.option\]", result.stderr)
    assert not (tmp_path / "c" / "transcripts").exists()


@pytest.mark.parametrize("options", [[], ["--company", "Acme Corp"]])
def test_new_of_a_file_without_an_organisation_adds_it(tmp_path, options):
    original = tmp_path / "plain.txt"
    original.write_text(BODY)
    result = CliRunner().invoke(main, ["new", str(original), "--content", str(tmp_path / "c"), *options])
    assert result.exit_code == 0, result.output
    added = (tmp_path / "c" / "transcripts" / "plain.txt").read_text()
    assert ("company: Acme Corp" in added) == bool(options) and "organisation" not in added


def test_new_refuses_a_file_whose_front_matter_values_would_be_lost(tmp_path):
    original = tmp_path / "bad.txt"
    original.write_text(f"---\ntitle: A\ndate: 2024-02-30\n---\n{BODY}")
    result = CliRunner().invoke(main, ["new", str(original), "--content", str(tmp_path / "c")])
    assert result.exit_code == 1 and "[meta.date]" in result.stderr and "[new.front_matter]" in result.stderr
    assert not (tmp_path / "c" / "transcripts").exists()


def test_what_new_writes_reads_back_without_a_problem(tmp_path):
    original = tmp_path / "plain.txt"
    original.write_text(BODY)
    run("new", str(original), "--content", str(tmp_path / "c"), "--title", "yes", "--date", "2024-02-29",
        "--company", "7203")
    report = Report(root=tmp_path)
    transcript = load_transcript(tmp_path / "c" / "transcripts" / "plain.txt", report)
    assert transcript.title == "yes" and transcript.date == "2024-02-29" and transcript.organisation == "7203"
    assert not [d for d in report.diagnostics if d.code.startswith("meta.") and d.code != "meta.inferred"]


# --- types ----------------------------------------------------------------------------------------


def test_a_list_where_text_is_expected_is_a_diagnostic(tmp_path):
    report, transcript = diagnostics(tmp_path, "title: A\ncompany: [Acme, Beta]\n")
    assert said(report, "meta.type") == ["transcripts/a.txt:3: warning: `company:` must be text, not a list; it is ignored [meta.type]"]
    assert "company" not in transcript.meta and transcript.organisation is None


def test_a_number_is_taken_as_the_text_it_was_written_as(tmp_path):
    report, transcript = diagnostics(tmp_path, "title: 1984\nticker: 7203\n")
    assert transcript.title == "1984" and transcript.meta["ticker"] == "7203" and not said(report, "meta.type")


@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "JAVASCRIPT:x"])
def test_a_recording_that_is_not_a_web_address_is_refused(tmp_path, address):
    report, transcript = diagnostics(tmp_path, f"audio: '{address}'\n")
    assert "audio" not in transcript.meta and said(report, "meta.type")


def test_a_participants_field_of_the_wrong_type_is_dropped(tmp_path):
    report, transcript = diagnostics(tmp_path, "participants:\n  - {name: Alice Smith, role: company, title: [a, b]}\n")
    assert said(report, "meta.type") and transcript.speakers[0].title is None


def test_the_export_of_odd_yaml_values_is_json(tmp_path):
    report, transcript = diagnostics(tmp_path, "title: A\nextra: !!binary aGk=\nmore: !!set {a, b}\n")
    assert json.loads(dumps(transcript))["meta"]["more"] == ["a", "b"]


# --- unknown keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize("typo, meant", [("titel", "title"), ("acknowlege", "acknowledge"),
                                         ("organization", "organisation"), ("Date", "date"), ("tickers", "ticker")])
def test_a_mistyped_front_matter_key_says_what_it_likely_means(tmp_path, typo, meant):
    report, _ = diagnostics(tmp_path, f"{typo}: x\n")
    assert said(report, "meta.key") == [f"transcripts/a.txt:2: warning: `{typo}:` is not a key Onrecord reads; did you mean "
                                        f"`{meant}:`? It is kept as written and not used [meta.key]"]


def test_a_key_of_another_site_generator_is_kept_in_silence(tmp_path):
    report, transcript = diagnostics(tmp_path, "title: A\nlayout: page\npermalink: /x/\n")
    assert transcript.meta["layout"] == "page" and not said(report, "meta.key") and not said(report, "meta.unused")


def test_an_unknown_key_like_no_other_is_a_note_and_kept(tmp_path):
    report, transcript = diagnostics(tmp_path, "title: A\nproducer: Jane\n")
    assert said(report, "meta.unused") and transcript.meta["producer"] == "Jane"


def test_a_mistyped_participant_key_says_what_it_likely_means(tmp_path):
    report, _ = diagnostics(tmp_path, "participants:\n  - {name: Alice Smith, organization: Acme}\n")
    assert any("did you mean `organisation:`" in line for line in said(report, "meta.key"))


def _speakers(tmp_path: Path, text: str | bytes) -> tuple[Report, list]:
    path = tmp_path / "speakers.yml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    report = Report(root=tmp_path)
    return report, load_directory(path, report)


def test_mistyped_speakers_yml_keys_say_what_they_likely_mean(tmp_path):
    report, entries = _speakers(tmp_path, "people:\n  - name: John Murphy\n    rol: questioner\n    organization: Citi\n")
    assert said(report, "speakers.key") == [
        "speakers.yml:2: warning: unknown key `rol:` of 'John Murphy'; did you mean `role:`? It is ignored [speakers.key]",
        "speakers.yml:2: warning: unknown key `organization:` of 'John Murphy'; did you mean `organisation:`? It is "
        "ignored [speakers.key]",
    ]
    assert entries[0].name == "John Murphy" and entries[0].role is None


def test_a_mistyped_top_level_speakers_key_is_reported(tmp_path):
    report, entries = _speakers(tmp_path, "peple:\n  - name: John Murphy\n")
    assert entries == [] and any("did you mean `people:`" in line for line in said(report, "speakers.key"))


def test_a_list_as_a_speakers_organisation_is_a_diagnostic(tmp_path):
    report, entries = _speakers(tmp_path, "- name: John Murphy\n  organisation: [a, b]\n  titles: [{from: 2024-02-30}]\n")
    assert len(said(report, "speakers.type")) == 2 and entries[0].organisation is None


def test_a_speakers_yml_that_is_not_utf8_is_read_with_a_warning(tmp_path):
    report, entries = _speakers(tmp_path, "- name: Ren\xe9e Dubois\n  title: Analyst\n".encode("cp1252"))
    assert entries[0].name == "Renée Dubois" and said(report, "source.encoding")


def test_a_mistyped_topics_yml_key_says_what_it_likely_means(tmp_path):
    path = tmp_path / "topics.yml"
    path.write_text("automatc: false\ntopics:\n  - name: Gross margin\n    alias: [GM]\n")
    report = Report(root=tmp_path)
    load_topics_file(path, report)
    hints = said(report, "topics.key")
    assert "did you mean 'automatic'?" in hints[0] and "did you mean 'aliases'?" in hints[1]


def test_the_plugin_schema_is_the_plugin_config():
    assert set(schema.PLUGIN) == {name for name, _ in OnrecordConfig._schema}


def test_a_mistyped_plugin_option_says_what_it_likely_means():
    errors, warnings = OnrecordPlugin().load_config({"serch": False})
    assert errors == [] and "did you mean 'search'?" in warnings[0][1]


# --- YAML that would explode ----------------------------------------------------------------------


def test_a_yaml_alias_bomb_in_front_matter_is_refused(tmp_path):
    report, transcript = diagnostics(tmp_path, BOMB + "title: A\n")
    assert len(BOMB) < 400
    assert said(report, "meta.yaml") and "billion laughs" in said(report, "meta.yaml")[0]
    assert len(dumps(transcript)) < 20_000  # not the 146 MB of every alias written out


@pytest.mark.parametrize("name, code", [("speakers.yml", "speakers.yaml"), ("topics.yml", "topics.yaml")])
def test_a_yaml_alias_bomb_in_a_content_file_is_refused(tmp_path, name, code):
    path = tmp_path / name
    path.write_text(BOMB)
    report = Report(root=tmp_path)
    (load_directory if name == "speakers.yml" else load_topics_file)(path, report)
    assert said(report, code)


def test_an_alias_that_contains_itself_is_refused(tmp_path):
    report, _ = diagnostics(tmp_path, "title: A\nloop: &a [*a]\n")
    assert said(report, "meta.yaml")


def test_yaml_nested_ten_thousand_deep_is_refused(tmp_path):
    report, _ = diagnostics(tmp_path, "title: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert said(report, "meta.yaml") == ["transcripts/a.txt:2: error: front matter is not valid YAML: nested more than 64 levels "
                                         "deep; refused [meta.yaml]"]


def test_aliases_that_add_little_are_read():
    assert schema.load_yaml("a: &x {name: Ann}\nb: [*x, *x]\n")["b"] == [{"name": "Ann"}] * 2


# --- everything at once, through the command ------------------------------------------------------


def test_check_of_every_bad_content_file_prints_only_diagnostics(tmp_path):
    cases = {
        "date.txt": "date: 2024-02-30\n", "list.txt": "company: [a, b]\n", "typo.txt": "titel: A\n",
        "bomb.txt": BOMB, "deep.txt": "x: " + "{a: " * 200 + "1" + "}" * 200 + "\n",
        "ack.txt": "acknowledge: [speaker.mising]\n",
        "tag.txt": "x: !!python/object:os.system echo\n", "float.txt": "x: !!float zz\n",
    }
    for name, front in cases.items():
        write_transcript(tmp_path, name, f"---\n{front}---\n{BODY}")
    (tmp_path / "speakers.yml").write_bytes("- name: Ren\xe9e\n  rol: x\n".encode("cp1252"))
    (tmp_path / "topics.yml").write_text("topics: " + "[" * 100 + "]" * 100 + "\n")
    result = run("check", str(tmp_path), "--no-summary", "-q")
    lines = [line for line in result.stderr.splitlines() if line and not re.match(r"^\s+(\d+ \|| *\^)", line)]
    assert lines[-1].startswith("8 transcripts")
    assert all(DIAGNOSTIC.match(line) for line in lines[:-1]), lines
    codes_said = {DIAGNOSTIC.match(line)["code"] for line in lines[:-1]}
    assert {"meta.date", "meta.type", "meta.key", "meta.yaml", "meta.acknowledge", "source.encoding",
            "speakers.key", "topics.yaml"} <= codes_said


# --- fuzzed front matter and content files --------------------------------------------------------

_FAST = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
_SLOW = settings(_FAST, max_examples=10_000)
_KEYS = st.sampled_from([*schema.FRONT_MATTER, "titel", "organization", "layout", "x", "participants"])
_SCALARS = st.one_of(
    st.sampled_from(["2024-02-30", "2024-13-45", "0000-00-00", "9999-12-31", "1969-12-31", "2107-01-01", "yes", "~",
                     "!!timestamp 2024-02-30", "!!binary zz", "!!float x", "&a [1]", "*a", "[a, b]", "{a: 1}",
                     "javascript:alert(1)", "'<img src=x onerror=alert(1)>'", "[[[[[[[[", "- x", ": :", "\t"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20),
)
_FRONT = st.lists(st.tuples(_KEYS, _SCALARS), max_size=8).map(lambda pairs: "".join(f"{k}: {v}\n" for k, v in pairs))


def _no_exception_and_every_word_kept(front: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        report, transcript = diagnostics(Path(folder), front)
        assert "welcome" in " ".join(p for turn in transcript.turns for p in turn.paragraphs)
        json.loads(dumps(transcript))
        assert all(d.code in codes.CODES for d in report.diagnostics)


@_FAST
@given(_FRONT)
@example("format: FOOL\n")  # a layout named for a file that is not in it: the text is still spoken (found by the slow run)
def test_fuzzed_front_matter_never_raises_and_loses_no_word(front):
    _no_exception_and_every_word_kept(front)


@pytest.mark.slow
@_SLOW
@given(_FRONT)
def test_fuzzed_front_matter_never_raises_and_loses_no_word_slow(front):
    _no_exception_and_every_word_kept(front)


def _yml_never_raises(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, load in (("speakers.yml", load_directory), ("topics.yml", load_topics_file)):
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            load(path, Report(root=Path(folder)))


_YML = st.lists(st.tuples(st.sampled_from(["people", "topics", "- name", "  - name", "  rol", "  aliases", "exclude",
                                           "automatic", "  titles", "  id", "  patterns"]), _SCALARS),
                max_size=8).map(lambda pairs: "".join(f"{k}: {v}\n" for k, v in pairs))


@_FAST
@given(_YML)
def test_fuzzed_speakers_and_topics_files_never_raise(text):
    _yml_never_raises(text)


@pytest.mark.slow
@_SLOW
@given(_YML)
def test_fuzzed_speakers_and_topics_files_never_raise_slow(text):
    _yml_never_raises(text)
