"""Exchanges in every kind of transcript, found by genre and by role (issue 11).

The genre is stated in front matter or inferred from the layout and the turns; roles are given where
the file does not say; exchanges follow the genre's own way of asking. Moderation is decided by role.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.diagnostics import Report
from onrecord.genres import COURT, EARNINGS_CALL, FLOOR_DEBATE, HEARING, INTERVIEW, PODCAST
from onrecord.model import COMPANY, MODERATOR, QUESTIONER, UNKNOWN
from onrecord.pipeline import load_transcript

from .conftest import FIXTURES, write_transcript


def load(tmp_path, name: str, text: str):
    report = Report()
    return load_transcript(write_transcript(tmp_path, name, text), report), report


def roles(transcript) -> dict[str, str]:
    return {s.name: s.role for s in transcript.speakers}


def runs(transcript) -> list[tuple[str, list[str]]]:
    """(questioner's id, [turn ids]) of each exchange."""
    return [(e.questioner, list(e.turns)) for e in transcript.exchanges]


def askers(transcript) -> list[str]:
    """The questioner's name of each exchange (a placeholder's id carries the transcript's slug)."""
    return [transcript.speaker(e.questioner).name for e in transcript.exchanges]


# --- the genre ------------------------------------------------------------------------------------


def test_genre_from_front_matter_wins_and_is_said(tmp_path):
    transcript, report = load(tmp_path, "x.txt", "---\ngenre: interview\n---\nJUSTICE PRICE: Why?\nMS. OKAFOR: Because.\n")
    assert transcript.genre == INTERVIEW
    said = [d for d in report.diagnostics if d.code == "structure.genre"]
    assert said and "front matter" in said[0].message and said[0].line == 2


def test_unknown_genre_in_front_matter_is_a_warning_and_the_genre_is_inferred(tmp_path):
    transcript, report = load(tmp_path, "x.txt", "---\ngenre: sermon\n---\nJUSTICE PRICE: Why?\nMS. OKAFOR: Because.\n")
    warning = next(d for d in report.diagnostics if d.code == "meta.genre")
    assert warning.level == "warning" and "'sermon'" in warning.message and warning.line == 2
    assert transcript.genre == COURT


def test_genre_is_in_the_export(tmp_path):
    from onrecord.export import transcript_json

    transcript, _ = load(tmp_path, "x.txt", "JUSTICE PRICE: Why?\nMS. OKAFOR: Because.\n")
    assert transcript_json(transcript)["genre"] == COURT


def test_genre_inferred_from_each_golden_layout():
    expected = {
        "reference": EARNINGS_CALL, "streetevents": EARNINGS_CALL, "motley-fool": EARNINGS_CALL,
        "court": COURT, "court-briggs": COURT, "exchanges-court": COURT, "html-transcript": COURT,
        "exchanges-hearing": HEARING, "congressional-record": FLOOR_DEBATE, "crec-one-minute-speech": FLOOR_DEBATE,
        "interview-initials": INTERVIEW, "exchanges-interview": INTERVIEW,
        "otter": PODCAST, "podcast-vtt": PODCAST, "podcast-json": PODCAST, "exchanges-podcast": PODCAST,
    }
    for case, genre in expected.items():
        transcript = load_transcript(next((FIXTURES / case).glob("input.*")), Report())
        assert transcript.genre == genre, case


# --- moderation by role ---------------------------------------------------------------------------

CALL_WITH_JANE = """---
participants:
  - {name: Jane Doe, role: moderator}
  - {name: Dana Whitfield, role: company}
---
Jane Doe: Welcome to the Northwind Robotics call. Dana, over to you.
Dana Whitfield: Thank you. Revenue grew 18% this quarter.
Q&A
Jane Doe: Our first question comes from Priya Raman with Harbour Securities.
Priya Raman: How much of the margin was pricing?
Dana Whitfield: About a third.
Jane Doe: Our next question comes from Colin Langan with UBS.
Colin Langan: What about Europe?
Dana Whitfield: Europe grew.
Jane Doe: That concludes the call.
"""


def test_moderator_by_role_opens_exchanges_with_her_introductions(tmp_path):
    transcript, _ = load(tmp_path, "call.txt", CALL_WITH_JANE)
    assert transcript.genre == EARNINGS_CALL
    assert roles(transcript)["Jane Doe"] == MODERATOR
    assert runs(transcript) == [("priya-raman", ["t3", "t4", "t5"]), ("colin-langan", ["t6", "t7", "t8", "t9"])]


def test_a_label_named_operator_that_the_front_matter_makes_company_moderates_nothing(tmp_path):
    text = CALL_WITH_JANE.replace("Jane Doe", "Operator").replace("{name: Operator, role: moderator}",
                                                                  "{name: Operator, role: company}")
    transcript, _ = load(tmp_path, "call.txt", text)
    assert roles(transcript)["Operator"] == COMPANY
    operator = next(s.id for s in transcript.speakers if s.name == "Operator")
    assert not any(t.exchange and t.speaker == operator for t in transcript.turns)


# --- each genre's exchanges -----------------------------------------------------------------------


def test_court_exchanges_run_from_a_justice_to_the_next_and_through_the_argument():
    transcript = load_transcript(FIXTURES / "exchanges-court" / "input.md", Report())
    assert roles(transcript)["Mr. Chief Justice Hale"] == MODERATOR
    assert roles(transcript)["Mr. Justice Price"] == QUESTIONER and roles(transcript)["Miss Okafor"] == COMPANY
    assert roles(transcript)["The Clerk"] == UNKNOWN
    by_id = {e.id: e for e in transcript.exchanges}
    assert [e.id for e in transcript.exchanges] == ["q1", "q2", "q3", "q4", "q5"]
    assert by_id["q1"].questioner == "mr-justice-price" and by_id["q2"].questioner == "mr-justice-fell"
    assert by_id["q3"].questioner == "mr-chief-justice-hale"  # a real question from the Chief Justice
    sections = {t.id: t.section for t in transcript.turns}
    assert {sections[by_id["q4"].turns[0]], sections[by_id["q5"].turns[0]]} == {"part3", "part4"}  # rebuttal too
    outside = [t for t in transcript.turns if t.exchange is None]
    assert "Miss Okafor?" in [t.paragraphs[0] for t in outside]  # calling counsel asks nothing
    assert outside[-1].paragraphs[0] == "Thank you. The case is submitted."


def test_hearing_exchanges_are_members_questioning_witnesses_and_the_chair_is_set_apart():
    transcript = load_transcript(FIXTURES / "exchanges-hearing" / "input.txt", Report())
    people = roles(transcript)
    assert people["The Chairman"] == MODERATOR and people["Ms. Okafor"] == COMPANY and people["Mr. Haddad"] == COMPANY
    assert people["Ms. Jones of Texas"] == QUESTIONER
    assert askers(transcript) == ["The Chairman", "Ms. Jones of Texas", "Mr. Langford"]
    by_text = {t.paragraphs[0]: t.exchange for t in transcript.turns}
    assert by_text["Thank you. The gentlewoman from Texas is recognized for five minutes."] is None
    assert by_text["We count them the same way because they work the same shifts."] == "q2"  # the answer finishes
    assert by_text["I thank the Chairman. I want to say for the record that our state has more warehouse robots "
                   "than any other, and I thank both witnesses for coming."] is None  # a statement answered by no one


def test_floor_debate_colloquy_after_a_yield_is_an_exchange_and_speeches_are_not(tmp_path):
    text = (
        "The SPEAKER pro tempore. The gentleman from Ohio is recognized for 5 minutes.\n"
        "Mr. SMITH of Ohio. Mr. Speaker, the bill is long overdue.\n"
        "Mr. BURTON. Will the gentleman yield?\n"
        "Mr. SMITH of Ohio. I yield to the gentleman from Indiana.\n"
        "Mr. BURTON. Does the bill cover contractors?\n"
        "Mr. SMITH of Ohio. It does. I reserve the balance of my time.\n"
        "The SPEAKER pro tempore. The gentlewoman from Texas is recognized.\n"
        "Ms. JONES. Mr. Speaker, I rise in support of the bill. Why would we wait?\n"
        "The SPEAKER pro tempore. The time of the gentlewoman has expired.\n"
    )
    transcript, _ = load(tmp_path, "floor.txt", text)
    assert transcript.genre == FLOOR_DEBATE
    assert runs(transcript) == [("mr-burton", ["t3", "t4", "t5", "t6"])]


def test_floor_debate_time_yielded_to_a_speaker_is_no_exchange(tmp_path):
    text = (
        "The SPEAKER pro tempore. The gentleman from Ohio is recognized.\n"
        "Mr. SMITH of Ohio. Mr. Speaker, I yield 5 minutes to the gentleman from Indiana.\n"
        "Mr. BURTON. Mr. Speaker, why should we pass this bill? Because it works.\n"
        "Mr. SMITH of Ohio. Mr. Speaker, I yield back the balance of my time.\n"
    )
    transcript, _ = load(tmp_path, "floor.txt", text)
    assert transcript.exchanges == ()


def test_interview_each_question_is_an_exchange_with_its_answer():
    transcript = load_transcript(FIXTURES / "exchanges-interview" / "input.txt", Report())
    assert roles(transcript) == {"Ross-Nazzal": QUESTIONER, "Abernathy": COMPANY}
    assert [len(e.turns) for e in transcript.exchanges] == [2, 4, 2, 2]  # `Tell us about…` asks too
    assert transcript.turns[-1].exchange is None  # the closing thanks answers nothing


def test_q_and_a_labels_make_an_interview(tmp_path):
    transcript, _ = load(tmp_path, "x.txt", "Q: Where were you born?\nA: Bexley.\nQ: And then?\nA: Boston.\n")
    assert transcript.genre == INTERVIEW and roles(transcript) == {"Q": QUESTIONER, "A": COMPANY}
    assert runs(transcript) == [("q", ["t1", "t2"]), ("q", ["t3", "t4"])]


def test_podcast_host_interviewing_a_guest_has_exchanges_and_placeholders_stay_unknown():
    transcript = load_transcript(FIXTURES / "exchanges-podcast" / "input.txt", Report())
    people = roles(transcript)
    assert people["Dana Whitfield"] == QUESTIONER and people["Priya Raman"] == COMPANY
    assert people["Unknown Speaker"] == UNKNOWN
    assert askers(transcript) == ["Dana Whitfield"] * 3
    assert transcript.turns[0].exchange is None and transcript.turns[-1].exchange is None  # welcome and sign-off


def test_podcast_conversation_without_question_structure_has_no_exchanges(tmp_path):
    text = "".join(
        f"{name}  0:{n:02d}  \n{said}\n\n"
        for n, (name, said) in enumerate([
            ("Emma", "Welcome back, everyone. Today we talk about portfolios."),
            ("Kelly", "I love portfolios. Mine is a mess, though."),
            ("Ali", "Mine too. Have you seen mine?"),
            ("Emma", "I have. It is lovely."),
            ("Kelly", "Let's start with what goes in one."),
            ("Ali", "Projects, first of all."),
        ])
    )
    transcript, _ = load(tmp_path, "pod.txt", text)
    assert transcript.genre == PODCAST
    assert transcript.exchanges == () and set(roles(transcript).values()) == {UNKNOWN}


def test_earnings_call_without_operator_still_gives_exchanges_when_an_analyst_speaks(tmp_path):
    text = (
        "Dana Whitfield - Chief Executive Officer\n\nRevenue grew.\n\nQuestion-and-Answer Session\n\n"
        "Priya Raman - UBS Securities LLC\n\nWhy?\n\nDana Whitfield - Chief Executive Officer\n\nDemand.\n\n"
        "Lee Chen - Keystone Capital\n\nAnd Europe?\n\nDana Whitfield - Chief Executive Officer\n\nFlat.\n"
    )
    transcript, _ = load(tmp_path, "call.txt", text)
    assert transcript.genre == EARNINGS_CALL
    assert runs(transcript) == [("priya-raman", ["t2", "t3"]), ("lee-chen", ["t4", "t5"])]


# --- no turn of a question is lost between two exchanges -----------------------------------------

ASKING = ["Why did margins fall?", "What about Europe?", "Does it cover contractors?", "How many sites?"]
SAYING = ["Demand grew.", "The roof leaked.", "We moved twice.", "It is on page forty.", "Thank you."]


def _layout(genre: str, turns: list[tuple[int, bool]]) -> str:
    """A generated talk of `genre`: (who, asks) per turn, written as the genre's files write it."""
    people = {
        COURT: ["MR. CHIEF JUSTICE HALE", "MR. JUSTICE PRICE", "MR. JUSTICE FELL", "MISS OKAFOR", "MR. LINDQVIST"],
        HEARING: ["The CHAIRMAN.", "Ms. JONES of Texas.", "Mr. LEE.", "Ms. OKAFOR.", "Mr. HADDAD."],
        FLOOR_DEBATE: ["The SPEAKER pro tempore.", "Mr. SMITH of Ohio.", "Mr. BURTON.", "Ms. JONES.", "Mr. LEE."],
        INTERVIEW: ["MODERATOR:", "WRIGHT:", "ROSS:", "KRANZ:", "ABERNATHY:"],
        EARNINGS_CALL: ["Operator:", "Priya Raman:", "Lee Chen:", "Dana Whitfield:", "Omar Haddad:"],
    }[genre]
    head = {COURT: "OPENING ARGUMENT OF ADA OKAFOR ON BEHALF OF PETITIONER\n",
            HEARING: "STATEMENT OF ADA OKAFOR, DIRECTOR\n", EARNINGS_CALL: "Q&A\n"}.get(genre, "")
    body = []
    for n, (who, asks) in enumerate(turns):
        label = people[who]
        said = (ASKING if asks else SAYING)[n % 4]
        if genre == EARNINGS_CALL and who == 0 and asks:
            said = "Our next question comes from Priya Raman with UBS."
        body.append(f"{label}: {said}" if label.isupper() and not label.endswith(".") and ":" not in label
                    else f"{label} {said}")
    return f"---\ngenre: {genre}\n---\n{head}" + "\n".join(body) + "\n"


talks = st.lists(st.tuples(st.integers(0, 4), st.booleans()), min_size=1, max_size=14)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(genre=st.sampled_from([COURT, HEARING, FLOOR_DEBATE, INTERVIEW, EARNINGS_CALL]), talk=talks)
def test_every_turn_is_in_exactly_one_exchange_or_outside_by_rule(tmp_path, genre, talk):
    transcript, _ = load(tmp_path, "talk.txt", _layout(genre, talk))
    assert transcript.genre == genre
    order = {t.id: n for n, t in enumerate(transcript.turns)}
    claimed: dict[str, str] = {}
    for exchange in transcript.exchanges:
        assert exchange.turns, "an exchange has turns"
        positions = [order[t] for t in exchange.turns]
        assert positions == list(range(positions[0], positions[0] + len(positions))), "an exchange is one run"
        for turn_id in exchange.turns:
            assert turn_id not in claimed, f"{turn_id} in {claimed.get(turn_id)} and {exchange.id}"
            claimed[turn_id] = exchange.id
        first = transcript.turns[positions[0]]
        assert first.speaker == exchange.questioner or genre == EARNINGS_CALL  # a call's opens at the operator
        assert len({transcript.turns[p].section for p in positions}) == 1
    assert [e.id for e in transcript.exchanges] == [f"q{n}" for n in range(1, len(transcript.exchanges) + 1)]
    people = {s.id: s.role for s in transcript.speakers}
    for turn in transcript.turns:
        assert turn.exchange == claimed.get(turn.id)
        if turn.exchange is None and genre in (COURT, HEARING, INTERVIEW):
            # Outside by rule: the presiding officer's procedure, talk before any question, a statement
            # nobody answers, the asker's closing words; never an answer with its question in an exchange.
            index = order[turn.id]
            before = transcript.turns[index - 1] if index else None
            answered_inside = before is not None and before.exchange is not None and people.get(turn.speaker) == COMPANY
            assert not answered_inside, f"{turn.id} answers {before.exchange} but is outside it"
