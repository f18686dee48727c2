"""Content stays inside its folder, no id takes another page, one crashing file stops only itself,
and `check --record-moves` writes a file back exactly as it was, plus the moves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import onrecord.corpus
import onrecord.pipeline
import onrecord.render
from onrecord.anchors import record
from onrecord.diagnostics import Report
from onrecord.pipeline import generate, load
from onrecord.source import read

from .conftest import content_with, write_transcript

CALL = """Alice Smith - Chief Executive Officer

Welcome to the call. Revenue grew.

Operator

Our first question comes from Bob Jones with Acme Capital.

Bob Jones - Acme Capital

How are margins this quarter?

Alice Smith - Chief Executive Officer

Margins are strong.
"""
SECRET = "ONRECORD_TEST_SECRET=hunter2"


def published(pages: dict[str, str | bytes]) -> str:
    return "\n".join(body.decode("utf-8", "replace") if isinstance(body, bytes) else body for body in pages.values())


def codes(report: Report) -> list[str]:
    return report.codes()


# --- content stays inside its folder -----------------------------------------------------------


def test_a_symlink_in_transcripts_is_refused_and_what_it_points_to_never_published(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL})
    secret = tmp_path / "environ"
    secret.write_text(SECRET + "\n")
    (content / "transcripts" / "leak.txt").symlink_to(secret)
    (content / "transcripts" / "noext").symlink_to(secret)
    report = Report()
    pages = generate(content, report)
    assert SECRET not in published(pages)
    refused = [d for d in report.diagnostics if d.code == "content.symlink"]
    assert {Path(d.path).name for d in refused} == {"leak.txt", "noext"}
    assert all(d.level == "error" for d in refused)
    assert "transcripts/call/index.md" in pages  # the rest is built


def test_a_symlink_to_proc_self_environ_is_refused(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL})
    (content / "transcripts" / "environ.txt").symlink_to("/proc/self/environ")
    report = Report()
    pages = generate(content, report)
    assert "content.symlink" in codes(report)
    assert not any("environ" in path for path in pages)


def test_a_symlinked_transcripts_folder_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    write_transcript(elsewhere, "call.txt", CALL)
    content = tmp_path / "content"
    content.mkdir()
    (content / "transcripts").symlink_to(elsewhere / "transcripts")
    report = Report()
    corpus = load(content, report)
    assert corpus.transcripts == () and "content.symlink" in codes(report)


def test_a_pipe_in_transcripts_is_refused_without_reading_it(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL})
    os.mkfifo(content / "transcripts" / "pipe.txt")  # reading it would wait forever
    report = Report()
    corpus = load(content, report)
    assert [t.slug for t in corpus.transcripts] == ["call"]
    assert "content.special" in codes(report)


@pytest.mark.parametrize("name", ["speakers.yml", "topics.yml", "index.md"])
def test_a_symlinked_settings_file_or_home_page_is_refused(tmp_path, name):
    content = content_with(tmp_path, **{"call.txt": CALL})
    secret = tmp_path / "secret.yml"
    secret.write_text(f"- name: {SECRET}\n  aliases: [Alice Smith]\n")
    (content / name).unlink(missing_ok=True)
    (content / name).symlink_to(secret)
    report = Report()
    pages = generate(content, report)
    assert SECRET not in published(pages)
    assert [Path(d.path).name for d in report.diagnostics if d.code == "content.symlink"] == [name]


# --- no id replaces or takes another page -------------------------------------------------------


def test_a_speaker_id_index_from_speakers_yml_does_not_replace_the_speakers_list(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL})
    (content / "speakers.yml").write_text("- id: index\n  name: Alice Smith\n", encoding="utf-8")
    report = Report()
    pages = generate(content, report)
    assert "# Speakers" in pages["speakers/index.md"] or "onrecord: speakers" in pages["speakers/index.md"]
    assert "speakers/index-2.md" in pages and "Alice Smith" in pages["speakers/index-2.md"]
    assert "speakers.id" in codes(report)


def test_a_speaker_named_index_does_not_replace_the_speakers_list(tmp_path):
    chat = "Alice Smith: Hello there everyone.\nIndex: Thank you very much.\nAlice Smith: Great.\nIndex: Yes indeed.\n"
    content = content_with(tmp_path, **{"chat.txt": chat})
    report = Report()
    pages = generate(content, report)
    people = load(content, Report()).speakers
    assert "index" not in {s.id for s in people} and "index-2" in {s.id for s in people}
    assert pages["speakers/index.md"] != pages["speakers/index-2.md"]
    assert "speaker.id" in codes(report)


@pytest.mark.parametrize("name", ["Page", "Names"])
def test_a_speaker_named_like_a_folder_of_the_speakers_list_is_put_beside_it(tmp_path, name):
    # speakers/page/2.md is the list's second page, speakers/names/ the files its filter reads.
    chat = f"Alice Smith: Hello there everyone.\n{name}: Thank you very much.\nAlice Smith: Great.\n{name}: Yes indeed.\n"
    report = Report()
    pages = generate(content_with(tmp_path, **{"chat.txt": chat}), report)
    assert f"speakers/{name.lower()}.md" not in pages and f"speakers/{name.lower()}-2.md" in pages
    assert "speaker.id" in codes(report)


def test_a_topic_index_does_not_replace_the_topics_list(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL.replace("margins", "the index")})
    (content / "topics.yml").write_text("topics:\n  - name: Index\n", encoding="utf-8")
    report = Report()
    pages = generate(content, report)
    assert "topics/index-2.md" in pages
    assert "onrecord: topics" in pages["topics/index.md"]
    assert "topics.id" in codes(report)


def test_an_automatic_topic_index_does_not_replace_the_topics_list(tmp_path):
    # "the Index", written as a name: an everyday word in lower case is no topic alone.
    question = "How is the Index doing? The Index fell, and the Index is what we sell."
    content = content_with(tmp_path, **{"call.txt": CALL.replace("How are margins this quarter?", question)})
    corpus = load(content, Report())
    ids = {t.id for t in corpus.topics}
    assert "index" not in ids
    assert "index-2" in ids
    assert not any("index" in t.former_ids for t in corpus.topics)


def test_a_speakers_yml_name_without_latin_letters_gets_a_page_of_its_own(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL.replace("Bob Jones", "李明")})
    (content / "speakers.yml").write_text("- name: 李明\n", encoding="utf-8")
    report = Report()
    pages = generate(content, report)
    assert "speakers/.md" not in pages
    assert not any(path.startswith("speakers//") for path in pages)
    assert "speakers.id" in codes(report)
    person = next(s for s in load(content, Report()).speakers if s.name == "李明")
    assert person.id and f"speakers/{person.id}.md" in pages


def test_a_duplicate_speakers_yml_id_is_refused_naming_both_lines(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL})
    (content / "speakers.yml").write_text(
        "- id: chief\n  name: Alice Smith\n- id: chief\n  name: Bob Jones\n", encoding="utf-8"
    )
    report = Report()
    corpus = load(content, report)
    duplicate = next(d for d in report.diagnostics if d.code == "speakers.duplicate")
    assert duplicate.line == 3 and "line 1" in duplicate.message and "Bob Jones" in duplicate.message
    transcript = corpus.transcripts[0]
    bob = next(t for t in transcript.turns if "margins this quarter" in t.paragraphs[0])
    alice = next(t for t in transcript.turns if "Margins are strong" in t.paragraphs[0])
    assert alice.speaker == "chief" and bob.speaker != "chief"  # Bob's turns stay Bob's


def test_a_name_two_entries_give_stays_the_first_ones_and_is_reported(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL})
    (content / "speakers.yml").write_text(
        "- id: alice\n  name: Alice Smith\n- id: other\n  name: Alice Smith\n"
        "- id: carol\n  name: Carol White\n  aliases: [Alice Smith]\n",
        encoding="utf-8",
    )
    report = Report()
    corpus = load(content, report)
    shared = [d for d in report.diagnostics if d.code == "speakers.duplicate"]
    assert [d.line for d in shared] == [3] and "line 1" in shared[0].message
    alice = next(t for t in corpus.transcripts[0].turns if "Margins are strong" in t.paragraphs[0])
    assert alice.speaker == "alice"  # neither the second entry of her name nor another's alias takes her turns


def test_two_transcripts_of_one_slug_each_keep_a_page(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL, "call.md": CALL.replace("Revenue grew.", "Costs fell.")})
    report = Report()
    pages = generate(content, report)
    assert "meta.slug" in codes(report)
    both = pages["transcripts/call/index.md"] + pages["transcripts/call-2/index.md"]
    assert "Revenue grew." in both and "Costs fell." in both


# --- one crashing file stops only itself ------------------------------------------------------


def _crash_on(slug_word: str, real):
    def crashing(transcript, *args, **kwargs):
        if slug_word in transcript.slug:
            raise ValueError("month must be in 1..12")
        return real(transcript, *args, **kwargs)

    return crashing


def test_a_file_that_crashes_a_reader_is_an_error_and_the_others_still_load(tmp_path, monkeypatch):
    content = content_with(tmp_path, **{"a-good.txt": CALL, "b-bad.txt": CALL, "c-good.txt": CALL + "\n\x00x\n"})
    monkeypatch.setattr(onrecord.pipeline, "describe", _crash_on("bad", onrecord.pipeline.describe))
    report = Report()
    pages = generate(content, report)
    crash = [d for d in report.diagnostics if d.code == "pipeline.crash"]
    assert len(crash) == 1 and crash[0].path.endswith("b-bad.txt") and crash[0].level == "error"
    assert "ValueError: month must be in 1..12" in crash[0].message
    assert "transcripts/a-good/index.md" in pages and "transcripts/c-good/transcript.json" in pages
    assert "transcripts/b-bad/index.md" not in pages
    # The others' diagnostics are all there, whatever the order of the files.
    assert any(d.path.endswith("c-good.txt") for d in report.diagnostics)


def test_a_file_that_crashes_its_page_leaves_the_others_and_their_export(tmp_path, monkeypatch):
    content = content_with(tmp_path, **{"a-good.txt": CALL, "b-bad.txt": CALL})
    monkeypatch.setattr(onrecord.render, "_transcript", _crash_on("bad", onrecord.render._transcript))
    report = Report()
    pages = generate(content, report)
    crash = [d for d in report.diagnostics if d.code == "pipeline.crash"]
    assert [Path(d.path).name for d in crash] == ["b-bad.txt"]
    assert "ValueError: month must be in 1..12 (at generator/render.py:" in crash[0].message
    assert "transcripts/a-good/index.md" in pages and "transcripts/a-good/transcript.json" in pages
    assert not any(path.startswith("transcripts/b-bad/") for path in pages)
    assert "b-bad" not in pages["index.md"]


def test_a_file_that_crashes_the_corpus_is_left_out_and_the_rest_resolved(tmp_path, monkeypatch):
    content = content_with(tmp_path, **{"a-good.txt": CALL, "b-bad.txt": CALL})
    real = onrecord.corpus.resolve

    def resolve(transcripts, *args):
        if any("bad" in t.slug for t in transcripts):
            raise KeyError("organisation")
        return real(transcripts, *args)

    monkeypatch.setattr(onrecord.corpus, "resolve", resolve)
    report = Report()
    corpus = load(content, report)
    assert [t.slug for t in corpus.transcripts] == ["a-good"]
    assert [Path(d.path).name for d in report.diagnostics if d.code == "pipeline.crash"] == ["b-bad.txt"]
    assert sum(d.code == "speaker.merged" for d in report.diagnostics) == sum(
        d.code == "speaker.merged" for d in _clean_report(content, "a-good.txt")
    )


def _clean_report(content: Path, name: str) -> list:
    alone = content.parent / "alone"
    write_transcript(alone, name, (content / "transcripts" / name).read_text())
    report = Report()
    load(alone, report)
    return report.diagnostics


def test_a_crashing_speakers_yml_is_reported_and_the_site_builds_without_it(tmp_path, monkeypatch):
    content = content_with(tmp_path, **{"call.txt": CALL})
    (content / "speakers.yml").write_text("- name: Alice Smith\n", encoding="utf-8")

    def broken(path, report):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(onrecord.pipeline, "load_directory", broken)
    report = Report()
    pages = generate(content, report)
    assert [Path(d.path).name for d in report.diagnostics if d.code == "pipeline.crash"] == ["speakers.yml"]
    assert "transcripts/call/index.md" in pages


# --- check --record-moves writes the file back as it was, plus the moves ----------------------

MOVES = {"t2": "t3", "q1": "q2"}
FRONT = ["title: Café call  # as the vendor titled it", "# a comment between keys", "date: 2024-05-01",
         "company: Acme"]


def _file(lines: list[str], body: str, newline: str) -> str:
    return newline.join(["---", *lines, "---", *body.split("\n")])


@pytest.mark.parametrize(("codec", "bom", "newline"), [
    ("utf-8", b"", "\n"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
    ("utf-16-be", b"\xfe\xff", "\n"),
    ("cp1252", b"", "\r\n"),
])
def test_record_moves_keeps_encoding_bom_line_endings_comments_and_key_order(tmp_path, codec, bom, newline):
    body = CALL.replace("Revenue grew.", "Revenue grew — “strongly”, naïvely.")
    path = tmp_path / "call.txt"
    before = bom + _file(FRONT, body, newline).encode(codec)
    path.write_bytes(before)
    assert record(path, MOVES)
    after = path.read_bytes()
    added = newline.join(["# Anchor moves recorded by `onrecord check --record-moves`: old links redirect.",
                          "anchors:", "- {q1: q2, t2: t3}", ""])
    expected = bom + _file([*FRONT, added.rstrip(newline)], body, newline).encode(codec)
    assert after == expected
    source = read(path, Report())
    assert source.meta["anchors"] == [{"q1": "q2", "t2": "t3"}] and source.meta["title"] == "Café call"


def test_record_moves_appends_to_the_editions_where_they_stand(tmp_path):
    lines = ["title: Call", "anchors:", "  - {t1: t2}", "# kept with the next key", "date: 2024-05-01"]
    path = tmp_path / "call.txt"
    path.write_bytes(_file(lines, CALL, "\r\n").encode("cp1252"))
    assert record(path, {"t3": "t4"})
    expected = ["title: Call", "anchors:", "  - {t1: t2}", "  - {t3: t4}", "# kept with the next key", "date: 2024-05-01"]
    assert path.read_bytes() == _file(expected, CALL, "\r\n").encode("cp1252")


def test_record_moves_turns_a_flow_list_into_editions_keeping_the_other_lines(tmp_path):
    lines = ["anchors: [{t1: t2}]", "title: Call  # comment"]
    path = tmp_path / "call.txt"
    path.write_text(_file(lines, CALL, "\n"), encoding="utf-8")
    assert record(path, {"t3": "t4"})
    assert path.read_text(encoding="utf-8") == _file(
        ["anchors:", "- {t1: t2}", "- {t3: t4}", "title: Call  # comment"], CALL, "\n")


def test_record_moves_adds_front_matter_to_a_utf16_file_without_any(tmp_path):
    path = tmp_path / "call.txt"
    path.write_bytes(b"\xff\xfe" + CALL.replace("\n", "\r\n").encode("utf-16-le"))
    assert record(path, {"t3": "t4"})
    raw = path.read_bytes()
    assert raw.startswith(b"\xff\xfe") and raw.endswith(CALL.replace("\n", "\r\n").encode("utf-16-le"))
    source = read(path, Report())
    assert source.meta["anchors"] == [{"t3": "t4"}] and source.text == CALL


def test_record_moves_leaves_a_file_it_cannot_edit_safely(tmp_path):
    path = tmp_path / "call.txt"
    before = b"---\ntitle: [unclosed\n---\n" + CALL.encode()
    path.write_bytes(before)
    assert not record(path, {"t3": "t4"})
    assert path.read_bytes() == before


# --- onrecord new never overwrites a transcript -------------------------------------------------


def _new(original: Path, content: Path, *options: str):
    from click.testing import CliRunner

    from onrecord.cli import main

    return CliRunner().invoke(main, ["new", str(original), "--content", str(content), "--date", "2024-05-01", *options])


def test_new_never_replaces_another_file_of_the_same_page(tmp_path):
    content = content_with(tmp_path, **{"call.md": CALL})
    before = (content / "transcripts" / "call.md").read_bytes()
    original = tmp_path / "call.txt"
    original.write_text(CALL.replace("Revenue grew.", "Costs fell."), encoding="utf-8")
    for options in ((), ("--force",)):
        result = _new(original, content, *options)
        assert result.exit_code == 1 and "[new.exists]" in result.stderr and "another --slug" in result.stderr
    assert (content / "transcripts" / "call.md").read_bytes() == before
    assert not (content / "transcripts" / "call.txt").exists()


def test_new_never_writes_through_a_symlink_where_the_transcript_would_go(tmp_path):
    content = content_with(tmp_path, **{"other.txt": CALL})
    outside = tmp_path / "outside.txt"
    (content / "transcripts" / "call.txt").symlink_to(outside)  # dangling: exists() says no file is there
    original = tmp_path / "call.txt"
    original.write_text(CALL, encoding="utf-8")
    for options in ((), ("--force",)):
        result = _new(original, content, *options)
        assert result.exit_code == 1 and "[new.exists]" in result.stderr
    assert not outside.exists()


def test_new_never_overwrites_a_file_that_appears_after_it_looked(tmp_path, monkeypatch):
    import onrecord.intake

    content = content_with(tmp_path, **{"call.txt": "another publisher's transcript\n"})
    monkeypatch.setattr(onrecord.intake, "_taken", lambda *args: False)  # as if it appeared just after the check
    original = tmp_path / "call.txt"
    original.write_text(CALL, encoding="utf-8")
    report = Report()
    assert onrecord.intake.add(original, content, {}, report) is None
    assert "new.exists" in report.codes()
    assert (content / "transcripts" / "call.txt").read_text() == "another publisher's transcript\n"


# --- one file's crash is a diagnostic in every command --------------------------------------------


def test_export_of_a_file_onrecord_fails_on_is_a_diagnostic_and_exit_1_not_a_traceback(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from onrecord.cli import main

    content = content_with(tmp_path, **{"b-bad.txt": CALL})
    monkeypatch.setattr(onrecord.pipeline, "describe", _crash_on("bad", onrecord.pipeline.describe))
    result = CliRunner().invoke(main, ["export", str(content / "transcripts" / "b-bad.txt")])
    assert result.exit_code == 1 and not isinstance(result.exception, ValueError)
    assert "b-bad.txt: error: Onrecord failed on this file" in result.stderr
    assert "[pipeline.crash]" in result.stderr and result.stdout == ""


def test_new_of_a_file_onrecord_fails_on_is_a_diagnostic_and_adds_nothing(tmp_path, monkeypatch):
    original = tmp_path / "bad-call.txt"
    original.write_text(CALL, encoding="utf-8")
    content = tmp_path / "site" / "content"
    monkeypatch.setattr(onrecord.pipeline, "describe", _crash_on("bad", onrecord.pipeline.describe))
    result = _new(original, content)
    assert result.exit_code == 1 and not isinstance(result.exception, ValueError)
    assert "[pipeline.crash]" in result.output
    assert not (content / "transcripts").exists() or not any((content / "transcripts").iterdir())
