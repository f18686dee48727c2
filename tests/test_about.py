"""What a transcript says about itself, weighed after the reader: front matter, then the file, then its name."""

from __future__ import annotations

from onrecord.about import describe
from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript
from onrecord.readers import parse
from onrecord.source import read

from .conftest import write_transcript

FOOL = (
    "Title: Northwind Robotics (NWRB) Q4 2024 Earnings Call Transcript\nSource: https://example.org/x\n"
    "Date: 2025-02-07\n\nDATE\nWednesday, Feb. 5, 2025 at 5 p.m. ET\nCALL PARTICIPANTS\n"
    "Chief Executive Officer — Dana Whitfield\nFull Conference Call Transcript\n"
    "Operator: Welcome to the call.\nDana Whitfield: Thank you. We had a strong quarter.\n"
)


def test_a_reader_only_turns_text_into_turns_and_leaves_what_the_file_says_to_about(tmp_path):
    path = write_transcript(tmp_path, "call.txt", FOOL)
    report = Report()
    parsed = parse(read(path, report), report)
    assert parsed.title == "" and parsed.date is None and "meta.inferred" not in report.codes()
    assert {f.key for f in parsed.stated} >= {"title", "date", "organisation", "ticker"}
    assert "Dana Whitfield" in [p.name for p in parsed.participants]


def test_the_files_own_header_gives_title_date_firm_and_roles_each_with_its_line(tmp_path):
    path = write_transcript(tmp_path, "call.txt", FOOL)
    report = Report()
    described = describe(parse(read(path, report), report), report)
    assert described.title == "Northwind Robotics Q4 2024 Earnings Call" and described.date == "2025-02-05"
    assert described.meta["ticker"] == "NWRB" and described.organisation == "Northwind Robotics"
    assert described.speaker("dana-whitfield").role == "company"
    said = {d.message.split()[0]: d.line for d in report.diagnostics if d.code == "meta.inferred"}
    assert said["title"] == 1 and said["date"] == 6


def test_front_matter_has_the_last_word(tmp_path):
    front = "---\ntitle: Our own title\ndate: 2025-02-06\ncompany: Northwind\nparticipants:\n" \
            "  - {name: Dana Whitfield, role: moderator}\n---\n"
    path = write_transcript(tmp_path, "call.txt", front + FOOL)
    report = Report()
    transcript = load_transcript(path, report)
    assert (transcript.title, transcript.date, transcript.organisation) == ("Our own title", "2025-02-06", "Northwind")
    assert transcript.speaker("dana-whitfield").role == "moderator"
    assert not [d for d in report.diagnostics if d.code == "meta.inferred" and d.message.startswith(("title", "date"))]


def test_a_file_that_says_nothing_of_itself_is_named_from_its_file_name(tmp_path):
    path = write_transcript(tmp_path, "2024-10-24-northwind.txt", "Dana Whitfield - CEO\n\nHello.\n")
    report = Report()
    transcript = load_transcript(path, report)
    assert transcript.title == "2024 10 24 Northwind" and transcript.date == "2024-10-24"
    assert sum("taken from the file name" in d.message for d in report.diagnostics) == 2
