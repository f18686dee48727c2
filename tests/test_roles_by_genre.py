"""Roles that fit the genre on every page: the participants box, the speaker index, a speaker's page and an
exchange's share page name people as the genre does; exchange titles say who asked and who answered."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from onrecord import genres
from onrecord.corpus import build_corpus
from onrecord.diagnostics import Report
from onrecord.model import COMPANY, MODERATOR, QUESTIONER, UNKNOWN
from onrecord.pipeline import load_transcript
from onrecord.render import render

CALL = (
    "---\ntitle: {title}\ncompany: Acme\ndate: {date}\n---\n"
    "Pat Acmeson - Chief Executive Officer\n\nWelcome.\n\n"
    "Questions and Answers\n\n"
    "Operator\n\nOur first question comes from the line of Sam Lee with Big Bank.\n\n"
    "Sam Lee - Big Bank Securities\n\nWhat about margins?\n\n"
    "Pat Acmeson - Chief Executive Officer\n\nThey rose.\n\n"
    "Operator\n\nThank you.\n\n"
    "Kim Cho - Chief Financial Officer\n\nAnd costs fell.\n\n"
    "Operator\n\nOur next question comes from the line of Ana Ruiz with Other Bank.\n\n"
    "Ana Ruiz - Other Bank Capital Markets\n\nAnd cash?\n\n"
    "Kim Cho - Chief Financial Officer\n\nUp.\n"
)


def transcript(tmp_path: Path, name: str, genre: str | None, date: str = "2024-05-01"):
    path = tmp_path / "transcripts" / f"{name}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CALL.format(title=name.title(), date=date), encoding="utf-8")
    # The genre is set by hand: what is tested is how pages name roles, whatever decided the genre.
    return replace(load_transcript(path, Report(root=tmp_path)), genre=genre)


def pages_of(*transcripts):
    return render(build_corpus(list(transcripts), Report()))


def role_headings(page: str) -> list[str]:
    return re.findall(r'<p class="role-heading">([^<]*)</p>', page)


@pytest.mark.parametrize("genre, headings", [
    (None, ["Company", "Questioners", "Moderator"]),  # no genre: the wording of before genres
    (genres.EARNINGS_CALL, ["Executives", "Analysts", "Operator"]),
    (genres.COURT, ["Presiding", "Justices", "Counsel"]),
    (genres.HEARING, ["Chair", "Members", "Witnesses"]),
    (genres.FLOOR_DEBATE, ["Presiding", "Members"]),  # who asks is said by each exchange, not by the member
    (genres.INTERVIEW, ["Interviewers", "Interviewees", "Moderator"]),
    (genres.PODCAST, ["Hosts", "Guests"]),  # hosts who ask and a host who moderates: one group
])
def test_the_participants_box_names_roles_as_the_genre_does(tmp_path, genre, headings):
    pages = pages_of(transcript(tmp_path, "call", genre))
    assert role_headings(pages["transcripts/call/index.md"]) == headings


def test_each_name_is_one_group_and_every_role_has_one_in_every_genre():
    for genre in (None, *genres.GENRES, genres.ANY):
        groups = genres.role_groups(genre)
        titles = [title for title, _ in groups]
        assert len(titles) == len(set(titles))
        assert sorted(r for _, roles in groups for r in roles) == sorted((COMPANY, QUESTIONER, MODERATOR, UNKNOWN))


def test_a_transcript_where_no_one_has_a_role_lists_speakers_not_others(tmp_path):
    path = tmp_path / "chat.md"
    path.write_text("**Emma Lee:** Hi, welcome.\n\n**Ali Khan:** Hello.\n\n**Emma Lee:** Great.\n", encoding="utf-8")
    plain = replace(load_transcript(path, Report()), genre=genres.PODCAST)
    assert all(s.role == UNKNOWN for s in plain.speakers)
    assert role_headings(pages_of(plain)[f"transcripts/{plain.slug}/index.md"]) == ["Speakers"]


def test_an_exchange_heading_stays_short_and_the_line_under_it_says_who_answered(tmp_path):
    page = pages_of(transcript(tmp_path, "call", genres.EARNINGS_CALL))["transcripts/call/index.md"]
    assert "### Q1 · Sam Lee, Big Bank Securities {: #q1 }\n\n" in page
    first = page[page.index("{: #q1 }") : page.index("{: #q2 }")]
    # Everyone in the exchange but its questioner and the operator, in order of first turn.
    assert '<p class="answered-by">Answered by Pat Acmeson and Kim Cho</p>' in first
    second = page[page.index("{: #q2 }") :]
    assert '<p class="answered-by">Answered by Kim Cho</p>' in second


def test_the_share_page_title_names_questioner_and_answerers(tmp_path):
    pages = pages_of(transcript(tmp_path, "call", genres.EARNINGS_CALL))
    share = pages["transcripts/call/q1/index.html"]
    assert "<title>Q1 · Sam Lee, Big Bank Securities, answered by Pat Acmeson and Kim Cho — Call</title>" in share


def test_a_speakers_page_names_their_role_in_the_singular_of_their_genre(tmp_path):
    court = pages_of(transcript(tmp_path, "argument", genres.COURT))
    assert '<p class="byline" markdown="span">Justice · Big Bank Securities · 1 transcript' in court["speakers/sam-lee.md"]
    call = pages_of(transcript(tmp_path, "call", genres.EARNINGS_CALL))
    assert '<p class="byline" markdown="span">Analyst · ' in call["speakers/sam-lee.md"]
    assert '<p class="byline" markdown="span">Executive · Chief Executive Officer · ' in call["speakers/pat-acmeson.md"]


def test_a_member_of_the_record_is_a_member_on_their_page_though_no_role_was_found(tmp_path):
    debate = transcript(tmp_path, "debate", genres.FLOOR_DEBATE)
    debate = replace(debate, speakers=tuple(replace(s, role=UNKNOWN) for s in debate.speakers))
    page = pages_of(debate)["speakers/sam-lee.md"]
    assert '<p class="byline" markdown="span">Member · ' in page
    other = pages_of(replace(debate, genre=genres.COURT))["speakers/sam-lee.md"]
    assert '<p class="byline" markdown="span">Big Bank Securities · ' in other  # "Other" says nothing


def test_the_speaker_index_uses_the_genre_of_each_speakers_transcripts(tmp_path):
    """One genre throughout: its names. A person heard in two genres: words for any genre, since "Justices"
    and "Analysts" would each be wrong for half of what they said."""
    one = pages_of(transcript(tmp_path, "argument", genres.COURT))["speakers/index.md"]
    assert re.findall(r"^## (.*) \{", one, re.M) == ["Justices (2)", "Counsel (2)"]
    assert "{: #court-questioner }" in one
    both = pages_of(transcript(tmp_path, "argument", genres.COURT), transcript(tmp_path, "call", genres.EARNINGS_CALL))
    assert re.findall(r"^## (.*) \{", both["speakers/index.md"], re.M) == ["Answering (2)", "Asking (2)"]
    assert '<p class="byline" markdown="span">Asking · ' in both["speakers/sam-lee.md"]
    assert "{: #any-questioner }" in both["speakers/index.md"]
    # Beside them, a justice heard only in court is a justice still.
    path = tmp_path / "transcripts" / "hale.txt"
    path.write_text(
        "---\ntitle: Argument\ndate: 2024-04-01\nparticipants:\n  - {name: Rita Hale, role: questioner}\n"
        "  - {name: Ada Okafor, role: company}\n---\nRita Hale - Associate Justice\n\nCounsel, why?\n\n"
        "Ada Okafor - Counsel for Petitioner\n\nBecause.\n", encoding="utf-8",
    )
    hale = replace(load_transcript(path, Report(root=tmp_path)), genre=genres.COURT)
    three = pages_of(transcript(tmp_path, "argument", genres.COURT), transcript(tmp_path, "call", genres.EARNINGS_CALL), hale)
    index = three["speakers/index.md"]
    assert re.findall(r"^## (.*) \{", index, re.M) == ["Justices (1)", "Counsel (1)", "Answering (2)", "Asking (2)"]
    assert index.index("Rita Hale") < index.index("Ada Okafor") < index.index("Pat Acmeson")


def test_no_genre_keeps_the_speaker_index_as_it_was(tmp_path):
    index = pages_of(transcript(tmp_path, "call", None))["speakers/index.md"]
    assert re.findall(r"^## (.*) \{: #(\w+) \}", index, re.M) == [("Company (2)", "company"), ("Questioners (2)", "questioner")]
