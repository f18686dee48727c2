"""Refinitiv (StreetEvents) calls extracted from PDF, read right (../shared/corpus/real/refinitiv).

Each expectation is worked out from the source text here, independently of the reader: its speaker
lines (each stands after a separator line that holds a space), its participant lists, its line ends.
The files are commercial: they are read from beside the clone and never copied into the project;
tests/fixtures/streetevents-pdf-quirks is an invented call that keeps each quirk.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from onrecord.diagnostics import Report
from onrecord.model import COMPANY, MODERATOR, QA, QUESTIONER
from onrecord.pipeline import load_transcript
from onrecord.readers import choose
from onrecord.source import read

from .conftest import FIXTURES, REAL

FAMILY = REAL / "refinitiv"
FILES = sorted(FAMILY.glob("*.txt")) if FAMILY.is_dir() else []
HEADINGS = {"PRESENTATION", "QUESTIONS AND ANSWERS"}
INLINE = re.compile(r"^(?P<name>[^;^]{2,60});[^^]+\^")
SENTENCE_END = re.compile(r"(?:[.?!][\"”’)]?|\([^()]*\))$")
real = pytest.mark.skipif(not FILES, reason=f"the real corpus is not beside the clone ({FAMILY})")
_loaded: dict[Path, tuple] = {}


def load(path: Path):
    if path not in _loaded:
        report = Report()
        _loaded[path] = (load_transcript(path, report), report)
    return _loaded[path]


def source_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def part(path: Path, start: str, ends: tuple[str, ...]) -> list[str]:
    text = source_lines(path)
    first = text.index(start) + 1
    last = next((i for i in range(first, len(text)) if text[i].strip() in ends), len(text))
    return text[first:last]


def talk(path: Path) -> list[str]:
    return [line for line in part(path, "PRESENTATION", ("DISCLAIMER",)) if line.strip() not in HEADINGS]


def qa_start(path: Path) -> int:
    """How many speaker lines stand before QUESTIONS AND ANSWERS."""
    before = part(path, "PRESENTATION", ("QUESTIONS AND ANSWERS",))
    return len(_names(before))


def listed(path: Path, heading: str) -> dict[str, str]:
    """name -> `Firm - Title` as a participant list gives them (a wrapped title joined)."""
    people: dict[str, str] = {}
    name = None
    for line in part(path, heading, ("CONFERENCE CALL PARTICIPANTS", "PRESENTATION")):
        text = line.strip()
        if not text:
            name = None
        elif name is None:
            name = text
            people[name] = ""
        else:
            people[name] = f"{people[name]} {text}".strip()
    return people


def spoken_names(path: Path) -> list[str]:
    """Who the source says speaks, turn by turn: the line after each separator, or a `Name;Firm;Title^` label."""
    return _names(talk(path))


def _names(lines: list[str]) -> list[str]:
    names = []
    for index, line in enumerate(lines):
        if match := INLINE.match(line):
            names.append(match["name"])
        elif line.strip() and index and not lines[index - 1].strip():
            names.append(line.strip())
    return names


def turn_text(transcript) -> str:
    return "\n".join(p for t in transcript.turns for p in t.paragraphs)


@real
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_refinitiv_file_is_read_as_streetevents(path):
    name, _, _ = choose(read(path, Report()), Report())
    assert name == "streetevents"


@real
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_refinitiv_title_company_and_stated_date_come_from_the_file(path):
    transcript, report = load(path)
    company = Counter(a.split(" - ")[0] for a in listed(path, "CORPORATE PARTICIPANTS").values() if a)
    assert transcript.organisation == company.most_common(1)[0][0]
    assert not any("taken from the file name" in d.message for d in report.diagnostics)
    assert transcript.title.endswith("Call") and transcript.title in " ".join(talk(path)[:40]).replace("\n", " ")
    # These PDF extractions carry no EVENT DATE header: the day is known only where a speaker says it.
    stated = re.search(r"\btoday, ([A-Z][a-z]+ \d{1,2}, \d{4})", " ".join(line.strip() for line in talk(path)))
    if stated:
        month, day, year = stated.group(1).replace(",", "").split()
        assert transcript.date == f"{year}-{'JanFebMarAprMayJunJulAugSepOctNovDec'.index(month[:3]) // 3 + 1:02d}-{int(day):02d}"
    else:
        assert transcript.date is None  # never a date the file does not give


@real
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_refinitiv_paragraph_ends_at_single_newline_after_sentence(path):
    transcript, _ = load(path)
    # The source's own paragraphs: lines from one sentence end (before no lower-case word) to the next.
    longest, words, ends = 0, 0, 0
    lines = [line.strip() for line in talk(path)]
    for index, line in enumerate(lines):
        words = 0 if not line else words + len(line.split())
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not following or SENTENCE_END.search(line) and not following[:1].islower():
            longest, words = max(longest, words), 0
            ends += bool(line) and bool(following)
    paragraphs = [p for t in transcript.turns for p in t.paragraphs]
    assert max(len(p.split()) for p in paragraphs) <= max(400, longest)
    # One paragraph per sentence-ending line end inside a turn (less a few after "Inc." and initials).
    inside = ends
    assert 0.9 * inside <= len(paragraphs) - len(transcript.turns) <= inside


@real
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_refinitiv_every_speaker_line_gives_a_turn(path):
    transcript, _ = load(path)
    names = spoken_names(path)
    by_id = {s.id: s for s in transcript.speakers}
    assert [by_id[t.speaker].name for t in transcript.turns] == names
    assert all(t.speaker for t in transcript.turns)


@real
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_refinitiv_no_turn_starts_with_a_title_fragment(path):
    transcript, _ = load(path)
    titles = {a.split(" - ", 1)[1] for heading in ("CORPORATE PARTICIPANTS", "CONFERENCE CALL PARTICIPANTS")
              for a in listed(path, heading).values() if " - " in a}
    tails = {" ".join(title.split()[-n:]) for title in titles for n in (1, 2, 3)}
    for turn in transcript.turns:
        first = turn.paragraphs[0] if turn.paragraphs else ""
        assert not any(first.startswith(f"{tail} ") for tail in tails if tail[:1].isupper()), (turn.id, first[:60])


@real
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_refinitiv_introduction_opens_the_exchange_it_introduces(path):
    transcript, _ = load(path)
    roles = {s.id: s.role for s in transcript.speakers}
    turns = transcript.turns
    for turn, following in zip(turns, turns[1:]):
        if turn.section == QA and roles[turn.speaker] == MODERATOR and roles[following.speaker] == QUESTIONER:
            assert turn.exchange is not None and turn.exchange == following.exchange, turn.id
            exchange = next(e for e in transcript.exchanges if e.id == turn.exchange)
            assert exchange.turns[0] == turn.id and exchange.questioner == following.speaker
    assert all(t.exchange for t in turns if t.section == QA)


@real
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_refinitiv_one_exchange_per_analyst_question(path):
    """An analyst asks anew when the operator has just given them the line, or when another analyst spoke last."""
    transcript, _ = load(path)
    names = spoken_names(path)
    presenting = set(names[: qa_start(path)])
    answering = set(listed(path, "CORPORATE PARTICIPANTS")) | presenting
    questions, asking, previous = 0, None, None
    for name in names[qa_start(path):]:
        if name != "Operator" and name not in answering:
            questions += previous == "Operator" or name != asking
            asking = name
        previous = name
    assert questions > 0
    assert len(transcript.exchanges) == questions


@real
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_refinitiv_disclaimer_and_participant_lists_are_notes_never_speech(path):
    transcript, _ = load(path)
    spoken = turn_text(transcript)
    disclaimer = [line.strip() for line in part(path, "DISCLAIMER", ()) if line.strip()] if "DISCLAIMER" in source_lines(path) else []
    for line in disclaimer:
        assert line not in spoken
    if disclaimer:
        assert "Disclaimer" in [n.title for n in transcript.notes]
    for heading in ("CORPORATE PARTICIPANTS", "CONFERENCE CALL PARTICIPANTS"):
        assert heading not in spoken
        for affiliation in listed(path, heading).values():
            assert affiliation not in spoken.replace("\n", " ") or not affiliation
    assert transcript.reading.kept >= 0.995


@real
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_refinitiv_roles_follow_the_lists_and_the_talk(path):
    transcript, _ = load(path)
    company = set(listed(path, "CORPORATE PARTICIPANTS"))
    roles = {s.name: s.role for s in transcript.speakers}
    assert roles["Operator"] == MODERATOR
    for name in company & set(roles):
        assert roles[name] == COMPANY
    questioners = {e.questioner for e in transcript.exchanges}
    assert all(transcript.speaker(q).role == QUESTIONER for q in questioners)


# The invented fixture with every quirk ----------------------------------------------------------------

def quirks():
    return load_transcript(FIXTURES / "streetevents-pdf-quirks" / "input.txt", Report())


def test_streetevents_wrapped_title_line_is_taken_whole_as_the_affiliation():
    transcript = quirks()
    priya = next(s for s in transcript.speakers if s.name == "Priya Raman")
    assert priya.title == "MD, Head of Industrial Technology Research & Senior Research Analyst"
    asked = next(t for t in transcript.turns if t.speaker == "priya-raman")
    assert asked.paragraphs[0].startswith("I want to follow up")


def test_streetevents_semicolon_label_unidentified_analyst_and_participant_without_firm_give_turns():
    transcript = quirks()
    speakers = [t.speaker for t in transcript.turns]
    assert speakers.count("priya-raman") == 2 and "input-unidentified-analyst" in speakers
    assert transcript.speaker("input-unidentified-analyst").role == QUESTIONER
    assert transcript.speaker("lena-brandt").role == COMPANY
    assert [e.questioner for e in transcript.exchanges] == ["priya-raman", "input-unidentified-analyst", "tomas-ortega"]
    assert all(transcript.turns_of(e)[0].speaker == "input-operator" for e in transcript.exchanges)


def test_streetevents_single_newline_after_a_sentence_ends_a_paragraph():
    transcript = quirks()
    dana = next(t for t in transcript.turns if t.speaker == "dana-k-whitfield")
    assert len(dana.paragraphs) == 3
    assert dana.paragraphs[0].endswith("across North America and Europe.")
    omar = next(t for t in transcript.turns if t.speaker == "omar-haddad")
    assert omar.paragraphs[0].endswith("as the Ohio line reaches full rate.")  # "2025 as … full\nrate." is a wrap


def test_streetevents_title_and_date_as_the_call_says_them():
    transcript = quirks()
    assert transcript.title == "Northwind Robotics Fourth Quarter 2024 Earnings Conference Call"
    assert transcript.date == "2025-02-05"


def test_streetevents_page_headers_and_footers_give_facts_and_never_cut_speech(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text(
        "CORPORATE PARTICIPANTS\n \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\nPRESENTATION\n \nOperator\n"
        "Welcome. I would now like to turn the call over\n"
        "REFINITIV STREETEVENTS | www.refinitiv.com | Contact Us\n"
        "FEBRUARY 05, 2025 / 10:00PM GMT, NWRB.N - Q4 2024 Northwind Robotics Inc Earnings Call\n"
        "to Dana Whitfield.\n \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\nThank you.\n",
        encoding="utf-8",
    )
    transcript = load_transcript(path, Report())
    assert transcript.turns[0].paragraphs == ("Welcome. I would now like to turn the call over to Dana Whitfield.",)
    assert (transcript.title, transcript.date, transcript.meta["ticker"]) == (
        "Q4 2024 Northwind Robotics Inc Earnings Call", "2025-02-05", "NWRB.N")
    assert "Page headers and footers" in [n.title for n in transcript.notes]


def test_streetevents_call_without_qa_heading_or_introductions_still_gives_exchanges(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text(
        "CORPORATE PARTICIPANTS\n \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\n"
        "CONFERENCE CALL PARTICIPANTS\n \nPriya Raman\nHarbor Lane Securities - Analyst\n \nLee Chen\nKeystone - Analyst\n"
        "PRESENTATION\n \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\nRevenue grew 18%.\n"
        " \nPriya Raman\nHarbor Lane Securities - Analyst\nHow much was pricing?\n"
        " \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\nA third.\n"
        " \nLee Chen\nKeystone - Analyst\nAnd Europe?\n"
        " \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\nA fifth.\n",
        encoding="utf-8",
    )
    transcript = load_transcript(path, Report())
    assert [t.section for t in transcript.turns] == ["remarks", "qa", "qa", "qa", "qa"]
    assert [(e.questioner, e.turns) for e in transcript.exchanges] == [
        ("priya-raman", ("t2", "t3")), ("lee-chen", ("t4", "t5"))]


def test_streetevents_firm_in_lower_case_on_the_affiliation_line_still_opens_a_turn(tmp_path):
    # The StreetEvents reader already read these (the block layout's `Name - firm` lines were the ones lost);
    # kept so that it goes on doing so.
    path = tmp_path / "call.txt"
    path.write_text(
        "CORPORATE PARTICIPANTS\n \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\n \nPRESENTATION\n \n"
        "Dana Whitfield\nNorthwind Robotics, Inc. - CEO\nRevenue grew.\n \nQUESTIONS AND ANSWERS\n \nOperator\n"
        "Our first question comes from John Style with javascript Capital.\n \n"
        "John Style\njavascript Capital LLC - Analyst\nHow much was pricing?\n \n"
        "Dana Whitfield\nNorthwind Robotics, Inc. - CEO\nA third.\n \nOperator\nNext, Jane Doe with eBay.\n \n"
        "Jane Doe\neBay Inc. - Analyst\nAnd Europe?\n",
        encoding="utf-8",
    )
    report = Report()
    transcript = load_transcript(path, report)
    assert [(t.speaker, t.paragraphs) for t in transcript.turns if t.speaker in ("john-style", "jane-doe")] == [
        ("john-style", ("How much was pricing?",)), ("jane-doe", ("And Europe?",))]
    assert "reading.introduced_silent" not in report.codes()
